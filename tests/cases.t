#!/bin/bash
# Data-driven cases: tests/cases/PROGRAM/NAME.args holds the arguments (shell
# words), NAME.in the standard input (optional), NAME.out the expected
# standard output, NAME.err the expected standard error (optional: without
# it stderr must be empty) and NAME.exit the expected status (default 0).
# Commands run in the case's directory.  SAFI_UPDATE=1 rewrites the
# expectations from what the programs do; read every rewrite before
# committing it.
: "${SAFI_BUILD:?run through make check}"
set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 PATH="$SAFI_BUILD:$PATH"
cases=()
for a in "$here"/cases/*/*.args; do
	[ -e "$a" ] && cases+=("$a")
done
echo "1..${#cases[@]}"
i=0
for a in "${cases[@]}"; do
	i=$((i + 1))
	dir=$(dirname "$a")
	prog=$(basename "$dir")
	base=${a%.args}
	name="$prog/$(basename "$base")"
	in=/dev/null
	[ -e "$base.in" ] && in="$base.in"
	args=$(cat "$a")
	(cd "$dir" && eval "exec \"\$SAFI_BUILD/$prog\" $args" <"$in" >"$tmp/out" 2>"$tmp/err")
	status=$?
	want_status=0
	[ -e "$base.exit" ] && want_status=$(cat "$base.exit")
	if [ "${SAFI_UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$base.out"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$base.err"; else rm -f "$base.err"; fi
		if [ "$status" != 0 ]; then echo "$status" >"$base.exit"; else rm -f "$base.exit"; fi
		echo "ok $i - $name (updated)"
		continue
	fi
	why=""
	if ! cmp -s "$tmp/out" "$base.out"; then
		why="stdout differs"
	elif [ -e "$base.err" ] && ! cmp -s "$tmp/err" "$base.err"; then
		why="stderr differs"
	elif [ ! -e "$base.err" ] && [ -s "$tmp/err" ]; then
		why="unexpected stderr"
	elif [ "$status" != "$want_status" ]; then
		why="exit status $status, want $want_status"
	fi
	if [ -z "$why" ]; then
		echo "ok $i - $name"
	else
		echo "not ok $i - $name: $why"
		echo "# args: $args"
		if [ "$why" = "stdout differs" ]; then
			diff <(od -c "$base.out") <(od -c "$tmp/out") | head -20 | sed 's/^/# /'
		else
			sed 's/^/# stderr: /' "$tmp/err" | head -10
		fi
	fi
done
