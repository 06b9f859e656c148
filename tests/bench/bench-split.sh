#!/bin/sh
# split-sentences against the straightforward C peer: ICU's sentence
# BreakIterator over each line (tests/bench/icu_sentence_baseline.c), on
# $CORPUS.  The two run in turns, BENCH_RUNS (default 7) times each, and
# the medians are compared, so that a busy machine slows both alike.  Also
# peak RSS on the corpus and on the corpus three times over: it must not
# grow with the input.
set -eu
BENCH_RUNS=${BENCH_RUNS:-7}
. "$(dirname "$0")/lib.sh"
bytes=$(bench_bytes "$CORPUS")
icu_cmd="'$SAFI_BUILD/tests/bench/icu_sentence_baseline' '$CORPUS'"
our_cmd="'$SAFI_BUILD/split-sentences' '$CORPUS'"
cat "$CORPUS" > /dev/null
icu_t=""
our_t=""
k=0
while [ "$k" -lt "$BENCH_RUNS" ]; do
	icu_t="$icu_t $(BENCH_RUNS=1 bench_seconds "$icu_cmd")"
	our_t="$our_t $(BENCH_RUNS=1 bench_seconds "$our_cmd")"
	k=$((k + 1))
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
icu=$(median $icu_t)
ours=$(median $our_t)
bench_row "icu_sentence_baseline (ubrk, each line)" "$icu" "$bytes"
bench_row "split-sentences" "$ours" "$bytes" "$icu"
echo "  split-sentences / ICU baseline: $(bench_ratio "$icu" "$ours")x (target >= 5x)"
rss1=$(bench_rss_kb "$our_cmd")
rss3=$(bench_rss_kb "cat '$CORPUS' '$CORPUS' '$CORPUS' | '$SAFI_BUILD/split-sentences'")
echo "  peak RSS: ${rss1} KiB on the corpus, ${rss3} KiB on it three times over"

# Instruction counts do not depend on how busy the machine is: the same
# comparison under callgrind, on the first 50,000 lines of the corpus.
if command -v valgrind > /dev/null 2>&1; then
	sample=$(mktemp)
	trap 'rm -f "$sample"' EXIT
	head -n 50000 "$CORPUS" > "$sample"
	instr() {
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" < "$sample" 2>&1 > /dev/null |
		    sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
	}
	icu_i=$(instr "$SAFI_BUILD/tests/bench/icu_sentence_baseline")
	our_i=$(instr "$SAFI_BUILD/split-sentences")
	echo "  instructions on $(bench_bytes "$sample") bytes: ICU baseline $icu_i, split-sentences $our_i," \
	    "ratio $(bench_ratio "$icu_i" "$our_i")x"
fi
