package oid4vc

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// OpenID4VP constants.
const (
	// RequestScheme is the custom URI scheme of an Authorization Request
	// to a wallet (OpenID4VP §13.1.2 "openid4vp://").
	RequestScheme = "openid4vp"
	// ResponseTypeVPToken is the only response_type supported (§5.2, §8.1).
	ResponseTypeVPToken = "vp_token"
	// ResponseModeDirectPost: the wallet POSTs the response to response_uri
	// (§8.2).
	ResponseModeDirectPost = "direct_post"
	// PrefixRedirectURI is the Client Identifier Prefix under which the
	// client_id is the verifier's response_uri (§5.9.3).
	PrefixRedirectURI = "redirect_uri"
	// RequestObjectTyp is the typ of a request object (RFC 9101 §10.8).
	RequestObjectTyp = "oauth-authz-req+jwt"
)

// signedPrefixes are Client Identifier Prefixes (§5.9.3) that require a
// signed request object, which this package does not verify yet.
var signedPrefixes = []string{"x509_san_dns", "x509_hash", "decentralized_identifier", "verifier_attestation", "openid_federation", "origin"}

// AuthorizationRequest is an OpenID4VP Authorization Request (§5) for a
// vp_token with a DCQL query, answered by direct_post.
type AuthorizationRequest struct {
	ClientID     string `json:"client_id"`
	ResponseType string `json:"response_type"`
	ResponseMode string `json:"response_mode,omitempty"`
	// ResponseURI is where the wallet POSTs the response (§8.2).
	ResponseURI string `json:"response_uri,omitempty"`
	// RedirectURI must be absent with direct_post (§8.2).
	RedirectURI string `json:"redirect_uri,omitempty"`
	// Nonce binds the presentations to this request: the KB-JWT's nonce
	// (§5.2, Appendix B.3.6).
	Nonce string `json:"nonce"`
	// State is echoed in the response; the verifier uses it to find the
	// request (§5.3).
	State     string     `json:"state,omitempty"`
	DCQLQuery *DCQLQuery `json:"dcql_query,omitempty"`
	// ClientMetadata is the verifier's metadata (§5.1), kept as is.
	ClientMetadata json.RawMessage `json:"client_metadata,omitempty"`
	// Scope names a pre-agreed query (§5.6); not supported.
	Scope string `json:"scope,omitempty"`
}

// RequestRef is what an Authorization Request URI carries: the request by
// value, or a request_uri to fetch (RFC 9101 §5.2, OpenID4VP §5.10) and pass
// to ParseRequestObject.
type RequestRef struct {
	Request *AuthorizationRequest
	// ClientID is the client_id of the URI; the request object must carry
	// the same.
	ClientID         string
	RequestURI       string
	RequestURIMethod string
}

