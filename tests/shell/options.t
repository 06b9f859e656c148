#!/bin/bash
# What every program shares on its command line: a letter means what the
# table of safi(7) says, in every program; a file an option names that
# cannot be used stops the program with exit 2 before any input is read;
# --help and --version say "write error" and exit 1 when they cannot
# write; --version names the licence.
. "$(dirname "$0")/tap.sh"
export LC_ALL=C
progs="normalize strip-boilerplate split-sentences count-terms"
echo "1..21"

# 1-8. --help and --version on a full disk: a message and exit 1, as coreutils.
for p in $progs; do
	for o in --help --version; do
		"$SAFI_BUILD/$p" $o > /dev/full 2> "$tmp/err"; st=$?
		if [ $st = 1 ] && grep -q "^$p: write error: No space left on device$" "$tmp/err"; then
			ok "$p $o > /dev/full: write error, exit 1"
		else
			notok "$p $o > /dev/full: write error, exit 1" "exit $st" "$(cat "$tmp/err")"
		fi
	done
done

# 9. --version names the licence, and the licence is in the tree.
bad=""
for p in $progs; do
	"$SAFI_BUILD/$p" --version | grep -q '^License: MIT' || bad="$bad $p"
done
check "--version names the MIT licence${bad:+ (not:$bad)}" \
	test -z "$bad" -a -n "$(grep -x 'MIT License' "$top/LICENSE")"

# 10. Every "-X, --long" pair of every --help is a row of the table of
# letters in safi(7), and a program that takes a long option of the table
# takes its letter too.
awk '/^# OPTION LETTERS/ { on = 1; next } /^# / { on = 0 }
     on && /^[|[]/ { if (match($0, /-[a-z]\*/)) l = substr($0, RSTART, 2) }
     on && /^:/ && l != "" && match($0, /--[a-z-]+/) { print l, substr($0, RSTART, RLENGTH); l = "" }' \
	"$top/man/safi.7.scd" > "$tmp/table"
bad=""
for p in $progs; do
	"$SAFI_BUILD/$p" --help > "$tmp/help"
	grep -oE '^  -[a-zA-Z], --[a-z-]+' "$tmp/help" | sed 's/^  //; s/,//' > "$tmp/pairs"
	while read -r l long; do
		grep -qx -- "$l $long" "$tmp/table" || bad="$bad $p:$l,$long"
	done < "$tmp/pairs"
	while read -r l long; do
		if grep -qE -- "(^|[ ,])$long([=[ ]|\$)" "$tmp/help" && ! grep -qx -- "$l $long" "$tmp/pairs"; then
			bad="$bad $p:$long-without-$l"
		fi
	done < "$tmp/table"
done
if [ -z "$bad" ] && [ "$(wc -l < "$tmp/table")" -ge 9 ]; then
	ok "option letters: one meaning each, as safi(7) lists them"
else
	notok "option letters: one meaning each, as safi(7) lists them" "$bad" "table: $(tr '\n' ' ' < "$tmp/table")"
fi

# 11-12. The letters given up for the table are gone.
"$SAFI_BUILD/normalize" -v < /dev/null > /dev/null 2>&1; st=$?
check "normalize -v is no option (--verbose has no letter)" test $st = 2
"$SAFI_BUILD/strip-boilerplate" -n 3 < /dev/null > /dev/null 2>&1; st=$?
check "strip-boilerplate -n is no option (--min-docs has no letter)" test $st = 2

# 13-19. A file an option names that cannot be used: exit 2, a message
# naming it, and no input read (the input is a FIFO nobody writes to: a
# program that opened it would hang, and is killed after 20 s).
mkfifo "$tmp/fifo"
printf 'not a state\n' > "$tmp/bad.state"
mkdir "$tmp/dir"
for cmd in "strip-boilerplate --phrases=$tmp/missing" "strip-boilerplate -p $tmp/dir" \
    "split-sentences --abbrev=$tmp/missing" "count-terms --stopwords=$tmp/missing" \
    "count-terms --stopwords=$tmp/dir" "strip-boilerplate --state=$tmp/bad.state" \
    "strip-boilerplate -s $tmp/dir/no/such/dir/state"; do
	set -- $cmd
	timeout 20 "$SAFI_BUILD/$1" "${@:2}" "$tmp/fifo" > "$tmp/out" 2> "$tmp/err"; st=$?
	file=${cmd##*[= ]}
	if [ $st = 2 ] && [ ! -s "$tmp/out" ] && grep -qF "$file" "$tmp/err"; then
		ok "${cmd//$tmp\//}: exit 2 before any input is read"
	else
		notok "${cmd//$tmp\//}: exit 2 before any input is read" "exit $st" "$(head -3 "$tmp/err")"
	fi
done

# 20-21. --docs is common to every program and checked alike.
bad=""
for p in $progs; do
	"$SAFI_BUILD/$p" --docs=page < /dev/null > /dev/null 2> "$tmp/err"
	[ $? = 2 ] && grep -q "^$p: --docs: 'page' is not blank, line or form-feed" "$tmp/err" || bad="$bad $p"
done
check "--docs=WRONG: a usage error in every program${bad:+ (not:$bad)}" test -z "$bad"
bad=""
for p in $progs; do
	"$SAFI_BUILD/$p" --docs=line --jsonl < /dev/null > /dev/null 2>&1
	[ $? = 2 ] || bad="$bad $p"
done
check "--docs with --jsonl: a usage error in every program${bad:+ (not:$bad)}" test -z "$bad"
