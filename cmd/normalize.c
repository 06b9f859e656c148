/*
 * normalize - Unicode normalization and folding of text streams.
 *
 * The program owns the shell side: options, inputs, output and messages.
 * Every line goes through two steps, in on_line():
 *
 *   1. the input's leading byte order mark is dropped;
 *   2. the normalizer (lib/normalize.c), piece by piece, so that memory
 *      stays bounded whatever the line lengths; with --repair-mojibake
 *      (SAFI_NORM_MOJIBAKE) it repairs each line first (lib/mojibake.c).
 *
 * What the normalizer drops or repairs is reported: the C0 controls once
 * per input, each repair with --verbose.
 *
 * Inputs are read through cli_each_line(); a legacy-encoding decoder, when
 * there is one, wraps the read callback there.
 */
#include <string.h>

#include "cli.h"
#include "cli_jsonl.h"
#include "normopts.h"

enum {
	OPT_LINE_BUFFERED = CLI_OPT_FIRST_PROGRAM_OPTION,
	/* legacy input and mojibake */
	OPT_FROM,
	OPT_DETECT_ENCODING,
	OPT_REPAIR_MOJIBAKE,
	OPT_VERBOSE,
};

static const char usage_text[] =
	"Usage: normalize [OPTION]... [FILE]...\n"
	"Normalize and fold Unicode text, line by line, from the FILEs (or standard\n"
	"input) to standard output.  By default: NFC, line ends to LF, the leading\n"
	"byte order mark and C0 controls (but TAB and FF) dropped; nothing else.\n"
	"\n"
	NORMOPTS_HELP
	"\n"
	"Legacy input and mojibake:\n"
	"      --from=CHARSET       read the inputs as CHARSET (an ICU converter name:\n"
	"                           windows-1256, iso-8859-6, ibm-864, utf-16, ...)\n"
	"                           or auto to detect it; also --encoding=CHARSET\n"
	"      --detect-encoding    same as --from=auto\n"
	"      --repair-mojibake    undo text decoded with the wrong charset: UTF-8\n"
	"                           read as windows-125x, ISO-8859-2, MacRoman,\n"
	"                           IBM437 or KOI8-R, CESU-8, C1 controls, and\n"
	"                           windows-1256 read as windows-1252 (part of\n"
	"                           --preset=train)\n"
	"      --verbose            report each repair and each detected charset\n"
	"\n"
	"Stream:\n"
	"      --line-buffered      flush the output after every line\n"
	"      --jsonl[=FIELD]      each line is a JSON object: normalize its string\n"
	"                           member FIELD (default text), pass the rest through\n"
	"      --drop-empty         with --jsonl, drop the records whose text comes out\n"
	"                           empty\n";

static const struct option longopts[] = {
	CLI_COMMON_LONGOPTS,
	NORMOPTS_LONGOPTS,
	{"line-buffered", no_argument, NULL, OPT_LINE_BUFFERED},
	CLI_JSONL_LONGOPT,
	CLI_JSONL_DROP_EMPTY_LONGOPT,
	{"from", required_argument, NULL, OPT_FROM},
	{"encoding", required_argument, NULL, OPT_FROM},
	{"detect-encoding", no_argument, NULL, OPT_DETECT_ENCODING},
	{"repair-mojibake", no_argument, NULL, OPT_REPAIR_MOJIBAKE},
	{"verbose", no_argument, NULL, OPT_VERBOSE},
	{NULL, 0, NULL, 0}
};

struct job {
	struct safi_normalizer *nz;
	struct safi_buf out;        /* normalized text not yet written */
	int line_buffered;
	int in_line;                /* a line was begun but has not ended */
	int verbose;
	struct safi_norm_counts dropped;  /* in this input so far */
	uint64_t dropped_line;      /* the line of the first control dropped */
	struct cli_jsonl jsonl;     /* --jsonl */
	struct safi_buf doc;        /* --jsonl: the normalized document */
	uint64_t *boms;             /* --stats: byte order marks dropped */
	uint64_t *repairs;          /* --stats: mojibake repairs */
	uint64_t *controls;         /* --stats: control characters dropped */
};

