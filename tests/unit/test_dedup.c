/*
 * test_dedup.c - the deduplicator: exact and near duplicates, copies of
 * copies, paragraphs, the memory ceiling, and the signature, verdicts and
 * state files (round trips give one process's decisions; damaged files are
 * refused).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"
#include "tap.h"

/* Feeds a document (lines split at '\n') and ends it. */
static void
feed(struct safi_dedup *d, const char *label, const char *text)
{
	const char *p = text;

	CHECK(safi_dedup_begin(d, label, strlen(label)) == 0);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		CHECK(safi_dedup_line(d, p, n) == 0);
		p += n + (nl != NULL);
	}
	CHECK(safi_dedup_end(d) == 0);
}

/* Feeds and decides; returns the reason and copies the earlier label. */
static enum safi_dedup_reason
judge(struct safi_dedup *d, const char *label, const char *text, char *earlier)
{
	struct safi_dedup_verdict v;

	feed(d, label, text);
	CHECK(safi_dedup_decide(d, &v) >= 0);
	if (earlier) {
		size_t n = v.earlier ? v.earlier_len : 0;

		memcpy(earlier, v.earlier ? v.earlier : "", n);
		earlier[n] = '\0';
	}
	return v.reason;
}

static struct safi_dedup *
make(unsigned paragraphs)
{
	struct safi_dedup_opts o;
	struct safi_dedup *d;

	safi_dedup_opts_default(&o);
	o.paragraph_words = paragraphs;
	CHECK(safi_dedup_new(&d, &o) == 0);
	return d;
}

/* words w<from> .. w<to - 1>, |per| to a line, into buf */
static char *
words(char *buf, const char *stem, int from, int to, int per)
{
	char *p = buf;
	int i;

	for (i = from; i < to; i++)
		p += sprintf(p, "%s%d%c", stem, i, (i - from + 1) % per == 0 ? '\n' : ' ');
	*p = '\0';
	return buf;
}

static void
test_exact(void)
{
	struct safi_dedup *d = make(0);
	char e[300];

	CHECK(judge(d, "a", "الكتاب الجديد في المعرض ٢٠٢٤\nسطر ثان", e) == SAFI_DEDUP_NEW);
	/* harakat, tatweel, digits, spaces, blank lines */
	CHECK(judge(d, "b", "  الكِتَابُ   الجديــد في المعرض 2024 \n\nسطر ثان\n", e) == SAFI_DEDUP_EXACT);
	CHECK(strcmp(e, "a") == 0);
	/* case, NFD, NFKC */
	CHECK(judge(d, "c", "Caf\xc3\xa9 ﬁne", e) == SAFI_DEDUP_NEW);
	CHECK(judge(d, "d", "CAFE\xcc\x81 fine", e) == SAFI_DEDUP_EXACT);
	CHECK(strcmp(e, "c") == 0);
	/* other spellings are other text by default */
	CHECK(judge(d, "e", "أحمد", e) == SAFI_DEDUP_NEW);
	CHECK(judge(d, "f", "احمد", e) == SAFI_DEDUP_NEW);
	/* the line ends are in the exact hash: not the same text */
	CHECK(judge(d, "g", "one two\nthree", e) == SAFI_DEDUP_NEW);
	CHECK(judge(d, "h", "one\ntwo three", e) == SAFI_DEDUP_NEAR);
	/* documents without a word are exact copies or nothing */
	CHECK(judge(d, "i", "", e) == SAFI_DEDUP_NEW);
	CHECK(judge(d, "j", "\n  \n", e) == SAFI_DEDUP_EXACT);
	CHECK(judge(d, "k", "...", e) == SAFI_DEDUP_NEW);
	CHECK(judge(d, "l", "!!!", e) == SAFI_DEDUP_NEW);
	/* a document never duplicates itself: exact copies are not indexed */
	CHECK(safi_dedup_size(d) == 9);
	safi_dedup_free(d);

	/* --preset=search folds the spellings */
	{
		struct safi_dedup_opts o;

		safi_dedup_opts_default(&o);
		safi_norm_preset(&o.norm, "search");
		CHECK(safi_dedup_new(&d, &o) == 0);
		CHECK(judge(d, "e", "أحمد", e) == SAFI_DEDUP_NEW);
		CHECK(judge(d, "f", "احمد", e) == SAFI_DEDUP_EXACT);
		safi_dedup_free(d);
	}
}

