/*
 * boilerplate_decoder.h - what the stages of the document decoder share,
 * inside the decoder only (boilerplate_decode.c and the stages it runs:
 * boilerplate_tables.c, boilerplate_boxes.c, boilerplate_live.c,
 * boilerplate_summary.c, boilerplate_thread.c, boilerplate_title.c,
 * boilerplate_widget.c, boilerplate_list.c, boilerplate_gallery.c,
 * boilerplate_feed.c, boilerplate_forum.c, boilerplate_repeat.c,
 * boilerplate_sections.c).
 *
 * The decoder's state for one page, the zone score every stage weighs
 * lines with, the topic words of a line, the shape of a teaser's headline
 * (a box below the article and a run of teasers share it), and the
 * comment stamps that the thread stage looks for and the zone's own rules
 * (a box, a run of short lines) must not mistake for the article.  The
 * helpers are small and run once per line, so they stay inline here.
 */
#ifndef SAFI_BOILERPLATE_DECODER_H
#define SAFI_BOILERPLATE_DECODER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"

/* What the decoder works on: one document, judged with a lexicon and the
 * options. */
struct decoder {
	const struct bp_lexicon *lx;
	const struct safi_boilerplate_opts *o;
	struct bp_line *lines;
	size_t nlines;
	const char *text;
	int stems;  /* the words the title search compares by stems (BP_STEM_...) */
};

/* Zone weights: a body paragraph counts its words (up to 80); a short or
 * bad line costs a little, so that a few of them inside the article do not
 * split it while a menu or a run of teasers ends it. */
enum { ZONE_SHORT = -3, ZONE_BAD = -8 };

/* The zone score of body text that makes an article (a few paragraphs). */
#define ARTICLE_SCORE 40

/* Most lines of a "related" box inside an article. */
#define BOX_LINES 6
#define BOX_TOPIC 5   /* percent of topic words shared with the article */
/* The score of a run of lines that is the article resumed below a box
 * (five paragraphs of forty words; see safi_bp_resumes()). */
#define RESUME_SCORE (5 * ARTICLE_SCORE)

/* Marks the lines of each table of the page with L_TABLE: one cell to a
 * line, one row to a line between bars, or two columns taking turns
 * (boilerplate_tables.c). */
void safi_bp_mark_tables(struct decoder *dc);
/* Is line |i| of a table one row to a line: a row of cells beside one of
 * as many cells?  Its header and short rows read as menus; a cell of a
 * table one cell to a line is a menu when it reads as one. */
int safi_bp_table_row(const struct decoder *dc, size_t i);

/* Is line |j| a time of day alone (boilerplate_live.c)?  Is another such
 * line near it, above (|dir| -1) or below (|dir| 1)? */
int safi_bp_clock_line(const struct decoder *dc, size_t j);
int safi_bp_clocks_near(const struct decoder *dc, size_t j, int dir);
/* The title stage's helpers (boilerplate_title.c), shared with the search
 * for the headline above a list of points (boilerplate_summary.c).
 * Is |ln| shaped as a headline: 3 to 30 words, not a list item, a byline
 * field, a counter or a bracketed label? */
int safi_bp_heading_like(const struct decoder *dc, const struct bp_line *ln);
/* Does a line end in a full stop (not an ellipsis)?  A caption does, a
 * headline not. */
int safi_bp_full_stop(const struct decoder *dc, const struct bp_line *ln);
/* The content words of the first LEAD_PARAGRAPHS paragraphs of the lead
 * from |top| on, into |lead|; of the first |n| paragraphs, into |tp|. */
void safi_bp_lead_topic(const struct decoder *dc, size_t top, struct bp_topic *lead);
void safi_bp_paragraphs_topic(const struct decoder *dc, size_t top, size_t n,
                              struct bp_topic *tp);
/* The content words of line |i| and how many of them are found in
 * |lead|; how many are. */
void safi_bp_lead_count(const struct decoder *dc, const struct bp_topic *lead, size_t i,
                        unsigned *hits, unsigned *total);
unsigned safi_bp_lead_hits(const struct decoder *dc, const struct bp_topic *lead, size_t i);

/* Is line |j| the time of day alone that stamps a live page's update over
 * its text, among other such stamps (boilerplate_live.c)? */
int safi_bp_update_clock(const struct decoder *dc, size_t j);
/* safi_bp_update_clock()'s answer for a stamp among updates of a short
 * sentence each, none of body text. */
