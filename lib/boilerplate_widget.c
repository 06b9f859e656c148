/*
 * boilerplate_widget.c - widgets inside the article, in the decoder.
 *
 * A page sets players, share buttons and "related" links between the
 * paragraphs of its article, and the body zone keeps them with the text
 * around them.  They give themselves away by what the page does with
 * them: a short line printed twice in a row (a player's title and its
 * caption), a short line between two paragraphs whose words come back in
 * the page's furniture outside the article, a line in capitals that heads
 * nothing below it, a label with a widget word and none of the story's
 * words.  This stage drops those lines from the zone.
 *
 * Cost: a pass over the zone, and for each short island (at most
 * ECHO_ISLANDS of them) a search of the lines outside the zone.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "boilerplate_decoder.h"
#include "safi/utf8.h"

/*
 * A short line kept inside the zone that the page prints twice in a row,
 * on the next line (a video player's title above the same title as its
 * caption, a link and its fallback text), is not a subheading, which a
 * page prints once: both copies go as duplicates.  Body paragraphs are left
 * alone, and so are copies with a blank line between them (a page that
 * shows a paragraph or a code sample twice sets it apart as a paragraph)
 * and numbers (a column of equal values is data).  A line that ends no
 * sentence, printed again with one other line between the copies, is a
 * picture's caption above and under the picture or the paragraph beside
 * it (see caption_pair()): both copies go too, a body paragraph's among
 * them.
 */

/* The copy of kept line |i| that comes right after the next line below
 * it (blank lines aside), when |i| is a line of CAPTION_WORDS words or more
 * that ends no sentence and is no title, list item, table row or number
 * (a separator, a line of code); or SIZE_MAX. */
#define CAPTION_WORDS 4

static size_t
caption_pair(const struct decoder *dc, size_t i, size_t b)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t j, seen = 0;

	if (ln->keep != 1 || ln->reason == R_TITLE || ln->reason == R_TABLE ||
	    ln->words < CAPTION_WORDS || (ln->flags & (L_NUMCELL | L_BULLET | L_TERM | L_COLON)))
		return SIZE_MAX;
	for (j = i + 1; j <= b && j < dc->nlines; j++) {
		if (dc->lines[j].kind == K_BLANK)
			continue;
		if (++seen == 2)
			return dc->lines[j].fp == ln->fp && dc->lines[j].len == ln->len ? j : SIZE_MAX;
	}
	return SIZE_MAX;
}

void
safi_bp_drop_doubled(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j;

	for (i = a; i < b; i++) {
		struct bp_line *ln = &dc->lines[i];

		if ((j = caption_pair(dc, i, b)) == SIZE_MAX) {
			j = i + 1;
			if (ln->keep != 1 || ln->reason == R_BODY || ln->reason == R_TITLE ||
			    ln->reason == R_TABLE || (ln->flags & L_NUMCELL) ||
			    dc->lines[j].kind == K_BLANK || dc->lines[j].fp != ln->fp ||
			    dc->lines[j].len != ln->len)
				continue;
		}
		ln->keep = 0;
		ln->reason = R_DUPLICATE;
		if (dc->lines[j].keep == 1) {
			dc->lines[j].keep = 0;
			dc->lines[j].reason = R_DUPLICATE;
		}
	}
}

/*
 * A widget between two paragraphs ("Get our app by clicking here", a
 * newsletter's thank-you, a shop's advert) speaks of the site, not of the
 * story: none of its content words is a word of the article's body, while
 * two or more of them come back together in one line of the page's
 * furniture outside the zone (the site's name, its newsletter, its shop).
 * A subheading that shares no word with the text is dropped only when the
 * furniture echoes it in part: a line that holds all its content words is
 * the page's table of contents or its list of sections, which repeats the
 * subheadings of the article whole.
 */
#define ECHO_WORDS 2        /* content words a furniture line must share */
#define ECHO_ISLANDS 8      /* islands looked at on a page, at most: each may
                             * cost a scan of the page */

/* The kept line nearest to |i| in direction |step| (+1 or -1) inside
 * [a, b], or SIZE_MAX. */
static size_t
kept_near(const struct decoder *dc, size_t a, size_t b, size_t i, int step)
{
	while (step > 0 ? i++ < b : i-- > a)
		if (dc->lines[i].keep == 1)
			return i;
	return SIZE_MAX;
}

/* Is line |i| a short kept line between two kept body paragraphs?  The
 * one below goes in *down. */
static int
widget_island(const struct decoder *dc, size_t a, size_t b, size_t i, size_t *down)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t up;

	if (ln->keep != 1 || (ln->reason != R_TEXT && ln->reason != R_HEADING) ||
	    (ln->flags & L_COLON))
		return 0;  /* a line ending in a colon introduces the text below */
	up = kept_near(dc, a, b, i, -1);
	*down = kept_near(dc, a, b, i, 1);
	return up != SIZE_MAX && *down != SIZE_MAX && dc->lines[up].reason == R_BODY &&
	    dc->lines[*down].reason == R_BODY;
}

/* Is |ln| a line of the page's furniture: a line that is boilerplate by
 * its phrase, menu, marker, URL or copyright shape, not a date stamp; or,
 * with |above| (above the zone), a dropped list item, a menu printed as a
 * list (below the zone lists are other stories, which share the story's
 * names)? */
static int
furniture(const struct bp_line *ln, int above)
{
	if (above && ln->keep == 0 && (ln->flags & L_BULLET))
		return 1;
	return ln->kind == K_BAD && !(ln->flags & L_DATED) &&
	    (ln->reason == R_PHRASE || ln->reason == R_MENU || ln->reason == R_MARKER ||
	    ln->reason == R_INLINE_MARKER || ln->reason == R_COPYRIGHT || ln->reason == R_URL);
}

/* Which of the |n| content words |keys| does line |ln| hold (their mask,
 * bit k for keys[k]), and how many (*hits)?  Scans the line into |s|. */
static uint64_t
keys_in(const struct decoder *dc, const struct bp_line *ln, struct bp_scan *s,
        const uint64_t *keys, unsigned n, unsigned *hits)
{
	unsigned t, k;
	uint64_t seen = 0, m;

	safi_bp_scan_line(dc->lx, dc->text + ln->off, ln->len, s);
	for (t = 0; t < s->ntok; t++) {
		uint64_t key = safi_bp_key(s->tok_hash[t]);

		for (k = 0; k < n; k++)
			if (keys[k] == key)
				seen |= 1ull << k;
	}
	for (*hits = 0, m = seen; m; m &= m - 1)
		(*hits)++;
	return seen;
}

/* Do ECHO_WORDS or more of the |n| content words |keys|, but not all of
 * them, come back in one dropped line outside the zone [a, b]? */
static int
furniture_echo(const struct decoder *dc, size_t a, size_t b, const uint64_t *keys, unsigned n)
{
	struct bp_scan scan;
	size_t i;
	unsigned hits;

	for (i = 0; i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if ((i >= a && i <= b) || !furniture(ln, i < a))
			continue;
		keys_in(dc, ln, &scan, keys, n, &hits);
		if (hits >= ECHO_WORDS && hits < n)
			return 1;
	}
	return 0;
}

/*
 * The site's name in a line: the keys among the |n| content words |keys|
 * that a line naming the site, outside the zone [a, b], holds, when it
 * holds ECHO_WORDS of them or more but not all (as furniture_echo()):
 * the copyright line (dropped as such by its shape, or holding the
 * copyright sign: "\u00a9 2024 Gulf News TV") or the page's first
 * non-blank line, dropped, of MASTHEAD_WORDS words at most (the
 * masthead).  Returns their mask, or 0.
 */
#define MASTHEAD_WORDS 3

/* Does p[0, len) hold the copyright sign? */
static int
copyright_sign(const char *p, size_t len)
{
	const char *q = len ? memchr(p, 0xC2, len) : NULL;

	for (; q != NULL; q = memchr(q + 1, 0xC2, (size_t)(p + len - q - 1)))
		if (q + 1 < p + len && (unsigned char)q[1] == 0xA9)
			return 1;
	return 0;
}

