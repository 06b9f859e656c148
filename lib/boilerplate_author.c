/*
 * boilerplate_author.c - lines about the page's author, after the decoder.
 *
 * A page names its author near the top ("By Jo Kent", "Posted by ...",
 * "كتب: ..."), and the decoder drops that byline.  The same name comes back
 * at the end of the article as a short note about the writer ("Jo Kent is
 * a reporter for ...", a translator's or reporter's title line), and that
 * note reads like body text.  This stage learns the names from the page's
 * own dropped lines, so it needs no list of bylines or job titles: a kept
 * line in the lower half of the article that starts with a name found in a
 * short dropped line, and whose name the lead of the article never uses
 * (the article is not about that person) and that body paragraphs do
 * not go on below (the note ends the article), is dropped as `author`.
 * A note may stand under the name alone instead ("Jo Kent" over
 * "Reporter at the Gazette since 2010."; an Arabic name alone over the
 * note too): the name is then read from that heading (name_heading()),
 * and found only at the end of a dropped line next to the title, where a
 * byline puts it.
 *
 * Cost: a walk over the lower half of the kept lines reading a few words
 * of each, and only when some line starts with a name, one pass over the
 * short dropped lines and a search of the article's lead.
 */
/* memmem */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "boilerplate_stages.h"

#define AUTHOR_WORDS 60      /* a note about the author is a short paragraph */
#define AUTHOR_UNCASED 12    /* without letter case, a title line alone */
#define AUTHOR_BYLINE 12     /* words of a dropped line a name is read from */
#define BYLINE_UNCASED 6     /* the same without letter case */
#define AUTHOR_CANDIDATES 16 /* lines checked per page, from the bottom up */
#define AUTHOR_TRIES 64      /* lines opening with a name looked at, at most */
#define AUTHOR_LEAD 12       /* kept lines at the top that show the topic */
#define AUTHOR_ABOVE 3       /* kept lines above the note at least */
#define AUTHOR_BELOW 2       /* body paragraphs right below that make it no note */
#define AUTHOR_REACH 8       /* non-blank lines below the note looked at */
#define AUTHOR_TOKENS 32     /* words of a dropped line compared */
#define NAME_WORDS 3         /* a first name and a surname, or with an initial */
#define BYLINE_NEAR 4        /* non-blank lines from the title to a byline */
#define NOTE_HEADING 3       /* words of a heading over the note: "About the author" */
#define NAME_TITLES 2        /* a title's letters before a name: "د.", "أ. د." */

enum word_class {
	W_NONE,     /* no letter first: a number, a symbol */
	W_CAP,      /* a capitalised word or an initial: "Kent", "J." */
	W_LOWER,    /* starts with a lower-case letter */
	W_UPPER,    /* all capitals: an acronym, a shouted label */
	W_UNCASED   /* a letter without case: Arabic, Hebrew, CJK */
};

/* One word: its core (from its first letter or digit to its last) and what
 * stands around it. */
struct word {
	const char *p;
	size_t n;
	int cls;
	int trail;      /* punctuation follows the core inside the token */
	int initial;    /* one capital letter followed by a full stop */
};

/* The category of the character at p[j] (j < len), its bytes in *m:
 * ASCII and the Arabic letters without a call, for the pass over the
 * dropped lines reads many of them. */
static inline utf8proc_category_t
char_cat(const char *p, size_t len, size_t j, size_t *m)
{
	int32_t cp = safi_bp_next_cp(p, j, len, m);

	if (cp >= 0 && cp < 0x80) {
		if (cp >= 'a' && cp <= 'z')
			return UTF8PROC_CATEGORY_LL;
		if (cp >= 'A' && cp <= 'Z')
			return UTF8PROC_CATEGORY_LU;
		return cp >= '0' && cp <= '9' ? UTF8PROC_CATEGORY_ND : UTF8PROC_CATEGORY_PO;
	}
	if (cp >= 0x0621 && cp <= 0x064A)
		return UTF8PROC_CATEGORY_LO;
	if (cp == 0x060C || cp == 0x061B || cp == 0x061F)
		return UTF8PROC_CATEGORY_PO;  /* Arabic comma, semicolon, question mark */
	return cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
}

