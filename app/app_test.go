package app

import (
	"context"
	"strings"
	"testing"

	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestWalletPageEmptyState(t *testing.T) {
	html := app.HTMLString(newWalletPage())
	for _, want := range []string{`id="wallet-empty"`, "No credentials yet", `href="/verify"`, `aria-current="page"`} {
		if !strings.Contains(html, want) {
			t.Errorf("wallet page lacks %q:\n%s", want, html)
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
