/*
 * fuzz_mojibake - properties of mojibake repair and of the legacy decoder.
 *
 * Repair: the output is well-formed UTF-8, it differs from the input only
 * when the repair says so, and a second repair changes nothing more.
 * Decoder: whatever the bytes, every charset gives well-formed UTF-8, the
 * same when read a byte at a time as in one go.
 */
#include <stdlib.h>
#include <string.h>

#include "safi.h"

struct mem {
	const uint8_t *p;
	size_t n, pos, chunk;
};

static long
mem_read(void *ctx, void *buf, size_t cap)
{
	struct mem *m = ctx;
	size_t k = m->n - m->pos;

	if (k > m->chunk)
		k = m->chunk;
	if (k > cap)
		k = cap;
	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (long)k;
}

static void
decode(const char *charset, const uint8_t *data, size_t size, size_t chunk,
       size_t cap, struct safi_buf *out)
{
	struct mem m = {data, size, 0, chunk};
	struct safi_decoder *d;
	char buf[4096];
	long k;

	out->len = 0;
	if (safi_decoder_new(&d, charset, SAFI_INVALID_REPLACE, mem_read, &m) < 0)
		abort();
	while ((k = safi_decoder_read(d, buf, cap)) > 0)
		if (safi_buf_append(out, buf, (size_t)k) < 0)
			abort();
	if (k < 0)
		abort();
	safi_decoder_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct safi_mojibake *m;
	/* NULL: detection. */
	static const char *const charsets[] = {
		"windows-1256", "iso-8859-6", "ibm-864", "windows-1252", "utf-16", NULL,
	};
	struct safi_buf clean = SAFI_BUF_INIT, once = SAFI_BUF_INIT;
	struct safi_buf twice = SAFI_BUF_INIT, a = SAFI_BUF_INIT, b = SAFI_BUF_INIT;
	struct safi_mojibake_stats st;
	uint64_t bad = 0;
	size_t i;
	int rc;

	if (m == NULL && safi_mojibake_new(&m, 0) < 0)
		abort();
	/* Repair works on well-formed UTF-8, as the reader hands it out. */
	if (safi_utf8_sanitize((const char *)data, size, SAFI_INVALID_REPLACE,
	                       &clean, &bad, NULL) < 0)
		abort();
	rc = safi_mojibake_repair(m, clean.ptr ? clean.ptr : "", clean.len, &once);
	if (rc < 0 || (rc == 0 && once.len != 0))
		abort();
	if (rc == 1) {
		if (safi_utf8_valid_prefix(once.ptr, once.len) != once.len ||
		    (once.len == clean.len && memcmp(once.ptr, clean.ptr, once.len) == 0))
			abort();
		safi_mojibake_last(m, &st);
		if (st.runs == 0 || st.what == NULL || st.depth == 0)
			abort();
		if (safi_mojibake_repair(m, once.ptr, once.len, &twice) != 0)
			abort();
	}

	for (i = 0; i < sizeof charsets / sizeof *charsets; i++) {
		const char *cs = charsets[i];

		decode(cs, data, size, size + 1, 4096, &a);
		decode(cs, data, size, 1, 7, &b);
		if (a.len != b.len || (a.len && memcmp(a.ptr, b.ptr, a.len) != 0))
			abort();
		/* Passed-through UTF-8 is checked by the reader, not here. */
		if (cs != NULL && a.len && safi_utf8_valid_prefix(a.ptr, a.len) != a.len)
			abort();
	}

	safi_buf_free(&clean);
	safi_buf_free(&once);
	safi_buf_free(&twice);
	safi_buf_free(&a);
	safi_buf_free(&b);
	return 0;
}
