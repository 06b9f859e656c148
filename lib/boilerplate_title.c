/*
 * boilerplate_title.c - the headline and the lead above the body zone, in
 * the decoder.
 *
 * The body zone starts at the first paragraph of the article; the title
 * and the standfirst sit above it among menus, dates, bylines and
 * captions, and look like them: short lines.  An article repeats the words
 * of its headline in its first paragraphs, and a menu line does not, so
 * this stage takes the nearest heading-like line above the zone that
 * shares its words with the lead (or a dated headline), and keeps a lead
 * paragraph that a page sets apart from the body by furniture.
 *
 * Cost: the topic words of the first few body paragraphs and a walk of at
 * most a few dozen lines above the zone.
 */
/* memmem */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"
#include "safi/utf8.h"

/*
 * Does a line end in a source in parentheses, as a caption does: a group
 * of one to CREDIT_WORDS words with no digit, after text that ends no
 * sentence ("Ministers at the meeting (Al Jazeera)"), and no widget word
 * in it ("(video)")?  A deck does not name its source: such a line
 * below the headline is a caption.
 */
#define CREDIT_WORDS 3

static int
credit_group(const struct decoder *dc, const struct bp_line *ln)
{
	struct bp_scan scan;
	size_t b, e;
	unsigned t;

	if (!safi_bp_end_group(dc->text + ln->off, ln->len, CREDIT_WORDS, &b, &e))
		return 0;
	/* "(video)", "(photos)": a headline announces its media. */
	safi_bp_scan_line(dc->lx, dc->text + ln->off + b, e - b, &scan);
	for (t = 0; t < scan.ntok; t++)
		if (scan.tok_flags[t] & W_EXACT)
			return 0;
	return 1;
}

/*
 * A headline under a label: "Video | Ministers meet in Cairo", "Opinion |
 * ...".  One bar, at most LABEL_WORDS words without a digit before it
 * and three or more after it: a menu has more bars, or short items on
 * both sides, and a date stamp has digits.
 */
#define LABEL_WORDS 2

static int
labelled_headline(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t i, bar = SIZE_MAX, before = 0;
	int in_word = 0;

	for (i = 0; i < ln->len; i++) {
		if (p[i] != '|')
			continue;
		if (bar != SIZE_MAX)
			return 0;
		bar = i;
	}
	if (bar == SIZE_MAX)
		return 0;
	for (i = 0; i < bar; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			return 0;  /* "08.11.2021 | ...": a date stamp */
		if (p[i] == ' ' || p[i] == '\t')
			in_word = 0;
		else if (!in_word++)
			before++;
	}
	return before >= 1 && before <= LABEL_WORDS && ln->words >= before + 3;
}

/*
 * A field of a byline block: a label word and a comma, then a name or a
 * title, FIELD_WORDS words at most, no digit (a date stamp has them) and
 * no sentence end, next to another such field ("Author, Leila Hassan"
 * over "Role, Staff reporter").  Pages
 * print their writer's name and role so between the headline and the
 * body; a headline that opens with a word and a comma ("Cairo, Giza hit
 * by power cuts") stands alone.
 */
#define BYLINE_WORDS 5
#define FIELD_WORDS 8

static int
field_shape(const struct decoder *dc, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t i = 0;

	if (ln->kind == K_BLANK || ln->kind == K_BAD || ln->words < 2 ||
	    ln->words > FIELD_WORDS || (ln->flags & (L_TERM | L_DIGITS)))
		return 0;
	while (i < ln->len && p[i] == ' ')
		i++;
	while (i < ln->len && p[i] != ' ')
		i++;
	return (i >= 1 && p[i - 1] == ',') ||
	    (i >= 2 && p[i - 2] == 0xD8 && p[i - 1] == 0x8C);  /* Arabic comma */
}

static int
byline_field(const struct decoder *dc, const struct bp_line *ln)
{
	size_t i = (size_t)(ln - dc->lines), u;

	if (!field_shape(dc, ln))
		return 0;
	for (u = i; u-- > 0 && dc->lines[u].kind == K_BLANK;)
		;
	if (u < i && field_shape(dc, &dc->lines[u]))
		return 1;
	for (u = i + 1; u < dc->nlines && dc->lines[u].kind == K_BLANK; u++)
		;
	return u < dc->nlines && field_shape(dc, &dc->lines[u]);
}

/*
 * A counter: a label of COUNTER_WORDS words at most, a colon and a number
 * alone ("Views: 1,532", "عدد القراءات: 1532"), as old pages print their
 * tallies between the headline and the body.  No headline reads so.
 */
#define COUNTER_WORDS 3

static int
counter_line(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t i, colon = SIZE_MAX, words = 0;
	int digits = 0, in_word = 0;

	for (i = 0; i < ln->len; i++)
		if (p[i] == ':')
			colon = i;
	if (colon == SIZE_MAX)
		return 0;
	for (i = colon + 1; i < ln->len; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			digits = 1;
		else if (p[i] != ' ' && p[i] != ',' && p[i] != '.' && p[i] != '\t')
			return 0;
	}
	for (i = 0; i < colon; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			return 0;  /* "Psalm 115:1", "2:28": a reference, a time */
		if (p[i] == ' ' || p[i] == '\t')
			in_word = 0;
		else if (!in_word++)
			words++;
	}
	return digits && words >= 1 && words <= COUNTER_WORDS;
}

/* Is a line set whole in square brackets ("[Submitted on 3 May 2024]",
 * "[edit]")?  Pages so print their tools and notes, not their headlines. */
static int
bracketed(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t b = 0, e = ln->len;

	while (b < e && (p[b] == ' ' || p[b] == '\t'))
		b++;
	while (e > b && (p[e - 1] == ' ' || p[e - 1] == '\t' || p[e - 1] == '\r'))
		e--;
	return e - b >= 2 && p[b] == '[' && p[e - 1] == ']';
}

int
safi_bp_heading_like(const struct decoder *dc, const struct bp_line *ln)
{
	if (ln->kind == K_BLANK || (ln->flags & (L_BULLET | L_COLON | L_WRAPPED)) ||
	    ((ln->flags & L_SEPARATED) && !labelled_headline(dc, ln)))
		return 0;
	if (ln->kind == K_BAD && ln->reason != R_DUPLICATE)
		return 0;
	if (ln->words < 3 || ln->words > 30 || byline_field(dc, ln) || counter_line(dc, ln) ||
	    bracketed(dc, ln))
		return 0;
	if (ln->flags & L_TERM) {
		/* A question or an exclamation may be a title, a full stop not. */
		return 1;
	}
	return 1;
}

/*
 * The title: among the heading-like lines at most TITLE_LINES lines above
 * the zone, the nearest that shares its words with the first paragraphs of
 * the article (an article repeats the words of its headline: a tool or a
 * menu line does not), a doubled one first (pages print their headline
 * twice; a section's name printed in the menu and again over the
 * headline, see section_copy(), is no such line); without such a line, the
 * nearest doubled line, or the nearest
 * heading-like line when only furniture (below) stands between it and the
 * zone.  When no line among them shares the article's words, the search
 * goes on past them, across share rows (see row_furniture()), until it has
 * read TITLE_LINES lines of other kinds, for a headline over its date or
 * byline that does.
 * A headline right above a deck is the title, the deck the standfirst,
 * when it shares half as many of its words with the article as the deck,
 * or when the deck is a lead of sentences (see deck_of_sentences()).
 * Returns the index of the title, or SIZE_MAX.
 */
#define TITLE_LINES 12
#define TITLE_SHARE 25       /* percent of its content words in the lead */
#define LEAD_PARAGRAPHS 3

/* The content words of line |i| and how many of them are found in
 * |lead|, by their stems where the page's language inflects them (see
 * safi_bp_lead_topic()). */
void
safi_bp_lead_count(const struct decoder *dc, const struct bp_topic *lead, size_t i, unsigned *hits,
           unsigned *total)
{
	safi_bp_topic_count_stems(dc->lx, dc->text + dc->lines[i].off, dc->lines[i].len, lead,
	    hits, total, dc->stems);
}

/* The share of the content words of line |i| found in |lead|, percent. */
static unsigned
lead_share(const struct decoder *dc, const struct bp_topic *lead, size_t i)
{
	unsigned hits = 0, total = 0;

	safi_bp_lead_count(dc, lead, i, &hits, &total);
	return total ? hits * 100 / total : 0;
}

/* How many content words of line |i| are found in |lead|. */
unsigned
safi_bp_lead_hits(const struct decoder *dc, const struct bp_topic *lead, size_t i)
{
	unsigned hits = 0, total = 0;

	safi_bp_lead_count(dc, lead, i, &hits, &total);
	return hits;
}

/*
 * What a page sets between its headline and the article: a date, a
 * byline, a caption or a credit ("By Jo Kent", "March 3, 2024", "Photo:
 * AP"), or a share row of one- or two-word lines.  A headline is found
 * across them: above the line the title search chose (a deck, a caption
 * that repeats the article's words) when that line is furniture's
 * neighbour; and the nearest heading-like line is the title without
 * sharing the article's words only when nothing else stands between it and
 * the body.  HEADLINE_FURNITURE lines of it at most.
 */
#define HEADLINE_FURNITURE 6

/* A line a page sets between a headline and the body: a date, a byline
 * (boilerplate by its phrase), a caption, a credit, a comment counter, a
 * line recurring across the pages of the site.  A list item is none, but a
 * date that writes its day with a full stop ("23. März 2021, 14:05 Uhr")
 * reads as a numbered one: a date is a date. */
static int
title_furniture(const struct bp_line *ln)
{
	return ln->kind == K_BAD && (!(ln->flags & L_BULLET) || ln->reason == R_DATE) &&
	    (ln->reason == R_DATE || ln->reason == R_PHRASE || ln->reason == R_CAPTION ||
	    ln->reason == R_CREDIT || ln->reason == R_RECURRING || (ln->flags & L_COUNTER));
}

/*
 * A share row's line: a button of one or two words ("Print", "Tweet"),
 * or a list item that is boilerplate by its phrase or a counter ("  •
 * Email this", "  • Comments (12)").  Pages set such rows, a byline and a
 * date between the headline and the body: past its window, the title
 * search reads them without counting them, ROW_LINES of them at most.
 */
#define ROW_LINES 24

static int
row_furniture(const struct bp_line *ln)
{
	if (ln->kind == K_SHORT)
		return ln->words <= 2;
	return ln->kind == K_BAD && (title_furniture(ln) || ((ln->flags & L_BULLET) &&
	    (ln->reason == R_PHRASE || ln->reason == R_MARKER || (ln->flags & L_COUNTER))));
}

/* Does a date stamp or a byline (a phrase of two words or more that no
 * colon ends, not a list item: "By Jo Kent", "Posted: June 3, 2024") come
 * right under line |i|, as under a headline? */
static int
dated_line(const struct bp_line *ln)
{
	return ln->kind == K_BAD && ln->words <= 25 && !(ln->flags & (L_BULLET | L_COLON)) &&
	    ((ln->flags & L_DATED) || ln->reason == R_DATE);
}

static int
headed(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln;

	while (++i < dc->nlines && dc->lines[i].kind == K_BLANK)
		;
	if (i >= dc->nlines)
		return 0;
	ln = &dc->lines[i];
	return dated_line(ln) || (ln->kind == K_BAD && ln->words <= 25 &&
	    !(ln->flags & (L_BULLET | L_COLON)) && ln->reason == R_PHRASE && ln->words >= 2);
}

/* Is the next line under line |i|, across blank lines, a date stamp
 * (see dated_line())? */
static int
dated_under(const struct decoder *dc, size_t i)
{
	while (++i < dc->nlines && dc->lines[i].kind == K_BLANK)
		;
	return i < dc->nlines && dated_line(&dc->lines[i]);
}

/* Does a writer's name or a place that no phrase tells come under line
 * |i| over a date stamp: one or two short lines of BYLINE_WORDS words at
 * most, no digit, no sentence end, glued over the date ("Beirut - Rima
 * Haj", "Report: Sami Haddad" over "Nablus")?  Pages set the byline so
 * between the headline and its date. */
#define BYLINE_LINES 2

static int
bylined(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln;
	size_t names;

	while (++i < dc->nlines && dc->lines[i].kind == K_BLANK)
		;
	for (names = 0; i < dc->nlines && names < BYLINE_LINES; i++, names++) {
		ln = &dc->lines[i];
		if (ln->kind == K_BLANK || ln->kind == K_GOOD || ln->words > BYLINE_WORDS ||
		    (ln->flags & (L_TERM | L_DIGITS | L_BULLET)))
			return 0;
		if (i + 1 < dc->nlines && dated_line(&dc->lines[i + 1]))
			return 1;
	}
	return 0;
}

int
safi_bp_over_byline(const struct decoder *dc, size_t i)
{
	return headed(dc, i) || bylined(dc, i);
}

/*
 * A headline over its deck over a byline or a date: the deck right under
 * line |i|, a heading-like line of DECK_LINE_WORDS words or more, printed
 * once, that shares a content word with |lead|, and under it a date stamp
 * or a byline (see headed()), or a writer's name or dateline of
 * BYLINE_WORDS words at most that ends no sentence, holds no digit and
 * shares no content word with |lead| ("Dubai: Sami Haddad").  Pages set
 * the headline and its deck over the byline as they set a bare headline.
 */
#define DECK_LINE_WORDS 5

static int
decked(const struct decoder *dc, const struct bp_topic *lead, size_t i)
{
	const struct bp_line *ln;
	size_t j;

	while (++i < dc->nlines && dc->lines[i].kind == K_BLANK)
		;
	if (i >= dc->nlines)
		return 0;
	ln = &dc->lines[i];
	if (ln->kind == K_BAD || ln->first != i || (ln->flags & L_REPEATED) ||
	    ln->words < DECK_LINE_WORDS || !safi_bp_heading_like(dc, ln) || safi_bp_lead_hits(dc, lead, i) == 0)
		return 0;
	if (headed(dc, i))
		return 1;
	for (j = i + 1; j < dc->nlines && dc->lines[j].kind == K_BLANK; j++)
		;
	if (j >= dc->nlines)
		return 0;
	ln = &dc->lines[j];
	return (ln->kind == K_SHORT || ln->kind == K_NEAR) && ln->words <= BYLINE_WORDS &&
	    !(ln->flags & (L_TERM | L_DIGITS | L_BULLET)) && safi_bp_lead_hits(dc, lead, j) == 0;
}

/*
 * Does line |i|, a tool of ROW_TOOL_WORDS words at most, close a share
 * row: glued under a button, with no blank
 * line between, and ROW_BUTTONS buttons or more (lines of one or two words,
 * short of text or boilerplate by their phrase, no list items: "Share",
 * "Facebook", "Email") among the ROW_LINES lines of its block?  A page sets
 * its headline apart from its tools; the last tool of the row ("Add to
 * your reading list") is no headline, however near the article it stands.
 * A headline glued under a menu's list or under its date is one.
 */
#define ROW_BUTTONS 2
#define ROW_TOOL_WORDS 4

static int
row_button(const struct bp_line *ln)
{
	return ln->words <= 2 && !(ln->flags & (L_BULLET | L_DATED)) &&
	    (ln->kind == K_SHORT || (ln->kind == K_BAD && ln->reason == R_PHRASE));
}

static int
closes_row(const struct decoder *dc, size_t i)
{
	size_t k, n = 0, buttons = 0;

	if (i == 0 || dc->lines[i].words > ROW_TOOL_WORDS || dc->lines[i - 1].kind == K_BLANK ||
	    (dc->lines[i - 1].flags & (L_BULLET | L_DATED)) || dc->lines[i - 1].reason == R_DATE)
		return 0;
	for (k = i; k-- > 0 && dc->lines[k].kind != K_BLANK && n < ROW_LINES; n++)
		if (row_button(&dc->lines[k]) && ++buttons >= ROW_BUTTONS)
			return 1;
	return 0;
}

