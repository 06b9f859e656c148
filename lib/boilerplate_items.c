/*
 * boilerplate_items.c - the items of a list article, in the decoder.
 *
 * A list article ("30 designs to ...", a numbered index of an author's
 * pieces, "The dates are as follows." over the dates) goes on below its
 * lead in short lines, one per item, which the body zone does not take
 * in: each scores as a short line, and a run of them ends the zone as a
 * list of other stories would.  What tells the article's own items from
 * other stories is the count the headline gives, a numbering in sequence
 * from 1, or a short closing line of the zone that introduces them and
 * shares the article's topic; and none of them is printed twice on the
 * page.  Such runs are kept (below).
 *
 * Cost: one read of the run below the zone, and one of the gap above it.
 */
#include <stddef.h>
#include <stdint.h>

#include "boilerplate_decoder.h"

/*
 * The items of an article that counts them, below its zone [a, b]: a list
 * article's headline that opens with the number of its items ("12 ways to
 * ...", "8 talks on ...") goes on below its lead in short lines, one per
 * item, each opening a block (a blank line over it) and followed, inside
 * its block, by no boilerplate (an item's description may be a body
 * paragraph); a list numbered in sequence from 1 ("1. ...", "2. ...")
 * right below the zone (or going on with the zone's last item),
 * COUNTED_ITEMS items or more of COUNTED_WORDS words on average (a tag
 * list numbers single words), each next list under a short label
 * (numbered_run()); and the short lines that a short line closing the
 * zone under its lead introduces ("The dates are as follows."), down to
 * the footer, when the first of them shares the topic of the zone's body
 * or headline (introduced_run()), are the article's.  A list
 * of other stories or a footer below an article shows a marker or
 * furniture before it, tells no count, and does not end on it: the run
 * opens right below the zone's last line with an item, no boilerplate
 * line opens its blocks but a lone short line between two items, it
 * holds no line printed twice on the page, and it ends at the first
 * boilerplate line past its last item, above the cut |cut|, with as many
 * items as the headline |t| counts, or one fewer (the lead tells one).
 * A numbered list ends at its last item in sequence.  The run's lines
 * that only their place dropped (as tail) are kept, as the parts of a
 * structured article are.  Cost: one read of the run.
 */
#define COUNTED_ITEMS 3
#define COUNTED_MAX 100
#define COUNTED_WORDS 4

/* The first letter bytes a count may stand before in a headline ("30
 * Designs", "8 great talks"): Latin letters, and the lead bytes of the
 * Arabic block. */
static const char count_seps[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\xD8\xD9\xDA\xDB";

/* Is line |i| printed more than once on the page? */
static int
printed_twice(const struct decoder *dc, size_t i)
{
	return dc->lines[i].first != i || (dc->lines[i].flags & L_REPEATED);
}

/* The last item of a run below line |b|, above |cut|, that has the count
 * headline |t| tells, or SIZE_MAX. */
static size_t
counted_run(const struct decoder *dc, size_t t, size_t b, size_t cut)
{
	size_t i, j, last = SIZE_MAX;
	unsigned count = 0, items = 0;

	if (t != SIZE_MAX && t < b)
		count = safi_bp_number_opening(dc, t, count_seps);
	if (count < COUNTED_ITEMS || count > COUNTED_MAX)
		return SIZE_MAX;
	for (i = next_line(dc, b); i < cut && items < count; i = next_line(dc, i)) {
		const struct bp_line *ln = &dc->lines[i];

		if (printed_twice(dc, i))
			break;
		if (dc->lines[i - 1].kind != K_BLANK) {
			if (ln->kind == K_BAD)
				break;
			continue;  /* an item's description */
		}
		if (ln->kind == K_BAD) {
			/* A lone short line between two items is one that a
			 * phrase took for furniture. */
			if (items == 0 || ln->words > dc->o->max_heading || i + 1 >= cut ||
			    dc->lines[i + 1].kind != K_BLANK ||
			    (j = next_line(dc, i)) >= cut || dc->lines[j].kind == K_BAD)
				break;
			items++;
			continue;
		}
		if (ln->kind == K_GOOD || ln->words > dc->o->max_heading)
			break;
		items++;
		last = i;
	}
	return items >= COUNTED_ITEMS && items + 1 >= count ? last : SIZE_MAX;
}

/* The last item of the lists numbered in sequence from 1 right below line
 * |b|, above |cut|, each list under a short label or none, or SIZE_MAX. */
static size_t
numbered_run(const struct decoder *dc, size_t b, size_t cut, int labelled)
{
	size_t i, j, last = SIZE_MAX, words = 0, items = 0;
	unsigned seq = item_number(dc, b), v;

	for (i = next_line(dc, b); i < cut; i = next_line(dc, i)) {
		const struct bp_line *ln = &dc->lines[i];

		if (printed_twice(dc, i))
			break;
		v = item_number(dc, i);
		if (v != 0 && v == seq + 1 && list_item(ln)) {
			seq++;
			items++;
			last = i;
			words += ln->words;
			continue;
		}
		/* A short label over the next list, numbered from 1 again. */
		if ((seq > 0 || (labelled && i == next_line(dc, b))) && v == 0 && ln->kind != K_BAD &&
		    !(ln->flags & (L_TERM | L_BULLET | L_COLON)) && ln->words <= dc->o->max_heading &&
		    (j = next_line(dc, i)) < cut && item_number(dc, j) == 1) {
			seq = 0;
			continue;
		}
		break;
	}
	return items >= COUNTED_ITEMS && words >= COUNTED_WORDS * items ? last : SIZE_MAX;
}

/* Keeps the lines after |from| down to |end| that only their place, as
 * |reason|, dropped, and the numbered items among them that read as dates
 * or symbols ("11. A title (May 12, 2004)"). */
static void
keep_run_lines(struct decoder *dc, size_t from, size_t end, int reason)
{
	size_t i;

	for (i = from + 1; i <= end; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->keep || ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_BAD ? !list_item(ln) || ln->reason == R_DUPLICATE ||
		    item_number(dc, i) == 0 : ln->reason != reason)
			continue;
		ln->keep = 1;
		ln->reason = ln->kind == K_GOOD ? R_BODY : (ln->flags & L_BULLET) ? R_LIST :
		    ln->kind == K_NEAR ? R_TEXT : R_HEADING;
	}
}

