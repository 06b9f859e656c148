#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_input.h"
#include "cli_jsonl.h"

const char *cli_progname = "safi";
int cli_status = 0;

static struct safi_writer *out;
static int out_fd = 1;
static int out_errno;      /* why the first failed write failed */

/*
 * A standard descriptor closed at start-up would be taken by the next file
 * the program opens (a lock, a spill file), which would then receive the
 * output or the messages.  Each closed one is opened on /dev/null, in the
 * other direction (as gnulib's stdopen does), so that reading stdin or
 * writing stdout still fails as it would have while closed.
 */
static void
open_standard_fds(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY) != fd) {
			cli_warn("/dev/null: cannot open it for closed descriptor %d:", fd);
			exit(1);
		}
	}
}

void
cli_init(const char *progname)
{
	const char *slash = strrchr(progname, '/');

	cli_progname = slash ? slash + 1 : progname;
	open_standard_fds();
	opterr = 0;  /* cli_bad_option() speaks for getopt, naming the program alike */
	/* Output never depends on the locale: stay in "C" whatever LANG says. */
	setlocale(LC_ALL, "C");
	cli_progress_init();
}

static void
vwarn(const char *file, uint64_t line, const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fflush(stdout);
	cli_progress_break();
	fprintf(stderr, "%s: ", cli_progname);
	if (file && line)
		fprintf(stderr, "%s:%llu: ", file, (unsigned long long)line);
	else if (file)
		fprintf(stderr, "%s: ", file);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
cli_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(NULL, 0, fmt, ap);
	va_end(ap);
}

void
cli_warn_at(const char *file, uint64_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(file, line, fmt, ap);
	va_end(ap);
}

void
cli_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(NULL, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", cli_progname);
	exit(CLI_EXIT_USAGE);
}

void
cli_bad_option(int c, char **argv)
{
	const char *arg = argv[optind - 1];
	int is_long = strncmp(arg, "--", 2) == 0;

	if (c == ':') {
		if (!is_long && optopt > 0 && optopt < 0x80)
			cli_usage("option '-%c' needs an argument", optopt);
		cli_usage("option '%s' needs an argument", arg);
	}
	if (!is_long && optopt > 0 && optopt < 0x80)
		cli_usage("unknown option '-%c'", optopt);
	cli_usage("unknown option '%s'", arg);
}

/* Ends --help and --version: 0 when stdout took every byte, else 1 with
 * the message coreutils print ("write error: No space left on device"). */
static _Noreturn void
exit_after_stdout(void)
{
	/* a reader that went away (| head, SIGPIPE ignored) is a quiet end */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			exit(0);
		cli_warn("write error:");
		exit(1);
	}
	/* stdout is closed now: no cli_warn(), which flushes it */
	if (fclose(stdout) != 0) {
		if (errno == EPIPE)
			exit(0);
		fprintf(stderr, "%s: write error: %s\n", cli_progname, strerror(errno));
		exit(1);
	}
	exit(0);
}

int
cli_common_option(int c, const char *arg, struct cli_common *co,
                  const char *help)
{
	switch (c) {
	case CLI_OPT_HELP:
		fputs(help, stdout);
		fputs(CLI_COMMON_HELP, stdout);
		exit_after_stdout();
	case CLI_OPT_VERSION:
		printf("%s (safi) %s\n"
		       "Copyright (c) 2026 the safi authors.\n"
		       "License: MIT <https://opensource.org/license/mit>.\n"
		       "This is free software: you are free to change and redistribute it.\n"
		       "There is NO WARRANTY, to the extent permitted by law.\n",
		       cli_progname, SAFI_VERSION);
		exit_after_stdout();
	case CLI_OPT_INVALID:
		if (safi_invalid_parse(arg, &co->invalid) < 0)
			cli_usage("--invalid: '%s' is not replace, skip or fail", arg);
		return 1;
	case 'z':
		co->null_data = 1;
		return 1;
	case CLI_OPT_DOCS:
		if (strcmp(arg, "blank") == 0)
			co->docs = CLI_DOCS_BLANK;
		else if (strcmp(arg, "line") == 0)
			co->docs = CLI_DOCS_LINE;
		else if (strcmp(arg, "form-feed") == 0)
			co->docs = CLI_DOCS_FORM_FEED;
		else
			cli_usage("--docs: '%s' is not blank, line or form-feed", arg);
		return 1;
	}
	return cli_stats_option(c, arg);
}

int
cli_parse_count(const char *s, uint64_t *value)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end)
		return -1;
	*value = v;
	return 0;
}

