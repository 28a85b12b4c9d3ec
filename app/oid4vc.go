package app

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/oid4vc"
	"github.com/gxwallet/gxwallet/core/sdjwt"
)

// The wallet's side of OpenID4VCI (receive a credential from an offer) and
// OpenID4VP (answer a relying party's request), free of UI like the rest
// of session.go. The protocol messages are core/oid4vc's; the network is
// the oid4vc.Transport the caller passes (httpTransport in the app).

// Paths of the two pages. Each accepts the query of the protocol's own
// URI (§4.1 of OpenID4VCI, §5 of OpenID4VP), so that an issuer or a
// verifier on the same device links straight into the wallet:
// /receive?credential_offer_uri=… and /authorize?client_id=…&request_uri=….
const (
	PathReceive   = "/receive"
	PathAuthorize = "/authorize"
)

var (
	errNotOffer   = uiErr("err.oid.notOffer")
	errNotRequest = uiErr("err.oid.notRequest")
	errTxCode     = uiErr("err.oid.txCode")
)

// linkKind says what a pasted or scanned text is: a credential offer, a
// presentation request, or anything else (a credential, to import).
func linkKind(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || len(s) > oid4vc.MaxRequestBytes {
		return ""
	}
	q := u.Query()
	switch {
	case u.Scheme == oid4vc.OfferScheme || q.Has("credential_offer") || q.Has("credential_offer_uri"):
		return "offer"
	case u.Scheme == oid4vc.RequestScheme || (q.Has("client_id") && (q.Has("request_uri") || q.Has("dcql_query"))):
		return "request"
	}
	return ""
}

// protocolURI turns the query of a wallet link (/receive?…, /authorize?…)
// or a pasted URI into the URI core/oid4vc parses: a bare query gets the
// protocol's scheme.
func protocolURI(scheme, s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		return s
	}
	return scheme + "://?" + strings.TrimPrefix(s, "?")
}

// offerView is a resolved offer as the consent screen shows it.
type offerView struct {
	URI       string // the offer URI it came from
	Issuer    string // display name
	IssuerURL string // Credential Issuer Identifier
	Types     []string
	TxCode    *oid4vc.TxCode
	offer     *oid4vc.Offer
}

// resolveOffer reads an offer and fetches the issuer's metadata. It needs
// no unlocked wallet: nothing is stored and no key is used.
func resolveOffer(ctx context.Context, t oid4vc.Transport, raw string) (offerView, error) {
	if linkKind(raw) != "offer" {
		return offerView{}, errNotOffer
	}
	uri := protocolURI(oid4vc.OfferScheme, raw)
	o, err := oid4vc.ResolveOffer(ctx, t, uri)
	if err != nil {
		return offerView{}, err
	}
	v := offerView{URI: uri, Issuer: o.IssuerName(currentLang().String()), IssuerURL: o.Offer.CredentialIssuer, TxCode: o.Grant.TxCode, offer: o}
	for i, c := range o.Configurations {
		v.Types = append(v.Types, configTitle(o.Offer.CredentialConfigurationIDs[i], c))
	}
	return v, nil
}

// configTitle names an offered configuration: its display name, its
// type, or its id.
func configTitle(id string, c *oid4vc.CredentialConfiguration) string {
	if c.CredentialMetadata != nil {
		if n := oid4vc.DisplayName(c.CredentialMetadata.Display, currentLang().String()); n != "" {
			return n
		}
	}
	if c.Vct != "" {
		return credTitle(c.Vct)
	}
	if c.CredentialDefinition != nil && len(c.CredentialDefinition.Type) > 0 {
		return credTitle(c.CredentialDefinition.Type[len(c.CredentialDefinition.Type)-1])
	}
	return id
}

