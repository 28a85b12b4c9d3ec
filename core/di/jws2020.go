package di

import (
	"crypto"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/ld"
)

// Flavour names one of the two incompatible payload constructions found
// for JsonWebSignature2020.
type Flavour string

const (
	// FlavourW3C is the W3C CCG lds-jws2020 construction (with
	// LD-Proofs): the detached payload is the 64 raw bytes
	// SHA-256(N-Quads(proof options)) ‖ SHA-256(N-Quads(document)), where
	// the proof options are the proof without "jws" under the document's
	// @context. The proof's created, verificationMethod, proofPurpose,
	// challenge and domain are signed.
	FlavourW3C Flavour = "w3c"
	// FlavourGaiaX is what the Gaia-X compliance service and lab wizard
	// sign (Tagus/22.10 and later): the detached payload is the 64 ASCII
	// characters of the lowercase hex SHA-256 of N-Quads(document). The
	// proof options are NOT signed.
	FlavourGaiaX Flavour = "gaiax"
)

// VerifyOptions configures [VerifyJWS2020]. The zero value accepts no
// algorithm and therefore verifies nothing.
type VerifyOptions struct {
	// Algs is the JWS algorithm allowlist ("PS256", "ES256", "EdDSA", …).
	Algs []string
	// Loader serves JSON-LD contexts; nil means ld.DefaultLoader
	// (embedded, pinned contexts only).
	Loader ld.DocumentLoader
	// Flavours lists the payload constructions to try, in order. Nil means
	// Gaia-X first, then W3C, which is what gx-compliance does.
	Flavours []Flavour
}

// VerifyJWS2020 checks proof p of doc, a JsonWebSignature2020 proof
// (https://w3c-ccg.github.io/lds-jws2020/, CG-FINAL 2022-07-21), against
// key, and returns the flavour whose payload the signature covers.
//
// Steps: p.Type must be JsonWebSignature2020; p.JWS must be a compact JWS
// with a detached, unencoded payload (b64=false, crit ["b64"], RFC 7797);
// its alg must be in opts.Algs and fit key; the document without its
// "proof" member is canonicalized (URDNA2015, core/ld) and the signature
// is checked over each flavour's payload in turn.
//
// Errors are [*Error]: [CodeBadSignature] when no flavour verifies,
// otherwise the code of the first failure (malformed, alg_not_allowed,
// alg_key_mismatch, crit_unknown, context_unknown, too_complex, …).
//
// VerifyJWS2020 does not resolve p.VerificationMethod (the caller resolves
// it to key through DID resolution), nor check that the method is
// authorized for p.ProofPurpose, nor check created, challenge or domain.
// With [FlavourGaiaX] those proof members are not signed at all.
func VerifyJWS2020(doc map[string]any, p Proof, key crypto.PublicKey, opts VerifyOptions) (Flavour, error) {
	if p.Type != TypeJWS2020 {
		return "", errorf(CodeUnsupportedType, "proof type %q is not %s", trunc(p.Type), TypeJWS2020)
	}
	c, err := jose.ParseCompact(p.JWS)
	if err != nil {
		return "", wrap("proof jws", err)
	}
	if c.Payload != nil {
		return "", errorf(CodeMalformed, "proof jws has an attached payload; JsonWebSignature2020 detaches it")
	}
	if c.Header.B64 {
		return "", errorf(CodeMalformed, "proof jws header lacks b64=false; JsonWebSignature2020 signs an unencoded payload")
	}
	if err := jose.CheckAlg(c.Header.Alg, key, opts.Algs); err != nil {
		return "", wrap("proof jws", err)
	}
	flavours := opts.Flavours
	if flavours == nil {
		flavours = []Flavour{FlavourGaiaX, FlavourW3C}
	}
	docNQ, err := canonicalDocument(doc, opts.Loader)
	if err != nil {
		return "", err
	}
	for _, f := range flavours {
		payload, err := signingPayload(f, doc, p.Raw, docNQ, opts.Loader)
		if err != nil {
			return "", err
		}
		err = c.VerifyDetached(payload, key, opts.Algs)
		if err == nil {
			return f, nil
		}
		if jose.CodeOf(err) != jose.CodeBadSignature {
			return "", wrap("proof jws", err)
		}
	}
	return "", errorf(CodeBadSignature, "signature does not verify in flavour %v", flavours)
}