static int
letter_or_digit(utf8proc_category_t cat)
{
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
	    (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME) ||
	    cat == UTF8PROC_CATEGORY_ND;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Reads the token at p[*i] (past white space) into *w and moves *i past
 * it.  Returns 0 at the end of the line. */
static int
next_word(const char *p, size_t len, size_t *i, struct word *w)
{
	size_t j, start, core = SIZE_MAX, end = 0;
	utf8proc_category_t first = UTF8PROC_CATEGORY_CN, cat;
	unsigned letters = 0;
	int lower = 0;

	while (*i < len && is_space((unsigned char)p[*i]))
		(*i)++;
	if (*i >= len)
		return 0;
	start = *i;
	for (j = start; j < len && !is_space((unsigned char)p[j]);) {
		size_t m;

		cat = char_cat(p, len, j, &m);
		if (letter_or_digit(cat)) {
			if (core == SIZE_MAX) {
				core = j;
				first = cat;
			}
			end = j + m;
			letters++;
			lower |= cat == UTF8PROC_CATEGORY_LL;
		}
		j += m;
	}
	*i = j;
	memset(w, 0, sizeof *w);
	if (core == SIZE_MAX) {
		w->p = p + start;
		w->cls = W_NONE;
		return 1;
	}
	w->p = p + core;
	w->n = end - core;
	w->trail = end < j;
	w->initial = letters == 1 && end < j && p[end] == '.' &&
	    (first == UTF8PROC_CATEGORY_LU || first == UTF8PROC_CATEGORY_LT ||
	    first == UTF8PROC_CATEGORY_LO);
	if (first == UTF8PROC_CATEGORY_LU || first == UTF8PROC_CATEGORY_LT)
		w->cls = lower || w->initial ? W_CAP : W_UPPER;
	else if (first == UTF8PROC_CATEGORY_LL)
		w->cls = W_LOWER;
	else if (first == UTF8PROC_CATEGORY_LO || first == UTF8PROC_CATEGORY_LM)
		w->cls = W_UNCASED;
	else
		w->cls = W_NONE;
	return 1;
}

/* A line that may open with the author's name. */
struct candidate {
	size_t line;
	struct word name[NAME_WORDS];
	unsigned n;          /* words of the name */
	unsigned alt;        /* a shorter name to try too (uncased), or 0 */
	unsigned found;      /* words of the name found in a dropped line, or 0 */
	int closing;         /* found only where it ends the dropped line */
	uint64_t hash;       /* word_hash() of the first word */
};

static int
same_word(const struct word *a, const struct word *b)
{
	return a->n == b->n && memcmp(a->p, b->p, a->n) == 0;
}

/* An ASCII letter in lower case: a byline in capitals ("MARTA OLIVARES")
 * names the writer of "Marta Olivares" too. */
static unsigned char
fold_ascii(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Are |a| and |b| the same word but for the case of ASCII letters? */
static int
same_folded(const struct word *a, const struct word *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (fold_ascii((unsigned char)a->p[i]) != fold_ascii((unsigned char)b->p[i]))
			return 0;
	return 1;
}

/* Is |w| a particle glued to a surname by a hyphen, of one to three
 * lower-case letters before a capital ("al-Khafaji", "el-Masri",
 * "ad-Din")?  Such a word stands inside a name as a capitalised one. */
static int
name_particle(const struct word *w)
{
	size_t k = 0;

	if (w->cls != W_LOWER)
		return 0;
	while (k < w->n && k < 4 && w->p[k] >= 'a' && w->p[k] <= 'z')
		k++;
	return k >= 1 && k <= 3 && k + 1 < w->n && w->p[k] == '-' &&
	    w->p[k + 1] >= 'A' && w->p[k + 1] <= 'Z';
}

/* Reads the name a kept line starts with into *c.  In a cased script the
 * name is two or three capitalised words (a particle glued to a surname,
 * "al-Khafaji", counts as one) and a lower-case word follows
 * (the note's verb: "is", "writes", "studierte"), so that a headline or a
 * heading in title case is not taken; without case, the first three or two
 * words are the name, after a title's letters ("د. ...").  A longer line
 * without case, a paragraph about the writer ("... أستاذ ... وباحث ..."),
 * takes its name only from the end of a dropped line next to the title,
 * where a byline puts it ("بقلم: ...", "د. ..."): any two words may open a
 * paragraph and end a menu's or a tag list's line too. */
static int
read_name(const char *p, size_t len, const struct bp_line *ln, struct candidate *c)
{
	struct word all[NAME_TITLES + NAME_WORDS + 1], *w = all;
	size_t i = 0;
	unsigned n = 0, r = 0, mark;

	while (n < NAME_TITLES + NAME_WORDS + 1 && next_word(p, len, &i, &all[n]))
		n++;
	/* A note's mark ("* Jo Kent is ...", "** ...") stands before the name. */
	mark = n > 3 && all[0].cls == W_NONE && all[0].p[0] == '*';
	w += mark;
	n -= mark;
	while (n > 3 && w - all < NAME_TITLES + mark && w[0].cls == W_UNCASED && w[0].initial)
		w++, n--;
	if (n < 3)
		return 0;
	c->closing = 0;
	if (w[0].cls == W_CAP) {
		while (r < n && r < NAME_WORDS + 1 &&
		    (w[r].cls == W_CAP || (r > 0 && name_particle(&w[r]))))
			r++;
		if (r < 2 || r > NAME_WORDS || r >= n || w[r].cls != W_LOWER)
			return 0;
		/* "Title: Grade Span": a name has no punctuation inside. */
		for (unsigned k = 0; k + 1 < r; k++)
			if (w[k].trail && !w[k].initial)
				return 0;
		c->n = r;
		c->alt = 0;
	} else if (w[0].cls == W_UNCASED) {
		if (w[1].cls != W_UNCASED || w[0].trail)
			return 0;
		c->n = w[2].cls == W_UNCASED && !w[1].trail ? 3 : 2;
		c->alt = c->n == 3 ? 2 : 0;
		c->closing = ln->words > AUTHOR_UNCASED;
	} else {
		return 0;
	}
	memcpy(c->name, w, c->n * sizeof w[0]);
	c->found = 0;
	return 1;
}

/* Reads into *c the name that the nearest non-blank line above kept
 * line |i| holds alone, as the heading of a note that does not open with
 * it ("Jo Kent" over "Reporter at the Gazette since 2010."): a kept line
 * of two or three capitalised words (or particles, see name_particle()),
 * or of two or three words without case ("سامي حداد"), no punctuation
 * inside.  Returns that line, or SIZE_MAX. */
static size_t
name_heading(const struct bp_doc *d, size_t i, struct candidate *c)
{
	const struct bp_line *ln;
	const char *p;
	struct word w;
	size_t at = 0, h = i;
	unsigned n = 0;

	while (h-- > 0 && d->lines[h].kind == K_BLANK)
		;
	if (h == SIZE_MAX || d->lines[h].keep <= 0)
		return SIZE_MAX;
	ln = &d->lines[h];
	p = d->base + ln->off;
	while (next_word(p, ln->len, &at, &w)) {
		if (n == NAME_WORDS || (w.cls != W_CAP && !(n > 0 && name_particle(&w)) &&
		    (w.cls != W_UNCASED || (n > 0 && c->name[0].cls != W_UNCASED))) ||
		    (n > 0 && w.cls != W_UNCASED && c->name[0].cls == W_UNCASED) ||
		    (w.trail && !w.initial))
			return SIZE_MAX;
		c->name[n++] = w;
	}
	if (n < 2)
		return SIZE_MAX;
	c->n = n;
	c->alt = 0;
	c->closing = 1;
	c->found = 0;
	return h;
}

/* The hash of a word's core (FNV-1a, ASCII letters folded to lower
 * case): the candidates' first words are found by it before their words
 * are compared. */
static uint64_t
word_hash(const struct word *w)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < w->n; i++)
		h = (h ^ fold_ascii((unsigned char)w->p[i])) * 0x100000001b3ull;
	return h;
}

