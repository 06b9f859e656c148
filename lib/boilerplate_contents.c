/*
 * boilerplate_contents.c - the article's last sections that its table of
 * contents lists, below the zone.
 *
 * A reference page, a manual's page or a long guide prints a table of
 * contents over its text ("Contents", "On this page"): a list of its
 * sections' headings.  The zone ends above a section of short lines (a
 * list of places, a command and the line that introduces it) when no
 * body paragraph follows it, and the cut of the tail drops it with the
 * footer below.  The table of contents vouches for it: a heading below
 * the zone that copies an entry of the list that also names two headings
 * of the zone or more, an entry below theirs, is a heading of the
 * article, not a box's label.
 *
 * From the zone's last line (or the kept lines right below it) down, each
 * such heading over its block (a list, the lines of a command, up to a
 * blank line; the heading may stand alone between blank lines over it),
 * with no line in it that is boilerplate by more than a weak shape (a
 * date, a caption, symbols), and the body paragraphs right below the
 * block, are kept; the first line that heads no such section ends them.
 * A section of footnotes (its first item opens with a caret, "1. ^ ..."
 * or "↑", the backlink a reference page prints) is the page's apparatus,
 * not its text: it ends them too.
 *
 * Cost: a pass over the zone's headings against at most CONTENTS_ITEMS
 * entries, and one over the sections below it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"

/* Lines searched for the table of contents above the zone's first line
 * and below it. */
#define CONTENTS_REACH 24
/* Entries of tables of contents read, at most. */
#define CONTENTS_ITEMS 32
/* Words of a heading, at most (an entry has its number or bullet too). */
#define CONTENTS_WORDS 6
/* Headings of the zone a table of contents names, at least. */
#define CONTENTS_MATCHED 2

struct entry {
	const char *p;
	size_t n;
	size_t line;
	unsigned block;
};

/* The text of line |i| without its bullet or number and the white space
 * around it, into *s and *n. */
static void
entry_text(const struct bp_doc *d, size_t i, const char **s, size_t *n)
{
	const struct bp_line *ln = &d->lines[i];
	const char *p = d->base + ln->off, *e = p + ln->len;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	if (ln->flags & L_BULLET) {
		if (p < e && *p >= '0' && *p <= '9') {
			while (p < e && *p >= '0' && *p <= '9')
				p++;
			if (p < e && (*p == '.' || *p == ')'))
				p++;
		} else if (p < e) {
			for (p++; p < e && ((unsigned char)*p & 0xC0) == 0x80; p++)
				;
		}
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
	}
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*s = p;
	*n = (size_t)(e - p);
}

/* Do p[0, n) and q[0, n) hold the same text, ASCII letters of either
 * case alike? */
static int
same_text(const char *p, const char *q, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		unsigned char x = (unsigned char)p[k], y = (unsigned char)q[k];

		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x | 0x20);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y | 0x20);
		if (x != y)
			return 0;
	}
	return 1;
}

/* Is line |i| a heading: a short line of a few words, no list item, no
 * label ending in a colon, with a blank line above it? */
static int
heading(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];

	return (ln->kind == K_SHORT || ln->kind == K_NEAR) && !(ln->flags & (L_BULLET | L_COLON)) &&
	    ln->words >= 1 && ln->words <= CONTENTS_WORDS && i > 0 &&
	    d->lines[i - 1].kind == K_BLANK;
}

/* The entry of |e|[0, n) of block |block| that line |i| copies, above
 * it, or SIZE_MAX. */
static size_t
listed(const struct bp_doc *d, const struct entry *e, size_t n, unsigned block, size_t i)
{
	const char *p;
	size_t len, k;

	entry_text(d, i, &p, &len);
	for (k = 0; k < n; k++)
		if (e[k].block == block && e[k].line < i && e[k].n == len && len > 0 &&
		    same_text(e[k].p, p, len))
			return k;
	return SIZE_MAX;
}

/* May line |ln| stand in a section's block: no boilerplate, or only by a
 * weak shape (a date, a caption, symbols)? */
static int
block_line(const struct bp_line *ln)
{
	return ln->kind != K_BAD || ln->reason == R_DATE || ln->reason == R_CAPTION ||
	    ln->reason == R_SYMBOLS;
}

/* Does line |i| open with a footnote's backlink: a caret ("^") or an
 * arrow up ("↑") after its number or bullet? */
