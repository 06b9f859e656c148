/*
 * safi/dedup.h - exact and near-duplicate documents, and paragraphs seen
 * before.
 *
 * A deduplicator reads documents one at a time and says of each whether an
 * earlier one makes it redundant:
 *
 *  - exactly, when its lines, normalized (by default: NFKC, case folding,
 *    spaces, invisible characters, punctuation, Arabic harakat, tatweel
 *    and presentation forms, digits; not the folds that merge spellings),
 *    are the same non-blank lines as an earlier document's;
 *  - nearly, when the Jaccard similarity of their sets of word shingles (n
 *    consecutive words of the normalized text: the words of safi/words.h,
 *    cut again at the punctuation UAX #29 keeps inside words) reaches the
 *    threshold: each document gets a MinHash
 *    sketch (safi/minhash.h), LSH bands of the sketch find the earlier
 *    documents that may be similar, and each candidate is verified by
 *    comparing the sketches bin by bin;
 *  - with paragraphs on, a kept document's lines of enough words whose
 *    normalized text was written in an earlier kept document are dropped.
 *
 * The first document of a group is kept; a document dropped as a near
 * duplicate stays in the index (so that a copy of a copy is found), an
 * exact copy does not need to.  Every fingerprint is deterministic (no
 * random seed), so fingerprints made by other processes and machines
 * (signature records) and earlier runs (a state) give the same decisions
 * as one process over the whole input.
 *
 * Use: safi_dedup_begin() a document with its label (how --explain names
 * it), safi_dedup_line() each of its lines, safi_dedup_end(), then either
 * safi_dedup_decide() (compare with the index and add it) or
 * safi_dedup_sigs_write_record() (save its fingerprint for a later merge).
 *
 * Memory: the index holds, per document, its sketch (2 bytes a hash), a
 * record of 32 bytes (its exact hash, where its label is, when it was last
 * matched) and its label, a slot in the exact table and one in each band's
 * table where its band key is new (8 bytes each; the tables are at most 70%
 * full); with paragraphs, 16 bytes (at most 70% full) per distinct
 * paragraph.  opts.max_memory caps it: past it, documents are
 * still compared with the index but no longer added.
 *
 * The library never prints, exits or opens a file; errors are negative
 * SAFI_E* codes.
 */
#ifndef SAFI_DEDUP_H
#define SAFI_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "buf.h"
#include "normalize.h"
#include "reader.h"

SAFI_BEGIN_DECLS

/* Longest label kept, in bytes (cut at a character boundary). */
#define SAFI_DEDUP_MAX_LABEL 255
#define SAFI_DEDUP_MAX_SHINGLE 16

struct safi_dedup_opts {
	unsigned shingle;          /* words per shingle (5) */
	unsigned hashes;           /* MinHash bins, a power of two 16..1024 (128) */
	unsigned bands;            /* LSH bands (20) */
	unsigned rows;             /* bins per band; bands * rows <= hashes (3) */
	double threshold;          /* Jaccard similarity of a near duplicate (0.8) */
	int exact_only;            /* no near duplicates, no sketches */
	unsigned paragraph_words;  /* drop seen lines of this many words; 0: off */
	struct safi_norm_opts norm;  /* how text is normalized (see above) */
	uint64_t max_memory;       /* ceiling of the index in bytes; 0: none */
	uint64_t state_max;        /* documents a saved state keeps (1000000) */
	unsigned state_age;        /* runs a document unmatched survives in it (30) */
};

/* Fills |o| with the documented defaults. */
void safi_dedup_opts_default(struct safi_dedup_opts *o);

/* The bins of a sketch that must agree for a near duplicate: the
 * threshold less three standard errors of the estimate,
 * 3 sqrt(t (1 - t) / hashes), so that a pair at the threshold is caught
 * 998 times in 1000, and a pair twice that margin below it about as
 * rarely.  Returns a count between 1 and opts->hashes. */
unsigned safi_dedup_needed_bins(const struct safi_dedup_opts *o);

struct safi_dedup;

/* Creates a deduplicator.  Returns 0, SAFI_ENOMEM, SAFI_EICU, or
 * SAFI_EINVAL when an option is out of its range (shingle 1..16, hashes a
 * power of two 16..1024, bands times rows at most hashes, threshold in
 * (0, 1]). */
int safi_dedup_new(struct safi_dedup **out, const struct safi_dedup_opts *o);

/* Frees it; NULL is accepted. */
void safi_dedup_free(struct safi_dedup *d);

/* Forgets every document seen and the current one, keeping the options and
 * what was built from them (the normalizer, the word breaker, the hash
 * functions): the deduplicator then decides as a new one would, at a
 * fraction of the cost of making one (one deduplicator per batch, say). */