#define UPDATE_SHORT 2
/* Words of a short line that makes a live update's sentence, at least. */
#define LIVE_SENTENCE 3

/*
 * Is line |i| set between two of the article's blocks: blank lines right
 * above and below it, and the nearest lines on both sides no boilerplate?
 * A "read also" line with its story's title ("Read also: Seven foods for
 * winter") that a page sets between two of its article's paragraphs, or
 * over its next subheading, neither ends the article nor makes it; the
 * "Leave a reply" over a comment form, or a "Related topics: ..." line
 * over a share row, has boilerplate on one side.  Reads the blank lines
 * around the line.
 */
int safi_bp_set_between_text(const struct decoder *dc, size_t i);

static inline long
zone_score(const struct decoder *dc, const struct bp_line *ln)
{
	if ((ln->flags & L_TABLE) && ln->kind != K_GOOD)
		return 0;  /* a table in the article neither ends nor makes it */
	switch (ln->kind) {
	case K_GOOD:
		return ln->words > 80 ? 80 : ln->words;
	case K_NEAR:
		return (ln->flags & L_TERM) ? (long)ln->words / 2 : -2;
	case K_SHORT:
		return ZONE_SHORT;
	case K_BAD:
		if (ln->reason == R_TEASER ||
		    (ln->reason == R_INLINE_MARKER && safi_bp_set_between_text(dc, (size_t)(ln - dc->lines))))
			return 0;
		/* a live page's stamp over its update, see
		 * safi_bp_update_clock() */
		if (ln->reason == R_DATE && (ln->words <= 2 ||
		    (ln->words <= 4 && (ln->flags & L_NUMCELL)))) {
			int clock = safi_bp_update_clock(dc, (size_t)(ln - dc->lines));

			if (clock)
				return clock == UPDATE_SHORT ? 0 : ZONE_SHORT;
		}
		return ZONE_BAD;
	default:
		return 0;
	}
}

/* May a line of a list be kept, whatever its own shape says? */
static inline int
list_item(const struct bp_line *ln)
{
	if (ln->kind != K_BAD)
		return 1;
	return ln->reason == R_DATE || ln->reason == R_CAPTION || ln->reason == R_SYMBOLS ||
	    ln->reason == R_DUPLICATE;
}

/* The first line below |i| that is not blank, or dc->nlines. */
static inline size_t
next_line(const struct decoder *dc, size_t i)
{
	for (i++; i < dc->nlines && dc->lines[i].kind == K_BLANK; i++)
		;
	return i;
}

/* Does line |i| open with the first word of line |k|, each going on
 * after it ("Module 5 - ..." under "Module 4 - ...")? */
static inline int
same_opening(const struct decoder *dc, size_t i, size_t k)
{
	const char *p = dc->text + dc->lines[i].off, *q = dc->text + dc->lines[k].off;
	size_t n = 0;

	while (n < dc->lines[i].len && p[n] != ' ')
		n++;
	return n > 0 && n < dc->lines[i].len && n < dc->lines[k].len && q[n] == ' ' &&
	    memcmp(p, q, n) == 0;
}

/* Does line |ln| end in a question mark, "?" or the Arabic "؟" ("Why use it?")? */
static inline int
question(const struct decoder *dc, const struct bp_line *ln)
{
	return safi_bp_asks(dc->text + ln->off, ln->len);
}

/* safi_bp_goes_on() for body paragraph |g|. */
static inline int
goes_on(const struct decoder *dc, size_t g)
{
	return safi_bp_goes_on(dc->text + dc->lines[g].off, dc->lines[g].len);
}

/* Body paragraphs above a line whose topic words are read, at most. */
#define TOPIC_LINES 40

/* The two above on line |i| of the page. */
static inline void
topic_add(const struct decoder *dc, struct bp_topic *tp, size_t i)
{
	safi_bp_topic_add(dc->lx, dc->text + dc->lines[i].off, dc->lines[i].len, tp);
}

static inline void
topic_count(const struct decoder *dc, const struct bp_topic *tp, size_t i, unsigned *hits,
            unsigned *total)
{
	safi_bp_topic_count(dc->lx, dc->text + dc->lines[i].off, dc->lines[i].len, tp, hits, total);
}

/* A line that could be the headline of a teaser: not body text, not a
 * list item, of a few words. */
static inline int
teaser_headline(const struct bp_line *ln)
{
	return (ln->kind == K_NEAR || ln->kind == K_SHORT) &&
	    !(ln->flags & (L_BULLET | L_TERM | L_COLON)) && ln->words >= 3 && ln->words <= 25;
}

