#!/bin/bash
# The failing allocator (tests/alloc/failalloc.h): over libsafi's public
# functions (alloc_lib), and over each program's main paths, with every
# allocation in turn made to fail.  A program must then end with status 1
# and say "out of memory", or succeed with exactly the output of a run in
# which nothing failed: never a crash, and never partial output presented
# as complete.  Under make sanitize, ASan and LeakSanitizer check every run
# too (a leak or a memory error exits 99).
: "${SAFI_BUILD:?run through make check}"
set -u
export LC_ALL=C.UTF-8
export ASAN_OPTIONS="exitcode=99:${ASAN_OPTIONS:-}" LSAN_OPTIONS="exitcode=99:${LSAN_OPTIONS:-}"
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$SAFI_BUILD/tests/alloc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }

page=$top/tests/cases/strip-boilerplate/en-page.in
{ cat "$page"; printf '\f\n'; cat "$page"; printf 'bad \377 byte, caf\303\203\302\251\r\n'; } > "$tmp/pages.txt"
perl -MJSON::PP -e 'local $/; my $t = <STDIN>; print JSON::PP->new->canonical->encode({id => 1, text => $t}), "\n" for 1 .. 2' \
	< "$page" > "$tmp/pages.jsonl"
printf '3\tone\n2\ttwo\n' > "$tmp/counts"
# compressed inputs: the decompression thread and its blocks
gzip -c < "$tmp/pages.txt" > "$tmp/pages.txt.gz"
zstd -q -c < "$tmp/pages.txt" > "$tmp/pages.txt.zst"
xz -c < "$tmp/pages.txt" > "$tmp/pages.txt.xz"
bzip2 -c < "$tmp/pages.txt" > "$tmp/pages.txt.bz2"
# states learned by an earlier run, read and replaced (OLDSTATE below)
for p in strip-boilerplate dedup; do
	"$SAFI_BUILD/$p" -s "$tmp/old.$p.state" "$tmp/pages.txt" > /dev/null 2>&1
done
# dedup's scale-out steps: signatures of two shards, their verdicts
for i in 1 2; do "$SAFI_BUILD/dedup" --signatures --shard=$i "$tmp/pages.txt" > "$tmp/sig$i" 2> /dev/null; done
"$SAFI_BUILD/dedup" --merge "$tmp/sig1" "$tmp/sig2" > "$tmp/verdicts" 2> /dev/null
# WARC records, one of them in a legacy charset (decoded through ICU)
record() {  # TYPE CONTENT-TYPE BODY
	printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: https://example.org/%s\r\n' "$1" "$1"
	printf 'WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\n' "$1"
	printf 'Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' "$2" "$(printf '%s' "$3" | wc -c)" "$3"
}
{
	record conversion text/plain "$(cat "$page")"
	record resource 'text/plain; charset=windows-1256' "$(printf '\343\321\315\310\307 \343\321\315\310\307.')"
} | gzip -c > "$tmp/crawl.warc.gz"

# NAME PROGRAM INPUT ARGS...: the program on INPUT, with each allocation
# in turn failing.  STATE in ARGS is a state file made afresh for each run,
# OLDSTATE a copy of the one PROGRAM learned above.
runs=()
run() { runs+=("$*"); }
run normalize-train normalize pages.txt --preset=train --repair-mojibake
run normalize-jsonl normalize pages.jsonl --jsonl --preset=search
run split split-sentences pages.txt --unwrap
run split-jsonl split-sentences pages.jsonl --jsonl
run strip strip-boilerplate pages.txt --min-docs=2 --explain
run strip-state strip-boilerplate pages.txt -s STATE
run strip-state-again strip-boilerplate pages.txt -s OLDSTATE
run strip-jsonl strip-boilerplate pages.jsonl --jsonl --invert
run count count-terms pages.txt --ngrams=1-2 --df
run count-spill count-terms pages.txt --max-memory=1K --min-count=2
run count-fold count-terms pages.txt --case-fold --stopwords=en
run count-merge count-terms counts --merge counts
run count-jsonl count-terms pages.jsonl --jsonl --top=5
# the paths every program shares: compressed input, --stats, --docs framing
run normalize-gzip normalize pages.txt.gz --stats=stats.json
run split-xz split-sentences pages.txt.xz --docs=blank
run strip-zstd strip-boilerplate pages.txt.zst --docs=blank --stats=stats.json
run strip-drop-empty strip-boilerplate pages.jsonl --jsonl --drop-empty --min-words=500
run count-bzip2 count-terms pages.txt.bz2 --docs=line --df --stats=stats.json
run read-warc read-warc crawl.warc.gz --stats=stats.json
run read-warc-text read-warc crawl.warc.gz --text
run dedup-state dedup pages.txt --paragraphs -s STATE
run dedup-state-again dedup pages.txt -s OLDSTATE
run dedup-jsonl dedup pages.jsonl --jsonl --explain
run dedup-signatures dedup pages.txt --signatures --shard=2
run dedup-merge dedup pages.txt --merge sig1 sig2
run dedup-verdicts dedup pages.txt --verdicts=verdicts --shard=2 --invert
# a program with no run of its own above: its defaults over the pages
# (skipped if these are not enough for it)
for p in "$bin"/bin/*; do
	name=$(basename "$p")
	printf '%s\n' "${runs[@]}" | grep -q "^[^ ]* $name " || run "default-$name" "$name" pages.txt
done
echo "1..$((${#runs[@]} + 1))"

if out=$("$bin/alloc_lib" 2>&1); then ok "libsafi: $(printf '%s\n' "$out" | tail -n 1)"
else notok "libsafi: every allocation failing in turn" "$(printf '%s\n' "$out" | head -20)"; fi

cd "$tmp" || exit 1
# once NAME PROGRAM INPUT ARGS...: one run; stdout in out, stderr in err
once() {
	local prog=$2 input=$3 a args=()
	shift 3
	for a in "$@"; do
		case $a in
		STATE) rm -f st st.lock; a=st ;;
		OLDSTATE) rm -f st.lock; cp "old.$prog.state" st; a=st ;;
		esac
		args+=("$a")
	done
	"$bin/bin/$prog" "${args[@]}" < "$input" > out 2> err
}
for r in "${runs[@]}"; do
	set -- $r
	name=$1
	SAFI_ALLOC_COUNT=count once "$@"; st=$?
	calls=$(cut -d' ' -f1 count 2> /dev/null)
	cp out want
	bad=()
	if [ "$st" != 0 ] && [ "${name#default-}" != "$name" ]; then
		n=$((n + 1)); echo "ok $n # skip $name: $(head -1 err)"; continue
	fi
	if [ "$st" != 0 ] || [ -z "$calls" ]; then bad+=("the run with no failure: status $st: $(head -3 err)"); calls=0; fi
	for ((k = 1; k <= calls; k++)); do
		SAFI_FAIL_ALLOC=$k once "$@"; st=$?
		if [ $st = 1 ] && grep -q "out of memory" err; then continue; fi
		if [ $st = 0 ] && cmp -s out want; then continue; fi
		bad+=("allocation $k of $calls: status $st, $(wc -c < out) bytes out (want $(wc -c < want)): $(head -c 300 err)")
	done
	if [ ${#bad[@]} = 0 ]; then ok "$name: each of $calls allocations failing: a clean error or the whole output"
	else notok "$name: each of $calls allocations failing" "${bad[@]:0:6}"; fi
done