/* The first words of the names: a 256-bit filter in front of their
 * hashes. */
struct name_filter {
	uint64_t bits[4];
};

static int
filter_has(const struct name_filter *f, uint64_t h)
{
	return (f->bits[h >> 62] >> (h >> 56 & 63)) & 1;
}

/* Are the |m| words at |a| the same as those at |b|, case and all? */
static int
exact(const struct word *a, const struct word *b, unsigned m)
{
	unsigned j;

	for (j = 0; j < m; j++)
		if (!same_word(&a[j], &b[j]))
			return 0;
	return 1;
}

/* Looks for the candidates' names, word for word, in a short dropped line
 * of |words| words, |near| when it stands next to the title, as a byline
 * does.  A name found only in other capitals ("MARTA OLIVARES") ends the
 * line, after one word at most ("By"): in "by THE ASSOCIATED WIRE" a
 * company is named.  Returns how many were found for the first time. */
static size_t
match_dropped(const char *p, size_t len, unsigned words, int near, struct candidate *c,
              size_t nc, const struct name_filter *f)
{
	struct word w[AUTHOR_TOKENS];
	size_t i = 0, n = 0, k, s, found = 0;

	while (n < AUTHOR_TOKENS && next_word(p, len, &i, &w[n]))
		n++;
	for (s = 0; s + 1 < n; s++) {
		uint64_t h = word_hash(&w[s]);

		if (!filter_has(f, h))
			continue;
		for (k = 0; k < nc; k++) {
			unsigned lens[2] = {c[k].n, c[k].alt};

			/* Without case any two words may be a name: only a
			 * line as short as a byline ("كتب: ...") names one. */
			if (c[k].found || c[k].hash != h ||
			    (c[k].name[0].cls == W_UNCASED && words > BYLINE_UNCASED))
				continue;
			for (unsigned v = 0; v < 2 && !c[k].found; v++) {
				unsigned m = lens[v], j;

				if (!m || s + m > n)
					continue;
				for (j = 0; j < m && same_folded(&w[s + j], &c[k].name[j]); j++)
					;
				if (j == m && (!c[k].closing || (near && s + m == n)) &&
				    (exact(&w[s], &c[k].name[0], m) || (s <= 1 && s + m == n))) {
					c[k].found = m;
					found++;
				}
			}
		}
	}
	return found;
}

/* Does the word occur, whole, in the |len| bytes at p? */
static int
has_word(const char *p, size_t len, const struct word *w)
{
	const char *q = p, *end = p + len;

	while ((q = memmem(q, (size_t)(end - q), w->p, w->n)) != NULL) {
		size_t before = (size_t)(q - p), after = before + w->n, m, b = before;
		int edge = 1;

		if (b > 0) {
			do
				b--;
			while (b > 0 && ((unsigned char)p[b] & 0xC0) == 0x80 && before - b < 4);
			edge = !letter_or_digit(char_cat(p, len, b, &m));
		}
		if (edge && after < len)
			edge = !letter_or_digit(char_cat(p, len, after, &m));
		if (edge)
			return 1;
		q++;
	}
	return 0;
}

