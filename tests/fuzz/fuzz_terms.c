/*
 * fuzz_terms.c - properties of word segmentation and term counting:
 *
 *  - the UTF-8 rule engine gives exactly ICU's segments, and the segments
 *    cover the line;
 *  - the sum of the counts equals the number of tokens counted;
 *  - counting the input in two parts, writing each as a run and merging
 *    the runs equals counting the whole (for unigrams and n-grams);
 *  - counting each line in pieces of any size equals counting it whole;
 *  - n-grams counted by word ids equal n-grams counted as strings (a
 *    table that already holds a term counts them as strings), with and
 *    without document frequency.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"

struct segs {
	struct safi_buf b;  /* offsets and flags of each segment */
	size_t pos, words;
	const char *base;
};

static int
on_seg(void *ctx, const char *seg, size_t len, int is_word)
{
	struct segs *s = ctx;
	size_t rec[3] = {(size_t)(seg - s->base), len, (size_t)is_word};

	if ((size_t)(seg - s->base) != s->pos)
		abort();  /* segments must tile the line */
	s->pos += len;
	s->words += is_word;
	return safi_buf_append(&s->b, rec, sizeof rec);
}

struct mem {
	const struct safi_buf *b;
	size_t at;
};

static long
mem_read(void *ctx, void *buf, size_t cap)
{
	struct mem *m = ctx;
	size_t n = m->b->len - m->at;

	if (n > cap)
		n = cap;
	if (n > 7)
		n = 7;  /* small reads: records straddle them */
	if (n > 0)
		memcpy(buf, m->b->ptr + m->at, n);
	m->at += n;
	return (long)n;
}

static long
mem_write(void *ctx, const void *p, size_t n)
{
	return safi_buf_append(ctx, p, n) < 0 ? -1 : (long)n;
}

/* A term no count can make (it is no word): a table that holds it
 * counts n-grams as strings. */
#define AS_STRINGS "\x01"

/* Counts the lines of s[0..n) into a new table (flags: SAFI_TERMS_*; a
 * line "\f" ends a document), each whole (piece 0) or in pieces of about
 * |piece| bytes, cut between characters; |strings|: in a table that holds
 * AS_STRINGS (counted once, not in *tokens). */
static struct safi_terms *
count_lines(const char *s, size_t n, unsigned lo, unsigned hi, uint64_t *tokens,
            size_t piece, unsigned flags, int strings)
{
	struct safi_terms *t;
	struct safi_counter *c;
	struct safi_counter_opts o = {lo, hi, 0, NULL, NULL, NULL};
	size_t i = 0;

	if (safi_terms_new(&t, flags) < 0 || safi_counter_new(&c, t, &o) < 0)
		abort();
	if (strings && safi_terms_add(t, AS_STRINGS, 1, 1) < 0)
		abort();
	while (i < n) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t len = nl ? (size_t)(nl - (s + i)) : n - i, at = 0;

		if (len == 1 && s[i] == '\f') {
			if (safi_counter_end_doc(c) < 0)
				abort();
			i += 2;
			continue;
		}
		while (piece && len - at > piece) {
			size_t k = piece;

			while (at + k < len && ((unsigned char)s[i + at + k] & 0xC0) == 0x80)
				k++;
			if (safi_counter_piece(c, s + i + at, k, 0) != 0)
				abort();  /* no stretch here reaches the ceiling */
			at += k;
		}
		if (safi_counter_piece(c, s + i + at, len - at, 1) < 0)
			abort();
		i += len + 1;
	}
	if (safi_counter_flush(c) < 0)
		abort();
	safi_counter_free(c);
	*tokens = safi_terms_total(t) - (strings != 0);
	return t;
}

/* Whether a and b (sorted by term) hold the same terms, a's first |skip|
 * left out. */
