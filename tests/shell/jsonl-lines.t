#!/bin/bash
# --jsonl: a record is one line ended by LF (or CRLF).  JSON allows CR as
# white space between tokens, so a raw CR inside a record is data: it
# neither splits the record nor turns into a line feed when the record is
# written back.  An empty document is a document like any other.
. "$(dirname "$0")/tap.sh"
# same NAME FILE WANT-PRINTF: the file holds exactly the bytes of WANT
same() {
	printf "$3" > "$tmp/want"
	if cmp -s "$2" "$tmp/want"; then ok "$1"
	else notok "$1" "got:  $(od -c "$2" | head -4 | tr '\n' ' ')" "want: $(od -c "$tmp/want" | head -4 | tr '\n' ' ')"; fi
}
echo "1..13"

# A CR between the members of one record.
printf '{"id":1,\r"text":"One day. Two days."}\n{"id":2,"text":"Three."}\n' > "$tmp/cr.jsonl"

"$SAFI_BUILD/normalize" --jsonl < "$tmp/cr.jsonl" > "$tmp/out" 2> "$tmp/err"
same "normalize: a CR inside a record is white space, kept as it was" "$tmp/out" \
	'{"id":1,\r"text":"One day. Two days."}\n{"id":2,"text":"Three."}\n'
"$SAFI_BUILD/split-sentences" --jsonl < "$tmp/cr.jsonl" > "$tmp/out" 2> "$tmp/err"
same "split-sentences: one record out for each record in" "$tmp/out" \
	'{"id":1,\r"text":"One day.\\nTwo days."}\n{"id":2,"text":"Three."}\n'
"$SAFI_BUILD/count-terms" --bare --jsonl < "$tmp/cr.jsonl" > "$tmp/out" 2> "$tmp/err"
same "count-terms: the words of both records, no bad line" "$tmp/out" \
	'1\tOne\n1\tThree\n1\tTwo\n1\tday\n1\tdays\n'
"$SAFI_BUILD/strip-boilerplate" --min-docs=0 --jsonl < "$tmp/cr.jsonl" > "$tmp/out" 2> "$tmp/err"; st=$?
if [ $st = 0 ] && [ ! -s "$tmp/err" ] && [ "$(grep -c . "$tmp/out")" = 2 ] &&
   grep -q "$(printf '^{"id":1,\r"text":')" "$tmp/out"; then
	ok "strip-boilerplate: one record out for each record in"
else notok "strip-boilerplate: one record out for each record in" "status $st" "$(cat "$tmp/err")"; fi

# A line that is no record is written back byte for byte, CR and all.
printf '{"id":1,\r"text":7}\n' > "$tmp/bad.jsonl"
"$SAFI_BUILD/normalize" --jsonl < "$tmp/bad.jsonl" > "$tmp/out" 2> "$tmp/err"; st=$?
same "a bad record passes through with its CR" "$tmp/out" '{"id":1,\r"text":7}\n'
if [ $st = 1 ] && grep -q ':1: member "text" is a number' "$tmp/err"; then ok "the bad record is reported once, as line 1"
else notok "the bad record is reported once, as line 1" "status $st" "$(cat "$tmp/err")"; fi

# CRLF still ends a record, and the record is written with LF.
printf '{"text":"a"}\r\n{"text":"b"}\r\n' | "$SAFI_BUILD/normalize" --jsonl > "$tmp/out" 2> "$tmp/err"
same "CRLF ends a record; written back with LF" "$tmp/out" '{"text":"a"}\n{"text":"b"}\n'
printf '{"text":"a"}\r\r\n' | "$SAFI_BUILD/normalize" --jsonl > "$tmp/out" 2> "$tmp/err"
same "a CR before the CRLF is white space of the record" "$tmp/out" '{"text":"a"}\r\n'

# Without --jsonl a lone CR still ends a line.
printf 'a\rb\n' | "$SAFI_BUILD/normalize" > "$tmp/out"
same "without --jsonl a lone CR ends a line" "$tmp/out" 'a\nb\n'

# An empty document: the programs keep the record, and say nothing.
for prog in normalize split-sentences strip-boilerplate; do
	printf '{"text":""}\n' | "$SAFI_BUILD/$prog" --jsonl > "$tmp/out" 2> "$tmp/err"; st=$?
	if [ $st = 0 ] && [ ! -s "$tmp/err" ] && [ "$(cat "$tmp/out")" = '{"text":""}' ]; then
		ok "$prog: an empty document is kept"
	else notok "$prog: an empty document is kept" "status $st" "$(head -3 "$tmp/err")"; fi
done
printf '{"text":""}\n' | "$SAFI_BUILD/count-terms" --bare --jsonl > "$tmp/out" 2> "$tmp/err"; st=$?
if [ $st = 0 ] && [ ! -s "$tmp/err" ] && [ ! -s "$tmp/out" ]; then ok "count-terms: an empty document counts nothing"
else notok "count-terms: an empty document counts nothing" "status $st" "$(head -3 "$tmp/err")"; fi
