package sdjwt

import (
	"errors"
	"fmt"

	"github.com/gxwallet/gxwallet/core/jose"
)

// Code is the stable reason of an SD-JWT failure. The strings are the
// codes core/verify reports; the codes of core/jose (malformed,
// duplicate_key, alg_not_allowed, alg_key_mismatch, crit_unknown,
// bad_signature, bad_key, too_large) pass through unchanged for the
// Issuer-signed JWT. The package documentation lists each code with its
// spec section.
type Code string

// The codes of this layer.
const (
	CodeMalformed       Code = "malformed"
	CodeTooLarge        Code = "too_large"
	CodeTooDeep         Code = "too_deep"
	CodeDuplicateKey    Code = "duplicate_key"
	CodeBadSignature    Code = "bad_signature"
	CodeBadDisclosure   Code = "bad_disclosure"
	CodeNotReferenced   Code = "digest_not_referenced"
	CodeDuplicateDigest Code = "duplicate_digest"
	CodeClaimCollision  Code = "claim_collision"
	CodeUnsupportedAlg  Code = "unsupported_sd_alg"
	CodeKeyResolution   Code = "key_resolution"

	CodeKBMissing      Code = "kb_missing"
	CodeKBBadTyp       Code = "kb_bad_typ"
	CodeKBBadSignature Code = "kb_bad_signature"
	CodeKBNonce        Code = "kb_nonce_mismatch"
	CodeKBAud          Code = "kb_aud_mismatch"
	CodeKBIat          Code = "kb_iat_out_of_window"
	CodeKBSdHash       Code = "kb_sd_hash_mismatch"
	CodeKBNoCnf        Code = "kb_no_cnf"

	CodeForbiddenDisclosure Code = "forbidden_disclosure"
	CodeExpired             Code = "expired"
	CodeNotYetValid         Code = "not_yet_valid"
	CodeMissingVct          Code = "missing_vct"

	CodeNoSuchClaim Code = "no_such_claim"
	CodeBadOptions  Code = "bad_options"
)

// AllCodes lists every code this package produces itself, in the order of
// the documentation table. Codes of core/jose may also appear.
var AllCodes = []Code{
	CodeMalformed, CodeTooLarge, CodeTooDeep, CodeDuplicateKey, CodeBadSignature,
	CodeBadDisclosure, CodeNotReferenced, CodeDuplicateDigest, CodeClaimCollision, CodeUnsupportedAlg,
	CodeKeyResolution,
	CodeKBMissing, CodeKBBadTyp, CodeKBBadSignature, CodeKBNonce, CodeKBAud, CodeKBIat, CodeKBSdHash, CodeKBNoCnf,
	CodeForbiddenDisclosure, CodeExpired, CodeNotYetValid, CodeMissingVct,
	CodeNoSuchClaim, CodeBadOptions,
}

// Error is the one error type of this package. Err may wrap a
// *jose.Error or an error returned by a caller's key function.
type Error struct {
	Code Code
	Err  error
}

func (e *Error) Error() string { return "sdjwt: " + e.Err.Error() }

// Unwrap returns the cause.
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

// fromJose wraps an error of core/jose, keeping its code (the codes share
// their strings with ours), prefixed by what was being processed.
func fromJose(what string, err error) error {
	c := Code(jose.CodeOf(err))
	if c == "" {
		c = CodeMalformed
	}
	return &Error{Code: c, Err: fmt.Errorf("%s: %w", what, err)}
}

// trunc shortens an attacker-controlled value for a message.
func trunc(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

func errorJoin(what string, err error) error { return fmt.Errorf("%s: %w", what, err) }
