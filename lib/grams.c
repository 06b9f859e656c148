/*
 * grams.c - n-gram counts keyed by word ids (see grams.h).
 *
 * An entry of the table of size n is n word ids (4 bytes each), the count
 * (8 bytes) and with df the last document that counted it (8 bytes), at
 * index k of an array that only grows; a slot holds k + 1 (0: empty).
 * Counts are queued and added in batches through a software pipeline, so
 * that the cache misses of a large table overlap (as safi_terms does).
 *
 * Sorting replaces the ids in the entries by the ranks of the words in
 * byte order: an entry then compares as its ranks, which pack into one
 * 64-bit key for most tables (3 words of a vocabulary under 2 million).
 */
#include "hash.h"  /* first: it asks for mremap */

#include <stdlib.h>
#include <string.h>

#include "grams.h"
#include "safi/error.h"

#define MIN_SLOTS 1024
/* A word's record in wbytes: its id and length (4 bytes each), then its
 * bytes; a word slot holds the record's offset + 1 in its low WOFF_BITS
 * and hash bits above, so that most mismatches never touch the record. */
#define WOFF_BITS 40
#define WOFF_MASK ((((uint64_t)1) << WOFF_BITS) - 1)
#define WREC 8
#define WORD_RING 32       /* words hashed ahead: a power of two */
#define AHEAD_WSLOT 12     /* words whose slots are fetched ahead */
#define AHEAD_WREC 6       /* words whose records are fetched ahead */
#define BATCH 1024         /* queued n-gram counts */
#define AHEAD_SLOT 24      /* counts whose slots are fetched ahead */
#define AHEAD_ENTRY 12     /* counts whose entries are fetched ahead */
#define AHEAD_REHASH 16    /* entries whose new slots are fetched ahead */
#define REHASH_RING 32     /* a power of two above AHEAD_REHASH */
#define MAX_WORDS ((size_t)UINT32_MAX - 1)
#define SMALL_COUNTS 4096  /* counts sorted by a counting sort */

struct gtab {
	size_t width;        /* bytes of an entry */
	char *ent;
	size_t nent, entbytes;
	uint32_t *slots;     /* NULL once sorted */
	size_t nslots;       /* 2^ibits */
	uint32_t imask;      /* a slot's entry index + 1; the bits above hold
	                        hash bits, so that most mismatches are
	                        rejected without reading the entry */
	uint32_t *order;     /* after a sort: entry indexes in order */
	size_t pos;          /* the merge's next place in order */
};

struct op {
	uint64_t h;
	uint32_t key;  /* offset of the ids in keys */
	uint32_t n;
};

struct grams {
	int df;
	uint64_t seed[4];
	uint64_t doc, total;
	size_t nterms;
	/* words: bytes (PAD readable after the last), where each starts,
	 * its length, its unigram count (and document) */
	char *wbytes;
	size_t wblen, wbcap;
	uint64_t *woff;
	uint32_t *wlen;
	uint64_t *count1, *doc1;
	size_t nwords, capwords;
	uint64_t *wslots;    /* hash bits << WOFF_BITS | record offset + 1 */
	size_t nwslots;
	struct gtab tab[GRAMS_MAX_N + 1];  /* tab[1]: unigrams, made by a sort */
	unsigned maxn;       /* the largest n with a table */
	/* the queue */
	struct op *ops;
	uint32_t *keys;
	size_t nops, nkeys, capkeys;
	/* sorted state */
	int ranked, by_count;
	uint32_t *byrank;    /* rank - 1 -> word id */
	char *rbytes;        /* the words' bytes in rank order (PAD after), */
	size_t longest;      /* the longest word's length, and */
	size_t *roff;        /* word rank - 1 starts (roff[nwords]: the end) */
	size_t next;         /* the i grams_get() expects */
	struct safi_buf cur;
};

static size_t
page_round(size_t n)
{
	return (n + 4095) & ~(size_t)4095;
}

int
grams_new(struct grams **out, int df, uint64_t doc, const uint64_t *seed)
{
	struct grams *g = calloc(1, sizeof *g);

	*out = NULL;
	if (g == NULL)
		return SAFI_ENOMEM;
	g->df = df;
	memcpy(g->seed, seed, sizeof g->seed);
	g->doc = doc;
	if ((g->ops = malloc(BATCH * sizeof *g->ops)) == NULL) {
		free(g);
		return SAFI_ENOMEM;
	}
	*out = g;
	return 0;
}

static void
free_order(struct grams *g)
{
	unsigned n;

	for (n = 1; n <= g->maxn; n++) {
		free(g->tab[n].order);
		g->tab[n].order = NULL;
	}
	free(g->byrank);
	g->byrank = NULL;
	free(g->rbytes);
	g->rbytes = NULL;
	free(g->roff);
	g->roff = NULL;
}

void
grams_free(struct grams *g)
{
	unsigned n;

	if (g == NULL)
		return;
	free_order(g);
	for (n = 1; n <= GRAMS_MAX_N; n++) {
		big_free(g->tab[n].ent, g->tab[n].entbytes);
		big_free(g->tab[n].slots, g->tab[n].nslots * sizeof(uint32_t));
	}
	big_free(g->wbytes, g->wbcap);
	big_free(g->wslots, g->nwslots * sizeof(uint64_t));
	free(g->woff);
	free(g->wlen);
	free(g->count1);
	free(g->doc1);
	free(g->ops);
	free(g->keys);
	safi_buf_free(&g->cur);
	free(g);
}

