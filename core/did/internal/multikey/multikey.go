// Package multikey encodes and decodes public keys in the multibase +
// multicodec form shared by did:key and the Multikey verification method
// type (Controlled Identifiers v1.0 §2.2.2,
// https://www.w3.org/TR/cid-1.0/#Multikey; did:key v0.9,
// https://w3c-ccg.github.io/did-method-key/):
//
//	'z' || base58btc( varint(codec) || key bytes )
//
// Only the codecs a verifier of Gaia-X credentials needs are accepted:
// ed25519-pub (0xed, 32 bytes), p256-pub (0x1200, 33-byte compressed
// SEC1 point), p384-pub (0x1201, 49-byte compressed point) and rsa-pub
// (0x1205, PKCS#1 RSAPublicKey DER). Everything else fails with
// [ErrUnsupportedKeyType].
package multikey

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
)

// Multicodec codes (https://github.com/multiformats/multicodec, table.csv).
const (
	CodecEd25519 = 0xed
	CodecP256    = 0x1200
	CodecP384    = 0x1201
	CodecRSA     = 0x1205
)

// Bounds on RSA keys. The floor matches core/jose.MinRSABits (RFC 7518
// §3.3); the ceiling keeps a hostile DID from costing seconds per
// signature check.
const (
	MinRSABits = 2048
	MaxRSABits = 8192
)

// Errors callers branch on.
var (
	// ErrUnsupportedKeyType reports a well-formed multikey whose codec is
	// not one of the four accepted (secp256k1, X25519, BLS, P-521, …).
	ErrUnsupportedKeyType = errors.New("unsupported public key type")
	// ErrInvalidKey reports malformed multibase, varint or key bytes.
	ErrInvalidKey = errors.New("invalid public key")
)

// codecNames names the codecs we refuse, for clearer errors.
var codecNames = map[uint64]string{
	0xe7:   "secp256k1-pub",
	0xec:   "x25519-pub",
	0xea:   "bls12_381-g1-pub",
	0xeb:   "bls12_381-g2-pub",
	0xee:   "bls12_381-g1g2-pub",
	0x1202: "p521-pub",
	0x1203: "ed448-pub",
	0x1204: "x448-pub",
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidKey, fmt.Sprintf(format, args...))
}

// Decode decodes a multibase-encoded multikey ("z6Mk…", "zDn…", "z82…",
// "z4MX…") into an ed25519.PublicKey, *ecdsa.PublicKey or *rsa.PublicKey.
// It does not check what the key may be used for.
func Decode(mb string) (crypto.PublicKey, error) {
	if len(mb) == 0 || mb[0] != 'z' {
		return nil, invalid("multibase prefix must be 'z' (base58btc)")
	}
	raw, err := DecodeBase58(mb[1:])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidKey, err)
	}
	codec, n, err := uvarint(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidKey, err)
	}
	return decodeKey(codec, raw[n:])
}

func decodeKey(codec uint64, b []byte) (crypto.PublicKey, error) {
	switch codec {
	case CodecEd25519:
		if len(b) != ed25519.PublicKeySize {
			return nil, invalid("ed25519 key is %d bytes, want %d", len(b), ed25519.PublicKeySize)
		}
		return ed25519.PublicKey(append([]byte(nil), b...)), nil
	case CodecP256:
		return decompress(elliptic.P256(), b)
	case CodecP384:
		return decompress(elliptic.P384(), b)
	case CodecRSA:
		if len(b) > MaxRSABits/8+64 {
			return nil, invalid("rsa key is %d bytes", len(b))
		}
		pub, err := x509.ParsePKCS1PublicKey(b)
		if err != nil {
			return nil, invalid("rsa key is not PKCS#1 RSAPublicKey DER")
		}
		if bits := pub.N.BitLen(); bits < MinRSABits || bits > MaxRSABits {
			return nil, invalid("rsa key of %d bits is outside [%d, %d]", bits, MinRSABits, MaxRSABits)
		}
		return pub, nil
	}
	if name, ok := codecNames[codec]; ok {
		return nil, fmt.Errorf("%w: %s (0x%x)", ErrUnsupportedKeyType, name, codec)
	}
	return nil, fmt.Errorf("%w: multicodec 0x%x", ErrUnsupportedKeyType, codec)
}

// decompress parses a compressed SEC1 point (0x02/0x03 || X).
func decompress(curve elliptic.Curve, b []byte) (*ecdsa.PublicKey, error) {
	size := (curve.Params().BitSize + 7) / 8
	name := curve.Params().Name
	if len(b) != 1+size {
		return nil, invalid("%s key is %d bytes, want %d (compressed point)", name, len(b), 1+size)
	}
	x, y := elliptic.UnmarshalCompressed(curve, b)
	if x == nil {
		return nil, invalid("%s key is not a compressed point on the curve", name)
	}
	uncompressed := make([]byte, 1+2*size)
	uncompressed[0] = 4
	x.FillBytes(uncompressed[1 : 1+size])
	y.FillBytes(uncompressed[1+size:])
	pub, err := ecdsa.ParseUncompressedPublicKey(curve, uncompressed)
	if err != nil {
		return nil, invalid("%s key: %v", name, err)
	}
	return pub, nil
}

// Encode encodes pub as a multibase multikey. It accepts the key types
// [Decode] returns: Ed25519, ECDSA P-256 and P-384, and RSA of 2048 to
// 8192 bits.
func Encode(pub crypto.PublicKey) (string, error) {
	var codec uint64
	var key []byte
	switch k := pub.(type) {
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return "", invalid("ed25519 key is %d bytes", len(k))
		}
		codec, key = CodecEd25519, k
	case *ecdsa.PublicKey:
		if k == nil || k.Curve == nil {
			return "", invalid("nil ecdsa key")
		}
		switch k.Curve {
		case elliptic.P256():
			codec = CodecP256
		case elliptic.P384():
			codec = CodecP384
		default:
			return "", fmt.Errorf("%w: ecdsa curve %s", ErrUnsupportedKeyType, k.Curve.Params().Name)
		}
		u, err := k.Bytes()
		if err != nil {
			return "", invalid("ecdsa key: %v", err)
		}
		size := (len(u) - 1) / 2
		key = make([]byte, 1+size)
		key[0] = 2 | u[len(u)-1]&1
		copy(key[1:], u[1:1+size])
	case *rsa.PublicKey:
		if k == nil || k.N == nil {
			return "", invalid("nil rsa key")
		}
		if bits := k.N.BitLen(); bits < MinRSABits || bits > MaxRSABits {
			return "", invalid("rsa key of %d bits is outside [%d, %d]", bits, MinRSABits, MaxRSABits)
		}
		codec, key = CodecRSA, x509.MarshalPKCS1PublicKey(k)
	default:
		return "", fmt.Errorf("%w: %T", ErrUnsupportedKeyType, pub)
	}
	b := appendUvarint(make([]byte, 0, 3+len(key)), codec)
	return "z" + EncodeBase58(append(b, key...)), nil
}
