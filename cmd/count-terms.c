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
	"them that ICU marks as words (numbers, letters, kana, ideographs).\n"
	"\n"
	"  -n, --top=N            print only the first N terms\n"
	"      --min-count=N      print only terms counted at least N times\n"
	"      --min-length=N     drop words shorter than N characters\n"
	"      --ngrams=N|M-N     count n-grams of N words (or M to N words); they\n"
	"                         never cross a line end or a document\n"
	"      --df               document frequency: count each term once per\n"
	"                         document (a form-feed line, a NUL with -z, a FILE)\n"
	"      --stopwords=LANG|FILE  drop these words (built-in list ar, cs, de, en,\n"
	"                         es, fa, fr, hi, id, it, nl, pl, pt, ru, sv, uk, ur,\n"
	"                         vi, or a file of one word per line);\n"
	"                         repeatable\n"
	"  -k, --key-first        print (and with --merge read) 'term TAB count'\n"
	"      --merge            the input is count-terms output: sum the counts\n"
	"                         (of the same options: their header lines agree)\n"
	"      --bare             print no header line (it names the options)\n"
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
	OPT_MAX_MEMORY,
	OPT_BARE
};

static const struct option longopts[] = {
	{"bare", no_argument, NULL, OPT_BARE},
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
/* Lines are counted in pieces, so memory does not grow with a line's
 * length; only a stretch of text without a place where words break for
 * sure must be held whole, up to this (an eighth of the table's budget
 * with --max-memory, at least MIN_STRETCH).  --merge and --jsonl read
 * whole lines, up to MAX_WHOLE_LINE (a quarter of the budget). */
#define MAX_STRETCH ((size_t)16 << 20)
#define MIN_STRETCH ((size_t)64 << 10)
#define MAX_WHOLE_LINE ((size_t)256 << 20)
#define MIN_WHOLE_LINE ((size_t)1 << 20)
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
	int bare;                  /* --bare: no header line */
	struct safi_buf header;    /* the header line (without its LF), or empty */
	char *header_at;           /* --merge: "FILE:LINE" of the first header */
	size_t max_stretch;        /* of text without a sure word break */
	const char *cut_in;        /* where that was last reported */
	uint64_t cut_line;
	uint64_t docs, lines;      /* documents with a line, lines */
	int doc_open;              /* a line since the last document end */
};

/* Counts made with different options must not be summed, so output
 * starts with a header line that names the options that make a term and
 * its count (not --top and --min-count, which only cut), and --merge
 * checks that every header it reads is the same.  No count line can start
 * with '#', and no term either (a word never does). */
#define HEADER_TAG "#count-terms"

/* A failure that has been reported and ends the program without output. */
#define STOPPED SAFI_EIO

static const char *
temp_dir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir == NULL || *dir == '\0' ? "/tmp" : dir;
}

/* A temporary file that cannot be made, written or read back ends the
 * count: what was spilled is lost, so no table may be printed as if it
 * were complete.  Reports it (|err|: a SAFI_E* code, or 0 for errno) and
 * returns SAFI_EIO, which stops the program with exit status 1. */
static int
temp_failed(const char *doing, int err)
{
	cli_warn("%s a temporary file in %s: %s", doing, temp_dir(),
	         err < 0 && err != SAFI_EIO ? safi_strerror(err) : strerror(errno));
	cli_status = 1;
	return SAFI_EIO;
}

/* A temporary file in $TMPDIR, unlinked at once: it goes away with its
 * descriptor whatever ends the program (exit, SIGINT, SIGTERM, a crash). */
