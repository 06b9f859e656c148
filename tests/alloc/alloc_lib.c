/*
 * alloc_lib.c - every allocation libsafi makes may fail: each scenario
 * below runs over the public functions once to count its allocations,
 * then again with the first, the second, ... the last of them failing.
 * Every run must end in success with the very output of the clean run, or
 * in SAFI_ENOMEM (never another error, a crash or a partial result taken
 * for a whole one), and free every block it got (failalloc.h counts them;
 * under ASan, LeakSanitizer checks the same at exit).
 */
#include <stdlib.h>

#include "failalloc.h"
#include "safi.h"
#include "tap.h"

static const char page[] =
	"Harbour Times\n"
	"\n"
	"Storm closes the harbour for a second day\n"
	"\n"
	"The harbour stayed closed on Tuesday as the storm pushed high waves "
	"against the breakwater, and the fishing fleet waited in the inner basin "
	"for the wind to fall.\n"
	"\n"
	"\xd9\x82\xd8\xa7\xd9\x84 \xd8\xa7\xd9\x84\xd9\x85\xd8\xaf\xd9\x8a\xd8\xb1 "
	"\xd8\xa5\xd9\x86 \xd8\xa7\xd9\x84\xd9\x85\xd9\x8a\xd9\x86\xd8\xa7\xd8\xa1 "
	"\xd8\xb3\xd9\x8a\xd9\x81\xd8\xaa\xd8\xad \xd8\xba\xd8\xaf\xd8\xa7. "
	"Dr. Smith said so. It is 3.5 m high!\n"
	"Share this article\n"
	"Read also: markets fall\n"
	"bad \xff byte, caf\xc3\x83\xc2\xa9, \xef\xbb\xbf, x\xcc\x81\r\n";

static long
to_buf(void *ctx, const void *p, size_t n)
{
	return safi_buf_append(ctx, p, n) < 0 ? -1 : (long)n;
}

struct mem {
	const char *p;
	size_t n, pos, step;
};

static long
from_mem(void *ctx, void *buf, size_t cap)
{
	struct mem *m = ctx;
	size_t k = m->n - m->pos;

	if (k > m->step)
		k = m->step;
	if (k > cap)
		k = cap;
	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (long)k;
}

/* The reader, in pieces, then each line normalized (the train preset)
 * and written through a writer. */
static int
scenario_normalize(struct safi_buf *out)
{
	struct safi_norm_opts o = SAFI_NORM_OPTS_DEFAULT;
	struct mem m = {page, sizeof page - 1, 0, 7};
	struct safi_reader_opts ro = {SAFI_READ_PIECES, SAFI_INVALID_REPLACE, 16, 16, 0};
	struct safi_reader *r = NULL;
	struct safi_normalizer *nz = NULL;
	struct safi_writer *w = NULL;
	struct safi_buf b = SAFI_BUF_INIT;
	struct safi_line l;
	int rc;

	if ((rc = safi_norm_preset(&o, "train")) < 0 ||
	    (rc = safi_normalizer_new(&nz, &o)) < 0 ||
	    (rc = safi_reader_new(&r, from_mem, &m, &ro)) < 0 ||
	    (rc = safi_writer_new(&w, to_buf, out, 32)) < 0)
		goto done;
	while ((rc = safi_reader_next(r, &l)) > 0) {
		b.len = 0;
		if ((rc = safi_normalize_piece(nz, l.ptr, l.len,
		                               (l.flags & SAFI_LINE_END) != 0, &b)) < 0 ||
		    (rc = safi_writer_put(w, b.ptr, b.len)) < 0 ||
		    ((l.flags & SAFI_LINE_END) && (rc = safi_writer_putc(w, '\n')) < 0))
			break;
	}
	if (rc == 0)
		rc = safi_writer_flush(w);
	if (rc == SAFI_EIO)
		rc = SAFI_ENOMEM;  /* the writer's callback failed to grow |out| */
done:
	safi_writer_free(w);
	safi_reader_free(r);
	safi_normalizer_free(nz);
	safi_buf_free(&b);
	return rc;
}

/* Each line of the page and a damaged one repaired (or kept as it is),
 * and a piece of a line. */
