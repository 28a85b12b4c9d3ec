package httpfetch

import (
	"errors"
	"fmt"
	"net/netip"
	"net/url"
	"strings"
)

// Policy decides which URLs the worker may fetch: DID documents
// (did:web), status lists, parent credentials and trusted lists, all of
// them named by attacker-controlled input. It is pure data and Check is a
// pure function, tested natively (policy_test.go).
//
// A URL is fetched only when
//   - its scheme is https and its port the default (443);
//   - it carries no user info;
//   - its host is a DNS name, never an IP literal in any notation the
//     WHATWG URL parser accepts (dotted, integer, octal, hex, IPv6);
//   - that name is public: not localhost or *.localhost, not a single
//     label, not under .local, .internal, .localdomain, .home.arpa, .lan;
//
// or when its origin is one of AllowedTestOrigins (loopback origins,
// configured for tests only; see Config).
//
// # Security considerations
//
// Check sees names, not addresses: a public name can still resolve to
// 10.0.0.1 or 127.0.0.1 (or be rebound to it between two lookups). That
// part is enforced where the connection is made, after resolution: the
// Workers runtime on Cloudflare cannot reach private networks, and the
// standalone workerd configuration (workerd.capnp) only lets the worker's
// outbound fetch connect to public addresses (network allow ["public"]).
// A redirect is checked again, hop by hop (Fetcher).
type Policy struct {
	// AllowedTestOrigins are origins ("http://127.0.0.1:8123") exempt from
	// every rule above. Config accepts loopback origins only.
	AllowedTestOrigins []string
}

// ErrRefused is wrapped by the *PolicyError of a URL the policy refuses.
var ErrRefused = errors.New("refused by the fetch policy")

// PolicyError says why a URL is refused.
type PolicyError struct {
	URL    string
	Reason string
}

func (e *PolicyError) Error() string {
	return fmt.Sprintf("%s: %s: %s", ErrRefused.Error(), truncate(e.URL), e.Reason)
}

func (e *PolicyError) Unwrap() error { return ErrRefused }

// Check parses rawURL and returns it if the policy allows fetching it,
// else a *PolicyError.
func (p Policy) Check(rawURL string) (*url.URL, error) {
	refuse := func(format string, args ...any) (*url.URL, error) {
		return nil, &PolicyError{URL: rawURL, Reason: fmt.Sprintf(format, args...)}
	}
	if len(rawURL) > MaxURLBytes {
		return refuse("URL longer than %d bytes", MaxURLBytes)
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return refuse("not a URL")
	}
	if !u.IsAbs() || u.Opaque != "" || u.Host == "" {
		return refuse("not an absolute URL with a host")
	}
	if u.User != nil {
		return refuse("user info in the URL")
	}
	if p.testOrigin(u) {
		return u, nil
	}
	if u.Scheme != "https" {
		return refuse("scheme %q: only https is fetched", u.Scheme)
	}
	if reason := publicName(u.Hostname()); reason != "" {
		return refuse("%s", reason)
	}
	if port := u.Port(); port != "" && port != "443" {
		return refuse("port %s: only the https default port is fetched", trunc(port))
	}
	return u, nil
}

// testOrigin reports whether u's origin is one of AllowedTestOrigins.
func (p Policy) testOrigin(u *url.URL) bool {
	for _, o := range p.AllowedTestOrigins {
		t, err := url.Parse(o)
		if err == nil && strings.EqualFold(t.Scheme, u.Scheme) && strings.EqualFold(t.Host, u.Host) {
			return true
		}
	}
	return false
}

// localSuffixes are names that never belong to the public DNS (RFC 6761,
// RFC 6762, RFC 8375) or that sites use for internal zones.
var localSuffixes = []string{".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan", ".intranet", ".corp"}

// publicName returns why host is not a public DNS name, or "".
func publicName(host string) string {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "" {
		return "empty host"
	}
	if _, err := netip.ParseAddr(h); err == nil || strings.ContainsAny(h, ":[]%") {
		return fmt.Sprintf("IP literal %q: only DNS names are fetched", trunc(host))
	}
	labels := strings.Split(h, ".")
	// WHATWG URL host parsing reads a host whose last label is a number
	// (decimal, 0x-hex or 0-octal) as IPv4: https://2130706433/ and
	// https://0x7f.1/ are 127.0.0.1 to a fetch implementation.
	if numeric(labels[len(labels)-1]) {
		return fmt.Sprintf("IP literal %q (numeric last label): only DNS names are fetched", trunc(host))
	}
	if h == "localhost" || len(labels) < 2 {
		return fmt.Sprintf("host %q is not a public DNS name", trunc(host))
	}
	for _, s := range localSuffixes {
		if strings.HasSuffix(h, s) {
			return fmt.Sprintf("host %q is in a local-only zone (%s)", trunc(host), s)
		}
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return fmt.Sprintf("host %q has an empty or over-long label", trunc(host))
		}
		for _, c := range l {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return fmt.Sprintf("host %q is not an ASCII DNS name (use its xn-- form)", trunc(host))
			}
		}
	}
	return ""
}

// numeric reports whether a label is a number as the WHATWG IPv4 parser
// reads one: decimal digits, or 0x followed by hex digits (possibly none).
func numeric(l string) bool {
	if l == "" {
		return false
	}
	if strings.HasPrefix(l, "0x") || strings.HasPrefix(l, "0X") {
		for _, c := range l[2:] {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
		return true
	}
	for _, c := range l {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// trunc shortens an attacker-controlled value for a message.
func trunc(s string) string {
	const max = 100
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}

// truncate quotes and shortens a URL for a message.
func truncate(s string) string { return fmt.Sprintf("%q", trunc(s)) }
