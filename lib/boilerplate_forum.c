/*
 * boilerplate_forum.c - a page that is itself a thread of posts, in the
 * decoder.
 *
 * A forum's page (a discussion, a thread's archive) has no article: its
 * body zone is the posts, each a unit of the poster's name on a line of
 * its own, the post's stamp under it ("12-03-2019, 09:14 PM") and the
 * post's text.  The zone keeps the paragraphs of the posts; the names, and
 * the posts of a short line or two, it drops as context, as it would the
 * labels of comments below an article.  On such a page they are the
 * content: who wrote what, and what they wrote.  So is a post's quote of
 * an earlier post, which the page's copies dropped as a duplicate: a copy
 * of a line that a post of the thread keeps (a copy of the furniture
 * above the thread, or of a line the posts drop, stays dropped).  A short
 * line that ends two posts or more, right above the next poster's name,
 * is the program's ("Top", "Back to top"), not a poster's: it stays
 * dropped, its first copy too.  The last post's text is kept even when
 * the cut of the page's tail dropped it as an island below the zone, and
 * so are the paragraphs of a post in the zone that the cut dropped (a
 * thread's zone ends where the next post is no longer above the tail).
 * A stamp may be a short line dropped as a date ("Aug 2024", "2y ago"):
 * the month or the age a forum prints for an old post.
 *
 * What tells a page that is a thread from an article followed by readers'
 * comments (whose names stay dropped, with the comments when the thread
 * stage cuts them) is where the posts start and how they are printed.
 * The first post opens the zone: its name is among the first lines of the
 * zone or right above it, and no body paragraph and no comment counter
 * stand anywhere above it (an article, "12 comments").  One program
 * prints every post the same way: FORUM_POSTS units or more with a
 * paragraph under their stamp (and at least half of the units), each a
 * short name line right above a stamp over the post's text, three in
 * four of the stamps of the same shape as the first (digits, letters and
 * punctuation in the same order), while an article's date line is often
 * printed in a format of its own.  And no post outweighs the others: no
 * stretch between two stamps holds half the zone's score, as an article
 * above its comments does even when its byline and date look like a
 * post's name and stamp.
 *
 * Cost: a walk over the zone's lines; the bytes of a stamp are read again
 * only when a name line stands above it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"

/* Units of a name, a stamp and a text that make a page a thread. */
#define FORUM_POSTS 4
/* Words of a poster's name, at most: "Jo Ann van Dyke". */
#define FORUM_NAME_WORDS 4
/* Words of a stamp dropped as a date, at most: "3 days ago". */
#define FORUM_STAMP_WORDS 3
/* Words of a post's count ("3 Replies"), at most. */
#define FORUM_COUNT_WORDS 2

/* Could line |ln| be a poster's name: a short line of its own, dropped
 * by its place (above, in or below the zone), as a handle or as a line
 * found in other documents (who posts often posts on many pages of a
 * forum), not a list item, a date, a sentence or a line of the page's
 * furniture? */
static int
name_line(const struct bp_line *ln)
{
	if (ln->kind == K_BLANK || ln->kind == K_GOOD || ln->kind == K_NEAR || ln->keep == 1 ||
	    ln->words < 1 || ln->words > FORUM_NAME_WORDS ||
	    (ln->flags & (L_BULLET | L_DATED | L_MARKER | L_COUNTER | L_TERM | L_COLON)))
		return 0;
	return ln->kind != K_BAD || ln->reason == R_URL || ln->reason == R_RECURRING;
}

uint64_t
safi_bp_stamp_shape(const struct decoder *dc, size_t i)
{
	const unsigned char *p = (const unsigned char *)dc->text + dc->lines[i].off;
	size_t k, len = dc->lines[i].len;
	uint64_t h = BP_SEQ_SEED;
	unsigned prev = 0;

	for (k = 0; k < len; k++) {
		unsigned c = p[k];

		if (c >= '0' && c <= '9')
			c = '0';
		else if (c >= 0x80 || (c | 0x20) - 'a' < 26u)
			c = 'a';
		else if (c == ' ' || c == '\t' || c == '\r')
			c = ' ';
		if (c == prev && (c == '0' || c == 'a' || c == ' '))
			continue;
		prev = c;
		h = safi_bp_seq_step(h, c);
	}
	return h;
}

/* Is line |i| a post's stamp: a dated line, or a short line that the page
 * dropped as a date and that holds a word ("Aug 2024", "2y ago"), the way
 * a forum prints an old post's month or its age?  A bare count dropped as
 * a date ("412", a post's votes) is none. */
