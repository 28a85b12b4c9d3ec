package ld

import (
	"errors"
	"fmt"

	jsonld "github.com/piprate/json-gold/ld"
)

// Code is the stable reason of a JSON-LD failure. The strings are part of
// the verifier's result vocabulary (core/verify passes them through).
type Code string

// The codes of this layer.
const (
	// CodeContextUnknown: a context URL is neither embedded nor allowlisted
	// by the caller. The loader fails closed; it never fetches.
	CodeContextUnknown Code = "context_unknown"
	// CodeContextInvalid: an allowlisted or embedded context is not a JSON
	// object with an @context member, is too large, or (embedded only)
	// does not match its pinned SHA-256.
	CodeContextInvalid Code = "context_invalid"
	// CodeTooLarge: the input document exceeds a size or depth limit of
	// limits.go.
	CodeTooLarge Code = "too_large"
	// CodeTooComplex: the RDF dataset has too many quads or blank nodes,
	// or blank nodes whose canonical labelling could take exponential time.
	CodeTooComplex Code = "too_complex"
	// CodeInvalid: the document is not valid JSON-LD 1.1; [Error.JSONLD]
	// carries the JSON-LD API error code verbatim.
	CodeInvalid Code = "jsonld_invalid"
)

// Error is the one error type of this package.
type Error struct {
	Code Code
	// URL is the context URL involved, if any.
	URL string
	// JSONLD is the JSON-LD 1.1 API error code (JsonLdErrorCode, e.g.
	// "invalid local context") when the processor reported one.
	JSONLD string
	Err    error
}

func (e *Error) Error() string {
	if e.URL != "" {
		return fmt.Sprintf("ld: %s %q: %v", e.Code, trunc(e.URL), e.Err)
	}
	return fmt.Sprintf("ld: %s: %v", e.Code, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

func errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// CodeOf returns the code carried by err, or "" when err is not an ld
// error.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// classify turns an error from json-gold into ours. It is the only place
// that knows json-gold's error surface.
func classify(err error) error {
	if err == nil {
		return nil
	}
	// Our own errors (from the loader) travel inside JsonLdError.Details.
	var ours *Error
	if errors.As(err, &ours) {
		return ours
	}
	var je *jsonld.JsonLdError
	if errors.As(err, &je) {
		code := CodeInvalid
		switch je.Code {
		case jsonld.LoadingDocumentFailed, jsonld.LoadingRemoteContextFailed:
			code = CodeContextUnknown
		case jsonld.InvalidRemoteContext, jsonld.RecursiveContextInclusion:
			code = CodeContextInvalid
		}
		return &Error{Code: code, JSONLD: string(je.Code), Err: errors.New(trunc(je.Error()))}
	}
	return &Error{Code: CodeInvalid, Err: err}
}

func trunc(s string) string {
	const max = 200
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}
