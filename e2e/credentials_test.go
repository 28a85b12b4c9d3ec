package e2e

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/sdjwt"
)

// testNow is the instant the e2e credentials are verified at.
const testNow = "2026-06-01T00:00:00Z"

// testCredential is what every e2e test verifies: a valid ES256 vc+jwt
// signed here, the same token with one claim changed (well-formed, so only
// the signature can fail), and what a verifier needs to make the valid one
// active.
type testCredential struct {
	issuer, kid     string
	valid, tampered string
	// didDoc is the issuer's DID document for a did:web issuer; nil for
	// did:jwk, which resolves from the DID itself.
	didDoc map[string]any
}

// newTestCredential signs a credential for a did:web issuer
// (did:web:issuer.example, whose document travels in the options) or, with
// method "jwk", a did:jwk issuer that needs no document.
func newTestCredential(t *testing.T, method string) testCredential {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := jose.PublicJWK(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	var c testCredential
	switch method {
	case "web":
		c.issuer, c.kid = "did:web:issuer.example", "did:web:issuer.example#k1"
		c.didDoc = map[string]any{
			"id": c.issuer,
			"verificationMethod": []any{map[string]any{
				"id": c.kid, "type": "JsonWebKey2020", "controller": c.issuer, "publicKeyJwk": json.RawMessage(pub),
			}},
			"assertionMethod": []string{c.kid},
		}
	case "jwk":
		d, err := jwk.Encode(&key.PublicKey)
		if err != nil {
			t.Fatal(err)
		}
		c.issuer, c.kid = d.String(), d.String()+"#0"
	default:
		t.Fatalf("no test issuer for method %q", method)
	}
	payload := `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],` +
		`"issuer":"` + c.issuer + `","validFrom":"2020-01-01T00:00:00Z",` +
		`"credentialSubject":{"id":"did:example:alice","name":"Alice"}}`
	if c.valid, err = jose.Sign([]byte(payload), "ES256", key, map[string]any{"typ": "vc+jwt", "kid": c.kid}); err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(c.valid, ".")
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(payload, `"Alice"`, `"Mallory"`, 1)))
	c.tampered = strings.Join(parts, ".")
	return c
}

// options are the verification options (the JSON contract of the library
// and the worker) that make c.valid active: a fixed instant, the issuer
// trusted, its DID document supplied.
func (c testCredential) options() map[string]any {
	o := map[string]any{"now": testNow, "trustedIssuers": []string{c.issuer}}
	if c.didDoc != nil {
		o["didDocs"] = []any{c.didDoc}
	}
	return o
}

// sdPresentation is an SD-JWT VC presentation of two of four claims, with
// key binding to nonce/aud, by a did:web issuer whose document travels in
// the options (which also carry the nonce and aud to expect).
type sdPresentation struct {
	presentation string
	options      map[string]any
}

func newSDPresentation(t *testing.T) sdPresentation {
	t.Helper()
	issKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	holder, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := jose.PublicJWK(&issKey.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	const iss, kid = "did:web:sd-issuer.example", "did:web:sd-issuer.example#k1"
	doc := map[string]any{
		"id":                 iss,
		"verificationMethod": []any{map[string]any{"id": kid, "type": "JsonWebKey2020", "controller": iss, "publicKeyJwk": json.RawMessage(pub)}},
		"assertionMethod":    []string{kid},
	}
	claims := map[string]any{"iss": iss, "vct": "https://sd-issuer.example/employee", "given_name": "Ada", "family_name": "Lovelace", "role": "engineer", "email": "ada@example.org"}
	tok, err := sdjwt.Issue(claims, sdjwt.Policy{Disclosable: [][]any{{"given_name"}, {"family_name"}, {"role"}, {"email"}}}, issKey, "ES256",
		map[string]any{"typ": "dc+sd-jwt", "kid": kid}, holder.Public())
	if err != nil {
		t.Fatal(err)
	}
	s, err := sdjwt.Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	now, _ := time.Parse(time.RFC3339, testNow)
	pres, err := s.Present([][]any{{"given_name"}, {"role"}}, &sdjwt.KBOptions{Signer: holder, Nonce: "n-e2e", Aud: "https://rp.example", IAT: now})
	if err != nil {
		t.Fatal(err)
	}
	return sdPresentation{presentation: pres, options: map[string]any{
		"now": testNow, "trustedIssuers": []string{iss}, "didDocs": []any{doc}, "nonce": "n-e2e", "aud": "https://rp.example",
	}}
}
