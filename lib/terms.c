/*
 * terms.c - exact term counts in an arena-backed, seeded hash table.
 *
 * Record layout in the arena: count (8 bytes, unaligned), with
 * SAFI_TERMS_DF the number of the last document that counted it (8
 * bytes), the term's length as a varint, then its bytes.  A slot holds the
 * record's offset + 1 in its low 40 bits (0 is an empty slot) and 24 bits
 * of the hash above them, so most mismatches are rejected without
 * touching the arena.
 */
#include "hash.h"  /* first: it asks for mremap */

#include <stdlib.h>
#include <string.h>

#include "grams.h"
#include "safi/error.h"
#include "safi/terms.h"
#include "safi/words.h"

#define OFF_BITS 40
#define OFF_MASK ((((uint64_t)1) << OFF_BITS) - 1)
#define ARENA_MAX (OFF_MASK - 1)
#define MIN_SLOTS 1024

struct safi_terms {
	unsigned flags;
	uint64_t seed[4];
	uint64_t *slots;
	size_t nslots;    /* a power of two */
	size_t n;         /* distinct terms */
	char *arena;
	size_t alen, acap;
	uint64_t total;
	uint64_t doc;
	int sorted;       /* 1 + the order slots[0..n) hold offsets in, or 0 */
	/* n-grams of a counter, keyed by word ids (see grams.h) while
	 * grams_on; the byte table above is empty then */
	struct grams *g;
	int grams_on;
};

static int leave_grams(struct safi_terms *t);

int
safi_terms_new(struct safi_terms **out, unsigned flags)
{
	struct safi_terms *t = calloc(1, sizeof *t);

	*out = NULL;
	if (t == NULL)
		return SAFI_ENOMEM;
	t->flags = flags;
	t->doc = 1;
	make_seed(t->seed);
	*out = t;
	return 0;
}

void
safi_terms_free(struct safi_terms *t)
{
	if (t == NULL)
		return;
	big_free(t->slots, t->nslots * sizeof *t->slots);
	big_free(t->arena, t->acap);
	grams_free(t->g);
	free(t);
}

static inline size_t
head_len(const struct safi_terms *t)
{
	return (t->flags & SAFI_TERMS_DF) ? 16 : 8;
}

