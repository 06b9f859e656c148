#!/bin/sh
# count-terms against the peers: the straightforward ICU word counter
# (icu_count_baseline: UTF-16, ubrk, a malloc'd node per term), Python's
# Counter over \w+, gawk; the agreement with the ICU counter (the
# reference: the rows that differ from its output); then peak memory on a
# high-vocabulary input made by gluing adjacent words of the corpus, with
# and without --max-memory.
. "$(dirname "$0")/lib.sh"
ct=$SAFI_BUILD/count-terms
base=$SAFI_BUILD/tests/bench/icu_count_baseline
bytes=$(bench_bytes "$CORPUS")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-count.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cat "$CORPUS" > /dev/null

cat > "$tmp/counter.py" <<'PY'
import collections, re, sys
word = re.compile(r"\w+")
counts = collections.Counter()
for line in sys.stdin:
    counts.update(word.findall(line))
out = sys.stdout
for term, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].encode())):
    out.write("%d\t%s\n" % (n, term))
PY

t_ct=$(bench_seconds "'$ct' '$CORPUS'")
t_base=$(bench_seconds "'$base' '$CORPUS'")
t_search=$(bench_seconds "'$ct' --preset=search '$CORPUS'")
if command -v python3 > /dev/null; then
	t_py=$(bench_seconds "python3 '$tmp/counter.py' < '$CORPUS'")
fi
if command -v gawk > /dev/null; then
	t_gawk=$(bench_seconds "gawk '{ for (i = 1; i <= NF; i++) c[\$i]++ } END { for (w in c) print c[w] \"\\t\" w }' '$CORPUS'")
fi

echo "throughput (median of $BENCH_RUNS, MB/s)"
bench_row "count-terms" "$t_ct" "$bytes"
bench_row "icu_count_baseline (ICU ubrk, C)" "$t_base" "$bytes"
[ -n "${t_py:-}" ] && bench_row "python3 Counter over \\w+" "$t_py" "$bytes"
[ -n "${t_gawk:-}" ] && bench_row "gawk (fields, not words)" "$t_gawk" "$bytes"
bench_row "count-terms --preset=search" "$t_search" "$bytes"
echo "ratios"
echo "  count-terms / icu_count_baseline  $(bench_ratio "$t_base" "$t_ct")  (target >= 3)"
[ -n "${t_py:-}" ] && echo "  count-terms / python3 Counter     $(bench_ratio "$t_py" "$t_ct")  (target >= 10)"

# Agreement with the reference: the same lines, byte for byte.
"$ct" --bare --totals "$CORPUS" > "$tmp/ct.tsv" 2> "$tmp/totals"
"$base" "$CORPUS" > "$tmp/base.tsv"
dis=$(diff "$tmp/ct.tsv" "$tmp/base.tsv" | grep -c '^[<>]')
echo "agreement with icu_count_baseline (ICU's rule status) on the corpus"
echo "  tokens $(sed -n 's/^tokens\t//p' "$tmp/totals"), types $(sed -n 's/^types\t//p' "$tmp/totals"), ICU row difference $dis  (target 0)"

# High vocabulary: glue each pair of adjacent words with '_' (a word
# character), once from the first word and once from the second.
{ sed -E 's/([^ ]+) ([^ ]+)/\1_\2/g' "$CORPUS"
  sed -E 's/^[^ ]+ //; s/([^ ]+) ([^ ]+)/\1_\2/g' "$CORPUS"; } > "$tmp/hv.txt"
hv_bytes=$(bench_bytes "$tmp/hv.txt")
"$ct" --bare --totals "$tmp/hv.txt" > "$tmp/hv-ct.tsv" 2> "$tmp/hv-totals"
echo "high vocabulary ($(( hv_bytes / 1000000 )) MB, $(sed -n 's/^types\t//p' "$tmp/hv-totals") types): peak RSS"
r_base=$(bench_rss_kb "'$base' '$tmp/hv.txt'")
r_ct=$(bench_rss_kb "'$ct' '$tmp/hv.txt'")
r_256=$(bench_rss_kb "'$ct' --max-memory 256M '$tmp/hv.txt'")
r_64=$(bench_rss_kb "'$ct' --max-memory 64M '$tmp/hv.txt'")
"$base" "$tmp/hv.txt" > "$tmp/hv-base.tsv"
"$ct" --bare --max-memory 256M "$tmp/hv.txt" > "$tmp/hv-256.tsv"
"$ct" --bare --max-memory 64M "$tmp/hv.txt" > "$tmp/hv-64.tsv"
same() { if cmp -s "$1" "$2"; then echo "identical output"; else echo "OUTPUT DIFFERS"; fi; }
echo "  icu_count_baseline            $r_base KB"
echo "  count-terms                   $r_ct KB  ratio $(bench_ratio "$r_ct" "$r_base")  (target <= 0.7); $(same "$tmp/hv-ct.tsv" "$tmp/hv-base.tsv")"
echo "  count-terms --max-memory 256M $r_256 KB  (target < 262144); $(same "$tmp/hv-256.tsv" "$tmp/hv-base.tsv")"
echo "  count-terms --max-memory 64M  $r_64 KB  (target < 65536); $(same "$tmp/hv-64.tsv" "$tmp/hv-base.tsv")"
