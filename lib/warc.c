#include <stdlib.h>
#include <string.h>

#include "safi/buf.h"
#include "safi/error.h"
#include "safi/warc.h"

#define READ_SIZE (128 * 1024)

struct safi_warc_reader {
	safi_read_fn fn;
	void *ctx;
	struct safi_warc_opts opts;
	struct safi_buf in;   /* unread bytes are in[pos, in.len) */
	size_t pos;
	uint64_t base;        /* input offset of in.ptr[0] */
	uint64_t number;
	int eof;
};

int
safi_warc_reader_new(struct safi_warc_reader **out, safi_read_fn fn, void *ctx,
                     const struct safi_warc_opts *opts)
{
	struct safi_warc_reader *r = calloc(1, sizeof *r);

	*out = NULL;
	if (r == NULL)
		return SAFI_ENOMEM;
	r->fn = fn;
	r->ctx = ctx;
	if (opts)
		r->opts = *opts;
	if (r->opts.max_block == 0)
		r->opts.max_block = (size_t)64 << 20;
	if (r->opts.max_header == 0)
		r->opts.max_header = (size_t)1 << 20;
	/* room for the largest header and block, and one read more */
	r->in.limit = r->opts.max_header + r->opts.max_block + 2 * READ_SIZE;
	*out = r;
	return 0;
}

void
safi_warc_reader_free(struct safi_warc_reader *r)
{
	if (r == NULL)
		return;
	safi_buf_free(&r->in);
	free(r);
}

/* Drops the bytes before pos and reads once more.  Returns 0 (r->eof set
 * at the end), SAFI_EIO or an error of the buffer. */
static int
fill(struct safi_warc_reader *r)
{
	long got;
	int rc;

	if (r->pos > 0) {
		memmove(r->in.ptr, r->in.ptr + r->pos, r->in.len - r->pos);
		r->in.len -= r->pos;
		r->base += r->pos;
		r->pos = 0;
	}
	if ((rc = safi_buf_reserve(&r->in, READ_SIZE)) < 0)
		return rc;
	got = r->fn(r->ctx, r->in.ptr + r->in.len, r->in.cap - r->in.len);
	if (got < 0)
		return SAFI_EIO;
	if (got == 0)
		r->eof = 1;
	r->in.len += (size_t)got;
	return 0;
}

/* Makes n unread bytes available, or as many as the input has left. */
static int
ensure(struct safi_warc_reader *r, size_t n)
{
	int rc;

	while (r->in.len - r->pos < n && !r->eof)
		if ((rc = fill(r)) < 0)
			return rc;
	return 0;
}

