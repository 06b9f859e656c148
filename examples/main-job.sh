#!/bin/sh
# The main job: scraped pages in, clean sentences and term counts out.
#
#   sh main-job.sh [CORPUS_DIR [OUT_DIR]]
#
# Every page (*.txt) of CORPUS_DIR (default: the example corpus beside this
# script) is a document: its charset is detected (UTF-8, or a legacy one
# such as windows-1256), it is cleaned by normalize (--preset=train, which
# also repairs mojibake), stripped of its page furniture, dropped when it
# is a copy or a near copy of an earlier page (as when two sites run one
# agency story), and split into sentences: the README's pipeline
#
#   normalize | strip-boilerplate | dedup | split-sentences
#
# OUT_DIR (default: safi-out in the current directory) receives
# clean.txt and terms.tsv, and the 20 commonest terms are printed.
#
# A step that fails stops the job with a message and a non-zero status;
# the outputs are written aside and renamed into place only when every step
# succeeded, so those of an earlier run are never lost.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# The programs: $SAFI_BIN, else where make install put them, else the
# build tree this script sits in (make install writes its BINDIR here).
bindir='@BINDIR@'
case $bindir in @*) bindir=$here/../build ;; esac
PATH=${SAFI_BIN:-$bindir}:$PATH
export PATH

fail() { echo "main-job: $*" >&2; exit 1; }

corpus=${1:-$here/corpus}
out=${2:-safi-out}
[ -d "$corpus" ] || fail "$corpus: no such directory"
set -- "$corpus"/*.txt
[ -e "$1" ] || fail "$corpus: no pages (*.txt) to read"
command -v normalize > /dev/null || fail "normalize not found in $PATH (run make, or set SAFI_BIN)"

mkdir -p "$out"
work=$(mktemp -d "$out/.main-job.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

normalize --from=auto --preset=train "$@" > "$work/normalized" ||
	fail "normalize failed; $out is left as it was"
strip-boilerplate "$work/normalized" > "$work/stripped" ||
	fail "strip-boilerplate failed; $out is left as it was"
dedup "$work/stripped" > "$work/unique" ||
	fail "dedup failed; $out is left as it was"
split-sentences "$work/unique" > "$work/clean.txt" ||
	fail "split-sentences failed; $out is left as it was"
count-terms --preset=search --stopwords=ar --stopwords=en "$work/clean.txt" > "$work/terms.tsv" ||
	fail "count-terms failed; $out is left as it was"
mv "$work/clean.txt" "$out/clean.txt"
mv "$work/terms.tsv" "$out/terms.tsv"

echo "clean sentences: $out/clean.txt ($(grep -c '[^[:space:]]' "$out/clean.txt") lines, $# pages)"
echo "term counts:     $out/terms.tsv ($(wc -l < "$out/terms.tsv") terms)"
head -n 20 "$out/terms.tsv"
