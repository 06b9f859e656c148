/*
 * fuzz_dedup.c - properties of the deduplicator, for any input (documents
 * split at form-feed lines, lines at LF, ill-formed UTF-8 replaced as the
 * reader replaces it):
 *
 *  - the kept lines and the dropped lines partition each document: a
 *    document is kept or dropped whole, and a kept one loses only lines
 *    it holds, in order, each once (so the kept output is a subsequence of
 *    the input, and the kept and the inverted outputs interleave back to
 *    it);
 *  - every dropped paragraph's normalized text is that of a line written
 *    earlier, in another document;
 *  - a document never duplicates itself, and a near duplicate has the
 *    bins the threshold asks for;
 *  - the input twice: every document of the second copy is dropped; so is
 *    a document right after one that differs only in blank lines and the
 *    spaces around its lines;
 *  - signature records read back by a merge (two shards' sections in one
 *    file), and a state saved and loaded half way, give the decisions of
 *    one process;
 *  - a cleared deduplicator decides as a new one (every check above runs
 *    on deduplicators cleared after the previous one).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DOCS 64
#define MAX_LINES 256

struct doc {
	size_t nlines;
	struct safi_buf lines[MAX_LINES];
};

struct input {
	struct doc docs[MAX_DOCS];
	size_t ndocs;
};

static void
split(const uint8_t *data, size_t size, struct input *in)
{
	const char *p = (const char *)data, *end = p + size;
	struct doc *d;

	memset(in, 0, sizeof *in);
	in->ndocs = 1;
	d = &in->docs[0];
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		uint64_t bad = 0;

		if (n == 1 && p[0] == '\f') {
			if (in->ndocs == MAX_DOCS)
				break;
			d = &in->docs[in->ndocs++];
		} else if (d->nlines < MAX_LINES) {
			safi_utf8_sanitize(p, n, SAFI_INVALID_REPLACE, &d->lines[d->nlines++],
			                   &bad, NULL);
		}
		p += n + (nl != NULL);
	}
}

static void
free_input(struct input *in)
{
	size_t i, j;

	for (i = 0; i < in->ndocs; i++)
		for (j = 0; j < in->docs[i].nlines; j++)
			safi_buf_free(&in->docs[i].lines[j]);
}

static void
feed(struct safi_dedup *d, const struct doc *doc, size_t i)
{
	char label[32];
	size_t j;

	snprintf(label, sizeof label, "doc%zu", i);
	if (safi_dedup_begin(d, label, strlen(label)) < 0)
		abort();
	for (j = 0; j < doc->nlines; j++)
		if (safi_dedup_line(d, doc->lines[j].ptr ? doc->lines[j].ptr : "",
		                    doc->lines[j].len) < 0)
			abort();
	safi_dedup_end(d);
}

/* A deduplicator as new: made once per setting and slot, then cleared
 * (making one builds its normalizer's tables, which would take most of the
 * time); the checks below hold only if a cleared one decides as a new one. */
static struct safi_dedup *
make(unsigned paragraphs, int slot)
{
	static struct safi_dedup *made[2][2];
	struct safi_dedup **d = &made[paragraphs != 0][slot];
	struct safi_dedup_opts o;

	if (*d) {
		safi_dedup_clear(*d);
		return *d;
	}
	safi_dedup_opts_default(&o);
	o.paragraph_words = paragraphs;
	o.shingle = 2;  /* short inputs: shingles of two words */
	if (safi_dedup_new(d, &o) < 0)
		abort();
	return *d;
}

static int
same_norm(struct safi_normalizer *nz, const struct safi_buf *a, const struct safi_buf *b,
          struct safi_buf *x, struct safi_buf *y)
{
	x->len = y->len = 0;
	if (safi_normalize(nz, a->ptr ? a->ptr : "", a->len, x) < 0 ||
	    safi_normalize(nz, b->ptr ? b->ptr : "", b->len, y) < 0)
		abort();
	return x->len == y->len && (x->len == 0 || memcmp(x->ptr, y->ptr, x->len) == 0);
}

