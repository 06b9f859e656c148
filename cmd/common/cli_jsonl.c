#include <stdlib.h>
#include <string.h>

#include "cli_jsonl.h"

int
cli_jsonl_option(int c, const char *arg, struct cli_jsonl *j, int passes_through)
{
	if (c == CLI_OPT_DROP_EMPTY) {
		j->drop_empty = 1;
		return 1;
	}
	if (c != CLI_OPT_JSONL)
		return 0;
	if (arg && *arg == '\0')
		cli_usage("--jsonl=FIELD: the FIELD name is empty");
	j->field = arg ? arg : "text";
	j->field_len = strlen(j->field);
	j->passes_through = passes_through;
	/* a record, not a form feed, ends a document */
	cli_stats_records = 1;
	cli_set_lf_lines();
	return 1;
}

void
cli_jsonl_check(struct cli_jsonl *j, struct cli_common *co)
{
	if (j->drop_empty && !j->field)
		cli_usage("--drop-empty drops JSON Lines records: it needs --jsonl");
	if (j->field == NULL)
		return;
	if (co->null_data)
		cli_usage("--jsonl and -z exclude each other: each JSON line is a document");
	if (co->docs != CLI_DOCS_FORM_FEED)
		cli_usage("--jsonl and --docs exclude each other: each JSON line is a document");
	j->invalid = co->invalid;
	co->jsonl = j;
}

void
cli_jsonl_end_input(struct cli_jsonl *j, const struct cli_input *in)
{
	if (j->lone > 0)
		cli_warn_at(in->label, j->lone_line,
		            "%llu lone surrogate escape%s in \"%s\" %s",
		            (unsigned long long)j->lone, j->lone == 1 ? "" : "s", j->field,
		            j->invalid == SAFI_INVALID_SKIP ? "dropped" :
		            "replaced with U+FFFD");
	j->lone = j->lone_line = 0;
}

static int
put_line(const char *s, size_t n)
{
	struct safi_writer *w = cli_stdout();
	int rc;

	if ((rc = safi_writer_put(w, s, n)) < 0)
		return rc;
	return safi_writer_putc(w, '\n');
}

/* Says what is wrong with a line that gives no document. */
static void
report(const struct cli_jsonl *j, const struct cli_input *in,
       const struct safi_line *line, int rc, size_t skipped)
{
	const char *then = j->passes_through ? "line passed through unchanged" :
	                   "line skipped";

	if (rc == SAFI_ECORRUPT && strcmp(j->m.why, "not a JSON object") == 0)
		cli_warn_at(in->label, line->lineno, "not a JSON object (%s)", then);
	else if (rc == SAFI_ECORRUPT)
		cli_warn_at(in->label, line->lineno, "invalid JSON at byte %zu: %s (%s)",
		            skipped + j->m.at + 1, j->m.why, then);
	else if (rc == SAFI_EILSEQ)
		cli_warn_at(in->label, line->lineno,
		            "member \"%s\" holds a lone surrogate escape (%s)",
		            j->field, then);
	else if (j->m.type == NULL)
		cli_warn_at(in->label, line->lineno, "no member \"%s\" (%s)",
		            j->field, then);
	else
		cli_warn_at(in->label, line->lineno,
		            "member \"%s\" is %s%s, not a string (%s)", j->field,
		            strcmp(j->m.type, "object") == 0 ||
		            strcmp(j->m.type, "array") == 0 ? "an " :
		            strcmp(j->m.type, "number") == 0 ? "a " : "", j->m.type, then);
	cli_status = 1;
	cli_stats.jsonl_bad_lines++;
}

int
cli_jsonl_read(struct cli_jsonl *j, const struct cli_input *in,
               const struct safi_line *line)
{
	const char *s = line->ptr;
	size_t n = line->len, i, skipped = 0;
	int rc;

	j->line = NULL;
	j->len = 0;
	/* the byte order mark of an input is no part of its first object */
	if (line->offset == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
		skipped = 3;
	}
	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == n)
		return j->passes_through ? put_line(line->ptr, line->len) : 0;
	rc = safi_jsonl_find(s, n, j->field, j->field_len, &j->m);
	if (rc < 0) {
		report(j, in, line, rc, skipped);
		return j->passes_through ? put_line(line->ptr, line->len) : 0;
	}
	j->text.len = 0;
	rc = safi_jsonl_decode(s + j->m.start, j->m.end - j->m.start, j->invalid,
	                       &j->text);
	if (rc == SAFI_EILSEQ) {
		report(j, in, line, rc, skipped);
		return j->passes_through ? put_line(line->ptr, line->len) : 0;
	}
	if (rc < 0) {
		cli_report(in, line->lineno, rc);
		return rc;
	}
	if (rc > 0) {
		if (j->lone == 0)
			j->lone_line = line->lineno;
		j->lone += (uint64_t)rc;
	}
	j->line = s;
	j->len = n;
	cli_stats.documents_in++;
	return 1;
}

