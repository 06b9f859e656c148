#!/bin/sh
# The steps of a corpus cleaned in shards, each of them run many times at
# once (on a Slurm cluster: submit.sh; over ssh hosts with GNU parallel:
# ../scale-out-hosts.sh) and all of them together giving, byte for byte,
# what one process gives over the whole corpus.
#
#   steps.sh plan  WORK INPUT_DIR   list the shards of INPUT_DIR
#   steps.sh count WORK            print how many shards there are
#   steps.sh learn WORK I          shard I: normalize, and count its lines
#   steps.sh merge WORK            add up the shards' counts of lines
#   steps.sh strip WORK I          shard I: strip the page furniture with
#                                  the sum, and write dedup's signatures
#   steps.sh dedup WORK            decide on every shard's documents at once
#   steps.sh clean WORK I          shard I: drop the duplicates, split
#                                  sentences, count terms
#   steps.sh reduce WORK OUT_DIR   put the shards' outputs together
#
# A shard is an entry of INPUT_DIR, in name order: a directory of pages
# (every *.txt file a document, in UTF-8 or a legacy charset, detected), a
# JSON Lines file (*.jsonl, compressed or not: every record a document), a
# WARC or Common Crawl WET file (*.warc*: every text record a document,
# with its URL and record id as JSON Lines fields), or a text file of
# documents between form-feed lines (compressed or not).  The shards of one
# corpus are of one kind: text or JSON Lines.
#
# OUT_DIR receives clean.txt (clean.jsonl for JSON Lines: the records in
# order), terms.tsv (term counts) and stats.json (each program's
# statistics, summed over the shards): what one process writes with
#
#   normalize | strip-boilerplate | dedup | split-sentences
#
# over the shards in order, and count-terms over that.  strip-boilerplate
# learns which lines recur over the whole corpus in two passes: every
# shard counts its lines into a state of its own (learn), the states are
# added up (merge), and every shard is judged with the sum (strip), as one
# process judges the whole corpus with the state of a first pass over it.
# dedup is map, merge and filter: every shard writes the fingerprints of
# its stripped documents (strip), one job decides on them all in shard
# order (dedup), and every shard drops what the decisions say (clean), so
# that a copy in one shard of a page in another goes as it would in one
# process.
#
# Every step writes aside and renames into place when it has succeeded, so
# a failed step leaves no output that looks complete, and a step run again
# (a re-submitted job) gives the same bytes.  A failure ends the step with
# a message and status 1.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bindir='@BINDIR@'
case $bindir in @*) bindir=$here/../../build ;; esac
PATH=${SAFI_BIN:-$bindir}:$PATH
export PATH
# Options of the programs, the same in every shard (COUNT_OPTS: count-terms).
COUNT_OPTS=${COUNT_OPTS:---preset=search}

fail() { echo "steps.sh $step: $*" >&2; exit 1; }
usage() { echo "usage: steps.sh plan|count|learn|merge|strip|dedup|clean|reduce WORK [ARG]" >&2; exit 2; }

[ $# -ge 2 ] || usage
step=$1
work=$2

# The shard of index $1 and what kind it is: sets shard and kind.
shard_of() {
	case $1 in '' | *[!0-9]*) fail "$1: not a shard index" ;; esac
	shard=$(sed -n "$(($1 + 1))p" "$work/shards")
	[ -n "$shard" ] || fail "no shard $1 in $work/shards"
	case $shard in
	*.warc | *.warc.* | *.wet | *.wet.*) kind=warc ;;
	*.jsonl | *.jsonl.*) kind=jsonl ;;
	*) kind=text ;;
	esac
}

# Fails unless every shard has its file in $work/$1; $2 says what it lacks.
every_shard() {
	n=$(wc -l < "$work/shards")
	i=0
	while [ "$i" -lt "$n" ]; do
		[ -e "$work/$1/$i" ] || fail "shard $i $2"
		i=$((i + 1))
	done
}

# The JSON Lines option of the programs, for the corpus's kind.
jsonl_opt() {
	head -n 1 "$work/shards" | grep -qE '\.(jsonl|warc|wet)(\.|$)' && echo --jsonl || true
}

# A step over one shard after a step over them all: shard_step ARGC I FILE
# STEP sets i, shard, kind and j (jsonl_opt), and fails unless the step
# STEP has made $work/FILE.
shard_step() {
	[ "$1" -eq 3 ] || usage
	i=$2
	shard_of "$i"
	j=$(jsonl_opt)
	[ -e "$work/$3" ] || fail "no $work/$3 (run $4)"
}

case $step in
plan)
	[ $# -eq 3 ] || usage
	in=$3
	[ -d "$in" ] || fail "$in: no such directory"
	mkdir -p "$work"
	# Absolute names, so that every job finds them wherever it runs.
	in=$(cd "$in" && pwd)
	find "$in" -mindepth 1 -maxdepth 1 ! -name '.*' | LC_ALL=C sort > "$work/shards.tmp"
	[ -s "$work/shards.tmp" ] || fail "$in: no shards"
	mv "$work/shards.tmp" "$work/shards"
	mkdir -p "$work/norm" "$work/state" "$work/strip" "$work/sig" "$work/clean" \
	    "$work/terms" "$work/stats"
	;;
count)
	wc -l < "$work/shards"
	;;