static int
footnote(const struct bp_doc *d, size_t i)
{
	const char *p;
	size_t n;

	entry_text(d, i, &p, &n);
	return (n >= 1 && p[0] == '^') || (n >= 3 && memcmp(p, "\xE2\x86\x91", 3) == 0);
}

static void
keep_line(struct bp_line *ln)
{
	ln->keep = 1;
	ln->reason = ln->kind == K_GOOD ? R_BODY : (ln->flags & L_BULLET) ? R_LIST :
	    ln->kind == K_NEAR ? R_TEXT : R_HEADING;
}

/* The end (one past the last line) of the section under the heading at
 * |h|, above |cut|: its block, up to a blank line (one blank line may
 * stand between the heading and it), and the body paragraphs right below
 * it; or |h| when it heads no such section. */
static size_t
section_end(const struct bp_doc *d, size_t h, size_t cut)
{
	size_t j = h + 1, e;

	if (j < cut && d->lines[j].kind == K_BLANK)
		j++;
	for (e = j; e < cut && d->lines[e].kind != K_BLANK; e++)
		if (!block_line(&d->lines[e]) && d->lines[e].keep != 1)
			return h;
	if (e == j || footnote(d, j))
		return h;
	for (;;) {
		size_t k = e;

		while (k < cut && d->lines[k].kind == K_BLANK)
			k++;
		if (k >= cut || d->lines[k].kind != K_GOOD || (d->lines[k].flags & L_BULLET))
			return e;
		e = k + 1;
	}
}

void
safi_bp_keep_contents_sections(struct bp_doc *d)
{
	struct entry e[CONTENTS_ITEMS];
	unsigned matched[CONTENTS_ITEMS], block = 0, best = 0;
	size_t a = d->ext.a, b = d->ext.b, cut = d->ext.cut, n = 0, i, k, lo, hi, last = 0;
	int found = 0;

	if (!d->ext.have_zone || cut > d->nlines || b >= cut)
		return;
	lo = a > CONTENTS_REACH ? a - CONTENTS_REACH : 0;
	hi = b < a + CONTENTS_REACH ? b : a + CONTENTS_REACH;
	for (i = lo; i <= hi && n < CONTENTS_ITEMS; i++) {
		const struct bp_line *ln = &d->lines[i];

		if (!(ln->flags & L_BULLET) || ln->kind == K_GOOD || ln->words > CONTENTS_WORDS + 1)
			continue;
		if (n == 0 || e[n - 1].line + 1 != i)
			block++;
		entry_text(d, i, &e[n].p, &e[n].n);
		e[n].line = i;
		e[n].block = block;
		n++;
	}
	if (n == 0)
		return;
	/* The zone's headings each table names: a table counts its own. */
	memset(matched, 0, sizeof matched);
	for (i = a; i <= b; i++) {
		size_t len;
		const char *p;

		if (!heading(d, i))
			continue;
		entry_text(d, i, &p, &len);
		for (k = 0; k < n; k++)
			if (e[k].line < i && e[k].n == len && len > 0 && same_text(e[k].p, p, len)) {
				matched[k]++;
				break;
			}
	}
	/* The table that names the most of them, at least CONTENTS_MATCHED,
	 * and its last entry named. */
	{
		unsigned counts[CONTENTS_ITEMS + 1] = { 0 }, top = 0;

		for (k = 0; k < n; k++)
			counts[e[k].block] += matched[k] > 0;
		for (k = 1; k <= block; k++)
			if (counts[k] > top) {
				top = counts[k];
				best = (unsigned)k;
			}
		if (top < CONTENTS_MATCHED)
			return;
		for (k = 0; k < n; k++)
			if (e[k].block == best && matched[k]) {
				last = k;
				found = 1;
			}
	}
	if (!found)
		return;
	/* The sections below the zone (and the lines kept right under it),
	 * each under a heading the table names below the last it named. */
	for (i = b + 1; i < cut && (d->lines[i].kind == K_BLANK || d->lines[i].keep == 1); i++)
		;
	while (i < cut) {
		size_t end, j;

		if (!heading(d, i) || (k = listed(d, e, n, best, i)) == SIZE_MAX || k <= last ||
		    (end = section_end(d, i, cut)) == i)
			break;
		for (j = i; j < end; j++)
			if (d->lines[j].kind != K_BLANK && d->lines[j].keep != 1)
				keep_line(&d->lines[j]);
		last = k;
		for (i = end; i < cut && d->lines[i].kind == K_BLANK; i++)
			;
	}
}
