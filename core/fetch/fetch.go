// Package fetch declares how core reads a resource from outside: status
// lists, DID documents for did:web, parent credentials and trusted lists.
//
// Core never opens a connection itself. The caller passes a [Fetcher]:
// an HTTP client in the CLI and the worker, the browser's fetch in the
// wallet, or a [Map] of bytes the caller already has (tests, offline
// bundles, the CLI's --resource flags).
//
// # Security considerations
//
// A Fetcher must bound what it reads ([MaxBytes] unless the caller sets a
// smaller bound) and must not follow redirects to a different origin
// without the caller's consent. Core treats every fetched byte as hostile
// and verifies it like any other input.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// MaxBytes bounds one fetched resource (a DID document, a status list
// credential). 2 MiB holds a 16 Mi-entry gzip-compressed status list with
// room to spare and keeps a hostile server from exhausting memory.
const MaxBytes = 2 << 20

// Fetcher reads the resource at url. It returns the body bytes, or an error
// that wraps [ErrNotFound] when the resource does not exist, or
// [ErrOffline] when the caller forbade the network.
type Fetcher interface {
	Fetch(ctx context.Context, url string) ([]byte, error)
}

// ErrNotFound reports that the resource does not exist (HTTP 404, or a URL
// that a [Map] does not hold).
var ErrNotFound = errors.New("fetch: not found")

// ErrOffline reports that the caller forbade network access and did not
// provide the resource.
var ErrOffline = errors.New("fetch: offline and resource not provided")

// ErrBlocked reports that the runtime could not complete the request and
// cannot say why: a browser's fetch rejects a network failure, a CORS
// refusal and a redirect it will not reveal alike. A Fetcher wraps it
// with a message that says what the publisher or the caller can do.
var ErrBlocked = errors.New("fetch: blocked by the runtime (network failure, CORS refusal or unfollowed redirect)")

// ErrTooLarge reports a resource larger than the bound.
var ErrTooLarge = errors.New("fetch: resource too large")

// Error is the one error type of this layer: it names the URL that failed.
type Error struct {
	URL string
	Err error
}

func (e *Error) Error() string { return fmt.Sprintf("fetch: %s: %v", truncate(e.URL), e.Err) }
func (e *Error) Unwrap() error { return e.Err }

func truncate(s string) string {
	const max = 200
	if len(s) > max {
		s = s[:max] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// Map is a Fetcher over bytes the caller already holds, keyed by exact URL.
// A URL it does not hold fails with Next if set, else with [ErrOffline].
type Map struct {
	Entries map[string][]byte
	Next    Fetcher
}

// Fetch implements [Fetcher].
func (m Map) Fetch(ctx context.Context, url string) ([]byte, error) {
	if b, ok := m.Entries[url]; ok {
		if len(b) > MaxBytes {
			return nil, &Error{URL: url, Err: ErrTooLarge}
		}
		return b, nil
	}
	if m.Next != nil {
		return m.Next.Fetch(ctx, url)
	}
	return nil, &Error{URL: url, Err: ErrOffline}
}

// FetchedAt reports when Next fetched url, if Next knows (an offline
// bundle does); entries held by the Map itself carry no date.
func (m Map) FetchedAt(url string) (time.Time, bool) {
	if _, ok := m.Entries[url]; ok {
		return time.Time{}, false
	}
	if d, ok := m.Next.(Dated); ok {
		return d.FetchedAt(url)
	}
	return time.Time{}, false
}

// Dated is implemented by fetchers that know when a resource was
// fetched, so that a verifier can say how old a status list is.
type Dated interface {
	FetchedAt(url string) (time.Time, bool)
}

// Offline is a Fetcher that refuses every URL with [ErrOffline].
type Offline struct{}

// Fetch implements [Fetcher].
func (Offline) Fetch(_ context.Context, url string) ([]byte, error) {
	return nil, &Error{URL: url, Err: ErrOffline}
}
