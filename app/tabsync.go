package app

import (
	"context"
	"errors"
	"sync"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Open tabs of the wallet keep in step through a BroadcastChannel: after
// a tab writes, the others read the wallet again (a credential imported in
// one shows in the others); when one locks, all lock. The messages carry
// no data — only "changed" or "locked" — and never leave the browser.
const (
	tabChannel   = "gxwallet-tabs"
	actionTabMsg = "gxwallet/tabs/message"
)

// writingOps are the operations after which other tabs read again.
var writingOps = map[string]bool{
	"import": true, "recheck": true, "delete": true, "present": true, "settings": true,
	"trust": true, "bundle": true, "language": true, "restore": true, "passkey": true,
}

var (
	tabOnce sync.Once
	tabBC   app.Value // the channel, once opened
	tabFn   app.Func
)

// startTabSync opens the channel (once per page) and turns its messages
// into actions.
func startTabSync(ctx app.Context) {
	if !app.IsClient {
		return
	}
	tabOnce.Do(func() {
		ctor := app.Window().Get("BroadcastChannel")
		if !ctor.Truthy() {
			return
		}
		tabBC = ctor.New(tabChannel)
		tabFn = app.FuncOf(func(this app.Value, args []app.Value) any {
			if msg := args[0].Get("data"); msg.Type() == app.TypeString {
				ctx.NewActionWithValue(actionTabMsg, msg.String())
			}
			return nil
		})
		tabBC.Call("addEventListener", "message", tabFn)
	})
}

// tellTabs sends msg to the other tabs; this tab does not receive it.
func tellTabs(msg string) {
	if tabBC != nil && tabBC.Truthy() {
		tabBC.Call("postMessage", msg)
	}
}

func handleTabMsg(ctx app.Context, a app.Action) {
	msg, _ := a.Value.(string)
	switch msg {
	case "locked":
		if theSession.unlocked() {
			theSession.lock()
			clearScreens(ctx)
			finish(ctx, "lock", nil, tr("notice.lockedElsewhere"))
		}
		// A wipe in the other tab: the wallet may be gone.
		c, cancel := opContext(ctx)
		defer cancel()
		if exists, err := theSession.exists(c); err == nil && !exists {
			publishWallet(ctx, func(st *walletState) { st.Phase = walletNone })
		}
	case "changed":
		c, cancel := opContext(ctx)
		defer cancel()
		if err := theSession.reload(c); err != nil {
			app.Log(err)
		}
		publishWallet(ctx, refresh)
	}
}

// reload reads the settings and credentials again, for a change another
// tab made. A locked session stays locked; a wallet another tab replaced
// or wiped locks this one (core/store refuses to read it).
func (s *session) reload(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w == nil {
		return nil
	}
	st, err := readSettings(ctx, s.w)
	if err == nil {
		s.settings = st
		err = s.loadCreds(ctx)
	}
	if errors.Is(err, store.ErrLocked) {
		s.clear()
	}
	return err
}
