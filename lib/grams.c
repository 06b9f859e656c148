/*
 * grams.c - n-gram counts keyed by word ids (see grams.h).
 *
 * Counting interns each word (an id) and appends the ids of each run of
 * words between breaks to a log, 4 bytes a word, after a mark that says
 * which sizes of n-gram the run counts.  No n-gram is looked up while
 * counting: in text most n-grams (n >= 2) are rare, so a table of them
 * holds nearly an entry per occurrence, each reached through a cache miss,
 * while the log is written in order.
 *
 * Sorting ranks the words by their bytes and makes every n-gram of the log
 * a key: its words' ranks packed from the top bits down, rank 0 after the
 * last, so that keys compare as the terms do (a space sorts before any
 * byte of a word, and a term before the longer ones it starts).  An
 * in-place radix sort orders the keys, runs of equal keys are the counts,
 * and by count a counting sort puts the keys of each count together in
 * term order.  The terms are then spelled from their keys, in order.
 *
 * With df the keys of each document are sorted and made distinct first.
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

/*
 * The log: word ids, each run of words led by a mark, MARK | sizes (the
 * smallest n << 7 | the largest), with NEW_DOC when the run is the first
 * of a document (df).  A word with CONTEXT ends no n-gram: it was counted
 * with the text before and leads into the n-grams of the words after it.
 */
#define MARK 0xFFFF0000u
#define NEW_DOC 0x4000u
#define CONTEXT 0x80000000u
#define ID_MASK 0x7FFFFFFFu
#define MAX_WORDS ((size_t)(MARK & ID_MASK) - 1)  /* ids | CONTEXT < MARK */
#define MAX_LOG ((size_t)1 << 32)  /* entries */
#define LOG_MIN ((size_t)1 << 18)

#define SMALL_COUNTS 4096  /* counts below: a group each, by counting */

/* How a key is packed: |bits| per rank, |fit| ranks in a 64-bit word from
 * the top bits down, |kw| words; ranks from |rank| (id -> rank), or id + 1
 * when it is NULL (keys that only need to be distinct). */
struct keyspec {
	unsigned bits, fit, kw;
	const uint32_t *rank;
};

/* The radix sort: insertion below INSERTION_MAX keys, digits of up to
 * DIGIT_MAX bits, a buffer of RADIX_BUF bytes (see radix_step()). */
#define INSERTION_MAX 24
#define DIGIT_MAX 11
#define RADIX_DEPTH 64  /* > log2 of any number of keys */
#define RADIX_BUF ((size_t)1 << 19)

/*
 * What a sort works in, allocated once per table and kept (a table that
 * spills sorts again and again): bucket counts for each level of the
 * radix sort's recursion, its buffer, and counts of top digits or of
 * counts (SCRATCH_COUNTS).
 */
#define SCRATCH_COUNTS (((size_t)1 << DIGIT_MAX) + 1 > SMALL_COUNTS ? \
                        ((size_t)1 << DIGIT_MAX) + 1 : SMALL_COUNTS)

struct scratch {
	size_t *work;
	uint64_t *buf;
	size_t *counts;
};

enum { UNSORTED, BY_COUNT, BY_TERM };

static void
scratch_free(struct scratch *sc)
{
	free(sc->work);
	free(sc->buf);
	free(sc->counts);
	memset(sc, 0, sizeof *sc);
}

struct grams {
	int df;
	uint64_t seed[4];
	uint64_t doc;
	uint64_t total;      /* unigrams, and n-gram occurrences without df */
	size_t nterms1;      /* words with a unigram count */
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
	/* the log */
	uint32_t *log;
	size_t loglen, logcap;
	uint64_t nocc;       /* n-gram occurrences (n >= 2) in the log */
	unsigned maxn;       /* the largest n counted */
	size_t docat;        /* df: where the current document's runs start */
	size_t logdocs;      /* df: documents with runs in the log */
	int newdoc;          /* df: the next run starts a document */
	/* sorted */
	int order;
	struct keyspec ks;
	uint32_t *rank;      /* word id -> rank (1 = first in byte order) */
	uint32_t *byrank;    /* rank - 1 -> word id */
	unsigned char *wrec; /* a word record for each rank (see spell()) */
	size_t longest;      /* the longest word's length */
	uint64_t *keys;      /* the terms in order, kw words each; by count,
	                        those of count 1, after the others */
	size_t nkeys, keysbytes;
	uint64_t *multi;     /* by count: the others, keys[-nmulti..0) */
	size_t nmulti, multibytes;
	uint64_t *counts;    /* by term: the count of each */
	size_t countsbytes;
	uint64_t *hcount;    /* by count: the counts of keys[0..nhigh) */
	size_t nhigh;
	size_t *gfrom;       /* by count: count c < SMALL_COUNTS starts at
	                        gfrom[c] and ends at gfrom[c - 1] (kept) */
	unsigned curc;       /* the group of the last term read */
	uint64_t stotal;     /* the total, with df n-grams, once sorted */
	struct scratch scratch;
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
	*out = g;
	return 0;
}

/* Drops what a sort made. */
static void
unsort(struct grams *g)
{
	free(g->rank);
	free(g->byrank);
	free(g->wrec);
	big_free(g->keys, g->keysbytes);
	big_free(g->multi, g->multibytes);
	big_free(g->counts, g->countsbytes);
	free(g->hcount);
	g->rank = g->byrank = NULL;
	g->wrec = NULL;
	g->keys = g->multi = g->counts = g->hcount = NULL;
	g->keysbytes = g->multibytes = g->countsbytes = 0;
	g->nkeys = g->nmulti = g->nhigh = 0;
	g->order = UNSORTED;
}

