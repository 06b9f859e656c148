/*
 * strip-boilerplate - keep the article, drop the page.
 *
 * The program reads documents, hands their lines to the classifier in
 * libsafi and writes the verdicts.  It owns what touches files: the
 * --phrases files and the --state file (cli_state.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_jsonl.h"
#include "cli_state.h"
#include "safi/boilerplate.h"

static const char help[] =
	"Usage: strip-boilerplate [OPTION]... [FILE]...\n"
	"Keep the article, drop the page: writes the lines of each document that\n"
	"are content (title once, standfirst, body, subheadings) and drops menus,\n"
	"widgets, bylines, dates, captions, credits and \"read also\" tails.\n"
	"Documents: each FILE, form-feed lines, NUL bytes with -z, --docs.\n"
	"\n"
	"  -e, --explain          print every line as LINE<TAB>VERDICT<TAB>REASON<TAB>TEXT\n"
	"  -v, --invert           print exactly the lines that would be dropped\n"
	"  -l, --lang=LANG        judge stop words as LANG (ar, en, de, fr, es);\n"
	"                         default: pick per document by script and stop words\n"
	"  -p, --phrases=FILE     add boilerplate phrases from FILE (may repeat)\n"
	"      --no-builtin       use no compiled-in phrases or stop words\n"
	"  -w, --min-words=N      words of a body paragraph (default 10)\n"
	"      --max-heading=N    words of a kept heading inside the body (default 15)\n"
	"      --min-stop=PCT     stop-word share of a body paragraph (default 20)\n"
	"      --min-docs=N       a line in N documents is boilerplate (default 3; 0 off)\n"
	"  -s, --state=FILE       remember line fingerprints across runs in FILE\n"
	"      --state-max=N      fingerprints kept in the state (default 1000000)\n"
	"      --state-age=N      runs an unseen fingerprint is kept (default 30)\n"
	"      --frozen           with --state: judge with the state as it is, count\n"
	"                         nothing into it and leave the file unchanged\n"
	"      --merge-states     add up the state FILEs (each counted from an empty\n"
	"                         state) and write the sum to standard output\n"
	"      --max-document=SIZE  cut documents longer than SIZE bytes (default 256M);\n"
	"                         a longer line is an error and is left out\n"
	"      --jsonl[=FIELD]    each line is a JSON object whose string member FIELD\n"
	"                         (default text) is a document; with --explain, FIELD\n"
	"                         becomes an array of {line, verdict, reason, text}\n"
	"      --drop-empty       with --jsonl, drop the records that keep no line\n";

enum {
	OPT_NO_BUILTIN = CLI_OPT_FIRST_PROGRAM_OPTION,
	OPT_MAX_HEADING,
	OPT_MIN_STOP,
	OPT_STATE_MAX,
	OPT_STATE_AGE,
	OPT_MAX_DOCUMENT,
	OPT_MIN_DOCS,
	OPT_FROZEN,
	OPT_MERGE_STATES
};

static const struct option longopts[] = {
	{"explain", no_argument, NULL, 'e'},
	{"frozen", no_argument, NULL, OPT_FROZEN},
	{"invert", no_argument, NULL, 'v'},
	CLI_JSONL_LONGOPT,
	CLI_JSONL_DROP_EMPTY_LONGOPT,
	{"lang", required_argument, NULL, 'l'},
	{"max-document", required_argument, NULL, OPT_MAX_DOCUMENT},
	{"max-heading", required_argument, NULL, OPT_MAX_HEADING},
	{"merge-states", no_argument, NULL, OPT_MERGE_STATES},
	{"min-docs", required_argument, NULL, OPT_MIN_DOCS},
	{"min-stop", required_argument, NULL, OPT_MIN_STOP},
	{"min-words", required_argument, NULL, 'w'},
	{"no-builtin", no_argument, NULL, OPT_NO_BUILTIN},
	{"phrases", required_argument, NULL, 'p'},
	{"state", required_argument, NULL, 's'},
	{"state-age", required_argument, NULL, OPT_STATE_AGE},
	{"state-max", required_argument, NULL, OPT_STATE_MAX},
	CLI_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0}
};

struct run {
	struct safi_boilerplate *bp;
	enum safi_boilerplate_mode mode;
	int pending;        /* lines were added since the last document end */
	struct safi_writer *out;  /* stdout, or a document's text with --jsonl */
	struct cli_jsonl jsonl;
	uint64_t doc_lineno;      /* --jsonl: the line inside the document */
	/* --stats */
	uint64_t *lines_kept, *lines_dropped, *documents_emptied;
	struct {
		const char *reason;   /* one of the library's static words */
		uint64_t *count;
	} by_reason[64];
	size_t nreasons;
};

