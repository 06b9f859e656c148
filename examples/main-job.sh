#!/bin/sh
# The main job: scraped pages in, clean sentences and term counts out.
#
#   sh examples/main-job.sh [CORPUS_DIR [OUT_DIR]]
#
# Each page of CORPUS_DIR (default: the bundled examples/corpus) is decoded
# (windows-1256 pages are named *.cp1256.txt), cleaned by normalize, stripped
# of its page furniture and split into sentences; the pages are separated
# by form-feed lines, so each is a document.  OUT_DIR (default
# examples/out) receives clean.txt and terms.tsv, the 20 commonest terms
# are printed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
PATH="${SAFI_BIN:-$here/../build}:$PATH"
corpus=${1:-$here/corpus}
out=${2:-$here/out}
mkdir -p "$out"

first=1
for page in "$corpus"/*.txt; do
	case $page in
	*/README*) continue ;;
	*.cp1256.txt) from=--from=windows-1256 ;;
	*) from= ;;
	esac
	[ "$first" = 1 ] || printf '\f\n'
	first=0
	normalize --preset=train $from "$page"
done | strip-boilerplate | split-sentences > "$out/clean.txt"

count-terms --preset=search --stopwords=ar --stopwords=en "$out/clean.txt" > "$out/terms.tsv"

echo "clean sentences: $out/clean.txt ($(grep -c . "$out/clean.txt") lines)"
echo "term counts:     $out/terms.tsv ($(wc -l < "$out/terms.tsv") terms)"
head -n 20 "$out/terms.tsv"
