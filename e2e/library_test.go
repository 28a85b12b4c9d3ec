package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/verify"
)

// The verifier library (dist/lib, built by `make lib`) in Chromium: load it
// from a page under a nested base path, verify a credential signed here, a
// tampered copy, and malformed options.

// libServer serves dist/lib at /a/b/lib/ (a base path that is neither the
// root nor the /lib/ of `make run`) and a test page at /a/b/test.html that
// imports the library with a relative URL. With wasmMIME false it sends
// verifier.wasm as application/octet-stream, as careless static hosts do.
func libServer(t *testing.T, wasmMIME bool) *httptest.Server {
	t.Helper()
	return libServerOf(t, "lib", wasmMIME)
}

// libServerOf is libServer for another build of the library under dist/
// (lib-lite).
func libServerOf(t *testing.T, build string, wasmMIME bool) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(distDir(t) + "/" + build))
	mux := http.NewServeMux()
	mux.Handle("/a/b/lib/", http.StripPrefix("/a/b/lib/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !wasmMIME && strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/octet-stream")
		}
		files.ServeHTTP(w, r)
	})))
	mux.HandleFunc("/a/b/test.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>gxverify test</title>
<script type="module">
import GXVerifyDefault, { GXVerify } from './lib/gxverify.js';
window.GXVerify = GXVerify;
window.sameDefault = GXVerifyDefault === GXVerify;
</script>`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// evalAsync evaluates a JS expression in the page, awaits the promise it
// returns, and decodes its JSON value into out.
func evalAsync(t *testing.T, ctx context.Context, expr string, out any) {
	t.Helper()
	var raw []byte
	err := chromedp.Run(ctx, chromedp.Evaluate(expr, &raw, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	if err != nil {
		t.Fatalf("evaluate: %v\n%s", err, expr)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
}

func jsLiteral(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// openLibPage loads the test page and waits for its module to run.
func openLibPage(t *testing.T, ctx context.Context, srv *httptest.Server) {
	t.Helper()
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/a/b/test.html"),
		chromedp.Poll(`typeof window.GXVerify === "object"`, nil, chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		t.Fatalf("open test page: %v", err)
	}
}

// verifyOutcome is what verifyJS returns: the Result, or the rejection.
type verifyOutcome struct {
	Result   json.RawMessage `json:"result"`
	Rejected bool            `json:"rejected"`
	IsError  bool            `json:"isError"`
	Code     string          `json:"code"`
	Message  string          `json:"message"`
}

// verifyJS is a JS expression that loads the library, calls verify with
// the given JS argument expressions, and settles to a verifyOutcome.
func verifyJS(args string) string {
	return `(async () => {
  const v = await GXVerify.load();
  try {
    return { result: await v.verify(` + args + `) };
  } catch (e) {
    return { rejected: true, isError: e instanceof Error, code: e.code, message: e.message };
  }
})()`
}

func TestLibrary(t *testing.T) {
	srv := libServer(t, true)
	creds := newTestCredential(t, "web")
	ctx := newBrowser(t)
	openLibPage(t, ctx, srv)
	opts := jsLiteral(t, creds.options())

	t.Run("load", func(t *testing.T) {
		var got struct {
			Same, SameDefault bool
			Version           string
			Keys              []string
		}
		evalAsync(t, ctx, `(async () => {
  const [a, b] = await Promise.all([GXVerify.load(), GXVerify.load()]);
  const c = await GXVerify.load();
  return { same: a === b && b === c, sameDefault: window.sameDefault, version: a.version, keys: Object.keys(a).sort() };
})()`, &got)
		if !got.Same {
			t.Error("load() returned different instances")
		}
		if !got.SameDefault {
			t.Error("the default export is not GXVerify")
		}
		if got.Version == "" {
			t.Error("version is empty")
		}
		if strings.Join(got.Keys, ",") != "verify,version" {
			t.Errorf("instance keys = %v, want [verify version]", got.Keys)
		}
	})

	t.Run("valid", func(t *testing.T) {
		for name, input := range map[string]string{
			"string":     jsLiteral(t, creds.valid),
			"Uint8Array": "new TextEncoder().encode(" + jsLiteral(t, creds.valid) + ")",
		} {
			t.Run(name, func(t *testing.T) {
				var out verifyOutcome
				evalAsync(t, ctx, verifyJS(input+", "+opts), &out)
				if out.Rejected {
					t.Fatalf("rejected: %s: %s", out.Code, out.Message)
				}
				res := decodeResult(t, out.Result)
				if res.Status != verify.StatusActive {
					t.Errorf("status = %q, want active; checks: %s", res.Status, out.Result)
				}
				if res.Format != verify.FormatVCJWT {
					t.Errorf("format = %q, want vc+jwt", res.Format)
				}
				if res.Issuer != creds.issuer {
					t.Errorf("issuer = %q, want %q", res.Issuer, creds.issuer)
				}
				for _, id := range []string{verify.CheckProof, verify.CheckIssuerKey, verify.CheckTrust} {
					c := res.Check(id)
					if c == nil {
						t.Errorf("no %q check in %s", id, out.Result)
						continue
					}
					if c.Status != verify.Pass || c.Code != "" {
						t.Errorf("check %q = %s/%q, want pass", id, c.Status, c.Code)
					}
				}
			})
		}
	})

	t.Run("tampered", func(t *testing.T) {
		var out verifyOutcome
		evalAsync(t, ctx, verifyJS(jsLiteral(t, creds.tampered)+", "+opts), &out)
		if out.Rejected {
			t.Fatalf("rejected: %s: %s (a tampered credential is a Result, not an error)", out.Code, out.Message)
		}
		res := decodeResult(t, out.Result)
		if res.Status != verify.StatusInvalid {
			t.Errorf("status = %q, want invalid; %s", res.Status, out.Result)
		}
		c := res.Check(verify.CheckProof)
		if c == nil || c.Status != verify.Fail || c.Code != verify.CodeBadSignature {
			t.Errorf("proof check = %+v, want fail/bad_signature; %s", c, out.Result)
		}
	})

	t.Run("SD-JWT presentation", func(t *testing.T) {
		sd := newSDPresentation(t)
		var out verifyOutcome
		evalAsync(t, ctx, verifyJS(jsLiteral(t, sd.presentation)+", "+jsLiteral(t, sd.options)), &out)
		if out.Rejected {
			t.Fatalf("rejected: %s: %s", out.Code, out.Message)
		}
		res := decodeResult(t, out.Result)
		if res.Status != verify.StatusActive || res.Format != verify.FormatDCSDJWT {
			t.Fatalf("status %s format %s; %s", res.Status, res.Format, out.Result)
		}
		if res.Claims["role"] != "engineer" || res.Claims["family_name"] != nil || res.Claims["email"] != nil {
			t.Errorf("claims %v: want only the disclosed ones", res.Claims)
		}
	})

	t.Run("offline bundle", func(t *testing.T) {
		doc, _ := json.Marshal(creds.didDoc)
		b := bundle.New(time.Now())
		b.DIDDocuments = []json.RawMessage{doc}
		bopts := map[string]any{"now": testNow, "trustedIssuers": []string{creds.issuer}, "offline": true, "bundle": b}
		var out verifyOutcome
		evalAsync(t, ctx, verifyJS(jsLiteral(t, creds.valid)+", "+jsLiteral(t, bopts)), &out)
		if out.Rejected {
			t.Fatalf("rejected: %s: %s", out.Code, out.Message)
		}
		if res := decodeResult(t, out.Result); res.Status != verify.StatusActive {
			t.Errorf("status = %q, want active from the bundle's DID document; %s", res.Status, out.Result)
		}
		// The same offline without the bundle cannot resolve the issuer.
		delete(bopts, "bundle")
		evalAsync(t, ctx, verifyJS(jsLiteral(t, creds.valid)+", "+jsLiteral(t, bopts)), &out)
		if res := decodeResult(t, out.Result); res.Check(verify.CheckIssuerKey) == nil || res.Check(verify.CheckIssuerKey).Code != verify.CodeResourceMissing {
			t.Errorf("without the bundle: %s", out.Result)
		}
	})

	t.Run("rejects", func(t *testing.T) {
		for _, tc := range []struct {
			name, args, code string
		}{
			{"now not a date", jsLiteral(t, creds.valid) + `, {now: "not-a-date"}`, "bad_options"},
			{"unknown option", jsLiteral(t, creds.valid) + `, {trustedIssuer: ["did:web:x"]}`, "bad_options"},
			{"options not an object", jsLiteral(t, creds.valid) + `, "{}"`, "bad_options"},
			{"bad DID document", jsLiteral(t, creds.valid) + `, {didDocs: [{id: 42}]}`, "bad_options"},
			{"no input", ``, "bad_input"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				var out verifyOutcome
				evalAsync(t, ctx, verifyJS(tc.args), &out)
				if !out.Rejected {
					t.Fatalf("resolved with %s, want a rejection with code %q", out.Result, tc.code)
				}
				if out.Code != tc.code || !out.IsError || out.Message == "" {
					t.Errorf("rejected with {code: %q, message: %q, Error: %v}, want code %q", out.Code, out.Message, out.IsError, tc.code)
				}
			})
		}
	})

	t.Run("object input is a result", func(t *testing.T) {
		// A JSON credential given as an object is read with JSON.stringify;
		// with no proof it is a Result (unsecured), not a rejection.
		var out verifyOutcome
		evalAsync(t, ctx, verifyJS(`{"@context": ["https://www.w3.org/ns/credentials/v2"], type: ["VerifiableCredential"],
  issuer: "`+creds.issuer+`", credentialSubject: {name: "Alice"}}`), &out)
		if out.Rejected {
			t.Fatalf("rejected: %s: %s", out.Code, out.Message)
		}
		if res := decodeResult(t, out.Result); res.Status != verify.StatusInvalid {
			t.Errorf("status = %q, want invalid; %s", res.Status, out.Result)
		}
	})

	t.Run("oversized input is too_large", func(t *testing.T) {
		// Only MaxInputBytes+1 bytes cross into Go; core reports the rest.
		var out verifyOutcome
		evalAsync(t, ctx, verifyJS(fmt.Sprintf(`"x".repeat(%d)`, 8*verify.MaxInputBytes)), &out)
		if out.Rejected {
			t.Fatalf("rejected: %s: %s", out.Code, out.Message)
		}
		res := decodeResult(t, out.Result)
		if c := res.Failed(); res.Status != verify.StatusInvalid || c == nil || c.Code != verify.CodeTooLarge {
			t.Errorf("got %s, want invalid with a too_large check", out.Result)
		}
	})

	t.Run("malformed input is a result", func(t *testing.T) {
		var out verifyOutcome
		evalAsync(t, ctx, verifyJS(`"not.a.jwt"`), &out)
		if out.Rejected {
			t.Fatalf("rejected: %s: %s", out.Code, out.Message)
		}
		if res := decodeResult(t, out.Result); res.Status != verify.StatusInvalid {
			t.Errorf("status = %q, want invalid", res.Status)
		}
	})
}

// decodeResult checks that raw has the contract's fields ({status, format,
// checks: [{id, ok, status}]}) and decodes it.
func decodeResult(t *testing.T, raw json.RawMessage) verify.Result {
	t.Helper()
	var shape struct {
		Status *string `json:"status"`
		Checks []map[string]any
	}
	if err := json.Unmarshal(raw, &shape); err != nil || shape.Status == nil || shape.Checks == nil {
		t.Fatalf("result %s lacks status or checks (%v)", raw, err)
	}
	for _, c := range shape.Checks {
		for _, k := range []string{"id", "ok", "status"} {
			if _, ok := c[k]; !ok {
				t.Errorf("check %v lacks %q", c, k)
			}
		}
	}
	var res verify.Result
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("decode result %s: %v", raw, err)
	}
	return res
}

// TestLibraryWasmWithoutMIME: a host that sends verifier.wasm as
// application/octet-stream still works (the loader falls back from
// instantiateStreaming to bytes).
func TestLibraryWasmWithoutMIME(t *testing.T) {
	srv := libServer(t, false)
	creds := newTestCredential(t, "web")
	ctx := newBrowser(t)
	openLibPage(t, ctx, srv)
	var out verifyOutcome
	evalAsync(t, ctx, verifyJS(jsLiteral(t, creds.tampered)+", "+jsLiteral(t, creds.options())), &out)
	if out.Rejected {
		t.Fatalf("rejected: %s: %s", out.Code, out.Message)
	}
	if res := decodeResult(t, out.Result); res.Status != verify.StatusInvalid {
		t.Errorf("status = %q, want invalid", res.Status)
	}
}

// TestLibraryDemo drives the demo page (dist/lib/demo/) like a person.
func TestLibraryDemo(t *testing.T) {
	srv := libServer(t, true)
	creds := newTestCredential(t, "web")
	ctx := newBrowser(t)
	var status string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/a/b/lib/demo/"),
		chromedp.WaitEnabled("#verify", chromedp.ByID),
		chromedp.SetValue("#input", creds.valid, chromedp.ByID),
		chromedp.SetValue("#options", jsLiteral(t, creds.options()), chromedp.ByID),
		chromedp.Click("#verify", chromedp.ByID),
		chromedp.Poll(`document.getElementById("status").textContent !== ""`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Text("#status", &status, chromedp.ByID),
	)
	if err != nil {
		t.Fatal(err)
	}
	if status != string(verify.StatusActive) {
		var result string
		_ = chromedp.Run(ctx, chromedp.Text("#result", &result, chromedp.ByID))
		t.Errorf("demo status = %q, want active; %s", status, result)
	}
}