/* Decodes the record at arena offset |off|. */
static inline const char *
record_term(const struct safi_terms *t, uint64_t off, size_t *len)
{
	const unsigned char *p = (const unsigned char *)t->arena + off + head_len(t);
	size_t l = 0;
	int shift = 0;

	if (!(*p & 0x80)) {  /* terms under 128 bytes */
		*len = *p;
		return (const char *)p + 1;
	}
	while (*p & 0x80) {
		l |= (size_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	l |= (size_t)*p++ << shift;
	*len = l;
	return (const char *)p;
}

static inline uint64_t
record_count(const struct safi_terms *t, uint64_t off)
{
	(void)t;
	return rd64((const unsigned char *)t->arena + off);
}

/* Doubles the slot array.  Records are read in arena order (a sequential
 * scan, not a random one through the old slots) and rehashed. */
static int
grow_slots(struct safi_terms *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : MIN_SLOTS, i;
	uint64_t *s = big_alloc(ns * sizeof *s), off;

	if (s == NULL)
		return SAFI_ENOMEM;
	for (i = 0, off = 0; i < t->n; i++) {
		size_t len, j;
		const char *term = record_term(t, off, &len);
		uint64_t h = hash_bytes(t->seed, term, len);

		j = h & (ns - 1);
		while (s[j] != 0)
			j = (j + 1) & (ns - 1);
		s[j] = ((h >> OFF_BITS) << OFF_BITS) | (off + 1);
		off = (uint64_t)(term - t->arena) + len;
	}
	big_free(t->slots, t->nslots * sizeof *t->slots);
	t->slots = s;
	t->nslots = ns;
	return 0;
}

static int
arena_reserve(struct safi_terms *t, size_t extra)
{
	size_t cap;
	char *a;

	if (t->alen + extra <= t->acap)
		return 0;
	if (t->alen + extra > ARENA_MAX)
		return SAFI_ETOOBIG;
	cap = t->acap ? t->acap : (size_t)1 << 20;
	while (cap < t->alen + extra)
		cap *= 2;
	if ((a = big_realloc(t->arena, t->acap, cap)) == NULL)
		return SAFI_ENOMEM;
	t->arena = a;
	t->acap = cap;
	return 0;
}

/* Stores a new term in slot |i| (empty).  Out of line: the common case,
 * a term already in the table, stays a few instructions in the caller. */
static __attribute__((noinline)) int
insert_new(struct safi_terms *t, size_t i, uint64_t tag, const char *term,
           size_t len, uint64_t count)
{
	size_t need, hl;
	unsigned char *p;
	int err;

	hl = head_len(t);
	need = hl + 10 + len + PAD;  /* PAD: see hash_bytes */
	if ((err = arena_reserve(t, need)) < 0)
		return err;
	if (t->flags & SAFI_TERMS_DF)
		count = 1;
	p = (unsigned char *)t->arena + t->alen;
	memcpy(p, &count, 8);
	if (t->flags & SAFI_TERMS_DF)
		memcpy(p + 8, &t->doc, 8);
	p += hl;
	{
		size_t l = len;
		while (l >= 0x80) {
			*p++ = (unsigned char)(l | 0x80);
			l >>= 7;
		}
		*p++ = (unsigned char)l;
	}
	memcpy(p, term, len);
	t->slots[i] = (tag << OFF_BITS) | (t->alen + 1);
	t->alen = (size_t)((char *)p + len - t->arena);
	t->n++;
	{
		int over = 0;

		t->total = sat_add(t->total, count, &over);
	}
	return 0;
}

static inline __attribute__((always_inline)) int
add_hashed(struct safi_terms *t, const char *term, size_t len,
           uint64_t count, uint64_t h)
{
	uint64_t tag, v;
	size_t i;

	tag = h >> OFF_BITS;
	i = h & (t->nslots - 1);
	while ((v = t->slots[i]) != 0) {
		if ((v >> OFF_BITS) == tag) {
			uint64_t off = (v & OFF_MASK) - 1;
			size_t l;
			const char *s = record_term(t, off, &l);

			if (l == len && same_bytes(s, term, len)) {
				unsigned char *r = (unsigned char *)t->arena + off;
				uint64_t c = rd64(r);
				int over = 0;

				if (t->flags & SAFI_TERMS_DF) {
					if (rd64(r + 8) == t->doc)
						return 0;
					memcpy(r + 8, &t->doc, 8);
					count = 1;
				}
				c = sat_add(c, count, &over);
				memcpy(r, &c, 8);
				t->total = sat_add(t->total, count, &over);
				return over;
			}
		}
		i = (i + 1) & (t->nslots - 1);
	}
	return insert_new(t, i, tag, term, len, count);
}

int
safi_terms_add(struct safi_terms *t, const char *term, size_t len,
               uint64_t count)
{
	int err;
	char room[2 * PAD];

	if (term == NULL)
		term = "";  /* an empty term as NULL + 0: no NULL to memcpy() */
	if (t->grams_on && grams_sorted(t->g))
		return SAFI_EINVAL;
	if (t->grams_on && (err = leave_grams(t)) < 0)
		return err;
	if (t->sorted)
		return SAFI_EINVAL;
	if ((t->n + 1) * 10 > t->nslots * 7 && (err = grow_slots(t)) < 0)
		return err;
	term = padded(term, len, room);
	return add_hashed(t, term, len, count, hash_bytes(t->seed, term, len));
}

/* --- n-grams by word ids --- */

/* Puts one term of the gram table in the (empty) byte table, with its
 * count and, for df, the last document that counted it. */
static int
add_converted(void *ctx, const char *term, size_t len, uint64_t count,
              uint64_t doc)
{
	struct safi_terms *t = ctx;
	char room[2 * PAD];
	size_t at = t->alen;
	int err, over = 0;

	if ((t->n + 1) * 10 > t->nslots * 7 && (err = grow_slots(t)) < 0)
		return err;
	term = padded(term, len, room);
	if ((err = add_hashed(t, term, len, 1, hash_bytes(t->seed, term, len))) < 0)
		return err;
	/* the terms are distinct: each made a record at the arena's end */
	memcpy(t->arena + at, &count, 8);
	if (t->flags & SAFI_TERMS_DF)
		memcpy(t->arena + at + 8, &doc, 8);
	t->total = sat_add(t->total - 1, count, &over);
	return 0;
}

/* Turns the terms of the gram table into terms as strings: for a word
 * the gram table cannot hold, a term added as bytes, or a sort it has no
 * memory for. */
static int
leave_grams(struct safi_terms *t)
{
	uint64_t total = t->total;
	int err;

	if (!t->grams_on)
		return 0;
	t->grams_on = 0;
	if ((err = grams_each(t->g, add_converted, t)) < 0) {
		/* the gram table still holds every count: keep to it */
		if (t->slots)
			memset(t->slots, 0, t->nslots * sizeof *t->slots);
		t->n = 0;
		t->alen = 0;
		t->total = total;
		t->grams_on = 1;
		return err;
	}
	grams_clear(t->g);
	return 0;
}

/* Counts in the gram table from now on, if the table is empty. */
static int
enter_grams(struct safi_terms *t)
{
	int err;

	if (t->grams_on)
		return 1;
	if (t->n > 0 || t->sorted)
		return 0;
	if (t->g == NULL && (err = grams_new(&t->g, (t->flags & SAFI_TERMS_DF) != 0,
	                                     t->doc, t->seed)) < 0)
		return err;
	t->grams_on = 1;
	return 1;
}

#define AHEAD_SLOT 20   /* terms hashed and their slots fetched ahead */
#define RING 32         /* a power of two above AHEAD_SLOT */
#define AHEAD_RECORD 10  /* terms whose records are fetched ahead */

/* |padded_ok|: every term of base has PAD readable bytes after it (see
 * hash_bytes); otherwise short terms are copied before they are read. */
static inline __attribute__((always_inline)) int
add_spans(struct safi_terms *t, const char *base, const size_t *spans,
          size_t n, int padded_ok)
{
	uint64_t h[RING];
	char room[2 * PAD];
	size_t k, mask;
	int err;

	if (t->grams_on && grams_sorted(t->g))
		return SAFI_EINVAL;
	if (t->grams_on && (err = leave_grams(t)) < 0)
		return err;
	if (t->sorted)
		return SAFI_EINVAL;
	while ((t->n + n + 1) * 10 > t->nslots * 7)
		if ((err = grow_slots(t)) < 0)
			return err;
	mask = t->nslots - 1;
	/* A software pipeline: hash term k and fetch its slot, fetch the
	 * record of term k - AHEAD_RECORD, add term k - AHEAD_SLOT; the
	 * cache misses of a large table then overlap. */
	for (k = 0; k < n + AHEAD_SLOT; k++) {
		if (k < n) {
			const size_t *sp = spans + 2 * k;
			const char *term = base + sp[0];

			if (!padded_ok)
				term = padded(term, sp[1], room);
			h[k & (RING - 1)] = hash_bytes(t->seed, term, sp[1]);
			__builtin_prefetch(&t->slots[h[k & (RING - 1)] & mask]);
		}
		if (k >= AHEAD_RECORD && k - AHEAD_RECORD < n) {
			uint64_t v = t->slots[h[(k - AHEAD_RECORD) & (RING - 1)] & mask];

			if (v != 0)
				__builtin_prefetch(t->arena + (v & OFF_MASK) - 1);
		}
		if (k >= AHEAD_SLOT) {
			const size_t *sp = spans + 2 * (k - AHEAD_SLOT);
			const char *term = base + sp[0];

			if (!padded_ok)
				term = padded(term, sp[1], room);
			if ((err = add_hashed(t, term, sp[1], 1,
			                      h[(k - AHEAD_SLOT) & (RING - 1)])) < 0)
				return err;
		}
	}
	return 0;
}

int
safi_terms_add_spans(struct safi_terms *t, const char *base,
                     const size_t *spans, size_t n)
{
	return add_spans(t, base, spans, n, 0);
}

int
safi_terms_has(const struct safi_terms *t, const char *term, size_t len)
{
	char room[2 * PAD];
	uint64_t h, tag, v;
	size_t i;

	if (term == NULL)
		term = "";  /* as in safi_terms_add() */
	if (t->grams_on)
		return grams_has(t->g, term, len);
	if (t->n == 0 || t->sorted)
		return 0;
	h = hash_bytes(t->seed, padded(term, len, room), len);
	tag = h >> OFF_BITS;
	i = h & (t->nslots - 1);
	while ((v = t->slots[i]) != 0) {
		if ((v >> OFF_BITS) == tag) {
			size_t l;
			const char *s = record_term(t, (v & OFF_MASK) - 1, &l);

			if (l == len && memcmp(s, term, len) == 0)
				return 1;
		}
		i = (i + 1) & (t->nslots - 1);
	}
	return 0;
}

void
safi_terms_end_doc(struct safi_terms *t)
{
	t->doc++;
	if (t->g)
		grams_end_doc(t->g);
}

size_t
safi_terms_size(const struct safi_terms *t)
{
	return t->grams_on ? grams_size(t->g) : t->n;
}

uint64_t
safi_terms_total(const struct safi_terms *t)
{
	return t->grams_on ? grams_total(t->g) : t->total;
}

size_t
safi_terms_memory(const struct safi_terms *t)
{
	size_t slots = t->nslots * sizeof(uint64_t);

	if (t->grams_on)
		return grams_memory(t->g);

	/* while growing, old and new slot arrays live together; sorting
	 * takes 16 bytes of keys per term */
	if ((t->n + 1) * 10 > t->nslots * 7)
		slots *= 3;
	return t->alen + slots + 16 * t->n;
}

/* The sort: an introsort on the slot array itself (no extra memory), with
 * the comparison inline: count, then the first eight bytes of the terms
 * as a big-endian number, then the rest. */
struct sorter {
	const struct safi_terms *t;
	int by_count;
};

static inline int
cmp_records(const struct sorter *so, uint64_t a, uint64_t b)
{
	const struct safi_terms *t = so->t;
	size_t al, bl;
	const char *as, *bs;
	uint64_t pa, pb;

	if (so->by_count) {
		uint64_t ca = record_count(t, a), cb = record_count(t, b);
		if (ca != cb)
			return ca > cb ? -1 : 1;
	}
	as = record_term(t, a, &al);
	bs = record_term(t, b, &bl);
	pa = prefix8(as, al);
	pb = prefix8(bs, bl);
	if (pa != pb)
		return pa < pb ? -1 : 1;
	return cmp_bytes(as, al, bs, bl);
}

static void
sift_down(const struct sorter *so, uint64_t *v, size_t i, size_t n)
{
	for (;;) {
		size_t c = 2 * i + 1;
		uint64_t tmp;

		if (c >= n)
			return;
		if (c + 1 < n && cmp_records(so, v[c], v[c + 1]) < 0)
			c++;
		if (cmp_records(so, v[i], v[c]) >= 0)
			return;
		tmp = v[i];
		v[i] = v[c];
		v[c] = tmp;
		i = c;
	}
}

static void
heap_sort(const struct sorter *so, uint64_t *v, size_t n)
{
	size_t i;

	for (i = n / 2; i-- > 0;)
		sift_down(so, v, i, n);
	for (i = n; i-- > 1;) {
		uint64_t tmp = v[0];
		v[0] = v[i];
		v[i] = tmp;
		sift_down(so, v, 0, i);
	}
}

static void
intro_sort(const struct sorter *so, uint64_t *v, size_t n, int depth)
{
	while (n > 16) {
		size_t i, j, m = n / 2;
		uint64_t piv, tmp;

		if (depth-- == 0) {
			heap_sort(so, v, n);
			return;
		}
		/* median of three to v[0] */
		if (cmp_records(so, v[m], v[0]) < 0) {
			tmp = v[m]; v[m] = v[0]; v[0] = tmp;
		}
		if (cmp_records(so, v[n - 1], v[m]) < 0) {
			tmp = v[n - 1]; v[n - 1] = v[m]; v[m] = tmp;
			if (cmp_records(so, v[m], v[0]) < 0) {
				tmp = v[m]; v[m] = v[0]; v[0] = tmp;
			}
		}
		tmp = v[m]; v[m] = v[0]; v[0] = tmp;
		piv = v[0];
		i = 0;
		j = n;
		for (;;) {
			do
				i++;
			while (i < n && cmp_records(so, v[i], piv) < 0);
			do
				j--;
			while (cmp_records(so, piv, v[j]) < 0);
			if (i >= j)
				break;
			tmp = v[i]; v[i] = v[j]; v[j] = tmp;
		}
		v[0] = v[j];
		v[j] = piv;
		/* recurse into the smaller part, loop on the larger */
		if (j < n - j - 1) {
			intro_sort(so, v, j, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			intro_sort(so, v + j + 1, n - j - 1, depth);
			n = j;
		}
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		size_t k = i;

		while (k > 0 && cmp_records(so, x, v[k - 1]) < 0) {
			v[k] = v[k - 1];
			k--;
		}
		v[k] = x;
	}
}

/* Sorting one group of equal counts by term through an array of
 * (first eight bytes, offset) keys: most comparisons are then integer
 * comparisons on a sequential array instead of two trips into the arena. */
struct key {
	uint64_t prefix;
	uint64_t off;
};

static inline int
cmp_keys(const struct safi_terms *t, const struct key *a, const struct key *b)
{
	size_t al, bl;
	const char *as, *bs;

	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	as = record_term(t, a->off, &al);
	bs = record_term(t, b->off, &bl);
	return cmp_bytes(as, al, bs, bl);
}

static void
key_sort(const struct safi_terms *t, struct key *v, size_t n, int depth)
{
	while (n > 16) {
		size_t i, j, m = n / 2;
		struct key piv, tmp;

		if (depth-- == 0)
			break;  /* adversarial order: the insertion sort below */
		if (cmp_keys(t, &v[m], &v[0]) < 0) {
			tmp = v[m]; v[m] = v[0]; v[0] = tmp;
		}
		if (cmp_keys(t, &v[n - 1], &v[m]) < 0) {
			tmp = v[n - 1]; v[n - 1] = v[m]; v[m] = tmp;
			if (cmp_keys(t, &v[m], &v[0]) < 0) {
				tmp = v[m]; v[m] = v[0]; v[0] = tmp;
			}
		}
		tmp = v[m]; v[m] = v[0]; v[0] = tmp;
		piv = v[0];
		i = 0;
		j = n;
		for (;;) {
			do
				i++;
			while (i < n && cmp_keys(t, &v[i], &piv) < 0);
			do
				j--;
			while (cmp_keys(t, &piv, &v[j]) < 0);
			if (i >= j)
				break;
			tmp = v[i]; v[i] = v[j]; v[j] = tmp;
		}
		v[0] = v[j];
		v[j] = piv;
		if (j < n - j - 1) {
			key_sort(t, v, j, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			key_sort(t, v + j + 1, n - j - 1, depth);
			n = j;
		}
	}
	if (n > 16) {
		/* depth exhausted: heap sort the keys */
		size_t i, c, r;
		struct key tmp;

		for (i = n / 2; i-- > 0;)
			for (r = i; (c = 2 * r + 1) < n; r = c) {
				if (c + 1 < n && cmp_keys(t, &v[c], &v[c + 1]) < 0)
					c++;
				if (cmp_keys(t, &v[r], &v[c]) >= 0)
					break;
				tmp = v[r]; v[r] = v[c]; v[c] = tmp;
			}
		for (i = n; i-- > 1;) {
			tmp = v[0]; v[0] = v[i]; v[i] = tmp;
			for (r = 0; (c = 2 * r + 1) < i; r = c) {
				if (c + 1 < i && cmp_keys(t, &v[c], &v[c + 1]) < 0)
					c++;
				if (cmp_keys(t, &v[r], &v[c]) >= 0)
					break;
				tmp = v[r]; v[r] = v[c]; v[c] = tmp;
			}
		}
		return;
	}
	for (size_t i = 1; i < n; i++) {
		struct key x = v[i];
		size_t k = i;

		while (k > 0 && cmp_keys(t, &x, &v[k - 1]) < 0) {
			v[k] = v[k - 1];
			k--;
		}
		v[k] = x;
	}
}

/* Sorts keys by their prefixes alone: integer comparisons only. */
static void
prefix_sort(struct key *v, size_t n, int depth)
{
	while (n > 16) {
		size_t i, j, m = n / 2;
		struct key tmp;
		uint64_t piv;

		if (depth-- == 0) {
			/* adversarial order: heap sort */
			size_t r, c;

			for (i = n / 2; i-- > 0;)
				for (r = i; (c = 2 * r + 1) < n; r = c) {
					if (c + 1 < n && v[c].prefix < v[c + 1].prefix)
						c++;
					if (v[r].prefix >= v[c].prefix)
						break;
					tmp = v[r]; v[r] = v[c]; v[c] = tmp;
				}
			for (i = n; i-- > 1;) {
				tmp = v[0]; v[0] = v[i]; v[i] = tmp;
				for (r = 0; (c = 2 * r + 1) < i; r = c) {
					if (c + 1 < i && v[c].prefix < v[c + 1].prefix)
						c++;
					if (v[r].prefix >= v[c].prefix)
						break;
					tmp = v[r]; v[r] = v[c]; v[c] = tmp;
				}
			}
			return;
		}
		if (v[m].prefix < v[0].prefix) {
			tmp = v[m]; v[m] = v[0]; v[0] = tmp;
		}
		if (v[n - 1].prefix < v[m].prefix) {
			tmp = v[n - 1]; v[n - 1] = v[m]; v[m] = tmp;
			if (v[m].prefix < v[0].prefix) {
				tmp = v[m]; v[m] = v[0]; v[0] = tmp;
			}
		}
		tmp = v[m]; v[m] = v[0]; v[0] = tmp;
		piv = v[0].prefix;
		i = 0;
		j = n;
		for (;;) {
			do
				i++;
			while (i < n && v[i].prefix < piv);
			do
				j--;
			while (piv < v[j].prefix);
			if (i >= j)
				break;
			tmp = v[i]; v[i] = v[j]; v[j] = tmp;
		}
		tmp = v[0]; v[0] = v[j]; v[j] = tmp;
		if (j < n - j - 1) {
			prefix_sort(v, j, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			prefix_sort(v + j + 1, n - j - 1, depth);
			n = j;
		}
	}
	for (size_t i = 1; i < n; i++) {
		struct key x = v[i];
		size_t k = i;

		while (k > 0 && x.prefix < v[k - 1].prefix) {
			v[k] = v[k - 1];
			k--;
		}
		v[k] = x;
	}
}

/*
 * A multikey sort: keys hold bytes [at, at + 8) of their terms, all of
 * which share their first |at| bytes.  Sort by those eight bytes; then in
 * each run of equal ones, terms that end within them come first (shorter
 * first: each is a prefix of the longer ones), and the rest are sorted
 * again on their next eight bytes.  The arena is read about once per term
 * per eight common bytes instead of twice per comparison.
 */
static void
multikey_sort(const struct safi_terms *t, struct key *v, size_t n, size_t at,
              int depth)
{
	size_t a = 0, b;

	prefix_sort(v, n, depth);
	for (a = 0; a < n; a = b) {
		size_t nf = 0, i, k;
		struct key tmp;

		for (b = a + 1; b < n && v[b].prefix == v[a].prefix; b++)
			;
		if (b - a < 2)
			continue;
		if (b - a <= 16 || at >= 256) {
			/* few, or a long common prefix: compare whole terms */
			key_sort(t, v + a, b - a, depth);
			continue;
		}
		for (i = a; i < b; i++) {
			size_t len;

			record_term(t, v[i].off, &len);
			if (len <= at + 8) {
				tmp = v[a + nf]; v[a + nf] = v[i]; v[i] = tmp;
				nf++;
			}
		}
		/* the finished ones by length (distinct terms: distinct lengths) */
		for (i = a + 1; i < a + nf; i++) {
			size_t li, lk;

			tmp = v[i];
			record_term(t, tmp.off, &li);
			for (k = i; k > a; k--) {
				record_term(t, v[k - 1].off, &lk);
				if (lk <= li)
					break;
				v[k] = v[k - 1];
			}
			v[k] = tmp;
		}
		for (i = a + nf; i < b; i++) {
			size_t len;
			const char *term = record_term(t, v[i].off, &len);

			v[i].prefix = prefix8(term + at + 8, len - at - 8);
		}
		multikey_sort(t, v + a + nf, b - a - nf, at + 8, depth);
	}
}

/* Sorts offs[0..n) by term; falls back to the in-place sort when the
 * keys cannot be allocated. */
static void
sort_by_term(const struct safi_terms *t, uint64_t *offs, size_t n, int depth)
{
	struct key *keys = malloc(n * sizeof *keys);
	size_t i;

	if (keys == NULL) {
		struct sorter so = {t, 0};
		intro_sort(&so, offs, n, depth);
		return;
	}
	for (i = 0; i < n; i++) {
		size_t len;
		const char *term = record_term(t, offs[i], &len);

		keys[i].prefix = prefix8(term, len);
		keys[i].off = offs[i];
	}
	multikey_sort(t, keys, n, 0, depth);
	for (i = 0; i < n; i++)
		offs[i] = keys[i].off;
	free(keys);
}

#define SMALL_COUNTS 4096

/* The arena offset of the record after the one at |off|. */
static inline uint64_t
record_next(const struct safi_terms *t, uint64_t off)
{
	size_t len;
	const char *term = record_term(t, off, &len);

	return (uint64_t)(term - t->arena) + len;
}

int
safi_terms_sort(struct safi_terms *t, enum safi_terms_order order)
{
	struct sorter so = {t, 1};
	size_t n, i, k, depth = 2, *start;
	uint64_t off;
	int err;

	if (t->grams_on) {
		if ((err = grams_sort(t->g, order == SAFI_TERMS_BY_COUNT)) == 0)
			return 0;
		/* the terms as strings: they take a sort by term, which needs
		 * less than one by count, and the sort of strings never fails */
		if ((err = leave_grams(t)) < 0)
			return err;
	}
	n = t->n;
	if (t->sorted == 1 + (int)order)
		return 0;
	for (k = n; k > 1; k >>= 1)
		depth += 2;
	if (order == SAFI_TERMS_BY_TERM || n < 2 ||
	    (start = calloc(SMALL_COUNTS + 1, sizeof *start)) == NULL) {
		if (!t->sorted) {
			for (i = 0, off = 0; i < n; i++, off = record_next(t, off))
				t->slots[i] = off;
		}
		t->sorted = 1 + (int)order;
		so.by_count = order == SAFI_TERMS_BY_COUNT;
		if (so.by_count)
			intro_sort(&so, t->slots, n, (int)depth);
		else
			sort_by_term(t, t->slots, n, (int)depth);
		return 0;
	}
	/* By count: a counting sort on the counts below SMALL_COUNTS (most
	 * terms), reading the arena in order, then each group of equal
	 * counts sorted by term; the few larger counts are sorted whole. */
	for (i = 0, off = 0; i < n; i++, off = record_next(t, off)) {
		uint64_t c = record_count(t, off);
		start[c < SMALL_COUNTS ? SMALL_COUNTS - c : 0]++;
	}
	for (i = 0, k = 0; i <= SMALL_COUNTS; i++) {
		size_t m = start[i];
		start[i] = k;
		k += m;
	}
	for (i = 0, off = 0; i < n; i++, off = record_next(t, off)) {
		uint64_t c = record_count(t, off);
		t->slots[start[c < SMALL_COUNTS ? SMALL_COUNTS - c : 0]++] = off;
	}
	t->sorted = 1 + (int)order;
	/* start[g] is now the end of group g */
	for (i = 0, k = 0; i <= SMALL_COUNTS; i++) {
		if (start[i] - k > 1 && i == 0)
			intro_sort(&so, t->slots + k, start[i] - k, (int)depth);
		else if (start[i] - k > 1)
			sort_by_term(t, t->slots + k, start[i] - k, (int)depth);
		k = start[i];
	}
	free(start);
	return 0;
}

void
safi_terms_get(const struct safi_terms *t, size_t i, const char **term,
               size_t *len, uint64_t *count)
{
	uint64_t off;

	if (t->grams_on) {
		grams_get(t->g, i, term, len, count);
		return;
	}
	off = t->slots[i];

	/* Records are read in sorted order, all over the arena: fetch the
	 * one a sequential reader will want a few calls from now. */
	if (i + 16 < t->n)
		__builtin_prefetch(t->arena + t->slots[i + 16]);
	*term = record_term(t, off, len);
	*count = record_count(t, off);
}

void
safi_terms_clear(struct safi_terms *t)
{
	if (t->g)
		grams_clear(t->g);
	if (t->slots)
		memset(t->slots, 0, t->nslots * sizeof *t->slots);
	t->n = 0;
	t->alen = 0;
	t->total = 0;
	t->sorted = 0;
}

static size_t
put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

int
safi_terms_put_record(struct safi_writer *w, const char *term, size_t len,
                      uint64_t count)
{
	unsigned char head[20];
	size_t n = put_varint(head, count);

	n += put_varint(head + n, len);
	if (safi_writer_put(w, head, n) < 0 || safi_writer_put(w, term, len) < 0)
		return SAFI_EIO;
	return 0;
}

int
safi_terms_write_run(struct safi_terms *t, struct safi_writer *w)
{
	size_t i, n;
	int err;

	if ((err = safi_terms_sort(t, SAFI_TERMS_BY_TERM)) < 0)
		return err;
	n = safi_terms_size(t);
	for (i = 0; i < n; i++) {
		const char *term;
		size_t len;
		uint64_t count;

		safi_terms_get(t, i, &term, &len, &count);
		if ((err = safi_terms_put_record(w, term, len, count)) < 0)
			return err;
	}
	safi_terms_clear(t);
	return 0;
}

/* --- merging runs --- */

struct run_src {
	safi_read_fn fn;
	void *ctx;
	char *buf;
	size_t cap, start, end;
	int eof;
	/* current record */
	const char *term;
	size_t len;
	uint64_t count;
};

struct safi_terms_merger {
	enum safi_terms_order order;
	size_t n, live;
	struct run_src *src;
	size_t *heap;        /* indexes of sources with a current record */
	struct safi_buf cur; /* the term handed out */
};

#define SRC_BLOCK 65536

static int
src_fill(struct run_src *s)
{
	long r;

	if (s->start > 0) {
		memmove(s->buf, s->buf + s->start, s->end - s->start);
		s->end -= s->start;
		s->start = 0;
	}
	if (s->end == s->cap) {
		size_t cap = s->cap * 2;
		char *b = realloc(s->buf, cap);
		if (b == NULL)
			return SAFI_ENOMEM;
		s->buf = b;
		s->cap = cap;
	}
	r = s->fn(s->ctx, s->buf + s->end, s->cap - s->end);
	if (r < 0)
		return SAFI_EIO;
	if (r == 0)
		s->eof = 1;
	s->end += (size_t)r;
	return 0;
}

/* Reads the varint at buf[*i..end); 1 done, 0 needs more bytes, <0 bad. */
static int
get_varint(const char *buf, size_t *i, size_t end, uint64_t *v)
{
	uint64_t x = 0;
	int shift = 0;
	size_t k = *i;

	for (;;) {
		unsigned char b;

		if (k >= end)
			return 0;
		b = (unsigned char)buf[k++];
		if (shift > 63)
			return SAFI_ECORRUPT;
		x |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			break;
		shift += 7;
	}
	*i = k;
	*v = x;
	return 1;
}

/* Loads the next record of |s|: 1, 0 at its end, or an error. */
static int
src_next(struct run_src *s)
{
	for (;;) {
		size_t i = s->start;
		uint64_t count, len;
		int r = get_varint(s->buf, &i, s->end, &count), err;

		if (r > 0)
			r = get_varint(s->buf, &i, s->end, &len);
		if (r < 0)
			return r;
		if (r > 0 && len <= s->end - i) {
			s->count = count;
			s->term = s->buf + i;
			s->len = (size_t)len;
			s->start = i + (size_t)len;
			return 1;
		}
		if (s->eof)
			return s->start == s->end ? 0 : SAFI_ECORRUPT;
		if ((err = src_fill(s)) < 0)
			return err;
	}
}

static int
src_less(const struct safi_terms_merger *m, size_t x, size_t y)
{
	const struct run_src *a = &m->src[x], *b = &m->src[y];
	int c;

	if (m->order == SAFI_TERMS_BY_COUNT && a->count != b->count)
		return a->count > b->count;
	c = cmp_bytes(a->term, a->len, b->term, b->len);
	if (c != 0)
		return c < 0;
	return x < y;
}

static void
heap_down(struct safi_terms_merger *m, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, best = i, tmp;

		if (l < m->live && src_less(m, m->heap[l], m->heap[best]))
			best = l;
		if (r < m->live && src_less(m, m->heap[r], m->heap[best]))
			best = r;
		if (best == i)
			return;
		tmp = m->heap[i];
		m->heap[i] = m->heap[best];
		m->heap[best] = tmp;
		i = best;
	}
}

int
safi_terms_merger_new(struct safi_terms_merger **out,
                      enum safi_terms_order order, size_t n,
                      safi_read_fn const *fns, void *const *ctxs)
{
	struct safi_terms_merger *m = calloc(1, sizeof *m);
	size_t i;
	int err = 0;

	*out = NULL;
	if (m == NULL)
		return SAFI_ENOMEM;
	m->order = order;
	m->n = n;
	m->src = calloc(n ? n : 1, sizeof *m->src);
	m->heap = calloc(n ? n : 1, sizeof *m->heap);
	if (m->src == NULL || m->heap == NULL) {
		safi_terms_merger_free(m);
		return SAFI_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		struct run_src *s = &m->src[i];
		int r;

		s->fn = fns[i];
		s->ctx = ctxs[i];
		s->cap = SRC_BLOCK;
		if ((s->buf = malloc(s->cap)) == NULL) {
			err = SAFI_ENOMEM;
			break;
		}
		if ((r = src_next(s)) < 0) {
			err = r;
			break;
		}
		if (r > 0)
			m->heap[m->live++] = i;
	}
	if (err < 0) {
		safi_terms_merger_free(m);
		return err;
	}
	for (i = m->live; i-- > 0;)
		heap_down(m, i);
	*out = m;
	return 0;
}

int
safi_terms_merger_next(struct safi_terms_merger *m, const char **term,
                       size_t *len, uint64_t *count)
{
	uint64_t sum;
	int r, over = 0;

	if (m->live == 0)
		return 0;
	{
		struct run_src *s = &m->src[m->heap[0]];

		m->cur.len = 0;
		if (safi_buf_append(&m->cur, s->term, s->len) < 0)
			return SAFI_ENOMEM;
		sum = s->count;
	}
	for (;;) {
		struct run_src *s = &m->src[m->heap[0]];

		if ((r = src_next(s)) < 0)
			return r;
		if (r == 0)
			m->heap[0] = m->heap[--m->live];
		if (m->live == 0)
			break;
		heap_down(m, 0);
		if (m->order != SAFI_TERMS_BY_TERM)
			break;
		s = &m->src[m->heap[0]];
		if (s->len != m->cur.len || memcmp(s->term, m->cur.ptr, s->len) != 0)
			break;
		sum = sat_add(sum, s->count, &over);
	}
	*term = m->cur.ptr ? m->cur.ptr : "";
	*len = m->cur.len;
	*count = sum;
	return over ? 2 : 1;
}

void
safi_terms_merger_free(struct safi_terms_merger *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; m->src && i < m->n; i++)  /* src is NULL if its calloc failed */
		free(m->src[i].buf);
	free(m->src);
	free(m->heap);
	safi_buf_free(&m->cur);
	free(m);
}

/* --- text lines --- */

static int
parse_count(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || n > 20)
		return SAFI_EINVAL;
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';
		if (d > 9 || v > (UINT64_MAX - d) / 10)
			return SAFI_EINVAL;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

int
safi_terms_parse_line(const char *s, size_t len, int key_first,
                      const char **term, size_t *tlen, uint64_t *count)
{
	const char *tab;

	if (key_first) {
		/* the term holds no TAB, so the last TAB is the one */
		tab = NULL;
		for (size_t i = len; i-- > 0;)
			if (s[i] == '\t') {
				tab = s + i;
				break;
			}
		if (tab == NULL || tab == s)
			return SAFI_EINVAL;
		*term = s;
		*tlen = (size_t)(tab - s);
		return parse_count(tab + 1, len - (size_t)(tab - s) - 1, count);
	}
	tab = memchr(s, '\t', len);
	if (tab == NULL || tab + 1 == s + len)
		return SAFI_EINVAL;
	*term = tab + 1;
	*tlen = len - (size_t)(tab - s) - 1;
	return parse_count(s, (size_t)(tab - s), count);
}

/* Writes count in decimal, then |end|, at p (21 bytes); returns the
 * length. */
static inline size_t
put_count(char *p, uint64_t count, char end)
{
	size_t n = 1, k;
	uint64_t c;

	for (c = count; c >= 10; c /= 10)
		n++;
	p[n] = end;
	for (k = n; k-- > 0; count /= 10)
		p[k] = (char)('0' + count % 10);
	return n + 1;
}

int
safi_terms_format_line(struct safi_buf *out, const char *term, size_t len,
                       uint64_t count, int key_first)
{
	int err;

	if ((err = safi_buf_reserve(out, len + 24)) < 0)
		return err;
	if (key_first) {
		memcpy(out->ptr + out->len, term, len);
		out->ptr[out->len + len] = '\t';
		out->len += len + 1;
		out->len += put_count(out->ptr + out->len, count, '\n');
	} else {
		out->len += put_count(out->ptr + out->len, count, '\t');
		memcpy(out->ptr + out->len, term, len);
		out->ptr[out->len + len] = '\n';
		out->len += len + 1;
	}
	return 0;
}

int
safi_terms_format(const struct safi_terms *t, size_t i, int key_first,
                  struct safi_buf *out, uint64_t *count)
{
	const char *term;
	size_t len, need;
	char *p;
	int err;

	if (!t->grams_on) {
		safi_terms_get(t, i, &term, &len, count);
		return safi_terms_format_line(out, term, len, *count, key_first);
	}
	/* n-grams are spelled into the line: no copy */
	need = grams_room(t->g) + 24;
	if (out->cap - out->len < need && (err = safi_buf_reserve(out, need)) < 0)
		return err;
	p = out->ptr + out->len;
	*count = grams_count_of(t->g, i);
	if (key_first) {
		len = grams_spell(t->g, i, p);
		p[len++] = '\t';
		len += put_count(p + len, *count, '\n');
	} else {
		len = put_count(p, *count, '\t');
		len += grams_spell(t->g, i, p + len);
		p[len++] = '\n';
	}
	out->len += len;
	return 0;
}

/* --- lines to terms --- */

struct safi_counter {
	struct safi_terms *t;
	struct safi_counter_opts o;
	struct safi_words *words;
	struct safi_buf folded;  /* the words of the line, folded */
	size_t *spans;           /* start, end of each word in folded; BREAK, BREAK a break */
	size_t nspans, capspans;
	struct safi_buf gram;
	struct safi_word_spans wspans;  /* the words of a line */
	struct safi_buf batch;   /* terms waiting to be added */
	size_t *bspans;          /* start, length of each in batch */
	size_t nbatch, capbatch;
	uint64_t dropped;
	struct safi_buf carry;   /* a line's text since its last sure word break */
	size_t max_stretch;      /* the most of it held */
	size_t carried;          /* n-grams: words kept from the line's text before */
	int use_grams;           /* n-grams: count them by word ids */
	/* n-grams by word ids: the words of texts waiting to be interned
	 * (PAD readable bytes after each), start and end of each in gwords,
	 * the runs of words between breaks (room for capgw of each: a run
	 * holds a word at least) */
	struct safi_buf gwords;
	size_t *gspans, ngw, capgw;
	struct gram_run *gruns;
	size_t ngruns;
	uint32_t *ids;           /* their ids, */
	const char **wptr;       /* where each is */
	size_t *wlen, capids;
};

/* A run of words of a text, gspans[start .. start + n), whose n-grams
 * that end at its words from |from| on are new (the ones before were
 * counted with the text before). */
struct gram_run {
	size_t start, n, from;
};

/* Words queued for the gram table: the misses of interning them overlap
 * across texts (a line has ten-odd words). */
#define GRAM_BATCH_WORDS 4096
#define GRAM_BATCH_BYTES 65536

/* Text kept from the pieces of a line while no word break is sure in it. */
#define CARRY_DEFAULT ((size_t)16 << 20)
#define CARRY_MIN ((size_t)4 << 10)

#define BATCH_TERMS 512
#define BATCH_BYTES 65536

int
safi_counter_new(struct safi_counter **out, struct safi_terms *t,
                 const struct safi_counter_opts *opts)
{
	struct safi_counter *c;
	int err;

	*out = NULL;
	if ((c = calloc(1, sizeof *c)) == NULL)
		return SAFI_ENOMEM;
	c->t = t;
	if (opts)
		c->o = *opts;
	if (c->o.min_n == 0 && c->o.max_n == 0)
		c->o.min_n = c->o.max_n = 1;
	if (c->o.min_n == 0 || c->o.max_n < c->o.min_n || c->o.max_n > 64) {
		free(c);
		return SAFI_EINVAL;
	}
	c->use_grams = c->o.max_n >= 2 && c->o.max_n <= GRAMS_MAX_N;
	safi_counter_set_stretch(c, 0);
	if ((err = safi_words_new(&c->words, 0)) < 0) {
		free(c);
		return err;
	}
	*out = c;
	return 0;
}

void
safi_counter_free(struct safi_counter *c)
{
	if (c == NULL)
		return;
	safi_words_free(c->words);
	safi_buf_free(&c->folded);
	safi_buf_free(&c->gram);
	safi_buf_free(&c->batch);
	safi_buf_free(&c->carry);
	safi_buf_free(&c->gwords);
	free(c->gspans);
	free(c->gruns);
	free(c->ids);
	free(c->wptr);
	free(c->wlen);
	safi_word_spans_free(&c->wspans);
	free(c->bspans);
	free(c->spans);
	free(c);
}

int
safi_counter_end_doc(struct safi_counter *c)
{
	int err = safi_counter_flush(c);

	safi_terms_end_doc(c->t);
	return err;
}

uint64_t
safi_counter_dropped(const struct safi_counter *c)
{
	return c->dropped;
}

static size_t
count_cps(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

#define BREAK ((size_t)-1)

static int
push_span(struct safi_counter *c, size_t start, size_t end)
{
	if (c->nspans == c->capspans) {
		size_t cap = c->capspans ? c->capspans * 2 : 64;
		size_t *e = realloc(c->spans, cap * 2 * sizeof *e);
		if (e == NULL)
			return SAFI_ENOMEM;
		c->spans = e;
		c->capspans = cap;
	}
	c->spans[2 * c->nspans] = start;
	c->spans[2 * c->nspans + 1] = end;
	c->nspans++;
	return 0;
}

/* Folds and filters one word; leaves it in folded[start..len) or drops it. */
static int
take_word(struct safi_counter *c, const char *w, size_t len, int *kept)
{
	size_t start = c->folded.len;
	int err;

	*kept = 0;
	if (c->o.fold) {
		if ((err = c->o.fold(c->o.fold_ctx, w, len, &c->folded)) < 0)
			return err;
	} else if ((err = safi_buf_append(&c->folded, w, len)) < 0) {
		return err;
	}
	w = c->folded.ptr + start;
	len = c->folded.len - start;
	if (len == 0 ||
	    (c->o.min_length && count_cps(w, len) < c->o.min_length) ||
	    (c->o.stop && safi_terms_has(c->o.stop, w, len))) {
		c->folded.len = start;
		c->dropped++;
		return 0;
	}
	*kept = 1;
	return 0;
}

/* Adds the queued terms (strings) to the table. */
static int
flush_terms(struct safi_counter *c)
{
	int err = 0;

	if (c->nbatch > 0)
		err = add_spans(c->t, c->batch.ptr, c->bspans, c->nbatch, 1);
	c->nbatch = 0;
	c->batch.len = 0;
	return err;
}

static int flush_grams(struct safi_counter *c);

int
safi_counter_flush(struct safi_counter *c)
{
	int err = flush_grams(c);

	return err < 0 ? err : flush_terms(c);
}

/* Queues a term; terms are added in batches, whose memory accesses
 * overlap (see safi_terms_add_spans). */
static inline int
queue_term(struct safi_counter *c, const char *w, size_t len)
{
	int err;

	if (c->nbatch == c->capbatch) {
		size_t cap = c->capbatch ? c->capbatch * 2 : BATCH_TERMS;
		size_t *e = realloc(c->bspans, cap * 2 * sizeof *e);
		if (e == NULL)
			return SAFI_ENOMEM;
		c->bspans = e;
		c->capbatch = cap;
	}
	if (c->batch.cap - c->batch.len < len + PAD &&
	    (err = safi_buf_reserve(&c->batch, len + PAD)) < 0)
		return err;
	if (len > 0)
		memcpy(c->batch.ptr + c->batch.len, w, len);
	c->batch.len += len;
	c->bspans[2 * c->nbatch] = c->batch.len - len;
	c->bspans[2 * c->nbatch + 1] = len;
	c->nbatch++;
	if (c->nbatch >= BATCH_TERMS || c->batch.len >= BATCH_BYTES)
		return flush_terms(c);
	return 0;
}

/* Queues the words of a line, spans v[0..2n), n > 0: one copy of the
 * bytes from the first word to the last rather than one per word. */
static int
queue_line_words(struct safi_counter *c, const char *s, const size_t *v,
                 size_t n)
{
	size_t from = v[0], to = v[2 * n - 2] + v[2 * n - 1], base, i;
	size_t *b;
	int err;

	while (c->capbatch - c->nbatch < n) {
		size_t cap = c->capbatch ? c->capbatch * 2 : BATCH_TERMS;
		size_t *e = realloc(c->bspans, cap * 2 * sizeof *e);
		if (e == NULL)
			return SAFI_ENOMEM;
		c->bspans = e;
		c->capbatch = cap;
	}
	if (c->batch.cap - c->batch.len < to - from + PAD &&
	    (err = safi_buf_reserve(&c->batch, to - from + PAD)) < 0)
		return err;
	memcpy(c->batch.ptr + c->batch.len, s + from, to - from);
	base = c->batch.len - from;  /* wraps around when from > len: fine */
	c->batch.len += to - from;
	b = c->bspans + 2 * c->nbatch;
	for (i = 0; i < n; i++) {
		b[2 * i] = base + v[2 * i];
		b[2 * i + 1] = v[2 * i + 1];
	}
	c->nbatch += n;
	if (c->nbatch >= BATCH_TERMS || c->batch.len >= BATCH_BYTES)
		return flush_terms(c);
	return 0;
}

static int
on_unigram(void *ctx, const char *w, size_t len, int is_word)
{
	struct safi_counter *c = ctx;
	int kept, err;

	(void)is_word;
	if (!c->o.fold && !c->o.min_length && !c->o.stop)
		return queue_term(c, w, len);
	c->folded.len = 0;
	if ((err = take_word(c, w, len, &kept)) < 0 || !kept)
		return err;
	return queue_term(c, c->folded.ptr, c->folded.len);
}

static int
on_ngram_word(void *ctx, const char *w, size_t len, int is_word)
{
	struct safi_counter *c = ctx;
	size_t start = c->folded.len;
	int kept, err;

	(void)is_word;
	if ((err = take_word(c, w, len, &kept)) < 0)
		return err;
	if (!kept)
		return push_span(c, BREAK, BREAK);
	return push_span(c, start, c->folded.len);
}

/* Keeps the last words (up to max_n - 1, none across a break) of the
 * text counted so far for the n-grams that go on in the next text of the
 * same line. */
static void
carry_words(struct safi_counter *c)
{
	size_t keep = c->o.max_n - 1, from, i, base;

	from = c->nspans > keep ? c->nspans - keep : 0;
	for (i = c->nspans; i > from; i--)
		if (c->spans[2 * (i - 1)] == BREAK)
			break;
	from = i;
	base = from < c->nspans ? c->spans[2 * from] : c->folded.len;
	memmove(c->folded.ptr, c->folded.ptr + base, c->folded.len - base);
	c->folded.len -= base;
	for (i = from; i < c->nspans; i++) {
		c->spans[2 * (i - from)] = c->spans[2 * i] - base;
		c->spans[2 * (i - from) + 1] = c->spans[2 * i + 1] - base;
	}
	c->nspans -= from;
	c->carried = c->nspans;
}

/* Keeps words[from..n) (bytes in words, spans in spans as the ngram path
 * keeps them) as the carried words: the first c->nspans of them are in
 * folded, the rest in s at wspans (the fast way) or in folded too. */
static int
keep_grams(struct safi_counter *c, const char *s, size_t nc, int fast,
           size_t from, size_t n)
{
	size_t i;
	int err;

	if (c->capspans < n - from) {
		size_t *e = realloc(c->spans, 2 * (n - from + 64) * sizeof *e);

		if (e == NULL)
			return SAFI_ENOMEM;
		c->spans = e;
		c->capspans = n - from + 64;
	}
	c->gram.len = 0;
	for (i = from; i < n; i++) {
		const char *p;
		size_t l;

		if (i < nc || !fast) {
			p = c->folded.ptr + c->spans[2 * i];
			l = c->spans[2 * i + 1] - c->spans[2 * i];
		} else {
			p = s + c->wspans.v[2 * (i - nc)];
			l = c->wspans.v[2 * (i - nc) + 1];
		}
		if ((err = safi_buf_append(&c->gram, p, l)) < 0)
			return err;
	}
	c->folded.len = 0;
	c->nspans = 0;
	if ((err = safi_buf_append(&c->folded, c->gram.ptr, c->gram.len)) < 0)
		return err;
	{
		size_t at = 0;

		for (i = from; i < n; i++) {
			size_t l = (i < nc || !fast) ?
			           c->spans[2 * i + 1] - c->spans[2 * i] :
			           c->wspans.v[2 * (i - nc) + 1];

			/* spans[] is rewritten behind where it is read */
			c->spans[2 * (i - from)] = at;
			c->spans[2 * (i - from) + 1] = at + l;
			at += l;
		}
	}
	c->nspans = c->carried = n - from;
	return 0;
}

/* Queues the n-grams, as strings, of the run of n words base[spans[2k] ..
 * spans[2k + 1]) that end at its word |from| or later. */
static int
queue_run(struct safi_counter *c, const char *base, const size_t *spans,
          size_t n, size_t from)
{
	size_t i, k;
	unsigned m;
	int err;

	for (i = from; i < n; i++) {
		for (m = c->o.min_n; m <= c->o.max_n && m <= i + 1; m++) {
			c->gram.len = 0;
			for (k = i + 1 - m; k <= i; k++) {
				if (k > i + 1 - m && (err = safi_buf_putc(&c->gram, ' ')) < 0)
					return err;
				if ((err = safi_buf_append(&c->gram, base + spans[2 * k],
				                           spans[2 * k + 1] - spans[2 * k])) < 0)
					return err;
			}
			if ((err = queue_term(c, c->gram.ptr, c->gram.len)) < 0)
				return err;
		}
	}
	return 0;
}

/*
 * Interns the queued words in the gram table and counts the n-grams of
 * their runs.  A word the table cannot hold (a fold can make a space)
 * turns the table into strings: the runs from the one that holds it on
 * are counted as strings, as is all that follows.
 */
static int
flush_grams(struct safi_counter *c)
{
	struct grams *g = c->t->g;
	size_t n = c->ngw, done = 0, r, k;
	int err = 0;

	if (c->ngruns == 0)
		goto out;
	if (c->t->grams_on && grams_sorted(g)) {
		err = SAFI_EINVAL;  /* no counts until cleared */
		goto out;
	}
	if (n > c->capids) {
		size_t cap = n + n / 2;
		uint32_t *ids = realloc(c->ids, cap * sizeof *ids);
		const char **wp = ids ? realloc(c->wptr, cap * sizeof *wp) : NULL;
		size_t *wl = wp ? realloc(c->wlen, cap * sizeof *wl) : NULL;

		if (ids)
			c->ids = ids;
		if (wp)
			c->wptr = wp;
		if (wl == NULL) {
			err = SAFI_ENOMEM;
			goto out;
		}
		c->wlen = wl;
		c->capids = cap;
	}
	for (k = 0; k < n; k++) {
		c->wptr[k] = c->gwords.ptr + c->gspans[2 * k];
		c->wlen[k] = c->gspans[2 * k + 1] - c->gspans[2 * k];
	}
	if (c->t->grams_on &&
	    (err = grams_words(g, c->wptr, c->wlen, n, c->ids, &done)) < 0 &&
	    err != SAFI_EINVAL)
		goto out;
	for (r = 0; r < c->ngruns; r++) {
		const struct gram_run *run = &c->gruns[r];

		if (c->t->grams_on && run->start + run->n <= done) {
			err = grams_count(g, c->ids + run->start, run->n, run->from,
			                  c->o.min_n, c->o.max_n);
		} else {
			c->use_grams = 0;
			if ((err = leave_grams(c->t)) == 0)
				err = queue_run(c, c->gwords.ptr, c->gspans + 2 * run->start,
				                run->n, run->from);
		}
		if (err < 0)
			break;
	}
out:
	c->ngw = 0;
	c->ngruns = 0;
	c->gwords.len = 0;
	return err;
}

/*
 * The n-gram way of count_text: the words of the text (those carried from
 * the line's text before first, in folded) are queued for the gram
 * table, with the runs between breaks that end in a new word.
 */
static int
count_grams(struct safi_counter *c, const char *s, size_t len, int last)
{
	size_t nc = c->nspans, nw, i, a, from, fend, sfrom = 0, sto = 0, fbase, sbase;
	int fast = !c->o.fold && !c->o.min_length && !c->o.stop, err;

	if (fast) {
		if ((err = safi_words_spans(c->words, s, len, &c->wspans)) < 0)
			return err;
		nw = nc + c->wspans.n;
		if (c->wspans.n) {
			sfrom = c->wspans.v[0];
			sto = c->wspans.v[2 * c->wspans.n - 2] + c->wspans.v[2 * c->wspans.n - 1];
		}
		fend = nc ? c->spans[2 * nc - 1] : 0;
	} else {
		c->folded.len = nc ? c->spans[2 * nc - 1] : 0;
		if ((err = safi_words_each(c->words, s, len, on_ngram_word, c)) < 0)
			return err;
		nw = c->nspans;
		fend = c->folded.len;
	}
	if (c->capgw - c->ngw < nw) {
		size_t cap = c->ngw + nw + GRAM_BATCH_WORDS;
		size_t *e = realloc(c->gspans, 2 * cap * sizeof *e);
		struct gram_run *r;

		if (e == NULL)
			return SAFI_ENOMEM;
		c->gspans = e;
		if ((r = realloc(c->gruns, cap * sizeof *r)) == NULL)
			return SAFI_ENOMEM;
		c->gruns = r;
		c->capgw = cap;
	}
	/* the bytes: folded's words, then the text's from its first word to
	 * its last, with room to read past the last */
	if ((err = safi_buf_reserve(&c->gwords, fend + (sto - sfrom) + PAD)) < 0)
		return err;
	fbase = c->gwords.len;
	if (fend)
		memcpy(c->gwords.ptr + fbase, c->folded.ptr, fend);
	sbase = fbase + fend - sfrom;  /* wraps around when sfrom > it: fine */
	if (sto > sfrom)
		memcpy(c->gwords.ptr + fbase + fend, s + sfrom, sto - sfrom);
	c->gwords.len += fend + (sto - sfrom);
	for (i = 0, a = c->ngw; i <= nw; i++) {
		size_t *sp;

		if (i == nw || ((i < nc || !fast) && c->spans[2 * i] == BREAK)) {
			/* the end of a run: its n-grams that end after the
			 * carried words are new */
			size_t first = i - (c->ngw - a);

			if (c->ngw > a && i > nc) {
				struct gram_run *run = &c->gruns[c->ngruns++];

				run->start = a;
				run->n = c->ngw - a;
				run->from = nc > first ? nc - first : 0;
			} else {
				c->ngw = a;  /* a run of carried words only */
			}
			a = c->ngw;
			continue;
		}
		sp = c->gspans + 2 * c->ngw;
		if (i < nc || !fast) {
			sp[0] = fbase + c->spans[2 * i];
			sp[1] = fbase + c->spans[2 * i + 1];
		} else {
			sp[0] = sbase + c->wspans.v[2 * (i - nc)];
			sp[1] = sp[0] + c->wspans.v[2 * (i - nc) + 1];
		}
		c->ngw++;
	}
	if (last) {
		c->nspans = c->carried = 0;
		c->folded.len = 0;
	} else {
		/* the last max_n - 1 words since a break go on with the line */
		from = nw > c->o.max_n - 1 ? nw - (c->o.max_n - 1) : 0;
		for (i = nw; i > from; i--)
			if ((i - 1 < nc || !fast) && c->spans[2 * (i - 1)] == BREAK)
				break;
		if ((err = keep_grams(c, s, nc, fast, i, nw)) < 0)
			return err;
	}
	if (c->ngw >= GRAM_BATCH_WORDS || c->gwords.len >= GRAM_BATCH_BYTES)
		return flush_grams(c);
	return 0;
}

/* Counts s[0..len), text of one line that ends at a sure word break
 * (|last|: the line ends there). */
static int
count_text(struct safi_counter *c, const char *s, size_t len, int last)
{
	size_t i, first = 0;   /* index of the first word since a break */
	int err;

	if (c->use_grams) {
		if ((err = enter_grams(c->t)) < 0)
			return err;
		if (err == 1)
			return count_grams(c, s, len, last);
		c->use_grams = 0;  /* the table holds terms as strings */
	}

	if (c->o.max_n == 1 && !c->o.fold && !c->o.min_length && !c->o.stop) {
		if ((err = safi_words_spans(c->words, s, len, &c->wspans)) < 0)
			return err;
		if (c->wspans.n == 0)
			return 0;
		return queue_line_words(c, s, c->wspans.v, c->wspans.n);
	}
	if (c->o.max_n == 1)
		return safi_words_each(c->words, s, len, on_unigram, c);
	/* the words carried from the line's text before are counted: only
	 * the n-grams that end after them are new */
	c->folded.len = c->nspans ? c->spans[2 * c->nspans - 1] : 0;
	if ((err = safi_words_each(c->words, s, len, on_ngram_word, c)) < 0)
		return err;
	for (i = 0; i <= c->nspans; i++) {
		if (i < c->nspans && c->spans[2 * i] != BREAK)
			continue;
		if (i > first && i > c->carried &&
		    (err = queue_run(c, c->folded.ptr, c->spans + 2 * first, i - first,
		                     c->carried > first ? c->carried - first : 0)) < 0)
			return err;
		first = i + 1;
	}
	if (last) {
		c->nspans = 0;
		c->carried = 0;
	} else {
		carry_words(c);
	}
	return 0;
}

int
safi_counter_piece(struct safi_counter *c, const char *s, size_t len, int last)
{
	size_t cut, from;
	int err, forced = 0;

	if (c->carry.len == 0 && last)
		return count_text(c, s, len, 1);
	if (len == 0 && !last)
		return 0;  /* nothing new (and carry.ptr may be NULL: no NULL + 0) */
	from = c->carry.len ? c->carry.len - 1 : 0;
	if ((err = safi_buf_append(&c->carry, s, len)) < 0)
		return err;
	if (last) {
		err = count_text(c, c->carry.ptr, c->carry.len, 1);
		c->carry.len = 0;
		return err;
	}
	/* only the new text can hold a break the text before did not */
	cut = safi_words_cut(c->carry.ptr + from, c->carry.len - from);
	if (cut > 0) {
		cut += from;
	} else if (c->carry.len >= c->max_stretch) {
		cut = c->carry.len;  /* pieces end between characters */
		forced = 1;
	} else {
		return 0;
	}
	if ((err = count_text(c, c->carry.ptr, cut, 0)) < 0)
		return err;
	memmove(c->carry.ptr, c->carry.ptr + cut, c->carry.len - cut);
	c->carry.len -= cut;
	return forced;
}

void
safi_counter_set_stretch(struct safi_counter *c, size_t bytes)
{
	c->max_stretch = bytes == 0 ? CARRY_DEFAULT : bytes < CARRY_MIN ? CARRY_MIN : bytes;
}

int
safi_counter_line(struct safi_counter *c, const char *s, size_t len)
{
	return safi_counter_piece(c, s, len, 1);
}
