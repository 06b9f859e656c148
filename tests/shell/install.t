#!/bin/sh
# make install puts the programs, the library, its headers, safi.pc, the
# man pages and the examples under DESTDIR; a C program and a C++ program
# build against the installed library with pkg-config; every installed
# header stands alone in C and C++; libsafi.so exports exactly what the
# headers declare; make uninstall takes everything away again.
: "${SAFI_BUILD:?run through make check}"
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest
prefix=/opt/safi
echo 1..9

if make -s -C "$top" install BUILD="$SAFI_BUILD" DESTDIR="$dest" PREFIX=$prefix \
    >"$tmp/log" 2>&1; then
	echo "ok 1 - make install"
else
	echo "not ok 1 - make install"; sed 's/^/# /' "$tmp/log"
fi

missing=""
for f in bin/normalize bin/strip-boilerplate bin/split-sentences bin/count-terms bin/read-warc \
    lib/libsafi.a lib/libsafi.so lib/pkgconfig/safi.pc include/safi.h \
    include/safi/normalize.h include/safi/api.h share/man/man1/normalize.1 \
    share/man/man3/libsafi.3 share/man/man7/safi.7 share/doc/safi/LICENSE \
    share/safi/examples/main-job.sh share/safi/examples/scale-out.sh \
    share/safi/examples/cron/nightly.sh share/safi/examples/corpus/01-ar-fuel-prices.txt \
    share/safi/examples/crawl/sample.warc.wet.gz share/man/man1/read-warc.1; do
	[ -e "$dest$prefix/$f" ] || missing="$missing $f"
done
if [ -z "$missing" ]; then echo "ok 2 - installed files"; else echo "not ok 2 - missing:$missing"; fi

cat > "$tmp/hello.c" <<'C'
#include <safi.h>
#include <stdio.h>

int
main(void)
{
	struct safi_normalizer *nz;
	struct safi_buf out = SAFI_BUF_INIT;
	struct safi_norm_opts o = {SAFI_FORM_NFC, SAFI_NORM_DIGITS};

	if (safi_normalizer_new(&nz, &o) < 0 ||
	    safi_normalize(nz, "\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6", 8, &out) < 0)
		return 1;
	printf("%.*s\n", (int)out.len, out.ptr);
	safi_buf_free(&out);
	safi_normalizer_free(nz);
	return 0;
}
C
# safi.pc names the installed prefix; point pkg-config at the staged copy.
sed "s|^prefix=.*|prefix=$dest$prefix|; s|^libdir=.*|libdir=$dest$prefix/lib|; s|^includedir=.*|includedir=$dest$prefix/include|" \
    "$dest$prefix/lib/pkgconfig/safi.pc" > "$tmp/safi.pc"
# Linked as the build was (make sanitize links with the sanitizers).
if ${SAFI_CC:-cc} ${SAFI_LDFLAGS:-} -o "$tmp/hello" "$tmp/hello.c" \
    $(PKG_CONFIG_PATH="$tmp" pkg-config --cflags --static --libs safi) >"$tmp/log" 2>&1; then
	echo "ok 3 - a program builds against the installed library"
else
	echo "not ok 3 - a program builds against the installed library"; sed 's/^/# /' "$tmp/log"
fi
got=$(LD_LIBRARY_PATH="$dest$prefix/lib" "$tmp/hello" 2>&1)
if [ "$got" = 2026 ]; then
	echo "ok 4 - and runs"
else
	echo "not ok 4 - and runs"; printf "%s\n" "$got" | head -5 | sed "s/^/# /"
fi

