package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/gxwallet/gxwallet/core/oid4vc"
)

// httpTransport is the wallet's oid4vc.Transport: the requests of the
// OpenID4VCI and OpenID4VP flows the holder started, and nothing else.
// In the browser, Go's net/http runs on fetch; fetchOptions (transport_js.go)
// make it send no cookies and no referrer.
type httpTransport struct{ client *http.Client }

// transportTimeout bounds one request of the flows.
const transportTimeout = 20 * time.Second

func newHTTPTransport() httpTransport {
	return httpTransport{client: &http.Client{
		Timeout: transportTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 3 {
				return errors.New("more than 3 redirects")
			}
			if !secureURL(req.URL) {
				return fmt.Errorf("redirect to %s: not https", req.URL.Redacted())
			}
			return nil
		},
	}}
}

// secureURL reports whether u is https, or http on a loopback host (the
// demo portal on a laptop), as core/oid4vc requires of every endpoint.
func secureURL(u *url.URL) bool {
	if u.Scheme == "https" {
		return true
	}
	if u.Scheme != "http" {
		return false
	}
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

func (t httpTransport) Do(ctx context.Context, r oid4vc.HTTPRequest) (oid4vc.HTTPResponse, error) {
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return oid4vc.HTTPResponse{}, err
	}
	if r.ContentType != "" {
		req.Header.Set("Content-Type", r.ContentType)
	}
	if r.Authorization != "" {
		req.Header.Set("Authorization", r.Authorization)
	}
	if r.Accept != "" {
		req.Header.Set("Accept", r.Accept)
	}
	fetchOptions(req)
	res, err := t.client.Do(req)
	if err != nil {
		return oid4vc.HTTPResponse{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, int64(r.Limit)+1))
	if err != nil {
		return oid4vc.HTTPResponse{}, err
	}
	if len(b) > r.Limit {
		return oid4vc.HTTPResponse{}, fmt.Errorf("%s: the answer is larger than %d bytes", r.URL, r.Limit)
	}
	return oid4vc.HTTPResponse{Status: res.StatusCode, ContentType: res.Header.Get("Content-Type"), Body: b}, nil
}
