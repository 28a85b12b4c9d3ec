package did

import (
	"crypto"
	"crypto/ed25519"
	"errors"
	"fmt"

	"github.com/gxwallet/gxwallet/core/did/internal/multikey"
	"github.com/gxwallet/gxwallet/core/jose"
)

// ErrUnsupportedKeyType is wrapped by the errors of
// [VerificationMethod.PublicKey] and of did:key decoding when a multikey
// names a key type this module does not accept (secp256k1, X25519, BLS,
// P-521, …). Only Ed25519, ECDSA P-256 and P-384, and RSA are accepted.
var ErrUnsupportedKeyType = multikey.ErrUnsupportedKeyType

// Verification method types whose key must be Ed25519.
const (
	typeEd25519VerificationKey2018 = "Ed25519VerificationKey2018"
	typeEd25519VerificationKey2020 = "Ed25519VerificationKey2020"
)

// PublicKey returns the method's public key as an *ecdsa.PublicKey,
// ed25519.PublicKey or *rsa.PublicKey. It reads publicKeyJwk (through
// [jose.ParsePublicJWK], which refuses private members and RSA keys under
// 2048 bits), publicKeyMultibase (a multikey: 'z' base58btc, multicodec
// ed25519-pub, p256-pub, p384-pub or rsa-pub), or publicKeyBase58 for
// Ed25519VerificationKey2018. Errors are [*Error] with
// [CodeInvalidDIDDocument]; an unsupported multikey type also wraps
// [ErrUnsupportedKeyType].
//
// It does not check that the key suits the method's Type beyond requiring
// Ed25519 for the Ed25519VerificationKey types, nor the JWK's "use",
// "key_ops" or "alg": the caller pairs the key with an algorithm from its
// allowlist.
func (vm VerificationMethod) PublicKey() (crypto.PublicKey, error) {
	fail := func(err error) (crypto.PublicKey, error) {
		return nil, &Error{Code: CodeInvalidDIDDocument, Input: vm.ID, Err: err}
	}
	var pub crypto.PublicKey
	switch {
	case len(vm.PublicKeyJwk) > 0:
		if vm.PublicKeyMultibase != "" || vm.PublicKeyBase58 != "" {
			return fail(errors.New("more than one key member"))
		}
		k, err := jose.ParsePublicJWK(vm.PublicKeyJwk)
		if err != nil {
			return fail(fmt.Errorf("publicKeyJwk: %w", err))
		}
		pub = k
	case vm.PublicKeyMultibase != "":
		if vm.PublicKeyBase58 != "" {
			return fail(errors.New("more than one key member"))
		}
		k, err := multikey.Decode(vm.PublicKeyMultibase)
		if err != nil {
			return fail(fmt.Errorf("publicKeyMultibase: %w", err))
		}
		pub = k
	case vm.PublicKeyBase58 != "":
		if vm.Type != typeEd25519VerificationKey2018 {
			return fail(fmt.Errorf("publicKeyBase58 is read only for %s, not %s", typeEd25519VerificationKey2018, quote(vm.Type)))
		}
		b, err := multikey.DecodeBase58(vm.PublicKeyBase58)
		if err != nil {
			return fail(fmt.Errorf("publicKeyBase58: %w", err))
		}
		if len(b) != ed25519.PublicKeySize {
			return fail(fmt.Errorf("publicKeyBase58: ed25519 key is %d bytes, want %d", len(b), ed25519.PublicKeySize))
		}
		pub = ed25519.PublicKey(b)
	default:
		return fail(errors.New("no publicKeyJwk, publicKeyMultibase or publicKeyBase58"))
	}
	if vm.Type == typeEd25519VerificationKey2018 || vm.Type == typeEd25519VerificationKey2020 {
		if _, ok := pub.(ed25519.PublicKey); !ok {
			return fail(fmt.Errorf("%s holds a %T, not an Ed25519 key", vm.Type, pub))
		}
	}
	return pub, nil
}
