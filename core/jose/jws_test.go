package jose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"strings"
	"testing"
)

var allow = []string{"ES256", "ES384", "EdDSA", "PS256", "RS256"}

func enc(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func TestSignVerifyRoundTrip(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ec384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	cases := map[string]struct {
		alg    string
		signer crypto.Signer
	}{
		"ES256": {"ES256", ec}, "ES384": {"ES384", ec384}, "EdDSA": {"EdDSA", ed}, "PS256": {"PS256", rk}, "RS256": {"RS256", rk},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			tok, err := Sign([]byte(`{"a":1}`), c.alg, c.signer, map[string]any{"typ": "vc+jwt", "kid": "did:example:1#k"})
			if err != nil {
				t.Fatal(err)
			}
			cmp, err := ParseCompact(tok)
			if err != nil {
				t.Fatal(err)
			}
			if cmp.Header.Alg != c.alg || cmp.Header.Typ != "vc+jwt" || cmp.Header.Kid != "did:example:1#k" || string(cmp.Payload) != `{"a":1}` {
				t.Errorf("parsed %+v", cmp)
			}
			pub := c.signer.Public()
			if err := cmp.Verify(pub, allow); err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if err := cmp.Verify(pub, nil); CodeOf(err) != CodeAlgNotAllowed {
				t.Errorf("empty allowlist: %v", err)
			}
			// The same token against another key of the same type fails.
			other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			if c.alg == "ES256" {
				if err := cmp.Verify(&other.PublicKey, allow); CodeOf(err) != CodeBadSignature {
					t.Errorf("other key: %v, want bad_signature", err)
				}
			} else if err := cmp.Verify(&other.PublicKey, allow); CodeOf(err) != CodeAlgKeyMismatch {
				t.Errorf("P-256 key for %s: %v, want alg_key_mismatch", c.alg, err)
			}
		})
	}
}

func TestParseCompactRefuses(t *testing.T) {
	body := enc(`{}`)
	for name, tc := range map[string]struct {
		tok  string
		code Code
	}{
		"two parts":         {enc(`{"alg":"ES256"}`) + "." + body, CodeMalformed},
		"four parts":        {enc(`{"alg":"ES256"}`) + "." + body + ".c2ln.x", CodeMalformed},
		"padded base64":     {enc(`{"alg":"ES256"}`) + "=." + body + ".c2ln", CodeMalformed},
		"std base64":        {"eyJ+." + body + ".c2ln", CodeMalformed},
		"no alg":            {enc(`{"typ":"vc+jwt"}`) + "." + body + ".c2ln", CodeMalformed},
		"alg not string":    {enc(`{"alg":1}`) + "." + body + ".c2ln", CodeMalformed},
		"none":              {enc(`{"alg":"none"}`) + "." + body + ".c2ln", CodeAlgNotAllowed},
		"None":              {enc(`{"alg":"None"}`) + "." + body + ".c2ln", CodeAlgNotAllowed},
		"HS256":             {enc(`{"alg":"HS256"}`) + "." + body + ".c2ln", CodeAlgNotAllowed},
		"duplicate alg":     {enc(`{"alg":"ES256","alg":"none"}`) + "." + body + ".c2ln", CodeDuplicateKey},
		"crit unknown":      {enc(`{"alg":"ES256","crit":["x"],"x":1}`) + "." + body + ".c2ln", CodeCritUnknown},
		"crit absent param": {enc(`{"alg":"ES256","crit":["b64"]}`) + "." + body + ".c2ln", CodeMalformed},
		"crit empty":        {enc(`{"alg":"ES256","crit":[]}`) + "." + body + ".c2ln", CodeMalformed},
		"b64 without crit":  {enc(`{"alg":"ES256","b64":false}`) + "..c2ln", CodeMalformed},
		"b64 attached":      {enc(`{"alg":"ES256","b64":false,"crit":["b64"]}`) + "." + body + ".c2ln", CodeMalformed},
		"empty signature":   {enc(`{"alg":"ES256"}`) + "." + body + ".", CodeMalformed},
		"header trailing":   {enc(`{"alg":"ES256"} x`) + "." + body + ".c2ln", CodeMalformed},
		"too large":         {strings.Repeat("a", MaxCompactBytes+1), CodeTooLarge},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseCompact(tc.tok)
			if CodeOf(err) != tc.code {
				t.Errorf("err = %v (code %q), want %q", err, CodeOf(err), tc.code)
			}
		})
	}
}

func TestDetachedUnencoded(t *testing.T) {
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	// RFC 7797: the signing input is ASCII(header) "." payload, unencoded.
	hdr := enc(`{"alg":"EdDSA","b64":false,"crit":["b64"]}`)
	payload := []byte("$.02")
	sig := ed25519.Sign(ed, append([]byte(hdr+"."), payload...))
	c, err := ParseCompact(hdr + ".." + base64.RawURLEncoding.EncodeToString(sig))
	if err != nil {
		t.Fatal(err)
	}
	if c.Header.B64 {
		t.Fatal("b64 should be false")
	}
	if err := c.VerifyDetached(payload, ed.Public(), allow); err != nil {
		t.Fatalf("VerifyDetached: %v", err)
	}
	if err := c.VerifyDetached([]byte("$.03"), ed.Public(), allow); CodeOf(err) != CodeBadSignature {
		t.Errorf("other payload: %v", err)
	}
}

func TestJWK(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	b, err := PublicJWK(&ec.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ParsePublicJWK(b)
	if err != nil || !pub.(*ecdsa.PublicKey).Equal(&ec.PublicKey) {
		t.Fatalf("round trip: %v", err)
	}
	priv := strings.Replace(string(b), "{", `{"d":"AAAA",`, 1)
	if _, err := ParsePublicJWK([]byte(priv)); CodeOf(err) != CodeBadKey {
		t.Errorf("private member accepted: %v", err)
	}
	if _, err := ParsePublicJWK([]byte(`{"kty":"oct","k":"AAAA"}`)); CodeOf(err) != CodeBadKey {
		t.Errorf("symmetric key accepted: %v", err)
	}
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	sb, _ := PublicJWK(&small.PublicKey)
	if _, err := ParsePublicJWK(sb); CodeOf(err) != CodeBadKey {
		t.Errorf("RSA-1024 accepted: %v", err)
	}
}

// FuzzParseCompact: no panic, and every error is ours with a code.
func FuzzParseCompact(f *testing.F) {
	f.Add(enc(`{"alg":"ES256","typ":"vc+jwt"}`) + "." + enc(`{}`) + ".c2ln")
	f.Add(enc(`{"alg":"EdDSA","b64":false,"crit":["b64"]}`) + "..c2ln")
	f.Add("eyJ!!!.eyJ.c2ln")
	f.Add("..")
	f.Fuzz(func(t *testing.T, tok string) {
		c, err := ParseCompact(tok)
		if err != nil {
			if CodeOf(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if c.Header.Alg == "" || c.Token != tok {
			t.Fatalf("parsed without alg or lost the token: %+v", c)
		}
	})
}

func TestPublicJWKRefusesNil(t *testing.T) {
	var ec *ecdsa.PublicKey
	var rk *rsa.PublicKey
	for _, k := range []crypto.PublicKey{nil, ec, rk, ed25519.PublicKey(nil)} {
		if _, err := PublicJWK(k); CodeOf(err) != CodeBadKey {
			t.Errorf("PublicJWK(%T nil) = %v, want bad_key", k, err)
		}
	}
}
