package main

import (
	"net/http"
	"slices"
	"strings"
)

// CORS (Fetch standard §3.2): browsers on the origins in ALLOWED_ORIGINS
// may call the API. The API reads no cookies and no Authorization, so
// the only allowed request header is Content-Type; with ALLOWED_ORIGINS
// "*" the answer is the literal "*", which browsers never combine with
// credentials, and Config refuses CORS_ALLOW_CREDENTIALS with "*".

// corsMaxAge is how long a browser may reuse a preflight answer.
const corsMaxAge = "600"

// originAllowed reports whether the configuration lets origin call.
func (c Config) originAllowed(origin string) bool {
	return origin != "" && (c.anyOrigin() || slices.ContainsFunc(c.AllowedOrigins, func(o string) bool {
		return strings.EqualFold(strings.TrimSuffix(o, "/"), origin)
	}))
}

// cors adds the CORS answer headers of an actual request.
func cors(w http.ResponseWriter, r *http.Request, cfg Config) {
	hdr := w.Header()
	hdr.Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	if !cfg.originAllowed(origin) {
		return
	}
	if cfg.anyOrigin() {
		hdr.Set("Access-Control-Allow-Origin", "*")
	} else {
		hdr.Set("Access-Control-Allow-Origin", origin)
		if cfg.AllowCredentials {
			hdr.Set("Access-Control-Allow-Credentials", "true")
		}
	}
	hdr.Set("Access-Control-Expose-Headers", "X-Gx-Cache, X-Gx-Trust-Bundle")
}

// preflight answers OPTIONS: a CORS preflight (Origin and
// Access-Control-Request-Method present) from an allowed origin gets 204
// with the route's methods; from any other origin 403
// origin_not_allowed. A plain OPTIONS gets 204 and Allow.
func preflight(w http.ResponseWriter, r *http.Request, cfg Config, rt *route) {
	hdr := w.Header()
	hdr.Set("Allow", rt.allow())
	origin, method := r.Header.Get("Origin"), r.Header.Get("Access-Control-Request-Method")
	if origin == "" || method == "" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if !cfg.originAllowed(origin) {
		writeError(w, http.StatusForbidden, codeOriginNotAllowed, "origin "+truncate(origin)+" may not call this API (ALLOWED_ORIGINS)")
		return
	}
	hdr.Set("Access-Control-Allow-Methods", rt.allow())
	hdr.Set("Access-Control-Allow-Headers", "Content-Type")
	hdr.Set("Access-Control-Max-Age", corsMaxAge)
	hdr.Add("Vary", "Access-Control-Request-Method, Access-Control-Request-Headers")
	w.WriteHeader(http.StatusNoContent)
}
