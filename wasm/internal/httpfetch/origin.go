package httpfetch

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"
)

// ParseOrigin reads "scheme://host[:port]" (http or https) with nothing
// after it.
func ParseOrigin(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" ||
		u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q is not an origin (scheme://host[:port])", trunc(s))
	}
	return u, nil
}

// CheckTestOrigin returns an error unless s may be one of a Policy's
// AllowedTestOrigins: an origin on a loopback host (127.0.0.0/8, [::1] or
// localhost). Nothing else is ever exempt from the policy, whoever
// configures it.
func CheckTestOrigin(s string) error {
	u, err := ParseOrigin(s)
	if err != nil {
		return err
	}
	if !isLoopbackHost(u.Hostname()) {
		return fmt.Errorf("%q is not a loopback origin (127.0.0.0/8, [::1] or localhost)", trunc(s))
	}
	return nil
}

// isLoopbackHost reports whether host is localhost or a loopback address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}
