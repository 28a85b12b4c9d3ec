package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gxwallet/gxwallet/core/verify"

	"github.com/gxwallet/gxwallet/wasm/internal/httpfetch"
)

// Error codes of the HTTP layer. They are stable strings, like
// verify.Code; a verification outcome is never one of these (it is a
// verify.Result with HTTP 200). openapi.json lists them (ErrorCode);
// openapi_test.go keeps the two in step.
const (
	codeBadRequest       = "bad_request"        // the body is not the JSON described for the endpoint
	codeBadOptions       = "bad_options"        // "options" is malformed (verify.Request.Apply refused it)
	codeTooLarge         = "too_large"          // the body exceeds the endpoint's byte bound
	codeTooManyItems     = "too_many_items"     // a batch of more than MaxBatchItems
	codeBadURL           = "bad_url"            // GET /v1/status without a usable url parameter
	codeURLNotAllowed    = "url_not_allowed"    // the fetch policy refuses the URL
	codeOriginNotAllowed = "origin_not_allowed" // a CORS preflight from an origin not in ALLOWED_ORIGINS
	codeMethodNotAllowed = "method_not_allowed" // see the Allow header
	codeNotFound         = "not_found"          // unknown path
	codeIndeterminate    = "indeterminate"      // verification could not be evaluated at all (retry later)
	codeBadConfig        = "bad_config"         // the deployment's vars are malformed (the message names the var)
	codeInternal         = "internal"           // a bug; worker.mjs uses it too
	// codeTrustBundleUnavailable and codeTrustBundleInvalid: trustbundle.go.
)

// errorCodes lists every code above, in openapi.json's order.
var errorCodes = []string{
	codeBadRequest, codeBadOptions, codeTooLarge, codeTooManyItems, codeBadURL, codeURLNotAllowed,
	codeOriginNotAllowed, codeMethodNotAllowed, codeNotFound, codeIndeterminate, codeBadConfig, codeInternal,
	codeTrustBundleUnavailable, codeTrustBundleInvalid,
}

// verifyRequest is the body of POST /v1/verify and one item of a batch:
//
//	{"credential": "<compact JWS or JSON text>" | {…JSON credential…},
//	 "options": {…verify.Request…}}
type verifyRequest struct {
	Credential json.RawMessage `json:"credential"`
	Options    json.RawMessage `json:"options"`
}

// apiError is the body of every 4xx/5xx answer, and the error of a batch
// item.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// route is one endpoint. GET routes answer HEAD too.
type route struct {
	path    string
	methods []string
	serve   func(h *handler, w http.ResponseWriter, r *http.Request, cfg Config)
}

// routes is the API; openapi.json documents exactly these (openapi_test.go).
var routes = []route{
	{"/v1/verify", []string{http.MethodPost}, (*handler).verify},
	{"/v1/verify/batch", []string{http.MethodPost}, (*handler).batch},
	{"/v1/status", []string{http.MethodGet}, (*handler).status},
	{"/openapi.json", []string{http.MethodGet}, (*handler).openapi},
	{"/healthz", []string{http.MethodGet}, (*handler).healthz},
}

func (rt *route) allows(method string) bool {
	return slices.Contains(rt.methods, method) || (method == http.MethodHead && slices.Contains(rt.methods, http.MethodGet))
}

// allow is the Allow header of the route.
func (rt *route) allow() string {
	m := rt.methods
	if slices.Contains(m, http.MethodGet) {
		m = append(slices.Clone(m), http.MethodHead)
	}
	return strings.Join(append(slices.Clone(m), http.MethodOptions), ", ")
}

func findRoute(path string) *route {
	for i := range routes {
		if routes[i].path == path {
			return &routes[i]
		}
	}
	return nil
}

// handler serves the edge verifier's HTTP API. It is platform-neutral:
// main_js.go serves it on Workers, handler_test.go on net/http/httptest.
type handler struct {
	// Version is reported by /healthz.
	Version string
	// Base holds effects every request starts from; each request's
	// options are layered on top with verify.Request.Apply. When
	// Transport is set, Base.Fetcher is replaced per request by the policy
	// fetcher behind the cache.
	Base verify.Options
	// Transport carries outbound fetches (Workers fetch on Workers). Nil
	// means nothing is fetched beyond Base.Fetcher.
	Transport http.RoundTripper
	// Cache is the in-isolate tier of the fetch cache, shared by every
	// request the Go instance serves.
	Cache *lruStore
	// OpenCacheAPI returns the Cache API tier for one request, or nil when
	// the platform has none. Nil means no such tier.
	OpenCacheAPI func(context.Context) cacheStore
	// Env reads a configuration variable (the Workers env bindings). Nil
	// means every variable is unset.
	Env func(name string) string
	// Now is the cache's clock (verification gets its instant from the
	// request's options or verify.Verify). Nil means time.Now.
	Now func() time.Time
	// Verify is verify.Verify; tests replace it to reach error paths.
	Verify func(context.Context, []byte, verify.Options) (verify.Result, error)
	// Log receives errors that the client does not see in full. Nil
	// means the standard logger (the worker's console).
	Log func(format string, args ...any)

	// served counts the requests this handler (on Workers: this Go
	// instance, one per isolate) has answered; started is its start.
	served  atomic.Uint64
	started time.Time
	// validBundles remembers the trust bundle copies already checked.
	validBundles validBundles
}

