/*
 * boilerplate_list.c - lists in the decoder: other stories' titles inside
 * the zone, the article's own lists that a colon introduces, the rest of
 * a box of links that the zone kept below its dropped first items, the
 * list under a dropped marker, and a recipe's blocks of amounts between
 * its paragraphs (below).
 *
 * The zone keeps a short line when body text follows it, so a run of
 * short lines between two paragraphs is kept whole however long it is.
 * Below an article, pages print lists of links to other stories ("8 Best
 * Cities for ...", a "more from this section" list, a sidebar's headings)
 * above the teasers or the sidebar text that the zone took in with the
 * article.  Such a list gives itself away by its words and its shape: its
 * words are not the article's, and its items are titles, not parts of a
 * sentence (none goes on in lower case from the line above, none ends in
 * a colon, few end a sentence, few start with a number).  An article's own
 * list uses the words of the paragraphs above it, or has the shape of
 * one: the steps of a recipe start with their quantities, the points of
 * a story end in full stops or go on in lower case, a colon introduces
 * a list, and a table is data.  The lines of a paragraph wrapped by the
 * page (marked as wrapped, or below a paragraph that ends no sentence)
 * are not a list either.
 *
 * Cost: a pass over the zone; the first LIST_RUNS runs of titles of a
 * page count their words against the body above them, once each.  The
 * colon lists build the zone's words once a page, when a list first needs
 * them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "boilerplate_decoder.h"

/* Kept lines of a run, at least, as for a feed of headlines: fewer are a
 * heading, its deck and a credit. */
#define LIST_LINES 4
/* Percent of the run's content words used in the body above, below which
 * the run is another story's: what a run of short lines must share to be
 * kept (RUN_TOPIC in boilerplate_decode.c). */
#define LIST_TOPIC 10
/* Runs of titles looked at in a page, at most: each reads up to
 * TOPIC_LINES paragraphs above it, and the bound keeps a huge document's
 * decoding linear. */
#define LIST_RUNS 8

/* Does the line start with a number, in any script ("8 Ways to ...",
 * "• 1/2 cup", "٣ - ...")?  Blanks, bullets and punctuation before it are
 * passed over. */
static int
starts_with_number(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t i = 0, n;

	while (i < ln->len) {
		int32_t cp = safi_bp_next_cp(p, i, ln->len, &n);
		utf8proc_category_t c = utf8proc_category(cp);

		if (c == UTF8PROC_CATEGORY_ND)
			return 1;
		if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
			return 0;
		i += n;
	}
	return 0;
}

/* Is the line one of the run's items: kept, or with |all|, any line not
 * blank? */
static int
item(const struct bp_line *ln, int all)
{
	return all ? ln->kind != K_BLANK : ln->keep == 1;
}

/* Are the items of the run [i, j) shaped as a list of titles? */
static int
titles(const struct decoder *dc, size_t i, size_t j, int all)
{
	size_t k, n = 0, term = 0, num = 0;

	for (k = i; k < j; k++) {
		const struct bp_line *ln = &dc->lines[k];

		if (!item(ln, all))
			continue;
		if (ln->flags & (L_LOWER | L_COLON | L_TABLE | L_WRAPPED))
			return 0;
		n++;
		term += (ln->flags & L_TERM) != 0;
		num += starts_with_number(dc, ln);
	}
	return 4 * term <= n && 2 * num <= n;
}

/* Do the items of the run [i, j) share fewer than LIST_TOPIC percent of
 * their content words with |tp|? */
static int
few_shared(const struct decoder *dc, const struct bp_topic *tp, size_t i, size_t j, int all)
{
	unsigned hits = 0, total = 0;
	size_t k;

	for (k = i; k < j; k++)
		if (item(&dc->lines[k], all))
			topic_count(dc, tp, k, &hits, &total);
	return total > 0 && hits * 100 < LIST_TOPIC * total;
}

/* Blocks of a run that holds one list, at most: the list and its
 * heading; lines of the list, at least. */
#define ONE_LIST_BLOCKS 2
#define ONE_LIST_LINES 3

/* Is the run [i, j) set apart by blank lines from the paragraphs around
 * it one list of ONE_LIST_LINES lines or more with no blank line inside,
 * under a heading at most (an article's list of parts, a table of
 * prices)?  A box of other stories prints a headline, a teaser or a
 * label to a block. */
