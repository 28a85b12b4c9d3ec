package oid4vc

import "time"

// Limits on input. Each bounds memory or work an attacker controls; real
// messages are far below (a Credential Offer is a few hundred bytes, the
// demo portal's metadata 2 KiB, a DCQL query with five claims 600 bytes).
const (
	// MaxOfferBytes bounds a Credential Offer, as JSON or as the
	// openid-credential-offer URI that carries it: it travels in a QR
	// code, which holds under 3 KiB.
	MaxOfferBytes = 16 << 10

	// MaxMetadataBytes bounds Credential Issuer and OAuth server metadata
	// (display objects with logos as URLs, dozens of configurations).
	MaxMetadataBytes = 256 << 10

	// MaxRequestBytes bounds an Authorization Request (its URI or request
	// object), a Token Request and a Credential Request.
	MaxRequestBytes = 64 << 10

	// MaxResponseBytes bounds a Token, Nonce or Credential Response and a
	// direct_post Authorization Response body: a vp_token holds whole
	// presentations, each bounded by core/sdjwt.MaxBytes.
	MaxResponseBytes = 2 << 20

	// MaxJSONDepth bounds the nesting of every decoded message; metadata
	// nests six levels.
	MaxJSONDepth = 32

	// MaxConfigurationIDs bounds credential_configuration_ids in an offer
	// and the proofs of one Credential Request (batch issuance).
	MaxConfigurationIDs = 16

	// MaxDCQLCredentials bounds the credential queries of one DCQL query,
	// and MaxDCQLClaims the claims queries of one credential query; the
	// matcher's work is their product times the wallet's credentials.
	MaxDCQLCredentials = 32
	MaxDCQLClaims      = 64

	// MaxPathLength bounds one claims path pointer (OpenID4VP §7).
	MaxPathLength = 16

	// MaxPresentations bounds the presentations in one vp_token.
	MaxPresentations = 32

	// MaxValueLength bounds a nonce, state, tx_code or identifier:
	// ours are 43 characters.
	MaxValueLength = 512

	// MaxTokenLength bounds a pre-authorized code and an access token,
	// which servers often issue as signed JWTs (RFC 9068) of a few
	// hundred bytes to a few KiB.
	MaxTokenLength = 8 << 10

	// MaxPending bounds the live entries of a [Once]: an attacker who
	// asks for nonces in a loop fills it and then gets errors, rather
	// than exhausting memory.
	MaxPending = 100_000
)

// Default lifetimes and windows.
const (
	// DefaultTTL is the lifetime of a [Once] entry when its TTL is zero:
	// a c_nonce, an access token, a verifier's pending request.
	DefaultTTL = 5 * time.Minute

	// DefaultProofWindow bounds |iat − now| of a proof JWT when
	// ProofOptions.Window is zero (OpenID4VCI Appendix F.1: the issuer
	// decides how old a proof may be).
	DefaultProofWindow = 5 * time.Minute
)

// DefaultAlgorithms is the JWS allowlist for proof JWTs when
// ProofOptions.Algorithms is nil; it matches core/verify's. "none" and
// HMAC are refused whatever a caller lists.
var DefaultAlgorithms = []string{"ES256", "ES384", "EdDSA", "PS256", "PS384", "PS512", "RS256"}
