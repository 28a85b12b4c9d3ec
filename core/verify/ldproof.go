//go:build !nojsonld

package verify

import (
	"context"

	"github.com/gxwallet/gxwallet/core/di"
	"github.com/gxwallet/gxwallet/core/ld"
)

// hasJSONLD: this build verifies JSON-LD (Data Integrity) proofs. The
// nojsonld build (ldproof_nojsonld.go) does not.
const hasJSONLD = true

// ldState is the JSON-LD part of a verifier: the loader that serves
// contexts, embedded first, then Options.Contexts.
type ldState struct {
	loader ld.DocumentLoader
}

func (v *verifier) initLD(opts Options) {
	v.loader = ld.DefaultLoader
	if len(opts.Contexts) > 0 {
		v.loader = &ld.Loader{Extra: opts.Contexts}
	}
}

// ldVerifyProof checks doc's embedded proof for purpose (assertionMethod
// for a credential, authentication for a presentation) and returns the key
// that made it. The key must be one of who's; when who is "" (a
// presentation without holder), it is the DID of the proof's verification
// method, which becomes r.Issuer. For authentication it also checks the
// proof's challenge and domain against the expected nonce and audience.
func (v *verifier) ldVerifyProof(ctx context.Context, r *Result, doc map[string]any, purpose, who string) (*signer, bool) {
	p, ok := v.ldProof(r, doc, purpose)
	if !ok {
		return nil, false
	}
	if who == "" {
		who = didOf(p.VerificationMethod)
		r.Issuer = who
	}
	key, ok := v.issuerKey(ctx, r, p.VerificationMethod, who, p.ProofPurpose)
	if !ok {
		return nil, false
	}
	if !v.ldSignature(r, doc, p, key) {
		return nil, false
	}
	if purpose == "authentication" {
		v.ldBinding(r, p)
	}
	return key, true
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
