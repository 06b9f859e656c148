/*
 * boilerplate_repeat.c - lines the article itself repeats, in the decoder.
 *
 * The page's copies of a line go as duplicates before the decoder runs:
 * a share row above and below the article, a caption the scraper printed
 * twice, a list of sections in the header and in the footer.  An article
 * repeats lines of its own too: a meal plan gives each day the same
 * "Eat 1-2 hours after your workout", a record lists "Document type:
 * Report" under each of its entries.  Such a copy stands in the body zone
 * among kept lines, as its first copy does, and the lines around it are
 * the article's; a copy of furniture stands among furniture, or right
 * below its first copy (a doubled caption).  A page's headline printed
 * twice is the other way round: the copy right above the article is the
 * headline, the first one the page's title bar.  And a table of contents
 * at the top of an article lists its subheadings, each of which comes back
 * below it: the list is furniture, the subheadings the article's.  A
 * "Comments" among its entries links to the comments, it does not start
 * them.
 *
 * Cost: a pass over the zone, a walk of the lines between the title and
 * the zone, and a walk of the page below each marker that ends a run of
 * repeated lines.
 */
#include <stddef.h>
#include <stdint.h>

#include "boilerplate_decoder.h"

/* Is line |i| of the zone from |a| on a dropped copy of a kept line of
 * the zone above it, set apart from that line by another line? */
static int
article_copy(const struct decoder *dc, size_t a, size_t i)
{
	const struct bp_line *ln = &dc->lines[i], *f;
	size_t k;

	if (ln->keep != 0 || ln->reason != R_DUPLICATE || ln->first < a || ln->first >= i)
		return 0;
	f = &dc->lines[ln->first];
	if (f->keep != 1 || f->reason == R_TITLE || f->reason == R_STANDFIRST)
		return 0;
	for (k = i; k-- > ln->first;)
		if (dc->lines[k].kind != K_BLANK)
			return k != ln->first;
	return 0;
}

void
safi_bp_keep_article_copies(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j, k, prev = SIZE_MAX;

	/* The article may go on below the zone, in lists the decoder kept. */
	for (k = dc->nlines; k-- > b + 1;)
		if (dc->lines[k].keep == 1) {
			b = k;
			break;
		}

	for (i = a; i <= b; i = j) {
		j = i + 1;
		if (dc->lines[i].kind == K_BLANK)
			continue;
		if (!article_copy(dc, a, i)) {
			prev = i;
			continue;
		}
		/* A run of copies, between two kept lines of the zone. */
		for (k = i; j <= b && (dc->lines[j].kind == K_BLANK || article_copy(dc, a, j)); j++)
			if (dc->lines[j].kind != K_BLANK)
				k = j;
		if (prev == SIZE_MAX || dc->lines[prev].keep != 1 || j > b || dc->lines[j].keep != 1)
			continue;
		for (; i <= k; i++) {
			struct bp_line *ln = &dc->lines[i];

			if (ln->kind == K_BLANK)
				continue;
			/* Kept for the reason its first copy was. */
			ln->keep = 1;
			ln->reason = dc->lines[ln->first].reason;
		}
	}
}

/*
 * A page prints its headline twice: in its title bar, above the menus,
 * and right above the article, where only a deck, a date, a byline or a
 * share row stands between the copy and the first paragraph.  The copy is the
 * headline; the title bar's line is furniture.  A copy with other lines
 * below it (a box of links) is furniture in its turn.
 */
#define TITLE_FURNITURE 6   /* lines between the copy and the zone, at most */
#define ROW_BUTTONS 3       /* buttons of one or two words under the first
                             * copy that a byline and a date may hold, at most */

/* A reporter's line: one label word and a colon, then a name of at most
 * REPORTER_WORDS words with no digit and no sentence end ("By: Jo Kent",
 * "تقرير: سامي حداد"), as pages print it between the headline and the
 * body. */
#define REPORTER_WORDS 3

static int
reporter_line(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t i = 0;

	if (ln->kind != K_SHORT || ln->words < 2 || ln->words > REPORTER_WORDS + 1 ||
	    (ln->flags & (L_TERM | L_COLON | L_DIGITS | L_BULLET)))
		return 0;
	while (i < ln->len && p[i] == ' ')
		i++;
	while (i < ln->len && p[i] != ' ' && p[i] != ':')
		i++;
	return i < ln->len && p[i] == ':' && i + 1 < ln->len && p[i + 1] == ' ';
}

/* Is |ln| furniture between a headline and its article: a blank line, a
 * button of one or two words, a reporter's line, or a date, a byline, a
 * share button or a counter, alone or as an item of a bulleted row ("• By
 * Jo Kent", "• 3:30 PM"), a caption, a credit or a line of every page. */
