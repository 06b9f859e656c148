/*
 * test_boilerplate.c - the classifier through its public interface: one
 * document, phrases, the state table, the document ceiling.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"
#include "tap.h"

/* safi_boilerplate_write() into a buffer, through a writer. */
static long
to_buf(void *ctx, const void *p, size_t n)
{
	return safi_buf_append(ctx, p, n) < 0 ? -1 : (long)n;
}

static long
fail_write(void *ctx, const void *p, size_t n)
{
	(void)ctx, (void)p, (void)n;
	return -1;
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

static void
add_text(struct safi_boilerplate *bp, const char *text)
{
	uint64_t n = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);

		CHECK(safi_boilerplate_add_line(bp, text, len, ++n) == 0);
		text += len + (nl != NULL);
	}
}

static const char page[] =
	"Home | News | Sport\n"
	"Share\n"
	"\n"
	"Council opens a new cycle path along the canal\n"
	"\n"
	"The council opened a new cycle path along the old canal on Monday, and the first riders said it was a safer way to reach the city centre.\n"
	"\n"
	"Work on the path took eight months and cost less than planned, the transport officer told a meeting of residents in the evening.\n"
	"\n"
	"Read also\n"
	"\n"
	"The council will also repair the towpath bridge before the end of the summer, when the boat season is at its busiest.\n";

static void
test_single_document(void)
{
	struct safi_boilerplate *bp;
	struct safi_buf out = SAFI_BUF_INIT;
	const char *why;

	CHECK(safi_boilerplate_new(&bp, NULL) == 0);
	add_text(bp, page);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(safi_boilerplate_count(bp) == 12);
	CHECK(safi_boilerplate_verdict(bp, 0, &why) == 0 && strcmp(why, "menu") == 0);
	CHECK(safi_boilerplate_verdict(bp, 1, &why) == 0 && strcmp(why, "phrase") == 0);
	CHECK(safi_boilerplate_verdict(bp, 2, &why) == -1);
	CHECK(safi_boilerplate_verdict(bp, 3, &why) == 1 && strcmp(why, "title") == 0);
	CHECK(safi_boilerplate_verdict(bp, 5, &why) == 1 && strcmp(why, "body") == 0);
	CHECK(safi_boilerplate_verdict(bp, 9, &why) == 0 && strcmp(why, "marker") == 0);
	CHECK(safi_boilerplate_verdict(bp, 11, &why) == 0 && strcmp(why, "after-marker") == 0);
	CHECK(safi_boilerplate_verdict(bp, 99, &why) == -1);
	CHECK(strcmp(safi_boilerplate_language(bp), "en") == 0);
	CHECK(write_buf(bp, SAFI_BOILERPLATE_KEEP, &out) == 0);
	CHECK_STR(out.ptr, out.len,
	    "Council opens a new cycle path along the canal\n\n"
	    "The council opened a new cycle path along the old canal on Monday, and the first riders said it was a safer way to reach the city centre.\n\n"
	    "Work on the path took eight months and cost less than planned, the transport officer told a meeting of residents in the evening.\n");
	out.len = 0;
	CHECK(write_buf(bp, SAFI_BOILERPLATE_INVERT, &out) == 0);
	CHECK(out.len > 0 && memcmp(out.ptr, "Home | News | Sport\nShare\n\nRead also\n", 36) == 0);
	out.len = 0;
	CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &out) == 0);
	CHECK(out.len > 0 && memcmp(out.ptr, "1\tdrop\tmenu\tHome | News | Sport\n2\tdrop\tphrase\tShare\n3\tblank\tblank\t\n", 66) == 0);
	/* A write that fails is reported. */
	{
		struct safi_writer *w;

		CHECK(safi_writer_new(&w, fail_write, NULL, 16) == 0);
		CHECK(safi_boilerplate_write(bp, SAFI_BOILERPLATE_KEEP, w) == SAFI_EIO);
		safi_writer_free(w);
	}
	/* Ending a document with nothing added gives an empty one. */
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(safi_boilerplate_count(bp) == 0);
	safi_buf_free(&out);
	safi_boilerplate_free(bp);
	safi_boilerplate_free(NULL);
}

static void
test_arabic_clitics(void)
{
	struct safi_boilerplate *bp;
	struct safi_boilerplate_opts o;
	const char *why;

	/* Every stop word here carries a clitic (وفي، ولكن، بعد → وبعد): a
	 * whole-word list would see no stop word at all. */
	safi_boilerplate_opts_default(&o);
	o.min_stop = 30;
	CHECK(safi_boilerplate_new(&bp, &o) == 0);
	add_text(bp, "وفي المدينة ولكن الناس وبعد الظهر وعلى الطريق وفي السوق ولكن البائعين.\n");
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(strcmp(safi_boilerplate_language(bp), "ar") == 0);
	CHECK(safi_boilerplate_verdict(bp, 0, &why) == 1 && strcmp(why, "body") == 0);
	safi_boilerplate_free(bp);
}

