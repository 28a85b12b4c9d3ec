package bundle

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"
)

var t0 = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func TestRoundTrip(t *testing.T) {
	b := New(t0)
	b.Add("https://a.example/.well-known/did.json", KindDIDDocument, []byte(`{"id":"did:web:a.example"}`), t0)
	b.Add("https://a.example/status/1", KindStatusList, []byte("eyJ.eyJ.sig"), t0.Add(time.Minute))
	b.Add("https://a.example/bin", KindOther, []byte{0xff, 0xfe, 0}, t0)
	b.Add("https://a.example/status/1", KindStatusList, []byte("eyJ.newer.sig"), t0.Add(2*time.Minute)) // replaces
	raw, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Resources) != 3 {
		t.Fatalf("%d resources", len(p.Resources))
	}
	f := p.Fetcher(nil)
	ctx := context.Background()
	if got, err := f.Fetch(ctx, "https://a.example/status/1"); err != nil || string(got) != "eyJ.newer.sig" {
		t.Errorf("status list: %q, %v", got, err)
	}
	if at, ok := f.FetchedAt("https://a.example/status/1"); !ok || !at.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("FetchedAt = %v, %v", at, ok)
	}
	if got, err := f.Fetch(ctx, "https://a.example/bin"); err != nil || string(got) != "\xff\xfe\x00" {
		t.Errorf("binary: %q, %v", got, err)
	}
	if _, err := f.Fetch(ctx, "https://a.example/missing"); !errors.Is(err, fetch.ErrOffline) {
		t.Errorf("missing: %v", err)
	}
}

func TestParseRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"wrong type":     `{"type":"Other","version":1,"created":"2026-01-01T00:00:00Z","resources":[]}`,
		"newer version":  `{"type":"GXWalletBundle","version":2,"created":"2026-01-01T00:00:00Z","resources":[]}`,
		"unknown member": `{"type":"GXWalletBundle","version":1,"created":"2026-01-01T00:00:00Z","resources":[],"extra":1}`,
		"duplicate key":  `{"type":"GXWalletBundle","type":"GXWalletBundle","version":1,"created":"2026-01-01T00:00:00Z","resources":[]}`,
		"repeated url":   `{"type":"GXWalletBundle","version":1,"created":"2026-01-01T00:00:00Z","resources":[{"url":"https://a","fetched":"2026-01-01T00:00:00Z","content":"x"},{"url":"https://a","fetched":"2026-01-01T00:00:00Z","content":"y"}]}`,
		"both contents":  `{"type":"GXWalletBundle","version":1,"created":"2026-01-01T00:00:00Z","resources":[{"url":"https://a","fetched":"2026-01-01T00:00:00Z","content":"x","contentBase64":"eA=="}]}`,
		"bad base64":     `{"type":"GXWalletBundle","version":1,"created":"2026-01-01T00:00:00Z","resources":[{"url":"https://a","fetched":"2026-01-01T00:00:00Z","contentBase64":"!!"}]}`,
		"too large":      strings.Repeat(" ", MaxBytes+1),
	} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestRecorder(t *testing.T) {
	src := fetch.Map{Entries: map[string][]byte{"https://a.example/x": []byte("x")}}
	r := &Recorder{Next: src, Now: t0, Kind: func(url string, _ []byte) string { return KindCredential }}
	if _, err := r.Fetch(context.Background(), "https://a.example/x"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Fetch(context.Background(), "https://a.example/y"); err == nil {
		t.Fatal("a failed fetch succeeded")
	}
	if r.Bundle.Type != Type || len(r.Bundle.Resources) != 1 || r.Bundle.Resources[0].Kind != KindCredential || !r.Bundle.Resources[0].Fetched.Equal(t0) {
		t.Errorf("bundle = %+v", r.Bundle)
	}
}
