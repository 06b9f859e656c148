/*
 * safi/data.h - language data compiled into the library.
 *
 * Each file lib/data/LANG.KIND.txt of the source tree (one entry per line,
 * '#' starts a comment line) becomes a word list here, so an installed
 * program needs no data files.  Kinds in use: "abbrev" (abbreviations
 * without their final dot), "stopwords", "phrases" (boilerplate phrases).
 */
#ifndef SAFI_DATA_H
#define SAFI_DATA_H

#include <stddef.h>

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

#endif
