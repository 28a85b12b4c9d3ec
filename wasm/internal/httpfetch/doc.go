// Package httpfetch is the fetch policy and the bounded HTTP fetcher that
// the edge worker (wasm/edge, over the Workers fetch) and the browser
// library (wasm/verifier, over the browser's fetch) share: which URLs named
// by a credential may be fetched at all ([Policy]), and how ([Fetcher]: at
// most [MaxBytes], within [Timeout], at most [MaxRedirects] same-origin
// redirects, each checked again). Written once so that the two runtimes
// cannot drift apart.
//
// Entry points: [Policy.Check], [Fetcher.Fetch], [Fetcher.Get].
//
// # Security considerations
//
// Every URL it fetches comes from attacker-controlled input (a did:web
// DID, a credentialStatus entry). [Policy] refuses anything but https on
// the default port to a public DNS name; see its documentation for what a
// name check cannot see (DNS rebinding), which the runtime's network layer
// must enforce. A [Fetcher] reads at most its bound and no more than one
// byte past it, so a hostile host cannot exhaust memory.
package httpfetch
