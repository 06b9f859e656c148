/*
 * cli_stats.h - the counters of a run: --stats=FILE and --progress.
 *
 * Every counter is a count of something in the input or the output, never
 * a time, a rate or a maximum, so that the --stats files of N jobs over
 * parts of an input, summed field by field, equal the file of one job over
 * all of it (see safi(7) for the jq line that sums them).  The common
 * counters below are kept by cmd/common (reading, writing, --jsonl); a
 * program adds its own with cli_stats_counter().
 *
 * --progress writes a status line to stderr about once a second: bytes
 * read, documents, rate, and the share done and time left when the size of
 * the input is known.  SIGUSR1 writes one status line at any time, as dd
 * does.  Both are taken at the next read of input (cli_progress_poll).
 */
#ifndef SAFI_CLI_STATS_H
#define SAFI_CLI_STATS_H

#include <signal.h>
#include <stdint.h>

#include "safi.h"

struct cli_stats {
	uint64_t bytes_read;      /* bytes read from the inputs, compressed or not */
	uint64_t bytes_in;        /* bytes of text: bytes_read decompressed */
	uint64_t lines_in;        /* lines read (JSON lines with --jsonl) */
	uint64_t documents_in;    /* documents read (records with --jsonl) */
	uint64_t bytes_out;       /* bytes written to standard output */
	uint64_t invalid_utf8;    /* ill-formed UTF-8 subparts replaced or dropped */
	uint64_t input_errors;    /* inputs with an error (unreadable, corrupt...) */
	uint64_t jsonl_bad_lines; /* --jsonl: lines that were not a usable object */
	uint64_t documents_dropped_empty;  /* --drop-empty */
};

extern struct cli_stats cli_stats;

/* Set while --jsonl is on: a record, not a form feed, ends a document. */
extern int cli_stats_records;
extern int cli_stats_doc_open;  /* lines were read since the last document end */

/* Options every program takes (in CLI_COMMON_LONGOPTS). */
#define CLI_STATS_HELP \
	"      --stats=FILE     write the run's counters to FILE as one JSON object\n" \
	"      --progress       write a status line to stderr about once a second\n"

/* Handles --stats=FILE and --progress; returns 1 if |c| was one.  FILE is
 * created at once: one that cannot be is a usage error (exit 2), said
 * before any input is read. */
int cli_stats_option(int c, const char *arg);

/* Returns a counter of the program's own, named |name| in the stats file
 * (snake_case; hyphens become underscores), zero, created on first use.
 * Counters appear in the order they were first asked for.  Exits on
 * out-of-memory, as cli_stdout() does. */
uint64_t *cli_stats_counter(const char *name);

/* Counts a line of input as the reader hands it out (cli_each_line). */
static inline void
cli_stats_line(const struct safi_line *line)
{
	if ((line->flags & (SAFI_LINE_END | SAFI_LINE_DOC)) == SAFI_LINE_END)
		cli_stats.lines_in++;
}

/* Counts the documents in the lines a program is handed: a document that
 * holds a line ends at a separator, and at the end of an input. */
static inline void
cli_stats_document_line(const struct safi_line *line)
{
	if (line->flags & SAFI_LINE_DOC) {
		cli_stats.documents_in += cli_stats_doc_open && !cli_stats_records;
		cli_stats_doc_open = 0;
	} else {
		cli_stats_doc_open = 1;
	}
}

/* Around each input of cli_each_line(): counts the inputs in which an
 * error was reported (cli_status became 1), and the end of the input ends
 * a document. */
void cli_stats_input_begin(void);
void cli_stats_input_end(void);

/* Called between inputs by cli_each_line(), before the first: sets the
 * total size of the inputs, when they are all regular files, for the
 * share done and the time left. */
void cli_progress_inputs(int n, char **files);

/* Writes a status line when one is due (cheap when none is). */
extern volatile sig_atomic_t cli_progress_due;
void cli_progress_line(void);
static inline void
cli_progress_poll(void)
{
	if (cli_progress_due)
		cli_progress_line();
}

/* Ends a status line that stands open on a terminal, before a message. */
void cli_progress_break(void);

/* Installs the SIGUSR1 handler (cli_init). */
void cli_progress_init(void);

/* At the end of the run (cli_finish): the last status line, and the stats
 * file.  Returns 0, or -1 when the stats file could not be written
 * (reported). */
int cli_stats_finish(void);

#endif
