//go:build js && wasm

package app

import "net/http"

// fetchOptions sets the fetch options Go's js/wasm RoundTripper reads from
// these pseudo-headers: no cookies or HTTP credentials travel with the
// flows' requests, and CORS applies.
func fetchOptions(req *http.Request) {
	req.Header.Set("js.fetch:credentials", "omit")
	req.Header.Set("js.fetch:mode", "cors")
}
