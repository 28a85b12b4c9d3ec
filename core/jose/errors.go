package jose

import (
	"errors"
	"fmt"
	"strings"

	"github.com/lestrrat-go/jwx/v2/jws"
)

// Code is the stable reason of a JOSE failure. The strings match the codes
// of core/verify, which passes them through.
type Code string

// The codes of this layer.
const (
	CodeMalformed      Code = "malformed"
	CodeDuplicateKey   Code = "duplicate_key"
	CodeAlgNotAllowed  Code = "alg_not_allowed"
	CodeAlgKeyMismatch Code = "alg_key_mismatch"
	CodeCritUnknown    Code = "crit_unknown"
	CodeBadSignature   Code = "bad_signature"
	CodeBadKey         Code = "bad_key"
	CodeTooLarge       Code = "too_large"
)

// Error is the one error type of this package.
type Error struct {
	Code Code
	Err  error
}

func (e *Error) Error() string { return "jose: " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// CodeOf returns the code carried by err, or "" when err is not a jose
// error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// classify turns an error from jwx into ours. It is the only place that
// knows jwx's error surface, so a jwx upgrade touches this function only.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var je *Error
	if errors.As(err, &je) {
		return err
	}
	msg := err.Error()
	switch {
	case jws.IsVerificationError(err), strings.Contains(msg, "could not verify message"), strings.Contains(msg, "failed to verify"):
		return errBadSignature()
	case strings.Contains(msg, "invalid key"), strings.Contains(msg, "key type"):
		return &Error{Code: CodeAlgKeyMismatch, Err: err}
	default:
		return &Error{Code: CodeMalformed, Err: err}
	}
}
