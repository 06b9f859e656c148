/*
 * boilerplate_thread.c - readers' comments below the article, in the
 * decoder.
 *
 * Comments read like body text: paragraphs of prose, sometimes longer
 * than the article, so the body zone runs on through them.  What gives
 * them away is their rhythm: a stamp (a date or a time, or a label such as
 * "Lena says:") every few paragraphs, after the furniture that ends an
 * article.  This stage finds such a thread below the article, at the top
 * of the zone, or as a run of labels, and the decoder drops it and
 * everything after it, as after a "read also" marker.
 *
 * Cost: a walk over the zone's lines counting stamps, and for labels the
 * topic words of a few paragraphs above them.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"

/*
 * Comment threads.  Below an article, readers' comments come as units: a
 * stamp, a line with a date or a time (the commenter's name and the date,
 * "Posted by … at …") or the commenter's label ("Lena says:"), before or
 * after a few paragraphs.  A
 * run of THREAD_STAMPS stamps with paragraphs between them, at most
 * THREAD_GAP lines apart, where the zone above the first scores
 * ARTICLE_SCORE or more, is a thread: it and everything after it go, as
 * after a marker.  Returns the first stamp of the thread, or |end|.
 */

/* Is there furniture among the THREAD_GAP lines above |s|, since the last
 * body paragraph: with |markers| a marker, else a line of its own that is
 * boilerplate by its phrase, menu, marker or copyright shape? */
static int
furniture_above(const struct decoder *dc, size_t s, int markers)
{
	size_t i, seen = 0;

	for (i = s; i-- > 0 && seen < THREAD_GAP;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_GOOD)
			return 0;
		seen++;
		if (markers ? (ln->flags & L_MARKER) && !(ln->flags & L_BULLET) :
		    ln->kind == K_BAD && ln->first == i && !(ln->flags & L_REPEATED) &&
		    !(ln->flags & L_DATED) && (ln->reason == R_PHRASE || ln->reason == R_MENU ||
		    ln->reason == R_MARKER || ln->reason == R_INLINE_MARKER ||
		    ln->reason == R_COPYRIGHT))
			return 1;
	}
	return 0;
}

/* Is the thread that starts at |s| introduced by the furniture that ends
 * an article: a line of its own that is boilerplate by its phrase, menu,
 * marker or copyright shape ("Tweet", "Previous post", "Leave a
 * reply"), among the lines since the last body paragraph?  Forums, whose
 * posts follow each other with nothing but stamps (or the same "Quote"
 * button after each) between them, are not threads below an article. */
static int
introduced(const struct decoder *dc, size_t s)
{
	return furniture_above(dc, s, 0);
}

/*
 * A thread at the top of the zone: when the comments outweigh a short
 * article, the body zone is the thread itself and no article stands above
 * it.  A thread whose first stamp is among the first THREAD_GAP lines of
 * the zone, under a marker at most THREAD_GAP lines above the zone ("44
 * comments", "Comments"), is still a thread: the marker heads it.
 */
static int
thread_at_top(const struct decoder *dc, size_t a, size_t s)
{
	size_t i, top = s < a ? s : a, seen = 0;

	for (i = top; i < s; i++)
		if (dc->lines[i].kind != K_BLANK && ++seen > THREAD_GAP)
			return 0;
	return furniture_above(dc, top, 1);
}

/* Where the search for a thread starts: THREAD_GAP lines above the zone,
 * past no body paragraph, for the first stamp of a thread at its top. */
static size_t
thread_search_top(const struct decoder *dc, size_t a)
{
	size_t i = a, seen = 0;

	while (i > 0 && seen < THREAD_GAP && dc->lines[i - 1].kind != K_GOOD)
		seen += dc->lines[--i].kind != K_BLANK;
	return i;
}

/* Is the first line below stamp |s| the text of a comment: a paragraph,
 * not the headline of a post in a list of posts? */