static void
test_near(void)
{
	struct safi_dedup *d = make(0);
	char a[4000], b[8000], e[300];

	words(a, "w", 0, 200, 12);
	CHECK(judge(d, "orig", a, e) == SAFI_DEDUP_NEW);
	/* a header and a footer added: J = 196 / 206 */
	snprintf(b, sizeof b, "site header\n%sfooter of the site", a);
	CHECK(judge(d, "copy", b, e) == SAFI_DEDUP_NEAR);
	CHECK(strcmp(e, "orig") == 0);
	/* words cut at inner punctuation: "w5.w6" is "w5 w6" */
	words(a, "v", 0, 100, 100);
	CHECK(judge(d, "dots", a, e) == SAFI_DEDUP_NEW);
	{
		char *sp = strstr(a, "v5 v6");

		CHECK(sp != NULL);
		sp[2] = '.';
	}
	CHECK(judge(d, "dots2", a, e) == SAFI_DEDUP_EXACT || strcmp(e, "dots") == 0);
	/* an unrelated text stays */
	words(a, "u", 0, 200, 12);
	CHECK(judge(d, "other", a, e) == SAFI_DEDUP_NEW);
	/* half of it: J about 0.5, kept */
	words(b, "u", 0, 100, 12);
	CHECK(judge(d, "half", b, e) == SAFI_DEDUP_NEW);
	CHECK(safi_dedup_needed_bins(safi_dedup_opts(d)) == 89);
	safi_dedup_free(d);
}

/* A copy of a copy that drifted below the threshold from the first one is
 * found through the copy, which stays in the index. */
static void
test_chain(void)
{
	struct safi_dedup *d = make(0);
	char a[4000], b[4000], c[4000], x[600], e[300];

	/* A: w0..w99; B: A with its last 12 words new (J 84/108 = 0.78);
	 * C: B with its first 12 words new (J(B, C) = 0.78, J(A, C) = 0.6) */
	words(a, "w", 0, 100, 100);
	words(b, "w", 0, 88, 100);
	strcat(b, " ");
	strcat(b, words(x, "x", 0, 12, 100));
	words(c, "y", 0, 12, 100);
	strcat(c, " ");
	strcat(c, words(x, "w", 12, 88, 100));
	strcat(c, " ");
	strcat(c, words(x, "x", 0, 12, 100));
	CHECK(judge(d, "A", a, e) == SAFI_DEDUP_NEW);
	CHECK(judge(d, "B", b, e) == SAFI_DEDUP_NEAR);
	CHECK(strcmp(e, "A") == 0);
	CHECK(judge(d, "C", c, e) == SAFI_DEDUP_NEAR);
	CHECK(strcmp(e, "B") == 0);
	safi_dedup_free(d);

	/* without B, C stays */
	d = make(0);
	CHECK(judge(d, "A", a, e) == SAFI_DEDUP_NEW);
	CHECK(judge(d, "C", c, e) == SAFI_DEDUP_NEW);
	safi_dedup_free(d);
}

