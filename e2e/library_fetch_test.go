package e2e

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestLibraryFetch: the verifier library's own fetching in Chromium
// (options.fetch), against a did:web issuer and its status lists on a
// local HTTPS origin (https://localhost:<port>, the page being on
// http://127.0.0.1:<other port>: a cross-origin fetch).
//
//   - without options.fetch the page makes no request at all;
//   - with fetch: true the policy refuses the loopback origin;
//   - allowed as a test origin but without Access-Control-Allow-Origin,
//     the browser blocks the fetch: code fetch_blocked, the detail says to
//     serve Access-Control-Allow-Origin or pass the resource;
//   - with CORS: active and revoked from the fetched DID document and list;
//   - a redirect is not followed (fetch_blocked), a list over 2 MiB is
//     refused by the size bound.
func TestLibraryFetch(t *testing.T) {
	pki := newTestPKI(t)
	src := newOriginServer(t, pki)
	const listPath = "/status/1"
	listURL := src.origin + listPath
	src.put(listPath, []byte(src.statusList(t, listPath, 7)), "")
	src.put("/big", []byte(strings.Repeat("x", 3<<20)), "")
	active, revoked := src.credential(t, listURL, 8), src.credential(t, listURL, 7)
	redirected := src.credential(t, src.origin+"/redirect"+listPath, 8)
	tooBig := src.credential(t, src.origin+"/big", 8)

	srv := libServer(t, true)
	// Chromium does not know the test CA: certificate errors are ignored
	// in this browser only (the origin is still https, as did:web needs).
	ctx := newBrowserWith(t, 2*time.Minute, chromedp.Flag("ignore-certificate-errors", true))
	openLibPage(t, ctx, srv)

	verifyIn := func(cred string, options map[string]any) verifyOutcome {
		t.Helper()
		var out verifyOutcome
		evalAsync(t, ctx, verifyJS(jsLiteral(t, cred)+", "+jsLiteral(t, options)), &out)
		if out.Rejected {
			t.Fatalf("verify rejected: %s %s", out.Code, out.Message)
		}
		return out
	}
	type check struct{ ID, Status, Code, Detail string }
	result := func(o verifyOutcome) (string, []check) {
		t.Helper()
		var r struct {
			Status string
			Checks []check
		}
		if err := json.Unmarshal(o.Result, &r); err != nil {
			t.Fatal(err)
		}
		return r.Status, r.Checks
	}
	withCode := func(checks []check, code string) *check {
		for i := range checks {
			if checks[i].Code == code {
				return &checks[i]
			}
		}
		return nil
	}
	requests := func() int {
		return src.count("/.well-known/did.json") + src.count(listPath) + src.count("/redirect"+listPath) + src.count("/big")
	}
	base := map[string]any{"now": testNow, "trustedIssuers": []string{src.did}}
	with := func(extra map[string]any) map[string]any {
		m := map[string]any{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	testFetch := map[string]any{"allowedTestOrigins": []string{src.origin}}

	t.Run("no fetch by default", func(t *testing.T) {
		status, checks := result(verifyIn(active, base))
		if status == "active" || withCode(checks, "resource_missing") == nil {
			t.Errorf("%s %+v, want resource_missing", status, checks)
		}
		if n := requests(); n != 0 {
			t.Errorf("the page made %d requests it did not ask for", n)
		}
	})
	t.Run("policy refuses loopback", func(t *testing.T) {
		status, checks := result(verifyIn(active, with(map[string]any{"fetch": true})))
		c := withCode(checks, "resource_missing")
		if status == "active" || c == nil || !strings.Contains(c.Detail, "refused by the fetch policy") {
			t.Errorf("%s %+v", status, checks)
		}
		if n := requests(); n != 0 {
			t.Errorf("%d requests to a loopback origin outside test configuration", n)
		}
	})
	t.Run("CORS refusal is fetch_blocked", func(t *testing.T) {
		status, checks := result(verifyIn(active, with(map[string]any{"fetch": testFetch})))
		c := withCode(checks, "fetch_blocked")
		if status == "active" || c == nil || c.Status != "indeterminate" ||
			!strings.Contains(c.Detail, "Access-Control-Allow-Origin") || !strings.Contains(c.Detail, "options.resources") {
			t.Errorf("%s %+v, want fetch_blocked with advice", status, checks)
		}
		if c != nil {
			t.Logf("CORS refusal: %s", c.Detail)
		}
	})

	src.cors.Store(true)
	t.Run("fetched under the policy", func(t *testing.T) {
		before := src.count(listPath)
		if status, checks := result(verifyIn(active, with(map[string]any{"fetch": testFetch}))); status != "active" {
			t.Errorf("active credential: %s %+v", status, checks)
		}
		if status, checks := result(verifyIn(revoked, with(map[string]any{"fetch": testFetch}))); status != "revoked" {
			t.Errorf("revoked credential: %s %+v", status, checks)
		}
		if src.count(listPath) == before || src.count("/.well-known/did.json") == 0 {
			t.Error("the DID document and the list were not fetched")
		}
	})
	t.Run("offline wins", func(t *testing.T) {
		before := requests()
		if status, checks := result(verifyIn(active, with(map[string]any{"fetch": testFetch, "offline": true}))); status == "active" || withCode(checks, "resource_missing") == nil {
			t.Errorf("%s %+v", status, checks)
		}
		if requests() != before {
			t.Error("offline fetched")
		}
	})
	t.Run("redirect not followed", func(t *testing.T) {
		status, checks := result(verifyIn(redirected, with(map[string]any{"fetch": testFetch})))
		c := withCode(checks, "fetch_blocked")
		if status == "active" || c == nil || !strings.Contains(c.Detail, "redirect") {
			t.Errorf("%s %+v", status, checks)
		}
		if c != nil {
			t.Logf("redirect: %s", c.Detail)
		}
	})
	t.Run("size bound", func(t *testing.T) {
		status, checks := result(verifyIn(tooBig, with(map[string]any{"fetch": testFetch})))
		found := false
		for _, c := range checks {
			found = found || (c.ID == "status.revocation" && c.Status != "pass" && strings.Contains(c.Detail, "too large"))
		}
		if status == "active" || !found {
			t.Errorf("%s %+v, want a status check refusing the size", status, checks)
		}
	})
	t.Run("bad fetch option", func(t *testing.T) {
		var out verifyOutcome
		evalAsync(t, ctx, verifyJS(jsLiteral(t, active)+`, {fetch: {allowedTestOrigins: ["https://issuer.example"]}}`), &out)
		if !out.Rejected || out.Code != "bad_options" || !strings.Contains(out.Message, "loopback") {
			t.Errorf("%+v, want bad_options naming loopback", out)
		}
	})
}
