#include <stdlib.h>
#include <string.h>

#include "safi/error.h"
#include "safi/writer.h"

struct safi_writer {
	safi_write_fn fn;
	void *ctx;
	char *buf;
	size_t len, cap;
	int failed;
};

int
safi_writer_new(struct safi_writer **out, safi_write_fn fn, void *ctx,
                size_t bufsize)
{
	struct safi_writer *w = calloc(1, sizeof *w);

	*out = NULL;
	if (bufsize == 0)
		bufsize = 64 * 1024;
	if (w == NULL || (w->buf = malloc(bufsize)) == NULL) {
		free(w);
		return SAFI_ENOMEM;
	}
	w->fn = fn;
	w->ctx = ctx;
	w->cap = bufsize;
	*out = w;
	return 0;
}

void
safi_writer_free(struct safi_writer *w)
{
	if (w == NULL)
		return;
	free(w->buf);
	free(w);
}

static int
write_all(struct safi_writer *w, const char *p, size_t n)
{
	long k;

	while (n > 0 && !w->failed) {
		k = w->fn(w->ctx, p, n);
		if (k <= 0) {
			w->failed = 1;
			break;
		}
		p += k;
		n -= (size_t)k;
	}
	return w->failed ? SAFI_EIO : 0;
}

int
safi_writer_flush(struct safi_writer *w)
{
	int rc = write_all(w, w->buf, w->len);

	w->len = 0;
	return rc;
}

int
safi_writer_put(struct safi_writer *w, const void *p, size_t n)
{
	if (w->failed)
		return SAFI_EIO;
	if (n == 0)  /* p may be NULL then (an empty buffer) */
		return 0;
	if (n <= w->cap - w->len) {
		memcpy(w->buf + w->len, p, n);
		w->len += n;
		return 0;
	}
	if (safi_writer_flush(w) < 0)
		return SAFI_EIO;
	if (n >= w->cap)
		return write_all(w, p, n);
	memcpy(w->buf, p, n);
	w->len = n;
	return 0;
}

int
safi_writer_putc(struct safi_writer *w, int c)
{
	char ch = (char)c;

	if (w->len < w->cap && !w->failed) {
		w->buf[w->len++] = ch;
		return 0;
	}
	return safi_writer_put(w, &ch, 1);
}

int
safi_writer_error(const struct safi_writer *w)
{
	return w->failed ? SAFI_EIO : 0;
}
