package status

import (
	"errors"
	"fmt"
)

// Code is the stable reason of a status failure. The package
// documentation maps each code to the error names of the specifications.
type Code string

// The codes of this package.
const (
	// CodeMalformed: an entry, list credential, claim or reference breaks a
	// MUST of its data model (BSL MALFORMED_VALUE_ERROR).
	CodeMalformed Code = "malformed"
	// CodeUnsupportedType: a credentialStatus entry of a type this package
	// does not evaluate; the verifier records a skipped check.
	CodeUnsupportedType Code = "unsupported_status_type"
	// CodeBadEncoding: encodedList or lst is not base64url (or multibase
	// base64url) text (BSL MALFORMED_VALUE_ERROR).
	CodeBadEncoding Code = "bad_encoding"
	// CodeBadCompression: the GZIP or ZLIB stream is corrupt, truncated or
	// followed by trailing data (BSL MALFORMED_VALUE_ERROR).
	CodeBadCompression Code = "bad_compression"
	// CodeTooLarge: an input exceeds a limit of limits.go, compressed or
	// decompressed. No specification names this; BSL would call it a
	// STATUS_RETRIEVAL_ERROR, as the list cannot be used.
	CodeTooLarge Code = "too_large"
	// CodeListTooShort: fewer entries than the minimum
	// (BSL STATUS_LIST_LENGTH_ERROR).
	CodeListTooShort Code = "status_list_length"
	// CodeOutOfRange: the index lies beyond the list (BSL RANGE_ERROR;
	// Token Status List §8.3 step "out of bounds").
	CodeOutOfRange Code = "status_index_out_of_range"
	// CodePurposeMismatch: the entry's statusPurpose is not one of the
	// list's (BSL STATUS_VERIFICATION_ERROR).
	CodePurposeMismatch Code = "status_purpose_mismatch"
	// CodeBadMediaType: a Status List Token whose typ is not
	// statuslist+jwt (Token Status List §5.1).
	CodeBadMediaType Code = "bad_media_type"
	// CodeURIMismatch: the Status List Token's sub differs from the
	// referenced uri (Token Status List §5.1, §8.3).
	CodeURIMismatch Code = "status_uri_mismatch"
)

// ErrNoStatus is returned by [ParseReferencedStatus] when the claims have
// no status member: there is nothing to check, which is not a failure. It
// is a plain sentinel without a [Code]; test it with errors.Is.
var ErrNoStatus = errors.New("no status claim")

// Error is the one error type of this package.
type Error struct {
	Code Code
	Err  error
}

func (e *Error) Error() string { return "status: " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// CodeOf returns the code carried by err, or "" when err is not an error
// of this package.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// trunc shortens an attacker-controlled value before it is quoted in a
// message.
func trunc(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
