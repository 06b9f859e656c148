/*
 * boilerplate_decode.c - the document decoder: from the features of each
 * line to the verdict on each line, over the whole page.
 *
 * It picks the language, marks repeated lines, finds tables, finds the
 * body zone as the maximum-sum run of line scores, cuts the tail at a
 * "read also" marker (unless the marker heads a box inside the article),
 * and keeps what lies in the zone, the article going on below a box that
 * ended the zone, lists the article introduces or ends with, the title and
 * the standfirst above it.
 *
 * Its stages have files of their own, sharing the decoder's state through
 * boilerplate_decoder.h: the tables (boilerplate_tables.c), the boxes set
 * inside the article and the cut of the tail at the first marker that
 * heads none (boilerplate_boxes.c), the topic words lines share
 * (boilerplate_topic.c), the stamps of a live page's updates
 * (boilerplate_live.c), the readers' comments below the article
 * (boilerplate_thread.c), the title and the lead above the zone
 * (boilerplate_title.c), the widgets between the article's paragraphs
 * (boilerplate_widget.c), lists of other stories inside the zone
 * (boilerplate_list.c), a photo gallery's captions (boilerplate_gallery.c),
 * teasers and feeds of other stories at its end (boilerplate_feed.c), and
 * the lines the article repeats and a headline printed twice
 * (boilerplate_repeat.c).
 * Body-text density, which runs before the decoder once the language is
 * picked, is in boilerplate_density.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "boilerplate_decoder.h"

/* ---- language ---------------------------------------------------------- */

/* Is |lang| written in the Arabic script? */
static int
arabic_script(const char *lang)
{
	return strcmp(lang, "ar") == 0 || strcmp(lang, "fa") == 0 || strcmp(lang, "ur") == 0;
}

/* Does |lang| inflect its nouns and verbs so much that an article names
 * again what its headline names in other forms ("do Prahy", "Praha";
 * "Перми", "Пермского")? */
static int
inflected(const char *lang)
{
	return strcmp(lang, "cs") == 0 || strcmp(lang, "pl") == 0 || strcmp(lang, "ru") == 0 ||
	    strcmp(lang, "uk") == 0;
}

int
safi_bp_pick_language(const struct bp_lexicon *lx, const struct bp_doc *d)
{
	uint64_t words = 0;
	size_t i;
	int l, best = -1, arabic = d->arabic > d->latin;

	/* A page of Arabic letters is in one of the languages of that
	 * script (Arabic unless Persian or Urdu covers more of its words);
	 * another page in one of the others. */
	for (l = 0; l < lx->nlangs; l++) {
		if (arabic_script(lx->langs[l]) != arabic)
			continue;
		if (d->hits[l] > 0 && (best < 0 || d->hits[l] > d->hits[best]))
			best = l;
	}
	if (arabic)
		return best >= 0 && strcmp(lx->langs[best], "ar") != 0 ? best :
		    safi_bp_lexicon_lang(lx, "ar");
	for (i = 0; i < d->nlines; i++)
		words += d->lines[i].words;
	/* Text in a language without a list shares a few short words with
	 * one: under 8% stop words (hits are in percent of words) is none. */
	if (best >= 0 && d->hits[best] < words * 8)
		best = -1;
	return best;
}

/* ---- the zone's weights ------------------------------------------------ */

/* See boilerplate_decoder.h. */
int
safi_bp_set_between_text(const struct decoder *dc, size_t i)
{
	size_t j;

	if (i == 0 || i + 1 >= dc->nlines || dc->lines[i - 1].kind != K_BLANK ||
	    dc->lines[i + 1].kind != K_BLANK)
		return 0;
	for (j = i - 1; j > 0 && dc->lines[j].kind == K_BLANK; j--)
		;
	if (dc->lines[j].kind == K_BLANK || dc->lines[j].kind == K_BAD)
		return 0;
	j = next_line(dc, i);
	return j < dc->nlines && dc->lines[j].kind != K_BAD;
}

/* ---- repeated lines ---------------------------------------------------- */

/* How many lines ahead safi_bp_mark_duplicates() fetches a slot. */
#define DUP_AHEAD 16

int
safi_bp_mark_duplicates(struct bp_doc *d)
{
	size_t i, n = 0;
	uint64_t *v;
	int err;

	if (d->dup.cap > 4096 && d->dup.cap > 8 * d->nlines)
		safi_bp_map_free(&d->dup);  /* a big document before must not slow the small ones */
	safi_bp_map_clear(&d->dup);
	for (i = 0; i < d->nlines; i++)
		n += d->lines[i].kind != K_BLANK;
	if ((err = safi_bp_map_grow(&d->dup, n)) < 0)  /* sized once */
		return err;
	for (i = 0; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];

		/* The table of a long document is too large for the caches and
		 * read at random: fetch the slot of a line a few lines ahead.
		 * It was sized once above, so it does not move under the fetch. */
		if (i + DUP_AHEAD < d->nlines)
			__builtin_prefetch(&d->dup.e[d->lines[i + DUP_AHEAD].fp & (d->dup.cap - 1)], 1);
		ln->first = (uint32_t)i;
		if (ln->kind == K_BLANK)
			continue;
		if ((err = safi_bp_map_slot(&d->dup, ln->fp, &v)) < 0)
			return err;
		if (*v == 0) {
			*v = i + 1;
		} else {
			ln->first = (uint32_t)(*v - 1);
			d->lines[ln->first].flags |= L_REPEATED;
			if (ln->kind != K_BAD && ln->words >= 4) {
				ln->kind = K_BAD;
				ln->reason = R_DUPLICATE;
			}
		}
	}
	return 0;
}

/* ---- the body zone and the cut ------------------------------------------ */

/* The body zone: the run of lines [*a, *b] below |end| with the largest
 * score sum.  Returns 0 when no run has a positive sum. */
int
safi_bp_find_zone(const struct decoder *dc, size_t from, size_t end, size_t *a, size_t *b,
                  long *score)
{
	long best = 0, run = 0;
	size_t i, run_start = from;
	int found = 0;

	for (i = from; i < end; i++) {
		long sc = zone_score(dc, &dc->lines[i]);

		if (run <= 0 && sc > 0) {
			run = 0;
			run_start = i;
		}
		run += sc;
		if (run > best) {
			best = run;
			*a = run_start;
			*b = i;
			found = 1;
		}
	}
	if (score)
		*score = best;
	return found;
}

/* The topic words of the body paragraphs kept in the zone [a, b], up to
 * half the set's slots: what a run of short lines in or below the zone
 * must share to be the article's.  With |body_only|, only the lines kept
 * as body text (reason body) count: not a heading or list the zone took
 * in with the article. */
void
safi_bp_zone_topic(const struct decoder *dc, size_t a, size_t b, int body_only,
                   struct bp_topic *tp)
{
	size_t k;

	tp->n = 0;
	memset(tp->set, 0, sizeof tp->set);
	for (k = a; k <= b && tp->n < BP_TOPIC_SLOTS / 2; k++)
		if (dc->lines[k].keep == 1 && (body_only ? dc->lines[k].reason == R_BODY :
		    dc->lines[k].kind == K_GOOD))
			topic_add(dc, tp, k);
}

/* ---- topic words ------------------------------------------------------- */

/* The topic words of the body paragraphs above line |m|, at most
 * TOPIC_LINES of them. */
void
safi_bp_topic_above(const struct decoder *dc, size_t m, struct bp_topic *tp)
{
	size_t i, lines = 0;

	tp->n = 0;
	memset(tp->set, 0, sizeof tp->set);
	for (i = m; i-- > 0 && lines < TOPIC_LINES;)
		if (dc->lines[i].kind == K_GOOD) {
			lines++;
			topic_add(dc, tp, i);
		}
}

/* The topic words of the first |n| body paragraphs of [a, b]. */
static void
topic_below(const struct decoder *dc, size_t a, size_t b, size_t n, struct bp_topic *tp)
{
	size_t k, paras = 0;

	tp->n = 0;
	memset(tp->set, 0, sizeof tp->set);
	for (k = a; k <= b && paras < n; k++)
		if (dc->lines[k].kind == K_GOOD) {
			paras++;
			topic_add(dc, tp, k);
		}
}

/*
 * Topic words: how many of the content words (not stop words, not
 * numbers) of the first |n| body paragraphs from |g| on were used in the
 * body paragraphs above |m|.  The share, in percent, is returned.
 */
static unsigned
topic_share_n(const struct decoder *dc, size_t m, size_t g, size_t n)
{
	struct bp_topic tp;
	size_t i, lines;
	unsigned hits = 0, total = 0;

	safi_bp_topic_above(dc, m, &tp);
	for (i = g, lines = 0; i < dc->nlines && lines < n; i++)
		if (dc->lines[i].kind == K_GOOD) {
			lines++;
			topic_count(dc, &tp, i, &hits, &total);
		}
	return total ? hits * 100 / total : 0;
}

/* topic_share_n() of the first two body paragraphs from |g| on. */
static unsigned
topic_share(const struct decoder *dc, size_t m, size_t g)
{
	return topic_share_n(dc, m, g, 2);
}

/*
 * The share topic_share() gives, an Arabic word of the paragraphs below
 * also found with its clitic and article taken off or put on ("the
 * campaign", "and the campaign", "campaign"): a story that goes on below
 * a box names again what it named above, in other forms.
 */
unsigned
safi_bp_stem_share(const struct decoder *dc, size_t m, size_t g)
{
	struct bp_topic tp;
	struct bp_scan scan, *s = &scan;
	size_t i, lines = 0;
	unsigned t, hits = 0, total = 0;

	safi_bp_topic_above(dc, m, &tp);
	for (i = g; i < dc->nlines && lines < 2; i++) {
		const char *p = dc->text + dc->lines[i].off;

		if (dc->lines[i].kind != K_GOOD)
			continue;
		lines++;
		safi_bp_scan_line(dc->lx, p, dc->lines[i].len, s);
		for (t = 0; t < s->ntok; t++) {
			size_t k = s->tok_raw[t];
			uint64_t key;

			if ((s->tok_flags[t] & W_LANGS) || s->tok_num[t])
				continue;
			if (safi_bp_cjk_letter(p, k, s->tok_rawend[t])) {
				while ((key = safi_bp_cjk_pair(p, s->tok_raw[t], &k, s->tok_rawend[t])) != 0) {
					total++;
					hits += safi_bp_topic_has(&tp, key);
				}
				continue;
			}
			total++;
			hits += safi_bp_topic_has(&tp, safi_bp_key(s->tok_hash[t])) ||
			    ((unsigned char)p[s->tok_raw[t]] >= 0xD8 &&
			    (unsigned char)p[s->tok_raw[t]] <= 0xDB &&
			    safi_bp_arabic_stem_hit(dc, &tp, p + s->tok_raw[t],
			    s->tok_rawend[t] - s->tok_raw[t]));
		}
	}
	return total ? hits * 100 / total : 0;
}

/*
 * A lead set above the byline: walking up from the zone past short lines
 * and boilerplate, at most LEAD_LINES lines, the first body paragraph that
 * has a byline, date, caption or credit line between it and the zone is the
 * article's lead. A marker, a near paragraph or a kept line (a body
 * paragraph, a standfirst) ends the walk.  A title of a heading's shape is
 * walked past, as the title search may have taken a caption or a
 * subheading below the lead; a paragraph above it is the lead only when
 * LEAD_TITLE_SHARE percent of its content words are words of the first
 * body paragraphs: a site's slogan or a sign-up pitch above the headline
 * is about something else.  Past a title, the headline glued over the
 * lead takes the title's place (keep_headline_over_lead()).  Returns that
 * headline, or SIZE_MAX.
 */
#define LEAD_LINES 8
#define LEAD_TITLE_SHARE 20

/*
 * The headline over a lead that keep_lead() found above the title: when
 * the title search took a caption or a scoreboard below the lead (the
 * byline and the date between), the article's headline stands right over
 * its lead, glued to it as a deck is to its headline.  That line is the
 * headline when it has a headline's shape (see teaser_headline(): a few
 * words, no sentence end, no list item), is no marker, and shares
 * LEAD_TITLE_SHARE percent of its content words with the first body
 * paragraphs below |a|: a section's label or a site's slogan over the
 * lead does not.  The line the title search took below the lead (|t|)
 * then falls back to the head it was dropped as.  Returns the headline,
 * or SIZE_MAX.
 */
static size_t
keep_headline_over_lead(struct decoder *dc, size_t a, size_t lead, size_t t)
{
	struct bp_line *ln;

	if (lead == 0)
		return SIZE_MAX;
	ln = &dc->lines[lead - 1];
	if (ln->keep || ln->reason != R_HEAD || !teaser_headline(ln) || (ln->flags & L_MARKER) ||
	    safi_bp_lead_share(dc, a, lead - 1) < LEAD_TITLE_SHARE)
		return SIZE_MAX;
	ln->keep = 1;
	ln->reason = R_TITLE;
	dc->lines[t].keep = 0;
	dc->lines[t].reason = R_HEAD;
	return lead - 1;
}

static size_t
keep_lead(struct decoder *dc, size_t a)
{
	size_t i, seen = 0, t = SIZE_MAX;  /* the title walked past */
	int furniture = 0;

	for (i = a; i-- > 0 && seen < LEAD_LINES;) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (ln->kind == K_BAD) {
			if (ln->reason == R_MARKER || ln->reason == R_AFTER_MARKER ||
			    ln->reason == R_INLINE_MARKER)
				return SIZE_MAX;
			if (ln->reason == R_PHRASE || ln->reason == R_DATE ||
			    ln->reason == R_CAPTION || ln->reason == R_CREDIT ||
			    ln->reason == R_COPYRIGHT)
				furniture = 1;
			continue;
		}
		if (ln->keep && ln->reason == R_TITLE && ln->kind != K_GOOD) {
			t = i;
			continue;
		}
		if (ln->keep)
			return SIZE_MAX;
		if (ln->kind == K_SHORT)
			continue;
		if (furniture && ln->kind == K_GOOD && !(ln->flags & L_BULLET) &&
		    ln->reason == R_HEAD &&
		    (t == SIZE_MAX || safi_bp_lead_share(dc, a, i) >= LEAD_TITLE_SHARE)) {
			ln->keep = 1;
			ln->reason = R_STANDFIRST;
			if (t != SIZE_MAX)
				return keep_headline_over_lead(dc, a, i, t);
		}
		return SIZE_MAX;
	}
	return SIZE_MAX;
}

/*
 * A cell of a table that reads as a date: a bare figure of a table one
 * cell to a line ("4", "12" among a box score's runs and hits, a league
 * table's points) or a column's one-letter header ("H") takes the shape of
 * a day or a time.  In a list that the article gives below its zone, such
 * a cell is the table's, not a stamp.
 */
static int
table_figure(const struct bp_line *ln)
{
	return ln->kind == K_BAD && (ln->flags & L_TABLE) && ln->reason == R_DATE;
}

/*
 * The text between the end of the zone and a marker that cuts the page:
 * when it is GAP_LINES lines or more and not one of them is boilerplate by
 * its phrase, menu, URL or copyright shape (dates, captions and repeated
 * lines may be among them, and are still dropped), and none is a list item
 * (as menus are), it is the article's own list (a plan, a programme) that
 * runs up to the "related" marker: kept.  A gap of which a third of the
 * lines are copies of a line above it, in the zone or over it (a thread's
 * strip of poster's name, rank, join date and "Reply" buttons under every
 * post), is furniture repeated per post, not a list: it is left to the
 * cut.  A plan's own labels ("Meal 1" each day) repeat inside the gap.
 */
#define GAP_LINES 30
#define GLUED_LIST_LINES 10

static void
keep_gap(struct decoder *dc, size_t b, size_t cut)
{
	size_t i, n = 0, copies = 0;

	for (i = b + 1; i < cut; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if ((ln->kind == K_BAD && !list_item(ln)) || (ln->flags & L_BULLET))
			return;
		n++;
		copies += ln->first <= b;
	}
	if (n < GAP_LINES || copies * 3 >= n)
		return;
	for (i = b + 1; i < cut; i++)
		if (dc->lines[i].kind != K_BLANK && dc->lines[i].kind != K_BAD) {
			dc->lines[i].keep = 1;
			dc->lines[i].reason = R_LIST;
		} else if (table_figure(&dc->lines[i])) {
			dc->lines[i].keep = 1;
			dc->lines[i].reason = R_TABLE;
		}
}

