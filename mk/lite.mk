# Lite builds: the edge worker and the JS library without JSON-LD
# (-tags nojsonld; core/verify/doc.go, "Builds without JSON-LD"). They
# verify JWT-secured credentials only (vc+jwt, vp+jwt, SD-JWT VC, status
# lists) and report a Data Integrity proof (JsonWebSignature2020) as
# jsonld_unavailable; they fit the Workers free plan's 3 MiB gzip.
#
#   make worker-lite   dist/worker-lite/: as dist/worker/ (deploy with
#                      `cd dist/worker-lite && wrangler deploy`)
#   make lib-lite      dist/lib-lite/: as dist/lib/
#
# Both are part of `make dist`; `make test-native` also runs core's tests
# under the tag (test-native-nojsonld).
# Included by the root Makefile (GO, DIST, BUILD, VERSION, WASM_TAGS come
# from there); it names the full builds' outputs by path, not by the other
# fragments' variables, which may not be defined yet.

LITE_TAGS       := $(WASM_TAGS),nojsonld
WORKER_LITE_DIR := $(DIST)/worker-lite
LIB_LITE_DIR    := $(DIST)/lib-lite
# The Go sources each build can link, as in mk/worker.mk and mk/lib.mk.
WORKER_LITE_SRC := $(shell find core wasm/edge -name '*.go' ! -name '*_test.go' 2>/dev/null) go.mod go.sum
LIB_LITE_SRC    := $(shell find core wasm/verifier wasm/internal -name '*.go' ! -name '*_test.go' 2>/dev/null) go.mod go.sum

.PHONY: worker-lite lib-lite test-native-nojsonld

dist: worker-lite lib-lite
test-native: test-native-nojsonld

worker-lite: $(addprefix $(WORKER_LITE_DIR)/,app.wasm app.wasm.gz wasm_exec.js worker.mjs wrangler.toml workerd.capnp)
	@raw=$$(stat -c %s $(WORKER_LITE_DIR)/app.wasm); gz=$$(stat -c %s $(WORKER_LITE_DIR)/app.wasm.gz); \
	echo "worker-lite: $(WORKER_LITE_DIR)/app.wasm $$raw bytes raw, $$gz bytes gzip (Workers limit 3 MiB free / 10 MiB paid, gzip)"

$(WORKER_LITE_DIR)/app.wasm: $(WORKER_LITE_SRC) $(BUILD)/worker.version
	@mkdir -p $(@D)
	GOOS=js GOARCH=wasm $(GO) build $(LITE_TAGS) -trimpath -ldflags="-s -w -X main.version=$(VERSION)" -o $@.tmp ./wasm/edge
	mv $@.tmp $@

# The rest is the full worker's: same entry, runtime glue and configuration.
$(WORKER_LITE_DIR)/wasm_exec.js $(WORKER_LITE_DIR)/worker.mjs $(WORKER_LITE_DIR)/wrangler.toml $(WORKER_LITE_DIR)/workerd.capnp: $(WORKER_LITE_DIR)/%: $(DIST)/worker/%
	@mkdir -p $(@D)
	cp $< $@

lib-lite: $(addprefix $(LIB_LITE_DIR)/,verifier.wasm verifier.wasm.gz wasm_exec.js gxverify.js gxverify.d.ts gx-verify-element.js)
	@raw=$$(stat -c %s $(LIB_LITE_DIR)/verifier.wasm); gz=$$(stat -c %s $(LIB_LITE_DIR)/verifier.wasm.gz); \
	echo "lib-lite: $(LIB_LITE_DIR)/verifier.wasm $$raw bytes raw, $$gz bytes gzip"

$(LIB_LITE_DIR)/verifier.wasm: $(LIB_LITE_SRC)
	@mkdir -p $(@D)
	GOOS=js GOARCH=wasm $(GO) build $(LITE_TAGS) -trimpath -ldflags="-s -w -X main.version=$(VERSION)" -o $@.tmp ./wasm/verifier
	mv $@.tmp $@

$(LIB_LITE_DIR)/wasm_exec.js $(LIB_LITE_DIR)/gxverify.js $(LIB_LITE_DIR)/gxverify.d.ts $(LIB_LITE_DIR)/gx-verify-element.js: $(LIB_LITE_DIR)/%: $(DIST)/lib/%
	@mkdir -p $(@D)
	cp $< $@

$(WORKER_LITE_DIR)/app.wasm.gz $(LIB_LITE_DIR)/verifier.wasm.gz: %.gz: %
	gzip -9 -n -c $< > $@.tmp && mv $@.tmp $@

# core/verify, the one package with tagged files, under the tag: the JWT
# and SD-JWT vectors pass as in the full build, and a Data Integrity proof
# gives jsonld_unavailable (nojsonld_test.go).
test-native-nojsonld:
	$(GO) test -tags nojsonld -count=1 ./core/verify/...