static int
one_list(const struct decoder *dc, size_t i, size_t j)
{
	size_t k, blocks = 0, run = 0, longest = 0;

	if (dc->lines[i].kind != K_BLANK || dc->lines[j - 1].kind != K_BLANK)
		return 0;
	for (k = i; k < j; k++) {
		if (dc->lines[k].kind == K_BLANK) {
			run = 0;
			continue;
		}
		blocks += run++ == 0;
		if (run > longest)
			longest = run;
	}
	return blocks <= ONE_LIST_BLOCKS && longest >= ONE_LIST_LINES;
}

/* Do the items of the run [i, j) share fewer than twice LIST_TOPIC
 * percent of their content words with |tp|, the paragraphs below them? */
static int
few_shared_below(const struct decoder *dc, const struct bp_topic *tp, size_t i, size_t j,
                 int all)
{
	unsigned hits = 0, total = 0;
	size_t k;

	for (k = i; k < j; k++)
		if (item(&dc->lines[k], all))
			topic_count(dc, tp, k, &hits, &total);
	return total > 0 && hits * 100 < 2 * LIST_TOPIC * total;
}

/* Do the items of the run [i, j) share fewer than LIST_TOPIC percent of
 * their content words with the body paragraphs kept in the zone from |a|
 * above it (an article's worth of them)? */
static int
foreign(const struct decoder *dc, size_t a, size_t b, size_t i, size_t j, int all)
{
	struct bp_topic tp;
	size_t k, lines = 0;
	uint64_t words = 0;

	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	/* A full set takes no more words: the paragraphs further up are
	 * not read. */
	for (k = i; k-- > a && lines < TOPIC_LINES && tp.n < BP_TOPIC_SLOTS / 2;)
		if (dc->lines[k].kind == K_GOOD && dc->lines[k].keep == 1) {
			lines++;
			words += dc->lines[k].words;
			topic_add(dc, &tp, k);
		}
	if (words < ARTICLE_SCORE || !few_shared(dc, &tp, i, j, all))
		return 0;
	if (i == a || j > b || !one_list(dc, i, j) ||
	    ((dc->lines[i - 1].flags | dc->lines[j].flags) & L_BULLET))
		return 1;
	/* The article goes on about its list below it (a bike's parts, then
	 * how each was mended); a box of other stories shares as little
	 * with the paragraphs below it as with those above. */
	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	for (k = j, lines = 0; k <= b && lines < TOPIC_LINES && tp.n < BP_TOPIC_SLOTS / 2; k++)
		if (dc->lines[k].kind == K_GOOD && dc->lines[k].keep == 1) {
			lines++;
			topic_add(dc, &tp, k);
		}
	return lines == 0 || few_shared_below(dc, &tp, i, j, all);
}

/* Do the kept lines of the run [i, j) all open with one word that ends
 * in a letter or a digit ("Module 1 - ...", "Module 2 - ...", "Day 3:
 * ...")?  A page's own list (a course's modules, a tour's days) is
 * printed so; a box of other stories' titles is not, but for a label
 * ("Video: ...", "Watch | ...") over each. */
static int
alike_items(const struct decoder *dc, size_t i, size_t j)
{
	size_t k, first = SIZE_MAX, n = 0;
	const unsigned char *p;

	for (k = i; k < j; k++)
		if (dc->lines[k].keep == 1) {
			if (first == SIZE_MAX)
				first = k;
			else if (!same_opening(dc, k, first))
				return 0;
		}
	if (first == SIZE_MAX)
		return 0;
	p = (const unsigned char *)dc->text + dc->lines[first].off;
	while (n < dc->lines[first].len && p[n] != ' ')
		n++;
	return n > 0 && (p[n - 1] >= 0x80 || (p[n - 1] >= '0' && p[n - 1] <= '9') ||
	    ((p[n - 1] | 0x20) >= 'a' && (p[n - 1] | 0x20) <= 'z'));
}

/*
 * The article's own list at the foot of a run [i, j) that a box opens:
 * the last block of the run, set apart by a blank line, is a heading and
 * ONE_LIST_LINES items or more glued under it, each with its bullet (or
 * the items alone), below a block that holds a dropped line (the box's
 * label, "Read more:", over its links), and its lines share LIST_TOPIC
 * percent of their content words with the body above, as few_shared()
 * asks of the run.  A box prints its label and its links together; the
 * article goes on under its own heading, in its own words.  Returns the
 * blank line above that block, where the box ends, or 0.
 */
