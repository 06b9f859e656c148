#!/bin/bash
# Every map step's output merges in any order and any grouping to the bytes
# one process writes: count-terms' partial counts (--merge), strip-
# boilerplate's states (--merge-states), dedup's signatures (put together
# with cat, then --merge) and the --stats files (summed with jq), each from
# six parts of the example corpus, merged in shuffled orders and random
# trees of partial merges.
. "$(dirname "$0")/tap.sh"
. "$top/tests/scale/lib.sh"
export PATH=$SAFI_BUILD:$PATH
echo 1..8
RANDOM=7  # the same shuffles every run

# Six parts of the example corpus, normalized, two or three pages each;
# the last holds another site's copy of a page of the first, for dedup.
pages=("$top"/examples/corpus/*.txt)
wire_copy > "$tmp/copy.txt"
for p in 0 1 2 3 4 5; do
	set --
	for ((i = p; i < ${#pages[@]}; i += 6)); do set -- "$@" "${pages[i]}"; done
	[ $p = 5 ] && set -- "$@" "$tmp/copy.txt"
	normalize --from=auto "$@" > "$tmp/part$p"
done
all=("$tmp"/part[0-5])

# merge_tree CMD OUT FILE...: merges FILEs with CMD (which reads its FILE
# arguments and writes the merge) as a random tree of partial merges, in a
# shuffled order, into OUT.
merge_tree() {
	local cmd=$1 out=$2 k=0
	shift 2
	local todo=("$@")
	while [ ${#todo[@]} -gt 1 ]; do
		# Take 2 or 3 random files off the list, merge them, put the
		# merge back at a random place.
		local take=$((2 + RANDOM % 2)) picked=() i j
		[ $take -gt ${#todo[@]} ] && take=${#todo[@]}
		for ((i = 0; i < take; i++)); do
			j=$((RANDOM % ${#todo[@]}))
			picked+=("${todo[j]}")
			todo=("${todo[@]:0:j}" "${todo[@]:j+1}")
		done
		k=$((k + 1))
		$cmd "${picked[@]}" > "$out.$k" || return 1
		j=$((RANDOM % (${#todo[@]} + 1)))
		todo=("${todo[@]:0:j}" "$out.$k" "${todo[@]:j}")
	done
	cp "${todo[0]}" "$out"
}

# stats_sum FILE...: the --stats files summed field by field.
stats_sum() {
	jq -s -S 'reduce (.[] | to_entries[]) as $e ({}; .[$e.key] += $e.value)' "$@"
}

# A CMD merges the six partials 20 times, each in another tree, and every
# result must be the bytes of WANT.
twenty_trees() {
	local cmd=$1 want=$2 prefix=$3 t
	shift 3
	for t in $(seq 1 20); do
		merge_tree "$cmd" "$tmp/$prefix-tree$t" "$@" || return 1
		cmp -s "$tmp/$prefix-tree$t" "$want" || return 1
	done
}

# count-terms: the parts counted apart, merged; one process over all.
for p in 0 1 2 3 4 5; do count-terms --ngrams=1-2 "$tmp/part$p" > "$tmp/terms$p"; done
count-terms --ngrams=1-2 "${all[@]}" > "$tmp/terms-one"
count-terms --merge "$tmp"/terms[0-5] > "$tmp/terms-all"
check "count-terms --merge of six parts is one process's count" cmp -s "$tmp/terms-all" "$tmp/terms-one"
check "in 20 shuffled trees of partial merges" \
	twenty_trees "count-terms --merge" "$tmp/terms-one" terms "$tmp"/terms[0-5]

# strip-boilerplate: the parts' states, added up.
for p in 0 1 2 3 4 5; do strip-boilerplate -s "$tmp/state$p" "$tmp/part$p" > /dev/null; done
strip-boilerplate -s "$tmp/state-one" "${all[@]}" > /dev/null
strip-boilerplate --merge-states "$tmp"/state[0-5] > "$tmp/state-all"
check "strip-boilerplate --merge-states of six parts is one run's state" \
	cmp -s "$tmp/state-all" "$tmp/state-one"
check "in 20 shuffled trees of partial merges" \
	twenty_trees "strip-boilerplate --merge-states" "$tmp/state-one" state "$tmp"/state[0-5]

# dedup: each part, stripped as in the README's pipeline, makes its
# signatures as shard N; groups of them put together with cat, some
# compressed, in random trees; a merge of the one file the tree ends in
# decides as the merge of the six files, and the filters with its verdicts
# give one process's output, the copy dropped.
for p in 0 1 2 3 4 5; do
	strip-boilerplate --min-docs=0 "$tmp/part$p" > "$tmp/stripped$p"
	dedup --signatures --shard=$p "$tmp/stripped$p" > "$tmp/sig$p"
done
dedup --merge "$tmp"/sig[0-5] > "$tmp/verdicts-want"
sig_group() {
	if [ $((RANDOM % 2)) = 1 ]; then zcat -f "$@" | gzip -n; else zcat -f "$@"; fi
}
grouped_merges() {
	local t
	for t in $(seq 1 20); do
		merge_tree sig_group "$tmp/sigs-tree$t" "$tmp"/sig[0-5] || return 1
		dedup --merge "$tmp/sigs-tree$t" > "$tmp/verdicts-tree$t" || return 1
		cmp -s "$tmp/verdicts-tree$t" "$tmp/verdicts-want" || return 1
	done
}
check "dedup's signatures grouped with cat in 20 shuffled trees: the verdicts of the six files" \
	grouped_merges
for p in 0 1 2 3 4 5; do
	dedup --verdicts="$tmp/verdicts-tree20" --shard=$p "$tmp/stripped$p"
done > "$tmp/dedup-got"
dedup "$tmp"/stripped[0-5] > "$tmp/dedup-one"
check "... and the filters with them give one process's output, the copy dropped" \
	eval 'cmp -s "$tmp/dedup-got" "$tmp/dedup-one" && grep -q "^near " "$tmp/verdicts-want"'

# --stats: split-sentences' counts of each part, summed.
for p in 0 1 2 3 4 5; do split-sentences --stats="$tmp/stats$p" "$tmp/part$p" > /dev/null; done
# One process reads the parts as six inputs and writes a form-feed line
# between them, 2 bytes for each of the 5, that the parts do not write.
split-sentences --stats="$tmp/stats-one" "${all[@]}" > /dev/null
jq -S '.bytes_out -= 10' "$tmp/stats-one" > "$tmp/stats-want"
stats_sum "$tmp"/stats[0-5] > "$tmp/stats-all"
check "the --stats of six parts sum to one process's" cmp -s "$tmp/stats-all" "$tmp/stats-want"
check "in 20 shuffled trees of partial sums" twenty_trees stats_sum "$tmp/stats-want" stats "$tmp"/stats[0-5]
