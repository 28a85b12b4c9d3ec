package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/wasm/internal/httpfetch"
)

// Fetching from the page (options.fetch).
//
// By default the library fetches nothing: a relying party's page makes no
// network request it did not ask for, and did:web documents and status
// lists come in through options.didDocs, options.resources or
// options.bundle. With options.fetch set, what verification still lacks
// is fetched with the browser's fetch under the fetch policy the edge
// worker applies (wasm/internal/httpfetch): https on the default port to a
// public DNS name only (never an IP literal, localhost or a local-only
// zone), at most httpfetch.MaxBytes, within httpfetch.Timeout, without
// cookies (credentials "omit"). Redirects are not followed: a browser
// does not reveal where a redirect leads (redirect mode "manual" answers an
// opaque redirect), so no hop could be checked against the policy.
//
// A fetch the browser blocks (a network failure, or a host that does not
// allow the page's origin: CORS) is reported as the check code
// fetch_blocked (core/verify), its detail saying what to do.

// fetchOption is options.fetch: false, absent or null (fetch nothing),
// true (fetch under the policy), or an object
// {"allowedTestOrigins": ["http://127.0.0.1:8123"]} (fetch, and exempt
// these loopback origins from the policy: for tests).
type fetchOption struct {
	Enabled            bool
	AllowedTestOrigins []string
}

// UnmarshalJSON reads a boolean or the object form, strictly.
func (o *fetchOption) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "null", "false":
		*o = fetchOption{}
		return nil
	case "true":
		*o = fetchOption{Enabled: true}
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		return errors.New("fetch: want true, false or {allowedTestOrigins: [...]}")
	}
	var obj struct {
		AllowedTestOrigins []string `json:"allowedTestOrigins"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&obj); err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	for _, origin := range obj.AllowedTestOrigins {
		if err := httpfetch.CheckTestOrigin(origin); err != nil {
			return fmt.Errorf("fetch: allowedTestOrigins: %w", err)
		}
	}
	*o = fetchOption{Enabled: true, AllowedTestOrigins: obj.AllowedTestOrigins}
	return nil
}

// browserAccept is the Accept header of the library's fetches: a
// CORS-safelisted value (at most 128 bytes), so that a plain GET needs no
// preflight.
const browserAccept = "application/json, application/did+json, application/vc+jwt, application/statuslist+jwt, */*;q=0.5"

// newBrowserFetcher returns the fetcher of options.fetch over transport
// (on js/wasm fetchTransport, which calls the host's fetch).
func newBrowserFetcher(o fetchOption, transport http.RoundTripper) fetch.Fetcher {
	h := http.Header{}
	h.Set("Accept", browserAccept)
	return browserFetcher{f: &httpfetch.Fetcher{
		Transport: markTransport{transport},
		Policy:    httpfetch.Policy{AllowedTestOrigins: o.AllowedTestOrigins},
		Header:    h,
	}}
}

// browserFetcher turns what the browser cannot tell apart (a failed
// fetch: network or CORS) and what it will not show (a redirect) into
// fetch.ErrBlocked, with what the publisher or the caller can do.
type browserFetcher struct{ f *httpfetch.Fetcher }

// Fetch implements fetch.Fetcher.
func (b browserFetcher) Fetch(ctx context.Context, url string) ([]byte, error) {
	body, err := b.f.Fetch(ctx, url)
	if err == nil {
		return body, nil
	}
	var te *transportError
	switch {
	case errors.Is(err, httpfetch.ErrRedirectNotFollowed):
		return nil, &fetch.Error{URL: url, Err: fmt.Errorf("%w: the host answered with a redirect, which the library does not follow "+
			"(a browser hides its target from the fetch policy): publish the resource at the URL the credential names, "+
			"or pass it in options.resources or options.bundle", fetch.ErrBlocked)}
	case errors.As(err, &te) && !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled):
		return nil, &fetch.Error{URL: url, Err: fmt.Errorf("%w: the browser could not fetch it (%v): a network failure, "+
			"or the host does not allow this page's origin: serve it with the header Access-Control-Allow-Origin "+
			"(* or this origin), or pass it in options.resources or options.bundle", fetch.ErrBlocked, te.err)}
	}
	return nil, err
}

// markTransport marks the errors of the transport itself (no HTTP
// answer at all), which in a browser are a network failure or a CORS
// refusal.
type markTransport struct{ rt http.RoundTripper }

func (m markTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := m.rt.RoundTrip(r)
	if err != nil {
		return nil, &transportError{err}
	}
	return res, nil
}

type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }
