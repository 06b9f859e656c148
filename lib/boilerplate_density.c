/*
 * boilerplate_density.c - body-text density, and paragraphs printed over
 * several lines, before the decoder.
 *
 * A line's shape alone makes it body text or not; with the language of
 * the page known, a body paragraph must also have the stop words of that
 * language (or, without a list, end a sentence), since a headline or a
 * menu of the same length has few.  Some paragraphs are cut into lines by
 * the page itself: text hard-wrapped at a fixed width (a press release, a
 * <pre> block) and verse set one clause to a line.  Each such line alone
 * is too short to be body text, so the lines are joined and judged as one
 * paragraph, and each of them gets its kind, before the decoder weighs
 * the lines into a zone.
 *
 * Cost: a pass over the lines, and one more for each of the two joins;
 * only runs that could be wrapped text count their characters.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"

/* The kind of a paragraph of |words| words with |flags| and a stop-word
 * share of |stop| percent, which its shape made |kind|: GOOD needs enough
 * stop words for the language (when there is a list), or, without one, a
 * sentence end. */
static int
density_kind(const struct bp_lexicon *lx, const struct safi_boilerplate_opts *o, int kind,
             unsigned words, unsigned flags, unsigned stop, int lang)
{
	/* An Arabic paragraph without a sentence end (many Arabic sites end
	 * none) is body text when it has one and a half times the stop words
	 * asked of a paragraph: headlines have few. */
	if (kind == K_NEAR && lang >= 0 && lx->ar_bit == 1u << lang && words >= o->min_words &&
	    !(flags & (L_TERM | L_BULLET | L_COLON)) && stop * 2 >= 3 * o->min_stop)
		return K_GOOD;
	if (kind != K_GOOD)
		return kind;
	if (lang >= 0) {
		if (stop < o->min_stop && !((flags & L_TERM) && stop * 2 >= o->min_stop))
			return K_NEAR;
	} else if (!(flags & L_TERM) && words < 2 * o->min_words) {
		return K_NEAR;
	}
	return K_GOOD;
}

/*
 * Hard-wrapped text (a press release wrapped at 70 columns, a <pre>
 * block): a paragraph printed as lines of about the same width, with no
 * blank line between them.  A run of WRAP_LINES lines or more, none a list
 * item or boilerplate by its shape, at most WRAP_WIDTH characters wide,
 * every line but the last at least four fifths of the widest, where each
 * line goes on from the one before (it starts with a lower-case letter,
 * or below a full line that ends with a stop word (see full_breaks()),
 * or the one before ended a sentence; in scripts without case, at most a
 * third of the lines end one), is one paragraph: judged as one, and each
 * of its lines gets its kind.
 */
#define WRAP_LINES 3

size_t
safi_bp_text_chars(const char *p, size_t n)
{
	size_t k = 0, cont = 0;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	for (; k + 8 <= n; k += 8) {
		uint64_t x;

		memcpy(&x, p + k, 8);
		/* The high bit of each continuation byte, summed across the
		 * bytes by a multiplication. */
		x = (x & ~(x << 1) & 0x8080808080808080ull) >> 7;
		cont += (size_t)((x * 0x0101010101010101ull) >> 56);
	}
	for (; k < n; k++)
		cont += ((unsigned char)p[k] & 0xC0) == 0x80;
	return n - cont;
}

/* Characters of line |i| (safi_bp_text_chars()). */
static size_t
line_chars(const struct bp_doc *d, size_t i)
{
	return safi_bp_text_chars(d->base + d->lines[i].off, d->lines[i].len);
}

/* Can line |i| be in a wrapped paragraph? */
static int
wrap_line(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];

	/* The end of a sentence alone on a line may look like a date:
	 * "Monday." */
	return ln->kind != K_BLANK && (ln->kind != K_BAD || ln->reason == R_DATE) &&
	    !(ln->flags & (L_BULLET | L_TABLE)) && ln->len <= 4 * WRAP_WIDTH && ln->words > 0;
}

/* Do the lines [i, j) fit the width of wrapped text: none wider than
 * WRAP_WIDTH, and none but the last narrower than four fifths of the
 * widest?  Each line is counted once: the narrowest above the last is the
 * one to compare. */
static int
wrap_widths(const struct bp_doc *d, size_t i, size_t j)
{
	size_t k, width = 0, narrowest = SIZE_MAX, c;

	for (k = i; k < j; k++) {
		if ((c = line_chars(d, k)) > WRAP_WIDTH)
			return 0;
		width = c > width ? c : width;
		if (k + 1 < j && c < narrowest)
			narrowest = c;
	}
	return narrowest == SIZE_MAX || 5 * narrowest >= 4 * width;
}