/*
 * A list right below the zone, up to the first line that is boilerplate by
 * its phrase, menu, URL or copyright shape, a list item, a body paragraph or
 * a blank line between two items: when it has GAP_LINES lines or more (a
 * blank line may follow its first line, the heading) and half of them have
 * digits, it is the article's own programme, dates or results and is kept.  A
 * list glued to the article's last kept line, with no blank line between
 * them, goes on from its text (a tour's dates under "the dates are as
 * follows", a release's fixes under its features) as a box of other stories
 * set apart below it does not: GLUED_LIST_LINES lines are enough for it
 * (safi_bp_keep_glued_list(), once the page's other stages have kept their
 * programmes and sections).  Dates and other boilerplate shapes among them
 * are still dropped, but for a table's cells.  Headline lists set their items
 * apart with blank lines or bullets, or have few numbers.  The cells of a
 * table in it (a price beside its service, boilerplate_tables.c) count as
 * numbers, names too, and are kept whatever their shape.  A list of which a
 * third of the lines are copies of a line above (one tool line under each
 * picture number of a gallery) is furniture repeated per item, not a
 * programme.
 */
/* Is line |i|, boilerplate by its shape, a table's cell: a figure read
 * as a date (table_figure()), or, in a table of two columns
 * (boilerplate_tables.c), a name dropped as symbols right over its number?  A
 * block of code is a table too, and its lines dropped as symbols stay
 * dropped. */
static int
pair_cell(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	if (table_figure(ln))
		return 1;
	return ln->kind == K_BAD && (ln->flags & L_TABLE) && ln->reason == R_SYMBOLS &&
	    !(ln->flags & L_NUMCELL) && i + 1 < dc->nlines &&
	    (dc->lines[i + 1].flags & (L_TABLE | L_NUMCELL)) == (L_TABLE | L_NUMCELL);
}

static void
keep_tail_list(struct decoder *dc, size_t b, size_t cut, size_t least)
{
	size_t i, n = 0, digits = 0, doubled = 0, end;

	for (i = b + 1; i < cut; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK) {
			if (n >= 2)
				break;
			continue;
		}
		if ((ln->kind == K_BAD && !list_item(ln)) || (ln->flags & L_BULLET) ||
		    ln->kind == K_GOOD || ln->keep)
			break;
		n++;
		digits += (ln->flags & (L_DIGITS | L_TABLE)) != 0;
		doubled += ln->kind == K_BAD && ln->reason == R_DUPLICATE;
	}
	end = i;
	if (n < least || digits * 2 < n || doubled * 3 >= n)
		return;
	for (i = b + 1; i < end; i++)
		if (dc->lines[i].kind != K_BLANK && dc->lines[i].kind != K_BAD) {
			dc->lines[i].keep = 1;
			dc->lines[i].reason = R_LIST;
		} else if (pair_cell(dc, i)) {
			dc->lines[i].keep = 1;
			dc->lines[i].reason = R_TABLE;
		}
}

/*
 * Does a body paragraph open with the Arabic conjunction wa- glued to a
 * word of two letters or more ("wa-adafa", "and he added"), or with a word
 * that ties it to what came before ("kama", "also"; "lakin", "but";
 * "amma", "as for"; "fima", "while"; "bi-dawrihi", "in his turn"; "min
 * jihatihi", "min janibihi", "for his part"), as a
 * paragraph that carries a story on does?  The lead of another story under
 * its headline opens with its own subject or verb.
 */
static const char *const go_on_words[] = {
	"\xD9\x83\xD9\x85\xD8\xA7",                          /* kama */
	"\xD9\x84\xD9\x83\xD9\x86",                          /* lakin */
	"\xD8\xA3\xD9\x85\xD8\xA7",                          /* amma */
	"\xD9\x81\xD9\x8A\xD9\x85\xD8\xA7",                  /* fima */
	"\xD8\xA8\xD8\xAF\xD9\x88\xD8\xB1\xD9\x87",          /* bi-dawrihi */
	"\xD8\xA8\xD8\xAF\xD9\x88\xD8\xB1\xD9\x87\xD8\xA7",  /* bi-dawriha */
	"\xD9\x85\xD9\x86 \xD8\xAC\xD9\x87\xD8\xAA\xD9\x87",              /* min jihatihi */
	"\xD9\x85\xD9\x86 \xD8\xAC\xD9\x87\xD8\xAA\xD9\x87\xD8\xA7",      /* min jihatiha */
	"\xD9\x85\xD9\x86 \xD8\xAC\xD8\xA7\xD9\x86\xD8\xA8\xD9\x87",      /* min janibihi */
	"\xD9\x85\xD9\x86 \xD8\xAC\xD8\xA7\xD9\x86\xD8\xA8\xD9\x87\xD8\xA7",  /* min janibiha */
};

int
safi_bp_goes_on(const char *text, size_t n)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0, k, w, letters = 0;

	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	for (k = 0; k < sizeof go_on_words / sizeof go_on_words[0]; k++) {
		w = strlen(go_on_words[k]);
		if (n - i > w && memcmp(p + i, go_on_words[k], w) == 0 &&
		    (p[i + w] == ' ' || p[i + w] == ',' || (n - i > w + 1 &&
		    p[i + w] == 0xD8 && p[i + w + 1] == 0x8C)))
			return 1;  /* a space, a comma or the Arabic comma after it */
	}
	if (n - i < 2 || p[i] != 0xD9 || p[i + 1] != 0x88)
		return 0;
	for (i += 2; i + 1 < n && (p[i] == 0xD8 || p[i] == 0xD9); i += 2)
		letters++;
	return letters >= 2;
}

/* The line right above line |m|, blank lines and one-word phrase lines
 * such as "Advertisement" passed over, or SIZE_MAX. */
size_t
safi_bp_text_above(const struct decoder *dc, size_t m)
{
	while (m-- > 0 && (dc->lines[m].kind == K_BLANK || (dc->lines[m].kind == K_BAD &&
	    dc->lines[m].reason == R_PHRASE && dc->lines[m].words == 1)))
		;
	return m;
}

/*
 * A zone of comments under the heading of the comment section, below an
 * article too short or too broken up to outscore them: a line-up, a
 * summary of a paragraph, a list of links.  When the zone [a, b] holds
 * THREAD_STAMPS stamps spread over it as posts are, and the nearest bare
 * marker above it ("Comments", not a counter of a headline's comments)
 * has a run of positive score above it that holds a body paragraph, the
 * thread starts right below that marker (dropped as one already), as a
 * marker below a longer article would have cut the page there.  A run
 * of short lines alone over the marker is no article: a forum's thread
 * prints its title over its buttons ("Reply", "Antworten") and its posts.
 * Returns the line below the marker, or |cut|.
 */
static size_t
thread_under_marker(const struct decoder *dc, size_t a, size_t b, size_t cut)
{
	size_t i, m = SIZE_MAX, stamps = 0, za, zb;

	if (cut <= b)
		return cut;
	for (i = 0; i < a; i++)
		if ((dc->lines[i].flags & (L_MARKER | L_BULLET | L_COUNTER)) == L_MARKER)
			m = i;
	if (m == SIZE_MAX || !safi_bp_find_zone(dc, 0, m, &za, &zb, NULL))
		return cut;
	for (i = za; i <= zb && dc->lines[i].kind != K_GOOD; i++)
		;
	if (i > zb)
		return cut;
	for (i = a; i <= b; i++)
		stamps += stamp(&dc->lines[i]);
	if (stamps < THREAD_STAMPS || !safi_bp_stamps_spread(dc, a, b, NULL))
		return cut;
	return m + 1;
}

/*
 * A weak zone below an article of short lines.  When the best run scores
 * less than WEAK_ZONE (a paragraph or two), it is as likely a bio in a
 * sidebar, a comment or a notice below the article as the article itself,
 * whose list, line-up or short paragraphs cost it the score it would have
 * had.  The first run above it that opens with a body paragraph and scores
 * at least half as much is the body zone then: a page puts its article
 * before its sidebar and its comments.  Returns 1 when it moved the zone.
 */
#define WEAK_ZONE (3 * ARTICLE_SCORE / 2)

/*
 * An article split by a widget block: a video player's controls, an
 * advert's label, a follow-us line between its lead and the rest cost
 * more than a lead of a paragraph earns, and the rest then reads as a
 * weak zone below a short one.  When only such lines stand between the
 * run that ends at |e| and the weak zone that starts at |a| (boilerplate
 * by their shape, short lines; no near or body paragraph), and the first
 * two paragraphs of the weak zone use twice BOX_TOPIC percent of their
 * content words in the run above (as a story that goes on below a box
 * does), the two are one zone.
 */
#define SPLIT_LINES 6

static int
widget_split(const struct decoder *dc, size_t e, size_t a)
{
	size_t i, n = 0;

	for (i = e + 1; i < a; i++)
		if (dc->lines[i].kind != K_BLANK && (dc->lines[i].kind != K_BAD || ++n > SPLIT_LINES))
			return 0;
	return 1;
}

static int
earlier_zone(const struct decoder *dc, size_t *a, size_t *b, long *zone_sc)
{
	long run = 0, best = 0;
	size_t i, start = 0, best_b = 0;

	if (*zone_sc >= WEAK_ZONE)
		return 0;
	for (i = 0; i < *a; i++) {
		long sc = zone_score(dc, &dc->lines[i]);

		if (run <= 0 && sc > 0) {
			if (2 * best >= *zone_sc &&
			    dc->lines[start].kind == K_GOOD)
				break;
			run = best = 0;
			start = i;
		}
		run += sc;
		if (run > best) {
			best = run;
			best_b = i;
		}
	}
	if (2 * best < *zone_sc || dc->lines[start].kind != K_GOOD)
		return 0;
	if (widget_split(dc, best_b, *a)) {
		*zone_sc += best;
		*a = start;
		return 1;
	}
	*a = start;
	*b = best_b;
	*zone_sc = best;
	return 1;
}

/*
 * A blog prints its sidebar before its post in text order: a few lines
 * about the site or its writer ("I write about ...", "Welcome to ..."),
 * then the post, which opens with its date stamp alone over its title.
 * The sidebar's prose joins the zone when the strip between it and the
 * post is short.  So when the first date stamp dropped as one in the
 * zone (a dated line of POST_STAMP_WORDS words at most) stands among its
 * first SIDEBAR_LINES non-blank lines, below two of them or more, right
 * over a heading-like line that is no body paragraph, no dated line
 * stands among the SIDEBAR_ABOVE non-blank lines above the zone (a page
 * of several posts dates each, and the zone may open with a whole post),
 * the zone below the stamp scores ARTICLE_SCORE or more and more than the
 * lines above it, and at most SIDEBAR_SHARE percent of the content words
 * of those lines are words of the first SIDEBAR_PARAS body paragraphs
 * below it (a lead over a dateline names what the article tells; a blurb
 * about the site names none of it), the lines above the stamp are dropped
 * as the page's head, which no title search reads as a headline, and the
 * zone starts at the stamp.  A single line over the first stamp is left
 * alone: a blog's tagline under its name, or a post's kicker.  Returns
 * the zone's first line.
 */
#define SIDEBAR_LINES 12
#define SIDEBAR_ABOVE 6
#define SIDEBAR_PARAS 6
#define SIDEBAR_SHARE (2 * BOX_TOPIC)
#define POST_STAMP_WORDS 8

/* Is |ln| a post's date stamp: a dated line of a few words, no list
 * item? */
static int
dated_stamp(const struct bp_line *ln)
{
	return stamp(ln) && (ln->flags & L_DATED) && ln->words <= POST_STAMP_WORDS;
}

static size_t
sidebar_over_post(struct decoder *dc, size_t a, size_t b)
{
	struct bp_topic tp;
	size_t i, j, t, n = 0;
	long above = 0, below = 0;
	unsigned hits = 0, total = 0;

	for (j = a; j <= b; j++) {
		const struct bp_line *ln = &dc->lines[j];

		if (ln->kind == K_BLANK)
			continue;
		if (j > a && ln->kind == K_BAD && dated_stamp(ln))
			break;
		if (++n > SIDEBAR_LINES)
			return a;
		above += zone_score(dc, ln);
	}
	if (n < 2 || j > b || (t = next_line(dc, j)) > b || dc->lines[t].kind == K_GOOD ||
	    !safi_bp_heading_like(dc, &dc->lines[t]))
		return a;
	for (i = a, n = 0; i-- > 0 && n < SIDEBAR_ABOVE;) {
		if (dc->lines[i].kind == K_BLANK)
			continue;
		if (stamp(&dc->lines[i]) && (dc->lines[i].flags & L_DATED))
			return a;
		n++;
	}
	for (i = j; i <= b; i++)
		below += zone_score(dc, &dc->lines[i]);
	if (below < ARTICLE_SCORE || below <= above)
		return a;
	topic_below(dc, t, b, SIDEBAR_PARAS, &tp);
	for (i = a; i < j; i++)
		if (dc->lines[i].kind == K_GOOD || dc->lines[i].kind == K_NEAR)
			topic_count(dc, &tp, i, &hits, &total);
	if (total == 0 || hits * 100 > SIDEBAR_SHARE * total)
		return a;
	for (i = a; i < j; i++)
		if (dc->lines[i].kind != K_BLANK && dc->lines[i].kind != K_BAD) {
			dc->lines[i].kind = K_BAD;
			dc->lines[i].reason = R_HEAD;
		}
	return j;
}

/*
 * A thread's first post may be short (a question over its answers): the
 * best run above the zone is the first post, and a second zone, when it
 * scores at least half of ARTICLE_SCORE and the strip between the two is
 * a post's strip that the zone prints again between its posts: a stamp
 * with a time of day of the same shape as a stamp dropped in the zone
 * ("asked Sep 28, 2019 at 16:40" over "answered Sep 28, 2019 at 16:52")
 * and a line copied in the zone ("Share", "Follow"), or in the first
 * 2 * THREAD_GAP lines below it, where the strip under a zone of one
 * answer stands.  An article's furniture above a widget shares neither
 * with the text below it.  Walks the strip once and the zone once,
 * hashing the bytes of its dates only.
 */
#define POST_STAMPS 4

/* Is line |ln| a post's stamp: a date dropped as one, with a time of day
 * ("answered Sep 28, 2019 at 16:52", "02-12-2026 06:48 PM")? */
static int
post_stamp(const struct decoder *dc, const struct bp_line *ln)
{
	return ln->kind == K_BAD && ln->reason == R_DATE && stamp(ln) && (ln->flags & L_DATED) &&
	    clock_mark(dc->text + ln->off, ln->len);
}

static int
post_strip_above(const struct decoder *dc, size_t b2, size_t a, size_t b)
{
	uint64_t shapes[POST_STAMPS];
	size_t i, k, n = 0, below = 0;
	int stamped = 0, copied = 0;

	for (i = b2 + 1; i < a; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (n < POST_STAMPS && post_stamp(dc, ln))
			shapes[n++] = safi_bp_stamp_shape(dc, i);
	}
	if (n == 0)
		return 0;
	for (i = a; i < dc->nlines && below <= 2 * THREAD_GAP && !(stamped && copied); i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (i > b && ln->kind != K_BLANK)
			below++;
		if (ln->kind != K_BAD)
			continue;
		if (ln->first != i && ln->first > b2 && ln->first < a)
			copied = 1;
		if (!stamped && ln->reason == R_DATE && stamp(ln) && (ln->flags & L_DATED)) {
			uint64_t h = safi_bp_stamp_shape(dc, i);

			for (k = 0; k < n && !stamped; k++)
				stamped = shapes[k] == h;
		}
	}
	return stamped && copied;
}

/*
 * A thread prints its title right over its first post: among the
 * POST_TITLE non-blank lines above the run [a2, b2], a headline (a line
 * of TITLE_MIN words up to twice *--max-heading*, no list item) that
 * shares TITLE_HITS content words with the run's paragraphs or more
 * ("How do I read a file line by line" over "I have a loop that reads a
 * config file one line at a time").  A notice or a sidebar's text over a
 * thread has no headline of its own words.  Reads the run's paragraphs
 * and POST_TITLE lines once.
 */
#define POST_TITLE 8
#define TITLE_MIN 3
#define TITLE_HITS 2

static int
title_over_post(const struct decoder *dc, size_t a2, size_t b2)
{
	struct bp_topic tp;
	size_t i, seen = 0;

	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	for (i = a2; i <= b2 && tp.n < BP_TOPIC_SLOTS / 2; i++)
		if (dc->lines[i].kind == K_GOOD)
			topic_add(dc, &tp, i);
	for (i = a2; i-- > 0 && seen < POST_TITLE;) {
		const struct bp_line *ln = &dc->lines[i];
		unsigned hits = 0, total = 0;

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (ln->words < TITLE_MIN || ln->words > dc->o->max_heading * 2 ||
		    (ln->flags & L_BULLET))
			continue;
		topic_count(dc, &tp, i, &hits, &total);
		if (hits >= TITLE_HITS)
			return 1;
	}
	return 0;
}

/*
 * A second body zone above the first: a page may break its article with
 * a block of widgets, a table of products or a form, and the best run of
 * lines then holds only one part of it.  The best run above the zone is
 * body text too when it scores at least ARTICLE_SCORE and a third of the
 * zone's score, as safi_bp_find_cut() asks of the text above a marker.  A
 * thread's first post (a question over its answers) is a second zone with
 * half that score when a post's strip and the thread's title stand by it
 * (post_strip_above(), title_over_post()).  The lines between the two runs
 * stay in the page's head.
 */
static int
upper_zone(const struct decoder *dc, size_t a, size_t b, size_t *a2, size_t *b2, long zone_sc)
{
	long sc;

	if (!safi_bp_find_zone(dc, 0, a, a2, b2, &sc))
		return 0;
	if (sc >= ARTICLE_SCORE && 3 * sc >= zone_sc)
		return 1;
	return 2 * sc >= ARTICLE_SCORE && post_strip_above(dc, *b2, a, b) &&
	    title_over_post(dc, *a2, *b2);
}

/*
 * Short structured lines inside the article: a field of a record
 * ("Distance: 140 km"), a date of a timeline, a label an interview
 * repeats, the address under the name of a reference, an ingredient.
 * Inside the zone, a run of lines that only their context or a weak shape
 * (a date, a URL, symbols, a copy of a line) dropped, between a kept line
 * and the body paragraph below it (or the headings the context kept above
 * that paragraph), is the article's: a single line always, a longer run
 * when RUN_TOPIC percent of its content words are words of the body
 * paragraphs of the zone, from its first line that shares one (a menu, a
 * list of links or a sign-up box shares none; a site's widget shares a
 * word in its heading only, see run_start()).  A run whose first line
 * is a numbered item going on with the number of the first line of the
 * last run kept whole ("8. Felix Brandt" below "7. ...") is an entry of a
 * numbered list article, and kept whole with no share.  A line dropped by
 * a phrase, a menu separator, a marker or a caption shape ends the run.
 */
#define RUN_TOPIC 10
#define WIDGET_FIELDS 3
#define WIDGET_WORDS 4

/* Is line |j| a post's number alone ("#12"), as a forum prints it beside
 * the poster's name, rank and date above each post? */
static int
post_number(const struct decoder *dc, size_t j)
{
	const char *p = dc->text + dc->lines[j].off;
	size_t k = 0, len = dc->lines[j].len, d = 0;

	while (k < len && (p[k] == ' ' || p[k] == '\t'))
		k++;
	if (k == len || p[k++] != '#')
		return 0;
	for (; k < len && p[k] >= '0' && p[k] <= '9'; k++)
		d++;
	while (k < len && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
		k++;
	return d > 0 && d <= 6 && k == len;
}

/* Updates of a live page above a box, at least. */
#define LIVE_UPDATES 2

/*
 * A live page goes on below a box set between two of its updates: line
 * |i| is a time of day alone (update_stamp()) over a body paragraph, and
 * among the 2 * THREAD_GAP non-blank lines above marker |m|, right under
 * a body paragraph, LIVE_UPDATES times of day or more stand over body
 * paragraphs, as each update of the page is stamped ("21:40" over its
 * paragraph).  An update may head its paragraph with a line of its own
 * (stamped_update(): "16:20", "Roads reopen", then the paragraph), and its
 * text above the marker may be a short sentence (update_text_above()).  A
 * box set under the page's first update has one such stamp above it: one
 * more among the 2 * THREAD_GAP non-blank lines below line |i| makes up
 * for the other.  A box of other stories carries no such stamps, and the
 * stamps of a comment thread tell a date, or stand over names.
 */

/* Is line |j| a time of day alone over a body paragraph, with at most a
 * heading between them (a short or near line of at most *--max-heading*
 * words, no list item), the paragraph above line |end|?  Cost: two lines
 * read below |j|. */
static int
stamped_update(const struct decoder *dc, size_t j, size_t end)
{
	size_t k;

	if (!update_stamp(dc, j) || (k = next_line(dc, j)) >= end)
		return 0;
	if ((dc->lines[k].kind == K_SHORT || dc->lines[k].kind == K_NEAR) &&
	    !(dc->lines[k].flags & L_BULLET) && dc->lines[k].words <= dc->o->max_heading)
		k = next_line(dc, k);
	return k < end && dc->lines[k].kind == K_GOOD;
}

/* Does an update's text stand right above line |m| (blank lines and
 * one-word phrase lines apart): a body paragraph, or a shorter line that
 * ends a sentence ("The alert is lifted.")? */
static int
update_text_above(const struct decoder *dc, size_t m)
{
	m = safi_bp_text_above(dc, m);
	return m != SIZE_MAX && (dc->lines[m].kind == K_GOOD ||
	    (dc->lines[m].kind != K_BAD && (dc->lines[m].flags & L_TERM) &&
	    !(dc->lines[m].flags & L_BULLET)));
}

/* The updates of a live page right above line |m|: the stamps over an
 * update (stamped_update()) among the 2 * THREAD_GAP non-blank lines above
 * it, with their text above |m|. */
static size_t
updates_above(const struct decoder *dc, size_t m)
{
	size_t j, seen = 0, updates = 0;

	for (j = m; j-- > 0 && seen < 2 * THREAD_GAP;)
		if (dc->lines[j].kind != K_BLANK) {
			seen++;
			updates += stamped_update(dc, j, m);
		}
	return updates;
}

int
safi_bp_clock_resumes(const struct decoder *dc, size_t m, size_t i)
{
	size_t j, seen, updates, below = 0;

	if (!stamped_update(dc, i, dc->nlines) || !update_text_above(dc, m))
		return 0;
	updates = updates_above(dc, m);
	if (updates == 0 || updates >= LIVE_UPDATES)
		return updates > 0;
	for (j = next_line(dc, i), seen = 0; j < dc->nlines && seen < 2 * THREAD_GAP;
	    j = next_line(dc, j)) {
		seen++;
		below += stamped_update(dc, j, dc->nlines);
	}
	return updates + below >= LIVE_UPDATES;
}

/* May line |j| of the zone from |a| on, below the kept line |i|, be in a
 * run?  A copy counts when it repeats a line of the article (a label, a
 * link button), not the headline or the line right above it (a doubled
 * caption or player title); a date when it is not the stamp of a post
 * among others, nor a time of day alone near another (see safi_bp_clocks_near()):
 * a live page stamps each update so ("22:45" over its paragraph, "22:31"
 * over the next).  A post's number is none: the lines above it, down to the
 * post's text, are its header (a reply button, the poster's name, rank
 * and date), not a record of the article. */
static int
run_line(const struct decoder *dc, size_t a, size_t i, size_t j)
{
	const struct bp_line *ln = &dc->lines[j];
	size_t k, seen;

	if (post_number(dc, j))
		return 0;
	if (ln->kind != K_BAD)
		return ln->reason == R_CONTEXT;
	if (ln->reason == R_DUPLICATE)
		return ln->first >= a && ln->first != i;
	if (ln->reason == R_DATE && stamp(ln)) {
		if (stamps_below(dc, j + 1, THREAD_GAP))
			return 0;
		for (k = j, seen = 0; k-- > 0 && seen < THREAD_GAP;)
			if (dc->lines[k].kind != K_BLANK) {
				seen++;
				if (stamp(&dc->lines[k]))
					return 0;
			}
		return 1;
	}
	if (safi_bp_clock_line(dc, j) && (safi_bp_clocks_near(dc, j, -1) || safi_bp_clocks_near(dc, j, 1)))
		return 0;
	return ln->reason == R_DATE || ln->reason == R_URL || ln->reason == R_SYMBOLS;
}

/* Is |ln| a field of a site's widget: a line of WIDGET_WORDS words at
 * most with a figure after its label (a time of prayer, a price, a
 * temperature), not bulleted?  Its label opens it with a letter: a line
 * that opens with its figure is a quantity ("2 teaspoons salt", "½ cup
 * sugar") or a rank. */
static int
widget_field(const struct decoder *dc, const struct bp_line *ln)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)dc->text + ln->off;
	utf8proc_int32_t cp;
	utf8proc_category_t c;
	size_t k = 0;

	if ((ln->flags & (L_DIGITS | L_BULLET)) != L_DIGITS || ln->words > WIDGET_WORDS)
		return 0;
	while (k < ln->len && (p[k] == ' ' || p[k] == '\t'))
		k++;
	if (k == ln->len || utf8proc_iterate(p + k, (utf8proc_ssize_t)(ln->len - k), &cp) < 0)
		return 0;
	c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Where the run of lines (|i|, |j|) that shares the words of |tp| starts:
 * its first line with a word of |tp|, or |j| when less than |share|
 * percent of its words are words of |tp|.  When |widget| is not NULL, it
 * is set to that first line when it stands over WIDGET_FIELDS fields or
 * more (widget_field()) that share none and end the run, a site's widget
 * whose heading names the article's city or subject ("Prayer times -
 * Dubai"), and to |j| else. */
static size_t
run_start(const struct decoder *dc, const struct bp_topic *tp, size_t i, size_t j,
          unsigned share, size_t *widget)
{
	size_t k, start = j, fields = 0;
	unsigned hits = 0, total = 0, before;
	int others = 0;

	for (k = i + 1; k < j; k++)
		if (dc->lines[k].kind != K_BLANK) {
			before = hits;
			topic_count(dc, tp, k, &hits, &total);
			if (start == j) {
				if (hits > before)
					start = k;
			} else if (hits > before || !widget_field(dc, &dc->lines[k]))
				others = 1;
			else
				fields++;
		}
	if (widget)
		*widget = !others && fields >= WIDGET_FIELDS ? start : j;
	return hits * 100 >= share * total ? start : j;
}

/* run_start() for a run that must share RUN_TOPIC percent of its words
 * with |tp|, with no widget test. */
size_t
safi_bp_topic_run_start(const struct decoder *dc, const struct bp_topic *tp, size_t i, size_t j)
{
	return run_start(dc, tp, i, j, RUN_TOPIC, NULL);
}

static void
keep_short_runs(struct decoder *dc, size_t a, size_t b)
{
	struct bp_topic tp;
	uint64_t keys[BP_POST_KEYS];
	size_t i, j, k, n, e, start, first, widget, nkeys = 0, fed = SIZE_MAX;
	unsigned item = 0;
	int have_topic = 0;

	for (i = a; i <= b; i = j) {
		if (dc->lines[i].keep != 1) {
			j = i + 1;
			continue;
		}
		for (j = i + 1, n = 0; j <= b; j++) {
			const struct bp_line *ln = &dc->lines[j];

			if (ln->kind == K_BLANK)
				continue;
			if (ln->keep == 1 || !run_line(dc, a, i, j))
				break;
			n++;
		}
		for (e = j; e <= b && (dc->lines[e].kind == K_BLANK ||
		    (dc->lines[e].keep == 1 && dc->lines[e].reason == R_HEADING)); e++)
			;
		if (n == 0 || e > b || dc->lines[e].keep != 1 || dc->lines[e].reason != R_BODY)
			continue;
		start = i + 1;
		first = next_line(dc, i);
		if (n > 1 && !(item != 0 && item_number(dc, first) == item + 1)) {
			if (!have_topic) {
				safi_bp_zone_topic(dc, a, b, 0, &tp);
				have_topic = 1;
			}
			start = run_start(dc, &tp, i, j, RUN_TOPIC, &widget);
			if (widget < j) {
				for (k = widget; k < j; k++)
					if (dc->lines[k].kind != K_BLANK)
						dc->lines[k].reason = R_WIDGET;
				continue;
			}
		}
		/* A post's strip between two posts of a thread repeats the
		 * strips above it: it stays dropped. */
		if (fed == SIZE_MAX) {
			nkeys = safi_bp_strip_above(dc, a, keys);
			fed = a;
		}
		nkeys = safi_bp_feed_furniture(dc, fed, start, keys, nkeys);
		fed = start > fed ? start : fed;
		if (start < j && safi_bp_post_strip(dc, next_line(dc, start - 1), j - 1, keys, nkeys))
			continue;
		for (k = start; k < j; k++)
			if (dc->lines[k].kind != K_BLANK) {
				dc->lines[k].keep = 1;
				dc->lines[k].reason = R_SHORT_RUN;
			}
		item = start <= first ? item_number(dc, first) : 0;
	}
}

/*
 * The lists between the two parts of an article (upper_zone()): a page
 * may break its article with a block of widgets, and the lists of the
 * article may stand in that break, between its parts (a recipe's
 * ingredients between its introduction and its method, under their
 * card's title and times).  A block there, up to the next blank line, of
 * GAP_ITEMS list items or more (bulleted or numbered), none kept, none
 * boilerplate but by a weak shape (list_item()), with a short line
 * between them no more than once in GAP_ITEMS (a part's name, "For the
 * sauce"), is the article's when it holds GAP_WORDS content words or
 * more per item and GAP_TOPIC percent of them are words of the zone's body
 * paragraphs, as no paragraph of its own vouches for it: a menu, a share
 * row or a box of links shares none, and a row of one-word links holds
 * too few.
 * Its lines that are no boilerplate are kept, and the short line alone
 * between blank lines right above it (its heading, "Ingredients"); so is
 * a short line alone between the last list kept and the zone (the
 * heading of the part below, "Method").  Reads each line between the two
 * parts once, and each block's lines twice.
 */
#define GAP_ITEMS 3
#define GAP_WORDS 2
#define GAP_TOPIC 40

/* Is line |i| a short line alone between blank lines, no boilerplate, no
 * list item, not kept: a heading? */
static int
gap_heading(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind == K_SHORT && !ln->keep && !(ln->flags & (L_BULLET | L_TERM)) &&
	    ln->words <= dc->o->max_heading && i > 0 && i + 1 < dc->nlines &&
	    dc->lines[i - 1].kind == K_BLANK && dc->lines[i + 1].kind == K_BLANK;
}

static void
keep_gap_lists(struct decoder *dc, size_t b2, size_t a, size_t b)
{
	struct bp_topic tp;
	size_t i, j, k, prev = SIZE_MAX, kept = SIZE_MAX;
	int have_topic = 0;

	for (i = b2 + 1; i < a; i = j) {
		unsigned items = 0, others = 0, hits = 0, total = 0;
		int ok = 1;

		if (dc->lines[i].kind == K_BLANK) {
			j = i + 1;
			continue;
		}
		for (j = i; j < a && dc->lines[j].kind != K_BLANK; j++) {
			const struct bp_line *ln = &dc->lines[j];

			if (ln->keep == 1 || !list_item(ln))
				ok = 0;
			else if (ln->flags & L_BULLET)
				items++;
			else if (ln->kind == K_SHORT)
				others++;
			else
				ok = 0;
		}
		if (ok && items >= GAP_ITEMS && others * GAP_ITEMS <= items) {
			if (!have_topic) {
				safi_bp_zone_topic(dc, a, b, 0, &tp);
				have_topic = 1;
			}
			for (k = i; k < j; k++)
				topic_count(dc, &tp, k, &hits, &total);
			if (total >= GAP_WORDS * items && hits * 100 >= GAP_TOPIC * total) {
				for (k = i; k < j; k++)
					if (dc->lines[k].kind != K_BAD) {
						dc->lines[k].keep = 1;
						dc->lines[k].reason = (dc->lines[k].flags & L_BULLET) ?
						    R_LIST : R_HEADING;
					}
				if (prev != SIZE_MAX && gap_heading(dc, prev)) {
					dc->lines[prev].keep = 1;
					dc->lines[prev].reason = R_HEADING;
				}
				kept = j;
			}
		}
		prev = j - 1;
	}
	/* the heading of the part below, alone between the list and the zone */
	if (kept != SIZE_MAX && (i = next_line(dc, kept)) < a && next_line(dc, i) == a &&
	    gap_heading(dc, i)) {
		dc->lines[i].keep = 1;
		dc->lines[i].reason = R_HEADING;
	}
}

