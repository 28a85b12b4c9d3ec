package app

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// presentPage presents a credential: choose it, say who asks (audience) and
// the nonce of their request, tick the claims to show on the consent
// screen (only what the request requires is ticked at first), then the
// presentation comes out as text (copy, download) and QR codes.
type presentPage struct {
	app.Compo

	ws walletState
	ps presentState

	id               string
	reqText          string
	aud, nonce       string
	consent          *consent
	checked          map[string]bool
	hint, copied     string
	baseSeq          uint64 // presentState.Seq when the consent screen opened
	reqAud, reqNonce string // the request the consent screen is for
	// whole is set for a credential without selective disclosure: it is
	// presented as it is, inside a vp+jwt (session.presentWhole).
	whole bool
}

func newPresentPage() *presentPage { return &presentPage{} }

func (p *presentPage) OnMount(ctx app.Context) {
	ctx.ObserveState(stateWallet, &p.ws)
	ctx.ObserveState(statePresent, &p.ps)
	ctx.NewAction(actionWalletOpen)
}

func (p *presentPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(tr("nav.present") + " · gxwallet")
	id := ctx.Page().URL().Query().Get("id")
	if id != p.id {
		p.id, p.consent, p.checked, p.hint, p.copied = id, nil, nil, "", ""
	}
}

func (p *presentPage) cred() (credEntry, bool) {
	for _, c := range p.ws.Creds {
		if c.ID == p.id {
			return c, true
		}
	}
	return credEntry{}, false
}

func (p *presentPage) onReq(ctx app.Context, e app.Event) {
	p.reqText = ctx.JSSrc().Get("value").String()
	p.hint = ""
}

func (p *presentPage) onAud(ctx app.Context, e app.Event) {
	p.aud = ctx.JSSrc().Get("value").String()
	p.hint = ""
}

func (p *presentPage) onNonce(ctx app.Context, e app.Event) {
	p.nonce = ctx.JSSrc().Get("value").String()
	p.hint = ""
}

// onContinue reads the request (the JSON, or the two fields) and opens the
// consent screen.
func (p *presentPage) onContinue(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c, ok := p.cred()
	if !ok {
		return
	}
	var req presentRequest
	var err error
	if strings.TrimSpace(p.reqText) != "" {
		req, err = parseRequest(p.reqText)
	} else {
		req = presentRequest{Aud: strings.TrimSpace(p.aud), Nonce: strings.TrimSpace(p.nonce)}
		err = req.check()
	}
	if err != nil {
		p.hint = userMessage(err)
		return
	}
	cs, err := consentFor(c.Raw, req.Claims)
	p.whole = false
	if errors.Is(err, errNotSDJWT) {
		if _, ok := envelopeMedia(c.Raw); ok {
			cs, err, p.whole = consent{}, nil, true
		}
	}
	if err != nil {
		p.hint = userMessage(err)
		return
	}
	p.consent, p.reqAud, p.reqNonce = &cs, req.Aud, req.Nonce
	p.aud, p.nonce = req.Aud, req.Nonce
	p.checked = map[string]bool{}
	for _, cl := range cs.Claims {
		p.checked[cl.Key] = cl.Required
	}
	p.baseSeq, p.copied = p.ps.Seq, ""
	ctx.Defer(func(ctx app.Context) { focus("consent-title") })
}

func (p *presentPage) onBack(ctx app.Context, e app.Event) {
	p.consent = nil
	ctx.Defer(func(ctx app.Context) { focus("present-request") })
}

func (p *presentPage) onTick(key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.checked[key] = ctx.JSSrc().Get("checked").Bool()
	}
}

func (p *presentPage) selected() [][]any {
	var paths [][]any
	if p.consent == nil {
		return nil
	}
	for _, cl := range p.consent.Claims {
		if p.checked[cl.Key] {
			paths = append(paths, cl.Path)
		}
	}
	return paths
}

func (p *presentPage) onMake(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.ps.Busy || p.consent == nil {
		return
	}
	p.copied = ""
	ctx.NewActionWithValue(actionPresent, presentArgs{ID: p.id, Paths: p.selected(), Nonce: p.reqNonce, Aud: p.reqAud, Whole: p.whole})
}

func (p *presentPage) onCopy(ctx app.Context, e app.Event) {
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		p.copied = tr("present.noCopy")
		return
	}
	clip.Call("writeText", p.ps.Out.Text)
	p.copied = tr("present.copied")
}

func (p *presentPage) Render() app.UI {
	return newShell().Active(PathPresent).Content(
		walletContent(p.ws, p.renderBody),
	)
}

