package status_test

import (
	"testing"

	"github.com/gxwallet/gxwallet/core/status"
)

// BenchmarkBitstringDecodeLookup decodes a 131,072-entry list (gzip,
// multibase) with 1% of its bits set and looks up one index: the work of
// one status check after the fetch.
func BenchmarkBitstringDecodeLookup(b *testing.B) {
	bs, err := status.NewBitstring(status.DefaultMinEntries, 1)
	if err != nil {
		b.Fatal(err)
	}
	for i := uint64(0); i < status.DefaultMinEntries; i += 97 {
		bs.Set(i, 1)
	}
	enc, err := bs.Encode()
	if err != nil {
		b.Fatal(err)
	}
	entry := status.Entry{Kind: status.KindBitstring, Purpose: "revocation", Index: 97 * 975, Size: 1}
	b.SetBytes(status.DefaultMinEntries / 8)
	b.ReportAllocs()
	for b.Loop() {
		l, err := status.DecodeEncodedList(enc)
		if err != nil {
			b.Fatal(err)
		}
		r, err := status.Lookup(entry, l)
		if err != nil || r.Status != 1 {
			b.Fatal(r, err)
		}
	}
}

// BenchmarkTokenDecodeLookup is the Token Status List twin: 2^20 one-bit
// statuses, zlib.
func BenchmarkTokenDecodeLookup(b *testing.B) {
	st := make([]byte, 1<<20)
	for i := 0; i < len(st); i += 97 {
		st[i] = 1
	}
	lst, err := status.EncodeTokenList(1, st)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(1 << 17)
	b.ReportAllocs()
	for b.Loop() {
		l, err := status.DecodeTokenList(1, lst)
		if err != nil {
			b.Fatal(err)
		}
		if s, err := l.Status(97 * 1000); err != nil || s != status.TokenInvalid {
			b.Fatal(s, err)
		}
	}
}
