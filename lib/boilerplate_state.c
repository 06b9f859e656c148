/*
 * boilerplate_state.c - the cross-document table: the fingerprint of every
 * distinct line, the number of documents it was seen in and the run that
 * last saw it; a line found in enough documents is boilerplate.  The table
 * is saved and loaded as text.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boilerplate_stages.h"
#include "safi/error.h"

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static inline uint64_t
fnv_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

/* How far ahead the slot of a key is fetched from the table, which is
 * too large for the caches, before it is read or written. */
#define AHEAD 16

/* ---- counting ---------------------------------------------------------- */

/* The order in which entries are kept when the table is trimmed: seen in
 * the most documents first, then seen last most recently, then by
 * fingerprint, so that the same table always keeps the same entries. */
static int
keep_order(const void *pa, const void *pb)
{
	const struct bp_entry *a = pa, *b = pb;
	uint64_t da = a->val >> 32, db = b->val >> 32;
	uint32_t la = (uint32_t)a->val, lb = (uint32_t)b->val;

	if (da != db)
		return da > db ? -1 : 1;
	if (la != lb)
		return la > lb ? -1 : 1;
	return (a->key > b->key) - (a->key < b->key);
}

/*
 * Trims the table to |max| entries: those unseen for more than |age| runs
 * go, then, while there are more than |max|, those seen in the fewest
 * documents, the ones seen longest ago first.  Returns 0 or SAFI_ENOMEM
 * (the table is unchanged then).
 */
static int
state_trim(struct bp_state *st, size_t max, unsigned age)
{
	struct bp_entry *keep = NULL;
	size_t i, n = 0;
	uint64_t *v;

	for (i = 0; i < st->seen.cap; i++)
		n += st->seen.e[i].key && st->generation - (uint32_t)st->seen.e[i].val <= age;
	if (n == st->seen.n && n <= max)
		return 0;
	if (n > 0 && (keep = malloc(n * sizeof *keep)) == NULL)
		return SAFI_ENOMEM;
	for (i = 0, n = 0; i < st->seen.cap; i++)
		if (st->seen.e[i].key && st->generation - (uint32_t)st->seen.e[i].val <= age)
			keep[n++] = st->seen.e[i];
	if (n > max) {
		qsort(keep, n, sizeof *keep, keep_order);
		n = max;
	}
	/* Fewer entries than the map held: it does not grow, and no slot
	 * can fail. */
	safi_bp_map_clear(&st->seen);
	for (i = 0; i < n; i++)
		if (safi_bp_map_slot(&st->seen, keep[i].key, &v) == 0)
			*v = keep[i].val;
	free(keep);
	return 0;
}

/* Each distinct line of a document is counted once.  The document's own
 * table of lines (bp_doc.dup) holds them until the next document or the
 * saving of the table, so that a run over a single document never builds
 * it. */
int
safi_bp_state_merge(struct bp_state *st, const struct bp_map *dup, size_t max, unsigned age)
{
	size_t i;
	int err;

	if (!st->unmerged)
		return 0;
	st->unmerged = 0;
	for (i = 0; i < dup->cap; i++) {
		uint64_t *v;

		if (i + AHEAD < dup->cap && dup->e[i + AHEAD].key && st->seen.cap)
			__builtin_prefetch(&st->seen.e[dup->e[i + AHEAD].key & (st->seen.cap - 1)]);
		if (!dup->e[i].key)
			continue;
		if ((err = safi_bp_map_slot(&st->seen, dup->e[i].key, &v)) < 0)
			return err;
		if ((*v >> 32) < 0xFFFFFFFFu)
			*v += (uint64_t)1 << 32;
		*v = (*v & ~(uint64_t)0xFFFFFFFFu) | st->generation;
	}
	/* Trimmed to |max| at twice |max|, so that the table is sorted once
	 * for every |max| new lines, not for every document. */
	return st->seen.n / 2 > max ? state_trim(st, max, age) : 0;
}

void
safi_bp_state_mark_recurring(struct bp_state *st, struct bp_doc *d, unsigned min_docs,
                             int counting)
{
	size_t i;

	/* A line is in this document and in as many as the table counts; a
	 * frozen table (not counting) has counted this document already, or
	 * never will. */
	st->unmerged = counting;
	for (i = 0; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];
		uint64_t docs;

		/* The table is large and read at random: fetch the slot of a
		 * line a few lines ahead while this one is looked up. */
		if (i + AHEAD < d->nlines && st->seen.n)
			__builtin_prefetch(&st->seen.e[d->lines[i + AHEAD].fp & (st->seen.cap - 1)]);
		docs = st->seen.n ? safi_bp_map_get(&st->seen, ln->fp) >> 32 : 0;

		if (ln->kind == K_BLANK)
			continue;
		if (counting && docs < 0xFFFFFFFFu)
			docs++;
		if (docs >= min_docs) {
			ln->kind = K_BAD;
			ln->reason = R_RECURRING;
		}
	}
}