/* Checks one verdict; marks the written lines in kept[i][..]. */
static void
check_verdict(const struct input *in, size_t i, const struct safi_dedup_verdict *v,
              unsigned needed, unsigned char kept[][MAX_LINES],
              struct safi_normalizer *nz)
{
	struct safi_buf x = SAFI_BUF_INIT, y = SAFI_BUF_INIT;
	char label[32];
	size_t j, k, m;

	snprintf(label, sizeof label, "doc%zu", i);
	memset(kept[i], 0, MAX_LINES);
	if (v->reason != SAFI_DEDUP_NEW) {
		if (v->ndrops != 0 || v->earlier == NULL)
			abort();
		if (v->earlier_len == strlen(label) && memcmp(v->earlier, label, v->earlier_len) == 0)
			abort();  /* itself */
		if (v->reason == SAFI_DEDUP_NEAR && v->agree < needed)
			abort();
		return;
	}
	for (j = 0; j < in->docs[i].nlines; j++)
		kept[i][j] = 1;
	for (k = 0; k < v->ndrops; k++) {
		size_t line = (size_t)v->drops[k].line;
		int found = 0;

		if (line >= in->docs[i].nlines || (k > 0 && line <= v->drops[k - 1].line))
			abort();  /* not a line of the document, or out of order */
		kept[i][line] = 0;
		/* seen in a line written by an earlier document */
		for (m = 0; m < i && !found; m++)
			for (j = 0; j < in->docs[m].nlines && !found; j++)
				found = kept[m][j] && same_norm(nz, &in->docs[m].lines[j],
				                                &in->docs[i].lines[line], &x, &y);
		if (!found)
			abort();
	}
	safi_buf_free(&x);
	safi_buf_free(&y);
}

struct cursor {
	const char *p;
	size_t n;
};

static long
mem_read(void *ctx, void *buf, size_t cap)
{
	struct cursor *c = ctx;
	size_t n = c->n < cap ? c->n : cap;

	if (n > 5)
		n = 5;  /* small reads: lines straddle them */
	memcpy(buf, c->p, n);
	c->p += n;
	c->n -= n;
	return (long)n;
}

static void
put_verdict(struct safi_buf *out, size_t i, const struct safi_dedup_verdict *v)
{
	struct safi_dedup_sum st = {0, 0};

	if (safi_dedup_verdicts_write_doc(i + 1, v, &st, out) < 0)
		abort();
}