/* Is line |i| a writer's name that no phrase tells, glued over the date
 * ("Jo Kent" over "Wed 3 Apr 2024", see bylined()), with no other such
 * name among the BYLINE_REACH non-blank lines below it?  A page names its
 * writer once; a thread's posters come each over the stamp of a post. */
#define BYLINE_REACH 12

static int
byline_once(const struct decoder *dc, size_t i)
{
	size_t k, seen = 0;

	if (!bylined(dc, i - 1))
		return 0;
	for (k = i + 1; k < dc->nlines && seen < BYLINE_REACH; k++)
		if (dc->lines[k].kind != K_BLANK) {
			seen++;
			if (k > i + BYLINE_LINES && !dated_line(&dc->lines[k]) &&
			    bylined(dc, k - 1))
				return 0;
		}
	return 1;
}

/* Is line |i| the byline's name printed again: a copy of a line that is
 * a writer's name over the date (byline_once())?  An opinion page prints
 * its columnist's name over the date and again over the writer's note
 * ("Sami Haddad" over "Economist and lecturer."), right above the
 * article: a name, not a headline. */
static int
byline_copy(const struct decoder *dc, size_t i)
{
	size_t f = dc->lines[i].first;

	return f < i && dc->lines[i].words <= BYLINE_WORDS && byline_once(dc, f);
}

/* Are the lines between |i| and |top| blank or furniture?  A writer's
 * name over the date is the byline (byline_once()): furniture too, and
 * so is its copy, and a byline's field ("Tutor: Jo Kent", see
 * name_field()). */
static int name_field(const struct decoder *dc, const struct bp_line *ln);

static int
furniture_only(const struct decoder *dc, size_t i, size_t top)
{
	for (i++; i < top; i++)
		if (dc->lines[i].kind != K_BLANK && !title_furniture(&dc->lines[i]) &&
		    !byline_once(dc, i) && !byline_copy(dc, i) && !name_field(dc, &dc->lines[i]))
			return 0;
	return 1;
}

/* Does a line end in a full stop (not an ellipsis)?  A caption does, a
 * headline not. */
int
safi_bp_full_stop(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off, *e = p + ln->len;

	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	return e > p && e[-1] == '.' && !(e - p >= 2 && e[-2] == '.');
}

static int captioned_twice(const struct decoder *dc, size_t t);

/* What a page sets between its headline and a picture's caption printed
 * twice, besides title_furniture(): a share row (see row_furniture(), a
 * row of links read as a menu too) and a byline's field, a label and a
 * name of BYLINE_WORDS words at most with no digit and no sentence end
 * ("Interview by: Sami Haddad"). */
static int
caption_furniture(const struct decoder *dc, const struct bp_line *ln)
{
	size_t from;

	if (row_furniture(ln))
		return 1;
	if (ln->kind == K_BAD)
		return (ln->flags & L_BULLET) && ln->reason == R_MENU;
	return (ln->kind == K_SHORT || ln->kind == K_NEAR) && ln->words >= 2 &&
	    ln->words <= BYLINE_WORDS && !(ln->flags & (L_TERM | L_DIGITS | L_BULLET)) &&
	    safi_bp_label_len(dc->text + ln->off, ln->len, &from) > 0;
}

/*
 * The headline above line |t| (the title the search chose), across
 * furniture with a line of two words or more among it (not a share row
 * alone): a heading-like line that does not end in a full stop and
 * shares at least TITLE_SHARE percent of its content words with |lead|,
 * and no less than |t| does (a menu item or a site name above a date is
 * less about the article than its headline).  When |t| is a caption
 * printed twice (captioned_twice()), a share row and a byline's field
 * (caption_furniture()) are furniture too, the headline may be a copy of a
 * line above it (a breadcrumb's or a title bar's), and it may share a
 * smaller part of its words than the caption does: a caption names the man
 * in the picture that the article names.  Returns its index or SIZE_MAX.
 */
static size_t
headline_above(const struct decoder *dc, const struct bp_topic *lead, size_t t)
{
	size_t u, furniture = 0, stamps = 0;
	int twice = captioned_twice(dc, t);

	for (u = t; u-- > 0;) {
		const struct bp_line *ln = &dc->lines[u];

		if (ln->kind == K_BLANK)
			continue;
		if (furniture < HEADLINE_FURNITURE && (title_furniture(ln) ||
		    (ln->kind == K_SHORT && ln->words <= 2) || (twice && caption_furniture(dc, ln)))) {
			furniture++;
			stamps += ln->kind == K_BAD && ln->words >= 2;
			continue;
		}
		if (stamps && (ln->kind != K_BAD || (twice && ln->reason == R_DUPLICATE)) &&
		    safi_bp_heading_like(dc, ln) && !safi_bp_full_stop(dc, ln) &&
		    lead_share(dc, lead, u) >= TITLE_SHARE &&
		    (twice || lead_share(dc, lead, u) >= lead_share(dc, lead, t)))
			return u;
		return SIZE_MAX;
	}
	return SIZE_MAX;
}

/* Bytes of the spaced mark of a path's step at p[k] (" > ", " / ",
 * " | ", " \u00bb ", " \u203a ", " \u2192 ", " \uff1e "), or 0. */
static size_t
crumb_mark(const char *p, size_t n, size_t k)
{
	static const char *const marks[] = {
		" > ", " / ", " | ", " \xC2\xBB ", " \xE2\x80\xBA ", " \xE2\x86\x92 ",
		" \xEF\xBC\x9E ",
	};
	size_t j, m;

	for (j = 0; j < sizeof marks / sizeof marks[0]; j++) {
		m = strlen(marks[j]);
		if (k + m <= n && memcmp(p + k, marks[j], m) == 0)
			return m;
	}
	return 0;
}

/*
 * Does line |c|, a breadcrumb ("Home > Guides > Layers"), end in the text
 * of line |u| after a spaced separator of a menu or of a path: the page
 * it names last is the page itself?  A line of body text is none.
 */
static int
crumb_ends_in(const struct decoder *dc, const struct bp_line *c, const struct bp_line *u)
{
	const char *p = dc->text + c->off;
	size_t n = c->len, k, m;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (c->kind == K_BLANK || c->kind == K_GOOD || n < u->len + 3 ||
	    memcmp(p + n - u->len, dc->text + u->off, u->len) != 0 || p[n - u->len - 1] != ' ')
		return 0;
	for (k = n - u->len - 1; k > 0 && p[k - 1] == ' '; k--)
		;
	/* back to the lead byte of the mark before the blank */
	for (m = k; m > 0 && ((unsigned char)p[m - 1] & 0xC0) == 0x80; m--)
		;
	return m >= 2 && crumb_mark(p, n, m - 2) == k - m + 3;
}

/*
 * Does line |c| end in the whole text of line |u| after the words of a
 * path printed with no mark between them ("Home News World Floods close
 * the port" over "Floods close the port")?  A page's path runs its steps
 * into the headline it ends in; a headline does not end in its deck.
 */
static int
glued_path(const struct decoder *dc, size_t c, size_t u)
{
	const struct bp_line *a = &dc->lines[c], *b = &dc->lines[u];
	const char *p = dc->text + a->off;
	size_t n = a->len;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return b->len > 0 && n > b->len + 1 && p[n - b->len - 1] == ' ' &&
	    memcmp(p + n - b->len, dc->text + b->off, b->len) == 0;
}

/* Does p[k, n) go on with a spaced dash, en or em dash, or a path's mark,
 * as a title bar goes on to the site's name? */
static int
title_bar(const char *p, size_t n, size_t k)
{
	return crumb_mark(p, n, k) > 0 || (k + 3 <= n && memcmp(p + k, " - ", 3) == 0) ||
	    (k + 5 <= n && (memcmp(p + k, " \xE2\x80\x93 ", 5) == 0 ||
	    memcmp(p + k, " \xE2\x80\x94 ", 5) == 0));
}

/*
 * A headline the page prints twice, once in its title bar or breadcrumb
 * and once over the article: a line, not body text, among the BAR_LINES
 * non-blank lines above line |i| opens with the text of |i| and goes on
 * with the site's name after a spaced bar or dash ("Heat wave hits the
 * Gulf | Gulf News"), or ends in it as a path's last step ("Home >
 * Economy > Heat wave hits the Gulf").  A caption or a deck near the lead
 * is printed once.
 */
#define BAR_LINES 40

static int
bar_copy(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t k, seen = 0;

	for (k = i; k-- > 0 && seen < BAR_LINES;) {
		const struct bp_line *c = &dc->lines[k];
		const char *p = dc->text + c->off;

		if (c->kind == K_BLANK)
			continue;
		seen++;
		if (c->kind != K_GOOD && ((c->len > ln->len &&
		    memcmp(p, dc->text + ln->off, ln->len) == 0 && title_bar(p, c->len, ln->len)) ||
		    crumb_ends_in(dc, c, ln)))
			return 1;
	}
	return 0;
}

/*
 * Does line |c|, a breadcrumb dropped as a menu, name last a page of two
 * words or more that line |u| opens with, a comma, a colon, a dash or a
 * space after it ("Home > Courses > Environmental science" over
 * "Environmental science, 180 credits")?  The page's own name stands
 * under its path; a section's label repeats a step of one word, and the
 * page's title bar goes on after a spaced dash or bar with the site's
 * name ("Environmental science - Westfield College").
 */
static int
crumb_opens(const struct decoder *dc, const struct bp_line *c, const struct bp_line *u)
{
	const char *p = dc->text + c->off, *q = dc->text + u->off;
	size_t n = c->len, k, m, from = 0;

	if (c->kind != K_BAD || c->reason != R_MENU)
		return 0;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	for (k = 0; k < n; k++)
		if ((m = crumb_mark(p, n, k)) > 0)
			from = k + m;
	if (from == 0 || from >= n || u->len <= n - from ||
	    memcmp(p + from, q, n - from) != 0 || memchr(p + from, ' ', n - from) == NULL ||
	    title_bar(q, u->len, n - from))
		return 0;
	return q[n - from] == ' ' || q[n - from] == ',' || q[n - from] == ':' ||
	    q[n - from] == '-';
}

/*
 * The page's name under its breadcrumb: a heading-like line, no copy of
 * another, above the title found (|t|) among the TITLE_LINES lines above
 * it, right under a breadcrumb that names it last (crumb_opens()), is the
 * title: a shop's, a course's or a hotel's page prints its name there,
 * and its fields, prices and buttons below it, and the short line right
 * above the body is one of those.  A title the breadcrumb ends in is the
 * page's name already.  Returns its index or |t|.
 */
static size_t
crumb_title(const struct decoder *dc, size_t t)
{
	size_t i, c, seen = 0;

	for (i = t; i-- > 0 && seen < TITLE_LINES;) {
		if (dc->lines[i].kind == K_BLANK)
			continue;
		seen++;
		for (c = i; c-- > 0 && dc->lines[c].kind == K_BLANK;)
			;
		if (c < i && safi_bp_heading_like(dc, &dc->lines[i]) && dc->lines[i].first == i &&
		    !(dc->lines[i].flags & L_REPEATED) && crumb_opens(dc, &dc->lines[c], &dc->lines[i]))
			return crumb_ends_in(dc, &dc->lines[c], &dc->lines[t]) ? t : i;
	}
	return t;
}

/* Lines above a short headline where its breadcrumb may stand. */
#define CRUMB_LINES 3

/*
 * A headline of one or two words ("Backwards!", "Old school"), too short
 * to be heading-like, right above the zone with a date stamp right above
 * it, as blogs print their posts, or with a breadcrumb that ends in it
 * among the CRUMB_LINES lines above it, as documentation pages and shops
 * print their page's name: the title of a page where no other line is.
 * Under a date, not when the zone opens with a heading-like line that is
 * no body paragraph: the headline is then the zone's, and the short line
 * between it and the date the name of the site's section ("Health").
 * Returns its index or SIZE_MAX.
 */
static size_t
dated_headline(const struct decoder *dc, size_t top)
{
	const struct bp_line *ln;
	size_t u, v, seen = 0;
	int opens;

	for (u = top; u-- > 0 && dc->lines[u].kind == K_BLANK;)
		;
	if (u >= top)
		return SIZE_MAX;
	ln = &dc->lines[u];
	if (ln->kind == K_BAD || ln->words < 1 || ln->words > 2 ||
	    (ln->flags & (L_BULLET | L_COLON | L_SEPARATED | L_WRAPPED)) || byline_copy(dc, u))
		return SIZE_MAX;
	for (v = top; v < dc->nlines && dc->lines[v].kind == K_BLANK; v++)
		;
	/* A zone that opens with a headline: a section's name over it. */
	opens = v < dc->nlines && dc->lines[v].kind != K_GOOD && safi_bp_heading_like(dc, &dc->lines[v]);
	for (v = u; v-- > 0 && seen < CRUMB_LINES;) {
		if (dc->lines[v].kind == K_BLANK)
			continue;
		if (seen++ == 0 && dc->lines[v].kind == K_BAD && !opens &&
		    ((dc->lines[v].flags & L_DATED) || dc->lines[v].reason == R_DATE))
			return u;
		if (crumb_ends_in(dc, &dc->lines[v], ln))
			return u;
	}
	return SIZE_MAX;
}

/* A paragraph of the lead: body text, or a near paragraph of the words
 * asked of body text, short of it only by its stop words or its sentence
 * end, that is no list item and ends in no colon.  A news lead packed with
 * names, places and numbers has few stop words, and it is the paragraph
 * that repeats the headline. */
static int
lead_paragraph(const struct decoder *dc, const struct bp_line *ln)
{
	return ln->kind == K_GOOD || (ln->kind == K_NEAR && ln->words >= dc->o->min_words &&
	    !(ln->flags & (L_BULLET | L_COLON)));
}

/* The content words of the first |n| paragraphs (see lead_paragraph())
 * from |top| on, into |tp|: in a language that inflects them, their
 * stems, as a headline names what the article names in other forms ("do
 * Prahy", "Praha"; "Перми", "Пермского"). */
void
safi_bp_paragraphs_topic(const struct decoder *dc, size_t top, size_t n, struct bp_topic *tp)
{
	size_t i, paras = 0;

	tp->n = 0;
	memset(tp->set, 0, sizeof tp->set);
	for (i = top; i < dc->nlines && paras < n; i++)
		if (lead_paragraph(dc, &dc->lines[i])) {
			paras++;
			safi_bp_topic_add_stems(dc->lx, dc->text + dc->lines[i].off,
			    dc->lines[i].len, tp, dc->stems);
		}
}

/* The content words of the first LEAD_PARAGRAPHS paragraphs of the lead
 * from |top| on, into |lead|. */
void
safi_bp_lead_topic(const struct decoder *dc, size_t top, struct bp_topic *lead)
{
	safi_bp_paragraphs_topic(dc, top, LEAD_PARAGRAPHS, lead);
}

/* How many content words of line |i| are found in |lead|, an Arabic word
 * with other particles glued to its front too ("موسم", "هذا الموسم";
 * "الأغوار", "بالأغوار": see safi_bp_arabic_stem_hit()). */
