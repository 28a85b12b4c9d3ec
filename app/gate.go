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
		g.hint = "Use at least 10 characters: a few unrelated words are easy to remember and hard to guess."
		return
	case g.pass != g.confirm:
		g.hint = "The two passphrases differ."
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
		g.hint = "Type your passphrase."
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
		g.restoreHint = "That file is too large to be a gxwallet backup."
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
		g.restoreHint = "Choose the backup file first."
		return
	case g.restorePass == "":
		g.restoreHint = "Type the passphrase the wallet had when the backup was made."
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
			app.H1().Text("Storage unavailable"),
			app.P().ID("gate-error").Class("error").Text(st.Err),
			app.P().Body(app.Text("You can still "), app.A().Href(PathVerify).Text("verify a credential"), app.Text(".")),
		)
	}
	return app.Section().ID("gate").Class("card gate").Aria("busy", "true").Body(
		app.P().ID("gate-loading").Class("muted").Text("Opening your wallet…"),
	)
}

func (g *gate) renderCreate() app.UI {
	return app.Div().Class("gate-first").Body(g.renderNew(), g.renderRestore())
}

func (g *gate) renderNew() app.UI {
	busy := g.IState.Busy == "create"
	return app.Section().ID("gate").Class("card gate").Body(
		app.H1().Text("Create your wallet"),
		app.P().Class("lead").Text("Your credentials will be kept on this device only, encrypted under a passphrase you choose. "+
			"A key that proves they are yours is made here and can never be copied off this device."),
		app.Form().ID("create-form").Class("form").OnSubmit(g.onCreate).Body(
			app.Label().For("create-pass").Text("Passphrase (at least 10 characters)"),
			app.Input().ID("create-pass").Type("password").Attr("autocomplete", "new-password").AutoFocus(true).
				Attr("minlength", minPassphrase).Required(true).Value(g.pass).OnInput(g.onPass),
			app.Label().For("create-confirm").Text("Passphrase again"),
			app.Input().ID("create-confirm").Type("password").Attr("autocomplete", "new-password").
				Required(true).Value(g.confirm).OnInput(g.onConfirm),
			app.P().ID("create-warning").Class("warning").Text("Nobody can recover a forgotten passphrase: there is no reset "+
				"and no copy on a server. If you forget it, the credentials in this wallet are lost and must be issued again."),
			app.Div().Class("actions").Body(
				busyButton("create-button", "Create wallet", "Creating…", busy),
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
		app.H2().ID("restore-title").Text("Restore from a backup"),
		app.P().Class("muted").Text("Moving to this device, or after a wipe? Choose a backup file exported from Settings and type the passphrase "+
			"the wallet had when it was made. Your credentials, settings and history come back as they were."),
		app.P().ID("restore-key-note").Class("warning").Text("A backup cannot hold a holder key: keys never leave the device they were made on. "+
			"This device makes a new one. Credentials bound to the old key come back, but cannot be presented until their issuer issues them again to the new key."),
		app.Form().ID("restore-form").Class("form").OnSubmit(g.onRestore).Body(
			app.Label().For("restore-file").Text("Backup file (.json)"),
			app.Input().ID("restore-file").Type("file").Accept(".json,application/json").OnChange(g.onRestoreFile),
			app.If(g.restoreName != "", func() app.UI {
				return app.P().ID("restore-file-name").Class("muted").Text("Chosen: " + g.restoreName)
			}),
			app.Label().For("restore-pass").Text("The wallet's passphrase"),
			app.Input().ID("restore-pass").Type("password").Attr("autocomplete", "current-password").
				Value(g.restorePass).OnInput(g.onRestorePass),
			app.Div().Class("actions").Body(
				busyButton("restore-button", "Restore wallet", "Restoring…", busy),
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
		app.H1().Text("Unlock your wallet"),
		app.If(st.Notice != "", func() app.UI {
			return app.P().ID("gate-notice").Class("notice").Text(st.Notice)
		}),
		app.If(st.Pending, func() app.UI {
			return app.P().ID("gate-pending").Class("notice").Text("A credential from a link is waiting: unlock to add it to your wallet.")
		}),
		app.Form().ID("unlock-form").Class("form").OnSubmit(g.onUnlock).Body(
			app.Label().For("unlock-pass").Text("Passphrase"),
			app.Input().ID("unlock-pass").Type("password").Attr("autocomplete", "current-password").AutoFocus(true).
				Required(true).Value(g.pass).OnInput(g.onPass),
			app.Div().Class("actions").Body(
				busyButton("unlock-button", "Unlock", "Unlocking…", busy),
				g.messages(),
			),
		),
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
