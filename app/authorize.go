package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// authorizePage answers a relying party's presentation request
// (OpenID4VP): from a same-device link (/authorize?client_id=…&request_uri=…)
// or pasted. It says who asks, shows for each requested credential the
// claims as checkboxes — ticked only where the request asks — and sends
// exactly the ticked claims, or a refusal, to the verifier.
type authorizePage struct {
	app.Compo

	ws      walletState
	st      vpState
	input   string
	hint    string
	pending string // a link waiting for the wallet to be unlocked
	checked map[string]bool
	baseSeq uint64 // the vpState the checkboxes were set from
}

func newAuthorizePage() *authorizePage { return &authorizePage{} }

func (p *authorizePage) OnMount(ctx app.Context) {
	ctx.ObserveState(stateWallet, &p.ws).OnChange(func() { p.resolvePending(ctx) })
	ctx.ObserveState(stateVP, &p.st).OnChange(func() {
		// A newly resolved request: tick what it asks for, nothing else.
		if p.st.Resolved && p.st.Busy == "" && !p.st.Done && p.st.Err == "" && p.st.Seq != p.baseSeq {
			p.baseSeq = p.st.Seq
			p.checked = map[string]bool{}
			for i, a := range p.st.View.Answers {
				for _, cl := range a.Consent.Claims {
					p.checked[answerKey(i, cl.Key)] = cl.Required
				}
			}
		}
	})
	ctx.NewAction(actionWalletOpen)
}

func (p *authorizePage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(tr("authorize.title") + " · gxwallet")
	if raw := takeProtocolLink(ctx, PathAuthorize); raw != "" {
		p.pending, p.input, p.hint = raw, "", ""
		p.resolvePending(ctx)
	}
}

// resolvePending resolves a linked request once the wallet is open (the
// request is matched against the stored credentials).
func (p *authorizePage) resolvePending(ctx app.Context) {
	if p.pending == "" || p.ws.Phase != walletOpen {
		return
	}
	raw := p.pending
	p.pending = ""
	ctx.NewActionWithValue(actionRequestResolve, raw)
}

func answerKey(i int, key string) string { return fmt.Sprintf("%d|%s", i, key) }

func (p *authorizePage) onInput(ctx app.Context, e app.Event) {
	p.input = ctx.JSSrc().Get("value").String()
	p.hint = ""
}

func (p *authorizePage) onResolve(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.st.Busy != "" {
		return
	}
	if linkKind(p.input) != "request" {
		p.hint = tr("err.oid.notRequest")
		return
	}
	ctx.NewActionWithValue(actionRequestResolve, strings.TrimSpace(p.input))
}

func (p *authorizePage) onTick(key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.checked[key] = ctx.JSSrc().Get("checked").Bool()
	}
}

// choices are the ticked claims, per answer; an answer with nothing
// ticked is left out.
func (p *authorizePage) choices() []vpChoice {
	var out []vpChoice
	for i, a := range p.st.View.Answers {
		c := vpChoice{QueryID: a.QueryID, CredID: a.CredID}
		for _, cl := range a.Consent.Claims {
			if p.checked[answerKey(i, cl.Key)] {
				c.Paths = append(c.Paths, cl.Path)
			}
		}
		if len(c.Paths) > 0 || len(a.Consent.Claims) == 0 || len(a.Consent.AlwaysShown) > 0 {
			out = append(out, c)
		}
	}
	return out
}

func (p *authorizePage) onShare(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.st.Busy != "" {
		return
	}
	ch := p.choices()
	if len(ch) == 0 {
		p.hint = tr("err.oid.nothingChosen")
		return
	}
	ctx.NewActionWithValue(actionRequestRespond, ch)
}

func (p *authorizePage) onDecline(ctx app.Context, e app.Event) {
	if p.st.Busy != "" {
		return
	}
	ctx.NewAction(actionRequestDecline)
}

func (p *authorizePage) Render() app.UI {
	return newShell().Active(PathPresent).Content(
		walletContent(p.ws, p.renderBody),
	)
}

func (p *authorizePage) renderBody() app.UI {
	st := p.st
	return app.Div().ID("authorize").Body(
		app.H1().Text(tr("authorize.title")),
		app.If(st.Busy == "resolve", func() app.UI {
			return app.P().ID("vp-busy").Class("muted").Aria("live", "polite").Body(
				app.Span().Class("spinner").Aria("hidden", true), app.Text(tr("authorize.resolving")))
		}),
		app.If(st.Done, p.renderDone).
			ElseIf(st.Resolved, p.renderRequest).
			ElseIf(st.Busy == "", p.renderPaste),
		app.If(st.Err != "", func() app.UI {
			return app.P().ID("vp-error").Class("error").Aria("live", "assertive").Text(st.Err)
		}),
	)
}