static unsigned
bare_hits(const struct decoder *dc, const struct bp_topic *lead, size_t i)
{
	struct bp_scan scan, *s = &scan;
	const char *p = dc->text + dc->lines[i].off;
	unsigned hits = safi_bp_lead_hits(dc, lead, i), t;

	if (dc->stems == BP_STEM_ALL)
		return hits;  /* a page's words compared by their stems */
	safi_bp_scan_line(dc->lx, p, dc->lines[i].len, s);
	for (t = 0; t < s->ntok; t++)
		if (!(s->tok_flags[t] & W_LANGS) && !s->tok_num[t] &&
		    (unsigned char)p[s->tok_raw[t]] >= 0xD8 && (unsigned char)p[s->tok_raw[t]] <= 0xDB &&
		    !safi_bp_topic_has(lead, safi_bp_key(s->tok_hash[t])) &&
		    safi_bp_arabic_stem_hit(dc, lead, p + s->tok_raw[t], s->tok_rawend[t] - s->tok_raw[t]))
			hits++;
	return hits;
}

unsigned
safi_bp_lead_share(const struct decoder *dc, size_t top, size_t i)
{
	struct bp_topic lead;

	safi_bp_lead_topic(dc, top, &lead);
	return lead_share(dc, &lead, i);
}

/*
 * A reporter's title line ("Sami Haddad - our correspondent in Aleppo") or
 * a dateline ("Aleppo | Sami Haddad") under the headline: two parts set
 * apart by a spaced dash or bar, naming the writer and the place.  A
 * standfirst says what the article says; such a line, short, shares at
 * most the place with the article's lead: one word, or a place of more
 * words ("Mecca al-Mukarrama - Ali Zahrani") beside a part that shares
 * none (the writer's name).
 */
static const char *
dash_parts(const struct decoder *dc, const struct bp_line *ln, size_t *seplen)
{
	static const char *const seps[] = {" - ", " | ", " \xE2\x80\x93 ", " \xE2\x80\x94 "};
	const char *p = dc->text + ln->off, *q;
	size_t k;

	for (k = 0; k < sizeof seps / sizeof seps[0]; k++)
		if ((q = memmem(p, ln->len, seps[k], strlen(seps[k]))) != NULL) {
			*seplen = strlen(seps[k]);
			return q;
		}
	return NULL;
}

/* Is line |i| such a line, by the words it shares with |lead|? */
static int
dateline(const struct decoder *dc, const struct bp_topic *lead, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off, *q;
	unsigned h1 = 0, t1 = 0, h2 = 0, t2 = 0;
	size_t n;

	if (ln->words > FIELD_WORDS || (q = dash_parts(dc, ln, &n)) == NULL)
		return 0;
	if (safi_bp_lead_hits(dc, lead, i) < 2)
		return 1;
	safi_bp_topic_count_stems(dc->lx, p, (size_t)(q - p), lead, &h1, &t1, dc->stems);
	q += n;
	safi_bp_topic_count_stems(dc->lx, q, ln->len - (size_t)(q - p), lead, &h2, &t2,
	    dc->stems);
	return (h1 == 0 && t1 > 0) || (h2 == 0 && t2 > 0);
}

/* Is line |i| a field of the article's record: a label of at most three
 * words without digits and a colon and a space before a value that shares
 * no content word with |lead| ("Article from: The Sunday Telegraph")?  A
 * deck that starts with a label ("Update: the council votes ...") names
 * what the article names. */
static int
source_field(const struct decoder *dc, const struct bp_topic *lead, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off, *q = memchr(p, ':', ln->len);
	unsigned hits = 0, total = 0;
	size_t k, spaces = 0;

	if (ln->words > FIELD_WORDS || q == NULL || q + 1 >= p + ln->len || q[1] != ' ')
		return 0;
	for (k = 0; p + k < q; k++) {
		if (p[k] >= '0' && p[k] <= '9')
			return 0;  /* a time of day ("1:44"), no label */
		spaces += p[k] == ' ';
	}
	if (spaces > 2)
		return 0;
	q++;
	safi_bp_topic_count_stems(dc->lx, q, ln->len - (size_t)(q - p), lead, &hits, &total,
	    dc->stems);
	return hits == 0 && total > 0;
}

/*
 * A picture's caption that repeats the article's first sentence, as pages
 * caption the picture over the lead with the lead's own opening: line |i|
 * of LEAD_CAPTION_WORDS words or more, ending no sentence, whose content
 * words are all in the first paragraph from |top| on, a longer one that
 * opens with the same word.  A
 * deck says what the article says in other words, or more than its first
 * sentence.
 */
#define LEAD_CAPTION_WORDS 6

/* lead_caption() below, on the first |len| bytes of line |i|. */
static int
lead_caption_len(const struct decoder *dc, size_t top, size_t i, size_t len)
{
	const struct bp_line *ln = &dc->lines[i];
	struct bp_topic first;
	unsigned hits = 0, total = 0;
	const char *p, *q;
	size_t k, w;

	if (ln->words < LEAD_CAPTION_WORDS || (len == ln->len && (ln->flags & L_TERM)))
		return 0;
	for (k = top; k < dc->nlines && !lead_paragraph(dc, &dc->lines[k]); k++)
		if (dc->lines[k].kind != K_BLANK)
			return 0;
	if (k == dc->nlines || dc->lines[k].words <= ln->words)
		return 0;
	/* the lead opens with the caption's first word */
	p = dc->text + ln->off;
	q = dc->text + dc->lines[k].off;
	for (w = 0; w < len && w < dc->lines[k].len && p[w] == q[w] && p[w] != ' '; w++)
		;
	if (w == 0 || w == len || w == dc->lines[k].len || p[w] != ' ' || q[w] != ' ')
		return 0;
	first.n = 0;
	memset(first.set, 0, sizeof first.set);
	safi_bp_topic_add_stems(dc->lx, dc->text + dc->lines[k].off, dc->lines[k].len, &first,
	    dc->stems);
	safi_bp_topic_count_stems(dc->lx, p, len, &first, &hits, &total, dc->stems);
	return total > 0 && hits == total;
}

static int
lead_caption(const struct decoder *dc, size_t top, size_t i)
{
	return lead_caption_len(dc, top, i, dc->lines[i].len);
}

/* A caption that repeats the lead's opening and names its source after
 * it ("Farmers began the olive harvest on Saturday (Wafa)"): the lead's
 * words before a source in parentheses (see credit_group()).  It is
 * no headline, however much of the lead it shares. */
static int
credited_lead_caption(const struct decoder *dc, size_t top, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t b, e;

	if (!credit_group(dc, ln) ||
	    !safi_bp_end_group(dc->text + ln->off, ln->len, CREDIT_WORDS, &b, &e))
		return 0;
	for (b--; b > 0 && dc->text[ln->off + b - 1] == ' '; b--)
		;
	return lead_caption_len(dc, top, i, b);
}

int
safi_bp_furniture_under_title(const struct decoder *dc, size_t top, size_t i)
{
	struct bp_topic lead;

	if (credit_group(dc, &dc->lines[i]) || lead_caption(dc, top, i))
		return 1;  /* a caption naming its source: a deck names none */
	safi_bp_lead_topic(dc, top, &lead);
	return dateline(dc, &lead, i) || source_field(dc, &lead, i);
}

/*
 * A point of a summary: a line that another heading-like line follows
 * right below, with no blank line between ("Roads closed in the south" over
 * "Rain expected until Friday"), as pages list the points of a story
 * under its headline.  A deck stands alone.
 */
static int
summary_point(const struct decoder *dc, size_t t)
{
	return t + 1 < dc->nlines && dc->lines[t + 1].kind != K_BAD &&
	    safi_bp_heading_like(dc, &dc->lines[t + 1]);
}

/*
 * A caption printed twice, as pages print a picture's caption above the
 * picture and again under it: a line at most CAPTION_REACH lines from
 * line |t| (blank ones not counted) is a copy of it, or |t| with a source
 * in parentheses after it ("Fans outside the stadium (Photo: Sami
 * Haddad)").  A deck is printed once.
 */
#define CAPTION_REACH 2

/* Is line |k| line |t| with a source in parentheses after it? */
static int
credited_copy(const struct decoder *dc, size_t t, size_t k)
{
	const struct bp_line *ln = &dc->lines[t], *c = &dc->lines[k];

	return c->len > ln->len + 2 && memcmp(dc->text + c->off, dc->text + ln->off, ln->len) == 0 &&
	    dc->text[c->off + ln->len] == ' ' && credit_group(dc, c);
}

/* Is line |k| a copy of line |t|, or |t| with a source in parentheses
 * after it? */
static int
caption_copy(const struct decoder *dc, size_t t, size_t k)
{
	return dc->lines[k].first == dc->lines[t].first || credited_copy(dc, t, k);
}

/* Is there a line at most CAPTION_REACH lines above or below line |t|
 * (blank ones not counted) that |same| finds to be a copy of it? */
static int
copied_near(const struct decoder *dc, size_t t,
    int (*same)(const struct decoder *, size_t, size_t))
{
	size_t k, seen;

	for (k = t, seen = 0; k-- > 0 && seen < CAPTION_REACH;) {
		if (dc->lines[k].kind == K_BLANK)
			continue;
		if (same(dc, t, k))
			return 1;
		seen++;
	}
	for (k = t + 1, seen = 0; k < dc->nlines && seen < CAPTION_REACH; k++) {
		if (dc->lines[k].kind == K_BLANK)
			continue;
		if (same(dc, t, k))
			return 1;
		seen++;
	}
	return 0;
}

static int
captioned_twice(const struct decoder *dc, size_t t)
{
	return copied_near(dc, t, caption_copy);
}

/*
 * A caption printed twice, once with its source: a line at most
 * CAPTION_REACH lines from line |t| (blank ones not counted) is |t| with a
 * source in parentheses after it ("Fans outside the stadium" by "Fans
 * outside the stadium (Photo: Sami Haddad)").  A headline is never
 * printed again with a photographer's name after it: such a line is no
 * title, however many of the article's words it holds.
 */
static int
credited_twice(const struct decoder *dc, size_t t)
{
	return copied_near(dc, t, credited_copy);
}

/* Is a line a slide's counter in a gallery, two numbers and a slash
 * ("3 / 12")?  A |strict| one counts from one up to its total, with three
 * digits at most in each number ("11/2021" is a month). */
#define SLIDE_DIGITS 3

static int
slide_counter(const struct decoder *dc, const struct bp_line *ln, int strict)
{
	const char *p = dc->text + ln->off;
	size_t i, slashes = 0, digits[2] = {0, 0};
	unsigned long num[2] = {0, 0};

	for (i = 0; i < ln->len; i++) {
		if (p[i] >= '0' && p[i] <= '9') {
			if (slashes > 1)
				return 0;
			if (++digits[slashes] <= SLIDE_DIGITS)
				num[slashes] = num[slashes] * 10 + (unsigned long)(p[i] - '0');
		} else if (p[i] == '/')
			slashes++;
		else if (p[i] != ' ' && p[i] != '\t')
			return 0;
	}
	if (slashes != 1 || !digits[0] || !digits[1])
		return 0;
	return !strict || (digits[0] <= SLIDE_DIGITS && digits[1] <= SLIDE_DIGITS && num[0] >= 1 &&
	    num[0] <= num[1]);
}

/* Is line |i| the caption of a slide, right under the slide's counter
 * (or under a blank line below a strict one: "1 / 8", the caption)?
 * No title search takes it for the headline. */
static int
slide_caption(const struct decoder *dc, size_t i)
{
	if (i > 0 && dc->lines[i - 1].kind != K_BLANK)
		return slide_counter(dc, &dc->lines[i - 1], 0);
	return i > 1 && dc->lines[i - 2].kind != K_BLANK && slide_counter(dc, &dc->lines[i - 2], 1);
}

/* Is line |i| a headline on top of the longer deck |t| (DECK_MORE words
 * more at least: a link back to the section, "Back to all the harbour
 * news", above a headline is about as long as it): no full stop (a
 * headline may ask a question), a word shared with |lead| (when blank
 * lines stand between them, as many pages set their headline and deck
 * apart, two, or one for a line of APART_WORDS words or more: a headline
 * in quotes or a pun may share one word only, a skip link or a menu row
 * that names a section in the article's words is shorter), and no list
 * item or heading-like line right above it (a list of titles)? */
#define DECK_MORE 3
#define APART_WORDS 6

static int
on_longer_deck(const struct decoder *dc, const struct bp_topic *lead, size_t i, size_t t)
{
	const struct bp_line *ln = &dc->lines[i];

	if (dc->lines[t].words < ln->words + DECK_MORE || safi_bp_full_stop(dc, ln) ||
	    safi_bp_lead_hits(dc, lead, i) < (i + 1 == t || ln->words >= APART_WORDS ? 1u : 2u))
		return 0;
	return i == 0 || (!(dc->lines[i - 1].flags & L_BULLET) &&
	    !safi_bp_heading_like(dc, &dc->lines[i - 1]));
}

static int section_crumb(const struct decoder *dc, size_t i);

/* The headline right above line |t| (blank lines aside), when |t| is its
 * longer deck (see on_longer_deck()): a heading-like line printed once,
 * of three words or more, that is no boilerplate and no section's crumb
 * (see section_crumb()).  Returns its index or SIZE_MAX. */
static size_t
headline_over_deck(const struct decoder *dc, const struct bp_topic *lead, size_t t)
{
	size_t i;

	for (i = t; i-- > 0 && dc->lines[i].kind == K_BLANK;)
		;
	if (i >= t || dc->lines[i].kind == K_BAD || !safi_bp_heading_like(dc, &dc->lines[i]) ||
	    dc->lines[i].first != i || (dc->lines[i].flags & L_REPEATED) ||
	    dc->lines[i].words < 3 || !on_longer_deck(dc, lead, i, t) || section_crumb(dc, i))
		return SIZE_MAX;
	return i;
}

/*
 * An item of a list printed without bullets: a line glued (no blank line
 * between) to a short line above and below it that are no paragraphs, in a
 * block of at most ITEM_BLOCK lines that blank lines set apart, as menus,
 * pros-and-cons boxes and tables of facts print their items.  A headline
 * stands apart from the lines around it, or stands between its section
 * and its stamp (crumb_headline()).  (A page that sets no blank lines
 * between its blocks glues everything: there, no line is an item so.)
 */
#define ITEM_WORDS 8
#define ITEM_BLOCK 16

static int
item_neighbour(const struct bp_line *ln)
{
	return ln->kind != K_BLANK && ln->kind != K_GOOD && ln->words <= ITEM_WORDS;
}

/*
 * Is line |i| a menu's item or a section's name printed again over its
 * headline: a copy of a line whose first copy is an item of a menu (of
 * MENU_COPY_WORDS words at most, glued between two lines of a list's
 * shape, see item_neighbour()), that copy itself or a later one over a
 * line that is no body paragraph ("Premier League" in the menu, and again
 * above "Late goal sends the leaders top")?  It is not a headline printed
 * twice.  A short title printed again as the page's heading, a copy of its
 * entry in the sidebar's list of pages, stands right over the text.
 */
#define MENU_COPY_WORDS 4

static int
section_copy(const struct decoder *dc, size_t i)
{
	size_t f = dc->lines[i].first, j;

	return dc->lines[f].words <= MENU_COPY_WORDS && f > 0 && f + 1 < dc->nlines &&
	    item_neighbour(&dc->lines[f - 1]) && item_neighbour(&dc->lines[f + 1]) &&
	    (f == i || ((j = next_line(dc, i)) < dc->nlines && dc->lines[j].kind != K_GOOD));
}

/* Does line |i| open with a menu's item of the page above it and a dash
 * ("Premier League - Round 18", "Sport | Football"), as a section's
 * crumb names where the story stands?  The item is a line of
 * MENU_COPY_WORDS words at most glued between two lines of a list's shape
 * (see section_copy()), printed word for word before the dash.  A
 * headline that opens with a place and a dash names no menu's item. */
