package jose

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"math/big"
	"strings"
	"testing"
)

// fakeVerifier is a SignatureVerifier for tests. With check set it really
// verifies (Go's crypto over the signing input it is given, ES256 and
// EdDSA only), so a wrong signing input or signature makes it refuse;
// otherwise it answers handled/err as told. It records every call.
type fakeVerifier struct {
	check   bool
	handled bool
	err     error
	calls   []fakeCall
}

type fakeCall struct {
	alg          string
	signingInput string
	signature    []byte
}

func (f *fakeVerifier) VerifySignature(_ context.Context, alg string, key crypto.PublicKey, signingInput, signature []byte) (bool, error) {
	f.calls = append(f.calls, fakeCall{alg, string(signingInput), append([]byte(nil), signature...)})
	if !f.check {
		return f.handled, f.err
	}
	switch k := key.(type) {
	case *ecdsa.PublicKey:
		if alg != "ES256" || len(signature) != 64 {
			return false, nil
		}
		d := sha256.Sum256(signingInput)
		r, s := new(big.Int).SetBytes(signature[:32]), new(big.Int).SetBytes(signature[32:])
		if !ecdsa.Verify(k, d[:], r, s) {
			return true, errors.New("fake: ecdsa says no")
		}
		return true, nil
	case ed25519.PublicKey:
		if !ed25519.Verify(k, signingInput, signature) {
			return true, errors.New("fake: ed25519 says no")
		}
		return true, nil
	}
	return false, nil
}

func useVerifier(t *testing.T, v SignatureVerifier) {
	t.Helper()
	SetVerifier(v)
	t.Cleanup(func() { SetVerifier(nil) })
}

