package jose

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"

	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jws"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// MaxCompactBytes bounds a compact JWS. The verifier bounds its whole input
// before this; the constant protects direct callers.
const MaxCompactBytes = 1 << 20

// maxHeaderDepth bounds nesting in a protected header (a JWK with an x5c
// array is three levels deep).
const maxHeaderDepth = 8

// understoodCrit lists the header parameters this package processes and
// may therefore appear in "crit" (RFC 7515 §4.1.11).
var understoodCrit = []string{"b64"}

// Header is the protected header of a JWS, decoded strictly.
type Header struct {
	Alg  string
	Typ  string
	Cty  string
	Kid  string
	Crit []string
	// B64 is false when the payload is unencoded (RFC 7797).
	B64 bool
	// Raw holds every member, for parameters this type does not name.
	Raw map[string]json.RawMessage
}

// Compact is a parsed compact-serialised JWS (RFC 7515 §7.1). Its
// signature has not been checked: call [Compact.Verify].
type Compact struct {
	Header  Header
	Payload []byte // decoded; nil for a detached payload
	// Token is the input, kept to verify the exact bytes received.
	Token string
}

// ParseCompact splits and decodes a compact JWS. It refuses a wrong number
// of parts, bad base64url, a header with duplicate members or trailing
// data, a crit naming a parameter we do not understand, and alg "none" or
// HMAC. A detached payload (empty middle part) is allowed; its b64 header
// decides how [Compact.VerifyDetached] treats it.
func ParseCompact(token string) (*Compact, error) {
	if len(token) > MaxCompactBytes {
		return nil, errorf(CodeTooLarge, "jws of %d bytes exceeds %d", len(token), MaxCompactBytes)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errorf(CodeMalformed, "jws has %d parts, want 3", len(parts))
	}
	hb, err := b64(parts[0])
	if err != nil {
		return nil, errorf(CodeMalformed, "header: %w", err)
	}
	h, err := parseHeader(hb)
	if err != nil {
		return nil, err
	}
	c := &Compact{Header: h, Token: token}
	if parts[1] != "" {
		if !h.B64 {
			return nil, errorf(CodeMalformed, "b64=false with an attached payload is not supported")
		}
		if c.Payload, err = b64(parts[1]); err != nil {
			return nil, errorf(CodeMalformed, "payload: %w", err)
		}
	}
	if parts[2] == "" {
		return nil, errorf(CodeMalformed, "empty signature")
	}
	if _, err := b64(parts[2]); err != nil {
		return nil, errorf(CodeMalformed, "signature: %w", err)
	}
	return c, nil
}

func b64(s string) ([]byte, error) {
	return base64.RawURLEncoding.Strict().DecodeString(s)
}

func parseHeader(b []byte) (Header, error) {
	var raw map[string]json.RawMessage
	if err := strictjson.Unmarshal(b, &raw, maxHeaderDepth); err != nil {
		code := CodeMalformed
		if strings.Contains(err.Error(), strictjson.ErrDuplicateKey.Error()) {
			code = CodeDuplicateKey
		}
		return Header{}, errorf(code, "header: %w", err)
	}
	h := Header{Raw: raw, B64: true}
	str := func(name string, dst *string) error {
		v, ok := raw[name]
		if !ok {
			return nil
		}
		if err := json.Unmarshal(v, dst); err != nil {
			return errorf(CodeMalformed, "header %q is not a string", name)
		}
		return nil
	}
	for name, dst := range map[string]*string{"alg": &h.Alg, "typ": &h.Typ, "cty": &h.Cty, "kid": &h.Kid} {
		if err := str(name, dst); err != nil {
			return Header{}, err
		}
	}
	if h.Alg == "" {
		return Header{}, errorf(CodeMalformed, "header has no alg")
	}
	if err := refuseAlg(h.Alg); err != nil {
		return Header{}, err
	}
	if v, ok := raw["crit"]; ok {
		if err := json.Unmarshal(v, &h.Crit); err != nil || len(h.Crit) == 0 {
			return Header{}, errorf(CodeMalformed, "crit must be a non-empty array of strings")
		}
		for _, c := range h.Crit {
			if !slices.Contains(understoodCrit, c) {
				return Header{}, errorf(CodeCritUnknown, "crit names %q, which is not understood", trunc(c))
			}
			if _, present := raw[c]; !present {
				return Header{}, errorf(CodeMalformed, "crit names %q, which is absent", trunc(c))
			}
		}
	}
	if v, ok := raw["b64"]; ok {
		if err := json.Unmarshal(v, &h.B64); err != nil {
			return Header{}, errorf(CodeMalformed, "b64 is not a boolean")
		}
		if !h.B64 && !slices.Contains(h.Crit, "b64") {
			return Header{}, errorf(CodeMalformed, "b64=false requires crit to list b64 (RFC 7797 §6)")
		}
	}
	return h, nil
}

