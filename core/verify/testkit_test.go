package verify

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/jose"
)

// testNow is the fixed instant of every table test.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// issuer is a test issuer: a did:web DID with one key listed under
// assertionMethod and authentication.
type issuer struct {
	DID  string
	Kid  string
	Alg  string
	Key  crypto.Signer
	Doc  *did.Document
	Raw  []byte // the DID document JSON
	name string
}

var (
	keyOnce sync.Map // alg → crypto.Signer, so RSA keys are generated once
)

func testKey(t testing.TB, alg string) crypto.Signer {
	t.Helper()
	if k, ok := keyOnce.Load(alg); ok {
		return k.(crypto.Signer)
	}
	var k crypto.Signer
	var err error
	switch alg {
	case "ES256":
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "ES384":
		k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "EdDSA":
		_, k, err = ed25519.GenerateKey(rand.Reader)
	case "PS256", "RS256":
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	default:
		t.Fatalf("no test key for %s", alg)
	}
	if err != nil {
		t.Fatal(err)
	}
	actual, _ := keyOnce.LoadOrStore(alg, k)
	return actual.(crypto.Signer)
}

// newIssuer makes a did:web issuer named name whose key signs with alg.
func newIssuer(t testing.TB, name, alg string) *issuer {
	t.Helper()
	key := testKey(t, alg)
	jwk, err := jose.PublicJWK(key.Public())
	if err != nil {
		t.Fatal(err)
	}
	id := "did:web:" + name + ".example"
	kid := id + "#key-1"
	raw := fmt.Sprintf(`{"@context":["https://www.w3.org/ns/did/v1"],"id":%q,
		"verificationMethod":[{"id":%q,"type":"JsonWebKey2020","controller":%q,"publicKeyJwk":%s},
		                      {"id":"%s#auth-only","type":"JsonWebKey2020","controller":%q,"publicKeyJwk":%s}],
		"assertionMethod":[%q],"authentication":[%q,"%s#auth-only"]}`,
		id, kid, id, jwk, id, id, jwk, kid, kid, id)
	doc, err := did.ParseDocument([]byte(raw))
	if err != nil {
		t.Fatalf("issuer document: %v", err)
	}
	return &issuer{DID: id, Kid: kid, Alg: alg, Key: key, Doc: doc, Raw: []byte(raw), name: name}
}

// credential returns a minimal valid VC DM 2.0 credential of iss, valid
// around testNow; edit mutates it before it is returned.
func (iss *issuer) credential(edit func(m map[string]any)) map[string]any {
	m := map[string]any{
		"@context":   []any{"https://www.w3.org/ns/credentials/v2"},
		"id":         "urn:uuid:7e1f3c1a-0000-4000-8000-000000000001",
		"type":       []any{"VerifiableCredential", "gx:NaturalPersonPartyCredential"},
		"issuer":     iss.DID,
		"validFrom":  "2026-01-01T00:00:00Z",
		"validUntil": "2027-01-01T00:00:00Z",
		"credentialSubject": map[string]any{
			"id":           "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
			"gx:givenName": "Ada",
			"gx:surname":   "Lovelace",
		},
	}
	if edit != nil {
		edit(m)
	}
	return m
}

// sign signs payload as a compact JWS with typ vc+jwt and the issuer's kid;
// hdr entries override or add header members (a nil value deletes).
func (iss *issuer) sign(t testing.TB, payload any, hdr map[string]any) string {
	t.Helper()
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	h := map[string]any{"typ": "vc+jwt", "kid": iss.Kid}
	for k, v := range hdr {
		if v == nil {
			delete(h, k)
		} else {
			h[k] = v
		}
	}
	tok, err := jose.Sign(b, iss.Alg, iss.Key, h)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// opts returns Options at testNow that resolve the given issuers from
// their documents and trust the ones listed in trusted.
func opts(issuers []*issuer, trusted ...string) Options {
	docs := map[string]*did.Document{}
	for _, i := range issuers {
		docs[i.DID] = i.Doc
	}
	return Options{Now: testNow, Resolver: did.Static{Docs: docs}, Policy: Policy{TrustedIssuers: trusted}}
}

// rawJWS assembles a compact JWS from a header, a payload and a signature
// given as raw strings (not signed): for inputs that must fail before the
// signature is checked.
func rawJWS(header, payload, sig string) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(header)) + "." + enc([]byte(payload)) + "." + enc([]byte(sig))
}

func mustVerify(t testing.TB, input string, o Options) Result {
	t.Helper()
	r, err := Verify(context.Background(), []byte(input), o)
	if err != nil {
		t.Fatalf("Verify: unexpected error %v (result %+v)", err, r)
	}
	return r
}

// expect asserts the status and, when code is not empty, that some failed
// check carries code.
func expect(t testing.TB, r Result, status Status, code Code) {
	t.Helper()
	if r.Status != status {
		t.Errorf("status = %s, want %s; checks: %s", r.Status, status, dumpChecks(r))
	}
	if code == "" {
		return
	}
	for _, c := range r.Checks {
		if c.Code == code {
			return
		}
	}
	t.Errorf("no check with code %s; checks: %s", code, dumpChecks(r))
}

func dumpChecks(r Result) string {
	b, _ := json.Marshal(r.Checks)
	return string(b)
}
