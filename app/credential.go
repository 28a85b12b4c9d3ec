package app

import (
	"encoding/json"
	"net/url"
	"sort"

	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// credentialPage shows one stored credential: its verdict and when it was
// checked, every claim, every check, the raw text; it re-checks, deletes
// (after a confirmation) and leads to presenting it.
type credentialPage struct {
	app.Compo

	ws         walletState
	id         string
	confirming bool
}

func newCredentialPage() *credentialPage { return &credentialPage{} }

func (p *credentialPage) OnMount(ctx app.Context) {
	ctx.ObserveState(stateWallet, &p.ws)
	ctx.NewAction(actionWalletOpen)
}

func (p *credentialPage) OnNav(ctx app.Context) {
	p.id = ctx.Page().URL().Query().Get("id")
	p.confirming = false
	ctx.Page().SetTitle(tr("cred.title") + " · gxwallet")
}

func (p *credentialPage) find() (credEntry, bool) {
	for _, c := range p.ws.Creds {
		if c.ID == p.id {
			return c, true
		}
	}
	return credEntry{}, false
}

func (p *credentialPage) onRecheck(ctx app.Context, e app.Event) {
	if p.ws.Busy == "" {
		ctx.NewActionWithValue(actionRecheck, p.id)
	}
}

func (p *credentialPage) onDelete(ctx app.Context, e app.Event) {
	p.confirming = true
	ctx.Defer(func(ctx app.Context) { focus("cred-delete-cancel") })
}

func (p *credentialPage) onCancel(ctx app.Context, e app.Event) {
	p.confirming = false
	ctx.Defer(func(ctx app.Context) { focus("cred-delete") })
}

func (p *credentialPage) onConfirm(ctx app.Context, e app.Event) {
	p.confirming = false
	if p.ws.Busy == "" {
		ctx.NewActionWithValue(actionDelete, p.id)
	}
}

// focus moves the keyboard focus to the element with id, if any.
func focus(id string) {
	if !app.IsClient {
		return
	}
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}

// onTrust adds the credential's issuer to the trusted issuers: the holder
// decides, after reading who it is.
func (p *credentialPage) onTrust(issuer string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if p.ws.Busy != "" {
			return
		}
		ctx.NewActionWithValue(actionTrust, issuer)
	}
}

func (p *credentialPage) Render() app.UI {
	return newShell().Active(PathWallet).Content(
		walletContent(p.ws, p.renderDetail),
	)
}

