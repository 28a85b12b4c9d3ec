package e2e

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/status"
)

// The edge worker's outbound fetches on real workerd: a did:web issuer
// and its status list served by a local HTTPS server (a test origin, with
// a CA that the test workerd configuration trusts), the cache in front of
// them (first request fetches, second hits; source down → stale with its
// date; past CACHE_MAX_AGE → stale_too_old), the Cache API tier through a
// local cache service, and the fetch policy outside test configuration.

// testPKI is a CA and a certificate it signed for localhost and
// 127.0.0.1.
type testPKI struct {
	caPEM string
	leaf  tls.Certificate
}

func newTestPKI(t *testing.T) testPKI {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "gxwallet e2e CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ = x509.ParseCertificate(caDER)
	leafKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return testPKI{
		caPEM: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})),
		leaf:  tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey},
	}
}

// originServer is a local HTTPS server for a did:web issuer
// (did:web:localhost%3A<port>) and its status lists. It counts requests
// per path and can be taken down (503) without closing; /redirect/P
// redirects to P.
type originServer struct {
	*httptest.Server
	origin string // https://localhost:<port>
	did    string
	kid    string
	key    *ecdsa.PrivateKey

	mu       sync.Mutex
	files    map[string][]byte
	headers  map[string]string // Cache-Control per path
	requests map[string]int
	down     atomic.Bool
	cors     atomic.Bool // send Access-Control-Allow-Origin: * (browser tests)
}

func newOriginServer(t *testing.T, pki testPKI) *originServer {
	t.Helper()
	o := &originServer{files: map[string][]byte{}, headers: map[string]string{}, requests: map[string]int{}}
	o.Server = httptest.NewUnstartedServer(http.HandlerFunc(o.serve))
	o.TLS = &tls.Config{Certificates: []tls.Certificate{pki.leaf}}
	o.StartTLS()
	t.Cleanup(o.Close)
	port := o.Listener.Addr().(*net.TCPAddr).Port
	o.origin = fmt.Sprintf("https://localhost:%d", port)
	o.did = fmt.Sprintf("did:web:localhost%%3A%d", port)
	o.kid = o.did + "#k1"
	var err error
	if o.key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		t.Fatal(err)
	}
	jwk, err := jose.PublicJWK(&o.key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := json.Marshal(map[string]any{
		"@context": []string{"https://www.w3.org/ns/did/v1"},
		"id":       o.did,
		"verificationMethod": []any{map[string]any{
			"id": o.kid, "type": "JsonWebKey2020", "controller": o.did, "publicKeyJwk": json.RawMessage(jwk),
		}},
		"assertionMethod": []string{o.kid},
	})
	o.put("/.well-known/did.json", doc, "max-age=600")
	return o
}

func (o *originServer) serve(w http.ResponseWriter, r *http.Request) {
	o.mu.Lock()
	o.requests[r.URL.Path]++
	body, ok := o.files[r.URL.Path]
	cc := o.headers[r.URL.Path]
	o.mu.Unlock()
	if o.cors.Load() {
		w.Header().Set("Access-Control-Allow-Origin", "*")
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/redirect/"):
		http.Redirect(w, r, strings.TrimPrefix(r.URL.Path, "/redirect"), http.StatusFound)
	case o.down.Load():
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	case !ok:
		http.NotFound(w, r)
	default:
		if cc != "" {
			w.Header().Set("Cache-Control", cc)
		}
		w.Write(body)
	}
}

func (o *originServer) put(path string, body []byte, cacheControl string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.files[path], o.headers[path] = body, cacheControl
}

func (o *originServer) count(path string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.requests[path]
}

