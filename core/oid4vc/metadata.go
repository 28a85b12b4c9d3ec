package oid4vc

import (
	"net/url"
	"strings"
)

// Credential format identifiers (OpenID4VCI Appendix A, OpenID4VP Appendix
// B). FormatVCSDJWT is the media type of a W3C VC Data Model 2.0 credential
// secured with SD-JWT (VC-JOSE-COSE §3.2); the OpenID specifications do not
// register it, so a configuration and a DCQL query of this format are read
// like the W3C formats of Appendix A.1 (credential_definition.type,
// meta.type_values).
const (
	FormatDCSDJWT = "dc+sd-jwt"
	FormatVCSDJWT = "vc+sd-jwt"
)

// IssuerMetadata is the Credential Issuer Metadata (OpenID4VCI §12.2.4),
// served at the issuer's /.well-known/openid-credential-issuer.
type IssuerMetadata struct {
	CredentialIssuer     string   `json:"credential_issuer"`
	AuthorizationServers []string `json:"authorization_servers,omitempty"`
	CredentialEndpoint   string   `json:"credential_endpoint"`
	NonceEndpoint        string   `json:"nonce_endpoint,omitempty"`
	// Display describes the issuer for the wallet's screens.
	Display []Display `json:"display,omitempty"`
	// CredentialConfigurationsSupported maps a configuration id (the
	// value in offers and credential requests) to what it issues.
	CredentialConfigurationsSupported map[string]CredentialConfiguration `json:"credential_configurations_supported"`
}

// CredentialConfiguration is one entry of credential_configurations_supported
// (§12.2.4 and, per format, Appendix A).
type CredentialConfiguration struct {
	Format string `json:"format"`
	Scope  string `json:"scope,omitempty"`
	// CryptographicBindingMethodsSupported lists how the credential is
	// bound to the holder's key: "jwk", "did:jwk", …
	CryptographicBindingMethodsSupported []string `json:"cryptographic_binding_methods_supported,omitempty"`
	// CredentialSigningAlgValuesSupported are JWS alg names for the
	// formats this package knows (numbers for mso_mdoc are refused).
	CredentialSigningAlgValuesSupported []string `json:"credential_signing_alg_values_supported,omitempty"`
	// ProofTypesSupported maps a proof type ("jwt") to its algorithms;
	// absent means the credential is not bound to a key.
	ProofTypesSupported map[string]ProofTypeMetadata `json:"proof_types_supported,omitempty"`
	// Vct is the SD-JWT VC type (Appendix A.3.2), for dc+sd-jwt.
	Vct string `json:"vct,omitempty"`
	// CredentialDefinition is the W3C credential's type (Appendix
	// A.1.1.2), for vc+sd-jwt and the other W3C formats.
	CredentialDefinition *CredentialDefinition `json:"credential_definition,omitempty"`
	// CredentialMetadata holds display and claim descriptions (§12.2.4
	// "credential_metadata").
	CredentialMetadata *CredentialMetadata `json:"credential_metadata,omitempty"`
}

// CredentialDefinition is a W3C credential's @context and type
// (Appendix A.1.1.2).
type CredentialDefinition struct {
	Context []string `json:"@context,omitempty"`
	Type    []string `json:"type"`
}

// ProofTypeMetadata is one entry of proof_types_supported (§12.2.4).
type ProofTypeMetadata struct {
	ProofSigningAlgValuesSupported []string `json:"proof_signing_alg_values_supported"`
}

// CredentialMetadata is the display information of a configuration.
type CredentialMetadata struct {
	Display []Display          `json:"display,omitempty"`
	Claims  []ClaimDescription `json:"claims,omitempty"`
}

// ClaimDescription describes one claim of a configuration (Appendix B.2).
type ClaimDescription struct {
	Path      ClaimPath `json:"path"`
	Mandatory bool      `json:"mandatory,omitempty"`
	Display   []Display `json:"display,omitempty"`
}

// Display is a name in a locale (§12.2.4 "display").
type Display struct {
	Name        string `json:"name,omitempty"`
	Locale      string `json:"locale,omitempty"`
	Description string `json:"description,omitempty"`
}

// WellKnownIssuerPath and WellKnownAuthServerPath are the well-known
// suffixes of §12.2.2 and RFC 8414 §3.
const (
	WellKnownIssuerPath     = "/.well-known/openid-credential-issuer"
	WellKnownAuthServerPath = "/.well-known/oauth-authorization-server"
)

// IssuerMetadataURL returns where the metadata of issuer is served: the
// well-known suffix inserted between the host and the path (§12.2.2).
func IssuerMetadataURL(issuer string) (string, error) {
	return wellKnown(issuer, WellKnownIssuerPath)
}

// AuthServerMetadataURL returns where the OAuth 2.0 Authorization Server
// Metadata of issuer is served (RFC 8414 §3.1).
func AuthServerMetadataURL(issuer string) (string, error) {
	return wellKnown(issuer, WellKnownAuthServerPath)
}

