/*
 * boilerplate_thread.c - readers' comments below the article, in the
 * decoder.
 *
 * Comments read like body text: paragraphs of prose, sometimes longer
 * than the article, so the body zone runs on through them.  What gives
 * them away is their rhythm: a stamp (a date or a time, or a label such as
 * "Lena says:") every few paragraphs, after the furniture that ends an
 * article or with the same tool line ("Reply") in every comment.  This
 * stage finds such a thread below the article, at the top of the zone, as
 * a run of labels or as a run of comments with the same tool line, and the
 * decoder drops it and everything after it, as after a "read also"
 * marker.
 *
 * Cost: a walk over the zone's lines counting stamps, and for labels the
 * topic words of a few paragraphs above them.
 */
/* memmem */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

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
 * two stamps holds half the zone's score from |s| on?  A line |also| says
 * is a stamp (when not NULL) counts as one too. */
int
safi_bp_stamps_spread(const struct decoder *dc, size_t s, size_t b,
                      int (*also)(const struct decoder *, size_t))
{
	long seg = 0, most = 0, total = 0;
	size_t i;

	for (i = s; i <= b && i < dc->nlines; i++) {
		long sc = zone_score(dc, &dc->lines[i]);

		if (stamp(&dc->lines[i]) || (also && also(dc, i)))
			seg = 0;
		if (sc > 0) {
			seg += sc;
			total += sc;
			most = seg > most ? seg : most;
		}
	}
	return 2 * most < total;
}

/* Is line |i| a stamp, or a commenter's signature set off by a dash
 * ("- Lena, Leeds, 14/3/2008 17:02"): a list item dropped as a date, with
 * a time of day (two digits after a colon) in it?  A quoted tweet's source ("—
 * Lena (@lena) June 3, 2024") gives a date without a time. */
static int
stamp_or_signature(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;
	size_t k;

	if (stamp(ln))
		return 1;
	if (ln->kind != K_BAD || ln->reason != R_DATE || !(ln->flags & L_BULLET) || ln->words > 25)
		return 0;
	for (k = 1; k + 2 < ln->len; k++)
		if (p[k] == ':' && p[k - 1] >= '0' && p[k - 1] <= '9' && p[k + 1] >= '0' &&
		    p[k + 1] <= '9' && p[k + 2] >= '0' && p[k + 2] <= '9')
			return 1;
	return 0;
}

/*
 * A thread whose stamps follow their comments ("- Lena, Leeds, 14/3/2008
 * 17:02" under each): the first stamp has the first comment above it, and
 * above that comment, maybe, the page's line asking for more ("Here's what
 * readers have had to say ..."), both read as body paragraphs.  The
 * thread starts at the first of the paragraphs right above its first
 * stamp, at most THREAD_GAP lines of them, when the furniture that ends an
 * article stands above them and the zone above them still scores an
 * article, and when nothing but the comments' text stands between the
 * stamps (a blog's list of posts, each signed so, has its headlines and
 * tool rows between: see safi_bp_find_thread()).  A time of day alone
 * (update_stamp()) signs no comment: a live page stamps each update so,
 * over its paragraph ("21:40" over the news of that minute), and the
 * paragraph above such a stamp is the update before.  Returns that first
 * paragraph, or |s|.
 */
static size_t
signed_start(const struct decoder *dc, size_t s, long above)
{
	size_t i, t = s, seen = 0;

	if (update_stamp(dc, s))
		return s;
	for (i = s; i-- > 0;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind != K_GOOD)
			break;
		if (++seen > THREAD_GAP)
			return s;
		above -= zone_score(dc, ln);
		t = i;
	}
	return t < s && above >= ARTICLE_SCORE && introduced(dc, t) ? t : s;
}

/* Is line |ln| boilerplate by its phrase, menu, marker or copyright
 * shape? */
static int
furniture_shape(const struct bp_line *ln)
{
	return ln->kind == K_BAD && (ln->reason == R_PHRASE || ln->reason == R_MENU ||
	    ln->reason == R_MARKER || ln->reason == R_INLINE_MARKER || ln->reason == R_COPYRIGHT);
}

/*
 * The labels above a thread's run.  A run of labels is judged on
 * THREAD_STAMPS labels in a row, and a run that fails (a commenter named
 * like a word of the article, a run of handles with no full name in it)
 * leaves its labels out of the thread found just below it, although they
 * stand over comments of the same shape.  A chain is the labels linked as
 * a run links them (with the text of a comment between each two, at most
 * THREAD_GAP lines apart), from the first that stands below body text of
 * ARTICLE_SCORE, and a line of furniture between two labels (a "previous
 * post" link, a share row: the furniture that ends an article) breaks it.
 * A thread found by its run starts at the first label of its chain.
 */
struct label_chain {
	size_t first;   /* the chain's first label */
	int anchored;   /* body text of ARTICLE_SCORE above the first label */
	int furnished;  /* furniture since the chain's last label */
};

/* Label |i| joins the chain when |linked| and no furniture stands since
 * the last label, else it starts a new one; |above| is the zone's score
 * above it. */
static void
chain_label(struct label_chain *ch, size_t i, int linked, long above)
{
	if (!linked || ch->furnished) {
		ch->first = i;
		ch->anchored = above >= ARTICLE_SCORE;
	}
	ch->furnished = 0;
}

/* Where a thread whose run starts at label |s| starts: the chain's first
 * label when an article stands above it, else |s|.  A chain that starts
 * higher is a page of comments alone, its first ones read as the
 * article. */
static size_t
chain_start(const struct label_chain *ch, size_t s)
{
	return ch->anchored && ch->first < s ? ch->first : s;
}