learn)
	[ $# -eq 3 ] || usage
	i=$3
	shard_of "$i"
	out=$work/norm/$i
	case $kind in
	text)
		if [ -d "$shard" ]; then
			set -- "$shard"/*.txt
			[ -e "$1" ] || fail "$shard: no pages (*.txt)"
			normalize --from=auto --preset=train --stats="$work/stats/$i.normalize.json" \
			    "$@" > "$out.tmp" || fail "normalize failed on shard $i ($shard)"
		else
			normalize --preset=train --stats="$work/stats/$i.normalize.json" \
			    "$shard" > "$out.tmp" || fail "normalize failed on shard $i ($shard)"
		fi ;;
	jsonl)
		normalize --jsonl --preset=train --stats="$work/stats/$i.normalize.json" \
		    "$shard" > "$out.tmp" || fail "normalize failed on shard $i ($shard)" ;;
	warc)
		read-warc --stats="$work/stats/$i.read-warc.json" "$shard" > "$out.warc.tmp" ||
			fail "read-warc failed on shard $i ($shard)"
		normalize --jsonl --preset=train --stats="$work/stats/$i.normalize.json" \
		    "$out.warc.tmp" > "$out.tmp" || fail "normalize failed on shard $i ($shard)"
		rm -f "$out.warc.tmp" ;;
	esac
	# Counted afresh each time, so that a step run again counts once.
	rm -f "$work/state/$i" "$work/state/$i.tmp"
	strip-boilerplate $(jsonl_opt) -s "$work/state/$i.tmp" "$out.tmp" > /dev/null ||
		fail "strip-boilerplate failed to count the lines of shard $i"
	mv "$out.tmp" "$out"
	mv "$work/state/$i.tmp" "$work/state/$i"
	rm -f "$work/state/$i.tmp.lock"
	;;
merge)
	every_shard state "has not counted its lines (run learn)"
	strip-boilerplate --merge-states "$work"/state/[0-9]* > "$work/boilerplate.state.tmp" ||
		fail "the shards' states could not be added up"
	mv "$work/boilerplate.state.tmp" "$work/boilerplate.state"
	;;
strip)
	shard_step $# "${3-}" boilerplate.state merge
	[ -e "$work/norm/$i" ] || fail "shard $i is not normalized (run learn)"
	strip-boilerplate $j --frozen -s "$work/boilerplate.state" \
	    --stats="$work/stats/$i.strip-boilerplate.json" "$work/norm/$i" > "$work/strip/$i.tmp" ||
		fail "strip-boilerplate failed on shard $i"
	mv "$work/strip/$i.tmp" "$work/strip/$i"
	# The signatures name the documents by this file and line; the
	# shard is done when they are in place.
	dedup $j --signatures --shard="$i" "$work/strip/$i" > "$work/sig/$i.tmp" ||
		fail "dedup failed to write the signatures of shard $i"
	mv "$work/sig/$i.tmp" "$work/sig/$i"
	;;
dedup)
	[ $# -eq 2 ] || usage
	every_shard sig "has no signatures (run strip)"
	dedup --merge "$work"/sig/[0-9]* > "$work/verdicts.tmp" ||
		fail "the shards' signatures could not be merged"
	mv "$work/verdicts.tmp" "$work/verdicts"
	;;
clean)
	shard_step $# "${3-}" verdicts dedup
	# bash would say which stage of a pipe failed; sh runs each apart.
	dedup $j --verdicts="$work/verdicts" --shard="$i" --stats="$work/stats/$i.dedup.json" \
	    "$work/strip/$i" > "$work/clean/$i.unique" ||
		fail "dedup failed on shard $i"
	split-sentences $j --stats="$work/stats/$i.split-sentences.json" \
	    "$work/clean/$i.unique" > "$work/clean/$i.tmp" ||
		fail "split-sentences failed on shard $i"
	rm -f "$work/clean/$i.unique"
	# shellcheck disable=SC2086
	count-terms $j $COUNT_OPTS --stats="$work/stats/$i.count-terms.json" \
	    "$work/clean/$i.tmp" > "$work/terms/$i.tmp" || fail "count-terms failed on shard $i"
	mv "$work/terms/$i.tmp" "$work/terms/$i"
	mv "$work/clean/$i.tmp" "$work/clean/$i"
	;;
reduce)
	[ $# -eq 3 ] || usage
	out=$3
	n=$(wc -l < "$work/shards")
	j=$(jsonl_opt)
	name=clean.txt
	[ -n "$j" ] && name=clean.jsonl
	mkdir -p "$out"
	: > "$work/all.tmp"
	i=0
	while [ "$i" -lt "$n" ]; do
		[ -e "$work/clean/$i" ] || fail "shard $i is not clean (run clean)"
		# Put one after another as they are: dedup's filter steps wrote
		# the form-feed lines one process writes between the documents
		# of two shards (and none after a shard whose every document
		# went).
		cat "$work/clean/$i" >> "$work/all.tmp"
		i=$((i + 1))
	done
	# shellcheck disable=SC2086
	count-terms --merge "$work"/terms/[0-9]* > "$work/terms.tmp" ||
		fail "the shards' term counts could not be merged"
	# Each program's statistics, summed field by field over the shards.
	for f in "$work"/stats/*.json; do
		p=${f##*/}
		p=${p#*.}
		printf '%s\t%s\n' "${p%.json}" "$f"
	done | LC_ALL=C sort > "$work/stats.list"
	{
		printf '{'
		sep=
		for p in $(cut -f 1 "$work/stats.list" | uniq); do
			printf '%s"%s":' "$sep" "$p"
			awk -F '\t' -v p="$p" '$1 == p { print $2 }' "$work/stats.list" |
			    xargs jq -s -c 'reduce (.[] | to_entries[]) as $e ({}; .[$e.key] += $e.value)' ||
				fail "the statistics of $p could not be summed"
			sep=,
		done
		printf '}\n'
	} | jq . > "$work/stats.tmp" || fail "the statistics could not be summed"
	mv "$work/all.tmp" "$out/$name"
	mv "$work/terms.tmp" "$out/terms.tsv"
	mv "$work/stats.tmp" "$out/stats.json"
	;;
*)
	usage ;;
esac
