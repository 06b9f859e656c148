/*
 * boilerplate_headed.c - the article's lists under their headings, that
 * the zone's context dropped, after the list runs.
 *
 * The zone keeps a short line when body text follows it, and a list item
 * between two body paragraphs.  A how-to, a recipe, a changelog, a
 * service's or a course's page heads its parts with a short line set
 * alone between blank lines and gives a list under it ("What you need",
 * then its items), with no paragraph below the list: a photo's caption, a
 * recipe's card, the next part's heading follow it.  There the context
 * drops the heading and the items, though nothing but their place speaks
 * against them.
 *
 * A run of HEADED_ITEMS list items or more with no blank line between
 * them, each of them a sentence (a menu's, a sidebar's or a feed's links
 * end in no full stop), that the context alone dropped (no line of it is
 * boilerplate by its shape), right under a heading (a line of at most
 * HEADING_WORDS words, no list item, set alone between blank lines, that
 * the context dropped or kept) is the article's list, kept as the *list*.
 * Then a heading so set that the context alone dropped, over a list that
 * is kept (its first item, or the line that introduces it and ends in a
 * colon: "You will need:"), is the list's heading, kept as a *heading*.
 *
 * A line that the context alone dropped and that leads into the lines
 * under it, ending in a colon ("Add the following:") or asking a question
 * ("What are the symptoms?"), of at most HEADING_WORDS words and no list
 * item, is the article's too when the zone kept the line above it and the
 * LEAD_IN_LINES lines under it as its own (body text, text, headings,
 * lists, table cells, short runs): it introduces what follows, inside the
 * article, and is kept as a *heading*.  A contact box's "Press enquiries:"
 * over a name and an address, a poll's question over its choices, stand
 * over lines the zone dropped.  Up to LEAD_IN_ITEMS short lines that the
 * context alone dropped, no list item, may stand between it and the kept
 * lines: the first items of the list it introduces ("What are the
 * symptoms?" over "High fever", "Cough", then the items the zone kept),
 * kept as the *list*; a lone word and a colon ("More:") over such lines
 * labels a box of links, and a longer run of short lines is a box too; a
 * line among them that ends in dots leads to more, as a teaser does.
 *
 * Cost: three passes over the lines.
 */
#include <stddef.h>
#include <stdint.h>

#include "boilerplate_stages.h"

#define HEADED_ITEMS 2
#define HEADING_WORDS 15
#define LEAD_IN_LINES 2
#define LEAD_IN_ITEMS 3

/* Was line |ln| dropped by the zone's context alone? */
static int
context_dropped(const struct bp_line *ln)
{
	return ln->keep == 0 && ln->kind != K_BLANK && ln->kind != K_BAD &&
	    ln->reason == R_CONTEXT;
}

static int
blank_or_edge(const struct bp_doc *d, size_t i)
{
	return i >= d->nlines || d->lines[i].kind == K_BLANK;
}

/* Is line |i| a heading set alone: a short line that is no list item and
 * no boilerplate by its shape, with blank lines (or the page's edges) on
 * both sides? */
static int
lone_heading(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];

	return ln->kind != K_BLANK && ln->kind != K_BAD && ln->words >= 1 &&
	    ln->words <= HEADING_WORDS && !(ln->flags & (L_BULLET | L_TERM)) &&
	    (i == 0 || blank_or_edge(d, i - 1)) && blank_or_edge(d, i + 1);
}

/* The nearest non-blank line above line |i|, or SIZE_MAX. */
static size_t
line_above(const struct bp_doc *d, size_t i)
{
	while (i-- > 0)
		if (d->lines[i].kind != K_BLANK)
			return i;
	return SIZE_MAX;
}

/* The nearest non-blank line below line |i|, or d->nlines. */
static size_t
line_below(const struct bp_doc *d, size_t i)
{
	for (i++; i < d->nlines && d->lines[i].kind == K_BLANK; i++)
		;
	return i;
}

/* Did the zone keep line |ln| as the article's own text (not as a title,
 * a standfirst or by a rule of the page's head)? */
