/*
 * bp_page.h - pages for the tests of single strip-boilerplate stages: each
 * line's text is appended to the document with its place and its count of
 * words, and the test sets the verdict the decoder would have left.
 */
#ifndef SAFI_BP_PAGE_H
#define SAFI_BP_PAGE_H

#include <stdlib.h>
#include <string.h>

#include "boilerplate_stages.h"
#include "safi.h"
#include "tap.h"

/* The words of p[0, len), split at spaces. */
static inline size_t
bp_page_words(const char *p, size_t len)
{
	size_t i, n = 0;
	int in = 0;

	for (i = 0; i < len; i++) {
		int space = p[i] == ' ';

		n += !space && !in;
		in = !space;
	}
	return n;
}

/* Loads the page of |n| lines "V|text" into |d|, each line's text with its
 * place and its words; the caller sets each line's verdict from its V. */
static inline void
bp_page_load(struct bp_doc *d, const char *const *page, size_t n)
{
	size_t i;

	memset(d, 0, sizeof *d);
	d->lines = calloc(n, sizeof *d->lines);
	CHECK(d->lines != NULL);
	for (i = 0; d->lines != NULL && i < n; i++) {
		struct bp_line *ln = &d->lines[i];
		const char *t = page[i] + 2;

		ln->off = d->text.len;
		ln->len = strlen(t);
		ln->words = (uint32_t)bp_page_words(t, ln->len);
		CHECK(safi_buf_append(&d->text, t, ln->len) == 0);
	}
	d->nlines = d->lines != NULL ? n : 0;
	d->first_number = 1;
	d->base = d->text.ptr ? d->text.ptr : "";
}

static inline void
bp_page_free(struct bp_doc *d)
{
	free(d->lines);
	safi_buf_free(&d->text);
}

/* Writes the verdicts of |d| into |out| as a string and frees |d|: '.' a
 * blank line, K kept, |mark| dropped for |reason|, d dropped otherwise.
 * Returns |out|. */
static inline const char *
bp_page_verdicts(struct bp_doc *d, char *out, int reason, char mark)
{
	size_t i;

	for (i = 0; i < d->nlines; i++) {
		const struct bp_line *ln = &d->lines[i];

		out[i] = ln->kind == K_BLANK ? '.' : ln->keep > 0 ? 'K' :
		    ln->reason == reason ? mark : 'd';
	}
	out[i] = '\0';
	bp_page_free(d);
	return out;
}

#endif
