#!/bin/bash
# One document rule for every program (safi(7)): a FILE ends a document,
# and every program writes a form-feed line between the documents it
# writes, so the README's pipeline over many pages judges each page apart;
# --docs=blank and --docs=line read a corpus of one document per
# blank-line block or per line.
. "$(dirname "$0")/tap.sh"
export LC_ALL=C.UTF-8 PATH="$SAFI_BUILD:$PATH"
echo "1..12"
ff=$(printf '\f')
pages=("$top"/examples/corpus/*.txt)

# 1-2. The README's pipeline, its own line as written, over the whole
# example corpus as pages/*.txt, a FILE a page: the expected output (read
# when it was written: every page keeps its article), fourteen documents.
readme=$(sed -n 's#^    \(normalize .* pages/\*\.txt | .*\) > clean\.txt$#\1#p' "$top/README.md")
ln -s "$top/examples/corpus" "$tmp/pages"
(cd "$tmp" && bash -o pipefail -c "$readme") > "$tmp/out" 2> "$tmp/err"
if [ -n "$readme" ] && cmp -s "$tmp/out" "$top/tests/shell/readme-pipeline.out" && [ ! -s "$tmp/err" ]; then
	ok "the README pipeline over the corpus as FILEs gives the expected output"
else
	notok "the README pipeline over the corpus as FILEs gives the expected output" \
	    "README: ${readme:-no 'normalize ... pages/*.txt | ... > clean.txt' line}" \
	    "$(diff "$top/tests/shell/readme-pipeline.out" "$tmp/out" | head -5)" "$(head -3 "$tmp/err")"
fi
check "... fourteen documents, each with its article" \
	test "$(grep -c "^$ff\$" "$tmp/out")" = 13 -a \
	"$(awk -v ff="$ff" 'BEGIN { d = 1 } $0 == ff { d++; next } NF { c[d]++ }
	   END { for (i = 1; i <= d; i++) if (c[i] >= 10) k++; print k }' "$tmp/out")" = 14

# 3. Each page is judged as it is alone (without counting lines across
# pages): the pipeline over the FILEs is the pages' own outputs between
# form-feed lines.
for f in "${pages[@]}"; do
	normalize --from=auto --preset=train "$f" 2> /dev/null | strip-boilerplate --min-docs=0 | split-sentences
	printf '\f\n'
done | head -c -2 > "$tmp/want"
normalize --from=auto --preset=train "${pages[@]}" 2> /dev/null | strip-boilerplate --min-docs=0 |
	split-sentences > "$tmp/got"
check "a pipeline over many FILEs is each FILE's pipeline, between form-feed lines" cmp -s "$tmp/want" "$tmp/got"

# 4. Every program writes the separator between FILEs, with -z a NUL.
printf 'one page here.\n' > "$tmp/a"; printf 'another page there.\n' > "$tmp/b"
bad=""
for p in normalize strip-boilerplate split-sentences; do
	"$p" "$tmp/a" "$tmp/b" $([ $p = strip-boilerplate ] && echo --min-docs=0) | grep -qx "$ff" || bad="$bad $p"
	[ "$("$p" -z "$tmp/a" "$tmp/b" $([ $p = strip-boilerplate ] && echo --min-docs=0) | tr -cd '\0' | wc -c)" = 1 ] || bad="$bad $p-z"
done
check "every program separates FILEs, by a NUL with -z${bad:+ (not:$bad)}" test -z "$bad"

# 5. An empty FILE, or one that ends with its own separator, makes no
# empty document; an unreadable one makes none either.
: > "$tmp/empty"; printf 'one page here.\n\f\n' > "$tmp/ends-ff"
normalize "$tmp/empty" "$tmp/a" "$tmp/empty" "$tmp/ends-ff" "$tmp/missing" "$tmp/b" "$tmp/empty" > "$tmp/out" 2> /dev/null
check "no empty documents from empty, unreadable or separator-ended FILEs" \
	test "$(cat "$tmp/out")" = "$(printf 'one page here.\n\f\none page here.\n\f\nanother page there.')"

# 6-7. --docs=line and --docs=blank: the pages of the corpus as one line
# each, or as blocks without inner blank lines, count as the FILEs do.
utf8=()
for f in "${pages[@]}"; do case $f in *.cp1256.txt) ;; *) utf8+=("$f") ;; esac; done
count-terms --bare --df "${utf8[@]}" > "$tmp/want"
for f in "${utf8[@]}"; do tr -s '\r\n' '  ' < "$f"; echo; done > "$tmp/lines"
count-terms --bare --df --docs=line "$tmp/lines" > "$tmp/got"
check "count-terms --df --docs=line: a page a line counts as a page a FILE" cmp -s "$tmp/want" "$tmp/got"
for f in "${utf8[@]}"; do grep -v '^[[:space:]]*$' "$f"; echo; echo '  '; done > "$tmp/blocks"
count-terms --bare --df --docs=blank "$tmp/blocks" > "$tmp/got"
check "count-terms --df --docs=blank: a page a block counts as a page a FILE" cmp -s "$tmp/want" "$tmp/got"

# 8. --docs is needed in the first program only: normalize turns the
# blocks into form-feed separated documents for the next one.
normalize --docs=blank "$tmp/blocks" | count-terms --bare --df > "$tmp/got"
check "normalize --docs=blank | count-terms --df counts the blocks" cmp -s "$tmp/want" "$tmp/got"

# 9. strip-boilerplate --docs=blank counts the blocks for --min-docs, and
# its kept and inverted outputs still make up the input.
strip-boilerplate --docs=blank "$tmp/blocks" > "$tmp/kept"
strip-boilerplate --docs=blank --invert "$tmp/blocks" > "$tmp/dropped"
check "strip-boilerplate --docs=blank: a document a block, kept + dropped = input" \
	test "$(grep -c "^$ff\$" "$tmp/kept")" = $((${#utf8[@]} - 1)) -a \
	"$(cat "$tmp/kept" "$tmp/dropped" | grep -v "^$ff\$" | grep -c .)" = "$(grep -c '[^[:space:]]' "$tmp/blocks")"

# 10. A line read in pieces (over 64 KiB) is one document with --docs=line.
{ head -c 200000 /dev/zero | tr '\0' a; printf '\nb\n'; } | normalize --docs=line > "$tmp/out"
check "--docs=line: a 200 KB line read in pieces is one document" \
	test "$(wc -l < "$tmp/out")" = 3 -a "$(sed -n 2p "$tmp/out")" = "$ff" -a "$(head -c 5 "$tmp/out")" = aaaaa

# 11. The default passes form-feed lines as they came, empty documents too.
printf 'a\n\f\n\f\nb\n' | normalize > "$tmp/out"
check "form-feed lines pass through as they came" cmp -s "$tmp/out" <(printf 'a\n\f\n\f\nb\n')

# 12. Under --docs a run of blank lines and form-feed lines is one separator.
printf '\n\na\n\n\f\n \n\nb\n\n' | split-sentences --docs=blank > "$tmp/out"
check "--docs=blank: a run of blank and form-feed lines is one separator" \
	cmp -s "$tmp/out" <(printf 'a\n\n\f\nb\n\n')