/* Comment stamps (see boilerplate_thread.c). */
#define THREAD_STAMPS 3
#define THREAD_GAP 6

/* A stamp: a short line with a date or a time, not a list item, or a
 * label of a few words that is boilerplate by its phrase ("Lena says:",
 * "by lena writes:").  Two comments of the same minute have the same
 * stamp: copies count. */
static inline int
stamp(const struct bp_line *ln)
{
	return ln->kind != K_GOOD && ln->kind != K_BLANK && ln->words <= 25 &&
	    !(ln->flags & L_BULLET) && ((ln->flags & L_DATED) ||
	    (ln->kind == K_BAD && ln->reason == R_PHRASE && (ln->flags & L_COLON) && ln->words <= 5));
}

/* Does p[0, len) tell a time of day: a colon ("22:45"), an "h" between
 * the hour and two digits of minutes ("12h45", as French pages write
 * it), or a point before two digits and "am" or "pm" ("4.31pm",
 * "4.31 p.m.")? */
static inline int
clock_mark(const char *p, size_t len)
{
	size_t k;

	if (memchr(p, ':', len))
		return 1;
	for (k = 1; k + 2 < len; k++)
		if ((p[k] | 0x20) == 'h' && p[k - 1] >= '0' && p[k - 1] <= '9' &&
		    p[k + 1] >= '0' && p[k + 1] <= '5' && p[k + 2] >= '0' && p[k + 2] <= '9' &&
		    (k + 3 == len || ((unsigned)((p[k + 3] | 0x20) - 'a') > 'z' - 'a' &&
		    (unsigned)(p[k + 3] - '0') > 9)))
			return 1;
	for (k = 1; k + 2 < len; k++)
		if (p[k] == '.' && p[k - 1] >= '0' && p[k - 1] <= '9' &&
		    p[k + 1] >= '0' && p[k + 1] <= '9' && p[k + 2] >= '0' && p[k + 2] <= '9') {
			for (k += 3; k < len && p[k] == ' '; k++)
				;
			if (k < len && ((p[k] | 0x20) == 'a' || (p[k] | 0x20) == 'p'))
				k++;
			else
				return 0;
			if (k < len && p[k] == '.')
				k++;
			return k < len && (p[k] | 0x20) == 'm';
		}
	return 0;
}

/* The words of line |ln| read as a time of day: a mark written with
 * points at its end ("9:40 p.m.", "10.15 a.m.") is one word, as "pm" is,
 * not the two the scanner counts. */
static inline unsigned
clock_words(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t len = ln->len;

	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	if (ln->words >= 2 && len >= 5 && ((p[len - 4] | 0x20) == 'a' || (p[len - 4] | 0x20) == 'p') &&
	    p[len - 3] == '.' && (p[len - 2] | 0x20) == 'm' && p[len - 1] == '.' &&
	    (p[len - 5] == ' ' || (p[len - 5] >= '0' && p[len - 5] <= '9')))
		return ln->words - 1;
	return ln->words;
}

/* A live page's stamp of an update: a time of day of at most three
 * words ("21:40", "At 21:40", "9.40 pm", "9:40 p.m."), over the update
 * it stamps. */
static inline int
update_stamp(const struct decoder *dc, size_t j)
{
	const struct bp_line *ln = &dc->lines[j];

	return ln->kind == K_BAD && ln->reason == R_DATE && (ln->flags & L_NUMCELL) &&
	    clock_words(dc, ln) <= 3 && clock_mark(dc->text + ln->off, ln->len);
}

/* The stamps among the |lines| non-blank lines from |i| on. */
static inline size_t
stamps_below(const struct decoder *dc, size_t i, size_t lines)
{
	size_t n = 0, seen = 0;

	for (; i < dc->nlines && seen < lines; i++)
		if (dc->lines[i].kind != K_BLANK) {
			seen++;
			n += stamp(&dc->lines[i]);
		}
	return n;
}

/*
 * Long comments whose stamps follow them: the stamps from |i| on, the
 * first at most 3 * THREAD_GAP lines below |i| and each next at most as
 * far below the one before, up to THREAD_STAMPS of them.  A long comment
 * puts more than THREAD_GAP lines between two stamps, and its stamp may
 * come after its text ("Posted by: Lena at June 3, 2024 9:12 AM").
 */
static inline size_t
stamp_chain(const struct decoder *dc, size_t i)
{
	size_t n = 0, seen = 0;

	for (; i < dc->nlines && seen < 3 * THREAD_GAP && n < THREAD_STAMPS; i++) {
		if (dc->lines[i].kind == K_BLANK)
			continue;
		seen++;
		if (stamp(&dc->lines[i]))
			n++, seen = 0;
	}
	return n;
}

/* ---- comment threads (boilerplate_thread.c) --------------------------- */

/* A thread of comments below the article: its first stamp, or |end|. */
size_t safi_bp_find_thread(const struct decoder *dc, size_t a, size_t end);
/* A thread at the top of the zone [a, b]: its first stamp, or |end|. */
size_t safi_bp_find_top_thread(const struct decoder *dc, size_t a, size_t b, size_t end);
/* Are the stamps from |s| on spread over the zone [.., b], as posts are:
 * no stretch between two stamps holds half the zone's score from |s| on? */
int safi_bp_stamps_spread(const struct decoder *dc, size_t s, size_t b,
                          int (*also)(const struct decoder *, size_t));
/* A thread of comments under labels ("Lena says:") below the article: its
 * first label, or |end|. */
size_t safi_bp_find_label_thread(const struct decoder *dc, size_t a, size_t end);
/* A thread of comments under the commenters' names alone, below the end
 * of the article: its first label, or |end|. */
size_t safi_bp_find_name_thread(const struct decoder *dc, size_t a, size_t end);
/* Does the Arabic word |w| (|n| bytes) come back in |tp| with other
 * prefixes (its clitic and article taken off or put on)?
 * (boilerplate_widget.c) */
int safi_bp_arabic_stem_hit(const struct decoder *dc, const struct bp_topic *tp, const char *w,
                            size_t n);
/* A run of posts glued under their writers' names below a paragraph that
 * stands alone, from the zone that starts at |a| on: its first name, or
 * |end| (boilerplate_glued.c). */
size_t safi_bp_find_glued_thread(const struct decoder *dc, size_t a, size_t end);
/* A thread of comments that carry the same tool line ("Reply"), reaching
 * the zone that starts at |a|: its first stamp, or |end|. */
size_t safi_bp_find_tool_thread(const struct decoder *dc, size_t a, size_t end);
/* A thread under the comment counter nearest above the zone [a, b], whose
 * stamps run into the zone: the counter, or |end|. */
size_t safi_bp_find_counted_thread(const struct decoder *dc, size_t a, size_t b, size_t end);
/* A thread of short comments right below the article in the zone that
 * starts at |a|, with nothing between: its first stamp, or |end|. */
size_t safi_bp_find_dense_thread(const struct decoder *dc, size_t a, size_t end);

/* ---- the title and the lead (boilerplate_title.c) ---------------------- */

/* The title above the zone that starts at |top|: the nearest heading-like
 * line that shares its words with the article's first paragraphs.  Returns
 * its index, or SIZE_MAX; a deck below it that is the standfirst in *deck
 * (else *deck is left alone). */
size_t safi_bp_find_title(const struct decoder *dc, size_t top, size_t *deck);

/* Whether line |i| under the title is furniture, not a standfirst: a
 * caption that names its source in parentheses, or a short line that
 * shares fewer than two words with the article's first paragraphs below
 * |top| (a byline, a dateline or a reporter's title). */
int safi_bp_furniture_under_title(const struct decoder *dc, size_t top, size_t i);
/* Whether a date stamp or a byline comes right under line |i|, the
 * byline perhaps a writer's name or a place over the date, as under a
 * page's headline block. */
int safi_bp_over_byline(const struct decoder *dc, size_t i);
/* The share, percent, of the content words of line |i| found in the first
 * body paragraphs from |top| on. */
unsigned safi_bp_lead_share(const struct decoder *dc, size_t top, size_t i);
/* The kicker glued over the title |t| whose standfirst is glued under it:
 * a heading-like line at its block's top that shares the words of the
 * article's first paragraphs below |top|.  Returns its index, or SIZE_MAX. */
size_t safi_bp_title_kicker(const struct decoder *dc, size_t t, size_t top);
/* Keeps the article's lead set above |top| across furniture (a byline, a
 * date, a caption) as the standfirst, and across the title |title| (or
 * SIZE_MAX) the title search took below it.  Returns its index, or
 * SIZE_MAX. */
