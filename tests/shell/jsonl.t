#!/bin/bash
# --jsonl in every program: the UTF-8 pages of the example corpus as JSON
# Lines records give, record by record, what each program gives for the
# page alone, and the other members pass through byte for byte; failures
# (full disk, closed pipe, unreadable file); --state counts records as
# documents; a record of several megabytes.  perl's core JSON::PP writes and
# reads the records, so that the programs are checked against another
# implementation of JSON.
: "${SAFI_BUILD:?run through make check}"
set -u
export LC_ALL=C.UTF-8
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else notok "$name"; fi; }
echo "1..22"

pages=()
for f in "$top"/examples/corpus/*.txt; do
	case $f in *.cp1256.txt|*.mojibake.txt) ;; *) pages+=("$f") ;; esac
done

# One record per page: {"file":NAME,"meta":{...},"text":PAGE}, keys sorted,
# so that "text" comes last.
perl -MJSON::PP -e '
	my $js = JSON::PP->new->utf8->canonical;
	my $i = 0;
	for my $f (@ARGV) {
		open(my $h, "<:raw", $f) or die "$f: $!";
		local $/; my $t = <$h>; close $h;
		utf8::decode($t);
		(my $name = $f) =~ s{.*/}{};
		print $js->encode({file => $name, meta => {n => ++$i, tags => ["a", "\x{0627}"]},
		                   text => $t}), "\n";
	}' "${pages[@]}" > "$tmp/pages.jsonl"

# Prints the "text" of each record as file NAME.text in $2 (raw UTF-8), and
# checks that the bytes before "text" are those of the input record.
split_records() {
	perl -MJSON::PP -e '
		my ($in, $out, $dir) = @ARGV;
		open(my $i, "<:raw", $in) or die; open(my $o, "<:raw", $out) or die;
		my $js = JSON::PP->new->utf8; my $bad = 0;
		while (my $a = <$i>) {
			my $b = <$o>; defined $b or die "fewer records out than in\n";
			my $r = $js->decode($b); my $name = $r->{file};
			my $pa = substr($a, 0, index($a, "\"text\":"));
			my $pb = substr($b, 0, index($b, "\"text\":"));
			if ($pa ne $pb) { print STDERR "$name: members changed\n"; $bad = 1 }
			open(my $t, ">:raw", "$dir/$name.text") or die;
			my $text = $r->{text}; utf8::encode($text); print $t $text; close $t;
		}
		die "more records out than in\n" if defined <$o>;
		exit $bad;' "$1" "$2" "$3"
}

