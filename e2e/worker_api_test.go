package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// The edge worker's API on real workerd: the OpenAPI document and the
// routes it names, batches, CORS under configured origins, and the
// configuration through the env bindings.

// workerRaw sends a request with headers and returns the status, headers
// and body.
func workerRaw(t *testing.T, method, url string, hdr map[string]string, body string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := workerClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, b
}

func TestWorkerAPI(t *testing.T) {
	const rp = "https://rp.example"
	cred := newTestCredential(t, "web")
	base, _ := startWorkerdWith(t, workerdConfig{Env: map[string]string{
		"ALLOWED_ORIGINS": rp, "TRUSTED_ISSUERS": cred.issuer,
	}})
	options := workerOptions(t, cred)

	t.Run("openapi.json names every route", func(t *testing.T) {
		code, hdr, b := workerRaw(t, "GET", base+"/openapi.json", nil, "")
		if code != 200 || hdr.Get("Content-Type") != "application/json" {
			t.Fatalf("%d %q", code, hdr.Get("Content-Type"))
		}
		var doc struct {
			OpenAPI string                                `json:"openapi"`
			Paths   map[string]map[string]json.RawMessage `json:"paths"`
		}
		if err := json.Unmarshal(b, &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.1") {
			t.Fatalf("%v %q", err, doc.OpenAPI)
		}
		var paths []string
		for p, ops := range doc.Paths {
			paths = append(paths, p)
			for m := range ops {
				// Each documented operation exists: not 404, not 405.
				code, _, b := workerRaw(t, strings.ToUpper(m), base+p, nil, "{}")
				if code == 404 || code == 405 {
					t.Errorf("%s %s: %d %s", m, p, code, b)
				}
			}
		}
		sort.Strings(paths)
		want := []string{"/healthz", "/openapi.json", "/v1/status", "/v1/verify", "/v1/verify/batch"}
		if !slices.Equal(paths, want) {
			t.Errorf("paths %v, want %v", paths, want)
		}
	})

	t.Run("batch", func(t *testing.T) {
		item := func(c string, o json.RawMessage) map[string]any { return map[string]any{"credential": c, "options": o} }
		body, _ := json.Marshal([]any{
			item(cred.valid, options), item(cred.tampered, options),
			map[string]any{"credential": cred.valid, "options": map[string]any{"now": "soon"}},
			// No trustedIssuers in the options: TRUSTED_ISSUERS trusts the issuer.
			item(cred.valid, json.RawMessage(`{"now":"`+testNow+`","offline":true,"didDocs":[`+string(mustJSON(t, cred.didDoc))+`]}`)),
		})
		code, _, b := workerRaw(t, "POST", base+"/v1/verify/batch", nil, string(body))
		var out struct {
			Results []struct {
				Result *workerResult `json:"result"`
				Error  *struct{ Code, Message string }
			} `json:"results"`
		}
		if err := json.Unmarshal(b, &out); err != nil || code != 200 || len(out.Results) != 4 {
			t.Fatalf("%d %v %.300s", code, err, b)
		}
		got := []string{}
		for _, r := range out.Results {
			if r.Result != nil {
				got = append(got, r.Result.Status)
			} else if r.Error != nil {
				got = append(got, r.Error.Code)
			}
		}
		if want := []string{"active", "invalid", "bad_options", "active"}; !slices.Equal(got, want) {
			t.Errorf("batch answers %v, want %v", got, want)
		}
		many := "[" + strings.TrimSuffix(strings.Repeat(`{"credential":"a.b.c"},`, 101), ",") + "]"
		if code, _, b := workerRaw(t, "POST", base+"/v1/verify/batch", nil, many); code != 413 || !strings.Contains(string(b), `"too_many_items"`) {
			t.Errorf("101 items: %d %s", code, b)
		}
	})

	t.Run("CORS", func(t *testing.T) {
		pre := map[string]string{"Origin": rp, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
		code, hdr, b := workerRaw(t, "OPTIONS", base+"/v1/verify", pre, "")
		if code != 204 || hdr.Get("Access-Control-Allow-Origin") != rp || !strings.Contains(hdr.Get("Access-Control-Allow-Methods"), "POST") ||
			hdr.Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("preflight from %s: %d %v %s", rp, code, hdr, b)
		}
		pre["Origin"] = "https://evil.example"
		if code, hdr, b := workerRaw(t, "OPTIONS", base+"/v1/verify", pre, ""); code != 403 || hdr.Get("Access-Control-Allow-Origin") != "" ||
			!strings.Contains(string(b), `"origin_not_allowed"`) {
			t.Errorf("preflight from another origin: %d %v %s", code, hdr, b)
		}
		code, hdr, _ = workerRaw(t, "POST", base+"/v1/verify", map[string]string{"Origin": rp, "Content-Type": "application/json"}, string(verifyBody(t, cred.valid, options)))
		if code != 200 || hdr.Get("Access-Control-Allow-Origin") != rp || !strings.Contains(hdr.Get("Vary"), "Origin") {
			t.Errorf("POST from %s: %d %v", rp, code, hdr)
		}
		code, hdr, _ = workerRaw(t, "POST", base+"/v1/verify", map[string]string{"Origin": "https://evil.example"}, string(verifyBody(t, cred.valid, options)))
		if code != 200 || hdr.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("POST from another origin: %d, Allow-Origin %q", code, hdr.Get("Access-Control-Allow-Origin"))
		}
	})

	t.Run("HEAD", func(t *testing.T) {
		for _, p := range []string{"/healthz", "/openapi.json"} {
			code, hdr, b := workerRaw(t, "HEAD", base+p, nil, "")
			if code != 200 || len(b) != 0 || hdr.Get("Content-Type") != "application/json" {
				t.Errorf("HEAD %s: %d %q %d bytes", p, code, hdr.Get("Content-Type"), len(b))
			}
			if code, _, b := workerRaw(t, "GET", base+p, nil, ""); code != 200 || len(b) == 0 {
				t.Errorf("GET %s after HEAD: %d %d bytes", p, code, len(b))
			}
		}
	})

	t.Run("status needs a url", func(t *testing.T) {
		if code, _, b := workerRaw(t, "GET", base+"/v1/status", nil, ""); code != 400 || !strings.Contains(string(b), `"bad_url"`) {
			t.Errorf("%d %s", code, b)
		}
	})

	t.Run("bad configuration is a coded 500", func(t *testing.T) {
		bad, _ := startWorkerdWith(t, workerdConfig{healthAny: true, Env: map[string]string{"ALLOWED_ORIGINS": "*", "CORS_ALLOW_CREDENTIALS": "true"}})
		code, _, b := workerRaw(t, "POST", bad+"/v1/verify", nil, string(verifyBody(t, cred.valid, options)))
		if code != 500 || !strings.Contains(string(b), `"bad_config"`) || !strings.Contains(string(b), "CORS_ALLOW_CREDENTIALS") {
			t.Errorf("%d %s", code, b)
		}
	})
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWorkerWranglerDryRun: dist/worker deploys with wrangler as is, and
// wrangler sees every configuration var.
func TestWorkerWranglerDryRun(t *testing.T) {
	dir := filepath.Join(distDir(t), "worker")
	bin, err := filepath.Abs(filepath.Join("node_modules", ".bin", "wrangler"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "deploy", "--dry-run", "--outdir", t.TempDir())
	cmd.Dir = dir
	cmd.Env = append(cmd.Environ(), "WRANGLER_SEND_METRICS=false", "CLOUDFLARE_CF_FETCH_ENABLED=false", "CI=1",
		"XDG_CONFIG_HOME="+t.TempDir(), "WRANGLER_LOG_PATH="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("wrangler deploy --dry-run: %v\n%s", err, out)
	}
	for _, v := range []string{"TRUSTED_ISSUERS", "ALLOWED_ORIGINS", "CORS_ALLOW_CREDENTIALS", "CACHE_MAX_AGE", "CACHE_DEFAULT_TTL", "ALLOWED_TEST_ORIGINS", "--dry-run: exiting now"} {
		if !strings.Contains(string(out), v) {
			t.Errorf("wrangler output lacks %s:\n%s", v, out)
		}
	}
}
