/* Legacy charsets to UTF-8: names, detection, streaming, invalid bytes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"
#include "tap.h"

/* An input in memory handed out |chunk| bytes at a time. */
struct mem {
	const char *p;
	size_t n, pos, chunk;
	int fail_at_end;
};

static long
mem_read(void *ctx, void *buf, size_t cap)
{
	struct mem *m = ctx;
	size_t k = m->n - m->pos;

	if (k == 0 && m->fail_at_end) {
		errno = EIO;
		return -1;
	}
	if (k > m->chunk)
		k = m->chunk;
	if (k > cap)
		k = cap;
	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (long)k;
}

/* Decodes in[0..n) from |charset| with input chunks of |chunk| bytes and
 * reads of |cap| bytes into |out|.  Returns the last read's result. */
static long
decode(const char *charset, enum safi_invalid mode, const char *in, size_t n,
       size_t chunk, size_t cap, struct safi_buf *out,
       struct safi_decoder_stats *st)
{
	struct mem m = {in, n, 0, chunk, 0};
	struct safi_decoder *d;
	char buf[64];
	long k;

	out->len = 0;
	if (safi_decoder_new(&d, charset, mode, mem_read, &m) < 0)
		return -100;
	while ((k = safi_decoder_read(d, buf, cap)) > 0)
		safi_buf_append(out, buf, (size_t)k);
	if (st)
		safi_decoder_stats(d, st);
	safi_decoder_free(d);
	return k;
}

/* "العربية، نعم" in windows-1256, and in UTF-8. */
static const char ar1256[] = "\xC7\xE1\xDA\xD1\xC8\xED\xC9\xA1 \xE4\xDA\xE3\n";
static const char ar_utf8[] = "العربية، نعم\n";

