//go:build !(js && wasm)

package app

import "net/http"

// fetchOptions has nothing to set natively: the client keeps no cookies.
func fetchOptions(*http.Request) {}
