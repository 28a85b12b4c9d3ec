package core_test

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// pkg is the part of `go list -json` this test reads.
type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Standard   bool
}

// listCore runs `go list -json -deps ./...` in core for GOOS=js GOARCH=wasm.
func listCore(t *testing.T) []pkg {
	t.Helper()
	if runtime.GOOS == "js" {
		t.Skip("go list cannot run under js/wasm; the native run covers the js build")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not on PATH: %v", err)
	}
	cmd := exec.Command(goBin, "list", "-json", "./...")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(out)
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 5 {
		t.Fatalf("go list found only %d core packages", len(pkgs))
	}
	return pkgs
}

// TestDirectImports keeps core pure: no package imports a browser, worker
// or UI binding, a network client or the operating system.
func TestDirectImports(t *testing.T) {
	banned := map[string]string{
		"syscall/js":                 "browser binding: belongs in wasm/",
		"github.com/hack-pad/safejs": "browser binding: belongs in wasm/",
		"github.com/maxence-charriere/go-app/v10/pkg/app": "UI: belongs in app/",
		"github.com/syumai/workers":                       "worker binding: belongs in wasm/edge",
		"net/http":                                        "network client: effects enter through fetch.Fetcher",
		"os":                                              "operating system: effects enter through interfaces",
		"os/exec":                                         "never in core",
	}
	for _, p := range listCore(t) {
		for _, imp := range p.Imports {
			for b, why := range banned {
				if imp == b || strings.HasPrefix(imp, b+"/") {
					t.Errorf("%s imports %s (%s)", p.ImportPath, imp, why)
				}
			}
		}
	}
}

// TestTransitiveDeps bans packages that must never be linked into core,
// whatever imports them.
func TestTransitiveDeps(t *testing.T) {
	banned := map[string]string{
		"os/exec":        "core never runs programs",
		"testing":        "test code must not leak into the build",
		"net/http/pprof": "profiling endpoints have no place in a verifier",
	}
	// knownBloat lists heavy packages that core links only through a
	// dependency, with the dependency that brings them. A core package
	// that links one without that dependency has grown: review it.
	knownBloat := map[string][]string{
		"net/http": {
			"github.com/lestrrat-go/jwx/v2/jwk", // jwk's fetch and cache helpers, never called
			"github.com/piprate/json-gold/ld",   // json-gold's default document loader, never called (~1 MiB gzip in wasm)
		},
	}
	for _, p := range listCore(t) {
		if strings.HasSuffix(p.ImportPath, ".test") {
			continue
		}
		for _, d := range p.Deps {
			if why, ok := banned[d]; ok {
				t.Errorf("%s depends on %s: %s", p.ImportPath, d, why)
			}
			if vias, ok := knownBloat[d]; ok && !slices.ContainsFunc(vias, func(via string) bool { return slices.Contains(p.Deps, via) }) {
				t.Errorf("%s links %s without any of %v: a new heavy dependency", p.ImportPath, d, vias)
			}
		}
	}
}

// TestNoJSONLDDeps: built with -tags nojsonld (the lite worker and library),
// the verifier links no JSON-LD: not core/ld, not core/di, not json-gold,
// whose default document loader alone brings net/http's client and
// crypto/tls (core/verify/doc.go, "Builds without JSON-LD").
func TestNoJSONLDDeps(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("go list cannot run under js/wasm; the native run covers the js build")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("go command not on PATH: %v", err)
	}
	cmd := exec.Command(goBin, "list", "-tags", "nojsonld", "-deps", "./verify")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/gxwallet/gxwallet/core/verify") || !slices.Contains(deps, "github.com/gxwallet/gxwallet/core/sdjwt") {
		t.Fatalf("go list -deps ./verify: %d packages, not the verifier's", len(deps))
	}
	for _, d := range deps {
		switch {
		case d == "github.com/gxwallet/gxwallet/core/ld", d == "github.com/gxwallet/gxwallet/core/di",
			strings.HasPrefix(d, "github.com/piprate/json-gold"):
			t.Errorf("with -tags nojsonld, core/verify still depends on %s", d)
		}
	}
}
