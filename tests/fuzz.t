#!/bin/sh
# Replays the seeds (the files in tests/fuzz/seeds, the target's own
# corpus in tests/fuzz/seeds/TARGET/, and every case input) through each
# fuzz target built with the plain driver; a target aborts on a broken
# property, so a clean exit is a pass.
: "${SAFI_BUILD:?run through make check}"
set -u
cd "$(dirname "$0")/.." || exit 1
n=0
for t in "$SAFI_BUILD"/tests/fuzz/*; do [ -x "$t" ] && n=$((n + 1)); done
echo "1..$n"
i=0
for t in "$SAFI_BUILD"/tests/fuzz/*; do
	[ -x "$t" ] || continue
	i=$((i + 1))
	name=$(basename "$t")
	if out=$({ find tests/fuzz/seeds -maxdepth 1 -type f -print0
	           find "tests/fuzz/seeds/$name" tests/cases examples/corpus -type f \
	             ! -name '*.args' ! -name '*.exit' -print0 2>/dev/null; } |
	         xargs -0 "$t" 2>&1); then
		echo "ok $i - fuzz/$(basename "$t") replays its seeds"
	else
		echo "not ok $i - fuzz/$(basename "$t")"
		printf '%s\n' "$out" | tail -20 | sed 's/^/# /'
	fi
done
