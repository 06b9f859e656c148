/*
 * dedup.c - document fingerprints (exact hash, MinHash sketch, paragraph
 * hashes) and the index that decides on them (see safi/dedup.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "dedup_impl.h"
#include "fingerprint.h"
#include "safi/error.h"
#include "safi/minhash.h"

/* Seeds of the fingerprints' hashes; changing one changes every
 * fingerprint, so the file formats' version would have to change too. */
#define SEED_WORD 0x5afe0001d0c5eedull
#define SEED_LINE_A 0x5afe0002d0c5eedull
#define SEED_LINE_B 0x5afe0003d0c5eedull
#define SEED_EXACT_A 0x5afe0004d0c5eedull
#define SEED_EXACT_B 0x5afe0005d0c5eedull
#define SHINGLE_MUL 0x9fb21c651e98df25ull  /* odd: the rolling hash's base */
#define SHINGLE_MIX 0xc2b2ae3d27d4eb4full
#define UNIGRAM_MIX 0x165667b19e3779f9ull

#define BATCH 1024          /* shingle hashes handed to the sketch at once */
#define MIN_TABLE_BITS 10
#define MAX_DOCS ((uint64_t)1 << 31)

void
safi_dedup_opts_default(struct safi_dedup_opts *o)
{
	memset(o, 0, sizeof *o);
	o->shingle = 5;
	o->hashes = 128;
	o->bands = 20;
	o->rows = 3;
	o->threshold = 0.8;
	/* normalize --preset=search but for the folds that merge different
	 * spellings (alef, yeh, teh marbuta, hamza, Persian letters, marks):
	 * two texts that differ only in those are not copies of one text */
	o->norm.form = SAFI_FORM_NFKC;
	o->norm.folds = SAFI_NORM_DEFAULT_FOLDS | SAFI_NORM_CASE_FOLD |
	    SAFI_NORM_SPACES | SAFI_NORM_INVISIBLE | SAFI_NORM_PUNCT |
	    SAFI_NORM_TATWEEL | SAFI_NORM_HARAKAT | SAFI_NORM_DIGITS |
	    SAFI_NORM_PRESENTATION;
	o->state_max = 1000000;
	o->state_age = 30;
}

unsigned
safi_dedup_needed_bins(const struct safi_dedup_opts *o)
{
	double t = o->threshold, k = o->hashes;
	double need = ceil(k * (t - 3 * sqrt(t * (1 - t) / k)) - 1e-9);

	return need < 1 ? 1 : need > k ? o->hashes : (unsigned)need;
}

const struct safi_dedup_opts *
safi_dedup_opts(const struct safi_dedup *d)
{
	return &d->o;
}

/* Is the code point punctuation that UAX #29 lets inside a word
 * (MidLetter, MidNum, MidNumLet, ExtendNumLet, quotes), as the "." of
 * "493.3" or the "'" of "don't"? */
static int
is_word_inner_punct(UChar32 c)
{
	switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
	case U_WB_MIDLETTER:
	case U_WB_MIDNUM:
	case U_WB_MIDNUMLET:
	case U_WB_EXTENDNUMLET:
	case U_WB_SINGLE_QUOTE:
	case U_WB_DOUBLE_QUOTE:
		return 1;
	}
	return 0;
}

