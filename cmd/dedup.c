/*
 * dedup - keep the first of each group of duplicate or near-duplicate
 * documents.
 *
 * The program reads documents, hands their lines to the deduplicator in
 * libsafi and writes the documents it keeps (or, with --invert, what it
 * drops, or with --explain a row per verdict).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_jsonl.h"
#include "cli_state.h"
#include "cli_stats.h"
#include "normopts.h"
#include "safi.h"

static const char help[] =
	"Usage: dedup [OPTION]... [FILE]...\n"
	"Keep the first of each group of duplicate or near-duplicate documents:\n"
	"writes each document that no earlier one makes redundant, unchanged and\n"
	"in order.  Documents: each FILE, form-feed lines, NUL bytes with -z, or\n"
	"JSON Lines with --jsonl.\n"
	"\n"
	"  -e, --explain          print a row per document: LABEL TAB PART TAB VERDICT\n"
	"                         TAB REASON TAB EARLIER TAB SIMILARITY\n"
	"  -v, --invert           print exactly what would be dropped\n"
	"      --threshold=J      Jaccard similarity of near duplicates (default 0.8)\n"
	"      --exact            only exact duplicates (after normalization)\n"
	"      --shingle=N        words per shingle (default 5)\n"
	"      --hashes=K         MinHash values per document, a power of two\n"
	"                         from 16 to 1024 (default 128)\n"
	"      --bands=B          LSH bands (default 20)\n"
	"      --rows=R           sketch values per band, B times R at most K\n"
	"                         (default 3)\n"
	"      --paragraphs[=N]   also drop lines of N or more words (default 8)\n"
	"                         written in an earlier document\n"
	"      --id=FIELD         with --jsonl, the member that names a document\n"
	"                         (default id)\n"
	"  -s, --state=FILE       remember the documents across runs in FILE\n"
	"      --state-max=N      documents kept in the state (default 1000000)\n"
	"      --state-age=N      runs a document unmatched stays (default 30; 0: no limit)\n"
	"      --max-memory=SIZE  most memory for the index (e.g. 2G); past it,\n"
	"                         documents are no longer added (exit status 1)\n"
	"      --max-document=SIZE  judge documents longer than SIZE bytes in parts\n"
	"                         (default 256M); a longer line is an error and is\n"
	"                         left out\n"
	"      --jsonl[=FIELD]    each line is a JSON object whose string member FIELD\n"
	"                         (default text) is a document\n"
	"\n"
	"Scale-out (see dedup(1)): one process's answer from many jobs.\n"
	"      --signatures       map: write the fingerprints of the documents of\n"
	"                         shard --shard (default 0), not the documents\n"
	"      --merge            merge: read signature files (the FILEs, each of\n"
	"                         one shard or several), decide as one process\n"
	"                         would, and write the verdicts\n"
	"      --verdicts=FILE    filter: write what one process would write for\n"
	"                         shard --shard, with the verdicts of the merge\n"
	"      --shard=N          the shard's place in the whole input\n"
	"\n"
	"Text is compared after normalization: by default NFKC, case folding,\n"
	"spaces, invisible characters, punctuation, harakat, tatweel, digits and\n"
	"presentation forms (see dedup(1)); these options change it, in order:\n"
	NORMOPTS_HELP;

enum {
	OPT_THRESHOLD = CLI_OPT_FIRST_PROGRAM_OPTION,
	OPT_EXACT,
	OPT_SHINGLE,
	OPT_HASHES,
	OPT_BANDS,
	OPT_ROWS,
	OPT_PARAGRAPHS,
	OPT_ID,
	OPT_MAX_MEMORY,
	OPT_MAX_DOCUMENT,
	OPT_STATE_MAX,
	OPT_STATE_AGE,
	OPT_SIGNATURES,
	OPT_MERGE,
	OPT_VERDICTS,
	OPT_SHARD
};

static const struct option longopts[] = {
	{"bands", required_argument, NULL, OPT_BANDS},
	{"exact", no_argument, NULL, OPT_EXACT},
	{"explain", no_argument, NULL, 'e'},
	{"hashes", required_argument, NULL, OPT_HASHES},
	{"id", required_argument, NULL, OPT_ID},
	{"invert", no_argument, NULL, 'v'},
	CLI_JSONL_LONGOPT,
	{"max-document", required_argument, NULL, OPT_MAX_DOCUMENT},
	{"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
	{"merge", no_argument, NULL, OPT_MERGE},
	{"paragraphs", optional_argument, NULL, OPT_PARAGRAPHS},
	{"rows", required_argument, NULL, OPT_ROWS},
	{"shard", required_argument, NULL, OPT_SHARD},
	{"shingle", required_argument, NULL, OPT_SHINGLE},
	{"signatures", no_argument, NULL, OPT_SIGNATURES},
	{"state", required_argument, NULL, 's'},
	{"state-age", required_argument, NULL, OPT_STATE_AGE},
	{"state-max", required_argument, NULL, OPT_STATE_MAX},
	{"threshold", required_argument, NULL, OPT_THRESHOLD},
	{"verdicts", required_argument, NULL, OPT_VERDICTS},
	CLI_COMMON_LONGOPTS,
	NORMOPTS_LONGOPTS,
	{NULL, 0, NULL, 0}
};

enum mode { MODE_KEEP, MODE_INVERT, MODE_EXPLAIN, MODE_SIGNATURES };

struct run {
	struct safi_dedup *d;
	enum mode mode;
	int null_data;
	struct cli_jsonl jsonl;
	const char *id_field;
	size_t max_document;
	/* the document being read */
	int open;                  /* a document has begun */
	int file_ended;            /* the last input ended, and nothing came since */
	struct safi_buf text;      /* its lines, each ended by '\n' */
	size_t *ends;              /* where each line ends in text */
	size_t nlines, cap_lines;
	int written;               /* a document was written: a separator is owed */
	int part;                  /* this document goes on from the last one (--max-document) */
	int last_written;          /* the last document was written */
	int full;                  /* the index reached --max-memory */
	struct safi_buf label, row;
	const struct safi_line *json_line;  /* --jsonl: the line being read */
	uint64_t ndocs;            /* documents read */
	/* --signatures: the records; --verdicts: the verdicts read */
	struct safi_dedup_sum sum;
	struct safi_buf out;
	struct safi_dedup_verdicts *verdicts;
	const char *verdicts_path;
	/* --stats: the verdicts, counted where documents are written */
	uint64_t *kept, *exact, *near, *paragraphs;
};

