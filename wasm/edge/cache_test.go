package main

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"

	"github.com/gxwallet/gxwallet/wasm/internal/httpfetch"
)

var t0 = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestLifetime(t *testing.T) {
	const def, maxAge = 5 * time.Minute, 24 * time.Hour
	jwt := func(payload string) []byte {
		return []byte("eyJhbGciOiJFUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(payload)) + ".c2ln")
	}
	for _, tc := range []struct {
		name  string
		body  []byte
		hdr   http.Header
		fresh time.Duration
		store bool
	}{
		{"nothing stated", []byte(`{"id":"x"}`), nil, def, true},
		{"not JSON", []byte(`<html>`), nil, def, true},
		{"max-age", nil, http.Header{"Cache-Control": {"public, max-age=600"}}, 10 * time.Minute, true},
		{"s-maxage wins over max-age", nil, http.Header{"Cache-Control": {"max-age=600, s-maxage=60"}}, time.Minute, true},
		{"no-store", nil, http.Header{"Cache-Control": {"no-store"}}, 0, false},
		{"private", nil, http.Header{"Cache-Control": {"private, max-age=600"}}, 0, false},
		{"no-cache", nil, http.Header{"Cache-Control": {"no-cache"}}, 0, true},
		{"Expires", nil, http.Header{"Expires": {t0.Add(time.Hour).Format(http.TimeFormat)}}, time.Hour, true},
		{"bad Expires", nil, http.Header{"Expires": {"0"}}, 0, true},
		{"max-age capped by max age", nil, http.Header{"Cache-Control": {"max-age=99999999"}}, maxAge, true},
		{"BSL ttl (ms)", []byte(`{"credentialSubject":{"type":"BitstringStatusList","ttl":120000}}`), nil, 2 * time.Minute, true},
		{"BSL validUntil", []byte(`{"validUntil":"2026-06-01T13:00:00Z","credentialSubject":{"ttl":86400000}}`), nil, time.Hour, true},
		{"ttl shorter than max-age", []byte(`{"credentialSubject":{"ttl":60000}}`), http.Header{"Cache-Control": {"max-age=600"}}, time.Minute, true},
		{"max-age shorter than ttl", []byte(`{"credentialSubject":{"ttl":6000000}}`), http.Header{"Cache-Control": {"max-age=600"}}, 10 * time.Minute, true},
		{"expired list", []byte(`{"validUntil":"2026-01-01T00:00:00Z"}`), nil, 0, true},
		{"vc+jwt list", jwt(`{"credentialSubject":{"ttl":30000},"validUntil":"2027-01-01T00:00:00Z"}`), nil, 30 * time.Second, true},
		{"VCDM 1.1 JWT", jwt(fmt.Sprintf(`{"exp":%d,"vc":{"credentialSubject":{"ttl":86400000}}}`, t0.Add(20*time.Minute).Unix())), nil, 20 * time.Minute, true},
		{"statuslist+jwt ttl (s)", jwt(`{"status_list":{"bits":1,"lst":"eJw"},"ttl":300}`), nil, 5 * time.Minute, true},
		{"statuslist+jwt exp", jwt(fmt.Sprintf(`{"status_list":{},"exp":%d,"ttl":43200}`, t0.Add(time.Hour).Unix())), nil, time.Hour, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			hdr := tc.hdr
			if hdr == nil {
				hdr = http.Header{}
			}
			fresh, store := lifetime(tc.body, hdr, t0, def, maxAge)
			if fresh != tc.fresh || store != tc.store {
				t.Errorf("lifetime = %v, %v; want %v, %v", fresh, store, tc.fresh, tc.store)
			}
		})
	}
}

// origin is a scripted source: body and headers, or an error.
type origin struct {
	body  string
	hdr   http.Header
	err   error
	calls int
}

func (o *origin) Get(_ context.Context, url string) ([]byte, http.Header, error) {
	o.calls++
	if o.err != nil {
		return nil, nil, &fetch.Error{URL: url, Err: o.err}
	}
	hdr := o.hdr
	if hdr == nil {
		hdr = http.Header{}
	}
	return []byte(o.body), hdr, nil
}

