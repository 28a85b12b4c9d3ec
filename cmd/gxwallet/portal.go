package main

// The demo portal of `gxwallet serve`: an employer that issues Gaia-X
// NaturalPersonPartyCredentials over OpenID4VCI (pre-authorized code) and
// a relying party that asks for them back over OpenID4VP (DCQL,
// direct_post), on the origin of the PWA.
//
// Its state lives in a data folder, created on first start and kept
// between runs (-data, default DIR/demo, so `make clean` resets the demo):
//
//	<data>/<host>_<port>/issuer-key.pem   the issuer's P-256 key (PKCS#8, 0600)
//	                     did.json         its did:web document (served at /.well-known/did.json)
//	                     trust.json       what a verifier needs to trust it: a core/verify Request
//	                                      ({"trustedIssuers":[did],"didDocs":[…]}), also at /portal/trust.json
//	                     state.json       the issued credentials and their status
//
// One folder per origin, because the issuer's did:web names the origin.
// Offers, codes, tokens, nonces and pending presentation requests are kept
// in memory only: a restart invalidates them, never an issued credential.
//
// Endpoints (all on the serving origin):
//
//	GET  /portal                                    employer page: onboarding form, offers, issued credentials
//	POST /portal/offer, /portal/status              create an offer; revoke, suspend, reinstate
//	GET  /portal/trust.json                         the trust bundle
//	GET  /.well-known/openid-credential-issuer      OpenID4VCI §12.2 metadata
//	GET  /.well-known/oauth-authorization-server    RFC 8414 metadata (token endpoint)
//	GET  /.well-known/did.json                      the issuer's DID document
//	GET  /oid4vci/offer/{id}                        credential_offer_uri target (§4.1.3)
//	POST /oid4vci/token, /oid4vci/nonce, /oid4vci/credential
//	GET  /status/revocation, /status/suspension     Bitstring Status List credentials (vc+jwt)
//	GET  /status/token                              Token Status List (statuslist+jwt) for dc+sd-jwt
//	GET  /rp                                        relying party: choose the claims to ask for
//	POST /rp/request                                create an OpenID4VP request
//	GET  /rp/wait/{state}, /rp/request/{state}      its links (and polling); its request object
//	POST /rp/response                               direct_post response_uri
//	GET  /rp/result/{id}                            the verification Result

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/did/web"
	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/oid4vc"
	"github.com/gxwallet/gxwallet/core/status"
)

// Lifetimes of the portal's one-time values.
const (
	offerTTL  = 15 * time.Minute // a pre-authorized code: time to open the wallet and scan
	tokenTTL  = 5 * time.Minute  // an access token
	nonceTTL  = 5 * time.Minute  // a c_nonce
	rpTTL     = 5 * time.Minute  // an OpenID4VP request (its nonce and state)
	resultTTL = time.Hour        // a verification result page

	// statusEntries is the length of each status list: the BSL v1.0 §6.1
	// minimum, which hides which credentials are listed.
	statusEntries = 131072
	// maxTxCodeAttempts wrong transaction codes burn the pre-authorized
	// code: a 6-digit code cannot be guessed in three tries.
	maxTxCodeAttempts = 3
	// maxIssued bounds the credentials one data folder records.
	maxIssued = 10000
)

// withPortal registers the -data flag on fl and wraps newServer so that the
// handler it returns also serves the demo portal.
func withPortal(fl *flag.FlagSet, newServer func(dir, version string) (http.Handler, error)) func(dir, version string) (http.Handler, error) {
	data := fl.String("data", "", "demo portal data `directory`: issuer key, DID, status lists, issued credentials (default DIR/demo)")
	return func(dir, version string) (http.Handler, error) {
		h, err := newServer(dir, version)
		if err != nil {
			return nil, err
		}
		addr := "localhost:8080"
		if f := fl.Lookup("addr"); f != nil {
			addr = f.Value.String()
		}
		d := *data
		if d == "" {
			d = filepath.Join(dir, "demo")
		}
		p, err := openPortal(d, originOf(addr), time.Now)
		if err != nil {
			return nil, fmt.Errorf("demo portal: %w", err)
		}
		return p.handler(h), nil
	}
}

