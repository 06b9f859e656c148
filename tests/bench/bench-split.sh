#!/bin/sh
# split-sentences against the straightforward C peer: ICU's sentence
# BreakIterator over each line (tests/bench/icu_sentence_baseline.c), on
# $CORPUS, side by side in one run.  Also peak RSS on the corpus and on the
# corpus three times over: it must not grow with the input.
set -eu
. "$(dirname "$0")/lib.sh"
bytes=$(bench_bytes "$CORPUS")
cat "$CORPUS" > /dev/null
icu=$(bench_seconds "'$SAFI_BUILD/tests/bench/icu_sentence_baseline' '$CORPUS'")
ours=$(bench_seconds "'$SAFI_BUILD/split-sentences' '$CORPUS'")
bench_row "icu_sentence_baseline (ubrk per line)" "$icu" "$bytes"
bench_row "split-sentences" "$ours" "$bytes" "$icu"
echo "  split-sentences / ICU baseline: $(bench_ratio "$icu" "$ours")x (target >= 5x)"
rss1=$(bench_rss_kb "'$SAFI_BUILD/split-sentences' '$CORPUS'")
rss3=$(bench_rss_kb "cat '$CORPUS' '$CORPUS' '$CORPUS' | '$SAFI_BUILD/split-sentences'")
echo "  peak RSS: ${rss1} KiB on the corpus, ${rss3} KiB on it three times over"
