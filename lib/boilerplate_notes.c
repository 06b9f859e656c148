/*
 * boilerplate_notes.c - notes that close an article, after the tail blocks
 * are dropped.
 *
 * Under its last paragraph, with no furniture between, a page may print
 * notes about the article rather than more of it: where it was first
 * published, who contributed to it, how an interview was edited, a
 * paywall's pitch that cuts it, the writer's bio, an appeal to readers.
 * The decoder takes them in as the end of the zone, for they read as
 * prose.  What sets them apart is their topic: a last paragraph goes on
 * with the article's people, places and things, a note names none of them
 * and names what the page's head names instead: the site ("This article is
 * republished from The Ledger"), the writer ("Jo Kent is a writer based
 * in Leeds"), the wire that filed the story.
 *
 * The candidates are the last lines of the block of kept lines that holds
 * the most words, when fewer than NOTE_GOES_ON body paragraphs are kept
 * below it (an article split by a newsletter's box goes on under it, and
 * the block's last lines close nothing), NOTE_LINES of them at most, each of at most NOTE_WORDS
 * words and no quotation (a line that opens with a quotation mark is the
 * article's, whatever it names).  Walking up from the last, a line is a
 * note while it shares at most NOTE_HITS of its content words with the
 * block above the candidates and the kept lines above the block (a
 * paywall's box may split the article in two, and its last paragraph take
 * up the scene its first set), and no more than NOTE_SHARE percent of
 * them, and shares more of them with the dropped lines above the block
 * (the head: the site's name, the byline, the menus) when it shares one
 * with the article.  The notes are dropped as the tail when one of them
 * shares two words more with the head than with the article (a name
 * rather than a word that happens to recur: one word is as often the last
 * paragraph's), one of them a name indeed, a word not written in lower
 * case in a line that opens with a capital (a last paragraph may take up a
 * weather or traffic alert of the head, "the flood watch remains in
 * effect"; in a script without case, Arabic, every word would pass for a
 * name, and a last paragraph that names the country of the dateline and a
 * word of the tags would go), and the block above them
 * holds NOTE_PARAGRAPHS body
 * paragraphs or more: on a short page, a line that shares no words with a
 * few others says nothing about either.
 *
 * In a script without case, where no name can be told, the note's shape
 * tells it instead: a sentence under a label of its own ("ملاحظة: أعدت
 * هذه الورقة ...", "تنويه: ..."), the label a word or two and a colon, the
 * text after it no quotation, the line ending a sentence, in an article
 * where no other sentence opens with a label (an interview's turns, a
 * forecast by days go on under labels to their end; a subheading "Firstly:
 * the crisis" is no sentence).  Such a
 * line among the candidates that share almost nothing with the article
 * is dropped as the tail with the candidates below it.
 *
 * Then the list of sources that ends an article goes (safi_bp_drop_sources),
 * when its heading is written in a script without case: an Arabic site
 * prints it as a box under the article, where a cased page's references
 * are as often a section of its text.  From the page's end up, at most REF_BELOW kept lines that are
 * labelled notes or short lines ("Was this article useful?") stand below
 * REF_ENTRIES entries or more, each of REF_WORDS words at most with a year
 * after a word or REF_FIELDS fields set apart by commas or full stops,
 * half of them with a year (a chronology's entries open with theirs), under
 * a heading of REF_HEADING words at most, no digit, no sentence end, with
 * NOTE_PARAGRAPHS body paragraphs kept above it.  The heading, the
 * entries and the lines below are dropped as the tail.
 *
 * Cost: two passes over the lines, and one over each candidate per set
 * of words; the list of sources reads the lines once from the end.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"

#define NOTE_LINES 3
#define NOTE_WORDS 40
#define NOTE_HITS 1
#define NOTE_SHARE 30
#define NOTE_PARAGRAPHS 4
#define NOTE_NAMED 2
#define NOTE_GOES_ON 2  /* body paragraphs kept below the block */
#define REF_WORDS 15    /* words of an entry of a list of sources */
#define REF_FIELDS 2    /* fields of an entry without a year */
#define REF_ENTRIES 2   /* entries of a list of sources */
#define REF_HEADING 3   /* words of its heading */
#define REF_BELOW 2     /* kept lines below it */
#define REF_SHORT 6     /* words of a short kept line below it */

/* Does line |ln| open with a quotation mark (ASCII or typographic)? */
static int
quoted(const struct bp_doc *d, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)d->base + ln->off;
	size_t n = ln->len;

	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	if (n >= 1 && (*p == '"' || *p == '\''))
		return 1;
	/* U+2018, U+201C, U+00AB */
	return (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x9C)) ||
	    (n >= 2 && p[0] == 0xC2 && p[1] == 0xAB);
}

/* Does line |i| open with a label and go on with a sentence that is no
 * quotation, in a script without case? */
