package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/oid4vc"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/status"
)

// The credential configurations the portal offers (OpenID4VCI §12.2.4):
// the Party Credential as a W3C VC secured with SD-JWT, and as an SD-JWT VC.
const (
	configVC = "gx-party-vc+sd-jwt"
	configDC = "gx-party-dc+sd-jwt"

	partyType = "gx:NaturalPersonPartyCredential"
	gxContext = "https://w3id.org/gaia-x/development#"
)

// vct is the SD-JWT VC type of the portal's Party Credential.
func (p *portal) vct() string { return p.origin + "/vct/NaturalPersonPartyCredential" }

// pendingOffer is an offer between its creation and the credential it
// yields. Its mutable fields are guarded by p.mu.
type pendingOffer struct {
	ID      string
	Config  string
	Subject partySubject
	TxCode  string // "" when the offer asks for none
	URI     string // openid-credential-offer://?credential_offer=…
	RefURI  string // openid-credential-offer://?credential_offer_uri=…
	Offer   *oid4vc.CredentialOffer

	attempts int    // wrong tx_codes so far
	issued   string // the credential's id, once issued
}

// partySubject is what the employer types in.
type partySubject struct {
	GivenName, Surname string
	Roles, Attributes  []string
}

// metadata is the portal's Credential Issuer Metadata (OpenID4VCI §12.2.4).
func (p *portal) metadata() *oid4vc.IssuerMetadata {
	proof := map[string]oid4vc.ProofTypeMetadata{"jwt": {ProofSigningAlgValuesSupported: []string{"ES256", "ES384", "EdDSA"}}}
	binding := []string{"jwk", "did:jwk"}
	display := func(name string) *oid4vc.CredentialMetadata {
		return &oid4vc.CredentialMetadata{Display: []oid4vc.Display{{Name: name, Locale: "en"}}}
	}
	return &oid4vc.IssuerMetadata{
		CredentialIssuer:   p.origin,
		CredentialEndpoint: p.origin + "/oid4vci/credential",
		NonceEndpoint:      p.origin + "/oid4vci/nonce",
		Display:            []oid4vc.Display{{Name: "gxwallet demo employer", Locale: "en"}},
		CredentialConfigurationsSupported: map[string]oid4vc.CredentialConfiguration{
			configVC: {
				Format: oid4vc.FormatVCSDJWT, CryptographicBindingMethodsSupported: binding,
				CredentialSigningAlgValuesSupported: []string{"ES256"}, ProofTypesSupported: proof,
				CredentialDefinition: &oid4vc.CredentialDefinition{
					Context: []string{"https://www.w3.org/ns/credentials/v2", gxContext},
					Type:    []string{"VerifiableCredential", partyType},
				},
				CredentialMetadata: display("Party Credential (W3C VC, SD-JWT)"),
			},
			configDC: {
				Format: oid4vc.FormatDCSDJWT, Vct: p.vct(), CryptographicBindingMethodsSupported: binding,
				CredentialSigningAlgValuesSupported: []string{"ES256"}, ProofTypesSupported: proof,
				CredentialMetadata: display("Party Credential (SD-JWT VC)"),
			},
		},
	}
}

func (p *portal) serveIssuerMetadata(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, p.metadata())
}

func (p *portal) serveAuthServerMetadata(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, oid4vc.AuthServerMetadata{
		Issuer: p.origin, TokenEndpoint: p.origin + "/oid4vci/token",
		PreAuthorizedGrantAnonymousAccessSupported: true,
		GrantTypesSupported:                        []string{oid4vc.GrantTypePreAuthorizedCode},
	})
}

// createOffer makes a pre-authorized offer for subject (OpenID4VCI §4.1.1).
func (p *portal) createOffer(config string, subject partySubject, withTxCode bool, now time.Time) (*pendingOffer, error) {
	o := &pendingOffer{Config: config, Subject: subject}
	if withTxCode {
		n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
		if err != nil {
			return nil, err
		}
		o.TxCode = fmt.Sprintf("%06d", n.Int64())
	}
	code, _, err := p.offers.Put(o, now)
	if err != nil {
		return nil, err
	}
	grant := &oid4vc.PreAuthorizedCodeGrant{PreAuthorizedCode: code}
	if withTxCode {
		grant.TxCode = &oid4vc.TxCode{InputMode: "numeric", Length: 6, Description: "the code shown on the employer's page"}
	}
	o.Offer = &oid4vc.CredentialOffer{
		CredentialIssuer: p.origin, CredentialConfigurationIDs: []string{config},
		Grants: &oid4vc.Grants{PreAuthorizedCode: grant},
	}
	if o.URI, err = o.Offer.URI(""); err != nil {
		return nil, err
	}
	if o.ID, _, err = p.offerIDs.Put(o, now); err != nil {
		return nil, err
	}
	o.RefURI = oid4vc.OfferRefURI("", p.origin+"/oid4vci/offer/"+o.ID)
	return o, nil
}

