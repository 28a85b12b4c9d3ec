package oid4vc

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"io"
	"testing"
	"time"
)

// testNow is the fixed instant of every table test.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const testIssuer = "https://issuer.example/tenants/acme"

func p256(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func ed(t testing.TB) ed25519.PrivateKey {
	t.Helper()
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// wantCode fails the test unless err carries code ("" wants no error).
func wantCode(t testing.TB, err error, code Code) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *oid4vc.Error", err, err)
	}
	if e.Code != code {
		t.Fatalf("code %s (%v), want %s", e.Code, err, code)
	}
}

// messageSigner is a holder key that only signs whole messages, like a
// non-extractable WebCrypto key.
type messageSigner struct{ k *ecdsa.PrivateKey }

func (m messageSigner) Public() crypto.PublicKey { return &m.k.PublicKey }
func (m messageSigner) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errors.New("digest signing not available")
}
func (m messageSigner) SignMessage(r io.Reader, msg []byte, opts crypto.SignerOpts) ([]byte, error) {
	d := opts.HashFunc().New()
	d.Write(msg)
	return ecdsa.SignASN1(r, m.k, d.Sum(nil))
}