/* A headline and its deck over a byline, dates, a share row and a
 * caption printed twice, once with its photographer's name: the search
 * reaches the headline past more than twelve lines of furniture, across
 * the deck, and takes neither copy of the caption for it. */
static const char ar_far_page[] =
	"الرئيسية\n"
	"\n"
	"افتتاح مستشفى جديد للأطفال في جنوب المدينة بسعة مئتي سرير\n"
	"\n"
	"المستشفى يستقبل المرضى من المحافظات المجاورة ويضم أول وحدة لجراحة القلب للأطفال\n"
	"\n"
	"صيدا: نادر سليم\n"
	"نُشر في: 2 سبتمبر 2026\n"
	"آخر تحديث: 3 سبتمبر 2026\n"
	"  • فيسبوك\n"
	"  • واتساب\n"
	"  • تيليجرام\n"
	"  • نسخ الرابط\n"
	"A+ A-\n"
	"أطباء في قسم الطوارئ بالمستشفى\n"
	"أطباء في قسم الطوارئ بالمستشفى (تصوير: رنا عيسى)\n"
	"\n"
	"افتتحت وزارة الصحة أمس مستشفى جديداً للأطفال في جنوب المدينة بسعة مئتي سرير، ليستقبل المرضى من المحافظات المجاورة بعد سنوات من الانتظار.\n"
	"\n"
	"ويضم المستشفى أول وحدة لجراحة القلب للأطفال في المنطقة، إلى جانب قسم للطوارئ يعمل على مدار الساعة وعيادات خارجية للمتابعة.\n"
	"\n"
	"وقال مدير المستشفى إن الأطباء سيبدأون استقبال الحالات المحولة من المراكز الصحية اعتباراً من الأسبوع المقبل.\n";

static void
test_arabic_title_past_furniture(void)
{
	struct safi_boilerplate *bp;
	const char *why;

	CHECK(safi_boilerplate_new(&bp, NULL) == 0);
	add_text(bp, ar_far_page);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(safi_boilerplate_verdict(bp, 2, &why) == 1 && strcmp(why, "title") == 0);
	CHECK(safi_boilerplate_verdict(bp, 4, &why) == 1 && strcmp(why, "standfirst") == 0);
	CHECK(safi_boilerplate_verdict(bp, 6, &why) == 0);
	CHECK(safi_boilerplate_verdict(bp, 14, &why) == 0);
	CHECK(safi_boilerplate_verdict(bp, 15, &why) == 0);
	CHECK(safi_boilerplate_verdict(bp, 17, &why) == 1 && strcmp(why, "body") == 0);
	safi_boilerplate_free(bp);
}

static void
test_phrases_and_no_builtin(void)
{
	struct safi_boilerplate *bp;
	struct safi_boilerplate_opts o;
	const char *why;
	static const char more[] = "# site furniture\nCanal Weekly\n>elsewhere on the canal\n";

	safi_boilerplate_opts_default(&o);
	o.no_builtin = 1;
	CHECK(safi_boilerplate_new(&bp, &o) == 0);
	add_text(bp, page);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	/* Without data "Share" and "Read also" are just short lines. */
	CHECK(safi_boilerplate_verdict(bp, 1, &why) == 0 && strcmp(why, "head") == 0);
	CHECK(safi_boilerplate_verdict(bp, 5, &why) == 1);
	CHECK(strcmp(safi_boilerplate_language(bp), "") == 0);
	CHECK(safi_boilerplate_add_phrases(bp, more, sizeof more - 1) == 0);
	add_text(bp, "CANAL WEEKLY\nThe lock keepers met on Friday to talk about the new timetable for the summer months, which starts in May.\nElsewhere on the canal:\nA barge sank.\n");
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(safi_boilerplate_verdict(bp, 0, &why) == 0 && strcmp(why, "phrase") == 0);
	CHECK(safi_boilerplate_verdict(bp, 1, &why) == 1);
	CHECK(safi_boilerplate_verdict(bp, 2, &why) == 0 && strcmp(why, "marker") == 0);
	CHECK(safi_boilerplate_verdict(bp, 3, &why) == 0 && strcmp(why, "after-marker") == 0);
	safi_boilerplate_free(bp);
	o.no_builtin = 0;
	o.lang = "xx";
	CHECK(safi_boilerplate_new(&bp, &o) == SAFI_ENOTFOUND && bp == NULL);
}