func (p *credentialPage) renderDetail() app.UI {
	c, ok := p.find()
	if !ok {
		return app.Div().ID("credential").Body(
			opMessages(p.ws, "delete"),
			app.P().ID("cred-missing").Text(tr("cred.missing")),
			app.A().Class("button").Href(PathWallet).Text(tr("cred.back")),
		)
	}
	r := c.Result
	shown := r
	shown.Claims = nil // listed above, one row each
	busy := p.ws.Busy
	_, sdErr := parseSDJWT(c.Raw)
	return app.Div().ID("credential").DataSet("id", c.ID).Body(
		app.P().Body(app.A().Href(PathWallet).Text("← "+tr("wallet.title"))),
		app.H1().ID("cred-type").Body(credTypeLabel(c.Type)),
		app.Div().Class("verdict").Body(
			app.Span().ID("cred-status").Class("badge", "badge-"+badgeClass(r.Status)).Text(statusLabel(r.Status)),
			app.P().Class("verdict-text").Body(
				app.Text(statusText(r.Status)+" "),
				app.Span().ID("cred-checked").Class("muted").Text(tr("cred.checkedAt", fmtTime(c.Checked))),
			),
		),
		opMessages(p.ws, "recheck", "delete", "import", "trust"),
		app.If(c.OtherKey, func() app.UI {
			return app.P().ID("cred-otherkey").Class("warning").Text(tr("cred.otherKey"))
		}),
		app.If(r.Status == verify.StatusUntrusted && r.Issuer != "", func() app.UI {
			return app.Div().ID("cred-trust").Class("card confirm").Body(
				app.P().Body(
					app.Span().Class("mono wrap").Text(r.Issuer),
					app.Text(" "+tr("cred.notTrusted")),
				),
				actionButton("cred-trust-button", tr("cred.trust"), tr("import.busy"), busy == "trust", p.onTrust(r.Issuer)),
			)
		}),
		app.Div().Class("actions").Body(
			app.If((sdErr == nil && !c.OtherKey) || envelopable(c.Raw), func() app.UI {
				return app.A().ID("cred-present").Class("button primary").Href(PathPresent + "?id=" + url.QueryEscape(c.ID)).Text(tr("cred.present"))
			}),
			actionButton("cred-recheck", tr("cred.recheck"), tr("import.busy"), busy == "recheck", p.onRecheck),
			app.If(!p.confirming, func() app.UI {
				return app.Button().ID("cred-delete").Class("danger").Type("button").OnClick(p.onDelete).Text(tr("cred.delete"))
			}),
		),
		app.If(p.confirming, func() app.UI {
			return app.Div().ID("cred-delete-box").Class("card confirm").Aria("live", "assertive").Body(
				app.P().Text(tr("cred.deleteQ")),
				app.Div().Class("actions").Body(
					app.Button().ID("cred-delete-confirm").Class("danger primary").Type("button").OnClick(p.onConfirm).Text(tr("cred.deleteYes")),
					app.Button().ID("cred-delete-cancel").Type("button").OnClick(p.onCancel).Text(tr("cred.deleteNo")),
				),
			)
		}),
		app.Section().Class("card").Body(
			app.H2().Text(tr("result.claims")),
			claimsTable(r.Claims),
		),
		app.Div().Class("panels").Body(
			issuerPanel(c),
			lifecyclePanel(c),
			delegationPanel(c),
		),
		newResultView().Result(shown),
		app.Details().ID("cred-raw").Class("card raw").Body(
			app.Summary().Text(tr("cred.raw")),
			scrollable(app.Pre().ID("cred-raw-text").Class("claims mono").Text(c.Raw), tr("cred.raw")),
			app.P().Class("muted").Text(tr("cred.rawNote", fmtTime(c.Added), len(c.Raw))),
		),
	)
}

// claimRow is one claim: its path and its value.
type claimRow struct{ Path, Value string }

// claimRows flattens claims into one row per leaf (objects are walked,
// arrays of scalars kept whole), sorted by path.
func claimRows(claims map[string]any) []claimRow {
	var rows []claimRow
	var walk func(prefix string, v any, depth int)
	walk = func(prefix string, v any, depth int) {
		if m, ok := v.(map[string]any); ok && len(m) > 0 && depth < 12 {
			for k, vv := range m {
				p := k
				if prefix != "" {
					p = prefix + "." + k
				}
				walk(p, vv, depth+1)
			}
			return
		}
		if s, ok := v.(string); ok {
			rows = append(rows, claimRow{prefix, s})
			return
		}
		b, _ := json.Marshal(v)
		rows = append(rows, claimRow{prefix, string(b)})
	}
	walk("", claims, 0)
	sort.Slice(rows, func(i, j int) bool { return rows[i].Path < rows[j].Path })
	return rows
}

func claimsTable(claims map[string]any) app.UI {
	if len(claims) == 0 {
		return app.P().Class("muted").Text(tr("cred.noClaims"))
	}
	rows := claimRows(claims)
	return scrollable(app.Div().Class("table-wrap"), tr("result.claims")).Body(
		app.Table().ID("cred-claims").Class("checks claims-table").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text(tr("cred.claim")), app.Th().Text(tr("cred.value")))),
			app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
				return app.Tr().Body(
					app.Td().Class("mono claim-path").Text(rows[i].Path),
					app.Td().Class("claim-value").Text(rows[i].Value),
				)
			})),
		),
	)
}

// envelopable reports whether a credential can be presented whole
// (session.presentWhole).
func envelopable(raw string) bool {
	_, ok := envelopeMedia(raw)
	return ok
}
