#!/usr/bin/env bash
# bench-wallet.sh: the wallet PWA in headless Chromium against
# `gxwallet serve` on localhost — cold and warm (service worker) load to
# interactive, unlock, presentation (median of 5 runs, from
# e2e/wallet_bench_test.go) — and the gzip size of the PWA's wasm.
# Needs `make pwa` (make bench builds dist first) and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
wasm=dist/pwa/web/app.wasm
if [ ! -f "$wasm" ]; then
	echo "bench-wallet: $wasm missing (make pwa)" >&2
	exit 1
fi
echo "bench: wallet PWA in Chromium..." >&2
GXWALLET_BENCH=1 GXWALLET_DIST="$PWD/dist" go test -count=1 -run '^TestWalletBench$' -v -timeout 10m ./e2e/ >build/bench-wallet.log 2>&1 || {
	cat build/bench-wallet.log >&2
	exit 1
}
echo "wallet PWA in headless Chromium on localhost (median of 5 runs)"
grep '^wallet-bench:' build/bench-wallet.log | sed 's/^wallet-bench: //'
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -n -c "$wasm" | wc -c)
awk -v r="$raw" -v g="$gz" 'BEGIN { printf "%-34s %.2f MiB raw, %.2f MiB gzip -9 (%d bytes)\n", "PWA wasm (app.wasm)", r / 1048576, g / 1048576, g }'
