//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/syumai/workers/cloudflare/cache"
)

// cacheAPINamespace is the Workers Cache API cache the worker keeps
// fetched resources in (caches.open), apart from the zone's default
// cache, keyed by the resource URL.
const cacheAPINamespace = "gxwallet-fetch"

// Headers of a stored entry besides its body.
const (
	hdrFetchedAt  = "X-Gx-Fetched-At"
	hdrFreshUntil = "X-Gx-Fresh-Until"
)

// cacheAPIStore is the Cache API tier (syumai/workers cloudflare/cache).
// On Cloudflare it is shared by the isolates of a data centre; on
// workers.dev and on standalone workerd without a cache service it does
// nothing, and the in-isolate tier is the cache.
type cacheAPIStore struct{ c *cache.Cache }

// openCacheAPI opens the tier for one request (a Cache object belongs to
// the request that opened it), or returns nil where there is no Cache API.
func openCacheAPI(context.Context) (s cacheStore) {
	defer func() {
		// cache.WithNamespace panics when caches.open fails, and
		// caches is undefined outside Workers.
		if recover() != nil {
			s = nil
		}
	}()
	return &cacheAPIStore{c: cache.New(cache.WithNamespace(cacheAPINamespace))}
}

func (s *cacheAPIStore) Name() string { return "cache-api" }

// Get implements cacheStore.
func (s *cacheAPIStore) Get(ctx context.Context, url string) (e cacheEntry, ok bool) {
	defer func() {
		if recover() != nil {
			e, ok = cacheEntry{}, false
		}
	}()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return cacheEntry{}, false
	}
	res, err := s.c.Match(req, nil)
	if err != nil {
		return cacheEntry{}, false
	}
	defer res.Body.Close()
	fetched, err1 := time.Parse(time.RFC3339Nano, res.Header.Get(hdrFetchedAt))
	fresh, err2 := time.Parse(time.RFC3339Nano, res.Header.Get(hdrFreshUntil))
	if res.StatusCode != http.StatusOK || err1 != nil || err2 != nil {
		return cacheEntry{}, false
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, MaxFetchBytes+1))
	if err != nil || len(body) > MaxFetchBytes {
		return cacheEntry{}, false
	}
	return cacheEntry{Body: body, FetchedAt: fetched, FreshUntil: fresh}, true
}

// Put implements cacheStore: the entry is stored with max-age keep, so
// the Cache API drops it when no longer servable; freshness travels in
// our own headers.
func (s *cacheAPIStore) Put(ctx context.Context, url string, e cacheEntry, keep time.Duration) {
	defer func() { recover() }()
	secs := int64(keep / time.Second)
	if secs <= 0 {
		return
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return
	}
	hdr := http.Header{}
	hdr.Set("Content-Type", "application/octet-stream")
	hdr.Set("Cache-Control", "max-age="+strconv.FormatInt(secs, 10))
	hdr.Set(hdrFetchedAt, e.FetchedAt.UTC().Format(time.RFC3339Nano))
	hdr.Set(hdrFreshUntil, e.FreshUntil.UTC().Format(time.RFC3339Nano))
	s.c.Put(req, &http.Response{
		StatusCode:    http.StatusOK,
		Header:        hdr,
		Body:          io.NopCloser(bytes.NewReader(e.Body)),
		ContentLength: int64(len(e.Body)),
	})
}