func newHandler(version string, base verify.Options) *handler {
	return &handler{Version: version, Base: base, Verify: verify.Verify, started: time.Now()}
}

func (h *handler) now() time.Time {
	if h.Now != nil {
		return h.Now()
	}
	return time.Now()
}

func (h *handler) config() (Config, error) {
	getenv := h.Env
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return loadConfig(getenv)
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// Core never panics on input (STYLE rule 18); if a bug makes it, net/http
	// would recover, but on Workers the panic ends the Go program and with
	// it every request in flight. Answer 500 and keep serving.
	defer func() {
		if v := recover(); v != nil {
			h.logf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
			writeError(w, http.StatusInternalServerError, codeInternal, "internal error")
		}
	}()
	h.served.Add(1)
	if r.Method == http.MethodHead {
		w = headWriter{w}
	}
	cfg, cfgErr := h.config()
	if cfgErr == nil {
		cors(w, r, cfg)
	}
	rt := findRoute(r.URL.Path)
	switch {
	case rt == nil:
		writeError(w, http.StatusNotFound, codeNotFound, "no such endpoint; see GET /openapi.json")
	case r.Method == http.MethodOptions && cfgErr == nil:
		preflight(w, r, cfg, rt)
	case !rt.allows(r.Method):
		w.Header().Set("Allow", rt.allow())
		writeError(w, http.StatusMethodNotAllowed, codeMethodNotAllowed, "method not allowed; allowed: "+rt.allow())
	case cfgErr != nil:
		h.logf("%v", cfgErr)
		writeError(w, http.StatusInternalServerError, codeBadConfig, cfgErr.Error())
	default:
		rt.serve(h, w, r, cfg)
	}
}

// health is the body of GET /healthz. Served and UptimeSeconds are
// those of the Go instance that answers: on Workers one per isolate,
// reused across requests (worker.mjs), so they show how many requests one
// Go runtime has served.
// GoSysBytes is the memory the Go runtime holds (under wasm, most of the
// linear memory, which never shrinks); GoHeapBytes the live heap.
type health struct {
	OK            bool   `json:"ok"`
	Version       string `json:"version"`
	Served        uint64 `json:"served"`
	UptimeSeconds int64  `json:"uptimeSeconds"`
	GoSysBytes    uint64 `json:"goSysBytes"`
	GoHeapBytes   uint64 `json:"goHeapBytes"`
}

func (h *handler) healthz(w http.ResponseWriter, _ *http.Request, _ Config) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	writeJSON(w, http.StatusOK, health{OK: true, Version: h.Version, Served: h.served.Load(),
		UptimeSeconds: int64(time.Since(h.started) / time.Second), GoSysBytes: ms.Sys, GoHeapBytes: ms.HeapAlloc})
}

// requestOptions returns the effects of one request: Base, with the
// configured trusted issuers, and (when there is a Transport) a fresh
// cachedFetcher over the shared cache tiers.
func (h *handler) requestOptions(ctx context.Context, cfg Config) (verify.Options, *cachedFetcher) {
	o := h.Base
	o.Policy.TrustedIssuers = append(slices.Clone(o.Policy.TrustedIssuers), cfg.TrustedIssuers...)
	if h.Transport == nil {
		return o, nil
	}
	f := &cachedFetcher{
		origin:     &httpfetch.Fetcher{Transport: h.Transport, Policy: cfg.policy()},
		tiers:      h.tiers(),
		now:        h.now,
		maxAge:     cfg.cacheMaxAge(),
		defaultTTL: cfg.cacheDefaultTTL(),
	}
	o.Fetcher = f
	return o, f
}