// serveCreateOffer handles the onboarding form.
func (p *portal) serveCreateOffer(w http.ResponseWriter, r *http.Request) {
	if !p.sameOrigin(w, r) {
		return
	}
	if !htmlForm(w, r, 64<<10) {
		return
	}
	subject := partySubject{
		GivenName: strings.TrimSpace(r.PostForm.Get("givenName")), Surname: strings.TrimSpace(r.PostForm.Get("surname")),
		Roles: splitList(r.PostForm.Get("roles")), Attributes: splitList(r.PostForm.Get("attributes")),
	}
	config := r.PostForm.Get("config")
	if config != configVC && config != configDC {
		config = configVC
	}
	if subject.GivenName == "" || subject.Surname == "" || len(subject.GivenName) > 200 || len(subject.Surname) > 200 {
		p.renderPortal(w, http.StatusBadRequest, nil, "Given name and surname are required (at most 200 characters).")
		return
	}
	o, err := p.createOffer(config, subject, r.PostForm.Get("txCode") != "", p.now())
	if err != nil {
		p.renderPortal(w, http.StatusServiceUnavailable, nil, "Could not create the offer: "+err.Error())
		return
	}
	http.Redirect(w, r, "/portal?offer="+o.ID, http.StatusSeeOther)
}

// splitList reads a comma-separated list of at most 16 short entries.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" && len(v) <= 100 && !slices.Contains(out, v) && len(out) < 16 {
			out = append(out, v)
		}
	}
	return out
}

// serveOfferByReference answers a credential_offer_uri (§4.1.3).
func (p *portal) serveOfferByReference(w http.ResponseWriter, r *http.Request) {
	o, err := p.offerIDs.Get(r.PathValue("id"), p.now())
	if err != nil {
		writeJSON(w, http.StatusNotFound, oid4vc.ErrorResponse{Error: oid4vc.CodeInvalidRequest, ErrorDescription: "unknown or expired credential offer"})
		return
	}
	writeJSON(w, http.StatusOK, o.Offer)
}

// serveToken is the Token Endpoint of the Pre-Authorized Code Flow
// (OpenID4VCI §6): the code is single-use and expiring; with a tx_code, a
// wrong code counts, and the third burns the offer.
func (p *portal) serveToken(w http.ResponseWriter, r *http.Request) {
	now := p.now()
	if !oauthForm(w, r, oid4vc.MaxRequestBytes) {
		return
	}
	req, err := oid4vc.ParseTokenRequest(r.PostForm)
	if err != nil {
		writeOAuthError(w, err)
		return
	}
	o, err := p.offers.Get(req.PreAuthorizedCode, now)
	if err != nil {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidGrant, Err: fmt.Errorf("pre-authorized_code is %w", err)})
		return
	}
	if err := oid4vc.CheckTxCode(req.TxCode, o.TxCode); err != nil {
		p.mu.Lock()
		o.attempts++
		burn := o.attempts >= maxTxCodeAttempts
		p.mu.Unlock()
		if burn {
			p.offers.Take(req.PreAuthorizedCode, now)
			err = &oid4vc.Error{Code: oid4vc.CodeInvalidGrant, Err: errors.New("tx_code is wrong; too many attempts, the offer is withdrawn")}
		}
		writeOAuthError(w, err)
		return
	}
	if _, err := p.offers.Take(req.PreAuthorizedCode, now); err != nil {
		// A concurrent request redeemed it first.
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidGrant, Err: fmt.Errorf("pre-authorized_code is %w", err)})
		return
	}
	tok, _, err := p.tokens.Put(o, now)
	if err != nil {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeServerError, Err: err})
		return
	}
	writeJSON(w, http.StatusOK, oid4vc.TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int(tokenTTL / time.Second)})
}

// serveNonce is the Nonce Endpoint (OpenID4VCI §7): a fresh, single-use
// c_nonce.
func (p *portal) serveNonce(w http.ResponseWriter, r *http.Request) {
	n, _, err := p.nonces.Put(struct{}{}, p.now())
	if err != nil {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeServerError, Err: err})
		return
	}
	writeJSON(w, http.StatusOK, oid4vc.NonceResponse{CNonce: n})
}

