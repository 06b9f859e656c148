/* The reader: line ends, documents, pieces and block boundaries anywhere. */
#include <errno.h>
#include <stdlib.h>

#include "safi.h"
#include "tap.h"

struct feed {
	const char *data;
	size_t len, pos, step;
};

static long
feed_read(void *ctx, void *buf, size_t cap)
{
	struct feed *f = ctx;
	size_t n = f->len - f->pos;

	if (n > f->step)
		n = f->step;
	if (n > cap)
		n = cap;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (long)n;
}

/* Renders what the reader hands out as text: each line in [], a piece in
 * {}, the flags as N (newline) and D (document).  A |step| of 0 reads the
 * input from memory (safi_reader_new_mem()). */
static void
render(const char *in, size_t n, size_t step, const struct safi_reader_opts *o,
       struct safi_buf *out)
{
	struct feed f = {in, n, 0, step};
	struct safi_reader *r;
	struct safi_line l;
	int rc;

	out->len = 0;
	if ((step ? safi_reader_new(&r, feed_read, &f, o) :
	     safi_reader_new_mem(&r, in, n, o)) < 0)
		abort();
	while ((rc = safi_reader_next(r, &l)) > 0 || rc == SAFI_ETOOBIG) {
		if (rc == SAFI_ETOOBIG) {  /* a line over the ceiling: !N */
			safi_buf_putc(out, '!');
			safi_buf_putc(out, '0' + (int)l.lineno);
			continue;
		}
		safi_buf_putc(out, (l.flags & SAFI_LINE_END) ? '[' : '{');
		safi_buf_append(out, l.ptr, l.len);
		safi_buf_putc(out, (l.flags & SAFI_LINE_END) ? ']' : '}');
		if (l.flags & SAFI_LINE_NEWLINE)
			safi_buf_putc(out, 'N');
		if (l.flags & SAFI_LINE_DOC)
			safi_buf_putc(out, 'D');
	}
	safi_reader_free(r);
}

/* A feed that fails with EIO once it has given |len| bytes. */
static long
failing_read(void *ctx, void *buf, size_t cap)
{
	struct feed *f = ctx;

	if (f->pos == f->len) {
		errno = EIO;
		return -1;
	}
	return feed_read(ctx, buf, cap);
}


/* The same rendering whether the input comes whole, byte by byte or from
 * memory; with
 * a ceiling of |limit| bytes for a line (0: none), read in blocks of 4. */
static void
check_lines(const char *in, size_t n, unsigned flags, size_t limit,
            const char *want, size_t wantlen)
{
	struct safi_reader_opts o = {flags, SAFI_INVALID_REPLACE, limit ? 4 : 0, 0, limit};
	struct safi_buf a = SAFI_BUF_INIT;
	size_t steps[] = {1, 2, 3, 5, 7, 4096, 0};
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		render(in, n, steps[i], &o, &a);
		CHECK_BYTES(a.ptr ? a.ptr : "", a.len, want, wantlen);
	}
	safi_buf_free(&a);
}

#define LINES(in, flags, want) \
	check_lines(in, sizeof(in) - 1, flags, 0, want, sizeof(want) - 1)
#define CEILING(in, flags, want) \
	check_lines(in, sizeof(in) - 1, flags, 8, want, sizeof(want) - 1)

