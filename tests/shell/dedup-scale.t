#!/bin/bash
# dedup scale-out: map (--signatures) per shard, one merge (--merge), a
# filter (--verdicts) per shard; the filters' outputs concatenated in shard
# order are byte for byte one process's, whatever the order and grouping of
# the merge's signature files; damaged or mismatched files are refused.
. "$(dirname "$0")/tap.sh"
prog=$SAFI_BUILD/dedup
. "$top/tests/shell/dedup-corpus.sh"
echo 1..22

# Shards 3, 10 and 20 (numbers need not follow each other), cut at
# documents; the JSON Lines version cut at lines.
dedup_corpus 400 > "$tmp/all.txt"
awk -v dir="$tmp" 'BEGIN { split("3 10 20", s, " "); f = 1 }
	{ print > (dir "/part" s[f] ".txt") } /^\f$/ && ++d % 150 == 0 { f++ }' "$tmp/all.txt"
dedup_corpus 400 jsonl > "$tmp/all.jsonl"
awk -v dir="$tmp" 'BEGIN { split("3 10 20", s, " ") }
	{ print > (dir "/part" s[int((NR - 1) / 150) + 1] ".jsonl") }' "$tmp/all.jsonl"
shards="3 10 20"

# scale EXT OPTIONS...: map, merge (arguments in reverse order), and filter
# in the modes keep, --invert, --explain; compared with one process.
scale() {
	ext=$1
	shift
	files=""
	for s in $shards; do
		"$prog" "$@" --signatures --shard=$s "$tmp/part$s.$ext" > "$tmp/$s.sig" || return 1
		files="$tmp/$s.sig $files"
	done
	"$prog" "$@" --merge $files > "$tmp/verdicts" || return 1
	for mode in "" --invert --explain; do
		for s in $shards; do
			"$prog" "$@" $mode --verdicts="$tmp/verdicts" --shard=$s "$tmp/part$s.$ext" || return 1
		done > "$tmp/scaled"
		all=""
		for s in $shards; do all="$all $tmp/part$s.$ext"; done
		"$prog" "$@" $mode $all > "$tmp/one"
		if ! cmp -s "$tmp/scaled" "$tmp/one"; then
			echo "# differs: $ext $* $mode"
			return 1
		fi
	done
}
check "text: the filters give one process's bytes (kept, --invert, --explain)" eval 'scale txt'
check "text with --paragraphs" eval 'scale txt --paragraphs=5'
check "--jsonl" eval 'scale jsonl --jsonl'
check "--jsonl with --paragraphs" eval 'scale jsonl --jsonl --paragraphs=5'
check "other fingerprint options alike" eval 'scale txt --shingle=3 --hashes=64 --bands=16'
check "the verdicts hold drops" eval 'grep -q "^near " "$tmp/verdicts" && grep -q "^exact " "$tmp/verdicts"'

