package verify

import (
	"crypto/x509"
	"encoding/json"
	"time"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/trust"
)

// Options configures one verification. The zero value is safe: the clock
// is read once at entry, only did:key and did:jwk resolve, nothing is
// fetched, the default algorithm allowlist applies, and no issuer is
// trusted (a sound credential is reported as [StatusUntrusted]).
type Options struct {
	// Now is the instant of evaluation. The zero value means the wall
	// clock, read once by [Verify]; nothing below it reads the clock.
	Now time.Time

	// Policy is pure data: limits, algorithms, trusted issuers.
	Policy Policy

	// Resolver resolves issuer DIDs. Nil means did:key and did:jwk only,
	// plus did:web through Fetcher when Fetcher is set.
	Resolver did.Resolver

	// Fetcher reads status lists, DID documents (did:web) and other
	// resources. Nil means nothing is fetched: a needed resource yields
	// an indeterminate check with [CodeResourceMissing].
	Fetcher fetch.Fetcher

	// Trust accepts issuers in addition to Policy.TrustedIssuers. Nil adds
	// no one.
	Trust trust.Store

	// Contexts are JSON-LD contexts the caller allowlists, by URL, in
	// addition to the embedded, pinned ones (core/ld). Nothing else is
	// ever loaded. A build without JSON-LD (-tags nojsonld) ignores them.
	Contexts map[string][]byte

	// Known holds other credentials the verifier has seen (for the
	// deprecated state). Nonce and Audience are the expected key-binding
	// values for presentations.
	Known    [][]byte
	Nonce    string
	Audience string
}

// Policy is the pure-data part of [Options]; it can be loaded from JSON.
type Policy struct {
	// Algorithms is the JWS algorithm allowlist. Empty means
	// [DefaultAlgorithms]. "none" and HMAC algorithms are refused even if
	// listed.
	Algorithms []string `json:"algorithms,omitempty"`
	// TrustedIssuers lists accepted issuer DIDs (or verification method
	// DID URLs, to accept a single key).
	TrustedIssuers []string `json:"trustedIssuers,omitempty"`
	// MaxBytes bounds the input; zero means [MaxInputBytes].
	MaxBytes int `json:"maxBytes,omitempty"`
	// TrustAnchors are PEM-encoded root certificates: an issuer whose
	// signing key carries an x5c chain to one of them is trusted.
	// Entries that are not PEM certificates are ignored.
	TrustAnchors []string `json:"trustAnchors,omitempty"`
	// TrustedScopes are Trusted Scope Credentials (Gaia-X TF §4.8.5.2),
	// as compact JWTs or JSON: each that verifies as active and is issued
	// by one of GovernanceAuthorities accredits its gx:trustIssuer keys,
	// checked against its trusted list when it names a Generic REST API
	// endpoint.
	TrustedScopes         []json.RawMessage `json:"trustedScopes,omitempty"`
	GovernanceAuthorities []string          `json:"governanceAuthorities,omitempty"`
}

// anchors parses TrustAnchors into a pool, or returns nil when none parse.
func (p Policy) anchors() *x509.CertPool {
	if len(p.TrustAnchors) == 0 {
		return nil
	}
	pool := x509.NewCertPool()
	n := 0
	for _, a := range p.TrustAnchors {
		if pool.AppendCertsFromPEM([]byte(a)) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return pool
}

// DefaultAlgorithms are the JWS algorithms accepted when
// Policy.Algorithms is empty.
var DefaultAlgorithms = []string{"ES256", "ES384", "EdDSA", "PS256", "PS384", "PS512", "RS256"}
