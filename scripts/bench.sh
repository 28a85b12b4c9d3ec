#!/usr/bin/env bash
# make bench: verification throughput natively and under wasm (Node), in
# one run, and the gzip sizes of the wasm binaries (the lite ones too).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$(go env GOROOT)/lib/wasm:$PATH"
mkdir -p build
benches='^BenchmarkVerify(ES256|PS256|EdDSA)$'
echo "bench: native..." >&2
go test -run '^$' -bench "$benches" -benchtime 2s ./core/verify/ | tee build/bench-native.txt >&2
echo "bench: wasm (Node)..." >&2
GOOS=js GOARCH=wasm go test -run '^$' -bench "$benches" -benchtime 2s ./core/verify/ | tee build/bench-wasm.txt >&2

per_sec() { awk -v b="$1" '$1 ~ "^"b"(-[0-9]+)?$" { printf "%.0f", 1e9 / $3 }' "$2"; }
echo
echo "vc+jwt verifications per second (full pipeline: parse, DID document, signature, validity, trust)"
printf '%-8s %12s %12s %8s\n' alg native wasm ratio
for alg in ES256 PS256 EdDSA; do
	n=$(per_sec "BenchmarkVerify$alg" build/bench-native.txt)
	w=$(per_sec "BenchmarkVerify$alg" build/bench-wasm.txt)
	awk -v a="$alg" -v n="$n" -v w="$w" 'BEGIN { printf "%-8s %12s %12s %7.1fx\n", a, n, w, n / w }'
done

echo
bash scripts/bench-node.sh

echo
bash scripts/bench-wallet.sh

echo
echo "sizes (budget: 3 MiB gzip for each wasm; the Workers free plan's script limit is 3 MiB gzip)"
printf '%-34s %10s %10s\n' file raw gzip
# size FILE...: one row per file, and a total row when there are several.
size() {
	local r=0 g=0 n=0 f raw gz
	for f in "$@"; do
		if [ ! -f "$f" ]; then
			printf '%-34s %10s\n' "$f" "missing (make dist)"
			continue
		fi
		raw=$(stat -c %s "$f")
		gz=$(gzip -9 -c "$f" | wc -c)
		r=$((r + raw)) g=$((g + gz)) n=$((n + 1))
		awk -v f="$f" -v r="$raw" -v g="$gz" 'BEGIN { printf "%-34s %9.2fM %9.2fM  (%d bytes gzip)\n", f, r / 1048576, g / 1048576, g }'
	done
	if [ "$n" -gt 1 ]; then
		awk -v f="$TOTAL" -v r="$r" -v g="$g" 'BEGIN { printf "%-34s %9.2fM %9.2fM  (%d bytes gzip)\n", f, r / 1048576, g / 1048576, g }'
	fi
}
TOTAL="  library total (what a page loads)" size dist/lib/verifier.wasm dist/lib/wasm_exec.js dist/lib/gxverify.js dist/lib/gx-verify-element.js
TOTAL="  worker total (the uploaded script)" size dist/worker/app.wasm dist/worker/wasm_exec.js dist/worker/worker.mjs
# The lite builds (mk/lite.mk: no JSON-LD) beside the full ones.
TOTAL="  lite library total" size dist/lib-lite/verifier.wasm dist/lib-lite/wasm_exec.js dist/lib-lite/gxverify.js dist/lib-lite/gx-verify-element.js
TOTAL="  lite worker total (uploaded)" size dist/worker-lite/app.wasm dist/worker-lite/wasm_exec.js dist/worker-lite/worker.mjs
size dist/pwa/web/app.wasm