/* --- words --- */

static int
grow_words(struct grams *g)
{
	size_t cap = g->capwords ? g->capwords * 2 : 4096;
	uint64_t *off, *c1, *d1 = NULL;
	uint32_t *len;

	if ((off = realloc(g->woff, cap * sizeof *off)) == NULL)
		return SAFI_ENOMEM;
	g->woff = off;
	if ((len = realloc(g->wlen, cap * sizeof *len)) == NULL)
		return SAFI_ENOMEM;
	g->wlen = len;
	if ((c1 = realloc(g->count1, cap * sizeof *c1)) == NULL)
		return SAFI_ENOMEM;
	g->count1 = c1;
	if (g->df && (d1 = realloc(g->doc1, cap * sizeof *d1)) == NULL)
		return SAFI_ENOMEM;
	if (g->df)
		g->doc1 = d1;
	g->capwords = cap;
	return 0;
}

static int
grow_wslots(struct grams *g)
{
	size_t ns = g->nwslots ? g->nwslots * 2 : MIN_SLOTS, i;
	uint64_t *s = big_alloc(ns * sizeof *s);

	if (s == NULL)
		return SAFI_ENOMEM;
	for (i = 0; i < g->nwords; i++) {
		uint64_t h = hash_bytes(g->seed, g->wbytes + g->woff[i], g->wlen[i]);
		size_t j = h & (ns - 1);

		while (s[j] != 0)
			j = (j + 1) & (ns - 1);
		s[j] = ((h >> WOFF_BITS) << WOFF_BITS) | (g->woff[i] - WREC + 1);
	}
	big_free(g->wslots, g->nwslots * sizeof *g->wslots);
	g->wslots = s;
	g->nwslots = ns;
	return 0;
}

/* Finds the word; its slot (empty when it is new) is left in *slot. */
static inline int
find_word(const struct grams *g, const char *w, size_t len, uint64_t h,
          size_t *slot, uint32_t *id)
{
	uint64_t v, tag = h >> WOFF_BITS;
	size_t i = h & (g->nwslots - 1);

	while ((v = g->wslots[i]) != 0) {
		if ((v >> WOFF_BITS) == tag) {
			const char *r = g->wbytes + (v & WOFF_MASK) - 1;
			uint32_t l;

			memcpy(&l, r + 4, 4);
			if (l == len && same_bytes(r + WREC, w, len)) {
				memcpy(id, r, 4);
				return 1;
			}
		}
		i = (i + 1) & (g->nwslots - 1);
	}
	*slot = i;
	return 0;
}

/* Room for |n| more words of |bytes| bytes in all. */
static int
reserve_words(struct grams *g, size_t n, size_t bytes)
{
	int err;

	if (g->nwords + n > MAX_WORDS)
		return SAFI_ETOOBIG;
	while (g->nwords + n > g->capwords)
		if ((err = grow_words(g)) < 0)
			return err;
	while ((g->nwords + n + 1) * 2 > g->nwslots)
		if ((err = grow_wslots(g)) < 0)
			return err;
	if (g->wblen + bytes + n * WREC + PAD > g->wbcap) {
		size_t cap = g->wbcap ? g->wbcap : (size_t)1 << 20;
		char *b;

		while (cap < g->wblen + bytes + n * WREC + PAD)
			cap *= 2;
		if (cap - 1 > WOFF_MASK - 1)
			return SAFI_ETOOBIG;
		if ((b = big_realloc(g->wbytes, g->wbcap, cap)) == NULL)
			return SAFI_ENOMEM;
		g->wbytes = b;
		g->wbcap = cap;
	}
	return 0;
}

/* Adds a new word in the empty slot |slot|; room was reserved. */
static __attribute__((noinline)) int
new_word(struct grams *g, const char *w, size_t len, uint64_t h, size_t slot,
         uint32_t *id)
{
	uint32_t k = (uint32_t)g->nwords, l = (uint32_t)len;
	size_t i;
	char *r;

	if (len == 0 || len > UINT32_MAX)
		return SAFI_EINVAL;
	for (i = 0; i < len; i++)
		if ((unsigned char)w[i] <= 0x20)
			return SAFI_EINVAL;
	r = g->wbytes + g->wblen;
	memcpy(r, &k, 4);
	memcpy(r + 4, &l, 4);
	memcpy(r + WREC, w, len);
	g->woff[k] = g->wblen + WREC;
	g->wlen[k] = l;
	g->count1[k] = 0;
	if (g->df)
		g->doc1[k] = 0;
	g->wslots[slot] = ((h >> WOFF_BITS) << WOFF_BITS) | (g->wblen + 1);
	g->wblen += WREC + len;
	g->nwords++;
	*id = k;
	return 0;
}