/*
 * A run of stamps opened by furniture is no thread when the page is a
 * live one: most of the run's stamps, its first one too, are times of day
 * alone (update_stamp(): "14:40" over an update), and LIVE_CLOCKS such
 * stamps or more stand above the run.  A video's or a picture's box
 * between two updates ("Video", its title, "1 min") is the furniture that
 * opens it there.
 */
#define LIVE_CLOCKS 2

size_t
safi_bp_find_thread(const struct decoder *dc, size_t a, size_t end)
{
	size_t i, start = end, stamps = 0, gap = 0, paras = 0, t;
	long above = 0, start_above = 0;
	size_t clocks = 0, clocks_above = 0;  /* times of day alone, above the run */
	int furnished = 0;  /* furniture between the stamps of the run */
	int opened = 0;     /* furniture above the run's first stamp */

	for (i = a; i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (stamp_or_signature(dc, i)) {
			/* A run that no furniture opens, with furniture
			 * between its stamps (a share row under a "Share
			 * this:" label), starts again at a signed comment
			 * below that furniture. */
			int joins = stamps > 0 && paras > 0 && gap <= THREAD_GAP;
			int again = joins && furnished && !opened &&
			    signed_start(dc, i, above) < i;

			if (joins && !again) {
				stamps++;
			} else {
				start = i;
				start_above = above;
				clocks_above = clocks;
				stamps = 1;
				furnished = 0;
				opened = !again && introduced(dc, i);
			}
			clocks += update_stamp(dc, i);
			if (stamps >= THREAD_STAMPS && start_above >= ARTICLE_SCORE) {
				if (opened && !(clocks_above >= LIVE_CLOCKS && update_stamp(dc, start) &&
				    2 * (clocks - clocks_above) > stamps))
					return start;
				if (!furnished && (t = signed_start(dc, start, start_above)) < start)
					return t;
			}
			gap = paras = 0;
		} else {
			gap++;
			paras += ln->kind == K_GOOD || ln->kind == K_NEAR;
			furnished |= stamps > 0 && furniture_shape(ln);
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
	int top = 0, spread = -1;  /* safi_bp_stamps_spread() of the run, once known */

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
					spread = safi_bp_stamps_spread(dc, start, b, NULL);
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

/* Does line |i| end in a comma, Latin or Arabic ("Hi Ruth,")? */
int
safi_bp_ends_in_comma(const struct decoder *dc, size_t i)
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
	    !safi_bp_ends_in_comma(dc, i) || !stamp_over_text(dc, i))
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

/* Can line |ln| be the text of a comment under a label: a paragraph, or
 * a short sentence ("Great post!")? */
static int
comment_text(const struct bp_line *ln)
{
	return ln->kind == K_GOOD || ln->kind == K_NEAR ||
	    (ln->kind == K_SHORT && (ln->flags & L_TERM));
}

size_t
safi_bp_find_label_thread(const struct decoder *dc, size_t a, size_t end)
{
	size_t i, at[THREAD_STAMPS], name[THREAD_STAMPS], units = 0, gap = 0, texts = 0;
	uint64_t verb = 0, last = 0;  /* the verb of the run, of the last label */
	long above = 0;
	struct label_chain ch = { 0, 0, 0 };

	for (i = a; i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];
		size_t len = 0;
		uint64_t v;

		if (ln->kind == K_BLANK)
			continue;
		v = comment_label(dc, i, &len);
		if (!v) {
			gap++;
			texts += comment_text(ln);
			ch.furnished |= furniture_shape(ln);
			above += zone_score(dc, ln);
			continue;
		}
		chain_label(&ch, i, v == last && texts > 0 && gap <= THREAD_GAP, above);
		last = v;
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
				return chain_start(&ch, at[0]);
			units = 0;
		}
		gap = texts = 0;
		above += zone_score(dc, ln);
	}
	return end;
}

/*
 * Threads whose labels are the commenter's name alone ("Lena Ortiz", a
 * profile address and a name, "@lena"), each over the text of a comment.
 * Such a label has the shape of a subheading, so the shape alone does not
 * tell a thread from an article of short sections.  What does is where
 * the run starts and what its labels say: the first label stands below
 * the end of the article (body text of ARTICLE_SCORE or more above it,
 * and the furniture that ends an article, a share row or a "previous
 * post" link, since the last body paragraph, or else a name that comes
 * back among the run's labels, repeated_name(), below a zone no label
 * signs, zone_signed()); every label is written as
 * a name (name_words()), shares no word with the body paragraphs above
 * the run (a section heading names the article's things) nor with the
 * text below it (a profile names its person again, a commenter does not
 * sign under their own name); and one of them is a full name or an
 * address.  THREAD_STAMPS such labels, each over text and at most
 * THREAD_GAP lines after the one before, are a thread.  Returns its first
 * label, or |end|.
 *
 * Cost: cheap tests of kind and flags on every line of the zone; the
 * line's words are read again only for a short line over a paragraph.
 */

/* Is the word at p[i..e) a profile address ("http://…", "www.…")? */
static int
address_word(const char *p, size_t i, size_t e)
{
	return (e - i >= 4 && memcmp(p + i, "www.", 4) == 0) ||
	    memmem(p + i, e - i, "://", 3) != NULL;
}

/* The stop-word bits of the tokens of |scan| that start in p[k..e). */
static uint32_t
stop_bits(const struct bp_scan *scan, size_t k, size_t e)
{
	uint32_t bits = 0;
	unsigned t;

	for (t = 0; t < scan->ntok; t++)
		if (scan->tok_raw[t] >= k && scan->tok_raw[t] < e)
			bits |= scan->tok_flags[t] & W_LANGS;
	return bits;
}

