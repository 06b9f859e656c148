/* WARC records: headers, blocks, damaged records, and the same records
 * whatever the sizes of the reads. */
#include <stdlib.h>

#include "safi.h"
#include "tap.h"

#define LIT(s) s, sizeof(s) - 1

/* A read callback over a string, |step| bytes at most per call. */
struct src {
	const char *p;
	size_t n, step;
};

static long
src_read(void *ctx, void *buf, size_t cap)
{
	struct src *s = ctx;
	size_t k = s->n < cap ? s->n : cap;

	if (k > s->step)
		k = s->step;
	memcpy(buf, s->p, k);
	s->p += k;
	s->n -= k;
	return (long)k;
}

static const char two[] =
	"WARC/1.0\r\n"
	"WARC-Type: conversion\r\n"
	"WARC-Target-URI: http://a.example/\r\n"
	"WARC-Date: 2026-01-01T00:00:00Z\r\n"
	"WARC-Record-ID: <urn:uuid:1>\r\n"
	"Content-Type: text/plain\r\n"
	"Content-Length: 11\r\n"
	"\r\n"
	"hello\nworld\r\n\r\n"
	"WARC/1.1\n"
	"warc-type: resource\n"
	"WARC-Date: 2026-01-02T00:00:00Z\n"
	"WARC-Record-ID: <urn:uuid:2>\n"
	"X-Folded: one\n"
	"  two\n"
	"Content-Length: 0\n"
	"\n"
	"\n\n";

static void
test_records(size_t step)
{
	struct src s = {two, sizeof two - 1, step};
	struct safi_warc_reader *r;
	struct safi_warc_record rec;
	const char *v;
	size_t n;

	CHECK(safi_warc_reader_new(&r, src_read, &s, NULL) == 0);
	CHECK(safi_warc_next(r, &rec) == 1);
	CHECK(rec.error == 0 && rec.number == 1 && rec.offset == 0);
	CHECK_STR(rec.block, rec.block_len, "hello\nworld");
	CHECK(safi_warc_field(rec.header, rec.header_len, "warc-target-uri", &v, &n) == 1);
	CHECK_STR(v, n, "http://a.example/");
	CHECK(safi_warc_field(rec.header, rec.header_len, "Content-Length", &v, &n) == 1);
	CHECK_STR(v, n, "11");
	CHECK(safi_warc_field(rec.header, rec.header_len, "WARC-Refers-To", &v, &n) == 0);
	/* the version line is no field */
	CHECK(safi_warc_field(rec.header, rec.header_len, "WARC/1.0", &v, &n) == 0);
	CHECK(safi_warc_next(r, &rec) == 1);
	CHECK(rec.error == 0 && rec.number == 2 && rec.offset == 195);
	CHECK(rec.block_len == 0);
	CHECK(safi_warc_field(rec.header, rec.header_len, "WARC-Type", &v, &n) == 1);
	CHECK_STR(v, n, "resource");
	CHECK(safi_warc_field(rec.header, rec.header_len, "X-Folded", &v, &n) == 1);
	CHECK_STR(v, n, "one\n  two");
	CHECK(safi_warc_next(r, &rec) == 0);
	CHECK(safi_warc_next(r, &rec) == 0);
	safi_warc_reader_free(r);
}

/* The errors of the records of |in|, in order, then the end. */
static void
check_errors(const char *in, size_t len, size_t step, const int *want,
             const char *const *why, size_t n, const struct safi_warc_opts *o)
{
	struct src s = {in, len, step};
	struct safi_warc_reader *r;
	struct safi_warc_record rec;
	size_t i;

	CHECK(safi_warc_reader_new(&r, src_read, &s, o) == 0);
	for (i = 0; i < n; i++) {
		CHECK(safi_warc_next(r, &rec) == 1);
		CHECK(rec.number == i + 1);
		CHECK(rec.error == want[i]);
		if (rec.error != want[i])
			fprintf(stderr, "  record %zu: error %d (%s), want %d\n", i + 1,
			        rec.error, rec.why ? rec.why : "", want[i]);
		if (why[i])
			CHECK(rec.why && strcmp(rec.why, why[i]) == 0);
		if (want[i] == 0)
			CHECK(rec.block && rec.block_len == 2 && memcmp(rec.block, "ok", 2) == 0);
		else
			CHECK(rec.block == NULL);
	}
	CHECK(safi_warc_next(r, &rec) == 0);
	safi_warc_reader_free(r);
}

