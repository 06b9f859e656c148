/*
 * fuzz_boilerplate.c - for any input, the kept lines and the dropped lines
 * (--invert) interleave back to the input: every line that is not white
 * space alone is in exactly one of the two outputs, unchanged and in order,
 * and --explain has one row per line.  Lines handed over in place
 * (safi_boilerplate_add_line_ref(), as from a mapped file) are judged as
 * copied ones are: the same --explain output.  Documents are split at
 * form-feed lines.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "safi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* safi_boilerplate_write() into a buffer, through a writer. */
static long
to_buf(void *ctx, const void *p, size_t n)
{
	return safi_buf_append(ctx, p, n) < 0 ? -1 : (long)n;
}

static int
write_buf(const struct safi_boilerplate *bp, enum safi_boilerplate_mode mode,
          struct safi_buf *out)
{
	struct safi_writer *w;
	int err;

	if ((err = safi_writer_new(&w, to_buf, out, 0)) < 0)
		return err;
	if ((err = safi_boilerplate_write(bp, mode, w)) == 0)
		err = safi_writer_flush(w);
	safi_writer_free(w);
	return err;
}

static const char *
next_line(const char *p, const char *end, size_t *len)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	*len = nl ? (size_t)(nl - p) : (size_t)(end - p);
	return nl ? nl + 1 : end;
}

/* Is the line white space alone (what the outputs render as a blank
 * line)?  Invisible format characters are not white space. */
static int
white_space(const char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)p + i,
		    (utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0)
			return 0;
		if (cp != ' ' && cp != '\t' && cp != '\v' && cp != '\f' && cp != '\r' &&
		    utf8proc_category(cp) != UTF8PROC_CATEGORY_ZS &&
		    utf8proc_category(cp) != UTF8PROC_CATEGORY_ZL &&
		    utf8proc_category(cp) != UTF8PROC_CATEGORY_ZP)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

/* Checks that the non-empty lines of |out| are the |n| lines of the
 * document at |doc| whose verdict is |want|, in order. */
static void
check_output(const struct safi_boilerplate *bp, const char *doc, const char *end,
             size_t n, const struct safi_buf *out, int want)
{
	const char *p = doc;
	const char *o = out->ptr ? out->ptr : "", *oend = o + out->len;
	size_t i;

	if (out->len > 0 && out->ptr[out->len - 1] != '\n')
		abort();
	for (i = 0; i < n; i++) {
		size_t len, olen;
		const char *line = p;

		p = next_line(p, end, &len);
		if (safi_boilerplate_verdict(bp, i, NULL) < 0 && !white_space(line, len))
			abort();  /* a line in neither output */
		if (safi_boilerplate_verdict(bp, i, NULL) != want)
			continue;
		do {
			if (o >= oend)
				abort();  /* a line is missing */
			o = next_line(o, oend, &olen);
		} while (olen == 0);
		if (olen != len || memcmp(o - olen - 1, line, len) != 0)
			abort();  /* changed or out of order */
	}
	while (o < oend) {
		size_t olen;

		o = next_line(o, oend, &olen);
		if (olen != 0)
			abort();  /* a line that was not in the input */
	}
}

/* A classifier judging as a new one with *--min-docs* |min_docs|, 1 or
 * 3: built once (its phrases cost more than most inputs), then reset. */
static struct safi_boilerplate *
classifier(unsigned min_docs)
{
	static struct safi_boilerplate *bp[2];
	struct safi_boilerplate **slot = &bp[min_docs > 1];

	if (*slot == NULL) {
		struct safi_boilerplate_opts o;

		safi_boilerplate_opts_default(&o);
		o.min_docs = min_docs;
		if (safi_boilerplate_new(slot, &o) < 0)
			abort();
	} else {
		safi_boilerplate_reset(*slot);
	}
	return *slot;
}

/* Classifies the documents of |data|, its lines copied or, with |ref|,
 * held in place, checks the outputs, and appends the --explain output to
 * |all| unless it is NULL. */
static void
run(const uint8_t *data, size_t size, unsigned min_docs, int ref, struct safi_buf *all)
{
	struct safi_boilerplate *bp = classifier(min_docs);
	const char *p = (const char *)data, *end = p + size;

	while (p < end) {
		const char *doc = p;
		size_t n = 0, len;
		struct safi_buf keep = SAFI_BUF_INIT, inv = SAFI_BUF_INIT, ex = SAFI_BUF_INIT;
		const char *q = p;

		/* A document runs up to a line holding only a form feed. */
		while (q < end) {
			const char *line = q;

			q = next_line(q, end, &len);
			if (len == 1 && line[0] == '\f')
				break;
			if ((ref ? safi_boilerplate_add_line_ref(bp, line, len, ++n) :
			    safi_boilerplate_add_line(bp, line, len, ++n)) < 0)
				abort();
		}
		if (safi_boilerplate_end_document(bp) < 0 ||
		    write_buf(bp, SAFI_BOILERPLATE_KEEP, &keep) < 0 ||
		    write_buf(bp, SAFI_BOILERPLATE_INVERT, &inv) < 0 ||
		    write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &ex) < 0)
			abort();
		if (safi_boilerplate_count(bp) != n)
			abort();
		if (n > 0) {
			check_output(bp, doc, end, n, &keep, 1);
			check_output(bp, doc, end, n, &inv, 0);
		}
		{
			size_t rows = 0, k;

			for (k = 0; k < ex.len; k++)
				rows += ex.ptr[k] == '\n';
			if (rows < n)
				abort();
		}
		if (all != NULL && safi_buf_append(all, ex.ptr ? ex.ptr : "", ex.len) < 0)
			abort();
		safi_buf_free(&keep);
		safi_buf_free(&inv);
		safi_buf_free(&ex);
		p = q;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct safi_buf copied = SAFI_BUF_INIT, held = SAFI_BUF_INIT;

	run(data, size, 3, 0, &copied);
	run(data, size, 3, 1, &held);
	if (copied.len != held.len || (copied.len > 0 && memcmp(copied.ptr, held.ptr, copied.len) != 0))
		abort();  /* lines held in place judged otherwise */
	safi_buf_free(&copied);
	safi_buf_free(&held);
	run(data, size, 1, 1, NULL);
	return 0;
}
