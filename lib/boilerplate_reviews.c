/*
 * boilerplate_reviews.c - users' reviews under a product's page.
 *
 * A shop, a recipe or a holiday home prints its users' reviews below its
 * own text, each opening with its rating in stars (U+2605 and U+2606)
 * and a stamp near it: the reviewer's name and the date ("by Jo, 12 May
 * 2024").  The reviews are written like a short article, a title line and
 * a paragraph each, so the zone may run on into them where the page
 * prints no blank line or furniture between them.  From the first review
 * down, when REVIEWS of them at least stand below a kept body paragraph,
 * every kept line is one of the reviews' thread, or the furniture under
 * them.
 *
 * Cost: one pass over the lines; each line is read a few times at most.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"

/* Reviews on a page, at least. */
#define REVIEWS 2
/* Lines below a rating, at most, its stamp stands in. */
#define STAMP_REACH 3
/* Words of a rating's line, at most: its stars and a review's title. */
#define RATING_WORDS 12

/* Does line |ln|, no body paragraph, of RATING_WORDS words at most,
 * hold a rating's star (U+2605 or U+2606)? */
static int
starred(const struct bp_doc *d, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)d->base + ln->off;
	const unsigned char *q = p, *end = p + ln->len;

	if (ln->kind == K_GOOD || ln->words > RATING_WORDS)
		return 0;
	while ((q = memchr(q, 0xe2, (size_t)(end - q))) != NULL && end - q > 2) {
		if (q[1] == 0x98 && (q[2] == 0x85 || q[2] == 0x86))
			return 1;
		q++;
	}
	return 0;
}

/* The digits of p[k, len) from |k| on, and their end in |*e|. */
static size_t
digit_run(const unsigned char *p, size_t k, size_t len, size_t *e)
{
	size_t j = k;

	while (j < len && p[j] >= '0' && p[j] <= '9')
		j++;
	*e = j;
	return j - k;
}

/* Does line |ln| hold a date in digits alone ("28.04.2024", "3/11/23"):
 * three runs of digits with one separator, the last of two or four? */
static int
digit_date(const struct bp_doc *d, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)d->base + ln->off;
	size_t k = 0, len = ln->len, e, e2, e3;

	while (k < len) {
		size_t d1 = digit_run(p, k, len, &e), d2, d3;
		unsigned char sep;

		if (d1 == 0) {
			k++;
			continue;
		}
		k = e;
		if (d1 > 4 || e + 1 >= len || (p[e] != '.' && p[e] != '/' && p[e] != '-'))
			continue;
		sep = p[e];
		d2 = digit_run(p, e + 1, len, &e2);
		if (d2 < 1 || d2 > 2 || e2 + 1 >= len || p[e2] != sep)
			continue;
		d3 = digit_run(p, e2 + 1, len, &e3);
		if (d3 == 2 || d3 == 4)
			return 1;
	}
	return 0;
}

/* Does a review open at line |i|: a rating's star, and within
 * STAMP_REACH lines below it a stamp, a dated line that is no body
 * paragraph ("by Jo, 12 May 2024", "von Jo · 12.05.2024")? */
static int
review_at(const struct bp_doc *d, size_t i)
{
	size_t j, n = 0;

	if (d->lines[i].kind == K_BLANK || !starred(d, &d->lines[i]))
		return 0;
	for (j = i + 1; j < d->nlines && n < STAMP_REACH; j++) {
		const struct bp_line *ln = &d->lines[j];

		if (ln->kind == K_BLANK)
			continue;
		n++;
		if (ln->kind != K_GOOD && ((ln->flags & L_DATED) || digit_date(d, ln)))
			return 1;
	}
	return 0;
}

void
safi_bp_drop_reviews(struct bp_doc *d)
{
	size_t i, first = SIZE_MAX, n = 0;
	int body = 0;

	for (i = 0; i < d->nlines && n < REVIEWS; i++) {
		if (first == SIZE_MAX && d->lines[i].keep == 1 && d->lines[i].kind == K_GOOD)
			body = 1;
		if (body && review_at(d, i)) {
			if (first == SIZE_MAX)
				first = i;
			n++;
		}
	}
	for (i = first; n >= REVIEWS && i < d->nlines; i++)
		if (d->lines[i].keep == 1) {
			d->lines[i].keep = 0;
			d->lines[i].reason = R_THREAD;
		}
}
