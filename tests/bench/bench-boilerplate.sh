#!/bin/sh
# strip-boilerplate against a naive line filter (tests/bench/naive_boilerplate.c)
# and jusText (not in Debian: its in-process speed measured for the issue,
# 1.5 MB/s, is quoted).  Single-document mode reads the corpus as one
# document; --state adds the fingerprint table, read and written each run.
. "$(dirname "$0")/lib.sh"
set -eu
bytes=$(bench_bytes "$CORPUS")
prog=$SAFI_BUILD/strip-boilerplate
naive=$SAFI_BUILD/tests/bench/naive_boilerplate
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$CORPUS" > /dev/null

t_one=$(bench_seconds "$prog" "$CORPUS")
t_state=$(bench_seconds "$prog" --state "$tmp/state" "$CORPUS")
t_naive=$(bench_seconds "$naive" "< $CORPUS")
justext_mbps=1.5
t_justext=$(echo "$bytes / 1000000 / $justext_mbps" | bc -l)

echo "speed (median of $BENCH_RUNS runs, output to /dev/null):"
bench_row "strip-boilerplate (single document)" "$t_one" "$bytes"
bench_row "strip-boilerplate --state" "$t_state" "$bytes"
bench_row "naive: >= 10 words + sentence end" "$t_naive" "$bytes"
printf '  %-44s %8.1f MB/s  (quoted, not installable)\n' "jusText (in-process, measured for the issue)" "$justext_mbps"
# CPU seconds (user + system, median of BENCH_RUNS) as well: on a shared
# machine wall time also measures the neighbours.
cpu_seconds() {
	i=0
	times=""
	while [ "$i" -lt "$BENCH_RUNS" ]; do
		times="$times $(/usr/bin/time -f '%U %S' sh -c "$* > /dev/null" 2>&1 >/dev/null |
		    tail -n 1 | awk '{print $1 + $2}')"
		i=$((i + 1))
	done
	printf '%s\n' $times | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
c_one=$(cpu_seconds "$prog" "$CORPUS")
c_state=$(cpu_seconds "$prog" --state "$tmp/state" "$CORPUS")
c_naive=$(cpu_seconds "$naive" "< $CORPUS")
echo "speed by CPU time (user + system):"
bench_row "strip-boilerplate (single document)" "$c_one" "$bytes"
bench_row "strip-boilerplate --state" "$c_state" "$bytes"
bench_row "naive: >= 10 words + sentence end" "$c_naive" "$bytes"
echo "ratios (wall time):"
printf '  single document vs jusText: %sx faster\n' "$(bench_ratio "$t_justext" "$t_one")"
printf '  --state vs jusText:         %sx faster\n' "$(bench_ratio "$t_justext" "$t_state")"
printf '  single document vs naive:   %sx the naive time\n' "$(bench_ratio "$t_one" "$t_naive")"
printf '  --state vs naive:           %sx the naive time\n' "$(bench_ratio "$t_state" "$t_naive")"
echo "state file: $(wc -c < "$tmp/state" | tr -d ' ') bytes, $(sed -n 3p "$tmp/state")"
echo "peak RSS (the corpus is one document here, so it is held whole):"
printf '  %-44s %8s KiB\n' "strip-boilerplate" "$(bench_rss_kb "$prog" "$CORPUS")"
printf '  %-44s %8s KiB\n' "strip-boilerplate --state" "$(bench_rss_kb "$prog" --state "$tmp/state" "$CORPUS")"
printf '  %-44s %8s KiB\n' "strip-boilerplate --max-document=4M" "$(bench_rss_kb "$prog" --max-document=4M "$CORPUS")"
printf '  %-44s %8s KiB\n' "naive" "$(bench_rss_kb "$naive" "< $CORPUS")"
printf '  %-44s %8s KiB\n' "corpus size" "$((bytes / 1024))"
# Holding a 50 MB document costs page faults; the big blocks ask for huge
# pages (lib/mem.c), which the kernel may or may not grant.
printf '  %-44s %8s\n' "page faults (minor), single document" \
    "$(/usr/bin/time -f '%R' "$prog" "$CORPUS" 2>&1 >/dev/null | tail -n 1)"
