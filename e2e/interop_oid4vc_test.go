package e2e

// Interop of OpenID4VCI 1.0 (Pre-Authorized Code Flow) and OpenID4VP 1.0
// (DCQL, direct_post) with the OpenWallet Foundation's TypeScript
// libraries, pinned in e2e/package.json: @openid4vc/openid4vci,
// @openid4vc/openid4vp and @openid4vc/oauth2 0.4.6, dcql 3.0.0, with
// @sd-jwt/* 0.19.0 for the credentials. e2e/node/oid4vc.mjs is their side.
//
//   - TestInteropOID4VCPortal: our portal (`gxwallet serve`, /portal and
//     /rp) with their holder.
//   - TestInteropOID4VCTheirServers: their issuer and verifier with our
//     wallet's protocol code (core/oid4vc's holder functions over net/http).
//
// Everything runs on loopback.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gxwallet/gxwallet/core/oid4vc"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/verify"
)

// runOID4VCNode runs holder operations of oid4vc.mjs in one Node process,
// like runNode does for interop.mjs.
func runOID4VCNode(t *testing.T, ops ...nodeOp) []nodeResult {
	t.Helper()
	return runNodeScript(t, "oid4vc.mjs", filepath.Join("@openid4vc", "openid4vp"), ops)
}

// theirError is what oid4vc.mjs reports when their library or the other
// side refused: the OAuth error object, when there was one.
type theirError struct {
	Error  string                `json:"error"`
	OAuth  *oid4vc.ErrorResponse `json:"oauth"`
	Status int                   `json:"status"`
}

// noRedirects is an HTTP client that shows redirects instead of following
// them and never waits long.
var noRedirects = &http.Client{
	Timeout:       15 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// portalProc is a `gxwallet serve` with its demo portal.
type portalProc struct {
	url  string // http://localhost:port, the portal's origin
	data string // its -data folder
}

// startPortal runs `gxwallet serve` on localhost with a fresh data folder.
// The port is chosen here: the portal takes its origin (and its did:web)
// from -addr, so port 0 would give it the origin localhost:0; and the host
// is localhost, because a did:web names a domain, never an IP address.
func startPortal(t *testing.T) *portalProc {
	t.Helper()
	dist := distDir(t)
	bin := buildGxwallet(t)
	ln, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	p := &portalProc{data: t.TempDir()}
	cmd := exec.Command(bin, "serve", "-addr", fmt.Sprintf("localhost:%d", port), "-dir", dist, "-data", p.data)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "gxwallet: serving on "); ok {
				lines <- u
			}
		}
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	select {
	case p.url = <-lines:
	case err := <-exited:
		t.Fatalf("gxwallet serve exited: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("gxwallet serve did not say where it listens")
	}
	return p
}

