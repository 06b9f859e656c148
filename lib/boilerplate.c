/*
 * boilerplate.c - line classifier for scraped news pages: the public
 * interface, which runs the stages of boilerplate_stages.h over each
 * document in turn.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boilerplate_stages.h"
#include "mem.h"
#include "safi/boilerplate.h"
#include "safi/error.h"
#include "safi/jsonl.h"

struct safi_boilerplate {
	struct safi_boilerplate_opts o;
	struct bp_lexicon lex;
	struct bp_doc doc;                /* the current document */
	struct bp_state st;               /* the cross-document table */
	int classified;                   /* the lines held are a finished document */
	int lang_fixed;                   /* index from opts.lang, or -1 */
	int doc_lang;                     /* language of the last document, or -1 */
};

const char *const safi_bp_reason_names[R_COUNT] = {
	"blank", "body", "text", "heading", "title", "standfirst",
	"phrase", "marker", "after-marker", "caption", "credit",
	"date", "url", "copyright", "symbols", "duplicate", "recurring",
	"head", "tail", "no-body", "inline-marker", "context", "menu", "teaser", "table", "list",
	"invisible", "thread", "short-run", "widget", "author", "doc-top"
};

void
safi_boilerplate_opts_default(struct safi_boilerplate_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_words = 10;
	o->max_heading = 15;
	o->min_stop = 20;
	o->min_docs = 3;
	o->state_max = 1000000;
	o->state_age = 30;
	o->max_document = (size_t)256 << 20;
}

int
safi_boilerplate_add_phrases(struct safi_boilerplate *bp, const char *text, size_t len)
{
	return safi_bp_lexicon_add_phrases(&bp->lex, text, len);
}

int
safi_boilerplate_new(struct safi_boilerplate **out, const struct safi_boilerplate_opts *opts)
{
	struct safi_boilerplate *bp;
	int err;

	*out = NULL;
	if ((bp = calloc(1, sizeof *bp)) == NULL)
		return SAFI_ENOMEM;
	if (opts)
		bp->o = *opts;
	else
		safi_boilerplate_opts_default(&bp->o);
	if (bp->o.min_words == 0)
		bp->o.min_words = 1;
	if (bp->o.max_document == 0 || bp->o.max_document > ((size_t)1 << 32))
		bp->o.max_document = (size_t)1 << 32;
	safi_boilerplate_reset(bp);
	bp->lang_fixed = -1;
	if ((err = safi_bp_lexicon_init(&bp->lex, bp->o.no_builtin)) < 0) {
		safi_boilerplate_free(bp);
		return err;
	}
	if (bp->o.lang) {
		bp->lang_fixed = safi_bp_lexicon_lang(&bp->lex, bp->o.lang);
		if (bp->lang_fixed < 0 && !bp->o.no_builtin) {
			safi_boilerplate_free(bp);
			return SAFI_ENOTFOUND;
		}
	}
	*out = bp;
	return 0;
}

/* Frees what the documents and the table hold, leaving them empty. */
static void
free_documents(struct safi_boilerplate *bp)
{
	safi_bp_map_free(&bp->doc.dup);
	safi_bp_state_free(&bp->st);
	safi_buf_free(&bp->doc.text);
	free(bp->doc.lines);
	free(bp->doc.numbers);
	free(bp->doc.shares);
	memset(&bp->doc, 0, sizeof bp->doc);
	memset(&bp->st, 0, sizeof bp->st);
}

void
safi_boilerplate_reset(struct safi_boilerplate *bp)
{
	free_documents(bp);
	bp->doc.text.limit = bp->o.max_document + 1;
	bp->classified = 0;
	bp->doc_lang = -1;
}

void
safi_boilerplate_free(struct safi_boilerplate *bp)
{
	if (bp == NULL)
		return;
	safi_bp_lexicon_free(&bp->lex);
	free_documents(bp);
	free(bp);
}

/* Records |lineno| as the number of the next line of |d|, whose table of
 * lines has room for it: numbers[] is only filled once a line breaks the
 * run of numbers counting up from the first.  Returns 0 or SAFI_ENOMEM. */