static int
section_crumb(const struct decoder *dc, size_t i)
{
	const char *p = dc->text + dc->lines[i].off, *q;
	size_t n, k;

	if ((q = dash_parts(dc, &dc->lines[i], &n)) == NULL)
		return 0;
	n = (size_t)(q - p);
	for (k = 1; k + 1 < i; k++) {
		const struct bp_line *ln = &dc->lines[k];

		if (ln->len == n && ln->words <= MENU_COPY_WORDS && memcmp(dc->text + ln->off, p, n) == 0 &&
		    item_neighbour(&dc->lines[k - 1]) && item_neighbour(&dc->lines[k + 1]))
			return 1;
	}
	return 0;
}

/* Is line |u| a writer's name heading a block: NAME_WORDS words at most,
 * no digit, colon or sentence end, a blank line (or the page's edge)
 * above it?  An opinion page sets its columnist's name so over the
 * headline. */
#define NAME_WORDS 4

static int
writer_name(const struct decoder *dc, size_t u)
{
	const struct bp_line *ln = &dc->lines[u];

	return ln->kind == K_SHORT && ln->words >= 2 && ln->words <= NAME_WORDS &&
	    !(ln->flags & (L_TERM | L_DIGITS | L_COLON | L_BULLET)) &&
	    (u == 0 || dc->lines[u - 1].kind == K_BLANK);
}

/*
 * A headline glued between its section and its stamp: under a breadcrumb
 * (a row of links), a section's name (of a word or two, or a menu's item
 * printed again, see section_copy()) or a writer's name heading the block
 * (writer_name()), over a date stamp, as blogs and notice boards print a
 * post's head with no blank line inside it.  A news page may set its
 * photo's caption or credit and the byline between the headline and the
 * date: up to CRUMB_BETWEEN such lines, glued, are passed, a byline's
 * field too ("Interview by: Sami Haddad": a label and a name of
 * BYLINE_WORDS words at most, no digit).  An item of a list has items
 * around it, and a dated list repeats its stamp above each title; a line
 * printed before (a menu's item) is left to the search's own rules, but
 * a headline printed again below it is one still: the comments quote it
 * in their heading ("12 thoughts on ..."), the page's foot links it.
 */
#define CRUMB_BETWEEN 2

static int
labelled_name(const struct decoder *dc, const struct bp_line *ln)
{
	size_t from;

	return ln->kind == K_SHORT && ln->words >= 2 && ln->words <= BYLINE_WORDS &&
	    !(ln->flags & (L_TERM | L_DIGITS)) &&
	    safi_bp_label_len(dc->text + ln->off, ln->len, &from) > 0;
}

/* Does line |ln| open with a label and go on past it ("Start: May 2026")? */
static int
labelled(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t from, n = safi_bp_label_len(p, ln->len, &from), e = ln->len;

	while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'))
		e--;
	return n > 0 && from + n < e;
}

/* Is line |ln| a byline's field (see labelled_name()) with a name after
 * its label ("Instructor: Jo Kent", "Photos: Sami Haddad"), not a label
 * alone ("Search:")?  A page sets it between its headline and the body:
 * furniture, as a date is, and no headline of its own. */
static int
name_field(const struct decoder *dc, const struct bp_line *ln)
{
	return labelled_name(dc, ln) && labelled(dc, ln);
}

static int
crumb_headline(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i], *up = &dc->lines[i - 1], *n = &dc->lines[i + 1];
	size_t k;

	if (ln->kind == K_BAD || ln->first != i ||
	    (up->flags & L_BULLET) || !((up->kind == K_BAD && up->reason == R_MENU) ||
	    (up->kind == K_SHORT && up->words <= 2) ||
	    (up->first != i - 1 && section_copy(dc, i - 1)) || writer_name(dc, i - 1)))
		return 0;
	for (k = i + 1; k < i + 1 + CRUMB_BETWEEN && k + 1 < dc->nlines && ((n->kind == K_BAD &&
	    (n->reason == R_PHRASE || n->reason == R_CAPTION || n->reason == R_CREDIT)) ||
	    labelled_name(dc, n)) && !(n->flags & (L_BULLET | L_DATED)); k++)
		n = &dc->lines[k + 1];  /* a caption or a byline over the date */
	return n->kind == K_BAD && ((n->flags & L_DATED) || n->reason == R_DATE);
}

/*
 * Is line |i| the one item of a labelled box: right under a marker ("Related
 * Topics", "Tags", "Filed under") with no blank line between, a blank line
 * (or the page's edge) above the marker and below the line?  A topic row
 * so set between a headline and the body names the article's subjects and
 * shares its words, but it is the marker's list, not the title.  A
 * headline under a comment counter's marker reads over its date or byline
 * (headed()).
 */
static int
label_item(const struct decoder *dc, size_t i)
{
	const struct bp_line *up;

	if (i == 0 || (i + 1 < dc->nlines && dc->lines[i + 1].kind != K_BLANK) ||
	    (i >= 2 && dc->lines[i - 2].kind != K_BLANK))
		return 0;
	up = &dc->lines[i - 1];
	return up->kind == K_BAD && up->reason == R_MARKER && !headed(dc, i);
}

static int
glued_item(const struct decoder *dc, size_t i)
{
	size_t u, d;

	if (i == 0 || i + 1 >= dc->nlines || !item_neighbour(&dc->lines[i - 1]) ||
	    !item_neighbour(&dc->lines[i + 1]) || crumb_headline(dc, i))
		return 0;
	for (u = i; u > 0 && i - u < ITEM_BLOCK && dc->lines[u - 1].kind != K_BLANK; u--)
		;
	for (d = i; d + 1 < dc->nlines && d - u < ITEM_BLOCK && dc->lines[d + 1].kind != K_BLANK;
	    d++)
		;
	return u > 0 && dc->lines[u - 1].kind == K_BLANK && d + 1 < dc->nlines &&
	    dc->lines[d + 1].kind == K_BLANK && d - u < ITEM_BLOCK;
}

/*
 * A data strip: a score board ("Leeds 2 - 1 Hull", "Jo Kent 53'", "Sam
 * Lee 10' (penalty)"), a ticker ("Brent 82.41", "Gold +0.6%"), a weather
 * widget ("Cairo 31°"), set as short lines glued one under the other.  Such
 * a line names what the article names and is no headline.  A line of the
 * strip: DATA_WORDS words at most (a trailing bracket's aside), a digit
 * and no date; two such lines or more glued together, DATA_RUN at most
 * read each way, of which one ends in a figure with its mark (' % ° ’ ′)
 * or with a decimal point.  A plain number ends many a headline ("Top
 * 50", "World Tour 2013"), and a headline that holds a figure ("Prices up
 * 5% in March") glued under a ticker has its date or byline under it (see
 * headed()): such a line is none of the strip.
 */
#define DATA_WORDS 5
#define DATA_RUN 8

static int
digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* The length of the mark after the figure that ends p[0, n) ("53'",
 * "5%", "31°", "12’"), or 0. */
static size_t
figure_mark(const unsigned char *p, size_t n)
{
	size_t m = 0;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n > 0 && (p[n - 1] == '\'' || p[n - 1] == '%'))
		m = 1;
	else if (n >= 2 && p[n - 2] == 0xc2 && p[n - 1] == 0xb0)
		m = 2;
	else if (n >= 3 && p[n - 3] == 0xe2 && p[n - 2] == 0x80 &&
	    (p[n - 1] == 0x99 || p[n - 1] == 0xb2))
		m = 3;
	return m > 0 && n > m && digit(p[n - m - 1]) ? m : 0;
}

/* Is p[0, n) a list of two figures or more parted by commas, each with
 * its mark after DATA_WORDS words at most ("Jo Kent 53', Sam Lee 80'"),
 * as a score board lists a side's scorers on one line? */
static int
figure_list(const unsigned char *p, size_t n)
{
	size_t i, b = 0, parts = 0, words = 0;
	int in_word = 0;

	for (i = 0; i <= n; i++) {
		size_t comma = i == n ? 1 : p[i] == ',' ? 1 :
		    i + 1 < n && p[i] == 0xd8 && p[i + 1] == 0x8c ? 2 : 0;

		if (comma == 0) {
			if (p[i] == ' ' || p[i] == '\t')
				in_word = 0;
			else if (!in_word++)
				words++;
			continue;
		}
		if (words == 0 || words > DATA_WORDS || figure_mark(p + b, i - b) == 0)
			return 0;
		parts++;
		words = 0;
		in_word = 0;
		i += comma - 1;
		b = i + 1;
	}
	return parts >= 2;
}

static int
data_line(const struct decoder *dc, const struct bp_line *ln, int *ends)
{
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t n = ln->len, inner = 0, k;

	if (ln->kind == K_BLANK || !(ln->flags & L_DIGITS) || (ln->flags & L_DATED) ||
	    (ln->kind == K_BAD && ln->reason == R_DATE))
		return 0;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n > 0 && p[n - 1] == ')') {
		/* a trailing bracket's words are not counted */
		for (inner = 1; n > 0 && p[n - 1] != '('; n--)
			inner += p[n - 1] == ' ';
		while (n > 0 && (p[n - 1] == '(' || p[n - 1] == ' '))
			n--;
	}
	if (ln->words > DATA_WORDS + inner && !figure_list(p, n))
		return 0;
	if (figure_mark(p, n) > 0) {
		*ends = 1;
	} else {
		for (k = n; k > 0 && digit(p[k - 1]); k--)
			;
		*ends = k < n && k >= 2 && (p[k - 1] == '.' || p[k - 1] == ',') &&
		    digit(p[k - 2]);
	}
	return 1;
}

static int
data_strip(const struct decoder *dc, size_t i)
{
	size_t u, d;
	int ends = 0, any;

	if (!data_line(dc, &dc->lines[i], &any) || headed(dc, i))
		return 0;
	for (u = i; u > 0 && i - u < DATA_RUN && data_line(dc, &dc->lines[u - 1], &ends); u--)
		any |= ends;
	for (d = i; d + 1 < dc->nlines && d - i < DATA_RUN &&
	    data_line(dc, &dc->lines[d + 1], &ends); d++)
		any |= ends;
	return d > u && any;
}

/*
 * Is line |t| a deck of sentences under the heading-like line |i| above
 * it: DECK_WORDS words or more that end in a full stop, with another
 * sentence end inside (a full stop after a word that is no initial, a
 * blank and no lower-case letter), as a news page's lead set in bold
 * under its headline reads?  A headline is one sentence and ends in no
 * full stop, whatever words it shares with the article.
 */
#define DECK_WORDS 15

static int
deck_of_sentences(const struct decoder *dc, size_t i, size_t t)
{
	const struct bp_line *ln = &dc->lines[t];
	const char *p = dc->text + ln->off;
	size_t k;

	if (dc->lines[i].kind == K_BAD || !safi_bp_heading_like(dc, &dc->lines[i]) ||
	    safi_bp_full_stop(dc, &dc->lines[i]) || glued_item(dc, i) || ln->words < DECK_WORDS ||
	    !safi_bp_full_stop(dc, ln))
		return 0;
	for (k = 1; k + 2 < ln->len; k++)
		if (p[k] == '.' && p[k + 1] == ' ' && p[k + 2] != ' ' &&
		    !(p[k + 2] >= 'a' && p[k + 2] <= 'z') && !(p[k - 1] >= 'A' && p[k - 1] <= 'Z'))
			return 1;
	return 0;
}

/* Is line |i| a caption over its credit: right above it, no blank line
 * between, a short line of boilerplate that names the picture's source
 * under a tag ("Foto: Jan Berg / dpa", "Photo: Reuters")?  A headline
 * stands apart from a picture's credit. */
#define CREDIT_LINE_WORDS 12

static int
over_credit(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln;

	if (i + 1 >= dc->nlines)
		return 0;
	ln = &dc->lines[i + 1];
	return ln->kind == K_BAD && ln->words <= CREDIT_LINE_WORDS &&
	    safi_bp_caption_tag(dc->text + ln->off, ln->len);
}

/* Is line |i| a dateline that names the site by its masthead, the page's
 * first line of MASTHEAD_WORDS words at most ("Basra / Rafidain News",
 * "London: «The Gazette»"): a short line below it that holds the masthead
 * and more words than it, the masthead set apart on both sides by the
 * line's edge or a separator (a dash, slash, bar, colon or guillemet)?  A
 * headline that names the site or its product reads on across its name
 * ("Release notes for Tidewater 3"); one printed twice is no longer than
 * its copy. */
#define MASTHEAD_WORDS 3

/* Is the byte at |p| (of |n| bytes) such a separator, or |n| zero? */
static int
dateline_mark(const char *p, size_t n)
{
	return n == 0 || (*p != '\0' && strchr("/-:|", *p) != NULL) ||
	    (n >= 2 && (unsigned char)p[0] == 0xC2 &&
	    ((unsigned char)p[1] == 0xAB || (unsigned char)p[1] == 0xBB)) ||
	    (n >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94));
}

static int
names_masthead(const struct decoder *dc, size_t m, size_t i)
{
	const struct bp_line *ln = &dc->lines[i], *mh = &dc->lines[m];
	const char *p = dc->text + ln->off, *q;
	size_t b, e;

	if (m >= i || mh->words == 0 || mh->words > MASTHEAD_WORDS || ln->words <= mh->words ||
	    ln->words > BYLINE_WORDS ||
	    (q = memmem(p, ln->len, dc->text + mh->off, mh->len)) == NULL)
		return 0;
	for (b = (size_t)(q - p); b > 0 && p[b - 1] == ' '; b--)
		;
	for (e = (size_t)(q - p) + mh->len; e < ln->len && p[e] == ' '; e++)
		;
	/* The separator before the masthead ends at |b|: back to its lead
	 * byte (a guillemet or a dash takes two or three). */
	while (b > 0 && ((unsigned char)p[b - 1] & 0xC0) == 0x80)
		b--;
	return dateline_mark(p + (b ? b - 1 : 0), b ? ln->len - b + 1 : 0) &&
	    dateline_mark(p + e, ln->len - e);
}

/*
 * Is line |i| a caption that ends in its credit: a sentence, then after
 * its full stop the photographer's name alone, CREDIT_NAME_WORDS words at
 * most, each capitalised, with no mark after it ("A street in the old
 * town. Ana Ruiz")?  A headline ends where its one sentence does.
 */
#define CREDIT_NAME_WORDS 3
#define CREDITED_WORDS 6

static int
credit_tail(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t e = ln->len, k, at = 0;
	unsigned words = 0;

	if (ln->words < CREDITED_WORDS)
		return 0;
	while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t' || p[e - 1] == '\r'))
		e--;
	for (k = e; k-- > 1;)
		if (p[k] == ' ' && p[k - 1] == '.') {
			at = k + 1;
			break;
		}
	/* a word of three letters or more before the full stop: "vs." and
	 * "St." are no sentence ends */
	if (at < 5 || at >= e)
		return 0;
	for (k = at - 5; k < at - 2; k++)
		if (!((p[k] >= 'a' && p[k] <= 'z') || (k == at - 5 && p[k] >= 'A' && p[k] <= 'Z')))
			return 0;
	for (k = at; k < e; k++) {
		if (k == at || p[k - 1] == ' ') {
			/* a capital, ASCII or a two-byte Latin one (U+00C0-U+00DE) */
			if (!((p[k] >= 'A' && p[k] <= 'Z') ||
			    (p[k] == 0xC3 && k + 1 < e && p[k + 1] >= 0x80 && p[k + 1] <= 0x9E)))
				return 0;
			words++;
		}
		if (p[k] == '.' || p[k] == '?' || p[k] == '!' || p[k] == ':' || p[k] == ',' ||
		    (p[k] >= '0' && p[k] <= '9'))
			return 0;
	}
	return words >= 1 && words <= CREDIT_NAME_WORDS;
}