int
safi_dedup_new(struct safi_dedup **out, const struct safi_dedup_opts *o)
{
	struct safi_dedup *d;
	struct safi_dedup_opts def;
	UChar32 c;
	int err;

	*out = NULL;
	if (o == NULL) {
		safi_dedup_opts_default(&def);
		o = &def;
	}
	if (o->shingle < 1 || o->shingle > SAFI_DEDUP_MAX_SHINGLE ||
	    !safi_minhash_valid_bins(o->hashes) || o->bands < 1 || o->rows < 1 ||
	    (uint64_t)o->bands * o->rows > o->hashes ||
	    !(o->threshold > 0 && o->threshold <= 1))
		return SAFI_EINVAL;
	if ((d = calloc(1, sizeof *d)) == NULL)
		return SAFI_ENOMEM;
	d->o = *o;
	for (c = 0; c < 0x800; c++)
		d->inner_punct[c] = (uint8_t)is_word_inner_punct(c);
	d->needed = safi_dedup_needed_bins(o);
	d->oldest_weight = 1;
	for (c = 1; c < (UChar32)o->shingle; c++)
		d->oldest_weight *= SHINGLE_MUL;
	d->gen = 1;
	if ((err = safi_normalizer_new(&d->nz, &o->norm)) < 0 ||
	    (err = safi_words_new(&d->words, 0)) < 0) {
		safi_dedup_free(d);
		return err;
	}
	d->batch = malloc(BATCH * sizeof *d->batch);
	d->bins = malloc(o->hashes * sizeof *d->bins);
	d->sketch = malloc(o->hashes * sizeof *d->sketch);
	d->probes = safi_minhash_probes_new(o->hashes);
	d->band_tabs = calloc(o->bands, sizeof *d->band_tabs);
	if (!d->batch || !d->bins || !d->sketch || !d->probes || !d->band_tabs) {
		safi_dedup_free(d);
		return SAFI_ENOMEM;
	}
	dedup_reset_document(d);
	*out = d;
	return 0;
}

void
safi_dedup_free(struct safi_dedup *d)
{
	if (d == NULL)
		return;
	dedup_index_clear(d);
	safi_normalizer_free(d->nz);
	safi_words_free(d->words);
	safi_buf_free(&d->norm);
	safi_word_spans_free(&d->spans);
	safi_buf_free(&d->label);
	free(d->batch);
	free(d->bins);
	free(d->sketch);
	safi_minhash_probes_free(d->probes);
	free(d->paras);
	free(d->drops);
	free(d->drop_docs);
	free(d->band_tabs);
	free(d);
}

void
safi_dedup_clear(struct safi_dedup *d)
{
	dedup_index_clear(d);
	d->gen = 1;
	d->label.len = 0;
	safi_normalizer_reset(d->nz);
	dedup_reset_document(d);
}

/* ---- fingerprints -------------------------------------------------------- */

void
dedup_reset_document(struct safi_dedup *d)
{
	d->exact[0] = SEED_EXACT_A;
	d->exact[1] = SEED_EXACT_B;
	d->nwords = 0;
	d->nlines = 0;
	d->roll = 0;
	d->nbatch = 0;
	d->nparas = 0;
	d->has_sketch = 0;
	safi_minhash_clear(d->bins, d->o.hashes);
}

int
dedup_set_label(struct safi_dedup *d, const char *s, size_t n)
{
	size_t i;
	int err;

	if (n > SAFI_DEDUP_MAX_LABEL) {
		n = SAFI_DEDUP_MAX_LABEL;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;  /* not inside a character */
	}
	d->label.len = 0;
	if ((err = safi_buf_append(&d->label, s, n)) < 0)
		return err;
	/* a label goes into tab-separated rows and line-based files */
	for (i = 0; i < n; i++)
		if ((unsigned char)d->label.ptr[i] < 0x20 || d->label.ptr[i] == 0x7f)
			d->label.ptr[i] = ' ';
	return 0;
}

int
safi_dedup_begin(struct safi_dedup *d, const char *label, size_t len)
{
	dedup_reset_document(d);
	return dedup_set_label(d, label, len);
}

void
safi_dedup_label(const struct safi_dedup *d, const char **s, size_t *n)
{
	*s = d->label.ptr ? d->label.ptr : "";
	*n = d->label.len;
}

static void
flush_batch(struct safi_dedup *d)
{
	safi_minhash_add(d->bins, d->o.hashes, d->batch, d->nbatch);
	d->nbatch = 0;
}

/*
 * Words enter a ring of the last |shingle| word hashes and a rolling hash
 * over it, roll = sum of w[i - j] * M^j for the last n words; each full
 * window is one shingle, whose hash is the rolling hash mixed so that its
 * top bits (the sketch's bin) and low bits (the value) are independent.
 */
static void
add_word(struct safi_dedup *d, const char *s, size_t n)
{
	unsigned sh = d->o.shingle, slot = (unsigned)(d->nwords % sh);
	uint64_t w = safi_hash64(SEED_WORD, s, n);

	if (d->nwords >= sh)
		d->roll -= d->ring[slot] * d->oldest_weight;
	d->roll = d->roll * SHINGLE_MUL + w;
	d->ring[slot] = w;
	if (++d->nwords >= sh) {
		d->batch[d->nbatch++] = safi_mix64(d->roll ^ SHINGLE_MIX);
		if (d->nbatch == BATCH)
			flush_batch(d);
	}
}