size_t safi_bp_keep_lead_across(struct decoder *dc, size_t top, size_t title, int lang);

/* ---- widgets inside the zone (boilerplate_widget.c) -------------------- */

/* Drops both copies of a short kept line of the zone [a, b] that the page
 * prints twice in a row. */
void safi_bp_drop_doubled(struct decoder *dc, size_t a, size_t b);
/* Drops the pull quotes of the zone [a, b]: short kept lines that repeat
 * a part of a nearby body paragraph whole (boilerplate_pullquote.c). */
void safi_bp_drop_pull_quotes(struct decoder *dc, size_t a, size_t b);
/* Drops the kept lines of a mail's quote of the message it answers ("> ...")
 * when the reply's own kept lines outnumber them (boilerplate_pullquote.c). */
void safi_bp_drop_mail_quotes(struct decoder *dc);
/* Drops short kept lines between two body paragraphs of the zone [a, b]
 * whose words come back in the page's furniture outside it, and lines in
 * capitals that shout. */
void safi_bp_drop_echoed_widgets(struct decoder *dc, size_t a, size_t b);
/* Drops short kept lines of the zone [a, b] that hold a widget word and
 * none of the words of the article's body, a site's appeal boxes (a
 * title, its pitch and a button) and a player's labelled clip titles over
 * the clip's length. */
void safi_bp_drop_widget_labels(struct decoder *dc, size_t a, size_t b);
/* Drops a poll between two body paragraphs of the zone [a, b]: a question
 * over two to five bare answers of a few words ("Yes", "No"). */
void safi_bp_drop_polls(struct decoder *dc, size_t a, size_t b);
/* Drops the kept lines of Latin letters alone between the paragraphs of an
 * Arabic article in the zone [a, b]: a player's or an app badge's text. */
void safi_bp_drop_latin_lines(struct decoder *dc, size_t a, size_t b);
/* Drops a post of a social network embedded in the zone [a, b]: a block
 * of a few glued lines with a handle or a middle dot, its text and a row
 * of counts ("1,204 reposts 4,877 likes"). */
void safi_bp_drop_embedded_posts(struct decoder *dc, size_t a, size_t b);
/* Drops as after-marker the short kept lines of the zone [a, b] under a
 * link's label ("Related", "Read more:") between two body paragraphs:
 * the headlines of other stories. */
void safi_bp_drop_link_boxes(struct decoder *dc, size_t a, size_t b);
/* Drops as widget a box under a label in capitals that ends in a colon
 * ("INTERNET LINKS:"), set between two kept lines of the zone [a, b]:
 * the label and the short lines glued below it, above a body paragraph. */
void safi_bp_drop_shouted_boxes(struct decoder *dc, size_t a, size_t b);

/* ---- lines the article repeats (boilerplate_repeat.c) ------------------ */

/* Keeps the copies of kept lines of the zone [a, b] that stand between
 * kept lines of the zone, away from their first copy: lines the article
 * repeats (a meal plan's "Eat after your workout" under each day). */
void safi_bp_keep_article_copies(struct decoder *dc, size_t a, size_t b);
/* The headline for the title |t| the search chose above the zone that
 * starts at |top| (|deck| its standfirst, or SIZE_MAX): the copy of |t|
 * right above the article, with only furniture between them, or |t|. */
size_t safi_bp_headline_copy(const struct decoder *dc, size_t t, size_t deck, size_t top);
/* The headline of a live page when the title search took the last point
 * |t| of its summary list, or the heading of its first update under the
 * update's stamp (|t| or its deck *deck), for the title (see
 * boilerplate_title.c); the points or the heading kept, the deck in *deck;
 * the article's first paragraphs from |top| on; |lang| the page's language
 * (or -1).  Returns the title: |t| without such a headline. */
size_t safi_bp_summary_title(struct decoder *dc, size_t t, size_t *deck, size_t top, int lang);
/* Drops a table of contents in the zone [a, b]: a block of short kept
 * lines each of which comes back below it as a kept line. */
void safi_bp_drop_contents(struct decoder *dc, size_t a, size_t b);
/* The first copy of line |i| below line |at| (a line whose first copy
 * is |i|), or SIZE_MAX; with |body| set, SIZE_MAX too unless a body
 * paragraph stands between |at| and it: the copy of a contents entry
 * heads the section it links to. */
size_t safi_bp_copy_below(const struct decoder *dc, size_t i, size_t at, int body);
/* Drops the table of contents that the marker at |m| ends, whose other
 * entries come back below it as headings; returns 0 when it ends none. */
