/*
 * read-warc - the text records of WARC files as documents.
 *
 * Reads WARC 1.0 and 1.1 files (Common Crawl's WET files first: their
 * "conversion" records hold the text of each page) and writes one JSON
 * Lines record for each text document, with the record's URL, date, id,
 * type, language and charset beside the text, so that the programs after
 * it (--jsonl) keep them.  The WARC format itself is lib/warc.c; here are
 * the choices of what a text document is, the messages and the output.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "cli_input.h"

enum {
	OPT_MAX_RECORD = CLI_OPT_FIRST_PROGRAM_OPTION,
	OPT_TEXT
};

static const char help[] =
	"Usage: read-warc [OPTION]... [FILE]...\n"
	"Write the text records of WARC files (Common Crawl WET files, or the\n"
	"text/plain payloads of response and resource records) as JSON Lines:\n"
	"one object a document, with its url, date, record_id, type, language and\n"
	"charset, and the text in member text.  FILEs may be compressed\n"
	"(*.warc.gz, *.warc.wet.gz, zstd, xz, bzip2).\n"
	"\n"
	"      --max-record=SIZE  skip (and report) records whose block is larger\n"
	"                         than SIZE (default 64M)\n"
	"      --text             write the text only, a form-feed line between\n"
	"                         documents (a NUL byte with -z)\n";

static const struct option longopts[] = {
	{"max-record", required_argument, NULL, OPT_MAX_RECORD},
	{"text", no_argument, NULL, OPT_TEXT},
	CLI_COMMON_LONGOPTS,
	{NULL, 0, NULL, 0}
};

struct job {
	struct cli_common co;
	struct safi_warc_opts wopts;
	int text_only;
	uint64_t written_docs;
	struct safi_buf text;       /* the payload as UTF-8 */
	struct safi_buf field;      /* a header value, made well-formed */
	struct safi_buf out;        /* the line being written */
	/* per input: records that were not text, reported once */
	uint64_t not_text;
	uint64_t first_number, first_offset;
	char first_why[96];
	/* --stats */
	uint64_t *records_written, *records_other_types, *records_not_text,
	         *records_bad, *records_too_large;
};

/* A read callback over bytes in memory, for the charset decoder. */
struct span {
	const char *p;
	size_t n;
};

static long
span_read(void *ctx, void *buf, size_t cap)
{
	struct span *s = ctx;
	size_t k = s->n < cap ? s->n : cap;

	memcpy(buf, s->p, k);
	s->p += k;
	s->n -= k;
	return (long)k;
}

