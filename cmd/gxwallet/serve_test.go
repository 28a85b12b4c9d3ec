package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// fakeDist writes a dist/ with a PWA whose app.wasm is compressible filler.
func fakeDist(t *testing.T) (dir string, wasm []byte) {
	t.Helper()
	dir = t.TempDir()
	wasm = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("gxwallet "), 20000)...)
	writeFile(t, filepath.Join(dir, "pwa", "web", "app.wasm"), wasm)
	writeFile(t, filepath.Join(dir, "pwa", "web", "app.css"), []byte("body{}"))
	return dir, wasm
}

func writeFile(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func startTestServer(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	h, err := newServer(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// get fetches path; gzip says whether to ask for gzip. The body is returned
// as sent (not decoded).
func get(t *testing.T, srv *httptest.Server, path string, gzip bool) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+path, nil)
	if gzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	client := &http.Client{
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestServeWasm(t *testing.T) {
	dir, wasm := fakeDist(t)
	srv := startTestServer(t, dir)

	for _, path := range []string{"/web/app.wasm", "/app.wasm"} {
		res, body := get(t, srv, path, false)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/wasm" || res.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s identity: %s, type %q, encoding %q", path, res.Status, res.Header.Get("Content-Type"), res.Header.Get("Content-Encoding"))
		}
		if !bytes.Equal(body, wasm) {
			t.Errorf("%s identity: body differs", path)
		}

		res, body = get(t, srv, path, true)
		if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("Content-Type") != "application/wasm" {
			t.Errorf("%s on-the-fly gzip: encoding %q, type %q", path, res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"))
		}
		if !bytes.Equal(gunzip(t, body), wasm) {
			t.Errorf("%s on-the-fly gzip: body differs", path)
		}
		if len(body) >= len(wasm) {
			t.Errorf("%s: gzip did not shrink the body", path)
		}
	}
}

func TestServePrecompressed(t *testing.T) {
	dir, wasm := fakeDist(t)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Name = "precompressed" // tells it apart from on-the-fly output
	zw.Write(wasm)
	zw.Close()
	gz := filepath.Join(dir, "pwa", "web", "app.wasm.gz")
	writeFile(t, gz, buf.Bytes())
	srv := startTestServer(t, dir)

	res, body := get(t, srv, "/web/app.wasm", true)
	if res.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(body, buf.Bytes()) {
		t.Errorf("precompressed twin not served as is (encoding %q)", res.Header.Get("Content-Encoding"))
	}
	if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
		t.Errorf("no Vary: Accept-Encoding")
	}

	// A stale twin (older than the file) is ignored.
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(gz, old, old); err != nil {
		t.Fatal(err)
	}
	res, body = get(t, srv, "/web/app.wasm", true)
	if bytes.Equal(body, buf.Bytes()) || !bytes.Equal(gunzip(t, body), wasm) {
		t.Errorf("stale .gz served (encoding %q)", res.Header.Get("Content-Encoding"))
	}
}

func TestServePages(t *testing.T) {
	dir, wasm := fakeDist(t)
	srv := startTestServer(t, dir)

	res, body := get(t, srv, "/verify?x=1", true)
	page := string(gunzip(t, body))
	if res.StatusCode != 200 || !strings.Contains(page, `id="app-wasm-loader"`) || !strings.Contains(page, `id="verify-input"`) {
		t.Errorf("/verify?x=1: %s\n%s", res.Status, page)
	}

	_, body = get(t, srv, "/app.js", false)
	if want := `const goappWasmContentLength = "` + strconv.Itoa(len(wasm)) + `"`; !strings.Contains(string(body), want) {
		t.Errorf("app.js lacks %s (the loader's progress needs the decoded size)", want)
	}

	_, body = get(t, srv, "/app-worker.js", false)
	version, _ := assetsVersion(filepath.Join(dir, "pwa", "web"))
	if !strings.Contains(string(body), "gxwallet-"+version) {
		t.Errorf("worker does not carry version %s", version)
	}

	res, _ = get(t, srv, "/nope", false)
	if res.StatusCode != 404 {
		t.Errorf("/nope: %s", res.Status)
	}
}

func TestServeLib(t *testing.T) {
	dir, _ := fakeDist(t)
	srv := startTestServer(t, dir)

	// No lib built: /lib/ is simply absent.
	if res, _ := get(t, srv, "/lib/gxverify.js", false); res.StatusCode != 404 {
		t.Errorf("missing lib: %s", res.Status)
	}

	writeFile(t, filepath.Join(dir, "lib", "gxverify.js"), []byte("export {}"))
	writeFile(t, filepath.Join(dir, "lib", "verifier.wasm"), []byte("\x00asm"))
	writeFile(t, filepath.Join(dir, "lib", "demo", "index.html"), []byte("<!doctype html><title>demo</title>"))
	for path, ctype := range map[string]string{
		"/lib/gxverify.js":   "text/javascript; charset=utf-8",
		"/lib/verifier.wasm": "application/wasm",
		"/lib/demo/":         "text/html; charset=utf-8",
	} {
		res, _ := get(t, srv, path, false)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != ctype {
			t.Errorf("%s: %s, type %q, want %q", path, res.Status, res.Header.Get("Content-Type"), ctype)
		}
	}
	if res, _ := get(t, srv, "/lib/demo", false); res.StatusCode != 301 || res.Header.Get("Location") != "demo/" {
		t.Errorf("/lib/demo: %s to %q", res.Status, res.Header.Get("Location"))
	}
	if res, _ := get(t, srv, "/lib/", false); res.StatusCode != 404 {
		t.Errorf("/lib/ lists the directory: %s", res.Status)
	}
	if res, _ := get(t, srv, "/lib/../pwa/web/app.css", false); res.StatusCode == 200 {
		t.Errorf("/lib/ escapes its directory")
	}
}

func TestAssetsVersion(t *testing.T) {
	dir, _ := fakeDist(t)
	web := filepath.Join(dir, "pwa", "web")
	v1, err := assetsVersion(web)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := assetsVersion(web); v != v1 {
		t.Errorf("version not stable: %s then %s", v1, v)
	}
	writeFile(t, filepath.Join(web, "app.wasm.gz"), []byte("ignored"))
	if v, _ := assetsVersion(web); v != v1 {
		t.Errorf("a .gz twin changed the version")
	}
	writeFile(t, filepath.Join(web, "app.css"), []byte("body{color:red}"))
	if v, _ := assetsVersion(web); v == v1 {
		t.Errorf("changing app.css kept version %s", v1)
	}
}

func TestRunServeWithoutPWA(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := runServe([]string{"-addr", "127.0.0.1:0", "-dir", t.TempDir()}, nil, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "run `make pwa` (or `make run`)") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	if code := runServe([]string{"-bogus"}, nil, &stdout, &stderr); code != 2 {
		t.Errorf("bad flag: exit %d", code)
	}
}

func TestDisplayURL(t *testing.T) {
	bound := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}
	for addr, want := range map[string]string{
		"localhost:8080": "http://localhost:8080",
		"127.0.0.1:0":    "http://127.0.0.1:8080",
		":8080":          "http://localhost:8080",
		"0.0.0.0:8080":   "http://localhost:8080",
	} {
		if got := displayURL(addr, bound); got != want {
			t.Errorf("displayURL(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"":                  false,
		"gzip":              true,
		"br, gzip, deflate": true,
		"gzip;q=0":          false,
		"gzip; q=0.5":       true,
		"deflate":           false,
		"x-gzip":            false,
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", h)
		if got := acceptsGzip(r); got != want {
			t.Errorf("acceptsGzip(%q) = %v", h, got)
		}
	}
}
