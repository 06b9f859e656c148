/*
 * safi/terms.h - exact term counts: a hash table of terms, n-grams and
 * document frequencies, sorted runs and their merge.
 *
 * A struct safi_terms holds each distinct term once, in an arena (count,
 * length and bytes, no per-term allocation), found through an
 * open-addressing table of 8-byte slots keyed by a hash seeded at random
 * for each table, so that crafted input cannot make the table degrade.
 * Output order never depends on the seed: it is sorted.
 *
 * Sorted runs let a program count more terms than fit in memory: write the
 * table out as a run (safi_terms_write_run), clear it, go on, and merge the
 * runs (struct safi_terms_merger) - the sums are the same as if everything
 * had been counted at once.  Runs are a private binary format (varint
 * count, varint length, bytes), written through a caller's writer and read
 * back through a caller's read callback; the library opens no file.
 *
 * A struct safi_counter turns lines of text into terms: word segments
 * (safi/words.h), each folded by an optional caller-supplied fold, dropped
 * when it folds to nothing, is a stop word or is shorter than a minimum,
 * then joined into n-grams that never cross a dropped word, a line end or
 * a document.
 */
#ifndef SAFI_TERMS_H
#define SAFI_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "buf.h"
#include "reader.h"
#include "writer.h"

SAFI_BEGIN_DECLS

struct safi_terms;

#define SAFI_TERMS_DF 1u  /* count each term at most once per document */

enum safi_terms_order {
	SAFI_TERMS_BY_COUNT,  /* highest count first, ties by the term's bytes */
	SAFI_TERMS_BY_TERM    /* by the term's bytes (memcmp, shorter first) */
};

/* Creates an empty table (flags: SAFI_TERMS_*).  Returns 0 or SAFI_ENOMEM. */
int safi_terms_new(struct safi_terms **out, unsigned flags);

/* Frees the table; NULL is accepted. */
void safi_terms_free(struct safi_terms *t);

/* Adds |count| to |term| (len bytes, any bytes).  With SAFI_TERMS_DF the
 * term is counted once for the current document whatever |count| is.
 * Counts (and the total) saturate at UINT64_MAX instead of wrapping.
 * Returns 0, 1 when the term's count would have passed UINT64_MAX and was
 * kept there, or SAFI_ENOMEM, SAFI_ETOOBIG, or SAFI_EINVAL after a sort. */
int safi_terms_add(struct safi_terms *t, const char *term, size_t len,
                   uint64_t count);

/* Adds 1 to each of n terms base[spans[2i] .. spans[2i] + spans[2i+1]),
 * in batches that overlap their memory accesses.  Returns as
 * safi_terms_add(). */
int safi_terms_add_spans(struct safi_terms *t, const char *base,
                         const size_t *spans, size_t n);

/* Returns 1 if |term| is in the table (a stop-word set, say), else 0. */
int safi_terms_has(const struct safi_terms *t, const char *term, size_t len);

/* Starts a new document (for SAFI_TERMS_DF). */
void safi_terms_end_doc(struct safi_terms *t);

/* Number of distinct terms.  A table of n-grams knows it once sorted;
 * before, it sorts a copy of its n-grams' keys, and returns SIZE_MAX when
 * it has no memory for that. */
size_t safi_terms_size(const struct safi_terms *t);

/* Sum of all counts added.  With SAFI_TERMS_DF a table of n-grams knows
 * it once sorted; before, as safi_terms_size() (UINT64_MAX: no memory). */
uint64_t safi_terms_total(const struct safi_terms *t);

/* Bytes the table may hold at its next growth or sort (arena, slots with
 * a slot array's doubling, sort keys), for callers that keep memory under
 * a budget. */
size_t safi_terms_memory(const struct safi_terms *t);

/* Sorts the terms; afterwards safi_terms_get() reads them in that order
 * and safi_terms_add() fails until safi_terms_clear().  Returns 0, or
 * SAFI_ENOMEM when a table of n-grams had no memory to sort (and none to
 * turn its terms into strings). */
int safi_terms_sort(struct safi_terms *t, enum safi_terms_order order);

/* The i-th term in sorted order (i < size).  The pointer stays valid until
 * the table changes or the next call (n-gram terms are put together when
 * they are read; reading them in order, i after i - 1, is the fast way). */
void safi_terms_get(const struct safi_terms *t, size_t i, const char **term,
                    size_t *len, uint64_t *count);

/* Empties the table (keeps its memory for reuse). */
void safi_terms_clear(struct safi_terms *t);

/* Sorts the table by term and writes it to |w| as a run, then clears it.
 * Returns 0 or SAFI_EIO. */
int safi_terms_write_run(struct safi_terms *t, struct safi_writer *w);