static int
note_line_number(struct bp_doc *d, uint64_t lineno)
{
	size_t i;

	if (d->nlines == 0) {
		d->first_number = lineno;
		d->numbered = 0;
		return 0;
	}
	if (!d->numbered && lineno == d->first_number + d->nlines)
		return 0;
	if (d->capn < d->capl) {
		uint64_t *nn = realloc(d->numbers, d->capl * sizeof *nn);

		if (nn == NULL)
			return SAFI_ENOMEM;
		d->numbers = nn;
		d->capn = d->capl;
	}
	if (!d->numbered) {
		for (i = 0; i < d->nlines; i++)
			d->numbers[i] = d->first_number + i;
		d->numbered = 1;
	}
	d->numbers[d->nlines] = lineno;
	return 0;
}

/* Ends the document's hold on the caller's block: copies the bytes from its
 * first line to the end of its last into text, where the lines keep their
 * offsets.  Returns 0, SAFI_ENOMEM or SAFI_ETOOBIG. */
static int
copy_held_lines(struct bp_doc *d)
{
	size_t limit = d->text.limit;
	int err;

	/* the ends of the lines come along: held alone counts to the ceiling */
	d->text.len = 0;
	if (d->ref_end >= limit)
		d->text.limit = d->ref_end + 1;
	err = safi_buf_append(&d->text, d->ref, d->ref_end);
	d->text.limit = limit;
	if (err < 0 || (d->text.ptr == NULL && (err = safi_buf_reserve(&d->text, 1)) < 0))
		return err;  /* lines are text.ptr + off: never NULL + 0 */
	d->ref = NULL;
	d->ref_end = 0;
	return 0;
}

static int
add_line(struct safi_boilerplate *bp, const char *p, size_t len, uint64_t lineno,
         int by_ref)
{
	struct bp_doc *d = &bp->doc;
	struct bp_line *ln;
	int err;

	if (bp->classified) {
		bp->classified = 0;
		d->nlines = 0;
		d->text.len = 0;
		d->held = 0;
		d->ref = NULL;
		d->ref_end = 0;
	}
	if (d->held + len > bp->o.max_document && d->nlines > 0)
		return SAFI_ETOOBIG;
	if (d->nlines == d->capl) {
		size_t cap = d->capl ? d->capl * 2 : 256;
		struct bp_line *nl;

		if (cap > (SIZE_MAX / sizeof *nl) || (nl = realloc(d->lines, cap * sizeof *nl)) == NULL)
			return SAFI_ENOMEM;
		d->lines = nl;
		d->capl = cap;
		safi_mem_large(nl, cap * sizeof *nl);
	}
	if ((err = note_line_number(d, lineno)) < 0)
		return err;
	ln = &d->lines[d->nlines];
	/* Integers, not pointers, compare |p| with the block: a line out of
	 * it is legal, and is copied. */
	if (by_ref && p != NULL &&
	    (d->nlines == 0 || (d->ref && (uintptr_t)p >= (uintptr_t)d->ref + d->ref_end))) {
		if (d->nlines == 0) {
			d->ref = p;
			d->ref_end = 0;
		}
		ln->off = (size_t)((uintptr_t)p - (uintptr_t)d->ref);
		d->ref_end = ln->off + len;
	} else {
		if (d->ref && (err = copy_held_lines(d)) < 0)
			return err;
		ln->off = d->text.len;
		if (len > 0) {
			size_t limit = d->text.limit;

			/* A single line longer than the ceiling is still taken whole. */
			if (d->text.len + len >= limit)
				d->text.limit = d->text.len + len + 1;
			err = safi_buf_append(&d->text, p, len);
			d->text.limit = limit;
			if (err < 0)
				return err;
		} else if (d->text.ptr == NULL &&
		           (err = safi_buf_reserve(&d->text, 1)) < 0) {
			return err;  /* lines are text.ptr + off: never NULL + 0 */
		}
	}
	ln->len = len;
	d->held += len;
	d->nlines++;
	return 0;
}

int
safi_boilerplate_add_line(struct safi_boilerplate *bp, const char *p, size_t len,
                          uint64_t lineno)
{
	return add_line(bp, p, len, lineno, 0);
}

int
safi_boilerplate_add_line_ref(struct safi_boilerplate *bp, const char *p, size_t len,
                              uint64_t lineno)
{
	return add_line(bp, p, len, lineno, 1);
}