/* ---- the file format --------------------------------------------------- */

/*
 * Text, so that it can be read and mended by hand:
 *
 *   safi-strip-boilerplate-state 1
 *   generation G
 *   entries N
 *   FINGERPRINT DOCS LAST     (N lines: 16 hex digits, decimal, decimal)
 *   checksum C                (16 hex digits: FNV-1a 64 of every byte above)
 */
#define STATE_MAGIC "safi-strip-boilerplate-state 1\n"

/* One more than the value of each byte as a digit: 0-9, a-f (lower case
 * only); 0 for the rest. */
static const unsigned char digit_value[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7,
	['7'] = 8, ['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14,
	['e'] = 15, ['f'] = 16,
};

/* Inline, so that each call has its |base| as a constant. */
static inline int
parse_u64(const char **pp, const char *end, unsigned base, uint64_t *out)
{
	/* v * base + d fits in 64 bits while v < top, or v == top and d <=
	 * top_digit: the test without a division for every digit. */
	const uint64_t top = UINT64_MAX / base;
	const unsigned top_digit = (unsigned)(UINT64_MAX % base);
	const char *p = *pp;
	uint64_t v = 0;

	for (; p < end; p++) {
		unsigned d = digit_value[(unsigned char)*p] - 1u;  /* UINT_MAX for the rest */

		if (d >= base)
			break;
		if (v > top || (v == top && d > top_digit))
			return -1;
		v = v * base + d;
	}
	if (p == *pp)
		return -1;
	*pp = p;
	*out = v;
	return 0;
}

static int
expect(const char **pp, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(end - *pp) < n || memcmp(*pp, lit, n) != 0)
		return -1;
	*pp += n;
	return 0;
}

/*
 * The run counter is at its ceiling, 2^32 - 1: the generations of the
 * table go down by 2^31 - 1, so that every entry keeps its age and the
 * next run has a number.  Entries unseen for 2^31 runs or more are
 * forgotten.  Returns 0 or SAFI_ENOMEM.
 */
static int
renumber(struct bp_map *m, uint64_t *gen)
{
	uint32_t down = 0x7FFFFFFFu;
	struct bp_entry *e;
	size_t i, n = 0;
	uint64_t *v;

	if ((e = malloc((m->n + 1) * sizeof *e)) == NULL)
		return SAFI_ENOMEM;
	for (i = 0; i < m->cap; i++)
		if (m->e[i].key && (uint32_t)m->e[i].val > down)
			e[n++] = m->e[i];
	safi_bp_map_clear(m);
	for (i = 0; i < n; i++)
		if (safi_bp_map_slot(m, e[i].key, &v) == 0)  /* no growth: cannot fail */
			*v = e[i].val - down;
	free(e);
	*gen -= down;
	return 0;
}

/*
 * Reads the file format into a new table |m| and its generation |gen|.
 * Returns 0, SAFI_ENOMEM, or SAFI_ECORRUPT with *why set.
 */
