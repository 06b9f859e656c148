#!/bin/bash
# count-terms: failures and stream edge cases.
: "${SAFI_BUILD:?run through make check}"
set -u
ct="$SAFI_BUILD/count-terms"
tmp=$(mktemp -d)
trap 'chmod -R u+rw "$tmp"; rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
echo 1..23

printf 'one two two\n' > "$tmp/in"

"$ct" "$tmp/in" > /dev/full 2> "$tmp/err"; st=$?
check "> /dev/full exits 1" '[ $st = 1 ]'
check "> /dev/full says why" 'grep -q "count-terms: .*No space left on device" "$tmp/err"'

# many terms, so that output is larger than a pipe buffer
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "w%d ", i; print "" }' > "$tmp/big"
"$ct" --bare "$tmp/big" 2> "$tmp/err" | head -n1 > "$tmp/out"; st=${PIPESTATUS[0]}
check "| head -n1 ends quietly" '[ ! -s "$tmp/err" ] && [ "$(cat "$tmp/out")" = "$(printf "1\tw0")" ] && { [ $st = 0 ] || [ $st = 141 ]; }'

printf 'beta\n' > "$tmp/b"
printf 'alpha\n' > "$tmp/locked"; chmod 000 "$tmp/locked"
if [ "$(id -u)" = 0 ]; then rm -f "$tmp/locked"; fi   # root reads anything
"$ct" --bare "$tmp/locked" "$tmp/b" > "$tmp/out" 2> "$tmp/err"; st=$?
check "unreadable file: exit 1, message, other files counted" \
	'[ $st = 1 ] && grep -q "count-terms: .*locked" "$tmp/err" && [ "$(cat "$tmp/out")" = "$(printf "1\tbeta")" ]'

"$ct" --no-such-option < /dev/null > "$tmp/out" 2> "$tmp/err"; st=$?
check "unknown option exits 2" '[ $st = 2 ] && [ ! -s "$tmp/out" ] && grep -q "unknown option" "$tmp/err"'

"$ct" --ngrams 0 < /dev/null 2> /dev/null; st=$?
check "bad --ngrams exits 2" '[ $st = 2 ]'

"$ct" --merge --ngrams 2 < /dev/null 2> /dev/null; st=$?
check "--merge with --ngrams is a usage error" '[ $st = 2 ]'

# a 4 MB line of one word and many words
awk 'BEGIN { s = "abc "; for (i = 0; i < 20; i++) s = s s; print s }' > "$tmp/huge"
"$ct" --bare "$tmp/huge" > "$tmp/out"; st=$?
check "huge line" '[ $st = 0 ] && [ "$(cat "$tmp/out")" = "$(printf "1048576\tabc")" ]'

printf 'last line without newline' | "$ct" --bare > "$tmp/out"
check "no final newline: last line counted" '[ "$(wc -l < "$tmp/out")" = 4 ] && grep -q "	newline$" "$tmp/out"'

# streaming: the same text in one file or many pieces
seq 1 3000 | sed 's/$/ word كلمة/' > "$tmp/s"
split -l 700 "$tmp/s" "$tmp/part."
"$ct" "$tmp/s" > "$tmp/one"
"$ct" "$tmp"/part.* > "$tmp/many"
check "counting pieces equals counting the whole" 'cmp -s "$tmp/one" "$tmp/many"'

cat "$tmp/s" | "$ct" > "$tmp/piped"
check "stdin equals file" 'cmp -s "$tmp/one" "$tmp/piped"'

"$ct" --top 1 --totals "$tmp/s" 2> "$tmp/err" > /dev/null
check "--totals counts tokens and types" '[ "$(cat "$tmp/err")" = "$(printf "tokens\t9000\ntypes\t3002")" ]'

# --max-memory: a temporary file that cannot be made or written is an
# error; no partial table is printed as if it were the count.
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "w%d x%d\n", i, i % 7 }' > "$tmp/many"
TMPDIR="$tmp/no-such-dir" "$ct" --max-memory 1K "$tmp/many" > "$tmp/out" 2> "$tmp/err"; st=$?
check "--max-memory, no temporary directory: exit 1" '[ $st = 1 ]'
check "--max-memory, no temporary directory: says where, prints nothing" \
	'grep -q "count-terms: .*no-such-dir.*No such file or directory" "$tmp/err" && [ ! -s "$tmp/out" ]'
