package app

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/verify"
)

func TestParseTrustBundle(t *testing.T) {
	for name, in := range map[string]string{
		"empty":          ``,
		"not JSON":       `trust me`,
		"nothing to use": `{"nonce":"n"}`,
		"unknown member": `{"trustedIssuers":["did:web:a.example"],"extra":1}`,
		"nested bundle":  `{"trustedIssuers":["did:web:a.example"],"bundle":{"type":"GXWalletBundle"}}`,
		"bad DID doc":    `{"didDocs":[{"id":"not a did"}]}`,
	} {
		if _, err := parseTrustBundle([]byte(in)); !errors.Is(err, errTrustBundle) {
			t.Errorf("%s: %v", name, err)
		}
	}
	req, err := parseTrustBundle([]byte(`{"trustedIssuers":["did:web:a.example"],"nonce":"dropped","now":"2020-01-01T00:00:00Z"}`))
	if err != nil || len(req.TrustedIssuers) != 1 || req.Nonce != "" || req.Now != "" {
		t.Errorf("request form: %+v %v", req, err)
	}
	// An offline bundle becomes didDocs and resources.
	b := bundle.New(time.Now())
	b.DIDDocuments = append(b.DIDDocuments, json.RawMessage(`{"id":"did:web:a.example","@context":"https://www.w3.org/ns/did/v1"}`))
	b.Add("https://a.example/status/1", bundle.KindStatusList, []byte("eyJ.list"), time.Now())
	raw, _ := json.Marshal(b)
	req, err = parseTrustBundle(raw)
	if err != nil || len(req.DIDDocs) != 1 || string(req.Resources["https://a.example/status/1"]) != `"eyJ.list"` {
		t.Errorf("offline bundle: %+v %v", req, err)
	}
}

// Loading a trust bundle that trusts the issuer makes its credential
// active (checked again in the same write); removing it makes it
// untrusted again; the settings keep it across a lock.
func TestLoadTrustBundle(t *testing.T) {
	ctx := context.Background()
	s := newSession(&memBackend{})
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	if err := s.create(ctx, "correct horse battery", now); err != nil {
		t.Fatal(err)
	}
	iss := newTestIssuer(t)
	e, err := s.importCred(ctx, iss.vcJWT(t), now)
	if err != nil || e.Result.Status != verify.StatusUntrusted {
		t.Fatalf("import: %s %v", e.Result.Status, err)
	}
	n, err := s.loadTrustBundle(ctx, []byte(`{"trustedIssuers":["`+e.Result.Issuer+`"]}`), now)
	if err != nil || n != 1 {
		t.Fatalf("load: %d %v", n, err)
	}
	snap, _ := s.snapshot()
	if snap.Creds[0].Result.Status != verify.StatusActive {
		t.Errorf("with the bundle: %s", snap.Creds[0].Result.Status)
	}
	s.lock()
	if err := s.unlock(ctx, "correct horse battery", now); err != nil {
		t.Fatal(err)
	}
	if s.settings.TrustBundle == "" {
		t.Error("the trust bundle was not stored")
	}
	if _, err := s.loadTrustBundle(ctx, nil, now); err != nil {
		t.Fatal(err)
	}
	snap, _ = s.snapshot()
	if snap.Creds[0].Result.Status != verify.StatusUntrusted || s.settings.TrustBundle != "" {
		t.Errorf("after removing: %s %q", snap.Creds[0].Result.Status, s.settings.TrustBundle)
	}
	if _, err := s.loadTrustBundle(ctx, []byte("{}"), now); !errors.Is(err, errTrustBundle) {
		t.Errorf("an empty bundle: %v", err)
	}
}
