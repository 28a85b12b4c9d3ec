//go:build js && wasm

package main

import (
	"time"

	"github.com/hack-pad/safejs"
	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	cffetch "github.com/syumai/workers/cloudflare/fetch"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/gxwallet/gxwallet/wasm/edge/webcrypto"
)

// boundedFetchGlobal is the object worker.mjs defines whose fetch is the
// Workers fetch with an AbortSignal of FetchTimeout: Go cannot cancel a
// JS promise, so the time bound lives on the JS side.
const boundedFetchGlobal = "__gxBoundedFetch"

func main() {
	// Signatures are checked by the runtime's WebCrypto (BoringSSL in
	// workerd) where it gives the same verdict as Go's code, which is ~10×
	// slower under wasm; see webcrypto.Verifier. Set once, before serving.
	if wc := webcrypto.New(); wc != nil {
		jose.SetVerifier(wc)
	}
	h := newHandler(version, verify.Options{})
	// Outbound reads (status lists, did:web) use the Workers fetch API:
	// Go's own transport panics in workerd ("Illegal invocation"). With
	// redirect mode "manual" the 3xx comes back to Go, and httpFetcher
	// decides (same origin, policy checked again). Only the transport is
	// used (see httpFetcher for why not the *http.Client).
	var opts []cffetch.ClientOption
	if bound, err := safejs.Global().Get(boundedFetchGlobal); err == nil && bound.Type() == safejs.TypeObject {
		opts = append(opts, cffetch.WithBinding(safejs.Unsafe(bound)))
	}
	h.Transport = cffetch.NewClient(opts...).HTTPClient(cffetch.RedirectModeManual).Transport
	h.Cache = newLRUStore(MaxCacheEntries, MaxCacheBytes, time.Now)
	h.OpenCacheAPI = openCacheAPI
	// The env of the request in its turn (worker.mjs sets it before
	// handing the request to Go): wrangler.toml [vars], workerd bindings.
	h.Env = cloudflare.Getenv

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
