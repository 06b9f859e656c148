/*
 * normalize - Unicode normalization and folding of text streams.
 *
 * The program owns the shell side: options, inputs, output and messages.
 * Every line goes through three steps, in on_line():
 *
 *   1. the input's leading byte order mark is dropped;
 *   2. mojibake repair (SAFI_NORM_MOJIBAKE; the place is marked below);
 *   3. the normalizer (lib/normalize.c), piece by piece, so that memory
 *      stays bounded whatever the line lengths.
 *
 * Inputs are read through cli_each_line(); a legacy-encoding decoder, when
 * there is one, wraps the read callback there.
 */
#include <string.h>

#include "cli.h"
#include "normopts.h"

enum {
	OPT_LINE_BUFFERED = CLI_OPT_FIRST_PROGRAM_OPTION,
};

static const char usage_text[] =
	"Usage: normalize [OPTION]... [FILE]...\n"
	"Normalize and fold Unicode text, line by line, from the FILEs (or standard\n"
	"input) to standard output.  By default: NFC, line ends to LF, the leading\n"
	"byte order mark and C0 controls (but TAB and FF) dropped; nothing else.\n"
	"\n"
	NORMOPTS_HELP
	"\n"
	"Stream:\n"
	"      --line-buffered      flush the output after every line\n";

static const struct option longopts[] = {
	CLI_COMMON_LONGOPTS,
	NORMOPTS_LONGOPTS,
	{"line-buffered", no_argument, NULL, OPT_LINE_BUFFERED},
	{NULL, 0, NULL, 0}
};

struct job {
	struct safi_normalizer *nz;
	struct safi_buf out;        /* normalized text of the current piece */
	int line_buffered;
};

static int
put(const void *p, size_t n)
{
	return safi_writer_put(cli_stdout(), p, n);
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
		rc = n == 0 ? put("", 1) : put("\f\n", 2);
		goto written;
	}
	/* 1. the byte order mark at the start of each input */
	if (line->offset == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	/* 2. mojibake repair of the whole line goes here (SAFI_NORM_MOJIBAKE
	 * in safi_normalizer_opts(job->nz)->folds). */

	/* 3. normalization */
	job->out.len = 0;
	if ((rc = safi_normalize_piece(job->nz, s, n, end, &job->out)) < 0) {
		cli_report(in, line->lineno, rc);
		return rc;
	}
	if (end && (rc = safi_buf_putc(&job->out, '\n')) < 0) {
		cli_report(in, line->lineno, rc);
		return rc;
	}
	rc = put(job->out.ptr, job->out.len);
written:
	if (rc < 0)
		return rc;   /* cli_finish() reports the failed write */
	if (end && job->line_buffered)
		cli_flush();
	return 0;
}

static int
on_input_end(void *ctx, const struct cli_input *in)
{
	struct job *job = ctx;

	(void)in;
	safi_normalizer_reset(job->nz);
	return 0;
}

int
main(int argc, char **argv)
{
	struct cli_common common = {SAFI_INVALID_REPLACE, 0};
	struct safi_norm_opts opts = SAFI_NORM_OPTS_DEFAULT;
	struct safi_reader_opts ropts = {0};
	struct job job = {0};
	int c, rc;

	cli_init(argv[0]);
	while ((c = getopt_long(argc, argv, "z", longopts, NULL)) != -1) {
		if (cli_common_option(c, optarg, &common, usage_text) ||
		    normopts_option(c, optarg, &opts))
			continue;
		switch (c) {
		case OPT_LINE_BUFFERED:
			job.line_buffered = 1;
			break;
		default:
			cli_usage("unknown option");
		}
	}
	if ((rc = safi_normalizer_new(&job.nz, &opts)) < 0) {
		cli_warn("%s", safi_strerror(rc));
		return 1;
	}
	/* long lines come in pieces: memory stays bounded */
	ropts.flags = SAFI_READ_PIECES;
	ropts.block = 64 * 1024;
	ropts.piece = 64 * 1024;
	cli_each_line(argc - optind, argv + optind, &common, &ropts, on_line,
	              on_input_end, &job);
	safi_normalizer_free(job.nz);
	safi_buf_free(&job.out);
	return cli_finish();
}
