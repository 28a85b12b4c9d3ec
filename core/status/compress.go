package status

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"
	"errors"
	"io"
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
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, errorf(CodeBadCompression, "gzip header: %w", err)
	}
	zr.Multistream(false)
	out, err := readBounded(zr, "gzip")
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
	out, err := readBounded(zr, "zlib")
	if err != nil {
		return nil, err
	}
	if br.Len() != 0 {
		return nil, errorf(CodeBadCompression, "%d bytes after the zlib stream", br.Len())
	}
	return out, nil
}

// compress/flate wraps a reader without ReadByte in a bufio.Reader, which
// would hide trailing data; *bytes.Reader has ReadByte.
var _ io.ByteReader = (*bytes.Reader)(nil)

// readBounded reads r to its end, but never more than
// MaxDecompressedBytes+1 bytes: one byte over the limit proves the list
// too large without inflating the rest.
func readBounded(r io.Reader, what string) ([]byte, error) {
	out, err := io.ReadAll(io.LimitReader(r, MaxDecompressedBytes+1))
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
