/*
 * grams.h - n-gram counts keyed by word ids, inside the library only (not
 * installed): the representation a struct safi_terms takes for n-grams.
 *
 * Counting n-grams as strings stores the bytes of every distinct n-gram and
 * hashes and compares them at each occurrence.  A struct grams interns each
 * word once (a dense id), keeps unigram counts per word, and logs the ids
 * of each run of words (4 bytes a word); the n-grams (n >= 2) are counted
 * when the table is sorted, by sorting keys made of their words' ranks.
 * Its terms are the words joined by one space.
 *
 * That needs words without a byte <= 0x20 (a space or a control): then a
 * term's bytes compare as the tuple of its words' bytes, shorter tuples
 * first, and no two tuples make the same term.  grams_word() refuses any
 * other word, and the caller counts its terms as strings instead.
 *
 * Sorting ranks the words by their bytes; after it the table hands out its
 * terms in either order of safi_terms_sort() and takes no more counts
 * until grams_clear().
 */
#ifndef SAFI_GRAMS_H
#define SAFI_GRAMS_H

#include <stddef.h>
#include <stdint.h>

#include "safi/buf.h"

struct grams;

#define GRAMS_MAX_N 64

/* Creates an empty table; |df|: count each term once per document, the
 * current one numbered |doc|.  Returns 0 or SAFI_ENOMEM. */
int grams_new(struct grams **out, int df, uint64_t doc, const uint64_t *seed);

void grams_free(struct grams *g);

/* The ids of the n words w[k][0..len[k]) in ids[k] (16 readable bytes
 * must follow each word of up to 16 bytes), each interned when new; *done:
 * how many have their ids.  Returns 0, SAFI_EINVAL (a word holds a byte
 * <= 0x20, or is empty, or the table is sorted), SAFI_ENOMEM or
 * SAFI_ETOOBIG. */
int grams_words(struct grams *g, const char *const *w, const size_t *len,
                size_t n, uint32_t *ids, size_t *done);

/* Counts the n-grams, min_n <= n <= max_n, of the run of words ids[0..n)
 * that end at ids[from] or later (the earlier ones were counted with the
 * text before).  Returns 0 or SAFI_ENOMEM, SAFI_ETOOBIG (the log passes
 * 2^32 words), SAFI_EINVAL (after a sort). */
int grams_count(struct grams *g, const uint32_t *ids, size_t n, size_t from,
                unsigned min_n, unsigned max_n);

void grams_end_doc(struct grams *g);

/* Distinct terms, the sum of the counts, and the bytes held (with what the
 * next growth or sort takes), as safi_terms_size/total/memory.  Before a
 * sort, the number of distinct n-grams (and with df their total) is found
 * by sorting keys in memory of its own: SIZE_MAX (UINT64_MAX) when there
 * is none. */
size_t grams_size(const struct grams *g);
uint64_t grams_total(const struct grams *g);
size_t grams_memory(const struct grams *g);

/* Sorts (by_count: highest count first, ties by the term's bytes; else by
 * the bytes).  Returns 0 or SAFI_ENOMEM (the table is then unsorted, its
 * counts kept). */
int grams_sort(struct grams *g, int by_count);

/* The i-th term in sorted order, its bytes valid until the next call.
 * Fastest when i follows the i of the call before. */
void grams_get(struct grams *g, size_t i, const char **term, size_t *len,
               uint64_t *count);

/* The bytes grams_spell() may write: the longest term and some to spare. */
size_t grams_room(const struct grams *g);

/* The count of the i-th term in sorted order, and its bytes written at dst
 * (grams_room() bytes) with their length returned: grams_get() without a
 * copy. */
uint64_t grams_count_of(struct grams *g, size_t i);
size_t grams_spell(struct grams *g, size_t i, char *dst);

/* Whether the table was sorted (and takes no counts until cleared). */
int grams_sorted(const struct grams *g);

/* Whether |term| is counted (before a sort; an n-gram is looked for in
 * the log, word by word). */
int grams_has(const struct grams *g, const char *term, size_t len);

/* Sorts by term, then calls fn for every term with its count and, for df,
 * the last document that counted it (or 0: not the current one).  Stops at
 * fn's first error. */
int grams_each(struct grams *g,
               int (*fn)(void *ctx, const char *term, size_t len,
                         uint64_t count, uint64_t doc),
               void *ctx);

/* Empties the table (keeps memory for reuse where it can). */
void grams_clear(struct grams *g);

#endif
