package sdjwt

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/jose"
)

var (
	testNow   = time.Unix(1795322440, 0)
	testNonce = "n-0S6_WzA2Mj"
	testAud   = "https://verifier.example.org"
)

// disc encodes a Disclosure from its elements, compactly.
func disc(t testing.TB, elems ...any) string {
	t.Helper()
	b, err := json.Marshal(elems)
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return base64.RawURLEncoding.EncodeToString(h[:])
}

// craft signs payload with the example issuer key and appends disclosures;
// the result ends with "~".
func craft(t testing.TB, typ string, payload map[string]any, discs ...string) string {
	t.Helper()
	iss := privateKey(t, loadManifest(t), "example-issuer")
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	jwt, err := jose.Sign(b, "ES256", iss, map[string]any{"typ": typ})
	if err != nil {
		t.Fatal(err)
	}
	return jwt + "~" + strings.Join(append(discs, ""), "~")
}

// holderCnf is the cnf claim of the example holder key.
func holderCnf(t testing.TB) map[string]any {
	h := privateKey(t, loadManifest(t), "example-holder")
	j, err := jose.PublicJWK(h.Public())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(j, &m)
	return map[string]any{"jwk": m}
}

// kbJWT signs a KB-JWT over presented; edit may change header and claims.
func kbJWT(t testing.TB, presented string, signer crypto.Signer, edit func(h, c map[string]any)) string {
	t.Helper()
	h := map[string]any{"typ": "kb+jwt"}
	c := map[string]any{"iat": testNow.Unix(), "nonce": testNonce, "aud": testAud, "sd_hash": sha(presented)}
	if edit != nil {
		edit(h, c)
	}
	b, _ := json.Marshal(c)
	alg := "ES256"
	if a, ok := h["alg"].(string); ok {
		alg = a
		delete(h, "alg")
	}
	jwt, err := jose.Sign(b, alg, signer, h)
	if err != nil {
		t.Fatal(err)
	}
	return jwt
}

func kbOpts(t testing.TB) Options {
	return Options{Now: testNow, IssuerKey: privateKey(t, loadManifest(t), "example-issuer").Public(), Nonce: testNonce, Aud: testAud}
}

func plainOpts(t testing.TB) Options {
	return Options{Now: testNow, IssuerKey: privateKey(t, loadManifest(t), "example-issuer").Public()}
}