func (p *presentPage) renderBody() app.UI {
	c, ok := p.cred()
	if !ok {
		return p.renderChoose()
	}
	if c.OtherKey {
		return app.Div().ID("present").Body(
			app.P().Body(app.A().Href(PathCredential+"?id="+url.QueryEscape(c.ID)).Text("← "+credTitle(c.Type))),
			app.P().ID("present-error").Class("error").Text(userMessage(errOtherKey)),
		)
	}
	return app.Div().ID("present").Body(
		app.P().Body(app.A().Href(PathCredential+"?id="+url.QueryEscape(c.ID)).Text("← "+credTitle(c.Type))),
		app.If(p.consent == nil, func() app.UI { return p.renderRequest(c) }).
			Else(func() app.UI { return p.renderConsent(c) }),
		app.If(p.consent != nil && p.ps.Seq > p.baseSeq && (p.ps.Done || p.ps.Err != ""), p.renderOutput),
	)
}

// renderChoose lists the credentials that can be presented.
func (p *presentPage) renderChoose() app.UI {
	var sd []credEntry
	for _, c := range p.ws.Creds {
		if _, err := parseSDJWT(c.Raw); err == nil && !c.OtherKey {
			sd = append(sd, c)
		} else if _, ok := envelopeMedia(c.Raw); ok {
			sd = append(sd, c)
		}
	}
	return app.Div().ID("present").Body(
		app.H1().Text(tr("present.title")),
		app.P().Class("lead").Text(tr("present.lead")),
		app.If(len(sd) == 0, func() app.UI {
			return app.P().ID("present-none").Class("card").Body(
				app.Text(tr("present.none")+" "),
				app.A().Href(PathImport).Text(tr("present.addOne")),
				app.Text("."),
			)
		}).Else(func() app.UI {
			return app.Ul().ID("present-choices").Class("cards").Body(
				app.Range(sd).Slice(func(i int) app.UI {
					c := sd[i]
					return app.Li().Class("cred-card").Body(
						app.A().ID(fmt.Sprintf("present-choose-%d", i)).Class("card cred-link").Href(PathPresent+"?id="+url.QueryEscape(c.ID)).Body(
							app.Div().Class("cred-top").Body(
								credTypeLabel(c.Type),
								app.Span().Class("badge", "badge-"+badgeClass(c.Result.Status)).Text(statusLabel(c.Result.Status)),
							),
							app.P().Class("mono muted cred-issuer").Text(orDash(c.Result.Issuer)),
						),
					)
				}),
			)
		}),
	)
}

// renderRequest asks for the relying party's request.
func (p *presentPage) renderRequest(c credEntry) app.UI {
	return app.Form().ID("present-form").Class("card form").OnSubmit(p.onContinue).Body(
		app.H1().Text(tr("present.who")),
		app.P().Class("muted").Text(tr("present.whoLead")),
		app.Label().For("present-request").Body(
			app.Text(tr("present.request")+" "),
			app.Span().Class("muted").Text(`(JSON: {"aud": "…", "nonce": "…", "claims": ["email", …]})`),
		),
		app.Textarea().ID("present-request").Class("mono").Rows(4).Spellcheck(false).Attr("autocomplete", "off").
			Text(p.reqText).OnInput(p.onReq),
		app.Label().For("present-aud").Text(tr("present.aud")),
		app.Input().ID("present-aud").Type("text").Class("mono").Attr("autocomplete", "off").
			Placeholder("https://verifier.example").Value(p.aud).OnInput(p.onAud),
		app.Label().For("present-nonce").Text(tr("present.nonce")),
		app.Input().ID("present-nonce").Type("text").Class("mono").Attr("autocomplete", "off").
			Value(p.nonce).OnInput(p.onNonce),
		app.Div().Class("actions").Body(
			app.Button().ID("present-continue").Class("primary").Type("submit").Text(tr("present.continue")),
			app.If(p.hint != "", func() app.UI {
				return app.Span().ID("present-hint").Class("hint").Aria("live", "assertive").Text(p.hint)
			}),
		),
	)
}

