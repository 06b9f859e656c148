#!/bin/bash
# The man pages are the contract, so they are tested:
#  - mandoc -Tlint finds nothing to say about the committed roff;
#  - the roff is what scdoc makes of its .scd source (when scdoc is here),
#    through tools/man.sh, and stays so under a faked clock (faketime);
#  - every option PROGRAM --help prints appears in man/PROGRAM.1.scd;
#  - the EXAMPLES run: inside ``` blocks of the EXAMPLES section, a line
#    "$ COMMAND" runs COMMAND with bash (the shell a reader types them in)
#    in examples/ (build first in PATH), and
#    the lines after it, up to the next "$ " line or the end of the block,
#    are its exact standard output;
#  - a ``` block of the EXAMPLES section that starts with "/* NAME.c" is a
#    C program: it is compiled against libsafi (and must compile without a
#    warning), and "./NAME" in the commands after it runs it.
: "${SAFI_BUILD:?run through make check}"
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 PATH="$SAFI_BUILD:$PATH"
i=0
plan=0
results=()
ok() { i=$((i + 1)); results+=("ok $i - $1"); }
notok() { i=$((i + 1)); results+=("not ok $i - $1"); shift; for l in "$@"; do results+=("# $l"); done; }

for scd in "$top"/man/*.scd; do
	[ -e "$scd" ] || continue
	page=${scd%.scd}
	name=$(basename "$page")
	prog=${name%.*}
	if [ ! -e "$page" ]; then
		notok "$name: committed roff exists" "run make man"
		continue
	fi
	ok "$name: committed roff exists"
	# scdoc writes a paragraph macro after every heading, which mandoc
	# notes and skips; everything else it says is a finding.
	lint=$(mandoc -Tlint -Wwarning "$page" 2>&1 | grep -v 'skipping paragraph macro')
	if [ -z "$lint" ]; then
		ok "$name: mandoc -Tlint is clean"
	else
		notok "$name: mandoc -Tlint is clean" "$lint"
	fi
	if command -v scdoc >/dev/null; then
		if sh "$top/tools/man.sh" "$scd" | cmp -s - "$page"; then
			ok "$name: roff matches its scdoc source"
		else
			notok "$name: roff matches its scdoc source" "run make man"
		fi
		# The page's date comes from its source, not from the clock or
		# from a SOURCE_DATE_EPOCH the caller happens to export.
		if command -v faketime >/dev/null; then
			if faketime '2031-07-15 12:00:00' env SOURCE_DATE_EPOCH=0 \
			       sh "$top/tools/man.sh" "$scd" | cmp -s - "$page"; then
				ok "$name: roff is the same on another day"
			else
				notok "$name: roff is the same on another day" \
				    "$(faketime '2031-07-15 12:00:00' sh "$top/tools/man.sh" "$scd" | diff - "$page" | head -5)"
			fi
		fi
	fi
	if [ -x "$SAFI_BUILD/$prog" ]; then
		missing=""
		for opt in $("$prog" --help | grep -oE -- '(^|[ ,[])--?[a-zA-Z0-9][a-zA-Z0-9-]*' |
		             sed 's/^[ ,[]*//' | sort -u); do
			if ! grep -qE -- "(^|[^a-zA-Z0-9-])$opt([^a-zA-Z0-9-]|\$)" "$scd"; then
				missing="$missing $opt"
			fi
		done
		if [ -z "$missing" ]; then
			ok "$name: every --help option is documented"
		else
			notok "$name: every --help option is documented" "missing:$missing"
		fi
	fi
	# Extract the examples as NUL-separated "command\037expected" records,
	# and the C programs as "\001NAME\037source" records.
	awk '
	!block && /^# / { in_ex = ($0 ~ /^# EXAMPLES/); next }
	in_ex && /^[\t ]*```/ { if (block) { flush(); block = 0 } else { block = 1; first = 1 }; next }
	function flush() {
		if (cmd != "") printf "%s\037%s%c", cmd, want, 0
		if (cname != "") printf "\001%s\037%s%c", cname, csrc, 0
		cmd = ""; want = ""; cname = ""; csrc = ""
	}
	# scdoc reads "\X" as X: the page shows, and the test runs, the text
	# as a reader sees it.
	function unescape(s,    r, i, c) {
		r = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\\" && i < length(s)) { i++; c = substr(s, i, 1) }
			r = r c
		}
		return r
	}
	in_ex && block && first && /^\/\* [a-z0-9-]+\.c / {
		cname = $2; sub(/\.c$/, "", cname)
	}
	in_ex && block && cname != "" { csrc = csrc unescape($0) "\n"; first = 0; next }
	in_ex && block {
		first = 0
		line = $0; sub(/^\t/, "", line); line = unescape(line)
		if (line ~ /^\$ /) { flush(); cmd = substr(line, 3) }
		else if (cmd != "") want = want line "\n"
	}' "$scd" > "$tmp/examples"
	n=0
	cnames=()
	mkdir -p "$tmp/cbin"
	while IFS= read -r -d '' rec; do
		n=$((n + 1))
		if [ "${rec:0:1}" = $'\001' ]; then
			cname=${rec%%$'\037'*}
			cname=${cname#$'\001'}
			printf '%s' "${rec#*$'\037'}" > "$tmp/$cname.c"
			# as a user builds it, but against the library of this build
			# (static, linked as the build was: make sanitize links with
			# the sanitizers)
			if ${SAFI_CC:-cc} ${SAFI_LDFLAGS:-} -std=c11 -Wall -Wextra -Werror \
			    -I"$top/lib" -o "$tmp/cbin/$cname" "$tmp/$cname.c" "$SAFI_BUILD/libsafi.a" \
			    $(pkg-config --libs icu-uc icu-i18n libutf8proc) -lm 2> "$tmp/err"; then
				ok "$name: example $n: $cname.c compiles"
				cnames+=("$cname")
			else
				notok "$name: example $n: $cname.c compiles" "$(head -c 600 "$tmp/err")"
			fi
			continue
		fi
		cmd=${rec%%$'\037'*}
		want=${rec#*$'\037'}
		run=$cmd
		for c in "${cnames[@]}"; do run=${run//.\/$c/$tmp\/cbin\/$c}; done
		got=$(cd "$top/examples" && bash -c "$run" 2>"$tmp/err"; echo x)
		got=${got%x}
		if [ "$got" = "$want" ]; then
			ok "$name: example $n: $cmd"
		else
			notok "$name: example $n: $cmd" "want:" "$want" "got:" "$got" \
			    "stderr: $(head -c 300 "$tmp/err")"
		fi
	done < "$tmp/examples"
done
echo "1..$i"
printf '%s\n' "${results[@]}"
