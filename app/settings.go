package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// settingsPage edits the trusted issuers and the lock timeout, shows the
// holder key's DID and public JWK, and wipes the wallet after a
// confirmation.
type settingsPage struct {
	app.Compo

	ws       walletState
	trusted  string
	lockMins string
	edited   bool // the fields hold the holder's edits, not the stored values
	hint     string
	wiping   bool

	bs        backupState
	exporting bool // an export was asked for here: save it when it comes
}

func newSettingsPage() *settingsPage { return &settingsPage{} }

func (p *settingsPage) OnMount(ctx app.Context) {
	ctx.ObserveState(stateWallet, &p.ws).OnChange(func() {
		if !p.edited || (p.ws.Op == "settings" && p.ws.Err == "" && p.ws.Busy == "") {
			p.load()
		}
	})
	ctx.ObserveState(stateBackup, &p.bs).OnChange(func() {
		if p.exporting && !p.bs.Busy {
			p.exporting = false
			if p.bs.URL != "" {
				ctx.Defer(func(ctx app.Context) { clickElement("settings-backup-link") })
			}
		}
	})
	p.load()
	ctx.NewAction(actionWalletOpen)
}

func (p *settingsPage) onExport(ctx app.Context, e app.Event) {
	if p.bs.Busy {
		return
	}
	p.exporting = true
	ctx.NewAction(actionExport)
}

// clickElement clicks the element with id (a download link), if any.
func clickElement(id string) {
	if !app.IsClient {
		return
	}
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("click")
	}
}

// load fills the fields from the stored settings.
func (p *settingsPage) load() {
	p.trusted = strings.Join(p.ws.Settings.TrustedIssuers, "\n")
	secs := p.ws.Settings.LockAfterSeconds
	if secs <= 0 {
		secs = 300
	}
	p.lockMins = strconv.FormatFloat(float64(secs)/60, 'f', -1, 64)
	p.edited = false
}

func (p *settingsPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(tr("settings.title") + " · gxwallet")
}

func (p *settingsPage) onTrusted(ctx app.Context, e app.Event) {
	p.trusted, p.edited, p.hint = ctx.JSSrc().Get("value").String(), true, ""
}

func (p *settingsPage) onLock(ctx app.Context, e app.Event) {
	p.lockMins, p.edited, p.hint = ctx.JSSrc().Get("value").String(), true, ""
}

func (p *settingsPage) onSave(ctx app.Context, e app.Event) {
	e.PreventDefault()
	mins, err := strconv.ParseFloat(strings.TrimSpace(p.lockMins), 64)
	if err != nil || mins*60 < minLockAfter || mins*60 > maxLockAfter {
		p.hint = tr("settings.hintLock")
		return
	}
	ctx.NewActionWithValue(actionSettings, settingsArgs{Trusted: parseTrusted(p.trusted), LockAfter: int(mins * 60)})
}

func (p *settingsPage) onWipe(ctx app.Context, e app.Event) {
	p.wiping = true
	ctx.Defer(func(ctx app.Context) { focus("settings-wipe-cancel") })
}

func (p *settingsPage) onWipeCancel(ctx app.Context, e app.Event) {
	p.wiping = false
	ctx.Defer(func(ctx app.Context) { focus("settings-wipe") })
}

func (p *settingsPage) onWipeConfirm(ctx app.Context, e app.Event) {
	p.wiping = false
	ctx.NewAction(actionWipe)
}

func (p *settingsPage) Render() app.UI {
	return newShell().Active(PathSettings).Content(
		app.If(p.ws.Op == "wipe" && p.ws.Err == "" && p.ws.Notice != "", func() app.UI {
			return app.P().ID("op-notice").Class("notice").Text(p.ws.Notice)
		}),
		walletContent(p.ws, p.renderSettings),
	)
}

