/*
 * count-terms - exact term and n-gram frequencies of UTF-8 text.
 *
 * Words are ICU's UAX #29 word segments (safi/words.h), folded and
 * filtered per the options, counted in a safi_terms table, and printed as
 * "count TAB term" lines, highest count first, ties by the term's bytes.
 * --merge sums earlier outputs instead; --max-memory spills sorted runs to
 * unlinked temporary files and merges them, with the same output.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_jsonl.h"
#include "normopts.h"
#include "safi.h"

static const char usage[] =
	"Usage: count-terms [OPTION]... [FILE]...\n"
	"Count the words (or n-grams) of the FILEs (standard input when none, or\n"
	"'-') and print 'count TAB term' lines, highest count first, ties by the\n"
	"term's bytes.  Words are Unicode (UAX #29) word segments as ICU breaks\n"
	"them that hold a letter, mark or digit.\n"
	"\n"
	"  -n, --top=N            print only the first N terms\n"
	"      --min-count=N      print only terms counted at least N times\n"
	"      --min-length=N     drop words shorter than N characters\n"
	"      --ngrams=N|M-N     count n-grams of N words (or M to N words); they\n"
	"                         never cross a line end or a document\n"
	"      --df               document frequency: count each term once per\n"
	"                         document (a form-feed line, a NUL with -z, a FILE)\n"
	"      --stopwords=LANG|FILE  drop these words (built-in list ar, en, de, fr,\n"
	"                         es, or a file of one word per line); repeatable\n"
	"  -k, --key-first        print (and with --merge read) 'term TAB count'\n"
	"      --merge            the input is count-terms output: sum the counts\n"
	"      --totals           print the numbers of tokens and types to stderr\n"
	"      --max-memory=SIZE  keep memory under SIZE (e.g. 256M) by sorting\n"
	"                         partial counts to $TMPDIR and merging them\n"
	"      --jsonl[=FIELD]    each line is a JSON object: count the words of its\n"
	"                         string member FIELD (default text), a document each\n"
	"\n"
	"Without the options below words are counted as they are.  With any of\n"
	"them each word is normalized as normalize(1) would (NFC unless --form\n"
	"says otherwise) after segmentation, and a word that folds to nothing is\n"
	"dropped.\n"
	"\n"
	NORMOPTS_HELP;

enum {
	OPT_MIN_COUNT = CLI_OPT_FIRST_PROGRAM_OPTION,
	OPT_MIN_LENGTH,
	OPT_NGRAMS,
	OPT_DF,
	OPT_STOPWORDS,
	OPT_MERGE,
	OPT_TOTALS,
	OPT_MAX_MEMORY
};

static const struct option longopts[] = {
	{"df", no_argument, NULL, OPT_DF},
	CLI_JSONL_LONGOPT,
	{"key-first", no_argument, NULL, 'k'},
	{"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
	{"merge", no_argument, NULL, OPT_MERGE},
	{"min-count", required_argument, NULL, OPT_MIN_COUNT},
	{"min-length", required_argument, NULL, OPT_MIN_LENGTH},
	{"ngrams", required_argument, NULL, OPT_NGRAMS},
	{"stopwords", required_argument, NULL, OPT_STOPWORDS},
	{"top", required_argument, NULL, 'n'},
	{"totals", no_argument, NULL, OPT_TOTALS},
	CLI_COMMON_LONGOPTS,
	NORMOPTS_LONGOPTS,
	{NULL, 0, NULL, 0}
};

/* Runs kept open at once before they are merged into one. */
#define MAX_RUNS 64
/* What the process needs besides the table (ICU data, buffers). */
#define RESERVE ((uint64_t)24 << 20)
#define MIN_TABLE_BUDGET ((uint64_t)64 << 10)

struct job {
	struct safi_terms *t;
	struct safi_counter *counter;
	int merge, key_first, df, totals;
	uint64_t top, min_count;
	uint64_t max_memory;  /* 0: no limit */
	uint64_t budget;      /* bytes the table may take */
	int runs[MAX_RUNS];
	size_t nruns;
	uint64_t types, tokens;
	struct safi_buf out;
	struct cli_jsonl jsonl;
};

/* A temporary file in $TMPDIR, unlinked at once: it goes away with its
 * descriptor whatever ends the program (exit, SIGINT, SIGTERM, a crash). */
