/*
 * dedup_impl.h - the deduplicator's insides, shared by lib/dedup.c (the
 * fingerprints and the index) and lib/dedup_file.c (their text formats).
 * Not installed.
 */
#ifndef SAFI_DEDUP_IMPL_H
#define SAFI_DEDUP_IMPL_H

#include <stdint.h>

#include "safi/dedup.h"
#include "safi/minhash.h"
#include "safi/words.h"

/* A paragraph of the current document: its line and the hash of its
 * normalized text. */
struct dedup_para {
	uint64_t line;
	uint64_t hash;
};

/* A document in the index. */
struct dedup_doc {
	uint64_t exact[2];    /* the hash of its normalized lines */
	uint64_t label;       /* offset of its label in d->labels */
	uint32_t label_len;   /* with DOC_HAS_SKETCH when it has a sketch */
	uint32_t gen;         /* the run that last matched it (or added it) */
};

#define DOC_HAS_SKETCH 0x80000000u
#define LABEL_SIZE_MASK 0x7fffffffu

/* Open-addressing tables with linear probing, at most 70% full. */
struct slot_table {       /* a 32-bit key -> documents (see lib/dedup.c) */
	uint64_t *slot;       /* key << 32 | (doc + 1); 0 is empty */
	uint64_t n;
	unsigned bits;
};

struct para_slot {
	uint64_t hash;
	uint32_t doc;         /* doc + 1; 0 is empty */
	uint32_t gen;         /* the run that last saw it */
};

struct para_table {
	struct para_slot *slot;
	uint64_t n;
	unsigned bits;
};

struct safi_dedup {
	struct safi_dedup_opts o;
	unsigned needed;          /* bins that must agree for a near duplicate */
	uint8_t inner_punct[0x800];  /* punctuation inside words, below U+0800 */
	struct safi_normalizer *nz;
	struct safi_words *words;
	struct safi_buf norm;     /* the line being fingerprinted, normalized */
	struct safi_word_spans spans;

	/* the current document */
	struct safi_buf label;
	uint64_t exact[2];
	uint64_t nwords;
	uint64_t nlines;
	uint64_t ring[SAFI_DEDUP_MAX_SHINGLE];  /* the last words' hashes */
	uint64_t roll;            /* rolling hash of the words in the ring */
	uint64_t oldest_weight;   /* M^(shingle - 1), the oldest word's in it */
	uint64_t *batch;          /* shingle hashes waiting for the sketch */
	size_t nbatch;
	uint32_t *bins;
	struct safi_minhash_probes *probes;
	uint16_t *sketch;
	uint32_t keys[SAFI_MINHASH_MAX_BINS];  /* the sketch's band keys */
	int has_sketch;
	struct dedup_para *paras;
	size_t nparas, cap_paras;
	struct safi_dedup_drop *drops;
	uint32_t *drop_docs;       /* the document each drop was seen in */
	size_t cap_drops;

	/* the index */
	uint32_t gen;
	struct dedup_doc *docs;
	uint64_t ndocs, cap_docs;
	uint16_t *sketches;       /* hashes per document, in document order */
	struct safi_buf labels;
	struct slot_table exact_tab;   /* the exact hashes' top halves */
	struct slot_table *band_tabs;  /* a table per band */
	struct para_table para_tab;
	uint64_t memory;
};

/* Computes the band keys of the current document's sketch (when it has
 * one). */
void dedup_sketch_keys(struct safi_dedup *d);

/* Empties the current document. */
void dedup_reset_document(struct safi_dedup *d);

/* Adds the current document (its fingerprint) to the index as the
 * document of generation |gen|, and its paragraphs when |paras| is set.
 * Returns 0, 1 when it does not fit opts.max_memory, or SAFI_ENOMEM. */
int dedup_index_current(struct safi_dedup *d, uint32_t gen, int paras);

/* Adds a paragraph of document |doc| seen in run |gen| (nothing when the
 * hash is there already).  Returns 0, 1 past the ceiling, or SAFI_ENOMEM. */
int dedup_index_para(struct safi_dedup *d, uint64_t hash, uint32_t doc,
                     uint32_t gen);

/* Adds a paragraph of the current document at line d->nlines.  Returns 0
 * or SAFI_ENOMEM. */
int dedup_add_para(struct safi_dedup *d, uint64_t hash);

/* The number of slots of the paragraph table. */
uint64_t table_size_of(const struct para_table *t);

/* Empties the index. */
void dedup_index_clear(struct safi_dedup *d);

/* Sets the current document's label (sanitized and cut). */
int dedup_set_label(struct safi_dedup *d, const char *s, size_t n);

#endif
