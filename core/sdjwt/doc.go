// Package sdjwt issues, presents and verifies Selective Disclosure JWTs:
//
//   - SD-JWT, RFC 9901 (https://www.rfc-editor.org/rfc/rfc9901): the
//     compact serialization and the JWS JSON serialization (§8,
//     flattened and general), object property and array element
//     Disclosures, nested and recursive Disclosures, decoys, _sd_alg
//     sha-256 (required), sha-384 and sha-512, and Key Binding (KB-JWT,
//     typ kb+jwt, §4.3, §7.3);
//   - SD-JWT VC, draft-ietf-oauth-sd-jwt-vc
//     (https://datatracker.ietf.org/doc/draft-ietf-oauth-sd-jwt-vc/):
//     typ dc+sd-jwt (and the legacy vc+sd-jwt), vct, the claims that must
//     not be disclosable, iat/nbf/exp;
//   - W3C VC Data Model 2.0 secured with SD-JWT (VC-JOSE-COSE,
//     https://www.w3.org/TR/vc-jose-cose/, typ vc+sd-jwt and vp+sd-jwt):
//     this package processes the Disclosures; the caller applies the data
//     model to the processed claims.
//
// Verifier: [Verify] (or [Parse] then [SDJWT.Verify]) with [Options]
// returns a [Result]: the processed claims, which of them were disclosed
// ([Claim] paths; every other claim was always visible), the [Profile]
// (plain SD-JWT, SD-JWT VC, W3C VC or VP) and the verified [KeyBinding].
// The issuer's key comes from the caller ([Options.IssuerKey] or an
// [IssuerKeyFunc]); a cnf.kid is resolved by a [HolderKeyFunc].
//
// Holder: [SDJWT.Disclosable] lists the claims the holder may disclose,
// with their paths, for a consent screen ([SDJWT.Claims] shows them all
// applied); [SDJWT.Present] keeps the
// Disclosures of the chosen paths and appends a KB-JWT signed by any
// crypto.Signer ([KBOptions]).
//
// Issuer: [Issue] makes an SD-JWT from a claims document and a [Policy]
// naming the disclosable paths.
//
// # Errors
//
// Every error is an [*Error] whose [Code] ([CodeOf]) is stable:
//
//	code                     meaning (spec section)
//	malformed                not an SD-JWT: no "~", an empty Disclosure, a
//	                         non-object payload, a non-string digest, a
//	                         compact form whose last part is neither "" nor a
//	                         JWT (the trailing "~" is mandatory, RFC 9901 §4)
//	too_large, too_deep      a limit of limits.go ([MaxBytes],
//	                         [MaxDisclosures], [MaxDisclosureBytes],
//	                         [MaxDepth]) (RFC 9901 §9, Security Considerations)
//	duplicate_key            a JSON object repeats a member name (RFC 7515 §5.2)
//	bad_disclosure           a Disclosure that is not base64url UTF-8 JSON
//	                         [salt, name, value] / [salt, value], repeats a
//	                         member name, discloses _sd or "...", or is used
//	                         at the wrong kind of place (RFC 9901 §4.2, §7.1
//	                         step 3)
//	digest_not_referenced    a presented Disclosure no digest refers to,
//	                         including one presented twice (§7.1 step 4)
//	duplicate_digest         a digest appears more than once (§7.1 step 4)
//	claim_collision          a disclosed name already exists (§7.1 step 3)
//	unsupported_sd_alg       _sd_alg other than sha-256/384/512 (§4.1.1, §7.1 step 2)
//	key_resolution           the caller's IssuerKeyFunc or HolderKeyFunc failed
//	kb_missing               Key Binding required by policy and absent (§7.3 step 4)
//	kb_bad_typ               KB-JWT typ is not kb+jwt (§4.3)
//	kb_bad_signature         KB-JWT alg refused (none, HMAC, allowlist) or
//	                         its signature does not verify with cnf (§7.3)
//	kb_nonce_mismatch        KB-JWT nonce is not the expected one (§4.3)
//	kb_aud_mismatch          KB-JWT aud is not the expected one (§4.3)
//	kb_iat_out_of_window     KB-JWT iat missing or outside the window (§7.3)
//	kb_sd_hash_mismatch      sd_hash is not the hash of the presentation (§4.3.1)
//	kb_no_cnf                a KB-JWT but no usable cnf (§4.3, RFC 7800)
//	forbidden_disclosure     an SD-JWT VC's iss, nbf, exp, cnf, vct,
//	                         vct#integrity or status came from a Disclosure
//	                         (draft-ietf-oauth-sd-jwt-vc, JWT claims)
//	missing_vct              an SD-JWT VC without vct (draft-ietf-oauth-sd-jwt-vc)
//	expired                  exp has passed (RFC 7519 §4.1.4); core/verify
//	                         maps it to the expired lifecycle state
//	not_yet_valid            nbf or iat is in the future (RFC 7519 §4.1.5)
//	no_such_claim            Present or Issue was given a path to no claim
//	bad_options              the caller's Options or KBOptions are incomplete
//
// Failures of the Issuer-signed JWT carry the code of core/jose unchanged
// (alg_not_allowed, alg_key_mismatch, crit_unknown, bad_signature,
// bad_key, …).
//
// # Security considerations
//
// Digests are computed over the Disclosure text exactly as received (RFC
// 9901 §4.2.3), and sd_hash over the presentation text up to the last
// "~"; nothing is re-serialized before hashing, so two encodings of the
// same JSON never share a digest.
//
// Key Binding is the verifier's policy ([Options.RequireKB], implied by
// Nonce or Aud), never inferred from the presentation: an attacker can
// strip a KB-JWT, so "no KB-JWT" must not mean "no Key Binding needed"
// (RFC 9901 §7.3). A KB-JWT on a credential without cnf is refused.
//
// Salts are 128 random bits from crypto/rand (RFC 9901 §9, salt
// entropy); the only deterministic path is an unexported test hook.
// Decoys ([Policy.Decoys]) hide the number of undisclosed claims
// (§4.2.5); _sd arrays are sorted, which hides the order of the claims as
// well as a shuffle (the digests are random) and matches the reference
// implementation.
//
// Input is bounded before it is processed ([MaxBytes], [MaxDisclosures],
// [MaxDisclosureBytes], [MaxDepth]); each Disclosure can be used once,
// so processing cannot amplify input. JSON is decoded strictly: a
// duplicate member name is refused, not resolved last-one-wins.
//
// The package does not tie the issuer's key to the issuer, check status,
// resolve SD-JWT VC type metadata, or apply the VC data model: those are
// the caller's (core/verify).
package sdjwt
