package status

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"sync"
)

// decodeBase64URL decodes unpadded base64url text, as both BSL (multibase
// "u", https://www.w3.org/TR/controller-document/#multibase-0) and the
// Token Status List (§4.1, RFC 4648 §5 without padding) require.
func decodeBase64URL(s, what string) ([]byte, error) {
	if len(s) > MaxEncodedBytes {
		return nil, errorf(CodeTooLarge, "%s of %d characters exceeds %d", what, len(s), MaxEncodedBytes)
	}
	if s == "" {
		return nil, errorf(CodeBadEncoding, "%s is empty", what)
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, errorf(CodeBadEncoding, "%s is not unpadded base64url: %w", what, err)
	}
	return b, nil
}

// gunzip inflates one GZIP member (RFC 1952), refusing more than
// MaxDecompressedBytes of output and any data after the member.
func gunzip(b []byte) ([]byte, error) {
	br := bytes.NewReader(b)
	zr, _ := gzipReaders.Get().(*gzip.Reader)
	var err error
	if zr == nil {
		zr, err = gzip.NewReader(br)
	} else {
		err = zr.Reset(br)
	}
	if err != nil {
		return nil, errorf(CodeBadCompression, "gzip header: %w", err)
	}
	defer gzipReaders.Put(zr)
	zr.Multistream(false)
	// The GZIP trailer's ISIZE (RFC 1952 §2.3.1) is the inflated size
	// mod 2^32: a hint to size the buffer once, never trusted as a bound.
	hint := 0
	if len(b) >= 18 {
		hint = int(binary.LittleEndian.Uint32(b[len(b)-4:]))
	}
	out, err := readBounded(zr, "gzip", hint)
	if err != nil {
		return nil, err
	}
	if br.Len() != 0 {
		return nil, errorf(CodeBadCompression, "%d bytes after the gzip member", br.Len())
	}
	return out, nil
}

// unzlib inflates a ZLIB stream (RFC 1950), refusing more than
// MaxDecompressedBytes of output and any data after the stream.
func unzlib(b []byte) ([]byte, error) {
	br := bytes.NewReader(b)
	zr, err := zlib.NewReader(br)
	if err != nil {
		return nil, errorf(CodeBadCompression, "zlib header: %w", err)
	}
	out, err := readBounded(zr, "zlib", 0)
	if err != nil {
		return nil, err
	}
	if br.Len() != 0 {
		return nil, errorf(CodeBadCompression, "%d bytes after the zlib stream", br.Len())
	}
	return out, nil
}

// gzipReaders recycles gzip readers (and their inflate state) across
// status list decodes.
var gzipReaders sync.Pool

// compress/flate wraps a reader without ReadByte in a bufio.Reader, which
// would hide trailing data; *bytes.Reader has ReadByte.
var _ io.ByteReader = (*bytes.Reader)(nil)

// readBounded reads r to its end, but never more than
// MaxDecompressedBytes+1 bytes: one byte over the limit proves the list
// too large without inflating the rest.
func readBounded(r io.Reader, what string, hint int) ([]byte, error) {
	if hint <= 0 || hint > MaxDecompressedBytes {
		hint = 16 << 10 // a 131 072-entry list, the spec's minimum
	}
	buf := bytes.NewBuffer(make([]byte, 0, hint+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(r, MaxDecompressedBytes+1))
	out := buf.Bytes()
	if len(out) > MaxDecompressedBytes {
		return nil, errorf(CodeTooLarge, "%s inflates to more than %d bytes", what, MaxDecompressedBytes)
	}
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, errorf(CodeBadCompression, "%s stream is truncated", what)
		}
		return nil, errorf(CodeBadCompression, "%s: %w", what, err)
	}
	return out, nil
}
