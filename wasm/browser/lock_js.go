//go:build js && wasm

package browser

import (
	"context"

	"github.com/hack-pad/safejs"
)

// withLock runs fn while holding the exclusive Web Lock name
// (navigator.locks.request), so that no other tab or worker of this
// origin runs fn's critical section at the same time. Where the Web
// Locks API is missing (old browsers, Node), fn runs without a
// cross-tab lock: the callers' own mutex still serialises this runtime.
//
// The lock callback does not block: it signals Go and returns a promise
// that Go resolves when fn is done. If ctx ends while waiting, the
// request is aborted (AbortController) and ctx.Err() returned.
func withLock(ctx context.Context, name string, fn func() error) error {
	nav, err := global("navigator")
	if err != nil || nav.IsUndefined() {
		return fn()
	}
	locks, err := nav.Get("locks")
	if err != nil || locks.IsUndefined() {
		return fn()
	}

	// hold is the promise the lock callback returns; the lock is held
	// until Go calls resolve.
	var resolve safejs.Value
	exec, err := safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any {
		resolve = a[0]
		return nil
	})
	if err != nil {
		return err
	}
	promise, err := global("Promise")
	if err != nil {
		exec.Release()
		return err
	}
	hold, err := promise.New(exec)
	exec.Release() // the executor ran synchronously
	if err != nil {
		return err
	}

	granted := make(chan struct{}, 1)
	cb, err := safejs.FuncOf(func(_ safejs.Value, _ []safejs.Value) any {
		granted <- struct{}{}
		return hold
	})
	if err != nil {
		return err
	}
	ac, err := global("AbortController")
	if err != nil {
		cb.Release()
		return err
	}
	ctl, err := ac.New()
	if err != nil {
		cb.Release()
		return err
	}
	signal, err := ctl.Get("signal")
	if err != nil {
		cb.Release()
		return err
	}
	opts := map[string]any{"mode": "exclusive", "signal": signal}
	req, err := locks.Call("request", name, opts, cb)
	if err != nil {
		cb.Release()
		return &DOMError{Op: "lock", Name: "Error", Message: err.Error()}
	}
	// The request's promise settles when the lock is released, or
	// rejects (AbortError) if aborted before it was granted.
	requestDone := make(chan error, 1)
	go func() {
		_, err := await(context.Background(), "lock", req)
		cb.Release()
		requestDone <- err
	}()
	unlock := func() { _, _ = resolve.Invoke() }

	select {
	case <-granted:
	case err := <-requestDone:
		return err
	case <-ctx.Done():
		_, _ = ctl.Call("abort")
		select {
		case <-granted: // granted just before the abort
			unlock()
		case <-requestDone:
		}
		return ctx.Err()
	}
	defer unlock()
	return fn()
}