/*
 * A list that ends the article.  The best run of lines ends above a long
 * list the article gives (the places of a tour, a track list, the contents
 * of a book, the works a review names, a wine list), as its short lines
 * cost more than they earn; and when the list is the article's last part,
 * no long body text below brings the article back (keep_resumed()).  A
 * sidebar, a feed or a tag cloud below the article has the same shape;
 * the list is told from them by where it ends and by its words.  It runs
 * from the end of the zone right down to the marker or the thread that
 * cuts the page (a "related" box, the readers' comments), with at most
 * END_GAP lines between them, all boilerplate (a share row, a tag line):
 * the page's own end of the article.  No line in it is boilerplate by its
 * phrase, menu, URL or copyright shape but its heading, a phrase of a few
 * words that no colon ends ("Contents", not "Tags:"), and dates, captions
 * and repeated lines (all still dropped); it has END_LINES lines or
 * more; and 2 * RUN_TOPIC percent of its content words are words of the
 * zone's body paragraphs, twice what a run inside the zone needs, as no
 * body paragraph below it vouches for it.  Its lines from the first that
 * shares a word are kept as a short run.
 */
#define END_LINES 10
#define END_GAP 2
/* Words of a post's text kept in a thread below the zone, at least. */
#define END_POST_WORDS 5

/*
 * Is the run [s, e) below the zone a thread's posts rather than the
 * article's list: two stamps or more of one shape, each a date with a time
 * of day ("02-12-2026 06:48 PM", the program printing a post's header),
 * and a line that copies a line above it ("Reply", a post's button)?  A
 * track list or the places of a tour print their dates without the time
 * and repeat no line.  Reads each line of the run once, and the bytes of
 * a stamp twice.
 */
static int
posts_to_end(const struct decoder *dc, size_t s, size_t e)
{
	uint64_t shape = 0;
	size_t i, stamps = 0, copies = 0;

	for (i = s; i < e; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (post_stamp(dc, ln)) {
			uint64_t h = safi_bp_stamp_shape(dc, i);

			if (stamps == 0 || h == shape)
				stamps++;
			shape = h;
		} else if (ln->first != i && !(ln->flags & L_DATED)) {
			copies++;
		}
	}
	return stamps >= 2 && copies >= 1;
}

/* A post's text in a thread below the zone: a sentence of END_POST_WORDS
 * words or more, not the page's furniture. */
static int
post_sentence(const struct bp_line *ln)
{
	return ln->kind != K_BAD && ln->kind != K_BLANK && ln->words >= END_POST_WORDS &&
	    (ln->flags & (L_TERM | L_BULLET | L_MARKER)) == L_TERM;
}

static size_t
keep_list_to_end(struct decoder *dc, size_t a, size_t b, size_t cut, size_t sections)
{
	struct bp_topic tp;
	size_t i, k, end, n = 0, gap = 0, seen = 0;

	if (cut >= dc->nlines)
		return b;
	for (i = cut; i-- > b + 1;) {
		if (dc->lines[i].kind == K_BLANK)
			continue;
		if (dc->lines[i].kind != K_BAD || gap++ == END_GAP)
			break;
	}
	if (i <= b || dc->lines[i].kind == K_BAD)
		return b;
	end = i + 1;
	for (i = b + 1; i < end; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		/* A heading that is boilerplate by its phrase ("Contents", not
		 * "Tags:") may head the list, and stays dropped; a line of a
		 * date's shape the sections kept in their lists counts as the
		 * dates do. */
		if (ln->kind == K_BAD && (list_item(ln) ||
		    (ln->keep && sections != SIZE_MAX && i <= sections) ||
		    (seen == 0 && ln->reason == R_PHRASE &&
		    !(ln->flags & L_COLON) && ln->words <= dc->o->max_heading))) {
			seen++;
			continue;
		}
		seen++;
		if (ln->kind == K_BAD || (ln->keep && (sections == SIZE_MAX || i > sections)))
			return b;
		n++;
	}
	if (n < END_LINES)
		return b;
	safi_bp_zone_topic(dc, a, b, 0, &tp);
	k = run_start(dc, &tp, b, end, 2 * RUN_TOPIC, NULL);
	if (k < end && posts_to_end(dc, b + 1, end)) {
		/* A thread's posts under their names, stamps and buttons: only
		 * their text is kept. */
		for (; k < end; k++)
			if (!dc->lines[k].keep && post_sentence(&dc->lines[k])) {
				dc->lines[k].keep = 1;
				dc->lines[k].reason = R_THREAD;
			}
		return end - 1;
	}
	for (; k < end; k++) {
		struct bp_line *ln = &dc->lines[k];

		if (ln->kind == K_BLANK || ln->keep)
			continue;
		if (ln->kind != K_BAD) {
			ln->keep = 1;
			ln->reason = R_SHORT_RUN;
		} else if (table_figure(ln)) {
			ln->keep = 1;
			ln->reason = R_TABLE;
		}
	}
	return end - 1;
}

/*
 * Is line |i| set into the article between its paragraphs, not furniture
 * around it: a line of INTERJECTED_WORDS words or more, boilerplate by its
 * phrase, that the page prints more than once (a ticker's "Breaking: ..."
 * repeated between the paragraphs)?  A button or a label of a word or two
 * ("Share", "Advertisement"), a caption, a copy of a box's headline and an
 * inline "read also" line (its headline may sit over a box's lines) are
 * not.
 */
#define INTERJECTED_WORDS 4
/* Bytes of a rule between two parts of the article, at most. */
#define RULE_LEN 40

static int
interjected(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind == K_BAD && !(ln->flags & (L_MARKER | L_BULLET | L_TABLE)) &&
	    ln->reason == R_PHRASE && ln->words >= INTERJECTED_WORDS &&
	    (ln->first != i || (ln->flags & L_REPEATED));
}

/*
 * Is line |i| a rule between two parts of the article: a line of dashes,
 * stars or the like alone between blank lines ("-", "* * *", "~~~"), with
 * no letter and no digit?  A list article sets one between its items; it
 * stands for no furniture.  A bar of a menu ("|") or a line of arrows is
 * none.
 */
static int
rule_line(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;
	size_t k;

	if (ln->kind != K_BAD || ln->reason != R_SYMBOLS || ln->words != 0 || ln->len == 0 ||
	    ln->len > RULE_LEN || i == 0 || i + 1 >= dc->nlines ||
	    dc->lines[i - 1].kind != K_BLANK || dc->lines[i + 1].kind != K_BLANK)
		return 0;
	for (k = 0; k < ln->len; k++)
		if (!memchr("-*_=~. ", p[k], 7))
			return 0;
	return 1;
}

/* Does line |i| count as the nearest body text or boilerplate around a
 * line of the zone (see note_neighbours())? */
static inline int
neighbour(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind == K_GOOD || (ln->kind == K_BAD && ln->reason != R_CREDIT &&
	    !interjected(dc, i) && !rule_line(dc, i));
}

/* Notes on each line of the zone [a, b] the kind of the nearest line
 * before and after it that is body text or boilerplate (skipping blank,
 * short and near lines, lines set into the article, interjected(), rules
 * between its parts, rule_line(), and credits all in parentheses, which
 * stand under a photo set into it: "(Associated Press)"); past the zone
 * counts as boilerplate. */
static void
note_neighbours(struct decoder *dc, size_t a, size_t b)
{
	uint8_t last = K_BAD;
	size_t i;

	for (i = a; i <= b; i++) {
		dc->lines[i].prev_kind = last;
		if (neighbour(dc, i))
			last = dc->lines[i].kind;
	}
	last = K_BAD;
	for (i = b + 1; i-- > a;) {
		dc->lines[i].next_kind = last;
		if (neighbour(dc, i))
			last = dc->lines[i].kind;
	}
}

/*
 * A short update of a live page: "16:05", "Second half under way", "No
 * changes at half-time for either side."  Its lines are too short to be
 * body text, and its stamp and the next one stand next to them, so that
 * the context alone would drop them.  Line |i| is such an update's line
 * when the nearest boilerplate line above it, across at most THREAD_GAP
 * non-blank lines of text (its heading, a paragraph of the same update),
 * is the stamp of an update (safi_bp_update_clock()).  Cost: at most
 * THREAD_GAP lines read up, then the stamp's test.
 */
static int
live_update_line(const struct decoder *dc, size_t i)
{
	size_t j = i, seen = 0;

	while (j-- > 0) {
		if (dc->lines[j].kind == K_BLANK)
			continue;
		if (dc->lines[j].kind == K_BAD)
			break;
		if (++seen > THREAD_GAP)
			return 0;
	}
	return j < i && safi_bp_update_clock(dc, j);
}

static int full_stop(const char *p, size_t len);

/* Is |ln| a short line of SENTENCE_WORDS words or more that ends in one
 * full stop, not a list item ("Three years.", "ثلاث سنوات.")?  It is a
 * sentence, an answer or a short update, not a heading; a line that ends
 * in dots ("On the blog...") leads to more. */
#define SENTENCE_WORDS 2

static int
short_sentence(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t len = ln->len;

	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	return ln->kind == K_SHORT && ln->words >= SENTENCE_WORDS && !(ln->flags & L_BULLET) &&
	    full_stop(p, len) && !(len >= 2 && p[len - 2] == '.');
}

/* Context smoothing inside the zone: body paragraphs stay; a near line
 * stays next to body text, or alone when it is a sentence of --min-words
 * words (a lead with few stop words between a date and a "read also"
 * line) or a sentence of a live page's short update (live_update_line(),
 * a short line of LIVE_SENTENCE words or more too: "Castleford are
 * unchanged."), and so does a short sentence (short_sentence()) next to
 * body text; a short line stays as a heading when the text after it is
 * body text, or a sentence of such an update, or when it asks a question
 * that a short sentence right under it answers ("How long did it take?"
 * over "Three years."). */
static int
context_keeps(const struct decoder *dc, size_t i, size_t b)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t j;

	if (ln->kind == K_GOOD)
		return 1;
	/* A line that ends in a colon over a table of the zone introduces
	 * it ("The results of the round:"); so does a heading right over a
	 * table of two columns, no blank line between ("Ticket prices"), or
	 * over a table printed a row to a line ("Match statistics" over
	 * "Home | Stat | Away"). */
	if (((ln->flags & L_COLON) || (ln->words <= dc->o->max_heading && i + 1 <= b &&
	    (dc->lines[i + 1].flags & L_TABLE) && ((!(dc->lines[i + 1].flags & L_NUMCELL) &&
	    i + 2 <= b && (dc->lines[i + 2].flags & L_NUMCELL)) || safi_bp_table_row(dc, i + 1)))) &&
	    !(ln->flags & L_BULLET) &&
	    (j = next_line(dc, i)) <= b && (dc->lines[j].flags & L_TABLE))
		return 1;
	/* A list item between body paragraphs. */
	if ((ln->flags & L_BULLET) && ln->prev_kind == K_GOOD && ln->next_kind == K_GOOD)
		return 1;
	if (ln->kind == K_NEAR && (ln->prev_kind == K_GOOD || ln->next_kind == K_GOOD ||
	    ((ln->flags & L_TERM) && ln->words >= dc->o->min_words)))
		return 1;
	if ((ln->kind == K_NEAR || (ln->kind == K_SHORT && ln->words >= LIVE_SENTENCE)) &&
	    (ln->flags & L_TERM) && live_update_line(dc, i))
		return 1;
	if (short_sentence(dc, ln))
		return ln->prev_kind == K_GOOD || ln->next_kind == K_GOOD;
	if (ln->words > dc->o->max_heading)
		return 0;
	for (j = i + 1; j <= b && dc->lines[j].kind == K_BLANK; j++)
		;
	if (j > b || (dc->lines[j].kind != K_GOOD && dc->lines[j].kind != K_NEAR &&
	    !(question(dc, ln) && short_sentence(dc, &dc->lines[j]))))
		return 0;
	if (ln->next_kind == K_GOOD)
		return 1;
	return dc->lines[j].kind == K_NEAR && (dc->lines[j].flags & L_TERM) &&
	    live_update_line(dc, j);
}

/*
 * An article written in lines of one short sentence each ("It is a big
 * step."), each set apart by blank lines, ends in such lines a word
 * shorter than the body text the zone counts: each costs the zone a
 * little (ZONE_SHORT), and the zone ends above them.  When the zone's last
 * SHORT_RUN lines are such sentences, the lines of that shape right below
 * it, up to the first line of another shape and above the cut |cut|, are
 * the article's last lines, however many: a bio or a notice below an
 * article comes in a sentence or two of other lengths, a thread or a box
 * of teasers with names, stamps or headlines between its sentences.  A
 * "read also" line with its story's title set between two of them
 * (set_in_run()) does not end the run.  Returns the zone's new last line.
 */
#define SHORT_RUN 3

/* A line of one short sentence of its own: blank lines around it, ending
 * a sentence, no item, no furniture by its shape or phrase. */
static int
lone_sentence(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return (ln->kind == K_SHORT || ln->kind == K_NEAR) && ln->words >= 2 &&
	    (ln->flags & (L_TERM | L_BULLET | L_COLON | L_MARKER | L_TABLE)) == L_TERM &&
	    i > 0 && dc->lines[i - 1].kind == K_BLANK &&
	    (i + 1 >= dc->nlines || dc->lines[i + 1].kind == K_BLANK);
}

/* A "read also" line with its story's title (dropped as an
 * inline-marker), blank lines around it: set between two of the
 * article's paragraphs, it does not end a run of lone sentences. */
static int
set_in_run(const struct decoder *dc, size_t i)
{
	return dc->lines[i].kind == K_BAD && dc->lines[i].reason == R_INLINE_MARKER && i > 0 &&
	    dc->lines[i - 1].kind == K_BLANK && i + 1 < dc->nlines &&
	    dc->lines[i + 1].kind == K_BLANK;
}

/* A line of a box that the article goes on below (safi_bp_find_cut()): its
 * marker or one of its teasers, or a "read also" line (set_in_run()). */
static int
in_box(const struct decoder *dc, size_t i)
{
	return set_in_run(dc, i) || (dc->lines[i].kind == K_BAD &&
	    (dc->lines[i].reason == R_MARKER || dc->lines[i].reason == R_TEASER));
}

/*
 * An article written in lines of one short sentence each keeps them all.
 * Inside the zone [a, b], a run of SENTENCE_RUN lines or more of one
 * sentence each (lone_sentence(); nothing between them but blank lines
 * and "read also" lines, set_in_run()), of which SENTENCE_RUN are
 * sentences of five words or more (near lines: a one-line paragraph, not
 * "Yes." or a label), is the article's prose when one of its lines is
 * kept already or the nearest line above it (past a box the article goes
 * on under, in_box()) or below it is: the context keeps a near line only
 * next to body text, and in such an article no line is.  A comment thread, a list of
 * teasers or a footer holds names, stamps, links or phrases between its
 * sentences, which end the run.  The run's lines that the context
 * dropped are kept as *short-run*.  Reads each line of the zone once, and
 * each run's lines twice.
 */
#define SENTENCE_RUN 3

