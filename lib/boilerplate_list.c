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
 * a list, and a table is data.
 *
 * Cost: a pass over the zone; each run of LIST_LINES kept lines or more
 * counts its words against the body above it once.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"

/* Kept lines of a run, at least, as for a feed of headlines: fewer are a
 * heading, its deck and a credit. */
#define LIST_LINES 4
/* Percent of the run's content words used in the body above, below which
 * the run is another story's: what a run of short lines must share to be
 * kept (RUN_TOPIC in boilerplate_decode.c). */
#define LIST_TOPIC 10

/* Are the kept lines of the run [i, j) shaped as a list of titles? */
static int
titles(const struct decoder *dc, size_t i, size_t j)
{
	size_t k, n = 0, term = 0, num = 0;

	for (k = i; k < j; k++) {
		const struct bp_line *ln = &dc->lines[k];

		if (ln->keep != 1)
			continue;
		if (ln->flags & (L_LOWER | L_COLON | L_TABLE))
			return 0;
		n++;
		term += (ln->flags & L_TERM) != 0;
		num += safi_bp_numbered(dc, ln);
	}
	return 4 * term <= n && 2 * num <= n;
}

/* Does the run [i, j) share fewer than LIST_TOPIC percent of its content
 * words with the body paragraphs kept in the zone from |a| above it (an
 * article's worth of them)? */
static int
foreign(const struct decoder *dc, size_t a, size_t i, size_t j)
{
	struct bp_topic tp;
	size_t k, lines = 0;
	unsigned hits = 0, total = 0;
	uint64_t words = 0;

	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	for (k = i; k-- > a && lines < TOPIC_LINES;)
		if (dc->lines[k].kind == K_GOOD && dc->lines[k].keep == 1) {
			lines++;
			words += dc->lines[k].words;
			topic_add(dc, &tp, k);
		}
	if (words < ARTICLE_SCORE)
		return 0;
	for (k = i; k < j; k++)
		if (dc->lines[k].keep == 1)
			topic_count(dc, &tp, k, &hits, &total);
	return total > 0 && hits * 100 < LIST_TOPIC * total;
}

void
safi_bp_drop_foreign_lists(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j, k, n;

	for (i = a; i <= b; i = j + 1) {
		for (j = i, n = 0; j <= b && dc->lines[j].kind != K_GOOD; j++)
			n += dc->lines[j].keep == 1;
		if (n < LIST_LINES || !titles(dc, i, j) || !foreign(dc, a, i, j))
			continue;
		for (k = i; k < j; k++)
			if (dc->lines[k].keep == 1) {
				dc->lines[k].keep = 0;
				dc->lines[k].reason = R_TEASER;
			}
	}
}