func (p *authorizePage) renderPaste() app.UI {
	return app.Form().ID("vp-form").Class("card form").OnSubmit(p.onResolve).Body(
		app.P().Class("lead").Text(tr("authorize.lead")),
		app.Label().For("vp-input").Text(tr("authorize.label")),
		app.Textarea().ID("vp-input").Class("mono").Rows(4).Spellcheck(false).Attr("autocomplete", "off").
			Placeholder("openid4vp://?client_id=…&request_uri=…").Text(p.input).OnInput(p.onInput),
		app.Div().Class("actions").Body(
			app.Button().ID("vp-continue").Class("primary").Type("submit").Text(tr("present.continue")),
			app.If(p.hint != "", func() app.UI { return app.Span().ID("vp-hint").Class("hint").Text(p.hint) }),
		),
	)
}

// renderRequest is the consent screen of a request.
func (p *authorizePage) renderRequest() app.UI {
	v := p.st.View
	head := app.Div().Body(
		app.H2().ID("vp-title").TabIndex(-1).Body(
			app.Span().ID("vp-verifier").Class("mono aud").Text(v.Verifier),
			app.Text(" "+tr("authorize.asks")),
		),
		app.P().Class("muted").Body(
			app.Text(tr("authorize.unsigned")+" "),
			app.Code().ID("vp-client").Class("wrap").Text(v.ClientID),
		),
	)
	if v.NoMatch {
		return app.Div().ID("vp-request").Class("card").Body(
			head,
			app.P().ID("vp-nomatch").Class("warning").Text(tr("authorize.noMatch")),
			app.Div().Class("actions").Body(
				actionButton("vp-decline", tr("authorize.tellNo"), tr("authorize.sending"), p.st.Busy == "decline", p.onDecline),
			),
		)
	}
	return app.Form().ID("vp-request").Class("card form consent").OnSubmit(p.onShare).Body(
		head,
		app.Range(v.Answers).Slice(func(i int) app.UI {
			a := v.Answers[i]
			return app.FieldSet().Class("claims-choice").Body(
				app.Legend().Body(
					app.Text(credTitle(a.Type)+" "),
					app.Span().Class("muted mono").Text(orDash(a.Issuer)),
					app.If(a.Optional, func() app.UI { return app.Span().Class("pill").Text(tr("authorize.optional")) }),
				),
				app.If(len(a.Consent.AlwaysShown) > 0, func() app.UI {
					return app.P().Class("muted").Text(tr("consent.always", strings.Join(a.Consent.AlwaysShown, ", ")))
				}),
				app.Range(a.Consent.Claims).Slice(func(j int) app.UI {
					cl := a.Consent.Claims[j]
					key := answerKey(i, cl.Key)
					id := fmt.Sprintf("vp-claim-%d-%d", i, j)
					box := app.Input().ID(id).Type("checkbox").DataSet("path", cl.Key).OnChange(p.onTick(key))
					cov := coveredBy(a.Consent.Claims, func(k int) bool { return p.checked[answerKey(i, a.Consent.Claims[k].Key)] })
					included := cov[j] && !p.checked[key]
					if p.checked[key] || included {
						box = box.Checked(true)
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
		}),
		app.Div().Class("actions").Body(
			busyButton("vp-share", tr("consent.share"), tr("consent.signing"), p.st.Busy == "respond"),
			actionButton("vp-decline", tr("authorize.decline"), tr("authorize.sending"), p.st.Busy == "decline", p.onDecline),
			app.If(p.hint != "", func() app.UI { return app.Span().ID("vp-hint").Class("hint").Text(p.hint) }),
		),
	)
}

func (p *authorizePage) renderDone() app.UI {
	out := p.st.Outcome
	msg := tr("authorize.sent", out.Verifier, orNone(strings.Join(out.Claims, ", ")))
	if out.Declined {
		msg = tr("authorize.declined", out.Verifier)
	}
	return app.Div().ID("vp-done").Class("notice").Aria("live", "polite").Body(
		app.P().Text(msg),
		app.If(out.RedirectURI != "", func() app.UI {
			return app.P().Body(app.A().ID("vp-continue-link").Href(out.RedirectURI).Text(tr("authorize.continue", out.Verifier)))
		}),
		app.P().Body(app.A().Href(PathHistory).Text(tr("authorize.history"))),
	)
}