func TestCachedFetcher(t *testing.T) {
	const u = "https://status.example/1"
	clock := &fakeClock{t: t0}
	l1 := newLRUStore(8, 1<<20, clock.now)
	src := &origin{body: "v1", hdr: http.Header{"Cache-Control": {"max-age=600"}}}
	newFetcher := func() *cachedFetcher {
		return &cachedFetcher{origin: src, tiers: []cacheStore{l1}, now: clock.now, maxAge: time.Hour, defaultTTL: time.Minute}
	}
	ctx := context.Background()
	fetchOK := func(f *cachedFetcher, want, outcome string, fetched time.Time) {
		t.Helper()
		b, err := f.Fetch(ctx, u)
		if err != nil || string(b) != want {
			t.Fatalf("Fetch = %q, %v; want %q", b, err, want)
		}
		if o := f.Outcomes(); o[len(o)-1] != outcome {
			t.Errorf("outcomes %v, want last %s", o, outcome)
		}
		if at, ok := f.FetchedAt(u); !ok || !at.Equal(fetched) {
			t.Errorf("FetchedAt = %v, %v; want %v", at, ok, fetched)
		}
	}

	fetchOK(newFetcher(), "v1", outcomeMiss, t0)
	clock.advance(5 * time.Minute)
	src.body = "v2"
	fetchOK(newFetcher(), "v1", outcomeHit, t0) // fresh for 10 min
	if src.calls != 1 {
		t.Errorf("source called %d times, want 1", src.calls)
	}
	clock.advance(6 * time.Minute) // stale: asks the source again
	fetchOK(newFetcher(), "v2", outcomeMiss, t0.Add(11*time.Minute))

	// Source down: the stale copy, dated, within max age.
	src.err = fmt.Errorf("%w: HTTP 503", httpfetch.ErrSourceDown)
	clock.advance(30 * time.Minute)
	fetchOK(newFetcher(), "v2", outcomeStale, t0.Add(11*time.Minute))

	// Past max age: a coded error.
	clock.advance(40 * time.Minute)
	f := newFetcher()
	_, err := f.Fetch(ctx, u)
	var fe *fetch.Error
	if !errors.Is(err, errStaleTooOld) || !errors.As(err, &fe) || !strings.Contains(err.Error(), "stale_too_old") {
		t.Errorf("past max age: %v", err)
	}
	if o := f.Outcomes(); o[0] != outcomeTooOld {
		t.Errorf("outcomes %v", o)
	}

	// The source says the resource is gone: no stale copy.
	clock.t = t0.Add(11*time.Minute + 15*time.Minute)
	src.err = fmt.Errorf("%w (HTTP 404)", fetch.ErrNotFound)
	if _, err := newFetcher().Fetch(ctx, u); !errors.Is(err, fetch.ErrNotFound) {
		t.Errorf("404 with a stale copy: %v", err)
	}

	// A policy refusal is reported as such.
	src.err = &httpfetch.PolicyError{URL: u, Reason: "test"}
	f = newFetcher()
	if _, err := f.Fetch(ctx, "https://other.example/"); !errors.Is(err, httpfetch.ErrRefused) || f.Outcomes()[0] != outcomeRefused {
		t.Errorf("refused: %v %v", err, f.Outcomes())
	}

	// no-store: never cached.
	src.err, src.body, src.hdr, src.calls = nil, "v3", http.Header{"Cache-Control": {"no-store"}}, 0
	const u2 = "https://status.example/2"
	for range 2 {
		if _, err := newFetcher().Fetch(ctx, u2); err != nil {
			t.Fatal(err)
		}
	}
	if src.calls != 2 {
		t.Errorf("no-store: source called %d times, want 2", src.calls)
	}
}

// A hit in the second tier (the Cache API) is promoted to the first.
func TestCacheTiers(t *testing.T) {
	clock := &fakeClock{t: t0}
	l1, l2 := newLRUStore(8, 1<<20, clock.now), newLRUStore(8, 1<<20, clock.now)
	src := &origin{body: "v1"}
	f := &cachedFetcher{origin: src, tiers: []cacheStore{l1, l2}, now: clock.now, maxAge: time.Hour, defaultTTL: time.Minute}
	const u = "https://status.example/1"
	if _, err := f.Fetch(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	if n, _ := l2.Len(); n != 1 {
		t.Fatalf("second tier has %d entries", n)
	}
	l1 = newLRUStore(8, 1<<20, clock.now) // a new isolate
	f = &cachedFetcher{origin: src, tiers: []cacheStore{l1, l2}, now: clock.now, maxAge: time.Hour, defaultTTL: time.Minute}
	if b, err := f.Fetch(context.Background(), u); err != nil || string(b) != "v1" || src.calls != 1 {
		t.Fatalf("%q %v calls %d", b, err, src.calls)
	}
	if _, ok := l1.Get(context.Background(), u); !ok {
		t.Error("not promoted to the first tier")
	}
}

func TestLRUStore(t *testing.T) {
	clock := &fakeClock{t: t0}
	s := newLRUStore(3, 10, clock.now)
	ctx := context.Background()
	put := func(u, body string) { s.Put(ctx, u, cacheEntry{Body: []byte(body)}, time.Hour) }
	put("a", "1")
	put("b", "2")
	put("c", "3")
	s.Get(ctx, "a") // a is now the most recent
	put("d", "4")   // evicts b
	if _, ok := s.Get(ctx, "b"); ok {
		t.Error("b not evicted")
	}
	for _, u := range []string{"a", "c", "d"} {
		if _, ok := s.Get(ctx, u); !ok {
			t.Errorf("%s evicted", u)
		}
	}
	put("e", "123456789") // 9 bytes: evicts until ≤ 10
	if n, b := s.Len(); b > 10 || n > 3 {
		t.Errorf("%d entries, %d bytes", n, b)
	}
	put("big", "12345678901") // larger than the store: not kept
	if _, ok := s.Get(ctx, "big"); ok {
		t.Error("oversized entry stored")
	}
	put("x", "1")
	clock.advance(time.Hour)
	if _, ok := s.Get(ctx, "x"); ok {
		t.Error("entry kept past keep")
	}
}
