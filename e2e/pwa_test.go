package e2e

import (
	"bufio"
	"context"
	"encoding/json"
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

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/verify"
)

// malformedJWT has three JWS parts but a header that is not base64url JSON:
// every verifier must call it invalid, whatever else it supports.
const malformedJWT = "eyJhbGciOiJFUzI1NiIsInR5cCI6InZjK2p3dCJ9.%%%not-base64%%%.c2ln"

// pwaCredential is an ES256 vc+jwt by a did:jwk issuer (the PWA resolves
// did:jwk and did:key by itself and fetches nothing), valid from 2020 with
// no end, and a copy with one claim changed under the same signature.
// TestPWACredentialNative checks, without a browser, that core gives the
// verdicts TestPWA expects from the page for the same inputs and options.
func TestPWACredentialNative(t *testing.T) {
	c := newTestCredential(t, "jwk")
	for _, tc := range []struct {
		name, input string
		trusted     []string
		want        verify.Status
	}{
		{"untrusted", c.valid, nil, verify.StatusUntrusted},
		{"active", c.valid, []string{c.issuer}, verify.StatusActive},
		{"tampered", c.tampered, []string{c.issuer}, verify.StatusInvalid},
		{"malformed", malformedJWT, nil, verify.StatusInvalid},
	} {
		r, err := verify.Verify(context.Background(), []byte(tc.input), verify.Options{Policy: verify.Policy{TrustedIssuers: tc.trusted}})
		if r.Status != tc.want {
			t.Errorf("%s: status %q (err %v, checks %+v), want %q", tc.name, r.Status, err, r.Checks, tc.want)
		}
	}
}

