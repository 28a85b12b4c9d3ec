package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/oid4vc"
	"github.com/gxwallet/gxwallet/core/verify"
)

// rpClaim is a claim the relying party can ask for.
type rpClaim struct {
	Key, Label, Name string // form key, label, claim name in the credential
}

var rpClaims = []rpClaim{
	{"givenName", "Given name", "gx:givenName"},
	{"surname", "Surname", "gx:surname"},
	{"roles", "Roles", "gx:identityRoles"},
	{"attributes", "Identity attributes", "gx:identityAttributes"},
}

// dcqlID is the id of the relying party's one credential query.
const dcqlID = "party"

// rpRequest is a pending OpenID4VP request.
type rpRequest struct {
	Req    *oid4vc.AuthorizationRequest
	Asked  []string // claim names
	Format string
	URI    string // by value
	RefURI string // by reference
}

// rpResult is what the relying party concluded from a response.
type rpResult struct {
	ID     string        `json:"id"`
	State  string        `json:"state"`
	Status verify.Status `json:"status"`
	Format string        `json:"format"`
	Asked  []string      `json:"asked"`
	// Disclosed lists the claims the holder disclosed beyond the
	// identifiers a Party Credential always shows.
	Disclosed []string        `json:"disclosed"`
	Claims    map[string]any  `json:"claims,omitempty"`
	Results   []verify.Result `json:"results,omitempty"`
	// Error is a refusal: the wallet's error, or the relying party's own
	// (a response that does not answer the query).
	Error *oid4vc.ErrorResponse `json:"error,omitempty"`
}

// clientID is the relying party's client_id: its response_uri under the
// redirect_uri prefix (OpenID4VP §5.9.3), which needs no registration.
func (p *portal) clientID() string {
	return oid4vc.PrefixRedirectURI + ":" + p.responseURI()
}

func (p *portal) responseURI() string { return p.origin + "/rp/response" }

