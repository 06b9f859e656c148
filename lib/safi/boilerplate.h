/*
 * safi/boilerplate.h - keep the article, drop the page.
 *
 * A classifier sorts the lines of a scraped news page into content (the
 * title once, the standfirst, body paragraphs, in-article subheadings) and
 * boilerplate (menus, widgets, bylines, date stamps, captions and credits,
 * repeated lines, and the "read also" / "related" tails).
 *
 * Use: create a classifier with safi_boilerplate_new(), feed the lines of
 * one document with safi_boilerplate_add_line(), call
 * safi_boilerplate_end_document() to classify them, then write the verdicts
 * with safi_boilerplate_write() (or read them one by one) and go on with the
 * next document.  The classifier keeps one document at a time, so memory is
 * bounded by the largest document plus the table of line fingerprints that
 * cross-document mode keeps (at most twice opts.state_max entries: past
 * that it is trimmed to opts.state_max, as when it is saved).
 *
 * Cross-document mode: every distinct line of a document counts once in a
 * fingerprint table; a line found in at least opts.min_docs documents
 * (counting the current one and, with a state, earlier runs) is boilerplate.
 * The table can be saved and loaded (safi_boilerplate_state_save/load) as
 * bytes, and saved tables added up (safi_boilerplate_state_add); reading
 * and writing the file, locking and atomic replacement are the caller's
 * business.  With opts.state_frozen a loaded table judges the documents
 * without counting them, so that a corpus cut in parts is judged the same
 * in every part.
 *
 * Errors are negative SAFI_E* codes; the library never prints or exits.
 */
#ifndef SAFI_BOILERPLATE_H
#define SAFI_BOILERPLATE_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "buf.h"
#include "writer.h"

SAFI_BEGIN_DECLS

struct safi_boilerplate_opts {
	const char *lang;       /* stop words of this language; NULL: detect per document */
	int no_builtin;         /* use no compiled-in phrases or stop words */
	unsigned min_words;     /* a paragraph has at least this many words (10) */
	unsigned max_heading;   /* a heading has at most this many words (15) */
	unsigned min_stop;      /* stop-word density of a paragraph, percent (20) */
	unsigned min_docs;      /* a line in this many documents is boilerplate (3); 0: off */
	size_t state_max;       /* ceiling of fingerprints kept (1000000) */
	unsigned state_age;     /* runs an unseen fingerprint survives (30) */
	size_t max_document;    /* bytes buffered before a document is cut (256 MiB) */
	int state_frozen;       /* judge with the table as loaded and count no document
	                           into it: a line is recurring when the table alone
	                           has it in min_docs documents (0) */
};

/* Fills |o| with the documented defaults. */
void safi_boilerplate_opts_default(struct safi_boilerplate_opts *o);

struct safi_boilerplate;

/* Creates a classifier.  |opts| may be NULL for the defaults.  Returns 0,
 * SAFI_ENOMEM, or SAFI_ENOTFOUND when opts->lang has no stop-word list
 * (the classifier is not created then). */
int safi_boilerplate_new(struct safi_boilerplate **out,
                         const struct safi_boilerplate_opts *opts);

/* Frees the classifier; NULL is accepted. */
void safi_boilerplate_free(struct safi_boilerplate *bp);

/* Forgets every document and the cross-document table, as if |bp| were
 * new: its options and its phrases, built in and added, are kept, so a
 * caller judging many independent batches builds them once. */
void safi_boilerplate_reset(struct safi_boilerplate *bp);

/*
 * Adds boilerplate phrases from |text| (|len| bytes, the format of
 * lib/data/LANG.phrases.txt, one entry per line, '#' comment lines):
 *   phrase    a line that is exactly this phrase is boilerplate
 *   phrase*   also a line that starts with it and has at most 6 more words
 *   ~phrase   a line of at most 25 words that contains it
 *   >phrase   a marker: this line and everything after it is dropped
 *   >phrase*  a marker that may be followed by up to 4 more words
 *   %word     a date or time word (month, weekday, "updated")
 *   @word     a credit word (news agency, "photo") for caption shapes
 * Phrases are compared after folding (case, Arabic marks and letter
 * variants, digit runs to one digit, punctuation to word breaks).
 * Returns 0 or SAFI_ENOMEM.
 */
int safi_boilerplate_add_phrases(struct safi_boilerplate *bp, const char *text,
                                 size_t len);

/* Appends one line (without its line end) of the current document.
 * |lineno| is kept for --explain.  Returns 0, SAFI_ENOMEM, or
 * SAFI_ETOOBIG when the document outgrows opts.max_document: the caller
 * should then end the document (and add the line again). */