// renderConsent is the consent screen.
func (p *presentPage) renderConsent(c credEntry) app.UI {
	cs := p.consent
	n := len(p.selected())
	return app.Form().ID("consent").Class("card form consent").OnSubmit(p.onMake).Body(
		app.H1().ID("consent-title").TabIndex(-1).Body(
			app.Text(tr("consent.shareWith")),
			app.Span().ID("consent-aud").Class("mono aud").Text(p.reqAud),
			app.Text(tr("consent.shareEnd")),
		),
		app.P().Body(
			app.Text(tr("consent.nonce1")),
			app.Code().ID("consent-nonce").Text(p.reqNonce),
			app.Text(tr("consent.nonce2")),
			app.Span().Class("mono wrap").Text(orDash(c.Result.Issuer)),
			app.Text(tr("consent.nonce3")),
		),
		app.If(len(cs.Absent) > 0, func() app.UI {
			return app.P().ID("consent-absent").Class("warning").Text(tr("consent.absent", strings.Join(cs.Absent, ", ")))
		}),
		app.If(len(cs.AlwaysShown) > 0, func() app.UI {
			return app.P().ID("consent-always").Class("muted").Text(tr("consent.always", strings.Join(cs.AlwaysShown, ", ")))
		}),
		app.If(p.whole, func() app.UI {
			return app.Div().ID("consent-whole").Body(
				app.P().Class("warning").Text(tr("present.wholeNote")),
				claimsTable(c.Result.Claims),
			)
		}),
		app.If(!p.whole, func() app.UI { return p.renderChoices(cs) }),
		app.If(!p.whole, func() app.UI {
			return app.P().ID("consent-count").Class("muted").Text(tr("consent.count", n, len(cs.Claims)))
		}),
		app.Div().Class("actions").Body(
			busyButton("present-make", tr("consent.share"), tr("consent.signing"), p.ps.Busy),
			app.Button().ID("present-back").Type("button").OnClick(p.onBack).Text(tr("consent.back")),
		),
	)
}

// renderChoices is the consent screen's checkboxes, one per disclosable
// claim.
func (p *presentPage) renderChoices(cs *consent) app.UI {
	cov := coveredBy(cs.Claims, func(i int) bool { return p.checked[cs.Claims[i].Key] })
	return app.FieldSet().Class("claims-choice").Body(
		app.Legend().Text(tr("consent.legend")),
		app.If(len(cs.Claims) == 0, func() app.UI {
			return app.P().Class("muted").Text(tr("consent.noClaims"))
		}),
		app.Range(cs.Claims).Slice(func(i int) app.UI {
			cl := cs.Claims[i]
			id := fmt.Sprintf("claim-%d", i)
			box := app.Input().ID(id).Type("checkbox").DataSet("path", cl.Key).OnChange(p.onTick(cl.Key))
			included := cov[i] && !p.checked[cl.Key]
			if p.checked[cl.Key] || included {
				box = box.Checked(true) // never checked="false": HTML reads any value as ticked
			}
			if included {
				box = box.Disabled(true).DataSet("included", "true")
			}
			return app.Div().Class("claim-choice").Body(
				box,
				app.Label().For(id).Body(
					app.Span().Class("claim-name mono").Text(cl.Label),
					app.If(cl.Required, func() app.UI {
						return app.Span().Class("pill pill-indeterminate").Text(tr("consent.requested"))
					}),
					app.If(included, func() app.UI {
						return app.Span().Class("pill").Text(tr("consent.included"))
					}),
					app.Span().Class("claim-val mono").Text(cl.Value),
				),
			)
		}),
	)
}

// renderOutput shows the presentation: text, copy, download and QR codes.
func (p *presentPage) renderOutput() app.UI {
	st := p.ps
	if st.Err != "" {
		return app.P().ID("present-error").Class("error").Aria("live", "assertive").Text(st.Err)
	}
	out := st.Out
	return app.Section().ID("present-output").Class("card").Aria("live", "polite").Body(
		app.H2().Text(tr("output.title")),
		app.P().Class("muted").Text(tr("output.summary", out.Audience, len(out.Claims), orNone(strings.Join(out.Claims, ", ")))),
		app.Label().For("present-text").Text(tr("output.text")),
		app.Textarea().ID("present-text").Class("mono").Rows(6).ReadOnly(true).Text(out.Text),
		app.Div().Class("actions").Body(
			app.Button().ID("present-copy").Type("button").OnClick(p.onCopy).Text(tr("output.copy")),
			app.A().ID("present-download").Class("button").
				Href("data:text/plain;charset=utf-8,"+url.PathEscape(out.Text)).
				Attr("download", "presentation.txt").Text(tr("output.download")),
			app.If(p.copied != "", func() app.UI { return app.Span().Class("muted").Aria("live", "polite").Text(p.copied) }),
		),
		app.If(st.QRNote != "", func() app.UI { return app.P().Class("warning").Text(st.QRNote) }),
		app.If(len(st.QR) > 1, func() app.UI {
			return app.P().ID("present-qr-note").Class("notice").Text(tr("output.qrSplit", len(st.QR)))
		}),
		app.Div().ID("present-qr").Class("qr-grid").Body(
			app.Range(st.QR).Slice(func(i int) app.UI {
				q := st.QR[i]
				label := tr("output.qr")
				if q.Of > 1 {
					label = tr("output.qrPart", q.Part, q.Of)
				}
				return app.Figure().Class("qr").Body(
					app.Img().Src(q.SVG).Alt(label).Width(280).Height(280),
					app.FigCaption().Text(label),
				)
			}),
		),
	)
}

func orNone(s string) string {
	if s == "" {
		return tr("output.none")
	}
	return s
}
