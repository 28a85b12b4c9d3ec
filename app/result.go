package app

import (
	"encoding/json"

	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// resultView shows a verify.Result: the verdict as a coloured badge, the
// format, issuer and subject, the disclosed claims and every check. It
// renders values as text only.
type resultView struct {
	app.Compo

	// IResult is the result to show.
	IResult verify.Result
	// IError is the "could not evaluate" message, if any.
	IError string
	// INested marks a credential inside a presentation: no element ids.
	INested bool
	// ISeq numbers the verification; it is written as data-seq on the
	// view's root in the same render as the result, so that a reader (or
	// a test) can tell a new result from the previous one.
	ISeq uint64
}

func newResultView() *resultView { return &resultView{} }

// Result sets the result to show.
func (v *resultView) Result(r verify.Result) *resultView {
	v.IResult = r
	return v
}

// Error sets the "could not evaluate" message; "" shows none.
func (v *resultView) Error(msg string) *resultView {
	v.IError = msg
	return v
}

// Seq sets the number of the verification shown.
func (v *resultView) Seq(n uint64) *resultView {
	v.ISeq = n
	return v
}

// Nested marks the view as a credential inside a presentation.
func (v *resultView) Nested(b bool) *resultView {
	v.INested = b
	return v
}

// id returns the element id, or "" for a nested view.
func (v *resultView) id(s string) string {
	if v.INested {
		return ""
	}
	return s
}

func (v *resultView) Render() app.UI {
	r := v.IResult
	return app.Section().ID(v.id("result")).Class("card result").DataSet("seq", v.ISeq).Aria("live", "polite").Body(
		app.Div().Class("verdict").Body(
			app.Span().ID(v.id("result-status")).Class("badge", "badge-"+badgeClass(r.Status)).Text(statusLabel(r.Status)),
			app.P().Class("verdict-text").Text(statusText(r.Status)),
		),
		app.If(v.IError != "", func() app.UI {
			return app.P().ID(v.id("result-error")).Class("error").Text(tr("result.error", v.IError))
		}),
		app.Dl().Class("facts").Body(
			app.Dt().Text(tr("result.format")), app.Dd().ID(v.id("result-format")).Class("mono").Text(orDash(string(r.Format))),
			app.Dt().Text(tr("result.issuer")), app.Dd().ID(v.id("result-issuer")).Class("mono").Text(orDash(r.Issuer)),
			app.Dt().Text(tr("result.subject")), app.Dd().ID(v.id("result-subject")).Class("mono").Text(orDash(r.Subject)),
		),
		app.If(len(r.Claims) > 0, func() app.UI {
			return app.Div().Body(
				app.H2().Text(tr("result.claims")),
				app.If(r.Status == verify.StatusInvalid, func() app.UI {
					return app.P().Class("error").Text(tr("result.notVerified"))
				}),
				scrollable(app.Pre().ID(v.id("result-claims")).Class("claims mono").Text(claimsJSON(r.Claims)), tr("result.claimsJSON")),
			)
		}),
		app.H2().Text(tr("result.checks")),
		scrollable(app.Div().Class("table-wrap"), tr("result.checks")).Body(
			app.Table().ID(v.id("checks")).Class("checks").Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Text(tr("result.check")), app.Th().Text(tr("result.result")), app.Th().Text(tr("result.code")), app.Th().Text(tr("result.detail")),
				)),
				app.TBody().Body(
					app.Range(r.Checks).Slice(func(i int) app.UI {
						c := r.Checks[i]
						return app.Tr().Class("check", "check-"+checkClass(c.Status)).Body(
							app.Td().Class("check-id mono").Text(c.ID),
							app.Td().Class("check-result").Body(
								app.Span().Class("pill", "pill-"+checkClass(c.Status)).Text(checkLabel(c.Status)),
							),
							app.Td().Class("check-code mono").Text(string(c.Code)),
							app.Td().Class("check-detail").Text(c.Detail),
						)
					}),
				),
			),
		),
		app.If(len(r.Credentials) > 0, func() app.UI {
			return app.Div().Class("nested").Body(
				app.H2().Text(tr("result.nested")),
				app.Range(r.Credentials).Slice(func(i int) app.UI {
					return newResultView().Result(r.Credentials[i]).Nested(true)
				}),
			)
		}),
	)
}

// badgeClass maps a status to its CSS class suffix; an unknown status
// (a newer core) gets the neutral "unknown".
func badgeClass(s verify.Status) string {
	switch s {
	case verify.StatusActive, verify.StatusExpired, verify.StatusRevoked, verify.StatusSuspended,
		verify.StatusDeprecated, verify.StatusInvalid, verify.StatusUntrusted:
		return string(s)
	}
	return "unknown"
}

// statusKeys are the catalogue keys of each status: its badge label and
// the sentence that explains it (Gaia-X TF §4.8.5.1.4). English labels
// are the status codes themselves.
var statusKeys = map[verify.Status][2]string{
	verify.StatusActive:     {"status.active", "statusText.active"},
	verify.StatusExpired:    {"status.expired", "statusText.expired"},
	verify.StatusRevoked:    {"status.revoked", "statusText.revoked"},
	verify.StatusSuspended:  {"status.suspended", "statusText.suspended"},
	verify.StatusDeprecated: {"status.deprecated", "statusText.deprecated"},
	verify.StatusInvalid:    {"status.invalid", "statusText.invalid"},
	verify.StatusUntrusted:  {"status.untrusted", "statusText.untrusted"},
}

// statusLabel is a status as its badge says it; an unknown status (a
// newer core) shows as its code.
func statusLabel(s verify.Status) string {
	if k, ok := statusKeys[s]; ok {
		return tr(k[0])
	}
	return string(s)
}

// statusText explains a status in a sentence.
func statusText(s verify.Status) string {
	if k, ok := statusKeys[s]; ok {
		return tr(k[1])
	}
	return tr("statusText.unknown")
}

func checkClass(s verify.CheckStatus) string {
	switch s {
	case verify.Pass, verify.Fail, verify.Skipped, verify.Indeterminate:
		return string(s)
	}
	return "unknown"
}

// checkLabel is a check's outcome as its pill says it.
func checkLabel(s verify.CheckStatus) string {
	switch s {
	case verify.Pass:
		return tr("check.pass")
	case verify.Fail:
		return tr("check.fail")
	case verify.Skipped:
		return tr("check.skipped")
	case verify.Indeterminate:
		return tr("check.indeterminate")
	}
	return string(s)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func claimsJSON(claims map[string]any) string {
	b, err := json.MarshalIndent(claims, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}