/*
 * Line |i| as a name: after a profile address, at most LABEL_WORDS words
 * that each start with a capital or a letter without case ("Lena Ortiz",
 * "سامي"), or a single word, a handle ("lena_o", "@lena"); no stop word
 * of any language but a capitalised one ("Ella"), no word that starts
 * with a digit, no end of a sentence but an initial ("Lena O.").
 * Subheadings in sentence case ("Multiple setbacks") and titles with
 * "and" or "of" are not names.  Returns the words of the name, 2 for any
 * name after an address, or 0 when it is none.
 */
static size_t
name_words(const struct decoder *dc, size_t i)
{
	const char *p = dc->text + dc->lines[i].off;
	size_t len = dc->lines[i].len, k = 0, e, n, words = 0, lower = 0, last = 0;
	int address = 0, scanned = 0;
	struct bp_scan scan;

	/* The line is scanned for stop words only at its first word
	 * without a capital: most lines fail before. */
	while (k < len) {
		int32_t cp;

		while (k < len && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
			k++;
		if (k == len)
			break;
		for (e = k; e < len && p[e] != ' ' && p[e] != '\t' && p[e] != '\r'; e++)
			;
		if (address_word(p, k, e)) {
			address = 1;
		} else if (p[k] == '@') {
			words++;  /* a handle: "@lena" */
			last = 0;
		} else {
			utf8proc_category_t cat;

			cp = safi_bp_next_cp(p, k, len, &n);
			cat = cp >= 0 ? utf8proc_category(cp) : UTF8PROC_CATEGORY_CN;
			if (cp >= '0' && cp <= '9')
				return 0;  /* a count, an age, a rank */
			/* "of", "und", "في": a phrase.  A capital makes a
			 * name of a stop word of some language ("Ella"). */
			if (words >= LABEL_WORDS ||
			    (words > 0 && (lower > 0 || cat == UTF8PROC_CATEGORY_LL)))
				return 0;  /* too long, or a phrase in sentence case */
			if (cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LT) {
				if (!scanned)
					safi_bp_scan_line(dc->lx, p, len, &scan);
				scanned = 1;
				if (stop_bits(&scan, k, e))
					return 0;
			}
			lower += cat == UTF8PROC_CATEGORY_LL;
			words++;
			last = e - k - n;  /* the bytes after its first letter */
		}
		k = e;
	}
	if (words == 0 || words > LABEL_WORDS || (lower > 0 && words > 1) ||
	    ((dc->lines[i].flags & L_TERM) && !(last == 1 && p[len - 1] == '.')))
		return 0;
	return address && words < 2 ? 2 : words;
}

/* Could line |i| be a name label by its kind and flags: a short line of
 * its own, not a paragraph, a list item, a date, a marker or a line
 * ending in a colon or a comma, over the text of a comment?  Whether it
 * is written as a name is name_words(). */
static int
label_line(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind != K_GOOD && ln->kind != K_NEAR && ln->kind != K_BLANK &&
	    ln->words <= 3 * LABEL_WORDS &&
	    !(ln->flags & (L_BULLET | L_DATED | L_MARKER | L_COUNTER | L_COLON)) &&
	    !safi_bp_ends_in_comma(dc, i) && stamp_over_text(dc, i);
}

/* Where the name of label |i| starts: after the profile addresses that
 * open it, whose host and path words are no name. */
static size_t
name_start(const struct decoder *dc, size_t i)
{
	const char *p = dc->text + dc->lines[i].off;
	size_t len = dc->lines[i].len, k = 0, e;

	for (;;) {
		while (k < len && (p[k] == ' ' || p[k] == '\t'))
			k++;
		for (e = k; e < len && p[e] != ' ' && p[e] != '\t'; e++)
			;
		if (k == len || !address_word(p, k, e))
			return k;
		k = e;
	}
}

/* Does label |i| share a word with the lines below it up to the next
 * non-blank line after its text, |next|?  A commenter does not sign the
 * text with the name above it; an author's box ("Lena Ortiz" over "Lena
 * Ortiz writes about …") and a section under its subheading often do. */
static int
label_in_text(const struct decoder *dc, size_t i, size_t next)
{
	struct bp_topic tp;
	unsigned hits = 0, total = 0;
	size_t k, name = name_start(dc, i);

	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	safi_bp_topic_add(dc->lx, dc->text + dc->lines[i].off + name, dc->lines[i].len - name, &tp);
	for (k = i + 1; k < next && hits == 0; k++)
		if (dc->lines[k].kind != K_BLANK)
			topic_count(dc, &tp, k, &hits, &total);
	return hits > 0;
}

/* Do the labels |at|[0..n) share no word with the body paragraphs in
 * [a, at[0]), nor each with the text below it (up to |at|[k + 1], or
 * |last|)? */
static int
foreign_labels(const struct decoder *dc, size_t a, const size_t *at, size_t n, size_t last)
{
	struct bp_topic tp;
	unsigned hits, total;
	size_t k;

	topic_above(dc, a, at[0], &tp);
	for (k = 0; k < n; k++) {
		size_t name = name_start(dc, at[k]);

		hits = total = 0;
		safi_bp_topic_count(dc->lx, dc->text + dc->lines[at[k]].off + name,
		    dc->lines[at[k]].len - name, &tp, &hits, &total);
		if (hits > 0 || label_in_text(dc, at[k], k + 1 < n ? at[k + 1] : last))
			return 0;
	}
	return 1;
}

/* Does a name come back among the labels |at|[0..n), among others?  A
 * commenter who answers a reply, or the article's writer answering
 * theirs, signs under the same name twice between other names; the
 * subheadings of an article do not come back, and a line that comes
 * back under every paragraph ("Advertisement") names no one.  A line
 * dropped for its own shape (a photo credit, a rule of dashes) is no
 * name that comes back, but for a profile's address, and the cells of
 * a table's rows come back by the table's nature. */
static int
repeated_name(const struct decoder *dc, const size_t *at, size_t n)
{
	size_t j, k;
	int again = 0, other = 0;

	for (j = 0; j < n; j++)
		if (dc->lines[at[j]].flags & L_TABLE)
			return 0;
	for (j = 0; j < n; j++) {
		const struct bp_line *ln = &dc->lines[at[j]];

		for (k = j + 1; k < n; k++)
			if (ln->first != dc->lines[at[k]].first)
				other = 1;
			else if (ln->kind != K_BAD || ln->reason == R_URL)
				again = 1;
	}
	return again && other;
}

/* Can a run of labels that starts at line |i| hold a name that comes
 * back (repeated_name()): does a short line that is not body text stand
 * in (i, end), at most AGAIN_SPAN lines below |i|, as a copy of a line at
 * or below |i|?  The labels of a run of THREAD_STAMPS stand at most that
 * far apart.  The words of a line that no furniture introduces are read
 * only then: they are the costly part. */
#define AGAIN_SPAN ((THREAD_STAMPS - 1) * 2 * (THREAD_GAP + 1) + 2)

static int
name_again_near(const struct decoder *dc, size_t i, size_t end)
{
	size_t j;

	for (j = i + 1; j < end && j <= i + AGAIN_SPAN; j++) {
		const struct bp_line *ln = &dc->lines[j];

		if (ln->first >= i && ln->first < j && ln->kind != K_BLANK &&
		    ln->words <= LABEL_WORDS && (ln->kind != K_BAD || ln->reason == R_URL))
			return 1;
	}
	return 0;
}

/* Is the body zone that starts at |a| signed as a comment: its nearest
 * line above a label with a full name or an address?  On a page of
 * comments alone, the first comment reads as the article. */
static int
zone_signed(const struct decoder *dc, size_t a)
{
	while (a > 0 && dc->lines[a - 1].kind == K_BLANK)
		a--;
	return a > 0 && label_line(dc, a - 1) && name_words(dc, a - 1) >= 2;
}

/* The end of the text below label |i|: its first paragraph's next
 * line, or |end|. */
static size_t
text_end(const struct decoder *dc, size_t i, size_t end)
{
	for (i++; i < end && dc->lines[i].kind == K_BLANK; i++)
		;
	return i < end ? i + 1 : end;
}

size_t
safi_bp_find_name_thread(const struct decoder *dc, size_t a, size_t end)
{
	size_t i, k, at[THREAD_STAMPS], words[THREAD_STAMPS], units = 0, gap = 0, texts = 0;
	long above = 0;
	int opened = 0, last = 0;  /* the run's first label is introduced; a label is above */
	struct label_chain ch = { 0, 0, 0 };

	for (i = a; i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];
		size_t n;
		int opens, again = 0;

		if (ln->kind == K_BLANK)
			continue;
		/* The words of a line are read again only for a line of a
		 * label's shape that can start or go on with a run: below an
		 * article, where the furniture that ends one introduces it
		 * or a name may come back. */
		n = 0;
		opens = 0;
		if ((units > 0 || above >= ARTICLE_SCORE) && label_line(dc, i)) {
			opens = (units == 0 || !opened) && above >= ARTICLE_SCORE &&
			    introduced(dc, i);
			again = units == 0 && !opens && name_again_near(dc, i, end);
			if (units > 0 || opens || again)
				n = name_words(dc, i);
		}
		if (!n) {
			gap++;
			texts += comment_text(ln);
			ch.furnished |= furniture_shape(ln);
			above += zone_score(dc, ln);
			continue;
		}
		chain_label(&ch, i, last && texts > 0 && gap <= THREAD_GAP, above);
		last = 1;
		/* A run starts again at a label the furniture that ends an
		 * article introduces. */
		if (units > 0 && (texts == 0 || gap > THREAD_GAP || (opens && !opened)))
			units = 0;
		if (units > 0 || opens || (again && above >= ARTICLE_SCORE)) {
			opened = units == 0 ? opens : opened;
			words[units] = n;
			at[units++] = i;
		}
		/* Words shared with the article are read once the run is
		 * long enough; a run of one-word labels may be a list of
		 * terms under their definitions ("Ownership", "Flexibility"):
		 * a full name ("Lena Ortiz") or an address tells people.  A
		 * run no furniture opens goes on past a run that fails, by
		 * a label at a time, for the name that comes back. */
		if (units == THREAD_STAMPS) {
			size_t full = 0;

			for (k = 0; k < units; k++)
				full += words[k] >= 2;
			if (full > 0 && (opened || (ch.anchored && repeated_name(dc, at, units) &&
			    !zone_signed(dc, a))) &&
			    foreign_labels(dc, a, at, units, text_end(dc, i, end)))
				return chain_start(&ch, at[0]);
			units = 0;
			if (!opened) {
				for (k = 1; k < THREAD_STAMPS; k++) {
					at[units] = at[k];
					words[units++] = words[k];
				}
			}
		}
		gap = texts = 0;
		above += zone_score(dc, ln);
	}
	return end;
}

