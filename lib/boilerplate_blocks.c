/*
 * boilerplate_blocks.c - small blocks below a strip of furniture under the
 * article, after the decoder and the author stage.
 *
 * The stages before this one judge lines and runs of lines; what they keep
 * comes out as blocks: runs of kept lines with no dropped line between
 * them.  The article is the block of the most words.  Below it, a page
 * closes the story with its furniture (a share row, tags, a "print" link,
 * a copyright line) and then goes on with boxes that read as prose or as
 * headings: a newsletter's pitch, the author's bio, a sidebar's blurbs,
 * the confirmation text of a sign-up form.  The zone takes them in when
 * the body text around them outweighs the furniture.
 *
 * A strip of furniture that ends an article has several short lines of it
 * (FURNITURE_LINES, each of FURNITURE_WORDS words at most, between two
 * kept blocks): one such line is a caption's credit or a "Related:" label
 * inside the story, and a long line that merely matches a phrase
 * ("cookies are used to ...") is a sentence of a page about that subject.
 * Below such a strip, every kept block that holds less than
 * BLOCK_SHARE percent of the article's words is dropped as the tail.  A
 * shorter strip (STRIP_LINES lines, at least half of the dropped lines
 * between two blocks: a tags line and a "print" link) ends the article for
 * the one block right below it, which is dropped the same way.  A single
 * line alone between two blocks does it for a block of less than
 * LABEL_SHARE percent when it is a marker or a widget phrase ("Comments
 * are closed", "Share|": see closing_label()); a byline or a credit alone
 * leaves the story going on.  Once a block has been dropped so, the
 * article does not come back for a small block: every block below it is
 * judged as below a strip of FURNITURE_LINES, whatever dropped lines stand
 * between them (a box of headlines under a "read now" link, below the box
 * dropped under the article's tags).  An
 * article that goes on below a strip (a page cut in two by its share row)
 * goes on at length, as long as the part above or close to it, and is
 * kept; so is a block of more than BLOCK_WORDS words, longer than any box
 * (a chapter of a book read as one document, whose largest block is far
 * longer still), and a block of two body paragraphs or more below a box
 * that the decoder found inside the article (teaser lines in the strip,
 * or a marker that the cut went past right above the block: "Read also:"
 * and its headline on one line), or whose first two paragraphs each carry an Arabic story on
 * (safi_bp_goes_on(): "wa-adafa", "and he added"; a bio or an about-us
 * opens with its own subject): the article resumed there.  So it did below
 * the stamp of a live page's update (update_stamp(): "8h ago 16.21 GMT"
 * over a kept line) when LIVE_STAMPS updates or more kept above it are
 * stamped so: a live page closes each update with a share row and an
 * "Updated at" line, and its updates go on below them (the stamps of the
 * blocks this stage drops do not count: a comment thread stamps each of
 * its comments too).  So is a block that opens with a post of a thread
 * the decoder kept below the zone (reason *thread*,
 * safi_bp_keep_posts_below()): a short reply is a post as much as a long
 * one.
 *
 * A list printed one item to a line that the zone kept only in part is
 * made whole first (safi_bp_keep_list_runs(), at the end of the file).
 *
 * Cost: two passes over the lines, and one more for the lists.
 */
#include <stddef.h>
#include <stdint.h>

#include "boilerplate_stages.h"

#define FURNITURE_LINES 3
#define STRIP_LINES 2
#define FURNITURE_WORDS 12
#define BLOCK_SHARE 30
#define LABEL_SHARE 10
#define BLOCK_WORDS 500  /* more is no box */
#define STAMP_WORDS 8
#define LIVE_STAMPS 2

/* Is the dropped line |ln| furniture that ends an article: short, and
 * boilerplate by its phrase, or shaped as a menu, a marker or a
 * copyright line? */
static int
furniture(const struct bp_line *ln)
{
	return ln->keep != 1 && ln->words <= FURNITURE_WORDS &&
	    (ln->reason == R_PHRASE || ln->reason == R_MENU || ln->reason == R_MARKER ||
	    ln->reason == R_INLINE_MARKER || ln->reason == R_COPYRIGHT);
}

/* Can the dropped line |ln| end an article alone: a marker ("Comments are
 * closed", "More from ...") or a phrase with a widget word ("Share|",
 * "Subscribe!"), but no menu or copyright line (the shapes of a photo's
 * credit inside the story), no byline or other phrase, and no item of a
 * list that goes on below it? */
static int
closing_label(const struct bp_line *ln)
{
	return furniture(ln) && ln->reason != R_MENU && ln->reason != R_COPYRIGHT &&
	    !(ln->flags & L_BULLET) && (ln->reason != R_PHRASE || (ln->flags & L_WIDGET_WORD));
}

