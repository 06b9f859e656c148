/*
 * cli.h - what every safi program shares with the shell: messages, exit
 * status, the common options, opening inputs and the checked stdout.
 *
 * Messages go to stderr as "program: message" or "program: file:line:
 * message"; a format ending in ':' gets ": strerror(errno)" appended.
 * Exit status: 0 success, 1 an input or output failed (the rest was still
 * processed), 2 usage error.  SIGPIPE keeps its default action, so a closed
 * pipe downstream ends a program quietly; where the caller ignores SIGPIPE,
 * the failed write (EPIPE) ends it quietly too, with status 0.
 */
#ifndef SAFI_CLI_H
#define SAFI_CLI_H

#include <getopt.h>
#include <stdint.h>

#include "safi.h"
#include "cli_stats.h"

#define CLI_EXIT_USAGE 2

/* Options every program takes; their getopt values are above any char. */
enum {
	CLI_OPT_HELP = 0x100,
	CLI_OPT_VERSION,
	CLI_OPT_INVALID,
	CLI_OPT_JSONL,                /* for the programs that take it: cli_jsonl.h */
	CLI_OPT_DOCS,
	CLI_OPT_DROP_EMPTY,           /* for the programs that write documents: cli_jsonl.h */
	CLI_OPT_STATS,                /* cli_stats.h */
	CLI_OPT_PROGRESS,
	CLI_OPT_FIRST_PROGRAM_OPTION  /* programs number their own from here */
};

#define CLI_COMMON_LONGOPTS \
	{"help", no_argument, NULL, CLI_OPT_HELP}, \
	{"version", no_argument, NULL, CLI_OPT_VERSION}, \
	{"invalid", required_argument, NULL, CLI_OPT_INVALID}, \
	{"docs", required_argument, NULL, CLI_OPT_DOCS}, \
	{"null-data", no_argument, NULL, 'z'}, \
	{"progress", no_argument, NULL, CLI_OPT_PROGRESS}, \
	{"stats", required_argument, NULL, CLI_OPT_STATS}

/* Help text for the common options, for a program's --help. */
#define CLI_COMMON_HELP \
	"\nCommon options (see safi(7)):\n" \
	"  -z, --null-data      a NUL byte ends a document (as does a form-feed line)\n" \
	"      --docs=MODE      documents also end at each blank line (blank) or\n" \
	"                       at each line end (line); see safi(7)\n" \
	"      --invalid=MODE   ill-formed UTF-8: replace (U+FFFD, default), skip, fail\n" \
	CLI_STATS_HELP \
	"      --help           print this help and exit\n" \
	"      --version        print the version and exit\n"

/* Where documents end besides form-feed lines, NUL bytes with -z and the
 * end of each FILE (--docs=MODE). */
enum cli_docs {
	CLI_DOCS_FORM_FEED,  /* nowhere else (the default) */
	CLI_DOCS_BLANK,      /* at blank lines: a document is a block of lines */
	CLI_DOCS_LINE        /* at every line end: a document is a line */
};

struct cli_jsonl;

struct cli_common {
	enum safi_invalid invalid;
	int null_data;
	enum cli_docs docs;
	struct cli_jsonl *jsonl;  /* set by cli_jsonl_check() under --jsonl */
};

#define CLI_COMMON_INIT {.invalid = SAFI_INVALID_REPLACE}

/* Sets the charset cli_each_line() decodes every input from (a program's
 * --from): NULL for UTF-8 as it is (the default), "auto" to detect it per
 * input, else an ICU converter name the program checked with
 * safi_encoding_lookup().  With |verbose| the charset detected for each
 * input is reported (an unsure guess always is). */
void cli_set_input_charset(const char *charset, int verbose);

/* Makes a line of every input end at LF (or CRLF) only, a lone CR being
 * data: with --jsonl a record is one line ended by LF, and JSON allows a
 * CR as white space inside it. */
void cli_set_lf_lines(void);

/* Makes cli_each_line() map each input that is a large regular file of
 * plain text, of |max| bytes at most, into memory instead of reading it
 * (cli_input_map()): the lines handed to the program then point into the
 * mapping, which stays until the program's end-of-input callback has
 * returned.  For a program that holds a whole document of up to |max|
 * bytes, this saves a copy of it; a larger file is read, so that the
 * memory of a run stays bounded by what the program holds. */
void cli_set_map_inputs(size_t max);

extern const char *cli_progname;
extern int cli_status;        /* becomes 1 when an input or output fails */

/* Sets the program name used in messages and the locale-independent setup,
 * and opens /dev/null on a standard descriptor that is closed (so that no
 * file the program opens takes its place). */
void cli_init(const char *progname);