/*
 * Threads whose comments carry the same tool line.  Comment software
 * prints every comment with the same short line of its own, a button row
 * or a vote count ("Reply", "Reply · Report", "12 votes"), where an
 * article has none: the line comes back between each two stamps of the
 * thread, so the thread needs no furniture above it.  A run of stamps,
 * each at most 3 * THREAD_GAP lines after the one before with the text of
 * a comment between, is a thread when THREAD_STAMPS stretches between its
 * stamps in a row hold a tool line (tool_line()) each, of the shape of
 * one in the stretch before it (a copy, but for its digits) and text of
 * its own (fresh_text()): four stamps at least, and
 *   - no body text of ARTICLE_SCORE stands between the first copy of
 *     that line and the run: an article that holds the line
 *     ("Advertisement" between its paragraphs) does not end where the run
 *     starts;
 *   - body text of ARTICLE_SCORE or more stands above the first stamp of
 *     the page written as the run's stamps are, and none between that
 *     stamp and the run (article_above()): a forum stamps its first post,
 *     the one that reads as an article, as it stamps the replies, and a
 *     blog's list of posts signs each post, the first one too; body text
 *     above a long strip of furniture over the run (a forum's welcome
 *     note over its menus and the thread's title) is no article;
 *   - the run reaches the zone that starts at |a|.  It may start above the
 *     zone, when the comments outweigh a short article and the zone is
 *     the thread itself;
 *   - not each of the stamps the run is judged on tells a time of day
 *     alone (clock_alone(): "16:42", "Posted at 16:42"): a live page sets
 *     its date once over its updates and closes each with its time and a
 *     share row, where comments, written over days, carry a date or their
 *     writer's name.
 * Returns the first stamp of the thread, or |end|.
 *
 * Cost: a test of kind and flags on every line of the page; the lines
 * between stamps are compared only inside a run of stamps, and the page
 * above it is read again only for a run long enough.
 */