static void
test_state(void)
{
	struct safi_boilerplate *bp, *bp2;
	struct safi_buf st = SAFI_BUF_INIT, st2 = SAFI_BUF_INIT;
	const char *why;
	int i;

	CHECK(safi_boilerplate_new(&bp, NULL) == 0);
	CHECK(safi_boilerplate_state_load(bp, "", 0, &why) == 0);
	for (i = 0; i < 2; i++) {
		add_text(bp, "Canal Weekly\nA line that every page of the site has\n");
		CHECK(safi_boilerplate_end_document(bp) == 0);
	}
	CHECK(safi_boilerplate_state_size(bp) == 2);
	CHECK(safi_boilerplate_state_save(bp, &st) == 0);
	CHECK(st.len > 40 && memcmp(st.ptr, "safi-strip-boilerplate-state 1\ngeneration 1\nentries 2\n", 54) == 0);
	/* A second run learns from the first: the third document tips it. */
	CHECK(safi_boilerplate_new(&bp2, NULL) == 0);
	CHECK(safi_boilerplate_state_load(bp2, st.ptr, st.len, &why) == 0);
	add_text(bp2, "Canal Weekly\nA line that every page of the site has\n");
	CHECK(safi_boilerplate_end_document(bp2) == 0);
	CHECK(safi_boilerplate_verdict(bp2, 0, &why) == 0 && strcmp(why, "recurring") == 0);
	CHECK(safi_boilerplate_state_save(bp2, &st2) == 0);
	CHECK(st2.len > 40 && memcmp(st2.ptr + 31, "generation 2\n", 13) == 0);
	/* Corrupt, truncated and foreign states are refused, with a reason. */
	st.ptr[60] ^= 1;
	CHECK(safi_boilerplate_state_load(bp, st.ptr, st.len, &why) == SAFI_ECORRUPT && why[0]);
	st.ptr[60] ^= 1;
	CHECK(safi_boilerplate_state_load(bp, st.ptr, st.len - 5, &why) == SAFI_ECORRUPT);
	CHECK(safi_boilerplate_state_load(bp, "PK\3\4", 4, &why) == SAFI_ECORRUPT &&
	    strcmp(why, "not a strip-boilerplate state file") == 0);
	CHECK(safi_boilerplate_state_size(bp) == 2);  /* unchanged */
	CHECK(safi_boilerplate_state_load(bp, st.ptr, st.len, &why) == 0);
	safi_buf_free(&st);
	safi_buf_free(&st2);
	safi_boilerplate_free(bp);
	safi_boilerplate_free(bp2);
}

/* The --explain output of three documents, the first two sharing a
 * line, the third holding the added phrase. */
static void
explain_batch(struct safi_boilerplate *bp, struct safi_buf *out)
{
	int i;

	for (i = 0; i < 3; i++) {
		add_text(bp, i < 2 ? "Canal Weekly\nA line that every page of the site has\n" : page);
		CHECK(safi_boilerplate_end_document(bp) == 0);
		CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, out) == 0);
	}
}

/* A classifier reset judges as a new one with the same options and
 * phrases: the documents and the table before it are forgotten. */
