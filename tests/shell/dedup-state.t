#!/bin/bash
# dedup --state: runs that remember earlier runs give one process's
# answer; corrupt, foreign and mismatched states are errors that lose
# nothing; a lost output leaves the state as it was; limits; locking.
. "$(dirname "$0")/tap.sh"
prog=$SAFI_BUILD/dedup
. "$top/tests/shell/dedup-corpus.sh"
echo 1..19

# Three nights of one corpus, cut at document boundaries.
dedup_corpus 300 > "$tmp/all.txt"
awk -v dir="$tmp" 'BEGIN { f = 1 } { print > (dir "/night" f ".txt") } /^\f$/ && ++d % 100 == 0 { f++ }' "$tmp/all.txt"
st=$tmp/corpus.state

for night in 1 2 3; do
	"$prog" --paragraphs -s "$st" "$tmp/night$night.txt" > "$tmp/out$night" 2> "$tmp/err$night" || echo "# night $night failed"
done
"$prog" --paragraphs -e "$tmp/night1.txt" "$tmp/night2.txt" "$tmp/night3.txt" > "$tmp/one.explain"
for night in 1 2 3; do
	"$prog" --paragraphs -e -s "$tmp/replay.state" "$tmp/night$night.txt"
done > "$tmp/nights.explain"
check "three nights with a state explain as one process" eval 'cmp -s "$tmp/one.explain" "$tmp/nights.explain"'
check "later nights drop copies of earlier nights" eval 'grep -q "night2.txt:[0-9]*	doc	drop	[a-z]*	[^	]*night1.txt" "$tmp/one.explain"'
check "state file: header, generation 3" eval 'head -n1 "$st" | grep -q "^safi-dedup-state 1$" && sed -n 3p "$st" | grep -qx "generation 3"'
check "no temporary or stray files" eval '[ "$(ls "$tmp" | grep -c "\.tmp")" = 0 ]'

# A corrupt state is an error that names the file (exit 2, as for any file
# an option names); it stays as it was and no input is read (nothing is
# written).
cp "$st" "$tmp/bad.state"
sed -i '5s/^\([0-9]*\) \(.\)/\1 X/' "$tmp/bad.state"
cp "$tmp/bad.state" "$tmp/bad.copy"
"$prog" --paragraphs -s "$tmp/bad.state" "$tmp/night1.txt" > "$tmp/out" 2> "$tmp/err"; s=$?
check "corrupt state: exit 2, named, says what" eval '[ $s = 2 ] && grep -q "bad.state: bad state file: malformed document line" "$tmp/err"'
check "corrupt state: left as it was, no output" eval 'cmp -s "$tmp/bad.state" "$tmp/bad.copy" && [ ! -s "$tmp/out" ]'
head -c 3000 "$st" > "$tmp/cut.state"
"$prog" --paragraphs -s "$tmp/cut.state" "$tmp/night1.txt" > /dev/null 2> "$tmp/err"; s=$?
check "truncated state: exit 2" eval '[ $s = 2 ] && grep -q "cut.state: bad state file" "$tmp/err"'
sed 's/^\(generation\) 3$/\1 4/' "$st" > "$tmp/sum.state"
"$prog" --paragraphs -s "$tmp/sum.state" "$tmp/night1.txt" > /dev/null 2> "$tmp/err"; s=$?
check "altered state: checksum mismatch" eval '[ $s = 2 ] && grep -q "checksum mismatch" "$tmp/err"'
printf 'hello world\n' > "$tmp/foreign.state"
"$prog" -s "$tmp/foreign.state" "$tmp/night1.txt" > /dev/null 2> "$tmp/err"; s=$?
check "foreign file: exit 2, says so" eval '[ $s = 2 ] && grep -q "not a dedup state file" "$tmp/err"'
cp "$st" "$tmp/other.state"
"$prog" -s "$tmp/other.state" "$tmp/night1.txt" > /dev/null 2> "$tmp/err"; s=$?
check "state of other options: refused, named" eval '[ $s = 2 ] && grep -q "made with other" "$tmp/err" && cmp -s "$st" "$tmp/other.state"'

# The state is written only when the output was: otherwise the next run
# would drop the copies of documents nobody received.
cp "$st" "$tmp/full.state"
printf 'A story no night has told yet.\n' > "$tmp/new.txt"
"$prog" --paragraphs -s "$tmp/full.state" "$tmp/new.txt" > /dev/full 2> "$tmp/err"; s=$?
check "output failed: exit 1, state unchanged" eval '[ $s = 1 ] && cmp -s "$st" "$tmp/full.state" && grep -q "full.state: not updated" "$tmp/err"'

# An empty or missing state file is a new state.
: > "$tmp/empty.state"
"$prog" -s "$tmp/empty.state" "$tmp/night1.txt" > "$tmp/out"; s=$?
"$prog" "$tmp/night1.txt" > "$tmp/plain"
check "empty state: a new one" eval '[ $s = 0 ] && cmp -s "$tmp/out" "$tmp/plain" && sed -n 3p "$tmp/empty.state" | grep -qx "generation 1"'

# Limits: --state-max keeps the most recently matched documents,
# --state-age forgets those unmatched for that many runs.
"$prog" -s "$tmp/small.state" --state-max=10 "$tmp/night1.txt" > /dev/null
check "--state-max bounds the documents" eval 'sed -n 4p "$tmp/small.state" | grep -qx "documents 10"'
for age in 30 1; do
	"$prog" -s "$tmp/age$age.state" "$tmp/night1.txt" > /dev/null
	"$prog" -s "$tmp/age$age.state" --state-age=$age "$tmp/night2.txt" > /dev/null
	"$prog" -e -s "$tmp/age$age.state" "$tmp/night1.txt" > "$tmp/age$age.explain"
done
check "--state-age=30 remembers the first night" eval '! grep -q "	keep	" "$tmp/age30.explain"'
check "--state-age=1 forgets what the second night did not match" eval 'grep -q "	keep	" "$tmp/age1.explain"'
"$prog" -s "$tmp/max.state" --max-memory=1M "$tmp/night1.txt" > /dev/null
"$prog" -s "$tmp/max.state" --max-memory=100K "$tmp/night2.txt" > /dev/null 2> "$tmp/err"; s=$?
check "a state over --max-memory: error, named" eval '[ $s = 2 ] && grep -q "max.state: the state does not fit --max-memory" "$tmp/err"'

# Concurrent runs on one state wait for each other: none is lost.
cs=$tmp/conc.state
for i in 1 2 3 4 5 6; do "$prog" -s "$cs" "$tmp/night$(( (i - 1) % 3 + 1 )).txt" > /dev/null & done
wait
check "concurrent runs: the state is whole" eval '"$prog" -s "$cs" < /dev/null > /dev/null'
check "concurrent runs: each counted" eval 'sed -n 3p "$cs" | grep -qx "generation 7"'
"$prog" -e -s "$cs" "$tmp/all.txt" > "$tmp/conc.explain"
check "concurrent runs: every document remembered" eval '! grep -q "	keep	" "$tmp/conc.explain"'
