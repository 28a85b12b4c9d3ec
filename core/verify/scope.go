package verify

import (
	"context"
	"fmt"
	"sync"

	"github.com/gxwallet/gxwallet/core/gaiax"
)

// scopeSet holds the Trusted Scope Credentials of the policy, verified
// once per call and shared by every credential checked in it.
type scopeSet struct {
	once   sync.Once
	scopes []scope
	notes  []string // why a scope credential was not used
}

type scope struct {
	*gaiax.TrustedScope
	id, authority string
}

// trustedScopes verifies Policy.TrustedScopes (Gaia-X TF §4.8.5.2): each
// must be an active credential issued by one of
// Policy.GovernanceAuthorities. The ones that are not are left out, with
// a note.
func (v *verifier) trustedScopes(ctx context.Context) *scopeSet {
	v.scopes.once.Do(func() {
		sub := *v
		sub.opts.Known, sub.opts.Nonce, sub.opts.Audience = nil, "", ""
		sub.opts.Trust = nil
		sub.opts.Policy.TrustedScopes = nil
		sub.roots = nil
		sub.trust = trustList(v.opts.Policy.GovernanceAuthorities)
		sub.scopes = &scopeSet{}
		sub.scopes.once.Do(func() {})
		for i, raw := range v.opts.Policy.TrustedScopes {
			r := sub.input(ctx, unwrapString(raw), 0)
			if r.Status != StatusActive || r.cred == nil || len(r.cred.Subjects) != 1 {
				v.scopes.notes = append(v.scopes.notes, fmt.Sprintf("trusted scope %d is %s: %s", i+1, r.Status, failure(r)))
				continue
			}
			s, err := gaiax.ParseTrustedScope(r.cred.Subjects[0], gaiax.HasGaiaXVocab(r.cred.Contexts))
			if err != nil {
				v.scopes.notes = append(v.scopes.notes, fmt.Sprintf("trusted scope %d: %v", i+1, err))
				continue
			}
			v.scopes.scopes = append(v.scopes.scopes, scope{TrustedScope: s, id: r.cred.ID, authority: r.Issuer})
		}
	})
	return v.scopes
}

// scopeTrust reports whether a verified trusted scope accredits the
// issuer's key, consulting the scope's trusted list when it has a Generic
// REST API endpoint. detail says which scope (or why none).
func (v *verifier) scopeTrust(ctx context.Context, issuer string, k *signer) (ok bool, detail string, err error) {
	set := v.trustedScopes(ctx)
	for _, s := range set.scopes {
		if !s.Covers(issuer, k.method) {
			continue
		}
		name := s.id
		if name == "" {
			name = "issued by " + s.authority
		}
		switch {
		case s.ListEndpoint == "":
			return true, fmt.Sprintf("accredited by trusted scope %q", trunc(name)), nil
		case s.ListKind == "" || s.ListKind == gaiax.ListGenericREST:
			valid, err := gaiax.RESTList{Endpoint: s.ListEndpoint, Fetcher: v.opts.Fetcher}.Valid(ctx, issuer)
			if err != nil {
				return false, "", err
			}
			if valid {
				return true, fmt.Sprintf("accredited by trusted scope %q; its trusted list says the DID is valid", trunc(name)), nil
			}
			detail = fmt.Sprintf("trusted scope %q covers the issuer, but its trusted list says the DID is no longer valid", trunc(name))
		default:
			detail = fmt.Sprintf("trusted scope %q uses a %q trusted list, which is not supported", trunc(name), trunc(s.ListKind))
		}
	}
	if detail == "" && len(set.notes) > 0 {
		detail = set.notes[0]
	}
	return false, detail, nil
}
