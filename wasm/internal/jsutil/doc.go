// Package jsutil holds the few helpers every JavaScript binding of
// gxwallet needs: a Go function exposed as a Promise-returning method, the
// {code, message} error a promise rejects with, and JSON conversions
// between Go bytes and JS values. It is small on purpose and knows nothing
// about verification, so the browser library and the edge worker share it.
//
// The model is tailscale cmd/tsconnect/wasm/wasm_js.go (makePromise). All JS
// access goes through github.com/hack-pad/safejs, so a JS exception becomes
// a Go error instead of a panic.
//
// # Security considerations
//
// A JS callback must never block: the Go runtime under js/wasm runs on the
// JS event loop, and a callback that waits for a goroutine that needs the
// event loop deadlocks the page. [Promise] therefore runs its work in a new
// goroutine and returns at once. [Promise] also recovers panics from that
// work, so one bad input cannot kill the runtime that every later call
// shares; it reports them as [CodeInternal].
package jsutil
