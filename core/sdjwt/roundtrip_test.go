package sdjwt

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/gxwallet/gxwallet/core/jose"
)

// opaqueSigner hides the key type behind crypto.Signer, as a WebCrypto
// non-extractable key does.
type opaqueSigner struct{ s crypto.Signer }

func (o opaqueSigner) Public() crypto.PublicKey { return o.s.Public() }
func (o opaqueSigner) Sign(r io.Reader, d []byte, opts crypto.SignerOpts) ([]byte, error) {
	return o.s.Sign(r, d, opts)
}

var (
	rsaOnce sync.Once
	rsaKeys [2]*rsa.PrivateKey
)

func newKey(t testing.TB, alg string, i int) crypto.Signer {
	t.Helper()
	switch alg {
	case "ES256":
		k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		return k
	case "ES384":
		k, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
		return k
	case "EdDSA":
		_, k, _ := ed25519.GenerateKey(rand.Reader)
		return k
	case "PS256":
		rsaOnce.Do(func() {
			for j := range rsaKeys {
				rsaKeys[j], _ = rsa.GenerateKey(rand.Reader, 2048)
			}
		})
		return rsaKeys[i]
	}
	t.Fatalf("no key for %s", alg)
	return nil
}

func personClaims() map[string]any {
	return map[string]any{
		"iss":           "https://issuer.example",
		"vct":           "https://credentials.example/person",
		"iat":           testNow.Add(-time.Hour).Unix(),
		"exp":           testNow.Add(24 * time.Hour).Unix(),
		"given_name":    "Erika",
		"family_name":   "Mustermann",
		"email":         "erika@example.com",
		"birthdate":     "1964-08-12",
		"address":       map[string]any{"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"},
		"nationalities": []any{"DE", "FR"},
	}
}

var personPolicy = Policy{
	Disclosable: [][]any{
		{"given_name"}, {"family_name"}, {"email"}, {"birthdate"},
		{"address"}, {"address", "street_address"}, {"address", "locality"},
		{"nationalities", 0}, {"nationalities", 1},
	},
	Decoys: 2,
}

func TestRoundTrip(t *testing.T) {
	for _, alg := range []string{"ES256", "ES384", "EdDSA", "PS256"} {
		t.Run(alg, func(t *testing.T) {
			t.Parallel()
			issuer, holder := newKey(t, alg, 0), newKey(t, alg, 1)
			cred, err := Issue(personClaims(), personPolicy, opaqueSigner{issuer}, alg, map[string]any{"typ": "dc+sd-jwt"}, holder.Public())
			if err != nil {
				t.Fatal(err)
			}
			s, err := Parse(cred)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := s.Disclosable()
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != len(personPolicy.Disclosable) {
				t.Fatalf("%d disclosable claims, want %d", len(ds), len(personPolicy.Disclosable))
			}
			pres, err := s.Present([][]any{{"given_name"}, {"address", "locality"}, {"nationalities", 1}},
				&KBOptions{Signer: opaqueSigner{holder}, Nonce: testNonce, Aud: testAud, IAT: testNow})
			if err != nil {
				t.Fatal(err)
			}
			r, err := Verify(context.Background(), pres, Options{Now: testNow, IssuerKey: issuer.Public(), Nonce: testNonce, Aud: testAud})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]any{
				"iss": "https://issuer.example", "vct": "https://credentials.example/person",
				"iat": float64(testNow.Add(-time.Hour).Unix()), "exp": float64(testNow.Add(24 * time.Hour).Unix()),
				"cnf":           r.Claims["cnf"],
				"given_name":    "Erika",
				"address":       map[string]any{"locality": "Köln", "country": "DE"},
				"nationalities": []any{"FR"},
			}
			if diff := cmp.Diff(want, r.Claims); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
			var paths []string
			for _, c := range r.Disclosed {
				paths = append(paths, pathString(c.Path))
			}
			slices.Sort(paths)
			if diff := cmp.Diff([]string{"/address", "/address/locality", "/given_name", "/nationalities/0"}, paths); diff != "" {
				t.Errorf("disclosed (-want +got):\n%s", diff)
			}
			if r.Profile != ProfileSDJWTVC || r.KeyBinding == nil || r.KeyBinding.Nonce != testNonce || r.KeyBinding.Alg != alg {
				t.Errorf("profile %q, key binding %+v", r.Profile, r.KeyBinding)
			}
		})
	}
}