static uint64_t
site_echo(const struct decoder *dc, size_t a, size_t b, const uint64_t *keys, unsigned n)
{
	struct bp_scan scan;
	size_t i, first = SIZE_MAX;
	unsigned hits;
	uint64_t seen;

	for (i = 0; i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind != K_BLANK && first == SIZE_MAX)
			first = i;
		if ((i >= a && i <= b) || ln->keep != 0 || (BP_SHAPE_REASON(ln) != R_COPYRIGHT &&
		    !copyright_sign(dc->text + ln->off, ln->len) &&
		    (i != first || ln->words > MASTHEAD_WORDS)))
			continue;
		seen = keys_in(dc, ln, &scan, keys, n, &hits);
		if (hits >= ECHO_WORDS && hits < n)
			return seen;
	}
	return 0;
}

/* The capital letters of |ln|, or 0 when a letter of it is in lower case
 * or has no case (an Arabic letter). */
static unsigned
capitals(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off;
	size_t i, m;
	unsigned upper = 0;

	for (i = 0; i < ln->len; i += m) {
		int32_t cp = safi_utf8_decode(p + i, ln->len - i, &m);
		utf8proc_category_t c = cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);

		if (c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LO)
			return 0;
		upper += c == UTF8PROC_CATEGORY_LU;
	}
	return upper;
}

/*
 * A line longer than any subheading, in capitals, with no sentence end,
 * shouts: a link to another story or a call to the site's app, set in the
 * site's teaser style between two paragraphs.  A subheading in capitals is
 * a label of a few words, and a long one heads the paragraph below it,
 * which repeats a quarter of its content words or more; a sentence in
 * capitals ends like one.  Scripts without case never shout.
 */
#define SHOUT_WORDS 7
#define SHOUT_SHARE 4       /* a quarter of its content words below it: a subheading */

static int
shouted(const struct decoder *dc, const struct bp_line *ln)
{
	if (ln->words < SHOUT_WORDS || (ln->flags & L_TERM) || !(ln->flags & L_CASED) ||
	    (ln->flags & L_LOWER))
		return 0;
	return capitals(dc, ln) >= 2 * SHOUT_WORDS;
}

void
safi_bp_drop_echoed_widgets(struct decoder *dc, size_t a, size_t b)
{
	struct bp_topic tp;
	struct bp_scan scan, *s = &scan;
	uint64_t keys[BP_MAXTOK], body;
	size_t i, k, down;
	unsigned t, n, hits, total, islands = 0;
	int have_topic = 0;

	for (i = a; i <= b && islands < ECHO_ISLANDS; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (!widget_island(dc, a, b, i, &down))
			continue;
		islands++;
		if (shouted(dc, ln)) {
			/* A subheading heads the paragraph below it: its
			 * words come back there. */
			tp.n = 0;
			memset(tp.set, 0, sizeof tp.set);
			topic_add(dc, &tp, down);
			have_topic = 0;
			hits = total = 0;
			topic_count(dc, &tp, i, &hits, &total);
			if (SHOUT_SHARE * hits < total) {
				ln->keep = 0;
				ln->reason = R_WIDGET;
			}
			continue;
		}
		if (!have_topic) {
			safi_bp_zone_topic(dc, a, b, 1, &tp);
			have_topic = 1;
		}
		hits = total = 0;
		topic_count(dc, &tp, i, &hits, &total);
		if (total < ECHO_WORDS)
			continue;
		safi_bp_scan_line(dc->lx, dc->text + ln->off, ln->len, s);
		for (t = n = 0, body = 0; t < s->ntok; t++) {
			uint64_t key = safi_bp_key(s->tok_hash[t]);

			if ((s->tok_flags[t] & W_LANGS) || s->tok_num[t])
				continue;
			for (k = 0; k < n && keys[k] != key; k++)
				;
			if (k == n) {
				if (safi_bp_topic_has(&tp, key))
					body |= 1ull << n;
				keys[n++] = key;
			}
		}
		/* The body may quote the site ("told Gulf News TV"): a
		 * call to the reader (a widget word in it, or a phrase's
		 * first word opening it) whose only words of the body are
		 * the site's name speaks of the site all the same (words of
		 * a script that writes no spaces are read in pairs of
		 * letters, no key). */
		if (hits ? s->letters <= s->arabic + s->latin && s->ntok > 0 &&
		    ((ln->flags & L_WIDGET_WORD) || (s->tok_flags[0] & (W_PFIRST | W_CFIRST))) &&
		    (body & ~site_echo(dc, a, b, keys, n)) == 0 :
		    furniture_echo(dc, a, b, keys, n)) {
			ln->keep = 0;
			ln->reason = R_WIDGET;
		}
	}
}

/*
 * A label of the site's furniture set between the article's lines
 * ("Advertisement | Ad choices", "Video: the week in pictures", "Share
 * this with a friend") holds a widget word (a word that is boilerplate as
 * a line by itself: advertisement, video, share, subscribe...) and speaks of
 * the page, not of the story: none of its content words is a word of the
 * article's body.  A subheading or a list item of the article that holds
 * a widget word ("The video that started it") shares the article's words,
 * or names the thing the article is about, which its body names too.
 * Lines of a dozen words or more are prose, never a label, and so is a
 * sentence; a line ending in a colon introduces what follows it (an
 * embedded post, a list).  A label that opens with its widget word and a
 * bar ("Video | <the clip's title>") goes whatever its words: a player
 * names the story's things in the title of its clip.
 *
 * Cost: the line scanner flags the lines that hold a widget word; each
 * such line kept in the zone is scanned once more, and the article's words
 * are gathered once, for the first of them.
 */
#define LABEL_WORDS 12

/* Does line |i| open with a stop word ("What happens next", "How it
 * works")?  Then it reads as a subheading, whatever words follow. */
static int
opens_with_stop_word(const struct decoder *dc, size_t i)
{
	struct bp_scan scan, *s = &scan;

	safi_bp_scan_line(dc->lx, dc->text + dc->lines[i].off, dc->lines[i].len, s);
	return s->ntok > 0 && (s->tok_flags[0] & W_LANGS);
}

/*
 * An Arabic word glues its article and a clitic to its front: the body
 * may say "the economy" and "and the economy" where a subheading says
 * "economy".  The word's stem (without a leading wa-, fa-, bi- or ka-,
 * then without al-, or without lil-: li- with al-'s alef gone) is looked
 * up in the topic bare and behind each of the usual prefixes.
 */
static const char *const ar_prefixes[] = {
	"",
	"\xD8\xA7\xD9\x84",          /* al- */
	"\xD9\x88\xD8\xA7\xD9\x84",  /* wal- */
	"\xD8\xA8\xD8\xA7\xD9\x84",  /* bil- */
	"\xD9\x84\xD9\x84",          /* lil- */
	"\xD9\x81\xD8\xA7\xD9\x84",  /* fal- */
	"\xD9\x83\xD8\xA7\xD9\x84",  /* kal- */
	"\xD9\x88", "\xD9\x81", "\xD8\xA8", "\xD9\x84", "\xD9\x83",  /* wa- fa- bi- li- ka- */
};
#define AR_STEM_MAX 64      /* bytes of a stem looked up; a longer word is not */

int
safi_bp_arabic_stem_hit(const struct decoder *dc, const struct bp_topic *tp, const char *w,
                        size_t n)
{
	struct bp_scan scan, *s = &scan;
	char buf[8 + AR_STEM_MAX];
	size_t k, plen;

	/* a clitic letter of a word of four letters or more, then al- or lil- */
	if (n >= 8 && ((unsigned char)w[0] == 0xD9 && ((unsigned char)w[1] == 0x88 ||
	    (unsigned char)w[1] == 0x81 || (unsigned char)w[1] == 0x83)))
		w += 2, n -= 2;
	else if (n >= 8 && (unsigned char)w[0] == 0xD8 && (unsigned char)w[1] == 0xA8)
		w += 2, n -= 2;
	if (n >= 8 && !memcmp(w, "\xD8\xA7\xD9\x84", 4))
		w += 4, n -= 4;
	else if (n >= 8 && !memcmp(w, "\xD9\x84\xD9\x84", 4))
		w += 4, n -= 4;
	if (n > AR_STEM_MAX || n < 4)
		return 0;
	for (k = 0; k < sizeof ar_prefixes / sizeof ar_prefixes[0]; k++) {
		plen = strlen(ar_prefixes[k]);
		memcpy(buf, ar_prefixes[k], plen);
		memcpy(buf + plen, w, n);
		safi_bp_scan_line(dc->lx, buf, plen + n, s);
		if (s->ntok == 1 && safi_bp_topic_has(tp, safi_bp_key(s->tok_hash[0])))
			return 1;
	}
	return 0;
}

