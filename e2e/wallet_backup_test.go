package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/verify"
)

// TestWalletBackup: backup → wipe → restore in a fresh browser profile.
//
// Profile A creates a wallet, imports an SD-JWT VC bound to its holder key
// and a vc+jwt, presents once, exports a backup from Settings (a real
// download) and wipes itself. Profile B, a second Chromium with its own
// profile, restores from the first-run screen: an altered file and a wrong
// passphrase are refused with words, nothing is written; the right one
// gives the same credentials (ids and raw text), settings and history.
//
// The design (app/backup.go): a backup cannot carry the non-extractable
// holder key, so B has a NEW holder key. The SD-JWT bound to A's key is
// restored intact but marked, and cannot be presented (no Present
// button; the wallet says to have it issued again). A credential issued
// to B's key presents and the presentation verifies with core/verify.
func TestWalletBackup(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist)
	shots := screenshotDir(t)
	iss := newWalletIssuer(t)

	// Profile A.
	a := newBrowser(t)
	downloads := t.TempDir()
	run(t, a, "downloads", browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads))
	run(t, a, "open", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, a)
	createWallet(t, a, walletPassphrase)
	oldJWK := holderJWK(t, a)
	holderPub, err := jose.ParsePublicJWK([]byte(oldJWK))
	if err != nil {
		t.Fatal(err)
	}
	setValue(t, a, "#settings-trusted", iss.did)
	run(t, a, "save settings", chromedp.Click("#settings-save", chromedp.ByID))
	waitFor(t, a, "settings saved", `(document.getElementById("op-notice")||{}).textContent?.includes("Settings saved")`)
	importPasted(t, a, iss.sdJWT(t, holderPub))
	importPasted(t, a, iss.vcJWT(t))
	sdID := cardID(t, a, "employer.example/employee")
	presentClaims(t, a, sdID, "n-before-backup", "https://rp.example", "given_name")
	before := walletCreds(t, a)
	if len(before) != 2 {
		t.Fatalf("profile A holds %d credentials, want 2", len(before))
	}

	run(t, a, "settings", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, a, "backup section", `!!document.getElementById("settings-export")`)
	run(t, a, "export", chromedp.Click("#settings-export", chromedp.ByID))
	waitFor(t, a, "backup ready", `!!document.getElementById("settings-backup-link")`)
	screenshot(t, a, filepath.Join(shots, "wallet-settings-backup.png"))
	file := waitDownload(t, downloads, ".json")
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, needle := range []string{"ada@example.org", "Lovelace", "rp.example", iss.did[:40]} {
		if strings.Contains(string(raw), needle) {
			t.Errorf("the backup file holds %q in clear", needle)
		}
	}
	t.Logf("backup: %s, %d bytes", filepath.Base(file), len(raw))

	run(t, a, "wipe", chromedp.Click("#settings-wipe", chromedp.ByID))
	waitFor(t, a, "wipe confirmation", `!!document.getElementById("settings-wipe-confirm")`)
	run(t, a, "wipe confirm", chromedp.Click("#settings-wipe-confirm", chromedp.ByID))
	waitFor(t, a, "first run after wipe", `!!document.getElementById("create-pass")`)

	// Profile B: a fresh browser.
	b := newBrowser(t)
	run(t, b, "open", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, b)
	waitFor(t, b, "restore form", `!!document.getElementById("restore-file")`)
	screenshot(t, b, filepath.Join(shots, "wallet-first-run-restore.png"))

	tampered := filepath.Join(t.TempDir(), "tampered.json")
	if err := os.WriteFile(tampered, tamperBackup(t, raw), 0o644); err != nil {
		t.Fatal(err)
	}
	restoreFrom(t, b, tampered, walletPassphrase)
	waitFor(t, b, "tampered file refused", `(document.getElementById("restore-error")||{}).textContent?.includes("altered or damaged")`)
	screenshot(t, b, filepath.Join(shots, "wallet-restore-tampered.png"))
	restoreFrom(t, b, file, "not the passphrase")
	waitFor(t, b, "wrong passphrase refused", `(document.getElementById("restore-error")||{}).textContent?.includes("does not open this backup")`)
	if n := rawScan(t, b, "gxwallet", "x"); n.Records != 0 || n.KeyPairs != 0 {
		t.Errorf("refused restores wrote %d records, %d key pairs", n.Records, n.KeyPairs)
	}

	restoreFrom(t, b, file, walletPassphrase)
	waitFor(t, b, "restored", `document.querySelectorAll("#cards .cred-card").length === 2`)
	notice := evalString(t, b, `(document.getElementById("op-notice")||{}).textContent||""`)
	if !strings.Contains(notice, "restored with 2 credentials") || !strings.Contains(notice, "1 credential is bound to the old key") {
		t.Errorf("restore notice: %q", notice)
	}
	screenshot(t, b, filepath.Join(shots, "wallet-restored.png"))
	after := walletCreds(t, b)
	if len(after) != len(before) {
		t.Errorf("%d credentials after restore, %d before", len(after), len(before))
	}
	for id, r := range before {
		if after[id] != r {
			t.Errorf("credential %s differs after restore", id)
		}
	}

	// The old-key SD-JWT: marked, no Present button, refused by /present.
	var marked []string
	evalJSON(t, b, `Array.from(document.querySelectorAll("#cards .cred-card")).filter(c => c.querySelector(".cred-otherkey")).map(c => c.dataset.id)`, &marked)
	if len(marked) != 1 || marked[0] != sdID {
		t.Errorf("cards marked as bound to the old key: %v, want [%s]", marked, sdID)
	}
	run(t, b, "detail", chromedp.Click(`li[data-id="`+sdID+`"] a`, chromedp.ByQuery))
	waitFor(t, b, "old-key warning", `!!document.getElementById("cred-otherkey") && !document.getElementById("cred-present")`)
	screenshot(t, b, filepath.Join(shots, "wallet-detail-old-key.png"))

	// A new holder key; settings and history came back.
	newJWK := holderJWK(t, b)
	if newJWK == oldJWK {
		t.Fatalf("the restored wallet has the old holder key")
	}
	if got := evalString(t, b, `document.getElementById("settings-trusted").value`); got != iss.did {
		t.Errorf("trusted issuers after restore: %q", got)
	}
	run(t, b, "history", chromedp.Click("#nav-history", chromedp.ByID))
	waitFor(t, b, "history", `!!document.getElementById("history-intact") && !!document.querySelector("#history-table .event-restore")`)
	if row := evalString(t, b, `document.querySelector("#history-table .event-present").textContent`); !strings.Contains(row, "https://rp.example") {
		t.Errorf("the presentation made before the backup is not in the history: %q", row)
	}

	// A credential issued to the new key presents; the output verifies.
	newPub, err := jose.ParsePublicJWK([]byte(newJWK))
	if err != nil {
		t.Fatal(err)
	}
	importPasted(t, b, iss.sdJWT(t, newPub))
	run(t, b, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, b, "three cards", `document.querySelectorAll("#cards .cred-card").length === 3`)
	var fresh string
	evalJSON(t, b, `Array.from(document.querySelectorAll("#cards .cred-card")).find(c => c.textContent.includes("employer.example/employee") && !c.querySelector(".cred-otherkey")).dataset.id`, &fresh)
	const nonce, aud = "n-after-restore", "https://rp2.example"
	pres := presentClaims(t, b, fresh, nonce, aud, "role")
	r, err := verify.Verify(context.Background(), []byte(pres), verify.Options{
		Now: time.Now(), Nonce: nonce, Audience: aud, Policy: verify.Policy{TrustedIssuers: []string{iss.did}},
	})
	if err != nil || r.Status != verify.StatusActive {
		t.Fatalf("presentation after restore: %v, %q, %+v", err, r.Status, r.Checks)
	}
	if got := userClaims(r.Claims); strings.Join(got, ",") != "given_name,role" {
		t.Errorf("disclosed %v, want given_name (requested) and role", got)
	}

	// The restored wallet is in B's storage: reload, unlock, three cards.
	run(t, b, "reload", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, b)
	unlock(t, b, walletPassphrase)
	waitFor(t, b, "three cards after reload", `document.querySelectorAll("#cards .cred-card").length === 3`)
}