static int
scenario_mojibake(struct safi_buf *out)
{
	static const char damaged[] =
		"Le caf\xc3\x83\xc2\xa9 de la gare est ouvert, d\xc3\x83\xc2\xa9j\xc3\x83\xc2\xa0 le matin.\n";
	struct safi_mojibake *mb = NULL;
	int rc, part;

	if ((rc = safi_mojibake_new(&mb, 0)) < 0)
		return rc;
	for (part = 0; part < 2 && rc >= 0; part++) {
		const char *p = part ? damaged : page;
		const char *end = p + (part ? sizeof damaged : sizeof page) - 1;

		while (p < end && rc >= 0) {
			const char *e = memchr(p, '\n', (size_t)(end - p));

			if (e == NULL)
				e = end;
			if ((rc = safi_mojibake_repair(mb, p, (size_t)(e - p), out)) == 0)
				rc = safi_buf_append(out, p, (size_t)(e - p));
			if (rc >= 0)
				rc = safi_buf_putc(out, '\n');
			p = e + 1;
		}
	}
	if (rc >= 0 && (rc = safi_mojibake_repair_piece(mb, damaged, 20,
	                                                SAFI_MOJIBAKE_CUT_END, out)) == 0)
		rc = safi_buf_append(out, damaged, 20);
	safi_mojibake_free(mb);
	return rc < 0 ? rc : 0;
}

static int
scenario_split(struct safi_buf *out)
{
	struct safi_splitter *sp = NULL;
	struct safi_sentences it;
	size_t a, b;
	int rc;

	if ((rc = safi_splitter_new(&sp, NULL)) < 0 ||
	    (rc = safi_splitter_add_abbrev(sp, "harb.", 5)) < 0)
		goto done;
	safi_sentences_begin(&it, sp, page, sizeof page - 1);
	while (safi_sentences_next(&it, &a, &b))
		if ((rc = safi_buf_append(out, page + a, b - a)) < 0 ||
		    (rc = safi_buf_putc(out, '\n')) < 0)
			break;
done:
	safi_splitter_free(sp);
	return rc;
}

/* Two documents judged with phrases of the caller's (explained as rows,
 * then as JSON rows), the state saved, loaded into a second classifier and
 * saved again. */
static int
scenario_boilerplate(struct safi_buf *out)
{
	static const char phrases[] = "# ours\nshare this article\n>read also*\n%tuesday\n";
	struct safi_boilerplate *bp = NULL, *bp2 = NULL;
	struct safi_boilerplate_opts o;
	struct safi_writer *w = NULL;
	struct safi_buf state = SAFI_BUF_INIT;
	const char *p = page, *end = page + sizeof page - 1, *why;
	uint64_t lineno = 0;
	int rc, doc;

	safi_boilerplate_opts_default(&o);
	o.min_docs = 2;
	if ((rc = safi_boilerplate_new(&bp, &o)) < 0 ||
	    (rc = safi_boilerplate_add_phrases(bp, phrases, sizeof phrases - 1)) < 0 ||
	    (rc = safi_writer_new(&w, to_buf, out, 0)) < 0)
		goto done;
	for (doc = 0; doc < 2; doc++) {
		for (p = page; p < end; ) {
			const char *e = memchr(p, '\n', (size_t)(end - p));

			if (e == NULL)
				e = end;
			if ((rc = safi_boilerplate_add_line(bp, p, (size_t)(e - p), ++lineno)) < 0)
				goto done;
			p = e + 1;
		}
		if ((rc = safi_boilerplate_end_document(bp)) < 0 ||
		    (rc = safi_boilerplate_write(bp, doc ? SAFI_BOILERPLATE_EXPLAIN_JSON :
		                                 SAFI_BOILERPLATE_EXPLAIN, w)) < 0)
			goto done;
	}
	if ((rc = safi_writer_flush(w)) < 0 ||
	    (rc = safi_boilerplate_state_save(bp, &state)) < 0 ||
	    (rc = safi_boilerplate_new(&bp2, &o)) < 0 ||
	    (rc = safi_boilerplate_state_load(bp2, state.ptr, state.len, &why)) < 0)
		goto done;
	state.len = 0;
	rc = safi_boilerplate_state_save(bp2, &state);
	if (rc == 0)
		rc = safi_buf_append(out, state.ptr, state.len);
done:
	if (rc == SAFI_EIO)
		rc = SAFI_ENOMEM;  /* the writer's callback failed to grow |out| */
	safi_writer_free(w);
	safi_boilerplate_free(bp);
	safi_boilerplate_free(bp2);
	safi_buf_free(&state);
	return rc;
}

/* Bigrams and words counted (by lines and in pieces), written as a run,
 * merged back, printed. */
