package sdjwt

// Limits on input. Each bounds work or memory an attacker controls; none is
// reached by credentials seen in practice (the largest vector, an EU PID
// with a portrait, is under 8 KiB).
const (
	// MaxBytes bounds a whole SD-JWT, compact or JSON serialized. It
	// matches core/jose's MaxCompactBytes for the Issuer-signed JWT: a
	// credential with a passport-size portrait disclosure stays far below.
	MaxBytes = 1 << 20

	// MaxDisclosures bounds the number of Disclosures in one SD-JWT, so
	// that hashing and the digest index stay linear in a small number. A
	// Party Credential has about ten; an EU PID about thirty.
	MaxDisclosures = 1024

	// MaxDisclosureBytes bounds one Disclosure (its base64url text): a
	// portrait as a data: URL is the largest value seen (tens of KiB).
	MaxDisclosureBytes = 256 << 10

	// MaxDepth bounds the nesting of the processed claims: the payload,
	// each Disclosure's value, and the tree formed by recursive
	// disclosures (RFC 9901 §6.3), counted together. JSON from people
	// rarely exceeds ten levels; the bound stops stack and time blow-up
	// from a chain of Disclosures each nesting the next.
	MaxDepth = 32

	// MaxSignatures bounds the signatures of a General JSON serialized
	// SD-JWT (RFC 9901 §8.1): each costs a key resolution and a
	// verification.
	MaxSignatures = 8

	// minSaltBytes is the entropy of an issued salt: RFC 9901 §9 (salt
	// entropy) recommends at least 128 bits.
	minSaltBytes = 16
)