static int
state_parse(const char *data, size_t len, struct bp_map *out, uint64_t *gen_out,
            const char **why)
{
	const char *p = data ? data : "", *start = p, *end = p + len, *q;  /* NULL + 0 is UB */
	uint64_t gen, n, i, sum, h = FNV_OFFSET;
	struct bp_entry pending[AHEAD];
	struct bp_map m = {0};
	int err, repeated = 0;

	if (expect(&p, end, STATE_MAGIC) < 0) {
		*why = "not a strip-boilerplate state file";
		return SAFI_ECORRUPT;
	}
	if (expect(&p, end, "generation ") < 0 || parse_u64(&p, end, 10, &gen) < 0 ||
	    gen > 0xFFFFFFFFu || expect(&p, end, "\nentries ") < 0 ||
	    parse_u64(&p, end, 10, &n) < 0 || expect(&p, end, "\n") < 0) {
		*why = "bad header";
		return SAFI_ECORRUPT;
	}
	if (n > (uint64_t)(end - p) / 6) {  /* "1 1 0\n" is the shortest entry */
		*why = "truncated";
		return SAFI_ECORRUPT;
	}
	if ((err = safi_bp_map_grow(&m, (size_t)n + 1)) < 0)
		return err;
	for (q = start; q < p; q++)
		h = fnv_byte(h, (unsigned char)*q);
	/* Each entry goes into the table AHEAD entries after it was read,
	 * its slot fetched meanwhile.  The table was grown for all of them,
	 * so it does not move under the fetches. */
	for (i = 0; i < n + AHEAD; i++) {
		struct bp_entry *e = &pending[i % AHEAD];
		uint64_t fp, docs, last, *v;

		if (i >= AHEAD) {
			if ((err = safi_bp_map_slot(&m, e->key, &v)) < 0) {
				safi_bp_map_free(&m);
				return err;
			}
			repeated |= *v != 0;
			*v = e->val;
		}
		if (i >= n)
			continue;
		q = p;
		if (parse_u64(&p, end, 16, &fp) < 0 || expect(&p, end, " ") < 0 ||
		    parse_u64(&p, end, 10, &docs) < 0 || expect(&p, end, " ") < 0 ||
		    parse_u64(&p, end, 10, &last) < 0 || expect(&p, end, "\n") < 0 ||
		    fp == 0 || docs == 0 || docs > 0xFFFFFFFFu || last > gen) {
			safi_bp_map_free(&m);
			*why = p >= end ? "truncated" : "malformed entry";
			return SAFI_ECORRUPT;
		}
		/* The checksum is summed as the entries are read, while the
		 * bytes are at hand. */
		for (; q < p; q++)
			h = fnv_byte(h, (unsigned char)*q);
		e->key = fp;
		e->val = docs << 32 | last;
		__builtin_prefetch(&m.e[fp & (m.cap - 1)]);
	}
	if (expect(&p, end, "checksum ") < 0 || parse_u64(&p, end, 16, &sum) < 0 ||
	    expect(&p, end, "\n") < 0 || p != end) {
		safi_bp_map_free(&m);
		*why = p >= end ? "truncated" : "trailing garbage";
		return SAFI_ECORRUPT;
	}
	if (h != sum || repeated) {
		safi_bp_map_free(&m);
		*why = repeated ? "duplicate fingerprint" : "checksum mismatch";
		return SAFI_ECORRUPT;
	}
	if (gen == 0xFFFFFFFFu && (err = renumber(&m, &gen)) < 0) {
		safi_bp_map_free(&m);
		return err;
	}
	*out = m;
	*gen_out = gen;
	return 0;
}

int
safi_bp_state_load(struct bp_state *st, const char *data, size_t len, const char **why)
{
	struct bp_map m = {0};
	uint64_t gen;
	int err;

	*why = "";
	if (len == 0) {
		st->generation++;
		return 0;
	}
	if ((err = state_parse(data, len, &m, &gen, why)) < 0)
		return err;
	safi_bp_map_free(&st->seen);
	st->seen = m;
	st->unmerged = 0;  /* the documents before are forgotten with their table */
	st->generation = (uint32_t)gen + 1;
	return 0;
}

/*
 * The sum of two tables keeps every entry's age: the later generation of
 * the two becomes the table's, the entries of the other move up with it,
 * and an entry in both counts the documents of both and the age of its
 * younger copy.  So the sum of many tables is the same in any order and
 * any grouping.
 */
int
safi_bp_state_add(struct bp_state *st, const char *data, size_t len, const char **why)
{
	struct bp_map m = {0};
	uint64_t gen, *v;
	uint32_t shift;
	size_t i;
	int err;

	*why = "";
	if (len == 0)
		return 0;
	if ((err = state_parse(data, len, &m, &gen, why)) < 0)
		return err;
	if ((err = safi_bp_map_grow(&st->seen, st->seen.n + m.n + 1)) < 0) {
		safi_bp_map_free(&m);
		return err;
	}
	if (gen > st->generation) {
		shift = (uint32_t)gen - st->generation;
		for (i = 0; i < st->seen.cap; i++)
			if (st->seen.e[i].key)
				st->seen.e[i].val += shift;
		st->generation = (uint32_t)gen;
	}
	shift = st->generation - (uint32_t)gen;
	for (i = 0; i < m.cap; i++) {
		uint64_t docs, last;

		if (!m.e[i].key)
			continue;
		/* The table was grown for every entry: no slot can fail. */
		if (safi_bp_map_slot(&st->seen, m.e[i].key, &v) < 0)
			continue;
		docs = (*v >> 32) + (m.e[i].val >> 32);
		if (docs > 0xFFFFFFFFu)
			docs = 0xFFFFFFFFu;
		last = (uint32_t)m.e[i].val + shift;
		if (*v && (uint32_t)*v > last)
			last = (uint32_t)*v;
		*v = docs << 32 | last;
	}
	safi_bp_map_free(&m);
	return 0;
}

size_t
safi_bp_state_size(const struct bp_state *st, const struct bp_map *dup)
{
	size_t i, n = st->seen.n;

	if (st->unmerged)
		for (i = 0; i < dup->cap; i++)
			n += dup->e[i].key && !safi_bp_map_get(&st->seen, dup->e[i].key);
	return n;
}

static void
put_hex16(char *q, uint64_t v)
{
	int k;

	for (k = 15; k >= 0; k--) {
		q[k] = "0123456789abcdef"[v & 15];
		v >>= 4;
	}
}

