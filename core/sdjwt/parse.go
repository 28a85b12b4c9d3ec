package sdjwt

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
	"github.com/gxwallet/gxwallet/core/jose"
)

// SDJWT is a parsed SD-JWT or SD-JWT+KB (RFC 9901 §4). Nothing in it has
// been verified: call [SDJWT.Verify].
type SDJWT struct {
	// JWT is the Issuer-signed JWT. For the General JSON serialization it
	// is the first signature; the others are in altJWTs.
	JWT *jose.Compact
	// Payload is the Issuer-signed JWT's payload, decoded strictly, with
	// the digests still in place.
	Payload map[string]any
	// Disclosures are the presented Disclosures, in the order received.
	Disclosures []*Disclosure
	// KB is the Key Binding JWT, or nil when the input has none.
	KB *jose.Compact

	// presented is the text over which sd_hash is computed (RFC 9901
	// §4.3.1): the compact form up to and including the last "~".
	presented string
	altJWTs   []*jose.Compact
}

// Disclosure is one decoded Disclosure (RFC 9901 §4.2).
type Disclosure struct {
	// Raw is the base64url text as received. Digests are computed over it
	// (RFC 9901 §4.2.3), never over a re-serialization.
	Raw  string
	Salt string
	// Name is the claim name of an object property Disclosure; it is ""
	// for an array element Disclosure (see IsArrayElement).
	Name  string
	Value any
	// IsArrayElement is true for a two-element Disclosure [salt, value].
	IsArrayElement bool
}

// Parse reads an SD-JWT in the compact serialization
// (<JWT>~<D1>~…~<Dn>~[<KB-JWT>], RFC 9901 §4) or a JWS JSON serialization
// (flattened or general, RFC 9901 §8). It checks syntax only: sizes
// against the limits of this package, the JWS structure (core/jose, which
// refuses "none" and HMAC), a strictly decoded JSON object payload, and
// well-formed Disclosures. It does not verify any signature, digest or
// claim; see [SDJWT.Verify].
func Parse(s string) (*SDJWT, error) {
	if len(s) > MaxBytes {
		return nil, errorf(CodeTooLarge, "sd-jwt of %d bytes exceeds %d", len(s), MaxBytes)
	}
	if strings.HasPrefix(s, "{") {
		return parseJSON(s)
	}
	if n := strings.Count(s, "~"); n == 0 {
		return nil, errorf(CodeMalformed, "no \"~\": not an SD-JWT")
	} else if n > MaxDisclosures+1 {
		return nil, errorf(CodeTooLarge, "more than %d disclosures", MaxDisclosures)
	}
	parts := strings.Split(s, "~")
	last := len(parts) - 1
	return assemble(parts[0], parts[1:last], parts[last], s[:len(s)-len(parts[last])])
}

// assemble builds an SDJWT from its parts; kb is "" when there is no
// KB-JWT and presented is the sd_hash input.
func assemble(jwt string, disclosures []string, kb, presented string) (*SDJWT, error) {
	c, err := jose.ParseCompact(jwt)
	if err != nil {
		return nil, fromJose("issuer-signed jwt", err)
	}
	payload, err := decodePayload(c)
	if err != nil {
		return nil, err
	}
	s := &SDJWT{JWT: c, Payload: payload, presented: presented}
	if len(disclosures) > MaxDisclosures {
		return nil, errorf(CodeTooLarge, "%d disclosures exceed %d", len(disclosures), MaxDisclosures)
	}
	s.Disclosures = make([]*Disclosure, 0, len(disclosures))
	for i, d := range disclosures {
		if d == "" {
			return nil, errorf(CodeMalformed, "disclosure %d is empty", i)
		}
		dd, err := ParseDisclosure(d)
		if err != nil {
			return nil, err
		}
		s.Disclosures = append(s.Disclosures, dd)
	}
	if kb != "" {
		if s.KB, err = jose.ParseCompact(kb); err != nil {
			if jose.CodeOf(err) == jose.CodeMalformed || jose.CodeOf(err) == jose.CodeTooLarge {
				return nil, fromJose("kb-jwt (a compact sd-jwt without key binding must end with \"~\")", err)
			}
			return nil, &Error{Code: CodeKBBadSignature, Err: errorJoin("kb-jwt", err)}
		}
	}
	return s, nil
}

