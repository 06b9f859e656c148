/*
 * fuzz_warc.c - libFuzzer target for the WARC record reader.
 *
 * Properties, checked with abort():
 *  - any bytes end in a finite number of records, numbered from 1, at
 *    increasing offsets inside the input;
 *  - a record without an error has its header and block where its offset
 *    says, inside the input, the block as long as its Content-Length;
 *  - the records are the same whether the input comes a byte at a time or
 *    all at once (the reader's buffer edges change nothing).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"

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

/* What is compared between two readings of one input. */
struct seen {
	uint64_t offset;
	int error;
	size_t block_at, block_len;   /* the block's place in the input */
};

static size_t
read_all(const char *in, size_t n, size_t step, struct seen *out, size_t cap)
{
	struct src s = {in, n, step};
	struct safi_warc_opts o = {1024, 512};
	struct safi_warc_reader *r;
	struct safi_warc_record rec;
	uint64_t last = 0;
	size_t k = 0;
	int rc;

	if (safi_warc_reader_new(&r, src_read, &s, &o) < 0)
		abort();
	while ((rc = safi_warc_next(r, &rec)) > 0) {
		if (rec.number != k + 1 || rec.offset >= n || (k && rec.offset <= last))
			abort();
		last = rec.offset;
		if (rec.error == 0) {
			const char *v;
			size_t vl, at = rec.offset + rec.header_len;

			if (memcmp(rec.header, in + rec.offset, rec.header_len) != 0 ||
			    !safi_warc_field(rec.header, rec.header_len, "Content-Length", &v, &vl) ||
			    (size_t)strtoull(v, NULL, 10) != rec.block_len)
				abort();
			/* the block follows the empty line (LF or CRLF) */
			at += in[at] == '\r' ? 2 : 1;
			if (at + rec.block_len > n ||
			    memcmp(rec.block, in + at, rec.block_len) != 0)
				abort();
			if (k < cap)
				out[k].block_at = at;
		} else if (rec.why == NULL || rec.block != NULL) {
			abort();
		}
		if (k < cap) {
			out[k].offset = rec.offset;
			out[k].error = rec.error;
			out[k].block_len = rec.error ? 0 : rec.block_len;
			if (rec.error)
				out[k].block_at = 0;
		}
		k++;
	}
	if (rc < 0)
		abort();
	safi_warc_reader_free(r);
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct seen a[4096], b[4096];
	size_t na, nb, i;

	na = read_all((const char *)data, size, 1, a, 4096);
	nb = read_all((const char *)data, size, 1 << 20, b, 4096);
	if (na != nb)
		abort();
	for (i = 0; i < na && i < 4096; i++)
		if (a[i].offset != b[i].offset || a[i].error != b[i].error ||
		    a[i].block_at != b[i].block_at || a[i].block_len != b[i].block_len)
			abort();
	return 0;
}
