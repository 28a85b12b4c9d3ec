package status_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/gxwallet/gxwallet/core/status"
)

func TestBitstringRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for size := 1; size <= status.MaxStatusSize; size++ {
		const n = 4096
		b, err := status.NewBitstring(n, size)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]uint64, n)
		for i := range want {
			if r.IntN(4) == 0 {
				want[i] = r.Uint64N(1 << size)
				if err := b.Set(uint64(i), want[i]); err != nil {
					t.Fatal(err)
				}
			}
		}
		enc, err := b.Encode()
		if err != nil {
			t.Fatal(err)
		}
		l, err := status.DecodeEncodedList(enc)
		if err != nil {
			t.Fatal(err)
		}
		if l.MissingPrefix || enc[0] != 'u' {
			t.Fatalf("size %d: encoder must write the u prefix", size)
		}
		for i, w := range want {
			if got, err := l.Status(uint64(i), size); err != nil || got != w {
				t.Fatalf("size %d index %d: %d, %v; want %d", size, i, got, err, w)
			}
		}
	}
}

func TestBitstringBuilderErrors(t *testing.T) {
	if _, err := status.NewBitstring(8, 0); status.CodeOf(err) != status.CodeMalformed {
		t.Errorf("size 0: %v", err)
	}
	if _, err := status.NewBitstring(8, status.MaxStatusSize+1); status.CodeOf(err) != status.CodeMalformed {
		t.Errorf("size 9: %v", err)
	}
	if _, err := status.NewBitstring(status.MaxDecompressedBytes*8+1, 1); status.CodeOf(err) != status.CodeTooLarge {
		t.Errorf("too many entries: %v", err)
	}
	b, _ := status.NewBitstring(8, 2)
	if err := b.Set(8, 1); status.CodeOf(err) != status.CodeOutOfRange {
		t.Errorf("index 8: %v", err)
	}
	if err := b.Set(0, 4); status.CodeOf(err) != status.CodeMalformed {
		t.Errorf("value 4 in 2 bits: %v", err)
	}
	if _, err := status.EncodeBitstring(nil); status.CodeOf(err) != status.CodeTooLarge {
		t.Errorf("empty: %v", err)
	}
}

// TestEncodeBitstringSpecExample: the spec's all-zero 131,072-entry list
// decodes to the same bitstring as ours (gzip bytes may differ).
func TestEncodeBitstringSpecExample(t *testing.T) {
	const spec = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
	b, _ := status.NewBitstring(status.DefaultMinEntries, 1)
	enc, err := b.Encode()
	if err != nil {
		t.Fatal(err)
	}
	ours, err := status.DecodeEncodedList(enc)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := status.DecodeEncodedList(spec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(status.ListBytes(ours), status.ListBytes(theirs)) {
		t.Fatal("bitstrings differ")
	}
}

func TestTokenListRoundTrip(t *testing.T) {
	// §4.1 examples: the statuses of the 1-bit and 2-bit lists.
	one := []byte{1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1}
	two := []byte{1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3}
	r := rand.New(rand.NewPCG(3, 4))
	for _, tt := range []struct {
		bits     int
		statuses []byte
		raw      []byte
	}{
		{1, one, []byte{0xb9, 0xa3}},
		{2, two, []byte{0xc9, 0x44, 0xf9}},
		{4, randStatuses(r, 1000, 4), nil},
		{8, randStatuses(r, 1000, 8), nil},
	} {
		lst, err := status.EncodeTokenList(tt.bits, tt.statuses)
		if err != nil {
			t.Fatal(err)
		}
		l, err := status.DecodeTokenList(tt.bits, lst)
		if err != nil {
			t.Fatal(err)
		}
		if tt.raw != nil && !bytes.Equal(status.TokenBytes(l), tt.raw) {
			t.Errorf("bits %d: bytes %x, want %x", tt.bits, status.TokenBytes(l), tt.raw)
		}
		for i, w := range tt.statuses {
			if got, err := l.Status(uint64(i)); err != nil || byte(got) != w {
				t.Fatalf("bits %d index %d: %d, %v; want %d", tt.bits, i, got, err, w)
			}
		}
	}
	if _, err := status.EncodeTokenList(3, one); status.CodeOf(err) != status.CodeMalformed {
		t.Errorf("bits 3: %v", err)
	}
	if _, err := status.EncodeTokenList(1, []byte{2}); status.CodeOf(err) != status.CodeMalformed {
		t.Errorf("value 2 in 1 bit: %v", err)
	}
	if _, err := status.EncodeTokenList(1, nil); status.CodeOf(err) != status.CodeTooLarge {
		t.Errorf("empty: %v", err)
	}
}

func randStatuses(r *rand.Rand, n, bits int) []byte {
	out := make([]byte, n)
	for i := range out {
		out[i] = byte(r.IntN(1 << bits))
	}
	return out
}
