// Package trust decides whether the verifier accepts an issuer.
//
// A [Store] answers one question: is this issuer (a DID, or the DID URL of
// the verification method that signed) trusted for what it signed? The
// simplest store is a [List] of issuer identifiers; the Gaia-X trust
// sources (trusted scope credentials, trusted-list endpoints) implement the
// same interface.
//
// # Security considerations
//
// The zero value of the verifier's options has no store, which trusts no
// one: a sound credential from an unknown issuer is reported as untrusted,
// never as active.
package trust

import "context"

// Store decides whether an issuer is trusted. issuer is the credential's
// issuer identifier; method is the verification method that signed (a DID
// URL), so a store may trust a single key rather than a whole DID.
type Store interface {
	Trusted(ctx context.Context, issuer, method string) (bool, error)
}

// List trusts exactly the issuers and verification methods it contains.
type List []string

// Trusted implements [Store]. It does not check that the entries are
// well-formed DIDs.
func (l List) Trusted(_ context.Context, issuer, method string) (bool, error) {
	for _, s := range l {
		if s == issuer || (method != "" && s == method) {
			return true, nil
		}
	}
	return false, nil
}