/*
 * The stages in order: line features, the language, body-text density,
 * the lines of the last document into the cross-document table, repeated
 * lines within the document and across documents, then the decoder.
 */
int
safi_bp_end_document_rules(struct safi_boilerplate *bp, struct bp_doc **doc, int *doc_lang)
{
	struct bp_doc *d = &bp->doc;
	int err, lang;

	if (bp->classified) {
		/* Nothing was added since: an empty document. */
		d->nlines = 0;
		d->text.len = 0;
		d->held = 0;
		d->ref = NULL;
		d->ref_end = 0;
	}
	bp->classified = 1;
	d->base = d->ref ? d->ref : d->text.ptr ? d->text.ptr : "";
	if ((err = safi_bp_analyze_lines(&bp->lex, bp->o.min_words, d)) < 0)
		return err;
	lang = bp->lang_fixed >= 0 ? bp->lang_fixed : safi_bp_pick_language(&bp->lex, d);
	bp->doc_lang = lang;
	safi_bp_set_language(d, lang);
	safi_bp_judge_density(&bp->lex, &bp->o, d, lang);
	safi_bp_drop_notice_boxes(d);
	if ((!bp->o.state_frozen &&
	     (err = safi_bp_state_merge(&bp->st, &d->dup, bp->o.state_max, bp->o.state_age)) < 0) ||
	    (err = safi_bp_mark_duplicates(d)) < 0)
		return err;
	if (bp->o.min_docs)
		safi_bp_state_mark_recurring(&bp->st, d, bp->o.min_docs, !bp->o.state_frozen);
	safi_bp_decode(&bp->lex, &bp->o, d, lang);
	safi_bp_keep_speaker_lines(d);
	safi_bp_keep_first_question(d);
	safi_bp_keep_code_lines(d);
	safi_bp_keep_code_units(d);
	safi_bp_keep_code_sections(d);
	safi_bp_drop_post_strips(d);
	safi_bp_drop_reply_titles(d);
	safi_bp_drop_author_lines(&bp->lex, d, lang);
	safi_bp_drop_about_note(d);
	safi_bp_drop_top_author_notes(d);
	safi_bp_drop_top_byline_box(d);
	safi_bp_keep_list_runs(d);
	safi_bp_keep_headed_lists(d);
	safi_bp_keep_contents_sections(d);
	safi_bp_drop_boxes_below_note(d);
	safi_bp_drop_trailing_blocks(d);
	safi_bp_drop_closing_notes(&bp->lex, d);
	safi_bp_drop_sources(d);
	safi_bp_drop_credited_captions(d);
	safi_bp_drop_captions_over_credits(d);
	safi_bp_drop_arrow_links(d);
	safi_bp_drop_reviews(d);
	safi_bp_keep_programme(d);
	safi_bp_keep_glued_list(d);
	safi_bp_keep_sign_off(d);
	safi_bp_keep_entry_dates(d);
	safi_bp_keep_table_figures(d);
	*doc = d;
	*doc_lang = lang;
	return 0;
}

int
safi_boilerplate_end_document(struct safi_boilerplate *bp)
{
	struct bp_doc *d;
	int lang;

	return safi_bp_end_document_rules(bp, &d, &lang);
}

size_t
safi_boilerplate_count(const struct safi_boilerplate *bp)
{
	return bp->doc.nlines;
}

int
safi_boilerplate_verdict(const struct safi_boilerplate *bp, size_t i, const char **reason)
{
	if (i >= bp->doc.nlines) {
		if (reason)
			*reason = "";
		return -1;
	}
	if (reason)
		*reason = safi_bp_reason_names[bp->doc.lines[i].reason];
	return bp->doc.lines[i].keep;
}

const char *
safi_boilerplate_language(const struct safi_boilerplate *bp)
{
	return bp->doc_lang >= 0 ? bp->lex.langs[bp->doc_lang] : "";
}

/* Writes |n| bytes of the line, then the end of the line. */
static int
put_line(struct safi_writer *out, const char *p, size_t n)
{
	int err = safi_writer_put(out, p, n);

	return err < 0 ? err : safi_writer_putc(out, '\n');
}

/* Writes one line's verdict as a JSON object on a line of its own, through
 * |row|, a buffer the caller reuses. */
