/*
 * boilerplate_entries.c - the dates over a diary's entries.
 *
 * A diary, a journal or a travel log sets its entries one under another,
 * each under its day: "Friday, April 18, 2003" over a paragraph or two.  A
 * date alone on its line reads as a stamp and is dropped, yet here it is
 * the entry's heading and part of the page's text.  A date of
 * ENTRY_MIN_WORDS to ENTRY_WORDS words (a number alone, a section's or a
 * verse's, is no day; not a list item, a menu row or a label ending in a
 * colon, and with no time of day: a live page's updates stand under their
 * times and those are stamps), dropped as a *date*, that stands between a
 * kept line above it and a kept body paragraph or sentence right below it
 * (across blank lines only, one at least on each side) opens an entry;
 * when ENTRY_DATES of them or more stand so, they are kept.  An article's
 * single dateline between its headline and its first paragraph stays
 * dropped, and the dates of comments or of a list of teasers stand over
 * dropped lines.
 *
 * Cost: two passes over the lines.
 */
#include <stddef.h>
#include <stdint.h>

#include "boilerplate_stages.h"

/* Words of an entry's date, at least and at most; dates over entries, at
 * least. */
#define ENTRY_MIN_WORDS 2
#define ENTRY_WORDS 6
#define ENTRY_DATES 2

/* Does p[0, n) hold a time of day: a digit, a colon or a full stop, and
 * two digits ("9:40", "21.40")? */
static int
holds_time(const char *p, size_t n)
{
	size_t k;

	for (k = 1; k + 2 < n; k++)
		if ((p[k] == ':' || p[k] == '.') && p[k - 1] >= '0' && p[k - 1] <= '9' &&
		    p[k + 1] >= '0' && p[k + 1] <= '9' && p[k + 2] >= '0' && p[k + 2] <= '9')
			return 1;
	return 0;
}

/* Does line |i| open an entry: a dropped date over a kept body paragraph
 * or sentence, with a kept line above it? */
static int
entry_date(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];
	size_t a, b;

	if (ln->keep != 0 || ln->kind != K_BAD || ln->reason != R_DATE ||
	    ln->words < ENTRY_MIN_WORDS || ln->words > ENTRY_WORDS ||
	    (ln->flags & (L_BULLET | L_COLON | L_SEPARATED)))
		return 0;
	if (holds_time(d->base + ln->off, ln->len))
		return 0;
	for (b = i + 1; b < d->nlines && d->lines[b].kind == K_BLANK; b++)
		;
	if (b == d->nlines || b == i + 1 || d->lines[b].keep != 1 ||
	    (d->lines[b].kind != K_GOOD && !(d->lines[b].flags & L_TERM)))
		return 0;
	for (a = i; a > 0 && d->lines[a - 1].kind == K_BLANK; a--)
		;
	return a > 0 && a < i && d->lines[a - 1].keep == 1;
}

void
safi_bp_keep_entry_dates(struct bp_doc *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->nlines && n < ENTRY_DATES; i++)
		n += entry_date(d, i);
	if (n < ENTRY_DATES)
		return;
	for (i = 0; i < d->nlines; i++)
		if (entry_date(d, i)) {
			d->lines[i].keep = 1;
			d->lines[i].reason = R_HEADING;
		}
}
