package gaiax

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"

	"github.com/gxwallet/gxwallet/core/fetch"
)

// RESTList is a trusted list reached through the Gaia-X Trusted List
// Generic REST API. The specification only says the API "for a given DID
// can return true if it is still valid"; this is our reading of that
// contract, which a deployment can serve with a static file per DID:
//
//	GET {Endpoint}/{url.PathEscape(did)}
//	200 true | false | {"valid": true|false}   (also "trusted" or "result")
//	404                                         not on the list (false)
//
// A trailing "/" on Endpoint is ignored; an Endpoint containing "{did}"
// has the escaped DID substituted there instead.
type RESTList struct {
	Endpoint string
	Fetcher  fetch.Fetcher
}

// maxAnswerBytes bounds the answer: a boolean or a small object.
const maxAnswerBytes = 4 << 10

// Valid asks the list whether did is still valid. An unreachable list is
// an error (wrapping the fetch error), never a silent "no".
func (l RESTList) Valid(ctx context.Context, did string) (bool, error) {
	if l.Fetcher == nil {
		return false, errorf(CodeTrustedList, "no fetcher for trusted list %q: %w", trunc(l.Endpoint), fetch.ErrOffline)
	}
	u := l.URL(did)
	b, err := l.Fetcher.Fetch(ctx, u)
	if errors.Is(err, fetch.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, &Error{Code: CodeTrustedList, Err: err}
	}
	if len(b) > maxAnswerBytes {
		return false, errorf(CodeTrustedList, "answer of %d bytes from %q is too large", len(b), trunc(u))
	}
	b = bytes.TrimSpace(b)
	var yes bool
	if err := json.Unmarshal(b, &yes); err == nil {
		return yes, nil
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err == nil {
		for _, k := range []string{"valid", "trusted", "result"} {
			if v, ok := obj[k].(bool); ok {
				return v, nil
			}
		}
	}
	return false, errorf(CodeTrustedList, "answer from %q is neither a boolean nor {\"valid\": boolean}", trunc(u))
}

// URL is where Valid asks about did.
func (l RESTList) URL(did string) string {
	esc := url.PathEscape(did)
	if strings.Contains(l.Endpoint, "{did}") {
		return strings.ReplaceAll(l.Endpoint, "{did}", esc)
	}
	return strings.TrimSuffix(l.Endpoint, "/") + "/" + esc
}
