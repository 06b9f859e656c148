/*
 * boilerplate_list.c - lists of other stories inside the zone, in the
 * decoder.
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
 * page count their words against the body above them, once each.
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

/* Do the items of the run [i, j) share fewer than LIST_TOPIC percent of
 * their content words with the body paragraphs kept in the zone from |a|
 * above it (an article's worth of them)? */
static int
foreign(const struct decoder *dc, size_t a, size_t i, size_t j, int all)
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
	return words >= ARTICLE_SCORE && few_shared(dc, &tp, i, j, all);
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
		    !titles(dc, i, j, 0))
			continue;
		runs++;
		if (!foreign(dc, a, i, j, 0))
			continue;
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
