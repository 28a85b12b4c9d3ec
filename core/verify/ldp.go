package verify

import (
	"context"

	"github.com/gxwallet/gxwallet/core/gaiax"
	"github.com/gxwallet/gxwallet/core/vc"
)

// ldCredential verifies a JSON-LD credential secured with an embedded
// proof (JsonWebSignature2020, both the W3C CCG and the Gaia-X payload
// constructions; see core/di). The proof itself is checked by
// ldVerifyProof (ldproof.go), which a build without JSON-LD (-tags
// nojsonld, ldproof_nojsonld.go) replaces by a failed check.
func (v *verifier) ldCredential(ctx context.Context, doc map[string]any, depth int) Result {
	r := Result{Format: FormatLDPJWS}
	cred, err := vc.ParseCredential(doc)
	if err != nil {
		r.fail(CheckDataModel, Code(vc.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	r.Issuer, r.Subject = cred.Issuer, cred.SubjectID()
	r.Claims = claimsOf(cred)
	r.id, r.validFrom, r.cred = cred.ID, cred.ValidFrom, cred
	r.pass(CheckDataModel)
	key, ok := v.ldVerifyProof(ctx, &r, doc, "assertionMethod", cred.Issuer)
	if !ok {
		return v.finish(r)
	}
	v.bareCredential(&r, depth)
	v.lifecycle(ctx, &r, cred, doc, key, depth)
	return v.finish(r)
}

// ldPresentation verifies a JSON-LD presentation: its proof, if any (the
// holder's, under authentication, with challenge and domain as the
// expected nonce and audience), and every credential it holds.
func (v *verifier) ldPresentation(ctx context.Context, doc map[string]any, depth int) Result {
	r := Result{Format: FormatLDPJWS}
	p, err := vc.ParsePresentation(doc)
	if err != nil {
		r.fail(CheckDataModel, Code(vc.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	if len(p.Credentials) > MaxEnvelopedCredentials {
		r.fail(CheckDataModel, CodeTooLarge, "%d credentials exceed the limit of %d", len(p.Credentials), MaxEnvelopedCredentials)
		return v.finish(r)
	}
	r.Issuer = p.Holder
	r.pass(CheckDataModel)
	signedBy := ""
	if _, signed := doc["proof"]; signed {
		key, ok := v.ldVerifyProof(ctx, &r, doc, "authentication", p.Holder)
		if !ok {
			return v.finish(r)
		}
		signedBy = key.method
	} else {
		r.Checks = append(r.Checks, Check{ID: CheckProof, Status: Skipped, Detail: "the presentation itself is not signed: it says nothing about who presents it"})
		if v.opts.Nonce != "" || v.opts.Audience != "" {
			r.fail(CheckBinding, CodeBindingMissing, "a nonce or audience is expected, but the presentation is not signed")
		}
	}
	v.presentationCredentials(ctx, &r, p, signedBy, depth)
	return v.finish(r)
}

// presentationCredentials verifies each credential of a presentation,
// enveloped or embedded, and folds the most final status into r. A Gaia-X
// Party Credential must be presented by its holder: signedBy, the method
// that signed the presentation ("" when unsigned), must be its gx:holder
// (Gaia-X TF §4.8.5.1).
func (v *verifier) presentationCredentials(ctx context.Context, r *Result, p *vc.Presentation, signedBy string, depth int) {
	worst := -1
	for i, entry := range p.Credentials {
		var inner Result
		if url, ok := vc.IsEnveloped(entry); ok {
			inner = v.envelope(ctx, url, depth+1)
		} else if _, signed := entry["proof"]; !signed {
			inner.fail(CheckFormat, CodeUnsecured, "an embedded credential with no proof: nothing vouches for it")
			inner = v.finish(inner)
		} else {
			sub := *v
			sub.opts.Nonce, sub.opts.Audience = "", ""
			inner = sub.ldCredential(ctx, entry, depth+1)
		}
		if holder := partyHolder(inner); holder != "" && !gaiax.SameKey(holder, signedBy) {
			inner.fail(CheckHolderBinding, CodeHolderBinding, "gx:holder %q did not sign the presentation (signed by %q)", trunc(holder), trunc(signedBy))
			inner = v.finish(inner)
		}
		r.Credentials = append(r.Credentials, inner)
		if worst < 0 || rankOf(inner.Status) < rankOf(r.Credentials[worst].Status) {
			worst = i
		}
	}
	if worst >= 0 && r.Credentials[worst].Status != StatusActive {
		s := r.Credentials[worst].Status
		code := Code(s)
		if s == StatusInvalid {
			code = CodeCredentialInvalid
		}
		r.fail(CheckCredentials, code, "credential %d is %s", worst+1, s)
	} else {
		r.pass(CheckCredentials)
	}
}

// partyHolder is the gx:holder of a verified Party Credential, or "".
func partyHolder(r Result) string {
	if r.cred == nil || len(r.cred.Subjects) != 1 {
		return ""
	}
	p, ok, err := gaiax.ParseParty(r.cred.Subjects[0], gaiax.HasGaiaXVocab(r.cred.Contexts))
	if !ok || err != nil {
		return ""
	}
	return p.Holder
}

// didOf is the DID of a DID URL.
func didOf(u string) string {
	for i := 0; i < len(u); i++ {
		if u[i] == '#' || u[i] == '?' || u[i] == '/' {
			return u[:i]
		}
	}
	return u
}
