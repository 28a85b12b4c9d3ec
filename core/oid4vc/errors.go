package oid4vc

import (
	"errors"
	"fmt"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// Code is the stable reason of an error. Wire codes are registered by the
// specifications and travel in an [ErrorResponse]; local codes name failures
// that have no error channel back to the other side.
type Code string

// Wire codes: RFC 6749 §5.2 (Token Endpoint, OpenID4VCI §6.3), RFC 6750
// §3.1, OpenID4VCI §8.3.1.2 (Credential Endpoint), OpenID4VP §8.5.
const (
	CodeInvalidRequest                 Code = "invalid_request"
	CodeInvalidClient                  Code = "invalid_client"
	CodeInvalidGrant                   Code = "invalid_grant"
	CodeUnsupportedGrantType           Code = "unsupported_grant_type"
	CodeInvalidToken                   Code = "invalid_token"
	CodeInvalidCredentialRequest       Code = "invalid_credential_request"
	CodeUnknownCredentialConfiguration Code = "unknown_credential_configuration"
	CodeUnknownCredentialIdentifier    Code = "unknown_credential_identifier"
	CodeInvalidProof                   Code = "invalid_proof"
	CodeInvalidNonce                   Code = "invalid_nonce"
	CodeCredentialRequestDenied        Code = "credential_request_denied"
	CodeAccessDenied                   Code = "access_denied"
	CodeVPFormatsNotSupported          Code = "vp_formats_not_supported"
	CodeInvalidRequestURIMethod        Code = "invalid_request_uri_method"
	CodeServerError                    Code = "server_error"
)

// Local codes.
const (
	CodeMalformed    Code = "malformed"     // not the message it should be: bad JSON, a missing or ill-typed member
	CodeTooLarge     Code = "too_large"     // over a limit of limits.go
	CodeDuplicateKey Code = "duplicate_key" // a JSON object repeats a member name
	CodeUnsupported  Code = "unsupported"   // a valid feature this package does not implement
	CodeNoMatch      Code = "no_matching_credential"
	CodeBadOptions   Code = "bad_options" // the caller's options are incomplete
)

// HTTPStatus is the status code a server answers with when it sends c:
// 401 for invalid_client and invalid_token (RFC 6749 §5.2, RFC 6750 §3.1),
// 500 for server_error, 400 otherwise.
func (c Code) HTTPStatus() int {
	switch c {
	case CodeInvalidClient, CodeInvalidToken:
		return 401
	case CodeServerError:
		return 500
	}
	return 400
}

// wire reports whether c is a code the specifications register.
func (c Code) wire() bool {
	switch c {
	case CodeMalformed, CodeTooLarge, CodeDuplicateKey, CodeUnsupported, CodeNoMatch, CodeBadOptions, "":
		return false
	}
	return true
}

// Error is the one error type of this package.
type Error struct {
	Code Code
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return "oid4vc: " + string(e.Code)
	}
	return "oid4vc: " + string(e.Code) + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// CodeOf returns the code carried by err, or "" when err is not an error
// of this package.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func errorf(code Code, format string, a ...any) *Error {
	return &Error{Code: code, Err: fmt.Errorf(format, a...)}
}

// ErrorResponse is the error object of RFC 6749 §5.2 that the Token,
// Credential and Nonce endpoints answer with (OpenID4VCI §6.3, §8.3.1.2)
// and a wallet posts to a response_uri (OpenID4VP §8.5).
type ErrorResponse struct {
	Error            Code   `json:"error"`
	ErrorDescription string `json:"error_description,omitempty"`
	State            string `json:"state,omitempty"`
}

// ResponseOf turns err into the error object to send: its code when it is a
// wire code, invalid_request for a local one, server_error for an error of
// another package. The description is err's message without the package
// prefix; it never holds key material (no error of this package does).
func ResponseOf(err error) ErrorResponse {
	var e *Error
	if !errors.As(err, &e) {
		return ErrorResponse{Error: CodeServerError, ErrorDescription: "internal error"}
	}
	r := ErrorResponse{Error: e.Code}
	if !e.Code.wire() {
		r.Error = CodeInvalidRequest
	}
	if e.Err != nil {
		r.ErrorDescription = e.Err.Error()
		if !e.Code.wire() {
			r.ErrorDescription = string(e.Code) + ": " + r.ErrorDescription
		}
	}
	return r
}

// ParseErrorResponse reads an error object received from a peer. ok is false
// when b is not one (no "error" string member).
func ParseErrorResponse(b []byte) (r ErrorResponse, ok bool) {
	if len(b) > MaxRequestBytes {
		return r, false
	}
	var raw struct {
		Error            string `json:"error"`
		ErrorDescription string `json:"error_description"`
		State            string `json:"state"`
	}
	if strictjson.Unmarshal(b, &raw, MaxJSONDepth) != nil || raw.Error == "" {
		return r, false
	}
	return ErrorResponse{Error: Code(trunc(raw.Error)), ErrorDescription: trunc(raw.ErrorDescription), State: trunc(raw.State)}, true
}

// AsError returns r as an *Error with r's code, for a client that received
// it.
func (r ErrorResponse) AsError() *Error {
	if r.ErrorDescription == "" {
		return &Error{Code: r.Error}
	}
	return &Error{Code: r.Error, Err: errors.New(r.ErrorDescription)}
}

// trunc shortens attacker-controlled text for messages.
func trunc(s string) string {
	const max = 80
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}
