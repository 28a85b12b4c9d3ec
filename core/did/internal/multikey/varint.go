package multikey

import (
	"encoding/binary"
	"errors"
)

// maxVarintLen is the longest unsigned varint the multiformats spec allows
// (https://github.com/multiformats/unsigned-varint: "at most 9 bytes").
const maxVarintLen = 9

var errVarint = errors.New("invalid multicodec varint")

// uvarint decodes a multiformats unsigned varint at the start of b and
// returns the value and the number of bytes read. It refuses truncated,
// over-long and non-minimal encodings, as the multiformats spec requires.
func uvarint(b []byte) (uint64, int, error) {
	var v uint64
	for i := 0; i < len(b) && i < maxVarintLen; i++ {
		c := b[i]
		v |= uint64(c&0x7f) << (7 * i)
		if c&0x80 == 0 {
			if c == 0 && i > 0 {
				return 0, 0, errVarint // non-minimal: trailing zero group
			}
			return v, i + 1, nil
		}
	}
	return 0, 0, errVarint
}

// appendUvarint appends the minimal varint encoding of v.
func appendUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }
