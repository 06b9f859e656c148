#!/bin/bash
# One line's memory is bounded in the programs that hold a line whole
# (split-sentences --max-line, strip-boilerplate and dedup --max-document): a longer
# line is an error that names the file and the line, it is left out, its
# bytes are dropped as they come, and the rest of the input is processed.
. "$(dirname "$0")/tap.sh"
# check NAME CONDITION [DIAGNOSTIC]: here a condition that is evaluated
check() { local name=$1; shift; if eval "$1"; then ok "$name"; else notok "$name" "${2:-}"; fi; }
ss=$SAFI_BUILD/split-sentences
sb=$SAFI_BUILD/strip-boilerplate
echo "1..15"

{ printf 'Short one. Two.\n'; head -c 5000 /dev/zero | tr '\0' 'a'; printf '\nAfter. Yes.\n'; } > "$tmp/long.txt"

"$ss" --max-line=1K "$tmp/long.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
printf 'Short one.\nTwo.\n\nAfter.\nYes.\n\n' > "$tmp/want"
check "split-sentences: a line over --max-line: exit 1, file and line named" \
	'[ $st = 1 ] && [ "$(cat "$tmp/err")" = "split-sentences: $tmp/long.txt:2: line longer than 1024 bytes: left out" ]' "status $st: $(cat "$tmp/err")"
check "split-sentences: the other lines are split" 'cmp -s "$tmp/out" "$tmp/want"'
"$ss" --max-line=5000 "$tmp/long.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "split-sentences: a line of exactly --max-line bytes is split" '[ $st = 0 ] && [ "$(grep -c . "$tmp/out")" = 5 ]'

# --unwrap: a paragraph that would outgrow --max-line is split in parts,
# nothing is lost.
for i in $(seq 200); do printf 'Line %d of a long paragraph\n' "$i"; done > "$tmp/wrapped.txt"
"$ss" --unwrap --max-line=1K "$tmp/wrapped.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "split-sentences --unwrap: a long paragraph in parts, words kept" \
	'[ $st = 0 ] && [ "$(tr -d " \n" < "$tmp/out")" = "$(tr -d " \n" < "$tmp/wrapped.txt")" ] && [ "$(grep -c "^$" "$tmp/out")" -gt 1 ]'

"$ss" --max-line=0 < /dev/null > /dev/null 2>&1; st=$?
check "split-sentences --max-line=0: usage error" '[ $st = 2 ]'

"$sb" --min-docs=0 --max-document=1K -e "$tmp/long.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "strip-boilerplate: a line over --max-document: exit 1, file and line named" \
	'[ $st = 1 ] && [ "$(cat "$tmp/err")" = "strip-boilerplate: $tmp/long.txt:2: line longer than 1024 bytes: left out" ]' "status $st: $(cat "$tmp/err")"
check "strip-boilerplate: the other lines are judged" \
	'[ "$(cut -f1 "$tmp/out" | tr "\n" " ")" = "1 3 " ]' "$(cat "$tmp/out")"

# dedup holds a document's lines whole: the same ceiling, --max-document.
printf 'One here. Two.\n' > "$tmp/dup.txt"
"$SAFI_BUILD/dedup" --max-document=1K "$tmp/long.txt" "$tmp/dup.txt" "$tmp/dup.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "dedup: a line over --max-document: exit 1, line named, left out; the rest judged" \
	'[ $st = 1 ] && [ "$(cat "$tmp/err")" = "dedup: $tmp/long.txt:2: line longer than 1024 bytes: left out" ] &&
	 [ "$(cat "$tmp/out")" = "$(printf "Short one. Two.\nAfter. Yes.\n\f\nOne here. Two.")" ]' "status $st: $(cat "$tmp/err") $(cat "$tmp/out")"

# --stats: the line left out was read (lines_in) and its input failed.
"$ss" --max-line=1K --stats="$tmp/stats.json" "$tmp/long.txt" > /dev/null 2>&1
check "--stats: the line left out is a line read, its input one with an error" \
	'[ "$(jq -c "[.lines_in, .input_errors]" "$tmp/stats.json")" = "[3,1]" ]' "$(cat "$tmp/stats.json")"

# Compressed: the line is left out behind the decompression the same way.
gzip -c < "$tmp/long.txt" > "$tmp/long.txt.gz"
"$ss" --max-line=1K "$tmp/long.txt.gz" > "$tmp/out" 2> "$tmp/err"; st=$?
check "a gzip input: the line over --max-line named and left out, the rest split" \
	'[ $st = 1 ] && [ "$(cat "$tmp/err")" = "split-sentences: $tmp/long.txt.gz:2: line longer than 1024 bytes: left out" ] && cmp -s "$tmp/out" "$tmp/want"' "status $st: $(cat "$tmp/err")"

# --docs=blank: the line left out neither ends a document nor joins two.
printf 'One here. Two.\n%s\nThree.\n\nFour.\n' "$(head -c 2000 /dev/zero | tr '\0' b)" |
	"$ss" --docs=blank --max-line=1K > "$tmp/out" 2> /dev/null
printf 'One here.\nTwo.\n\nThree.\n\n\f\nFour.\n\n' > "$tmp/want-docs"
check "--docs=blank: the documents around the line left out stay as they were" \
	'cmp -s "$tmp/out" "$tmp/want-docs"' "$(od -c "$tmp/out" | head -5)"

# From a pipe, line after line: the same.
cat "$tmp/long.txt" | "$ss" --max-line=1K > "$tmp/out" 2> "$tmp/err"; st=$?
check "from a pipe: standard input and line named" \
	'[ $st = 1 ] && grep -q "(standard input):2: line longer" "$tmp/err" && cmp -s "$tmp/out" "$tmp/want"'

# Memory: a 200 MB line costs neither program more than the ceiling.
perl -e 'print "Short. One.\n", "word " x 40_000_000, "\nAfter. Two.\n"' > "$tmp/huge.txt"
for cmd in "$ss --max-line=1M" "$sb --min-docs=0 --max-document=1M"; do
	/usr/bin/time -f %M -o "$tmp/rss" $cmd "$tmp/huge.txt" > "$tmp/out" 2> /dev/null; st=$?
	rss=$(tail -n1 "$tmp/rss")
	check "${cmd%% *}: a 200 MB line over the ceiling: ${rss} KB" '[ $st = 1 ] && [ "$rss" -lt 150000 ]'
done
"$ss" "$tmp/huge.txt" | wc -l > "$tmp/count"
check "split-sentences: under the default ceiling a 200 MB line is split whole" '[ "$(cat "$tmp/count")" = 8 ]'
