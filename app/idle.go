package app

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Auto-lock: the wallet locks after Settings.LockAfterSeconds without a
// key press, pointer press or scroll on the page. A hidden tab counts as
// idle (no events reach it).

var (
	lastActivity atomic.Int64  // unix nanoseconds of the last user event
	idleGen      atomic.Uint64 // bumps on each unlock: older watchers stop
	listenOnce   sync.Once
)

// touch records user activity now.
func touch() { lastActivity.Store(time.Now().UnixNano()) }

// listenActivity installs passive document listeners that record activity
// (once per page load; only in the browser). They never block and never
// re-render: they store a time.
func listenActivity() {
	if !app.IsClient {
		return
	}
	listenOnce.Do(func() {
		f := app.FuncOf(func(app.Value, []app.Value) any {
			touch()
			return nil
		})
		doc := app.Window().Get("document")
		opts := map[string]any{"passive": true, "capture": true}
		for _, ev := range []string{"keydown", "pointerdown", "wheel", "touchstart", "input"} {
			doc.Call("addEventListener", ev, f, opts)
		}
	})
}

// idleExpired reports whether the wallet has been idle for longer than
// after at now.
func idleExpired(last, now time.Time, after time.Duration) bool {
	return after > 0 && now.Sub(last) >= after
}

// idlePoll is how often the watcher looks at the clock.
const idlePoll = 2 * time.Second

// startIdleWatch starts a goroutine that locks the wallet once it has been
// idle for its lock timeout. A later unlock replaces it.
func startIdleWatch(ctx app.Context) {
	listenActivity()
	touch()
	gen := idleGen.Add(1)
	go func() {
		for {
			time.Sleep(idlePoll)
			if idleGen.Load() != gen || !theSession.unlocked() {
				return
			}
			after := theSession.lockAfter()
			if idleExpired(time.Unix(0, lastActivity.Load()), time.Now(), after) {
				handleLock(ctx, app.Action{Value: tr("notice.idleLocked", humanDuration(after))})
				return
			}
		}
	}()
}

// humanDuration words a lock timeout: "30 seconds", "5 minutes".
func humanDuration(d time.Duration) string {
	if d < 2*time.Minute {
		return tr("dur.seconds", int(d.Seconds()))
	}
	return tr("dur.minutes", int(d.Minutes()))
}