// originOf is the http origin the portal is reached at for a listen
// address: localhost for an unspecified host, as displayURL prints.
func originOf(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = addr, "80"
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	if port == "80" {
		return "http://" + host
	}
	return "http://" + net.JoinHostPort(host, port)
}

// didWeb is the did:web DID of an origin (did:web §3.1: the port's colon
// percent-encoded).
func didWeb(origin string) string {
	u, _ := url.Parse(origin)
	return "did:web:" + strings.ReplaceAll(u.Host, ":", "%3A")
}

// portal is the demo issuer and relying party.
type portal struct {
	origin string
	dir    string
	did    string
	kid    string
	key    *ecdsa.PrivateKey
	didDoc []byte
	trust  []byte
	now    func() time.Time

	mu     sync.Mutex
	state  portalState
	lists  map[string][]byte // signed status lists by URL; nil when stale
	answer map[string]string // OpenID4VP state → result id, for the waiting page

	offers   oid4vc.Once[*pendingOffer] // pre-authorized code → offer
	offerIDs oid4vc.Once[*pendingOffer] // offer id → offer, for the page and credential_offer_uri
	tokens   oid4vc.Once[*pendingOffer] // access token → the offer it redeems
	nonces   oid4vc.Once[struct{}]      // c_nonce
	requests oid4vc.Once[*rpRequest]    // OpenID4VP state → request
	results  oid4vc.Once[*rpResult]     // result id → result
}

// portalState is what state.json holds.
type portalState struct {
	Issued []*issuedCredential `json:"issued"`
}

// issuedCredential records one credential the portal issued.
type issuedCredential struct {
	ID         string    `json:"id"`
	Config     string    `json:"config"`
	Index      uint64    `json:"statusIndex"`
	GivenName  string    `json:"givenName"`
	Surname    string    `json:"surname"`
	Roles      []string  `json:"roles,omitempty"`
	Attributes []string  `json:"attributes,omitempty"`
	Holder     string    `json:"holder"`
	IssuedAt   time.Time `json:"issuedAt"`
	Status     string    `json:"status"` // active, suspended or revoked
}

// openPortal loads the portal of origin from dataDir, creating its key, DID
// document, trust bundle and empty state on first start.
func openPortal(dataDir, origin string, now func() time.Time) (*portal, error) {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("bad origin %q", origin)
	}
	dir := filepath.Join(dataDir, strings.NewReplacer(":", "_", "[", "", "]", "").Replace(u.Host))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	p := &portal{origin: origin, dir: dir, did: didWeb(origin), now: now, answer: map[string]string{}}
	p.kid = p.did + "#key-1"
	p.offers.TTL, p.offerIDs.TTL, p.tokens.TTL, p.nonces.TTL = offerTTL, offerTTL, tokenTTL, nonceTTL
	p.requests.TTL, p.results.TTL = rpTTL, resultTTL

	if p.key, err = loadOrCreateKey(filepath.Join(dir, "issuer-key.pem")); err != nil {
		return nil, err
	}
	pub, err := jose.PublicJWK(&p.key.PublicKey)
	if err != nil {
		return nil, err
	}
	p.didDoc, _ = json.MarshalIndent(map[string]any{
		"@context": []string{"https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"},
		"id":       p.did,
		"verificationMethod": []any{map[string]any{
			"id": p.kid, "type": "JsonWebKey2020", "controller": p.did, "publicKeyJwk": json.RawMessage(pub),
		}},
		"assertionMethod": []string{p.kid},
		"authentication":  []string{p.kid},
	}, "", "  ")
	if _, err := did.ParseDocument(p.didDoc); err != nil {
		return nil, fmt.Errorf("issuer DID document: %w", err)
	}
	p.trust, _ = json.MarshalIndent(map[string]any{"trustedIssuers": []string{p.did}, "didDocs": []json.RawMessage{p.didDoc}}, "", "  ")
	if err := writeAtomic(filepath.Join(dir, "did.json"), p.didDoc, 0o644); err != nil {
		return nil, err
	}
	if err := writeAtomic(filepath.Join(dir, "trust.json"), p.trust, 0o644); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(filepath.Join(dir, "state.json"))
	switch {
	case errors.Is(err, os.ErrNotExist):
		err = p.saveLocked()
	case err == nil:
		err = json.Unmarshal(b, &p.state)
	}
	if err != nil {
		return nil, fmt.Errorf("state.json: %w", err)
	}
	return p, nil
}

