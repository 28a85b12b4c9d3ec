// Package vc implements the data model of Verifiable Credentials Data
// Model v2.0 (https://www.w3.org/TR/vc-data-model-2.0/), W3C
// Recommendation 2025-05-15, and reads v1.1 input
// (https://www.w3.org/TR/vc-data-model/).
//
// [ParseCredential] and [ParsePresentation] check the structural rules of
// §4 (contexts, types, identifiers, issuer, subject, validity period) on a
// decoded JSON document; [ParseDataURL] reads the data: URLs of enveloped
// credentials (VC-JOSE-COSE §3.2).
//
// # Security considerations
//
// Parsing checks shape, never authenticity: a [Credential] is only as
// good as the proof that the caller verified over the same bytes. The
// caller bounds the raw input before decoding (core/verify does).
// JSON-LD keyword aliases "@id" and "@type" are read as "id" and "type",
// because the v2 context maps one onto the other.
package vc

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Base contexts (VC DM 2.0 §4.3, VC DM 1.1 §4.1).
const (
	ContextV2 = "https://www.w3.org/ns/credentials/v2"
	ContextV1 = "https://www.w3.org/2018/credentials/v1"
)

// Code is the stable reason of a data-model failure; the strings match
// core/verify's codes.
type Code string

// The codes of this package.
const (
	CodeBadContext     Code = "bad_context"
	CodeBadType        Code = "bad_type"
	CodeBadIssuer      Code = "bad_issuer"
	CodeBadSubject     Code = "bad_subject"
	CodeBadDate        Code = "bad_date"
	CodeBadID          Code = "malformed"
	CodeEmbeddedClaims Code = "embedded_vc_vp_claim"
	CodeBadEnvelope    Code = "bad_envelope"
)

// Error is the one error type of this package.
type Error struct {
	Code Code
	Err  error
}

func (e *Error) Error() string { return "vc: " + e.Err.Error() }
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

// Credential is a parsed verifiable credential (VC DM 2.0 §4).
type Credential struct {
	Version  int      // 2 for a v2 context, 1 for v1.1
	Contexts []string // the string entries of @context, in order
	ID       string   // §4.4, "" when absent
	Types    []string // §4.5
	Issuer   string   // §4.7: the issuer URL (string form, or the object's id)
	// Subjects holds each credentialSubject object (§4.8).
	Subjects []map[string]any
	// ValidFrom and ValidUntil (§4.9); for v1.1 input, issuanceDate and
	// expirationDate. Nil when absent.
	ValidFrom, ValidUntil *time.Time
	// Status holds the credentialStatus entries (§4.10), undecoded.
	Status []map[string]any
	// Doc is the whole decoded document.
	Doc map[string]any
}

// SubjectID returns the id of the only subject, or "" when there is none
// or several.
func (c *Credential) SubjectID() string {
	if len(c.Subjects) != 1 {
		return ""
	}
	id, _ := firstOf(c.Subjects[0], "id", "@id").(string)
	return id
}

// HasType reports whether t is one of the credential's types.
func (c *Credential) HasType(t string) bool {
	for _, x := range c.Types {
		if x == t {
			return true
		}
	}
	return false
}

// ParseCredential checks doc against the structural rules of VC DM 2.0
// §4 (or 1.1 §4 for a v1 context) and returns the credential. It does not
// verify any proof, resolve any context, or check the validity period
// against a clock.
func ParseCredential(doc map[string]any) (*Credential, error) {
	c := &Credential{Doc: doc}
	var err error
	if c.Contexts, c.Version, err = contexts(doc); err != nil {
		return nil, err
	}
	if c.ID, err = optionalURL(doc, "id"); err != nil {
		return nil, err
	}
	if c.Types, err = types(doc, "VerifiableCredential"); err != nil {
		return nil, err
	}
	if c.Issuer, err = issuer(doc); err != nil {
		return nil, err
	}
	if c.Subjects, err = subjects(doc); err != nil {
		return nil, err
	}
	from, until := "validFrom", "validUntil"
	if c.Version == 1 {
		from, until = "issuanceDate", "expirationDate"
	}
	if c.ValidFrom, err = date(doc, from); err != nil {
		return nil, err
	}
	if c.ValidUntil, err = date(doc, until); err != nil {
		return nil, err
	}
	if c.ValidFrom != nil && c.ValidUntil != nil && c.ValidUntil.Before(*c.ValidFrom) {
		return nil, errorf(CodeBadDate, "validUntil is before validFrom (§4.9)")
	}
	if c.Version == 1 && c.ValidFrom == nil {
		return nil, errorf(CodeBadDate, "a v1.1 credential needs issuanceDate")
	}
	if c.Status, err = objects(doc, "credentialStatus", CodeBadSubject); err != nil {
		return nil, err
	}
	for _, s := range c.Status {
		if _, ok := firstOf(s, "type", "@type").(string); !ok {
			return nil, errorf(CodeBadType, "credentialStatus entry has no type")
		}
	}
	for _, name := range []string{"proof", "evidence", "credentialSchema", "refreshService", "termsOfUse"} {
		items, err := objects(doc, name, CodeBadType)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if firstOf(it, "type", "@type") == nil {
				return nil, errorf(CodeBadType, "%s entry has no type", name)
			}
		}
	}
	return c, nil
}

