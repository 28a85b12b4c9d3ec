# mk/lib.mk — the verifier JS library (wasm/verifier + web/gxverify.js).
#
#   make lib       → $(DIST)/lib/{verifier.wasm, verifier.wasm.gz, wasm_exec.js,
#                     gxverify.js, gxverify.d.ts, gx-verify-element.js,
#                     demo/index.html}
#   make lib-size  → raw and gzip size of verifier.wasm
#
# Incremental: verifier.wasm depends on the non-test Go sources it can link
# (core, wasm/verifier, wasm/internal) and on go.mod/go.sum.

LIB_DIR  := $(DIST)/lib
LIB_SRCS := $(shell find core wasm/verifier wasm/internal -name '*.go' -not -name '*_test.go' 2>/dev/null) go.mod go.sum
LIB_OUT  := $(LIB_DIR)/verifier.wasm $(LIB_DIR)/verifier.wasm.gz $(LIB_DIR)/wasm_exec.js \
            $(LIB_DIR)/gxverify.js $(LIB_DIR)/gxverify.d.ts $(LIB_DIR)/gx-verify-element.js \
            $(LIB_DIR)/demo/index.html

.PHONY: lib lib-size

lib: $(LIB_OUT)

$(LIB_DIR)/verifier.wasm: $(LIB_SRCS)
	@mkdir -p $(@D)
	GOOS=js GOARCH=wasm $(GO) build $(WASM_TAGS) -trimpath -ldflags="-s -w -X main.version=$(VERSION)" -o $@.tmp ./wasm/verifier
	mv $@.tmp $@

$(LIB_DIR)/verifier.wasm.gz: $(LIB_DIR)/verifier.wasm
	gzip -9 -n -c $< > $@.tmp
	mv $@.tmp $@

$(LIB_DIR)/wasm_exec.js: $(GOROOT)/lib/wasm/wasm_exec.js
	@mkdir -p $(@D)
	cp $< $@

$(LIB_DIR)/gxverify.js $(LIB_DIR)/gxverify.d.ts $(LIB_DIR)/gx-verify-element.js: $(LIB_DIR)/%: web/%
	@mkdir -p $(@D)
	cp $< $@

$(LIB_DIR)/demo/index.html: web/lib-demo/index.html
	@mkdir -p $(@D)
	cp $< $@

lib-size: $(LIB_DIR)/verifier.wasm $(LIB_DIR)/verifier.wasm.gz
	@bash scripts/size.sh $(LIB_DIR)/verifier.wasm $(LIB_DIR)/verifier.wasm.gz
