// Package di implements Data Integrity proof suites for JSON-LD
// credentials. Today that is JsonWebSignature2020
// (https://w3c-ccg.github.io/lds-jws2020/, W3C CCG Final Report
// 2022-07-21), in the two incompatible flavours found in the wild:
//
//   - [FlavourW3C], the construction of the specification and of
//     jsonld-signatures: the detached JWS payload (RFC 7797, b64=false) is
//     SHA-256(N-Quads(proof options)) ‖ SHA-256(N-Quads(document)).
//   - [FlavourGaiaX], what the Gaia-X compliance service and lab wizard
//     sign (Gaia-X Trust Framework 22.10 "Tagus" onwards): the payload is
//     the lowercase hex SHA-256 of N-Quads(document) alone.
//
// N-Quads are RDFC-1.0 (URDNA2015) canonical N-Quads from core/ld, with
// contexts served offline.
//
// Entry points:
//
//   - [Proofs] reads the proof objects of a document.
//   - [VerifyJWS2020] checks one proof against a public key the caller
//     resolved, trying the Gaia-X flavour first and then the W3C flavour
//     (what gx-compliance does), and reports which one matched.
//   - [SignJWS2020] adds a proof in either flavour.
//   - [Error] and [CodeOf] report why it failed.
//
// # Security considerations
//
// This package never resolves keys: the caller maps
// Proof.VerificationMethod to a key through DID resolution under its own
// policy, and checks that the method is authorized for the proof's
// purpose (assertionMethod, authentication). The algorithm must be in the
// caller's allowlist and fit the key ([VerifyOptions.Algs]); the JWS
// header must carry b64=false with crit ["b64"], and an unknown crit
// member is refused.
//
// In the Gaia-X flavour the proof options are not signed: created,
// verificationMethod, proofPurpose, challenge and domain can be changed
// without breaking the signature. A verifier that accepts this flavour
// must not rely on proof.created for time checks, must not treat
// challenge or domain as replay protection, and must bind the key to the
// issuer by other means (the verification method's DID must be the
// credential's issuer). The W3C flavour signs all of these. Callers that
// do not need Gaia-X lab credentials can set [VerifyOptions.Flavours] to
// W3C only.
//
// Both flavours sign canonical N-Quads, not JSON: properties that the
// JSON-LD context does not define are dropped by canonicalization (safe
// mode is off, as in Gaia-X verifiers) and are not covered by the
// signature. A verified document may therefore carry unsigned
// properties; callers must not present them as verified.
//
// Canonicalization is bounded by the limits of core/ld. Verification
// refuses a wrong algorithm or key type before canonicalizing.
package di
