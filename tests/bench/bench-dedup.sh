#!/bin/sh
# dedup against a MinHash LSH baseline (tests/bench/minhash_lsh_baseline.c:
# datasketch's MinHash and MinHashLSH algorithm, 128 permutations,
# threshold 0.8, in C), on the corpus cut into documents at its blank
# lines; then the peak memory per million documents in the index, from
# made-up distinct documents; then, where the evaluation kit is next to the
# project (../shared/eval/dedup), the quality of both on its dev set.
. "$(dirname "$0")/lib.sh"
set -eu
prog=$SAFI_BUILD/dedup
base=$SAFI_BUILD/tests/bench/minhash_lsh_baseline
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-dedup.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# A document per block of lines between blank lines.
awk 'BEGIN { RS = "" } NR > 1 { printf "\f\n" } { print }' "$CORPUS" > "$tmp/docs.txt"
docs=$(grep -c "$(printf '^\f$')" "$tmp/docs.txt" || true)
docs=$((docs + 1))
bytes=$(bench_bytes "$tmp/docs.txt")
echo "input: the corpus as $docs documents (blocks between blank lines), $bytes bytes"

t_dedup=$(bench_seconds "'$prog' '$tmp/docs.txt'")
t_para=$(bench_seconds "'$prog' --paragraphs '$tmp/docs.txt'")
t_exact=$(bench_seconds "'$prog' --exact '$tmp/docs.txt'")
t_base=$(bench_seconds "'$base' '$tmp/docs.txt' 2>/dev/null")
echo "throughput (median of $BENCH_RUNS, wall clock):"
bench_row "dedup (exact + MinHash LSH, verified)" "$t_dedup" "$bytes"
bench_row "dedup --paragraphs" "$t_para" "$bytes"
bench_row "dedup --exact" "$t_exact" "$bytes"
bench_row "baseline: datasketch's MinHashLSH in C" "$t_base" "$bytes"
printf '  dedup vs baseline: %sx faster\n' "$(bench_ratio "$t_base" "$t_dedup")"

c_dedup=$(cpu_seconds "'$prog' '$tmp/docs.txt'")
c_base=$(cpu_seconds "'$base' '$tmp/docs.txt'")
echo "throughput by CPU time (user + system):"
bench_row "dedup" "$c_dedup" "$bytes"
bench_row "baseline" "$c_base" "$bytes"
printf '  dedup vs baseline: %sx faster\n' "$(bench_ratio "$c_base" "$c_dedup")"

echo "peak RSS on the corpus:"
printf '  %-44s %8s KiB\n' "dedup" "$(bench_rss_kb "'$prog' '$tmp/docs.txt'")"
printf '  %-44s %8s KiB\n' "baseline" "$(bench_rss_kb "'$base' '$tmp/docs.txt' 2>/dev/null")"

# Memory per document in the index: distinct made-up documents of 30
# words from a 50000-word vocabulary (none a near copy of another), at two
# sizes; the difference of the peaks over the difference of the counts.
made_up() {
	awk -v n="$1" 'BEGIN {
		seed = 7
		for (d = 0; d < n; d++) {
			if (d) printf "\f\n"
			for (i = 0; i < 30; i++) {
				seed = (seed * 69069 + 1) % 4294967296
				printf "w%d%s", int(seed / 4294967296 * 50000), i % 10 == 9 ? "\n" : " "
			}
		}
	}'
}
made_up 100000 > "$tmp/m1.txt"
made_up 400000 > "$tmp/m2.txt"
r1=$(bench_rss_kb "'$prog' '$tmp/m1.txt'")
r2=$(bench_rss_kb "'$prog' '$tmp/m2.txt'")
b1=$(bench_rss_kb "'$base' '$tmp/m1.txt' 2>/dev/null")
b2=$(bench_rss_kb "'$base' '$tmp/m2.txt' 2>/dev/null")
echo "peak RSS per million documents in the index (100000 and 400000 distinct documents):"
printf '  %-44s %8s MiB  (%s and %s KiB)\n' "dedup" "$(( (r2 - r1) * 1000000 / 300000 / 1024 ))" "$r1" "$r2"
printf '  %-44s %8s MiB  (%s and %s KiB)\n' "baseline (128 64-bit values kept as 9 band digests)" \
    "$(( (b2 - b1) * 1000000 / 300000 / 1024 ))" "$b1" "$b2"

score=$root/../shared/eval/dedup/score.py
if [ -r "$score" ] && command -v python3 > /dev/null; then
	echo "quality on the evaluation kit's dev set (score.py --format text):"
	python3 "$score" -q --format text --cmd "$prog" 2>&1 | sed -n 1p | sed 's/^/  tool      /'
	python3 "$score" -q --format text --cmd "$prog" 2>&1 | sed -n 2p | sed 's/^/  dedup     /'
	python3 "$score" -q --format text --cmd "$base 2>/dev/null" 2>&1 | sed -n 2p | sed 's/^/  baseline  /'
fi
