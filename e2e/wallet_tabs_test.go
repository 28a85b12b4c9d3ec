package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestWalletTwoTabs: two tabs of one browser profile, both unlocked on
// the same wallet, import different credentials at the same time (each
// tab three in a row, both tabs at once); then one tab locks and the
// other imports. Every import either tab reports is in the wallet exactly
// once after a reload, and the history chain (one entry per import, both
// tabs interleaved) verifies. Then one
// tab wipes the wallet and makes a new one while the other, still
// unlocked on the old wallet, imports: that import must not land in the
// new wallet (it would be a record sealed under the old wallet's key,
// which the new wallet reads as tampered); the other tab says so in
// words, and the new wallet opens clean in both tabs.
func TestWalletTwoTabs(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist)
	a, b := twoTabs(t, srv)
	iss := newWalletIssuer(t)

	// Both tabs import three credentials each, at the same time.
	creds := map[*context.Context][]string{}
	for _, ctx := range []*context.Context{&a, &b} {
		for range 3 {
			creds[ctx] = append(creds[ctx], iss.vcJWT(t)) // randomized signatures: all different
		}
		openImport(t, *ctx)
	}
	var wg sync.WaitGroup
	outcomes := map[*context.Context][]importOutcome{}
	errs := map[*context.Context]error{}
	var mu sync.Mutex
	for _, ctx := range []*context.Context{&a, &b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := importInPage(*ctx, creds[ctx])
			mu.Lock()
			outcomes[ctx], errs[ctx] = out, err
			mu.Unlock()
		}()
	}
	wg.Wait()
	imported := map[string]bool{}
	for ctx, name := range map[*context.Context]string{&a: "A", &b: "B"} {
		if errs[ctx] != nil {
			t.Fatalf("tab %s importing: %v", name, errs[ctx])
		}
		for i, o := range outcomes[ctx] {
			t.Logf("tab %s import %d: %+v", name, i, o)
			switch {
			case o.Done != "":
				imported[creds[ctx][i]] = true
			case o.Error == "" || strings.HasPrefix(o.Error, "Something went wrong"):
				t.Errorf("tab %s import %d: no clear outcome: %+v", name, i, o)
			}
		}
	}
	if len(imported) != 6 {
		t.Errorf("%d of 6 concurrent imports reported done", len(imported))
	}
	overlap := 0
	for _, x := range outcomes[&a] {
		for _, y := range outcomes[&b] {
			if x.Start < y.End && y.Start < x.End {
				overlap++
			}
		}
	}
	t.Logf("%d pairs of imports in the two tabs overlapped in time", overlap)
	if overlap == 0 {
		t.Errorf("no import of one tab overlapped one of the other: nothing concurrent was tested")
	}

	// Tab A locks: tab B locks with it (the tabs' BroadcastChannel); B
	// unlocks again and imports while A stays locked.
	run(t, a, "lock A", chromedp.Click("#lock-button", chromedp.ByID))
	waitFor(t, a, "A locked", `!!document.getElementById("unlock-pass")`)
	waitFor(t, b, "B locked with A", `!!document.getElementById("unlock-pass")`)
	unlock(t, b, walletPassphrase)
	waitFor(t, b, "B unlocked", `!document.getElementById("unlock-pass") && !!document.getElementById("nav-wallet")`)
	openImport(t, b)
	whileLocked := iss.vcJWT(t)
	out, err := importInPage(b, []string{whileLocked})
	if err != nil || out[0].Done == "" {
		t.Fatalf("tab B importing while tab A is locked: %+v, %v", out, err)
	}
	imported[whileLocked] = true

	// A reload: each reported import once, the history whole.
	run(t, a, "reload A", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, a)
	unlock(t, a, walletPassphrase)
	waitFor(t, a, "cards", `!!document.getElementById("cards")`)
	stored := walletCreds(t, a)
	count := map[string]int{}
	for _, raw := range stored {
		count[raw]++
	}
	for raw := range imported {
		if count[raw] != 1 {
			t.Errorf("a credential reported imported is stored %d times", count[raw])
		}
	}
	if len(stored) != len(imported) {
		t.Errorf("%d credentials stored, %d reported imported", len(stored), len(imported))
	}
	run(t, a, "history", chromedp.Click("#nav-history", chromedp.ByID))
	waitFor(t, a, "history", `!!document.getElementById("history-intact") || !!document.getElementById("history-tampered")`)
	if evalString(t, a, `document.getElementById("history-tampered") ? "tampered" : "intact"`) != "intact" {
		t.Fatalf("the history chain broke under two tabs")
	}
	if n := evalString(t, a, `String(document.querySelectorAll("#history-table .history-entry").length)`); n != fmt.Sprint(len(imported)) {
		t.Errorf("%s history entries, want %d (one per import)", n, len(imported))
	}

	// Tab A wipes the wallet and makes a new one; tab B, unlocked on the
	// old one, is told and leaves it (core/store would refuse its writes
	// anyway: stale_test.go).
	openImport(t, b)
	run(t, a, "settings", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, a, "wipe", `!!document.getElementById("settings-wipe")`)
	run(t, a, "wipe", chromedp.Click("#settings-wipe", chromedp.ByID))
	waitFor(t, a, "wipe confirmation", `!!document.getElementById("settings-wipe-confirm")`)
	run(t, a, "wipe confirm", chromedp.Click("#settings-wipe-confirm", chromedp.ByID))
	waitFor(t, a, "first run after the wipe", `!!document.getElementById("create-pass")`)
	run(t, a, "home", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, a)
	createWallet(t, a, walletPassphrase)
	waitFor(t, b, "B left the wiped wallet", `!document.getElementById("import-input") && (!!document.getElementById("create-pass") || !!document.getElementById("unlock-pass"))`)

	// The new wallet, in both tabs after a reload: empty and intact.
	for ctx, name := range map[*context.Context]string{&a: "A", &b: "B"} {
		run(t, *ctx, "reload "+name, chromedp.Navigate(srv.url+"/"))
		waitBoot(t, *ctx)
		unlock(t, *ctx, walletPassphrase)
		waitFor(t, *ctx, "tab "+name+": the new wallet", `!!document.getElementById("wallet-empty") || !!document.getElementById("cards") || !!document.getElementById("gate-error") || !!document.getElementById("op-error")`)
		if msg := evalString(t, *ctx, `((document.getElementById("gate-error")||document.getElementById("op-error")||{}).textContent||"")`); msg != "" {
			t.Errorf("tab %s, new wallet: %s", name, msg)
		}
		if n := evalString(t, *ctx, `String(document.querySelectorAll("#cards .cred-card").length)`); n != "0" {
			t.Errorf("tab %s: the new wallet shows %s credentials", name, n)
		}
		run(t, *ctx, "history", chromedp.Click("#nav-history", chromedp.ByID))
		waitFor(t, *ctx, "history", `!!document.getElementById("history-intact") || !!document.getElementById("history-tampered") || !!document.getElementById("history-empty") || !!document.getElementById("history-error")`)
		if s := evalString(t, *ctx, `["history-tampered", "history-error"].map(id => (document.getElementById(id)||{}).textContent||"").join("")`); s != "" {
			t.Errorf("tab %s, new wallet's history: %s", name, s)
		}
	}
}

