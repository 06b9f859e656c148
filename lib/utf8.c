#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

#include "safi/error.h"
#include "safi/utf8.h"

static const char replacement[3] = {'\xEF', '\xBF', '\xBD'};

int
safi_invalid_parse(const char *name, enum safi_invalid *out)
{
	if (strcmp(name, "replace") == 0)
		*out = SAFI_INVALID_REPLACE;
	else if (strcmp(name, "skip") == 0)
		*out = SAFI_INVALID_SKIP;
	else if (strcmp(name, "fail") == 0)
		*out = SAFI_INVALID_FAIL;
	else
		return SAFI_EINVAL;
	return 0;
}

/*
 * Table 3-7 of the Unicode Standard: the lead byte fixes how many
 * continuation bytes follow and the range allowed for the first of them
 * (which is what excludes overlongs, surrogates and values past U+10FFFF).
 * Returns the number of continuation bytes, or -1 for a byte that cannot
 * start a sequence.
 */
static int
lead_info(unsigned char b, unsigned char *lo, unsigned char *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (b >= 0xC2 && b <= 0xDF)
		return 1;
	if (b >= 0xE0 && b <= 0xEF) {
		if (b == 0xE0)
			*lo = 0xA0;
		else if (b == 0xED)
			*hi = 0x9F;
		return 2;
	}
	if (b >= 0xF0 && b <= 0xF4) {
		if (b == 0xF0)
			*lo = 0x90;
		else if (b == 0xF4)
			*hi = 0x8F;
		return 3;
	}
	return -1;
}

int32_t
safi_utf8_decode(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo, hi;
	int32_t cp;
	int need, i;

	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	need = lead_info(u[0], &lo, &hi);
	if (need < 0 || n < 2 || u[1] < lo || u[1] > hi) {
		*len = 1;
		return -1;
	}
	cp = u[0] & (0x3F >> need);
	for (i = 1; i <= need; i++) {
		if ((size_t)i >= n || (i > 1 && (u[i] & 0xC0) != 0x80)) {
			*len = (size_t)i;
			return -1;
		}
		cp = cp << 6 | (u[i] & 0x3F);
	}
	*len = (size_t)need + 1;
	return cp;
}

size_t
safi_utf8_bad_len(const char *s, size_t n)
{
	size_t len;

	(void)safi_utf8_decode(s, n, &len);
	return len;
}

/*
 * Skips, 16 bytes at a time, the blocks that hold only ASCII and
 * well-formed two-byte characters (Arabic, Cyrillic, Greek, Hebrew...),
 * starting at a character boundary.  Returns where the bytes start that
 * need the general check (n at the end).
 */
static size_t
skip_two_byte_blocks(const char *s, size_t n, size_t i)
{
#ifdef __SSE2__
	const __m128i c0 = _mm_set1_epi8((char)0xC0), c1 = _mm_set1_epi8((char)0xC1);
	const __m128i e0 = _mm_set1_epi8((char)0xE0);

	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		unsigned high = (unsigned)_mm_movemask_epi8(v), cont, lead;

		if (high == 0) {
			i += 16;
			continue;
		}
		/* Signed compares: 0x80-0xBF are below 0xC0; 0xC2-0xDF are
		 * above 0xC1 and below 0xE0. */
		cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, c0));
		lead = (unsigned)_mm_movemask_epi8(_mm_and_si128(
		    _mm_cmpgt_epi8(v, c1), _mm_cmplt_epi8(v, e0)));
		if ((cont | lead) != high || cont != ((lead << 1) & 0xFFFF))
			break;
		/* A lead byte in the last place waits for the next block. */
		i += (lead & 0x8000) ? 15 : 16;
	}
#else
	(void)s;
	(void)n;
#endif
	return i;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_SKIP 1
