//go:build !js

package app

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// englishRE finds English words that no German or French screen text
// holds: a screen rendered in German or French with one of them still
// has a string outside the catalogue.
var englishRE = regexp.MustCompile(`\b(?:the|The|your|Your|this|This|you|You|with|from|Add|Share|Settings|History)\b`)

// visibleText is the text of an HTML rendering, without tags, attribute
// values, or the monospace values (DIDs, JWKs, claims) that are data.
func visibleText(s string) string {
	s = regexp.MustCompile(`(?s)<(pre|code)[^>]*>.*?</(pre|code)>`).ReplaceAllString(s, " ")
	s = regexp.MustCompile(`(?s)<[^>]*class="[^"]*mono[^"]*"[^>]*>[^<]*`).ReplaceAllString(s, " ")
	s = regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(s, " ")
	return html.UnescapeString(s)
}

// TestScreensTranslated renders every wallet screen in German and French
// with a wallet open (a credential, settings, a history entry) and looks
// for English words left in the visible text.
func TestScreensTranslated(t *testing.T) {
	defer setLang(langEN)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	cred := credEntry{ID: "c-1", Format: "dc+sd-jwt", Raw: "eyJ.e30.sig~", Added: now, Checked: now,
		Type: "https://employer.example/employee", OtherKey: true,
		Result: verify.Result{Status: verify.StatusUntrusted, Issuer: "did:jwk:x", Claims: map[string]any{"email": "a@example.org"},
			Checks: []verify.Check{{ID: "trust", Status: verify.Fail, Code: "untrusted"}}}}
	open := walletState{Phase: walletOpen, snapshot: snapshot{Creds: []credEntry{cred},
		Settings: appSettings{Settings: store.Settings{LockAfterSeconds: 300}}, HolderDID: "did:jwk:h", HolderJWK: `{"kty":"EC"}`}}
	screens := map[string]func() app.UI{
		"first run": func() app.UI { return newGate().State(walletState{Phase: walletNone}) },
		"unlock":    func() app.UI { return newGate().State(walletState{Phase: walletLocked, Pending: true}) },
		"list": func() app.UI {
			p := newWalletPage()
			p.ws = open
			return p
		},
		"list empty": func() app.UI {
			p := newWalletPage()
			p.ws = walletState{Phase: walletOpen}
			return p
		},
		"detail": func() app.UI {
			p := newCredentialPage()
			p.ws, p.id = open, "c-1"
			return p
		},
		"import": func() app.UI {
			p := newImportPage()
			p.ws, p.st = open, importState{Done: true, Imported: cred}
			return p
		},
		"present chooser": func() app.UI {
			p := newPresentPage()
			p.ws = open
			return p
		},
		"history": func() app.UI {
			p := newHistoryPage()
			p.ws = open
			p.hs = historyState{Loaded: true, historyView: historyView{Entries: []store.HistoryEntry{
				{Seq: 1, Time: now, Event: "present", Audience: "https://rp.example", Credential: "c-1", Claims: []string{"email"}}}}}
			return p
		},
		"settings": func() app.UI {
			p := newSettingsPage()
			p.ws = open
			p.bs = backupState{URL: "blob:x", Name: "gxwallet-backup.json", Size: 2048}
			return p
		},
		"verify": func() app.UI { return newVerifyPage() },
		"result": func() app.UI { return newResultView().Result(cred.Result) },
	}
	for _, l := range []lang{langDE, langFR} {
		setLang(l)
		for name, mk := range screens {
			text := visibleText(app.HTMLString(mk()))
			if m := englishRE.FindAllString(text, -1); len(m) > 0 {
				t.Errorf("%s in %s: English words %v in %q", name, l, m, strings.Join(strings.Fields(text), " "))
			}
		}
	}
	setLang(langDE)
	if s := app.HTMLString(newGate().State(walletState{Phase: walletNone})); !strings.Contains(s, "Wallet erstellen") || !strings.Contains(s, "Aus einer Sicherung wiederherstellen") {
		t.Errorf("German first-run screen: %s", visibleText(s))
	}
}

// TestSettingsLanguageMenu: the menu offers the browser's language and
// the three, with the stored choice selected.
func TestSettingsLanguageMenu(t *testing.T) {
	defer setLang(langEN)
	p := newSettingsPage()
	p.ws = walletState{Phase: walletOpen, snapshot: snapshot{Settings: appSettings{Settings: store.Settings{Language: "fr", LockAfterSeconds: 300}}}}
	s := app.HTMLString(p)
	for _, want := range []string{`id="settings-lang"`, `value="auto"`, `value="de"`, "Deutsch", "Français"} {
		if !strings.Contains(s, want) {
			t.Errorf("language menu lacks %q", want)
		}
	}
	// go-app writes attributes in no fixed order.
	if !regexp.MustCompile(`<option[^>]*\bvalue="fr"[^>]*\bselected|<option[^>]*\bselected[^>]*\bvalue="fr"`).MatchString(s) {
		t.Errorf("the stored language is not selected: %s", s)
	}
}
