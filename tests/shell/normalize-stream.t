#!/bin/bash
# normalize: long lines, line ends across read blocks, idempotence.
: "${SAFI_BUILD:?run through make check}"
n=$SAFI_BUILD/normalize
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
echo "1..10"
t=0
ok() { t=$((t + 1)); if [ "$1" = 0 ]; then echo "ok $t - $2"; else echo "not ok $t - $2"; fi; }

# A 100 MB line, generated here: a pattern that NFC changes (decomposed
# letters, harakat out of order, spaces), repeated.  The output must be the
# pattern's own normalization repeated, with memory bounded.
pat=$(printf 'Cafe\xcc\x81 \xd9\x85\xd8\xad\xd9\x85\xd9\x91\xd9\x8e\xd8\xaf \xd8\xa7\xd9\x94\xd9\x85\xd9\x84  \xea\xb0\x80\xe1\x86\xa8 x')
want=$(printf '%s' "$pat" | "$n")
reps=$((100000000 / ${#pat}))
line() { yes "$1" | head -n "$reps" | tr -d '\n'; }
if command -v /usr/bin/time > /dev/null; then
	line "$pat" | /usr/bin/time -f '%M' -o "$tmp/rss" "$n" | cksum > "$tmp/got"
else
	line "$pat" | "$n" | cksum > "$tmp/got"; echo 0 > "$tmp/rss"
fi
{ line "$want"; echo; } | cksum > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"; ok $? "a 100 MB line comes out right"
rss=$(cat "$tmp/rss")
[ "$rss" -lt 16384 ]; ok $? "a 100 MB line in bounded memory (${rss} KB)"

# the same through the search preset (spaces collapse across pieces)
want=$(printf '%s' "$pat" | "$n" --preset=search)
line "$pat" | "$n" --preset=search | cksum > "$tmp/got"
{ line "$want"; echo; } | cksum > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"; ok $? "a 100 MB line through --preset=search"

# CR LF split across two read blocks (64 KiB) is one line end
{ head -c 65535 /dev/zero | tr '\0' a; printf '\r\nb\r\n'; } | "$n" > "$tmp/out"
[ "$(wc -l < "$tmp/out")" = 2 ] && [ "$(tail -n1 "$tmp/out")" = b ]; ok $? "CRLF across read blocks"
# and a base letter with its mark across the blocks still composes
{ head -c 65535 /dev/zero | tr '\0' a; printf 'e\xcc\x81\n'; } | "$n" | tail -c 4 | od -An -tx1 | tr -d ' \n' > "$tmp/out"
[ "$(cat "$tmp/out")" = "61c3a90a" ]; ok $? "a mark across read blocks composes"

# input in one block or one byte at a time: the same output
cat "$here"/examples/corpus/* > "$tmp/all"
"$n" --preset=search < "$tmp/all" > "$tmp/one" 2> /dev/null
dd if="$tmp/all" bs=1 status=none | "$n" --preset=search > "$tmp/bytes" 2> /dev/null
cmp -s "$tmp/one" "$tmp/bytes"; ok $? "one block or byte by byte: same output"

# idempotence over the examples: normalizing twice changes nothing more
for p in default search train; do
	"$n" --preset=$p "$here"/examples/corpus/* > "$tmp/1" 2> /dev/null
	"$n" --preset=$p < "$tmp/1" > "$tmp/2"
	cmp -s "$tmp/1" "$tmp/2"; ok $? "idempotent over the examples: --preset=$p"
done
"$n" --form=nfkd --strip-marks --punct --spaces "$here"/examples/corpus/* > "$tmp/1" 2> /dev/null
"$n" --form=nfkd --strip-marks --punct --spaces < "$tmp/1" > "$tmp/2"
cmp -s "$tmp/1" "$tmp/2"; ok $? "idempotent over the examples: nfkd, marks, punct, spaces"