/* Does a content word of line |i| come back in |tp|, an Arabic word with
 * other prefixes too? */
static int
shares_topic(const struct decoder *dc, const struct bp_topic *tp, size_t i)
{
	struct bp_scan scan, *s = &scan;
	const char *p = dc->text + dc->lines[i].off;
	unsigned t;

	safi_bp_scan_line(dc->lx, p, dc->lines[i].len, s);
	for (t = 0; t < s->ntok; t++) {
		if ((s->tok_flags[t] & W_LANGS) || s->tok_num[t])
			continue;
		if (safi_bp_topic_has(tp, safi_bp_key(s->tok_hash[t])))
			return 1;
		if ((unsigned char)p[s->tok_raw[t]] >= 0xD8 && (unsigned char)p[s->tok_raw[t]] <= 0xDB &&
		    safi_bp_arabic_stem_hit(dc, tp, p + s->tok_raw[t], s->tok_rawend[t] - s->tok_raw[t]))
			return 1;
	}
	return 0;
}

/* Does line |i| open with a widget word set off by a bar, the line's only
 * one ("Video | <the clip's title>")?  A player or a gallery labels its
 * title so; a subheading names no widget, and a menu has more bars. */
static int
bar_label(const struct decoder *dc, size_t i)
{
	struct bp_scan scan, *s = &scan;
	const char *p = dc->text + dc->lines[i].off;
	size_t len = dc->lines[i].len, at;

	safi_bp_scan_line(dc->lx, p, len, s);
	if (s->ntok < 2 || (s->tok_flags[0] & W_LANGS) || !(s->tok_flags[0] & W_EXACT))
		return 0;
	at = s->tok_rawend[0];
	return at + 3 < len && !memcmp(p + at, " | ", 3) && !memchr(p + at + 3, '|', len - at - 3);
}

/*
 * A phrase list writes a call to the reader in one form, the masculine
 * singular imperative ("subscribe in", "follow us on", "download the
 * app"), and a site writes it to its readers in the plural or the
 * feminine (+wa, +i, +na, "follow-you-pl us") and names its own app or
 * newsletter without the article ("download our agency's app").  A short
 * kept line in the zone whose first word, stripped of such an ending, or
 * whose second word, given al-, makes a phrase of the lexicon is such a
 * call: it goes as a widget.  A word that is a byline label by itself
 * (kataba, "wrote": kataboo is "they wrote") makes no call.
 *
 * Cost: a second pass over the zone; a kept line of CALL_WORDS words at
 * most that opens with an Arabic word is scanned again only when its
 * first word (stripped, or as it is over a second word without al-)
 * starts a phrase: its first word once or twice, the line up to three
 * times.
 */
#define CALL_BYTES 400      /* a longer line is no call */
#define CALL_STEM 6         /* bytes of the stripped word, three letters */
#define CALL_WORD 64        /* bytes of a first word looked at */
#define CALL_WORDS 11       /* words of a call, at most */

/* Is the byte pair at |q| a mark that folding drops (harakat, dagger
 * alef, tatweel)? */
static int
ar_mark(const unsigned char *q)
{
	return q[0] == 0xD9 && ((q[1] >= 0x8B && q[1] <= 0x92) || q[1] == 0xB0 || q[1] == 0x80);
}

/* Copies the Arabic word |w| of |n| bytes to |out| without its marks and
 * strips an imperative's ending: -uuna/-iina "us" to -na, -uu(a), -ii,
 * -na.  Returns the stem's length, or 0 when no ending came off. */
static size_t
imperative_stem(const char *w, size_t n, char *out)
{
	static const struct { const char *end, *with; size_t el, wl; } ends[] = {
		{ "\xD9\x88\xD9\x86\xD8\xA7", "\xD9\x86\xD8\xA7", 6, 4 },  /* -una: -na */
		{ "\xD9\x8A\xD9\x86\xD8\xA7", "\xD9\x86\xD8\xA7", 6, 4 },  /* -ina: -na */
		{ "\xD9\x88\xD8\xA7", "", 4, 0 },                          /* -uu */
		{ "\xD9\x8A", "", 2, 0 },                                  /* -ii */
		{ "\xD9\x86", "", 2, 0 },                                  /* -na */
	};
	const unsigned char *u = (const unsigned char *)w;
	size_t m = 0, k, i = n;

	while (i >= 2 && ar_mark(u + i - 2))
		i -= 2;
	/* every ending ends in alef, yeh or noon */
	if (i < 2 || !((u[i - 2] == 0xD9 && (u[i - 1] == 0x8A || u[i - 1] == 0x86)) ||
	    (u[i - 2] == 0xD8 && u[i - 1] == 0xA7)))
		return 0;
	for (i = 0; i < n; i++) {
		if (i + 1 < n && ar_mark(u + i)) {
			i++;
			continue;
		}
		out[m++] = w[i];
	}
	for (k = 0; k < sizeof ends / sizeof ends[0]; k++)
		if (m >= ends[k].el + CALL_STEM && !memcmp(out + m - ends[k].el, ends[k].end, ends[k].el)) {
			memcpy(out + m - ends[k].el, ends[k].with, ends[k].wl);
			return m - ends[k].el + ends[k].wl;
		}
	return 0;
}

/* Is the line of |len| bytes at |p| a phrase of the lexicon, and its
 * first word no byline label? */
static int
call_phrase(const struct decoder *dc, const char *p, size_t len)
{
	struct bp_scan scan, *s = &scan;
	uint16_t flags = 0;
	uint64_t h;

	safi_bp_scan_line(dc->lx, p, len, s);
	if (s->ntok == 0)
		return 0;
	h = safi_bp_seq_step(BP_SEQ_SEED, s->tok_hash[0]);
	if ((uint32_t)safi_bp_map_get(&dc->lx->words, safi_bp_key(h)) & W_PREFIX)
		return 0;
	return safi_bp_match_phrases(dc->lx, p, len, s, &flags) == R_PHRASE;
}

/* Does the Arabic word of |n| bytes at |w| start a phrase of the lexicon? */
static int
starts_phrase(const struct decoder *dc, const char *w, size_t n)
{
	struct bp_scan scan, *s = &scan;

	safi_bp_scan_line(dc->lx, w, n, s);
	return s->ntok == 1 && (s->tok_flags[0] & (W_PFIRST | W_CFIRST));
}

/* The end of the Arabic word that starts at |at| in the |len| bytes at
 * |p|: the first ASCII byte (a blank, a dot, a colon). */
static size_t
word_end(const char *p, size_t len, size_t at)
{
	while (at < len && (unsigned char)p[at] >= 0x80)
		at++;
	return at;
}

static int
arabic_at(const char *p, size_t len, size_t at)
{
	return at < len && (unsigned char)p[at] >= 0xD8 && (unsigned char)p[at] <= 0xDB;
}

/* Where the second word of the |len| bytes at |p| starts, its first
 * ending at |end|, when it is an Arabic word without al-; or 0. */
static size_t
bare_second(const char *p, size_t len, size_t end)
{
	size_t at = end;

	while (at < len && (p[at] == ' ' || p[at] == '\t'))
		at++;
	if (at == end || !arabic_at(p, len, at) ||
	    (at + 4 <= len && !memcmp(p + at, "\xD8\xA7\xD9\x84", 4)))
		return 0;
	return at;
}

/* Line |i| as a phrase with its first word's |stem| of |n| bytes (or its
 * first word as it is, when |stem| is NULL), and with al- put on its
 * second word when |al| is set. */
