package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// <gx-verify> (dist/lib/gx-verify-element.js) in Chromium: it lazy-loads
// the verifier with a progress bar, renders the Result of an inline
// credential and of one fetched from src (badge and checks), verifies
// again when an attribute changes, reports a src it cannot read with a
// code, and loads nothing from any other origin.

const elementPage = `<!doctype html><meta charset="utf-8"><title>gx-verify test</title>
<body>
<script>
  // Record what the element draws while it loads: the states it goes
  // through and the progress bar's values.
  window.seen = { states: [], progress: [] , events: [] };
  window.watch = (el) => {
    new MutationObserver(() => window.seen.states.push(el.getAttribute('state'))).observe(el, { attributes: true, attributeFilter: ['state'] });
    const poll = () => {
      const bar = el.shadowRoot && el.shadowRoot.querySelector('progress');
      if (bar) window.seen.progress.push(bar.hasAttribute('value') ? bar.value : -1);
      if (el.getAttribute('state') !== 'done' && el.getAttribute('state') !== 'error') requestAnimationFrame(poll);
    };
    poll();
    el.addEventListener('gx-verified', (e) => window.seen.events.push('verified:' + e.detail.status));
    el.addEventListener('gx-error', (e) => window.seen.events.push('error:' + e.detail.code));
  };
</script>
<script type="module">
  import './lib/gx-verify-element.js';
  window.elementReady = true;
</script>
</body>`

// elementSnapshot is what the element shows.
type elementSnapshot struct {
	State  string   `json:"state"`
	Badge  string   `json:"badge"`
	Status string   `json:"status"` // the badge's data-status
	Meta   string   `json:"meta"`
	Checks []string `json:"checks"` // "id status" per check
	Error  string   `json:"error"`  // data-code of an error
	Result string   `json:"result"` // result.status of the property
}

const snapshotElementJS = `(() => {
  const el = document.querySelector('gx-verify');
  const r = el.shadowRoot;
  const badge = r.querySelector('.badge');
  return {
    state: el.state,
    badge: badge ? badge.textContent : '',
    status: badge ? badge.dataset.status : '',
    meta: (r.querySelector('.meta') || {}).textContent || '',
    checks: [...r.querySelectorAll('li')].map((li) => li.dataset.id + ' ' + li.dataset.status),
    error: (r.querySelector('.error') || { dataset: {} }).dataset.code || '',
    result: el.result ? el.result.status : '',
  };
})()`