static size_t
list_below_box(const struct decoder *dc, size_t a, size_t i, size_t j)
{
	struct bp_topic tp;
	size_t k, s, lines = 0, items = 0;
	int label = 0;

	if (j - i < 2 || dc->lines[j - 1].kind != K_BLANK)
		return 0;
	for (s = j - 1; s > i && dc->lines[s - 1].kind != K_BLANK; s--)
		items += (dc->lines[s - 1].flags & L_BULLET) != 0;
	if (s <= i + 1 || s == j - 1)
		return 0;
	/* The heading, if any, is the block's first line and no item. */
	if (items + !(dc->lines[s].flags & L_BULLET) != j - 1 - s || items < ONE_LIST_LINES)
		return 0;
	for (k = s; k < j - 1; k++)
		if (dc->lines[k].keep != 1)
			return 0;
	for (k = i; k < s - 1; k++)
		label |= dc->lines[k].kind != K_BLANK && dc->lines[k].keep == 0;
	if (!label)
		return 0;
	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	for (k = i; k-- > a && lines < TOPIC_LINES && tp.n < BP_TOPIC_SLOTS / 2;)
		if (dc->lines[k].kind == K_GOOD && dc->lines[k].keep == 1) {
			lines++;
			topic_add(dc, &tp, k);
		}
	return lines > 0 && !few_shared(dc, &tp, s, j, 0) ? s - 1 : 0;
}

void
safi_bp_drop_foreign_lists(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j, k, n, runs = 0;

	for (i = a; i <= b && runs < LIST_RUNS; i = j + 1) {
		for (j = i, n = 0; j <= b && dc->lines[j].kind != K_GOOD; j++)
			n += dc->lines[j].keep == 1;
		/* A run below a paragraph that ends no sentence goes on from
		 * it (the lines of a paragraph wrapped around a link, a
		 * quotation): not a list. */
		if (n < LIST_LINES || (i > a && !(dc->lines[i - 1].flags & L_TERM)) ||
		    !titles(dc, i, j, 0) || safi_bp_section_run(dc, i, j) || alike_items(dc, i, j))
			continue;
		runs++;
		if (!foreign(dc, a, b, i, j, 0))
			continue;
		if ((k = list_below_box(dc, a, i, j)) != 0)
			j = k;  /* the article's list below the box stays */
		for (k = i; k < j; k++)
			if (dc->lines[k].keep == 1) {
				dc->lines[k].keep = 0;
				dc->lines[k].reason = R_TEASER;
			}
	}
}

/* Are the lines [i, j), dropped or kept, a list of other stories' titles,
 * one to a line, by the tests above, under an intro line that shares no
 * more of the article's words |tp| than they do?  A list a colon
 * introduces is the article's unless it is that ("Elsewhere this week:"
 * over other stories' headlines): the article's own list is announced in
 * its words ("The choir will sing in these cities:"), even when its items
 * (places, hours, names) are not; blocks of several lines are records (a
 * race, its distance, its winners). */
int
safi_bp_other_titles(const struct decoder *dc, const struct bp_topic *tp, size_t intro,
                     size_t i, size_t j)
{
	size_t k, blocks = 1, joined = 0;

	for (k = i + 1; k < j; k++) {
		if (dc->lines[k].kind == K_BLANK)
			continue;
		if (dc->lines[k - 1].kind == K_BLANK)
			blocks++;
		else
			joined = 1;
	}
	if ((blocks > 1 && joined) || !titles(dc, i, j, 1))
		return 0;
	return few_shared(dc, tp, intro, intro + 1, 1) && few_shared(dc, tp, i, j, 1);
}

/* May a blank line stand between the lines |before| and |after| of a list
 * that |intro| opens?  Between two list items, or between two lines that
 * are not body paragraphs (places, dates, names, one per block); the intro
 * may stand apart from its first item.  Paragraphs below a colon are
 * prose going on, not a list. */
static int
spaced_items(const struct decoder *dc, size_t intro, size_t before, size_t after)
{
	const struct bp_line *p = &dc->lines[before], *n = &dc->lines[after];

	if (n->flags & L_BULLET)
		return before == intro || (p->flags & L_BULLET);
	return n->kind != K_GOOD && (before == intro ||
	    (p->kind != K_GOOD && !(p->flags & L_BULLET)));
}

/* Short lines set apart by blank lines are a list when there are
 * SPACED_ITEMS of them or more; two or three such lines below a colon are
 * as often the share row and the "like this" widgets of the page. */
#define SPACED_ITEMS 4

/* Does the zone [a, b] hold an article's worth of body words, whose topic
 * words are then built into |tp| once for the page (*|have|)? */
