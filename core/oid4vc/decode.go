package oid4vc

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// decode reads one JSON value of at most max bytes into v, strictly. A
// failure carries code, or too_large / duplicate_key.
func decode(b []byte, max int, v any, what string, code Code) error {
	if len(b) > max {
		return errorf(CodeTooLarge, "%s: %d bytes, more than %d", what, len(b), max)
	}
	if err := strictjson.Unmarshal(b, v, MaxJSONDepth); err != nil {
		if errors.Is(err, strictjson.ErrDuplicateKey) {
			return &Error{Code: CodeDuplicateKey, Err: fmt.Errorf("%s: %w", what, err)}
		}
		return &Error{Code: code, Err: fmt.Errorf("%s: %w", what, err)}
	}
	return nil
}

// checkURL checks that s is an absolute https URL with a host and no
// fragment (and, with noQuery, no query), or an http URL on a loopback host.
func checkURL(s, what string, noQuery bool, code Code) error {
	if s == "" {
		return errorf(code, "%s is missing", what)
	}
	if len(s) > 2048 {
		return errorf(code, "%s is longer than 2048 bytes", what)
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil || u.Fragment != "" || strings.Contains(s, "#") {
		return errorf(code, "%s %q is not an absolute URL without fragment", what, trunc(s))
	}
	if noQuery && (u.RawQuery != "" || u.ForceQuery) {
		return errorf(code, "%s %q must not have a query", what, trunc(s))
	}
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && isLoopback(u.Hostname()):
	default:
		return errorf(code, "%s %q is not an https URL", what, trunc(s))
	}
	return nil
}

// isLoopback reports whether host names this machine.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(host, "[]"))
	return err == nil && ip.IsLoopback()
}

// checkValue checks a nonce, state, code or identifier: present, bounded
// by MaxValueLength, and printable ASCII without spaces (RFC 6749
// Appendix A: VSCHAR).
func checkValue(s, what string, code Code) error {
	return checkBounded(s, what, MaxValueLength, code)
}

// checkToken is checkValue for a pre-authorized code or an access token,
// bounded by MaxTokenLength: servers often issue these as signed JWTs
// (RFC 9068).
func checkToken(s, what string, code Code) error {
	return checkBounded(s, what, MaxTokenLength, code)
}

func checkBounded(s, what string, max int, code Code) error {
	if s == "" {
		return errorf(code, "%s is missing", what)
	}
	if len(s) > max {
		return errorf(code, "%s is longer than %d bytes", what, max)
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return errorf(code, "%s holds a character outside printable ASCII", what)
		}
	}
	return nil
}

// single returns the one value of a form parameter. RFC 6749 §3.1, §3.2:
// parameters must not be repeated; a missing one is "".
func single(form url.Values, name string, code Code) (string, error) {
	v := form[name]
	switch len(v) {
	case 0:
		return "", nil
	case 1:
		return v[0], nil
	}
	return "", errorf(code, "parameter %s is repeated", name)
}
