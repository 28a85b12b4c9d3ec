package verify

// Code is the stable reason of a failed check. Its string form never
// changes once released: user interfaces translate it, scripts match it.
// The table in the package documentation lists every code; codes_test.go
// keeps the two in step.
type Code string

// Input and format.
const (
	CodeTooLarge          Code = "too_large"          // input over Policy.MaxBytes
	CodeUnsupportedFormat Code = "unsupported_format" // not a JWS, SD-JWT or JSON credential we know
	CodeMalformed         Code = "malformed"          // bad base64, bad JSON, wrong number of JWS parts
	CodeDuplicateKey      Code = "duplicate_key"      // a JSON object repeats a member name
	CodeTooDeep           Code = "too_deep"           // JSON nested deeper than the limit
	CodeUnsecured         Code = "unsecured"          // a credential with no proof and no envelope
)

// JOSE header and signature.
const (
	CodeBadMediaType    Code = "bad_media_type"    // typ/cty not a credential or presentation type
	CodeAlgNotAllowed   Code = "alg_not_allowed"   // none, HMAC, or an alg outside the allowlist
	CodeAlgKeyMismatch  Code = "alg_key_mismatch"  // alg not valid for the key type
	CodeCritUnknown     Code = "crit_unknown"      // crit names a header we do not understand
	CodeBadSignature    Code = "bad_signature"     // the signature does not verify
	CodeBadProofPurpose Code = "bad_proof_purpose" // a proof\'s proofPurpose is not the one its use requires
	CodeKidMissing      Code = "kid_missing"       // no kid and no other way to find the key
)

// Issuer key discovery.
const (
	CodeDIDResolution      Code = "did_resolution"       // the issuer's DID could not be resolved (detail has the DID code)
	CodeKeyNotFound        Code = "key_not_found"        // kid names no verification method in the document
	CodeNotAssertionMethod Code = "not_assertion_method" // the method is not listed under assertionMethod
	CodeKidIssuerMismatch  Code = "kid_issuer_mismatch"  // kid belongs to a DID other than the issuer
	CodeIssMismatch        Code = "iss_mismatch"         // JWT iss differs from the credential issuer
	CodeBadKey             Code = "bad_key"              // the key material cannot be used
	CodeResourceMissing    Code = "resource_missing"     // a document the check needs could not be fetched
	// CodeFetchBlocked: as CodeResourceMissing, but the runtime refused or
	// could not complete the fetch (fetch.ErrBlocked): in a browser, a
	// network failure or a host that does not allow the page's origin
	// (CORS). The detail says what to do: the host must send
	// Access-Control-Allow-Origin, or the caller passes the resource in
	// options.resources or options.bundle.
	CodeFetchBlocked Code = "fetch_blocked"
)

// Data model (VC DM 2.0 §4).
const (
	CodeBadContext        Code = "bad_context"          // @context missing, or first entry not the VC context
	CodeBadType           Code = "bad_type"             // type missing VerifiableCredential / VerifiablePresentation
	CodeBadIssuer         Code = "bad_issuer"           // issuer missing, not a URL, or not a string/object with id
	CodeBadSubject        Code = "bad_subject"          // credentialSubject missing or malformed
	CodeBadDate           Code = "bad_date"             // validFrom/validUntil not an XML Schema dateTimeStamp
	CodeEmbeddedClaims    Code = "embedded_vc_vp_claim" // a vc or vp claim in a VC-JOSE-COSE payload
	CodeBadEnvelope       Code = "bad_envelope"         // an enveloped credential that is not a data: URL we can read
	CodeCredentialInvalid Code = "credential_invalid"   // a credential inside a presentation failed
)

// JSON-LD (core/ld, core/di).
const (
	CodeContextUnknown   Code = "context_unknown" // a JSON-LD context that is neither embedded nor allowlisted
	CodeContextInvalid   Code = "context_invalid" // an allowlisted context that is not a JSON-LD context
	CodeTooComplex       Code = "too_complex"     // canonicalization would exceed the work bounds
	CodeJSONLDInvalid    Code = "jsonld_invalid"  // the document is not valid JSON-LD
	CodeProofMissing     Code = "proof_missing"   // a JSON-LD document's proof lacks a member it needs
	CodeUnsupportedProof Code = "unsupported_proof_type"
	// CodeJSONLDUnavailable: this build has no JSON-LD (-tags nojsonld),
	// so a Data Integrity proof (JsonWebSignature2020) cannot be checked;
	// the full build can.
	CodeJSONLDUnavailable Code = "jsonld_unavailable"
)