/* The end (one past the last line) of the block of kept lines that starts
 * at line |i|, and its words in *words.  A note about the writer that the
 * author stage dropped stays in its block, as its kept lines would. */
static size_t
block_end(const struct bp_doc *d, size_t i, uint64_t *words)
{
	*words = 0;
	for (; i < d->nlines; i++) {
		const struct bp_line *ln = &d->lines[i];

		if (ln->kind == K_BLANK || (ln->keep != 1 && ln->reason == R_AUTHOR))
			continue;
		if (ln->keep != 1)
			break;
		*words += ln->words;
	}
	return i;
}

/* The body paragraphs among lines [i, e). */
static size_t
paragraphs(const struct bp_doc *d, size_t i, size_t e)
{
	size_t n = 0;

	for (; i < e; i++)
		n += d->lines[i].kind == K_GOOD;
	return n;
}

/* Does the block [i, e) open with two body paragraphs that each carry an
 * Arabic story on (see safi_bp_goes_on())?  A comment that opens with an
 * oath ("wallah") does too, but a thread's comments do not all. */
static int
resumes(const struct bp_doc *d, size_t i, size_t e)
{
	size_t paras = 0;

	for (; i < e && paras < 2; i++) {
		const struct bp_line *ln = &d->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind != K_GOOD || !safi_bp_goes_on(d->base + ln->off, ln->len))
			return 0;
		paras++;
	}
	return paras == 2;
}

/* Is line |i| the stamp of a live page's update: a date or a time of
 * STAMP_WORDS words at most, no list item, over a kept line? */
static int
update_stamp(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];

	if (ln->kind != K_BAD || !(ln->flags & L_DATED) || (ln->flags & L_BULLET) ||
	    ln->words > STAMP_WORDS)
		return 0;
	for (i++; i < d->nlines && d->lines[i].kind == K_BLANK; i++)
		;
	return i < d->nlines && d->lines[i].keep == 1 && d->lines[i].kind != K_BAD;
}

void
safi_bp_drop_trailing_blocks(struct bp_doc *d)
{
	size_t i, k, e, main_end = SIZE_MAX, strip = 0, gap = 0, stamps = 0;
	uint64_t words, most = 0;
	unsigned share;
	int below_strip = 0, label = 0, box = 0, marked = 0, stamped = 0;

	for (i = 0; i < d->nlines; i = e) {
		if (d->lines[i].kind == K_BLANK || d->lines[i].keep != 1) {
			e = i + 1;
			continue;
		}
		e = block_end(d, i, &words);
		if (words > most) {
			most = words;
			main_end = e;
		}
	}
	if (main_end == SIZE_MAX)
		return;
	for (k = 0; k < main_end; k++)
		stamps += update_stamp(d, k);
	for (i = main_end; i < d->nlines; i = e) {
		struct bp_line *ln = &d->lines[i];

		e = i + 1;
		if (ln->kind == K_BLANK)
			continue;
		if (ln->keep != 1 && ln->reason == R_AUTHOR)
			continue;  /* a box of its own, as a kept bio would be */
		if (ln->keep != 1) {
			gap++;
			stamped = update_stamp(d, i);
			box |= ln->reason == R_TEASER;
			marked = ln->reason == R_MARKER;
			strip += furniture(ln);
			label = gap == 1 && closing_label(ln);
			below_strip |= strip >= FURNITURE_LINES;
			continue;
		}
		if (below_strip || (strip >= STRIP_LINES && 2 * strip >= gap))
			share = BLOCK_SHARE;
		else if (label)
			share = LABEL_SHARE;
		else
			share = 0;
		strip = 0;
		gap = 0;
		e = block_end(d, i, &words);
		if (((box || marked) && paragraphs(d, i, e) >= 2) || resumes(d, i, e) ||
		    (stamped && stamps >= LIVE_STAMPS) || ln->reason == R_THREAD)
			share = 0;
		box = 0;
		marked = 0;
		if (100 * words >= share * most || words > BLOCK_WORDS) {
			/* the stamps of the updates kept */
			stamps += stamped;
			for (k = i; k < e; k++)
				stamps += update_stamp(d, k);
			continue;
		}
		below_strip = 1;  /* the tail has begun */
		for (; i < e; i++)
			if (d->lines[i].keep == 1) {
				d->lines[i].keep = 0;
				d->lines[i].reason = R_TAIL;
			}
	}
}


/* A box below a note about the writer opens with a lead of at most
 * BOX_LEAD_WORDS words that ends no sentence ("Republish this story",
 * "Support our newsroom"), with a body paragraph below it. */
#define BOX_LEAD_WORDS 6

