/*
 * split-sentences - one sentence per line; paragraphs and documents kept.
 *
 * The rules live in lib/sentence.c; this program reads paragraphs (lines,
 * or with --unwrap runs of lines between blank lines), writes each
 * sentence on its own line and a blank line after each paragraph, and
 * passes document separators through.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_jsonl.h"

enum {
	OPT_ABBREV = CLI_OPT_FIRST_PROGRAM_OPTION,
	OPT_LINE_BUFFERED,
	OPT_MAX_LINE,
	OPT_UNWRAP
};

/* A paragraph is split whole, so it is held whole: this bounds it. */
#define DEFAULT_MAX_LINE ((uint64_t)256 << 20)

static const char help[] =
	"Usage: split-sentences [OPTION]... [FILE]...\n"
	"Write each sentence of the input on its own line, with a blank line\n"
	"after each paragraph.  A paragraph is a line (see --unwrap).\n"
	"\n"
	"      --abbrev=FILE    also read abbreviations from FILE, one a line\n"
	"      --jsonl[=FIELD]  each line is a JSON object: split its string member\n"
	"                       FIELD (default text), pass the other members through\n"
	CLI_JSONL_DROP_EMPTY_HELP
	"  -l, --lang=LANG      use the lists of LANG (ar, de, en, es, fa, fr, ru);\n"
	"                       default: auto, by the script of each word\n"
	"      --line-buffered  write each paragraph out as soon as it is split\n"
	"      --max-line=SIZE  a longer line is an error and is left out; with\n"
	"                       --unwrap a longer paragraph is split in parts\n"
	"                       (default 256M)\n"
	"      --unwrap         a paragraph is a run of lines between blank lines\n";

struct split {
	struct safi_splitter *sp;
	int unwrap;
	int line_buffered;
	struct safi_buf para;   /* the paragraph being gathered (--unwrap) */
	struct safi_writer *out;  /* stdout, or a document's text with --jsonl */
	struct cli_jsonl jsonl;
	uint64_t *sentences, *paragraphs;  /* --stats */
};

static int
put_separator(struct split *sp, int nul)
{
	int rc;

	rc = nul ? safi_writer_putc(sp->out, '\0') :
	           safi_writer_put(sp->out, "\f\n", 2);
	if (rc == 0 && sp->line_buffered)
		cli_flush();
	return rc;
}

/* Writes the sentences of text[0..len) and the blank line after them. */
static int
put_paragraph(struct split *sp, const char *text, size_t len)
{
	struct safi_writer *w = sp->out;
	struct safi_sentences it;
	size_t start, end;
	int rc, any = 0;

	safi_sentences_begin(&it, sp->sp, text, len);
	while (safi_sentences_next(&it, &start, &end)) {
		any = 1;
		++*sp->sentences;
		if ((rc = safi_writer_put(w, text + start, end - start)) < 0 ||
		    (rc = safi_writer_putc(w, '\n')) < 0)
			return rc;
	}
	/* A line of nothing but (Unicode) white space is a blank line. */
	if (!any)
		return 0;
	++*sp->paragraphs;
	if ((rc = safi_writer_putc(w, '\n')) < 0)
		return rc;
	if (sp->line_buffered)
		cli_flush();
	return safi_writer_error(w);
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\v' && s[i] != '\f')
			return 0;
	return 1;
}

static int
flush_paragraph(struct split *sp)
{
	int rc = 0;

	if (sp->para.len > 0)
		rc = put_paragraph(sp, sp->para.ptr, sp->para.len);
	sp->para.len = 0;
	return rc;
}

static int
on_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct split *sp = ctx;
	int rc;

	if (line->flags & SAFI_LINE_DOC) {
		if ((rc = flush_paragraph(sp)) < 0)
			return rc;
		return put_separator(sp, line->len == 0);
	}
	if (blank(line->ptr, line->len))
		return flush_paragraph(sp);
	if (!sp->unwrap)
		return put_paragraph(sp, line->ptr, line->len);
	/* --unwrap: a single line break inside a paragraph is a space; a
	 * paragraph that would outgrow --max-line is split where it is. */
	if (sp->para.len > 0 && sp->para.limit - sp->para.len <= line->len &&
	    (rc = flush_paragraph(sp)) < 0)
		return rc;
	if ((sp->para.len > 0 && (rc = safi_buf_putc(&sp->para, ' ')) < 0) ||
	    (rc = safi_buf_append(&sp->para, line->ptr, line->len)) < 0) {
		cli_report(in, line->lineno, rc);
		return rc;
	}
	return 0;
}

static int
on_input_end(void *ctx, const struct cli_input *in)
{
	(void)in;
	return flush_paragraph(ctx);
}

/* --jsonl: the paragraphs of the document are split as lines of input
 * are, and FIELD becomes their sentences, one a line, with a blank line
 * between paragraphs. */
static int
on_json_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct split *sp = ctx;
	int rc = cli_jsonl_read(&sp->jsonl, in, line);

	if (rc > 0) {
		sp->out = cli_jsonl_writer(&sp->jsonl);
		rc = cli_jsonl_each_line(&sp->jsonl, in, line, on_line, sp);
		if (rc >= 0)
			rc = flush_paragraph(sp);
		sp->out = cli_stdout();
		if (rc >= 0)
			rc = cli_jsonl_put_result(&sp->jsonl, in, line);
	}
	if (rc >= 0 && sp->line_buffered)
		cli_flush();
	return rc;
}

/* Reads abbreviations from |path|: one a line, '#' starts a comment line. */
static void
read_abbrevs(struct safi_splitter *s, const char *path)
{
	struct safi_buf b = SAFI_BUF_INIT;
	const char *w;
	size_t pos = 0, len;
	uint64_t lineno = 0;

	b.limit = (size_t)64 << 20;
	if (cli_read_file(path, &b) < 0) {
		if (errno == ENOMEM)
			cli_warn("%s: file too large for an abbreviation list", path);
		else
			cli_warn("%s:", path);
		exit(CLI_EXIT_USAGE);
	}
	while (safi_data_next_entry(b.ptr, b.len, &pos, &lineno, &w, &len)) {
		if (safi_splitter_add_abbrev(s, w, len) < 0) {
			cli_warn_at(path, lineno, "not an abbreviation: '%.*s'",
			            (int)len, w);
			exit(CLI_EXIT_USAGE);
		}
	}
	safi_buf_free(&b);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"abbrev", required_argument, NULL, OPT_ABBREV},
		CLI_JSONL_LONGOPT,
		CLI_JSONL_DROP_EMPTY_LONGOPT,
		{"lang", required_argument, NULL, 'l'},
		{"line-buffered", no_argument, NULL, OPT_LINE_BUFFERED},
		{"max-line", required_argument, NULL, OPT_MAX_LINE},
		{"unwrap", no_argument, NULL, OPT_UNWRAP},
		CLI_COMMON_LONGOPTS,
		{NULL, 0, NULL, 0}
	};
	struct cli_common co = CLI_COMMON_INIT;
	struct safi_reader_opts ro = {0};
	struct split sp = {0};
	const char *lang = NULL;
	char **abbrevs;
	int c, nabbrev = 0, i, rc;
	uint64_t max_line = DEFAULT_MAX_LINE;

	cli_init(argv[0]);
	if ((abbrevs = calloc((size_t)argc, sizeof *abbrevs)) == NULL) {
		cli_warn("out of memory");
		return 1;
	}
	while ((c = getopt_long(argc, argv, ":l:z", longopts, NULL)) != -1) {
		if (cli_common_option(c, optarg, &co, help) ||
		    cli_jsonl_option(c, optarg, &sp.jsonl, 1))
			continue;
		switch (c) {
		case OPT_ABBREV:
			abbrevs[nabbrev++] = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case OPT_LINE_BUFFERED:
			sp.line_buffered = 1;
			break;
		case OPT_MAX_LINE:
			if (cli_parse_size(optarg, &max_line) < 0 || max_line == 0 ||
			    max_line > SIZE_MAX / 2)
				cli_usage("--max-line: not a size: '%s'", optarg);
			break;
		case OPT_UNWRAP:
			sp.unwrap = 1;
			break;
		default:
			cli_bad_option(c, argv);
		}
	}
	cli_jsonl_check(&sp.jsonl, &co);
	sp.sentences = cli_stats_counter("sentences");
	sp.paragraphs = cli_stats_counter("paragraphs");
	rc = safi_splitter_new(&sp.sp, lang);
	if (rc == SAFI_ENOTFOUND)
		cli_usage("--lang: no abbreviation list for '%s'", lang);
	if (rc < 0) {
		cli_warn("%s", safi_strerror(rc));
		free(abbrevs);
		return 1;
	}
	for (i = 0; i < nabbrev; i++)
		read_abbrevs(sp.sp, abbrevs[i]);
	sp.out = cli_stdout();
	ro.limit = (size_t)max_line;
	sp.para.limit = (size_t)max_line;
	cli_each_line(argc - optind, argv + optind, &co, &ro,
	              sp.jsonl.field ? on_json_line : on_line, on_input_end, &sp);
	safi_buf_free(&sp.para);
	cli_jsonl_free(&sp.jsonl);
	safi_splitter_free(sp.sp);
	free(abbrevs);
	return cli_finish();
}
