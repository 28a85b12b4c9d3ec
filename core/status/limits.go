package status

// Limits on untrusted input. Each names what it bounds and why the value
// is large enough for real lists (STYLE rule 22). Decompression is the
// amplifier here (DEFLATE reaches about 1032:1), so the decompressed bound
// is enforced while inflating, never after.
const (
	// MaxEncodedBytes bounds the text of encodedList (BSL) or lst (Token
	// Status List) before base64 decoding. A list at the largest sensible
	// size with random contents, 2^24 one-bit entries, is 2 MiB that gzip
	// cannot shrink, i.e. about 2.7 MiB of base64; real lists are sparse
	// and weigh a few KiB (the spec's 131,072-entry list is 70 characters,
	// the draft's 2^20 8-bit vector 3.5 KiB).
	MaxEncodedBytes = 4 << 20

	// MaxDecompressedBytes bounds an inflated list: 16 MiB is 2^27
	// (134,217,728) one-bit entries, 1,024 times the BSL minimum of
	// 131,072, or 2^24 eight-bit Token Status List entries, 16 times the
	// draft's largest test vector. It is also memory a browser tab can
	// spare for one list. A larger list is refused (CodeTooLarge) without
	// inflating past this bound plus one byte.
	MaxDecompressedBytes = 16 << 20

	// DefaultMinEntries is minimumNumberOfEntries of BSL §3.2 step 1
	// ("131,072 unless the ecosystem sets another bound"): 16 KiB of
	// one-bit entries, the herd-privacy floor.
	DefaultMinEntries = 131072

	// MaxEntriesPerCredential bounds the credentialStatus entries of one
	// credential. Each entry may cost the verifier a fetch and an inflate;
	// the spec's examples carry one per purpose (revocation, suspension,
	// message, refresh), so 16 leaves room for custom purposes.
	MaxEntriesPerCredential = 16

	// MaxStatusSize bounds statusSize in bits. BSL sets no maximum, but
	// statusSize > 1 requires 2^statusSize statusMessage entries, so 8
	// already means 256 messages per credential; 8 is also the widest
	// Token Status List value, and it keeps a value in one uint64.
	MaxStatusSize = 8

	// MaxStatusMessages bounds statusMessage: 2^MaxStatusSize.
	MaxStatusMessages = 1 << MaxStatusSize

	// MaxPurposes bounds the statusPurpose array of a list credential.
	// The spec's purposes are four; 16 allows custom ones.
	MaxPurposes = 16

	// MaxIndexDigits bounds the decimal text of statusListIndex: 20
	// digits hold every uint64, far beyond any list this package accepts.
	MaxIndexDigits = 20

	// MaxTokenPayloadBytes bounds the claims of a Status List Token. The
	// compact JWS is already bounded by jose.MaxCompactBytes; the lst
	// inside is bounded by MaxEncodedBytes.
	MaxTokenPayloadBytes = MaxEncodedBytes + 64<<10

	// maxClaimsDepth bounds JSON nesting in Status List Token claims: the
	// deepest standard member is status_list.bits (depth 2).
	maxClaimsDepth = 16
)
