package oid4vc

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// The wallet's side of both protocols, as message exchanges over a
// [Transport] the caller provides (the browser's fetch in the PWA, an
// http.Client in the CLI, a handler in tests): the package still does no
// I/O of its own.

// Transport sends one HTTP request for the wallet. Implementations must
// not follow redirects to non-https URLs, must read at most Limit bytes
// of the body (more is an error with CodeTooLarge or the transport's own),
// and must not send cookies or other ambient credentials: every request
// of these flows is self-contained.
type Transport interface {
	Do(ctx context.Context, r HTTPRequest) (HTTPResponse, error)
}

// HTTPRequest is one request of the wallet flows.
type HTTPRequest struct {
	Method string // GET or POST
	URL    string
	// ContentType and Body are the request body, for POST.
	ContentType string
	Body        []byte
	// Authorization is the Authorization header, or "".
	Authorization string
	// Accept is the Accept header, or "".
	Accept string
	// Limit bounds the response body.
	Limit int
}

// HTTPResponse is what came back.
type HTTPResponse struct {
	Status      int
	ContentType string
	Body        []byte
}

const (
	formType = "application/x-www-form-urlencoded"
	jsonType = "application/json"
)

// Offer is a Credential Offer resolved for the wallet's consent screen:
// the offer, the issuer's metadata and the grant to redeem.
type Offer struct {
	Offer  *CredentialOffer
	Issuer *IssuerMetadata
	// TokenEndpoint is the Token Endpoint of the authorization server the
	// grant is for.
	TokenEndpoint string
	Grant         *PreAuthorizedCodeGrant
	// Configurations are the offered configurations, in offer order.
	Configurations []*CredentialConfiguration
}

// IssuerName is the issuer's display name in the wallet's language (the
// first display entry whose locale has lang as prefix, else the first),
// or the Credential Issuer Identifier's host.
func (o *Offer) IssuerName(lang string) string {
	if n := DisplayName(o.Issuer.Display, lang); n != "" {
		return n
	}
	if u, err := url.Parse(o.Offer.CredentialIssuer); err == nil {
		return u.Host
	}
	return o.Offer.CredentialIssuer
}

// DisplayName picks a display name for lang: the first entry whose locale
// starts with lang, else the first entry with a name; "" when none has.
func DisplayName(ds []Display, lang string) string {
	for _, d := range ds {
		if d.Name != "" && lang != "" && strings.HasPrefix(strings.ToLower(d.Locale), strings.ToLower(lang)) {
			return d.Name
		}
	}
	for _, d := range ds {
		if d.Name != "" {
			return d.Name
		}
	}
	return ""
}

// ResolveOffer reads an offer URI (openid-credential-offer://, or the
// bare query) and fetches what the wallet needs before asking the user:
// the offer itself when given by reference, the Credential Issuer
// Metadata, and the OAuth metadata of its authorization server (RFC 8414,
// falling back to OpenID Connect Discovery's openid-configuration). Every
// offered configuration must be in the metadata
// (CodeUnknownCredentialConfiguration), and the offer must carry a
// Pre-Authorized Code grant (CodeUnsupported otherwise).
func ResolveOffer(ctx context.Context, t Transport, uri string) (*Offer, error) {
	ref, err := ParseOfferURI(uri)
	if err != nil {
		return nil, err
	}
	offer := ref.Offer
	if offer == nil {
		b, err := get(ctx, t, ref.URI, MaxOfferBytes, "credential offer")
		if err != nil {
			return nil, err
		}
		if offer, err = ParseOffer(b); err != nil {
			return nil, err
		}
	}
	grant, err := offer.PreAuthorized()
	if err != nil {
		return nil, err
	}
	mdURL, err := IssuerMetadataURL(offer.CredentialIssuer)
	if err != nil {
		return nil, err
	}
	b, err := get(ctx, t, mdURL, MaxMetadataBytes, "issuer metadata")
	if err != nil {
		return nil, err
	}
	md, err := ParseIssuerMetadata(b, offer.CredentialIssuer)
	if err != nil {
		return nil, err
	}
	o := &Offer{Offer: offer, Issuer: md, Grant: grant}
	for _, id := range offer.CredentialConfigurationIDs {
		c, err := md.Configuration(id)
		if err != nil {
			return nil, err
		}
		o.Configurations = append(o.Configurations, c)
	}
	as, err := authServer(md, grant)
	if err != nil {
		return nil, err
	}
	asm, err := authServerMetadata(ctx, t, as)
	if err != nil {
		return nil, err
	}
	o.TokenEndpoint = asm.TokenEndpoint
	return o, nil
}

