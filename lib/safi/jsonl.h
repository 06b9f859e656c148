/*
 * safi/jsonl.h - one text member of a JSON Lines record, read and rewritten.
 *
 * A corpus kept as JSON Lines holds one JSON object a line, such as
 * {"url": "...", "text": "the page, with \n inside", ...}.  These functions
 * find the member that holds the text, decode it to UTF-8, and write the
 * object back with only that member's value replaced: every other byte of
 * the line, other members and white space included, stays as it was.
 *
 * The parser is strict RFC 8259 for the whole line (one object, white
 * space around it allowed, nothing else), iterative, and allocates
 * nothing.  Lines are taken to be well-formed UTF-8, as safi_reader hands
 * them out; the bytes of strings are not checked again.  Member names are
 * compared after their escapes are decoded, so "te\u0078t" is "text".
 * When a name occurs more than once, the last member counts, as jq and
 * Python's json module read it.  A lone surrogate escape ("\ud800", which
 * names no character) is accepted, as Python and jq 1.7 accept it, and decodes as
 * U+FFFD REPLACEMENT CHARACTER.
 */
#ifndef SAFI_JSONL_H
#define SAFI_JSONL_H

#include <stddef.h>

#include "api.h"
#include "buf.h"
#include "utf8.h"

SAFI_BEGIN_DECLS

/* Arrays and objects nested deeper than this are refused. */
#define SAFI_JSONL_MAX_DEPTH 1024

/* Where a member is, or why it could not be found. */
struct safi_jsonl_member {
	size_t start;      /* the value: line[start..end), quotes included */
	size_t end;
	const char *type;  /* "string", "number", "object", "array", "true",
	                    * "false" or "null"; NULL when there is no member */
	const char *why;   /* SAFI_ECORRUPT: what is wrong, a static phrase */
	size_t at;         /* SAFI_ECORRUPT: byte offset in the line where */
};

/*
 * Checks that line[0..len) is one JSON object and finds its last
 * top-level member named name[0..nlen).  Returns 0 when that member's
 * value is a string (m->start, m->end); SAFI_ENOTFOUND when the object has
 * no such member (m->type NULL) or its value is not a string (m->type
 * names what it is); SAFI_ECORRUPT when the line is not a JSON object
 * (m->why, m->at).
 */
int safi_jsonl_find(const char *line, size_t len, const char *name,
                    size_t nlen, struct safi_jsonl_member *m);

/*
 * Appends the text of the JSON string s[0..n) (the token, quotes included)
 * to |out| as UTF-8: every escape decoded, "\u0000" to a NUL byte, a
 * surrogate pair to its character.  A lone surrogate escape is ill-formed
 * text, handled as |invalid| says: U+FFFD (SAFI_INVALID_REPLACE), nothing
 * (SAFI_INVALID_SKIP), or an error (SAFI_INVALID_FAIL).  Returns the number
 * of lone surrogates replaced or skipped (0 for well-formed text),
 * SAFI_EILSEQ for one under SAFI_INVALID_FAIL, SAFI_ECORRUPT when s is not
 * one well-formed JSON string (|out| may then hold part of it), or an
 * error of safi_buf_append().
 */
int safi_jsonl_decode(const char *s, size_t n, enum safi_invalid invalid,
                      struct safi_buf *out);

/*
 * Appends text[0..n) to |out| as a JSON string, quotes included: '"', '\\'
 * and the control characters U+0000 to U+001F are escaped (\b \f \n \r \t
 * or \u00XX), every other byte is copied, so non-ASCII text stays UTF-8.
 * Returns 0 or an error of safi_buf_append().
 */
int safi_jsonl_encode(const char *text, size_t n, struct safi_buf *out);

/*
 * Appends line[0..len) to |out| with the value m found replaced by
 * text[0..n) encoded as by safi_jsonl_encode(); nothing else changes.
 * Returns 0 or an error of safi_buf_append().
 */
int safi_jsonl_replace(const char *line, size_t len,
                       const struct safi_jsonl_member *m, const char *text,
                       size_t n, struct safi_buf *out);

/*
 * The same with the value replaced by json[0..n), which the caller vouches
 * is one JSON value (an array or object it built with safi_jsonl_encode()
 * for its strings), copied as it is.  Returns 0, SAFI_EINVAL when |m| does
 * not lie inside the line, or an error of safi_buf_append().
 */
int safi_jsonl_replace_value(const char *line, size_t len,
                             const struct safi_jsonl_member *m,
                             const char *json, size_t n, struct safi_buf *out);

SAFI_END_DECLS

#endif