static int
call_variant(const struct decoder *dc, size_t i, const char *stem, size_t n, int al)
{
	static const char al_[] = "\xD8\xA7\xD9\x84";
	const char *p = dc->text + dc->lines[i].off;
	size_t len = dc->lines[i].len, at = 0, end, second, m;
	char buf[CALL_BYTES + 8];

	while (at < len && (p[at] == ' ' || p[at] == '\t'))
		at++;
	end = word_end(p, len, at);
	memcpy(buf, p, at);
	if (stem) {
		memcpy(buf + at, stem, n);
		m = at + n;
	} else {
		memcpy(buf + at, p + at, end - at);
		m = end;
	}
	if (!al) {
		memcpy(buf + m, p + end, len - end);
		return call_phrase(dc, buf, m + len - end);
	}
	if (!(second = bare_second(p, len, end)))
		return 0;
	memcpy(buf + m, p + end, second - end);
	m += second - end;
	memcpy(buf + m, al_, 4);
	memcpy(buf + m + 4, p + second, len - second);
	return call_phrase(dc, buf, m + 4 + len - second);
}

static int
reader_call(const struct decoder *dc, size_t i, unsigned words)
{
	const char *p = dc->text + dc->lines[i].off;
	size_t len = dc->lines[i].len, at = 0, end, stem;
	char word[CALL_WORD];

	if (len > CALL_BYTES || dc->lines[i].words > words)
		return 0;
	while (at < len && (p[at] == ' ' || p[at] == '\t'))
		at++;
	end = word_end(p, len, at);
	/* a word with al- is a noun, no call's verb */
	if (!arabic_at(p, len, at) || end - at > CALL_WORD ||
	    (end - at >= 4 && !memcmp(p + at, "\xD8\xA7\xD9\x84", 4)))
		return 0;
	stem = imperative_stem(p + at, end - at, word);
	if (stem && starts_phrase(dc, word, stem) &&
	    (call_variant(dc, i, word, stem, 0) || call_variant(dc, i, word, stem, 1)))
		return 1;
	/* "download app" is "download the app" */
	return bare_second(p, len, end) && starts_phrase(dc, p + at, end - at) &&
	    call_variant(dc, i, NULL, 0, 1);
}

/*
 * The fields and the button of a sign-up box under its pitch: kept lines
 * of FORM_WORDS words at most that end no sentence ("Your email",
 * "Subscribe"), two or more of them one after another (blank lines
 * aside), right under a line dropped as a widget inside the zone ("Sign
 * up for our newsletter").  A subheading under a widget's line stands
 * alone over its paragraph.
 */
#define FORM_WORDS 2

static int
form_field(const struct bp_line *ln)
{
	return ln->keep == 1 && ln->words > 0 && ln->words <= FORM_WORDS &&
	    !(ln->flags & (L_TERM | L_BULLET)) &&
	    (ln->reason == R_TEXT || ln->reason == R_HEADING || ln->reason == R_SHORT_RUN);
}

static void
drop_widget_fields(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j, k, fields;

	for (i = a; i <= b; i++) {
		if (dc->lines[i].keep || dc->lines[i].reason != R_WIDGET)
			continue;
		for (j = i + 1, fields = 0; j <= b; j++) {
			if (dc->lines[j].kind == K_BLANK)
				continue;
			if (!form_field(&dc->lines[j]))
				break;
			fields++;
		}
		if (fields >= 2)
			for (k = i + 1; k < j; k++)
				if (dc->lines[k].kind != K_BLANK) {
					dc->lines[k].keep = 0;
					dc->lines[k].reason = R_WIDGET;
				}
		i = j - 1;
	}
}

/*
 * Does numbered item |i| ("9. Listen to music") go on the article's list:
 * the nearest item above it, among ITEM_LINES non-blank lines that are
 * all kept, bears the number before its own?  A list article's item is no
 * label, whatever widget word it holds.
 */
#define ITEM_LINES 6

static int
next_item(const struct decoder *dc, size_t a, size_t i)
{
	unsigned v = safi_bp_number_opening(dc, i, ".)"), lines = 0;
	size_t j;

	if (v < 2)
		return 0;
	for (j = i; j-- > a && lines < ITEM_LINES;) {
		const struct bp_line *ln = &dc->lines[j];

		if (ln->kind == K_BLANK)
			continue;
		if (ln->keep != 1)
			return 0;
		if (ln->flags & L_BULLET)
			return safi_bp_number_opening(dc, j, ".)") == v - 1;
		lines++;
	}
	return 0;
}

/* Is line |i| an item of a list of lines alike inside the zone [a, b]:
 * the nearest lines above and below it are kept and open with its first
 * word (a course's "Module 6 - Advertising on Facebook" between its
 * modules 5 and 7)?  A widget's label stands alone among the article's
 * lines. */
static int
parallel_item(const struct decoder *dc, size_t a, size_t b, size_t i)
{
	size_t up = i, down = i;

	while (up > a && dc->lines[up - 1].kind == K_BLANK)
		up--;
	while (down < b && dc->lines[down + 1].kind == K_BLANK)
		down++;
	return up > a && down < b && dc->lines[up - 1].keep == 1 &&
	    dc->lines[down + 1].keep == 1 && same_opening(dc, i, up - 1) &&
	    same_opening(dc, i, down + 1);
}

/* A kept short line of the zone's text that a label may be: no colon, no
 * body paragraph, fewer than LABEL_WORDS words. */
static int
label_shape(const struct bp_line *ln)
{
	return ln->keep == 1 && ln->words < LABEL_WORDS && !(ln->flags & L_COLON) &&
	    (ln->reason == R_TEXT || ln->reason == R_HEADING || ln->reason == R_LIST ||
	    ln->reason == R_SHORT_RUN);
}

/*
 * A site's pitch may run to a full sentence ("Download our app and be the
 * first to know, with alerts and exclusive coverage in one place"), too
 * long for a label, and a site sets it at the edge of the article: right
 * under the headline, its standfirst or a line of its head, or as the
 * last line kept.  Such a line of LONG_CALL_WORDS words at most, a body
 * paragraph or a kept sentence with no colon, that reads as a call to the
 * reader (reader_call(): its first word, with an imperative's plural or
 * feminine ending taken off, opens a phrase of the lists, and the line
 * makes one) goes as a widget; so does one whose first word, with such
 * an ending taken off, opens a phrase, and which holds a widget word
 * ("Follow (pl.) us on YouTube to watch the goals of every match").  The
 * article's own sentence with such a verb ("he followed the talks on
 * YouTube") stands between its paragraphs, not at the edge; a verb of
 * the singular reads the same as the past tense ("شارك", "he took part"),
 * and only its plural or feminine speaks to the reader.
 *
 * Cost: the zone's kept lines are walked once from each end; two lines
 * at most are scanned again.
 */
#define LONG_CALL_WORDS 25

static int
long_call(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;
	size_t at = 0, end, stem;
	char word[CALL_WORD];

	if (ln->keep != 1 || ln->words < LABEL_WORDS || (ln->flags & L_COLON) ||
	    (ln->reason != R_BODY && ln->reason != R_TEXT))
		return 0;
	if (reader_call(dc, i, LONG_CALL_WORDS))
		return 1;
	if (!(ln->flags & L_WIDGET_WORD) || ln->words > LONG_CALL_WORDS)
		return 0;
	while (at < ln->len && (p[at] == ' ' || p[at] == '\t'))
		at++;
	end = word_end(p, ln->len, at);
	if (!arabic_at(p, ln->len, at) || end - at > CALL_WORD ||
	    (end - at >= 4 && !memcmp(p + at, "\xD8\xA7\xD9\x84", 4)))
		return 0;
	stem = imperative_stem(p + at, end - at, word);
	return stem && starts_phrase(dc, word, stem);
}

static void
drop_edge_calls(struct decoder *dc, size_t a, size_t b)
{
	size_t i;

	for (i = a; i <= b; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->keep != 1 || ln->reason == R_TITLE || ln->reason == R_STANDFIRST)
			continue;
		if (long_call(dc, i)) {
			dc->lines[i].keep = 0;
			dc->lines[i].reason = R_WIDGET;
			drop_widget_fields(dc, i, b);
		}
		break;
	}
	for (i = b + 1; i-- > a;) {
		if (dc->lines[i].keep != 1)
			continue;
		if (long_call(dc, i)) {
			dc->lines[i].keep = 0;
			dc->lines[i].reason = R_WIDGET;
		}
		break;
	}
}

