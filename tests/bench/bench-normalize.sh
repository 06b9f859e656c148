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

echo "throughput (wall clock, median of $BENCH_RUNS, MB/s)"
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
echo "  train preset (repairs mojibake)  $(bench_mbps "$bytes" "$t_train") MB/s  (target >= 200)"

if [ -x /usr/bin/time ]; then
	c_cat=$(cpu_seconds "cat '$CORPUS' | cat")
	c_base=$(cpu_seconds "'$SAFI_BUILD/tests/bench/icu_nfc_baseline' < '$CORPUS'")
	c_def=$(cpu_seconds "'$n' < '$CORPUS'")
	c_search=$(cpu_seconds "'$n' --preset=search < '$CORPUS'")
	echo "CPU time (user + system, median of $BENCH_RUNS): seconds, and MB per CPU second"
	for row in "cat | cat:$c_cat" "normalize (default):$c_def" "icu_nfc_baseline:$c_base" \
	    "normalize --preset=search:$c_search"; do
		printf '  %-44s %6.3f s  %8.1f MB/s\n' "${row%%:*}" "${row##*:}" \
		    "$(echo "$bytes / 1000000 / (${row##*:} + 0.0001)" | bc -l)"
	done
	echo "  default / icu_nfc_baseline      $(bench_ratio "$c_base" "$c_def")"
	echo "  default / cat|cat               $(bench_ratio "$c_cat" "$c_def")"
fi

# Peak memory on about 1 GB: the corpus over and over, once as it is, once
# with every line end removed (one 1 GB line), streamed, never stored.
reps=$(( 1000000000 / bytes + 1 ))
gen=$(mktemp)
trap 'rm -f "$gen"' EXIT
printf 'i=0; while [ $i -lt %d ]; do cat "%s"; i=$((i + 1)); done\n' "$reps" "$CORPUS" > "$gen"
echo "peak RSS on $(( reps * bytes / 1000000 )) MB (target < 16384 KB)"
echo "  lines as they are       $(bench_rss_kb "sh '$gen' | '$n'") KB"
echo "  one line of 1 GB        $(bench_rss_kb "sh '$gen' | tr -d '\\n' | '$n'") KB"
echo "  search, one line        $(bench_rss_kb "sh '$gen' | tr -d '\\n' | '$n' --preset=search") KB"

# Instruction counts (callgrind) on the first 50000 lines: repeatable where
# wall-clock times on a busy machine are not.
if command -v valgrind > /dev/null; then
	part=$(mktemp)
	trap 'rm -f "$gen" "$part"' EXIT
	head -n 50000 "$CORPUS" > "$part"
	pbytes=$(bench_bytes "$part")
	count() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" < "$part" 2>&1 > /dev/null |
		    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
	}
	i_base=$(count "$SAFI_BUILD/tests/bench/icu_nfc_baseline")
	i_def=$(count "$n")
	i_search=$(count "$n" --preset=search)
	echo "instructions on the first 50000 lines ($pbytes bytes)"
	printf '  %-44s %12s  %5.1f per byte\n' "icu_nfc_baseline" "$i_base" "$(echo "$i_base / $pbytes" | bc -l)"
	printf '  %-44s %12s  %5.1f per byte\n' "normalize (default)" "$i_def" "$(echo "$i_def / $pbytes" | bc -l)"
	printf '  %-44s %12s  %5.1f per byte\n' "normalize --preset=search" "$i_search" "$(echo "$i_search / $pbytes" | bc -l)"
	echo "  icu_nfc_baseline / default: $(bench_ratio "$i_base" "$i_def")x fewer instructions"
fi
