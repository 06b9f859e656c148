/*
 * boilerplate_notice.c - notices boxed with their buttons, before the
 * decoder.
 *
 * A cookie or consent notice, a newsletter sign-up, an app prompt: a page
 * writes them as a paragraph of prose that reads as body text, but sets
 * it in a box with its buttons and fields ("Accept", "Settings", "Email",
 * "Subscribe").  On a page that separates its paragraphs with blank
 * lines, the box comes out as a block with no blank line inside: one
 * paragraph, lines that are boilerplate by their shape (its heading: "Our
 * newsletter") and short lines of at most NOTICE_BUTTON_WORDS words, one of
 * them below the paragraph a widget (boilerplate by its phrase, or
 * holding a widget word: the buttons follow the notice), and the
 * paragraph holds a widget word of its own ("privacy", "newsletter").
 * Above the page's first paragraph set apart, a row of NOTICE_ROW buttons
 * or more right below the paragraph does instead: a consent box, in
 * whatever words its language writes the notice (with its heading over
 * the paragraph, and a row led by one button, when no date stamp tells
 * a headline's lead and byline).  An article's
 * paragraphs stand alone between blank lines there.  The paragraph of
 * such a block is dropped as a widget, so that
 * the decoder does not start the article at a notice above it, nor run
 * the article on into a sign-up box below it.  On a page without blank
 * lines, the first paragraph is such a notice when a button follows it.
 * A consent box of several paragraphs set apart above the page's header
 * is told by its place and its row of buttons (drop_top_notice()).  A
 * pitch with no widget word is told by its buttons alone (pitch_box()).
 *
 * Cost: a pass over the lines, and a second one over each block.
 */
#include <stddef.h>
#include <stdint.h>

#include "boilerplate_stages.h"

#define NOTICE_BUTTON_WORDS 3
/* Paragraphs standing alone between blank lines that show the page sets
 * its paragraphs apart. */
#define NOTICE_SPACED 1
/* Paragraphs that do not stand alone: the notices of a page. */
#define NOTICE_MAX 2
/* Buttons in a row right below a notice above the article. */
#define NOTICE_ROW 2
/* Paragraphs, and lines in all, of a notice set apart above a page's
 * header. */
#define TOP_PARAS 4
#define TOP_LINES 10
/* Lines of the row of buttons and the header's menu it runs on into. */
#define TOP_MENU 6
/* Words of an advertisement's copy under its label. */
#define PITCH_COPY 15

static int
blank_at(const struct bp_doc *d, size_t i)
{
	return i >= d->nlines || d->lines[i].kind == K_BLANK;
}

/* Is line |i| a paragraph with blank lines (or the document's edge) on
 * both sides? */
static int
spaced_paragraph(const struct bp_doc *d, size_t i)
{
	return d->lines[i].kind == K_GOOD && (i == 0 || blank_at(d, i - 1)) && blank_at(d, i + 1);
}

/* Is line |ln| a date stamp? */
static int
stamp(const struct bp_line *ln)
{
	return (ln->flags & L_DATED) || (ln->kind == K_BAD && ln->reason == R_DATE);
}

/* Is line |ln| a date stamp, or a menu's or a path's row? */
static int
stamp_or_path(const struct bp_line *ln)
{
	return stamp(ln) || (ln->flags & L_SEPARATED) ||
	    (ln->kind == K_BAD && ln->reason == R_MENU);
}

/* Is line |i| a button of a notice: a line of at most
 * NOTICE_BUTTON_WORDS words, boilerplate by its phrase or holding a widget
 * word? */
static int
button(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];

	return i < d->nlines && ln->kind != K_BLANK && ln->words <= NOTICE_BUTTON_WORDS &&
	    ((ln->kind == K_BAD && ln->reason == R_PHRASE) || (ln->flags & L_WIDGET_WORD));
}

/* The block [s, e) of non-blank lines: the index of its one paragraph
 * when it is a notice box, or SIZE_MAX.  The paragraph holds a widget
 * word and a button follows it in the block; or, when the block stands
 * |above| the page's first paragraph set apart, a row of at least
 * NOTICE_ROW buttons follows it right below ("Accept", "Reject",
 * "Settings"): the consent box a site prints before its article, in
 * whatever words its language writes the notice.  There the box may
 * carry its heading over the paragraph ("We value your privacy"), as the
 * site's name may stand above it, and only the first line of its row
 * need be a button: the others name what the site offers in words of its
 * own ("Only necessary", "Manage choices").  No line of such a box is a
 * date stamp: a headline and its lead over a byline, a date and a share
 * row are no box. */
