package main

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	gxapp "github.com/gxwallet/gxwallet/app"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// errNoPWA reports that the PWA has not been built into the serve directory.
var errNoPWA = errors.New("the PWA is not built")

// runServe serves the wallet PWA (go-app, from <dir>/pwa) and the verifier
// library (under /lib/, from <dir>/lib when present) until SIGINT or SIGTERM.
func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("gxwallet serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "localhost:8080", "listen `address`")
	dir := fl.String("dir", "dist", "`directory` filled by make (pwa/ and, optionally, lib/)")
	version := fl.String("version", "", "app `version` for the service worker (default: a hash of the built assets)")
	newServer := withPortal(fl, newServer) // the demo portal and its -data flag (portal.go)
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: gxwallet serve [-addr host:port] [-dir dist] [-version v]")
		fl.PrintDefaults()
	}
	if code, ok := parseNoArgs(fl, args); !ok {
		return code
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "gxwallet: serve: %v\n", err)
		return 1
	}
	defer ln.Close()
	// With port 0 the system picks one: the handler (the portal's origin
	// and DID) must know which.
	if host, port, err := net.SplitHostPort(*addr); err == nil && port == "0" {
		_, bound, _ := net.SplitHostPort(ln.Addr().String())
		*addr = net.JoinHostPort(host, bound)
	}

	h, err := newServer(*dir, *version)
	if errors.Is(err, errNoPWA) {
		fmt.Fprintf(stderr, "gxwallet: serve: %v: run `make pwa` (or `make run`)\n", err)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "gxwallet: serve: %v\n", err)
		return 1
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "gxwallet: serving on %s\n", displayURL(*addr, ln.Addr()))

	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "gxwallet: serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(stderr, "gxwallet: serve: shutdown: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, "gxwallet: stopped")
	return 0
}

// displayURL is the URL to print for a listener: the host as the user gave
// it (localhost, not 127.0.0.1: both are secure contexts, but the origin
// differs) with the port actually bound.
func displayURL(addr string, bound net.Addr) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	_, port, _ := net.SplitHostPort(bound.String())
	return "http://" + net.JoinHostPort(host, port)
}

var routesOnce sync.Once

// pwaHandler returns go-app's handler for the PWA built in pwaDir (which
// holds web/app.wasm and the web assets). An empty version means a hash of
// the files under pwaDir/web.
func pwaHandler(pwaDir, version string) (*app.Handler, error) {
	wasm, err := os.Stat(filepath.Join(pwaDir, "web", "app.wasm"))
	if err != nil {
		return nil, fmt.Errorf("%w: %s", errNoPWA, filepath.Join(pwaDir, "web", "app.wasm"))
	}
	if version == "" {
		if version, err = assetsVersion(filepath.Join(pwaDir, "web")); err != nil {
			return nil, err
		}
	}
	routesOnce.Do(gxapp.Routes)
	h := gxapp.Handler(version)
	// The loader's progress needs the decoded size: with gzip the
	// Content-Length header is the compressed one.
	h.WasmContentLength = strconv.FormatInt(wasm.Size(), 10)
	return h, nil
}

// newServer returns the HTTP handler of `gxwallet serve`: the PWA at /, the
// library at /lib/, gzip for clients that accept it.
func newServer(dir, version string) (http.Handler, error) {
	pwaDir := filepath.Join(dir, "pwa")
	h, err := pwaHandler(pwaDir, version)
	if err != nil {
		return nil, err
	}
	h.Resources = webResources{staticDir(pwaDir)}

	mux := http.NewServeMux()
	mux.Handle("/lib/", http.StripPrefix("/lib", staticDir(filepath.Join(dir, "lib"))))
	mux.Handle("/", h)
	return gzipHandler(mux), nil
}

// assetsVersion hashes the names and contents of the files under dir
// (precompressed .gz twins excepted), so that the version changes exactly
// when a served asset does.
func assetsVersion(dir string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasSuffix(p, ".gz") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hashing assets: %w", err)
	}
	sort.Strings(files)
	sum := sha256.New()
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(sum, "%s\x00", filepath.ToSlash(rel))
		f, err := os.Open(p)
		if err != nil {
			return "", fmt.Errorf("hashing assets: %w", err)
		}
		_, err = io.Copy(sum, f)
		f.Close()
		if err != nil {
			return "", fmt.Errorf("hashing assets: %w", err)
		}
	}
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
}

// webResources resolves go-app's /web/ paths to themselves (same origin,
// like app.LocalDir("")) and serves them from a directory holding web/.
type webResources struct{ staticDir }

// Resolve returns location unchanged but for a missing leading slash:
// resources stay on this origin.
func (webResources) Resolve(location string) string {
	if location == "" || location == "/" {
		return "/"
	}
	if strings.HasPrefix(location, "http://") || strings.HasPrefix(location, "https://") {
		return location
	}
	if location == "web" || strings.HasPrefix(location, "web/") {
		return "/" + location
	}
	return location
}

