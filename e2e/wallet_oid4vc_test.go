package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestDemoOnboarding is the demo a newcomer runs with `make run`, in
// headless Chromium against `gxwallet serve`: the employer onboards an
// employee in /portal (OpenID4VCI, pre-authorized code with a transaction
// code), the wallet receives the party credential from the same-device
// link, the relying party in /rp asks for the roles only (OpenID4VP, DCQL,
// direct_post) and sees `active` with exactly that claim; after the
// employer revokes it, the next presentation shows `revoked`. Bad input
// along the way: a wrong transaction code, the spent offer opened again,
// a request no credential satisfies, a malformed offer — each a message,
// nothing stored twice.
func TestDemoOnboarding(t *testing.T) {
	dist := distDir(t)
	// localhost, not 127.0.0.1: the issuer is did:web:localhost%3A<port>,
	// and did:web names hosts, never IP addresses.
	srv := startServe(t, dist, "-addr", "localhost:0", "-data", t.TempDir())
	ctx := newBrowser(t)
	shots := screenshotDir(t)
	shot := func(name string) { screenshot(t, ctx, filepath.Join(shots, "demo-"+name+".png")) }
	axeJS, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core not installed (npm ci in e2e/, make deps): %v", err)
	}
	// a11y runs axe-core on a wallet screen (no serious or critical
	// violation) and keeps its screenshot.
	a11y := func(name string) {
		t.Helper()
		axeCheck(t, ctx, string(axeJS), "demo-"+name)
		shot(name)
	}

	// The employee's new wallet.
	run(t, ctx, "open wallet", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	waitFor(t, ctx, "first-run screen", `!!document.getElementById("create-pass")`)
	setValue(t, ctx, "#create-pass", walletPassphrase)
	setValue(t, ctx, "#create-confirm", walletPassphrase)
	run(t, ctx, "create", chromedp.Click("#create-button", chromedp.ByID))
	waitFor(t, ctx, "empty wallet", `!!document.getElementById("wallet-empty")`)

	// 1. The employer onboards Ada, with a transaction code.
	run(t, ctx, "portal", chromedp.Navigate(srv.url+"/portal"))
	waitFor(t, ctx, "onboarding form", `!!document.getElementById("givenName")`)
	setValue(t, ctx, "#givenName", "Ada")
	setValue(t, ctx, "#surname", "Lovelace")
	setValue(t, ctx, "#roles", "engineer, approver")
	setValue(t, ctx, "#attributes", "badge-7")
	run(t, ctx, "tick tx code", chromedp.Click(`input[name="txCode"]`, chromedp.ByQuery))
	shot("1-portal")
	submitAndWait(t, ctx, "create offer", `form[action="/portal/offer"] button[type="submit"]`, "#offer-wallet-link")
	shot("2-offer")
	offerLink := evalString(t, ctx, `document.getElementById("offer-wallet-link").href`)
	txCode := evalString(t, ctx, `document.querySelector(".big").textContent.trim()`)
	if !strings.HasPrefix(offerLink, srv.url+"/receive?credential_offer_uri=") || len(txCode) != 6 {
		t.Fatalf("offer link %q, tx code %q", offerLink, txCode)
	}

	// 2. The wallet opens the offer: locked after the page load, it shows
	// the offer once unlocked; a wrong code is refused, the right one works.
	run(t, ctx, "open offer", chromedp.Navigate(offerLink))
	waitBoot(t, ctx)
	if s := evalString(t, ctx, `location.search`); s != "" {
		t.Errorf("the offer stayed in the address bar: %q", s)
	}
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "offer consent", `(document.getElementById("offer-issuer")||{}).textContent?.length > 0`)
	if s := evalString(t, ctx, `document.getElementById("offer-types").textContent`); !strings.Contains(s, "Party Credential") {
		t.Errorf("offered types: %q", s)
	}
	setValue(t, ctx, "#offer-txcode", "000000")
	run(t, ctx, "accept (wrong code)", chromedp.Click("#offer-accept", chromedp.ByID))
	waitFor(t, ctx, "wrong code refused", `(document.getElementById("offer-error")||{}).textContent?.includes("transaction code")`)
	setValue(t, ctx, "#offer-txcode", txCode)
	a11y("3-receive")
	run(t, ctx, "accept", chromedp.Click("#offer-accept", chromedp.ByID))
	waitFor(t, ctx, "received", `!!document.getElementById("offer-done")`)
	a11y("4-received")
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "one card", `document.querySelectorAll("#cards .cred-card").length === 1`)

	// The portal's trust bundle (/portal/trust.json) loaded in Settings
	// makes the credential active; removing it makes it untrusted again.
	trustFile := filepath.Join(t.TempDir(), "trust.json")
	res, err := http.Get(srv.url + "/portal/trust.json")
	if err != nil {
		t.Fatal(err)
	}
	trustJSON, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if err := os.WriteFile(trustFile, trustJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "settings", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, ctx, "trust bundle form", `!!document.getElementById("settings-bundle-file")`)
	run(t, ctx, "load trust bundle", chromedp.SetUploadFiles("#settings-bundle-file", []string{trustFile}, chromedp.ByID))
	waitFor(t, ctx, "bundle loaded", `(document.getElementById("settings-bundle-info")||{}).textContent?.includes("1 trusted issuers")`)
	a11y("settings-bundle")
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "active by the bundle", `document.querySelector("#cards .badge")?.textContent === "active"`)
	run(t, ctx, "settings again", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, ctx, "remove button", `!!document.getElementById("settings-bundle-remove")`)
	run(t, ctx, "remove trust bundle", chromedp.Click("#settings-bundle-remove", chromedp.ByID))
	waitFor(t, ctx, "bundle removed", `!document.getElementById("settings-bundle-info")`)
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "untrusted again", `document.querySelector("#cards .badge")?.textContent === "untrusted"`)

	// The holder can also trust the issuer from the credential's page,
	// and the check — offline, from the DID document and status lists kept
	// when it was received — says active.
	run(t, ctx, "open credential", chromedp.Click("#cards .cred-card a", chromedp.ByQuery))
	waitFor(t, ctx, "untrusted", `!!document.getElementById("cred-trust-button")`)
	if s := evalString(t, ctx, `document.getElementById("cred-trust").textContent`); !strings.Contains(s, "did:web:localhost%3A") {
		t.Errorf("the trust box does not name the issuer: %q", s)
	}
	run(t, ctx, "trust", chromedp.Click("#cred-trust-button", chromedp.ByID))
	waitFor(t, ctx, "active", `document.getElementById("cred-status")?.className.includes("badge-active") && !document.getElementById("cred-trust")`)
	if s := evalString(t, ctx, `document.getElementById("main").innerText`); !strings.Contains(s, "status as of") {
		t.Errorf("the offline check does not say how old its status is:\n%s", s)
	}
	// The panels: issuer and trust, lifecycle with each status list and
	// its age, and the party credential's holder binding.
	var panels struct{ Issuer, Lifecycle, Delegation string }
	evalJSON(t, ctx, `({issuer: document.getElementById("panel-issuer")?.innerText || "", lifecycle: document.getElementById("panel-lifecycle")?.innerText || "", delegation: document.getElementById("panel-delegation")?.innerText || ""})`, &panels)
	if !strings.Contains(panels.Issuer, "did:web:localhost%3A") || !strings.Contains(panels.Lifecycle, "Status: revocation") ||
		!strings.Contains(panels.Lifecycle, "Status: suspension") || !strings.Contains(panels.Lifecycle, "status as of") || !strings.Contains(panels.Delegation, "did:jwk:") {
		t.Errorf("panels:\n%+v", panels)
	}
	a11y("4b-trusted")

	// The spent offer, opened again: a message, nothing stored twice.
	run(t, ctx, "open spent offer", chromedp.Navigate(offerLink))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "spent offer refused", `!!document.getElementById("offer-error") || !!document.getElementById("offer-issuer")`)
	if evalString(t, ctx, `document.getElementById("offer-issuer") ? "shown" : ""`) == "shown" {
		setValue(t, ctx, "#offer-txcode", txCode)
		run(t, ctx, "accept spent offer", chromedp.Click("#offer-accept", chromedp.ByID))
		waitFor(t, ctx, "spent offer refused", `!!document.getElementById("offer-error")`)
	}
	// A malformed offer.
	run(t, ctx, "malformed offer", chromedp.Navigate(srv.url+"/receive?credential_offer=%7Bnot-json"))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "malformed offer refused", `(document.getElementById("offer-error")||{}).textContent?.includes("malformed")`)
	a11y("receive-error")
	run(t, ctx, "authorize form", chromedp.Navigate(srv.url+"/authorize"))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "request paste form", `!!document.getElementById("vp-input")`)
	a11y("authorize-form")
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "still one card", `document.querySelectorAll("#cards .cred-card").length === 1`)

	// 3. The relying party asks for the roles only; the wallet ticks only
	// what is asked, the holder shares it, and the RP sees exactly that.
	present := func(step string, want string) rpOutcome {
		t.Helper()
		link := rpAsk(t, ctx, srv.url, "vc+sd-jwt")
		run(t, ctx, "open request", chromedp.Navigate(link))
		waitBoot(t, ctx)
		unlock(t, ctx, walletPassphrase)
		waitFor(t, ctx, "request consent", `!!document.getElementById("vp-share")`)
		if v := evalString(t, ctx, `document.getElementById("vp-verifier").textContent`); v != srv.url {
			t.Errorf("the consent screen names %q as the verifier, want %q", v, srv.url)
		}
		var boxes []struct {
			Path     string `json:"path"`
			Checked  bool   `json:"checked"`
			Included bool   `json:"included"`
		}
		evalJSON(t, ctx, `[...document.querySelectorAll('#vp-request input[type=checkbox]')].map(b => ({path: b.dataset.path, checked: b.checked, included: b.disabled}))`, &boxes)
		var ticked, included []string
		for _, b := range boxes {
			if b.Included {
				// Beneath a ticked claim: shown ticked, as it goes too.
				if !b.Checked || !strings.Contains(b.Path, `"gx:identityRoles",`) {
					t.Errorf("%s: %s shown as included (checked %v)", step, b.Path, b.Checked)
				}
				included = append(included, b.Path)
				continue
			}
			if b.Checked {
				ticked = append(ticked, b.Path)
				if !strings.Contains(b.Path, "gx:identityRoles") {
					t.Errorf("%s: %s is ticked, but only the roles are asked for", step, b.Path)
				}
			}
		}
		if len(ticked) != 1 || len(included) != 2 || len(boxes) <= len(ticked)+len(included) {
			t.Fatalf("%s: ticked %v and included %v of %d claims", step, ticked, included, len(boxes))
		}
		a11y(step + "-consent")
		run(t, ctx, "share", chromedp.Click("#vp-share", chromedp.ByID))
		waitFor(t, ctx, "sent", `!!document.getElementById("vp-continue-link")`)
		a11y(step + "-sent")
		return rpResult(t, ctx, evalString(t, ctx, `document.getElementById("vp-continue-link").href`), want)
	}
	r := present("5", "active")
	if !slices.Equal(r.Disclosed, []string{"gx:identityRoles"}) {
		t.Errorf("disclosed %v, want the roles only", r.Disclosed)
	}
	shot("6-rp-result")

	// The history shows the presentation, to the RP's client id.
	run(t, ctx, "history", chromedp.Navigate(srv.url+"/history"))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "history entry", `document.body.innerText.includes("gx:identityRoles")`)

	// 4. The employer revokes; the next presentation is revoked.
	run(t, ctx, "portal", chromedp.Navigate(srv.url+"/portal"))
	waitFor(t, ctx, "issued list", `!!document.querySelector('button[value="revoke"]')`)
	submitAndWait(t, ctx, "revoke", `button[value="revoke"]`, ".badge.revoked")
	shot("7-revoked")
	present("8", "revoked")

	// The wallet learns it too: "Re-check status" fetches the issuer's
	// status lists again (the device is online) and says revoked.
	run(t, ctx, "wallet after revocation", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "card", `!!document.querySelector("#cards .cred-card a")`)
	run(t, ctx, "open credential", chromedp.Click("#cards .cred-card a", chromedp.ByQuery))
	waitFor(t, ctx, "still active offline", `document.getElementById("cred-status")?.className.includes("badge-active")`)
	run(t, ctx, "re-check", chromedp.Click("#cred-recheck", chromedp.ByID))
	waitFor(t, ctx, "revoked in the wallet", `document.getElementById("cred-status")?.className.includes("badge-revoked")`)
	shot("9-wallet-revoked")

	// A request no credential satisfies (the wallet holds a vc+sd-jwt
	// only): the wallet says so, and declining tells the RP.
	link := rpAsk(t, ctx, srv.url, "dc+sd-jwt")
	run(t, ctx, "open unmatched request", chromedp.Navigate(link))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "no match", `!!document.getElementById("vp-nomatch")`)
	a11y("10-nomatch")
	run(t, ctx, "decline", chromedp.Click("#vp-decline", chromedp.ByID))
	waitFor(t, ctx, "declined", `!!document.getElementById("vp-done")`)
	// The RP answers a decline with where its result page is.
	href := evalString(t, ctx, `(document.getElementById("vp-continue-link")||{}).href || ""`)
	if href == "" {
		t.Fatal("declined: no link back to the RP")
	}
	if r := rpResult(t, ctx, href, ""); r.Error == nil || r.Error.Error != "access_denied" {
		t.Errorf("declined: RP recorded %+v", r)
	}
}

