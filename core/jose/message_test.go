package jose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"io"
	"testing"
)

// messageOnly is a signer that, like a WebCrypto key, can only sign whole
// messages: Sign refuses digests.
type messageOnly struct{ k crypto.Signer }

func (m messageOnly) Public() crypto.PublicKey { return m.k.Public() }
func (m messageOnly) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errors.New("prehashed input refused")
}
func (m messageOnly) SignMessage(r io.Reader, msg []byte, opts crypto.SignerOpts) ([]byte, error) {
	return crypto.SignMessage(m.k, r, msg, opts)
}

func TestMessageSigner(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ec384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	for _, tc := range []struct {
		alg string
		key crypto.Signer
	}{{"ES256", ec}, {"ES384", ec384}, {"EdDSA", ed}, {"PS256", rk}, {"RS256", rk}} {
		t.Run(tc.alg, func(t *testing.T) {
			s := messageOnly{tc.key}
			tok, err := Sign([]byte(`{"a":1}`), tc.alg, s, map[string]any{"typ": "kb+jwt"})
			if err != nil {
				t.Fatal(err)
			}
			c, err := ParseCompact(tok)
			if err != nil {
				t.Fatal(err)
			}
			if c.Header.Typ != "kb+jwt" || c.Header.Alg != tc.alg {
				t.Errorf("header %+v", c.Header)
			}
			if err := c.Verify(tc.key.Public(), []string{tc.alg}); err != nil {
				t.Fatalf("verify: %v", err)
			}
			det, err := SignDetached([]byte("$.02"), tc.alg, s, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			dc, err := ParseCompact(det)
			if err != nil {
				t.Fatal(err)
			}
			if err := dc.VerifyDetached([]byte("$.02"), tc.key.Public(), []string{tc.alg}); err != nil {
				t.Fatalf("verify detached: %v", err)
			}
		})
	}
}
