#!/bin/bash
# count-terms: partial counts merge to the whole count - with GNU parallel,
# in key-first (Hadoop Streaming) form, and through --max-memory's
# spilled runs; temporary files go away, also on SIGINT and SIGTERM.
: "${SAFI_BUILD:?run through make check}"
set -u
ct="$SAFI_BUILD/count-terms"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
n=0
check() {
	n=$((n + 1))
	if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
echo 1..13

# A text of our own, with a long tail of distinct words: mixed scripts,
# numbers, line and document breaks.
awk 'BEGIN {
	split("كتاب مدرسة الطالب word Word data المعلم 2024 ٢٠٢٤ e-mail don'"'"'t", w, " ")
	for (i = 1; i <= 20000; i++) {
		printf "%s %s t%d %s", w[i % 11 + 1], w[(i * 7) % 11 + 1], i % 5003, w[(i * 3) % 11 + 1]
		if (i % 3 == 0) printf " u%d", i
		printf "\n"
		if (i % 500 == 0) printf "\f\n"
	}
}' > "$tmp/text"

"$ct" "$tmp/text" > "$tmp/whole"
if command -v parallel > /dev/null; then
	parallel --pipe --block 40k -j 4 "$ct" < "$tmp/text" | "$ct" --merge > "$tmp/par"
	check "parallel --pipe count-terms | count-terms --merge is byte-identical" 'cmp -s "$tmp/whole" "$tmp/par"'
	parallel --pipe --block 40k -j 4 "$ct" --ngrams 1-3 < "$tmp/text" | "$ct" --merge > "$tmp/par3"
	"$ct" --ngrams 1-3 "$tmp/text" > "$tmp/whole3"
	check "the same with --ngrams 1-3" 'cmp -s "$tmp/whole3" "$tmp/par3"'
else
	check "# SKIP GNU parallel (Debian package parallel) not installed" true
	check "# SKIP GNU parallel not installed" true
fi

# Hadoop Streaming: mappers print term TAB count; the reducer sums.
split -l 3000 "$tmp/text" "$tmp/split."
for f in "$tmp"/split.*; do "$ct" -k "$f"; done | sort | "$ct" --merge -k > "$tmp/kf"
awk -F'\t' '/^#/ { print; next } { print $2 "\t" $1 }' "$tmp/whole" > "$tmp/whole-kf"
check "key-first mappers and reducer" 'cmp -s "$tmp/whole-kf" "$tmp/kf"'

for f in "$tmp"/split.*; do "$ct" "$f"; done > "$tmp/parts"
"$ct" --merge "$tmp/parts" > "$tmp/merged"
check "merging per-file counts" 'cmp -s "$tmp/whole" "$tmp/merged"'

mkdir "$tmp/spill"
TMPDIR="$tmp/spill" "$ct" --max-memory 1M "$tmp/text" > "$tmp/spilled"
check "--max-memory: same output from spilled runs" 'cmp -s "$tmp/whole" "$tmp/spilled"'
check "--max-memory: no temporary file left" '[ -z "$(ls -A "$tmp/spill")" ]'

TMPDIR="$tmp/spill" "$ct" --max-memory 1M --df --ngrams 2 --min-count 2 -n 50 "$tmp/text" > "$tmp/a"
"$ct" --df --ngrams 2 --min-count 2 -n 50 "$tmp/text" > "$tmp/b"
check "--max-memory with --df --ngrams --min-count --top" 'cmp -s "$tmp/a" "$tmp/b" && [ -s "$tmp/a" ]'

TMPDIR="$tmp/spill" "$ct" --merge --max-memory 1M "$tmp/parts" > "$tmp/m2"
check "--merge --max-memory" 'cmp -s "$tmp/whole" "$tmp/m2"'

# counts of other options are not summed: their header lines differ
"$ct" "$tmp/split.aa" > "$tmp/uni"
"$ct" --ngrams 2 "$tmp/split.ab" > "$tmp/bi"
"$ct" --merge "$tmp/uni" "$tmp/bi" > "$tmp/out" 2> "$tmp/err"; st=$?
check "--merge of unigram and bigram counts: exit 1, nothing printed, both named" \
	'[ $st = 1 ] && [ ! -s "$tmp/out" ] && grep -q "bi:1: counted with other options than .*uni:1" "$tmp/err"'
"$ct" --bare "$tmp/split.aa" > "$tmp/uni"
"$ct" --bare "$tmp/split.ab" > "$tmp/uni2"
"$ct" --bare "$tmp/split.aa" "$tmp/split.ab" > "$tmp/want"
"$ct" --merge "$tmp/uni" "$tmp/uni2" > "$tmp/out"
check "--bare counts merge to the --bare count of the whole" 'cmp -s "$tmp/want" "$tmp/out"'

# counts saturate at 2^64-1 also where spilled runs are summed
{ printf '18446744073709551615\tbig\n'; cat "$tmp/parts"; printf '7\tbig\n'; } > "$tmp/huge-counts"
TMPDIR="$tmp/spill" "$ct" --merge --max-memory 1M "$tmp/huge-counts" > "$tmp/m3" 2> "$tmp/err"; st=$?
check "--merge --max-memory: a sum past 2^64-1 is kept there, reported, exit 1" \
	'[ $st = 1 ] && sed -n 2p "$tmp/m3" | grep -qx "18446744073709551615	big" &&
	 grep -q "count of .big. passes 18446744073709551615" "$tmp/err"'

# interrupted while spilling: nothing stays behind.  Job control on, so
# that the background job does not start with SIGINT ignored.
set -m
exec 4>&2 2> /dev/null  # no job notices in the TAP stream
for sig in INT TERM; do
	mkfifo "$tmp/fifo"
	TMPDIR="$tmp/spill" "$ct" --max-memory 1M "$tmp/fifo" > /dev/null 2>&1 &
	pid=$!
	exec 3> "$tmp/fifo"
	cat "$tmp/text" >&3
	sleep 1
	spilled=$(ls -l /proc/$pid/fd 2> /dev/null | grep -c count-terms)
	kill -s "$sig" "$pid"
	wait "$pid"
	st=$?
	exec 3>&-
	rm -f "$tmp/fifo"
	check "SIG$sig while spilling ($spilled runs open): killed, no temporary file left" \
		'[ $st -gt 128 ] && [ "$spilled" -gt 0 ] && [ -z "$(ls -A "$tmp/spill")" ]'
done
exec 2>&4 4>&-