static void
test_paragraphs(void)
{
	struct safi_dedup *d = make(5);
	struct safi_dedup_verdict v;
	char a[4000], b[8000], c[4000];

	feed(d, "A", "the agency paragraph that every outlet quotes in full\nshort line\nown text of the first outlet here");
	CHECK(safi_dedup_decide(d, &v) == 0);
	CHECK(v.reason == SAFI_DEDUP_NEW && v.ndrops == 0);
	/* the quoted paragraph goes, a short one and a repeat inside the
	 * document stay */
	feed(d, "B", "another story entirely with its own words\nshort line\nthe agency paragraph that every outlet quotes in full\nrepeated line inside one document\nrepeated line inside one document");
	CHECK(safi_dedup_decide(d, &v) == 0);
	CHECK(v.reason == SAFI_DEDUP_NEW);
	CHECK(v.ndrops == 1);
	CHECK(v.ndrops == 1 && v.drops[0].line == 2);
	CHECK(v.ndrops == 1 && v.drops[0].earlier_len == 1 && v.drops[0].earlier[0] == 'A');
	/* now that B was written, its lines count */
	feed(d, "C", "third story with words of its own here\nrepeated line inside one document");
	CHECK(safi_dedup_decide(d, &v) == 0);
	CHECK(v.ndrops == 1 && v.drops[0].line == 1 && v.drops[0].earlier[0] == 'B');
	safi_dedup_free(d);

	/* the lines of a document dropped as a near duplicate were not
	 * written, so they do not count */
	d = make(5);
	words(a, "w", 0, 200, 10);
	snprintf(b, sizeof b, "%s%s", a, "a new paragraph of the near copy only\n");
	snprintf(c, sizeof c, "%s", "something else\na new paragraph of the near copy only\n");
	feed(d, "A", a);
	CHECK(safi_dedup_decide(d, &v) == 0);
	feed(d, "B", b);
	CHECK(safi_dedup_decide(d, &v) == 0 && v.reason == SAFI_DEDUP_NEAR);
	feed(d, "C", c);
	CHECK(safi_dedup_decide(d, &v) == 0 && v.reason == SAFI_DEDUP_NEW && v.ndrops == 0);
	safi_dedup_free(d);
}

static void
test_labels(void)
{
	struct safi_dedup *d = make(0);
	char long_label[600], e[300];
	const char *s;
	size_t n;

	CHECK(safi_dedup_begin(d, "a\tb\nc", 5) == 0);
	safi_dedup_label(d, &s, &n);
	CHECK_STR(s, n, "a b c");
	/* cut at a character boundary: 200 two-byte letters are 400 bytes */
	long_label[0] = '\0';
	for (n = 0; n < 200; n++)
		strcat(long_label, "\xd8\xa8");
	CHECK(safi_dedup_begin(d, long_label, strlen(long_label)) == 0);
	safi_dedup_label(d, &s, &n);
	CHECK(n == 254);
	CHECK(judge(d, long_label, "text", e) == SAFI_DEDUP_NEW);
	CHECK(judge(d, "x", "text", e) == SAFI_DEDUP_EXACT);
	CHECK(strlen(e) == 254);
	safi_dedup_free(d);
}

static void
test_max_memory(void)
{
	struct safi_dedup_opts o;
	struct safi_dedup *d;
	struct safi_dedup_verdict v;
	char a[4000], label[32];
	int i, first_full = -1;

	safi_dedup_opts_default(&o);
	o.max_memory = 1 << 20;
	CHECK(safi_dedup_new(&d, &o) == 0);
	for (i = 0; i < 3000; i++) {
		int rc;

		snprintf(label, sizeof label, "d%d", i);
		feed(d, label, words(a, label, 0, 30, 10));
		rc = safi_dedup_decide(d, &v);
		CHECK(rc == 0 || rc == 1);
		if (rc == 1 && first_full < 0)
			first_full = i;
	}
	CHECK(first_full > 0);
	CHECK(safi_dedup_memory(d) <= o.max_memory);
	CHECK(safi_dedup_size(d) == (uint64_t)first_full);
	/* past the ceiling, copies of what is in the index are still dropped */
	feed(d, "again", words(a, "d0", 0, 30, 10));
	CHECK(safi_dedup_decide(d, &v) == 0 && v.reason == SAFI_DEDUP_EXACT);
	safi_dedup_free(d);
}

/* ---- files ---- */

struct mem {
	const char *p;
	size_t n, pos;
};

static long
mem_read(void *ctx, void *buf, size_t cap)
{
	struct mem *m = ctx;
	size_t k = m->n - m->pos < cap ? m->n - m->pos : cap;

	memcpy(buf, m->p + m->pos, k);
	m->pos += k;
	return (long)k;
}

static const char *const docs[] = {
	"the first story about the harbour storm and the ferries\nsecond line of it with enough words",
	"the first story about the harbour storm and the ferries\nsecond line of it with enough words",
	"another story about the central bank and its rates today\nsecond line of it with enough words",
	"THE FIRST STORY about the harbour storm and the ferries!\nsecond line of it with enough words",
	"",
	"",
};
#define NDOCS (sizeof docs / sizeof docs[0])

