#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "safi/buf.h"
#include "safi/error.h"

int
safi_buf_reserve(struct safi_buf *b, size_t extra)
{
	size_t limit = b->limit ? b->limit : SAFI_BUF_DEFAULT_LIMIT;
	size_t need, cap;
	char *p;

	if (extra > limit || b->len > limit - extra)
		return SAFI_ETOOBIG;
	if (extra <= b->cap - b->len)
		return 0;
	need = b->len + extra;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > limit / 2 ? limit : cap * 2;
	if (cap > limit)
		cap = limit;
	p = realloc(b->ptr, cap);
	if (p == NULL)
		return SAFI_ENOMEM;
	b->ptr = p;
	b->cap = cap;
	safi_mem_large(p, cap);
	return 0;
}

int
safi_buf_append(struct safi_buf *b, const void *p, size_t n)
{
	int rc;

	if (n == 0)
		return 0;
	if ((rc = safi_buf_reserve(b, n)) < 0)
		return rc;
	memcpy(b->ptr + b->len, p, n);
	b->len += n;
	return 0;
}

int
safi_buf_putc(struct safi_buf *b, int c)
{
	int rc;

	if (b->len == b->cap && (rc = safi_buf_reserve(b, 1)) < 0)
		return rc;
	b->ptr[b->len++] = (char)c;
	return 0;
}

int
safi_buf_put_utf8(struct safi_buf *b, unsigned cp)
{
	unsigned char u[4];
	size_t n;

	if (cp < 0x80) {
		return safi_buf_putc(b, (int)cp);
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | cp >> 18);
		u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return safi_buf_append(b, u, n);
}

void
safi_buf_free(struct safi_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
