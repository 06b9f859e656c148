#!/bin/bash
# read-warc: WET/WARC records through the pipeline, damaged and truncated
# files, standard input, counters.
: "${SAFI_BUILD:?run through make check}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C PATH="$SAFI_BUILD:$PATH"
cases=$(cd "$(dirname "$0")/../cases/read-warc" && pwd)
command -v jq > /dev/null || { echo "1..0 # skip jq not installed"; exit 0; }
echo "1..15"
t=0
ok() { t=$((t + 1)); if [ "$1" = 0 ]; then echo "ok $t - $2"; else echo "not ok $t - $2"; fi; }

# the record's fields stay attached through the whole pipeline
read-warc "$cases/wet-per-record.warc.gz" |
    normalize --jsonl | strip-boilerplate --jsonl --min-docs=0 | split-sentences --jsonl > "$tmp/out"
[ "$(jq -r '[.url, .record_id, .date, .language] | join(" ")' "$tmp/out")" = \
  "$(read-warc "$cases/wet.warc" | jq -r '[.url, .record_id, .date, .language] | join(" ")')" ] &&
    [ "$(wc -l < "$tmp/out")" = 3 ]
ok $? "url, record_id, date and language pass through normalize, strip-boilerplate, split-sentences"
jq -r .text "$tmp/out" | grep -qx 'The town council opened a new public library on Monday, with room for ten thousand books.'
ok $? "the text is cleaned on the way"
jq -r .text "$tmp/out" | grep -q 'Read also'
[ $? = 1 ]; ok $? "the page furniture of the record is gone"

# standard input, compressed with zstd, is read as a FILE is
zstd -q -c < "$cases/wet.warc" | read-warc > "$tmp/out"
cmp -s "$tmp/out" "$cases/wet.out"; ok $? "zstd on standard input"

# a *.warc.gz cut in the middle of a member: the records before it are
# written, the cut is reported with the file and offsets, exit 1
size=$(wc -c < "$cases/wet-per-record.warc.gz")
head -c $((size - 200)) "$cases/wet-per-record.warc.gz" > "$tmp/cut.warc.gz"
read-warc "$tmp/cut.warc.gz" "$cases/warc11-lf.warc" > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" = 1 ]; ok $? "a truncated .warc.gz exits 1 (got $st)"
[ "$(jq -r .record_id "$tmp/out" | head -2 | tr '\n' ' ')" = \
  "<urn:uuid:00000000-0000-4000-8000-000000000001> <urn:uuid:00000000-0000-4000-8000-000000000002> " ]
ok $? "the records before the cut are written"
grep -q "cut.warc.gz: truncated gzip data: it ends at uncompressed byte offset" "$tmp/err" &&
    grep -Eq "cut.warc.gz: record 4 at byte offset [0-9]+: .* \(skipped\)$" "$tmp/err"
ok $? "both the cut stream and the cut record are reported"
[ "$(tail -n1 "$tmp/out" | jq -r .type)" = resource ]; ok $? "the next FILE is still read"

# counters
read-warc --stats="$tmp/s.json" "$cases/bad-records.warc" "$cases/wet.warc" > /dev/null 2>&1
jq -e '.documents_in == 17 and .records_written == 8 and .records_other_types == 2 and
       .records_not_text == 2 and .records_bad == 5 and .records_too_large == 0 and
       .invalid_utf8 == 1 and .input_errors == 1' "$tmp/s.json" > /dev/null
ok $? "records read, written, skipped by reason"
read-warc --max-record=100 --stats="$tmp/s.json" "$cases/wet.warc" > /dev/null 2>&1
jq -e '.records_too_large == 2 and .records_written == 1' "$tmp/s.json" > /dev/null
ok $? "records over --max-record are counted"

# --invalid=fail skips a record with ill-formed UTF-8, as a bad one
read-warc --invalid=fail "$cases/bad-records.warc" 2> "$tmp/err" | jq -r .url > "$tmp/out"
grep -q "record 11 at byte offset 2406: invalid UTF-8 at byte 4 of its payload (skipped)" "$tmp/err" &&
    ! grep -q 'good.example/2' "$tmp/out" && grep -q 'good.example/3' "$tmp/out"
ok $? "--invalid=fail: the record is skipped and said"

# an unreadable FILE, and a file that is no WARC at all
printf 'just some text\n' > "$tmp/plain.txt"
read-warc "$tmp/missing" "$tmp/plain.txt" "$cases/warc11-lf.warc" > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" = 1 ] && [ "$(wc -l < "$tmp/out")" = 1 ] && grep -q 'missing: No such file' "$tmp/err" &&
    grep -q 'plain.txt: record 1 at byte offset 0: no WARC version line where a record starts (skipped)' "$tmp/err"
ok $? "unreadable and non-WARC inputs are reported, the rest read"

# > /dev/full, | head
read-warc "$cases/wet.warc" > /dev/full 2> "$tmp/err"
st=$?
[ "$st" = 1 ] && grep -q 'write error' "$tmp/err"; ok $? "> /dev/full exits 1"
# more output than the buffer holds: the write fails midway, and ends the run
for i in $(seq 300); do cat "$cases/wet.warc"; done > "$tmp/big.warc"
read-warc "$tmp/big.warc" "$tmp/big.warc" > /dev/full 2> "$tmp/err"
st=$?
[ "$st" = 1 ] && [ "$(cat "$tmp/err")" = "read-warc: write error: No space left on device" ]
ok $? "> /dev/full midway: one write error, no read error, exit 1"
for i in 1 2 3 4 5 6 7 8; do cat "$cases/wet-per-record.warc.gz"; done > "$tmp/many.gz"
for i in 1 2 3 4 5 6 7 8; do cat "$tmp/many.gz"; done > "$tmp/more.gz"
read-warc "$tmp/more.gz" 2> "$tmp/err" | head -n1 > /dev/null
[ ! -s "$tmp/err" ]; ok $? "| head -n1 is quiet"
