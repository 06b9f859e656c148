/*
 * fuzz_split.c - libFuzzer target for the sentence splitter.
 *
 * The input is repaired as the reader would repair it and cut into lines;
 * each line is split.  Properties, checked with abort():
 *  - every sentence is a non-empty, in-order, non-overlapping range of the
 *    line, well-formed UTF-8, that neither starts nor ends with white space;
 *  - what lies between and around the sentences is white space only, so
 *    every non-space character comes out exactly once, in order.
 * The first byte picks the language lists (auto, en, ar, fr, ru).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"

static int
space_at(const char *s, size_t n, size_t i, size_t *len)
{
	int32_t c = safi_utf8_decode(s + i, n - i, len);

	if (c < 0)
		return 0;
	if (c < 0x80)
		return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
	return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

/* Checks that s[from..to) is white space only. */
static void
all_space(const char *s, size_t n, size_t from, size_t to)
{
	size_t len;

	while (from < to) {
		if (!space_at(s, n, from, &len))
			abort();
		from += len;
	}
	if (from != to)
		abort();
}

static void
check_line(const struct safi_splitter *sp, const char *s, size_t n)
{
	struct safi_sentences it;
	size_t start, end, pos = 0, len;

	safi_sentences_begin(&it, sp, s, n);
	while (safi_sentences_next(&it, &start, &end)) {
		if (start < pos || end <= start || end > n)
			abort();
		all_space(s, n, pos, start);
		if (safi_utf8_valid_prefix(s + start, end - start) != end - start)
			abort();
		if (space_at(s, n, start, &len))
			abort();
		/* The last character must not be white space either. */
		{
			size_t k = end - 1;

			while (k > start && ((unsigned char)s[k] & 0xc0) == 0x80)
				k--;
			if (space_at(s, end, k, &len) && k + len == end)
				abort();
		}
		pos = end;
	}
	all_space(s, n, pos, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct safi_splitter *sp[5];
	static const char *const langs[5] = {NULL, "en", "ar", "fr", "ru"};
	struct safi_buf clean = SAFI_BUF_INIT;
	uint64_t bad = 0;
	size_t i, start;
	unsigned pick;

	if (size == 0)
		return 0;
	pick = data[0] % 5;
	if (sp[pick] == NULL && safi_splitter_new(&sp[pick], langs[pick]) < 0)
		abort();
	if (safi_utf8_sanitize((const char *)data + 1, size - 1, SAFI_INVALID_REPLACE,
	                       &clean, &bad, NULL) < 0)
		abort();
	for (i = start = 0; clean.ptr && i <= clean.len; i++) {
		if (i == clean.len || clean.ptr[i] == '\n') {
			check_line(sp[pick], clean.ptr + start, i - start);
			start = i + 1;
		}
	}
	/* The raw bytes too: ill-formed input must not crash or lose bytes. */
	{
		struct safi_sentences it;
		size_t s0, e0, pos = 0;

		safi_sentences_begin(&it, sp[pick], (const char *)data, size);
		while (safi_sentences_next(&it, &s0, &e0)) {
			if (s0 < pos || e0 <= s0 || e0 > size)
				abort();
			pos = e0;
		}
	}
	safi_buf_free(&clean);
	return 0;
}