// canonicalDocument returns the N-Quads of doc without its proof.
func canonicalDocument(doc map[string]any, loader ld.DocumentLoader) (string, error) {
	nq, err := ld.Canonicalize(without(doc, "proof"), ld.Options{Loader: loader})
	if err != nil {
		return "", wrap("document", err)
	}
	return nq, nil
}

// signingPayload builds the detached payload of flavour f. proof is the
// proof object (its "jws" member is ignored).
func signingPayload(f Flavour, doc, proof map[string]any, docNQ string, loader ld.DocumentLoader) ([]byte, error) {
	docHash := sha256.Sum256([]byte(docNQ))
	switch f {
	case FlavourGaiaX:
		return []byte(hex.EncodeToString(docHash[:])), nil
	case FlavourW3C:
		opts := without(proof, "jws")
		if ctx, ok := doc["@context"]; ok {
			opts["@context"] = ctx
		} else {
			delete(opts, "@context")
		}
		nq, err := ld.Canonicalize(opts, ld.Options{Loader: loader})
		if err != nil {
			return nil, wrap("proof options", err)
		}
		optHash := sha256.Sum256([]byte(nq))
		return append(optHash[:], docHash[:]...), nil
	}
	return nil, errorf(CodeMalformed, "unknown flavour %q", trunc(string(f)))
}

// SignOptions configures [SignJWS2020].
type SignOptions struct {
	// VerificationMethod is the DID URL of the signing key. Required.
	VerificationMethod string
	// ProofPurpose defaults to "assertionMethod".
	ProofPurpose string
	// Created is the proof's creation time, written in UTC with second
	// precision (xsd:dateTime). Required: SignJWS2020 never reads the clock.
	Created time.Time
	// Challenge and Domain are added to the proof when set.
	Challenge, Domain string
	// Flavour defaults to [FlavourW3C], which also signs the proof
	// options; Gaia-X verifiers try both flavours.
	Flavour Flavour
	// Loader serves JSON-LD contexts; nil means ld.DefaultLoader.
	Loader ld.DocumentLoader
}

// SignJWS2020 returns a copy of doc with a JsonWebSignature2020 proof made
// with signer and alg (which must fit the signer's key). The copy is
// shallow: it shares nested values with doc. doc must not have a proof
// already.
//
// SignJWS2020 does not check that alg is in any verifier's allowlist,
// that VerificationMethod names signer's key, or that the document is a
// valid credential.
func SignJWS2020(doc map[string]any, signer crypto.Signer, alg string, opts SignOptions) (map[string]any, error) {
	if _, ok := doc["proof"]; ok {
		return nil, errorf(CodeMalformed, "document already has a proof")
	}
	if opts.VerificationMethod == "" {
		return nil, errorf(CodeMalformed, "no verification method")
	}
	if opts.Created.IsZero() {
		return nil, errorf(CodeMalformed, "no creation time")
	}
	f := opts.Flavour
	if f == "" {
		f = FlavourW3C
	}
	if !slices.Contains([]Flavour{FlavourW3C, FlavourGaiaX}, f) {
		return nil, errorf(CodeMalformed, "unknown flavour %q", trunc(string(f)))
	}
	purpose := opts.ProofPurpose
	if purpose == "" {
		purpose = "assertionMethod"
	}
	proof := map[string]any{
		"type":               TypeJWS2020,
		"created":            opts.Created.UTC().Truncate(time.Second).Format(time.RFC3339),
		"verificationMethod": opts.VerificationMethod,
		"proofPurpose":       purpose,
	}
	if opts.Challenge != "" {
		proof["challenge"] = opts.Challenge
	}
	if opts.Domain != "" {
		proof["domain"] = opts.Domain
	}
	docNQ, err := canonicalDocument(doc, opts.Loader)
	if err != nil {
		return nil, err
	}
	payload, err := signingPayload(f, doc, proof, docNQ, opts.Loader)
	if err != nil {
		return nil, err
	}
	jws, err := jose.SignDetached(payload, alg, signer, nil, true)
	if err != nil {
		return nil, wrap("sign", err)
	}
	proof["jws"] = jws
	out := without(doc, "")
	out["proof"] = proof
	return out, nil
}

// without returns a shallow copy of m without key.
func without(m map[string]any, key string) map[string]any {
	c := make(map[string]any, len(m)+1)
	for k, v := range m {
		if k != key {
			c[k] = v
		}
	}
	return c
}

func trunc(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