/* Prints "program: message" to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints "program: file:line: message" (no ":line" when line is 0). */
void cli_warn_at(const char *file, uint64_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prints "program: message" and "Try 'program --help'.", exits 2. */
_Noreturn void cli_usage(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Reports the option getopt_long() just refused (it returned |c|, '?' or
 * ':' with an optstring starting with ':') and exits 2. */
_Noreturn void cli_bad_option(int c, char **argv);

/* Handles one of the common options; returns 1 if |c| was one.  --help
 * writes |help| to stdout and exits 0; --version prints the version. */
int cli_common_option(int c, const char *arg, struct cli_common *co,
                      const char *help);

/* Parses a size such as 64K, 256M or 2G.  Returns 0 or -1. */
int cli_parse_size(const char *s, uint64_t *out);

/* Parses a non-negative decimal integer.  Returns 0 or -1. */
int cli_parse_count(const char *s, uint64_t *out);

/* The checked, buffered standard output (created on first use). */
struct safi_writer *cli_stdout(void);

/* Flushes stdout after a complete unit of output (used by
 * --line-buffered modes and before long pauses). */
void cli_flush(void);

/* Flushes and closes stdout, reporting a failed write, and returns the
 * exit status the program should end with. */
int cli_finish(void);

/* An open input. */
struct cli_input {
	const char *name;   /* as given; "-" for standard input */
	const char *label;  /* for messages: the name, or "(standard input)" */
	int fd;
	struct cli_source *source;  /* its decompression: cli_input.h */
	const char *map;    /* its bytes, mapped (cli_input_map()), or NULL */
	size_t map_len;
};

/* Opens |name| ("-" is stdin).  On failure reports it, sets cli_status
 * and returns -1. */
int cli_open(const char *name, struct cli_input *in);

/* Closes an input opened by cli_open (stdin is left open). */
void cli_close(struct cli_input *in);

/* safi_read_fn over a struct cli_input *: its bytes, decompressed when
 * they are gzip, zstd, xz or bzip2 (cli_input.h). */
long cli_read(void *ctx, void *buf, size_t cap);

/* safi_read_fn and safi_write_fn over an int * file descriptor; both
 * retry when a signal interrupts them. */
long cli_fd_read(void *fd, void *buf, size_t cap);
long cli_fd_write(void *fd, const void *buf, size_t n);

/* Reads all of |path| into |b| (within b->limit).  Returns 0, or -1 with
 * errno set (ENOENT when the file does not exist, ENOMEM past the limit). */
int cli_read_file(const char *path, struct safi_buf *b);

/* The same for the rest of the open file |fd|, which stays open. */
int cli_read_fd(int fd, struct safi_buf *b);

/* Called for each line, piece or document separator of each input.
 * Returns 0 to go on, or a negative SAFI_E* code to stop the program. */
typedef int (*cli_line_fn)(void *ctx, const struct cli_input *in,
                           const struct safi_line *line);

/* Called after the last line of each input (also after a failed one). */
typedef int (*cli_input_end_fn)(void *ctx, const struct cli_input *in);

/*
 * Reads every input named in files[0..n) in order (stdin when n is 0),
 * with a reader configured from |opts| and |co|, and calls |on_line| for
 * each line.  Unreadable inputs, read errors, ill-formed UTF-8 (counted and
 * reported once per input; an error with --invalid=fail) and lines longer
 * than opts->limit (left out; the input goes on after them) are reported
 * with the file name and line, and make the exit status 1.  Returns 0, or the
 * negative code a callback stopped with.
 *
 * Documents are framed here, once for every program (safi(7)): a FILE
 * ends a document, and so, with --docs, does a blank line or every line
 * end.  |on_line| sees one separator (SAFI_LINE_DOC: "\f", or empty for a
 * NUL with -z) between two such documents, before the first line of the
 * second; a blank line that ends a document is not passed on, and no
 * empty document is made.  Form-feed lines and NUL separators of the input
 * pass as they come under the default --docs.  Under --jsonl every line is
 * passed as it is: each line is a document already.
 */
int cli_each_line(int n, char **files, const struct cli_common *co,
                  const struct safi_reader_opts *opts, cli_line_fn on_line,
                  cli_input_end_fn on_end, void *ctx);

/* Reports a library error in context and makes the exit status 1. */
void cli_report(const struct cli_input *in, uint64_t line, int err);

/* Reports that reading |in| failed (a reader's SAFI_EIO), |e| being the
 * errno the read left, and makes the exit status 1.  ENOMEM means the
 * input could not be set up (cli_input_read): it is reported as out of
 * memory and gives SAFI_ENOMEM, with which the caller stops, as after any
 * allocation that fails; any other read error gives 0 (the other inputs
 * are still read). */
int cli_read_failed(const struct cli_input *in, int e);

#endif
