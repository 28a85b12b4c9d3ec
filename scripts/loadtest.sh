#!/usr/bin/env bash
# Load test of the edge verifier on workerd — not part of `make test`.
#
#   bash scripts/loadtest.sh                      # 3 workloads × (1 client, 4 clients) × 10 s
#   DURATION=20s CLIENTS=8 bash scripts/loadtest.sh
#
# Builds dist/worker, starts workerd on 127.0.0.1 (a free port) and runs
# e2e TestWorkerLoad (GXWALLET_LOADTEST=1) from this process: POST
# /v1/verify with vc+jwt ES256, SD-JWT+KB and JsonWebSignature2020
# credentials, each for DURATION with one client (warm latency) and again
# with CLIENTS clients (throughput), offline (nothing leaves loopback).
# Reports requests/s, p50/p99 latency, errors (zero expected), workerd's
# RSS and peak RSS, and the requests one Go runtime served; the full log
# is build/loadtest.log.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CLIENTS=${CLIENTS:-4}
MAX_RSS_MB=${MAX_RSS_MB:-768}
ONLY=${ONLY:-} # e.g. ONLY=vc+jwt: one workload

make --no-print-directory worker-bundle
bash scripts/deps.sh
mkdir -p build
echo "loadtest: ${DURATION} per workload and phase (1 client, ${CLIENTS} clients), on $(nproc) CPUs"
set +e
GXWALLET_LOADTEST=1 GXWALLET_LOADTEST_DURATION="$DURATION" GXWALLET_LOADTEST_CLIENTS="$CLIENTS" \
GXWALLET_LOADTEST_MAX_RSS_MB="$MAX_RSS_MB" GXWALLET_LOADTEST_ONLY="$ONLY" GXWALLET_DIST="$PWD/dist" \
	go test -count=1 -v -timeout 15m -run '^TestWorkerLoad$' ./e2e/ > build/loadtest.log 2>&1
rc=$?
set -e
grep -E 'loadtest:|--- (PASS|FAIL)|^(ok|FAIL)|errors' build/loadtest.log | sed -e 's/^ *worker_load_test.go:[0-9]*: //' || true
exit $rc
