package verify

import (
	"context"
	"crypto/x509"
	"errors"
	"slices"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/did/key"
	"github.com/gxwallet/gxwallet/core/did/web"
	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/trust"
)

// verifier holds the per-call state derived from Options.
type verifier struct {
	opts     Options
	algs     []string
	resolver did.Resolver
	trust    trust.Store
	roots    *x509.CertPool // Policy.TrustAnchors; nil when none
	// chain lists the parent credentials being verified above this one,
	// for the delegation depth bound and cycle detection.
	chain []string
	// scopes are the verified trusted scopes, shared by copies.
	scopes *scopeSet
	// ldState is what JSON-LD proofs need (ldproof.go); empty in a
	// build without JSON-LD (ldproof_nojsonld.go).
	ldState
}

func newVerifier(opts Options) *verifier {
	v := &verifier{opts: opts}
	v.algs = DefaultAlgorithms
	if len(opts.Policy.Algorithms) > 0 {
		v.algs = opts.Policy.Algorithms
	}
	if opts.Fetcher == nil {
		v.opts.Fetcher = fetch.Offline{}
	}
	builtin := did.Methods{
		"key": key.Resolver{},
		"jwk": jwk.Resolver{},
		"web": web.Resolver{Fetcher: v.opts.Fetcher},
	}
	v.resolver = builtin
	if opts.Resolver != nil {
		v.resolver = fallback{first: opts.Resolver, then: builtin}
	}
	v.roots = opts.Policy.anchors()
	v.scopes = &scopeSet{}
	v.initLD(opts)
	v.trust = trustList(opts.Policy.TrustedIssuers)
	if opts.Trust != nil {
		v.trust = anyStore{v.trust, opts.Trust}
	}
	return v
}

// fallback consults first, and then when first does not know the DID
// (notFound, methodNotSupported).
type fallback struct{ first, then did.Resolver }

func (f fallback) Resolve(ctx context.Context, d did.DID) (*did.Document, error) {
	doc, err := f.first.Resolve(ctx, d)
	if err == nil {
		return doc, nil
	}
	if c := did.ErrorCode(err); c == did.CodeNotFound || c == did.CodeMethodNotSupported {
		return f.then.Resolve(ctx, d)
	}
	return nil, err
}

// anyStore trusts what any of its stores trusts.
type anyStore []trust.Store

func (s anyStore) Trusted(ctx context.Context, issuer, method string) (bool, error) {
	var errs []error
	for _, st := range s {
		ok, err := st.Trusted(ctx, issuer, method)
		if ok {
			return true, nil
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return false, errors.Join(errs...)
}

// finish derives the status from the checks. Precedence, most final
// first: invalid (a failed structural or proof check, or not yet valid),
// revoked, expired, suspended, deprecated, untrusted, active. A lifecycle
// state is a fact the issuer signed; trust is the verifier's policy, so it
// ranks after them. An indeterminate check makes the result invalid: it
// could not be shown sound.
func (v *verifier) finish(r Result) Result {
	r.Status = StatusActive
	rank := func(s Status) int { return slices.Index(precedence, s) }
	for _, c := range r.Checks {
		if c.Status != Fail && c.Status != Indeterminate {
			continue
		}
		s, ok := codeStatus[c.Code]
		if !ok {
			s = StatusInvalid
		}
		if rank(s) < rank(r.Status) {
			r.Status = s
		}
	}
	if r.Checks == nil {
		r.Checks = []Check{}
	}
	return r
}

// precedence orders statuses from most to least final.
var precedence = []Status{StatusInvalid, StatusRevoked, StatusExpired, StatusSuspended, StatusDeprecated, StatusUntrusted, StatusActive}

func trustList(issuers []string) trust.Store { return trust.List(issuers) }
