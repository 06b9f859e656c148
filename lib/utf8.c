#include <string.h>

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
 * Checks eight bytes of text made of ASCII and two-byte sequences (Arabic,
 * Hebrew, Cyrillic, Greek, accented Latin) at once.  Returns how many
 * bytes are known good (8, or 7 when the last byte starts a sequence), or
 * 0 when the word holds anything else: a longer or ill-formed sequence.
 */
static inline size_t
two_byte_word(uint64_t w)
{
	const uint64_t h = UINT64_C(0x8080808080808080);
	uint64_t b7 = w & h, b6 = (w << 1) & h, b5 = (w << 2) & h;
	uint64_t cont = b7 & ~b6;            /* 10xxxxxx */
	uint64_t lead = b7 & b6 & ~b5;       /* 110xxxxx */
	uint64_t low4 = ((w & UINT64_C(0x1E1E1E1E1E1E1E1E)) +
	                 UINT64_C(0x7F7F7F7F7F7F7F7F)) & h;  /* not C0, C1 */

	if ((b7 & b6 & b5) || cont != lead << 8 || (lead & ~low4))
		return 0;
	return (lead >> 63) ? 7 : 8;
}

size_t
safi_utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t len, k;
	uint64_t w;

	/* ASCII and two-byte sequences a word at a time, three-byte ones
	 * inline, the rest through safi_utf8_decode(). */
	while (p < end) {
		unsigned c = p[0];

		while (end - p >= 8) {
			memcpy(&w, p, 8);
			if ((k = two_byte_word(w)) == 0)
				break;
			p += k;
		}
		if (p == end)
			break;
		c = p[0];
		if (c < 0x80) {
			p++;
			continue;
		}
		if (c < 0xE0) {
			if (c < 0xC2 || end - p < 2 || (p[1] & 0xC0) != 0x80)
				break;
			p += 2;
			continue;
		}
		if (c < 0xF0 && end - p >= 3 && (p[1] & 0xC0) == 0x80 &&
		    (p[2] & 0xC0) == 0x80 && (c != 0xE0 || p[1] >= 0xA0) &&
		    (c != 0xED || p[1] < 0xA0)) {
			p += 3;
			continue;
		}
		if (safi_utf8_decode((const char *)p, (size_t)(end - p), &len) < 0)
			break;
		p += len;
	}
	return (size_t)(p - (const unsigned char *)s);
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
