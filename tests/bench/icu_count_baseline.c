/*
 * icu_count_baseline.c - the straightforward ICU word counter: the
 * reference count-terms agrees with, and its peer in make bench.
 *
 * Each line (ended by LF, CRLF or CR) goes to UTF-16 (ill-formed UTF-8
 * becomes U+FFFD) and through ICU's root word break iterator; a segment is a
 * word when ICU gives it a word status (ubrk_getRuleStatus: a number, a
 * letter, kana or an ideograph, anything but UBRK_WORD_NONE).  Words are counted in a chained hash table with one malloc'd
 * node and one malloc'd key per term, and printed as count TAB term, highest
 * count first, ties by the term's bytes.
 *
 * Usage: icu_count_baseline [FILE] (standard input without one)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

struct node {
	struct node *next;
	char *key;
	size_t len;
	uint64_t count;
};

static struct node **buckets;
static size_t nbuckets = 1 << 16, nterms;

static uint64_t
fnv1a(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static void
rehash(void)
{
	size_t nb = nbuckets * 2, i;
	struct node **b = calloc(nb, sizeof *b);

	if (b == NULL)
		abort();
	for (i = 0; i < nbuckets; i++) {
		struct node *n = buckets[i], *next;
		for (; n; n = next) {
			size_t k = fnv1a(n->key, n->len) & (nb - 1);
			next = n->next;
			n->next = b[k];
			b[k] = n;
		}
	}
	free(buckets);
	buckets = b;
	nbuckets = nb;
}

static void
count(const char *s, size_t len)
{
	size_t k = fnv1a(s, len) & (nbuckets - 1);
	struct node *n;

	for (n = buckets[k]; n; n = n->next)
		if (n->len == len && memcmp(n->key, s, len) == 0) {
			n->count++;
			return;
		}
	n = malloc(sizeof *n);
	n->key = malloc(len);
	if (n == NULL || n->key == NULL)
		abort();
	memcpy(n->key, s, len);
	n->len = len;
	n->count = 1;
	n->next = buckets[k];
	buckets[k] = n;
	if (++nterms > nbuckets)
		rehash();
}

static int
cmp(const void *x, const void *y)
{
	const struct node *a = *(struct node *const *)x;
	const struct node *b = *(struct node *const *)y;
	int c;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	c = memcmp(a->key, b->key, a->len < b->len ? a->len : b->len);
	if (c)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

static UChar *u16;
static int32_t u16cap;
static char *u8;
static int32_t u8cap;

static void
do_line(UBreakIterator *bi, const char *s, size_t n)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t len, a, b;

	if (n == 0)
		return;
	u_strFromUTF8WithSub(u16, u16cap, &len, s, (int32_t)n, 0xFFFD, NULL, &e);
	if (e == U_BUFFER_OVERFLOW_ERROR || len >= u16cap) {
		u16cap = len + 64;
		u16 = realloc(u16, (size_t)u16cap * sizeof *u16);
		e = U_ZERO_ERROR;
		u_strFromUTF8WithSub(u16, u16cap, &len, s, (int32_t)n, 0xFFFD, NULL, &e);
	}
	ubrk_setText(bi, u16, len, &e);
	a = ubrk_first(bi);
	while ((b = ubrk_next(bi)) != UBRK_DONE) {
		int32_t l;

		if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT) {
			e = U_ZERO_ERROR;
			u_strToUTF8(u8, u8cap, &l, u16 + a, b - a, &e);
			if (e == U_BUFFER_OVERFLOW_ERROR || l >= u8cap) {
				u8cap = l + 64;
				u8 = realloc(u8, (size_t)u8cap);
				e = U_ZERO_ERROR;
				u_strToUTF8(u8, u8cap, &l, u16 + a, b - a, &e);
			}
			count(u8, (size_t)l);
		}
		a = b;
	}
}

int
main(int argc, char **argv)
{
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : stdin;
	UErrorCode e = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &e);
	char *line = NULL;
	size_t cap = 0, i;
	ssize_t k;
	struct node **all;

	if (f == NULL || U_FAILURE(e)) {
		perror(argc > 1 ? argv[1] : "ubrk_open");
		return 1;
	}
	buckets = calloc(nbuckets, sizeof *buckets);
	u16cap = 4096;
	u16 = malloc((size_t)u16cap * sizeof *u16);
	u8cap = 256;
	u8 = malloc((size_t)u8cap);
	while ((k = getline(&line, &cap, f)) > 0) {
		size_t start = 0, j;

		/* a line ends at LF, CRLF or a lone CR */
		for (j = 0; j < (size_t)k; j++)
			if (line[j] == '\r' || line[j] == '\n') {
				do_line(bi, line + start, j - start);
				start = j + 1;
			}
		do_line(bi, line + start, (size_t)k - start);
	}
	all = malloc((nterms ? nterms : 1) * sizeof *all);
	nterms = 0;
	for (i = 0; i < nbuckets; i++)
		for (struct node *n = buckets[i]; n; n = n->next)
			all[nterms++] = n;
	qsort(all, nterms, sizeof *all, cmp);
	for (i = 0; i < nterms; i++) {
		printf("%llu\t", (unsigned long long)all[i]->count);
		fwrite(all[i]->key, 1, all[i]->len, stdout);
		putchar('\n');
	}
	return fflush(stdout) != 0;
}
