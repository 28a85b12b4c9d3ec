package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/oid4vc"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/verify"
)

const testOrigin = "http://localhost:8080"

// testClock is the portal's clock in tests.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// demo is a portal under test with a Go wallet in front of it: every
// request goes through the portal's handler, whatever the URL's host.
type demo struct {
	t      *testing.T
	p      *portal
	h      http.Handler
	clock  *testClock
	holder *ecdsa.PrivateKey
	dir    string
}

func newDemo(t *testing.T) *demo {
	t.Helper()
	clock := &testClock{t: time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)}
	dir := t.TempDir()
	p, err := openPortal(dir, testOrigin, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	holder, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &demo{t: t, p: p, h: p.handler(http.NotFoundHandler()), clock: clock, holder: holder, dir: dir}
}

// do sends one request; body is a url.Values form, []byte JSON, or nil.
func (d *demo) do(method, target string, body any, hdr map[string]string) (*http.Response, []byte) {
	d.t.Helper()
	var r io.Reader
	ctype := ""
	switch b := body.(type) {
	case url.Values:
		r, ctype = strings.NewReader(b.Encode()), "application/x-www-form-urlencoded"
	case []byte:
		r, ctype = strings.NewReader(string(b)), "application/json"
	}
	req := httptest.NewRequest(method, target, r)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	d.h.ServeHTTP(rec, req)
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// Fetch lets the wallet's verifier read the portal's published resources
// (DID document, status lists) through its HTTP endpoints.
func (d *demo) Fetch(_ context.Context, u string) ([]byte, error) {
	res, b := d.do("GET", u, nil, nil)
	if res.StatusCode == http.StatusNotFound {
		return nil, &fetch.Error{URL: u, Err: fetch.ErrNotFound}
	}
	if res.StatusCode != http.StatusOK {
		return nil, &fetch.Error{URL: u, Err: io.ErrUnexpectedEOF}
	}
	return b, nil
}

// wantOAuthError checks an error object of code from status.
func wantOAuthError(t *testing.T, res *http.Response, body []byte, status int, code oid4vc.Code, detail string) {
	t.Helper()
	e, ok := oid4vc.ParseErrorResponse(body)
	if res.StatusCode != status || !ok || e.Error != code || !strings.Contains(e.ErrorDescription, detail) {
		t.Fatalf("got %d %s, want %d %s (%q)", res.StatusCode, body, status, code, detail)
	}
}

var (
	offerURIRe = regexp.MustCompile(`<textarea id="offer-uri"[^>]*>([^<]*)</textarea>`)
	txCodeRe   = regexp.MustCompile(`<span class="big">(\d+)</span>`)
	reqURIRe   = regexp.MustCompile(`<textarea id="req-uri"[^>]*>([^<]*)</textarea>`)
	refLinkRe  = regexp.MustCompile(`href="(openid4vp://\?client_id=[^"]*request_uri=[^"]*)"`)
)

// onboard fills the employer form and returns the offer URI and tx_code
// shown on the page.
func (d *demo) onboard(config string, txCode bool) (offerURI, code string) {
	d.t.Helper()
	form := url.Values{"givenName": {"Ada"}, "surname": {"Lovelace"}, "roles": {"engineer, approver"}, "attributes": {"badge-7"}, "config": {config}}
	if txCode {
		form.Set("txCode", "1")
	}
	res, _ := d.do("POST", "/portal/offer", form, nil)
	if res.StatusCode != http.StatusSeeOther {
		d.t.Fatalf("create offer: %d", res.StatusCode)
	}
	res, page := d.do("GET", res.Header.Get("Location"), nil, nil)
	m := offerURIRe.FindSubmatch(page)
	if res.StatusCode != 200 || m == nil {
		d.t.Fatalf("offer page %d:\n%s", res.StatusCode, page)
	}
	if !strings.Contains(string(page), `src="data:image/png;base64,`) {
		d.t.Error("the offer page has no QR code")
	}
	if c := txCodeRe.FindSubmatch(page); c != nil {
		code = string(c[1])
	}
	return html.UnescapeString(string(m[1])), code
}

// receive runs the wallet side of OpenID4VCI: offer → metadata → token →
// nonce → credential. It returns the credential, or the first error
// response.
func (d *demo) receive(offerURI, txCode string, edit func(req *oid4vc.CredentialRequest)) (string, *oid4vc.ErrorResponse) {
	d.t.Helper()
	ref, err := oid4vc.ParseOfferURI(offerURI)
	if err != nil {
		d.t.Fatal(err)
	}
	offer := ref.Offer
	mdURL, _ := oid4vc.IssuerMetadataURL(offer.CredentialIssuer)
	_, b := d.do("GET", mdURL, nil, nil)
	md, err := oid4vc.ParseIssuerMetadata(b, offer.CredentialIssuer)
	if err != nil {
		d.t.Fatal(err)
	}
	asURL, _ := oid4vc.AuthServerMetadataURL(offer.CredentialIssuer)
	_, b = d.do("GET", asURL, nil, nil)
	as, err := oid4vc.ParseAuthServerMetadata(b, offer.CredentialIssuer)
	if err != nil {
		d.t.Fatal(err)
	}
	grant, err := offer.PreAuthorized()
	if err != nil {
		d.t.Fatal(err)
	}
	res, b := d.do("POST", as.TokenEndpoint, oid4vc.TokenRequest{GrantType: oid4vc.GrantTypePreAuthorizedCode, PreAuthorizedCode: grant.PreAuthorizedCode, TxCode: txCode}.Form(), nil)
	if e, ok := oid4vc.ParseErrorResponse(b); ok {
		return "", &e
	}
	tok, err := oid4vc.ParseTokenResponse(b)
	if err != nil || res.StatusCode != 200 {
		d.t.Fatalf("token: %d %v", res.StatusCode, err)
	}
	return d.credential(md, tok.AccessToken, offer.CredentialConfigurationIDs[0], edit)
}

// credential fetches a c_nonce and asks for the credential.
func (d *demo) credential(md *oid4vc.IssuerMetadata, token, config string, edit func(req *oid4vc.CredentialRequest)) (string, *oid4vc.ErrorResponse) {
	d.t.Helper()
	_, b := d.do("POST", md.NonceEndpoint, nil, nil)
	n, err := oid4vc.ParseNonceResponse(b)
	if err != nil {
		d.t.Fatal(err)
	}
	proof, err := oid4vc.NewProofJWT(d.holder, "", oid4vc.ProofParams{Audience: md.CredentialIssuer, Nonce: n.CNonce, IssuedAt: d.clock.Now()})
	if err != nil {
		d.t.Fatal(err)
	}
	req := oid4vc.NewCredentialRequest(config, proof)
	if edit != nil {
		edit(req)
	}
	body, _ := json.Marshal(req)
	res, b := d.do("POST", md.CredentialEndpoint, body, map[string]string{"Authorization": "Bearer " + token})
	if e, ok := oid4vc.ParseErrorResponse(b); ok {
		return "", &e
	}
	cr, err := oid4vc.ParseCredentialResponse(b)
	if err != nil || res.StatusCode != 200 {
		d.t.Fatalf("credential: %d %v", res.StatusCode, err)
	}
	return cr.Credentials[0].Credential, nil
}

// verifyAsWallet verifies a credential the way the wallet does on import:
// the portal's trust bundle, its resources fetched over HTTP.
func (d *demo) verifyAsWallet(cred string) verify.Result {
	d.t.Helper()
	_, b := d.do("GET", "/portal/trust.json", nil, nil)
	var req verify.Request
	if err := json.Unmarshal(b, &req); err != nil {
		d.t.Fatal(err)
	}
	opts, err := req.Apply(verify.Options{Now: d.clock.Now(), Fetcher: d})
	if err != nil {
		d.t.Fatal(err)
	}
	r, err := verify.Verify(context.Background(), []byte(cred), opts)
	if err != nil {
		d.t.Fatalf("verify: %v", err)
	}
	return r
}

// ask creates a relying party request on /rp and returns it, parsed from
// the links on the waiting page (by value, or by reference).
func (d *demo) ask(format string, byRef bool, claims ...string) *oid4vc.AuthorizationRequest {
	d.t.Helper()
	res, _ := d.do("POST", "/rp/request", url.Values{"claim": claims, "format": {format}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		d.t.Fatalf("create request: %d", res.StatusCode)
	}
	_, page := d.do("GET", res.Header.Get("Location"), nil, nil)
	if !byRef {
		m := reqURIRe.FindSubmatch(page)
		if m == nil {
			d.t.Fatalf("waiting page:\n%s", page)
		}
		ref, err := oid4vc.ParseRequestURI(html.UnescapeString(string(m[1])))
		if err != nil {
			d.t.Fatal(err)
		}
		return ref.Request
	}
	m := refLinkRe.FindSubmatch(page)
	if m == nil {
		d.t.Fatalf("waiting page has no request_uri link:\n%s", page)
	}
	ref, err := oid4vc.ParseRequestURI(html.UnescapeString(string(m[1])))
	if err != nil {
		d.t.Fatal(err)
	}
	res, obj := d.do("GET", ref.RequestURI, nil, nil)
	if ct := res.Header.Get("Content-Type"); ct != "application/oauth-authz-req+jwt" {
		d.t.Errorf("request object content type %q", ct)
	}
	req, err := oid4vc.ParseRequestObject(obj, ref.ClientID)
	if err != nil {
		d.t.Fatal(err)
	}
	return req
}

// respond runs the wallet side of OpenID4VP over the stored credentials:
// DCQL matching, SD-JWT presentation with a KB-JWT (nonce, client_id), and
// the direct_post. With no match it posts access_denied, as §8.5 says.
func (d *demo) respond(req *oid4vc.AuthorizationRequest, creds ...string) (url.Values, *http.Response, []byte) {
	d.t.Helper()
	var cands []oid4vc.Candidate
	var parsed []*sdjwt.SDJWT
	for _, c := range creds {
		s, err := sdjwt.Parse(c)
		if err != nil {
			d.t.Fatal(err)
		}
		claims, err := s.Claims()
		if err != nil {
			d.t.Fatal(err)
		}
		cand := oid4vc.Candidate{Format: s.JWT.Header.Typ, Claims: claims, HolderBinding: claims["cnf"] != nil}
		cand.Vct, _ = claims["vct"].(string)
		if ts, ok := claims["type"].([]any); ok {
			for _, t := range ts {
				cand.Types = append(cand.Types, t.(string))
			}
		}
		cands = append(cands, cand)
		parsed = append(parsed, s)
	}
	resp := &oid4vc.AuthorizationResponse{State: req.State}
	sel, err := oid4vc.Match(req.DCQLQuery, cands)
	if err != nil {
		if oid4vc.CodeOf(err) != oid4vc.CodeNoMatch {
			d.t.Fatal(err)
		}
		e := oid4vc.ErrorResponse{Error: oid4vc.CodeAccessDenied, ErrorDescription: err.Error()}
		resp.Error = &e
	} else {
		resp.VPToken = oid4vc.VPToken{}
		for id, ms := range sel.Matches {
			m := ms[0]
			pres, err := parsed[m.Index].Present(m.Disclose, &sdjwt.KBOptions{Signer: d.holder, Nonce: req.Nonce, Aud: req.ClientID, IAT: d.clock.Now()})
			if err != nil {
				d.t.Fatal(err)
			}
			resp.VPToken[id] = []string{pres}
		}
	}
	form, err := resp.Form()
	if err != nil {
		d.t.Fatal(err)
	}
	res, b := d.do("POST", req.ResponseURI, form, nil)
	return form, res, b
}

// result follows the redirect_uri of a direct_post answer to the result.
func (d *demo) result(res *http.Response, body []byte) *rpResult {
	d.t.Helper()
	var ans struct {
		RedirectURI string `json:"redirect_uri"`
	}
	if err := json.Unmarshal(body, &ans); err != nil || res.StatusCode != 200 || ans.RedirectURI == "" {
		d.t.Fatalf("direct_post answer %d %s", res.StatusCode, body)
	}
	_, b := d.do("GET", ans.RedirectURI, nil, map[string]string{"Accept": "application/json"})
	var r rpResult
	if err := json.Unmarshal(b, &r); err != nil {
		d.t.Fatalf("result %s: %v", b, err)
	}
	_, page := d.do("GET", ans.RedirectURI, nil, nil)
	if !strings.Contains(string(page), `<span class="badge `+string(r.Status)+`">`) {
		d.t.Errorf("the result page does not show the %s badge", r.Status)
	}
	return &r
}

func (d *demo) issuedCount() int {
	d.p.mu.Lock()
	defer d.p.mu.Unlock()
	return len(d.p.state.Issued)
}

// TestPortalFlow: onboard in /portal, receive the credential over
// OpenID4VCI, present the role only to /rp (active, exactly that claim),
// revoke in the portal, present again (revoked) — for both formats, by
// value and by reference.
func TestPortalFlow(t *testing.T) {
	for _, tt := range []struct {
		config, format string
		txCode, byRef  bool
	}{
		{configVC, oid4vc.FormatVCSDJWT, false, false},
		{configDC, oid4vc.FormatDCSDJWT, true, true},
	} {
		t.Run(tt.format, func(t *testing.T) {
			d := newDemo(t)
			uri, code := d.onboard(tt.config, tt.txCode)
			if tt.txCode != (code != "") {
				t.Fatalf("tx_code shown: %q", code)
			}
			cred, e := d.receive(uri, code, nil)
			if e != nil {
				t.Fatalf("issuance: %+v", e)
			}
			if r := d.verifyAsWallet(cred); r.Status != verify.StatusActive || string(r.Format) != tt.format {
				t.Fatalf("on import: %s %s %+v", r.Status, r.Format, r.Failed())
			}
			// The holder is bound: cnf is the proof's key, gx:holder its did:jwk.
			s, _ := sdjwt.Parse(cred)
			claims, _ := s.Claims()
			subject := claims
			if tt.format == oid4vc.FormatVCSDJWT {
				subject = claims["credentialSubject"].(map[string]any)
			}
			holder, _ := subject["gx:holder"].(string)
			if !strings.HasPrefix(holder, "did:jwk:") || !strings.HasSuffix(holder, "#0") || claims["cnf"] == nil {
				t.Errorf("gx:holder %q, cnf %v", holder, claims["cnf"])
			}

			req := d.ask(tt.format, tt.byRef, "roles")
			_, res, body := d.respond(req, cred)
			r := d.result(res, body)
			if r.Status != verify.StatusActive || !slices.Equal(r.Disclosed, []string{"gx:identityRoles"}) {
				t.Fatalf("presentation: %s, disclosed %v, %+v", r.Status, r.Disclosed, r.Error)
			}
			if roles, _ := r.Claims["gx:identityRoles"].([]any); len(roles) != 2 {
				t.Errorf("roles %v", r.Claims["gx:identityRoles"])
			}

			// Suspend, then reinstate, then revoke.
			id := d.p.snapshot()[0].ID
			for _, step := range []struct {
				action string
				want   verify.Status
			}{{"suspend", verify.StatusSuspended}, {"reinstate", verify.StatusActive}, {"revoke", verify.StatusRevoked}} {
				res, _ := d.do("POST", "/portal/status", url.Values{"id": {id}, "action": {step.action}}, map[string]string{"Origin": testOrigin})
				if res.StatusCode != http.StatusSeeOther {
					t.Fatalf("%s: %d", step.action, res.StatusCode)
				}
				_, res, body = d.respond(d.ask(tt.format, tt.byRef, "roles"), cred)
				if r := d.result(res, body); r.Status != step.want {
					t.Fatalf("after %s: %s, want %s", step.action, r.Status, step.want)
				}
			}
			if res, _ := d.do("POST", "/portal/status", url.Values{"id": {id}, "action": {"reinstate"}}, nil); res.StatusCode != http.StatusBadRequest {
				t.Errorf("reinstating a revoked credential: %d", res.StatusCode)
			}
			if d.issuedCount() != 1 {
				t.Errorf("%d credentials recorded", d.issuedCount())
			}
		})
	}
}

// TestPortalBadInput: the bad-input list of issue 7, each a coded error
// with nothing stored twice.
func TestPortalBadInput(t *testing.T) {
	d := newDemo(t)

	t.Run("malformed offer", func(t *testing.T) {
		for _, bad := range []string{
			"openid-credential-offer://?credential_offer=%7B%22credential_issuer%22",
			"openid-credential-offer://?credential_offer=" + url.QueryEscape(`{"credential_issuer":"http://evil.example","credential_configuration_ids":["x"]}`),
			"openid-credential-offer://?nothing=here",
		} {
			if _, err := oid4vc.ParseOfferURI(bad); oid4vc.CodeOf(err) != oid4vc.CodeMalformed {
				t.Errorf("%s: %v", bad, err)
			}
		}
		res, b := d.do("GET", "/oid4vci/offer/unknown", nil, nil)
		wantOAuthError(t, res, b, 404, oid4vc.CodeInvalidRequest, "unknown or expired")
	})

	t.Run("unknown credential configuration", func(t *testing.T) {
		uri, _ := d.onboard(configVC, false)
		before := d.issuedCount()
		_, e := d.receive(uri, "", func(r *oid4vc.CredentialRequest) { r.CredentialConfigurationID = "gx-party-mso_mdoc" })
		if e == nil || e.Error != oid4vc.CodeUnknownCredentialConfiguration {
			t.Fatalf("got %+v", e)
		}
		if d.issuedCount() != before {
			t.Error("a credential was recorded")
		}
	})

	t.Run("wrong tx_code", func(t *testing.T) {
		uri, code := d.onboard(configVC, true)
		ref, _ := oid4vc.ParseOfferURI(uri)
		pre := ref.Offer.Grants.PreAuthorizedCode.PreAuthorizedCode
		token := func(tx string) (*http.Response, []byte) {
			return d.do("POST", "/oid4vci/token", oid4vc.TokenRequest{GrantType: oid4vc.GrantTypePreAuthorizedCode, PreAuthorizedCode: pre, TxCode: tx}.Form(), nil)
		}
		res, b := token("000000x")
		wantOAuthError(t, res, b, 400, oid4vc.CodeInvalidGrant, "tx_code is wrong")
		res, b = token("")
		wantOAuthError(t, res, b, 400, oid4vc.CodeInvalidGrant, "tx_code is required")
		// The right code still works after two mistakes, once.
		if res, b := token(code); res.StatusCode != 200 {
			t.Fatalf("right code: %d %s", res.StatusCode, b)
		}
		res, b = token(code)
		wantOAuthError(t, res, b, 400, oid4vc.CodeInvalidGrant, "unknown or already used")

		// Three wrong codes withdraw the offer.
		uri, code = d.onboard(configVC, true)
		ref, _ = oid4vc.ParseOfferURI(uri)
		pre = ref.Offer.Grants.PreAuthorizedCode.PreAuthorizedCode
		token("1")
		token("2")
		res, b = token("3")
		wantOAuthError(t, res, b, 400, oid4vc.CodeInvalidGrant, "too many attempts")
		res, b = token(code)
		wantOAuthError(t, res, b, 400, oid4vc.CodeInvalidGrant, "unknown or already used")
	})

	t.Run("stale c_nonce with a live token; replayed proof", func(t *testing.T) {
		uri, _ := d.onboard(configVC, false)
		ref, _ := oid4vc.ParseOfferURI(uri)
		_, b := d.do("POST", "/oid4vci/nonce", nil, nil)
		stale, _ := oid4vc.ParseNonceResponse(b)
		d.clock.Advance(4 * time.Minute)
		_, b = d.do("POST", "/oid4vci/token", oid4vc.TokenRequest{GrantType: oid4vc.GrantTypePreAuthorizedCode, PreAuthorizedCode: ref.Offer.Grants.PreAuthorizedCode.PreAuthorizedCode}.Form(), nil)
		tok, _ := oid4vc.ParseTokenResponse(b)
		d.clock.Advance(2 * time.Minute) // the nonce is 6 minutes old, the token 2
		send := func(nonce string) (*http.Response, []byte) {
			proof, _ := oid4vc.NewProofJWT(d.holder, "", oid4vc.ProofParams{Audience: testOrigin, Nonce: nonce, IssuedAt: d.clock.Now()})
			body, _ := json.Marshal(oid4vc.NewCredentialRequest(configVC, proof))
			return d.do("POST", "/oid4vci/credential", body, map[string]string{"Authorization": "Bearer " + tok.AccessToken})
		}
		before := d.issuedCount()
		res, b := send(stale.CNonce)
		wantOAuthError(t, res, b, 400, oid4vc.CodeInvalidNonce, "expired")
		// The wallet fetches a fresh nonce and retries: one credential.
		_, b = d.do("POST", "/oid4vci/nonce", nil, nil)
		fresh, _ := oid4vc.ParseNonceResponse(b)
		if res, b := send(fresh.CNonce); res.StatusCode != 200 {
			t.Fatalf("retry: %d %s", res.StatusCode, b)
		}
		// The same request again: the token is used up.
		res, b = send(fresh.CNonce)
		wantOAuthError(t, res, b, 401, oid4vc.CodeInvalidToken, "unknown or already used")
		if d.issuedCount() != before+1 {
			t.Errorf("%d credentials recorded, want %d", d.issuedCount(), before+1)
		}
	})

	t.Run("proof for another issuer", func(t *testing.T) {
		uri, _ := d.onboard(configVC, false)
		ref, _ := oid4vc.ParseOfferURI(uri)
		_, b := d.do("POST", "/oid4vci/token", oid4vc.TokenRequest{GrantType: oid4vc.GrantTypePreAuthorizedCode, PreAuthorizedCode: ref.Offer.Grants.PreAuthorizedCode.PreAuthorizedCode}.Form(), nil)
		tok, _ := oid4vc.ParseTokenResponse(b)
		_, b = d.do("POST", "/oid4vci/nonce", nil, nil)
		n, _ := oid4vc.ParseNonceResponse(b)
		proof, _ := oid4vc.NewProofJWT(d.holder, "", oid4vc.ProofParams{Audience: "https://other.example", Nonce: n.CNonce, IssuedAt: d.clock.Now()})
		body, _ := json.Marshal(oid4vc.NewCredentialRequest(configVC, proof))
		res, b := d.do("POST", "/oid4vci/credential", body, map[string]string{"Authorization": "Bearer " + tok.AccessToken})
		wantOAuthError(t, res, b, 400, oid4vc.CodeInvalidProof, "aud")
		res, b = d.do("POST", "/oid4vci/credential", []byte(`{"credential_configuration_id":"x","credential_configuration_id":"y"}`), map[string]string{"Authorization": "Bearer " + tok.AccessToken})
		wantOAuthError(t, res, b, 400, oid4vc.CodeInvalidRequest, "duplicate")
		res, b = d.do("POST", "/oid4vci/credential", body, nil)
		wantOAuthError(t, res, b, 401, oid4vc.CodeInvalidToken, "Bearer")
	})

	uri, _ := d.onboard(configVC, false)
	cred, e := d.receive(uri, "", nil)
	if e != nil {
		t.Fatal(e)
	}

	t.Run("DCQL nothing satisfies", func(t *testing.T) {
		req := d.ask(oid4vc.FormatDCSDJWT, false, "roles") // the wallet holds a vc+sd-jwt only
		form, res, body := d.respond(req, cred)
		if form.Get("error") != string(oid4vc.CodeAccessDenied) {
			t.Fatalf("the wallet answered %v", form)
		}
		r := d.result(res, body)
		if r.Status != verify.StatusInvalid || r.Error == nil || r.Error.Error != oid4vc.CodeAccessDenied || len(r.Claims) != 0 {
			t.Errorf("result %+v", r)
		}
	})

	t.Run("expired request nonce", func(t *testing.T) {
		req := d.ask(oid4vc.FormatVCSDJWT, false, "roles")
		d.clock.Advance(rpTTL + time.Second)
		_, res, body := d.respond(req, cred)
		wantOAuthError(t, res, body, 400, oid4vc.CodeInvalidRequest, "expired")
	})

	t.Run("replayed response", func(t *testing.T) {
		req := d.ask(oid4vc.FormatVCSDJWT, false, "roles", "surname")
		form, res, body := d.respond(req, cred)
		if r := d.result(res, body); r.Status != verify.StatusActive || !slices.Equal(r.Disclosed, []string{"gx:surname", "gx:identityRoles"}) {
			t.Fatalf("first answer: %s %v", r.Status, r.Disclosed)
		}
		results := d.p.results.Len()
		res, body = d.do("POST", "/rp/response", form, nil)
		wantOAuthError(t, res, body, 400, oid4vc.CodeInvalidRequest, "already answered")
		if d.p.results.Len() != results {
			t.Error("the replay was recorded")
		}
		// Replayed to a new request (another nonce): refused by key binding.
		req2 := d.ask(oid4vc.FormatVCSDJWT, false, "roles", "surname")
		form.Set("state", req2.State)
		res, body = d.do("POST", "/rp/response", form, nil)
		if r := d.result(res, body); r.Status != verify.StatusInvalid || r.Results[0].Failed().Code != verify.CodeNonceMismatch {
			t.Errorf("replay to a new request: %s %+v", r.Status, r.Results[0].Failed())
		}
	})

	t.Run("cross-origin form", func(t *testing.T) {
		res, _ := d.do("POST", "/portal/status", url.Values{"id": {"x"}, "action": {"revoke"}}, map[string]string{"Origin": "https://evil.example"})
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-origin revoke: %d", res.StatusCode)
		}
	})
}

// TestPortalPersistence: the issuer key, DID and issued credentials
// survive a restart; status lists are signed by the same key.
func TestPortalPersistence(t *testing.T) {
	d := newDemo(t)
	uri, _ := d.onboard(configDC, false)
	cred, e := d.receive(uri, "", nil)
	if e != nil {
		t.Fatal(e)
	}
	p2, err := openPortal(d.dir, testOrigin, d.clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	if string(p2.didDoc) != string(d.p.didDoc) || len(p2.state.Issued) != 1 || p2.did != "did:web:localhost%3A8080" {
		t.Fatalf("after restart: %s, %d issued", p2.did, len(p2.state.Issued))
	}
	d.p, d.h = p2, p2.handler(http.NotFoundHandler())
	if r := d.verifyAsWallet(cred); r.Status != verify.StatusActive {
		t.Errorf("after restart: %s %+v", r.Status, r.Failed())
	}
	fi, err := os.Stat(filepath.Join(p2.dir, "issuer-key.pem"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("issuer key file: %v %v", fi, err)
	}
	for _, name := range []string{"did.json", "trust.json", "state.json"} {
		if _, err := os.Stat(filepath.Join(p2.dir, name)); err != nil {
			t.Error(err)
		}
	}
	if originOf("localhost:8080") != testOrigin || originOf(":9000") != "http://localhost:9000" {
		t.Error("originOf")
	}
}

// TestPortalPages: every page renders completely, with no blanked link
// and no remote resource.
func TestPortalPages(t *testing.T) {
	d := newDemo(t)
	uri, _ := d.onboard(configVC, true)
	cred, _ := d.receive(uri, "", nil) // refused: the tx_code is missing
	if cred != "" {
		t.Fatal("issued without the tx_code")
	}
	res, _ := d.do("POST", "/rp/request", url.Values{"claim": {"roles"}}, nil)
	wait := res.Header.Get("Location")
	for _, path := range []string{"/portal", "/portal?offer=expired", "/rp", wait} {
		res, b := d.do("GET", path, nil, nil)
		page := string(b)
		if res.StatusCode != 200 || !strings.HasSuffix(strings.TrimSpace(page), "</html>") || strings.Contains(page, "ZgotmplZ") ||
			strings.Contains(page, "https://") && !strings.Contains(path, "wait") {
			t.Errorf("%s: %d\n%s", path, res.StatusCode, page)
		}
	}
	res, b := d.do("POST", "/rp/request", url.Values{}, nil)
	if res.StatusCode != 400 || !strings.Contains(string(b), "choose at least one claim") {
		t.Errorf("empty request form: %d", res.StatusCode)
	}
	res, b = d.do("POST", "/portal/offer", url.Values{"givenName": {"Ada"}}, nil)
	if res.StatusCode != 400 || !strings.Contains(string(b), "required") {
		t.Errorf("incomplete onboarding form: %d", res.StatusCode)
	}
	res, _ = d.do("GET", "/status/nope", nil, nil)
	if res.StatusCode != 404 {
		t.Errorf("unknown status list: %d", res.StatusCode)
	}
}