/* Does stamp |i| tell a time of day alone: a time by itself
 * (update_stamp(): "16:42"), or after the phrase that names it, in
 * CLOCK_WORDS words at most with no digit but the time's three or four
 * ("Posted at 16:42", "Updated 4.31pm")?  A writer's name or a date makes a stamp a comment's
 * ("Posted by Lena at 16:42"). */
#define CLOCK_WORDS 4
#define CLOCK_DIGITS 4

static int
clock_alone(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;
	size_t k, digits = 0;

	if (update_stamp(dc, i))
		return 1;
	if (ln->kind != K_BAD || ln->reason != R_PHRASE || ln->words > CLOCK_WORDS ||
	    !clock_mark(p, ln->len))
		return 0;
	for (k = 0; k < ln->len; k++)
		digits += p[k] >= '0' && p[k] <= '9';
	return digits >= CLOCK_DIGITS - 1 && digits <= CLOCK_DIGITS;
}

/* Can line |i| be a comment's tool line: a line of its own of at most
 * eight words ("Log in or register to post comments") that is not body
 * text nor a stamp? */
static int
tool_line(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind != K_GOOD && ln->kind != K_BLANK && ln->words <= 2 * LABEL_WORDS &&
	    !stamp(ln);
}

/* The shape of line |i| as a tool line: its fingerprint, or for a line
 * with digits a hash of its bytes without them, Latin or Arabic-Indic, so
 * that the counts in "12 votes" and "3 votes" do not tell two copies
 * apart. */
static uint64_t
tool_shape(const struct decoder *dc, size_t i)
{
	const unsigned char *p = (const unsigned char *)dc->text + dc->lines[i].off;
	size_t k, n = dc->lines[i].len;
	uint64_t h = BP_SEQ_SEED;

	if (!(dc->lines[i].flags & L_DIGITS))
		return dc->lines[i].fp;
	for (k = 0; k < n; k++) {
		/* U+0660-U+0669 are D9 A0-A9, U+06F0-U+06F9 are DB B0-B9. */
		if (p[k] >= '0' && p[k] <= '9')
			continue;
		if (k + 1 < n && ((p[k] == 0xD9 && p[k + 1] >= 0xA0 && p[k + 1] <= 0xA9) ||
		    (p[k] == 0xDB && p[k + 1] >= 0xB0 && p[k + 1] <= 0xB9))) {
			k++;
			continue;
		}
		h = safi_bp_seq_step(h, p[k]);
	}
	return h;
}

/* The first copy of a tool line that stands both in (p0, p1) and in
 * (p1, p2) by its shape, the earliest such, or SIZE_MAX when none
 * does. */
static size_t
shared_tool(const struct decoder *dc, size_t p0, size_t p1, size_t p2)
{
	size_t j, k, best = SIZE_MAX;

	for (j = p0 + 1; j < p1; j++) {
		uint64_t h;

		if (!tool_line(dc, j))
			continue;
		h = tool_shape(dc, j);
		for (k = p1 + 1; k < p2; k++)
			if (tool_line(dc, k) && tool_shape(dc, k) == h) {
				best = dc->lines[j].first < best ? dc->lines[j].first : best;
				break;
			}
	}
	return best;
}

/* Does (p1, p2) hold the text of a comment of its own: a line that can
 * be the text of a comment with no line of its shape in (p0, p1)?  The
 * comments of a thread change from stamp to stamp; the steps of a plan
 * under its days ("Day 2: Tuesday", "Walk for 6 minutes") come back with
 * other numbers. */
static int
fresh_text(const struct decoder *dc, size_t p0, size_t p1, size_t p2)
{
	size_t j, k;

	for (k = p1 + 1; k < p2; k++) {
		uint64_t h;

		if (!comment_text(&dc->lines[k]))
			continue;
		h = tool_shape(dc, k);
		for (j = p0 + 1; j < p1; j++)
			if (dc->lines[j].kind != K_BLANK && tool_shape(dc, j) == h)
				break;
		if (j == p1)
			return 1;
	}
	return 0;
}

/* Does body text of ARTICLE_SCORE or more stand in [i, s)? */
static int
body_between(const struct decoder *dc, size_t i, size_t s)
{
	long sc = 0;

	for (; i < s && sc < ARTICLE_SCORE; i++)
		if (dc->lines[i].kind == K_GOOD)
			sc += zone_score(dc, &dc->lines[i]);
	return sc >= ARTICLE_SCORE;
}