// staticDir serves the files of a directory: no listings, index.html for a
// directory, application/wasm for .wasm, and a precompressed name.gz twin
// (when at least as new as the file) to clients that accept gzip.
type staticDir string

func (d staticDir) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	fsys := os.DirFS(string(d))
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	fi, err := fs.Stat(fsys, name)
	if err == nil && fi.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// Relative, so that it holds under http.StripPrefix
			// (http.Redirect would make it absolute from the stripped path).
			w.Header().Set("Location", path.Base(r.URL.Path)+"/")
			w.WriteHeader(http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		fi, err = fs.Stat(fsys, name)
	}
	if err != nil || !fi.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}

	hdr := w.Header()
	hdr.Set("Content-Type", contentType(name))
	if hdr.Get("Cache-Control") == "" {
		hdr.Set("Cache-Control", "no-cache")
	}
	hdr.Add("Vary", "Accept-Encoding")

	if acceptsGzip(r) {
		if gz, err := fs.Stat(fsys, name+".gz"); err == nil && gz.Mode().IsRegular() && !gz.ModTime().Before(fi.ModTime()) {
			if f, err := fsys.Open(name + ".gz"); err == nil {
				defer f.Close()
				hdr.Set("Content-Encoding", "gzip")
				r.Header.Del("Range") // ranges would apply to the compressed bytes
				http.ServeContent(w, r, name, gz.ModTime(), f.(io.ReadSeeker))
				return
			}
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, name, fi.ModTime(), f.(io.ReadSeeker))
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".webmanifest":
		return "application/manifest+json"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// compressible reports whether a response of this content type is worth
// gzipping on the fly.
func compressible(ctype string) bool {
	t, _, _ := strings.Cut(ctype, ";")
	t = strings.TrimSpace(strings.ToLower(t))
	switch t {
	case "application/wasm", "application/javascript", "application/json",
		"application/manifest+json", "image/svg+xml":
		return true
	}
	return strings.HasPrefix(t, "text/")
}

// gzipHandler gzips compressible 200 responses on the fly for clients that
// accept gzip, unless the handler already encoded them.
func gzipHandler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !acceptsGzip(r) || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		next.ServeHTTP(gw, r)
	})
}

var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.DefaultCompression)
	return zw
}}

type gzipWriter struct {
	http.ResponseWriter
	decided bool
	zw      *gzip.Writer
}

func (g *gzipWriter) WriteHeader(code int) {
	if g.decided {
		return
	}
	g.decided = true
	h := g.Header()
	if code == http.StatusOK && h.Get("Content-Encoding") == "" && h.Get("Content-Range") == "" && compressible(h.Get("Content-Type")) {
		h.Del("Content-Length")
		h.Del("Accept-Ranges")
		h.Set("Content-Encoding", "gzip")
		if !strings.Contains(h.Get("Vary"), "Accept-Encoding") {
			h.Add("Vary", "Accept-Encoding")
		}
		g.zw = gzipPool.Get().(*gzip.Writer)
		g.zw.Reset(g.ResponseWriter)
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

// Flush sends what is buffered so far (for streaming handlers).
func (g *gzipWriter) Flush() {
	if g.zw != nil {
		g.zw.Flush()
	}
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (g *gzipWriter) close() {
	if g.zw != nil {
		g.zw.Close()
		g.zw.Reset(io.Discard)
		gzipPool.Put(g.zw)
		g.zw = nil
	}
}

// runDistPWA writes the PWA as a static site into -dir (default dist/pwa),
// which must already hold web/app.wasm and the web assets (make pwa copies
// them: go-app's generator does not). Pages become index.html and
// verify.html: a static host must map /verify to verify.html.
func runDistPWA(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("gxwallet dist-pwa", flag.ContinueOnError)
	fl.SetOutput(stderr)
	dir := fl.String("dir", filepath.Join("dist", "pwa"), "output `directory` (holds web/app.wasm)")
	version := fl.String("version", "", "app `version` (default: a hash of the files under DIR/web)")
	if code, ok := parseNoArgs(fl, args); !ok {
		return code
	}
	h, err := pwaHandler(*dir, *version)
	if errors.Is(err, errNoPWA) {
		fmt.Fprintf(stderr, "gxwallet: dist-pwa: %v: build app.wasm first (make pwa)\n", err)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "gxwallet: dist-pwa: %v\n", err)
		return 1
	}
	if err := app.GenerateStaticWebsite(*dir, h); err != nil {
		fmt.Fprintf(stderr, "gxwallet: dist-pwa: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "gxwallet: dist-pwa: wrote %s (version %s)\n", *dir, h.Version)
	return 0
}