int safi_bp_contents_marker(struct decoder *dc, size_t m);

/* The number line |i| opens with ("4- Walk daily", "12. Costs", "٣) ..."),
 * of one to three ASCII or Arabic-Indic digits followed by one of the
 * characters of |seps| (spaces between them allowed), or 0
 * (boilerplate_feed.c). */
unsigned safi_bp_number_opening(const struct decoder *dc, size_t i, const char *seps);

/* The number of the step line |i| labels: one word, a space and one to
 * three ASCII digits open it ("Step 3 Release the case", "Schritt 3:"),
 * |word| set to the word's length; or 0 (boilerplate_feed.c). */
unsigned safi_bp_step_opening(const struct decoder *dc, size_t i, size_t *word);
/* Does line |i| label the step after the one line |s| labels, under the
 * same word? */
int safi_bp_step_next(const struct decoder *dc, size_t s, size_t i);

/* Does |ln| hold a paragraph's text by its shape: body text, or a line
 * short of it that ends a sentence in --min-words words or more (a live
 * page's update, a paragraph where the article goes on below a box)? */
static inline int
holds_text(const struct decoder *dc, const struct bp_line *ln)
{
	return ln->kind == K_GOOD || (ln->kind == K_NEAR && (ln->flags & L_TERM) &&
	    ln->words >= dc->o->min_words);
}

/* The number of list item |i| ("7. Switch off"), or 0: a numbered item
 * of the line features (see safi_bp_number_opening()). */
static inline unsigned
item_number(const struct decoder *dc, size_t i)
{
	return (dc->lines[i].flags & L_BULLET) ? safi_bp_number_opening(dc, i, ".)") : 0;
}

/* ---- a list article's items (boilerplate_items.c) --------------------- */

/* Keeps the items of a list article below the zone [a, b], above |cut|:
 * as many as the headline |t| counts, a list numbered in sequence from 1,
 * or the short lines a closing line of the zone introduces. */
void safi_bp_keep_counted_items(struct decoder *dc, size_t t, size_t a, size_t b, size_t cut);
/* Keeps the lists numbered in sequence from 1 that fill the lines between
 * the lead kept above the zone and its first line |top|. */
void safi_bp_keep_numbered_gap(struct decoder *dc, size_t top);
/* Keeps the sections of a document below the zone [a, b], above |cut|,
 * under headings numbered on from the zone's numbered headings. */
void safi_bp_keep_numbered_sections(struct decoder *dc, size_t a, size_t b, size_t cut);
/* Where the run of lines (|i|, |j|) that shares the topic |tp| starts: its
 * first line with a word of |tp|, or |j| when too few of its words are
 * (boilerplate_decode.c). */
size_t safi_bp_topic_run_start(const struct decoder *dc, const struct bp_topic *tp, size_t i,
                               size_t j);

/* ---- lists of other stories (boilerplate_list.c) ---------------------- */

/* Drops runs of kept short lines in the zone [a, b] that share too few
 * words with the body above them: links to other stories. */
void safi_bp_drop_foreign_lists(struct decoder *dc, size_t a, size_t b);
void safi_bp_zone_topic(const struct decoder *dc, size_t a, size_t b, int body_only,
                        struct bp_topic *tp);
void safi_bp_keep_colon_lists(struct decoder *dc, size_t a, size_t b, size_t cut);
/* Keeps the blocks of lines of an amount in the zone [a, b] that share
 * the words of its body: a recipe's ingredients between its paragraphs. */
void safi_bp_keep_amount_lists(struct decoder *dc, size_t a, size_t b);
/* Drops the kept items of a list whose first item was dropped, with half
 * of its items or more, one of them as furniture by its shape. */
void safi_bp_drop_split_lists(struct decoder *dc);
/* Drops as after-marker the kept list items that follow a dropped marker
 * ("Related coverage:"), blank lines aside. */
void safi_bp_drop_marked_lists(struct decoder *dc);
int safi_bp_other_titles(const struct decoder *dc, const struct bp_topic *tp, size_t intro,
                         size_t i, size_t j);

/* ---- a slideshow's captions (boilerplate_gallery.c) -------------------- */

/* Drops a long run of kept one-sentence lines with no blank line between
 * them on a page whose body paragraphs are set apart by blank lines: the
 * captions of a photo gallery. */
void safi_bp_drop_gallery(struct decoder *dc);