// TestPartyCredential issues a Gaia-X gx:NaturalPersonPartyCredential as a
// W3C VC secured with SD-JWT, each name, role and identity attribute
// disclosable, and presents one role only.
func TestPartyCredential(t *testing.T) {
	t.Parallel()
	issuer, holder := newKey(t, "ES256", 0), newKey(t, "ES256", 0)
	vc := map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"},
		"id":        "https://employer.example/credentials/1222331234",
		"type":      []any{"VerifiableCredential"},
		"issuer":    "did:web:employer.example",
		"validFrom": "2026-01-01T00:00:00Z",
		"credentialSubject": map[string]any{
			"id":                    "did:jwk:holder",
			"type":                  "gx:NaturalPersonPartyCredential",
			"gx:holder":             "did:jwk:holder#0",
			"gx:givenName":          "John",
			"gx:surname":            "Doe",
			"gx:identityRoles":      []any{"IdRoleOne", "IdRoleTwo"},
			"gx:identityAttributes": []any{"IdAttributeOne", "IdAttributeTwo"},
		},
	}
	policy := Policy{Disclosable: [][]any{
		{"credentialSubject", "gx:givenName"}, {"credentialSubject", "gx:surname"},
		{"credentialSubject", "gx:identityRoles", 0}, {"credentialSubject", "gx:identityRoles", 1},
		{"credentialSubject", "gx:identityAttributes", 0}, {"credentialSubject", "gx:identityAttributes", 1},
	}}
	cred, err := Issue(vc, policy, issuer, "ES256", map[string]any{"typ": "vc+sd-jwt", "cty": "vc"}, holder.Public())
	if err != nil {
		t.Fatal(err)
	}
	s := must(Parse(cred))
	ds := must(s.Disclosable())
	var listed []string
	for _, c := range ds {
		listed = append(listed, pathString(c.Path))
	}
	slices.Sort(listed)
	want := []string{
		"/credentialSubject/gx:givenName", "/credentialSubject/gx:identityAttributes/0", "/credentialSubject/gx:identityAttributes/1",
		"/credentialSubject/gx:identityRoles/0", "/credentialSubject/gx:identityRoles/1", "/credentialSubject/gx:surname",
	}
	if diff := cmp.Diff(want, listed); diff != "" {
		t.Fatalf("disclosable (-want +got):\n%s", diff)
	}
	pres, err := s.Present([][]any{{"credentialSubject", "gx:identityRoles", 1}}, &KBOptions{Signer: opaqueSigner{holder}, Alg: "ES256", Nonce: testNonce, Aud: testAud, IAT: testNow})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Verify(context.Background(), pres, Options{Now: testNow, IssuerKey: issuer.Public(), Nonce: testNonce, Aud: testAud})
	if err != nil {
		t.Fatal(err)
	}
	cs := r.Claims["credentialSubject"].(map[string]any)
	if diff := cmp.Diff(map[string]any{
		"id": "did:jwk:holder", "type": "gx:NaturalPersonPartyCredential", "gx:holder": "did:jwk:holder#0",
		"gx:identityRoles": []any{"IdRoleTwo"}, "gx:identityAttributes": []any{},
	}, cs); diff != "" {
		t.Errorf("credentialSubject (-want +got):\n%s", diff)
	}
	if r.Profile != ProfileW3CVC || len(r.Disclosed) != 1 || pathString(r.Disclosed[0].Path) != "/credentialSubject/gx:identityRoles/0" {
		t.Errorf("profile %q, disclosed %+v", r.Profile, r.Disclosed)
	}
	if strings.Count(pres, "~") != 2 {
		t.Errorf("presentation carries %d disclosures, want 1", strings.Count(pres, "~")-1)
	}
}

