//go:build js && wasm

package browser

import (
	"context"
	"fmt"

	"github.com/hack-pad/safejs"

	"github.com/gxwallet/gxwallet/wasm/internal/jsutil"
)

// settled is the outcome of a promise or an event, delivered to Go.
type settled struct {
	v   safejs.Value
	err error
}

// await waits for the promise p from a goroutine, never from a JS
// callback (it would deadlock: PLATFORM.md). The callbacks only send on a
// buffered channel. When ctx ends first, await returns ctx.Err() and a
// goroutine releases the callbacks once the promise settles.
func await(ctx context.Context, op string, p safejs.Value) (safejs.Value, error) {
	ch := make(chan settled, 1)
	onOK, err := safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any {
		v := safejs.Undefined()
		if len(a) > 0 {
			v = a[0]
		}
		ch <- settled{v: v}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	onErr, err := safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any {
		v := safejs.Undefined()
		if len(a) > 0 {
			v = a[0]
		}
		ch <- settled{err: domError(op, v)}
		return nil
	})
	if err != nil {
		onOK.Release()
		return safejs.Value{}, err
	}
	release := func() { onOK.Release(); onErr.Release() }
	if _, err := p.Call("then", onOK, onErr); err != nil {
		release()
		return safejs.Value{}, fmt.Errorf("browser: %s: %w", op, err)
	}
	select {
	case s := <-ch:
		release()
		return s.v, s.err
	case <-ctx.Done():
		go func() { <-ch; release() }()
		return safejs.Value{}, ctx.Err()
	}
}

// awaitEvents waits for the first of the ok or fail events on target
// (an IDBRequest, IDBTransaction or IDBOpenDBRequest). See [listen].
func awaitEvents(ctx context.Context, op string, target safejs.Value, ok, fail []string) (safejs.Value, error) {
	wait, err := listen(op, target, ok, fail)
	if err != nil {
		return safejs.Value{}, err
	}
	return wait(ctx)
}

// listen sets on<name> handlers on target for the ok and fail events and
// returns a function that waits for the first of them: the target's
// result on an ok event, a *DOMError from target.error on a fail event.
// Handlers are set at once, so a caller can issue requests between
// listen and wait without yielding to the event loop. If ctx ends first,
// wait returns ctx.Err() and the handlers are released once an event
// comes.
func listen(op string, target safejs.Value, ok, fail []string) (func(ctx context.Context) (safejs.Value, error), error) {
	ch := make(chan settled, 1)
	var funcs []safejs.Func
	release := func() {
		for _, n := range append(append([]string{}, ok...), fail...) {
			_ = target.Set("on"+n, safejs.Null())
		}
		for _, f := range funcs {
			f.Release()
		}
	}
	set := func(name string, isOK bool) error {
		f, err := safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any {
			s := settled{}
			if isOK {
				s.v, _ = target.Get("result")
			} else {
				s.err = domError(op, eventError(target, a))
				if de, isDE := s.err.(*DOMError); isDE && de.Name == "" {
					de.Name = name
				}
			}
			select {
			case ch <- s:
			default:
			}
			return nil
		})
		if err != nil {
			return err
		}
		funcs = append(funcs, f)
		return target.Set("on"+name, f)
	}
	for _, n := range ok {
		if err := set(n, true); err != nil {
			release()
			return nil, err
		}
	}
	for _, n := range fail {
		if err := set(n, false); err != nil {
			release()
			return nil, err
		}
	}
	return func(ctx context.Context) (safejs.Value, error) {
		select {
		case s := <-ch:
			release()
			return s.v, s.err
		case <-ctx.Done():
			go func() { <-ch; release() }()
			return safejs.Value{}, ctx.Err()
		}
	}, nil
}

