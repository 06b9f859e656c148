#!/bin/bash
# JSON Lines as jq and Python's json module read them: the member that is
# the document is the one they take (the last of a name), a lone surrogate
# escape is text (U+FFFD) and keeps its record, and --explain under --jsonl
# is JSON that keeps every verdict with its record.
. "$(dirname "$0")/tap.sh"
if ! command -v jq > /dev/null || ! command -v python3 > /dev/null; then
	echo "1..0 # SKIP jq and python3 are needed (tools/install-deps.sh)"
	exit 0
fi
echo "1..10"

# Records that test the readers: members of the same name (spelt alike or
# not), lone surrogates of both halves, pairs, a NUL; the text is ASCII and
# U+FFFD, which normalize leaves as it is.
cat > "$tmp/odd.jsonl" <<'J'
{"id":1,"text":"first of two","text":"second of two wins"}
{"id":2,"te\u0078t":"spelt with an escape","text":"spelt plainly wins"}
{"id":3,"text":"plain first","te\u0078t":"escaped last wins"}
{"id":4,"text":"a lone high \ud800 half"}
{"id":5,"text":"a lone low \udfff half, then a pair \ud83d\ude00 and \ud800\u0041"}
{"id":6,"text":"two in a row \udc00\ud800 and one at the end \ud83d"}
{"id":7,"text":null,"text":"a null first"}
J

# 1. The document normalize rewrites is the one jq reads, and jq reads the
# rewritten record as the same text.  jq 1.7 reads a lone half as U+FFFD;
# jq 1.6 refuses the record, so those records are left to Python there.
"$SAFI_BUILD/normalize" --jsonl < "$tmp/odd.jsonl" > "$tmp/odd.out" 2> "$tmp/err"; st=$?
if jq -n '"\ud800"' > /dev/null 2>&1; then
	cp "$tmp/odd.jsonl" "$tmp/for-jq"
else
	grep -v '\\ud[89a-f]' "$tmp/odd.jsonl" > "$tmp/for-jq"
fi
jq -c '[.id, .text]' < "$tmp/for-jq" > "$tmp/want"
jq -c '[.id, .text]' < "$tmp/odd.out" | grep -F -f <(jq -c '[.id]' < "$tmp/for-jq" | tr -d ']') > "$tmp/got"
check "normalize --jsonl: each record's text is the one jq reads" \
	test $st = 0 -a "$(wc -l < "$tmp/odd.out")" = 7 -a -s "$tmp/got" -a -z "$(cmp "$tmp/want" "$tmp/got" 2>&1)"

# 2. So is it for Python, which keeps lone halves as they are: as UTF-8
# they are ill-formed, and U+FFFD.
jq -c '[.id, .text]' < "$tmp/odd.out" > "$tmp/got"
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    t = r["text"].encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    print(json.dumps([r["id"], t], ensure_ascii=False, separators=(",", ":")))
' "$tmp/odd.jsonl" > "$tmp/py"
check "... and the one Python reads" cmp -s "$tmp/py" "$tmp/got"

# 3. The other members of the name pass through as they came.
check "earlier members of the name are left as they were" \
	grep -q '^{"id":2,"te\\u0078t":"spelt with an escape","text":"spelt plainly wins"}$' "$tmp/odd.out"

# 4. The lone halves are counted once for the input, with the first line.
check "lone surrogates: counted, reported once, exit 0" \
	test "$(cat "$tmp/err")" = 'normalize: (standard input):4: 6 lone surrogate escapes in "text" replaced with U+FFFD'

# 5. count-terms counts the words Python reads, record by record.
jq -r '.[1]' < "$tmp/py" | "$SAFI_BUILD/count-terms" > "$tmp/want" 2> /dev/null
"$SAFI_BUILD/count-terms" --jsonl < "$tmp/odd.jsonl" > "$tmp/got" 2> /dev/null
check "count-terms --jsonl counts what Python reads" cmp -s "$tmp/want" "$tmp/got"

# 6. --invalid=fail: a record with a lone half is an error of its own;
# the others go on.
"$SAFI_BUILD/normalize" --jsonl --invalid=fail < "$tmp/odd.jsonl" > "$tmp/out" 2> "$tmp/err"; st=$?
check "--invalid=fail: records 4-6 reported and passed through, exit 1" \
	test $st = 1 -a "$(grep -c 'lone surrogate escape (line passed through unchanged)' "$tmp/err")" = 3 \
	-a "$(sed -n 4,6p "$tmp/out")" = "$(sed -n 4,6p "$tmp/odd.jsonl")"

# 7-10. --explain under --jsonl: the pages of the example corpus as
# records; each output line is one JSON object that jq reads, with the id
# of its record, and its rows are the verdicts strip-boilerplate gives the
# same pages as FILEs (the same documents in the same order).
pages=()
for f in "$top"/examples/corpus/*.txt; do
	case $f in *.cp1256.txt) ;; *) pages+=("$f") ;; esac
done
python3 -c '
import json, sys
for i, f in enumerate(sys.argv[1:], 1):
    t = open(f, encoding="utf-8", newline="").read()
    print(json.dumps({"id": "page-%d" % i, "url": "https://example.org/" + f.rsplit("/", 1)[1],
                      "text": t}, ensure_ascii=False))
' "${pages[@]}" > "$tmp/pages.jsonl"
"$SAFI_BUILD/strip-boilerplate" --jsonl --explain < "$tmp/pages.jsonl" > "$tmp/explain.jsonl" 2> "$tmp/err"; st=$?
jq -c . < "$tmp/explain.jsonl" > /dev/null 2>&1; parsed=$?
check "--jsonl --explain: one JSON line per record, as jq reads it" \
	test $st = 0 -a $parsed = 0 -a "$(wc -l < "$tmp/explain.jsonl")" = "${#pages[@]}" -a ! -s "$tmp/err"
check "--jsonl --explain: each record keeps its id and url, in order" \
	test "$(jq -r '[.id, .url] | @tsv' < "$tmp/explain.jsonl")" = "$(jq -r '[.id, .url] | @tsv' < "$tmp/pages.jsonl")"
"$SAFI_BUILD/strip-boilerplate" --explain "${pages[@]}" |
	awk -F '\t' 'BEGIN { d = 1 } $0 == "\f" { d++; next } { print "page-" d "\t" $1 "\t" $2 "\t" $3 }' > "$tmp/want"
jq -r '.id as $id | .text[] | [$id, .line, .verdict, .reason] | @tsv' < "$tmp/explain.jsonl" > "$tmp/got"
check "--jsonl --explain: the verdicts of the pages as FILEs, joined to each id" cmp -s "$tmp/want" "$tmp/got"
# the rows hold the text of every line of the record (CRLF is a line end)
jq -r '.text | rtrimstr("\n")' < "$tmp/pages.jsonl" | tr -d '\r' > "$tmp/want"
jq -r '.text | map(.text) | join("\n")' < "$tmp/explain.jsonl" > "$tmp/got"
check "--jsonl --explain: the rows hold every line of each record" cmp -s "$tmp/want" "$tmp/got"
