//go:build !js

// Tests that need go-app's test engine (it reaches for a DOM under js/wasm,
// which Node does not have) or an HTTP server.

package app

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/gxwallet/gxwallet/sw"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestVerifyPageEmptyInputHint(t *testing.T) {
	e := app.NewTestEngine()
	p := newVerifyPage()
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	p.onVerify(app.Context{}, app.Event{})
	e.ConsumeAll()
	if p.hint == "" {
		t.Errorf("empty input: no hint")
	}
}

func TestResultView(t *testing.T) {
	e := app.NewTestEngine()
	v := newResultView().Result(sampleResult())
	if err := e.Load(v); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()

	// Component → section → verdict div → badge span → text.
	if err := app.Match(app.Span().ID("result-status").Class("badge", "badge-invalid"), v, 0, 0, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Text("invalid"), v, 0, 0, 0, 0); err != nil {
		t.Error(err)
	}

	html := app.HTMLString(v)
	for _, want := range []string{
		`id="checks"`, "jose.signature", "bad_signature", `id="result-format"`, "vc+jwt",
		"did:jwk:eyJ", "did:example:alice", "alice@example.com", "&lt;b&gt;not html&lt;/b&gt;",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("result view lacks %q", want)
		}
	}
	if got := strings.Count(html, `<tr class="check`); got != 2 {
		t.Errorf("checks table has %d rows, want 2", got)
	}
	if strings.Contains(html, "<b>") {
		t.Errorf("a detail was rendered as HTML")
	}
}

var routesOnce sync.Once

// TestHandlerLocalOnly serves the pages and go-app's generated files and
// checks that nothing points at another origin (pitfall 1: a remote icon
// silently breaks precaching offline).
func TestHandlerLocalOnly(t *testing.T) {
	routesOnce.Do(Routes)
	h := Handler("test-version")
	if h.ServiceWorkerTemplate != sw.AppWorkerJS {
		t.Errorf("handler does not use sw.AppWorkerJS")
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	remote := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//|url\(\s*['"]?(https?:)?//`)
	for _, p := range []string{"/", "/verify", "/verify?x=1", "/app-worker.js", "/manifest.webmanifest", "/app.js"} {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: %s", p, res.Status)
			continue
		}
		s := string(body)
		if m := remote.FindString(s); m != "" {
			t.Errorf("%s references another origin: %q", p, m)
		}
		switch p {
		case "/app-worker.js":
			if !strings.Contains(s, `"gxwallet-test-version"`) || strings.Contains(s, "{{") {
				t.Errorf("worker template not filled in:\n%s", s)
			}
			for _, want := range []string{`"/web/app.wasm"`, `"/web/icon.svg"`, `"/web/app.css"`, `"/verify"`, `"/"`} {
				if !strings.Contains(s, want) {
					t.Errorf("worker does not precache %s", want)
				}
			}
			if strings.Contains(s, `"http`) {
				t.Errorf("worker precaches a remote URL")
			}
		case "/manifest.webmanifest":
			if strings.Contains(s, "http") {
				t.Errorf("manifest has a remote URL: %s", s)
			}
		case "/verify?x=1":
			for _, want := range []string{`id="app-wasm-loader"`, "Loading gxwallet", `id="verify-input"`, `href="/web/app.css"`} {
				if !strings.Contains(s, want) {
					t.Errorf("%s lacks %q", p, want)
				}
			}
		}
	}
}
