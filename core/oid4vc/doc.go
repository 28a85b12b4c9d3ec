// Package oid4vc holds the wire messages and rules of the two OpenID for
// Verifiable Credentials protocols gxwallet speaks, for both sides of each:
//
//   - OpenID for Verifiable Credential Issuance 1.0 (OpenID4VCI,
//     https://openid.net/specs/openid-4-verifiable-credential-issuance-1_0.html),
//     Pre-Authorized Code flow: the Credential Offer (§4.1, by value and by
//     reference) [ParseOfferURI], [ParseOffer], [CredentialOffer.URI]; the
//     Credential Issuer Metadata (§12.2) [ParseIssuerMetadata] and the
//     OAuth server metadata it points to [ParseAuthServerMetadata]; the
//     Token Request and Response (§6) [ParseTokenRequest],
//     [ParseTokenResponse]; the Nonce Endpoint (§7) [ParseNonceResponse];
//     the Credential Request with a key proof of type jwt (§8.2, Appendix
//     F.1) [NewProofJWT], [VerifyProofJWT], [ParseCredentialRequest]; the
//     Credential Response (§8.3) [ParseCredentialResponse]; and the error
//     codes of §6.3 and §8.3.1.2 ([Code]).
//   - OpenID for Verifiable Presentations 1.0 (OpenID4VP,
//     https://openid.net/specs/openid-4-verifiable-presentations-1_0.html):
//     the Authorization Request by value and by request_uri (§5)
//     [ParseRequestURI], [ParseRequestObject], [AuthorizationRequest.Validate],
//     response_type vp_token with response_mode direct_post (§8.2); the
//     Digital Credentials Query Language (§6) [DCQLQuery.Validate] and its
//     matcher over a wallet's credentials [Match]; the Authorization
//     Response (§8.1) [ParseAuthorizationResponse] and the verifier's
//     checks on it [CheckResponse].
//
// [Once] is the single-use, expiring token store both servers need:
// pre-authorized codes, access tokens, c_nonces, and a verifier's pending
// requests (nonce and state).
//
// The package does no I/O: the caller fetches metadata, offers and request
// objects and posts the messages; it passes in the time and bounds raw
// input with the limits of limits.go before calling a parser. The
// cryptography of a presentation (signature, disclosures, key binding with
// the request's nonce and client_id) is core/verify's; this package builds
// and checks the proof-of-possession JWT of issuance.
//
// # Errors
//
// Every error is an *Error. Its [Code] is the spec-registered error code to
// send back when the other side is a protocol peer (invalid_request,
// invalid_grant, invalid_proof, invalid_nonce,
// unknown_credential_configuration, access_denied, …) or, for input that
// has no error channel back (a Credential Offer, metadata), one of the local
// codes malformed, too_large, duplicate_key, unsupported and
// no_matching_credential. [ErrorResponse] is the JSON error object of
// RFC 6749 §5.2, which OpenID4VCI and OpenID4VP reuse.
//
// # Security considerations
//
// Input is bounded before decoding (MaxOfferBytes, MaxMetadataBytes,
// MaxRequestBytes, MaxResponseBytes, MaxJSONDepth, the counts of
// limits.go) and JSON is decoded strictly: a duplicate member name or
// trailing data is refused, not resolved last-one-wins.
//
// Pre-authorized codes, access tokens and nonces are 256-bit values from
// crypto/rand, single-use and expiring ([Once]); a tx_code is compared in
// constant time. A proof JWT is checked in the order signature, audience,
// time window, then nonce, so an unsigned or misdirected proof cannot burn
// a valid c_nonce. Its key comes only from its own jwk header or a did:jwk
// kid, never from a URL (no jku, x5u); "none" and HMAC are refused.
//
// The Credential Issuer Identifier, endpoints and response_uri must be https
// URLs; plain http is accepted only for a loopback host (localhost,
// 127.0.0.1, [::1]), as for OAuth native apps (RFC 8252 §7.3), so that the
// demo portal runs on a laptop.
//
// A request object is accepted unsigned only under the redirect_uri Client
// Identifier Prefix or a pre-registered client_id, where OpenID4VP §5.9.3
// forbids signing anyway: such a verifier is not authenticated, and a
// wallet must show the response_uri's origin to the user. Signed request
// objects (x509_san_dns, decentralized_identifier, …) are not supported
// yet and fail with CodeUnsupported.
package oid4vc
