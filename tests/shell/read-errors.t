#!/bin/bash
# A read error in the middle of an input (injected by tests/inject/readfail.c,
# an LD_PRELOAD shim): every program names the file, says why, ends with
# status 1, and keeps what it made of what it read: the output is exactly
# that of the bytes read before the error, and the inputs after it are
# still processed.
. "$(dirname "$0")/tap.sh"
# gcc's ASan wants to come first among the libraries; the shim is not instrumented
export ASAN_OPTIONS="verify_asan_link_order=0:${ASAN_OPTIONS:-}"
echo "1..14"

shim=$tmp/readfail.so
if ! ${SAFI_CC:-cc} -shared -fPIC -O1 -o "$shim" "$top/tests/inject/readfail.c" -ldl 2> "$tmp/cc.err"; then
	for i in $(seq 14); do notok "the shim does not build" "$(cat "$tmp/cc.err")"; done
	exit 0
fi

# Three inputs; the middle one fails after 300000 bytes (past the first
# blocks the programs read, in the middle of a line).
page=$top/tests/cases/strip-boilerplate/en-page.in
printf 'Before the page. One more line.\n' > "$tmp/a.txt"
for i in $(seq 600); do cat "$page"; printf '\f\n'; done > "$tmp/b.txt"
printf 'After the page. The last line.\n' > "$tmp/c.txt"
at=300000
head -c $at "$tmp/b.txt" > "$tmp/b-read.txt"

for prog in normalize split-sentences strip-boilerplate count-terms dedup; do
	args=()
	[ $prog = strip-boilerplate ] && args=(--min-docs=0)
	"$SAFI_BUILD/$prog" "${args[@]}" "$tmp/a.txt" "$tmp/b-read.txt" "$tmp/c.txt" > "$tmp/want" 2> /dev/null
	SAFI_READ_FAIL_NAME=/b.txt SAFI_READ_FAIL_AT=$at LD_PRELOAD=$shim \
		"$SAFI_BUILD/$prog" "${args[@]}" "$tmp/a.txt" "$tmp/b.txt" "$tmp/c.txt" > "$tmp/got" 2> "$tmp/err"; st=$?
	if [ $st = 1 ] && grep -q "^$prog: $tmp/b.txt: read error: Input/output error\$" "$tmp/err" &&
	   cmp -s "$tmp/got" "$tmp/want"; then
		ok "$prog: a read error midway: named, exit 1, the output of what was read and of the next file"
	else notok "$prog: a read error midway: named, exit 1, the output of what was read and of the next file" \
		"status $st" "$(head -3 "$tmp/err")" "$(cmp "$tmp/got" "$tmp/want" 2>&1)"; fi
done

# A compressed input: the thread that decompresses it meets the error; the
# text decoded before it is processed, and the message says where it stopped.
gzip -c < "$tmp/b.txt" > "$tmp/b.txt.gz"
zat=3000
head -c $zat "$tmp/b.txt.gz" | gzip -dc > "$tmp/b-decoded.txt" 2> /dev/null
for prog in normalize split-sentences strip-boilerplate count-terms; do
	args=()
	[ $prog = strip-boilerplate ] && args=(--min-docs=0)
	"$SAFI_BUILD/$prog" "${args[@]}" "$tmp/b-decoded.txt" "$tmp/c.txt" > "$tmp/want" 2> /dev/null
	SAFI_READ_FAIL_NAME=/b.txt.gz SAFI_READ_FAIL_AT=$zat LD_PRELOAD=$shim \
		"$SAFI_BUILD/$prog" "${args[@]}" "$tmp/b.txt.gz" "$tmp/c.txt" > "$tmp/got" 2> "$tmp/err"; st=$?
	if [ $st = 1 ] && cmp -s "$tmp/got" "$tmp/want" &&
	   grep -q "^$prog: $tmp/b.txt.gz: read error after uncompressed byte offset $(wc -c < "$tmp/b-decoded.txt"): Input/output error\$" "$tmp/err"; then
		ok "$prog: a gzip input failing midway: named with its offset, exit 1, the text decoded before and the next file"
	else notok "$prog: a gzip input failing midway: named with its offset, exit 1, the text decoded before and the next file" \
		"status $st" "$(head -3 "$tmp/err")" "$(cmp "$tmp/got" "$tmp/want" 2>&1)"; fi
