#!/bin/sh
# Runs the programs that check libsafi against Unicode's own test files
# (NormalizationTest.txt, CaseFolding.txt, WordBreakTest.txt from Debian's
# unicode-data); one TAP line each, with the count of checks.
: "${SAFI_BUILD:?run through make check}"
set -u
n=0
for t in "$SAFI_BUILD"/tests/conformance/*; do
	[ -x "$t" ] && n=$((n + 1))
done
echo "1..$n"
i=0
for t in "$SAFI_BUILD"/tests/conformance/*; do
	[ -x "$t" ] || continue
	i=$((i + 1))
	name=$(basename "$t")
	if out=$(cd "$(dirname "$0")/.." && "$t" 2>&1); then
		echo "ok $i - conformance/$name: $(printf '%s\n' "$out" | tail -n 1)"
	else
		echo "not ok $i - conformance/$name"
		printf '%s\n' "$out" | sed 's/^/# /'
	fi
done