void safi_dedup_clear(struct safi_dedup *d);

/* The options it was made with. */
const struct safi_dedup_opts *safi_dedup_opts(const struct safi_dedup *d);

/* Starts a document named label[0..len) (stored cut to
 * SAFI_DEDUP_MAX_LABEL bytes, control characters as spaces).  Returns 0 or
 * SAFI_ENOMEM. */
int safi_dedup_begin(struct safi_dedup *d, const char *label, size_t len);

/* The current document's label as stored (cut, control characters as
 * spaces). */
void safi_dedup_label(const struct safi_dedup *d, const char **s, size_t *n);

/* Adds one line of the document, without its line end (well-formed UTF-8,
 * as safi_reader hands it out).  Returns 0, SAFI_ENOMEM, SAFI_ETOOBIG or
 * SAFI_EICU. */
int safi_dedup_line(struct safi_dedup *d, const char *s, size_t n);

/* Completes the document's fingerprint.  Returns 0. */
int safi_dedup_end(struct safi_dedup *d);

enum safi_dedup_reason {
	SAFI_DEDUP_NEW,    /* kept: no earlier document like it */
	SAFI_DEDUP_EXACT,  /* dropped: the same normalized lines as |earlier| */
	SAFI_DEDUP_NEAR    /* dropped: similar to |earlier| */
};

/* A line dropped from a kept document: seen in |earlier|. */
struct safi_dedup_drop {
	uint64_t line;             /* 0-based, in the order the lines came */
	const char *earlier;
	size_t earlier_len;
};

/* What safi_dedup_decide() found.  The pointers stay valid until the next
 * call on the deduplicator. */
struct safi_dedup_verdict {
	enum safi_dedup_reason reason;
	double similarity;         /* estimated Jaccard similarity with |earlier| */
	unsigned agree, hashes;    /* from |agree| of |hashes| bins (EXACT: 1 of 1) */
	const char *earlier;       /* the earlier document's label (not NEW) */
	size_t earlier_len;
	size_t ndrops;             /* NEW with paragraphs: the lines dropped */
	const struct safi_dedup_drop *drops;
};

/*
 * Compares the document with the index and adds it (unless it is an exact
 * copy): its verdict goes to *v.  Returns 0, 1 when the index is at
 * opts.max_memory and the document was not added (the verdict stands),
 * or SAFI_ENOMEM.
 */
int safi_dedup_decide(struct safi_dedup *d, struct safi_dedup_verdict *v);

/* Documents in the index. */
uint64_t safi_dedup_size(const struct safi_dedup *d);

/* Bytes the index takes. */
uint64_t safi_dedup_memory(const struct safi_dedup *d);

/*
 * The files of the map-reduce shape (see dedup(1) for the formats): a map
 * step writes the fingerprint of each document of its shard to a signature
 * file; a merge step reads every shard's signature file, decides on the
 * documents in shard order as one process would, and writes a verdicts
 * file; a filter step reads its shard again with the verdicts and writes
 * what one process would have written for it.
 *
 * Each file is lines of text, ends with a line holding a checksum of every
 * line before it (so that a truncated or altered file is refused), and
 * starts with a line naming its kind and version.  The writers append to
 * a caller-owned buffer and keep the running checksum in a struct
 * safi_dedup_sum; the readers pull bytes through a safi_read_fn and report
 * a malformed file as SAFI_ECORRUPT with a static phrase in *why (SAFI_EIO
 * when the read function failed, with errno as it left it).
 */
struct safi_dedup_sum {
	uint64_t sum;      /* checksum of the lines so far */
	uint64_t count;    /* documents written so far */
};

/* Signature file: the header (kind, fingerprint parameters, shard number),
 * one record per document just ended, the end line.  That is one shard's
 * section; a file may hold the sections of several shards one after
 * another, in any order (as files put together with cat). */
int safi_dedup_sigs_write_header(const struct safi_dedup *d, uint64_t shard,
                                 struct safi_dedup_sum *st, struct safi_buf *out);
int safi_dedup_sigs_write_record(const struct safi_dedup *d,
                                 struct safi_dedup_sum *st, struct safi_buf *out);
int safi_dedup_sigs_write_end(struct safi_dedup_sum *st, struct safi_buf *out);

struct safi_dedup_sigs;

/* Opens a signature file: reads the header of its first section, checks
 * that its fingerprint parameters are |d|'s, and keeps |d| to load its
 * records into.  Returns 0, SAFI_ENOMEM, SAFI_EIO or SAFI_ECORRUPT. */
int safi_dedup_sigs_open(struct safi_dedup_sigs **out, struct safi_dedup *d,
                         safi_read_fn fn, void *ctx, const char **why);