static int
post_stamp(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t k;

	if (stamp(ln) && (ln->flags & L_DATED))
		return 1;
	if (ln->kind != K_BAD || ln->reason != R_DATE || ln->words > FORUM_STAMP_WORDS ||
	    (ln->flags & L_BULLET))
		return 0;
	for (k = 0; k < ln->len; k++)
		if (p[k] >= 0x80 || (unsigned)((p[k] | 0x20) - 'a') < 26u)
			return 1;
	return 0;
}

/* Is line |ln| a body paragraph?  A long line of menu separators (a
 * forum's breadcrumbs) is none. */
static int
paragraph(const struct bp_line *ln)
{
	return ln->kind == K_GOOD && !(ln->flags & L_SEPARATED);
}

/* Is the stamp |s| a post's: a dated line with a name right above it
 * (|p|) and a text below it that is not another stamp or name?  Returns
 * 0 when not, 2 when that text is a paragraph or a sentence (a post's
 * text), 3 when it is a short line (a post's first line, a rank), 1 when
 * it is some other line. */
static int
post_unit(const struct decoder *dc, size_t p, size_t s)
{
	const struct bp_line *tl;
	size_t t;

	if (p == SIZE_MAX || !post_stamp(dc, s) || !name_line(&dc->lines[p]))
		return 0;
	t = next_line(dc, s);
	if (t >= dc->nlines)
		return 0;
	tl = &dc->lines[t];
	if (post_stamp(dc, t))
		return 0;
	/* A short line under the stamp is the post's first line ("Describe
	 * the bug"), or a rank ("Member"), when a paragraph follows it; over
	 * another stamp it is the next poster's name, and over more short
	 * lines a poster's details ("Joined: ...", "Location: Leeds"). */
	if (name_line(tl))
		return (t = next_line(dc, t)) < dc->nlines && paragraph(&dc->lines[t]) ? 3 : 0;
	return tl->kind == K_GOOD || (tl->kind == K_NEAR && (tl->flags & L_TERM)) ? 2 : 1;
}

/* Is there a body paragraph or a marker ("12 comments") above line |i|:
 * an article the posts would be comments on? */
static int
article_above(const struct decoder *dc, size_t i)
{
	while (i-- > 0)
		if (paragraph(&dc->lines[i]) || (dc->lines[i].flags & (L_MARKER | L_COUNTER)))
			return 1;
	return 0;
}

/* Is line |i| a post's count: a short line that opens with a digit
 * ("1 Reply", "12 likes"), the program's, not the poster's? */
static int
counter_line(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;

	return ln->words <= FORUM_COUNT_WORDS && ln->len > 0 && p[0] >= '0' && p[0] <= '9';
}

/* Is line |i| a quote: a copy of a line of an earlier post (at or below
 * the thread's first name |first|) that is kept?  A copy of a line of
 * the page's furniture, or of a line the posts dropped, is none. */
static int
quoted(const struct decoder *dc, size_t first, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->reason == R_DUPLICATE && ln->first < i && ln->first >= first &&
	    dc->lines[ln->first].keep == 1;
}

/* Does line |i| end a post: is the next line a poster's name over a
 * post's stamp (a name this stage kept already, above)? */
static int
ends_post(const struct decoder *dc, size_t i)
{
	size_t n = next_line(dc, i), s;

	if (n >= dc->nlines || (s = next_line(dc, n)) >= dc->nlines)
		return 0;
	if (dc->lines[n].keep == 1 && dc->lines[n].reason == R_THREAD)
		return post_stamp(dc, s);
	return post_unit(dc, n, s) != 0;
}

/* Is line |i| a copy of a line above it, both ending their posts: the
 * "Top" link the program prints under every post?  (A post that quotes
 * another opens with the copy, over its own text.) */
static int
footer_copy(const struct decoder *dc, size_t i)
{
	size_t f = dc->lines[i].first;

	return f != i && ends_post(dc, i) && ends_post(dc, f);
}

/* The text of the thread's last post, under its stamp |s|: the paragraphs
 * that the cut of the page's tail dropped, set apart from the posts above
 * by the last post's name and stamp as an island of text below the article
 * is. */
static void
keep_last_post(struct decoder *dc, size_t s)
{
	size_t t;

	for (t = next_line(dc, s); t < dc->nlines && dc->lines[t].kind == K_GOOD &&
	    dc->lines[t].keep == 0 && dc->lines[t].reason == R_TAIL; t = next_line(dc, t)) {
		dc->lines[t].keep = 1;
		dc->lines[t].reason = R_THREAD;
	}
}

