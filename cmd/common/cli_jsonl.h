/*
 * cli_jsonl.h - the --jsonl[=FIELD] input mode of the stream contract.
 *
 * With --jsonl every input line (ended by LF or CRLF: a lone CR is JSON
 * white space, see cli_set_lf_lines()) is a JSON object, the document is its
 * member FIELD (default "text"), a string, and every other member passes
 * through.  A program that opts in reads the lines as usual and, for each,
 * calls cli_jsonl_read(); when that gives a document, it runs its usual
 * per-line logic over the document's lines (cli_jsonl_each_line), writes
 * what it makes of them into cli_jsonl_writer(), and ends the line with
 * cli_jsonl_put_result(), which writes the object back with FIELD
 * replaced: one JSON line out for each line in.
 *
 * A line that is not a JSON object, has no member FIELD, or whose FIELD is
 * not a string is reported as "program: file:line: what is wrong", makes
 * the exit status 1, and is written back unchanged by programs that write
 * documents (nothing is lost silently); the rest is still processed.  An
 * empty line, or one of spaces and tabs only, is no error: it is written
 * back as it came.  A UTF-8 byte order mark at the start of an input is
 * dropped.  --jsonl excludes -z and --docs: each line is a document.
 *
 * A lone surrogate escape in FIELD is ill-formed text, handled as
 * --invalid says: replaced with U+FFFD (or dropped) and counted, the count
 * reported once per input; with --invalid=fail the line is reported and
 * handled as a line that gives no document.
 */
#ifndef SAFI_CLI_JSONL_H
#define SAFI_CLI_JSONL_H

#include "cli.h"

#define CLI_JSONL_LONGOPT {"jsonl", optional_argument, NULL, CLI_OPT_JSONL}

/* --drop-empty, for the programs that write documents: a record whose
 * FIELD comes out empty is not written (and is counted in the stats). */
#define CLI_JSONL_DROP_EMPTY_LONGOPT \
	{"drop-empty", no_argument, NULL, CLI_OPT_DROP_EMPTY}
#define CLI_JSONL_DROP_EMPTY_HELP \
	"      --drop-empty     with --jsonl, drop the records whose text comes out empty\n"

struct cli_jsonl {
	const char *field;        /* NULL while --jsonl is off */
	size_t field_len;
	int passes_through;       /* a bad line is written back unchanged */
	int drop_empty;           /* --drop-empty */
	enum safi_invalid invalid;  /* --invalid, for lone surrogates */
	uint64_t lone, lone_line; /* lone surrogates in this input, the first's line */
	/* the line being read */
	const char *line;
	size_t len;
	struct safi_jsonl_member m;
	struct safi_buf text;     /* the document: FIELD decoded */
	struct safi_buf result;   /* what cli_jsonl_writer() was given */
	struct safi_buf out;      /* the object written back */
	struct safi_writer *w;
};

/* Handles --jsonl[=FIELD] and --drop-empty; returns 1 if |c| was one.  |passes_through|
 * says whether the program writes documents (and so bad lines back). */
int cli_jsonl_option(int c, const char *arg, struct cli_jsonl *j,
                     int passes_through);

/* After the options: refuses -z and --docs with --jsonl, and
 * --drop-empty without it (usage errors), and tells cli_each_line() that
 * the lines are JSON Lines (co->jsonl). */
void cli_jsonl_check(struct cli_jsonl *j, struct cli_common *co);

/* Reports what was replaced in the input that ended; cli_each_line()
 * calls it. */
void cli_jsonl_end_input(struct cli_jsonl *j, const struct cli_input *in);

/*
 * Reads one input line.  Returns 1 when it is a JSON object whose FIELD is
 * a string, with the decoded text in j->text; 0 when it is not (reported,
 * as said above, and written back when the program writes documents), or
 * blank (written back); a negative code when the program must stop (an
 * out-of-memory error is reported; a failed write is cli_finish()'s).
 */
int cli_jsonl_read(struct cli_jsonl *j, const struct cli_input *in,
                   const struct safi_line *line);

/*
 * Calls |fn| for each line of the document in j->text, split at LF, CRLF
 * and CR as the reader splits its input.  Each line is whole
 * (SAFI_LINE_END), has SAFI_LINE_NEWLINE when a line end followed it, and
 * carries the number and offset of the JSON line, for messages.  Form
 * feeds and NUL bytes in the document are text, never separators.  Returns
 * 0 or the first negative value |fn| returned.
 */
int cli_jsonl_each_line(struct cli_jsonl *j, const struct cli_input *in,
                        const struct safi_line *line, cli_line_fn fn,
                        void *ctx);

/* A writer that gathers the document's new text (created on first use;
 * exits on out-of-memory, as cli_stdout() does). */
struct safi_writer *cli_jsonl_writer(struct cli_jsonl *j);

/* Writes the object of the line read last, with FIELD holding what was
 * written to cli_jsonl_writer() less its final line feeds, and a line
 * feed; then empties the gathered text.  Returns 0 or a negative code
 * (reported unless it is a failed write of stdout). */
int cli_jsonl_put_result(struct cli_jsonl *j, const struct cli_input *in,
                         const struct safi_line *line);

/* Writes the object of the line read last, with FIELD holding a JSON
 * array of the JSON values written to cli_jsonl_writer(), one a line (an
 * --explain of the document, a row a line); then empties the gathered
 * text.  Returns as cli_jsonl_put_result() does. */
int cli_jsonl_put_rows(struct cli_jsonl *j, const struct cli_input *in,
                       const struct safi_line *line);

/* Writes the object of the line read last with FIELD holding text[0..n);
 * with --drop-empty, nothing when n is 0. */
int cli_jsonl_put(struct cli_jsonl *j, const struct cli_input *in,
                  const struct safi_line *line, const char *text, size_t n);

/* Frees what the mode holds. */
void cli_jsonl_free(struct cli_jsonl *j);

#endif
