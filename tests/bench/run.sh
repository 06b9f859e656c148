#!/bin/sh
# make bench: runs every tests/bench/bench-*.sh against $CORPUS.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -r "$CORPUS" ]; then
	echo "bench: corpus '$CORPUS' not readable; set CORPUS=path/to/text" >&2
	exit 1
fi
echo "corpus: $CORPUS ($(wc -c < "$CORPUS" | tr -d ' ') bytes), $(nproc) cores, $(uname -m)"
for b in "$here"/bench-*.sh; do
	[ -e "$b" ] || continue
	echo
	echo "== $(basename "$b" .sh | sed 's/^bench-//')"
	sh "$b"
done
