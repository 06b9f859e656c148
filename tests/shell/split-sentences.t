#!/bin/bash
# split-sentences from the shell: streaming in pieces of any size, failures
# (full disk, closed pipe, unreadable file, bad options), a 100 MB
# paragraph, documents across files, --line-buffered, and the property
# that every non-space character comes out once, in order.
: "${SAFI_BUILD:?run through make check}"
set -u
export LC_ALL=C.UTF-8
prog=$SAFI_BUILD/split-sentences
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else notok "$name"; fi; }
echo "1..17"

# Every case input, one after the other: scripts, quotes, bad bytes, NUL.
cat "$top"/tests/cases/split-sentences/*.in "$top"/examples/corpus/*.txt > "$tmp/all.in" 2>/dev/null
"$prog" < "$tmp/all.in" > "$tmp/all.out" 2>/dev/null

# 1-2. The same output whatever sizes the input arrives in (a writer that
# sends pieces of 1 to 7 bytes, so that lines, UTF-8 sequences, CRLF and
# bad bytes are cut anywhere).
perl -e 'srand(7); $| = 1; local $/; $_ = <STDIN>;
	for ($i = 0; $i < length; $i += $k) { $k = 1 + int(rand(7));
		syswrite(STDOUT, substr($_, $i, $k)); select(undef, undef, undef, 0.00002) if rand() < 0.02 }' \
	< "$tmp/all.in" | "$prog" > "$tmp/pieces.out" 2>/dev/null
check "input in pieces of 1-7 bytes gives the same output" cmp -s "$tmp/all.out" "$tmp/pieces.out"
perl -e '$| = 1; local $/; my $d = <STDIN>; syswrite(STDOUT, $d, 1, $_) for 0 .. length($d) - 1' \
	< "$tmp/all.in" | "$prog" -z > "$tmp/bytes-z.out" 2>/dev/null
"$prog" -z < "$tmp/all.in" > "$tmp/all-z.out" 2>/dev/null
check "-z, input one byte at a time, gives the same output" cmp -s "$tmp/all-z.out" "$tmp/bytes-z.out"

# 3. No non-space character is lost, added or reordered (the ill-formed
# bytes of the input become U+FFFD, so compare with a repaired input).
nonspace() { perl -CS -Mutf8 -pe 's/\s+//g; s/[\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]//g; s/\f//g'; }
"$prog" < "$top/examples/corpus/01-ar-fuel-prices.txt" | nonspace > "$tmp/a" 2>/dev/null
nonspace < "$top/examples/corpus/01-ar-fuel-prices.txt" > "$tmp/b"
check "non-space characters kept in order (an Arabic page)" cmp -s "$tmp/a" "$tmp/b"

# 4. A full disk is an error with a message, never a silent truncation.
printf 'One. Two.\n' | "$prog" > /dev/full 2> "$tmp/err"
st=$?
if [ "$st" = 1 ] && grep -q 'write error' "$tmp/err"; then ok "> /dev/full: exit 1 and a message"
else notok "> /dev/full: exit 1 and a message" "status $st" "$(cat "$tmp/err")"; fi

# 5. A closed pipe downstream ends the program quietly.
yes 'One sentence here. Another one there.' | head -n 200000 > "$tmp/many.in"
"$prog" < "$tmp/many.in" 2> "$tmp/err" | head -n1 > "$tmp/head.out"
if [ ! -s "$tmp/err" ] && [ "$(cat "$tmp/head.out")" = "One sentence here." ]; then ok "| head -n1 ends quietly"
else notok "| head -n1 ends quietly" "$(cat "$tmp/err")"; fi

# 6. An unreadable file: reported, exit 1, the other files still done, and
# each file is a document of its own.
printf 'First file. Two.\n' > "$tmp/f1"
printf 'Second file.\n' > "$tmp/f2"
"$prog" "$tmp/f1" "$tmp/missing" "$tmp/f2" > "$tmp/out" 2> "$tmp/err"
st=$?
printf 'First file.\nTwo.\n\n\f\nSecond file.\n\n' > "$tmp/want"
if [ "$st" = 1 ] && grep -q "missing: No such file" "$tmp/err" && cmp -s "$tmp/out" "$tmp/want"; then
	ok "unreadable file: message, exit 1, other files split, documents separated"
else notok "unreadable file: message, exit 1, other files split, documents separated" "status $st" "$(cat "$tmp/err")" "$(od -c "$tmp/out" | head -5)"; fi

# 7. With -z the files are separated by a NUL.
"$prog" -z "$tmp/f1" "$tmp/f2" > "$tmp/out"
printf 'First file.\nTwo.\n\n\000Second file.\n\n' > "$tmp/want"
check "-z: files separated by NUL" cmp -s "$tmp/out" "$tmp/want"

# 8. Usage errors exit 2.
"$prog" --no-such-option < /dev/null > /dev/null 2>&1
check "unknown option: exit 2" test $? = 2
"$prog" --lang=zz < /dev/null > /dev/null 2>&1
check "unknown language: exit 2" test $? = 2

# 10. --help and --version.
"$prog" --help > "$tmp/help" && grep -q -- '--unwrap' "$tmp/help" && grep -q -- '--abbrev' "$tmp/help"
check "--help prints the options, exit 0" test $? = 0
"$prog" --version | grep -q '^split-sentences (safi) '
check "--version" test $? = 0

# 12-13. A 100 MB paragraph: split in linear time, nothing lost.
perl -e '$s = "Word after word, then more words. "; print $s x (100_000_000 / length $s), "\n"' > "$tmp/big.in"
"$prog" < "$tmp/big.in" > "$tmp/big.out"
st=$?
lines=$(wc -l < "$tmp/big.out")
want=$((100000000 / 34 + 1))
if [ "$st" = 0 ] && [ "$lines" = "$want" ]; then ok "100 MB paragraph: every sentence on its line"
else notok "100 MB paragraph: every sentence on its line" "status $st, $lines lines, want $want"; fi
a=$(tr -d ' \n' < "$tmp/big.in" | cksum)
b=$(tr -d ' \n' < "$tmp/big.out" | cksum)
check "100 MB paragraph: non-space characters kept" test "$a" = "$b"
rm -f "$tmp/big.in" "$tmp/big.out"

# 14. A 100 MB paragraph with no terminator at all is one sentence.
perl -e 'print "كلمة " x 10_000_000, "\n"' | "$prog" | wc -l > "$tmp/count"
check "100 MB paragraph without a terminator: one sentence" test "$(cat "$tmp/count")" = 2

# 15. --line-buffered: each paragraph comes out before the input ends.
# The descriptors are copied at once (bash forgets SPLIT when the
# coprocess ends), and a coprocess that ended early makes a failed test,
# not a script killed by SIGPIPE.
coproc SPLIT { "$prog" --line-buffered; }
to=${SPLIT[1]} from=${SPLIT[0]} pid=$SPLIT_PID
got=""
trap '' PIPE
if printf 'One. Two.\n' 2>/dev/null >&"$to"; then
	IFS= read -r -t 10 got <&"$from"
fi
trap - PIPE
[ -n "$to" ] && exec {to}>&-
wait "$pid" 2>/dev/null
check "--line-buffered writes a paragraph before the input ends" test "$got" = "One."

# 16. Blank lines: paragraphs are separated by exactly one blank line.
printf '\n\nOne. Two.\n\n\n \t\nThree.\n\n' | "$prog" > "$tmp/out"
printf 'One.\nTwo.\n\nThree.\n\n' > "$tmp/want"
check "blank lines collapse to one between paragraphs" cmp -s "$tmp/out" "$tmp/want"

# 17. Long runs of what the rules without a terminator read around (dashes
# before a capital, emoticons, rule characters, brackets after a full stop,
# salutations) are split in linear time, nothing lost.
perl -CS -e 'print "a", " \x{2014}" x 3_000_000, " This.\n";
	print "ok :)" x 2_000_000, "\n", "=*_" x 3_000_000, "\n", "*" x 9_000_000, " A\n";
	print "End. [1]" x 1_000_000, "\n", "Hi, Ann, " x 1_000_000, "\n";
	print "x 01/02/2003 04:05 PM" x 500_000, "\n", "http://a.b/c " x 800_000, "\n"' > "$tmp/runs.in"
timeout 120 "$prog" < "$tmp/runs.in" > "$tmp/runs.out"
st=$?
a=$(tr -d ' \n' < "$tmp/runs.in" | cksum)
b=$(tr -d ' \n' < "$tmp/runs.out" | cksum)
if [ "$st" = 0 ] && [ "$a" = "$b" ]; then ok "long runs of dashes, emoticons, rules, marks: linear time, nothing lost"
else notok "long runs of dashes, emoticons, rules, marks: linear time, nothing lost" "status $st"; fi
rm -f "$tmp/runs.in" "$tmp/runs.out"