// TestPWA runs the wallet PWA in headless Chromium against the real
// `gxwallet serve`: the wasm boots, a pasted credential is verified, and
// after the service worker took over and the server is stopped, /verify and
// /verify?x=1 still boot and verify.
func TestPWA(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist)
	ctx := newBrowser(t)
	shots := screenshotDir(t)

	// Online: boot, verify, look.
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.url+"/verify")); err != nil {
		t.Fatalf("navigate: %v", err)
	}
	waitBoot(t, ctx)
	if r := verifyInPage(t, ctx, malformedJWT, "invalid", "*"); r.Status != "invalid" || len(r.Codes) == 0 {
		t.Errorf("online: malformed: %+v, want invalid with a code", r)
	} else {
		t.Logf("online: malformed: %s, codes %v", r.Status, r.Codes)
	}

	cred := newTestCredential(t, "jwk")
	if r := verifyInPage(t, ctx, cred.valid, "untrusted", "untrusted"); r.Status != "untrusted" {
		t.Errorf("online: valid credential, no trusted issuer: %+v, want untrusted", r)
	}
	setTrusted(t, ctx, cred.issuer)
	if r := verifyInPage(t, ctx, cred.tampered, "invalid", "bad_signature"); r.Status != "invalid" || !contains(r.Codes, "bad_signature") {
		t.Errorf("online: tampered credential: %+v, want invalid with code bad_signature", r)
	}
	screenshot(t, ctx, filepath.Join(shots, "pwa-verify-tampered.png"))
	if r := verifyInPage(t, ctx, cred.valid, "active", ""); r.Status != "active" || len(r.Codes) != 0 {
		t.Errorf("online: valid credential, trusted issuer: %+v, want active and no codes", r)
	}
	var subject string
	if err := chromedp.Run(ctx, chromedp.TextContent("#result-subject", &subject, chromedp.ByID)); err != nil || subject != "did:example:alice" {
		t.Errorf("online: subject %q (%v)", subject, err)
	}
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
		if r := verifyInPage(t, ctx, malformedJWT, "invalid", "*"); r.Status != "invalid" || len(r.Codes) == 0 {
			t.Errorf("offline %s: malformed: %+v, want invalid with a code", path, r)
		}
		setTrusted(t, ctx, cred.issuer)
		if r := verifyInPage(t, ctx, cred.valid, "active", ""); r.Status != "active" || len(r.Codes) != 0 {
			t.Errorf("offline %s: valid credential: %+v, want active", path, r)
		}
	}
	screenshot(t, ctx, filepath.Join(shots, "pwa-verify-offline.png"))

	// Offline, a did:web issuer resolves only from an offline bundle the
	// user picks (its DID document travels in the bundle).
	webCred := newTestCredential(t, "web")
	setTrusted(t, ctx, webCred.issuer)
	if r := verifyInPage(t, ctx, webCred.valid, "invalid", "resource_missing"); !contains(r.Codes, "resource_missing") {
		t.Errorf("offline, did:web without a bundle: %+v, want resource_missing", r)
	}
	bundlePath := filepath.Join(t.TempDir(), "bundle.json")
	writeBundle(t, bundlePath, webCred)
	if err := chromedp.Run(ctx, chromedp.SetUploadFiles("#verify-bundle", []string{bundlePath}, chromedp.ByID),
		chromedp.WaitVisible("#verify-bundle-name", chromedp.ByID)); err != nil {
		t.Fatalf("choose bundle: %v", err)
	}
	if r := verifyInPage(t, ctx, webCred.valid, "active", ""); r.Status != "active" {
		t.Errorf("offline, did:web with a bundle: %+v, want active", r)
	}
	screenshot(t, ctx, filepath.Join(shots, "pwa-verify-bundle.png"))

	// The wallet page too: with no wallet on this profile yet, the
	// first-run screen (which needs IndexedDB only, no network).
	var title string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.url+"/"),
	); err != nil {
		t.Fatalf("offline /: %v", err)
	}
	waitBoot(t, ctx)
	if err := chromedp.Run(ctx, chromedp.WaitVisible("#create-pass", chromedp.ByID), chromedp.TextContent("#gate h1", &title, chromedp.ByQuery)); err != nil {
		t.Fatalf("offline /: %v", err)
	}
	if title != "Create your wallet" {
		t.Errorf("wallet: first-run title %q", title)
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

// resultSnapshot is what the page shows of the last result.
type resultSnapshot struct {
	Seq    string   `json:"seq"`
	Status string   `json:"status"`
	Codes  []string `json:"codes"`
}

const snapshotJS = `(() => {
	const r = document.getElementById("result"), s = document.getElementById("result-status");
	return {
		seq: r ? (r.dataset.seq || "") : "",
		status: s ? s.textContent.trim() : "",
		codes: Array.from(document.querySelectorAll("#checks tbody td.check-code")).map(td => td.textContent).filter(c => c !== ""),
	};
})()`

// verifyInPage pastes input, clicks Verify and waits for a new result
// (a new data-seq) showing want and codes matching wantCode (see
// codesMatch). go-app patches the DOM over several frames, so the page is
// polled until it shows the expectation or 20 s pass; either way the last
// snapshot is returned.
func verifyInPage(t *testing.T, ctx context.Context, input, want, wantCode string) resultSnapshot {
	t.Helper()
	paste := fmt.Sprintf(`(() => {
		const el = document.getElementById("verify-input");
		el.value = %q;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		return true;
	})()`, input)
	var ok bool
	var before, snap resultSnapshot
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(paste, &ok),
		chromedp.Evaluate(snapshotJS, &before),
		chromedp.Click("#verify-button", chromedp.ByID),
	); err != nil {
		t.Fatalf("verify in page: %v", err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if err := chromedp.Run(ctx, chromedp.Evaluate(snapshotJS, &snap)); err != nil {
			t.Fatalf("verify in page: %v", err)
		}
		if snap.Seq != "" && snap.Seq != before.Seq && snap.Status == want && codesMatch(snap.Codes, wantCode) {
			return snap
		}
		if time.Now().After(deadline) {
			return snap
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// codesMatch: "" wants no code at all, "*" at least one, anything else
// that code among others.
func codesMatch(codes []string, want string) bool {
	switch want {
	case "":
		return len(codes) == 0
	case "*":
		return len(codes) > 0
	}
	return contains(codes, want)
}

// setTrusted fills the trusted-issuers field.
func setTrusted(t *testing.T, ctx context.Context, issuers string) {
	t.Helper()
	var ok bool
	js := fmt.Sprintf(`(() => {
		const el = document.getElementById("verify-trusted");
		el.value = %q;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		return true;
	})()`, issuers)
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, &ok)); err != nil {
		t.Fatalf("set trusted issuers: %v", err)
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
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
// loopback port against dist, with extra flags (e.g. -data DIR) if given.
func startServe(t *testing.T, dist string, extra ...string) *serveProc {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dist, "pwa", "web", "app.wasm")); err != nil {
		t.Fatalf("PWA not built (make pwa): %v", err)
	}
	bin := filepath.Join(t.TempDir(), "gxwallet")
	build := exec.Command("go", "build", "-o", bin, "github.com/gxwallet/gxwallet/cmd/gxwallet")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build gxwallet: %v", err)
	}
	cmd := exec.Command(bin, append([]string{"serve", "-addr", "127.0.0.1:0", "-dir", dist}, extra...)...)
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

// writeBundle writes an offline bundle holding c's issuer DID document.
func writeBundle(t *testing.T, path string, c testCredential) {
	t.Helper()
	doc, err := json.Marshal(c.didDoc)
	if err != nil {
		t.Fatal(err)
	}
	b := bundle.New(time.Now())
	b.DIDDocuments = []json.RawMessage{doc}
	raw, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}
