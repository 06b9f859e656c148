/*
 * boilerplate_posts.c - the strip of furniture between two posts of a
 * thread, after the decoder.
 *
 * A question and its answers, a forum's posts, an issue's comments: each
 * post is body text (and its code), and between two of them the page
 * prints the first post's footer and the next one's header, a strip of
 * short lines ("Share", "Follow", "answered Oct 11, 2021 at 16:11", the
 * poster's name and reputation, "Message par jo » 14 févr. 2022, 22:05",
 * "#2").  The zone runs over the whole thread, and its context keeps such
 * short lines between body text.  A strip between two paragraphs of posts,
 * of STRIP_LINES to STRIP_MOST lines with no paragraph among them, whose first
 * mark (a stamp: a line of STAMP_WORDS words at most with a date or a
 * time; a bare count: "512k", "41"; a button: a phrase of BUTTON_WORDS
 * words at most, "Share") is among its first FOOTER_AT lines, that holds a
 * stamp or a count, and a button, two stamps and a count, or three stamps
 * signed by the poster (see signed_stamp(): an issue's events, "jo added
 * the bug label on Mar 3, 2025"), is dropped as *thread* from its first
 * such mark down to its last:
 * a live page's update headline under its time stays.  The strip under
 * the title or the standfirst is the article's byline and date, and is
 * left as it is.  A longer stretch without a paragraph is no strip between
 * two posts but text the decoder kept in pieces (a book's references,
 * wrapped, with their years and page numbers).
 *
 * Cost: one pass over the lines, each strip's lines read twice.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"

#define STRIP_LINES 2   /* non-blank lines of a strip, at least */
#define STRIP_MOST 30   /* and at most */
#define STAMP_WORDS 10  /* words of a post's stamp, at most */
#define POST_WORDS 5    /* words of a post's sentence or introduction, at least */
#define FOOTER_AT 4     /* the line of the strip its first mark is, at most */
#define BUTTON_WORDS 2  /* words of a button ("Share", "Follow"), at most */
#define SIGNED_STAMPS 3 /* signed stamps that make a strip alone, at least */

/* Is line |i| a kept paragraph of a post: body text, a block of code, a
 * sentence or an introduction of POST_WORDS words or more, or a line
 * longer than a stamp with no date? */
static int
post_line(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];

	if (ln->keep != 1 || ln->reason == R_TITLE || ln->reason == R_STANDFIRST)
		return 0;
	if (ln->kind == K_GOOD || (ln->flags & L_TABLE))
		return 1;
	if (ln->kind == K_NEAR && (ln->flags & (L_TERM | L_COLON)) && ln->words >= POST_WORDS)
		return 1;
	/* A short post of a line ("Same here, the patch fixed it for me
	 * too"), not a comment signed with its date. */
	return ln->words > STAMP_WORDS && !(ln->flags & L_DATED);
}

/* Is line |i| a post's stamp: a short line with a date or a time? */
static int
stamp(const struct bp_line *ln)
{
	return (ln->flags & L_DATED) && ln->words <= STAMP_WORDS;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Is p[0, len) a stamp signed by its poster: a line that opens with a
 * letter (the name, "jo commented on Aug 4, 2026"), no list item nor
 * field (no colon), and ends in a year?  A timeline's entry opens with its
 * date, a record's field names its label ("Entry deadline: 20 July
 * 2026"), and a plan's times ("30 minutes before bed") name no year. */
static int
signed_stamp(const char *p, size_t len, uint32_t flags)
{
	unsigned char c;

	if ((flags & L_BULLET) || len < 6 || memchr(p, ':', len) != NULL)
		return 0;
	c = (unsigned char)p[0];
	if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && c < 0x80)
		return 0;
	/* A year of four digits, no longer number: "..., 2025". */
	if (!(p[len - 4] == '1' && p[len - 3] == '9') && !(p[len - 4] == '2' && p[len - 3] == '0'))
		return 0;
	return is_digit(p[len - 2]) && is_digit(p[len - 1]) && !is_digit(p[len - 5]);
}

/* Does p[0, len) name a year: four digits from 1900 to 2099, no longer
 * number ("Oct 11, 2021 at 16:02", "12.05.2024")? */
static int
year_in(const char *p, size_t len)
{
	size_t k;

	for (k = 0; k + 4 <= len; k++)
		if (((p[k] == '1' && p[k + 1] == '9') || (p[k] == '2' && p[k + 1] == '0')) &&
		    is_digit(p[k + 2]) && is_digit(p[k + 3]) && (k == 0 || !is_digit(p[k - 1])) &&
		    (k + 4 == len || !is_digit(p[k + 4])))
			return 1;
	return 0;
}

/* Is the line a post's button: a phrase of BUTTON_WORDS words at most
 * ("Share", "Follow")? */
static int
button(const struct bp_line *ln)
{
	return BP_SHAPE_KIND(ln) == K_BAD && BP_SHAPE_REASON(ln) == R_PHRASE && ln->words <= BUTTON_WORDS;
}

/* The counts of a strip between two paragraphs of posts. */
struct strip {
	size_t lines;    /* non-blank lines */
	size_t first;    /* its first mark (a stamp, a count or a button) */
	size_t last;     /* its last mark */
	size_t marks;    /* stamps and counts */
	size_t stamps, counts, buttons;
	size_t signed_stamps;  /* stamps signed by the poster, see signed_stamp() */
	size_t years;    /* stamps that name a year, see year_in() */
};