// serveCredential is the Credential Endpoint (OpenID4VCI §8): the access
// token names the offer; the proof JWT's key becomes the holder's (cnf,
// gx:holder, credentialSubject.id). The token is used up by the credential
// it yields, not by a failed request, so the wallet can retry with a fresh
// c_nonce.
func (p *portal) serveCredential(w http.ResponseWriter, r *http.Request) {
	now := p.now()
	tok, err := oid4vc.BearerToken(r.Header.Get("Authorization"))
	if err != nil {
		writeOAuthError(w, err)
		return
	}
	o, err := p.tokens.Get(tok, now)
	if err != nil {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidToken, Err: fmt.Errorf("access token is %w", err)})
		return
	}
	body, err := readBody(w, r, oid4vc.MaxRequestBytes)
	if err != nil {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidCredentialRequest, Err: err})
		return
	}
	req, err := oid4vc.ParseCredentialRequest(body)
	if err != nil {
		writeOAuthError(w, err)
		return
	}
	if req.CredentialIdentifier != "" {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeUnknownCredentialIdentifier, Err: errors.New("this issuer returns no credential identifiers; use credential_configuration_id")})
		return
	}
	if _, err := p.metadata().Configuration(req.CredentialConfigurationID); err != nil {
		writeOAuthError(w, err)
		return
	}
	if req.CredentialConfigurationID != o.Config {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidCredentialRequest, Err: fmt.Errorf("the offer is for %s, not %s", o.Config, req.CredentialConfigurationID)})
		return
	}
	proofs := req.ProofJWTs()
	if len(proofs) != 1 {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidProof, Err: errors.New("exactly one jwt proof of possession is required")})
		return
	}
	holder, err := oid4vc.VerifyProofJWT(r.Context(), proofs[0], oid4vc.ProofOptions{
		Audience: p.origin, Now: now,
		Nonce: func(n string) error {
			if n == "" {
				return errors.New("a c_nonce from the nonce endpoint is required")
			}
			_, err := p.nonces.Take(n, now)
			if err != nil {
				return fmt.Errorf("c_nonce is %w", err)
			}
			return nil
		},
	})
	if err != nil {
		writeOAuthError(w, err)
		return
	}
	if _, err := p.tokens.Take(tok, now); err != nil {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidToken, Err: fmt.Errorf("access token is %w", err)})
		return
	}
	cred, err := p.issue(o, holder, now)
	if err != nil {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeServerError, Err: err})
		return
	}
	writeJSON(w, http.StatusOK, oid4vc.CredentialResponse{Credentials: []oid4vc.IssuedCredential{{Credential: cred}}})
}

// readBody reads at most max bytes of the request body.
func readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		return nil, fmt.Errorf("body: %w", err)
	}
	return b, nil
}

// issue signs the Party Credential of offer o for the holder and records
// it: a random unused index in the status lists (BSL v1.0 §6.3: indexes
// must not reveal the order of issuance), then state.json. The record is
// kept only when state.json is written.
func (p *portal) issue(o *pendingOffer, holder *oid4vc.HolderProof, now time.Time) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.state.Issued) >= maxIssued {
		return "", fmt.Errorf("the demo holds %d credentials already", maxIssued)
	}
	used := map[uint64]bool{}
	for _, c := range p.state.Issued {
		used[c.Index] = true
	}
	var index uint64
	for {
		n, err := rand.Int(rand.Reader, big.NewInt(statusEntries))
		if err != nil {
			return "", err
		}
		if index = n.Uint64(); !used[index] {
			break
		}
	}
	rec := &issuedCredential{
		ID: "urn:uuid:" + uuid(), Config: o.Config, Index: index,
		GivenName: o.Subject.GivenName, Surname: o.Subject.Surname, Roles: o.Subject.Roles, Attributes: o.Subject.Attributes,
		Holder: holder.DID, IssuedAt: now.UTC().Truncate(time.Second), Status: "active",
	}
	claims, policy, typ := p.credentialClaims(rec)
	tok, err := sdjwt.Issue(claims, policy, p.key, "ES256", map[string]any{"typ": typ, "kid": p.kid}, holder.Key)
	if err != nil {
		return "", err
	}
	p.state.Issued = append(p.state.Issued, rec)
	if err := p.saveLocked(); err != nil {
		p.state.Issued = p.state.Issued[:len(p.state.Issued)-1]
		return "", err
	}
	o.issued = rec.ID
	return tok, nil
}

