/*
 * test_boilerplate_state.c - the map the stages share, and the
 * cross-document table: counting documents, recurring lines, the file
 * format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boilerplate_stages.h"
#include "safi.h"
#include "tap.h"

static void
test_map(void)
{
	struct bp_map m = {0};
	uint64_t *v, k;

	CHECK(safi_bp_map_get(&m, 5) == 0);
	for (k = 1; k <= 1000; k++) {
		CHECK(safi_bp_map_slot(&m, k * 0x9e3779b97f4a7c15ull, &v) == 0);
		*v = k;
	}
	CHECK(m.n == 1000 && m.cap >= 2000 && (m.cap & (m.cap - 1)) == 0);
	for (k = 1; k <= 1000; k++)
		CHECK(safi_bp_map_get(&m, k * 0x9e3779b97f4a7c15ull) == k);
	CHECK(safi_bp_map_slot(&m, 0x9e3779b97f4a7c15ull, &v) == 0 && *v == 1 && m.n == 1000);
	safi_bp_map_clear(&m);
	CHECK(m.n == 0 && m.cap > 0 && safi_bp_map_get(&m, 0x9e3779b97f4a7c15ull) == 0);
	safi_bp_map_free(&m);
	CHECK(m.cap == 0 && m.e == NULL);
	CHECK(safi_bp_key(0) != 0);
}

/* A document of |n| lines whose fingerprints are |fps|. */
static void
make_doc(struct bp_doc *d, const uint64_t *fps, size_t n)
{
	size_t i;

	d->nlines = n;
	d->lines = calloc(n, sizeof *d->lines);
	CHECK(d->lines != NULL);
	for (i = 0; i < n; i++) {
		d->lines[i].fp = fps[i];
		d->lines[i].kind = K_GOOD;
		d->lines[i].words = 12;
	}
	CHECK(safi_bp_mark_duplicates(d) == 0);
}

static void
free_doc(struct bp_doc *d)
{
	free(d->lines);
	safi_bp_map_free(&d->dup);
	memset(d, 0, sizeof *d);
}

/* One document through the table as boilerplate.c runs it. */
static void
count_doc(struct bp_state *st, struct bp_doc *d, const uint64_t *fps, size_t n)
{
	CHECK(safi_bp_state_merge(st, &d->dup, 100, 30) == 0);
	free_doc(d);
	make_doc(d, fps, n);
	safi_bp_state_mark_recurring(st, d, 3, 1);
}

static void
test_counting(void)
{
	struct bp_state st = {0};
	struct bp_doc d = {0};
	static const uint64_t a[] = {11, 12, 11}, b[] = {11, 13}, c[] = {11, 12};
	struct safi_buf out = SAFI_BUF_INIT;
	const char *why;

	CHECK(safi_bp_state_load(&st, "", 0, &why) == 0 && st.generation == 1);
	count_doc(&st, &d, a, 3);
	/* A line twice in one document counts once. */
	CHECK(d.lines[2].kind == K_BAD && d.lines[2].reason == R_DUPLICATE);
	CHECK(safi_bp_state_size(&st, &d.dup) == 2 && st.seen.n == 0);
	count_doc(&st, &d, b, 2);
	CHECK(d.lines[0].kind == K_GOOD);
	count_doc(&st, &d, c, 2);
	/* 11 is in three documents now, 12 in two. */
	CHECK(d.lines[0].kind == K_BAD && d.lines[0].reason == R_RECURRING);
	CHECK(d.lines[1].kind == K_GOOD);
	CHECK(safi_bp_state_size(&st, &d.dup) == 3);
	CHECK(safi_bp_state_save(&st, &d.dup, 100, 30, &out) == 0);
	/* Up to the checksum line (26 bytes). */
	CHECK(out.len > 26);
	CHECK_STR(out.ptr, out.len - 26,
	    "safi-strip-boilerplate-state 1\ngeneration 1\nentries 3\n"
	    "000000000000000b 3 1\n000000000000000c 2 1\n000000000000000d 1 1\n");
	CHECK(memcmp(out.ptr + out.len - 26, "checksum ", 9) == 0);
	/* Saving counted the last document: saving again changes nothing. */
	{
		struct safi_buf again = SAFI_BUF_INIT;

		CHECK(safi_bp_state_save(&st, &d.dup, 100, 30, &again) == 0);
		CHECK_BYTES(again.ptr, again.len, out.ptr, out.len);
		safi_buf_free(&again);
	}
	free_doc(&d);
	safi_bp_state_free(&st);
	/* Loaded back, the table goes on from where it was, one run later. */
	CHECK(safi_bp_state_load(&st, out.ptr, out.len, &why) == 0);
	CHECK(st.generation == 2 && st.seen.n == 3);
	CHECK(safi_bp_map_get(&st.seen, 11) == ((uint64_t)3 << 32 | 1));
	safi_bp_state_free(&st);
	safi_buf_free(&out);
}

