package oid4vc

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const rpResponse = "http://localhost:8080/rp/response"

func rpRequest() *AuthorizationRequest {
	return &AuthorizationRequest{
		ClientID: PrefixRedirectURI + ":" + rpResponse, ResponseType: ResponseTypeVPToken, ResponseMode: ResponseModeDirectPost,
		ResponseURI: rpResponse, Nonce: NewToken(), State: NewToken(),
		DCQLQuery: &DCQLQuery{Credentials: []CredentialQuery{{
			ID: "party", Format: FormatVCSDJWT, Meta: &Meta{TypeValues: [][]string{{"gx:NaturalPersonPartyCredential"}}},
			Claims: []ClaimsQuery{{Path: ClaimPath{"credentialSubject", "gx:identityRoles"}}},
		}}},
	}
}

func TestRequestRoundTrip(t *testing.T) {
	r := rpRequest()
	uri, err := r.URI("")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := ParseRequestURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, ref.Request); diff != "" {
		t.Errorf("by value (-want +got):\n%s", diff)
	}
	ref, err = ParseRequestURI(RequestRefURI("", r.ClientID, "http://localhost:8080/rp/request/abc"))
	if err != nil || ref.Request != nil || ref.RequestURI != "http://localhost:8080/rp/request/abc" {
		t.Fatalf("by reference: %+v %v", ref, err)
	}
	obj, err := r.UnsecuredRequestObject()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseRequestObject([]byte(obj), ref.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, got); diff != "" {
		t.Errorf("request object (-want +got):\n%s", diff)
	}
	_, err = ParseRequestObject([]byte(obj), "redirect_uri:https://evil.example/cb")
	wantCode(t, err, CodeInvalidRequest)
	signed := strings.Replace(obj, strings.Split(obj, ".")[0], base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"ES256"}`)), 1) + "c2ln"
	_, err = ParseRequestObject([]byte(signed), ref.ClientID)
	wantCode(t, err, CodeUnsupported)
}

func TestRequestValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(r *AuthorizationRequest)
		code Code
	}{
		{"ok", func(*AuthorizationRequest) {}, ""},
		{"pre-registered client", func(r *AuthorizationRequest) { r.ClientID = "demo-rp" }, ""},
		{"https client id is pre-registered", func(r *AuthorizationRequest) { r.ClientID = "https://rp.example" }, ""},
		{"id_token", func(r *AuthorizationRequest) { r.ResponseType = "vp_token id_token" }, CodeInvalidRequest},
		{"fragment mode", func(r *AuthorizationRequest) { r.ResponseMode = "fragment" }, CodeUnsupported},
		{"redirect_uri with direct_post", func(r *AuthorizationRequest) { r.RedirectURI = rpResponse }, CodeInvalidRequest},
		{"no nonce", func(r *AuthorizationRequest) { r.Nonce = "" }, CodeInvalidRequest},
		{"no response_uri", func(r *AuthorizationRequest) { r.ResponseURI = "" }, CodeInvalidRequest},
		{"plain http response_uri", func(r *AuthorizationRequest) {
			r.ResponseURI = "http://rp.example/cb"
			r.ClientID = "redirect_uri:" + r.ResponseURI
		}, CodeInvalidRequest},
		{"client_id is another URI", func(r *AuthorizationRequest) { r.ClientID = "redirect_uri:https://evil.example/cb" }, CodeInvalidRequest},
		{"x509 prefix", func(r *AuthorizationRequest) { r.ClientID = "x509_san_dns:rp.example" }, CodeUnsupported},
		{"unknown prefix", func(r *AuthorizationRequest) { r.ClientID = "made_up:rp" }, CodeInvalidRequest},
		{"no query", func(r *AuthorizationRequest) { r.DCQLQuery = nil }, CodeInvalidRequest},
		{"scope", func(r *AuthorizationRequest) { r.DCQLQuery, r.Scope = nil, "com.example.pid" }, CodeUnsupported},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := rpRequest()
			tt.edit(r)
			wantCode(t, r.Validate(), tt.code)
		})
	}
	for name, uri := range map[string]string{
		"request_uri_method post": RequestRefURI("", "x", "https://rp.example/r") + "&request_uri_method=post",
		"request by value":        "openid4vp://?client_id=x&request=eyJ",
		"repeated nonce":          "openid4vp://?client_id=x&nonce=a&nonce=b",
		"dcql not JSON":           "openid4vp://?client_id=x&response_type=vp_token&response_mode=direct_post&response_uri=https%3A%2F%2Frp.example&nonce=n&dcql_query=" + url.QueryEscape("{"),
	} {
		_, err := ParseRequestURI(uri)
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
		if CodeOf(err) == "" {
			t.Errorf("%s: %v is not an *Error", name, err)
		}
	}
	_, err := ParseRequestURI(RequestRefURI("", "x", "https://rp.example/r") + "&request_uri_method=post")
	wantCode(t, err, CodeInvalidRequestURIMethod)
}

func TestAuthorizationResponse(t *testing.T) {
	req := rpRequest()
	ok := &AuthorizationResponse{VPToken: VPToken{"party": {"eyJ~d~kb"}}, State: req.State}
	form, err := ok.Form()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseAuthorizationResponse(form)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ok, got); diff != "" {
		t.Error(diff)
	}
	wantCode(t, CheckResponse(req, got), "")

	for _, tt := range []struct {
		name  string
		form  url.Values
		parse Code
		check Code
	}{
		{"wrong state", url.Values{"vp_token": {`{"party":["x"]}`}, "state": {"other"}}, "", CodeInvalidRequest},
		{"unasked query", url.Values{"vp_token": {`{"party":["x"],"pid":["y"]}`}, "state": {req.State}}, "", CodeInvalidRequest},
		{"two presentations", url.Values{"vp_token": {`{"party":["x","y"]}`}, "state": {req.State}}, "", CodeInvalidRequest},
		{"nothing answered", url.Values{"vp_token": {`{"other":["x"]}`}, "state": {req.State}}, "", CodeInvalidRequest},
		{"wallet declined", url.Values{"error": {"access_denied"}, "state": {req.State}}, "", CodeAccessDenied},
		{"empty vp_token", url.Values{"vp_token": {`{}`}, "state": {req.State}}, CodeInvalidRequest, ""},
		{"empty list", url.Values{"vp_token": {`{"party":[]}`}, "state": {req.State}}, CodeInvalidRequest, ""},
		{"object presentation", url.Values{"vp_token": {`{"party":[{"@context":[]}]}`}, "state": {req.State}}, CodeUnsupported, ""},
		{"duplicate key", url.Values{"vp_token": {`{"party":["a"],"party":["b"]}`}, "state": {req.State}}, CodeDuplicateKey, ""},
		{"repeated vp_token", url.Values{"vp_token": {`{"party":["a"]}`, `{"party":["b"]}`}}, CodeInvalidRequest, ""},
		{"neither", url.Values{"state": {req.State}}, CodeInvalidRequest, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := ParseAuthorizationResponse(tt.form)
			wantCode(t, err, tt.parse)
			if err != nil {
				return
			}
			wantCode(t, CheckResponse(req, resp), tt.check)
		})
	}
}
