/*
 * boilerplate_credits.c - captions kept inside the article by their
 * credit.
 *
 * A picture's caption between two paragraphs reads as a short paragraph;
 * what gives it away is the credit in parentheses at its end.  Two shapes
 * are furniture whatever the words: the site crediting itself, a caption
 * whose parentheses hold the name printed on a line of the page's head
 * that holds at most one word more, its masthead ("Children in a
 * classroom (The Gazette)" under "Daily Gazette"); and a
 * chart's or picture's label over a labelled source, a line that opens
 * with a label of one or two words and a colon and ends with a labelled
 * source in parentheses ("Chart: prices by month (Source: the ministry)").
 *
 * Only lines below the first kept line, of at most CREDIT_LINE_WORDS
 * words, are candidates, and the masthead is looked for among the
 * dropped lines of at most MASTHEAD_WORDS words in the HEAD_REACH lines
 * above the first kept line: the cost is one pass over the lines and, for
 * each candidate, a pass over at most HEAD_REACH head lines.
 *
 * A caption may also stand on a line of its own over its credit: the
 * figure's caption, then, with no blank line between them, the credit the
 * line shapes already dropped ("Archive", "(Reuters)", "Photo - J. Smith").
 * A short line that ends no sentence and holds no digit (a stamp, a
 * rating, a count over a button are not captions), kept between the
 * article's text with a blank line (or a dropped line) above it and such
 * a credit right under it, is that caption: a paragraph of the article is
 * not glued to a picture's credit.  A caption that ends a sentence ("The
 * ferry on its first trip.") is one too over a credit under its label
 * ("Foto: J. Berg", "Photograph: S. Ortiz for the Courier") with a blank
 * line below: caption and credit make a block of their own.  A longer
 * one, of up to CREDIT_LINE_WORDS words, is one as well when the block is
 * set apart on both sides, a blank line over the caption and under the
 * credit, and the credit is a credit by its shape or its label ("Getty
 * Images", "File photo"): a paragraph is set apart so, but not glued to
 * a credit.  A credit only a phrase list knows ("Archive") is not enough
 * for a sentence.  One pass over the lines.
 */
#define _GNU_SOURCE  /* memmem */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"

#define CREDIT_LINE_WORDS 20
#define CREDIT_GROUP_WORDS 4
#define MASTHEAD_WORDS 4
#define HEAD_REACH 30
#define LABEL_WORDS 2
#define OVER_CREDIT_WORDS 12  /* most words of a caption over its credit */
#define CREDIT_PHRASE_WORDS 4 /* most words of a credit under a caption */
#define LABELLED_CREDIT_WORDS 8  /* most words of a credit under its label */
#define COPY_CREDIT_WORDS 5   /* most words after a caption's credited copy */

/* The group in parentheses that ends line |ln|, of one to
 * CREDIT_GROUP_WORDS words and no digit, at p[*b, *e); 0 if there is
 * none or the text before it ends a sentence. */
static int
end_group(const struct bp_doc *d, const struct bp_line *ln, size_t *b, size_t *e)
{
	return safi_bp_end_group(d->base + ln->off, ln->len, CREDIT_GROUP_WORDS, b, e);
}

/* Does p[0, n) open with a label of one to LABEL_WORDS words and a colon
 * and a space? */
static int
labelled(const char *p, size_t n)
{
	const char *q = memchr(p, ':', n);
	size_t k, spaces = 0;

	while (n > 0 && *p == ' ') {
		p++;
		n--;
	}
	if (q == NULL || q == p || q + 1 >= p + n || q[1] != ' ')
		return 0;
	for (k = 0; p + k < q; k++)
		spaces += p[k] == ' ';
	return spaces < LABEL_WORDS;
}

/* Does line |h| hold p[0, n) as whole words? */
static int
names(const struct bp_doc *d, const struct bp_line *h, const char *p, size_t n)
{
	const char *s = d->base + h->off, *q = s, *end = s + h->len;

	while (n > 0 && *p == ' ') {
		p++;
		n--;
	}
	while (n > 0 && p[n - 1] == ' ')
		n--;
	while (n > 0 && (q = memmem(q, (size_t)(end - q), p, n)) != NULL) {
		if ((q == s || q[-1] == ' ') && (q + n == end || q[n] == ' '))
			return 1;
		q++;
	}
	return 0;
}

/* The words of p[0, n). */
static size_t
words_in(const char *p, size_t n)
{
	size_t k, words = 0;

	for (k = 0; k < n; k++)
		words += p[k] != ' ' && (k == 0 || p[k - 1] == ' ');
	return words;
}

void
safi_bp_drop_credited_captions(struct bp_doc *d)
{
	size_t first, i, h, head[HEAD_REACH], nhead = 0;

	for (first = 0; first < d->nlines && d->lines[first].keep != 1; first++)
		;
	if (first == d->nlines)
		return;
	for (h = first > HEAD_REACH ? first - HEAD_REACH : 0; h < first; h++)
		if (d->lines[h].kind != K_BLANK && d->lines[h].words <= MASTHEAD_WORDS)
			head[nhead++] = h;
	for (i = first + 1; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];
		const char *p = d->base + ln->off;
		size_t b, e, k;
		int credited = 0;

		if (ln->keep != 1 || ln->words > CREDIT_LINE_WORDS || !end_group(d, ln, &b, &e))
			continue;
		if (labelled(p, ln->len) && labelled(p + b, e - b))
			credited = 1;
		for (k = 0; k < nhead && !credited; k++)
			credited = d->lines[head[k]].words <= words_in(p + b, e - b) + 1 &&
			    names(d, &d->lines[head[k]], p + b, e - b);
		if (credited) {
			ln->keep = 0;
			ln->reason = R_CAPTION;
		}
	}
}

