package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gxwallet/gxwallet/core/jose"
)

// TestWalletA11y runs axe-core (npm, pinned in package.json) on every
// wallet screen — first run (create and restore), unlock, the empty and
// the full list, detail, import, present (chooser, request, consent,
// output), history, settings and verify — and fails on any violation of
// impact serious or critical. It saves a screenshot of each screen
// (a11y-<screen>.png under $GXWALLET_SCREENSHOTS or a temporary
// directory) and logs the moderate and minor findings.
func TestWalletA11y(t *testing.T) {
	dist := distDir(t)
	axeJS, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core not installed (npm ci in e2e/, make deps): %v", err)
	}
	srv := startServe(t, dist)
	ctx := newBrowser(t)
	shots := screenshotDir(t)
	check := func(screen string) {
		t.Helper()
		axeCheck(t, ctx, string(axeJS), screen)
		screenshot(t, ctx, filepath.Join(shots, "a11y-"+screen+".png"))
	}

	run(t, ctx, "open", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	waitFor(t, ctx, "first-run screen", `!!document.getElementById("create-pass") && !!document.getElementById("restore-file")`)
	check("first-run")
	run(t, ctx, "restore without a file", chromedp.Click("#restore-button", chromedp.ByID))
	waitFor(t, ctx, "restore hint", `(document.getElementById("restore-error")||{}).textContent?.includes("backup file first")`)
	check("first-run-restore-hint")
	createWallet(t, ctx, walletPassphrase)
	check("list-empty")

	iss := newWalletIssuer(t)
	pub, err := jose.ParsePublicJWK([]byte(holderJWK(t, ctx)))
	if err != nil {
		t.Fatal(err)
	}
	setValue(t, ctx, "#settings-trusted", iss.did)
	run(t, ctx, "save settings", chromedp.Click("#settings-save", chromedp.ByID))
	waitFor(t, ctx, "settings saved", `(document.getElementById("op-notice")||{}).textContent?.includes("Settings saved")`)
	run(t, ctx, "export", chromedp.Click("#settings-export", chromedp.ByID))
	waitFor(t, ctx, "backup ready", `!!document.getElementById("settings-backup-link")`)
	check("settings")

	importPasted(t, ctx, iss.sdJWT(t, pub))
	check("import")
	importPasted(t, ctx, iss.vcJWT(t))
	setValue(t, ctx, "#import-input", "eyJhbGciOiJFUzI1NiJ9.e30.c2ln")
	// A click in the page, not at the button's coordinates: the notice of
	// the last import may still move the layout.
	var clicked bool
	run(t, ctx, "import invalid", chromedp.Evaluate(`document.getElementById("import-button").click(), true`, &clicked))
	waitFor(t, ctx, "refused", `!!document.getElementById("import-error")`)
	check("import-refused")

	sdID := cardID(t, ctx, "employer.example/employee")
	check("list")
	run(t, ctx, "detail", chromedp.Click(`li[data-id="`+sdID+`"] a`, chromedp.ByQuery))
	waitFor(t, ctx, "detail", `!!document.getElementById("cred-claims")`)
	run(t, ctx, "raw", chromedp.Click("#cred-raw summary", chromedp.ByQuery))
	check("detail")

	run(t, ctx, "present", chromedp.Click("#cred-present", chromedp.ByID))
	waitFor(t, ctx, "request form", `!!document.getElementById("present-request")`)
	check("present-request")
	setValue(t, ctx, "#present-request", `{"aud":"https://rp.example","nonce":"n-a11y","claims":["given_name"]}`)
	run(t, ctx, "continue", chromedp.Click("#present-continue", chromedp.ByID))
	waitFor(t, ctx, "consent", `!!document.getElementById("consent-aud")`)
	check("consent")
	run(t, ctx, "make", chromedp.Click("#present-make", chromedp.ByID))
	waitFor(t, ctx, "output", `document.querySelectorAll("#present-qr img").length > 0`)
	check("output")
	run(t, ctx, "present nav", chromedp.Click("#nav-present", chromedp.ByID))
	waitFor(t, ctx, "chooser", `!!document.getElementById("present-choose-0")`)
	check("present-choose")

	run(t, ctx, "history", chromedp.Click("#nav-history", chromedp.ByID))
	waitFor(t, ctx, "history", `!!document.getElementById("history-intact")`)
	check("history")

	run(t, ctx, "verify", chromedp.Click("#nav-verify", chromedp.ByID))
	waitFor(t, ctx, "verify form", `!!document.getElementById("verify-input")`)
	check("verify")
	if r := verifyInPage(t, ctx, iss.vcJWT(t), "untrusted", "untrusted"); r.Status != "untrusted" {
		t.Errorf("verify: %+v", r)
	}
	check("verify-result")

	run(t, ctx, "lock", chromedp.Click("#lock-button", chromedp.ByID))
	// The Lock button leaves the navigation, which moves the links: click
	// the next one once it has.
	waitFor(t, ctx, "lock button gone", `!document.getElementById("lock-button")`)
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "locked", `!!document.getElementById("unlock-pass")`)
	setValue(t, ctx, "#unlock-pass", "not the passphrase")
	run(t, ctx, "wrong unlock", chromedp.Click("#unlock-button", chromedp.ByID))
	waitFor(t, ctx, "refused", `(document.getElementById("gate-error")||{}).textContent?.includes("does not open")`)
	check("unlock")

	// Languages: French from Settings, at once and after a reload (the
	// locked screen too), then back to the browser's (English here).
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "unlocked", `!!document.getElementById("cards")`)
	chooseLanguage(t, ctx, "fr")
	waitFor(t, ctx, "French", `document.documentElement.lang === "fr" && document.getElementById("nav-settings").textContent === "Réglages"`)
	check("settings-fr")
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "French list", `(document.querySelector("#wallet h1")||{}).textContent === "Vos attestations"`)
	check("list-fr")
	run(t, ctx, "reload", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	waitFor(t, ctx, "French unlock screen", `(document.querySelector("#gate h1")||{}).textContent === "Déverrouiller votre portefeuille" && document.documentElement.lang === "fr"`)
	check("unlock-fr")
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "unlocked", `!!document.getElementById("cards")`)
	chooseLanguage(t, ctx, "de")
	waitFor(t, ctx, "German", `document.documentElement.lang === "de" && document.getElementById("nav-settings").textContent === "Einstellungen"`)
	check("settings-de")
	chooseLanguage(t, ctx, "auto")
	waitFor(t, ctx, "English again", `document.documentElement.lang === "en" && document.getElementById("nav-settings").textContent === "Settings"`)
}

