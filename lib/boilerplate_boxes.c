/*
 * boilerplate_boxes.c - the boxes set inside the article, and the cut of
 * the tail at the first marker that heads none.
 *
 * A page sets boxes between the paragraphs of its article: "Read also"
 * over a link, a related story's headline with its kicker, badge or
 * teaser, a column of tags, a long run of section links under the lead.
 * Each opens with a marker, as the tail below the article does.  Down
 * the page, each marker is read: when the article goes on below its box
 * (a few teaser headlines, then body paragraphs that take up the words
 * of the body above it, or that carry the story on by their shape), the
 * marker and the box's lines are dropped as teasers and the search goes
 * on below; the first marker that heads no such box starts the tail
 * (safi_bp_find_cut(), run by the decoder in boilerplate_decode.c).
 *
 * Cost: for each marker, the box's few lines and the topic words of at
 * most TOPIC_LINES body paragraphs above it; a long box, or one above
 * the article's body, costs a search of the best run of lines below it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"

/*
 * The share safi_bp_stem_share() gives, taken over the whole run of body
 * paragraphs from |g| down to the next marker (TOPIC_LINES of them at
 * most), words compared by their stems with those of the body above |m|:
 * an article going on for a few paragraphs under a "read also" link may
 * open on a scene or a quote of its own ("Long queues formed at the
 * centre"), and names again what it named above ("centres") further
 * down, in other forms.
 */
static unsigned
run_share(const struct decoder *dc, size_t m, size_t g)
{
	struct bp_topic tp;
	size_t i, lines = 0;
	unsigned hits = 0, total = 0;

	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	for (i = m; i-- > 0 && lines < TOPIC_LINES;)
		if (dc->lines[i].kind == K_GOOD) {
			lines++;
			safi_bp_topic_add_stems(dc->lx, dc->text + dc->lines[i].off,
			    dc->lines[i].len, &tp, BP_STEM_ALL);
		}
	for (i = g, lines = 0; i < dc->nlines && lines < TOPIC_LINES &&
	    !(dc->lines[i].flags & L_MARKER); i++)
		if (dc->lines[i].kind == K_GOOD) {
			lines++;
			safi_bp_topic_count_stems(dc->lx, dc->text + dc->lines[i].off,
			    dc->lines[i].len, &tp, &hits, &total, BP_STEM_ALL);
		}
	return total ? hits * 100 / total : 0;
}

/* Does a body paragraph stand right above line |m| (blank lines and
 * one-word phrase lines such as "Advertisement" apart), not a source or a
 * signature that ends an article ("Source: agencies")? */
static int
inside_text(const struct decoder *dc, size_t m)
{
	m = safi_bp_text_above(dc, m);
	return m != SIZE_MAX && dc->lines[m].kind == K_GOOD;
}

/* lead_of() below, comparing words by their stems where |stems| (one of
 * BP_STEM_...) asks for it. */
static int
lead_of_stems(const struct decoder *dc, size_t h, size_t g, int stems)
{
	struct bp_topic tp;
	unsigned hits = 0, total = 0;

	memset(&tp, 0, sizeof tp);
	safi_bp_topic_add_stems(dc->lx, dc->text + dc->lines[g].off, dc->lines[g].len, &tp, stems);
	safi_bp_topic_count_stems(dc->lx, dc->text + dc->lines[h].off, dc->lines[h].len, &tp,
	    &hits, &total, stems);
	return hits >= 2 && 3 * hits >= total;
}

/*
 * Is paragraph |g| the lead of the story under headline |h|: does it take
 * up two of the headline's content words at least, a third of them?  The
 * article going on below a link names what the article names, not what
 * the linked headline does.
 */
static int
lead_of(const struct decoder *dc, size_t h, size_t g)
{
	return lead_of_stems(dc, h, g, BP_STEM_NONE);
}

/*
 * The number of the last item of a numbered list standing above marker
 * |m|: the nearest numbered item among the BOX_LINES non-blank lines above
 * it, with only body paragraphs and items between (its text), or 0.
 */
static unsigned
item_above(const struct decoder *dc, size_t m)
{
	size_t i, lines = 0;
	unsigned v;

	for (i = m; i-- > 0 && lines < BOX_LINES;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if ((v = item_number(dc, i)) != 0)
			return v;
		if (ln->kind != K_GOOD)
			return 0;
		lines++;
	}
	return 0;
}

/*
 * The line of the last step labelled above marker |m| ("Step 2 Remove the
 * screws"): the nearest line among the BOX_LINES non-blank lines above it
 * that opens with a step's label (safi_bp_step_opening()), with only the
 * step's text between (no furniture), or SIZE_MAX.
 */
static size_t
step_above(const struct decoder *dc, size_t m)
{
	size_t i, lines = 0, w;

	for (i = m; i-- > 0 && lines < BOX_LINES;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_BAD)
			return SIZE_MAX;
		if (safi_bp_step_opening(dc, i, &w) != 0)
			return i;
		lines++;
	}
	return SIZE_MAX;
}

/* A teaser headline under a label that is boilerplate by its phrase
 * ("Video: Crews at work"): of LABELLED_WORDS words or more, ending no
 * sentence, as a plain headline of the box does, or asking a question
 * ("Video.. How to keep a car cool?"), as an open one does. */
#define LABELLED_WORDS 4

static int
labelled_teaser(const struct decoder *dc, const struct bp_line *ln)
{
	return ln->kind == K_BAD && ln->reason == R_PHRASE && ln->words >= LABELLED_WORDS &&
	    ln->words <= 25 && !(ln->flags & (L_BULLET | L_COLON)) &&
	    (!(ln->flags & L_TERM) || question(dc, ln));
}

/*
 * Is line |u|, the last above paragraph |g| under a box, the subheading of
 * the article going on at |g|: a block of its own, blank lines above it and
 * nothing but blank lines between it and |g|, below headlines glued into
 * one block (the line nearest above it glued to the one above that)?  A
 * section's or an author's name sits in its headline's block, and a box
 * that sets its headlines apart leaves its last one apart too.
 */
static int
subheading(const struct decoder *dc, size_t u, size_t g)
{
	size_t i;

	for (i = u + 1; i < g; i++)
		if (dc->lines[i].kind != K_BLANK)
			return 0;
	if (u == 0 || dc->lines[u - 1].kind != K_BLANK)
		return 0;
	for (i = u - 1; i > 0 && dc->lines[i].kind == K_BLANK; i--)
		;
	return i > 0 && dc->lines[i].kind != K_BLANK && dc->lines[i - 1].kind != K_BLANK;
}

/* Does no blank line stand between marker |m| and line |i|: the page
 * glues the box and the paragraph below it into one block, so that the
 * blank lines subheading() reads are not there to read? */
static int
glued_box(const struct decoder *dc, size_t m, size_t i)
{
	size_t j;

	for (j = m + 1; j < i; j++)
		if (dc->lines[j].kind == K_BLANK)
			return 0;
	return 1;
}

/* Is line |i| a body paragraph that ends a sentence, its first copy and no
 * list item, as an article below a marker opens? */
static int
opening_paragraph(const struct bp_line *ln, size_t i)
{
	return ln->kind == K_GOOD && (ln->flags & L_TERM) && ln->first == i &&
	    !(ln->flags & L_BULLET);
}

/* A paragraph that ends in a colon over a list ("The rules are as
 * follows:"): of a sentence's length, short of body text only by its
 * ending. */
#define LIST_LEAD_WORDS 6

static int
list_lead(const struct bp_line *ln)
{
	return ln->kind == K_NEAR && (ln->flags & L_COLON) && ln->words >= LIST_LEAD_WORDS;
}

/* A shorter one, of LIST_INTRO_WORDS words or more, that the list's first
 * bulleted item follows with no blank line between ("The areas hit
 * hardest:" over "- Riverside, with seven trees down"): the page sets the
 * list under it, as it sets no box's label over its links. */
#define LIST_INTRO_WORDS 3

static int
glued_list_lead(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	if (list_lead(ln))
		return 1;
	return (ln->kind == K_NEAR || ln->kind == K_SHORT) && (ln->flags & L_COLON) &&
	    !(ln->flags & (L_BULLET | L_MARKER)) && ln->words >= LIST_INTRO_WORDS &&
	    i + 1 < dc->nlines && (dc->lines[i + 1].flags & L_BULLET) &&
	    dc->lines[i + 1].kind != K_BAD;
}

/*
 * A paragraph of one short sentence right under body paragraph |g| below
 * a box: a report that sets each sentence apart as a paragraph of its own
 * ("No comment came from the mediators.") goes on under a box with a
 * paragraph and such a line, as it goes on with two paragraphs.  Line |i|
 * ends a sentence, is printed once, is no list item, no marker and no
 * question, and |g| is a body paragraph that ends a sentence.
 */
static int
sentence_goes_on(const struct decoder *dc, size_t g, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind == K_NEAR && (ln->flags & L_TERM) &&
	    !(ln->flags & (L_BULLET | L_MARKER | L_REPEATED | L_COLON)) &&
	    ln->first == i && !question(dc, ln) && dc->lines[g].kind == K_GOOD &&
	    (dc->lines[g].flags & L_TERM);
}

/* Most items of a list under a paragraph ending in a colon, below a box. */
#define BOX_ITEMS 10

/* An item of such a list: with its bullet, or as a scraper leaves it
 * without one, a short line that is no marker. */
static int
list_line(const struct bp_line *ln)
{
	return (ln->flags & L_BULLET) || ((ln->kind == K_SHORT || ln->kind == K_NEAR) &&
	    !(ln->flags & (L_MARKER | L_COLON)) && ln->words <= 25);
}

/*
 * Under a marker set between two body paragraphs, one linked headline
 * (|first|) and then the article's own subheading (|h|) over the
 * paragraph |g| that goes on the article: the paragraph takes up the
 * subheading's words (see lead_of(); by their stems, as a paragraph
 * inflects them), not the linked headline's, and
 * shares twice BOX_TOPIC percent (|share|) with the body above.  A box of
 * two headlines over the article going on does not lead into it.
 */
static int
link_subheading(const struct decoder *dc, size_t m, size_t first, size_t h, size_t g,
                unsigned share)
{
	return first != h && inside_text(dc, m) && share >= 2 * BOX_TOPIC &&
	    lead_of_stems(dc, h, g, BP_STEM_ALL) && !lead_of_stems(dc, first, g, BP_STEM_ALL);
}

/* A teaser's headline that reads as body text by its stop words alone
 * (an Arabic line of fewer than twice the words of a paragraph that ends
 * no sentence, see density_kind()): right under a marker, the first
 * headline of a box.  A line of a hard-wrapped paragraph, body text with
 * the lines wrapped with it (see safi_bp_judge_density()), is none: the
 * article going on below the box, wrapped as it was above. */
static int
wordy_headline(const struct decoder *dc, const struct bp_line *ln)
{
	return ln->kind == K_GOOD && !(ln->flags & (L_TERM | L_COLON | L_BULLET | L_WRAPPED)) &&
	    ln->words < 2 * dc->o->min_words;
}

/* A wordy headline (see above) glued right under the box's last
 * headline |h|, a line of a box that sets no blank line between its
 * links: not one that goes on with a conjunction, as the article's next
 * paragraph does (see goes_on()). */
static int
glued_headline(const struct decoder *dc, size_t h, size_t i)
{
	return h + 1 == i && wordy_headline(dc, &dc->lines[i]) && !goes_on(dc, i);
}

/* Most words of a link closing a box ("More from the fair"). */
#define MORE_WORDS 5

/*
 * Is line |i| the link a box of teasers closes with ("All articles on
 * energy", "See all"), glued to the box's last headline: a marker or a
 * phrase line of at most MORE_WORDS words, no counter, with a body
 * paragraph the next line below it (blank lines apart)?  A marker heading
 * the next box or the tail has its headlines below it, and a label ending
 * in a colon ("Comments:") opens what follows, as a thread's first comment.
 */
static int
more_link(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	if (ln->words > MORE_WORDS || (ln->flags & (L_COUNTER | L_BULLET | L_COLON)) ||
	    (!(ln->flags & L_MARKER) && (ln->kind != K_BAD || ln->reason != R_PHRASE)))
		return 0;
	i = next_line(dc, i);
	return i < dc->nlines && dc->lines[i].kind == K_GOOD;
}

/*
 * Is line |i| a mark glued under a box's headline: one word that ends no
 * sentence, no list item, label or number ("PREMIUM", "Plus", "Video"),
 * as a site marks the link its box carries to a paid or filmed story.
 * Only under the box's first headline: a word under each headline of a
 * box of several names their sections, as a name beside a headline does
 * (see box_end()).
 */
static int
teaser_badge(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->words == 1 && ln->kind != K_GOOD &&
	    !(ln->flags & (L_BULLET | L_COLON | L_TERM | L_MARKER | L_DIGITS));
}

int
safi_bp_trails_off(const char *p, size_t n)
{
	const char *e = p + n;

	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return (e - p >= 2 && e[-1] == '.' && e[-2] == '.') ||
	    (e - p >= 3 && memcmp(e - 3, "\xE2\x80\xA6", 3) == 0);
}

/* A box's headline that asks a question ("Who pays for the buses?") or
 * is cut short ("Council approves the budget for..."): a teaser headline
 * but for the question mark or the ellipsis it ends in. */
static int
open_headline(const struct decoder *dc, const struct bp_line *ln)
{
	return (ln->kind == K_NEAR || ln->kind == K_SHORT) &&
	    !(ln->flags & (L_BULLET | L_COLON)) && ln->words >= 3 && ln->words <= 25 &&
	    (question(dc, ln) || safi_bp_trails_off(dc->text + ln->off, ln->len));
}

/* The first headline of a box that asks a question in as many words as a
 * paragraph holds ("How to find out whether your town is in a flood
 * zone?"): right under the marker |m|, with another headline glued right
 * under it (no blank line between), as a box lists its links, or, on a
 * live page, the next stamped update right below it
 * (safi_bp_clock_resumes()): an update opens under its stamp, not under a
 * marker.  A paragraph that asks a question has the article's next
 * paragraph under it, set apart by a blank line. */
static int
asked_headline(const struct decoder *dc, size_t m, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t j;

	return i == m + 1 && ln->kind == K_GOOD && !(ln->flags & (L_BULLET | L_COLON)) &&
	    ln->words <= 25 && question(dc, ln) && i + 1 < dc->nlines &&
	    (teaser_headline(&dc->lines[i + 1]) || open_headline(dc, &dc->lines[i + 1]) ||
	    ((j = next_line(dc, i)) < dc->nlines && safi_bp_clock_resumes(dc, m, j)));
}

/* A headline's kicker in a box: a line of one or two words ending no
 * sentence, with a teaser headline glued right under it ("Transport"
 * over "Rail line closed in summer"). */
static int
kicker(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind == K_SHORT && ln->words <= 2 &&
	    !(ln->flags & (L_BULLET | L_COLON | L_TERM)) && i + 1 < dc->nlines &&
	    (teaser_headline(&dc->lines[i + 1]) || open_headline(dc, &dc->lines[i + 1]));
}

/* A box's headline (a teaser's, an open one or a wordy one). */
static int
headline(const struct decoder *dc, const struct bp_line *ln)
{
	return teaser_headline(ln) || open_headline(dc, ln) || wordy_headline(dc, ln);
}

/*
 * Is line |u|, the last of a box whose lines run from |first|, the
 * article's subheading over the paragraph below it: a line of two to
 * SHORT_HEAD_WORDS words ending no sentence, no label and no list item,
 * shorter than any headline of the box above it ("Labour shortage" under
 * "Exports of olive oil bring in five billion")?  A box's headlines are
 * of a headline's length, and a subheading names its section in a few
 * words.
 */
#define SHORT_HEAD_WORDS 4

static int
short_subheading(const struct decoder *dc, size_t first, size_t u)
{
	size_t i, fewest = SIZE_MAX, heads = 0, lines = 0;

	for (i = first; i < u; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK || ln->kind == K_BAD || (ln->flags & L_TERM))
			continue;
		lines++;
		if (headline(dc, ln)) {
			heads++;
			if (ln->words < fewest)
				fewest = ln->words;
		}
	}
	return 2 * heads >= lines && fewest != SIZE_MAX && dc->lines[u].kind != K_BAD &&
	    dc->lines[u].words >= 2 && dc->lines[u].words <= SHORT_HEAD_WORDS &&
	    dc->lines[u].words < fewest && !(dc->lines[u].flags & (L_TERM | L_COLON | L_BULLET));
}

/* Does line |j| open with the label of |n| bytes at |p| ("Q:")? */
static int
same_label(const struct decoder *dc, size_t j, const char *p, size_t n)
{
	const char *q = dc->text + dc->lines[j].off;
	size_t from;

	return safi_bp_label_len(q, dc->lines[j].len, &from) == n && memcmp(q + from, p, n) == 0;
}

/* A teaser's headline that asks a question ("Who pays for it?"): short of
 * body text, of a few words, no list item. */
static int
asked_teaser(const struct decoder *dc, const struct bp_line *ln)
{
	return (ln->kind == K_SHORT || ln->kind == K_NEAR) && !(ln->flags & (L_BULLET | L_MARKER)) &&
	    ln->words >= 3 && ln->words <= 25 && question(dc, ln);
}

