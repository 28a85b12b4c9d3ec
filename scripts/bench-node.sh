#!/usr/bin/env bash
# Go (native) against the Node stack, same inputs, one run on this machine:
# vc+jwt ES256 (jose), JsonWebSignature2020 PS256 (jsonld + jose, Gaia-X
# construction), a 131 072-entry Bitstring Status List decode + lookup
# (@digitalbazaar/vc-bitstring-status-list), SD-JWT VC presentation with
# key binding verified and created (@sd-jwt/sd-jwt-vc 0.19.0).
# Goals: Go ≥ 2× Node for the first three (issue 3), ≥ 3× for SD-JWT (issue 4).
# BENCHTIME (Go, default 2s) and NODE_SECONDS (default 2) tune the run.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
benchtime=${BENCHTIME:-2s}
node_seconds=${NODE_SECONDS:-2}

# The npm packages pinned in e2e/package-lock.json (what scripts/deps.sh
# does, without Chromium).
stamp=e2e/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s e2e/package-lock.json "$stamp"; then
	echo "bench-node: npm ci in e2e/" >&2
	(cd e2e && npm ci --no-audit --no-fund --loglevel=error </dev/null)
	cp e2e/package-lock.json "$stamp"
fi

echo "bench-node: exporting the Go benchmarks' inputs..." >&2
GXWALLET_BENCH_INPUTS="$PWD/build/bench-inputs.json" \
	go test -count=1 -run '^TestExportBenchInputs$' ./e2e/ >&2

echo "bench-node: Go (native)..." >&2
go test -run '^$' -benchtime "$benchtime" \
	-bench '^(BenchmarkVerifyES256|BenchmarkVerifyJWS2020PS256|BenchmarkBitstringDecodeLookup|BenchmarkVerifyPresentationKB|BenchmarkPresent)$' \
	./core/verify/ ./core/di/ ./core/status/ ./core/sdjwt/ | tee build/bench-go-vs-node.txt >&2

echo "bench-node: Node $(node --version)..." >&2
timeout 300 node e2e/node/bench.mjs build/bench-inputs.json "$node_seconds" >build/bench-node.json

per_sec() { awk -v b="$1" '$1 ~ "^"b"(-[0-9]+)?$" { printf "%.0f", 1e9 / $3 }' build/bench-go-vs-node.txt; }
node_per_sec() { node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(r[process.argv[2]].opsPerSec.toFixed(0))' build/bench-node.json "$1"; }

echo
echo "Go (native) vs Node $(node --version), operations per second, same inputs"
printf '%-34s %10s %10s %8s %6s\n' kind go node go/node goal
row() { # label go-benchmark node-kind goal
	local g n
	g=$(per_sec "$2")
	n=$(node_per_sec "$3")
	awk -v l="$1" -v g="$g" -v n="$n" -v goal="$4" 'BEGIN {
		r = g / n; printf "%-34s %10d %10d %7.2fx %5sx %s\n", l, g, n, r, goal, (r >= goal ? "" : "  BELOW GOAL") }'
}
row "vc+jwt ES256 verify"               BenchmarkVerifyES256           vcjwt-es256     2
row "JsonWebSignature2020 PS256 verify" BenchmarkVerifyJWS2020PS256    jws2020-ps256   2
row "Bitstring 131072 decode+lookup"    BenchmarkBitstringDecodeLookup bitstring       2
row "SD-JWT VC + KB verify"             BenchmarkVerifyPresentationKB  sdjwt-verify-kb 3
row "SD-JWT VC + KB present"            BenchmarkPresent               sdjwt-present   3