static int
kept_as_text(const struct bp_line *ln)
{
	return ln->keep == 1 && (ln->reason == R_BODY || ln->reason == R_TEXT ||
	    ln->reason == R_HEADING || ln->reason == R_LIST || ln->reason == R_TABLE ||
	    ln->reason == R_SHORT_RUN);
}

/* Does line |i|, dropped by the context alone, lead into the article's
 * lines under it (see the top of the file)?  Returns the line of the
 * first of the LEAD_IN_LINES kept lines under it, or SIZE_MAX. */
static size_t
lead_in(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];
	size_t k, first, n, items = 0;
	int asks;

	if (!context_dropped(ln) || ln->words > HEADING_WORDS || (ln->flags & L_BULLET))
		return SIZE_MAX;
	asks = safi_bp_asks(d->base + ln->off, ln->len);
	if (!asks && !(ln->flags & L_COLON))
		return SIZE_MAX;
	if ((k = line_above(d, i)) == SIZE_MAX || !kept_as_text(&d->lines[k]))
		return SIZE_MAX;
	for (first = line_below(d, i); first < d->nlines && items < LEAD_IN_ITEMS &&
	    context_dropped(&d->lines[first]) && d->lines[first].words <= HEADING_WORDS &&
	    !(d->lines[first].flags & L_BULLET); first = line_below(d, first)) {
		if (safi_bp_trails_off(d->base + d->lines[first].off, d->lines[first].len))
			return SIZE_MAX;
		items++;
	}
	if (items > 0 && !asks && ln->words < 2)
		return SIZE_MAX;
	for (k = first, n = 0; n < LEAD_IN_LINES; n++, k = line_below(d, k))
		if (k >= d->nlines || !kept_as_text(&d->lines[k]))
			return SIZE_MAX;
	return first;
}

/* Is the block [s, e) a list of sentences that the context alone
 * dropped? */
static int
dropped_sentences(const struct bp_doc *d, size_t s, size_t e)
{
	size_t k;

	if (e - s < HEADED_ITEMS)
		return 0;
	for (k = s; k < e; k++) {
		const struct bp_line *ln = &d->lines[k];

		if (!context_dropped(ln) || (ln->flags & (L_BULLET | L_TERM)) != (L_BULLET | L_TERM))
			return 0;
	}
	return 1;
}

void
safi_bp_keep_headed_lists(struct bp_doc *d)
{
	size_t i, e, k, u;

	for (i = 0; i < d->nlines; i = e) {
		if (d->lines[i].kind == K_BLANK) {
			e = i + 1;
			continue;
		}
		for (e = i; e < d->nlines && d->lines[e].kind != K_BLANK; e++)
			;
		if (i == 0 || !dropped_sentences(d, i, e))
			continue;
		u = line_above(d, i);
		if (u == SIZE_MAX || !lone_heading(d, u) || !(context_dropped(&d->lines[u]) ||
		    d->lines[u].keep == 1))
			continue;
		for (k = i; k < e; k++) {
			d->lines[k].keep = 1;
			d->lines[k].reason = R_LIST;
		}
	}
	/* The headings, over the lists now kept. */
	for (i = 0; i < d->nlines; i++) {
		const struct bp_line *next;

		if (!context_dropped(&d->lines[i]) || !lone_heading(d, i))
			continue;
		for (k = i + 1; k < d->nlines && d->lines[k].kind == K_BLANK; k++)
			;
		if (k >= d->nlines)
			break;
		next = &d->lines[k];
		if (next->keep == 1 && next->reason != R_TITLE && next->reason != R_STANDFIRST &&
		    (next->flags & (L_BULLET | L_COLON))) {
			d->lines[i].keep = 1;
			d->lines[i].reason = R_HEADING;
		}
	}
	/* The lines that lead into the article's lines under them, and the
	 * first items of their lists. */
	for (i = 0; i < d->nlines; i++) {
		if ((e = lead_in(d, i)) == SIZE_MAX)
			continue;
		d->lines[i].keep = 1;
		d->lines[i].reason = R_HEADING;
		for (k = line_below(d, i); k < e; k = line_below(d, k)) {
			d->lines[k].keep = 1;
			d->lines[k].reason = R_LIST;
		}
	}
}