static int
zone_words(const struct decoder *dc, size_t a, size_t b, struct bp_topic *tp, int *have)
{
	size_t k;
	uint64_t words = 0;

	if (*have)
		return *have > 0;
	for (k = a; k <= b; k++)
		if (dc->lines[k].kind == K_GOOD && dc->lines[k].keep == 1)
			words += dc->lines[k].words;
	*have = words >= ARTICLE_SCORE ? 1 : -1;
	if (*have > 0)
		safi_bp_zone_topic(dc, a, b, 0, tp);
	return *have > 0;
}

/* Buttons and tags: items of at most BUTTON_WORDS words. */
#define BUTTON_WORDS 2

/*
 * Is the list [first, j) that an intro set apart from it opens a box of
 * the page's furniture: items of a button's or a tag's size, half of them
 * or more ("Like", "Tweet This", "winter,"), and a line that is
 * boilerplate by its phrase right below the last one, no blank line
 * between (the share row, "Posted in", a comment count)?  The article's
 * own list ends where its paragraph does; a box of buttons runs on into
 * the next box.
 */
static int
furniture_list(const struct decoder *dc, size_t first, size_t j, size_t cut)
{
	const struct bp_line *n = &dc->lines[j];
	size_t k, items = 0, buttons = 0;

	if (j >= cut || dc->lines[j - 1].kind == K_BLANK || n->kind != K_BAD ||
	    (n->reason != R_PHRASE && n->reason != R_MARKER && n->reason != R_INLINE_MARKER &&
	    n->reason != R_MENU))
		return 0;
	for (k = first; k < j; k++)
		if (dc->lines[k].kind != K_BLANK) {
			items++;
			buttons += dc->lines[k].words <= BUTTON_WORDS;
		}
	return buttons * 2 >= items;
}

/* The zone's last line, a body paragraph ending in a colon ("... can now
 * be read on these devices:"), announces what follows it: the article
 * goes on below it as a list, and the zone ended only because its items
 * are short.  A paragraph ending in a colon higher in the zone is
 * followed by the article's own text. */
static int
last_paragraph_intro(const struct decoder *dc, size_t i, size_t b)
{
	return i == b && dc->lines[i].kind == K_GOOD;
}

/* Below such a paragraph at |i|, are the lines [first, j) other stories'
 * titles?  The paragraph is the zone's own, so it is weighed against the
 * body above it: when that holds an article's worth of words, the
 * paragraph and its items must share few of them to be a box ("our
 * editors picked these stories for you:").  With no body above it, the
 * paragraph is the article, and its list is kept. */
static int
paragraph_titles(const struct decoder *dc, size_t a, size_t i, size_t first, size_t j)
{
	struct bp_topic tp;
	int have = 0;

	return i > a && zone_words(dc, a, i - 1, &tp, &have) &&
	    safi_bp_other_titles(dc, &tp, i, first, j);
}

/* Short lines below the zone's end that may stand between it and the
 * intro of the article's list ("We are thrilled.", the album's name
 * above "Tracklist:"), at most. */
#define COLON_REACH 3

/* The last line where an intro may stand below the zone, whose first
 * line below is |near|: |near|, or one of the COLON_REACH lines from it
 * while none of them is boilerplate, a body paragraph, a list item or a
 * row of links. */
/* Body paragraphs among a colon list's items inside the zone that end
 * it at the zone's end: one long item is still an item ("Monday to
 * Friday from seven in the morning to ..." over "Saturday ..."). */
#define PROSE_ITEMS 2

/* Is a line of the run of list items from |j| (up to a blank line, a
 * line that is no item or one ending in a colon) boilerplate by a weak
 * shape: a date, a caption, symbols or a copy?  Returns SIZE_MAX when one
 * is, else the run's end: no line of the run from |j| to it is one, so
 * the caller asks again only below it, and reads each line once. */
static size_t
weak_below(const struct decoder *dc, size_t j, size_t cut)
{
	for (; j < cut && dc->lines[j].kind != K_BLANK && list_item(&dc->lines[j]) &&
	    !(dc->lines[j].flags & L_COLON); j++)
		if (dc->lines[j].kind == K_BAD)
			return SIZE_MAX;
	return j;
}

static size_t
colon_reach(const struct decoder *dc, size_t near, size_t cut)
{
	size_t i, end = near, n = 0;

	for (i = near; i < cut && n < COLON_REACH; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_BAD || ln->kind == K_GOOD || (ln->flags & (L_BULLET | L_SEPARATED)))
			break;
		n++;
		end = i;
		if (ln->flags & L_COLON)
			break;
	}
	return end;
}