/*
 * An interview goes on below a box set between two of its turns: line
 * |i|, short of body text, over a body paragraph, opens a turn when it
 * asks a question ("And if you lose?") and a question stands over a
 * paragraph that asks none among the BOX_LINES non-blank lines above
 * marker |m|, or when it opens with the label one of them opens with
 * ("Q:", "سؤال:", "Kessler:"); a body paragraph under such a label does
 * too (an answer below a box set between it and its question).  A
 * question under a bullet ("* And if you lose?") opens a turn where a
 * question under a bullet stands above the marker too: an interview that
 * sets its questions apart so.  The lines above must all be the
 * article's: body text or lines short of it, no furniture.
 */
static int
turn_resumes(const struct decoder *dc, size_t m, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;
	size_t j, below = m, lines = 0, from, n;
	int asks, bulleted = (ln->flags & L_BULLET) != 0;

	if ((ln->flags & L_MARKER) || (bulleted && (ln->kind == K_GOOD || !question(dc, ln))))
		return 0;
	n = bulleted ? 0 : safi_bp_label_len(p, ln->len, &from);
	if (ln->kind == K_GOOD) {
		if (n == 0)
			return 0;
		asks = 0;  /* an answer under its label ("A: ...") */
	} else if ((ln->kind != K_SHORT && ln->kind != K_NEAR) || ln->words > 25 ||
	    (j = next_line(dc, i)) >= dc->nlines || dc->lines[j].kind != K_GOOD) {
		return 0;
	} else if (!(asks = question(dc, ln)) && n == 0) {
		return 0;
	}
	for (j = m; j-- > 0 && lines < BOX_LINES;) {
		const struct bp_line *up = &dc->lines[j];

		if (up->kind == K_BLANK)
			continue;
		if (up->kind == K_BAD)
			return 0;
		lines++;
		if ((n != 0 && same_label(dc, j, p + from, n)) || (asks && below < m &&
		    question(dc, up) && (!bulleted || (up->flags & L_BULLET)) &&
		    dc->lines[below].kind == K_GOOD &&
		    !question(dc, &dc->lines[below])))
			return 1;
		below = j;
	}
	return 0;
}

/* A video's length printed over its headline in a box ("▶ 02:31"): a
 * line of one or two words dropped as a stamp or as symbols, glued over
 * the next line (no blank line between). */
static int
duration_badge(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind == K_BAD && (ln->reason == R_DATE || ln->reason == R_SYMBOLS) &&
	    ln->words <= 2 && i + 1 < dc->nlines && dc->lines[i + 1].kind != K_BLANK &&
	    dc->lines[i + 1].kind != K_BAD;
}

/*
 * The article's last paragraph under a marker set inside it: wire copy
 * heads its closing notes with a line a "related" box also uses ("UP
 * NEXT" over the next game's pitchers, "WHAT'S NEXT" over the date of a
 * hearing).  Line |g|, the first under the marker |m| that stands right
 * under a body paragraph, is such a paragraph when it ends a sentence, is
 * printed once, is body text or a near paragraph of *--min-words* words
 * or more, the article ends under it (the next line is boilerplate by its
 * shape but no marker, or a table's cell, as a box score's, or the page
 * ends: two paragraphs in a row are box_end()'s, a marker again opens the
 * comments or the next box, and a headline or prose under it is a box's
 * next teaser), and LONE_HITS of its content words at least, and
 * LONE_TOPIC percent of them, were used in the body above: another
 * story's lead under a "read next" marker is about something else, a
 * video's title under "Up next" ends no sentence.
 */
#define LONE_TOPIC 25
#define LONE_HITS 3

static int
lone_paragraph(const struct decoder *dc, size_t m, size_t g)
{
	const struct bp_line *ln = &dc->lines[g];
	struct bp_topic tp;
	unsigned hits = 0, total = 0;
	size_t j;

	if (!(ln->flags & L_TERM) || (ln->flags & (L_BULLET | L_REPEATED)) || ln->first != g ||
	    (ln->kind != K_GOOD && (ln->kind != K_NEAR || ln->words < dc->o->min_words)) ||
	    !inside_text(dc, m))
		return 0;
	if ((j = next_line(dc, g)) < dc->nlines && !(dc->lines[j].flags & L_TABLE) &&
	    (dc->lines[j].kind != K_BAD || (dc->lines[j].flags & L_MARKER) ||
	    dc->lines[j].reason == R_MARKER))
		return 0;
	safi_bp_topic_above(dc, m, &tp);
	topic_count(dc, &tp, g, &hits, &total);
	return hits >= LONE_HITS && hits * 100 >= LONE_TOPIC * total;
}

/* The article going on below a box by its shape (see below, by box_end()). */
static int article_resumes(const struct decoder *dc, size_t m, size_t first, size_t last,
                           size_t g);

/*
 * A marker at |m| heads a box inside the article, not a tail, when what
 * follows it is a few teaser headlines (two to BOX_LINES of them, or none)
 * and then the article going on: two body paragraphs in a row, sharing
 * some of their content words with the body above the marker.  A marker
 * followed by one headline and prose carries another story whole: a tail,
 * unless the marker stands right under a body paragraph and the prose
 * below the headline goes on the story above it.  It does when its first
 * paragraph opens with a conjunction (see goes_on()): the article goes on
 * under such a link, one paragraph of it alone too (before the next box
 * or the end of the page), and one shorter than body text that ends a
 * sentence.  It does too when its first two paragraphs end
 * sentences and share twice BOX_TOPIC percent of their content words with
 * the body above: a "read also" link set between two paragraphs of a
 * report, a section's or an author's name of a word or two beside its
 * headline; the second paragraph may stand under the subheading of the
 * article's next section (see safi_bp_section_heading()), as below two
 * headlines.  Two paragraphs that open on a scene or a quote of the
 * report's own share less: the whole run of them down to the next marker
 * may share as much instead, by stems (run_share()).  The other story a
 * marker carries whole opens under its headline with a lead that takes
 * up the headline's words (see lead_of()) or shares less with the body
 * above, or with headlines of its own that end no sentence.  After the
 * first headline, a headline under a phrase label counts as one
 * (labelled_teaser()); so it does as the first, when
 * it is no stamp, but then as the only one ("Video.. A walk through the
 * workshop" as a link): more teasers below it are a feed of comments
 * under its tools.  A copy of the marker or of the label line right above
 * it ("Read more" over "Related articles") sets the next headline apart,
 * as pages repeat the pair over each link.  In a list article the box ends
 * where the article's numbered list goes on (item_above()): the item
 * numbered next after the last one above the marker is the article again,
 * as no box of other stories carries on its numbering; so does a guide's
 * where its labelled steps go on (step_above(): "Step 3" below a counter
 * set under "Step 2").  In an interview
 * the box ends where its turns go on (turn_resumes()), and there only
 * headlines that ask a question count as teasers too (asked_teaser()),
 * but for the last line of a box of two headlines or more that the
 * page sets apart as a block of its own right over a paragraph (see
 * subheading()): the article's subheading that asks what its next
 * section tells ("How is the pottery made?"), not a teaser, and for the
 * last headline of the glued block right over such a subheading (a
 * teaser that asks, "Which new shares rose most?").
 * In a live page the box ends where its stamped updates go on
 * (safi_bp_clock_resumes()).  Below one headline or more, the second paragraph
 * may be a line of one short sentence (sentence_goes_on()), as a report
 * sets its sentences apart.  Below two
 * headlines or more, the article may go on under a subheading (see
 * subheading(); a line of one or two words, a question too: "What to
 * eat?"; on a page that sets no blank line between its blocks, such a
 * line glued under the last headline and over a body paragraph that ends
 * a sentence (opening_paragraph()), the only one of the box, as a box
 * that names its stories' sections or writers names them beside each
 * headline: glued_box()), the second paragraph may stand under the
 * subheading of the
 * next section (see safi_bp_section_heading()), the first may be a
 * shorter one that ends a sentence and goes on with a conjunction (as
 * under one headline), the run of paragraphs
 * below the subheading, or right below the headlines when it opens with
 * a paragraph that ends a sentence, may share by stems what its first two
 * do not share word for word (see run_share(): an inflected language
 * names again in other forms, a compounding one in parts of its
 * compounds), and its first paragraph
 * may end in a colon over the article's own list: the body paragraph
 * below the list's items (see list_line()) is the second one, and a
 * shorter line leads a list glued under it (glued_list_lead()).  Such a paragraph (list_lead()) may
 * also be the first line below the box, and the second paragraph.  One
 * headline glued right under a marker set between body paragraphs, then a
 * line of its own set apart by blank lines over the paragraph, is a box of
 * one block and the article's subheading (see subheading()).  Under
 * one headline, a name beside it that the paragraph below takes up by
 * its stems is the article's subheading (link_subheading() asks the same
 * of a headline-shaped line).  A box may print a one-line lead glued
 * under each headline (a sentence: "Work starts in May."): a line that
 * ends a sentence, glued under a headline, with a headline glued under
 * it or a lead of the box above it, is the box's, not the article going
 * on; and it may close with a link glued under its last headline (see
 * more_link()).  A video's length may stand over the first headline
 * (duration_badge()), and a mark of one word glued under the first
 * (teaser_badge(): "PREMIUM").  The last line of a box of three
 * headlines or more, right over the paragraph where the article goes on,
 * is the article's subheading when it is shorter than all of them
 * (short_subheading()), glued under them too.  A headline may be cut short by an ellipsis, the first
 * one may ask a question (open_headline(); below it, one that asks is
 * asked_teaser()'s), and any may carry a kicker glued over it (kicker()).
 * Where the topic words fall short, the box still ends where the article
 * resumes by its shape (article_resumes()).
 * Returns the index of the first body paragraph (or item, or subheading)
 * after the box, or 0.
 */