/* Does body text of ARTICLE_SCORE or more stand above line |s| and above
 * the first stamp of the page that has the shape of one of the stamps
 * |at|[0..n), with less than that between this stamp and |s|?  A forum
 * stamps its first post, the one that reads as an article, as it stamps
 * the replies; a list of posts signs each post below its text, the first
 * one too.  When no stamp above |s| has that shape, the body text must
 * stand within FURNITURE_STRIP lines of furniture above |s|: a forum's
 * welcome note over its menus, its breadcrumbs and the thread's title
 * is no article its posts would be comments on. */
#define FURNITURE_STRIP (3 * THREAD_GAP)

static int
article_above(const struct decoder *dc, size_t s, const size_t *at, size_t n)
{
	size_t i, k, strip = 0;
	long above = 0;

	for (i = 0; i < s; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_GOOD) {
			above += zone_score(dc, ln);
			strip = 0;
			continue;
		}
		strip += ln->kind != K_BLANK;
		if (stamp(ln)) {
			uint64_t h = tool_shape(dc, i);

			for (k = 0; k < n; k++)
				if (tool_shape(dc, at[k]) == h)
					return above >= ARTICLE_SCORE && !body_between(dc, i, s);
		}
	}
	return above >= ARTICLE_SCORE && strip <= FURNITURE_STRIP;
}

/* A walk down the page for parted(), kept between calls: the next line
 * to read, whether the first body paragraph was passed, the non-blank
 * lines without the text of a post since the last such text, and
 * whether a stretch of more than 3 * THREAD_GAP of them was seen. */
struct stretch_scan {
	size_t next;
	int begun;
	size_t run;
	int parted;
};

/* Does a stretch of more than 3 * THREAD_GAP non-blank lines with no
 * text of a post stand between the page's first body paragraph and line
 * |s|?  The walk goes on from where the last call left it (|s| grows
 * from call to call), so the page is read once. */
static int
parted(const struct decoder *dc, size_t s, struct stretch_scan *sc)
{
	for (; sc->next < s && !sc->parted; sc->next++) {
		const struct bp_line *ln = &dc->lines[sc->next];

		if (ln->kind == K_BLANK || (!sc->begun && ln->kind != K_GOOD))
			continue;
		sc->begun = 1;
		if (comment_text(ln))
			sc->run = 0;
		else if (++sc->run > 3 * THREAD_GAP)
			sc->parted = 1;
	}
	return sc->parted;
}

/* Are the posts of the run of stamps that goes on from stamp |i| signed
 * below their text: does the run's last stamp stand over no text of its
 * own, no body paragraph within 3 * THREAD_GAP lines below it?  A forum
 * or a question and its answers print the poster's name and stamp under
 * each post, the first one too, and the text above the run's first stamp
 * is the first post; comments under an article print them over their
 * text, and the last comment's text follows its stamp.  Comments signed
 * below their text stand apart from the article above them by a stretch
 * of furniture (|apart|: tags, related stories, the comment form), while
 * the first post of a thread opens the body zone and runs into the posts
 * below it (the page's first body paragraph, if not the post, stands
 * right above the thread: a question's site notice). */
static int
signed_below(const struct decoder *dc, size_t i, size_t end, int apart)
{
	size_t k, last = i, gap = 0, texts = 0;

	if (apart)
		return 0;
	for (k = i + 1; k < end; k++) {
		const struct bp_line *ln = &dc->lines[k];

		if (ln->kind == K_BLANK)
			continue;
		if (!stamp(ln)) {
			if (++gap > 3 * THREAD_GAP)
				break;
			texts += comment_text(ln);
			continue;
		}
		if (texts == 0)
			break;
		last = k;
		gap = texts = 0;
	}
	for (k = last + 1, gap = 0; k < end && gap <= 3 * THREAD_GAP; k++) {
		if (dc->lines[k].kind == K_GOOD)
			return 0;
		gap += dc->lines[k].kind != K_BLANK;
	}
	return 1;
}

size_t
safi_bp_find_tool_thread(const struct decoder *dc, size_t a, size_t end)
{
	size_t i, prev = end, prev2 = end, start = end, tool = SIZE_MAX, units = 0;
	size_t gap = 0, texts = 0;
	int judged = 0;  /* the run that starts at |start| was judged */
	struct stretch_scan scan = {0, 0, 0, 0};

	for (i = 0; i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (!stamp(ln)) {
			gap++;
			texts += comment_text(ln);
			continue;
		}
		if (prev == end || texts == 0 || gap > 3 * THREAD_GAP) {
			start = i;
			units = 0;
			tool = SIZE_MAX;
			prev2 = end;
			judged = 0;
		} else {
			size_t t = prev2 != end ? shared_tool(dc, prev2, prev, i) : SIZE_MAX;

			if (t != SIZE_MAX && !fresh_text(dc, prev2, prev, i))
				t = SIZE_MAX;

			if (t != SIZE_MAX) {
				units++;
				tool = t < tool ? t : tool;
			} else if (prev2 != end) {
				/* No tool line of the stretch before: a run
				 * starts at the stamp before. */
				start = prev;
				units = 0;
				tool = SIZE_MAX;
				judged = 0;
			}
			prev2 = prev;
		}
		prev = i;
		/* The page above a run is read once: a long forum page would
		 * read it again at every stamp. */
		if (units + 1 >= THREAD_STAMPS && i >= a && !judged) {
			size_t at[3] = {prev2, prev, i};

			judged = 1;
			if (!body_between(dc, tool, start) && article_above(dc, start, at, 3) &&
			    !(clock_alone(dc, at[0]) && clock_alone(dc, at[1]) &&
			    clock_alone(dc, at[2])) && !signed_below(dc, i, end, parted(dc, start, &scan)))
				return start;
		}
		gap = texts = 0;
	}
	return end;
}