// receive redeems a resolved offer with the holder key and keeps what the
// issuer sends, each credential verified like an import. Nothing is
// stored when the issuer refuses.
// The clock is read twice: for the key proof, and after the issuer
// answered, to check what it sent.
func (s *session) receive(ctx context.Context, t oid4vc.Transport, v offerView, txCode string, clock func() time.Time) ([]credEntry, error) {
	if v.offer == nil {
		return nil, errNotOffer
	}
	if v.TxCode != nil && strings.TrimSpace(txCode) == "" {
		return nil, errTxCode
	}
	s.mu.Lock()
	err := s.locked()
	signer := s.signer
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	creds, err := v.offer.Redeem(ctx, t, oid4vc.RedeemOptions{TxCode: strings.TrimSpace(txCode), Signer: signer, Now: clock()})
	if err != nil {
		return nil, err
	}
	now := clock()
	online, err := newIssuerFetcher(t, v.IssuerURL)
	if err != nil {
		return nil, err
	}
	var out []credEntry
	for _, c := range creds {
		e, err := s.importFrom(ctx, c, online, now)
		if err != nil {
			return out, err
		}
		out = append(out, e)
	}
	return out, nil
}

// hostFetcher lets the verifier fetch resources from the hosts the holder
// is dealing with, and no other: while a credential is received, its
// issuer's host (its DID document, its status lists); when the holder
// refreshes a credential's status, the hosts it was checked against
// before. Any other host is never contacted (fetch.ErrOffline), so no
// third party learns of the exchange. A loopback host — the demo portal on
// a laptop — is fetched over plain http even where a did:web URL says
// https: there is no certificate for localhost.
type hostFetcher struct {
	t     oid4vc.Transport
	hosts map[string]bool // lower-case host[:port]
}

func newIssuerFetcher(t oid4vc.Transport, issuer string) (hostFetcher, error) {
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" {
		return hostFetcher{}, errNotOffer
	}
	return hostFetcher{t: t, hosts: map[string]bool{strings.ToLower(u.Host): true}}, nil
}

func (f hostFetcher) Fetch(ctx context.Context, target string) ([]byte, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, &fetch.Error{URL: target, Err: err}
	}
	if !f.hosts[strings.ToLower(u.Host)] || (u.Scheme != "https" && !(u.Scheme == "http" && secureURL(u))) {
		return nil, &fetch.Error{URL: target, Err: fetch.ErrOffline}
	}
	if u.Scheme == "https" {
		if plain := (&url.URL{Scheme: "http", Host: u.Host}); secureURL(plain) {
			u.Scheme = "http"
		}
	}
	res, err := f.t.Do(ctx, oid4vc.HTTPRequest{Method: "GET", URL: u.String(), Accept: "application/json, application/did+json, application/statuslist+jwt, application/vc+jwt, */*;q=0.5", Limit: fetch.MaxBytes})
	switch {
	case err != nil:
		return nil, &fetch.Error{URL: target, Err: err}
	case res.Status == 404 || res.Status == 410:
		return nil, &fetch.Error{URL: target, Err: fetch.ErrNotFound}
	case res.Status != 200:
		return nil, &fetch.Error{URL: target, Err: fmt.Errorf("HTTP %d", res.Status)}
	}
	return res.Body, nil
}

// refreshBundle fetches again every resource of a credential's bundle
// from the hosts it came from. A resource that cannot be fetched now keeps
// its earlier copy, whose age the next check reports. It returns the new
// bundle and how many resources are fresh.
func refreshBundle(ctx context.Context, t oid4vc.Transport, kept string, now time.Time) (string, int, error) {
	old, err := bundle.Parse([]byte(kept))
	if err != nil {
		return kept, 0, err
	}
	f := hostFetcher{t: t, hosts: map[string]bool{}}
	for _, r := range old.Resources {
		if u, err := url.Parse(r.URL); err == nil {
			f.hosts[strings.ToLower(u.Host)] = true
		}
	}
	fresh := 0
	for _, r := range old.Resources {
		b, err := f.Fetch(ctx, r.URL)
		if err != nil {
			continue
		}
		old.Add(r.URL, r.Kind, b, now)
		fresh++
	}
	out, err := json.Marshal(old)
	if err != nil {
		return kept, 0, err
	}
	return string(out), fresh, nil
}

// vpView is a resolved presentation request, matched against the wallet.
type vpView struct {
	// Verifier is who asks: the response_uri's origin, the only identity
	// an unsigned request has (OpenID4VP §5.9.3).
	Verifier string
	ClientID string
	Nonce    string
	// Answers are the credential queries to answer, each with the
	// credential chosen for it and the consent screen's claims.
	Answers []vpAnswer
	// NoMatch is set when no stored credential satisfies the query; the
	// holder can still tell the verifier (access_denied).
	NoMatch bool
	req     *oid4vc.AuthorizationRequest
}

