/*
 * boilerplate_arrows.c - link lines that close with an arrow.
 *
 * A page points from inside or around its article to a video, a map, the
 * next page or another story with a short line that ends in a spaced
 * closing guillemet or single angle quote ("Watch the speech \u00bb",
 * "Next page \u203a"): the arrow is the link's button.  A sentence of the
 * article does not end that way, but a quotation does, in the languages
 * that quote with guillemets (\u00ab ... \u00bb); a line holding an
 * opening guillemet, or going on from the line above it (a quotation
 * wrapped over two lines), is left alone.  A blog links a post to the
 * one before it and the one after it on a line that opens with an
 * arrow, closes with one and holds a spaced bar between the two
 * headlines ("\u00ab Older post | Main | Newer post \u00bb"), whatever its
 * length: a quotation holds no such bar.
 *
 * Cost: one pass over the lines, and a scan of each candidate's text.
 */
#define _GNU_SOURCE  /* memmem */
#include <stddef.h>
#include <string.h>

#include "boilerplate_stages.h"

/* Most words of a link line closing with an arrow. */
#define ARROW_WORDS 9

/* The length of p[0, n) without the blanks that end it. */
static size_t
trimmed(const char *p, size_t n)
{
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	return n;
}

/* Does p[0, n) (trimmed) end in a space and a closing guillemet or
 * single angle quote? */
static int
closes_arrow(const char *p, size_t n)
{
	return (n >= 3 && memcmp(p + n - 3, " \xC2\xBB", 3) == 0) ||
	    (n >= 4 && memcmp(p + n - 4, " \xE2\x80\xBA", 4) == 0);
}

/* Does p[0, n) hold an opening guillemet or single angle quote? */
static int
holds_opener(const char *p, size_t n)
{
	return memmem(p, n, "\xC2\xAB", 2) != NULL || memmem(p, n, "\xE2\x80\xB9", 3) != NULL;
}

/* Is p[0, n) (trimmed) a post's links to its neighbours: an opening
 * guillemet or angle quote and a space first, a spaced bar inside, a
 * space and a closing one last? */
static int
post_links(const char *p, size_t n)
{
	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	return ((n >= 3 && memcmp(p, "\xC2\xAB ", 3) == 0) ||
	    (n >= 4 && memcmp(p, "\xE2\x80\xB9 ", 4) == 0)) && closes_arrow(p, n) &&
	    memmem(p, n, " | ", 3) != NULL;
}

void
safi_bp_drop_arrow_links(struct bp_doc *d)
{
	size_t i;

	for (i = 0; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];
		const char *p = d->base + ln->off;
		size_t n;

		if (ln->keep != 1)
			continue;
		n = trimmed(p, ln->len);
		if (!closes_arrow(p, n))
			continue;
		if (!post_links(p, n) && (ln->words > ARROW_WORDS ||
		    (i > 0 && d->lines[i - 1].kind != K_BLANK) || holds_opener(p, n)))
			continue;
		ln->keep = 0;
		ln->reason = R_MARKER;
	}
}
