package app

import (
	"context"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestWalletPageGate(t *testing.T) {
	// Pre-rendered (and while booting) the page says it is opening.
	html := app.HTMLString(newWalletPage())
	for _, want := range []string{`id="gate-loading"`, `aria-current="page"`} {
		if !strings.Contains(html, want) {
			t.Errorf("booting wallet page lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "lock-button") {
		t.Errorf("Lock button on a wallet that is not open")
	}

	first := newWalletPage()
	first.ws = walletState{Phase: walletNone}
	html = app.HTMLString(first)
	for _, want := range []string{`id="create-pass"`, `id="create-confirm"`, `type="password"`, `autocomplete="new-password"`,
		`id="create-warning"`, "Nobody can recover", `for="create-pass"`, `id="create-button"`} {
		if !strings.Contains(html, want) {
			t.Errorf("first-run page lacks %q", want)
		}
	}
	if strings.Contains(html, "disabled") {
		t.Errorf("idle create button is disabled")
	}

	locked := newWalletPage()
	locked.ws = walletState{Phase: walletLocked, Op: "unlock", Err: "That passphrase does not open this wallet.", Pending: true}
	html = app.HTMLString(locked)
	for _, want := range []string{`id="unlock-pass"`, `autocomplete="current-password"`, `id="gate-error"`, "does not open", `id="gate-pending"`} {
		if !strings.Contains(html, want) {
			t.Errorf("unlock page lacks %q", want)
		}
	}
}

func TestWalletPageList(t *testing.T) {
	p := newWalletPage()
	p.ws = walletState{Phase: walletOpen}
	html := app.HTMLString(p)
	if !strings.Contains(html, `id="wallet-empty"`) || !strings.Contains(html, "No credentials yet") || !strings.Contains(html, `href="/import"`) {
		t.Errorf("empty wallet:\n%s", html)
	}
	checked := time.Date(2026, 6, 1, 9, 30, 0, 0, time.UTC)
	p.ws.Creds = []credEntry{
		{ID: "c-1", Format: "dc+sd-jwt", Type: "https://employer.example/employee", Checked: checked,
			Result: verify.Result{Status: verify.StatusActive, Issuer: "did:jwk:eyJ"}},
		{ID: "c-2", Format: "vc+jwt", Type: "EmployeeBadge", Checked: checked,
			Result: verify.Result{Status: verify.StatusUntrusted, Issuer: "did:web:x.example"}},
	}
	html = app.HTMLString(p)
	for _, want := range []string{`id="cards"`, `href="/credential?id=c-1"`, "badge-active", "badge-untrusted",
		"checked at 2026-06-01 09:30 UTC", "EmployeeBadge", "did:web:x.example"} {
		if !strings.Contains(html, want) {
			t.Errorf("wallet list lacks %q", want)
		}
	}
	if n := strings.Count(html, `class="cred-card"`); n != 2 {
		t.Errorf("%d cards, want 2", n)
	}
}

func TestCredentialPage(t *testing.T) {
	iss := newTestIssuer(t)
	raw := iss.sdJWT(t, nil)
	p := newCredentialPage()
	p.id = "c-1"
	p.ws = walletState{Phase: walletOpen, snapshot: snapshot{Creds: []credEntry{{
		ID: "c-1", Raw: raw, Format: "dc+sd-jwt", Type: "https://employer.example/employee",
		Result: verify.Result{Status: verify.StatusUntrusted, Claims: map[string]any{"email": "ada@example.org"},
			Checks: []verify.Check{{ID: "trust", Status: verify.Fail, Code: verify.CodeUntrusted}}},
	}}}}
	html := app.HTMLString(p)
	for _, want := range []string{`id="cred-status"`, "badge-untrusted", `id="cred-claims"`, "ada@example.org",
		`id="checks"`, "untrusted", `id="cred-raw-text"`, `id="cred-recheck"`, `id="cred-delete"`, `href="/present?id=c-1"`} {
		if !strings.Contains(html, want) {
			t.Errorf("credential page lacks %q", want)
		}
	}
	if strings.Contains(html, `id="result-claims"`) {
		t.Errorf("claims shown twice")
	}
	p.confirming = true
	if html := app.HTMLString(p); !strings.Contains(html, `id="cred-delete-confirm"`) || strings.Contains(html, `id="cred-delete"`) {
		t.Errorf("delete confirmation not shown")
	}
	p.id = "gone"
	if html := app.HTMLString(p); !strings.Contains(html, `id="cred-missing"`) {
		t.Errorf("missing credential not said")
	}
}

func TestPresentConsent(t *testing.T) {
	iss := newTestIssuer(t)
	raw := iss.sdJWT(t, nil)
	cs, err := consentFor(raw, [][]any{{"email"}})
	if err != nil {
		t.Fatal(err)
	}
	p := newPresentPage()
	p.id = "c-1"
	p.ws = walletState{Phase: walletOpen, snapshot: snapshot{Creds: []credEntry{{ID: "c-1", Raw: raw}}}}
	html := app.HTMLString(p)
	for _, want := range []string{`id="present-request"`, `id="present-aud"`, `id="present-nonce"`, `id="present-continue"`} {
		if !strings.Contains(html, want) {
			t.Errorf("request form lacks %q", want)
		}
	}
	p.consent, p.reqAud, p.reqNonce = &cs, "https://rp.example", "n-1"
	p.checked = map[string]bool{}
	for _, c := range cs.Claims {
		p.checked[c.Key] = c.Required
	}
	html = app.HTMLString(p)
	for _, want := range []string{`id="consent-aud"`, "https://rp.example", `id="consent-nonce"`, "n-1", "You share 1 of 5 claims.", "requested"} {
		if !strings.Contains(html, want) {
			t.Errorf("consent lacks %q", want)
		}
	}
	if n := strings.Count(html, `type="checkbox"`); n != 5 {
		t.Errorf("%d checkboxes, want 5", n)
	}
	if n := len(regexp.MustCompile(`\schecked[\s>=]`).FindAllString(html, -1)); n != 1 {
		t.Errorf("%d ticked, want only the requested one:\n%s", n, html)
	}
}

func TestHistoryAndSettingsPages(t *testing.T) {
	h := newHistoryPage()
	h.ws = walletState{Phase: walletOpen}
	h.hs = historyState{Loaded: true, historyView: historyView{Tampered: true, Problem: "entry 2"}}
	if html := app.HTMLString(h); !strings.Contains(html, `id="history-tampered"`) || !strings.Contains(html, "Tampered") {
		t.Errorf("tampered history not said:\n%s", html)
	}
	h.hs = historyState{Loaded: true, historyView: historyView{Entries: []store.HistoryEntry{
		{Seq: 1, Event: "present", Audience: "https://rp.example", Claims: []string{"given_name", "role"}},
	}}}
	if html := app.HTMLString(h); !strings.Contains(html, `id="history-intact"`) || !strings.Contains(html, "given_name, role") {
		t.Errorf("history entry not shown:\n%s", html)
	}

	s := newSettingsPage()
	s.ws = walletState{Phase: walletOpen, snapshot: snapshot{HolderDID: "did:jwk:eyJtest", HolderJWK: `{"kty":"EC"}`,
		Settings: appSettings{TrustedIssuers: []string{"did:web:a.example"}}}}
	s.load()
	html := app.HTMLString(s)
	for _, want := range []string{"did:jwk:eyJtest", `id="settings-holder-jwk"`, "did:web:a.example", `id="settings-lock"`, `value="5"`, `id="settings-wipe"`} {
		if !strings.Contains(html, want) {
			t.Errorf("settings lacks %q", want)
		}
	}
}

func TestVerifyPageForm(t *testing.T) {
	html := app.HTMLString(newVerifyPage())
	for _, want := range []string{`id="verify-input"`, `id="verify-trusted"`, `id="verify-button"`} {
		if !strings.Contains(html, want) {
			t.Errorf("verify page lacks %q", want)
		}
	}
	// Pre-rendered, the button must work as soon as the wasm runs, and
	// there is no result yet.
	if strings.Contains(html, "disabled") {
		t.Errorf("idle verify button is disabled:\n%s", html)
	}
	if strings.Contains(html, `id="result"`) {
		t.Errorf("idle verify page shows a result")
	}

	busy := newVerifyPage()
	busy.state = verifyState{Phase: phaseVerifying}
	if html := app.HTMLString(busy); !strings.Contains(html, "disabled") || !strings.Contains(html, "Verifying…") {
		t.Errorf("busy verify page: button not disabled or label unchanged:\n%s", html)
	}
}

func sampleResult() verify.Result {
	return verify.Result{
		Status:  verify.StatusInvalid,
		Format:  verify.FormatVCJWT,
		Issuer:  "did:jwk:eyJ",
		Subject: "did:example:alice",
		Claims:  map[string]any{"gx:email": "alice@example.com"},
		Checks: []verify.Check{
			{ID: "jose.header", Status: verify.Pass},
			{ID: "jose.signature", Status: verify.Fail, Code: verify.CodeBadSignature, Detail: "<b>not html</b>"},
		},
	}
}

func TestResultViewError(t *testing.T) {
	html := app.HTMLString(newResultView().Result(verify.Result{Status: verify.StatusInvalid}).Error("boom"))
	if !strings.Contains(html, `id="result-error"`) || !strings.Contains(html, "boom") {
		t.Errorf("evaluation error not shown:\n%s", html)
	}
}

func TestResultViewNestedHasNoIDs(t *testing.T) {
	r := sampleResult()
	r.Credentials = []verify.Result{sampleResult()}
	html := app.HTMLString(newResultView().Result(r))
	if n := strings.Count(html, `id="result-status"`); n != 1 {
		t.Errorf("%d elements with id result-status, want 1", n)
	}
	if n := strings.Count(html, "badge-invalid"); n != 2 {
		t.Errorf("%d badges, want 2 (presentation and its credential)", n)
	}
}

func TestBadgeClass(t *testing.T) {
	for _, s := range []verify.Status{verify.StatusActive, verify.StatusExpired, verify.StatusRevoked,
		verify.StatusSuspended, verify.StatusDeprecated, verify.StatusInvalid, verify.StatusUntrusted} {
		if got := badgeClass(s); got != string(s) {
			t.Errorf("badgeClass(%q) = %q", s, got)
		}
		if statusText(s) == "Unknown status." {
			t.Errorf("statusText(%q) has no sentence", s)
		}
	}
	if got := badgeClass(`x" onclick="y`); got != "unknown" {
		t.Errorf("unknown status: class %q", got)
	}
}

func TestParseTrusted(t *testing.T) {
	got := parseTrusted("did:web:a.example\n\n  did:key:z6Mk \n# comment\r\n")
	want := []string{"did:web:a.example", "did:key:z6Mk"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("parseTrusted = %q, want %q", got, want)
	}
}

func TestRunVerifyMalformed(t *testing.T) {
	for name, input := range map[string]string{
		"empty json":    "{}",
		"broken jws":    "eyJhbGciOiJFUzI1NiJ9.%%%.x",
		"not json":      "hello",
		"nested arrays": strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	} {
		t.Run(name, func(t *testing.T) {
			st := runVerify(context.Background(), verifyRequest{Input: input})
			if st.Phase != phaseDone {
				t.Fatalf("phase %v", st.Phase)
			}
			if st.Result.Status != verify.StatusInvalid {
				t.Errorf("status %q, want invalid", st.Result.Status)
			}
			if f := st.Result.Failed(); f == nil || f.Code == "" {
				t.Errorf("no failed check with a code: %+v", st.Result.Checks)
			}
		})
	}
}

func TestCredDates(t *testing.T) {
	from, until := credDates(`{"validFrom":"2026-01-01T00:00:00Z","validUntil":"2027-01-01T00:00:00Z"}`)
	if from.Year() != 2026 || until.Year() != 2027 {
		t.Errorf("VC DM 2.0: %s %s", from, until)
	}
	// A JWT's nbf/exp (here an SD-JWT with a disclosure after the ~).
	jwt := "eyJhbGciOiJFUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(`{"iat":1767225600,"exp":1798761600}`)) + ".sig~WyJzIiwiYSIsMV0~"
	from, until = credDates(jwt)
	if from.Year() != 2026 || until.Year() != 2027 {
		t.Errorf("SD-JWT: %s %s", from, until)
	}
	if f, u := credDates("not a credential"); !f.IsZero() || !u.IsZero() {
		t.Errorf("garbage: %s %s", f, u)
	}
}