static size_t
box_end(const struct decoder *dc, size_t m)
{
	size_t i = m + 1, teasers = 0, names = 0, h = 0, first = 0, name = 0, asked = 0, items, u, g;
	size_t label = m, leads = 0, last_asked = 0, resumed = 0;
	size_t step = step_above(dc, m);
	unsigned item = item_above(dc, m), share;
	int on, link, sub, labelled = 0;

	while (label > 0 && dc->lines[label - 1].kind == K_BLANK)
		label--;
	if (label > 0 && dc->lines[label - 1].kind == K_BAD)
		label--;  /* a label line over the marker ("Read more") */

	for (;; i++) {
		const struct bp_line *ln;

		if (i >= dc->nlines)
			return 0;
		ln = &dc->lines[i];
		if (ln->kind == K_BLANK)
			continue;
		if (teasers > 0 && turn_resumes(dc, m, i))
			return i;  /* the interview's turns go on */
		if (safi_bp_clock_resumes(dc, m, i))
			return i;  /* the live page's updates go on */
		if (teasers == 0 && names == 0 && lone_paragraph(dc, m, i))
			return i;  /* the article's closing paragraph */
		if (teasers > 0 && h == i - 1 && (ln->kind == K_GOOD || (ln->kind != K_BAD &&
		    (ln->flags & L_TERM))) && (leads > 0 ||
		    (i + 1 < dc->nlines && teaser_headline(&dc->lines[i + 1])))) {
			leads++;
			continue;  /* a headline's one-line lead */
		}
		if ((ln->kind == K_GOOD && (teasers > 0 ? !glued_headline(dc, h, i) :
		    !wordy_headline(dc, ln) && !asked_headline(dc, m, i))) ||
		    (teasers > 0 && glued_list_lead(dc, i)) || (teasers > 0 &&
		    ln->kind == K_NEAR && (ln->flags & L_TERM) && goes_on(dc, i)))
			break;
		if (item != 0 && item_number(dc, i) == item + 1)
			return i;  /* the article's numbered list goes on */
		if (step != SIZE_MAX && safi_bp_step_next(dc, step, i))
			return i;  /* the guide's steps go on */
		if (teasers > 0 && teasers < BOX_LINES && asked_teaser(dc, ln)) {
			asked++;  /* a teaser only over the interview's turns */
			last_asked = i;
			teasers++;
			h = i;
			continue;
		}
		if (ln->kind == K_BAD && teasers > 0 && (ln->reason == R_CAPTION ||
		    ln->reason == R_CREDIT || ln->reason == R_DATE || ln->reason == R_SYMBOLS ||
		    (ln->reason == R_PHRASE && ln->words == 1)))
			continue;
		if (teasers == 0 && duration_badge(dc, i))
			continue;  /* a video's length over its headline */
		if (teasers > 0 && ln->first != i && ln->first >= label && ln->first <= m)
			continue;  /* the marker again over the next headline */
		if (teasers > 0 && h == i - 1 && more_link(dc, i))
			continue;
		if (teasers == 1 && h == i - 1 && teaser_badge(dc, i))
			continue;  /* a mark under the first headline ("PREMIUM") */
		if (kicker(dc, i))
			continue;
		if (names == 0 && ln->kind == K_SHORT && ln->words <= 2 &&
		    !(ln->flags & (L_BULLET | L_COLON)) &&
		    (!(ln->flags & L_TERM) || question(dc, ln))) {
			names++;
			name = i;
			continue;
		}
		if ((ln->flags & L_MARKER) || teasers == BOX_LINES ||
		    !(teaser_headline(ln) || open_headline(dc, ln) ||
		    (teasers == 0 && asked_headline(dc, m, i)) ||
		    (teasers == 0 ? wordy_headline(dc, ln) : glued_headline(dc, h, i)) ||
		    ((ln->flags & L_BULLET) && ln->kind != K_BAD && ln->words <= 25) ||
		    (labelled_teaser(dc, ln) && (teasers > 0 || !stamp(ln)))))
			return 0;
		labelled |= teasers == 0 && labelled_teaser(dc, ln);
		if (teasers++ == 0)
			first = i;
		h = i;
	}
	for (u = last_asked + 1; u < h && dc->lines[u].kind == K_BLANK; u++)
		;
	if (asked > 0 && !(asked == 1 && (last_asked == h || (u == h && u > last_asked + 1)) &&
	    teasers >= 3 && subheading(dc, h, i)))
		return 0;  /* an interview's question under a box, not a heading */
	/* One headline and prose carry another story (unless the prose
	 * goes on with a conjunction, or goes on the story: |link|, below);
	 * a name belongs beside a link's headline; a comment counter, or a
	 * marker followed by stamps, heads the comments, whose words come
	 * back too. */
	if (labelled && teasers > 1)
		return 0;
	on = teasers == 1 && inside_text(dc, m) && goes_on(dc, i);
	link = teasers == 1 && !on && inside_text(dc, m);
	u = names > 0 && name > h ? name : h;
	sub = teasers >= 2 + (size_t)(u == h) && (subheading(dc, u, i) ||
	    (names > 0 && name == h + 1 && i == name + 1 && glued_box(dc, m, i) &&
	    opening_paragraph(&dc->lines[i], i)));
	/* A box the topic words below cannot tell apart from a tail
	 * (a report goes on with a new scene or a new voice) still ends
	 * where the article resumes by its shape (article_resumes()). */
	if (teasers >= 1 && names == 0 && asked == 0 && !labelled && inside_text(dc, m) &&
	    article_resumes(dc, m, first, sub ? u : h + 1, i))
		resumed = sub ? u : i;
	if ((teasers == 1 && !on && !link) || (names > 0 && !link && !sub) ||
	    (teasers == 0 && ((dc->lines[m].flags & L_COUNTER) ||
	    stamps_below(dc, i, 3 * THREAD_GAP) >= 2 || stamp_chain(dc, i) >= THREAD_STAMPS)))
		return resumed;
	g = i;
	for (i++, items = 0; i < dc->nlines && (dc->lines[i].kind == K_BLANK ||
	    ((dc->lines[g].flags & L_COLON) && list_line(&dc->lines[i]) && items++ < BOX_ITEMS)); i++)
		;
	if ((sub || link || teasers >= 2) && i < dc->nlines && safi_bp_section_heading(dc, i))
		for (i++; i < dc->nlines && dc->lines[i].kind == K_BLANK; i++)
			;
	if (!on && (i >= dc->nlines || (dc->lines[i].kind != K_GOOD && !list_lead(&dc->lines[i]) &&
	    !(teasers > 0 && sentence_goes_on(dc, g, i)))))
		return resumed;
	if (link)
		return ((dc->lines[g].flags & L_TERM) || glued_list_lead(dc, g)) &&
		    (dc->lines[i].flags & (L_TERM | L_COLON)) &&
		    !lead_of(dc, h, g) && (safi_bp_stem_share(dc, m, g) >= 2 * BOX_TOPIC ||
		    run_share(dc, m, g) >= 2 * BOX_TOPIC) ?
		    (name > h && lead_of_stems(dc, name, g, BP_STEM_ALL) ? name : g) : resumed;
	/* The same story goes on, not a footer: some of its words come
	 * back. */
	if ((share = safi_bp_stem_share(dc, m, g)) < BOX_TOPIC &&
	    ((!sub && (teasers < 2 || dc->lines[g].kind != K_GOOD ||
	    (dc->lines[g].flags & (L_TERM | L_BULLET)) != L_TERM)) ||
	    run_share(dc, m, g) < 2 * BOX_TOPIC))
		return resumed;
	return sub ? u : link_subheading(dc, m, first, h, g, share) ||
	    (teasers == 2 && first == m + 1 && inside_text(dc, m) && subheading(dc, h, g)) ||
	    (teasers >= 3 && next_line(dc, h) == g && short_subheading(dc, first, h)) ? h : g;
}