/*
 * The headline over a date stamp, when the title search chose the line
 * right above the body below that stamp: a caption (a picture sits
 * between the byline and the article: "Workers at the plant", "A busy
 * street (illustration)") or a dateline.  A headline comes before its
 * date; a caption under it repeats fewer of the article's words.  Walking
 * up from |t| across furniture and lines that share none of the
 * article's words (a writer's name, the writer's title) or that are a
 * caption or a credit (a picture's caption names what the article
 * names), or, when |t| ends in a source in parentheses (a caption, see
 * credit_group()), that share one word (a deck between the headline and
 * the writer's lines), words compared without the particles Arabic glues
 * to their front ("موسم", "الموسم"; see bare_hits()), DATED_LINES
 * lines at most, the first line that shares two words or more is the
 * headline when a date stands between it and |t|, it is heading-like,
 * ends in no full stop, is longer than |t| and shares more words with
 * |lead|: headline_above() across a writer's lines.  A picture's credit
 * or a byline may stand between |t| and the zone: |t| is a caption over
 * its credit then, and a caption names the people and the place of the
 * article, so it may share more of its words than the headline does.
 * |t| is the standfirst, as there, when it shares a word with |lead| (a
 * dateline naming the place and the writer shares none) and is no
 * caption (and no reporter's title or dateline, see dateline()).
 * The first line that shares two words may be the headline's own deck
 * instead: a prose line of OWN_DECK_WORDS words or more (it may end a
 * sentence) right under a heading-like line, blank lines between or not,
 * that ends in no full stop, is shorter than the deck and longer than |t|
 * and shares two words as well; that line is the headline then, and the
 * deck its standfirst (in *own), whatever |t| is.
 * Returns its index or SIZE_MAX.
 */
#define DATED_LINES 8
#define OWN_DECK_WORDS 5

/* The headline right above the deck |u| (see headline_over_date()), or
 * SIZE_MAX. */
static size_t
deck_headline(const struct decoder *dc, const struct bp_topic *lead, size_t u, size_t t)
{
	const struct bp_line *d = &dc->lines[u], *h;
	size_t k;

	if (d->kind == K_BAD || d->words < OWN_DECK_WORDS || (d->flags & (L_BULLET | L_COLON)))
		return SIZE_MAX;
	for (k = u; k-- > 0 && dc->lines[k].kind == K_BLANK;)
		;
	if (k >= u)
		return SIZE_MAX;
	h = &dc->lines[k];
	if (h->kind == K_BAD || !safi_bp_heading_like(dc, h) || safi_bp_full_stop(dc, h) ||
	    h->words >= d->words || h->words <= dc->lines[t].words || bare_hits(dc, lead, k) < 2)
		return SIZE_MAX;
	return k;
}

/* What stands between line |t| and the zone at |top|: 0 blank lines
 * only (and share-row buttons: a marker of one or two words, "Add a
 * comment"), 1 a picture's credit too (a short line of boilerplate by its
 * phrase, its credit or its caption shape, no date in it: "Photo: AFP",
 * "File photo"), -1 anything else.
 * A line over a credit is a caption, no deck. */
static int
over_picture_credit(const struct decoder *dc, size_t t, size_t top)
{
	size_t u;
	int credited = 0;

	for (u = t + 1; u < top; u++) {
		const struct bp_line *ln = &dc->lines[u];

		if (ln->kind == K_BLANK || (ln->kind == K_BAD && ln->reason == R_MARKER &&
		    ln->words <= 2))
			continue;
		if (credited_copy(dc, u, t)) {
			/* the caption again without its source */
			credited = 1;
			continue;
		}
		if (ln->kind != K_BAD || ln->words > CREDIT_LINE_WORDS || (ln->flags & L_DATED) ||
		    (ln->reason != R_PHRASE && ln->reason != R_CREDIT && ln->reason != R_CAPTION))
			return -1;
		credited = 1;
	}
	return credited;
}

static size_t
headline_over_date(const struct decoder *dc, const struct bp_topic *lead, size_t top,
                   size_t t, size_t *own)
{
	size_t u, k, seen = 0;
	int dated = 0, credited = 0, sourced = credit_group(dc, &dc->lines[t]);
	unsigned hits;

	if ((credited = over_picture_credit(dc, t, top)) < 0)
		return SIZE_MAX;
	for (u = t; u-- > 0 && seen < DATED_LINES;) {
		const struct bp_line *ln = &dc->lines[u];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (ln->kind == K_BAD && ((ln->flags & L_DATED) || ln->reason == R_DATE)) {
			dated = 1;
			continue;
		}
		if (ln->kind == K_BAD && (ln->reason == R_CAPTION || ln->reason == R_CREDIT))
			continue;
		if ((hits = bare_hits(dc, lead, u)) < 2) {
			if (ln->kind == K_BAD || hits == 0 || sourced)
				continue;
			return SIZE_MAX;
		}
		if (dated && ln->kind != K_BAD && safi_bp_heading_like(dc, ln) && !safi_bp_full_stop(dc, ln) &&
		    ln->words > dc->lines[t].words &&
		    (credited || hits > bare_hits(dc, lead, t)))
			return u;
		if (dated && (k = deck_headline(dc, lead, u, t)) != SIZE_MAX) {
			*own = u;
			return k;
		}
		return SIZE_MAX;
	}
	return SIZE_MAX;
}

/*
 * An entry of a table of contents above the article: a run of at most
 * TOC_RUN lines of TOC_WORDS words or fewer, with only blank lines between
 * them, each printed again further down, of which TOC_ENTRIES or more come
 * back below the run in the same order, a body paragraph between one copy
 * and the next, as the headings of the sections they link to
 * ("Eligibility", "How to apply").  The last entry of such a list sits
 * right above the article and shares its words, but is no headline.
 */
#define TOC_ENTRIES 3
#define TOC_WORDS 8
#define TOC_RUN 16

static int
toc_line(const struct bp_line *ln)
{
	return (ln->flags & L_REPEATED) && ln->kind != K_GOOD && ln->words <= TOC_WORDS &&
	    !(ln->flags & (L_TABLE | L_NUMCELL));
}

/* Is line |i| one of the entries of the run of contents lines around
 * it that come back below the run in order? */
static int
contents_entry(const struct decoder *dc, size_t i)
{
	size_t s = i, e = i, j, k, at, n = 1;
	int hit = 0;

	if (!toc_line(&dc->lines[i]))
		return 0;
	for (j = i; j-- > 0 && n <= TOC_RUN &&
	    (dc->lines[j].kind == K_BLANK || toc_line(&dc->lines[j]));)
		if (dc->lines[j].kind != K_BLANK) {
			s = j;
			n++;
		}
	for (j = i + 1; j < dc->nlines && n <= TOC_RUN && (dc->lines[j].kind == K_BLANK ||
	    toc_line(&dc->lines[j])); j++)
		if (dc->lines[j].kind != K_BLANK) {
			e = j;
			n++;
		}
	if (n > TOC_RUN)
		return 0;
	n = 0;
	for (j = s, at = e; j <= e; j++) {
		if (dc->lines[j].kind == K_BLANK ||
		    (k = safi_bp_copy_below(dc, j, at, n > 0)) == SIZE_MAX)
			continue;
		n++;
		hit |= j == i;
		at = k;
	}
	return hit && n >= TOC_ENTRIES;
}

/*
 * The site's name on the page's first line shares its words with the lead
 * of the site's own press release, which names its publisher ("The
 * Observatory for Human Rights issued today ...").  Under it and a menu of
 * MASTHEAD_MENU lines or more that are not heading-like, the nearest
 * heading-like line above the zone that ends in no full stop and shares
 * TITLE_SHARE percent of its content words with the lead, an Arabic word
 * with other particles glued to its front too (see bare_hits()), is the
 * title; TITLE_LINES lines at most.
 * Returns its index, or SIZE_MAX.
 */
#define MASTHEAD_MENU 3

/* A blog's name on the page's first line shares its words with every
 * post's lead ("The Slow Garden" over "my garden"), and a post's title
 * may share none.  Under the name and a menu of MASTHEAD_MENU lines or
 * more that are not heading-like, the nearest heading-like line above the
 * zone that ends in no full stop and stands over a date or a byline
 * (headed()), "Posted on 3 May by Jo", is the title when no line shares
 * the lead's words; TITLE_LINES lines at most.  Returns its index, or
 * SIZE_MAX. */
static size_t
headed_below_masthead(const struct decoder *dc, size_t m, size_t top)
{
	size_t i, seen = 0, menu = 0, c = SIZE_MAX;

	for (i = top; i-- > m + 1 && seen < TITLE_LINES;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (c != SIZE_MAX)
			menu += !safi_bp_heading_like(dc, ln);
		else if (safi_bp_heading_like(dc, ln) && !safi_bp_full_stop(dc, ln) && ln->first == i &&
		    !(ln->flags & L_REPEATED) && headed(dc, i))
			c = i;
	}
	return menu >= MASTHEAD_MENU ? c : SIZE_MAX;
}

static size_t
below_masthead(const struct decoder *dc, const struct bp_topic *lead, size_t m, size_t top)
{
	size_t i, seen = 0, menu = 0, c = SIZE_MAX;
	unsigned hits, total;

	for (i = top; i-- > m + 1 && seen < TITLE_LINES;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (c != SIZE_MAX) {
			menu += !safi_bp_heading_like(dc, ln);
			continue;
		}
		if (!safi_bp_heading_like(dc, ln) || safi_bp_full_stop(dc, ln) || glued_item(dc, i) ||
		    over_credit(dc, i) || credit_tail(dc, i) || contents_entry(dc, i))
			continue;
		hits = total = 0;
		safi_bp_lead_count(dc, lead, i, &hits, &total);
		if (total && bare_hits(dc, lead, i) * 100 >= TITLE_SHARE * total)
			c = ln->first;
	}
	if (c == SIZE_MAX)
		return headed_below_masthead(dc, m, top);
	return menu >= MASTHEAD_MENU ? c : SIZE_MAX;
}

/*
 * The headline over a byline that names the writer and the place ("By our
 * correspondent, Moshi"): a short line the title search chose because it
 * shares a word or two with the article (the place, a particle of a
 * language without a stop-word list).  The next line above it across
 * blank lines and furniture is the headline when it is heading-like, ends
 * in no full stop, shares TITLE_SHARE percent of its words with |lead|, two
 * of them at least, and more than twice as many words as |t| does.  With
 * |bare|, its words are compared without the particles Arabic glues to
 * their front (see bare_hits()): |t| is then a reporter's title that shares
 * none of the article's words ("Rami Halabi - Aleppo" over a body that says
 * "in Aleppo"), the nearest heading-like line with only furniture below it,
 * and a headline that names the article's things in other forms shares
 * fewer of its words by their keys alone.  Returns its index or SIZE_MAX.
 */
static size_t
byline_headline(const struct decoder *dc, const struct bp_topic *lead, size_t t, int bare)
{
	size_t u;
	unsigned hits, total;

	for (u = t; u-- > 0;) {
		const struct bp_line *ln = &dc->lines[u];

		if (ln->kind == K_BLANK || title_furniture(ln))
			continue;
		hits = total = 0;
		safi_bp_lead_count(dc, lead, u, &hits, &total);
		if (bare)
			hits = bare_hits(dc, lead, u);
		if (safi_bp_heading_like(dc, ln) && !safi_bp_full_stop(dc, ln) && !glued_item(dc, u) &&
		    hits * 100 >= TITLE_SHARE * total && hits >= 2 &&
		    hits > 2 * safi_bp_lead_hits(dc, lead, t))
			return ln->first;
		return SIZE_MAX;
	}
	return SIZE_MAX;
}

/*
 * A headline names what its article names in other forms of the same
 * words: an Arabic word glues a clitic and the article to its front and a
 * plural, feminine or possessive ending to its back ("بالبهارات" and
 * "البهار", "المراهقين" and "المراهقة", "الزوجية" and "الزوجان").  When no
 * line above the article shares TITLE_SHARE percent of its words with the
 * lead, or only a dateline stands nearest, the nearest heading-like line
 * of the window that does by the words' light stems (see light_stem()),
 * LIGHT_HITS of them at least, is the headline.  Only there: compared by
 * light stems throughout, a deck or a caption nearer the article would
 * outscore the headline it sums up.
 */
#define LIGHT_HITS 2
#define LIGHT_BUF 512
#define AR_WORD 24          /* letters of a word stemmed; a longer word is not */

/* The code point of the Arabic letter at |p| (two bytes), or 0: a
 * hamza's seat and an alef's madda or hamza fold to the bare letter. */
static unsigned
ar_letter(const unsigned char *p)
{
	unsigned c;

	if ((p[0] != 0xD8 && p[0] != 0xD9) || (p[1] & 0xC0) != 0x80)
		return 0;
	c = (unsigned)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	if (c < 0x621 || c > 0x64A || (c > 0x63A && c < 0x641))
		return 0;
	if (c == 0x622 || c == 0x623 || c == 0x625)
		return 0x627;  /* alef */
	if (c == 0x624 || c == 0x626)
		return 0x621;  /* hamza */
	if (c == 0x649)
		return 0x64A;  /* alef maqsura: ya */
	return c;
}

/* Does w[0, n) end in the two letters |a| |b|? */
static int
ends2(const unsigned *w, size_t n, unsigned a, unsigned b)
{
	return w[n - 2] == a && w[n - 1] == b;
}

/*
 * The light stem of the word w[0, n), in place; returns its length: wa-
 * or fa- off a word of five letters or more, then bi-, ka- or li- before
 * al-, then al- (or lil-), then one ending of two letters (-at, -in, -un,
 * -an, -iya, -ha, -hum, -kum) or of one (ta marbuta, -hu, -ka, -i), each
 * only while three letters or more remain.
 */
static size_t
light_stem(unsigned *w, size_t n)
{
	size_t a = 0;

	if (n >= 5 && (w[0] == 0x648 || w[0] == 0x641))
		a = 1;
	if (n - a >= 5 && (w[a] == 0x628 || w[a] == 0x643 || w[a] == 0x644) &&
	    w[a + 1] == 0x627 && w[a + 2] == 0x644)
		a++;
	if (n - a >= 5 && ((w[a] == 0x627 && w[a + 1] == 0x644) ||
	    (w[a] == 0x644 && w[a + 1] == 0x644)))
		a += 2;
	memmove(w, w + a, (n - a) * sizeof *w);
	n -= a;
	if (n >= 5 && (ends2(w, n, 0x627, 0x62A) || ends2(w, n, 0x64A, 0x646) ||
	    ends2(w, n, 0x648, 0x646) || ends2(w, n, 0x627, 0x646) ||
	    ends2(w, n, 0x64A, 0x629) || ends2(w, n, 0x647, 0x627) ||
	    ends2(w, n, 0x647, 0x645) || ends2(w, n, 0x643, 0x645)))
		n -= 2;
	else if (n >= 4 && (w[n - 1] == 0x629 || w[n - 1] == 0x647 || w[n - 1] == 0x643 ||
	    w[n - 1] == 0x64A))
		n--;
	return n;
}

/* Adds the light stems of line |i| to |tp| (|hits| NULL), or counts its
 * content words and how many of them |tp| holds.  The stems are written
 * out as a line of words and read as one, LIGHT_BUF bytes at a time. */
