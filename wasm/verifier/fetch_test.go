package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/verify"
)

func TestFetchOption(t *testing.T) {
	for _, tc := range []struct {
		in      string
		enabled bool
		code    string
	}{
		{`{}`, false, ""},
		{`{"fetch":false}`, false, ""},
		{`{"fetch":null}`, false, ""},
		{`{"fetch":true}`, true, ""},
		{`{"fetch":{}}`, true, ""},
		{`{"fetch":{"allowedTestOrigins":["http://127.0.0.1:8123","https://localhost:9"]}}`, true, ""},
		{`{"fetch":{"allowedTestOrigins":["https://issuer.example"]}}`, false, CodeBadOptions},
		{`{"fetch":{"allowedTestOrigins":["http://10.0.0.1"]}}`, false, CodeBadOptions},
		{`{"fetch":{"allowedTestOrigin":[]}}`, false, CodeBadOptions},
		{`{"fetch":"yes"}`, false, CodeBadOptions},
		{`{"fetch":1}`, false, CodeBadOptions},
	} {
		req, err := decodeOptions([]byte(tc.in))
		if got := code(err); got != tc.code || req.Fetch.Enabled != tc.enabled {
			t.Errorf("%s: enabled %v, code %q (%v); want %v, %q", tc.in, req.Fetch.Enabled, got, err, tc.enabled, tc.code)
		}
	}
}

// didWebServer is an HTTPS test server publishing a did:web issuer at its
// own origin (did:web:127.0.0.1%3A<port>); it counts requests.
type didWebServer struct {
	*httptest.Server
	origin   string // https://localhost:<port>
	did, kid string
	key      *ecdsa.PrivateKey
	requests atomic.Int32
}

func newDIDWebServer(t *testing.T) *didWebServer {
	t.Helper()
	s := &didWebServer{}
	var err error
	if s.key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		t.Fatal(err)
	}
	jwk, err := jose.PublicJWK(&s.key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		switch r.URL.Path {
		case "/.well-known/did.json":
			fmt.Fprintf(w, `{"id":%q,"verificationMethod":[{"id":%q,"type":"JsonWebKey2020","controller":%q,"publicKeyJwk":%s}],"assertionMethod":[%q]}`,
				s.did, s.kid, s.did, jwk, s.kid)
		case "/moved/did.json":
			http.Redirect(w, r, "/.well-known/did.json", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	// did:web names hosts, not IP addresses: localhost:<port>.
	u, _ := url.Parse(s.URL)
	s.origin = "https://localhost:" + u.Port()
	s.did = "did:web:localhost%3A" + u.Port()
	s.kid = s.did + "#k1"
	return s
}

func (s *didWebServer) credential(t *testing.T) string {
	t.Helper()
	tok, err := jose.Sign([]byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],`+
		`"issuer":"`+s.did+`","validFrom":"2026-01-01T00:00:00Z","credentialSubject":{"name":"Alice"}}`),
		"ES256", s.key, map[string]any{"typ": "vc+jwt", "kid": s.kid})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// transport trusts the test server's certificate, which does not name
// localhost (tests only).
func (s *didWebServer) transport() http.RoundTripper {
	return &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
}

// failingTransport fails as a browser's fetch does on a CORS refusal.
type failingTransport struct{}

func (failingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, errors.New("net/http: fetch() failed: TypeError: Failed to fetch")
}

// TestVerifyFetch: nothing is fetched unless options.fetch asks; with
// it, a did:web document is fetched under the policy (a loopback origin
// only when allowed for tests); a blocked fetch is fetch_blocked with
// advice; offline still wins.
func TestVerifyFetch(t *testing.T) {
	s := newDIDWebServer(t)
	tok := s.credential(t)
	run := func(options string, transport http.RoundTripper) verify.Result {
		t.Helper()
		out, err := verifyJSON(context.Background(), []byte(tok), []byte(options), transport)
		if err != nil {
			t.Fatalf("%s: %v", options, err)
		}
		var r verify.Result
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	codeOf := func(r verify.Result) verify.Code {
		if c := r.Failed(); c != nil {
			return c.Code
		}
		return ""
	}
	base := `"now":"2026-06-01T00:00:00Z","trustedIssuers":["` + s.did + `"]`
	allowed := `"fetch":{"allowedTestOrigins":["` + s.origin + `"]}`

	if r := run(`{`+base+`}`, s.transport()); r.Status == verify.StatusActive || codeOf(r) != verify.CodeResourceMissing {
		t.Errorf("no fetch option: %s %s", r.Status, codeOf(r))
	}
	if n := s.requests.Load(); n != 0 {
		t.Fatalf("%d requests without options.fetch", n)
	}
	if r := run(`{`+base+`,"fetch":true}`, s.transport()); r.Status == verify.StatusActive || codeOf(r) != verify.CodeResourceMissing ||
		!strings.Contains(r.Failed().Detail, "refused by the fetch policy") {
		t.Errorf("fetch without a test origin: %s %+v", r.Status, r.Failed())
	}
	if n := s.requests.Load(); n != 0 {
		t.Fatalf("%d requests to a loopback origin outside test configuration", n)
	}
	if r := run(`{`+base+`,`+allowed+`}`, s.transport()); r.Status != verify.StatusActive {
		t.Errorf("fetch with the test origin: %s %+v", r.Status, r.Failed())
	}
	if s.requests.Load() != 1 {
		t.Errorf("%d requests, want 1", s.requests.Load())
	}
	if r := run(`{`+base+`,`+allowed+`,"offline":true}`, s.transport()); codeOf(r) != verify.CodeResourceMissing || s.requests.Load() != 1 {
		t.Errorf("offline wins over fetch: %s %s", r.Status, codeOf(r))
	}
	r := run(`{`+base+`,`+allowed+`}`, failingTransport{})
	if codeOf(r) != verify.CodeFetchBlocked || !strings.Contains(r.Failed().Detail, "Access-Control-Allow-Origin") ||
		!strings.Contains(r.Failed().Detail, "options.resources") {
		t.Errorf("blocked: %s %+v", r.Status, r.Failed())
	}
	if _, err := verifyJSON(context.Background(), []byte(tok), []byte(`{"fetch":true}`), nil); code(err) != CodeBadOptions {
		t.Errorf("fetch without a transport: %v", err)
	}
}
