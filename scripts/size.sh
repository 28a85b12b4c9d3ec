#!/usr/bin/env bash
# size.sh FILE...: print each file's size in bytes and MiB.
for f in "$@"; do
	awk -v f="$(basename "$f")" -v n="$(stat -c %s "$f")" 'BEGIN { printf "%-18s %10d bytes (%.2f MiB)\n", f, n, n / 1048576 }'
done
