//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/hack-pad/safejs"

	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/gxwallet/gxwallet/wasm/internal/jsutil"
)

// The globals the loader (web/gxverify.js) and this program meet at.
const (
	initGlobal  = "__gxverifyInit"  // set here: the constructor
	readyGlobal = "__gxverifyReady" // set by the loader: called once initGlobal is set
)

// browserTransport carries options.fetch: the host's fetch() through
// safejs (jsfetch_js.go), never net/http's js/wasm transport, whose
// fallback links Go's HTTP client and crypto/tls.
var browserTransport http.RoundTripper = fetchTransport{}

// version is the library version, set at link time by mk/lib.mk with
// -ldflags "-X main.version=…".
var version = "dev"

func main() {
	if err := register(); err != nil {
		// The loader sees the runtime exit and rejects load().
		fmt.Fprintln(os.Stderr, "verifier:", err)
		os.Exit(1)
	}
	select {} // keep the runtime alive: JS calls in through the object's methods
}

// register sets the constructor global and tells the loader it is there.
// Everything that can fail happens here, before any JS callback runs, so
// the callbacks themselves have no failure path that would need to throw.
func register() error {
	api, err := newAPI()
	if err != nil {
		return err
	}
	ctor, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { return api })
	if err != nil {
		return err
	}
	g := safejs.Global()
	if err := g.Set(initGlobal, ctor); err != nil {
		return err
	}
	ready, err := g.Get(readyGlobal)
	if err != nil {
		return err
	}
	if ready.Type() == safejs.TypeFunction {
		if _, err := ready.Invoke(); err != nil {
			return fmt.Errorf("%s: %w", readyGlobal, err)
		}
	}
	return nil
}

// newAPI returns the object the constructor hands out:
// { verify(input, options) → Promise<Result>, version }.
func newAPI() (safejs.Value, error) {
	objectCtor, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Value{}, err
	}
	api, err := objectCtor.New()
	if err != nil {
		return safejs.Value{}, err
	}
	verifyFn, err := safejs.FuncOf(jsVerify) // lives as long as the runtime
	if err != nil {
		return safejs.Value{}, err
	}
	if err := api.Set("verify", verifyFn); err != nil {
		return safejs.Value{}, err
	}
	if err := api.Set("version", version); err != nil {
		return safejs.Value{}, err
	}
	if _, err := objectCtor.Call("freeze", api); err != nil {
		return safejs.Value{}, err
	}
	return api, nil
}

// jsVerify is verify(input, options). It reads both arguments now, while
// the caller cannot change them, and does the work in a goroutine behind
// the returned promise: a JS callback must never block.
func jsVerify(_ safejs.Value, args []safejs.Value) any {
	p, err := startVerify(args)
	if err != nil {
		return nil // no Promise constructor: nothing sensible to return
	}
	return p
}

func startVerify(args []safejs.Value) (safejs.Value, error) {
	arg := func(i int) safejs.Value {
		if i < len(args) {
			return args[i]
		}
		return safejs.Undefined()
	}
	input, err := readInput(arg(0))
	if err != nil {
		return jsutil.Reject(err)
	}
	options, err := readOptions(arg(1))
	if err != nil {
		return jsutil.Reject(err)
	}
	return jsutil.Promise(func() (safejs.Value, error) {
		out, err := verifyJSON(context.Background(), input, options, browserTransport)
		if err != nil {
			return safejs.Value{}, err
		}
		return jsutil.ParseJSON(out)
	})
}

// readInput copies the input into Go: a string as UTF-8, a Uint8Array as
// is, anything else with a JSON form through JSON.stringify. At most
// verify.MaxInputBytes+1 bytes cross, enough for core to report too_large
// without copying a huge input into wasm memory.
func readInput(v safejs.Value) ([]byte, error) {
	const limit = verify.MaxInputBytes + 1
	var (
		b   []byte
		err error
	)
	switch t := v.Type(); {
	case t == safejs.TypeUndefined || t == safejs.TypeNull:
		return nil, jsutil.Errorf(CodeBadInput, "input is %s", t)
	case t == safejs.TypeString:
		b, err = jsutil.StringPrefix(v, limit)
	case jsutil.IsUint8Array(v):
		b, err = jsutil.BytesPrefix(v, limit)
	default:
		s, serr := jsutil.Stringify(v)
		if serr != nil {
			return nil, jsutil.Errorf(CodeBadInput, "input: %w", serr)
		}
		b, err = jsutil.StringPrefix(s, limit)
	}
	if err != nil {
		return nil, jsutil.Errorf(jsutil.CodeInternal, "read input: %w", err)
	}
	return b, nil
}

// readOptions returns the JSON text of the options object, or nil for
// undefined and null. At most MaxOptionsBytes+1 bytes cross, and
// decodeOptions refuses more than MaxOptionsBytes.
func readOptions(v safejs.Value) ([]byte, error) {
	switch t := v.Type(); t {
	case safejs.TypeUndefined, safejs.TypeNull:
		return nil, nil
	case safejs.TypeObject:
	default:
		return nil, jsutil.Errorf(CodeBadOptions, "options must be an object, not a %s", t)
	}
	s, err := jsutil.Stringify(v)
	if err != nil {
		return nil, jsutil.Errorf(CodeBadOptions, "options: %w", err)
	}
	b, err := jsutil.StringPrefix(s, MaxOptionsBytes+1)
	if err != nil {
		return nil, jsutil.Errorf(jsutil.CodeInternal, "read options: %w", err)
	}
	return b, nil
}
