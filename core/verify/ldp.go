package verify

import (
	"context"

	"github.com/gxwallet/gxwallet/core/di"
	"github.com/gxwallet/gxwallet/core/gaiax"
	"github.com/gxwallet/gxwallet/core/vc"
)

// ldCredential verifies a JSON-LD credential secured with an embedded
// proof (JsonWebSignature2020, both the W3C CCG and the Gaia-X payload
// constructions; see core/di).
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
	p, ok := v.ldProof(&r, doc, "assertionMethod")
	if !ok {
		return v.finish(r)
	}
	key, ok := v.issuerKey(ctx, &r, p.VerificationMethod, cred.Issuer, p.ProofPurpose)
	if !ok {
		return v.finish(r)
	}
	if !v.ldSignature(&r, doc, p, key) {
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
		proof, ok := v.ldProof(&r, doc, "authentication")
		if !ok {
			return v.finish(r)
		}
		holder := p.Holder
		if holder == "" {
			holder = didOf(proof.VerificationMethod)
			r.Issuer = holder
		}
		key, ok := v.issuerKey(ctx, &r, proof.VerificationMethod, holder, proof.ProofPurpose)
		if !ok {
			return v.finish(r)
		}
		if !v.ldSignature(&r, doc, proof, key) {
			return v.finish(r)
		}
		v.ldBinding(&r, proof)
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

// ldProof picks the proof to verify: the first JsonWebSignature2020 proof.
// Its purpose defaults to want and must be want.
func (v *verifier) ldProof(r *Result, doc map[string]any, want string) (di.Proof, bool) {
	proofs, err := di.Proofs(doc)
	if err != nil {
		r.fail(CheckProof, Code(di.CodeOf(err)), "%v", err)
		return di.Proof{}, false
	}
	for _, p := range proofs {
		if p.Type != di.TypeJWS2020 {
			continue
		}
		if p.ProofPurpose == "" {
			p.ProofPurpose = want
		}
		if p.ProofPurpose != want {
			r.fail(CheckProof, CodeBadProofPurpose, "proofPurpose is %q, want %q", trunc(p.ProofPurpose), want)
			return di.Proof{}, false
		}
		return p, true
	}
	types := make([]string, len(proofs))
	for i, p := range proofs {
		types[i] = p.Type
	}
	r.fail(CheckProof, CodeUnsupportedFormat, "no JsonWebSignature2020 proof (proof types %q)", types)
	return di.Proof{}, false
}

// ldSignature checks a JsonWebSignature2020 proof and records which payload
// construction matched.
func (v *verifier) ldSignature(r *Result, doc map[string]any, p di.Proof, k *signer) bool {
	flavour, err := di.VerifyJWS2020(doc, p, k.pub, di.VerifyOptions{Algs: v.algs, Loader: v.loader})
	if err != nil {
		r.fail(CheckProof, Code(di.CodeOf(err)), "%v", err)
		return false
	}
	detail := "JsonWebSignature2020, W3C CCG payload (proof options signed)"
	if flavour == di.FlavourGaiaX {
		detail = "JsonWebSignature2020, Gaia-X payload (hex SHA-256 of the document; proof options not signed)"
	}
	r.Checks = append(r.Checks, Check{ID: CheckProof, Status: Pass, Detail: detail})
	return true
}

// ldBinding checks a presentation proof's challenge and domain against the
// expected nonce and audience (VC Data Integrity §2.1: challenge, domain).
func (v *verifier) ldBinding(r *Result, p di.Proof) {
	if v.opts.Nonce == "" && v.opts.Audience == "" {
		return
	}
	switch {
	case v.opts.Nonce != "" && p.Challenge != v.opts.Nonce:
		r.fail(CheckBinding, CodeNonceMismatch, "the proof's challenge is %q, want %q", trunc(p.Challenge), trunc(v.opts.Nonce))
	case v.opts.Audience != "" && p.Domain != v.opts.Audience:
		r.fail(CheckBinding, CodeAudMismatch, "the proof's domain is %q, want %q", trunc(p.Domain), trunc(v.opts.Audience))
	default:
		r.pass(CheckBinding)
	}
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