static void
keep_sentence_runs(struct decoder *dc, size_t a, size_t b)
{
	size_t i = a, j, k, first, last, near;
	int anchored;

	while (i <= b) {
		if (!lone_sentence(dc, i)) {
			i++;
			continue;
		}
		first = last = i;
		near = 0;
		anchored = 0;
		for (j = i; j <= b; j++) {
			const struct bp_line *ln = &dc->lines[j];

			if (ln->kind == K_BLANK || set_in_run(dc, j))
				continue;
			if (!lone_sentence(dc, j))
				break;
			last = j;
			near += ln->kind == K_NEAR;
			anchored |= ln->keep == 1;
		}
		i = j;
		if (near < SENTENCE_RUN)
			continue;
		for (k = first; !anchored && k-- > a;)
			if (dc->lines[k].kind != K_BLANK && !in_box(dc, k)) {
				anchored = dc->lines[k].keep == 1;
				break;
			}
		if (!anchored && j <= b)
			anchored = dc->lines[j].keep == 1;
		if (!anchored)
			continue;
		for (k = first; k <= last; k++)
			if (dc->lines[k].kind != K_BLANK && dc->lines[k].keep != 1 &&
			    dc->lines[k].reason == R_CONTEXT) {
				dc->lines[k].keep = 1;
				dc->lines[k].reason = R_SHORT_RUN;
			}
	}
}

/*
 * A line set into the article (interjected(), a ticker's "Breaking: ..."
 * line) that the page prints again right below the zone [a, b], a copy of
 * it standing inside the zone, does not end the article there: the lines
 * right under it, at most one heading (a short line of *--max-heading*
 * words that ends no sentence, blank lines around it) over INTERJECTED_RUN
 * or more lines of one short sentence each (lone_sentence()), SHORT_RUN at
 * most, up to the first line of another shape and above |cut|, are the
 * article's last lines.  Returns the zone's new last line.  Cost: one
 * read of the zone, for the copy, and a few lines below it.
 */
#define INTERJECTED_RUN 2

static size_t
interjected_on(const struct decoder *dc, size_t a, size_t b, size_t cut)
{
	size_t i, j = next_line(dc, b), n = 0, last = b;
	int heading = 0;

	if (j >= cut || j >= dc->nlines || !interjected(dc, j))
		return b;
	for (i = a; i <= b; i++)
		if (i != j && dc->lines[i].kind == K_BAD && dc->lines[i].first == dc->lines[j].first)
			break;
	if (i > b)
		return b;
	for (i = j + 1; i < cut && i < dc->nlines && n < SHORT_RUN; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (lone_sentence(dc, i)) {
			n++;
			last = i;
			continue;
		}
		if (n > 0 || heading++ || ln->kind == K_BAD || ln->kind == K_GOOD ||
		    ln->words > dc->o->max_heading ||
		    (ln->flags & (L_TERM | L_BULLET | L_COLON | L_MARKER | L_TABLE)) ||
		    dc->lines[i - 1].kind != K_BLANK ||
		    (i + 1 < dc->nlines && dc->lines[i + 1].kind != K_BLANK))
			break;
	}
	return n >= INTERJECTED_RUN ? last : b;
}

static size_t
short_lines_on(const struct decoder *dc, size_t a, size_t b, size_t cut)
{
	size_t i, n = 0, last = b;

	for (i = b + 1; i-- > a && n < SHORT_RUN;) {
		if (dc->lines[i].kind == K_BLANK)
			continue;
		if (!lone_sentence(dc, i))
			return interjected_on(dc, a, b, cut);
		n++;
	}
	if (n < SHORT_RUN)
		return interjected_on(dc, a, b, cut);
	for (i = b + 1; i < cut && i < dc->nlines; i++) {
		if (dc->lines[i].kind == K_BLANK || set_in_run(dc, i))
			continue;
		if (!lone_sentence(dc, i))
			break;
		last = i;
	}
	return last;
}

/*
 * The last lines of an article below its zone: a closing sentence too
 * short for body text ("God knows best.", "والله أعلم."), or an
 * interview's last question with its short answer ("A last word?" over
 * "Water is a matter of survival."), each costs the zone a little, and
 * the zone ends at the last long paragraph above them.  Right below the
 * zone's last line, a body paragraph, one line of one sentence of its own
 * (lone_sentence()), or one question of at most *--max-heading* words
 * set apart by blank lines over such a sentence that asks nothing, is
 * the article's end when no body or near paragraph follows it (but
 * boilerplate, a short line, the cut |cut| or the page's end): a comment
 * thread sets a name or a stamp over its first comment, and a box of
 * teasers its marker.  A rule (rule_line()) between the zone and such a
 * line sets the last words apart as writers do ("-" over "Well, mostly."),
 * and is skipped.  The question is kept as a heading, the sentence as
 * text.  Cost: the four lines below the zone.
 */
static void
keep_closing_lines(struct decoder *dc, size_t b, size_t cut)
{
	size_t q = next_line(dc, b), s = q, k;
	const struct bp_line *ln;

	if (q < cut && q < dc->nlines && q == b + 2 && rule_line(dc, q))
		s = q = next_line(dc, q);
	if (dc->lines[b].kind != K_GOOD || (dc->lines[b].flags & L_BULLET) || q >= cut ||
	    q >= dc->nlines || (q != b + 2 && q != b + 4) || dc->lines[q].keep)
		return;
	ln = &dc->lines[q];
	if (!lone_sentence(dc, q))
		return;
	if (question(dc, ln) && ln->words <= dc->o->max_heading) {
		s = next_line(dc, q);
		if (s >= cut || s >= dc->nlines || !lone_sentence(dc, s) ||
		    question(dc, &dc->lines[s]) || dc->lines[s].keep)
			return;
	}
	k = next_line(dc, s);
	if (k < cut && k < dc->nlines &&
	    (dc->lines[k].kind == K_GOOD || dc->lines[k].kind == K_NEAR))
		return;
	for (k = q; k <= s; k++) {
		struct bp_line *l = &dc->lines[k];

		if (l->kind == K_BLANK)
			continue;
		l->keep = 1;
		l->reason = k < s ? R_HEADING : R_TEXT;
	}
}

/*
 * The end of the article inside the zone: the furniture that ends an
 * article (share rows, newsletter prompts, "comments are closed", tags,
 * copyright lines: lines that are boilerplate by their phrase, menu,
 * marker or copyright shape; not a table's rows, whose short ones read as
 * menus), BARRIER_LINES of them or more with no body
 * paragraph between them, below body text of ARTICLE_SCORE or more, ends
 * the zone unless the story goes on below it: when less than BOX_TOPIC
 * percent of the content words of the next two body paragraphs were used
 * in the body above (as a box inside the article is told from a tail),
 * what follows is a sidebar, a feed or comments, and the zone ends at the
 * last body line above the furniture; unless the text below outweighs the
 * text above and is mostly body paragraphs (article_below()): then what
 * stands above the furniture is a box over the article (a writer's bio,
 * another story's teaser), and the zone starts at the first body paragraph
 * below it.  A strip of phrase lines alone (a
 * newsletter's sign-up box: its prompt, its button, its privacy line; no
 * marker, menu, copyright line or other line among them) may stand inside
 * an article, whose next paragraphs may turn to a new detail: there the
 * share is read over the next SIGNUP_PARAGRAPHS body paragraphs, as a
 * story that goes on names its people and things again further down and
 * a tail of notices of other things (a hall to hire, a call for actors)
 * does not.
 */
#define BARRIER_LINES 4
#define SIGNUP_PARAGRAPHS 4

/* Is the text of the zone from body paragraph |i| below a barrier down to
 * |b| the article, and the text above it, of zone score |above|, a box
 * over it (a writer's bio, another story's teaser)?  It scores more than
 * the text above, and body paragraphs are two thirds of its lines or more:
 * a feed of teasers sets a heading or a link over each.  Reads [i, b]
 * once. */
static int
article_below(const struct decoder *dc, size_t i, size_t b, long above)
{
	size_t lines = 0, good = 0;
	long below = 0;

	for (; i <= b; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		below += zone_score(dc, ln);
		lines++;
		good += ln->kind == K_GOOD;
	}
	return below > above && 3 * good >= 2 * lines;
}

static void
end_at_barrier(const struct decoder *dc, size_t *a, size_t *b)
{
	size_t i, start = SIZE_MAX, last = *a, furniture = 0, others = 0;
	long above = 0, at_start = 0;

	for (i = *a; i <= *b; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_GOOD) {
			if (start != SIZE_MAX && furniture >= BARRIER_LINES &&
			    at_start >= ARTICLE_SCORE &&
			    topic_share(dc, start, i) < BOX_TOPIC &&
			    (others > 0 || topic_share_n(dc, start, i, SIGNUP_PARAGRAPHS) < BOX_TOPIC)) {
				if (article_below(dc, i, *b, at_start))
					*a = i;
				else
					*b = last;
				return;
			}
			start = SIZE_MAX;
			furniture = others = 0;
			last = i;
		} else {
			if (start == SIZE_MAX) {
				start = i;
				at_start = above;
			}
			if (ln->kind == K_BAD && !(ln->flags & L_TABLE) &&
			    (ln->reason == R_PHRASE || ln->reason == R_MENU ||
			    ln->reason == R_MARKER || ln->reason == R_INLINE_MARKER ||
			    ln->reason == R_COPYRIGHT))
				furniture++;
			if (ln->kind != K_BAD || ln->reason != R_PHRASE)
				others++;
			if (ln->kind == K_NEAR && (ln->flags & L_TERM))
				last = i;
		}
		above += zone_score(dc, ln);
	}
}

/*
 * The box between two parts of the article, [from, c), lies inside it:
 * its lines that only their place dropped as the tail (not boilerplate by
 * their shape) are the zone's, dropped by the context, so that its short
 * runs (a table, the steps of a list, the fields of a record) are kept as
 * they are inside the zone, when they share the article's words.  A menu,
 * a row of products or other stories' headlines share none.
 */
static void
open_box(struct decoder *dc, size_t from, size_t c)
{
	size_t i;

	for (i = from; i < c; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind != K_BLANK && ln->kind != K_BAD && ln->reason == R_TAIL)
			ln->reason = R_CONTEXT;
	}
}

/*
 * The article resumed below a box.  A box inside the article (a table, a
 * gallery, a long run of short lines) can cost more than the paragraphs
 * after it earn, and the best run of lines then ends above it.  Below the
 * end of that run |from| and above the cut, the best run of lines is the
 * article going on when it is long body text: it scores RESUME_SCORE or
 * more (five paragraphs of forty words), its body paragraphs have
 * RESUME_WORDS words on average, and its first two share twice BOX_TOPIC
 * percent of their content words with the body above it: twice what tells
 * a box from a tail, as no marker and no teasers vouch for a box here.
 * Comments and other stories' teasers come as short paragraphs; another
 * story, like a footer, shares few words.  The run's lines are judged as
 * the zone's, the box above it is opened (below), and the search goes on
 * below the run.  Returns the last line of the last run, or SIZE_MAX.
 */
#define RESUME_WORDS 25
/* Each resumed run costs a search of the rest of the page: an article
 * comes back below a few boxes, not below thousands, and the bound keeps
 * a huge document's decoding linear. */
#define RESUME_RUNS 16

/* Do the body paragraphs of [c, e] have RESUME_WORDS words on average? */
int
safi_bp_long_paragraphs(const struct decoder *dc, size_t c, size_t e)
{
	size_t k, paras = 0, words = 0;

	for (k = c; k <= e; k++)
		if (dc->lines[k].kind == K_GOOD) {
			paras++;
			words += dc->lines[k].words;
		}
	return words >= RESUME_WORDS * paras;
}

int
safi_bp_resumes(const struct decoder *dc, size_t c, size_t e, long sc)
{
	return sc >= RESUME_SCORE && safi_bp_long_paragraphs(dc, c, e) &&
	    topic_share(dc, c, c) >= 2 * BOX_TOPIC;
}

/*
 * An article of short structured parts: a live page's updates under their
 * times, an interview's questions and answers, a list of decisions, a
 * table of results, a recipe's steps.  Its paragraphs are short, and its
 * stamps, questions, items and cells cost more than the paragraphs earn,
 * so that the best run of lines holds one piece of it (the lead, or a
 * paragraph or two) and the rest falls below the zone.  Below a short
 * zone (less than RESUME_SCORE), *b is moved down to the last statement
 * of a run of the article's parts.  A statement is a paragraph that ends
 * in a full stop (body text or a near paragraph, no list item): a feed's
 * headlines, questions and exclamations, readers' comments, end otherwise
 * or not at all.  Down from the first statement, the run goes on over
 * statements, list items, table cells, dates, captions and short lines
 * that end in a full stop ("Yes."), and over STRUCT_RUN other short lines
 * in a row at most (a heading, a question, a time over the next
 * statement); a marker, the cut, a line that is boilerplate by another
 * shape (a phrase, a menu, a copyright line), a line printed more than
 * once (a post's strip, a widget; a table repeats its cells) or a longer
 * run of short lines (a widget's heading and links, a form's fields) ends
 * it.  It holds STRUCT_PARTS statements or more, a table counting as one.
 * Between the zone and the first statement, a strip of furniture (a
 * byline, a share row, a font widget under the lead) of STRUCT_HARD lines
 * at most, STRUCT_PLAIN of them short lines at most, the line right over
 * the statement aside, is let through and stays dropped, and the run below
 * it must hold one statement more (a sidebar's blurb or a form's note
 * under a share row is one or two); a gap of the article's own lines (no
 * line boilerplate by its shape other than a date or caption, no longer
 * run of short lines) is taken with the run.  Below the run, the next gap
 * must be of the article's own lines, with STRUCT_PLAIN short lines at
 * most, for a next run to be taken.  Returns the first line to keep below
 * the zone (the first statement, the line right over it, or the gap), or
 * SIZE_MAX when no run was taken.  Each line is read at most twice.
 */
#define STRUCT_HARD 6
#define STRUCT_PLAIN 3
#define STRUCT_PARTS 3
#define STRUCT_RUN 2

/* May line |ln| stand between two parts of a structured article, whatever
 * its shape (a date, a caption, a list item, a cell)? */
static int
part_furniture(const struct bp_line *ln)
{
	if (ln->flags & (L_BULLET | L_TABLE))
		return 1;
	return ln->kind == K_BAD && (ln->reason == R_DATE || ln->reason == R_SYMBOLS ||
	    ln->reason == R_CAPTION || ln->reason == R_CREDIT || ln->reason == R_DUPLICATE);
}

/* Does p[0, len) end in a full stop (past closing quotes and brackets)? */
static int
full_stop(const char *p, size_t len)
{
	while (len > 0) {
		unsigned char c = (unsigned char)p[len - 1];

		if (c == ' ' || c == '"' || c == '\'' || c == ')')
			len--;
		else if (len >= 2 && (unsigned char)p[len - 2] == 0xC2 && c == 0xBB)
			len -= 2;  /* » */
		else if (len >= 3 && (unsigned char)p[len - 3] == 0xE2 &&
		    (unsigned char)p[len - 2] == 0x80 && (c == 0x9D || c == 0x99))
			len -= 3;  /* ” ’ */
		else
			break;
	}
	return len > 0 && (p[len - 1] == '.' ||
	    (len >= 2 && (unsigned char)p[len - 2] == 0xDB && (unsigned char)p[len - 1] == 0x94) ||
	    (len >= 3 && (unsigned char)p[len - 3] == 0xE3 && (unsigned char)p[len - 2] == 0x80 &&
	    (unsigned char)p[len - 1] == 0x82));
}

static int
part_line(const struct decoder *dc, const struct bp_line *ln)
{
	return (ln->kind == K_GOOD || ln->kind == K_NEAR) && (ln->flags & L_TERM) &&
	    !(ln->flags & L_BULLET) && full_stop(dc->text + ln->off, ln->len);
}

/*
 * A live page sets a box between two of its updates: a video's player
 * under an update that tells of it ("Watch the video", its length), an
 * advert's label.  Line |i|, boilerplate, stands below line |last|, a
 * statement of an update (live_update_line()), and the box runs from |i|
 * over boilerplate lines alone, BOX_LINES non-blank lines at most, no
 * marker among them, down to the stamp of the next update
 * (safi_bp_update_clock()) above |cut|.  Returns that stamp, or SIZE_MAX:
 * the box interrupts the run of updates and does not end it.  A box of
 * teasers has headlines, no boilerplate, and ends it.  Cost: BOX_LINES
 * lines read, the stamp's test on each, then live_update_line().
 */
static size_t
live_box_end(const struct decoder *dc, size_t last, size_t i, size_t cut)
{
	size_t n = 0;

	for (; i < cut; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind != K_BAD || (ln->flags & L_MARKER) || ++n > BOX_LINES)
			return SIZE_MAX;
		if (n > 1 && safi_bp_update_clock(dc, i))
			return live_update_line(dc, last) ? i : SIZE_MAX;
	}
	return SIZE_MAX;
}