/*
 * The numbered lists between the lead kept above the zone and the zone's
 * first line |top|: an index of an author's pieces, a list of sources
 * under the article's introduction, set out as lists numbered in sequence
 * from 1 (numbered_run()), each under a short label or none, that fill
 * the lines from the last kept line above |top| down to |top| (or go on
 * into the zone), are the article's.  Cost: one read of the lines.
 */
void
safi_bp_keep_numbered_gap(struct decoder *dc, size_t top)
{
	size_t k, end;

	for (k = top; k-- > 0 && dc->lines[k].keep != 1;)
		;
	if (k == SIZE_MAX || dc->lines[k].kind != K_GOOD ||
	    (end = numbered_run(dc, k, top, 1)) == SIZE_MAX || next_line(dc, end) < top)
		return;
	keep_run_lines(dc, k, end, R_HEAD);
}

/* The last line of a run of short lines below the zone's last line |b|, a
 * kept short line that introduces them, down to a footer's first line or
 * |cut|, or SIZE_MAX. */
static size_t
introduced_run(const struct decoder *dc, size_t t, size_t a, size_t b, size_t cut)
{
	const struct bp_line *ln = &dc->lines[b];
	struct bp_topic tp;
	size_t i, last = SIZE_MAX, n = 0;

	if (ln->keep != 1 || ln->kind == K_GOOD || ln->words > dc->o->max_heading ||
	    (ln->flags & L_BULLET) || !(ln->flags & (L_TERM | L_COLON)))
		return SIZE_MAX;
	for (i = b; i-- > a && dc->lines[i].kind == K_BLANK;)
		;
	if (i == SIZE_MAX || i < a || dc->lines[i].kind != K_GOOD || dc->lines[i].keep != 1)
		return SIZE_MAX;  /* no lead paragraph right above the line */
	for (i = next_line(dc, b); i < cut; i = next_line(dc, i)) {
		ln = &dc->lines[i];
		if (safi_bp_footer_line(ln))
			break;
		if (printed_twice(dc, i) || ln->kind == K_GOOD || ln->words > dc->o->max_heading ||
		    (ln->flags & (L_BULLET | L_MARKER)) ||
		    (ln->kind == K_BAD && ln->reason != R_DATE && ln->reason != R_SYMBOLS &&
		    ln->reason != R_URL))
			return SIZE_MAX;
		n++;
		last = i;
	}
	if (n < COUNTED_ITEMS)
		return SIZE_MAX;
	safi_bp_zone_topic(dc, a, b, 0, &tp);
	if (t != SIZE_MAX)
		topic_add(dc, &tp, t);
	return safi_bp_topic_run_start(dc, &tp, b, last + 1) == next_line(dc, b) ? last : SIZE_MAX;
}