/* Is kept line |i| the name of |c| alone: the heading of the note ("Jo
 * Kent", then "Jo Kent writes ...")? */
static int
name_alone(const struct bp_doc *d, size_t i, const struct candidate *c, unsigned words)
{
	const struct bp_line *ln = &d->lines[i];
	const char *p = d->base + ln->off;
	struct word w;
	size_t at = 0;
	unsigned k;

	if (ln->words != words)
		return 0;
	for (k = 0; k < words; k++)
		if (!next_word(p, ln->len, &at, &w) || !same_word(&w, &c->name[k]))
			return 0;
	return !next_word(p, ln->len, &at, &w);
}

/* Does the name's last word |w| stand in the |len| bytes at |p| right
 * before a slash, as in a picture's credit ("Jo Kent / The Gazette")? */
static int
credits_name(const char *p, size_t len, const struct word *w)
{
	const char *q = p, *end = p + len;

	while ((q = memmem(q, (size_t)(end - q), w->p, w->n)) != NULL) {
		const char *r = q + w->n;

		while (r < end && *r == ' ')
			r++;
		if (r < end && *r == '/')
			return 1;
		q++;
	}
	return 0;
}

/* Does the lead of the article (the kept lines |lead|, but the note and
 * its heading) use a word of the first |words| of the name?  A surname
 * the lead uses makes the line part of the story; a picture's caption
 * that credits the writer ("... Jo Kent / The Gazette") does not. */
static int
in_lead(const struct bp_doc *d, const size_t *lead, size_t nlead, const struct candidate *c,
        unsigned words)
{
	size_t j;
	unsigned k;

	for (j = 0; j < nlead; j++) {
		const struct bp_line *ln = &d->lines[lead[j]];

		if (lead[j] == c->line || name_alone(d, lead[j], c, words) ||
		    (words > 0 && credits_name(d->base + ln->off, ln->len, &c->name[words - 1])))
			continue;
		for (k = 0; k < words; k++)
			if (!c->name[k].initial && c->name[k].n >= 3 &&
			    has_word(d->base + ln->off, ln->len, &c->name[k]))
				return 1;
	}
	return 0;
}

/* Is kept line |i| a heading of a few words over a note ("About the
 * author", "عن الكاتبة"); |loose| takes any short line that ends no
 * sentence ("Sobre la firma" over the name), not just a heading. */
static int
note_heading(const struct bp_doc *d, size_t i, int loose)
{
	const struct bp_line *ln = &d->lines[i];

	return ln->words <= NOTE_HEADING && (ln->reason == R_HEADING ||
	    (loose && ln->kind != K_GOOD && !(ln->flags & (L_TERM | L_BULLET | L_COLON | L_DIGITS))));
}

/* Drops the kept line right above the note when it holds the name alone
 * or is a heading of a few words ("عن الكاتبة"): the note's own heading.
 * Above the name alone, a short line that ends no sentence is the box's
 * label and goes too. */
static void
drop_name_heading(struct bp_doc *d, const struct candidate *c)
{
	size_t i = c->line;
	int name;

	while (i-- > 0 && d->lines[i].keep < 0)
		;
	if (i == SIZE_MAX || d->lines[i].keep <= 0)
		return;
	name = name_alone(d, i, c, c->found);
	if (!name && !note_heading(d, i, 0))
		return;
	d->lines[i].keep = 0;
	d->lines[i].reason = R_AUTHOR;
	if (!name)
		return;
	while (i-- > 0 && d->lines[i].keep < 0)
		;
	if (i != SIZE_MAX && d->lines[i].keep > 0 && note_heading(d, i, 1)) {
		d->lines[i].keep = 0;
		d->lines[i].reason = R_AUTHOR;
	}
}

/* Does the line start with a stop word of the page's language (of any
 * language when it has none) in the |n| words of its name?  "The Root
 * aims ...", "Das Bundesgericht kassiert ..." open with an article, not a
 * name. */
static int
stop_in_name(const struct bp_lexicon *lx, const char *p, size_t len, unsigned n, int lang)
{
	struct bp_scan s;
	uint32_t bits = lang >= 0 ? 1u << lang : W_LANGS;
	unsigned k;

	safi_bp_scan_line(lx, p, len, &s);
	for (k = 0; k < n && k < s.ntok; k++)
		if (s.tok_flags[k] & bits)
			return 1;
	return 0;
}

/*
 * A note about the writer ends the article, with a line or so of notes
 * below it at most ("This article appears in print").  When the next
 * AUTHOR_BELOW kept lines below line |i|, within AUTHOR_REACH lines, are
 * body paragraphs, the article goes on below it: a list of trivia under
 * "Renata Okafor auditioned for ...", whose name the page's fact box gave,
 * is the article's own.
 */
static int
body_below(const struct bp_doc *d, size_t i)
{
	size_t seen = 0, body = 0;

	for (i++; i < d->nlines && seen < AUTHOR_REACH; i++) {
		const struct bp_line *ln = &d->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (ln->keep <= 0)
			continue;
		if (ln->reason != R_BODY)
			return 0;
		if (++body == AUTHOR_BELOW)
			return 1;
	}
	return 0;
}