/* The verdicts of one process over docs[], as text. */
static void
one_process(struct safi_buf *out)
{
	struct safi_dedup *d = make(4);
	struct safi_dedup_sum st;
	size_t i;

	safi_dedup_verdicts_write_header(&st, out);
	safi_dedup_verdicts_write_shard(0, &st, out);
	for (i = 0; i < NDOCS; i++) {
		struct safi_dedup_verdict v;
		char label[32];

		snprintf(label, sizeof label, "d%zu", i);
		feed(d, label, docs[i]);
		CHECK(safi_dedup_decide(d, &v) == 0);
		safi_dedup_verdicts_write_doc(i + 1, &v, &st, out);
	}
	safi_dedup_verdicts_write_shard_end(NDOCS, 0, 0, &st, out);
	safi_dedup_verdicts_write_end(&st, out);
	safi_dedup_free(d);
}

static void
test_signatures(void)
{
	struct safi_buf sigs = SAFI_BUF_INIT, want = SAFI_BUF_INIT, got = SAFI_BUF_INIT;
	struct safi_dedup *d = make(4), *m;
	struct safi_dedup_sum st, vs;
	struct safi_dedup_sigs *s;
	struct mem mr;
	const char *why;
	size_t i;
	int rc;

	CHECK(safi_dedup_sigs_write_header(d, 3, &st, &sigs) == 0);
	for (i = 0; i < NDOCS; i++) {
		char label[32];

		snprintf(label, sizeof label, "d%zu", i);
		feed(d, label, docs[i]);
		CHECK(safi_dedup_sigs_write_record(d, &st, &sigs) == 0);
	}
	CHECK(safi_dedup_sigs_write_end(&st, &sigs) == 0);
	safi_dedup_free(d);

	/* the merge decides as one process would */
	m = make(4);
	mr = (struct mem){sigs.ptr, sigs.len, 0};
	CHECK(safi_dedup_sigs_open(&s, m, mem_read, &mr, &why) == 0);
	CHECK(safi_dedup_sigs_shard(s) == 3);
	safi_dedup_verdicts_write_header(&vs, &got);
	safi_dedup_verdicts_write_shard(0, &vs, &got);
	i = 0;
	while ((rc = safi_dedup_sigs_next(s, &why)) > 0) {
		struct safi_dedup_verdict v;

		CHECK(safi_dedup_decide(m, &v) == 0);
		safi_dedup_verdicts_write_doc(++i, &v, &vs, &got);
	}
	CHECK(rc == 0 && i == NDOCS);
	safi_dedup_verdicts_write_shard_end(NDOCS, 0, 0, &vs, &got);
	safi_dedup_verdicts_write_end(&vs, &got);
	safi_dedup_sigs_free(s);
	safi_dedup_free(m);
	one_process(&want);
	CHECK_BYTES(got.ptr, got.len, want.ptr, want.len);

	/* a file cut anywhere, or with a byte changed, is refused */
	for (i = 0; i < sigs.len; i += 7) {
		struct safi_dedup_sigs *t;

		m = make(4);
		mr = (struct mem){sigs.ptr, i, 0};
		rc = safi_dedup_sigs_open(&t, m, mem_read, &mr, &why);
		if (rc == 0) {
			while ((rc = safi_dedup_sigs_next(t, &why)) > 0)
				safi_dedup_decide(m, &(struct safi_dedup_verdict){0});
			safi_dedup_sigs_free(t);
		}
		CHECK(rc == SAFI_ECORRUPT);
		safi_dedup_free(m);
	}
	for (i = 0; i < sigs.len; i += 13) {
		struct safi_dedup_sigs *t;
		char saved = sigs.ptr[i];

		if (sigs.ptr[i] == '\n')
			continue;
		sigs.ptr[i] = sigs.ptr[i] == 'a' ? 'b' : 'a';
		m = make(4);
		mr = (struct mem){sigs.ptr, sigs.len, 0};
		rc = safi_dedup_sigs_open(&t, m, mem_read, &mr, &why);
		if (rc == 0) {
			while ((rc = safi_dedup_sigs_next(t, &why)) > 0)
				safi_dedup_decide(m, &(struct safi_dedup_verdict){0});
			safi_dedup_sigs_free(t);
		}
		CHECK(rc == SAFI_ECORRUPT);
		sigs.ptr[i] = saved;
		safi_dedup_free(m);
	}
	/* other fingerprint options */
	{
		struct safi_dedup_sigs *t;

		m = make(0);
		mr = (struct mem){sigs.ptr, sigs.len, 0};
		CHECK(safi_dedup_sigs_open(&t, m, mem_read, &mr, &why) == SAFI_ECORRUPT);
		CHECK(strstr(why, "other") != NULL);
		safi_dedup_free(m);
	}
	safi_buf_free(&sigs);
	safi_buf_free(&want);
	safi_buf_free(&got);
}

