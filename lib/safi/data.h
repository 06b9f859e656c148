/*
 * safi/data.h - language data compiled into the library.
 *
 * Each file lib/data/LANG.KIND.txt of the source tree (one entry per line,
 * '#' starts a comment line) becomes a word list here, so an installed
 * program needs no data files.  Kinds in use: "abbrev" (abbreviations
 * without their final dot), "stopwords", "phrases" (boilerplate phrases),
 * "starters" (words that start sentences), "greetings" and "closings" (of
 * letters).
 */
#ifndef SAFI_DATA_H
#define SAFI_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"

SAFI_BEGIN_DECLS

struct safi_wordlist {
	const char *lang;            /* ISO 639-1 code, e.g. "ar" */
	const char *kind;            /* e.g. "stopwords" */
	const char *const *words;    /* UTF-8, in file order */
	const unsigned *lens;        /* byte length of each word */
	size_t n;
};

/* Returns the list for |lang| and |kind|, or NULL if there is none. */
const struct safi_wordlist *safi_data_find(const char *lang, const char *kind);

/* Returns every compiled-in list and stores their number in *n. */
const struct safi_wordlist *safi_data_all(size_t *n);

/*
 * Walks the entries of a list file in the same format (a program's
 * --abbrev or --stopwords FILE): one entry per line, blanks and a CR
 * around it dropped, empty lines and lines starting with '#' skipped.
 * Start with *pos = 0 and *lineno = 0; each call stores the next entry in
 * *entry / *len (pointing into text) and its 1-based line in *lineno, and
 * returns 1, or 0 after the last entry.
 */
int safi_data_next_entry(const char *text, size_t n, size_t *pos,
                         uint64_t *lineno, const char **entry, size_t *len);

SAFI_END_DECLS

#endif