/* Adds what the normalizer dropped to the input's account; |lineno| is the
 * line it was dropped from. */
static void
count_dropped(struct job *job, uint64_t lineno)
{
	struct safi_norm_counts c;

	safi_normalizer_take_counts(job->nz, &c);
	if (c.controls > 0 && job->dropped.controls == 0) {
		job->dropped_line = lineno;
		job->dropped.first_control = c.first_control;
	}
	job->dropped.controls += c.controls;
	*job->controls += c.controls;
}

/* After a line: counts what was dropped, and with --verbose says what was
 * repaired. */
static void
account(struct job *job, const struct cli_input *in, uint64_t lineno)
{
	struct safi_mojibake_stats st;

	count_dropped(job, lineno);
	safi_normalizer_last_repair(job->nz, &st);
	if (st.runs == 0)
		return;
	++*job->repairs;
	if (job->verbose)
		cli_warn_at(in->label, lineno,
		            "repaired mojibake (%s%s%s; %zu character%s)", st.what,
		            st.others ? ", and more" : "",
		            st.depth == 2 ? ", twice" : st.depth > 2 ? ", three times or more" : "",
		            st.chars, st.chars == 1 ? "" : "s");
}

/* Output is gathered in job->out and handed to the writer in blocks of at
 * least OUT_BLOCK bytes, which it writes without copying them again. */
#define OUT_BLOCK (64 * 1024)

static int
flush_out(struct job *job)
{
	int rc;

	if (job->out.len == 0)
		return 0;
	rc = safi_writer_put(cli_stdout(), job->out.ptr, job->out.len);
	job->out.len = 0;
	return rc;
}

static int
on_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct job *job = ctx;
	const char *s = line->ptr;
	size_t n = line->len;
	int end = (line->flags & SAFI_LINE_END) != 0;
	int rc;

	if (line->flags & SAFI_LINE_DOC) {
		/* a document separator passes through as it came */
		rc = n == 0 ? safi_buf_putc(&job->out, '\0') :
		    safi_buf_append(&job->out, "\f\n", 2);
		if (rc < 0) {
			cli_report(in, line->lineno, rc);
			return rc;
		}
		goto written;
	}
	/* 1. the byte order mark at the start of each input (an input of
	 * nothing else gives no line: cli_each_line() drops it) */
	if (line->offset == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
		++*job->boms;
	}
	/* 2. normalization (and repair) */
	if ((rc = safi_normalize_piece(job->nz, s, n, end, &job->out)) < 0 ||
	    (end && (rc = safi_buf_putc(&job->out, '\n')) < 0)) {
		cli_report(in, line->lineno, rc);
		(void)flush_out(job);
		return rc;
	}
	if (end)
		account(job, in, line->lineno);
	job->in_line = !end;
written:
	if (job->out.len >= OUT_BLOCK || (end && job->line_buffered)) {
		if ((rc = flush_out(job)) < 0)
			return rc;   /* cli_finish() reports the failed write */
		if (job->line_buffered)
			cli_flush();
	}
	return 0;
}

/* --jsonl: normalizes one line of a document, as on_line() would a line of
 * input (whole), into job->doc. */
static int
on_document_line(void *ctx, const struct cli_input *in,
                 const struct safi_line *line)
{
	struct job *job = ctx;
	const char *s = line->ptr;
	size_t n = line->len;
	int rc;

	/* a document is an input: its leading byte order mark goes */
	if (s == job->jsonl.text.ptr && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
		++*job->boms;
	}
	if ((rc = safi_normalize_piece(job->nz, s, n, 1, &job->doc)) < 0 ||
	    ((line->flags & SAFI_LINE_NEWLINE) &&
	     (rc = safi_buf_putc(&job->doc, '\n')) < 0)) {
		cli_report(in, line->lineno, rc);
		return rc;
	}
	account(job, in, line->lineno);
	return 0;
}

/* --jsonl: the document is normalized line by line, as an input would
 * be; its line ends become LF, and it ends with one only if it did. */