/* Is the name read into *c from the line at |from| a candidate: no stop
 * word of the page's language among its words, none of them used in the
 * article's lead (|lead|)? */
static int
add_candidate(const struct bp_lexicon *lx, const struct bp_doc *d, const size_t *lead,
              size_t nlead, const struct candidate *c, const char *from, int lang)
{
	return !stop_in_name(lx, from, (size_t)(c->name[c->n - 1].p + c->name[c->n - 1].n - from),
	    c->n, lang) && !in_lead(d, lead, nlead, c, c->alt ? c->alt : c->n);
}

/* Is kept line |ln| a row of a record set out as a table of two columns
 * (an encyclopedia's infobox: "Location<TAB>Northern Vesmark")?  Its rows
 * name no author and stand above the article's lead: they count neither
 * as the lead nor as the kept lines above a note. */
static int
fact_row(const struct bp_doc *d, const struct bp_line *ln)
{
	return ln->reason == R_LIST && !(ln->flags & L_BULLET) &&
	    memchr(d->base + ln->off, '\t', ln->len) != NULL;
}

void
safi_bp_drop_author_lines(const struct bp_lexicon *lx, struct bp_doc *d, int lang)
{
	struct candidate c[AUTHOR_CANDIDATES];
	size_t lead[AUTHOR_LEAD], nlead = 0;  /* the first kept lines */
	size_t nc = 0, kept = 0, half, i, k, h, tries = 0;
	const char *from;                 /* the line the name is read from */
	size_t ord = 0, title = SIZE_MAX;  /* non-blank lines before a line, the title */
	unsigned most = BYLINE_UNCASED;   /* words of a dropped line worth reading */
	size_t left;                      /* candidates whose name is not found yet */
	struct name_filter f = {{0}};

	for (i = 0; i < d->nlines; i++) {
		if (d->lines[i].kind != K_BLANK)
			ord++;
		if (d->lines[i].keep <= 0 || fact_row(d, &d->lines[i]))
			continue;
		if (title == SIZE_MAX && d->lines[i].reason == R_TITLE)
			title = ord;
		if (nlead < AUTHOR_LEAD)
			lead[nlead++] = i;
		kept++;
	}
	/* The kept lines of the lower half, and never the first few: on a
	 * short article the first paragraph is in the lower half. */
	half = kept - kept / 2;
	if (kept - half < AUTHOR_ABOVE)
		half = kept > AUTHOR_ABOVE ? kept - AUTHOR_ABOVE : 0;
	for (i = d->nlines; i-- > 0 && half > 0 && nc < AUTHOR_CANDIDATES;) {
		const struct bp_line *ln = &d->lines[i];

		if (ln->keep <= 0 || fact_row(d, ln))
			continue;
		half--;
		if (ln->reason == R_TITLE || ln->reason == R_STANDFIRST || ln->reason == R_TABLE ||
		    ln->words > AUTHOR_WORDS)
			continue;
		c[nc].line = i;
		/* Without case any line opens with two words: a name alone
		 * over it is a candidate too, before the line's own. */
		if ((h = name_heading(d, i, &c[nc])) != SIZE_MAX && c[nc].name[0].cls == W_UNCASED &&
		    add_candidate(lx, d, lead, nlead, &c[nc], d->base + d->lines[h].off, lang) &&
		    ++nc < AUTHOR_CANDIDATES)
			c[nc].line = i;
		if (nc == AUTHOR_CANDIDATES)
			break;
		if (read_name(d->base + ln->off, ln->len, ln, &c[nc]))
			from = d->base + ln->off;
		else if ((h = name_heading(d, i, &c[nc])) != SIZE_MAX &&
		    c[nc].name[0].cls != W_UNCASED)
			from = d->base + d->lines[h].off;
		else
			continue;
		if (++tries > AUTHOR_TRIES)
			break;
		nc += add_candidate(lx, d, lead, nlead, &c[nc], from, lang);
	}
	if (!nc)
		return;
	left = nc;
	for (k = 0; k < nc; k++) {
		c[k].hash = word_hash(&c[k].name[0]);
		f.bits[c[k].hash >> 62] |= 1ull << (c[k].hash >> 56 & 63);
		if (c[k].name[0].cls != W_UNCASED)
			most = AUTHOR_BYLINE;
	}
	for (i = 0, ord = 0; i < d->nlines; i++) {
		const struct bp_line *ln = &d->lines[i];

		ord += ln->kind != K_BLANK;
		/* A later copy of a kept line is no byline, and a caption
		 * names who is in the picture: the story's people. */
		if (ln->keep == 0 && ln->kind != K_BLANK && ln->reason != R_DUPLICATE &&
		    ln->reason != R_CAPTION && ln->words <= most)
			if ((left -= match_dropped(d->base + ln->off, ln->len, ln->words,
			    title != SIZE_MAX && ord + BYLINE_NEAR >= title && ord <= title + BYLINE_NEAR,
			    c, nc, &f)) == 0)
				break;
	}
	for (k = 0; k < nc; k++) {
		if (!c[k].found || in_lead(d, lead, nlead, &c[k], c[k].found) ||
		    body_below(d, c[k].line))
			continue;
		d->lines[c[k].line].keep = 0;
		d->lines[c[k].line].reason = R_AUTHOR;
		drop_name_heading(d, &c[k]);
	}
}

