package did

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// Verification relationship names (DID Core §5.3,
// https://www.w3.org/TR/did-core/#verification-relationships), as passed
// to [Document.Method].
const (
	RelAuthentication       = "authentication"
	RelAssertionMethod      = "assertionMethod"
	RelKeyAgreement         = "keyAgreement"
	RelCapabilityInvocation = "capabilityInvocation"
	RelCapabilityDelegation = "capabilityDelegation"
)

// Errors that [Document.Method] wraps, so that a verifier can tell the
// two ways a proof's verificationMethod can fail to qualify.
var (
	// ErrMethodNotFound: the document has no verification method with
	// that id (or the id names another DID).
	ErrMethodNotFound = errors.New("verification method not found")
	// ErrNotInRelationship: the method exists but is not listed under the
	// requested verification relationship (for example a key listed only
	// under authentication used for an assertionMethod proof).
	ErrNotInRelationship = errors.New("verification method not listed under the relationship")
)

// Document is a DID document (DID Core §5,
// https://www.w3.org/TR/did-core/#core-properties) in the plain JSON
// representation (§6.2). Every id and reference is stored as an absolute
// DID URL: relative ones ("#key-1") are resolved against ID by
// [ParseDocument].
//
// A Document is only a data model. Holding one does not mean that it
// came from its DID: a resolver vouches for that.
type Document struct {
	// Context is the "@context" member, kept as is. It is not checked:
	// this package reads the plain JSON representation, not JSON-LD.
	Context json.RawMessage `json:"@context,omitempty"`
	// ID is the DID subject (§5.1.1).
	ID string `json:"id"`
	// Controller lists the DID controllers (§5.1.2); a single string in
	// JSON becomes a one-element list.
	Controller []string `json:"controller,omitempty"`
	// AlsoKnownAs holds other URIs for the subject (§5.1.3), unchecked.
	AlsoKnownAs []string `json:"alsoKnownAs,omitempty"`
	// VerificationMethod lists the methods (§5.2).
	VerificationMethod []VerificationMethod `json:"verificationMethod,omitempty"`
	// The verification relationships (§5.3).
	Authentication       []MethodRef `json:"authentication,omitempty"`
	AssertionMethod      []MethodRef `json:"assertionMethod,omitempty"`
	KeyAgreement         []MethodRef `json:"keyAgreement,omitempty"`
	CapabilityInvocation []MethodRef `json:"capabilityInvocation,omitempty"`
	CapabilityDelegation []MethodRef `json:"capabilityDelegation,omitempty"`
	// Service is the "service" member (§5.4), kept as is and unchecked.
	Service json.RawMessage `json:"service,omitempty"`
}

// VerificationMethod is one verification method (DID Core §5.2,
// https://www.w3.org/TR/did-core/#verification-methods). At most one of
// the key members is set.
type VerificationMethod struct {
	ID         string `json:"id"` // absolute DID URL
	Type       string `json:"type"`
	Controller string `json:"controller,omitempty"`
	// PublicKeyJwk is a public JWK (RFC 7517), e.g. for JsonWebKey2020.
	PublicKeyJwk json.RawMessage `json:"publicKeyJwk,omitempty"`
	// PublicKeyMultibase is a multibase multikey, e.g. for Multikey and
	// Ed25519VerificationKey2020.
	PublicKeyMultibase string `json:"publicKeyMultibase,omitempty"`
	// PublicKeyBase58 is the raw key in base58btc, read only for the
	// legacy Ed25519VerificationKey2018 type.
	PublicKeyBase58 string `json:"publicKeyBase58,omitempty"`
}

// MethodRef is one entry of a verification relationship: either a
// reference to a method by its id, or a method embedded in the
// relationship (DID Core §5.3). ID is the absolute id in both cases.
type MethodRef struct {
	ID       string
	Embedded *VerificationMethod // nil for a reference
}

// MarshalJSON writes a reference as its id string and an embedded method
// as an object.
func (r MethodRef) MarshalJSON() ([]byte, error) {
	if r.Embedded != nil {
		return json.Marshal(r.Embedded)
	}
	return json.Marshal(r.ID)
}