// loadOrCreateKey reads the issuer's P-256 key, or makes and saves one.
func loadOrCreateKey(name string) (*ecdsa.PrivateKey, error) {
	b, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, err
		}
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			return nil, err
		}
		if err := writeAtomic(name, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600); err != nil {
			return nil, err
		}
		return k, nil
	}
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("%s: not PEM", name)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	ek, ok := k.(*ecdsa.PrivateKey)
	if !ok || ek.Curve != elliptic.P256() {
		return nil, fmt.Errorf("%s: not a P-256 key", name)
	}
	return ek, nil
}

// writeAtomic replaces name with b: a temporary file in the same folder,
// synced, then renamed over name, so a crash leaves the old or the new
// content, never a mix.
func writeAtomic(name string, b []byte, perm os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-"+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename, a no-op
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// saveLocked writes state.json; p.mu is held (or p is not shared yet).
func (p *portal) saveLocked() error {
	b, err := json.MarshalIndent(&p.state, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(p.dir, "state.json"), b, 0o600)
}

// Status list URLs.
func (p *portal) revocationURL() string { return p.origin + "/status/revocation" }
func (p *portal) suspensionURL() string { return p.origin + "/status/suspension" }
func (p *portal) tokenListURL() string  { return p.origin + "/status/token" }

// statusListsLocked returns the signed status lists by URL, signing them
// again when the state changed since; p.mu is held.
func (p *portal) statusListsLocked(now time.Time) (map[string][]byte, error) {
	if p.lists != nil {
		return p.lists, nil
	}
	rev, _ := status.NewBitstring(statusEntries, 1)
	sus, _ := status.NewBitstring(statusEntries, 1)
	tok := make([]byte, statusEntries)
	for _, c := range p.state.Issued {
		switch c.Status {
		case "revoked":
			rev.Set(c.Index, 1)
			tok[c.Index] = 1 // Token Status List §7.1: 0x01 INVALID
		case "suspended":
			sus.Set(c.Index, 1)
			tok[c.Index] = 2 // 0x02 SUSPENDED
		}
	}
	lists := map[string][]byte{}
	for _, l := range []struct {
		url, purpose string
		bits         *status.Bitstring
	}{{p.revocationURL(), status.PurposeRevocation, rev}, {p.suspensionURL(), status.PurposeSuspension, sus}} {
		enc, err := l.bits.Encode()
		if err != nil {
			return nil, err
		}
		// BSL v1.0 §2.2: a BitstringStatusListCredential, secured as
		// vc+jwt by the issuer of the credentials it lists.
		doc, _ := json.Marshal(map[string]any{
			"@context":  []string{"https://www.w3.org/ns/credentials/v2"},
			"id":        l.url,
			"type":      []string{"VerifiableCredential", "BitstringStatusListCredential"},
			"issuer":    p.did,
			"validFrom": now.UTC().Truncate(time.Second).Format(time.RFC3339),
			"credentialSubject": map[string]any{
				"id": l.url + "#list", "type": "BitstringStatusList", "statusPurpose": l.purpose, "encodedList": enc,
			},
		})
		jwt, err := jose.Sign(doc, "ES256", p.key, map[string]any{"typ": "vc+jwt", "kid": p.kid})
		if err != nil {
			return nil, err
		}
		lists[l.url] = []byte(jwt)
	}
	lst, err := status.EncodeTokenList(2, tok)
	if err != nil {
		return nil, err
	}
	payload, _ := json.Marshal(map[string]any{
		"sub": p.tokenListURL(), "iat": now.Unix(),
		"status_list": map[string]any{"bits": 2, "lst": lst},
	})
	jwt, err := jose.Sign(payload, "ES256", p.key, map[string]any{"typ": status.MediaTypeStatusListJWT, "kid": p.kid})
	if err != nil {
		return nil, err
	}
	lists[p.tokenListURL()] = []byte(jwt)
	p.lists = lists
	return lists, nil
}

// fetcher answers the portal's own resources from its state: the DID
// document at its did:web URL and the current status lists. Verifying a
// presentation never calls out over the network.
func (p *portal) fetcher(now time.Time) (fetch.Fetcher, error) {
	p.mu.Lock()
	lists, err := p.statusListsLocked(now)
	p.mu.Unlock()
	if err != nil {
		return nil, err
	}
	entries := map[string][]byte{}
	for k, v := range lists {
		entries[k] = v
	}
	d, err := did.Parse(p.did)
	if err != nil {
		return nil, err
	}
	u, err := web.URL(d)
	if err != nil {
		return nil, err
	}
	entries[u] = p.didDoc
	return fetch.Map{Entries: entries}, nil
}

// handler returns next with the portal's routes in front of it. Each
// portal route is gzipped like the rest of the server.
func (p *portal) handler(next http.Handler) http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern string, fn http.HandlerFunc) { mux.Handle(pattern, gzipHandler(fn)) }
	// The employer and its OpenID4VCI endpoints (portal_issuer.go).
	handle("GET /portal", p.servePortal)
	handle("POST /portal/offer", p.serveCreateOffer)
	handle("POST /portal/status", p.serveSetStatus)
	handle("GET /portal/trust.json", p.serveJSONBytes(func() []byte { return p.trust }))
	handle("GET /portal/style.css", serveCSS)
	handle("GET /.well-known/openid-credential-issuer", p.serveIssuerMetadata)
	handle("GET /.well-known/oauth-authorization-server", p.serveAuthServerMetadata)
	handle("GET /.well-known/did.json", p.serveJSONBytes(func() []byte { return p.didDoc }))
	handle("GET /oid4vci/offer/{id}", p.serveOfferByReference)
	handle("POST /oid4vci/token", p.serveToken)
	handle("POST /oid4vci/nonce", p.serveNonce)
	handle("POST /oid4vci/credential", p.serveCredential)
	handle("GET /status/{list}", p.serveStatusList)
	// The relying party (portal_rp.go).
	handle("GET /rp", p.serveRP)
	handle("POST /rp/request", p.serveCreateRequest)
	handle("GET /rp/wait/{state}", p.serveWait)
	handle("GET /rp/request/{state}", p.serveRequestObject)
	handle("POST /rp/response", p.serveResponse)
	handle("GET /rp/result/{id}", p.serveResult)
	mux.Handle("/", next)
	return mux
}