static int
same_terms(struct safi_terms *a, size_t skip, struct safi_terms *b)
{
	size_t i, n = safi_terms_size(b);

	if (safi_terms_size(a) != n + skip)
		return 0;
	for (i = 0; i < n; i++) {
		const char *ta, *tb;
		size_t la, lb;
		uint64_t ca, cb;

		safi_terms_get(a, i + skip, &ta, &la, &ca);
		safi_terms_get(b, i, &tb, &lb, &cb);
		if (la != lb || memcmp(ta, tb, la) != 0 || ca != cb)
			return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct safi_words *fast, *icu;
	static struct safi_word_spans spans = SAFI_WORD_SPANS_INIT;
	struct safi_buf text = SAFI_BUF_INIT;
	struct segs a, b;
	uint64_t bad, tokens, tok1, tok2, sum;
	size_t i, j, split, n;
	unsigned lo, hi;

	if (size < 1)
		return 0;
	if (!fast && (safi_words_new(&fast, SAFI_WORDS_ALL) < 0 ||
	              safi_words_new(&icu, SAFI_WORDS_ALL | SAFI_WORDS_ICU_ONLY) < 0))
		abort();
	lo = 1 + data[0] % 3;
	hi = lo + (data[0] >> 4) % 3;
	if (safi_buf_reserve(&text, 1) < 0)  /* never a NULL base pointer */
		return 0;
	if (safi_utf8_sanitize((const char *)data + 1, size - 1,
	                       SAFI_INVALID_REPLACE, &text, &bad, NULL) < 0)
		return 0;

	/* the engine against ICU, line by line */
	for (i = 0; i < text.len;) {
		const char *nl = memchr(text.ptr + i, '\n', text.len - i);
		size_t len = nl ? (size_t)(nl - (text.ptr + i)) : text.len - i;

		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		a.base = b.base = text.ptr + i;
		if (safi_words_each(fast, text.ptr + i, len, on_seg, &a) < 0 ||
		    safi_words_each(icu, text.ptr + i, len, on_seg, &b) < 0)
			abort();
		if (a.pos != len || b.pos != len || a.b.len != b.b.len ||
		    (a.b.len && memcmp(a.b.ptr, b.b.ptr, a.b.len) != 0))
			abort();
		/* the word positions are the segments that are words */
		if (safi_words_spans(fast, text.ptr + i, len, &spans) < 0)
			abort();
		{
			const size_t *rec = (const size_t *)a.b.ptr;
			size_t k, nw = 0;

			for (k = 0; k < a.b.len / sizeof rec[0] / 3; k++) {
				if (!rec[3 * k + 2])
					continue;
				if (nw >= spans.n || spans.v[2 * nw] != rec[3 * k] ||
				    spans.v[2 * nw + 1] != rec[3 * k + 1])
					abort();
				nw++;
			}
			if (nw != spans.n)
				abort();
		}
		safi_buf_free(&a.b);
		safi_buf_free(&b.b);
		i += len + 1;
	}

	/* sum of counts = tokens, for each n-gram setting */
	{
		unsigned df = (data[size - 1] & 0x80) ? SAFI_TERMS_DF : 0;
		struct safi_terms *t = count_lines(text.ptr, text.len, lo, hi, &tokens, 0, 0, 0);
		struct safi_terms *t1, *t2, *tm;
		struct safi_buf r1 = SAFI_BUF_INIT, r2 = SAFI_BUF_INIT;
		struct safi_writer *w;
		struct safi_terms_merger *m;
		struct mem m1 = {&r1, 0}, m2 = {&r2, 0};
		safi_read_fn fns[2] = {mem_read, mem_read};
		void *ctxs[2] = {&m1, &m2};
		const char *term;
		size_t len;
		uint64_t count;
		int r;

		if (safi_terms_sort(t, SAFI_TERMS_BY_TERM) < 0)
			abort();
		n = safi_terms_size(t);
		for (i = 0, sum = 0; i < n; i++) {
			safi_terms_get(t, i, &term, &len, &count);
			sum += count;
		}
		if (sum != tokens)
			abort();

		/* in pieces, the same terms */
		t1 = count_lines(text.ptr, text.len, lo, hi, &tok1, 1 + data[0] % 11, 0, 0);
		if (safi_terms_sort(t1, SAFI_TERMS_BY_TERM) < 0)
			abort();
		if (tok1 != tokens || !same_terms(t1, 0, t))
			abort();
		safi_terms_free(t1);

		/* as strings, the same terms; so with document frequency */
		t1 = count_lines(text.ptr, text.len, lo, hi, &tok1, 0, 0, 1);
		if (safi_terms_sort(t1, SAFI_TERMS_BY_TERM) < 0)
			abort();
		if (tok1 != tokens || !same_terms(t1, 1, t))
			abort();
		safi_terms_free(t1);
		t1 = count_lines(text.ptr, text.len, lo, hi, &tok1, 0, df, 1);
		t2 = count_lines(text.ptr, text.len, lo, hi, &tok2, 0, df, 0);
		if (safi_terms_sort(t1, SAFI_TERMS_BY_COUNT) < 0)
			abort();
		if (safi_terms_sort(t2, SAFI_TERMS_BY_COUNT) < 0)
			abort();
		if (tok1 != tok2 || safi_terms_size(t1) != safi_terms_size(t2) + 1)
			abort();
		for (i = 0, j = 0; i < safi_terms_size(t2); i++, j++) {
			const char *pt;
			size_t pl;
			uint64_t pc;

			safi_terms_get(t1, j, &pt, &pl, &pc);
			if (pl == 1 && pt[0] == AS_STRINGS[0])
				safi_terms_get(t1, ++j, &pt, &pl, &pc);
			safi_terms_get(t2, i, &term, &len, &count);
			if (pl != len || memcmp(pt, term, len) != 0 || pc != count)
				abort();
		}
		safi_terms_free(t1);
		safi_terms_free(t2);

		/* split at a line end chosen by the input */
		split = text.len ? data[size - 1] * text.len / 256 : 0;
		while (split < text.len && text.ptr[split] != '\n')
			split++;
		t1 = count_lines(text.ptr, split, lo, hi, &tok1, 0, 0, 0);
		t2 = count_lines(text.ptr + (split < text.len ? split + 1 : split),
		                 split < text.len ? text.len - split - 1 : 0, lo, hi, &tok2, 0, 0, 0);
		if (tok1 + tok2 != tokens)
			abort();
		if (safi_writer_new(&w, mem_write, &r1, 0) < 0 ||
		    safi_terms_write_run(t1, w) < 0 || safi_writer_flush(w) < 0)
			abort();
		safi_writer_free(w);
		if (safi_writer_new(&w, mem_write, &r2, 0) < 0 ||
		    safi_terms_write_run(t2, w) < 0 || safi_writer_flush(w) < 0)
			abort();
		safi_writer_free(w);
		if (safi_terms_merger_new(&m, SAFI_TERMS_BY_TERM, 2, fns, ctxs) < 0)
			abort();
		i = 0;
		while ((r = safi_terms_merger_next(m, &term, &len, &count)) > 0) {
			const char *wt;
			size_t wl;
			uint64_t wc;

			if (i >= n)
				abort();
			safi_terms_get(t, i++, &wt, &wl, &wc);
			if (wl != len || memcmp(wt, term, len) != 0 || wc != count)
				abort();
		}
		if (r < 0 || i != n)
			abort();
		safi_terms_merger_free(m);

		/* merging into a table and sorting by count gives a total order */
		if (safi_terms_new(&tm, 0) < 0)
			abort();
		for (i = 0; i < n; i++) {
			safi_terms_get(t, i, &term, &len, &count);
			if (safi_terms_add(tm, term, len, count) < 0)
				abort();
		}
		if (safi_terms_sort(tm, SAFI_TERMS_BY_COUNT) < 0)
			abort();
		for (i = 1; i < n; i++) {
			const char *pt;
			size_t pl;
			uint64_t pc;

			safi_terms_get(tm, i - 1, &pt, &pl, &pc);
			safi_terms_get(tm, i, &term, &len, &count);
			if (pc < count || (pc == count &&
			    (memcmp(pt, term, pl < len ? pl : len) > 0 ||
			     (memcmp(pt, term, pl < len ? pl : len) == 0 && pl >= len))))
				abort();
		}
		safi_terms_free(tm);
		safi_terms_free(t);
		safi_terms_free(t1);
		safi_terms_free(t2);
		safi_buf_free(&r1);
		safi_buf_free(&r2);
	}
	safi_buf_free(&text);
	return 0;
}