/* Has a line of [i, j) more than |words| words? */
static int
long_items(const struct decoder *dc, size_t i, size_t j, unsigned words)
{
	for (; i < j; i++)
		if (dc->lines[i].words > words)
			return 1;
	return 0;
}

/*
 * The stamp of a post of a live page ("17.21 GMT", "2:40pm") at line |j|:
 * a date stamp of at most STAMP_WORDS words with no label ("When: Sun,
 * April 4" is a field of a record) and a body paragraph right below it.
 * The list a post ends with a colon ends above the next post.
 */
#define STAMP_WORDS 3

static int
post_stamp(const struct decoder *dc, size_t j, size_t cut)
{
	const struct bp_line *ln = &dc->lines[j];

	return ln->kind == K_BAD && ln->reason == R_DATE && ln->words <= STAMP_WORDS &&
	    memchr(dc->text + ln->off, ':', ln->len) == NULL && j + 1 < cut &&
	    dc->lines[j + 1].kind == K_GOOD;
}

/*
 * A list that an article introduces with a colon ("The dates of the
 * tour:", "Ingredients:"): a line ending in ':' inside the zone or right
 * after its end (or past a few short lines below it, colon_reach(), when
 * no item is longer than a heading: the captions of a slideshow are),
 * followed by two items or more, one per line with no blank
 * line between them (or list items, blank lines between, or SPACED_ITEMS
 * lines or more that are not body paragraphs in blocks that blank lines set
 * apart: the places of a tour, the fields of each record of a programme).
 * A blank line may set the intro apart from its first item.  The intro and
 * the items are kept, up to a line that is boilerplate by its phrase.  Below
 * a list kept below the zone, the next intro is looked for the same way,
 * from the list's end.  A
 * "related" box is not kept: its header is boilerplate by its phrase, or
 * its items are other stories' titles, one to a line, that share no words
 * with the article (safi_bp_other_titles()).
 */
void
safi_bp_keep_colon_lists(struct decoder *dc, size_t a, size_t b, size_t cut)
{
	size_t i, j, k, items, first = 0, block, end, near, clean;
	int spaced, gap, prose, have = 0;
	struct bp_topic tp;

	for (near = b + 1; near < cut && dc->lines[near].kind == K_BLANK; near++)
		;
	end = colon_reach(dc, near, cut);
	for (i = a; i <= end && i < cut; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (!(ln->flags & L_COLON) || (ln->flags & L_BULLET) || ln->kind == K_BAD ||
		    ln->kind == K_BLANK ||
		    (ln->words > dc->o->max_heading * 2 && !last_paragraph_intro(dc, i, b)))
			continue;
		for (j = i + 1, items = 0, spaced = 0, block = 0, prose = 0, clean = 0; j < cut;
		    j++, items++) {
			gap = 0;
			if (dc->lines[j].kind == K_BLANK) {
				for (k = j; k < cut && dc->lines[k].kind == K_BLANK; k++)
					;
				/* Prose the zone holds (see PROSE_ITEMS
				 * below) ends at a blank line below the
				 * zone's end: what stands apart below it
				 * (a page's "Previous" and "Next" links) is
				 * none of its items. */
				if (k == cut || !spaced_items(dc, i, j - 1, k) ||
				    (prose >= PROSE_ITEMS && k > b))
					break;
				gap = items > 0 && !(dc->lines[k].flags & L_BULLET);
				j = k;
			}
			/* A compact list of two items or more ends at its
			 * first blank line when a body paragraph is in the
			 * block below it: that block is a note below the list
			 * (the author's bio), not a record of it. */
			if (gap)
				block = !spaced && items >= 2 ? j : 0;
			if (block && dc->lines[j].kind == K_GOOD) {
				items -= j - block;
				j = block;
				break;
			}
			/* PROSE_ITEMS body paragraphs among the items inside
			 * the zone make the intro's sequel prose that the zone
			 * holds: the list ends at the zone's end when a line
			 * below it is boilerplate by a weak shape (an answer's
			 * date, a score). */
			if (prose >= PROSE_ITEMS && j > b && j >= clean &&
			    (clean = weak_below(dc, j, cut)) == SIZE_MAX)
				break;
			prose += j <= b && dc->lines[j].kind == K_GOOD;
			/* Items alike: list items, or lines of one block. */
			if (!list_item(&dc->lines[j]) || (dc->lines[j].flags & L_COLON) ||
			    (items >= 2 && post_stamp(dc, j, cut)) ||
			    (items > 0 && ((dc->lines[j].flags ^ dc->lines[first].flags) & L_BULLET)))
				break;
			if (items == 0)
				first = j;
			spaced |= gap;
		}
		if (items < 2 || (spaced && items < SPACED_ITEMS) ||
		    (i > near && long_items(dc, first, j, dc->o->max_heading)) ||
		    ((spaced || first > i + 1) && furniture_list(dc, first, j, cut)) ||
		    (ln->words > dc->o->max_heading * 2 ? paragraph_titles(dc, a, i, first, j) :
		    (zone_words(dc, a, b, &tp, &have) && safi_bp_other_titles(dc, &tp, i, first, j))))
			continue;
		ln->keep = 1;
		ln->reason = R_LIST;
		for (k = i + 1; k < j; k++)
			if (dc->lines[k].kind != K_BLANK && !dc->lines[k].keep) {
				dc->lines[k].keep = 1;
				dc->lines[k].reason = R_LIST;
			}
		i = j - 1;
		if (i > b && j < cut) {
			/* A list below the zone: the next one may follow it
			 * as the first followed the zone (the second team's
			 * line-up under the first's), its items as short. */
			for (k = j; k < cut && dc->lines[k].kind == K_BLANK; k++)
				;
			end = colon_reach(dc, k, cut);
		}
	}
}

