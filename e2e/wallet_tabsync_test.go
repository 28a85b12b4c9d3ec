package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWalletTabSync: two open tabs keep in step without a reload — a
// credential imported in one appears in the other's list, the same
// credential pasted in the other is refused as a duplicate, and Lock in
// one locks both.
func TestWalletTabSync(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist)
	a, b := twoTabs(t, srv)
	iss := newWalletIssuer(t)

	cred := iss.vcJWT(t)
	importPasted(t, a, cred)
	waitFor(t, b, "B shows A's import", `document.querySelectorAll("#cards .cred-card").length === 1`)

	// B pastes the same credential: refused, not stored twice.
	openImport(t, b)
	setValue(t, b, "#import-input", cred)
	run(t, b, "B imports the same", chromedp.Click("#import-button", chromedp.ByID))
	waitFor(t, b, "duplicate refused", `(document.getElementById("import-error")||{}).textContent?.includes("already in your wallet")`)

	// Lock in A locks B.
	run(t, a, "A wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, a, "A cards", `!!document.getElementById("cards")`)
	run(t, a, "lock A", chromedp.Click("#lock-button", chromedp.ByID))
	waitFor(t, a, "A locked", `!!document.getElementById("unlock-pass")`)
	waitFor(t, b, "B locked too", `!!document.getElementById("unlock-pass") && !document.getElementById("import-input")`)
}
