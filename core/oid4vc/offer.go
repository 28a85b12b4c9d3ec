package oid4vc

import (
	"encoding/json"
	"net/url"
	"strings"
)

// GrantTypePreAuthorizedCode is the grant type of the Pre-Authorized Code
// Flow (OpenID4VCI §4.1.1, §6.1).
const GrantTypePreAuthorizedCode = "urn:ietf:params:oauth:grant-type:pre-authorized_code"

// OfferScheme is the custom URI scheme of a Credential Offer to a wallet
// (OpenID4VCI §4.1.3 example, §12.1 "openid-credential-offer://").
const OfferScheme = "openid-credential-offer"

// CredentialOffer is a Credential Offer (OpenID4VCI §4.1.1).
type CredentialOffer struct {
	// CredentialIssuer is the Credential Issuer Identifier: an https URL
	// whose metadata the wallet reads (§12.2.2).
	CredentialIssuer string `json:"credential_issuer"`
	// CredentialConfigurationIDs name entries of the issuer's
	// credential_configurations_supported (§12.2.4).
	CredentialConfigurationIDs []string `json:"credential_configuration_ids"`
	Grants                     *Grants  `json:"grants,omitempty"`
}

// Grants are the grant types an offer allows (§4.1.1 "grants").
type Grants struct {
	AuthorizationCode *AuthorizationCodeGrant `json:"authorization_code,omitempty"`
	PreAuthorizedCode *PreAuthorizedCodeGrant `json:"urn:ietf:params:oauth:grant-type:pre-authorized_code,omitempty"`
}

// AuthorizationCodeGrant is the authorization_code grant of an offer. This
// package parses it but implements only the Pre-Authorized Code Flow.
type AuthorizationCodeGrant struct {
	IssuerState         string `json:"issuer_state,omitempty"`
	AuthorizationServer string `json:"authorization_server,omitempty"`
}

// PreAuthorizedCodeGrant is the Pre-Authorized Code grant of an offer.
type PreAuthorizedCodeGrant struct {
	PreAuthorizedCode string `json:"pre-authorized_code"`
	// TxCode, when present, says the Token Request needs a Transaction
	// Code the user received through another channel.
	TxCode              *TxCode `json:"tx_code,omitempty"`
	AuthorizationServer string  `json:"authorization_server,omitempty"`
}

// TxCode describes the Transaction Code the user must enter (§4.1.1
// "tx_code").
type TxCode struct {
	// InputMode is "numeric" (the default when "") or "text".
	InputMode string `json:"input_mode,omitempty"`
	// Length is the number of characters, when the issuer says.
	Length int `json:"length,omitempty"`
	// Description guides the user; at most 300 characters.
	Description string `json:"description,omitempty"`
}

// OfferRef is what an offer URI carries: an offer by value, or the URL of
// one by reference (§4.1.3) that the wallet fetches with GET and passes to
// ParseOffer.
type OfferRef struct {
	Offer *CredentialOffer
	URI   string
}

// ParseOfferURI reads a Credential Offer URI (§4.1): any scheme (usually
// openid-credential-offer:// or an https link of the wallet) whose query has
// exactly one of credential_offer (the offer's JSON, §4.1.1) and
// credential_offer_uri (an https URL, §4.1.3). An offer by value is parsed
// and checked as by ParseOffer. It does not fetch anything.
func ParseOfferURI(s string) (*OfferRef, error) {
	if len(s) > MaxOfferBytes {
		return nil, errorf(CodeTooLarge, "credential offer URI: %d bytes, more than %d", len(s), MaxOfferBytes)
	}
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return nil, errorf(CodeMalformed, "credential offer URI: not a URI")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, errorf(CodeMalformed, "credential offer URI: bad query: %v", err)
	}
	byValue, err := single(q, "credential_offer", CodeMalformed)
	if err != nil {
		return nil, err
	}
	byRef, err := single(q, "credential_offer_uri", CodeMalformed)
	if err != nil {
		return nil, err
	}
	switch {
	case byValue != "" && byRef != "":
		return nil, errorf(CodeMalformed, "credential offer URI: both credential_offer and credential_offer_uri")
	case byValue != "":
		o, err := ParseOffer([]byte(byValue))
		if err != nil {
			return nil, err
		}
		return &OfferRef{Offer: o}, nil
	case byRef != "":
		if err := checkURL(byRef, "credential_offer_uri", false, CodeMalformed); err != nil {
			return nil, err
		}
		return &OfferRef{URI: byRef}, nil
	}
	return nil, errorf(CodeMalformed, "credential offer URI: neither credential_offer nor credential_offer_uri")
}