void
grams_free(struct grams *g)
{
	if (g == NULL)
		return;
	unsort(g);
	scratch_free(&g->scratch);
	free(g->gfrom);
	big_free(g->wbytes, g->wbcap);
	big_free(g->wslots, g->nwslots * sizeof *g->wslots);
	big_free(g->log, g->logcap * sizeof *g->log);
	free(g->woff);
	free(g->wlen);
	free(g->count1);
	free(g->doc1);
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
            size_t n, uint32_t *ids, size_t *done)
{
	uint64_t h[WORD_RING];
	size_t k, bytes = 0, mask;
	int err;

	*done = 0;
	if (g->order != UNSORTED)
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
			*done = j + 1;
		}
	}
	return 0;
}

/* --- the log --- */

/* Room for |n| more entries in the log. */
static int
reserve_log(struct grams *g, size_t n)
{
	size_t cap;
	uint32_t *l;

	if (g->loglen + n <= g->logcap)
		return 0;
	if (n > MAX_LOG - g->loglen)
		return SAFI_ETOOBIG;
	cap = g->logcap ? g->logcap : LOG_MIN;
	while (cap < g->loglen + n)
		cap *= 2;
	if (cap > MAX_LOG)
		cap = MAX_LOG;
	l = remap_pages(g->log, g->logcap * sizeof *l, cap * sizeof *l, 0);
	if (l == NULL)
		return SAFI_ENOMEM;
	g->log = l;
	g->logcap = cap;
	return 0;
}

int
grams_count(struct grams *g, const uint32_t *ids, size_t n, size_t from,
            unsigned min_n, unsigned max_n)
{
	size_t i, lead;
	unsigned lo = min_n > 2 ? min_n : 2, k;
	uint32_t *p;
	int err, over = 0;

	if (g->order != UNSORTED)
		return SAFI_EINVAL;
	if (min_n == 1) {
		for (i = from; i < n; i++) {
			uint32_t id = ids[i];

			if (g->df) {
				if (g->doc1[id] == g->doc)
					continue;
				g->doc1[id] = g->doc;
			}
			if (g->count1[id] == 0)
				g->nterms1++;
			g->count1[id] = sat_add(g->count1[id], 1, &over);
			g->total = sat_add(g->total, 1, &over);
		}
	}
	if (max_n < lo || n < lo || from >= n)
		return 0;
	/* the n-grams that end at from or after need the max_n - 1 words
	 * before from, no more */
	lead = from > max_n - 1 ? from - (max_n - 1) : 0;
	if ((err = reserve_log(g, 1 + n - lead)) < 0)
		return err;
	p = g->log + g->loglen;
	if (g->newdoc || g->loglen == 0)
		g->logdocs++;
	*p++ = MARK | (g->newdoc ? NEW_DOC : 0) | lo << 7 | max_n;
	if (g->newdoc) {
		g->docat = g->loglen;
		g->newdoc = 0;
	}
	for (i = lead; i < from; i++)
		*p++ = ids[i] | CONTEXT;
	memcpy(p, ids + from, (n - from) * sizeof *ids);
	g->loglen += 1 + n - lead;
	/* the n-grams of size k end at positions k - 1 and after */
	for (k = lo; k <= max_n && k <= n; k++) {
		uint64_t occ = n - (from > k - 1 ? from : k - 1);

		g->nocc += occ;
		if (!g->df)
			g->total = sat_add(g->total, occ, &over);
	}
	if (max_n > g->maxn)
		g->maxn = max_n;
	return 0;
}

void
grams_end_doc(struct grams *g)
{
	g->doc++;
	if (g->df)
		g->newdoc = 1;
}

/* --- keys --- */

static void
keyspec_init(struct keyspec *ks, size_t nwords, unsigned maxn,
             const uint32_t *rank)
{
	unsigned bits = 1;

	/* ranks (or ids + 1) run from 1 to nwords */
	while (bits < 32 && ((uint64_t)1 << bits) <= nwords)
		bits++;
	ks->bits = bits;
	ks->fit = 64 / bits;
	ks->kw = maxn ? (maxn + ks->fit - 1) / ks->fit : 1;
	ks->rank = rank;
}

static inline uint64_t
key_rank(const struct keyspec *ks, uint32_t v)
{
	return ks->rank ? ks->rank[v & ID_MASK] : (uint64_t)(v & ID_MASK) + 1;
}

enum { KEYS_COUNT, KEYS_OUT, KEYS_HIST, KEYS_SCATTER };

/*
 * Makes the keys of the n-grams of the runs that start at log[*at], up to
 * the end of the log or (|one_doc|) to the next run that starts a
 * document; leaves *at after them and returns how many.  |mode|: count
 * them, write them to out in order, count their top digits (key >> shift)
 * in place[], or write each to out at place[its top digit]++.
 */
static inline __attribute__((always_inline)) size_t
walk_log(const struct grams *g, const struct keyspec *ks, size_t *at,
         int one_doc, int mode, uint64_t *out, size_t *place, unsigned shift)
{
	const uint32_t *log = g->log;
	size_t i = *at, end = g->loglen, o = 0, kw = ks->kw, k, dst;
	unsigned bits = ks->bits;
	uint64_t key[GRAMS_MAX_N];

	while (i < end) {
		uint32_t m = log[i];
		unsigned lo = (m >> 7) & 0x7F, hi = m & 0x7F, n;
		size_t seen = 0;
		uint64_t win = 0;

		if (one_doc && (m & NEW_DOC) && i != *at)
			break;
		for (i++; i < end && log[i] < MARK; i++) {
			uint32_t v = log[i];

			seen++;
			if (kw == 1) {
				/* the last ranks, the newest in the low bits: the
				 * key of size n is the low n of them moved up,
				 * the older ones shifted out */
				unsigned top = hi < seen ? hi : (unsigned)seen, up;

				win = win << bits | key_rank(ks, v);
				if (v & CONTEXT)
					continue;
				for (n = lo, up = 64 - bits * lo; n <= top; n++, o++, up -= bits) {
					uint64_t x = win << up;

					if (mode == KEYS_OUT)
						out[o] = x;
					else if (mode == KEYS_HIST)
						place[x >> shift]++;
					else if (mode == KEYS_SCATTER)
						out[place[x >> shift]++] = x;
				}
				continue;
			}
			if (v & CONTEXT)
				continue;
			for (n = lo; n <= hi && n <= seen; n++, o++) {
				if (mode == KEYS_COUNT)
					continue;
				memset(key, 0, kw * sizeof *key);
				for (k = 0; k < n; k++)
					key[k / ks->fit] |= key_rank(ks, log[i + 1 - n + k]) <<
					                    (64 - bits * (k % ks->fit + 1));
				if (mode == KEYS_HIST) {
					place[key[0] >> shift]++;
					continue;
				}
				dst = mode == KEYS_OUT ? o : place[key[0] >> shift]++;
				memcpy(out + dst * kw, key, kw * sizeof *key);
			}
		}
	}
	*at = i;
	return o;
}

/* The keys of the runs from log[*at] as walk_log(), written to out in
 * order (NULL: counted). */
static size_t
log_keys(const struct grams *g, const struct keyspec *ks, size_t *at,
         int one_doc, uint64_t *out)
{
	if (out == NULL)
		return walk_log(g, ks, at, one_doc, KEYS_COUNT, NULL, NULL, 0);
	return walk_log(g, ks, at, one_doc, KEYS_OUT, out, NULL, 0);
}

static inline int
key_cmp(const uint64_t *a, const uint64_t *b, size_t kw)
{
	size_t w;

	for (w = 0; w < kw; w++)
		if (a[w] != b[w])
			return a[w] < b[w] ? -1 : 1;
	return 0;
}

static void
insertion_sort(uint64_t *v, size_t n, size_t kw)
{
	uint64_t x[GRAMS_MAX_N];
	size_t i, k;

	if (kw == 1) {
		for (i = 1; i < n; i++) {
			uint64_t y = v[i];

			for (k = i; k > 0 && v[k - 1] > y; k--)
				v[k] = v[k - 1];
			v[k] = y;
		}
		return;
	}
	for (i = 1; i < n; i++) {
		memcpy(x, v + i * kw, kw * sizeof *x);
		for (k = i; k > 0 && key_cmp(v + (k - 1) * kw, x, kw) > 0; k--)
			memcpy(v + k * kw, v + (k - 1) * kw, kw * sizeof *x);
		memcpy(v + k * kw, x, kw * sizeof *x);
	}
}

/* A radix sort's keys: kw words, ranks in bits low..63 of each; two
 * arrays of bucket counts for each level of recursion, and a buffer of
 * bufkeys keys. */
struct radix {
	size_t kw;
	unsigned low;
	size_t *work;
	uint64_t *buf;
	size_t bufkeys;
};

static void radix_1(const struct radix *r, uint64_t *v, size_t n, size_t w,
                    unsigned top, unsigned depth);
static void radix_k(const struct radix *r, uint64_t *v, size_t n, size_t w,
                    unsigned top, unsigned depth);

/*
 * A most-significant-digit radix sort of n keys whose bits above bit |top|
 * of word |w| are equal.  Each level first skips the bits all the keys
 * share (runs of one n-gram, words of one first word), then distributes
 * the keys on the digit below: out of place through the buffer when they
 * fit in it (a scatter without the dependent loads of swapping in place),
 * else in place (an American flag sort).  Digits are as wide as gives
 * about 4 keys a bucket, up to DIGIT_MAX bits; buckets of up to
 * INSERTION_MAX keys are sorted by insertion.  The largest bucket is
 * sorted in the loop and the others by recursion, which is then less deep
 * than log2(n).  kw is a constant where radix_1 inlines it.
 */
static inline __attribute__((always_inline)) void
radix_step(const struct radix *r, uint64_t *v, size_t n, size_t w,
           unsigned top, unsigned depth, size_t kw)
{
	size_t *count = r->work + depth * ((size_t)2 << DIGIT_MAX);
	size_t *next = count + ((size_t)1 << DIGIT_MAX), b, i, end, big, most;
	uint64_t x[GRAMS_MAX_N], y[GRAMS_MAX_N], diff, mask;
	unsigned d, shift;

	for (;;) {
		if (n <= INSERTION_MAX) {
			insertion_sort(v, n, kw);
			return;
		}
		for (i = 1, diff = 0; i < n; i++)
			diff |= v[i * kw + w] ^ v[w];
		if (top < 64)
			diff &= ((uint64_t)1 << top) - 1;
		if (diff == 0) {  /* this word is sorted: the next */
			if (++w == kw)
				return;
			top = 64;
			continue;
		}
		top = 64 - (unsigned)__builtin_clzll(diff);
		for (d = 1; d < DIGIT_MAX && ((size_t)4 << d) <= n; d++)
			;
		if (d > top - r->low)
			d = top - r->low;
		shift = top - d;
		mask = ((uint64_t)1 << d) - 1;
		memset(count, 0, ((size_t)1 << d) * sizeof *count);
		for (i = 0; i < n; i++)
			count[(v[i * kw + w] >> shift) & mask]++;
		top = shift;
		for (b = 0, end = 0; b <= mask; b++) {
			next[b] = end;
			end += count[b];
			count[b] = end;  /* now the end of bucket b */
		}
		if (n <= r->bufkeys) {
			for (i = 0; i < n; i++) {
				b = (v[i * kw + w] >> shift) & mask;
				memcpy(r->buf + next[b]++ * kw, v + i * kw, kw * sizeof *v);
			}
			memcpy(v, r->buf, n * kw * sizeof *v);
		} else {
			for (b = 0; b <= mask; b++) {
				while (next[b] < count[b]) {
					size_t at = next[b], dst;

					if (((v[at * kw + w] >> shift) & mask) == b) {
						next[b]++;
						continue;
					}
					/* carry the key to its bucket, taking the one
					 * there, until a key of bucket b comes back */
					memcpy(x, v + at * kw, kw * sizeof *x);
					do {
						dst = next[(x[w] >> shift) & mask]++;
						memcpy(y, v + dst * kw, kw * sizeof *y);
						memcpy(v + dst * kw, x, kw * sizeof *x);
						memcpy(x, y, kw * sizeof *x);
					} while (((x[w] >> shift) & mask) != b);
					memcpy(v + at * kw, x, kw * sizeof *x);
					next[b]++;
				}
			}
		}
		for (b = 0, i = 0, big = 0, most = 0; b <= mask; i = count[b], b++)
			if (count[b] - i > most) {
				most = count[b] - i;
				big = b;
			}
		for (b = 0, i = 0; b <= mask; i = count[b], b++) {
			if (b == big || count[b] - i < 2)
				continue;
			if (kw == 1)
				radix_1(r, v + i, count[b] - i, w, top, depth + 1);
			else
				radix_k(r, v + i * kw, count[b] - i, w, top, depth + 1);
		}
		v += (count[big] - most) * kw;
		n = most;
	}
}

static void
radix_1(const struct radix *r, uint64_t *v, size_t n, size_t w, unsigned top,
        unsigned depth)
{
	radix_step(r, v, n, w, top, depth, 1);
}

static void
radix_k(const struct radix *r, uint64_t *v, size_t n, size_t w, unsigned top,
        unsigned depth)
{
	radix_step(r, v, n, w, top, depth, r->kw);
}

static int
scratch_alloc(struct scratch *sc)
{
	if (sc->work != NULL)
		return 0;
	/* only the levels the recursion reaches are touched */
	sc->work = malloc(RADIX_DEPTH * ((size_t)2 << DIGIT_MAX) * sizeof *sc->work);
	sc->buf = malloc(RADIX_BUF);
	sc->counts = malloc(SCRATCH_COUNTS * sizeof *sc->counts);
	if (sc->work == NULL || sc->buf == NULL || sc->counts == NULL) {
		scratch_free(sc);
		return SAFI_ENOMEM;
	}
	return 0;
}

static void
radix_init(struct radix *r, const struct keyspec *ks, const struct scratch *sc)
{
	r->kw = ks->kw;
	r->low = 64 - ks->bits * ks->fit;
	r->bufkeys = RADIX_BUF / 8 / r->kw;
	r->work = sc->work;
	r->buf = sc->buf;
}

/* Sorts n keys whose bits above bit |top| of their first word are equal. */
static void
radix_run(const struct radix *r, uint64_t *v, size_t n, unsigned top)
{
	if (n <= INSERTION_MAX)
		insertion_sort(v, n, r->kw);
	else if (r->kw == 1)
		radix_1(r, v, n, 0, top, 0);
	else
		radix_k(r, v, n, 0, top, 0);
}

/* Sorts n keys. */
static void
sort_keys(const struct keyspec *ks, const struct scratch *sc, uint64_t *v,
          size_t n)
{
	struct radix r;

	radix_init(&r, ks, sc);
	radix_run(&r, v, n, 64);
}

/* Makes the sorted keys v[0..n) distinct; returns how many are left. */
static size_t
unique_keys(uint64_t *v, size_t n, size_t kw)
{
	size_t i, o;

	if (n == 0)
		return 0;
	for (i = 1, o = 1; i < n; i++)
		if (key_cmp(v + i * kw, v + (o - 1) * kw, kw) != 0) {
			if (o != i)
				memcpy(v + o * kw, v + i * kw, kw * sizeof *v);
			o++;
		}
	return o;
}

/*
 * The keys of the whole log, sorted, in out (*m of them).  The first
 * digit of the radix sort is taken as the keys are made: one walk over
 * the log counts the keys of each top digit, a second writes each key in
 * its bucket; the buckets, a few thousand keys each, are then sorted in
 * cache.
 */
static size_t
bucket_keys(const struct grams *g, const struct keyspec *ks,
            const struct scratch *sc, uint64_t *out)
{
	unsigned d = ks->bits * ks->fit < DIGIT_MAX ? ks->bits * ks->fit : DIGIT_MAX;
	size_t nb = (size_t)1 << d, *place = sc->counts, b, from, at = 0, m;
	struct radix r;

	memset(place, 0, (nb + 1) * sizeof *place);
	m = walk_log(g, ks, &at, 0, KEYS_HIST, NULL, place + 1, 64 - d);
	for (b = 0; b < nb; b++)
		place[b + 1] += place[b];
	at = 0;
	walk_log(g, ks, &at, 0, KEYS_SCATTER, out, place, 64 - d);
	/* place[b] is now the end of bucket b */
	radix_init(&r, ks, sc);
	for (b = 0, from = 0; b < nb; from = place[b], b++)
		if (place[b] - from > 1)
			radix_run(&r, out + from * ks->kw, place[b] - from, 64 - d);
	return m;
}

/* The keys of the whole log, sorted, in out; with df each document's
 * counted once.  Returns how many. */
static size_t
all_keys(const struct grams *g, const struct keyspec *ks,
         const struct scratch *sc, uint64_t *out)
{
	size_t at = 0, k, m = 0;

	if (!g->df || g->logdocs <= 1) {
		m = bucket_keys(g, ks, sc, out);
		return g->df ? unique_keys(out, m, ks->kw) : m;
	}
	while (at < g->loglen) {
		uint64_t *seg = out + m * ks->kw;

		k = log_keys(g, ks, &at, 1, seg);
		sort_keys(ks, sc, seg, k);
		m += unique_keys(seg, k, ks->kw);
	}
	sort_keys(ks, sc, out, m);
	return m;
}

