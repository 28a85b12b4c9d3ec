// Package jwk implements the did:jwk method
// (https://github.com/quartzjer/did-jwk/blob/main/spec.md, the draft as of
// 2023): a DID that is a base64url-encoded JSON Web Key, and a document
// derived from it without any I/O.
//
// Entry points: [Resolver] builds the document; [Encode] names a public
// key.
//
// # Security considerations
//
// As with did:key, anyone can mint a did:jwk; it binds a signature to a
// key, not to an identity. The decoded JWK is bounded ([jose.MaxJWKBytes]),
// read strictly (duplicate members refused) and must hold public material
// only: a JWK with "d", "k" or other private members is refused, as the
// spec requires. Signing keys must be Ed25519, ECDSA P-256/P-384/P-521 or
// RSA of at least 2048 bits (whatever [jose.ParsePublicJWK] accepts); an
// X25519 key is accepted only with "use":"enc" and then appears under
// keyAgreement alone. The same key can be written as many did:jwk strings
// (member order, optional members), so compare DIDs, not keys, when a DID
// is an identity.
package jwk

import (
	"context"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/internal/strictjson"
	"github.com/gxwallet/gxwallet/core/jose"
)

// Method is the DID method name.
const Method = "jwk"

// maxJWKDepth bounds nesting in the decoded JWK (x5c is depth 2).
const maxJWKDepth = 8

// Encode returns the did:jwk naming pub, an ed25519.PublicKey,
// *ecdsa.PublicKey or *rsa.PublicKey. The JWK holds the public members
// only, in the order [jose.PublicJWK] writes them.
func Encode(pub crypto.PublicKey) (did.DID, error) {
	b, err := jose.PublicJWK(pub)
	if err != nil {
		return did.DID{}, &did.Error{Code: did.CodeInvalidDID, Err: fmt.Errorf("did:jwk: %w", err)}
	}
	return did.DID{Method: Method, ID: base64.RawURLEncoding.EncodeToString(b)}, nil
}

// Resolver resolves did:jwk DIDs without I/O. Its zero value is ready.
type Resolver struct{}

// Resolve implements [did.Resolver] (did:jwk "Read"): it decodes the JWK
// and returns a document with one JsonWebKey2020 method "did:jwk:…#0".
// The method is listed under assertionMethod, authentication,
// capabilityInvocation and capabilityDelegation, and also keyAgreement
// unless the JWK says "use":"sig"; with "use":"enc" it is listed under
// keyAgreement only. Errors are [*did.Error]: [did.CodeMethodNotSupported]
// for another method, [did.CodeInvalidDID] for a malformed or private JWK.
//
// It does not check "alg", "key_ops" or "kid" (the spec ignores "kid": the
// fragment is always "#0").
func (Resolver) Resolve(_ context.Context, d did.DID) (*did.Document, error) {
	jwk, use, err := decode(d)
	if err != nil {
		return nil, err
	}
	id := d.String()
	vm := did.VerificationMethod{ID: id + "#0", Type: "JsonWebKey2020", Controller: id, PublicKeyJwk: jwk}
	ref := func() []did.MethodRef { return []did.MethodRef{{ID: vm.ID}} }
	doc := &did.Document{
		Context:            json.RawMessage(`["https://www.w3.org/ns/did/v1","https://w3id.org/security/suites/jws-2020/v1"]`),
		ID:                 id,
		VerificationMethod: []did.VerificationMethod{vm},
	}
	if use != "enc" {
		doc.AssertionMethod = ref()
		doc.Authentication = ref()
		doc.CapabilityInvocation = ref()
		doc.CapabilityDelegation = ref()
	}
	if use != "sig" {
		doc.KeyAgreement = ref()
	}
	return doc, nil
}

// decode returns the JWK bytes of d and its "use" member, after checking
// that it is a public key we can use.
func decode(d did.DID) (json.RawMessage, string, error) {
	bad := func(code string, err error) (json.RawMessage, string, error) {
		return nil, "", &did.Error{Code: code, Input: d.String(), Err: err}
	}
	if d.Method != Method {
		return bad(did.CodeMethodNotSupported, errors.New("not a did:jwk"))
	}
	if base64.RawURLEncoding.DecodedLen(len(d.ID)) > jose.MaxJWKBytes {
		return bad(did.CodeInvalidDID, fmt.Errorf("jwk over %d bytes", jose.MaxJWKBytes))
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(d.ID)
	if err != nil {
		return bad(did.CodeInvalidDID, errors.New("method-specific id is not unpadded base64url"))
	}
	// Read members by exact name: encoding/json would match "USE" to a
	// struct field "use".
	var members map[string]json.RawMessage
	if err := strictjson.Unmarshal(b, &members, maxJWKDepth); err != nil || members == nil {
		return bad(did.CodeInvalidDID, errors.New("method-specific id is not a JSON object"))
	}
	var m struct{ Kty, Crv, Use, X string }
	for key, dst := range map[string]*string{"kty": &m.Kty, "crv": &m.Crv, "use": &m.Use, "x": &m.X} {
		if raw, ok := members[key]; ok {
			if err := json.Unmarshal(raw, dst); err != nil {
				return bad(did.CodeInvalidDID, fmt.Errorf("jwk member %q is not a string", key))
			}
		}
	}
	if m.Use != "" && m.Use != "sig" && m.Use != "enc" {
		return bad(did.CodeInvalidDID, fmt.Errorf("unknown jwk use %q", truncate(m.Use)))
	}
	if m.Kty == "OKP" && m.Crv == "X25519" {
		// jose.ParsePublicJWK accepts signing keys only; check the
		// key-agreement key here.
		if m.Use != "enc" {
			return bad(did.CodeInvalidDID, errors.New(`an X25519 jwk must say "use":"enc"`))
		}
		if err := checkX25519(members, m.X); err != nil {
			return bad(did.CodeInvalidDID, err)
		}
		return b, m.Use, nil
	}
	if _, err := jose.ParsePublicJWK(b); err != nil {
		return bad(did.CodeInvalidDID, err)
	}
	return b, m.Use, nil
}

// checkX25519 checks an X25519 public JWK (RFC 8037 §2): no private
// member and a 32-byte x.
func checkX25519(members map[string]json.RawMessage, x string) error {
	if _, ok := members["d"]; ok {
		return errors.New(`jwk holds private key material ("d")`)
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(x)
	if err != nil || len(raw) != 32 {
		return errors.New("x25519 jwk: x is not 32 bytes of base64url")
	}
	return nil
}

func truncate(s string) string {
	if len(s) > 32 {
		return s[:32] + "…"
	}
	return s
}
