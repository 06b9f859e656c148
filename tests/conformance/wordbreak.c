/*
 * test_wordbreak.c - Unicode's WordBreakTest.txt through safi_words, both
 * the UTF-8 rule engine and ICU's iterator.
 *
 * ICU 72 is the reference where it departs from the text of UAX #29: its
 * root rules take ':' (and U+FE55, U+FF1A) out of MidLetter, so "a:b" is
 * three segments, not one.  Those cases are listed below with ICU's
 * boundaries; a case that stops differing (a library upgrade) fails too, so
 * the change is noticed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"
#include "tap.h"

#define TEST_FILE "/usr/share/unicode/auxiliary/WordBreakTest.txt"

/* Each expected difference: the test's line, with ICU's breaks. */
static const char *const icu_differs[] = {
#include "wordbreak_icu_differences.h"
};

struct collect {
	char marks[512];  /* "÷"/"×" per code point boundary, as 'b'/'x' */
	size_t offs[256];
	size_t nb;
	size_t pos;
};

static int
on_seg(void *ctx, const char *seg, size_t len, int is_word)
{
	struct collect *c = ctx;

	(void)seg;
	(void)is_word;
	c->pos += len;
	if (c->nb < 256)
		c->offs[c->nb++] = c->pos;
	return 0;
}

/* Renders a case as "÷ 0061 × 0062 ÷" from its code points and breaks. */
static void
render(const uint32_t *cps, size_t ncp, const size_t *cpoff,
       const size_t *breaks, size_t nb, char *out, size_t cap)
{
	size_t i, k = 0, o = 0;

	o += (size_t)snprintf(out + o, cap - o, "\xc3\xb7");
	for (i = 0; i < ncp; i++) {
		int brk;

		o += (size_t)snprintf(out + o, cap - o, " %04X ", cps[i]);
		while (k < nb && breaks[k] < cpoff[i + 1])
			k++;
		brk = k < nb && breaks[k] == cpoff[i + 1];
		o += (size_t)snprintf(out + o, cap - o, "%s",
		                      brk ? "\xc3\xb7" : "\xc3\x97");
	}
}

int
main(void)
{
	FILE *f = fopen(TEST_FILE, "r");
	char line[4096];
	struct safi_words *fast = NULL, *icu = NULL;
	size_t ndiff = sizeof icu_differs / sizeof icu_differs[0];
	char *seen = calloc(ndiff + 1, 1);
	int cases = 0, differing = 0;

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open (Debian package unicode-data)\n",
		        TEST_FILE);
		return 1;
	}
	CHECK(safi_words_new(&fast, SAFI_WORDS_ALL) == 0);
	CHECK(safi_words_new(&icu, SAFI_WORDS_ALL | SAFI_WORDS_ICU_ONLY) == 0);
	while (fgets(line, sizeof line, f)) {
		uint32_t cps[256];
		size_t cpoff[257], want[256], nw = 0, ncp = 0, i;
		char text[1024], expect[2048], got[2048], got_icu[2048];
		struct safi_buf b = SAFI_BUF_INIT;
		struct collect c1, c2;
		char *p = line, *hash;

		if ((hash = strchr(line, '#')) != NULL)
			*hash = '\0';
		cpoff[0] = 0;
		while (*p) {
			if (strncmp(p, "\xc3\xb7", 2) == 0) {  /* ÷ */
				if (ncp > 0)
					want[nw++] = b.len;
				p += 2;
			} else if (strncmp(p, "\xc3\x97", 2) == 0) {  /* × */
				p += 2;
			} else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
				cps[ncp++] = (uint32_t)strtoul(p, &p, 16);
				safi_buf_put_utf8(&b, cps[ncp - 1]);
				cpoff[ncp] = b.len;
			} else {
				p++;
			}
		}
		if (ncp == 0) {
			safi_buf_free(&b);
			continue;
		}
		cases++;
		memcpy(text, b.ptr, b.len);
		memset(&c1, 0, sizeof c1);
		memset(&c2, 0, sizeof c2);
		CHECK(safi_words_each(fast, text, b.len, on_seg, &c1) == 0);
		CHECK(safi_words_each(icu, text, b.len, on_seg, &c2) == 0);
		render(cps, ncp, cpoff, want, nw, expect, sizeof expect);
		render(cps, ncp, cpoff, c1.offs, c1.nb, got, sizeof got);
		render(cps, ncp, cpoff, c2.offs, c2.nb, got_icu, sizeof got_icu);
		if (strcmp(got, got_icu) != 0) {
			tap_checks++;
			tap_failures++;
			fprintf(stderr, "engine and ICU differ:\n  engine %s\n  ICU    %s\n",
			        got, got_icu);
		}
		if (strcmp(got_icu, expect) != 0) {
			int listed = 0;

			differing++;
			for (i = 0; i < ndiff; i++)
				if (strcmp(icu_differs[i], got_icu) == 0) {
					listed = 1;
					seen[i] = 1;
				}
			tap_checks++;
			if (!listed) {
				tap_failures++;
				fprintf(stderr, "unexpected difference from UAX #29:\n"
				        "  UAX #29 %s\n  ICU     %s\n  \"%s\",\n", expect,
				        got_icu, got_icu);
			}
		}
		safi_buf_free(&b);
	}
	fclose(f);
	for (size_t i = 0; i < ndiff; i++) {
		tap_checks++;
		if (!seen[i]) {
			tap_failures++;
			fprintf(stderr, "listed difference no longer seen: %s\n",
			        icu_differs[i]);
		}
	}
	free(seen);
	safi_words_free(fast);
	safi_words_free(icu);
	printf("%d cases, %d expected differences from UAX #29 (ICU 72)\n",
	       cases, differing);
	return tap_done();
}
