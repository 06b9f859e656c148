/*
 * cli_input.h - the bytes of an input, decompressed on the fly.
 *
 * An input (a FILE or standard input, opened by cli_open) that starts with
 * the magic bytes of gzip, zstd, xz or bzip2 is decompressed through the
 * reference library of its format (zlib, libzstd, liblzma, libbz2); any
 * other input is read as it is, straight into the caller's buffer.  The
 * magic bytes decide, never the file name.  Concatenated members, frames
 * and streams (multi-member gzip, as in *.warc.gz) are read one after the
 * other, as gzip -d, zstd -d, xz -d and bzip2 -d read them.
 *
 * Decompression runs in a thread of its own, a few blocks ahead of the
 * program, so that "program f.zst" costs no more time than
 * "zstdcat f.zst | program", which decompresses on another processor too.
 *
 * A corrupt or truncated stream ends the input as if it ended there: every
 * byte decoded before the fault is handed out (and processed), then the
 * input reads as ended, and cli_input_error() says what went wrong and at
 * which uncompressed byte offset.
 */
#ifndef SAFI_CLI_INPUT_H
#define SAFI_CLI_INPUT_H

#include "cli.h"

/* A safi_read_fn over a struct cli_input * (which cli_read() calls):
 * fills buf[0..cap), decompressing when the input is compressed. */
long cli_input_read(struct cli_input *in, void *buf, size_t cap);

/* Reports the fault that ended a compressed input early, if there was
 * one, as "program: file: corrupt gzip data at uncompressed byte offset N:
 * why", makes the exit status 1, and returns 1; returns 0 otherwise. */
int cli_input_error(const struct cli_input *in);

/*
 * Maps |in| into memory when it is a regular file of MAP_MIN to |max|
 * bytes that nothing has read yet, holding plain text (no compression magic):
 * sets in->map and in->map_len, moves the file offset to the end (as
 * reading it whole would) and returns 1.  Returns 0 when the input is to
 * be read instead (cli_input_read()).  cli_input_end() unmaps it.  The
 * bytes are counted in cli_stats by the caller, as it goes through them.
 * A mapped file that another process cuts short under the program kills it
 * with SIGBUS, as with any mapping.
 */
int cli_input_map(struct cli_input *in, size_t max);

/* Called with each input of cli_each_input(), opened.  Returns 0 to go
 * on, or a negative SAFI_E* code to stop. */
typedef int (*cli_input_fn)(void *ctx, struct cli_input *in);

/*
 * Opens each input named in files[0..n) in order (stdin when n is 0, and
 * for "-"), calls |fn| with it and closes it; an input that cannot be
 * opened is reported and skipped (exit status 1).  Keeps the counters of
 * cli_stats.h (inputs with errors, the end of a document at the end of
 * each input) and the total size for --progress.  Returns 0, or the
 * negative code |fn| stopped with.  cli_each_line() reads lines this way.
 */
int cli_each_input(int n, char **files, cli_input_fn fn, void *ctx);

/* Stops the decompression of |in| and frees what it held (the descriptor
 * stays open: cli_close() closes it). */
void cli_input_end(struct cli_input *in);

#endif
