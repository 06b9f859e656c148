#!/bin/sh
# Runs every C unit test program; one TAP line each.
: "${SAFI_BUILD:?run through make check}"
set -u
n=0
for t in "$SAFI_BUILD"/tests/unit/*; do
	[ -x "$t" ] && n=$((n + 1))
done
echo "1..$n"
i=0
for t in "$SAFI_BUILD"/tests/unit/*; do
	[ -x "$t" ] || continue
	i=$((i + 1))
	name=$(basename "$t")
	if out=$(cd "$(dirname "$0")/.." && "$t" 2>&1); then
		echo "ok $i - unit/$name: $(printf '%s\n' "$out" | tail -n 1)"
	else
		echo "not ok $i - unit/$name"
		printf '%s\n' "$out" | sed 's/^/# /'
	fi
done