int
grams_words(struct grams *g, const char *const *w, const size_t *len,
            size_t n, uint32_t *ids)
{
	uint64_t h[WORD_RING];
	size_t k, bytes = 0, mask;
	int err;

	if (g->ranked)
		return SAFI_EINVAL;
	for (k = 0; k < n; k++)
		bytes += len[k];
	if ((err = reserve_words(g, n, bytes)) < 0)
		return err;
	mask = g->nwslots - 1;
	/* hash ahead and fetch the slot, then the record it names, then
	 * find or add the word: the misses of a large vocabulary overlap */
	for (k = 0; k < n + AHEAD_WSLOT; k++) {
		if (k < n) {
			h[k & (WORD_RING - 1)] = hash_bytes(g->seed, w[k], len[k]);
			__builtin_prefetch(&g->wslots[h[k & (WORD_RING - 1)] & mask]);
		}
		if (k >= AHEAD_WREC && k - AHEAD_WREC < n) {
			uint64_t v = g->wslots[h[(k - AHEAD_WREC) & (WORD_RING - 1)] & mask];

			if (v != 0)
				__builtin_prefetch(g->wbytes + (v & WOFF_MASK) - 1);
		}
		if (k >= AHEAD_WSLOT) {
			size_t j = k - AHEAD_WSLOT, slot;
			uint64_t hj = h[j & (WORD_RING - 1)];

			if (!find_word(g, w[j], len[j], hj, &slot, &ids[j]) &&
			    (err = new_word(g, w[j], len[j], hj, slot, &ids[j])) < 0)
				return err;
		}
	}
	return 0;
}

/* --- n-gram tables --- */

static inline uint64_t
hash_ids(const uint64_t *seed, const uint32_t *ids, unsigned n)
{
	uint64_t h = seed[0] ^ n, v;
	unsigned k;

	for (k = 0; k + 2 <= n; k += 2) {
		memcpy(&v, ids + k, 8);
		h = mum(v ^ seed[1], h ^ seed[2]);
	}
	if (k < n)
		h = mum((uint64_t)ids[k] ^ seed[3], h ^ seed[1]);
	return h;
}

/* The hash bits a slot keeps above its index (imask: the index bits). */
static inline uint32_t
slot_tag(uint64_t h, uint32_t imask)
{
	return (uint32_t)(h >> 32) & ~imask;
}

static int
grow_slots(struct gtab *t, unsigned n, const uint64_t *seed)
{
	size_t ns = t->nslots ? t->nslots * 2 : MIN_SLOTS, i;
	uint64_t hs[REHASH_RING];
	uint32_t *s, imask;

	if (ns > ((size_t)1 << 32))
		return SAFI_ETOOBIG;
	if ((s = big_alloc(page_round(ns * sizeof *s))) == NULL)
		return SAFI_ENOMEM;
	imask = (uint32_t)(ns - 1);  /* an index + 1 < 0.7 * ns fits */
	/* the entries in order, their new slots fetched ahead */
	for (i = 0; i < t->nent + AHEAD_REHASH; i++) {
		uint64_t h;
		size_t j;

		if (i < t->nent) {
			hs[i % REHASH_RING] = hash_ids(seed, (const uint32_t *)(t->ent + i * t->width), n);
			__builtin_prefetch(&s[hs[i % REHASH_RING] & (ns - 1)]);
		}
		if (i < AHEAD_REHASH)
			continue;
		h = hs[(i - AHEAD_REHASH) % REHASH_RING];
		j = h & (ns - 1);
		while (s[j] != 0)
			j = (j + 1) & (ns - 1);
		s[j] = slot_tag(h, imask) | (uint32_t)(i - AHEAD_REHASH + 1);
	}
	big_free(t->slots, page_round(t->nslots * sizeof *t->slots));
	t->slots = s;
	t->nslots = ns;
	t->imask = imask;
	return 0;
}

/* Room for |more| entries in the table of size n. */
static int
reserve(struct grams *g, unsigned n, size_t more)
{
	struct gtab *t = &g->tab[n];
	int err;

	if (t->width == 0)
		t->width = 4 * (size_t)n + (g->df ? 16 : 8);
	if (n > g->maxn)
		g->maxn = n;
	if (t->nent + more >= UINT32_MAX)
		return SAFI_ETOOBIG;
	/* unigrams are counted per word: their table is made by a sort */
	while (n > 1 && (t->nent + more) * 10 > t->nslots * 7)
		if ((err = grow_slots(t, n, g->seed)) < 0)
			return err;
	if ((t->nent + more) * t->width > t->entbytes) {
		size_t cap = t->entbytes ? t->entbytes : (size_t)1 << 20;
		char *e;

		while (cap < (t->nent + more) * t->width)
			cap *= 2;
		if ((e = big_realloc(t->ent, t->entbytes, cap)) == NULL)
			return SAFI_ENOMEM;
		t->ent = e;
		t->entbytes = cap;
	}
	return 0;
}

static inline void
bump(struct grams *g, char *count_at)
{
	uint64_t c;
	int over = 0;

	if (g->df) {
		uint64_t d;

		memcpy(&d, count_at + 8, 8);
		if (d == g->doc)
			return;
		memcpy(count_at + 8, &g->doc, 8);
	}
	memcpy(&c, count_at, 8);
	c = sat_add(c, 1, &over);
	memcpy(count_at, &c, 8);
	g->total = sat_add(g->total, 1, &over);
}