// TestPresentVectors presents each generated vector's issuance with the
// disclosures of its published presentation and a new KB-JWT.
func TestPresentVectors(t *testing.T) {
	forEachVector(t, func(t *testing.T, v vector) {
		if v.Issuance == "" || v.Expect != "" || v.Holder == nil {
			t.Skip("no issuance to present")
		}
		s := must(Parse(v.Issuance))
		pub := must(Verify(context.Background(), v.Presentation, v.Opts))
		byDigest := map[string][]any{}
		for _, c := range must(s.Disclosable()) {
			byDigest[c.Digest] = c.Path
		}
		var paths [][]any
		for _, c := range pub.Disclosed {
			paths = append(paths, byDigest[c.Digest])
		}
		iat := v.Opts.Now
		pres, err := s.Present(paths, &KBOptions{Signer: v.Holder, Nonce: "fresh", Aud: "https://rp.example", IAT: iat})
		if err != nil {
			t.Fatal(err)
		}
		opts := v.Opts
		opts.Nonce, opts.Aud = "fresh", "https://rp.example"
		r, err := Verify(context.Background(), pres, opts)
		cnf, hasCnf := s.Payload["cnf"].(map[string]any)
		if !hasCnf {
			if CodeOf(err) != CodeKBNoCnf {
				t.Fatalf("no cnf: code %q, want kb_no_cnf", CodeOf(err))
			}
			return
		}
		if _, perr := jose.ParsePublicJWK(must(json.Marshal(cnf["jwk"]))); perr != nil {
			// w3c-vc_for_slide_deck: cnf.jwk is an elided RSA key ("0vx7…").
			if CodeOf(err) != "bad_key" {
				t.Fatalf("unusable cnf.jwk: code %q, want bad_key", CodeOf(err))
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, c := range r.Disclosed {
			got[c.Digest] = true
		}
		for _, c := range pub.Disclosed {
			if !got[c.Digest] {
				t.Errorf("published disclosure at %s not presented", pathString(c.Path))
			}
		}
	})
}

func TestPresentErrors(t *testing.T) {
	t.Parallel()
	issuer, holder := newKey(t, "ES256", 0), newKey(t, "ES256", 0)
	cred := must(Issue(personClaims(), personPolicy, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt"}, holder.Public()))
	s := must(Parse(cred))
	kb := &KBOptions{Signer: holder, Nonce: testNonce, Aud: testAud, IAT: testNow}
	for _, c := range []struct {
		name  string
		paths [][]any
		kb    *KBOptions
		want  Code
	}{
		{"unknown-claim", [][]any{{"nope"}}, kb, CodeNoSuchClaim},
		{"index-out-of-range", [][]any{{"nationalities", 5}}, kb, CodeNoSuchClaim},
		{"empty-path", [][]any{{}}, kb, CodeNoSuchClaim},
		{"fractional-index", [][]any{{"nationalities", 0.5}}, kb, CodeNoSuchClaim},
		{"always-visible", [][]any{{"iss"}}, nil, ""},
		{"json-index", [][]any{{"nationalities", float64(1)}}, nil, ""},
		{"no-signer", [][]any{{"email"}}, &KBOptions{IAT: testNow}, CodeBadOptions},
		{"no-iat", [][]any{{"email"}}, &KBOptions{Signer: holder}, CodeBadOptions},
		{"wrong-alg", [][]any{{"email"}}, &KBOptions{Signer: holder, Alg: "ES384", IAT: testNow}, "alg_key_mismatch"},
	} {
		_, err := s.Present(c.paths, c.kb)
		if got := CodeOf(err); got != c.want {
			t.Errorf("%s: code %q, want %q (%v)", c.name, got, c.want, err)
		}
	}
	bound := must(Parse(must(s.Present(nil, kb))))
	if _, err := bound.Present(nil, nil); CodeOf(err) != CodeMalformed {
		t.Errorf("presenting a key-bound SD-JWT: %v", err)
	}
	// Presenting nothing is valid: only always-visible claims remain.
	r := must(Verify(context.Background(), must(s.Present(nil, kb)), Options{Now: testNow, IssuerKey: issuer.Public(), Nonce: testNonce, Aud: testAud}))
	if len(r.Disclosed) != 0 || r.Claims["given_name"] != nil {
		t.Errorf("empty presentation disclosed %v", r.Disclosed)
	}
}

func TestIssueErrors(t *testing.T) {
	t.Parallel()
	issuer := newKey(t, "ES256", 0)
	for _, c := range []struct {
		name   string
		claims map[string]any
		policy Policy
		typ    string
		want   Code
	}{
		{"vct-disclosable", personClaims(), Policy{Disclosable: [][]any{{"vct"}}}, "dc+sd-jwt", CodeForbiddenDisclosure},
		{"status-disclosable", map[string]any{"vct": "v", "status": map[string]any{}}, Policy{Disclosable: [][]any{{"status"}}}, "dc+sd-jwt", CodeForbiddenDisclosure},
		{"vct-disclosable-plain-sd-jwt", personClaims(), Policy{Disclosable: [][]any{{"vct"}}}, "example+sd-jwt", ""},
		{"missing-claim", personClaims(), Policy{Disclosable: [][]any{{"nope"}}}, "", CodeNoSuchClaim},
		{"index-on-object", personClaims(), Policy{Disclosable: [][]any{{"address", 0}}}, "", CodeNoSuchClaim},
		{"name-on-array", personClaims(), Policy{Disclosable: [][]any{{"nationalities", "x"}}}, "", CodeNoSuchClaim},
		{"into-scalar", personClaims(), Policy{Disclosable: [][]any{{"email", "x"}}}, "", CodeNoSuchClaim},
		{"out-of-range", personClaims(), Policy{Disclosable: [][]any{{"nationalities", 2}}}, "", CodeNoSuchClaim},
		{"reserved-sd", map[string]any{"a": map[string]any{"_sd": []any{}}}, Policy{}, "", CodeMalformed},
		{"bad-sd-alg", personClaims(), Policy{SdAlg: "sha-1"}, "", CodeUnsupportedAlg},
	} {
		_, err := Issue(c.claims, c.policy, issuer, "ES256", map[string]any{"typ": c.typ}, nil)
		if got := CodeOf(err); got != c.want {
			t.Errorf("%s: code %q, want %q (%v)", c.name, got, c.want, err)
		}
	}
}

func TestSdAlgs(t *testing.T) {
	t.Parallel()
	issuer, holder := newKey(t, "ES256", 0), newKey(t, "ES256", 0)
	for _, alg := range []string{"sha-256", "sha-384", "sha-512"} {
		p := personPolicy
		p.SdAlg = alg
		s := must(Parse(must(Issue(personClaims(), p, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt"}, holder.Public()))))
		pres := must(s.Present([][]any{{"email"}}, &KBOptions{Signer: holder, Nonce: testNonce, Aud: testAud, IAT: testNow}))
		r, err := Verify(context.Background(), pres, Options{Now: testNow, IssuerKey: issuer.Public(), Nonce: testNonce, Aud: testAud})
		if err != nil || r.SdAlg != alg || r.Claims["email"] != "erika@example.com" {
			t.Errorf("%s: %v, %+v", alg, err, r)
		}
	}
}

// TestCnfKid resolves the holder key through a HolderKeyFunc.
func TestCnfKid(t *testing.T) {
	t.Parallel()
	issuer, holder := newKey(t, "ES256", 0), newKey(t, "EdDSA", 0)
	c := personClaims()
	c["cnf"] = map[string]any{"kid": "did:example:holder#key-1"}
	s := must(Parse(must(Issue(c, personPolicy, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt"}, nil))))
	pres := must(s.Present([][]any{{"email"}}, &KBOptions{Signer: holder, Nonce: testNonce, Aud: testAud, IAT: testNow}))
	opts := Options{Now: testNow, IssuerKey: issuer.Public(), Nonce: testNonce, Aud: testAud}
	if _, err := Verify(context.Background(), pres, opts); CodeOf(err) != CodeKeyResolution {
		t.Errorf("without HolderKeyFunc: %v", err)
	}
	opts.HolderKeyFunc = func(_ context.Context, kid string, claims map[string]any) (crypto.PublicKey, error) {
		if kid != "did:example:holder#key-1" || claims["vct"] == nil {
			return nil, errors.New("unknown kid")
		}
		return holder.Public(), nil
	}
	r, err := Verify(context.Background(), pres, opts)
	if err != nil || r.KeyBinding.Alg != "EdDSA" {
		t.Fatalf("%v %+v", err, r)
	}
	opts.HolderKeyFunc = func(context.Context, string, map[string]any) (crypto.PublicKey, error) {
		return nil, errors.New("resolver down")
	}
	if _, err := Verify(context.Background(), pres, opts); CodeOf(err) != CodeKeyResolution {
		t.Errorf("failing HolderKeyFunc: %v", err)
	}
}

// TestIssuerKeyFunc gives the key function the header and raw payload.
func TestIssuerKeyFunc(t *testing.T) {
	t.Parallel()
	issuer := newKey(t, "ES384", 0)
	cred := must(Issue(personClaims(), personPolicy, issuer, "ES384", map[string]any{"typ": "dc+sd-jwt", "kid": "k1"}, nil))
	f := func(_ context.Context, h jose.Header, claims map[string]any) (crypto.PublicKey, error) {
		if h.Kid != "k1" || claims["iss"] != "https://issuer.example" {
			return nil, errors.New("unexpected")
		}
		return issuer.Public(), nil
	}
	if _, err := Verify(context.Background(), cred, Options{Now: testNow, IssuerKeyFunc: f}); err != nil {
		t.Fatal(err)
	}
}

// TestJSONSerialization converts a compact SD-JWT+KB into the flattened
// and general JWS JSON serializations (RFC 9901 §8.1) and verifies both.
func TestJSONSerialization(t *testing.T) {
	t.Parallel()
	issuer, second, holder := newKey(t, "ES256", 0), newKey(t, "EdDSA", 0), newKey(t, "ES256", 0)
	s := must(Parse(must(Issue(personClaims(), personPolicy, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt"}, holder.Public()))))
	pres := must(Parse(must(s.Present([][]any{{"email"}}, &KBOptions{Signer: holder, Nonce: testNonce, Aud: testAud, IAT: testNow}))))
	parts := strings.Split(pres.JWT.Token, ".")
	var ds []string
	for _, d := range pres.Disclosures {
		ds = append(ds, d.Raw)
	}
	hdr := map[string]any{"disclosures": ds, "kb_jwt": pres.KB.Token}
	flat, _ := json.Marshal(map[string]any{"protected": parts[0], "payload": parts[1], "signature": parts[2], "header": hdr})
	// A second signature over the same payload by another key.
	other := strings.Split(must(jose.Sign(pres.JWT.Payload, "EdDSA", second, map[string]any{"typ": "dc+sd-jwt"})), ".")
	general, _ := json.Marshal(map[string]any{"payload": parts[1], "signatures": []any{
		map[string]any{"protected": parts[0], "signature": parts[2], "header": hdr},
		map[string]any{"protected": other[0], "signature": other[2]},
	}})
	opts := Options{Now: testNow, IssuerKey: issuer.Public(), Nonce: testNonce, Aud: testAud}
	for name, in := range map[string][]byte{"flattened": flat, "general": general} {
		r, err := Verify(context.Background(), string(in), opts)
		if err != nil || r.Claims["email"] != "erika@example.com" {
			t.Errorf("%s: %v", name, err)
		}
	}
	opts.IssuerKey = second.Public()
	if _, err := Verify(context.Background(), string(general), opts); err != nil {
		t.Errorf("general, second signature: %v", err)
	}
	if _, err := Verify(context.Background(), string(flat), opts); CodeOf(err) != "alg_key_mismatch" {
		t.Errorf("flattened, other key: %v", err)
	}
	bad, _ := json.Marshal(map[string]any{"payload": parts[1], "signatures": []any{
		map[string]any{"protected": parts[0], "signature": parts[2], "header": hdr},
		map[string]any{"protected": other[0], "signature": other[2], "header": hdr},
	}})
	if _, err := Parse(string(bad)); CodeOf(err) != CodeMalformed {
		t.Errorf("disclosures in a second signature: %v", err)
	}
	if got := pres.String(); !strings.HasSuffix(got, pres.KB.Token) {
		t.Errorf("String() = %q", got)
	}
}

func TestDecoys(t *testing.T) {
	t.Parallel()
	issuer := newKey(t, "ES256", 0)
	s := must(Parse(must(Issue(personClaims(), Policy{Disclosable: [][]any{{"email"}}, Decoys: 5}, issuer, "ES256", nil, nil))))
	if sd := s.Payload["_sd"].([]any); len(sd) != 6 || !slices.IsSortedFunc(sd, func(a, b any) int { return strings.Compare(a.(string), b.(string)) }) {
		t.Errorf("_sd = %v, want 6 sorted digests", sd)
	}
	if d := s.Disclosures[0]; len(d.Salt) < 22 {
		t.Errorf("salt %q is shorter than 128 bits", d.Salt)
	}
}

// messageOnlySigner signs whole messages only, like a WebCrypto key
// (wasm/browser.Signer): Sign with a digest fails.
type messageOnlySigner struct{ k *ecdsa.PrivateKey }

func (m messageOnlySigner) Public() crypto.PublicKey { return m.k.Public() }
func (m messageOnlySigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errors.New("prehashed signing unsupported")
}
func (m messageOnlySigner) SignMessage(r io.Reader, msg []byte, opts crypto.SignerOpts) ([]byte, error) {
	h := opts.HashFunc().New()
	h.Write(msg)
	return ecdsa.SignASN1(r, m.k, h.Sum(nil))
}

// TestMessageSignerKB presents with a crypto.MessageSigner that cannot
// sign digests. It skips while core/jose.Sign (through jwx v2) calls
// Sign with a digest; it verifies once jose prefers SignMessage.
func TestMessageSignerKB(t *testing.T) {
	t.Parallel()
	issuer, holder := newKey(t, "ES256", 0), newKey(t, "ES256", 0).(*ecdsa.PrivateKey)
	s := must(Parse(must(Issue(personClaims(), personPolicy, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt"}, holder.Public()))))
	pres, err := s.Present([][]any{{"email"}}, &KBOptions{Signer: messageOnlySigner{holder}, Nonce: testNonce, Aud: testAud, IAT: testNow})
	if err != nil {
		t.Fatalf("a message-only signer (a WebCrypto key) must sign the KB-JWT: %v", err)
	}
	if _, err := Verify(context.Background(), pres, Options{Now: testNow, IssuerKey: issuer.Public(), Nonce: testNonce, Aud: testAud}); err != nil {
		t.Fatal(err)
	}
}

// TestExpiredKeepsResult: a credential outside its validity period is
// still sound; Verify returns its Result with the error, so a verifier
// can report it as expired with what it says.
func TestExpiredKeepsResult(t *testing.T) {
	t.Parallel()
	issuer := newKey(t, "ES256", 0)
	claims := personClaims()
	claims["exp"] = float64(testNow.Add(-time.Hour).Unix())
	tok := must(Issue(claims, personPolicy, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt"}, nil))
	r, err := Verify(context.Background(), tok, Options{Now: testNow, IssuerKey: issuer.Public()})
	if CodeOf(err) != CodeExpired || r == nil || r.Claims["vct"] == nil {
		t.Fatalf("r = %+v, err = %v; want the Result and CodeExpired", r, err)
	}
}
