package di

import (
	"errors"
	"fmt"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/ld"
)

// Code is the stable reason of a proof failure. Codes of the layers below
// (core/jose, core/ld) pass through unchanged.
type Code string

// The codes of this layer.
const (
	CodeMalformed       Code = "malformed"     // proof or JWS not shaped as the suite requires
	CodeProofMissing    Code = "proof_missing" // the document has no proof
	CodeUnsupportedType Code = "unsupported_proof_type"
	CodeBadSignature    Code = "bad_signature" // neither flavour verifies
	CodeAlgNotAllowed   Code = "alg_not_allowed"
	CodeAlgKeyMismatch  Code = "alg_key_mismatch"
	CodeCritUnknown     Code = "crit_unknown"
	CodeBadKey          Code = "bad_key"
	CodeContextUnknown  Code = "context_unknown"
	CodeContextInvalid  Code = "context_invalid"
	CodeTooLarge        Code = "too_large"
	CodeTooComplex      Code = "too_complex"
	CodeJSONLDInvalid   Code = "jsonld_invalid"
)

// Error is the one error type of this package.
type Error struct {
	Code Code
	Err  error
}

func (e *Error) Error() string { return "di: " + e.Err.Error() }

// Unwrap returns the cause (a *jose.Error or *ld.Error when one of those
// layers failed).
func (e *Error) Unwrap() error { return e.Err }

func errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// CodeOf returns the code carried by err, or "" when err is not a di
// error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// wrap gives an error from core/jose or core/ld our type, keeping its code.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	code := CodeMalformed
	if c := jose.CodeOf(err); c != "" {
		code = Code(c)
	} else if c := ld.CodeOf(err); c != "" {
		code = Code(c)
	}
	return &Error{Code: code, Err: fmt.Errorf("%s: %w", what, err)}
}