void
safi_bp_keep_forum_posts(struct decoder *dc, size_t a, size_t b)
{
	size_t i, p = SIZE_MAX, first = SIZE_MAX, top = a, seen = 0, units = 0, same = 0, texts = 0;
	size_t last = SIZE_MAX;
	uint64_t shape = 0;
	int u, post = 0;

	/* The first post's name may stand above the zone, which starts at
	 * its text. */
	while (top > 0 && seen < THREAD_GAP && !paragraph(&dc->lines[top - 1]))
		seen += dc->lines[--top].kind != K_BLANK;
	for (i = top, seen = 0; i <= b; i++) {
		if (dc->lines[i].kind == K_BLANK)
			continue;
		if ((u = post_unit(dc, p, i)) != 0) {
			uint64_t sh = safi_bp_stamp_shape(dc, i);

			if (first == SIZE_MAX)
				first = p;
			/* A unit over a short line is a post's, but it does
			 * not tell a thread: a list of names over dates. */
			if (u != 3) {
				if (units++ == 0)
					shape = sh;
				same += sh == shape;
				texts += u == 2;
			}
		} else if (first == SIZE_MAX && (paragraph(&dc->lines[i]) ||
		    ++seen > 2 * THREAD_GAP)) {
			return;  /* body text, or a long head, above the first post */
		}
		p = i;
	}
	if (texts < FORUM_POSTS || 2 * texts < units || 4 * same < 3 * units ||
	    article_above(dc, first) || !safi_bp_stamps_spread(dc, first, b, post_stamp))
		return;
	/* The names, the lines of the posts below their stamps that the
	 * context dropped, and the quotes: a post that answers another
	 * repeats its lines, which the page's copies dropped. */
	for (i = first, p = SIZE_MAX; i <= b; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (p != SIZE_MAX && post_unit(dc, p, i)) {
			dc->lines[p].keep = 1;
			dc->lines[p].reason = R_THREAD;
			post = 1;
			last = i;
		} else if (post && ln->keep == 0 && ln->kind != K_BAD && ln->reason == R_CONTEXT &&
		    footer_copy(dc, i)) {
			/* The link's first copy, kept as a post's last line. */
			if (dc->lines[ln->first].reason == R_THREAD) {
				dc->lines[ln->first].keep = 0;
				dc->lines[ln->first].reason = R_CONTEXT;
			}
		} else if (post && ln->keep == 0 && (ln->kind != K_BAD ? ln->reason == R_CONTEXT ||
		    (ln->reason == R_TAIL && ln->kind == K_GOOD) : quoted(dc, first, i)) &&
		    !counter_line(dc, i) &&
		    !(next_line(dc, i) < dc->nlines && post_unit(dc, i, next_line(dc, i)))) {
			ln->keep = 1;
			ln->reason = R_THREAD;
		}
		p = i;
	}
	if (last != SIZE_MAX)
		keep_last_post(dc, last);
}

/*
 * Posts below the zone.  On a thread whose zone ends under its first post
 * or two (the strip between two posts looks like the end of an article),
 * the next posts stand below the zone, each under a strip of the same
 * furniture as the strips above: the poster's name, rank and "Joined:"
 * line, the post's stamp, "Reply With Quote", "Top".  A strip below the
 * zone that repeats the strips above it (the one over the zone and the
 * ones dropped inside it) in a stamp of the same shape and one more line
 * (a copy, or another stamp of a shape seen) is a post's header; the text
 * under it, its paragraphs and its quotes of kept lines, is the post's,
 * down to the next strip.  Two such strips or more below the zone make a
 * thread (a share row at the article's end and again under a teaser does
 * not), or one when two stamps of one shape stand over the zone and in it
 * (the zone holds two posts already).  A post is kept when the strip under it, its footer, repeats a
 * line of furniture as well: the last post above the page's own footer
 * and a list of other threads ("Hot Network Questions") is not.  The
 * first strip that does not repeat ends the thread, as does a line cut
 * for another reason than the tail (a comments marker), and a comments
 * marker or counter above the zone ("111 Responses") leaves the page
 * alone: readers' comments under an article repeat their strips too.
 * The walk starts below the zone's last kept line, and the posts it
 * keeps stay when the cut of small blocks below the article runs
 * (boilerplate_blocks.c).
 *
 * Cost: a walk over the zone and the lines below it; each line of a
 * strip is compared with at most POST_KEYS lines of furniture.
 */

/* Lines of furniture remembered from the strips above, at most. */
#define POST_KEYS BP_POST_KEYS
/* Non-blank lines of a strip between two posts, at most. */
#define POST_STRIP 30
/* Lines between two paragraphs of a post ("Click to expand..."), at most. */
#define POST_ASIDE 2
/* Words of a post's line wrapped by its writer, with no sentence end, at
 * least ("Jo Ann is offline" is the strip's). */