/* The byte length of the character at s[0] (well-formed UTF-8, as the
 * normalizer writes it); *punct says whether it is punctuation inside a
 * word. */
static inline size_t
char_at(const struct safi_dedup *d, const unsigned char *s, int *punct)
{
	unsigned c = s[0];

	if (c < 0x80) {
		*punct = d->inner_punct[c];
		return 1;
	}
	if (c < 0xE0) {
		*punct = d->inner_punct[(c & 0x1Fu) << 6 | (s[1] & 0x3Fu)];
		return 2;
	}
	if (c >= 0xF0) {
		*punct = 0;
		return 4;
	}
	/* above U+07FF only U+2000..U+206F and U+FE10..U+FF3F hold any */
	*punct = (c == 0xE2 || c == 0xEF) &&
	    is_word_inner_punct((UChar32)((c & 0x0Fu) << 12 | (s[1] & 0x3Fu) << 6 |
	                                  (s[2] & 0x3Fu)));
	return 3;
}

/*
 * Each word is cut at the punctuation UAX #29 keeps inside words, so that
 * "493.3" and "493. 3", or "l'État" and "l' État", give the same words:
 * copies differ in such typography more than in their words.
 */
static void
add_words(struct safi_dedup *d, const char *base, const size_t *spans, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const unsigned char *s = (const unsigned char *)base + spans[2 * i];
		size_t len = spans[2 * i + 1], k = 0, from = 0;

		while (k < len) {
			int punct;
			size_t l = char_at(d, s + k, &punct);

			k += l;
			if (punct) {
				if (k - l > from)
					add_word(d, (const char *)s + from, k - l - from);
				from = k;
			}
		}
		if (len > from)
			add_word(d, (const char *)s + from, len - from);
	}
}

int
dedup_add_para(struct safi_dedup *d, uint64_t hash)
{
	if (d->nparas == d->cap_paras) {
		size_t cap = d->cap_paras ? 2 * d->cap_paras : 64;
		struct dedup_para *p = realloc(d->paras, cap * sizeof *p);

		if (p == NULL)
			return SAFI_ENOMEM;
		d->paras = p;
		d->cap_paras = cap;
	}
	d->paras[d->nparas].line = d->nlines;
	d->paras[d->nparas].hash = hash;
	d->nparas++;
	return 0;
}

int
safi_dedup_line(struct safi_dedup *d, const char *s, size_t n)
{
	uint64_t la, lb;
	int err;

	d->norm.len = 0;
	if ((err = safi_normalize(d->nz, s, n, &d->norm)) < 0) {
		safi_normalizer_reset(d->nz);
		return err;
	}
	if (d->norm.len == 0) {
		d->nlines++;
		return 0;  /* a blank line changes nothing */
	}
	la = safi_hash64(SEED_LINE_A, d->norm.ptr, d->norm.len);
	lb = safi_hash64(SEED_LINE_B, d->norm.ptr, d->norm.len);
	d->exact[0] = safi_hash_pair(d->exact[0], la);
	d->exact[1] = safi_hash_pair(d->exact[1], lb);
	if (!d->o.exact_only || d->o.paragraph_words) {
		if ((err = safi_words_spans(d->words, d->norm.ptr, d->norm.len,
		                            &d->spans)) < 0)
			return err;
		if (!d->o.exact_only)
			add_words(d, d->norm.ptr, d->spans.v, d->spans.n);
		if (d->o.paragraph_words && d->spans.n >= d->o.paragraph_words &&
		    (err = dedup_add_para(d, la)) < 0)
			return err;
	}
	d->nlines++;
	return 0;
}

