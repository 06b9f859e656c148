#!/bin/bash
# normalize: output and input failures, usage errors.
: "${SAFI_BUILD:?run through make check}"
n=$SAFI_BUILD/normalize
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
echo "1..9"
t=0
ok() { t=$((t + 1)); if [ "$1" = 0 ]; then echo "ok $t - $2"; else echo "not ok $t - $2"; fi; }

# a full disk: exit 1 with a message
seq 1 200000 | "$n" > /dev/full 2> "$tmp/err"
st=$?
[ "$st" = 1 ]; ok $? "> /dev/full exits 1 (got $st)"
grep -q '^normalize: write error: No space left on device$' "$tmp/err"; ok $? "> /dev/full says why"

# a closed pipe: quiet, killed by SIGPIPE or exit 0, never a message
seq 1 2000000 | "$n" 2> "$tmp/err" | head -n1 > "$tmp/out"
st=${PIPESTATUS[1]}
[ "$(cat "$tmp/out")" = 1 ]; ok $? "| head -n1 prints the first line"
[ ! -s "$tmp/err" ]; ok $? "| head -n1 is quiet"
[ "$st" = 0 ] || [ "$st" = 141 ]; ok $? "| head -n1 ends by SIGPIPE or 0 (got $st)"

# unreadable file: reported, skipped, exit 1, the other files still read
printf 'one\n' > "$tmp/a"; printf 'two\n' > "$tmp/b"; mkdir "$tmp/dir"
"$n" "$tmp/a" "$tmp/missing" "$tmp/dir" "$tmp/b" > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" = 1 ] && [ "$(cat "$tmp/out")" = "$(printf 'one\n\f\ntwo')" ]; ok $? "unreadable files skipped, exit 1 (got $st)"
[ "$(wc -l < "$tmp/err")" = 2 ] && grep -q "missing: No such file" "$tmp/err" &&
    grep -q "dir.*Is a directory" "$tmp/err"; ok $? "each unreadable file named once"

# usage errors: exit 2, nothing on stdout
"$n" --form=nfq < /dev/null > "$tmp/out" 2> /dev/null
st=$?
[ "$st" = 2 ] && [ ! -s "$tmp/out" ]; ok $? "bad --form exits 2"
"$n" --help | grep -q -- '--strip-harakat'; ok $? "--help lists the options"
