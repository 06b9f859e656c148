/* UTF-8 validation and repair: Unicode 15 section 3.9, maximal subparts. */
#include <stdlib.h>

#include "safi.h"
#include "tap.h"

static void
check_sanitize(const char *in, size_t n, enum safi_invalid mode,
               const char *want, size_t wantlen, uint64_t want_bad)
{
	struct safi_buf out = SAFI_BUF_INIT;
	uint64_t bad = 0;
	int rc = safi_utf8_sanitize(in, n, mode, &out, &bad, NULL);

	CHECK(rc == 0);
	CHECK_BYTES(out.ptr ? out.ptr : "", out.len, want, wantlen);
	CHECK(bad == want_bad);
	safi_buf_free(&out);
}

#define SAN(in, mode, want, bad) \
	check_sanitize(in, sizeof(in) - 1, mode, want, sizeof(want) - 1, bad)
#define R SAFI_INVALID_REPLACE
#define FFFD "\xEF\xBF\xBD"

int
main(void)
{
	size_t len, off = 0;
	uint64_t bad = 0;
	struct safi_buf out = SAFI_BUF_INIT;

	/* Well-formed text passes untouched, NUL included. */
	SAN("plain ascii", R, "plain ascii", 0);
	SAN("a\0b", R, "a\0b", 0);
	SAN("\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A", R, "\xD8\xB9\xD8\xB1\xD8\xA8\xD9\x8A", 0);
	SAN("\xF0\x9F\x98\x80", R, "\xF0\x9F\x98\x80", 0);
	/* The example of Unicode section 3.9, table 3-8. */
	SAN("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", R,
	    "a" FFFD FFFD FFFD "b" FFFD "c" FFFD FFFD "d", 6);
	/* Truncated sequences: one U+FFFD for the whole maximal subpart. */
	SAN("\xE2\x82", R, FFFD, 1);
	SAN("\xF0\x9F\x98", R, FFFD, 1);
	SAN("x\xD8", R, "x" FFFD, 1);
	/* Overlongs, surrogates and values past U+10FFFF: byte by byte. */
	SAN("\xC0\xAF", R, FFFD FFFD, 2);
	SAN("\xE0\x80\xAF", R, FFFD FFFD FFFD, 3);
	SAN("\xED\xA0\x80", R, FFFD FFFD FFFD, 3);
	SAN("\xF4\x90\x80\x80", R, FFFD FFFD FFFD FFFD, 4);
	SAN("\xF5\x80", R, FFFD FFFD, 2);
	SAN("\xFF", R, FFFD, 1);
	/* Skip drops the bad bytes but counts them. */
	SAN("a\xFF" "b\xE2\x82", SAFI_INVALID_SKIP, "ab", 2);

	/* Fail stops at the first bad byte and says where. */
	CHECK(safi_utf8_sanitize("ok\xC3(", 4, SAFI_INVALID_FAIL, &out, &bad, &off)
	      == SAFI_EILSEQ);
	CHECK(off == 2);
	CHECK_STR(out.ptr, out.len, "ok");
	safi_buf_free(&out);

	CHECK(safi_utf8_valid_prefix("abcdefghij\xC3\xA9xyz\xFF", 16) == 15);
	CHECK(safi_utf8_decode("\xD9\x85", 2, &len) == 0x645 && len == 2);
	CHECK(safi_utf8_decode("\xF4\x8F\xBF\xBF", 4, &len) == 0x10FFFF && len == 4);
	CHECK(safi_utf8_decode("\xE2\x82x", 3, &len) == -1 && len == 2);

	/* A reader keeps the start of a cut sequence for the next block. */
	CHECK(safi_utf8_incomplete_tail("ab\xD9", 3) == 1);
	CHECK(safi_utf8_incomplete_tail("ab\xF0\x9F\x98", 5) == 3);
	CHECK(safi_utf8_incomplete_tail("ab\xD9\x85", 4) == 0);
	CHECK(safi_utf8_incomplete_tail("ab\xE0\x80", 4) == 0);
	CHECK(safi_utf8_incomplete_tail("\x80\x80", 2) == 0);

	CHECK(safi_buf_put_utf8(&out, 0x10FFFF) == 0);
	CHECK(safi_buf_put_utf8(&out, 0x645) == 0);
	CHECK(safi_buf_put_utf8(&out, 'a') == 0);
	CHECK(safi_buf_put_utf8(&out, 0x20AC) == 0);
	CHECK_STR(out.ptr, out.len, "\xF4\x8F\xBF\xBF\xD9\x85" "a\xE2\x82\xAC");
	safi_buf_free(&out);

	/* A buffer never grows past its ceiling. */
	out.limit = 8;
	CHECK(safi_buf_append(&out, "12345678", 8) == 0);
	CHECK(safi_buf_append(&out, "9", 1) == SAFI_ETOOBIG);
	CHECK(out.len == 8);
	safi_buf_free(&out);
	return tap_done();
}