static size_t
extend_structured(const struct decoder *dc, size_t *b, size_t cut, long zone_sc)
{
	size_t i, k, from = *b + 1, steps = 0, top = SIZE_MAX, over = SIZE_MAX;

	if (zone_sc >= RESUME_SCORE)
		return SIZE_MAX;
	while (from < cut) {
		size_t hard = 0, plain = 0, run = 0, parts = 0, table = 0, part = SIZE_MAX, last = SIZE_MAX;
		int loose = 0;

		for (i = from; i < cut; i++) {
			const struct bp_line *ln = &dc->lines[i];

			if (ln->kind == K_BLANK)
				continue;
			if ((ln->flags & L_MARKER) || ((part != SIZE_MAX || steps > 0) &&
			    !(ln->flags & (L_TABLE | L_NUMCELL)) &&
			    ((ln->flags & L_REPEATED) || ln->reason == R_DUPLICATE)))
				break;  /* a post's strip, a widget: the parts print no copies */
			if (part != SIZE_MAX) {
				/* Inside a part: it runs on over paragraphs,
				 * list items, cells and the lines that head them. */
				if (part_line(dc, ln)) {
					last = i;
					parts++;
					run = 0;
				} else if (part_furniture(ln) ||
				    full_stop(dc->text + ln->off, ln->len)) {
					run = 0;
				} else if (ln->kind == K_BAD && last != SIZE_MAX &&
				    (k = live_box_end(dc, last, i, cut)) != SIZE_MAX) {
					i = k;  /* the stamp of the update below the box */
					run = 0;
				} else if (ln->kind == K_BAD || ++run > STRUCT_RUN) {
					break;
				}
				continue;
			}
			if (part_line(dc, ln)) {
				part = last = i;
				parts++;
				run = 0;
				if (top == SIZE_MAX)
					top = over != SIZE_MAX ? over : i;
				continue;
			}
			over = SIZE_MAX;
			if (part_furniture(ln)) {
				if ((ln->flags & L_TABLE) && !table++)
					parts++;
				run = 0;
				continue;
			}
			if (ln->kind != K_BAD && ln->words <= dc->o->max_heading)
				over = i;
			if (steps == 0) {
				if (ln->kind == K_BAD || ++run > STRUCT_RUN)
					loose = 1;
				if ((ln->kind != K_BAD && ++plain > STRUCT_PLAIN + 1) ||
				    ++hard > STRUCT_HARD + 1)
					break;
				continue;
			}
			if (ln->kind == K_BAD || ln->words > dc->o->max_heading ||
			    ++run > STRUCT_RUN || ++plain > STRUCT_PLAIN + 1)
				break;
		}
		if (part == SIZE_MAX || parts < STRUCT_PARTS + (size_t)loose)
			break;
		if (steps++ == 0 && !loose && top == part)
			top = from;  /* no strip of furniture: the article's own lines */
		*b = last;
		from = last + 1;
	}
	return steps ? top : SIZE_MAX;
}

static size_t
keep_resumed(struct decoder *dc, size_t from, size_t cut)
{
	size_t c = 0, e = 0, i, runs = 0, last = SIZE_MAX;
	long sc;

	while (from < cut && runs++ < RESUME_RUNS &&
	    safi_bp_find_zone(dc, from, cut, &c, &e, &sc) && safi_bp_resumes(dc, c, e, sc)) {
		open_box(dc, from, c);
		last = e;
		note_neighbours(dc, c, e);
		for (i = c; i <= e; i++) {
			struct bp_line *ln = &dc->lines[i];

			if (ln->kind == K_BLANK || ln->kind == K_BAD || ln->keep)
				continue;
			ln->keep = (int8_t)context_keeps(dc, i, e);
			ln->reason = !ln->keep ? R_CONTEXT : ln->kind == K_GOOD ? R_BODY :
			    (ln->flags & L_BULLET) ? R_LIST : ln->kind == K_NEAR ? R_TEXT : R_HEADING;
		}
		from = e + 1;
	}
	return last;
}

/* The title above line |from| (and the deck below it, as the
 * standfirst) kept.  Returns its index, or SIZE_MAX. */
static size_t
keep_title_above(struct decoder *dc, size_t from)
{
	size_t deck = SIZE_MAX, t = safi_bp_find_title(dc, from, &deck);

	if (t != SIZE_MAX) {
		dc->lines[t].keep = 1;
		dc->lines[t].reason = R_TITLE;
		if (deck != SIZE_MAX) {
			dc->lines[deck].keep = 1;
			dc->lines[deck].reason = R_STANDFIRST;
		}
	}
	return t;
}

/* ---- an introduction above a box -------------------------------------- */

/*
 * The article's introduction set above a box: a page may print a
 * paragraph or two of introduction, then a table of contents, a picture
 * with its caption and credit, a fact box or a list, and then the body,
 * and the zone then starts below the box.  Walking up from the zone across
 * at most INTRO_BOX non-blank lines of any kind (the title among them) and
 * no marker, the first run of body paragraphs that the context dropped as
 * the head, with nothing but blank lines between them, is the article's
 * introduction when it has the words of an article (ARTICLE_SCORE) and
 * INTRO_TOPIC percent of its content words are words of the zone's body:
 * a teaser of another story, a site's about-us or a cookie notice above
 * the article is about something else.  A shorter introduction, of
 * INTRO_SHORT words or more (a deck of a sentence or two), counts only
 * when no title was found between it and the zone: a headline starts the
 * article, and a short paragraph above it is the site's (its slogan, a
 * teaser, an advertisement).  Its paragraphs are kept as the standfirst;
 * the box stays dropped.
 */
#define INTRO_BOX 32
#define INTRO_TOPIC 20
#define INTRO_SHORT (ARTICLE_SCORE / 2)

static size_t
keep_intro(struct decoder *dc, size_t top, size_t b)
{
	struct bp_topic tp;
	size_t i, first = SIZE_MAX, last = SIZE_MAX, box = 0;
	unsigned hits = 0, total = 0;
	uint64_t words = 0;

	for (i = top; i-- > 0;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_GOOD && !ln->keep && ln->reason == R_HEAD &&
		    !(ln->flags & L_BULLET)) {
			if (last == SIZE_MAX)
				last = i;
			first = i;
			words += ln->words;
			continue;
		}
		if (last != SIZE_MAX || (ln->kind == K_BAD && (ln->reason == R_MARKER ||
		    ln->reason == R_AFTER_MARKER || ln->reason == R_INLINE_MARKER)) ||
		    ++box > INTRO_BOX)
			break;
	}
	if (last == SIZE_MAX || words < INTRO_SHORT)
		return SIZE_MAX;
	for (i = last + 1; words < ARTICLE_SCORE && i < top; i++)
		if (dc->lines[i].keep == 1 && dc->lines[i].reason == R_TITLE)
			return SIZE_MAX;  /* a short paragraph above the headline */
	safi_bp_zone_topic(dc, top, b, 0, &tp);
	for (i = first; i <= last; i++)
		if (dc->lines[i].kind == K_GOOD)
			topic_count(dc, &tp, i, &hits, &total);
	if (!total || hits * 100 < INTRO_TOPIC * total)
		return SIZE_MAX;  /* no content words: nothing says it is the article's */
	for (i = first; i <= last; i++)
		if (dc->lines[i].kind == K_GOOD) {
			dc->lines[i].keep = 1;
			dc->lines[i].reason = R_STANDFIRST;
		}
	return first;
}

/*
 * A line that announces the body right below it ("Here is what the
 * committee found:", "About the visitors:"): the first line above the
 * zone, with nothing but blank lines between, that ends in a colon, is
 * not a list item, has three words or more and a quarter of --min-stop in
 * stop words, is the article's: a label of a form or a caption ("Photo
 * ID 3817 Title:") has no stop words, a heading of a menu ("Recent
 * stories:") is a list item or shorter.  It is kept as the standfirst.
 */
#define INTRO_LINE_WORDS 3

static void
keep_intro_line(struct decoder *dc, size_t top, int lang)
{
	struct bp_line *ln;
	size_t i = top;

	while (i-- > 0 && dc->lines[i].kind == K_BLANK)
		;
	if (i >= top || lang < 0)
		return;
	ln = &dc->lines[i];
	if (ln->kind != K_BAD && !ln->keep && ln->reason == R_HEAD && (ln->flags & L_COLON) &&
	    !(ln->flags & L_BULLET) && ln->words >= INTRO_LINE_WORDS &&
	    4u * ln->stop >= dc->o->min_stop) {
		ln->keep = 1;
		ln->reason = R_STANDFIRST;
	}
}

/* ---- a document's top lines under its title -------------------------- */

/*
 * A document that is not news (an encyclopedia's entry, a guide, a
 * recipe, a manual's page) prints short lines of its own between its
 * title and its first paragraph: an infobox of facts, a card of the
 * tools and parts it needs, an ingredients list, its prerequisites.  The
 * zone starts at the first paragraph, so they fall in the head.  From
 * the kept title |t| (the standfirst kept above the zone where no title
 * was found) down to the zone's first line |top|, the lines dropped as
 * the head are candidates, past kept lines, until the first line
 * dropped for another reason (a menu, a phrase such as "Contents" or a
 * byline, a marker, a date stamp or a score of a story's headline block)
 * or a list item of DOCTOP_TAG_WORDS words at most (a list of tags or
 * links): navigation ends the document's top.  A line printed twice on the page
 * (a table of contents repeats the headings below it) is no candidate,
 * nor the line right over it (its box's heading, "On this page").  A
 * candidate with a content word of the zone's body is the document's;
 * the run is kept (reason *doc-top*) down to its last such line before
 * DOCTOP_MISS candidates in a row with none (buttons under a title speak
 * of nothing of the body), when DOCTOP_LINES lines or more are kept and
 * DOCTOP_TOPIC percent of their content words are the body's: a news
 * page's byline and section names under its headline are one or two
 * lines and speak of no story.  At most DOCTOP_MAX candidates: a longer
 * run is a page's furniture.
 */
#define DOCTOP_LINES 3
#define DOCTOP_TOPIC 40
#define DOCTOP_MISS 2
#define DOCTOP_MAX 48
#define DOCTOP_TAG_WORDS 3

/* Is line |i| a candidate of the document's top?  1 yes, 0 passed over,
 * -1 the end of the run, 2 a copy (a table of contents' line). */
static int
doc_top_line(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	if (ln->kind == K_BLANK || ln->keep == 1)
		return 0;
	if (ln->kind == K_BAD || ln->reason != R_HEAD ||
	    ((ln->flags & L_BULLET) && ln->words <= DOCTOP_TAG_WORDS))
		return -1;
	if ((ln->flags & L_REPEATED) || ln->first != i)
		return 2;
	return 1;
}

static void
keep_doc_top(struct decoder *dc, size_t t, size_t top, size_t b)
{
	struct bp_topic tp;
	size_t cand[DOCTOP_MAX], n = 0, i, end = 0, miss = 0, prev = SIZE_MAX;
	unsigned hits = 0, total = 0, h = 0, w = 0, had;
	int r;

	/* No title found: the standfirst kept above the zone stands for it. */
	for (i = 0; t == SIZE_MAX && i < top; i++)
		if (dc->lines[i].keep == 1 && dc->lines[i].reason == R_STANDFIRST)
			t = i;
	if (t == SIZE_MAX || t >= top)
		return;
	for (i = t + 1; i < top && (r = doc_top_line(dc, i)) >= 0; i++) {
		if (r == 2) {
			if (n > 0 && cand[n - 1] == prev)
				n--;
			prev = SIZE_MAX;
		} else if (r == 1) {
			if (n == DOCTOP_MAX)
				return;
			cand[n++] = prev = i;
		}
	}
	if (n < DOCTOP_LINES)
		return;
	safi_bp_zone_topic(dc, top, b, 0, &tp);
	/* The counts of the run down to its last line with a word of the
	 * body. */
	for (i = 0; i < n && miss < DOCTOP_MISS; i++) {
		had = h;
		topic_count(dc, &tp, cand[i], &h, &w);
		if (h == had) {
			miss++;
			continue;
		}
		miss = 0;
		end = i + 1;
		hits = h;
		total = w;
	}
	if (end < DOCTOP_LINES || !total || hits * 100 < DOCTOP_TOPIC * total)
		return;
	for (i = 0; i < end; i++) {
		dc->lines[cand[i]].keep = 1;
		dc->lines[cand[i]].reason = R_DOC_TOP;
	}
}

/* ---- an island below the article -------------------------------------- */

/* A line or two kept at the very bottom, cut off from the article by a
 * strip of dropped lines (share buttons, a newsletter box, a follow-us
 * list) and small beside it, is what a page prints under its stories: an
 * author's bio, a subscription pitch, a company's about-us.  The article
 * itself does not come back for one paragraph after such a strip; it does
 * for two below a box that the cut found inside it (its teasers in the
 * strip), as box_end() asks two paragraphs of the article going on, and
 * for two that carry an Arabic story on (resumed_island()).  Nor
 * is the last post of a forum's thread an island: a post's number in the
 * strip (post_number()) heads it as it heads the posts above, and the
 * posts of a thread kept below the zone (reason *thread*) end the page
 * as they go; nor a live
 * page's last update under its stamp (stamped_update()), stamped updates
 * above it (updates_above()): a picture's credit and caption may end the
 * update before it. */
#define ISLAND_GAP 3    /* dropped lines, blank ones not counted */
#define ISLAND_LINES 2

/* Are the two lines from |top| body paragraphs that carry the story on,
 * the first opening with a conjunction (see goes_on()) and the two naming
 * again, in any form, 2 * BOX_TOPIC percent of their words from the body
 * above (see safi_bp_stem_share())? */
static int
resumed_island(const struct decoder *dc, size_t top)
{
	size_t i, paras = 0;

	for (i = top; i < dc->nlines; i++)
		if (dc->lines[i].keep > 0 && dc->lines[i].kind == K_GOOD)
			paras++;
	return paras == ISLAND_LINES && goes_on(dc, top) &&
	    safi_bp_stem_share(dc, top, top) >= 2 * BOX_TOPIC;
}

/* Is the strip between kept line |i| and the island from |top| a picture
 * set into the article: its caption, credit, copyright line ("© Town
 * museum") or repeated caption, with nothing else but dates, symbols
 * ("For sale: $1") or lines that only their place dropped (a subheading
 * over the picture); no item, no line boilerplate by its phrase, marker,
 * menu or link? */
static int
picture_gap(const struct decoder *dc, size_t i, size_t top)
{
	size_t pictures = 0;

	for (i++; i < top; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK || (ln->kind != K_BAD && !(ln->flags & L_BULLET)))
			continue;
		if ((ln->flags & L_BULLET) || (!part_furniture(ln) && ln->reason != R_COPYRIGHT))
			return 0;
		pictures += ln->reason == R_CAPTION || ln->reason == R_CREDIT ||
		    ln->reason == R_DUPLICATE || ln->reason == R_COPYRIGHT;
	}
	return pictures > 0;
}

static void
drop_last_island(struct decoder *dc)
{
	size_t i = dc->nlines, k, kept = 0, gap = 0, top = SIZE_MAX;
	uint64_t words = 0, island = 0;

	while (i-- > 0) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->keep < 0)
			continue;
		if (!ln->keep) {
			if (top != SIZE_MAX && post_number(dc, i))
				return;
			gap += top != SIZE_MAX;
			continue;
		}
		if (top != SIZE_MAX && gap >= ISLAND_GAP)
			break;
		if (++kept > ISLAND_LINES)
			return;
		gap = 0;
		top = i;
		island += ln->words;
	}
	if (top == SIZE_MAX || i == SIZE_MAX)
		return;  /* nothing kept, or nothing kept above the island */
	if (dc->lines[top].reason == R_THREAD)
		return;  /* the last post of a thread kept below the zone */
	for (k = top; k-- > 0 && dc->lines[k].kind == K_BLANK;)
		;
	if (k != SIZE_MAX && stamped_update(dc, k, dc->nlines) &&
	    updates_above(dc, k) >= LIVE_UPDATES)
		return;  /* a live page's last update under its stamp */
	for (k = i + 1; kept == ISLAND_LINES && k < top; k++)
		if (dc->lines[k].reason == R_TEASER)
			return;  /* the article resumed below a box inside it */
	if (kept == ISLAND_LINES && resumed_island(dc, top))
		return;
	if (picture_gap(dc, i, top) && topic_share(dc, i + 1, top) >= 2 * BOX_TOPIC)
		return;  /* the article goes on under a picture set into it */
	for (; i != SIZE_MAX; i--)
		if (dc->lines[i].keep > 0)
			words += dc->lines[i].words;
	if (4 * island >= words + island)
		return;
	for (i = top; i < dc->nlines; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->keep > 0) {
			ln->keep = 0;
			ln->reason = R_TAIL;
		}
	}
}

