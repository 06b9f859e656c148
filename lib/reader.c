#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "safi/buf.h"
#include "safi/error.h"
#include "safi/reader.h"

struct safi_reader {
	safi_read_fn fn;
	void *ctx;
	struct safi_reader_opts opts;
	struct safi_buf in;     /* raw bytes; unread ones are in[pos, in.len) */
	size_t pos;
	size_t cr_at;           /* next CR at or after pos, or cr_to if none before it */
	size_t cr_to;           /* how far the CR search has looked */
	size_t nul_at, nul_to;  /* the same for NUL, with SAFI_READ_NUL_DOCS */
	size_t ok_from, ok_to;  /* in[ok_from, ok_to) is known to be well-formed */
	uint64_t base;          /* input offset of in.ptr[0] */
	uint64_t lineno;        /* number of the line being read */
	int eof;
	int done;               /* an error stopped the reader */
	int skipping;           /* in a line over the ceiling: drop bytes to its end */
	int read_failed;        /* the callback failed: SAFI_EIO after the bytes read */
	int read_errno;         /* and the errno it left */
	int doc_pending;        /* a NUL ended a line: a separator is owed */
	int borrowed;           /* in.ptr is the caller's text (safi_reader_new_mem) */
	struct safi_buf clean;  /* the current line with bad UTF-8 repaired */
	uint64_t bad;
	uint64_t bad_line, bad_offset;
};

static void check_ahead(struct safi_reader *r);

int
safi_reader_new(struct safi_reader **out, safi_read_fn fn, void *ctx,
                const struct safi_reader_opts *opts)
{
	struct safi_reader *r = calloc(1, sizeof *r);

	*out = NULL;
	if (r == NULL)
		return SAFI_ENOMEM;
	r->fn = fn;
	r->ctx = ctx;
	if (opts)
		r->opts = *opts;
	if (r->opts.block == 0)
		r->opts.block = 128 * 1024;
	if (r->opts.piece == 0)
		r->opts.piece = r->opts.block;
	r->lineno = 1;
	*out = r;
	return 0;
}

/*
 * The whole input is in.ptr[0, in.len) from the start and the end of input
 * has been seen, so next() never calls fill(): it neither reads nor moves
 * the caller's bytes, and the lines it hands out point into them.
 */
int
safi_reader_new_mem(struct safi_reader **out, const char *text, size_t len,
                    const struct safi_reader_opts *opts)
{
	struct safi_reader *r;
	int rc;

	*out = NULL;
	if (opts && (opts->flags & SAFI_READ_PIECES))
		return SAFI_EINVAL;  /* pieces bound the memory of a stream: no use here */
	if ((rc = safi_reader_new(out, NULL, NULL, opts)) < 0)
		return rc;
	r = *out;
	r->borrowed = 1;
	r->in.ptr = len > 0 ? (char *)text : NULL;
	r->in.len = r->in.cap = len;
	r->eof = 1;
	check_ahead(r);
	return 0;
}

void
safi_reader_free(struct safi_reader *r)
{
	if (r == NULL)
		return;
	if (!r->borrowed)
		safi_buf_free(&r->in);
	safi_buf_free(&r->clean);
	free(r);
}

uint64_t
safi_reader_invalid_count(const struct safi_reader *r)
{
	return r->bad;
}

void
safi_reader_error_at(const struct safi_reader *r, uint64_t *lineno,
                     uint64_t *offset)
{
	*lineno = r->bad_line;
	*offset = r->bad_offset;
}

/*
 * Finds the next |c| in in[pos, end), remembering how far it looked so that
 * a long line with no such byte is scanned once, not once per line.
 */
static size_t
find_cached(struct safi_reader *r, int c, size_t *at, size_t *to)
{
	const char *p;

	if (*at >= r->pos && *at < *to)
		return *at;
	if (*to < r->pos)
		*to = r->pos;
	p = r->in.len > *to ? memchr(r->in.ptr + *to, c, r->in.len - *to) : NULL;
	*to = r->in.len;
	*at = p ? (size_t)(p - r->in.ptr) : r->in.len;
	if (p)
		*to = *at + 1;
	return *at;
}

