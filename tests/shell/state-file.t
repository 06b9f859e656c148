#!/bin/bash
# The --state file (strip-boilerplate; cmd/common/cli_state.c): only a
# regular file is read and replaced; a symbolic link is followed and stays
# a link; the file keeps its mode, owner and group; an empty name is a
# usage error; the temporary files of a save that was killed are removed
# by the next run.
. "$(dirname "$0")/tap.sh"
prog=$SAFI_BUILD/strip-boilerplate
page=$top/tests/cases/strip-boilerplate/en-page.in
skip() { n=$((n + 1)); echo "ok $n # skip $1"; }
# check NAME CONDITION [DIAGNOSTIC]: here a condition that is evaluated
check() { local name=$1; shift; if eval "$1"; then ok "$name"; else notok "$name" "${2:-}"; fi; }
generation() { sed -n 2p "$1" | cut -d' ' -f2; }
echo "1..17"

# -s '': a usage error before any input, no lock file, no output.
mkdir "$tmp/cwd"
(cd "$tmp/cwd" && printf 'Some text here.\n' | "$prog" -s '' > "$tmp/out" 2> "$tmp/err"); st=$?
check "-s '': exit 2, says why" '[ $st = 2 ] && grep -q "empty" "$tmp/err"' "status $st: $(cat "$tmp/err")"
check "-s '': no output, no lock file left" '[ ! -s "$tmp/out" ] && [ -z "$(ls -A "$tmp/cwd")" ]'
(cd "$tmp/cwd" && "$prog" --state= < /dev/null > /dev/null 2>&1); st=$?
check "--state=: exit 2" '[ $st = 2 ]'

# Anything but a regular file is refused before any input, as a file an
# option names that cannot be used (exit 2), and left as it is.
mkfifo "$tmp/fifo"
timeout 20 "$prog" -s "$tmp/fifo" "$page" > "$tmp/out" 2> "$tmp/err"; st=$?
check "a FIFO: refused, exit 2, named" '[ $st = 2 ] && grep -q "fifo: not a regular file" "$tmp/err"' "status $st: $(cat "$tmp/err")"
check "a FIFO: still a FIFO, no output, no lock" '[ -p "$tmp/fifo" ] && [ ! -s "$tmp/out" ] && [ ! -e "$tmp/fifo.lock" ]'
mkdir "$tmp/dir"
"$prog" -s "$tmp/dir" "$page" > "$tmp/out" 2> "$tmp/err"; st=$?
check "a directory: refused, exit 2" '[ $st = 2 ] && grep -q "dir: not a regular file" "$tmp/err" && [ -d "$tmp/dir" ]'
if mknod "$tmp/null" c 1 3 2> /dev/null; then
	"$prog" -s "$tmp/null" "$page" > "$tmp/out" 2> "$tmp/err"; st=$?
	check "a device node: refused, exit 2, still the device" \
		'[ $st = 2 ] && [ -c "$tmp/null" ] && grep -q "null: not a regular file" "$tmp/err"' "status $st: $(cat "$tmp/err")"
else
	skip "a device node (mknod needs root)"
fi

# A symbolic link is followed: the file it points to is the state, and the
# link stays a link (also a link to a link, and a relative one).
mkdir "$tmp/states"
"$prog" -s "$tmp/states/site.state" "$page" > /dev/null
ln -s states/site.state "$tmp/link.state"
ln -s "$tmp/link.state" "$tmp/link2.state"
"$prog" -s "$tmp/link.state" "$page" > /dev/null 2> "$tmp/err"; st=$?
"$prog" -s "$tmp/link2.state" "$page" > /dev/null 2>> "$tmp/err"
check "a symlink: still a link, its target updated" \
	'[ $st = 0 ] && [ -L "$tmp/link.state" ] && [ -L "$tmp/link2.state" ] && [ "$(generation "$tmp/states/site.state")" = 3 ]' "$(cat "$tmp/err")"
check "a symlink: the lock is beside the target" '[ -e "$tmp/states/site.state.lock" ] && [ ! -e "$tmp/link.state.lock" ]'
ln -s states/missing.state "$tmp/dangling.state"
"$prog" -s "$tmp/dangling.state" "$page" > "$tmp/out" 2> "$tmp/err"; st=$?
check "a dangling symlink: refused, exit 2, named" '[ $st = 2 ] && grep -q "dangling.state" "$tmp/err" && [ -L "$tmp/dangling.state" ] && [ ! -s "$tmp/out" ]'

# The replaced file keeps its mode, owner and group; a new one follows the umask.
chmod 0640 "$tmp/states/site.state"
"$prog" -s "$tmp/states/site.state" "$page" > /dev/null
check "mode 0640 kept" '[ "$(stat -c %a "$tmp/states/site.state")" = 640 ]' "mode $(stat -c %a "$tmp/states/site.state")"
if [ "$(id -u)" = 0 ]; then
	chown 65534:65534 "$tmp/states/site.state"
	"$prog" -s "$tmp/states/site.state" "$page" > /dev/null
	check "owner and group kept" '[ "$(stat -c %u:%g "$tmp/states/site.state")" = 65534:65534 ]' "owner $(stat -c %u:%g "$tmp/states/site.state")"
else
	skip "owner and group kept (chown needs root)"
fi
(umask 027; "$prog" -s "$tmp/new.state" "$page" > /dev/null)
check "a new state file follows the umask" '[ "$(stat -c %a "$tmp/new.state")" = 640 ]' "mode $(stat -c %a "$tmp/new.state")"

# Temporary files of a save that was killed (FILE.tmp.XXXXXX, as mkstemp
# names them) are removed by the next run; other files are not.
s=$tmp/states/site.state
for f in "$s.tmp.AbC123" "$s.tmp.zz9ZZ0" "$s.tmp.AbC12" "$s.tmp.AbC1234" "$s.tmp.AbC-23" "$tmp/states/other.state.tmp.AbC123"; do
	printf 'half a state\n' > "$f"
done
"$prog" -s "$s" "$page" > /dev/null 2> "$tmp/err"; st=$?
check "stale temporary files removed" '[ $st = 0 ] && [ ! -e "$s.tmp.AbC123" ] && [ ! -e "$s.tmp.zz9ZZ0" ]'
check "other files kept" '[ -e "$s.tmp.AbC12" ] && [ -e "$s.tmp.AbC1234" ] && [ -e "$s.tmp.AbC-23" ] && [ -e "$tmp/states/other.state.tmp.AbC123" ]'

# A save killed at random points never leaves a torn state, and the next
# run cleans up after it.
for i in $(seq 300); do cat "$page"; printf '\f\n'; done > "$tmp/pages.txt"
for i in 1 2 3 4 5 6 7 8; do
	"$prog" --min-docs=0 -s "$tmp/k.state" "$tmp/pages.txt" > /dev/null 2>&1 &
	sleep "0.0$i"; kill -9 $! 2> /dev/null; wait $! 2> /dev/null
done
"$prog" -s "$tmp/k.state" "$page" > /dev/null 2> "$tmp/err"; st=$?
check "after kill -9 during runs: the next run succeeds" '[ $st = 0 ] && head -n1 "$tmp/k.state" | grep -q "^safi-strip-boilerplate-state "' "$(cat "$tmp/err")"
check "after kill -9 during runs: no temporary file left" '[ -z "$(ls "$tmp" | grep "k.state.tmp")" ]'