// chooseLanguage picks a language in Settings ("auto": the browser's).
func chooseLanguage(t *testing.T, ctx context.Context, value string) {
	t.Helper()
	run(t, ctx, "settings", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, ctx, "language menu", `!!document.getElementById("settings-lang")`)
	var ok bool
	run(t, ctx, "choose "+value, chromedp.Evaluate(fmt.Sprintf(`(() => {
		const s = document.getElementById("settings-lang");
		s.value = %q;
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return s.value === %q;
	})()`, value, value), &ok))
	if !ok {
		t.Fatalf("no language %q in the menu", value)
	}
}

// axeViolation is one axe-core rule that failed, with where.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// axeCheck injects axe-core into the page (once per document), runs it
// on the whole document, fails the test on serious or critical
// violations and logs the others.
func axeCheck(t *testing.T, ctx context.Context, axeJS, screen string) {
	t.Helper()
	var loaded bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`typeof axe !== "undefined"`, &loaded)); err != nil {
		t.Fatal(err)
	}
	if !loaded {
		var ignored any
		if err := chromedp.Run(ctx, chromedp.Evaluate(axeJS+";true", &ignored)); err != nil {
			t.Fatalf("inject axe-core: %v", err)
		}
	}
	var vs []axeViolation
	evalAsync(t, ctx, `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help,
		targets: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").split("\n").slice(1).join(" ").slice(0, 200)),
	})))`, &vs)
	for _, v := range vs {
		msg := fmt.Sprintf("%s: axe %s (%s): %s\n\t%s", screen, v.ID, v.Impact, v.Help, strings.Join(v.Targets, "\n\t"))
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
	if len(vs) == 0 {
		t.Logf("%s: axe: no violations", screen)
	}
}
