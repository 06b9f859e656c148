#!/bin/sh
# Scale-out with GNU parallel: the same answer as one process, from many.
#
#   sh examples/scale-out.sh BIG.txt [JOBS]
#
# parallel --pipe cuts the input at line ends into blocks and feeds each to
# its own pipeline; split-sentences and normalize work line by line, so the
# cuts change nothing (-k keeps the blocks in order), and count-terms --merge
# sums the partial counts into exactly what one count-terms would print.
# Add --sshlogin host1,host2 (and --transferfile/--basefile as needed) to
# spread the same pipelines over machines.
set -eu
in=$1
jobs=${2:-$(nproc)}
parallel --pipe -k --block 10M -j "$jobs" 'normalize | split-sentences' < "$in" > clean.txt
parallel --pipe --block 10M -j "$jobs" count-terms < clean.txt | count-terms --merge > terms.tsv