// refuseAlg refuses "none" and symmetric algorithms whatever the policy.
func refuseAlg(alg string) error {
	a := strings.ToUpper(alg)
	if a == "NONE" || strings.HasPrefix(a, "HS") {
		return errorf(CodeAlgNotAllowed, "alg %q is never accepted", trunc(alg))
	}
	return nil
}

// AlgsForKey lists the JWS algorithms valid for a public key: ES256 for
// P-256, ES384 for P-384, ES512 for P-521, EdDSA for Ed25519, and the RSA
// algorithms for RSA keys of at least [MinRSABits].
func AlgsForKey(pub crypto.PublicKey) []string {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		switch k.Curve {
		case elliptic.P256():
			return []string{"ES256"}
		case elliptic.P384():
			return []string{"ES384"}
		case elliptic.P521():
			return []string{"ES512"}
		}
	case ed25519.PublicKey:
		return []string{"EdDSA"}
	case *rsa.PublicKey:
		if k.N.BitLen() >= MinRSABits {
			return []string{"PS256", "PS384", "PS512", "RS256", "RS384", "RS512"}
		}
	}
	return nil
}

// CheckAlg reports whether alg may be used with key under the allowlist.
func CheckAlg(alg string, key crypto.PublicKey, allowed []string) error {
	if err := refuseAlg(alg); err != nil {
		return err
	}
	if !slices.Contains(allowed, alg) {
		return errorf(CodeAlgNotAllowed, "alg %q is not in the allowlist", trunc(alg))
	}
	if !slices.Contains(AlgsForKey(key), alg) {
		return errorf(CodeAlgKeyMismatch, "alg %q does not fit a %s key", trunc(alg), KeyType(key))
	}
	return nil
}

// KeyType names a public key's type for messages: "P-256", "Ed25519", "RSA-2048".
func KeyType(pub crypto.PublicKey) string {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		return k.Curve.Params().Name
	case ed25519.PublicKey:
		return "Ed25519"
	case *rsa.PublicKey:
		return "RSA-" + itoa(k.N.BitLen())
	}
	return "unknown"
}

// Verify checks the signature of c with key, using the header's alg, which
// must pass [CheckAlg] under allowed. The payload must be attached. The
// signature itself is checked by the [SignatureVerifier] installed with
// [SetVerifier] when it handles alg and key, else by jwx.
func (c *Compact) Verify(key crypto.PublicKey, allowed []string) error {
	if err := CheckAlg(c.Header.Alg, key, allowed); err != nil {
		return err
	}
	if c.Payload == nil {
		return errorf(CodeMalformed, "payload is detached")
	}
	if handled, err := c.hookVerify(key, nil, false); handled {
		return err
	}
	_, err := jws.Verify([]byte(c.Token), jws.WithKey(jwa.SignatureAlgorithm(c.Header.Alg), key))
	return classify(err)
}

// VerifyDetached checks the signature of c over payload, which is used as
// is when the header says b64=false (RFC 7797) and base64url-encoded
// otherwise.
func (c *Compact) VerifyDetached(payload []byte, key crypto.PublicKey, allowed []string) error {
	if err := CheckAlg(c.Header.Alg, key, allowed); err != nil {
		return err
	}
	if c.Payload != nil {
		return errorf(CodeMalformed, "payload is not detached")
	}
	if handled, err := c.hookVerify(key, payload, true); handled {
		return err
	}
	_, err := jws.Verify([]byte(c.Token), jws.WithKey(jwa.SignatureAlgorithm(c.Header.Alg), key), jws.WithDetachedPayload(payload))
	return classify(err)
}

// Sign produces a compact JWS over payload with the given private key (a
// crypto.Signer such as *ecdsa.PrivateKey, ed25519.PrivateKey,
// *rsa.PrivateKey, or a crypto.MessageSigner backed by a non-extractable
// key, which signs the whole signing input itself). header
// members are added to the protected header; alg is set from alg.
func Sign(payload []byte, alg string, key crypto.Signer, header map[string]any) (string, error) {
	if err := refuseAlg(alg); err != nil {
		return "", err
	}
	if !slices.Contains(AlgsForKey(key.Public()), alg) {
		return "", errorf(CodeAlgKeyMismatch, "alg %q does not fit a %s key", alg, KeyType(key.Public()))
	}
	if ms, ok := messageSigner(key); ok {
		return signCompact(payload, alg, ms, header, false, false)
	}
	hdr := jws.NewHeaders()
	for k, v := range header {
		if err := hdr.Set(k, v); err != nil {
			return "", errorf(CodeMalformed, "header %q: %w", k, err)
		}
	}
	var signKey any = key
	switch k := key.(type) {
	case *ecdsa.PrivateKey, ed25519.PrivateKey, *rsa.PrivateKey:
		signKey = k
	}
	out, err := jws.Sign(payload, jws.WithKey(jwa.SignatureAlgorithm(alg), signKey, jws.WithProtectedHeaders(hdr)))
	if err != nil {
		return "", classify(err)
	}
	return string(out), nil
}

func trunc(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

func itoa(n int) string {
	var b bytes.Buffer
	json.NewEncoder(&b).Encode(n)
	return strings.TrimSpace(b.String())
}
