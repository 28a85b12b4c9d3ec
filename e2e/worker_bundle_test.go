package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
)

// TestWorkerTrustBundle: the deployment's trust bundle (TRUST_BUNDLE_URL)
// on real workerd, served by the local HTTPS test origin. It holds the
// issuer's DID document and status list, so an offline request that
// brings neither verifies from it; it is fetched once (X-Gx-Trust-Bundle
// miss, then hit), served stale when its host is down, replaced by a
// request's own bundle, and coded when unavailable or broken; a URL
// outside the fetch policy is a configuration error.
func TestWorkerTrustBundle(t *testing.T) {
	pki := newTestPKI(t)
	src := newOriginServer(t, pki)
	const listPath, bundlePath = "/status/1", "/trust/bundle.json"
	listURL := src.origin + listPath
	list := src.statusList(t, listPath, 7)
	active, revoked := src.credential(t, listURL, 8), src.credential(t, listURL, 7)

	listFetched := time.Date(2026, 5, 31, 8, 0, 0, 0, time.UTC)
	b := bundle.New(listFetched)
	b.DIDDocuments = []json.RawMessage{src.files["/.well-known/did.json"]}
	b.Add(listURL, bundle.KindStatusList, []byte(list), listFetched)
	raw, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	src.put(bundlePath, raw, "max-age=1")

	// Offline: nothing but the bundle can answer the DID document and
	// the status list.
	offline := map[string]any{"now": testNow, "trustedIssuers": []string{src.did}, "offline": true}
	env := map[string]string{"ALLOWED_TEST_ORIGINS": src.origin, "TRUST_BUNDLE_URL": src.origin + bundlePath, "CACHE_MAX_AGE": "4s"}
	base, _ := startWorkerdWith(t, workerdConfig{Env: env, AllowLoopback: true, TrustedCA: pki.caPEM})

	post := func(cred string, options map[string]any) (int, string, workerResult) {
		t.Helper()
		ob, _ := json.Marshal(options)
		code, hdr, r := workerDo(t, "POST", base+"/v1/verify", verifyBody(t, cred, ob))
		return code, hdr.Get("X-Gx-Trust-Bundle"), r
	}
	check := func(r workerResult, id string) (string, string) {
		for _, c := range r.Checks {
			if c.ID == id {
				return c.Status, c.Detail
			}
		}
		return "", ""
	}

	first := time.Now()
	code, tb, r := post(active, offline)
	if code != 200 || r.Status != "active" || !strings.HasPrefix(tb, "miss; fetched=") {
		t.Fatalf("first request: %d %q X-Gx-Trust-Bundle %q %+v", code, r.Status, tb, r.Checks)
	}
	if st, detail := check(r, "status.revocation"); st != "pass" || !strings.Contains(detail, listFetched.Format(time.RFC3339)) {
		t.Errorf("status check %s %q, want the bundle's fetch time", st, detail)
	}
	code, tb2, r := post(revoked, offline)
	if code != 200 || r.Status != "revoked" || tb2 != strings.Replace(tb, "miss", "hit", 1) {
		t.Fatalf("second request: %d %q X-Gx-Trust-Bundle %q (first %q)", code, r.Status, tb2, tb)
	}
	if n := src.count(bundlePath); n != 1 {
		t.Errorf("the bundle was fetched %d times, want once", n)
	}
	if n := src.count("/.well-known/did.json") + src.count(listPath); n != 0 {
		t.Errorf("the origin saw %d requests for the DID document or the list: the bundle should have answered", n)
	}

	// A batch loads it once for all its items.
	item := func(cred string) map[string]any { return map[string]any{"credential": cred, "options": offline} }
	bb, _ := json.Marshal([]any{item(active), item(revoked), item(active)})
	res, err := workerClient.Post(base+"/v1/verify/batch", "application/json", strings.NewReader(string(bb)))
	if err != nil {
		t.Fatal(err)
	}
	var batch struct {
		Results []struct {
			Result *workerResult `json:"result"`
		} `json:"results"`
	}
	json.NewDecoder(res.Body).Decode(&batch)
	res.Body.Close()
	if res.StatusCode != 200 || len(batch.Results) != 3 || batch.Results[1].Result == nil || batch.Results[1].Result.Status != "revoked" ||
		!strings.HasPrefix(res.Header.Get("X-Gx-Trust-Bundle"), "hit") {
		t.Errorf("batch: %d %+v X-Gx-Trust-Bundle %q", res.StatusCode, batch, res.Header.Get("X-Gx-Trust-Bundle"))
	}

	// A request's own bundle replaces the deployment's (an empty one:
	// nothing answers offline).
	empty, _ := bundle.New(listFetched).Marshal()
	own := map[string]any{"now": testNow, "trustedIssuers": []string{src.did}, "offline": true, "bundle": json.RawMessage(empty)}
	if code, tb, r := post(active, own); code != 200 || r.Status == "active" || tb != "" {
		t.Errorf("own bundle: %d %q X-Gx-Trust-Bundle %q", code, r.Status, tb)
	}

	// Source down past the bundle's max-age=1: the cached copy, stale.
	src.down.Store(true)
	time.Sleep(time.Until(first.Add(1500 * time.Millisecond)))
	if code, tb, r := post(active, offline); code != 200 || r.Status != "active" || !strings.HasPrefix(tb, "stale; fetched=") {
		t.Errorf("source down: %d %q X-Gx-Trust-Bundle %q", code, r.Status, tb)
	}
	// Past CACHE_MAX_AGE: a coded 503, not a verdict without the bundle.
	time.Sleep(time.Until(first.Add(4500 * time.Millisecond)))
	if code, _, r := post(active, offline); code != http.StatusServiceUnavailable || r.Code != "trust_bundle_unavailable" || r.Message == "" {
		t.Errorf("past CACHE_MAX_AGE: %d %+v", code, r)
	}
	// Back up but broken: a coded 502.
	src.put(bundlePath, []byte(`{"type":"GXWalletBundle","version":9}`), "max-age=1")
	src.down.Store(false)
	if code, _, r := post(active, offline); code != http.StatusBadGateway || r.Code != "trust_bundle_invalid" || !strings.Contains(r.Message, "TRUST_BUNDLE_URL") {
		t.Errorf("broken bundle: %d %+v", code, r)
	}
	if code, _, _ := workerDo(t, "GET", base+"/healthz", nil); code != 200 {
		t.Errorf("/healthz: %d", code)
	}

	// Without a test origin, the policy refuses a loopback bundle URL: a
	// configuration error, named.
	bad, _ := startWorkerdWith(t, workerdConfig{Env: map[string]string{"TRUST_BUNDLE_URL": src.origin + bundlePath}, healthAny: true})
	code, _, r = func() (int, string, workerResult) {
		ob, _ := json.Marshal(offline)
		c, hdr, r := workerDo(t, "POST", bad+"/v1/verify", verifyBody(t, active, ob))
		return c, hdr.Get("X-Gx-Trust-Bundle"), r
	}()
	if code != 500 || r.Code != "bad_config" || !strings.Contains(r.Message, "TRUST_BUNDLE_URL") {
		t.Errorf("bundle URL outside the policy: %d %+v", code, r)
	}
}
