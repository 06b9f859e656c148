/*
 * safi/utf8.h - UTF-8 validation and repair.
 *
 * Ill-formed input is handled as Unicode 15 section 3.9 ("U+FFFD
 * Substitution of Maximal Subparts") prescribes: every maximal subpart of
 * an ill-formed subsequence becomes one U+FFFD.  The same byte stream
 * always gives the same output, so the repair is deterministic.
 */
#ifndef SAFI_UTF8_H
#define SAFI_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "buf.h"

SAFI_BEGIN_DECLS

/* What to do with ill-formed UTF-8. */
enum safi_invalid {
	SAFI_INVALID_REPLACE, /* each maximal ill-formed subpart -> U+FFFD */
	SAFI_INVALID_SKIP,    /* drop the ill-formed bytes */
	SAFI_INVALID_FAIL     /* stop with SAFI_EILSEQ */
};

/* Parses "replace", "skip" or "fail".  Returns 0 or SAFI_EINVAL. */
int safi_invalid_parse(const char *name, enum safi_invalid *out);

/* Returns the length of the longest prefix of s[0..n) that is well-formed
 * UTF-8 (n when all of it is).  ASCII runs are skipped a word at a time. */
size_t safi_utf8_valid_prefix(const char *s, size_t n);

/* Returns the number of bytes of the ill-formed subpart starting at s
 * (1..3); s[0..n) must start with an ill-formed sequence. */
size_t safi_utf8_bad_len(const char *s, size_t n);

/* Decodes one well-formed scalar value at s (n > 0) and stores its byte
 * length in *len.  Returns the code point, or -1 (with *len set to the
 * maximal subpart length) when s starts with an ill-formed sequence. */
int32_t safi_utf8_decode(const char *s, size_t n, size_t *len);

/* Returns how many bytes at the end of s[0..n) form the start of a UTF-8
 * sequence that is cut short (0..3): a reader splitting a stream keeps
 * these for the next block. */
size_t safi_utf8_incomplete_tail(const char *s, size_t n);

/* Appends s[0..n) to |out| with ill-formed parts replaced or skipped per
 * |mode|, and adds the number of ill-formed subparts met to *bad.  With
 * SAFI_INVALID_FAIL, stops at the first one, stores its byte offset in
 * *bad_offset (when not NULL) and returns SAFI_EILSEQ; the bytes before it
 * have been appended.  Returns 0 or a buffer error. */
int safi_utf8_sanitize(const char *s, size_t n, enum safi_invalid mode,
                       struct safi_buf *out, uint64_t *bad, size_t *bad_offset);

SAFI_END_DECLS

#endif