# The filters' --stats, summed field by field, are one process's.
if command -v jq > /dev/null; then
	for s in $shards; do
		"$prog" --paragraphs=5 --signatures --shard=$s "$tmp/part$s.txt" > "$tmp/$s.sig"
	done
	"$prog" --paragraphs=5 --merge "$tmp"/*.sig > "$tmp/sverdicts"
	for s in $shards; do
		"$prog" --paragraphs=5 --verdicts="$tmp/sverdicts" --shard=$s \
		    --stats="$tmp/stats.$s" "$tmp/part$s.txt" > /dev/null
	done
	"$prog" --paragraphs=5 --stats="$tmp/stats.one" "$tmp"/part3.txt "$tmp"/part10.txt \
	    "$tmp"/part20.txt > /dev/null
	jq -cS -s 'reduce (.[] | to_entries[]) as $e ({}; .[$e.key] += $e.value)' \
	    "$tmp"/stats.3 "$tmp"/stats.10 "$tmp"/stats.20 > "$tmp/stats.sum"
	jq -cS . "$tmp/stats.one" > "$tmp/stats.want"
	check "the filters' --stats add up to one process's" eval \
	    'cmp -s "$tmp/stats.sum" "$tmp/stats.want" && jq -e ".documents_dropped_near > 0 and .paragraphs_dropped > 0" "$tmp/stats.one" > /dev/null'
else
	check "# SKIP jq not installed" true
fi

# The merge's argument order does not matter.
for s in $shards; do
	"$prog" --signatures --shard=$s "$tmp/part$s.txt" > "$tmp/$s.sig"
done
"$prog" --merge "$tmp/3.sig" "$tmp/10.sig" "$tmp/20.sig" > "$tmp/v1"
"$prog" --merge "$tmp/20.sig" "$tmp/3.sig" "$tmp/10.sig" > "$tmp/v2"
check "merge in any argument order: the same verdicts" eval '[ -s "$tmp/v1" ] && cmp -s "$tmp/v1" "$tmp/v2"'
# Nor their grouping: files put together with cat, their sections in any
# order, compressed or not.
cat "$tmp/20.sig" "$tmp/3.sig" > "$tmp/20-3.sig"
gzip -c "$tmp/10.sig" > "$tmp/10.sig.gz"
"$prog" --merge "$tmp/10.sig.gz" "$tmp/20-3.sig" > "$tmp/v3"
cat "$tmp/10.sig" "$tmp/20-3.sig" > "$tmp/all.sig"
"$prog" --merge "$tmp/all.sig" > "$tmp/v4"
check "merge of files grouped with cat, in any order: the same verdicts" \
	eval 'cmp -s "$tmp/v1" "$tmp/v3" && cmp -s "$tmp/v1" "$tmp/v4"'

# GNU parallel --pipe, as dedup(1) shows it: blocks cut after form-feed
# lines, the job numbers as shards; the filters' output, in order, is one
# process's.
if command -v parallel > /dev/null; then
	recend=$(printf '\f\nx')
	recend=${recend%x}
	mkdir "$tmp/psig"
	parallel --pipe --recend "$recend" --block 40k -j 2 --halt now,fail=1 \
	    "'$prog' --signatures --shard={#} > '$tmp/psig'/{#}.sig" < "$tmp/all.txt"
	"$prog" --merge "$tmp"/psig/*.sig > "$tmp/pverdicts"
	parallel --pipe -k --recend "$recend" --block 40k -j 2 --halt now,fail=1 \
	    "'$prog' --verdicts='$tmp/pverdicts' --shard={#}" < "$tmp/all.txt" > "$tmp/pout"
	"$prog" "$tmp/all.txt" > "$tmp/one"
	check "GNU parallel --pipe: several blocks, one process's bytes" eval \
	    '[ "$(ls "$tmp/psig" | wc -l)" -gt 2 ] && cmp -s "$tmp/pout" "$tmp/one"'
else
	check "# SKIP GNU parallel (Debian package parallel) not installed" true
fi

# The merge keeps the state: two nights of map-merge-filter are two
# nights of one process with --state.
for night in 1 2; do
	s=$((night * 10))
	"$prog" --signatures --shard=$s "$tmp/part$s.txt" > "$tmp/n$night.sig"
	"$prog" --merge -s "$tmp/merge.state" "$tmp/n$night.sig" > "$tmp/n$night.verdicts"
	"$prog" -e --verdicts="$tmp/n$night.verdicts" --shard=$s "$tmp/part$s.txt"
done > "$tmp/scaled"
for night in 1 2; do
	"$prog" -e -s "$tmp/one.state" "$tmp/part$((night * 10)).txt"
done > "$tmp/one"
check "merge with --state: as one process with --state" eval 'cmp -s "$tmp/scaled" "$tmp/one"'
check "merge with --state: the same state" eval 'cmp -s "$tmp/merge.state" "$tmp/one.state"'

# A map step whose input failed writes no end line; the merge refuses its
# file and writes no end line either, so no filter takes the verdicts.
"$prog" --signatures --shard=1 "$tmp/part3.txt" "$tmp/no-such-file" > "$tmp/bad.sig" 2> "$tmp/err"; s=$?
check "failed map: exit 1, no end line" eval '[ $s = 1 ] && ! grep -q "^end " "$tmp/bad.sig"'
"$prog" --merge "$tmp/10.sig" "$tmp/bad.sig" > "$tmp/bad.verdicts" 2> "$tmp/err"; s=$?
check "merge of a cut signature file: exit 1, named" eval '[ $s = 1 ] && grep -q "bad.sig.*truncated" "$tmp/err" && ! grep -q "^end " "$tmp/bad.verdicts"'
"$prog" --verdicts="$tmp/bad.verdicts" --shard=10 "$tmp/part10.txt" > /dev/null 2> "$tmp/err"; s=$?
check "filter with cut verdicts: exit 2 (a file an option names)" eval '[ $s = 2 ] && grep -q "bad.verdicts" "$tmp/err"'

# Mismatches: other input for a shard (shard 20's 100 documents where the
# verdicts hold shard 10's 150), two files of one shard, other fingerprint
# options, a shard the verdicts do not hold.
"$prog" --verdicts="$tmp/v1" --shard=10 "$tmp/part20.txt" > /dev/null 2> "$tmp/err"; s=$?
check "filter over other input: exit 1, says why" eval '[ $s = 1 ] && grep -q "v1:[0-9]*: verdicts on documents past the end of the shard" "$tmp/err"'
cp "$tmp/10.sig" "$tmp/10b.sig"
"$prog" --merge "$tmp/10.sig" "$tmp/10b.sig" > /dev/null 2> "$tmp/err"; s=$?
check "two files of one shard: exit 1, both named" eval '[ $s = 1 ] && grep -q "10.sig and .*10b.sig are both shard 10" "$tmp/err"'
cat "$tmp/10.sig" "$tmp/3.sig" "$tmp/10.sig" > "$tmp/10-3-10.sig"
"$prog" --merge "$tmp/10-3-10.sig" > "$tmp/out" 2> "$tmp/err"; s=$?
check "one file holding a shard twice: exit 1, named, no verdicts" \
	eval '[ $s = 1 ] && grep -q "10-3-10.sig holds shard 10 twice" "$tmp/err" && [ ! -s "$tmp/out" ]'
{ cat "$tmp/3.sig"; head -c 300 "$tmp/10.sig"; } > "$tmp/3-cut.sig"
"$prog" --merge "$tmp/3-cut.sig" > "$tmp/out" 2> "$tmp/err"; s=$?
check "a group with a cut section: exit 1, the line named" \
	eval '[ $s = 1 ] && grep -q "3-cut.sig:[0-9]*: truncated" "$tmp/err" && [ ! -s "$tmp/out" ]'
"$prog" --merge - < "$tmp/3.sig" > /dev/null 2> "$tmp/err"; s=$?
check "standard input as a signature file: a usage error" \
	eval '[ $s = 2 ] && grep -q "not from standard input" "$tmp/err"'
"$prog" --paragraphs --merge "$tmp/10.sig" > /dev/null 2> "$tmp/err"; s=$?
check "other fingerprint options: refused, named" eval '[ $s = 1 ] && grep -q "10.sig: not a usable signature file: made with other" "$tmp/err"'
"$prog" --verdicts="$tmp/v1" --shard=4 "$tmp/part3.txt" > /dev/null 2> "$tmp/err"; s=$?
check "a shard not in the verdicts: exit 2" eval '[ $s = 2 ] && grep -q "no shard 4 in the verdicts" "$tmp/err"'
