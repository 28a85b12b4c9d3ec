package jose

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"strings"
	"testing"
)

func TestSignDetached(t *testing.T) {
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	payload := []byte("sha256 hex or 64 raw bytes.$")
	for name, tc := range map[string]struct {
		alg       string
		unencoded bool
		signer    func() (string, error)
	}{
		"EdDSA b64=false": {"EdDSA", true, func() (string, error) { return SignDetached(payload, "EdDSA", ed, nil, true) }},
		"ES256 b64=true":  {"ES256", false, func() (string, error) { return SignDetached(payload, "ES256", p256, nil, false) }},
	} {
		tok, err := tc.signer()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		parts := strings.Split(tok, ".")
		if len(parts) != 3 || parts[1] != "" {
			t.Fatalf("%s: not detached: %q", name, tok)
		}
		c, err := ParseCompact(tok)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if c.Header.B64 == tc.unencoded {
			t.Errorf("%s: b64 = %v", name, c.Header.B64)
		}
		pub := ed.Public()
		if tc.alg == "ES256" {
			pub = p256.Public()
		}
		if err := c.VerifyDetached(payload, pub, []string{tc.alg}); err != nil {
			t.Errorf("%s: verify: %v", name, err)
		}
		if err := c.VerifyDetached(append(payload, 'x'), pub, []string{tc.alg}); CodeOf(err) != CodeBadSignature {
			t.Errorf("%s: other payload: %v", name, err)
		}
	}
	// RFC 7797 §4 example header order is alg, b64, crit; jwx sorts members,
	// which gives the same bytes as the lds-jws2020 vectors.
	tok, _ := SignDetached(payload, "EdDSA", ed, nil, true)
	if !strings.HasPrefix(tok, "eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..") {
		t.Errorf("header = %q", strings.Split(tok, ".")[0])
	}
	if _, err := SignDetached(payload, "ES256", ed, nil, true); CodeOf(err) != CodeAlgKeyMismatch {
		t.Errorf("mismatched alg: %v", err)
	}
	if _, err := SignDetached(payload, "HS256", ed, nil, true); CodeOf(err) != CodeAlgNotAllowed {
		t.Errorf("HS256: %v", err)
	}
}
