/*
 * safi/reader.h - lines and documents from a byte stream.
 *
 * The reader pulls blocks through a callback the caller supplies (the
 * library never opens or reads a file itself) and hands out lines as
 * pointer + length, following the stream contract in safi(7):
 *
 *  - a line ends at LF, CRLF or a lone CR, even when the CR and LF arrive
 *    in different blocks (with SAFI_READ_LF_LINES at LF or CRLF only, as a
 *    JSON Lines record does); the last line may lack its end;
 *  - lines have no length limit but the reader's ceiling, and NUL bytes are
 *    data, never terminators (except with SAFI_READ_NUL_DOCS);
 *  - a line holding only a form feed is a document separator, and so, with
 *    SAFI_READ_NUL_DOCS, is a NUL byte;
 *  - ill-formed UTF-8 is replaced, skipped or refused as opts->invalid says,
 *    so every line handed out is well-formed UTF-8.
 *
 * With SAFI_READ_PIECES a line longer than opts->piece bytes is handed out
 * in pieces, each cut at a UTF-8 sequence boundary, so that memory stays
 * bounded whatever the line lengths; otherwise each line comes whole.
 */
#ifndef SAFI_READER_H
#define SAFI_READER_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "utf8.h"

SAFI_BEGIN_DECLS

/* Reads up to |cap| bytes into |buf|.  Returns the number read, 0 at end of
 * input, or a negative value on error (the callback keeps errno). */
typedef long (*safi_read_fn)(void *ctx, void *buf, size_t cap);

#define SAFI_READ_NUL_DOCS 1u  /* a NUL byte ends the line and the document */
#define SAFI_READ_PIECES 2u    /* long lines come in pieces */
#define SAFI_READ_LF_LINES 4u  /* a line ends at LF or CRLF only: a lone CR is data */

struct safi_reader_opts {
	unsigned flags;             /* SAFI_READ_* */
	enum safi_invalid invalid;  /* what to do with ill-formed UTF-8 */
	size_t block;               /* bytes per read; 0: 128 KiB */
	size_t piece;               /* with SAFI_READ_PIECES; 0: the block size */
	size_t limit;               /* ceiling for a whole line (bytes); 0: none */
};

#define SAFI_LINE_END 1u      /* this is the end of the line (else a piece) */
#define SAFI_LINE_NEWLINE 2u  /* the line was ended by LF, CRLF or CR, not by EOF */
#define SAFI_LINE_DOC 4u      /* a document separator: ptr holds "\f", or is empty for NUL */

struct safi_line {
	const char *ptr;    /* text without its line end; valid until the next call */
	size_t len;
	uint64_t lineno;    /* 1-based number of the line this text belongs to */
	uint64_t offset;    /* input byte offset of the first byte of this text */
	unsigned flags;     /* SAFI_LINE_* */
};

struct safi_reader;

/* Creates a reader that pulls from |fn|(|ctx|, ...).  |opts| may be NULL for
 * the defaults.  Returns 0 or SAFI_ENOMEM. */
int safi_reader_new(struct safi_reader **out, safi_read_fn fn, void *ctx,
                    const struct safi_reader_opts *opts);

/* Creates a reader over the whole input, text[0, len), already in memory
 * (a mapped file): it reads nothing and copies nothing, and the lines it
 * hands out point into |text| (but for a line whose ill-formed UTF-8 was
 * repaired), where they stay valid for as long as |text| does.  |text|
 * must stay unchanged until the reader is freed.  Lines come whole:
 * SAFI_READ_PIECES in opts->flags is refused.  Returns 0, SAFI_EINVAL or
 * SAFI_ENOMEM. */
int safi_reader_new_mem(struct safi_reader **out, const char *text, size_t len,
                        const struct safi_reader_opts *opts);

/* Hands out the next line, piece or document separator.  Returns 1 with
 * *line filled, 0 at the end of input, or an error: SAFI_EIO (the callback
 * failed; errno is as it left it; the bytes read before are handed out
 * first, the last of them as a line without its end, unless errno is
 * EILSEQ: a decoder's refusal of a byte refuses its line), SAFI_EILSEQ (ill-formed UTF-8 with
 * SAFI_INVALID_FAIL; see safi_reader_error_at), SAFI_ENOMEM.  After these
 * the reader is done.  SAFI_ETOOBIG says that a line is longer than
 * opts->limit bytes: *line then holds its number and offset and no text;
 * the line is left out, its bytes dropped as they come (memory stays
 * bounded), and the next call goes on with the next line. */
int safi_reader_next(struct safi_reader *r, struct safi_line *line);

/* Number of ill-formed UTF-8 subparts met so far (replaced or skipped). */
uint64_t safi_reader_invalid_count(const struct safi_reader *r);

/* Line number and input byte offset of the first ill-formed subpart met
 * (0, 0 when none); after SAFI_EILSEQ, of the one that stopped the reader. */
void safi_reader_error_at(const struct safi_reader *r, uint64_t *lineno,
                          uint64_t *offset);

/* Frees the reader; NULL is accepted. */
void safi_reader_free(struct safi_reader *r);

SAFI_END_DECLS

#endif