static int
temp_file(void)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof path, "%s/count-terms.XXXXXX", temp_dir());
	if ((fd = mkstemp(path)) < 0) {
		temp_failed("cannot make", 0);
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
	if ((err = safi_writer_new(&w, cli_fd_write, &fd, 1 << 16)) < 0) {
		close(fd);
		temp_failed("cannot write", err);
		return -1;
	}
	if ((err = safi_terms_sort(t, order)) < 0) {
		cli_report(NULL, 0, err);
		safi_writer_free(w);
		close(fd);
		return -1;
	}
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
	if (err < 0 || lseek(fd, 0, SEEK_SET) < 0) {
		temp_failed("cannot write", err);
		safi_writer_free(w);
		close(fd);
		return -1;
	}
	safi_writer_free(w);
	safi_terms_clear(t);
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
	if (r == 0 && lseek(fd, 0, SEEK_SET) < 0)
		r = SAFI_EIO;
	if (r < 0)
		temp_failed("cannot merge", r);
	safi_writer_free(w);
	safi_terms_merger_free(m);
	for (i = 0; i < *n; i++)
		close(fds[i]);
	*n = 0;
	if (r < 0) {
		close(fd);
		return -1;
	}
	fds[(*n)++] = fd;
	return 0;
fail:
	temp_failed("cannot merge", err);
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

	j->docs += j->doc_open;
	j->doc_open = 0;
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

/* The stop words as the header names them: how many, and a digest of
 * the set that does not depend on their order or where they came from. */
struct stop_digest {
	uint64_t n, sum;
};

/* What a document is, for the header of --df counts: document counts
 * of other documents do not add up. */
static const char *
df_name(const struct job *j, const struct cli_common *co)
{
	if (!j->df)
		return "no";
	if (j->jsonl.field)
		return "record";
	if (co->docs == CLI_DOCS_LINE)
		return co->null_data ? "line+nul" : "line";
	if (co->docs == CLI_DOCS_BLANK)
		return co->null_data ? "blank+nul" : "blank";
	return co->null_data ? "form-feed+nul" : "form-feed";
}

/* The header of a count: HEADER_TAG, the format's version, then the
 * options, each as name=value, in a fixed order. */
static int
make_header(struct safi_buf *b, const struct safi_counter_opts *cop,
            const char *df, const struct safi_norm_opts *nopts, int folding,
            const struct stop_digest *stop)
{
	static const char *const fold_names[] = {
		"controls", "spaces", "invisible", "punct", "case-fold", "tatweel",
		"harakat", "alef", "yeh", "teh-marbuta", "hamza", "persian", "digits",
		"presentation", "marks", "mojibake"
	};
	char tmp[160];
	size_t i;
	int err;

	snprintf(tmp, sizeof tmp, "%s 1 ngrams=%u-%u df=%s min-length=%llu fold=",
	         HEADER_TAG, cop->min_n ? cop->min_n : 1, cop->max_n ? cop->max_n : 1,
	         df, (unsigned long long)cop->min_length);
	if ((err = safi_buf_append(b, tmp, strlen(tmp))) < 0)
		return err;
	if (!folding) {
		err = safi_buf_append(b, "none", 4);
	} else {
		const char *form = safi_norm_form_name(nopts->form);

		err = safi_buf_append(b, form, strlen(form));
		for (i = 0; i < sizeof fold_names / sizeof fold_names[0] && err == 0; i++) {
			unsigned bits = 0;

			if (safi_norm_fold_parse(fold_names[i], &bits) == 0 &&
			    (nopts->folds & bits) == bits && bits != 0) {
				if ((err = safi_buf_putc(b, '+')) == 0)
					err = safi_buf_append(b, fold_names[i], strlen(fold_names[i]));
			}
		}
	}
	if (err < 0)
		return err;
	if (stop->n == 0)
		snprintf(tmp, sizeof tmp, " stopwords=none");
	else
		snprintf(tmp, sizeof tmp, " stopwords=%llu:%016llx",
		         (unsigned long long)stop->n, (unsigned long long)stop->sum);
	return safi_buf_append(b, tmp, strlen(tmp));
}

/* --merge: a header line.  The first one is kept for the output; every
 * other must be the same, or the counts are of different things and no
 * sum of them is printed. */
static int
merge_header(struct job *j, const struct cli_input *in, const struct safi_line *line)
{
	char at[64];
	int err;

	if (j->header_at == NULL) {
		snprintf(at, sizeof at, ":%llu", (unsigned long long)line->lineno);
		if ((j->header_at = malloc(strlen(in->label) + strlen(at) + 1)) == NULL ||
		    (err = safi_buf_append(&j->header, line->ptr, line->len)) < 0) {
			cli_report(in, line->lineno, SAFI_ENOMEM);
			return STOPPED;
		}
		strcpy(j->header_at, in->label);
		strcat(j->header_at, at);
		return 0;
	}
	if (line->len == j->header.len && memcmp(line->ptr, j->header.ptr, line->len) == 0)
		return 0;
	cli_warn_at(in->label, line->lineno,
	            "counted with other options than %s: '%.*s', not '%.*s'",
	            j->header_at, (int)line->len, line->ptr,
	            (int)j->header.len, j->header.ptr);
	cli_status = 1;
	return STOPPED;
}

/* Reports that the count of |term| passed UINT64_MAX and was kept there
 * (|in|: where, or NULL when runs were merged): the output then holds a
 * count that is not the sum. */
static void
warn_saturated(const struct cli_input *in, uint64_t lineno, const char *term,
               size_t len)
{
	const char *fmt = "the count of '%.*s' passes %llu: kept at %llu";
	int shown = (int)(len < 256 ? len : 256);

	if (in)
		cli_warn_at(in->label, lineno, fmt, shown, term,
		            (unsigned long long)UINT64_MAX, (unsigned long long)UINT64_MAX);
	else
		cli_warn(fmt, shown, term, (unsigned long long)UINT64_MAX,
		         (unsigned long long)UINT64_MAX);
	cli_status = 1;
}

/* --merge: one line of earlier output.  Every line of count-terms output
 * ends with a line end and has a count of at least 1: a line without
 * them is a cut or damaged input, reported, and left out. */
static int
merge_line(struct job *j, const struct cli_input *in, const struct safi_line *line)
{
	const char *term;
	size_t len;
	uint64_t count;
	int err;

	if (!(line->flags & SAFI_LINE_NEWLINE)) {
		cli_warn_at(in->label, line->lineno, "no line end: the input is cut short");
		cli_status = 1;
		return 0;
	}
	if (line->len > strlen(HEADER_TAG) &&
	    memcmp(line->ptr, HEADER_TAG " ", strlen(HEADER_TAG) + 1) == 0)
		return merge_header(j, in, line);
	if (safi_terms_parse_line(line->ptr, line->len, j->key_first,
	                          &term, &len, &count) < 0) {
		if (line->len > 0) {
			cli_warn_at(in->label, line->lineno, "not a '%s' line",
			            j->key_first ? "term TAB count" : "count TAB term");
			cli_status = 1;
		}
		return 0;
	}
	if (count == 0) {
		cli_warn_at(in->label, line->lineno, "a count of 0");
		cli_status = 1;
		return 0;
	}
	if ((err = safi_terms_add(j->t, term, len, count)) < 0) {
		cli_report(in, line->lineno, err);
		return err;
	}
	if (err > 0)
		warn_saturated(in, line->lineno, term, len);
	return maybe_spill(j);
}

static int
on_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct job *j = ctx;
	int err;

	if (line->flags & SAFI_LINE_DOC)
		return end_doc(j);
	if (j->merge)
		return merge_line(j, in, line);
	j->doc_open = 1;
	j->lines += (line->flags & SAFI_LINE_END) != 0;
	err = safi_counter_piece(j->counter, line->ptr, line->len,
	                         (line->flags & SAFI_LINE_END) != 0);
	if (err < 0) {
		cli_report(in, line->lineno, err);
		return err;
	}
	if (err > 0 && (in->label != j->cut_in || line->lineno != j->cut_line)) {
		cli_warn_at(in->label, line->lineno, "%zu bytes without a place to "
		            "break words: counted as if they ended there",
		            j->max_stretch);
		cli_status = 1;
		j->cut_in = in->label;
		j->cut_line = line->lineno;
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

/* Counts a line appended to j->out, and writes out what is buffered once
 * it is large.  Returns 0 or SAFI_EIO. */
static int
line_done(struct job *j, uint64_t *printed)
{
	++*printed;
	if (j->out.len >= 1 << 16) {
		if (safi_writer_put(cli_stdout(), j->out.ptr, j->out.len) < 0)
			return SAFI_EIO;
		j->out.len = 0;
	}
	return 0;
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
	return line_done(j, printed);
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
	size_t i, n;
	uint64_t printed = 0;
	int r = 0;

	if ((r = safi_terms_sort(t, SAFI_TERMS_BY_COUNT)) < 0)
		return r;
	n = safi_terms_size(t);
	for (i = 0; i < n && r == 0 && (!j->top || printed < j->top); i++) {
		size_t at = j->out.len;
		uint64_t count;

		if (safi_terms_format(t, i, j->key_first, &j->out, &count) < 0)
			return SAFI_ENOMEM;
		if (count < j->min_count) {
			j->out.len = at;
			break;  /* sorted by count: the rest is lower */
		}
		r = line_done(j, &printed);
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
		return temp_failed("cannot read", err);
	}
	err = 0;
	while ((r = safi_terms_merger_next(m, &term, &len, &count)) > 0) {
		if (r == 2)
			warn_saturated(NULL, 0, term, len);
		j->types++;
		j->tokens = j->tokens + count < j->tokens ? UINT64_MAX : j->tokens + count;
		if (count < j->min_count)
			continue;
		if ((err = safi_terms_add(t2, term, len, count)) < 0)
			break;
		if (safi_terms_memory(t2) > j->budget &&
		    (err = add_run(t2, SAFI_TERMS_BY_COUNT, fds2, &n2)) < 0)
			break;
	}
	safi_terms_merger_free(m);
	for (i = 0; i < j->nruns; i++)
		close(j->runs[i]);
	j->nruns = 0;
	if (r < 0 || err < 0) {
		safi_terms_free(t2);
		return r < 0 ? temp_failed("cannot read", r) : err;
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
		return temp_failed("cannot read", err);
	while ((r = safi_terms_merger_next(m, &term, &len, &count)) > 0)
		if ((err = print_term(j, term, len, count, &printed)) != 0)
			break;
	safi_terms_merger_free(m);
	for (i = 0; i < n2; i++)
		close(fds2[i]);
	if (r < 0)
		return temp_failed("cannot read", r);
	if (err < 0)
		return err;
	return flush_out(j);
}

/* Adds one stop word, folded like the text (a word that folds to nothing
 * is left out).  A failure ends the program: counts without all the stop
 * words would be wrong. */
static void
add_stopword(struct safi_terms *stop, const char *w, size_t len,
             safi_fold_fn fold, void *fold_ctx, struct safi_buf *f,
             struct stop_digest *d)
{
	uint64_t h = 14695981039346656037ull;  /* FNV-1a: the same everywhere */
	size_t i;
	int err;

	f->len = 0;
	err = fold ? fold(fold_ctx, w, len, f) : safi_buf_append(f, w, len);
	if (err == 0 && (f->len == 0 || safi_terms_has(stop, f->ptr, f->len)))
		return;
	if (err == 0)
		err = safi_terms_add(stop, f->ptr, f->len, 1);
	if (err < 0) {
		cli_warn("stop words: %s", safi_strerror(err));
		exit(1);
	}
	for (i = 0; i < f->len; i++)
		h = (h ^ (unsigned char)f->ptr[i]) * 1099511628211ull;
	d->n++;
	d->sum += h;
}

/* Loads a stop-word list: built in, or a file in the format of
 * safi_data_next_entry(). */
static void
load_stopwords(struct safi_terms *stop, const char *arg, safi_fold_fn fold,
               void *fold_ctx, struct stop_digest *d)
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
			add_stopword(stop, w, len, fold, fold_ctx, &f, d);
	} else {
		for (i = 0; i < wl->n; i++)
			add_stopword(stop, wl->words[i], wl->lens[i], fold, fold_ctx, &f, d);
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
	struct cli_common co = CLI_COMMON_INIT;
	struct safi_reader_opts ro = {0};
	struct safi_counter_opts cop = {0};
	struct job j;
	struct safi_terms *stop = NULL;
	struct safi_norm_opts nopts = SAFI_NORM_OPTS_DEFAULT;
	struct safi_normalizer *nz = NULL;
	int folding = 0;
	const char *stoplists[64];
	struct stop_digest digest = {0, 0};
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
		case OPT_BARE:
			j.bare = 1;
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
	j.max_stretch = MAX_STRETCH;
	ro.limit = MAX_WHOLE_LINE;
	if (j.max_memory) {
		if (j.budget / 8 < j.max_stretch)
			j.max_stretch = j.budget / 8 > MIN_STRETCH ? j.budget / 8 : MIN_STRETCH;
		if (j.budget / 4 < ro.limit)
			ro.limit = j.budget / 4 > MIN_WHOLE_LINE ? j.budget / 4 : MIN_WHOLE_LINE;
	}
	if (!j.merge && !j.jsonl.field)
		ro.flags |= SAFI_READ_PIECES;

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
			load_stopwords(stop, stoplists[i], cop.fold, cop.fold_ctx, &digest);
		cop.stop = stop;
	}
	if (!j.merge && (err = safi_counter_new(&j.counter, j.t, &cop)) < 0)
		goto fail;
	if (j.counter)
		safi_counter_set_stretch(j.counter, j.max_stretch);
	if (!j.merge &&
	    (err = make_header(&j.header, &cop, df_name(&j, &co), &nopts, folding,
	                       &digest)) < 0)
		goto fail;

	err = cli_each_line(argc - optind, argv + optind, &co, &ro,
	                    j.jsonl.field ? on_json_line : on_line, on_input_end, &j);
	if (err >= 0 && j.counter)
		err = safi_counter_flush(j.counter);
	/* Document counts of one document are all 1: the input's documents
	 * were most likely meant to end where they do not. */
	if (err >= 0 && j.df && !j.merge && j.docs == 1 && j.lines > 1)
		cli_warn("--df counted one document, so every count is 1: documents "
		         "end at form-feed lines and at the end of each file, or as "
		         "--docs, -z or --jsonl say");
	if (err >= 0 && !j.bare && j.header.len > 0 &&
	    ((err = safi_buf_append(&j.out, j.header.ptr, j.header.len)) < 0 ||
	     (err = safi_buf_putc(&j.out, '\n')) < 0))
		goto fail;
	if (err >= 0) {
		if (j.nruns > 0) {
			err = print_runs(&j);
		} else if ((err = safi_terms_sort(j.t, SAFI_TERMS_BY_COUNT)) >= 0) {
			/* sorted first: a table of n-grams counts its distinct
			 * terms when it sorts them */
			j.types = safi_terms_size(j.t);
			j.tokens = safi_terms_total(j.t);
			err = print_table(&j, j.t);
		}
	}
	*cli_stats_counter("terms_counted") = j.tokens;
	*cli_stats_counter("words_dropped") = j.counter ? safi_counter_dropped(j.counter) : 0;
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
	safi_buf_free(&j.header);
	free(j.header_at);
	cli_jsonl_free(&j.jsonl);
	return cli_finish();
}
