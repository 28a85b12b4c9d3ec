package jsutil

import (
	"errors"
	"fmt"
)

// CodeInternal is the code of an error that is not the caller's fault: a
// bug, a recovered panic, or a JS call that failed unexpectedly.
const CodeInternal = "internal"

// Error is what a promise made by [Promise] rejects with: on the JS side a
// JS Error whose code property is Code and whose message is Message. Codes
// are stable strings callers branch on; messages are English and may
// change.
type Error struct {
	Code    string
	Message string
	Err     error // the cause, if any
}

// Errorf returns an *Error with the given code and a formatted message. As
// with fmt.Errorf, a %w verb makes the cause available to errors.Is.
func Errorf(code, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: err.Error(), Err: err}
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// AsError returns err as an *Error: itself if it is one (or wraps one),
// otherwise an *Error with [CodeInternal] wrapping err. A nil err gives nil.
func AsError(err error) *Error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: CodeInternal, Message: err.Error(), Err: err}
}
