# Sourced by the tests in tests/scale (bash): the example corpus cut into
# shards, and what one process makes of the same input, to compare with.
#
#   wire_copy                   another outlet's copy of page 01, on stdout
#   make_page_shards DIR        4 directories of pages
#   make_jsonl_shards DIR       4 JSON Lines shards, gzip, zstd, xz, plain
#   one_process_text DIR OUT    OUT/clean.txt, terms.tsv, stats/PROGRAM.json
#   one_process_jsonl DIR OUT   the same with clean.jsonl
#   same_stats A B SHARDS       the summed statistics A are one process's B
corpus=$top/examples/corpus

# The story of page 01 as another site runs it: its own headline, date
# line and footer, the last paragraph of the story left out.  dedup finds
# it a near duplicate of 01 (about 0.87); the last shard holds it, so that
# the first shard's page is what makes it go.
wire_copy() {
	printf 'الوقود يرتفع مجددا: لجنة التسعير تقر زيادة جديدة\n\nنشر في 7 مارس 2025\n\n'
	sed -n '7,21p' "$corpus/01-ar-fuel-prices.txt"
	printf '\nجميع الحقوق محفوظة لموقع الخبر اليوم\n'
}

make_page_shards() {
	mkdir -p "$1/a" "$1/b" "$1/c" "$1/d"
	cp "$corpus"/0[1-3]-*.txt "$1/a"
	cp "$corpus"/0[4-7]-*.txt "$1/b"
	cp "$corpus"/0[89]-*.txt "$corpus"/10-*.txt "$1/c"
	cp "$corpus"/1[1-4]-*.txt "$1/d"
	wire_copy > "$1/d/15-ar-fuel-prices-copy.txt"
}

# Every page a record {"id": NAME, "text": PAGE}, read from its charset.
jsonl_of() {
	local f
	for f in "$@"; do
		normalize --from=auto "$f" | jq -Rsc --arg id "${f##*/}" '{id: $id, text: .}'
	done
}

make_jsonl_shards() {
	mkdir -p "$1"
	jsonl_of "$corpus"/0[1-3]-*.txt | gzip > "$1/part-0.jsonl.gz"
	jsonl_of "$corpus"/0[4-7]-*.txt | zstd -q > "$1/part-1.jsonl.zst"
	jsonl_of "$corpus"/0[89]-*.txt "$corpus"/10-*.txt | xz > "$1/part-2.jsonl.xz"
	{
		jsonl_of "$corpus"/1[1-4]-*.txt
		wire_copy | jq -Rsc '{id: "15-ar-fuel-prices-copy.txt", text: .}'
	} > "$1/part-3.jsonl"
}

# One process, the two passes of strip-boilerplate over the whole input,
# and dedup.
one_process() {
	local out=$1 j=$2 from=--from=auto
	shift 2
	[ -n "$j" ] && from=
	mkdir -p "$out/stats"
	normalize $j $from --preset=train --stats="$out/stats/normalize.json" "$@" > "$out/norm"
	strip-boilerplate $j -s "$out/state" "$out/norm" > /dev/null
	strip-boilerplate $j --frozen -s "$out/state" --stats="$out/stats/strip-boilerplate.json" \
	    "$out/norm" > "$out/stripped"
	dedup $j --stats="$out/stats/dedup.json" "$out/stripped" > "$out/unique"
	split-sentences $j --stats="$out/stats/split-sentences.json" "$out/unique" > "$out/clean"
	count-terms $j --preset=search --stats="$out/stats/count-terms.json" "$out/clean" > "$out/terms.tsv"
}

one_process_text() {
	one_process "$2" "" "$1"/*/*.txt
	mv "$2/clean" "$2/clean.txt"
}

one_process_jsonl() {
	one_process "$2" --jsonl "$1"/*
	mv "$2/clean" "$2/clean.jsonl"
}

# The statistics of SHARDS shards summed, against one process's: every
# count is the same, and so are the bytes, but where one process writes a
# form-feed line (2 bytes) between the documents of two shards that the
# shards do not write (SEP 2, or 0 with JSON Lines): in the bytes of text
# after normalize and before dedup (dedup's filter steps write the
# separators they owe one another, so that their outputs put one after
# another are one process's); count-terms' bytes_out is no sum at all (its
# partial counts are longer than the whole).
same_stats() {
	local sum=$1 one=$2 n=$3 sep=$4 p
	for p in normalize strip-boilerplate dedup split-sentences count-terms; do
		jq -e --arg p "$p" --argjson gap $(((n - 1) * sep)) --slurpfile one "$one/stats/$p.json" '
		    .[$p] as $s | $one[0] | to_entries | all(
		        .key as $k | .value as $v |
		        if $k == "bytes_out" and $p == "count-terms" then true
		        elif ($k | startswith("bytes_")) and
		            (if $p == "normalize" then $k == "bytes_out"
		             elif $p == "dedup" then $k != "bytes_out"
		             else $p == "strip-boilerplate" end)
		        then $v - $s[$k] == $gap
		        else $v == $s[$k] end)' "$sum" > /dev/null || return 1
	done
}