// vpAnswer is one credential query and the stored credential that answers it.
type vpAnswer struct {
	QueryID string
	CredID  string
	Type    string
	Issuer  string
	Consent consent
	// Optional is set when the query belongs only to optional
	// credential sets.
	Optional bool
}

// resolveRequest fetches and checks a request, then matches its DCQL
// query against the stored SD-JWT credentials bound to the holder key.
func (s *session) resolveRequest(ctx context.Context, t oid4vc.Transport, raw string) (vpView, error) {
	if linkKind(raw) != "request" {
		return vpView{}, errNotRequest
	}
	req, err := oid4vc.ResolveRequest(ctx, t, protocolURI(oid4vc.RequestScheme, raw))
	if err != nil {
		return vpView{}, err
	}
	if req.DCQLQuery == nil {
		return vpView{}, &oid4vc.Error{Code: oid4vc.CodeUnsupported, Err: errNotRequest}
	}
	v := vpView{ClientID: req.ClientID, Nonce: req.Nonce, req: req, Verifier: req.ClientID}
	if u, err := url.Parse(req.ResponseURI); err == nil && u.Host != "" {
		v.Verifier = u.Scheme + "://" + u.Host
	}
	s.mu.Lock()
	if err := s.locked(); err != nil {
		s.mu.Unlock()
		return vpView{}, err
	}
	creds := append([]credEntry(nil), s.creds...)
	s.mu.Unlock()

	var cands []oid4vc.Candidate
	var ids []credEntry
	for _, c := range creds {
		if c.OtherKey {
			continue
		}
		sd, err := parseSDJWT(c.Raw)
		if err != nil {
			continue
		}
		cand, err := candidateOf(sd)
		if err != nil {
			continue
		}
		cands = append(cands, cand)
		ids = append(ids, c)
	}
	sel, err := oid4vc.Match(req.DCQLQuery, cands)
	if oid4vc.CodeOf(err) == oid4vc.CodeNoMatch {
		v.NoMatch = true
		return v, nil
	}
	if err != nil {
		return vpView{}, err
	}
	optional := map[string]bool{}
	for _, id := range sel.Optional {
		optional[id] = true
	}
	for _, q := range req.DCQLQuery.Credentials { // query order, not map order
		ms, ok := sel.Matches[q.ID]
		if !ok || len(ms) == 0 {
			continue
		}
		m := ms[0]
		c := ids[m.Index]
		paths := m.Disclose
		cs, err := consentFor(c.Raw, paths)
		if err != nil {
			return vpView{}, err
		}
		if m.All { // every claim asked for
			for i := range cs.Claims {
				cs.Claims[i].Required = true
			}
		}
		v.Answers = append(v.Answers, vpAnswer{QueryID: q.ID, CredID: c.ID, Type: c.Type, Issuer: c.Result.Issuer, Consent: cs, Optional: optional[q.ID]})
	}
	return v, nil
}

// candidateOf describes a stored SD-JWT credential to the DCQL matcher.
func candidateOf(sd *sdjwt.SDJWT) (oid4vc.Candidate, error) {
	claims, err := sd.Claims()
	if err != nil {
		return oid4vc.Candidate{}, err
	}
	c := oid4vc.Candidate{Format: strings.TrimPrefix(sd.JWT.Header.Typ, "application/"), Claims: claims, HolderBinding: claims["cnf"] != nil}
	c.Vct, _ = claims["vct"].(string)
	if ts, ok := claims["type"].([]any); ok {
		for _, t := range ts {
			if s, ok := t.(string); ok {
				c.Types = append(c.Types, s)
			}
		}
	}
	return c, nil
}

// vpChoice is what the holder ticked for one answer.
type vpChoice struct {
	QueryID string
	CredID  string
	Paths   [][]any
}

