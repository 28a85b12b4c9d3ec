# mk/storetest.mk — the wallet store's browser bindings (wasm/browser).
#
# core/store runs under `make test-wasm` with the rest of core; this adds
# wasm/browser's WebCrypto and signer tests under Node (IndexedDB and Web
# Locks are covered in Chromium by e2e/store_test.go, which builds its own
# harness, wasm/storetest, so `make dist` needs nothing from here).

.PHONY: test-wasm-browser

test-wasm: test-wasm-browser

test-wasm-browser:
	GOOS=js GOARCH=wasm $(GO) test -count=1 ./wasm/browser/...
