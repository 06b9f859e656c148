/*
 * boilerplate_feed.c - other stories printed at the end of the zone, in
 * the decoder.
 *
 * The body zone ends where the sum of line scores stops rising, so it
 * takes in what scores as body text right below the article: the teasers
 * of other stories (a headline and a paragraph each) that a "more stories"
 * block prints without a marker, and a feed of headlines ("most read",
 * "trending") under a heading no phrase names.  Both have a shape an
 * article does not repeat: several units of a headline and one paragraph,
 * or several headline lines with no paragraph between them, set apart
 * from the last paragraph above.  The zone is trimmed back to the article
 * above them, when the body above makes an article and little body text
 * follows.  Prose below a strip of furniture that is about other things
 * (a bio, an about-us, other stories' standfirsts) ends it too (below).
 *
 * Cost: a pass back from the end of the zone for the teasers, and one
 * down the zone for the first run of headlines and one for the strips.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"

/* The text of a teaser: a paragraph, or a sentence or two too short to be
 * one ("2,000 readers tried it."). */
static int
teaser_text(const struct bp_line *ln)
{
	return ln->kind == K_GOOD ||
	    (ln->kind == K_NEAR && (ln->flags & L_TERM) && !(ln->flags & L_BULLET));
}

unsigned
safi_bp_number_opening(const struct decoder *dc, size_t i, const char *seps)
{
	const unsigned char *p = (const unsigned char *)dc->text + dc->lines[i].off;
	size_t n = dc->lines[i].len, k = 0, digits = 0;
	unsigned v = 0;

	while (k < n && (p[k] == ' ' || p[k] == '\t'))
		k++;
	for (; digits < 4; digits++) {
		if (k < n && p[k] >= '0' && p[k] <= '9') {
			v = 10 * v + (unsigned)(p[k++] - '0');
		} else if (k + 1 < n && p[k] == 0xD9 && p[k + 1] >= 0xA0 && p[k + 1] <= 0xA9) {
			v = 10 * v + (unsigned)(p[k + 1] - 0xA0);
			k += 2;
		} else {
			break;
		}
	}
	while (k < n && p[k] == ' ')
		k++;
	return digits >= 1 && digits <= 3 && k < n && p[k] != 0 && strchr(seps, p[k]) ? v : 0;
}

/* A step's label opens with one word of STEP_WORD bytes at most, then
 * its number ("Step 3 Release the case", "Schritt 3: ..."). */
#define STEP_WORD 16

