/*
 * safi/buf.h - growable byte buffers with a ceiling.
 *
 * A struct safi_buf is owned by its caller.  Initialise it with
 * SAFI_BUF_INIT (or memset to zero); the ceiling 0 means the library-wide
 * default SAFI_BUF_DEFAULT_LIMIT.  Growing past the ceiling fails with
 * SAFI_ETOOBIG instead of exhausting memory.  Contents are bytes: they may
 * hold NUL and are never NUL-terminated by these functions.
 */
#ifndef SAFI_BUF_H
#define SAFI_BUF_H

#include <stddef.h>

#include "api.h"

SAFI_BEGIN_DECLS

#define SAFI_BUF_DEFAULT_LIMIT ((size_t)1 << 40)

struct safi_buf {
	char *ptr;     /* bytes, valid for len; NULL while cap is 0 */
	size_t len;    /* bytes in use */
	size_t cap;    /* bytes allocated */
	size_t limit;  /* ceiling for cap; 0 means SAFI_BUF_DEFAULT_LIMIT */
};

#define SAFI_BUF_INIT {NULL, 0, 0, 0}

/* Makes room for |extra| more bytes after len.  Returns 0, SAFI_ENOMEM or
 * SAFI_ETOOBIG; on failure the buffer is unchanged. */
int safi_buf_reserve(struct safi_buf *b, size_t extra);

/* Appends |n| bytes.  Same errors as safi_buf_reserve(). */
int safi_buf_append(struct safi_buf *b, const void *p, size_t n);

/* Appends one byte. */
int safi_buf_putc(struct safi_buf *b, int c);

/* Appends the UTF-8 encoding of the code point |cp| (which must be a
 * Unicode scalar value). */
int safi_buf_put_utf8(struct safi_buf *b, unsigned cp);

/* Releases the memory and resets the buffer to empty; keeps the limit. */
void safi_buf_free(struct safi_buf *b);

SAFI_END_DECLS

#endif
