//go:build !(js && wasm)

package main

import "net/http"

// rawBody is the Workers-only fast path of writeBytes (rawbody_js.go).
func rawBody(http.ResponseWriter, []byte) bool { return false }