static void
light_words(const struct decoder *dc, size_t i, struct bp_topic *tp, unsigned *hits,
            unsigned *total)
{
	const unsigned char *p = (const unsigned char *)dc->text + dc->lines[i].off;
	size_t len = dc->lines[i].len, k = 0, n = 0, out = 0, j;
	unsigned w[AR_WORD], c;
	char buf[LIGHT_BUF];

	for (;; k += 2) {
		c = k + 1 < len ? ar_letter(p + k) : 0;
		if (c) {
			if (n < AR_WORD)
				w[n] = c;
			n++;
			continue;
		}
		if (k + 1 < len && p[k] == 0xD9 && p[k + 1] >= 0x8B && p[k + 1] <= 0x92)
			continue;  /* a vowel sign */
		if (n > 0 && n <= AR_WORD) {
			n = light_stem(w, n);
			for (j = 0; j < n; j++) {
				buf[out++] = (char)(0xC0 | w[j] >> 6);
				buf[out++] = (char)(0x80 | (w[j] & 0x3F));
			}
			buf[out++] = ' ';
		}
		n = 0;
		if (k + 1 >= len || out > LIGHT_BUF - 2 * AR_WORD - 1) {
			if (hits)
				safi_bp_topic_count(dc->lx, buf, out, tp, hits, total);
			else
				safi_bp_topic_add(dc->lx, buf, out, tp);
			out = 0;
		}
		if (k + 1 >= len)
			break;
		if (!c && (p[k] & 0xC0) != 0xC0)
			k--;  /* a one-byte character: step one byte on */
	}
}

/* The nearest heading-like line above |top|, TITLE_LINES lines at most,
 * that shares LIGHT_HITS light stems with the lead and TITLE_SHARE percent
 * of its words; line |skip| is none.  Returns its index or SIZE_MAX. */
static size_t
light_headline(const struct decoder *dc, size_t top, size_t skip)
{
	struct bp_topic lead;
	size_t i, u, seen = 0, paras = 0;
	unsigned hits, total;
	int built = 0;

	for (i = top; i-- > 0 && seen < TITLE_LINES;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (i == skip || !safi_bp_heading_like(dc, ln) || safi_bp_full_stop(dc, ln) || glued_item(dc, i) ||
		    label_item(dc, i) || over_credit(dc, i) || credit_tail(dc, i) ||
		    contents_entry(dc, i) || slide_caption(dc, i) || data_strip(dc, i) ||
		    credited_twice(dc, i))
			continue;
		if (!built) {
			lead.n = 0;
			memset(lead.set, 0, sizeof lead.set);
			for (u = top; u < dc->nlines && paras < LEAD_PARAGRAPHS; u++)
				if (lead_paragraph(dc, &dc->lines[u])) {
					paras++;
					light_words(dc, u, &lead, NULL, NULL);
				}
			built = 1;
		}
		hits = total = 0;
		light_words(dc, i, &lead, &hits, &total);
		if (hits >= LIGHT_HITS && hits * 100 >= TITLE_SHARE * total)
			return ln->first;
	}
	return SIZE_MAX;
}

/* Does the zone that starts at |top| start with its own headline: a
 * heading-like line that is no paragraph, ends no sentence and holds no
 * date, glued over prose (a page printed with no blank lines, as news
 * agencies and old portals print theirs, sets the headline right over the
 * lead)?  A line above it that shares one word with the article is then
 * no title: a masthead names the agency ("Shore News Agency - Cona") that
 * the lead's dateline names too ("TARROW, Sept. 8 (Cona) -"). */
static int
zone_headline(const struct decoder *dc, size_t top)
{
	const struct bp_line *ln = &dc->lines[top], *next;

	if (top + 1 >= dc->nlines)
		return 0;
	next = &dc->lines[top + 1];
	return safi_bp_heading_like(dc, ln) && ln->kind != K_GOOD && !(ln->flags & (L_TERM | L_DATED)) &&
	    (next->kind == K_GOOD || (next->kind == K_NEAR && (next->flags & L_TERM)));
}

#define ZONE_HEADLINE_HITS 2

/* Is line |t| under the title the article's deck: no caption naming its
 * source, printed twice or over a picture's credit, no point of a summary
 * and no dateline, sharing a word with the lead? */
static int
deck_line(const struct decoder *dc, const struct bp_topic *lead, size_t t, size_t top)
{
	return !credit_group(dc, &dc->lines[t]) && !summary_point(dc, t) &&
	    !captioned_twice(dc, t) && over_picture_credit(dc, t, top) <= 0 &&
	    safi_bp_lead_hits(dc, lead, t) > 0 && !dateline(dc, lead, t);
}

/* Is line |ln| a picture's caption or credit ("Photo: archive", "Crowds
 * at the gate (Reuters)"), dropped as such or as a short phrase line? */
static int
picture_line(const struct bp_line *ln)
{
	return ln->kind == K_BAD && (ln->reason == R_CAPTION || ln->reason == R_CREDIT ||
	    (ln->reason == R_PHRASE && ln->words <= CREDIT_LINE_WORDS && !(ln->flags & L_DATED)));
}

/* Is a line glued right above or below line |t| a picture's caption or
 * credit?  A deck stands apart from the picture. */
static int
by_picture(const struct decoder *dc, size_t t)
{
	return (t > 0 && picture_line(&dc->lines[t - 1])) ||
	    (t + 1 < dc->nlines && picture_line(&dc->lines[t + 1]));
}

/*
 * A headline over its stamp that names what the article does not: an
 * exhibition's, a place's or a post's name ("The Whisper of Things") set
 * over its dates, and a short field under them (a room, a venue: "Hall 2,
 * Level 1") or a posting line the phrases do not know ("Gepost op 3 juni
 * door Sanne") right above the body.  When the line the search fell back
 * to (|t|) is no body text, shares no word with the lead and is
 * BYLINE_WORDS words at most under STAMP_LINES date stamps at most, or
 * holds a date itself, STAMP_WORDS words at most, sharing one word at most
 * (the date's month), the heading-like line right above the stamps,
 * printed once, with no date and no full stop, is the title, when a line
 * that is no body text stands right above it (a menu, a breadcrumb: the
 * page's first line over a date is the site's name).  Returns its index
 * or |t|.
 */
#define STAMP_LINES 2
#define STAMP_WORDS 8

static size_t
headline_over_stamp(const struct decoder *dc, const struct bp_topic *lead, size_t t)
{
	const struct bp_line *ln = &dc->lines[t];
	size_t u, k, stamps = 0;
	int dated = (ln->flags & L_DATED) != 0;

	if (ln->kind == K_GOOD || ln->words > (dated ? STAMP_WORDS : BYLINE_WORDS) ||
	    safi_bp_lead_hits(dc, lead, t) > (unsigned)dated)
		return t;
	for (u = t; u-- > 0;) {
		ln = &dc->lines[u];
		if (ln->kind == K_BLANK)
			continue;
		/* a date that writes its day with a full stop reads as a
		 * numbered item ("12. Oktober 2024") */
		if (ln->kind == K_BAD && stamps < STAMP_LINES && (ln->reason == R_DATE ||
		    ((ln->flags & L_DATED) && !(ln->flags & L_BULLET)))) {
			stamps++;
			continue;
		}
		break;
	}
	if (u >= t || (stamps == 0 && !dated) || ln->kind == K_BAD || !safi_bp_heading_like(dc, ln) ||
	    safi_bp_full_stop(dc, ln) || ln->first != u || (ln->flags & (L_REPEATED | L_DATED)) ||
	    glued_item(dc, u) || label_item(dc, u))
		return t;
	for (k = u; k-- > 0 && dc->lines[k].kind == K_BLANK;)
		;
	return k < u && dc->lines[k].kind != K_GOOD ? u : t;
}

/*
 * The page's name right under its path: the line glued under a
 * breadcrumb that ends in its text ("Jobs > Engineering > Data
 * Engineer" over "Data Engineer"), printed once, no paragraph or list
 * item, among the TITLE_LINES non-blank lines above the zone at |top|.
 * A site prints a page's fields, buttons and the section headings of a
 * job ad, a leaflet or a listing under its name: the name is the title,
 * before any line the search finds below it (safi_bp_find_title()).
 * Returns its index, or SIZE_MAX.
 */
#define CRUMB_NAME_WORDS 12
#define CRUMB_NAME_HITS 2

static size_t
crumb_named(const struct decoder *dc, size_t top)
{
	size_t u, c, seen = 0;

	for (u = top; u-- > 0 && seen < TITLE_LINES;) {
		const struct bp_line *ln = &dc->lines[u];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (ln->kind == K_GOOD || ln->words < 1 || ln->words > CRUMB_NAME_WORDS ||
		    ln->first != u || (ln->flags & (L_REPEATED | L_BULLET | L_COLON)))
			continue;
		for (c = u; c-- > 0 && dc->lines[c].kind == K_BLANK;)
			;
		if (c < u && dc->lines[c].kind == K_BAD && dc->lines[c].reason == R_MENU &&
		    crumb_ends_in(dc, &dc->lines[c], ln))
			return u;
	}
	return SIZE_MAX;
}

static size_t find_title_above(const struct decoder *dc, size_t top, size_t *deck);

size_t
safi_bp_find_title(const struct decoder *dc, size_t top, size_t *deck)
{
	size_t t = find_title_above(dc, top, deck), u = crumb_named(dc, top), i;
	struct bp_topic lead;

	if (u == SIZE_MAX || (t != SIZE_MAX && t <= u))
		return t;
	/* A headline that shares the article's words is the title, and the
	 * line under the path the name of the site's section ("Home > News
	 * > Local news" over "Local news"). */
	safi_bp_lead_topic(dc, top, &lead);
	if (t != SIZE_MAX && safi_bp_lead_hits(dc, &lead, t) >= CRUMB_NAME_HITS)
		return t;
	/* The heading the search found glued over the body is then the
	 * body's first section heading: it is kept with it. */
	for (i = t; t != SIZE_MAX && *deck == SIZE_MAX && ++i < top &&
	    dc->lines[i].kind == K_BLANK;)
		;
	if (t != SIZE_MAX && t != u && *deck == SIZE_MAX && i == top)
		*deck = t;
	return u;
}

/*
 * A name of SHORT_NAME_WORDS words at most for a title (a product's, a
 * library's function's, a place's: "Brio", "Globbing"), too short to be
 * heading-like: on a page where no heading-like line is the title, the
 * nearest line above the zone at |top|, across HEADLINE_FURNITURE lines of
 * furniture at most (title_furniture(): a price and a rating read as
 * dates), when it is a short line alone between blank lines, printed once,
 * with no bullet, colon, sentence end or menu separator (a menu prints its
 * items in a run, one under another), not in capitals alone (a section's
 * kicker), and the article below names it: a word of it comes back in a
 * line of text below |top|.  The zone must open with a sentence: a zone
 * that opens with its own headline has its title.  Returns its index, or
 * SIZE_MAX.  Reads the lines below |top| once at most.
 */
#define SHORT_NAME_WORDS 2

/* Is line |ln| written in capitals alone ("HEALTH", "NEWS FLASH"): two
 * ASCII letters or more and no small one?  A section's kicker is set so. */
static int
capitals_only(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t k, upper = 0;

	for (k = 0; k < ln->len; k++) {
		if (p[k] >= 'a' && p[k] <= 'z')
			return 0;
		upper += p[k] >= 'A' && p[k] <= 'Z';
	}
	return upper >= 2;
}

static size_t
short_name(const struct decoder *dc, size_t top)
{
	struct bp_topic tp;
	size_t i, k, seen = 0;
	const struct bp_line *ln = NULL;

	/* A headline the zone opens with (no sentence end) is the title's
	 * place: a line above it is a section's name. */
	if (top >= dc->nlines ||
	    (!(dc->lines[top].flags & L_TERM) && !safi_bp_full_stop(dc, &dc->lines[top])))
		return SIZE_MAX;
	for (i = top; i-- > 0;) {
		ln = &dc->lines[i];
		if (ln->kind == K_BLANK)
			continue;
		if (!title_furniture(ln) || ++seen > HEADLINE_FURNITURE)
			break;
	}
	if (i == SIZE_MAX || i == 0 || i + 1 >= top || ln->kind != K_SHORT ||
	    ln->words > SHORT_NAME_WORDS || ln->first != i ||
	    (ln->flags & (L_BULLET | L_COLON | L_TERM | L_SEPARATED | L_REPEATED)) ||
	    dc->lines[i - 1].kind != K_BLANK || dc->lines[i + 1].kind != K_BLANK ||
	    capitals_only(dc, ln))
		return SIZE_MAX;
	memset(&tp, 0, sizeof tp);
	topic_add(dc, &tp, i);
	if (tp.n == 0)
		return SIZE_MAX;
	for (k = top; k < dc->nlines; k++) {
		unsigned hits = 0, total = 0;

		if (dc->lines[k].kind == K_BLANK || dc->lines[k].kind == K_BAD)
			continue;
		topic_count(dc, &tp, k, &hits, &total);
		if (hits > 0)
			return i;
	}
	return SIZE_MAX;
}

/*
 * The headline right over the zone: the line the title search found
 * farther up, a short one (BYLINE_WORDS words at most) that shares a
 * single content word with the article, is a site's name, a tool or a
 * widget that shares it by chance ("Edit this page", "Read more about
 * me", "No credit card required"), when no card of facts opens under it
 * ("Start: May 2026": a headline's); it gives way to the heading-like line
 * the zone opens under, with blank lines only between them, printed once,
 * longer than that line (a greeting, a counter or a button under a
 * headline is not), with no date and no full stop, that closes no share
 * row and is of headline length (OVER_ZONE_WORDS words at most: a deck is
 * longer).  Blogs and shops set their headline so, under the section's
 * name, the date and the comment count.  Returns its index, or SIZE_MAX.
 */
#define OVER_ZONE_WORDS 14

static size_t
over_zone(const struct decoder *dc, const struct bp_topic *lead, size_t t, size_t top)
{
	const struct bp_line *ln;
	size_t i;

	if (safi_bp_lead_hits(dc, lead, t) != 1 || dc->lines[t].words > BYLINE_WORDS)
		return SIZE_MAX;
	/* a headline over its card of facts ("Course code: WC-3341") */
	if ((i = next_line(dc, t)) < top && labelled(dc, &dc->lines[i]))
		return SIZE_MAX;
	for (i = top; i-- > t + 1 && dc->lines[i].kind == K_BLANK;)
		;
	if (i <= t || i >= top)
		return SIZE_MAX;
	ln = &dc->lines[i];
	if (!safi_bp_heading_like(dc, ln) || ln->kind == K_BAD || ln->first != i ||
	    (ln->flags & (L_REPEATED | L_DATED)) || ln->words <= dc->lines[t].words ||
	    ln->words > OVER_ZONE_WORDS || safi_bp_full_stop(dc, ln) ||
	    closes_row(dc, i) || glued_item(dc, i) || label_item(dc, i) || over_credit(dc, i) ||
	    credit_tail(dc, i) || contents_entry(dc, i) || slide_caption(dc, i) ||
	    data_strip(dc, i))
		return SIZE_MAX;
	return i;
}

/*
 * A tabloid's headline over the story's main points: a page may set a few
 * sentences as a bulleted list between the headline and the byline, one
 * point to an item ("  • Mother of two found the frog in a bag of salad"),
 * and the headline, written to be read, may share few words with the lead.
 * Walking up from the zone at |top|, across one line of boilerplate at
 * least and HEADLINE_FURNITURE at most (the byline, the date, a comment
 * counter), a run of POINTS_MIN to POINTS_MAX list items,
 * blank lines between them or not, each of POINTS_WORDS words or more,
 * printed once and no numbered item (a numbered list ranks other stories),
 * is the story's points when POINTS_TOPIC percent of their content words
 * are words of the article's first POINTS_PARAGRAPHS paragraphs and half of
 * the items share one (a menu's items are shorter, other stories'
 * headlines tell of other things); the line right above the run, blank
 * lines aside, is then the title when it is heading-like, of five words or
 * more, printed once, ends in no full stop and shares a content word with
 * the points or the article.  Returns its index, or SIZE_MAX.
 * Cost: the lines between the headline and |top|, read twice at most,
 * and the first paragraphs once, only when the shape is there.
 */
