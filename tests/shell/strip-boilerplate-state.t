#!/bin/bash
# strip-boilerplate --state: learning across runs, corrupt and foreign
# state files, bounded size, concurrent runs.
: "${SAFI_BUILD:?run through make check}"
set -u
prog=$SAFI_BUILD/strip-boilerplate
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
echo 1..13

# One page of a site whose footer line has no boilerplate shape.
page() {
	printf 'Ridge Gazette\n\n%s\n\n' "$1"
	printf 'The %s crews worked through the night to clear snow from the main routes, and most schools opened on time in the morning.\n\n' "$2"
	printf 'Officials in %s said more snow was expected later in the week, and they asked drivers to keep extra blankets and water in their cars.\n\n' "$2"
	printf 'Our reporters cover the ridge towns every day of the year\n'
}
page "Snow closes mountain pass" "county road" > "$tmp/a.txt"
page "Ski lift opens early" "resort" > "$tmp/b.txt"
page "Winter market returns" "town hall" > "$tmp/c.txt"
st=$tmp/site.state

"$prog" -s "$st" "$tmp/a.txt" > "$tmp/out1"
check "first run: the article is kept" 'grep -q "^The county road crews" "$tmp/out1"'
check "first run: state file written" '[ -s "$st" ] && head -n1 "$st" | grep -q "^safi-strip-boilerplate-state 1$"'
"$prog" -s "$st" "$tmp/b.txt" > /dev/null
"$prog" -s "$st" -e "$tmp/c.txt" > "$tmp/out3"
check "third run: the site's lines are recurring" 'grep -q "recurring	Ridge Gazette" "$tmp/out3" && grep -q "recurring	Our reporters" "$tmp/out3"'
check "third run: the article stays" 'grep -q "keep	title	Winter market returns" "$tmp/out3"'
check "generation counts runs" 'sed -n 2p "$st" | grep -q "^generation 3$"'
check "no temporary or stray files" '[ "$(ls "$tmp" | grep -c tmp)" = 0 ]'

# A corrupt state file is an error that names it; it is left as it was.
cp "$st" "$tmp/bad.state"
sed -i '4s/^\(.\)/X/' "$tmp/bad.state"
cp "$tmp/bad.state" "$tmp/bad.copy"
"$prog" -s "$tmp/bad.state" "$tmp/a.txt" > "$tmp/out" 2> "$tmp/err"; s=$?
check "corrupt state: exit 2, named" '[ $s = 2 ] && grep -q "bad.state: bad state file" "$tmp/err"'
check "corrupt state: not reset" 'cmp -s "$tmp/bad.state" "$tmp/bad.copy"'
head -c 100 "$st" > "$tmp/cut.state"
"$prog" -s "$tmp/cut.state" "$tmp/a.txt" > /dev/null 2> "$tmp/err"; s=$?
check "truncated state: exit 2" '[ $s = 2 ] && grep -q "cut.state" "$tmp/err"'
printf 'hello world\n' > "$tmp/foreign.state"
"$prog" -s "$tmp/foreign.state" "$tmp/a.txt" > /dev/null 2> "$tmp/err"; s=$?
check "foreign file: exit 2, says so" '[ $s = 2 ] && grep -q "not a strip-boilerplate state file" "$tmp/err"'

# Bounded size: --state-max caps the entries.
"$prog" -s "$tmp/small.state" --state-max=5 "$tmp/a.txt" "$tmp/b.txt" > /dev/null
check "--state-max bounds the table" '[ "$(sed -n 3p "$tmp/small.state" | cut -d" " -f2)" -le 5 ]'

# Concurrent runs: the lock serialises them, no update is lost.
cs=$tmp/conc.state
for i in 1 2 3 4 5 6; do "$prog" -s "$cs" "$tmp/a.txt" > /dev/null & done
wait
check "concurrent runs: state is whole" '"$prog" -s "$cs" < /dev/null > /dev/null'
check "concurrent runs: all six counted" 'grep -q " 6 " "$cs" || grep -q " 7 " "$cs"'
