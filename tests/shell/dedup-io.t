#!/bin/bash
# dedup: failures of input and output, odd input, streaming, and the
# properties of its output (a subsequence of the input; kept and --invert
# interleave back to it; the input twice is the input once).
. "$(dirname "$0")/tap.sh"
prog=$SAFI_BUILD/dedup
. "$top/tests/shell/dedup-corpus.sh"
echo 1..24

dedup_corpus 300 > "$tmp/corpus.txt"
dedup_corpus 300 jsonl > "$tmp/corpus.jsonl"
ff=$(printf '\f')

# A full disk is an error with a message, never a silent truncation.
"$prog" "$tmp/corpus.txt" > /dev/full 2> "$tmp/err"; st=$?
check "/dev/full: exit 1" eval '[ $st = 1 ]'
check "/dev/full: message" eval 'grep -q "^dedup: write error: No space left" "$tmp/err"'

# A closed pipe downstream ends the program quietly.
for i in 1 2 3 4 5 6 7 8; do dedup_corpus 2000; printf '\f\n'; done > "$tmp/big.txt"
"$prog" "$tmp/big.txt" 2> "$tmp/err" | head -n1 > "$tmp/out"
check "| head -n1: one line, no message" eval '[ "$(wc -l < "$tmp/out")" = 1 ] && [ ! -s "$tmp/err" ]'

# An unreadable input is reported, the others are still processed.
"$prog" "$tmp/corpus.txt" "$tmp/no-such-file" "$tmp" "$tmp/corpus.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "unreadable inputs: exit 1" eval '[ $st = 1 ]'
check "unreadable inputs: each named" eval 'grep -q "no-such-file: No such file" "$tmp/err" && grep -q "Is a directory" "$tmp/err"'
"$prog" "$tmp/corpus.txt" > "$tmp/once"
check "unreadable inputs: the others processed (the second copy dropped)" eval 'cmp -s "$tmp/out" "$tmp/once"'

# The input twice is the input once: the second copy goes whole.
"$prog" "$tmp/corpus.txt" "$tmp/corpus.txt" > "$tmp/twice"
check "input twice: the second copy dropped" eval 'cmp -s "$tmp/twice" "$tmp/once"'
"$prog" --jsonl "$tmp/corpus.jsonl" "$tmp/corpus.jsonl" > "$tmp/twice"
"$prog" --jsonl "$tmp/corpus.jsonl" > "$tmp/once"
check "input twice (--jsonl): the second copy dropped" eval 'cmp -s "$tmp/twice" "$tmp/once"'

# The output is a subsequence of the input, and the kept and the inverted
# documents interleave back to it: each input document is in exactly one
# of the two, whole, in order (with --paragraphs, line by line).
interleaves() {  # INPUT KEPT INVERTED: lines of INPUT = KEPT and INVERTED merged in order
	awk -v ff="$ff" '
	FNR == 1 { f++ }
	$0 == ff { next }
	f == 1 { in_[++ni] = $0 } f == 2 { k[++nk] = $0 } f == 3 { v[++nv] = $0 }
	END {
		a = b = 1
		for (i = 1; i <= ni; i++) {
			if (a <= nk && k[a] == in_[i]) a++
			else if (b <= nv && v[b] == in_[i]) b++
			else exit 1
		}
		exit !(a == nk + 1 && b == nv + 1)
	}' "$1" "$2" "$3"
}
"$prog" "$tmp/corpus.txt" > "$tmp/kept"
"$prog" -v "$tmp/corpus.txt" > "$tmp/inv"
check "kept and --invert interleave back to the input" eval 'interleaves "$tmp/corpus.txt" "$tmp/kept" "$tmp/inv"'
check "some documents dropped, some kept" eval '[ -s "$tmp/inv" ] && [ "$(grep -c "^$ff\$" "$tmp/kept")" -gt 50 ]'
"$prog" --paragraphs=5 "$tmp/corpus.txt" > "$tmp/kept"
"$prog" --paragraphs=5 -v "$tmp/corpus.txt" > "$tmp/inv"
check "with --paragraphs too" eval 'interleaves "$tmp/corpus.txt" "$tmp/kept" "$tmp/inv"'
"$prog" --jsonl "$tmp/corpus.jsonl" > "$tmp/kept"
"$prog" --jsonl -v "$tmp/corpus.jsonl" > "$tmp/inv"
check "--jsonl: kept and --invert lines interleave back to the input" eval 'interleaves "$tmp/corpus.jsonl" "$tmp/kept" "$tmp/inv"'
"$prog" -e "$tmp/corpus.txt" | awk -F'\t' '$2 == "doc" && $3 == "keep"' > "$tmp/rows"
"$prog" "$tmp/corpus.txt" > "$tmp/kept"
check "--explain keeps what is written" eval '[ "$(wc -l < "$tmp/rows")" = "$(( $(grep -c "^$ff\$" "$tmp/kept") + 1 ))" ]'
# Under --jsonl, --explain writes each record with its verdicts in FIELD.
"$prog" --jsonl -e "$tmp/corpus.jsonl" > "$tmp/rows.jsonl"
if command -v jq > /dev/null; then
	jq -r '.text[] | select(.part == "doc") | .verdict' "$tmp/rows.jsonl" | sort | uniq -c > "$tmp/verdicts"
	"$prog" --jsonl "$tmp/corpus.jsonl" > "$tmp/kept"
	check "--jsonl --explain: a record a line, the verdicts in its text" eval \
	    '[ "$(wc -l < "$tmp/rows.jsonl")" = "$(wc -l < "$tmp/corpus.jsonl")" ] &&
	     grep -q " $(wc -l < "$tmp/kept") keep$" "$tmp/verdicts"'