static int
scenario_terms(struct safi_buf *out)
{
	struct safi_counter_opts co = {1, 2, 0, NULL, NULL, NULL};
	struct safi_terms *t = NULL, *stop = NULL;
	struct safi_counter *c = NULL;
	struct safi_terms_merger *m = NULL;
	struct safi_writer *w = NULL;
	struct safi_buf run = SAFI_BUF_INIT, line = SAFI_BUF_INIT;
	struct mem mem;
	safi_read_fn fns[1] = {from_mem};
	void *ctxs[1] = {&mem};
	const char *term;
	size_t len, i, n;
	uint64_t count;
	int rc;

	if ((rc = safi_terms_new(&stop, 0)) < 0 ||
	    (rc = safi_terms_add(stop, "the", 3, 1)) < 0)
		goto done;
	co.stop = stop;
	if ((rc = safi_terms_new(&t, SAFI_TERMS_DF)) < 0 ||
	    (rc = safi_counter_new(&c, t, &co)) < 0 ||
	    (rc = safi_counter_line(c, page, sizeof page - 1)) < 0 ||
	    (rc = safi_counter_end_doc(c)) < 0 ||
	    (rc = safi_counter_line(c, page, 60)) < 0 ||
	    (rc = safi_counter_end_doc(c)) < 0)
		goto done;
	/* a long line in pieces, cut between characters */
	for (i = 0; i < 200; i += 40)
		if ((rc = safi_counter_piece(c, page + i, 40, i + 40 == 200)) < 0)
			goto done;
	if ((rc = safi_counter_end_doc(c)) < 0 ||
	    (rc = safi_counter_flush(c)) < 0 ||
	    (rc = safi_writer_new(&w, to_buf, &run, 0)) < 0)
		goto done;
	if ((rc = safi_terms_sort(t, SAFI_TERMS_BY_TERM)) < 0)
		goto done;
	n = safi_terms_size(t);
	for (i = 0; i < n; i++) {
		safi_terms_get(t, i, &term, &len, &count);
		if ((rc = safi_terms_put_record(w, term, len, count)) < 0)
			goto done;
	}
	if ((rc = safi_writer_flush(w)) < 0)
		goto done;
	mem = (struct mem){run.ptr, run.len, 0, 5};
	if ((rc = safi_terms_merger_new(&m, SAFI_TERMS_BY_TERM, 1, fns, ctxs)) < 0)
		goto done;
	/* each record printed as a line and parsed back */
	while ((rc = safi_terms_merger_next(m, &term, &len, &count)) > 0) {
		const char *t2;
		size_t l2;
		uint64_t c2;

		line.len = 0;
		if ((rc = safi_terms_format_line(&line, term, len, count, 0)) < 0 ||
		    (rc = safi_terms_parse_line(line.ptr, line.len - 1, 0, &t2, &l2, &c2)) < 0 ||
		    (rc = safi_buf_append(out, line.ptr, line.len)) < 0)
			break;
	}
done:
	if (rc == SAFI_EIO)
		rc = SAFI_ENOMEM;  /* the writer's callback failed to grow the run */
	safi_terms_merger_free(m);
	safi_writer_free(w);
	safi_counter_free(c);
	safi_terms_free(t);
	safi_terms_free(stop);
	safi_buf_free(&run);
	safi_buf_free(&line);
	return rc;
}

static int
scenario_words(struct safi_buf *out)
{
	struct safi_words *w = NULL;
	struct safi_word_spans sp = SAFI_WORD_SPANS_INIT;
	size_t i;
	int rc;

	if ((rc = safi_words_new(&w, 0)) >= 0 &&
	    (rc = safi_words_spans(w, page, sizeof page - 1, &sp)) >= 0)
		for (i = 0; i < sp.n && rc >= 0; i++)
			if ((rc = safi_buf_append(out, page + sp.v[2 * i], sp.v[2 * i + 1])) >= 0)
				rc = safi_buf_putc(out, ' ');
	safi_word_spans_free(&sp);
	safi_words_free(w);
	return rc;
}

/* JSON Lines: find, decode, replace. */
static int
scenario_jsonl(struct safi_buf *out)
{
	static const char line[] = "{\"id\":\"\\u00e9\",\"text\":\"a\\nb \\ud83d\\ude00 \\\"q\\\"\",\"n\":[1,{\"x\":null}]}";
	struct safi_jsonl_member m;
	struct safi_buf text = SAFI_BUF_INIT;
	int rc;

	if ((rc = safi_jsonl_find(line, sizeof line - 1, "text", 4, &m)) >= 0 &&
	    (rc = safi_jsonl_decode(line + m.start, m.end - m.start, SAFI_INVALID_REPLACE, &text)) >= 0 &&
	    (rc = safi_buf_append(&text, " more", 5)) >= 0)
		rc = safi_jsonl_replace(line, sizeof line - 1, &m, text.ptr, text.len, out);
	safi_buf_free(&text);
	return rc;
}

