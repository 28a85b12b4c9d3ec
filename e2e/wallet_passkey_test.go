package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"
)

// TestWalletPasskey unlocks the wallet with a passkey held by Chromium's
// virtual authenticator (CTAP2.1, internal transport, resident keys,
// user verification that succeeds, the PRF extension): the wallet
// derives its key-encryption key from the PRF output in WebCrypto.
//
// It creates a wallet with a passphrase, imports a credential, refuses
// to add a passkey for a wrong passphrase (and makes no credential on
// the authenticator), adds one, locks, reloads and unlocks with the
// passkey alone; removes it (the button goes, the passphrase unlocks);
// adds another, removes the authenticator, and "Unlock with passkey"
// fails with a clear message after WebAuthn's timeout while the
// passphrase still works.
func TestWalletPasskey(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist)
	// WebAuthn takes the page's effective domain as relying party id, and
	// an IP address is none: serve the same port as localhost.
	base := strings.Replace(srv.url, "//127.0.0.1:", "//localhost:", 1)
	axeJS, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("axe-core not installed (npm ci in e2e/, make deps): %v", err)
	}
	ctx := passkeyBrowser(t)
	shots := screenshotDir(t)
	shot := func(name string) { screenshot(t, ctx, filepath.Join(shots, "wallet-passkey-"+name+".png")) }
	// Each passkey screen: no serious or critical axe-core violation.
	check := func(name string) { t.Helper(); axeCheck(t, ctx, string(axeJS), "passkey-"+name); shot(name) }

	run(t, ctx, "open", chromedp.Navigate(base+"/"))
	waitBoot(t, ctx)
	auth := addAuthenticator(t, ctx)
	createWallet(t, ctx, walletPassphrase)
	iss := newWalletIssuer(t)
	vc := iss.vcJWT(t)
	importPasted(t, ctx, vc)

	// Settings: a wrong passphrase is refused, and no passkey is made.
	openSettingsPasskeys(t, ctx)
	run(t, ctx, "add passkey", chromedp.Click("#passkey-add", chromedp.ByID))
	waitFor(t, ctx, "passphrase asked", `!!document.getElementById("passkey-pass")`)
	check("form")
	setValue(t, ctx, "#passkey-pass", "not the passphrase")
	run(t, ctx, "confirm (wrong)", chromedp.Click("#passkey-add-confirm", chromedp.ByID))
	waitFor(t, ctx, "wrong passphrase refused", `(document.getElementById("passkey-error")||{}).textContent?.includes("does not open")`)
	if n := len(authCredentials(t, ctx, auth)); n != 0 {
		t.Fatalf("a wrong passphrase made %d credentials on the authenticator", n)
	}
	if slots := headerSlots(t, ctx); len(slots) != 1 {
		t.Fatalf("header after a refused add: %v", slots)
	}

	// The right passphrase: a passkey with PRF, listed with its date.
	setValue(t, ctx, "#passkey-pass", walletPassphrase)
	run(t, ctx, "confirm", chromedp.Click("#passkey-add-confirm", chromedp.ByID))
	waitForLong(t, ctx, "passkey added", `!!document.getElementById("passkey-remove-0") && (document.getElementById("passkey-notice")||{}).textContent?.includes("Passkey added")`, 30*time.Second)
	today := time.Now().UTC().Format("2006-01-02")
	if got := evalString(t, ctx, `document.querySelector("#passkey-list .passkey-created").textContent`); !strings.Contains(got, today) {
		t.Errorf("passkey listed as %q, want its date %s", got, today)
	}
	creds := authCredentials(t, ctx, auth)
	if len(creds) != 1 || !creds[0].IsResidentCredential || creds[0].RpID != "localhost" {
		t.Fatalf("authenticator credentials: %+v", creds)
	}
	slots := headerSlots(t, ctx)
	if len(slots) != 2 || slots[1] != "webauthn-prf" {
		t.Fatalf("stored header slots: %v", slots)
	}
	check("settings")

	// Lock, reload: the unlock screen offers the passkey next to the
	// passphrase form; the passkey alone opens the wallet.
	run(t, ctx, "lock", chromedp.Click("#lock-button", chromedp.ByID))
	waitFor(t, ctx, "passkey offered", `!!document.getElementById("passkey-unlock-button") && !!document.getElementById("unlock-pass")`)
	run(t, ctx, "reload", chromedp.Navigate(base+"/"))
	waitBoot(t, ctx)
	waitFor(t, ctx, "passkey offered after reload", `!!document.getElementById("passkey-unlock-button") && !!document.getElementById("unlock-pass")`)
	check("unlock")
	run(t, ctx, "unlock with passkey", chromedp.Click("#passkey-unlock-button", chromedp.ByID))
	waitForLong(t, ctx, "unlocked by passkey", `!!document.getElementById("cards")`, 30*time.Second)
	if got := walletCreds(t, ctx); len(got) != 1 || !containsValue(got, vc) {
		t.Fatalf("after passkey unlock the wallet holds %d credentials, want the imported one", len(got))
	}

	// Remove: the button goes, the unlock screen no longer offers the
	// passkey, and the passphrase unlocks.
	openSettingsPasskeys(t, ctx)
	run(t, ctx, "remove passkey", chromedp.Click("#passkey-remove-0", chromedp.ByID))
	waitFor(t, ctx, "passkey removed", `!document.getElementById("passkey-remove-0") && !!document.getElementById("passkey-none") && (document.getElementById("passkey-notice")||{}).textContent?.includes("removed")`)
	if slots := headerSlots(t, ctx); len(slots) != 1 {
		t.Fatalf("header after removal: %v", slots)
	}
	run(t, ctx, "lock", chromedp.Click("#lock-button", chromedp.ByID))
	waitFor(t, ctx, "locked without passkey", `!!document.getElementById("unlock-pass") && !document.getElementById("passkey-unlock-button")`)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "unlocked by passphrase", unlockedJS)

	// Another passkey; then the authenticator goes away (a security key
	// unplugged, another device): the passkey fails clearly once WebAuthn
	// times out, and the passphrase still works.
	openSettingsPasskeys(t, ctx)
	run(t, ctx, "add passkey", chromedp.Click("#passkey-add", chromedp.ByID))
	waitFor(t, ctx, "passphrase asked", `!!document.getElementById("passkey-pass")`)
	setValue(t, ctx, "#passkey-pass", walletPassphrase)
	run(t, ctx, "confirm", chromedp.Click("#passkey-add-confirm", chromedp.ByID))
	waitForLong(t, ctx, "passkey added", `!!document.getElementById("passkey-remove-0")`, 30*time.Second)
	run(t, ctx, "lock", chromedp.Click("#lock-button", chromedp.ByID))
	waitFor(t, ctx, "passkey offered", `!!document.getElementById("passkey-unlock-button")`)
	run(t, ctx, "remove authenticator", webauthn.RemoveVirtualAuthenticator(auth))
	start := time.Now()
	run(t, ctx, "unlock with passkey (none)", chromedp.Click("#passkey-unlock-button", chromedp.ByID))
	waitForLong(t, ctx, "passkey failure said", `(document.getElementById("passkey-unlock-error")||{}).textContent?.includes("not used")`, 100*time.Second)
	t.Logf("without an authenticator the passkey failed after %v: %q", time.Since(start).Round(time.Second),
		evalString(t, ctx, `document.getElementById("passkey-unlock-error").textContent`))
	if evalString(t, ctx, `(`+unlockedJS+`) ? "open" : "locked"`) != "locked" {
		t.Fatal("the wallet opened without a passkey")
	}
	check("no-authenticator")
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "unlocked by passphrase", unlockedJS)
	if got := walletCreds(t, ctx); !containsValue(got, vc) {
		t.Fatalf("credential missing after passphrase unlock")
	}
}