/* Before a written document: a separator, unless it is the first one
 * written, or the next part of a document cut by --max-document whose
 * part before was written (|follows|). */
static int
put_separator(struct run *r, int follows)
{
	r->last_written = 1;
	if (!r->written) {
		r->written = 1;
		return 0;
	}
	if (follows)
		return 0;
	return r->null_data ? safi_writer_putc(cli_stdout(), '\0') :
	    safi_writer_put(cli_stdout(), "\f\n", 2);
}

/* Is line i of the document one of the verdict's dropped paragraphs?
 * Drops come in line order, so a cursor walks them. */
static int
line_dropped(const struct safi_dedup_verdict *v, size_t *cursor, size_t i)
{
	while (*cursor < v->ndrops && v->drops[*cursor].line < i)
		++*cursor;
	return *cursor < v->ndrops && v->drops[*cursor].line == i;
}

/* Writes the lines of the document whose dropped state is |dropped|. */
static int
put_lines(struct run *r, struct safi_writer *w, const struct safi_dedup_verdict *v,
          int dropped)
{
	size_t i, cursor = 0, start = 0;
	int err;

	for (i = 0; i < r->nlines; i++) {
		size_t end = r->ends[i];

		if (line_dropped(v, &cursor, i) == dropped &&
		    (err = safi_writer_put(w, r->text.ptr + start, end - start)) < 0)
			return err;
		start = end;
	}
	return 0;
}

static int
put_field(struct safi_buf *b, const char *s, size_t n)
{
	int err = safi_buf_append(b, s, n);

	return err < 0 ? err : safi_buf_putc(b, '\t');
}

/* A row that could not be made (out of memory) is said here, as the
 * writers' own failures are said where they happen; the run stops. */
static int
row_failed(int err)
{
	cli_warn("%s", safi_strerror(err));
	cli_status = 1;
	return err;
}

/*
 * One --explain row: LABEL PART VERDICT REASON EARLIER SIMILARITY, tab
 * separated; under --jsonl a JSON object {"part": "doc" or the line,
 * "verdict", "reason", "earlier", "similarity"} for the record's array
 * (null where the row has "-").  |line| is 0 for the document's row.
 */
static int
put_row(struct run *r, uint64_t line, const char *verdict, const char *reason,
        const char *earlier, size_t earlier_len, double similarity)
{
	const char *label;
	size_t label_len;
	char part[24], sim[16];
	int json = r->json_line != NULL, err;

	safi_dedup_label(r->d, &label, &label_len);
	if (line)
		snprintf(part, sizeof part, "%llu", (unsigned long long)line);
	else
		strcpy(part, json ? "\"doc\"" : "doc");
	if (similarity < 0)
		strcpy(sim, json ? "null" : "-");
	else
		snprintf(sim, sizeof sim, "%.2f", similarity);
	r->row.len = 0;
	if (json) {
		if ((err = safi_buf_append(&r->row, "{\"part\":", 8)) < 0 ||
		    (err = safi_buf_append(&r->row, part, strlen(part))) < 0 ||
		    (err = safi_buf_append(&r->row, ",\"verdict\":", 11)) < 0 ||
		    (err = safi_jsonl_encode(verdict, strlen(verdict), &r->row)) < 0 ||
		    (err = safi_buf_append(&r->row, ",\"reason\":", 10)) < 0 ||
		    (err = safi_jsonl_encode(reason, strlen(reason), &r->row)) < 0 ||
		    (err = safi_buf_append(&r->row, ",\"earlier\":", 11)) < 0 ||
		    (err = earlier ? safi_jsonl_encode(earlier, earlier_len, &r->row) :
		                     safi_buf_append(&r->row, "null", 4)) < 0 ||
		    (err = safi_buf_append(&r->row, ",\"similarity\":", 14)) < 0 ||
		    (err = safi_buf_append(&r->row, sim, strlen(sim))) < 0 ||
		    (err = safi_buf_append(&r->row, "}\n", 2)) < 0)
			return row_failed(err);
		return safi_writer_put(cli_jsonl_writer(&r->jsonl), r->row.ptr, r->row.len);
	}
	if ((err = put_field(&r->row, label, label_len)) < 0 ||
	    (err = put_field(&r->row, part, strlen(part))) < 0 ||
	    (err = put_field(&r->row, verdict, strlen(verdict))) < 0 ||
	    (err = put_field(&r->row, reason, strlen(reason))) < 0 ||
	    (err = put_field(&r->row, earlier ? earlier : "-",
	                     earlier ? earlier_len : 1)) < 0 ||
	    (err = safi_buf_append(&r->row, sim, strlen(sim))) < 0 ||
	    (err = safi_buf_putc(&r->row, '\n')) < 0)
		return row_failed(err);
	return safi_writer_put(cli_stdout(), r->row.ptr, r->row.len);
}

