// Package gaiax implements the rules of the Gaia-X Trust Framework that a
// verifier applies on top of the VC Data Model: the Party Credential and
// its holder binding and delegation (§4.8.5.1), the Trusted Scope
// Credential (§4.8.5.2), and the Gaia-X Trusted List Generic REST API as a
// trust source.
//
// Entry points: [ParseParty], [ParseTrustedScope], [TrustedScope.Covers],
// [RESTList.Valid].
//
// Gaia-X terms are read under the prefix "gx:", under their full IRI in
// the Gaia-X development vocabulary, and as bare terms when the
// credential's @context is the Gaia-X development context (which sets
// @vocab to that vocabulary).
//
// # Security considerations
//
// Parsing is structural; the caller (core/verify) verifies every
// credential involved — party, parent, trusted scope — like any other,
// and decides what a failure means. A trusted list endpoint is reached
// only through the caller's fetcher.
package gaiax

import (
	"errors"
	"fmt"
	"strings"
)

// Vocabulary is the IRI of the Gaia-X development vocabulary, and Context
// the context that makes it the default vocabulary.
const (
	Vocabulary = "https://w3id.org/gaia-x/development#"
	Context    = "https://w3id.org/gaia-x/development#"
)

// Code is the stable reason of a failure in this package.
type Code string

// The codes of this package.
const (
	CodeBadParty    Code = "bad_party_credential"
	CodeBadScope    Code = "bad_trusted_scope"
	CodeTrustedList Code = "trusted_list_error"
)

// Error is the one error type of this package.
type Error struct {
	Code Code
	Err  error
}

func (e *Error) Error() string { return "gaiax: " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func errorf(code Code, format string, args ...any) error {
	return &Error{Code: code, Err: fmt.Errorf(format, args...)}
}

// CodeOf returns the code carried by err, or "".
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// term reads the Gaia-X term name from m: "gx:name", the full IRI, or the
// bare name when bare is true (the gx context sets @vocab).
func term(m map[string]any, name string, bare bool) (any, bool) {
	if v, ok := m["gx:"+name]; ok {
		return v, true
	}
	if v, ok := m[Vocabulary+name]; ok {
		return v, true
	}
	if bare {
		if v, ok := m[name]; ok {
			return v, true
		}
	}
	return nil, false
}

// HasGaiaXVocab reports whether contexts include the Gaia-X development
// context, under which bare terms are Gaia-X terms.
func HasGaiaXVocab(contexts []string) bool {
	for _, c := range contexts {
		if strings.TrimSuffix(c, "#") == strings.TrimSuffix(Context, "#") {
			return true
		}
	}
	return false
}

// stringOrID reads a term whose value is a URI: a string, or an object
// with an id (as JSON-LD compaction may produce).
func stringOrID(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case map[string]any:
		for _, k := range []string{"id", "@id"} {
			if s, ok := x[k].(string); ok {
				return s, true
			}
		}
	}
	return "", false
}

// strings reads a term whose value is a string or an array of strings.
func stringList(v any) ([]string, bool) {
	switch x := v.(type) {
	case nil:
		return nil, true
	case string:
		return []string{x}, true
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := stringOrID(e)
			if !ok {
				return nil, false
			}
			out = append(out, s)
		}
		return out, true
	}
	return nil, false
}
