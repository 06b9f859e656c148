#!/bin/sh
# count-terms --ngrams against count-terms on words alone, on the same
# corpus: throughput by wall clock and by CPU time (user + system, which
# other jobs on the machine inflate less), their ratios, and peak memory,
# in memory and with --max-memory (whose output must be the same).
# Runs alone too: SAFI_BUILD=build CORPUS=FILE sh tests/bench/bench-ngrams.sh
. "$(dirname "$0")/lib.sh"
ct=$SAFI_BUILD/count-terms
bytes=$(bench_bytes "$CORPUS")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-ngrams.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cat "$CORPUS" > /dev/null

t_w=$(bench_seconds "'$ct' '$CORPUS'")
t_2=$(bench_seconds "'$ct' --ngrams 2 '$CORPUS'")
t_3=$(bench_seconds "'$ct' --ngrams 1-3 '$CORPUS'")
c_w=$(cpu_seconds "'$ct' '$CORPUS'")
c_2=$(cpu_seconds "'$ct' --ngrams 2 '$CORPUS'")
c_3=$(cpu_seconds "'$ct' --ngrams 1-3 '$CORPUS'")

echo "throughput (median of $BENCH_RUNS; wall clock, then CPU time; x: against words alone)"
bench_row "count-terms (words)" "$t_w" "$bytes"
bench_row "count-terms --ngrams 2" "$t_2" "$bytes" "$t_w"
bench_row "count-terms --ngrams 1-3" "$t_3" "$bytes" "$t_w"
bench_row "count-terms (words), CPU" "$c_w" "$bytes"
bench_row "count-terms --ngrams 2, CPU" "$c_2" "$bytes" "$c_w"
bench_row "count-terms --ngrams 1-3, CPU" "$c_3" "$bytes" "$c_w"
echo "  --ngrams 1-3 by CPU time: $(bench_mbps "$bytes" "$c_3") MB/s (target >= 45), $(bench_ratio "$c_w" "$c_3") of words alone"

"$ct" --bare --ngrams 1-3 --totals "$CORPUS" > "$tmp/mem.tsv" 2> "$tmp/totals"
TMPDIR=$tmp "$ct" --bare --ngrams 1-3 --max-memory 64M "$CORPUS" > "$tmp/spill.tsv"
if cmp -s "$tmp/mem.tsv" "$tmp/spill.tsv"; then same="identical output"; else same="OUTPUT DIFFERS"; fi
echo "peak RSS (n-grams: $(sed -n 's/^tokens\t//p' "$tmp/totals") counted, $(sed -n 's/^types\t//p' "$tmp/totals") distinct)"
rss_row() { printf '  %-44s %8s KB  %s\n' "$1" "$2" "$3"; }
rss_row "count-terms (words)" "$(bench_rss_kb "'$ct' '$CORPUS'")" ""
rss_row "count-terms --ngrams 1-3" "$(bench_rss_kb "'$ct' --ngrams 1-3 '$CORPUS'")" "(target <= 256000)"
rss_row "count-terms --ngrams 1-3 --max-memory 64M" \
	"$(bench_rss_kb "TMPDIR='$tmp' '$ct' --ngrams 1-3 --max-memory 64M '$CORPUS'")" "(target < 65536); $same"
