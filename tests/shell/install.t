#!/bin/sh
# make install puts the programs, the library, its headers, safi.pc and the
# man pages under DESTDIR; a program builds against the installed library
# with pkg-config; make uninstall takes everything away again.
: "${SAFI_BUILD:?run through make check}"
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest
prefix=/opt/safi
echo 1..5

if make -s -C "$top" install BUILD="$SAFI_BUILD" DESTDIR="$dest" PREFIX=$prefix \
    >"$tmp/log" 2>&1; then
	echo "ok 1 - make install"
else
	echo "not ok 1 - make install"; sed 's/^/# /' "$tmp/log"
fi

missing=""
for f in bin/normalize bin/strip-boilerplate bin/split-sentences bin/count-terms bin/read-warc \
    lib/libsafi.a lib/libsafi.so lib/pkgconfig/safi.pc include/safi.h \
    include/safi/normalize.h share/man/man1/normalize.1 share/man/man7/safi.7; do
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

make -s -C "$top" uninstall BUILD="$SAFI_BUILD" DESTDIR="$dest" PREFIX=$prefix >/dev/null 2>&1
left=$(find "$dest" -type f -o -type l | head -5)
if [ -z "$left" ]; then echo "ok 5 - make uninstall"; else echo "not ok 5 - left: $left"; fi
