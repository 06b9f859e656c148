/*
 * safi/sentence.h - sentence boundaries in one paragraph of UTF-8 text.
 *
 * A splitter holds what the decisions need besides the text: the
 * abbreviation lists, the sentence-starter words and the salutations and
 * closings of letters of the languages in use.  It is built once
 * (safi_splitter_new, safi_splitter_add_abbrev) and is read-only
 * afterwards, so one splitter serves any number of paragraphs and threads.
 *
 * Splitting itself is a pure function of (splitter, paragraph bytes): a
 * cursor, struct safi_sentences, owned by the caller, walks the paragraph
 * and hands out each sentence as a byte range of the input, with the
 * whitespace around it left out.  Nothing is allocated and nothing is
 * copied, so the ranges concatenated with the whitespace between them give
 * back the paragraph exactly: no character is lost, added or reordered.
 *
 * The rules (see split-sentences(1) for the prose):
 *  - a sentence ends after a run of terminators of any script
 *    (. ! ? ؟ ۔ … ‼ ⁇ ⁈ ⁉ । ॥ 。 ！ ？ ｡) and the closing quotes and brackets
 *    glued to it, in either order, when what follows starts a sentence;
 *  - abbreviations, dotted acronyms, initials, numbers, times, dates,
 *    URLs, e-mail addresses, file names, list markers, an ellipsis marking
 *    omitted words or a pause in a headline, and a lower-case continuation
 *    do not end a sentence;
 *  - reference marks ("[4]", "[...]"), emoticons and footnote numbers right
 *    after the terminators stay with the sentence that ends;
 *  - a bullet (•, ⁃, ◦) after a space starts a new sentence, and so does the
 *    next item of a list whose first item opens the sentence ("1. ... 2. ...");
 *  - without a terminator, web text ends a sentence after an emoticon, around
 *    a mail header's date and time stamp and a rule line ("*****"), before a
 *    web address that follows another, after a dash where speech breaks off
 *    before a sentence starter, and after the comma of a letter's salutation
 *    or closing ("Best regards,") before a capitalised word.
 *
 * The paragraph must be well-formed UTF-8 (safi_reader guarantees it).
 * Ill-formed bytes are not an error: they are treated as opaque non-space
 * bytes, and still never lost or reordered.
 */
#ifndef SAFI_SENTENCE_H
#define SAFI_SENTENCE_H

#include <stddef.h>

#include "api.h"

SAFI_BEGIN_DECLS

struct safi_splitter;

/*
 * Creates a splitter.  |lang| NULL or "auto" loads the abbreviation,
 * sentence-starter, greeting and closing lists of every language compiled
 * into the library; since each list is written in its language's script,
 * the words of a paragraph are then matched against the lists of their own
 * script.  An ISO 639-1 code ("en", "ar", ...) loads that language's lists
 * only.
 * Returns 0, SAFI_ENOTFOUND (no abbreviation list for |lang|; *out is NULL)
 * or SAFI_ENOMEM.
 */
int safi_splitter_new(struct safi_splitter **out, const char *lang);

/*
 * Adds one abbreviation, word[0..len) (a final '.' is ignored; a final '#'
 * makes it an abbreviation only before a number, as "No" in "No. 5").
 * Case is ignored for ASCII letters.  Returns 0, SAFI_EINVAL (empty or
 * longer than 64 bytes, or containing white space) or SAFI_ENOMEM.
 * Must not be called while another thread splits with the splitter.
 */
int safi_splitter_add_abbrev(struct safi_splitter *s, const char *word,
                             size_t len);

/* Frees the splitter; NULL is accepted. */
void safi_splitter_free(struct safi_splitter *s);

/*
 * A walk over the sentences of one paragraph.  Fill it with
 * safi_sentences_begin(); the fields are private.
 */
struct safi_sentences {
	const struct safi_splitter *sp;
	const char *text;
	size_t len;
	size_t pos;        /* where the next sentence is looked for */
	int headline;      /* no final terminator: 1, 0, or -1 not known yet */
};

/* Starts a walk over text[0..len), which must stay valid during the walk. */
void safi_sentences_begin(struct safi_sentences *it,
                          const struct safi_splitter *s, const char *text,
                          size_t len);

/*
 * Finds the next sentence: stores its byte range, without the white space
 * around it, in [*start, *end) and returns 1, or returns 0 when the rest of
 * the paragraph is white space.  Each call takes time proportional to the
 * sentence found (and the white space before it).
 */
int safi_sentences_next(struct safi_sentences *it, size_t *start, size_t *end);

SAFI_END_DECLS

#endif
