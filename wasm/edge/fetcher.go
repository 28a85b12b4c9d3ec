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

// httpFetcher is a core fetch.Fetcher over an *http.Client. On Workers
// the client's transport is syumai/workers cloudflare/fetch (Go's own
// transport panics in workerd); in tests it is an httptest client.
//
// It reads at most MaxBytes (fetch.MaxBytes when zero), accepts https
// URLs only (http too when AllowHTTP, for tests), and follows redirects
// only within the origin of the URL asked for (fetch package contract).
type httpFetcher struct {
	Client    *http.Client
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

	client := *f.Client
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > maxRedirects {
			return fmt.Errorf("more than %d redirects", maxRedirects)
		}
		if req.URL.Scheme != u.Scheme || req.URL.Host != u.Host {
			return fmt.Errorf("redirect to another origin (%s://%s) refused", req.URL.Scheme, req.URL.Host)
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return fail(err)
	}
	req.Header.Set("Accept", "application/json, application/did+json, application/did+ld+json, "+
		"application/vc+jwt, application/statuslist+jwt, application/ld+json;q=0.9, */*;q=0.5")
	res, err := client.Do(req)
	if err != nil {
		return fail(err)
	}
	defer res.Body.Close()
	switch {
	case res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusGone:
		return fail(fmt.Errorf("%w (HTTP %d)", fetch.ErrNotFound, res.StatusCode))
	case res.StatusCode != http.StatusOK:
		return fail(fmt.Errorf("HTTP %d", res.StatusCode))
	case res.ContentLength > max:
		return fail(fmt.Errorf("%w: Content-Length %d over %d", fetch.ErrTooLarge, res.ContentLength, max))
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, max+1))
	if err != nil {
		return fail(err)
	}
	if int64(len(body)) > max {
		return fail(fmt.Errorf("%w: body over %d bytes", fetch.ErrTooLarge, max))
	}
	return body, nil
}
