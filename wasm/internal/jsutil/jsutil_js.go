//go:build js && wasm

package jsutil

import (
	"fmt"

	"github.com/hack-pad/safejs"
)

// Func is the Go side of a JS method made by [Promise].
type Func func() (safejs.Value, error)

// Promise returns a new JS Promise settled by fn, which runs in its own
// goroutine: the caller (typically a JS callback) never blocks. The promise
// resolves with fn's value, or rejects with the JS form of [AsError](err)
// (see [NewError]). A panic in fn rejects with [CodeInternal].
//
// Read everything fn needs from JS arguments before calling Promise: the
// caller may change its objects as soon as the method returns.
func Promise(fn Func) (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Promise")
	if err != nil {
		return safejs.Value{}, err
	}
	var executor safejs.Func
	executor, err = safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) < 2 {
			return nil // not called by a conforming Promise
		}
		resolve, reject := args[0], args[1]
		go settle(fn, resolve, reject)
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	// The executor runs synchronously inside the Promise constructor, so
	// it can be released as soon as the constructor returns.
	defer executor.Release()
	return ctor.New(executor)
}

// Reject returns a Promise already rejected with the JS form of err, for a
// method that fails before it has work to run.
func Reject(err error) (safejs.Value, error) {
	return Promise(func() (safejs.Value, error) { return safejs.Value{}, err })
}

func settle(fn Func, resolve, reject safejs.Value) {
	v, err := run(fn)
	if err == nil {
		if _, err = resolve.Invoke(v); err == nil {
			return
		}
		err = Errorf(CodeInternal, "resolve: %w", err)
	}
	jsErr, e := NewError(AsError(err))
	if e != nil {
		// Building an Error failed: reject with the message alone rather
		// than leave the promise pending forever.
		_, _ = reject.Invoke(err.Error())
		return
	}
	_, _ = reject.Invoke(jsErr)
}

// run calls fn and turns a panic into an error.
func run(fn Func) (v safejs.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = Errorf(CodeInternal, "panic: %v", r)
		}
	}()
	return fn()
}

// NewError returns a JS Error with e's message and a code property.
func NewError(e *Error) (safejs.Value, error) {
	ctor, err := safejs.Global().Get("Error")
	if err != nil {
		return safejs.Value{}, err
	}
	v, err := ctor.New(e.Message)
	if err != nil {
		return safejs.Value{}, err
	}
	if err := v.Set("code", e.Code); err != nil {
		return safejs.Value{}, err
	}
	return v, nil
}

// ParseJSON turns JSON text into a JS value with JSON.parse.
func ParseJSON(b []byte) (safejs.Value, error) {
	j, err := safejs.Global().Get("JSON")
	if err != nil {
		return safejs.Value{}, err
	}
	return j.Call("parse", string(b))
}

// Stringify returns JSON.stringify(v) as a JS string, not yet copied into
// Go (see [StringPrefix]). It fails when v has no JSON form (undefined, a
// function, a symbol) and when JSON.stringify throws (a cycle, a BigInt).
func Stringify(v safejs.Value) (safejs.Value, error) {
	j, err := safejs.Global().Get("JSON")
	if err != nil {
		return safejs.Value{}, err
	}
	s, err := j.Call("stringify", v)
	if err != nil {
		return safejs.Value{}, err
	}
	if s.Type() != safejs.TypeString {
		return safejs.Value{}, fmt.Errorf("a %s has no JSON form", v.Type())
	}
	return s, nil
}

// StringPrefix copies at most the first limit UTF-16 code units of the JS
// string s into Go, as UTF-8. Every code unit takes at least one UTF-8
// byte, so a result shorter than limit bytes is the whole string, and a
// caller that bounds bytes with limit+1 can tell "too long" without
// copying all of a huge string.
func StringPrefix(s safejs.Value, limit int) ([]byte, error) {
	if s.Type() != safejs.TypeString {
		return nil, fmt.Errorf("a %s is not a string", s.Type())
	}
	// syscall/js refuses Length, Get and Call on a primitive: box it.
	object, err := safejs.Global().Get("Object")
	if err != nil {
		return nil, err
	}
	boxed, err := object.Invoke(s)
	if err != nil {
		return nil, err
	}
	n, err := boxed.Length()
	if err != nil {
		return nil, err
	}
	if n > limit {
		if s, err = boxed.Call("slice", 0, limit); err != nil {
			return nil, err
		}
	}
	str, err := s.String()
	if err != nil {
		return nil, err
	}
	return []byte(str), nil
}

// IsUint8Array reports whether v is a Uint8Array.
func IsUint8Array(v safejs.Value) bool {
	if v.Type() != safejs.TypeObject {
		return false
	}
	u8, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return false
	}
	ok, err := v.InstanceOf(u8)
	return err == nil && ok
}

// BytesPrefix copies at most the first limit bytes of the Uint8Array a
// into Go.
func BytesPrefix(a safejs.Value, limit int) ([]byte, error) {
	n, err := a.Length()
	if err != nil {
		return nil, err
	}
	if n > limit {
		if a, err = a.Call("subarray", 0, limit); err != nil {
			return nil, err
		}
		n = limit
	}
	b := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(b, a); err != nil {
		return nil, err
	}
	return b, nil
}