static int
temp_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof path, "%s/count-terms.XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		cli_warn("%s:", path);
		return -1;
	}
	unlink(path);
	return fd;
}

/* Writes the table as a run, in |order|, to a new temporary file, clears
 * the table and returns the descriptor (rewound), or -1. */
static int
spill(struct safi_terms *t, enum safi_terms_order order)
{
	struct safi_writer *w;
	int fd = temp_file(), err = 0;
	size_t i, n;

	if (fd < 0)
		return -1;
	if (safi_writer_new(&w, cli_fd_write, &fd, 1 << 16) < 0) {
		close(fd);
		cli_warn("%s", safi_strerror(SAFI_ENOMEM));
		return -1;
	}
	safi_terms_sort(t, order);
	n = safi_terms_size(t);
	for (i = 0; i < n && err == 0; i++) {
		const char *term;
		size_t len;
		uint64_t count;

		safi_terms_get(t, i, &term, &len, &count);
		err = safi_terms_put_record(w, term, len, count);
	}
	if (err == 0)
		err = safi_writer_flush(w);
	safi_writer_free(w);
	safi_terms_clear(t);
	if (err < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		cli_warn("temporary file: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int
open_merger(struct safi_terms_merger **m, enum safi_terms_order order,
            int *fds, size_t n)
{
	safi_read_fn fns[MAX_RUNS + 1];
	void *ctxs[MAX_RUNS + 1];
	size_t i;

	for (i = 0; i < n; i++) {
		fns[i] = cli_fd_read;
		ctxs[i] = &fds[i];
	}
	return safi_terms_merger_new(m, order, n, fns, ctxs);
}

/* Merges the runs fds[0..*n) into one run in |order| (summing equal
 * terms when by term), so that no more than MAX_RUNS stay open. */
static int
compact_runs(int *fds, size_t *n, enum safi_terms_order order)
{
	struct safi_terms_merger *m;
	struct safi_writer *w;
	const char *term;
	size_t len, i;
	uint64_t count;
	int fd = temp_file(), err, r;

	if (fd < 0)
		return -1;
	if ((err = open_merger(&m, order, fds, *n)) < 0)
		goto fail;
	if ((err = safi_writer_new(&w, cli_fd_write, &fd, 1 << 16)) < 0) {
		safi_terms_merger_free(m);
		goto fail;
	}
	while ((r = safi_terms_merger_next(m, &term, &len, &count)) > 0)
		if ((r = safi_terms_put_record(w, term, len, count)) < 0)
			break;
	if (r == 0)
		r = safi_writer_flush(w);
	safi_writer_free(w);
	safi_terms_merger_free(m);
	for (i = 0; i < *n; i++)
		close(fds[i]);
	*n = 0;
	if (r < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		cli_warn("temporary file: %s", r < 0 ? safi_strerror(r) : strerror(errno));
		close(fd);
		return -1;
	}
	fds[(*n)++] = fd;
	return 0;
fail:
	cli_warn("%s", safi_strerror(err));
	close(fd);
	return -1;
}

/* Spills |t| in |order| as one more run of fds[0..*n). */
static int
add_run(struct safi_terms *t, enum safi_terms_order order, int *fds, size_t *n)
{
	int fd;

	if (*n == MAX_RUNS && compact_runs(fds, n, order) < 0)
		return SAFI_EIO;
	if ((fd = spill(t, order)) < 0)
		return SAFI_EIO;
	fds[(*n)++] = fd;
	return 0;
}

/* Spills the table when it is over its budget. */
static int
maybe_spill(struct job *j)
{
	int err;

	if (j->max_memory == 0 || safi_terms_memory(j->t) <= j->budget)
		return 0;
	if (j->counter && (err = safi_counter_flush(j->counter)) < 0)
		return err;
	return add_run(j->t, SAFI_TERMS_BY_TERM, j->runs, &j->nruns);
}

static int
end_doc(struct job *j)
{
	int err;

	if (j->counter) {
		if ((err = safi_counter_end_doc(j->counter)) < 0) {
			cli_report(NULL, 0, err);
			return err;
		}
	} else {
		safi_terms_end_doc(j->t);
	}
	return j->df ? maybe_spill(j) : 0;
}

static int
on_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct job *j = ctx;
	int err;

	if (line->flags & SAFI_LINE_DOC)
		return end_doc(j);
	if (j->merge) {
		const char *term;
		size_t len;
		uint64_t count;

		if (safi_terms_parse_line(line->ptr, line->len, j->key_first,
		                          &term, &len, &count) < 0) {
			if (line->len > 0) {
				cli_warn_at(in->label, line->lineno,
				            "not a '%s' line", j->key_first ?
				            "term TAB count" : "count TAB term");
				cli_status = 1;
			}
			return 0;
		}
		err = safi_terms_add(j->t, term, len, count);
	} else {
		err = safi_counter_line(j->counter, line->ptr, line->len);
	}
	if (err < 0) {
		cli_report(in, line->lineno, err);
		return err;
	}
	return j->df ? 0 : maybe_spill(j);
}

/* --jsonl: the lines of each object's document are counted as lines of
 * input, and the object is a document of its own. */
static int
on_json_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct job *j = ctx;
	int rc = cli_jsonl_read(&j->jsonl, in, line);

	if (rc <= 0)
		return rc;
	if ((rc = cli_jsonl_each_line(&j->jsonl, in, line, on_line, j)) < 0)
		return rc;
	return end_doc(j);
}

static int
on_input_end(void *ctx, const struct cli_input *in)
{
	struct job *j = ctx;

	(void)in;
	return end_doc(j);
}

/* Prints one term; returns 1 when --top is reached, <0 on a write error. */
static int
print_term(struct job *j, const char *term, size_t len, uint64_t count,
           uint64_t *printed)
{
	if (j->top && *printed >= j->top)
		return 1;
	if (safi_terms_format_line(&j->out, term, len, count, j->key_first) < 0)
		return SAFI_ENOMEM;
	if (j->out.len >= 1 << 16) {
		if (safi_writer_put(cli_stdout(), j->out.ptr, j->out.len) < 0)
			return SAFI_EIO;
		j->out.len = 0;
	}
	++*printed;
	return 0;
}

static int
flush_out(struct job *j)
{
	int err = j->out.len ? safi_writer_put(cli_stdout(), j->out.ptr, j->out.len) : 0;

	j->out.len = 0;
	return err;
}

static int
print_table(struct job *j, struct safi_terms *t)
{
	size_t i, n = safi_terms_size(t);
	uint64_t printed = 0;
	int r = 0;

	safi_terms_sort(t, SAFI_TERMS_BY_COUNT);
	for (i = 0; i < n && r == 0; i++) {
		const char *term;
		size_t len;
		uint64_t count;

		safi_terms_get(t, i, &term, &len, &count);
		if (count < j->min_count)
			break;  /* sorted by count: the rest is lower */
		r = print_term(j, term, len, count, &printed);
	}
	return r < 0 ? r : flush_out(j);
}

/* The output from spilled runs: merge them by term (summing), keep the
 * terms over --min-count in a second table that spills by count, then
 * merge those runs by count. */
static int
print_runs(struct job *j)
{
	struct safi_terms_merger *m;
	struct safi_terms *t2;
	int fds2[MAX_RUNS], err, r;
	size_t n2 = 0, i;
	const char *term;
	size_t len;
	uint64_t count, printed = 0;

	if (safi_terms_size(j->t) > 0 &&
	    (err = add_run(j->t, SAFI_TERMS_BY_TERM, j->runs, &j->nruns)) < 0)
		return err;
	safi_terms_free(j->t);
	j->t = NULL;
	if ((err = safi_terms_new(&t2, 0)) < 0)
		return err;
	if ((err = open_merger(&m, SAFI_TERMS_BY_TERM, j->runs, j->nruns)) < 0) {
		safi_terms_free(t2);
		return err;
	}
	while ((r = safi_terms_merger_next(m, &term, &len, &count)) > 0) {
		j->types++;
		j->tokens += count;
		if (count < j->min_count)
			continue;
		if ((r = safi_terms_add(t2, term, len, count)) < 0)
			break;
		if (safi_terms_memory(t2) > j->budget &&
		    (r = add_run(t2, SAFI_TERMS_BY_COUNT, fds2, &n2)) < 0)
			break;
	}
	safi_terms_merger_free(m);
	for (i = 0; i < j->nruns; i++)
		close(j->runs[i]);
	j->nruns = 0;
	if (r < 0) {
		safi_terms_free(t2);
		return r;
	}
	if (n2 == 0) {
		err = print_table(j, t2);
		safi_terms_free(t2);
		return err;
	}
	if (safi_terms_size(t2) > 0 &&
	    (err = add_run(t2, SAFI_TERMS_BY_COUNT, fds2, &n2)) < 0) {
		safi_terms_free(t2);
		return err;
	}
	safi_terms_free(t2);
	if ((err = open_merger(&m, SAFI_TERMS_BY_COUNT, fds2, n2)) < 0)
		return err;
	while ((r = safi_terms_merger_next(m, &term, &len, &count)) > 0)
		if ((r = print_term(j, term, len, count, &printed)) != 0)
			break;
	safi_terms_merger_free(m);
	for (i = 0; i < n2; i++)
		close(fds2[i]);
	if (r < 0)
		return r;
	return flush_out(j);
}

/* Adds one stop word, folded like the text (a word that folds to nothing
 * is left out).  A failure ends the program: counts without all the stop
 * words would be wrong. */
static void
add_stopword(struct safi_terms *stop, const char *w, size_t len,
             safi_fold_fn fold, void *fold_ctx, struct safi_buf *f)
{
	int err;

	f->len = 0;
	err = fold ? fold(fold_ctx, w, len, f) : safi_buf_append(f, w, len);
	if (err == 0 && f->len > 0)
		err = safi_terms_add(stop, f->ptr, f->len, 1);
	if (err < 0) {
		cli_warn("stop words: %s", safi_strerror(err));
		exit(1);
	}
}

/* Loads a stop-word list: built in, or a file in the format of
 * safi_data_next_entry(). */
static void
load_stopwords(struct safi_terms *stop, const char *arg, safi_fold_fn fold,
               void *fold_ctx)
{
	const struct safi_wordlist *wl = safi_data_find(arg, "stopwords");
	struct safi_buf b = SAFI_BUF_INIT, f = SAFI_BUF_INIT;
	size_t i;

	if (wl == NULL) {
		const char *w;
		size_t pos = 0, len;
		uint64_t lineno = 0;

		if (cli_read_file(arg, &b) < 0) {
			if (strchr(arg, '/') == NULL && strlen(arg) <= 3)
				cli_usage("no stop-word list '%s' (built in: ar de en es fr), "
				          "and no such file", arg);
			cli_warn("%s:", arg);
			exit(CLI_EXIT_USAGE);
		}
		while (safi_data_next_entry(b.ptr, b.len, &pos, &lineno, &w, &len))
			add_stopword(stop, w, len, fold, fold_ctx, &f);
	} else {
		for (i = 0; i < wl->n; i++)
			add_stopword(stop, wl->words[i], wl->lens[i], fold, fold_ctx, &f);
	}
	safi_buf_free(&b);
	safi_buf_free(&f);
}

static int
fold_word(void *ctx, const char *s, size_t len, struct safi_buf *out)
{
	return safi_normalize(ctx, s, len, out);
}

static void
parse_ngrams(const char *arg, unsigned *lo, unsigned *hi)
{
	uint64_t a, b;
	const char *dash = strchr(arg, '-');
	char first[32];

	if (dash == NULL) {
		if (cli_parse_count(arg, &a) < 0 || a < 1 || a > 64)
			cli_usage("--ngrams: want N or M-N with 1 <= M <= N <= 64: '%s'", arg);
		*lo = *hi = (unsigned)a;
		return;
	}
	if ((size_t)(dash - arg) >= sizeof first)
		cli_usage("--ngrams: bad range '%s'", arg);
	memcpy(first, arg, (size_t)(dash - arg));
	first[dash - arg] = '\0';
	if (cli_parse_count(first, &a) < 0 || cli_parse_count(dash + 1, &b) < 0 ||
	    a < 1 || b < a || b > 64)
		cli_usage("--ngrams: want N or M-N with 1 <= M <= N <= 64: '%s'", arg);
	*lo = (unsigned)a;
	*hi = (unsigned)b;
}

int
main(int argc, char **argv)
{
	struct cli_common co = {SAFI_INVALID_REPLACE, 0};
	struct safi_reader_opts ro = {0};
	struct safi_counter_opts cop = {0};
	struct job j;
	struct safi_terms *stop = NULL;
	struct safi_norm_opts nopts = SAFI_NORM_OPTS_DEFAULT;
	struct safi_normalizer *nz = NULL;
	int folding = 0;
	const char *stoplists[64];
	size_t nstop = 0, i;
	uint64_t v;
	int c, err = 0;

	cli_init(argv[0]);
	memset(&j, 0, sizeof j);
	while ((c = getopt_long(argc, argv, ":kn:z", longopts, NULL)) != -1) {
		if (cli_common_option(c, optarg, &co, usage) ||
		    cli_jsonl_option(c, optarg, &j.jsonl, 0))
			continue;
		if (normopts_option(c, optarg, &nopts)) {
			folding = 1;
			continue;
		}
		switch (c) {
		case 'k':
			j.key_first = 1;
			break;
		case 'n':
			if (cli_parse_count(optarg, &j.top) < 0)
				cli_usage("--top: not a count: '%s'", optarg);
			break;
		case OPT_MIN_COUNT:
			if (cli_parse_count(optarg, &j.min_count) < 0)
				cli_usage("--min-count: not a count: '%s'", optarg);
			break;
		case OPT_MIN_LENGTH:
			if (cli_parse_count(optarg, &v) < 0)
				cli_usage("--min-length: not a count: '%s'", optarg);
			cop.min_length = (size_t)v;
			break;
		case OPT_NGRAMS:
			parse_ngrams(optarg, &cop.min_n, &cop.max_n);
			break;
		case OPT_DF:
			j.df = 1;
			break;
		case OPT_STOPWORDS:
			if (nstop == sizeof stoplists / sizeof stoplists[0])
				cli_usage("too many --stopwords");
			stoplists[nstop++] = optarg;
			break;
		case OPT_MERGE:
			j.merge = 1;
			break;
		case OPT_TOTALS:
			j.totals = 1;
			break;
		case OPT_MAX_MEMORY:
			if (cli_parse_size(optarg, &j.max_memory) < 0 || j.max_memory == 0)
				cli_usage("--max-memory: not a size: '%s'", optarg);
			break;
		default:
			cli_bad_option(c, argv);
		}
	}
	if (j.merge && (cop.max_n > 1 || cop.min_length || nstop || folding))
		cli_usage("--merge sums counts: --ngrams, --min-length, "
		          "--stopwords and folds apply when counting");
	if (j.merge && j.jsonl.field)
		cli_usage("--merge reads count-terms output, not --jsonl");
	cli_jsonl_check(&j.jsonl, &co);
	if (j.max_memory) {
		j.budget = j.max_memory > RESERVE + MIN_TABLE_BUDGET ?
		           j.max_memory - RESERVE : MIN_TABLE_BUDGET;
	}
	if (j.min_count == 0)
		j.min_count = 1;

	if (folding) {
		if ((err = safi_normalizer_new(&nz, &nopts)) < 0)
			goto fail;
		cop.fold = fold_word;
		cop.fold_ctx = nz;
	}
	if ((err = safi_terms_new(&j.t, j.df && !j.merge ? SAFI_TERMS_DF : 0)) < 0)
		goto fail;
	if (j.merge)
		j.df = 0;  /* document counts merge as any counts: spill at any line */
	if (nstop) {
		if ((err = safi_terms_new(&stop, 0)) < 0)
			goto fail;
		for (i = 0; i < nstop; i++)
			load_stopwords(stop, stoplists[i], cop.fold, cop.fold_ctx);
		cop.stop = stop;
	}
	if (!j.merge && (err = safi_counter_new(&j.counter, j.t, &cop)) < 0)
		goto fail;

	err = cli_each_line(argc - optind, argv + optind, &co, &ro,
	                    j.jsonl.field ? on_json_line : on_line, on_input_end, &j);
	if (err >= 0 && j.counter)
		err = safi_counter_flush(j.counter);
	if (err >= 0) {
		if (j.nruns > 0) {
			err = print_runs(&j);
		} else {
			j.types = safi_terms_size(j.t);
			j.tokens = safi_terms_total(j.t);
			err = print_table(&j, j.t);
		}
	}
	if (err >= 0 && j.totals)
		fprintf(stderr, "tokens\t%llu\ntypes\t%llu\n",
		        (unsigned long long)j.tokens, (unsigned long long)j.types);
fail:
	if (err < 0 && err != SAFI_EIO)
		cli_report(NULL, 0, err);
	safi_counter_free(j.counter);
	safi_terms_free(j.t);
	safi_terms_free(stop);
	safi_normalizer_free(nz);
	safi_buf_free(&j.out);
	cli_jsonl_free(&j.jsonl);
	return cli_finish();
}