/*
 * Does the article resume at line |g|, under a box of teaser headlines
 * [first, last) that the marker |m|, set right under a body paragraph,
 * heads: is the box one block, its lines glued under the marker with no
 * blank line between (blank lines only below them), are the first two
 * blocks from |g| on body paragraphs that end a sentence, printed once
 * and no list items, and is neither of them the lead of a headline of the
 * box (lead_of())?  A link set between two paragraphs is one block; the
 * headline of another story carried whole stands apart, as its own block
 * over its text, and its lead often takes up the headline's words; the
 * teasers of a tail run on as headlines, captions and stamps, not as two
 * paragraphs of prose in a row.  The language plays no part: the box
 * reads the same under "Read also" as under any other marker.
 */
static int
article_resumes(const struct decoder *dc, size_t m, size_t first, size_t last, size_t g)
{
	size_t j, k, n = 0;
	int apart = 0;

	for (j = m + 1; j < last; j++)
		if (dc->lines[j].kind == K_BLANK)
			apart = 1;
		else if (apart)
			return 0;
	for (j = g; j < dc->nlines && n < 2; j++) {
		const struct bp_line *ln = &dc->lines[j];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind != K_GOOD || !(ln->flags & L_TERM) || ln->first != j ||
		    (ln->flags & L_BULLET))
			return 0;
		for (k = first; k < last; k++)
			if (dc->lines[k].kind != K_BLANK && lead_of(dc, k, j))
				return 0;
		n++;
	}
	return n == 2;
}

/* Boxes below the article's lead (see below, after safi_bp_find_cut()). */
static size_t long_box_end(const struct decoder *dc, size_t a, size_t m);
static size_t box_above_article(const struct decoder *dc, size_t a, size_t m);
static size_t glued_box_end(const struct decoder *dc, size_t m);
static size_t connective_box_end(const struct decoder *dc, size_t m);
static size_t wrapped_box_end(const struct decoder *dc, size_t m);

/*
 * Two boxes stacked between paragraphs of the article: a marker over a
 * column of tags ("Related topics" over "Hospitals", "Ambulance
 * services"), then the marker of a box of teasers ("More on this story")
 * under which the article goes on.  From marker |m|, at most BOX_LINES
 * non-blank lines of at most TAG_WORDS words each, ending no sentence and
 * no label (a tag or a section's name, no teaser's headline and no body
 * text), reach the next marker; when that marker is no comment counter
 * and box_end() finds the article going on below its box (sharing the
 * body's words above, as it asks), the two boxes are one.  A column of
 * tags over the comments or the footer has no article below it.  Returns
 * what box_end() returns for the lower marker, or 0.
 * Cost: at most BOX_LINES lines, then one box_end().
 */
#define TAG_WORDS 3

static size_t
stacked_box_end(const struct decoder *dc, size_t m)
{
	size_t i, n = 0;

	for (i = m + 1; i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->flags & L_MARKER)
			return (ln->flags & (L_COUNTER | L_BULLET)) ? 0 : box_end(dc, i);
		if (++n > BOX_LINES || ln->kind == K_GOOD || ln->words > TAG_WORDS ||
		    (ln->flags & (L_TERM | L_COLON | L_BULLET)))
			return 0;
	}
	return 0;
}

/*
 * Where the tail starts: the first marker below the start of the body
 * zone [a, ...] (or above it, when body text of at least ARTICLE_SCORE
 * stands above the marker: the zone found was a footer) that does not head
 * a box inside the article, nor stand over most of the article
 * (article_below_marker()).  The lines of such boxes are dropped as
 * teasers.  Returns dc->nlines when there is no tail.
 */

/*
 * A comment counter ("44 comments") at |m| with less than ARTICLE_SCORE of
 * the zone above it (|above|) and a body paragraph right below it (past
 * dates, numbers and captions) stands among the article's byline and
 * date: a widget at the top of the article, not the head of the comments
 * at its end.
 */
#define SHARE_WORDS 3   /* a button of a share row: "Share this story" */

static int
counter_widget(const struct decoder *dc, size_t m, long above)
{
	size_t i;

	if (above >= ARTICLE_SCORE)
		return 0;
	for (i = m + 1; i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind != K_BLANK && (ln->kind != K_BAD || (ln->reason != R_DATE &&
		    ln->reason != R_SYMBOLS && ln->reason != R_CAPTION && ln->reason != R_CREDIT &&
		    !(ln->reason == R_PHRASE && ln->words <= SHARE_WORDS))))
			return ln->kind == K_GOOD;
	}
	return 0;
}

#define CUT_KEPT (RESUME_SCORE / 2)
#define CUT_RATIO 2
#define CUT_OPENS 2
#define CUT_HEAD_LINES 12
#define CUT_HEAD_WORDS 4

/* Does a headline of CUT_HEAD_WORDS words or more, among the
 * CUT_HEAD_LINES non-blank lines above line |h|, head the body paragraphs
 * of [p, end): do they take up two of its content words at least, a third
 * of them, compared by stems?  With |close|, the headline stands right
 * over |h|: the search stops at a line longer than a heading and at the
 * first body text line, which may be the headline itself; list items,
 * menus and dated lines (a byline, "Posted by ... at 12:53") are passed
 * over, and the headline holds more than CUT_HEAD_WORDS content words (a
 * pager's "Previous post | Next post" holds fewer). */
static int
headline_over(const struct decoder *dc, size_t h, size_t p, size_t end, int close)
{
	struct bp_topic tp;
	size_t i, seen = 0, lines = 0;
	unsigned hits, total;

	memset(&tp, 0, sizeof tp);
	for (i = p; i < end && lines < TOPIC_LINES; i++)
		if (dc->lines[i].kind == K_GOOD) {
			lines++;
			safi_bp_topic_add_stems(dc->lx, dc->text + dc->lines[i].off,
			    dc->lines[i].len, &tp, BP_STEM_ALL);
		}
	while (h-- > 0 && seen < CUT_HEAD_LINES) {
		const struct bp_line *ln = &dc->lines[h];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (close && ln->words > dc->o->max_heading)
			return 0;
		if ((ln->kind == K_GOOD && !close) || ln->words < CUT_HEAD_WORDS ||
		    (close && (ln->flags & (L_SEPARATED | L_BULLET | L_DATED))))
			continue;
		hits = total = 0;
		safi_bp_topic_count_stems(dc->lx, dc->text + ln->off, ln->len, &tp, &hits, &total,
		    BP_STEM_ALL);
		if (hits >= 2 && 3 * hits >= total && (!close || total > CUT_HEAD_WORDS))
			return 1;
		if (ln->kind == K_GOOD)
			return 0;
	}
	return 0;
}

/* Does a headline (see headline_over()) among the non-blank lines above
 * the first body paragraph of [from, m) head the body paragraphs there? */
static int
kept_headed(const struct decoder *dc, size_t from, size_t m)
{
	size_t p;

	for (p = from; p < m && dc->lines[p].kind != K_GOOD; p++)
		;
	return p < m && headline_over(dc, p, p, m, 0);
}

/*
 * A comment counter at |m| right under the article's headline, with
 * more than ARTICLE_SCORE of text above it (counter_widget() asks for
 * less): a teaser column or a site's notice above the story.  A body
 * paragraph opens the text below it among its first CUT_OPENS + 1
 * non-blank lines (past a byline, a caption), no two stamps stand among
 * its first 3 * THREAD_GAP non-blank lines (comments), and a headline
 * stands over the counter with no body paragraph between them
 * (headline_over()) that heads the body paragraphs below it, up to the
 * next marker: the counter is a widget under the headline and byline, not
 * the head of the comments.
 * Cost: a read of the lines below |m| up to the next marker.
 */
static int
headed_counter(const struct decoder *dc, size_t m)
{
	size_t i, p = SIZE_MAX, end, seen = 0;

	for (i = m + 1; i < dc->nlines && seen <= CUT_OPENS; i++)
		if (dc->lines[i].kind != K_BLANK) {
			seen++;
			if (dc->lines[i].kind == K_GOOD) {
				p = i;
				break;
			}
		}
	if (p == SIZE_MAX || stamps_below(dc, m + 1, 3 * THREAD_GAP) >= 2 ||
	    (i = next_line(dc, p)) >= dc->nlines ||
	    (!opening_paragraph(&dc->lines[i], i) && dc->lines[i].words < CUT_HEAD_WORDS))
		return 0;  /* comments put their writers' names between their texts */
	for (end = p + 1; end < dc->nlines && !(dc->lines[end].flags & L_MARKER); end++)
		;
	return headline_over(dc, m, p, end, 1);
}