int
main(void)
{
	struct safi_buf a = SAFI_BUF_INIT, b = SAFI_BUF_INIT;
	struct safi_reader *r;
	struct safi_line l;
	struct feed f;
	uint64_t line, off;
	char *big;
	size_t i;

	LINES("", 0, "");
	LINES("a\nb\n", 0, "[a]N[b]N");
	LINES("a\nb", 0, "[a]N[b]");
	LINES("a\r\nb\rc\n\r\n", 0, "[a]N[b]N[c]N[]N");
	LINES("a\r", 0, "[a]N");
	LINES("\n\n", 0, "[]N[]N");
	LINES("x\0y\n", 0, "[x\0y]N");
	LINES("p\n\f\nq\n", 0, "[p]N[\f]ND[q]N");
	LINES("p\n\f\r\nq", 0, "[p]N[\f]ND[q]");
	LINES("p\n \f\n", 0, "[p]N[ \f]N");
	LINES("a\0b\n\0c", SAFI_READ_NUL_DOCS, "[a][]D[b]N[]D[c]");
	LINES("bad\xFFz\n", 0, "[bad\xEF\xBF\xBDz]N");
	LINES("cut\xD9", 0, "[cut\xEF\xBF\xBD]");
	/* JSON Lines: a lone CR is data, CRLF still ends a line. */
	LINES("a\rb\r\nc\r\r\nd\r", SAFI_READ_LF_LINES, "[a\rb]N[c\r]N[d\r]");
	LINES("\r\n\r\f\n", SAFI_READ_LF_LINES, "[]N[\r\f]N");

	/* Pieces: a long line comes in bounded pieces, cut between
	 * characters, and glues back to the whole line. */
	big = malloc(100001);
	for (i = 0; i < 100000; i += 2)
		memcpy(big + i, "\xD9\x85", 2);
	big[100000] = '\n';
	f = (struct feed){big, 100001, 0, 999};
	{
		struct safi_reader_opts o = {SAFI_READ_PIECES, 0, 4096, 1000, 0};
		size_t pieces = 0, maxlen = 0;

		CHECK(safi_reader_new(&r, feed_read, &f, &o) == 0);
		a.len = 0;
		while (safi_reader_next(r, &l) > 0) {
			CHECK(safi_utf8_valid_prefix(l.ptr, l.len) == l.len);
			CHECK(l.lineno == 1);
			safi_buf_append(&a, l.ptr, l.len);
			pieces++;
			if (l.len > maxlen)
				maxlen = l.len;
		}
		CHECK(pieces > 50);
		CHECK(maxlen <= 4096 + 1000);
		CHECK_BYTES(a.ptr, a.len, big, 100000);
		safi_reader_free(r);
	}
	free(big);

	/* Line numbers and offsets of invalid bytes; fail mode stops there. */
	f = (struct feed){"one\ntwo\nth\xC0ree\n", 15, 0, 5};
	{
		struct safi_reader_opts o = {0, SAFI_INVALID_FAIL, 0, 0, 0};
		int rc;

		CHECK(safi_reader_new(&r, feed_read, &f, &o) == 0);
		while ((rc = safi_reader_next(r, &l)) > 0)
			;
		CHECK(rc == SAFI_EILSEQ);
		safi_reader_error_at(r, &line, &off);
		CHECK(line == 3 && off == 10);
		CHECK(safi_reader_invalid_count(r) == 1);
		safi_reader_free(r);
	}

	/* A line over the ceiling is an error, not an out-of-memory kill. */
	f = (struct feed){"0123456789abcdef\n", 17, 0, 4};
	{
		struct safi_reader_opts o = {0, 0, 4, 0, 8};

		CHECK(safi_reader_new(&r, feed_read, &f, &o) == 0);
		CHECK(safi_reader_next(r, &l) == SAFI_ETOOBIG);
		safi_reader_free(r);
	}
	/* A read error: the bytes read before it are handed out first, the
	 * last of them as a line without its end; then SAFI_EIO, errno kept. */
	{
		static const char in[] = "one\ntwo\nthr";
		struct safi_reader_opts o = {0, SAFI_INVALID_REPLACE, 4, 0, 0};
		int rc;

		f = (struct feed){in, sizeof in - 1, 0, 3};
		CHECK(safi_reader_new(&r, failing_read, &f, &o) == 0);
		a.len = 0;
		while ((rc = safi_reader_next(r, &l)) > 0) {
			safi_buf_append(&a, l.ptr, l.len);
			safi_buf_putc(&a, (l.flags & SAFI_LINE_NEWLINE) ? '|' : '.');
		}
		CHECK(rc == SAFI_EIO && errno == EIO);
		CHECK_STR(a.ptr, a.len, "one|two|thr.");
		CHECK(safi_reader_next(r, &l) == 0);
		safi_reader_free(r);
	}
	/* ... and only that line is left out: the reader goes on after it,
	 * however the input is cut and whatever ends the line. */
	CEILING("ab\n0123456789\ncd", 0, "[ab]N!2[cd]");
	CEILING("12345678\n123456789\n", 0, "[12345678]N!2");
	CEILING("x\r0123456789abcdefghij\r\ny\rz", 0, "[x]N!2[y]N[z]");
	CEILING("0123456789abcdefghij", 0, "!1");
	CEILING("p\0000123456789\000q", SAFI_READ_NUL_DOCS, "[p][]D!2[]D[q]");
	CEILING("0123456789\n\f\n0123456789", 0, "!1[\f]ND!3");
	CEILING("{\"a\":\"\r0123456789\"}\r\n{}", SAFI_READ_LF_LINES, "!1[{}]");

	/* From memory: the lines point into the caller's text, but for one
	 * whose bad UTF-8 was repaired; pieces are refused. */
	{
		static const char in[] = "one\r\nb\xFF" "d\nlast";
		struct safi_reader_opts o = {0, SAFI_INVALID_REPLACE, 0, 0, 0};

		CHECK(safi_reader_new_mem(&r, in, sizeof in - 1, &o) == 0);
		CHECK(safi_reader_next(r, &l) == 1 && l.ptr == in && l.len == 3);
		CHECK(safi_reader_next(r, &l) == 1 && l.ptr != in + 5 && l.len == 5);
		CHECK(safi_reader_next(r, &l) == 1 && l.ptr == in + 9 && l.len == 4 &&
		      l.offset == 9 && l.lineno == 3 && !(l.flags & SAFI_LINE_NEWLINE));
		CHECK(safi_reader_next(r, &l) == 0);
		CHECK(safi_reader_invalid_count(r) == 1);
		safi_reader_free(r);
		o.flags = SAFI_READ_PIECES;
		CHECK(safi_reader_new_mem(&r, in, sizeof in - 1, &o) == SAFI_EINVAL && r == NULL);
		CHECK(safi_reader_new_mem(&r, NULL, 0, NULL) == 0);
		CHECK(safi_reader_next(r, &l) == 0);
		safi_reader_free(r);
	}
	safi_buf_free(&a);
	safi_buf_free(&b);
	return tap_done();
}