// tiers returns the cache tiers, fastest first.
func (h *handler) tiers() []cacheStore {
	var t []cacheStore
	if h.Cache != nil {
		t = append(t, h.Cache)
	}
	if h.OpenCacheAPI != nil {
		t = append(t, &lazyStore{open: h.OpenCacheAPI})
	}
	return t
}

// verify answers POST /v1/verify.
//
// HTTP status policy: a request that is well formed gets 200 and the
// verify.Result as its body, whatever the verdict: "invalid",
// "untrusted" and "revoked" are answers, not errors, and the Result is the
// same JSON that the CLI and the JS library print. When verify.Verify
// returns an error (evaluation impossible, e.g. a status list could not be
// fetched) but still filled the Result, that Result is the answer too: its
// status and its indeterminate check say what happened. Only when it
// could not produce a verdict at all (no status, e.g. the deadline passed
// before anything was checked) is the answer 503 "indeterminate", which a
// client may retry. 4xx answers are about the HTTP request itself.
func (h *handler) verify(w http.ResponseWriter, r *http.Request, cfg Config) {
	body, ok := readBody(w, r, MaxRequestBytes)
	if !ok {
		return
	}
	opts, f := h.requestOptions(r.Context(), cfg)
	tb := h.newTrustBundle(cfg)
	res, status, apiErr := h.evaluate(r.Context(), body, opts, tb)
	setCacheHeader(w, f)
	tb.setHeader(w)
	if apiErr != nil {
		writeJSON(w, status, apiErr)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// evaluate verifies one {credential, options} document under base. When
// the options bring no bundle, tb's (the deployment's TRUST_BUNDLE_URL;
// nil for none) stands in. It returns the Result, or the HTTP status and
// error of a request that could not be evaluated.
func (h *handler) evaluate(ctx context.Context, body []byte, base verify.Options, tb *trustBundle) (verify.Result, int, *apiError) {
	fail := func(status int, code, msg string) (verify.Result, int, *apiError) {
		return verify.Result{}, status, &apiError{Code: code, Message: msg}
	}
	var req verifyRequest
	if err := decodeStrict(body, &req); err != nil {
		return fail(http.StatusBadRequest, codeBadRequest, "body: "+err.Error())
	}
	input, err := credentialBytes(req.Credential)
	if err != nil {
		return fail(http.StatusBadRequest, codeBadRequest, err.Error())
	}
	var vreq verify.Request
	if len(req.Options) > 0 && !bytes.Equal(req.Options, []byte("null")) {
		if err := decodeStrict(req.Options, &vreq); err != nil {
			return fail(http.StatusBadRequest, codeBadOptions, "options: "+err.Error())
		}
	}
	if tb != nil && (len(vreq.Bundle) == 0 || bytes.Equal(bytes.TrimSpace(vreq.Bundle), []byte("null"))) {
		raw, status, apiErr := tb.get(ctx)
		if apiErr != nil {
			return verify.Result{}, status, apiErr
		}
		vreq.Bundle = raw
	}
	opts, err := vreq.Apply(base)
	if err != nil {
		return fail(http.StatusBadRequest, codeBadOptions, err.Error())
	}

	ctx, cancel := context.WithTimeout(ctx, VerifyTimeout)
	defer cancel()
	res, err := h.Verify(ctx, input, opts)
	if err != nil {
		h.logf("verify: %v", err)
		if res.Status == "" {
			return fail(http.StatusServiceUnavailable, codeIndeterminate, err.Error())
		}
	}
	if res.Checks == nil {
		res.Checks = []verify.Check{} // "checks" is always an array
	}
	return res, http.StatusOK, nil
}

// batchItem is one answer of POST /v1/verify/batch: a Result, or the
// error that item alone got.
type batchItem struct {
	Result *verify.Result `json:"result,omitempty"`
	Error  *apiError      `json:"error,omitempty"`
}

// batch answers POST /v1/verify/batch: a JSON array of at most
// MaxBatchItems {credential, options} objects, answered in order, each
// with its own Result or error. Items share one fetch cache view (a status
// list fetched for the first is a hit for the others).
func (h *handler) batch(w http.ResponseWriter, r *http.Request, cfg Config) {
	body, ok := readBody(w, r, MaxBatchBytes)
	if !ok {
		return
	}
	items, status, apiErr := splitBatch(body)
	if apiErr != nil {
		writeJSON(w, status, apiErr)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), BatchTimeout)
	defer cancel()
	opts, f := h.requestOptions(ctx, cfg)
	tb := h.newTrustBundle(cfg)
	out := make([]batchItem, len(items))
	for i, item := range items {
		if err := ctx.Err(); err != nil {
			out[i].Error = &apiError{Code: codeIndeterminate, Message: fmt.Sprintf("not evaluated: the batch ran out of time (%v)", BatchTimeout)}
			continue
		}
		res, _, apiErr := h.evaluate(ctx, item, opts, tb)
		if apiErr != nil {
			out[i].Error = apiErr
			continue
		}
		out[i].Result = &res
	}
	setCacheHeader(w, f)
	tb.setHeader(w)
	writeJSON(w, http.StatusOK, struct {
		Results []batchItem `json:"results"`
	}{out})
}

// splitBatch returns the raw items of a batch body, refusing a body that
// is not an array and counting items as it goes, so that a batch of a
// million is refused after MaxBatchItems+1 rather than decoded.
func splitBatch(body []byte) ([]json.RawMessage, int, *apiError) {
	bad := func(msg string) ([]json.RawMessage, int, *apiError) {
		return nil, http.StatusBadRequest, &apiError{Code: codeBadRequest, Message: msg}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return bad("body must be a JSON array of {credential, options} objects")
	}
	var items []json.RawMessage
	for dec.More() {
		if len(items) == MaxBatchItems {
			return nil, http.StatusRequestEntityTooLarge, &apiError{Code: codeTooManyItems,
				Message: fmt.Sprintf("more than %d items; split the batch", MaxBatchItems)}
		}
		var item json.RawMessage
		if err := dec.Decode(&item); err != nil {
			return bad(fmt.Sprintf("item %d: %v", len(items), err))
		}
		items = append(items, item)
	}
	if _, err := dec.Token(); err != nil {
		return bad("body: " + err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return bad("trailing data after the JSON array")
	}
	return items, http.StatusOK, nil
}

// readBody reads at most max bytes of the body, or answers 413/400 and
// returns false.
func readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, bool) {
	// Go reads at most max bytes. The body is deliberately not closed
	// early: closing cancels the request stream on Workers and workerd
	// then resets the connection while the client is still uploading, so
	// the client sees a broken pipe instead of the 413. Left alone, the
	// runtime drains the rest outside the Go heap.
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, codeTooLarge, fmt.Sprintf("request body over %d bytes", max))
			return nil, false
		}
		writeError(w, http.StatusBadRequest, codeBadRequest, "reading request body: "+err.Error())
		return nil, false
	}
	return body, true
}