int
cli_jsonl_each_line(struct cli_jsonl *j, const struct cli_input *in,
                    const struct safi_line *line, cli_line_fn fn, void *ctx)
{
	const char *s = j->text.ptr, *end;
	struct safi_line l = *line;
	int rc;

	if (j->text.len == 0)
		return 0;  /* (the text may be NULL then: no NULL + 0) */
	end = s + j->text.len;
	while (s < end) {
		const char *e = s;

		while (e < end && *e != '\n' && *e != '\r')
			e++;
		l.ptr = s;
		l.len = (size_t)(e - s);
		l.flags = SAFI_LINE_END | (e < end ? SAFI_LINE_NEWLINE : 0);
		if ((rc = fn(ctx, in, &l)) < 0)
			return rc;
		if (e < end && *e == '\r' && e + 1 < end && e[1] == '\n')
			e++;
		s = e + 1;
	}
	return 0;
}

/* The gathering writer fails only when memory does: it says so here, and
 * the program stops on the failed write. */
static long
gather(void *ctx, const void *p, size_t n)
{
	struct safi_buf *b = ctx;
	int rc = safi_buf_append(b, p, n);

	if (rc < 0) {
		cli_warn("%s", safi_strerror(rc));
		cli_status = 1;
		return -1;
	}
	return (long)n;
}

struct safi_writer *
cli_jsonl_writer(struct cli_jsonl *j)
{
	if (j->w == NULL && safi_writer_new(&j->w, gather, &j->result, 0) < 0) {
		cli_warn("out of memory");
		exit(1);
	}
	return j->w;
}

int
cli_jsonl_put(struct cli_jsonl *j, const struct cli_input *in,
              const struct safi_line *line, const char *text, size_t n)
{
	int rc;

	if (n == 0 && j->drop_empty) {
		cli_stats.documents_dropped_empty++;
		return 0;
	}
	j->out.len = 0;
	if ((rc = safi_jsonl_replace(j->line, j->len, &j->m, text, n, &j->out)) < 0 ||
	    (rc = safi_buf_putc(&j->out, '\n')) < 0) {
		cli_report(in, line->lineno, rc);
		return rc;
	}
	return safi_writer_put(cli_stdout(), j->out.ptr, j->out.len);
}

int
cli_jsonl_put_result(struct cli_jsonl *j, const struct cli_input *in,
                     const struct safi_line *line)
{
	size_t n;
	int rc;

	if (j->w && (rc = safi_writer_flush(j->w)) < 0)
		return rc;  /* reported by gather() */
	n = j->result.len;
	while (n > 0 && j->result.ptr[n - 1] == '\n')
		n--;
	rc = cli_jsonl_put(j, in, line, j->result.ptr ? j->result.ptr : "", n);
	j->result.len = 0;
	return rc;
}

int
cli_jsonl_put_rows(struct cli_jsonl *j, const struct cli_input *in,
                   const struct safi_line *line)
{
	struct safi_buf *r = &j->result;
	size_t i, n;
	int rc;

	if (j->w && (rc = safi_writer_flush(j->w)) < 0)
		return rc;  /* reported by gather() */
	/* "row\nrow\n" becomes "[row,row]": a line feed inside a row is
	 * escaped, so each one ends a row */
	n = r->len;
	if (n > 0 && r->ptr[n - 1] == '\n')
		n--;
	r->len = n;
	if ((rc = safi_buf_reserve(r, 2)) < 0) {
		cli_report(in, line->lineno, rc);
		return rc;
	}
	memmove(r->ptr + 1, r->ptr, n);
	r->ptr[0] = '[';
	for (i = 1; i <= n; i++)
		if (r->ptr[i] == '\n')
			r->ptr[i] = ',';
	r->ptr[n + 1] = ']';
	r->len = n + 2;
	j->out.len = 0;
	rc = safi_jsonl_replace_value(j->line, j->len, &j->m, r->ptr, r->len, &j->out);
	r->len = 0;
	if (rc < 0 || (rc = safi_buf_putc(&j->out, '\n')) < 0) {
		cli_report(in, line->lineno, rc);
		return rc;
	}
	return safi_writer_put(cli_stdout(), j->out.ptr, j->out.len);
}

void
cli_jsonl_free(struct cli_jsonl *j)
{
	safi_writer_free(j->w);
	j->w = NULL;
	safi_buf_free(&j->text);
	safi_buf_free(&j->result);
	safi_buf_free(&j->out);
}