/*
 * A marker near the top of the article, over most of it: a "Comments" link
 * over the byline, a "More in Business" link over the headline.  The cut
 * there would drop the whole article as after-marker and keep the
 * furniture above it (counter_widget() judges a comment counter there).
 * The body text the cut at marker |m| keeps (|kept|:
 * the zone's score above it, or the best run above a marker over the zone,
 * from line |from|) is a paragraph or two, less than CUT_KEPT, and no
 * headline heads it (kept_headed(): an article of its own, and what
 * follows the marker another story).  Below it, the best run of lines to
 * the end of the page scores CUT_RATIO times as much, at least twice
 * ARTICLE_SCORE, and is an article by its shape: CUT_OPENS of its first
 * CUT_OPENS + 1 non-blank lines are body paragraphs that end a sentence,
 * printed once and no list items, the second one such a paragraph or a
 * subheading of CUT_HEAD_WORDS words or more (comments put their writers'
 * names and stamps between their texts, teasers their headlines between
 * their summaries), no stamp stands among its first 3 * THREAD_GAP non-blank
 * lines (comments) and no copyright line in it (a footer's legal text).
 * Returns 1 when the marker cuts nothing.
 * Cost: the body paragraphs above |m| up to TOPIC_LINES, one search of the
 * best run below |m|, and a read of it.
 */
static int
article_below_marker(const struct decoder *dc, size_t from, size_t m, long kept)
{
	size_t c = 0, e = 0, i, seen = 0, opens = 0;
	long sc;
	int body;

	if (kept >= CUT_KEPT || (dc->lines[m].flags & L_COUNTER) || kept_headed(dc, from, m) ||
	    !safi_bp_find_zone(dc, m + 1, dc->nlines, &c, &e, &sc) ||
	    sc < CUT_RATIO * kept || sc < 2 * ARTICLE_SCORE)
		return 0;
	for (i = c; i <= e; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_BAD && ln->reason == R_COPYRIGHT)
			return 0;
		if (seen > CUT_OPENS)
			continue;
		body = opening_paragraph(ln, i);
		if (seen++ == 1 && !body && ln->words < CUT_HEAD_WORDS)
			return 0;  /* a commenter's name between two texts */
		opens += body;
	}
	return opens >= CUT_OPENS && stamps_below(dc, c, 3 * THREAD_GAP) == 0;
}

/*
 * A box of other stories' headlines set inside the article, below more
 * of it than article_below_marker() lets a marker cut alone: marker |m|
 * stands right under a body paragraph or a table's row (an article's
 * figures), is no comment counter, and over the best run of lines from it
 * to the end of the page stand one to BOX_LINES lines (the box), none of
 * them body text or dated, glued under the marker as one block (another
 * story carried whole sets its headline apart over its text).  The run scores more than the cut keeps
 * (|kept|, from |from|) and ARTICLE_SCORE at least, opens with a body
 * paragraph among its first CUT_OPENS + 1 non-blank lines, holds CUT_OPENS
 * body paragraphs printed once, no copyright line, no short name between
 * two texts and no list item between its first two paragraphs (comments,
 * teasers' headlines over their summaries), no stamp stands among the
 * first 3 * THREAD_GAP lines below the marker, and its body paragraphs
 * (TOPIC_LINES of them) take up BOX_RESUME_HITS content words at least of
 * the body above the marker, compared by stems: a new scene of the same
 * report shares few, but some.  Nor is its first body paragraph the lead
 * of a headline of the box (lead_of()): another story carried whole under
 * its headline.  Returns the run's first line, or 0.
 * Cost: one search of the best run below |m| and a read of it.
 */
#define BOX_RESUME_HITS 2

static size_t
box_over_article(const struct decoder *dc, size_t from, size_t m, long kept)
{
	struct bp_topic tp;
	size_t c = 0, e = 0, i, k, t, box = 0, seen = 0, opens = 0, first = 0;
	unsigned hits = 0, total = 0;
	long sc;
	int body, apart;

	t = safi_bp_text_above(dc, m);
	if ((dc->lines[m].flags & L_COUNTER) || t == SIZE_MAX ||
	    (dc->lines[t].kind != K_GOOD && !(dc->lines[t].flags & L_TABLE)) ||
	    !safi_bp_find_zone(dc, m + 1, dc->nlines, &c, &e, &sc) || sc < ARTICLE_SCORE ||
	    sc <= kept)
		return 0;
	for (i = m + 1, apart = 0; i < c; i++)
		if (dc->lines[i].kind == K_BLANK)
			apart = 1;
		else if (apart || dc->lines[i].kind == K_GOOD || (dc->lines[i].flags & L_DATED) ||
		    ++box > BOX_LINES)
			return 0;
	if (box == 0)
		return 0;
	for (i = c; i <= e; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_BAD && ln->reason == R_COPYRIGHT)
			return 0;
		body = opening_paragraph(ln, i) && !(ln->flags & L_REPEATED);
		if (seen++ == 1 && !body && ln->words < CUT_HEAD_WORDS)
			return 0;  /* a name between two texts */
		if (!body && (ln->flags & L_BULLET) && opens > 0 && opens < CUT_OPENS)
			return 0;  /* a headline between two summaries */
		if (!body)
			continue;
		if (opens++ == 0) {
			if (seen > CUT_OPENS + 1)
				return 0;
			first = i;
		}
	}
	if (opens < CUT_OPENS || stamps_below(dc, m + 1, 3 * THREAD_GAP) > 0)
		return 0;
	for (k = m + 1; k < c; k++)
		if (dc->lines[k].kind != K_BLANK && lead_of(dc, k, first))
			return 0;
	/* The text above. */
	memset(&tp, 0, sizeof tp);
	for (i = m, k = 0; i-- > from && k < TOPIC_LINES;)
		if (dc->lines[i].kind == K_GOOD) {
			k++;
			safi_bp_topic_add_stems(dc->lx, dc->text + dc->lines[i].off,
			    dc->lines[i].len, &tp, BP_STEM_ALL);
		}
	for (i = c, k = 0; i <= e && k < TOPIC_LINES; i++)
		if (dc->lines[i].kind == K_GOOD) {
			k++;
			safi_bp_topic_count_stems(dc->lx, dc->text + dc->lines[i].off,
			    dc->lines[i].len, &tp, &hits, &total, BP_STEM_ALL);
		}
	return hits >= BOX_RESUME_HITS ? c : 0;
}

size_t
safi_bp_find_cut(struct decoder *dc, int have_zone, size_t a, long zone_sc)
{
	size_t i, j, g, k = 0, za = 0, rs = 0, bs = 0, from;
	long run = 0, best = 0, above = 0, kept;
	int skipped = 0, boxed = 0;

	for (i = 0; i < dc->nlines; i++) {
		if (!(dc->lines[i].flags & L_MARKER) || (dc->lines[i].flags & L_BULLET))
			continue;
		if (!have_zone)
			return dc->nlines;
		if (i <= a) {
			/* The best zone above the marker, as safi_bp_find_zone() would
			 * find it, carried on from the last marker. */
			for (; k < i; k++) {
				long sc = zone_score(dc, &dc->lines[k]);

				if (run <= 0 && sc > 0) {
					run = 0;
					rs = k;
				}
				run += sc;
				if (run > best) {
					best = run;
					bs = rs;
				}
			}
			if (best < ARTICLE_SCORE || 3 * best < zone_sc)
				continue;
		}
		/* The zone's score from its start to the marker, carried on
		 * from the last marker. */
		if (i > a)
			for (za = za > a ? za : a; za < i; za++)
				above += zone_score(dc, &dc->lines[za]);
		if (i > a && (dc->lines[i].flags & L_COUNTER) &&
		    (counter_widget(dc, i, above) || headed_counter(dc, i)))
			continue;  /* dropped as a marker, no cut */
		if (safi_bp_contents_marker(dc, i))
			continue;  /* dropped as a marker, no cut */
		if ((g = box_end(dc, i)) == 0 && (i <= a || ((g = long_box_end(dc, a, i)) == 0 &&
		    (g = box_above_article(dc, a, i)) == 0 && (g = glued_box_end(dc, i)) == 0 &&
		    (g = stacked_box_end(dc, i)) == 0 && (g = connective_box_end(dc, i)) == 0 &&
		    (g = wrapped_box_end(dc, i)) == 0))) {
			/* What the cut keeps: the zone above the marker, or the
			 * best run above a marker over the zone. */
			from = i > a ? a : bs;
			kept = i > a ? above : best;
			/* Once a page each: a box inside the article goes
			 * (box_over_article()), or a marker over the article
			 * drops alone, and the next one may cut. */
			if (boxed || (g = box_over_article(dc, from, i, kept)) == 0) {
				if (skipped || !article_below_marker(dc, from, i, kept))
					return i;
				skipped = 1;
				g = i + 1;
			} else
				boxed = 1;
		}
		dc->lines[i].kind = K_BAD;
		dc->lines[i].reason = R_MARKER;
		for (j = i + 1; j < g; j++)
			if (dc->lines[j].kind != K_BLANK) {
				dc->lines[j].kind = K_BAD;
				dc->lines[j].reason = R_TEASER;
			}
		i = g - 1;
	}
	return dc->nlines;
}