/* The shard number of the current section. */
uint64_t safi_dedup_sigs_shard(const struct safi_dedup_sigs *s);

/* The line number reached, for messages. */
uint64_t safi_dedup_sigs_lineno(const struct safi_dedup_sigs *s);

/* Loads the next record of the section as |d|'s current document, ready
 * for safi_dedup_decide().  Returns 1, 0 at the end of the section (its
 * end line checked), or an error as for safi_dedup_sigs_open(). */
int safi_dedup_sigs_next(struct safi_dedup_sigs *s, const char **why);

/* Goes on to the next section: the records of the current one left
 * unread are skipped (counted and checksummed, not loaded), and the next
 * section's header is read and checked as by safi_dedup_sigs_open().
 * Returns 1, 0 at the end of the file, or an error as for
 * safi_dedup_sigs_open(). */
int safi_dedup_sigs_next_shard(struct safi_dedup_sigs *s, const char **why);

void safi_dedup_sigs_free(struct safi_dedup_sigs *s);

/* Verdicts file: the header, then for each shard in order its first line,
 * a line for each document dropped and each paragraph dropped, and a
 * closing line with the shard's counts: its documents, those a run would
 * write (kept), those --invert would write (dropped whole or in part). */
int safi_dedup_verdicts_write_header(struct safi_dedup_sum *st, struct safi_buf *out);
int safi_dedup_verdicts_write_shard(uint64_t shard, struct safi_dedup_sum *st,
                                    struct safi_buf *out);
int safi_dedup_verdicts_write_doc(uint64_t ordinal, const struct safi_dedup_verdict *v,
                                  struct safi_dedup_sum *st, struct safi_buf *out);
int safi_dedup_verdicts_write_shard_end(uint64_t docs, uint64_t kept,
                                        uint64_t inverted, struct safi_dedup_sum *st,
                                        struct safi_buf *out);
int safi_dedup_verdicts_write_end(struct safi_dedup_sum *st, struct safi_buf *out);

struct safi_dedup_verdicts;

/* Opens a verdicts file at shard |shard|: reads past the shards before it,
 * adding up their kept and inverted counts.  Returns 0, SAFI_ENOMEM,
 * SAFI_EIO, SAFI_ENOTFOUND (no such shard in the file) or SAFI_ECORRUPT. */
int safi_dedup_verdicts_open(struct safi_dedup_verdicts **out, uint64_t shard,
                             safi_read_fn fn, void *ctx, const char **why);

/* What the shards before this one wrote: documents kept, and documents
 * --invert wrote. */
void safi_dedup_verdicts_before(const struct safi_dedup_verdicts *vr,
                                uint64_t *kept, uint64_t *inverted);

/* The verdict on document |ordinal| (1, 2, ... in order) of the shard.
 * Returns 0, or an error as for safi_dedup_verdicts_open().  The verdict's
 * pointers stay valid until the next call. */
int safi_dedup_verdicts_next(struct safi_dedup_verdicts *vr, uint64_t ordinal,
                             struct safi_dedup_verdict *v, const char **why);

/* Checks the end of the shard (|docs| documents were read: the verdicts
 * must say so) and the rest of the file.  Returns 0 or an error. */
int safi_dedup_verdicts_close(struct safi_dedup_verdicts *vr, uint64_t docs,
                              const char **why);

/* The line number reached, for messages. */
uint64_t safi_dedup_verdicts_lineno(const struct safi_dedup_verdicts *vr);

void safi_dedup_verdicts_free(struct safi_dedup_verdicts *vr);

/*
 * The fingerprint parameters (shingle, hashes, paragraph words,
 * normalization, exact only) as one line, which heads signature and state
 * files: fingerprints made under other parameters cannot be compared.
 */
int safi_dedup_params_write(const struct safi_dedup *d, struct safi_buf *out);

/*
 * State: the index saved as bytes and loaded by a later run (the caller
 * reads and writes the file).  Loading starts a new run: the generation
 * goes up by one.  Saving drops the documents not matched for
 * opts.state_age runs (0: no limit) and, past opts.state_max, the least
 * recently matched.  safi_dedup_state_load() needs an empty index; an
 * empty |len| is a new state.  It returns 0, SAFI_ENOMEM, SAFI_ETOOBIG
 * (the state does not fit opts.max_memory), or SAFI_ECORRUPT with *why
 * set (the index is then empty).
 */
int safi_dedup_state_load(struct safi_dedup *d, const char *data, size_t len,
                          const char **why);
int safi_dedup_state_save(struct safi_dedup *d, struct safi_buf *out);

SAFI_END_DECLS

#endif