func TestNegatives(t *testing.T) {
	holder := privateKey(t, loadManifest(t), "example-holder")
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	dGiven := disc(t, "salt-1", "given_name", "Erika")
	dFamily := disc(t, "salt-2", "family_name", "Mustermann")
	dRole0 := disc(t, "salt-3", "admin")
	base := func() map[string]any {
		return map[string]any{
			"iss": "https://issuer.example", "_sd_alg": "sha-256", "cnf": holderCnf(t),
			"_sd":   []any{sha(dGiven), sha(dFamily)},
			"roles": []any{map[string]any{"...": sha(dRole0)}, "user"},
		}
	}
	good := craft(t, "example+sd-jwt", base(), dGiven, dFamily, dRole0)
	withKB := func(presented string, edit func(h, c map[string]any)) string {
		return presented + kbJWT(t, presented, holder, edit)
	}
	deep := func(n int) string {
		// A chain of n recursive Disclosures, each nesting the next.
		d := disc(t, "s", "leaf", "x")
		ds := []string{d}
		for i := range n {
			d = disc(t, "s"+strings.Repeat("x", i), "n", map[string]any{"_sd": []any{sha(d)}})
			ds = append(ds, d)
		}
		return craft(t, "example+sd-jwt", map[string]any{"_sd": []any{sha(d)}}, ds...)
	}
	vc := func(name string) string {
		d := disc(t, "salt-vc", name, "https://x.example")
		p := map[string]any{"vct": "https://credentials.example/id", "_sd": []any{sha(d)}}
		if name == "vct" {
			delete(p, "vct")
		}
		return craft(t, "dc+sd-jwt", p, d)
	}
	type tc struct {
		name string
		in   string
		opts Options
		want Code
	}
	cases := []tc{
		{"baseline", good, plainOpts(t), ""},
		{"baseline-kb", withKB(good, nil), kbOpts(t), ""},
		{"altered-disclosure", strings.Replace(good, dGiven, disc(t, "salt-1", "given_name", "Eve"), 1), plainOpts(t), CodeNotReferenced},
		{"extra-disclosure", good + disc(t, "salt-9", "age", 42) + "~", plainOpts(t), CodeNotReferenced},
		{"repeated-disclosure", good + dGiven + "~", plainOpts(t), CodeNotReferenced},
		{"duplicate-digest-in-sd", craft(t, "x", map[string]any{"_sd": []any{sha(dGiven), sha(dGiven)}}, dGiven), plainOpts(t), CodeDuplicateDigest},
		{"duplicate-undisclosed-digest", craft(t, "x", map[string]any{"_sd": []any{"AAAA", "AAAA"}}), plainOpts(t), CodeDuplicateDigest},
		{"duplicate-digest-sd-and-array", craft(t, "x", map[string]any{"_sd": []any{sha(dRole0)}, "a": []any{map[string]any{"...": sha(dRole0)}}}), plainOpts(t), CodeDuplicateDigest},
		{"wrong-nonce", withKB(good, func(_, c map[string]any) { c["nonce"] = "other" }), kbOpts(t), CodeKBNonce},
		{"missing-nonce", withKB(good, func(_, c map[string]any) { delete(c, "nonce") }), kbOpts(t), CodeKBNonce},
		{"wrong-aud", withKB(good, func(_, c map[string]any) { c["aud"] = "https://evil.example" }), kbOpts(t), CodeKBAud},
		{"aud-array", withKB(good, func(_, c map[string]any) { c["aud"] = []any{testAud} }), kbOpts(t), CodeKBAud},
		{"stale-iat", withKB(good, func(_, c map[string]any) { c["iat"] = testNow.Add(-10 * time.Minute).Unix() }), kbOpts(t), CodeKBIat},
		{"future-iat", withKB(good, func(_, c map[string]any) { c["iat"] = testNow.Add(10 * time.Minute).Unix() }), kbOpts(t), CodeKBIat},
		{"missing-iat", withKB(good, func(_, c map[string]any) { delete(c, "iat") }), kbOpts(t), CodeKBIat},
		{"kb-other-key", good + kbJWT(t, good, other, nil), kbOpts(t), CodeKBBadSignature},
		{"kb-alg-none", good + unsignedJWT(map[string]any{"alg": "none", "typ": "kb+jwt"}, map[string]any{"iat": testNow.Unix(), "nonce": testNonce, "aud": testAud, "sd_hash": sha(good)}), kbOpts(t), CodeKBBadSignature},
		{"kb-alg-hs256", good + unsignedJWT(map[string]any{"alg": "HS256", "typ": "kb+jwt"}, map[string]any{}) + "c2ln", kbOpts(t), CodeKBBadSignature},
		{"kb-bad-typ", withKB(good, func(h, _ map[string]any) { h["typ"] = "jwt" }), kbOpts(t), CodeKBBadTyp},
		{"kb-missing-required", good, Options{Now: testNow, IssuerKey: kbOpts(t).IssuerKey, RequireKB: true}, CodeKBMissing},
		{"kb-missing-nonce-expected", good, Options{Now: testNow, IssuerKey: kbOpts(t).IssuerKey, Nonce: testNonce}, CodeKBMissing},
		{"sd-hash-mismatch", withKB(good, func(_, c map[string]any) { c["sd_hash"] = sha(good + "x") }), kbOpts(t), CodeKBSdHash},
		{"kb-no-cnf", func() string {
			p := base()
			delete(p, "cnf")
			s := craft(t, "x", p, dGiven)
			return withKB(s, nil)
		}(), kbOpts(t), CodeKBNoCnf},
		{"disclosed-_sd", craft(t, "x", map[string]any{"_sd": []any{"x"}}, disc(t, "s", "_sd", []any{})), plainOpts(t), CodeBadDisclosure},
		{"disclosed-dots", craft(t, "x", map[string]any{"_sd": []any{"x"}}, disc(t, "s", "...", "v")), plainOpts(t), CodeBadDisclosure},
		{"collision-with-plain", craft(t, "x", map[string]any{"given_name": "A", "_sd": []any{sha(dGiven)}}, dGiven), plainOpts(t), CodeClaimCollision},
		{"collision-two-disclosures", func() string {
			d2 := disc(t, "salt-x", "given_name", "B")
			return craft(t, "x", map[string]any{"_sd": []any{sha(dGiven), sha(d2)}}, dGiven, d2)
		}(), plainOpts(t), CodeClaimCollision},
		{"object-disclosure-as-array-element", craft(t, "x", map[string]any{"a": []any{map[string]any{"...": sha(dGiven)}}}, dGiven), plainOpts(t), CodeBadDisclosure},
		{"array-disclosure-in-sd", craft(t, "x", map[string]any{"_sd": []any{sha(dRole0)}}, dRole0), plainOpts(t), CodeBadDisclosure},
		{"sd-not-array", craft(t, "x", map[string]any{"_sd": "x"}), plainOpts(t), CodeMalformed},
		{"sd-digest-not-string", craft(t, "x", map[string]any{"_sd": []any{1}}), plainOpts(t), CodeMalformed},
		{"dots-digest-not-string", craft(t, "x", map[string]any{"a": []any{map[string]any{"...": 1}}}), plainOpts(t), CodeMalformed},
		{"sd-alg-md5", craft(t, "x", map[string]any{"_sd_alg": "md5"}), plainOpts(t), CodeUnsupportedAlg},
		{"sd-alg-number", craft(t, "x", map[string]any{"_sd_alg": 256}), plainOpts(t), CodeUnsupportedAlg},
		{"empty-disclosure", strings.TrimSuffix(good, "~") + "~~", plainOpts(t), CodeMalformed},
		{"not-base64url", craft(t, "x", map[string]any{}, "!!!"), plainOpts(t), CodeBadDisclosure},
		{"padded-base64url", craft(t, "x", map[string]any{}, dGiven+"=="), plainOpts(t), CodeBadDisclosure},
		{"disclosure-not-array", craft(t, "x", map[string]any{}, base64.RawURLEncoding.EncodeToString([]byte(`{"a":1}`))), plainOpts(t), CodeBadDisclosure},
		{"disclosure-four-elements", craft(t, "x", map[string]any{}, disc(t, "s", "n", "v", "w")), plainOpts(t), CodeBadDisclosure},
		{"disclosure-salt-number", craft(t, "x", map[string]any{}, disc(t, 1, "n", "v")), plainOpts(t), CodeBadDisclosure},
		{"disclosure-name-number", craft(t, "x", map[string]any{}, disc(t, "s", 1, "v")), plainOpts(t), CodeBadDisclosure},
		{"disclosure-duplicate-member", craft(t, "x", map[string]any{}, base64.RawURLEncoding.EncodeToString([]byte(`["s","n",{"a":1,"a":2}]`))), plainOpts(t), CodeBadDisclosure},
		{"disclosure-not-utf8", craft(t, "x", map[string]any{}, base64.RawURLEncoding.EncodeToString([]byte("[\"s\",\"n\",\"\xff\"]"))), plainOpts(t), CodeBadDisclosure},
		{"too-many-disclosures", craft(t, "x", map[string]any{}) + strings.Repeat(dGiven+"~", MaxDisclosures+1), plainOpts(t), CodeTooLarge},
		{"too-deep-recursion", deep(MaxDepth + 2), plainOpts(t), CodeTooDeep},
		{"deep-recursion-within-limit", deep(MaxDepth - 3), plainOpts(t), ""},
		{"too-large", strings.Repeat("a", MaxBytes+1), plainOpts(t), CodeTooLarge},
		{"no-tilde", strings.TrimSuffix(strings.Split(good, "~")[0], "~"), plainOpts(t), CodeMalformed},
		{"issuer-other-key", good, Options{Now: testNow, IssuerKey: other.Public()}, CodeBadSignature},
		{"issuer-alg-not-allowed", good, Options{Now: testNow, IssuerKey: kbOpts(t).IssuerKey, Algorithms: []string{"EdDSA"}}, "alg_not_allowed"},
		{"duplicate-payload-member", func() string {
			iss := privateKey(t, loadManifest(t), "example-issuer")
			jwt, _ := jose.Sign([]byte(`{"a":1,"a":2}`), "ES256", iss, nil)
			return jwt + "~"
		}(), plainOpts(t), CodeDuplicateKey},
		{"no-now", good, Options{IssuerKey: kbOpts(t).IssuerKey}, CodeBadOptions},
		{"no-issuer-key", good, Options{Now: testNow}, CodeBadOptions},
		{"expired", craft(t, "x", map[string]any{"exp": testNow.Add(-time.Second).Unix()}), plainOpts(t), CodeExpired},
		{"nbf-future", craft(t, "x", map[string]any{"nbf": testNow.Add(time.Hour).Unix()}), plainOpts(t), CodeNotYetValid},
		{"iat-future", craft(t, "x", map[string]any{"iat": testNow.Add(time.Hour).Unix()}), plainOpts(t), CodeNotYetValid},
		{"exp-within-skew", craft(t, "x", map[string]any{"exp": testNow.Add(-time.Second).Unix()}), Options{Now: testNow, IssuerKey: kbOpts(t).IssuerKey, Skew: time.Minute}, ""},
		{"sd-jwt-vc-missing-vct", craft(t, "dc+sd-jwt", map[string]any{"iss": "https://x.example"}), plainOpts(t), CodeMissingVct},
		{"sd-jwt-vc-exp-not-number", craft(t, "dc+sd-jwt", map[string]any{"vct": "v", "exp": "2030-01-01"}), plainOpts(t), CodeMalformed},
		{"sd-jwt-vc-legacy-typ-missing-vct", craft(t, "vc+sd-jwt", map[string]any{"iss": "https://x.example"}), plainOpts(t), CodeMissingVct},
		{"w3c-vc-no-vct-ok", craft(t, "vc+sd-jwt", map[string]any{"@context": []any{"https://www.w3.org/ns/credentials/v2"}, "iat": "2024-01-01T00:00:00Z"}), plainOpts(t), ""},
	}
	for _, n := range sdJWTVCClaims {
		cases = append(cases, tc{"sd-jwt-vc-disclosed-" + n, vc(n), plainOpts(t), CodeForbiddenDisclosure})
	}
	cases = append(cases, tc{"sd-jwt-vc-disclosed-sub-ok", vc("sub"), plainOpts(t), ""})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := Verify(context.Background(), c.in, c.opts)
			if got := CodeOf(err); got != c.want {
				t.Fatalf("code %q, want %q; err: %v", got, c.want, err)
			}
		})
	}
}

// unsignedJWT encodes header and claims with an empty signature part.
func unsignedJWT(h, c map[string]any) string {
	hb, _ := json.Marshal(h)
	cb, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(hb) + "." + base64.RawURLEncoding.EncodeToString(cb) + "."
}

func TestAllCodesDistinct(t *testing.T) {
	seen := map[Code]bool{}
	for _, c := range AllCodes {
		if seen[c] {
			t.Errorf("code %q listed twice", c)
		}
		seen[c] = true
		if !strings.Contains(packageDoc(t), string(c)) {
			t.Errorf("code %q is not documented in doc.go", c)
		}
	}
}

// docText is the package documentation, whose code table is the contract.
//
//go:embed doc.go
var docText string

func packageDoc(testing.TB) string { return docText }
