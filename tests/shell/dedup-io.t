#!/bin/bash
# dedup: failures of input and output, odd input, streaming, and the
# properties of its output (a subsequence of the input; kept and --invert
# interleave back to it; the input twice is the input once).
: "${SAFI_BUILD:?run through make check}"
set -u
prog=$SAFI_BUILD/dedup
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/shell/dedup-corpus.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
echo 1..22

dedup_corpus 300 > "$tmp/corpus.txt"
dedup_corpus 300 jsonl > "$tmp/corpus.jsonl"
ff=$(printf '\f')

# A full disk is an error with a message, never a silent truncation.
"$prog" "$tmp/corpus.txt" > /dev/full 2> "$tmp/err"; st=$?
check "/dev/full: exit 1" '[ $st = 1 ]'
check "/dev/full: message" 'grep -q "^dedup: write error: No space left" "$tmp/err"'

# A closed pipe downstream ends the program quietly.
for i in 1 2 3 4 5 6 7 8; do dedup_corpus 2000; printf '\f\n'; done > "$tmp/big.txt"
"$prog" "$tmp/big.txt" 2> "$tmp/err" | head -n1 > "$tmp/out"
check "| head -n1: one line, no message" '[ "$(wc -l < "$tmp/out")" = 1 ] && [ ! -s "$tmp/err" ]'

# An unreadable input is reported, the others are still processed.
"$prog" "$tmp/corpus.txt" "$tmp/no-such-file" "$tmp" "$tmp/corpus.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "unreadable inputs: exit 1" '[ $st = 1 ]'
check "unreadable inputs: each named" 'grep -q "no-such-file: No such file" "$tmp/err" && grep -q "Is a directory" "$tmp/err"'
"$prog" "$tmp/corpus.txt" > "$tmp/once"
check "unreadable inputs: the others processed (the second copy dropped)" 'cmp -s "$tmp/out" "$tmp/once"'

# The input twice is the input once: the second copy goes whole.
"$prog" "$tmp/corpus.txt" "$tmp/corpus.txt" > "$tmp/twice"
check "input twice: the second copy dropped" 'cmp -s "$tmp/twice" "$tmp/once"'
"$prog" --jsonl "$tmp/corpus.jsonl" "$tmp/corpus.jsonl" > "$tmp/twice"
"$prog" --jsonl "$tmp/corpus.jsonl" > "$tmp/once"
check "input twice (--jsonl): the second copy dropped" 'cmp -s "$tmp/twice" "$tmp/once"'

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
check "kept and --invert interleave back to the input" 'interleaves "$tmp/corpus.txt" "$tmp/kept" "$tmp/inv"'
check "some documents dropped, some kept" '[ -s "$tmp/inv" ] && [ "$(grep -c "^$ff\$" "$tmp/kept")" -gt 50 ]'
"$prog" --paragraphs=5 "$tmp/corpus.txt" > "$tmp/kept"
"$prog" --paragraphs=5 -v "$tmp/corpus.txt" > "$tmp/inv"
check "with --paragraphs too" 'interleaves "$tmp/corpus.txt" "$tmp/kept" "$tmp/inv"'
"$prog" --jsonl "$tmp/corpus.jsonl" > "$tmp/kept"
"$prog" --jsonl -v "$tmp/corpus.jsonl" > "$tmp/inv"
check "--jsonl: kept and --invert lines interleave back to the input" 'interleaves "$tmp/corpus.jsonl" "$tmp/kept" "$tmp/inv"'
"$prog" --jsonl -e "$tmp/corpus.jsonl" | awk -F'\t' '$3 == "keep" { print $1 }' > "$tmp/ids"
check "--explain keeps what is written" '[ "$(wc -l < "$tmp/ids")" = "$(wc -l < "$tmp/kept")" ]'

# NUL bytes are data; -z makes them end documents.
printf 'first\0text here\n\f\nfirst\0text here\n\f\nfirst text here\n' > "$tmp/nul.txt"
"$prog" "$tmp/nul.txt" > "$tmp/out"
check "NUL bytes are kept as data" '[ "$(tr -d "\0" < "$tmp/out" | grep -c "^firsttext here$")" = 1 ] && [ "$(grep -c "^first text here$" "$tmp/out")" = 1 ]'

# Line ends: CRLF and CR are line ends, output lines end with LF, a last
# line without its end gets one.
printf 'one two three four five\r\nsix seven\r\n\f\r\none two three four five\rsix seven' > "$tmp/crlf.txt"
"$prog" "$tmp/crlf.txt" > "$tmp/out"
check "CRLF, CR, no final newline" '[ "$(cat "$tmp/out")" = "$(printf "one two three four five\nsix seven")" ] && [ "$(tail -c1 "$tmp/out" | od -An -c | tr -d " ")" = "\\n" ]'

# A huge line is a line like any other.
awk 'BEGIN { for (i = 0; i < 400000; i++) printf "word%d ", i % 5000; print "" }' > "$tmp/huge.txt"
{ cat "$tmp/huge.txt"; printf '\f\n'; cat "$tmp/huge.txt"; printf '\f\nsmall\n'; } > "$tmp/huge2.txt"
"$prog" "$tmp/huge2.txt" > "$tmp/out"
check "huge lines: the copy dropped, the line whole" '[ "$(wc -l < "$tmp/out")" = 3 ] && [ "$(head -n1 "$tmp/out" | wc -c)" = "$(wc -c < "$tmp/huge.txt")" ]'

# --max-memory: past it documents are still compared but not added; said
# once, exit 1, nothing that should stay is dropped.
"$prog" --max-memory=300K "$tmp/big.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "--max-memory: exit 1, said once" '[ $st = 1 ] && [ "$(grep -c "max-memory reached" "$tmp/err")" = 1 ]'
"$prog" "$tmp/big.txt" > "$tmp/all"
check "--max-memory: a superset of the full run's documents" '[ "$(grep -c "^$ff\$" "$tmp/out")" -ge "$(grep -c "^$ff\$" "$tmp/all")" ]'
"$prog" --max-memory=100M "$tmp/big.txt" > "$tmp/out" 2> "$tmp/err"; st=$?
check "--max-memory with room: as without it" '[ $st = 0 ] && cmp -s "$tmp/out" "$tmp/all"'

# Reading from a pipe in small pieces gives the same bytes as from a file.
"$prog" < "$tmp/corpus.txt" > "$tmp/a"
cat "$tmp/corpus.txt" | dd bs=7 status=none | "$prog" > "$tmp/b"
check "pipe and file give the same output" 'cmp -s "$tmp/a" "$tmp/b"'

# Output does not depend on the locale.
LC_ALL=C "$prog" -e "$tmp/corpus.txt" > "$tmp/c1"; LC_ALL=C.UTF-8 "$prog" -e "$tmp/corpus.txt" > "$tmp/c2"
check "same output in any locale" 'cmp -s "$tmp/c1" "$tmp/c2"'

# --help lists the options and exits 0.
"$prog" --help > "$tmp/help"; st=$?
check "--help: exit 0, lists --state and --merge" '[ $st = 0 ] && grep -q -- "--state" "$tmp/help" && grep -q -- "--merge" "$tmp/help"'