func TestLibraryElement(t *testing.T) {
	lib := filepath.Join(distDir(t), "lib")
	jwk := newTestCredential(t, "jwk")
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, jwk.valid) // no Access-Control-Allow-Origin
	}))
	defer other.Close()
	files := http.FileServer(http.Dir(lib))
	mux := http.NewServeMux()
	mux.Handle("/lib/", http.StripPrefix("/lib/", files))
	mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, elementPage)
	})
	mux.HandleFunc("/creds/tampered.jwt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, jwk.tampered+"\n") })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	ctx := newBrowser(t)
	var (
		mu       sync.Mutex
		requests []string
	)
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requests = append(requests, e.Request.URL)
			mu.Unlock()
		}
	})
	if err := chromedp.Run(ctx, network.Enable(),
		chromedp.Navigate(srv.URL+"/page.html"),
		chromedp.Poll(`window.elementReady === true`, nil, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatal(err)
	}

	snapshot := func(t *testing.T) elementSnapshot {
		t.Helper()
		var s elementSnapshot
		if err := chromedp.Run(ctx, chromedp.Evaluate(snapshotElementJS, &s)); err != nil {
			t.Fatal(err)
		}
		return s
	}
	// settle runs js and waits for the element's next gx-verified or
	// gx-error event.
	settle := func(t *testing.T, js string) elementSnapshot {
		t.Helper()
		arm := `(() => {
  window.settled = false;
  const done = () => { window.settled = true; };
  document.addEventListener('gx-verified', done, { once: true });
  document.addEventListener('gx-error', done, { once: true });
})()`
		if err := chromedp.Run(ctx,
			chromedp.Evaluate(arm, nil),
			chromedp.Evaluate(js, nil),
			chromedp.Poll(`window.settled === true`, nil, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			t.Fatalf("%v: %+v", err, snapshot(t))
		}
		return snapshot(t)
	}

	t.Run("inline credential, lazy load with progress", func(t *testing.T) {
		s := settle(t, fmt.Sprintf(`(() => {
  const el = document.createElement('gx-verify');
  el.setAttribute('credential', %s);
  el.setAttribute('trusted-issuers', %s);
  el.setAttribute('now', %q);
  watch(el);
  document.body.append(el);
})()`, jsLiteral(t, jwk.valid), jsLiteral(t, jwk.issuer), testNow))
		if s.State != "done" || s.Badge != "active" || s.Status != "active" || s.Result != "active" {
			t.Fatalf("%+v", s)
		}
		if !strings.Contains(s.Meta, "vc+jwt") || !strings.Contains(s.Meta, jwk.issuer) {
			t.Errorf("meta %q", s.Meta)
		}
		want := map[string]bool{"proof pass": false, "issuer.key pass": false}
		for _, c := range s.Checks {
			if _, ok := want[c]; ok {
				want[c] = true
			}
		}
		for c, ok := range want {
			if !ok {
				t.Errorf("no check %q in %v", c, s.Checks)
			}
		}
		var seen struct {
			States   []string  `json:"states"`
			Progress []float64 `json:"progress"`
			Events   []string  `json:"events"`
		}
		if err := chromedp.Run(ctx, chromedp.Evaluate(`window.seen`, &seen)); err != nil {
			t.Fatal(err)
		}
		if strings.Join(seen.States, ",") != "loading,verifying,done" {
			t.Errorf("states %v, want loading, verifying, done", seen.States)
		}
		if len(seen.Progress) == 0 {
			t.Error("no progress bar was drawn while loading")
		}
		if strings.Join(seen.Events, ",") != "verified:active" {
			t.Errorf("events %v", seen.Events)
		}
		t.Logf("progress values drawn: %d, last %v", len(seen.Progress), seen.Progress[len(seen.Progress)-1:])
	})

	t.Run("src, and a second verification on change", func(t *testing.T) {
		s := settle(t, `(() => { const el = document.querySelector('gx-verify'); el.removeAttribute('credential'); el.src = '/creds/tampered.jwt'; })()`)
		if s.State != "done" || s.Badge != "invalid" {
			t.Fatalf("%+v", s)
		}
		found := false
		for _, c := range s.Checks {
			found = found || c == "proof fail"
		}
		if !found {
			t.Errorf("no failed proof check in %v", s.Checks)
		}
		var code string
		chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector('gx-verify').result.checks.find((c) => c.id === 'proof').code`, &code))
		if code != "bad_signature" {
			t.Errorf("proof code %q", code)
		}
	})

	t.Run("untrusted without trusted-issuers", func(t *testing.T) {
		s := settle(t, fmt.Sprintf(`(() => { const el = document.querySelector('gx-verify'); el.removeAttribute('src'); el.removeAttribute('trusted-issuers'); el.credential = %s; })()`, jsLiteral(t, jwk.valid)))
		if s.Badge != "untrusted" {
			t.Errorf("%+v", s)
		}
	})

	for _, tc := range []struct{ name, js, code string }{
		{"src 404", `(() => { const el = document.querySelector('gx-verify'); el.removeAttribute('credential'); el.src = '/creds/missing.jwt'; })()`, "src_failed"},
		{"cross-origin src without CORS", `(() => { const el = document.querySelector('gx-verify'); el.src = '` + other.URL + `/cred.jwt'; })()`, "src_unreachable"},
		{"no input", `(() => { const el = document.querySelector('gx-verify'); el.removeAttribute('src'); el.verify(); })()`, "no_input"},
		{"bad options attribute", `(() => { const el = document.querySelector('gx-verify'); el.credential = 'a.b.c'; el.setAttribute('options', '{nope'); })()`, "bad_options"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := settle(t, tc.js)
			if s.State != "error" || s.Badge != "error" || s.Error != tc.code || s.Result != "" {
				t.Errorf("%+v, want error %s", s, tc.code)
			}
		})
	}

	mu.Lock()
	defer mu.Unlock()
	for _, u := range requests {
		if !strings.HasPrefix(u, srv.URL+"/") && !strings.HasPrefix(u, other.URL+"/") {
			t.Errorf("request to another origin: %s", u)
		}
	}
}

// TestLibraryTypes type-checks e2e/node/gxverify-example.ts against
// web/gxverify.d.ts with the pinned TypeScript (strict; its
// @ts-expect-error lines fail the check if the declarations accept
// misuse).
func TestLibraryTypes(t *testing.T) {
	distDir(t) // runs with the other e2e tests (node_modules from scripts/deps.sh)
	tsc, err := filepath.Abs(filepath.Join("node_modules", ".bin", "tsc"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	version, err := exec.CommandContext(ctx, tsc, "--version").Output()
	if err != nil {
		t.Fatalf("%v: run `bash scripts/deps.sh`", err)
	}
	cmd := exec.CommandContext(ctx, tsc, "-p", filepath.Join("node", "tsconfig.json"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tsc --noEmit: %v\n%s", err, out)
	}
	t.Logf("%s: web/gxverify.d.ts type-checks gxverify-example.ts", strings.TrimSpace(string(version)))
}