static void
test_reset(void)
{
	struct safi_boilerplate *bp, *fresh;
	struct safi_boilerplate_opts o;
	struct safi_buf a = SAFI_BUF_INIT, b = SAFI_BUF_INIT;
	static const char more[] = "Council opens a new cycle path along the canal\n";
	const char *why;

	safi_boilerplate_opts_default(&o);
	o.min_docs = 2;
	CHECK(safi_boilerplate_new(&bp, &o) == 0);
	CHECK(safi_boilerplate_new(&fresh, &o) == 0);
	CHECK(safi_boilerplate_add_phrases(bp, more, sizeof more - 1) == 0);
	CHECK(safi_boilerplate_add_phrases(fresh, more, sizeof more - 1) == 0);
	explain_batch(fresh, &a);
	explain_batch(bp, &b);
	CHECK(safi_boilerplate_state_size(bp) > 0);
	/* Half a document, then a reset: nothing of it is left. */
	add_text(bp, "Canal Weekly\n");
	safi_boilerplate_reset(bp);
	CHECK(safi_boilerplate_count(bp) == 0 && safi_boilerplate_state_size(bp) == 0);
	safi_buf_free(&b);
	explain_batch(bp, &b);
	CHECK(a.len > 0 && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
	/* The table counted again from nothing: the shared line recurs in the
	 * second document, and the added phrase still holds in the third. */
	CHECK(safi_boilerplate_verdict(bp, 3, &why) == 0 && strcmp(why, "phrase") == 0);
	CHECK(strstr(b.ptr, "recurring") != NULL);
	safi_buf_free(&a);
	safi_buf_free(&b);
	safi_boilerplate_free(bp);
	safi_boilerplate_free(fresh);
}

/* The same table gives the same bytes, whatever order the documents came
 * in: entries are written in the order of their fingerprints. */
static void
test_state_order(void)
{
	struct safi_boilerplate *bp[2];
	struct safi_buf st[2] = {SAFI_BUF_INIT, SAFI_BUF_INIT}, doc = SAFI_BUF_INIT;
	const char *why, *p, *end;
	char last[17] = "0000000000000000";
	int k, d, i;

	for (k = 0; k < 2; k++) {
		CHECK(safi_boilerplate_new(&bp[k], NULL) == 0);
		CHECK(safi_boilerplate_state_load(bp[k], "", 0, &why) == 0);
		for (d = 0; d < 2; d++) {
			doc.len = 0;
			/* 300 lines, 100 of them shared by the two documents. */
			for (i = 0; i < 300; i++) {
				char line[64];
				int n = snprintf(line, sizeof line, "Line %d of the page\n",
				    (d ^ k) * 200 + i);

				CHECK(safi_buf_append(&doc, line, (size_t)n) == 0);
			}
			CHECK(safi_buf_putc(&doc, '\0') == 0);
			add_text(bp[k], doc.ptr);
			CHECK(safi_boilerplate_end_document(bp[k]) == 0);
		}
		CHECK(safi_boilerplate_state_size(bp[k]) == 500);
		CHECK(safi_boilerplate_state_save(bp[k], &st[k]) == 0);
	}
	CHECK(st[0].len == st[1].len && memcmp(st[0].ptr, st[1].ptr, st[0].len) == 0);
	/* Past the three header lines, the fingerprints rise. */
	p = st[0].ptr;
	end = p + st[0].len;
	for (i = 0; i < 3; i++)
		p = memchr(p, '\n', (size_t)(end - p)) + 1;
	for (i = 0; i < 500; i++) {
		CHECK(memcmp(p, last, 16) > 0);
		memcpy(last, p, 16);
		p = memchr(p, '\n', (size_t)(end - p)) + 1;
	}
	CHECK(end - p > 9 && memcmp(p, "checksum ", 9) == 0);
	for (k = 0; k < 2; k++) {
		safi_buf_free(&st[k]);
		safi_boilerplate_free(bp[k]);
	}
	safi_buf_free(&doc);
}

/* Runs documents of |unique| lines of their own (numbered from *serial)
 * and, with |site|, the two lines every page of the site has. */
static void
run_docs(struct safi_boilerplate *bp, int docs, int unique, int site, int *serial)
{
	struct safi_buf doc = SAFI_BUF_INIT;
	int d, i;

	for (d = 0; d < docs; d++) {
		doc.len = 0;
		if (site)
			CHECK(safi_buf_append(&doc, "Ridge Gazette\nOur reporters cover the ridge\n", 44) == 0);
		for (i = 0; i < unique; i++) {
			char line[64];
			int n = snprintf(line, sizeof line, "Line %d of the pages\n", (*serial)++);

			CHECK(safi_buf_append(&doc, line, (size_t)n) == 0);
		}
		CHECK(safi_buf_putc(&doc, '\0') == 0);
		add_text(bp, doc.ptr);
		CHECK(safi_boilerplate_end_document(bp) == 0);
	}
	safi_buf_free(&doc);
}

/* The entries line of a saved state. */
static unsigned long
state_entries(const struct safi_buf *st)
{
	const char *p = st->ptr ? strstr(st->ptr, "\nentries ") : NULL;

	return p ? strtoul(p + 9, NULL, 10) : 0;
}

/*
 * --state-max trims to the limit and keeps what was learned: a state of
 * 202 entries (two site lines in 20 documents, 200 lines in one) trimmed
 * to 100 keeps 100, the site lines among them; a later run that brings
 * 150 new lines and not the site lines keeps them too, so that the run
 * after finds them again.
 */
static void
test_state_trim(void)
{
	struct safi_boilerplate *bp;
	struct safi_boilerplate_opts o;
	struct safi_buf st = SAFI_BUF_INIT;
	const char *why;
	int serial = 0, run;

	safi_boilerplate_opts_default(&o);
	o.state_max = 100;
	for (run = 0; run < 3; run++) {
		CHECK(safi_boilerplate_new(&bp, &o) == 0);
		CHECK(safi_boilerplate_state_load(bp, st.ptr ? st.ptr : "", st.len, &why) == 0);
		if (run == 2) {
			add_text(bp, "Ridge Gazette\nA new line\n");
			CHECK(safi_boilerplate_end_document(bp) == 0);
			CHECK(safi_boilerplate_verdict(bp, 0, &why) == 0 && strcmp(why, "recurring") == 0);
		} else {
			run_docs(bp, run == 0 ? 20 : 15, 10, run == 0, &serial);
		}
		st.len = 0;
		CHECK(safi_boilerplate_state_save(bp, &st) == 0);
		/* A NUL after the text, for the string functions. */
		CHECK(safi_buf_putc(&st, '\0') == 0);
		st.len--;
		CHECK(state_entries(&st) == 100);
		/* The site lines: in 20 documents of run 1, in one more of run 3. */
		CHECK(st.len > 0 && strstr(st.ptr, run < 2 ? " 20 1\n" : " 21 3\n") != NULL);
		safi_boilerplate_free(bp);
	}
	safi_buf_free(&st);
}

/* The table stays bounded during a run too, not only when it is saved:
 * 50 documents of 40 lines of their own with a limit of 100 hold at most
 * twice 100 entries and the lines of the document being judged. */
static void
test_state_bound(void)
{
	struct safi_boilerplate *bp;
	struct safi_boilerplate_opts o;
	const char *why;
	size_t most = 0;
	int serial = 0, d;

	safi_boilerplate_opts_default(&o);
	o.state_max = 100;
	CHECK(safi_boilerplate_new(&bp, &o) == 0);
	CHECK(safi_boilerplate_state_load(bp, "", 0, &why) == 0);
	for (d = 0; d < 50; d++) {
		run_docs(bp, 1, 40, 0, &serial);
		if (safi_boilerplate_state_size(bp) > most)
			most = safi_boilerplate_state_size(bp);
	}
	CHECK(most <= 2 * 100 + 40);
	CHECK(most > 100);
	safi_boilerplate_free(bp);
}

/* EXPLAIN_JSON: a JSON object a line, the text escaped, the verdicts of
 * EXPLAIN; each row decodes back to the line it explains. */
static void
test_explain_json(void)
{
	struct safi_boilerplate *bp;
	struct safi_buf out = SAFI_BUF_INIT, text = SAFI_BUF_INIT;
	struct safi_jsonl_member m;
	size_t pos = 0, rows = 0;
	static const char want[] =
	    "{\"line\":1,\"verdict\":\"drop\",\"reason\":\"menu\",\"text\":\"Home | \\\"News\\\" | Sport\\tand\\\\more\"}\n"
	    "{\"line\":2,\"verdict\":\"blank\",\"reason\":\"blank\",\"text\":\"\"}\n"
	    "{\"line\":3,\"verdict\":\"keep\",\"reason\":\"body\",\"text\":\"The council";

	CHECK(safi_boilerplate_new(&bp, NULL) == 0);
	add_text(bp, "Home | \"News\" | Sport\tand\\more\n\nThe council opened a new cycle path along the old canal on Monday, and the first riders said it was a safer way to reach the city centre.\n");
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN_JSON, &out) == 0);
	CHECK(out.len > sizeof want && memcmp(out.ptr, want, sizeof want - 1) == 0);
	while (pos < out.len) {
		const char *nl = memchr(out.ptr + pos, '\n', out.len - pos);
		size_t len = nl ? (size_t)(nl - out.ptr) - pos : out.len - pos;

		text.len = 0;
		CHECK(safi_jsonl_find(out.ptr + pos, len, "text", 4, &m) == 0);
		CHECK(safi_jsonl_decode(out.ptr + pos + m.start, m.end - m.start,
		                        SAFI_INVALID_FAIL, &text) == 0);
		if (rows == 0)
			CHECK_STR(text.ptr, text.len, "Home | \"News\" | Sport\tand\\more");
		rows++;
		pos += len + 1;
	}
	CHECK(rows == 3);
	safi_buf_free(&text);
	safi_buf_free(&out);
	safi_boilerplate_free(bp);
}