/* Is the strip a post's footer and the next one's header: its first mark
 * among its first FOOTER_AT lines (right under the post), a stamp or a
 * count, and a button, two stamps and a count, or three signed stamps?
 * Returns 2 when it holds a button or the signed stamps, 1 when it holds
 * two stamps and a count alone, else 0. */
static int
post_strip(const struct strip *st)
{
	if (st->lines < STRIP_LINES || st->lines > STRIP_MOST || st->marks == 0 ||
	    st->first == SIZE_MAX)
		return 0;
	if (st->buttons > 0 || st->signed_stamps >= SIGNED_STAMPS)
		return 2;
	return st->stamps >= 2 && st->counts > 0;
}

/* Walk the strips between kept paragraphs of posts; return how many are
 * post strips.  With |drop| set, drop each post strip from its first mark
 * down to its last; but one held up by stamps and a count alone only when
 * the page has |strips| >= 2 post strips or one of its stamps names a
 * year: a thread prints a strip between every two posts, and a post's
 * stamp dates it, while an article's one box of times and numbers (a
 * shop's opening hours and address between two of its paragraphs, an
 * event's start and its price) stands alone and names no year. */
static size_t
scan_post_strips(struct bp_doc *d, int drop, size_t strips)
{
	static const struct strip none = { 0, SIZE_MAX, 0, 0, 0, 0, 0, 0, 0 };
	struct strip st = none;
	size_t i, k, above = SIZE_MAX, found = 0;
	int late = 0;

	for (i = 0; i < d->nlines; i++) {
		const struct bp_line *ln = &d->lines[i];
		int kind;

		if (ln->keep < 0)
			continue;
		if (ln->keep == 1 && (ln->reason == R_TITLE || ln->reason == R_STANDFIRST)) {
			above = SIZE_MAX;
			continue;
		}
		if (!post_line(d, i)) {
			int s = stamp(ln), c = (ln->flags & L_NUMCELL) != 0, b = button(ln);

			st.lines++;
			st.stamps += s;
			st.signed_stamps += s && signed_stamp(d->base + ln->off, ln->len, ln->flags);
			st.years += s && year_in(d->base + ln->off, ln->len);
			st.counts += c;
			st.buttons += b;
			st.marks += s || c;
			if ((s || c || b) && st.first == SIZE_MAX && !late) {
				if (st.lines <= FOOTER_AT)
					st.first = i;
				else
					late = 1;
			}
			if (s || c || b)
				st.last = i;
			continue;
		}
		/* From its first mark down to its last: a line under it is
		 * the next entry's heading (a live page's update under its
		 * time). */
		kind = above != SIZE_MAX ? post_strip(&st) : 0;
		found += kind > 0;
		if (drop && (kind == 2 || (kind == 1 && (strips >= 2 || st.years > 0))))
			for (k = st.first; k <= st.last; k++)
				if (d->lines[k].keep == 1) {
					d->lines[k].keep = 0;
					d->lines[k].reason = R_THREAD;
				}
		above = i;
		st = none;
		late = 0;
	}
	return found;
}

void
safi_bp_drop_post_strips(struct bp_doc *d)
{
	if (!d->ext.have_zone)
		return;
	scan_post_strips(d, 1, scan_post_strips(d, 0, 0));
}

/*
 * A post's title.  A forum prints the thread's title over each reply with
 * a word and a colon before it ("Re: ...", "AW: ...", "رد: ..."), and a
 * page may print the headline again under a label ("Thema: ...").  A kept
 * line that is the kept title with such a prefix (one word of at most
 * REPLY_PREFIX bytes and a colon) is a copy of the title, dropped as
 * *duplicate*.
 *
 * Cost: one pass over the lines; only a line a prefix longer than the
 * title is compared with it.
 */

#define REPLY_PREFIX 12  /* bytes of the prefix's word, at most */

int
safi_bp_reply_title(const char *p, size_t len, const char *t, size_t tlen)
{
	size_t k;

	if (tlen == 0 || len <= tlen || memcmp(p + len - tlen, t, tlen) != 0)
		return 0;
	k = len - tlen;
	while (k > 0 && p[k - 1] == ' ')
		k--;
	if (k < 2 || p[k - 1] != ':')
		return 0;
	k--;
	while (k > 0 && p[k - 1] == ' ')  /* "Re : ..." */
		k--;
	if (k == 0 || k > REPLY_PREFIX || memchr(p, ' ', k) != NULL)
		return 0;
	return 1;
}

void
safi_bp_drop_reply_titles(struct bp_doc *d)
{
	const struct bp_line *tl;
	const char *t;
	size_t i;

	if (d->ext.title >= d->nlines || d->lines[d->ext.title].keep != 1)
		return;
	tl = &d->lines[d->ext.title];
	t = d->base + tl->off;
	for (i = 0; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];

		if (ln->keep == 1 && ln->len > tl->len && ln->len <= tl->len + REPLY_PREFIX + 3 &&
		    safi_bp_reply_title(d->base + ln->off, ln->len, t, tl->len)) {
			ln->keep = 0;
			ln->reason = R_DUPLICATE;
		}
	}
}