/* The counter of lines dropped for |reason|, "lines_dropped_REASON". */
static uint64_t *
dropped_for(struct run *r, const char *reason)
{
	char name[64];
	size_t i;

	for (i = 0; i < r->nreasons; i++)
		if (r->by_reason[i].reason == reason)
			return r->by_reason[i].count;
	snprintf(name, sizeof name, "lines_dropped_%s", reason);
	if (r->nreasons == sizeof r->by_reason / sizeof r->by_reason[0])
		return cli_stats_counter(name);
	r->by_reason[r->nreasons].reason = reason;
	return r->by_reason[r->nreasons++].count = cli_stats_counter(name);
}

/* Counts the verdicts on the document just classified. */
static void
count_verdicts(struct run *r)
{
	size_t i, n = safi_boilerplate_count(r->bp);
	const char *reason;
	int kept = 0, v;

	for (i = 0; i < n; i++) {
		v = safi_boilerplate_verdict(r->bp, i, &reason);
		if (v > 0) {
			++*r->lines_kept;
			kept = 1;
		} else if (v == 0) {
			++*r->lines_dropped;
			++*dropped_for(r, reason);
		}
	}
	if (!kept)
		++*r->documents_emptied;
}

static int
finish_document(struct run *r)
{
	int err;

	if (!r->pending)
		return 0;
	r->pending = 0;
	if ((err = safi_boilerplate_end_document(r->bp)) < 0)
		return err;
	count_verdicts(r);
	return safi_boilerplate_write(r->bp, r->mode, r->out);
}

static int
put_separator(int nul)
{
	return nul ? safi_writer_putc(cli_stdout(), '\0') :
	    safi_writer_put(cli_stdout(), "\f\n", 2);
}

/* Adds a line to the document.  A line of a mapped input stays where it
 * is until the document is written, at on_end() at the latest (the end
 * of an input ends a document): the classifier keeps it there instead of
 * a copy. */
static int
add_line(struct run *r, const struct cli_input *in, const struct safi_line *line)
{
	uintptr_t at = (uintptr_t)line->ptr, map = (uintptr_t)in->map;

	if (in->map && at >= map && at - map <= in->map_len && line->len <= in->map_len - (at - map))
		return safi_boilerplate_add_line_ref(r->bp, line->ptr, line->len, line->lineno);
	/* read, or repaired into the reader's own buffer */
	return safi_boilerplate_add_line(r->bp, line->ptr, line->len, line->lineno);
}

static int
on_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct run *r = ctx;
	int err;

	if (line->flags & SAFI_LINE_DOC) {
		if ((err = finish_document(r)) < 0 && err != SAFI_EIO) {
			cli_report(in, line->lineno, err);
			return err;
		}
		if (err < 0)
			return err;
		return put_separator(line->len == 0);
	}
	err = add_line(r, in, line);
	if (err == SAFI_ETOOBIG) {
		/* Past --max-document: what is held is judged as a document. */
		if ((err = finish_document(r)) < 0)
			return err;
		err = add_line(r, in, line);
	}
	if (err < 0) {
		cli_report(in, line->lineno, err);
		return err;
	}
	r->pending = 1;
	return 0;
}

/* --jsonl: one line of a document, numbered inside it. */
static int
on_document_line(void *ctx, const struct cli_input *in,
                 const struct safi_line *line)
{
	struct run *r = ctx;
	int err;

	r->doc_lineno++;
	err = safi_boilerplate_add_line(r->bp, line->ptr, line->len, r->doc_lineno);
	if (err == SAFI_ETOOBIG) {
		if ((err = finish_document(r)) < 0)
			return err;
		err = safi_boilerplate_add_line(r->bp, line->ptr, line->len,
		                                r->doc_lineno);
	}
	if (err < 0) {
		cli_report(in, line->lineno, err);
		return err;
	}
	r->pending = 1;
	return 0;
}

/*
 * --jsonl: each line's FIELD is a document, judged as any other, and
 * becomes the lines kept (or dropped, with --invert) with a blank line
 * where the program writes one.  With --explain it becomes the array of
 * the document's rows, each a JSON object, so that every verdict stays
 * with the record it belongs to.
 */
static int
on_json_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct run *r = ctx;
	int err;

	if ((err = cli_jsonl_read(&r->jsonl, in, line)) <= 0)
		return err;
	r->doc_lineno = 0;
	r->out = cli_jsonl_writer(&r->jsonl);
	err = cli_jsonl_each_line(&r->jsonl, in, line, on_document_line, r);
	if (err >= 0 && (err = finish_document(r)) < 0 && err != SAFI_EIO)
		cli_report(in, line->lineno, err);
	r->out = cli_stdout();
	if (err < 0)
		return err;
	if (r->mode == SAFI_BOILERPLATE_EXPLAIN_JSON)
		return cli_jsonl_put_rows(&r->jsonl, in, line);
	return cli_jsonl_put_result(&r->jsonl, in, line);
}