# a full disk: writes past a file size limit fail (SIGXFSZ ignored)
mkdir "$tmp/spill"
(trap '' XFSZ; ulimit -f 1; TMPDIR="$tmp/spill" exec "$ct" --max-memory 1K "$tmp/many") \
	2> "$tmp/err" | cat > "$tmp/out"; st=${PIPESTATUS[0]}
check "--max-memory, temporary file cannot be written: exit 1" '[ $st = 1 ]'
check "--max-memory, temporary file cannot be written: says why, prints nothing" \
	'grep -q "count-terms: .*File too large" "$tmp/err" && [ ! -s "$tmp/out" ]'

# One line holds no limit on memory: a 64 MiB line under --max-memory 32M
# is counted in pieces (words, n-grams and all) within the limit.
awk 'BEGIN { s = "abc def "; for (i = 0; i < 23; i++) s = s s; print s }' > "$tmp/long"
/usr/bin/time -f '%M' -o "$tmp/rss" "$ct" --bare --max-memory 32M "$tmp/long" > "$tmp/out"; st=$?
check "a 64 MiB line under --max-memory 32M: counted" \
	'[ $st = 0 ] && [ "$(cat "$tmp/out")" = "$(printf "8388608\tabc\n8388608\tdef")" ]'
check "a 64 MiB line under --max-memory 32M: peak memory under 48 MiB ($(cat "$tmp/rss") KiB)" \
	'[ "$(cat "$tmp/rss")" -lt 49152 ]'
/usr/bin/time -f '%M' -o "$tmp/rss" "$ct" --bare --ngrams 2-3 --max-memory 32M "$tmp/long" > "$tmp/out"; st=$?
check "the same line, n-grams across the pieces ($(cat "$tmp/rss") KiB)" \
	'[ $st = 0 ] && [ "$(cat "$tmp/rss")" -lt 49152 ] &&
	 [ "$(cat "$tmp/out")" = "$(printf "8388608\tabc def\n8388607\tabc def abc\n8388607\tdef abc\n8388607\tdef abc def")" ]'
# a stretch with no place to break words is cut at a documented ceiling
awk 'BEGIN { s = "x"; for (i = 0; i < 24; i++) s = s s; print "one " s " two" }' > "$tmp/word"
/usr/bin/time -f '%M' -o "$tmp/rss" "$ct" --bare --max-memory 32M "$tmp/word" > "$tmp/out" 2> "$tmp/err"; st=$?
check "a 16 MiB word under --max-memory 32M: cut, reported with file and line, exit 1" \
	'[ $st = 1 ] && grep -q "count-terms: .*word:1: .*without a place to break" "$tmp/err" &&
	 grep -q "	one$" "$tmp/out" && grep -q "	two$" "$tmp/out"'
awk 'BEGIN { s = "x"; for (i = 0; i < 24; i++) s = s s; print "1\t" s; print "2\tafter" }' > "$tmp/mline"
"$ct" --merge --max-memory 32M "$tmp/mline" "$tmp/mline" > "$tmp/out" 2> "$tmp/err"; st=$?
check "--merge: a line over the ceiling is an error with file and line" \
	'[ $st = 1 ] && grep -q "count-terms: .*mline:1: line longer than .*: left out" "$tmp/err"'
check "--merge: the line over the ceiling is left out, the rest is counted" \
	'[ "$(cat "$tmp/out")" = "$(printf "4\tafter")" ]'
awk 'BEGIN { s = "x"; for (i = 0; i < 24; i++) s = s s; print "{\"text\":\"" s "\"}"; print "{\"text\":\"after\"}" }' > "$tmp/jline"
"$ct" --bare --jsonl --max-memory 32M "$tmp/jline" > "$tmp/out" 2> "$tmp/err"; st=$?
check "--jsonl: a record over the ceiling is left out, the rest is counted" \
	'[ $st = 1 ] && grep -q "count-terms: .*jline:1: line longer than .*: left out" "$tmp/err" &&
	 [ "$(cat "$tmp/out")" = "$(printf "1\tafter")" ]'