/* Is line |k| an item of a list that the page prints one to a line? */
static int
bullet(const struct decoder *dc, size_t k)
{
	return (dc->lines[k].flags & L_BULLET) && dc->lines[k].kind != K_BLANK;
}

/* Is the line a dropped item that is furniture by its shape: a menu's
 * links ("Photos | Video") or a phrase of the page's ("Subscribe")? */
static int
furniture_item(const struct bp_line *ln)
{
	return ln->keep != 1 && ln->kind == K_BAD &&
	    (ln->reason == R_MENU || ln->reason == R_PHRASE);
}

/*
 * A list cut in two.  The zone keeps short lines that body text follows,
 * so a box of links to other stories that runs down to a paragraph (a
 * sidebar's headlines above a site's blurb) is kept from where the
 * context reaches it, while its first items, further up, are dropped: as
 * menus, as phrases, or as context.  A list is one thing: when its first
 * item is dropped, half of its items or more are, and one of those is
 * furniture by its shape, the items the zone kept are the rest of the box
 * and are dropped too.  The article's own list starts where its paragraph
 * does, and a head of it that the context let go holds no menu or phrase.
 *
 * Cost: a pass over the page.
 */
void
safi_bp_drop_split_lists(struct decoder *dc)
{
	size_t i, j, k, kept, dropped, furniture;

	for (i = 0; i < dc->nlines; i = j) {
		if (!bullet(dc, i) || (i > 0 && bullet(dc, i - 1)) || dc->lines[i].keep == 1) {
			j = i + 1;
			continue;
		}
		for (j = i, kept = dropped = furniture = 0; j < dc->nlines && bullet(dc, j); j++) {
			if (dc->lines[j].keep == 1) {
				kept++;
				continue;
			}
			dropped++;
			furniture += furniture_item(&dc->lines[j]);
		}
		if (!kept || !furniture || dropped < kept)
			continue;
		for (k = i; k < j; k++)
			if (dc->lines[k].keep == 1) {
				dc->lines[k].keep = 0;
				dc->lines[k].reason = R_MENU;
			}
	}
}

/* Do lines |i| and |k| open with the same bullet ("- ", "\u2022 ", "* ")?
 * The first character that is no space is compared, byte for byte. */
static int
same_bullet(const struct decoder *dc, size_t i, size_t k)
{
	const char *p = dc->text + dc->lines[i].off, *q = dc->text + dc->lines[k].off;
	const char *pe = p + dc->lines[i].len, *qe = q + dc->lines[k].len;
	size_t n;

	while (p < pe && (*p == ' ' || *p == '\t'))
		p++;
	while (q < qe && (*q == ' ' || *q == '\t'))
		q++;
	if (p == pe || q == qe)
		return 0;
	n = (unsigned char)*p < 0x80 ? 1 : (unsigned char)*p < 0xE0 ? 2 :
	    (unsigned char)*p < 0xF0 ? 3 : 4;
	return (size_t)(pe - p) > n && (size_t)(qe - q) > n && memcmp(p, q, n) == 0;
}

/*
 * The article's bulleted paragraphs going on below marker |m| (an
 * interview's turns, "- question" over "- answer", with a "read also"
 * link set between two of them): the nearest line above the marker is a
 * kept list item, the first item below opens with the same bullet as one
 * of the kept items of the run right above the marker (BOX_LINES of them
 * at most, blank lines aside: an interview that marks its questions with
 * one bullet and its answers with another, "\u25cf question" over
 * "- answer", takes turns, and an answer may run to two items before the
 * next question), and the run of items below holds a body paragraph, as
 * no list of other stories' headlines does.
 */
