/*
 * safi/words.h - Unicode word segmentation (UAX #29 as ICU 72 does it).
 *
 * A segmenter splits a line into the word-break segments of ICU's root
 * word iterator (UAX #29 with ICU's tailoring: '@' is a letter, ':' is not
 * a mid-letter character; Thai, Lao, Khmer, Myanmar, Chinese, Japanese
 * and Korean syllables are broken with ICU's dictionaries).
 *
 * Most text never reaches ICU: a rule engine on UTF-8, driven by a table
 * of Word_Break properties that is built from ICU's own property data on
 * first use, gives ICU's boundaries for every script that needs no
 * dictionary.  A stretch of text that holds a character the engine does not
 * handle exactly (dictionary scripts, regional indicators, ZWJ, ideographs)
 * goes to ICU's iterator as a whole; stretches are cut only where a break
 * cannot depend on what comes before (after a space followed by a
 * character that cannot attach to it), so the result is ICU's.
 *
 * A segment is a *word* when ICU's iterator gives it a word status
 * (ubrk_getRuleStatus() at or above UBRK_WORD_NONE_LIMIT: a number, a
 * letter, kana or an ideograph): it holds a letter, a digit or '@' of the
 * word-break classes ALetter, Hebrew_Letter, Numeric (or one ICU breaks
 * with a dictionary), or it is a run of two or more connectors such as
 * '_'.  A lone '_', and marks that attach to a space, a punctuation mark
 * or the start of a line, are not words.  Words never hold a space, a
 * TAB, a NUL or a line end.
 *
 * Input must be well-formed UTF-8 (safi's reader hands out only that); an
 * ill-formed byte is treated as one U+FFFD.
 */
#ifndef SAFI_WORDS_H
#define SAFI_WORDS_H

#include <stddef.h>

#include "api.h"

SAFI_BEGIN_DECLS

struct safi_words;

#define SAFI_WORDS_ALL 1u       /* report every segment, not only words */
#define SAFI_WORDS_ICU_ONLY 2u  /* use ICU's iterator for everything (reference) */

/* Called for each segment in order; |is_word| says whether it is a word.
 * Returns 0 to go on, or a negative SAFI_E* code that stops the walk and
 * is returned by safi_words_each(). */
typedef int (*safi_word_fn)(void *ctx, const char *seg, size_t len,
                            int is_word);

/* Creates a segmenter (flags: SAFI_WORDS_*).  Returns 0, SAFI_ENOMEM or
 * SAFI_EICU. */
int safi_words_new(struct safi_words **out, unsigned flags);

/* Calls |fn| for each word (or each segment with SAFI_WORDS_ALL) of
 * s[0..len), one line of text.  Returns 0, SAFI_EICU, or the callback's
 * error. */
int safi_words_each(struct safi_words *w, const char *s, size_t len,
                    safi_word_fn fn, void *ctx);

/* Word positions: v[2i] is the byte offset of word i in the line, v[2i+1]
 * its length.  Owned by the caller; initialise with SAFI_WORD_SPANS_INIT. */
struct safi_word_spans {
	size_t *v;
	size_t n, cap;
};

#define SAFI_WORD_SPANS_INIT {NULL, 0, 0}

/* Replaces the contents of |out| with the words of s[0..len) (never the
 * other segments).  The same words as safi_words_each(), without a call
 * per word.  Returns 0, SAFI_ENOMEM or SAFI_EICU. */
int safi_words_spans(struct safi_words *w, const char *s, size_t len,
                     struct safi_word_spans *out);

/* Frees the positions' memory; the struct can be used again. */
void safi_word_spans_free(struct safi_word_spans *sp);

/* Returns the last place in s[0..len) (well-formed UTF-8, say a piece of
 * a long line) where words break whatever comes before or after it: the
 * segments of s[0..p) followed by those of what starts at p are the
 * segments of the whole.  That is after a space followed by a character
 * that nothing attaches to a space (not a mark, a format character or
 * another space).  Returns that p (0 < p < len), or 0 when there is none. */
size_t safi_words_cut(const char *s, size_t len);

/* Returns 1 if the code point |cp| is a letter, mark or decimal digit
 * (General_Category L, M or Nd), else 0. */
int safi_words_is_wordchar(unsigned cp);

/* Frees the segmenter; NULL is accepted. */
void safi_words_free(struct safi_words *w);

SAFI_END_DECLS

#endif