/*
 * Wrapped paragraphs printed one after another with no blank line between
 * them: the last line of a paragraph ends a sentence and falls short of
 * four fifths of the widest line above it in the run.  Returns the end of
 * the first paragraph of the run [i, j): the line after the first such
 * line, or |j|.  Only runs with a sentence end inside them count their
 * characters, each line once, up to the first line too wide for wrapped
 * text, past which no paragraph of the run can be wrapped.
 */
static size_t
wrap_end(const struct bp_doc *d, size_t i, size_t j)
{
	size_t k, width = 0, c;

	for (k = i; k + 1 < j && !(d->lines[k].flags & L_TERM); k++)
		;
	if (k + 1 >= j)
		return j;
	for (k = i; k + 1 < j; k++) {
		if ((c = line_chars(d, k)) > WRAP_WIDTH)
			return j;
		if ((d->lines[k].flags & L_TERM) && 5 * c < 4 * width)
			return k + 1;
		width = c > width ? c : width;
	}
	return j;
}

/*
 * Does line |i| show prose inside it: a comma or a semicolon (Latin,
 * Arabic or CJK), a pause marked in a verse, or the end of a sentence with
 * text after it?  A wrapped paragraph of text without case shows it in one
 * of its lines at least; a list of headlines of like widths, one to a
 * line, does not.  Bytes that cannot start or end such a mark are passed
 * over by a table lookup: Arabic letters lead with 0xD8 and 0xD9, so the
 * marks are found by their last byte.
 */
static const uint8_t mark_end[256] = {
	['!'] = 2, [','] = 1, ['.'] = 2, [';'] = 1, ['?'] = 2,
	[0x8C] = 1, [0x96] = 1, [0x97] = 1, [0x98] = 1, [0x99] = 1,
	[0x9A] = 1, [0x9B] = 1, [0x9C] = 1, [0x9F] = 2, [0xE3] = 4,
};

static int
prose_mark(const struct bp_doc *d, size_t i)
{
	const unsigned char *p = (const unsigned char *)d->base + d->lines[i].off;
	size_t k, n = d->lines[i].len;

	for (k = 0; k < n; k++) {
		unsigned m = mark_end[p[k]], c;

		if (m == 0)
			continue;
		c = p[k];
		if (m == 4) {
			/* U+3001, U+3002 (the ideographic full stop, then text) */
			if (k + 2 < n && p[k + 1] == 0x80 && (p[k + 2] == 0x81 ||
			    (p[k + 2] == 0x82 && k + 3 < n && p[k + 3] != ' ')))
				return 1;
			continue;
		}
		if (c >= 0x80) {
			/* U+06D6..U+06DC; U+FF0C, U+FF1B */
			if ((k >= 1 && p[k - 1] == 0xDB && c >= 0x96 && c <= 0x9C) ||
			    (k >= 2 && p[k - 2] == 0xEF && p[k - 1] == 0xBC && (c == 0x8C || c == 0x9B)))
				return 1;
			/* U+060C, U+061B, U+061F, or a letter's last byte */
			if (k == 0 || p[k - 1] != 0xD8 || (c != 0x8C && c != 0x9B && c != 0x9F))
				continue;
		}
		if (m == 1)
			return 1;
		/* a sentence end, then a space and text */
		if (k + 2 < n && p[k + 1] == ' ' && p[k + 2] != ' ')
			return 1;
	}
	return 0;
}

static int
prose_marks(const struct bp_doc *d, size_t i, size_t j)
{
	for (; i < j; i++)
		if (prose_mark(d, i))
			return 1;
	return 0;
}

size_t
safi_bp_first_word_chars(const char *text, size_t n)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t k = 0, c = 0;

	while (k < n && (p[k] == ' ' || p[k] == '\t'))
		k++;
	for (; k < n && p[k] != ' ' && p[k] != '\t'; k++)
		c += (p[k] & 0xC0) != 0x80;
	return c;
}

/* Characters of the first word of line |i| (after its indent). */
static size_t
first_word_chars(const struct bp_doc *d, size_t i)
{
	return safi_bp_first_word_chars(d->base + d->lines[i].off, d->lines[i].len);
}

/* Does line |i| end with a stop word of language |lang| (an article, a
 * preposition, a conjunction: "mit", "the", "de")?  A headline seldom
 * ends so. */