static int
bullets_go_on(const struct decoder *dc, size_t m, size_t k)
{
	size_t u, j, seen = 0;

	if (k >= dc->nlines || !bullet(dc, k))
		return 0;
	for (u = m; u-- > 0 && seen < BOX_LINES;) {
		if (dc->lines[u].kind == K_BLANK)
			continue;
		if (dc->lines[u].keep != 1 || !bullet(dc, u))
			return 0;
		if (same_bullet(dc, u, k))
			break;
		seen++;
	}
	if (u == SIZE_MAX || seen == BOX_LINES)
		return 0;
	for (j = k; j < dc->nlines && (dc->lines[j].kind == K_BLANK || bullet(dc, j)); j++)
		if (dc->lines[j].kind == K_GOOD && dc->lines[j].keep == 1)
			return 1;
	return 0;
}

/*
 * A list under a marker.  A "read also" or "related" line with its list
 * below it ("Related coverage:", then the other stories' headlines, one
 * to a line) is cut with everything after it when it is a bare marker
 * that nothing worth keeping follows; otherwise only the marker itself is
 * dropped, and the zone keeps the items below it, which read as short
 * lines between body paragraphs.  The items that follow a dropped marker,
 * blank lines aside, are its list: they go with it as after-marker,
 * down to the first line that is not a list item.  The article's own
 * list is announced by its words, not by a marker; and a marker set
 * between two items of the article's numbered list, the item below it
 * numbered one more than the last kept item above it with only kept lines
 * between, leaves the items below it to the list; so does a marker set
 * between the article's bulleted paragraphs (bullets_go_on()).
 *
 * Cost: a pass over the page.
 */
void
safi_bp_drop_marked_lists(struct decoder *dc)
{
	size_t i, j, k;
	unsigned item = 0;

	for (i = 0; i < dc->nlines; i = j) {
		const struct bp_line *m = &dc->lines[i];

		j = i + 1;
		if (m->kind == K_BLANK)
			continue;
		if (m->keep == 1 && (m->flags & L_BULLET) &&
		    (k = safi_bp_number_opening(dc, i, ".)")) != 0)
			item = (unsigned)k;
		if (m->keep == 1 || (m->reason != R_MARKER && m->reason != R_INLINE_MARKER)) {
			item = m->keep == 1 ? item : 0;
			continue;
		}
		/* the article's numbered list goes on below the marker */
		for (k = j; k < dc->nlines && dc->lines[k].kind == K_BLANK; k++)
			;
		if (item != 0 && k < dc->nlines && (dc->lines[k].flags & L_BULLET) &&
		    safi_bp_number_opening(dc, k, ".)") == item + 1)
			continue;
		item = 0;
		if (bullets_go_on(dc, i, k))
			continue;
		for (; j < dc->nlines; j++) {
			struct bp_line *ln = &dc->lines[j];

			if (ln->kind == K_BLANK)
				continue;
			if (!bullet(dc, j))
				break;
			if (ln->keep == 1) {
				ln->keep = 0;
				ln->reason = R_AFTER_MARKER;
			}
		}
	}
}

/*
 * The amounts of a recipe between its paragraphs: "1/4 cup parsley",
 * "2 cloves garlic", "½ teaspoon salt".  Each is a short line, and a run
 * of them stands between two paragraphs, so that the context keeps only
 * the last, over the method.  A block of the zone [a, b] of AMOUNT_ITEMS
 * lines or more that open with an amount (amount_line()), no fewer than
 * the block's other lines, is the article's list when AMOUNT_TOPIC percent
 * of its content words are words of the zone's body paragraphs (the method
 * names its ingredients again).  A block runs over blank lines, short
 * lines (a part's name, "For the dough", a yield), the article's lines of
 * an amount and weak boilerplate (a copy, a date, a caption or a credit);
 * a body paragraph other than an amount or boilerplate by a phrase or
 * another strong shape ends it.  Counters of a widget ("3 comments",
 * "12 likes") stand in a box of links and labels, or alone.  The
 * block's short lines that the context dropped are kept, and its amounts
 * dropped as copies ("1 tbs. olive oil" in two parts of a recipe) or as
 * captions ("2 c. flour (or rye)"), as *list*.
 * Cost: a pass over the zone; each block's lines read twice.
 */
#define AMOUNT_ITEMS 3
#define AMOUNT_TOPIC 20

