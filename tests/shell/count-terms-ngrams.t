#!/bin/bash
# count-terms --ngrams against a plain reference (awk over the words of
# each line) on a generated text with a skewed vocabulary: counts in the
# tens of thousands and counts of 1, keys of one machine word and of
# several (5-grams of a large vocabulary), document frequency, spilled
# runs, and a word in the middle of the text that folds to several words.
. "$(dirname "$0")/tap.sh"
ct="$SAFI_BUILD/count-terms"
echo 1..9

# Words w1 .. w149999 drawn log-uniformly, the most frequent last in byte
# order (w149999 is about 6% of all words), 1 to 30 to a line; ASCII
# words, so that ICU's words are awk's fields.
awk 'BEGIN {
	srand(29)
	for (l = 1; l <= 16000; l++) {
		k = 1 + int(rand() * 30)
		for (i = 1; i <= k; i++)
			printf "%sw%d", (i > 1 ? " " : ""), 150000 - int(exp(rand() * log(150000)))
		printf "\n"
	}
}' > "$tmp/text"

# ref MIN MAX [df]: count TAB n-gram, highest count first, ties by bytes
ref() {
	awk -v lo="$1" -v hi="$2" -v df="${3:-0}" '
	{
		if (df) delete seen
		for (i = 1; i <= NF; i++)
			for (m = lo; m <= hi && m <= i; m++) {
				g = $(i - m + 1)
				for (j = i - m + 2; j <= i; j++)
					g = g " " $j
				if (df && (g in seen))
					continue
				seen[g] = 1
				c[g]++
			}
	}
	END { for (g in c) print c[g] "\t" g }' | LC_ALL=C sort -t "$(printf '\t')" -k1,1nr -k2
}

ref 1 3 < "$tmp/text" > "$tmp/ref13"
"$ct" --bare --ngrams 1-3 "$tmp/text" > "$tmp/out13"
check "--ngrams 1-3 equals the reference" eval 'cmp -s "$tmp/ref13" "$tmp/out13"'
check "the reference holds counts over 4096 and counts of 1" \
	eval '[ "$(head -n 1 "$tmp/ref13" | cut -f 1)" -gt 4096 ] && [ "$(tail -n 1 "$tmp/ref13" | cut -f 1)" = 1 ]'

ref 2 5 < "$tmp/text" > "$tmp/ref25"
"$ct" --bare --ngrams 2-5 "$tmp/text" > "$tmp/out25"
check "--ngrams 2-5 (keys of several words) equals the reference" eval 'cmp -s "$tmp/ref25" "$tmp/out25"'

ref 2 2 1 < "$tmp/text" > "$tmp/ref2df"
"$ct" --bare --ngrams 2 --df --docs=line "$tmp/text" > "$tmp/out2df"
check "--ngrams 2 --df --docs=line equals the reference" eval 'cmp -s "$tmp/ref2df" "$tmp/out2df"'

mkdir "$tmp/spill"
TMPDIR="$tmp/spill" "$ct" --bare --ngrams 1-3 --max-memory 1M "$tmp/text" > "$tmp/spilled" 2> "$tmp/err"
check "--ngrams 1-3 --max-memory 1M equals the reference" eval 'cmp -s "$tmp/ref13" "$tmp/spilled"'
TMPDIR="$tmp/spill" "$ct" --bare --ngrams 1-2 --df --docs=line --max-memory 1M "$tmp/text" > "$tmp/spilled" 2> "$tmp/err"
ref 1 2 1 < "$tmp/text" > "$tmp/ref12df"
check "--ngrams 1-2 --df --max-memory 1M equals the reference" eval 'cmp -s "$tmp/ref12df" "$tmp/spilled"'

# U+FDFA is one word that NFKC makes four: from the line that holds it
# on, n-grams are counted as strings, and the counts stay exact.
lig=$(printf '\357\267\272')
words=$(printf '\330\265\331\204\331\211 \330\247\331\204\331\204\331\207 \330\271\331\204\331\212\331\207 \331\210\330\263\331\204\331\205')
awk -v lig="$lig" 'NR == 9000 { $3 = lig } NR == 12000 { $0 = lig " " $0 } { print }' "$tmp/text" > "$tmp/lig"
check "the word of U+FDFA comes after more than 100000 words" \
	eval '[ "$(head -n 8999 "$tmp/lig" | wc -w)" -gt 100000 ] && [ "$(grep -c "$lig" "$tmp/lig")" = 2 ]'
ref 1 3 < "$tmp/lig" | sed "s/$lig/$words/g" | LC_ALL=C sort -t "$(printf '\t')" -k1,1nr -k2 > "$tmp/reflig"
"$ct" --bare --ngrams 1-3 --form=nfkc "$tmp/lig" > "$tmp/outlig"
check "--ngrams 1-3 --form=nfkc with a word that folds to four" eval 'cmp -s "$tmp/reflig" "$tmp/outlig"'
TMPDIR="$tmp/spill" "$ct" --bare --ngrams 1-3 --form=nfkc --max-memory 1M "$tmp/lig" > "$tmp/spilled" 2> "$tmp/err"
check "the same with --max-memory 1M" eval 'cmp -s "$tmp/reflig" "$tmp/spilled"'
