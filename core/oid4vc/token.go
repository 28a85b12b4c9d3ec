package oid4vc

import (
	"crypto/subtle"
	"net/url"
	"strings"
)

// TokenRequest is a Token Request of the Pre-Authorized Code Flow
// (OpenID4VCI §6.1), sent form-encoded.
type TokenRequest struct {
	GrantType         string
	PreAuthorizedCode string
	// TxCode is the Transaction Code the user entered; "" when the offer
	// asked for none.
	TxCode string
}

// Form returns the request's application/x-www-form-urlencoded parameters.
func (r TokenRequest) Form() url.Values {
	f := url.Values{"grant_type": {r.GrantType}, "pre-authorized_code": {r.PreAuthorizedCode}}
	if r.TxCode != "" {
		f.Set("tx_code", r.TxCode)
	}
	return f
}

// ParseTokenRequest reads a Token Request's form parameters (RFC 6749
// §4.1.3 as profiled by OpenID4VCI §6.1): grant_type must be the
// pre-authorized code grant (else unsupported_grant_type), pre-authorized_code
// is required, no parameter is repeated (RFC 6749 §3.2). It does not check
// the code or the tx_code: see CheckTxCode.
func ParseTokenRequest(form url.Values) (*TokenRequest, error) {
	var r TokenRequest
	var err error
	if r.GrantType, err = single(form, "grant_type", CodeInvalidRequest); err != nil {
		return nil, err
	}
	if r.GrantType != GrantTypePreAuthorizedCode {
		if r.GrantType == "" {
			return nil, errorf(CodeInvalidRequest, "grant_type is missing")
		}
		return nil, errorf(CodeUnsupportedGrantType, "grant_type %q is not supported", trunc(r.GrantType))
	}
	if r.PreAuthorizedCode, err = single(form, "pre-authorized_code", CodeInvalidRequest); err != nil {
		return nil, err
	}
	if err := checkToken(r.PreAuthorizedCode, "pre-authorized_code", CodeInvalidRequest); err != nil {
		return nil, err
	}
	if r.TxCode, err = single(form, "tx_code", CodeInvalidRequest); err != nil {
		return nil, err
	}
	if len(r.TxCode) > MaxValueLength {
		return nil, errorf(CodeInvalidRequest, "tx_code is longer than %d bytes", MaxValueLength)
	}
	return &r, nil
}

// CheckTxCode compares the Transaction Code of a Token Request with the one
// the issuer sent the user, in constant time. want "" means the offer asked
// for none, and then got must be "" too. A mismatch, or a missing code, is
// invalid_grant (§6.3).
func CheckTxCode(got, want string) error {
	switch {
	case want == "" && got == "":
		return nil
	case want == "":
		return errorf(CodeInvalidGrant, "tx_code sent, but the offer asked for none")
	case got == "":
		return errorf(CodeInvalidGrant, "tx_code is required by this offer")
	case subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1:
		return errorf(CodeInvalidGrant, "tx_code is wrong")
	}
	return nil
}

// TokenResponse is a successful Token Response (OpenID4VCI §6.2, RFC 6749
// §5.1).
type TokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in,omitempty"`
}

// ParseTokenResponse reads a Token Response strictly: access_token is
// required and token_type must be Bearer (case-insensitive, RFC 6750 §4;
// DPoP is not supported).
func ParseTokenResponse(b []byte) (*TokenResponse, error) {
	var r TokenResponse
	if err := decode(b, MaxResponseBytes, &r, "token response", CodeMalformed); err != nil {
		return nil, err
	}
	if err := checkToken(r.AccessToken, "access_token", CodeMalformed); err != nil {
		return nil, err
	}
	if !strings.EqualFold(r.TokenType, "Bearer") {
		return nil, errorf(CodeUnsupported, "token_type %q is not Bearer", trunc(r.TokenType))
	}
	return &r, nil
}

// BearerToken returns the access token of an Authorization header
// ("Bearer <token>", RFC 6750 §2.1), or an error with CodeInvalidToken.
func BearerToken(header string) (string, error) {
	scheme, tok, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", errorf(CodeInvalidToken, "no Bearer access token")
	}
	tok = strings.TrimSpace(tok)
	if err := checkToken(tok, "access token", CodeInvalidToken); err != nil {
		return "", err
	}
	return tok, nil
}

// NonceResponse is the Nonce Endpoint's answer (OpenID4VCI §7.2).
type NonceResponse struct {
	CNonce string `json:"c_nonce"`
}

// ParseNonceResponse reads a Nonce Response strictly.
func ParseNonceResponse(b []byte) (*NonceResponse, error) {
	var r NonceResponse
	if err := decode(b, MaxRequestBytes, &r, "nonce response", CodeMalformed); err != nil {
		return nil, err
	}
	if err := checkValue(r.CNonce, "c_nonce", CodeMalformed); err != nil {
		return nil, err
	}
	return &r, nil
}
