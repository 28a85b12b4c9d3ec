package app

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gxwallet/gxwallet/core/oid4vc"
	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/maxence-charriere/go-app/v10/pkg/errors"
)

// The wallet flows as actions and states (STYLE.md rule 42): a page posts
// an action with its value; the handler (run by go-app in a goroutine)
// calls the session and publishes a state; pages observe the states and
// render from their phase.
const (
	actionWalletOpen  = "gxwallet/wallet/open"
	actionCreate      = "gxwallet/wallet/create"
	actionUnlock      = "gxwallet/wallet/unlock"
	actionLock        = "gxwallet/wallet/lock"
	actionLink        = "gxwallet/wallet/link" // a ?credential= link
	actionImport      = "gxwallet/wallet/import"
	actionRecheck     = "gxwallet/wallet/recheck"
	actionDelete      = "gxwallet/wallet/delete"
	actionPresent     = "gxwallet/wallet/present"
	actionHistory     = "gxwallet/wallet/history"
	actionSettings    = "gxwallet/wallet/settings"
	actionWipe        = "gxwallet/wallet/wipe"
	actionLanguage    = "gxwallet/wallet/language"
	actionTrust       = "gxwallet/wallet/trust"       // trust a credential's issuer
	actionTrustBundle = "gxwallet/wallet/trustbundle" // load ([]byte) or remove (nil) the trust bundle

	stateWallet  = "gxwallet/wallet"
	stateImport  = "gxwallet/import"
	statePresent = "gxwallet/present"
	stateHistory = "gxwallet/history"
)

// opTimeout bounds one wallet operation (PBKDF2, IndexedDB, signing).
const opTimeout = time.Minute

// theSession is the app's wallet. Handlers are its only users.
var theSession = newSession(defaultBackend())

// walletPhase is where the wallet stands.
type walletPhase int

const (
	walletUnknown     walletPhase = iota // not looked at yet (pre-rendered page, booting)
	walletNone                           // no wallet on this device: first run
	walletLocked                         // a wallet exists and is locked
	walletOpen                           // unlocked
	walletUnavailable                    // the browser's storage cannot be opened
)

// walletState is the state published under stateWallet.
type walletState struct {
	Phase walletPhase
	// Busy names the operation running ("create", "unlock", "recheck",
	// "delete", "settings", "wipe"), or "".
	Busy string
	// Err is the last operation's failure and Notice its success, worded
	// for the holder; Op names that operation.
	Err, Notice, Op string
	// Seq numbers the states (pages and tests tell a new one apart).
	Seq uint64
	// Pending is set while a credential from a ?credential= link waits
	// for the wallet to be unlocked.
	Pending bool
	// Lang is the language the screens speak (a BCP 47 tag): a new one
	// makes every page observing this state render again.
	Lang string
	snapshot
	passkeyView // passkey.go
}

// importState is the state published under stateImport.
type importState struct {
	Seq  uint64
	Busy bool
	Err  string
	// Rejected holds the Result of a credential refused for not
	// verifying; HasRejected says whether it is set.
	Rejected    verify.Result
	HasRejected bool
	// Imported is the credential just stored.
	Imported credEntry
	Done     bool
}

// presentState is the state published under statePresent.
type presentState struct {
	Seq    uint64
	Busy   bool
	Err    string
	Done   bool
	Out    presentation
	QR     []qrCode
	QRNote string // why there is no QR code, if there is none
}

// historyState is the state published under stateHistory.
type historyState struct {
	Seq    uint64
	Loaded bool
	Err    string
	historyView
}

var (
	wsMu sync.Mutex
	ws   walletState // the last published walletState
	seq  atomic.Uint64
	// pendingLink is a credential from a ?credential= link, kept in
	// memory only until the wallet is unlocked.
	pendingLink string
)

// publishWallet edits the wallet state and publishes it.
func publishWallet(ctx app.Context, edit func(st *walletState)) {
	wsMu.Lock()
	edit(&ws)
	ws.Seq = seq.Add(1)
	st := ws
	wsMu.Unlock()
	ctx.SetState(stateWallet, st)
}

