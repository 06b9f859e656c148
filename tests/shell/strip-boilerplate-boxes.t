#!/bin/bash
# strip-boilerplate: an article broken by boxes (a menu of 144 lines after
# every six paragraphs) comes back below sixteen of them, not below more:
# each box costs a search of the rest of the page, and the bound keeps the
# decoding of a huge document linear.
. "$(dirname "$0")/tap.sh"
prog=$SAFI_BUILD/strip-boilerplate
echo 1..3

# gen SECTIONS: a headline, then sections of six paragraphs of 45 words
# (a fixed pseudo-random sequence), each followed by the box.
gen() {
	awk -v sections="$1" 'BEGIN {
		split("market council river school budget teachers city water plan vote mayor street the of and to in a that is for on was with the of and to in a that is for on was with", w, " ")
		split("Share Tweet Email Print Home News Sport Menu Login Subscribe Contact About Help Jobs Ads Terms Privacy Cookies", m, " ")
		s = 7
		print "A headline about the council budget vote"; print ""
		for (k = 1; k <= sections; k++) {
			for (p = 1; p <= 6; p++) {
				line = "Section " k " says"
				for (x = 0; x < 45; x++) {
					s = (s * 1103515245 + 12345) % 2147483648
					line = line " " w[int(s / 65536) % 36 + 1]
				}
				print line "."; print ""
			}
			for (x = 0; x < 144; x++) print m[x % 18 + 1]
			print ""
		}
	}'
}
gen 20 > "$tmp/page.txt"
"$prog" -e "$tmp/page.txt" > "$tmp/explain"
kept=$(awk -F'\t' '$2 == "keep" && $4 ~ /^Section/ { split($4, f, " "); print f[2] }' "$tmp/explain" | sort -un | tr '\n' ' ')
check "the article comes back below sixteen boxes" test "$kept" = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 "
check "and not below the seventeenth" \
	test "$(awk -F'\t' '$4 ~ /^Section (18|19|20) / { print $2, $3 }' "$tmp/explain" | sort -u)" = "drop tail"
check "no menu line is kept" test "$(awk -F'\t' '$2 == "keep" && $4 !~ /^(Section|A headline)/' "$tmp/explain" | wc -l)" = 0
