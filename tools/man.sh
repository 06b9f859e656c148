#!/bin/sh
# Turns one scdoc source into roff on stdout, reproducibly: the date in the
# page's .TH line is the one its source names on a line
#     ; date: YYYY-MM-DD
# (an scdoc comment), never today's date, so the committed roff is the same
# whatever day it is regenerated or tested.
set -eu
[ $# -eq 1 ] || { echo "usage: tools/man.sh PAGE.scd > PAGE" >&2; exit 2; }
src=$1
day=$(sed -n 's/^; date: \([0-9]\{4\}-[0-9][0-9]-[0-9][0-9]\).*/\1/p' "$src" | head -n 1)
if [ -z "$day" ]; then
	echo "tools/man.sh: $src: no '; date: YYYY-MM-DD' line" >&2
	exit 1
fi
SOURCE_DATE_EPOCH=$(date -u -d "$day" +%s)
export SOURCE_DATE_EPOCH
exec scdoc < "$src"
