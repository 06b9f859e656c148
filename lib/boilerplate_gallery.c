/*
 * boilerplate_gallery.c - the captions of a slideshow, in the decoder.
 *
 * A news page prints the captions of its photo gallery as text: one
 * sentence per picture ("The mayor greets volunteers at a shelter in the
 * harbour district on Sunday."), each of them a line the shape tests call
 * a body paragraph, and a hundred of them inside the article or right
 * after it.  What gives them away is the rhythm of the page: a page that
 * sets its article's paragraphs apart with blank lines prints the
 * captions as one long run of lines with no blank line between them, and
 * each line of the run is a single sentence that ends with a full stop.
 * This stage drops such runs.
 *
 * Lists in the article keep their lines: their items are short phrases
 * without a full stop, or list items by their shape, or fewer than
 * GALLERY_LINES; a page of paragraphs written one per line without blank
 * lines has no rhythm to break; and a run of paragraphs of several
 * sentences is text that the page set in another way, not captions.
 *
 * Cost: two passes over the page's lines; the characters of a line are
 * read only in a run long enough to be a gallery that passed the other
 * tests.
 */
#include <stddef.h>
#include <stdint.h>

#include <utf8proc.h>

#include "boilerplate_decoder.h"
#include "safi/utf8.h"

/* Kept lines of a run with no blank line between them that make a
 * gallery, at least: longer than the lists articles set that way. */
#define GALLERY_LINES 24
/* Body paragraphs set apart by blank lines that give the page its
 * rhythm, at least. */
#define GALLERY_APART 3
/* Dropped lines inside a run (a credit, a repeated title), at most in a
 * row: more end it. */
#define GALLERY_GAP 2
/* Words of a caption, on average over the run: a sentence, not a label
 * and not a paragraph. */
#define GALLERY_MIN_WORDS 8
#define GALLERY_MAX_WORDS 40

/* Does |ln| stand as one paragraph set apart by blank lines (or the
 * page's edge) on both sides? */
static int
set_apart(const struct decoder *dc, size_t i)
{
	return (i == 0 || dc->lines[i - 1].kind == K_BLANK) &&
	    (i + 1 == dc->nlines || dc->lines[i + 1].kind == K_BLANK);
}

/* May kept line |ln| be part of a run?  The title and table cells are
 * the article's own. */
static int
run_line(const struct bp_line *ln)
{
	return ln->keep == 1 && ln->reason != R_TITLE && ln->reason != R_TABLE;
}

/*
 * Is the kept line at |p| one sentence: no sentence end inside it, where
 * a sentence end is . ! ? … or ؟ followed by a space and a character that
 * starts a sentence (a letter that is not lower case, a quotation mark)?
 * An abbreviation before a name ("Gov. Lee") counts as an end, which a
 * share over the run absorbs.
 */
static int
one_sentence(const char *p, size_t len)
{
	size_t i, end, n;

	/* the last character is the line's own end */
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)p[i];
		int32_t next;
		utf8proc_category_t c;

		/* the bytes of a sentence end: . ! ? in ASCII, … is E2 80 A6
		 * and ؟ is D8 9F */
		if (b == '.' || b == '!' || b == '?')
			end = i + 1;
		else if (b == 0xE2 && i + 2 < len && (unsigned char)p[i + 1] == 0x80 &&
		    (unsigned char)p[i + 2] == 0xA6)
			end = i + 3;
		else if (b == 0xD8 && i + 1 < len && (unsigned char)p[i + 1] == 0x9F)
			end = i + 2;
		else
			continue;
		if (end + 1 >= len || p[end] != ' ')
			continue;
		next = safi_utf8_decode(p + end + 1, len - end - 1, &n);
		if (next < 0)
			continue;
		c = utf8proc_category(next);
		if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT ||
		    c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_PI || next == '"')
			return 0;
	}
	return 1;
}

/*
 * Does the run of kept lines [i, j] read as captions: most of its lines
 * end with a full stop and are one sentence, none is a list item or a
 * line of a wrapped paragraph, and its lines are sentences in length?
 */
static int
caption_run(const struct decoder *dc, size_t i, size_t j, size_t kept)
{
	size_t k, term = 0, single = 0, words = 0;

	for (k = i; k <= j; k++) {
		const struct bp_line *ln = &dc->lines[k];

		if (!run_line(ln))
			continue;
		if (ln->flags & (L_BULLET | L_WRAPPED))
			return 0;
		words += ln->words;
		term += (ln->flags & L_TERM) != 0;
	}
	if (10 * term < 9 * kept || words < GALLERY_MIN_WORDS * kept ||
	    words > GALLERY_MAX_WORDS * kept)
		return 0;
	/* the characters are read last, on runs that passed the rest */
	for (k = i; k <= j; k++) {
		const struct bp_line *ln = &dc->lines[k];

		if (run_line(ln) && (ln->flags & L_TERM))
			single += one_sentence(dc->text + ln->off, ln->len);
	}
	return 3 * single >= 2 * kept;
}

void
safi_bp_drop_gallery(struct decoder *dc)
{
	size_t i, j, k, last, kept, gap, apart = 0, close = 0, close_run;

	/* The rhythm: body paragraphs set apart, and those that are not. */
	for (i = 0; i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->keep != 1 || ln->kind != K_GOOD)
			continue;
		if (set_apart(dc, i))
			apart++;
		else
			close++;
	}
	if (apart < GALLERY_APART)
		return;
	for (i = 0; i < dc->nlines; i = last + 1) {
		last = i;
		if (!run_line(&dc->lines[i]))
			continue;
		/* The run from |i|: kept lines with no blank line between
		 * them and at most GALLERY_GAP dropped ones in a row. */
		kept = gap = close_run = 0;
		for (j = i; j < dc->nlines && dc->lines[j].kind != K_BLANK; j++) {
			const struct bp_line *ln = &dc->lines[j];

			if (!run_line(ln)) {
				if (++gap > GALLERY_GAP)
					break;
				continue;
			}
			gap = 0;
			kept++;
			last = j;
			close_run += ln->kind == K_GOOD;
		}
		/* The article's paragraphs elsewhere are set apart: more
		 * of them than of paragraphs printed close together (a run
		 * this long has no line set apart: close >= close_run). */
		if (kept < GALLERY_LINES || apart <= close - close_run ||
		    !caption_run(dc, i, last, kept))
			continue;
		for (k = i; k <= last; k++)
			if (run_line(&dc->lines[k])) {
				dc->lines[k].keep = 0;
				dc->lines[k].reason = R_CAPTION;
			}
	}
}
