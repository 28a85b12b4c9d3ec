package status_test

import (
	"bytes"
	"testing"

	"github.com/gxwallet/gxwallet/core/status"
)

// FuzzDecodeBitstring: DecodeEncodedList never panics, every error
// carries a code, and a decoded list survives EncodeBitstring unchanged.
// Seeds come from the vector loader.
func FuzzDecodeBitstring(f *testing.F) {
	for _, s := range seedEncodedLists(f) {
		f.Add(s, uint64(94567), 1)
	}
	f.Fuzz(func(t *testing.T, enc string, index uint64, size int) {
		l, err := status.DecodeEncodedList(enc)
		if err != nil {
			if status.CodeOf(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if _, err := l.Status(index, size); err != nil && status.CodeOf(err) == "" {
			t.Fatalf("Status: error without a code: %v", err)
		}
		re, err := status.EncodeBitstring(status.ListBytes(l))
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		l2, err := status.DecodeEncodedList(re)
		if err != nil {
			t.Fatalf("decode re-encoded: %v", err)
		}
		if !bytes.Equal(status.ListBytes(l), status.ListBytes(l2)) {
			t.Fatal("round trip changed the bitstring")
		}
	})
}

// FuzzTokenStatusList: DecodeTokenList and ParseTokenStatusList never
// panic, every error carries a code, and a decoded list re-encodes to the
// same statuses. Seeds come from the vector loader.
func FuzzTokenStatusList(f *testing.F) {
	for _, s := range seedTokenLists(f) {
		f.Add(s.bits, s.lst, s.payload, uint64(0))
	}
	f.Fuzz(func(t *testing.T, bits int, lst string, payload []byte, idx uint64) {
		if _, err := status.ParseTokenStatusList(payload); err != nil && status.CodeOf(err) == "" {
			t.Fatalf("ParseTokenStatusList: error without a code: %v", err)
		}
		l, err := status.DecodeTokenList(bits, lst)
		if err != nil {
			if status.CodeOf(err) == "" {
				t.Fatalf("DecodeTokenList: error without a code: %v", err)
			}
			return
		}
		if _, err := l.Status(idx); err != nil && status.CodeOf(err) == "" {
			t.Fatalf("Status: error without a code: %v", err)
		}
		if l.Len() > 1<<16 {
			return // keep each run fast; the round trip is size-independent
		}
		statuses := make([]byte, l.Len())
		for i := range statuses {
			s, err := l.Status(uint64(i))
			if err != nil {
				t.Fatal(err)
			}
			statuses[i] = byte(s)
		}
		re, err := status.EncodeTokenList(bits, statuses)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		l2, err := status.DecodeTokenList(bits, re)
		if err != nil {
			t.Fatalf("decode re-encoded: %v", err)
		}
		if !bytes.Equal(status.TokenBytes(l), status.TokenBytes(l2)) {
			t.Fatal("round trip changed the list")
		}
	})
}