#define POINTS_MIN 2
#define POINTS_MAX 6
#define POINTS_WORDS 6
#define POINTS_TOPIC 20
#define POINTS_PARAGRAPHS 40
#define POINTS_HEADLINE_WORDS 5

static size_t
points_headline(const struct decoder *dc, size_t top)
{
	struct bp_topic tp, pts;
	size_t i, k, last, furniture = 0, n = 0, shared = 0;
	unsigned hits = 0, total = 0, h, w;
	const struct bp_line *ln;

	for (i = top; i-- > 0;) {
		ln = &dc->lines[i];
		if (ln->kind == K_BLANK)
			continue;
		if (ln->flags & L_BULLET)
			break;
		if (ln->kind != K_BAD || ++furniture > HEADLINE_FURNITURE)
			return SIZE_MAX;
	}
	if (i == SIZE_MAX || furniture == 0)
		return SIZE_MAX;
	for (last = i;; i--) {
		ln = &dc->lines[i];
		if (ln->kind != K_BLANK) {
			if (!(ln->flags & L_BULLET))
				break;
			if (ln->kind == K_BAD || ln->words < POINTS_WORDS || ln->first != i ||
			    (ln->flags & L_REPEATED) || safi_bp_number_opening(dc, i, ".)") != 0 ||
			    ++n > POINTS_MAX)
				return SIZE_MAX;
		}
		if (i == 0)
			return SIZE_MAX;
	}
	/* |i| is the line above the run */
	if (n < POINTS_MIN || ln->kind == K_BAD || !safi_bp_heading_like(dc, ln) ||
	    ln->words < POINTS_HEADLINE_WORDS || ln->first != i || (ln->flags & L_REPEATED) ||
	    safi_bp_full_stop(dc, ln))
		return SIZE_MAX;
	safi_bp_paragraphs_topic(dc, top, POINTS_PARAGRAPHS, &tp);
	memset(&pts, 0, sizeof pts);
	for (k = i + 1; k <= last; k++) {
		if (dc->lines[k].kind == K_BLANK)
			continue;
		h = w = 0;
		safi_bp_lead_count(dc, &tp, k, &h, &w);
		hits += h;
		total += w;
		shared += h > 0;
		topic_add(dc, &pts, k);
	}
	if (!total || hits * 100 < POINTS_TOPIC * total || 2 * shared < n)
		return SIZE_MAX;
	h = w = 0;
	topic_count(dc, &pts, i, &h, &w);
	if (h == 0 && safi_bp_lead_hits(dc, &tp, i) == 0)
		return SIZE_MAX;
	return i;
}

/*
 * Headlines that name what the article names beyond its first paragraphs.
 * A headline written to be read (a feature's, a review's) may share few
 * words with the lead, and the title search above compares it with the
 * first LEAD_PARAGRAPHS paragraphs only.  The shape below is read against
 * the article's first WIDE_PARAGRAPHS paragraphs instead, a line that shares
 * WIDE_HITS of its content words or more with them, and TITLE_SHARE
 * percent of them, naming what the article names (see wide_share()).
 */
#define WIDE_HITS 2
#define WIDE_PARAGRAPHS 40

/* Does line |i| share WIDE_HITS content words or more, and TITLE_SHARE
 * percent of them, with |tp|? */
static int
wide_share(const struct decoder *dc, const struct bp_topic *tp, size_t i)
{
	unsigned hits = 0, total = 0;

	safi_bp_lead_count(dc, tp, i, &hits, &total);
	return hits >= WIDE_HITS && hits * 100 >= TITLE_SHARE * total;
}

/*
 * A feature's headline on top of its longer deck: the deck sets the scene
 * the lead opens on ("On a rocky island in the North Atlantic, two
 * brothers keep a job that machines took"), and the headline names what
 * the story comes to ("The Last Lighthouse Keepers"), in words of later
 * paragraphs.  When the line |t| the search chose shares less than
 * TITLE_SHARE percent of its words with the lead |lead|, and no other
 * shape found a headline above it, the heading-like line right above it
 * (blank lines aside), no boilerplate, printed once, of three words or
 * more, DECK_MORE words shorter at least, that ends no sentence and has no
 * list item or heading-like line right above it (a list of titles), is the
 * title when it names what the article names (see wide_share()).  Returns
 * its index, or SIZE_MAX.  Cost: the first paragraphs read once, only
 * when the shape is there.
 */
static size_t
wide_deck_headline(const struct decoder *dc, const struct bp_topic *lead, size_t top, size_t t)
{
	const struct bp_line *ln;
	struct bp_topic tp;
	size_t i;

	for (i = t; i-- > 0 && dc->lines[i].kind == K_BLANK;)
		;
	if (i >= t)
		return SIZE_MAX;
	ln = &dc->lines[i];
	if (ln->kind == K_BAD || !safi_bp_heading_like(dc, ln) || ln->words < 3 ||
	    dc->lines[t].words < 5 || dc->lines[t].words < ln->words + DECK_MORE ||
	    (ln->flags & (L_TERM | L_REPEATED)) || ln->first != i || safi_bp_full_stop(dc, ln) ||
	    (i > 0 && ((dc->lines[i - 1].flags & L_BULLET) ||
	    safi_bp_heading_like(dc, &dc->lines[i - 1]))) ||
	    lead_share(dc, lead, t) >= TITLE_SHARE)
		return SIZE_MAX;
	safi_bp_paragraphs_topic(dc, top, WIDE_PARAGRAPHS, &tp);
	return wide_share(dc, &tp, i) ? i : SIZE_MAX;
}

/* Does line |i| stand where a page sets its headline: right over a date
 * stamp or a byline (headed(), bylined()), across a share row of
 * ROW_LINES buttons at most (row_button()), right over a writer's name
 * set apart (writer_name(): "Jo Kent" over "About the author" or the
 * writer's links), or right under a date stamp of STAMP_WORDS words at
 * most that no other heading-like line stands over (a list of posts,
 * each over its date)? */
static int
headline_place(const struct decoder *dc, size_t i)
{
	size_t j, k, n = 0;

	for (j = i; (k = next_line(dc, j)) < dc->nlines && n < ROW_LINES &&
	    row_button(&dc->lines[k]); j = k)
		n++;
	if (headed(dc, j) || bylined(dc, j) ||
	    ((k = next_line(dc, i)) < dc->nlines && writer_name(dc, k)))
		return 1;
	for (k = i; k-- > 0 && dc->lines[k].kind == K_BLANK;)
		;
	if (k >= i || dc->lines[k].kind != K_BAD || dc->lines[k].words > STAMP_WORDS ||
	    !((dc->lines[k].flags & L_DATED) || dc->lines[k].reason == R_DATE))
		return 0;
	for (j = k; j-- > 0 && dc->lines[j].kind == K_BLANK;)
		;
	return j >= k || !safi_bp_heading_like(dc, &dc->lines[j]);
}

/*
 * A news headline set apart from its article by the page's furniture: a
 * headline written to be read may share few words with the lead, and a
 * byline, a share row, a caption or a list of the story's points may
 * stand between it and the body.  When no line of the window shares
 * TITLE_SHARE percent of its words with the lead |lead|, or the one the
 * search chose for its place alone shares none and stands in no
 * headline's place, the nearest heading-like line above line |from| (the
 * zone's first line |top|, or that one), read as the search reads the
 * window (share rows not counted, a writer's name over the date walked
 * past: byline_once()), is the title when it stands in the headline's
 * place (headline_place()), is no boilerplate, printed once, ends in no
 * full stop, is no list's item nor the last tool of a share row, and
 * names what the article names (wide_share() over its first
 * WIDE_PARAGRAPHS paragraphs from |top| on and the captions between it
 * and |top|: the caption of the story's picture under the headline
 * names what the headline names, where the lead may tell it in other
 * words).  A headline on top of it (headline_over_deck()) makes it the
 * deck, which may end in a full stop.  Returns the title's index, or
 * SIZE_MAX.  Cost: the window read once, the paragraphs once only when
 * the shape is there.
 */
static size_t
stamped_headline(const struct decoder *dc, const struct bp_topic *lead, size_t top, size_t from,
                 size_t *deck)
{
	const struct bp_line *ln = NULL;
	struct bp_topic tp;
	size_t i, j, k, far = 0, rows = 0;

	for (i = from; i-- > 0 && far < TITLE_LINES;) {
		ln = &dc->lines[i];
		if (ln->kind == K_BLANK)
			continue;
		if (!row_furniture(ln) || rows++ >= ROW_LINES)
			far++;
		if (safi_bp_heading_like(dc, ln) && !byline_once(dc, i))
			break;
	}
	if (i == SIZE_MAX || far >= TITLE_LINES || ln->kind == K_BAD || ln->first != i ||
	    (ln->flags & (L_REPEATED | L_DATED)) ||
	    glued_item(dc, i) || label_item(dc, i) || contents_entry(dc, i) || closes_row(dc, i))
		return SIZE_MAX;
	if ((k = headline_over_deck(dc, lead, i)) == SIZE_MAX && safi_bp_full_stop(dc, ln))
		return SIZE_MAX;
	if (!headline_place(dc, i))
		return SIZE_MAX;
	safi_bp_paragraphs_topic(dc, top, WIDE_PARAGRAPHS, &tp);
	for (j = i + 1; j < top; j++)
		if (dc->lines[j].kind == K_BAD && dc->lines[j].reason == R_CAPTION)
			safi_bp_topic_add_stems(dc->lx, dc->text + dc->lines[j].off,
			    dc->lines[j].len, &tp, dc->stems);
	if (!wide_share(dc, &tp, i))
		return SIZE_MAX;
	if (k != SIZE_MAX) {
		*deck = i;
		return k;
	}
	return i;
}

static size_t
find_title_above(const struct decoder *dc, size_t top, size_t *deck)
{
	struct bp_topic lead;
	size_t i, seen = 0, far = 0, rows = 0, near = SIZE_MAX, twice = SIZE_MAX, rel = SIZE_MAX,
	    rel_twice = SIZE_MAX, strong = SIZE_MAX, own = SIZE_MAX, dk = SIZE_MAX, t, m;
	int barred = 0;

	safi_bp_lead_topic(dc, top, &lead);
	for (m = 0; m < top && dc->lines[m].kind == K_BLANK; m++)
		;
	for (i = top; i-- > 0 && far < TITLE_LINES;) {
		const struct bp_line *ln = &dc->lines[i];
		int doubled, bar;

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (!row_furniture(ln) || rows++ >= ROW_LINES)
			far++;
		if (!safi_bp_heading_like(dc, ln) || glued_item(dc, i) || label_item(dc, i) ||
		    over_credit(dc, i) || credit_tail(dc, i) || contents_entry(dc, i) ||
		    names_masthead(dc, m, i) || slide_caption(dc, i) ||
		    credited_lead_caption(dc, top, i) || data_strip(dc, i) ||
		    credited_twice(dc, i) || byline_copy(dc, i))
			continue;
		if (seen > TITLE_LINES) {
			/* Past the window, across share rows: a headline
			 * (no full stop: a lead has one) over its date or
			 * byline that shares the article's words, when no
			 * line nearer does. */
			if (rel == SIZE_MAX && (headed(dc, i) || decked(dc, &lead, i) ||
			    bylined(dc, i)) &&
			    !safi_bp_full_stop(dc, ln) && lead_share(dc, &lead, i) >= TITLE_SHARE)
				rel = ln->first;
			if (rel != SIZE_MAX)
				break;
			continue;
		}
		doubled = (ln->first != i || (ln->flags & L_REPEATED)) && !section_copy(dc, i);
		bar = !doubled && rel_twice == SIZE_MAX && bar_copy(dc, i) && !section_copy(dc, i);
		doubled |= bar;
		/* the nearest line: not a share row's last tool, nor a
		 * byline's field that shares no word with the article */
		if (near == SIZE_MAX && (safi_bp_lead_hits(dc, &lead, i) > 0 ||
		    (!closes_row(dc, i) && !name_field(dc, ln))))
			near = ln->first;
		if (doubled && twice == SIZE_MAX)
			twice = ln->first;
		if (lead_share(dc, &lead, i) < TITLE_SHARE)
			continue;
		if (dk == SIZE_MAX && safi_bp_lead_hits(dc, &lead, i) >= 2 && !safi_bp_full_stop(dc, ln) &&
		    !doubled && decked(dc, &lead, i))
			dk = i;
		if (strong == SIZE_MAX && safi_bp_lead_hits(dc, &lead, i) >= 2 && !safi_bp_full_stop(dc, ln) &&
		    !(ln->words <= BYLINE_WORDS && dateline(dc, &lead, i)))
			strong = ln->first;
		if (rel_twice == SIZE_MAX) {
			if (rel == SIZE_MAX)
				rel = ln->first;
			if (doubled) {
				rel_twice = ln->first;
				barred = bar;
			}
		}
	}
	if (rel == m && rel_twice == SIZE_MAX && (t = below_masthead(dc, &lead, m, top)) != SIZE_MAX)
		rel = t;
	/* A dateline, a byline or a reporter's title ("Aleppo - Sami Haddad",
	 * "Our correspondent in Aleppo") names the place the article names:
	 * a short line that shares one word with it gives way to a headline
	 * above it that shares more.  So does a section's label ("World Cup
	 * 2022") to a headline nearer the article or above it that shares
	 * the article's words by their light stems (see light_headline()). */
	if (rel_twice == SIZE_MAX && rel != SIZE_MAX && strong != SIZE_MAX &&
	    dc->lines[rel].words <= BYLINE_WORDS && (safi_bp_lead_hits(dc, &lead, rel) < 2 ||
	    dateline(dc, &lead, rel)))
		rel = strong;
	else if (rel_twice == SIZE_MAX && rel != SIZE_MAX && strong == SIZE_MAX &&
	    dc->lines[rel].words <= BYLINE_WORDS && safi_bp_lead_hits(dc, &lead, rel) < 2 &&
	    (i = light_headline(dc, top, rel)) != SIZE_MAX)
		rel = i;
	/* A headline over its deck over the byline, above the line the
	 * search found (a picture's caption, a video's title, a box's
	 * heading between the byline and the article): the pair is the
	 * article's, and the line under it furniture that shares the
	 * article's words, unless that line has a deck or a date under it
	 * or is a point of a summary, or the pair's deck is none
	 * (deck_line()). */
	if (rel_twice == SIZE_MAX && rel != SIZE_MAX && dk != SIZE_MAX && dk < rel &&
	    !decked(dc, &lead, rel) && !dated_under(dc, rel) && !summary_point(dc, rel) &&
	    (rel == 0 || dc->lines[rel - 1].kind == K_BLANK || !summary_point(dc, rel - 1))) {
		for (i = dk + 1; i < top && dc->lines[i].kind == K_BLANK; i++)
			;
		if (deck_line(dc, &lead, i, top)) {
			*deck = i;
			return dk;
		}
	}
	if (near != SIZE_MAX && !furniture_only(dc, near, top))
		near = SIZE_MAX;
	t = rel_twice != SIZE_MAX ? rel_twice : rel != SIZE_MAX ? rel :
	    twice != SIZE_MAX ? twice : near;
	if (t == SIZE_MAX) {
		if ((i = points_headline(dc, top)) != SIZE_MAX)
			return i;
		if ((i = dated_headline(dc, top)) != SIZE_MAX)
			return headline_over_stamp(dc, &lead, i);
		/* A headline on top of the longer deck that the light
		 * stems found: the upper line is the title, the deck the
		 * standfirst. */
		if ((t = light_headline(dc, top, SIZE_MAX)) != SIZE_MAX &&
		    (i = headline_over_deck(dc, &lead, t)) != SIZE_MAX) {
			*deck = t;
			t = i;
		}
		if (t == SIZE_MAX)
			t = stamped_headline(dc, &lead, top, top, deck);
		return t != SIZE_MAX ? t : short_name(dc, top);
	}
	if (zone_headline(dc, top) && safi_bp_lead_hits(dc, &lead, t) < ZONE_HEADLINE_HITS)
		return SIZE_MAX;
	if (t == rel && rel_twice == SIZE_MAX && (i = over_zone(dc, &lead, t, top)) != SIZE_MAX)
		return i;
	/* A headline directly above a shorter deck: the upper one is the
	 * title and the deck the standfirst.  A deck sums up the article and
	 * may share more of its words than the headline does: a headline
	 * on top of a longer deck is the title all the same.  A section's
	 * crumb over the headline is none. */
	for (i = t; i-- > 0 && dc->lines[i].kind == K_BLANK;)
		;
	if (!barred && i < t && dc->lines[i].kind != K_BAD && safi_bp_heading_like(dc, &dc->lines[i]) &&
	    (dc->lines[i].first == i || !section_copy(dc, i)) && !section_crumb(dc, i) &&
	    !glued_path(dc, i, t) &&
	    dc->lines[i].words >= 3 && dc->lines[t].words >= 5 &&
	    (2 * lead_share(dc, &lead, i) >= lead_share(dc, &lead, t) ||
	    on_longer_deck(dc, &lead, i, t)))
		t = i;
	else if (i < t && deck_of_sentences(dc, i, t)) {
		*deck = t;
		t = i;
	} else if (barred) {
		/* a headline printed in the title bar too; the line nearer
		 * the lead under it is its deck, or a caption */
		if (rel != SIZE_MAX && rel > t && deck_line(dc, &lead, rel, top) &&
		    !by_picture(dc, rel))
			*deck = rel;
	} else if ((i = headline_above(dc, &lead, t)) != SIZE_MAX ||
	    (i = headline_over_date(dc, &lead, top, t, &own)) != SIZE_MAX) {
		if (own != SIZE_MAX)
			*deck = own;
		else if (deck_line(dc, &lead, t, top))
			*deck = t;
		t = i;
	} else if (t == rel && rel_twice == SIZE_MAX && dc->lines[t].words <= BYLINE_WORDS &&
	    (i = byline_headline(dc, &lead, t, 0)) != SIZE_MAX) {
		t = i;
	} else if (t == near && safi_bp_lead_hits(dc, &lead, t) == 0 && dateline(dc, &lead, t) &&
	    (i = byline_headline(dc, &lead, t, 1)) != SIZE_MAX) {
		t = i;
	} else if (t == near && rel == SIZE_MAX && twice == SIZE_MAX &&
	    dc->lines[t].words <= BYLINE_WORDS && safi_bp_lead_hits(dc, &lead, t) == 0 &&
	    (i = light_headline(dc, top, t)) != SIZE_MAX && i < t) {
		t = i;
	} else if (t == near && rel == SIZE_MAX && twice == SIZE_MAX &&
	    safi_bp_lead_hits(dc, &lead, t) == 0 && !headline_place(dc, t) &&
	    (i = stamped_headline(dc, &lead, top, t, deck)) != SIZE_MAX) {
		t = i;
	} else if (((t == near && rel == SIZE_MAX) || (t == rel && (dc->lines[t].flags & L_DATED))) &&
	    rel_twice == SIZE_MAX && twice == SIZE_MAX &&
	    (i = headline_over_stamp(dc, &lead, t)) != t) {
		t = i;
	} else if ((i = wide_deck_headline(dc, &lead, top, t)) != SIZE_MAX) {
		t = i;
	} else {
		t = crumb_title(dc, t);
	}
	return t;
}

