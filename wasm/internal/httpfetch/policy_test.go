package httpfetch

import (
	"errors"
	"strings"
	"testing"
)

func TestPolicy(t *testing.T) {
	p := Policy{}
	for _, u := range []string{
		"https://issuer.example/.well-known/did.json",
		"https://status.example:443/list/1?x=1",
		"https://a.b.example./x",
		"https://xn--bcher-kva.example/list",
		"https://my_host.example/",
	} {
		if _, err := p.Check(u); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	for _, tc := range []struct{ url, reason string }{
		{"http://issuer.example/x", "only https"},
		{"ftp://issuer.example/x", "only https"},
		{"https://issuer.example:8443/x", "port"},
		{"https://user:pw@issuer.example/x", "user info"},
		{"//issuer.example/x", "absolute"},
		{"/x", "absolute"},
		{"https:///x", "absolute"},
		{"://bad", "not a URL"},
		{"https://127.0.0.1/x", "IP literal"},
		{"https://10.0.0.1/x", "IP literal"},
		{"https://169.254.169.254/latest/meta-data", "IP literal"},
		{"https://192.168.1.1/", "IP literal"},
		{"https://8.8.8.8/", "IP literal"},
		{"https://[::1]/x", "IP literal"},
		{"https://[fe80::1%25eth0]/x", "IP literal"},
		{"https://[::ffff:127.0.0.1]/x", "IP literal"},
		{"https://2130706433/x", "IP literal"},
		{"https://0x7f.1/x", "IP literal"},
		{"https://0177.0.0.1/x", "IP literal"},
		{"https://127.1/x", "IP literal"},
		{"https://example.0x10/x", "IP literal"},
		{"https://localhost/x", "not a public DNS name"},
		{"https://LOCALHOST./x", "not a public DNS name"},
		{"https://intranet/x", "not a public DNS name"},
		{"https://evil.localhost/x", "local-only"},
		{"https://printer.local/x", "local-only"},
		{"https://metadata.google.internal/x", "local-only"},
		{"https://nas.home.arpa/x", "local-only"},
		{"https://a..example/x", "empty or over-long label"},
		{"https://bücher.example/x", "ASCII"},
		{"https://" + strings.Repeat("a", 64) + ".example/x", "over-long label"},
		{"https://a.example/" + strings.Repeat("x", MaxURLBytes), "longer than"},
	} {
		_, err := p.Check(tc.url)
		var pe *PolicyError
		if !errors.As(err, &pe) || !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), tc.reason) {
			t.Errorf("%.80s: %v, want a refusal mentioning %q", tc.url, err, tc.reason)
		}
	}

	// A test origin is exempt, exactly (scheme, host and port).
	test := Policy{AllowedTestOrigins: []string{"http://127.0.0.1:8123"}}
	if _, err := test.Check("http://127.0.0.1:8123/status/1"); err != nil {
		t.Errorf("test origin: %v", err)
	}
	for _, u := range []string{"http://127.0.0.1:8124/x", "https://127.0.0.1:8123/x", "http://10.0.0.1:8123/x", "http://localhost:8123/x"} {
		if _, err := test.Check(u); err == nil {
			t.Errorf("%s: allowed by a test configuration for another origin", u)
		}
	}
}