# 1-6. Each record gives what the program gives for its page alone (the
# trailing line ends of the output are not part of the field for the
# programs that write paragraphs; normalize ends the field with a line end
# only if the page ended with one).
for prog in normalize split-sentences strip-boilerplate; do
	args=()
	[ "$prog" = strip-boilerplate ] && args=(--min-docs=0)
	mkdir -p "$tmp/$prog"
	"$SAFI_BUILD/$prog" "${args[@]}" --jsonl < "$tmp/pages.jsonl" > "$tmp/$prog.jsonl" 2> "$tmp/err"
	st=$?
	if [ $st = 0 ] && [ ! -s "$tmp/err" ] && split_records "$tmp/pages.jsonl" "$tmp/$prog.jsonl" "$tmp/$prog" 2> "$tmp/err"; then
		ok "$prog --jsonl: one record out for each in, other members unchanged"
	else
		notok "$prog --jsonl: one record out for each in, other members unchanged" "exit $st" "$(head -3 "$tmp/err")"
	fi
	bad=""
	for f in "${pages[@]}"; do
		name=${f##*/}
		if [ "$prog" = normalize ]; then
			# a document keeps its last line unended if it was
			if [ -z "$(tail -c 1 "$f" | tr -d '\n')" ]; then
				"$SAFI_BUILD/$prog" < "$f" > "$tmp/want"
			else
				"$SAFI_BUILD/$prog" < "$f" | perl -0777 -pe 's/\n\z//' > "$tmp/want"
			fi
		else
			"$SAFI_BUILD/$prog" "${args[@]}" < "$f" | perl -0777 -pe 's/\n+\z//' > "$tmp/want"
		fi
		cmp -s "$tmp/want" "$tmp/$prog/$name.text" || bad="$bad $name"
	done
	if [ -z "$bad" ]; then
		ok "$prog --jsonl: each record's text is the output for its page"
	else
		notok "$prog --jsonl: each record's text is the output for its page" "differ:$bad"
	fi
done

# 7-8. count-terms: the records count as the pages, and each is a document.
"$SAFI_BUILD/count-terms" "${pages[@]}" > "$tmp/want"
"$SAFI_BUILD/count-terms" --jsonl < "$tmp/pages.jsonl" > "$tmp/got"
check "count-terms --jsonl counts the pages' words" cmp -s "$tmp/want" "$tmp/got"
"$SAFI_BUILD/count-terms" --bare --df --ngrams=1-2 "${pages[@]}" > "$tmp/want"
"$SAFI_BUILD/count-terms" --bare --df --ngrams=1-2 --jsonl < "$tmp/pages.jsonl" > "$tmp/got"
check "count-terms --jsonl --df: each record is a document, as each FILE is" cmp -s "$tmp/want" "$tmp/got"

# 9-12. A full disk is an error, with a message.
for prog in normalize split-sentences strip-boilerplate count-terms; do
	"$SAFI_BUILD/$prog" --jsonl < "$tmp/pages.jsonl" > /dev/full 2> "$tmp/err"
	st=$?
	if [ $st = 1 ] && grep -q "write error" "$tmp/err"; then
		ok "$prog --jsonl > /dev/full: exit 1 with a message"
	else
		notok "$prog --jsonl > /dev/full: exit 1 with a message" "exit $st" "$(head -2 "$tmp/err")"
	fi
done

# 13-15. A closed pipe ends the program quietly.
perl -e 'print "{\"id\":$_,\"text\":\"One sentence. And another one.\\nA second paragraph.\"}\n" for 1 .. 200000' > "$tmp/many.jsonl"
for prog in normalize split-sentences strip-boilerplate; do
	"$SAFI_BUILD/$prog" --jsonl < "$tmp/many.jsonl" 2> "$tmp/err" | head -n 1 > /dev/null
	st=${PIPESTATUS[0]}
	if [ ! -s "$tmp/err" ] && { [ "$st" = 0 ] || [ "$st" = 141 ]; }; then
		ok "$prog --jsonl | head -n1: quiet"
	else
		notok "$prog --jsonl | head -n1: quiet" "exit $st" "$(head -2 "$tmp/err")"
	fi
done

# 16-17. An unreadable file is reported, and the next one is still read.
"$SAFI_BUILD/split-sentences" --jsonl "$tmp/pages.jsonl" > "$tmp/want"
"$SAFI_BUILD/split-sentences" --jsonl "$tmp/missing" "$tmp/pages.jsonl" > "$tmp/got" 2> "$tmp/err"
st=$?
check "unreadable file: exit 1 with its name" test $st = 1 -a -n "$(grep -F "$tmp/missing" "$tmp/err")"
check "unreadable file: the other file is processed" cmp -s "$tmp/want" "$tmp/got"

# 18-19. With --state, the records of earlier runs count as documents: a
# line in three records of three runs is recurring in the third.
for i in 1 2 3; do
	printf '{"run":%d,"text":"Follow our live coverage of the river festival\\nRecord %d: the bridge over the river was closed for repairs on Friday, and traffic went round the town %d times."}\n' "$i" "$i" "$i" > "$tmp/run$i.jsonl"
done
"$SAFI_BUILD/strip-boilerplate" --jsonl -s "$tmp/st" -e "$tmp/run1.jsonl" > "$tmp/e1"
"$SAFI_BUILD/strip-boilerplate" --jsonl -s "$tmp/st" -e "$tmp/run2.jsonl" > "$tmp/e2"
"$SAFI_BUILD/strip-boilerplate" --jsonl -s "$tmp/st" "$tmp/run3.jsonl" > "$tmp/out3"
check "--state: the line is not recurring in the first run" test -z "$(grep recurring "$tmp/e1")"
check "--state: the third run drops the line three records share" \
	grep -q '^{"run":3,"text":"Record 3: the bridge' "$tmp/out3"

# 20-22. A record of 8 MB: split, normalized and stripped whole.
perl -e 'print "{\"meta\":1,\"text\":\"", "The word count grows and grows. " x 250000, "\\n\\u0627\"}\n"' > "$tmp/big.jsonl"
"$SAFI_BUILD/split-sentences" --jsonl < "$tmp/big.jsonl" > "$tmp/big.out"
check "8 MB record: split into its 250000 sentences" \
	test "$(wc -l < "$tmp/big.out")" = 1 -a "$(grep -o 'grows\.\\n' "$tmp/big.out" | wc -l)" = 250000
"$SAFI_BUILD/normalize" --jsonl < "$tmp/big.jsonl" > "$tmp/big.out"
check "8 MB record: normalize keeps it" test "$(wc -c < "$tmp/big.out")" = "$(($(wc -c < "$tmp/big.jsonl") - 4))"
"$SAFI_BUILD/strip-boilerplate" --jsonl --invert < "$tmp/big.jsonl" > "$tmp/big.out"
check "8 MB record: strip-boilerplate writes one record" test "$(wc -l < "$tmp/big.out")" = 1
