// Package verify is the verification pipeline of gxwallet: one input in,
// one [Result] out, the same in the CLI, the JS library, the wallet and
// the edge worker.
//
// Standards: VC Data Model 2.0 (https://www.w3.org/TR/vc-data-model-2.0/,
// W3C Recommendation 2025-05-15), Securing VCs using JOSE and COSE
// (https://www.w3.org/TR/vc-jose-cose/, W3C Recommendation 2025-05-15),
// RFC 7515 (JWS), SD-JWT (RFC 9901) and SD-JWT VC
// (draft-ietf-oauth-sd-jwt-vc), JsonWebSignature2020 (W3C CCG; core/di),
// Bitstring Status List v1.0 (W3C Recommendation 2025-05-15) and the IETF
// Token Status List (core/status), DID Core v1.0, and the Gaia-X Trust
// Framework §4.8.5 (Party Credential lifecycle §4.8.5.1.4: expired,
// revoked, suspended, deprecated, active; delegation; Trusted Scope
// Credentials §4.8.5.2).
//
// Entry points: [Verify] with [Options]; [Request] is the JSON form of the
// options shared by every runtime.
//
// # Pipeline
//
// format detection (compact JWS, SD-JWT, JSON-LD with a proof, an
// enveloped credential) → header (typ, cty, alg, crit) → data model →
// issuer key (kid or verificationMethod is an assertionMethod of the
// issuer's DID or controller document) → signature (and, for SD-JWT, the
// disclosures and key binding) → validity period → the signing key's
// certificate → status lists → Gaia-X party rules and delegation →
// deprecation → trust. Each step appends a [Check]; the Status is derived
// from the failed checks with this precedence, most final first: invalid,
// revoked, expired, suspended, deprecated, untrusted, active. A
// presentation takes the most final status of itself and of each
// credential it holds, each also reported in Result.Credentials.
//
// # Codes
//
// A failed check carries one of these codes; the strings are stable.
//
//	code                  status     meaning
//	too_large             invalid    input larger than Policy.MaxBytes (default 1 MiB)
//	unsupported_format    invalid    not a compact JWS or a JSON credential we know
//	malformed             invalid    bad base64url, bad JSON, wrong number of JWS parts
//	duplicate_key         invalid    a JSON object or JOSE header repeats a member name
//	too_deep              invalid    JSON nested deeper than 64 levels, or envelopes deeper than 4
//	unsecured             invalid    a JSON credential with no proof and no envelope
//	bad_media_type        invalid    typ or cty is not a credential/presentation media type
//	alg_not_allowed       invalid    alg is none, HMAC, or outside Policy.Algorithms
//	alg_key_mismatch      invalid    alg does not fit the issuer key's type
//	crit_unknown          invalid    crit names a header parameter we do not process
//	bad_signature         invalid    the signature does not verify
//	bad_proof_purpose     invalid    a proof's proofPurpose is not assertionMethod (credentials) or authentication (presentations)
//	kid_missing           invalid    no kid, and the issuer DID has several keys
//	did_resolution        invalid    the issuer is not a DID or https URL, or its DID is invalid, unknown or of an unsupported method
//	key_not_found         invalid    kid names no verification method of the issuer
//	not_assertion_method  invalid    the method is not listed under assertionMethod (authentication for presentations)
//	kid_issuer_mismatch   invalid    kid belongs to another DID than the issuer (or holder)
//	iss_mismatch          invalid    the JWT iss claim differs from issuer (or holder)
//	bad_key               invalid    the key material is unusable (private members, RSA < 2048 bits)
//	resource_missing      invalid    a DID document or other resource could not be fetched; Verify also returns ErrIndeterminate
//	fetch_blocked         invalid    as resource_missing, but the runtime blocked the fetch (browser: network failure or CORS); the detail says what to do
//	bad_context           invalid    @context missing or not starting with the VC v2 (or v1.1) context
//	bad_type              invalid    type lacks VerifiableCredential/VerifiablePresentation, or an entry has no type
//	bad_issuer            invalid    issuer (or holder) missing, not a URL, or an object without id
//	bad_subject           invalid    credentialSubject missing, empty, or with a non-URL id
//	bad_date              invalid    validFrom/validUntil is not an XML Schema dateTimeStamp
//	embedded_vc_vp_claim  invalid    the payload has a vc or vp claim (VC-JOSE-COSE §3.1)
//	bad_envelope          invalid    an enveloped credential's id is not a readable data: URL
//	credential_invalid    invalid    a credential inside a presentation is invalid
//	nonce_mismatch        invalid    the presentation's nonce is absent or not the expected one
//	aud_mismatch          invalid    the presentation's aud does not name the expected audience
//	binding_missing       invalid    a nonce or audience is expected, but the input is a bare credential
//	bad_disclosure        invalid    an SD-JWT disclosure is malformed or of the wrong shape for where it is used
//	digest_not_referenced invalid    a presented disclosure is referenced by no digest, or presented twice
//	duplicate_digest      invalid    a digest appears more than once in the SD-JWT
//	claim_collision       invalid    a disclosed claim name exists already at its level, or is _sd or ...
//	unsupported_sd_alg    invalid    _sd_alg is not sha-256, sha-384 or sha-512
//	forbidden_disclosure  invalid    an SD-JWT VC claim that must stay visible (iss, nbf, exp, cnf, vct, status) was selectively disclosable
//	missing_vct           invalid    an SD-JWT VC without vct
//	key_resolution        invalid    the key to verify an SD-JWT could not be resolved
//	kb_bad_typ            invalid    the KB-JWT's typ is not kb+jwt
//	kb_bad_signature      invalid    the KB-JWT is not signed by the holder key in cnf
//	kb_iat_out_of_window  invalid    the KB-JWT's iat is too far from the instant of evaluation
//	kb_sd_hash_mismatch   invalid    the KB-JWT's sd_hash does not cover the presented SD-JWT
//	kb_no_cnf             invalid    a KB-JWT on an SD-JWT that names no holder key (cnf)
//	context_unknown       invalid    a JSON-LD context is neither embedded nor allowlisted (Options.Contexts, bundles)
//	context_invalid       invalid    an allowlisted JSON-LD context is not a context
//	too_complex           invalid    JSON-LD canonicalization would exceed its work bounds (core/ld limits)
//	jsonld_invalid        invalid    the document is not valid JSON-LD
//	proof_missing         invalid    a JSON-LD proof lacks jws, verificationMethod or type
//	unsupported_proof_type invalid   no proof of a supported type (JsonWebSignature2020)
//	jsonld_unavailable    invalid    a Data Integrity proof (JsonWebSignature2020) in a build without JSON-LD (-tags nojsonld); use the full build
//	bad_party_credential  invalid    gx:holder is not exactly one key of the subject's DID, or Party Credential terms are malformed
//	holder_binding        invalid    a Party Credential in a presentation not signed by its gx:holder key
//	delegation_invalid    invalid    the parent credential is invalid, not a Party Credential, held by another key than the signer's, too deep or cyclic
//	not_yet_valid         invalid    validFrom, nbf (or an SD-JWT's iat) is more than NotBeforeLeeway (1 min) after the instant of evaluation
//	expired               expired    validUntil or exp has passed
//	certificate_expired   expired    the x5c certificate of the signing key has expired
//	revoked               revoked    a revocation status entry is set
//	key_revoked           revoked    the signing key is no longer in the issuer's current DID (or controller) document
//	suspended             suspended  a suspension status entry is set
//	status_unverifiable   invalid    a status list exists but cannot be used: badly signed, another issuer's, expired, wrong purpose, too short, index outside it
//	deprecated            deprecated a known credential with the same id and issuer is newer
//	untrusted             untrusted  the trust store does not accept the issuer
//
// # Builds without JSON-LD
//
// Built with -tags nojsonld, the package links neither core/ld nor core/di
// (nor json-gold, whose default document loader alone brings Go's HTTP
// client and crypto/tls, about 1 MiB of gzip in a wasm binary). That build
// is for relying parties that verify JWT-secured credentials only: vc+jwt,
// vp+jwt, SD-JWT VC (dc+sd-jwt, vc+sd-jwt), status lists, did:web, did:jwk
// and did:key, all verified exactly as in the full build. A credential or
// presentation secured with a Data Integrity proof (JsonWebSignature2020),
// as such or inside a presentation, is reported, never verified: its
// Result is invalid with a failed proof check coded jsonld_unavailable,
// and a presentation holding one is invalid with credential_invalid.
// Options.Contexts (the Request's contexts, and contexts in a bundle) are
// accepted and ignored. The worker and the JS library have a lite build
// made this way (make worker-lite, make lib-lite).
//
// # Security considerations
//
// Every input is bounded before it is decoded ([MaxInputBytes],
// [MaxJSONDepth]); JSON is decoded strictly (duplicate member names are
// refused). Keys are only discovered by resolving the issuer's DID under
// the caller's resolver and fetcher: jku, x5u and embedded jwk headers
// are ignored. "none" and HMAC algorithms are refused whatever the
// policy. The zero Options trust no issuer.
package verify
