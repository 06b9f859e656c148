/*
 * boilerplate_live.c - the stamps of a live page's updates.
 *
 * A live page stamps each update with the time of day alone ("21:40" over
 * its paragraph, "21:15" over the next).  Alone, such a stamp reads as a
 * date, which is furniture; here it is told apart from a comment's or a
 * post's stamp (which tells a date or names the poster) and from a list
 * of headlines under their times (which ends no sentence), so that the
 * zone reads the updates under their stamps as one article
 * (zone_score()) and a run of short lines inside it keeps them.
 *
 * Cost: at most 2 * THREAD_GAP lines read on each side of a stamp.
 */
#include <stddef.h>
#include <stdint.h>

#include "boilerplate_decoder.h"

/* Is line |j| a time of day alone, a date of at most two words that
 * tells the time (clock_mark(): "22:45", "9:10 pm", "4.31pm")? */
int
safi_bp_clock_line(const struct decoder *dc, size_t j)
{
	const struct bp_line *ln = &dc->lines[j];

	return ln->kind == K_BAD && ln->reason == R_DATE && (ln->flags & L_NUMCELL) &&
	    ln->words <= 2 && clock_mark(dc->text + ln->off, ln->len);
}

/* Is another such line among the 2 * THREAD_GAP non-blank lines above line
 * |j| (|dir| -1) or below it (|dir| 1)?  An update of a live page may run
 * to a few paragraphs and a list of points between two stamps. */
int
safi_bp_clocks_near(const struct decoder *dc, size_t j, int dir)
{
	size_t k = j, seen = 0;

	while (seen < 2 * THREAD_GAP && (dir < 0 ? k-- > 0 : ++k < dc->nlines))
		if (dc->lines[k].kind != K_BLANK) {
			seen++;
			if (safi_bp_clock_line(dc, k))
				return 1;
		}
	return 0;
}

/* The digit at p[*k] (ASCII or Arabic-Indic), moving *k past it. */
static int
clock_digit(const unsigned char *p, size_t len, size_t *k)
{
	if (*k < len && p[*k] >= '0' && p[*k] <= '9') {
		(*k)++;
		return 1;
	}
	if (*k + 1 < len && p[*k] == 0xD9 && p[*k + 1] >= 0xA0 && p[*k + 1] <= 0xA9) {
		*k += 2;
		return 1;
	}
	return 0;
}

/* Does line |j| hold a time of day alone: one or two digits, a colon, a
 * point or an "h" (as French pages write it: "21h40"), two digits, and at
 * most a short mark after a space or none ("21:40", "9.40 pm", "10:12 pm")?  A date, a name or a label with
 * it makes a comment's or a post's stamp. */
#define CLOCK_MARK_BYTES 6

static int
bare_clock(const struct decoder *dc, size_t j)
{
	const struct bp_line *ln = &dc->lines[j];
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t len = ln->len, k = 0, m;

	if (ln->kind != K_BAD || ln->reason != R_DATE || clock_words(dc, ln) > 3)
		return 0;
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	while (k < len && (p[k] == ' ' || p[k] == '\t'))
		k++;
	if (!clock_digit(p, len, &k))
		return 0;
	clock_digit(p, len, &k);
	if (k >= len || (p[k] != ':' && p[k] != '.' && (p[k] | 0x20) != 'h'))
		return 0;
	k++;
	if (!clock_digit(p, len, &k) || !clock_digit(p, len, &k))
		return 0;
	if (k < len && p[k] == ' ')
		k++;
	for (m = k; m < len; m++)
		if (p[m] == ' ' || (p[m] >= '0' && p[m] <= '9'))
			return 0;
	return len - k <= CLOCK_MARK_BYTES;
}

/* Is |ln| an update's short sentence: a near paragraph, or a short line
 * of LIVE_SENTENCE words or more, that ends a sentence ("Second half
 * under way", "No changes at half-time for either side.")? */

static int
holds_sentence(const struct decoder *dc, const struct bp_line *ln)
{
	(void)dc;
	return (ln->flags & L_TERM) && (ln->kind == K_NEAR ||
	    (ln->kind == K_SHORT && ln->words >= LIVE_SENTENCE));
}

/* Does the update under the time of day |j| hold a line that |is| takes,
 * among the THREAD_GAP non-blank lines below it, with no boilerplate
 * before it (its headline may stand between)?  A list of other stories'
 * headlines under their times, the latest posts of a forum, holds no
 * text. */
static int
update_holds(const struct decoder *dc, size_t j,
    int (*is)(const struct decoder *, const struct bp_line *))
{
	size_t k, seen;

	for (k = j + 1, seen = 0; k < dc->nlines && seen < THREAD_GAP; k++) {
		const struct bp_line *ln = &dc->lines[k];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_BAD)
			return 0;
		if (is(dc, ln))
			return 1;
		seen++;
	}
	return 0;
}

/*
 * Is line |j| the stamp of a live page's update: a time of day alone
 * (bare_clock()) over the update's text (update_holds(), holds_text()), or over a short
 * sentence (holds_sentence()), with another stamp over text among the
 * 2 * THREAD_GAP non-blank lines above or below it?
 * A live page stamps each of its updates so ("21:40" over its headline and
 * paragraph, "21:15" over the next), and the zone reads such a stamp as a
 * short line, not as furniture (see zone_score()): the updates under their
 * stamps are the article, not its first paragraph alone.  A comment's or a
 * post's stamp tells a date or names the poster too.
 * A page of short updates, each a sentence of a few words ("12:10" over
 * "The ribbon is cut."), has no body text under any stamp: there, three
 * other stamps over a sentence each among those lines make the page live
 * too, as a list of headlines under their times ends no sentence.  Returns
 * UPDATE_SHORT for a stamp whose own update is such a sentence (the zone
 * then counts the stamp as nothing, as the short update earns little),
 * 1 for one over text, 0 for none.  Cost: at most 2 * THREAD_GAP lines
 * read on each side, each with holds_text() and holds_sentence().
 */
#define SHORT_UPDATES 3

/* Is line |k| a stamp over text?  A stamp over a sentence alone is
 * counted in *sentences. */
static int
other_update(const struct decoder *dc, size_t k, size_t *sentences)
{
	if (!bare_clock(dc, k))
		return 0;
	if (update_holds(dc, k, holds_text))
		return 1;
	*sentences += update_holds(dc, k, holds_sentence) != 0;
	return 0;
}

int
safi_bp_update_clock(const struct decoder *dc, size_t j)
{
	size_t k, seen, sentences = 0;
	int text, found = 0;

	if (!bare_clock(dc, j))
		return 0;
	text = update_holds(dc, j, holds_text);
	if (!text && !update_holds(dc, j, holds_sentence))
		return 0;
	for (k = j, seen = 0; !found && k-- > 0 && seen < 2 * THREAD_GAP;)
		if (dc->lines[k].kind != K_BLANK) {
			seen++;
			found = other_update(dc, k, &sentences);
		}
	for (k = j + 1, seen = 0; !found && k < dc->nlines && seen < 2 * THREAD_GAP; k++)
		if (dc->lines[k].kind != K_BLANK) {
			seen++;
			found = other_update(dc, k, &sentences);
		}
	if (!found && sentences < SHORT_UPDATES)
		return 0;
	return text ? 1 : UPDATE_SHORT;
}
