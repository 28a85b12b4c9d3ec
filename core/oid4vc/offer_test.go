package oid4vc

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func offerURI(json string) string {
	return "openid-credential-offer://?credential_offer=" + url.QueryEscape(json)
}

func TestParseOfferURI(t *testing.T) {
	const good = `{"credential_issuer":"https://issuer.example","credential_configuration_ids":["party"],
		"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"abc","tx_code":{"length":6,"input_mode":"numeric","description":"sent by mail"}}}}`
	for _, tt := range []struct {
		name string
		uri  string
		code Code
		ref  bool
	}{
		{"by value", offerURI(good), "", false},
		{"loopback http issuer", offerURI(`{"credential_issuer":"http://localhost:8080","credential_configuration_ids":["p"]}`), "", false},
		{"https link of the wallet", "https://wallet.example/offer?credential_offer=" + url.QueryEscape(good), "", false},
		{"by reference", "openid-credential-offer://?credential_offer_uri=" + url.QueryEscape("https://issuer.example/offers/1"), "", true},
		{"both", offerURI(good) + "&credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo", CodeMalformed, false},
		{"neither", "openid-credential-offer://?foo=bar", CodeMalformed, false},
		{"repeated", offerURI(good) + "&credential_offer=" + url.QueryEscape(good), CodeMalformed, false},
		{"not JSON", offerURI(`{"credential_issuer":`), CodeMalformed, false},
		{"trailing data", offerURI(good + `{}`), CodeMalformed, false},
		{"duplicate member", offerURI(`{"credential_issuer":"https://a.example","credential_issuer":"https://b.example","credential_configuration_ids":["p"]}`), CodeDuplicateKey, false},
		{"http issuer", offerURI(`{"credential_issuer":"http://issuer.example","credential_configuration_ids":["p"]}`), CodeMalformed, false},
		{"issuer with query", offerURI(`{"credential_issuer":"https://issuer.example?x=1","credential_configuration_ids":["p"]}`), CodeMalformed, false},
		{"no configurations", offerURI(`{"credential_issuer":"https://issuer.example","credential_configuration_ids":[]}`), CodeMalformed, false},
		{"repeated configuration", offerURI(`{"credential_issuer":"https://issuer.example","credential_configuration_ids":["p","p"]}`), CodeMalformed, false},
		{"configuration ids not strings", offerURI(`{"credential_issuer":"https://issuer.example","credential_configuration_ids":[1]}`), CodeMalformed, false},
		{"empty pre-authorized code", offerURI(`{"credential_issuer":"https://issuer.example","credential_configuration_ids":["p"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":""}}}`), CodeMalformed, false},
		{"tx_code input mode", offerURI(`{"credential_issuer":"https://issuer.example","credential_configuration_ids":["p"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"a","tx_code":{"input_mode":"emoji"}}}}`), CodeMalformed, false},
		{"reference over http", "openid-credential-offer://?credential_offer_uri=" + url.QueryEscape("http://issuer.example/o"), CodeMalformed, false},
		{"too large", offerURI(strings.Repeat(" ", MaxOfferBytes)), CodeTooLarge, false},
		{"not a URI", "::", CodeMalformed, false},
		{"nested too deep", offerURI(`{"credential_issuer":"https://issuer.example","credential_configuration_ids":["p"],"x":` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}`), CodeMalformed, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ref, err := ParseOfferURI(tt.uri)
			wantCode(t, err, tt.code)
			if err == nil && (ref.URI != "") != tt.ref {
				t.Errorf("ref %+v", ref)
			}
		})
	}
}

func TestOfferRoundTrip(t *testing.T) {
	o := &CredentialOffer{
		CredentialIssuer:           "http://localhost:8080",
		CredentialConfigurationIDs: []string{"a", "b"},
		Grants: &Grants{PreAuthorizedCode: &PreAuthorizedCodeGrant{
			PreAuthorizedCode: NewToken(), TxCode: &TxCode{InputMode: "numeric", Length: 4},
		}},
	}
	uri, err := o.URI("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(uri, "openid-credential-offer://?credential_offer=") {
		t.Errorf("uri %s", uri)
	}
	ref, err := ParseOfferURI(uri)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(o, ref.Offer); diff != "" {
		t.Error(diff)
	}
	g, err := ref.Offer.PreAuthorized()
	if err != nil || g.TxCode.Length != 4 {
		t.Errorf("pre-authorized grant %+v, %v", g, err)
	}
	ref, err = ParseOfferURI(OfferRefURI("", "https://issuer.example/offer/1"))
	if err != nil || ref.URI != "https://issuer.example/offer/1" {
		t.Errorf("by reference: %+v, %v", ref, err)
	}
	_, err = (&CredentialOffer{CredentialIssuer: "https://i.example", CredentialConfigurationIDs: []string{"a"}}).PreAuthorized()
	wantCode(t, err, CodeUnsupported)
}

func TestTokenRequest(t *testing.T) {
	for _, tt := range []struct {
		name string
		form url.Values
		code Code
	}{
		{"ok", TokenRequest{GrantType: GrantTypePreAuthorizedCode, PreAuthorizedCode: "abc", TxCode: "1234"}.Form(), ""},
		{"authorization code grant", url.Values{"grant_type": {"authorization_code"}, "code": {"x"}}, CodeUnsupportedGrantType},
		{"no grant type", url.Values{"pre-authorized_code": {"x"}}, CodeInvalidRequest},
		{"no code", url.Values{"grant_type": {GrantTypePreAuthorizedCode}}, CodeInvalidRequest},
		{"repeated code", url.Values{"grant_type": {GrantTypePreAuthorizedCode}, "pre-authorized_code": {"a", "b"}}, CodeInvalidRequest},
		{"code with a space", url.Values{"grant_type": {GrantTypePreAuthorizedCode}, "pre-authorized_code": {"a b"}}, CodeInvalidRequest},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTokenRequest(tt.form)
			wantCode(t, err, tt.code)
		})
	}
	wantCode(t, CheckTxCode("1234", "1234"), "")
	wantCode(t, CheckTxCode("", ""), "")
	wantCode(t, CheckTxCode("1235", "1234"), CodeInvalidGrant)
	wantCode(t, CheckTxCode("", "1234"), CodeInvalidGrant)
	wantCode(t, CheckTxCode("1234", ""), CodeInvalidGrant)

	if _, err := ParseTokenResponse([]byte(`{"access_token":"t","token_type":"bearer","expires_in":300}`)); err != nil {
		t.Error(err)
	}
	_, err := ParseTokenResponse([]byte(`{"access_token":"t","token_type":"DPoP"}`))
	wantCode(t, err, CodeUnsupported)
	_, err = ParseTokenResponse([]byte(`{"token_type":"Bearer"}`))
	wantCode(t, err, CodeMalformed)
	if tok, err := BearerToken("Bearer abc"); err != nil || tok != "abc" {
		t.Errorf("bearer %q %v", tok, err)
	}
	_, err = BearerToken("Basic abc")
	wantCode(t, err, CodeInvalidToken)
}

func TestCredentialRequest(t *testing.T) {
	for _, tt := range []struct {
		name string
		body string
		code Code
		n    int
	}{
		{"proofs", `{"credential_configuration_id":"p","proofs":{"jwt":["a.b.c"]}}`, "", 1},
		{"legacy proof", `{"credential_configuration_id":"p","proof":{"proof_type":"jwt","jwt":"a.b.c"}}`, "", 1},
		{"no proof", `{"credential_configuration_id":"p"}`, "", 0},
		{"both ids", `{"credential_configuration_id":"p","credential_identifier":"q"}`, CodeInvalidCredentialRequest, 0},
		{"no id", `{"proofs":{"jwt":["a.b.c"]}}`, CodeInvalidCredentialRequest, 0},
		{"proof and proofs", `{"credential_configuration_id":"p","proof":{"proof_type":"jwt","jwt":"x"},"proofs":{"jwt":["a.b.c"]}}`, CodeInvalidCredentialRequest, 0},
		{"proof type di_vp", `{"credential_configuration_id":"p","proofs":{"di_vp":[{}]}}`, CodeInvalidProof, 0},
		{"legacy proof type", `{"credential_configuration_id":"p","proof":{"proof_type":"cwt","cwt":"x"}}`, CodeInvalidProof, 0},
		{"empty jwt list", `{"credential_configuration_id":"p","proofs":{"jwt":[]}}`, CodeInvalidCredentialRequest, 0},
		{"two proof types", `{"credential_configuration_id":"p","proofs":{"jwt":["a"],"attestation":["b"]}}`, CodeInvalidCredentialRequest, 0},
		{"duplicate member", `{"credential_configuration_id":"p","credential_configuration_id":"q"}`, CodeDuplicateKey, 0},
		{"not JSON", `credential_configuration_id=p`, CodeInvalidCredentialRequest, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseCredentialRequest([]byte(tt.body))
			wantCode(t, err, tt.code)
			if err == nil && len(r.ProofJWTs()) != tt.n {
				t.Errorf("proofs %v", r.ProofJWTs())
			}
		})
	}
	resp, err := ParseCredentialResponse([]byte(`{"credentials":[{"credential":"eyJ.x.y~"}],"notification_id":"n"}`))
	if err != nil || resp.Credentials[0].Credential != "eyJ.x.y~" {
		t.Errorf("credential response %+v %v", resp, err)
	}
	_, err = ParseCredentialResponse([]byte(`{"transaction_id":"t"}`))
	wantCode(t, err, CodeUnsupported)
	_, err = ParseCredentialResponse([]byte(`{"credentials":[{"credential":{"a":1}}]}`))
	wantCode(t, err, CodeMalformed)
}

func TestIssuerMetadata(t *testing.T) {
	const md = `{"credential_issuer":"https://issuer.example/tenants/acme","credential_endpoint":"https://issuer.example/credential",
	  "nonce_endpoint":"https://issuer.example/nonce",
	  "credential_configurations_supported":{
	    "sd":{"format":"dc+sd-jwt","vct":"https://issuer.example/vct/employee","proof_types_supported":{"jwt":{"proof_signing_alg_values_supported":["ES256"]}}},
	    "w3c":{"format":"vc+sd-jwt","credential_definition":{"type":["VerifiableCredential","gx:NaturalPersonPartyCredential"]}}}}`
	m, err := ParseIssuerMetadata([]byte(md), testIssuer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Configuration("sd"); err != nil {
		t.Error(err)
	}
	_, err = m.Configuration("mdl")
	wantCode(t, err, CodeUnknownCredentialConfiguration)
	_, err = ParseIssuerMetadata([]byte(md), "https://issuer.example")
	wantCode(t, err, CodeMalformed)
	_, err = ParseIssuerMetadata([]byte(strings.Replace(md, `,"vct":"https://issuer.example/vct/employee"`, "", 1)), testIssuer)
	wantCode(t, err, CodeMalformed)
	_, err = ParseIssuerMetadata([]byte(strings.Replace(md, `https://issuer.example/credential`, `http://issuer.example/credential`, 1)), testIssuer)
	wantCode(t, err, CodeMalformed)

	u, err := IssuerMetadataURL(testIssuer)
	if err != nil || u != "https://issuer.example/.well-known/openid-credential-issuer/tenants/acme" {
		t.Errorf("metadata URL %q %v", u, err)
	}
	u, _ = AuthServerMetadataURL("http://localhost:8080")
	if u != "http://localhost:8080/.well-known/oauth-authorization-server" {
		t.Errorf("AS metadata URL %q", u)
	}
	as, err := ParseAuthServerMetadata([]byte(`{"issuer":"http://localhost:8080","token_endpoint":"http://localhost:8080/token"}`), "http://localhost:8080")
	if err != nil || as.TokenEndpoint == "" {
		t.Errorf("%+v %v", as, err)
	}
}

func TestOnce(t *testing.T) {
	o := Once[int]{TTL: time.Minute, Max: 2}
	a, _, err := o.Put(1, testNow)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _ := o.Put(2, testNow)
	if _, _, err := o.Put(3, testNow); err != ErrFull {
		t.Errorf("third put: %v, want ErrFull", err)
	}
	if v, err := o.Get(a, testNow); err != nil || v != 1 {
		t.Errorf("get %v %v", v, err)
	}
	if v, err := o.Take(a, testNow); err != nil || v != 1 {
		t.Errorf("take %v %v", v, err)
	}
	if _, err := o.Take(a, testNow); err != ErrUnknown {
		t.Errorf("second take: %v, want ErrUnknown", err)
	}
	if _, err := o.Take(b, testNow.Add(time.Minute)); err != ErrExpired {
		t.Errorf("expired: %v", err)
	}
	// Expired entries make room.
	o.Put(4, testNow)
	o.Put(5, testNow)
	if _, _, err := o.Put(6, testNow.Add(2*time.Minute)); err != nil {
		t.Errorf("put after expiry: %v", err)
	}
	if len(NewToken()) != 43 {
		t.Error("token length")
	}
}

func TestErrorResponse(t *testing.T) {
	r := ResponseOf(errorf(CodeInvalidGrant, "tx_code is wrong"))
	if r.Error != CodeInvalidGrant || r.ErrorDescription != "tx_code is wrong" {
		t.Errorf("%+v", r)
	}
	if r := ResponseOf(errorf(CodeMalformed, "x")); r.Error != CodeInvalidRequest || r.ErrorDescription != "malformed: x" {
		t.Errorf("%+v", r)
	}
	if r := ResponseOf(errors.New("disk full")); r.Error != CodeServerError || r.ErrorDescription != "internal error" {
		t.Errorf("%+v", r)
	}
	if CodeInvalidToken.HTTPStatus() != 401 || CodeInvalidGrant.HTTPStatus() != 400 {
		t.Error("HTTP status")
	}
	got, ok := ParseErrorResponse([]byte(`{"error":"invalid_nonce","error_description":"stale"}`))
	if !ok || got.Error != CodeInvalidNonce {
		t.Errorf("%+v", got)
	}
	if _, ok := ParseErrorResponse([]byte(`{"credentials":[]}`)); ok {
		t.Error("not an error object")
	}
}
