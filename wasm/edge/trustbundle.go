package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/fetch"

	"github.com/gxwallet/gxwallet/wasm/internal/httpfetch"
)

// The deployment's trust bundle (TRUST_BUNDLE_URL): an offline bundle
// (core/bundle, as `gxwallet bundle create` writes it) that answers every
// request which brings no options.bundle of its own: its DID documents,
// trusted-list answers, status lists and JSON-LD contexts are consulted
// before the network, exactly as a request's own bundle is
// (verify.Request.Apply).
//
// It is fetched like any other resource: under the fetch policy, through
// the same cache tiers (fresh for its Cache-Control/Expires or
// CACHE_DEFAULT_TTL, served stale when its host is down within
// CACHE_MAX_AGE), bounded by MaxTrustBundleBytes. It is fetched only when
// a request needs it, at most once per request (a batch shares it).
//
// # Security considerations
//
// A bundle is data, not trust: every credential, DID document and status
// list in it is verified as if it had just been fetched, and it makes no
// issuer trusted by itself (TRUSTED_ISSUERS and the request's
// trustedIssuers do). What the deployment vouches for by configuring it
// is its freshness, which the Result reports per resource ("status as of
// T", from the bundle's fetch times).

// Error codes of the trust bundle (see errorCodes).
const (
	// codeTrustBundleUnavailable: TRUST_BUNDLE_URL could not be fetched
	// and no cached copy within CACHE_MAX_AGE exists; retry later.
	codeTrustBundleUnavailable = "trust_bundle_unavailable"
	// codeTrustBundleInvalid: what TRUST_BUNDLE_URL serves is not a
	// bundle (core/bundle); the deployment must fix its source.
	codeTrustBundleInvalid = "trust_bundle_invalid"
)

// trustBundleHeader reports, on answers that used the deployment's
// bundle, what the cache did for it and when that copy was fetched:
// "hit; fetched=2026-11-22T10:00:00Z".
const trustBundleHeader = "X-Gx-Trust-Bundle"

// trustBundle loads the deployment's bundle for one request (or batch).
type trustBundle struct {
	url     string
	fetcher *cachedFetcher
	valid   *validBundles

	once    sync.Once
	raw     []byte
	outcome string
	fetched time.Time
	status  int
	err     *apiError
}

// newTrustBundle returns the loader of cfg's bundle for one request, or
// nil when none is configured or nothing can be fetched.
func (h *handler) newTrustBundle(cfg Config) *trustBundle {
	if cfg.TrustBundleURL == "" || h.Transport == nil {
		return nil
	}
	return &trustBundle{
		url: cfg.TrustBundleURL,
		fetcher: &cachedFetcher{
			origin:     &httpfetch.Fetcher{Transport: h.Transport, Policy: cfg.policy(), MaxBytes: MaxTrustBundleBytes},
			tiers:      h.tiers(),
			now:        h.now,
			maxAge:     cfg.cacheMaxAge(),
			defaultTTL: cfg.cacheDefaultTTL(),
		},
		valid: &h.validBundles,
	}
}

// get returns the bundle's bytes, checked to be a bundle, or the HTTP
// status and error that answer a request which needed it.
func (b *trustBundle) get(ctx context.Context) ([]byte, int, *apiError) {
	b.once.Do(func() {
		raw, err := b.fetcher.Fetch(ctx, b.url)
		if o := b.fetcher.Outcomes(); len(o) > 0 {
			b.outcome = o[len(o)-1]
		}
		b.fetched, _ = b.fetcher.FetchedAt(b.url)
		if err != nil {
			b.status, b.err = http.StatusServiceUnavailable, &apiError{Code: codeTrustBundleUnavailable,
				Message: "the deployment's trust bundle (TRUST_BUNDLE_URL) could not be fetched: " + err.Error()}
			var fe *fetch.Error
			if errors.Is(err, fetch.ErrTooLarge) && errors.As(err, &fe) {
				b.status, b.err = http.StatusBadGateway, &apiError{Code: codeTrustBundleInvalid,
					Message: fmt.Sprintf("the deployment's trust bundle (TRUST_BUNDLE_URL) is over %d bytes", MaxTrustBundleBytes)}
			}
			return
		}
		if !b.valid.seen(b.url, b.fetched, len(raw)) {
			if _, err := bundle.Parse(raw); err != nil {
				b.status, b.err = http.StatusBadGateway, &apiError{Code: codeTrustBundleInvalid,
					Message: "the deployment's trust bundle (TRUST_BUNDLE_URL) is not a bundle: " + err.Error()}
				return
			}
			b.valid.add(b.url, b.fetched, len(raw))
		}
		b.raw = raw
	})
	return b.raw, b.status, b.err
}

// setHeader reports the bundle's cache outcome, when it was loaded.
func (b *trustBundle) setHeader(w http.ResponseWriter) {
	if b == nil || b.outcome == "" {
		return
	}
	v := b.outcome
	if !b.fetched.IsZero() {
		v += "; fetched=" + b.fetched.UTC().Format(time.RFC3339)
	}
	w.Header().Set(trustBundleHeader, v)
}

// validBundles remembers which copies of a trust bundle were checked
// (bundle.Parse), so that a cached copy is parsed for validity once per
// isolate, not on every request. A copy is named by its URL, its fetch
// time and its length: the cache tiers never change a copy's bytes
// without a new fetch time.
type validBundles struct {
	mu   sync.Mutex
	keys [4]validKey // the last few; a deployment has one URL
	next int
}

type validKey struct {
	url     string
	fetched time.Time
	size    int
}

func (v *validBundles) seen(url string, fetched time.Time, size int) bool {
	if fetched.IsZero() {
		return false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for _, k := range v.keys {
		if k.url == url && k.fetched.Equal(fetched) && k.size == size {
			return true
		}
	}
	return false
}

func (v *validBundles) add(url string, fetched time.Time, size int) {
	if fetched.IsZero() {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.keys[v.next] = validKey{url, fetched, size}
	v.next = (v.next + 1) % len(v.keys)
}
