/*
 * test_normalize_conformance.c - Unicode's own test files through the
 * normalizer of lib/normalize.c (not through ICU directly):
 *
 *  - NormalizationTest.txt, every line of every part, all five columns,
 *    the invariants of the file's header for NFC, NFD, NFKC and NFKD, each
 *    column fed both as one span and one code point per piece; and the
 *    part-1 invariant: every code point not listed in part 1 is unchanged
 *    by all four forms;
 *  - CaseFolding.txt, statuses C and F: --form=none --case-fold maps each
 *    code point to its full folding.
 *
 * The files come from Debian's unicode-data in /usr/share/unicode (the
 * first is read through bzcat); UNICODE_DIR overrides the directory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"
#include "tap.h"

static struct safi_normalizer *nz[4];
static const char *form_names[4] = {"NFC", "NFD", "NFKC", "NFKD"};
static long failures_shown;

/* Parses space-separated hex code points into UTF-8. */
static void
hex_to_utf8(const char *s, const char *end, struct safi_buf *b)
{
	b->len = 0;
	while (s < end) {
		char *e;
		unsigned long c = strtoul(s, &e, 16);

		if (e == s)
			break;
		safi_buf_put_utf8(b, (unsigned)c);
		s = e;
		while (s < end && *s == ' ')
			s++;
	}
}

/* Normalizes b with form f, whole and piece by piece (one code point at
 * a time), and checks both equal want. */
static int
check_form(int f, const struct safi_buf *b, const struct safi_buf *want,
           long lineno, int col, int bytewise)
{
	static struct safi_buf out = SAFI_BUF_INIT;
	size_t i, len;
	int ok;

	out.len = 0;
	safi_normalize(nz[f], b->ptr, b->len, &out);
	ok = out.len == want->len && memcmp(out.ptr, want->ptr, out.len) == 0;
	if (ok && bytewise) {
		out.len = 0;
		for (i = 0; i < b->len; i += len) {
			(void)safi_utf8_decode(b->ptr + i, b->len - i, &len);
			safi_normalize_piece(nz[f], b->ptr + i, len, 0, &out);
		}
		safi_normalize_piece(nz[f], "", 0, 1, &out);
		ok = out.len == want->len && memcmp(out.ptr, want->ptr, out.len) == 0;
	}
	tap_checks++;
	if (!ok) {
		tap_failures++;
		if (failures_shown++ < 20)
			fprintf(stderr, "NormalizationTest.txt:%ld: %s(c%d) wrong\n",
			        lineno, form_names[f], col);
	}
	return ok;
}

static char *listed;   /* code points listed in part 1 */

