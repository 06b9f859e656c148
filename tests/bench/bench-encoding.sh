#!/bin/sh
# The cost of mojibake repair and of legacy input in normalize: the corpus
# with and without --repair-mojibake (clean text, the common case), then a
# damaged copy and a windows-1256 copy of it (made with uconv when it is
# installed; the copies live in a temporary directory, never in the tree).
. "$(dirname "$0")/lib.sh"
n=$SAFI_BUILD/normalize
bytes=$(bench_bytes "$CORPUS")
cat "$CORPUS" > /dev/null

t_def=$(bench_seconds "'$n' < '$CORPUS'")
t_moj=$(bench_seconds "'$n' --repair-mojibake < '$CORPUS'")
echo "mojibake repair on clean text (median of $BENCH_RUNS, MB/s)"
bench_row "normalize (default)" "$t_def" "$bytes"
bench_row "normalize --repair-mojibake" "$t_moj" "$bytes"
echo "  --repair-mojibake / default     $(bench_ratio "$t_def" "$t_moj")"

command -v uconv > /dev/null || { echo "uconv not installed: no legacy copies"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
uconv -f windows-1256 -t utf-8 < "$CORPUS" > "$tmp/damaged"
uconv -f utf-8 -t windows-1256 --callback substitute < "$CORPUS" > "$tmp/cp1256" 2> /dev/null
b_dmg=$(bench_bytes "$tmp/damaged")
b_1256=$(bench_bytes "$tmp/cp1256")
t_dmg=$(bench_seconds "'$n' --repair-mojibake < '$tmp/damaged'")
t_1256=$(bench_seconds "'$n' --from=windows-1256 < '$tmp/cp1256'")
t_auto=$(bench_seconds "'$n' --from=auto < '$tmp/cp1256'")
echo "damaged and legacy copies (MB/s of input)"
bench_row "--repair-mojibake, all read as windows-1256" "$t_dmg" "$b_dmg"
bench_row "--from=windows-1256" "$t_1256" "$b_1256"
bench_row "--from=auto (detects windows-1256)" "$t_auto" "$b_1256"