static void
test_bad_files(void)
{
	struct bp_state st = {0};
	const char *why;
	static const char *const bad[][2] = {
		{"PK\3\4", "not a strip-boilerplate state file"},
		{"safi-strip-boilerplate-state 1\ngeneration x\n", "bad header"},
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 1\n0000000000000001 1 1\n",
		 "truncated"},
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 1\n0000000000000001 0 1\n"
		 "checksum 0000000000000000\n", "malformed entry"},
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 1\n0000000000000001 1 2\n"
		 "checksum 0000000000000000\n", "malformed entry"},
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 0\n"
		 "checksum 0000000000000000\n", "checksum mismatch"},
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 0\n"
		 "checksum 0000000000000000\nmore\n", "trailing garbage"},
		/* Numbers up to 2^64 - 1 are read, a digit more is no number. */
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 18446744073709551615\n",
		 "truncated"},
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 18446744073709551616\n",
		 "bad header"},
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 18446744073709551620\n",
		 "bad header"},
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 1\n0ffffffffffffffff 1 1\n"
		 "checksum 0000000000000000\n", "checksum mismatch"},
		{"safi-strip-boilerplate-state 1\ngeneration 1\nentries 1\n10000000000000000 1 1\n"
		 "checksum 0000000000000000\n", "malformed entry"},
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(safi_bp_state_load(&st, bad[i][0], strlen(bad[i][0]), &why) == SAFI_ECORRUPT);
		CHECK(strcmp(why, bad[i][1]) == 0);
		if (strcmp(why, bad[i][1]) != 0)
			fprintf(stderr, "  case %zu: %s\n", i, why);
	}
	CHECK(st.seen.n == 0 && st.generation == 0);  /* unchanged */
	safi_bp_state_free(&st);
}

/* Ranks of entries for trimming: the first ones are kept. */
static int
rank_cmp(const void *pa, const void *pb)
{
	const struct bp_entry *a = pa, *b = pb;
	uint64_t da = a->val >> 32, db = b->val >> 32;
	uint32_t la = (uint32_t)a->val, lb = (uint32_t)b->val;

	if (da != db)
		return da > db ? -1 : 1;  /* most documents first */
	if (la != lb)
		return la > lb ? -1 : 1;  /* then the most recent */
	return (a->key > b->key) - (a->key < b->key);
}

/* The entries of a saved table, in file order. */
static size_t
parse_entries(const struct safi_buf *out, struct bp_entry *e, size_t max)
{
	const char *p = out->ptr, *end = out->ptr + out->len;
	size_t n = 0, i;

	for (i = 0; i < 3 && p; i++)
		p = memchr(p, '\n', (size_t)(end - p)), p = p ? p + 1 : NULL;
	while (p && p < end && n < max && strncmp(p, "checksum", 8) != 0) {
		char *q;
		unsigned long long fp = strtoull(p, &q, 16), docs = strtoull(q, &q, 10),
		    last = strtoull(q, &q, 10);

		e[n].key = fp;
		e[n].val = (uint64_t)docs << 32 | last;
		n++;
		p = q + 1;
	}
	return n;
}

/* The file lists the entries by fingerprint, whichever bytes of the
 * fingerprints differ, and reads back as it was saved. */
