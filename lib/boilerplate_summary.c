/*
 * boilerplate_summary.c - the headline of a page that sets a list of
 * points between it and the article: a live page's summary of the main
 * points, or its first update's heading under a stamp.
 *
 * The title search (boilerplate_title.c) takes the line nearest the
 * article that reads as a headline, which on such a page is the list's
 * last point or the first update's heading; safi_bp_summary_title() keeps
 * the points and the heading as the article's and finds the headline
 * above them.
 *
 * Cost: a walk of at most SUMMARY_REACH non-blank lines above the title.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"

/*
 * The points of a live page's summary under its headline: a page reporting
 * an event as it unfolds may set, between its headline and the updates, a
 * scoreboard or a byline and a list of the story's main points, one
 * heading-like line each, with no blank line between them ("Schools closed
 * in 40 towns" over "Rail line cut between two cities").  The title search
 * then takes the last point, nearest the article, for the headline.  When
 * the title and the lines glued to it make such a list of SUMMARY_POINTS
 * lines or more, of SUMMARY_WORDS words or more each with a stop word of
 * the page's language (a list of names has none), the points are kept as
 * text and the headline is looked for above the list: at most
 * SUMMARY_REACH non-blank lines up, across dates, shorter lines (a "Key
 * points" label, a byline) and lines with no stop word (a scoreboard's
 * cells), and no marker ("Related posts" heads a list of other stories),
 * the first other line is the headline when it is heading-like,
 * ends in no full stop and shares SUMMARY_HITS content words or more with
 * the points; a heading-like line glued above it is then the headline and
 * it the deck, and so is one with blank lines between that is shorter,
 * ends in no full stop and shares SUMMARY_HITS words with the article's
 * first paragraphs (see headline_on_deck(): a page sets its headline and
 * its deck apart, and the deck, nearer the list, takes up more of the
 * article's words).  A heading-like line under a live page's stamp (see
 * live_stamp()) right below the list is the first update's heading, kept.
 *
 * So too above the stamp of a live page's first update: when the title
 * search took the update's heading for the title or its deck, right under
 * a date or a time of at most LIVE_WORDS words with LIVE_STAMPS more among
 * the LIVE_LINES non-blank lines below it, the heading is kept and the
 * headline is looked for above the stamp (see live_headline_up()),
 * sharing SUMMARY_HITS words with the updates instead (a scoreboard and a
 * list of key moments may stand between); a shorter
 * heading-like line above it, blank lines between, with a stop word and
 * SUMMARY_HITS words of the article, is the headline and it the deck.
 */
#define SUMMARY_POINTS 3
#define SUMMARY_WORDS 4
#define SUMMARY_HEADLINE 5
#define SUMMARY_REACH 16
#define SUMMARY_HITS 2

/* Is line |i| a point of a summary list? */
static int
summary_line(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return safi_bp_heading_like(dc, ln) && ln->words >= SUMMARY_WORDS && ln->stop > 0 &&
	    !safi_bp_full_stop(dc, ln);
}

/* The headline above line |s|: at most SUMMARY_REACH non-blank lines up,
 * across dates, other boilerplate but markers, lines of fewer than
 * SUMMARY_HEADLINE words and lines with no stop word, the first other line
 * when it is heading-like, ends in no full stop, has no date right above it
 * (a comment under its stamp) and shares SUMMARY_HITS content words or
 * more with |tp|.  Returns its index, or SIZE_MAX. */
static size_t
headline_up(const struct decoder *dc, size_t s, const struct bp_topic *tp)
{
	size_t i, seen = 0;
	unsigned hits = 0, total = 0;

	for (i = s; i-- > 0 && seen < SUMMARY_REACH;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (ln->kind == K_BAD && ln->reason == R_MARKER)
			return SIZE_MAX;  /* "Related posts" over other stories */
		if (ln->words < SUMMARY_HEADLINE || ln->kind == K_BAD || ln->stop == 0)
			continue;
		if (!safi_bp_heading_like(dc, ln) || safi_bp_full_stop(dc, ln) ||
		    (i > 0 && dc->lines[i - 1].kind == K_BAD && dc->lines[i - 1].reason == R_DATE))
			return SIZE_MAX;  /* a comment's or an update's first line under its stamp */
		safi_bp_lead_count(dc, tp, i, &hits, &total);
		return hits >= SUMMARY_HITS ? i : SIZE_MAX;
	}
	return SIZE_MAX;
}

