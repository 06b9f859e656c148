#!/bin/bash
# --stats=FILE, --progress, SIGUSR1 and --drop-empty, in every program.
#  - the stats are one flat JSON object of numbers, right on a known input;
#  - summed over the jobs of parallel --pipe (split at document ends) they
#    equal the stats of one job over the whole input;
#  - --progress and SIGUSR1 write to stderr only, and change no output.
: "${SAFI_BUILD:?run through make check}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C PATH="$SAFI_BUILD:$PATH"
for c in jq parallel; do
	command -v "$c" > /dev/null || { echo "1..0 # skip $c not installed"; exit 0; }
done
echo "1..34"
t=0
ok() { t=$((t + 1)); if [ "$1" = 0 ]; then echo "ok $t - $2"; else echo "not ok $t - $2"; fi; }
# the sum recipe of safi(7), field by field over any number of stats files
sum() { jq -cS -s 'reduce (.[] | to_entries[]) as $e ({}; .[$e.key] += $e.value)' "$@"; }

# known counts: 3 documents, 6 lines (form-feed lines end documents), one
# ill-formed byte
printf 'One. Two.\n\nThree\n\f\nFour.\n\f\nfive\xff\nsix\n' > "$tmp/small"
split-sentences --stats="$tmp/s.json" "$tmp/small" > "$tmp/out" 2> /dev/null
jq -e 'to_entries | all(.value | type == "number")' "$tmp/s.json" > /dev/null
ok $? "the stats are a flat object of numbers"
[ "$(wc -l < "$tmp/s.json")" = 1 ]; ok $? "on one line"
jq -e '.lines_in == 6 and .documents_in == 3 and .invalid_utf8 == 1 and
       .bytes_in == 37 and .bytes_read == 37 and .sentences == 6 and
       .paragraphs == 5 and .input_errors == 0' "$tmp/s.json" > /dev/null
ok $? "lines, documents, bytes, sentences, paragraphs are counted"
[ "$(jq .bytes_out "$tmp/s.json")" = "$(wc -c < "$tmp/out")" ]
ok $? "bytes_out is the size of the output"

# with --docs=blank a blank line ends a document too; every line is a line
printf 'a\n\nb\nc\n\n\n' | normalize --docs=blank --stats="$tmp/d.json" > /dev/null
jq -e '.lines_in == 6 and .documents_in == 2' "$tmp/d.json" > /dev/null
ok $? "--docs=blank: documents are counted as the framing makes them"

# compressed bytes read, text bytes in; an unreadable FILE is an input error
gzip -c < "$tmp/small" > "$tmp/small.gz"
normalize --stats="$tmp/n.json" "$tmp/small.gz" "$tmp/missing" > /dev/null 2>&1
st=$?
jq -e --argjson z "$(wc -c < "$tmp/small.gz")" \
    '.bytes_read == $z and .bytes_in == 37 and .input_errors == 1' "$tmp/n.json" > /dev/null &&
    [ "$st" = 1 ]
ok $? "bytes_read counts compressed bytes, bytes_in text; input_errors"

# a corrupt compressed input is one input error
printf 'one\ntwo\n' | gzip -c | head -c 20 > "$tmp/cut.gz"
normalize --stats="$tmp/n.json" "$tmp/cut.gz" "$tmp/small" > /dev/null 2>&1
jq -e '.input_errors == 1' "$tmp/n.json" > /dev/null; ok $? "a cut compressed input is one input error"

# every program writes its own counters after the common ones
for p in normalize strip-boilerplate split-sentences count-terms; do
	"$p" --stats="$tmp/p.json" "$tmp/small" > /dev/null 2>&1
	[ "$(jq -r 'keys_unsorted[0:9] | join(",")' "$tmp/p.json")" = \
	  "bytes_read,bytes_in,lines_in,documents_in,bytes_out,invalid_utf8,input_errors,jsonl_bad_lines,documents_dropped_empty" ]
	ok $? "$p: the common counters, in order"
done
count-terms --stats="$tmp/c.json" "$tmp/small" > /dev/null 2>&1
jq -e '.terms_counted == 6' "$tmp/c.json" > /dev/null; ok $? "count-terms: terms_counted"
strip-boilerplate --min-docs=0 --stats="$tmp/b.json" "$tmp/small" > /dev/null 2>&1
jq -e '.lines_kept + .lines_dropped == 5' "$tmp/b.json" > /dev/null
ok $? "strip-boilerplate: lines kept and dropped add up to the non-blank lines"

# a stats file that cannot be created: a usage error before any input
normalize --stats="$tmp/no/such/dir.json" "$tmp/small" > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" = 2 ] && grep -q "no/such/dir.json: No such file or directory" "$tmp/err" &&
    [ ! -s "$tmp/out" ]
ok $? "an unwritable stats file: exit 2, nothing read (got $st)"

# Parallel jobs: the summed stats equal one job's.  The input is split at
# document ends (a form-feed line), as documents are the unit of work.
seq 1 60000 | awk '{ printf "Line %d of the text. It has two sentences.\n", $1 } NR % 40 == 0 { print "\f" }' > "$tmp/big"
printf 'bad \xc3 byte\n' >> "$tmp/big"
run_jobs() {
	rm -f "$tmp"/job.*.json
	parallel --pipe --recend $'\f\n' --block 200k -j2 "$1 --stats=$tmp/job.{#}.json" \
	    < "$2" > /dev/null 2>&1
	ls "$tmp"/job.*.json | wc -l
}
for p in normalize split-sentences "strip-boilerplate --min-docs=0" count-terms; do
	$p --stats="$tmp/one.json" < "$tmp/big" > /dev/null 2>&1
	jobs=$(run_jobs "$p" "$tmp/big")
	# count-terms writes partial tables, longer than the merged one
	drop=""
	case $p in count-terms) drop='del(.bytes_out)' ;; esac
	one=$(sum "$tmp/one.json" | jq -cS "${drop:-.}")
	all=$(sum "$tmp"/job.*.json | jq -cS "${drop:-.}")
	[ "$jobs" -gt 3 ] && [ "$one" = "$all" ]
	ok $? "$p: $jobs jobs of parallel --pipe sum to one job"