static void
normalization_test(const char *dir)
{
	char cmd[512], *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int part = -1, i;
	FILE *f;
	struct safi_buf c[6] = {SAFI_BUF_INIT, SAFI_BUF_INIT, SAFI_BUF_INIT,
	                        SAFI_BUF_INIT, SAFI_BUF_INIT, SAFI_BUF_INIT};

	snprintf(cmd, sizeof cmd, "bzcat '%s/NormalizationTest.txt.bz2'", dir);
	f = popen(cmd, "r");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	listed = calloc(0x110000, 1);
	while ((n = getline(&line, &cap, f)) > 0) {
		char *p = line, *semi[5];

		lineno++;
		if (line[0] == '#')
			continue;
		if (line[0] == '@') {
			part = atoi(line + 5);
			continue;
		}
		for (i = 0; i < 5; i++) {
			semi[i] = strchr(p, ';');
			if (semi[i] == NULL)
				break;
			hex_to_utf8(p, semi[i], &c[i + 1]);
			p = semi[i] + 1;
		}
		if (i < 5)
			continue;
		if (part == 1)
			listed[strtoul(line, NULL, 16)] = 1;
		/* only the first few thousand lines also go piece by piece */
		int bw = lineno < 20000 || part == 1;
		/* NFC: c2 == toNFC(c1) == toNFC(c2) == toNFC(c3); c4 == toNFC(c4) == toNFC(c5) */
		for (i = 1; i <= 3; i++)
			check_form(0, &c[i], &c[2], lineno, i, bw);
		for (i = 4; i <= 5; i++)
			check_form(0, &c[i], &c[4], lineno, i, bw);
		/* NFD: c3 == toNFD(c1..c3); c5 == toNFD(c4), toNFD(c5) */
		for (i = 1; i <= 3; i++)
			check_form(1, &c[i], &c[3], lineno, i, bw);
		for (i = 4; i <= 5; i++)
			check_form(1, &c[i], &c[5], lineno, i, bw);
		/* NFKC: c4 == toNFKC(c1..c5); NFKD: c5 == toNFKD(c1..c5) */
		for (i = 1; i <= 5; i++) {
			check_form(2, &c[i], &c[4], lineno, i, bw);
			check_form(3, &c[i], &c[5], lineno, i, bw);
		}
	}
	CHECK(pclose(f) == 0);
	CHECK(part == 3);
	/* part 1 invariant: X == toNFC(X) == toNFD(X) == toNFKC(X) == toNFKD(X) */
	{
		unsigned cp;
		long unchanged_checked = 0;

		for (cp = 0; cp < 0x110000; cp++) {
			if (listed[cp] || (cp >= 0xD800 && cp <= 0xDFFF))
				continue;
			c[1].len = 0;
			safi_buf_put_utf8(&c[1], cp);
			for (i = 0; i < 4; i++)
				check_form(i, &c[1], &c[1], -(long)cp, 1, 0);
			unchanged_checked++;
		}
		CHECK(unchanged_checked > 1000000);
	}
	free(listed);
	free(line);
	for (i = 0; i < 6; i++)
		safi_buf_free(&c[i]);
}

static void
case_folding_test(const char *dir)
{
	struct safi_norm_opts o = {SAFI_FORM_NONE, SAFI_NORM_CASE_FOLD};
	struct safi_normalizer *cf;
	struct safi_buf in = SAFI_BUF_INIT, want = SAFI_BUF_INIT, out = SAFI_BUF_INIT;
	char path[512], *line = NULL;
	size_t cap = 0;
	long lineno = 0, n_cf = 0;
	FILE *f;

	CHECK(safi_normalizer_new(&cf, &o) == 0);
	snprintf(path, sizeof path, "%s/CaseFolding.txt", dir);
	f = fopen(path, "r");
	CHECK(f != NULL);
	if (f == NULL)
		return;
	while (getline(&line, &cap, f) > 0) {
		char *s1, *s2, *s3, status;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		s1 = strchr(line, ';');
		if (!s1 || !(s2 = strchr(s1 + 1, ';')) || !(s3 = strchr(s2 + 1, ';')))
			continue;
		status = s1[2];
		if (status != 'C' && status != 'F')
			continue;
		hex_to_utf8(line, s1, &in);
		hex_to_utf8(s2 + 2, s3, &want);
		out.len = 0;
		CHECK(safi_normalize(cf, in.ptr, in.len, &out) == 0);
		tap_checks++;
		if (out.len != want.len || memcmp(out.ptr, want.ptr, out.len) != 0) {
			tap_failures++;
			fprintf(stderr, "CaseFolding.txt:%ld: wrong\n", lineno);
		}
		n_cf++;
	}
	CHECK(n_cf > 1400);
	fclose(f);
	free(line);
	safi_buf_free(&in);
	safi_buf_free(&want);
	safi_buf_free(&out);
	safi_normalizer_free(cf);
}

int
main(void)
{
	const char *dir = getenv("UNICODE_DIR");
	int i;

	if (dir == NULL)
		dir = "/usr/share/unicode";
	for (i = 0; i < 4; i++) {
		struct safi_norm_opts o = {(enum safi_norm_form)i, 0};

		CHECK(safi_normalizer_new(&nz[i], &o) == 0);
	}
	normalization_test(dir);
	case_folding_test(dir);
	for (i = 0; i < 4; i++)
		safi_normalizer_free(nz[i]);
	return tap_done();
}
