package multikey

import (
	"errors"
	"fmt"
)

// The Bitcoin base58 alphabet used by multibase "base58btc" (prefix 'z'),
// https://datatracker.ietf.org/doc/html/draft-msporny-base58-03.
const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

var decodeMap = func() (m [256]int8) {
	for i := range m {
		m[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		m[alphabet[i]] = int8(i)
	}
	return m
}()

// maxBase58Len bounds the encoded text. Decoding is quadratic in the
// length, and the largest key we accept (RSA-8192, PKCS#1 DER, about 1.1
// KiB) encodes to about 1.5 Ki characters.
const maxBase58Len = 2048

// errBase58 is wrapped by every base58 decoding error.
var errBase58 = errors.New("invalid base58btc")

// EncodeBase58 encodes b in base58btc (without a multibase prefix).
func EncodeBase58(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	// log(256)/log(58) ≈ 1.366; allocate a little more.
	out := make([]byte, 0, len(b)*138/100+1)
	digits := make([]byte, 0, len(b)*138/100+1) // little-endian base58 digits
	for _, c := range b[zeros:] {
		carry := int(c)
		for i := range digits {
			carry += int(digits[i]) << 8
			digits[i] = byte(carry % 58)
			carry /= 58
		}
		for carry > 0 {
			digits = append(digits, byte(carry%58))
			carry /= 58
		}
	}
	for range zeros {
		out = append(out, '1')
	}
	for i := len(digits) - 1; i >= 0; i-- {
		out = append(out, alphabet[digits[i]])
	}
	return string(out)
}

// DecodeBase58 decodes base58btc text (without a multibase prefix). It
// refuses empty input, characters outside the alphabet and text longer
// than the package bound.
func DecodeBase58(s string) ([]byte, error) {
	if s == "" {
		return nil, fmt.Errorf("%w: empty", errBase58)
	}
	if len(s) > maxBase58Len {
		return nil, fmt.Errorf("%w: %d characters is over the %d bound", errBase58, len(s), maxBase58Len)
	}
	zeros := 0
	for zeros < len(s) && s[zeros] == '1' {
		zeros++
	}
	bytesLE := make([]byte, 0, len(s)*733/1000+1) // little-endian base256
	for i := zeros; i < len(s); i++ {
		v := decodeMap[s[i]]
		if v < 0 {
			return nil, fmt.Errorf("%w: character %q at offset %d", errBase58, rune(s[i]), i)
		}
		carry := int(v)
		for j := range bytesLE {
			carry += int(bytesLE[j]) * 58
			bytesLE[j] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			bytesLE = append(bytesLE, byte(carry))
			carry >>= 8
		}
	}
	out := make([]byte, zeros, zeros+len(bytesLE))
	for i := len(bytesLE) - 1; i >= 0; i-- {
		out = append(out, bytesLE[i])
	}
	return out, nil
}