/* Prints "program: file: record N at byte offset O: message". */
static void warn_record(const struct cli_input *in, const struct safi_warc_record *rec,
                        const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void
warn_record(const struct cli_input *in, const struct safi_warc_record *rec,
            const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cli_warn_at(in->label, 0, "record %llu at byte offset %llu: %s",
	            (unsigned long long)rec->number, (unsigned long long)rec->offset, msg);
}

/* Says why a record is not a text document (once per input: the first
 * one, and the number at the end of the input). */
static void
not_text(struct job *j, const struct safi_warc_record *rec, const char *fmt,
         const char *arg, size_t len)
{
	++*j->records_not_text;
	if (j->not_text++ > 0)
		return;
	j->first_number = rec->number;
	j->first_offset = rec->offset;
	snprintf(j->first_why, sizeof j->first_why, fmt, (int)len, arg);
}

/* Reports a record skipped as damaged, counts it, and returns 1. */
static int
bad_record(struct job *j, const struct cli_input *in,
           const struct safi_warc_record *rec, const char *why)
{
	warn_record(in, rec, "%s (skipped)", why);
	cli_status = 1;
	++*j->records_bad;
	return 1;
}

/* Decodes the payload to well-formed UTF-8 in j->text.  Returns 0, 1 when
 * the record is skipped (said), or a negative code to stop. */
static int
decode_payload(struct job *j, const struct cli_input *in,
               const struct safi_warc_record *rec, const char *p, size_t n,
               const char *charset, size_t clen)
{
	char name[64], why[128];
	uint64_t bad = 0;
	size_t at = 0;
	int rc;

	j->text.len = 0;
	if (clen > 0 && !((clen == 5 && strncasecmp(charset, "utf-8", 5) == 0) ||
	                  (clen == 4 && strncasecmp(charset, "utf8", 4) == 0) ||
	                  (clen == 8 && strncasecmp(charset, "us-ascii", 8) == 0))) {
		struct safi_decoder *d;
		struct span sp = {p, n};
		long k;

		if (clen < sizeof name) {
			memcpy(name, charset, clen);
			name[clen] = '\0';
		}
		if (clen >= sizeof name || safi_encoding_lookup(name, NULL) < 0) {
			not_text(j, rec, "unknown charset %.*s", charset, clen);
			return 1;
		}
		if ((rc = safi_decoder_new(&d, name, j->co.invalid, span_read, &sp)) < 0)
			return rc;
		for (;;) {
			if ((rc = safi_buf_reserve(&j->text, 65536)) < 0)
				break;
			k = safi_decoder_read(d, j->text.ptr + j->text.len,
			                      j->text.cap - j->text.len);
			if (k <= 0) {
				rc = k < 0 ? safi_decoder_error(d) : 0;
				break;
			}
			j->text.len += (size_t)k;
		}
		safi_decoder_free(d);
		if (rc == SAFI_EILSEQ) {
			snprintf(why, sizeof why, "invalid %s in its payload", name);
			return bad_record(j, in, rec, why);
		}
		return rc < 0 ? rc : 0;
	}
	if (safi_utf8_valid_prefix(p, n) == n)
		return safi_buf_append(&j->text, p, n);
	rc = safi_utf8_sanitize(p, n, j->co.invalid, &j->text, &bad, &at);
	cli_stats.invalid_utf8 += bad;
	if (rc == SAFI_EILSEQ) {
		snprintf(why, sizeof why, "invalid UTF-8 at byte %zu of its payload", at);
		return bad_record(j, in, rec, why);
	}
	if (rc == 0 && bad > 0)
		warn_record(in, rec, "%llu invalid UTF-8 sequence%s %s",
		            (unsigned long long)bad, bad == 1 ? "" : "s",
		            j->co.invalid == SAFI_INVALID_SKIP ? "dropped" :
		            "replaced with U+FFFD");
	return rc;
}

/* Appends ,"key":"value" with the value made well-formed UTF-8. */
static int
put_member(struct job *j, const char *key, const char *v, size_t n)
{
	uint64_t bad = 0;
	size_t at;
	int rc;

	j->field.len = 0;
	if ((rc = safi_utf8_sanitize(v, n, SAFI_INVALID_REPLACE, &j->field, &bad, &at)) < 0 ||
	    (rc = safi_buf_append(&j->out, j->out.len > 1 ? ",\"" : "\"", j->out.len > 1 ? 2 : 1)) < 0 ||
	    (rc = safi_buf_append(&j->out, key, strlen(key))) < 0 ||
	    (rc = safi_buf_append(&j->out, "\":", 2)) < 0)
		return rc;
	return safi_jsonl_encode(j->field.ptr ? j->field.ptr : "", j->field.len, &j->out);
}

/* Appends the header field |name| as member |key|, when the record has it. */
static int
put_field(struct job *j, const struct safi_warc_record *rec, const char *key,
          const char *name)
{
	const char *v;
	size_t n;

	if (!safi_warc_field(rec->header, rec->header_len, name, &v, &n))
		return 0;
	/* WARC 1.0 writers may put a target URI in angle brackets */
	if (strcmp(key, "url") == 0 && n >= 2 && v[0] == '<' && v[n - 1] == '>') {
		v++;
		n -= 2;
	}
	return put_member(j, key, v, n);
}

static int
write_document(struct job *j, const struct safi_warc_record *rec,
               const char *type, size_t tlen, const char *charset, size_t clen)
{
	struct safi_writer *w = cli_stdout();
	const char *text = j->text.ptr ? j->text.ptr : "";
	int rc;

	++*j->records_written;
	if (j->text_only) {
		if (j->written_docs++ > 0 &&
		    (rc = j->co.null_data ? safi_writer_putc(w, '\0') :
		          safi_writer_put(w, "\f\n", 2)) < 0)
			return rc;
		if ((rc = safi_writer_put(w, text, j->text.len)) < 0)
			return rc;
		if (j->text.len > 0 && text[j->text.len - 1] != '\n')
			return safi_writer_putc(w, '\n');
		return 0;
	}
	j->out.len = 0;
	if ((rc = safi_buf_putc(&j->out, '{')) < 0 ||
	    (rc = put_field(j, rec, "url", "WARC-Target-URI")) < 0 ||
	    (rc = put_field(j, rec, "date", "WARC-Date")) < 0 ||
	    (rc = put_field(j, rec, "record_id", "WARC-Record-ID")) < 0 ||
	    (rc = put_member(j, "type", type, tlen)) < 0 ||
	    (rc = put_field(j, rec, "language", "WARC-Identified-Content-Language")) < 0 ||
	    (clen > 0 && (rc = put_member(j, "charset", charset, clen)) < 0) ||
	    (rc = safi_buf_append(&j->out, ",\"text\":", 8)) < 0 ||
	    (rc = safi_jsonl_encode(text, j->text.len, &j->out)) < 0 ||
	    (rc = safi_buf_append(&j->out, "}\n", 2)) < 0)
		return rc;
	return safi_writer_put(w, j->out.ptr, j->out.len);
}

/* The HTTP message of a response record: its header and its body. */
static int
split_http(const char *p, size_t n, size_t *hlen, size_t *body)
{
	size_t i;

	if (n < 5 || memcmp(p, "HTTP/", 5) != 0)
		return -1;
	for (i = 0; i + 1 < n; i++) {
		if (p[i] != '\n')
			continue;
		if (p[i + 1] == '\n') {
			*hlen = i + 1;
			*body = i + 2;
			return 0;
		}
		if (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n') {
			*hlen = i + 1;
			*body = i + 3;
			return 0;
		}
	}
	return -1;
}

static int
is_type(const char *v, size_t n, const char *t)
{
	return n == strlen(t) && strncasecmp(v, t, n) == 0;
}

static int
on_record(struct job *j, const struct cli_input *in,
          const struct safi_warc_record *rec)
{
	const char *type, *ct = NULL, *charset = NULL, *payload, *enc;
	size_t tlen, ctlen = 0, clen = 0, n, hlen, body, elen;
	char media[64];
	int rc;

	cli_stats.documents_in++;
	if (rec->error) {
		warn_record(in, rec, "%s (skipped)", rec->error == SAFI_ETOOBIG ?
		            "block larger than --max-record" : rec->why);
		cli_status = 1;
		++*(rec->error == SAFI_ETOOBIG ? j->records_too_large : j->records_bad);
		return 0;
	}
	safi_warc_field(rec->header, rec->header_len, "WARC-Type", &type, &tlen);
	payload = rec->block;
	n = rec->block_len;
	if (is_type(type, tlen, "conversion") || is_type(type, tlen, "resource")) {
		if (!safi_warc_field(rec->header, rec->header_len, "Content-Type", &ct, &ctlen))
			ct = NULL;
	} else if (is_type(type, tlen, "response")) {
		if (split_http(payload, n, &hlen, &body) < 0) {
			not_text(j, rec, "%.*s", "no HTTP response in it", 22);
			return 0;
		}
		/* a body still in a transfer or content coding is not text yet */
		if ((safi_warc_field(payload, hlen, "Content-Encoding", &enc, &elen) &&
		     !is_type(enc, elen, "identity")) ||
		    (safi_warc_field(payload, hlen, "Transfer-Encoding", &enc, &elen) &&
		     !is_type(enc, elen, "identity"))) {
			not_text(j, rec, "encoded as %.*s", enc, elen);
			return 0;
		}
		if (!safi_warc_field(payload, hlen, "Content-Type", &ct, &ctlen))
			ct = NULL;
		payload += body;
		n -= body;
	} else {
		/* warcinfo, request, metadata, revisit, continuation */
		++*j->records_other_types;
		return 0;
	}
	if (ct == NULL) {
		not_text(j, rec, "%.*s", "no Content-Type", 15);
		return 0;
	}
	safi_warc_media_type(ct, ctlen, media, sizeof media);
	if (strcmp(media, "text/plain") != 0) {
		not_text(j, rec, "%.*s", media, strlen(media));
		return 0;
	}
	if (!safi_warc_media_param(ct, ctlen, "charset", &charset, &clen))
		clen = 0;
	if ((rc = decode_payload(j, in, rec, payload, n, charset, clen)) != 0)
		return rc < 0 ? rc : 0;
	return write_document(j, rec, type, tlen, charset, clen);
}

/* Reads the records of one input. */
static int
read_input(void *ctx, struct cli_input *in)
{
	struct job *j = ctx;
	struct safi_warc_reader *r;
	struct safi_warc_record rec;
	int rc, stop = 0, read_errno;

	j->not_text = 0;
	if ((rc = safi_warc_reader_new(&r, cli_read, in, &j->wopts)) < 0) {
		cli_report(in, 0, rc);
		return rc;
	}
	while ((rc = safi_warc_next(r, &rec)) > 0)
		if ((stop = on_record(j, in, &rec)) < 0)
			break;
	read_errno = errno;  /* of a failed read, before anything else sets it */
	safi_warc_reader_free(r);
	cli_input_error(in);
	if (stop == SAFI_EIO) {
		/* the output failed (nothing else in on_record does I/O):
		 * the run ends, and cli_finish() says why, or ends quietly
		 * when the reader downstream went away */
		rc = stop;
	} else if (stop < 0) {
		cli_report(in, 0, stop);
		rc = stop;
	} else if (rc == SAFI_EIO) {
		rc = cli_read_failed(in, read_errno);
	} else if (rc < 0) {
		cli_report(in, 0, rc);
	}
	if (j->not_text > 0)
		cli_warn_at(in->label, 0, "%llu record%s skipped: not text/plain "
		            "(first: record %llu at byte offset %llu: %s)",
		            (unsigned long long)j->not_text, j->not_text == 1 ? "" : "s",
		            (unsigned long long)j->first_number,
		            (unsigned long long)j->first_offset, j->first_why);
	return rc < 0 ? rc : 0;
}

int
main(int argc, char **argv)
{
	struct job j;
	uint64_t v;
	int c;

	cli_init(argv[0]);
	memset(&j, 0, sizeof j);
	j.co.invalid = SAFI_INVALID_REPLACE;
	while ((c = getopt_long(argc, argv, ":z", longopts, NULL)) != -1) {
		if (cli_common_option(c, optarg, &j.co, help))
			continue;
		switch (c) {
		case OPT_MAX_RECORD:
			if (cli_parse_size(optarg, &v) < 0 || v == 0 || v > ((uint64_t)1 << 32))
				cli_usage("invalid --max-record '%s' (1 to 4G)", optarg);
			j.wopts.max_block = (size_t)v;
			break;
		case OPT_TEXT:
			j.text_only = 1;
			break;
		default:
			cli_bad_option(c, argv);
		}
	}
	if (j.co.null_data && !j.text_only)
		cli_usage("-z separates documents of --text: JSON Lines need none");
	if (j.co.docs != CLI_DOCS_FORM_FEED)
		cli_usage("--docs: the documents of read-warc are its records");
	j.records_written = cli_stats_counter("records_written");
	j.records_other_types = cli_stats_counter("records_other_types");
	j.records_not_text = cli_stats_counter("records_not_text");
	j.records_bad = cli_stats_counter("records_bad");
	j.records_too_large = cli_stats_counter("records_too_large");
	cli_each_input(argc - optind, argv + optind, read_input, &j);
	safi_buf_free(&j.text);
	safi_buf_free(&j.field);
	safi_buf_free(&j.out);
	return cli_finish();
}