// ParseDocument decodes a DID document strictly: it refuses input over
// [MaxDocumentBytes], nesting over [MaxDocumentDepth], duplicate member
// names, trailing data, a missing or malformed "id", method ids that are
// not DID URLs, duplicate method ids, a method with more than one key
// member, and a publicKeyJwk holding private members. Errors are [*Error]
// with [CodeInvalidDIDDocument].
//
// It does not check that the key material parses (see
// [VerificationMethod.PublicKey]), that referenced methods exist (see
// [Document.Method]), or anything about "@context" or "service".
func ParseDocument(b []byte) (*Document, error) {
	d := new(Document)
	if err := d.UnmarshalJSON(b); err != nil {
		return nil, err
	}
	return d, nil
}

// rawMethod is the wire shape of a verification method before
// validation.
type rawMethod struct {
	ID, Type, Controller                string
	PublicKeyJwk                        json.RawMessage
	PublicKeyMultibase, PublicKeyBase58 string
}

// object holds the members of one JSON object by their exact names.
// encoding/json matches struct fields case-insensitively, so {"id":…,
// "ID":…} would pass the duplicate check and then silently keep one;
// reading members from a map by exact name closes that gap.
type object map[string]json.RawMessage

func decodeObject(b []byte) (object, error) {
	var o object
	if err := json.Unmarshal(b, &o); err != nil || o == nil {
		return nil, errors.New("not a JSON object")
	}
	return o, nil
}