// SD-JWT (RFC 9901, draft-ietf-oauth-sd-jwt-vc; core/sdjwt).
const (
	CodeBadDisclosure       Code = "bad_disclosure"        // a disclosure is malformed, or of the wrong shape for where it is used
	CodeDigestNotReferenced Code = "digest_not_referenced" // a presented disclosure is referenced by no digest (or presented twice)
	CodeDuplicateDigest     Code = "duplicate_digest"      // a digest appears more than once
	CodeClaimCollision      Code = "claim_collision"       // a disclosed name exists already, or is _sd / ...
	CodeUnsupportedSdAlg    Code = "unsupported_sd_alg"    // _sd_alg is not sha-256, sha-384 or sha-512
	CodeForbiddenDisclosure Code = "forbidden_disclosure"  // an SD-JWT VC claim that must stay visible (iss, exp, cnf, vct, status…) was disclosable
	CodeMissingVct          Code = "missing_vct"           // an SD-JWT VC without vct
	CodeKeyResolution       Code = "key_resolution"        // the key to verify could not be resolved
	CodeKBBadTyp            Code = "kb_bad_typ"            // the KB-JWT's typ is not kb+jwt
	CodeKBBadSignature      Code = "kb_bad_signature"      // the KB-JWT is not signed by the key in cnf
	CodeKBIat               Code = "kb_iat_out_of_window"  // the KB-JWT's iat is too far from now
	CodeKBSdHash            Code = "kb_sd_hash_mismatch"   // the KB-JWT's sd_hash does not cover this presentation
	CodeKBNoCnf             Code = "kb_no_cnf"             // a KB-JWT on an SD-JWT that names no holder key
)

// Gaia-X Party Credentials (TF §4.8.5.1).
const (
	CodeBadParty          Code = "bad_party_credential" // gx:holder is not one key of the subject's DID, or the terms are malformed
	CodeHolderBinding     Code = "holder_binding"       // a Party Credential presented by someone else than its gx:holder key
	CodeDelegationInvalid Code = "delegation_invalid"   // the parent is missing, invalid, not a Party Credential, held by another key, too deep or cyclic
)

// Presentation binding.
const (
	CodeNonceMismatch  Code = "nonce_mismatch"  // the presentation's nonce is not the one the verifier issued
	CodeAudMismatch    Code = "aud_mismatch"    // the presentation is addressed to someone else
	CodeBindingMissing Code = "binding_missing" // a nonce or audience is expected but the input is a bare credential
)

// Lifecycle and trust.
const (
	CodeNotYetValid        Code = "not_yet_valid" // validFrom (or nbf) is in the future
	CodeExpired            Code = "expired"       // validUntil (or exp) has passed
	CodeRevoked            Code = "revoked"
	CodeKeyRevoked         Code = "key_revoked"         // the signing key is no longer in the issuer's current document
	CodeCertificateExpired Code = "certificate_expired" // the signing key's x5c certificate has expired
	CodeSuspended          Code = "suspended"
	// CodeStatusUnverifiable: a status list exists but cannot be used:
	// unsigned or badly signed, issued by someone else, expired, the
	// wrong purpose, too short, or the index outside it.
	CodeStatusUnverifiable Code = "status_unverifiable"
	CodeDeprecated         Code = "deprecated"
	CodeUntrusted          Code = "untrusted" // the trust store does not accept the issuer
)

// AllCodes lists every code, in the order of the documentation table.
var AllCodes = []Code{
	CodeTooLarge, CodeUnsupportedFormat, CodeMalformed, CodeDuplicateKey, CodeTooDeep, CodeUnsecured,
	CodeBadMediaType, CodeAlgNotAllowed, CodeAlgKeyMismatch, CodeCritUnknown, CodeBadSignature, CodeBadProofPurpose, CodeKidMissing,
	CodeDIDResolution, CodeKeyNotFound, CodeNotAssertionMethod, CodeKidIssuerMismatch, CodeIssMismatch, CodeBadKey, CodeResourceMissing, CodeFetchBlocked,
	CodeBadContext, CodeBadType, CodeBadIssuer, CodeBadSubject, CodeBadDate, CodeEmbeddedClaims, CodeBadEnvelope, CodeCredentialInvalid,
	CodeNonceMismatch, CodeAudMismatch, CodeBindingMissing, CodeBadParty, CodeHolderBinding, CodeDelegationInvalid,
	CodeBadDisclosure, CodeDigestNotReferenced, CodeDuplicateDigest, CodeClaimCollision, CodeUnsupportedSdAlg,
	CodeForbiddenDisclosure, CodeMissingVct, CodeKeyResolution, CodeKBBadTyp, CodeKBBadSignature, CodeKBIat, CodeKBSdHash, CodeKBNoCnf,
	CodeContextUnknown, CodeContextInvalid, CodeTooComplex, CodeJSONLDInvalid, CodeProofMissing, CodeUnsupportedProof, CodeJSONLDUnavailable,
	CodeNotYetValid, CodeExpired, CodeCertificateExpired, CodeRevoked, CodeKeyRevoked, CodeSuspended, CodeStatusUnverifiable, CodeDeprecated, CodeUntrusted,
}

// codeStatus gives the status a failed check with the code leads to; any
// code not listed makes the result invalid.
var codeStatus = map[Code]Status{
	CodeRevoked:            StatusRevoked,
	CodeKeyRevoked:         StatusRevoked,
	CodeExpired:            StatusExpired,
	CodeCertificateExpired: StatusExpired,
	CodeSuspended:          StatusSuspended,
	CodeDeprecated:         StatusDeprecated,
	CodeUntrusted:          StatusUntrusted,
}
