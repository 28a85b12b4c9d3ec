package main

import (
	"time"

	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/gxwallet/gxwallet/wasm/internal/httpfetch"
)

// Named limits of the edge verifier (STYLE rule 22). Each bounds what a
// request, or a host a request makes us contact, can cost one Go instance,
// which serves every request of its isolate one at a time.
const (
	// MaxRequestBytes bounds the body of POST /v1/verify. It holds one
	// credential of verify.MaxInputBytes sent as a JSON string (escaping
	// can grow JWT-free JSON text, but not a compact JWT) plus the options:
	// a few DID documents and small inline resources. Larger inline
	// resources (a 16 Mi-entry status list) should be fetched, not posted.
	MaxRequestBytes = verify.MaxInputBytes + 1<<20

	// MaxBatchItems bounds the items of one POST /v1/verify/batch. A
	// relying party checking a presentation's worth of credentials sends a
	// handful; 100 ES256 verifications take well under a second.
	MaxBatchItems = 100

	// MaxBatchBytes bounds the body of POST /v1/verify/batch: 100 typical
	// credentials (a few KiB each) with their options fit many times over;
	// large credentials go one per request.
	MaxBatchBytes = 4 << 20

	// MaxFetchBytes bounds one fetched resource (DID document, status
	// list, trusted list): fetch.MaxBytes, the bound core assumes.
	MaxFetchBytes = httpfetch.MaxBytes

	// MaxRedirects bounds the redirects one fetch follows; each hop is
	// checked against the fetch policy again.
	MaxRedirects = httpfetch.MaxRedirects

	// MaxTrustBundleBytes bounds the deployment's trust bundle
	// (TRUST_BUNDLE_URL). It is kept in the in-isolate cache (a quarter of
	// MaxCacheBytes) and applied to every request that brings no bundle of
	// its own, which parses its DID documents each time: a bundle of this
	// size is already a few hundred issuers. Larger sets belong in
	// several deployments or in requests' own bundles.
	MaxTrustBundleBytes = 4 << 20

	// MaxURLBytes bounds a URL we fetch or look up; longer ones are refused
	// before parsing.
	MaxURLBytes = httpfetch.MaxURLBytes
)

// Time limits.
const (
	// VerifyTimeout bounds one verification, outbound fetches included.
	// The platform has its own wall-clock limits; this keeps a slow
	// status-list host from holding the (single-threaded) Go instance
	// longer than that.
	VerifyTimeout = 20 * time.Second

	// BatchTimeout bounds a whole batch; items not started by then are
	// answered with code "indeterminate".
	BatchTimeout = 25 * time.Second

	// FetchTimeout bounds one outbound fetch, redirects and body included.
	// worker.mjs applies the same bound to the Workers fetch with an
	// AbortSignal (fetchTimeoutMs there; config_test.go keeps them equal):
	// the Go side cannot cancel a JS promise.
	FetchTimeout = httpfetch.Timeout
)

// Cache limits.
const (
	// MaxCacheEntries and MaxCacheBytes bound the in-isolate cache of
	// fetched resources. An isolate has 128 MiB; 16 MiB of status lists
	// and DID documents leaves the rest to verification.
	MaxCacheEntries = 512
	MaxCacheBytes   = 16 << 20

	// DefaultCacheMaxAge is how long a cached copy may still be served
	// when its source is down (CACHE_MAX_AGE overrides it).
	DefaultCacheMaxAge = 24 * time.Hour

	// DefaultCacheTTL is how long a fetched resource is fresh when
	// neither the resource (status list ttl, validUntil, exp) nor its HTTP
	// headers (Cache-Control, Expires) say (CACHE_DEFAULT_TTL overrides).
	DefaultCacheTTL = 5 * time.Minute
)
