// Package key implements the did:key method, version 0.9
// (https://w3c-ccg.github.io/did-method-key/): a DID that is a public key,
// multibase base58btc-encoded with a multicodec prefix, and a document
// derived from it without any I/O.
//
// Four key types are accepted, the ones Gaia-X credentials use: Ed25519
// (ed25519-pub 0xed, "z6Mk…"), ECDSA P-256 (p256-pub 0x1200, "zDn…"),
// ECDSA P-384 (p384-pub 0x1201, "z82…") and RSA (rsa-pub 0x1205, PKCS#1
// DER, "z4MX…" for 2048 bits). Others (secp256k1, X25519, BLS12-381,
// P-521) fail with [did.CodeInvalidDID] wrapping [did.ErrUnsupportedKeyType].
//
// Entry points: [Resolver] builds the document; [Encode] names a public
// key; [Decode] reads the key back.
//
// # Security considerations
//
// A did:key document proves nothing about who holds the key: anyone can
// mint one. It only binds a signature to the key in the identifier, so
// trust in a did:key issuer must come from elsewhere (a trust list, a
// parent credential). The DID is decoded with bounded input
// ([did.MaxDIDLength]), minimal varints, compressed EC points checked to be
// on the curve, and RSA moduli between 2048 and 8192 bits. The document
// carries one JsonWebKey2020 method and lists it under authentication,
// assertionMethod, capabilityInvocation and capabilityDelegation, but not
// keyAgreement: none of the accepted key types is used for key agreement
// here (the spec would derive an X25519 key from Ed25519; we do not).
package key

import (
	"context"
	"crypto"
	"encoding/json"
	"fmt"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/did/internal/multikey"
	"github.com/gxwallet/gxwallet/core/jose"
)

// Method is the DID method name.
const Method = "key"

// methodType is the verification method type of the documents we build
// (did:key §3.1.2 with publicKeyFormat JsonWebKey2020).
const methodType = "JsonWebKey2020"

// Encode returns the did:key naming pub, an ed25519.PublicKey,
// *ecdsa.PublicKey on P-256 or P-384, or *rsa.PublicKey of 2048 to 8192
// bits. Other keys fail with [did.CodeInvalidDID] wrapping
// [did.ErrUnsupportedKeyType].
func Encode(pub crypto.PublicKey) (did.DID, error) {
	mb, err := multikey.Encode(pub)
	if err != nil {
		return did.DID{}, &did.Error{Code: did.CodeInvalidDID, Err: fmt.Errorf("did:key: %w", err)}
	}
	return did.DID{Method: Method, ID: mb}, nil
}

// Decode returns the public key a did:key names. The error is a
// [*did.Error]: [did.CodeMethodNotSupported] for another method,
// [did.CodeInvalidDID] otherwise (wrapping [did.ErrUnsupportedKeyType]
// for a key type we do not accept). It does not check any DID URL
// fragment: pass the DID only.
func Decode(d did.DID) (crypto.PublicKey, error) {
	if d.Method != Method {
		return nil, &did.Error{Code: did.CodeMethodNotSupported, Input: d.String(), Err: fmt.Errorf("not a did:key")}
	}
	if len(d.ID) > did.MaxDIDLength {
		return nil, &did.Error{Code: did.CodeInvalidDID, Input: d.String(), Err: fmt.Errorf("too long")}
	}
	pub, err := multikey.Decode(d.ID)
	if err != nil {
		return nil, &did.Error{Code: did.CodeInvalidDID, Input: d.String(), Err: err}
	}
	return pub, nil
}

// Resolver resolves did:key DIDs without I/O. Its zero value is ready.
type Resolver struct{}

// Resolve implements [did.Resolver]: it decodes the key and returns a
// document with one JsonWebKey2020 method "did:key:<mb>#<mb>" listed
// under authentication, assertionMethod, capabilityInvocation and
// capabilityDelegation. Errors are those of [Decode].
func (Resolver) Resolve(_ context.Context, d did.DID) (*did.Document, error) {
	pub, err := Decode(d)
	if err != nil {
		return nil, err
	}
	return document(d, pub)
}

// document builds the did:key document for d, whose key is pub.
func document(d did.DID, pub crypto.PublicKey) (*did.Document, error) {
	jwk, err := jose.PublicJWK(pub)
	if err != nil {
		return nil, &did.Error{Code: did.CodeInternalError, Input: d.String(), Err: err}
	}
	id := d.String()
	vm := did.VerificationMethod{
		ID:           id + "#" + d.ID,
		Type:         methodType,
		Controller:   id,
		PublicKeyJwk: jwk,
	}
	ref := func() []did.MethodRef { return []did.MethodRef{{ID: vm.ID}} }
	return &did.Document{
		Context:              json.RawMessage(`["https://www.w3.org/ns/did/v1","https://w3id.org/security/suites/jws-2020/v1"]`),
		ID:                   id,
		VerificationMethod:   []did.VerificationMethod{vm},
		Authentication:       ref(),
		AssertionMethod:      ref(),
		CapabilityInvocation: ref(),
		CapabilityDelegation: ref(),
	}, nil
}
