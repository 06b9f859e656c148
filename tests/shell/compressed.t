#!/bin/bash
# Compressed input: gzip, zstd, xz and bzip2 FILEs and standard input are
# read as the text they hold, whatever their names; concatenated members
# are read through; a corrupt or truncated stream is an error that names
# the file and the uncompressed offset, keeps what was decoded before it,
# and lets the other FILEs be read.
: "${SAFI_BUILD:?run through make check}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C PATH="$SAFI_BUILD:$PATH"
formats="gzip zstd xz bzip2"
for z in $formats; do
	command -v "$z" > /dev/null || { echo "1..0 # skip $z not installed"; exit 0; }
done
echo "1..51"
t=0
ok() { t=$((t + 1)); if [ "$1" = 0 ]; then echo "ok $t - $2"; else echo "not ok $t - $2"; fi; }
# corrupt_copy IN OUT: IN with 64 bytes in its middle flipped
corrupt_copy() {
	python3 - "$1" "$2" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
for i in range(len(d) // 2, len(d) // 2 + 64):
    d[i] ^= 0x55
open(sys.argv[2], 'wb').write(d)
EOF
}

# Text of several blocks of every size, some Arabic, a CRLF and no final
# line feed, so that the decompressed stream crosses every buffer edge.
{
	seq 1 150000 | sed 's/$/ سطر line/'
	printf 'crlf\r\nlast line without end'
} > "$tmp/text"
normalize "$tmp/text" > "$tmp/want"

for z in $formats; do
	"$z" -c < "$tmp/text" > "$tmp/in.$z"
	# no name hints: the magic bytes decide
	cp "$tmp/in.$z" "$tmp/noext-$z"
	normalize "$tmp/noext-$z" > "$tmp/out" 2> "$tmp/err"
	st=$?
	cmp -s "$tmp/out" "$tmp/want" && [ "$st" = 0 ] && [ ! -s "$tmp/err" ]
	ok $? "$z FILE reads as its text (exit $st)"
	"$z" -c < "$tmp/text" | normalize > "$tmp/out" 2> "$tmp/err"
	cmp -s "$tmp/out" "$tmp/want" && [ ! -s "$tmp/err" ]
	ok $? "$z on standard input reads as its text"
	count-terms --top=3 "$tmp/noext-$z" > "$tmp/out"
	count-terms --top=3 "$tmp/text" | cmp -s - "$tmp/out"
	ok $? "$z input to count-terms"
	# the compressed FILE is a document of its text: the plain copy after it goes
	dedup "$tmp/noext-$z" "$tmp/text" > "$tmp/out" 2> "$tmp/err"
	st=$?
	dedup "$tmp/text" | cmp -s - "$tmp/out" && [ "$st" = 0 ] && [ ! -s "$tmp/err" ]
	ok $? "$z input to dedup (exit $st)"
done

# concatenated members, frames and streams are read one after the other
printf 'first\n' > "$tmp/a"
printf 'second\nthird' > "$tmp/b"
for z in $formats; do
	{ "$z" -c < "$tmp/a"; "$z" -c < "$tmp/b"; "$z" -c < "$tmp/a"; } > "$tmp/multi"
	split-sentences "$tmp/multi" > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ "$(cat "$tmp/out")" = "$(printf 'first\n\nsecond\n\nthirdfirst')" ] && [ "$st" = 0 ]
	ok $? "$z: three members in one file read as one text (exit $st)"
done
# a member of nothing at all (gzip of an empty file) in the middle
{ gzip -c < "$tmp/a"; gzip -c < /dev/null; gzip -c < "$tmp/b"; } > "$tmp/multi"
[ "$(normalize "$tmp/multi")" = "$(printf 'first\nsecond\nthird')" ]
ok $? "gzip: an empty member in the middle"

# truncated: the text before the cut is written, the error names the file
# and the uncompressed offset, the next FILE is still read, exit 1
for z in $formats; do
	size=$(wc -c < "$tmp/in.$z")
	head -c $((size * 2 / 3)) "$tmp/in.$z" > "$tmp/cut.$z"
	normalize "$tmp/cut.$z" "$tmp/a" > "$tmp/out" 2> "$tmp/err"
	st=$?
	[ "$st" = 1 ]; ok $? "$z truncated: exit 1 (got $st)"
	grep -Eq "^normalize: $tmp/cut.$z: truncated $z data: it ends at uncompressed byte offset [0-9]+$" "$tmp/err"
	ok $? "$z truncated: the message names file, format and offset"
	off=$(sed -n 's/.*offset \([0-9]*\)$/\1/p' "$tmp/err")
	# every line decoded before the cut came out, then (after the
	# form-feed line between documents) the next FILE
	head -c "$off" "$tmp/text" | normalize > "$tmp/part"
	{ cat "$tmp/part"; printf '\f\n'; cat "$tmp/a"; } | cmp -s - "$tmp/out"
	ok $? "$z truncated: the $off bytes before the cut are kept, the next FILE read"
done

# corrupt data in the middle of a gzip stream
corrupt_copy "$tmp/in.gzip" "$tmp/bad.gz"
normalize "$tmp/bad.gz" > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" = 1 ] && grep -Eq "^normalize: $tmp/bad.gz: corrupt gzip data at uncompressed byte offset [0-9]+: " "$tmp/err"
ok $? "corrupt gzip: exit 1, file, offset and zlib's reason"
off=$(sed -n 's/.*offset \([0-9]*\):.*/\1/p' "$tmp/err")
[ "$(wc -c < "$tmp/out")" -ge $((off - 64)) ] && [ "$off" -gt 100000 ]
ok $? "corrupt gzip: what was decoded before the fault is written ($off bytes)"