/* Do the lines [i, e) of a block read as boxes: opening with a short lead
 * that ends no sentence, and holding a body paragraph? */
static int
box_lead(const struct bp_doc *d, size_t i, size_t e)
{
	const struct bp_line *ln = &d->lines[i];

	if (ln->kind == K_GOOD || ln->words > BOX_LEAD_WORDS || (ln->flags & (L_TERM | L_BULLET | L_COLON)))
		return 0;
	return paragraphs(d, i, e) > 0;
}

void
safi_bp_drop_boxes_below_note(struct bp_doc *d)
{
	size_t i, j, e;
	uint64_t above = 0, words;

	for (i = 0; i < d->nlines; i++) {
		const struct bp_line *ln = &d->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->keep == 1) {
			above += ln->words;
			continue;
		}
		if (ln->reason != R_AUTHOR || above == 0) {
			above = 0;
			continue;
		}
		for (j = i + 1; j < d->nlines && (d->lines[j].kind == K_BLANK ||
		    (d->lines[j].keep != 1 && d->lines[j].reason == R_AUTHOR)); j++)
			;
		if (j == d->nlines || d->lines[j].keep != 1)
			continue;
		e = block_end(d, j, &words);
		if (100 * words >= BLOCK_SHARE * above || !box_lead(d, j, e)) {
			i = j - 1;
			continue;
		}
		for (; j < e; j++)
			if (d->lines[j].keep == 1) {
				d->lines[j].keep = 0;
				d->lines[j].reason = R_TAIL;
			}
		above = 0;
		i = e - 1;
	}
}
/*
 * A list the page prints one item to a line, with no blank line between
 * its items (the tools a how-to needs, the ingredients of a recipe, the
 * tickets of an event), is one block: when the zone kept some of its
 * items as text (a line of five words or more beside body text) and its
 * context dropped the others (an item of a few words stays only above body
 * text, and the next item is no body text), the dropped items are kept as
 * the *list* too.  A run of LIST_RUN_LINES lines or more
 * is such a list when every line of it is LIST_ITEM_WORDS words at most
 * (a run of longer lines is prose the page wrapped), none is boilerplate
 * by its shape but those the zone kept (a date or a number of a record),
 * and its lines are all list items or all plain lines: a plain line under
 * a bulleted list ("Archive" under a blog's links) is a label of the box,
 * not one of its items.  Its first line is its heading or the box's label
 * ("References", "Back to the glossary", "Ingredients"), not an item: the
 * zone's context judged it as a heading, and it is left as it is; but in a
 * bulleted run the first line carries its bullet as the others do, and a
 * heading carries none: it is the list's first item, kept with the rest
 * (the heading over it is then kept by safi_bp_keep_headed_lists()).
 */
#define LIST_RUN_LINES 3
#define LIST_ITEM_WORDS 12

/* Are lines [i, e), a run with no blank line, one list whose items (its
 * lines below the first, or all of them when they are list items) the
 * zone kept in part?  What vouches for it is an
 * item kept as text or as a list item, not its last line: the context keeps
 * a run's last short line above body text, a menu's last link too, and a
 * heading it keeps above a line of text may be a sidebar's. */
static int
split_list(const struct bp_doc *d, size_t i, size_t e)
{
	size_t k, kept = 0, dropped = 0;
	uint32_t bullet = d->lines[i].flags & L_BULLET;

	if (e - i < LIST_RUN_LINES)
		return 0;
	for (k = i; k < e; k++) {
		const struct bp_line *ln = &d->lines[k];

		if (ln->words > LIST_ITEM_WORDS || (ln->flags & L_BULLET) != bullet ||
		    (ln->keep != 1 && (ln->kind == K_BAD || ln->reason != R_CONTEXT)))
			return 0;
		if (k == i && !bullet)
			continue;
		if (ln->keep == 1)
			kept += k + 1 < e && (ln->reason == R_TEXT || ln->reason == R_LIST);
		else
			dropped++;
	}
	return kept > 0 && dropped > 0;
}

void
safi_bp_keep_list_runs(struct bp_doc *d)
{
	size_t i, e, k;

	for (i = 0; i < d->nlines; i = e) {
		if (d->lines[i].kind == K_BLANK) {
			e = i + 1;
			continue;
		}
		for (e = i; e < d->nlines && d->lines[e].kind != K_BLANK; e++)
			;
		if (!split_list(d, i, e))
			continue;
		for (k = (d->lines[i].flags & L_BULLET) ? i : i + 1; k < e; k++)
			if (d->lines[k].keep != 1) {
				d->lines[k].keep = 1;
				d->lines[k].reason = R_LIST;
			}
	}
}