// unlockedJS is true once the gate has given way to the page (Settings
// or the wallet, wherever the wallet was locked).
const unlockedJS = `!document.getElementById("unlock-pass") && !!document.getElementById("lock-button")`

// passkeyBrowser is newBrowser with room for WebAuthn's one-minute
// timeout.
func passkeyBrowser(t *testing.T) context.Context {
	t.Helper()
	return newBrowserWith(t, 5*time.Minute)
}

// addAuthenticator enables the WebAuthn domain on the tab and adds a
// platform-like virtual authenticator with the PRF extension whose user
// verification succeeds without a prompt.
func addAuthenticator(t *testing.T, ctx context.Context) webauthn.AuthenticatorID {
	t.Helper()
	var id webauthn.AuthenticatorID
	run(t, ctx, "virtual authenticator", webauthn.Enable(), chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		id, err = webauthn.AddVirtualAuthenticator(&webauthn.VirtualAuthenticatorOptions{
			Protocol:                    webauthn.AuthenticatorProtocolCtap2,
			Ctap2version:                webauthn.Ctap2versionCtap21,
			Transport:                   webauthn.AuthenticatorTransportInternal,
			HasResidentKey:              true,
			HasUserVerification:         true,
			IsUserVerified:              true,
			HasPrf:                      true,
			AutomaticPresenceSimulation: true,
		}).Do(ctx)
		return err
	}))
	return id
}

func authCredentials(t *testing.T, ctx context.Context, id webauthn.AuthenticatorID) []*webauthn.Credential {
	t.Helper()
	var creds []*webauthn.Credential
	run(t, ctx, "authenticator credentials", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		creds, err = webauthn.GetCredentials(id).Do(ctx)
		return err
	}))
	return creds
}

// openSettingsPasskeys opens Settings and waits for the passkey card.
func openSettingsPasskeys(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, "settings", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, ctx, "passkey card", `!!document.getElementById("settings-passkeys") && (!!document.getElementById("passkey-add") || !!document.getElementById("passkey-form"))`)
}

// headerSlotsJS reads the stored wallet header from IndexedDB, outside
// the wallet, and returns its key slots' kinds.
const headerSlotsJS = `(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open("gxwallet"); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const st = db.transaction(["kv"], "readonly").objectStore("kv");
  const val = await new Promise((res, rej) => { const r = st.get("header"); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  db.close();
  const h = JSON.parse(new TextDecoder().decode(new Uint8Array(val)));
  return JSON.stringify(h.slots.map(s => s.kind));
})()`

func headerSlots(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var s string
	run(t, ctx, "read header", chromedp.Evaluate(headerSlotsJS, &s, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
	var kinds []string
	if err := json.Unmarshal([]byte(s), &kinds); err != nil {
		t.Fatalf("header slots %q: %v", s, err)
	}
	return kinds
}

func containsValue(m map[string]string, v string) bool {
	for _, x := range m {
		if strings.TrimSpace(x) == strings.TrimSpace(v) {
			return true
		}
	}
	return false
}