/* Writes one run record (records of a run must come in its order). */
int safi_terms_put_record(struct safi_writer *w, const char *term, size_t len,
                          uint64_t count);

/* Merges n runs, each read through fns[i](ctxs[i], ...), all in |order|.
 * With SAFI_TERMS_BY_TERM equal terms come out once with their counts
 * summed. */
struct safi_terms_merger;

int safi_terms_merger_new(struct safi_terms_merger **out,
                          enum safi_terms_order order, size_t n,
                          safi_read_fn const *fns, void *const *ctxs);

/* Hands out the next term: 1 with *term, *len, *count set (valid until
 * the next call), 2 the same when the sum would have passed UINT64_MAX and
 * was kept there, 0 at the end, SAFI_EIO (a read failed) or SAFI_ECORRUPT
 * (a run is malformed). */
int safi_terms_merger_next(struct safi_terms_merger *m, const char **term,
                           size_t *len, uint64_t *count);

void safi_terms_merger_free(struct safi_terms_merger *m);

/* Parses a line of count-terms output: "COUNT\tTERM", or "TERM\tCOUNT"
 * with |key_first|; COUNT is decimal digits up to UINT64_MAX (0 parses:
 * the caller decides what a zero count means).  Returns 0 or SAFI_EINVAL. */
int safi_terms_parse_line(const char *s, size_t len, int key_first,
                          const char **term, size_t *tlen, uint64_t *count);

/* Appends "COUNT\tTERM\n" (or "TERM\tCOUNT\n" with |key_first|) to |out|. */
int safi_terms_format_line(struct safi_buf *out, const char *term, size_t len,
                           uint64_t count, int key_first);

/* Appends the line of the i-th term in sorted order (i < size), as
 * safi_terms_format_line() of safi_terms_get() would, and sets *count.
 * Returns 0 or SAFI_ENOMEM.  For n-grams, which are put together when
 * they are read, it writes the line without copying the term. */
int safi_terms_format(const struct safi_terms *t, size_t i, int key_first,
                      struct safi_buf *out, uint64_t *count);

/* Folds one word into |out| (appending); leaving |out| unchanged drops
 * the word.  Returns 0 or a negative SAFI_E* code. */
typedef int (*safi_fold_fn)(void *ctx, const char *s, size_t len,
                            struct safi_buf *out);

struct safi_counter_opts {
	unsigned min_n, max_n;        /* n-gram sizes; 0, 0 means 1, 1 */
	size_t min_length;            /* words shorter (code points) are dropped */
	const struct safi_terms *stop;  /* stop words (already folded), or NULL */
	safi_fold_fn fold;            /* NULL: words as segmented */
	void *fold_ctx;
};

struct safi_counter;

/* Creates a counter adding to |t| (which it does not own).  Returns 0,
 * SAFI_ENOMEM, SAFI_EICU or SAFI_EINVAL (bad n-gram range). */
int safi_counter_new(struct safi_counter **out, struct safi_terms *t,
                     const struct safi_counter_opts *opts);

/* Counts the terms of one line (a paragraph: n-grams end with it).  Terms
 * are queued and added to the table in batches: call safi_counter_flush()
 * before reading the table. */
int safi_counter_line(struct safi_counter *c, const char *s, size_t len);

/* Counts a piece of a line: the pieces of one line in order, each ending
 * between two characters, the last with |last| set (safi_counter_line()
 * is one piece that is the last).  Words and n-grams are those of the
 * whole line, while the memory taken stays bounded whatever the line's
 * length: the counter keeps only the text since the last place where
 * words break for sure (see safi_words_cut()).  When that text reaches
 * the counter's stretch (safi_counter_set_stretch()) it is counted as if
 * a break were at its end, which may split a word, and 1 is returned so
 * that the caller can say so; otherwise 0, or an error as
 * safi_counter_line(). */
int safi_counter_piece(struct safi_counter *c, const char *s, size_t len,
                       int last);

/* Sets the most text without a sure word break that safi_counter_piece()
 * holds: |bytes| (at least 4 KiB), or 16 MiB for 0, the default. */
void safi_counter_set_stretch(struct safi_counter *c, size_t bytes);

/* Adds the queued terms to the table.  Returns 0 or as safi_terms_add(). */
int safi_counter_flush(struct safi_counter *c);

/* Flushes, then starts a new document in the table (safi_terms_end_doc). */
int safi_counter_end_doc(struct safi_counter *c);

/* Number of words that were dropped (folded to nothing, stop word, short). */
uint64_t safi_counter_dropped(const struct safi_counter *c);

void safi_counter_free(struct safi_counter *c);

SAFI_END_DECLS

#endif
