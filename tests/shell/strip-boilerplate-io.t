#!/bin/bash
# strip-boilerplate: failures of input and output, odd input, streaming.
: "${SAFI_BUILD:?run through make check}"
set -u
prog=$SAFI_BUILD/strip-boilerplate
here=$(cd "$(dirname "$0")/.." && pwd)
page=$here/cases/strip-boilerplate/en-page.in
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp"; rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
echo 1..18

# A full disk is an error with a message, never a silent truncation.
"$prog" "$page" > /dev/full 2> "$tmp/err"; st=$?
check "/dev/full: exit 1" '[ $st = 1 ]'
check "/dev/full: message" 'grep -q "strip-boilerplate: .*No space left" "$tmp/err"'

# A closed pipe downstream ends the program quietly.
big=$tmp/big.txt
for i in $(seq 2000); do cat "$page"; printf '\f\n'; done > "$big"
"$prog" --min-docs=0 "$big" 2> "$tmp/err" | head -n1 > "$tmp/out"
check "| head -n1: one line, no message" '[ "$(wc -l < "$tmp/out")" = 1 ] && [ ! -s "$tmp/err" ]'

# An unreadable file is reported, the others are still processed.
cp "$page" "$tmp/locked.txt"; chmod 000 "$tmp/locked.txt"
if [ "$(id -u)" = 0 ]; then
	missing=$tmp/no-such-file.txt   # root reads anything: use a missing file
else
	missing=$tmp/locked.txt
fi
"$prog" --min-docs=0 "$missing" "$page" > "$tmp/out" 2> "$tmp/err"; st=$?
check "unreadable file: exit 1" '[ $st = 1 ]'
check "unreadable file: named in the message" 'grep -q "$(basename "$missing")" "$tmp/err"'
check "unreadable file: the other file is processed" 'grep -q "^The town library reopened" "$tmp/out"'

# Unknown option and bad values are usage errors.
"$prog" --no-such-option < /dev/null > /dev/null 2>&1; st=$?
check "unknown option: exit 2" '[ $st = 2 ]'
"$prog" --min-docs=abc < /dev/null > /dev/null 2>&1; st=$?
check "bad number: exit 2" '[ $st = 2 ]'

# A huge line is taken whole and kept or dropped whole.
{ printf 'Title of a page with one enormous paragraph\n\n'; for i in $(seq 20000); do printf 'The river rose again on the third day of rain and the town was quiet. '; done; printf '\n'; } > "$tmp/huge.txt"
"$prog" "$tmp/huge.txt" > "$tmp/out"
check "huge line kept whole" '[ "$(tail -n1 "$tmp/out" | wc -c)" -gt 1000000 ]'

# A page of many lines of one shape is judged in linear time: 200,000
# lines of program code dropped as symbols, each looking for the kept
# lines around their run, under a paragraph printed three times.
{ for i in 1 2 3; do printf 'The council met on Monday and agreed on a plan for the harbour and the old market.\n'; done
  seq 200000 | sed 's/^/x = /'; } > "$tmp/code.txt"
timeout 120 "$prog" -v "$tmp/code.txt" > "$tmp/out"; st=$?
check "200,000 dropped lines of code: linear time, every line accounted for" \
	'[ $st = 0 ] && [ "$(wc -l < "$tmp/out")" -ge 200000 ]'

# So is a colon's list whose items run on below the article: two body
# paragraphs under the intro, then 400,000 short lines, each of which may
# end the list where a weak line follows.
{ printf 'The council met on Monday, and the people who came said this:\n'
  printf 'The first speaker said the harbour needs a new wall before the winter storms arrive this year.\n'
  printf 'The second speaker said the traders should be heard before any money is spent on the quay.\n'
  seq 400000 | awk '{ print "Oak " ($1 % 7 ? "lane" : "street") }'; } > "$tmp/list.txt"
timeout 60 "$prog" "$tmp/list.txt" > "$tmp/out"; st=$?
check "400,000 items of a list below the article: linear time" \
	'[ $st = 0 ] && [ "$(wc -l < "$tmp/out")" -ge 3 ]'

# Kept and inverted lines interleave back to the input: every non-blank
# line is in exactly one of them, in order (checked against --explain).
ff=$(printf '\f')
for f in "$here"/cases/strip-boilerplate/*.in; do
	"$prog" --min-docs=0 -e < "$f" > "$tmp/explain" 2>/dev/null || continue
	grep -av -e '^$' -e "^$ff\$" "$tmp/explain" | awk -F'\t' '$2 == "keep"' | cut -f4- > "$tmp/k2"
	grep -av -e '^$' -e "^$ff\$" "$tmp/explain" | awk -F'\t' '$2 == "drop"' | cut -f4- > "$tmp/d2"
	"$prog" --min-docs=0 < "$f" 2>/dev/null | grep -av -e '^$' -e "^$ff\$" > "$tmp/kept"
	"$prog" --min-docs=0 -v < "$f" 2>/dev/null | grep -av -e '^$' -e "^$ff\$" > "$tmp/dropped"
	if ! cmp -s "$tmp/kept" "$tmp/k2" || ! cmp -s "$tmp/dropped" "$tmp/d2"; then
		echo "# interleave fails for $f"; bad=1
	fi
done
check "kept and --invert partition every case input" '[ -z "${bad:-}" ]'

# Streaming: reading in one go or byte by byte through a pipe gives the same bytes.
"$prog" "$big" > "$tmp/a"
cat "$big" | dd bs=1 status=none 2>/dev/null | "$prog" > "$tmp/b" 2>/dev/null || cat "$big" | "$prog" > "$tmp/b"
check "pipe and file give the same output" 'cmp -s "$tmp/a" "$tmp/b"'

# A large file (1 MiB and more) is mapped, not read, and its lines are
# held where they are: the same verdicts as from a pipe, with lines whose
# bad UTF-8 is repaired, lines ended by CR, documents cut by
# --max-document, and from standard input redirected from the file.
{ for i in $(seq 1000); do cat "$page"; printf 'bad \377 byte here\r\nend\rX\n'; done; } > "$tmp/one.txt"
for args in "--explain" "--explain --max-document=100K --min-docs=0"; do
	"$prog" $args "$tmp/one.txt" > "$tmp/a" 2> "$tmp/ea"
	cat "$tmp/one.txt" | "$prog" $args > "$tmp/b" 2> "$tmp/eb"
	check "a mapped file and a pipe give the same output ($args)" \
	    'cmp -s "$tmp/a" "$tmp/b" && [ -s "$tmp/a" ] && grep -q "invalid UTF-8" "$tmp/ea"'
done
"$prog" --explain < "$tmp/one.txt" > "$tmp/b" 2> /dev/null
"$prog" --explain "$tmp/one.txt" > "$tmp/a" 2> /dev/null
check "standard input from a file gives the same output" 'cmp -s "$tmp/a" "$tmp/b"'

# Output does not depend on the locale.
LC_ALL=C "$prog" "$page" > "$tmp/c1"; LC_ALL=C.UTF-8 "$prog" "$page" > "$tmp/c2"
check "same output in any locale" 'cmp -s "$tmp/c1" "$tmp/c2"'

# --help lists every option and exits 0.
"$prog" --help > "$tmp/help"; st=$?
check "--help: exit 0, lists --state" '[ $st = 0 ] && grep -q -- "--state" "$tmp/help"'
