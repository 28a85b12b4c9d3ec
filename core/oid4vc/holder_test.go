package oid4vc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// fakeNet is a Transport over handlers keyed by "METHOD URL": the
// issuer and verifier of these tests, built from this package's server
// side.
type fakeNet struct {
	routes map[string]func(r HTTPRequest) HTTPResponse
	calls  []string
}

func (n *fakeNet) Do(_ context.Context, r HTTPRequest) (HTTPResponse, error) {
	key := r.Method + " " + r.URL
	n.calls = append(n.calls, key)
	h, ok := n.routes[key]
	if !ok {
		return HTTPResponse{Status: 404, Body: []byte("not found")}, nil
	}
	res := h(r)
	if len(res.Body) > r.Limit {
		return HTTPResponse{}, errors.New("body over the limit")
	}
	return res, nil
}

func jsonOK(v any) HTTPResponse {
	b, _ := json.Marshal(v)
	return HTTPResponse{Status: 200, ContentType: jsonType, Body: b}
}

func oauthErr(err error) HTTPResponse {
	r := jsonOK(ResponseOf(err))
	r.Status = CodeOf(err).HTTPStatus()
	return r
}

const hIssuer = "https://issuer.example"

// fakeIssuer serves a Pre-Authorized Code Flow for one configuration,
// with a tx_code when txCode is set. It issues the holder's DID as the
// "credential", so a test can see which key the proof carried.
type fakeIssuer struct {
	codes, tokens, nonces Once[string]
	txCode                string
	noASMetadata          bool // serve openid-configuration instead
}

func (f *fakeIssuer) net() *fakeNet {
	md := map[string]any{
		"credential_issuer": hIssuer, "credential_endpoint": hIssuer + "/credential", "nonce_endpoint": hIssuer + "/nonce",
		"display": []map[string]string{{"name": "Acme Employer", "locale": "en"}, {"name": "Acme Arbeitgeber", "locale": "de-DE"}},
		"credential_configurations_supported": map[string]any{
			"employee": map[string]any{"format": "dc+sd-jwt", "vct": "https://issuer.example/employee"},
		},
	}
	as := map[string]any{"issuer": hIssuer, "token_endpoint": hIssuer + "/token"}
	asPath := "/.well-known/oauth-authorization-server"
	if f.noASMetadata {
		asPath = "/.well-known/openid-configuration"
	}
	return &fakeNet{routes: map[string]func(HTTPRequest) HTTPResponse{
		"GET " + hIssuer + "/.well-known/openid-credential-issuer": func(HTTPRequest) HTTPResponse { return jsonOK(md) },
		"GET " + hIssuer + asPath:                                  func(HTTPRequest) HTTPResponse { return jsonOK(as) },
		"POST " + hIssuer + "/token": func(r HTTPRequest) HTTPResponse {
			form, _ := url.ParseQuery(string(r.Body))
			tr, err := ParseTokenRequest(form)
			if err != nil {
				return oauthErr(err)
			}
			if _, err := f.codes.Get(tr.PreAuthorizedCode, testNow); err != nil {
				return oauthErr(errorf(CodeInvalidGrant, "unknown pre-authorized code"))
			}
			if f.txCode != "" {
				if err := CheckTxCode(tr.TxCode, f.txCode); err != nil {
					return oauthErr(err)
				}
			}
			f.codes.Take(tr.PreAuthorizedCode, testNow)
			tok, _, _ := f.tokens.Put("", testNow)
			return jsonOK(TokenResponse{AccessToken: tok, TokenType: "Bearer"})
		},
		"POST " + hIssuer + "/nonce": func(HTTPRequest) HTTPResponse {
			n, _, _ := f.nonces.Put("", testNow)
			return jsonOK(NonceResponse{CNonce: n})
		},
		"POST " + hIssuer + "/credential": func(r HTTPRequest) HTTPResponse {
			tok, err := BearerToken(r.Authorization)
			if err == nil {
				_, err = f.tokens.Get(tok, testNow)
			}
			if err != nil {
				return oauthErr(errorf(CodeInvalidToken, "no valid access token"))
			}
			cr, err := ParseCredentialRequest(r.Body)
			if err != nil {
				return oauthErr(err)
			}
			if cr.CredentialConfigurationID != "employee" {
				return oauthErr(errorf(CodeUnknownCredentialConfiguration, "unknown"))
			}
			p, err := VerifyProofJWT(context.Background(), cr.ProofJWTs()[0], ProofOptions{Audience: hIssuer, Now: testNow, Nonce: func(n string) error {
				_, err := f.nonces.Take(n, testNow)
				return err
			}})
			if err != nil {
				return oauthErr(err)
			}
			return jsonOK(CredentialResponse{Credentials: []IssuedCredential{{Credential: p.DID}}})
		},
	}}
}

