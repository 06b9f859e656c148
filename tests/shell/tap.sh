# Sourced by the shell tests (bash): the TAP functions, and what every test
# sets up.  $top is the source tree, $tmp a directory removed at exit.
: "${SAFI_BUILD:?run through make check}"
set -u
export LC_ALL=C.UTF-8
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
# ok NAME; notok NAME [DIAGNOSTIC LINE]...; check NAME COMMAND [ARG]...
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else notok "$name"; fi; }
