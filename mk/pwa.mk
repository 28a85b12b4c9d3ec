# mk/pwa.mk — the wallet PWA (go-app v10: app/, sw/, web/).
#
#   make pwa       → $(DIST)/pwa/: index.html, verify.html, app.js, app-worker.js,
#                    wasm_exec.js, manifest.webmanifest, app.css (go-app's) and
#                    web/{app.wasm, app.wasm.gz, app.css, icon.svg, icon-*.png,
#                    jsqr.js (npm jsqr from web/scan, loaded only to read QR codes)}
#   make pwa-size  → raw and gzip size of app.wasm
#
# `gxwallet serve -dir $(DIST)` serves it with gzip; the static pages are for
# static hosting (map /verify to verify.html). go-app's generator does not
# copy web/, so the assets are copied here (PLATFORM.md, pitfall 4).
# Incremental: app.wasm depends on the Go sources it can link (app, sw,
# core and the wasm/ packages the client imports).

PWA_DIR    := $(DIST)/pwa
PWA_WEB    := $(PWA_DIR)/web
PWA_ASSETS := $(addprefix $(PWA_WEB)/,app.css icon.svg icon-192.png icon-512.png)
PWA_SRCS   := $(shell find app sw core wasm/browser wasm/internal -name '*.go' -not -name '*_test.go' 2>/dev/null) sw/app-worker.js go.mod go.sum

.PHONY: pwa pwa-size

pwa: $(PWA_DIR)/index.html $(PWA_WEB)/app.wasm.gz $(PWA_WEB)/jsqr.js

$(PWA_WEB)/app.wasm: $(PWA_SRCS)
	@mkdir -p $(@D)
	GOOS=js GOARCH=wasm $(GO) build $(WASM_TAGS) -trimpath -ldflags="-s -w" -o $@.tmp ./app/client
	mv $@.tmp $@

$(PWA_WEB)/app.wasm.gz: $(PWA_WEB)/app.wasm
	gzip -9 -n -c $< > $@.tmp
	mv $@.tmp $@

$(PWA_ASSETS): $(PWA_WEB)/%: web/%
	@mkdir -p $(@D)
	cp $< $@

# The QR decoder the wallet loads on demand where the browser has no
# BarcodeDetector (app/scan.go): npm jsqr, pinned with its lock file.
SCAN_JS := web/scan/node_modules/jsqr/dist/jsQR.js
$(SCAN_JS): web/scan/package-lock.json
	cd web/scan && npm ci --no-audit --no-fund --loglevel=error </dev/null
	touch $@

$(PWA_WEB)/jsqr.js: $(SCAN_JS)
	@mkdir -p $(@D)
	cp $< $@

# The pages embed the version (a hash of web/) and go-app's scripts from the
# native toolchain, so they are regenerated whenever either side changes.
$(PWA_DIR)/index.html: $(PWA_WEB)/app.wasm $(PWA_ASSETS) $(PWA_WEB)/jsqr.js $(PWA_SRCS) cmd/gxwallet/serve.go
	$(GO) run ./cmd/gxwallet dist-pwa -dir $(PWA_DIR)

pwa-size: $(PWA_WEB)/app.wasm $(PWA_WEB)/app.wasm.gz
	@bash scripts/size.sh $(PWA_WEB)/app.wasm $(PWA_WEB)/app.wasm.gz
