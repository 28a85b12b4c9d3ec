package jose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"slices"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jws"
)

// SignDetached produces a compact JWS whose payload is detached: the
// result is "header..signature" (RFC 7515 Appendix F). header members are
// added to the protected header; alg is set from alg. With unencoded true
// the header also carries b64=false and crit ["b64"], and the signing
// input is ASCII(header) "." payload, the payload unencoded (RFC 7797);
// this is what JsonWebSignature2020 signs. It checks that alg fits the
// key, not that alg is in any allowlist.
func SignDetached(payload []byte, alg string, key crypto.Signer, header map[string]any, unencoded bool) (string, error) {
	if err := refuseAlg(alg); err != nil {
		return "", err
	}
	if !slices.Contains(AlgsForKey(key.Public()), alg) {
		return "", errorf(CodeAlgKeyMismatch, "alg %q does not fit a %s key", alg, KeyType(key.Public()))
	}
	if ms, ok := messageSigner(key); ok {
		return signCompact(payload, alg, ms, header, true, unencoded)
	}
	hdr := jws.NewHeaders()
	for k, v := range header {
		if err := hdr.Set(k, v); err != nil {
			return "", errorf(CodeMalformed, "header %q: %w", k, err)
		}
	}
	if unencoded {
		if err := hdr.Set("b64", false); err != nil {
			return "", errorf(CodeMalformed, "header b64: %w", err)
		}
		if err := hdr.Set("crit", []string{"b64"}); err != nil {
			return "", errorf(CodeMalformed, "header crit: %w", err)
		}
	}
	var signKey any = key
	switch k := key.(type) {
	case *ecdsa.PrivateKey, ed25519.PrivateKey, *rsa.PrivateKey:
		signKey = k
	}
	// With a detached payload jwx wants a nil first argument.
	out, err := jws.Sign(nil, jws.WithKey(jwa.SignatureAlgorithm(alg), signKey, jws.WithProtectedHeaders(hdr)), jws.WithDetachedPayload(payload))
	if err != nil {
		return "", classify(err)
	}
	return string(out), nil
}
