#!/bin/sh
# Cleans a corpus on a Slurm cluster, one array task per shard, and gives
# byte for byte what one process gives over the whole corpus:
#
#   sh submit.sh [--wait] INPUT_DIR OUT_DIR [SBATCH_OPTION]...
#
# INPUT_DIR holds the shards (see steps.sh: directories of pages, JSON
# Lines files, WARC/WET files or text files, compressed or not); OUT_DIR
# must be on storage every node sees, and receives clean.txt (or
# clean.jsonl), terms.tsv and stats.json, with the intermediate files in
# OUT_DIR/work.  Six jobs, each waiting for the one before to succeed:
#
#   learn   array, one task per shard: normalize, count the shard's lines
#   merge   add up the counts of lines of every shard
#   strip   array, one task per shard: strip the page furniture, write
#           dedup's signatures
#   dedup   decide which documents are copies of earlier ones, over every
#           shard (dedup --merge)
#   clean   array, one task per shard: drop the copies, split sentences,
#           count terms
#   reduce  put the shards' outputs together, sum the counts and statistics
#
# A task that fails fails its array job, and the jobs after it are
# cancelled (--kill-on-invalid-dep): OUT_DIR's files are renamed into place
# only by a reduce that ran after every task succeeded.  Submitting again
# over the same shards gives the same bytes.  Prints the id of the reduce
# job; with --wait, waits for every job to end, names those that did not
# complete, and exits with status 1 if any did not.  The programs
# are found in PATH (sbatch passes the caller's environment) or SAFI_BIN.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
wait=
if [ "${1-}" = --wait ]; then
	wait=1
	shift
fi
[ $# -ge 2 ] || { echo "usage: submit.sh [--wait] INPUT_DIR OUT_DIR [SBATCH_OPTION]..." >&2; exit 2; }
in=$1
out=$2
shift 2
command -v sbatch > /dev/null || { echo "submit.sh: sbatch not found: is this a Slurm login node?" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$out/work
sh "$here/steps.sh" plan "$work" "$in"
n=$(sh "$here/steps.sh" count "$work")
SAFI_STEPS=$here/steps.sh
export SAFI_STEPS
mkdir -p "$work/log"
# sbatch --parsable prints JOBID or JOBID;CLUSTER.
sub() {
	sbatch --parsable --kill-on-invalid-dep=yes --chdir="$work" "$@" | cut -d ';' -f 1
}
array="--array=0-$((n - 1)) --output=$work/log/%x-%A_%a.out"
single="--output=$work/log/%x-%j.out"
# shellcheck disable=SC2086
learn=$(sub "$@" $array --job-name=safi-learn "$here/step.sbatch" learn "$work")
# shellcheck disable=SC2086
merge=$(sub "$@" $single --job-name=safi-merge --dependency="afterok:$learn" \
    "$here/step.sbatch" merge "$work")
# shellcheck disable=SC2086
strip=$(sub "$@" $array --job-name=safi-strip --dependency="afterok:$merge" \
    "$here/step.sbatch" strip "$work")
# shellcheck disable=SC2086
dedup=$(sub "$@" $single --job-name=safi-dedup --dependency="afterok:$strip" \
    "$here/step.sbatch" dedup "$work")
# shellcheck disable=SC2086
clean=$(sub "$@" $array --job-name=safi-clean --dependency="afterok:$dedup" \
    "$here/step.sbatch" clean "$work")
# shellcheck disable=SC2086
reduce=$(sub "$@" $single --job-name=safi-reduce --dependency="afterok:$clean" \
    "$here/step.sbatch" reduce "$work" "$out")
echo "$reduce"
[ -n "$wait" ] || exit 0

# Waits for the reduce job.  A job cancelled because one before it failed
# never runs, and sbatch --wait would say nothing of it: ask Slurm how
# every job ended, and name those that did not complete.
while squeue -h -j "$learn,$merge,$strip,$dedup,$clean,$reduce" 2> /dev/null | grep -q .; do
	sleep 2
done
status=0
for job in "$learn" "$merge" "$strip" "$dedup" "$clean" "$reduce"; do
	scontrol show job -o "$job" 2> /dev/null |
	    sed -n 's/.*JobName=\([^ ]*\).*JobState=\([A-Z_]*\).*/\1 \2/p' > "$work/log/state.tmp"
	if [ ! -s "$work/log/state.tmp" ]; then
		echo "submit.sh: job $job: Slurm no longer knows how it ended" >&2
		status=1
	fi
	while read -r name state; do
		if [ "$state" != COMPLETED ]; then
			echo "submit.sh: job $job ($name): $state (logs in $work/log)" >&2
			status=1
		fi
	done < "$work/log/state.tmp"
done
rm -f "$work/log/state.tmp"
exit "$status"
