package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gxwallet/gxwallet/core/verify"
)

// env is a configuration for tests.
type env map[string]string

func (e env) get(name string) string { return e[name] }

func doWith(t *testing.T, h http.Handler, method, path string, hdr map[string]string, body []byte) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result(), rec.Body.Bytes()
}

func TestBatch(t *testing.T) {
	jwt, options := signedVC(t)
	h := newHandler("test", verify.Options{})
	item := func(cred string) string {
		b, _ := json.Marshal(map[string]any{"credential": cred, "options": options})
		return string(b)
	}
	body := "[" + strings.Join([]string{
		item(jwt),
		item(tamper(t, jwt)),
		`{"credential":"a.b.c","options":{"now":"soon"}}`,
		`{"credential":null}`,
		`{"credential":"a.b.c","typo":1}`,
	}, ",") + "]"
	res, b := do(t, h, "POST", "/v1/verify/batch", []byte(body))
	if res.StatusCode != 200 {
		t.Fatalf("%d %s", res.StatusCode, b)
	}
	var out struct {
		Results []struct {
			Result *verify.Result `json:"result"`
			Error  *apiError      `json:"error"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b, &out); err != nil || len(out.Results) != 5 {
		t.Fatalf("%v: %s", err, b)
	}
	want := []string{"active", "invalid", codeBadOptions, codeBadRequest, codeBadRequest}
	for i, r := range out.Results {
		got := ""
		switch {
		case r.Result != nil && r.Error == nil:
			got = string(r.Result.Status)
		case r.Error != nil && r.Result == nil && r.Error.Message != "":
			got = r.Error.Code
		}
		if got != want[i] {
			t.Errorf("item %d: %q, want %q (%s)", i, got, want[i], b)
		}
	}

	t.Run("empty", func(t *testing.T) {
		res, b := do(t, h, "POST", "/v1/verify/batch", []byte(`[]`))
		if res.StatusCode != 200 || strings.TrimSpace(string(b)) != `{"results":[]}` {
			t.Fatalf("%d %s", res.StatusCode, b)
		}
	})
	t.Run("100 items", func(t *testing.T) {
		items := strings.TrimSuffix(strings.Repeat(`{"credential":"a.b.c"},`, MaxBatchItems), ",")
		res, b := do(t, h, "POST", "/v1/verify/batch", []byte("["+items+"]"))
		if res.StatusCode != 200 || bytes.Count(b, []byte(`"result"`)) != MaxBatchItems {
			t.Fatalf("%d %.200s", res.StatusCode, b)
		}
	})
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"101 items", "[" + strings.TrimSuffix(strings.Repeat(`{"credential":"a.b.c"},`, MaxBatchItems+1), ",") + "]", 413, codeTooManyItems},
		{"1000 items", "[" + strings.TrimSuffix(strings.Repeat(`1,`, 1000), ",") + "]", 413, codeTooManyItems},
		{"object", `{"credential":"a.b.c"}`, 400, codeBadRequest},
		{"empty body", ``, 400, codeBadRequest},
		{"not JSON", `[{"credential":`, 400, codeBadRequest},
		{"trailing", `[] []`, 400, codeBadRequest},
		{"too large", `["` + strings.Repeat("a", MaxBatchBytes) + `"]`, 413, codeTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, b := do(t, h, "POST", "/v1/verify/batch", []byte(tc.body))
			wantError(t, res, b, tc.status, tc.code)
		})
	}
}

func TestStatusEndpoint(t *testing.T) {
	clock := &fakeClock{t: t0}
	h := newHandler("test", verify.Options{})
	h.Cache = newLRUStore(8, 1<<20, clock.now)
	h.Now = clock.now
	h.Env = env{"CACHE_MAX_AGE": "1h"}.get
	const u = "https://status.example/list/1"
	h.Cache.Put(t.Context(), u, cacheEntry{Body: []byte("x"), FetchedAt: t0, FreshUntil: t0.Add(10 * 60e9)}, 3*3600e9)

	get := func(url string) statusAnswer {
		t.Helper()
		res, b := do(t, h, "GET", "/v1/status?url="+url, nil)
		if res.StatusCode != 200 {
			t.Fatalf("%d %s", res.StatusCode, b)
		}
		var a statusAnswer
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	clock.advance(5 * 60e9)
	a := get(u)
	if !a.Cached || !a.Fresh || !a.Servable || *a.AgeSeconds != 300 || a.Tier != "isolate" || a.MaxAgeSeconds != 3600 || !a.FetchedAt.Equal(t0) {
		t.Errorf("fresh: %+v", a)
	}
	clock.advance(30 * 60e9)
	if a := get(u); !a.Cached || a.Fresh || !a.Servable {
		t.Errorf("stale: %+v", a)
	}
	clock.advance(60 * 60e9)
	if a := get(u); !a.Cached || a.Fresh || a.Servable {
		t.Errorf("too old: %+v", a)
	}
	if a := get("https://status.example/other"); a.Cached || a.FetchedAt != nil || a.Tier != "" {
		t.Errorf("not cached: %+v", a)
	}
	for _, tc := range []struct{ query, code string }{
		{"", codeBadURL},
		{"?url=", codeBadURL},
		{"?url=http://status.example/1", codeURLNotAllowed},
		{"?url=https://10.0.0.1/1", codeURLNotAllowed},
	} {
		res, b := do(t, h, "GET", "/v1/status"+tc.query, nil)
		wantError(t, res, b, 400, tc.code)
	}
}

func TestCORS(t *testing.T) {
	h := stubHandler(&stub{res: verify.Result{Status: verify.StatusInvalid}})
	body := []byte(`{"credential":"a.b.c"}`)
	for _, tc := range []struct {
		name        string
		env         env
		origin      string
		allowOrigin string
		credentials string
	}{
		{"no config, no CORS", env{}, "https://rp.example", "", ""},
		{"listed origin", env{"ALLOWED_ORIGINS": "https://a.example, https://rp.example"}, "https://rp.example", "https://rp.example", ""},
		{"other origin", env{"ALLOWED_ORIGINS": "https://a.example"}, "https://rp.example", "", ""},
		{"wildcard", env{"ALLOWED_ORIGINS": "*"}, "https://rp.example", "*", ""},
		{"credentials", env{"ALLOWED_ORIGINS": "https://rp.example", "CORS_ALLOW_CREDENTIALS": "true"}, "https://rp.example", "https://rp.example", "true"},
		{"no origin", env{"ALLOWED_ORIGINS": "*"}, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h.Env = tc.env.get
			hdr := map[string]string{}
			if tc.origin != "" {
				hdr["Origin"] = tc.origin
			}
			res, b := doWith(t, h, "POST", "/v1/verify", hdr, body)
			if res.StatusCode != 200 {
				t.Fatalf("%d %s", res.StatusCode, b)
			}
			if got := res.Header.Get("Access-Control-Allow-Origin"); got != tc.allowOrigin {
				t.Errorf("Allow-Origin %q, want %q", got, tc.allowOrigin)
			}
			if got := res.Header.Get("Access-Control-Allow-Credentials"); got != tc.credentials {
				t.Errorf("Allow-Credentials %q, want %q", got, tc.credentials)
			}
			if !strings.Contains(res.Header.Get("Vary"), "Origin") {
				t.Errorf("Vary %q", res.Header.Get("Vary"))
			}

			// The preflight of the same request.
			pre := map[string]string{"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
			if tc.origin != "" {
				pre["Origin"] = tc.origin
			}
			res, b = doWith(t, h, "OPTIONS", "/v1/verify", pre, nil)
			switch {
			case tc.origin == "":
				if res.StatusCode != 204 || res.Header.Get("Allow") != "POST, OPTIONS" {
					t.Errorf("plain OPTIONS: %d Allow %q", res.StatusCode, res.Header.Get("Allow"))
				}
			case tc.allowOrigin == "":
				wantError(t, res, b, 403, codeOriginNotAllowed)
			default:
				if res.StatusCode != 204 || res.Header.Get("Access-Control-Allow-Origin") != tc.allowOrigin ||
					res.Header.Get("Access-Control-Allow-Methods") != "POST, OPTIONS" ||
					!strings.EqualFold(res.Header.Get("Access-Control-Allow-Headers"), "content-type") ||
					res.Header.Get("Access-Control-Max-Age") == "" {
					t.Errorf("preflight: %d %v", res.StatusCode, res.Header)
				}
			}
		})
	}
	h.Env = env{"ALLOWED_ORIGINS": "*"}.get
	res, b := doWith(t, h, "OPTIONS", "/nope", map[string]string{"Origin": "https://rp.example", "Access-Control-Request-Method": "GET"}, nil)
	wantError(t, res, b, 404, codeNotFound)
}

func TestBadConfig(t *testing.T) {
	for _, e := range []env{
		{"ALLOWED_ORIGINS": "*", "CORS_ALLOW_CREDENTIALS": "true"},
		{"ALLOWED_ORIGINS": "rp.example"},
		{"CACHE_MAX_AGE": "a day"},
		{"CACHE_DEFAULT_TTL": "-5m"},
		{"CORS_ALLOW_CREDENTIALS": "maybe"},
		{"ALLOWED_TEST_ORIGINS": "http://10.0.0.1:8080"},
		{"ALLOWED_TEST_ORIGINS": "https://status.example"},
		{"TRUSTED_ISSUERS": "issuer.example"},
	} {
		t.Run(fmt.Sprint(e), func(t *testing.T) {
			h := stubHandler(&stub{res: verify.Result{Status: verify.StatusInvalid}})
			h.Env = e.get
			for _, path := range []string{"/healthz", "/v1/verify"} {
				method := "GET"
				if path == "/v1/verify" {
					method = "POST"
				}
				res, b := do(t, h, method, path, []byte(`{"credential":"a.b.c"}`))
				wantError(t, res, b, 500, codeBadConfig)
				for name := range e {
					if !strings.Contains(string(b), name) {
						t.Errorf("message %s does not name %s", b, name)
					}
				}
			}
		})
	}
}

func TestConfigTrustedIssuers(t *testing.T) {
	s := &stub{res: verify.Result{Status: verify.StatusUntrusted}}
	h := stubHandler(s)
	h.Env = env{"TRUSTED_ISSUERS": "did:web:a.example,  did:web:b.example"}.get
	do(t, h, "POST", "/v1/verify", []byte(`{"credential":"a.b.c","options":{"trustedIssuers":["did:web:c.example"]}}`))
	if got := strings.Join(s.opts.Policy.TrustedIssuers, " "); got != "did:web:a.example did:web:b.example did:web:c.example" {
		t.Errorf("trusted issuers %q", got)
	}
	// Requests do not leak into each other or into the configuration.
	do(t, h, "POST", "/v1/verify", []byte(`{"credential":"a.b.c"}`))
	if got := strings.Join(s.opts.Policy.TrustedIssuers, " "); got != "did:web:a.example did:web:b.example" {
		t.Errorf("second request: trusted issuers %q", got)
	}
}

func TestHead(t *testing.T) {
	h := newHandler("v", verify.Options{})
	for _, path := range []string{"/healthz", "/openapi.json"} {
		res, b := do(t, h, "HEAD", path, nil)
		if res.StatusCode != 200 || len(b) != 0 || res.Header.Get("Content-Length") == "0" {
			t.Errorf("HEAD %s: %d %q Content-Length %s", path, res.StatusCode, b, res.Header.Get("Content-Length"))
		}
	}
}
