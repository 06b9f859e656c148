/*
 * hash.h - what the term tables share, inside the library only (not
 * installed): seeded hashing and comparing of short byte strings with
 * masked 8-byte loads, saturating counts, and large zeroed arrays.
 */
#ifndef SAFI_HASH_H
#define SAFI_HASH_H

/* mremap, where there is one: include this header first */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static inline uint64_t
rd64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* a + b, or UINT64_MAX where the sum would pass it: counts saturate, they
 * never wrap around to small numbers.  *over is set when they do. */
static inline uint64_t
sat_add(uint64_t a, uint64_t b, int *over)
{
	uint64_t c = a + b;

	if (c < a) {
		*over = 1;
		return UINT64_MAX;
	}
	return c;
}

static inline uint64_t
mum(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;
	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/*
 * Terms of up to 16 bytes (nearly all words) are hashed and compared with
 * two 8-byte loads masked to their length, without a branch on the length
 * (which varies from word to word and would mispredict).  The loads read
 * up to PAD bytes past the term: every term these fast forms see lies in
 * memory with PAD readable bytes after it (the arena and the counter's
 * batch keep that much room); terms from elsewhere are copied first.
 */
#define PAD 16

/* first_bytes[k]: the bits of the first k bytes of an 8-byte load */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
static const uint64_t first_bytes[9] = {
	0, 0xFF00000000000000ull, 0xFFFF000000000000ull, 0xFFFFFF0000000000ull,
	0xFFFFFFFF00000000ull, 0xFFFFFFFFFF000000ull, 0xFFFFFFFFFFFF0000ull,
	0xFFFFFFFFFFFFFF00ull, ~0ull
};
#else
static const uint64_t first_bytes[9] = {
	0, 0xFFull, 0xFFFFull, 0xFFFFFFull, 0xFFFFFFFFull, 0xFFFFFFFFFFull,
	0xFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFull, ~0ull
};
#endif

/* A wyhash-style multiply-mix hash with a per-table random seed.  Needs
 * PAD readable bytes after str when len <= 16. */
static inline uint64_t
hash_bytes(const uint64_t *seed, const char *str, size_t len)
{
	const unsigned char *p = (const unsigned char *)str;
	uint64_t h = seed[0] ^ mum(len ^ seed[1], 0x9E3779B97F4A7C15ull);
	uint64_t a, b;
	size_t n = len;

	if (n <= 16) {
		size_t na = n < 8 ? n : 8;

		a = rd64(p) & first_bytes[na];
		b = rd64(p + 8) & first_bytes[n - na];
		return mum(a ^ seed[2] ^ h, b ^ seed[3]);
	}
	while (n > 16) {
		h = mum(rd64(p) ^ seed[1], rd64(p + 8) ^ h);
		p += 16;
		n -= 16;
	}
	/* the last 16 bytes of the term, which may overlap the last block */
	a = rd64((const unsigned char *)str + len - 16);
	b = rd64((const unsigned char *)str + len - 8);
	return mum(a ^ seed[2] ^ h, b ^ seed[3]);
}

/* A term of up to 16 bytes from memory without PAD bytes after it, copied
 * to |room| (2 * PAD bytes) so that the fast forms can read it. */
static inline const char *
padded(const char *term, size_t len, char *room)
{
	if (len > 16)
		return term;  /* long terms are read within their length */
	memcpy(room, term, len);
	return room;
}

static inline void
make_seed(uint64_t *seed)
{
	uint64_t s[4] = {0};
	int i;

	if (getentropy(s, sizeof s) != 0) {
		s[0] = (uint64_t)time(NULL);
		s[1] = (uint64_t)(uintptr_t)&s;
		s[2] = (uint64_t)clock();
		s[3] = (uint64_t)(uintptr_t)seed;
	}
	for (i = 0; i < 4; i++)
		seed[i] = s[i] | 1;
}

/*
 * Large arrays (slots, arena) are mapped with transparent huge pages
 * asked for (|huge|): lookups jump around megabytes of memory, and with
 * 4 KiB pages most of them would also miss the TLB.  Arrays read and
 * written in order (a log, sort keys) are not: they miss the TLB once a
 * page either way, and a huge page costs more to fault in and zero than
 * its small pages.  Sizes are multiples of the page size; mapped memory
 * comes zeroed.
 */
static inline void *
map_pages(size_t size, int huge)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	if (huge)
		madvise(p, size, MADV_HUGEPAGE);
#else
	(void)huge;
#endif
	return p;
}

static inline void *
remap_pages(void *old, size_t oldsize, size_t size, int huge)
{
	void *p;

	if (old == NULL)
		return map_pages(size, huge);
#ifdef MREMAP_MAYMOVE
	p = mremap(old, oldsize, size, MREMAP_MAYMOVE);
	if (p == MAP_FAILED)
		return NULL;
#ifdef MADV_HUGEPAGE
	if (huge)
		madvise(p, size, MADV_HUGEPAGE);
#endif
#else
	if ((p = map_pages(size, huge)) == NULL)
		return NULL;
	memcpy(p, old, oldsize < size ? oldsize : size);
	munmap(old, oldsize);
#endif
	return p;
}

static inline void *
big_alloc(size_t size)
{
	return map_pages(size, 1);
}

static inline void *
big_realloc(void *old, size_t oldsize, size_t size)
{
	return remap_pages(old, oldsize, size, 1);
}

static inline void
big_free(void *p, size_t size)
{
	if (p != NULL)
		munmap(p, size);
}

/* Whether a[0..n) == b[0..n); both need PAD readable bytes after them
 * when n <= 16. */
static inline int
same_bytes(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;
	size_t i;

	if (n <= 16) {
		size_t na = n < 8 ? n : 8;

		return (((rd64(x) ^ rd64(y)) & first_bytes[na]) |
		        ((rd64(x + 8) ^ rd64(y + 8)) & first_bytes[n - na])) == 0;
	}
	for (i = 0; i + 8 < n; i += 8)
		if (rd64(x + i) != rd64(y + i))
			return 0;
	return rd64(x + n - 8) == rd64(y + n - 8);
}

static inline int
cmp_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	if (c != 0)
		return c;
	return (al > bl) - (al < bl);
}

static inline uint64_t
prefix8(const char *s, size_t len)
{
	unsigned char b[8] = {0};

	memcpy(b, s, len < 8 ? len : 8);
	return ((uint64_t)b[0] << 56) | ((uint64_t)b[1] << 48) |
	       ((uint64_t)b[2] << 40) | ((uint64_t)b[3] << 32) |
	       ((uint64_t)b[4] << 24) | ((uint64_t)b[5] << 16) |
	       ((uint64_t)b[6] << 8) | b[7];
}

#endif