/* Copies n ids (a loop: n is small, and a call to memcpy would cost more
 * than the copy). */
static inline void
copy_ids(void *to, const uint32_t *from, unsigned n)
{
	char *p = to;
	unsigned k;

	for (k = 0; k < n; k++)
		memcpy(p + 4 * k, from + k, 4);
}

/* Whether the n ids at a and b are the same (inline: n is small). */
static inline int
same_ids(const char *a, const uint32_t *b, unsigned n)
{
	unsigned k;

	for (k = 0; k + 2 <= n; k += 2) {
		uint64_t x, y;

		memcpy(&x, a + 4 * k, 8);
		memcpy(&y, b + k, 8);
		if (x != y)
			return 0;
	}
	if (k < n) {
		uint32_t x;

		memcpy(&x, a + 4 * k, 4);
		return x == b[k];
	}
	return 1;
}

static inline void
add_op(struct grams *g, const struct op *o)
{
	struct gtab *t = &g->tab[o->n];
	const uint32_t *key = g->keys + o->key;
	size_t kb = 4 * (size_t)o->n, mask = t->nslots - 1, i = o->h & mask;
	uint32_t v, tag = slot_tag(o->h, t->imask);
	char *e;

	while ((v = t->slots[i]) != 0) {
		if ((v & ~t->imask) == tag) {
			e = t->ent + (size_t)((v & t->imask) - 1) * t->width;
			if (same_ids(e, key, o->n)) {
				bump(g, e + kb);
				return;
			}
		}
		i = (i + 1) & mask;
	}
	e = t->ent + t->nent * t->width;
	copy_ids(e, key, o->n);
	memset(e + kb, 0, t->width - kb);
	bump(g, e + kb);
	t->slots[i] = tag | (uint32_t)++t->nent;
	g->nterms++;
}

int
grams_flush(struct grams *g)
{
	size_t per[GRAMS_MAX_N + 1] = {0}, k, n = g->nops;
	unsigned m;
	int err;

	if (n == 0)
		return 0;
	for (k = 0; k < n; k++)
		per[g->ops[k].n]++;
	for (m = 2; m <= GRAMS_MAX_N; m++)
		if (per[m] && (err = reserve(g, m, per[m])) < 0)
			return err;
	/* hash ahead and fetch the slot, then the entry it names, then add */
	for (k = 0; k < n + AHEAD_SLOT; k++) {
		if (k < n) {
			struct op *o = &g->ops[k];
			struct gtab *t = &g->tab[o->n];

			o->h = hash_ids(g->seed, g->keys + o->key, o->n);
			__builtin_prefetch(&t->slots[o->h & (t->nslots - 1)]);
		}
		if (k >= AHEAD_ENTRY && k - AHEAD_ENTRY < n) {
			const struct op *o = &g->ops[k - AHEAD_ENTRY];
			const struct gtab *t = &g->tab[o->n];
			uint32_t v = t->slots[o->h & (t->nslots - 1)];

			if (v != 0 && (v & ~t->imask) == slot_tag(o->h, t->imask))
				__builtin_prefetch(t->ent + (size_t)((v & t->imask) - 1) * t->width);
		}
		if (k >= AHEAD_SLOT)
			add_op(g, &g->ops[k - AHEAD_SLOT]);
	}
	g->nops = 0;
	g->nkeys = 0;
	return 0;
}

int
grams_count(struct grams *g, const uint32_t *ids, size_t n, size_t from,
            unsigned min_n, unsigned max_n)
{
	size_t i;
	unsigned k;
	int err;

	if (g->ranked)
		return SAFI_EINVAL;
	for (i = from; i < n; i++) {
		if (min_n == 1) {
			uint32_t id = ids[i];

			if (g->count1[id] == 0)
				g->nterms++;
			if (!g->df || g->doc1[id] != g->doc) {
				int over = 0;

				if (g->df)
					g->doc1[id] = g->doc;
				g->count1[id] = sat_add(g->count1[id], 1, &over);
				g->total = sat_add(g->total, 1, &over);
			}
		}
		for (k = min_n > 2 ? min_n : 2; k <= max_n && k <= i + 1; k++) {
			if (g->nops == BATCH || g->nkeys + k > g->capkeys) {
				if ((err = grams_flush(g)) < 0)
					return err;
				if (g->nkeys + k > g->capkeys) {
					size_t cap = BATCH * (size_t)(k > 4 ? k : 4);
					uint32_t *ks = realloc(g->keys, cap * sizeof *ks);

					if (ks == NULL)
						return SAFI_ENOMEM;
					g->keys = ks;
					g->capkeys = cap;
				}
			}
			copy_ids(g->keys + g->nkeys, ids + i + 1 - k, k);
			g->ops[g->nops].key = (uint32_t)g->nkeys;
			g->ops[g->nops].n = k;
			g->nops++;
			g->nkeys += k;
		}
	}
	return 0;
}

void
grams_end_doc(struct grams *g)
{
	g->doc++;
}

size_t
grams_size(const struct grams *g)
{
	return g->nterms;
}

uint64_t
grams_total(const struct grams *g)
{
	return g->total;
}