/*
 * Checks the UTF-8 of the bytes just read in one pass over the block:
 * long runs check much faster than line after short line, and a line that
 * lies inside the checked region needs no check of its own.  The region
 * starts at a character boundary and no well-formed sequence holds a line
 * end, so every line start inside it is a boundary too.  A line that holds
 * an ill-formed sequence is left to emit(), which repairs it; the region
 * starts again after the sequence.  A sequence cut short by the end of the
 * block waits for the next one.
 */
static void
check_ahead(struct safi_reader *r)
{
	const char *p = r->in.ptr;
	size_t n = r->in.len, bad;

	while (r->ok_to < n) {
		r->ok_to += safi_utf8_valid_prefix(p + r->ok_to, n - r->ok_to);
		if (r->ok_to == n)
			break;
		bad = safi_utf8_bad_len(p + r->ok_to, n - r->ok_to);
		if (r->ok_to + bad == n && !r->eof)
			break;
		r->ok_from = r->ok_to = r->ok_to + bad;
	}
}

/* Moves the unread bytes to the front and reads one more block. */
static int
fill(struct safi_reader *r)
{
	size_t keep = r->in.len - r->pos;
	long got;
	int rc;

	if (r->pos > 0) {
		memmove(r->in.ptr, r->in.ptr + r->pos, keep);
		r->base += r->pos;
		r->cr_at -= r->cr_at >= r->pos ? r->pos : r->cr_at;
		r->cr_to -= r->cr_to >= r->pos ? r->pos : r->cr_to;
		r->nul_at -= r->nul_at >= r->pos ? r->pos : r->nul_at;
		r->nul_to -= r->nul_to >= r->pos ? r->pos : r->nul_to;
		r->ok_from -= r->ok_from >= r->pos ? r->pos : r->ok_from;
		r->ok_to -= r->ok_to >= r->pos ? r->pos : r->ok_to;
		r->in.len = keep;
		r->pos = 0;
	}
	if ((rc = safi_buf_reserve(&r->in, r->opts.block)) < 0)
		return rc;
	got = r->fn(r->ctx, r->in.ptr + r->in.len, r->in.cap - r->in.len);
	if (got < 0 && errno == EILSEQ)
		return SAFI_EIO;  /* a decoder refused a byte: its line is not handed out */
	if (got < 0) {
		/* What was read before the error is still handed out, as at
		 * the end of the input; the error comes after it. */
		r->read_failed = 1;
		r->read_errno = errno;
		got = 0;
	}
	if (got == 0)
		r->eof = 1;
	r->in.len += (size_t)got;
	check_ahead(r);
	return 0;
}

/*
 * A line over the ceiling: says which (in *line, with no text), and drops
 * its bytes, those read and those still to come, so that memory stays
 * bounded and the next call goes on with the next line.
 */
static int
too_long(struct safi_reader *r, struct safi_line *line, size_t start,
         int ended)
{
	line->ptr = "";
	line->len = 0;
	line->lineno = r->lineno;
	line->offset = r->base + start;
	line->flags = 0;
	if (ended)
		r->lineno++;
	else
		r->skipping = 1;
	return SAFI_ETOOBIG;
}

/* Fills *line with in[start, start+len), repairing bad UTF-8 as asked. */
static int
emit(struct safi_reader *r, struct safi_line *line, size_t start, size_t len,
     unsigned flags)
{
	const char *s = r->in.ptr + start;
	size_t good, at = 0;
	uint64_t before = r->bad;
	int rc;

	good = start >= r->ok_from && start + len <= r->ok_to ? len :
	    safi_utf8_valid_prefix(s, len);
	line->ptr = s;
	line->len = len;
	line->lineno = r->lineno;
	line->offset = r->base + start;
	line->flags = flags;
	if (len == 1 && s[0] == '\f' && (flags & SAFI_LINE_END))
		line->flags |= SAFI_LINE_DOC;
	if (good < len) {
		r->clean.len = 0;
		rc = safi_utf8_sanitize(s, len, r->opts.invalid, &r->clean,
		                        &r->bad, &at);
		if (before == 0 && r->bad > 0) {
			r->bad_line = r->lineno;
			r->bad_offset = r->base + start +
			    (rc == SAFI_EILSEQ ? at : good);
		}
		if (rc == SAFI_EILSEQ) {
			r->bad_line = r->lineno;
			r->bad_offset = r->base + start + at;
		}
		if (rc < 0)
			return rc;
		line->ptr = r->clean.ptr;
		line->len = r->clean.len;
	}
	if (flags & SAFI_LINE_END)
		r->lineno++;
	return 1;
}