/* Is line |i| a picture's credit the line shapes dropped: a caption or
 * credit shape or a phrase ("Photo - J. Smith"), of CREDIT_PHRASE_WORDS
 * words at most and no digit?  A longer line in parentheses is a remark,
 * one with a number a reference ("(Surah 23:68)") or a stamp, and a run
 * of long lines dropped as captions is no credit either. */
static int
dropped_credit(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];

	return ln->keep == 0 && ln->words <= CREDIT_PHRASE_WORDS && !(ln->flags & L_DIGITS) &&
	    (BP_SHAPE_REASON(ln) == R_CAPTION || BP_SHAPE_REASON(ln) == R_CREDIT ||
	    BP_SHAPE_REASON(ln) == R_PHRASE);
}

/* Is line |i| a credit under a label ("Foto: J. Berg", "Bild: dpa") that
 * closes its figure: a blank line or the end below it? */
static int
labelled_credit(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];

	return ln->keep == 0 && ln->words <= LABELLED_CREDIT_WORDS && !(ln->flags & L_DIGITS) &&
	    (i + 1 == d->nlines || d->lines[i + 1].kind == K_BLANK) &&
	    safi_bp_caption_tag(d->base + ln->off, ln->len);
}

/* Is line |k| a dropped copy of line |i| with a credit after it: line
 * |i|'s bytes, a space, then at most COPY_CREDIT_WORDS words ("A market
 * in Rabat - archive photo", "... (Photo: S. Haddad)")?  Pages print a
 * picture's caption twice, once bare and once with its source. */
static int
credited_copy_of(const struct bp_doc *d, size_t i, size_t k)
{
	const struct bp_line *ln = &d->lines[i], *c = &d->lines[k];
	const char *p = d->base + ln->off, *q = d->base + c->off;

	return c->keep == 0 && c->kind != K_BLANK && c->len > ln->len + 1 &&
	    memcmp(p, q, ln->len) == 0 && q[ln->len] == ' ' &&
	    words_in(q + ln->len, c->len - ln->len) <= COPY_CREDIT_WORDS;
}

/* Is line |i| (not the first, nor one of the last two) over its credit a
 * block of its own: a blank line right above it, and right under it, with
 * no blank line between, a credit of at most LABELLED_CREDIT_WORDS words,
 * no digit and no sentence end that the caption or credit shape dropped
 * or that opens with its label ("Getty Images", "File photo", "Photo: J.
 * Berg / City Museum"), with a blank line right under that?  A sentence
 * in parentheses is a remark, no credit. */
static int
figure_block(const struct bp_doc *d, size_t i)
{
	const struct bp_line *c = &d->lines[i + 1];

	return d->lines[i - 1].kind == K_BLANK && d->lines[i + 2].kind == K_BLANK &&
	    c->keep == 0 && c->words <= LABELLED_CREDIT_WORDS &&
	    !(c->flags & (L_DIGITS | L_TERM)) &&
	    (BP_SHAPE_REASON(c) == R_CAPTION || BP_SHAPE_REASON(c) == R_CREDIT ||
	    safi_bp_caption_tag(d->base + c->off, c->len));
}

void
safi_bp_drop_captions_over_credits(struct bp_doc *d)
{
	size_t i, last;
	int text_above = 0;  /* a line above i is kept */

	for (last = d->nlines; last > 0 && d->lines[last - 1].keep != 1; last--)
		;
	for (i = 0; i + 2 < last; i++) {
		struct bp_line *ln = &d->lines[i];

		if (ln->keep == 1 && i > 0 && text_above && d->lines[i - 1].keep != 1 &&
		    ln->reason != R_TITLE && ln->words <= OVER_CREDIT_WORDS &&
		    !(ln->flags & (L_COLON | L_BULLET | L_DIGITS)) &&
		    ((!(ln->flags & L_TERM) && dropped_credit(d, i + 1)) || labelled_credit(d, i + 1))) {
			ln->keep = 0;  /* text is kept below it: last - 1 > i + 1 */
			ln->reason = R_CAPTION;
			continue;
		}
		/* text_above: i > 0 */
		if (ln->keep == 1 && text_above && ln->reason != R_TITLE &&
		    ln->words <= CREDIT_LINE_WORDS &&
		    !(ln->flags & (L_COLON | L_BULLET | L_DIGITS)) && figure_block(d, i)) {
			ln->keep = 0;  /* text is kept below it: last - 1 > i + 1 */
			ln->reason = R_CAPTION;
			continue;
		}
		/* text_above: i > 0 */
		if (ln->keep == 1 && text_above && ln->reason != R_TITLE &&
		    ln->words <= CREDIT_LINE_WORDS && !(ln->flags & L_BULLET) &&
		    (credited_copy_of(d, i, i + 1) || credited_copy_of(d, i, i - 1))) {
			ln->keep = 0;
			ln->reason = R_CAPTION;
			continue;
		}
		text_above |= ln->keep == 1;
	}
}
