#!/bin/sh
# A nightly job for a corpus that grows by one scrape a day.
#
#   # crontab -e
#   30 2 * * *  /usr/local/share/safi/examples/cron/nightly.sh /srv/scrapes /srv/corpus
#
#   nightly.sh SCRAPES CORPUS [YYYY-MM-DD]
#
# Reads the pages scraped on a day (default: yesterday, UTC) from
# SCRAPES/YYYY-MM-DD/*.txt, each page a document in UTF-8 or a legacy
# charset (detected), and writes
#
#   CORPUS/YYYY-MM-DD.txt     the day's clean sentences
#   CORPUS/YYYY-MM-DD.terms   the day's term counts
#   CORPUS/all.terms          the term counts of every day so far
#
# strip-boilerplate's state, CORPUS/boilerplate.state, remembers night after
# night which lines recur across each site's pages, so that the sites'
# furniture is learnt.
#
# A failure is loud: a message and a non-zero status (cron mails them), and
# nothing of the day before is lost, since every output is written aside
# and renamed into place only when every step has succeeded.  Running a day
# again gives the same files: all.terms is summed anew from the days'
# files, and the state learns each day once (running the last day again
# starts from the state before it; running an earlier day again judges it
# with the state as it is, and leaves the state alone).  Runs over the
# same CORPUS wait for each other.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# cron's PATH is short: find the programs where make install put them
# (it writes its BINDIR here), else in the build tree, or in $SAFI_BIN.
bindir='@BINDIR@'
case $bindir in @*) bindir=$here/../../build ;; esac
PATH=${SAFI_BIN:-$bindir}:/usr/local/bin:/usr/bin:/bin:$PATH
export PATH

fail() { echo "nightly: $*" >&2; exit 1; }

[ $# -ge 2 ] || { echo "usage: nightly.sh SCRAPES CORPUS [YYYY-MM-DD]" >&2; exit 2; }
scrapes=$1
corpus=$2
day=${3:-$(date -u -d yesterday +%Y-%m-%d)}
case $day in
[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]) ;;
*) fail "$day: not a day (YYYY-MM-DD)" ;;
esac
[ -d "$scrapes/$day" ] || fail "$scrapes/$day: no such directory: no pages for $day"
set -- "$scrapes/$day"/*.txt
[ -e "$1" ] || fail "$scrapes/$day: no pages (*.txt) for $day"
command -v normalize > /dev/null || fail "normalize not found in $PATH (set SAFI_BIN)"

mkdir -p "$corpus"
exec 9> "$corpus/.nightly.lock"
flock 9 || fail "$corpus/.nightly.lock: cannot lock"
work=$(mktemp -d "$corpus/.nightly.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# Which state the day starts from (see above).
state=$corpus/boilerplate.state
learnt=$corpus/boilerplate.days
last=$(tail -n 1 "$learnt" 2> /dev/null || true)
if [ "$day" = "$last" ]; then
	base=$state.before
	learn=again
elif [ -e "$learnt" ] && grep -qx "$day" "$learnt"; then
	base=$state
	learn=no
else
	base=$state
	learn=new
fi
if [ -e "$base" ]; then
	cp "$base" "$work/state" || fail "$base: cannot copy"
fi

normalize --from=auto --preset=train "$@" > "$work/normalized" ||
	fail "normalize failed on the pages of $day; nothing was changed"
strip-boilerplate --state="$work/state" "$work/normalized" > "$work/stripped" ||
	fail "strip-boilerplate failed on a copy of $base (a corrupt state must be moved away); nothing was changed"
split-sentences "$work/stripped" > "$work/day.txt" ||
	fail "split-sentences failed; nothing was changed"
count-terms "$work/day.txt" > "$work/day.terms" ||
	fail "count-terms failed; nothing was changed"

# The running total: every other day's counts and this day's.
for f in "$corpus"/[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].terms; do
	if [ -e "$f" ] && [ "$f" != "$corpus/$day.terms" ]; then
		printf '%s\n' "$f"
	fi
done > "$work/days"
echo "$work/day.terms" >> "$work/days"
# one file name a line: xargs would split names at blanks
set --
while IFS= read -r f; do set -- "$@" "$f"; done < "$work/days"
count-terms --merge "$@" > "$work/all.terms" || fail "count-terms --merge failed; nothing was changed"

# Every step succeeded: into place.
case $learn in
new)
	if [ -e "$state" ]; then
		cp "$state" "$work/state.before" && mv "$work/state.before" "$state.before" ||
			fail "$state.before: cannot write"
	else
		rm -f "$state.before"
	fi
	mv "$work/state" "$state"
	{ cat "$learnt" 2> /dev/null || true; echo "$day"; } > "$work/days.learnt"
	mv "$work/days.learnt" "$learnt"
	;;
again)
	mv "$work/state" "$state"
	;;
esac
mv "$work/day.txt" "$corpus/$day.txt"
mv "$work/day.terms" "$corpus/$day.terms"
mv "$work/all.terms" "$corpus/all.terms"
