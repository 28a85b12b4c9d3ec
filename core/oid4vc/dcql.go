package oid4vc

import "math"

// DCQLQuery is a Digital Credentials Query Language query (OpenID4VP §6).
type DCQLQuery struct {
	Credentials    []CredentialQuery    `json:"credentials"`
	CredentialSets []CredentialSetQuery `json:"credential_sets,omitempty"`
}

// CredentialQuery asks for one credential (§6.1).
type CredentialQuery struct {
	// ID names the query; the vp_token is keyed by it.
	ID     string `json:"id"`
	Format string `json:"format"`
	// Multiple allows more than one presentation for this query.
	Multiple bool `json:"multiple,omitempty"`
	// Meta constrains the credential's type; required (§6.1), its members
	// depend on the format (Appendix B).
	Meta *Meta `json:"meta"`
	// TrustedAuthorities is not supported: a query with it is refused.
	TrustedAuthorities []any `json:"trusted_authorities,omitempty"`
	// RequireCryptographicHolderBinding defaults to true (§6.1).
	RequireCryptographicHolderBinding *bool `json:"require_cryptographic_holder_binding,omitempty"`
	// Claims lists the claims asked for; absent means every claim.
	Claims []ClaimsQuery `json:"claims,omitempty"`
	// ClaimSets lists acceptable combinations of claim ids, most
	// preferred first (§6.4.1); absent means all of Claims.
	ClaimSets [][]string `json:"claim_sets,omitempty"`
}

// Meta holds the type constraints of a credential query (Appendix B):
// vct_values for dc+sd-jwt (B.3.5), type_values for the W3C formats,
// vc+sd-jwt included (B.1.1): a credential matches when its types include
// every type of one inner list.
type Meta struct {
	VctValues  []string   `json:"vct_values,omitempty"`
	TypeValues [][]string `json:"type_values,omitempty"`
}

// ClaimsQuery asks for one claim (§6.3).
type ClaimsQuery struct {
	// ID is required when ClaimSets is used.
	ID   string    `json:"id,omitempty"`
	Path ClaimPath `json:"path"`
	// Values, when present, lists the acceptable values: strings,
	// integers or booleans.
	Values []any `json:"values,omitempty"`
}

// CredentialSetQuery lists alternative sets of credential queries (§6.2).
type CredentialSetQuery struct {
	Options [][]string `json:"options"`
	// Required defaults to true.
	Required *bool `json:"required,omitempty"`
}

// required reports the effective value of Required.
func (s CredentialSetQuery) required() bool { return s.Required == nil || *s.Required }

// holderBinding reports the effective value of
// RequireCryptographicHolderBinding.
func (q CredentialQuery) holderBinding() bool {
	return q.RequireCryptographicHolderBinding == nil || *q.RequireCryptographicHolderBinding
}

// Validate checks the rules of §6: credentials is non-empty and bounded;
// ids are non-empty, made of alphanumerics, "_" and "-", and unique (among
// credential queries, and among the claims of one query); format and meta
// are present; claims, when present, is non-empty with valid paths and
// values of string, integer or boolean; claim_sets requires claim ids and
// references only them; credential_sets options are non-empty and reference
// existing credential queries. trusted_authorities is refused as
// unsupported. Failures are invalid_request.
func (d *DCQLQuery) Validate() error {
	if len(d.Credentials) == 0 {
		return errorf(CodeInvalidRequest, "dcql_query: credentials is empty")
	}
	if len(d.Credentials) > MaxDCQLCredentials {
		return errorf(CodeInvalidRequest, "dcql_query: more than %d credential queries", MaxDCQLCredentials)
	}
	ids := map[string]bool{}
	for _, q := range d.Credentials {
		if !validID(q.ID) {
			return errorf(CodeInvalidRequest, "dcql_query: credential query id %q is not [A-Za-z0-9_-]+", trunc(q.ID))
		}
		if ids[q.ID] {
			return errorf(CodeInvalidRequest, "dcql_query: credential query id %q is repeated", trunc(q.ID))
		}
		ids[q.ID] = true
		if err := q.validate(); err != nil {
			return err
		}
	}
	if d.CredentialSets != nil && len(d.CredentialSets) == 0 {
		return errorf(CodeInvalidRequest, "dcql_query: credential_sets is empty")
	}
	for _, s := range d.CredentialSets {
		if len(s.Options) == 0 {
			return errorf(CodeInvalidRequest, "dcql_query: a credential set has no options")
		}
		for _, opt := range s.Options {
			if len(opt) == 0 {
				return errorf(CodeInvalidRequest, "dcql_query: a credential set option is empty")
			}
			for _, id := range opt {
				if !ids[id] {
					return errorf(CodeInvalidRequest, "dcql_query: credential set names unknown query %q", trunc(id))
				}
			}
		}
	}
	return nil
}