static int
explain(struct run *r, const struct cli_input *in, const struct safi_dedup_verdict *v)
{
	static const char *const reasons[] = {"new", "exact", "near"};
	size_t i;
	int err;

	if (v->reason == SAFI_DEDUP_NEW)
		err = put_row(r, 0, "keep", "new", NULL, 0, -1);
	else
		err = put_row(r, 0, "drop", reasons[v->reason], v->earlier,
		              v->earlier_len, v->similarity);
	for (i = 0; i < v->ndrops && err >= 0; i++)
		err = put_row(r, v->drops[i].line + 1, "drop", "paragraph",
		              v->drops[i].earlier, v->drops[i].earlier_len, 1);
	if (err >= 0 && r->json_line)
		err = cli_jsonl_put_rows(&r->jsonl, in, r->json_line);
	return err;
}

/* --jsonl: the object back, unchanged or with FIELD holding the lines of
 * the document whose dropped state is |dropped|. */
static int
put_json(struct run *r, const struct cli_input *in,
         const struct safi_dedup_verdict *v, int dropped)
{
	int err;

	if (v->reason != SAFI_DEDUP_NEW || v->ndrops == 0) {
		/* the object as it came (without the byte order mark of an
		 * input's first line) */
		struct safi_writer *w = cli_stdout();

		if ((err = safi_writer_put(w, r->jsonl.line, r->jsonl.len)) < 0)
			return err;
		return safi_writer_putc(w, '\n');
	}
	if ((err = put_lines(r, cli_jsonl_writer(&r->jsonl), v, dropped)) < 0)
		return err;
	return cli_jsonl_put_result(&r->jsonl, in, r->json_line);
}

static int
write_document(struct run *r, const struct cli_input *in,
               const struct safi_dedup_verdict *v)
{
	int kept = v->reason == SAFI_DEDUP_NEW, err;
	int follows = r->part && r->last_written;

	++*(kept ? r->kept : v->reason == SAFI_DEDUP_EXACT ? r->exact : r->near);
	*r->paragraphs += v->ndrops;
	r->last_written = 0;
	switch (r->mode) {
	case MODE_EXPLAIN:
		return explain(r, in, v);
	case MODE_KEEP:
		if (!kept)
			return 0;
		if (r->json_line)
			return put_json(r, in, v, 0);
		if ((err = put_separator(r, follows)) < 0)
			return err;
		return put_lines(r, cli_stdout(), v, 0);
	case MODE_INVERT:
		if (kept && v->ndrops == 0)
			return 0;
		if (r->json_line)
			return put_json(r, in, v, kept);
		if ((err = put_separator(r, follows)) < 0)
			return err;
		return put_lines(r, cli_stdout(), v, kept);
	case MODE_SIGNATURES:
		break;
	}
	return 0;
}

static int
begin_document(struct run *r, const struct cli_input *in, uint64_t lineno)
{
	char num[32];
	int err;

	r->open = 1;
	r->part = 0;
	r->text.len = 0;
	r->nlines = 0;
	snprintf(num, sizeof num, ":%llu", (unsigned long long)lineno);
	r->label.len = 0;
	if ((err = safi_buf_append(&r->label, in->name, strlen(in->name))) < 0 ||
	    (err = safi_buf_append(&r->label, num, strlen(num))) < 0)
		return err;
	return safi_dedup_begin(r->d, r->label.ptr, r->label.len);
}

/* Writes r->out to stdout when it is large, or always with |all|. */
static int
flush_out(struct run *r, int all)
{
	int err = 0;

	if (r->out.len >= (all ? 1 : 1 << 16)) {
		err = safi_writer_put(cli_stdout(), r->out.ptr, r->out.len);
		r->out.len = 0;
	}
	return err;
}

/* safi_dedup_decide() said |rc|: 1 when the index reached --max-memory,
 * which is reported once and makes the exit status 1. */
static void
note_full(struct run *r, int rc)
{
	if (rc != 1 || r->full)
		return;
	r->full = 1;
	cli_warn("--max-memory reached after %llu documents: later documents "
	         "are compared with these but no longer added",
	         (unsigned long long)safi_dedup_size(r->d));
	cli_status = 1;
}