/*
 * A zone of near paragraphs alone: a short article (a paragraph that the
 * stop-word test misses, a notice of a death, a result) whose comments,
 * cut as a thread glued under their names, made the zone before.  With no body paragraph in the
 * zone, context smoothing keeps none of its lines; its near paragraphs of
 * --min-words words or more that end a sentence are the article, and are
 * kept as text.
 */
static void
keep_near_zone(struct decoder *dc, size_t a, size_t b)
{
	size_t i;

	for (i = a; i <= b; i++)
		if (dc->lines[i].kind == K_GOOD)
			return;
	for (i = a; i <= b; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_NEAR && (ln->flags & L_TERM) && ln->words >= dc->o->min_words &&
		    !(ln->flags & L_BULLET)) {
			ln->keep = 1;
			ln->reason = R_TEXT;
		}
	}
}

/*
 * A list the lead announces right above the zone: between the kept
 * headline or standfirst and the zone's first line |a|, a line that ends
 * in a colon ("He leaves five children:") and LEAD_ITEMS list items or
 * more under it, with blank lines alone around them, none of them
 * boilerplate by its shape.  The zone starts at the first long paragraph
 * and the items' short lines cost more than they earn, so they fall in
 * the head; nothing of the page's furniture stands between them and the
 * lead.  The intro is kept as text, the items as list items.  Cost: the
 * lines between the zone and the kept line above it, read once.
 */
#define LEAD_ITEMS 2

static void
keep_lead_list(struct decoder *dc, size_t a)
{
	size_t i = a, items = 0, intro;

	while (i > 0 && (dc->lines[i - 1].kind == K_BLANK ||
	    ((dc->lines[i - 1].flags & L_BULLET) && dc->lines[i - 1].kind != K_BAD &&
	    !dc->lines[i - 1].keep)))
		items += dc->lines[--i].kind != K_BLANK;
	if (items < LEAD_ITEMS || i == 0)
		return;
	intro = --i;
	if ((dc->lines[intro].flags & (L_COLON | L_BULLET)) != L_COLON ||
	    dc->lines[intro].kind == K_BAD || dc->lines[intro].keep ||
	    dc->lines[intro].words > dc->o->max_heading)
		return;
	while (i > 0 && dc->lines[i - 1].kind == K_BLANK)
		i--;
	if (i == 0 || dc->lines[i - 1].keep != 1 ||
	    (dc->lines[i - 1].reason != R_TITLE && dc->lines[i - 1].reason != R_STANDFIRST))
		return;
	dc->lines[intro].keep = 1;
	dc->lines[intro].reason = R_TEXT;
	for (i = intro + 1; i < a; i++)
		if (dc->lines[i].kind != K_BLANK) {
			dc->lines[i].keep = 1;
			dc->lines[i].reason = R_LIST;
		}
}

/*
 * The story's main points under its headline: a tabloid sets a few
 * sentences as a bulleted list between the headline (or its deck) and the
 * byline, one point to an item ("  • Mother of two found the frog in a bag
 * of salad").  From the line under the title |t| (past the standfirst),
 * blank lines aside, a run of POINTS_MIN to POINTS_MAX list items up to the
 * zone at |top|, each of POINTS_WORDS words or more, printed once and no
 * boilerplate, is such a list when POINTS_TOPIC percent of their content
 * words are words of the zone's body paragraphs [top, b] and half of the
 * items share one: a menu's items are shorter, a list of other stories'
 * headlines tells of other things, and a numbered list under a headline
 * ranks other stories ("1. The best books of the year").  Its items are
 * kept as list items.  A live page may set a label of its own over the
 * points ("Key points", "At a glance"): a short line of at most
 * POINTS_LABEL words that ends no sentence, no marker, no list item and
 * no line printed twice, with the first item the next line below it.  It
 * is kept with the items, as the list's heading; a box's marker ("Related
 * stories") heads other stories' headlines, which fail the topic test.
 * Cost: the run's lines, read twice, and the zone's topic once.
 */
#define POINTS_MIN 2
#define POINTS_MAX 6
#define POINTS_WORDS 6
#define POINTS_TOPIC 20
#define POINTS_LABEL 3

/* Is line |i| the label of the points below it (see above)? */
static int
points_label(const struct decoder *dc, size_t i, size_t top)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t j = next_line(dc, i);

	return ln->kind != K_BAD && ln->kind != K_GOOD && !ln->keep &&
	    ln->words <= POINTS_LABEL && ln->first == i &&
	    !(ln->flags & (L_TERM | L_COLON | L_BULLET | L_MARKER | L_REPEATED)) &&
	    j < top && (dc->lines[j].flags & L_BULLET);
}

static void
keep_summary_points(struct decoder *dc, size_t t, size_t top, size_t b)
{
	struct bp_topic tp;
	size_t i = next_line(dc, t), first, last = SIZE_MAX, n = 0, shared = 0, label = SIZE_MAX;
	unsigned hits = 0, total = 0;

	if (i < top && dc->lines[i].keep == 1 && dc->lines[i].reason == R_STANDFIRST)
		i = next_line(dc, i);
	if (i < top && points_label(dc, i, top)) {
		label = i;
		i = next_line(dc, i);
	}
	for (first = i; i < top && n <= POINTS_MAX; i = next_line(dc, i)) {
		const struct bp_line *ln = &dc->lines[i];

		if (!(ln->flags & L_BULLET))
			break;
		if (ln->kind == K_BAD || ln->keep || ln->words < POINTS_WORDS || ln->first != i ||
		    (ln->flags & L_REPEATED) || item_number(dc, i) != 0)
			return;
		n++;
		last = i;
	}
	if (n < POINTS_MIN || n > POINTS_MAX)
		return;
	safi_bp_zone_topic(dc, top, b, 1, &tp);
	for (i = first; i <= last; i++)
		if (dc->lines[i].kind != K_BLANK) {
			unsigned h = 0, w = 0;

			topic_count(dc, &tp, i, &h, &w);
			hits += h;
			total += w;
			shared += h > 0;
		}
	if (!total || hits * 100 < POINTS_TOPIC * total || 2 * shared < n)
		return;
	if (label != SIZE_MAX) {
		dc->lines[label].keep = 1;
		dc->lines[label].reason = R_HEADING;
	}
	for (i = first; i <= last; i++)
		if (dc->lines[i].kind != K_BLANK) {
			dc->lines[i].keep = 1;
			dc->lines[i].reason = R_LIST;
		}
}

/*
 * A deck in headline style drops its stop words ("Grocer lifts outlook
 * despite softer sales"), so the stop-word test that tells a standfirst
 * from a byline ("Jo Kent, Chief Political Writer") fails it.  Line |i|
 * under the title is one when a date or a byline stands right under it,
 * half its words open in lower case (a name and a title are capitalized),
 * it is no menu or label (no separator, no colon at the end) and
 * DECK_HITS of its content words at least are words of the body
 * paragraphs of the zone [top, b]: a deck says what the article says,
 * if not in its first paragraphs.
 */
#define DECK_HITS 2

static int
headline_style_deck(const struct decoder *dc, size_t i, size_t top, size_t b)
{
	const struct bp_line *ln = &dc->lines[i];
	struct bp_topic tp;
	unsigned hits = 0, total = 0;

	if ((ln->flags & (L_SEPARATED | L_COLON)) || !safi_bp_over_byline(dc, i) ||
	    2 * safi_bp_lower_words(dc->text + ln->off, ln->len) < ln->words)
		return 0;
	safi_bp_zone_topic(dc, top, b, 1, &tp);
	topic_count(dc, &tp, i, &hits, &total);
	return hits >= DECK_HITS;
}

#define DECK_SHARE 25  /* percent of an Arabic deck's words in the lead */

/* The highest line of the lines kept right above the zone's first line
 * |a| (sections, records), blank lines between, or |a|. */
static size_t
kept_above(const struct decoder *dc, size_t a)
{
	size_t i, top = a;

	for (i = a; i > 0 && (dc->lines[i - 1].kind == K_BLANK || dc->lines[i - 1].keep); i--)
		if (dc->lines[i - 1].keep)
			top = i - 1;
	return top;
}

/*
 * A live page's first update under its heading: when the zone starts at
 * |a| right under a heading of its own (a short or near line of at most
 * *--max-heading* words, no list item) under a time of day alone
 * (stamped_update()), and another stamp over an update stands among the
 * 2 * THREAD_GAP non-blank lines below |a|, the heading is the update's,
 * kept with it below the title.  Returns the heading, or |a|.
 */
static size_t
first_update(const struct decoder *dc, size_t a)
{
	size_t u, s, j, seen = 0;

	for (u = a; u-- > 0 && dc->lines[u].kind == K_BLANK;)
		;
	if (u == SIZE_MAX)
		return a;
	for (s = u; s-- > 0 && dc->lines[s].kind == K_BLANK;)
		;
	if (s == SIZE_MAX || !stamped_update(dc, s, a + 1) || next_line(dc, s) != u)
		return a;
	for (j = next_line(dc, a); j < dc->nlines && seen < 2 * THREAD_GAP; j = next_line(dc, j)) {
		seen++;
		if (stamped_update(dc, j, dc->nlines))
			return u;
	}
	return a;
}

/*
 * The article's opening over a block of its lists: a review, a guide or a
 * listing may set its verdict, its pros and cons, what a job needs or a
 * product's features as short list items between the headline's block and
 * the first long paragraph, and those short lines cost the zone more than
 * the standfirst above them earns: the zone starts below them, and the
 * standfirst and the lists fall in the head.  Walking up from the zone's
 * first line |a| (not past |floor|), across BLOCK_LINES non-blank lines at
 * most, the first body paragraph |g| met is the article's opening when the
 * lines crossed hold no menu or marker (a path, "Related"), half of them at
 * most are boilerplate by their shape or phrase, BLOCK_ITEMS of them at
 * least are list items that are no boilerplate, printed once, and no two
 * of them come back as lines of their own in the BLOCK_COPY_LINES lines
 * from |a| on (a page's contents, whose entries head its sections), of
 * BLOCK_ITEM_WORDS words each on average, and |g| stands under a
 * heading-like line that is no paragraph and no list item (its headline,
 * across BLOCK_BYLINE boilerplate lines at most, a byline and a share row,
 * and a label of BLOCK_LABEL words at most glued over |g|, "Verdict"), but
 * is not that headline's deck set right under it (the title search pairs
 * them).  |g| must share a content word with the body paragraphs of the
 * zone [a, b], and the title search from |a| must not reach |g| or above
 * (the block is then the title's).  A teaser's summary stands under
 * another teaser, a site's intro over a menu.  Returns the zone's new
 * first line (the label, or |g|), or |a|.  Reads the block twice, the
 * zone's paragraphs once and BLOCK_COPY_LINES lines per list item, only
 * when the shape is there.
 */
#define BLOCK_LINES 30
#define BLOCK_ITEMS 2
#define BLOCK_ITEM_WORDS 2
#define BLOCK_BYLINE 6
#define BLOCK_LABEL 3
#define BLOCK_COPY_LINES 200

/* The text of list item |i| past its bullet and spaces, in *p and *n. */
static void
item_text(const struct decoder *dc, size_t i, const char **p, size_t *n)
{
	const char *q = dc->text + dc->lines[i].off;
	size_t k = 0, len = dc->lines[i].len;

	while (k < len && q[k] == ' ')
		k++;
	while (k < len && q[k] != ' ')
		k++;
	while (k < len && q[k] == ' ')
		k++;
	while (len > k && (q[len - 1] == ' ' || q[len - 1] == '\r'))
		len--;
	*p = q + k;
	*n = len - k;
}

/* Does the text of list item |i| come back as a line of its own among
 * the BLOCK_COPY_LINES lines from |from| on (a contents entry over the
 * heading it links to, by its fingerprint)? */
static int
item_copied_below(const struct decoder *dc, size_t i, size_t from)
{
	const char *p;
	size_t n, j;
	uint64_t fp;

	item_text(dc, i, &p, &n);
	if (n == 0)
		return 0;
	fp = safi_bp_line_fingerprint(p, n);
	for (j = from; j < dc->nlines && j < from + BLOCK_COPY_LINES; j++)
		if (dc->lines[j].fp == fp)
			return 1;
	return 0;
}

static size_t
lead_over_lists(const struct decoder *dc, size_t a, size_t b, size_t floor)
{
	struct bp_topic tp;
	size_t g, k, n = 0, bad = 0, items = 0, item_words = 0, deck = SIZE_MAX, t;
	size_t label = SIZE_MAX, copies = 0;
	unsigned hits = 0, total = 0;

	for (g = a; g-- > floor;) {
		const struct bp_line *ln = &dc->lines[g];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_GOOD && !(ln->flags & L_BULLET))
			break;
		if (++n > BLOCK_LINES)
			return a;
		if (ln->kind == K_BAD) {
			if (ln->reason == R_MENU || ln->reason == R_MARKER || (ln->flags & L_MARKER))
				return a;
			bad++;
		} else if (ln->flags & L_BULLET) {
			if (ln->first != g || (ln->flags & L_REPEATED) ||
			    (item_copied_below(dc, g, a) && ++copies > 1))
				return a;
			items++;
			item_words += ln->words;
		}
	}
	if (g == SIZE_MAX || g < floor || n == 0 || 2 * bad > n || items < BLOCK_ITEMS ||
	    item_words < BLOCK_ITEM_WORDS * items)
		return a;
	for (k = g, n = 0; k-- > floor;) {
		const struct bp_line *ln = &dc->lines[k];

		if (ln->kind == K_BLANK || (ln->kind == K_BAD && ++n <= BLOCK_BYLINE))
			continue;
		if (k + 1 == g && ln->kind == K_SHORT && ln->words <= BLOCK_LABEL &&
		    !(ln->flags & (L_BULLET | L_TERM))) {
			label = k;
			continue;
		}
		break;
	}
	if (k == SIZE_MAX || k < floor || dc->lines[k].kind == K_BAD || dc->lines[k].kind == K_GOOD ||
	    (dc->lines[k].flags & L_BULLET) || !safi_bp_heading_like(dc, &dc->lines[k]) ||
	    (dc->lines[k + 1].kind == K_BLANK && next_line(dc, k) == g))
		return a;
	topic_below(dc, a, b, TOPIC_LINES, &tp);
	topic_count(dc, &tp, g, &hits, &total);
	if (hits == 0)
		return a;
	t = safi_bp_find_title(dc, a, &deck);
	if (t != SIZE_MAX && t <= g)
		return a;
	return label != SIZE_MAX ? label : g;
}

/*
 * The lists of the block that lead_over_lists() took into the zone, from
 * |a| up to the first line |e| of the zone as first found: the block's
 * test vouches for them, as no paragraph next to them does.  Its list
 * items that are no boilerplate are kept, and the short line right over
 * each run of them (its label: "Pros", "What you will need"); the block's
 * other lines (a price, a button) keep what the context gave them.
 */
static void
keep_block_lists(struct decoder *dc, size_t a, size_t e)
{
	size_t i, j;

	for (i = a; i < e; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK || ln->kind == K_BAD || ln->keep == 1)
			continue;
		if (ln->flags & L_BULLET) {
			ln->keep = 1;
			ln->reason = R_LIST;
		} else if (ln->words <= dc->o->max_heading && !(ln->flags & L_TERM) &&
		    (j = next_line(dc, i)) < e && (dc->lines[j].flags & L_BULLET) &&
		    dc->lines[j].kind != K_BAD) {
			ln->keep = 1;
			ln->reason = R_HEADING;
		}
	}
}