// ParseOffer reads a Credential Offer's JSON (§4.1.1) strictly and checks
// it (see CredentialOffer.Validate).
func ParseOffer(b []byte) (*CredentialOffer, error) {
	var o CredentialOffer
	if err := decode(b, MaxOfferBytes, &o, "credential offer", CodeMalformed); err != nil {
		return nil, err
	}
	if err := o.Validate(); err != nil {
		return nil, err
	}
	return &o, nil
}

// Validate checks the rules of §4.1.1: credential_issuer is an https URL
// without query or fragment; credential_configuration_ids is a non-empty
// array of distinct non-empty strings; a pre-authorized_code is present in
// its grant, and a tx_code's input_mode is numeric or text with a
// description of at most 300 characters. It does not check that the issuer
// supports the configurations (the wallet compares with the metadata).
func (o *CredentialOffer) Validate() error {
	if err := checkURL(o.CredentialIssuer, "credential_issuer", true, CodeMalformed); err != nil {
		return err
	}
	if len(o.CredentialConfigurationIDs) == 0 {
		return errorf(CodeMalformed, "credential offer: credential_configuration_ids is empty")
	}
	if len(o.CredentialConfigurationIDs) > MaxConfigurationIDs {
		return errorf(CodeTooLarge, "credential offer: more than %d credential_configuration_ids", MaxConfigurationIDs)
	}
	seen := map[string]bool{}
	for _, id := range o.CredentialConfigurationIDs {
		if id == "" || len(id) > MaxValueLength || seen[id] {
			return errorf(CodeMalformed, "credential offer: credential_configuration_ids has an empty, overlong or repeated entry")
		}
		seen[id] = true
	}
	if o.Grants == nil {
		return nil
	}
	if g := o.Grants.PreAuthorizedCode; g != nil {
		if err := checkToken(g.PreAuthorizedCode, "pre-authorized_code", CodeMalformed); err != nil {
			return err
		}
		if g.AuthorizationServer != "" {
			if err := checkURL(g.AuthorizationServer, "authorization_server", true, CodeMalformed); err != nil {
				return err
			}
		}
		if tc := g.TxCode; tc != nil {
			if tc.InputMode != "" && tc.InputMode != "numeric" && tc.InputMode != "text" {
				return errorf(CodeMalformed, "credential offer: tx_code input_mode %q is neither numeric nor text", trunc(tc.InputMode))
			}
			if tc.Length < 0 || tc.Length > 64 {
				return errorf(CodeMalformed, "credential offer: tx_code length %d out of range", tc.Length)
			}
			if len([]rune(tc.Description)) > 300 {
				return errorf(CodeMalformed, "credential offer: tx_code description longer than 300 characters")
			}
		}
	}
	return nil
}

// PreAuthorized returns the offer's Pre-Authorized Code grant, or an error
// with CodeUnsupported when the offer has none (this package implements no
// other flow).
func (o *CredentialOffer) PreAuthorized() (*PreAuthorizedCodeGrant, error) {
	if o.Grants == nil || o.Grants.PreAuthorizedCode == nil {
		return nil, errorf(CodeUnsupported, "credential offer: no pre-authorized_code grant (only the Pre-Authorized Code Flow is supported)")
	}
	return o.Grants.PreAuthorizedCode, nil
}

// URI returns the offer by value as scheme://?credential_offer=… (§4.1.2);
// scheme "" means OfferScheme.
func (o *CredentialOffer) URI(scheme string) (string, error) {
	b, err := json.Marshal(o)
	if err != nil {
		return "", err
	}
	if scheme == "" {
		scheme = OfferScheme
	}
	return scheme + "://?" + url.Values{"credential_offer": {string(b)}}.Encode(), nil
}

// OfferRefURI returns an offer by reference, scheme://?credential_offer_uri=…
// (§4.1.3); scheme "" means OfferScheme.
func OfferRefURI(scheme, offerURI string) string {
	if scheme == "" {
		scheme = OfferScheme
	}
	return scheme + "://?" + url.Values{"credential_offer_uri": {offerURI}}.Encode()
}