int
safi_dedup_end(struct safi_dedup *d)
{
	unsigned k = d->o.hashes;

	d->has_sketch = 0;
	if (d->o.exact_only || d->nwords == 0)
		return 0;
	if (d->nwords < d->o.shingle) {
		/* Too short for one shingle: the set of its words, as the
		 * Jaccard similarity of short texts is usually taken. */
		uint64_t i;

		for (i = 0; i < d->nwords; i++)
			d->batch[d->nbatch++] = safi_mix64(d->ring[i] ^ UNIGRAM_MIX);
	}
	flush_batch(d);
	if (safi_minhash_densify(d->bins, k, d->probes) < 0)
		return 0;
	safi_minhash_sketch(d->bins, k, d->sketch);
	d->has_sketch = 1;
	dedup_sketch_keys(d);
	return 0;
}

void
dedup_sketch_keys(struct safi_dedup *d)
{
	if (d->has_sketch)
		safi_minhash_bands(d->sketch, d->o.bands, d->o.rows, d->keys);
}

/* ---- the index ----------------------------------------------------------- */

static uint64_t
slots_for(uint64_t n)
{
	uint64_t size = (uint64_t)1 << MIN_TABLE_BITS;

	while (n * 10 > size * 7)
		size *= 2;
	return size;
}

static unsigned
bits_of(uint64_t size)
{
	unsigned b = 0;

	while (((uint64_t)1 << b) < size)
		b++;
	return b;
}

/*
 * The band tables and the exact table hold 64-bit slots: a 32-bit key (a
 * band key, or the top half of an exact hash) above doc + 1 (0 is empty).
 * A band key keeps the first document that had it; the exact table takes
 * every document, since keys of other hashes may be equal.
 */
static inline uint64_t
slot_pos(uint32_t key, unsigned bits)
{
	return (uint32_t)(key * 0x9E3779B1u) >> (32 - bits);
}

/* Returns doc + 1 of the first document with this key, or 0. */
static uint64_t
band_find(const struct slot_table *t, uint32_t key)
{
	uint64_t mask, i;

	if (t->slot == NULL)
		return 0;
	mask = ((uint64_t)1 << t->bits) - 1;
	for (i = slot_pos(key, t->bits);; i = (i + 1) & mask) {
		uint64_t s = t->slot[i];

		if (s == 0)
			return 0;
		if ((uint32_t)(s >> 32) == key)
			return s & 0xFFFFFFFFu;
	}
}

/* Adds |doc| under |key|; with |first| not when the key is there. */
static void
slot_put(struct slot_table *t, uint32_t key, uint64_t doc, int first)
{
	uint64_t mask = ((uint64_t)1 << t->bits) - 1, i;

	for (i = slot_pos(key, t->bits); t->slot[i] != 0; i = (i + 1) & mask)
		if (first && (uint32_t)(t->slot[i] >> 32) == key)
			return;
	t->slot[i] = (uint64_t)key << 32 | (doc + 1);
	t->n++;
}

static int
slot_resize(struct safi_dedup *d, struct slot_table *t, uint64_t size)
{
	struct slot_table nt = {NULL, 0, bits_of(size)};
	uint64_t i;

	if ((nt.slot = calloc(size, sizeof *nt.slot)) == NULL)
		return SAFI_ENOMEM;
	if (t->slot) {
		for (i = 0; i < ((uint64_t)1 << t->bits); i++)
			if (t->slot[i])
				slot_put(&nt, (uint32_t)(t->slot[i] >> 32),
				         (t->slot[i] & 0xFFFFFFFFu) - 1, 0);
		free(t->slot);
		d->memory -= ((uint64_t)1 << t->bits) * sizeof *t->slot;
	}
	d->memory += size * sizeof *nt.slot;
	*t = nt;
	return 0;
}

/* Returns doc + 1 of the document with this exact hash, or 0. */
static uint64_t
exact_find(const struct safi_dedup *d, const uint64_t *h)
{
	const struct slot_table *t = &d->exact_tab;
	uint32_t key = (uint32_t)(h[0] >> 32);
	uint64_t mask, i;

	if (t->slot == NULL)
		return 0;
	mask = ((uint64_t)1 << t->bits) - 1;
	for (i = slot_pos(key, t->bits);; i = (i + 1) & mask) {
		uint64_t s = t->slot[i], doc;

		if (s == 0)
			return 0;
		doc = (s & 0xFFFFFFFFu) - 1;
		if ((uint32_t)(s >> 32) == key && d->docs[doc].exact[0] == h[0] &&
		    d->docs[doc].exact[1] == h[1])
			return doc + 1;
	}
}