/*
 * A site's appeal set between the article's paragraphs or under its last
 * one is a box of three lines: a title of a few words that ends no
 * sentence ("Support our newsroom"), a short paragraph that pitches ("Your
 * gift keeps this free"), and a button, a bare line of two words that is
 * a phrase of the lists ("Sign up") or a widget word and a stop word
 * ("Donate now").  A box between paragraphs goes whatever its words: the
 * article goes on under it (a body paragraph, or a subheading over one),
 * and its own subheading heads paragraphs, never a button.  Under the
 * last paragraph, where the furniture of the page starts ("Next article",
 * "Staff writer"), the box must speak of the site, not of the story: its
 * title holds at most one word of the article's other body paragraphs,
 * and its pitch one of PITCH_SHARE of its content words at most.  A
 * button of one word ("Advertisement", "Share") is a label set between
 * paragraphs, no box's.  The title and the pitch go as widget with their
 * button, when it is kept.
 *
 * Cost: a pass over the zone; the article's words are gathered for a box
 * under the zone's end only.
 */
#define BOX_TITLE_WORDS 6
#define PITCH_WORDS 40
#define PITCH_SHARE 5       /* a pitch shares one content word in five at most */
#define BUTTON_WORDS 2

/* Is line |i| a box's button: BUTTON_WORDS words of letters alone (no
 * sentence end, colon, bracket or digit: a source line "Source: Reuters"
 * or a credit "(Photo: AP)" is no button), kept or dropped as a phrase or
 * a widget, a phrase of the lists by itself, or a widget word and a stop
 * word ("Donate now"; "Open source" names a thing)? */