/* Is |cp| a vulgar fraction, "½" or "⅔"? */
static int
vulgar_fraction(int32_t cp)
{
	return (cp >= 0xBC && cp <= 0xBE) || (cp >= 0x2150 && cp <= 0x215E);
}

/* May the line open with an amount (see amount_line()): the cheap test
 * of its first byte, inline, before the call that reads the number. */
static inline int
may_open_amount(const struct decoder *dc, const struct bp_line *ln)
{
	unsigned char c = ln->len > 0 ? (unsigned char)dc->text[ln->off] : 0;

	return (c >= '0' && c <= '9') || c == 0xC2 || c == 0xE2 || c == ' ' || c == '\t';
}

/* Does the line open with an amount: a number ("2", "1/2", "1 ½", "0.5")
 * right before a word ("2 cloves", "16oz")?  A numbered item ("2. Mix",
 * "3) Bake"), a time ("10:30") or a number that ends the line is no
 * amount. */
static int
amount_line(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t i = 0, n;
	int32_t cp = 0, last = 0;
	utf8proc_category_t c;

	/* A digit, or the lead byte of a vulgar fraction (U+00BC-U+00BE,
	 * U+2150-U+215E), after blanks: most lines open with a letter. */
	while (i < ln->len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i == ln->len || ((p[i] < '0' || p[i] > '9') && p[i] != '\xC2' && p[i] != '\xE2'))
		return 0;
	for (; i < ln->len; i += n) {
		cp = safi_bp_next_cp(p, i, ln->len, &n);
		if ((cp >= '0' && cp <= '9') || vulgar_fraction(cp))
			;
		else if ((cp == '/' || cp == '.' || cp == ',') && last >= '0' && last <= '9')
			;
		else if (cp == ' ' && last != ' ' && i + 1 < ln->len &&
		    ((p[i + 1] >= '0' && p[i + 1] <= '9') ||
		    vulgar_fraction(safi_bp_next_cp(p, i + 1, ln->len, &n))))
			n = 1;
		else
			break;
		last = cp;
	}
	if (last == 0 || i >= ln->len || !((last >= '0' && last <= '9') || vulgar_fraction(last)))
		return 0;
	if (cp == ' ')
		cp = safi_bp_next_cp(p, i + 1, ln->len, &n);
	c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* May line |i|, that opens with an amount when |amount| is set, stand in
 * a block of amounts: a short line, a line of the article of an amount,
 * or weak boilerplate? */
static inline int
amount_block_line(const struct decoder *dc, size_t i, int amount)
{
	const struct bp_line *ln = &dc->lines[i];

	if (ln->kind == K_BAD)
		return ln->reason == R_DUPLICATE || ln->reason == R_DATE ||
		    ln->reason == R_CAPTION || ln->reason == R_CREDIT;
	return ln->kind == K_GOOD ? amount : ln->words <= dc->o->max_heading;
}

void
safi_bp_keep_amount_lists(struct decoder *dc, size_t a, size_t b)
{
	struct bp_topic tp;
	size_t i, j, k;
	unsigned amounts, others, hits, total;
	int amount, have_topic = 0;

	for (i = a; i <= b; i = j + 1) {
		amounts = others = 0;
		for (j = i; j <= b; j++) {
			if (dc->lines[j].kind == K_BLANK)
				continue;
			amount = may_open_amount(dc, &dc->lines[j]) && (dc->lines[j].kind != K_BAD ||
			    amount_block_line(dc, j, 0)) && amount_line(dc, &dc->lines[j]);
			if (!amount_block_line(dc, j, amount))
				break;
			amounts += amount;
			others += !amount;
		}
		if (amounts < AMOUNT_ITEMS || amounts < others)
			continue;
		if (!have_topic) {
			safi_bp_zone_topic(dc, a, b, 0, &tp);
			have_topic = 1;
		}
		hits = total = 0;
		for (k = i; k < j; k++)
			if (dc->lines[k].kind != K_BLANK && amount_line(dc, &dc->lines[k]))
				topic_count(dc, &tp, k, &hits, &total);
		if (hits * 100 < AMOUNT_TOPIC * total)
			continue;
		for (k = i; k < j; k++) {
			struct bp_line *ln = &dc->lines[k];

			if (ln->keep != 0 || (ln->reason != R_CONTEXT && !((ln->reason == R_DUPLICATE ||
			    ln->reason == R_CAPTION) && amount_line(dc, ln))))
				continue;
			ln->keep = 1;
			ln->reason = R_LIST;
		}
	}
}