static int
headline_furniture(const struct decoder *dc, const struct bp_line *ln)
{
	if (ln->kind == K_BLANK)
		return 1;
	if (ln->kind != K_BAD)
		return (ln->kind == K_SHORT && ln->words <= 2) || reporter_line(dc, ln);
	return ln->reason == R_DATE || ln->reason == R_PHRASE || (ln->flags & L_COUNTER) ||
	    (!(ln->flags & L_BULLET) && (ln->reason == R_CAPTION || ln->reason == R_CREDIT ||
	    ln->reason == R_RECURRING));
}

/* Is line |i| a deck right under a copy of the title |t|: a line of
 * DECK_WORDS words or more, printed once, with no date or time in it (a
 * player's "Length 4:22"), that no other line sets apart from the copy? */
#define DECK_WORDS 5

static int
copy_deck(const struct decoder *dc, size_t t, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t k = i;

	if ((ln->kind != K_NEAR && ln->kind != K_SHORT) || ln->words < DECK_WORDS ||
	    (ln->flags & (L_REPEATED | L_BULLET | L_MARKER | L_DATED)))
		return 0;
	while (k-- > t + 1 && dc->lines[k].kind == K_BLANK)
		;
	return k > t && dc->lines[k].kind != K_BLANK && dc->lines[k].first == t;
}

size_t
safi_bp_headline_copy(const struct decoder *dc, size_t t, size_t deck, size_t top)
{
	size_t i, c = SIZE_MAX, seen = 0, buttons = 0;
	int menu, label;

	/* A first copy of body text's length would be kept as the lead. */
	if (t == SIZE_MAX || !(dc->lines[t].flags & L_REPEATED) || dc->lines[t].kind == K_GOOD)
		return t;
	for (i = top; i-- > t + 1;) {
		const struct bp_line *ln = &dc->lines[i];

		/* A copy of four words or more is a duplicate; a shorter
		 * one ("Retries and backoff") keeps its kind. */
		if (ln->kind != K_BLANK && ln->first == t) {
			c = i;
			break;
		}
		if ((!headline_furniture(dc, ln) && !copy_deck(dc, t, i)) ||
		    (ln->kind != K_BLANK && ++seen > TITLE_FURNITURE))
			return t;
	}
	if (c == SIZE_MAX || deck != SIZE_MAX)
		return t;
	/* A deck or a lead under the first copy makes it the headline (a lead
	 * with only furniture between the two: a paragraph below a menu is a
	 * teaser in a box of stories), and a
	 * "related" marker above the copy a link in a box.  A line under the
	 * first copy that the page prints again is no deck: another headline
	 * of the list the copy stands in ("Most read" repeats it below).  The title bar is
	 * set apart from the article by the page's menus, or by a share row
	 * of buttons ("Copy link", "Email", "More"): with only a byline, a
	 * date or a caption between them, the first copy heads the article
	 * already.  A section's name alone right above the copy ("Football",
	 * "Local news") labels the headline under it: the page's title bar
	 * stands above the label. */
	for (i = t + 1, seen = 0, menu = 0, label = 0; i < c; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		label = ln->kind == K_SHORT && ln->words <= 2 && !(ln->flags & (L_BULLET | L_COLON));
		if ((ln->kind == K_GOOD && !menu) || (seen++ == 0 && ln->kind == K_NEAR &&
		    ln->words >= 5 && !(ln->flags & L_REPEATED)) ||
		    (ln->flags & L_MARKER))
			return t;
		menu |= !headline_furniture(dc, ln);
		buttons += ln->words <= 2;
	}
	return menu || buttons > ROW_BUTTONS || (label && buttons == 1) ? c : t;
}

/*
 * A table of contents: a block of CONTENTS_LINES or more kept lines with no
 * blank line between them, each of two to CONTENTS_WORDS words, each
 * printed again further down the page, in the same order, over a section
 * of its own (a subheading of the article: "What is a heat wave?" in a
 * list under "In this article", then over the paragraphs it heads).  The
 * rows of a table or the lines of a code listing come back as a block,
 * with no paragraph between the copies.  A table of contents heads the
 * article: the block begins in the first CONTENTS_REACH lines of the zone,
 * or above it, in dropped lines glued to it; the subheadings their copies
 * are (dropped as duplicates of dropped lines) are the article's.  A page
 * that sets no blank line between its lines runs the block on into the
 * first section: the block ends above the copy of one of its lines, and
 * when that is the copy of its first line, the first section's heading
 * glued under it, that copy needs no paragraph above it (the others do).
 */