func wellKnown(id, suffix string) (string, error) {
	if err := checkURL(id, "issuer identifier", true, CodeMalformed); err != nil {
		return "", err
	}
	u, _ := url.Parse(id)
	u.Path = suffix + strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u.String(), nil
}

// ParseIssuerMetadata reads Credential Issuer Metadata strictly and checks
// it against issuer, the Credential Issuer Identifier the wallet started
// from (an offer's credential_issuer): credential_issuer must be identical
// (§12.2.2: otherwise the metadata must not be used), the endpoints are
// https URLs, and each configuration names a format, a dc+sd-jwt one a
// vct, a vc+sd-jwt one a credential_definition whose type includes
// VerifiableCredential. It does not check signed_metadata (not supported:
// ignored) or display contents.
func ParseIssuerMetadata(b []byte, issuer string) (*IssuerMetadata, error) {
	var m IssuerMetadata
	if err := decode(b, MaxMetadataBytes, &m, "issuer metadata", CodeMalformed); err != nil {
		return nil, err
	}
	if m.CredentialIssuer != issuer {
		return nil, errorf(CodeMalformed, "issuer metadata: credential_issuer %q is not %q", trunc(m.CredentialIssuer), trunc(issuer))
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Validate checks the rules ParseIssuerMetadata lists, except the match with
// the expected issuer.
func (m *IssuerMetadata) Validate() error {
	if err := checkURL(m.CredentialIssuer, "credential_issuer", true, CodeMalformed); err != nil {
		return err
	}
	if err := checkURL(m.CredentialEndpoint, "credential_endpoint", false, CodeMalformed); err != nil {
		return err
	}
	if m.NonceEndpoint != "" {
		if err := checkURL(m.NonceEndpoint, "nonce_endpoint", false, CodeMalformed); err != nil {
			return err
		}
	}
	for _, as := range m.AuthorizationServers {
		if err := checkURL(as, "authorization_servers entry", true, CodeMalformed); err != nil {
			return err
		}
	}
	if len(m.CredentialConfigurationsSupported) == 0 {
		return errorf(CodeMalformed, "issuer metadata: credential_configurations_supported is empty")
	}
	for id, c := range m.CredentialConfigurationsSupported {
		switch {
		case c.Format == "":
			return errorf(CodeMalformed, "issuer metadata: configuration %q has no format", trunc(id))
		case c.Format == FormatDCSDJWT && c.Vct == "":
			return errorf(CodeMalformed, "issuer metadata: dc+sd-jwt configuration %q has no vct", trunc(id))
		case c.Format == FormatVCSDJWT && (c.CredentialDefinition == nil || !contains(c.CredentialDefinition.Type, "VerifiableCredential")):
			return errorf(CodeMalformed, "issuer metadata: vc+sd-jwt configuration %q has no credential_definition.type with VerifiableCredential", trunc(id))
		}
	}
	return nil
}

// Configuration returns the configuration id, or an error with
// CodeUnknownCredentialConfiguration (§8.3.1.2).
func (m *IssuerMetadata) Configuration(id string) (*CredentialConfiguration, error) {
	c, ok := m.CredentialConfigurationsSupported[id]
	if !ok {
		return nil, errorf(CodeUnknownCredentialConfiguration, "credential configuration %q is not supported", trunc(id))
	}
	return &c, nil
}

// AuthServerMetadata is the part of OAuth 2.0 Authorization Server Metadata
// (RFC 8414 §2) the Pre-Authorized Code Flow needs.
type AuthServerMetadata struct {
	Issuer        string `json:"issuer"`
	TokenEndpoint string `json:"token_endpoint"`
	// PreAuthorizedGrantAnonymousAccessSupported says the Token Endpoint
	// accepts Pre-Authorized Code requests without client authentication
	// (OpenID4VCI §12.3).
	PreAuthorizedGrantAnonymousAccessSupported bool     `json:"pre-authorized_grant_anonymous_access_supported,omitempty"`
	GrantTypesSupported                        []string `json:"grant_types_supported,omitempty"`
}

// ParseAuthServerMetadata reads Authorization Server Metadata strictly and
// checks that issuer is the expected one (RFC 8414 §3.3) and token_endpoint
// an https URL.
func ParseAuthServerMetadata(b []byte, issuer string) (*AuthServerMetadata, error) {
	var m AuthServerMetadata
	if err := decode(b, MaxMetadataBytes, &m, "authorization server metadata", CodeMalformed); err != nil {
		return nil, err
	}
	if m.Issuer != issuer {
		return nil, errorf(CodeMalformed, "authorization server metadata: issuer %q is not %q", trunc(m.Issuer), trunc(issuer))
	}
	if err := checkURL(m.TokenEndpoint, "token_endpoint", false, CodeMalformed); err != nil {
		return nil, err
	}
	return &m, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
