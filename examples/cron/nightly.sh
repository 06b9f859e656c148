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
# The day's pages go through the README's pipeline,
#
#   normalize | strip-boilerplate | dedup | split-sentences
#
# with two states that carry over from night to night:
# CORPUS/boilerplate.state remembers which lines recur across each site's
# pages, so that the sites' furniture is learnt, and CORPUS/dedup.state
# remembers the pages kept (for 30 nights after they were last seen: see
# --state-age in dedup(1)), so that a page that copies one kept on an
# earlier night (an agency story another site runs a day later, a page
# scraped again) is dropped.  That state names each page by its day and
# the line where it starts in the day's stripped text (2026-03-01:57).
#
# A failure is loud: a message and a non-zero status (cron mails them), and
# nothing of the day before is lost, since every output is written aside
# and renamed into place only when every step has succeeded.  The states
# learn each day once, and CORPUS/boilerplate.days lists the days they
# learnt.  Running the last day again starts from the states before it
# (kept as *.state.before) and gives the same files, byte for byte;
# all.terms is summed anew from the days' files.  Running an earlier day
# again is refused: the states already hold it (dedup's would drop every
# page of the day as a copy of itself) and the days after it, so it cannot
# be judged again without them; to redo it, move the states and
# boilerplate.days away and run every day again in order.  A day never run
# (one missed, run late) is new: it is judged after the days already
# learnt.  Runs over the same CORPUS wait for each other.
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

# Which states the day starts from (see above): copies of them, in $work.
learnt=$corpus/boilerplate.days
last=$(tail -n 1 "$learnt" 2> /dev/null || true)
if [ "$day" = "$last" ]; then
	before=.before
	learn=again
elif [ -e "$learnt" ] && grep -qx "$day" "$learnt"; then
	fail "$day was learnt before $last: the states hold its pages and the days after it, so only $last can be run again (to redo $day, move $corpus/*.state* and $learnt away and run every day again in order); nothing was changed"
else
	before=
	learn=new
fi
for s in boilerplate dedup; do
	if [ -e "$corpus/$s.state$before" ]; then
		cp "$corpus/$s.state$before" "$work/$s.state" || fail "$corpus/$s.state$before: cannot copy"
	fi
done

normalize --from=auto --preset=train "$@" > "$work/normalized" ||
	fail "normalize failed on the pages of $day; nothing was changed"
strip-boilerplate --state="$work/boilerplate.state" "$work/normalized" > "$work/$day" ||
	fail "strip-boilerplate failed on a copy of $corpus/boilerplate.state$before (a corrupt state must be moved away); nothing was changed"
# Read as "$day" from $work, so that the state names its pages by the day.
(cd "$work" && exec dedup --state=dedup.state "$day") > "$work/unique" ||
	fail "dedup failed on a copy of $corpus/dedup.state$before (a corrupt state must be moved away); nothing was changed"
split-sentences "$work/unique" > "$work/day.txt" ||
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

# Every step succeeded: into place.  In an order that a run stopped
# midway (a crash, a full disk) and run again puts right: the states before
# the day, then the day in the list (from then on a rerun starts from
# those), then the new states, then the day's files.
if [ $learn = new ]; then
	for s in boilerplate dedup; do
		if [ -e "$corpus/$s.state" ]; then
			cp "$corpus/$s.state" "$work/$s.state.before" &&
				mv "$work/$s.state.before" "$corpus/$s.state.before" ||
				fail "$corpus/$s.state.before: cannot write"
		else
			rm -f "$corpus/$s.state.before"
		fi
	done
	{ cat "$learnt" 2> /dev/null || true; echo "$day"; } > "$work/days.learnt"
	mv "$work/days.learnt" "$learnt"
fi
mv "$work/boilerplate.state" "$corpus/boilerplate.state"
mv "$work/dedup.state" "$corpus/dedup.state"
mv "$work/day.txt" "$corpus/$day.txt"
mv "$work/day.terms" "$corpus/$day.terms"
mv "$work/all.terms" "$corpus/all.terms"
