package e2e

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestWalletKilledMidImport: Chromium is killed (SIGKILL, no unload, no
// flush) while the wallet writes an import, and the next start finds the
// wallet exactly as it was before the import.
//
// To land the kill inside the write, the test wraps IDBObjectStore.put in
// the page: the first put of the import's batch (its credential record;
// the history entry and head follow in the same IndexedDB transaction)
// tells the test through a CDP binding and then keeps the page busy, so
// the transaction can neither finish issuing its requests nor commit
// before the process dies. The same profile directory is then reopened:
// one credential (the earlier one), an intact history of one import, and
// the interrupted credential imports cleanly (no half-written record
// makes it a duplicate).
func TestWalletKilledMidImport(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist)
	profile := filepath.Join(t.TempDir(), "profile")
	iss := newWalletIssuer(t)
	first, second := iss.vcJWT(t), iss.vcJWT(t) // ECDSA signatures are randomized: two different tokens

	ctx, kill := profileBrowser(t, profile)
	run(t, ctx, "open", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	createWallet(t, ctx, walletPassphrase)
	importPasted(t, ctx, first)
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "one card", `document.querySelectorAll("#cards .cred-card").length === 1`)
	before := walletCreds(t, ctx)

	// Arm the trap, then import the second credential.
	called := make(chan string, 1)
	chromedp.ListenTarget(ctx, func(ev any) {
		if b, ok := ev.(*runtime.EventBindingCalled); ok && b.Name == "gxwalletWriting" {
			select {
			case called <- b.Payload:
			default:
			}
		}
	})
	run(t, ctx, "binding", runtime.AddBinding("gxwalletWriting"))
	var armed bool
	run(t, ctx, "arm", chromedp.Evaluate(trapPutJS, &armed))
	run(t, ctx, "import page", chromedp.Click("#wallet-import", chromedp.ByID))
	waitFor(t, ctx, "import form", `!!document.getElementById("import-input")`)
	setValue(t, ctx, "#import-input", second)
	var clicked bool
	run(t, ctx, "import", chromedp.Evaluate(`document.getElementById("import-button").click(), true`, &clicked))
	select {
	case key := <-called:
		if !strings.HasPrefix(key, "r/credential/") {
			t.Fatalf("the first write of the import was %q, want the credential record", key)
		}
		kill()
		t.Logf("killed Chromium while writing %s", key)
	case <-time.After(30 * time.Second):
		t.Fatalf("the import never wrote")
	}

	// The same profile, a new process.
	ctx, _ = profileBrowser(t, profile)
	run(t, ctx, "reopen", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "cards", `!!document.getElementById("cards")`)
	after := walletCreds(t, ctx)
	if len(after) != len(before) {
		t.Fatalf("%d credentials after the kill, %d before", len(after), len(before))
	}
	for id, raw := range before {
		if after[id] != raw {
			t.Errorf("credential %s changed", id)
		}
	}
	run(t, ctx, "history", chromedp.Click("#nav-history", chromedp.ByID))
	waitFor(t, ctx, "history", `!!document.getElementById("history-intact")`)
	if n := evalString(t, ctx, `String(document.querySelectorAll("#history-table .history-entry").length)`); n != "1" {
		t.Errorf("%s history entries after the kill, want the first import only", n)
	}
	importPasted(t, ctx, second)
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "two cards", `document.querySelectorAll("#cards .cred-card").length === 2`)
}

// trapPutJS wraps IDBObjectStore.put: the first put into the wallet's
// "kv" store of a record calls the gxwalletWriting binding with its key
// and then spins, so that its transaction stays open (IndexedDB commits
// only once the task that issued the requests has returned).
const trapPutJS = `(() => {
  const put = IDBObjectStore.prototype.put;
  let sprung = false;
  IDBObjectStore.prototype.put = function (value, key) {
    const r = put.call(this, value, key);
    if (!sprung && this.name === "kv" && String(key).startsWith("r/")) {
      sprung = true;
      window.gxwalletWriting(String(key));
      const end = performance.now() + 30000;
      while (performance.now() < end) {}
    }
    return r;
  };
  return true;
})()`

// profileBrowser starts headless Chromium on the profile directory dir
// (as newBrowser does, but the directory outlives the process) and
// returns its tab and a function that kills the process with SIGKILL.
func profileBrowser(t *testing.T, dir string) (context.Context, func()) {
	t.Helper()
	opts := chromiumOptions(t, dir)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 2*time.Minute)
	killed := false
	t.Cleanup(func() {
		if !killed {
			_ = chromedp.Cancel(ctx)
		}
		cancelC()
		cancelB()
		cancelA()
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	proc := chromedp.FromContext(ctx).Browser.Process()
	return ctx, func() {
		killed = true
		if proc != nil {
			_ = proc.Kill()
			_, _ = proc.Wait()
		}
		cancelC()
		cancelB()
		cancelA()
	}
}