static void
test_key_order(void)
{
	struct bp_state st = {0}, back = {0};
	struct bp_map none = {0};
	struct bp_entry e[600];
	struct safi_buf out = SAFI_BUF_INIT, again = SAFI_BUF_INIT;
	const char *why;
	uint64_t *v, k;
	size_t i, n;

	for (k = 1; k <= 200; k++) {
		/* differing in the low byte, in the high byte, in both */
		CHECK(safi_bp_map_slot(&st.seen, k, &v) == 0);
		*v = (uint64_t)1 << 32;
		CHECK(safi_bp_map_slot(&st.seen, (201 - k) << 56 | 7, &v) == 0);
		*v = (uint64_t)2 << 32;
		CHECK(safi_bp_map_slot(&st.seen, (k * 0x9e3779b97f4a7c15ull) | 1, &v) == 0);
		*v = (uint64_t)3 << 32;
	}
	CHECK(safi_bp_state_save(&st, &none, 1000, 30, &out) == 0);
	n = parse_entries(&out, e, 600);
	CHECK(n == st.seen.n);
	for (i = 1; i < n; i++)
		CHECK(e[i - 1].key < e[i].key);
	for (i = 0; i < n; i++)
		CHECK(safi_bp_map_get(&st.seen, e[i].key) == e[i].val);
	CHECK(safi_bp_state_load(&back, out.ptr, out.len, &why) == 0 && back.seen.n == n);
	back.generation--;  /* as it was saved */
	CHECK(safi_bp_state_save(&back, &none, 1000, 30, &again) == 0);
	CHECK_BYTES(again.ptr, again.len, out.ptr, out.len);
	safi_buf_free(&again);
	safi_buf_free(&out);
	safi_bp_state_free(&back);
	safi_bp_state_free(&st);
}

/*
 * Trimming to --state-max keeps exactly that many entries: those unseen
 * for more than --state-age runs go first, then those seen in the fewest
 * documents, and of these the ones seen longest ago; the fingerprint
 * breaks the remaining ties.
 */
static void
test_trim(void)
{
	struct bp_state st = {0};
	struct bp_map none = {0};
	struct bp_entry all[157], kept[200];
	struct safi_buf out = SAFI_BUF_INIT;
	uint64_t *v;
	size_t i, n, nall = 0;

	st.generation = 40;
	for (i = 0; i < 156; i++) {
		all[nall].key = 1000 + i * 7919;
		all[nall].val = (uint64_t)(1 + (i * 7) % 5) << 32 | (40 - (i * 3) % 9);
		CHECK(safi_bp_map_slot(&st.seen, all[nall].key, &v) == 0);
		*v = all[nall].val;
		nall++;
	}
	/* Seen in many documents, but 35 runs ago: past --state-age 30. */
	CHECK(safi_bp_map_slot(&st.seen, 77, &v) == 0);
	*v = (uint64_t)50 << 32 | 5;
	CHECK(safi_bp_state_save(&st, &none, 100, 30, &out) == 0);
	CHECK(out.len > 40 && memcmp(out.ptr + 31, "generation 40\nentries 100\n", 26) == 0);
	n = parse_entries(&out, kept, 200);
	CHECK(n == 100);
	qsort(all, nall, sizeof all[0], rank_cmp);
	qsort(kept, n, sizeof kept[0], rank_cmp);
	for (i = 0; i < n && i < 100; i++)
		CHECK(kept[i].key == all[i].key && kept[i].val == all[i].val);
	/* Under the limit nothing but the old goes. */
	out.len = 0;
	CHECK(safi_bp_state_save(&st, &none, 1000, 30, &out) == 0);
	CHECK(parse_entries(&out, kept, 200) == 100);
	safi_bp_state_free(&st);
	safi_buf_free(&out);
}

/* Appends the checksum line that makes |b| a state file. */
static void
seal(struct safi_buf *b)
{
	uint64_t h = 0xcbf29ce484222325ull;
	char line[40];
	size_t i;

	for (i = 0; i < b->len; i++)
		h = (h ^ (unsigned char)b->ptr[i]) * 0x100000001b3ull;
	snprintf(line, sizeof line, "checksum %016llx\n", (unsigned long long)h);
	CHECK(safi_buf_append(b, line, strlen(line)) == 0);
}

static void
state_text(struct safi_buf *b, const char *text)
{
	b->len = 0;
	CHECK(safi_buf_append(b, text, strlen(text)) == 0);
	seal(b);
}

/* Ends the text of |b| with a NUL (not counted in its length), so that
 * the string functions can read it. */
static void
terminate(struct safi_buf *b)
{
	CHECK(safi_buf_putc(b, '\0') == 0);
	b->len--;
}

/* The generation last seen of |fp| in a saved table (NUL-terminated). */
static long long
last_of(const struct safi_buf *b, const char *fp)
{
	const char *p = b->ptr;

	while ((p = strstr(p, fp)) != NULL) {
		if (p > b->ptr && p[-1] == '\n') {
			char *q;

			strtoull(p + 17, &q, 10);
			return strtoll(q, NULL, 10);
		}
		p++;
	}
	return -1;
}