/*
 * A box about the writer under the article: a heading that names the
 * writer after a word of its own ("About Jo Kent", "Über Jo Kent") over a
 * short note that names the writer in its first ABOUT_REACH words ("Jo
 * Kent covers the council ...", "Hi, I'm Jo."), the page's last body
 * paragraph.  The heading's first word is no part of the name, so the
 * note does not use it: a heading that is a name alone ("Jo Kent" over
 * "Jo Kent is ...") heads an entry of a list of people the article
 * presents, and a heading whose words the note goes on with ("Happy
 * Holidays" over "Happy holidays to ...") is the article's own.  No list
 * of words: the name below the heading ties the two lines together.  Both
 * are dropped as `author`, whether a byline named the writer or not.
 * Cost: a walk up from the last line to the last body paragraph.
 */
#define ABOUT_NAME_WORDS 3   /* words of the name after the heading's first */
#define ABOUT_REACH 12       /* words of the note that name the writer */
#define ABOUT_NOTE_WORDS 100 /* a note about the writer is a short paragraph */

void
safi_bp_drop_about_note(struct bp_doc *d)
{
	struct word name[ABOUT_NAME_WORDS + 1], w;
	const struct bp_line *note, *head;
	const char *p, *q;
	size_t i = d->nlines, h, at = 0, reach = 0;
	unsigned n = 0, k;

	while (i-- > 0 && !(d->lines[i].keep > 0 && d->lines[i].reason == R_BODY))
		;
	if (i == SIZE_MAX || d->lines[i].words > ABOUT_NOTE_WORDS)
		return;
	note = &d->lines[i];
	h = i;
	while (h-- > 0 && d->lines[h].kind == K_BLANK)
		;
	if (h == SIZE_MAX || d->lines[h].keep <= 0 || d->lines[h].reason != R_HEADING)
		return;
	head = &d->lines[h];
	p = d->base + head->off;
	while (next_word(p, head->len, &at, &w)) {
		if (n > ABOUT_NAME_WORDS || w.cls != W_CAP || w.trail)
			return;
		name[n++] = w;
	}
	if (n < 2)
		return;
	q = d->base + note->off;
	for (k = 0; k < ABOUT_REACH && next_word(q, note->len, &reach, &w); k++)
		;
	if (has_word(q, note->len, &name[0]))
		return;
	for (k = 1; k < n; k++)
		if (!has_word(q, reach, &name[k]))
			return;
	d->lines[h].keep = 0;
	d->lines[h].reason = R_AUTHOR;
	d->lines[i].keep = 0;
	d->lines[i].reason = R_AUTHOR;
}

/*
 * A note about the writer at the top: a box under the headline prints the
 * byline's name alone on a line and the writer's title or bio glued under
 * it ("Jo Kent" over "Covers the city council since 2015."), above the
 * article's first paragraph.  The decoder drops the name, a byline's
 * shape, and keeps the note as a paragraph.  A kept line right under such
 * a dropped name (no blank line between), at most BYLINE_NEAR non-blank
 * lines below the title, of at most TOP_NOTE_WORDS words, that shares no
 * word with the title and over which the article goes on with a body
 * paragraph (fewer than BYLINE_NEAR non-blank lines below: a date may
 * stand between), is that note; a date stamp kept between it and that
 * paragraph goes with it.  A lead under a byline tells the headline's
 * story, so it shares its words.  Cost: the lines from the title down to
 * the first body paragraph below it, each read once, and the title's
 * words read again for each candidate (at most BYLINE_NEAR).
 */
#define TOP_NOTE_WORDS 30
#define TOP_WORD_BYTES 6     /* bytes of a word compared with the title's */

/* The words of line |ln| after up to |titles| title initials opening it
 * ("د." before a name), when every one is without case and carries no
 * punctuation; else 0. */
static unsigned
uncased_words(const struct bp_doc *d, const struct bp_line *ln, unsigned titles)
{
	const char *p = d->base + ln->off;
	struct word w;
	size_t at = 0;
	unsigned n = 0;

	while (next_word(p, ln->len, &at, &w)) {
		if (n == 0 && titles > 0 && w.initial && w.cls == W_UNCASED) {
			titles--;
			continue;
		}
		if (w.cls != W_UNCASED || w.trail)
			return 0;
		n++;
	}
	return n;
}

/* Is the dropped line |h| a name alone: two or three words without case,
 * no punctuation, no digit?  (In a script with case, two capitalised
 * words are as often a button's or a heading's: "Print Email".) */