// offer makes a fresh offer by value.
func (f *fakeIssuer) offer(t *testing.T) string {
	t.Helper()
	code, _, err := f.codes.Put("employee", testNow)
	if err != nil {
		t.Fatal(err)
	}
	g := &PreAuthorizedCodeGrant{PreAuthorizedCode: code}
	if f.txCode != "" {
		g.TxCode = &TxCode{InputMode: "numeric", Length: len(f.txCode)}
	}
	o := &CredentialOffer{CredentialIssuer: hIssuer, CredentialConfigurationIDs: []string{"employee"}, Grants: &Grants{PreAuthorizedCode: g}}
	u, err := o.URI("")
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestHolderIssuance(t *testing.T) {
	ctx := context.Background()
	k := p256(t)
	for _, tt := range []struct {
		name  string
		iss   *fakeIssuer
		tx    string
		wantN int
	}{
		{"plain", &fakeIssuer{}, "", 1},
		{"tx_code", &fakeIssuer{txCode: "493536"}, "493536", 1},
		{"openid-configuration", &fakeIssuer{noASMetadata: true}, "", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.iss
			n := f.net()
			o, err := ResolveOffer(ctx, n, f.offer(t))
			if err != nil {
				t.Fatal(err)
			}
			if o.IssuerName("de") != "Acme Arbeitgeber" || o.IssuerName("fr") != "Acme Employer" || o.Configurations[0].Format != "dc+sd-jwt" {
				t.Errorf("resolved offer: %q %q %+v", o.IssuerName("de"), o.IssuerName("fr"), o.Configurations[0])
			}
			creds, err := o.Redeem(ctx, n, RedeemOptions{TxCode: tt.tx, Signer: messageSigner{k}, Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			if len(creds) != tt.wantN || !strings.HasPrefix(creds[0], "did:jwk:") {
				t.Errorf("credentials %q", creds)
			}
			// The code is single-use: a second redemption is the issuer's
			// invalid_grant, passed through.
			_, err = o.Redeem(ctx, n, RedeemOptions{TxCode: tt.tx, Signer: messageSigner{k}, Now: testNow})
			wantCode(t, err, CodeInvalidGrant)
		})
	}
}

func TestHolderIssuanceErrors(t *testing.T) {
	ctx := context.Background()
	k := p256(t)
	signer := messageSigner{k}

	f := &fakeIssuer{txCode: "1234"}
	n := f.net()
	o, err := ResolveOffer(ctx, n, f.offer(t))
	if err != nil {
		t.Fatal(err)
	}
	_, err = o.Redeem(ctx, n, RedeemOptions{Signer: signer, Now: testNow})
	wantCode(t, err, CodeInvalidGrant) // asked before any request
	_, err = o.Redeem(ctx, n, RedeemOptions{TxCode: "9999", Signer: signer, Now: testNow})
	wantCode(t, err, CodeInvalidGrant) // the issuer's answer
	_, err = o.Redeem(ctx, n, RedeemOptions{TxCode: "1234", Now: testNow})
	wantCode(t, err, CodeBadOptions)

	// An offer for a configuration the issuer does not have.
	f = &fakeIssuer{}
	n = f.net()
	bad := &CredentialOffer{CredentialIssuer: hIssuer, CredentialConfigurationIDs: []string{"mdl"}, Grants: &Grants{PreAuthorizedCode: &PreAuthorizedCodeGrant{PreAuthorizedCode: "x"}}}
	u, _ := bad.URI("")
	_, err = ResolveOffer(ctx, n, u)
	wantCode(t, err, CodeUnknownCredentialConfiguration)

	// Malformed offers never reach the network.
	for _, s := range []string{"", "openid-credential-offer://?credential_offer=%7B", "openid-credential-offer://?credential_offer_uri=ftp://x/y", "https://wallet.example/"} {
		before := len(n.calls)
		_, err = ResolveOffer(ctx, n, s)
		if CodeOf(err) == "" || len(n.calls) != before {
			t.Errorf("%q: %v after %d calls", s, err, len(n.calls)-before)
		}
	}

	// An offer by reference that is not there: the HTTP status is said.
	_, err = ResolveOffer(ctx, n, OfferRefURI("", hIssuer+"/offers/gone"))
	wantCode(t, err, CodeServerError)
	if statusOf(err) != 404 || !strings.Contains(err.Error(), "HTTP 404") {
		t.Errorf("offer by reference: %v", err)
	}

	// Metadata that names another issuer must not be used.
	n.routes["GET "+hIssuer+"/.well-known/openid-credential-issuer"] = func(HTTPRequest) HTTPResponse {
		return jsonOK(map[string]any{"credential_issuer": "https://evil.example", "credential_endpoint": "https://evil.example/c",
			"credential_configurations_supported": map[string]any{"employee": map[string]any{"format": "dc+sd-jwt", "vct": "x"}}})
	}
	_, err = ResolveOffer(ctx, n, f.offer(t))
	wantCode(t, err, CodeMalformed)

	// An oversized answer is refused by the transport's bound.
	n.routes["GET "+hIssuer+"/.well-known/openid-credential-issuer"] = func(HTTPRequest) HTTPResponse {
		return HTTPResponse{Status: 200, Body: make([]byte, MaxMetadataBytes+1)}
	}
	_, err = ResolveOffer(ctx, n, f.offer(t))
	wantCode(t, err, CodeServerError)
}

// fakeVerifier holds one pending request (by reference) and records the
// response posted to it.
type fakeVerifier struct {
	req  *AuthorizationRequest
	got  *AuthorizationResponse
	fail error // answered to the direct_post instead of a redirect
}

const vBase = "https://rp.example"

func (v *fakeVerifier) net() *fakeNet {
	return &fakeNet{routes: map[string]func(HTTPRequest) HTTPResponse{
		"GET " + vBase + "/request/1": func(HTTPRequest) HTTPResponse {
			obj, _ := v.req.UnsecuredRequestObject()
			return HTTPResponse{Status: 200, ContentType: "application/oauth-authz-req+jwt", Body: []byte(obj)}
		},
		"POST " + vBase + "/response": func(r HTTPRequest) HTTPResponse {
			if r.ContentType != formType {
				return oauthErr(errorf(CodeInvalidRequest, "content type %q", r.ContentType))
			}
			form, _ := url.ParseQuery(string(r.Body))
			resp, err := ParseAuthorizationResponse(form)
			if err == nil && resp.Error != nil {
				v.got = resp // a declined request: recorded, nothing to check
				return HTTPResponse{Status: 200}
			}
			if err == nil {
				err = CheckResponse(v.req, resp)
			}
			if err == nil {
				err = v.fail
			}
			if err != nil {
				return oauthErr(err)
			}
			v.got = resp
			return jsonOK(map[string]string{"redirect_uri": vBase + "/done?s=1"})
		},
	}}
}

func TestHolderPresentation(t *testing.T) {
	ctx := context.Background()
	req := rpRequest()
	req.ClientID = PrefixRedirectURI + ":" + vBase + "/response"
	req.ResponseURI = vBase + "/response"
	v := &fakeVerifier{req: req}
	n := v.net()

	// By value and by reference, the same request.
	byValue, err := req.URI("")
	if err != nil {
		t.Fatal(err)
	}
	for _, uri := range []string{byValue, RequestRefURI("", req.ClientID, vBase+"/request/1")} {
		got, err := ResolveRequest(ctx, n, uri)
		if err != nil {
			t.Fatal(err)
		}
		if got.Nonce != req.Nonce || got.ResponseURI != req.ResponseURI || got.DCQLQuery.Credentials[0].ID != "party" {
			t.Errorf("resolved %+v", got)
		}
	}
	// A request_uri whose object names another client is refused.
	_, err = ResolveRequest(ctx, n, RequestRefURI("", PrefixRedirectURI+":"+vBase+"/other", vBase+"/request/1"))
	if CodeOf(err) == "" {
		t.Error("client_id mismatch accepted")
	}

	resp := &AuthorizationResponse{State: req.State, VPToken: VPToken{"party": {"eyJ.presentation~"}}}
	redirect, err := Submit(ctx, n, req, resp)
	if err != nil || redirect != vBase+"/done?s=1" || v.got == nil || v.got.VPToken["party"][0] != "eyJ.presentation~" {
		t.Fatalf("submit: %q %v %+v", redirect, err, v.got)
	}
	// The verifier's refusal reaches the user with its code and words.
	v.fail = errorf(CodeInvalidRequest, "nonce expired")
	_, err = Submit(ctx, n, req, resp)
	wantCode(t, err, CodeInvalidRequest)
	if !strings.Contains(err.Error(), "nonce expired") {
		t.Errorf("error lost the verifier's description: %v", err)
	}
	// A declined request posts access_denied.
	v.fail = nil
	v.got = nil
	if _, err := Submit(ctx, n, req, &AuthorizationResponse{State: req.State, Error: &ErrorResponse{Error: CodeAccessDenied}}); err != nil {
		t.Fatal(err)
	}
	if v.got == nil || v.got.Error == nil || v.got.Error.Error != CodeAccessDenied {
		t.Errorf("declined: %+v", v.got)
	}
}

// A transport failure (offline, CORS) is a server_error naming the step.
func TestHolderTransportFailure(t *testing.T) {
	_, err := ResolveOffer(context.Background(), failing{}, OfferRefURI("", hIssuer+"/offers/1"))
	wantCode(t, err, CodeServerError)
	if !strings.Contains(err.Error(), "credential offer") || !strings.Contains(err.Error(), "offline") {
		t.Errorf("%v", err)
	}
}

type failing struct{}

func (failing) Do(context.Context, HTTPRequest) (HTTPResponse, error) {
	return HTTPResponse{}, fmt.Errorf("offline")
}

// Access tokens and pre-authorized codes are often signed JWTs (RFC 9068)
// longer than a nonce: they have their own, larger bound.
func TestTokenLength(t *testing.T) {
	jwtLike := "eyJ" + strings.Repeat("a", 600) + ".eyJ" + strings.Repeat("b", 300) + "." + strings.Repeat("c", 86)
	tr, err := ParseTokenResponse([]byte(`{"access_token":"` + jwtLike + `","token_type":"Bearer"}`))
	if err != nil || tr.AccessToken != jwtLike {
		t.Fatalf("a %d-byte access token: %v", len(jwtLike), err)
	}
	if _, err := BearerToken("Bearer " + jwtLike); err != nil {
		t.Error(err)
	}
	_, err = ParseTokenResponse([]byte(`{"access_token":"` + strings.Repeat("a", MaxTokenLength+1) + `","token_type":"Bearer"}`))
	wantCode(t, err, CodeMalformed)
	o := &CredentialOffer{CredentialIssuer: hIssuer, CredentialConfigurationIDs: []string{"employee"}, Grants: &Grants{PreAuthorizedCode: &PreAuthorizedCodeGrant{PreAuthorizedCode: jwtLike}}}
	if err := o.Validate(); err != nil {
		t.Errorf("a JWT pre-authorized code: %v", err)
	}
	_, err = ParseTokenResponse([]byte(`{"access_token":"a b","token_type":"Bearer"}`))
	wantCode(t, err, CodeMalformed)
}
