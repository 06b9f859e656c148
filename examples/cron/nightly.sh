#!/bin/sh
# A nightly job for a corpus that grows by one scrape a day.
#
#   # crontab -e
#   30 2 * * *  /usr/local/share/safi/nightly.sh /srv/scrapes /srv/corpus
#
# Reads the pages scraped since the last run from SCRAPES/YYYY-MM-DD/,
# appends their clean sentences to CORPUS/YYYY-MM-DD.txt and keeps a
# running term count.  strip-boilerplate's state file remembers, night after
# night, which lines recur across each site's pages, so the site's furniture
# is learnt.  Exit status is non-zero if any step failed, so cron mails it.
set -eu
scrapes=$1
corpus=$2
day=${3:-$(date -u -d yesterday +%Y-%m-%d)}
mkdir -p "$corpus"
state="$corpus/boilerplate.state"

set -- "$scrapes/$day"/*.txt
[ -e "$1" ] || { echo "nightly: no pages for $day" >&2; exit 0; }

tmp=$(mktemp "$corpus/.$day.XXXXXX")
trap 'rm -f "$tmp"' EXIT
for page; do
	normalize --preset=train "$page"
	printf '\f\n'
done | strip-boilerplate --state="$state" | split-sentences > "$tmp"
mv "$tmp" "$corpus/$day.txt"
trap - EXIT

# Today's counts merged into the running total.
count-terms "$corpus/$day.txt" > "$corpus/$day.terms"
if [ -e "$corpus/all.terms" ]; then
	count-terms --merge "$corpus/all.terms" "$corpus/$day.terms" > "$corpus/all.terms.new"
else
	cp "$corpus/$day.terms" "$corpus/all.terms.new"
fi
mv "$corpus/all.terms.new" "$corpus/all.terms"