// eventError is the error a fail event on target reports. A request's
// error event bubbles to its transaction before the transaction aborts:
// then the transaction's own error is still null and the cause (a
// ConstraintError, or the QuotaExceededError some engines raise on the
// request rather than at commit) is the error of the event's target, the
// request. Otherwise it is target.error (the transaction's, on abort).
func eventError(target safejs.Value, args []safejs.Value) safejs.Value {
	if len(args) > 0 && args[0].Type() == safejs.TypeObject {
		if src, err := args[0].Get("target"); err == nil && src.Type() == safejs.TypeObject {
			if e, err := src.Get("error"); err == nil && e.Type() == safejs.TypeObject {
				return e
			}
		}
	}
	e, _ := target.Get("error")
	return e
}

// domError turns a rejection value or an IDB error (a DOMException, an
// Error, or anything) into a *DOMError without blocking.
func domError(op string, v safejs.Value) error {
	e := &DOMError{Op: op}
	if v.Type() == safejs.TypeObject {
		if n, err := v.Get("name"); err == nil && n.Type() == safejs.TypeString {
			e.Name, _ = n.String()
		}
		if m, err := v.Get("message"); err == nil && m.Type() == safejs.TypeString {
			msg, _ := m.String()
			e.Message = trunc(msg)
		}
	} else if v.Type() == safejs.TypeString {
		msg, _ := v.String()
		e.Message = trunc(msg)
	}
	return e
}

func trunc(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// global returns globalThis[name].
func global(name string) (safejs.Value, error) { return safejs.Global().Get(name) }

// subtle returns crypto.subtle, or an error outside a secure context.
func subtle() (safejs.Value, error) {
	c, err := global("crypto")
	if err != nil {
		return safejs.Value{}, err
	}
	if c.IsUndefined() {
		return safejs.Value{}, fmt.Errorf("browser: no crypto global")
	}
	s, err := c.Get("subtle")
	if err != nil {
		return safejs.Value{}, err
	}
	if s.IsUndefined() {
		return safejs.Value{}, fmt.Errorf("browser: crypto.subtle is missing (not a secure context?)")
	}
	return s, nil
}

// u8 copies b into a new Uint8Array.
func u8(b []byte) (safejs.Value, error) {
	ctor, err := global("Uint8Array")
	if err != nil {
		return safejs.Value{}, err
	}
	a, err := ctor.New(len(b))
	if err != nil {
		return safejs.Value{}, err
	}
	if _, err := safejs.CopyBytesToJS(a, b); err != nil {
		return safejs.Value{}, err
	}
	return a, nil
}

// goBytes copies a Uint8Array or an ArrayBuffer into Go, refusing more
// than limit bytes.
func goBytes(v safejs.Value, limit int) ([]byte, error) {
	if !jsutil.IsUint8Array(v) {
		ctor, err := global("Uint8Array")
		if err != nil {
			return nil, err
		}
		if v, err = ctor.New(v); err != nil {
			return nil, err
		}
	}
	n, err := v.Length()
	if err != nil {
		return nil, err
	}
	if n > limit {
		return nil, fmt.Errorf("browser: value of %d bytes exceeds %d", n, limit)
	}
	return jsutil.BytesPrefix(v, limit)
}

// object builds a plain JS object from Go values (safejs.Value, string,
// numbers, bool, nested map[string]any).
func object(m map[string]any) (safejs.Value, error) {
	obj, err := global("Object")
	if err != nil {
		return safejs.Value{}, err
	}
	o, err := obj.New()
	if err != nil {
		return safejs.Value{}, err
	}
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			if v, err = object(sub); err != nil {
				return safejs.Value{}, err
			}
		}
		if err := o.Set(k, v); err != nil {
			return safejs.Value{}, err
		}
	}
	return o, nil
}

// array builds a JS array of strings.
func array(items ...string) (safejs.Value, error) {
	ctor, err := global("Array")
	if err != nil {
		return safejs.Value{}, err
	}
	a, err := ctor.New()
	if err != nil {
		return safejs.Value{}, err
	}
	for _, s := range items {
		if _, err := a.Call("push", s); err != nil {
			return safejs.Value{}, err
		}
	}
	return a, nil
}
