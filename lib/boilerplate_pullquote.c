/*
 * boilerplate_pullquote.c - pull quotes inside the article, in the decoder.
 *
 * A magazine or opinion page sets a sentence of its own text out again,
 * large, between two paragraphs: a pull quote.  The body zone keeps it
 * with the paragraphs around it, but it is a copy: its words, quote marks
 * and a final stop aside, stand whole inside a longer body paragraph of
 * the same article, above it.  A line the decoder kept as a body paragraph
 * is left alone: a paragraph may well repeat another's sentence.  A
 * thread's post that quotes an earlier post repeats its words the same
 * way, under the line that names the poster ("sam wrote:").  This stage
 * drops the copies as duplicates.
 *
 * Cost: a pass over the zone, and for each quoted short line kept in it,
 * or line kept right under a poster's label, a search of at most
 * PULL_REACH body paragraphs among the PULL_LINES lines above it.
 */
#define _GNU_SOURCE  /* memmem */
#include <stddef.h>
#include <string.h>

#include "boilerplate_decoder.h"

/*
 * A pull quote is set in quote marks and holds PULL_WORDS words or more:
 * fewer may stand in a paragraph by chance.  A line of more than
 * PULL_MAX_WORDS words is a paragraph, whatever it repeats.  The paragraph
 * it copies stands above it, within PULL_REACH body paragraphs: a page
 * sets a pull quote beside the text it comes from, below the reader's
 * first sight of it.  A quoted line over the paragraph that holds its
 * words is a subheading that announces the quotation ('We have a
 * miracle' over the paragraph that tells it), and stays; so does an
 * emphasised sentence without quote marks.
 */
#define PULL_WORDS 4
#define PULL_MAX_WORDS 40
#define PULL_REACH 10
#define PULL_LINES 80       /* lines looked at above a quote, at most */

/* The length of the quote mark at p[0, n) (ASCII quotes, guillemets,
 * curly quotes), or 0. */
static size_t
quote_mark(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;

	if (n >= 1 && (u[0] == '"' || u[0] == '\''))
		return 1;
	if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xAB || u[1] == 0xBB))
		return 2;  /* U+00AB, U+00BB */
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x98 && u[2] <= 0x9F)
		return 3;  /* U+2018-U+201F */
	return 0;
}

/* The length of the mark that ends a sentence at the end of p[0, n)
 * (". ! ? …" and the Arabic question mark "؟"), or 0. */
static size_t
final_stop(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;

	if (n >= 1 && (u[n - 1] == '.' || u[n - 1] == '!' || u[n - 1] == '?'))
		return 1;
	if (n >= 2 && u[n - 2] == 0xD8 && u[n - 1] == 0x9F)
		return 2;  /* U+061F */
	if (n >= 3 && u[n - 3] == 0xE2 && u[n - 2] == 0x80 && u[n - 1] == 0xA6)
		return 3;  /* U+2026 */
	return 0;
}

