#!/bin/bash
# Standard descriptors, in every program: one closed at start-up is never
# taken by a file the program opens itself (a lock, a spill file), and a
# closed pipe downstream is a quiet end even when SIGPIPE is ignored (as
# systemd services and some callers leave it).
. "$(dirname "$0")/tap.sh"
progs="normalize split-sentences strip-boilerplate count-terms dedup"
echo "1..13"

page=$top/tests/cases/strip-boilerplate/en-page.in

# A closed stdout: the lock file beside the state is not the output (more
# of it than the output buffer holds), and the failed output is an error.
for i in $(seq 300); do cat "$page"; printf '\f\n'; done > "$tmp/pages.txt"
"$SAFI_BUILD/strip-boilerplate" --min-docs=0 -s "$tmp/L" "$tmp/pages.txt" >&- 2> "$tmp/err"; st=$?
if [ ! -s "$tmp/L.lock" ] && [ $st = 1 ] && grep -q "write error" "$tmp/err"; then
	ok "strip-boilerplate >&-: nothing written into the lock file, write error, exit 1"
else notok "strip-boilerplate >&-: nothing written into the lock file, write error, exit 1" \
	"status $st, lock file $(wc -c < "$tmp/L.lock") bytes" "$(cat "$tmp/err")"; fi

# A closed stderr: the messages do not land in a spill file (the counts
# stay right).
for i in $(seq 30000); do printf 'word%d bad\377 byte\n' "$i"; done > "$tmp/bad.txt"
"$SAFI_BUILD/count-terms" --bare --max-memory=1K < "$tmp/bad.txt" > "$tmp/a.tsv" 2> /dev/null
"$SAFI_BUILD/count-terms" --bare --max-memory=1K < "$tmp/bad.txt" > "$tmp/b.tsv" 2>&-
if [ "$(wc -l < "$tmp/a.tsv")" = 30002 ] && cmp -s "$tmp/a.tsv" "$tmp/b.tsv"; then
	ok "count-terms --max-memory 2>&-: the same counts as with stderr open"
else notok "count-terms --max-memory 2>&-: the same counts as with stderr open" \
	"$(diff "$tmp/a.tsv" "$tmp/b.tsv" | head -4)"; fi

# A closed stdin is an input that cannot be read; a FILE argument is read
# whatever descriptor it gets.
for prog in normalize split-sentences; do
	"$SAFI_BUILD/$prog" <&- > "$tmp/out" 2> "$tmp/err"; st=$?
	if [ $st = 1 ] && grep -q "standard input.*read error" "$tmp/err"; then
		ok "$prog <&-: a read error, exit 1"
	else notok "$prog <&-: a read error, exit 1" "status $st" "$(cat "$tmp/err")"; fi
done
printf 'One. Two.\n' > "$tmp/f"
"$SAFI_BUILD/split-sentences" "$tmp/f" "$tmp/f" <&- > "$tmp/out" 2> "$tmp/err"; st=$?
if [ $st = 0 ] && [ "$(grep -c . "$tmp/out")" = 5 ]; then ok "split-sentences FILE FILE <&-: both files read"
else notok "split-sentences FILE FILE <&-: both files read" "status $st" "$(cat "$tmp/err")"; fi

# SIGPIPE ignored: | head ends every program quietly, with status 0.
for i in $(seq 20000); do printf 'Line %d of the text. Another sentence %d follows it.\n' "$i" "$i"; done > "$tmp/big.txt"
for prog in $progs; do
	args=
	[ "$prog" = strip-boilerplate ] && args="--min-docs=0 --min-words=1 --min-stop=0"
	(trap '' PIPE; "$SAFI_BUILD/$prog" $args "$tmp/big.txt" 2> "$tmp/err" | head -n1 > /dev/null
	 exit "${PIPESTATUS[0]}"); st=$?
	if [ $st = 0 ] && [ ! -s "$tmp/err" ]; then ok "$prog: SIGPIPE ignored, | head: quiet, exit 0"
	else notok "$prog: SIGPIPE ignored, | head: quiet, exit 0" "status $st" "$(cat "$tmp/err")"; fi
done
# the same with read-warc, and with a compressed input (read by a thread)
for i in $(seq 300); do cat "$top/tests/cases/read-warc/wet.warc"; done > "$tmp/big.warc"
gzip -c < "$tmp/big.txt" > "$tmp/big.txt.gz"
for cmd in "read-warc $tmp/big.warc" "split-sentences $tmp/big.txt.gz"; do
	(trap '' PIPE; "$SAFI_BUILD"/$cmd 2> "$tmp/err" | head -n1 > /dev/null
	 exit "${PIPESTATUS[0]}"); st=$?
	if [ $st = 0 ] && [ ! -s "$tmp/err" ]; then ok "${cmd%% *} ${cmd##*.}: SIGPIPE ignored, | head: quiet, exit 0"
	else notok "${cmd%% *} ${cmd##*.}: SIGPIPE ignored, | head: quiet, exit 0" "status $st" "$(cat "$tmp/err")"; fi
done
(trap '' PIPE; "$SAFI_BUILD/normalize" --help 2> "$tmp/err" | head -c1 > /dev/null; exit "${PIPESTATUS[0]}"); st=$?
if [ $st = 0 ] && [ ! -s "$tmp/err" ]; then ok "--help | head -c1, SIGPIPE ignored: quiet, exit 0"
else notok "--help | head -c1, SIGPIPE ignored: quiet, exit 0" "status $st"; fi
