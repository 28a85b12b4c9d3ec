package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"
)

// httpFetcher is the native core/fetch.Fetcher: HTTPS (and loopback HTTP),
// a bounded body, a short timeout, and at most three redirects.
type httpFetcher struct{ client *http.Client }

func newHTTPFetcher() httpFetcher {
	return httpFetcher{client: &http.Client{
		Timeout: 15 * time.Second,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("more than 3 redirects")
			}
			return nil
		},
	}}
}

func (f httpFetcher) Fetch(ctx context.Context, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, &fetch.Error{URL: url, Err: err}
	}
	req.Header.Set("Accept", "application/json, application/did+json, application/vc+jwt, application/statuslist+jwt, */*;q=0.5")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, &fetch.Error{URL: url, Err: err}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, &fetch.Error{URL: url, Err: fetch.ErrNotFound}
	case resp.StatusCode != http.StatusOK:
		return nil, &fetch.Error{URL: url, Err: fmt.Errorf("HTTP %d", resp.StatusCode)}
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, fetch.MaxBytes+1))
	if err != nil {
		return nil, &fetch.Error{URL: url, Err: err}
	}
	if len(b) > fetch.MaxBytes {
		return nil, &fetch.Error{URL: url, Err: fetch.ErrTooLarge}
	}
	return b, nil
}