/* The headline over the deck |h| that a search above a summary list
 * found: the line above it, blank lines between or not, heading-like,
 * ending in no full stop, shorter than the deck and sharing SUMMARY_HITS
 * content words or more with the article's first paragraphs |lead| (a
 * deck takes up more of them than its headline, and sits nearer the
 * list).  Returns its index, or SIZE_MAX. */
static size_t
headline_on_deck(const struct decoder *dc, const struct bp_topic *lead, size_t h)
{
	size_t u;

	for (u = h; u-- > 0 && dc->lines[u].kind == K_BLANK;)
		;
	if (u >= h || !safi_bp_heading_like(dc, &dc->lines[u]) || safi_bp_full_stop(dc, &dc->lines[u]) ||
	    dc->lines[u].words >= dc->lines[h].words || safi_bp_lead_hits(dc, lead, u) < SUMMARY_HITS)
		return SIZE_MAX;
	return u;
}

/* Is line |i| the stamp of an update of a live page: a date or a time of
 * at most LIVE_WORDS words ("Sat 14 Dec 2024 19.28 GMT") over line |t|,
 * blank lines between or not, with LIVE_STAMPS such lines or more among
 * the LIVE_LINES non-blank lines below |t|? */
#define LIVE_WORDS 8
#define LIVE_STAMPS 2
#define LIVE_LINES 12

static int
live_date(const struct bp_line *ln)
{
	return ln->kind == K_BAD && ln->reason == R_DATE && ln->words <= LIVE_WORDS &&
	    !(ln->flags & L_BULLET);
}

static int
live_stamp(const struct decoder *dc, size_t i, size_t t)
{
	size_t j, seen = 0, n = 0;

	if (!live_date(&dc->lines[i]))
		return 0;
	for (j = t + 1; j < dc->nlines && seen < LIVE_LINES; j++)
		if (dc->lines[j].kind != K_BLANK) {
			seen++;
			n += live_date(&dc->lines[j]);
		}
	return n >= LIVE_STAMPS;
}

/* The headline above the summary list that holds line |t|, the points
 * kept, and the heading of the first update under its stamp below the
 * list; or SIZE_MAX. */
static size_t
summary_headline(struct decoder *dc, size_t t, size_t *deck, size_t top)
{
	struct bp_topic tp, lead;
	size_t s, e, i, u, h;

	if (!summary_line(dc, t))
		return SIZE_MAX;
	for (s = t; s > 0 && dc->lines[s - 1].kind != K_BLANK && summary_line(dc, s - 1); s--)
		;
	for (e = t; e + 1 < dc->nlines && dc->lines[e + 1].kind != K_BLANK &&
	    summary_line(dc, e + 1); e++)
		;
	if (e - s + 1 < SUMMARY_POINTS || (s > 0 && dc->lines[s - 1].kind != K_BLANK &&
	    dc->lines[s - 1].words >= SUMMARY_HEADLINE))
		return SIZE_MAX;
	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	for (i = s; i <= e; i++)
		safi_bp_topic_add_stems(dc->lx, dc->text + dc->lines[i].off, dc->lines[i].len,
		    &tp, dc->stems);
	if ((h = headline_up(dc, s, &tp)) == SIZE_MAX)
		return SIZE_MAX;
	for (i = s; i <= e; i++) {
		dc->lines[i].keep = 1;
		dc->lines[i].reason = R_LIST;
	}
	/* The first update's heading under its stamp below the list. */
	for (i = e + 1; i < dc->nlines && dc->lines[i].kind == K_BLANK; i++)
		;
	for (u = i + 1; u < dc->nlines && dc->lines[u].kind == K_BLANK; u++)
		;
	if (u < dc->nlines && live_stamp(dc, i, u) && safi_bp_heading_like(dc, &dc->lines[u])) {
		dc->lines[u].keep = 1;
		dc->lines[u].reason = R_HEADING;
	}
	*deck = SIZE_MAX;
	if (h > 0 && dc->lines[h - 1].kind != K_BLANK && safi_bp_heading_like(dc, &dc->lines[h - 1]) &&
	    !safi_bp_full_stop(dc, &dc->lines[h - 1])) {
		*deck = h;
		h--;
	} else {
		safi_bp_lead_topic(dc, top, &lead);
		if ((u = headline_on_deck(dc, &lead, h)) != SIZE_MAX) {
			*deck = h;
			h = u;
		}
	}
	return h;
}