// serveJSONBytes serves fixed JSON bytes.
func (p *portal) serveJSONBytes(b func() []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(b())
	}
}

// writeJSON answers with v as JSON; OAuth responses are never cached
// (RFC 6749 §5.1).
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	b, _ := json.Marshal(v)
	w.Write(b)
}

// writeOAuthError answers with the error object of err (RFC 6749 §5.2).
func writeOAuthError(w http.ResponseWriter, err error) {
	resp := oid4vc.ResponseOf(err)
	if resp.Error == oid4vc.CodeInvalidToken {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	}
	writeJSON(w, resp.Error.HTTPStatus(), resp)
}

// htmlForm parses a portal page's form, at most max bytes; a bad one is a
// plain 400, and ok is false.
func htmlForm(w http.ResponseWriter, r *http.Request, max int64) bool {
	r.Body = http.MaxBytesReader(w, r.Body, max)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return false
	}
	return true
}

// oauthForm parses a protocol endpoint's form body, at most max bytes; a
// bad one is an OAuth invalid_request error, and ok is false.
func oauthForm(w http.ResponseWriter, r *http.Request, max int64) bool {
	r.Body = http.MaxBytesReader(w, r.Body, max)
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, &oid4vc.Error{Code: oid4vc.CodeInvalidRequest, Err: fmt.Errorf("the body is not a form of at most %d bytes", max)})
		return false
	}
	return true
}

// sameOrigin refuses a browser form posted from another origin (the
// portal's buttons change state): with an Origin header, it must be ours.
func (p *portal) sameOrigin(w http.ResponseWriter, r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == p.origin || o == "http://"+r.Host {
		return true
	}
	http.Error(w, "cross-origin form refused", http.StatusForbidden)
	return false
}