static struct para_slot *
para_find(const struct para_table *t, uint64_t hash)
{
	uint64_t mask, i;

	if (t->slot == NULL)
		return NULL;
	mask = ((uint64_t)1 << t->bits) - 1;
	for (i = hash >> (64 - t->bits);; i = (i + 1) & mask) {
		struct para_slot *s = &t->slot[i];

		if (s->doc == 0)
			return NULL;
		if (s->hash == hash)
			return s;
	}
}

static void
para_put(struct para_table *t, uint64_t hash, uint32_t doc1, uint32_t gen)
{
	uint64_t mask = ((uint64_t)1 << t->bits) - 1, i;

	for (i = hash >> (64 - t->bits); t->slot[i].doc != 0; i = (i + 1) & mask)
		if (t->slot[i].hash == hash)
			return;
	t->slot[i].hash = hash;
	t->slot[i].doc = doc1;
	t->slot[i].gen = gen;
	t->n++;
}

static int
para_resize(struct safi_dedup *d, uint64_t size)
{
	struct para_table *t = &d->para_tab, nt = {NULL, 0, bits_of(size)};
	uint64_t i;

	if ((nt.slot = calloc(size, sizeof *nt.slot)) == NULL)
		return SAFI_ENOMEM;
	if (t->slot) {
		for (i = 0; i < ((uint64_t)1 << t->bits); i++)
			if (t->slot[i].doc)
				para_put(&nt, t->slot[i].hash, t->slot[i].doc, t->slot[i].gen);
		free(t->slot);
		d->memory -= ((uint64_t)1 << t->bits) * sizeof *t->slot;
	}
	d->memory += size * sizeof *nt.slot;
	*t = nt;
	return 0;
}

/* The sketch values kept per document: none with opts.exact_only. */
static uint64_t
sketch_len(const struct safi_dedup *d)
{
	return d->o.exact_only ? 0 : d->o.hashes;
}

static uint64_t
table_size(const void *slot, unsigned bits)
{
	return slot ? (uint64_t)1 << bits : 0;
}

uint64_t
table_size_of(const struct para_table *t)
{
	return table_size(t->slot, t->bits);
}

/* The bytes the index grows by when a document (with |nparas| new
 * paragraphs) is added; 0 for the tables that have room. */
static uint64_t
growth(const struct safi_dedup *d, uint64_t nparas)
{
	uint64_t g = 0, size, need;
	unsigned b;

	if (d->ndocs == d->cap_docs) {
		uint64_t cap = d->cap_docs ? 2 * d->cap_docs : 1024;

		g += (cap - d->cap_docs) * (sizeof *d->docs + sketch_len(d) * sizeof *d->sketches);
	}
	if (d->labels.len + d->label.len > d->labels.cap)
		g += d->labels.cap > 256 ? d->labels.cap : 256;
	size = table_size(d->exact_tab.slot, d->exact_tab.bits);
	if ((need = slots_for(d->exact_tab.n + 1)) > size)
		g += (need - size) * sizeof(uint64_t);
	if (d->has_sketch)
		for (b = 0; b < d->o.bands; b++) {
			const struct slot_table *t = &d->band_tabs[b];

			size = table_size(t->slot, t->bits);
			if ((need = slots_for(t->n + 1)) > size)
				g += (need - size) * sizeof(uint64_t);
		}
	if (nparas) {
		size = table_size(d->para_tab.slot, d->para_tab.bits);
		if ((need = slots_for(d->para_tab.n + nparas)) > size)
			g += (need - size) * sizeof(struct para_slot);
	}
	return g;
}

static int
over_ceiling(const struct safi_dedup *d, uint64_t nparas)
{
	return d->o.max_memory && d->memory + growth(d, nparas) > d->o.max_memory;
}

int
dedup_index_para(struct safi_dedup *d, uint64_t hash, uint32_t doc, uint32_t gen)
{
	uint64_t need = slots_for(d->para_tab.n + 1);
	int err;

	if (para_find(&d->para_tab, hash))
		return 0;
	if (need > table_size(d->para_tab.slot, d->para_tab.bits)) {
		if (over_ceiling(d, 1))
			return 1;
		if ((err = para_resize(d, need)) < 0)
			return err;
	}
	para_put(&d->para_tab, hash, doc + 1, gen);
	return 0;
}

