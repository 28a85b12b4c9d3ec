module github.com/gxwallet/gxwallet

go 1.26.8

require (
	github.com/hack-pad/safejs v0.1.1 // JS interop for the browser and worker bindings (wasm/)
	github.com/lestrrat-go/jwx/v2 v2.1.7 // JOSE; imported by core/jose only
	github.com/maxence-charriere/go-app/v10 v10.1.11 // the wallet UI and PWA (app/)
	github.com/piprate/json-gold v0.9.1 // JSON-LD: URDNA2015 canonicalization (core/ld)
	github.com/syumai/workers v0.33.0 // the Cloudflare Workers runtime of the edge verifier (wasm/edge)
	rsc.io/qr v0.2.0 // QR codes of presentations in the wallet (app/); no dependencies
)

// Test dependencies.
require (
	github.com/chromedp/cdproto v0.0.0-20250724212937-08a3db8b4327 // Chrome DevTools protocol types for e2e
	github.com/chromedp/chromedp v0.14.2 // drives headless Chromium in e2e
	github.com/google/go-cmp v0.7.0 // structural diffs in tests
	github.com/rogpeppe/go-internal v1.14.1 // testscript: the CLI contract tests
)

require (
	github.com/BurntSushi/toml v1.4.1-0.20240526193622-a339e1f7089c // indirect
	github.com/cayleygraph/quad v1.3.0 // indirect
	github.com/chromedp/sysutil v1.1.0 // indirect
	github.com/decred/dcrd/dcrec/secp256k1/v4 v4.4.1 // indirect
	github.com/go-json-experiment/json v0.0.0-20250725192818-e39067aee2d2 // indirect
	github.com/gobwas/httphead v0.1.0 // indirect
	github.com/gobwas/pool v0.2.1 // indirect
	github.com/gobwas/ws v1.4.0 // indirect
	github.com/goccy/go-json v0.10.6 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/lestrrat-go/blackmagic v1.0.4 // indirect
	github.com/lestrrat-go/httpcc v1.0.1 // indirect
	github.com/lestrrat-go/httprc v1.0.6 // indirect
	github.com/lestrrat-go/iter v1.0.2 // indirect
	github.com/lestrrat-go/option v1.0.1 // indirect
	github.com/pquerna/cachecontrol v0.2.0 // indirect
	github.com/segmentio/asm v1.2.1 // indirect
	golang.org/x/crypto v0.53.0 // indirect
	golang.org/x/exp/typeparams v0.0.0-20231108232855-2478ac86f678 // indirect
	golang.org/x/mod v0.23.0 // indirect
	golang.org/x/sync v0.11.0 // indirect
	golang.org/x/sys v0.46.0 // indirect
	golang.org/x/tools v0.30.0 // indirect
	honnef.co/go/tools v0.6.1 // indirect
)

tool (
	github.com/syumai/workers/cmd/workers-assets-gen
	honnef.co/go/tools/cmd/staticcheck
)
