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

# NAME PROGRAM INPUT ARGS...: the program on INPUT, with each allocation
# in turn failing.  STATE in ARGS is a state file made afresh for each run.
runs=()
run() { runs+=("$*"); }
run normalize-train normalize pages.txt --preset=train --repair-mojibake
run normalize-jsonl normalize pages.jsonl --jsonl --preset=search
run split split-sentences pages.txt --unwrap
run split-jsonl split-sentences pages.jsonl --jsonl
run strip strip-boilerplate pages.txt -n 2 --explain
run strip-state strip-boilerplate pages.txt -s STATE
run strip-jsonl strip-boilerplate pages.jsonl --jsonl --invert
run count count-terms pages.txt --ngrams=1-2 --df
run count-spill count-terms pages.txt --max-memory=1K --min-count=2
run count-fold count-terms pages.txt --case-fold --stopwords=en
run count-merge count-terms counts --merge counts
run count-jsonl count-terms pages.jsonl --jsonl --top=5
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
	for a in "$@"; do [ "$a" = STATE ] && { printf 'x' > st; rm -f st st.lock; a=st; }; args+=("$a"); done
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