else
	ok "# SKIP jq is not installed"
fi

# NUL bytes are data; -z makes them end documents.
printf 'first\0text here\n\f\nfirst\0text here\n\f\nfirst text here\n' > "$tmp/nul.txt"
"$prog" "$tmp/nul.txt" > "$tmp/out"
check "NUL bytes are kept as data" eval '[ "$(tr -d "\0" < "$tmp/out" | grep -c "^firsttext here$")" = 1 ] && [ "$(grep -c "^first text here$" "$tmp/out")" = 1 ]'

# Line ends: CRLF and CR are line ends, output lines end with LF, a last
# line without its end gets one.
printf 'one two three four five\r\nsix seven\r\n\f\r\none two three four five\rsix seven' > "$tmp/crlf.txt"
"$prog" "$tmp/crlf.txt" > "$tmp/out"
check "CRLF, CR, no final newline" eval '[ "$(cat "$tmp/out")" = "$(printf "one two three four five\nsix seven")" ] && [ "$(tail -c1 "$tmp/out" | od -An -c | tr -d " ")" = "\\n" ]'

# A huge line is a line like any other.
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "word%d ", i % 5000; print "" }' > "$tmp/huge.txt"
{ cat "$tmp/huge.txt"; printf '\f\n'; cat "$tmp/huge.txt"; printf '\f\nsmall\n'; } > "$tmp/huge2.txt"
"$prog" "$tmp/huge2.txt" > "$tmp/out"
check "huge lines: the copy dropped, the line whole" eval '[ "$(wc -l < "$tmp/out")" = 3 ] && [ "$(head -n1 "$tmp/out" | wc -c)" = "$(wc -c < "$tmp/huge.txt")" ]'

# --max-memory: past it documents are still compared but not added; said
# once, exit 1, nothing that should stay is dropped.
"$prog" --max-memory=300K "$tmp/big.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "--max-memory: exit 1, said once" eval '[ $st = 1 ] && [ "$(grep -c "max-memory reached" "$tmp/err")" = 1 ]'
"$prog" "$tmp/big.txt" > "$tmp/all"
check "--max-memory: a superset of the full run's documents" eval '[ "$(grep -c "^$ff\$" "$tmp/out")" -ge "$(grep -c "^$ff\$" "$tmp/all")" ]'
"$prog" --max-memory=100M "$tmp/big.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "--max-memory with room: as without it" eval '[ $st = 0 ] && cmp -s "$tmp/out" "$tmp/all"'

# Reading from a pipe in small pieces gives the same bytes as from a file.
"$prog" < "$tmp/corpus.txt" > "$tmp/a"
cat "$tmp/corpus.txt" | dd bs=7 status=none | "$prog" > "$tmp/b"
check "pipe and file give the same output" eval 'cmp -s "$tmp/a" "$tmp/b"'

# Output does not depend on the locale.
LC_ALL=C "$prog" -e "$tmp/corpus.txt" > "$tmp/c1"; LC_ALL=C.UTF-8 "$prog" -e "$tmp/corpus.txt" > "$tmp/c2"
check "same output in any locale" eval 'cmp -s "$tmp/c1" "$tmp/c2"'

# The README's pipeline with dedup in it: the example corpus holds no two
# copies of a page, so its output is the pipeline's without dedup.
PATH="$SAFI_BUILD:$PATH" normalize --from=auto --preset=train "$top"/examples/corpus/*.txt 2> /dev/null |
	PATH="$SAFI_BUILD:$PATH" strip-boilerplate | "$prog" |
	PATH="$SAFI_BUILD:$PATH" split-sentences > "$tmp/out"
check "the README pipeline with dedup: as without it on the example corpus" \
	cmp -s "$tmp/out" "$top/tests/shell/readme-pipeline.out"

# --help lists the options and exits 0.
"$prog" --help > "$tmp/help"; st=$?
check "--help: exit 0, lists --state and --merge" eval '[ $st = 0 ] && grep -q -- "--state" "$tmp/help" && grep -q -- "--merge" "$tmp/help"'
