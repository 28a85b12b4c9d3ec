package app

import (
	"unicode/utf8"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// gate stands in front of every wallet page until the wallet is open: it
// creates a wallet on first run and unlocks an existing one. The
// passphrase stays in this component's unexported fields, goes to the
// handler in the action's value and is cleared on submit.
type gate struct {
	app.Compo

	// IState is the wallet's state (phase, busy, last error).
	IState walletState

	pass, confirm string
	hint          string

	// The restore form: the backup file's text and name, its passphrase.
	restoreFile, restoreName string
	restorePass, restoreHint string
}

func newGate() *gate { return &gate{} }

// State sets the wallet state to render from.
func (g *gate) State(st walletState) *gate {
	g.IState = st
	return g
}

func (g *gate) onPass(ctx app.Context, e app.Event) {
	g.pass = ctx.JSSrc().Get("value").String()
	g.hint = ""
}

func (g *gate) onConfirm(ctx app.Context, e app.Event) {
	g.confirm = ctx.JSSrc().Get("value").String()
	g.hint = ""
}

func (g *gate) onCreate(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if g.IState.Busy != "" {
		return
	}
	switch {
	case utf8.RuneCountInString(g.pass) < minPassphrase:
		g.hint = tr("gate.hintShort", minPassphrase)
		return
	case g.pass != g.confirm:
		g.hint = tr("gate.hintDiffer")
		return
	}
	pass := g.pass
	g.pass, g.confirm, g.hint = "", "", ""
	ctx.NewActionWithValue(actionCreate, secret(pass))
}

func (g *gate) onUnlock(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if g.IState.Busy != "" {
		return
	}
	if g.pass == "" {
		g.hint = tr("gate.hintType")
		return
	}
	pass := g.pass
	g.pass, g.hint = "", ""
	ctx.NewActionWithValue(actionUnlock, secret(pass))
}

// onRestoreFile reads the chosen backup file.
func (g *gate) onRestoreFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	f := files.Index(0)
	if f.Get("size").Int() > store.MaxBackupBytes {
		g.restoreHint = tr("restore.hintTooLarge")
		return
	}
	name := f.Get("name").String()
	var onText app.Func
	onText = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		ctx.Dispatch(func(ctx app.Context) {
			g.restoreFile, g.restoreName, g.restoreHint = text, name, ""
		})
		onText.Release()
		return nil
	})
	f.Call("text").Call("then", onText)
}

func (g *gate) onRestorePass(ctx app.Context, e app.Event) {
	g.restorePass = ctx.JSSrc().Get("value").String()
	g.restoreHint = ""
}

func (g *gate) onRestore(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if g.IState.Busy != "" {
		return
	}
	switch {
	case g.restoreFile == "":
		g.restoreHint = tr("restore.hintFile")
		return
	case g.restorePass == "":
		g.restoreHint = tr("restore.hintPass")
		return
	}
	args := restoreArgs{File: []byte(g.restoreFile), Pass: secret(g.restorePass)}
	g.restorePass, g.restoreHint = "", ""
	ctx.NewActionWithValue(actionRestore, args)
}

func (g *gate) Render() app.UI {
	st := g.IState
	switch st.Phase {
	case walletNone:
		return g.renderCreate()
	case walletLocked:
		return g.renderUnlock()
	case walletUnavailable:
		return app.Section().ID("gate").Class("card gate").Body(
			app.H1().Text(tr("gate.unavailable")),
			app.P().ID("gate-error").Class("error").Text(st.Err),
			app.P().Body(app.Text(tr("gate.stillVerify")+" "), app.A().Href(PathVerify).Text(tr("gate.stillVerifyLink")), app.Text(tr("gate.stillVerifyEnd"))),
		)
	}
	return app.Section().ID("gate").Class("card gate").Aria("busy", "true").Body(
		app.P().ID("gate-loading").Class("muted").Text(tr("gate.opening")),
	)
}

func (g *gate) renderCreate() app.UI {
	return app.Div().Class("gate-first").Body(g.renderNew(), g.renderRestore())
}

func (g *gate) renderNew() app.UI {
	busy := g.IState.Busy == "create"
	return app.Section().ID("gate").Class("card gate").Body(
		app.H1().Text(tr("gate.createTitle")),
		app.P().Class("lead").Text(tr("gate.createLead")),
		app.Form().ID("create-form").Class("form").OnSubmit(g.onCreate).Body(
			app.Label().For("create-pass").Text(tr("gate.passLabel", minPassphrase)),
			app.Input().ID("create-pass").Type("password").Attr("autocomplete", "new-password").AutoFocus(true).
				Attr("minlength", minPassphrase).Required(true).Value(g.pass).OnInput(g.onPass),
			app.Label().For("create-confirm").Text(tr("gate.passAgain")),
			app.Input().ID("create-confirm").Type("password").Attr("autocomplete", "new-password").
				Required(true).Value(g.confirm).OnInput(g.onConfirm),
			app.P().ID("create-warning").Class("warning").Text(tr("gate.createWarning")),
			app.Div().Class("actions").Body(
				busyButton("create-button", tr("gate.create"), tr("gate.creating"), busy),
				g.messages(),
			),
		),
	)
}

