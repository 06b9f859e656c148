#!/bin/sh
# Scale-out with GNU parallel: the answer of one process, from many.
#
#   sh scale-out.sh INPUT [OUT_DIR [JOBS [BLOCK]]]
#
# INPUT holds documents between form-feed lines, as normalize writes them
# between its FILEs (normalize --from=auto pages/*.txt > INPUT).  GNU
# parallel cuts it after form-feed lines into blocks of about BLOCK bytes
# (default 10M) of whole documents, and JOBS processes (default: one per
# core) work on the blocks:
#
#   OUT_DIR/clean.txt   normalize | strip-boilerplate | dedup |
#                       split-sentences, the blocks kept in order (-k); each
#                       page is stripped on its own (--min-docs=0: lines
#                       recurring across pages need all pages in one
#                       process, or --state); a page that copies an earlier
#                       one, in its block or any block before, is dropped
#   OUT_DIR/terms.tsv   in how many documents each term occurs: count-terms
#                       --df on each block, summed by count-terms --merge
#
# dedup is map, merge and filter: the stripped text is cut into the same
# blocks twice, once for each block's signatures (dedup --signatures, the
# job number as the shard; the jobs' outputs, in whatever order they end,
# make one signature file of many shards), and once to drop what the one
# merge of them all (dedup --merge) decided.  Both outputs are byte for
# byte what one process writes.  Add --sshlogin host1,host2 to the
# parallel lines (with safi installed on each host) to spread the blocks
# over machines; the last one also needs the verdicts file where the
# hosts can read it (OUT_DIR on storage they share, with --env SAFI_WORK,
# or --basefile).  OUT_DIR defaults to safi-out.  A failed
# job stops the run with a message and a non-zero status; outputs are
# renamed into place only when every step succeeded.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bindir='@BINDIR@'
case $bindir in @*) bindir=$here/../build ;; esac
PATH=${SAFI_BIN:-$bindir}:$PATH
export PATH

fail() { echo "scale-out: $*" >&2; exit 1; }

[ $# -ge 1 ] || { echo "usage: scale-out.sh INPUT [OUT_DIR [JOBS [BLOCK]]]" >&2; exit 2; }
in=$1
out=${2:-safi-out}
jobs=${3:-$(nproc)}
block=${4:-10M}
[ -f "$in" ] && [ -r "$in" ] || fail "$in: no such readable file"
command -v parallel > /dev/null || fail "GNU parallel not found (Debian package parallel)"
command -v bash > /dev/null || fail "bash not found (the jobs' pipelines need pipefail)"
command -v normalize > /dev/null || fail "normalize not found in $PATH (run make, or set SAFI_BIN)"

mkdir -p "$out"
work=$(mktemp -d "$out/.scale-out.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# A block ends after a form-feed line: "\f\n" (bash: --recend $'\f\n').
recend=$(printf '\f\nx')
recend=${recend%x}
# Each job is a pipeline: bash's pipefail makes it fail when any stage does,
# and --halt stops the run at the first failed job.
export PARALLEL_SHELL=bash
SAFI_WORK=$work
export SAFI_WORK
parallel --pipe -k --recend "$recend" --block "$block" -j "$jobs" --halt now,fail=1 \
	'set -o pipefail; normalize --preset=train | strip-boilerplate --min-docs=0' \
	< "$in" > "$work/stripped.txt" || fail "a cleaning job failed; $out is left as it was"
parallel --pipe --recend "$recend" --block "$block" -j "$jobs" --halt now,fail=1 \
	dedup --signatures --shard={#} < "$work/stripped.txt" > "$work/signatures" ||
	fail "a dedup signatures job failed; $out is left as it was"
dedup --merge "$work/signatures" > "$work/verdicts" || fail "dedup --merge failed; $out is left as it was"
parallel --pipe -k --recend "$recend" --block "$block" -j "$jobs" --halt now,fail=1 \
	'set -o pipefail; dedup --verdicts="$SAFI_WORK/verdicts" --shard={#} | split-sentences' \
	< "$work/stripped.txt" > "$work/clean.txt" || fail "a dedup or split job failed; $out is left as it was"
parallel --pipe --recend "$recend" --block "$block" -j "$jobs" --halt now,fail=1 \
	count-terms --df < "$work/clean.txt" > "$work/parts" ||
	fail "a counting job failed; $out is left as it was"
count-terms --merge "$work/parts" > "$work/terms.tsv" || fail "count-terms --merge failed"
mv "$work/clean.txt" "$out/clean.txt"
mv "$work/terms.tsv" "$out/terms.tsv"
echo "clean sentences: $out/clean.txt; document frequencies: $out/terms.tsv"
