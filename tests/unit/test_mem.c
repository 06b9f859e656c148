/* The huge-page hint: a hint only, so a block keeps its bytes and grows as
 * before, whether the kernel grants huge pages or not. */
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "safi.h"
#include "tap.h"

static int
holds(const unsigned char *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i += 4093)
		if (p[i] != (unsigned char)(i * seed >> 3))
			return 0;
	return 1;
}

int
main(void)
{
	size_t n = (size_t)9 << 20, i;
	unsigned char *p = malloc(n), *q;
	struct safi_buf b = SAFI_BUF_INIT;

	CHECK(p != NULL);
	if (p == NULL)
		return tap_done();
	safi_mem_large(p, n);
	for (i = 0; i < n; i += 4093)
		p[i] = (unsigned char)(i * 7 >> 3);
	CHECK(holds(p, n, 7));
	/* Growing the block after the hint keeps what it held. */
	q = realloc(p, 2 * n);
	CHECK(q != NULL);
	if (q != NULL) {
		p = q;
		CHECK(holds(p, n, 7));
		safi_mem_large(p, 2 * n);
		memset(p + n, 1, n);
		CHECK(holds(p, n, 7) && p[2 * n - 1] == 1);
	}
	free(p);
	/* Small blocks, odd addresses and NULL with no size are left alone
	 * (the sanitizer build would catch a touch). */
	safi_mem_large(NULL, 0);
	{
		char small[100] = "left alone";

		safi_mem_large(small + 1, sizeof small - 1);
		CHECK(strcmp(small, "left alone") == 0);
	}
	/* A buffer that grows past the size of a huge page several times. */
	b.limit = (size_t)64 << 20;
	for (i = 0; i < ((size_t)40 << 20) / 4096; i++) {
		char page[4096];

		memset(page, (int)(i & 0xFF), sizeof page);
		if (safi_buf_append(&b, page, sizeof page) < 0)
			break;
	}
	CHECK(b.len == (size_t)40 << 20);
	CHECK((unsigned char)b.ptr[(size_t)9999 * 4096 + 17] == (9999 & 0xFF));
	safi_buf_free(&b);
	return tap_done();
}