/* A live page's updates: the paragraphs its headline is matched
 * against (see safi_bp_paragraphs_topic()). */
#define LIVE_PARAGRAPHS 40

/* The headline of a live page above the stamp |s| of its first update:
 * at most SUMMARY_REACH non-blank lines up, a marker ending the walk, the
 * heading-like line of SUMMARY_HEADLINE words or more with a stop word
 * and no full stop at its end that shares the most content words with the
 * updates |tp|, SUMMARY_HITS or more (the nearest of those that share as
 * many).  The walk goes on across what a live page sets between its
 * headline and its updates: its deck, a byline, a list of key points, a
 * scoreboard, a note on the time zone ("All times are UK"); a line right
 * under a date ends it (a comment's or an update's first line under its
 * stamp).  Returns its index, or SIZE_MAX. */
static size_t
live_headline_up(const struct decoder *dc, size_t s, const struct bp_topic *tp)
{
	size_t i, seen = 0, h = SIZE_MAX;
	unsigned hits, total, most = 0;

	for (i = s; i-- > 0 && seen < SUMMARY_REACH;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (ln->kind == K_BAD && ln->reason == R_MARKER)
			break;  /* "Related posts" over other stories */
		if (ln->words < SUMMARY_HEADLINE || ln->kind == K_BAD || ln->stop == 0 ||
		    !safi_bp_heading_like(dc, ln))
			continue;
		if (safi_bp_full_stop(dc, ln))
			continue;  /* the deck under the headline */
		hits = total = 0;
		safi_bp_lead_count(dc, tp, i, &hits, &total);
		if (hits < SUMMARY_HITS)
			continue;
		if (i > 0 && dc->lines[i - 1].kind == K_BAD && dc->lines[i - 1].reason == R_DATE)
			break;  /* a comment's or an update's first line under its stamp */
		if (hits > most) {
			most = hits;
			h = i;
		}
	}
	return h;
}

/* The headline above the stamp of a live page's first update, whose
 * heading |e| the title search took as the title or its deck, the heading
 * kept; or SIZE_MAX. */
static size_t
live_headline(struct decoder *dc, size_t e, size_t *deck, size_t top)
{
	struct bp_topic tp;
	size_t h, u;

	for (u = e; u-- > 0 && dc->lines[u].kind == K_BLANK;)
		;
	if (u >= e || !live_stamp(dc, u, e))
		return SIZE_MAX;
	safi_bp_paragraphs_topic(dc, top, LIVE_PARAGRAPHS, &tp);
	if ((h = live_headline_up(dc, u, &tp)) == SIZE_MAX)
		return SIZE_MAX;
	dc->lines[e].keep = 1;
	dc->lines[e].reason = R_HEADING;
	*deck = SIZE_MAX;
	for (u = h; u-- > 0 && dc->lines[u].kind == K_BLANK;)
		;
	if (u < h && safi_bp_heading_like(dc, &dc->lines[u]) && !safi_bp_full_stop(dc, &dc->lines[u]) &&
	    dc->lines[u].stop > 0 && dc->lines[u].words < dc->lines[h].words &&
	    safi_bp_lead_hits(dc, &tp, u) >= SUMMARY_HITS) {
		*deck = h;
		h = u;
	}
	return h;
}

