package app

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// receivePage takes a credential offer (OpenID4VCI): from a same-device
// link (/receive?credential_offer_uri=…), or pasted. It says who offers
// what, asks for the transaction code when the issuer sent one, and
// receives the credential into the wallet only when the holder accepts.
type receivePage struct {
	app.Compo

	ws    walletState
	st    offerState
	input string
	tx    string
	hint  string
}

func newReceivePage() *receivePage { return &receivePage{} }

func (p *receivePage) OnMount(ctx app.Context) {
	ctx.ObserveState(stateWallet, &p.ws)
	ctx.ObserveState(stateOffer, &p.st)
	ctx.NewAction(actionWalletOpen)
}

func (p *receivePage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(tr("receive.title") + " · gxwallet")
	if raw := takeProtocolLink(ctx, PathReceive); raw != "" {
		p.input, p.tx, p.hint = "", "", ""
		ctx.NewActionWithValue(actionOfferResolve, raw)
	}
}

// takeProtocolLink reads an offer or request handed to the wallet in its
// address (the protocol URI's query, or ?uri=<URI>) and takes it out of
// the address bar and the browser history: the codes in it are
// single-use and the page must not act on them again on reload.
func takeProtocolLink(ctx app.Context, path string) string {
	u := ctx.Page().URL()
	if u.RawQuery == "" {
		return ""
	}
	raw := "?" + u.RawQuery
	if s := u.Query().Get("uri"); s != "" {
		raw = s
	}
	if app.IsClient {
		app.Window().Get("history").Call("replaceState", nil, "", path)
	}
	return raw
}

func (p *receivePage) onInput(ctx app.Context, e app.Event) {
	p.input = ctx.JSSrc().Get("value").String()
	p.hint = ""
}

func (p *receivePage) onTx(ctx app.Context, e app.Event) {
	p.tx = ctx.JSSrc().Get("value").String()
	p.hint = ""
}

func (p *receivePage) onResolve(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.st.Busy != "" {
		return
	}
	if linkKind(p.input) != "offer" {
		p.hint = tr("err.oid.notOffer")
		return
	}
	p.tx = ""
	ctx.NewActionWithValue(actionOfferResolve, strings.TrimSpace(p.input))
}

func (p *receivePage) onAccept(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.st.Busy != "" {
		return
	}
	if p.st.View.TxCode != nil && strings.TrimSpace(p.tx) == "" {
		p.hint = tr("err.oid.txCode")
		return
	}
	ctx.NewActionWithValue(actionOfferAccept, p.tx)
}

func (p *receivePage) onDecline(ctx app.Context, e app.Event) {
	ctx.SetState(stateOffer, offerState{Seq: seq.Add(1)})
	p.tx, p.hint = "", ""
}

func (p *receivePage) Render() app.UI {
	return newShell().Active(PathWallet).Content(
		walletContent(p.ws, p.renderBody),
	)
}

func (p *receivePage) renderBody() app.UI {
	st := p.st
	return app.Div().ID("receive").Body(
		app.H1().Text(tr("receive.title")),
		app.If(st.Busy == "resolve", func() app.UI {
			return app.P().ID("offer-busy").Class("muted").Aria("live", "polite").Body(
				app.Span().Class("spinner").Aria("hidden", true), app.Text(tr("receive.resolving")))
		}),
		app.If(st.Resolved && !st.Done, p.renderOffer).
			ElseIf(st.Done, p.renderDone).
			ElseIf(st.Busy == "", p.renderPaste),
		app.If(st.Err != "", func() app.UI {
			return app.P().ID("offer-error").Class("error").Aria("live", "assertive").Text(st.Err)
		}),
	)
}

func (p *receivePage) renderPaste() app.UI {
	return app.Form().ID("offer-form").Class("card form").OnSubmit(p.onResolve).Body(
		app.P().Class("lead").Text(tr("receive.lead")),
		app.Label().For("offer-input").Text(tr("receive.label")),
		app.Textarea().ID("offer-input").Class("mono").Rows(4).Spellcheck(false).Attr("autocomplete", "off").
			Placeholder("openid-credential-offer://?credential_offer_uri=…").Text(p.input).OnInput(p.onInput),
		app.Div().Class("actions").Body(
			app.Button().ID("offer-continue").Class("primary").Type("submit").Text(tr("present.continue")),
			app.If(p.hint != "", func() app.UI { return app.Span().ID("offer-hint").Class("hint").Text(p.hint) }),
		),
	)
}

// renderOffer is the consent screen of an offer.
func (p *receivePage) renderOffer() app.UI {
	v := p.st.View
	return app.Form().ID("offer").Class("card form consent").OnSubmit(p.onAccept).Body(
		app.H2().ID("offer-title").TabIndex(-1).Body(
			app.Span().ID("offer-issuer").Text(v.Issuer),
			app.Text(" "+tr("receive.offers")),
		),
		app.P().Class("mono muted wrap").Text(v.IssuerURL),
		app.Ul().ID("offer-types").Body(
			app.Range(v.Types).Slice(func(i int) app.UI { return app.Li().Text(v.Types[i]) }),
		),
		app.P().Class("muted").Text(tr("receive.binding")),
		app.If(v.TxCode != nil, func() app.UI {
			mode := "numeric"
			if v.TxCode != nil && v.TxCode.InputMode == "text" {
				mode = "text"
			}
			desc := tr("receive.txLead")
			if v.TxCode.Description != "" {
				desc = v.TxCode.Description
			}
			in := app.Input().ID("offer-txcode").Type("text").Class("mono").Attr("inputmode", mode).
				Attr("autocomplete", "one-time-code").Value(p.tx).OnInput(p.onTx)
			if v.TxCode.Length > 0 {
				in = in.Attr("maxlength", v.TxCode.Length)
			}
			return app.Div().Body(
				app.Label().For("offer-txcode").Text(tr("receive.txCode")),
				app.P().Class("muted").Text(desc),
				in,
			)
		}),
		app.Div().Class("actions").Body(
			busyButton("offer-accept", tr("receive.accept"), tr("receive.receiving"), p.st.Busy == "accept"),
			app.Button().ID("offer-decline").Type("button").OnClick(p.onDecline).Text(tr("receive.decline")),
			app.If(p.hint != "", func() app.UI { return app.Span().ID("offer-hint").Class("hint").Text(p.hint) }),
		),
	)
}

func (p *receivePage) renderDone() app.UI {
	got := p.st.Received
	return app.Div().ID("offer-done").Class("notice").Aria("live", "polite").Body(
		app.P().Text(tr("receive.done", len(got), p.st.View.Issuer)),
		app.Ul().Body(
			app.Range(got).Slice(func(i int) app.UI {
				c := got[i]
				return app.Li().Body(
					app.A().ID(fmt.Sprintf("offer-open-%d", i)).Href(PathCredential+"?id="+url.QueryEscape(c.ID)).Text(credTitle(c.Type)),
					app.Text(" · "+statusLabel(c.Result.Status)),
				)
			}),
		),
		app.P().Body(app.A().Href(PathWallet).Text(tr("import.seeAll"))),
	)
}