/* A legacy charset decoded in front of the reader. */
static int
scenario_decode(struct safi_buf *out)
{
	static const char cp1256[] = "\xe3\xd1\xcd\xc8\xc7 bad\x81 \xc8\xde\xe3\r\nend";
	struct mem m = {cp1256, sizeof cp1256 - 1, 0, 3};
	struct safi_decoder *d = NULL;
	struct safi_reader *r = NULL;
	struct safi_line l;
	int rc;

	if ((rc = safi_decoder_new(&d, "windows-1256", SAFI_INVALID_REPLACE,
	                           from_mem, &m)) < 0 ||
	    (rc = safi_reader_new(&r, safi_decoder_read, d, NULL)) < 0)
		goto done;
	while ((rc = safi_reader_next(r, &l)) > 0)
		if ((rc = safi_buf_append(out, l.ptr, l.len)) < 0 ||
		    (rc = safi_buf_putc(out, '\n')) < 0)
			break;
	if (rc == SAFI_EIO && safi_decoder_error(d) == SAFI_ENOMEM)
		rc = SAFI_ENOMEM;
done:
	safi_reader_free(r);
	safi_decoder_free(d);
	return rc;
}

/* WARC records read in small steps, their fields and media types; the
 * second is over the ceiling and skipped. */
static int
scenario_warc(struct safi_buf *out)
{
	static const char warc[] =
		"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Record-ID: <urn:x:1>\r\n"
		"WARC-Date: 2026-01-01T00:00:00Z\r\n"
		"Content-Type: text/plain; charset=\"UTF-8\"\r\nContent-Length: 5\r\n\r\n"
		"hello\r\n\r\n"
		"WARC/1.1\nWARC-Type: resource\nWARC-Record-ID: <urn:x:2>\n"
		"WARC-Date: 2026-01-01T00:00:00Z\nContent-Length: 11\n\ntoo long.\r\n\n\n"
		"WARC/1.1\nWARC-Type: resource\nWARC-Record-ID: <urn:x:3>\n"
		"WARC-Date: 2026-01-01T00:00:00Z\nContent-Length: 5\n\nlast.\n\n";
	struct safi_warc_opts o = {0};
	struct mem m = {warc, sizeof warc - 1, 0, 5};
	struct safi_warc_reader *r = NULL;
	struct safi_warc_record rec;
	const char *v;
	char media[32];
	size_t n;
	int rc;

	o.max_block = 8;
	if ((rc = safi_warc_reader_new(&r, from_mem, &m, &o)) < 0)
		return rc;
	while ((rc = safi_warc_next(r, &rec)) > 0) {
		if (rec.error) {
			if ((rc = safi_buf_append(out, "error\n", 6)) < 0)
				break;
			continue;
		}
		if (safi_warc_field(rec.header, rec.header_len, "Content-Type", &v, &n)) {
			safi_warc_media_type(v, n, media, sizeof media);
			if ((rc = safi_buf_append(out, media, strlen(media))) < 0 ||
			    (safi_warc_media_param(v, n, "charset", &v, &n) &&
			     (rc = safi_buf_append(out, v, n)) < 0))
				break;
		}
		if ((rc = safi_buf_append(out, rec.block, rec.block_len)) < 0 ||
		    (rc = safi_buf_putc(out, '\n')) < 0)
			break;
	}
	safi_warc_reader_free(r);
	return rc;
}

struct scenario {
	const char *name;
	int (*run)(struct safi_buf *out);
};

static const struct scenario scenarios[] = {
	{"normalize", scenario_normalize},
	{"mojibake", scenario_mojibake},
	{"split", scenario_split},
	{"boilerplate", scenario_boilerplate},
	{"terms", scenario_terms},
	{"words", scenario_words},
	{"jsonl", scenario_jsonl},
	{"decode", scenario_decode},
	{"warc", scenario_warc},
};

static void
check_scenario(const struct scenario *s)
{
	struct safi_buf want = SAFI_BUF_INIT, got = SAFI_BUF_INIT;
	unsigned long n, calls, bad = 0;
	long live;
	int rc;

	failalloc_arm(0);
	rc = s->run(&want);
	calls = failalloc_calls();
	live = failalloc_live();  /* |want| holds its block */
	CHECK(rc == 0);
	CHECK(want.len > 0);
	CHECK(calls > 0);
	for (n = 1; n <= calls; n++) {
		failalloc_arm(n);
		got.len = 0;
		rc = s->run(&got);
		failalloc_arm(0);
		if ((rc != 0 && rc != SAFI_ENOMEM) ||
		    (rc == 0 && (got.len != want.len ||
		                 (want.len && memcmp(got.ptr, want.ptr, want.len) != 0))) ||
		    failalloc_live() != live + (got.ptr != NULL)) {
			if (bad++ < 5)
				fprintf(stderr, "%s: allocation %lu of %lu failing: %s, %ld blocks not freed\n",
				        s->name, n, calls, rc == 0 ? "success with other output" :
				        safi_strerror(rc), failalloc_live() - live - (got.ptr != NULL));
		}
		safi_buf_free(&got);
	}
	CHECK(bad == 0);
	printf("# %s: %lu allocations, each made to fail\n", s->name, calls);
	safi_buf_free(&want);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
		check_scenario(&scenarios[i]);
	return tap_done();
}
