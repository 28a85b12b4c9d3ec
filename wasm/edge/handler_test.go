package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/verify"
)

func do(t *testing.T, h http.Handler, method, path string, body []byte) (*http.Response, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, rd))
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// wantError checks a {"code","message"} answer.
func wantError(t *testing.T, res *http.Response, body []byte, status int, code string) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("status %d, want %d; body %s", res.StatusCode, status, body)
	}
	if ct := res.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var e apiError
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("error body not JSON: %v: %s", err, body)
	}
	if e.Code != code || e.Message == "" {
		t.Errorf("error %+v, want code %q and a message", e, code)
	}
}

// stub records what the handler passed to Verify.
type stub struct {
	input []byte
	opts  verify.Options
	res   verify.Result
	err   error
}

func (s *stub) verify(_ context.Context, input []byte, opts verify.Options) (verify.Result, error) {
	s.input, s.opts = input, opts
	return s.res, s.err
}

func stubHandler(s *stub) *handler {
	h := newHandler("test", verify.Options{})
	h.Verify = s.verify
	h.Log = func(string, ...any) {}
	return h
}

func TestHealthz(t *testing.T) {
	h := newHandler("v1.2.3", verify.Options{})
	res, body := do(t, h, "GET", "/healthz", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %q %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	var got struct {
		OK      bool   `json:"ok"`
		Version string `json:"version"`
	}
	if err := json.Unmarshal(body, &got); err != nil || !got.OK || got.Version != "v1.2.3" {
		t.Fatalf("%s (%v)", body, err)
	}
}

func TestRouting(t *testing.T) {
	h := stubHandler(&stub{})
	for _, tc := range []struct {
		method, path string
		status       int
		code, allow  string
	}{
		{"POST", "/healthz", 405, codeMethodNotAllowed, "GET, HEAD, OPTIONS"},
		{"GET", "/v1/verify", 405, codeMethodNotAllowed, "POST, OPTIONS"},
		{"PUT", "/v1/verify", 405, codeMethodNotAllowed, "POST, OPTIONS"},
		{"GET", "/v1/verify/batch", 405, codeMethodNotAllowed, "POST, OPTIONS"},
		{"POST", "/v1/status", 405, codeMethodNotAllowed, "GET, HEAD, OPTIONS"},
		{"DELETE", "/openapi.json", 405, codeMethodNotAllowed, "GET, HEAD, OPTIONS"},
		{"GET", "/", 404, codeNotFound, ""},
		{"POST", "/v1/verify/", 404, codeNotFound, ""},
		{"GET", "/v2/verify", 404, codeNotFound, ""},
	} {
		t.Run(tc.method+tc.path, func(t *testing.T) {
			res, body := do(t, h, tc.method, tc.path, []byte("{}"))
			wantError(t, res, body, tc.status, tc.code)
			if got := res.Header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow %q, want %q", got, tc.allow)
			}
		})
	}
}

func TestBadRequests(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"empty", ``, 400, codeBadRequest},
		{"not JSON", `{"credential":`, 400, codeBadRequest},
		{"array", `[1,2]`, 400, codeBadRequest},
		{"trailing", `{"credential":"a.b.c"} {}`, 400, codeBadRequest},
		{"unknown member", `{"credential":"a.b.c","option":{}}`, 400, codeBadRequest},
		{"no credential", `{"options":{}}`, 400, codeBadRequest},
		{"null credential", `{"credential":null}`, 400, codeBadRequest},
		{"empty credential", `{"credential":""}`, 400, codeBadRequest},
		{"number credential", `{"credential":42}`, 400, codeBadRequest},
		{"array credential", `{"credential":["a.b.c"]}`, 400, codeBadRequest},
		{"unknown option", `{"credential":"a.b.c","options":{"trustedIssuer":["did:web:x"]}}`, 400, codeBadOptions},
		{"options not object", `{"credential":"a.b.c","options":[]}`, 400, codeBadOptions},
		{"bad now", `{"credential":"a.b.c","options":{"now":"yesterday"}}`, 400, codeBadOptions},
		{"bad did doc", `{"credential":"a.b.c","options":{"didDocs":[{"id":42}]}}`, 400, codeBadOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &stub{res: verify.Result{Status: verify.StatusInvalid}}
			res, body := do(t, stubHandler(s), "POST", "/v1/verify", []byte(tc.body))
			wantError(t, res, body, tc.status, tc.code)
			if s.input != nil {
				t.Error("Verify was called")
			}
		})
	}
}