done

# read-warc: the records read whole before the error are written.
for i in $(seq 200); do cat "$top/tests/cases/read-warc/wet.warc"; done > "$tmp/w.warc"
wat=150000
head -c $wat "$tmp/w.warc" > "$tmp/w-read.warc"
"$SAFI_BUILD/read-warc" "$tmp/w-read.warc" "$tmp/c.txt" > "$tmp/want" 2> /dev/null
SAFI_READ_FAIL_NAME=/w.warc SAFI_READ_FAIL_AT=$wat LD_PRELOAD=$shim \
	"$SAFI_BUILD/read-warc" "$tmp/w.warc" "$tmp/c.txt" > "$tmp/got" 2> "$tmp/err"; st=$?
if [ $st = 1 ] && grep -q "^read-warc: $tmp/w.warc: read error: Input/output error\$" "$tmp/err" &&
   cmp -s "$tmp/got" "$tmp/want" && [ "$(wc -l < "$tmp/got")" -gt 100 ]; then
	ok "read-warc: a read error midway: named, exit 1, the records read before it"
else notok "read-warc: a read error midway: named, exit 1, the records read before it" \
	"status $st" "$(head -3 "$tmp/err")" "$(cmp "$tmp/got" "$tmp/want" 2>&1)"; fi

# Standard input fails the same way.
for prog in normalize split-sentences; do
	"$SAFI_BUILD/$prog" < "$tmp/b-read.txt" > "$tmp/want" 2> /dev/null
	SAFI_READ_FAIL_NAME=/b.txt SAFI_READ_FAIL_AT=$at LD_PRELOAD=$shim \
		"$SAFI_BUILD/$prog" < "$tmp/b.txt" > "$tmp/got" 2> "$tmp/err"; st=$?
	if [ $st = 1 ] && grep -q "(standard input): read error: Input/output error" "$tmp/err" && cmp -s "$tmp/got" "$tmp/want"; then
		ok "$prog < FILE: a read error midway: named, exit 1, earlier output kept"
	else notok "$prog < FILE: a read error midway: named, exit 1, earlier output kept" "status $st" "$(head -3 "$tmp/err")"; fi
done

# --jsonl: the records read before the error are written.
perl -MJSON::PP -e 'local $/; my $t = <STDIN>; print JSON::PP->new->canonical->encode({id => $_, text => $t}), "\n" for 1 .. 300' \
	< "$page" > "$tmp/b.jsonl"
head -c $at "$tmp/b.jsonl" > "$tmp/b-read.jsonl"
"$SAFI_BUILD/normalize" --jsonl "$tmp/b-read.jsonl" > "$tmp/want" 2> /dev/null
SAFI_READ_FAIL_NAME=/b.jsonl SAFI_READ_FAIL_AT=$at LD_PRELOAD=$shim \
	"$SAFI_BUILD/normalize" --jsonl "$tmp/b.jsonl" > "$tmp/got" 2> "$tmp/err"; st=$?
if [ $st = 1 ] && grep -q "b.jsonl: read error" "$tmp/err" && cmp -s "$tmp/got" "$tmp/want" &&
   [ "$(wc -l < "$tmp/got")" -gt 10 ]; then
	ok "normalize --jsonl: records before the error written, exit 1"
else notok "normalize --jsonl: records before the error written, exit 1" "status $st" "$(head -3 "$tmp/err")"; fi

# --state: what was read before the error counts as any input does, and
# the state is saved; the status still says that an input failed.
SAFI_READ_FAIL_NAME=/b.txt SAFI_READ_FAIL_AT=$at LD_PRELOAD=$shim \
	"$SAFI_BUILD/strip-boilerplate" -s "$tmp/st" "$tmp/b.txt" > /dev/null 2> "$tmp/err"; st=$?
if [ $st = 1 ] && head -n1 "$tmp/st" | grep -q "^safi-strip-boilerplate-state "; then
	ok "strip-boilerplate -s: a read error: exit 1, the state of what was read saved"
else notok "strip-boilerplate -s: a read error: exit 1, the state of what was read saved" "status $st" "$(cat "$tmp/err")"; fi
