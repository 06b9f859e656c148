#!/bin/sh
# Compressed input: "normalize FILE.zst" against "zstdcat FILE.zst |
# normalize", and the same for gzip, xz and bzip2, on the corpus compressed
# once (and kept in $SAFI_BUILD/bench/ while it is newer than the corpus).
# The programs decompress in a thread of their own, so the pipe's second
# processor is no advantage; a ratio >= 1.00 means no slower than the pipe.
. "$(dirname "$0")/lib.sh"
n=$SAFI_BUILD/normalize
bytes=$(bench_bytes "$CORPUS")
dir=$SAFI_BUILD/bench
mkdir -p "$dir"
for z in "gzip:gz:gzip -6" "zstd:zst:zstd -q -3" "xz:xz:xz -T2 -3" "bzip2:bz2:bzip2 -9"; do
	tool=${z%%:*}; rest=${z#*:}; ext=${rest%%:*}; cmd=${rest#*:}
	command -v "$tool" > /dev/null || continue
	f=$dir/corpus.$ext
	if [ ! -s "$f" ] || [ "$CORPUS" -nt "$f" ]; then
		$cmd -c < "$CORPUS" > "$f.tmp" && mv "$f.tmp" "$f"
	fi
done
cat "$CORPUS" "$dir"/corpus.* > /dev/null

# alternate A B: median wall-clock seconds of A and of B, run in turns
# (A, B, A, B...) so that a machine whose load changes during the bench
# weighs on both alike; prints "A_SECONDS B_SECONDS".
alternate() {
	i=0
	ta=""
	tb=""
	sh -c "$1" > /dev/null 2>&1
	sh -c "$2" > /dev/null 2>&1
	while [ "$i" -lt "$BENCH_RUNS" ]; do
		ta="$ta $(/usr/bin/time -f %e sh -c "$1 > /dev/null" 2>&1 >/dev/null | tail -n 1)"
		tb="$tb $(/usr/bin/time -f %e sh -c "$2 > /dev/null" 2>&1 >/dev/null | tail -n 1)"
		i=$((i + 1))
	done
	med() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
	echo "$(med "$ta") $(med "$tb")"
}

echo "normalize on the compressed corpus, wall clock, median of $BENCH_RUNS runs taken in turns with the pipe (MB/s of text)"
t_plain=$(bench_seconds "'$n' '$CORPUS'")
bench_row "normalize (plain text)" "$t_plain" "$bytes"
for z in "gz:gzip -dc" "zst:zstd -dc" "xz:xz -dc" "bz2:bzip2 -dc"; do
	ext=${z%%:*}; cat_cmd=${z#*:}
	f=$dir/corpus.$ext
	[ -s "$f" ] || continue
	if [ -x /usr/bin/time ]; then
		set -- $(alternate "'$n' '$f'" "$cat_cmd '$f' | '$n'")
		t_self=$1 t_pipe=$2
	else
		t_self=$(bench_seconds "'$n' '$f'")
		t_pipe=$(bench_seconds "$cat_cmd '$f' | '$n'")
	fi
	bench_row "normalize corpus.$ext" "$t_self" "$bytes"
	bench_row "$cat_cmd corpus.$ext | normalize" "$t_pipe" "$bytes"
	echo "  wall clock: pipe / normalize corpus.$ext = $(bench_ratio "$t_pipe" "$t_self")  (target >= 1.00)"
	if [ -x /usr/bin/time ]; then
		c_self=$(cpu_seconds "'$n' '$f'")
		c_pipe=$(cpu_seconds "$cat_cmd '$f' | '$n'")
		echo "  CPU time (user + system): normalize corpus.$ext $c_self s, pipe $c_pipe s, pipe / normalize = $(bench_ratio "$c_pipe" "$c_self")"
	fi
done
# count-terms is slower than any decompressor: the thread hides it all
t_ct=$(bench_seconds "'$SAFI_BUILD/count-terms' '$CORPUS'")
t_ctz=$(bench_seconds "'$SAFI_BUILD/count-terms' '$dir/corpus.zst'")
bench_row "count-terms (plain text)" "$t_ct" "$bytes"
bench_row "count-terms corpus.zst" "$t_ctz" "$bytes" "$t_ct"
