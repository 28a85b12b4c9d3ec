package di

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"sync"
	"testing"
	"time"
)

// created is the fixed instant of every proof made in these tests.
var created = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// rsaKey is the RSA-2048 sample key published in Gaia-X ICAM 25.11 (the
// jwt.io RS256 sample key): RSA key generation is slow under wasm.
var rsaKey = sync.OnceValue(func() crypto.Signer {
	b, err := readFileErr("icam-25.11/rsa-private-key.pem")
	if err != nil {
		panic(err)
	}
	blk, _ := pem.Decode(b)
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		panic(err)
	}
	return k.(crypto.Signer)
})

func testSigners(t testing.TB) map[string]crypto.Signer {
	t.Helper()
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	return map[string]crypto.Signer{
		"PS256": rsaKey(), "RS256": rsaKey(), "ES256": p256, "ES384": p384, "EdDSA": ed,
	}
}

// credential is a small VC 1.1 credential under the Tagus contexts.
func credential() map[string]any {
	return map[string]any{
		"@context": []any{
			"https://www.w3.org/2018/credentials/v1",
			"https://w3id.org/security/suites/jws-2020/v1",
			"https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#",
		},
		"type":         []any{"VerifiableCredential"},
		"id":           "https://example.org/credentials/1",
		"issuer":       "did:web:example.org",
		"issuanceDate": "2025-03-01T12:00:00Z",
		"credentialSubject": map[string]any{
			"id":                    "did:web:example.org:participant",
			"type":                  "gx:LegalParticipant",
			"gx:legalName":          "Example AG",
			"gx:headquarterAddress": map[string]any{"gx:countrySubdivisionCode": "DE-BE"},
		},
	}
}

func sign(t testing.TB, doc map[string]any, alg string, key crypto.Signer, f Flavour) (map[string]any, Proof) {
	t.Helper()
	signed, err := SignJWS2020(doc, key, alg, SignOptions{
		VerificationMethod: "did:web:example.org#key-1",
		Created:            created,
		Flavour:            f,
	})
	if err != nil {
		t.Fatalf("%s %s: sign: %v", alg, f, err)
	}
	proofs, err := Proofs(signed)
	if err != nil {
		t.Fatal(err)
	}
	return signed, proofs[0]
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	for alg, key := range testSigners(t) {
		for _, f := range []Flavour{FlavourW3C, FlavourGaiaX} {
			t.Run(alg+"/"+string(f), func(t *testing.T) {
				signed, p := sign(t, credential(), alg, key, f)
				got, err := VerifyJWS2020(signed, p, key.Public(), VerifyOptions{Algs: allAlgs})
				if err != nil || got != f {
					t.Fatalf("verify: %q, %v", got, err)
				}
				// Only the signed flavour matches.
				other := FlavourW3C
				if f == FlavourW3C {
					other = FlavourGaiaX
				}
				if _, err := VerifyJWS2020(signed, p, key.Public(), VerifyOptions{Algs: allAlgs, Flavours: []Flavour{other}}); CodeOf(err) != CodeBadSignature {
					t.Errorf("%s flavour: %v", other, err)
				}
				// Tampering with a claim breaks either flavour.
				tampered := without(signed, "")
				subj := without(signed["credentialSubject"].(map[string]any), "")
				subj["gx:legalName"] = "Mallory AG"
				tampered["credentialSubject"] = subj
				if _, err := VerifyJWS2020(tampered, p, key.Public(), VerifyOptions{Algs: allAlgs}); CodeOf(err) != CodeBadSignature {
					t.Errorf("tampered claim: %v", err)
				}
				// Changing proof.created: the W3C flavour signs it, the
				// Gaia-X flavour does not (a known weakness).
				moved := p
				moved.Raw = without(p.Raw, "")
				moved.Raw["created"] = "2030-01-01T00:00:00Z"
				_, err = VerifyJWS2020(signed, moved, key.Public(), VerifyOptions{Algs: allAlgs, Flavours: []Flavour{f}})
				switch f {
				case FlavourW3C:
					if CodeOf(err) != CodeBadSignature {
						t.Errorf("w3c: changed created still verifies: %v", err)
					}
				case FlavourGaiaX:
					if err != nil {
						t.Errorf("gaiax: changed created should not matter: %v", err)
					}
				}
				// The allowlist is enforced.
				if _, err := VerifyJWS2020(signed, p, key.Public(), VerifyOptions{Algs: []string{"ES512"}}); CodeOf(err) != CodeAlgNotAllowed {
					t.Errorf("allowlist: %v", err)
				}
			})
		}
	}
}