static size_t
notice_paragraph(const struct bp_doc *d, size_t s, size_t e, int above)
{
	size_t i, para = SIZE_MAX;
	int widgets = 0, row = 0, in_row = 0, shorts = 0, in_shorts = 0, headed = 0, dated = 0;

	if (e - s < 2)
		return SIZE_MAX;
	for (i = s; i < e; i++) {
		const struct bp_line *ln = &d->lines[i];

		dated |= stamp(ln);
		if (ln->words > NOTICE_BUTTON_WORDS && ln->kind != K_BAD) {
			if (para != SIZE_MAX || (ln->kind != K_GOOD && !above))
				return SIZE_MAX;
			if (ln->kind != K_GOOD) {
				headed = 1;  /* the box's heading, or the site's name */
				continue;
			}
			para = i;
			in_row = 1;
			in_shorts = button(d, i + 1);
			continue;
		}
		if (para == SIZE_MAX)
			continue;
		widgets += (ln->kind == K_BAD && ln->reason == R_PHRASE) ||
		    (ln->flags & L_WIDGET_WORD);
		in_row = in_row && button(d, i);
		row += in_row;
		in_shorts = in_shorts && ln->words <= NOTICE_BUTTON_WORDS && !stamp(ln);
		shorts += in_shorts;
	}
	if (para == SIZE_MAX || (headed && dated))
		return SIZE_MAX;
	if (widgets > 0 && (d->lines[para].flags & L_WIDGET_WORD))
		return para;
	if (!above)
		return SIZE_MAX;
	return row >= NOTICE_ROW || (shorts >= NOTICE_ROW && !dated) ? para : SIZE_MAX;
}

/*
 * A page printed without blank lines has no blocks to tell a box by: a
 * notice above the article runs on into the menus and the article.  The
 * first paragraph of such a page, when it holds a widget word and a
 * button follows it right below ("We use cookies ...", then "Accept"),
 * is a notice, when a body paragraph follows further down: a site prints
 * its consent or sign-up box before its header and its article, and an
 * article's lead does not end at a button.
 */
static void
drop_first_notice(struct bp_doc *d)
{
	size_t i, j;

	for (i = 0; i < d->nlines && d->lines[i].kind != K_GOOD; i++)
		;
	if (i >= d->nlines || !(d->lines[i].flags & L_WIDGET_WORD) || !button(d, i + 1))
		return;
	/* Above an article: a paragraph alone on its page is the page's. */
	for (j = i + 2; j < d->nlines && d->lines[j].kind != K_GOOD; j++)
		;
	if (j < d->nlines) {
		d->lines[i].kind = K_BAD;
		d->lines[i].reason = R_WIDGET;
	}
}

/*
 * A consent box printed above the page's header, on a page that sets its
 * paragraphs apart, comes out in blocks of its own: a heading ("We value
 * your privacy"), up to TOP_PARAS paragraphs standing alone, then the
 * row of its buttons ("Accept all", "Reject all", "Settings"), which runs
 * on into the header's menu with no blank line: TOP_MENU lines or more.
 * The page opens with it: at most TOP_LINES lines, none of them short but
 * its heading, the first line, before the first paragraph is done, and
 * nothing but paragraphs and long lines above the row.  One line of the
 * box or of the row's first NOTICE_ROW is boilerplate by its phrase or
 * holds a widget word ("This site uses cookies", "Accept all"), and the
 * page goes on below with more paragraphs than the box has: an article
 * below its header.  No line of the box is a date stamp or a path
 * ("Home | Science"), and no button of the row a date stamp: an article's
 * headline and lead under its breadcrumb, over its byline and its date,
 * are no such box.
 */
