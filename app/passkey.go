package app

import (
	"context"
	"crypto/rand"
	"errors"
	"strconv"
	"time"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Passkeys: a WebAuthn credential with the PRF extension that unlocks the
// wallet instead of the passphrase (core/store's SlotPasskey). Settings
// add one (the passphrase is asked again) and remove it; the unlock
// screen offers it when the wallet has one and the browser can use it.
// The passphrase always keeps working, and a backup carries no passkey.

// passkeyBackend is what a backend offers for passkeys: the browser's
// (passkey_js.go) runs WebAuthn and derives the KEK in WebCrypto. A
// backend without it (natively) has no passkeys.
type passkeyBackend interface {
	// passkeySupport reports whether this browser can make and use a
	// passkey with the PRF extension.
	passkeySupport(ctx context.Context) bool
	// createPasskey makes a passkey and returns its credential id and
	// the KEK of a slot for salt in the wallet walletID.
	createPasskey(ctx context.Context, walletID, salt []byte) ([]byte, store.KEK, error)
	// passkeyKEK asks for one of slots' passkeys and returns the index
	// of the one used and its KEK.
	passkeyKEK(ctx context.Context, walletID []byte, slots []store.KeySlot) (int, store.KEK, error)
}

// Errors of the passkey flows, worded by the UI.
var (
	errPasskeyUnsupported = uiErr("err.passkeyUnsupported")
	errPasskeyRefused     = uiErr("err.passkeyRefused")
	errPasskeyWrong       = uiErr("err.passkeyWrong")
	errNoPasskey          = uiErr("err.noPasskey")
)

// passkeyOpTimeout bounds a passkey operation: up to two WebAuthn
// ceremonies of a minute each (wasm/browser) and two PBKDF2 runs.
const passkeyOpTimeout = 3 * time.Minute

// passkeyInfo is one passkey slot as the screens show it.
type passkeyInfo struct {
	ID      string
	Created time.Time
}

// passkeyView is the passkey part of walletState. It is known while the
// wallet is locked too: the slots are in the wallet's clear header.
type passkeyView struct {
	Passkeys []passkeyInfo
	// PasskeyOK: this browser can make and use passkeys.
	PasskeyOK bool
}

// passkeyCache is what the session remembers of passkeys.
type passkeyCache struct {
	view    passkeyView
	checked bool // PasskeyOK has been asked of the backend
}

func passkeysOf(h store.Header) []passkeyInfo {
	var out []passkeyInfo
	for _, s := range h.Passkeys() {
		out = append(out, passkeyInfo{ID: s.ID, Created: s.Passkey.Created})
	}
	return out
}

// notePasskeys records the passkey slots of hdr and, once, whether the
// browser supports passkeys; callers hold mu.
func (s *session) notePasskeys(ctx context.Context, hdr store.Header) {
	s.pk.view.Passkeys = passkeysOf(hdr)
	if !s.pk.checked {
		if pb, ok := s.be.(passkeyBackend); ok {
			s.pk.view.PasskeyOK = pb.passkeySupport(ctx)
		}
		s.pk.checked = true
	}
}

// notePasskeysIn reads the header in ks for notePasskeys; a wallet whose
// header does not read shows no passkey. Callers hold mu.
func (s *session) notePasskeysIn(ctx context.Context, ks store.KV) {
	hdr, err := store.ReadHeader(ctx, ks)
	if err != nil {
		hdr = store.Header{}
	}
	s.notePasskeys(ctx, hdr)
}

// passkeyView returns a copy of what the screens show of passkeys.
func (s *session) passkeyView() passkeyView {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := s.pk.view
	v.Passkeys = append([]passkeyInfo(nil), v.Passkeys...)
	return v
}

// addPasskey checks passphrase, makes a passkey and adds its slot to the
// open wallet. The passphrase is checked before the browser asks for a
// passkey, so a wrong one makes none.
func (s *session) addPasskey(ctx context.Context, passphrase string, now time.Time) error {
	pb, ok := s.be.(passkeyBackend)
	if !ok {
		return errPasskeyUnsupported
	}
	s.mu.Lock()
	if err := s.locked(); err != nil {
		s.mu.Unlock()
		return err
	}
	w, cr := s.w, s.be.crypto()
	s.mu.Unlock()
	// The ceremony runs outside mu: the holder may take a while, and
	// locking (idle, another tab) must not wait for it.
	if passphrase == "" {
		return &store.Error{Op: "add passkey", Err: store.ErrWrongPassphrase}
	}
	if err := w.VerifyPassphrase(ctx, cr, []byte(passphrase)); err != nil {
		return err
	}
	salt := make([]byte, store.PasskeySaltSize)
	if _, err := rand.Read(salt); err != nil {
		return err
	}
	id, kek, err := pb.createPasskey(ctx, w.Header().WalletID, salt)
	if err != nil {
		return err
	}
	p := store.PasskeyParams{CredentialID: id, Salt: salt, Created: now.UTC()}
	if _, err := w.AddPasskeySlot(ctx, cr, []byte(passphrase), p, kek); err != nil {
		return err
	}
	s.mu.Lock()
	s.notePasskeys(ctx, w.Header())
	s.mu.Unlock()
	return nil
}

// unlockPasskey opens the wallet with one of its passkeys.
func (s *session) unlockPasskey(ctx context.Context, now time.Time) error {
	pb, ok := s.be.(passkeyBackend)
	if !ok {
		return errPasskeyUnsupported
	}
	s.mu.Lock()
	ks, err := s.kv(ctx)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	hdr, err := store.ReadHeader(ctx, ks)
	if err != nil {
		return err
	}
	slots := hdr.Passkeys()
	if len(slots) == 0 {
		s.mu.Lock()
		s.notePasskeys(ctx, hdr)
		s.mu.Unlock()
		return errNoPasskey
	}
	i, kek, err := pb.passkeyKEK(ctx, hdr.WalletID, slots)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	w, err := store.UnlockPasskey(ctx, ks, slots[i].ID, kek)
	switch {
	case errors.Is(err, store.ErrWrongPasskey):
		return errPasskeyWrong
	case errors.Is(err, store.ErrNotExist):
		s.notePasskeysIn(ctx, ks)
		return errNoPasskey
	case err != nil:
		return err
	}
	return s.open(ctx, w, now)
}

// removePasskey removes the passkey slot id: that passkey no longer
// unlocks the wallet.
func (s *session) removePasskey(ctx context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return err
	}
	if err := s.w.RemovePasskeySlot(ctx, id); err != nil {
		return err
	}
	s.notePasskeys(ctx, s.w.Header())
	return nil
}