static int
is_space(char c)
{
	return c == '\r' || c == '\n' || c == ' ' || c == '\t';
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int
same_ascii_case(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

/* The end of the line that starts at s[i], and where the next begins. */
static size_t
line_end(const char *s, size_t n, size_t i, size_t *next)
{
	/* (s may be NULL when n is 0: no NULL + 0) */
	const char *nl = i < n ? memchr(s + i, '\n', n - i) : NULL;
	size_t e = nl ? (size_t)(nl - s) : n;

	*next = nl ? e + 1 : n;
	if (e > i && s[e - 1] == '\r')
		e--;
	return e;
}

int
safi_warc_field(const char *h, size_t n, const char *name, const char **value,
                size_t *len)
{
	size_t nlen = strlen(name), i = 0, next, e, v, end;

	/* the first line is the version or status line */
	line_end(h, n, 0, &i);
	while (i < n) {
		e = line_end(h, n, i, &next);
		if (e - i > nlen && h[i + nlen] == ':' && same_ascii_case(h + i, name, nlen)) {
			v = i + nlen + 1;
			end = e;
			/* folded continuation lines belong to the value */
			while (next < n && (h[next] == ' ' || h[next] == '\t')) {
				end = line_end(h, n, next, &next);
			}
			while (v < end && is_space(h[v]))
				v++;
			while (end > v && is_space(h[end - 1]))
				end--;
			*value = h + v;
			*len = end - v;
			return 1;
		}
		i = next;
	}
	return 0;
}

void
safi_warc_media_type(const char *t, size_t n, char *out, size_t cap)
{
	size_t i = 0, k = 0;

	while (i < n && (t[i] == ' ' || t[i] == '\t'))
		i++;
	for (; i < n && t[i] != ';' && t[i] != ' ' && t[i] != '\t'; i++)
		if (k + 1 < cap)
			out[k++] = (char)lower((unsigned char)t[i]);
	if (cap > 0)
		out[k] = '\0';
}

int
safi_warc_media_param(const char *t, size_t n, const char *name,
                      const char **value, size_t *vlen)
{
	size_t nlen = strlen(name), i = 0, v;

	while (i < n) {
		while (i < n && t[i] != ';')
			i++;
		if (i == n)
			return 0;
		i++;
		while (i < n && (t[i] == ' ' || t[i] == '\t'))
			i++;
		if (n - i > nlen && t[i + nlen] == '=' && same_ascii_case(t + i, name, nlen)) {
			v = i + nlen + 1;
			if (v < n && t[v] == '"') {
				const char *q = memchr(t + v + 1, '"', n - v - 1);

				*value = t + v + 1;
				*vlen = q ? (size_t)(q - (t + v + 1)) : n - v - 1;
				return 1;
			}
			for (i = v; i < n && t[i] != ';' && t[i] != ' ' && t[i] != '\t'; i++)
				;
			*value = t + v;
			*vlen = i - v;
			return 1;
		}
	}
	return 0;
}

/* Looks for the next line that starts a record, dropping what it passes.
 * Returns 0 (pos there, or at the end of the input) or an error. */
static int
resync(struct safi_warc_reader *r)
{
	static const char mark[] = "\nWARC/1.";
	const size_t mlen = sizeof mark - 1;
	int rc;

	r->pos++;   /* past the start of the bad record */
	for (;;) {
		const char *p = r->in.ptr + r->pos, *end = r->in.ptr + r->in.len;

		while (p + mlen <= end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			if ((size_t)(end - p) < mlen)
				break;
			if (memcmp(p, mark, mlen) == 0) {
				r->pos = (size_t)(p - r->in.ptr) + 1;
				return 0;
			}
			p++;
		}
		if (r->eof) {
			r->pos = r->in.len;
			return 0;
		}
		/* keep the bytes a mark could begin in */
		if (r->in.len - r->pos > mlen)
			r->pos = r->in.len - mlen;
		if ((rc = fill(r)) < 0)
			return rc;
	}
}

/* Reads past n bytes of a block that is not kept.  Returns 1 when they
 * were all there, 0 when the input ended first, or an error. */
static int
skip(struct safi_warc_reader *r, uint64_t n)
{
	int rc;

	for (;;) {
		size_t have = r->in.len - r->pos;

		if (have >= n) {
			r->pos += (size_t)n;
			return 1;
		}
		n -= have;
		r->pos = r->in.len;
		if (r->eof)
			return 0;
		if ((rc = fill(r)) < 0)
			return rc;
	}
}

static int
parse_length(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || n > 19)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return 0;
}

/* Checks the header h[0..n): the version line, "Name: value" lines, and
 * the fields a record must have.  Returns NULL, or what is wrong. */
static const char *
check_header(const char *h, size_t n, uint64_t *length, int *have_length)
{
	static const struct {
		const char *name, *missing;
	} required[] = {
		{"WARC-Record-ID", "no WARC-Record-ID"},
		{"WARC-Date", "no WARC-Date"},
		{"WARC-Type", "no WARC-Type"},
	};
	const char *v;
	size_t i, next, e, k, vlen;

	*have_length = 0;
	e = line_end(h, n, 0, &next);
	if (!(e == 8 && (memcmp(h, "WARC/1.0", 8) == 0 || memcmp(h, "WARC/1.1", 8) == 0)))
		return "not a WARC/1.0 or WARC/1.1 version line";
	/* with a length, even a damaged record can be passed over exactly */
	if (safi_warc_field(h, n, "Content-Length", &v, &vlen) &&
	    parse_length(v, vlen, length) == 0)
		*have_length = 1;
	for (i = next; i < n; i = next) {
		e = line_end(h, n, i, &next);
		if (h[i] == ' ' || h[i] == '\t')
			continue;   /* a folded line */
		for (k = i; k < e && h[k] != ':'; k++)
			if (h[k] <= ' ' || h[k] == 0x7f)
				break;
		if (k == i || k == e || h[k] != ':')
			return "a header line that is not 'Name: value'";
	}
	if (!safi_warc_field(h, n, "Content-Length", &v, &vlen))
		return "no Content-Length";
	if (!*have_length)
		return "Content-Length is not a number";
	for (k = 0; k < sizeof required / sizeof required[0]; k++)
		if (!safi_warc_field(h, n, required[k].name, &v, &vlen))
			return required[k].missing;
	return NULL;
}

/* Finds the empty line that ends the header starting at pos: sets *hlen
 * (up to the empty line) and *blk (the first byte of the block).  Returns
 * 1, 0 when there is none within the ceiling or the input, or an error. */
static int
find_header_end(struct safi_warc_reader *r, size_t *hlen, size_t *blk)
{
	size_t from = 0, j;
	int rc, undecided;

	for (;;) {
		const char *s = r->in.ptr + r->pos;
		size_t n = r->in.len - r->pos;

		while (from < n) {
			const char *nl = memchr(s + from, '\n', n - from);

			if (nl == NULL) {
				from = n;
				break;
			}
			j = (size_t)(nl - s);
			/* the same ceiling whatever the sizes of the reads */
			if (j + 1 > r->opts.max_header)
				return 0;
			if (j + 1 < n && s[j + 1] == '\n') {
				*hlen = j + 1;
				*blk = j + 2;
				return 1;
			}
			if (j + 2 < n && s[j + 1] == '\r' && s[j + 2] == '\n') {
				*hlen = j + 1;
				*blk = j + 3;
				return 1;
			}
			undecided = j + 1 >= n || (s[j + 1] == '\r' && j + 2 >= n);
			if (undecided && !r->eof)
				break;   /* from stays at this line end */
			from = j + 1;
		}
		if (r->eof || from > r->opts.max_header)
			return 0;
		if ((rc = fill(r)) < 0)
			return rc;
	}
}

int
safi_warc_next(struct safi_warc_reader *r, struct safi_warc_record *rec)
{
	size_t hlen, blk;
	uint64_t length = 0;
	const char *why;
	int rc, have_length;

	memset(rec, 0, sizeof *rec);
	/* line ends and blanks between records */
	for (;;) {
		while (r->pos < r->in.len && is_space(r->in.ptr[r->pos]))
			r->pos++;
		if (r->pos < r->in.len || r->eof)
			break;
		if ((rc = fill(r)) < 0)
			return rc;
	}
	if (r->pos == r->in.len)
		return 0;
	if ((rc = ensure(r, 5)) < 0)
		return rc;
	rec->number = ++r->number;
	rec->offset = r->base + r->pos;
	if (r->in.len - r->pos < 5 || memcmp(r->in.ptr + r->pos, "WARC/", 5) != 0) {
		rec->error = SAFI_ECORRUPT;
		rec->why = "no WARC version line where a record starts";
		return (rc = resync(r)) < 0 ? rc : 1;
	}
	if ((rc = find_header_end(r, &hlen, &blk)) < 0)
		return rc;
	if (rc == 0) {
		rec->error = SAFI_ECORRUPT;
		rec->why = r->eof && r->in.len - r->pos <= r->opts.max_header ?
		    "header with no end" : "header longer than the ceiling";
		return (rc = resync(r)) < 0 ? rc : 1;
	}
	rec->header = r->in.ptr + r->pos;
	rec->header_len = hlen;
	why = check_header(rec->header, hlen, &length, &have_length);
	if (why && !have_length) {
		rec->error = SAFI_ECORRUPT;
		rec->why = why;
		rec->header = NULL;
		rec->header_len = 0;
		return (rc = resync(r)) < 0 ? rc : 1;
	}
	if (why || length > r->opts.max_block) {
		/* the length is known: the block is passed over exactly */
		rec->error = why ? SAFI_ECORRUPT : SAFI_ETOOBIG;
		rec->why = why ? why : "block larger than the ceiling";
		rec->header = NULL;
		rec->header_len = 0;
		r->pos += blk;
		if ((rc = skip(r, length)) < 0)
			return rc;
		if (rc == 0 && !why)
			rec->why = "Content-Length goes past the end of the input";
		if (rc == 0)
			rec->error = SAFI_ECORRUPT;
		return 1;
	}
	if ((rc = ensure(r, blk + (size_t)length)) < 0)
		return rc;
	/* ensure() may have moved the bytes */
	rec->header = r->in.ptr + r->pos;
	if (r->in.len - r->pos < blk + (size_t)length) {
		rec->error = SAFI_ECORRUPT;
		rec->why = "Content-Length goes past the end of the input";
		rec->header = NULL;
		rec->header_len = 0;
		r->pos = r->in.len;
		return 1;
	}
	rec->block = rec->header + blk;
	rec->block_len = (size_t)length;
	r->pos += blk + (size_t)length;
	return 1;
}