done
# JSON Lines: a record is a document, any line end splits
seq 1 20000 | awk '{ printf "{\"id\":%d,\"text\":\"Sentence %d. And %d.\\n\\nMore.\"}\n", $1, $1, $1 }' > "$tmp/big.jsonl"
printf '{"id":0,"text":""}\nnot json\n' >> "$tmp/big.jsonl"
split-sentences --jsonl --drop-empty --stats="$tmp/one.json" < "$tmp/big.jsonl" > /dev/null 2>&1
rm -f "$tmp"/job.*.json
parallel --pipe --block 100k -j2 "split-sentences --jsonl --drop-empty --stats=$tmp/job.{#}.json" \
    < "$tmp/big.jsonl" > /dev/null 2>&1
[ "$(sum "$tmp/one.json")" = "$(sum "$tmp"/job.*.json)" ] && [ "$(ls "$tmp"/job.*.json | wc -l)" -gt 3 ]
ok $? "--jsonl: parallel --pipe jobs sum to one job"
jq -e '.documents_in == 20001 and .jsonl_bad_lines == 1 and .documents_dropped_empty == 1 and
       .sentences == 60000' "$tmp/one.json" > /dev/null
ok $? "--jsonl: records, bad lines and dropped records counted"

# --drop-empty
printf '{"u":1,"text":"Kept."}\n{"u":2,"text":" "}\n{"u":3,"text":""}\n' > "$tmp/e.jsonl"
[ "$(split-sentences --jsonl --drop-empty "$tmp/e.jsonl")" = '{"u":1,"text":"Kept."}' ]
ok $? "--drop-empty drops records that come out empty"
[ "$(split-sentences --jsonl "$tmp/e.jsonl" | wc -l)" = 3 ]; ok $? "without it they stay"
normalize --drop-empty < /dev/null 2> "$tmp/err"
[ $? = 2 ] && grep -q 'needs --jsonl' "$tmp/err"; ok $? "--drop-empty without --jsonl is a usage error"
strip-boilerplate --jsonl --drop-empty --explain < /dev/null 2> /dev/null
[ $? = 2 ]; ok $? "strip-boilerplate --drop-empty --explain is a usage error"
count-terms --drop-empty < /dev/null 2> /dev/null
[ $? = 2 ]; ok $? "count-terms writes no records: no --drop-empty"

# --progress: stderr only, the same output
for p in normalize strip-boilerplate split-sentences count-terms; do
	"$p" --progress "$tmp/big" > "$tmp/out1" 2> "$tmp/err"
	"$p" "$tmp/big" > "$tmp/out2" 2> /dev/null
	cmp -s "$tmp/out1" "$tmp/out2" &&
	    grep -Eq "^$p: [0-9.]+ [kMG]?B read, [0-9]+ documents, [0-9.]+ [kMG]?B/s, [0-9]+ s, 100%$" "$tmp/err"
	ok $? "$p --progress: same output, a status line on stderr"
done
# a pipe has no known size: no share done
cat "$tmp/big" | normalize --progress 2>&1 > /dev/null | cat > "$tmp/err"
grep -Eq "^normalize: [0-9.]+ [kMG]?B read, [0-9]+ documents, [0-9.]+ [kMG]?B/s, [0-9]+ s$" "$tmp/err"
ok $? "--progress on a pipe: no percentage"
# compressed: bytes read and bytes of text
gzip -c < "$tmp/big" > "$tmp/big.gz"
normalize --progress "$tmp/big.gz" 2>&1 > /dev/null | grep -Eq "B read \([0-9.]+ [kMG]?B of text\),.*, 100%$"
ok $? "--progress on compressed input: bytes read and bytes of text"

# SIGUSR1: one status line on stderr, and the program goes on
mkfifo "$tmp/fifo"
normalize < "$tmp/fifo" > "$tmp/out" 2> "$tmp/err" &
pid=$!
exec 7> "$tmp/fifo"
printf 'first\n' >&7
sleep 0.3
kill -USR1 "$pid"
sleep 0.3
printf 'second\n' >&7
exec 7>&-
wait "$pid"
st=$?
[ "$st" = 0 ] && [ "$(cat "$tmp/out")" = "$(printf 'first\nsecond')" ] &&
    grep -Eq '^normalize: [0-9]+ B read, [0-9]+ documents' "$tmp/err" &&
    [ "$(wc -l < "$tmp/err")" = 1 ]
ok $? "SIGUSR1 writes one status line and ends nothing (exit $st)"
normalize < /dev/null 2> "$tmp/err"
[ ! -s "$tmp/err" ]; ok $? "no status line unless asked"
# a status line due while a message is written: each on a line of its own
printf 'a\xff\n' | normalize --progress 2>&1 > /dev/null | grep -c '^normalize: ' | grep -qx 2
ok $? "a message and the last status line are separate lines"