// renderRestore is the first-run screen's second way in: a backup file
// and its passphrase.
func (g *gate) renderRestore() app.UI {
	st := g.IState
	busy := st.Busy == "restore"
	msg := g.restoreHint
	if msg == "" && st.Op == "restore" && st.Busy == "" {
		msg = st.Err
	}
	return app.Section().ID("restore").Class("card gate").Aria("labelledby", "restore-title").Body(
		app.H2().ID("restore-title").Text(tr("restore.title")),
		app.P().Class("muted").Text(tr("restore.lead")),
		app.P().ID("restore-key-note").Class("warning").Text(tr("restore.keyNote")),
		app.P().ID("restore-passkey-note").Class("muted").Text(tr("passkey.restoreNote")),
		app.Form().ID("restore-form").Class("form").OnSubmit(g.onRestore).Body(
			app.Label().For("restore-file").Text(tr("restore.fileLabel")),
			app.Input().ID("restore-file").Type("file").Accept(".json,application/json").OnChange(g.onRestoreFile),
			app.If(g.restoreName != "", func() app.UI {
				return app.P().ID("restore-file-name").Class("muted").Text(tr("restore.chosen", g.restoreName))
			}),
			app.Label().For("restore-pass").Text(tr("restore.passLabel")),
			app.Input().ID("restore-pass").Type("password").Attr("autocomplete", "current-password").
				Value(g.restorePass).OnInput(g.onRestorePass),
			app.Div().Class("actions").Body(
				busyButton("restore-button", tr("restore.button"), tr("restore.busy"), busy),
				app.If(msg != "", func() app.UI {
					return app.Span().ID("restore-error").Class("hint").Aria("live", "assertive").Text(msg)
				}),
			),
		),
	)
}

func (g *gate) renderUnlock() app.UI {
	st := g.IState
	busy := st.Busy == "unlock"
	return app.Section().ID("gate").Class("card gate").Body(
		app.H1().Text(tr("gate.unlockTitle")),
		app.If(st.Notice != "", func() app.UI {
			return app.P().ID("gate-notice").Class("notice").Text(st.Notice)
		}),
		app.If(st.Pending, func() app.UI {
			return app.P().ID("gate-pending").Class("notice").Text(tr("gate.pending"))
		}),
		app.Form().ID("unlock-form").Class("form").OnSubmit(g.onUnlock).Body(
			app.Label().For("unlock-pass").Text(tr("gate.passphrase")),
			app.Input().ID("unlock-pass").Type("password").Attr("autocomplete", "current-password").AutoFocus(true).
				Required(true).Value(g.pass).OnInput(g.onPass),
			app.Div().Class("actions").Body(
				busyButton("unlock-button", tr("gate.unlock"), tr("gate.unlocking"), busy),
				g.messages(),
			),
		),
		g.renderPasskeyUnlock(), // passkey.go
	)
}

// messages shows the form's hint or the last operation's error.
func (g *gate) messages() app.UI {
	msg := g.hint
	if msg == "" && (g.IState.Op == "create" || g.IState.Op == "unlock") {
		msg = g.IState.Err
	}
	return app.If(msg != "", func() app.UI {
		return app.Span().ID("gate-error").Class("hint").Aria("live", "assertive").Text(msg)
	})
}

// busyButton is a submit button that shows a spinner and is disabled
// while its operation runs (go-app writes Disabled(false) as an attribute,
// so it is only set when true).
func busyButton(id, label, busyLabel string, busy bool) app.UI {
	b := app.Button().ID(id).Class("primary").Type("submit")
	if busy {
		return b.Disabled(true).Aria("busy", "true").Body(
			app.Span().Class("spinner").Aria("hidden", true),
			app.Text(busyLabel),
		)
	}
	return b.Text(label)
}

// walletContent renders content when the wallet is open and the gate
// otherwise.
func walletContent(st walletState, content func() app.UI) app.UI {
	if st.Phase == walletOpen {
		return content()
	}
	return newGate().State(st)
}

// actionButton is a plain button that shows a spinner and is disabled
// while its operation runs.
func actionButton(id, label, busyLabel string, busy bool, onClick app.EventHandler) app.UI {
	b := app.Button().ID(id).Type("button").OnClick(onClick)
	if busy {
		return b.Disabled(true).Aria("busy", "true").Body(
			app.Span().Class("spinner dark").Aria("hidden", true),
			app.Text(busyLabel),
		)
	}
	return b.Text(label)
}