static int
on_json_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct job *job = ctx;
	int rc = cli_jsonl_read(&job->jsonl, in, line);

	if (rc > 0) {
		job->doc.len = 0;
		if ((rc = cli_jsonl_each_line(&job->jsonl, in, line,
		                              on_document_line, job)) < 0)
			return rc;
		rc = cli_jsonl_put(&job->jsonl, in, line,
		                   job->doc.ptr ? job->doc.ptr : "", job->doc.len);
	}
	if (rc >= 0 && job->line_buffered)
		cli_flush();
	return rc;
}

static int
on_input_end(void *ctx, const struct cli_input *in)
{
	struct job *job = ctx;
	uint64_t k;
	int rc = 0;

	/* an input that failed in the middle of a line: end that line */
	if (job->in_line &&
	    ((rc = safi_normalize_piece(job->nz, "", 0, 1, &job->out)) < 0 ||
	     (rc = safi_buf_putc(&job->out, '\n')) < 0))
		cli_report(in, 0, rc);
	job->in_line = 0;
	safi_normalizer_reset(job->nz);
	/* the controls dropped, once per input, as ill-formed UTF-8 is */
	count_dropped(job, job->dropped_line ? job->dropped_line : 1);
	if ((k = job->dropped.controls) > 0)
		cli_warn_at(in->label, job->dropped_line,
		            "%llu control character%s dropped (first U+%04X)",
		            (unsigned long long)k, k == 1 ? "" : "s",
		            job->dropped.first_control);
	memset(&job->dropped, 0, sizeof job->dropped);
	return rc;
}

int
main(int argc, char **argv)
{
	struct cli_common common = CLI_COMMON_INIT;
	struct safi_norm_opts opts = SAFI_NORM_OPTS_DEFAULT;
	struct safi_reader_opts ropts = {0};
	struct job job = {0};
	const char *from = NULL;
	int c, rc;

	cli_init(argv[0]);
	while ((c = getopt_long(argc, argv, ":z", longopts, NULL)) != -1) {
		if (cli_common_option(c, optarg, &common, usage_text) ||
		    normopts_option(c, optarg, &opts) ||
		    cli_jsonl_option(c, optarg, &job.jsonl, 1))
			continue;
		switch (c) {
		case OPT_LINE_BUFFERED:
			job.line_buffered = 1;
			break;
		case OPT_FROM:
			if (strcmp(optarg, "auto") != 0 &&
			    safi_encoding_lookup(optarg, NULL) < 0)
				cli_usage("--from: unknown charset '%s'", optarg);
			from = optarg;
			break;
		case OPT_DETECT_ENCODING:
			from = "auto";
			break;
		case OPT_REPAIR_MOJIBAKE:
			opts.folds |= SAFI_NORM_MOJIBAKE;
			break;
		case OPT_VERBOSE:
			job.verbose = 1;
			break;
		default:
			cli_bad_option(c, argv);
		}
	}
	cli_jsonl_check(&job.jsonl, &common);
	cli_set_input_charset(from, job.verbose);
	job.boms = cli_stats_counter("byte_order_marks_dropped");
	job.repairs = cli_stats_counter("mojibake_repairs");
	job.controls = cli_stats_counter("control_characters_dropped");
	if ((rc = safi_normalizer_new(&job.nz, &opts)) < 0) {
		cli_warn("%s", safi_strerror(rc));
		return 1;
	}
	/* Long lines come in pieces, so that memory stays bounded; mojibake
	 * repair works on the pieces too.  A legacy-encoding decoder wraps
	 * the read callback of each input, in cli_each_line. */
	ropts.flags = SAFI_READ_PIECES;
	ropts.block = 64 * 1024;
	ropts.piece = 64 * 1024;
	/* With --jsonl each line is an object, and comes whole. */
	if (job.jsonl.field)
		ropts.flags = 0;
	cli_each_line(argc - optind, argv + optind, &common, &ropts,
	              job.jsonl.field ? on_json_line : on_line, on_input_end, &job);
	(void)flush_out(&job);
	safi_normalizer_free(job.nz);
	safi_buf_free(&job.out);
	safi_buf_free(&job.doc);
	cli_jsonl_free(&job.jsonl);
	return cli_finish();
}
