// Package did implements the parts of Decentralized Identifiers (DIDs)
// v1.0, W3C Recommendation of 19 July 2022
// (https://www.w3.org/TR/did-core/), that a verifier needs: DID and DID URL
// syntax (§3), the DID document data model in its JSON representation
// (§5, §6.2), and resolution through a caller-supplied [Resolver] (§7.1)
// with the error codes of the DID Specification Registries.
//
// Entry points:
//   - [Parse] and [ParseURL] read a [DID] and a [URL];
//   - [ParseDocument] reads a [Document];
//   - [Document.Method] finds the [VerificationMethod] a proof names, under
//     the relationship its purpose requires, and [VerificationMethod.PublicKey]
//     reads its key;
//   - [Methods] and [Static] compose resolvers.
//
// Methods live in sub-packages: did/key, did/jwk and did/web. [Methods]
// dispatches on the method name; there is no global registry.
//
// # Security considerations
//
// Resolution is an effect: did:web reads a document through a fetcher the
// caller passes in, never through a network client of its own. DIDs are
// bounded by [MaxDIDLength], documents by [MaxDocumentBytes],
// [MaxDocumentDepth] and [MaxVerificationMethods], and documents are
// decoded strictly: duplicate member names, member names that differ from
// a known one only in case, trailing data and private JWK members are
// refused. A verification method is only used for what the document lists
// it under, and only when its id belongs to the document's DID (see
// [Document.Method]); a missing method and a method under the wrong
// relationship are told apart by [ErrMethodNotFound] and
// [ErrNotInRelationship]. Every error is an [*Error] carrying a resolution
// code; attacker-supplied values are quoted and truncated in messages, and
// key material is never printed.
package did

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// DID is a parsed decentralized identifier "did:<method>:<method-specific-id>".
type DID struct {
	Method string
	ID     string // method-specific identifier, still percent-encoded
}

// String returns the DID in its canonical text form.
func (d DID) String() string { return "did:" + d.Method + ":" + d.ID }

// IsZero reports whether d is the zero DID.
func (d DID) IsZero() bool { return d.Method == "" }

// URL is a parsed DID URL: a DID followed by an optional path, query and
// fragment (DID Core §3.2).
type URL struct {
	DID      DID
	Path     string // with its leading "/", if any
	Query    string // without the "?"
	Fragment string // without the "#"
}

// String returns the DID URL in its text form.
func (u URL) String() string {
	s := u.DID.String() + u.Path
	if u.Query != "" {
		s += "?" + u.Query
	}
	if u.Fragment != "" {
		s += "#" + u.Fragment
	}
	return s
}

// Resolution error codes registered by DID Core §7.1.2 and the DID
// Specification Registries. They are used verbatim as [Error] codes.
const (
	CodeInvalidDID                 = "invalidDid"
	CodeNotFound                   = "notFound"
	CodeMethodNotSupported         = "methodNotSupported"
	CodeRepresentationNotSupported = "representationNotSupported"
	CodeInvalidDIDDocument         = "invalidDidDocument"
	CodeInternalError              = "internalError"
)

// Error is the one error type of this package. Code is a DID resolution
// error code (see the Code constants).
type Error struct {
	Code  string
	Input string // the DID or DID URL, truncated when printed
	Err   error
}