/* Appends to |out| the section of shard |shard|: docs[from..to). */
static void
write_section(struct safi_buf *out, uint64_t shard, size_t from, size_t to)
{
	struct safi_dedup *d = make(4);
	struct safi_dedup_sum st;
	size_t i;

	CHECK(safi_dedup_sigs_write_header(d, shard, &st, out) == 0);
	for (i = from; i < to; i++) {
		char label[32];

		snprintf(label, sizeof label, "d%zu", i);
		feed(d, label, docs[i]);
		CHECK(safi_dedup_sigs_write_record(d, &st, out) == 0);
	}
	CHECK(safi_dedup_sigs_write_end(&st, out) == 0);
	safi_dedup_free(d);
}

/* Reads every section of buf[0..len): the shards in file order into
 * shards[], the records of each counted into counts[] (the records of
 * the section |skip| are skipped unread).  Returns the sections read, or
 * the error. */
static int
read_sections(const char *buf, size_t len, int skip, uint64_t *shards, int *counts,
              const char **why)
{
	struct safi_dedup *m = make(4);
	struct safi_dedup_sigs *s;
	struct mem mr = {buf, len, 0};
	int n = 0, rc;

	rc = safi_dedup_sigs_open(&s, m, mem_read, &mr, why);
	while (rc == 0) {
		shards[n] = safi_dedup_sigs_shard(s);
		counts[n] = 0;
		if (n != skip)
			while ((rc = safi_dedup_sigs_next(s, why)) > 0)
				counts[n]++;
		n++;
		if (rc == 0)
			rc = safi_dedup_sigs_next_shard(s, why);
		rc = rc > 0 ? 0 : rc == 0 ? 1 : rc;
	}
	safi_dedup_sigs_free(s);
	safi_dedup_free(m);
	return rc < 0 ? rc : n;
}

/* A file may hold the sections of several shards, one after another. */
static void
test_grouped_signatures(void)
{
	struct safi_buf b = SAFI_BUF_INIT, one = SAFI_BUF_INIT;
	uint64_t shards[4];
	int counts[4];
	const char *why;
	size_t i, ends[3];

	write_section(&b, 7, 0, 3);
	ends[0] = b.len;
	write_section(&b, 2, 3, 3);  /* a shard without documents */
	ends[1] = b.len;
	write_section(&b, 4, 3, NDOCS);
	ends[2] = b.len;
	CHECK(read_sections(b.ptr, b.len, -1, shards, counts, &why) == 3);
	CHECK(shards[0] == 7 && shards[1] == 2 && shards[2] == 4);
	CHECK(counts[0] == 3 && counts[1] == 0 && counts[2] == (int)NDOCS - 3);
	/* records left unread are skipped, and still checked */
	CHECK(read_sections(b.ptr, b.len, 0, shards, counts, &why) == 3);
	CHECK(shards[2] == 4 && counts[2] == (int)NDOCS - 3);
	b.ptr[ends[0] - 3] ^= 1;  /* in the checksum of the first end line */
	CHECK(read_sections(b.ptr, b.len, 0, shards, counts, &why) == SAFI_ECORRUPT);
	CHECK(strcmp(why, "checksum mismatch") == 0);
	b.ptr[ends[0] - 3] ^= 1;

	/* a section reads as the file it was alone */
	write_section(&one, 4, 3, NDOCS);
	CHECK(one.len == ends[2] - ends[1] &&
	      memcmp(one.ptr, b.ptr + ends[1], one.len) == 0);

	/* cut anywhere but between two sections: refused; a line after an
	 * end line that starts no section: refused */
	for (i = 1; i < b.len; i += 5) {
		int rc = read_sections(b.ptr, i, -1, shards, counts, &why);

		if (i == ends[0] || i == ends[1])
			CHECK(rc == (i == ends[0] ? 1 : 2));
		else
			CHECK(rc == SAFI_ECORRUPT);
	}
	CHECK(read_sections(b.ptr, ends[0], -1, shards, counts, &why) == 1);
	CHECK(read_sections(b.ptr, ends[1], -1, shards, counts, &why) == 2);
	safi_buf_append(&one, "shard 5\n", 8);
	CHECK(read_sections(one.ptr, one.len, -1, shards, counts, &why) == SAFI_ECORRUPT);
	CHECK(strstr(why, "starts no shard") != NULL);
	safi_buf_free(&b);
	safi_buf_free(&one);
}