// refuseFolded refuses a member whose name equals one of known up to
// case but not exactly ("ID" next to "id"): other JSON readers fold case,
// and must not see a different document than we do.
func (o object) refuseFolded(known []string) error {
	for k := range o {
		for _, want := range known {
			if k != want && strings.EqualFold(k, want) {
				return fmt.Errorf("member %q differs from %q only in case", truncate(k), want)
			}
		}
	}
	return nil
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// get decodes member key into v; a missing or null member leaves v as is.
func (o object) get(key string, v any) error {
	raw, ok := o[key]
	if !ok || string(raw) == "null" {
		return nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("member %q: %w", key, err)
	}
	return nil
}

var (
	documentMembers = []string{"@context", "id", "controller", "alsoKnownAs", "verificationMethod", "service",
		RelAuthentication, RelAssertionMethod, RelKeyAgreement, RelCapabilityInvocation, RelCapabilityDelegation}
	methodMembers = []string{"id", "type", "controller", "publicKeyJwk", "publicKeyMultibase", "publicKeyBase58"}
)

func decodeMethod(b []byte) (rawMethod, error) {
	o, err := decodeObject(b)
	if err != nil {
		return rawMethod{}, err
	}
	if err := o.refuseFolded(methodMembers); err != nil {
		return rawMethod{}, err
	}
	var rm rawMethod
	for _, f := range []struct {
		key string
		dst any
	}{
		{"id", &rm.ID}, {"type", &rm.Type}, {"controller", &rm.Controller},
		{"publicKeyJwk", &rm.PublicKeyJwk},
		{"publicKeyMultibase", &rm.PublicKeyMultibase}, {"publicKeyBase58", &rm.PublicKeyBase58},
	} {
		if err := o.get(f.key, f.dst); err != nil {
			return rawMethod{}, err
		}
	}
	return rm, nil
}

// UnmarshalJSON decodes a DID document with the checks of
// [ParseDocument], so a Document inside a larger structure is read just
// as strictly.
func (d *Document) UnmarshalJSON(b []byte) error {
	return d.parse(b, docParser{})
}

// ParseControllerDocument decodes a controller document whose identifier
// is an HTTPS URL rather than a DID (W3C Controlled Identifiers v1.0 §2,
// https://www.w3.org/TR/cid-1.0/, as VC-JOSE-COSE §3.3 uses for issuers
// that are URLs). It applies the checks of [ParseDocument], with URLs in
// place of DID URLs, and requires the document's id to equal id: a
// document fetched from one URL cannot speak for another.
func ParseControllerDocument(b []byte, id string) (*Document, error) {
	d := new(Document)
	if err := d.parse(b, docParser{urls: true}); err != nil {
		return nil, err
	}
	if d.ID != id {
		return nil, &Error{Code: CodeInvalidDIDDocument, Input: id, Err: fmt.Errorf("document id %s differs from %s", quote(d.ID), quote(id))}
	}
	return d, nil
}

func (d *Document) parse(b []byte, p docParser) error {
	if len(b) > MaxDocumentBytes {
		return p.errorf("document of %d bytes is over the %d-byte bound", len(b), MaxDocumentBytes)
	}
	if err := strictjson.Check(b, MaxDocumentDepth); err != nil {
		return p.wrap("malformed json", err)
	}
	o, err := decodeObject(b)
	if err != nil {
		return p.wrap("malformed document", err)
	}
	if err := o.refuseFolded(documentMembers); err != nil {
		return p.wrap("malformed document", err)
	}
	id, ok := o["id"]
	if !ok || json.Unmarshal(id, &p.id) != nil {
		return p.errorf(`no "id" string`)
	}
	if err := p.checkID(p.id); err != nil {
		return p.wrap(`"id" is not a DID`, err)
	}
	out := Document{ID: p.id}
	var rawMethods []json.RawMessage
	for _, f := range []struct {
		key string
		dst any
	}{
		{"@context", &out.Context}, {"alsoKnownAs", &out.AlsoKnownAs}, {"service", &out.Service},
		{"verificationMethod", &rawMethods},
	} {
		if err := o.get(f.key, f.dst); err != nil {
			return p.wrap("malformed document", err)
		}
	}
	if out.Controller, err = p.controllers(o["controller"]); err != nil {
		return err
	}
	if len(rawMethods) > MaxVerificationMethods {
		return p.errorf("%d verification methods is over the %d bound", len(rawMethods), MaxVerificationMethods)
	}
	for i, entry := range rawMethods {
		where := fmt.Sprintf("verificationMethod[%d]", i)
		rm, err := decodeMethod(entry)
		if err != nil {
			return p.wrap(where, err)
		}
		vm, err := p.method(rm, where)
		if err != nil {
			return err
		}
		out.VerificationMethod = append(out.VerificationMethod, vm)
	}
	for _, rel := range []struct {
		name string
		dst  *[]MethodRef
	}{
		{RelAuthentication, &out.Authentication},
		{RelAssertionMethod, &out.AssertionMethod},
		{RelKeyAgreement, &out.KeyAgreement},
		{RelCapabilityInvocation, &out.CapabilityInvocation},
		{RelCapabilityDelegation, &out.CapabilityDelegation},
	} {
		var entries []json.RawMessage
		if err := o.get(rel.name, &entries); err != nil {
			return p.wrap("malformed document", err)
		}
		if *rel.dst, err = p.relationship(rel.name, entries); err != nil {
			return err
		}
	}
	*d = out
	return nil
}

// docParser carries the document id (for error messages and resolving
// relative ids) and the method ids seen so far.
type docParser struct {
	id   string
	seen map[string]bool
	// urls: the document is a controller document identified by an
	// HTTPS URL; its ids are URLs, and controllers URLs or DIDs.
	urls bool
}

// checkID checks a document id: a DID, or an HTTPS URL with no fragment
// for a controller document.
func (p *docParser) checkID(id string) error {
	if !p.urls {
		_, err := Parse(id)
		return err
	}
	return checkHTTPSURL(id, false)
}

// checkRef checks an absolute method id or reference.
func (p *docParser) checkRef(abs string) error {
	if !p.urls {
		_, err := ParseURL(abs)
		return err
	}
	return checkHTTPSURL(abs, true)
}

// checkController checks a controller: a DID, or (in a controller
// document) an HTTPS URL.
func (p *docParser) checkController(c string) error {
	_, err := Parse(c)
	if err != nil && p.urls && checkHTTPSURL(c, false) == nil {
		return nil
	}
	return err
}

// checkHTTPSURL accepts an absolute https URL with a host, no user info,
// and a fragment only when fragment is true.
func checkHTTPSURL(s string, fragment bool) error {
	bad := func(why string) error { return &Error{Code: CodeInvalidDID, Input: s, Err: errors.New(why)} }
	if len(s) > MaxDIDLength {
		return bad("too long")
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return bad("not a URL")
	case u.Scheme != "https" || u.Host == "" || u.User != nil || u.Opaque != "":
		return bad("not an https URL with a host")
	case !fragment && u.Fragment != "":
		return bad("has a fragment")
	}
	return nil
}

func (p *docParser) errorf(format string, args ...any) error {
	return &Error{Code: CodeInvalidDIDDocument, Input: p.id, Err: fmt.Errorf(format, args...)}
}

func (p *docParser) wrap(what string, err error) error {
	return &Error{Code: CodeInvalidDIDDocument, Input: p.id, Err: fmt.Errorf("%s: %w", what, err)}
}

func (p *docParser) controllers(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []string
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		list = []string{one}
	} else if err := json.Unmarshal(raw, &list); err != nil {
		return nil, p.errorf(`"controller" is neither a string nor an array of strings`)
	}
	for _, c := range list {
		if err := p.checkController(c); err != nil {
			return nil, p.wrap(`"controller" is not a DID`, err)
		}
	}
	return list, nil
}

