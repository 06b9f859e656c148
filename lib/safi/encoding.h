/*
 * safi/encoding.h - legacy charsets to UTF-8, through ICU converters.
 *
 * A decoder sits in front of a reader: it pulls bytes in a legacy charset
 * from the caller's read callback and hands out UTF-8, so the rest of the
 * pipeline only ever sees UTF-8.  safi_decoder_read() is itself a
 * safi_read_fn:
 *
 *	safi_decoder_new(&d, "windows-1256", SAFI_INVALID_REPLACE, my_read, fd);
 *	safi_reader_new(&r, safi_decoder_read, d, &opts);
 *
 * Charsets are named as ICU names its converters, by any alias ICU knows
 * ("windows-1256", "cp1256", "iso-8859-6", "ibm-864", "utf-16", ...).
 * Bytes that are ill-formed or unmapped in the charset are never lost
 * silently: each one (each sequence, for multi-byte charsets) becomes
 * U+FFFD, or is dropped, or stops the decoder, as the safi_invalid mode
 * says, and is counted with the input byte offset of the first.
 *
 * Detection (charset NULL) looks at a sample of the start of the input,
 * the first SAFI_DETECT_SAMPLE bytes (less if the input is shorter; the
 * decoder waits for them before it hands out anything), and decides:
 *
 *  1. a byte order mark names UTF-8, UTF-16 or UTF-32;
 *  2. a sample that is well-formed UTF-8 (plain ASCII included) is UTF-8,
 *     which is passed through as it is: ICU's detector is not asked, since
 *     it ranks short UTF-8 text, and plain ASCII, below ISO-8859-1;
 *  3. otherwise ICU's detector (ucsdet) picks the charset.  ICU 72 tells
 *     windows-1256 from ISO-8859-6 Arabic well (confidence 44 to 80 on a
 *     line or more), windows-1252 from ISO-8859-1 on punctuation, but it
 *     cannot see UTF-16 without a byte order mark.  Its best match is used
 *     whatever its confidence (the one alternative, UTF-8, is known to be
 *     wrong), and the result is marked unsure below
 *     SAFI_DETECT_SURE_CONFIDENCE so that a program can warn; when ICU has
 *     no match that its converters know, windows-1252 is used (every byte
 *     decodes, nothing is dropped) and marked unsure.
 */
#ifndef SAFI_ENCODING_H
#define SAFI_ENCODING_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "reader.h"
#include "utf8.h"

SAFI_BEGIN_DECLS

#define SAFI_DETECT_SAMPLE (64 * 1024)
#define SAFI_DETECT_SURE_CONFIDENCE 40

/* Looks up a charset by ICU converter name or alias.  Stores ICU's
 * canonical name (static storage) in *canonical when it is not NULL.
 * Returns 0, or SAFI_ENOTFOUND for a name ICU does not know. */
int safi_encoding_lookup(const char *name, const char **canonical);

/* The outcome of a detection. */
struct safi_detection {
	const char *charset;  /* a name ICU's converters accept; static */
	int confidence;       /* 0..100: 100 for a BOM or well-formed UTF-8 */
	int sure;             /* confidence >= SAFI_DETECT_SURE_CONFIDENCE */
	const char *language; /* ICU's guess ("ar", "en", ...) or "" */
};

/* Detects the charset of the sample s[0..n) (the start of an input) as
 * described above.  |complete| says the sample is the whole input (else a
 * sequence cut at its end does not count against UTF-8).  Returns 0 or
 * SAFI_EICU. */
int safi_encoding_detect(const char *s, size_t n, int complete,
                         struct safi_detection *d);

struct safi_decoder;

/* Creates a decoder from |charset| (NULL: detect) to UTF-8 that reads
 * through |fn|(|ctx|, ...).  Returns 0, SAFI_ENOTFOUND (unknown charset),
 * SAFI_ENOMEM or SAFI_EICU. */
int safi_decoder_new(struct safi_decoder **out, const char *charset,
                     enum safi_invalid invalid, safi_read_fn fn, void *ctx);

/* A safi_read_fn: fills buf[0..cap) with UTF-8 and returns the number of
 * bytes, 0 at the end of the input, or -1 on an error: the inner callback
 * failed (errno as it left it, safi_decoder_error() SAFI_EIO), a byte was
 * invalid with SAFI_INVALID_FAIL (errno EILSEQ, SAFI_EILSEQ), or ICU or
 * memory failed (errno EIO). */
long safi_decoder_read(void *decoder, void *buf, size_t cap);

/* What a decoder did so far. */
struct safi_decoder_stats {
	const char *charset;      /* the charset in use (ICU's name); NULL before the first read */
	int detected;             /* the charset came from detection */
	struct safi_detection detection; /* with detected */
	uint64_t invalid;         /* ill-formed or unmapped byte sequences */
	uint64_t invalid_offset;  /* input byte offset of the first of them */
	uint64_t bytes_in;        /* input bytes consumed */
};

void safi_decoder_stats(const struct safi_decoder *d,
                        struct safi_decoder_stats *st);

/* The SAFI_E* code behind the last -1 from safi_decoder_read (0 if none). */
int safi_decoder_error(const struct safi_decoder *d);

/* Frees the decoder (not the inner input); NULL is accepted. */
void safi_decoder_free(struct safi_decoder *d);

SAFI_END_DECLS

#endif