static int
box_button(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	struct bp_scan scan, *s = &scan;
	uint16_t flags = 0;
	size_t k;

	if (ln->words != BUTTON_WORDS || (ln->flags & (L_TERM | L_BULLET | L_DIGITS)) ||
	    (ln->keep != 1 && ln->reason != R_PHRASE && ln->reason != R_WIDGET))
		return 0;
	for (k = 0; k < ln->len; k++)
		if (p[k] < 0x80 && !((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z') &&
		    p[k] != ' ' && p[k] != '\t' && p[k] != '\r')
			return 0;
	safi_bp_scan_line(dc->lx, dc->text + ln->off, ln->len, s);
	if (s->ntok == 2 && (s->tok_flags[0] & W_EXACT) && !(s->tok_flags[0] & W_LANGS) &&
	    (s->tok_flags[1] & W_LANGS))
		return 1;
	return safi_bp_match_phrases(dc->lx, dc->text + ln->off, ln->len, s, &flags) == R_PHRASE;
}

/* Does the box of title |i|, pitch |pitch| and button |button| speak of
 * the site: the title shares one word at most with the body paragraphs
 * kept in the zone [a, b] outside the box, the pitch one of PITCH_SHARE
 * of its content words at most? */
static int
box_off_topic(const struct decoder *dc, size_t a, size_t b, size_t i, size_t pitch,
              size_t button)
{
	struct bp_topic tp;
	size_t k;
	unsigned hits = 0, total = 0;

	tp.n = 0;
	memset(tp.set, 0, sizeof tp.set);
	for (k = a; k <= b && tp.n < BP_TOPIC_SLOTS / 2; k++)
		if ((k < i || k > button) && dc->lines[k].keep == 1 &&
		    dc->lines[k].reason == R_BODY)
			topic_add(dc, &tp, k);
	if (!tp.n)
		return 0;
	topic_count(dc, &tp, i, &hits, &total);
	if (hits > 1)
		return 0;
	hits = total = 0;
	topic_count(dc, &tp, pitch, &hits, &total);
	return PITCH_SHARE * hits <= total;
}

/* Does the article go on under the button |button|, inside the zone
 * ending at |b|: with a kept body paragraph, or a kept subheading over
 * one?  A link under a "Read more" button is another story's headline,
 * no paragraph. */
static int
article_resumes(const struct decoder *dc, size_t b, size_t button)
{
	size_t k = next_line(dc, button);

	if (k > b || dc->lines[k].keep != 1)
		return 0;
	if (dc->lines[k].reason != R_BODY) {
		if (dc->lines[k].reason != R_HEADING && dc->lines[k].reason != R_TEXT)
			return 0;
		k = next_line(dc, k);
	}
	return k <= b && dc->lines[k].keep == 1 && dc->lines[k].reason == R_BODY;
}

static void
drop_appeal_boxes(struct decoder *dc, size_t a, size_t b)
{
	size_t i, pitch, button;

	for (i = a; i <= b; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->keep != 1 || ln->words > BOX_TITLE_WORDS ||
		    (ln->flags & (L_TERM | L_COLON | L_BULLET)) ||
		    (ln->reason != R_HEADING && ln->reason != R_TEXT && ln->reason != R_SHORT_RUN))
			continue;
		if ((pitch = next_line(dc, i)) >= dc->nlines || dc->lines[pitch].keep != 1 ||
		    dc->lines[pitch].words > PITCH_WORDS || !(dc->lines[pitch].flags & L_TERM) ||
		    (dc->lines[pitch].reason != R_BODY && dc->lines[pitch].reason != R_TEXT))
			continue;
		if ((button = next_line(dc, pitch)) >= dc->nlines || !box_button(dc, button))
			continue;
		if (!article_resumes(dc, b, button) && !box_off_topic(dc, a, b, i, pitch, button))
			continue;
		dc->lines[i].keep = 0;
		dc->lines[i].reason = R_WIDGET;
		dc->lines[pitch].keep = 0;
		dc->lines[pitch].reason = R_WIDGET;
		if (dc->lines[button].keep == 1) {
			dc->lines[button].keep = 0;
			dc->lines[button].reason = R_WIDGET;
		}
		i = button;
	}
}

/*
 * A player set between the article's paragraphs labels its clip with a
 * widget word and a colon ("Watch: <the clip's title>", "Listen: <the
 * episode>") and prints the clip's length under it, alone ("3:27"), maybe
 * below a control ("Play").  Such a kept line, of LONG_CALL_WORDS words at
 * most, whose first word is a widget word or opens a phrase of the lists
 * and ends its label with a colon (after it or after the word that
 * follows it: "Watch this:"), goes as a widget when one of the next
 * CLIP_BELOW non-blank lines, all dropped, is such a length: the title
 * names the story's things, as a player's does.  The article's own line
 * that opens so ("Watch: the vote is at noon") has no length under it.
 *
 * Cost: a pass from the zone's top to the page's end; a line dropped as a
 * stamp is read, and from it the lines up to the first kept one.
 */
#define CLIP_BELOW 2
#define CLIP_BYTES 12       /* bytes of a length, blanks around it too */

/* Is line |i| a clip's length dropped as a stamp: digits and one or two
 * colons alone ("3:27", "1:02:44")? */
static int
clip_length(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;
	size_t k, digits = 0, colons = 0;

	if (ln->keep != 0 || ln->reason != R_DATE || ln->len > CLIP_BYTES)
		return 0;
	for (k = 0; k < ln->len; k++) {
		if (p[k] >= '0' && p[k] <= '9')
			digits++;
		else if (p[k] == ':')
			colons++;
		else if (p[k] != ' ' && p[k] != '\t' && p[k] != '\r')
			return 0;
	}
	return colons >= 1 && colons <= 2 && digits >= 2 * colons + 1;
}

/* Does kept line |i| open with a player's label: a widget word or a
 * phrase's first word, a colon after it or after the next word? */
static int
clip_label(const struct decoder *dc, size_t i)
{
	struct bp_scan scan, *s = &scan;
	const char *p = dc->text + dc->lines[i].off;
	size_t len = dc->lines[i].len;
	unsigned t;

	safi_bp_scan_line(dc->lx, p, len, s);
	if (s->ntok < 3 || !(s->tok_flags[0] & (W_EXACT | W_PFIRST)))
		return 0;
	for (t = 0; t < 2; t++)
		if (s->tok_rawend[t] < len && p[s->tok_rawend[t]] == ':')
			return 1;
	return 0;
}

static void
drop_clip_titles(struct decoder *dc, size_t a, size_t b)
{
	size_t i, k;
	unsigned seen;

	for (i = a + 1; i < dc->nlines; i++) {
		if (dc->lines[i].reason != R_DATE || !clip_length(dc, i))
			continue;
		/* up from the length, over CLIP_BELOW - 1 dropped lines at most */
		for (k = i, seen = 0; k-- > a;) {
			const struct bp_line *ln = &dc->lines[k];

			if (ln->kind == K_BLANK)
				continue;
			if (ln->keep != 1) {
				if (ln->keep != 0 || ++seen >= CLIP_BELOW)
					break;
				continue;
			}
			if (k <= b && ln->words <= LONG_CALL_WORDS && ln->reason != R_TITLE &&
			    ln->reason != R_STANDFIRST && !(ln->flags & (L_BULLET | L_TABLE)) &&
			    clip_label(dc, k)) {
				dc->lines[k].keep = 0;
				dc->lines[k].reason = R_WIDGET;
			}
			break;
		}
	}
}

void
safi_bp_drop_widget_labels(struct decoder *dc, size_t a, size_t b)
{
	struct bp_topic tp;
	size_t i;
	int have_topic = 0;

	for (i = a; i <= b; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (!label_shape(ln) || (ln->flags & L_TERM) || !(ln->flags & L_WIDGET_WORD) ||
		    opens_with_stop_word(dc, i))
			continue;
		if (!have_topic) {
			safi_bp_zone_topic(dc, a, b, 1, &tp);
			have_topic = 1;
		}
		if (tp.n && (!shares_topic(dc, &tp, i) || bar_label(dc, i)) &&
		    !((ln->flags & L_BULLET) && next_item(dc, a, i)) &&
		    !parallel_item(dc, a, b, i)) {
			ln->keep = 0;
			ln->reason = R_WIDGET;
		}
	}
	drop_widget_fields(dc, a, b);
	drop_appeal_boxes(dc, a, b);
	drop_clip_titles(dc, a, b);
	for (i = a; i <= b; i++)
		if (label_shape(&dc->lines[i]) && reader_call(dc, i, CALL_WORDS)) {
			dc->lines[i].keep = 0;
			dc->lines[i].reason = R_WIDGET;
		}
	drop_edge_calls(dc, a, b);
}

/*
 * A poll set between two paragraphs of the article: a question of
 * POLL_WORDS words at most, with a kept body paragraph the nearest line
 * above it, over two to POLL_OPTIONS answers glued under it, each a bare
 * line of POLL_ANSWER_WORDS words at most with no digit, bullet, colon or
 * sentence end ("Yes", "No", "Not sure"), then a blank line and a kept
 * body paragraph.  A poll set apart by a blank line above its question
 * may close the article too: its answers end the zone, or a dropped line
 * is the next below them ("Comments (3)").  The article's own question
 * heads a paragraph, or a list whose items carry bullets, figures or
 * sentences; a choice of a few bare words is the site's.  The question
 * and its answers go as widget.
 *
 * Cost: a pass over the zone, each line looked at POLL_OPTIONS + 2 times
 * at most.
 */
#define POLL_WORDS 25
#define POLL_OPTIONS 5
#define POLL_ANSWER_WORDS 3

static int
poll_answer(const struct bp_line *ln)
{
	return ln->kind != K_BLANK && ln->words >= 1 && ln->words <= POLL_ANSWER_WORDS &&
	    !(ln->flags & (L_BULLET | L_DIGITS | L_TERM | L_COLON));
}

void
safi_bp_drop_polls(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j, k, up;

	for (i = a; i < b; i++) {
		const struct bp_line *q = &dc->lines[i];

		if (q->keep != 1 || q->words > POLL_WORDS || (q->flags & L_BULLET) ||
		    !poll_answer(&dc->lines[i + 1]) || !question(dc, q))
			continue;
		for (up = i; up > a && dc->lines[up - 1].kind == K_BLANK; up--)
			;
		if (up == a || dc->lines[up - 1].keep != 1)
			continue;
		for (j = i + 1; j <= b && j - i <= POLL_OPTIONS && poll_answer(&dc->lines[j]); j++)
			;
		if (j - i < 3 || (j <= b && dc->lines[j].kind != K_BLANK))
			continue;
		k = j <= b ? next_line(dc, j) : j;
		if (!(dc->lines[up - 1].kind == K_GOOD && k <= b && dc->lines[k].keep == 1 &&
		    dc->lines[k].kind == K_GOOD) && !(up < i && (k > b || dc->lines[k].keep != 1)))
			continue;
		for (k = i; k < j; k++) {
			dc->lines[k].keep = 0;
			dc->lines[k].reason = R_WIDGET;
		}
		i = j;
	}
}

/*
 * A line of Latin letters set between the paragraphs of an Arabic
 * article: a kept line of the zone that is no body paragraph, list item
 * or title, with no letter of the Arabic script and a Latin letter
 * ("App Store | Google Play", a video player's "0 seconds of 1 minute"),
 * on a page whose body paragraphs all hold Arabic letters, two of them at
 * least.  The article writes its subheadings, quotes and captions in its
 * own script; a line in another one is a widget's, printed by the site in
 * its template's tongue.  A run of such lines (a list of English titles, a
 * quoted message and its sender, a block of code) stays: the lines next
 * to it, blank lines aside, must not be Latin lines too.  The line goes as
 * widget, and with it the boilerplate lines right under it that only a run
 * of short lines kept (the player's "01:32").
 *
 * Cost: a pass over the zone's bytes, and one over its lines.
 */
#define LATIN_BODY 2

/* Does line |i| hold a letter of the Arabic block (U+0600-U+06FF) and
 * none in Latin (-1), a Latin letter and no Arabic one (1), or neither or
 * both (0)? */
static int
latin_line(const struct decoder *dc, size_t i)
{
	const unsigned char *p = (const unsigned char *)dc->text + dc->lines[i].off;
	size_t k, len = dc->lines[i].len;
	int arabic = 0, latin = 0;

	for (k = 0; k < len; k++) {
		if (p[k] >= 0xD8 && p[k] <= 0xDB)
			arabic = 1;
		else if ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')
			latin = 1;
	}
	return arabic == latin ? 0 : latin ? 1 : -1;
}

/* Is the nearest non-blank line on side |dir| of line |i| inside [a, b]
 * a Latin line? */
static int
latin_beside(const struct decoder *dc, size_t a, size_t b, size_t i, int dir)
{
	size_t k = i;

	for (;;) {
		if ((dir < 0 && k == a) || (dir > 0 && k == b))
			return 0;
		k = dir < 0 ? k - 1 : k + 1;
		if (dc->lines[k].kind != K_BLANK)
			return latin_line(dc, k) == 1;
	}
}

void
safi_bp_drop_latin_lines(struct decoder *dc, size_t a, size_t b)
{
	size_t i, k, body = 0;

	for (i = a; i <= b; i++)
		if (dc->lines[i].keep == 1 && dc->lines[i].reason == R_BODY) {
			if (latin_line(dc, i) != -1)
				return;
			body++;
		}
	if (body < LATIN_BODY)
		return;
	for (i = a; i <= b; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->keep != 1 || (ln->flags & L_BULLET) ||
		    (ln->reason != R_TEXT && ln->reason != R_HEADING && ln->reason != R_SHORT_RUN) ||
		    latin_line(dc, i) != 1 || latin_beside(dc, a, b, i, -1) ||
		    latin_beside(dc, a, b, i, 1))
			continue;
		ln->keep = 0;
		ln->reason = R_WIDGET;
		for (k = i + 1; k <= b && (dc->lines[k].kind == K_BLANK ||
		    (dc->lines[k].keep == 1 && dc->lines[k].kind == K_BAD &&
		    dc->lines[k].reason == R_SHORT_RUN)); k++)
			if (dc->lines[k].kind != K_BLANK) {
				dc->lines[k].keep = 0;
				dc->lines[k].reason = R_WIDGET;
			}
	}
}