// ParseRequestURI reads an Authorization Request URI (openid4vp://?… or an
// https link of the wallet, §5, §13.1.2). With request_uri it returns the
// reference: request_uri_method must be get or absent (post is answered
// with invalid_request_uri_method); no other request parameter but
// client_id may be present (RFC 9101 §5). Otherwise the parameters are the
// request, dcql_query and client_metadata JSON-encoded, and the request is
// checked with Validate. It does not fetch anything.
func ParseRequestURI(s string) (*RequestRef, error) {
	if len(s) > MaxRequestBytes {
		return nil, errorf(CodeTooLarge, "authorization request URI: %d bytes, more than %d", len(s), MaxRequestBytes)
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Scheme == "" {
		return nil, errorf(CodeInvalidRequest, "authorization request: not a URI")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, errorf(CodeInvalidRequest, "authorization request: bad query: %v", err)
	}
	get := func(name string) (string, error) { return single(q, name, CodeInvalidRequest) }
	clientID, err := get("client_id")
	if err != nil {
		return nil, err
	}
	if _, byObject := q["request"]; byObject {
		return nil, errorf(CodeUnsupported, "authorization request: request objects by value (request=) are not supported")
	}
	if ru, err := get("request_uri"); err != nil {
		return nil, err
	} else if ru != "" {
		method, err := get("request_uri_method")
		if err != nil {
			return nil, err
		}
		if method != "" && method != "get" {
			return nil, errorf(CodeInvalidRequestURIMethod, "request_uri_method %q is not supported (get is)", trunc(method))
		}
		if err := checkURL(ru, "request_uri", false, CodeInvalidRequest); err != nil {
			return nil, err
		}
		if clientID == "" {
			return nil, errorf(CodeInvalidRequest, "authorization request: client_id is missing")
		}
		return &RequestRef{ClientID: clientID, RequestURI: ru, RequestURIMethod: method}, nil
	}
	r := &AuthorizationRequest{ClientID: clientID}
	for name, dst := range map[string]*string{
		"response_type": &r.ResponseType, "response_mode": &r.ResponseMode, "response_uri": &r.ResponseURI,
		"redirect_uri": &r.RedirectURI, "nonce": &r.Nonce, "state": &r.State, "scope": &r.Scope,
	} {
		if *dst, err = get(name); err != nil {
			return nil, err
		}
	}
	if dq, err := get("dcql_query"); err != nil {
		return nil, err
	} else if dq != "" {
		var d DCQLQuery
		if err := decode([]byte(dq), MaxRequestBytes, &d, "dcql_query", CodeInvalidRequest); err != nil {
			return nil, err
		}
		r.DCQLQuery = &d
	}
	if cm, err := get("client_metadata"); err != nil {
		return nil, err
	} else if cm != "" {
		if err := strictjson.Check([]byte(cm), MaxJSONDepth); err != nil || !strings.HasPrefix(strings.TrimSpace(cm), "{") {
			return nil, errorf(CodeInvalidRequest, "client_metadata is not a JSON object")
		}
		r.ClientMetadata = json.RawMessage(cm)
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return &RequestRef{Request: r, ClientID: clientID}, nil
}

// ParseRequestObject reads the request object a request_uri returned
// (RFC 9101 §5.2, OpenID4VP §5.10) and checks it with Validate; clientID is
// the client_id of the URI that named the request_uri, which the object
// must repeat (RFC 9101 §5: the one in the object wins, so they must agree).
//
// Only an unsecured JWT (alg "none", empty signature; RFC 7519 §6) is
// accepted, and only under the redirect_uri prefix or a pre-registered
// client_id, where OpenID4VP §5.9.3 forbids a signature. A signed request
// object fails with CodeUnsupported.
func ParseRequestObject(b []byte, clientID string) (*AuthorizationRequest, error) {
	if len(b) > MaxRequestBytes {
		return nil, errorf(CodeTooLarge, "request object: %d bytes, more than %d", len(b), MaxRequestBytes)
	}
	parts := strings.Split(string(bytes.TrimSpace(b)), ".")
	if len(parts) != 3 {
		return nil, errorf(CodeInvalidRequest, "request object: not a JWT")
	}
	hb, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return nil, errorf(CodeInvalidRequest, "request object header: bad base64url")
	}
	var h struct {
		Alg string `json:"alg"`
		Typ string `json:"typ"`
	}
	if err := decode(hb, MaxRequestBytes, &h, "request object header", CodeInvalidRequest); err != nil {
		return nil, err
	}
	if h.Alg != "none" || parts[2] != "" {
		return nil, errorf(CodeUnsupported, "request object: signed request objects (alg %q) are not supported yet", trunc(h.Alg))
	}
	if h.Typ != "" && h.Typ != RequestObjectTyp {
		return nil, errorf(CodeInvalidRequest, "request object typ %q is not %s", trunc(h.Typ), RequestObjectTyp)
	}
	pb, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, errorf(CodeInvalidRequest, "request object payload: bad base64url")
	}
	var r AuthorizationRequest
	if err := decode(pb, MaxRequestBytes, &r, "request object", CodeInvalidRequest); err != nil {
		return nil, err
	}
	if r.ClientID != clientID {
		return nil, errorf(CodeInvalidRequest, "request object client_id %q is not the request's %q", trunc(r.ClientID), trunc(clientID))
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return &r, nil
}

// Validate checks the rules this package supports (§5.2, §5.9, §8.2):
// response_type vp_token; response_mode direct_post with an https
// response_uri and no redirect_uri; a nonce; a client_id that is
// pre-registered (no prefix) or of the redirect_uri prefix, whose URI is then
// the response_uri; a dcql_query that passes DCQLQuery.Validate (scope-based
// queries are not supported). Failures are invalid_request, or unsupported
// for a valid feature this package lacks.
func (r *AuthorizationRequest) Validate() error {
	if r.ResponseType != ResponseTypeVPToken {
		return errorf(CodeInvalidRequest, "response_type %q: only vp_token is supported", trunc(r.ResponseType))
	}
	if r.ResponseMode != ResponseModeDirectPost {
		return errorf(CodeUnsupported, "response_mode %q: only direct_post is supported", trunc(r.ResponseMode))
	}
	if r.RedirectURI != "" {
		return errorf(CodeInvalidRequest, "redirect_uri must not be present with direct_post")
	}
	if err := checkURL(r.ResponseURI, "response_uri", false, CodeInvalidRequest); err != nil {
		return err
	}
	if err := checkValue(r.Nonce, "nonce", CodeInvalidRequest); err != nil {
		return err
	}
	if r.State != "" {
		if err := checkValue(r.State, "state", CodeInvalidRequest); err != nil {
			return err
		}
	}
	if err := checkValue(r.ClientID, "client_id", CodeInvalidRequest); err != nil {
		return err
	}
	prefix, rest := ClientIDPrefix(r.ClientID)
	switch {
	case prefix == PrefixRedirectURI:
		if rest != r.ResponseURI {
			return errorf(CodeInvalidRequest, "client_id %q is not redirect_uri:<response_uri>", trunc(r.ClientID))
		}
	case prefix != "":
		for _, p := range signedPrefixes {
			if prefix == p {
				return errorf(CodeUnsupported, "client_id prefix %q needs a signed request object, not supported yet", p)
			}
		}
		return errorf(CodeInvalidRequest, "client_id prefix %q is unknown", trunc(prefix))
	}
	if r.Scope != "" && r.DCQLQuery == nil {
		return errorf(CodeUnsupported, "scope-based presentation requests are not supported; send a dcql_query")
	}
	if r.DCQLQuery == nil {
		return errorf(CodeInvalidRequest, "dcql_query is missing")
	}
	return r.DCQLQuery.Validate()
}

// ClientIDPrefix splits a client_id into its Client Identifier Prefix and the
// rest (§5.9.1). A client_id without ":" is a pre-registered one: prefix "".
// So is an http(s) URL, which is not a prefix the specification defines.
func ClientIDPrefix(clientID string) (prefix, rest string) {
	p, r, ok := strings.Cut(clientID, ":")
	if !ok || p == "http" || p == "https" {
		return "", clientID
	}
	return p, r
}

// URI returns the request by value as scheme://?… (§5.1, §13.1.2); scheme
// "" means RequestScheme. dcql_query and client_metadata are JSON-encoded.
func (r *AuthorizationRequest) URI(scheme string) (string, error) {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("client_id", r.ClientID)
	set("response_type", r.ResponseType)
	set("response_mode", r.ResponseMode)
	set("response_uri", r.ResponseURI)
	set("redirect_uri", r.RedirectURI)
	set("nonce", r.Nonce)
	set("state", r.State)
	set("scope", r.Scope)
	if r.DCQLQuery != nil {
		b, err := json.Marshal(r.DCQLQuery)
		if err != nil {
			return "", err
		}
		q.Set("dcql_query", string(b))
	}
	if len(r.ClientMetadata) > 0 {
		q.Set("client_metadata", string(r.ClientMetadata))
	}
	if scheme == "" {
		scheme = RequestScheme
	}
	return scheme + "://?" + q.Encode(), nil
}

// RequestRefURI returns a request by reference, scheme://?client_id=…&
// request_uri=… (RFC 9101 §5.2); scheme "" means RequestScheme.
func RequestRefURI(scheme, clientID, requestURI string) string {
	if scheme == "" {
		scheme = RequestScheme
	}
	return scheme + "://?" + url.Values{"client_id": {clientID}, "request_uri": {requestURI}}.Encode()
}

// UnsecuredRequestObject returns r as an unsecured request object (alg
// "none", typ oauth-authz-req+jwt), the form a request_uri serves for the
// redirect_uri prefix (§5.9.3 forbids a signature there).
func (r *AuthorizationRequest) UnsecuredRequestObject() (string, error) {
	p, err := json.Marshal(r)
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"none","typ":"`+RequestObjectTyp+`"}`)) + "." + enc.EncodeToString(p) + ".", nil
}
