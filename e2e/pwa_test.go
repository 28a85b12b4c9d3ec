package e2e

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// malformedJWT has three JWS parts but a header that is not base64url JSON:
// every verifier must call it invalid, whatever else it supports.
const malformedJWT = "eyJhbGciOiJFUzI1NiIsInR5cCI6InZjK2p3dCJ9.%%%not-base64%%%.c2ln"

// TestPWA runs the wallet PWA in headless Chromium against the real
// `gxwallet serve`: the wasm boots, a pasted credential is verified, and
// after the service worker took over and the server is stopped, /verify and
// /verify?x=1 still boot and verify.
func TestPWA(t *testing.T) {
	dist := distDir(t)
	if _, err := os.Stat(filepath.Join(dist, "pwa", "web", "app.wasm")); err != nil {
		t.Fatalf("PWA not built (make pwa): %v", err)
	}
	srv := startServe(t, dist)
	ctx := newBrowser(t)
	shots := screenshotDir(t)

	// Online: boot, verify, look.
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.url+"/verify")); err != nil {
		t.Fatalf("navigate: %v", err)
	}
	waitBoot(t, ctx)
	status, codes := verifyInPage(t, ctx, malformedJWT)
	if status != "invalid" {
		t.Errorf("online: status = %q, want invalid", status)
	}
	if len(codes) == 0 {
		t.Errorf("online: no failed check carries a code")
	}
	t.Logf("online: status %s, codes %v", status, codes)
	screenshot(t, ctx, filepath.Join(shots, "pwa-verify.png"))

	// Wait for the service worker to control the page (its install
	// precached the shell), then take the server away.
	waitServiceWorker(t, ctx)
	var banner bool
	if err := chromedp.Run(ctx, chromedp.Sleep(500*time.Millisecond), chromedp.Evaluate(`document.getElementById("update-banner") !== null`, &banner)); err != nil {
		t.Fatal(err)
	}
	if banner {
		t.Errorf("first visit offers an update")
	}
	srv.stop(t)
	if _, err := http.Get(srv.url + "/"); err == nil {
		t.Fatalf("server still answers after stop")
	}

	for _, path := range []string{"/verify", "/verify?x=1"} {
		if err := chromedp.Run(ctx, chromedp.Navigate(srv.url+path)); err != nil {
			t.Fatalf("offline %s: navigate: %v", path, err)
		}
		waitBoot(t, ctx)
		status, codes := verifyInPage(t, ctx, malformedJWT)
		if status != "invalid" || len(codes) == 0 {
			t.Errorf("offline %s: status %q, codes %v; want invalid with a code", path, status, codes)
		}
	}
	screenshot(t, ctx, filepath.Join(shots, "pwa-verify-offline.png"))

	// The wallet page too, with its honest empty state.
	var empty string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.url+"/"),
	); err != nil {
		t.Fatalf("offline /: %v", err)
	}
	waitBoot(t, ctx)
	if err := chromedp.Run(ctx, chromedp.TextContent("#wallet-empty h2", &empty, chromedp.ByQuery)); err != nil {
		t.Fatalf("offline /: %v", err)
	}
	if empty != "No credentials yet" {
		t.Errorf("wallet: empty state %q", empty)
	}
	screenshot(t, ctx, filepath.Join(shots, "pwa-wallet-offline.png"))
}

// waitBoot waits until go-app removed its loader, that is, until the wasm
// runs (the page itself is pre-rendered: its elements exist before).
func waitBoot(t *testing.T, ctx context.Context) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	var ok bool
	err := chromedp.Run(wctx, chromedp.Poll(`document.getElementById("app-wasm-loader") === null`, &ok, chromedp.WithPollingInterval(100*time.Millisecond)))
	if err != nil {
		var label string
		_ = chromedp.Run(ctx, chromedp.Evaluate(`(document.getElementById("app-wasm-loader-label")||{}).innerText||""`, &label))
		t.Fatalf("wasm did not boot: %v (loader says %q)", err, label)
	}
}

// verifyInPage pastes input, clicks Verify and returns the status badge's
// text and the codes of the checks table.
func verifyInPage(t *testing.T, ctx context.Context, input string) (status string, codes []string) {
	t.Helper()
	paste := fmt.Sprintf(`(() => {
		const el = document.getElementById("verify-input");
		el.value = %q;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		return true;
	})()`, input)
	var ok bool
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err := chromedp.Run(wctx,
		chromedp.Evaluate(paste, &ok),
		chromedp.Click("#verify-button", chromedp.ByID),
		chromedp.WaitVisible("#result-status", chromedp.ByID),
		chromedp.TextContent("#result-status", &status, chromedp.ByID),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#checks tbody td.check-code")).map(td => td.innerText).filter(s => s !== "")`, &codes),
	)
	if err != nil {
		t.Fatalf("verify in page: %v", err)
	}
	return strings.TrimSpace(status), codes
}

// waitServiceWorker waits until an activated service worker controls the
// page.
func waitServiceWorker(t *testing.T, ctx context.Context) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	var ok bool
	err := chromedp.Run(wctx, chromedp.Poll(`!!navigator.serviceWorker.controller && navigator.serviceWorker.controller.state === "activated"`, &ok, chromedp.WithPollingInterval(100*time.Millisecond)))
	if err != nil {
		t.Fatalf("service worker never controlled the page: %v", err)
	}
}

func screenshot(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	var png []byte
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(1024, 900), chromedp.FullScreenshot(&png, 100)); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", file)
}

// screenshotDir is $GXWALLET_SCREENSHOTS when set (to keep them), else the
// test's temporary directory.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("GXWALLET_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

type serveProc struct {
	cmd     *exec.Cmd
	url     string
	exited  chan struct{} // closed when the process has exited
	waitErr error         // cmd.Wait's error, once exited is closed
}

// startServe builds cmd/gxwallet and runs `gxwallet serve` on a free
// loopback port against dist.
func startServe(t *testing.T, dist string) *serveProc {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gxwallet")
	build := exec.Command("go", "build", "-o", bin, "github.com/gxwallet/gxwallet/cmd/gxwallet")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build gxwallet: %v", err)
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-dir", dist)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start gxwallet serve: %v", err)
	}
	p := &serveProc{cmd: cmd, exited: make(chan struct{})}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "gxwallet: serving on "); ok {
				lines <- u
			}
		}
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			cmd.Process.Kill()
			<-p.exited
		}
	})
	select {
	case p.url = <-lines:
	case <-p.exited:
		t.Fatalf("gxwallet serve exited: %v", p.waitErr)
	case <-time.After(30 * time.Second):
		t.Fatalf("gxwallet serve did not say where it listens")
	}
	return p
}

// stop sends SIGINT and expects a clean exit.
func (p *serveProc) stop(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatalf("stop server: %v", err)
	}
	select {
	case <-p.exited:
		if p.waitErr != nil {
			t.Errorf("gxwallet serve after SIGINT: %v", p.waitErr)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("gxwallet serve did not stop on SIGINT")
	}
}