static int
name_alone_line(const struct bp_doc *d, size_t h)
{
	const struct bp_line *ln = &d->lines[h];

	if (ln->keep != 0 || ln->kind == K_BLANK || ln->words < 2 || ln->words > NAME_WORDS ||
	    (ln->flags & L_DIGITS))
		return 0;
	return uncased_words(d, ln, 0) >= 2;
}

/* Strips from the Arabic word |w| the conjunction wa- and the article
 * al- it may open with ("والمكتبة" is "مكتبة"), when a stem of two
 * letters or more is left. */
static void
strip_article(struct word *w)
{
	if (w->n >= 6 && !memcmp(w->p, "\xD9\x88", 2)) {  /* wa- */
		w->p += 2;
		w->n -= 2;
	}
	if (w->n >= 8 && !memcmp(w->p, "\xD8\xA7\xD9\x84", 4)) {  /* al- */
		w->p += 4;
		w->n -= 4;
	}
}

/* Does line |i| hold a word of at least TOP_WORD_BYTES bytes, without
 * wa- and al-, that line |t| holds too? */
static int
shares_word(const struct bp_doc *d, size_t i, size_t t)
{
	const char *p = d->base + d->lines[i].off, *q = d->base + d->lines[t].off;
	struct word a, b;
	size_t at = 0, bt;

	while (next_word(p, d->lines[i].len, &at, &a)) {
		strip_article(&a);
		if (a.n < TOP_WORD_BYTES)
			continue;
		for (bt = 0; next_word(q, d->lines[t].len, &bt, &b);) {
			strip_article(&b);
			if (same_folded(&a, &b))
				return 1;
		}
	}
	return 0;
}

void
safi_bp_drop_top_author_notes(struct bp_doc *d)
{
	size_t t, i, k;
	unsigned ord = 0, below;

	for (t = 0; t < d->nlines && !(d->lines[t].keep == 1 && d->lines[t].reason == R_TITLE); t++)
		;
	for (i = t + 1; i < d->nlines && ord <= BYLINE_NEAR; i++) {
		struct bp_line *ln = &d->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		ord++;
		if (ln->keep == 1 && ln->kind == K_GOOD && ln->reason != R_STANDFIRST &&
		    !name_alone_line(d, i - 1))
			break;  /* the article's first paragraph */
		if (ln->keep != 1 || ln->words > TOP_NOTE_WORDS || !name_alone_line(d, i - 1) ||
		    ln->reason == R_STANDFIRST || shares_word(d, i, t))
			continue;
		for (k = i + 1, below = 0; k < d->nlines && below < BYLINE_NEAR; k++) {
			below += d->lines[k].kind != K_BLANK;
			if (d->lines[k].keep == 1 && d->lines[k].kind == K_GOOD)
				break;
		}
		if (k == d->nlines || below >= BYLINE_NEAR)
			continue;
		ln->keep = 0;
		ln->reason = R_AUTHOR;
		/* the note's date stamp, kept as a short line over the body */
		while (--k > i)
			if (d->lines[k].keep == 1 && (d->lines[k].flags & L_DATED)) {
				d->lines[k].keep = 0;
				d->lines[k].reason = R_DATE;
			}
	}
}

/*
 * A columnist's box at the top of an opinion page: the writer's name alone
 * (after a title's letters, "د. ..."), set apart by a blank line above it,
 * with a note about the writer glued under it ("كاتب وأكاديمي ...") and
 * the page's tools below the note (a date stamp, a print or share row)
 * before the article's first kept line.  The decoder may keep the name as
 * a heading and the note as a paragraph, or take them for the headline
 * and its standfirst.  When the name is among the first TOP_BOX_KEPT kept
 * lines of the page, the lines kept above it of a headline's length at
 * most (TOP_NOTE_WORDS words), the note a kept line of TOP_NOTE_WORDS
 * words at most, one dropped line or more and no kept line between the
 * note and the next kept line below it, BYLINE_NEAR non-blank lines at
 * most, the name and the note are dropped as author.  A headline glued
 * over its standfirst sets apart no tools under it and shares the
 * standfirst's words; a name shares none with the note about the writer.
 * When the name had been taken for the title, the headline is the line
 * set apart by blank lines right above the name (TOP_HEADLINE_WORDS words
 * at least, of a headline's shape: no digit, colon, list item or
 * sentence end, printed once), which the decoder dropped: it is kept as
 * the title.  Cost: the first kept lines of the page and the few lines
 * around a candidate, read once.
 */
#define TOP_BOX_KEPT 3
#define TOP_HEADLINE_WORDS 3
#define TOP_NAME_WORDS 4  /* with a father's name: "عبدالله بن محمد الغامدي" */

/* Is line |h| a name alone, kept or dropped, after a title's letters:
 * two to TOP_NAME_WORDS words without case, no other punctuation, no
 * digit? */
static int
top_name_line(const struct bp_doc *d, size_t h)
{
	const struct bp_line *ln = &d->lines[h];
	unsigned n;

	if (ln->kind == K_BLANK || ln->words < 2 || ln->words > TOP_NAME_WORDS + NAME_TITLES ||
	    (ln->flags & (L_DIGITS | L_BULLET | L_COLON)))
		return 0;
	n = uncased_words(d, ln, NAME_TITLES);
	return n >= 2 && n <= TOP_NAME_WORDS;
}