/* Writes |v| in decimal at |q|; returns the bytes written. */
static size_t
put_decimal(char *q, uint64_t v)
{
	char tmp[24];
	const char *d = safi_bp_decimal(tmp, v);
	size_t n = (size_t)(tmp + 24 - d);

	memcpy(q, d, n);
	return n;
}

/*
 * Sorts the |n| entries of |a| by key, a byte at a time from the lowest
 * (a radix sort: a few passes over the table instead of n log n
 * comparisons), with |tmp| of n entries beside it.  The keys are distinct,
 * so the order is the one comparisons would give.  Returns the array that
 * holds the result, |a| or |tmp|.
 */
static struct bp_entry *
sort_by_key(struct bp_entry *a, struct bp_entry *tmp, size_t n)
{
	size_t count[8][256] = {{0}}, i;
	int pass;

	for (i = 0; i < n; i++)
		for (pass = 0; pass < 8; pass++)
			count[pass][(a[i].key >> (8 * pass)) & 255]++;
	for (pass = 0; pass < 8; pass++) {
		size_t *c = count[pass], sum = 0, b;
		struct bp_entry *t;

		if (c[(a[0].key >> (8 * pass)) & 255] == n)
			continue;  /* every key has the same byte here */
		for (b = 0; b < 256; b++) {
			size_t k = c[b];

			c[b] = sum;
			sum += k;
		}
		for (i = 0; i < n; i++)
			tmp[c[(a[i].key >> (8 * pass)) & 255]++] = a[i];
		t = a, a = tmp, tmp = t;
	}
	return a;
}

#define ENTRY_MAX 39  /* 16 hex digits, two numbers below 2^32, three blanks */

int
safi_bp_state_save(struct bp_state *st, const struct bp_map *dup, size_t max, unsigned age,
                   struct safi_buf *out)
{
	size_t i, n = 0, start = out->len;
	uint64_t h = FNV_OFFSET;
	struct bp_entry *sorted = NULL, *tmp;
	char line[ENTRY_MAX], sum[16];
	int err;

	if ((err = safi_bp_state_merge(st, dup, max, age)) < 0 || (err = state_trim(st, max, age)) < 0)
		return err;
	if ((err = safi_buf_append(out, STATE_MAGIC, strlen(STATE_MAGIC))) < 0 ||
	    (err = safi_buf_append(out, "generation ", 11)) < 0 ||
	    (err = safi_bp_put_number(out, st->generation)) < 0 ||
	    (err = safi_buf_append(out, "\nentries ", 9)) < 0 ||
	    (err = safi_bp_put_number(out, st->seen.n)) < 0 ||
	    (err = safi_buf_putc(out, '\n')) < 0)
		return err;
	for (i = start; i < out->len; i++)
		h = fnv_byte(h, (unsigned char)out->ptr[i]);
	/* In key order, so that the same table gives the same bytes whatever
	 * order its entries came in. */
	if (st->seen.n > 0) {
		if ((sorted = malloc(st->seen.n * sizeof *sorted)) == NULL ||
		    (tmp = malloc(st->seen.n * sizeof *tmp)) == NULL) {
			free(sorted);
			return SAFI_ENOMEM;
		}
		for (i = 0; i < st->seen.cap; i++)
			if (st->seen.e[i].key)
				sorted[n++] = st->seen.e[i];
		/* The array the entries are not in goes before the file
		 * grows, as a sort's scratch space would. */
		if (sort_by_key(sorted, tmp, n) == tmp) {
			free(sorted);
			sorted = tmp;
		} else {
			free(tmp);
		}
	}
	/* Room for the shortest entries ("KEY 1 1\n"), grown if need be. */
	if (n > 0 && (err = safi_buf_reserve(out, n * 21)) < 0) {
		free(sorted);
		return err;
	}
	for (i = 0; i < n; i++) {
		uint64_t v = sorted[i].val;
		size_t k = 16, j;

		put_hex16(line, sorted[i].key);
		line[k++] = ' ';
		k += put_decimal(line + k, v >> 32);
		line[k++] = ' ';
		k += put_decimal(line + k, (uint32_t)v);
		line[k++] = '\n';
		for (j = 0; j < k; j++)
			h = fnv_byte(h, (unsigned char)line[j]);
		if ((err = safi_buf_append(out, line, k)) < 0)
			break;
	}
	free(sorted);
	if (err < 0)
		return err;
	put_hex16(sum, h);
	if ((err = safi_buf_append(out, "checksum ", 9)) < 0 ||
	    (err = safi_buf_append(out, sum, 16)) < 0 || (err = safi_buf_putc(out, '\n')) < 0)
		return err;
	return 0;
}

void
safi_bp_state_free(struct bp_state *st)
{
	safi_bp_map_free(&st->seen);
}