static void
run(const struct input *in, unsigned paragraphs)
{
	static unsigned char kept[MAX_DOCS][MAX_LINES];
	struct safi_buf one = SAFI_BUF_INIT, other = SAFI_BUF_INIT, sigs = SAFI_BUF_INIT;
	struct safi_buf state = SAFI_BUF_INIT;
	struct safi_dedup *d = make(paragraphs, 0), *m;
	static struct safi_normalizer *nz;
	struct safi_dedup_verdict v;
	struct safi_dedup_sum st;
	struct safi_dedup_sigs *s;
	struct cursor cur;
	const char *why;
	unsigned needed = safi_dedup_needed_bins(safi_dedup_opts(d));
	size_t i, half = in->ndocs / 2;
	int rc;

	if (nz == NULL && safi_normalizer_new(&nz, &safi_dedup_opts(d)->norm) < 0)
		abort();
	/* one process, the input twice */
	for (i = 0; i < in->ndocs; i++) {
		feed(d, &in->docs[i], i);
		if (safi_dedup_decide(d, &v) < 0)
			abort();
		check_verdict(in, i, &v, needed, kept, nz);
		put_verdict(&one, i, &v);
	}
	for (i = 0; i < in->ndocs; i++) {
		feed(d, &in->docs[i], i + MAX_DOCS);
		if (safi_dedup_decide(d, &v) < 0 || v.reason == SAFI_DEDUP_NEW)
			abort();  /* the second copy goes whole */
	}

	/* A then A': A with blank lines between its lines and spaces around
	 * them, which normalization takes away: A' goes */
	for (i = 0; i < in->ndocs; i++) {
		struct safi_buf x = SAFI_BUF_INIT;
		size_t j;

		d = make(paragraphs, 0);
		feed(d, &in->docs[i], i);
		if (safi_dedup_decide(d, &v) < 0 || v.reason != SAFI_DEDUP_NEW)
			abort();
		if (safi_dedup_begin(d, "A'", 2) < 0)
			abort();
		for (j = 0; j < in->docs[i].nlines; j++) {
			x.len = 0;
			if (safi_buf_append(&x, " \t", 2) < 0 ||
			    safi_buf_append(&x, in->docs[i].lines[j].ptr, in->docs[i].lines[j].len) < 0 ||
			    safi_buf_append(&x, "  ", 2) < 0 ||
			    safi_dedup_line(d, x.ptr, x.len) < 0 || safi_dedup_line(d, "", 0) < 0)
				abort();
		}
		safi_dedup_end(d);
		if (safi_dedup_decide(d, &v) < 0 || v.reason == SAFI_DEDUP_NEW)
			abort();
		safi_buf_free(&x);
		}

	/* map (two shards' sections in one file) and merge */
	d = make(paragraphs, 0);
	for (i = 0; i < in->ndocs; i++) {
		if (i == 0 || i == half) {
			if (i > 0)
				safi_dedup_sigs_write_end(&st, &sigs);
			safi_dedup_sigs_write_header(d, i > 0, &st, &sigs);
		}
		feed(d, &in->docs[i], i);
		safi_dedup_sigs_write_record(d, &st, &sigs);
	}
	if (in->ndocs == 0)
		safi_dedup_sigs_write_header(d, 0, &st, &sigs);
	safi_dedup_sigs_write_end(&st, &sigs);
	m = make(paragraphs, 1);
	cur.p = sigs.ptr;
	cur.n = sigs.len;
	if (safi_dedup_sigs_open(&s, m, mem_read, &cur, &why) < 0)
		abort();
	for (i = 0;;) {
		while ((rc = safi_dedup_sigs_next(s, &why)) > 0) {
			if (safi_dedup_decide(m, &v) < 0)
				abort();
			put_verdict(&other, i++, &v);
		}
		if (rc == 0 && safi_dedup_sigs_shard(s) != (i > half && half > 0))
			abort();
		if (rc < 0 || (rc = safi_dedup_sigs_next_shard(s, &why)) <= 0)
			break;
	}
	if (rc != 0 || i != in->ndocs || other.len != one.len ||
	    (one.len && memcmp(one.ptr, other.ptr, one.len) != 0))
		abort();
	safi_dedup_sigs_free(s);

	/* a state half way */
	other.len = 0;
	d = make(paragraphs, 0);
	for (i = 0; i < half; i++) {
		feed(d, &in->docs[i], i);
		if (safi_dedup_decide(d, &v) < 0)
			abort();
		put_verdict(&other, i, &v);
	}
	if (safi_dedup_state_save(d, &state) < 0)
		abort();
	d = make(paragraphs, 0);
	if (safi_dedup_state_load(d, state.ptr, state.len, &why) < 0)
		abort();
	for (i = half; i < in->ndocs; i++) {
		feed(d, &in->docs[i], i);
		if (safi_dedup_decide(d, &v) < 0)
			abort();
		put_verdict(&other, i, &v);
	}
	if (other.len != one.len || (one.len && memcmp(one.ptr, other.ptr, one.len) != 0))
		abort();
	safi_buf_free(&one);
	safi_buf_free(&other);
	safi_buf_free(&sigs);
	safi_buf_free(&state);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct input in;

	split(data, size, &in);
	run(&in, 0);
	run(&in, 2);
	free_input(&in);
	return 0;
}