size_t
safi_bp_pull_core(const char *p, size_t n, size_t *from, int *quoted)
{
	size_t i = 0, m, q;

	*quoted = 0;
	for (;;) {
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if ((q = quote_mark(p + i, n - i)) == 0)
			break;
		*quoted = 1;
		i += q;
	}
	for (;;) {
		while (n > i && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if ((m = final_stop(p + i, n - i)) == 0) {
			/* a closing quote: its lead byte stands m bytes back */
			for (m = 3; m > 0; m--)
				if (n - i >= m && quote_mark(p + n - m, m) == m)
					break;
			if (m == 0)
				break;
		}
		n -= m;
	}
	*from = i;
	return n - i;
}

/* Does kept line |k| stand as a body paragraph of the article that may
 * hold a copy of |len| bytes? */
static int
holder(const struct decoder *dc, size_t k, size_t len)
{
	const struct bp_line *ln = &dc->lines[k];

	return ln->keep == 1 && ln->kind == K_GOOD && ln->reason == R_BODY && ln->len > len;
}

/* Is line |i| of the zone from |a| on a quoted copy of a part of a body
 * paragraph within PULL_REACH paragraphs above it? */
static int
pull_quote(const struct decoder *dc, size_t a, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;
	size_t from, len, k, seen;
	int quoted;

	if (ln->len == 0 || quote_mark(p, ln->len) == 0 || ln->keep != 1 ||
	    ln->reason == R_TITLE || ln->reason == R_STANDFIRST ||
	    ln->reason == R_TABLE || ln->reason == R_BODY || ln->words > PULL_MAX_WORDS ||
	    (ln->flags & (L_BULLET | L_NUMCELL | L_TABLE | L_COLON)))
		return 0;
	len = safi_bp_pull_core(p, ln->len, &from, &quoted);
	if (!quoted || ln->words < PULL_WORDS || len == 0)
		return 0;
	p += from;
	for (k = i, seen = 0; k > a && i - k < PULL_LINES && seen < PULL_REACH;)
		if (holder(dc, --k, len) && ++seen &&
		    memmem(dc->text + dc->lines[k].off, dc->lines[k].len, p, len))
			return 1;
	return 0;
}

/*
 * A post of a thread that quotes an earlier post prints the quoted words
 * under a line that names their poster ("Sam wrote:", "Quote Originally
 * Posted by sam", "sam a dit :"), glued to it, with no quote marks.  Is
 * line |i| of the zone from |a| such a quote: a kept line of PULL_WORDS to
 * PULL_MAX_WORDS words, no title, standfirst or table, that stands whole
 * inside a longer body paragraph within PULL_REACH paragraphs above it,
 * right under a short line (QUOTE_LABEL_WORDS words at most,
 * QUOTE_NEAR_WORDS when it reads as text; no body paragraph, no sentence
 * end, no digits: a post's stamp over a post printed twice is no poster's
 * name)?  A line that repeats another's sentence under a blank
 * line is a paragraph of its own, and a copy of fewer than PULL_WORDS
 * words (an address) no quote.
 */
#define QUOTE_LABEL_WORDS 8
#define QUOTE_NEAR_WORDS 5   /* of a label that reads as text */
#define QUOTE_PREFIX 16   /* bytes of a copy looked for first */

/* Does h[0, hn) hold p[0, n)?  memmem() readies a table for the whole of
 * its needle on each call; a long copy is looked for by its first
 * QUOTE_PREFIX bytes, and compared whole where they stand. */
static int
holds(const char *h, size_t hn, const char *p, size_t n)
{
	size_t pre = n < QUOTE_PREFIX ? n : QUOTE_PREFIX;
	const char *q, *end = h + hn;

	for (q = h; n <= (size_t)(end - q) && (q = memmem(q, (size_t)(end - q), p, pre)) != NULL; q++)
		if (n <= (size_t)(end - q) && memcmp(q + pre, p + pre, n - pre) == 0)
			return 1;
	return 0;
}

static int
post_quote(const struct decoder *dc, size_t a, size_t i)
{
	const struct bp_line *ln = &dc->lines[i], *up;
	const char *p = dc->text + ln->off;
	size_t from, len, k, seen;
	int quoted;

	if (i <= a || ln->len == 0 || ln->keep != 1 || ln->reason == R_TITLE ||
	    ln->reason == R_STANDFIRST || ln->reason == R_TABLE ||
	    ln->words < PULL_WORDS || ln->words > PULL_MAX_WORDS ||
	    (ln->flags & (L_BULLET | L_NUMCELL | L_TABLE)))
		return 0;
	up = &dc->lines[i - 1];
	if (up->kind == K_BLANK || up->kind == K_GOOD || up->words > QUOTE_LABEL_WORDS ||
	    (up->kind == K_NEAR && up->words > QUOTE_NEAR_WORDS) ||
	    (up->flags & (L_BULLET | L_DIGITS)) || up->reason == R_DATE ||
	    final_stop(dc->text + up->off, up->len))
		return 0;
	len = safi_bp_pull_core(p, ln->len, &from, &quoted);
	if (len == 0)
		return 0;
	p += from;
	for (k = 0, seen = 0; k < len; k++)
		seen += p[k] == ' ';
	if (seen + 1 < PULL_WORDS)
		return 0;  /* an address or a code, no words */
	for (k = i - 1, seen = 0; k > a && i - k < PULL_LINES && seen < PULL_REACH;)
		if (holder(dc, --k, len) && ++seen &&
		    holds(dc->text + dc->lines[k].off, dc->lines[k].len, p, len))
			return 1;
	return 0;
}

static void
drop_copy(struct bp_line *ln)
{
	ln->keep = 0;
	ln->reason = R_DUPLICATE;
}

void
safi_bp_drop_pull_quotes(struct decoder *dc, size_t a, size_t b)
{
	size_t i;

	for (i = a; i <= b && i < dc->nlines; i++) {
		if (dc->lines[i].kind == K_BLANK)
			continue;
		if (pull_quote(dc, a, i)) {
			drop_copy(&dc->lines[i]);
		} else if (post_quote(dc, a, i)) {
			drop_copy(&dc->lines[i]);
			if (dc->lines[i - 1].keep == 1)
				drop_copy(&dc->lines[i - 1]);  /* the poster's label */
		}
	}
}

/*
 * A mail's quote of the message it answers: its lines open with a quote
 * mark '>' (one level or more, "> >"), and the reply's own text stands
 * between them.  A line opening with ">>>" (an interpreter's prompt in a
 * code sample) or '>' and a digit or sign ("> 5 %", ">= 2") is no quote.
 * The quoted lines go only when the kept lines of the reply's own text
 * outnumber them (a page made of quoted lines, or mostly so, keeps them),
 * and only below the reply's first line of its own: the quote at the top
 * of a reply, under "Sam wrote:", states what the reply answers and
 * stays, while the lines quoted between the reply's paragraphs are the
 * earlier message cut up to answer it point by point.
 */

/* Does p[0, n) open with a mail's quote mark ("> text", ">text")? */
static int
mail_quoted(const char *p, size_t n)
{
	size_t k = 0;

	while (k < n && (p[k] == ' ' || p[k] == '\t'))
		k++;
	if (k >= n || p[k] != '>')
		return 0;
	if (k + 2 < n && p[k + 1] == '>' && p[k + 2] == '>')
		return 0;  /* ">>>": a prompt */
	while (k < n && (p[k] == '>' || p[k] == ' '))
		k++;
	return k < n && !(p[k] >= '0' && p[k] <= '9') && p[k] != '=' &&
	    p[k] != '-' && p[k] != '+' && p[k] != '<';
}

void
safi_bp_drop_mail_quotes(struct decoder *dc)
{
	size_t i, quoted = 0, own = 0;

	for (i = 0; i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->keep != 1 || ln->kind == K_BLANK)
			continue;
		if (mail_quoted(dc->text + ln->off, ln->len))
			quoted++;
		else if (ln->kind == K_GOOD || ln->kind == K_NEAR)
			own++;
	}
	if (quoted == 0 || own <= quoted)
		return;
	for (i = 0, own = 0; i < dc->nlines; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->keep != 1 || ln->kind == K_BLANK)
			continue;
		if (!mail_quoted(dc->text + ln->off, ln->len))
			own += ln->kind == K_GOOD && !(ln->flags & L_COLON);
		else if (own > 0)
			drop_copy(ln);
	}
}