/*
 * The run counter at its ceiling: a table saved with generation
 * 4294967295 loads again.  The next run renumbers it, every entry keeping
 * its age, and forgets what it has not seen for 2^31 runs.
 */
static void
test_generation_ceiling(void)
{
	struct bp_state st = {0};
	struct bp_map none = {0};
	struct safi_buf b = SAFI_BUF_INIT, out = SAFI_BUF_INIT;
	const char *why;
	long long gen;

	state_text(&b, "safi-strip-boilerplate-state 1\ngeneration 4294967294\nentries 3\n"
	    "0000000000000011 4 4294967294\n0000000000000022 1 4294967290\n"
	    "0000000000000033 2 7\n");
	CHECK(safi_bp_state_load(&st, b.ptr, b.len, &why) == 0);
	CHECK(st.generation == 4294967295u);
	CHECK(safi_bp_state_save(&st, &none, 100, 4294967295u, &out) == 0);
	terminate(&out);
	CHECK(strstr(out.ptr, "\ngeneration 4294967295\n") != NULL);
	safi_bp_state_free(&st);
	CHECK(safi_bp_state_load(&st, out.ptr, out.len, &why) == 0);
	if (strcmp(why, "") != 0)
		fprintf(stderr, "  %s\n", why);
	out.len = 0;
	CHECK(safi_bp_state_save(&st, &none, 100, 4294967295u, &out) == 0);
	terminate(&out);
	CHECK(sscanf(strstr(out.ptr, "generation "), "generation %lld", &gen) == 1);
	CHECK(gen < 4294967295ll);
	/* Ages: 2 and 6 runs, as they were; the entry 4294967288 runs old
	 * is gone. */
	CHECK(last_of(&out, "0000000000000011") == gen - 2);
	CHECK(last_of(&out, "0000000000000022") == gen - 6);
	CHECK(last_of(&out, "0000000000000033") == -1);
	safi_bp_state_free(&st);
	safi_buf_free(&b);
	safi_buf_free(&out);
}

/* A fingerprint twice in a file is an error, not a silent overwrite. */
static void
test_duplicate_entry(void)
{
	struct bp_state st = {0};
	struct safi_buf b = SAFI_BUF_INIT;
	const char *why;

	state_text(&b, "safi-strip-boilerplate-state 1\ngeneration 3\nentries 2\n"
	    "00000000000000aa 4 3\n00000000000000aa 1 2\n");
	CHECK(safi_bp_state_load(&st, b.ptr, b.len, &why) == SAFI_ECORRUPT);
	CHECK(strcmp(why, "duplicate fingerprint") == 0);
	CHECK(st.seen.n == 0);
	state_text(&b, "safi-strip-boilerplate-state 1\ngeneration 3\nentries 2\n"
	    "00000000000000aa 4 3\n00000000000000ab 1 2\n");
	CHECK(safi_bp_state_load(&st, b.ptr, b.len, &why) == 0 && st.seen.n == 2);
	safi_bp_state_free(&st);
	safi_buf_free(&b);
}

/* Saves a table of (fingerprint, docs, last) entries at generation |gen|. */
static void
save_table(struct safi_buf *out, uint32_t gen, const uint64_t (*e)[3], size_t n)
{
	struct bp_state st = {0};
	struct bp_map none = {0};
	uint64_t *v;
	size_t i;

	st.generation = gen;
	for (i = 0; i < n; i++) {
		CHECK(safi_bp_map_slot(&st.seen, e[i][0], &v) == 0);
		*v = e[i][1] << 32 | e[i][2];
	}
	out->len = 0;
	CHECK(safi_bp_state_save(&st, &none, 1000, 1000, out) == 0);
	safi_bp_state_free(&st);
}

/* The saved sum of the tables |t[order[0..n)]|. */
static void
add_tables(struct safi_buf *out, struct safi_buf *t, const int *order, int n)
{
	struct bp_state st = {0};
	struct bp_map none = {0};
	const char *why;
	int i;

	for (i = 0; i < n; i++)
		CHECK(safi_bp_state_add(&st, t[order[i]].ptr, t[order[i]].len, &why) == 0);
	out->len = 0;
	CHECK(safi_bp_state_save(&st, &none, 1000, 1000, out) == 0);
	safi_bp_state_free(&st);
}