# corrupt zstd: its frame checksum or block structure catches it
corrupt_copy "$tmp/in.zstd" "$tmp/bad.zst"
count-terms "$tmp/bad.zst" > /dev/null 2> "$tmp/err"
st=$?
[ "$st" = 1 ] && grep -Eq "^count-terms: $tmp/bad.zst: corrupt zstd data at uncompressed byte offset [0-9]+: " "$tmp/err"
ok $? "corrupt zstd: exit 1 with file and offset"

# corrupt xz and bzip2
for z in xz bzip2; do
	corrupt_copy "$tmp/in.$z" "$tmp/bad.$z"
	strip-boilerplate "$tmp/bad.$z" > /dev/null 2> "$tmp/err"
	st=$?
	[ "$st" = 1 ] && grep -Eq "^strip-boilerplate: $tmp/bad.$z: corrupt $z data at uncompressed byte offset [0-9]+: " "$tmp/err"
	ok $? "corrupt $z: exit 1 with file and offset"
done

# bytes after the last gzip member that are not gzip
{ gzip -c < "$tmp/a"; printf 'junk\n'; } > "$tmp/trail.gz"
normalize "$tmp/trail.gz" > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" = 1 ] && [ "$(cat "$tmp/out")" = first ] &&
    grep -q "trail.gz: corrupt gzip data at uncompressed byte offset 6: data after the last member is not gzip" "$tmp/err"
ok $? "gzip with trailing junk: the member is kept, the junk reported"

# text that begins like a magic number is text
for s in 'BZh9 is a bzip2 magic\n' 'BZh\n' 'B' '\037' '(' 'P*M\n'; do
	printf "$s" > "$tmp/like"
	split-sentences "$tmp/like" > "$tmp/out" 2> "$tmp/err"
	st=$?
	printf "$s" | split-sentences | cmp -s - "$tmp/out" && [ "$st" = 0 ] &&
	    [ ! -s "$tmp/err" ]
	ok $? "text beginning like a magic number is text: '$s'"
done
# an empty input and an empty compressed input
: > "$tmp/empty"
gzip -c < "$tmp/empty" > "$tmp/empty.gz"
[ -z "$(normalize "$tmp/empty" "$tmp/empty.gz")" ]; ok $? "empty inputs, plain and gzip"

# a short first line from a writer that waits is not held up: the program
# answers before its input ends (an interactive or coprocess writer)
coproc SP { split-sentences --line-buffered; }
printf 'One. Two.\n' >&"${SP[1]}"
IFS= read -r -t 10 first <&"${SP[0]}"
exec {SP[1]}>&-
wait "$SP_PID" 2> /dev/null
[ "$first" = "One." ]; ok $? "a first line is answered before the input ends"

# a failed write with compressed input is still an error, a closed pipe
# still quiet
zstd -c < "$tmp/text" | normalize > /dev/full 2> "$tmp/err"
st=${PIPESTATUS[1]}
[ "$st" = 1 ] && grep -q 'write error' "$tmp/err"; ok $? "zstd input > /dev/full exits 1 (got $st)"
normalize "$tmp/in.xz" 2> "$tmp/err" | head -n1 > "$tmp/out"
st=${PIPESTATUS[0]}
[ "$(cat "$tmp/out")" = "1 سطر line" ] && [ ! -s "$tmp/err" ] && { [ "$st" = 0 ] || [ "$st" = 141 ]; }
ok $? "xz input | head -n1 is quiet (got $st)"

# compressed text from a writer that waits: what it flushed is answered
# before it writes more (decoded bytes are not held while the input waits)
mkfifo "$tmp/zin"
python3 - "$tmp/zin" <<'EOF' &
import os, sys, time, zlib
fd = os.open(sys.argv[1], os.O_WRONLY)
z = zlib.compressobj(wbits=31)
os.write(fd, z.compress(b"First one. Second one.\n") + z.flush(zlib.Z_SYNC_FLUSH))
time.sleep(30)
EOF
flusher=$!
split-sentences --line-buffered < "$tmp/zin" > "$tmp/zout" 2> /dev/null &
splitter=$!
for i in $(seq 1 100); do [ -s "$tmp/zout" ] && break; sleep 0.1; done
first=$(head -n1 "$tmp/zout")
kill "$flusher" "$splitter" 2> /dev/null
wait "$flusher" "$splitter" 2> /dev/null
[ "$first" = "First one." ]; ok $? "a gzip stream flushed by a waiting writer is answered at once"

# a program that stops reading an input (here on ill-formed UTF-8 with
# --invalid=fail) while the input's writer has not closed: it goes on at
# once, and does not wait for the writer
{ seq 1 1000; printf 'bad \377\n'; } | gzip -c > "$tmp/small.gz"
mkfifo "$tmp/fifo"
{ cat "$tmp/small.gz"; exec sleep 60; } > "$tmp/fifo" &
writer=$!
timeout 20 normalize --invalid=fail "$tmp/fifo" "$tmp/a" > "$tmp/out" 2> "$tmp/err"
st=$?
kill "$writer" 2> /dev/null
wait "$writer" 2> /dev/null
[ "$st" = 1 ] && grep -q 'invalid UTF-8' "$tmp/err" && [ "$(tail -n1 "$tmp/out")" = first ]
ok $? "an input left early does not wait for its writer (got $st)"