func (e *Error) Error() string {
	msg := "did: " + e.Code
	if e.Input != "" {
		msg += ": " + quote(e.Input)
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the DID resolution code carried by err, or "" if err is
// not (and does not wrap) an [*Error].
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Parse parses a DID (no path, query or fragment) with [ParseURL]'s
// checks. It does not check the method's own syntax (each method package
// does) nor that the DID resolves.
func Parse(s string) (DID, error) {
	u, err := ParseURL(s)
	if err != nil {
		return DID{}, err
	}
	if u.Path != "" || u.Query != "" || u.Fragment != "" {
		return DID{}, &Error{Code: CodeInvalidDID, Input: s, Err: errors.New("a DID has no path, query or fragment")}
	}
	return u.DID, nil
}

// ParseURL parses a DID URL (DID Core §3.2). It checks the DID syntax of
// §3.1 (method name of lowercase letters and digits; method-specific id of
// idchars and percent-encodings, colon-separated, not ending in a colon),
// the RFC 3986 characters of the path, query and fragment, and the
// [MaxDIDLength] bound. It does not check the method's own rules, does not
// decode percent-encodings, and does not normalise. An empty query or
// fragment ("did:ex:1#") is refused, so that [URL.String] gives back the
// input. Errors are [*Error]
// with [CodeInvalidDID].
func ParseURL(s string) (URL, error) {
	bad := func(why string) (URL, error) {
		return URL{}, &Error{Code: CodeInvalidDID, Input: s, Err: errors.New(why)}
	}
	if len(s) > MaxDIDLength {
		return bad("too long")
	}
	rest, ok := strings.CutPrefix(s, "did:")
	if !ok {
		return bad(`does not start with "did:"`)
	}
	method, rest, ok := strings.Cut(rest, ":")
	if !ok || method == "" {
		return bad("no method")
	}
	for _, c := range method {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return bad("method name must be lowercase letters and digits")
		}
	}
	var u URL
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		rest, u.Fragment = rest[:i], rest[i+1:]
		if u.Fragment == "" {
			return bad(`empty fragment after "#"`)
		}
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, u.Query = rest[:i], rest[i+1:]
		if u.Query == "" {
			return bad(`empty query after "?"`)
		}
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest, u.Path = rest[:i], rest[i:]
	}
	if rest == "" || strings.HasSuffix(rest, ":") {
		return bad("empty method-specific id")
	}
	for i := 0; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-', c == '_', c == ':':
		case c == '%':
			if i+2 >= len(rest) || !isHex(rest[i+1]) || !isHex(rest[i+2]) {
				return bad("bad percent-encoding")
			}
			i += 2
		default:
			return bad("invalid character in method-specific id")
		}
	}
	for _, part := range [...]struct{ name, s string }{{"path", u.Path}, {"query", u.Query}, {"fragment", u.Fragment}} {
		if !validURIChars(part.s) {
			return bad("invalid character or percent-encoding in " + part.name)
		}
	}
	u.DID = DID{Method: method, ID: rest}
	return u, nil
}

// validURIChars reports whether s holds only the characters RFC 3986 §3.3
// to §3.5 allow in a path, query or fragment (pchar, "/" and "?"), with
// well-formed percent-encodings.
func validURIChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0:
		case c == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return false
			}
			i += 2
		default:
			return false
		}
	}
	return true
}

// quote returns s quoted for an error message, truncated to 120 bytes.
func quote(s string) string {
	const max = 120
	if len(s) > max {
		return fmt.Sprintf("%q…", s[:max])
	}
	return fmt.Sprintf("%q", s)
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// Resolver resolves a DID to its DID document. It returns an [*Error] with
// a resolution code when it cannot.
type Resolver interface {
	Resolve(ctx context.Context, d DID) (*Document, error)
}

// Methods is a Resolver that dispatches on the DID method name. A method
// it does not hold fails with [CodeMethodNotSupported].
type Methods map[string]Resolver

// Resolve implements [Resolver].
func (m Methods) Resolve(ctx context.Context, d DID) (*Document, error) {
	r, ok := m[d.Method]
	if !ok {
		return nil, &Error{Code: CodeMethodNotSupported, Input: d.String()}
	}
	return r.Resolve(ctx, d)
}

// Static is a Resolver over DID documents the caller already holds, keyed
// by their "id". A DID it does not hold goes to Next, or fails with
// [CodeNotFound] when Next is nil.
type Static struct {
	Docs map[string]*Document
	Next Resolver
}

// Resolve implements [Resolver].
func (s Static) Resolve(ctx context.Context, d DID) (*Document, error) {
	if doc, ok := s.Docs[d.String()]; ok {
		return doc, nil
	}
	if s.Next != nil {
		return s.Next.Resolve(ctx, d)
	}
	return nil, &Error{Code: CodeNotFound, Input: d.String()}
}