#define POST_WRAPPED 8
/* Strips below the zone that make a thread, at least. */
#define POST_STRIPS 2

/* The key of a line of furniture: a stamp's shape (a line with a date,
 * or dropped as one; the lowest bit set), the shape of a bare count
 * dropped as a date ("412", "2,311": a post's votes or a poster's score,
 * no stamp), or the line's copies. */
static uint64_t
furniture_key(const struct decoder *dc, size_t i)
{
	const char *p = dc->text + dc->lines[i].off;
	size_t k, len = dc->lines[i].len;

	if (!(dc->lines[i].flags & L_DATED) && dc->lines[i].reason != R_DATE)
		return dc->lines[i].fp & ~(uint64_t)1;
	for (k = 0; k < len; k++)
		if ((p[k] < '0' || p[k] > '9') && p[k] != ',' && p[k] != '.' && p[k] != ' ')
			return safi_bp_stamp_shape(dc, i) | 1;
	return safi_bp_stamp_shape(dc, i) & ~(uint64_t)1;  /* a bare count: "412" */
}

/* Is line |i| text of a post below the zone: a paragraph the tail cut, or
 * a quote of a kept paragraph? */
static int
post_text(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	if (ln->keep != 0)
		return 0;
	if (ln->reason == R_DUPLICATE)
		return ln->first < i && dc->lines[ln->first].keep == 1 &&
		    dc->lines[ln->first].kind == K_GOOD;
	return ln->reason == R_TAIL && ln->kind == K_GOOD;
}

/* Is line |i| a line of a post's text under its first paragraph, a
 * sentence or a line wrapped by its writer (a mail's lines: a flag of a
 * wrapped or lower-case line, or POST_WRAPPED words), which the tail cut?
 * (A post opens with a paragraph: a list of questions under the last
 * strip is the site's.) */
static int
wrapped_text(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->keep == 0 && ln->kind == K_NEAR && ln->reason == R_TAIL &&
	    ((ln->flags & (L_TERM | L_WRAPPED | L_LOWER)) || ln->words >= POST_WRAPPED);
}

/* Is key |k| among the |n| keys |keys|? */
static int
known_key(const uint64_t *keys, size_t n, uint64_t k)
{
	size_t j;

	for (j = 0; j < n; j++)
		if (keys[j] == k)
			return 1;
	return 0;
}

/* Keeps the lines of a post's text among [i, e). */
static void
keep_post(struct decoder *dc, size_t i, size_t e)
{
	for (; i < e; i++)
		if (post_text(dc, i) || wrapped_text(dc, i)) {
			dc->lines[i].keep = 1;
			dc->lines[i].reason = R_THREAD;
		}
}

/* Walks the posts below line |b| (the end of the zone [a, b]): returns
 * the number of strips that open a post by repeating the |n| lines of
 * furniture |above| (and the lines of the strips below that repeat them),
 * keeping the posts' text when |keep| is set.  A post is closed by its
 * footer: the strip under it repeats a line of furniture too (a last
 * post closed by the page's own footer, a list of other questions, is not
 * kept), and at least half of its lines are its own: a box the page
 * prints twice, its text copies of the article's paragraphs, is no post,
 * while a post quotes a line or two. */
static size_t
posts_below(struct decoder *dc, size_t a, size_t b, const uint64_t *above, size_t n, int keep)
{
	uint64_t keys[POST_KEYS];
	size_t i = next_line(dc, b), j, strips = 0, text = SIZE_MAX, own = 0, copies = 0;
	int end = 0;

	memcpy(keys, above, n * sizeof *keys);

	while (!end) {
		size_t lines = 0, stamps = 0, hits = 0, s = i;

		for (; i < dc->nlines && !post_text(dc, i); i = next_line(dc, i)) {
			uint64_t k;

			if (++lines > POST_STRIP || dc->lines[i].keep != 0 ||
			    dc->lines[i].reason == R_MARKER || dc->lines[i].reason == R_AFTER_MARKER)
				break;
			k = furniture_key(dc, i);
			if (known_key(keys, n, k)) {
				hits++;
				stamps += (k & 1) != 0;
			}
		}
		end = i >= dc->nlines || !post_text(dc, i);
		/* A strip that repeats the furniture adds its own lines to
		 * it: the "Lena is offline" of the first post below. */
		if (hits >= 2)
			for (j = s; j < i; j = next_line(dc, j)) {
				struct bp_line *f = &dc->lines[dc->lines[j].first];

				if (n < POST_KEYS && !known_key(keys, n, furniture_key(dc, j)))
					keys[n++] = furniture_key(dc, j);
				/* Its first copy, kept in the zone between two
				 * posts, is the strip's too. */
				if (keep && dc->lines[j].first >= a && dc->lines[j].first <= b &&
				    f->keep == 1 && f->kind != K_GOOD) {
					f->keep = 0;
					f->reason = R_CONTEXT;
				}
			}
		/* A line or two between two paragraphs of a post ("Click to
		 * expand...") leave the post going on. */
		if (end || text == SIZE_MAX || lines > POST_ASIDE || hits >= 2) {
			if (text != SIZE_MAX && hits >= 1 && own > 0 && own >= copies && keep)
				keep_post(dc, text, s);
			text = SIZE_MAX;
			own = copies = 0;
			if (end)
				break;
			if (lines > 0 && stamps >= 1 && hits >= 2)
				strips++;
			else if (lines > 0)
				break;
			text = i;
		}
		for (; i < dc->nlines && (post_text(dc, i) || wrapped_text(dc, i)); i = next_line(dc, i)) {
			own += dc->lines[i].first == i;
			copies += dc->lines[i].first != i;
		}
	}
	return strips;
}