/*
 * A page's index of its own points under a label: a live page lists its
 * key updates under "Key events", a news page its story's highlights under
 * "Story highlights", between the headline and the article; each point
 * takes up the article's words and the title search may take one for the
 * headline.  A point is a heading-like line of SUMMARY_WORDS words or
 * more that ends in no full stop (a point may open on the time of its
 * update, "8h ago", and have no stop word); SUMMARY_POINTS of them or
 * more glued together, with a label of at most POINTS_LABEL words, no
 * digit (an item of a list above, "2 eggs", is none) and no full stop
 * glued over the first.  The headline is the nearest line above
 * the label, at most SUMMARY_REACH non-blank lines up across bylines,
 * dates and other lines that share fewer than SUMMARY_HITS content words
 * with the article's lead, that is heading-like, ends in no full stop and
 * shares the most of them: a ticker's or a section's short name nearer the
 * label shares two words as well.  A marker, or a line sharing as many
 * that is no heading (a paragraph), ends the walk, unless it is the
 * first such line and a deck of sentences (heading-like, ending in a full
 * stop) under its headline (see headline_on_deck()): that headline is the
 * title then and the line its deck.  A shorter such line right above the
 * line found is the headline over its deck.  The points stay dropped.
 */
#define POINTS_LABEL 3

static int
point_line(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return safi_bp_heading_like(dc, ln) && ln->words >= SUMMARY_WORDS && !safi_bp_full_stop(dc, ln);
}

static size_t
points_headline(const struct decoder *dc, size_t t, size_t *deck, size_t top)
{
	struct bp_topic lead;
	size_t s, e, i, u, seen = 0, h = SIZE_MAX;
	unsigned hits, most = 0;
	const struct bp_line *label;

	if (!point_line(dc, t))
		return SIZE_MAX;
	for (s = t; s > 0 && dc->lines[s - 1].kind != K_BLANK && point_line(dc, s - 1); s--)
		;
	for (e = t; e + 1 < top && dc->lines[e + 1].kind != K_BLANK && point_line(dc, e + 1); e++)
		;
	if (e - s + 1 < SUMMARY_POINTS || s == 0)
		return SIZE_MAX;
	label = &dc->lines[s - 1];
	if (label->kind == K_BLANK || label->words == 0 || label->words > POINTS_LABEL ||
	    safi_bp_full_stop(dc, label) || (label->flags & (L_BULLET | L_DIGITS)))
		return SIZE_MAX;
	safi_bp_lead_topic(dc, top, &lead);
	for (i = s - 1; i-- > 0 && seen < SUMMARY_REACH;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (ln->kind == K_BAD && ln->reason == R_MARKER)
			break;
		if ((hits = safi_bp_lead_hits(dc, &lead, i)) < SUMMARY_HITS)
			continue;
		if (h == SIZE_MAX && safi_bp_heading_like(dc, ln) && safi_bp_full_stop(dc, ln) &&
		    (u = headline_on_deck(dc, &lead, i)) != SIZE_MAX) {
			/* a deck of sentences under its headline */
			*deck = i;
			return u;
		}
		if (!safi_bp_heading_like(dc, ln) || safi_bp_full_stop(dc, ln))
			break;
		if (hits > most) {
			most = hits;
			h = i;
		}
	}
	if (h == SIZE_MAX)
		return SIZE_MAX;
	*deck = SIZE_MAX;
	if ((u = headline_on_deck(dc, &lead, h)) != SIZE_MAX) {
		*deck = h;
		h = u;
	}
	return h;
}

size_t
safi_bp_summary_title(struct decoder *dc, size_t t, size_t *deck, size_t top, int lang)
{
	size_t h;

	if (t == SIZE_MAX || lang < 0)
		return t;
	if ((h = summary_headline(dc, t, deck, top)) != SIZE_MAX ||
	    (h = live_headline(dc, *deck != SIZE_MAX ? *deck : t, deck, top)) != SIZE_MAX ||
	    (h = points_headline(dc, t, deck, top)) != SIZE_MAX)
		return h;
	return t;
}