void
safi_bp_keep_counted_items(struct decoder *dc, size_t t, size_t a, size_t b, size_t cut)
{
	size_t end;

	if (cut > dc->nlines)
		cut = dc->nlines;
	if ((end = counted_run(dc, t, b, cut)) != SIZE_MAX) {
		/* The last item's block: its description. */
		while (end + 1 < cut && dc->lines[end + 1].kind != K_BLANK &&
		    dc->lines[end + 1].kind != K_BAD && !printed_twice(dc, end + 1))
			end++;
	} else if ((end = numbered_run(dc, b, cut, 0)) == SIZE_MAX &&
	    (end = introduced_run(dc, t, a, b, cut)) == SIZE_MAX) {
		return;
	}
	keep_run_lines(dc, b, end, R_TAIL);
}

/*
 * The numbered sections of a document below its zone [a, b]: a
 * specification, a manual, a guide whose zone kept two of its sections
 * under headings numbered in sequence ("1. Introduction", "2. Terms") and
 * ended over the next ("3. Format"), cut off by a figure of symbols or a
 * table of short cells that score as furniture.  The line right below the
 * zone is a short heading numbered next after the zone's last numbered
 * heading, whose number the heading above it in the zone counts down
 * from.  Below it, the headings of the next sections follow, each one
 * numbered next or the same (a subsection, "3.1."), SECTION_GAP lines at
 * most apart; no marker stands between them and no line printed twice on
 * the page (a list of contents, a feed).  The run ends with the block
 * under its last heading.  Its lines that only their place dropped (as
 * tail) are kept.  A list of other stories below an article is numbered from 1
 * again, not on from the article's sections.  Cost: one read of the zone
 * and of the run.
 */
#define SECTION_GAP 10

/* The number of the short heading at line |i| ("3. Format", "3.1. Scope"),
 * or 0. */
static unsigned
section_number(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	if (ln->kind == K_GOOD || ln->words > dc->o->max_heading || (ln->flags & L_TERM))
		return 0;
	return safi_bp_number_opening(dc, i, ".");
}

void
safi_bp_keep_numbered_sections(struct decoder *dc, size_t a, size_t b, size_t cut)
{
	size_t i, k, h, last, gap = 0;
	unsigned v = 0, below = 0;

	if (cut > dc->nlines)
		cut = dc->nlines;
	h = next_line(dc, b);
	if (h >= cut || dc->lines[h].kind == K_BAD || (v = section_number(dc, h)) < 3 ||
	    printed_twice(dc, h))
		return;
	/* The zone's last numbered heading, and the one it goes on from. */
	for (k = b + 1; k-- > a;)
		if (dc->lines[k].keep == 1 && (below = section_number(dc, k)) != 0)
			break;
	if (k == SIZE_MAX || k < a || below + 1 != v)
		return;
	while (k-- > a)
		if (dc->lines[k].keep == 1 && section_number(dc, k) != 0)
			break;
	if (k == SIZE_MAX || k < a || section_number(dc, k) + 2 != v)
		return;
	last = h;
	for (i = next_line(dc, h); i < cut && gap <= SECTION_GAP; i = next_line(dc, i)) {
		const struct bp_line *ln = &dc->lines[i];
		unsigned n = ln->kind == K_BAD ? 0 : section_number(dc, i);

		if ((ln->flags & L_MARKER) || (printed_twice(dc, i) && ln->reason != R_SYMBOLS))
			break;  /* a figure repeats its rules, no other line */
		if (n == v || n == v + 1) {
			v = n;
			last = i;
			gap = 0;
		} else {
			gap++;
		}
	}
	/* The block under the last heading: its text, up to a heading or
	 * furniture. */
	for (i = next_line(dc, last); i < cut; i = next_line(dc, i)) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BAD || printed_twice(dc, i) ||
		    (ln->kind != K_GOOD && !(ln->flags & L_TERM)))
			break;
	}
	for (k = b + 1; k < i; k++) {
		struct bp_line *ln = &dc->lines[k];

		if (ln->keep || ln->kind == K_BLANK || ln->kind == K_BAD || ln->reason != R_TAIL)
			continue;
		ln->keep = 1;
		ln->reason = ln->kind == K_GOOD ? R_BODY : (ln->flags & L_BULLET) ? R_LIST :
		    ln->kind == K_NEAR ? R_TEXT : R_HEADING;
	}
}
