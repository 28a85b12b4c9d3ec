// Package status decodes credential status information, with no fetching
// and no signature policy:
//
//   - W3C Bitstring Status List v1.0, Recommendation 2025-05-15
//     (https://www.w3.org/TR/vc-bitstring-status-list/), and the
//     StatusList2021 input it replaced
//     (https://www.w3.org/TR/2023/WD-vc-status-list-20230427/);
//   - IETF OAuth Token Status List, draft-ietf-oauth-status-list
//     (https://datatracker.ietf.org/doc/draft-ietf-oauth-status-list/), JWT
//     form only. The CWT form (statuslist+cwt, COSE_Sign1) is out of scope.
//
// Bitstring Status List: [ParseEntries] reads a credential's
// credentialStatus entries into [Entry] values; [ParseListCredential]
// reads a fetched and verified status list credential into a
// [BitstringList] ([DecodeEncodedList] expands a bare encodedList);
// [Lookup] and [LookupWith] run the network-free steps of §3.2 "Validate
// Algorithm" and return a [Result]; [BitstringList.Status] reads any
// value. Bits are read MSB-first: index 0 is the most significant bit of
// byte 0, and a statusSize s value occupies bits [i*s, i*s+s).
//
// Token Status List: [ParseStatusListJWT] and [ParseTokenStatusList] read
// a Status List Token into a [TokenList] ([DecodeTokenList] decodes a bare
// status_list); [ParseReferencedStatus] reads the status claim of a
// Referenced Token into a [TokenRef]; [LookupToken] returns its
// [TokenStatus]. Bits are read LSB-first, the opposite of BSL.
//
// Encoders for issuers and tests: [NewBitstring], [EncodeBitstring] and
// [EncodeTokenList].
//
// # Errors
//
// Every error is an [*Error] whose [Code] ([CodeOf]) is stable. BSL §3.4
// names its errors as RFC 9457 problem types; they map as follows.
//
//	code                       BSL error / draft step
//	malformed                  MALFORMED_VALUE_ERROR; Token Status List §5.1/§6.1 claim rules
//	unsupported_status_type    (none: an entry or status mechanism this package skips)
//	bad_encoding               MALFORMED_VALUE_ERROR (encodedList / lst not base64url)
//	bad_compression            MALFORMED_VALUE_ERROR (GZIP / ZLIB corrupt, truncated, trailing data)
//	too_large                  (none: a limit of limits.go; BSL would see STATUS_RETRIEVAL_ERROR)
//	status_list_length         STATUS_LIST_LENGTH_ERROR
//	status_index_out_of_range  RANGE_ERROR; Token Status List §8.3 "index out of bounds"
//	status_purpose_mismatch    STATUS_VERIFICATION_ERROR (§3.2 step 6)
//	bad_media_type             Token Status List §5.1: typ is not statuslist+jwt
//	status_uri_mismatch        Token Status List §8.3: sub differs from the referenced uri
//
// STATUS_RETRIEVAL_ERROR and the proof part of STATUS_VERIFICATION_ERROR
// belong to the caller, which fetches and verifies the list.
//
// A set status is not an error: a [Result] with a non-zero Status, or a
// [TokenStatus] of INVALID or SUSPENDED, is an evaluated outcome that the
// verifier turns into revoked or suspended.
//
// # Security considerations
//
// Decompression is bounded. encodedList and lst are refused above
// [MaxEncodedBytes] before decoding, and inflation stops one byte past
// [MaxDecompressedBytes], so a GZIP or ZLIB bomb costs at most that much
// memory and time, never its nominal size.
//
// The caller must verify the status list credential or Status List Token
// like any credential (proof or signature, validity period) and decide
// whether its issuer may speak for the credential being checked (BSL
// §2.2 allows a different issuer; Gaia-X expects the same one). This
// package reads whatever list it is given; an unverified list is an
// attacker's choice of "valid".
//
// Herd privacy: a list shorter than [DefaultMinEntries] lets the list
// issuer and observers narrow down which credential is checked, so
// [Lookup] refuses it unless the caller lowers the bound
// ([Options.MinEntries]). Fetching the list reveals interest in it to its
// host; caching (ttl: milliseconds in BSL, seconds in Token Status List)
// and fetching through a proxy are the caller's mitigations.
//
// Leniencies, each recorded so the verifier can show it: an encodedList
// without the multibase "u" prefix but starting like base64url GZIP
// ("H4sI"; [BitstringList.MissingPrefix], as in Gaia-X ICAM 25.11 and
// StatusList2021), a numeric statusListIndex
// ([Entry.IndexNotString]), and Gaia-X "issued" in place of validFrom
// ([BitstringList.IssuedOnly]).
package status
