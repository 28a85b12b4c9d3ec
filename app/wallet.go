package app

import (
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// walletPage lists the credentials kept on this device as cards (type,
// issuer, status badge, when it was checked), behind the gate.
type walletPage struct {
	app.Compo

	ws walletState
}

func newWalletPage() *walletPage { return &walletPage{} }

func (p *walletPage) OnMount(ctx app.Context) {
	ctx.ObserveState(stateWallet, &p.ws)
	ctx.NewAction(actionWalletOpen)
}

func (p *walletPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(tr("nav.wallet") + " · gxwallet")
	takeCredentialLink(ctx)
}

// takeCredentialLink handles a ?credential=<URL-encoded credential> link:
// the credential leaves the address bar (and the browser's history) at
// once, and is imported as soon as the wallet is open.
func takeCredentialLink(ctx app.Context) {
	u := ctx.Page().URL()
	q := u.Query()
	raw := q.Get("credential")
	if raw == "" {
		return
	}
	q.Del("credential")
	clean := url.URL{Path: u.Path, RawQuery: q.Encode()}
	if app.IsClient {
		app.Window().Get("history").Call("replaceState", nil, "", clean.String())
	}
	ctx.NewActionWithValue(actionLink, raw)
}

func (p *walletPage) Render() app.UI {
	return newShell().Active(PathWallet).Content(
		walletContent(p.ws, func() app.UI { return p.renderList() }),
	)
}

func (p *walletPage) renderList() app.UI {
	creds := p.ws.Creds
	return app.Div().ID("wallet").Body(
		app.Div().Class("page-head").Body(
			app.H1().Text(tr("wallet.title")),
			app.A().ID("wallet-import").Class("button primary").Href(PathImport).Text(tr("wallet.add")),
		),
		opMessages(p.ws, "import", "delete", "wipe", "create", "restore"),
		app.If(len(creds) == 0, func() app.UI {
			return app.Section().ID("wallet-empty").Class("card empty").Body(
				decorativeImg("empty-icon", "/web/icon.svg", 64),
				app.H2().Text(tr("wallet.emptyTitle")),
				app.P().Text(tr("wallet.emptyText")),
				app.A().ID("wallet-go-import").Class("button").Href(PathImport).Text(tr("wallet.addFirst")),
			)
		}).Else(func() app.UI {
			return app.Ul().ID("cards").Class("cards").Body(
				app.Range(creds).Slice(func(i int) app.UI { return credCard(creds[i]) }),
			)
		}),
	)
}

// credCard is one credential in the list: a link to its detail page.
func credCard(c credEntry) app.UI {
	r := c.Result
	return app.Li().Class("cred-card").DataSet("id", c.ID).Body(
		app.A().Class("card cred-link").Href(PathCredential+"?id="+url.QueryEscape(c.ID)).Body(
			app.Div().Class("cred-top").Body(
				credTypeLabel(c.Type),
				app.Span().Class("badge", "badge-"+badgeClass(r.Status)).Text(statusLabel(r.Status)),
			),
			app.If(c.OtherKey, func() app.UI {
				return app.P().Class("cred-otherkey").Body(app.Span().Class("pill pill-indeterminate").Text(tr("wallet.otherKey")))
			}),
			app.Dl().Class("cred-facts").Body(
				app.Dt().Text(tr("result.issuer")), app.Dd().Class("mono cred-issuer").Text(orDash(r.Issuer)),
				app.Dt().Text(tr("result.format")), app.Dd().Class("mono").Text(orDash(c.Format)),
			),
			app.P().Class("muted cred-checked").Text(tr("wallet.checkedAt", fmtTime(c.Checked))),
		),
	)
}

// opMessages shows the last outcome of one of ops (its notice or error).
func opMessages(st walletState, ops ...string) app.UI {
	for _, op := range ops {
		if st.Op != op || st.Busy != "" {
			continue
		}
		if st.Err != "" {
			return app.P().ID("op-error").Class("error").Aria("live", "assertive").Text(st.Err)
		}
		if st.Notice != "" {
			return app.P().ID("op-notice").Class("notice").Aria("live", "polite").Text(st.Notice)
		}
	}
	return nil
}

// fmtTime shows an instant to the minute, in UTC (a wasm program does not
// know the device's time zone).
func fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// credTitle is a credential type for a title: the last path segment of a
// URL (an SD-JWT VC vct), the local name of a compact IRI (gx:Foo), or
// the type itself.
func credTitle(typ string) string {
	if typ == "" {
		return tr("wallet.untyped")
	}
	t := typ
	if u, err := url.Parse(typ); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
		if seg := path.Base(strings.TrimSuffix(u.Path, "/")); seg != "." && seg != "/" && seg != "" {
			t = seg
		} else {
			t = u.Host
		}
	} else if i := strings.LastIndex(typ, ":"); i >= 0 && i < len(typ)-1 && !strings.Contains(typ, "//") {
		t = typ[i+1:]
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// credTypeLabel shows a credential's title, and its full type below when
// the title shortened it.
func credTypeLabel(typ string) app.UI {
	title := credTitle(typ)
	return app.Span().Class("cred-type").Body(
		app.Text(title),
		app.If(typ != "" && title != typ, func() app.UI {
			return app.Span().Class("cred-vct mono").Text(typ)
		}),
	)
}