static void
test_add(void)
{
	static const uint64_t a[][3] = {{11, 2, 5}, {12, 3, 3}};   /* generation 5 */
	static const uint64_t b[][3] = {{11, 1, 1}, {13, 4, 1}};   /* generation 1 */
	static const uint64_t c[][3] = {{12, 0xFFFFFFFEu, 7}, {14, 1, 2}};  /* generation 8 */
	static const int orders[][3] = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {1, 0, 2}};
	struct safi_buf t[3] = {SAFI_BUF_INIT, SAFI_BUF_INIT, SAFI_BUF_INIT};
	struct safi_buf first = SAFI_BUF_INIT, sum = SAFI_BUF_INIT, ab = SAFI_BUF_INIT;
	struct bp_state st = {0};
	const char *why;
	size_t i;

	save_table(&t[0], 5, a, 2);
	save_table(&t[1], 1, b, 2);
	save_table(&t[2], 8, c, 2);
	/* The same sum in any order ... */
	add_tables(&first, t, orders[0], 3);
	for (i = 1; i < sizeof orders / sizeof orders[0]; i++) {
		add_tables(&sum, t, orders[i], 3);
		CHECK_BYTES(sum.ptr, sum.len, first.ptr, first.len);
	}
	/* ... and any grouping: (a + b) saved, then + c. */
	add_tables(&ab, t, orders[0], 2);
	{
		struct safi_buf grouped[2] = {ab, t[2]};
		static const int two[] = {0, 1};

		add_tables(&sum, grouped, two, 2);
		CHECK_BYTES(sum.ptr, sum.len, first.ptr, first.len);
	}
	/* Documents add up (saturating), the latest generation is the
	 * table's, and every entry keeps the age of its youngest copy:
	 * 11 was 0 runs old in a, 12 was 1 run old in c, 13 0 runs in b,
	 * 14 6 runs in c. */
	CHECK(safi_bp_state_load(&st, first.ptr, first.len, &why) == 0);
	CHECK(st.generation == 9 && st.seen.n == 4);
	CHECK(safi_bp_map_get(&st.seen, 11) == ((uint64_t)3 << 32 | 8));
	CHECK(safi_bp_map_get(&st.seen, 12) == ((uint64_t)0xFFFFFFFFu << 32 | 7));
	CHECK(safi_bp_map_get(&st.seen, 13) == ((uint64_t)4 << 32 | 8));
	CHECK(safi_bp_map_get(&st.seen, 14) == ((uint64_t)1 << 32 | 2));
	safi_bp_state_free(&st);
	memset(&st, 0, sizeof st);
	/* A bad table adds nothing. */
	CHECK(safi_bp_state_add(&st, t[0].ptr, t[0].len, &why) == 0);
	t[1].len -= 3;
	CHECK(safi_bp_state_add(&st, t[1].ptr, t[1].len, &why) == SAFI_ECORRUPT);
	CHECK(st.seen.n == 2 && st.generation == 5);
	CHECK(safi_bp_state_add(&st, "", 0, &why) == 0 && st.seen.n == 2);
	safi_bp_state_free(&st);
	for (i = 0; i < 3; i++)
		safi_buf_free(&t[i]);
	safi_buf_free(&first);
	safi_buf_free(&sum);
	safi_buf_free(&ab);
}

/* A frozen table judges a document by its own counts and counts nothing. */
static void
test_frozen(void)
{
	struct bp_state st = {0};
	struct bp_doc d = {0};
	static const uint64_t a[] = {11, 12};
	uint64_t *v;

	st.generation = 1;
	CHECK(safi_bp_map_slot(&st.seen, 11, &v) == 0);
	*v = (uint64_t)3 << 32 | 1;
	CHECK(safi_bp_map_slot(&st.seen, 12, &v) == 0);
	*v = (uint64_t)2 << 32 | 1;
	make_doc(&d, a, 2);
	safi_bp_state_mark_recurring(&st, &d, 3, 0);
	CHECK(d.lines[0].kind == K_BAD && d.lines[0].reason == R_RECURRING);
	CHECK(d.lines[1].kind == K_GOOD);
	CHECK(st.unmerged == 0);
	CHECK(safi_bp_state_merge(&st, &d.dup, 100, 30) == 0);
	CHECK(safi_bp_map_get(&st.seen, 12) == ((uint64_t)2 << 32 | 1));
	free_doc(&d);
	safi_bp_state_free(&st);
}

int
main(void)
{
	test_map();
	test_counting();
	test_bad_files();
	test_key_order();
	test_trim();
	test_generation_ceiling();
	test_duplicate_entry();
	test_add();
	test_frozen();
	return tap_done();
}