// vpOutcome is what happened to a response.
type vpOutcome struct {
	Verifier    string
	Declined    bool
	Claims      []string // display paths of what was disclosed
	RedirectURI string   // where the verifier sends the holder next
}

// respond presents the chosen claims of each answer with a key binding to
// the request's nonce and client_id, records it in the history, and posts
// the response to the verifier. Queries the holder left out are not
// answered; if that leaves a required one out the verifier will say so.
func (s *session) respond(ctx context.Context, t oid4vc.Transport, v vpView, choices []vpChoice, now time.Time) (vpOutcome, error) {
	if v.req == nil {
		return vpOutcome{}, errNotRequest
	}
	out := vpOutcome{Verifier: v.Verifier}
	resp := &oid4vc.AuthorizationResponse{State: v.req.State, VPToken: oid4vc.VPToken{}}
	for _, c := range choices {
		p, err := s.present(ctx, c.CredID, c.Paths, v.req.Nonce, v.req.ClientID, now)
		if err != nil {
			return vpOutcome{}, err
		}
		resp.VPToken[c.QueryID] = append(resp.VPToken[c.QueryID], p.Text)
		out.Claims = append(out.Claims, p.Claims...)
	}
	if len(resp.VPToken) == 0 {
		return vpOutcome{}, uiErr("err.oid.nothingChosen")
	}
	redirect, err := oid4vc.Submit(ctx, t, v.req, resp)
	if err != nil {
		return vpOutcome{}, err
	}
	out.RedirectURI = redirect
	return out, nil
}

// decline tells the verifier the holder said no (access_denied, §8.5).
// Nothing about the wallet's credentials is sent.
func decline(ctx context.Context, t oid4vc.Transport, v vpView) (vpOutcome, error) {
	if v.req == nil {
		return vpOutcome{}, errNotRequest
	}
	resp := &oid4vc.AuthorizationResponse{State: v.req.State, Error: &oid4vc.ErrorResponse{Error: oid4vc.CodeAccessDenied, ErrorDescription: "the holder declined"}}
	redirect, err := oid4vc.Submit(ctx, t, v.req, resp)
	if err != nil {
		return vpOutcome{}, err
	}
	return vpOutcome{Verifier: v.Verifier, Declined: true, RedirectURI: redirect}, nil
}

// oidMessage words an error of the other side, or of the flows, for the
// holder: the peer's own description when it sent one.
func oidMessage(err error) string {
	code := oid4vc.CodeOf(err)
	if code == "" {
		return userMessage(err)
	}
	key := "err.oid." + string(code)
	if _, ok := catalogue[key]; ok {
		return tr(key) + " (" + trimPrefix(err.Error()) + ")"
	}
	return tr("err.oid.other", trimPrefix(err.Error()))
}

func trimPrefix(s string) string { return strings.TrimPrefix(s, "oid4vc: ") }

// maxCredentialBytes bounds a credential fetched from a URL the holder
// gave (the verifier refuses more than 1 MiB anyway).
const maxCredentialBytes = 1 << 20

// credentialURL reports whether text is the URL of a credential to fetch:
// one https URL (or http on a loopback host), nothing else.
func credentialURL(text string) (string, bool) {
	text = strings.TrimSpace(text)
	if strings.ContainsAny(text, " \t\n") || linkKind(text) != "" {
		return "", false
	}
	u, err := url.Parse(text)
	if err != nil || u.Host == "" || !secureURL(u) {
		return "", false
	}
	return u.String(), true
}

// fetchCredential fetches a credential from a URL the holder pasted: one
// GET to that URL, no cookies, the body bounded.
func fetchCredential(ctx context.Context, t oid4vc.Transport, u string) (string, error) {
	res, err := t.Do(ctx, oid4vc.HTTPRequest{Method: "GET", URL: u, Accept: "application/dc+sd-jwt, application/vc+sd-jwt, application/vc+jwt, application/vc+ld+json, application/json;q=0.9, */*;q=0.5", Limit: maxCredentialBytes})
	if err != nil {
		return "", uiErr("err.fetchCredential", err.Error())
	}
	if res.Status != 200 {
		return "", uiErr("err.fetchCredential", fmt.Sprintf("HTTP %d", res.Status))
	}
	return string(res.Body), nil
}