/* skip_two_byte_blocks, 32 bytes at a time, for processors with AVX2. */
__attribute__((target("avx2"))) static size_t
skip_two_byte_blocks_avx2(const char *s, size_t n, size_t i)
{
	const __m256i c0 = _mm256_set1_epi8((char)0xC0), c1 = _mm256_set1_epi8((char)0xC1);
	const __m256i e0 = _mm256_set1_epi8((char)0xE0);

	/* 64 bytes a step: the two halves' masks make one 64-bit mask, in
	 * which a lead byte at the end of the first half is followed by the
	 * first bit of the second. */
	while (i + 64 <= n) {
		__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(s + i + 32));
		uint64_t high, cont, lead;

		high = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(a, b));
		if (high == 0) {
			i += 64;
			continue;
		}
		high = (uint32_t)_mm256_movemask_epi8(a) |
		    (uint64_t)(uint32_t)_mm256_movemask_epi8(b) << 32;
		cont = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, a)) |
		    (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, b)) << 32;
		lead = (uint32_t)_mm256_movemask_epi8(_mm256_and_si256(
		    _mm256_cmpgt_epi8(a, c1), _mm256_cmpgt_epi8(e0, a))) |
		    (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_and_si256(
		    _mm256_cmpgt_epi8(b, c1), _mm256_cmpgt_epi8(e0, b))) << 32;
		if ((cont | lead) != high || cont != lead << 1)
			break;
		i += (lead >> 63) ? 63 : 64;
	}
	while (i + 32 <= n) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
		uint64_t high = (uint32_t)_mm256_movemask_epi8(v), cont, lead;

		if (high == 0) {
			i += 32;
			continue;
		}
		cont = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(c0, v));
		lead = (uint32_t)_mm256_movemask_epi8(_mm256_and_si256(
		    _mm256_cmpgt_epi8(v, c1), _mm256_cmpgt_epi8(e0, v)));
		if ((cont | lead) != high || cont != ((lead << 1) & 0xFFFFFFFFu))
			break;
		i += (lead & 0x80000000u) ? 31 : 32;
	}
	return skip_two_byte_blocks(s, n, i);
}

/* 1 without AVX2, 2 with it, 0 before the first call finds out. */
static int avx2_state;

static int
have_avx2(void)
{
	if (avx2_state == 0) {
		__builtin_cpu_init();
		avx2_state = __builtin_cpu_supports("avx2") ? 2 : 1;
	}
	return avx2_state == 2;
}
#endif

size_t
safi_utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0, len;
	uint64_t w;
#ifdef HAVE_AVX2_SKIP
	int avx2 = have_avx2();
#endif

	while (i < n) {
#ifdef HAVE_AVX2_SKIP
		i = avx2 ? skip_two_byte_blocks_avx2(s, n, i) : skip_two_byte_blocks(s, n, i);
#else
		i = skip_two_byte_blocks(s, n, i);
#endif
		while (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		while (i < n && (unsigned char)s[i] < 0x80)
			i++;
		if (i == n)
			break;
		/* Runs of two-byte characters (Arabic, Cyrillic, Greek,
		 * Hebrew) are checked inline. */
		while (i + 1 < n && (unsigned char)s[i] >= 0xC2 &&
		       (unsigned char)s[i] <= 0xDF &&
		       ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
			i += 2;
			while (i < n && s[i] == ' ')
				i++;
		}
		if (i == n || (unsigned char)s[i] < 0x80)
			continue;
		if (safi_utf8_decode(s + i, n - i, &len) < 0)
			return i;
		i += len;
	}
	return n;
}

size_t
safi_utf8_incomplete_tail(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo, hi;
	size_t k, start;
	int need;

	/* Look back over at most three continuation bytes for a lead byte. */
	for (k = 1; k <= 4 && k <= n; k++) {
		start = n - k;
		if ((u[start] & 0xC0) == 0x80)
			continue;
		need = lead_info(u[start], &lo, &hi);
		if (need < 0 || (size_t)need < k)
			return 0;
		/* Only a prefix that could still become well-formed is held. */
		if (k >= 2 && (u[start + 1] < lo || u[start + 1] > hi))
			return 0;
		return k;
	}
	return 0;
}

int
safi_utf8_sanitize(const char *s, size_t n, enum safi_invalid mode,
                   struct safi_buf *out, uint64_t *bad, size_t *bad_offset)
{
	size_t i = 0, good, len;
	int rc;

	while (i < n) {
		good = safi_utf8_valid_prefix(s + i, n - i);
		if ((rc = safi_buf_append(out, s + i, good)) < 0)
			return rc;
		i += good;
		if (i == n)
			break;
		len = safi_utf8_bad_len(s + i, n - i);
		(*bad)++;
		if (mode == SAFI_INVALID_FAIL) {
			if (bad_offset)
				*bad_offset = i;
			return SAFI_EILSEQ;
		}
		if (mode == SAFI_INVALID_REPLACE &&
		    (rc = safi_buf_append(out, replacement, sizeof replacement)) < 0)
			return rc;
		i += len;
	}
	return 0;
}
