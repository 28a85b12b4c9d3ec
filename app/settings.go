package app

import (
	"fmt"
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
	ctx.Page().SetTitle("Settings · gxwallet")
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
		p.hint = "The lock timeout is a number of minutes, from 0.5 to 1440."
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
		app.H1().Text("Settings"),
		opMessages(ws, "settings", "wipe"),
		app.Form().ID("settings-form").Class("card form").OnSubmit(p.onSave).Body(
			app.Label().For("settings-trusted").Body(
				app.Text("Trusted issuers "),
				app.Span().Class("muted").Text("(one DID per line: credentials they issue are shown as active rather than untrusted)"),
			),
			app.Textarea().ID("settings-trusted").Class("mono").Rows(4).Spellcheck(false).Attr("autocomplete", "off").
				Placeholder("did:web:employer.example").Text(p.trusted).OnInput(p.onTrusted),
			app.Label().For("settings-lock").Text("Lock after this many minutes without activity"),
			app.Input().ID("settings-lock").Type("number").Attr("min", "0.5").Attr("max", "1440").Attr("step", "0.5").
				Attr("inputmode", "decimal").Value(p.lockMins).OnInput(p.onLock),
			app.Div().Class("actions").Body(
				busyButton("settings-save", "Save settings", "Saving…", ws.Busy == "settings"),
				app.If(p.hint != "", func() app.UI { return app.Span().ID("settings-hint").Class("hint").Text(p.hint) }),
			),
		),
		app.Section().ID("settings-holder").Class("card").Body(
			app.H2().Text("Your holder key"),
			app.P().Class("muted").Text("Credentials are bound to this key. It was made on this device, cannot be exported, and signs every presentation you make."),
			app.Dl().Class("facts").Body(
				app.Dt().Text("DID"),
				app.Dd().ID("settings-holder-did").Class("mono wrap").Text(ws.HolderDID),
				app.Dt().Text("Public key (JWK)"),
				app.Dd().Body(app.Pre().ID("settings-holder-jwk").Class("claims mono wrap").Text(ws.HolderJWK)),
			),
		),
		p.renderBackup(),
		app.Section().ID("settings-danger").Class("card danger-zone").Body(
			app.H2().Text("Wipe this wallet"),
			app.P().Text("Deletes every credential, the history and the holder key from this device. There is no undo."),
			app.If(!p.wiping, func() app.UI {
				return app.Button().ID("settings-wipe").Class("danger").Type("button").OnClick(p.onWipe).Text("Wipe wallet…")
			}).Else(func() app.UI {
				return app.Div().ID("settings-wipe-box").Class("confirm").Aria("live", "assertive").Body(
					app.P().Body(app.Strong().Text("Really delete everything in this wallet?")),
					app.Div().Class("actions").Body(
						app.Button().ID("settings-wipe-confirm").Class("danger primary").Type("button").OnClick(p.onWipeConfirm).Text("Delete everything"),
						app.Button().ID("settings-wipe-cancel").Type("button").OnClick(p.onWipeCancel).Text("Cancel"),
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
		app.H2().Text("Backup"),
		app.P().Text("Export one encrypted file with your credentials, settings and history, to restore this wallet on another device "+
			"or after a wipe (first screen: Restore from a backup). It opens only with the passphrase this wallet has now; keep the file somewhere safe."),
		app.P().ID("settings-backup-key").Class("warning").Text("The backup cannot hold your holder key: it never leaves this device. "+
			"A restored wallet makes a new holder key; credentials bound to this one come back but must be issued again to the new key before you can present them."),
		app.Div().Class("actions").Body(
			actionButton("settings-export", "Export backup", "Encrypting…", bs.Busy, p.onExport),
		),
		app.If(bs.URL != "", func() app.UI {
			return app.P().ID("settings-backup-ready").Class("notice").Aria("live", "polite").Body(
				app.Text("Your backup is ready: "),
				app.A().ID("settings-backup-link").Href(bs.URL).Attr("download", bs.Name).Text("save "+bs.Name),
				app.Text(fmt.Sprintf(" (%d KiB).", (bs.Size+1023)/1024)),
			)
		}),
		app.If(bs.Err != "", func() app.UI {
			return app.P().ID("settings-backup-error").Class("error").Aria("live", "assertive").Text(bs.Err)
		}),
	)
}