static int
open_end(const struct bp_lexicon *lx, const struct bp_doc *d, size_t i, int lang)
{
	struct bp_scan s;

	safi_bp_scan_line(lx, d->base + d->lines[i].off, d->lines[i].len, &s);
	return s.ntok > 0 && s.ntok == s.words && (s.tok_flags[s.ntok - 1] & (1u << lang));
}

/*
 * Lines of the cased run [i, j) that start with a capital below a line
 * that ends with a stop word and is too full to take their first word:
 * text wrapped at a width of at least the run's widest line put that word
 * on the next line because it did not fit.  German starts its nouns with
 * a capital, so a wrapped German paragraph shows few lines going on in
 * lower case; a column of headlines and their decks leaves room for the
 * next line's first word, and a row of archive links ends with no stop
 * word.  Only runs that fail the lower-case count look at this.
 */
static unsigned
full_breaks(const struct bp_lexicon *lx, const struct bp_doc *d, size_t i, size_t j, int lang)
{
	unsigned n = 0;
	size_t k, width = 0, c;

	if (lang < 0)
		return 0;
	for (k = i; k < j; k++)
		width = (c = line_chars(d, k)) > width ? c : width;
	for (k = i + 1; k < j; k++)
		if ((d->lines[k].flags & L_CASED) && !(d->lines[k].flags & L_LOWER) &&
		    !(d->lines[k - 1].flags & L_TERM) &&
		    line_chars(d, k - 1) + 1 + first_word_chars(d, k) > width &&
		    open_end(lx, d, k - 1, lang))
			n++;
	return n;
}

/*
 * The lines [i, j) judged as one wrapped paragraph: when they read as one,
 * each gets its kind.  Returns whether they read as one.
 */
static int
wrapped_para(const struct bp_lexicon *lx, const struct safi_boilerplate_opts *o,
             struct bp_doc *d, int lang, size_t i, size_t j)
{
	unsigned words = 0, ends = 0, lower = 0, breaks = 0, cased = 0, kind;
	uint64_t stop = 0;
	size_t k;

	for (k = i; k < j; k++) {
		const struct bp_line *ln = &d->lines[k];

		words += ln->words;
		if (lang >= 0)
			stop += (uint64_t)ln->stop * ln->words;
		if (k + 1 < j)
			ends += (ln->flags & L_TERM) != 0;
		if (k > i && (ln->flags & L_CASED)) {
			lower += (ln->flags & L_LOWER) != 0;
			breaks += !(ln->flags & L_LOWER) && !(d->lines[k - 1].flags & L_TERM);
		}
		cased += (ln->flags & L_CASED) != 0;
	}
	/* Cased text goes on in lower case, more often than a line starts
	 * with a name; text without case ends few of its lines with a
	 * sentence and shows its prose by its punctuation (see
	 * prose_mark()).  A run of it that ends no sentence right above a
	 * paragraph printed on one line, wider than wrapped text, is no
	 * paragraph of a page that wraps its text: a column of headlines
	 * (one with a comma inside) over the article going on.  The widths,
	 * which cost a count of the characters, are looked at last. */
	if (cased && !(lower > 0 && breaks <= lower)) {
		unsigned full = full_breaks(lx, d, i, j, lang);

		lower += full;
		breaks -= full;
	}
	if (!(cased ? lower > 0 && breaks <= lower : 3 * ends <= j - i - 1) ||
	    !wrap_widths(d, i, j) || !(cased || prose_marks(d, i, j)) ||
	    (!cased && !(d->lines[j - 1].flags & L_TERM) && j < d->nlines &&
	    d->lines[j].kind != K_BLANK && line_chars(d, j) > WRAP_WIDTH))
		return 0;
	kind = words >= o->min_words && ((d->lines[j - 1].flags & L_TERM) ||
	    words >= 2 * o->min_words) ? K_GOOD : K_NEAR;
	kind = (unsigned)density_kind(lx, o, (int)kind, words, d->lines[j - 1].flags,
	    lang >= 0 ? (unsigned)(stop / words) : 0, lang);
	if (kind == K_GOOD)
		for (k = i; k < j; k++) {
			d->lines[k].kind = K_GOOD;
			d->lines[k].flags |= L_WRAPPED;
		}
	return 1;
}

/*
 * Where a wrapped paragraph at the end of the run [i, j) starts: a page
 * may print its headline, a deck or a dateline right above the first
 * paragraph of a release, with no blank line between, and the run then
 * does not read as one paragraph.  Walking up from the paragraph's last
 * line, the lines as wide as four fifths of the widest below them (and no
 * wider than WRAP_WIDTH) are the paragraph; the first narrower line ends
 * it.  Text with case only: one of the lines below the first goes on in
 * lower case.  Returns the index of its first line, or |i|.
 */