/*
 * A long box inside the article, below its lead: a marker below a short
 * start of the zone (its lines from |a| score less than RESUME_SCORE: a
 * paragraph or three), followed by more lines than a box of teasers holds
 * (a column of section links, a list of features, at most LONG_BOX_LINES),
 * none of them body text, and then long body text that goes on the story
 * above the marker, as keep_resumed() asks of the article resumed below a
 * box: the best run of lines from the first body paragraph up to the next
 * marker starts there and passes safi_bp_resumes().  A whole article above a
 * "related" box is no short lead; another story below such a box comes
 * after its own headline (box_end()); comments (a counter, stamps) share
 * the article's words and are no article going on.  Returns the index of
 * the first body paragraph after the box, or 0.
 */
#define LONG_BOX_LINES 40

static size_t
long_box_end(const struct decoder *dc, size_t a, size_t m)
{
	size_t i, n = 0, c, e, end;
	long sc, above = 0;

	for (i = a; i < m; i++)
		above += zone_score(dc, &dc->lines[i]);
	if (above >= RESUME_SCORE)
		return 0;
	for (i = m + 1; i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_GOOD)
			break;
		if ((ln->flags & L_MARKER) || ++n > LONG_BOX_LINES)
			return 0;
	}
	if (i >= dc->nlines || n <= BOX_LINES || (dc->lines[m].flags & L_COUNTER) ||
	    stamps_below(dc, i, 3 * THREAD_GAP) >= 2 || stamp_chain(dc, i) >= THREAD_STAMPS)
		return 0;
	for (end = i + 1; end < dc->nlines && !(dc->lines[end].flags & L_MARKER); end++)
		;
	if (!safi_bp_find_zone(dc, i, end, &c, &e, &sc) || c != i || !safi_bp_resumes(dc, c, e, sc))
		return 0;
	return i;
}

/*
 * Where the article goes on inside the run of lines [c, e] of score *sc,
 * below a box whose lines may be body text about other things (teasers
 * with their summaries): the first body paragraph that shares twice
 * BOX_TOPIC percent of its content words with |tp|, the body above the
 * box, and so does it with the next body paragraph.  Returns it, with *sc
 * the score of the run from it on, or SIZE_MAX.
 */
static size_t
article_goes_on(const struct decoder *dc, const struct bp_topic *tp, size_t c, size_t e,
                long *sc)
{
	size_t g, i, lines;
	unsigned hits, total;

	for (g = c; g <= e; g++) {
		if (dc->lines[g].kind == K_GOOD) {
			hits = total = 0;
			for (i = g, lines = 0; i <= e && lines < 2; i++)
				if (dc->lines[i].kind == K_GOOD) {
					lines++;
					topic_count(dc, tp, i, &hits, &total);
					if (lines == 1 && hits * 100 < 2 * BOX_TOPIC * total)
						break;
				}
			if (lines == 2 && hits * 100 >= 2 * BOX_TOPIC * total)
				return g;
		}
		*sc -= zone_score(dc, &dc->lines[g]);
	}
	return SIZE_MAX;
}

/*
 * A box of any kind between the article's lead and its body: a marker
 * below a short start of the zone (less than RESUME_SCORE from |a|, as
 * long_box_end() asks) that is no comment counter, with below it, before
 * the next marker, a best run of lines scoring RESUME_SCORE in which the
 * article goes on (article_goes_on(), with the body above the marker) at
 * most LONG_BOX_LINES lines below the marker, the run still scoring
 * RESUME_SCORE from there with paragraphs of RESUME_WORDS words on
 * average, as keep_resumed() asks.  A box of several parts ("Gallery"
 * over a teaser, then "More from politics" over three more) holds a
 * marker of its own: where no such run stands above it, the search goes
 * on below it, INNER_MARKERS of them at most and none a comment counter,
 * and the article must go on in a run of lines below the box's last
 * marker (a teaser's summary above it may share the article's words, as
 * another story on the same subject does).  Comments (stamps below it, or
 * two dated lines in the box) are no article going on.  Returns the index
 * of the paragraph where the article goes on, or 0.
 * Cost: a search of the best run up to the next marker, and up to the one
 * after it where the box holds a marker of its own.
 */
#define INNER_MARKERS 1

static size_t
box_above_article(const struct decoder *dc, size_t a, size_t m)
{
	struct bp_topic tp;
	size_t i, g, c, e, end, n = 0, dated = 0, inner;
	long sc, above = 0;
	int topic;

	for (i = a; i < m; i++)
		above += zone_score(dc, &dc->lines[i]);
	if (above >= RESUME_SCORE || (dc->lines[m].flags & L_COUNTER))
		return 0;
	/* Below the box's own markers (INNER_MARKERS at most, no counter),
	 * the article goes on under the last of them. */
	for (end = m + 1, inner = 0, topic = 0;; end++) {
		size_t from = end;

		for (; end < dc->nlines && !(dc->lines[end].flags & L_MARKER); end++)
			;
		if (safi_bp_find_zone(dc, from, end, &c, &e, &sc) && sc >= RESUME_SCORE) {
			if (!topic++)
				safi_bp_topic_above(dc, m, &tp);
			if ((g = article_goes_on(dc, &tp, c, e, &sc)) != SIZE_MAX &&
			    sc >= RESUME_SCORE)
				break;
		}
		if (end >= dc->nlines || inner++ == INNER_MARKERS ||
		    (dc->lines[end].flags & L_COUNTER))
			return 0;
	}
	for (i = m + 1; i <= g; i++)
		if (dc->lines[i].kind != K_BLANK) {
			n++;
			dated += (dc->lines[i].flags & L_DATED) && dc->lines[i].words <= 25;
		}
	if (n > LONG_BOX_LINES || dated >= 2 || stamps_below(dc, g, 3 * THREAD_GAP) >= 2 ||
	    stamp_chain(dc, g) >= THREAD_STAMPS || !safi_bp_long_paragraphs(dc, g, e))
		return 0;
	return g;
}

/*
 * A "read also" block set between two paragraphs of the article, whose
 * article goes on under a subheading of its own: marker |m| right under a
 * body paragraph (inside_text()), no comment counter, with one or
 * GLUED_LINKS headlines glued under it (teaser_headline(): no blank line
 * between them and the marker) and a blank line closing the block; below
 * it the heading of the article's next section (safi_bp_section_heading();
 * a paragraph there is another story's lead, which box_end() judges, and
 * a headline of a teaser's length the box's next link), and then, before
 * the next marker and at most BOX_LINES non-blank lines below the block,
 * two body paragraphs that go on the story above (article_goes_on()), or,
 * where no two in a row share that much word for word (a table between
 * them, an inflected language naming again in other forms), a run that
 * opens on a body paragraph ending a sentence, no lead of a headline of
 * the block (lead_of()), and shares twice BOX_TOPIC percent by stems down
 * to the next marker (run_share()).
 * Between the heading and them no headline stands alone between blank
 * lines: under a label ("Station square" over "Row over the paving goes
 * to court") that is the box's next link, and the story below it another
 * one that shares the article's words as a related story does.  Nor is
 * there a stamp from the block down to THREAD_GAP lines below the first of
 * them: comments under their stamps share the article's words too.
 * Returns the line after the block (the blank that closes it), or 0: only
 * the block is a box, and the lines below it stay the article's.
 */
#define GLUED_LINKS 2

static size_t
glued_box_end(const struct decoder *dc, size_t m)
{
	struct bp_topic tp;
	size_t i, b, g, c, e, end, k, n = 0;
	long sc, run;

	if ((dc->lines[m].flags & L_COUNTER) || !inside_text(dc, m))
		return 0;
	for (i = m + 1; i < dc->nlines && dc->lines[i].kind != K_BLANK; i++)
		if (++n > GLUED_LINKS || !teaser_headline(&dc->lines[i]))
			return 0;
	if (n == 0 || i >= dc->nlines)
		return 0;
	b = i;
	if ((i = next_line(dc, b)) >= dc->nlines || !safi_bp_section_heading(dc, i))
		return 0;
	for (end = i; end < dc->nlines && !(dc->lines[end].flags & L_MARKER); end++)
		;
	if (!safi_bp_find_zone(dc, b, end, &c, &e, &sc))
		return 0;
	safi_bp_topic_above(dc, m, &tp);
	run = sc;
	if ((g = article_goes_on(dc, &tp, c, e, &sc)) == SIZE_MAX &&
	    opening_paragraph(&dc->lines[c], c) && run_share(dc, m, c) >= 2 * BOX_TOPIC) {
		/* The run below shares by stems what its paragraphs do not
		 * share word for word, and none opens as a headline's lead. */
		for (k = m + 1; k < b; k++)
			if (lead_of(dc, k, c))
				return 0;
		g = c;
		sc = run;
	}
	if (g == SIZE_MAX || sc < ARTICLE_SCORE)
		return 0;
	for (n = 0; i < g; i++)
		if (dc->lines[i].kind != K_BLANK && (++n > BOX_LINES ||
		    (n > 1 && teaser_headline(&dc->lines[i]) &&
		    dc->lines[i - 1].kind == K_BLANK && dc->lines[i + 1].kind == K_BLANK)))
			return 0;
	if (stamps_below(dc, b, n + THREAD_GAP) > 0)
		return 0;
	return b;
}

