package e2e

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/verify"
)

// walletPassphrase is the e2e wallet's passphrase.
const walletPassphrase = "correct horse battery staple"

// TestWallet runs the wallet PWA in headless Chromium against the real
// `gxwallet serve`: create a wallet; read the holder key from Settings;
// import an SD-JWT VC bound to it (issued here) by pasting and a vc+jwt by
// a ?credential= link; reload (both there); lock, a wrong passphrase
// refused, unlock; present two of five claims to a nonce/aud request and
// verify the output here with core/verify; the history shows it; raw
// IndexedDB holds no plaintext claim and the holder key does not export;
// an altered history entry shows as tampered.
func TestWallet(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist)
	ctx := newBrowser(t)
	shots := screenshotDir(t)
	shot := func(name string) { screenshot(t, ctx, filepath.Join(shots, "wallet-"+name+".png")) }

	// First run.
	run(t, ctx, "open", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	waitFor(t, ctx, "first-run screen", `!!document.getElementById("create-pass")`)
	setValue(t, ctx, "#create-pass", "too short")
	setValue(t, ctx, "#create-confirm", "too short")
	run(t, ctx, "create (short)", chromedp.Click("#create-button", chromedp.ByID))
	waitFor(t, ctx, "short passphrase hint", `(document.getElementById("gate-error")||{}).textContent?.includes("at least 10")`)
	shot("first-run")
	setValue(t, ctx, "#create-pass", walletPassphrase)
	setValue(t, ctx, "#create-confirm", walletPassphrase)
	run(t, ctx, "create", chromedp.Click("#create-button", chromedp.ByID))
	waitFor(t, ctx, "empty wallet", `!!document.getElementById("wallet-empty")`)
	shot("empty")

	// Settings: the holder key, and the issuer we trust.
	iss := newWalletIssuer(t)
	run(t, ctx, "settings", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, ctx, "holder key", `(document.getElementById("settings-holder-jwk")||{}).textContent?.includes("EC")`)
	var holderJWK, holderDID string
	run(t, ctx, "read holder key",
		chromedp.TextContent("#settings-holder-jwk", &holderJWK, chromedp.ByID),
		chromedp.TextContent("#settings-holder-did", &holderDID, chromedp.ByID))
	holderPub, err := jose.ParsePublicJWK([]byte(holderJWK))
	if err != nil {
		t.Fatalf("holder JWK %q: %v", holderJWK, err)
	}
	if d, err := jwk.Encode(holderPub); err != nil || d.String() != holderDID {
		t.Errorf("holder DID %q is not the did:jwk of the shown key (%v)", holderDID, err)
	}
	if strings.Contains(holderJWK, `"d"`) {
		t.Errorf("holder JWK shows a private member: %s", holderJWK)
	}
	setValue(t, ctx, "#settings-trusted", iss.did)
	run(t, ctx, "save settings", chromedp.Click("#settings-save", chromedp.ByID))
	waitFor(t, ctx, "settings saved", `(document.getElementById("op-notice")||{}).textContent?.includes("Settings saved")`)
	shot("settings")

	// Import an SD-JWT VC bound to the holder key, by pasting.
	sdCred := iss.sdJWT(t, holderPub)
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "wallet", `!!document.getElementById("wallet-import")`)
	run(t, ctx, "import page", chromedp.Click("#wallet-import", chromedp.ByID))
	waitFor(t, ctx, "import form", `!!document.getElementById("import-input")`)
	setValue(t, ctx, "#import-input", sdCred)
	run(t, ctx, "import", chromedp.Click("#import-button", chromedp.ByID))
	waitFor(t, ctx, "imported", `!!document.getElementById("import-done")`)
	shot("import")
	setValue(t, ctx, "#import-input", sdCred)
	run(t, ctx, "import again", chromedp.Click("#import-button", chromedp.ByID))
	waitFor(t, ctx, "duplicate refused", `(document.getElementById("import-error")||{}).textContent?.includes("already in your wallet")`)

	// A vc+jwt by a ?credential= link: a full page load, so the wallet is
	// locked; the credential waits for the unlock, and leaves the URL.
	vcCred := iss.vcJWT(t)
	run(t, ctx, "link", chromedp.Navigate(srv.url+"/?credential="+url.QueryEscape(vcCred)))
	waitBoot(t, ctx)
	waitFor(t, ctx, "pending link", `!!document.getElementById("gate-pending")`)
	if s := evalString(t, ctx, `location.search`); s != "" {
		t.Errorf("the credential stayed in the URL: %q", s)
	}
	shot("unlock-pending")
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "two cards", `document.querySelectorAll("#cards .cred-card").length === 2`)
	if s := evalString(t, ctx, `location.href`); strings.Contains(s, "credential=") {
		t.Errorf("the credential is still in the URL: %q", s)
	}

	// Reload: both are there after unlocking.
	run(t, ctx, "reload", chromedp.Reload())
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "two cards after reload", `document.querySelectorAll("#cards .cred-card").length === 2`)
	var badges []string
	evalJSON(t, ctx, `Array.from(document.querySelectorAll("#cards .badge")).map(b => b.textContent)`, &badges)
	if strings.Join(badges, ",") != "active,active" {
		t.Errorf("badges %v, want both active (issuer trusted)", badges)
	}
	if !strings.Contains(evalString(t, ctx, `document.getElementById("cards").textContent`), "checked at") {
		t.Errorf("cards do not say when they were checked")
	}
	shot("list")

	// Lock; a wrong passphrase is refused; unlock.
	run(t, ctx, "lock", chromedp.Click("#lock-button", chromedp.ByID))
	waitFor(t, ctx, "locked", `!!document.getElementById("unlock-pass") && !document.getElementById("cards")`)
	setValue(t, ctx, "#unlock-pass", "not the passphrase")
	run(t, ctx, "wrong unlock", chromedp.Click("#unlock-button", chromedp.ByID))
	waitFor(t, ctx, "wrong passphrase refused", `(document.getElementById("gate-error")||{}).textContent?.includes("does not open")`)
	shot("unlock-wrong")
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "unlocked", `document.querySelectorAll("#cards .cred-card").length === 2`)

	// Detail of the SD-JWT credential.
	var sdID string
	evalJSON(t, ctx, `Array.from(document.querySelectorAll("#cards .cred-card")).find(c => c.textContent.includes("employer.example/employee")).dataset.id`, &sdID)
	run(t, ctx, "detail", chromedp.Click(`li[data-id="`+sdID+`"] a`, chromedp.ByQuery))
	waitFor(t, ctx, "detail", `(document.getElementById("cred-claims")||{}).textContent?.includes("ada@example.org")`)
	run(t, ctx, "raw", chromedp.Click("#cred-raw summary", chromedp.ByQuery))
	shot("detail")
	run(t, ctx, "recheck", chromedp.Click("#cred-recheck", chromedp.ByID))
	waitFor(t, ctx, "rechecked", `(document.getElementById("op-notice")||{}).textContent?.includes("Checked again: active")`)

	// Present two of five claims to a request asking for one.
	const nonce, aud = "n-e2e-wallet-4711", "https://rp.example"
	run(t, ctx, "present", chromedp.Click("#cred-present", chromedp.ByID))
	waitFor(t, ctx, "request form", `!!document.getElementById("present-request")`)
	setValue(t, ctx, "#present-request", fmt.Sprintf(`{"aud":%q,"nonce":%q,"claims":["given_name"]}`, aud, nonce))
	run(t, ctx, "continue", chromedp.Click("#present-continue", chromedp.ByID))
	waitFor(t, ctx, "consent", `!!document.getElementById("consent-aud")`)
	var ticked []string
	tickedJS := `Array.from(document.querySelectorAll("#consent input[type=checkbox]")).filter(b => b.checked).map(b => b.dataset.path)`
	evalJSON(t, ctx, tickedJS, &ticked)
	if strings.Join(ticked, ",") != `["given_name"]` {
		t.Errorf("ticked at first: %v, want only the requested given_name", ticked)
	}
	if n := evalString(t, ctx, `String(document.querySelectorAll("#consent input[type=checkbox]").length)`); n != "5" {
		t.Errorf("%s claims offered, want 5", n)
	}
	if got := evalString(t, ctx, `document.getElementById("consent-aud").textContent + " " + document.getElementById("consent-nonce").textContent`); got != aud+" "+nonce {
		t.Errorf("consent says %q", got)
	}
	run(t, ctx, "tick role", chromedp.Click(`#consent input[data-path='["role"]']`, chromedp.ByQuery))
	waitFor(t, ctx, "two ticked", `(document.getElementById("consent-count")||{}).textContent === "You share 2 of 5 claims."`)
	shot("consent")
	run(t, ctx, "make", chromedp.Click("#present-make", chromedp.ByID))
	waitFor(t, ctx, "presentation", `((document.getElementById("present-text")||{}).value||"").includes("~")`)
	waitFor(t, ctx, "QR code", `document.querySelectorAll("#present-qr img").length > 0`)
	pres := evalString(t, ctx, `document.getElementById("present-text").value`)
	nQR := evalString(t, ctx, `String(document.querySelectorAll("#present-qr img").length)`)
	t.Logf("presentation: %d bytes, %s QR code(s)", len(pres), nQR)
	shot("present")

	now := time.Now()
	r, err := verify.Verify(context.Background(), []byte(pres), verify.Options{
		Now: now, Nonce: nonce, Audience: aud, Policy: verify.Policy{TrustedIssuers: []string{iss.did}},
	})
	if err != nil || r.Status != verify.StatusActive {
		t.Fatalf("the wallet's presentation: %v, status %q, checks %+v", err, r.Status, r.Checks)
	}
	if got := userClaims(r.Claims); strings.Join(got, ",") != "given_name,role" {
		t.Errorf("disclosed %v, want exactly given_name and role", got)
	}
	if r.Check(verify.CheckBinding) == nil {
		t.Errorf("no key-binding check in %+v", r.Checks)
	}
	if r, _ := verify.Verify(context.Background(), []byte(pres), verify.Options{
		Now: now, Nonce: "another-nonce", Audience: aud, Policy: verify.Policy{TrustedIssuers: []string{iss.did}},
	}); r.Status != verify.StatusInvalid {
		t.Errorf("replayed to another nonce: %q", r.Status)
	}

	// History.
	run(t, ctx, "history", chromedp.Click("#nav-history", chromedp.ByID))
	waitFor(t, ctx, "history", `!!document.getElementById("history-intact") && !!document.querySelector("#history-table .event-present")`)
	var row string
	evalJSON(t, ctx, `document.querySelector("#history-table .event-present").textContent`, &row)
	if !strings.Contains(row, aud) || !strings.Contains(row, "given_name, role") {
		t.Errorf("history row %q lacks the audience or the claims", row)
	}
	shot("history")

	// The vc+jwt has no selective disclosure: it is presented whole,
	// inside a vp+jwt the holder key signs for the request's nonce and aud.
	run(t, ctx, "wallet for the vc+jwt", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "cards", `document.querySelectorAll("#cards .cred-card").length === 2`)
	var vcID string
	evalJSON(t, ctx, `Array.from(document.querySelectorAll("#cards .cred-card")).find(c => c.textContent.includes("EmployeeBadge")).dataset.id`, &vcID)
	run(t, ctx, "vc detail", chromedp.Click(`li[data-id="`+vcID+`"] a`, chromedp.ByQuery))
	waitFor(t, ctx, "present button", `!!document.getElementById("cred-present")`)
	run(t, ctx, "present vc", chromedp.Click("#cred-present", chromedp.ByID))
	waitFor(t, ctx, "request form", `!!document.getElementById("present-request")`)
	setValue(t, ctx, "#present-request", fmt.Sprintf(`{"aud":%q,"nonce":%q}`, aud, nonce+"-vp"))
	run(t, ctx, "continue", chromedp.Click("#present-continue", chromedp.ByID))
	waitFor(t, ctx, "whole consent", `(document.getElementById("consent-whole")||{}).textContent?.includes("B-42")`)
	shot("consent-whole")
	run(t, ctx, "make vp", chromedp.Click("#present-make", chromedp.ByID))
	waitFor(t, ctx, "vp", `((document.getElementById("present-text")||{}).value||"").split(".").length === 3`)
	vp := evalString(t, ctx, `document.getElementById("present-text").value`)
	vr, err := verify.Verify(context.Background(), []byte(vp), verify.Options{
		Now: time.Now(), Nonce: nonce + "-vp", Audience: aud, Policy: verify.Policy{TrustedIssuers: []string{iss.did}},
	})
	if err != nil || vr.Status != verify.StatusActive || vr.Format != verify.FormatVPJWT || len(vr.Credentials) != 1 || vr.Issuer != holderDID {
		t.Fatalf("the wallet's vp+jwt: %v, %s %s by %s, %d credentials, failed %+v", err, vr.Status, vr.Format, vr.Issuer, len(vr.Credentials), vr.Failed())
	}

	// Raw IndexedDB: no plaintext claim; the holder key does not export.
	for _, needle := range []string{"ada@example.org", "Lovelace", "E-1815", "EmployeeBadge", iss.did[:40]} {
		raw := rawScan(t, ctx, "gxwallet", needle)
		if len(raw.Hits) > 0 {
			t.Errorf("IndexedDB holds %q in clear in %v", needle, raw.Hits)
		}
		if raw.Records < 6 || raw.KeyPairs != 1 {
			t.Errorf("IndexedDB: %d records, %d key pairs", raw.Records, raw.KeyPairs)
		}
		for i, ex := range raw.Export {
			if ex == "exported" || raw.Extractable[i] {
				t.Errorf("holder key %d: extractable %v, export %q", i, raw.Extractable[i], ex)
			}
		}
	}

	// Alter the first history entry in IndexedDB: the page says so.
	var altered string
	evalAsync(t, ctx, alterFirstHistoryJS, &altered)
	if !strings.HasPrefix(altered, "r/history/") {
		t.Fatalf("alter history: %q", altered)
	}
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "wallet", `!!document.getElementById("cards")`)
	run(t, ctx, "history again", chromedp.Click("#nav-history", chromedp.ByID))
	waitFor(t, ctx, "tampered", `!!document.getElementById("history-tampered")`)
	shot("history-tampered")

	// The present chooser and a narrow phone screen.
	run(t, ctx, "present nav", chromedp.Click("#nav-present", chromedp.ByID))
	waitFor(t, ctx, "chooser", `!!document.getElementById("present-choose-0")`)
	shot("present-choose")
	var png []byte
	run(t, ctx, "phone", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "wallet", `!!document.getElementById("cards")`)
	run(t, ctx, "phone screenshot", chromedp.EmulateViewport(360, 740), chromedp.FullScreenshot(&png, 100))
	if err := os.WriteFile(filepath.Join(shots, "wallet-list-360.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	noSideways := func(page string) {
		var overflow bool
		evalJSON(t, ctx, `document.documentElement.scrollWidth > window.innerWidth`, &overflow)
		if overflow {
			t.Errorf("%s scrolls sideways at 360 px", page)
		}
	}
	noSideways("the wallet")
	run(t, ctx, "phone detail", chromedp.Click(`li[data-id="`+sdID+`"] a`, chromedp.ByQuery))
	waitFor(t, ctx, "detail", `!!document.getElementById("cred-claims")`)
	noSideways("the credential detail")
	run(t, ctx, "phone settings", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, ctx, "settings", `!!document.getElementById("settings-holder-jwk")`)
	noSideways("the settings")
	run(t, ctx, "phone settings screenshot", chromedp.FullScreenshot(&png, 100))
	if err := os.WriteFile(filepath.Join(shots, "wallet-settings-360.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "laptop", chromedp.EmulateViewport(1024, 900))

	// Offline: the service worker serves the shell; the wallet opens.
	waitServiceWorker(t, ctx)
	srv.stop(t)
	run(t, ctx, "offline", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "two cards offline", `document.querySelectorAll("#cards .cred-card").length === 2`)

	// Auto-lock after the idle timeout (30 s, the shortest).
	run(t, ctx, "settings", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, ctx, "settings", `!!document.getElementById("settings-lock")`)
	setValue(t, ctx, "#settings-lock", "0.5")
	run(t, ctx, "save settings", chromedp.Click("#settings-save", chromedp.ByID))
	waitFor(t, ctx, "settings saved", `(document.getElementById("op-notice")||{}).textContent?.includes("Settings saved")`)
	start := time.Now()
	waitForLong(t, ctx, "auto-lock", `(document.getElementById("gate-notice")||{}).textContent?.includes("after 30 seconds without activity")`, 45*time.Second)
	if idle := time.Since(start); idle < 25*time.Second {
		t.Errorf("locked after %v, before the 30 s timeout", idle)
	}
	shot("auto-locked")

	// Wipe: nothing is left in IndexedDB, and the first-run screen shows.
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "settings again", `!!document.getElementById("settings-wipe")`)
	run(t, ctx, "wipe", chromedp.Click("#settings-wipe", chromedp.ByID))
	waitFor(t, ctx, "wipe confirmation", `!!document.getElementById("settings-wipe-confirm")`)
	shot("wipe-confirm")
	run(t, ctx, "wipe confirm", chromedp.Click("#settings-wipe-confirm", chromedp.ByID))
	waitFor(t, ctx, "first run after wipe", `!!document.getElementById("create-pass")`)
	if raw := rawScan(t, ctx, "gxwallet", "x"); raw.Records != 0 || raw.KeyPairs != 0 {
		t.Errorf("after wipe: %d records, %d key pairs", raw.Records, raw.KeyPairs)
	}
}

// waitForLong is waitFor with a longer bound.
func waitForLong(t *testing.T, ctx context.Context, what, expr string, d time.Duration) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var ok bool
	if err := chromedp.Run(wctx, chromedp.Poll("(() => { try { return !!("+expr+"); } catch (e) { return false; } })()", &ok, chromedp.WithPollingInterval(200*time.Millisecond), chromedp.WithPollingTimeout(d))); err != nil {
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// walletIssuer is a did:jwk issuer (the wallet resolves it offline).
type walletIssuer struct {
	key *ecdsa.PrivateKey
	did string
}

func newWalletIssuer(t *testing.T) walletIssuer {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	d, err := jwk.Encode(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return walletIssuer{key: k, did: d.String()}
}

// sdJWT issues a dc+sd-jwt with five disclosable claims bound to holder.
func (iss walletIssuer) sdJWT(t *testing.T, holder crypto.PublicKey) string {
	t.Helper()
	claims := map[string]any{
		"iss": iss.did, "vct": "https://employer.example/employee", "iat": time.Now().Add(-time.Hour).Unix(),
		"given_name": "Ada", "family_name": "Lovelace", "role": "engineer", "email": "ada@example.org", "employee_id": "E-1815",
	}
	pol := sdjwt.Policy{Disclosable: [][]any{{"given_name"}, {"family_name"}, {"role"}, {"email"}, {"employee_id"}}}
	tok, err := sdjwt.Issue(claims, pol, iss.key, "ES256", map[string]any{"typ": "dc+sd-jwt", "kid": iss.did + "#0"}, holder)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// vcJWT issues an ES256 vc+jwt.
func (iss walletIssuer) vcJWT(t *testing.T) string {
	t.Helper()
	payload := `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","EmployeeBadge"],` +
		`"issuer":"` + iss.did + `","validFrom":"2020-01-01T00:00:00Z",` +
		`"credentialSubject":{"id":"did:example:ada","badge":"B-42"}}`
	tok, err := jose.Sign([]byte(payload), "ES256", iss.key, map[string]any{"typ": "vc+jwt", "kid": iss.did + "#0"})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// userClaims are the claim names of an SD-JWT VC result minus the ones
// that are always visible.
func userClaims(claims map[string]any) []string {
	var out []string
	for k := range claims {
		switch k {
		case "iss", "vct", "iat", "cnf", "_sd_alg", "exp", "nbf", "status", "sub":
			continue
		}
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// alterFirstHistoryJS flips one ciphertext byte of the first history
// record in the wallet's IndexedDB, outside the wallet.
const alterFirstHistoryJS = `(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open("gxwallet"); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const tx = db.transaction(["kv"], "readwrite"), st = tx.objectStore("kv");
  const keys = await new Promise((res, rej) => { const r = st.getAllKeys(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const key = keys.filter(k => String(k).startsWith("r/history/")).sort()[0];
  const val = await new Promise((res, rej) => { const r = st.get(key); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const b = new Uint8Array(val);
  b[b.length - 20] ^= 1;
  await new Promise((res, rej) => { const r = st.put(b, key); r.onsuccess = () => res(); r.onerror = () => rej(r.error); });
  await new Promise(res => { tx.oncomplete = res; });
  db.close();
  return String(key);
})()`

func run(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// setValue types value into the field sel and fires its input event.
func setValue(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	var ok bool
	js := fmt.Sprintf(`(() => {
		const el = document.querySelector(%q);
		if (!el) return false;
		el.value = %q;
		el.dispatchEvent(new Event("input", {bubbles: true}));
		return true;
	})()`, sel, value)
	if err := chromedp.Run(ctx, chromedp.Evaluate(js, &ok)); err != nil || !ok {
		t.Fatalf("set %s: %v (found %v)", sel, err, ok)
	}
}

// waitFor polls a JS expression until it is true (20 s at most).
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	var ok bool
	if err := chromedp.Run(wctx, chromedp.Poll("(() => { try { return !!("+expr+"); } catch (e) { return false; } })()", &ok, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		var body string
		_ = chromedp.Run(ctx, chromedp.Evaluate(`(document.getElementById("main")||document.body).innerText.slice(0, 1500)`, &body))
		t.Fatalf("waiting for %s: %v\npage says:\n%s", what, err, body)
	}
}

func evalString(t *testing.T, ctx context.Context, expr string) string {
	t.Helper()
	var s string
	evalJSON(t, ctx, expr, &s)
	return s
}

func evalJSON(t *testing.T, ctx context.Context, expr string, out any) {
	t.Helper()
	var raw json.RawMessage
	if err := chromedp.Run(ctx, chromedp.Evaluate(expr, &raw)); err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		t.Fatalf("evaluate %s: %s: %v", expr, raw, err)
	}
}

// unlock fills the unlock form and submits it.
func unlock(t *testing.T, ctx context.Context, pass string) {
	t.Helper()
	waitFor(t, ctx, "unlock form", `!!document.getElementById("unlock-pass")`)
	setValue(t, ctx, "#unlock-pass", pass)
	run(t, ctx, "unlock", chromedp.Click("#unlock-button", chromedp.ByID))
}