static int
labelled_note(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];
	const char *p = d->base + ln->off;
	size_t from, n = safi_bp_label_len(p, ln->len, &from);

	if (n == 0 || (ln->flags & (L_CASED | L_TERM)) != L_TERM ||
	    (unsigned char)p[from] < 0x80)
		return 0;
	for (n += from; n < ln->len && p[n] == ' '; n++)
		;
	return n < ln->len && !quoted(d, &(struct bp_line){ .off = ln->off + n, .len = ln->len - n });
}

/* The content words of line |i| found in |tp|, and of all of them in
 * *total. */
static unsigned
hits_in(const struct bp_lexicon *lx, const struct bp_doc *d, const struct bp_topic *tp, size_t i,
        unsigned *total)
{
	unsigned hits = 0;

	*total = 0;
	safi_bp_topic_count(lx, d->base + d->lines[i].off, d->lines[i].len, tp, &hits, total);
	return hits;
}

/* Adds the content words of lines [a, b) that are kept (|kept|) or
 * dropped to |tp|, until it is full (a book's chapter read as one
 * document names its people early enough). */
static void
add_lines(const struct bp_lexicon *lx, const struct bp_doc *d, size_t a, size_t b, int kept,
          struct bp_topic *tp)
{
	for (; a < b && tp->n < BP_TOPIC_SLOTS / 2; a++)
		if (d->lines[a].kind != K_BLANK && (d->lines[a].keep == 1) == kept)
			safi_bp_topic_add(lx, d->base + d->lines[a].off, d->lines[a].len, tp);
}

void
safi_bp_drop_closing_notes(const struct bp_lexicon *lx, struct bp_doc *d)
{
	struct bp_topic body, head;
	unsigned hits[NOTE_LINES], total;
	size_t i, e, start = SIZE_MAX, end = SIZE_MAX, top, cut, lines = 0, paras = 0, n;
	size_t labelled = SIZE_MAX, above;
	uint64_t words, most = 0;
	int named = 0;

	for (i = 0; i < d->nlines; i = e) {
		e = i + 1;
		if (d->lines[i].kind == K_BLANK || d->lines[i].keep != 1)
			continue;
		for (words = d->lines[i].words; e < d->nlines && (d->lines[e].kind == K_BLANK ||
		    d->lines[e].keep == 1); e++)
			words += d->lines[e].words;
		if (words > most) {
			most = words;
			start = i;
			end = e;
		}
	}
	if (start == SIZE_MAX)
		return;
	/* The article goes on below a box that split it (a newsletter's
	 * sign-up, an advert): the block's last lines close no article. */
	for (i = end, n = 0; i < d->nlines && n < NOTE_GOES_ON; i++)
		n += d->lines[i].keep == 1 && d->lines[i].kind == K_GOOD;
	if (n >= NOTE_GOES_ON)
		return;
	/* The candidates: the block's last NOTE_LINES lines at most, short
	 * and no quotation, from |top| down. */
	for (top = end; top > start && lines < NOTE_LINES; lines++) {
		for (i = top - 1; i > start && d->lines[i].kind == K_BLANK; i--)
			;
		if (i == start || d->lines[i].words > NOTE_WORDS || quoted(d, &d->lines[i]))
			break;
		top = i;
	}
	for (i = start; i < top; i++)
		paras += d->lines[i].kind == K_GOOD;
	if (top == end)
		return;
	memset(&body, 0, sizeof body);
	add_lines(lx, d, start, top, 1, &body);
	add_lines(lx, d, 0, start, 1, &body);
	/* The notes: the candidates from the bottom up while they share
	 * almost nothing with the article, */
	for (cut = end, n = 0, i = end; i-- > top;) {
		if (d->lines[i].kind == K_BLANK)
			continue;
		hits[n] = hits_in(lx, d, &body, i, &total);
		if (hits[n] > NOTE_HITS || 100 * hits[n] > NOTE_SHARE * total)
			break;
		if (labelled_note(d, i))
			labelled = i;
		n++;
		cut = i;
	}
	if (n == 0)
		return;
	/* A labelled note stands alone under NOTE_PARAGRAPHS paragraphs, in
	 * an article with no other sentence under a label. */
	for (above = paras, i = top; labelled != SIZE_MAX && i < labelled; i++)
		above += d->lines[i].kind == K_GOOD;
	if (above < NOTE_PARAGRAPHS)
		labelled = SIZE_MAX;
	for (i = start; labelled != SIZE_MAX && i < end; i++) {
		size_t from;

		if (i != labelled && (d->lines[i].flags & L_TERM) &&
		    safi_bp_label_len(d->base + d->lines[i].off, d->lines[i].len, &from) > 0)
			labelled = SIZE_MAX;
	}
	/* On a short page, a line that shares no words with a few others
	 * says nothing about either: only the labelled note is told. */
	if (paras < NOTE_PARAGRAPHS && labelled == SIZE_MAX)
		return;
	/* and more with the head when they share a word with it; one of
	 * them names the head. */
	memset(&head, 0, sizeof head);
	add_lines(lx, d, 0, start, 0, &head);
	for (n = 0, i = end; paras >= NOTE_PARAGRAPHS && i-- > cut;) {
		unsigned named_hits;

		if (d->lines[i].kind == K_BLANK)
			continue;
		named_hits = hits_in(lx, d, &head, i, &total);
		if (hits[n] > 0 && named_hits <= hits[n]) {
			cut = i + 1;
			break;
		}
		if (named_hits >= hits[n] + NOTE_NAMED) {
			unsigned names = 0;

			total = 0;
			safi_bp_topic_count_names(lx, d->base + d->lines[i].off, d->lines[i].len,
			    &head, &names, &total);
			named |= names > 0 && (d->lines[i].flags & L_CASED);
		}
		n++;
	}
	if (!named) {
		if (labelled == SIZE_MAX)
			return;
		cut = labelled;
	}
	for (i = cut; i < end; i++)
		if (d->lines[i].kind != K_BLANK) {
			d->lines[i].keep = 0;
			d->lines[i].reason = R_TAIL;
		}
}

