package main

import (
	"net/http"
	"time"
)

// statusAnswer is the body of GET /v1/status: what the fetch cache holds
// for a URL (a status list, usually), without fetching it.
type statusAnswer struct {
	URL    string `json:"url"`
	Cached bool   `json:"cached"`
	// Tier is where the copy was found: "isolate" (this Go instance's
	// memory) or "cache-api" (the Workers Cache API).
	Tier       string     `json:"tier,omitempty"`
	FetchedAt  *time.Time `json:"fetchedAt,omitempty"`
	AgeSeconds *int64     `json:"ageSeconds,omitempty"`
	FreshUntil *time.Time `json:"freshUntil,omitempty"`
	// Fresh: served without asking the source. Servable: still served
	// when the source is down (age within maxAgeSeconds).
	Fresh         bool  `json:"fresh"`
	Servable      bool  `json:"servable"`
	MaxAgeSeconds int64 `json:"maxAgeSeconds"`
}

// status answers GET /v1/status?url=…: whether the fetch cache holds the
// resource at url, how old it is and how long it stays fresh. It never
// fetches; the url must pass the fetch policy (else 400
// url_not_allowed), as it would have to be fetched.
func (h *handler) status(w http.ResponseWriter, r *http.Request, cfg Config) {
	raw := r.URL.Query().Get("url")
	if raw == "" {
		writeError(w, http.StatusBadRequest, codeBadURL, "the url query parameter is required: GET /v1/status?url=<status list URL>")
		return
	}
	if _, err := cfg.policy().Check(raw); err != nil {
		writeError(w, http.StatusBadRequest, codeURLNotAllowed, err.Error())
		return
	}
	now := h.now()
	a := statusAnswer{URL: raw, MaxAgeSeconds: int64(cfg.cacheMaxAge() / time.Second)}
	for _, t := range h.tiers() {
		e, ok := t.Get(r.Context(), raw)
		if !ok {
			continue
		}
		age := int64(now.Sub(e.FetchedAt) / time.Second)
		fetched, fresh := e.FetchedAt.UTC(), e.FreshUntil.UTC()
		a.Cached, a.Tier, a.FetchedAt, a.AgeSeconds, a.FreshUntil = true, t.Name(), &fetched, &age, &fresh
		a.Fresh = now.Before(e.FreshUntil)
		a.Servable = now.Sub(e.FetchedAt) <= cfg.cacheMaxAge()
		break
	}
	writeJSON(w, http.StatusOK, a)
}
