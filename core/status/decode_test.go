package status_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
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

// deflateBomb returns a raw DEFLATE stream that inflates to copies MiB of
// zeros, built from one compressed MiB repeated: the flushed segment is
// byte-aligned and not final, and each copy only refers back to zeros.
// The stream is about copies KiB long.
func deflateBomb(t *testing.T, copies int) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(make([]byte, 1<<20))
	if err := fw.Flush(); err != nil {
		t.Fatal(err)
	}
	seg := append([]byte{}, buf.Bytes()...)
	buf.Reset()
	if err := fw.Close(); err != nil { // the final, empty block
		t.Fatal(err)
	}
	tail := buf.Bytes()
	out := make([]byte, 0, len(seg)*copies+len(tail))
	for range copies {
		out = append(out, seg...)
	}
	return append(out, tail...)
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
	body := deflateBomb(t, gib>>20)
	// RFC 1952: header, DEFLATE data, CRC-32 and ISIZE. The CRC is left
	// zero: the decoder must give up long before it reaches it.
	gz := append([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff}, body...)
	gz = binary.LittleEndian.AppendUint32(gz, 0)
	gz = binary.LittleEndian.AppendUint32(gz, uint32(gib&0xffffffff))
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
	body := deflateBomb(t, gib>>20)
	z := append([]byte{0x78, 0xda}, body...)
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
	if testing.Short() {
		t.Skip("inflates 32 MiB")
	}
	for _, tt := range []struct {
		n      int
		expect status.Code
	}{{status.MaxDecompressedBytes, ""}, {status.MaxDecompressedBytes + 1, status.CodeTooLarge}} {
		_, err := status.DecodeEncodedList(u(gzipBytes(t, make([]byte, tt.n))))
		expectCode(t, "edge", err, tt.expect)
	}
}
