//go:build js && wasm

package webcrypto

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/gxwallet/gxwallet/core/jose"
)

// The WebCrypto verifier against Go's signatures, under Node's WebCrypto
// (go_js_wasm_exec); the e2e tests run it on workerd.
func TestWebCryptoVerifier(t *testing.T) {
	w := New()
	if w == nil {
		t.Fatal("no crypto.subtle in this runtime")
	}
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	p521, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	rk, _ := rsa.GenerateKey(rand.Reader, 2048)
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ctx := context.Background()

	for _, c := range []struct {
		alg    string
		signer crypto.Signer
	}{{"ES256", p256}, {"ES384", p384}, {"ES512", p521}, {"EdDSA", ed}, {"RS256", rk}, {"RS384", rk}, {"RS512", rk}} {
		t.Run(c.alg, func(t *testing.T) {
			// Several tokens: ECDSA signatures are random (high and low s).
			for i := range 8 {
				tok, err := jose.Sign([]byte(`{"i":`+string(rune('0'+i))+`}`), c.alg, c.signer, nil)
				if err != nil {
					t.Fatal(err)
				}
				parts := strings.Split(tok, ".")
				input := []byte(parts[0] + "." + parts[1])
				sig := decode(t, parts[2])
				handled, err := w.VerifySignature(ctx, c.alg, c.signer.Public(), input, sig)
				if !handled || err != nil {
					t.Fatalf("valid signature: handled %v, %v", handled, err)
				}
				bad := append([]byte(nil), sig...)
				bad[len(bad)/2] ^= 0x10
				if handled, err := w.VerifySignature(ctx, c.alg, c.signer.Public(), input, bad); !handled || err == nil {
					t.Fatalf("tampered signature: handled %v, %v", handled, err)
				}
				input[len(input)-1] ^= 1
				if handled, err := w.VerifySignature(ctx, c.alg, c.signer.Public(), input, sig); !handled || err == nil {
					t.Fatalf("tampered input: handled %v, %v", handled, err)
				}
				if handled, err := w.VerifySignature(ctx, c.alg, c.signer.Public(), input[:len(input)-1], sig[:len(sig)-1]); handled && err == nil {
					t.Fatalf("short signature accepted")
				}
			}
		})
	}

	t.Run("wrong key", func(t *testing.T) {
		tok, _ := jose.Sign([]byte(`{}`), "ES256", p256, nil)
		parts := strings.Split(tok, ".")
		if handled, err := w.VerifySignature(ctx, "ES256", &other.PublicKey, []byte(parts[0]+"."+parts[1]), decode(t, parts[2])); !handled || err == nil {
			t.Fatalf("other key: handled %v, %v", handled, err)
		}
	})

	t.Run("declined", func(t *testing.T) {
		for _, c := range []struct {
			alg string
			key crypto.PublicKey
		}{{"PS256", rk.Public()}, {"ES384", p256.Public()}, {"EdDSA", p256.Public()}, {"ES256", ed.Public()}, {"RS256", p256.Public()}, {"ES256", "not a key"}} {
			if handled, err := w.VerifySignature(ctx, c.alg, c.key, []byte("a.b"), make([]byte, 64)); handled {
				t.Errorf("%s with %T: handled (%v)", c.alg, c.key, err)
			}
		}
	})

	t.Run("key cache", func(t *testing.T) {
		n := len(w.keys)
		tok, _ := jose.Sign([]byte(`{}`), "ES256", p256, nil)
		parts := strings.Split(tok, ".")
		for range 3 {
			if handled, err := w.VerifySignature(ctx, "ES256", p256.Public(), []byte(parts[0]+"."+parts[1]), decode(t, parts[2])); !handled || err != nil {
				t.Fatal(handled, err)
			}
		}
		if len(w.keys) != n {
			t.Errorf("cache grew from %d to %d for a key already imported", n, len(w.keys))
		}
	})
}

// Through core/jose, with the verifier installed: the same verdicts as jwx.
func TestWebCryptoThroughJose(t *testing.T) {
	w := New()
	if w == nil {
		t.Fatal("no crypto.subtle in this runtime")
	}
	jose.SetVerifier(w)
	t.Cleanup(func() { jose.SetVerifier(nil) })
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tok, err := jose.Sign([]byte(`{"a":1}`), "ES256", k, map[string]any{"typ": "vc+jwt"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := jose.ParseCompact(tok)
	if err != nil {
		t.Fatal(err)
	}
	before := len(w.keys)
	if err := c.Verify(&k.PublicKey, []string{"ES256"}); err != nil {
		t.Fatalf("valid: %v", err)
	}
	if len(w.keys) != before+1 {
		t.Fatalf("WebCrypto was not used (%d imported keys, want %d)", len(w.keys), before+1)
	}
	parts := strings.Split(tok, ".")
	sig := decode(t, parts[2])
	sig[3] ^= 1
	bad, err := jose.ParseCompact(parts[0] + "." + parts[1] + "." + b64u(sig))
	if err != nil {
		t.Fatal(err)
	}
	if err := bad.Verify(&k.PublicKey, []string{"ES256"}); jose.CodeOf(err) != jose.CodeBadSignature {
		t.Fatalf("tampered: %v, want bad_signature", err)
	}
}

func decode(t *testing.T, s string) []byte {
	t.Helper()
	b, err := b64uDecode(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func b64uDecode(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(s) }

// BenchmarkJoseVerifyES256 compares one ES256 check through core/jose
// with Go's code (jwx) and with WebCrypto.
func BenchmarkJoseVerifyES256(b *testing.B) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tok, _ := jose.Sign([]byte(`{"a":1}`), "ES256", k, map[string]any{"typ": "vc+jwt"})
	c, err := jose.ParseCompact(tok)
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"go", "webcrypto"} {
		b.Run(name, func(b *testing.B) {
			if name == "webcrypto" {
				jose.SetVerifier(New())
				defer jose.SetVerifier(nil)
			}
			for b.Loop() {
				if err := c.Verify(&k.PublicKey, []string{"ES256"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