/*
 * A kicker over the headline: a newspaper may set a line that leads into
 * the headline ("In the audit office's yearly report") right over it and
 * the deck right under it, the three printed as one block with no blank
 * line between them.  The line glued over the title |t|, at the block's
 * top (a blank line or the page's start above it), when the title's
 * standfirst is glued under it and no heading-like line under that (a
 * list of other stories' headlines goes on there), is the kicker: a
 * heading-like line that ends in no full stop, is printed once and shares KICKER_HITS content
 * words or more with the article's first paragraphs from |top| on (a
 * section's name or a menu line over a headline does not).  Returns its
 * index, or SIZE_MAX.
 */
#define KICKER_HITS 2

size_t
safi_bp_title_kicker(const struct decoder *dc, size_t t, size_t top)
{
	const struct bp_line *ln;
	struct bp_topic lead;
	size_t k;

	if (t == 0 || t + 1 >= top || dc->lines[t + 1].keep != 1 ||
	    dc->lines[t + 1].reason != R_STANDFIRST ||
	    (t + 2 < dc->nlines && safi_bp_heading_like(dc, &dc->lines[t + 2])))
		return SIZE_MAX;
	k = t - 1;
	ln = &dc->lines[k];
	if (ln->keep || (k > 0 && dc->lines[k - 1].kind != K_BLANK) || !safi_bp_heading_like(dc, ln) ||
	    ln->first != k || (ln->flags & L_REPEATED) || safi_bp_full_stop(dc, ln))
		return SIZE_MAX;
	safi_bp_lead_topic(dc, top, &lead);
	return safi_bp_lead_hits(dc, &lead, k) >= KICKER_HITS ? k : SIZE_MAX;
}

/*
 * The article's start above the zone, across furniture: a page may set a
 * byline, a date, a caption, a credit, a share row or a comment counter
 * between the lead (or a short intro that ends in a colon, "He writes:")
 * and the rest of the article, and the zone then starts below them.
 * Walking up from the zone past such lines (LEAD_FURNITURE of them at
 * most), the first line that is not furniture is the article's lead when
 * it reads as one: prose of LEAD_WORDS words or more that ends a sentence
 * or a colon (or is body text by its own shape) and shares LEAD_SHARE
 * percent of its content words with the first body paragraphs: a teaser
 * of another story or a site's slogan above the article is about
 * something else.  A kept line (a standfirst, a title of body text) ends
 * the walk.  The title the search took below the lead (|title|), when it
 * is no body text, is walked past once: a caption or a scoreboard the
 * search took for the headline ("Betis 2 - 1 Villarreal"), under the
 * byline block that sets the lead apart.  Above it, the lead needs
 * furniture between it and that title (buttons alone are a menu, over
 * which a shop's pitch is no lead), a sentence's end (a teaser cut short
 * ends in "... Read more") and LEAD_PAST_SHARE percent of its
 * words in the body, as a lead over a title must (see keep_lead()), and
 * the caller looks for the headline above the lead.
 * Returns the index of the lead, or SIZE_MAX.
 */
#define LEAD_FURNITURE 16
#define LEAD_WORDS 5
#define LEAD_SHARE 10
#define LEAD_PAST_SHARE 20

/* A line a page sets between the lead and the body: a date, a byline, a
 * caption, a credit, a copyright line, a line recurring across the pages
 * of the site, a share row (list items too) of buttons, a comment counter
 * of one or two words, a line of symbols or a bare address. */
static int
lead_furniture(const struct bp_line *ln)
{
	if (ln->kind == K_SHORT)
		return ln->words <= 2;
	if (ln->kind != K_BAD)
		return 0;
	switch (ln->reason) {
	case R_DATE: case R_PHRASE: case R_CAPTION: case R_CREDIT: case R_COPYRIGHT:
	case R_RECURRING: case R_SYMBOLS: case R_URL:
		return 1;
	case R_MARKER:
		return ln->words <= 2;
	default:
		return (ln->flags & L_COUNTER) != 0;
	}
}

/* A tool of the article's header that the walk reads across: a line of
 * TOOL_WORDS words at most, short of body text (or a menu's), that ends
 * no sentence and shares no content word with the article ("Copy link",
 * "Gift this article", "Listen to the article", "Interview: Jo Kent").
 * Buttons of one or two words do not count against LEAD_FURNITURE, up to
 * ROW_LINES of them: a share row may list a dozen networks. */
#define TOOL_WORDS 4

static int
lead_tool(const struct decoder *dc, const struct bp_topic *lead, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ((ln->kind == K_SHORT && !(ln->flags & L_TERM)) ||
	    (ln->kind == K_BAD && ln->reason == R_MENU)) && ln->words <= TOOL_WORDS &&
	    !(ln->flags & L_BULLET) && safi_bp_lead_hits(dc, lead, i) == 0;
}

size_t
safi_bp_keep_lead_across(struct decoder *dc, size_t top, size_t title, int lang)
{
	struct bp_topic lead;
	size_t i, furniture = 0, buttons = 0, past = SIZE_MAX;

	safi_bp_lead_topic(dc, top, &lead);
	for (i = top; i-- > 0;) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->keep) {
			if (i != title || ln->kind == K_GOOD)
				return SIZE_MAX;
			past = furniture;  /* the furniture walked below it */
			continue;
		}
		if (ln->kind == K_SHORT && ln->words <= 2 && buttons < ROW_LINES) {
			buttons++;
			continue;
		}
		if (lead_furniture(ln) || lead_tool(dc, &lead, i)) {
			if (++furniture > LEAD_FURNITURE)
				return SIZE_MAX;
			continue;
		}
		if ((ln->kind != K_GOOD && ln->kind != K_NEAR) || ln->reason != R_HEAD ||
		    (ln->flags & (L_BULLET | L_SEPARATED)) || ln->words < LEAD_WORDS ||
		    (ln->kind != K_GOOD && !(ln->flags & (L_TERM | L_COLON))) ||
		    (lang >= 0 && ln->stop < dc->o->min_stop) ||
		    (past != SIZE_MAX && (furniture == past || !(ln->flags & L_TERM))) ||
		    lead_share(dc, &lead, i) < (past != SIZE_MAX ? LEAD_PAST_SHARE : LEAD_SHARE))
			return SIZE_MAX;
		ln->keep = 1;
		ln->reason = R_STANDFIRST;
		return i;
	}
	return SIZE_MAX;
}

/*
 * A headline or a deck printed as lines of text hard-wrapped at a fixed
 * width (a press page, a plain-text edition) spans two lines or more, of
 * which the title search keeps one.  The page's wrap width is that of the
 * widest of the zone's first WRAP_ZONE_LINES non-blank lines, no wider
 * than WRAP_WIDTH, when WRAPPED_FULL of them are full (as wide as four
 * fifths of it, ending no sentence, glued to the next line).  A line of
 * the head glued to a kept title or standfirst goes on with it when the
 * upper of the two ends no sentence and is a full line, or is too full to
 * take the lower's first word: the wrap put that word on the next line (a
 * headline may wrap narrower than the body).  Such a line, dropped by its
 * place alone (no menu, no date, no byline by its shape), is kept for the
 * reason of the line it goes on.  The headline is then looked for above
 * the zone, as a run of head lines wrapped as one (below).
 * Cost: WRAP_ZONE_LINES lines of the zone, then the head's lines.
 */
#define WRAP_ZONE_LINES 24
#define WRAPPED_FULL 2
#define HEAD_LONE_LINES 3
#define HEAD_WORDS 5

/* The wrap width of the zone [a, b], or 0 when its text is not wrapped. */
static size_t
zone_wrap_width(const struct decoder *dc, size_t a, size_t b)
{
	size_t i, seen = 0, width = 0, full = 0, c;

	for (i = a; i <= b && i < dc->nlines && seen < WRAP_ZONE_LINES; i++) {
		if (dc->lines[i].kind == K_BLANK)
			continue;
		seen++;
		c = safi_bp_text_chars(dc->text + dc->lines[i].off, dc->lines[i].len);
		if (c > WRAP_WIDTH)
			return 0;
		width = c > width ? c : width;
	}
	for (i = a; i < b && i + 1 < dc->nlines && seen > 0; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen--;
		if ((ln->flags & L_TERM) || dc->lines[i + 1].kind == K_BLANK)
			continue;
		c = safi_bp_text_chars(dc->text + ln->off, ln->len);
		full += 5 * c >= 4 * width;
	}
	return full >= WRAPPED_FULL ? width : 0;
}

/* Does the line's text, past its indent, hold a gap of three spaces: two
 * columns set side by side ("Draft: 12        June 2024"), not prose? */
static int
column_gap(const struct bp_line *ln, const char *text)
{
	const char *p = text + ln->off;
	size_t n = ln->len;

	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	return memmem(p, n, "   ", 3) != NULL;
}

/* Do lines |i| and |i + 1| read as one paragraph wrapped at |width|? */
static int
wrapped_pair(const struct decoder *dc, size_t i, size_t width)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t c = safi_bp_text_chars(dc->text + ln->off, ln->len);

	return ln->kind != K_BLANK && dc->lines[i + 1].kind != K_BLANK &&
	    !column_gap(ln, dc->text) && !column_gap(&dc->lines[i + 1], dc->text) &&
	    !(ln->flags & L_TERM) && (5 * c >= 4 * width || c + 1 +
	    safi_bp_first_word_chars(dc->text + dc->lines[i + 1].off, dc->lines[i + 1].len) > width);
}

/* Is line |i| of the head dropped by its place alone? */
static int
placed_out(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return !ln->keep && ln->kind != K_BAD && ln->kind != K_BLANK && ln->reason == R_HEAD &&
	    !(ln->flags & L_BULLET);
}

/* Is line |i| kept as a title or a standfirst? */
static int
head_kept(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->keep > 0 && (ln->reason == R_TITLE || ln->reason == R_STANDFIRST);
}

void
safi_bp_keep_wrapped_head(struct decoder *dc, size_t top, size_t a, size_t b)
{
	size_t i, j, k, lone, width = zone_wrap_width(dc, a, b);
	int deck;

	if (width == 0)
		return;
	for (i = 0; i < top; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (!head_kept(dc, i))
			continue;
		for (k = i; k > 0 && placed_out(dc, k - 1) && wrapped_pair(dc, k - 1, width); k--) {
			dc->lines[k - 1].keep = 1;
			dc->lines[k - 1].reason = ln->reason;
		}
		for (k = i; k + 1 < top && placed_out(dc, k + 1) && wrapped_pair(dc, k, width);
		    k++) {
			dc->lines[k + 1].keep = 1;
			dc->lines[k + 1].reason = ln->reason;
		}
		i = k;
	}
	/* The headline over them: walking up from the zone past furniture,
	 * kept lines and lone lines of the head (a caption, a byline), the
	 * first run of two lines or more of the head wrapped as one, or a
	 * lone line glued over a kept wrapped block, ending no sentence. */
	for (i = top, lone = 0; i-- > 0;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK || ln->kind == K_BAD || ln->keep > 0)
			continue;
		if (!placed_out(dc, i))
			return;
		for (k = i; k > 0 && placed_out(dc, k - 1) && wrapped_pair(dc, k - 1, width); k--)
			;
		if (k == i && !(i + 2 < top && head_kept(dc, i + 1) && head_kept(dc, i + 2) &&
		    wrapped_pair(dc, i + 1, width))) {
			if (++lone > HEAD_LONE_LINES)
				return;
			continue;
		}
		if (ln->flags & L_TERM)
			return;
		/* A lone line over a kept wrapped block is its headline, the
		 * block its deck. */
		for (j = i + 1; k == i && j < top && head_kept(dc, j); j++)
			dc->lines[j].reason = R_STANDFIRST;
		/* A headline of HEAD_WORDS words or more glued over the run,
		 * ending no sentence, makes the run its deck. */
		deck = k > 0 && placed_out(dc, k - 1) && !(dc->lines[k - 1].flags & L_TERM) &&
		    dc->lines[k - 1].words >= HEAD_WORDS && k < i;
		if (deck) {
			dc->lines[k - 1].keep = 1;
			dc->lines[k - 1].reason = R_TITLE;
		}
		for (; k <= i; k++) {
			dc->lines[k].keep = 1;
			dc->lines[k].reason = deck ? R_STANDFIRST : R_TITLE;
		}
		return;
	}
}