/*
 * A box of links inside the article: a line that is a link's label and
 * nothing else ("Related", "Read more:"), with a body
 * paragraph above it, over one to LINK_ITEMS short lines that end no
 * sentence, below which the article goes on in a body paragraph.  The
 * short lines are the headlines of other stories, not subheadings: a
 * subheading follows a paragraph, not a link's label.  A byline or a
 * credit over a subheading ("By Jo Kent", "Source: Reuters") starts with
 * a phrase but goes on with a name, so the label is a whole phrase of the
 * lexicon; a subheading of one or two words under an advertisement's label
 * ("Ingredients") is too short for a headline, and a speaker's line that
 * ends in a comma ("The ferry captain said,") leads into the paragraph
 * below it; list items, numbered or bulleted, are left to the list stages.
 * The box ends above a line that a blank line sets apart from the line
 * above it and none from the body paragraph below it: a subheading sits
 * on its section, and the article goes on under it.  Below two headlines
 * glued into one block, or one headline glued to the label, a line set
 * apart on both sides ends it too: a page that sets every block apart
 * prints the article's subheading so, under a box that glues its links
 * together.  A single line under the label that heads a section of the
 * article (heads_section(): two body paragraphs under it), in an article
 * that sets a subheading of that shape between its paragraphs elsewhere
 * (sets_subheadings()), is the article's next subheading under an
 * advertisement's label ("Advertisement", then "What the tests found"),
 * whatever the page's blank lines.  A teaser's headline under its "Read
 * more" stands over one summary, not a section, and an article without
 * subheadings leaves a lone link under a label to the box.
 */
#define LINK_ITEMS 4
#define LINK_ITEM_MIN 3
#define LINK_ITEM_WORDS 14
#define LINK_LABEL_WORDS 3
#define SUBHEADING_WORDS 8  /* most words of a subheading under an ad's label */

/* Is line |i| a phrase of the lexicon as a whole, of LINK_LABEL_WORDS
 * words at most? */
static int
whole_phrase(const struct decoder *dc, size_t i)
{
	struct bp_scan scan, *s = &scan;
	uint64_t ph = BP_SEQ_SEED;
	unsigned k;

	safi_bp_scan_line(dc->lx, dc->text + dc->lines[i].off, dc->lines[i].len, s);
	if (s->ntok == 0 || s->ntok != s->words || s->ntok > LINK_LABEL_WORDS ||
	    !(s->tok_flags[0] & W_PFIRST))
		return 0;
	for (k = 0; k < s->ntok; k++)
		ph = safi_bp_seq_step(ph, s->tok_hash[k]);
	return ((uint32_t)safi_bp_map_get(&dc->lx->words, safi_bp_key(ph)) & W_EXACT) != 0;
}

static int
link_label(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind == K_BAD && ln->reason == R_PHRASE && ln->keep != 1 &&
	    !(ln->flags & (L_BULLET | L_DIGITS)) && whole_phrase(dc, i);
}

/* Does line |i| end in a colon over the kept text it introduces: a list
 * item or a body paragraph right below it, blank lines aside ("Three steps
 * would help:" over "1. ...")?  A label inside a box of links ("More from
 * the site:") stands over another headline. */
static int
introduces(const struct decoder *dc, size_t i)
{
	size_t j = next_line(dc, i);

	return (dc->lines[i].flags & L_COLON) && j < dc->nlines && dc->lines[j].keep == 1 &&
	    ((dc->lines[j].flags & L_BULLET) || dc->lines[j].reason == R_BODY);
}

static int
link_item(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->keep == 1 && ln->reason != R_BODY && ln->reason != R_TITLE &&
	    ln->reason != R_STANDFIRST && ln->words >= LINK_ITEM_MIN && ln->words <= LINK_ITEM_WORDS &&
	    !(ln->flags & (L_TERM | L_BULLET)) && !safi_bp_ends_in_comma(dc, i) &&
	    !safi_bp_number_opening(dc, i, ".)") && !introduces(dc, i);
}

/* Does line |i| of the zone [.., b] stand apart from the line above it
 * and right on top of a kept body paragraph that ends a sentence, as a
 * subheading does (blank lines between them too, when the box's last
 * two headlines are |glued|)?  A source note under a link ("More
 * information: ... DOI: 10.1000/xyz") ends in none. */
static int
heads_paragraph(const struct decoder *dc, size_t i, size_t b, int glued)
{
	size_t j = i + 1;

	if (i == 0 || i >= b || dc->lines[i - 1].kind != K_BLANK)
		return 0;
	if (dc->lines[j].kind == K_BLANK && (!glued || (j = next_line(dc, i)) > b))
		return 0;
	return dc->lines[j].keep == 1 && dc->lines[j].reason == R_BODY &&
	    (dc->lines[j].flags & L_TERM);
}

/* Is the last of the |n| items of the box under label |label| glued to
 * the line above it, the item before or the label, into one block? */
static int
glued_items(size_t label, const size_t *items, size_t n)
{
	return n >= 1 && items[n - 1] == (n >= 2 ? items[n - 2] : label) + 1;
}

/* Is a kept body paragraph the next line below line |i| of the zone
 * [.., b], blank lines aside? */
static int
body_below(const struct decoder *dc, size_t i, size_t b)
{
	size_t j = next_line(dc, i);

	return j <= b && j < dc->nlines && dc->lines[j].keep == 1 && dc->lines[j].reason == R_BODY;
}

/* Does line |i| of the zone [.., b] head a section: two kept body
 * paragraphs right below it, blank lines aside, the first ending a
 * sentence or in a colon over what it announces?  A box's links stand
 * over the next link, and a teaser's headline over its one summary. */
static int
heads_section(const struct decoder *dc, size_t i, size_t b)
{
	size_t j = next_line(dc, i);

	return body_below(dc, i, b) && (dc->lines[j].flags & (L_TERM | L_COLON)) &&
	    body_below(dc, j, b);
}

/* Does the article of the zone [a, b] set a subheading of its own
 * elsewhere than at line |skip|: a kept line of SUBHEADING_WORDS words at
 * most, short of body text, that ends no sentence and is no list item,
 * with a kept body paragraph above it, or the last line of a box the cut
 * judged inside the article (a teaser's), and heading a section
 * (heads_section())?
 * Cost: a pass over the zone. */
static int
sets_subheadings(const struct decoder *dc, size_t a, size_t b, size_t skip)
{
	size_t i, up = SIZE_MAX;

	for (i = a; i <= b && i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (i != skip && ln->keep == 1 && ln->kind != K_GOOD && ln->words <= SUBHEADING_WORDS &&
		    !(ln->flags & (L_TERM | L_BULLET)) && up != SIZE_MAX &&
		    ((dc->lines[up].keep == 1 && dc->lines[up].reason == R_BODY) ||
		    dc->lines[up].reason == R_TEASER) && heads_section(dc, i, b))
			return 1;
		up = i;
	}
	return 0;
}

void
safi_bp_drop_link_boxes(struct decoder *dc, size_t a, size_t b)
{
	size_t i, above = SIZE_MAX;

	for (i = a; i <= b && i < dc->nlines; i++) {
		size_t j, n = 0, items[LINK_ITEMS], prev = above;

		if (dc->lines[i].kind == K_BLANK)
			continue;
		above = i;
		if (prev == SIZE_MAX || dc->lines[prev].keep != 1 || dc->lines[prev].reason != R_BODY ||
		    dc->lines[i].kind != K_BAD || dc->lines[i].reason != R_PHRASE)
			continue;
		for (j = next_line(dc, i); j <= b && n < LINK_ITEMS && link_item(dc, j) &&
		    !heads_paragraph(dc, j, b, glued_items(i, items, n)); j = next_line(dc, j))
			items[n++] = j;
		if (n == 0 || j > b || dc->lines[j].keep != 1 || (dc->lines[j].reason != R_BODY &&
		    !heads_paragraph(dc, j, b, glued_items(i, items, n))) ||
		    !link_label(dc, i))
			continue;
		if (n == 1 && dc->lines[items[0]].words <= SUBHEADING_WORDS &&
		    heads_section(dc, items[0], b) && sets_subheadings(dc, a, b, items[0]))
			continue;  /* the article's subheading under an ad's label */
		while (n-- > 0) {
			dc->lines[items[n]].keep = 0;
			dc->lines[items[n]].reason = R_AFTER_MARKER;
		}
	}
}