static int
next(struct safi_reader *r, struct safi_line *line)
{
	size_t end, t, cr, nul;
	char *p;
	int rc;

	if (r->doc_pending) {
		r->doc_pending = 0;
		line->ptr = "";
		line->len = 0;
		line->lineno = r->lineno;
		line->offset = r->base + r->pos;
		line->flags = SAFI_LINE_END | SAFI_LINE_DOC;
		return 1;
	}
	for (;;) {
		end = r->in.len;
		p = r->pos < end ? memchr(r->in.ptr + r->pos, '\n', end - r->pos) : NULL;
		t = p ? (size_t)(p - r->in.ptr) : end;
		if (!(r->opts.flags & SAFI_READ_LF_LINES)) {
			cr = find_cached(r, '\r', &r->cr_at, &r->cr_to);
			if (cr < t)
				t = cr;
		}
		if (r->opts.flags & SAFI_READ_NUL_DOCS) {
			nul = find_cached(r, '\0', &r->nul_at, &r->nul_to);
			if (nul < t)
				t = nul;
		}
		if (t < end) {
			size_t start = r->pos;
			char c = r->in.ptr[t];

			if (c == '\r' && t + 1 == end && !r->eof) {
				/* The LF of a CRLF may be in the next block. */
				if ((rc = fill(r)) < 0)
					return rc;
				continue;
			}
			r->pos = t + 1;
			if (c == '\r' && t + 1 < end && r->in.ptr[t + 1] == '\n')
				r->pos++;
			if (c == '\n' && t > start && r->in.ptr[t - 1] == '\r' &&
			    (r->opts.flags & SAFI_READ_LF_LINES))
				t--;  /* the CR of a CRLF */
			if (c == '\0' && (r->skipping ||
			                  (r->opts.limit && t - start > r->opts.limit)))
				r->doc_pending = 1;
			if (r->skipping) {
				r->skipping = 0;
				r->lineno++;
				if (r->doc_pending)
					return next(r, line);
				continue;
			}
			if (r->opts.limit && t - start > r->opts.limit)
				return too_long(r, line, start, 1);
			if (c == '\0') {
				if (t == start) {
					r->doc_pending = 1;
					return next(r, line);
				}
				r->doc_pending = 1;
				return emit(r, line, start, t - start, SAFI_LINE_END);
			}
			return emit(r, line, start, t - start,
			            SAFI_LINE_END | SAFI_LINE_NEWLINE);
		}
		if (r->eof) {
			if (r->skipping) {
				r->skipping = 0;
				r->lineno++;
				r->pos = end;
			}
			if (r->pos == end && r->read_failed) {
				errno = r->read_errno;
				return SAFI_EIO;
			}
			if (r->pos == end)
				return 0;
			t = r->pos;
			r->pos = end;
			if (r->opts.limit && end - t > r->opts.limit)
				return too_long(r, line, t, 1);
			return emit(r, line, t, end - t, SAFI_LINE_END);
		}
		if (r->skipping) {
			r->pos = end;
		} else if ((r->opts.flags & SAFI_READ_PIECES) && end - r->pos >= r->opts.piece) {
			size_t start = r->pos, n = end - start;

			n -= safi_utf8_incomplete_tail(r->in.ptr + start, n);
			if (n == 0)
				n = end - start;
			r->pos = start + n;
			return emit(r, line, start, n, 0);
		} else if (r->opts.limit && end - r->pos > r->opts.limit) {
			t = r->pos;
			r->pos = end;
			return too_long(r, line, t, 0);
		}
		if ((rc = fill(r)) < 0)
			return rc;
	}
}

int
safi_reader_next(struct safi_reader *r, struct safi_line *line)
{
	int rc;

	if (r->done)
		return 0;
	rc = next(r, line);
	if (rc < 0 && rc != SAFI_ETOOBIG)
		r->done = 1;
	return rc;
}
