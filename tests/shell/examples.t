#!/bin/bash
# The example scripts are programs a user can trust: run on the example
# corpus they give what the programs give, they fail loudly (a message, a
# non-zero status) on missing input or a corrupt state and leave the
# outputs of an earlier run as they were, a rerun of a day changes nothing,
# the installed nightly job runs under cron's PATH, and the outputs have
# the modes of the user's umask.  dedup drops another site's copy of a
# page in the main job, on a later night, and in another block.  The GNU
# parallel recipes cut documents where they end.
. "$(dirname "$0")/tap.sh"
. "$top/tests/scale/lib.sh"
echo "1..33"
umask 022
export SAFI_BIN=$SAFI_BUILD
ex=$top/examples
corpus=$ex/corpus
P=$SAFI_BUILD
ff=$(printf '\f')

# --- main-job.sh ---------------------------------------------------------
cd "$tmp"
sh "$ex/main-job.sh" "$corpus" "$tmp/mj" > "$tmp/mj.out" 2> "$tmp/err"; st=$?
"$P/normalize" --from=auto --preset=train "$corpus"/*.txt 2> /dev/null | "$P/strip-boilerplate" |
	"$P/dedup" | "$P/split-sentences" > "$tmp/want"
check "main-job.sh: exit 0, quiet, clean.txt is the README pipeline's output" \
	test $st = 0 -a ! -s "$tmp/err" -a -z "$(cmp "$tmp/want" "$tmp/mj/clean.txt" 2>&1)"
"$P/count-terms" --preset=search --stopwords=ar --stopwords=en "$tmp/want" > "$tmp/want.tsv"
check "main-job.sh: terms.tsv counts it; the summary names 14 pages" \
	test -z "$(cmp "$tmp/want.tsv" "$tmp/mj/terms.tsv" 2>&1)" -a -n "$(grep -F '14 pages' "$tmp/mj.out")"
check "main-job.sh: outputs have the umask's mode (0644), nothing left aside" \
	test "$(stat -c %a "$tmp/mj/clean.txt" "$tmp/mj/terms.tsv" | sort -u)" = 644 -a \
	"$(ls -A "$tmp/mj" | tr '\n' ' ')" = "clean.txt terms.tsv "
# Another site's copy of page 01 among the pages: dedup drops it.
mkdir "$tmp/copies"; cp "$corpus"/*.txt "$tmp/copies/"
wire_copy > "$tmp/copies/15-ar-fuel-prices-copy.txt"
sh "$ex/main-job.sh" "$tmp/copies" "$tmp/mjc" > "$tmp/mjc.out" 2> "$tmp/err"; st=$?
check "main-job.sh with a copy of a page: exit 0, the copy dropped, the rest as before" \
	test $st = 0 -a ! -s "$tmp/err" -a -n "$(grep -F '15 pages' "$tmp/mjc.out")" \
	-a -z "$(cmp "$tmp/mj/clean.txt" "$tmp/mjc/clean.txt" 2>&1)"
cp -p "$tmp/mj/clean.txt" "$tmp/mj.keep"
sh "$ex/main-job.sh" "$tmp/nonexistent" "$tmp/mj" > "$tmp/out" 2> "$tmp/err"; st=$?
check "main-job.sh on a missing directory: exit 1, says so, output kept" \
	test $st = 1 -a -n "$(grep -F "$tmp/nonexistent: no such directory" "$tmp/err")" \
	-a -z "$(cmp "$tmp/mj.keep" "$tmp/mj/clean.txt" 2>&1)"
mkdir "$tmp/empty"
sh "$ex/main-job.sh" "$tmp/empty" "$tmp/mj" > /dev/null 2> "$tmp/err"; st=$?
check "main-job.sh on a directory without pages: exit 1, says so" \
	test $st = 1 -a -n "$(grep -F 'no pages' "$tmp/err")"
mkdir "$tmp/unreadable"; cp "$corpus/09-en-harbour-storm.txt" "$tmp/unreadable/"
mkdir "$tmp/unreadable/b.txt"
sh "$ex/main-job.sh" "$tmp/unreadable" "$tmp/mj" > /dev/null 2> "$tmp/err"; st=$?
check "main-job.sh with an unreadable page: exit 1, nothing replaced, nothing left aside" \
	test $st = 1 -a -n "$(grep -F 'normalize failed' "$tmp/err")" \
	-a -z "$(cmp "$tmp/mj.keep" "$tmp/mj/clean.txt" 2>&1)" -a "$(ls -A "$tmp/mj" | wc -l)" = 2
env -u SAFI_BIN PATH=/usr/bin:/bin sh "$ex/main-job.sh" "$corpus" "$tmp/mj2" > /dev/null 2>&1; st=$?
if [ -x "$top/build/normalize" ]; then
	check "main-job.sh finds the programs of the build tree after a plain make" \
		test $st = 0 -a -s "$tmp/mj2/clean.txt"
else
	check "# SKIP main-job.sh from the build tree: no build/ (make with another BUILD)" true
fi

# --- cron/nightly.sh -----------------------------------------------------
# Two days of scrapes from the corpus: pages 1-7, then 8-14 and another
# site's copy of page 01.
s=$tmp/scrapes c=$tmp/corpus
mkdir -p "$s/2026-03-01" "$s/2026-03-02" "$s/2026-03-04"
cp "$corpus"/0[1-7]-*.txt "$s/2026-03-01/"
cp "$corpus"/0[89]-*.txt "$corpus"/1*.txt "$s/2026-03-02/"
wire_copy > "$s/2026-03-02/15-ar-fuel-prices-copy.txt"
cp "$corpus"/03-*.txt "$s/2026-03-04/"
nightly() { sh "$ex/cron/nightly.sh" "$s" "$c" "$@"; }
nightly 2026-03-01 2> "$tmp/err"; st1=$?
nightly 2026-03-02 2>> "$tmp/err"; st2=$?
check "nightly.sh: two days, exit 0, quiet" test $st1 = 0 -a $st2 = 0 -a ! -s "$tmp/err"
"$P/normalize" --from=auto --preset=train "$s/2026-03-01"/*.txt 2> /dev/null |
	"$P/strip-boilerplate" -s "$tmp/st" | "$P/dedup" -s "$tmp/dst" | "$P/split-sentences" > "$tmp/want1"
"$P/normalize" --from=auto --preset=train "$s/2026-03-02"/*.txt 2> /dev/null |
	"$P/strip-boilerplate" -s "$tmp/st" > "$tmp/stripped2"
"$P/dedup" -s "$tmp/dst" "$tmp/stripped2" | "$P/split-sentences" > "$tmp/want2"
check "nightly.sh: each day's text is the pipeline's, with the states learnt so far" \
	test -z "$(cmp "$tmp/want1" "$c/2026-03-01.txt" 2>&1)$(cmp "$tmp/want2" "$c/2026-03-02.txt" 2>&1)"
"$P/dedup" "$tmp/stripped2" | "$P/split-sentences" > "$tmp/alone2"
check "nightly.sh: the second day's copy of a page of the first is dropped" \
	test "$(grep -c "^$ff\$" "$tmp/alone2")" = 7 -a "$(grep -c "^$ff\$" "$c/2026-03-02.txt")" = 6
check "nightly.sh: dedup's state names each page by its day" \
	test -n "$(grep -E ' 2026-03-01:1$' "$c/dedup.state")" -a -n "$(grep -E ' 2026-03-02:[0-9]+$' "$c/dedup.state")"
check "nightly.sh: the windows-1256 pages are decoded (no U+FFFD)" \
	test -z "$(grep -l $'\xef\xbf\xbd' "$c/2026-03-01.txt")" -a \
	-n "$(grep -F 'مخزون السدود' "$c/2026-03-01.txt")"
"$P/count-terms" "$tmp/want1" "$tmp/want2" > "$tmp/want.terms"
check "nightly.sh: all.terms is the count of both days" cmp -s "$tmp/want.terms" "$c/all.terms"
check "nightly.sh: outputs have the umask's mode (0644)" \
	test "$(cd "$c" && stat -c %a 2026-03-0[12].txt 2026-03-0[12].terms all.terms boilerplate.state dedup.state | sort -u)" = 644
(cd "$c" && md5sum 2026-* all.terms boilerplate.* dedup.*) > "$tmp/sums"
nightly 2026-03-02 2> "$tmp/err"; st=$?
check "nightly.sh: running the last day again changes no byte (the states start from the day before)" \
	test $st = 0 -a -z "$(cd "$c" && md5sum -c --quiet "$tmp/sums" 2>&1)" -a \
	"$(grep -c "^$ff\$" "$c/2026-03-02.txt")" = 6
nightly 2026-03-01 2> "$tmp/err"; st=$?
check "nightly.sh: running an earlier day again is refused, says why, changes nothing" \
	test $st = 1 -a -n "$(grep -F '2026-03-01 was learnt before 2026-03-02' "$tmp/err")" \
	-a -z "$(cd "$c" && md5sum -c --quiet "$tmp/sums" 2>&1)"
# A corrupt state: loud, and nothing of the days before is lost.
# bad_night STATE WHAT: the next day with STATE (WHAT) not a state.
bad_night() {
	(cd "$c" && md5sum 2026-* all.terms boilerplate.* dedup.*) > "$tmp/sums"
	nightly 2026-03-04 > /dev/null 2> "$tmp/err"; st=$?
	check "nightly.sh with $2: exit 1 with a message naming it" \
		test $st = 1 -a -n "$(grep -F 'bad state file' "$tmp/err")" -a -n "$(grep -F "$c/$1" "$tmp/err")"
	check "... and every file is as it was, nothing left aside" \
		test -z "$(cd "$c" && md5sum -c --quiet "$tmp/sums" 2>&1)" -a ! -e "$c/2026-03-04.txt" \
		-a -z "$(ls -A "$c" | grep '^\.nightly\.' | grep -v lock)"
}
for st in boilerplate dedup; do cp -p "$c/$st.state" "$tmp/$st.state.keep"; done
printf 'safi-strip-boilerplate-state 1\ngeneration x\n' > "$c/boilerplate.state"
bad_night boilerplate.state "a corrupt state"
cp -p "$tmp/boilerplate.state.keep" "$c/boilerplate.state"
head -c 300 "$tmp/dedup.state.keep" > "$c/dedup.state"
bad_night dedup.state "a cut dedup state"
cp -p "$tmp/dedup.state.keep" "$c/dedup.state"
nightly 2026-03-04 > /dev/null 2> "$tmp/err"; st=$?
check "nightly.sh: the states put back, the next day runs; its page kept on the first day is dropped" \
	test $st = 0 -a ! -s "$tmp/err" -a ! -s "$c/2026-03-04.txt" -a "$(tail -n 1 "$c/boilerplate.days")" = 2026-03-04
nightly 2026-03-09 > /dev/null 2> "$tmp/err"; st=$?
check "nightly.sh for a day without pages: exit 1, says so" \
	test $st = 1 -a -n "$(grep -F 'no pages for 2026-03-09' "$tmp/err")"

# The installed job, under cron's environment: a PATH without the programs.
make -s -C "$top" install BUILD="$SAFI_BUILD" PREFIX="$tmp/prefix" > "$tmp/log" 2>&1 ||
	sed 's/^/# /' "$tmp/log"
job=$tmp/prefix/share/safi/examples/cron/nightly.sh
env -i HOME="$tmp" LOGNAME=cron SHELL=/bin/sh PATH=/usr/bin:/bin \
	"$job" "$s" "$tmp/cron-corpus" 2026-03-01 > "$tmp/out" 2> "$tmp/err"; st=$?
check "installed nightly.sh runs under cron's PATH and is executable" \
	test $st = 0 -a -x "$job" -a -z "$(cmp "$c/2026-03-01.txt" "$tmp/cron-corpus/2026-03-01.txt" 2>&1)"
check "make install writes the programs' directory into the scripts" \
	grep -qx "bindir='$tmp/prefix/bin'" "$tmp/prefix/share/safi/examples/main-job.sh"

# --- scale-out.sh --------------------------------------------------------
# The corpus and, in the last block, another site's copy of page 01.
{ "$P/normalize" --from=auto "$corpus"/*.txt; printf '\f\n'; wire_copy; } > "$tmp/big.txt" 2> /dev/null
sh "$ex/scale-out.sh" "$tmp/big.txt" "$tmp/so" 3 16k > /dev/null 2> "$tmp/err"; st=$?
"$P/normalize" --preset=train < "$tmp/big.txt" | "$P/strip-boilerplate" --min-docs=0 |
	"$P/dedup" --stats="$tmp/so.stats" | "$P/split-sentences" > "$tmp/want"
check "scale-out.sh: exit 0, quiet, clean.txt is one process's output" \
	test $st = 0 -a ! -s "$tmp/err" -a -z "$(cmp "$tmp/want" "$tmp/so/clean.txt" 2>&1)"
check "scale-out.sh: the copy in the last block of a page in the first is dropped" \
	test "$(jq .documents_dropped_near "$tmp/so.stats")" = 1 -a "$(grep -c "^$ff\$" "$tmp/so/clean.txt")" = 13
"$P/count-terms" --df < "$tmp/want" > "$tmp/want.tsv"
check "scale-out.sh: terms.tsv is one process's document frequencies" cmp -s "$tmp/want.tsv" "$tmp/so/terms.tsv"
cp -p "$tmp/so/clean.txt" "$tmp/so.keep"
sh "$ex/scale-out.sh" "$tmp/missing.txt" "$tmp/so" > /dev/null 2> "$tmp/err"; st=$?
check "scale-out.sh on a missing input: exit 1, says so, output kept" \
	test $st = 1 -a -n "$(grep -F 'missing.txt: no such readable file' "$tmp/err")" \
	-a -z "$(cmp "$tmp/so.keep" "$tmp/so/clean.txt" 2>&1)"
# A job that fails (here: no normalize where the jobs look) fails the run.
mkdir "$tmp/bin"; ln -s "$P/count-terms" "$tmp/bin/count-terms"; ln -s "$(command -v parallel)" "$tmp/bin/parallel"
SAFI_BIN=$tmp/bin PATH=/usr/bin:/bin sh "$ex/scale-out.sh" "$tmp/big.txt" "$tmp/so" 2 16k > /dev/null 2> "$tmp/err"; st=$?
check "scale-out.sh when a job fails: exit 1, output kept, nothing left aside" \
	test $st = 1 -a -z "$(cmp "$tmp/so.keep" "$tmp/so/clean.txt" 2>&1)" -a "$(ls -A "$tmp/so" | wc -l)" = 2

# --- GNU parallel and form feeds ----------------------------------------
# $'\f\n' cuts the input after form-feed lines into several jobs; the
# literal '\f\n' never matches and makes one job, with warnings.
parallel --pipe --recend $'\f\n' --block 16k --joblog "$tmp/jl" "$P/count-terms" --df \
	< "$tmp/big.txt" 2> "$tmp/err" | "$P/count-terms" --merge > "$tmp/got"
"$P/count-terms" --df < "$tmp/big.txt" > "$tmp/want"
check "parallel --recend \$'\\f\\n': several jobs, no warning, the count of one" \
	test "$(($(wc -l < "$tmp/jl") - 1))" -gt 1 -a ! -s "$tmp/err" -a -z "$(cmp "$tmp/want" "$tmp/got" 2>&1)"
parallel --pipe --recend '\f\n' --block 16k --joblog "$tmp/jl1" "$P/count-terms" --df \
	< "$tmp/big.txt" 2> "$tmp/err" > /dev/null
check "parallel --recend '\\f\\n' (no \$): one job and 'record longer' warnings, as count-terms(1) says" \
	test "$(($(wc -l < "$tmp/jl1") - 1))" = 1 -a -n "$(grep -F 'longer than' "$tmp/err")"
# --docs=blank and --recend $'\n\n', as count-terms(1) says.
for f in "$corpus"/*[a-z].txt; do grep -v '^[[:space:]]*$' "$f"; echo; done > "$tmp/blocks"
parallel --pipe --recend $'\n\n' --block 16k "$P/count-terms" --df --docs=blank < "$tmp/blocks" 2> "$tmp/err" |
	"$P/count-terms" --merge > "$tmp/got"
"$P/count-terms" --df --docs=blank "$tmp/blocks" > "$tmp/want"
check "parallel --recend \$'\\n\\n' with --docs=blank: the count of one" \
	test -z "$(cmp "$tmp/want" "$tmp/got" 2>&1)" -a ! -s "$tmp/err"
