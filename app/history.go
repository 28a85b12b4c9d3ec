package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// historyPage lists every presentation (and import and deletion), newest
// first, and says whether the hash chain of the entries holds.
type historyPage struct {
	app.Compo

	ws      walletState
	hs      historyState
	wasOpen bool
}

func newHistoryPage() *historyPage { return &historyPage{} }

func (p *historyPage) OnMount(ctx app.Context) {
	ctx.ObserveState(stateHistory, &p.hs)
	ctx.ObserveState(stateWallet, &p.ws).OnChange(func() {
		// Load once the wallet opens (and again after each unlock).
		open := p.ws.Phase == walletOpen
		if open && !p.wasOpen {
			ctx.NewAction(actionHistory)
		}
		p.wasOpen = open
	})
	p.wasOpen = p.ws.Phase == walletOpen
	if p.wasOpen {
		ctx.NewAction(actionHistory)
	}
	ctx.NewAction(actionWalletOpen)
}

func (p *historyPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(tr("nav.history") + " · gxwallet")
}

func (p *historyPage) Render() app.UI {
	return newShell().Active(PathHistory).Content(
		walletContent(p.ws, p.renderHistory),
	)
}

// credLabel names a credential of an entry by its type, if still kept.
func (p *historyPage) credLabel(id string) string {
	for _, c := range p.ws.Creds {
		if c.ID == id {
			return credTitle(c.Type)
		}
	}
	if id == "" {
		return "—"
	}
	return tr("history.deletedCred")
}

func (p *historyPage) renderHistory() app.UI {
	hs := p.hs
	return app.Div().ID("history").Body(
		app.H1().Text(tr("nav.history")),
		app.P().Class("lead").Text(tr("history.lead")),
		app.If(hs.Err != "", func() app.UI {
			return app.P().ID("history-error").Class("error").Text(hs.Err)
		}),
		app.If(!hs.Loaded && hs.Err == "", func() app.UI {
			return app.P().ID("history-loading").Class("muted").Text(tr("history.loading"))
		}),
		app.If(hs.Loaded && hs.Tampered, func() app.UI {
			return app.P().ID("history-tampered").Class("error").Aria("live", "assertive").Body(
				app.Strong().Text(tr("history.tampered")+" "),
				app.Text(tr("history.tamperedText", hs.Problem)),
			)
		}),
		app.If(hs.Loaded && !hs.Tampered, func() app.UI {
			return app.P().ID("history-intact").Class("notice").Text(tr("history.intact"))
		}),
		app.If(hs.Loaded && len(hs.Entries) == 0 && !hs.Tampered, func() app.UI {
			return app.P().ID("history-empty").Class("muted").Text(tr("history.empty"))
		}),
		app.If(len(hs.Entries) > 0, func() app.UI {
			entries := hs.Entries
			return scrollable(app.Div().Class("table-wrap card"), tr("history.entries")).Body(
				app.Table().ID("history-table").Class("checks").Body(
					app.THead().Body(app.Tr().Body(
						app.Th().Text(tr("history.when")), app.Th().Text(tr("history.what")), app.Th().Text(tr("history.whom")),
						app.Th().Text(tr("history.cred")), app.Th().Text(tr("history.claims")),
					)),
					app.TBody().Body(app.Range(entries).Slice(func(i int) app.UI {
						e := entries[i]
						return app.Tr().Class("history-entry", "event-"+e.Event).DataSet("seq", e.Seq).Body(
							app.Td().Class("nowrap").Text(fmtTime(e.Time)),
							app.Td().Text(eventLabel(e.Event)),
							app.Td().Class("mono history-aud").Text(orDash(e.Audience)),
							app.Td().Text(p.credLabel(e.Credential)),
							app.Td().Class("mono history-claims").Text(orDash(strings.Join(e.Claims, ", "))),
						)
					})),
				),
			)
		}),
	)
}

func eventLabel(ev string) string {
	switch ev {
	case "present":
		return tr("event.present")
	case "import":
		return tr("event.import")
	case "delete":
		return tr("event.delete")
	case "restore":
		return tr("event.restore")
	}
	return ev
}