size_t
grams_memory(const struct grams *g)
{
	size_t b = g->wblen + g->nwslots * 8 + g->capwords * (g->df ? 28 : 20);
	unsigned n;

	/* slots double (old and new live together); a sort takes an order
	 * index and a key per entry */
	if ((g->nwords + 1) * 2 > g->nwslots)
		b += g->nwslots * 16;
	for (n = 2; n <= g->maxn; n++) {
		const struct gtab *t = &g->tab[n];

		b += t->nent * (t->width + 4 + 16) + t->nslots * 4;
		if ((t->nent + BATCH) * 10 > t->nslots * 7)
			b += t->nslots * 8;
	}
	return b;
}

/* --- sorting --- */

static inline const uint32_t *
entry_ids(const struct gtab *t, size_t i)
{
	return (const uint32_t *)(t->ent + i * t->width);
}

static inline uint64_t
entry_count(const struct gtab *t, unsigned n, size_t i)
{
	uint64_t c;

	memcpy(&c, t->ent + i * t->width + 4 * (size_t)n, 8);
	return c;
}

/* Ranks compare as the terms: word by word, a shorter tuple first when it
 * is the start of the longer (a space sorts before any byte of a word). */
static inline int
cmp_ranks(const uint32_t *a, unsigned na, const uint32_t *b, unsigned nb)
{
	unsigned k, m = na < nb ? na : nb;

	for (k = 0; k < m; k++)
		if (a[k] != b[k])
			return a[k] < b[k] ? -1 : 1;
	return (na > nb) - (na < nb);
}

struct skey {
	uint64_t key;
	uint32_t idx;
};

/* How keys that are equal compare: by the ranks of the table's entries
 * (t, n) unless the key holds them all (exact), or by the bytes of the
 * words (words) when the keys are their first bytes. */
struct sorter {
	const struct gtab *t;
	unsigned n;
	int exact;
	const struct grams *words;
};

static inline int
cmp_skey(const struct sorter *so, const struct skey *a, const struct skey *b)
{
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (so->words) {
		const struct grams *g = so->words;

		return cmp_bytes(g->wbytes + g->woff[a->idx], g->wlen[a->idx],
		                 g->wbytes + g->woff[b->idx], g->wlen[b->idx]);
	}
	if (so->exact)
		return 0;
	return cmp_ranks(entry_ids(so->t, a->idx), so->n,
	                 entry_ids(so->t, b->idx), so->n);
}

static void
sift_skey(const struct sorter *so, struct skey *v, size_t r, size_t n)
{
	size_t c;
	struct skey tmp;

	for (; (c = 2 * r + 1) < n; r = c) {
		if (c + 1 < n && cmp_skey(so, &v[c], &v[c + 1]) < 0)
			c++;
		if (cmp_skey(so, &v[r], &v[c]) >= 0)
			return;
		tmp = v[r]; v[r] = v[c]; v[c] = tmp;
	}
}

static void
heap_sort_skeys(const struct sorter *so, struct skey *v, size_t n)
{
	size_t i;
	struct skey tmp;

	for (i = n / 2; i-- > 0;)
		sift_skey(so, v, i, n);
	for (i = n; i-- > 1;) {
		tmp = v[0]; v[0] = v[i]; v[i] = tmp;
		sift_skey(so, v, 0, i);
	}
}

static int
sort_depth(size_t n)
{
	int depth = 2;

	for (; n > 1; n >>= 1)
		depth += 2;
	return depth;
}

static void sort_skeys(const struct sorter *so, struct skey *v, size_t n,
                       int depth);

#define RADIX_BITS 11
#define RADIX_MIN 4096  /* fewer keys: a quicksort in cache */

/*
 * Keys that hold every rank: an in-place most-significant-digit radix
 * sort on RADIX_BITS at a time from bit |shift| down (an American flag
 * sort), which reads and writes a large array a few times where a
 * quicksort would sweep it once for each of its twenty-odd levels; small
 * buckets go to the quicksort, which has them in cache.
 */
static void
radix_skeys(const struct sorter *so, struct skey *v, size_t n, int shift)
{
	size_t count[1 << RADIX_BITS], next[1 << RADIX_BITS], end, b, i;
	int lo = shift - RADIX_BITS + 1 > 0 ? shift - RADIX_BITS + 1 : 0;
	uint64_t mask = (((uint64_t)1 << (shift - lo + 1)) - 1);

	if (n < RADIX_MIN || shift < 0 || !so->exact) {
		sort_skeys(so, v, n, sort_depth(n));
		return;
	}
	memset(count, 0, sizeof count);
	for (i = 0; i < n; i++)
		count[(v[i].key >> lo) & mask]++;
	for (b = 0, end = 0; b <= mask; b++) {
		next[b] = end;
		end += count[b];
		count[b] = end;  /* now the end of bucket b */
	}
	for (b = 0; b <= mask; b++) {
		while (next[b] < count[b]) {
			struct skey x = v[next[b]];
			size_t d = (x.key >> lo) & mask;

			/* carry x to its bucket, taking what was there, until a
			 * key of bucket b comes back */
			while (d != b) {
				struct skey y = v[next[d]];

				v[next[d]++] = x;
				x = y;
				d = (x.key >> lo) & mask;
			}
			v[next[b]++] = x;
		}
	}
	for (b = 0, i = 0; b <= mask; i = count[b], b++)
		if (count[b] - i > 1)
			radix_skeys(so, v + i, count[b] - i, lo - 1);
}