func (o *originServer) sign(t *testing.T, payload any) string {
	t.Helper()
	b, err := json.Marshal(payload)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jose.Sign(b, "ES256", o.key, map[string]any{"typ": "vc+jwt", "kid": o.kid})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// credential is a vc+jwt of the issuer with a revocation entry at index
// of the list at listURL.
func (o *originServer) credential(t *testing.T, listURL string, index int) string {
	t.Helper()
	return o.sign(t, map[string]any{
		"@context": []string{"https://www.w3.org/ns/credentials/v2"}, "type": []string{"VerifiableCredential"},
		"issuer": o.did, "validFrom": "2026-01-01T00:00:00Z",
		"credentialSubject": map[string]any{"id": "did:example:alice", "name": "Alice"},
		"credentialStatus":  []any{bslEntry("revocation", listURL, index)},
	})
}

// statusList is a signed 131 072-entry revocation list with the given
// indexes set, published at path.
func (o *originServer) statusList(t *testing.T, path string, revoked ...uint64) string {
	t.Helper()
	bs, err := status.NewBitstring(131072, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range revoked {
		if err := bs.Set(i, 1); err != nil {
			t.Fatal(err)
		}
	}
	enc, err := bs.Encode()
	if err != nil {
		t.Fatal(err)
	}
	url := o.origin + path
	return o.sign(t, map[string]any{
		"@context": []string{"https://www.w3.org/ns/credentials/v2"},
		"id":       url, "type": []string{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer": o.did, "validFrom": "2026-01-01T00:00:00Z",
		"credentialSubject": map[string]any{"id": url + "#list", "type": "BitstringStatusList",
			"statusPurpose": "revocation", "encodedList": enc},
	})
}

// cacheService is a Cache API backend for workerd (its cacheApiOutbound
// protocol, as Miniflare's cache worker implements it): GET matches, PUT
// stores a serialized HTTP response, PURGE deletes; a miss is 504 with
// CF-Cache-Status: MISS. Entries expire by the stored response's max-age.
type cacheService struct {
	*httptest.Server
	mu      sync.Mutex
	entries map[string]cachedResponse
	puts    int
	hits    int
}

type cachedResponse struct {
	status  int
	header  http.Header
	body    []byte
	expires time.Time
}

func newCacheService(t *testing.T) *cacheService {
	t.Helper()
	c := &cacheService{entries: map[string]cachedResponse{}}
	c.Server = httptest.NewServer(http.HandlerFunc(c.serve))
	t.Cleanup(c.Close)
	return c
}

func (c *cacheService) serve(w http.ResponseWriter, r *http.Request) {
	key := r.Header.Get("Cf-Cache-Namespace") + " " + r.Host + r.URL.RequestURI()
	c.mu.Lock()
	defer c.mu.Unlock()
	switch r.Method {
	case http.MethodGet:
		e, ok := c.entries[key]
		if !ok || time.Now().After(e.expires) {
			w.Header().Set("Cf-Cache-Status", "MISS")
			w.WriteHeader(http.StatusGatewayTimeout)
			return
		}
		c.hits++
		for k, v := range e.header {
			w.Header()[k] = v
		}
		w.Header().Set("Cf-Cache-Status", "HIT")
		w.Header().Set("Content-Length", strconv.Itoa(len(e.body)))
		w.WriteHeader(e.status)
		w.Write(e.body)
	case http.MethodPut:
		res, err := http.ReadResponse(bufio.NewReader(r.Body), nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		body, err := io.ReadAll(res.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		var maxAge int
		for _, d := range strings.Split(res.Header.Get("Cache-Control"), ",") {
			if v, ok := strings.CutPrefix(strings.TrimSpace(d), "max-age="); ok {
				maxAge, _ = strconv.Atoi(v)
			}
		}
		if maxAge <= 0 {
			w.WriteHeader(http.StatusRequestEntityTooLarge) // not storable
			return
		}
		res.Header.Del("Content-Length")
		c.entries[key] = cachedResponse{status: res.StatusCode, header: res.Header, body: body, expires: time.Now().Add(time.Duration(maxAge) * time.Second)}
		c.puts++
		w.WriteHeader(http.StatusNoContent)
	case "PURGE":
		if _, ok := c.entries[key]; !ok {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		delete(c.entries, key)
	default:
		w.WriteHeader(http.StatusMethodNotAllowed)
	}
}

func (c *cacheService) counts() (puts, hits int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.puts, c.hits
}

// edgeAnswer is a POST /v1/verify answer with its X-Gx-Cache header.
type edgeAnswer struct {
	code   int
	cache  string
	result workerResult
}

func edgeVerify(t *testing.T, base, cred string, options map[string]any) edgeAnswer {
	t.Helper()
	ob, _ := json.Marshal(options)
	code, hdr, r := workerDo(t, "POST", base+"/v1/verify", verifyBody(t, cred, ob))
	return edgeAnswer{code, hdr.Get("X-Gx-Cache"), r}
}

// only reports whether every fetch of the answer had one of the outcomes
// and there was at least one.
func (a edgeAnswer) only(outcomes ...string) bool {
	if a.cache == "" {
		return false
	}
	for _, o := range strings.Split(a.cache, ", ") {
		if !slices.Contains(outcomes, o) {
			return false
		}
	}
	return true
}

func (a edgeAnswer) check(id string) (status, code, detail string) {
	for _, c := range a.result.Checks {
		if c.ID == id {
			return c.Status, c.Code, c.Detail
		}
	}
	return "", "", ""
}

type statusAnswer struct {
	URL        string     `json:"url"`
	Cached     bool       `json:"cached"`
	Tier       string     `json:"tier"`
	FetchedAt  *time.Time `json:"fetchedAt"`
	AgeSeconds *int64     `json:"ageSeconds"`
	Fresh      bool       `json:"fresh"`
	Servable   bool       `json:"servable"`
	Code       string     `json:"code"`
}

func edgeStatus(t *testing.T, base, url string) (int, statusAnswer) {
	t.Helper()
	res, err := workerClient.Get(base + "/v1/status?url=" + url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var a statusAnswer
	if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, a
}

func TestWorkerFetchCache(t *testing.T) {
	pki := newTestPKI(t)
	src := newOriginServer(t, pki)
	cacheSvc := newCacheService(t)
	const listPath = "/status/1"
	listURL := src.origin + listPath
	src.put(listPath, []byte(src.statusList(t, listPath, 7)), "max-age=2")
	active, revoked := src.credential(t, listURL, 8), src.credential(t, listURL, 7)
	options := map[string]any{"now": testNow, "trustedIssuers": []string{src.did}}

	wc := workerdConfig{
		Env:           map[string]string{"ALLOWED_TEST_ORIGINS": src.origin, "CACHE_MAX_AGE": "5s"},
		AllowLoopback: true,
		TrustedCA:     pki.caPEM,
		CacheService:  cacheSvc.Listener.Addr().String(),
	}
	base, _ := startWorkerdWith(t, wc)

	// First request: the DID document and the list are fetched.
	first := time.Now()
	a := edgeVerify(t, base, active, options)
	// (The DID document is needed twice: for the credential and for the
	// list; the second time it is a hit.)
	if a.code != 200 || a.result.Status != "active" || strings.Count(a.cache, "miss") != 2 || !a.only("miss", "hit") {
		t.Fatalf("first request: %d %q X-Gx-Cache %q", a.code, a.result.Status, a.cache)
	}
	st, _, detail := a.check("status.revocation")
	if st != "pass" || !strings.Contains(detail, "status as of") || !strings.Contains(detail, "(fetched)") {
		t.Errorf("status check %s %q", st, detail)
	}
	if src.count("/.well-known/did.json") != 1 || src.count(listPath) != 1 {
		t.Errorf("source saw %d DID document and %d list requests, want 1 and 1", src.count("/.well-known/did.json"), src.count(listPath))
	}

	// Second request: both from the cache; the revoked index too.
	a = edgeVerify(t, base, revoked, options)
	if a.code != 200 || a.result.Status != "revoked" || !a.only("hit") {
		t.Fatalf("second request: %d %q X-Gx-Cache %q", a.code, a.result.Status, a.cache)
	}
	if src.count("/.well-known/did.json") != 1 || src.count(listPath) != 1 {
		t.Errorf("second request reached the source")
	}
	if code, s := edgeStatus(t, base, listURL); code != 200 || !s.Cached || s.Tier != "isolate" || !s.Fresh || s.FetchedAt == nil {
		t.Errorf("GET /v1/status: %d %+v", code, s)
	}

	// Source down, list past its max-age=2: the stale copy, dated.
	src.down.Store(true)
	time.Sleep(time.Until(first.Add(2500 * time.Millisecond)))
	a = edgeVerify(t, base, active, options)
	if a.code != 200 || a.result.Status != "active" || !strings.Contains(a.cache, "stale") || !a.only("hit", "stale") {
		t.Fatalf("source down: %d %q X-Gx-Cache %q %+v", a.code, a.result.Status, a.cache, a.result.Checks)
	}
	_, _, detail = a.check("status.revocation")
	_, s := edgeStatus(t, base, listURL)
	if s.FetchedAt == nil || !strings.Contains(detail, "status as of "+s.FetchedAt.UTC().Format(time.RFC3339)) || s.Fresh || !s.Servable {
		t.Errorf("stale answer: detail %q, /v1/status %+v", detail, s)
	}
	if s.FetchedAt != nil && (s.FetchedAt.Before(first.Add(-time.Second)) || s.FetchedAt.After(first.Add(2*time.Second))) {
		t.Errorf("fetchedAt %v is not the first fetch (%v)", s.FetchedAt, first)
	}

	// Past CACHE_MAX_AGE (5 s): a coded answer, not a verdict from old data.
	time.Sleep(time.Until(first.Add(5500 * time.Millisecond)))
	// (The DID document is past it too: CACHE_MAX_AGE caps every
	// freshness, so its issuer.key check is the one that says so.)
	a = edgeVerify(t, base, revoked, options)
	if a.code != 200 || a.result.Status == "revoked" || a.result.Status == "active" || !a.only("stale_too_old") ||
		!slices.ContainsFunc(a.result.Checks, func(c workerCheck) bool {
			return c.Status == "indeterminate" && strings.Contains(c.Detail, "stale_too_old")
		}) {
		t.Fatalf("past max age: %d %q X-Gx-Cache %q checks %+v", a.code, a.result.Status, a.cache, a.result.Checks)
	}
	if _, s := edgeStatus(t, base, listURL); !s.Cached || s.Servable {
		t.Errorf("/v1/status past max age: %+v", s)
	}

	// Back up: fetched again.
	src.down.Store(false)
	if a = edgeVerify(t, base, revoked, options); a.result.Status != "revoked" || !strings.Contains(a.cache, "miss") {
		t.Fatalf("source back: %q X-Gx-Cache %q", a.result.Status, a.cache)
	}

	// A second workerd (a new isolate: empty in-isolate cache) with the
	// same Cache API service answers from the Cache API with the source
	// down.
	puts, _ := cacheSvc.counts()
	if puts == 0 {
		t.Fatal("nothing was put into the Cache API")
	}
	src.down.Store(true)
	base2, _ := startWorkerdWith(t, wc)
	if code, s := edgeStatus(t, base2, listURL); code != 200 || !s.Cached || s.Tier != "cache-api" {
		t.Errorf("new isolate, /v1/status: %d %+v", code, s)
	}
	a = edgeVerify(t, base2, revoked, options)
	if a.result.Status != "revoked" || !a.only("hit") {
		t.Errorf("new isolate, source down: %q X-Gx-Cache %q", a.result.Status, a.cache)
	}
	if _, hits := cacheSvc.counts(); hits == 0 {
		t.Error("the Cache API service saw no hit")
	}
}

func TestWorkerFetchPolicy(t *testing.T) {
	pki := newTestPKI(t)
	src := newOriginServer(t, pki)
	src.put("/status/1", []byte(src.statusList(t, "/status/1")), "")
	options := map[string]any{"now": testNow, "trustedIssuers": []string{src.did}}

	t.Run("outside test configuration", func(t *testing.T) {
		base := startWorkerd(t)
		// did:web:localhost%3A<port>: the policy refuses localhost.
		a := edgeVerify(t, base, src.credential(t, src.origin+"/status/1", 1), options)
		st, _, detail := a.check("issuer.key")
		if a.code != 200 || a.result.Status == "active" || st == "pass" || !strings.Contains(detail, "refused by the fetch policy") || a.cache != "refused" {
			t.Errorf("did:web at localhost: %d %q X-Gx-Cache %q issuer.key %s %q", a.code, a.result.Status, a.cache, st, detail)
		}
		// A status list at 127.0.0.1 and at 10.0.0.1 (the DID document given).
		doc := map[string]any{}
		json.Unmarshal(src.files["/.well-known/did.json"], &doc)
		withDoc := map[string]any{"now": testNow, "trustedIssuers": []string{src.did}, "didDocs": []any{doc}}
		for _, u := range []string{strings.Replace(src.origin, "localhost", "127.0.0.1", 1) + "/status/1", "https://10.0.0.1/status/1", "https://169.254.169.254/latest"} {
			a = edgeVerify(t, base, src.credential(t, u, 1), withDoc)
			st, _, detail = a.check("status.revocation")
			if a.code != 200 || a.result.Status == "active" || st == "pass" || !strings.Contains(detail, "IP literal") {
				t.Errorf("%s: %d %q status check %s %q", u, a.code, a.result.Status, st, detail)
			}
		}
		for _, u := range []string{src.origin + "/status/1", "http://status.example/1", "https://[::1]/x"} {
			if code, s := edgeStatus(t, base, u); code != 400 || s.Code != "url_not_allowed" {
				t.Errorf("GET /v1/status?url=%s: %d %+v", u, code, s)
			}
		}
		if n := src.count("/.well-known/did.json") + src.count("/status/1"); n != 0 {
			t.Errorf("the local server saw %d requests", n)
		}
	})

	t.Run("the network layer refuses loopback too", func(t *testing.T) {
		// The worker's policy lets the test origin through, but the
		// shipped network rule (public addresses only) does not.
		base, _ := startWorkerdWith(t, workerdConfig{Env: map[string]string{"ALLOWED_TEST_ORIGINS": src.origin}, TrustedCA: pki.caPEM})
		a := edgeVerify(t, base, src.credential(t, src.origin+"/status/1", 1), options)
		st, _, _ := a.check("issuer.key")
		if a.code != 200 || a.result.Status == "active" || st == "pass" || a.cache != "error" {
			t.Errorf("%d %q X-Gx-Cache %q issuer.key %s", a.code, a.result.Status, a.cache, st)
		}
		if n := src.count("/.well-known/did.json"); n != 0 {
			t.Errorf("the local server saw %d requests", n)
		}
	})

	t.Run("test configuration", func(t *testing.T) {
		base, _ := startWorkerdWith(t, workerdConfig{Env: map[string]string{"ALLOWED_TEST_ORIGINS": src.origin}, AllowLoopback: true, TrustedCA: pki.caPEM})
		a := edgeVerify(t, base, src.credential(t, src.origin+"/status/1", 1), options)
		if a.code != 200 || a.result.Status != "active" {
			t.Errorf("%d %q X-Gx-Cache %q %+v", a.code, a.result.Status, a.cache, a.result.Checks)
		}
	})
}