// authServer picks the authorization server of the grant: the one it
// names (which must be listed in the metadata), the only one listed, or
// the Credential Issuer itself when none is listed (§12.2.4).
func authServer(md *IssuerMetadata, g *PreAuthorizedCodeGrant) (string, error) {
	switch {
	case g.AuthorizationServer != "":
		if !contains(md.AuthorizationServers, g.AuthorizationServer) {
			return "", errorf(CodeMalformed, "credential offer: authorization_server %q is not one of the issuer's", trunc(g.AuthorizationServer))
		}
		return g.AuthorizationServer, nil
	case len(md.AuthorizationServers) == 1:
		return md.AuthorizationServers[0], nil
	case len(md.AuthorizationServers) > 1:
		return "", errorf(CodeMalformed, "credential offer: the issuer lists %d authorization servers and the offer names none", len(md.AuthorizationServers))
	}
	return md.CredentialIssuer, nil
}

// authServerMetadata fetches RFC 8414 metadata, or OpenID Connect
// Discovery's when the former is not found.
func authServerMetadata(ctx context.Context, t Transport, issuer string) (*AuthServerMetadata, error) {
	u, err := AuthServerMetadataURL(issuer)
	if err != nil {
		return nil, err
	}
	b, err := get(ctx, t, u, MaxMetadataBytes, "authorization server metadata")
	if err != nil && statusOf(err) == 404 {
		oidc, uerr := url.Parse(strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration")
		if uerr != nil {
			return nil, errorf(CodeMalformed, "authorization server %q: %v", trunc(issuer), uerr)
		}
		b, err = get(ctx, t, oidc.String(), MaxMetadataBytes, "authorization server metadata")
	}
	if err != nil {
		return nil, err
	}
	return ParseAuthServerMetadata(b, issuer)
}

// RedeemOptions are the holder's inputs to [Offer.Redeem].
type RedeemOptions struct {
	// TxCode is the transaction code the user typed, when the grant asks
	// for one.
	TxCode string
	// Signer is the holder key the credentials are bound to; Alg its JWS
	// algorithm ("" picks the one for the key type).
	Signer crypto.Signer
	Alg    string
	// Kid names the key by a DID URL instead of a jwk header (see
	// ProofParams.Kid).
	Kid string
	Now time.Time
}

// Redeem runs the Pre-Authorized Code Flow: the Token Request (with the
// tx_code), a c_nonce from the Nonce Endpoint when the issuer has one,
// and one Credential Request per offered configuration with a key proof
// signed by opts.Signer. It returns the issued credentials, in offer
// order. An error answer of the issuer comes back as an *Error with the
// issuer's code and description.
func (o *Offer) Redeem(ctx context.Context, t Transport, opts RedeemOptions) ([]string, error) {
	if opts.Signer == nil || opts.Now.IsZero() {
		return nil, errorf(CodeBadOptions, "redeem: a signer and the time are required")
	}
	if o.Grant.TxCode != nil && opts.TxCode == "" {
		return nil, errorf(CodeInvalidGrant, "the issuer asks for a transaction code")
	}
	tr := TokenRequest{GrantType: GrantTypePreAuthorizedCode, PreAuthorizedCode: o.Grant.PreAuthorizedCode}
	if o.Grant.TxCode != nil {
		tr.TxCode = opts.TxCode
	}
	b, err := post(ctx, t, o.TokenEndpoint, formType, []byte(tr.Form().Encode()), "", MaxResponseBytes, "token")
	if err != nil {
		return nil, err
	}
	tok, err := ParseTokenResponse(b)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(tok.TokenType, "bearer") {
		// DPoP-bound tokens (RFC 9449) would need a second holder proof.
		return nil, errorf(CodeUnsupported, "token type %q is not supported (Bearer is)", trunc(tok.TokenType))
	}
	auth := "Bearer " + tok.AccessToken
	var out []string
	for _, id := range o.Offer.CredentialConfigurationIDs {
		nonce := ""
		if o.Issuer.NonceEndpoint != "" {
			b, err := post(ctx, t, o.Issuer.NonceEndpoint, "", nil, "", MaxResponseBytes, "nonce")
			if err != nil {
				return nil, err
			}
			n, err := ParseNonceResponse(b)
			if err != nil {
				return nil, err
			}
			nonce = n.CNonce
		}
		proof, err := NewProofJWT(opts.Signer, opts.Alg, ProofParams{Audience: o.Offer.CredentialIssuer, Nonce: nonce, IssuedAt: opts.Now, Kid: opts.Kid})
		if err != nil {
			return nil, err
		}
		body, err := jsonBody(NewCredentialRequest(id, proof))
		if err != nil {
			return nil, err
		}
		b, err := post(ctx, t, o.Issuer.CredentialEndpoint, jsonType, body, auth, MaxResponseBytes, "credential")
		if err != nil {
			return nil, err
		}
		cr, err := ParseCredentialResponse(b)
		if err != nil {
			return nil, err
		}
		for _, c := range cr.Credentials {
			out = append(out, c.Credential)
		}
	}
	return out, nil
}

// ResolveRequest reads an Authorization Request URI (openid4vp://, or an
// https link of the wallet) and, for a request_uri, fetches the request
// object and checks its client_id against the URI's. The request is
// validated (see AuthorizationRequest.Validate).
func ResolveRequest(ctx context.Context, t Transport, uri string) (*AuthorizationRequest, error) {
	ref, err := ParseRequestURI(uri)
	if err != nil {
		return nil, err
	}
	if ref.Request != nil {
		return ref.Request, nil
	}
	b, err := fetch(ctx, t, HTTPRequest{Method: "GET", URL: ref.RequestURI, Accept: "application/oauth-authz-req+jwt", Limit: MaxRequestBytes}, "request object")
	if err != nil {
		return nil, err
	}
	return ParseRequestObject(b, ref.ClientID)
}

// Submit posts a response to the request's response_uri (direct_post)
// and returns the redirect_uri the verifier answered with, if any
// (§8.2): the wallet sends the user there.
func Submit(ctx context.Context, t Transport, req *AuthorizationRequest, resp *AuthorizationResponse) (string, error) {
	form, err := resp.Form()
	if err != nil {
		return "", errorf(CodeMalformed, "response: %v", err)
	}
	b, err := post(ctx, t, req.ResponseURI, formType, []byte(form.Encode()), "", MaxResponseBytes, "response")
	if err != nil {
		return "", err
	}
	var ans struct {
		RedirectURI string `json:"redirect_uri"`
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return "", nil
	}
	if err := decode(b, MaxResponseBytes, &ans, "response answer", CodeMalformed); err != nil {
		return "", nil // §8.2: the body is optional; anything but the object means no redirect
	}
	if ans.RedirectURI != "" {
		if err := checkURL(ans.RedirectURI, "redirect_uri", false, CodeMalformed); err != nil {
			return "", err
		}
	}
	return ans.RedirectURI, nil
}

// HTTPError is a non-2xx answer that carried no OAuth error object.
type HTTPError struct {
	What   string
	Status int
}

func (e *HTTPError) Error() string { return fmt.Sprintf("%s: HTTP %d", e.What, e.Status) }

// statusOf returns the HTTP status of an *HTTPError inside err, or 0.
func statusOf(err error) int {
	var h *HTTPError
	if errors.As(err, &h) {
		return h.Status
	}
	return 0
}

func get(ctx context.Context, t Transport, u string, limit int, what string) ([]byte, error) {
	return fetch(ctx, t, HTTPRequest{Method: "GET", URL: u, Accept: jsonType, Limit: limit}, what)
}

func post(ctx context.Context, t Transport, u, ctype string, body []byte, auth string, limit int, what string) ([]byte, error) {
	return fetch(ctx, t, HTTPRequest{Method: "POST", URL: u, ContentType: ctype, Body: body, Authorization: auth, Accept: jsonType, Limit: limit}, what)
}

// fetch sends r and returns a 2xx body. An OAuth error object in a 4xx or
// 5xx answer becomes an *Error with its code; any other failure is
// CodeServerError naming what was asked for.
func fetch(ctx context.Context, t Transport, r HTTPRequest, what string) ([]byte, error) {
	if err := checkURL(r.URL, what+" URL", false, CodeMalformed); err != nil {
		return nil, err
	}
	res, err := t.Do(ctx, r)
	if err != nil {
		if CodeOf(err) != "" {
			return nil, err
		}
		return nil, &Error{Code: CodeServerError, Err: fmt.Errorf("%s: %w", what, err)}
	}
	if len(res.Body) > r.Limit {
		return nil, errorf(CodeTooLarge, "%s: more than %d bytes", what, r.Limit)
	}
	if res.Status >= 200 && res.Status < 300 {
		return res.Body, nil
	}
	if e, ok := ParseErrorResponse(res.Body); ok {
		return nil, e.AsError()
	}
	return nil, &Error{Code: CodeServerError, Err: &HTTPError{What: what, Status: res.Status}}
}

func jsonBody(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, errorf(CodeMalformed, "%v", err)
	}
	return b, nil
}