/* The headline over the name at |h| that the title search passed over:
 * the nearest non-blank line above it, dropped, set apart by blank lines
 * (or the page's edge), of a headline's shape.  Returns it, or SIZE_MAX. */
static size_t
headline_over_name(const struct bp_doc *d, size_t h)
{
	size_t i = h;
	const struct bp_line *ln;

	if (h == 0 || d->lines[h - 1].kind != K_BLANK)
		return SIZE_MAX;
	while (i > 0 && d->lines[i - 1].kind == K_BLANK)
		i--;
	if (i-- == 0)
		return SIZE_MAX;
	ln = &d->lines[i];
	if (ln->keep != 0 || ln->words < TOP_HEADLINE_WORDS || ln->words > TOP_NOTE_WORDS ||
	    ln->first != i || (ln->flags & (L_TERM | L_DIGITS | L_COLON | L_BULLET |
	    L_SEPARATED | L_REPEATED | L_MARKER)) || (i > 0 && d->lines[i - 1].kind != K_BLANK))
		return SIZE_MAX;
	return i;
}

void
safi_bp_drop_top_byline_box(struct bp_doc *d)
{
	size_t i, k, t = SIZE_MAX;
	unsigned kept = 0, between, dropped;

	for (i = 0; i < d->nlines && kept < TOP_BOX_KEPT; i++) {
		struct bp_line *ln = &d->lines[i], *note;

		if (ln->keep != 1)
			continue;
		kept++;
		if (i == 0 || i + 1 >= d->nlines || d->lines[i - 1].kind != K_BLANK ||
		    !top_name_line(d, i)) {
			if (ln->words > TOP_NOTE_WORDS)
				return;  /* the article's body has begun */
			continue;
		}
		note = &d->lines[i + 1];
		if (note->keep != 1 || note->words > TOP_NOTE_WORDS || top_name_line(d, i + 1))
			return;
		/* the page's tools between the note and the next kept line */
		for (k = i + 2, between = 0, dropped = 0; k < d->nlines && between <= BYLINE_NEAR; k++) {
			if (d->lines[k].kind == K_BLANK)
				continue;
			if (d->lines[k].keep == 1)
				break;
			between++;
			dropped++;
		}
		if (k >= d->nlines || dropped == 0 || between > BYLINE_NEAR)
			return;
		if (ln->reason == R_TITLE) {
			if ((t = headline_over_name(d, i)) == SIZE_MAX || shares_word(d, i + 1, i))
				return;
			d->lines[t].keep = 1;
			d->lines[t].reason = R_TITLE;
		}
		ln->keep = 0;
		ln->reason = R_AUTHOR;
		note->keep = 0;
		note->reason = R_AUTHOR;
		return;
	}
}

/* Bytes of the dash a sign-off opens with at p[0, len): one or two
 * hyphens, a tilde, an en or em dash; or 0. */
static size_t
sign_dash(const char *p, size_t len)
{
	if (len >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
	    ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
		return 3;
	if (p[0] == '~')
		return 1;
	if (p[0] == '-')
		return len >= 2 && p[1] == '-' ? 2 : 1;
	return 0;
}

/* Is line |i| a sign-off: a dash, then one to NAME_WORDS words, each
 * capitalised or in capitals ("- Jo Kent", "--Sam;", "— The Web Team"),
 * with no digit and no punctuation but at the end of the last?  A
 * quoted saying's source and a writer's name under a letter read so; a
 * link's "- Read more here" has a word in lower case. */
static int
sign_off(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];
	const char *p = d->base + ln->off;
	size_t at = 0, k;
	struct word w;
	unsigned n = 0;

	if (ln->kind == K_BLANK || ln->words > NAME_WORDS + 1)
		return 0;
	while (at < ln->len && is_space((unsigned char)p[at]))
		at++;
	if ((k = sign_dash(p + at, ln->len - at)) == 0)
		return 0;
	at += k;
	while (next_word(p, ln->len, &at, &w)) {
		if (++n > NAME_WORDS || (w.cls != W_CAP && w.cls != W_UPPER))
			return 0;
		for (k = 0; k < w.n; k++)
			if (w.p[k] >= '0' && w.p[k] <= '9')
				return 0;
		if (w.trail && !w.initial && at < ln->len)
			return 0;
	}
	return n > 0;
}

void
safi_bp_keep_sign_off(struct bp_doc *d)
{
	size_t i = safi_bp_last_kept(d), s, cut = d->ext.cut;

	if (i == SIZE_MAX || d->lines[i].kind == K_BAD)
		return;
	for (s = i + 1; s < cut && d->lines[s].kind == K_BLANK; s++)
		;
	for (i = s + 1; i < d->nlines && d->lines[i].kind == K_BLANK; i++)
		;
	if (s < cut && sign_off(d, s) && (i >= d->nlines || !(d->lines[i].flags & L_BULLET))) {
		d->lines[s].keep = 1;
		d->lines[s].reason = R_TEXT;
	}
}