static int
end_document(struct run *r, const struct cli_input *in, uint64_t lineno)
{
	struct safi_dedup_verdict v;
	const char *why;
	int err;

	if (!r->open)
		return 0;
	r->open = 0;
	r->ndocs++;
	if (r->verdicts) {
		/* filter: the merge decided */
		if ((err = safi_dedup_verdicts_next(r->verdicts, r->ndocs, &v, &why)) < 0) {
			cli_warn_at(r->verdicts_path, safi_dedup_verdicts_lineno(r->verdicts),
			            "%s", *why ? why : safi_strerror(err));
			cli_status = 1;
			return err;
		}
		return write_document(r, in, &v);
	}
	if ((err = safi_dedup_end(r->d)) < 0) {
		cli_report(in, lineno, err);
		return err;
	}
	if (r->mode == MODE_SIGNATURES) {
		if ((err = safi_dedup_sigs_write_record(r->d, &r->sum, &r->out)) < 0) {
			cli_report(in, lineno, err);
			return err;
		}
		return flush_out(r, 0);
	}
	if ((err = safi_dedup_decide(r->d, &v)) < 0) {
		cli_report(in, lineno, err);
		return err;
	}
	note_full(r, err);
	return write_document(r, in, &v);
}

static int
add_line(struct run *r, const struct cli_input *in, const struct safi_line *line,
         uint64_t lineno)
{
	int err;

	if (r->text.len + line->len + 1 > r->max_document && r->nlines > 0 &&
	    !r->json_line) {
		/* Past --max-document: what is held is judged as a document,
		 * and the rest as the next. */
		if ((err = end_document(r, in, lineno)) < 0 ||
		    (err = begin_document(r, in, lineno)) < 0)
			return err;
		r->part = 1;
	}
	if (r->nlines == r->cap_lines) {
		size_t cap = r->cap_lines ? 2 * r->cap_lines : 256;
		size_t *p = realloc(r->ends, cap * sizeof *p);

		if (p == NULL)
			return SAFI_ENOMEM;
		r->ends = p;
		r->cap_lines = cap;
	}
	if ((err = safi_buf_append(&r->text, line->ptr, line->len)) < 0 ||
	    (err = safi_buf_putc(&r->text, '\n')) < 0)
		return err;
	r->ends[r->nlines++] = r->text.len;
	return r->verdicts ? 0 : safi_dedup_line(r->d, line->ptr, line->len);
}

static int
on_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct run *r = ctx;
	int err;

	if (line->flags & SAFI_LINE_DOC) {
		/* A separator ends a document, an empty one too (two form-feed
		 * lines in a row hold one), but the one that stands for the end
		 * of a FILE ends nothing more: the file's end did. */
		if (r->file_ended) {
			r->file_ended = 0;
			return 0;
		}
		if (!r->open && (err = begin_document(r, in, line->lineno)) < 0) {
			cli_report(in, line->lineno, err);
			return err;
		}
		return end_document(r, in, line->lineno);
	}
	r->file_ended = 0;
	if (!r->open && (err = begin_document(r, in, line->lineno)) < 0) {
		cli_report(in, line->lineno, err);
		return err;
	}
	if ((err = add_line(r, in, line, line->lineno)) < 0 && err != SAFI_EIO)
		cli_report(in, line->lineno, err);
	return err;
}

/* The end of a FILE ends a document; cli_each_line() passes a separator
 * before the next one. */
static int
on_end(void *ctx, const struct cli_input *in)
{
	struct run *r = ctx;

	r->file_ended = 1;
	return end_document(r, in, 0);
}

/* --jsonl: a line of the document in the object's FIELD. */
static int
on_document_line(void *ctx, const struct cli_input *in,
                 const struct safi_line *line)
{
	struct run *r = ctx;
	int err;

	if ((err = add_line(r, in, line, line->lineno)) < 0 && err != SAFI_EIO)
		cli_report(in, line->lineno, err);
	return err;
}

/* --jsonl: the label is the --id member (a string's text, or the JSON
 * token of another value), else FILE:LINE. */
static int
json_label(struct run *r, const struct cli_input *in, const struct safi_line *line)
{
	struct safi_jsonl_member m;
	char num[32];
	int err;

	r->label.len = 0;
	err = safi_jsonl_find(r->jsonl.line, r->jsonl.len, r->id_field,
	                      strlen(r->id_field), &m);
	if (err == 0)
		return safi_jsonl_decode(r->jsonl.line + m.start, m.end - m.start,
		                         SAFI_INVALID_REPLACE, &r->label);
	if (m.type != NULL)
		return safi_buf_append(&r->label, r->jsonl.line + m.start, m.end - m.start);
	snprintf(num, sizeof num, ":%llu", (unsigned long long)line->lineno);
	if ((err = safi_buf_append(&r->label, in->name, strlen(in->name))) < 0)
		return err;
	return safi_buf_append(&r->label, num, strlen(num));
}

static int
on_json_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct run *r = ctx;
	int err;

	if ((err = cli_jsonl_read(&r->jsonl, in, line)) <= 0)
		return err;
	r->open = 1;
	r->text.len = 0;
	r->nlines = 0;
	if ((err = json_label(r, in, line)) < 0 ||
	    (err = safi_dedup_begin(r->d, r->label.ptr, r->label.len)) < 0) {
		cli_report(in, line->lineno, err);
		return err;
	}
	r->json_line = line;
	err = cli_jsonl_each_line(&r->jsonl, in, line, on_document_line, r);
	if (err >= 0)
		err = end_document(r, in, line->lineno);
	r->json_line = NULL;
	return err;
}