// refresh sets the phase and the snapshot from the session.
func refresh(st *walletState) {
	if snap, ok := theSession.snapshot(); ok {
		st.Phase, st.snapshot = walletOpen, snap
	} else {
		st.snapshot = snapshot{}
		if st.Phase == walletOpen {
			st.Phase = walletLocked
		}
	}
	st.Pending = pendingLink != ""
	st.Lang = currentLang().String()
	st.passkeyView = theSession.passkeyView() // passkey.go
}

// begin marks op as running and clears the last outcome.
func begin(ctx app.Context, op string) {
	publishWallet(ctx, func(st *walletState) { st.Busy, st.Op, st.Err, st.Notice = op, op, "", "" })
}

// finish publishes the outcome of op.
func finish(ctx app.Context, op string, err error, notice string) {
	if err == nil && writingOps[op] {
		tellTabs("changed") // tabsync.go
	}
	publishWallet(ctx, func(st *walletState) {
		st.Busy, st.Op = "", op
		if err != nil {
			st.Err, st.Notice = userMessage(err), ""
		} else {
			st.Err, st.Notice = "", notice
		}
		refresh(st)
	})
}

func opContext(ctx app.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, opTimeout)
}

func registerWalletActions() {
	app.Handle(actionWalletOpen, handleOpen)
	app.Handle(actionCreate, handleCreate)
	app.Handle(actionUnlock, handleUnlock)
	app.Handle(actionLock, handleLock)
	app.Handle(actionLink, handleLink)
	app.Handle(actionImport, handleImport)
	app.Handle(actionRecheck, handleRecheck)
	app.Handle(actionDelete, handleDelete)
	app.Handle(actionPresent, handlePresent)
	app.Handle(actionHistory, handleHistory)
	app.Handle(actionSettings, handleSettings)
	app.Handle(actionWipe, handleWipe)
	app.Handle(actionLanguage, handleLanguage)
	app.Handle(actionTrust, handleTrust)
	app.Handle(actionTrustBundle, handleTrustBundle) // trustbundle.go
	app.Handle(actionTabMsg, handleTabMsg)           // tabsync.go
	app.Handle(actionExport, handleExport)
	app.Handle(actionRestore, handleRestore)
	registerPasskeyActions() // passkey.go
}

// handleOpen looks for a wallet on this device (once per page load).
func handleOpen(ctx app.Context, a app.Action) {
	startTabSync(ctx) // tabsync.go
	wsMu.Lock()
	known := ws.Phase != walletUnknown
	wsMu.Unlock()
	if known {
		publishWallet(ctx, refresh)
		return
	}
	c, cancel := opContext(ctx)
	defer cancel()
	exists, err := theSession.exists(c)
	publishWallet(ctx, func(st *walletState) {
		switch {
		case err != nil:
			st.Phase, st.Err = walletUnavailable, tr("err.storageUnavailable", err.Error())
		case exists:
			st.Phase = walletLocked
		default:
			st.Phase = walletNone
		}
		refresh(st)
	})
}

// secret is a passphrase as it travels in an action: its String never
// prints it (go-app logs action values in some builds).
type secret string

func (secret) String() string { return "(passphrase)" }

func handleCreate(ctx app.Context, a app.Action) {
	pass, _ := a.Value.(secret)
	begin(ctx, "create")
	c, cancel := opContext(ctx)
	defer cancel()
	err := theSession.create(c, string(pass), time.Now())
	if err == nil {
		applyLangChoice(theSession.language())
		startIdleWatch(ctx)
	}
	finish(ctx, "create", err, tr("notice.created"))
	if err == nil {
		importPending(ctx)
	}
}

func handleUnlock(ctx app.Context, a app.Action) {
	pass, _ := a.Value.(secret)
	begin(ctx, "unlock")
	c, cancel := opContext(ctx)
	defer cancel()
	err := theSession.unlock(c, string(pass), time.Now())
	if err == nil {
		applyLangChoice(theSession.language())
		startIdleWatch(ctx)
	}
	finish(ctx, "unlock", err, "")
	if err == nil {
		importPending(ctx)
		refreshStale(ctx)
	}
}