// setCacheHeader reports what the fetch cache did, one outcome per fetch
// in order (X-Gx-Cache: miss, hit, stale).
func setCacheHeader(w http.ResponseWriter, f *cachedFetcher) {
	if f == nil {
		return
	}
	if o := f.Outcomes(); len(o) > 0 {
		w.Header().Set("X-Gx-Cache", strings.Join(o, ", "))
	}
}

func (h *handler) logf(format string, args ...any) {
	if h.Log != nil {
		h.Log(format, args...)
		return
	}
	log.Printf(format, args...)
}

// decodeStrict decodes one JSON value into v, refusing unknown members
// (a misspelt option must not be silently ignored) and trailing data.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}

// credentialBytes returns what verify.Verify reads: the text of a JSON
// string (a compact JWS, or JSON text), or the raw JSON of an object.
func credentialBytes(raw json.RawMessage) ([]byte, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, errors.New(`"credential" is required`)
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("credential: %w", err)
		}
		if s == "" {
			return nil, errors.New(`"credential" is empty`)
		}
		return []byte(s), nil
	case '{':
		return raw, nil
	default:
		return nil, errors.New(`"credential" must be a string (compact JWS or JSON text) or a JSON object`)
	}
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, apiError{Code: code, Message: message})
}

// writeJSON writes v with an explicit Content-Length (on Workers this
// makes the body a fixed-length stream).
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(apiError{Code: codeInternal, Message: "encoding the answer failed"})
	}
	b = append(b, '\n')
	writeBytes(w, status, "application/json", "no-store", b)
}

func writeBytes(w http.ResponseWriter, status int, contentType, cacheControl string, b []byte) {
	hdr := w.Header()
	hdr.Set("Content-Type", contentType)
	hdr.Set("Content-Length", strconv.Itoa(len(b)))
	hdr.Set("Cache-Control", cacheControl)
	hdr.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if hw, ok := w.(headWriter); ok {
		// HEAD: the headers of GET; an empty body for the runtime.
		rawBody(hw.ResponseWriter, nil)
		return
	}
	if rawBody(w, b) {
		return
	}
	w.Write(b)
}

// headWriter answers HEAD: the headers of GET, no body.
type headWriter struct{ http.ResponseWriter }

func (w headWriter) Write(b []byte) (int, error) { return len(b), nil }