func TestSignRefuses(t *testing.T) {
	t.Parallel()
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	ok := SignOptions{VerificationMethod: "did:web:example.org#k", Created: created}
	signed, _ := sign(t, credential(), "EdDSA", ed, FlavourW3C)
	for name, tc := range map[string]struct {
		doc  map[string]any
		alg  string
		opts SignOptions
		want Code
	}{
		"already signed":  {signed, "EdDSA", ok, CodeMalformed},
		"no method":       {credential(), "EdDSA", SignOptions{Created: created}, CodeMalformed},
		"no time":         {credential(), "EdDSA", SignOptions{VerificationMethod: "did:web:e#k"}, CodeMalformed},
		"unknown flavour": {credential(), "EdDSA", SignOptions{VerificationMethod: "did:web:e#k", Created: created, Flavour: "x"}, CodeMalformed},
		"alg mismatch":    {credential(), "ES256", ok, CodeAlgKeyMismatch},
		"unknown context": {map[string]any{"@context": "https://example.org/nope"}, "EdDSA", ok, CodeContextUnknown},
	} {
		if _, err := SignJWS2020(tc.doc, ed, tc.alg, tc.opts); CodeOf(err) != tc.want {
			t.Errorf("%s: err = %v, want %s", name, err, tc.want)
		}
	}
}

func TestVerifyRefuses(t *testing.T) {
	t.Parallel()
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	signed, p := sign(t, credential(), "EdDSA", ed, FlavourW3C)
	hdr := "eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19" // {"alg":"EdDSA","b64":false,"crit":["b64"]}
	sig := p.JWS[len(hdr)+2:]
	mod := func(f func(*Proof)) Proof { q := p; f(&q); return q }
	for name, tc := range map[string]struct {
		p    Proof
		want Code
	}{
		"wrong type":       {mod(func(q *Proof) { q.Type = "Ed25519Signature2018" }), CodeUnsupportedType},
		"not a jws":        {mod(func(q *Proof) { q.JWS = "abc" }), CodeMalformed},
		"attached payload": {mod(func(q *Proof) { q.JWS = hdr + ".cGF5bG9hZA." + sig }), CodeMalformed},
		// {"alg":"EdDSA"}: b64 defaults to true.
		"b64 true": {mod(func(q *Proof) { q.JWS = "eyJhbGciOiJFZERTQSJ9.." + sig }), CodeMalformed},
		"crit unknown": {mod(func(q *Proof) {
			q.JWS = "eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0IiwiZXhwIl0sImV4cCI6MX0.." + sig
		}), CodeCritUnknown},
		"alg none":      {mod(func(q *Proof) { q.JWS = "eyJhbGciOiJub25lIiwiYjY0IjpmYWxzZSwiY3JpdCI6WyJiNjQiXX0.." + sig }), CodeAlgNotAllowed},
		"b64 no crit":   {mod(func(q *Proof) { q.JWS = "eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2V9.." + sig }), CodeMalformed},
		"bad signature": {mod(func(q *Proof) { q.JWS = hdr + ".." + flipFirst(sig) }), CodeBadSignature},
	} {
		if _, err := VerifyJWS2020(signed, tc.p, ed.Public(), VerifyOptions{Algs: allAlgs}); CodeOf(err) != tc.want {
			t.Errorf("%s: err = %v, want %s", name, err, tc.want)
		}
	}
	// The zero options accept no algorithm.
	if _, err := VerifyJWS2020(signed, p, ed.Public(), VerifyOptions{}); CodeOf(err) != CodeAlgNotAllowed {
		t.Errorf("zero options: %v", err)
	}
	// An unknown context in the document is reported as such.
	bad := without(signed, "")
	bad["@context"] = []any{"https://www.w3.org/2018/credentials/v1", "https://example.org/unknown"}
	if _, err := VerifyJWS2020(bad, p, ed.Public(), VerifyOptions{Algs: allAlgs}); CodeOf(err) != CodeContextUnknown {
		t.Errorf("unknown context: %v", err)
	}
}

// flipFirst changes the first base64url character of s to a different one,
// so the decoded signature always differs from the original.
func flipFirst(s string) string {
	if s[0] == 'A' {
		return "B" + s[1:]
	}
	return "A" + s[1:]
}

func TestProofs(t *testing.T) {
	t.Parallel()
	one := map[string]any{"type": TypeJWS2020, "jws": "x", "created": "2020-01-01T00:00:00Z"}
	ps, err := Proofs(map[string]any{"proof": []any{one, one}})
	if err != nil || len(ps) != 2 || ps[1].JWS != "x" || ps[0].Created != "2020-01-01T00:00:00Z" {
		t.Errorf("array: %v, %v", ps, err)
	}
	for name, tc := range map[string]struct {
		doc  map[string]any
		want Code
	}{
		"none":         {map[string]any{}, CodeProofMissing},
		"null":         {map[string]any{"proof": nil}, CodeProofMissing},
		"empty array":  {map[string]any{"proof": []any{}}, CodeProofMissing},
		"string":       {map[string]any{"proof": "x"}, CodeMalformed},
		"entry string": {map[string]any{"proof": []any{"x"}}, CodeMalformed},
		"jws number":   {map[string]any{"proof": map[string]any{"jws": 1.0}}, CodeMalformed},
		"too many":     {map[string]any{"proof": make([]any, MaxProofs+1)}, CodeMalformed},
	} {
		if _, err := Proofs(tc.doc); CodeOf(err) != tc.want {
			t.Errorf("%s: err = %v, want %s", name, err, tc.want)
		}
	}
}
