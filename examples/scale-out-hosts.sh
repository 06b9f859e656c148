#!/bin/sh
# Cleans a corpus in shards over many hosts with GNU parallel and ssh, and
# gives byte for byte what one process gives over the whole corpus (the
# same steps as a Slurm cluster runs: see slurm/steps.sh).
#
#   sh scale-out-hosts.sh INPUT_DIR OUT_DIR [SSHLOGINS]
#
# INPUT_DIR holds the shards (directories of pages, JSON Lines, WARC/WET or
# text files, compressed or not: see slurm/steps.sh).  INPUT_DIR, OUT_DIR
# and this script's directory must be at the same path on every host
# (shared storage, such as NFS), and safi installed on each.  SSHLOGINS is
# GNU parallel's --sshlogin list (default ':', this machine alone), such as
# 8/node1,8/node2; PARALLEL_SSH chooses the ssh command.  OUT_DIR receives
# clean.txt (or clean.jsonl), terms.tsv and stats.json, and OUT_DIR/work
# the intermediate files.  A failed job stops the run with a message and a
# non-zero status, and nothing is renamed into place.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
steps=$here/slurm/steps.sh
bindir='@BINDIR@'
case $bindir in @*) bindir=$here/../build ;; esac
PATH=${SAFI_BIN:-$bindir}:$PATH
export PATH

fail() { echo "scale-out-hosts: $*" >&2; exit 1; }

[ $# -ge 2 ] || { echo "usage: scale-out-hosts.sh INPUT_DIR OUT_DIR [SSHLOGINS]" >&2; exit 2; }
in=$1
out=$2
logins=${3:-:}
command -v parallel > /dev/null || fail "GNU parallel not found (Debian package parallel)"
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$out/work
sh "$steps" plan "$work" "$in"
n=$(sh "$steps" count "$work")
# Every host runs the steps with this PATH, so that it finds the programs.
run() {
	seq 0 $((n - 1)) | parallel --sshlogin "$logins" --env PATH --halt now,fail=1 \
	    sh "$steps" "$1" "$work" '{}' || fail "a $1 job failed; $out is left as it was"
}
run learn
sh "$steps" merge "$work" || fail "merge failed; $out is left as it was"
run strip
sh "$steps" dedup "$work" || fail "dedup failed; $out is left as it was"
run clean
sh "$steps" reduce "$work" "$out" || fail "reduce failed; $out is left as it was"
echo "clean text, terms and statistics in $out"
