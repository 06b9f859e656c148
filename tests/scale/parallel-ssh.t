#!/bin/bash
# examples/scale-out-hosts.sh with GNU parallel over two ssh hosts: an sshd
# on 127.0.0.1 started here with keys made here, the hosts host1 and host2
# sharing this machine's storage, and the output byte for byte one
# process's.
. "$(dirname "$0")/../shell/tap.sh"
. "$top/tests/scale/engines.sh"
. "$top/tests/scale/lib.sh"
export PATH=$SAFI_BUILD:$PATH
run=$top/examples/scale-out-hosts.sh
echo 1..10
why=$(engines_skip_reason)
if [ -n "$why" ]; then
	for i in $(seq 1 10); do echo "ok $i # SKIP $why"; done
	exit 0
fi
trap 'sshd_stop "$tmp/ssh"; rm -rf "$tmp"' EXIT
if sshd_start "$tmp/ssh"; then
	ok "an sshd on 127.0.0.1 answers as host1 and host2"
else
	notok "an sshd on 127.0.0.1 answers as host1 and host2" "$(tail -n 5 "$tmp/ssh/ssh/log" 2>&1)"
fi
export PARALLEL_SSH="ssh -F $tmp/ssh/ssh_config"

make_page_shards "$tmp/pages"
start=$(date +%s.%N)
one_process_text "$tmp/pages" "$tmp/one"
one=$(printf %.1f "$(echo "$(date +%s.%N) - $start" | bc)")
start=$(date +%s.%N)
sh "$run" "$tmp/pages" "$tmp/out" 1/host1,1/host2 > /dev/null 2> "$tmp/err"
st=$?
printf "# wall clock: %.1f s on two ssh hosts, %s s in one process\n" "$(echo "$(date +%s.%N) - $start" | bc)" "$one"
check "the jobs run on host1 and host2" eval 'test $st = 0 && test "$(grep -c "Accepted publickey" "$tmp/ssh/ssh/log")" -ge 2'
check "clean.txt is one process's" cmp -s "$tmp/out/clean.txt" "$tmp/one/clean.txt"
check "terms.tsv is one process's" cmp -s "$tmp/out/terms.tsv" "$tmp/one/terms.tsv"
check "the statistics sum to one process's" same_stats "$tmp/out/stats.json" "$tmp/one" 4 2
check "the copy in the last shard is dropped, as by one process" \
	eval 'jq -e ".dedup.documents_dropped_near == 1" "$tmp/out/stats.json" > /dev/null'

make_jsonl_shards "$tmp/jsonl"
one_process_jsonl "$tmp/jsonl" "$tmp/one-jsonl"
sh "$run" "$tmp/jsonl" "$tmp/out-jsonl" 1/host1,1/host2 > /dev/null 2> "$tmp/err"
check "compressed JSON Lines shards over two hosts: one process's records" \
	cmp -s "$tmp/out-jsonl/clean.jsonl" "$tmp/one-jsonl/clean.jsonl"
check "and terms" cmp -s "$tmp/out-jsonl/terms.tsv" "$tmp/one-jsonl/terms.tsv"

cp -r "$tmp/pages" "$tmp/bad"
printf 'not gzip at all' | gzip | head -c 20 > "$tmp/bad/e.txt.gz"
sh "$run" "$tmp/bad" "$tmp/out-bad" 1/host1,1/host2 > /dev/null 2> "$tmp/err"
st=$?
check "a failed job: a message and status 1" \
	eval 'test $st = 1 && grep -q "a learn job failed" "$tmp/err"'
check "a failed job: no output is renamed into place" test ! -e "$tmp/out-bad/clean.txt"
