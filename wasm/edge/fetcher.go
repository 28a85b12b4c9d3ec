package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/gxwallet/gxwallet/core/fetch"
)

// maxRedirects bounds the redirects one fetch follows (all same-origin).
const maxRedirects = 3

// httpFetcher is a core fetch.Fetcher over an http.RoundTripper. On
// Workers the transport is syumai/workers cloudflare/fetch (Go's own
// transport panics in workerd); in tests it is an httptest transport.
//
// It uses the RoundTripper directly, not an *http.Client: Client.send
// falls back to http.DefaultTransport, and that reference alone links Go's
// HTTP/1+2 client and crypto/tls into the worker (about 1 MiB of wasm).
// Redirects are therefore followed here: at most maxRedirects, and only
// within the origin of the URL asked for (fetch package contract).
//
// It reads at most MaxBytes (fetch.MaxBytes when zero) and accepts https
// URLs only (http too when AllowHTTP, for tests).
type httpFetcher struct {
	Transport http.RoundTripper
	MaxBytes  int64
	AllowHTTP bool
}

func (f *httpFetcher) Fetch(ctx context.Context, rawURL string) ([]byte, error) {
	fail := func(err error) ([]byte, error) { return nil, &fetch.Error{URL: rawURL, Err: err} }
	u, err := url.Parse(rawURL)
	if err != nil {
		return fail(err)
	}
	if u.Scheme != "https" && !(f.AllowHTTP && u.Scheme == "http") {
		return fail(fmt.Errorf("scheme %q not allowed", u.Scheme))
	}
	if u.User != nil {
		return fail(errors.New("credentials in URL not allowed"))
	}
	max := f.MaxBytes
	if max <= 0 {
		max = fetch.MaxBytes
	}

	for redirects := 0; ; redirects++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return fail(err)
		}
		req.Header.Set("Accept", "application/json, application/did+json, application/did+ld+json, "+
			"application/vc+jwt, application/statuslist+jwt, application/ld+json;q=0.9, */*;q=0.5")
		res, err := f.Transport.RoundTrip(req)
		if err != nil {
			return fail(err)
		}
		body, next, err := readResponse(res, u, max)
		if err != nil {
			return fail(err)
		}
		if next == nil {
			return body, nil
		}
		if redirects == maxRedirects {
			return fail(fmt.Errorf("more than %d redirects", maxRedirects))
		}
		if next.Scheme != u.Scheme || next.Host != u.Host {
			return fail(fmt.Errorf("redirect to another origin (%s://%s) refused", next.Scheme, next.Host))
		}
		u = next
	}
}

// readResponse returns the body of a 200 answer, or the target of a
// redirect, and closes res.Body.
func readResponse(res *http.Response, u *url.URL, max int64) ([]byte, *url.URL, error) {
	defer res.Body.Close()
	switch res.StatusCode {
	case http.StatusOK:
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		loc := res.Header.Get("Location")
		if loc == "" {
			return nil, nil, fmt.Errorf("HTTP %d without Location", res.StatusCode)
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, nil, fmt.Errorf("HTTP %d: bad Location: %w", res.StatusCode, err)
		}
		return nil, next, nil
	case http.StatusNotFound, http.StatusGone:
		return nil, nil, fmt.Errorf("%w (HTTP %d)", fetch.ErrNotFound, res.StatusCode)
	default:
		return nil, nil, fmt.Errorf("HTTP %d", res.StatusCode)
	}
	if res.ContentLength > max {
		return nil, nil, fmt.Errorf("%w: Content-Length %d over %d", fetch.ErrTooLarge, res.ContentLength, max)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, max+1))
	if err != nil {
		return nil, nil, err
	}
	if int64(len(body)) > max {
		return nil, nil, fmt.Errorf("%w: body over %d bytes", fetch.ErrTooLarge, max)
	}
	return body, nil, nil
}