// staleAfter is the age after which a credential's status is fetched
// again when the wallet is unlocked online.
const staleAfter = 24 * time.Hour

// refreshStale re-checks, from the network, the credentials whose last
// check is older than staleAfter and that were checked online before
// (they keep a bundle): the hosts contacted are the ones the credential
// was already checked against. Offline, nothing happens.
func refreshStale(ctx app.Context) {
	if !online() {
		return
	}
	snap, ok := theSession.snapshot()
	if !ok {
		return
	}
	now := time.Now()
	n := 0
	for _, e := range snap.Creds {
		if e.Bundle == "" || now.Sub(e.Checked) < staleAfter {
			continue
		}
		c, cancel := opContext(ctx)
		_, err := theSession.recheck(c, e.ID, wallet, now)
		cancel()
		if err != nil {
			app.Log(errors.New("status refresh failed").Wrap(err))
			continue
		}
		n++
	}
	if n > 0 {
		publishWallet(ctx, refresh)
	}
}

func handleLock(ctx app.Context, a app.Action) {
	theSession.lock()
	clearScreens(ctx)
	notice, _ := a.Value.(string)
	if notice == "" {
		// The holder pressed Lock: every open tab locks (an idle lock,
		// which comes with its notice, is this tab's own).
		tellTabs("locked") // tabsync.go
	}
	finish(ctx, "lock", nil, notice)
}

// clearScreens forgets what the import, present and history screens
// showed: nothing decrypted outlives the lock.
func clearScreens(ctx app.Context) {
	ctx.SetState(stateImport, importState{Seq: seq.Add(1)})
	ctx.SetState(statePresent, presentState{Seq: seq.Add(1)})
	ctx.SetState(stateHistory, historyState{Seq: seq.Add(1)})
	ctx.SetState(stateBackup, backupState{Seq: seq.Add(1)})
	ctx.SetState(stateOffer, offerState{Seq: seq.Add(1)})
	ctx.SetState(stateVP, vpState{Seq: seq.Add(1)})
	oidMu.Lock()
	curOffer, curVP = offerView{}, vpView{}
	oidMu.Unlock()
	revokeBackupURL()
}

// handleLink keeps a credential from a ?credential= link and imports it
// now or right after unlocking.
func handleLink(ctx app.Context, a app.Action) {
	raw, _ := a.Value.(string)
	wsMu.Lock()
	pendingLink = raw
	wsMu.Unlock()
	if theSession.unlocked() {
		importPending(ctx)
		return
	}
	publishWallet(ctx, refresh)
}

// importPending imports the credential of a ?credential= link, if any.
func importPending(ctx app.Context) {
	wsMu.Lock()
	raw := pendingLink
	pendingLink = ""
	wsMu.Unlock()
	if raw != "" {
		runImport(ctx, raw)
	}
}

func handleImport(ctx app.Context, a app.Action) {
	raw, _ := a.Value.(string)
	runImport(ctx, raw)
}

func runImport(ctx app.Context, raw string) {
	ctx.SetState(stateImport, importState{Seq: seq.Add(1), Busy: true})
	c, cancel := opContext(ctx)
	defer cancel()
	var e credEntry
	var err error
	if u, ok := credentialURL(raw); ok {
		// A URL the holder pasted: fetch that one document (oid4vc.go).
		raw, err = fetchCredential(c, wallet, u)
	}
	if err == nil {
		e, err = theSession.importCred(c, raw, time.Now())
	}
	st := importState{Seq: seq.Add(1), Done: err == nil, Imported: e}
	if err != nil {
		st.Err = userMessage(err)
		var rej *rejectedError
		if errors.As(err, &rej) {
			st.Rejected, st.HasRejected = rej.Result, true
		}
	}
	ctx.SetState(stateImport, st)
	notice := ""
	if err == nil {
		notice = tr("notice.imported", credTitle(e.Type))
	}
	finish(ctx, "import", err, notice)
}