func TestTooLarge(t *testing.T) {
	for _, n := range []int{MaxRequestBytes + 1, 10 << 20} {
		s := &stub{res: verify.Result{Status: verify.StatusInvalid}}
		body := append([]byte(`{"credential":"`), bytes.Repeat([]byte("a"), n)...)
		body = append(body, `"}`...)
		res, b := do(t, stubHandler(s), "POST", "/v1/verify", body)
		wantError(t, res, b, 413, codeTooLarge)
		if s.input != nil {
			t.Error("Verify was called")
		}
	}
	// Just under the bound is read and verified.
	s := &stub{res: verify.Result{Status: verify.StatusInvalid}}
	pad := MaxRequestBytes - len(`{"credential":""}`)
	body := []byte(`{"credential":"` + strings.Repeat("a", pad) + `"}`)
	if res, b := do(t, stubHandler(s), "POST", "/v1/verify", body); res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
}

func TestCredentialForms(t *testing.T) {
	s := &stub{res: verify.Result{Status: verify.StatusInvalid, Format: verify.FormatVCJWT}}
	h := stubHandler(s)

	res, body := do(t, h, "POST", "/v1/verify", []byte(`{"credential":"eyJ.x.y"}`))
	if res.StatusCode != 200 || string(s.input) != "eyJ.x.y" {
		t.Fatalf("%d %s input %q", res.StatusCode, body, s.input)
	}
	if res.Header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type %q", res.Header.Get("Content-Type"))
	}
	var r map[string]any
	if err := json.Unmarshal(body, &r); err != nil || r["status"] != "invalid" || r["checks"] == nil {
		t.Fatalf("%s: %v (checks must be an array, not null)", body, err)
	}

	// JSON text inside a string is passed as its text; an object as is.
	do(t, h, "POST", "/v1/verify", []byte(`{"credential":"{\"a\":1}"}`))
	if string(s.input) != `{"a":1}` {
		t.Errorf("input %q", s.input)
	}
	do(t, h, "POST", "/v1/verify", []byte(`{"credential": {"a": [1, 2]} }`))
	if string(s.input) != `{"a": [1, 2]}` {
		t.Errorf("input %q", s.input)
	}
}

func TestOptionsApplied(t *testing.T) {
	s := &stub{res: verify.Result{Status: verify.StatusUntrusted}}
	body := `{"credential":"a.b.c","options":{"now":"2026-03-01T12:00:00Z","trustedIssuers":["did:web:issuer.example"],` +
		`"resources":{"https://status.example/1":"eyJ"},"offline":true,"nonce":"n-1","aud":"https://rp.example"}}`
	res, b := do(t, stubHandler(s), "POST", "/v1/verify", []byte(body))
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	o := s.opts
	if !o.Now.Equal(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)) || o.Nonce != "n-1" || o.Audience != "https://rp.example" ||
		len(o.Policy.TrustedIssuers) != 1 || o.Policy.TrustedIssuers[0] != "did:web:issuer.example" {
		t.Fatalf("options not applied: %+v", o)
	}
	if got, err := o.Fetcher.Fetch(context.Background(), "https://status.example/1"); err != nil || string(got) != "eyJ" {
		t.Errorf("resource: %q %v", got, err)
	}
	if _, err := o.Fetcher.Fetch(context.Background(), "https://status.example/2"); !errors.Is(err, fetch.ErrOffline) {
		t.Errorf("offline: %v", err)
	}
}