// createWallet fills the first-run form and waits for the empty wallet.
func createWallet(t *testing.T, ctx context.Context, pass string) {
	t.Helper()
	waitFor(t, ctx, "first-run screen", `!!document.getElementById("create-pass")`)
	setValue(t, ctx, "#create-pass", pass)
	setValue(t, ctx, "#create-confirm", pass)
	run(t, ctx, "create", chromedp.Click("#create-button", chromedp.ByID))
	waitFor(t, ctx, "empty wallet", `!!document.getElementById("wallet-empty")`)
}

// holderJWK opens Settings and returns the holder's public JWK.
func holderJWK(t *testing.T, ctx context.Context) string {
	t.Helper()
	run(t, ctx, "settings", chromedp.Click("#nav-settings", chromedp.ByID))
	waitFor(t, ctx, "holder key", `(document.getElementById("settings-holder-jwk")||{}).textContent?.includes("EC")`)
	return evalString(t, ctx, `document.getElementById("settings-holder-jwk").textContent`)
}

// importPasted adds a credential through the import page.
func importPasted(t *testing.T, ctx context.Context, cred string) {
	t.Helper()
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "wallet", `!!document.getElementById("wallet-import")`)
	run(t, ctx, "import page", chromedp.Click("#wallet-import", chromedp.ByID))
	waitFor(t, ctx, "import form", `!!document.getElementById("import-input")`)
	// The page may still show the previous import's notice: wait for one
	// that links to another credential.
	prev := evalString(t, ctx, `(document.getElementById("import-open")||{}).href||""`)
	setValue(t, ctx, "#import-input", cred)
	run(t, ctx, "import", chromedp.Click("#import-button", chromedp.ByID))
	waitFor(t, ctx, "imported", fmt.Sprintf(`!!document.getElementById("import-open") && document.getElementById("import-open").href !== %q`, prev))
}