func decodePayload(c *jose.Compact) (map[string]any, error) {
	if c.Payload == nil {
		return nil, errorf(CodeMalformed, "issuer-signed jwt has a detached payload")
	}
	return decodeObject("issuer-signed jwt payload", c.Payload)
}

// decodeObject strictly decodes a JSON object (no duplicate member names,
// no trailing data, nesting bounded by MaxDepth).
func decodeObject(what string, b []byte) (map[string]any, error) {
	if err := strictjson.Check(b, MaxDepth); err != nil {
		return nil, strictErr(what, err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil || m == nil {
		return nil, errorf(CodeMalformed, "%s is not a JSON object", what)
	}
	return m, nil
}

func strictErr(what string, err error) error {
	switch {
	case errors.Is(err, strictjson.ErrDuplicateKey):
		return &Error{Code: CodeDuplicateKey, Err: errorJoin(what, err)}
	case errors.Is(err, strictjson.ErrTooDeep):
		return &Error{Code: CodeTooDeep, Err: errorJoin(what, err)}
	}
	return &Error{Code: CodeMalformed, Err: errorJoin(what, err)}
}

// ParseDisclosure decodes one Disclosure (RFC 9901 §4.2.1, §4.2.2):
// base64url without padding of a UTF-8 JSON array, [salt, name, value] for
// an object property or [salt, value] for an array element. The salt and
// name must be strings; the name must not be "_sd" or "..." (§4.2.1).
// Duplicate member names anywhere in the value are refused. It does not
// check that the Disclosure is referenced by any digest.
func ParseDisclosure(s string) (*Disclosure, error) {
	if len(s) > MaxDisclosureBytes {
		return nil, errorf(CodeTooLarge, "disclosure of %d bytes exceeds %d", len(s), MaxDisclosureBytes)
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, errorf(CodeBadDisclosure, "disclosure %q is not base64url: %w", trunc(s), err)
	}
	if !utf8.Valid(b) {
		return nil, errorf(CodeBadDisclosure, "disclosure %q is not UTF-8", trunc(s))
	}
	if err := strictjson.Check(b, MaxDepth); err != nil {
		if errors.Is(err, strictjson.ErrTooDeep) {
			return nil, &Error{Code: CodeTooDeep, Err: errorJoin("disclosure", err)}
		}
		return nil, &Error{Code: CodeBadDisclosure, Err: errorJoin("disclosure", err)}
	}
	var elems []json.RawMessage
	if err := json.Unmarshal(b, &elems); err != nil {
		return nil, errorf(CodeBadDisclosure, "disclosure %q is not a JSON array", trunc(s))
	}
	d := &Disclosure{Raw: s}
	var value json.RawMessage
	switch len(elems) {
	case 2:
		d.IsArrayElement = true
		value = elems[1]
	case 3:
		if err := unmarshalString(elems[1], &d.Name); err != nil {
			return nil, errorf(CodeBadDisclosure, "disclosure %q: claim name is not a string", trunc(s))
		}
		if d.Name == "_sd" || d.Name == "..." {
			return nil, errorf(CodeBadDisclosure, "disclosure discloses the reserved name %q", d.Name)
		}
		value = elems[2]
	default:
		return nil, errorf(CodeBadDisclosure, "disclosure %q has %d elements, want 2 or 3", trunc(s), len(elems))
	}
	if err := unmarshalString(elems[0], &d.Salt); err != nil {
		return nil, errorf(CodeBadDisclosure, "disclosure %q: salt is not a string", trunc(s))
	}
	if err := json.Unmarshal(value, &d.Value); err != nil {
		return nil, errorf(CodeBadDisclosure, "disclosure %q: value: %w", trunc(s), err)
	}
	return d, nil
}

func unmarshalString(raw json.RawMessage, dst *string) error {
	if len(raw) == 0 || raw[0] != '"' {
		return errors.New("not a string")
	}
	return json.Unmarshal(raw, dst)
}

// jsonSerialization is RFC 9901 §8.1: a flattened JWS JSON serialization
// with the Disclosures and KB-JWT in the unprotected header, or the general
// one with them in the first signature's unprotected header.
type jsonSignature struct {
	Protected string           `json:"protected"`
	Header    *jsonUnprotected `json:"header,omitempty"`
	Signature string           `json:"signature"`
}

type jsonUnprotected struct {
	Disclosures *[]string `json:"disclosures,omitempty"`
	KBJWT       *string   `json:"kb_jwt,omitempty"`
	Other       map[string]json.RawMessage
}

func (u *jsonUnprotected) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if v, ok := m["disclosures"]; ok {
		var ds []string
		if err := json.Unmarshal(v, &ds); err != nil {
			return errors.New("disclosures is not an array of strings")
		}
		u.Disclosures = &ds
		delete(m, "disclosures")
	}
	if v, ok := m["kb_jwt"]; ok {
		var k string
		if err := unmarshalString(v, &k); err != nil {
			return errors.New("kb_jwt is not a string")
		}
		u.KBJWT = &k
		delete(m, "kb_jwt")
	}
	u.Other = m
	return nil
}

func parseJSON(s string) (*SDJWT, error) {
	if err := strictjson.Check([]byte(s), 8); err != nil {
		return nil, strictErr("json serialization", err)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &top); err != nil {
		return nil, errorf(CodeMalformed, "json serialization: %w", err)
	}
	var payload string
	if err := unmarshalString(top["payload"], &payload); err != nil {
		return nil, errorf(CodeMalformed, "json serialization: payload is not a string")
	}
	var sigs []jsonSignature
	if raw, ok := top["signatures"]; ok {
		if _, flat := top["signature"]; flat {
			return nil, errorf(CodeMalformed, "json serialization is both general and flattened")
		}
		if err := json.Unmarshal(raw, &sigs); err != nil {
			return nil, errorf(CodeMalformed, "json serialization: signatures: %w", err)
		}
		if len(sigs) == 0 || len(sigs) > MaxSignatures {
			return nil, errorf(CodeMalformed, "json serialization has %d signatures, want 1 to %d", len(sigs), MaxSignatures)
		}
		for i, sg := range sigs[1:] {
			if sg.Header != nil && (sg.Header.Disclosures != nil || sg.Header.KBJWT != nil) {
				return nil, errorf(CodeMalformed, "signature %d carries disclosures or kb_jwt; only the first may (RFC 9901 §8.1)", i+1)
			}
		}
	} else {
		var sg jsonSignature
		if err := json.Unmarshal([]byte(s), &sg); err != nil {
			return nil, errorf(CodeMalformed, "json serialization: %w", err)
		}
		sigs = []jsonSignature{sg}
	}
	first := sigs[0]
	if first.Header == nil || first.Header.Disclosures == nil {
		return nil, errorf(CodeMalformed, "json serialization has no disclosures header (RFC 9901 §8.1)")
	}
	ds := *first.Header.Disclosures
	kb := ""
	if first.Header.KBJWT != nil {
		if kb = *first.Header.KBJWT; kb == "" {
			return nil, errorf(CodeMalformed, "json serialization: empty kb_jwt")
		}
	}
	jwts := make([]string, len(sigs))
	for i, sg := range sigs {
		if sg.Protected == "" || sg.Signature == "" {
			return nil, errorf(CodeMalformed, "signature %d lacks protected or signature", i)
		}
		jwts[i] = sg.Protected + "." + payload + "." + sg.Signature
	}
	// sd_hash is computed over the compact form of the first signature
	// (RFC 9901 §8.1).
	var b strings.Builder
	b.WriteString(jwts[0])
	b.WriteByte('~')
	for _, d := range ds {
		b.WriteString(d)
		b.WriteByte('~')
	}
	out, err := assemble(jwts[0], ds, kb, b.String())
	if err != nil {
		return nil, err
	}
	for i, j := range jwts[1:] {
		c, err := jose.ParseCompact(j)
		if err != nil {
			return nil, fromJose("signature "+strconv.Itoa(i+1), err)
		}
		out.altJWTs = append(out.altJWTs, c)
	}
	return out, nil
}

// String returns the compact serialization as received, or rebuilt from a
// JSON serialization's first signature.
func (s *SDJWT) String() string {
	if s.KB != nil {
		return s.presented + s.KB.Token
	}
	return s.presented
}
