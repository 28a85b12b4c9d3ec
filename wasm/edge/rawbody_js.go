//go:build js && wasm

package main

import (
	"net/http"
	"syscall/js"

	"github.com/hack-pad/safejs"
)

// rawBody hands b to the Workers runtime as the whole response body, one
// Uint8Array, when w is syumai/workers' ResponseWriter. Otherwise the
// body would travel through a ReadableStream that a goroutine feeds from
// a pipe: worker.mjs ends a request's turn once it has read Content-Length
// bytes, and that goroutine's final close of the stream could then run
// during the next request's turn, which workerd refuses ("Cannot perform
// I/O on behalf of a different request") — seen about once in 6 000
// requests under the load test. A raw body is complete before the
// handler returns, so nothing of a request runs after its turn.
func rawBody(w http.ResponseWriter, b []byte) bool {
	rw, ok := w.(interface{ WriteRawJSBody(js.Value) })
	if !ok {
		return false
	}
	ctor, err := safejs.Global().Get("Uint8Array")
	if err != nil {
		return false
	}
	arr, err := ctor.New(len(b))
	if err != nil {
		return false
	}
	if _, err := safejs.CopyBytesToJS(arr, b); err != nil {
		return false
	}
	rw.WriteRawJSBody(safejs.Unsafe(arr))
	return true
}