static unsigned
count_arg(const char *name, const char *arg, unsigned lo, unsigned hi)
{
	uint64_t v;

	if (cli_parse_count(arg, &v) < 0 || v < lo || v > hi)
		cli_usage("invalid %s '%s' (%u to %u)", name, arg, lo, hi);
	return (unsigned)v;
}

/* Reads the state file into the index; the lock is then held.  Returns 0,
 * or the exit status after reporting why it could not: 2 when the file
 * cannot be read or is not a state these options can use (as for any file
 * an option names, no input is read), 1 when memory is short. */
static int
load_state(struct safi_dedup *d, struct cli_state *st, const char *path)
{
	struct safi_buf b = SAFI_BUF_INIT;
	const char *why;
	int err;

	if ((err = cli_state_open(st, path, &b)) != 0) {
		safi_buf_free(&b);
		return err;
	}
	err = safi_dedup_state_load(d, b.ptr ? b.ptr : "", b.len, &why);
	safi_buf_free(&b);
	if (err == 0)
		return 0;
	if (err == SAFI_ECORRUPT)
		cli_warn("%s: bad state file: %s (move it away to start afresh)", path, why);
	else if (err == SAFI_ETOOBIG)
		cli_warn("%s: the state does not fit --max-memory", path);
	else
		cli_warn("%s: %s", path, safi_strerror(err));
	cli_state_close(st);
	return err == SAFI_ENOMEM ? 1 : CLI_EXIT_USAGE;
}

/* Saves the index into the state file, once everything written before it
 * reached stdout: a state that remembers documents whose output was lost
 * would drop their copies for good. */
static int
save_state(struct safi_dedup *d, struct cli_state *st)
{
	struct safi_buf b = SAFI_BUF_INIT;
	int err;

	if (safi_writer_flush(cli_stdout()) < 0) {
		cli_warn("%s: not updated: the output could not be written", st->path);
		cli_status = 1;
		return -1;
	}
	if ((err = safi_dedup_state_save(d, &b)) < 0) {
		cli_warn("%s: %s", st->path, safi_strerror(err));
		cli_status = 1;
		safi_buf_free(&b);
		return -1;
	}
	err = cli_state_save(st, b.ptr, b.len);
	safi_buf_free(&b);
	return err;
}

/*
 * --merge.  A signature file holds the sections of one shard or of
 * several (files put together with cat), in any order; the merge decides
 * on the sections in the order of their shard numbers.  It reads every
 * file twice: once to find its sections, then for their records, keeping
 * a file open while sections of it are still to come, and reading it
 * again from the start only when they come out of order.
 */
struct section {
	size_t file;               /* which signature file */
	uint64_t index;            /* its place in the file, from 0 */
	uint64_t shard;
};

struct sig_file {
	const char *path;
	struct cli_input in;
	struct safi_dedup_sigs *s; /* NULL while closed */
	uint64_t at;               /* the section s stands in */
	int read;                  /* its records are read */
	size_t left;               /* its sections not yet decided on */
};