/* Adds the lines of the block |text| by reference, but line |copied| (from
 * 1; 0 for none), added as a copy, and line |back| (0 for none), added by
 * reference from the start of the block, before the end of the line above:
 * either makes the classifier copy the lines it holds and those after. */
static void
add_text_ref(struct safi_boilerplate *bp, const char *text, uint64_t copied,
             uint64_t back)
{
	const char *p = text;
	uint64_t n = 0;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (++n == copied)
			CHECK(safi_boilerplate_add_line(bp, p, len, n) == 0);
		else if (n == back && len <= (size_t)(p - text) && memcmp(text, p, len) == 0)
			CHECK(safi_boilerplate_add_line_ref(bp, text, len, n) == 0);
		else
			CHECK(safi_boilerplate_add_line_ref(bp, p, len, n) == 0);
		p += len + (nl != NULL);
	}
}

/* Lines added by reference are judged and written as copied ones are,
 * whether the classifier keeps them where they are or, past a line that
 * does not follow them in the block, copies them after all. */
static void
test_lines_by_reference(void)
{
	static const char twice[] = "Share\nShare\nShare\n", ceiling[] = "01234567\n01234567\nx";
	struct safi_boilerplate *bp;
	struct safi_boilerplate_opts o;
	struct safi_buf want = SAFI_BUF_INIT, got = SAFI_BUF_INIT;
	char *block = malloc(sizeof page);
	uint64_t copied;

	CHECK(block != NULL);
	memcpy(block, page, sizeof page);
	/* each document judged on its own: the same one again is no
	 * recurring boilerplate */
	safi_boilerplate_opts_default(&o);
	o.min_docs = 0;
	CHECK(safi_boilerplate_new(&bp, &o) == 0);
	add_text(bp, page);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &want) == 0);
	for (copied = 0; copied <= 13; copied += 4) {
		got.len = 0;
		add_text_ref(bp, block, copied, 0);
		CHECK(safi_boilerplate_end_document(bp) == 0);
		CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &got) == 0);
		CHECK_BYTES(got.ptr, got.len, want.ptr, want.len);
	}
	/* the block may go once the document is written */
	memset(block, 'x', sizeof page - 1);
	free(block);
	/* "Share" again, from the block's first line: copied from there on */
	add_text(bp, twice);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	want.len = 0;
	CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &want) == 0);
	add_text_ref(bp, twice, 0, 2);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	got.len = 0;
	CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &got) == 0);
	CHECK_BYTES(got.ptr, got.len, want.ptr, want.len);
	safi_boilerplate_free(bp);

	/* The ceiling counts the bytes of the lines, not what lies between
	 * them in the block, and the copy of the lines held may pass it. */
	o.max_document = 16;
	CHECK(safi_boilerplate_new(&bp, &o) == 0);
	CHECK(safi_boilerplate_add_line(bp, "01234567", 8, 1) == 0);
	CHECK(safi_boilerplate_add_line(bp, "01234567", 8, 2) == 0);
	CHECK(safi_boilerplate_add_line(bp, "", 0, 3) == 0);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	want.len = 0;
	CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &want) == 0);
	CHECK(safi_boilerplate_add_line_ref(bp, ceiling, 8, 1) == 0);
	CHECK(safi_boilerplate_add_line_ref(bp, ceiling + 9, 8, 2) == 0);
	CHECK(safi_boilerplate_add_line(bp, "", 0, 3) == 0);
	CHECK(safi_boilerplate_add_line_ref(bp, ceiling + 18, 1, 4) == SAFI_ETOOBIG);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	got.len = 0;
	CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &got) == 0);
	CHECK_BYTES(got.ptr, got.len, want.ptr, want.len);
	safi_boilerplate_free(bp);
	safi_buf_free(&want);
	safi_buf_free(&got);
}