/* --- sorting --- */

/* Words are sorted by their first 8 bytes as a number, then the rest. */
struct skey {
	uint64_t key;
	uint32_t idx;
};

static inline int
cmp_words(const struct grams *g, const struct skey *a, const struct skey *b)
{
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return cmp_bytes(g->wbytes + g->woff[a->idx], g->wlen[a->idx],
	                 g->wbytes + g->woff[b->idx], g->wlen[b->idx]);
}

static void
sift_words(const struct grams *g, struct skey *v, size_t r, size_t n)
{
	size_t c;
	struct skey tmp;

	for (; (c = 2 * r + 1) < n; r = c) {
		if (c + 1 < n && cmp_words(g, &v[c], &v[c + 1]) < 0)
			c++;
		if (cmp_words(g, &v[r], &v[c]) >= 0)
			return;
		tmp = v[r]; v[r] = v[c]; v[c] = tmp;
	}
}

/* A quicksort, a heap sort where it goes too deep (adversarial order). */
static void
sort_words(const struct grams *g, struct skey *v, size_t n, int depth)
{
	struct skey piv, tmp;
	size_t i, j, m, k;

	while (n > 16) {
		if (depth-- == 0) {
			for (i = n / 2; i-- > 0;)
				sift_words(g, v, i, n);
			for (i = n; i-- > 1;) {
				tmp = v[0]; v[0] = v[i]; v[i] = tmp;
				sift_words(g, v, 0, i);
			}
			return;
		}
		i = 0;
		j = n;
		m = n / 2;
		if (cmp_words(g, &v[m], &v[0]) < 0) { tmp = v[m]; v[m] = v[0]; v[0] = tmp; }
		if (cmp_words(g, &v[n - 1], &v[m]) < 0) {
			tmp = v[n - 1]; v[n - 1] = v[m]; v[m] = tmp;
			if (cmp_words(g, &v[m], &v[0]) < 0) { tmp = v[m]; v[m] = v[0]; v[0] = tmp; }
		}
		tmp = v[m]; v[m] = v[0]; v[0] = tmp;
		piv = v[0];
		for (;;) {
			do
				i++;
			while (i < n && cmp_words(g, &v[i], &piv) < 0);
			do
				j--;
			while (cmp_words(g, &piv, &v[j]) < 0);
			if (i >= j)
				break;
			tmp = v[i]; v[i] = v[j]; v[j] = tmp;
		}
		v[0] = v[j];
		v[j] = piv;
		if (j < n - j - 1) {
			sort_words(g, v, j, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_words(g, v + j + 1, n - j - 1, depth);
			n = j;
		}
	}
	for (i = 1; i < n; i++) {
		struct skey x = v[i];

		for (k = i; k > 0 && cmp_words(g, &x, &v[k - 1]) < 0; k--)
			v[k] = v[k - 1];
		v[k] = x;
	}
}

/*
 * Ranks the words (1 = the first in byte order) and makes their records in
 * rank order: WREC_SIZE bytes, the word's bytes and its length in the last
 * byte when it has up to WREC_SIZE - 1 bytes (nearly all words: an Arabic
 * word of 15 letters takes 30), else its offset in wbytes and its length
 * (4 bytes) with 0xFF in the last byte.  Spelling a term then reads one
 * record per word, one cache line.
 */
#define WREC_SIZE 32

static int
rank_words(struct grams *g)
{
	size_t nw = g->nwords ? g->nwords : 1, i;
	struct skey *v = malloc(nw * sizeof *v);
	int depth = 2;

	g->rank = malloc(nw * sizeof *g->rank);
	g->byrank = malloc(nw * sizeof *g->byrank);
	g->wrec = calloc(nw, WREC_SIZE);
	if (v == NULL || g->rank == NULL || g->byrank == NULL || g->wrec == NULL) {
		free(v);
		return SAFI_ENOMEM;
	}
	for (i = 0; i < g->nwords; i++) {
		v[i].key = prefix8(g->wbytes + g->woff[i], g->wlen[i]);
		v[i].idx = (uint32_t)i;
	}
	for (i = g->nwords; i > 1; i >>= 1)
		depth += 2;
	sort_words(g, v, g->nwords, depth);
	g->longest = 0;
	for (i = 0; i < g->nwords; i++) {
		uint32_t id = v[i].idx, l = g->wlen[id];
		unsigned char *rec = g->wrec + WREC_SIZE * i;

		g->rank[id] = (uint32_t)(i + 1);
		g->byrank[i] = id;
		if (l < WREC_SIZE) {
			memcpy(rec, g->wbytes + g->woff[id], l);
			rec[WREC_SIZE - 1] = (unsigned char)l;
		} else {
			memcpy(rec, &g->woff[id], 8);
			memcpy(rec + 8, &l, 4);
			rec[WREC_SIZE - 1] = 0xFF;
		}
		if (l > g->longest)
			g->longest = l;
	}
	free(v);
	return 0;
}

/*
 * The distinct terms of sorted keys k[0..m), in order, with their counts:
 * runs of equal keys, and between them the unigrams (ranked words with a
 * count), each before the n-grams it starts.
 */
struct terms_iter {
	const struct grams *g;
	const struct keyspec *ks;
	const uint64_t *k;
	size_t i, m;
	size_t r;                 /* the next rank to look at for a unigram */
	uint64_t ukey[GRAMS_MAX_N];
};

static void
iter_init(struct terms_iter *it, const struct grams *g,
          const struct keyspec *ks, const uint64_t *k, size_t m)
{
	memset(it, 0, sizeof *it);
	it->g = g;
	it->ks = ks;
	it->k = k;
	it->m = m;
	/* unigrams only when ranked (census keys are by id) */
	it->r = ks->rank == g->rank && g->rank && g->nterms1 ? 1 : SIZE_MAX;
}

/* Returns 1 with the next term's key and count, or 0 at the end. */
static inline int
iter_next(struct terms_iter *it, const uint64_t **key, uint64_t *count)
{
	const struct grams *g = it->g;
	size_t kw = it->ks->kw, j;
	unsigned sh = 64 - it->ks->bits;

	if (it->r != SIZE_MAX) {
		while (it->r <= g->nwords && g->count1[g->byrank[it->r - 1]] == 0)
			it->r++;
		if (it->r > g->nwords)
			it->r = SIZE_MAX;
		else if (it->i >= it->m || it->r <= it->k[it->i * kw] >> sh) {
			it->ukey[0] = (uint64_t)it->r << sh;
			*key = it->ukey;
			*count = g->count1[g->byrank[it->r - 1]];
			it->r++;
			return 1;
		}
	}
	if (it->i >= it->m)
		return 0;
	j = it->i + 1;
	if (kw == 1)
		while (j < it->m && it->k[j] == it->k[it->i])
			j++;
	else
		while (j < it->m && key_cmp(it->k + j * kw, it->k + it->i * kw, kw) == 0)
			j++;
	*key = it->k + it->i * kw;
	*count = j - it->i;
	it->i = j;
	return 1;
}

/* The keys of the log, sorted, in a new mapping at *out + room * kw (its
 * size in *bytes), *m of them. */
static int
sorted_keys(const struct grams *g, const struct keyspec *ks,
            const struct scratch *sc, size_t room, uint64_t **out,
            size_t *bytes, size_t *m)
{
	size_t n;

	*out = NULL;
	if (g->nocc > SIZE_MAX / 16 / ks->kw - room)
		return SAFI_ENOMEM;
	n = room + (size_t)g->nocc;
	*bytes = page_round((n ? n : 1) * ks->kw * sizeof **out);
	if ((*out = map_pages(*bytes, 0)) == NULL)
		return SAFI_ENOMEM;
	*m = all_keys(g, ks, sc, *out + room * ks->kw);
	return 0;
}

struct high {
	uint64_t count;
	size_t seq;
};

static int
cmp_high(const void *a, const void *b)
{
	const struct high *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * By count.  Nearly every term has a count of 1: their keys stay where
 * they are, in term order, moved down over the keys of the others (the
 * room at the front takes the unigrams: the terms never pass the keys
 * they come from).  The others go aside with their counts, and a counting
 * sort on the counts below SMALL_COUNTS, which keeps each count's terms in
 * term order, puts them in multi; the few higher counts are sorted by
 * count, then term (their order aside), ahead of them.
 */
static int
group_by_count(struct grams *g, uint64_t *k, size_t bytes, size_t room,
               size_t m)
{
	const struct keyspec *ks = &g->ks;
	size_t kw = ks->kw, d = 0, h = 0, c, *pos = NULL, ones = 0, nside = 0;
	size_t sidebytes, i;
	struct terms_iter it;
	struct high *high = NULL;
	uint64_t *side, *e, count;
	const uint64_t *key;
	int err = SAFI_ENOMEM;

	/* aside: a key and its count; each count of 2 or more takes two
	 * keys, or is a unigram's */
	sidebytes = page_round((room + m / 2 + 1) * (kw + 1) * sizeof *side);
	if ((side = map_pages(sidebytes, 0)) == NULL)
		return SAFI_ENOMEM;
	g->keys = k;
	g->keysbytes = bytes;
	iter_init(&it, g, ks, k + room * kw, m);
	while (iter_next(&it, &key, &count)) {
		if (count == 1) {
			if (kw == 1)
				k[ones] = key[0];
			else if (key != k + ones * kw)
				memmove(k + ones * kw, key, kw * sizeof *key);
			ones++;
			continue;
		}
		e = side + nside++ * (kw + 1);
		memcpy(e, key, kw * sizeof *key);
		e[kw] = count;
	}
	d = ones + nside;
	if (g->gfrom == NULL &&
	    (g->gfrom = malloc(SMALL_COUNTS * sizeof *g->gfrom)) == NULL)
		goto out;
	pos = g->scratch.counts;
	memset(pos, 0, SMALL_COUNTS * sizeof *pos);
	for (i = 0; i < nside; i++) {
		count = side[i * (kw + 1) + kw];
		pos[count < SMALL_COUNTS ? count : 0]++;
	}
	g->nhigh = pos[0];
	/* count c's group starts at gfrom[c], the highest count first */
	for (c = SMALL_COUNTS - 1, g->gfrom[c] = g->nhigh; c > 1; c--)
		g->gfrom[c - 1] = g->gfrom[c] + pos[c];
	g->gfrom[0] = d;
	memcpy(pos, g->gfrom, SMALL_COUNTS * sizeof *pos);
	g->multibytes = page_round((nside + 1) * kw * sizeof *g->multi);
	if ((g->multi = map_pages(g->multibytes, 0)) == NULL) {
		g->multibytes = 0;
		goto out;
	}
	if (g->nhigh && ((high = malloc(g->nhigh * sizeof *high)) == NULL ||
	                 (g->hcount = malloc(g->nhigh * sizeof *g->hcount)) == NULL))
		goto out;
	for (i = 0; i < nside; i++) {
		e = side + i * (kw + 1);
		if (e[kw] < SMALL_COUNTS) {
			memcpy(g->multi + pos[e[kw]]++ * kw, e, kw * sizeof *e);
			continue;
		}
		high[h].count = e[kw];
		high[h++].seq = i;
	}
	if (g->nhigh)
		qsort(high, g->nhigh, sizeof *high, cmp_high);
	for (h = 0; h < g->nhigh; h++) {
		memcpy(g->multi + h * kw, side + high[h].seq * (kw + 1), kw * sizeof *side);
		g->hcount[h] = high[h].count;
	}
	g->nmulti = nside;
	g->nkeys = d;
	g->curc = SMALL_COUNTS - 1;
	err = 0;
out:
	big_free(side, sidebytes);
	free(high);
	return err;
}

/* By term: the distinct terms in place of the sorted keys k[room..] (the
 * room at the front takes the unigrams: the terms never pass the keys
 * they come from), with their counts. */
static int
compact_by_term(struct grams *g, uint64_t *k, size_t room, size_t m)
{
	size_t kw = g->ks.kw, d = 0;
	struct terms_iter it;
	const uint64_t *key;
	uint64_t count;

	g->countsbytes = page_round((room + m + 1) * sizeof *g->counts);
	if ((g->counts = map_pages(g->countsbytes, 0)) == NULL) {
		g->countsbytes = 0;
		return SAFI_ENOMEM;
	}
	iter_init(&it, g, &g->ks, k + room * kw, m);
	while (iter_next(&it, &key, &count)) {
		if (key != k + d * kw)
			memmove(k + d * kw, key, kw * sizeof *key);
		g->counts[d++] = count;
	}
	g->nkeys = d;
	return 0;
}

int
grams_sort(struct grams *g, int by_count)
{
	int want = by_count ? BY_COUNT : BY_TERM, err, over = 0;
	size_t m, bytes, room;
	uint64_t *k;

	if (g->order == want)
		return 0;
	unsort(g);
	if ((err = rank_words(g)) < 0)
		goto fail;
	keyspec_init(&g->ks, g->nwords, g->maxn, g->rank);
	room = g->nterms1;
	if ((err = scratch_alloc(&g->scratch)) < 0 ||
	    (err = sorted_keys(g, &g->ks, &g->scratch, room, &k, &bytes, &m)) < 0)
		goto fail;
	g->stotal = g->df ? sat_add(g->total, m, &over) : g->total;
	if (by_count) {
		err = group_by_count(g, k, bytes, room, m);
	} else {
		err = compact_by_term(g, k, room, m);
		g->keys = k;
		g->keysbytes = bytes;
	}
	if (err < 0)
		goto fail;
	/* room for the longest term: grams_get() then never allocates */
	g->cur.len = 0;
	if ((err = safi_buf_reserve(&g->cur, grams_room(g))) < 0)
		goto fail;
	g->order = want;
	return 0;
fail:
	unsort(g);
	return err;
}

/* Writes the word of rank r at dst (which has room to spare); returns
 * its length. */
static inline size_t
spell_word(const struct grams *g, uint64_t r, char *dst)
{
	const unsigned char *rec = g->wrec + WREC_SIZE * (r - 1);
	uint64_t off;
	uint32_t l;

	if (rec[WREC_SIZE - 1] < WREC_SIZE) {
		memcpy(dst, rec, WREC_SIZE);  /* a fixed copy: no call */
		return rec[WREC_SIZE - 1];
	}
	memcpy(&off, rec, 8);
	memcpy(&l, rec + 8, 4);
	memcpy(dst, g->wbytes + off, l);
	return l;
}

/* Spells the term of key at dst (which has grams_room() bytes); returns
 * its length.  The ranks are taken from the top of each word of the key,
 * shifted out one by one until a rank of 0. */
static inline size_t
spell(const struct grams *g, const uint64_t *key, char *dst)
{
	const struct keyspec *ks = &g->ks;
	unsigned sh = 64 - ks->bits, f;
	size_t at, w;
	uint64_t x = key[0];

	/* a key holds at least one word */
	at = spell_word(g, x >> sh, dst);
	x <<= ks->bits;
	for (w = 0, f = 1;;) {
		for (; f < ks->fit && (x >> sh) != 0; f++, x <<= ks->bits) {
			dst[at++] = ' ';
			at += spell_word(g, x >> sh, dst + at);
		}
		if (f < ks->fit || ++w == ks->kw || (key[w] >> sh) == 0)
			return at;
		x = key[w];
		f = 0;
	}
}

/* Fetches the records of the words of the first word of key. */
static inline void
prefetch_words(const struct grams *g, const uint64_t *key)
{
	unsigned sh = 64 - g->ks.bits;
	uint64_t x;

	for (x = key[0]; (x >> sh) != 0; x <<= g->ks.bits)
		__builtin_prefetch(g->wrec + WREC_SIZE * ((x >> sh) - 1));
}

#define AHEAD_SPELL 8  /* terms whose words are fetched ahead */

/* The key of the i-th term in order. */
static inline const uint64_t *
term_key(const struct grams *g, size_t i)
{
	if (i < g->nmulti)
		return g->multi + i * g->ks.kw;
	return g->keys + (i - g->nmulti) * g->ks.kw;
}

size_t
grams_room(const struct grams *g)
{
	return g->maxn * (g->longest + 1) + WREC_SIZE;
}

uint64_t
grams_count_of(struct grams *g, size_t i)
{
	unsigned c;

	if (g->order == BY_TERM)
		return g->counts[i];
	if (i < g->nhigh)
		return g->hcount[i];
	for (c = g->curc; c > 1 && i >= g->gfrom[c - 1]; c--)
		;
	for (; c < SMALL_COUNTS - 1 && i < g->gfrom[c]; c++)
		;
	g->curc = c;
	return c;
}

size_t
grams_spell(struct grams *g, size_t i, char *dst)
{
	/* terms are read in order, their later words all over the records */
	if (i + AHEAD_SPELL < g->nkeys)
		prefetch_words(g, term_key(g, i + AHEAD_SPELL));
	return spell(g, term_key(g, i), dst);
}

void
grams_get(struct grams *g, size_t i, const char **term, size_t *len,
          uint64_t *count)
{
	*count = grams_count_of(g, i);
	*len = grams_spell(g, i, g->cur.ptr);
	*term = g->cur.ptr;
}

int
grams_sorted(const struct grams *g)
{
	return g->order != UNSORTED;
}

/* --- questions --- */

/* Whether the key is of one word. */
static inline int
key_unigram(const struct keyspec *ks, const uint64_t *key)
{
	return (key[0] >> (64 - 2 * ks->bits) & (((uint64_t)1 << ks->bits) - 1)) == 0;
}

int
grams_each(struct grams *g,
           int (*fn)(void *ctx, const char *term, size_t len, uint64_t count,
                     uint64_t doc),
           void *ctx)
{
	uint64_t *cur = NULL, doc;
	size_t ncur = 0, curbytes = 0, i, j = 0, at, kw;
	int err;

	if ((err = grams_sort(g, 0)) < 0)
		return err;
	kw = g->ks.kw;
	/* with df, the n-grams of the current document (none when it has
	 * no run yet): their last document is this one */
	if (g->df && !g->newdoc && g->loglen > g->docat) {
		at = g->docat;
		ncur = log_keys(g, &g->ks, &at, 1, NULL);
		curbytes = page_round((ncur + 1) * kw * sizeof *cur);
		if ((cur = map_pages(curbytes, 0)) == NULL)
			return SAFI_ENOMEM;
		at = g->docat;
		log_keys(g, &g->ks, &at, 1, cur);
		sort_keys(&g->ks, &g->scratch, cur, ncur);
		ncur = unique_keys(cur, ncur, kw);
	}
	for (i = 0; i < g->nkeys; i++) {
		const uint64_t *key = g->keys + i * kw;

		doc = 0;
		if (g->df && key_unigram(&g->ks, key)) {
			doc = g->doc1[g->byrank[(key[0] >> (64 - g->ks.bits)) - 1]];
		} else if (g->df) {
			while (j < ncur && key_cmp(cur + j * kw, key, kw) < 0)
				j++;
			if (j < ncur && key_cmp(cur + j * kw, key, kw) == 0)
				doc = g->doc;
		}
		g->cur.len = spell(g, key, g->cur.ptr);
		if ((err = fn(ctx, g->cur.ptr, g->cur.len, g->counts[i], doc)) < 0)
			goto out;
	}
	err = 0;
out:
	big_free(cur, curbytes);
	return err;
}

int
grams_has(const struct grams *g, const char *term, size_t len)
{
	uint32_t ids[GRAMS_MAX_N];
	char room[2 * PAD];
	unsigned n = 0;
	size_t a = 0, b, slot, i, k;

	if (g->order != UNSORTED || g->nwords == 0 || g->nwslots == 0)
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
	/* n-grams are only in the log: look for one ending at a word that
	 * counts, in a run that counts n-grams of n words */
	for (i = 0, a = 0; i < g->loglen; i++) {
		uint32_t v = g->log[i];
		unsigned lo, hi;

		if (v >= MARK) {
			lo = (v >> 7) & 0x7F;
			hi = v & 0x7F;
			a = n >= lo && n <= hi ? i + 1 : SIZE_MAX;
			continue;
		}
		if (a == SIZE_MAX || (v & CONTEXT) || i + 1 < a + n)
			continue;
		for (k = 0; k < n && (g->log[i + 1 - n + k] & ID_MASK) == ids[k]; k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

/* Before a sort: the number of distinct n-grams (|distinct|) or of
 * n-gram occurrences (with df, once per document), from keys made of the
 * word ids; SIZE_MAX when there is no memory for them. */
static size_t
census(const struct grams *g, int distinct)
{
	struct keyspec ks;
	uint64_t *k;
	struct scratch sc = {NULL, NULL, NULL};
	size_t bytes, m;

	keyspec_init(&ks, g->nwords, g->maxn, NULL);
	if (!distinct && !g->df)
		return (size_t)g->nocc;
	if (scratch_alloc(&sc) < 0 || sorted_keys(g, &ks, &sc, 0, &k, &bytes, &m) < 0) {
		scratch_free(&sc);
		return SIZE_MAX;
	}
	if (distinct)
		m = unique_keys(k, m, ks.kw);
	big_free(k, bytes);
	scratch_free(&sc);
	return m;
}

size_t
grams_size(const struct grams *g)
{
	size_t m;

	if (g->order != UNSORTED)
		return g->nkeys;
	if (g->nocc == 0)
		return g->nterms1;
	m = census(g, 1);
	return m == SIZE_MAX ? m : g->nterms1 + m;
}

uint64_t
grams_total(const struct grams *g)
{
	size_t m;
	int over = 0;

	if (g->order != UNSORTED)
		return g->stotal;
	if (!g->df || g->nocc == 0)
		return g->total;
	m = census(g, 0);
	return m == SIZE_MAX ? UINT64_MAX : sat_add(g->total, m, &over);
}

size_t
grams_memory(const struct grams *g)
{
	struct keyspec ks;
	size_t b = g->wblen + g->nwslots * 8 + g->capwords * (g->df ? 28 : 20) +
	           g->loglen * sizeof *g->log, n;

	/* word slots double (old and new live together) */
	if ((g->nwords + 1) * 2 > g->nwslots)
		b += g->nwslots * 16;
	/* a sort: the words ranked and in rank order, the keys of the log,
	 * and the terms by count (or by term, their counts) */
	keyspec_init(&ks, g->nwords, g->maxn, NULL);
	n = g->nterms1 + (size_t)g->nocc;
	return b + g->nwords * 32 + g->wblen + 2 * n * ks.kw * 8;
}

void
grams_clear(struct grams *g)
{
	unsort(g);
	if (g->wslots)
		memset(g->wslots, 0, g->nwslots * sizeof *g->wslots);
	g->nwords = 0;
	g->wblen = 0;
	g->nterms1 = 0;
	g->total = 0;
	g->loglen = 0;
	g->nocc = 0;
	g->maxn = 0;
	g->docat = 0;
	g->logdocs = 0;
	g->newdoc = 0;
}