static int
cmp_section(const void *a, const void *b)
{
	const struct section *x = a, *y = b;

	if (x->shard != y->shard)
		return x->shard < y->shard ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Opens a signature file at its first section; reports a failure and
 * returns -1. */
static int
open_sigs(struct safi_dedup *d, struct sig_file *f)
{
	const char *why;
	int err;

	if (cli_open(f->path, &f->in) < 0)
		return -1;
	if ((err = safi_dedup_sigs_open(&f->s, d, cli_read, &f->in, &why)) < 0) {
		if (err == SAFI_ECORRUPT)
			cli_warn_at(f->in.label, 0, "not a usable signature file: %s", why);
		else if (err == SAFI_EIO)
			cli_read_failed(&f->in, errno);
		else
			cli_warn_at(f->in.label, 0, "%s", safi_strerror(err));
		cli_close(&f->in);
		f->s = NULL;
		return -1;
	}
	f->at = 0;
	f->read = 0;
	return 0;
}

static void
close_sigs(struct sig_file *f)
{
	if (f->s == NULL)
		return;
	safi_dedup_sigs_free(f->s);
	f->s = NULL;
	cli_close(&f->in);
}

/* Reports what a failed read of f's records returned, and returns -1. */
static int
sigs_failed(const struct sig_file *f, int rc, const char *why)
{
	if (rc == SAFI_EIO)
		cli_read_failed(&f->in, errno);
	else
		cli_warn_at(f->in.label, safi_dedup_sigs_lineno(f->s), "%s",
		            rc == SAFI_ECORRUPT ? why : safi_strerror(rc));
	return -1;
}

/* Appends f's sections to *secs (*n of *cap), checking every section
 * whole.  Returns 0, or -1 after reporting a failure. */
static int
find_sections(struct safi_dedup *d, struct sig_file *f, size_t file,
              struct section **secs, size_t *n, size_t *cap)
{
	uint64_t index = 0;
	const char *why;
	int rc = 1;

	if (open_sigs(d, f) < 0)
		return -1;
	while (rc > 0) {
		if (*n == *cap) {
			size_t grown = *cap ? *cap * 2 : 16;
			struct section *p = grown > SIZE_MAX / sizeof *p ? NULL :
			    realloc(*secs, grown * sizeof *p);

			if (p == NULL) {
				cli_warn("%s", safi_strerror(SAFI_ENOMEM));
				close_sigs(f);
				return -1;
			}
			*secs = p;
			*cap = grown;
		}
		(*secs)[*n].file = file;
		(*secs)[*n].index = index++;
		(*secs)[(*n)++].shard = safi_dedup_sigs_shard(f->s);
		f->left++;
		rc = safi_dedup_sigs_next_shard(f->s, &why);
	}
	if (rc < 0)
		sigs_failed(f, rc, why);
	close_sigs(f);
	return rc;
}

/* Brings f to the records of section |sec|.  Returns 0, or -1 after
 * reporting a failure. */
static int
seek_section(struct run *r, struct sig_file *f, const struct section *sec)
{
	const char *why;
	int rc;

	if (f->s && (f->at > sec->index || (f->at == sec->index && f->read)))
		close_sigs(f);
	if (f->s == NULL && open_sigs(r->d, f) < 0)
		return -1;
	while (f->at < sec->index) {
		if ((rc = safi_dedup_sigs_next_shard(f->s, &why)) < 0)
			return sigs_failed(f, rc, why);
		if (rc == 0)
			break;
		f->at++;
		f->read = 0;
	}
	if (f->at != sec->index || safi_dedup_sigs_shard(f->s) != sec->shard) {
		cli_warn_at(f->in.label, 0, "changed while it was read");
		return -1;
	}
	return 0;
}

/* Decides on the records of f's current section, in order, and writes
 * the shard's verdicts. */
static int
merge_section(struct run *r, struct sig_file *f, uint64_t shard)
{
	struct safi_dedup_verdict v;
	uint64_t docs = 0, kept = 0, inverted = 0;
	const char *why;
	int rc, err;

	if ((err = safi_dedup_verdicts_write_shard(shard, &r->sum, &r->out)) < 0)
		goto fail;
	while ((rc = safi_dedup_sigs_next(f->s, &why)) > 0) {
		if ((err = safi_dedup_decide(r->d, &v)) < 0)
			goto fail;
		note_full(r, err);
		docs++;
		kept += v.reason == SAFI_DEDUP_NEW;
		inverted += v.reason != SAFI_DEDUP_NEW || v.ndrops > 0;
		if ((err = safi_dedup_verdicts_write_doc(docs, &v, &r->sum, &r->out)) < 0 ||
		    (err = flush_out(r, 0)) < 0)
			goto fail;
	}
	if (rc < 0)
		return sigs_failed(f, rc, why);
	f->read = 1;
	if ((err = safi_dedup_verdicts_write_shard_end(docs, kept, inverted, &r->sum,
	                                               &r->out)) < 0)
		goto fail;
	return 0;
fail:
	if (err != SAFI_EIO)
		cli_warn("%s", safi_strerror(err));
	return -1;
}

/*
 * --merge: decides on the shards in the order of their numbers, whatever
 * the order and grouping of the files, as one process over the shards'
 * inputs would decide; a shard found twice is refused.  A file that cannot
 * be used stops the merge before its end line is written, so that no
 * filter step takes an incomplete verdicts file.
 */
static int
merge(struct run *r, int n, char **paths)
{
	struct sig_file *files = calloc(n ? (size_t)n : 1, sizeof *files);
	struct section *secs = NULL;
	size_t nsecs = 0, cap = 0, i;
	int rc = 0, err;

	if (files == NULL) {
		cli_warn("%s", safi_strerror(SAFI_ENOMEM));
		cli_status = 1;
		return -1;
	}
	for (i = 0; i < (size_t)n && rc == 0; i++) {
		files[i].path = paths[i];
		rc = find_sections(r->d, &files[i], i, &secs, &nsecs, &cap);
	}
	if (rc == 0) {
		qsort(secs, nsecs, sizeof *secs, cmp_section);
		for (i = 1; i < nsecs && rc == 0; i++) {
			const struct section *a = &secs[i - 1], *b = &secs[i];

			if (a->shard != b->shard)
				continue;
			if (a->file == b->file)
				cli_warn("%s holds shard %llu twice", files[a->file].path,
				         (unsigned long long)a->shard);
			else
				cli_warn("%s and %s are both shard %llu", files[a->file].path,
				         files[b->file].path, (unsigned long long)a->shard);
			rc = -1;
		}
	}
	if (rc == 0 && (err = safi_dedup_verdicts_write_header(&r->sum, &r->out)) < 0) {
		cli_warn("%s", safi_strerror(err));
		rc = -1;
	}
	for (i = 0; i < nsecs && rc == 0; i++) {
		struct sig_file *f = &files[secs[i].file];

		rc = seek_section(r, f, &secs[i]);
		if (rc == 0)
			rc = merge_section(r, f, secs[i].shard);
		if (--f->left == 0)
			close_sigs(f);
	}
	if (rc == 0 && (err = safi_dedup_verdicts_write_end(&r->sum, &r->out)) < 0) {
		cli_warn("%s", safi_strerror(err));
		rc = -1;
	}
	if (rc == 0 && flush_out(r, 1) < 0)
		rc = -1;  /* a failed write: cli_finish() says it */
	if (rc < 0)
		cli_status = 1;
	for (i = 0; i < (size_t)n; i++)
		close_sigs(&files[i]);
	free(secs);
	free(files);
	return rc;
}

/* Reads the verdicts file, which an option names: it is no input, so its
 * bytes stay out of the --stats counters of the input read. */
static long
read_uncounted(void *ctx, void *buf, size_t cap)
{
	uint64_t bytes_read = cli_stats.bytes_read, bytes_in = cli_stats.bytes_in;
	long k = cli_read(ctx, buf, cap);

	cli_stats.bytes_read = bytes_read;
	cli_stats.bytes_in = bytes_in;
	return k;
}

/* --verdicts: the merge's decisions for shard |shard|.  Returns 0, or 2
 * after reporting a file that cannot be opened or used (as for any file an
 * option names, no input is read), 1 when memory is short. */
static int
open_verdicts(struct run *r, uint64_t shard, struct cli_input *vin)
{
	uint64_t kept, inverted;
	const char *why;
	int err;

	if (cli_open(r->verdicts_path, vin) < 0)
		return CLI_EXIT_USAGE;
	err = safi_dedup_verdicts_open(&r->verdicts, shard, read_uncounted, vin, &why);
	if (err < 0) {
		if (err == SAFI_ENOTFOUND)
			cli_warn_at(vin->label, 0, "no shard %llu in the verdicts",
			            (unsigned long long)shard);
		else if (err == SAFI_ECORRUPT)
			cli_warn_at(vin->label, 0, "not a usable verdicts file: %s", why);
		else if (err == SAFI_EIO && cli_read_failed(vin, errno) == SAFI_ENOMEM)
			err = SAFI_ENOMEM;
		else if (err != SAFI_EIO)
			cli_warn_at(vin->label, 0, "%s", safi_strerror(err));
		cli_close(vin);
		return err == SAFI_ENOMEM ? 1 : CLI_EXIT_USAGE;
	}
	/* a separator is owed when an earlier shard wrote a document */
	safi_dedup_verdicts_before(r->verdicts, &kept, &inverted);
	r->written = r->mode == MODE_KEEP ? kept > 0 :
	    r->mode == MODE_INVERT ? inverted > 0 : 0;
	return 0;
}

static void
close_verdicts(struct run *r, int finished)
{
	const char *why;
	int err;

	if (finished &&
	    (err = safi_dedup_verdicts_close(r->verdicts, r->ndocs, &why)) < 0) {
		cli_warn_at(r->verdicts_path, safi_dedup_verdicts_lineno(r->verdicts),
		            "%s", err == SAFI_ECORRUPT ? why : safi_strerror(err));
		cli_status = 1;
	}
	safi_dedup_verdicts_free(r->verdicts);
	r->verdicts = NULL;
}

int
main(int argc, char **argv)
{
	struct safi_dedup_opts o;
	struct safi_reader_opts ro = {0};
	struct cli_common co = CLI_COMMON_INIT;
	struct cli_state st = CLI_STATE_INIT;
	struct cli_input vin = {.fd = -1};
	struct run r;
	const char *state = NULL;
	int explain_opt = 0, invert = 0, signatures = 0, merging = 0, status = 0, c, err;
	uint64_t v, shard = 0;
	char *end;

	cli_init(argv[0]);
	memset(&r, 0, sizeof r);
	r.id_field = "id";
	r.max_document = (size_t)256 << 20;
	safi_dedup_opts_default(&o);
	while ((c = getopt_long(argc, argv, ":es:vz", longopts, NULL)) != -1) {
		if (cli_common_option(c, optarg, &co, help) ||
		    cli_jsonl_option(c, optarg, &r.jsonl, 1) ||
		    normopts_option(c, optarg, &o.norm))
			continue;
		switch (c) {
		case 'e': explain_opt = 1; break;
		case 'v': invert = 1; break;
		case 's': state = cli_state_arg("--state", optarg); break;
		case OPT_THRESHOLD:
			o.threshold = strtod(optarg, &end);
			if (end == optarg || *end || !(o.threshold > 0 && o.threshold <= 1))
				cli_usage("invalid --threshold '%s' (a number in (0, 1])", optarg);
			break;
		case OPT_EXACT: o.exact_only = 1; break;
		case OPT_SHINGLE:
			o.shingle = count_arg("--shingle", optarg, 1, SAFI_DEDUP_MAX_SHINGLE);
			break;
		case OPT_HASHES:
			o.hashes = count_arg("--hashes", optarg, SAFI_MINHASH_MIN_BINS,
			                     SAFI_MINHASH_MAX_BINS);
			if (!safi_minhash_valid_bins(o.hashes))
				cli_usage("--hashes must be a power of two");
			break;
		case OPT_BANDS: o.bands = count_arg("--bands", optarg, 1, SAFI_MINHASH_MAX_BINS); break;
		case OPT_ROWS: o.rows = count_arg("--rows", optarg, 1, SAFI_MINHASH_MAX_BINS); break;
		case OPT_PARAGRAPHS:
			o.paragraph_words = optarg ? count_arg("--paragraphs", optarg, 1, 1000000) : 8;
			break;
		case OPT_ID:
			if (*optarg == '\0')
				cli_usage("--id: the FIELD name is empty");
			r.id_field = optarg;
			break;
		case OPT_MAX_MEMORY:
			if (cli_parse_size(optarg, &o.max_memory) < 0 || o.max_memory == 0)
				cli_usage("invalid --max-memory '%s'", optarg);
			break;
		case OPT_MAX_DOCUMENT:
			if (cli_parse_size(optarg, &v) < 0 || v == 0 || v > ((uint64_t)1 << 32))
				cli_usage("invalid --max-document '%s' (1 to 4G)", optarg);
			r.max_document = (size_t)v;
			break;
		case OPT_STATE_MAX:
			if (cli_parse_count(optarg, &o.state_max) < 0 || o.state_max == 0)
				cli_usage("invalid --state-max '%s' (at least 1)", optarg);
			break;
		case OPT_STATE_AGE:
			o.state_age = count_arg("--state-age", optarg, 0, 0xFFFFFFFFu);
			break;
		case OPT_SIGNATURES: signatures = 1; break;
		case OPT_MERGE: merging = 1; break;
		case OPT_VERDICTS: r.verdicts_path = optarg; break;
		case OPT_SHARD:
			if (cli_parse_count(optarg, &shard) < 0)
				cli_usage("invalid --shard '%s'", optarg);
			break;
		default:
			cli_bad_option(c, argv);
		}
	}
	if (explain_opt && invert)
		cli_usage("--explain and --invert exclude each other");
	if ((uint64_t)o.bands * o.rows > o.hashes)
		cli_usage("--bands=%u of --rows=%u take more than --hashes=%u", o.bands,
		          o.rows, o.hashes);
	if (signatures + merging + (r.verdicts_path != NULL) > 1)
		cli_usage("--signatures, --merge and --verdicts are steps of their own");
	if ((signatures || merging) && (explain_opt || invert))
		cli_usage("--explain and --invert go with the filter step (--verdicts)");
	if ((signatures || r.verdicts_path) && state)
		cli_usage("--state belongs to the merge step (--merge)");
	if (merging && argc - optind == 0)
		cli_usage("--merge needs the signature files");
	for (c = optind; merging && c < argc; c++)
		if (strcmp(argv[c], "-") == 0)
			cli_usage("--merge reads each signature file twice: not from standard input");
	cli_jsonl_check(&r.jsonl, &co);
	/* A line that is not a document is written out with the kept ones
	 * (and, under --explain, as the records are): it is not dropped, so
	 * --invert leaves it out. */
	r.jsonl.passes_through = !invert && !signatures;
	r.mode = signatures ? MODE_SIGNATURES : explain_opt ? MODE_EXPLAIN :
	    invert ? MODE_INVERT : MODE_KEEP;
	r.kept = cli_stats_counter("documents_kept");
	r.exact = cli_stats_counter("documents_dropped_exact");
	r.near = cli_stats_counter("documents_dropped_near");
	r.paragraphs = cli_stats_counter("paragraphs_dropped");
	r.null_data = co.null_data;
	if ((err = safi_dedup_new(&r.d, &o)) < 0) {
		cli_warn("%s", safi_strerror(err));
		return 1;
	}
	if (state && (status = load_state(r.d, &st, state)) != 0)
		goto done;
	if (merging) {
		if (merge(&r, argc - optind, argv + optind) == 0 && state)
			save_state(r.d, &st);
		goto done;
	}
	if (r.verdicts_path && (status = open_verdicts(&r, shard, &vin)) != 0)
		goto done;
	if (signatures && safi_dedup_sigs_write_header(r.d, shard, &r.sum, &r.out) < 0) {
		cli_warn("%s", safi_strerror(SAFI_ENOMEM));
		cli_status = 1;
		goto done;
	}
	/* a line is held whole (a record with --jsonl, a document then):
	 * this bounds it */
	ro.limit = r.max_document;
	err = cli_each_line(argc - optind, argv + optind, &co, &ro,
	                    r.jsonl.field ? on_json_line : on_line,
	                    r.jsonl.field ? NULL : on_end, &r);
	/* An input that failed leaves the signatures without their end line,
	 * so that the merge refuses them instead of missing documents. */
	if (signatures && err >= 0 && cli_status == 0 &&
	    safi_dedup_sigs_write_end(&r.sum, &r.out) < 0) {
		cli_warn("%s", safi_strerror(SAFI_ENOMEM));
		cli_status = 1;
	}
	if (signatures)
		flush_out(&r, 1);
	if (r.verdicts)
		close_verdicts(&r, err >= 0);
	if (state && err >= 0)
		save_state(r.d, &st);
done:
	if (vin.fd >= 0)
		cli_close(&vin);
	if (status)
		cli_status = status;
	cli_state_close(&st);
	safi_dedup_free(r.d);
	cli_jsonl_free(&r.jsonl);
	safi_buf_free(&r.text);
	safi_buf_free(&r.label);
	safi_buf_free(&r.row);
	safi_buf_free(&r.out);
	free(r.ends);
	return cli_finish();
}