static void
test_document_ceiling(void)
{
	struct safi_boilerplate *bp;
	struct safi_boilerplate_opts o;

	safi_boilerplate_opts_default(&o);
	o.max_document = 16;
	CHECK(safi_boilerplate_new(&bp, &o) == 0);
	CHECK(safi_boilerplate_add_line(bp, "0123456789", 10, 1) == 0);
	CHECK(safi_boilerplate_add_line(bp, "0123456789", 10, 2) == SAFI_ETOOBIG);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	/* A single line over the ceiling is still taken whole. */
	CHECK(safi_boilerplate_add_line(bp, "0123456789012345678901234", 25, 3) == 0);
	safi_boilerplate_free(bp);
}

/* The verdicts of the lines of |text|, one character each: K kept, d
 * dropped, . blank. */
static void
verdicts(const char *text, char *out, size_t cap)
{
	struct safi_boilerplate *bp;
	size_t i, n;
	const char *why;

	CHECK(safi_boilerplate_new(&bp, NULL) == 0);
	add_text(bp, text);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	n = safi_boilerplate_count(bp);
	for (i = 0; i < n && i + 1 < cap; i++) {
		int v = safi_boilerplate_verdict(bp, i, &why);

		out[i] = strcmp(why, "blank") == 0 ? '.' : v ? 'K' : 'd';
	}
	out[i] = '\0';
	safi_boilerplate_free(bp);
}

/* Verse: short lines that each end a clause, in stanzas, are body text;
 * the same lines cut short ("...") or a stanza too short are not. */
static void
test_verse(void)
{
	static const char verse[] =
		"Home | Poems\n"
		"\n"
		"The bells rang out across the town,\n"
		"The children ran the alleys down;\n"
		"\n"
		"They sang until the light was gone,\n"
		"And still the bells went on and on.\n"
		"\n"
		"The town was quiet for the night,\n"
		"And all the lamps were put from sight.\n"
		"\n"
		"Posted in Poems\n";
	char got[32], text[sizeof verse + 16];  /* "..." for three commas */
	const char *p;
	char *q;

	verdicts(verse, got, sizeof got);
	CHECK(strcmp(got, "d.KK.KK.KK.d") == 0);
	/* Four lines of verse are not enough: not body text, whatever the
	 * title search makes of them. */
	verdicts("Home | Poems\n\nThe bells rang out across the town,\nThe children ran the alleys "
	    "down;\nThey sang until the light was gone,\nAnd still the bells went on and on.\n\n"
	    "Posted in Poems\n", got, sizeof got);
	CHECK(got[2] == 'd' && got[5] == 'd');
	/* A comma becomes "...": a line cut short ends no clause. */
	for (p = verse, q = text; *p; p++)
		if (*p == ',' && p[1] == '\n')
			q = memcpy(q, "...", 3), q += 3;
		else
			*q++ = *p;
	*q = '\0';
	verdicts(text, got, sizeof got);
	CHECK(got[2] == 'd' && got[5] == 'd');
}

/* Verse whose lines run on into the next (enjambment): a line that ends
 * no clause is verse when the next line of its stanza opens in lower case
 * (runs_on()).  The same lines with the next opening in capitals, or with
 * a dot inside a word as code has, are not. */