static int
on_end(void *ctx, const struct cli_input *in)
{
	struct run *r = ctx;
	int err;

	/* the end of a FILE ends a document; cli_each_line() writes the
	 * separator before the next one */
	if ((err = finish_document(r)) < 0 && err != SAFI_EIO)
		cli_report(in, 0, err);
	return err;
}

/* Saves what the classifier learned into the state file. */
static int
save_state(struct safi_boilerplate *bp, struct cli_state *st)
{
	struct safi_buf b = SAFI_BUF_INIT;
	int err;

	if ((err = safi_boilerplate_state_save(bp, &b)) < 0) {
		cli_warn("%s: %s", st->path, safi_strerror(err));
		safi_buf_free(&b);
		return -1;
	}
	err = cli_state_save(st, b.ptr, b.len);
	safi_buf_free(&b);
	return err;
}

/*
 * --merge-states: adds up the state files in files[0..n) and writes the
 * sum to stdout.  A file that cannot be read or is not a state makes the
 * sum incomplete: nothing is written then, and the status is 1.
 */
static int
merge_states(struct safi_boilerplate *bp, int n, char **files)
{
	struct safi_buf b = SAFI_BUF_INIT;
	const char *why;
	int i, err;

	for (i = 0; i < n; i++) {
		if (cli_read_file(files[i], &b) < 0) {
			cli_warn("%s:", files[i]);
			cli_status = 1;
			continue;
		}
		err = safi_boilerplate_state_add(bp, b.ptr ? b.ptr : "", b.len, &why);
		if (err == SAFI_ECORRUPT)
			cli_warn("%s: bad state file: %s", files[i], why);
		else if (err < 0)
			cli_warn("%s: %s", files[i], safi_strerror(err));
		if (err < 0)
			cli_status = 1;
		b.len = 0;
	}
	if (cli_status == 0) {
		if ((err = safi_boilerplate_state_save(bp, &b)) < 0) {
			cli_warn("%s", safi_strerror(err));
			cli_status = 1;
		} else if (safi_writer_put(cli_stdout(), b.ptr, b.len) < 0) {
			cli_status = 1;
		}
	} else {
		cli_warn("the states were not added up");
	}
	safi_buf_free(&b);
	return cli_status;
}

static unsigned
count_arg(const char *name, const char *arg)
{
	uint64_t v;

	if (cli_parse_count(arg, &v) < 0 || v > 0xFFFFFFFFu)
		cli_usage("invalid %s '%s'", name, arg);
	return (unsigned)v;
}