/*
 * A box of an older page laid out in a table, printed between the
 * article's paragraphs: a label in capitals that ends in a colon ("SEE
 * ALSO:", "INTERNET LINKS:", "TOP STORIES NOW:"), of SHOUT_LABEL_WORDS
 * words at most, below kept text, over a block of one to SHOUT_BOX_LINES
 * lines glued to it (no blank line between them) of SHOUT_ITEM_WORDS
 * words at most each (other stories' headlines, links, a note on them),
 * with a kept body paragraph right under the blank line below the block.
 * An article introduces its own list with a sentence or a label in lower
 * case ("The bill would require:", "Ingredients:"); a label shouted in
 * capitals names a box of the page.  The label and the block's lines go
 * as *widget*.
 *
 * Cost: a pass over the zone; each block is read once from its label.
 */
#define SHOUT_LABEL_WORDS 5
#define SHOUT_BOX_LINES 6
#define SHOUT_ITEM_WORDS 12

/* Is |ln| a label in capitals: cased letters, none of them lower case,
 * two capitals or more? */
static int
capitals_label(const struct decoder *dc, const struct bp_line *ln)
{
	if (ln->words == 0 || ln->words > SHOUT_LABEL_WORDS || !(ln->flags & L_COLON) ||
	    !(ln->flags & L_CASED) || (ln->flags & (L_LOWER | L_BULLET)))
		return 0;
	return capitals(dc, ln) >= 2;
}

void
safi_bp_drop_shouted_boxes(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j, k, above = SIZE_MAX;

	for (i = a; i <= b && i < dc->nlines; i++) {
		size_t prev = above;

		if (dc->lines[i].kind == K_BLANK)
			continue;
		above = i;
		if (prev == SIZE_MAX || dc->lines[prev].keep != 1 ||
		    !capitals_label(dc, &dc->lines[i]))
			continue;
		for (j = i + 1; j <= b && j - i <= SHOUT_BOX_LINES && dc->lines[j].kind != K_BLANK &&
		    dc->lines[j].words <= SHOUT_ITEM_WORDS && !(dc->lines[j].flags & L_COLON); j++)
			;
		if (j == i + 1 || j > b || dc->lines[j].kind != K_BLANK)
			continue;
		k = next_line(dc, j);
		if (k > b || dc->lines[k].keep != 1 || dc->lines[k].reason != R_BODY)
			continue;
		for (k = i; k < j; k++) {
			dc->lines[k].keep = 0;
			dc->lines[k].reason = R_WIDGET;
		}
		above = j - 1;
		i = j;
	}
}

/*
 * A post from a social network embedded in the article: the site prints
 * it as a block of its own, glued together with no blank line, of the
 * poster's name and handle ("@harbourtransit") or a stamp with a middle
 * dot ("4 hrs ·", "5:31 AM · Feb 2, 2026"), the post's text, and its
 * counts ("1,204 reposts 4,877 likes", "56 Likes 12 Comments").  The
 * article sets its own paragraphs apart with blank lines and writes its
 * numbers inside sentences.  A block of EMBED_LEAST to EMBED_MOST lines in
 * the zone, with a handle or a middle dot in one of its lines and either a
 * count row (safi_bp_count_row()) among its last two lines, or a line kept
 * as a short run and a stamp with a middle dot (a post printed with no
 * counts: its name or stamp is kept only as the short lines between kept
 * text and a body paragraph; the article's own runs, a table or a list's
 * steps, carry no such stamp, and a list of accounts or a quoted post
 * under its handle alone stays), is such a post: its kept lines go as
 * *widget*.
 *
 * Cost: a pass over the zone's lines; the bytes of the last two lines of
 * each short block, and of its lines for a mark when it holds a count row
 * or a short run, are read once.
 */
#define EMBED_LEAST 3
#define EMBED_MOST 7
#define COUNT_PAIRS 2   /* pairs of a count row, at least */
#define COUNT_MOST 5    /* and at most */

/* Is p[0, len) a count row: COUNT_PAIRS to COUNT_MOST pairs of a number
 * ("880", "1,204", "1.2K") and a word with no digit ("Likes"), and
 * nothing else? */
int
safi_bp_count_row(const char *p, size_t len)
{
	size_t k = 0, pairs = 0;

	for (;;) {
		size_t s;

		while (k < len && p[k] == ' ')
			k++;
		if (k == len)
			break;
		/* the number */
		if (p[k] < '0' || p[k] > '9')
			return 0;
		while (k < len && ((p[k] >= '0' && p[k] <= '9') || p[k] == ',' || p[k] == '.'))
			k++;
		if (k < len && (p[k] == 'K' || p[k] == 'k' || p[k] == 'M' || p[k] == 'm'))
			k++;
		if (k == len || p[k] != ' ')
			return 0;
		while (k < len && p[k] == ' ')
			k++;
		/* the word */
		for (s = k; k < len && p[k] != ' '; k++)
			if (p[k] >= '0' && p[k] <= '9')
				return 0;
		if (k == s || ++pairs > COUNT_MOST)
			return 0;
	}
	return pairs >= COUNT_PAIRS;
}

int
safi_bp_middle_dot(const char *p, size_t len)
{
	const unsigned char *q = (const unsigned char *)p;
	size_t k;

	for (k = 0; k + 1 < len; k++)
		if (q[k] == 0xC2 && q[k + 1] == 0xB7)
			return 1;
	return 0;
}

/* Does p[0, len) hold a handle ("@name": an at sign at a word's start,
 * before a letter or a digit) or a middle dot (U+00B7)? */
int
safi_bp_handle_or_dot(const char *p, size_t len)
{
	const unsigned char *q = (const unsigned char *)p;
	size_t k;

	if (safi_bp_middle_dot(p, len))
		return 1;
	for (k = 0; k + 1 < len; k++) {
		if (q[k] == '@' && (k == 0 || q[k - 1] == ' ' || q[k - 1] == '(') &&
		    ((q[k + 1] | 0x20) >= 'a' && (q[k + 1] | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

void
safi_bp_drop_embedded_posts(struct decoder *dc, size_t a, size_t b)
{
	size_t i = a, s, e, k;

	while (i <= b && i < dc->nlines) {
		int kept = 0, marked = 0, counted, run = 0;

		if (dc->lines[i].kind == K_BLANK) {
			i++;
			continue;
		}
		for (s = i; i <= b && i < dc->nlines && dc->lines[i].kind != K_BLANK; i++)
			;
		e = i;  /* the block is [s, e) */
		if (e - s < EMBED_LEAST || e - s > EMBED_MOST ||
		    (s > 0 && dc->lines[s - 1].kind != K_BLANK) ||
		    (e < dc->nlines && dc->lines[e].kind != K_BLANK))
			continue;
		counted = safi_bp_count_row(dc->text + dc->lines[e - 1].off, dc->lines[e - 1].len) ||
		    safi_bp_count_row(dc->text + dc->lines[e - 2].off, dc->lines[e - 2].len);
		for (k = s; k < e; k++) {
			kept |= dc->lines[k].keep == 1;
			run |= dc->lines[k].keep == 1 && dc->lines[k].reason == R_SHORT_RUN;
		}
		if (!kept || !(counted || run))
			continue;
		/* With no counts, only a stamp's middle dot marks the post. */
		for (k = s; k < e && !marked; k++)
			marked = counted ? safi_bp_handle_or_dot(dc->text + dc->lines[k].off, dc->lines[k].len) :
			    safi_bp_middle_dot(dc->text + dc->lines[k].off, dc->lines[k].len);
		if (!marked)
			continue;
		for (k = s; k < e; k++)
			if (dc->lines[k].keep == 1) {
				dc->lines[k].keep = 0;
				dc->lines[k].reason = R_WIDGET;
			}
	}
}
