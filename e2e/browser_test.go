package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// distDir returns the directory `make dist` filled, or skips the test when
// the tests run outside `make test-e2e`.
func distDir(t *testing.T) string {
	t.Helper()
	d := os.Getenv("GXWALLET_DIST")
	if d == "" {
		t.Skip("GXWALLET_DIST not set: run `make test-e2e`")
	}
	return d
}

// newBrowser starts a fresh headless Chromium (Debian's package) with its
// own profile directory and returns a tab context that ends with the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return newBrowserWith(t, 2*time.Minute)
}

// newBrowserWith is newBrowser with another time bound and more flags
// (a fake camera, say).
func newBrowserWith(t *testing.T, bound time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(chromiumOptions(t, filepath.Join(t.TempDir(), "profile")), extra...)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, bound)
	// Close the browser gracefully before t.TempDir removes its profile;
	// a killed Chromium may still be writing there.
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx)
		cancelC()
		cancelB()
		cancelA()
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// chromiumOptions are the flags every e2e browser runs with: Debian's
// chromium, headless, no network of its own, the given profile directory.
func chromiumOptions(t *testing.T, profile string) []chromedp.ExecAllocatorOption {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatalf("chromium not installed (make deps): %v", err)
	}
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
}
