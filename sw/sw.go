// Package sw holds gxwallet's service worker: the template go-app serves as
// /app-worker.js (the only service worker; scope "/").
//
// The worker precaches the app shell that go-app lists in
// {{.ResourcesToCache}} (plus what app.Handler.CacheableResources adds),
// serves navigations network-first with a fallback to the cached page or
// the cached shell, so that /verify?x=1 opens offline, and serves static
// assets cache-first. It never caches cross-origin responses and never
// fetches anything the page did not ask for.
//
// # Security considerations
//
// Only same-origin GET requests are handled; everything else goes to the
// network untouched. Only successful (200, basic) navigation responses are
// written to the cache, keyed without their query string.
package sw

import _ "embed"

// AppWorkerJS is the service worker template for app.Handler's
// ServiceWorkerTemplate. It keeps go-app's {{.Version}} and
// {{.ResourcesToCache}} placeholders, which go-app replaces everywhere in the
// text. It does not cache DID documents or status lists (yet).
//
//go:embed app-worker.js
var AppWorkerJS string