static void
test_verdicts(void)
{
	struct safi_buf b = SAFI_BUF_INIT;
	struct safi_dedup_sum st;
	struct safi_dedup_verdict v, got;
	struct safi_dedup_drop drops[2] = {{1, "B", 1}, {4, "C:7", 3}};
	struct safi_dedup_verdicts *vr;
	struct mem mr;
	uint64_t kept, inv;
	const char *why;

	safi_dedup_verdicts_write_header(&st, &b);
	safi_dedup_verdicts_write_shard(2, &st, &b);
	memset(&v, 0, sizeof v);
	v.reason = SAFI_DEDUP_NEAR;
	v.agree = 100;
	v.hashes = 128;
	v.earlier = "x.txt:1";
	v.earlier_len = 7;
	safi_dedup_verdicts_write_doc(2, &v, &st, &b);
	safi_dedup_verdicts_write_shard_end(3, 2, 1, &st, &b);
	safi_dedup_verdicts_write_shard(5, &st, &b);
	memset(&v, 0, sizeof v);
	v.ndrops = 2;
	v.drops = drops;
	safi_dedup_verdicts_write_doc(1, &v, &st, &b);
	safi_dedup_verdicts_write_shard_end(2, 2, 1, &st, &b);
	safi_dedup_verdicts_write_end(&st, &b);

	mr = (struct mem){b.ptr, b.len, 0};
	CHECK(safi_dedup_verdicts_open(&vr, 5, mem_read, &mr, &why) == 0);
	safi_dedup_verdicts_before(vr, &kept, &inv);
	CHECK(kept == 2 && inv == 1);
	CHECK(safi_dedup_verdicts_next(vr, 1, &got, &why) == 0);
	CHECK(got.reason == SAFI_DEDUP_NEW && got.ndrops == 2);
	CHECK(got.ndrops == 2 && got.drops[1].line == 4);
	CHECK(got.ndrops == 2 && got.drops[1].earlier_len == 3 &&
	      memcmp(got.drops[1].earlier, "C:7", 3) == 0);
	CHECK(safi_dedup_verdicts_next(vr, 2, &got, &why) == 0 && got.reason == SAFI_DEDUP_NEW);
	CHECK(safi_dedup_verdicts_close(vr, 2, &why) == 0);
	safi_dedup_verdicts_free(vr);

	mr = (struct mem){b.ptr, b.len, 0};
	CHECK(safi_dedup_verdicts_open(&vr, 2, mem_read, &mr, &why) == 0);
	CHECK(safi_dedup_verdicts_next(vr, 1, &got, &why) == 0 && got.reason == SAFI_DEDUP_NEW);
	CHECK(safi_dedup_verdicts_next(vr, 2, &got, &why) == 0 && got.reason == SAFI_DEDUP_NEAR);
	CHECK(got.agree == 100 && got.hashes == 128 &&
	      got.similarity == safi_minhash_similarity(100, 128));
	CHECK_STR(got.earlier, got.earlier_len, "x.txt:1");
	CHECK(safi_dedup_verdicts_next(vr, 3, &got, &why) == 0 && got.reason == SAFI_DEDUP_NEW);
	/* the shard held three documents, not four */
	CHECK(safi_dedup_verdicts_close(vr, 4, &why) == SAFI_ECORRUPT);
	safi_dedup_verdicts_free(vr);

	mr = (struct mem){b.ptr, b.len, 0};
	CHECK(safi_dedup_verdicts_open(&vr, 3, mem_read, &mr, &why) == SAFI_ENOTFOUND);
	mr = (struct mem){b.ptr, b.len - 3, 0};
	CHECK(safi_dedup_verdicts_open(&vr, 5, mem_read, &mr, &why) == 0);
	CHECK(safi_dedup_verdicts_next(vr, 1, &got, &why) == 0);
	CHECK(safi_dedup_verdicts_next(vr, 2, &got, &why) == 0);
	CHECK(safi_dedup_verdicts_close(vr, 2, &why) == SAFI_ECORRUPT);
	safi_dedup_verdicts_free(vr);
	safi_buf_free(&b);
}