int
main(void)
{
	struct safi_buf out = SAFI_BUF_INIT;
	struct safi_decoder_stats st;
	struct safi_detection det;
	struct safi_decoder *d;
	const char *canon;
	size_t chunk, cap;
	long k;

	/* Names: ICU's aliases, and unknown ones told apart. */
	CHECK(safi_encoding_lookup("windows-1256", &canon) == 0 && canon != NULL);
	CHECK(safi_encoding_lookup("cp1256", NULL) == 0);
	CHECK(safi_encoding_lookup("iso-8859-6", NULL) == 0);
	CHECK(safi_encoding_lookup("ibm-864", NULL) == 0);
	CHECK(safi_encoding_lookup("utf-16", NULL) == 0);
	CHECK(safi_encoding_lookup("nonsense", NULL) == SAFI_ENOTFOUND);
	CHECK(safi_encoding_lookup("", NULL) == SAFI_ENOTFOUND);
	CHECK(safi_decoder_new(&d, "nonsense", SAFI_INVALID_REPLACE, mem_read, NULL) ==
	      SAFI_ENOTFOUND && d == NULL);

	/* windows-1256, split at every position and read in every size. */
	for (chunk = 1; chunk <= sizeof ar1256; chunk++)
		for (cap = 1; cap <= 8; cap++) {
			k = decode("windows-1256", SAFI_INVALID_REPLACE, ar1256,
			           sizeof ar1256 - 1, chunk, cap, &out, &st);
			CHECK(k == 0);
			CHECK_STR(out.ptr, out.len, ar_utf8);
			CHECK(st.invalid == 0 && st.bytes_in == sizeof ar1256 - 1);
		}
	/* UTF-16 with a byte order mark, a character cut between reads. */
	for (chunk = 1; chunk <= 6; chunk++) {
		k = decode("utf-16", SAFI_INVALID_REPLACE, "\xFF\xFE\x27\x06\x44\x06\n\0",
		           8, chunk, 3, &out, NULL);
		CHECK(k == 0);
		CHECK_STR(out.ptr, out.len, "\xD8\xA7\xD9\x84\n");
	}
	/* ISO-8859-6 leaves 0xA1 unmapped: counted, with its offset. */
	k = decode("iso-8859-6", SAFI_INVALID_REPLACE, "\xC7\xE4\xA1x\xA1", 5, 2, 64,
	           &out, &st);
	CHECK(k == 0);
	CHECK_STR(out.ptr, out.len, "\xD8\xA7\xD9\x84\xEF\xBF\xBDx\xEF\xBF\xBD");
	CHECK(st.invalid == 2 && st.invalid_offset == 2);
	k = decode("iso-8859-6", SAFI_INVALID_SKIP, "\xC7\xE4\xA1x", 4, 1, 64, &out, &st);
	CHECK_STR(out.ptr, out.len, "\xD8\xA7\xD9\x84x");
	CHECK(st.invalid == 1);
	/* With fail, what came before the byte is handed out, then an error. */
	k = decode("iso-8859-6", SAFI_INVALID_FAIL, "\xC7\xE4\xA1x", 4, 4, 64, &out, &st);
	CHECK(k == -1 && errno == EILSEQ);
	CHECK_STR(out.ptr, out.len, "\xD8\xA7\xD9\x84");
	CHECK(st.invalid == 1 && st.invalid_offset == 2);
	/* UTF-8 passes through as it is, invalid bytes left to the reader. */
	k = decode("UTF-8", SAFI_INVALID_REPLACE, "a\xFF" "b", 3, 1, 2, &out, &st);
	CHECK(k == 0);
	CHECK_STR(out.ptr, out.len, "a\xFF" "b");
	/* A failing input is an error, errno kept. */
	{
		struct mem m = {"abc", 3, 0, 2, 1};
		char buf[8];

		CHECK(safi_decoder_new(&d, "windows-1256", SAFI_INVALID_REPLACE,
		                       mem_read, &m) == 0);
		while ((k = safi_decoder_read(d, buf, sizeof buf)) > 0)
			;
		CHECK(k == -1 && safi_decoder_error(d) == SAFI_EIO);
		safi_decoder_free(d);
	}

	/* Detection. */
	CHECK(safi_encoding_detect(ar_utf8, sizeof ar_utf8 - 1, 1, &det) == 0);
	CHECK(strcmp(det.charset, "UTF-8") == 0 && det.sure);
	CHECK(safi_encoding_detect("plain ASCII\n", 12, 1, &det) == 0);
	CHECK(strcmp(det.charset, "UTF-8") == 0);
	/* A sample cut inside a character is still UTF-8, unless it is all. */
	CHECK(safi_encoding_detect(ar_utf8, 3, 0, &det) == 0);
	CHECK(strcmp(det.charset, "UTF-8") == 0);
	CHECK(safi_encoding_detect(ar_utf8, 3, 1, &det) == 0);
	CHECK(strcmp(det.charset, "UTF-8") != 0);
	CHECK(safi_encoding_detect(ar1256, sizeof ar1256 - 1, 1, &det) == 0);
	CHECK(strcmp(det.charset, "windows-1256") == 0 && det.sure);
	CHECK(strcmp(det.language, "ar") == 0);
	CHECK(safi_encoding_detect("\xFF\xFE\x27\x06", 4, 1, &det) == 0);
	CHECK(strcmp(det.charset, "UTF-16") == 0);
	CHECK(safi_encoding_detect("\xEF\xBB\xBFx", 4, 1, &det) == 0);
	CHECK(strcmp(det.charset, "UTF-8") == 0);
	/* The decoder detects windows-1256 and decodes it. */
	for (chunk = 1; chunk <= 4; chunk++) {
		k = decode(NULL, SAFI_INVALID_REPLACE, ar1256, sizeof ar1256 - 1, chunk, 5,
		           &out, &st);
		CHECK(k == 0);
		CHECK_STR(out.ptr, out.len, ar_utf8);
		CHECK(st.detected && strcmp(st.charset, "windows-1256") == 0);
	}
	k = decode(NULL, SAFI_INVALID_REPLACE, ar_utf8, sizeof ar_utf8 - 1, 1, 5, &out, &st);
	CHECK_STR(out.ptr, out.len, ar_utf8);
	CHECK(st.detected && strcmp(st.charset, "UTF-8") == 0);
	k = decode(NULL, SAFI_INVALID_REPLACE, "", 0, 1, 5, &out, &st);
	CHECK(k == 0 && out.len == 0);

	safi_decoder_free(NULL);
	safi_buf_free(&out);
	return tap_done();
}