// resolve turns a method id or reference into an absolute DID URL: "#frag"
// is taken relative to the document id; anything else must be a DID URL.
func (p *docParser) resolve(ref string) (string, error) {
	abs := ref
	if strings.HasPrefix(ref, "#") {
		abs = p.id + ref
	}
	if err := p.checkRef(abs); err != nil {
		return "", err
	}
	return abs, nil
}

func (p *docParser) method(rm rawMethod, where string) (VerificationMethod, error) {
	id, err := p.resolve(rm.ID)
	if err != nil {
		return VerificationMethod{}, p.wrap(where+": id "+quote(rm.ID)+" is not a DID URL", err)
	}
	if p.seen == nil {
		p.seen = make(map[string]bool)
	}
	if p.seen[id] {
		return VerificationMethod{}, p.errorf("%s: duplicate method id %s", where, quote(id))
	}
	if len(p.seen) >= MaxVerificationMethods {
		return VerificationMethod{}, p.errorf("more than %d verification methods", MaxVerificationMethods)
	}
	p.seen[id] = true
	if rm.Type == "" {
		return VerificationMethod{}, p.errorf("%s: no type", where)
	}
	if rm.Controller != "" {
		if err := p.checkController(rm.Controller); err != nil {
			return VerificationMethod{}, p.wrap(where+": controller is not a DID", err)
		}
	}
	n := 0
	for _, set := range []bool{len(rm.PublicKeyJwk) > 0 && string(rm.PublicKeyJwk) != "null", rm.PublicKeyMultibase != "", rm.PublicKeyBase58 != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		return VerificationMethod{}, p.errorf("%s: more than one key member", where)
	}
	vm := VerificationMethod{
		ID:                 id,
		Type:               rm.Type,
		Controller:         rm.Controller,
		PublicKeyMultibase: rm.PublicKeyMultibase,
		PublicKeyBase58:    rm.PublicKeyBase58,
	}
	if len(rm.PublicKeyJwk) > 0 && string(rm.PublicKeyJwk) != "null" {
		var members map[string]json.RawMessage
		if err := json.Unmarshal(rm.PublicKeyJwk, &members); err != nil {
			return VerificationMethod{}, p.errorf("%s: publicKeyJwk is not an object", where)
		}
		for _, priv := range privateJWKMembers {
			if _, ok := members[priv]; ok {
				return VerificationMethod{}, p.errorf("%s: publicKeyJwk holds private or symmetric key material (%q)", where, priv)
			}
		}
		vm.PublicKeyJwk = append(json.RawMessage(nil), rm.PublicKeyJwk...)
	}
	return vm, nil
}

// privateJWKMembers are the JWK members that carry private or symmetric
// key material (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2).
var privateJWKMembers = []string{"d", "p", "q", "dp", "dq", "qi", "oth", "k"}