static void
sort_skeys(const struct sorter *so, struct skey *v, size_t n, int depth)
{
	while (n > 16) {
		size_t i = 0, j = n, m = n / 2;
		struct skey piv, tmp;

		if (depth-- == 0) {
			heap_sort_skeys(so, v, n);  /* adversarial order */
			return;
		}
		if (cmp_skey(so, &v[m], &v[0]) < 0) { tmp = v[m]; v[m] = v[0]; v[0] = tmp; }
		if (cmp_skey(so, &v[n - 1], &v[m]) < 0) {
			tmp = v[n - 1]; v[n - 1] = v[m]; v[m] = tmp;
			if (cmp_skey(so, &v[m], &v[0]) < 0) { tmp = v[m]; v[m] = v[0]; v[0] = tmp; }
		}
		tmp = v[m]; v[m] = v[0]; v[0] = tmp;
		piv = v[0];
		for (;;) {
			do
				i++;
			while (i < n && cmp_skey(so, &v[i], &piv) < 0);
			do
				j--;
			while (cmp_skey(so, &piv, &v[j]) < 0);
			if (i >= j)
				break;
			tmp = v[i]; v[i] = v[j]; v[j] = tmp;
		}
		v[0] = v[j];
		v[j] = piv;
		if (j < n - j - 1) {
			sort_skeys(so, v, j, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_skeys(so, v + j + 1, n - j - 1, depth);
			n = j;
		}
	}
	for (size_t i = 1; i < n; i++) {
		struct skey x = v[i];
		size_t k = i;

		while (k > 0 && cmp_skey(so, &x, &v[k - 1]) < 0) {
			v[k] = v[k - 1];
			k--;
		}
		v[k] = x;
	}
}

/* Ranks the words (1 = the first in byte order), rewrites the entries'
 * ids as ranks and makes the unigram table from the unigram counts. */
static int
rank_words(struct grams *g)
{
	struct skey *v = malloc((g->nwords ? g->nwords : 1) * sizeof *v);
	struct sorter so = {NULL, 0, 0, g};
	uint32_t *rank = malloc((g->nwords ? g->nwords : 1) * sizeof *rank);
	size_t i, n1 = 0, k;
	unsigned m;
	int err;

	g->byrank = malloc((g->nwords ? g->nwords : 1) * sizeof *g->byrank);
	if (v == NULL || rank == NULL || g->byrank == NULL) {
		err = SAFI_ENOMEM;
		goto fail;
	}
	for (i = 0; i < g->nwords; i++) {
		v[i].key = prefix8(g->wbytes + g->woff[i], g->wlen[i]);
		v[i].idx = (uint32_t)i;
		n1 += g->count1[i] != 0;
	}
	sort_skeys(&so, v, g->nwords, sort_depth(g->nwords));
	/* the bytes in rank order too: terms are read in an order that
	 * mostly follows the ranks of their first words */
	g->rbytes = malloc(g->wblen + PAD);
	g->roff = malloc((g->nwords + 1) * sizeof *g->roff);
	if (g->rbytes == NULL || g->roff == NULL) {
		err = SAFI_ENOMEM;
		goto fail;
	}
	g->roff[0] = 0;
	g->longest = 0;
	for (i = 0; i < g->nwords; i++) {
		uint32_t id = v[i].idx;

		rank[id] = (uint32_t)(i + 1);
		g->byrank[i] = id;
		memcpy(g->rbytes + g->roff[i], g->wbytes + g->woff[id], g->wlen[id]);
		g->roff[i + 1] = g->roff[i] + g->wlen[id];
		if (g->wlen[id] > g->longest)
			g->longest = g->wlen[id];
	}
	memset(g->rbytes + g->roff[g->nwords], 0, PAD);
	if (n1 && (err = reserve(g, 1, n1)) < 0)
		goto fail;
	for (i = 0; i < g->nwords; i++) {
		struct gtab *t = &g->tab[1];
		char *e;

		if (g->count1[i] == 0)
			continue;
		e = t->ent + t->nent++ * t->width;
		memcpy(e, &rank[i], 4);
		memcpy(e + 4, &g->count1[i], 8);
	}
	for (m = 2; m <= g->maxn; m++) {
		struct gtab *t = &g->tab[m];

		for (i = 0; i < t->nent; i++) {
			uint32_t *ids = (uint32_t *)(t->ent + i * t->width);

			for (k = 0; k < m; k++)
				ids[k] = rank[ids[k]];
		}
		/* no more counts until cleared: the slots can go */
		big_free(t->slots, page_round(t->nslots * sizeof *t->slots));
		t->slots = NULL;
		t->nslots = 0;
	}
	if (g->maxn < 1)
		g->maxn = 1;
	free(v);
	free(rank);
	g->ranked = 1;
	return 0;
fail:
	free(v);
	free(rank);
	free_order(g);
	return err;
}

/* The key of entry i: as many of its ranks as fit, packed from the top
 * bits down (ranks < 2^bits), so that keys compare as the ranks do. */
static inline uint64_t
rank_key(const struct gtab *t, size_t i, unsigned fit, unsigned bits)
{
	const uint32_t *r = entry_ids(t, i);
	uint64_t key = 0;
	unsigned k;

	for (k = 0; k < fit; k++)
		key |= (uint64_t)r[k] << (64 - bits * (k + 1));
	return key;
}

/*
 * Sorts one table into t->order.  By count: a counting sort on the counts
 * below SMALL_COUNTS (nearly every term) puts the keys of each count
 * together, reading the entries once and in order; each group is then
 * sorted by its keys, and the few higher counts by count, then ranks.
 * The keys become the order in place.
 */
static int
sort_table(struct grams *g, unsigned m, unsigned bits)
{
	struct gtab *t = &g->tab[m];
	struct sorter so = {t, m, 0, NULL}, high = {t, m, 0, NULL};
	size_t n = t->nent, i, *start = NULL, a;
	unsigned fit = 64 / bits;
	struct skey *keys;
	uint32_t *order;

	free(t->order);
	t->order = NULL;
	t->pos = 0;
	if (n == 0)
		return 0;
	if (fit > m)
		fit = m;
	so.exact = fit == m;
	if ((keys = malloc(n * sizeof *keys)) == NULL)
		return SAFI_ENOMEM;
	if (!g->by_count) {
		for (i = 0; i < n; i++) {
			keys[i].key = rank_key(t, i, fit, bits);
			keys[i].idx = (uint32_t)i;
		}
		radix_skeys(&so, keys, n, 63);
	} else {
		/* group k holds the count SMALL_COUNTS - k, group 0 every
		 * higher count, keyed by count */
		if ((start = calloc(SMALL_COUNTS + 2, sizeof *start)) == NULL) {
			free(keys);
			return SAFI_ENOMEM;
		}
		for (i = 0; i < n; i++) {
			uint64_t c = entry_count(t, m, i);
			start[(c < SMALL_COUNTS ? SMALL_COUNTS - c : 0) + 1]++;
		}
		for (i = 1; i <= SMALL_COUNTS + 1; i++)
			start[i] += start[i - 1];
		for (i = 0; i < n; i++) {
			uint64_t c = entry_count(t, m, i);
			struct skey *k = &keys[start[c < SMALL_COUNTS ? SMALL_COUNTS - c : 0]++];

			k->key = c < SMALL_COUNTS ? rank_key(t, i, fit, bits) : UINT64_MAX - c;
			k->idx = (uint32_t)i;
		}
		/* start[k] is now the end of group k */
		sort_skeys(&high, keys, start[0], sort_depth(start[0]));
		for (i = 1, a = start[0]; i <= SMALL_COUNTS; i++) {
			if (start[i] - a > 1)
				radix_skeys(&so, keys + a, start[i] - a, 63);
			a = start[i];
		}
		free(start);
	}
	/* order[i] (4 bytes) never overlaps a key after keys[i] */
	order = (uint32_t *)(void *)keys;
	for (i = 0; i < n; i++)
		order[i] = keys[i].idx;
	t->order = realloc(keys, n * sizeof *order);
	if (t->order == NULL)
		t->order = order;  /* it stays as large as it was */
	return 0;
}

int
grams_sort(struct grams *g, int by_count)
{
	unsigned m, bits = 1;
	int err;

	if (!g->ranked && (err = rank_words(g)) < 0)
		return err;
	while (bits < 32 && ((uint64_t)1 << bits) <= g->nwords)
		bits++;
	g->by_count = by_count;
	for (m = 1; m <= g->maxn; m++)
		if ((err = sort_table(g, m, bits)) < 0)
			return err;
	/* room for the longest term and for copying words 16 bytes at a
	 * time: grams_get() then never allocates */
	g->cur.len = 0;
	if ((err = safi_buf_reserve(&g->cur, g->maxn * (g->longest + 1) + PAD)) < 0)
		return err;
	g->next = 0;
	return 0;
}

/* Whether the head of table a comes before the head of table b. */
static int
head_before(const struct grams *g, unsigned a, unsigned b)
{
	const struct gtab *ta = &g->tab[a], *tb = &g->tab[b];
	uint32_t ia = ta->order[ta->pos], ib = tb->order[tb->pos];

	if (g->by_count) {
		uint64_t ca = entry_count(ta, a, ia), cb = entry_count(tb, b, ib);

		if (ca != cb)
			return ca > cb;
	}
	return cmp_ranks(entry_ids(ta, ia), a, entry_ids(tb, ib), b) < 0;
}

void
grams_get(struct grams *g, size_t i, const char **term, size_t *len,
          uint64_t *count)
{
	unsigned m, best = 0, k;
	const uint32_t *r;
	struct gtab *t;

	if (i != g->next) {  /* start the merge again and walk up to i */
		for (m = 1; m <= g->maxn; m++)
			g->tab[m].pos = 0;
		g->next = 0;
		while (g->next < i)
			grams_get(g, g->next, term, len, count);
	}
	for (m = 1; m <= g->maxn; m++) {
		if (g->tab[m].order == NULL || g->tab[m].pos >= g->tab[m].nent)
			continue;
		if (best == 0 || head_before(g, m, best))
			best = m;
	}
	t = &g->tab[best];
	/* entries are read in sorted order, all over the table, and their
	 * words all over the words: fetch the entry this table hands out 16
	 * calls from now, the places of the words of the one 8 from now, and
	 * the words of the one 4 from now */
	if (t->pos + 16 < t->nent)
		__builtin_prefetch(t->ent + (size_t)t->order[t->pos + 16] * t->width);
	if (t->pos + 8 < t->nent) {
		r = entry_ids(t, t->order[t->pos + 8]);
		for (k = 0; k < best; k++)
			__builtin_prefetch(&g->roff[r[k] - 1]);
	}
	if (t->pos + 4 < t->nent) {
		r = entry_ids(t, t->order[t->pos + 4]);
		for (k = 0; k < best; k++)
			__builtin_prefetch(g->rbytes + g->roff[r[k] - 1]);
	}
	r = entry_ids(t, t->order[t->pos]);
	*count = entry_count(t, best, t->order[t->pos]);
	t->pos++;
	g->next = i + 1;
	{
		size_t at = 0;

		for (k = 0; k < best; k++) {
			size_t a = g->roff[r[k] - 1], l = g->roff[r[k]] - a;

			if (k > 0)
				g->cur.ptr[at++] = ' ';
			if (l <= 16)  /* a fixed copy: no call (PAD bytes follow) */
				memcpy(g->cur.ptr + at, g->rbytes + a, 16);
			else
				memcpy(g->cur.ptr + at, g->rbytes + a, l);
			at += l;
		}
		g->cur.len = at;
	}
	*term = g->cur.ptr;
	*len = g->cur.len;
}

int
grams_sorted(const struct grams *g)
{
	return g->ranked;
}

int
grams_has(const struct grams *g, const char *term, size_t len)
{
	uint32_t ids[GRAMS_MAX_N];
	char room[2 * PAD];
	unsigned n = 0;
	size_t a = 0, b, slot;

	if (g->ranked || g->nwords == 0 || g->nwslots == 0)
		return 0;
	while (a <= len) {
		const char *w;
		size_t wl;

		for (b = a; b < len && term[b] != ' '; b++)
			;
		wl = b - a;
		w = wl <= 16 ? memcpy(room, term + a, wl) : term + a;
		if (wl == 0 || n == GRAMS_MAX_N ||
		    !find_word(g, w, wl, hash_bytes(g->seed, w, wl), &slot, &ids[n]))
			return 0;
		n++;
		a = b + 1;
	}
	if (n == 1)
		return g->count1[ids[0]] != 0;
	if (n > g->maxn || g->tab[n].nslots == 0)
		return 0;
	{
		const struct gtab *t = &g->tab[n];
		uint64_t h = hash_ids(g->seed, ids, n);
		size_t mask = t->nslots - 1, i = h & mask;
		uint32_t v;

		while ((v = t->slots[i]) != 0) {
			if ((v & ~t->imask) == slot_tag(h, t->imask) &&
			    same_ids(t->ent + (size_t)((v & t->imask) - 1) * t->width, ids, n))
				return 1;
			i = (i + 1) & mask;
		}
	}
	return 0;
}

int
grams_each(struct grams *g,
           int (*fn)(void *ctx, const char *term, size_t len, uint64_t count,
                     uint64_t doc),
           void *ctx)
{
	size_t i, k;
	unsigned m;
	int err;

	for (i = 0; i < g->nwords; i++)
		if (g->count1[i] && (err = fn(ctx, g->wbytes + g->woff[i], g->wlen[i],
		                              g->count1[i], g->df ? g->doc1[i] : 0)) < 0)
			return err;
	for (m = 2; m <= g->maxn; m++) {
		const struct gtab *t = &g->tab[m];

		for (i = 0; i < t->nent; i++) {
			const uint32_t *ids = entry_ids(t, i);
			uint64_t c, d = 0;

			g->cur.len = 0;
			for (k = 0; k < m; k++) {
				/* a sort that failed half way may have ranked them */
				uint32_t id = g->ranked ? g->byrank[ids[k] - 1] : ids[k];

				if ((k > 0 && (err = safi_buf_putc(&g->cur, ' ')) < 0) ||
				    (err = safi_buf_append(&g->cur, g->wbytes + g->woff[id],
				                           g->wlen[id])) < 0)
					return err;
			}
			memcpy(&c, t->ent + i * t->width + 4 * (size_t)m, 8);
			if (g->df)
				memcpy(&d, t->ent + i * t->width + 4 * (size_t)m + 8, 8);
			if ((err = fn(ctx, g->cur.ptr, g->cur.len, c, d)) < 0)
				return err;
		}
	}
	return 0;
}

void
grams_clear(struct grams *g)
{
	unsigned m;

	free_order(g);
	for (m = 1; m <= g->maxn; m++) {
		struct gtab *t = &g->tab[m];

		t->nent = 0;
		t->pos = 0;
		if (t->slots)
			memset(t->slots, 0, t->nslots * sizeof *t->slots);
	}
	if (g->wslots)
		memset(g->wslots, 0, g->nwslots * sizeof *g->wslots);
	g->nwords = 0;
	g->wblen = 0;
	g->nterms = 0;
	g->total = 0;
	g->nops = 0;
	g->nkeys = 0;
	g->ranked = 0;
	g->next = 0;
}
