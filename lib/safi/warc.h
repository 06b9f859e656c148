/*
 * safi/warc.h - the records of a WARC file (ISO 28500, WARC 1.0 and 1.1),
 * as Common Crawl's WARC, WAT and WET files hold them.
 *
 * A record is a version line ("WARC/1.1"), named header fields
 * ("WARC-Type: conversion"), an empty line, a block of exactly
 * Content-Length bytes, and two line ends.  The reader pulls the bytes
 * through the caller's callback (decompressed already: a *.warc.gz is one
 * gzip member per record, which reads as the records one after another)
 * and hands out one record at a time, its block held whole in memory up
 * to a ceiling.
 *
 * A damaged record is handed out too, with an error, so that the caller
 * can report it (record number, offset, why) and go on: a bad header
 * makes the reader look for the next line that starts a record; a
 * Content-Length past the end of the input ends it; a block over the
 * ceiling is read past without being kept.  Lines of the header may end
 * in CRLF, as the standard says, or in LF, as some writers have it.
 */
#ifndef SAFI_WARC_H
#define SAFI_WARC_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "reader.h"

SAFI_BEGIN_DECLS

struct safi_warc_opts {
	size_t max_block;    /* ceiling on a block held; 0: 64 MiB */
	size_t max_header;   /* ceiling on a header; 0: 1 MiB */
};

struct safi_warc_record {
	uint64_t number;       /* 1 for the first record of the input */
	uint64_t offset;       /* input byte offset of its first byte */
	const char *header;    /* the header, from the version line to the
	                        * empty line (excluded); valid until the next call */
	size_t header_len;
	const char *block;     /* the content block (NULL after an error) */
	size_t block_len;
	int error;             /* 0, SAFI_ECORRUPT (bad header, or a block that
	                        * runs past the end) or SAFI_ETOOBIG (block over
	                        * the ceiling, skipped) */
	const char *why;       /* with error: a static phrase */
};

struct safi_warc_reader;

/* Creates a reader that pulls from |fn|(|ctx|, ...); |opts| may be NULL.
 * Returns 0 or SAFI_ENOMEM. */
int safi_warc_reader_new(struct safi_warc_reader **out, safi_read_fn fn,
                         void *ctx, const struct safi_warc_opts *opts);

/*
 * Hands out the next record.  Returns 1 with *rec filled (look at
 * rec->error: a damaged record is handed out too), 0 at the end of the
 * input, SAFI_EIO when the callback failed, SAFI_ENOMEM.  Line ends and
 * white space between records are skipped.
 */
int safi_warc_next(struct safi_warc_reader *r, struct safi_warc_record *rec);

/*
 * Finds the header field |name| (compared without regard to ASCII case)
 * in a header, such as rec->header, or an HTTP header.  Returns 1 with
 * its value (white space around it left out; folded continuation lines
 * are part of it) in *value, *len; 0 when there is none.
 */
int safi_warc_field(const char *header, size_t header_len, const char *name,
                    const char **value, size_t *len);

/*
 * Finds the parameter |name| ("charset") of a media type such as
 * "text/plain; charset=UTF-8" (quotes removed).  Returns 1 with *value,
 * *len, or 0.  safi_warc_media_type() gives the type itself, lower-cased
 * into out[0..cap) (cut to fit), without parameters.
 */
int safi_warc_media_param(const char *type, size_t len, const char *name,
                          const char **value, size_t *vlen);
void safi_warc_media_type(const char *type, size_t len, char *out, size_t cap);

/* Frees the reader; NULL is accepted. */
void safi_warc_reader_free(struct safi_warc_reader *r);

SAFI_END_DECLS

#endif