func handleRecheck(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	begin(ctx, "recheck")
	c, cancel := opContext(ctx)
	defer cancel()
	var t oid4vc.Transport
	if online() {
		t = wallet
	}
	e, err := theSession.recheck(c, id, t, time.Now())
	finish(ctx, "recheck", err, tr("notice.rechecked", statusLabel(e.Result.Status)))
}

func handleDelete(ctx app.Context, a app.Action) {
	id, _ := a.Value.(string)
	begin(ctx, "delete")
	c, cancel := opContext(ctx)
	defer cancel()
	err := theSession.deleteCred(c, id, time.Now())
	finish(ctx, "delete", err, tr("notice.deleted"))
}

// presentArgs is the value of actionPresent.
type presentArgs struct {
	ID         string
	Paths      [][]any
	Nonce, Aud string
	Whole      bool // present the credential as it is (no selective disclosure)
}

func handlePresent(ctx app.Context, a app.Action) {
	args, ok := a.Value.(presentArgs)
	if !ok {
		app.Log(errors.New("present action without arguments").WithTag("type", fmt.Sprintf("%T", a.Value)))
		return
	}
	ctx.SetState(statePresent, presentState{Seq: seq.Add(1), Busy: true})
	c, cancel := opContext(ctx)
	defer cancel()
	var out presentation
	var err error
	if args.Whole {
		out, err = theSession.presentWhole(c, args.ID, args.Nonce, args.Aud, time.Now())
	} else {
		out, err = theSession.present(c, args.ID, args.Paths, args.Nonce, args.Aud, time.Now())
	}
	st := presentState{Seq: seq.Add(1), Done: err == nil, Out: out}
	if err != nil {
		st.Err = userMessage(err)
	} else if st.QR, err = qrCodes(out.Text); err != nil {
		st.QRNote = userMessage(err)
	}
	ctx.SetState(statePresent, st)
}

func handleHistory(ctx app.Context, a app.Action) {
	c, cancel := opContext(ctx)
	defer cancel()
	hv, err := theSession.history(c)
	st := historyState{Seq: seq.Add(1), Loaded: err == nil, historyView: hv}
	if err != nil {
		st.Err = userMessage(err)
	}
	ctx.SetState(stateHistory, st)
}

// settingsArgs is the value of actionSettings.
type settingsArgs struct {
	Trusted   []string
	LockAfter int // seconds
}

func handleSettings(ctx app.Context, a app.Action) {
	args, _ := a.Value.(settingsArgs)
	begin(ctx, "settings")
	c, cancel := opContext(ctx)
	defer cancel()
	err := theSession.saveSettings(c, args.Trusted, args.LockAfter)
	finish(ctx, "settings", err, tr("notice.settingsSaved"))
}

func handleTrust(ctx app.Context, a app.Action) {
	issuer, _ := a.Value.(string)
	begin(ctx, "trust")
	c, cancel := opContext(ctx)
	defer cancel()
	n, err := theSession.trustIssuer(c, issuer, time.Now())
	finish(ctx, "trust", err, tr("notice.trusted", n))
}

func handleWipe(ctx app.Context, a app.Action) {
	begin(ctx, "wipe")
	c, cancel := opContext(ctx)
	defer cancel()
	err := theSession.wipe(c)
	if err == nil {
		applyLangChoice("")
		clearScreens(ctx)
		publishWallet(ctx, func(st *walletState) { st.Phase = walletNone })
		tellTabs("locked") // tabsync.go: the wallet is gone
	}
	finish(ctx, "wipe", err, tr("notice.wiped"))
}

// handleLanguage saves the language choice (a tag, or "" for the
// browser's) and switches the screens to it.
func handleLanguage(ctx app.Context, a app.Action) {
	tag, _ := a.Value.(string)
	begin(ctx, "language")
	c, cancel := opContext(ctx)
	defer cancel()
	err := theSession.saveLanguage(c, tag)
	if err == nil {
		applyLangChoice(tag)
	}
	finish(ctx, "language", err, tr("notice.language"))
}

// online reports whether the browser believes it has a network
// (navigator.onLine); natively, yes.
func online() bool {
	if !app.IsClient {
		return true
	}
	return app.Window().Get("navigator").Get("onLine").Bool()
}
