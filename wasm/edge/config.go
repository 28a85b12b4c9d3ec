package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/wasm/internal/httpfetch"
)

// Config is the deployment's configuration: wrangler.toml [vars] (or
// secrets) on Cloudflare, the bindings of workerd.capnp on workerd. It is
// read for every request (Workers hands the env to each request), so a
// `wrangler deploy` with new vars takes effect without code changes.
//
// The zero value is the safe default: no issuer trusted beyond a
// request's own trustedIssuers, no cross-origin browser access, the
// default cache bounds, and no exception to the fetch policy.
type Config struct {
	// TrustedIssuers (TRUSTED_ISSUERS) are issuer DIDs every request
	// trusts, in addition to its own options.trustedIssuers.
	TrustedIssuers []string
	// AllowedOrigins (ALLOWED_ORIGINS) are the browser origins that may
	// call the API cross-origin ("https://rp.example"), or "*" for any.
	AllowedOrigins []string
	// AllowCredentials (CORS_ALLOW_CREDENTIALS) sends
	// Access-Control-Allow-Credentials to the allowed origins. The API
	// reads no cookies; this exists for deployments behind an
	// authenticating proxy. It cannot be combined with "*".
	AllowCredentials bool
	// CacheMaxAge (CACHE_MAX_AGE) is how old a cached copy of a fetched
	// resource may be and still be served when its source is down; past
	// it, the fetch fails with code stale_too_old. Zero means
	// DefaultCacheMaxAge.
	CacheMaxAge time.Duration
	// CacheDefaultTTL (CACHE_DEFAULT_TTL) is the freshness of a resource
	// that states none. Zero means DefaultCacheTTL.
	CacheDefaultTTL time.Duration
	// AllowedTestOrigins (ALLOWED_TEST_ORIGINS) are loopback origins
	// ("http://127.0.0.1:8123") exempt from the fetch policy, for tests
	// only. Anything but a loopback origin is a configuration error.
	AllowedTestOrigins []string
	// TrustBundleURL (TRUST_BUNDLE_URL) is an offline bundle (core/bundle,
	// `gxwallet bundle create`) that answers every request bringing no
	// options.bundle of its own (trustbundle.go). It is fetched under the
	// fetch policy and cached like any fetched resource. Empty: none.
	TrustBundleURL string
}

// The environment variables Config reads, in wrangler.toml [vars] order.
// config_test.go checks that wrangler.toml and workerd.capnp declare
// exactly these.
var configVars = []string{
	"TRUSTED_ISSUERS",
	"ALLOWED_ORIGINS",
	"CORS_ALLOW_CREDENTIALS",
	"CACHE_MAX_AGE",
	"CACHE_DEFAULT_TTL",
	"ALLOWED_TEST_ORIGINS",
	"TRUST_BUNDLE_URL",
}

// loadConfig reads the configuration through getenv. A malformed value
// is an error naming the variable: the worker answers 500 bad_config
// rather than run with a policy nobody configured.
func loadConfig(getenv func(string) string) (Config, error) {
	var c Config
	c.TrustedIssuers = splitList(getenv("TRUSTED_ISSUERS"))
	for _, iss := range c.TrustedIssuers {
		if !strings.HasPrefix(iss, "did:") && !strings.HasPrefix(iss, "https://") {
			return Config{}, configErrorf("TRUSTED_ISSUERS", "%q is neither a DID nor an https URL", iss)
		}
	}
	c.AllowedOrigins = splitList(getenv("ALLOWED_ORIGINS"))
	for _, o := range c.AllowedOrigins {
		if o == "*" {
			continue
		}
		if _, err := httpfetch.ParseOrigin(o); err != nil {
			return Config{}, configErrorf("ALLOWED_ORIGINS", "%v", err)
		}
	}
	var err error
	if c.AllowCredentials, err = boolVar(getenv("CORS_ALLOW_CREDENTIALS")); err != nil {
		return Config{}, configErrorf("CORS_ALLOW_CREDENTIALS", "%v", err)
	}
	if c.AllowCredentials && c.anyOrigin() {
		return Config{}, configErrorf("CORS_ALLOW_CREDENTIALS", `credentials cannot be allowed with ALLOWED_ORIGINS "*"; list the origins`)
	}
	if c.CacheMaxAge, err = duration(getenv("CACHE_MAX_AGE")); err != nil {
		return Config{}, configErrorf("CACHE_MAX_AGE", "%v", err)
	}
	if c.CacheDefaultTTL, err = duration(getenv("CACHE_DEFAULT_TTL")); err != nil {
		return Config{}, configErrorf("CACHE_DEFAULT_TTL", "%v", err)
	}
	c.AllowedTestOrigins = splitList(getenv("ALLOWED_TEST_ORIGINS"))
	for _, o := range c.AllowedTestOrigins {
		if err := httpfetch.CheckTestOrigin(o); err != nil {
			return Config{}, configErrorf("ALLOWED_TEST_ORIGINS", "%v", err)
		}
	}
	if c.TrustBundleURL = strings.TrimSpace(getenv("TRUST_BUNDLE_URL")); c.TrustBundleURL != "" {
		if _, err := c.policy().Check(c.TrustBundleURL); err != nil {
			return Config{}, configErrorf("TRUST_BUNDLE_URL", "%v", err)
		}
	}
	return c, nil
}

func (c Config) cacheMaxAge() time.Duration {
	if c.CacheMaxAge > 0 {
		return c.CacheMaxAge
	}
	return DefaultCacheMaxAge
}

func (c Config) cacheDefaultTTL() time.Duration {
	if c.CacheDefaultTTL > 0 {
		return min(c.CacheDefaultTTL, c.cacheMaxAge())
	}
	return min(DefaultCacheTTL, c.cacheMaxAge())
}

func (c Config) anyOrigin() bool {
	for _, o := range c.AllowedOrigins {
		if o == "*" {
			return true
		}
	}
	return false
}

// policy is the fetch policy this configuration puts in force.
func (c Config) policy() httpfetch.Policy {
	return httpfetch.Policy{AllowedTestOrigins: c.AllowedTestOrigins}
}

// ConfigError names the variable that is malformed.
type ConfigError struct {
	Var string
	Err error
}

func (e *ConfigError) Error() string { return "edge: config: " + e.Var + ": " + e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }

func configErrorf(name, format string, args ...any) error {
	return &ConfigError{Var: name, Err: fmt.Errorf(format, args...)}
}

// splitList splits a variable on commas and white space.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' || r == '\r' })
}

func boolVar(s string) (bool, error) {
	if s = strings.TrimSpace(s); s == "" {
		return false, nil
	}
	return strconv.ParseBool(s)
}

// duration reads a Go duration ("36h", "90m") or a number of seconds.
func duration(s string) (time.Duration, error) {
	if s = strings.TrimSpace(s); s == "" {
		return 0, nil
	}
	if n, err := strconv.ParseUint(s, 10, 32); err == nil {
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q is neither a number of seconds nor a duration like 24h", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("%q is negative", s)
	}
	return d, nil
}
