package e2e

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer collects a child process's output for the test log.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// workerdConfig varies the standalone workerd configuration of
// dist/worker for a test: the env bindings (config.go's vars), outbound
// access to loopback (for a test origin; the shipped configuration allows
// public addresses only), and a Cache API service.
type workerdConfig struct {
	Env           map[string]string
	AllowLoopback bool
	CacheService  string // host:port of a Cache API backend; "" for none
	TrustedCA     string // a PEM CA certificate outbound TLS trusts too
	Dir           string // the build under dist: "worker" when empty, or "worker-lite"
	healthAny     bool   // any answer of /healthz means started (a bad configuration answers 500)
}

// startWorkerd serves dist/worker (make worker-bundle) on real workerd
// from e2e/node_modules (scripts/deps.sh) on a free loopback port and
// returns its base URL once /healthz answers. workerd is killed at cleanup.
func startWorkerd(t *testing.T) string {
	t.Helper()
	base, _ := startWorkerdWith(t, workerdConfig{})
	return base
}

// startWorkerdWith is startWorkerd under a varied configuration, written
// next to symlinks of the built worker in a temporary directory. It also
// returns workerd's process, for its memory.
func startWorkerdWith(t *testing.T, wc workerdConfig) (string, *os.Process) {
	t.Helper()
	dist := filepath.Join(distDir(t), cmp.Or(wc.Dir, "worker"))
	config := filepath.Join(dist, "workerd.capnp")
	if _, err := os.Stat(config); err != nil {
		t.Fatalf("%v: run `make worker-bundle` (or `make worker-lite`)", err)
	}
	if wc.Env != nil || wc.AllowLoopback || wc.CacheService != "" || wc.TrustedCA != "" {
		config = writeWorkerdConfig(t, dist, wc)
	}
	// go test runs in the package directory, e2e/.
	bin, err := filepath.Abs(filepath.Join("node_modules", ".bin", "workerd"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("%v: run `bash scripts/deps.sh`", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	cmd := exec.CommandContext(ctx, bin, "serve", config, "--socket-addr", "http="+addr)
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel() // kills workerd
		cmd.Wait()
		if t.Failed() || testing.Verbose() {
			t.Logf("workerd output:\n%s", out.String())
		}
	})

	base := "http://" + addr
	start := time.Now()
	for {
		res, err := (&http.Client{Timeout: 2 * time.Second}).Get(base + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK || wc.healthAny {
				t.Logf("workerd answered /healthz after %v", time.Since(start).Round(time.Millisecond))
				return base, cmd.Process
			}
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("workerd did not answer /healthz within 30s (last error %v):\n%s", err, out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// writeWorkerdConfig rewrites dist/worker/workerd.capnp for wc into a
// temporary directory that links the worker's modules, and returns its
// path.
func writeWorkerdConfig(t *testing.T, dist string, wc workerdConfig) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dist, "workerd.capnp"))
	if err != nil {
		t.Fatal(err)
	}
	c := string(b)
	replace := func(old, new string) {
		t.Helper()
		if !strings.Contains(c, old) {
			t.Fatalf("workerd.capnp: %q not found", old)
		}
		c = strings.Replace(c, old, new, 1)
	}
	for name, value := range wc.Env {
		re := regexp.MustCompile(`\(name = "` + regexp.QuoteMeta(name) + `", text = "[^"]*"\)`)
		if !re.MatchString(c) {
			t.Fatalf("workerd.capnp: no binding %s", name)
		}
		v, _ := json.Marshal(value) // a capnp text literal is a JSON string
		c = re.ReplaceAllLiteralString(c, `(name = "`+name+`", text = `+string(v)+`)`)
	}
	if wc.AllowLoopback {
		replace(`allow = ["public"]`, `allow = ["public", "127.0.0.1/32"]`)
	}
	if wc.TrustedCA != "" {
		ca, _ := json.Marshal(wc.TrustedCA)
		replace(`tlsOptions = (trustBrowserCas = true)`, `tlsOptions = (trustBrowserCas = true, trustedCertificates = [`+string(ca)+`])`)
	}
	if wc.CacheService != "" {
		replace(`(name = "verifier", worker = .verifier),`,
			`(name = "verifier", worker = .verifier), (name = "cache", external = (address = "`+wc.CacheService+`", http = ())),`)
		replace(`globalOutbound = "internet",`, `globalOutbound = "internet", cacheApiOutbound = "cache",`)
	}
	dir := t.TempDir()
	for _, f := range []string{"worker.mjs", "wasm_exec.js", "app.wasm"} {
		if err := os.Symlink(filepath.Join(dist, f), filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "workerd.capnp")
	if err := os.WriteFile(path, []byte(c), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// workerOptions are c's options, offline, as the request body's JSON.
func workerOptions(t *testing.T, c testCredential) json.RawMessage {
	t.Helper()
	o := c.options()
	o["offline"] = true
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type workerCheck = struct {
	ID     string `json:"id"`
	OK     bool   `json:"ok"`
	Status string `json:"status"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

type workerResult struct {
	Status  string        `json:"status"`
	Format  string        `json:"format"`
	Issuer  string        `json:"issuer"`
	Checks  []workerCheck `json:"checks"`
	Code    string        `json:"code"`    // error answers
	Message string        `json:"message"` // error answers
}

var workerClient = &http.Client{Timeout: 30 * time.Second}

func workerDo(t *testing.T, method, url string, body []byte) (int, http.Header, workerResult) {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := workerClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var r workerResult
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s %s: %d, body not JSON: %v: %.300s", method, url, res.StatusCode, err, b)
	}
	return res.StatusCode, res.Header, r
}

// rawPost sends body while reading the answer, as curl does: a server
// may answer 413 before the upload ends and then close the connection,
// which Go's http.Client reports as a write error instead of the answer.
func rawPost(t *testing.T, rawURL string, body []byte) (int, workerResult) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	go func() {
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n",
			u.RequestURI(), u.Host, len(body))
		conn.Write(body) // may fail once the server has answered
	}()
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("POST %s: %v", rawURL, err)
	}
	defer res.Body.Close()
	var r workerResult
	if err := json.NewDecoder(io.LimitReader(res.Body, 1<<20)).Decode(&r); err != nil {
		t.Fatalf("POST %s: %d, body not JSON: %v", rawURL, res.StatusCode, err)
	}
	return res.StatusCode, r
}

func verifyBody(t *testing.T, cred string, options json.RawMessage) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"credential": cred, "options": options})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestWorkerSize guards the worker's size. The Workers limit is 3 MiB
// gzip on the free plan and 10 MiB on paid plans. JSON-LD support links
// json-gold, whose default document loader (never called) drags in Go's
// HTTP client and crypto/tls, about 1 MiB gzip: this full worker needs a
// paid plan, and the lite one (make worker-lite, no JSON-LD) fits the
// free plan (TestLiteSize). budget catches any further growth; lower it
// whenever the worker shrinks.
func TestWorkerSize(t *testing.T) {
	const (
		freePlan = 3 << 20
		budget   = 3<<20 + 3<<18 // 3.75 MiB
	)
	dir := filepath.Join(distDir(t), "worker")
	raw, err := os.Stat(filepath.Join(dir, "app.wasm"))
	if err != nil {
		t.Fatalf("%v: run `make worker-bundle`", err)
	}
	gz, err := os.Stat(filepath.Join(dir, "app.wasm.gz"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("worker app.wasm: %d bytes raw, %d bytes gzip (free plan %d, budget %d)", raw.Size(), gz.Size(), freePlan, budget)
	if gz.Size() > freePlan {
		t.Logf("over the Workers free plan's 3 MiB: deploy on a paid plan (10 MiB)")
	}
	if gz.Size() > budget {
		t.Errorf("app.wasm.gz is %d bytes, over the %d-byte budget: find what grew", gz.Size(), budget)
	}
}

func TestWorker(t *testing.T) {
	base := startWorkerd(t)
	cred := newTestCredential(t, "web")
	jwt, options := cred.valid, workerOptions(t, cred)

	t.Run("SD-JWT presentation", func(t *testing.T) {
		sd := newSDPresentation(t)
		o := sd.options
		o["offline"] = true
		ob, _ := json.Marshal(o)
		code, _, r := workerDo(t, "POST", base+"/v1/verify", verifyBody(t, sd.presentation, ob))
		if code != 200 || r.Status != "active" || r.Format != "dc+sd-jwt" {
			t.Fatalf("%d %+v", code, r)
		}
	})

	t.Run("healthz", func(t *testing.T) {
		code, hdr, _ := workerDo(t, "GET", base+"/healthz", nil)
		if code != 200 || hdr.Get("Content-Type") != "application/json" {
			t.Fatalf("%d %q", code, hdr.Get("Content-Type"))
		}
	})

	t.Run("valid credential is active", func(t *testing.T) {
		code, hdr, r := workerDo(t, "POST", base+"/v1/verify", verifyBody(t, jwt, options))
		if code != 200 || hdr.Get("Content-Type") != "application/json" {
			t.Fatalf("%d %q %+v", code, hdr.Get("Content-Type"), r)
		}
		if r.Status != "active" || r.Format != "vc+jwt" || r.Issuer != "did:web:issuer.example" {
			t.Errorf("result %+v, want active vc+jwt from did:web:issuer.example", r)
		}
	})

	t.Run("tampered credential is invalid", func(t *testing.T) {
		code, _, r := workerDo(t, "POST", base+"/v1/verify", verifyBody(t, cred.tampered, options))
		if code != 200 || r.Status != "invalid" {
			t.Fatalf("%d %+v, want 200 and status invalid", code, r)
		}
		if !slices.ContainsFunc(r.Checks, func(c struct {
			ID     string `json:"id"`
			OK     bool   `json:"ok"`
			Status string `json:"status"`
			Code   string `json:"code"`
			Detail string `json:"detail"`
		}) bool {
			return !c.OK && c.Code == "bad_signature"
		}) {
			t.Errorf("checks %+v, want a failed check with code bad_signature", r.Checks)
		}
	})

	t.Run("did:web through the workers fetch is reported, not a crash", func(t *testing.T) {
		// No didDocs and not offline: the issuer's DID document is fetched
		// with the Workers fetch API (Go's http.Get would panic in
		// workerd). issuer.example never resolves (RFC 2606), so the key
		// check is indeterminate, and the answer is still a Result.
		code, _, r := workerDo(t, "POST", base+"/v1/verify", verifyBody(t, jwt, json.RawMessage(`{"now":"2026-06-01T00:00:00Z"}`)))
		if code != 200 || r.Status == "" || r.Status == "active" {
			t.Fatalf("%d %+v, want 200 and a non-active Result", code, r)
		}
		var fetched bool
		for _, c := range r.Checks {
			fetched = fetched || (c.Status == "indeterminate" && strings.Contains(c.Detail, "https://issuer.example/.well-known/did.json"))
		}
		if !fetched {
			t.Errorf("checks %+v, want an indeterminate check naming the did:web URL", r.Checks)
		}
		if code, _, _ := workerDo(t, "GET", base+"/healthz", nil); code != 200 {
			t.Fatalf("/healthz after the fetch: %d", code)
		}
	})

	t.Run("malformed JSON is 400", func(t *testing.T) {
		code, _, r := workerDo(t, "POST", base+"/v1/verify", []byte(`{"credential": "eyJ`))
		if code != 400 || r.Code != "bad_request" || r.Message == "" {
			t.Fatalf("%d %+v, want 400 bad_request", code, r)
		}
	})

	t.Run("bad options are 400", func(t *testing.T) {
		code, _, r := workerDo(t, "POST", base+"/v1/verify", []byte(`{"credential":"a.b.c","options":{"now":"soon"}}`))
		if code != 400 || r.Code != "bad_options" {
			t.Fatalf("%d %+v, want 400 bad_options", code, r)
		}
	})

	t.Run("wrong method and path", func(t *testing.T) {
		if code, hdr, r := workerDo(t, "GET", base+"/v1/verify", nil); code != 405 || r.Code != "method_not_allowed" || hdr.Get("Allow") != "POST, OPTIONS" {
			t.Errorf("GET /v1/verify: %d %+v Allow %q", code, r, hdr.Get("Allow"))
		}
		if code, _, r := workerDo(t, "GET", base+"/nope", nil); code != 404 || r.Code != "not_found" {
			t.Errorf("GET /nope: %d %+v", code, r)
		}
	})

	t.Run("10 MiB body is 413 and the worker survives", func(t *testing.T) {
		big := append([]byte(`{"credential":"`), bytes.Repeat([]byte("A"), 10<<20)...)
		big = append(big, `"}`...)
		code, r := rawPost(t, base+"/v1/verify", big)
		if code != 413 || r.Code != "too_large" {
			t.Fatalf("%d %+v, want 413 too_large", code, r)
		}
		if code, _, _ := workerDo(t, "GET", base+"/healthz", nil); code != 200 {
			t.Fatalf("/healthz after the large body: %d", code)
		}
		if code, _, r := workerDo(t, "POST", base+"/v1/verify", verifyBody(t, jwt, options)); code != 200 || r.Status == "" {
			t.Fatalf("verify after the large body: %d %+v", code, r)
		}
	})

	t.Run("concurrent requests", func(t *testing.T) {
		// One Go instance per isolate serves them in turn; none may fail.
		var wg sync.WaitGroup
		errs := make(chan string, 16)
		for i := range 16 {
			wg.Go(func() {
				body := verifyBody(t, jwt, options)
				if i%4 == 3 {
					body = verifyBody(t, cred.tampered, options)
				}
				req, _ := http.NewRequest("POST", base+"/v1/verify", bytes.NewReader(body))
				res, err := workerClient.Do(req)
				if err != nil {
					errs <- err.Error()
					return
				}
				defer res.Body.Close()
				var r workerResult
				if err := json.NewDecoder(res.Body).Decode(&r); err != nil || res.StatusCode != 200 || r.Status == "" {
					errs <- fmt.Sprintf("request %d: %d %+v %v", i, res.StatusCode, r, err)
				}
			})
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
	})

	t.Run("timing", func(t *testing.T) {
		// Wall time per request over loopback: one Go instance serves all.
		const n = 50
		body := verifyBody(t, jwt, options)
		times := make([]time.Duration, n)
		for i := range n {
			start := time.Now()
			if code, _, r := workerDo(t, "POST", base+"/v1/verify", body); code != 200 || r.Status == "" {
				t.Fatalf("request %d: %d %+v", i, code, r)
			}
			times[i] = time.Since(start)
		}
		var total time.Duration
		for _, d := range times {
			total += d
		}
		slices.Sort(times)
		t.Logf("%d sequential POST /v1/verify (ES256 vc+jwt): mean %v, p50 %v, p90 %v, max %v",
			n, (total / n).Round(10*time.Microsecond), times[n/2].Round(10*time.Microsecond),
			times[n*9/10].Round(10*time.Microsecond), times[n-1].Round(10*time.Microsecond))
	})
}