#define CONTENTS_LINES 3
#define CONTENTS_WORDS 15
#define CONTENTS_REACH 40   /* lines from the zone's start where it may begin */

static int
contents_item(const struct bp_line *ln)
{
	return ln->kind != K_BLANK && ln->kind != K_BAD && (ln->flags & L_REPEATED) &&
	    !(ln->flags & (L_TABLE | L_NUMCELL)) && ln->words >= 2 && ln->words <= CONTENTS_WORDS;
}

/* Is |ln| a line a run of contents entries may hold? */
static int
run_entry(const struct bp_line *ln)
{
	return ln->kind != K_BLANK && ln->kind != K_GOOD && ln->words <= CONTENTS_WORDS &&
	    !(ln->flags & (L_TABLE | L_NUMCELL));
}

/* The copy of line |i| from |from| on, kept or dropped as a duplicate,
 * below a body paragraph when |body| is 0 (with one between |from| and
 * it), or SIZE_MAX. */
static size_t
section_copy(const struct decoder *dc, size_t i, size_t from, int body)
{
	size_t k;

	for (k = from; k < dc->nlines; k++) {
		const struct bp_line *ln = &dc->lines[k];

		if (ln->first == i && (ln->keep == 1 || ln->reason == R_DUPLICATE))
			return body ? k : SIZE_MAX;
		body |= ln->kind == K_GOOD;
	}
	return SIZE_MAX;
}

void
safi_bp_drop_contents(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j, k, at, top;
	int glued;

	for (i = a; i <= b && i < dc->nlines && i < a + CONTENTS_REACH; i = j + 1) {
		for (top = i; top > 0 && contents_item(&dc->lines[top - 1]) &&
		    dc->lines[top - 1].keep == 0; top--)
			;
		for (j = i; j < dc->nlines && dc->lines[j].kind != K_BLANK && dc->lines[j].keep == 1 &&
		    (dc->lines[j].first == j || dc->lines[j].first < top); j++)
			;
		if (j == i)
			continue;
		i = top;
		glued = j < dc->nlines && dc->lines[j].first == i;
		if (j - i < CONTENTS_LINES)
			continue;
		for (k = i, at = j; k < j && contents_item(&dc->lines[k]) &&
		    (at = section_copy(dc, k, at, k == i && glued)) != SIZE_MAX; k++)
			;
		if (k < j)
			continue;
		for (k = i, at = j; k < j; k++) {
			at = section_copy(dc, k, at, k == i && glued);
			dc->lines[k].keep = 0;
			dc->lines[k].reason = R_DUPLICATE;
			if (dc->lines[at].keep != 1) {
				dc->lines[at].keep = 1;
				dc->lines[at].reason = R_HEADING;
			}
		}
	}
}

size_t
safi_bp_copy_below(const struct decoder *dc, size_t i, size_t at, int body)
{
	size_t k;

	for (k = at + 1; k < dc->nlines; k++) {
		if (dc->lines[k].first == i)
			return body ? SIZE_MAX : k;
		body &= dc->lines[k].kind != K_GOOD;
	}
	return SIZE_MAX;
}

/*
 * A marker at the end of a table of contents: "Comments" as the last
 * entry of a "Jump to:" list over a recipe's sections.  The run of lines
 * above it, of at most CONTENTS_RUN lines of CONTENTS_WORDS words or fewer
 * with no blank line or body paragraph between them, holds CONTENTS_LINES
 * or more entries printed again below the marker, in the same order, as
 * the headings of the sections they link to, and at least half of its
 * lines are such entries.  The run goes: its entries as duplicates, its
 * label and the entries for sections with no heading of their own (the
 * recipe card) as markers, unless dropped already.
 */
#define CONTENTS_RUN 16

int
safi_bp_contents_marker(struct decoder *dc, size_t m)
{
	size_t top = m, k, c, at, items = 0;

	while (top > 0 && m - top <= CONTENTS_RUN && run_entry(&dc->lines[top - 1]))
		top--;
	if (m - top > CONTENTS_RUN)
		return 0;
	for (k = top, at = m; k < m; k++)
		if ((dc->lines[k].flags & L_REPEATED) &&
		    (c = safi_bp_copy_below(dc, k, at, 0)) != SIZE_MAX) {
			items++;
			at = c;
		}
	if (items < CONTENTS_LINES || 2 * items < m - top)
		return 0;
	for (k = top; k < m; k++)
		if (dc->lines[k].kind != K_BAD) {
			dc->lines[k].kind = K_BAD;
			dc->lines[k].reason = (dc->lines[k].flags & L_REPEATED) ? R_DUPLICATE : R_MARKER;
		}
	return 1;
}
