package httpfetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"
)

// ErrSourceDown is wrapped by fetch errors that say nothing about the
// resource, only about its host: no connection, a timeout, HTTP 5xx, 429
// or 408. Only these let a cached copy past its freshness be served. The
// transport's own error stays in the chain too (errors.Is finds both).
var ErrSourceDown = errors.New("source unavailable")

// ErrRedirectNotFollowed is wrapped by the error of a fetch that was
// redirected where the transport cannot show us the target: a browser's
// fetch with redirect "manual" answers an opaque redirect (status 0, no
// Location), so the hop cannot be checked against the Policy and is not
// followed.
var ErrRedirectNotFollowed = errors.New("redirect not followed (the browser does not reveal its target, so it cannot be checked against the fetch policy)")

// Fetcher is a core fetch.Fetcher over an http.RoundTripper, under a
// fetch Policy. On Workers the transport is syumai/workers
// cloudflare/fetch (Go's own transport panics in workerd); in the browser
// library it calls the host's fetch through safejs (wasm/verifier); in
// tests it is an httptest transport.
//
// It uses the RoundTripper directly, not an *http.Client: Client.send
// falls back to http.DefaultTransport, and that reference alone links Go's
// HTTP/1+2 client and crypto/tls into the worker (about 1 MiB of wasm).
// Redirects are therefore followed here: at most MaxRedirects, only within
// the origin of the URL asked for (fetch package contract), and each hop
// is checked against the Policy again.
//
// It reads at most f.MaxBytes (the package's MaxBytes when zero) and
// gives up after f.Timeout (Timeout when zero), redirects included.
type Fetcher struct {
	Transport http.RoundTripper
	Policy    Policy
	MaxBytes  int64
	Timeout   time.Duration
	// Header is added to every request (its Accept replaces the default).
	// The browser library sets a shorter Accept with it: a CORS-safelisted
	// value is at most 128 bytes, and a longer one would cost a preflight
	// that static hosts rarely answer.
	Header http.Header
}

// Fetch implements fetch.Fetcher.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) ([]byte, error) {
	body, _, err := f.Get(ctx, rawURL)
	return body, err
}

// Get returns the body and the headers of a 200 answer for rawURL. Every
// error is a *fetch.Error naming rawURL; it wraps fetch.ErrNotFound (404,
// 410), fetch.ErrTooLarge, ErrRefused (policy), ErrRedirectNotFollowed or
// ErrSourceDown (with the transport's error).
func (f *Fetcher) Get(ctx context.Context, rawURL string) ([]byte, http.Header, error) {
	fail := func(err error) ([]byte, http.Header, error) { return nil, nil, &fetch.Error{URL: rawURL, Err: err} }
	u, err := f.Policy.Check(rawURL)
	if err != nil {
		return fail(err)
	}
	u.Fragment, u.RawFragment = "", ""
	max := f.MaxBytes
	if max <= 0 {
		max = MaxBytes
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = Timeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	for redirects := 0; ; redirects++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return fail(err)
		}
		for k, v := range f.Header {
			req.Header[k] = v
		}
		if req.Header.Get("Accept") == "" {
			req.Header.Set("Accept", "application/json, application/did+json, application/did+ld+json, "+
				"application/vc+jwt, application/statuslist+jwt, application/ld+json;q=0.9, */*;q=0.5")
		}
		res, err := f.Transport.RoundTrip(req)
		if err != nil {
			return fail(fmt.Errorf("%w: %w", ErrSourceDown, err))
		}
		body, next, err := readResponse(ctx, res, u, max)
		if err != nil {
			return fail(err)
		}
		if next == nil {
			return body, res.Header, nil
		}
		if redirects == MaxRedirects {
			return fail(fmt.Errorf("more than %d redirects", MaxRedirects))
		}
		if next.Scheme != u.Scheme || next.Host != u.Host {
			return fail(fmt.Errorf("redirect to another origin (%s://%s) refused", next.Scheme, trunc(next.Host)))
		}
		if next, err = f.Policy.Check(next.String()); err != nil {
			return fail(fmt.Errorf("redirect: %w", err))
		}
		u = next
	}
}

// readResponse returns the body of a 200 answer, or the target of a
// redirect, and closes res.Body.
func readResponse(ctx context.Context, res *http.Response, u *url.URL, max int64) ([]byte, *url.URL, error) {
	defer res.Body.Close()
	switch code := res.StatusCode; {
	case code == http.StatusOK:
	case code == http.StatusMovedPermanently, code == http.StatusFound, code == http.StatusSeeOther,
		code == http.StatusTemporaryRedirect, code == http.StatusPermanentRedirect:
		loc := res.Header.Get("Location")
		if loc == "" {
			return nil, nil, fmt.Errorf("HTTP %d without Location", code)
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, nil, fmt.Errorf("HTTP %d: bad Location: %w", code, err)
		}
		return nil, next, nil
	case code == 0:
		// An opaque redirect (Fetch standard, redirect mode "manual").
		return nil, nil, ErrRedirectNotFollowed
	case code == http.StatusNotFound, code == http.StatusGone:
		return nil, nil, fmt.Errorf("%w (HTTP %d)", fetch.ErrNotFound, code)
	case code >= 500, code == http.StatusTooManyRequests, code == http.StatusRequestTimeout:
		return nil, nil, fmt.Errorf("%w: HTTP %d", ErrSourceDown, code)
	default:
		return nil, nil, fmt.Errorf("HTTP %d", code)
	}
	if res.ContentLength > max {
		return nil, nil, fmt.Errorf("%w: Content-Length %d over %d", fetch.ErrTooLarge, res.ContentLength, max)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, max+1))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: reading the body: %v", ErrSourceDown, err)
	}
	if int64(len(body)) > max {
		return nil, nil, fmt.Errorf("%w: body over %d bytes", fetch.ErrTooLarge, max)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrSourceDown, err)
	}
	return body, nil, nil
}
