package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"

	"github.com/gxwallet/gxwallet/wasm/internal/httpfetch"
)

// errStaleTooOld is wrapped by the error of a fetch whose source is down
// and whose cached copy is older than the configured maximum age. Its
// text starts with the code, which reaches the Result's check detail.
var errStaleTooOld = errors.New("stale_too_old")

// cacheEntry is one cached resource.
type cacheEntry struct {
	Body       []byte
	FetchedAt  time.Time // when it was fetched from its source
	FreshUntil time.Time // until when it is served without asking the source
}

// cacheStore is one tier of the fetch cache. Get and Put never fail: a
// store that cannot answer is a miss, one that cannot store drops the
// entry. keep is how long the store should keep e (its freshness plus the
// time a stale copy may still be served).
type cacheStore interface {
	Get(ctx context.Context, url string) (cacheEntry, bool)
	Put(ctx context.Context, url string, e cacheEntry, keep time.Duration)
	Name() string
}

// Cache outcomes, reported per fetch in the X-Gx-Cache response header
// and by GET /v1/status.
const (
	outcomeHit     = "hit"   // a fresh cached copy answered
	outcomeMiss    = "miss"  // fetched from the source (and cached if allowed)
	outcomeStale   = "stale" // the source is down; a cached copy within CACHE_MAX_AGE answered
	outcomeTooOld  = "stale_too_old"
	outcomeRefused = "refused" // the fetch policy refused the URL
	outcomeError   = "error"   // the source failed and nothing cached could answer
)

// cachedFetcher is the fetch.Fetcher of one request: the policy fetcher
// behind the cache tiers. It records, per URL, when the copy it served was
// fetched (fetch.Dated: core reports "status as of T" from it) and what
// the cache did (the X-Gx-Cache header). It is not shared between
// requests; the tiers are.
type cachedFetcher struct {
	origin interface {
		Get(ctx context.Context, url string) ([]byte, http.Header, error)
	}
	tiers      []cacheStore // fastest first
	now        func() time.Time
	maxAge     time.Duration
	defaultTTL time.Duration

	mu       sync.Mutex
	dates    map[string]time.Time
	outcomes []string
}

// Fetch implements fetch.Fetcher.
func (f *cachedFetcher) Fetch(ctx context.Context, url string) ([]byte, error) {
	now := f.now()
	e, tier, cached := f.lookup(ctx, url)
	if cached && now.Before(e.FreshUntil) {
		for _, t := range f.tiers[:tier] { // promote to the faster tiers
			t.Put(ctx, url, e, f.keep(e, now))
		}
		f.record(url, outcomeHit, e.FetchedAt)
		return e.Body, nil
	}
	body, hdr, err := f.origin.Get(ctx, url)
	if err == nil {
		if fresh, ok := lifetime(body, hdr, now, f.defaultTTL, f.maxAge); ok {
			e := cacheEntry{Body: body, FetchedAt: now, FreshUntil: now.Add(fresh)}
			for _, t := range f.tiers {
				t.Put(ctx, url, e, f.keep(e, now))
			}
		}
		f.record(url, outcomeMiss, now)
		return body, nil
	}
	switch {
	case errors.Is(err, httpfetch.ErrRefused):
		f.record(url, outcomeRefused, time.Time{})
	case cached && errors.Is(err, httpfetch.ErrSourceDown):
		if age := now.Sub(e.FetchedAt); age <= f.maxAge {
			f.record(url, outcomeStale, e.FetchedAt)
			return e.Body, nil
		}
		f.record(url, outcomeTooOld, time.Time{})
		return nil, &fetch.Error{URL: url, Err: fmt.Errorf("%w: the cached copy fetched at %s is %s old, past the maximum age %s (CACHE_MAX_AGE), and the source failed: %v",
			errStaleTooOld, e.FetchedAt.UTC().Format(time.RFC3339), now.Sub(e.FetchedAt).Round(time.Millisecond), f.maxAge, errors.Unwrap(err))}
	default:
		f.record(url, outcomeError, time.Time{})
	}
	return nil, err
}

// keep is how long a store keeps e: while fresh, and then as long as a
// stale copy may be served, and as long again so that a request past
// that gets stale_too_old rather than a bare source error.
func (f *cachedFetcher) keep(e cacheEntry, now time.Time) time.Duration {
	return e.FreshUntil.Sub(now) + 2*f.maxAge
}

// lookup returns the first tier's entry for url and that tier's index.
func (f *cachedFetcher) lookup(ctx context.Context, url string) (cacheEntry, int, bool) {
	for i, t := range f.tiers {
		if e, ok := t.Get(ctx, url); ok {
			return e, i, true
		}
	}
	return cacheEntry{}, 0, false
}

func (f *cachedFetcher) record(url, outcome string, fetched time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.outcomes = append(f.outcomes, outcome)
	if !fetched.IsZero() {
		if f.dates == nil {
			f.dates = map[string]time.Time{}
		}
		f.dates[url] = fetched
	}
}

// FetchedAt implements fetch.Dated: when the copy served for url was
// fetched from its source.
func (f *cachedFetcher) FetchedAt(url string) (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.dates[url]
	return t, ok
}

// Outcomes returns what the cache did for each fetch, in order.
func (f *cachedFetcher) Outcomes() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.outcomes...)
}

