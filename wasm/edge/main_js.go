//go:build js && wasm

package main

import (
	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/syumai/workers"
	cffetch "github.com/syumai/workers/cloudflare/fetch"
)

func main() {
	// Outbound reads (status lists, did:web) use the Workers fetch API:
	// Go's own transport panics in workerd ("Illegal invocation"). With
	// redirect mode "manual" the 3xx comes back to Go, and httpFetcher
	// decides (same origin only). Only the transport is used (see
	// httpFetcher for why not the *http.Client).
	transport := cffetch.NewClient().HTTPClient(cffetch.RedirectModeManual).Transport
	h := newHandler(version, verify.Options{Fetcher: &httpFetcher{Transport: transport}})

	// workers.Serve(h) would serve one request and then let the program
	// exit (it returns when the first response body is closed), so the
	// generated worker.mjs starts a new Go runtime for every request.
	// Our worker.mjs instead keeps one instance per isolate, so the
	// program must never exit: register the handler, signal readiness and
	// park the main goroutine.
	workers.ServeNonBlock(h)
	workers.Ready()
	select {}
}
