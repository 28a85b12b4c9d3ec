package store

import (
	"encoding/binary"
	"fmt"
)

// Envelope is a record as stored: the schema version it was written at,
// its type, a random nonce and the AES-GCM ciphertext of its JSON body.
// The associated data binds the wallet id, version, type and record id
// (see [recordAD]), so a record moved to another id, another type,
// another version or another wallet no longer opens.
//
// Binary form (all in one KV value):
//
//	"GXR" 0x01             magic and format
//	uvarint                version (1 ≤ v ≤ SchemaVersion at the time of writing)
//	byte n, n bytes        type, [a-z]{1,32}
//	12 bytes               nonce
//	≥ 16 bytes             ciphertext ‖ tag
type Envelope struct {
	Version    int
	Type       Type
	Nonce      []byte
	Ciphertext []byte
}

var envelopeMagic = [4]byte{'G', 'X', 'R', 1}

// maxVersion bounds the version field: far above any real schema, low
// enough that int conversions never overflow.
const maxVersion = 1 << 20

// MarshalBinary encodes e. It fails on a field out of range.
func (e Envelope) MarshalBinary() ([]byte, error) {
	if err := e.check(); err != nil {
		return nil, err
	}
	b := make([]byte, 0, 4+binary.MaxVarintLen64+1+len(e.Type)+len(e.Nonce)+len(e.Ciphertext))
	b = append(b, envelopeMagic[:]...)
	b = binary.AppendUvarint(b, uint64(e.Version))
	b = append(b, byte(len(e.Type)))
	b = append(b, e.Type...)
	b = append(b, e.Nonce...)
	b = append(b, e.Ciphertext...)
	if len(b) > MaxRecordBytes {
		return nil, errorf("envelope", "", "%w: %d bytes exceeds %d", ErrMalformed, len(b), MaxRecordBytes)
	}
	return b, nil
}

func (e Envelope) check() error {
	switch {
	case e.Version < 1 || e.Version > maxVersion:
		return errorf("envelope", "", "%w: version %d", ErrMalformed, e.Version)
	case !e.Type.valid():
		return errorf("envelope", "", "%w: type %q", ErrMalformed, trunc(string(e.Type)))
	case len(e.Nonce) != NonceSize:
		return errorf("envelope", "", "%w: nonce of %d bytes", ErrMalformed, len(e.Nonce))
	case len(e.Ciphertext) < TagSize:
		return errorf("envelope", "", "%w: ciphertext of %d bytes", ErrMalformed, len(e.Ciphertext))
	}
	return nil
}

// ParseEnvelope decodes the binary form of an [Envelope]. It checks the
// form only, not authenticity (that is AES-GCM's job when the record is
// opened). Every error is an [*Error] wrapping [ErrMalformed]. The
// result's slices alias b.
func ParseEnvelope(b []byte) (Envelope, error) {
	bad := func(format string, args ...any) (Envelope, error) {
		return Envelope{}, &Error{Op: "envelope", Err: fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, args...)...)}
	}
	if len(b) > MaxRecordBytes {
		return bad("%d bytes exceeds %d", len(b), MaxRecordBytes)
	}
	if len(b) < len(envelopeMagic) || [4]byte(b[:4]) != envelopeMagic {
		return bad("not a record envelope")
	}
	b = b[4:]
	v, n := binary.Uvarint(b)
	if n <= 0 || v < 1 || v > maxVersion {
		return bad("bad version")
	}
	b = b[n:]
	if len(b) < 1 {
		return bad("truncated type")
	}
	tl := int(b[0])
	b = b[1:]
	if len(b) < tl {
		return bad("truncated type")
	}
	e := Envelope{Version: int(v), Type: Type(b[:tl])}
	b = b[tl:]
	if len(b) < NonceSize+TagSize {
		return bad("truncated nonce or ciphertext")
	}
	e.Nonce, e.Ciphertext = b[:NonceSize:NonceSize], b[NonceSize:]
	if err := e.check(); err != nil {
		return Envelope{}, err
	}
	return e, nil
}

// recordAD is the AES-GCM associated data of a record: a domain label,
// then each field length-prefixed so no two tuples share an encoding.
func recordAD(walletID []byte, version int, typ Type, id string) []byte {
	ad := []byte("gxwallet/record\x00")
	ad = binary.AppendUvarint(ad, uint64(len(walletID)))
	ad = append(ad, walletID...)
	ad = binary.AppendUvarint(ad, uint64(version))
	ad = binary.AppendUvarint(ad, uint64(len(typ)))
	ad = append(ad, typ...)
	ad = binary.AppendUvarint(ad, uint64(len(id)))
	ad = append(ad, id...)
	return ad
}

// slotAD is the associated data of a wrapped wallet key.
func slotAD(walletID []byte, s KeySlot) []byte {
	ad := []byte("gxwallet/keyslot\x00")
	for _, f := range [][]byte{walletID, []byte(s.ID), []byte(s.Kind)} {
		ad = binary.AppendUvarint(ad, uint64(len(f)))
		ad = append(ad, f...)
	}
	return ad
}
