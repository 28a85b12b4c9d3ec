SHELL := /bin/bash
# gxwallet — build, run and test. `make run` and `make test` are the two
# commands a newcomer needs; both install what is missing (see scripts/deps.sh).

GO      ?= go
GOROOT  := $(shell $(GO) env GOROOT)
# go_js_wasm_exec runs GOOS=js tests under Node.
export PATH := $(GOROOT)/lib/wasm:$(PATH)
DIST    := dist
BUILD   := build
# nethttpomithttp2 drops net/http's bundled HTTP/2 (no wasm target of
# ours speaks it; the browser or the Workers runtime does the fetching).
WASM_TAGS := -tags nethttpomithttp2
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)

.PHONY: all run test bench dist deps vet staticcheck test-native test-wasm test-fuzz test-e2e clean

all: dist

# Each fragment adds its own targets (lib, pwa, worker-bundle, worker).
include mk/*.mk

dist: lib pwa worker-bundle

run: pwa lib
	$(GO) run ./cmd/gxwallet serve -addr localhost:8080 -dir $(DIST)

deps:
	bash scripts/deps.sh

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./core/... ./wasm/... ./app/...

staticcheck:
	$(GO) tool staticcheck ./...

test-native:
	$(GO) test -race -count=1 ./...

test-wasm:
	GOOS=js GOARCH=wasm $(GO) test -count=1 ./core/... ./wasm/internal/... ./app/...

# The workerd load test runs short here (3 workloads × 2 phases × 3 s: no
# errors, RSS under the bound); scripts/loadtest.sh runs it long.
test-e2e: deps dist | $(BUILD)
	GXWALLET_LOADTEST=1 GXWALLET_LOADTEST_DURATION=3s GXWALLET_LOADTEST_CLIENTS=4 GXWALLET_LOADTEST_MAX_RSS_MB=512 \
	GXWALLET_DIST=$(CURDIR)/$(DIST) $(GO) test -count=1 -v -timeout 15m ./e2e/... 2>&1 | tee $(BUILD)/e2e.log | grep -E '^(=== RUN|--- |PASS|FAIL|ok|panic)' ; test $${PIPESTATUS[0]} -eq 0

# Every fuzz target for a short budget, seeded from the vectors.
# A count, not a duration: a duration can end while a worker is busy, which
# go test reports as "context deadline exceeded" — a flake, not a finding.
FUZZTIME ?= 4000x
test-fuzz: | $(BUILD)
	@set -e; for pkg in $$($(GO) list ./core/...); do \
		for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz $$pkg $$f"; \
			$(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10x $$pkg > $(BUILD)/fuzz.log 2>&1 || { cat $(BUILD)/fuzz.log; exit 1; }; \
		done; \
	done

test: vet staticcheck test-native test-wasm test-fuzz test-e2e

clean:
	rm -rf $(DIST) $(BUILD)

$(BUILD):
	mkdir -p $(BUILD)

bench: dist
	bash scripts/bench.sh