func contexts(doc map[string]any) ([]string, int, error) {
	raw, ok := doc["@context"]
	if !ok {
		return nil, 0, errorf(CodeBadContext, "@context is missing")
	}
	var list []any
	switch v := raw.(type) {
	case string:
		list = []any{v}
	case []any:
		list = v
	default:
		return nil, 0, errorf(CodeBadContext, "@context must be a string or an array")
	}
	if len(list) == 0 {
		return nil, 0, errorf(CodeBadContext, "@context is empty")
	}
	var out []string
	for _, e := range list {
		switch v := e.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
		default:
			return nil, 0, errorf(CodeBadContext, "@context entries must be URLs or objects")
		}
	}
	first, _ := list[0].(string)
	switch first {
	case ContextV2:
		return out, 2, nil
	case ContextV1:
		return out, 1, nil
	}
	return nil, 0, errorf(CodeBadContext, "first @context is %q, want %q", trunc(first), ContextV2)
}

func types(doc map[string]any, required string) ([]string, error) {
	raw := firstOf(doc, "type", "@type")
	var out []string
	switch v := raw.(type) {
	case string:
		out = []string{v}
	case []any:
		for _, e := range v {
			s, ok := e.(string)
			if !ok {
				return nil, errorf(CodeBadType, "type entries must be strings")
			}
			out = append(out, s)
		}
	case nil:
		return nil, errorf(CodeBadType, "type is missing")
	default:
		return nil, errorf(CodeBadType, "type must be a string or an array of strings")
	}
	for _, t := range out {
		if t == required {
			return out, nil
		}
	}
	return nil, errorf(CodeBadType, "type does not include %s", required)
}

func issuer(doc map[string]any) (string, error) {
	raw, ok := doc["issuer"]
	if !ok {
		return "", errorf(CodeBadIssuer, "issuer is missing")
	}
	var id string
	switch v := raw.(type) {
	case string:
		id = v
	case map[string]any:
		s, ok := firstOf(v, "id", "@id").(string)
		if !ok {
			return "", errorf(CodeBadIssuer, "issuer object has no string id")
		}
		id = s
	default:
		return "", errorf(CodeBadIssuer, "issuer must be a URL or an object with an id")
	}
	if !IsURL(id) {
		return "", errorf(CodeBadIssuer, "issuer %q is not a URL", trunc(id))
	}
	return id, nil
}

func subjects(doc map[string]any) ([]map[string]any, error) {
	if _, ok := doc["credentialSubject"]; !ok {
		return nil, errorf(CodeBadSubject, "credentialSubject is missing")
	}
	subs, err := objects(doc, "credentialSubject", CodeBadSubject)
	if err != nil {
		return nil, err
	}
	if len(subs) == 0 {
		return nil, errorf(CodeBadSubject, "credentialSubject is empty")
	}
	for _, s := range subs {
		if id, ok := firstOf(s, "id", "@id").(string); ok && !IsURL(id) {
			return nil, errorf(CodeBadSubject, "credentialSubject id %q is not a URL", trunc(id))
		} else if !ok && firstOf(s, "id", "@id") != nil {
			return nil, errorf(CodeBadSubject, "credentialSubject id must be a string")
		}
	}
	return subs, nil
}

// objects reads a member that is an object or an array of objects.
func objects(doc map[string]any, name string, code Code) ([]map[string]any, error) {
	switch v := doc[name].(type) {
	case nil:
		if _, present := doc[name]; present {
			return nil, errorf(code, "%s is null", name)
		}
		return nil, nil
	case map[string]any:
		return []map[string]any{v}, nil
	case []any:
		out := make([]map[string]any, 0, len(v))
		for _, e := range v {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, errorf(code, "%s entries must be objects", name)
			}
			out = append(out, m)
		}
		return out, nil
	default:
		return nil, errorf(code, "%s must be an object or an array of objects", name)
	}
}

func optionalURL(doc map[string]any, name string) (string, error) {
	raw := firstOf(doc, name, "@"+name)
	if raw == nil {
		return "", nil
	}
	s, ok := raw.(string)
	if !ok || !IsURL(s) {
		return "", errorf(CodeBadID, "%s must be a single URL", name)
	}
	return s, nil
}

// date parses an XML Schema dateTimeStamp (a time with a zone), including
// fractional seconds and numeric offsets.
func date(doc map[string]any, name string) (*time.Time, error) {
	raw, ok := doc[name]
	if !ok {
		return nil, nil
	}
	s, ok := raw.(string)
	if !ok {
		return nil, errorf(CodeBadDate, "%s must be a string", name)
	}
	t, err := ParseTime(s)
	if err != nil {
		return nil, errorf(CodeBadDate, "%s %q is not a dateTimeStamp", name, trunc(s))
	}
	return &t, nil
}

// ParseTime parses an XML Schema dateTimeStamp: RFC 3339 with optional
// fractional seconds and a mandatory zone ("Z" or ±hh:mm).
func ParseTime(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}

// IsURL reports whether s is an absolute URL (RFC 3986: a scheme, a colon
// and something after it), which includes DIDs and URNs.
func IsURL(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 1 || i == len(s)-1 {
		return false
	}
	for j := 0; j < i; j++ {
		c := s[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return !strings.ContainsAny(s, " \t\r\n<>\"{}|\\^`")
}

func firstOf(m map[string]any, names ...string) any {
	for _, n := range names {
		if v, ok := m[n]; ok {
			return v
		}
	}
	return nil
}

func trunc(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
