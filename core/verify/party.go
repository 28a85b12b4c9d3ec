package verify

import (
	"context"
	"fmt"
	"slices"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/gaiax"
	"github.com/gxwallet/gxwallet/core/vc"
)

// party applies the Party Credential rules of Gaia-X TF §4.8.5.1 to a
// credential whose subject has gx:holder: the holder names exactly one key
// of the subject's DID, and a delegated credential's parent
// (gx:parentPartyCredential) is fetched, fully verified, and held by the
// key that signed this credential. It returns true when trust comes from
// the delegation chain: the parent (and so the chain's root) is trusted.
func (v *verifier) party(ctx context.Context, r *Result, cred *vc.Credential, k *signer, depth int) (trustedByParent bool) {
	if len(cred.Subjects) != 1 {
		return false
	}
	p, ok, err := gaiax.ParseParty(cred.Subjects[0], gaiax.HasGaiaXVocab(cred.Contexts))
	switch {
	case !ok:
		return false
	case err != nil:
		r.fail(CheckHolderKey, CodeBadParty, "%v", err)
		return false
	}
	v.holderKey(ctx, r, p.Holder)
	if p.Parent == "" {
		return false
	}
	return v.delegation(ctx, r, p.Parent, k, depth)
}

// holderKey checks that gx:holder resolves to exactly one verification
// method: a DID URL naming one, or a DID with a single key (did:key).
func (v *verifier) holderKey(ctx context.Context, r *Result, holder string) {
	u, err := did.ParseURL(holder)
	if err != nil {
		r.fail(CheckHolderKey, CodeBadParty, "gx:holder: %v", err)
		return
	}
	doc, err := v.resolver.Resolve(ctx, u.DID)
	switch {
	case err != nil && isUnavailable(err):
		r.indeterminate(CheckHolderKey, unavailableCode(err), "DID document of the holder %q is not available: %v", trunc(u.DID.String()), err)
		return
	case err != nil:
		r.fail(CheckHolderKey, CodeBadParty, "gx:holder does not resolve: %v", err)
		return
	}
	if u.Fragment == "" {
		if len(doc.VerificationMethod) != 1 {
			r.fail(CheckHolderKey, CodeBadParty, "gx:holder %q names a DID with %d keys, not exactly one", trunc(holder), len(doc.VerificationMethod))
			return
		}
		r.Checks = append(r.Checks, Check{ID: CheckHolderKey, Status: Pass, Detail: doc.VerificationMethod[0].ID})
		return
	}
	if _, err := doc.Method(holder, did.RelAuthentication); err != nil {
		if _, err2 := doc.Method(holder, did.RelAssertionMethod); err2 != nil {
			r.fail(CheckHolderKey, CodeBadParty, "gx:holder %q is not a verification method the holder can present with", trunc(holder))
			return
		}
	}
	r.Checks = append(r.Checks, Check{ID: CheckHolderKey, Status: Pass, Detail: holder})
}

// delegation verifies the parent Party Credential of a delegated one.
func (v *verifier) delegation(ctx context.Context, r *Result, parent string, k *signer, depth int) bool {
	if len(v.chain) >= MaxDelegationDepth {
		r.fail(CheckDelegation, CodeDelegationInvalid, "delegation deeper than %d credentials", MaxDelegationDepth)
		return false
	}
	if slices.Contains(v.chain, parent) {
		r.fail(CheckDelegation, CodeDelegationInvalid, "delegation cycle: %q is its own ancestor", trunc(parent))
		return false
	}
	raw, err := v.opts.Fetcher.Fetch(ctx, parent)
	switch {
	case err != nil && isUnavailable(err):
		r.indeterminate(CheckDelegation, unavailableCode(err), "parent credential %q is not available: %v", trunc(parent), err)
		return false
	case err != nil:
		r.fail(CheckDelegation, CodeDelegationInvalid, "parent credential %q: %v", trunc(parent), err)
		return false
	}
	sub := *v
	sub.opts.Nonce, sub.opts.Audience = "", ""
	sub.chain = append(slices.Clip(v.chain), parent)
	pr := sub.input(ctx, raw, depth) // a parent is not nested in its child: the chain bounds it
	r.Credentials = append(r.Credentials, pr)
	if pr.cred == nil || pr.Status == StatusInvalid {
		r.fail(CheckDelegation, CodeDelegationInvalid, "parent credential %q is invalid: %s", trunc(parent), failure(pr))
		return false
	}
	pp, ok, err := gaiax.ParseParty(firstSubject(pr.cred), gaiax.HasGaiaXVocab(pr.cred.Contexts))
	if !ok || err != nil {
		r.fail(CheckDelegation, CodeDelegationInvalid, "parent credential %q is not a Party Credential", trunc(parent))
		return false
	}
	if !gaiax.SameKey(pp.Holder, k.method) {
		r.fail(CheckDelegation, CodeDelegationInvalid, "the parent's gx:holder %q is not the key that signed (%q)", trunc(pp.Holder), trunc(k.method))
		return false
	}
	switch pr.Status {
	case StatusRevoked, StatusSuspended, StatusExpired:
		r.fail(CheckDelegation, Code(pr.Status), "parent credential %q is %s", trunc(parent), pr.Status)
		return false
	}
	parentTrusted := pr.Check(CheckTrust) != nil && pr.Check(CheckTrust).OK()
	r.Checks = append(r.Checks, Check{ID: CheckDelegation, Status: Pass, Detail: fmt.Sprintf("delegated by %q through %q", trunc(pr.Issuer), trunc(parent))})
	return parentTrusted
}

func firstSubject(c *vc.Credential) map[string]any {
	if len(c.Subjects) == 0 {
		return nil
	}
	return c.Subjects[0]
}