func TestVerifyError(t *testing.T) {
	// A filled Result is the answer even when Verify says evaluation was
	// impossible; no verdict at all is a retryable 503.
	s := &stub{
		res: verify.Result{Status: verify.StatusInvalid, Checks: []verify.Check{{ID: "status", Status: verify.Indeterminate, Code: verify.CodeResourceMissing}}},
		err: errors.New("status list unavailable"),
	}
	res, body := do(t, stubHandler(s), "POST", "/v1/verify", []byte(`{"credential":"a.b.c"}`))
	if res.StatusCode != 200 || !strings.Contains(string(body), `"resource_missing"`) {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	s = &stub{err: context.DeadlineExceeded}
	res, body = do(t, stubHandler(s), "POST", "/v1/verify", []byte(`{"credential":"a.b.c"}`))
	wantError(t, res, body, 503, codeIndeterminate)
}

func TestPanicIsAnswered(t *testing.T) {
	h := stubHandler(&stub{})
	h.Verify = func(context.Context, []byte, verify.Options) (verify.Result, error) { panic("bug") }
	res, body := do(t, h, "POST", "/v1/verify", []byte(`{"credential":"a.b.c"}`))
	wantError(t, res, body, 500, codeInternal)
}

// signedVC returns a vc+jwt signed by did:web:issuer.example#k1 and the
// options that resolve and trust that issuer.
func signedVC(t testing.TB) (jwt string, options json.RawMessage) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jwk, err := jose.PublicJWK(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	payload := []byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],` +
		`"issuer":"did:web:issuer.example","validFrom":"2026-01-01T00:00:00Z",` +
		`"credentialSubject":{"id":"did:example:alice","name":"Alice"}}`)
	jwt, err = jose.Sign(payload, "ES256", key, map[string]any{"typ": "vc+jwt", "kid": "did:web:issuer.example#k1"})
	if err != nil {
		t.Fatal(err)
	}
	doc := fmt.Sprintf(`{"id":"did:web:issuer.example","verificationMethod":[{"id":"did:web:issuer.example#k1",`+
		`"type":"JsonWebKey2020","controller":"did:web:issuer.example","publicKeyJwk":%s}],`+
		`"assertionMethod":["did:web:issuer.example#k1"]}`, jwk)
	options = json.RawMessage(`{"now":"2026-06-01T00:00:00Z","trustedIssuers":["did:web:issuer.example"],"didDocs":[` + doc + `],"offline":true}`)
	return jwt, options
}

// tamper re-encodes the payload of a compact JWS with one claim changed
// and keeps the original header and signature.
func tamper(t testing.TB, jwt string) string {
	t.Helper()
	parts := strings.Split(jwt, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(payload, []byte(`"Alice"`), []byte(`"Mallory"`), 1)
	if bytes.Equal(changed, payload) {
		t.Fatal("tamper: claim not found")
	}
	parts[1] = base64.RawURLEncoding.EncodeToString(changed)
	return strings.Join(parts, ".")
}

func TestVerifyJWT(t *testing.T) {
	jwt, options := signedVC(t)
	h := newHandler("test", verify.Options{})
	post := func(cred string) verify.Result {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"credential": cred, "options": options})
		res, b := do(t, h, "POST", "/v1/verify", body)
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, b)
		}
		var r verify.Result
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
		return r
	}
	if r := post(jwt); r.Status != verify.StatusActive || r.Format != verify.FormatVCJWT {
		t.Errorf("valid credential: %+v", r)
	}
	r := post(tamper(t, jwt))
	if r.Status != verify.StatusInvalid {
		t.Errorf("tampered credential: %+v", r)
	}
	if c := r.Failed(); c == nil || c.Code != verify.CodeBadSignature {
		t.Errorf("tampered credential: failed check %+v, want %s", c, verify.CodeBadSignature)
	}
}