/* ---- other stories at the end of the zone (boilerplate_feed.c) -------- */

/* Trims a run of teasers of other stories from the end of the zone [a, *b]. */
void safi_bp_trim_teasers(const struct decoder *dc, size_t a, size_t *b);
/* Ends the zone [a, *b] above a feed of other stories' headlines. */
void safi_bp_trim_feed(const struct decoder *dc, size_t a, size_t *b);
/* Ends the zone [a, *b] at the last body paragraph above a strip of
 * furniture below which the body paragraphs are about other things. */
void safi_bp_end_at_drift(const struct decoder *dc, size_t a, size_t *b);

/* ---- an article in sections (boilerplate_sections.c) ------------------ */

/* Keeps the sections below the zone [a, b], above |cut|, that take on an
 * article already set out in sections: each under a heading (set apart by
 * blank lines, or printed right over its section) over a body paragraph
 * or a block of lines, with no furniture among them but a marked box of
 * other stories (left dropped), down to the last body paragraph.  Returns
 * the last line kept when no furniture, feed label or other topic ended
 * the sections above |cut| (a list below may go on to the page's end of
 * the article), or SIZE_MAX. */
size_t safi_bp_keep_sections(struct decoder *dc, size_t a, size_t b, size_t cut);
/* Is line |i| a section's heading: a line of a few words, no sentence,
 * list item or label, alone between blank lines? */
int safi_bp_section_heading(const struct decoder *dc, size_t i);
/* Is the run [i, j) above the body paragraph |j| a heading over a list
 * and a heading over |j|: on a page printed with no blank lines, or set
 * apart by blank lines with no boilerplate line in the list? */
int safi_bp_section_run(const struct decoder *dc, size_t i, size_t j);
/* Keeps the record of facts right below the zone's last line |b| or the
 * kept lines under it, above |cut|: five fields or more ("Weight: 2.9
 * kg"), one to a line up to a blank line, maybe under a heading (a
 * manual's technical data, a product's specifications). */
void safi_bp_keep_facts(struct decoder *dc, size_t b, size_t cut);
/* Keeps the record of facts right above the zone's first line |a|: five
 * fields or more, more than half of them boilerplate by no shape and the
 * others dated, ending in |a| or above it (or above a heading over it),
 * maybe under a heading (a listing's facts, an encyclopedia's infobox). */
void safi_bp_keep_facts_above(struct decoder *dc, size_t a);
/* Keeps the card of facts under the title |t|, above the zone's first
 * line |top|: a block of fields and list items, with headings over them
 * (a recipe's times and ingredients, an event's date and venue). */
void safi_bp_keep_card(struct decoder *dc, size_t t, size_t top);
/* Keeps the lines of the head above |top| that a kept title or standfirst
 * was hard-wrapped onto, at the wrap width of the zone [a, b], and a
 * headline wrapped over two lines or more above the zone. */
void safi_bp_keep_wrapped_head(struct decoder *dc, size_t top, size_t a, size_t b);
/* Keeps the fields of a record between |a| and |b|: a block of three
 * lines or more, each kept or a field boilerplate by no more than a date
 * or a caption, one of them kept, under a kept heading or a section
 * heading alone between blank lines (a call for papers' "Important
 * dates"), kept too. */
void safi_bp_keep_dated_fields(struct decoder *dc, size_t a, size_t b);
/* Keeps the lines below the zone's last line |b| down to the footer that
 * ends the article: a strip of furniture or the line at |cut|, with no
 * box, comment or furniture among them.  Returns the last line of the
 * run, or |b|. */
size_t safi_bp_keep_run_to_footer(struct decoder *dc, size_t b, size_t cut);
/* Keeps the headed sections of short lines below the zone [a, b] down to
 * the page's footer or the line at |cut|, when they share the zone's
 * topic.  Returns the last line kept, or |b|. */
size_t safi_bp_keep_sections_to_footer(struct decoder *dc, size_t a, size_t b, size_t cut);
/* Is line |ln| furniture that opens a footer: boilerplate by a phrase, a
 * menu, a marker or a copyright shape? */
int safi_bp_footer_line(const struct bp_line *ln);
/* Keeps as headings the section headings of the zone [a, b] dropped by
 * the context that stand between kept lines over a kept block of two
 * lines or more (a list under its heading). */
void safi_bp_keep_section_headings(struct decoder *dc, size_t a, size_t b);

/* ---- a page that is a thread of posts (boilerplate_forum.c) ----------- */

