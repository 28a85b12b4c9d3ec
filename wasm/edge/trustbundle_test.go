package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/verify"
)

// bundleOrigin serves a trust bundle and counts the requests.
type bundleOrigin struct {
	*httptest.Server
	mu    sync.Mutex
	body  []byte
	code  int
	count int
}

func newBundleOrigin(t *testing.T, body []byte) *bundleOrigin {
	o := &bundleOrigin{body: body, code: 200}
	o.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o.mu.Lock()
		defer o.mu.Unlock()
		o.count++
		if o.code != 200 {
			http.Error(w, "down", o.code)
			return
		}
		w.Header().Set("Cache-Control", "max-age=60")
		w.Write(o.body)
	}))
	t.Cleanup(o.Close)
	return o
}

func (o *bundleOrigin) set(code int, body []byte) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.code = code
	if body != nil {
		o.body = body
	}
}

func (o *bundleOrigin) requests() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.count
}

// TestTrustBundle: the deployment's bundle answers a request with no
// bundle of its own (its DID document resolves the issuer), is cached
// (second request: no fetch), served stale when its host is down, and
// replaced by the request's own bundle when there is one; a broken or
// unreachable bundle is a coded error; a URL outside the fetch policy is a
// configuration error.
func TestTrustBundle(t *testing.T) {
	jwt, withDoc := signedVC(t)
	var o struct {
		DIDDocs []json.RawMessage `json:"didDocs"`
	}
	if err := json.Unmarshal(withDoc, &o); err != nil {
		t.Fatal(err)
	}
	b := bundle.New(t0)
	b.DIDDocuments = o.DIDDocs
	raw, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	origin := newBundleOrigin(t, raw)

	clock := &fakeClock{t: t0}
	h := newHandler("test", verify.Options{})
	h.Transport = origin.Client().Transport
	h.Cache = newLRUStore(8, 1<<20, clock.now)
	h.Now = clock.now
	h.Env = env{"ALLOWED_TEST_ORIGINS": origin.URL, "TRUST_BUNDLE_URL": origin.URL + "/bundle.json", "CACHE_MAX_AGE": "1h"}.get

	noDoc := json.RawMessage(`{"now":"2026-06-01T00:00:00Z","trustedIssuers":["did:web:issuer.example"],"offline":true}`)
	post := func(options json.RawMessage) (*http.Response, []byte) {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"credential": jwt, "options": options})
		return do(t, h, "POST", "/v1/verify", body)
	}
	active := func(res *http.Response, b []byte, header string) {
		t.Helper()
		var r verify.Result
		if res.StatusCode != 200 || json.Unmarshal(b, &r) != nil || r.Status != verify.StatusActive {
			t.Fatalf("%d %s, want an active Result", res.StatusCode, b)
		}
		if got := res.Header.Get(trustBundleHeader); got != header {
			t.Errorf("%s: %q, want %q", trustBundleHeader, got, header)
		}
	}
	fetched := "; fetched=" + t0.Format(time.RFC3339)

	res, body := post(noDoc)
	active(res, body, "miss"+fetched)
	clock.advance(30 * time.Second)
	res, body = post(noDoc)
	active(res, body, "hit"+fetched)
	if n := origin.requests(); n != 1 {
		t.Errorf("%d fetches of the bundle, want 1 (the second request hits the cache)", n)
	}

	// The request's own bundle replaces the deployment's: an empty one
	// leaves the issuer's DID document unresolvable offline.
	empty, _ := bundle.New(t0).Marshal()
	own, _ := json.Marshal(map[string]any{"now": "2026-06-01T00:00:00Z", "trustedIssuers": []string{"did:web:issuer.example"},
		"offline": true, "bundle": json.RawMessage(empty)})
	res, body = post(own)
	var r verify.Result
	if res.StatusCode != 200 || json.Unmarshal(body, &r) != nil || r.Status == verify.StatusActive {
		t.Fatalf("own empty bundle: %d %s, want a Result that is not active", res.StatusCode, body)
	}
	if got := res.Header.Get(trustBundleHeader); got != "" {
		t.Errorf("own bundle: %s %q, want none", trustBundleHeader, got)
	}

	// Source down past freshness: the cached copy, stale, within CACHE_MAX_AGE.
	origin.set(http.StatusServiceUnavailable, nil)
	clock.advance(10 * time.Minute)
	res, body = post(noDoc)
	active(res, body, "stale"+fetched)
	// Past CACHE_MAX_AGE: a coded 503.
	clock.advance(2 * time.Hour)
	res, body = post(noDoc)
	wantError(t, res, body, http.StatusServiceUnavailable, codeTrustBundleUnavailable)

	// A source serving something that is not a bundle: a coded 502, in a
	// batch per item.
	origin.set(200, []byte(`{"type":"GXWalletBundle","version":2}`))
	res, body = post(noDoc)
	wantError(t, res, body, http.StatusBadGateway, codeTrustBundleInvalid)
	item, _ := json.Marshal(map[string]any{"credential": jwt, "options": noDoc})
	res, body = do(t, h, "POST", "/v1/verify/batch", []byte("["+string(item)+","+string(item)+"]"))
	if res.StatusCode != 200 || strings.Count(string(body), codeTrustBundleInvalid) != 2 {
		t.Errorf("batch with a broken bundle: %d %s", res.StatusCode, body)
	}
	// Over the size bound.
	origin.set(200, []byte(`{"type":"GXWalletBundle","version":1,"created":"2026-06-01T00:00:00Z","resources":[],"x":"`+strings.Repeat("a", MaxTrustBundleBytes)+`"}`))
	clock.advance(2 * time.Minute)
	res, body = post(noDoc)
	wantError(t, res, body, http.StatusBadGateway, codeTrustBundleInvalid)

	// A request that brings its own bundle never needs the deployment's.
	res, body = post(own)
	if res.StatusCode != 200 {
		t.Errorf("own bundle while the deployment's is broken: %d %s", res.StatusCode, body)
	}

	// The bundle URL is under the fetch policy.
	for _, u := range []string{"http://bundle.example/b.json", "https://10.0.0.1/b.json", "https://localhost/b.json", "not a url"} {
		if _, err := loadConfig(env{"TRUST_BUNDLE_URL": u}.get); err == nil || !strings.Contains(err.Error(), "TRUST_BUNDLE_URL") {
			t.Errorf("TRUST_BUNDLE_URL %q: %v, want a configuration error", u, err)
		}
	}
	if c, err := loadConfig(env{"TRUST_BUNDLE_URL": "https://trust.example/bundle.json"}.get); err != nil || c.TrustBundleURL == "" {
		t.Errorf("a public https URL: %+v %v", c, err)
	}
}