func (q *CredentialQuery) validate() error {
	if q.Format == "" {
		return errorf(CodeInvalidRequest, "dcql_query: credential query %q has no format", q.ID)
	}
	if q.Meta == nil {
		return errorf(CodeInvalidRequest, "dcql_query: credential query %q has no meta", q.ID)
	}
	if len(q.TrustedAuthorities) > 0 {
		return errorf(CodeUnsupported, "dcql_query: trusted_authorities is not supported")
	}
	for _, tv := range q.Meta.TypeValues {
		if len(tv) == 0 {
			return errorf(CodeInvalidRequest, "dcql_query: credential query %q has an empty type_values entry", q.ID)
		}
	}
	if q.Claims != nil && len(q.Claims) == 0 {
		return errorf(CodeInvalidRequest, "dcql_query: credential query %q has an empty claims array", q.ID)
	}
	if len(q.Claims) > MaxDCQLClaims {
		return errorf(CodeInvalidRequest, "dcql_query: credential query %q has more than %d claims", q.ID, MaxDCQLClaims)
	}
	claimIDs := map[string]bool{}
	for _, c := range q.Claims {
		if err := c.Path.validate(); err != nil {
			return err
		}
		if c.ID != "" {
			if !validID(c.ID) || claimIDs[c.ID] {
				return errorf(CodeInvalidRequest, "dcql_query: claim id %q is invalid or repeated", trunc(c.ID))
			}
			claimIDs[c.ID] = true
		} else if q.ClaimSets != nil {
			return errorf(CodeInvalidRequest, "dcql_query: credential query %q uses claim_sets, so every claim needs an id", q.ID)
		}
		if c.Values != nil && len(c.Values) == 0 {
			return errorf(CodeInvalidRequest, "dcql_query: claim %s has an empty values array", c.Path)
		}
		for _, v := range c.Values {
			switch v := v.(type) {
			case string, bool:
			case float64:
				if v != math.Trunc(v) {
					return errorf(CodeInvalidRequest, "dcql_query: claim %s has a non-integer value", c.Path)
				}
			default:
				return errorf(CodeInvalidRequest, "dcql_query: claim %s has a value that is not a string, integer or boolean", c.Path)
			}
		}
	}
	if q.ClaimSets != nil {
		if len(q.Claims) == 0 || len(q.ClaimSets) == 0 {
			return errorf(CodeInvalidRequest, "dcql_query: credential query %q has claim_sets without claims", q.ID)
		}
		for _, set := range q.ClaimSets {
			if len(set) == 0 {
				return errorf(CodeInvalidRequest, "dcql_query: credential query %q has an empty claim set", q.ID)
			}
			for _, id := range set {
				if !claimIDs[id] {
					return errorf(CodeInvalidRequest, "dcql_query: claim set names unknown claim %q", trunc(id))
				}
			}
		}
	}
	return nil
}

// validID reports whether s is a non-empty string of alphanumerics, "_"
// and "-" (§6.1 "id"), of bounded length.
func validID(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
