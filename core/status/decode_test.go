package status_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/status"
)

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func u(b []byte) string { return "u" + base64.RawURLEncoding.EncodeToString(b) }

func TestDecodeEncodedListErrors(t *testing.T) {
	good := gzipBytes(t, make([]byte, 16384))
	tests := []struct {
		name   string
		in     string
		expect status.Code
	}{
		{"ok", u(good), ""},
		{"ok without prefix", u(good)[1:], ""},
		{"empty", "", status.CodeBadEncoding},
		{"prefix only", "u", status.CodeBadEncoding},
		{"not base64url", "u!!!!", status.CodeBadEncoding},
		{"standard base64 alphabet", "u" + strings.NewReplacer("-", "+", "_", "/").Replace(u(good)[1:]), status.CodeBadEncoding},
		{"padded", u(good) + "==", status.CodeBadEncoding},
		{"base58btc multibase", "z" + u(good)[1:], status.CodeBadEncoding},
		{"non-canonical trailing bits", "uH5", status.CodeBadEncoding},
		{"unprefixed but not gzip", base64.RawURLEncoding.EncodeToString([]byte("hello")), status.CodeBadEncoding},
		{"not gzip", u([]byte("hello, world")), status.CodeBadCompression},
		{"zlib instead of gzip", u(zlibBytes(t, make([]byte, 16384))), status.CodeBadCompression},
		{"truncated gzip", u(good[:len(good)-5]), status.CodeBadCompression},
		{"truncated deflate", u(good[:12]), status.CodeBadCompression},
		{"bad crc", u(flip(good, len(good)-6)), status.CodeBadCompression},
		{"trailing data", u(append(append([]byte{}, good...), 0)), status.CodeBadCompression},
		{"two gzip members", u(append(append([]byte{}, good...), good...)), status.CodeBadCompression},
		{"empty bitstring", u(gzipBytes(t, nil)), status.CodeListTooShort},
		{"too long", "u" + strings.Repeat("A", status.MaxEncodedBytes+1), status.CodeTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := status.DecodeEncodedList(tt.in)
			expectCode(t, "DecodeEncodedList", err, tt.expect)
		})
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte{}, b...)
	c[i] ^= 0xff
	return c
}

func zlibBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zeroDeflate returns a raw DEFLATE stream that inflates to n zero
// bytes. Whole MiB come from one compressed MiB repeated: a flushed
// segment is byte-aligned and not final, and each copy only refers back to
// zeros. So a 1 GiB stream is about 1 MiB long and quick to build.
func zeroDeflate(t *testing.T, n int) []byte {
	t.Helper()
	segment := func(size int) (seg, tail []byte) {
		var buf bytes.Buffer
		fw, err := flate.NewWriter(&buf, flate.BestCompression)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(make([]byte, size))
		if err := fw.Flush(); err != nil {
			t.Fatal(err)
		}
		seg = append([]byte{}, buf.Bytes()...)
		buf.Reset()
		if err := fw.Close(); err != nil { // the final, empty block
			t.Fatal(err)
		}
		return seg, buf.Bytes()
	}
	mib, tail := segment(1 << 20)
	out := make([]byte, 0, len(mib)*(n>>20+1)+len(tail))
	for range n >> 20 {
		out = append(out, mib...)
	}
	if rest := n & (1<<20 - 1); rest > 0 {
		seg, _ := segment(rest)
		out = append(out, seg...)
	}
	return append(out, tail...)
}

// gzipWrap frames a raw DEFLATE stream as one RFC 1952 member.
func gzipWrap(body []byte, crc uint32, size int) []byte {
	gz := append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff}, body...)
	gz = binary.LittleEndian.AppendUint32(gz, crc)
	return binary.LittleEndian.AppendUint32(gz, uint32(size&0xffffffff))
}

// measure runs f and returns the bytes it allocated and its duration.
func measure(f func()) (uint64, time.Duration) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	d := time.Since(start)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, d
}

const gib = 1 << 30

// TestGzipBomb: a 1 GiB bitstring compressed to about 1 MiB is refused
// after inflating MaxDecompressedBytes+1, never the whole GiB.
func TestGzipBomb(t *testing.T) {
	// The CRC-32 is left zero: the decoder must give up long before it
	// reaches the trailer.
	gz := gzipWrap(zeroDeflate(t, gib), 0, gib)
	enc := u(gz)
	if len(enc) > status.MaxEncodedBytes {
		t.Fatalf("bomb of %d characters hits the compressed bound; it must test the decompressed one", len(enc))
	}
	var err error
	alloc, d := measure(func() { _, err = status.DecodeEncodedList(enc) })
	expectCode(t, "gzip bomb", err, status.CodeTooLarge)
	t.Logf("compressed %d bytes, refused after %v, allocated %d MiB", len(gz), d, alloc>>20)
	if alloc > 8*status.MaxDecompressedBytes {
		t.Errorf("allocated %d bytes for a refused bomb; the bound is %d", alloc, status.MaxDecompressedBytes)
	}
}

// TestZlibBomb is the Token Status List twin of TestGzipBomb.
func TestZlibBomb(t *testing.T) {
	z := append([]byte{0x78, 0xda}, zeroDeflate(t, gib)...)
	z = binary.BigEndian.AppendUint32(z, 0) // Adler-32, never reached
	lst := base64.RawURLEncoding.EncodeToString(z)
	var err error
	alloc, d := measure(func() { _, err = status.DecodeTokenList(1, lst) })
	expectCode(t, "zlib bomb", err, status.CodeTooLarge)
	t.Logf("compressed %d bytes, refused after %v, allocated %d MiB", len(z), d, alloc>>20)
	if alloc > 8*status.MaxDecompressedBytes {
		t.Errorf("allocated %d bytes for a refused bomb; the bound is %d", alloc, status.MaxDecompressedBytes)
	}
}

// TestDecompressedLimitEdge: exactly MaxDecompressedBytes is accepted,
// one byte more is not.
func TestDecompressedLimitEdge(t *testing.T) {
	for _, tt := range []struct {
		n      int
		expect status.Code
	}{{status.MaxDecompressedBytes, ""}, {status.MaxDecompressedBytes + 1, status.CodeTooLarge}} {
		crc := crc32.ChecksumIEEE(make([]byte, tt.n))
		_, err := status.DecodeEncodedList(u(gzipWrap(zeroDeflate(t, tt.n), crc, tt.n)))
		expectCode(t, fmt.Sprint(tt.n), err, tt.expect)
	}
}