// tamper flips one bit of the signature's first byte; the result is still
// canonical base64url.
func tamper(t *testing.T, tok string) string {
	t.Helper()
	parts := strings.Split(tok, ".")
	sig, err := b64(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	sig[0] ^= 1
	parts[2] = enc(string(sig))
	return strings.Join(parts, ".")
}

func mustParse(t *testing.T, tok string) *Compact {
	t.Helper()
	c, err := ParseCompact(tok)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestVerifierReplacesSignatureCheck(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tok, err := Sign([]byte(`{"a":1}`), "ES256", ec, map[string]any{"typ": "vc+jwt"})
	if err != nil {
		t.Fatal(err)
	}
	bad := tamper(t, tok)
	parts := strings.Split(tok, ".")

	t.Run("handled, real check", func(t *testing.T) {
		f := &fakeVerifier{check: true}
		useVerifier(t, f)
		if err := mustParse(t, tok).Verify(&ec.PublicKey, allow); err != nil {
			t.Fatalf("valid token: %v", err)
		}
		if len(f.calls) != 1 || f.calls[0].alg != "ES256" || f.calls[0].signingInput != parts[0]+"."+parts[1] || enc(string(f.calls[0].signature)) != parts[2] {
			t.Fatalf("calls %+v", f.calls)
		}
		err := mustParse(t, bad).Verify(&ec.PublicKey, allow)
		if CodeOf(err) != CodeBadSignature || len(f.calls) != 2 {
			t.Fatalf("tampered: %v after %d calls, want bad_signature from the verifier", err, len(f.calls))
		}
		// Same message as jwx's path, so results do not depend on which
		// code checked.
		SetVerifier(nil)
		want := mustParse(t, bad).Verify(&ec.PublicKey, allow)
		if err.Error() != want.Error() {
			t.Errorf("verifier error %q, jwx error %q", err, want)
		}
	})

	t.Run("handled, says valid", func(t *testing.T) {
		// The verifier's verdict replaces jwx's: a tampered signature
		// passes if it says so (which is why it must be a real check).
		f := &fakeVerifier{handled: true}
		useVerifier(t, f)
		if err := mustParse(t, bad).Verify(&ec.PublicKey, allow); err != nil || len(f.calls) != 1 {
			t.Fatalf("verifier said valid: %v after %d calls", err, len(f.calls))
		}
	})

	t.Run("handled, error", func(t *testing.T) {
		f := &fakeVerifier{handled: true, err: errors.New("runtime says no")}
		useVerifier(t, f)
		err := mustParse(t, tok).Verify(&ec.PublicKey, allow)
		if CodeOf(err) != CodeBadSignature || len(f.calls) != 1 {
			t.Fatalf("verifier error: %v after %d calls, want bad_signature", err, len(f.calls))
		}
		if strings.Contains(err.Error(), "runtime says no") {
			t.Errorf("the verifier's own message leaked: %v", err)
		}
	})

	t.Run("not handled", func(t *testing.T) {
		// Declining, even with an error, falls back to jwx: the valid
		// token passes and the tampered one is still refused.
		for _, f := range []*fakeVerifier{{}, {err: errors.New("no WebCrypto")}} {
			useVerifier(t, f)
			if err := mustParse(t, tok).Verify(&ec.PublicKey, allow); err != nil {
				t.Fatalf("valid token, verifier declined: %v", err)
			}
			if err := mustParse(t, bad).Verify(&ec.PublicKey, allow); CodeOf(err) != CodeBadSignature {
				t.Fatalf("tampered token, verifier declined: %v, want bad_signature", err)
			}
			if len(f.calls) != 2 {
				t.Fatalf("%d calls, want 2", len(f.calls))
			}
		}
	})

	t.Run("checks around the signature still run", func(t *testing.T) {
		f := &fakeVerifier{handled: true}
		useVerifier(t, f)
		c := mustParse(t, tok)
		if err := c.Verify(&ec.PublicKey, []string{"EdDSA"}); CodeOf(err) != CodeAlgNotAllowed {
			t.Errorf("alg outside the allowlist: %v", err)
		}
		_, ed, _ := ed25519.GenerateKey(rand.Reader)
		if err := c.Verify(ed.Public(), allow); CodeOf(err) != CodeAlgKeyMismatch {
			t.Errorf("Ed25519 key for ES256: %v", err)
		}
		if err := c.VerifyDetached([]byte("x"), &ec.PublicKey, allow); CodeOf(err) != CodeMalformed {
			t.Errorf("detached check of an attached payload: %v", err)
		}
		if len(f.calls) != 0 {
			t.Errorf("verifier called %d times for refused tokens", len(f.calls))
		}
	})
}

func TestVerifierDetachedSigningInput(t *testing.T) {
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	payload := []byte("payload bytes, not base64url: {\"a\":1}")
	for _, unencoded := range []bool{false, true} {
		tok, err := SignDetached(payload, "EdDSA", ed, map[string]any{"kid": "k"}, unencoded)
		if err != nil {
			t.Fatal(err)
		}
		f := &fakeVerifier{check: true}
		useVerifier(t, f)
		c := mustParse(t, tok)
		if err := c.VerifyDetached(payload, ed.Public(), allow); err != nil {
			t.Fatalf("unencoded=%v: %v", unencoded, err)
		}
		hdr := strings.Split(tok, ".")[0]
		want := hdr + "." + enc(string(payload))
		if unencoded {
			want = hdr + "." + string(payload)
		}
		if len(f.calls) != 1 || f.calls[0].alg != "EdDSA" || f.calls[0].signingInput != want {
			t.Fatalf("unencoded=%v: calls %+v, want signing input %q", unencoded, f.calls, want)
		}
		if err := c.VerifyDetached([]byte("other payload"), ed.Public(), allow); CodeOf(err) != CodeBadSignature || len(f.calls) != 2 {
			t.Errorf("unencoded=%v, other payload: %v after %d calls, want bad_signature", unencoded, err, len(f.calls))
		}
		if err := mustParse(t, tamper(t, tok)).VerifyDetached(payload, ed.Public(), allow); CodeOf(err) != CodeBadSignature {
			t.Errorf("unencoded=%v, tampered: %v", unencoded, err)
		}
	}
}

// A header that jwx refuses to parse is left to jwx, so the error is the
// same with or without a verifier.
func TestVerifierLeavesJWXHeaderErrors(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	hdr := enc(`{"alg":"ES256","jwk":"not a key"}`)
	input := hdr + "." + enc(`{"a":1}`)
	d := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, ec, d[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	tok := input + "." + enc(string(sig))

	want := mustParse(t, tok).Verify(&ec.PublicKey, allow)
	if want == nil {
		t.Fatal("jwx accepted a header whose jwk is a string; the test needs a header it refuses")
	}
	f := &fakeVerifier{check: true}
	useVerifier(t, f)
	got := mustParse(t, tok).Verify(&ec.PublicKey, allow)
	if got == nil || got.Error() != want.Error() || CodeOf(got) != CodeOf(want) {
		t.Errorf("with verifier %v, without %v", got, want)
	}
	if len(f.calls) != 0 {
		t.Errorf("verifier called for a header jwx refuses")
	}
}
