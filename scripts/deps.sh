#!/usr/bin/env bash
# Installs what `make test` and `make run` need and the machine lacks:
# Debian's chromium, and the npm packages pinned in e2e/package-lock.json.
# Nothing is downloaded from anywhere but Debian and the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
	echo "deps: installing Debian chromium"
	if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq </dev/null
	$SUDO apt-get install -y -qq chromium </dev/null >/dev/null
fi

if [ -f e2e/package-lock.json ]; then
	stamp=e2e/node_modules/.lock-stamp
	if [ ! -f "$stamp" ] || ! cmp -s e2e/package-lock.json "$stamp"; then
		echo "deps: npm ci in e2e/"
		(cd e2e && npm ci --no-audit --no-fund --loglevel=error </dev/null)
		cp e2e/package-lock.json "$stamp"
	fi
fi
