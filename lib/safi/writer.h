/*
 * safi/writer.h - buffered output that checks every write.
 *
 * Bytes go to a callback the caller supplies.  The first failed write makes
 * the writer fail for good (the error is sticky), so a program can write
 * freely and check once; a failed write is never a silent truncation.
 */
#ifndef SAFI_WRITER_H
#define SAFI_WRITER_H

#include <stddef.h>

#include "api.h"

SAFI_BEGIN_DECLS

/* Writes up to |n| bytes; returns how many were written (> 0) or a negative
 * value on error (the callback keeps errno). */
typedef long (*safi_write_fn)(void *ctx, const void *buf, size_t n);

struct safi_writer;

/* Creates a writer with a |bufsize|-byte buffer (0: 64 KiB).  Returns 0 or
 * SAFI_ENOMEM. */
int safi_writer_new(struct safi_writer **out, safi_write_fn fn, void *ctx,
                    size_t bufsize);

/* Queues |n| bytes.  Returns 0, or SAFI_EIO once any write has failed. */
int safi_writer_put(struct safi_writer *w, const void *p, size_t n);

/* Queues one byte. */
int safi_writer_putc(struct safi_writer *w, int c);

/* Writes out everything queued.  Returns 0 or SAFI_EIO. */
int safi_writer_flush(struct safi_writer *w);

/* Returns 0, or SAFI_EIO if a write has failed. */
int safi_writer_error(const struct safi_writer *w);

/* Frees the writer without flushing; NULL is accepted. */
void safi_writer_free(struct safi_writer *w);

SAFI_END_DECLS

#endif