// The passkey actions.
const (
	actionPasskeyAdd    = "gxwallet/wallet/passkey/add"
	actionPasskeyUnlock = "gxwallet/wallet/passkey/unlock"
	actionPasskeyRemove = "gxwallet/wallet/passkey/remove"
)

func registerPasskeyActions() {
	app.Handle(actionPasskeyAdd, handlePasskeyAdd)
	app.Handle(actionPasskeyUnlock, handlePasskeyUnlock)
	app.Handle(actionPasskeyRemove, handlePasskeyRemove)
}

func passkeyContext(ctx app.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, passkeyOpTimeout)
}

func handlePasskeyAdd(ctx app.Context, a app.Action) {
	pass, _ := a.Value.(secret)
	begin(ctx, "passkey-add")
	c, cancel := passkeyContext(ctx)
	defer cancel()
	err := theSession.addPasskey(c, string(pass), time.Now())
	finish(ctx, "passkey-add", err, tr("notice.passkeyAdded"))
}

func handlePasskeyUnlock(ctx app.Context, a app.Action) {
	begin(ctx, "passkey-unlock")
	c, cancel := passkeyContext(ctx)
	defer cancel()
	err := theSession.unlockPasskey(c, time.Now())
	if err == nil {
		applyLangChoice(theSession.language())
		startIdleWatch(ctx)
	}
	finish(ctx, "passkey-unlock", err, "")
	if err == nil {
		importPending(ctx)
		refreshStale(ctx)
	}
}

func handlePasskeyRemove(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	begin(ctx, "passkey-remove")
	c, cancel := opContext(ctx)
	defer cancel()
	err := theSession.removePasskey(c, id)
	finish(ctx, "passkey-remove", err, tr("notice.passkeyRemoved"))
}

// renderPasskeyUnlock is the unlock screen's passkey button, shown when
// the wallet has a passkey and the browser can use it; nil otherwise.
func (g *gate) renderPasskeyUnlock() app.UI {
	st := g.IState
	if len(st.Passkeys) == 0 || !st.PasskeyOK {
		return nil
	}
	msg := ""
	if st.Op == "passkey-unlock" && st.Busy == "" {
		msg = st.Err
	}
	return app.Div().ID("passkey-unlock").Class("actions").Body(
		actionButton("passkey-unlock-button", tr("passkey.unlock"), tr("passkey.waiting"), st.Busy == "passkey-unlock", g.onPasskeyUnlock),
		app.If(msg != "", func() app.UI {
			return app.Span().ID("passkey-unlock-error").Class("hint").Aria("live", "assertive").Text(msg)
		}),
	)
}

func (g *gate) onPasskeyUnlock(ctx app.Context, e app.Event) {
	if g.IState.Busy != "" {
		return
	}
	g.hint = ""
	ctx.NewAction(actionPasskeyUnlock)
}

// passkeySettings is the settings card that lists the passkeys, adds
// one (asking for the passphrase) and removes one. The passphrase stays
// in an unexported field and is cleared on submit.
type passkeySettings struct {
	app.Compo

	// IState is the wallet's state.
	IState walletState

	adding bool
	pass   string
	hint   string
	sent   uint64 // Seq when an add was asked for
}