// openImport goes to the import page.
func openImport(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "wallet", `!!document.getElementById("wallet-import")`)
	run(t, ctx, "import page", chromedp.Click("#wallet-import", chromedp.ByID))
	waitFor(t, ctx, "import form", `!!document.getElementById("import-input")`)
}

// importOutcome is what the import page said after one import.
type importOutcome struct {
	Done       string     `json:"done"`  // the notice, with the new credential's link
	Error      string     `json:"error"` // the error message
	Start, End float64    `json:"-"`
	T          [2]float64 `json:"t"` // click and outcome, ms since the epoch
}

// importInPage imports each credential in turn on the import page (no
// Go in between, so two tabs run truly at once) and returns what the page
// said after each. It does not use t: it runs in goroutines.
func importInPage(ctx context.Context, creds []string) ([]importOutcome, error) {
	list, err := json.Marshal(creds)
	if err != nil {
		return nil, err
	}
	var raw []byte
	err = chromedp.Run(ctx, chromedp.Evaluate(`(async (creds) => {
  const $ = id => document.getElementById(id);
  const out = [];
  for (const c of creds) {
    const prev = ($("import-open") || {}).href || "";
    const el = $("import-input");
    el.value = c;
    el.dispatchEvent(new Event("input", {bubbles: true}));
    await new Promise(r => setTimeout(r, 0));
    const t0 = Date.now();
    $("import-button").click();
    const end = performance.now() + 30000;
    let o = null;
    while (!o && performance.now() < end) {
      await new Promise(r => setTimeout(r, 25));
      const busy = $("import-button") && $("import-button").hasAttribute("aria-busy");
      if (busy) continue;
      if ($("import-error")) o = {error: $("import-error").textContent};
      else if ($("import-open") && $("import-open").href !== prev) o = {done: $("import-done").textContent + " " + $("import-open").href};
    }
    o = o || {error: ""};
    o.t = [t0, Date.now()];
    out.push(o);
    if (!o) break;
  }
  return out;
})(`+string(list)+`)`, &raw, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	if err != nil {
		return nil, err
	}
	var out []importOutcome
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Start, out[i].End = out[i].T[0], out[i].T[1]
	}
	return out, nil
}

// twoTabs opens two tabs of one browser and profile on srv's wallet: a new
// wallet created in A and unlocked in B, both on its empty list.
func twoTabs(t *testing.T, srv *serveProc) (a, b context.Context) {
	t.Helper()
	a = newBrowser(t)
	b, cancelB := chromedp.NewContext(a) // a second tab, same browser and profile
	t.Cleanup(cancelB)
	if err := chromedp.Run(b); err != nil {
		t.Fatalf("second tab: %v", err)
	}
	run(t, a, "open A", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, a)
	createWallet(t, a, walletPassphrase)
	run(t, b, "open B", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, b)
	unlock(t, b, walletPassphrase)
	waitFor(t, b, "B unlocked", `!!document.getElementById("wallet-empty")`)
	return a, b
}