int
main(int argc, char **argv)
{
	struct safi_boilerplate_opts o;
	struct safi_reader_opts ro = {0};
	struct cli_common co = CLI_COMMON_INIT;
	struct run r = {0};
	struct cli_state st = CLI_STATE_INIT;
	const char *state = NULL, *phrases[64];
	int nphrases = 0, explain = 0, invert = 0, merging = 0, c, err, i;
	uint64_t v;

	cli_init(argv[0]);
	safi_boilerplate_opts_default(&o);
	while ((c = getopt_long(argc, argv, ":el:p:s:vw:z", longopts, NULL)) != -1) {
		if (cli_common_option(c, optarg, &co, help) ||
		    cli_jsonl_option(c, optarg, &r.jsonl, 1))
			continue;
		switch (c) {
		case 'e': explain = 1; break;
		case 'v': invert = 1; break;
		case 'l': o.lang = optarg; break;
		case 'p':
			if (nphrases == (int)(sizeof phrases / sizeof phrases[0]))
				cli_usage("too many --phrases files");
			phrases[nphrases++] = optarg;
			break;
		case 's': state = cli_state_arg("--state", optarg); break;
		case 'w':
			if ((o.min_words = count_arg("--min-words", optarg)) == 0)
				cli_usage("--min-words must be at least 1");
			break;
		case OPT_NO_BUILTIN: o.no_builtin = 1; break;
		case OPT_FROZEN: o.state_frozen = 1; break;
		case OPT_MERGE_STATES: merging = 1; break;
		case OPT_MIN_DOCS: o.min_docs = count_arg("--min-docs", optarg); break;
		case OPT_MAX_HEADING: o.max_heading = count_arg("--max-heading", optarg); break;
		case OPT_MIN_STOP:
			if ((o.min_stop = count_arg("--min-stop", optarg)) > 100)
				cli_usage("--min-stop is a percentage (0 to 100)");
			break;
		case OPT_STATE_MAX:
			if ((o.state_max = count_arg("--state-max", optarg)) == 0)
				cli_usage("--state-max must be at least 1");
			break;
		case OPT_STATE_AGE: o.state_age = count_arg("--state-age", optarg); break;
		case OPT_MAX_DOCUMENT:
			if (cli_parse_size(optarg, &v) < 0 || v == 0 || v > ((uint64_t)1 << 32))
				cli_usage("invalid --max-document '%s' (1 to 4G)", optarg);
			o.max_document = (size_t)v;
			break;
		default:
			cli_bad_option(c, argv);
		}
	}
	if (explain && invert)
		cli_usage("--explain and --invert exclude each other");
	if (o.state_frozen && !state)
		cli_usage("--frozen judges with a --state: name one");
	if (merging && (state || explain || invert || r.jsonl.field))
		cli_usage("--merge-states reads state files and writes one: it takes no --state, "
		          "--explain, --invert or --jsonl");
	if (merging && optind == argc)
		cli_usage("--merge-states: name the state files to add up");
	cli_jsonl_check(&r.jsonl, &co);
	if (explain && r.jsonl.drop_empty)
		cli_usage("--drop-empty drops records, --explain writes rows: they exclude each other");
	r.lines_kept = cli_stats_counter("lines_kept");
	r.lines_dropped = cli_stats_counter("lines_dropped");
	r.documents_emptied = cli_stats_counter("documents_emptied");
	r.out = cli_stdout();
	r.mode = explain ? (r.jsonl.field ? SAFI_BOILERPLATE_EXPLAIN_JSON :
	                    SAFI_BOILERPLATE_EXPLAIN) :
	    invert ? SAFI_BOILERPLATE_INVERT : SAFI_BOILERPLATE_KEEP;
	/* a line is judged whole, so it is held whole: this bounds it */
	ro.limit = o.max_document;
	/* a document is held whole: a file that can be one is held where it
	 * is mapped, not copied */
	cli_set_map_inputs(o.max_document);
	if ((err = safi_boilerplate_new(&r.bp, &o)) < 0) {
		if (err == SAFI_ENOTFOUND)
			cli_usage("no stop words for language '%s'", o.lang);
		cli_warn("%s", safi_strerror(err));
		return 1;
	}
	if (merging) {
		merge_states(r.bp, argc - optind, argv + optind);
		safi_boilerplate_free(r.bp);
		return cli_finish();
	}
	for (i = 0; i < nphrases; i++) {
		struct safi_buf b = SAFI_BUF_INIT;

		/* a file an option names is part of the command: as grep -f */
		if (cli_read_file(phrases[i], &b) < 0) {
			cli_warn("%s:", phrases[i]);
			safi_buf_free(&b);
			safi_boilerplate_free(r.bp);
			return CLI_EXIT_USAGE;
		}
		err = safi_boilerplate_add_phrases(r.bp, b.ptr, b.len);
		safi_buf_free(&b);
		if (err < 0) {
			cli_warn("%s: %s", phrases[i], safi_strerror(err));
			safi_boilerplate_free(r.bp);
			return 1;
		}
	}
	if (state) {
		struct safi_buf b = SAFI_BUF_INIT;
		const char *why;

		/* A frozen state is only read: a save replaces the file by a
		 * rename, so it is read whole, old or new, with no lock, and the
		 * many jobs that judge with it do not wait for each other. */
		if (o.state_frozen) {
			err = 0;
			if (cli_read_file(state, &b) < 0) {
				err = errno == ENOMEM ? 1 : CLI_EXIT_USAGE;
				cli_warn("%s:", state);
			}
		} else {
			err = cli_state_open(&st, state, &b);
		}
		if (err != 0) {
			safi_buf_free(&b);
			safi_boilerplate_free(r.bp);
			return err;
		}
		err = safi_boilerplate_state_load(r.bp, b.ptr ? b.ptr : "", b.len, &why);
		safi_buf_free(&b);
		if (err == SAFI_ECORRUPT) {
			cli_warn("%s: bad state file: %s (move it away to start afresh)", state, why);
			cli_state_close(&st);
			safi_boilerplate_free(r.bp);
			return CLI_EXIT_USAGE;
		} else if (err < 0) {
			cli_warn("%s: %s", state, safi_strerror(err));
			cli_state_close(&st);
			safi_boilerplate_free(r.bp);
			return 1;
		}
	}
	err = cli_each_line(argc - optind, argv + optind, &co, &ro,
	                    r.jsonl.field ? on_json_line : on_line, on_end, &r);
	if (state && !o.state_frozen && err >= 0)
		save_state(r.bp, &st);
	cli_state_close(&st);
	safi_boilerplate_free(r.bp);
	cli_jsonl_free(&r.jsonl);
	return cli_finish();
}