/*
 * A box of headlines set between two paragraphs of the article, under
 * which the article goes on with a paragraph that ties it to what came
 * before (goes_on(): "and he explained", "also", "for its part"), as no
 * other story's lead opens.  Marker |m|, no comment counter, stands right
 * under a paragraph (holds_text()); below it stand two headlines or more
 * (headline()) with what a box prints under each: a date, a video's
 * length, a name, or a summary of one sentence in fewer than twice
 * *--min-words* words right under its headline (dates apart).  At most
 * CONNECTIVE_LINES such lines, no marker and no table's row among them,
 * lead to paragraph |g|, printed once and no list item, that opens with a
 * connective; or, right under a subheading shorter than the box's
 * headlines (short_subheading()), to one that ends a sentence.  The run
 * from |g| to the next marker shares twice BOX_TOPIC percent of its words
 * by stems with the body above (run_share()), another paragraph stands
 * below |g| within BOX_LINES lines, no stamp within 3 * THREAD_GAP lines
 * (comments tie on to each other too), and |g| is the lead of no headline
 * of the box (lead_of(): a story carried whole).  A paragraph right under
 * a headline is that teaser's lead in a box that prints a summary under
 * its other headlines (a box prints its teasers alike); the subheading
 * over |g| is the article's, and the box ends above it.  Returns the
 * subheading or |g|, or 0.
 * Cost: at most CONNECTIVE_LINES lines, then the run's words.
 */
#define CONNECTIVE_LINES (2 * BOX_LINES)

static size_t
connective_box_end(const struct decoder *dc, size_t m)
{
	size_t i, g, u = SIZE_MAX, last = SIZE_MAX, prev = SIZE_MAX, n = 0, heads = 0, leads = 0;

	if ((dc->lines[m].flags & L_COUNTER) || (i = safi_bp_text_above(dc, m)) == SIZE_MAX ||
	    !holds_text(dc, &dc->lines[i]))
		return 0;
	for (i = m + 1;; i++) {
		const struct bp_line *ln;

		if (i >= dc->nlines)
			return 0;
		ln = &dc->lines[i];
		if (ln->kind == K_BLANK)
			continue;
		if ((ln->flags & (L_MARKER | L_TABLE)) || ++n > CONNECTIVE_LINES)
			return 0;
		if (holds_text(dc, ln) && (goes_on(dc, i) || (u != SIZE_MAX && !headline(dc, ln) &&
		    (ln->flags & L_TERM) && short_subheading(dc, m + 1, prev))))
			break;  /* the article goes on */
		if (headline(dc, ln)) {
			heads++;
			u = i;
		} else if (holds_text(dc, ln) || (ln->flags & L_TERM)) {
			if (u == SIZE_MAX || last != u || !(ln->flags & L_TERM) ||
			    ln->words >= 2 * dc->o->min_words)
				return 0;  /* no summary under its headline */
			leads++;
		} else if (ln->kind != K_BAD && ln->kind != K_SHORT) {
			return 0;
		}
		if (ln->kind != K_BAD)
			last = i;
		prev = i;
	}
	g = i;
	if (heads < 2 || dc->lines[g].first != g || (dc->lines[g].flags & L_BULLET))
		return 0;
	for (i = m + 1; i < g; i++)
		if (dc->lines[i].kind != K_BLANK && headline(dc, &dc->lines[i]) && lead_of(dc, i, g))
			return 0;  /* the lead of a story carried whole */
	for (i = g + 1, n = 0; i < dc->nlines && n < BOX_LINES; i++)
		if (dc->lines[i].kind != K_BLANK) {
			if ((dc->lines[i].flags & L_MARKER) || holds_text(dc, &dc->lines[i]))
				break;
			n++;
		}
	if (i >= dc->nlines || !holds_text(dc, &dc->lines[i]) ||
	    stamps_below(dc, g, 3 * THREAD_GAP) > 0 || run_share(dc, m, g) < 2 * BOX_TOPIC)
		return 0;
	if (short_subheading(dc, m + 1, prev))
		return prev;
	return prev == u && leads > 0 ? 0 : g;
}

/*
 * A box set inside hard-wrapped text (a report printed as lines of one
 * width, see safi_bp_judge_density()), under which the article goes on
 * as it was printed above the box.  Marker |m|, no comment counter,
 * stands under a block of text (blank lines and one-word phrase lines
 * such as "Advertisement" apart): of its WRAP_SEEN lines nearest the
 * marker, none boilerplate by its shape, one holds text (holds_text())
 * and WRAPPED_ABOVE are full lines (full_line(): as wide as four fifths
 * of the widest of them, that one no wider than WRAP_WIDTH, ending no
 * sentence), as a wrapped paragraph breaks its lines.  Under the marker
 * stand one to BOX_LINES teaser headlines (teaser_headline(), of more
 * than SHORT_HEAD_WORDS words), copies of the marker between them; the box
 * ends at the first line that is neither, which is the article's
 * subheading (short_subheading(): shorter than every headline of the box;
 * another story carried whole opens with its lead right under its
 * headline).  Within CONNECTIVE_LINES non-blank lines from there, two full
 * lines glued one over the other (the width above) go on the text;
 * between the box and them stand only the article's own lines (a list, an
 * advertisement's label, another subheading): no marker, no stamp, no
 * copyright line.  No stamp stands within 3 * THREAD_GAP lines below
 * them (comments wrap their text too), the run from them to the next
 * marker shares BOX_TOPIC percent of its words by stems with the
 * body above the marker (run_share()), and no headline of the box is the
 * lead of the paragraph they go on (lead_of(): another story carried
 * whole).  The language plays no part.  Returns the first line below the
 * box, or 0: the box's lines go as teasers, the article's lines below it
 * stay.
 * Cost: WRAP_SEEN lines above, the box and CONNECTIVE_LINES lines below,
 * then the run's words.
 */
#define WRAP_SEEN 6
#define WRAPPED_ABOVE 2

/* Is line |i| a full line of text wrapped at |width| characters: no
 * boilerplate, no list item, ending no sentence, as wide as four fifths of
 * |width| and at most a tenth wider? */
static int
full_line(const struct decoder *dc, size_t i, size_t width)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t c;

	if (ln->kind == K_BLANK || ln->kind == K_BAD || (ln->flags & (L_TERM | L_BULLET)))
		return 0;
	c = safi_bp_text_chars(dc->text + ln->off, ln->len);
	return 5 * c >= 4 * width && 10 * c <= 11 * width;
}

static size_t
wrapped_box_end(const struct decoder *dc, size_t m)
{
	size_t i, t, g, end, width = 0, c, seen = 0, full = 0, heads = 0, n = 0;
	int text = 0;

	if ((dc->lines[m].flags & L_COUNTER) || (t = safi_bp_text_above(dc, m)) == SIZE_MAX)
		return 0;
	for (i = t + 1; i-- > 0 && seen < WRAP_SEEN && dc->lines[i].kind != K_BLANK; seen++) {
		if (dc->lines[i].kind == K_BAD)
			return 0;
		c = safi_bp_text_chars(dc->text + dc->lines[i].off, dc->lines[i].len);
		width = c > width ? c : width;
		text |= holds_text(dc, &dc->lines[i]);
	}
	if (!text || width > WRAP_WIDTH)
		return 0;
	for (i = t + 1; i-- > t + 1 - seen;)
		full += full_line(dc, i, width);
	if (full < WRAPPED_ABOVE)
		return 0;
	/* The box: headlines, and the marker again over the next one. */
	for (i = m + 1; i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK || ln->first == m)
			continue;
		if (!teaser_headline(ln) || ln->words <= SHORT_HEAD_WORDS)
			break;
		if (++heads > BOX_LINES)
			return 0;
	}
	if (heads == 0 || (end = i) >= dc->nlines || !short_subheading(dc, m + 1, end))
		return 0;
	for (g = end; g < dc->nlines; g++) {
		const struct bp_line *ln = &dc->lines[g];

		if (ln->kind == K_BLANK)
			continue;
		if (full_line(dc, g, width) && g + 1 < dc->nlines && full_line(dc, g + 1, width))
			break;
		if ((ln->flags & L_MARKER) || stamp(ln) || ++n > CONNECTIVE_LINES ||
		    (ln->kind == K_BAD && ln->reason == R_COPYRIGHT))
			return 0;
	}
	if (g >= dc->nlines || stamps_below(dc, g, 3 * THREAD_GAP) > 0 ||
	    run_share(dc, m, g) < BOX_TOPIC)
		return 0;
	for (i = m + 1; i < end; i++)
		if (dc->lines[i].kind != K_BLANK && dc->lines[i].first != m && lead_of(dc, i, g))
			return 0;
	return end;
}
