package gaiax

// Trusted list kinds named by §4.8.5.2 (KindOfTrustedList).
const (
	ListGenericREST = "Gaia-X Trusted List Generic REST API"
	ListIPFS        = "Gaia-X IPFS"
	ListTRAIN       = "TRAIN"
	ListEBSI        = "EBSI"
)

// TrustedScope is the subject of a Trusted Scope Credential (Gaia-X TF
// §4.8.5.2): the accreditation of Trust Service Providers for a scope.
type TrustedScope struct {
	Description string
	// TrustIssuers are the accredited issuers: each a DID URL naming one
	// key pair, or a DID.
	TrustIssuers []string
	Vocabularies []string
	// ListKind and ListEndpoint name the trusted list that says whether an
	// issuer's DID is still valid.
	ListKind     string
	ListEndpoint string
}

// ParseTrustedScope reads a Trusted Scope Credential's subject. It does
// not verify the credential; the caller must, and must check that its
// issuer is a governance authority it trusts.
func ParseTrustedScope(subject map[string]any, bare bool) (*TrustedScope, error) {
	s := &TrustedScope{}
	v, ok := term(subject, "trustIssuer", bare)
	if !ok {
		v, ok = term(subject, "trustIssuers", bare)
	}
	if !ok {
		return nil, errorf(CodeBadScope, "a Trusted Scope Credential needs gx:trustIssuer")
	}
	if s.TrustIssuers, ok = stringList(v); !ok || len(s.TrustIssuers) == 0 {
		return nil, errorf(CodeBadScope, "gx:trustIssuer must be one or more DIDs")
	}
	for _, i := range s.TrustIssuers {
		if len(i) < 5 || i[:4] != "did:" {
			return nil, errorf(CodeBadScope, "gx:trustIssuer %q is not a DID", trunc(i))
		}
	}
	if v, ok := term(subject, "scopeDescription", bare); ok {
		s.Description, _ = v.(string)
	}
	vv, _ := term(subject, "vocabularies", bare)
	if s.Vocabularies, ok = stringList(vv); !ok {
		return nil, errorf(CodeBadScope, "gx:vocabularies must be URIs")
	}
	if v, ok := term(subject, "trustedListKind", bare); ok {
		s.ListKind, _ = stringOrID(v)
	}
	if v, ok := term(subject, "trustedListEndpoint", bare); ok {
		if s.ListEndpoint, ok = stringOrID(v); !ok {
			return nil, errorf(CodeBadScope, "gx:trustedListEndpoint must be a URI")
		}
	}
	return s, nil
}

// Covers reports whether the scope accredits the issuer that signed with
// method: a gx:trustIssuer entry equal to method (one key pair, as the
// specification intends), or equal to the issuer DID (every key of it).
func (s *TrustedScope) Covers(issuer, method string) bool {
	for _, t := range s.TrustIssuers {
		if t == method || t == issuer || SameKey(t, method) {
			return true
		}
	}
	return false
}