/*
 * A thread under its counter.  A short article (a photo, a quote, a
 * line or two) under which readers wrote more than it says does not
 * outweigh its comments: the body zone is found among them, below the
 * comment counter ("13 comments") that heads them, which
 * safi_bp_find_cut() passes over for want of an article above it.  The
 * counter nearest above the zone heads a thread when a chain of stamps
 * starts below it and runs into the zone: the first stamp at most
 * THREAD_GAP lines below the counter (under a counter in an article's
 * byline, the article comes first), each next at most as far below the
 * one before with the text of a comment between, THREAD_STAMPS stamps or more, the last of them at or
 * below the start of the zone [a, b], and spread over the zone as comments
 * are (safi_bp_stamps_spread()): an article under a counter in its byline
 * ("0 comments") and a gallery of dated captions holds its text in one
 * stretch.  Returns the counter, or |end|.
 *
 * Cost: a walk up from the zone to the counter, and down from it to the
 * zone.
 */
size_t
safi_bp_find_counted_thread(const struct decoder *dc, size_t a, size_t b, size_t end)
{
	size_t i, m = a, first = end, stamps = 0, gap = 0, texts = 0;

	while (m-- > 0)
		if ((dc->lines[m].flags & L_COUNTER) && !(dc->lines[m].flags & L_BULLET))
			break;
	if (m == SIZE_MAX)
		return end;
	for (i = m + 1; i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (!stamp(ln)) {
			if (++gap > (stamps > 0 ? 3 * THREAD_GAP : THREAD_GAP))
				return end;
			texts += comment_text(ln);
			continue;
		}
		if (stamps > 0 && texts == 0)
			return end;
		first = stamps++ == 0 ? i : first;
		if (stamps >= THREAD_STAMPS && i >= a)
			return safi_bp_stamps_spread(dc, first, b, NULL) ? m : end;
		gap = texts = 0;
	}
	return end;
}

/*
 * A dense thread.  Comments often follow the article with no furniture
 * between ("Lena 07 Nov 12" under its last paragraph), and their stamps
 * alone must tell them.  What does is their rhythm: readers write a line
 * or two, so the stamps come close after each other, where an article's
 * dated sections run longer.  Below body text of ARTICLE_SCORE or more in
 * the zone (a dated byline above it does not count), the first stamp
 * starts a run.  A stamp is here also a short line with a date in digits
 * ("Lena 12/03/2024 - 10:14", "٢٠٢٤/٠٣/١٢"), which comment software
 * prints where an article writes the month.  The run is a thread when its
 * first DENSE_UNITS stretches between stamps each hold the text of a
 * comment in at most SHORT_UNIT lines and no caption or credit (a gallery
 * dates its photos), its stamps name two years at most (a timeline's
 * dates run over many), and no stamp above the run has the shape of one
 * of its stamps (safi_bp_stamp_shape()): a forum or a live blog stamps its
 * first entry, the one that reads as an article, as it stamps the next
 * ones, and a zone found among the comments has their stamps above it.
 * A run of NAMED_UNITS stretches is enough when each of its stamps stands
 * right under a name (stamp_name()), as comment software signs them, each
 * stretch is one line of text and the next name, and the names share no
 * word with the body above the run nor each with its comment
 * (foreign_labels()); such a run may start below body text of half
 * ARTICLE_SCORE: readers sign their comments under a short article too.
 * Dated sections carry no names, an events list names its events with the
 * article's words, and teasers put a headline above each byline.  Returns
 * the first stamp of the thread, or |end|.
 *
 * Cost: a walk over the zone down to the run's end; the page above the
 * run is read again only for a run long enough.
 */
#define DENSE_UNITS 4
#define NAMED_UNITS 3
#define SHORT_UNIT 3

/* The digit at p[k] (ASCII or Arabic-Indic), its bytes in *n; or -1. */
static int
digit_at(const unsigned char *p, size_t k, size_t len, size_t *n)
{
	*n = 1;
	if (p[k] >= '0' && p[k] <= '9')
		return p[k] - '0';
	/* U+0660-U+0669 are D9 A0-A9, U+06F0-U+06F9 are DB B0-B9. */
	*n = 2;
	if (k + 1 < len && p[k] == 0xD9 && p[k + 1] >= 0xA0 && p[k + 1] <= 0xA9)
		return p[k + 1] - 0xA0;
	if (k + 1 < len && p[k] == 0xDB && p[k + 1] >= 0xB0 && p[k + 1] <= 0xB9)
		return p[k + 1] - 0xB0;
	return -1;
}

/* The run of digits at p[k]: its count of digits, its end in *e. */
static size_t
digits_at(const unsigned char *p, size_t k, size_t len, size_t *e)
{
	size_t n, d = 0;

	while (k < len && digit_at(p, k, len, &n) >= 0) {
		k += n;
		d++;
	}
	*e = k;
	return d;
}

/* Does line |i| hold a date written in digits alone ("12/03/2024",
 * "2024-03-12", "12.03.24"): three runs of digits with the same
 * separator, one of them of four digits or the last of two? */
