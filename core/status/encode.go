package status

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"encoding/base64"

	"github.com/gxwallet/gxwallet/core/status/internal/bitstring"
)

// Bitstring builds a BSL status list (BSL v1.0 §3.1 "Generate
// Algorithm"): a fixed number of entries of one statusSize, all zero until
// [Bitstring.Set].
type Bitstring struct {
	size    int
	entries uint64
	b       []byte
}

// NewBitstring returns a list of entries values of size bits. The
// bitstring is rounded up to whole bytes; it must fit
// [MaxDecompressedBytes]. It does not enforce [DefaultMinEntries]: an
// issuer that wants herd privacy asks for at least that many.
func NewBitstring(entries uint64, size int) (*Bitstring, error) {
	if size < 1 || size > MaxStatusSize {
		return nil, errorf(CodeMalformed, "statusSize %d outside 1..%d", size, MaxStatusSize)
	}
	if entries == 0 || entries > MaxDecompressedBytes*8/uint64(size) {
		return nil, errorf(CodeTooLarge, "%d entries of %d bits do not fit %d bytes", entries, size, MaxDecompressedBytes)
	}
	n := (entries*uint64(size) + 7) / 8
	return &Bitstring{size: size, entries: entries, b: make([]byte, n)}, nil
}

// Set stores value at index, MSB-first. It fails with [CodeOutOfRange]
// when index is not below the entry count, and with [CodeMalformed] when
// value does not fit statusSize bits.
func (b *Bitstring) Set(index, value uint64) error {
	if index >= b.entries {
		return errorf(CodeOutOfRange, "index %d beyond %d entries", index, b.entries)
	}
	if value>>b.size != 0 {
		return errorf(CodeMalformed, "value %d does not fit %d bits", value, b.size)
	}
	bitstring.SetMSB(b.b, index, b.size, value)
	return nil
}

// Encode returns the encodedList value: multibase base64url (prefix "u")
// of the GZIP-compressed bitstring (BSL v1.0 §3.1 step 4).
func (b *Bitstring) Encode() (string, error) { return EncodeBitstring(b.b) }

// EncodeBitstring returns the encodedList value for a raw MSB-first
// bitstring: "u" followed by unpadded base64url of its GZIP (RFC 1952)
// compression, with no name and a zero modification time so the output is
// deterministic.
func EncodeBitstring(bits []byte) (string, error) {
	if len(bits) == 0 || len(bits) > MaxDecompressedBytes {
		return "", errorf(CodeTooLarge, "bitstring of %d bytes outside 1..%d", len(bits), MaxDecompressedBytes)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return "", errorf(CodeBadCompression, "gzip: %w", err)
	}
	if _, err := zw.Write(bits); err != nil {
		return "", errorf(CodeBadCompression, "gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", errorf(CodeBadCompression, "gzip: %w", err)
	}
	return "u" + base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}

// EncodeTokenList packs statuses (one value per byte, each below
// 2^bits) LSB-first into a Token Status List byte array (§4.1) and
// returns lst: unpadded base64url of its ZLIB (RFC 1950) compression at
// the best level.
func EncodeTokenList(bits int, statuses []byte) (string, error) {
	switch bits {
	case 1, 2, 4, 8:
	default:
		return "", errorf(CodeMalformed, "bits %d is not 1, 2, 4 or 8", bits)
	}
	if len(statuses) == 0 || uint64(len(statuses)) > MaxDecompressedBytes*8/uint64(bits) {
		return "", errorf(CodeTooLarge, "%d statuses of %d bits do not fit %d bytes", len(statuses), bits, MaxDecompressedBytes)
	}
	raw := make([]byte, (len(statuses)*bits+7)/8)
	for i, v := range statuses {
		if bits < 8 && v>>bits != 0 {
			return "", errorf(CodeMalformed, "status %d at %d does not fit %d bits", v, i, bits)
		}
		bitstring.SetLSB(raw, uint64(i), bits, uint64(v))
	}
	var buf bytes.Buffer
	zw, err := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	if err != nil {
		return "", errorf(CodeBadCompression, "zlib: %w", err)
	}
	if _, err := zw.Write(raw); err != nil {
		return "", errorf(CodeBadCompression, "zlib: %w", err)
	}
	if err := zw.Close(); err != nil {
		return "", errorf(CodeBadCompression, "zlib: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(buf.Bytes()), nil
}