/* Runs docs[from..to) through |d|, writing the verdicts. */
static void
run_docs(struct safi_dedup *d, size_t from, size_t to, struct safi_buf *out)
{
	size_t i;

	for (i = from; i < to; i++) {
		struct safi_dedup_verdict v;
		struct safi_dedup_sum st = {0, 0};
		char label[32];

		snprintf(label, sizeof label, "d%zu", i);
		feed(d, label, docs[i]);
		CHECK(safi_dedup_decide(d, &v) == 0);
		safi_dedup_verdicts_write_doc(i + 1, &v, &st, out);
	}
}

static void
test_state(void)
{
	struct safi_buf one = SAFI_BUF_INIT, two = SAFI_BUF_INIT, state = SAFI_BUF_INIT;
	struct safi_buf again = SAFI_BUF_INIT;
	struct safi_dedup *d;
	const char *why;
	size_t i;

	/* one process over all documents */
	d = make(4);
	run_docs(d, 0, NDOCS, &one);
	safi_dedup_free(d);
	/* two runs with a state between them */
	d = make(4);
	CHECK(safi_dedup_state_load(d, "", 0, &why) == 0);
	run_docs(d, 0, 3, &two);
	CHECK(safi_dedup_state_save(d, &state) == 0);
	safi_dedup_free(d);
	d = make(4);
	CHECK(safi_dedup_state_load(d, state.ptr, state.len, &why) == 0);
	run_docs(d, 3, NDOCS, &two);
	CHECK_BYTES(two.ptr, two.len, one.ptr, one.len);
	/* saved again and loaded, it is the same index */
	again.len = 0;
	CHECK(safi_dedup_state_save(d, &again) == 0);
	safi_dedup_free(d);
	d = make(4);
	CHECK(safi_dedup_state_load(d, again.ptr, again.len, &why) == 0);
	CHECK(safi_dedup_size(d) == 4);
	safi_dedup_free(d);

	/* damage: cut anywhere, a byte changed, other options */
	for (i = 0; i < state.len; i += 5) {
		d = make(4);
		CHECK(safi_dedup_state_load(d, state.ptr, i, &why) ==
		      (i == 0 ? 0 : SAFI_ECORRUPT));
		CHECK(safi_dedup_size(d) == 0);
		safi_dedup_free(d);
	}
	for (i = 0; i < state.len; i += 3) {
		char saved = state.ptr[i];

		state.ptr[i] = saved == '1' ? '2' : '1';
		d = make(4);
		CHECK(safi_dedup_state_load(d, state.ptr, state.len, &why) == SAFI_ECORRUPT);
		safi_dedup_free(d);
		state.ptr[i] = saved;
	}
	d = make(0);
	CHECK(safi_dedup_state_load(d, state.ptr, state.len, &why) == SAFI_ECORRUPT);
	CHECK(strstr(why, "other") != NULL);
	safi_dedup_free(d);
	d = make(4);
	CHECK(safi_dedup_state_load(d, "safi-strip-boilerplate-state 1\n", 31, &why) ==
	      SAFI_ECORRUPT);
	CHECK(strcmp(why, "not a dedup state file") == 0);
	safi_dedup_free(d);

	safi_buf_free(&one);
	safi_buf_free(&two);
	safi_buf_free(&state);
	safi_buf_free(&again);
}

/* Documents unmatched for state_age runs go, and past state_max the least
 * recently matched. */