static void
test_verse_run_on(void)
{
	static const char verse[] =
		"Home | Poems\n"
		"\n"
		"Evening Bells in the Town\n"
		"\n"
		"The bells rang out\n"
		"across the whole of the sleeping town,\n"
		"the children ran\n"
		"down every one of the narrow alleys;\n"
		"\n"
		"They sang until the light\n"
		"was gone at last,\n"
		"and still the bells went on\n"
		"and on until the morning came.\n"
		"\n"
		"Posted in Poems\n";
	char got[32], text[sizeof verse];
	size_t k;

	verdicts(verse, got, sizeof got);
	CHECK(strcmp(got, "d.K.KKKK.KKKK.d") == 0);
	/* Each line opens with a capital: no line runs on. */
	memcpy(text, verse, sizeof verse);
	for (k = 1; k < sizeof verse - 1; k++)
		if (text[k - 1] == '\n' && text[k] >= 'a' && text[k] <= 'z')
			text[k] = (char)(text[k] - 'a' + 'A');
	verdicts(text, got, sizeof got);
	CHECK(got[4] == 'd' && got[9] == 'd');
	/* A dot inside a word, as code has, runs on into nothing. */
	memcpy(text, verse, sizeof verse);
	*strstr(text, "rang out") = '.';
	*strstr(text, "children ran") = '.';
	*strstr(text, "until the light") = '.';
	*strstr(text, "bells went on") = '.';
	verdicts(text, got, sizeof got);
	CHECK(got[4] == 'd' && got[9] == 'd');
}

/* Short answers under short questions of an interview, between body
 * paragraphs, are kept: a short line that ends in one full stop is a
 * sentence (short_sentence()), and a question over one heads it.  The
 * same answer ending in dots leads to more: it and its question stay out. */
static void
test_short_sentence(void)
{
	static const char interview[] =
		"الرئيسية | ثقافة | حوارات\n"
		"\n"
		"الخطاط سمير الحلبي: الحرف العربي يحتاج إلى صبر لا إلى سرعة\n"
		"\n"
		"متى بدأت تعلم الخط؟\n"
		"\n"
		"في العاشرة من عمري، عندما كان أبي يأخذني معه إلى دكان خطاط في السوق القديم، وكنت أجلس ساعات أراقبه وهو يكتب اللافتات بالقصب والحبر.\n"
		"\n"
		"ومن كان معلمك الأول؟\n"
		"\n"
		"صاحب الدكان نفسه.\n"
		"\n"
		"وكم بقيت معه؟\n"
		"\n"
		"سبع سنوات كاملة.\n"
		"\n"
		"هل تغيرت المهنة بعد انتشار الحواسيب والطباعة الرقمية في كل مكان؟\n"
		"\n"
		"تغيرت كثيرا، فقد صار الناس يطلبون اللافتات الجاهزة لأنها أرخص وأسرع، لكن من يريد عملا يبقى ما زال يأتي إلينا ويصبر علينا أسابيع.\n"
		"\n"
		"جميع الحقوق محفوظة\n";
	char got[32], text[sizeof interview + 8];
	const char *p = strstr(interview, "\xd9\x86\xd9\x81\xd8\xb3\xd9\x87.");  /* "نفسه." */
	size_t n;

	verdicts(interview, got, sizeof got);
	CHECK(strncmp(got + 8, "K.K.K.K", 7) == 0);
	CHECK(p != NULL);
	n = (size_t)(p - interview) + 8;
	memcpy(text, interview, n);
	strcpy(text + n, "...");
	strcat(text, p + 9);
	verdicts(text, got, sizeof got);
	CHECK(strncmp(got + 8, "d.d.K.K", 7) == 0);
}

/* A list the standfirst announces right above the first long paragraph,
 * with nothing of the page's furniture between them, is the article's
 * (keep_lead_list()). */
static void
test_lead_list(void)
{
	static const char notice[] =
		"الرئيسية | محليات | وفيات\n"
		"\n"
		"وفاة المربي الفاضل الأستاذ يوسف عبد الكريم النجار\n"
		"\n"
		"بقلوب راضية بقضاء الله وقدره تنعى عائلة النجار فقيدها الأستاذ يوسف عبد الكريم النجار مدير مدرسة القرية السابق الذي توفي فجر اليوم عن عمر ناهز تسعين عاما.\n"
		"\n"
		"والفقيد والد كل من:\n"
		"\n"
		"  • المهندس خالد\n"
		"  • الدكتورة ليلى\n"
		"  • الأستاذ عماد\n"
		"  • سعاد\n"
		"  • منى\n"
		"\n"
		"وقد شيع جثمان الأستاذ يوسف النجار بعد صلاة العصر من المسجد الكبير إلى مقبرة القرية، بمشاركة عدد كبير من طلابه القدامى وأهالي البلدة.\n"
		"\n"
		"وتقبل التعازي في ديوان عائلة النجار لمدة ثلاثة أيام من الساعة الخامسة مساء حتى العاشرة ليلا.\n"
		"\n"
		"نشر في 4 ديسمبر 2026\n";
	char got[32];

	verdicts(notice, got, sizeof got);
	CHECK(strcmp(got, "d.K.K.K.KKKKK.K.K.d") == 0);
}

