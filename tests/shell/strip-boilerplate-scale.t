#!/bin/bash
# strip-boilerplate across parts of a corpus: states counted apart add up
# (--merge-states) to the state of one run, in any order and grouping, and
# parts judged with it (--frozen) give the text of one run; the failures of
# both are loud and lose nothing.
. "$(dirname "$0")/tap.sh"
prog=$SAFI_BUILD/strip-boilerplate
echo 1..14

# Six pages of two sites; each site's pages share a masthead and a footer.
page() {
	printf '%s\n\n' "$1 Daily"
	printf 'Story %s: the council met on the %s of the month and agreed on a plan for the harbour.\n\n' "$2" "$2"
	printf 'The plan, which takes %s years, was welcomed by the traders of the old market.\n\n' "$2"
	printf 'All rights reserved by %s Daily and its partners\n' "$1"
}
for i in 1 2 3; do page North "$i" > "$tmp/n$i.txt"; page South "$((i + 3))" > "$tmp/s$i.txt"; done
all="$tmp/n1.txt $tmp/n2.txt $tmp/n3.txt $tmp/s1.txt $tmp/s2.txt $tmp/s3.txt"

# One run over everything, and three parts counted apart.
"$prog" -s "$tmp/one" $all > /dev/null
"$prog" -s "$tmp/p1" "$tmp/n1.txt" "$tmp/n2.txt" > /dev/null
"$prog" -s "$tmp/p2" "$tmp/n3.txt" "$tmp/s1.txt" > /dev/null
"$prog" -s "$tmp/p3" "$tmp/s2.txt" "$tmp/s3.txt" > /dev/null
"$prog" --merge-states "$tmp/p1" "$tmp/p2" "$tmp/p3" > "$tmp/sum"
check "the parts' states add up to the state of one run" cmp -s "$tmp/sum" "$tmp/one"
"$prog" --merge-states "$tmp/p3" "$tmp/p1" "$tmp/p2" | cmp -s - "$tmp/one"
check "in any order" test $? = 0
"$prog" --merge-states "$tmp/p2" "$tmp/p3" > "$tmp/p23"
"$prog" --merge-states "$tmp/p23" "$tmp/p1" | cmp -s - "$tmp/one"
check "and any grouping" test $? = 0

# Judged with the sum, the parts give the text of one run judged with it.
"$prog" --frozen -s "$tmp/one" $all > "$tmp/one.out"
for p in "$tmp/n1.txt $tmp/n2.txt" "$tmp/n3.txt $tmp/s1.txt" "$tmp/s2.txt $tmp/s3.txt"; do
	# shellcheck disable=SC2086
	"$prog" --frozen -s "$tmp/sum" $p
	printf '\f\n'
done | head -c -2 > "$tmp/parts.out"
check "the parts judged --frozen are one run's text" cmp -s "$tmp/parts.out" "$tmp/one.out"
check "the masthead and the footer are recurring on the first page already" \
	test "$("$prog" --frozen -s "$tmp/one" -e "$tmp/n1.txt" | grep -c recurring)" = 2
# shellcheck disable=SC2086
check "a run that learns as it reads keeps them on the first page" \
	test "$("$prog" -e $all | sed '/^\f$/q' | grep -c recurring)" = 0
cp "$tmp/one" "$tmp/frozen"
"$prog" --frozen -s "$tmp/frozen" "$tmp/n1.txt" > /dev/null
check "--frozen leaves the state as it was" cmp -s "$tmp/frozen" "$tmp/one"
check "--frozen takes no lock" test ! -e "$tmp/frozen.lock"

# Failures.
"$prog" --frozen "$tmp/n1.txt" > /dev/null 2> "$tmp/err"
check "--frozen without --state is a usage error" test $? = 2
"$prog" --frozen -s "$tmp/missing" "$tmp/n1.txt" > "$tmp/out" 2> "$tmp/err"
check "--frozen on a missing state exits 2 before any input, naming it" \
	test $? = 2 -a ! -s "$tmp/out" -a "$(grep -c "$tmp/missing" "$tmp/err")" = 1
"$prog" --merge-states > /dev/null 2>&1
check "--merge-states with no state file is a usage error" test $? = 2
"$prog" --merge-states -s "$tmp/x" "$tmp/p1" > /dev/null 2>&1
check "--merge-states with --state is a usage error" test $? = 2
head -c -20 "$tmp/p2" > "$tmp/cut"
"$prog" --merge-states "$tmp/p1" "$tmp/cut" "$tmp/p3" > "$tmp/out" 2> "$tmp/err"
check "a cut state in --merge-states: exit 1, nothing written, the file named" \
	test $? = 1 -a ! -s "$tmp/out" -a "$(grep -c "$tmp/cut: bad state file" "$tmp/err")" = 1
"$prog" --merge-states "$tmp/p1" "$tmp/nonexistent" > "$tmp/out" 2> "$tmp/err"
check "a missing state in --merge-states: exit 1, nothing written" \
	test $? = 1 -a ! -s "$tmp/out"