static int
stamp_over_text(const struct decoder *dc, size_t s)
{
	size_t i;

	for (i = s + 1; i < dc->nlines && dc->lines[i].kind == K_BLANK; i++)
		;
	return i < dc->nlines && (dc->lines[i].kind == K_GOOD ||
	    (dc->lines[i].kind == K_NEAR && (dc->lines[i].flags & L_TERM)));
}

/* Are the stamps from |s| on spread over the zone [.., b], as comments
 * are, and not a few dated headlines above an article: no stretch between
 * two stamps holds half the zone's score from |s| on? */
static int
stamps_spread(const struct decoder *dc, size_t s, size_t b)
{
	long seg = 0, most = 0, total = 0;
	size_t i;

	for (i = s; i <= b && i < dc->nlines; i++) {
		long sc = zone_score(dc, &dc->lines[i]);

		if (stamp(&dc->lines[i]))
			seg = 0;
		if (sc > 0) {
			seg += sc;
			total += sc;
			most = seg > most ? seg : most;
		}
	}
	return 2 * most < total;
}

size_t
safi_bp_find_thread(const struct decoder *dc, size_t a, size_t end)
{
	size_t i, start = end, stamps = 0, gap = 0, paras = 0;
	long above = 0, start_above = 0;

	for (i = a; i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (stamp(ln)) {
			if (stamps > 0 && paras > 0 && gap <= THREAD_GAP) {
				stamps++;
			} else {
				start = i;
				start_above = above;
				stamps = 1;
			}
			if (stamps >= THREAD_STAMPS && start_above >= ARTICLE_SCORE &&
			    introduced(dc, start))
				return start;
			gap = paras = 0;
		} else {
			gap++;
			paras += ln->kind == K_GOOD || ln->kind == K_NEAR;
		}
		above += zone_score(dc, ln);
	}
	return end;
}

/*
 * A thread at the top of the zone (see thread_at_top()): the first run of
 * THREAD_STAMPS stamps, searched for from thread_search_top(), that starts
 * among the first lines of the zone, when most of its stamps stand over
 * the text of a comment and the stamps are spread over the zone.  Returns
 * its first stamp, or |end|.
 */
size_t
safi_bp_find_top_thread(const struct decoder *dc, size_t a, size_t b, size_t end)
{
	size_t i, start = end, stamps = 0, gap = 0, paras = 0, texts = 0, below = 0;
	int top = 0, spread = -1;  /* stamps_spread() of the run, once known */

	for (i = thread_search_top(dc, a); i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		below += i >= a;
		if (stamp(ln)) {
			if (stamps > 0 && paras > 0 && gap <= THREAD_GAP) {
				stamps++;
			} else {
				/* No run that starts further down is at the
				 * top. */
				if (below > THREAD_GAP + 1)
					return end;
				start = i;
				stamps = 1;
				texts = 0;
				top = thread_at_top(dc, a, i);
				spread = -1;
			}
			texts += stamp_over_text(dc, i);
			if (top && stamps >= THREAD_STAMPS && 2 * texts > stamps) {
				if (spread < 0)
					spread = stamps_spread(dc, start, b);
				if (spread)
					return start;
			}
			gap = paras = 0;
		} else {
			gap++;
			paras += ln->kind == K_GOOD || ln->kind == K_NEAR;
		}
	}
	return end;
}

/*
 * Threads whose stamps carry no date, only the commenter's name and a verb
 * ending in a comma ("Lena said,", "سامي قال،").  A label is such a line,
 * of two to LABEL_WORDS words, not a paragraph, a list item, a date or the
 * end of a sentence, standing over the text of a comment.  The software
 * that prints the labels puts the same verb after every name, while
 * greetings ("Hi Ruth,") change their last word; a speaker in the article
 * ("The ferry captain said,") and a wrapped paragraph's fragment ("and
 * then,") use the article's words or stop words only, while a name has a
 * content word and shares none with the body paragraphs above the thread.
 * THREAD_STAMPS labels with the same last word, at most THREAD_GAP lines
 * apart, with text between each two, below an article (the zone above the
 * first scores ARTICLE_SCORE or more), are a thread.  Returns its first
 * label, or |end|.
 */
#define LABEL_WORDS 4