// createRequest makes an OpenID4VP request for the claims named by keys
// (rpClaim.Key) of a Party Credential in format (dc+sd-jwt or vc+sd-jwt).
func (p *portal) createRequest(keys []string, format string, now time.Time) (*rpRequest, error) {
	q := oid4vc.CredentialQuery{ID: dcqlID, Format: format, Meta: &oid4vc.Meta{}}
	if format == oid4vc.FormatDCSDJWT {
		q.Meta.VctValues = []string{p.vct()}
	} else {
		q.Meta.TypeValues = [][]string{{partyType}}
	}
	rq := &rpRequest{Format: format}
	for _, c := range rpClaims {
		if !contains(keys, c.Key) {
			continue
		}
		path := oid4vc.ClaimPath{c.Name}
		if format == oid4vc.FormatVCSDJWT {
			path = oid4vc.ClaimPath{"credentialSubject", c.Name}
		}
		q.Claims = append(q.Claims, oid4vc.ClaimsQuery{Path: path})
		rq.Asked = append(rq.Asked, c.Name)
	}
	if len(q.Claims) == 0 {
		return nil, errors.New("choose at least one claim to ask for")
	}
	rq.Req = &oid4vc.AuthorizationRequest{
		ClientID: p.clientID(), ResponseType: oid4vc.ResponseTypeVPToken, ResponseMode: oid4vc.ResponseModeDirectPost,
		ResponseURI: p.responseURI(), Nonce: oid4vc.NewToken(),
		DCQLQuery:      &oid4vc.DCQLQuery{Credentials: []oid4vc.CredentialQuery{q}},
		ClientMetadata: []byte(`{"client_name":"gxwallet demo relying party","vp_formats_supported":{"dc+sd-jwt":{"sd-jwt_alg_values":["ES256","ES384","EdDSA"],"kb-jwt_alg_values":["ES256","ES384","EdDSA"]},"vc+sd-jwt":{}}}`),
	}
	state, _, err := p.requests.Put(rq, now)
	if err != nil {
		return nil, err
	}
	rq.Req.State = state
	if err := rq.Req.Validate(); err != nil {
		p.requests.Take(state, now)
		return nil, err
	}
	if rq.URI, err = rq.Req.URI(""); err != nil {
		return nil, err
	}
	rq.RefURI = oid4vc.RequestRefURI("", rq.Req.ClientID, p.origin+"/rp/request/"+state)
	return rq, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// serveCreateRequest handles the relying party's form.
func (p *portal) serveCreateRequest(w http.ResponseWriter, r *http.Request) {
	if !p.sameOrigin(w, r) {
		return
	}
	if !htmlForm(w, r, 4<<10) {
		return
	}
	format := oid4vc.FormatVCSDJWT
	if r.PostForm.Get("format") == oid4vc.FormatDCSDJWT {
		format = oid4vc.FormatDCSDJWT
	}
	rq, err := p.createRequest(r.PostForm["claim"], format, p.now())
	if err != nil {
		p.renderRP(w, http.StatusBadRequest, err.Error())
		return
	}
	http.Redirect(w, r, "/rp/wait/"+rq.Req.State, http.StatusSeeOther)
}

// serveRequestObject answers the request_uri with the request as an
// unsecured request object (OpenID4VP §5.10; §5.9.3 forbids signing
// under the redirect_uri prefix). Fetching it does not use the request up.
func (p *portal) serveRequestObject(w http.ResponseWriter, r *http.Request) {
	rq, err := p.requests.Get(r.PathValue("state"), p.now())
	if err != nil {
		writeJSON(w, http.StatusNotFound, oid4vc.ErrorResponse{Error: oid4vc.CodeInvalidRequest, ErrorDescription: "the presentation request is " + err.Error()})
		return
	}
	obj, err := rq.Req.UnsecuredRequestObject()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/oauth-authz-req+jwt")
	w.Header().Set("Cache-Control", "no-store")
	w.Write([]byte(obj))
}

// serveResponse is the response_uri (OpenID4VP §8.2, direct_post). The
// state names the request, which is used up here: a replayed response, or
// one after the request expired, is refused before anything is verified.
// Each presentation is verified by core/verify with the request's nonce and
// client_id as the key binding's audience, trusting the portal's issuer,
// with its DID document and status lists read from the portal itself.
func (p *portal) serveResponse(w http.ResponseWriter, r *http.Request) {
	now := p.now()
	if !oauthForm(w, r, oid4vc.MaxResponseBytes) {
		return
	}
	resp, err := oid4vc.ParseAuthorizationResponse(r.PostForm)
	if err != nil {
		writeOAuthError(w, err)
		return
	}
	rq, err := p.requests.Take(resp.State, now)
	switch {
	case errors.Is(err, oid4vc.ErrExpired):
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidRequest, Err: errors.New("the presentation request has expired (its nonce is no longer accepted)")})
		return
	case err != nil:
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidRequest, Err: errors.New("state is unknown or was already answered: a response is accepted once")})
		return
	}
	res := &rpResult{State: resp.State, Format: rq.Format, Asked: rq.Asked, Status: verify.StatusInvalid}
	if err := oid4vc.CheckResponse(rq.Req, resp); err != nil {
		e := oid4vc.ResponseOf(err)
		res.Error = &e
		p.saveResult(res, now)
		if resp.Error != nil {
			// The wallet declined; tell it where the page is.
			writeJSON(w, http.StatusOK, map[string]string{"redirect_uri": p.origin + "/rp/result/" + res.ID})
			return
		}
		writeJSON(w, e.Error.HTTPStatus(), e)
		return
	}
	if err := p.verifyPresentations(r.Context(), rq, resp.VPToken[dcqlID], res, now); err != nil {
		e := oid4vc.ResponseOf(&oid4vc.Error{Code: oid4vc.CodeServerError, Err: err})
		res.Error = &e
	}
	p.saveResult(res, now)
	writeJSON(w, http.StatusOK, map[string]string{"redirect_uri": p.origin + "/rp/result/" + res.ID})
}

