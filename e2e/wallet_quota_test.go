package e2e

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// quotaMessage is the wallet's err.quota text in English (app/messages.go).
const quotaMessage = "This device's storage is full. Nothing was saved: free some space and try again."

// TestWalletQuotaFull: with the origin's storage quota shrunk below what
// it already uses (CDP Storage.overrideQuotaForOrigin), importing a
// credential makes IndexedDB refuse the write with a QuotaExceededError.
// The wallet says the storage is full in words (err.quota), not as an
// internal error, and loses nothing: after a reload and an unlock, still
// on the full disk, the credential stored before is there, unchanged, the
// refused one is not, no record was half-written (the raw database is
// byte for byte what it was), and the history holds the first import
// only and verifies. Once space is back, the refused credential imports.
func TestWalletQuotaFull(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist)
	ctx := newBrowser(t)
	shots := screenshotDir(t)
	iss := newWalletIssuer(t)
	first, second := iss.vcJWT(t), iss.vcJWT(t) // randomized signatures: two different tokens

	run(t, ctx, "open", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	createWallet(t, ctx, walletPassphrase)
	importPasted(t, ctx, first)
	before := walletCreds(t, ctx)
	if len(before) != 1 {
		t.Fatalf("%d credentials after the first import", len(before))
	}
	snap := rawScan(t, ctx, "gxwallet", "x").Snapshot

	// The disk is full: a quota of one byte for an origin that already
	// keeps the app shell and the wallet.
	var usage storage.GetUsageAndQuotaReturns
	setQuota := func(size float64) {
		t.Helper()
		q := storage.OverrideQuotaForOrigin(srv.url)
		if size > 0 {
			q = q.WithQuotaSize(size)
		}
		run(t, ctx, "override quota", q)
		run(t, ctx, "usage", chromedp.ActionFunc(func(c context.Context) error {
			u, qu, o, _, err := storage.GetUsageAndQuota(srv.url).Do(c)
			usage = storage.GetUsageAndQuotaReturns{Usage: u, Quota: qu, OverrideActive: o}
			return err
		}))
	}
	setQuota(1)
	t.Logf("storage: %.0f bytes used, quota %.0f (override %v)", usage.Usage, usage.Quota, usage.OverrideActive)
	if !usage.OverrideActive || usage.Quota != 1 {
		t.Fatalf("the quota override did not take: %+v", usage)
	}
	// Chromium's IndexedDB caches the space it has left for a while:
	// wait until a write (to another database of the origin) is refused.
	var probe string
	start := time.Now()
	evalAsync(t, ctx, quotaProbeJS, &probe)
	t.Logf("IndexedDB refuses writes after %v: %s", time.Since(start).Round(time.Millisecond), probe)
	if !strings.HasPrefix(probe, "QuotaExceededError") {
		t.Fatalf("IndexedDB never enforced the quota: %s", probe)
	}

	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "wallet", `!!document.getElementById("wallet-import")`)
	run(t, ctx, "import page", chromedp.Click("#wallet-import", chromedp.ByID))
	waitFor(t, ctx, "import form", `!!document.getElementById("import-input")`)
	setValue(t, ctx, "#import-input", second)
	run(t, ctx, "import", chromedp.Click("#import-button", chromedp.ByID))
	waitFor(t, ctx, "an import outcome", `!!document.getElementById("import-error") || !!document.getElementById("import-done")`)
	screenshot(t, ctx, filepath.Join(shots, "wallet-quota.png"))
	if msg := evalString(t, ctx, `(document.getElementById("import-error")||{}).textContent||""`); msg != quotaMessage {
		done := evalString(t, ctx, `(document.getElementById("import-done")||{}).textContent||""`)
		t.Fatalf("import on a full disk: error %q (done %q), want %q", msg, done, quotaMessage)
	}
	if s := rawScan(t, ctx, "gxwallet", "x").Snapshot; s != snap {
		t.Errorf("the refused import changed the database")
	}

	// Reload and unlock on the still full disk: nothing lost, nothing
	// half-written.
	run(t, ctx, "reload", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "cards", `!!document.getElementById("cards")`)
	after := walletCreds(t, ctx)
	if len(after) != 1 {
		t.Fatalf("%d credentials after the refused import, want 1", len(after))
	}
	for id, raw := range before {
		if after[id] != raw {
			t.Errorf("credential %s changed or is gone", id)
		}
	}
	for _, raw := range after {
		if strings.Contains(raw, second) {
			t.Errorf("the refused credential is in the wallet")
		}
	}
	if s := rawScan(t, ctx, "gxwallet", "x").Snapshot; s != snap {
		t.Errorf("the database changed between the refused import and the unlock after reload")
	}
	run(t, ctx, "history", chromedp.Click("#nav-history", chromedp.ByID))
	waitFor(t, ctx, "history", `!!document.getElementById("history-intact")`)
	if n := evalString(t, ctx, `String(document.querySelectorAll("#history-table .history-entry").length)`); n != "1" {
		t.Errorf("%s history entries, want the first import only", n)
	}

	// Space again: the same credential imports.
	setQuota(0)
	if usage.OverrideActive {
		t.Fatalf("the quota override was not lifted: %+v", usage)
	}
	importPasted(t, ctx, second)
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "two cards", `document.querySelectorAll("#cards .cred-card").length === 2`)
}

// quotaProbeJS writes a small record into a database of its own, once a
// second, until IndexedDB refuses it (90 s at most), and returns the
// refusal's name and message. The probe database is deleted after.
const quotaProbeJS = `(async () => {
  const db = await new Promise((res, rej) => {
    const r = indexedDB.open("gxwallet-quota-probe");
    r.onupgradeneeded = () => r.result.createObjectStore("p");
    r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error);
  });
  let out = "never refused";
  for (let i = 0; i < 90; i++) {
    const err = await new Promise(res => {
      const tx = db.transaction("p", "readwrite");
      tx.objectStore("p").put(new Uint8Array(1024), i);
      tx.oncomplete = () => res(null);
      tx.onabort = () => res(tx.error);
    });
    if (err) { out = err.name + ": " + err.message; break; }
    await new Promise(r => setTimeout(r, 1000));
  }
  db.close();
  indexedDB.deleteDatabase("gxwallet-quota-probe");
  return out;
})()`