// cardID returns the record id of the first card whose text has s.
func cardID(t *testing.T, ctx context.Context, s string) string {
	t.Helper()
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "cards", `!!document.getElementById("cards")`)
	return evalString(t, ctx, fmt.Sprintf(`Array.from(document.querySelectorAll("#cards .cred-card")).find(c => c.textContent.includes(%q)).dataset.id`, s))
}

// presentClaims presents credential id to aud/nonce with the claim
// requested ticked (and, if the request was for given_name only, that
// alone), and returns the presentation text.
func presentClaims(t *testing.T, ctx context.Context, id, nonce, aud, claim string) string {
	t.Helper()
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "cards", `!!document.getElementById("cards")`)
	run(t, ctx, "detail", chromedp.Click(`li[data-id="`+id+`"] a`, chromedp.ByQuery))
	waitFor(t, ctx, "present button", `!!document.getElementById("cred-present")`)
	run(t, ctx, "present", chromedp.Click("#cred-present", chromedp.ByID))
	waitFor(t, ctx, "request form", `!!document.getElementById("present-request")`)
	setValue(t, ctx, "#present-request", fmt.Sprintf(`{"aud":%q,"nonce":%q,"claims":["given_name"]}`, aud, nonce))
	run(t, ctx, "continue", chromedp.Click("#present-continue", chromedp.ByID))
	waitFor(t, ctx, "consent", `!!document.getElementById("consent-aud")`)
	if claim != "given_name" {
		run(t, ctx, "tick", chromedp.Click(fmt.Sprintf(`#consent input[data-path='[%q]']`, claim), chromedp.ByQuery))
	}
	run(t, ctx, "make", chromedp.Click("#present-make", chromedp.ByID))
	waitFor(t, ctx, "presentation", `((document.getElementById("present-text")||{}).value||"").includes("~")`)
	return evalString(t, ctx, `document.getElementById("present-text").value`)
}

// walletCreds opens every card's detail and returns id → raw credential.
func walletCreds(t *testing.T, ctx context.Context) map[string]string {
	t.Helper()
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "cards", `!!document.getElementById("cards")`)
	var ids []string
	evalJSON(t, ctx, `Array.from(document.querySelectorAll("#cards .cred-card")).map(c => c.dataset.id)`, &ids)
	out := map[string]string{}
	for _, id := range ids {
		run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
		waitFor(t, ctx, "cards", `!!document.getElementById("cards")`)
		run(t, ctx, "detail", chromedp.Click(`li[data-id="`+id+`"] a`, chromedp.ByQuery))
		waitFor(t, ctx, "detail", fmt.Sprintf(`(document.getElementById("credential")||{dataset:{}}).dataset.id === %q && !!document.getElementById("cred-raw-text")`, id))
		out[id] = evalString(t, ctx, `document.getElementById("cred-raw-text").textContent`)
	}
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "cards", `!!document.getElementById("cards")`)
	return out
}

// restoreFrom chooses file on the first-run screen, types pass and
// submits.
func restoreFrom(t *testing.T, ctx context.Context, file, pass string) {
	t.Helper()
	run(t, ctx, "choose backup", chromedp.SetUploadFiles("#restore-file", []string{file}, chromedp.ByID))
	waitFor(t, ctx, "file read", fmt.Sprintf(`(document.getElementById("restore-file-name")||{}).textContent?.endsWith(%q)`, filepath.Base(file)))
	setValue(t, ctx, "#restore-pass", pass)
	run(t, ctx, "restore", chromedp.Click("#restore-button", chromedp.ByID))
	waitFor(t, ctx, "restore done", `!document.querySelector("#restore-button[aria-busy]")`)
}

// waitDownload waits for a finished download ending in ext in dir.
func waitDownload(t *testing.T, dir, ext string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ext) {
				return filepath.Join(dir, e.Name())
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s download in %s", ext, dir)
	return ""
}

// tamperBackup flips one byte inside one record's ciphertext, keeping
// the file well-formed.
func tamperBackup(t *testing.T, raw []byte) []byte {
	t.Helper()
	var f struct {
		Format  string `json:"format"`
		Header  []byte `json:"header"`
		Records []struct {
			Key   string `json:"key"`
			Value []byte `json:"value"`
		} `json:"records"`
		Nonce []byte `json:"nonce"`
		Seal  []byte `json:"seal"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatalf("backup file: %v", err)
	}
	for i, r := range f.Records {
		if strings.HasPrefix(r.Key, "r/credential/") {
			f.Records[i].Value[len(r.Value)-20] ^= 1
			out, err := json.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	t.Fatalf("no credential record in the backup")
	return nil
}