static void
test_state_limits(void)
{
	struct safi_dedup_opts o;
	struct safi_buf state = SAFI_BUF_INIT;
	struct safi_dedup *d;
	const char *why;
	char e[300];
	int run;

	safi_dedup_opts_default(&o);
	o.state_age = 2;
	o.state_max = 2;
	/* run 1: A, B, C; run 2: B again (matched); run 3: nothing */
	for (run = 1; run <= 3; run++) {
		CHECK(safi_dedup_new(&d, &o) == 0);
		CHECK(safi_dedup_state_load(d, state.ptr ? state.ptr : "", state.len, &why) == 0);
		if (run == 1) {
			CHECK(judge(d, "A", "alpha text of a", e) == SAFI_DEDUP_NEW);
			CHECK(judge(d, "B", "beta text of b", e) == SAFI_DEDUP_NEW);
			CHECK(judge(d, "C", "gamma text of c", e) == SAFI_DEDUP_NEW);
		}
		if (run == 2) {
			/* A was past state_max, B and C stayed */
			CHECK(judge(d, "A2", "alpha text of a", e) == SAFI_DEDUP_NEW);
			CHECK(judge(d, "B2", "beta text of b", e) == SAFI_DEDUP_EXACT);
		}
		state.len = 0;
		CHECK(safi_dedup_state_save(d, &state) == 0);
		/* a NUL after the bytes, for strstr() */
		CHECK(safi_buf_putc(&state, '\0') == 0);
		state.len--;
		safi_dedup_free(d);
		if (run == 1)  /* the two most recent of three: B and C */
			CHECK(strstr(state.ptr, "documents 2\n") && !strstr(state.ptr, " A\n"));
	}
	/* after run 2: A2 and B (matched in run 2) are the two most recent;
	 * after run 3, C (run 1) had aged out anyway */
	CHECK(strstr(state.ptr, "generation 3\ndocuments 2\n") != NULL);
	CHECK(strstr(state.ptr, " B\n") && strstr(state.ptr, " A2\n") && !strstr(state.ptr, " C\n"));
	safi_buf_free(&state);
}

/* A cleared deduplicator decides, and saves its state, as a new one does:
 * after whole documents, a saved state's generation and a document left
 * half fed. */
static void
test_clear(void)
{
	struct safi_buf one = SAFI_BUF_INIT, two = SAFI_BUF_INIT;
	struct safi_buf s1 = SAFI_BUF_INIT, s2 = SAFI_BUF_INIT;
	struct safi_dedup *fresh = make(4), *d = make(4);
	const char *why;

	run_docs(fresh, 0, NDOCS, &one);
	CHECK(safi_dedup_state_save(fresh, &s1) == 0);
	run_docs(d, 0, NDOCS, &two);
	CHECK(safi_dedup_state_save(d, &s2) == 0);
	safi_dedup_clear(d);
	CHECK(safi_dedup_state_load(d, s2.ptr, s2.len, &why) == 0);
	feed(d, "late", docs[2]);
	safi_dedup_clear(d);
	CHECK(safi_dedup_begin(d, "half", 4) == 0);
	CHECK(safi_dedup_line(d, docs[0], 20) == 0);
	safi_dedup_clear(d);
	two.len = s2.len = 0;
	run_docs(d, 0, NDOCS, &two);
	CHECK(two.len == one.len && memcmp(one.ptr, two.ptr, one.len) == 0);
	CHECK(safi_dedup_state_save(d, &s2) == 0);
	CHECK(s1.len == s2.len && memcmp(s1.ptr, s2.ptr, s1.len) == 0);
	CHECK(safi_dedup_memory(d) == safi_dedup_memory(fresh));
	safi_dedup_free(fresh);
	safi_dedup_free(d);
	safi_buf_free(&one);
	safi_buf_free(&two);
	safi_buf_free(&s1);
	safi_buf_free(&s2);
}

int
main(void)
{
	test_exact();
	test_near();
	test_chain();
	test_paragraphs();
	test_labels();
	test_max_memory();
	test_signatures();
	test_grouped_signatures();
	test_verdicts();
	test_state();
	test_state_limits();
	test_clear();
	return tap_done();
}