// do sends a request to the portal and returns the answer and its body.
func (p *portalProc) do(t *testing.T, method, path string, form url.Values, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	target := path
	if strings.HasPrefix(path, "/") {
		target = p.url + path
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

var (
	pOfferURIRe = regexp.MustCompile(`<textarea id="offer-uri"[^>]*>([^<]*)</textarea>`)
	pTxCodeRe   = regexp.MustCompile(`<span class="big">(\d+)</span>`)
	pOfferRefRe = regexp.MustCompile(`href="(openid-credential-offer://\?credential_offer_uri=[^"]*)"`)
	pReqURIRe   = regexp.MustCompile(`<textarea id="req-uri"[^>]*>([^<]*)</textarea>`)
	pReqRefRe   = regexp.MustCompile(`href="(openid4vp://\?client_id=[^"]*request_uri=[^"]*)"`)
)

// portalOffer is what the employer's offer page shows.
type portalOffer struct{ byValue, byRef, txCode string }

// onboard fills the employer's form and reads the offer page.
func (p *portalProc) onboard(t *testing.T, config string, txCode bool) portalOffer {
	t.Helper()
	form := url.Values{"givenName": {"Ada"}, "surname": {"Lovelace"}, "roles": {"engineer, approver"}, "attributes": {"badge-7"}, "config": {config}}
	if txCode {
		form.Set("txCode", "1")
	}
	res, _ := p.do(t, "POST", "/portal/offer", form, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create offer: %d", res.StatusCode)
	}
	_, page := p.do(t, "GET", res.Header.Get("Location"), nil, nil)
	v, r := pOfferURIRe.FindSubmatch(page), pOfferRefRe.FindSubmatch(page)
	if v == nil || r == nil {
		t.Fatalf("offer page:\n%s", page)
	}
	o := portalOffer{byValue: html.UnescapeString(string(v[1])), byRef: html.UnescapeString(string(r[1]))}
	if c := pTxCodeRe.FindSubmatch(page); c != nil {
		o.txCode = string(c[1])
	}
	if txCode != (o.txCode != "") {
		t.Fatalf("tx_code shown: %q", o.txCode)
	}
	return o
}

// ask creates a relying party request and returns its two links: by value
// and by reference.
func (p *portalProc) ask(t *testing.T, format string, claims ...string) (byValue, byRef string) {
	t.Helper()
	res, _ := p.do(t, "POST", "/rp/request", url.Values{"claim": claims, "format": {format}}, nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create request: %d", res.StatusCode)
	}
	_, page := p.do(t, "GET", res.Header.Get("Location"), nil, nil)
	v, r := pReqURIRe.FindSubmatch(page), pReqRefRe.FindSubmatch(page)
	if v == nil || r == nil {
		t.Fatalf("waiting page:\n%s", page)
	}
	return html.UnescapeString(string(v[1])), html.UnescapeString(string(r[1]))
}

// portalResult is the part of the relying party's result the tests read.
type portalResult struct {
	Status    verify.Status         `json:"status"`
	Format    string                `json:"format"`
	Disclosed []string              `json:"disclosed"`
	Claims    map[string]any        `json:"claims"`
	Error     *oid4vc.ErrorResponse `json:"error"`
}

// result reads the relying party's result page as JSON.
func (p *portalProc) result(t *testing.T, redirectURI string) portalResult {
	t.Helper()
	if !strings.HasPrefix(redirectURI, p.url+"/rp/result/") {
		t.Fatalf("redirect_uri %q is not a result page of the portal", redirectURI)
	}
	res, b := p.do(t, "GET", redirectURI, nil, map[string]string{"Accept": "application/json"})
	var r portalResult
	if err := json.Unmarshal(b, &r); err != nil || res.StatusCode != 200 {
		t.Fatalf("result %d %s: %v", res.StatusCode, b, err)
	}
	return r
}

// issued reads the portal's record of issued credentials.
func (p *portalProc) issued(t *testing.T) []struct{ ID, Holder, Config, Status string } {
	t.Helper()
	u, _ := url.Parse(p.url)
	b, err := os.ReadFile(filepath.Join(p.data, strings.ReplaceAll(u.Host, ":", "_"), "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		Issued []struct{ ID, Holder, Config, Status string }
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	return st.Issued
}

// theirCredential is what their holder received.
type theirCredential struct {
	Credentials      []string        `json:"credentials"`
	HolderPrivateJWK json.RawMessage `json:"holderPrivateJwk"`
	Version          string          `json:"version"`
	TokenType        string          `json:"tokenType"`
}

// theirPresentation is what their holder sent and what came back.
type theirPresentation struct {
	ClientID     string `json:"clientId"`
	ClientPrefix string `json:"clientPrefix"`
	ResponseMode string `json:"responseMode"`
	Status       int    `json:"status"`
	Body         struct {
		RedirectURI string `json:"redirect_uri"`
	} `json:"body"`
	Replay *struct {
		Status int                  `json:"status"`
		Body   oid4vc.ErrorResponse `json:"body"`
	} `json:"replay"`
}

// TestInteropOID4VCPortal: their holder (Openid4vciClient, Openid4vpClient,
// dcql) against our portal. It receives a Party Credential in both formats
// (with and without tx_code, offer by value and by reference), presents the
// role only to /rp (active, exactly that claim disclosed), and after a
// revocation in the portal presents again (revoked). Bad input: a wrong
// tx_code (their client reports our invalid_grant), a replayed response
// (our invalid_request), a response with a forged state, and the request
// by reference, which their holder refuses (see the subtest).
func TestInteropOID4VCPortal(t *testing.T) {
	p := startPortal(t)
	for _, tt := range []struct {
		config, format string
		txCode, byRef  bool
	}{
		{"gx-party-dc+sd-jwt", oid4vc.FormatDCSDJWT, true, false},
		{"gx-party-vc+sd-jwt", oid4vc.FormatVCSDJWT, false, true},
	} {
		t.Run(tt.format, func(t *testing.T) {
			before := len(p.issued(t))
			o := p.onboard(t, tt.config, tt.txCode)
			offer := o.byValue
			if tt.byRef {
				offer = o.byRef
			}
			res := runOID4VCNode(t, nodeOp{"op": "vci.receive", "offer": offer, "txCode": o.txCode})
			var got theirCredential
			res[0].must(t, "vci.receive").decode(t, &got)
			if len(got.Credentials) != 1 || got.TokenType != "Bearer" {
				t.Fatalf("their client received %d credentials, token type %q", len(got.Credentials), got.TokenType)
			}
			cred := got.Credentials[0]
			s, err := sdjwt.Parse(cred)
			if err != nil {
				t.Fatal(err)
			}
			if s.JWT.Header.Typ != tt.format {
				t.Errorf("typ %q, want %q", s.JWT.Header.Typ, tt.format)
			}
			// The portal bound the credential to their holder's key.
			recs := p.issued(t)
			if len(recs) != before+1 {
				t.Fatalf("%d credentials recorded, want %d", len(recs), before+1)
			}
			rec := recs[len(recs)-1]
			var hk struct{ X string }
			json.Unmarshal(got.HolderPrivateJWK, &hk)
			claims, _ := s.Claims()
			cnf, _ := claims["cnf"].(map[string]any)
			jwk, _ := cnf["jwk"].(map[string]any)
			if !strings.HasPrefix(rec.Holder, "did:jwk:") || rec.Config != tt.config || jwk["x"] != hk.X {
				t.Errorf("recorded holder %q config %q; cnf %v, their key x %q", rec.Holder, rec.Config, cnf, hk.X)
			}

			present := func(req string, replay bool) theirPresentation {
				t.Helper()
				res := runOID4VCNode(t, nodeOp{"op": "vp.respond", "request": req, "credentials": got.Credentials,
					"holderPrivateJwk": got.HolderPrivateJWK, "replay": replay})
				var pr theirPresentation
				res[0].must(t, "vp.respond").decode(t, &pr)
				if pr.Status != 200 || pr.ClientPrefix != "redirect_uri" || pr.ResponseMode != "direct_post" {
					t.Fatalf("their holder: HTTP %d, client id prefix %q, response mode %q", pr.Status, pr.ClientPrefix, pr.ResponseMode)
				}
				return pr
			}
			byValue, _ := p.ask(t, tt.format, "roles")
			pr := present(byValue, true)
			r := p.result(t, pr.Body.RedirectURI)
			if r.Status != verify.StatusActive || !slices.Equal(r.Disclosed, []string{"gx:identityRoles"}) || r.Format != tt.format {
				t.Fatalf("their presentation: %s %s, disclosed %v, error %+v", r.Status, r.Format, r.Disclosed, r.Error)
			}
			if roles, _ := r.Claims["gx:identityRoles"].([]any); len(roles) != 2 {
				t.Errorf("roles %v", r.Claims["gx:identityRoles"])
			}
			// The same response again: refused before anything is verified.
			if pr.Replay == nil || pr.Replay.Status != 400 || pr.Replay.Body.Error != oid4vc.CodeInvalidRequest ||
				!strings.Contains(pr.Replay.Body.ErrorDescription, "already answered") {
				t.Errorf("replayed response: %+v", pr.Replay)
			}

			// Revoke in the portal: the next presentation is revoked.
			res2, _ := p.do(t, "POST", "/portal/status", url.Values{"id": {rec.ID}, "action": {"revoke"}}, map[string]string{"Origin": p.url})
			if res2.StatusCode != http.StatusSeeOther {
				t.Fatalf("revoke: %d", res2.StatusCode)
			}
			byValue, _ = p.ask(t, tt.format, "roles")
			if r := p.result(t, present(byValue, false).Body.RedirectURI); r.Status != verify.StatusRevoked {
				t.Errorf("after revocation: %s, want revoked", r.Status)
			}
		})
	}

	t.Run("wrong tx_code", func(t *testing.T) {
		o := p.onboard(t, "gx-party-dc+sd-jwt", true)
		wrong := []byte(o.txCode)
		wrong[0] = '0' + (wrong[0]-'0'+1)%10
		before := len(p.issued(t))
		res := runOID4VCNode(t, nodeOp{"op": "vci.receive", "offer": o.byValue, "txCode": string(wrong)})
		var e theirError
		res[0].decode(t, &e)
		if res[0].OK || e.OAuth == nil || e.OAuth.Error != oid4vc.CodeInvalidGrant || !strings.Contains(e.OAuth.ErrorDescription, "tx_code is wrong") {
			t.Fatalf("their client with a wrong tx_code: ok=%v %+v", res[0].OK, e)
		}
		t.Logf("their client: %.200s", e.Error)
		if n := len(p.issued(t)); n != before {
			t.Errorf("%d credentials recorded, want %d", n, before)
		}
	})

	t.Run("forged state, request by reference", func(t *testing.T) {
		o := p.onboard(t, "gx-party-dc+sd-jwt", false)
		res := runOID4VCNode(t, nodeOp{"op": "vci.receive", "offer": o.byValue})
		var got theirCredential
		res[0].must(t, "vci.receive").decode(t, &got)
		byValue, byRef := p.ask(t, oid4vc.FormatDCSDJWT, "roles")
		res = runOID4VCNode(t,
			nodeOp{"op": "vp.respond", "request": byValue, "credentials": got.Credentials, "holderPrivateJwk": got.HolderPrivateJWK,
				"editResponse": map[string]any{"state": "forged"}},
			// OpenID4VP §5.9.3: under the redirect_uri prefix the request
			// is not signed; by reference the portal serves it as an
			// unsecured JWT (alg none, empty signature). Their holder
			// accepts no JWT without a signature (zCompactJwt) and no
			// request object at all under this prefix.
			nodeOp{"op": "vp.respond", "request": byRef, "credentials": got.Credentials, "holderPrivateJwk": got.HolderPrivateJWK})
		var forged struct {
			Status int                  `json:"status"`
			Body   oid4vc.ErrorResponse `json:"body"`
		}
		res[0].must(t, "vp.respond forged").decode(t, &forged)
		if forged.Status != 400 || forged.Body.Error != oid4vc.CodeInvalidRequest {
			t.Errorf("forged state: %+v", forged)
		}
		var e theirError
		res[1].decode(t, &e)
		if res[1].OK || e.OAuth == nil || e.OAuth.Error != "invalid_request_object" {
			t.Errorf("their holder on our request by reference: ok=%v %+v (if it is accepted now, update this test and the portal's QR note)", res[1].OK, e)
		}
		t.Logf("their holder on our request_uri: %.200s", e.Error)
	})
}

// httpTransport is the wallet's oid4vc.Transport over net/http: no
// redirects, no cookies, bodies bounded.
type httpTransport struct{ c *http.Client }

func (h httpTransport) Do(ctx context.Context, r oid4vc.HTTPRequest) (oid4vc.HTTPResponse, error) {
	var body io.Reader
	if r.Body != nil {
		body = bytes.NewReader(r.Body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, body)
	if err != nil {
		return oid4vc.HTTPResponse{}, err
	}
	if r.ContentType != "" {
		req.Header.Set("Content-Type", r.ContentType)
	}
	if r.Authorization != "" {
		req.Header.Set("Authorization", r.Authorization)
	}
	if r.Accept != "" {
		req.Header.Set("Accept", r.Accept)
	}
	res, err := h.c.Do(req)
	if err != nil {
		return oid4vc.HTTPResponse{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, int64(r.Limit)+1))
	if err != nil {
		return oid4vc.HTTPResponse{}, err
	}
	return oid4vc.HTTPResponse{Status: res.StatusCode, ContentType: res.Header.Get("Content-Type"), Body: b}, nil
}

// startTheirServers runs `node oid4vc.mjs serve` (their issuer and
// verifier) and returns its base URL.
func startTheirServers(t *testing.T) string {
	t.Helper()
	distDir(t)
	cmd := exec.Command("node", "oid4vc.mjs", "serve")
	cmd.Dir = "node"
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	first := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			first <- sc.Text()
		}
		io.Copy(io.Discard, out)
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() {
		stdin.Close() // the server stops when stdin closes
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	})
	select {
	case line := <-first:
		var v struct{ URL string }
		if err := json.Unmarshal([]byte(line), &v); err != nil || v.URL == "" {
			t.Fatalf("their server said %q", line)
		}
		return v.URL
	case err := <-exited:
		t.Fatalf("their server exited: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("their server did not start")
	}
	return ""
}

// admin calls a test control of their server.
func admin(t *testing.T, method, u string, in, out any) int {
	t.Helper()
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, u, body)
	req.Header.Set("Content-Type", "application/json")
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	return res.StatusCode
}

// theirResult is what their verifier concluded.
type theirResult struct {
	Valid         bool     `json:"valid"`
	DCQLSatisfied bool     `json:"dcqlSatisfied"`
	Disclosed     []string `json:"disclosed"`
	Error         string   `json:"error"`
	Presentations map[string][]struct {
		Claims map[string]any `json:"claims"`
		KB     map[string]any `json:"kb"`
	} `json:"presentations"`
}

// TestInteropOID4VCTheirServers: our wallet's protocol code (ResolveOffer,
// Redeem, ResolveRequest, Match, sdjwt Present, Submit) against their
// issuer (Openid4vciIssuer, Oauth2AuthorizationServer with JWT access
// tokens, Oauth2ResourceServer) and verifier (Openid4vpVerifier, dcql):
// the credential verifies with ours, the role-only presentation verifies
// with theirs and shows only that claim. Bad input: a wrong tx_code
// (their invalid_grant reaches our code), a replayed response and a
// presentation for another nonce (their verifier refuses both).
func TestInteropOID4VCTheirServers(t *testing.T) {
	base := startTheirServers(t)
	ctx := t.Context()
	tr := httpTransport{c: noRedirects}
	holder, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}

	var offer struct {
		Offer, TxCode, Issuer string
	}
	admin(t, "POST", base+"/admin/offer", map[string]any{"txCode": true}, &offer)
	o, err := oid4vc.ResolveOffer(ctx, tr, offer.Offer)
	if err != nil {
		t.Fatalf("resolve their offer: %v", err)
	}
	if o.Grant.TxCode == nil || len(o.Configurations) != 1 || o.Configurations[0].Format != oid4vc.FormatDCSDJWT || o.IssuerName("en") != "oid4vc-ts demo issuer" {
		t.Fatalf("their offer as we read it: tx_code %+v, %d configurations, issuer %q", o.Grant.TxCode, len(o.Configurations), o.IssuerName("en"))
	}
	if o.TokenEndpoint != base+"/token" {
		t.Errorf("token endpoint %q", o.TokenEndpoint)
	}

	t.Run("wrong tx_code", func(t *testing.T) {
		var o2 struct{ Offer, TxCode string }
		admin(t, "POST", base+"/admin/offer", map[string]any{"txCode": true}, &o2)
		ro, err := oid4vc.ResolveOffer(ctx, tr, o2.Offer)
		if err != nil {
			t.Fatal(err)
		}
		wrong := []byte(o2.TxCode)
		wrong[0] = '0' + (wrong[0]-'0'+1)%10
		_, err = ro.Redeem(ctx, tr, oid4vc.RedeemOptions{TxCode: string(wrong), Signer: holder, Now: time.Now()})
		if oid4vc.CodeOf(err) != oid4vc.CodeInvalidGrant {
			t.Fatalf("wrong tx_code: %v (code %q)", err, oid4vc.CodeOf(err))
		}
		t.Logf("their authorization server: %v", err)
	})

	// Their authorization server issues RFC 9068 JWT access tokens (about
	// 600 bytes): core/oid4vc bounds tokens by MaxTokenLength, not by the
	// 512 bytes of a nonce.
	creds, err := o.Redeem(ctx, tr, oid4vc.RedeemOptions{TxCode: offer.TxCode, Signer: holder, Now: time.Now()})
	if err != nil || len(creds) != 1 {
		t.Fatalf("redeem their offer: %d credentials, %v", len(creds), err)
	}
	cred := creds[0]
	// Their credential verifies with ours (did:jwk issuer, resolved
	// without the network) and is bound to our holder key.
	vr := verifyAt(t, cred, offer.Issuer, time.Now())
	if vr.Status != verify.StatusActive || vr.Format != verify.FormatDCSDJWT {
		t.Fatalf("their credential with our verifier: %s %s %s", vr.Status, vr.Format, checksText(vr))
	}
	s, err := sdjwt.Parse(cred)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := s.Claims()
	if err != nil {
		t.Fatal(err)
	}
	holderJWK := publicJWK(t, holder.Public())
	var want, gotJWK map[string]any
	json.Unmarshal(holderJWK, &want)
	cnf, _ := claims["cnf"].(map[string]any)
	gotJWK, _ = cnf["jwk"].(map[string]any)
	if gotJWK["x"] != want["x"] || gotJWK["y"] != want["y"] {
		t.Errorf("cnf.jwk %v is not our holder key %v", gotJWK, want)
	}

	// present resolves a request of their verifier and answers it with
	// the matched claims; nonce overrides the KB-JWT's nonce when set.
	present := func(t *testing.T, claimNames []string, nonce string) (*oid4vc.AuthorizationRequest, *oid4vc.AuthorizationResponse, string) {
		t.Helper()
		var rq struct{ Request, State string }
		admin(t, "POST", base+"/admin/request", map[string]any{"claims": claimNames}, &rq)
		req, err := oid4vc.ResolveRequest(ctx, tr, rq.Request)
		if err != nil {
			t.Fatalf("resolve their request: %v", err)
		}
		if req.State != rq.State || req.ResponseMode != oid4vc.ResponseModeDirectPost || !strings.HasPrefix(req.ClientID, "redirect_uri:") {
			t.Fatalf("their request as we read it: %+v", req)
		}
		cand := oid4vc.Candidate{Format: s.JWT.Header.Typ, Claims: claims, HolderBinding: true}
		cand.Vct, _ = claims["vct"].(string)
		sel, err := oid4vc.Match(req.DCQLQuery, []oid4vc.Candidate{cand})
		if err != nil {
			t.Fatalf("match their DCQL query: %v", err)
		}
		resp := &oid4vc.AuthorizationResponse{State: req.State, VPToken: oid4vc.VPToken{}}
		if nonce == "" {
			nonce = req.Nonce
		}
		for id, ms := range sel.Matches {
			pres, err := s.Present(ms[0].Disclose, &sdjwt.KBOptions{Signer: holder, Nonce: nonce, Aud: req.ClientID, IAT: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			resp.VPToken[id] = []string{pres}
		}
		return req, resp, rq.State
	}

	t.Run("present the role only", func(t *testing.T) {
		req, resp, state := present(t, []string{"role"}, "")
		redirect, err := oid4vc.Submit(ctx, tr, req, resp)
		if err != nil {
			t.Fatalf("submit to their verifier: %v", err)
		}
		if redirect != base+"/vp/done/"+state {
			t.Errorf("redirect_uri %q", redirect)
		}
		var r theirResult
		admin(t, "GET", base+"/admin/result/"+state, nil, &r)
		if !r.Valid || !r.DCQLSatisfied || !slices.Equal(r.Disclosed, []string{"role"}) || r.Error != "" {
			t.Fatalf("their verifier: %+v", r)
		}
		ps := r.Presentations["employee"]
		if len(ps) != 1 || ps[0].Claims["role"] != "engineer" || ps[0].KB["aud"] != req.ClientID || ps[0].KB["nonce"] != req.Nonce {
			t.Errorf("their verifier read %+v", ps)
		}
		for _, hidden := range []string{"given_name", "family_name", "department"} {
			if _, ok := ps[0].Claims[hidden]; ok {
				t.Errorf("%s was not disclosed but their verifier sees it", hidden)
			}
		}

		// The same response again: their verifier refuses it.
		_, err = oid4vc.Submit(ctx, tr, req, resp)
		if oid4vc.CodeOf(err) != oid4vc.CodeInvalidRequest {
			t.Errorf("replayed response: %v (code %q)", err, oid4vc.CodeOf(err))
		}
	})

	t.Run("presentation for another nonce", func(t *testing.T) {
		req, resp, state := present(t, []string{"role"}, "another-nonce")
		_, err := oid4vc.Submit(ctx, tr, req, resp)
		if err == nil {
			t.Fatal("their verifier accepted a KB-JWT for another nonce")
		}
		var r theirResult
		admin(t, "GET", base+"/admin/result/"+state, nil, &r)
		if r.Valid || r.Error == "" {
			t.Errorf("their verifier: %+v", r)
		}
		t.Logf("their verifier: %v; %s", err, r.Error)
	})
}

// verifyAt verifies a credential with ours at now, trusting issuer and
// fetching nothing.
func verifyAt(t *testing.T, cred, issuer string, now time.Time) verify.Result {
	t.Helper()
	req := verify.Request{Now: now.UTC().Format(time.RFC3339), TrustedIssuers: []string{issuer}, Offline: true}
	opts, err := req.Apply(verify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := verify.Verify(context.Background(), []byte(cred), opts)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return r
}

// TestInteropOID4VCTheirServersPWA: the same flow as
// TestInteropOID4VCTheirServers through the wallet PWA in headless
// Chromium (served by `gxwallet serve` on localhost, their servers on
// 127.0.0.1: every call is cross-origin, under their CORS headers): their
// offer opened in /receive, accepted with the tx_code; their request
// opened in /authorize, the role only shared; their verifier accepts it.
func TestInteropOID4VCTheirServersPWA(t *testing.T) {
	dist := distDir(t)
	base := startTheirServers(t)
	srv := startServe(t, dist, "-data", t.TempDir())
	ctx := newBrowser(t)

	run(t, ctx, "open wallet", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	waitFor(t, ctx, "first-run screen", `!!document.getElementById("create-pass")`)
	setValue(t, ctx, "#create-pass", walletPassphrase)
	setValue(t, ctx, "#create-confirm", walletPassphrase)
	run(t, ctx, "create", chromedp.Click("#create-button", chromedp.ByID))
	waitFor(t, ctx, "empty wallet", `!!document.getElementById("wallet-empty")`)

	// walletLink turns an openid-credential-offer:// or openid4vp:// URI
	// into the wallet's same-device link.
	walletLink := func(uri, page string) string {
		_, query, ok := strings.Cut(uri, "?")
		if !ok {
			t.Fatalf("no query in %q", uri)
		}
		return srv.url + page + "?" + query
	}

	var offer struct{ Offer, TxCode string }
	admin(t, "POST", base+"/admin/offer", map[string]any{"txCode": true}, &offer)
	run(t, ctx, "open their offer", chromedp.Navigate(walletLink(offer.Offer, "/receive")))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "offer consent or error", `(document.getElementById("offer-issuer")||{}).textContent?.length > 0 || !!document.getElementById("offer-error")`)
	if e := evalString(t, ctx, `(document.getElementById("offer-error")||{}).textContent || ""`); e != "" {
		t.Fatalf("the wallet refused their offer: %s", e)
	}
	if s := evalString(t, ctx, `document.getElementById("offer-issuer").textContent`); !strings.Contains(s, "oid4vc-ts demo issuer") {
		t.Errorf("offer issuer shown as %q", s)
	}
	setValue(t, ctx, "#offer-txcode", offer.TxCode)
	run(t, ctx, "accept", chromedp.Click("#offer-accept", chromedp.ByID))
	waitFor(t, ctx, "received or refused", `!!document.getElementById("offer-done") || !!document.getElementById("offer-error")`)
	if e := evalString(t, ctx, `(document.getElementById("offer-error")||{}).textContent || ""`); e != "" {
		t.Fatalf("the wallet could not redeem their offer: %s", e)
	}
	run(t, ctx, "wallet", chromedp.Click("#nav-wallet", chromedp.ByID))
	waitFor(t, ctx, "one card", `document.querySelectorAll("#cards .cred-card").length === 1`)

	var rq struct{ Request, State string }
	admin(t, "POST", base+"/admin/request", map[string]any{"claims": []string{"role"}}, &rq)
	run(t, ctx, "open their request", chromedp.Navigate(walletLink(rq.Request, "/authorize")))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "request consent or error", `!!document.getElementById("vp-share") || !!document.getElementById("vp-error") || !!document.getElementById("vp-nomatch")`)
	if e := evalString(t, ctx, `((document.getElementById("vp-error")||document.getElementById("vp-nomatch"))||{}).textContent || ""`); e != "" {
		t.Fatalf("the wallet refused their request: %s", e)
	}
	run(t, ctx, "share", chromedp.Click("#vp-share", chromedp.ByID))
	waitFor(t, ctx, "sent or refused", `!!document.getElementById("vp-continue-link") || !!document.getElementById("vp-done") || !!document.getElementById("vp-error")`)
	if e := evalString(t, ctx, `(document.getElementById("vp-error")||{}).textContent || ""`); e != "" {
		t.Fatalf("their verifier refused the wallet's response: %s", e)
	}
	var r theirResult
	admin(t, "GET", base+"/admin/result/"+rq.State, nil, &r)
	if !r.Valid || !r.DCQLSatisfied || !slices.Equal(r.Disclosed, []string{"role"}) {
		t.Fatalf("their verifier on the PWA's presentation: %+v", r)
	}
}
