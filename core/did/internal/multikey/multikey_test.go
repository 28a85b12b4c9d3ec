package multikey

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"
)

// Vectors from draft-msporny-base58-03 §5 and the multiformats
// unsigned-varint README.
func TestBase58(t *testing.T) {
	for _, tc := range []struct{ hex, b58 string }{
		{hex.EncodeToString([]byte("Hello World!")), "2NEpo7TZRRrLZSi2U"},
		{hex.EncodeToString([]byte("The quick brown fox jumps over the lazy dog.")), "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"},
		{"0000287fb4cd", "11233QC4"},
		{"00", "1"},
		{"0000", "11"},
		{"ff", "5Q"},
	} {
		b, _ := hex.DecodeString(tc.hex)
		if got := EncodeBase58(b); got != tc.b58 {
			t.Errorf("EncodeBase58(%s) = %q, want %q", tc.hex, got, tc.b58)
		}
		got, err := DecodeBase58(tc.b58)
		if err != nil || !bytes.Equal(got, b) {
			t.Errorf("DecodeBase58(%q) = %x, %v; want %s", tc.b58, got, err, tc.hex)
		}
	}
	for _, bad := range []string{"", "0", "O", "I", "l", "abc+", "é"} {
		if _, err := DecodeBase58(bad); !errors.Is(err, errBase58) {
			t.Errorf("DecodeBase58(%q) error %v", bad, err)
		}
	}
}

func TestUvarint(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		v    uint64
		n    int
		fail bool
	}{
		{[]byte{0x01}, 1, 1, false},
		{[]byte{0x7f}, 127, 1, false},
		{[]byte{0x80, 0x01}, 128, 2, false},
		{[]byte{0xff, 0x01}, 255, 2, false},
		{[]byte{0xed, 0x01, 0xaa}, 0xed, 2, false},
		{[]byte{0x80, 0x24}, 0x1200, 2, false},
		{[]byte{0x85, 0x24}, 0x1205, 2, false},
		{[]byte{}, 0, 0, true},
		{[]byte{0x80}, 0, 0, true},
		{[]byte{0x80, 0x00}, 0, 0, true}, // non-minimal
		{bytes.Repeat([]byte{0xff}, 10), 0, 0, true},
	} {
		v, n, err := uvarint(tc.in)
		if tc.fail != (err != nil) || v != tc.v || n != tc.n {
			t.Errorf("uvarint(%x) = %d, %d, %v", tc.in, v, n, err)
		}
		if !tc.fail {
			if enc := appendUvarint(nil, v); !bytes.Equal(enc, tc.in[:n]) {
				t.Errorf("appendUvarint(%d) = %x", v, enc)
			}
		}
	}
}

func FuzzBase58(f *testing.F) {
	f.Add([]byte{0, 0, 1, 2, 255})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1000 {
			return
		}
		got, err := DecodeBase58(EncodeBase58(b))
		if len(b) == 0 {
			return
		}
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("round trip of %x: %x, %v", b, got, err)
		}
	})
}