// credentialClaims builds the Party Credential of rec (Gaia-X TF §4.8.5.1)
// and the claims its holder may disclose one by one: given name, surname,
// each role and each attribute, and the role and attribute lists
// themselves (so that an undisclosed list is not even seen to exist).
func (p *portal) credentialClaims(rec *issuedCredential) (map[string]any, sdjwt.Policy, string) {
	subject := map[string]any{
		"gx:holder":    rec.Holder + "#0",
		"gx:givenName": rec.GivenName,
		"gx:surname":   rec.Surname,
	}
	var disclosable [][]any
	for _, name := range []string{"gx:givenName", "gx:surname"} {
		disclosable = append(disclosable, []any{name})
	}
	for name, list := range map[string][]string{"gx:identityRoles": rec.Roles, "gx:identityAttributes": rec.Attributes} {
		if len(list) == 0 {
			continue
		}
		vals := make([]any, len(list))
		disclosable = append(disclosable, []any{name})
		for i, v := range list {
			vals[i] = v
			disclosable = append(disclosable, []any{name, i})
		}
		subject[name] = vals
	}
	validFrom := rec.IssuedAt
	validUntil := validFrom.AddDate(1, 0, 0)
	if rec.Config == configDC {
		// SD-JWT VC (draft-ietf-oauth-sd-jwt-vc): the claims are the
		// credential; status through the Token Status List.
		claims := map[string]any{
			"iss": p.did, "vct": p.vct(), "sub": rec.Holder,
			"iat": validFrom.Unix(), "exp": validUntil.Unix(),
			"status": map[string]any{"status_list": map[string]any{"idx": rec.Index, "uri": p.tokenListURL()}},
		}
		for k, v := range subject {
			claims[k] = v
		}
		return claims, sdjwt.Policy{Disclosable: disclosable}, "dc+sd-jwt"
	}
	subject["id"] = rec.Holder
	subject["type"] = partyType
	for i, d := range disclosable {
		disclosable[i] = append([]any{"credentialSubject"}, d...)
	}
	idx := fmt.Sprint(rec.Index)
	entry := func(purpose, list string) map[string]any {
		return map[string]any{
			"id": list + "#" + idx, "type": status.TypeBitstringEntry, "statusPurpose": purpose,
			"statusListIndex": idx, "statusListCredential": list,
		}
	}
	claims := map[string]any{
		"@context":          []any{"https://www.w3.org/ns/credentials/v2", gxContext},
		"id":                rec.ID,
		"type":              []any{"VerifiableCredential", partyType},
		"issuer":            p.did,
		"validFrom":         validFrom.Format(time.RFC3339),
		"validUntil":        validUntil.Format(time.RFC3339),
		"credentialSubject": subject,
		"credentialStatus": []any{
			entry(status.PurposeRevocation, p.revocationURL()),
			entry(status.PurposeSuspension, p.suspensionURL()),
		},
	}
	return claims, sdjwt.Policy{Disclosable: disclosable}, "vc+sd-jwt"
}

// uuid returns a random (version 4) UUID.
func uuid() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// serveSetStatus revokes, suspends or reinstates an issued credential: the
// status lists are signed again on their next request. Revocation is
// final (BSL v1.0 §2.1: revocation is not reversible).
func (p *portal) serveSetStatus(w http.ResponseWriter, r *http.Request) {
	if !p.sameOrigin(w, r) {
		return
	}
	if !htmlForm(w, r, 4<<10) {
		return
	}
	if err := p.setStatus(r.PostForm.Get("id"), r.PostForm.Get("action")); err != nil {
		p.renderPortal(w, http.StatusBadRequest, nil, err.Error())
		return
	}
	http.Redirect(w, r, "/portal", http.StatusSeeOther)
}

func (p *portal) setStatus(id, action string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	i := slices.IndexFunc(p.state.Issued, func(c *issuedCredential) bool { return c.ID == id })
	if i < 0 {
		return fmt.Errorf("no issued credential %q", id)
	}
	c := p.state.Issued[i]
	prev := c.Status
	switch {
	case action == "revoke" && prev != "revoked":
		c.Status = "revoked"
	case action == "suspend" && prev == "active":
		c.Status = "suspended"
	case action == "reinstate" && prev == "suspended":
		c.Status = "active"
	default:
		return fmt.Errorf("cannot %s a credential that is %s", action, prev)
	}
	if err := p.saveLocked(); err != nil {
		c.Status = prev
		return err
	}
	p.lists = nil
	return nil
}

// serveStatusList serves a status list credential, signed afresh after
// each change.
func (p *portal) serveStatusList(w http.ResponseWriter, r *http.Request) {
	url := p.origin + "/status/" + r.PathValue("list")
	p.mu.Lock()
	lists, err := p.statusListsLocked(p.now())
	p.mu.Unlock()
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	b, ok := lists[url]
	if !ok {
		http.NotFound(w, r)
		return
	}
	ctype := "application/vc+jwt"
	if url == p.tokenListURL() {
		ctype = "application/statuslist+jwt"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Write(b)
}

// issuedView is an issued credential for the page.
type issuedView struct {
	*issuedCredential
	Format string
}

// snapshot copies the issued credentials, newest first.
func (p *portal) snapshot() []issuedView {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]issuedView, 0, len(p.state.Issued))
	for i := len(p.state.Issued) - 1; i >= 0; i-- {
		c := *p.state.Issued[i]
		f := "vc+sd-jwt"
		if c.Config == configDC {
			f = "dc+sd-jwt"
		}
		out = append(out, issuedView{&c, f})
	}
	return out
}

// IssuedID is the id of the credential the offer yielded, "" before.
func (o pendingOffer) IssuedID() string { return o.issued }