// lifetime returns how long a fetched resource stays fresh, and whether
// it may be stored at all. The shortest of these wins:
//
//   - HTTP caching (RFC 9111 §5.2.2, for a shared cache): no-store and
//     private forbid storing; no-cache means fresh for no time (still
//     stored, to be served when the source is down); s-maxage, max-age,
//     else Expires;
//   - a status list's own statement: Bitstring Status List ttl
//     (credentialSubject.ttl, milliseconds, BSL v1.0 §2.2) or Token Status
//     List ttl (seconds, draft-ietf-oauth-status-list §6.2), and the end
//     of its validity (validUntil, expirationDate, exp).
//
// With neither, defaultTTL. The result is at most maxAge. The resource is
// read unverified, for its dates only: what it says is verified when core
// uses it, on every request, fresh or cached.
func lifetime(body []byte, hdr http.Header, now time.Time, defaultTTL, maxAge time.Duration) (time.Duration, bool) {
	fresh, stated := time.Duration(math.MaxInt64), false
	shorter := func(d time.Duration) {
		stated = true
		fresh = min(fresh, max(d, 0))
	}
	cc := parseCacheControl(hdr.Get("Cache-Control"))
	if _, ok := cc["no-store"]; ok {
		return 0, false
	}
	if _, ok := cc["private"]; ok {
		return 0, false
	}
	if _, ok := cc["no-cache"]; ok {
		shorter(0)
	}
	if s, ok := cc["s-maxage"]; ok {
		shorter(seconds(s))
	} else if s, ok := cc["max-age"]; ok {
		shorter(seconds(s))
	} else if exp := hdr.Get("Expires"); exp != "" {
		if t, err := http.ParseTime(exp); err == nil {
			shorter(t.Sub(now))
		} else {
			shorter(0) // RFC 9111 §5.3: an invalid Expires is in the past
		}
	}
	if ttl, until := resourceDates(body); ttl > 0 || !until.IsZero() {
		if ttl > 0 {
			shorter(ttl)
		}
		if !until.IsZero() {
			shorter(until.Sub(now))
		}
	}
	if !stated {
		fresh = defaultTTL
	}
	return min(fresh, maxAge), true
}

func seconds(s string) time.Duration {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return time.Duration(min(n, int64(math.MaxInt64/int64(time.Second)))) * time.Second
}

// parseCacheControl reads the directives of a Cache-Control value,
// lower-cased, with their (unquoted) arguments.
func parseCacheControl(v string) map[string]string {
	m := map[string]string{}
	for _, d := range strings.Split(v, ",") {
		d = strings.TrimSpace(d)
		if d == "" {
			continue
		}
		name, arg, _ := strings.Cut(d, "=")
		m[strings.ToLower(strings.TrimSpace(name))] = strings.Trim(strings.TrimSpace(arg), `"`)
	}
	return m
}

// resourceDates reads, unverified, the caching statements of a status
// list: its ttl and the end of its validity. body is a JSON credential, a
// compact JWS (vc+jwt, statuslist+jwt) or anything else (no statement).
func resourceDates(body []byte) (ttl time.Duration, until time.Time) {
	b := bytes.TrimSpace(body)
	var doc map[string]any
	switch {
	case len(b) > 0 && b[0] == '{':
		if json.Unmarshal(b, &doc) != nil {
			return 0, time.Time{}
		}
	default:
		compact, _, _ := bytes.Cut(b, []byte("~")) // an SD-JWT's issuer JWT
		parts := bytes.Split(compact, []byte("."))
		if len(parts) != 3 {
			return 0, time.Time{}
		}
		payload, err := base64.RawURLEncoding.DecodeString(string(parts[1]))
		if err != nil || json.Unmarshal(payload, &doc) != nil {
			return 0, time.Time{}
		}
	}
	if exp, ok := doc["exp"].(float64); ok && exp > 0 && exp < 1<<40 {
		until = time.Unix(int64(exp), 0)
	}
	if _, ok := doc["status_list"]; ok { // Token Status List: ttl in seconds
		if s, ok := doc["ttl"].(float64); ok && s > 0 && s < 1<<40 {
			ttl = time.Duration(s) * time.Second
		}
		return ttl, until
	}
	vc := doc
	if inner, ok := doc["vc"].(map[string]any); ok { // VC-JWT of VCDM 1.1
		vc = inner
	}
	for _, name := range []string{"validUntil", "expirationDate"} {
		if s, ok := vc[name].(string); ok {
			if t, err := time.Parse(time.RFC3339, s); err == nil && (until.IsZero() || t.Before(until)) {
				until = t
			}
		}
	}
	subject, _ := vc["credentialSubject"].(map[string]any)
	if list, ok := vc["credentialSubject"].([]any); ok && len(list) > 0 {
		subject, _ = list[0].(map[string]any)
	}
	if ms, ok := subject["ttl"].(float64); ok && ms > 0 && ms < 1<<50 {
		ttl = time.Duration(ms) * time.Millisecond
	}
	return ttl, until
}

// lazyStore opens a tier (the Cache API) on first use, once per request:
// a request whose fetches all hit the in-isolate tier never opens it.
type lazyStore struct {
	open   func(context.Context) cacheStore
	opened bool
	s      cacheStore
}

func (l *lazyStore) store(ctx context.Context) cacheStore {
	if !l.opened {
		l.opened, l.s = true, l.open(ctx)
	}
	return l.s
}

func (l *lazyStore) Name() string { return "cache-api" }

func (l *lazyStore) Get(ctx context.Context, url string) (cacheEntry, bool) {
	if s := l.store(ctx); s != nil {
		return s.Get(ctx, url)
	}
	return cacheEntry{}, false
}

func (l *lazyStore) Put(ctx context.Context, url string, e cacheEntry, keep time.Duration) {
	if s := l.store(ctx); s != nil {
		s.Put(ctx, url, e, keep)
	}
}