// rpOutcome is the part of the RP's JSON result the test reads.
type rpOutcome struct {
	Status    string   `json:"status"`
	Disclosed []string `json:"disclosed"`
	Error     *struct {
		Error string `json:"error"`
	} `json:"error"`
}

// rpAsk creates a request for the roles in format on /rp and returns the
// same-device link into the wallet.
func rpAsk(t *testing.T, ctx context.Context, base, format string) string {
	t.Helper()
	run(t, ctx, "rp", chromedp.Navigate(base+"/rp"))
	waitFor(t, ctx, "rp form", `!!document.querySelector('form[action="/rp/request"]')`)
	var ok bool
	run(t, ctx, "choose format", chromedp.Evaluate(fmt.Sprintf(`(() => {
		const r = document.querySelector('input[name="format"][value=%q]'); if (!r) return false; r.checked = true;
		return [...document.querySelectorAll('input[name="claim"]:checked')].map(c => c.value).join() === "roles";
	})()`, format), &ok))
	if !ok {
		t.Fatal("the RP form does not ask for the roles only by default")
	}
	submitAndWait(t, ctx, "create request", `form[action="/rp/request"] button[type="submit"]`, "#req-wallet-link")
	link := evalString(t, ctx, `document.getElementById("req-wallet-link").href`)
	if !strings.HasPrefix(link, base+"/authorize?client_id=") {
		t.Fatalf("request link %q", link)
	}
	return link
}

// rpResult opens the RP's result page the wallet was sent to and reads
// its JSON form; want is the status expected ("" for any).
func rpResult(t *testing.T, ctx context.Context, href, want string) rpOutcome {
	t.Helper()
	run(t, ctx, "rp result", chromedp.Navigate(href))
	req, err := http.NewRequest("GET", href, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r rpOutcome
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		t.Fatalf("RP result %s: %v", href, err)
	}
	if want != "" && r.Status != want {
		t.Fatalf("RP result %+v, want %s", r, want)
	}
	return r
}

// submitAndWait clicks a button that submits a form of a server-rendered
// page and waits for an element of the page it leads to.
func submitAndWait(t *testing.T, ctx context.Context, what, button, want string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Run(wctx, chromedp.Click(button, chromedp.ByQuery), chromedp.WaitVisible(want, chromedp.ByQuery)); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