func (p *docParser) relationship(name string, raw []json.RawMessage) ([]MethodRef, error) {
	if len(raw) > MaxVerificationMethods {
		return nil, p.errorf("%s: %d entries is over the %d bound", name, len(raw), MaxVerificationMethods)
	}
	var out []MethodRef
	for i, entry := range raw {
		where := fmt.Sprintf("%s[%d]", name, i)
		var ref string
		if err := json.Unmarshal(entry, &ref); err == nil {
			abs, err := p.resolve(ref)
			if err != nil {
				return nil, p.wrap(where+": "+quote(ref)+" is not a DID URL", err)
			}
			out = append(out, MethodRef{ID: abs})
			continue
		}
		rm, err := decodeMethod(entry)
		if err != nil {
			return nil, p.wrap(where+": neither a reference nor a verification method", err)
		}
		vm, err := p.method(rm, where)
		if err != nil {
			return nil, err
		}
		out = append(out, MethodRef{ID: vm.ID, Embedded: &vm})
	}
	return out, nil
}

// Relationship returns the entries of the named verification relationship
// and whether the name is one of the five of DID Core §5.3.
func (d *Document) Relationship(name string) ([]MethodRef, bool) {
	switch name {
	case RelAuthentication:
		return d.Authentication, true
	case RelAssertionMethod:
		return d.AssertionMethod, true
	case RelKeyAgreement:
		return d.KeyAgreement, true
	case RelCapabilityInvocation:
		return d.CapabilityInvocation, true
	case RelCapabilityDelegation:
		return d.CapabilityDelegation, true
	}
	return nil, false
}

// Method returns the verification method whose id is ref, provided the
// document lists it under relationship (one of the Rel constants; a proof's
// "proofPurpose" is passed as is). ref is an absolute DID URL or a
// fragment ("#key-1") relative to the document id.
//
// The error is an [*Error] that wraps:
//   - [ErrMethodNotFound] (code [CodeNotFound]) when the document holds no
//     method with that id, or ref names a DID other than the document's;
//   - [ErrNotInRelationship] (code [CodeNotFound]) when the method exists
//     but is not listed, by reference or embedded, under relationship, or
//     relationship is not a DID Core relationship name.
//
// A malformed ref fails with [CodeInvalidDID] and wraps neither.
//
// Method does not parse the key (see [VerificationMethod.PublicKey]),
// does not check the method's controller, and does not follow references
// to methods in other DID documents.
func (d *Document) Method(ref, relationship string) (VerificationMethod, error) {
	abs := ref
	if strings.HasPrefix(ref, "#") {
		abs = d.ID + ref
	}
	base, _, _ := strings.Cut(abs, "#")
	if strings.HasPrefix(d.ID, "did:") {
		u, err := ParseURL(abs)
		if err != nil {
			return VerificationMethod{}, err
		}
		base = u.DID.String()
	}
	if base != d.ID {
		return VerificationMethod{}, &Error{Code: CodeNotFound, Input: ref,
			Err: fmt.Errorf("%w: it belongs to another DID than %s", ErrMethodNotFound, quote(d.ID))}
	}
	vm, found := d.lookup(abs)
	if !found {
		return VerificationMethod{}, &Error{Code: CodeNotFound, Input: ref, Err: ErrMethodNotFound}
	}
	refs, ok := d.Relationship(relationship)
	if !ok {
		return VerificationMethod{}, &Error{Code: CodeNotFound, Input: ref,
			Err: fmt.Errorf("%w: unknown verification relationship %s", ErrNotInRelationship, quote(relationship))}
	}
	for _, r := range refs {
		if r.ID != abs {
			continue
		}
		if r.Embedded != nil {
			return *r.Embedded, nil
		}
		return vm, nil
	}
	return VerificationMethod{}, &Error{Code: CodeNotFound, Input: ref,
		Err: fmt.Errorf("%w %s", ErrNotInRelationship, quote(relationship))}
}

// lookup finds a method by absolute id among verificationMethod and the
// methods embedded in relationships.
func (d *Document) lookup(id string) (VerificationMethod, bool) {
	for _, vm := range d.VerificationMethod {
		if vm.ID == id {
			return vm, true
		}
	}
	for _, rel := range [][]MethodRef{d.Authentication, d.AssertionMethod, d.KeyAgreement, d.CapabilityInvocation, d.CapabilityDelegation} {
		for _, r := range rel {
			if r.Embedded != nil && r.ID == id {
				return *r.Embedded, true
			}
		}
	}
	return VerificationMethod{}, false
}
