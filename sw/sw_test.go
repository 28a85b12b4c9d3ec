package sw

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestTemplatePlaceholders(t *testing.T) {
	for _, p := range []string{"{{.Version}}", "{{.ResourcesToCache}}"} {
		if !strings.Contains(AppWorkerJS, p) {
			t.Errorf("template lacks %s", p)
		}
	}
	// go-app replaces these two only; any other {{…}} would ship as is.
	rest := strings.NewReplacer("{{.Version}}", "", "{{.ResourcesToCache}}", "").Replace(AppWorkerJS)
	if strings.Contains(rest, "{{") {
		t.Errorf("template has a placeholder go-app does not fill")
	}
	for _, want := range []string{`request.mode === "navigate"`, "cache.addAll", "clients.claim", "url.origin !== self.location.origin"} {
		if !strings.Contains(AppWorkerJS, want) {
			t.Errorf("worker lacks %q", want)
		}
	}
}

// TestTemplateParses checks the filled-in worker with Node's parser, when
// Node is installed (it is wherever the wasm tests run).
func TestTemplateParses(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	js := strings.NewReplacer("{{.Version}}", "v1", "{{.ResourcesToCache}}", `["/","/web/app.wasm"]`).Replace(AppWorkerJS)
	f := filepath.Join(t.TempDir(), "app-worker.js")
	if err := os.WriteFile(f, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(node, "--check", f).CombinedOutput(); err != nil {
		t.Errorf("node --check: %v\n%s", err, out)
	}
}