#define GOOD "WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Date: d\r\n" \
	"WARC-Record-ID: <i>\r\nContent-Length: 2\r\n\r\nok\r\n\r\n"

static void
test_damaged(size_t step)
{
	static const char in[] =
		GOOD
		/* a broken line, but a length: passed over exactly */
		"WARC/1.0\r\nWARC-Type: conversion\r\nno colon\r\nContent-Length: 7\r\n\r\n"
		"WARC/1.\r\n\r\n"
		GOOD
		/* no length: the next record line is looked for */
		"WARC/1.0\r\nWARC-Type: conversion\r\n\r\nsome\nbytes\r\n\r\n"
		GOOD
		/* not a record at all */
		"garbage between records\n"
		GOOD
		"WARC/0.9\r\nContent-Length: 2\r\n\r\nok\r\n\r\n"
		GOOD
		/* a length that is not a number */
		"WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 2x\r\n\r\nok\r\n\r\n"
		GOOD
		/* over the ceiling: passed over, reported */
		"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Date: d\r\nWARC-Record-ID: <i>\r\n"
		"Content-Length: 40\r\n\r\n0123456789012345678901234567890123456789\r\n\r\n"
		GOOD
		/* a length past the end */
		"WARC/1.0\r\nWARC-Type: conversion\r\nWARC-Date: d\r\nWARC-Record-ID: <i>\r\n"
		"Content-Length: 50\r\n\r\nshort";
	static const int want[] = {
		0, SAFI_ECORRUPT, 0, SAFI_ECORRUPT, 0, SAFI_ECORRUPT, 0, SAFI_ECORRUPT,
		0, SAFI_ECORRUPT, 0, SAFI_ETOOBIG, 0, SAFI_ECORRUPT
	};
	static const char *const why[] = {
		NULL, "a header line that is not 'Name: value'", NULL, "no Content-Length",
		NULL, "no WARC version line where a record starts", NULL,
		"not a WARC/1.0 or WARC/1.1 version line", NULL,
		"Content-Length is not a number", NULL, "block larger than the ceiling",
		NULL, "Content-Length goes past the end of the input"
	};
	struct safi_warc_opts o = {20, 0};

	check_errors(in, sizeof in - 1, step, want, why, sizeof want / sizeof want[0], &o);
}

/* A header with no end, and a header over its ceiling. */
static void
test_header_limits(void)
{
	static const char noend[] = "WARC/1.0\r\nWARC-Type: conversion\r\n";
	static const int corrupt[] = {SAFI_ECORRUPT};
	static const char *const why_noend[] = {"header with no end"};
	static const char *const why_long[] = {"header longer than the ceiling"};
	struct safi_warc_opts o = {0, 64};
	char big[400];

	check_errors(LIT(noend), 3, corrupt, why_noend, 1, NULL);
	memset(big, 'x', sizeof big);
	memcpy(big, "WARC/1.0\r\nX: ", 13);
	check_errors(big, sizeof big, 7, corrupt, why_long, 1, &o);
}

static void
test_media(void)
{
	const char *v;
	size_t n;
	char t[16];

	safi_warc_media_type(LIT(" Text/Plain ; charset=\"UTF-8\""), t, sizeof t);
	CHECK(strcmp(t, "text/plain") == 0);
	CHECK(safi_warc_media_param(LIT("text/plain; format=flowed; Charset=\"UTF-8\""),
	                            "charset", &v, &n) == 1);
	CHECK_STR(v, n, "UTF-8");
	CHECK(safi_warc_media_param(LIT("text/plain;charset=windows-1256 ;x=y"),
	                            "charset", &v, &n) == 1);
	CHECK_STR(v, n, "windows-1256");
	CHECK(safi_warc_media_param(LIT("text/plain"), "charset", &v, &n) == 0);
	CHECK(safi_warc_media_param(LIT("text/plain; charsets=x"), "charset", &v, &n) == 0);
	safi_warc_media_type(LIT("application/very-long-type-name"), t, sizeof t);
	CHECK(strlen(t) == sizeof t - 1);
}

int
main(void)
{
	static const size_t steps[] = {1, 2, 3, 7, 64, 100000};
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		test_records(steps[i]);
		test_damaged(steps[i]);
	}
	test_header_limits();
	test_media();
	return tap_done();
}
