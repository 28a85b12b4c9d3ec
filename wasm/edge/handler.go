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
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gxwallet/gxwallet/core/verify"
)

// MaxRequestBytes bounds the body of POST /v1/verify (STYLE rule 9). It
// holds one credential of verify.MaxInputBytes sent as a JSON string
// (escaping can grow JWT-free JSON text, but not a compact JWT) plus the
// options: a few DID documents and small inline resources. Larger inline
// resources (a 16 Mi-entry status list) should be fetched, not posted.
const MaxRequestBytes = verify.MaxInputBytes + 1<<20

// VerifyTimeout bounds one verification, outbound fetches included. The
// platform has its own wall-clock limits; this keeps a slow status-list
// host from holding the (single-threaded) Go instance longer than that.
const VerifyTimeout = 20 * time.Second

// Error codes of the HTTP layer. They are stable strings, like
// verify.Code; a verification outcome is never one of these (it is a
// verify.Result with HTTP 200).
const (
	codeBadRequest       = "bad_request"        // the body is not the JSON object described below
	codeBadOptions       = "bad_options"        // "options" is malformed (verify.Request.Apply refused it)
	codeTooLarge         = "too_large"          // the body exceeds MaxRequestBytes
	codeMethodNotAllowed = "method_not_allowed" // see the Allow header
	codeNotFound         = "not_found"          // unknown path
	codeIndeterminate    = "indeterminate"      // verification could not be evaluated at all (retry later)
	codeInternal         = "internal"           // a bug; worker.mjs uses it too
)

// verifyRequest is the body of POST /v1/verify:
//
//	{"credential": "<compact JWS or JSON text>" | {…JSON credential…},
//	 "options": {…verify.Request…}}
type verifyRequest struct {
	Credential json.RawMessage `json:"credential"`
	Options    json.RawMessage `json:"options"`
}

// apiError is the body of every 4xx/5xx answer.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// handler serves the edge verifier's HTTP API. It is platform-neutral:
// main_js.go serves it on Workers, handler_test.go on net/http/httptest.
type handler struct {
	// Version is reported by /healthz.
	Version string
	// Base holds the effects the platform provides (an outbound Fetcher);
	// each request's options are layered on top with verify.Request.Apply.
	Base verify.Options
	// Verify is verify.Verify; tests replace it to reach error paths.
	Verify func(context.Context, []byte, verify.Options) (verify.Result, error)
	// Log receives errors that the client does not see in full. Nil
	// means the standard logger (the worker's console).
	Log func(format string, args ...any)
}

func newHandler(version string, base verify.Options) *handler {
	return &handler{Version: version, Base: base, Verify: verify.Verify}
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
	switch r.URL.Path {
	case "/v1/verify":
		if r.Method != http.MethodPost {
			h.methodNotAllowed(w, http.MethodPost)
			return
		}
		h.verify(w, r)
	case "/healthz":
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.methodNotAllowed(w, "GET, HEAD")
			return
		}
		writeJSON(w, http.StatusOK, struct {
			OK      bool   `json:"ok"`
			Version string `json:"version"`
		}{true, h.Version})
	default:
		writeError(w, http.StatusNotFound, codeNotFound, "no such endpoint: use POST /v1/verify or GET /healthz")
	}
}

func (h *handler) methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", allow)
	writeError(w, http.StatusMethodNotAllowed, codeMethodNotAllowed, "method not allowed; allowed: "+allow)
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
func (h *handler) verify(w http.ResponseWriter, r *http.Request) {
	// Go reads at most MaxRequestBytes. The body is deliberately not
	// closed early: closing cancels the request stream on Workers and
	// workerd then resets the connection while the client is still
	// uploading, so the client sees a broken pipe instead of the 413.
	// Left alone, the runtime drains the rest outside the Go heap.
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxRequestBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			writeError(w, http.StatusRequestEntityTooLarge, codeTooLarge,
				fmt.Sprintf("request body over %d bytes", MaxRequestBytes))
			return
		}
		writeError(w, http.StatusBadRequest, codeBadRequest, "reading request body: "+err.Error())
		return
	}

	var req verifyRequest
	if err := decodeStrict(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, "body: "+err.Error())
		return
	}
	input, err := credentialBytes(req.Credential)
	if err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, err.Error())
		return
	}
	var vreq verify.Request
	if len(req.Options) > 0 && !bytes.Equal(req.Options, []byte("null")) {
		if err := decodeStrict(req.Options, &vreq); err != nil {
			writeError(w, http.StatusBadRequest, codeBadOptions, "options: "+err.Error())
			return
		}
	}
	opts, err := vreq.Apply(h.Base)
	if err != nil {
		writeError(w, http.StatusBadRequest, codeBadOptions, err.Error())
		return
	}

	ctx, cancel := context.WithTimeout(r.Context(), VerifyTimeout)
	defer cancel()
	res, err := h.Verify(ctx, input, opts)
	if err != nil {
		h.logf("verify: %v", err)
		if res.Status == "" {
			writeError(w, http.StatusServiceUnavailable, codeIndeterminate, err.Error())
			return
		}
	}
	if res.Checks == nil {
		res.Checks = []verify.Check{} // "checks" is always an array
	}
	writeJSON(w, http.StatusOK, res)
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
	hdr := w.Header()
	hdr.Set("Content-Type", "application/json")
	hdr.Set("Content-Length", strconv.Itoa(len(b)))
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(b)
}