// verifyPresentations verifies each presentation and fills res: the most
// final status of all, the disclosed claims, and a refusal when the
// presentation is of another format or type than asked.
func (p *portal) verifyPresentations(ctx context.Context, rq *rpRequest, presentations []string, res *rpResult, now time.Time) error {
	f, err := p.fetcher(now)
	if err != nil {
		return err
	}
	opts := verify.Options{
		Now: now, Fetcher: f, Policy: verify.Policy{TrustedIssuers: []string{p.did}},
		Nonce: rq.Req.Nonce, Audience: rq.Req.ClientID,
	}
	res.Claims = map[string]any{}
	for _, pres := range presentations {
		vr, err := verify.Verify(ctx, []byte(pres), opts)
		if err != nil && !errors.Is(err, verify.ErrIndeterminate) {
			return err
		}
		res.Results = append(res.Results, vr)
		switch {
		case string(vr.Format) != rq.Format:
			res.Error = &oid4vc.ErrorResponse{Error: oid4vc.CodeInvalidRequest, ErrorDescription: fmt.Sprintf("a %s presentation answers a query for %s", vr.Format, rq.Format)}
		case rq.Format == oid4vc.FormatDCSDJWT && vr.Claims["vct"] != p.vct():
			res.Error = &oid4vc.ErrorResponse{Error: oid4vc.CodeInvalidRequest, ErrorDescription: "the presented credential is not a Party Credential of this issuer (vct)"}
		}
		for k, v := range vr.Claims {
			res.Claims[k] = v
		}
	}
	res.Status = worst(res.Results)
	if res.Error != nil {
		res.Status = verify.StatusInvalid
	}
	for _, c := range rpClaims {
		if _, ok := res.Claims[c.Name]; ok {
			res.Disclosed = append(res.Disclosed, c.Name)
		}
	}
	return nil
}

// worst is the most final status of results, in core/verify's order.
func worst(results []verify.Result) verify.Status {
	order := []verify.Status{verify.StatusInvalid, verify.StatusRevoked, verify.StatusExpired, verify.StatusSuspended, verify.StatusDeprecated, verify.StatusUntrusted}
	if len(results) == 0 {
		return verify.StatusInvalid
	}
	for _, s := range order {
		for _, r := range results {
			if r.Status == s {
				return s
			}
		}
	}
	return verify.StatusActive
}

// saveResult keeps res for its page and remembers which request it
// answers, for the waiting page.
func (p *portal) saveResult(res *rpResult, now time.Time) {
	id, _, err := p.results.Put(res, now)
	if err != nil {
		return
	}
	res.ID = id
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.answer) > 10000 {
		clear(p.answer)
	}
	p.answer[res.State] = id
}

// serveWait shows a pending request's links and reloads until it is
// answered, then shows the result.
func (p *portal) serveWait(w http.ResponseWriter, r *http.Request) {
	state := r.PathValue("state")
	p.mu.Lock()
	id, answered := p.answer[state]
	p.mu.Unlock()
	if answered {
		http.Redirect(w, r, "/rp/result/"+id, http.StatusSeeOther)
		return
	}
	rq, err := p.requests.Get(state, p.now())
	if err != nil {
		p.renderRP(w, http.StatusNotFound, "This presentation request is "+err.Error()+": create a new one.")
		return
	}
	p.renderWait(w, rq)
}

// serveResult shows a result: HTML, or JSON for a client that asks for it.
func (p *portal) serveResult(w http.ResponseWriter, r *http.Request) {
	res, err := p.results.Get(r.PathValue("id"), p.now())
	if err != nil {
		p.renderRP(w, http.StatusNotFound, "No such result (they are kept for an hour).")
		return
	}
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		writeJSON(w, http.StatusOK, res)
		return
	}
	p.renderResult(w, res)
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
