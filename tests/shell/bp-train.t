#!/bin/bash
# tools/bp-train on two small labelled sets written here:
#  - the rules' line and character F1 it prints are those of
#    strip-boilerplate's own verdicts against the labels;
#  - -V measures each set on a model trained on the other ones, then the
#    halves of every set;
#  - with every reason's verdict standing (-k), the model is the rules;
#  - bad arguments are usage errors, a missing folder an error.
. "$(dirname "$0")/tap.sh"
prog=$SAFI_BUILD/tools/bp-train
sb=$SAFI_BUILD/strip-boilerplate
echo 1..10

data=$tmp/data
mkdir -p "$data/news" "$data/blog"
# page FILE LABELS: the page from stdin, its labels one letter a line
page() { cat > "$1.txt"; printf '%s\n' $2 > "$1.labels"; }

page "$data/news/p1" "B - C - C - B - C - B B B B" <<'EOF'
Home | World | Sport | Weather

Harbour town opens its new ferry terminal after three years of building work

The new terminal on the east quay was opened on Monday morning by the mayor, who thanked the builders and the families who had waited so long for it.

It can handle four ferries at once, twice as many as the old pier, and the council says that the waiting times in the summer should fall by half.

Local traders said that they hoped the extra visitors would stay in the town for a meal or a night rather than drive straight through to the hills.

Share this article
Read more
Rain expected across the region tomorrow
Copyright 2024 Harbour Weekly
EOF
page "$data/news/p2" "B B - C - C - C - C - C B" <<'EOF'
Menu
Search

School garden wins the county prize for the second year

Pupils at the village school have won the county garden prize again, with a plot of beans, herbs and flowers that they planted and watered themselves.

Their teacher said the children had learned more about patience than about plants, and that the prize money would buy a small greenhouse for the winter.

The judges praised the way the older pupils had taught the younger ones to look after the beds during the long dry weeks of the summer holidays.

Follow us on social media
Related stories
EOF
page "$data/blog/q1" "B B - C - C - C - C - B C" <<'EOF'
My notebook
About me

How I learned to bake bread at home

For years I bought my bread at the shop, until a friend showed me that a simple loaf needs only flour, water, salt, yeast and some time on a quiet afternoon.

The first loaves were flat and heavy, but after a few weeks of practice they rose well, and now the smell of the oven is the best part of my weekend.

If you want to try it, start with a small loaf and do not worry when it goes wrong, because every loaf teaches you something about the dough.

Posted in Cooking
Leave a comment
EOF
page "$data/blog/q2" "C B - C - C - C - C - B B" <<'EOF'
Archive
Tags

A walk along the old canal path

On a bright morning we walked the old canal path from the mill to the lock, a distance of about six miles, and met only a few cyclists on the way.

The path is flat and easy, and there are benches every mile or so where you can rest and watch the boats go slowly past the fields and the farms.

We stopped for lunch at the lock keeper's cottage, which is now a small cafe that serves soup and sandwiches to walkers at the weekends.

Newer post
Older post
EOF

# The line and character F1 of strip-boilerplate's verdicts on SET, as
# the evaluation counts them (characters: the non-blank ones; the text is
# ASCII).
expected() {
	for f in "$data/$1"/*.txt; do
		"$sb" --explain --min-docs=0 "$f" | cut -f2,4 | paste "${f%.txt}.labels" -
	done | awk -F'\t' '
		$1 != "C" && $1 != "B" { next }
		{ t = $3; c = gsub(/[^ \t]/, "", t); k = $2 == "keep" }
		k && $1 == "C" { tp++; ctp += c } k && $1 == "B" { fp++; cfp += c }
		!k && $1 == "C" { fn++; cfn += c }
		END { printf "%.3f / %.3f\n", 2 * tp / (2 * tp + fp + fn), 2 * ctp / (2 * ctp + cfp + cfn) }'
}
# The rules' and the model's columns of the row of SET in a table.
rules_of() { awk -F' [|] ' -v s="| $1" '$1 == s { print $3 }' "$2"; }
model_of() { awk -F' [|] ' -v s="| $1" '$1 == s { print $4 }' "$2"; }

"$prog" "$data" > "$tmp/in" 2> "$tmp/err"; st=$?
check "in sample: exit 0, a row per set" eval '[ $st = 0 ] && [ "$(grep -c "in sample" "$tmp/in")" = 2 ]'
e_news=$(expected news) e_blog=$(expected blog)
check "the rules' F1 are strip-boilerplate's (news $e_news, blog $e_blog)" eval \
	'[ "$(rules_of news "$tmp/in")" = "$e_news" ] && [ "$(rules_of blog "$tmp/in")" = "$e_blog" ]'
check "the labels disagree with the rules somewhere" eval '[ "$e_news" != "1.000 / 1.000" ] && [ "$e_blog" != "1.000 / 1.000" ]'

"$prog" -V -r 5 "$data" > "$tmp/v" 2> "$tmp/err"; st=$?
check "-V: each set measured on the other one" eval '[ $st = 0 ] &&
	grep -q "^| news | the other sets" "$tmp/v" && grep -q "^| blog | the other sets" "$tmp/v"'
check "-V: and the halves of every set, both ways" eval \
	'[ "$(grep -c "half [01] of every set" "$tmp/v")" = 4 ]'

reasons=$(printf '%s,' blank body text heading title standfirst phrase \
	marker after-marker caption credit date url copyright symbols duplicate recurring head tail \
	no-body inline-marker context menu teaser table list invisible thread)
"$prog" -V -r 5 -k "${reasons%,}" "$data" > "$tmp/k" 2> "$tmp/err"; st=$?
check "-k every reason: the model is the rules" eval '[ $st = 0 ] &&
	[ "$(model_of news "$tmp/k")" = "$(rules_of news "$tmp/k")" ] &&
	[ "$(model_of blog "$tmp/k")" = "$(rules_of blog "$tmp/k")" ]'

"$prog" -k nonesuch "$data" > /dev/null 2> "$tmp/err"; st=$?
check "-k with an unknown reason: exit 2, named" eval '[ $st = 2 ] && grep -q "no such reason: nonesuch" "$tmp/err"'
"$prog" -x nonesuch "$data" > /dev/null 2> "$tmp/err"; st=$?
check "-x with an unknown feature: exit 2, named" eval '[ $st = 2 ] && grep -q "no such feature: nonesuch" "$tmp/err"'
"$prog" > /dev/null 2> "$tmp/err"; st=$?
check "no DATADIR: exit 2" eval '[ $st = 2 ] && [ -s "$tmp/err" ]'
"$prog" -s news,missing "$data" > /dev/null 2> "$tmp/err"; st=$?
check "a missing set: exit 1, named" eval '[ $st = 1 ] && grep -q "cannot open: .*missing" "$tmp/err"'
