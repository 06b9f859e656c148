#!/bin/sh
# normalize against the peers: the straightforward ICU loop
# (icu_nfc_baseline), uconv -x any-nfc, and cat | cat as the ceiling;
# then the presets, and peak memory on a 1 GB input of long lines.
. "$(dirname "$0")/lib.sh"
n=$SAFI_BUILD/normalize
bytes=$(bench_bytes "$CORPUS")
cat "$CORPUS" > /dev/null

t_cat=$(bench_seconds "cat '$CORPUS' | cat")
t_base=$(bench_seconds "'$SAFI_BUILD/tests/bench/icu_nfc_baseline' < '$CORPUS'")
t_def=$(bench_seconds "'$n' < '$CORPUS'")
t_search=$(bench_seconds "'$n' --preset=search < '$CORPUS'")
t_train=$(bench_seconds "'$n' --preset=train < '$CORPUS'")
t_nfkc=$(bench_seconds "'$n' --form=nfkc < '$CORPUS'")
if command -v uconv > /dev/null; then
	t_uconv=$(bench_seconds "uconv -f utf-8 -t utf-8 -x any-nfc < '$CORPUS'")
fi

echo "throughput (median of $BENCH_RUNS, MB/s; ratio = speed relative to normalize default)"
bench_row "cat | cat" "$t_cat" "$bytes"
bench_row "normalize (default, NFC)" "$t_def" "$bytes"
bench_row "icu_nfc_baseline (unorm2 quickCheck+normalize)" "$t_base" "$bytes"
[ -n "${t_uconv:-}" ] && bench_row "uconv -x any-nfc" "$t_uconv" "$bytes"
bench_row "normalize --form=nfkc" "$t_nfkc" "$bytes"
bench_row "normalize --preset=train" "$t_train" "$bytes"
bench_row "normalize --preset=search" "$t_search" "$bytes"
echo "ratios"
echo "  default / icu_nfc_baseline      $(bench_ratio "$t_base" "$t_def")  (target >= 3)"
echo "  default / cat|cat               $(bench_ratio "$t_cat" "$t_def")  (target >= 0.5)"
[ -n "${t_uconv:-}" ] && echo "  default / uconv -x any-nfc      $(bench_ratio "$t_uconv" "$t_def")"
echo "  search preset                   $(bench_mbps "$bytes" "$t_search") MB/s  (target >= 200)"

# Peak memory on about 1 GB: the corpus over and over, once as it is, once
# with every line end removed (one 1 GB line), streamed, never stored.
reps=$(( 1000000000 / bytes + 1 ))
gen="i=0; while [ \$i -lt $reps ]; do cat '$CORPUS'; i=\$((i+1)); done"
echo "peak RSS on $(( reps * bytes / 1000000 )) MB (target < 16384 KB)"
echo "  lines as they are       $(bench_rss_kb "sh -c \"$gen\" | '$n'") KB"
echo "  one line of 1 GB        $(bench_rss_kb "sh -c \"$gen\" | tr -d '\\\\n' | '$n'") KB"
echo "  search, one line        $(bench_rss_kb "sh -c \"$gen\" | tr -d '\\\\n' | '$n' --preset=search") KB"