/* An article, the furniture that ends it, and three short lines over a
 * comment each: labels |l1|, |l2| and |l3|, a document of its own.  Is
 * the line of |l1| (line 10) dropped as a thread? */
static int
name_thread(const char *l1, const char *l2, const char *l3)
{
	struct safi_boilerplate *bp;
	char text[2048];
	const char *why = "";
	int thread;

	snprintf(text, sizeof text,
	    "The night ferry returns to the island timetable\n"
	    "\n"
	    "The night ferry will sail again from the first week of May, after a winter in which the island had no boat after six in the evening.\n"
	    "\n"
	    "The operator said the crossing pays for itself only in summer, and the council has agreed to cover the cost of the quiet months for two years.\n"
	    "\n"
	    "Islanders who work late on the mainland had asked for the service back since it stopped, saying a taxi boat cost them a day's wages.\n"
	    "\n"
	    "Share this article\n"
	    "%s\n"
	    "Good news at last, I had to sleep at my sister's flat twice a week all through the winter months.\n"
	    "%s\n"
	    "Does anyone know whether bicycles can go on board, as they could before the service was stopped?\n"
	    "%s\n"
	    "I hope they keep the late sailing on Sundays too, it was always full when the concerts finished.\n",
	    l1, l2, l3);
	CHECK(safi_boilerplate_new(&bp, NULL) == 0);
	add_text(bp, text);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(safi_boilerplate_verdict(bp, 9, &why) >= 0);
	thread = strcmp(why, "thread") == 0;
	safi_boilerplate_free(bp);
	return thread;
}

static void
test_name_thread(void)
{
	/* Names, an address and a name, a handle, an initial: a thread. */
	CHECK(name_thread("Petra Valk", "http://example.org/j Jonas Berg", "@kittiwake"));
	CHECK(name_thread("Petra V.", "Jonas Berg", "kittiwake"));
	/* Subheadings in sentence case are no names. */
	CHECK(!name_thread("Late workers", "Bicycles on board", "Sunday sailings"));
	/* Nor are counts, or titles with a stop word. */
	CHECK(!name_thread("12 Replies", "Jonas Berg", "Petra Valk"));
	CHECK(!name_thread("Tides and Winds", "Jonas Berg", "Petra Valk"));
	/* A label that shares a word with the article is a heading of it. */
	CHECK(!name_thread("Ferry Timetable", "Jonas Berg", "Petra Valk"));
	/* One-word labels alone may be terms over their definitions. */
	CHECK(!name_thread("Petra", "Jonas", "Kittiwake"));
}

/* EXPLAIN numbers each line as the caller did, in a run counting up by one
 * or not, and each document anew. */
static void
test_line_numbers(void)
{
	static const uint64_t gappy[] = {7, 8, 20, 3, 4};
	struct safi_boilerplate *bp;
	struct safi_buf out = SAFI_BUF_INIT;
	size_t i;

	CHECK(safi_boilerplate_new(&bp, NULL) == 0);
	for (i = 0; i < 5; i++)
		CHECK(safi_boilerplate_add_line(bp, "Share", 5, gappy[i]) == 0);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &out) == 0);
	CHECK_STR(out.ptr, out.len,
	    "7\tdrop\tphrase\tShare\n8\tdrop\tphrase\tShare\n20\tdrop\tphrase\tShare\n"
	    "3\tdrop\tphrase\tShare\n4\tdrop\tphrase\tShare\n");
	out.len = 0;
	for (i = 0; i < 3; i++)
		CHECK(safi_boilerplate_add_line(bp, "Share", 5, 100 + i) == 0);
	CHECK(safi_boilerplate_end_document(bp) == 0);
	CHECK(write_buf(bp, SAFI_BOILERPLATE_EXPLAIN, &out) == 0);
	CHECK_STR(out.ptr, out.len,
	    "100\tdrop\tphrase\tShare\n101\tdrop\tphrase\tShare\n102\tdrop\tphrase\tShare\n");
	safi_buf_free(&out);
	safi_boilerplate_free(bp);
}

int
main(void)
{
	test_single_document();
	test_arabic_clitics();
	test_arabic_title_past_furniture();
	test_name_thread();
	test_phrases_and_no_builtin();
	test_state();
	test_reset();
	test_state_order();
	test_state_trim();
	test_state_bound();
	test_document_ceiling();
	test_lines_by_reference();
	test_explain_json();
	test_verse();
	test_verse_run_on();
	test_short_sentence();
	test_lead_list();
	test_line_numbers();
	return tap_done();
}
