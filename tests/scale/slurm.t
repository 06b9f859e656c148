#!/bin/bash
# examples/slurm on a real Slurm cluster: a one-node cluster (munged,
# slurmctld, slurmd) started here, the example corpus cut into shards,
# submit.sh's six jobs, and their output byte for byte one process's.
. "$(dirname "$0")/../shell/tap.sh"
. "$top/tests/scale/engines.sh"
. "$top/tests/scale/lib.sh"
export PATH=$SAFI_BUILD:$PATH
submit=$top/examples/slurm/submit.sh
echo 1..14
why=$(engines_skip_reason)
if [ -n "$why" ]; then
	for i in $(seq 1 14); do echo "ok $i # SKIP $why"; done
	exit 0
fi
chmod 755 "$tmp"
trap 'slurm_stop "$tmp/cluster"; rm -rf "$tmp"' EXIT
if slurm_start "$tmp/cluster"; then
	ok "a one-node cluster starts"
else
	notok "a one-node cluster starts" "$(tail -n 5 "$tmp"/cluster/log/* "$tmp"/cluster/munge/log 2>&1)"
fi

# Four directories of pages, the last with a copy of a page of the first.
make_page_shards "$tmp/pages"
start=$(date +%s.%N)
one_process_text "$tmp/pages" "$tmp/one"
one=$(printf %.1f "$(echo "$(date +%s.%N) - $start" | bc)")
start=$(date +%s.%N)
sh "$submit" --wait "$tmp/pages" "$tmp/out" > "$tmp/jobid" 2> "$tmp/err"
check "the six jobs complete" test $? = 0
printf "# wall clock: %.1f s on the cluster, %s s in one process\n" "$(echo "$(date +%s.%N) - $start" | bc)" "$one"
check "clean.txt is one process's" cmp -s "$tmp/out/clean.txt" "$tmp/one/clean.txt"
check "terms.tsv is one process's" cmp -s "$tmp/out/terms.tsv" "$tmp/one/terms.tsv"
check "the statistics sum to one process's" same_stats "$tmp/out/stats.json" "$tmp/one" 4 2
check "the sum of the shards' states is one process's" \
	cmp -s "$tmp/out/work/boilerplate.state" "$tmp/one/state"
check "the copy in the last shard is dropped, as by one process" \
	eval 'jq -e ".dedup.documents_dropped_near == 1" "$tmp/out/stats.json" > /dev/null'
cp -r "$tmp/out" "$tmp/first"
sh "$submit" --wait "$tmp/pages" "$tmp/out" > /dev/null 2>&1
check "submitted again over the same shards: the same bytes" \
	eval 'cmp -s "$tmp/out/clean.txt" "$tmp/first/clean.txt" &&
	      cmp -s "$tmp/out/terms.tsv" "$tmp/first/terms.tsv" &&
	      cmp -s "$tmp/out/stats.json" "$tmp/first/stats.json"'

# Compressed JSON Lines shards.
make_jsonl_shards "$tmp/jsonl"
one_process_jsonl "$tmp/jsonl" "$tmp/one-jsonl"
sh "$submit" --wait "$tmp/jsonl" "$tmp/out-jsonl" > /dev/null 2> "$tmp/err"
check "gzip, zstd, xz and plain JSON Lines shards: the jobs complete" test $? = 0
check "clean.jsonl is one process's" cmp -s "$tmp/out-jsonl/clean.jsonl" "$tmp/one-jsonl/clean.jsonl"
check "and terms.tsv" cmp -s "$tmp/out-jsonl/terms.tsv" "$tmp/one-jsonl/terms.tsv"
check "and the statistics" same_stats "$tmp/out-jsonl/stats.json" "$tmp/one-jsonl" 4 0

# A shard that cannot be read: a task fails, the jobs after it are
# cancelled, and nothing is renamed into place.
cp -r "$tmp/pages" "$tmp/bad"
printf 'not gzip at all' | gzip | head -c 20 > "$tmp/bad/e.txt.gz"
sh "$submit" --wait "$tmp/bad" "$tmp/out-bad" > /dev/null 2> "$tmp/err"
st=$?
sed "s/^/# /" "$tmp/err"
check "a failed task: submit.sh --wait exits 1 and names the failed job" \
	eval 'test $st = 1 && grep -q "safi-learn): FAILED" "$tmp/err" && grep -q "safi-reduce): CANCELLED" "$tmp/err"'
check "a failed task: no output is renamed into place" \
	eval 'test ! -e "$tmp/out-bad/clean.txt" && test ! -e "$tmp/out-bad/terms.tsv"'