func (p *settingsPage) renderSettings() app.UI {
	ws := p.ws
	return app.Div().ID("settings").Body(
		app.H1().Text(tr("settings.title")),
		opMessages(ws, "settings", "wipe", "language"),
		p.renderLanguage(),
		app.Form().ID("settings-form").Class("card form").OnSubmit(p.onSave).Body(
			app.Label().For("settings-trusted").Body(
				app.Text(tr("settings.trusted")+" "),
				app.Span().Class("muted").Text(tr("settings.trustedNote")),
			),
			app.Textarea().ID("settings-trusted").Class("mono").Rows(4).Spellcheck(false).Attr("autocomplete", "off").
				Placeholder("did:web:employer.example").Text(p.trusted).OnInput(p.onTrusted),
			app.Label().For("settings-lock").Text(tr("settings.lockLabel")),
			app.Input().ID("settings-lock").Type("number").Attr("min", "0.5").Attr("max", "1440").Attr("step", "0.5").
				Attr("inputmode", "decimal").Value(p.lockMins).OnInput(p.onLock),
			app.Div().Class("actions").Body(
				busyButton("settings-save", tr("settings.save"), tr("settings.saving"), ws.Busy == "settings"),
				app.If(p.hint != "", func() app.UI { return app.Span().ID("settings-hint").Class("hint").Text(p.hint) }),
			),
		),
		app.Section().ID("settings-holder").Class("card").Body(
			app.H2().Text(tr("settings.holderTitle")),
			app.P().Class("muted").Text(tr("settings.holderNote")),
			app.Dl().Class("facts").Body(
				app.Dt().Text(tr("settings.did")),
				app.Dd().ID("settings-holder-did").Class("mono wrap").Text(ws.HolderDID),
				app.Dt().Text(tr("settings.jwk")),
				app.Dd().Body(app.Pre().ID("settings-holder-jwk").Class("claims mono wrap").Text(ws.HolderJWK)),
			),
		),
		newTrustBundleSection().State(ws), // trustbundle.go
		newPasskeySettings().State(ws),    // passkey.go
		p.renderBackup(),
		app.Section().ID("settings-danger").Class("card danger-zone").Body(
			app.H2().Text(tr("settings.wipeTitle")),
			app.P().Text(tr("settings.wipeNote")),
			app.If(!p.wiping, func() app.UI {
				return app.Button().ID("settings-wipe").Class("danger").Type("button").OnClick(p.onWipe).Text(tr("settings.wipe"))
			}).Else(func() app.UI {
				return app.Div().ID("settings-wipe-box").Class("confirm").Aria("live", "assertive").Body(
					app.P().Body(app.Strong().Text(tr("settings.wipeConfirmQ"))),
					app.Div().Class("actions").Body(
						app.Button().ID("settings-wipe-confirm").Class("danger primary").Type("button").OnClick(p.onWipeConfirm).Text(tr("settings.wipeConfirm")),
						app.Button().ID("settings-wipe-cancel").Type("button").OnClick(p.onWipeCancel).Text(tr("settings.cancel")),
					),
				)
			}),
		),
	)
}

// renderBackup is the export of a backup file.
func (p *settingsPage) renderBackup() app.UI {
	bs := p.bs
	return app.Section().ID("settings-backup").Class("card").Body(
		app.H2().Text(tr("backup.title")),
		app.P().Text(tr("backup.lead")),
		app.P().ID("settings-backup-key").Class("warning").Text(tr("backup.keyNote")),
		app.Div().Class("actions").Body(
			actionButton("settings-export", tr("backup.export"), tr("backup.busy"), bs.Busy, p.onExport),
		),
		app.If(bs.URL != "", func() app.UI {
			return app.P().ID("settings-backup-ready").Class("notice").Aria("live", "polite").Body(
				app.Text(tr("backup.ready")+" "),
				app.A().ID("settings-backup-link").Href(bs.URL).Attr("download", bs.Name).Text(tr("backup.save", bs.Name)),
				app.Text(" "+tr("backup.size", (bs.Size+1023)/1024)),
			)
		}),
		app.If(bs.Err != "", func() app.UI {
			return app.P().ID("settings-backup-error").Class("error").Aria("live", "assertive").Text(bs.Err)
		}),
	)
}

// langAuto is the value of the language menu's "browser's language"
// entry (go-app drops empty attribute values).
const langAuto = "auto"

func (p *settingsPage) onLang(ctx app.Context, e app.Event) {
	v := ctx.JSSrc().Get("value").String()
	if v == langAuto {
		v = ""
	}
	ctx.NewActionWithValue(actionLanguage, v)
}

// renderLanguage is the language menu; a choice is saved and applied at
// once.
func (p *settingsPage) renderLanguage() app.UI {
	chosen := p.ws.Settings.Language
	if _, ok := parseLang(chosen); !ok {
		chosen = ""
	}
	opt := func(value, label string, selected bool) app.UI {
		o := app.Option().Value(value).Text(label)
		if selected {
			o = o.Selected(true)
		}
		return o
	}
	opts := []app.UI{opt(langAuto, tr("settings.langBrowser", langNames[browserLang()]), chosen == "")}
	for l := range numLangs {
		opts = append(opts, opt(l.String(), langNames[l], chosen == l.String()))
	}
	sel := app.Select().ID("settings-lang").OnChange(p.onLang)
	if p.ws.Busy == "language" {
		sel = sel.Disabled(true)
	}
	return app.Div().ID("settings-language").Class("card form").Body(
		app.Label().For("settings-lang").Text(tr("settings.langLabel")),
		sel.Body(opts...),
	)
}
