// Package bitstring reads and writes packed status values. Two layouts
// exist and they are opposite:
//
//   - MSB-first, W3C Bitstring Status List v1.0 §2.2/§3.1
//     (https://www.w3.org/TR/vc-bitstring-status-list/): index 0 is the most
//     significant bit of byte 0, and a value of s bits occupies bits
//     [i*s, i*s+s), the first of them the most significant.
//   - LSB-first, IETF Token Status List §4.1
//     (https://datatracker.ietf.org/doc/draft-ietf-oauth-status-list/):
//     index i occupies bits starting at (i*bits)%8 of byte i*bits/8,
//     counted from the least significant bit; bits is 1, 2, 4 or 8 so a
//     value never spans two bytes.
//
// Callers validate size before calling; these functions only report
// whether the index is in range.
package bitstring

// Entries returns how many values of size bits fit in b.
func Entries(b []byte, size int) uint64 {
	if size <= 0 {
		return 0
	}
	return uint64(len(b)) * 8 / uint64(size)
}

// GetMSB returns the MSB-first value of size bits at index, and false
// when the index is out of range. size is between 1 and 64.
func GetMSB(b []byte, index uint64, size int) (uint64, bool) {
	if index >= Entries(b, size) {
		return 0, false
	}
	pos := index * uint64(size)
	var v uint64
	for k := uint64(0); k < uint64(size); k++ {
		p := pos + k
		v = v<<1 | uint64(b[p/8]>>(7-p%8))&1
	}
	return v, true
}

// SetMSB stores the low size bits of v at index, MSB-first. It reports
// false when the index is out of range.
func SetMSB(b []byte, index uint64, size int, v uint64) bool {
	if index >= Entries(b, size) {
		return false
	}
	pos := index * uint64(size)
	for k := uint64(0); k < uint64(size); k++ {
		p := pos + k
		bit := byte(v>>(uint64(size)-1-k)) & 1
		mask := byte(1) << (7 - p%8)
		b[p/8] = b[p/8]&^mask | bit<<(7-p%8)
	}
	return true
}

// GetLSB returns the LSB-first value of bits (1, 2, 4 or 8) at index, and
// false when the index is out of range.
func GetLSB(b []byte, index uint64, bits int) (uint64, bool) {
	if index >= Entries(b, bits) {
		return 0, false
	}
	pos := index * uint64(bits)
	mask := byte(1)<<bits - 1
	if bits == 8 {
		mask = 0xff
	}
	return uint64(b[pos/8] >> (pos % 8) & mask), true
}

// SetLSB stores the low bits of v at index, LSB-first. It reports false
// when the index is out of range.
func SetLSB(b []byte, index uint64, bits int, v uint64) bool {
	if index >= Entries(b, bits) {
		return false
	}
	pos := index * uint64(bits)
	mask := byte(1)<<bits - 1
	if bits == 8 {
		mask = 0xff
	}
	shift := pos % 8
	b[pos/8] = b[pos/8]&^(mask<<shift) | (byte(v)&mask)<<shift
	return true
}
