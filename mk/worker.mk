# Edge verifier (wasm/edge) for Cloudflare Workers / workerd.
#
#   make worker-bundle   dist/worker/: app.wasm (+ .gz for size reports),
#                        wasm_exec.js (syumai/workers' copy of Go's), our
#                        worker.mjs entry, wrangler.toml, workerd.capnp
#   make worker          serve it on workerd at http://localhost:8787
#                        (bash scripts/loadtest.sh: its load test, not in make test)
#
# Included by the root Makefile (GO, DIST, BUILD, VERSION come from there).

WORKER_DIR     := $(DIST)/worker
WORKERD        := e2e/node_modules/.bin/workerd
WORKER_ASSETS  := $(BUILD)/workers-assets
# Everything of ours the worker can link; third-party code is go.mod/go.sum.
WORKER_GO_SRC  := $(shell find core wasm/edge -name '*.go' ! -name '*_test.go' 2>/dev/null) go.mod go.sum
WORKER_FILES   := $(addprefix $(WORKER_DIR)/,app.wasm app.wasm.gz wasm_exec.js worker.mjs wrangler.toml workerd.capnp)
# Any wrangler invocation runs with these (no telemetry, no remote cf lookups).
WRANGLER_ENV   := WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false

.PHONY: worker-bundle worker worker-version-stamp

worker-bundle: $(WORKER_FILES)
	@raw=$$(stat -c %s $(WORKER_DIR)/app.wasm); gz=$$(stat -c %s $(WORKER_DIR)/app.wasm.gz); \
	echo "worker: $(WORKER_DIR)/app.wasm $$raw bytes raw, $$gz bytes gzip (Workers limit 3 MiB free / 10 MiB paid, gzip)"

$(WORKER_DIR) $(WORKER_ASSETS):
	mkdir -p $@

# Rewritten only when VERSION changes, so that /healthz never reports a
# stale version and an unchanged tree does not relink.
$(BUILD)/worker.version: worker-version-stamp | $(BUILD)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' > $@

$(WORKER_DIR)/app.wasm: $(WORKER_GO_SRC) $(BUILD)/worker.version | $(WORKER_DIR)
	GOOS=js GOARCH=wasm $(GO) build $(WASM_TAGS) -trimpath -ldflags="-s -w -X main.version=$(VERSION)" -o $@.tmp ./wasm/edge
	mv $@.tmp $@

$(WORKER_DIR)/app.wasm.gz: $(WORKER_DIR)/app.wasm
	gzip -9 -n -c $< > $@.tmp && mv $@.tmp $@

# syumai/workers' wasm_exec.js is Go's plus a `context` global for the
# workers package; its generated worker.mjs and runtime.mjs are not used
# (wasm/edge/worker.mjs keeps one Go instance per isolate instead).
$(WORKER_DIR)/wasm_exec.js: go.mod go.sum | $(WORKER_DIR) $(WORKER_ASSETS)
	$(GO) tool workers-assets-gen -mode go -o $(WORKER_ASSETS)
	cp $(WORKER_ASSETS)/wasm_exec.js $@

$(WORKER_DIR)/worker.mjs $(WORKER_DIR)/workerd.capnp: $(WORKER_DIR)/%: wasm/edge/% | $(WORKER_DIR)
	cp $< $@

# The dist copy deploys what is next to it: main = "worker.mjs", no [build].
$(WORKER_DIR)/wrangler.toml: wasm/edge/wrangler.toml | $(WORKER_DIR)
	sed -e 's|^main = .*|main = "worker.mjs"|' -e '/^# Keep \[build\] the last section/,$$d' $< > $@.tmp
	grep -q '^main = "worker.mjs"$$' $@.tmp && ! grep -q '^\[build\]' $@.tmp
	mv $@.tmp $@

worker: worker-bundle
	@test -x $(WORKERD) || bash scripts/deps.sh
	@echo "worker: gxwallet edge verifier at http://localhost:8787  (POST /v1/verify, POST /v1/verify/batch, GET /v1/status?url=, GET /openapi.json, GET /healthz; Ctrl-C stops)"
	$(WORKERD) serve $(WORKER_DIR)/workerd.capnp