size_t
safi_bp_strip_above(const struct decoder *dc, size_t a, uint64_t *keys)
{
	size_t i, n = 0, seen = 0;

	for (i = a; i > 0 && seen < POST_STRIP && n < POST_KEYS; ) {
		const struct bp_line *ln = &dc->lines[--i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->keep == 1 || ln->kind == K_GOOD)
			break;
		seen++;
		keys[n++] = furniture_key(dc, i);
	}
	return n;
}

size_t
safi_bp_feed_furniture(const struct decoder *dc, size_t i, size_t e, uint64_t *keys, size_t n)
{
	for (; i < e && n < POST_KEYS; i++)
		if (dc->lines[i].keep == 0 && dc->lines[i].kind != K_GOOD)
			keys[n++] = furniture_key(dc, i);
	return n;
}

size_t
safi_bp_zone_furniture(const struct decoder *dc, size_t a, size_t b, uint64_t *keys)
{
	/* The strip over the zone, up to the title or a paragraph, and the
	 * strips inside it. */
	return safi_bp_feed_furniture(dc, a, b + 1, keys, safi_bp_strip_above(dc, a, keys));
}

int
safi_bp_post_strip(const struct decoder *dc, size_t i, size_t e, const uint64_t *keys, size_t n)
{
	size_t hits = 0, stamps = 0;

	for (; i <= e && i < dc->nlines; i = next_line(dc, i)) {
		uint64_t k = furniture_key(dc, i);

		if ((dc->lines[i].flags & L_TERM) && dc->lines[i].kind != K_BAD)
			return 0;
		if (known_key(keys, n, k)) {
			hits++;
			stamps += (k & 1) != 0;
		}
	}
	return hits >= 2 && stamps >= 1 && stamps < hits;
}

void
safi_bp_keep_posts_below(struct decoder *dc, size_t a, size_t b)
{
	uint64_t keys[POST_KEYS];
	size_t i, e, p, n, need = POST_STRIPS;

	/* Readers' comments under a marker ("111 Responses"): their strips
	 * repeat too, but they are no thread of posts. */
	for (i = 0; i < a; i++)
		if (dc->lines[i].flags & (L_MARKER | L_COUNTER))
			return;

	n = safi_bp_zone_furniture(dc, a, b, keys);
	/* The posts go on below the zone's last kept line. */
	for (e = b; e > a && dc->lines[e].keep != 1; e--)
		;
	/* Two posts' stamps of one shape over the zone and in it make one
	 * strip below enough. */
	for (i = 0; i < n && need > 1; i++)
		for (p = i + 1; p < n; p++)
			if ((keys[i] & 1) && keys[p] == keys[i]) {
				need = 1;
				break;
			}
	if (posts_below(dc, a, e, keys, n, 0) < need)
		return;
	posts_below(dc, a, e, keys, n, 1);
	/* A post's last sentence under its paragraphs ("Any idea?"), which
	 * the context of the zone dropped as a short line. */
	for (i = a, p = SIZE_MAX; i <= b; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (p != SIZE_MAX && ln->keep == 0 && ln->reason == R_CONTEXT &&
		    (ln->kind == K_NEAR || ln->kind == K_SHORT) && (ln->flags & L_TERM) &&
		    ln->words >= 2 && dc->lines[p].keep == 1 && dc->lines[p].kind == K_GOOD) {
			ln->keep = 1;
			ln->reason = R_THREAD;
		}
		p = i;
	}
}
