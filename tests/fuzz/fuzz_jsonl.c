/*
 * fuzz_jsonl.c - libFuzzer target for the JSON Lines member functions.
 *
 * Properties, checked with abort():
 *  - any line, raw bytes included, is either refused or has its member
 *    found; nothing crashes, and what is found lies inside the line;
 *  - a found string decodes (a lone surrogate to U+FFFD), and putting its
 *    text back (re-encoded) gives a line in which the same member decodes
 *    to the same text, with no lone surrogate left and every byte before
 *    and after the value unchanged;
 *  - for any text (well-formed UTF-8, as the programs write), decoding its
 *    encoding gives the text back, also as a member of an object.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"

static void
check_line(const char *s, size_t n, struct safi_buf *text, struct safi_buf *line,
           struct safi_buf *again)
{
	struct safi_jsonl_member m, m2;
	int rc = safi_jsonl_find(s, n, "text", 4, &m);

	if (rc == SAFI_ECORRUPT) {
		if (m.why == NULL || m.at > n)
			abort();
		return;
	}
	if (m.type && (m.start >= m.end || m.end > n))
		abort();
	if (rc != 0)
		return;
	if (s[m.start] != '"' || s[m.end - 1] != '"')
		abort();
	text->len = line->len = again->len = 0;
	if (safi_jsonl_decode(s + m.start, m.end - m.start, SAFI_INVALID_REPLACE, text) < 0)
		abort();
	if (safi_jsonl_replace(s, n, &m, text->ptr, text->len, line) < 0)
		abort();
	if (safi_jsonl_find(line->ptr, line->len, "text", 4, &m2) != 0)
		abort();
	if (m2.start != m.start || line->len - m2.end != n - m.end ||
	    memcmp(line->ptr, s, m.start) != 0 ||
	    memcmp(line->ptr + m2.end, s + m.end, n - m.end) != 0)
		abort();
	if (safi_jsonl_decode(line->ptr + m2.start, m2.end - m2.start,
	                      SAFI_INVALID_FAIL, again) < 0 ||
	    again->len != text->len ||
	    (text->len && memcmp(again->ptr, text->ptr, text->len) != 0))
		abort();
}

static void
check_round_trip(const char *s, size_t n, struct safi_buf *line,
                 struct safi_buf *again)
{
	struct safi_jsonl_member m;

	line->len = again->len = 0;
	if (safi_buf_append(line, "{\"id\":[1,{}],\"text\":", 20) < 0 ||
	    safi_jsonl_encode(s, n, line) < 0 || safi_buf_putc(line, '}') < 0)
		abort();
	if (safi_jsonl_find(line->ptr, line->len, "text", 4, &m) != 0 ||
	    m.start != 20 || m.end != line->len - 1)
		abort();
	if (safi_jsonl_decode(line->ptr + m.start, m.end - m.start,
	                      SAFI_INVALID_FAIL, again) < 0 ||
	    again->len != n || (n && memcmp(again->ptr, s, n) != 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct safi_buf clean = SAFI_BUF_INIT, text = SAFI_BUF_INIT,
	    line = SAFI_BUF_INIT, again = SAFI_BUF_INIT;
	const char *s = (const char *)data;
	uint64_t bad = 0;
	size_t i, start;

	/* the raw bytes, each line of them, must not crash the scanner */
	{
		struct safi_jsonl_member m;

		(void)safi_jsonl_find(s, size, "text", 4, &m);
	}
	if (safi_utf8_sanitize(s, size, SAFI_INVALID_REPLACE, &clean, &bad, NULL) < 0)
		abort();
	for (i = start = 0; clean.ptr && i <= clean.len; i++) {
		if (i == clean.len || clean.ptr[i] == '\n') {
			check_line(clean.ptr + start, i - start, &text, &line, &again);
			start = i + 1;
		}
	}
	if (clean.ptr)
		check_round_trip(clean.ptr, clean.len, &line, &again);
	safi_buf_free(&clean);
	safi_buf_free(&text);
	safi_buf_free(&line);
	safi_buf_free(&again);
	return 0;
}
