package verify

import (
	"context"

	"github.com/gxwallet/gxwallet/core/vc"
)

// bareCredential refuses a credential presented on its own when the
// verifier expects a nonce or audience: only a presentation (or a KB-JWT)
// can prove who presents it.
func (v *verifier) bareCredential(r *Result, depth int) {
	if depth == 0 && (v.opts.Nonce != "" || v.opts.Audience != "") {
		r.fail(CheckBinding, CodeBindingMissing, "a nonce or audience is expected, but a bare credential cannot prove that its holder presented it")
	}
}

// lifecycle runs the checks that follow a verified proof, whatever secured
// the credential: the validity period (and the JWT nbf/exp in claims),
// the signing key's certificate, status lists, the Gaia-X party rules and
// delegation, deprecation, and trust (Gaia-X TF §4.8.5.1.4).
func (v *verifier) lifecycle(ctx context.Context, r *Result, cred *vc.Credential, claims map[string]any, key *signer, depth int) {
	v.validity(r, claims, cred.ValidFrom, cred.ValidUntil)
	v.certificate(r, key)
	v.statusChecks(ctx, r, cred, claims, depth)
	byParent := v.party(ctx, r, cred, key, depth)
	v.deprecated(ctx, r)
	if byParent {
		r.Checks = append(r.Checks, Check{ID: CheckTrust, Status: Pass, Detail: "trusted through the delegation chain's root"})
		return
	}
	v.trusted(ctx, r, cred.Issuer, key)
}