int
dedup_index_current(struct safi_dedup *d, uint32_t gen, int paras)
{
	uint64_t doc = d->ndocs, need, k = sketch_len(d);
	struct dedup_doc *rec;
	unsigned b;
	size_t i;
	int err;

	if (doc >= MAX_DOCS || over_ceiling(d, paras ? d->nparas : 0))
		return 1;
	if (d->ndocs == d->cap_docs) {
		uint64_t cap = d->cap_docs ? 2 * d->cap_docs : 1024;
		struct dedup_doc *docs = realloc(d->docs, cap * sizeof *docs);
		uint16_t *sk = NULL;

		if (docs == NULL)
			return SAFI_ENOMEM;
		d->docs = docs;
		if (k && (sk = realloc(d->sketches, cap * k * sizeof *sk)) == NULL)
			return SAFI_ENOMEM;
		if (k)
			d->sketches = sk;
		d->memory += (cap - d->cap_docs) * (sizeof *docs + k * sizeof *sk);
		d->cap_docs = cap;
	}
	if (d->labels.len + d->label.len > d->labels.cap) {
		size_t before = d->labels.cap;

		if ((err = safi_buf_reserve(&d->labels, d->label.len)) < 0)
			return err;
		d->memory += d->labels.cap - before;
	}
	if ((need = slots_for(d->exact_tab.n + 1)) >
	    table_size(d->exact_tab.slot, d->exact_tab.bits) &&
	    (err = slot_resize(d, &d->exact_tab, need)) < 0)
		return err;
	if (d->has_sketch) {
		for (b = 0; b < d->o.bands; b++) {
			struct slot_table *t = &d->band_tabs[b];

			if ((need = slots_for(t->n + 1)) > table_size(t->slot, t->bits) &&
			    (err = slot_resize(d, t, need)) < 0)
				return err;
		}
	}
	if (paras && d->nparas && (need = slots_for(d->para_tab.n + d->nparas)) >
	    table_size(d->para_tab.slot, d->para_tab.bits) &&
	    (err = para_resize(d, need)) < 0)
		return err;

	rec = &d->docs[doc];
	rec->label = d->labels.len;
	rec->label_len = (uint32_t)d->label.len | (d->has_sketch ? DOC_HAS_SKETCH : 0);
	rec->gen = gen;
	safi_buf_append(&d->labels, d->label.ptr, d->label.len);  /* room reserved */
	if (d->has_sketch)
		memcpy(d->sketches + doc * k, d->sketch, k * sizeof *d->sketch);
	else if (k)
		memset(d->sketches + doc * k, 0, k * sizeof *d->sketch);
	rec->exact[0] = d->exact[0];
	rec->exact[1] = d->exact[1];
	/* a copy is never added twice, but a hand-made state may hold one */
	if (exact_find(d, d->exact) == 0)
		slot_put(&d->exact_tab, (uint32_t)(d->exact[0] >> 32), doc, 0);
	d->ndocs++;
	if (d->has_sketch)
		for (b = 0; b < d->o.bands; b++)
			slot_put(&d->band_tabs[b], d->keys[b], doc, 1);
	if (paras)
		for (i = 0; i < d->nparas; i++)
			para_put(&d->para_tab, d->paras[i].hash, (uint32_t)doc + 1, gen);
	return 0;
}

void
dedup_index_clear(struct safi_dedup *d)
{
	unsigned b;

	free(d->docs);
	free(d->sketches);
	safi_buf_free(&d->labels);
	free(d->exact_tab.slot);
	free(d->para_tab.slot);
	if (d->band_tabs)
		for (b = 0; b < d->o.bands; b++) {
			free(d->band_tabs[b].slot);
			memset(&d->band_tabs[b], 0, sizeof d->band_tabs[b]);
		}
	d->docs = NULL;
	d->sketches = NULL;
	d->ndocs = d->cap_docs = 0;
	memset(&d->exact_tab, 0, sizeof d->exact_tab);
	memset(&d->para_tab, 0, sizeof d->para_tab);
	d->memory = 0;
}

