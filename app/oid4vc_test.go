package app

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/oid4vc"
)

// mapTransport answers GETs from a map and records every URL asked for.
type mapTransport struct {
	pages map[string]string
	asked []string
}

func (m *mapTransport) Do(_ context.Context, r oid4vc.HTTPRequest) (oid4vc.HTTPResponse, error) {
	m.asked = append(m.asked, r.URL)
	b, ok := m.pages[r.URL]
	if !ok {
		return oid4vc.HTTPResponse{}, errors.New("offline")
	}
	return oid4vc.HTTPResponse{Status: 200, Body: []byte(b)}, nil
}

func TestLinkKind(t *testing.T) {
	for in, want := range map[string]string{
		"openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fi.example%2Fo%2F1": "offer",
		"?credential_offer=%7B%7D":                                       "offer",
		"openid4vp://?client_id=x&request_uri=https://rp/1":              "request",
		"https://wallet.example/authorize?client_id=x&dcql_query=%7B%7D": "request",
		"eyJhbGciOiJFUzI1NiJ9.e30.sig":                                   "",
		"":                                                               "",
	} {
		if got := linkKind(in); got != want {
			t.Errorf("linkKind(%q) = %q, want %q", in, got, want)
		}
	}
	if got := protocolURI(oid4vc.OfferScheme, "?credential_offer_uri=x"); got != "openid-credential-offer://?credential_offer_uri=x" {
		t.Errorf("protocolURI: %q", got)
	}
}

// The wallet contacts only the hosts it deals with, and a loopback host
// over plain http.
func TestHostFetcher(t *testing.T) {
	tr := &mapTransport{pages: map[string]string{
		"http://localhost:8080/.well-known/did.json": `{"id":"did:web:localhost%3A8080"}`,
		"https://issuer.example/status/1":            "eyJ.status",
	}}
	f, err := newIssuerFetcher(tr, "http://localhost:8080")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if b, err := f.Fetch(ctx, "https://localhost:8080/.well-known/did.json"); err != nil || !strings.Contains(string(b), "did:web") {
		t.Errorf("the issuer's did:web document: %q %v", b, err)
	}
	if _, err := f.Fetch(ctx, "https://issuer.example/status/1"); !errors.Is(err, fetch.ErrOffline) {
		t.Errorf("another host: %v", err)
	}
	for _, u := range tr.asked {
		if strings.Contains(u, "issuer.example") {
			t.Errorf("asked %s", u)
		}
	}
	if _, err := f.Fetch(ctx, "ftp://localhost:8080/x"); !errors.Is(err, fetch.ErrOffline) {
		t.Errorf("ftp: %v", err)
	}
}

// Refreshing a bundle fetches each resource again from its host; what
// cannot be fetched keeps its old copy and time.
func TestRefreshBundle(t *testing.T) {
	then := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := then.Add(48 * time.Hour)
	b := bundle.New(then)
	b.Add("https://issuer.example/status/1", bundle.KindStatusList, []byte("old-list"), then)
	b.Add("https://issuer.example/.well-known/did.json", bundle.KindDIDDocument, []byte(`{"id":"did:web:issuer.example"}`), then)
	kept, _ := json.Marshal(b)
	tr := &mapTransport{pages: map[string]string{"https://issuer.example/status/1": "new-list"}}
	out, n, err := refreshBundle(context.Background(), tr, string(kept), now)
	if err != nil || n != 1 {
		t.Fatalf("refresh: %d fresh, %v", n, err)
	}
	nb, err := bundle.Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range nb.Resources {
		c, _ := r.Bytes()
		switch r.URL {
		case "https://issuer.example/status/1":
			if string(c) != "new-list" || !r.Fetched.Equal(now) {
				t.Errorf("status list: %q at %s", c, r.Fetched)
			}
		default:
			if !r.Fetched.Equal(then) {
				t.Errorf("%s: kept copy re-dated %s", r.URL, r.Fetched)
			}
		}
	}
	if len(tr.asked) != 2 {
		t.Errorf("asked %v", tr.asked)
	}
}

func TestCredentialURL(t *testing.T) {
	for in, want := range map[string]bool{
		"https://issuer.example/creds/1":                    true,
		"http://localhost:8080/c":                           true,
		"http://issuer.example/c":                           false,
		"eyJhbGciOiJFUzI1NiJ9.e30.sig":                      false,
		"openid-credential-offer://?credential_offer_uri=x": false,
		"https://a.example/x https://b.example/y":           false,
	} {
		if _, got := credentialURL(in); got != want {
			t.Errorf("credentialURL(%q) = %v", in, got)
		}
	}
	tr := &mapTransport{pages: map[string]string{"https://issuer.example/creds/1": "eyJ.cred"}}
	if b, err := fetchCredential(context.Background(), tr, "https://issuer.example/creds/1"); err != nil || b != "eyJ.cred" {
		t.Errorf("fetch: %q %v", b, err)
	}
	if _, err := fetchCredential(context.Background(), tr, "https://issuer.example/gone"); err == nil {
		t.Error("a failed fetch gave no error")
	}
}