int safi_boilerplate_add_line(struct safi_boilerplate *bp, const char *p,
                              size_t len, uint64_t lineno);

/* As safi_boilerplate_add_line(), but the classifier may keep |p| instead
 * of a copy of its bytes: for lines that are in memory already (a mapped
 * file), so that a long document is not held twice.  The lines of a
 * document added this way must lie in one block of memory, each after the
 * one before (what lies between them is never read), and stay there
 * unchanged until the document is classified and written.  A line that
 * comes before the end of the one before it, or one added with
 * safi_boilerplate_add_line(), makes the classifier copy the lines it
 * kept, and go on copying to the document's end. */
int safi_boilerplate_add_line_ref(struct safi_boilerplate *bp, const char *p,
                                  size_t len, uint64_t lineno);

/* Classifies the lines added since the last call.  Returns 0 or
 * SAFI_ENOMEM. */
int safi_boilerplate_end_document(struct safi_boilerplate *bp);

/* What safi_boilerplate_write() writes. */
enum safi_boilerplate_mode {
	SAFI_BOILERPLATE_KEEP,     /* the kept lines */
	SAFI_BOILERPLATE_INVERT,   /* exactly the dropped lines */
	SAFI_BOILERPLATE_EXPLAIN,  /* every line: lineno TAB verdict TAB reason TAB text */
	SAFI_BOILERPLATE_EXPLAIN_JSON  /* every line as a JSON object, one a line:
	                                * {"line":N,"verdict":V,"reason":R,"text":T} */
};

/* Writes the classified document to |out| (see safi/writer.h), each line
 * ending in '\n'.  In KEEP and INVERT modes a single blank line separates
 * two written lines that had a blank line between them in the input.  The
 * verdict is "keep", "drop" or "blank".  Returns 0, SAFI_EIO, or (in
 * EXPLAIN_JSON mode) SAFI_ENOMEM. */
int safi_boilerplate_write(const struct safi_boilerplate *bp,
                           enum safi_boilerplate_mode mode, struct safi_writer *out);

/* Number of lines in the classified document. */
size_t safi_boilerplate_count(const struct safi_boilerplate *bp);

/* Verdict on line |i| of the classified document: 1 kept, 0 dropped,
 * -1 blank (white space alone; a line of invisible format characters is
 * dropped, and written by SAFI_BOILERPLATE_INVERT).  *reason (if not
 * NULL) gets a static word such as "body", "caption" or "after-marker"
 * (see strip-boilerplate(1)). */
int safi_boilerplate_verdict(const struct safi_boilerplate *bp, size_t i,
                             const char **reason);

/* The language whose stop words the last document was judged with ("ar",
 * "en", ...), or "" when none. */
const char *safi_boilerplate_language(const struct safi_boilerplate *bp);

/*
 * Loads a fingerprint table saved by safi_boilerplate_state_save() and
 * starts a new run (the generation goes up by one).  An empty |len| is a
 * new, empty state.  Returns 0, SAFI_ENOMEM, or SAFI_ECORRUPT with *why
 * set to a static phrase saying what is wrong ("not a strip-boilerplate
 * state file", "truncated", "checksum mismatch", ...); the table is
 * unchanged on error.
 */
int safi_boilerplate_state_load(struct safi_boilerplate *bp, const char *data,
                                size_t len, const char **why);

/*
 * Adds a saved table to the classifier's: the document counts of a
 * fingerprint in both are summed, the later generation of the two is the
 * table's and every entry keeps its age, so that tables counted from
 * separate parts of a corpus (each from an empty state) add up, in any
 * order and grouping, to the table one run over the whole corpus counts.
 * Use it on a classifier that loads no state.  An empty |len| adds
 * nothing.  Returns 0, SAFI_ENOMEM, or SAFI_ECORRUPT with *why set as
 * safi_boilerplate_state_load() sets it; the table is unchanged on error.
 */
int safi_boilerplate_state_add(struct safi_boilerplate *bp, const char *data,
                               size_t len, const char **why);

/* Appends the fingerprint table in the state file format to |out|,
 * dropping entries unseen for opts.state_age runs.  Returns 0, SAFI_ENOMEM
 * or SAFI_ETOOBIG. */
int safi_boilerplate_state_save(struct safi_boilerplate *bp, struct safi_buf *out);

/* Number of fingerprints in the table. */
size_t safi_boilerplate_state_size(const struct safi_boilerplate *bp);

SAFI_END_DECLS

#endif