static void
drop_top_notice(struct bp_doc *d)
{
	size_t i, j, n = 0, paras = 0, below = 0;
	int phrase = 0;

	for (i = 0; i < d->nlines; i++) {
		const struct bp_line *ln = &d->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (++n > TOP_LINES)
			return;
		if (ln->words <= NOTICE_BUTTON_WORDS && paras > 0)
			break;
		if (stamp_or_path(ln))
			return;
		phrase |= ln->kind == K_BAD && ln->reason == R_PHRASE;
		if (ln->kind == K_GOOD) {
			if (!spaced_paragraph(d, i) || ++paras > TOP_PARAS)
				return;
		} else if (ln->words <= NOTICE_BUTTON_WORDS && n > 1) {
			return;
		}
	}
	/* The row: NOTICE_ROW short lines or more, with no blank between. */
	for (j = i; j < d->nlines && j - i < NOTICE_ROW; j++) {
		const struct bp_line *ln = &d->lines[j];

		if (ln->kind == K_BLANK || ln->words > NOTICE_BUTTON_WORDS || stamp(ln))
			return;
		phrase |= button(d, j);
	}
	if (j - i < NOTICE_ROW || !phrase)
		return;
	while (j < d->nlines && d->lines[j].kind != K_BLANK)
		j++;
	if (j - i < TOP_MENU)
		return;
	for (; j < d->nlines && below <= paras; j++)
		below += d->lines[j].kind == K_GOOD;
	if (below <= paras)
		return;
	for (j = 0; j < i; j++) {
		if (d->lines[j].kind == K_GOOD) {
			d->lines[j].kind = K_BAD;
			d->lines[j].reason = R_WIDGET;
		}
	}
}

/*
 * A pitch boxed with its buttons: the block [s, e) is one paragraph and,
 * for the rest, the buttons of a sign-up or an advertisement ("Your
 * email", "Subscribe"; "Advertisement" over the copy).  A site sets such
 * a box under or amid its article in words of its own, with no widget
 * word to tell it by, where its article's paragraphs stand alone between
 * blank lines.  A box that opens with its paragraph closes with
 * NOTICE_ROW buttons or more, a field and its button: one line below a
 * paragraph is its credit or its share row.  On a page |alone| (all
 * paragraphs but its notices stand alone) a label over the paragraph
 * will do, when the paragraph is an advertisement's copy: PITCH_COPY
 * words at most and no full stop; elsewhere a label over a paragraph may
 * head an article's first lines.  No line of the box is a date stamp,
 * and no button ends in a colon ("Tags:" heads what follows).  Returns
 * the paragraph's index, or SIZE_MAX.
 */
static size_t
pitch_box(const struct bp_doc *d, size_t s, size_t e, int alone)
{
	size_t i, para = SIZE_MAX;

	if (e - s < (alone ? 2 : 1 + NOTICE_ROW))
		return SIZE_MAX;
	if (d->lines[s].kind == K_GOOD && e - s < 1 + NOTICE_ROW)
		return SIZE_MAX;
	for (i = s; i < e; i++) {
		const struct bp_line *ln = &d->lines[i];

		if (stamp(ln))
			return SIZE_MAX;
		if (ln->kind == K_GOOD && ln->words > NOTICE_BUTTON_WORDS && para == SIZE_MAX &&
		    (i == s || (alone && !(ln->flags & L_TERM) && ln->words <= PITCH_COPY)))
			para = i;
		else if (!button(d, i) || (ln->flags & L_COLON))
			return SIZE_MAX;
	}
	return para;
}

void
safi_bp_drop_notice_boxes(struct bp_doc *d)
{
	size_t i, s, p, spaced = 0, paragraphs = 0;
	int above = 1, alone;

	drop_top_notice(d);
	for (i = 0; i < d->nlines; i++) {
		paragraphs += d->lines[i].kind == K_GOOD;
		spaced += spaced_paragraph(d, i);
	}
	/* A page that sets no paragraph apart runs its notice on into the
	 * page: only the first paragraph, with its button below, is told. */
	if (spaced == 0) {
		drop_first_notice(d);
		return;
	}
	if (spaced < NOTICE_SPACED)
		return;
	/* All paragraphs but the notices stand alone. */
	alone = paragraphs <= spaced + NOTICE_MAX;
	for (i = 0; i < d->nlines; i++) {
		if (d->lines[i].kind == K_BLANK)
			continue;
		above = above && !spaced_paragraph(d, i);
		for (s = i; i < d->nlines && d->lines[i].kind != K_BLANK; i++)
			;
		if ((p = pitch_box(d, s, i, alone)) != SIZE_MAX ||
		    (alone && (p = notice_paragraph(d, s, i, above)) != SIZE_MAX)) {
			d->lines[p].kind = K_BAD;
			d->lines[p].reason = R_WIDGET;
		}
	}
}