func newPasskeySettings() *passkeySettings { return &passkeySettings{} }

// State sets the wallet state to render from.
func (p *passkeySettings) State(st walletState) *passkeySettings {
	p.IState = st
	return p
}

// OnUpdate closes the form once the add it sent succeeded.
func (p *passkeySettings) OnUpdate(ctx app.Context) {
	st := p.IState
	if p.adding && p.sent > 0 && st.Seq > p.sent && st.Op == "passkey-add" && st.Busy == "" && st.Err == "" {
		p.adding, p.sent = false, 0
	}
}

func (p *passkeySettings) onAdd(ctx app.Context, e app.Event) {
	p.adding, p.hint = true, ""
	ctx.Defer(func(ctx app.Context) { focus("passkey-pass") })
}

func (p *passkeySettings) onCancel(ctx app.Context, e app.Event) {
	p.adding, p.pass, p.hint = false, "", ""
	ctx.Defer(func(ctx app.Context) { focus("passkey-add") })
}

func (p *passkeySettings) onPass(ctx app.Context, e app.Event) {
	p.pass, p.hint = ctx.JSSrc().Get("value").String(), ""
}

func (p *passkeySettings) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.IState.Busy != "" {
		return
	}
	if p.pass == "" {
		p.hint = tr("passkey.hintPass")
		return
	}
	pass := p.pass
	p.pass, p.hint, p.sent = "", "", p.IState.Seq
	ctx.NewActionWithValue(actionPasskeyAdd, secret(pass))
}

func (p *passkeySettings) onRemove(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if p.IState.Busy != "" {
			return
		}
		ctx.NewActionWithValue(actionPasskeyRemove, id)
	}
}

func (p *passkeySettings) Render() app.UI {
	st := p.IState
	var msg, notice string
	if (st.Op == "passkey-add" || st.Op == "passkey-remove") && st.Busy == "" {
		msg, notice = st.Err, st.Notice
	}
	if p.hint != "" {
		msg = p.hint
	}
	items := make([]app.UI, 0, len(st.Passkeys))
	for i, k := range st.Passkeys {
		when := fmtTime(k.Created)
		b := app.Button().ID("passkey-remove-"+strconv.Itoa(i)).Class("passkey-remove").Type("button").
			Aria("label", tr("passkey.removeLabel", when)).OnClick(p.onRemove(k.ID)).Text(tr("passkey.remove"))
		if st.Busy != "" {
			b = b.Disabled(true)
		}
		items = append(items, app.Li().Class("passkey-item").DataSet("slot", k.ID).Body(
			app.Span().Class("passkey-created").Text(tr("passkey.item", when)),
			app.Text(" "),
			b,
		))
	}
	return app.Section().ID("settings-passkeys").Class("card").Aria("labelledby", "passkeys-title").Body(
		app.H2().ID("passkeys-title").Text(tr("passkey.title")),
		app.P().Text(tr("passkey.lead")),
		app.If(len(items) > 0, func() app.UI {
			return app.Ul().ID("passkey-list").Class("passkey-list").Body(items...)
		}).Else(func() app.UI {
			return app.P().ID("passkey-none").Class("muted").Text(tr("passkey.none"))
		}),
		app.If(!st.PasskeyOK, func() app.UI {
			return app.P().ID("passkey-unsupported").Class("warning").Text(tr("passkey.unsupported"))
		}).ElseIf(!p.adding, func() app.UI {
			return app.Div().Class("actions").Body(
				app.Button().ID("passkey-add").Type("button").OnClick(p.onAdd).Text(tr("passkey.add")),
			)
		}).Else(func() app.UI {
			return app.Form().ID("passkey-form").Class("form").OnSubmit(p.onSubmit).Body(
				app.Label().For("passkey-pass").Text(tr("passkey.passLabel")),
				app.Input().ID("passkey-pass").Type("password").Attr("autocomplete", "current-password").
					Value(p.pass).OnInput(p.onPass),
				app.P().Class("muted").Text(tr("passkey.addNote")),
				app.Div().Class("actions").Body(
					busyButton("passkey-add-confirm", tr("passkey.confirm"), tr("passkey.waiting"), st.Busy == "passkey-add"),
					app.Button().ID("passkey-cancel").Type("button").OnClick(p.onCancel).Text(tr("passkey.cancel")),
				),
			)
		}),
		app.If(msg != "", func() app.UI {
			return app.P().ID("passkey-error").Class("error").Aria("live", "assertive").Text(msg)
		}).ElseIf(notice != "", func() app.UI {
			return app.P().ID("passkey-notice").Class("notice").Aria("live", "polite").Text(notice)
		}),
		app.P().ID("passkey-backup-note").Class("muted").Text(tr("passkey.backupNote")),
	)
}