/* Does line |i| end in a comma, Latin or Arabic? */
static int
ends_in_comma(const struct decoder *dc, size_t i)
{
	const unsigned char *p = (const unsigned char *)dc->text + dc->lines[i].off;
	size_t n = dc->lines[i].len;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	return (n >= 1 && p[n - 1] == ',') || (n >= 2 && p[n - 2] == 0xD8 && p[n - 1] == 0x8C);
}

/* Line |i| as a label: the hash of its last word folded (the verb), or 0
 * when it is none.  The bytes before the verb, the name, are |*name|
 * long. */
static uint64_t
comment_label(const struct decoder *dc, size_t i, size_t *name)
{
	const struct bp_line *ln = &dc->lines[i];
	struct bp_scan scan;

	if (ln->kind == K_GOOD || ln->kind == K_NEAR || ln->kind == K_BLANK ||
	    ln->words < 2 || ln->words > LABEL_WORDS ||
	    (ln->flags & (L_TERM | L_BULLET | L_DATED | L_MARKER | L_COUNTER)) ||
	    !ends_in_comma(dc, i) || !stamp_over_text(dc, i))
		return 0;
	safi_bp_scan_line(dc->lx, dc->text + ln->off, ln->len, &scan);
	if (scan.ntok < 2)
		return 0;
	*name = scan.tok_rawend[scan.ntok - 2];
	return scan.tok_hash[scan.ntok - 1] | 1;
}

/* Does the name of label |i|, its first |name| bytes, have content words,
 * none of them in |tp|? */
static int
foreign_name(const struct decoder *dc, const struct bp_topic *tp, size_t i, size_t name)
{
	unsigned hits = 0, total = 0;

	safi_bp_topic_count(dc->lx, dc->text + dc->lines[i].off, name, tp, &hits, &total);
	return total > 0 && hits == 0;
}

/* The content words of the body paragraphs in [a, s), the nearest
 * TOPIC_LINES of them, into |tp|. */
static void
topic_above(const struct decoder *dc, size_t a, size_t s, struct bp_topic *tp)
{
	size_t lines = 0;

	tp->n = 0;
	memset(tp->set, 0, sizeof tp->set);
	while (s-- > a && lines < TOPIC_LINES)
		if (dc->lines[s].kind == K_GOOD) {
			lines++;
			topic_add(dc, tp, s);
		}
}

/* Do the names of the labels |at|[0..n) all have content words, none of
 * them a word of the body paragraphs in [a, at[0])? */
static int
foreign_names(const struct decoder *dc, size_t a, const size_t *at, const size_t *name, size_t n)
{
	struct bp_topic tp;
	size_t k;

	topic_above(dc, a, at[0], &tp);
	for (k = 0; k < n; k++)
		if (!foreign_name(dc, &tp, at[k], name[k]))
			return 0;
	return 1;
}

size_t
safi_bp_find_label_thread(const struct decoder *dc, size_t a, size_t end)
{
	size_t i, at[THREAD_STAMPS], name[THREAD_STAMPS], units = 0, gap = 0, texts = 0;
	uint64_t verb = 0;
	long above = 0;

	for (i = a; i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];
		size_t len = 0;
		uint64_t v;

		if (ln->kind == K_BLANK)
			continue;
		v = comment_label(dc, i, &len);
		if (!v) {
			gap++;
			texts += ln->kind == K_GOOD || ln->kind == K_NEAR ||
			    (ln->kind == K_SHORT && (ln->flags & L_TERM));
			above += zone_score(dc, ln);
			continue;
		}
		if (units > 0 && (v != verb || texts == 0 || gap > THREAD_GAP))
			units = 0;
		if (units > 0 || above >= ARTICLE_SCORE) {
			verb = v;
			at[units] = i;
			name[units++] = len;
		}
		/* The article's words are read once a run is long enough:
		 * reading them is the costly part. */
		if (units == THREAD_STAMPS) {
			if (foreign_names(dc, a, at, name, units))
				return at[0];
			units = 0;
		}
		gap = texts = 0;
		above += zone_score(dc, ln);
	}
	return end;
}