static size_t
wrapped_tail(const struct bp_doc *d, size_t i, size_t j)
{
	size_t k = j - 1, width, c;

	/* Cased text goes on in lower case: a run with no line that does
	 * (a menu, a list of headlines) holds no such paragraph, and its
	 * widths are not counted. */
	while (k > i && !(d->lines[k].flags & L_LOWER))
		k--;
	if (k == i)
		return i;
	k = j - 1;
	width = line_chars(d, k);
	while (k > i) {
		c = line_chars(d, k - 1);
		if (c > WRAP_WIDTH || 5 * c < 4 * width)
			break;
		width = c > width ? c : width;
		k--;
	}
	return k;
}

int
safi_bp_title_cased(const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t k;
	unsigned upper = 0, lower = 0;

	/* a word after a space: the line's first word is not counted */
	for (k = 0; k + 1 < len; k++) {
		if (p[k] != ' ')
			continue;
		upper += p[k + 1] >= 'A' && p[k + 1] <= 'Z';
		lower += p[k + 1] >= 'a' && p[k + 1] <= 'z';
	}
	return upper > lower;
}

/*
 * A paragraph broken by hand into two lines (a <br> inside it, where an
 * old page laid out in a table cell ends its lines), with no blank line
 * between them: too few lines for the widths of wrapped text to tell, but
 * the second line goes on the sentence of the first, which ends none (no
 * sentence end, colon or menu separator), in lower case ("the long-term
 * future of ...").  A headline over its deck, a caption over its credit,
 * a menu over a link start their second line with a capital, and a book's
 * or a product's title over a note in lower case ("an all-time
 * favourite!") capitalises its own words (safi_bp_title_cased()).  The pair is
 * judged as one paragraph, as wrapped lines are (the first line as wide
 * as four fifths of the second at least): its lines get the kind of the
 * whole.
 */
static int
broken_pair(const struct bp_doc *d, size_t i)
{
	const struct bp_line *l1 = &d->lines[i], *l2 = &d->lines[i + 1];

	return !(l1->flags & (L_TERM | L_COLON | L_SEPARATED)) && (l1->flags & L_CASED) &&
	    !(l1->flags & L_LOWER) && (l2->flags & L_LOWER) && (l2->flags & L_CASED) &&
	    !safi_bp_title_cased(d->base + l1->off, l1->len);
}

static void
join_wrapped(const struct bp_lexicon *lx, const struct safi_boilerplate_opts *o,
             struct bp_doc *d, int lang)
{
	size_t i = 0, j, k;

	while (i < d->nlines) {
		for (j = i; j < d->nlines && wrap_line(d, j); j++)
			;
		if (j - i == 2 && broken_pair(d, i)) {
			wrapped_para(lx, o, d, lang, i, j);
			i = j + 1;
			continue;
		}
		if (j - i < WRAP_LINES) {
			i = j + 1;
			continue;
		}
		if ((j = wrap_end(d, i, j)) - i < WRAP_LINES) {
			i = j;
			continue;
		}
		if (!wrapped_para(lx, o, d, lang, i, j) &&
		    (k = wrapped_tail(d, i, j)) > i && j - k >= WRAP_LINES)
			wrapped_para(lx, o, d, lang, k, j);
		i = j;
	}
}

/*
 * Verse and other text set one clause to a line (a poem, a hymn, song
 * lyrics): stanzas of VERSE_STANZA lines or more with no blank line inside
 * them and one blank line between them, VERSE_LINES lines or more in all,
 * none a list item, a table cell or boilerplate by its shape, each of
 * VERSE_WORDS words or more and each ending a clause (a sentence end, a
 * comma, a semicolon or a colon, Arabic ones too) or running on into the
 * next line, which opens in lower case (runs_on()).  Each line alone is
 * too short to be body text; the stanzas are judged as one paragraph, and
 * each of their lines gets its kind, as the lines of a wrapped paragraph
 * do.  A teaser cut short ("...") ends no clause: a column of them is a
 * feed, not a poem.
 */
#define VERSE_LINES 5
#define VERSE_STANZA 2
#define VERSE_WORDS 3
#define VERSE_RUN 8

