package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The backup and restore actions (see backup.go for what a backup holds).
const (
	actionExport  = "gxwallet/wallet/export"
	actionRestore = "gxwallet/wallet/restore"

	stateBackup = "gxwallet/backup"
)

// backupState is the state published under stateBackup: the backup file
// made by the last export, as an object URL to download.
type backupState struct {
	Seq  uint64
	Busy bool
	Err  string
	// URL is a blob: URL of the file and Name its file name; Size its
	// length in bytes. Empty before the first export and after a lock.
	URL, Name string
	Size      int
}

// restoreArgs is the value of actionRestore. Its String never prints the
// passphrase or the file (go-app may log action values).
type restoreArgs struct {
	File []byte
	Pass secret
}

func (restoreArgs) String() string { return "(backup file and passphrase)" }

// lastBackupURL is the object URL of the last export, revoked when a new
// one is made or the wallet locks.
var lastBackupURL string

func handleExport(ctx app.Context, a app.Action) {
	ctx.SetState(stateBackup, backupState{Seq: seq.Add(1), Busy: true})
	c, cancel := opContext(ctx)
	defer cancel()
	b, err := theSession.exportBackup(c)
	st := backupState{Seq: seq.Add(1)}
	if err != nil {
		st.Err = userMessage(err)
	} else {
		revokeBackupURL()
		st.Name = "gxwallet-backup-" + time.Now().UTC().Format("2006-01-02") + ".json"
		st.URL, st.Size = blobURL(b, "application/json"), len(b)
		wsMu.Lock()
		lastBackupURL = st.URL
		wsMu.Unlock()
	}
	ctx.SetState(stateBackup, st)
}

// revokeBackupURL frees the last backup's object URL.
func revokeBackupURL() {
	wsMu.Lock()
	u := lastBackupURL
	lastBackupURL = ""
	wsMu.Unlock()
	if u != "" && app.IsClient {
		app.Window().Get("URL").Call("revokeObjectURL", u)
	}
}

// blobURL returns an object URL of b (natively, where there is no
// browser, a data-less placeholder).
func blobURL(b []byte, typ string) string {
	if !app.IsClient {
		return "blob:native"
	}
	u8 := app.Window().Get("Uint8Array").New(len(b))
	app.CopyBytesToJS(u8, b)
	blob := app.Window().Get("Blob").New([]any{u8}, map[string]any{"type": typ})
	return app.Window().Get("URL").Call("createObjectURL", blob).String()
}

func handleRestore(ctx app.Context, a app.Action) {
	args, _ := a.Value.(restoreArgs)
	begin(ctx, "restore")
	c, cancel := opContext(ctx)
	defer cancel()
	r, err := theSession.restore(c, args.File, string(args.Pass), time.Now())
	if err == nil {
		applyLangChoice(theSession.language())
		startIdleWatch(ctx)
	}
	finish(ctx, "restore", err, restoreNotice(r))
}
