#!/bin/bash
# examples/slurm/steps.sh, the steps that submit.sh runs on Slurm and
# scale-out-hosts.sh over ssh hosts, here on this machine alone
# (scale-out-hosts.sh with the sshlogin ':'): the shards' outputs are one
# process's, and a failure is loud and leaves nothing in place.  make
# check-scale runs the same on real engines.
. "$(dirname "$0")/tap.sh"
. "$top/tests/scale/lib.sh"
export PATH=$SAFI_BUILD:$PATH
steps=$top/examples/slurm/steps.sh
run=$top/examples/scale-out-hosts.sh
echo 1..11

make_page_shards "$tmp/pages"
one_process_text "$tmp/pages" "$tmp/one"
sh "$run" "$tmp/pages" "$tmp/out" : > /dev/null 2> "$tmp/err"
check "four directories of pages: exit 0" test $? = 0
check "clean.txt and terms.tsv are one process's" \
	eval 'cmp -s "$tmp/out/clean.txt" "$tmp/one/clean.txt" && cmp -s "$tmp/out/terms.tsv" "$tmp/one/terms.tsv"'
check "the statistics sum to one process's" same_stats "$tmp/out/stats.json" "$tmp/one" 4 2
# The last shard's copy of a page of the first shard goes, as in one
# process: dedup decided over the shards, not in each.
check "a copy in shard 3 of a page in shard 0 is dropped" \
	eval 'jq -e ".dedup.documents_dropped_near == 1 and .dedup.documents_kept == 14" "$tmp/out/stats.json" > /dev/null &&
	      ! grep -q "لجنة التسعير تقر زيادة جديدة" "$tmp/out/clean.txt" &&
	      grep -q "^near 5 .*/strip/0:1\$" "$tmp/out/work/verdicts"'

make_jsonl_shards "$tmp/jsonl"
one_process_jsonl "$tmp/jsonl" "$tmp/one-jsonl"
sh "$run" "$tmp/jsonl" "$tmp/out-jsonl" : > /dev/null 2> "$tmp/err"
check "compressed JSON Lines shards: one process's records, terms and statistics" \
	eval 'cmp -s "$tmp/out-jsonl/clean.jsonl" "$tmp/one-jsonl/clean.jsonl" &&
	      cmp -s "$tmp/out-jsonl/terms.tsv" "$tmp/one-jsonl/terms.tsv" &&
	      same_stats "$tmp/out-jsonl/stats.json" "$tmp/one-jsonl" 4 0'
check "... without the copy's record" \
	eval '[ "$(wc -l < "$tmp/out-jsonl/clean.jsonl")" = 14 ] && ! grep -q 15-ar-fuel-prices-copy "$tmp/out-jsonl/clean.jsonl"'

sh "$steps" > /dev/null 2>&1
check "steps.sh without a step: usage, exit 2" test $? = 2
sh "$steps" plan "$tmp/w" "$tmp/pages" && sh "$steps" merge "$tmp/w" > /dev/null 2> "$tmp/err"
st=$?
check "merge before learn: exit 1, says which shard" \
	eval 'test $st = 1 && grep -q "shard 0 has not counted its lines" "$tmp/err"'
sh "$steps" dedup "$tmp/w" > /dev/null 2> "$tmp/err"
st=$?
check "dedup before strip: exit 1, says which shard" \
	eval 'test $st = 1 && grep -q "shard 0 has no signatures (run strip)" "$tmp/err" && test ! -e "$tmp/w/verdicts"'
cp -r "$tmp/pages" "$tmp/bad"
printf 'not gzip at all' | gzip | head -c 20 > "$tmp/bad/e.txt.gz"
cp -r "$tmp/out" "$tmp/out-before"
sh "$run" "$tmp/bad" "$tmp/out" : > /dev/null 2> "$tmp/err"
st=$?
check "a cut shard: exit 1, the shard named" \
	eval 'test $st = 1 && grep -q "e.txt.gz" "$tmp/err"'
check "a cut shard: the outputs of the run before are kept" \
	eval 'cmp -s "$tmp/out/clean.txt" "$tmp/out-before/clean.txt" && cmp -s "$tmp/out/terms.tsv" "$tmp/out-before/terms.tsv"'
