package gaiax

import (
	"strings"
)

// Party is what a Party Credential's subject says about its holder and its
// delegation (Gaia-X TF §4.8.5.1).
type Party struct {
	// Holder is gx:holder: the DID URL of the one verification method
	// (key pair) of the holder. For did:key and did:jwk the DID itself
	// names its one key.
	Holder string
	// Parent is gx:parentPartyCredential: where the parent Party
	// Credential can be fetched; "" when not delegated.
	Parent string
	// IdentityAttributes and IdentityRoles are the ABAC attributes and
	// RBAC roles.
	IdentityAttributes []string
	IdentityRoles      []string
	// Policies holds odrl:hasPolicy, undecoded.
	Policies any
}

// ParseParty reads the Party Credential terms of a credential subject. ok
// is false when the subject has no gx:holder (it is not a Party
// Credential). It checks that gx:holder and gx:parentPartyCredential are
// URIs and that gx:holder belongs to the DID that credentialSubject.id
// names (§4.8.5.1: "the credentialSubject.id must identify the DID
// Document that contains the verificationMethod referenced by
// gx:holder"). It does not resolve anything.
func ParseParty(subject map[string]any, bare bool) (p *Party, ok bool, err error) {
	hv, present := term(subject, "holder", bare)
	if !present {
		return nil, false, nil
	}
	p = &Party{}
	if p.Holder, ok = stringOrID(hv); !ok || !strings.HasPrefix(p.Holder, "did:") {
		return nil, true, errorf(CodeBadParty, "gx:holder must be a DID URL")
	}
	if pv, present := term(subject, "parentPartyCredential", bare); present {
		if p.Parent, ok = stringOrID(pv); !ok || !strings.Contains(p.Parent, ":") {
			return nil, true, errorf(CodeBadParty, "gx:parentPartyCredential must be a URI")
		}
	}
	for name, dst := range map[string]*[]string{"identityAttributes": &p.IdentityAttributes, "identityRoles": &p.IdentityRoles} {
		v, _ := term(subject, name, bare)
		if *dst, ok = stringList(v); !ok {
			return nil, true, errorf(CodeBadParty, "gx:%s must be strings", name)
		}
	}
	p.Policies = subject["odrl:hasPolicy"]
	id, _ := stringOrID(subject)
	if id == "" {
		return nil, true, errorf(CodeBadParty, "a Party Credential's subject needs an id: the holder's DID")
	}
	if holderDID(p.Holder) != id {
		return nil, true, errorf(CodeBadParty, "gx:holder %q is not a key of the subject %q", trunc(p.Holder), trunc(id))
	}
	return p, true, nil
}

// holderDID is the DID part of a DID URL.
func holderDID(u string) string {
	if i := strings.IndexAny(u, "#?/"); i >= 0 && strings.HasPrefix(u, "did:") {
		// A path can only follow the method-specific id.
		return u[:i]
	}
	return u
}

// SameKey reports whether gx:holder names the verification method method:
// they are equal, or holder is a did:key or did:jwk DID (which has exactly
// one key) and method is a method of that DID.
func SameKey(holder, method string) bool {
	if holder == method {
		return true
	}
	if strings.ContainsAny(holder, "#?/") {
		return false
	}
	if !strings.HasPrefix(holder, "did:key:") && !strings.HasPrefix(holder, "did:jwk:") {
		return false
	}
	return holderDID(method) == holder
}

func trunc(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