void
safi_bp_decode(const struct bp_lexicon *lx, const struct safi_boilerplate_opts *o,
               struct bp_doc *d, int lang)
{
	/* A document of empty lines may have no text buffer: no NULL + 0.
	 * The title search compares words by their stems on a page in a
	 * language that inflects them or in one without a stop-word list
	 * (Turkish, Greek, Thai: what their headline names comes back in
	 * the article in other forms, or glued to other words), and words in
	 * the Cyrillic script on any page (the languages of that script
	 * inflect them). */
	struct decoder decoder = {lx, o, d->lines, d->nlines, d->base,
	    lang < 0 || inflected(lx->langs[lang]) ? BP_STEM_ALL : BP_STEM_CYRILLIC};
	struct decoder *dc = &decoder;
	size_t i, cut, thread, a = 0, b = 0, a2 = 0, b2 = 0, end, resumed = SIZE_MAX, listed = 0;
	size_t sections = SIZE_MAX, parts = SIZE_MAX, sb = 0, lists_end = 0;
	int have_zone, have2 = 0, glued = 0;
	long zone_sc = 0;

	for (i = 0; i < dc->nlines; i++)
		dc->lines[i].shape = (uint8_t)(dc->lines[i].kind | dc->lines[i].reason << 3);
	d->ext.have_zone = d->ext.have2 = 0;
	d->ext.a = d->ext.b = d->ext.a2 = d->ext.b2 = d->ext.title = SIZE_MAX;
	safi_bp_mark_tables(dc);
	safi_bp_mark_code_blocks(dc->text, dc->lines, dc->nlines);
	/* A first body zone over the whole page; then the tail after a marker
	 * below its start goes, and the zone is found again above the cut. */
	have_zone = safi_bp_find_zone(dc, 0, dc->nlines, &a, &b, &zone_sc);
	cut = safi_bp_find_cut(dc, have_zone, a, zone_sc);
	thread = have_zone ? safi_bp_find_thread(dc, a, cut) : cut;
	if (have_zone && thread == cut)
		thread = safi_bp_find_top_thread(dc, a, b, cut);
	if (have_zone && thread == cut)
		thread = safi_bp_find_label_thread(dc, a, cut);
	if (have_zone && thread == cut)
		thread = safi_bp_find_name_thread(dc, a, cut);
	if (have_zone && thread == cut)
		thread = safi_bp_find_dense_thread(dc, a, cut);
	if (have_zone && thread == cut) {
		thread = safi_bp_find_glued_thread(dc, a, cut);
		glued = thread < cut;
	}
	if (have_zone)
		thread = safi_bp_find_tool_thread(dc, a, thread);
	if (have_zone && thread == cut)
		thread = safi_bp_find_counted_thread(dc, a, b, cut);
	if (have_zone && (i = thread_under_marker(dc, a, b, cut)) < thread)
		thread = i;
	for (i = thread; i < dc->nlines; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		ln->kind = K_BAD;
		ln->reason = i < cut ? R_THREAD : i == cut ? R_MARKER : R_AFTER_MARKER;
	}
	cut = thread;
	if (cut < dc->nlines)
		have_zone = safi_bp_find_zone(dc, 0, cut, &a, &b, &zone_sc);
	if (have_zone)
		earlier_zone(dc, &a, &b, &zone_sc);
	have2 = have_zone && upper_zone(dc, a, b, &a2, &b2, zone_sc);
	/* Long lines right above the zone, with nothing between, are its
	 * first paragraphs even when they miss the body-text tests. */
	while (have_zone && a > 0 && dc->lines[a - 1].kind == K_NEAR &&
	    dc->lines[a - 1].words >= dc->o->min_words && !(dc->lines[a - 1].flags & L_BULLET))
		a--;
	if (have_zone) {
		lists_end = a;
		a = lead_over_lists(dc, a, b, have2 ? b2 + 1 : 0);
	}
	end = b;
	if (have_zone)
		safi_bp_trim_teasers(dc, a, &b);
	if (have_zone)
		safi_bp_trim_feed(dc, a, &b);
	if (have_zone)
		end_at_barrier(dc, &a, &b);
	if (have_zone)
		safi_bp_end_at_drift(dc, a, &b);
	if (have_zone)
		b = short_lines_on(dc, a, b, cut);
	if (have_zone && b == end) {
		sb = b;
		parts = extend_structured(dc, &sb, cut, zone_sc);
	}
	if (have_zone)
		a = sidebar_over_post(dc, a, b);
	if (have_zone)
		note_neighbours(dc, a, b);
	if (have2)
		note_neighbours(dc, a2, b2);
	for (i = 0; i < dc->nlines; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK) {
			ln->keep = (ln->flags & L_INVISIBLE) ? 0 : -1;
			continue;
		}
		ln->keep = 0;
		/* The cells of a table inside the zone, numbers, repeated
		 * cells and rows that read as menus too; on a page without a
		 * zone, its tables.  A notebook's cell prompt is no cell. */
		if ((ln->flags & L_TABLE) && (!have_zone || (i >= a && i <= b)) &&
		    (ln->kind != K_BAD || ln->reason == R_DATE || (ln->reason == R_SYMBOLS &&
		    !safi_bp_cell_prompt(dc->text + ln->off, ln->len)) ||
		    ln->reason == R_DUPLICATE || (ln->reason == R_MENU && safi_bp_table_row(dc, i)))) {
			ln->keep = 1;
			ln->reason = R_TABLE;
			continue;
		}
		if (ln->kind == K_BAD)
			continue;
		if (!have_zone) {
			ln->reason = R_NOBODY;
		} else if (have2 && i >= a2 && i <= b2) {
			ln->keep = context_keeps(dc, i, b2);
			ln->reason = ln->kind == K_GOOD ? R_BODY :
			    (ln->flags & L_BULLET) ? R_LIST :
			    ln->kind == K_NEAR ? R_TEXT : R_HEADING;
			if (!ln->keep)
				ln->reason = R_CONTEXT;
		} else if (i < a) {
			ln->reason = R_HEAD;
		} else if (i > b) {
			ln->reason = R_TAIL;
		} else {
			ln->keep = context_keeps(dc, i, b);
			ln->reason = ln->kind == K_GOOD ? R_BODY :
			    (ln->flags & L_BULLET) ? R_LIST :
			    ln->kind == K_NEAR ? R_TEXT : R_HEADING;
			if (!ln->keep)
				ln->reason = R_CONTEXT;
		}
	}
	if (have_zone && lists_end > a)
		keep_block_lists(dc, a, lists_end);
	if (have_zone && glued)
		keep_near_zone(dc, a, b);
	if (have_zone)
		safi_bp_drop_foreign_lists(dc, a, b);
	if (have_zone)
		safi_bp_keep_colon_lists(dc, a, b, cut);
	if (have_zone)
		resumed = keep_resumed(dc, end + 1, cut);
	if (have_zone && cut < dc->nlines)
		keep_gap(dc, b, cut);
	if (have_zone)
		keep_tail_list(dc, b, cut, GAP_LINES);
	if (have_zone)
		keep_closing_lines(dc, b, cut);
	if (have_zone)
		sections = safi_bp_keep_sections(dc, a, b, cut);
	if (have_zone)
		safi_bp_keep_facts(dc, b, cut);
	if (have_zone)
		safi_bp_keep_facts_above(dc, a);
	if (have_zone)
		safi_bp_keep_dated_fields(dc, a, cut - 1);
	listed = b;
	if (have_zone && b == end)
		listed = safi_bp_keep_run_to_footer(dc, b, cut);
	if (have_zone && b == end && listed == b)
		listed = safi_bp_keep_sections_to_footer(dc, a, b, cut);
	if (have_zone && b == end && listed == b)
		listed = keep_list_to_end(dc, a, resumed != SIZE_MAX && resumed > b ? resumed : b,
		    cut, sections);
	d->ext.cut = cut;
	if (have_zone) {
		d->ext.have_zone = 1;
		d->ext.a = a;
		d->ext.b = b;
	}
	if (have2) {
		d->ext.have2 = 1;
		d->ext.a2 = a2;
		d->ext.b2 = b2;
	}
	/* The title: the nearest heading-like line above the zone, and the
	 * standfirst right after it. */
	if (have_zone) {
		size_t top = have2 ? a2 : a, deck = SIZE_MAX,
		    t = safi_bp_find_title(dc, top, &deck), lead, above = kept_above(dc, top);

		/* A line of the sections kept above the zone (a recipe's last
		 * ingredient) is no title: it is looked for above them. */
		if (t != SIZE_MAX && t >= above && t < top) {
			top = above;
			deck = SIZE_MAX;
			t = safi_bp_find_title(dc, top, &deck);
		}

		t = safi_bp_headline_copy(dc, t, deck, top);
		t = safi_bp_summary_title(dc, t, &deck, top, lang);
		d->ext.title = t;
		if (t != SIZE_MAX) {
			struct bp_line *tl;

			tl = &dc->lines[t];

			tl->keep = 1;
			tl->reason = R_TITLE;
			if (deck != SIZE_MAX) {
				dc->lines[deck].keep = 1;
				dc->lines[deck].reason = R_STANDFIRST;
			}
			for (i = t + 1; i < top; i++) {
				struct bp_line *ln = &dc->lines[i];

				if (ln->kind == K_BLANK)
					continue;
				/* A standfirst is prose: a byline ("Jo Kent,
				 * Chief Political Writer") has no stop words;
				 * and it is printed once: a caption is doubled.
				 * An Arabic deck glues its particles to its
				 * words ("بفتح", "وإدخال") and may have no stop
				 * word of its own: it shares DECK_SHARE percent
				 * of its words with the article's lead, which a
				 * byline does not; one set over the byline
				 * or the date stamp that closes the page's
				 * headline block shares half as many.  A
				 * deck in headline style drops its stop
				 * words ("Grocer lifts outlook despite softer
				 * sales"): one over the byline or the date
				 * with half its words in lower case will do,
				 * as a name and a title are capitalized. */
				if (ln->kind != K_BAD && ln->words >= 5 &&
				    !(ln->flags & (L_BULLET | L_REPEATED)) &&
				    (lang < 0 || 4u * ln->stop >= dc->o->min_stop ||
				    (arabic_script(dc->lx->langs[lang]) &&
				    safi_bp_lead_share(dc, top, i) >= (safi_bp_over_byline(dc, i) ?
				    DECK_SHARE / 2 : DECK_SHARE)) ||
				    headline_style_deck(dc, i, top, b)) &&
				    !safi_bp_furniture_under_title(dc, top, i)) {
					ln->keep = 1;
					ln->reason = R_STANDFIRST;
				}
				break;
			}
			if ((i = safi_bp_title_kicker(dc, t, top)) != SIZE_MAX) {
				dc->lines[i].keep = 1;
				dc->lines[i].reason = R_STANDFIRST;
			}
			keep_summary_points(dc, t, top, b);
			safi_bp_keep_card(dc, t, top);
			/* A lead paragraph between the title and the zone, past
			 * captions and widgets, is text too. */
			for (i = t + 1; i < top; i++) {
				struct bp_line *ln = &dc->lines[i];

				if (ln->kind == K_GOOD && !(ln->flags & L_BULLET)) {
					ln->keep = 1;
					ln->reason = R_STANDFIRST;
				}
			}
		}
		if ((i = keep_lead(dc, top)) != SIZE_MAX)
			d->ext.title = i;
		/* A lead found across furniture on a page where no title was
		 * found below it, or across the title found below it (a
		 * caption, a scoreboard): the headline is searched above the
		 * lead, and replaces that title. */
		t = d->ext.title;
		lead = safi_bp_keep_lead_across(dc, top, t, lang);
		if (lead != SIZE_MAX && (t == SIZE_MAX || t > lead)) {
			i = keep_title_above(dc, lead);
			if (t == SIZE_MAX || i != SIZE_MAX) {
				if (t != SIZE_MAX) {
					dc->lines[t].keep = 0;
					dc->lines[t].reason = R_HEAD;
				}
				d->ext.title = i;
			}
		}
	}
	if (have_zone && (i = first_update(dc, a)) != a && dc->lines[i].keep <= 0 &&
	    d->ext.title != SIZE_MAX && d->ext.title < i) {
		dc->lines[i].keep = 1;
		dc->lines[i].reason = R_HEADING;
	}
	if (have_zone)
		keep_lead_list(dc, have2 ? a2 : a);
	/* An introduction above a box on a page where no title was found
	 * below it: the headline is searched above the introduction. */
	if (have_zone && (i = keep_intro(dc, have2 ? a2 : a, b)) != SIZE_MAX &&
	    d->ext.title == SIZE_MAX)
		d->ext.title = keep_title_above(dc, i);
	if (have_zone)
		keep_intro_line(dc, a, lang);
	if (have2)
		keep_intro_line(dc, a2, lang);
	if (have_zone)
		safi_bp_keep_wrapped_head(dc, have2 ? a2 : a, a, b);
	if (have_zone)
		keep_doc_top(dc, d->ext.title, have2 ? a2 : a, b);
	if (have_zone)
		keep_short_runs(dc, a, resumed != SIZE_MAX && resumed > b ? resumed : b);
	if (have_zone)
		keep_sentence_runs(dc, a, b);
	if (have_zone)
		safi_bp_keep_amount_lists(dc, a, b);
	if (have2 && b2 < a)
		keep_gap_lists(dc, b2, a, b);
	if (have_zone)
		safi_bp_keep_article_copies(dc, a, b);
	if (have_zone)
		safi_bp_drop_contents(dc, a, b);
	if (have_zone)
		safi_bp_drop_split_lists(dc);
	if (have_zone)
		safi_bp_drop_marked_lists(dc);
	if (have_zone)
		safi_bp_drop_link_boxes(dc, a, b);
	if (have_zone)
		safi_bp_drop_shouted_boxes(dc, a, b);
	if (have_zone)
		safi_bp_drop_doubled(dc, a, b);
	if (have_zone)
		safi_bp_drop_pull_quotes(dc, a, b);
	if (have_zone)
		safi_bp_drop_echoed_widgets(dc, a, b);
	if (have_zone)
		safi_bp_drop_widget_labels(dc, a, b);
	if (have_zone)
		safi_bp_drop_polls(dc, a, listed > b ? listed : b);
	if (have_zone)
		safi_bp_drop_latin_lines(dc, a, listed > b ? listed : b);
	if (have_zone)
		safi_bp_drop_embedded_posts(dc, a, listed > b ? listed : b);
	if (have_zone)
		drop_last_island(dc);
	if (have_zone)
		safi_bp_drop_gallery(dc);
	if (have_zone)
		safi_bp_keep_forum_posts(dc, a, b);
	if (have_zone)
		safi_bp_keep_posts_below(dc, a, b);
	if (have_zone)
		safi_bp_keep_section_headings(dc, a, b);
	if (have_zone)
		safi_bp_drop_mail_quotes(dc);
	if (have_zone)
		safi_bp_keep_counted_items(dc, d->ext.title, a, b, cut);
	if (have_zone)
		safi_bp_keep_numbered_gap(dc, a);
	if (have_zone)
		safi_bp_keep_numbered_sections(dc, a, b, cut);
	/* The lines of the parts of a structured article below its zone that
	 * only their place dropped: the run vouches for them
	 * (extend_structured()). */
	for (i = parts; i <= sb && i < dc->nlines; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->keep || ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_BAD && (ln->flags & L_TABLE) && ln->reason == R_DATE) {
			ln->keep = 1;
			ln->reason = R_TABLE;
		} else if (ln->kind != K_BAD && ln->reason == R_TAIL) {
			ln->keep = 1;
			ln->reason = ln->kind == K_GOOD ? R_BODY : (ln->flags & L_BULLET) ? R_LIST :
			    ln->kind == K_NEAR ? R_TEXT : R_HEADING;
		}
	}
}

/* The short list glued under the last kept line above the cut (see
 * keep_tail_list()); keep_tail_list() reads no lexicon or option. */
void
safi_bp_keep_glued_list(struct bp_doc *d)
{
	struct decoder decoder = {NULL, NULL, d->lines, d->nlines, d->base, 0};
	size_t i = safi_bp_last_kept(d);

	if (i != SIZE_MAX && i + 1 < d->ext.cut && d->lines[i + 1].kind != K_BLANK)
		keep_tail_list(&decoder, i, d->ext.cut, GLUED_LIST_LINES);
}
