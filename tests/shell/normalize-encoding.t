#!/bin/bash
# normalize with legacy input (--from) and mojibake repair: the failure
# cases and the sample boundary of detection.
: "${SAFI_BUILD:?run through make check}"
set -u
export LC_ALL=C.UTF-8
n="$SAFI_BUILD/normalize"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
i=0
check() {  # check NAME COMMAND... : ok when the command succeeds
	local name=$1
	shift
	i=$((i + 1))
	if "$@"; then echo "ok $i - $name"; else echo "not ok $i - $name"; fi
}
echo 1..7

# "العربية" in windows-1256, and in UTF-8.
line1256=$'\xc7\xe1\xda\xd1\xc8\xed\xc9'
line8='العربية'

# 3000 lines (over 64 KiB, the detection sample) of windows-1256.
for _ in $(seq 3000); do printf '%s %s\n' "$line1256" "$line1256"; done > "$tmp/big.1256"
for _ in $(seq 3000); do printf '%s %s\n' "$line8" "$line8"; done > "$tmp/big.want"
check "detection past the sample" \
	bash -c '"$1" --from=auto "$2" > "$3/out" 2> "$3/err" && cmp -s "$3/out" "$4" && [ ! -s "$3/err" ]' \
	_ "$n" "$tmp/big.1256" "$tmp" "$tmp/big.want"
check "named charset on a big input" \
	bash -c '"$1" --from=cp1256 < "$2" | cmp -s - "$3"' _ "$n" "$tmp/big.1256" "$tmp/big.want"
check "a pipe decodes as a file does" \
	bash -c 'cat "$2" | "$1" --from=windows-1256 | cmp -s - "$3"' _ "$n" "$tmp/big.1256" "$tmp/big.want"

# An unreadable file is reported, the others still decoded, exit 1.
printf '%s\n' "$line1256" > "$tmp/a.1256"
check "unreadable file with --from" \
	bash -c '"$1" --from=windows-1256 "$2/missing" "$2/a.1256" > "$2/out" 2> "$2/err"; [ $? = 1 ] &&
		[ "$(cat "$2/out")" = "$3" ] && grep -q "missing" "$2/err"' _ "$n" "$tmp" "$line8"
check "/dev/full with --from is exit 1" \
	bash -c '"$1" --from=windows-1256 "$2" > /dev/full 2> /dev/null; [ $? = 1 ]' _ "$n" "$tmp/big.1256"
check "| head -n1 with --repair-mojibake is quiet" \
	bash -c '"$1" --repair-mojibake --from=windows-1256 "$2" 2> "$3/err" | head -n1 > /dev/null; [ ! -s "$3/err" ]' \
	_ "$n" "$tmp/big.1256" "$tmp"
# Repair is idempotent and clean text passes untouched.
printf 'ط§ظ„ط¹ط±ط¨ظٹط© فقط، الظهر\nSão Paulo cafÃ©\n' > "$tmp/m"
check "repair twice changes nothing more" \
	bash -c '"$1" --repair-mojibake "$2" > "$3/r1" && "$1" --repair-mojibake "$3/r1" | cmp -s - "$3/r1" &&
		[ "$(head -n1 "$3/r1")" = "العربية فقط، الظهر" ]' _ "$n" "$tmp/m" "$tmp"
