/*
 * test_empty.c - every public function that takes bytes as pointer +
 * length accepts an empty span given as NULL + 0, as an empty struct
 * safi_buf hands it out.  Pointer arithmetic on NULL is undefined even
 * when it adds 0, and clang's UBSan (make sanitize CC=clang) stops on it,
 * so each call here must not do any.
 */
#include <stdlib.h>

#include "safi.h"
#include "tap.h"

static long
write_buf(void *ctx, const void *p, size_t n)
{
	return safi_buf_append(ctx, p, n) < 0 ? -1 : (long)n;
}

static void
test_normalize(void)
{
	struct safi_norm_opts o = SAFI_NORM_OPTS_DEFAULT;
	struct safi_normalizer *nz;
	struct safi_buf out = SAFI_BUF_INIT;

	CHECK(safi_norm_preset(&o, "train") == 0);
	CHECK(safi_normalizer_new(&nz, &o) == 0);
	CHECK(safi_normalize(nz, NULL, 0, &out) == 0);
	CHECK(out.len == 0);
	CHECK(safi_normalize_piece(nz, NULL, 0, 0, &out) == 0);
	CHECK(safi_normalize_piece(nz, "a", 1, 0, &out) == 0);
	CHECK(safi_normalize_piece(nz, NULL, 0, 1, &out) == 0);
	CHECK_STR(out.ptr, out.len, "a");
	safi_normalizer_free(nz);
	safi_buf_free(&out);
}

static void
test_jsonl(void)
{
	struct safi_buf out = SAFI_BUF_INIT;
	struct safi_jsonl_member m;
	static const char line[] = "{\"text\":\"x\"}";

	CHECK(safi_jsonl_encode(NULL, 0, &out) == 0);
	CHECK_STR(out.ptr, out.len, "\"\"");
	out.len = 0;
	CHECK(safi_jsonl_decode("\"\"", 2, SAFI_INVALID_REPLACE, &out) == 0);
	CHECK(out.len == 0);
	CHECK(safi_jsonl_find(line, sizeof line - 1, "text", 4, &m) == 0);
	CHECK(safi_jsonl_replace(line, sizeof line - 1, &m, NULL, 0, &out) == 0);
	CHECK_STR(out.ptr, out.len, "{\"text\":\"\"}");
	CHECK(safi_jsonl_find(NULL, 0, "text", 4, &m) < 0);
	out.len = 0;
	CHECK(safi_jsonl_find(line, sizeof line - 1, "text", 4, &m) == 0);
	CHECK(safi_jsonl_replace_value(line, sizeof line - 1, &m, NULL, 0, &out) == 0);
	CHECK_STR(out.ptr, out.len, "{\"text\":}");
	safi_buf_free(&out);
}

static long
read_nothing(void *ctx, void *buf, size_t cap)
{
	(void)ctx;
	(void)buf;
	(void)cap;
	return 0;
}

static void
test_warc(void)
{
	struct safi_warc_reader *r;
	struct safi_warc_record rec;
	const char *v = NULL;
	size_t n = 0;
	char type[16] = "x";

	CHECK(safi_warc_field(NULL, 0, "Content-Type", &v, &n) == 0);
	CHECK(safi_warc_media_param(NULL, 0, "charset", &v, &n) == 0);
	safi_warc_media_type(NULL, 0, type, sizeof type);
	CHECK(type[0] == '\0');
	CHECK(safi_warc_reader_new(&r, read_nothing, NULL, NULL) == 0);
	CHECK(safi_warc_next(r, &rec) == 0);
	safi_warc_reader_free(r);
}

/* A document of empty lines holds no text at all. */
static void
test_boilerplate(void)
{
	struct safi_boilerplate *bp;
	struct safi_writer *w;
	struct safi_buf out = SAFI_BUF_INIT;

	CHECK(safi_boilerplate_new(&bp, NULL) == 0);
	CHECK(safi_writer_new(&w, write_buf, &out, 0) == 0);
	CHECK(safi_boilerplate_add_phrases(bp, NULL, 0) == 0);
	CHECK(safi_boilerplate_add_line(bp, NULL, 0, 1) == 0);
	CHECK(safi_boilerplate_add_line(bp, NULL, 0, 2) == 0);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(safi_boilerplate_write(bp, SAFI_BOILERPLATE_EXPLAIN, w) == 0);
	CHECK(safi_writer_flush(w) == 0);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(safi_boilerplate_write(bp, SAFI_BOILERPLATE_KEEP, w) == 0);
	CHECK(safi_boilerplate_add_line(bp, NULL, 0, 1) == 0);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(safi_boilerplate_write(bp, SAFI_BOILERPLATE_EXPLAIN_JSON, w) == 0);
	{
		const char *why = NULL;

		CHECK(safi_boilerplate_state_load(bp, NULL, 0, &why) == 0);
	}
	safi_writer_free(w);
	safi_boilerplate_free(bp);
	safi_buf_free(&out);
}

static void
test_text(void)
{
	struct safi_splitter *sp;
	struct safi_sentences it;
	struct safi_mojibake *mb;
	struct safi_terms *t;
	struct safi_counter *c;
	struct safi_words *w;
	struct safi_word_spans spans = SAFI_WORD_SPANS_INIT;
	struct safi_buf out = SAFI_BUF_INIT;
	size_t a, b;

	CHECK(safi_splitter_new(&sp, NULL) == 0);
	safi_sentences_begin(&it, sp, NULL, 0);
	CHECK(safi_sentences_next(&it, &a, &b) == 0);
	safi_splitter_free(sp);

	CHECK(safi_mojibake_new(&mb, 0) == 0);
	CHECK(safi_mojibake_repair(mb, NULL, 0, &out) == 0);
	CHECK(safi_mojibake_repair_piece(mb, NULL, 0, SAFI_MOJIBAKE_CUT_START, &out) == 0);
	safi_mojibake_free(mb);

	CHECK(safi_terms_new(&t, 0) == 0);
	CHECK(safi_counter_new(&c, t, NULL) == 0);
	CHECK(safi_counter_line(c, NULL, 0) == 0);
	CHECK(safi_counter_piece(c, NULL, 0, 0) == 0);
	CHECK(safi_counter_piece(c, "a", 1, 0) == 0);
	CHECK(safi_counter_piece(c, NULL, 0, 1) == 0);
	CHECK(safi_counter_end_doc(c) == 0);
	CHECK(safi_counter_flush(c) == 0);
	CHECK(safi_terms_size(t) == 1);
	CHECK(safi_terms_has(t, NULL, 0) == 0);
	CHECK(safi_terms_add(t, NULL, 0, 1) == 0);
	CHECK(safi_terms_has(t, NULL, 0) == 1);
	safi_terms_clear(t);
	safi_counter_free(c);
	safi_terms_free(t);

	CHECK(safi_words_new(&w, 0) == 0);
	CHECK(safi_words_spans(w, NULL, 0, &spans) == 0);
	CHECK(spans.n == 0);
	CHECK(safi_words_cut(NULL, 0) == 0);
	safi_word_spans_free(&spans);
	safi_words_free(w);

	CHECK(safi_utf8_valid_prefix(NULL, 0) == 0);
	{
		uint64_t bad = 0;

		CHECK(safi_utf8_sanitize(NULL, 0, SAFI_INVALID_REPLACE, &out, &bad, NULL) == 0);
	}
	CHECK(safi_buf_append(&out, NULL, 0) == 0);
	CHECK(out.len == 0);
	safi_buf_free(&out);
}

int
main(void)
{
	test_normalize();
	test_jsonl();
	test_warc();
	test_boilerplate();
	test_text();
	return tap_done();
}