# 5. Every header compiles on its own, as C and as C++.
bad=""
for h in "$dest$prefix"/include/safi.h "$dest$prefix"/include/safi/*.h; do
	rel=${h#"$dest$prefix/include/"}
	printf '#include <%s>\n' "$rel" > "$tmp/one.c"
	${SAFI_CC:-cc} -std=c11 -Wall -Wextra -Werror -fsyntax-only -I"$dest$prefix/include" \
	    "$tmp/one.c" 2>> "$tmp/hlog" || bad="$bad $rel(C)"
	${SAFI_CXX:-c++} -x c++ -std=c++11 -Wall -Wextra -Werror -fsyntax-only \
	    -I"$dest$prefix/include" "$tmp/one.c" 2>> "$tmp/hlog" || bad="$bad $rel(C++)"
done
if [ -z "$bad" ]; then
	echo "ok 5 - every installed header stands alone in C and C++"
else
	echo "not ok 5 - every installed header stands alone in C and C++:$bad"; head -5 "$tmp/hlog" | sed 's/^/# /'
fi

# 6-7. A C++ program links with the installed library (C linkage) and runs.
cat > "$tmp/hello.cc" <<'CC'
#include <safi.h>

#include <cstdio>
#include <string>

int
main()
{
	struct safi_normalizer *nz = nullptr;
	struct safi_splitter *sp = nullptr;
	struct safi_buf out = SAFI_BUF_INIT;
	struct safi_norm_opts o = SAFI_NORM_OPTS_DEFAULT;
	struct safi_sentences it;
	struct safi_jsonl_member m;
	std::string line = "{\"text\":\"Cafe\\u0301 ouvert. Entrez!\"}";
	size_t start, end;
	int n = 0;

	o.folds |= SAFI_NORM_CASE_FOLD;
	if (safi_normalizer_new(&nz, &o) < 0 || safi_splitter_new(&sp, nullptr) < 0 ||
	    safi_jsonl_find(line.data(), line.size(), "text", 4, &m) != 0 ||
	    safi_jsonl_decode(line.data() + m.start, m.end - m.start,
	                      SAFI_INVALID_REPLACE, &out) < 0)
		return 1;
	std::string text(out.ptr, out.len);
	out.len = 0;
	if (safi_normalize(nz, text.data(), text.size(), &out) < 0)
		return 1;
	std::string folded(out.ptr, out.len);
	safi_sentences_begin(&it, sp, folded.data(), folded.size());
	while (safi_sentences_next(&it, &start, &end))
		std::printf("%d %.*s\n", ++n, (int)(end - start), folded.data() + start);
	safi_buf_free(&out);
	safi_splitter_free(sp);
	safi_normalizer_free(nz);
	return 0;
}
CC
if ${SAFI_CXX:-c++} ${SAFI_LDFLAGS:-} -o "$tmp/hello-cc" "$tmp/hello.cc" \
    $(PKG_CONFIG_PATH="$tmp" pkg-config --cflags --libs safi) >"$tmp/log" 2>&1; then
	echo "ok 6 - a C++ program builds against the installed library"
else
	echo "not ok 6 - a C++ program builds against the installed library"; sed 's/^/# /' "$tmp/log"
fi
got=$(LD_LIBRARY_PATH="$dest$prefix/lib" "$tmp/hello-cc" 2>&1)
if [ "$got" = "$(printf '1 café ouvert.\n2 entrez!')" ]; then
	echo "ok 7 - and runs"
else
	echo "not ok 7 - and runs"; printf "%s\n" "$got" | head -5 | sed "s/^/# /"
fi

# 8. libsafi.so exports what the installed headers declare, and nothing
# of the library's inside.
# (names starting with __ are the compiler's: ASan's __odr_asan.* guards)
nm -D --defined-only "$dest$prefix/lib/libsafi.so" | awk '$2 ~ /^[TDRB]$/ && $3 !~ /^__/ { print $3 }' |
	sort > "$tmp/exported"
cat "$dest$prefix"/include/safi.h "$dest$prefix"/include/safi/*.h |
	sed 's/struct safi_[a-z0-9_]*//g' | grep -oE '\bsafi_[a-z0-9_]+ *\(|\bsafi_[a-z0-9_]+\[\]' | grep -oE 'safi_[a-z0-9_]+' | sort -u > "$tmp/declared"
extra=$(comm -23 "$tmp/exported" "$tmp/declared" | tr '\n' ' ')
missing=$(comm -13 "$tmp/exported" "$tmp/declared" | tr '\n' ' ')
if [ -s "$tmp/exported" ] && [ -z "$extra" ] && [ -z "$missing" ]; then
	echo "ok 8 - libsafi.so exports exactly the declared functions ($(wc -l < "$tmp/exported"))"
else
	echo "not ok 8 - libsafi.so exports exactly the declared functions"
	echo "# exported, not declared: $extra"
	echo "# declared, not exported: $missing"
fi

make -s -C "$top" uninstall BUILD="$SAFI_BUILD" DESTDIR="$dest" PREFIX=$prefix >/dev/null 2>&1
left=$(find "$dest" -type f -o -type l | head -5)
if [ -z "$left" ]; then echo "ok 9 - make uninstall"; else echo "not ok 9 - left: $left"; fi