/* The shape of line |i|: a hash of its characters with every run of
 * digits read as one digit, every run of letters (any script) as one
 * letter and every run of blanks as one blank; punctuation as it is.
 * "12-03-2019, 09:14 PM" and "02-11-2020, 11:40 AM" have one shape. */
uint64_t safi_bp_stamp_shape(const struct decoder *dc, size_t i);

/* Does line |i| end in a comma, Latin or Arabic ("Hi Ruth,")? */
int safi_bp_ends_in_comma(const struct decoder *dc, size_t i);

/* On a page whose zone [a, b] is a thread of posts from its top, keeps
 * each post's name line and the post's lines the context dropped. */
void safi_bp_keep_forum_posts(struct decoder *dc, size_t a, size_t b);

/* Keeps the text of the posts below the zone [a, b] whose strips repeat
 * the furniture over the zone and inside it. */
void safi_bp_keep_posts_below(struct decoder *dc, size_t a, size_t b);

/* Lines of furniture a thread's strips are matched against, at most. */
#define BP_POST_KEYS 64
/* Fills |keys| (BP_POST_KEYS of them at most) with the keys of the
 * furniture of the zone [a, b]: the strip over it, up to the title or a
 * paragraph, and the dropped lines inside it (a post's strip in the
 * zone).  Returns their number. */
size_t safi_bp_zone_furniture(const struct decoder *dc, size_t a, size_t b, uint64_t *keys);
/* Fills |keys| with the keys of the strip over the zone that starts at
 * |a| alone, and returns their number. */
size_t safi_bp_strip_above(const struct decoder *dc, size_t a, uint64_t *keys);
/* Adds to the |n| keys |keys| those of the lines among [i, e) neither
 * kept nor a body paragraph, up to BP_POST_KEYS, and returns their
 * number. */
size_t safi_bp_feed_furniture(const struct decoder *dc, size_t i, size_t e, uint64_t *keys,
    size_t n);
/* Do the lines [i, e] repeat two lines of the furniture |keys| (|n| of
 * them) or more, one by a stamp's shape and one by its copies, with no
 * sentence among them: a post's strip? */
int safi_bp_post_strip(const struct decoder *dc, size_t i, size_t e, const uint64_t *keys,
    size_t n);

/* ---- boxes inside the article (boilerplate_boxes.c) ------------------- */

/* Where the tail starts: the first marker below the start |a| of the body
 * zone (or above it, when body text of ARTICLE_SCORE stands above it)
 * that heads no box inside the article, whose lines are dropped as
 * teasers; |have_zone| and |zone_sc| as the zone search gave them.
 * Returns dc->nlines when there is no tail. */
size_t safi_bp_find_cut(struct decoder *dc, int have_zone, size_t a, long zone_sc);

/* The decoder's helpers the box stage reads (boilerplate_decode.c). */
/* The body zone: the run of lines [*a, *b] among [from, end) with the
 * largest score sum, that sum in *score (unless NULL).  Returns 0 when no
 * run has a positive sum. */
int safi_bp_find_zone(const struct decoder *dc, size_t from, size_t end, size_t *a, size_t *b,
                      long *score);
/* The topic words of the body paragraphs above line |m|, at most
 * TOPIC_LINES of them, into |tp|. */
void safi_bp_topic_above(const struct decoder *dc, size_t m, struct bp_topic *tp);
/* The share, percent, of the content words of the first two body
 * paragraphs from |g| on used in the body above |m|, Arabic words also
 * found with their clitic and article taken off or put on. */
unsigned safi_bp_stem_share(const struct decoder *dc, size_t m, size_t g);
/* The line right above line |m|, blank lines and one-word phrase lines
 * ("Advertisement") passed over, or SIZE_MAX. */
size_t safi_bp_text_above(const struct decoder *dc, size_t m);
/* Do a live page's updates go on at line |i|, below the box under the
 * marker |m|? */
int safi_bp_clock_resumes(const struct decoder *dc, size_t m, size_t i);
/* Do the body paragraphs of [c, e] have RESUME_WORDS words on average
 * (boilerplate_decode.c)? */
int safi_bp_long_paragraphs(const struct decoder *dc, size_t c, size_t e);
/* Is the run of lines [c, e] of score |sc| the article resumed below a
 * box: long body text on the topic of the body above it? */
int safi_bp_resumes(const struct decoder *dc, size_t c, size_t e, long sc);

#endif