static int
numeric_date(const struct decoder *dc, size_t i)
{
	const unsigned char *p = (const unsigned char *)dc->text + dc->lines[i].off;
	size_t k = 0, len = dc->lines[i].len, e, n;

	while (k < len) {
		size_t d1, d2, d3, e2, e3;
		unsigned char sep;

		if (digit_at(p, k, len, &n) < 0) {
			k++;
			continue;
		}
		d1 = digits_at(p, k, len, &e);
		if (e + 1 < len && (p[e] == '/' || p[e] == '-' || p[e] == '.')) {
			sep = p[e];
			d2 = digits_at(p, e + 1, len, &e2);
			if (d2 >= 1 && d2 <= 2 && e2 + 1 < len && p[e2] == sep) {
				d3 = digits_at(p, e2 + 1, len, &e3);
				if (d3 >= 2 && d3 <= 4 && d1 >= 1 && d1 <= 4 && (d1 == 4 || d3 != 3))
					return 1;
			}
		}
		k = e;
	}
	return 0;
}

/* A stamp of a dense thread: a stamp, or a short line of its own with a
 * date in digits ("Lena 12/03/2024 10:14"), which the line's words do not
 * tell as a date. */
static int
dense_stamp(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return stamp(ln) || (ln->kind != K_GOOD && ln->kind != K_BLANK && ln->words <= 8 &&
	    (ln->flags & L_DIGITS) && !(ln->flags & L_BULLET) && numeric_date(dc, i));
}

/* Do the stamps |at|[0..n) name more than two years ("2011", "2015")?
 * Readers comment within days of each other; a timeline's dates run
 * over years. */
static int
years_apart(const struct decoder *dc, const size_t *at, size_t n)
{
	unsigned years[2], seen = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		const unsigned char *p = (const unsigned char *)dc->text + dc->lines[at[k]].off;
		size_t j = 0, len = dc->lines[at[k]].len, e, d;

		while (j < len) {
			if (digit_at(p, j, len, &d) < 0) {
				j++;
				continue;
			}
			if (digits_at(p, j, len, &e) == 4) {
				unsigned y = 0, u;
				size_t q;

				for (q = j; q < e; q += d)
					y = 10 * y + (unsigned)digit_at(p, q, len, &d);
				for (u = 0; u < seen && years[u] != y; u++)
					;
				if (u == seen) {
					if (seen == 2)
						return 1;
					years[seen++] = y;
				}
			}
			j = e;
		}
	}
	return 0;
}

/* Does a stamp in [0, s) have the shape of one of the stamps |at|[0..n)? */
static int
shape_above(const struct decoder *dc, size_t s, const size_t *at, size_t n)
{
	uint64_t sh[DENSE_UNITS + 1];
	size_t i, k;

	for (k = 0; k < n; k++)
		sh[k] = safi_bp_stamp_shape(dc, at[k]);
	for (i = 0; i < s; i++)
		if (dense_stamp(dc, i)) {
			uint64_t h = safi_bp_stamp_shape(dc, i);

			for (k = 0; k < n; k++)
				if (sh[k] == h)
					return 1;
		}
	return 0;
}

/* The name right above stamp |s|: a short line of its own with no digit,
 * not body text, a list item, a stamp, a marker or the end of a sentence
 * or a label, written as a name (name_words(): "Lena Ortiz", "أبو سامر";
 * an event's title, "Concert in the park", is none).  Returns its index,
 * or SIZE_MAX. */
static size_t
stamp_name(const struct decoder *dc, size_t s)
{
	const struct bp_line *ln;

	while (s > 0 && dc->lines[s - 1].kind == K_BLANK)
		s--;
	if (s == 0)
		return SIZE_MAX;
	ln = &dc->lines[s - 1];
	return ln->kind != K_GOOD && ln->kind != K_NEAR && ln->words <= LABEL_WORDS &&
	    !(ln->flags & (L_DIGITS | L_TERM | L_COLON | L_BULLET | L_MARKER | L_COUNTER)) &&
	    !stamp(ln) && name_words(dc, s - 1) > 0 ? s - 1 : SIZE_MAX;
}

size_t
safi_bp_find_dense_thread(const struct decoder *dc, size_t a, size_t end)
{
	size_t i, at[DENSE_UNITS + 1], name[DENSE_UNITS + 1], stamps = 0, gap = 0, texts = 0;
	size_t named = 0;
	long above = 0;
	int short_above = 0;  /* the run starts below less than ARTICLE_SCORE */
	int bare = 1;  /* each stretch holds a comment's one paragraph and a name */
	int run_named;

	for (i = a; i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (!dense_stamp(dc, i) || (stamps == 0 && above < ARTICLE_SCORE &&
		    (2 * above < ARTICLE_SCORE || stamp_name(dc, i) == SIZE_MAX))) {
			above += zone_score(dc, ln);
			gap++;
			texts += comment_text(ln);
			if (stamps > 0 && (gap > SHORT_UNIT || (ln->kind == K_BAD &&
			    (ln->reason == R_CAPTION || ln->reason == R_CREDIT))))
				return end;
			continue;
		}
		if (stamps > 0 && texts == 0)
			return end;
		short_above = stamps == 0 ? above < ARTICLE_SCORE : short_above;
		name[stamps] = stamp_name(dc, i);
		named += name[stamps] != SIZE_MAX;
		bare = bare && (stamps == 0 || gap <= 2);
		at[stamps++] = i;
		/* Below a short article, only named comments make a run. */
		if (short_above && named < stamps)
			return end;
		/* The names are read against the article and the comments
		 * only for a run long enough: an event's title shares words
		 * with the article or its own text. */
		run_named = stamps == NAMED_UNITS + 1 && named == stamps && bare;
		if (run_named || stamps == DENSE_UNITS + 1)
			return years_apart(dc, at, stamps) || shape_above(dc, at[0], at, stamps) ||
			    (run_named && !foreign_labels(dc, a, name, stamps, text_end(dc, i, end))) ?
			    end : at[0];
		gap = texts = 0;
	}
	return end;
}