static int
put_json_row(struct safi_writer *out, struct safi_buf *row, uint64_t lineno,
             const char *verdict, const char *reason, const char *p, size_t n)
{
	int err;

	row->len = 0;
	if ((err = safi_buf_append(row, "{\"line\":", 8)) < 0 ||
	    (err = safi_bp_put_number(row, lineno)) < 0 ||
	    (err = safi_buf_append(row, ",\"verdict\":\"", 12)) < 0 ||
	    (err = safi_buf_append(row, verdict, strlen(verdict))) < 0 ||
	    (err = safi_buf_append(row, "\",\"reason\":\"", 12)) < 0 ||
	    (err = safi_buf_append(row, reason, strlen(reason))) < 0 ||
	    (err = safi_buf_append(row, "\",\"text\":", 9)) < 0 ||
	    (err = safi_jsonl_encode(p, n, row)) < 0 ||
	    (err = safi_buf_append(row, "}\n", 2)) < 0)
		return err;
	return safi_writer_put(out, row->ptr, row->len);
}

int
safi_boilerplate_write(const struct safi_boilerplate *bp, enum safi_boilerplate_mode mode,
                       struct safi_writer *out)
{
	struct safi_buf row = SAFI_BUF_INIT;
	const char *base = bp->doc.ref ? bp->doc.ref : bp->doc.text.ptr;
	size_t i;
	int err, wrote = 0, blank = 0;

	for (i = 0; i < bp->doc.nlines; i++) {
		const struct bp_line *ln = &bp->doc.lines[i];
		const char *p = base + ln->off;

		if (mode == SAFI_BOILERPLATE_EXPLAIN_JSON) {
			err = put_json_row(out, &row, safi_bp_line_number(&bp->doc, i),
			                   ln->keep < 0 ? "blank" : ln->keep ? "keep" : "drop",
			                   safi_bp_reason_names[ln->reason], p, ln->len);
			if (err < 0) {
				safi_buf_free(&row);
				return err;
			}
			continue;
		}
		if (mode == SAFI_BOILERPLATE_EXPLAIN) {
			const char *v = ln->keep < 0 ? "blank" : ln->keep ? "keep" : "drop";
			const char *why = safi_bp_reason_names[ln->reason];
			char tmp[24];
			const char *num = safi_bp_decimal(tmp, safi_bp_line_number(&bp->doc, i));

			if ((err = safi_writer_put(out, num, (size_t)(tmp + 24 - num))) < 0 ||
			    (err = safi_writer_putc(out, '\t')) < 0 ||
			    (err = safi_writer_put(out, v, strlen(v))) < 0 ||
			    (err = safi_writer_putc(out, '\t')) < 0 ||
			    (err = safi_writer_put(out, why, strlen(why))) < 0 ||
			    (err = safi_writer_putc(out, '\t')) < 0 ||
			    (err = put_line(out, p, ln->len)) < 0)
				return err;
			continue;
		}
		/* A line of invisible characters is dropped, and a blank
		 * line to the eye. */
		if (ln->keep < 0 || (mode == SAFI_BOILERPLATE_KEEP && (ln->flags & L_INVISIBLE))) {
			blank = 1;
			continue;
		}
		if (ln->keep != (mode == SAFI_BOILERPLATE_KEEP))
			continue;
		if (wrote && blank && (err = safi_writer_putc(out, '\n')) < 0)
			return err;
		if ((err = put_line(out, p, ln->len)) < 0)
			return err;
		wrote = 1;
		blank = 0;
	}
	safi_buf_free(&row);
	return 0;
}

int
safi_boilerplate_state_load(struct safi_boilerplate *bp, const char *data, size_t len,
                            const char **why)
{
	return safi_bp_state_load(&bp->st, data, len, why);
}

int
safi_boilerplate_state_add(struct safi_boilerplate *bp, const char *data, size_t len,
                           const char **why)
{
	return safi_bp_state_add(&bp->st, data, len, why);
}

int
safi_boilerplate_state_save(struct safi_boilerplate *bp, struct safi_buf *out)
{
	return safi_bp_state_save(&bp->st, &bp->doc.dup, bp->o.state_max, bp->o.state_age, out);
}

size_t
safi_boilerplate_state_size(const struct safi_boilerplate *bp)
{
	return safi_bp_state_size(&bp->st, &bp->doc.dup);
}