static void
doc_label(const struct safi_dedup *d, uint64_t doc, const char **s, size_t *n)
{
	*s = d->labels.ptr + d->docs[doc].label;
	*n = d->docs[doc].label_len & LABEL_SIZE_MASK;
}

/* The earlier document most like the current one among those that share a
 * band with it (ties: the earliest).  Returns doc + 1, or 0 when none has
 * opts.needed bins in common; *agree gets the bins in common. */
static uint64_t
best_candidate(const struct safi_dedup *d, unsigned *agree)
{
	uint64_t cand[SAFI_MINHASH_MAX_BINS], best = 0;
	unsigned b, n = 0, i, k = d->o.hashes, best_agree = 0;

	for (b = 0; b < d->o.bands; b++) {
		uint64_t c = band_find(&d->band_tabs[b], d->keys[b]);

		if (c == 0)
			continue;
		for (i = 0; i < n && cand[i] != c; i++)
			;
		if (i == n)
			cand[n++] = c;
	}
	for (i = 0; i < n; i++) {
		unsigned a = safi_minhash_agree(d->sketch, d->sketches + (cand[i] - 1) * k, k);

		if (a > best_agree || (a == best_agree && a > 0 && cand[i] < best)) {
			best_agree = a;
			best = cand[i];
		}
	}
	*agree = best_agree;
	return best_agree >= d->needed ? best : 0;
}

int
safi_dedup_decide(struct safi_dedup *d, struct safi_dedup_verdict *v)
{
	uint64_t e;
	unsigned agree;
	size_t i, nd = 0;
	int rc;

	memset(v, 0, sizeof *v);
	v->reason = SAFI_DEDUP_NEW;
	if ((e = exact_find(d, d->exact)) != 0) {
		v->reason = SAFI_DEDUP_EXACT;
		v->similarity = 1;
		v->agree = v->hashes = 1;
		doc_label(d, e - 1, &v->earlier, &v->earlier_len);
		d->docs[e - 1].gen = d->gen;
		return 0;
	}
	if (d->has_sketch && (e = best_candidate(d, &agree)) != 0) {
		v->reason = SAFI_DEDUP_NEAR;
		v->agree = agree;
		v->hashes = d->o.hashes;
		v->similarity = safi_minhash_similarity(agree, d->o.hashes);
		d->docs[e - 1].gen = d->gen;
	}
	if (v->reason == SAFI_DEDUP_NEW && d->nparas) {
		if (d->cap_drops < d->nparas) {
			struct safi_dedup_drop *p = realloc(d->drops, d->nparas * sizeof *p);
			uint32_t *q;

			if (p == NULL)
				return SAFI_ENOMEM;
			d->drops = p;
			if ((q = realloc(d->drop_docs, d->nparas * sizeof *q)) == NULL)
				return SAFI_ENOMEM;
			d->drop_docs = q;
			d->cap_drops = d->nparas;
		}
		for (i = 0; i < d->nparas; i++) {
			struct para_slot *s = para_find(&d->para_tab, d->paras[i].hash);

			if (s == NULL)
				continue;
			s->gen = d->gen;
			d->docs[s->doc - 1].gen = d->gen;
			d->drops[nd].line = d->paras[i].line;
			d->drop_docs[nd++] = s->doc - 1;
		}
	}
	rc = dedup_index_current(d, d->gen, v->reason == SAFI_DEDUP_NEW);
	if (rc < 0)
		return rc;
	/* Labels are resolved once the index stopped moving its memory. */
	if (v->reason == SAFI_DEDUP_NEAR)
		doc_label(d, e - 1, &v->earlier, &v->earlier_len);
	for (i = 0; i < nd; i++)
		doc_label(d, d->drop_docs[i], &d->drops[i].earlier,
		          &d->drops[i].earlier_len);
	v->ndrops = nd;
	v->drops = d->drops;
	return rc;
}

uint64_t
safi_dedup_size(const struct safi_dedup *d)
{
	return d->ndocs;
}

uint64_t
safi_dedup_memory(const struct safi_dedup *d)
{
	return d->memory;
}