/* Does line |i| end a clause? */
static int
clause_end(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];
	const unsigned char *p = (const unsigned char *)d->base + ln->off;
	size_t n = ln->len;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n >= 3 && (!memcmp(p + n - 3, "...", 3) || !memcmp(p + n - 3, "\xE2\x80\xA6", 3)))
		return 0;
	if (ln->flags & (L_TERM | L_COLON))
		return 1;
	if (n > 0 && (p[n - 1] == ',' || p[n - 1] == ';'))
		return 1;
	/* U+060C ARABIC COMMA, U+061B ARABIC SEMICOLON */
	return n >= 2 && p[n - 2] == 0xD8 && (p[n - 1] == 0x8C || p[n - 1] == 0x9B);
}

/* Has line |ln| the shape of a line of verse: short, of VERSE_WORDS words
 * or more, no list item, table cell or line of a wrapped paragraph? */
static int
verse_shape(const struct bp_line *ln)
{
	return (ln->kind == K_SHORT || ln->kind == K_NEAR) && ln->words >= VERSE_WORDS &&
	    !(ln->flags & (L_BULLET | L_TABLE | L_WRAPPED));
}

/* Does line |i| run on into the next: VERSE_RUN words at most, of
 * letters, spaces, apostrophes, commas and hyphens alone, ending in a
 * letter (a word cut by the line's end), over a line of verse's shape
 * that opens in lower case?  Code puts dots, brackets and signs in its
 * lines, a column of teasers prints longer lines and numbers. */
static int
runs_on(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];
	const unsigned char *p = (const unsigned char *)d->base + ln->off;
	size_t n = ln->len, k;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (ln->words > VERSE_RUN || n == 0 || i + 1 >= d->nlines ||
	    !(d->lines[i + 1].flags & L_LOWER) || !verse_shape(&d->lines[i + 1]))
		return 0;
	for (k = 0; k < n; k++)
		if (!((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z') && p[k] < 0x80 &&
		    p[k] != ' ' && p[k] != '\'' && p[k] != ',' && p[k] != '-')
			return 0;
	/* U+2000..U+207F, general punctuation ("…", "”"), ends no word */
	if (n >= 3 && p[n - 3] == 0xE2 && (p[n - 2] == 0x80 || p[n - 2] == 0x81))
		return 0;
	return ((p[n - 1] | 0x20) >= 'a' && (p[n - 1] | 0x20) <= 'z') || p[n - 1] >= 0x80;
}

/* Is line |i| a line of verse: of its shape, ending a clause or running
 * on into the next line of its stanza ("The sea goes out so far" over
 * "you could think it had left you,")? */
static int
verse_line(const struct bp_doc *d, size_t i)
{
	return verse_shape(&d->lines[i]) && (clause_end(d, i) || runs_on(d, i));
}

/* The end of the stanza from line |i|: the first line after it. */
static size_t
stanza_end(const struct bp_doc *d, size_t i)
{
	while (i < d->nlines && verse_line(d, i))
		i++;
	return i;
}

static void
join_verse(const struct bp_lexicon *lx, const struct safi_boilerplate_opts *o,
           struct bp_doc *d, int lang)
{
	size_t i = 0, j, k, g, end = 0;

	while (i < d->nlines) {
		unsigned words = 0, lines = 0, kind;
		uint64_t stop = 0;

		if ((g = stanza_end(d, i)) - i < VERSE_STANZA) {
			i = g + 1;
			continue;
		}
		for (j = i; (g = stanza_end(d, j)) - j >= VERSE_STANZA;) {
			for (k = j; k < g; k++) {
				words += d->lines[k].words;
				if (lang >= 0)
					stop += (uint64_t)d->lines[k].stop * d->lines[k].words;
			}
			lines += (unsigned)(g - j);
			end = g;
			if (g + 1 >= d->nlines || d->lines[g].kind != K_BLANK)
				break;
			j = g + 1;
		}
		if (lines >= VERSE_LINES) {
			kind = (unsigned)density_kind(lx, o, words >= o->min_words ? K_GOOD : K_NEAR, words,
			    L_TERM, lang >= 0 ? (unsigned)(stop / words) : 0, lang);
			for (k = i; k < end && kind == K_GOOD; k++)
				if (d->lines[k].kind != K_BLANK)
					d->lines[k].kind = K_GOOD;
		}
		i = end;
	}
}

void
safi_bp_judge_density(const struct bp_lexicon *lx, const struct safi_boilerplate_opts *o,
                      struct bp_doc *d, int lang)
{
	size_t i;

	for (i = 0; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];

		if (ln->kind == K_GOOD || ln->kind == K_NEAR)
			ln->kind = (uint8_t)density_kind(lx, o, ln->kind, ln->words, ln->flags,
			    lang >= 0 ? ln->stop : 0, lang);
	}
	join_wrapped(lx, o, d, lang);
	join_verse(lx, o, d, lang);
}
