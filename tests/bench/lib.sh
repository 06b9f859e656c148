# Helpers for the benchmark scripts (sourced by tests/bench/bench-*.sh).
# Timings are medians of BENCH_RUNS runs (default 3) with output to
# /dev/null, taken by hyperfine where it is installed; the page cache is
# warmed first.  Figures are only comparable
# within one run of make bench, on one machine: read the ratios.

: "${SAFI_BUILD:?run through make bench}"
: "${CORPUS:?run through make bench (CORPUS=path/to/corpus)}"
BENCH_RUNS=${BENCH_RUNS:-3}
export LC_ALL=C.UTF-8

bench_bytes() { wc -c < "$1" | tr -d ' '; }

# bench_seconds CMD...: median wall-clock seconds of running CMD (a shell
# command string is fine: it runs under sh -c) with stdout to /dev/null.
# hyperfine, when it is installed, times the runs after one warm-up run and
# takes out the time of starting the shell, which otherwise weighs on the
# fastest programs (a run of 50 ms carries several ms of sh and date).
bench_seconds() {
	if command -v hyperfine > /dev/null 2>&1; then
		csv=$(mktemp)
		hyperfine --style none --warmup 1 --runs "$BENCH_RUNS" \
		    --export-csv "$csv" "$*" > /dev/null 2>&1
		# columns: command,mean,stddev,median,...; the command may hold commas
		awk -F, 'NR == 2 { print $(NF - 4) }' "$csv"
		rm -f "$csv"
		return
	fi
	i=0
	times=""
	while [ "$i" -lt "$BENCH_RUNS" ]; do
		s=$(date +%s.%N)
		sh -c "$*" > /dev/null
		e=$(date +%s.%N)
		times="$times $(echo "$e - $s" | bc -l)"
		i=$((i + 1))
	done
	printf '%s\n' $times | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# cpu_seconds CMD: median user+system seconds of CMD (and its children).
# On a machine shared with other jobs, short runs lose much of their wall
# time waiting for a processor; CPU time is what the program costs.
cpu_seconds() {
	i=0
	times=""
	while [ "$i" -lt "$BENCH_RUNS" ]; do
		t=$(/usr/bin/time -f '%U %S' sh -c "$* > /dev/null" 2>&1 >/dev/null | tail -n 1)
		times="$times $(echo "$t" | awk '{print $1 + $2}')"
		i=$((i + 1))
	done
	printf '%s\n' $times | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# bench_rss_kb CMD...: peak resident set size in KiB of CMD.
bench_rss_kb() {
	/usr/bin/time -f '%M' sh -c "$* > /dev/null" 2>&1 >/dev/null | tail -n 1
}

# bench_mbps BYTES SECONDS: megabytes (10^6) per second.
bench_mbps() { echo "$1 / 1000000 / $2" | bc -l | xargs printf '%.1f'; }

# bench_ratio A B: A / B with two decimals.
bench_ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }

# bench_row NAME SECONDS BYTES [REFERENCE_SECONDS]: one aligned line.
bench_row() {
	if [ -n "${4:-}" ]; then
		printf '  %-44s %8.1f MB/s  %6sx\n' "$1" "$(bench_mbps "$3" "$2")" \
		    "$(bench_ratio "$4" "$2")"
	else
		printf '  %-44s %8.1f MB/s\n' "$1" "$(bench_mbps "$3" "$2")"
	fi
}
