#!/bin/bash
# strip-boilerplate --state-max: the table is trimmed to the limit, in the
# documented order, and keeps what it learned.
. "$(dirname "$0")/tap.sh"
prog=$SAFI_BUILD/strip-boilerplate
echo 1..6

# Page $1 of a run, with 13 lines of its own and, with $2 = site, the two
# lines every page of the site has.
page() {
	[ "$2" = site ] && printf 'Ridge Gazette\n\n'
	for i in $(seq 1 13); do
		printf 'Line %s of page %s, which no other page has\n\n' "$i" "$1"
	done
	[ "$2" = site ] && printf 'Our reporters cover the ridge towns every day of the year\n'
	return 0
}
entries() { sed -n 3p "$1" | cut -d' ' -f2; }
st=$tmp/site.state
for p in $(seq 1 12); do page "a$p" site > "$tmp/a$p.txt"; done
for p in $(seq 1 10); do page "b$p" none > "$tmp/b$p.txt"; done

# 12 pages: 2 site lines in 12 documents and 156 lines in one.
"$prog" -s "$st" --state-max=100 "$tmp"/a*.txt > /dev/null
check "158 lines trimmed to 100 keep 100" test "$(entries "$st")" = 100
check "the site lines are kept, with their counts" test "$(grep -c ' 12 1$' "$st")" = 2
# A run that brings 130 new lines and not the site lines.
"$prog" -s "$st" --state-max=100 "$tmp"/b*.txt > /dev/null
check "a later run keeps 100" test "$(entries "$st")" = 100
check "the site lines outlive a run that did not see them" test "$(grep -c ' 12 1$' "$st")" = 2
page c1 site > "$tmp/c1.txt"
"$prog" -s "$st" --state-max=100 -e "$tmp/c1.txt" > "$tmp/out"
check "the next run finds them recurring" test "$(grep -c "$(printf '\trecurring\t')" "$tmp/out")" = 2
# Of the lines seen once, the newest stay: those of the last run.
check "the oldest single lines went first" test "$(grep -c ' 1 3$' "$st")/$(grep -c ' 1 1$' "$st")" = 13/0