/* Does the text |p| of |n| bytes hold a year, four digits from 1000 to
 * 2099 that no other digit touches, after a word (a chronology's entry
 * opens with its year, a source's gives it after its title)? */
static int
holds_year(const char *p, size_t n)
{
	size_t i, run = 0;
	int word = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && p[i] >= '0' && p[i] <= '9') {
			run++;
			continue;
		}
		if (run == 4 && word && (p[i - 4] == '1' || (p[i - 4] == '2' && p[i - 3] == '0')))
			return 1;
		run = 0;
		if (i < n && ((unsigned char)p[i] >= 0x80 || ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'z')))
			word = 1;
	}
	return 0;
}

/* Is line |ln| an entry of a list of sources: of REF_WORDS words at most,
 * with a year, or with REF_FIELDS fields set apart by a comma (Latin or
 * Arabic) or a full stop inside it?  Sets *year when it holds a year. */
static int
citation(const struct bp_doc *d, const struct bp_line *ln, int *year)
{
	const char *p = d->base + ln->off;
	size_t i, fields = 1;

	if (ln->words > REF_WORDS)
		return 0;
	*year = holds_year(p, ln->len);
	for (i = 0; i + 1 < ln->len; i++)
		if ((p[i] == ',' || p[i] == '.') && p[i + 1] == ' ')
			fields++;
		else if (i + 2 < ln->len && (unsigned char)p[i] == 0xD8 &&
		    (unsigned char)p[i + 1] == 0x8C && p[i + 2] == ' ')
			fields++;  /* U+060C ARABIC COMMA */
	return *year || fields >= REF_FIELDS;
}

/* Is line |ln| a heading over a list of sources, in a script without
 * case: REF_HEADING words at most, no digit, no sentence end? */
static int
sources_heading(const struct bp_doc *d, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)d->base + ln->off;
	size_t n = ln->len;

	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	return n > 0 && *p >= 0x80 && ln->words <= REF_HEADING &&
	    !(ln->flags & (L_CASED | L_TERM | L_DIGITS | L_BULLET));
}

void
safi_bp_drop_sources(struct bp_doc *d)
{
	size_t i, last = SIZE_MAX, head, below = 0, cites = 0, years = 0, kept = 0, paras = 0;
	int year;

	/* The kept lines at the page's end below the list: notes and short
	 * lines ("Was this article useful?"), REF_BELOW at most. */
	for (i = d->nlines; i-- > 0;) {
		if (d->lines[i].kind == K_BLANK || d->lines[i].keep != 1)
			continue;
		if (citation(d, &d->lines[i], &year))
			break;
		if (++below > REF_BELOW || (d->lines[i].words > REF_SHORT && !labelled_note(d, i)))
			return;
		if (last == SIZE_MAX)
			last = i;
	}
	if (i == SIZE_MAX)
		return;
	/* The list, kept or dropped lines, up to its heading. */
	for (head = i + 1; head-- > 0;) {
		if (d->lines[head].kind == K_BLANK)
			continue;
		if (!citation(d, &d->lines[head], &year))
			break;
		cites++;
		years += year;
		kept += d->lines[head].keep == 1;
	}
	if (head == SIZE_MAX || cites < REF_ENTRIES || 2 * years < cites || kept == 0 ||
	    !sources_heading(d, &d->lines[head]))
		return;
	for (i = 0; i < head; i++)
		paras += d->lines[i].keep == 1 && d->lines[i].kind == K_GOOD;
	if (paras < NOTE_PARAGRAPHS)
		return;
	for (i = head; i < d->nlines && (last == SIZE_MAX || i <= last); i++)
		if (d->lines[i].kind != K_BLANK && d->lines[i].keep == 1) {
			d->lines[i].keep = 0;
			d->lines[i].reason = R_TAIL;
		}
}