int
cli_parse_size(const char *s, uint64_t *value)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	}
	if (shift && (*end == 'B' || *end == 'b' ||
	              (*end == 'i' && (end[1] == 'B' || end[1] == 'b'))))
		end += *end == 'i' ? 2 : 1;
	if (*end || (shift && v > (~0ULL >> shift)))
		return -1;
	*value = (uint64_t)v << shift;
	return 0;
}

long
cli_fd_write(void *fd, const void *buf, size_t n)
{
	ssize_t k;

	do
		k = write(*(int *)fd, buf, n);
	while (k < 0 && errno == EINTR);
	return k;
}

long
cli_fd_read(void *fd, void *buf, size_t cap)
{
	ssize_t k;

	do
		k = read(*(int *)fd, buf, cap);
	while (k < 0 && errno == EINTR);
	return k;
}

int
cli_read_fd(int fd, struct safi_buf *b)
{
	long k;

	for (;;) {
		if (safi_buf_reserve(b, 65536) < 0) {
			errno = ENOMEM;
			return -1;
		}
		if ((k = cli_fd_read(&fd, b->ptr + b->len, b->cap - b->len)) <= 0)
			break;
		b->len += (size_t)k;
	}
	return k < 0 ? -1 : 0;
}

int
cli_read_file(const char *path, struct safi_buf *b)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), e, rc;

	if (fd < 0)
		return -1;
	rc = cli_read_fd(fd, b);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

/* Standard output remembers why its first write failed, for cli_finish(). */
static long
write_fd(void *ctx, const void *buf, size_t n)
{
	long k = cli_fd_write(ctx, buf, n);

	if (k > 0)
		cli_stats.bytes_out += (uint64_t)k;
	if (k < 0 && out_errno == 0)
		out_errno = errno;
	return k;
}

struct safi_writer *
cli_stdout(void)
{
	if (out == NULL && safi_writer_new(&out, write_fd, &out_fd, 0) < 0) {
		cli_warn("out of memory");
		exit(1);
	}
	return out;
}

void
cli_flush(void)
{
	if (out)
		(void)safi_writer_flush(out);
}

int
cli_finish(void)
{
	int failed = 0;

	if (out) {
		failed = safi_writer_flush(out) < 0;
		safi_writer_free(out);
		out = NULL;
	}
	if (failed && out_errno == EPIPE) {
		/* The reader downstream is gone (| head with SIGPIPE ignored):
		 * a quiet end, as the signal would have made it. */
	} else if (failed) {
		errno = out_errno;
		cli_warn("write error:");
		cli_status = 1;
	} else if (close(out_fd) < 0 && errno != EBADF) {
		cli_warn("write error:");
		cli_status = 1;
	}
	if (cli_stats_finish() < 0)
		cli_status = 1;
	if (fflush(stderr) != 0)
		cli_status = 1;
	return cli_status;
}

int
cli_open(const char *name, struct cli_input *in)
{
	in->name = name;
	in->source = NULL;
	in->map = NULL;
	in->map_len = 0;
	if (strcmp(name, "-") == 0) {
		in->label = "(standard input)";
		in->fd = 0;
		return 0;
	}
	in->label = name;
	in->fd = open(name, O_RDONLY | O_CLOEXEC);
	if (in->fd < 0) {
		cli_warn("%s:", name);
		cli_status = 1;
		return -1;
	}
	return 0;
}

void
cli_close(struct cli_input *in)
{
	cli_input_end(in);
	if (in->fd > 0)
		close(in->fd);
	in->fd = -1;
}

long
cli_read(void *ctx, void *buf, size_t cap)
{
	return cli_input_read(ctx, buf, cap);
}

void
cli_report(const struct cli_input *in, uint64_t line, int err)
{
	cli_warn_at(in ? in->label : NULL, line, "%s", safi_strerror(err));
	cli_status = 1;
}

int
cli_read_failed(const struct cli_input *in, int e)
{
	if (e == ENOMEM) {
		cli_report(in, 0, SAFI_ENOMEM);
		return SAFI_ENOMEM;
	}
	errno = e;
	cli_warn_at(in->label, 0, "read error:");
	cli_status = 1;
	return 0;
}

static const char *input_charset;
static int input_charset_verbose;
static unsigned input_flags;  /* SAFI_READ_* added to every reader's */
static size_t map_max;  /* cli_set_map_inputs(); 0: none */

void
cli_set_lf_lines(void)
{
	input_flags |= SAFI_READ_LF_LINES;
}

void
cli_set_map_inputs(size_t max)
{
	map_max = max;
}

void
cli_set_input_charset(const char *charset, int verbose)
{
	input_charset = charset;
	input_charset_verbose = verbose;
}

/* Reports what a decoder met in one input: the charset it detected, and
 * bytes that were not valid in the charset. */
static void
report_decoder(const struct cli_input *in, const struct cli_common *co,
               struct safi_decoder *dec, int rc)
{
	struct safi_decoder_stats st;

