/* The writer: buffering, and a failed write that stays failed. */
#include <errno.h>

#include "safi.h"
#include "tap.h"

struct sink {
	struct safi_buf got;
	size_t fail_after;  /* bytes accepted before writes fail */
	size_t max_chunk;   /* short writes */
};

static long
sink_write(void *ctx, const void *p, size_t n)
{
	struct sink *s = ctx;

	if (s->got.len >= s->fail_after) {
		errno = ENOSPC;
		return -1;
	}
	if (n > s->max_chunk)
		n = s->max_chunk;
	safi_buf_append(&s->got, p, n);
	return (long)n;
}

int
main(void)
{
	struct sink s = {SAFI_BUF_INIT, (size_t)-1, 3};
	struct safi_writer *w;
	int i;

	CHECK(safi_writer_new(&w, sink_write, &s, 8) == 0);
	CHECK(safi_writer_put(w, "hello ", 6) == 0);
	CHECK(safi_writer_put(w, "big world\n", 10) == 0);
	CHECK(safi_writer_putc(w, '!') == 0);
	CHECK(safi_writer_flush(w) == 0);
	CHECK_STR(s.got.ptr, s.got.len, "hello big world\n!");
	safi_writer_free(w);
	safi_buf_free(&s.got);

	s = (struct sink){SAFI_BUF_INIT, 10, 64};
	CHECK(safi_writer_new(&w, sink_write, &s, 4) == 0);
	for (i = 0; i < 20; i++)
		(void)safi_writer_put(w, "ab", 2);
	CHECK(safi_writer_flush(w) == SAFI_EIO);
	CHECK(safi_writer_error(w) == SAFI_EIO);
	CHECK(safi_writer_put(w, "x", 1) == SAFI_EIO);
	safi_writer_free(w);
	safi_writer_free(NULL);
	safi_buf_free(&s.got);
	return tap_done();
}
