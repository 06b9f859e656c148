/*
 * boilerplate_glued.c - posts glued under their writers' names below a
 * short article, in the decoder.
 *
 * A news page sets its paragraphs apart with blank lines; the comments
 * below a short article often come out of the scraper as a name with the
 * comment right under it, no blank line between: "Rana" over a paragraph,
 * "Abu Samer" over another.  Comments in a dialect seldom end with a full
 * stop and read as body text, and a few of them outweigh an article of a
 * paragraph or two, so the zone runs on into them, or is them.  The other
 * thread stages need an article of some length above the thread, or a
 * heading or stamps over it; this one needs none, but the page's own
 * contrast: a run of GLUED_POSTS posts or more, each a label glued over a
 * paragraph, below a paragraph that stands alone between blank lines,
 * reaching the body zone, with no such paragraph below it (the article
 * does not resume below the thread, as it does below a list of points set
 * each under its own heading).
 *
 * A label is a line of one to GLUED_LABEL_WORDS words that is no body
 * text, no boilerplate, and has no stop word, digit, sentence end, colon,
 * bullet or final comma: a name, a nickname; not a title ("Tides and
 * Winds") nor a greeting ("Hi Ruth,").  One of the first GLUED_POSTS has
 * two words or more, as a run of one-word labels may be terms over their
 * definitions ("Ownership", "Flexibility").  The content words of a label
 * come back neither in the body paragraphs above the run nor in its own
 * post, as a subheading's words would in its section, and a term's in
 * its definition.
 *
 * Cost: a test of kind and flags on every line; the words of the labels
 * are read only for a run long enough.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"

#define GLUED_POSTS 3
#define GLUED_LABEL_WORDS 3
#define GLUED_TEXT_WORDS 12

/* Can line |i| be the label of a post glued under it?  Returns the index
 * of the post's paragraph, or 0. */
static size_t
glued_post(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i], *text;

	if (ln->kind != K_SHORT || ln->words < 1 || ln->words > GLUED_LABEL_WORDS ||
	    (ln->flags & (L_TERM | L_COLON | L_DIGITS | L_BULLET | L_SEPARATED | L_MARKER)) ||
	    safi_bp_ends_in_comma(dc, i) || i + 1 >= dc->nlines)
		return 0;
	/* "Tides and Winds": a title; a name has no stop word. */
	if (ln->nstop > 0)
		return 0;
	text = &dc->lines[i + 1];
	if ((text->kind != K_GOOD && text->kind != K_NEAR) || text->words < GLUED_TEXT_WORDS ||
	    (text->flags & L_BULLET))
		return 0;
	return i + 1;
}

/* Does a content word of label |i| come back in |tp| or in the post below
 * it? */
static int
label_shared(const struct decoder *dc, const struct bp_topic *tp, size_t i)
{
	struct bp_topic own;
	unsigned hits = 0, total = 0;

	topic_count(dc, tp, i, &hits, &total);
	if (hits > 0 || total == 0)
		return 1;
	own.n = 0;
	memset(own.set, 0, sizeof own.set);
	topic_add(dc, &own, i);
	topic_count(dc, &own, i + 1, &hits, &total);
	return hits > 0;
}

/* Is there a paragraph (body text, or a near paragraph of --min-words
 * words) standing alone between blank lines in [a, s)? */
static int
spaced_between(const struct decoder *dc, size_t a, size_t s)
{
	size_t i;

	for (i = a; i < s; i++)
		if ((dc->lines[i].kind == K_GOOD || (dc->lines[i].kind == K_NEAR &&
		    dc->lines[i].words >= dc->o->min_words)) &&
		    (i == 0 || dc->lines[i - 1].kind == K_BLANK) &&
		    i + 1 < dc->nlines && dc->lines[i + 1].kind == K_BLANK)
			return 1;
	return 0;
}

size_t
safi_bp_find_glued_thread(const struct decoder *dc, size_t a, size_t end)
{
	struct bp_topic tp;
	size_t i, k, t, first = SIZE_MAX, posts = 0, full, at[GLUED_POSTS];

	for (i = 0; i < end; i++) {
		if (dc->lines[i].kind == K_BLANK)
			continue;
		if ((t = glued_post(dc, i)) == 0 || t >= end) {
			posts = 0;
			continue;
		}
		if (posts == 0)
			first = i;
		at[posts++] = i;
		i = t;
		if (posts < GLUED_POSTS)
			continue;
		/* The run goes on to its last post; the article does not
		 * resume below it. */
		for (k = i + 1; k < end; k++)
			if (dc->lines[k].kind != K_BLANK) {
				if ((t = glued_post(dc, k)) == 0 || t >= end)
					break;
				k = t;
			}
		/* The page's first run of posts is judged, no other. */
		if (i < a || !spaced_between(dc, 0, first) || spaced_between(dc, k, end))
			return end;
		tp.n = 0;
		memset(tp.set, 0, sizeof tp.set);
		for (k = 0; k < first; k++)
			if (dc->lines[k].kind == K_GOOD && tp.n < BP_TOPIC_SLOTS / 2)
				topic_add(dc, &tp, k);
		for (k = 0, full = 0; k < GLUED_POSTS && !label_shared(dc, &tp, at[k]); k++)
			full += dc->lines[at[k]].words >= 2;
		return k == GLUED_POSTS && full > 0 ? first : end;
	}
	return end;
}