	safi_decoder_stats(dec, &st);
	if (st.detected && (input_charset_verbose || !st.detection.sure))
		cli_warn_at(in->label, 0, "%s charset %s (confidence %d%s%s)",
		            st.detection.sure ? "detected" : "guessed",
		            st.charset, st.detection.confidence,
		            st.detection.language[0] ? ", language " : "",
		            st.detection.language);
	if (rc == SAFI_EIO && safi_decoder_error(dec) == SAFI_EILSEQ) {
		cli_warn_at(in->label, 0, "invalid %s at byte offset %llu",
		            st.charset, (unsigned long long)st.invalid_offset);
		cli_status = 1;
	} else if (st.invalid > 0) {
		cli_warn_at(in->label, 0,
		            "%llu invalid %s byte sequence%s %s (first at byte offset %llu)",
		            (unsigned long long)st.invalid, st.charset,
		            st.invalid == 1 ? "" : "s",
		            co->invalid == SAFI_INVALID_SKIP ? "dropped" :
		            "replaced with U+FFFD",
		            (unsigned long long)st.invalid_offset);
	}
}

/*
 * The document framing of cli_each_line(), between the reader and the
 * program.  A document that ends (at a blank line, a line end, a FILE end)
 * owes a separator, which goes out before the next line of text, so that
 * separators come only between documents and never make an empty one.
 */
struct framing {
	const struct cli_common *co;
	cli_line_fn on_line;
	void *ctx;
	int open;       /* text was passed on since the last separator */
	int owed;       /* a document ended: a separator goes before more text */
	int owed_nul;   /* and it is a NUL (else a form-feed line) */
	int in_line;    /* the last piece passed on did not end its line */
	cli_line_fn program_line;  /* what counted_line() hands the lines to */
	void *program_ctx;
};

static void
end_document(struct framing *f, int nul)
{
	if (!f->open)
		return;
	f->open = 0;
	f->owed = 1;
	f->owed_nul = nul;
}

static int
blank_line(const struct safi_line *line)
{
	size_t i;

	for (i = 0; i < line->len; i++)
		if (line->ptr[i] != ' ' && line->ptr[i] != '\t' &&
		    line->ptr[i] != '\v' && line->ptr[i] != '\f')
			return 0;
	return 1;
}

static int
frame_line(struct framing *f, const struct cli_input *in,
           const struct safi_line *line)
{
	enum cli_docs docs = f->co->docs;
	int rc;

	if (f->co->jsonl)
		return f->on_line(f->ctx, in, line);
	/* an input of only a byte order mark is empty, and no document */
	if (line->offset == 0 && line->len == 3 && (line->flags & SAFI_LINE_END) &&
	    !(line->flags & SAFI_LINE_NEWLINE) && memcmp(line->ptr, "\xEF\xBB\xBF", 3) == 0)
		return 0;
	if (line->flags & SAFI_LINE_DOC) {
		if (docs != CLI_DOCS_FORM_FEED) {
			end_document(f, line->len == 0);
			return 0;
		}
		/* as it came, even around an empty document */
		f->owed = f->open = 0;
		return f->on_line(f->ctx, in, line);
	}
	if (docs != CLI_DOCS_FORM_FEED && !f->in_line &&
	    (line->flags & SAFI_LINE_END) && blank_line(line)) {
		end_document(f, f->co->null_data);
		return 0;
	}
	if (f->owed) {
		struct safi_line sep = {f->owed_nul ? "" : "\f", f->owed_nul ? 0 : 1,
		                        line->lineno, line->offset,
		                        SAFI_LINE_END | SAFI_LINE_DOC};

		f->owed = 0;
		if ((rc = f->on_line(f->ctx, in, &sep)) < 0)
			return rc;
	}
	f->open = 1;
	f->in_line = !(line->flags & SAFI_LINE_END);
	if ((rc = f->on_line(f->ctx, in, line)) < 0)
		return rc;
	if (docs == CLI_DOCS_LINE && !f->in_line)
		end_document(f, f->co->null_data);
	return 0;
}