unsigned
safi_bp_step_opening(const struct decoder *dc, size_t i, size_t *word)
{
	const unsigned char *p = (const unsigned char *)dc->text + dc->lines[i].off;
	size_t n = dc->lines[i].len, k = 0, digits = 0;
	unsigned v = 0;

	while (k < n && k <= STEP_WORD &&
	    (p[k] >= 0x80 || ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')))
		k++;
	if (k < 2 || k > STEP_WORD || k >= n || p[k] != ' ')
		return 0;
	*word = k++;
	for (; k < n && digits < 4 && p[k] >= '0' && p[k] <= '9'; digits++)
		v = 10 * v + (unsigned)(p[k++] - '0');
	return digits >= 1 && digits <= 3 && (k == n || p[k] == ' ' || p[k] == ':' ||
	    p[k] == '.') ? v : 0;
}

/* Does line |i| label the step after the one line |s| labels, under the
 * same word ("Step 2" at |s|, "Step 3" at |i|)? */
int
safi_bp_step_next(const struct decoder *dc, size_t s, size_t i)
{
	size_t ws = 0, wi = 0;
	unsigned v = safi_bp_step_opening(dc, s, &ws);

	return v != 0 && safi_bp_step_opening(dc, i, &wi) == v + 1 && wi == ws &&
	    memcmp(dc->text + dc->lines[s].off, dc->text + dc->lines[i].off, ws) == 0;
}

/* Whether the headline at |start| goes on the numbering of a heading in
 * the zone above it ("3- ..." above, "4- ..." here; "Step 2" above,
 * "Step 3" here, see safi_bp_step_next()): the article's own numbered
 * sections or steps, however short. */
static int
numbered_on(const struct decoder *dc, size_t a, size_t start)
{
	unsigned v;
	size_t j;

	while (start < dc->nlines && dc->lines[start].kind == K_BLANK)
		start++;
	if (start >= dc->nlines)
		return 0;
	v = safi_bp_number_opening(dc, start, "-.)");
	for (j = a; j < start; j++)
		if (dc->lines[j].kind != K_BLANK && dc->lines[j].kind != K_GOOD &&
		    ((v >= 2 && safi_bp_number_opening(dc, j, "-.)") == v - 1) ||
		    safi_bp_step_next(dc, j, start)))
			return 1;
	return 0;
}

/*
 * Trims from the end of the zone a run of teasers of other stories: four
 * or more units of one or two headline lines and one paragraph each (a
 * byline of one or two words and dates may stand between them), as
 * "more stories" blocks without a marker print them.  An article's own
 * subheadings head several paragraphs, or go on numbering a heading of
 * the zone, and the zone keeps at least three body paragraphs before the
 * run.  Two units or more are enough when each is stamped: its headline
 * glued right over its paragraph and a date glued right under it
 * (stamped_unit()), the way a box prints another story's age, as an
 * article dates no paragraph of its own.  The zone then keeps three
 * paragraphs before the run, one of them body text and the others
 * sentences too (teaser_text()): a short report of one-sentence
 * paragraphs sits above a box of longer teasers.
 */
#define STAMPED_UNITS 2
#define STAMPED_BEFORE 3

/* Is the unit of paragraph |para| under headline |head| stamped: the
 * headline glued over it, and a date glued under it that tells no time of
 * day alone (a live page's update may close on its time)? */
static int
stamped_unit(const struct decoder *dc, size_t head, size_t para)
{
	const struct bp_line *ln;

	if (head + 1 != para || para + 1 >= dc->nlines)
		return 0;
	ln = &dc->lines[para + 1];
	return ln->kind == K_BAD && ((ln->flags & L_DATED) || ln->reason == R_DATE) &&
	    !(ln->flags & L_BULLET) && ln->words <= 6 && !safi_bp_clock_line(dc, para + 1);
}

void
safi_bp_trim_teasers(const struct decoder *dc, size_t a, size_t *b)
{
	size_t i = *b + 1, start = SIZE_MAX, good_before = 0, text_before = 0, j;
	unsigned units = 0, stamped = 0;

	for (;;) {
		size_t heads = 0, para, names = 0, head = 0;

		/* The paragraph of the unit, past dates and bylines. */
		while (i > a && (dc->lines[i - 1].kind == K_BLANK || dc->lines[i - 1].kind == K_BAD))
			i--;
		if (i <= a || !teaser_text(&dc->lines[i - 1]))
			break;
		para = --i;
		/* One or two headlines right above it. */
		while (i > a && heads < 2) {
			const struct bp_line *ln = &dc->lines[i - 1];

			if (ln->kind == K_BLANK || (ln->kind == K_BAD && ln->reason == R_DATE)) {
				i--;
				continue;
			}
			/* A byline of one or two words between the headline
			 * and the paragraph. */
			if (heads == 0 && names == 0 && ln->kind == K_SHORT && ln->words <= 2 &&
			    !(ln->flags & (L_BULLET | L_TERM | L_COLON))) {
				names++;
				i--;
				continue;
			}
			if (!teaser_headline(ln))
				break;
			heads++;
			head = --i;
		}
		if (heads == 0) {
			i = para + 1;
			break;
		}
		units++;
		stamped += heads == 1 && names == 0 && stamped_unit(dc, head, para);
		start = i;
	}
	if (start == SIZE_MAX || (units < 4 && (units < STAMPED_UNITS || stamped < units)) ||
	    numbered_on(dc, a, start))
		return;
	for (j = a; j < start; j++) {
		good_before += dc->lines[j].kind == K_GOOD;
		text_before += teaser_text(&dc->lines[j]);
	}
	if (stamped == units ? good_before < 1 || text_before < STAMPED_BEFORE : good_before < 3)
		return;
	for (j = start; j-- > a;)
		if (dc->lines[j].kind == K_GOOD || dc->lines[j].kind == K_NEAR)
			break;
	*b = j;
}

/*
 * A feed of other stories below the article: the headlines of a "more
 * headlines", "most read" or "trending" block, one per line, each alone or
 * with a byline, a date or a "read more" link, and no paragraph between
 * them, whose heading no phrase names.  The article's own lists differ by
 * shape and place: their items are numbered, bulleted (a bullet typed in
 * the text: a feed's links come without one), lower case or end in a full
 * stop, a colon introduces them, they follow a paragraph right away, and
 * the article goes on below them.  So the first run of FEED_HEADS headline
 * lines or more in the zone ends the article when it stands apart from the
 * last paragraph above it (a line that is not a paragraph between them),
 * no colon introduces it, the body above it makes an article and the body
 * text below it in the zone is less than a third (FEED_BELOW) of that above:
 * the zone then ends at that paragraph, and the feed and the rest (teasers,
 * an author's bio, a sign-up box) are the tail.  A page whose first run
 * does not qualify is left alone: an index of stories repeats the shape all
 * the way down.
 */
#define FEED_HEADS 4
#define FEED_WORDS 3      /* words of a headline, at least */
#define FEED_FILLER 3     /* words of a byline or a link between headlines, at most */
#define FEED_BELOW 3

/* Does the line start with a number ("3 eggs", "2. Mix", "• 1/2 cup"),
 * past blanks, bullets and punctuation? */
static int
numbered(const struct decoder *dc, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t i = 0;

	while (i < ln->len) {
		if (p[i] >= '0' && p[i] <= '9')
			return 1;
		if (p[i] == 0xE2 && i + 2 < ln->len && p[i + 1] == 0x80 && p[i + 2] == 0xA2) {
			i += 3;  /* U+2022 BULLET */
			continue;
		}
		if ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') || p[i] >= 0x80)
			return 0;
		i++;
	}
	return 0;
}

/* A line shaped as another story's headline: a few words, neither body
 * text nor a sentence nor a list item, not lower case, not a number. */
static int
feed_headline(const struct decoder *dc, const struct bp_line *ln)
{
	return (ln->kind == K_NEAR || ln->kind == K_SHORT) &&
	    !(ln->flags & (L_TERM | L_COLON | L_WRAPPED | L_LOWER | L_BULLET)) &&
	    ln->words >= FEED_WORDS && ln->words <= 20 && !numbered(dc, ln);
}

/* The end of a run of headlines starting at |i|: the first line after it
 * that is neither a headline, a blank or boilerplate line, nor a byline or
 * a link of a few words.  *heads is set to its headlines. */
static size_t
feed_run(const struct decoder *dc, size_t i, size_t b, size_t *heads)
{
	for (*heads = 0; i <= b; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK || ln->kind == K_BAD)
			continue;
		if (feed_headline(dc, ln))
			++*heads;
		else if (ln->kind != K_SHORT || ln->words > FEED_FILLER || (ln->flags & L_COLON))
			break;
	}
	return i;
}

void
safi_bp_trim_feed(const struct decoder *dc, size_t a, size_t *b)
{
	size_t i, j, k, heads, last = SIZE_MAX, apart = 0;
	uint64_t above = 0, below = 0;
	int colon = 0;

	for (i = a; i <= *b; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (!feed_headline(dc, ln)) {
			if (ln->kind == K_GOOD)
				above += ln->words;
			if (teaser_text(ln)) {
				last = i;
				apart = 0;
				colon = 0;
			} else {
				apart++;
				colon |= (ln->flags & L_COLON) != 0;
			}
			continue;
		}
		j = feed_run(dc, i, *b, &heads);
		if (heads >= FEED_HEADS) {
			if (last == SIZE_MAX || !apart || colon || above < ARTICLE_SCORE)
				return;
			for (k = j; k <= *b; k++)
				if (dc->lines[k].kind == K_GOOD)
					below += dc->lines[k].words;
			if (below * FEED_BELOW < above)
				*b = last;
			return;
		}
		apart++;
		i = j - 1;
	}
}

/*
 * The article's end above a change of topic.  Below the article, pages
 * print a strip of furniture (share tools, a follow-us list, a copyright
 * line) and then more prose: an author's bio, a site's about-us, a book's
 * promotion, other stories' headlines with their standfirsts, a column of
 * other blogs' blurbs.  The best run of lines takes them in when their
 * paragraphs earn more than the strip costs.  They are told from the
 * article going on below a box by their words, paragraph by paragraph:
 * each is about something else.  So a gap of DRIFT_GAP non-blank lines or
 * more with no body paragraph, one of them boilerplate by its shape (a
 * phrase, a menu, a copyright line; not a date, a caption, symbols or a
 * copy, which a list of ingredients or results holds, nor a line of a box
 * the cut search let the article go on below, see boxed()), below body text of
 * the zone scoring DRIFT_SCORE or more, ends the zone at the last body
 * paragraph above it when the body paragraphs below it in the zone hold
 * fewer words than those above (a tail is smaller than its article; a
 * zone that is mostly posts or an index of stories is left alone) and
 * most of them share fewer than DRIFT_TOPIC percent of their content words
 * with the body above the gap, or most of them stand each right under a
 * headline line of their own, DRIFT_HEADS or more: a feed of teasers or
 * sponsors' notices, however close its topic, where an article's
 * subheadings head several paragraphs each.  A marker in the gap ("More
 * news", "Other news from the section": a heading of other stories) makes
 * a gap of any length enough, below body text scoring MARKED_SCORE or more,
 * when every body paragraph below it, MARKED_HEADS or more, stands right
 * under a headline line of its own.  Below a short article (body text
 * scoring MARKED_SCORE or more, not DRIFT_SCORE), a gap of DRIFT_GAP lines
 * with furniture ends the zone when every body paragraph below it,
 * SHORT_HEADS or more, stands right under a headline line of its own,
 * however many words they hold: a box of teasers under a brief outweighs
 * it.  A bare marker (not an inline "Read also" line, nor the marker of
 * a box the cut search let the article go on below) over short
 * paragraphs (not safi_bp_long_paragraphs()) lets them be judged by
 * their words too, as below a long gap:
 * other stories' standfirsts with no headlines under a short article,
 * which never scores DRIFT_SCORE; an article going on below a marker
 * goes on in long paragraphs.  No gap ends the zone where the
 * first body paragraph below it is an update of a live page like those
 * above it (live_update()).  Teasers the new end leaves
 * last in the zone are trimmed as at its first end.
 *
 * Cost: a pass down the zone; the first DRIFT_CHECKS gaps of a page each
 * count the words of the zone, and when the body below is the smaller,
 * look for headlines over TOPIC_LINES paragraphs below the gap, then read
 * the topic words of TOPIC_LINES paragraphs above it and count those of at
 * most TOPIC_LINES below it.
 */
#define DRIFT_GAP 6
#define DRIFT_SCORE (5 * ARTICLE_SCORE)  /* five paragraphs of forty words */
#define DRIFT_TOPIC 15
#define DRIFT_CHECKS 3
#define DRIFT_HEADS 3
#define MARKED_SCORE (2 * ARTICLE_SCORE)
#define MARKED_HEADS 2
#define SHORT_HEADS 4

/* Do most of the first TOPIC_LINES body paragraphs from |g| to |b|, and
 * DRIFT_HEADS or more, stand right under a headline line (past blanks and
 * dates)?  With |all| (below a marker: MARKED_HEADS; below a short
 * article: SHORT_HEADS), every one of them, and |all| or more. */
static int
headed_feed(const struct decoder *dc, size_t g, size_t b, size_t all)
{
	size_t k, j, paras = 0, heads = 0;

	for (k = g; k <= b && paras < TOPIC_LINES; k++) {
		if (dc->lines[k].kind != K_GOOD)
			continue;
		paras++;
		for (j = k; j-- > 0;) {
			const struct bp_line *ln = &dc->lines[j];

			if (ln->kind == K_BLANK || (ln->kind == K_BAD && ln->reason == R_DATE))
				continue;
			heads += teaser_headline(ln);
			break;
		}
	}
	if (all)
		return heads >= all && heads == paras;
	return heads >= DRIFT_HEADS && 2 * heads >= paras;
}

/*
 * Is the body paragraph |k| an update of a live page like those above it:
 * the nearest line above it (past blanks) a headline line under a time of
 * day alone (update_stamp(): "16:20" over "Roads closed in the centre"),
 * with LIVE_UPDATES such stamped headlines or more in the zone from |a|
 * to |g|?  A live page heads each update so; a feed of other stories
 * below an article is not stamped as the article's updates are.
 */
#define LIVE_UPDATES 2

static size_t
stamped_head(const struct decoder *dc, size_t k)
{
	size_t j = k, h;

	while (j-- > 0 && dc->lines[j].kind == K_BLANK)
		;
	if (j == SIZE_MAX || !teaser_headline(&dc->lines[j]))
		return SIZE_MAX;
	for (h = j; h-- > 0 && dc->lines[h].kind == K_BLANK;)
		;
	return h != SIZE_MAX && update_stamp(dc, h) ? j : SIZE_MAX;
}

static int
live_update(const struct decoder *dc, size_t a, size_t g, size_t k)
{
	size_t i, updates = 0;

	if (stamped_head(dc, k) == SIZE_MAX)
		return 0;
	for (i = a; i < g && updates < LIVE_UPDATES; i++)
		if (dc->lines[i].kind == K_GOOD && stamped_head(dc, i) != SIZE_MAX)
			updates++;
	return updates >= LIVE_UPDATES;
}

/* Do the body paragraphs from |g| to |b| hold fewer words than those of
 * the zone above |g| from |a|, and are they a headed feed, or are most of
 * the first TOPIC_LINES of them foreign to the topic words of the body
 * above |g|?  When |feed_only|, only a headed feed counts.  A paragraph
 * under a headline that goes on the numbering of a line above it in the
 * zone (numbered_on(): the next step) does not drift.  The words are
 * read last, and only until the vote is won or lost. */
static int
drifts(const struct decoder *dc, size_t a, size_t g, size_t b, int feed_only)
{
	struct bp_topic tp;
	size_t k, lines = 0, foreign = 0, shared = 0, paras = 0;
	uint64_t above = 0, below = 0;

	for (k = g; k <= b; k++)
		if (dc->lines[k].kind == K_GOOD) {
			below += dc->lines[k].words;
			paras++;
		}
	for (k = a; k < g; k++)
		if (dc->lines[k].kind == K_GOOD)
			above += dc->lines[k].words;
	if (below >= above || live_update(dc, a, g, g))
		return 0;
	for (k = g; k-- > a && dc->lines[k].kind == K_BLANK;)
		;
	if (k != SIZE_MAX && k >= a && numbered_on(dc, a, k))
		return 0;  /* the next of the article's numbered steps */
	if (headed_feed(dc, g, b, feed_only ? MARKED_HEADS : 0))
		return 1;
	if (feed_only)
		return 0;
	if (paras > TOPIC_LINES)
		paras = TOPIC_LINES;
	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	for (k = g; k-- > a && lines < TOPIC_LINES;)
		if (dc->lines[k].kind == K_GOOD) {
			lines++;
			topic_add(dc, &tp, k);
		}
	for (k = g; k <= b && 2 * foreign <= paras && 2 * shared < paras; k++) {
		unsigned hits = 0, total = 0;

		if (dc->lines[k].kind != K_GOOD)
			continue;
		topic_count(dc, &tp, k, &hits, &total);
		if (hits * 100 < DRIFT_TOPIC * total)
			foreign++;
		else
			shared++;
	}
	return 2 * foreign > paras;
}

/*
 * Is line |i| of a box the cut search found set inside the article: a
 * teaser of it, or its marker with a teaser as the next line below?
 * The search let the article go on below such a box only where the
 * paragraphs below it share the body's words (box_end()); its lines are
 * no strip of furniture ending the article.  A marker dropped with no
 * teaser below it (a counter among the byline's tools) still is.
 */
static int
boxed(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t j;

	if (ln->reason == R_TEASER)
		return 1;
	if (ln->reason != R_MARKER)
		return 0;
	j = next_line(dc, i);
	return j < dc->nlines && dc->lines[j].kind == K_BAD && dc->lines[j].reason == R_TEASER;
}

void
safi_bp_end_at_drift(const struct decoder *dc, size_t a, size_t *b)
{
	size_t i, last = SIZE_MAX, gap = 0, furniture = 0, checks = 0;
	long above = 0, at_last = 0;
	int marked = 0, unboxed = 0;

	for (i = a; i <= *b; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		above += zone_score(dc, ln);
		if (ln->kind != K_GOOD) {
			gap++;
			furniture += ln->kind == K_BAD && !list_item(ln) && !boxed(dc, i);
			marked |= ln->kind == K_BAD && (ln->reason == R_MARKER ||
			    ln->reason == R_INLINE_MARKER);
			unboxed |= ln->kind == K_BAD && ln->reason == R_MARKER && !boxed(dc, i);
			continue;
		}
		if (last != SIZE_MAX && ((gap >= DRIFT_GAP && furniture > 0 &&
		    at_last >= DRIFT_SCORE) || (marked && at_last >= MARKED_SCORE)) &&
		    checks++ < DRIFT_CHECKS &&
		    drifts(dc, a, i, *b, (gap < DRIFT_GAP || !furniture || at_last < DRIFT_SCORE) &&
		    (!unboxed || safi_bp_long_paragraphs(dc, i, *b)))) {
			*b = last;
			safi_bp_trim_teasers(dc, a, b);
			return;
		}
		/* A short article over a strip of furniture and a feed of
		 * teasers, each paragraph under its own headline. */
		if (last != SIZE_MAX && gap >= DRIFT_GAP && furniture > 0 &&
		    at_last >= MARKED_SCORE && at_last < DRIFT_SCORE &&
		    headed_feed(dc, i, *b, SHORT_HEADS) && !live_update(dc, a, i, i)) {
			*b = last;
			safi_bp_trim_teasers(dc, a, b);
			return;
		}
		gap = furniture = 0;
		marked = unboxed = 0;
		last = i;
		at_last = above;
	}
}