static int
each_input(struct cli_input *in, const struct cli_common *co,
           const struct safi_reader_opts *opts, struct framing *f)
{
	struct safi_reader_opts o = *opts;
	struct safi_reader *r;
	struct safi_decoder *dec = NULL;
	struct safi_line line;
	uint64_t bad, bad_line, bad_off;
	uint64_t read0 = cli_stats.bytes_read, in0 = cli_stats.bytes_in;
	int rc, stop = 0, read_errno;

	o.invalid = co->invalid;
	o.flags |= input_flags;
	if (co->null_data)
		o.flags |= SAFI_READ_NUL_DOCS;
	/* A legacy charset is decoded to UTF-8 in front of the reader. */
	if (input_charset &&
	    (rc = safi_decoder_new(&dec, strcmp(input_charset, "auto") == 0 ?
	                           NULL : input_charset, co->invalid,
	                           cli_read, in)) < 0) {
		cli_report(in, 0, rc);
		return rc;
	}
	if (map_max && !dec && !(o.flags & SAFI_READ_PIECES) && cli_input_map(in, map_max))
		rc = safi_reader_new_mem(&r, in->map, in->map_len, &o);
	else
		rc = safi_reader_new(&r, dec ? safi_decoder_read : cli_read,
		                     dec ? (void *)dec : (void *)in, &o);
	if (rc < 0) {
		safi_decoder_free(dec);
		cli_report(in, 0, SAFI_ENOMEM);
		return SAFI_ENOMEM;
	}
	line.lineno = 1;
	while ((rc = safi_reader_next(r, &line)) > 0 || rc == SAFI_ETOOBIG) {
		if (rc == SAFI_ETOOBIG) {
			/* the reader left the line out and goes on after it;
			 * it was read all the same */
			cli_warn_at(in->label, line.lineno,
			            "line longer than %zu bytes: left out", o.limit);
			cli_status = 1;
			cli_stats.lines_in++;
			continue;
		}
		if (in->map) {
			/* a mapped input is read as its lines go by */
			cli_stats.bytes_read = read0 + line.offset;
			cli_stats.bytes_in = in0 + line.offset;
			cli_progress_poll();
		}
		cli_stats_line(&line);
		if ((stop = frame_line(f, in, &line)) < 0)
			break;
	}
	read_errno = errno;  /* of a failed read, before anything else sets it */
	if (in->map && rc >= 0) {
		cli_stats.bytes_read = read0 + in->map_len;
		cli_stats.bytes_in = in0 + in->map_len;
	}
	bad = safi_reader_invalid_count(r);
	cli_stats.invalid_utf8 += bad;
	safi_reader_error_at(r, &bad_line, &bad_off);
	if (dec) {
		int derr = safi_decoder_error(dec);

		report_decoder(in, co, dec, rc);
		if (rc == SAFI_EIO && derr != SAFI_EIO) {
			if (derr != SAFI_EILSEQ)
				cli_report(in, line.lineno, derr);
			rc = 0;  /* reported */
		}
	}
	/* a compressed input that failed in the middle read as ended there */
	cli_input_error(in);
	if (rc == SAFI_EIO) {
		stop = cli_read_failed(in, read_errno);
	} else if (rc == SAFI_EILSEQ) {
		cli_warn_at(in->label, bad_line,
		            "invalid UTF-8 at byte offset %llu",
		            (unsigned long long)bad_off);
		cli_status = 1;
	} else if (rc < 0) {
		cli_report(in, line.lineno, rc);
	} else if (bad > 0) {
		cli_warn_at(in->label, bad_line,
		            "%llu invalid UTF-8 sequence%s %s (first at byte offset %llu)",
		            (unsigned long long)bad, bad == 1 ? "" : "s",
		            co->invalid == SAFI_INVALID_SKIP ? "dropped" :
		            "replaced with U+FFFD",
		            (unsigned long long)bad_off);
	}
	if (co->jsonl)
		cli_jsonl_end_input(co->jsonl, in);
	safi_reader_free(r);
	safi_decoder_free(dec);
	/* the end of a FILE ends a document */
	f->in_line = 0;
	end_document(f, co->null_data);
	return stop;
}

/* Counts the documents in the lines the program is handed (after the
 * framing of --docs), then hands them on. */
static int
counted_line(void *ctx, const struct cli_input *in, const struct safi_line *line)
{
	struct framing *f = ctx;

	cli_stats_document_line(line);
	return f->program_line(f->program_ctx, in, line);
}

/* What cli_each_line() hands each input. */
struct each_line {
	const struct cli_common *co;
	const struct safi_reader_opts *opts;
	struct framing f;
	cli_input_end_fn on_end;
	void *ctx;
};

static int
line_input(void *ctx, struct cli_input *in)
{
	struct each_line *el = ctx;
	int rc = each_input(in, el->co, el->opts, &el->f);

	if (el->on_end && rc >= 0)
		rc = el->on_end(el->ctx, in);
	return rc;
}

int
cli_each_line(int n, char **files, const struct cli_common *co,
              const struct safi_reader_opts *opts, cli_line_fn on_line,
              cli_input_end_fn on_end, void *ctx)
{
	struct each_line el = {co, opts, {co, counted_line, NULL, 0, 0, 0, 0,
	                                  on_line, ctx}, on_end, ctx};

	el.f.ctx = &el.f;
	return cli_each_input(n, files, line_input, &el);
}
