/*
 * boilerplate_phrases.c - the lexicon: stop words and boilerplate phrases,
 * folded and split into words as the lines are, in one table; and the
 * phrase matching of one line.
 *
 * A word's entry holds a bit for each language whose stop word it is and
 * the flags of the phrases it is (W_*); a phrase of several words is keyed
 * by the hash of its folded words in order.  The first word of a phrase
 * carries a flag of its own, so that a line whose first word starts no
 * phrase is not hashed any further.
 */
#include <stddef.h>
#include <string.h>

#include "boilerplate_stages.h"
#include "safi/data.h"
#include "safi/error.h"

#define PHRASE_LINE_WORDS 32 /* lines longer than this are never phrases */
#define CONTAINS_WORDS 25
#define PREFIX_EXTRA 6
#define MARKER_EXTRA 4
#define LABEL_WORDS 6        /* a label over a box, at most, with its argument */
/* The step that makes a marker's first word the key of a marker head. */
#define MARKER_HEAD 0x6a09e667f3bcc909ull
#define MAX_PHRASE_TOKENS 12

/* ---- matching ---------------------------------------------------------- */

/*
 * Does the line hold a number no date holds: a count in thousands with a
 * separator ("17,214", "1,250,000"), four or more numbers joined by
 * hyphens ("4-2-3-1", a team's formation) or three of one digit joined by
 * hyphens or full stops ("3-5-2", a release's "4.8.0": a date has a year
 * of two digits or four), or a signed percentage ("-2.7%", "+3.1٪": a
 * change in a market's table)?  A line of a figure is a field of a record,
 * of a match report or of a market's table, a release's version a heading
 * of its notes, not a date stamp.  A share without a sign ("Python 97.8%")
 * is left to the date test: it is a row of a sidebar's statistics as
 * often.
 */
/* Does the number whose last digits start at |from| in |p| carry a sign,
 * "+", "-" or the minus sign U+2212, before its first digit ("-2.7")? */
static int
signed_number(const char *p, size_t from)
{
	const unsigned char *u = (const unsigned char *)p;

	while (from > 0 && ((u[from - 1] >= '0' && u[from - 1] <= '9') || u[from - 1] == '.' ||
	    u[from - 1] == ','))
		from--;
	return (from >= 1 && (u[from - 1] == '+' || u[from - 1] == '-')) ||
	    (from >= 3 && u[from - 3] == 0xE2 && u[from - 2] == 0x88 && u[from - 1] == 0x92);
}

static int
counted(const char *p, size_t len)
{
	size_t i, from, parts = 0;
	int wide = 0, dotted = 0;  /* a part of two digits or more; a full stop */

	for (i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9') {
			parts = 0;
			wide = 0;
			dotted = 0;
			continue;
		}
		for (from = i; i < len && p[i] >= '0' && p[i] <= '9'; i++)
			;
		wide |= i - from > 1;
		if (i < len && (p[i] == '%' ||
		    (i + 1 < len && (unsigned char)p[i] == 0xD9 && (unsigned char)p[i + 1] == 0xAA)) &&
		    signed_number(p, from))
			return 1;  /* "%" or the Arabic percent sign, U+066A */
		if (i + 4 <= len && p[i] == ',' && p[i + 1] >= '0' && p[i + 1] <= '9' &&
		    p[i + 2] >= '0' && p[i + 2] <= '9' && p[i + 3] >= '0' && p[i + 3] <= '9' &&
		    (i + 4 == len || p[i + 4] < '0' || p[i + 4] > '9'))
			return 1;
		if (i < len && (p[i] == '-' || p[i] == '.') && i + 1 < len && p[i + 1] >= '0' &&
		    p[i + 1] <= '9') {
			dotted |= p[i] == '.';
			if (++parts >= 3 && !dotted)
				return 1;
		} else {
			/* "3-5-2": three numbers of one digit, no year. */
			if (parts == 2 && !wide)
				return 1;
			parts = 0;
			wide = 0;
			dotted = 0;
		}
	}
	return 0;
}

/*
 * Does the line open with a quantity of a fraction, "1/2 onion", "3/4 cup
 * flour", "1 1/2 tsp salt": a numerator of one digit below a denominator
 * of 2, 3, 4 or 8 and a word that is no date's (a month, a weekday) right
 * after it?  An ingredient of a recipe, not a day and a month.
 */
static int
fraction(const struct bp_scan *s, const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t t = 0, i;

	/* The whole number of "1 1/2". */
	if (s->ntok > 3 && s->tok_num[0] && s->tok_rawend[0] - s->tok_raw[0] == 1 &&
	    s->tok_raw[1] == s->tok_rawend[0] + 1)
		t = 1;
	if (s->ntok < t + 3 || !s->tok_num[t] || (s->tok_flags[t + 2] & W_DATE))
		return 0;
	i = s->tok_raw[t];
	if (i + 4 > len || u[i + 1] != '/' || u[i + 3] != ' ' || u[i + 2] < '2' || u[i + 2] > '8' ||
	    u[i] < '1' || u[i] >= u[i + 2])
		return 0;
	return u[i + 2] == '2' || u[i + 2] == '3' || u[i + 2] == '4' || u[i + 2] == '8';
}

/*
 * Do tokens |t| and |t| + 1 spell a time of day's mark with points, "a.m."
 * or "p.m." (any case)?  The scanner splits it into two words of a letter
 * each, neither a date word of its own as "am" and "pm" are: "9:40 p.m."
 * is a time alone as "9:40 pm" is.
 */
static int
dotted_meridiem(const struct bp_scan *s, const char *p, size_t len, unsigned t)
{
	size_t i;

	if (t + 1 >= s->ntok || s->tok_rawend[t] - s->tok_raw[t] != 1 ||
	    s->tok_rawend[t + 1] - s->tok_raw[t + 1] != 1)
		return 0;
	i = s->tok_raw[t];
	return i + 3 <= len && s->tok_raw[t + 1] == i + 2 && ((p[i] | 0x20) == 'a' ||
	    (p[i] | 0x20) == 'p') && p[i + 1] == '.' && (p[i + 2] | 0x20) == 'm';
}

/* Does a label end at |at|: "Share:", "分享：", "شاهد..", "Watch…"? */
static int
label_after(const char *p, size_t len, size_t at)
{
	if (at >= len)
		return 0;
	if (p[at] == ':')
		return 1;
	if (at + 2 < len && memcmp(p + at, "\xEF\xBC\x9A", 3) == 0)
		return 1;  /* the full-width colon of Chinese and Japanese */
	if (at + 1 < len && p[at] == '.' && p[at + 1] == '.')
		return 1;
	return at + 2 < len && memcmp(p + at, "\xE2\x80\xA6", 3) == 0;  /* … */
}

/* Does the word ending at |at| go on past a hyphen into another word
 * ("on" in "on-call", "log" in "log-in")?  A phrase the line opens with
 * ends at the end of a word, not inside a compound: "Share on-call
 * duties" is no "Share on" button. */
static int
compound_at(const char *p, size_t len, size_t at)
{
	return at + 1 < len && p[at] == '-' && ((unsigned char)p[at + 1] >= 0x80 ||
	    ((p[at + 1] | 0x20) >= 'a' && (p[at + 1] | 0x20) <= 'z'));
}

/* A marker line; one with a number ("44 comments") is a counter. */
static int
marker(const struct bp_scan *s, uint16_t *flags)
{
	unsigned t;

	*flags |= L_MARKER;
	for (t = 0; t < s->ntok; t++)
		if (s->tok_num[t])
			*flags |= L_COUNTER;
	return R_MARKER;
}

/*
 * A marker that carries an argument: a label of a few words that ends in
 * a colon and opens with a marker's first word ("More <section> stories
 * from <site>:", "Related on <site>:"), or a marker of two words turned
 * round over a stop word and what it names ("Posts related to <a
 * title>").  The lines below it are other stories, as a marker's are.
 */
static int
argued_marker(const struct bp_lexicon *lx, const struct bp_scan *s)
{
	uint64_t h = safi_bp_seq_step(BP_SEQ_SEED, s->tok_hash[0]);
	unsigned j;

	if ((s->flags & L_COLON) && s->words >= 2 && s->words <= LABEL_WORDS &&
	    (s->tok_flags[0] & W_PFIRST)) {
		/* The marker's own words with the argument between them. */
		for (j = 2; j <= 3 && j < s->ntok; j++)
			if (safi_bp_lexicon_token(lx, safi_bp_seq_step(h, s->tok_hash[j]), 0) &
			    (W_MARKER | W_MARKER_PREFIX))
				return 1;
		/* A marker's first word that is a label by itself. */
		if ((safi_bp_lexicon_token(lx, h, 0) & W_EXACT) &&
		    (safi_bp_lexicon_token(lx, safi_bp_seq_step(h, MARKER_HEAD), 0) & W_MARKER))
			return 1;
	}
	if (s->ntok < 3 || (s->flags & L_TERM) || !(s->tok_flags[1] & W_PFIRST) ||
	    !(s->tok_flags[2] & W_LANGS))
		return 0;
	h = safi_bp_seq_step(safi_bp_seq_step(BP_SEQ_SEED, s->tok_hash[1]), s->tok_hash[0]);
	return (safi_bp_lexicon_token(lx, h, 0) & W_MARKER) != 0;
}

/*
 * Does the line name a length of time under a label of its own, "Prep 15
 * min", "Bake: 12-14 mins", "Time needed: 1-2 days": words that are no
 * numbers, then a number or a range of two, then one date word (the
 * unit) that ends the line?  The label's first word is no date word and
 * no stop word.  A recipe's or a guide's line of facts, no stamp: a stamp opens with a date word, a number or a stop
 * word ("Updated 2 hours ago", "5 min read", "vor 3 Stunden", "قبل 4
 * ساعات"), and a date ends in its day or its year.  A colon or a
 * point between the number and the unit makes a time of day ("18:30
 * hours") or a day ("am 31. Januar"), no length.
 */
static int
labelled_duration(const struct bp_scan *s, const char *p)
{
	unsigned t = 0, label, nums;
	size_t i;

	if (s->ntok < 3 || s->tok_num[0] || (s->tok_flags[0] & (W_DATE | W_LANGS)))
		return 0;
	while (t < s->ntok && !s->tok_num[t])
		t++;
	label = t;
	while (t < s->ntok && s->tok_num[t])
		t++;
	nums = t - label;
	if (label == 0 || nums < 1 || nums > 2 || t + 1 != s->ntok || !(s->tok_flags[t] & W_DATE))
		return 0;
	/* No time of day ("18:30 hours"), no day of a month ("am 31. Januar"). */
	for (i = s->tok_raw[label]; i < s->tok_raw[t]; i++)
		if (p[i] == ':' || p[i] == '.')
			return 0;
	return 1;
}

int
safi_bp_match_phrases(const struct bp_lexicon *lx, const char *p, size_t len,
                      const struct bp_scan *s, uint16_t *flags)
{
	unsigned maxk = s->ntok < MAX_PHRASE_TOKENS ? s->ntok : MAX_PHRASE_TOKENS;
	unsigned dates = 0, nums = 0, inline_at = 0, words, t, k;
	uint64_t ph = BP_SEQ_SEED;

	/* Only short lines whose every token was recorded. */
	if (s->words > PHRASE_LINE_WORDS || s->ntok != s->words || s->words == 0)
		return R_BODY;
	if (!(s->tok_flags[0] & W_PFIRST))
		maxk = 0;
	for (k = 1; k <= maxk; k++) {
		uint32_t v;
		unsigned extra = s->ntok - k;

		ph = safi_bp_seq_step(ph, s->tok_hash[k - 1]);
		v = safi_bp_lexicon_token(lx, ph, 0);  /* the filter first */

		if ((v & W_MARKER) && extra == 0)
			return marker(s, flags);
		/* "34 responses to <the title>" heads the comments,
		 * whatever the title. */
		if ((v & W_MARKER_PREFIX) && (s->tok_num[0] ||
		    (extra <= MARKER_EXTRA && !(s->flags & L_TERM))))
			return marker(s, flags);
		/* "43 comments, read them below or add one": a count
		 * that heads the comments, whatever follows it. */
		if ((v & W_MARKER) && s->tok_num[0] && k >= 2)
			return marker(s, flags);
		/* "More stories in Business", "Más noticias de Sociedad":
		 * a marker that names the section or the place its list
		 * comes from, a stop word and one capitalized word that
		 * ends the line (no label's colon after the marker). */
		if ((v & W_MARKER) && extra == 2 && (s->tok_flags[k] & W_LANGS) &&
		    p[s->tok_rawend[k - 1]] == ' ' && s->tok_rawend[k + 1] == len &&
		    safi_bp_capital_at(p, len, s->tok_raw[k + 1]))
			return marker(s, flags);
		/* "Comments" over the words of a longer marker ("Comments
		 * from our readers (9)") is that marker: the longer
		 * phrases are read on.  A line that ends a sentence is a
		 * notice ("Comments are closed."), no heading over a box. */
		if ((v & (W_MARKER | W_MARKER_PREFIX)) && extra > 0) {
			if (s->flags & L_TERM)
				return R_INLINE_MARKER;
			inline_at = k;
		}
		if (inline_at)
			continue;
		if ((v & W_EXACT) && extra == 0)
			return R_PHRASE;
		/* "Share: Facebook | X", "Related: <a title>": a widget
		 * word as a label; but a count over a sentence ("88 min:
		 * Two changes for the home side.") is a live page's
		 * update. */
		if ((v & W_EXACT) && s->words <= CONTAINS_WORDS &&
		    label_after(p, len, s->tok_rawend[k - 1]) &&
		    !(s->tok_num[0] && (s->flags & L_TERM) && extra > PREFIX_EXTRA))
			return R_PHRASE;
		/* A byline or a source ("By…", "Por…", "Von…") asks
		 * nothing: a line that opens with such a word and asks
		 * is a question ("¿Por qué cambia la hora?"), unless
		 * the word is a label over a title that asks
		 * ("Previous post: Which one?"). */
		if ((v & W_PREFIX) && !compound_at(p, len, s->tok_rawend[k - 1]) &&
		    (extra <= PREFIX_EXTRA ||
		    (extra <= 2 * PREFIX_EXTRA && !(s->flags & L_TERM))) &&
		    (extra == 0 || !safi_bp_asks(p, len) ||
		    label_after(p, len, s->tok_rawend[k - 1])))
			return R_PHRASE;
	}
	if (inline_at)
		return R_INLINE_MARKER;
	if (argued_marker(lx, s))
		return marker(s, flags);
	/* ~phrases anywhere in the line: windows of up to 6 words from
	 * every word that starts one. */
	if (s->words <= CONTAINS_WORDS) {
		for (t = 0; t < s->ntok; t++) {
			uint64_t ch = BP_SEQ_SEED;

			if (!(s->tok_flags[t] & W_CFIRST))
				continue;
			for (k = t + 1; k <= s->ntok && k - t <= 6; k++) {
				ch = safi_bp_seq_step(ch, s->tok_hash[k - 1]);
				if (safi_bp_lexicon_token(lx, ch, 0) & W_CONTAINS)
					return R_PHRASE;
			}
		}
	}
	/* "Facebook X WhatsApp Email": a row of widget words. */
	if (s->words >= 2 && s->words <= 8) {
		unsigned widgets = 0;

		for (t = 0; t < s->ntok; t++)
			widgets += (s->tok_flags[t] & W_EXACT) != 0;
		if (widgets * 2 >= s->words && widgets >= 2)
			return R_MENU;
	}
	for (t = 0; t < s->ntok; t++) {
		if (s->tok_num[t])
			nums++, dates++;
		else if (s->tok_flags[t] & W_DATE)
			dates++;
	}
	/* "9:40 p.m.": its mark is one date word, as "pm" is, not two
	 * words of a letter each. */
	words = s->words;
	if (nums >= 1 && words <= 14 && dates * 10 < words * 6)
		for (t = 0; t + 1 < s->ntok; t++)
			if (dotted_meridiem(s, p, len, t))
				dates++, words--, t++;
	/* "name says:" above a comment. */
	if ((s->flags & L_COLON) && s->words <= 5 && (s->tok_flags[s->ntok - 1] & W_SUFFIX))
		return R_PHRASE;
	if (s->words <= 14 && ((nums >= 1 && dates * 10 >= words * 6 && !counted(p, len) &&
	    !fraction(s, p, len) && !labelled_duration(s, p)) ||
	    (dates == s->words && s->words <= 3)))
		return R_DATE;
	return R_BODY;
}

/* The words of a relative stamp ("2 hours ago", "منذ ساعتين"), at most. */
#define RELATIVE_WORDS 4

int
safi_bp_dated(const struct bp_scan *s)
{
	unsigned t, pairs = 0, worded = 0, dates = 0;

	/* A relative stamp ("2 hours ago", "vor 3 Stunden", "منذ ساعتين")
	 * names no date to pair: a line of a few words, all date words but
	 * one number at most, that ends in a date word, the unit or "ago";
	 * a date ends in its day or year ("Posted on June 3"). */
	for (t = 0; t < s->ntok && (s->tok_num[t] || (s->tok_flags[t] & W_DATE)); t++)
		dates += !s->tok_num[t];
	if (t == s->ntok && s->ntok >= 2 && s->ntok <= RELATIVE_WORDS && dates + 1 >= s->ntok &&
	    !s->tok_num[s->ntok - 1])
		return 1;
	/* Each pair holds a number, which starts with a digit. */
	if (s->digits == 0)
		return 0;
	for (t = 1; t < s->ntok; t++) {
		int a = s->tok_num[t - 1], b = s->tok_num[t];
		int wa = !a && (s->tok_flags[t - 1] & W_DATE), wb = !b && (s->tok_flags[t] & W_DATE);

		pairs += (a && (b || wb)) || (b && wa);
		worded += (a && wb) || (b && wa);
	}
	return pairs >= 2 && worded > 0;
}

/* ---- the lexicon ------------------------------------------------------- */

/* Hash of tokens [a, b): the key of a phrase of b - a words. */
static uint64_t
hash_tokens(const struct bp_scan *s, unsigned a, unsigned b)
{
	uint64_t h = BP_SEQ_SEED;
	unsigned t;

	for (t = a; t < b; t++)
		h = safi_bp_seq_step(h, s->tok_hash[t]);
	return h;
}


int
safi_bp_lexicon_lang(const struct bp_lexicon *lx, const char *lang)
{
	int i;

	for (i = 0; i < lx->nlangs; i++)
		if (strcmp(lx->langs[i], lang) == 0)
			return i;
	return -1;
}

/* The stop bit of |lang|, given to it if it has none; -1 when all are
 * taken. */
static int
lang_add(struct bp_lexicon *lx, const char *lang)
{
	int i = safi_bp_lexicon_lang(lx, lang);

	if (i >= 0 || lx->nlangs == BP_MAXLANG)
		return i;
	lx->langs[lx->nlangs] = lang;
	if (strcmp(lang, "ar") == 0)
		lx->ar_bit = 1u << lx->nlangs;
	return lx->nlangs++;
}

/* Adds one entry of a word list with |flags|; the text is folded and split
 * into words as the lines are. */
static int
add_entry(struct bp_lexicon *lx, const char *w, size_t n, uint32_t flags)
{
	struct bp_scan scan, *s = &scan;
	uint64_t h, first, *v;
	uint32_t first_flag = 0;
	int err;

	safi_bp_scan_line(lx, w, n, s);
	if (s->ntok == 0 || s->ntok != s->words || s->ntok > MAX_PHRASE_TOKENS)
		return 0;
	h = hash_tokens(s, 0, s->ntok);
	first = hash_tokens(s, 0, 1);
	if ((err = safi_bp_map_slot(&lx->words, safi_bp_key(h), &v)) < 0)
		return err;
	*v |= flags;
	lx->word_bits[(h >> 54) & 1023] |= (uint64_t)1 << ((h >> 48) & 63);
	/* The first word carries a flag, so that lines whose words start no
	 * phrase are not hashed any further. */
	if (flags & (W_EXACT | W_PREFIX | W_MARKER | W_MARKER_PREFIX))
		first_flag = W_PFIRST;
	else if (flags & W_CONTAINS)
		first_flag = W_CFIRST;
	if (first_flag) {
		if ((err = safi_bp_map_slot(&lx->words, safi_bp_key(first), &v)) < 0)
			return err;
		*v |= first_flag;
		lx->word_bits[(first >> 54) & 1023] |= (uint64_t)1 << ((first >> 48) & 63);
	}
	/* The first word of a marker of two words or more is a marker
	 * head ("more" of "more stories"), under a key of its own. */
	if ((flags & (W_MARKER | W_MARKER_PREFIX)) && s->ntok >= 2) {
		first = safi_bp_seq_step(first, MARKER_HEAD);
		if ((err = safi_bp_map_slot(&lx->words, safi_bp_key(first), &v)) < 0)
			return err;
		*v |= W_MARKER;
		lx->word_bits[(first >> 54) & 1023] |= (uint64_t)1 << ((first >> 48) & 63);
	}
	return 0;
}

static int
add_phrase_line(struct bp_lexicon *lx, const char *w, size_t n)
{
	uint32_t flags;

	while (n > 0 && (w[n - 1] == ' ' || w[n - 1] == '\t' || w[n - 1] == '\r'))
		n--;
	if (n == 0 || w[0] == '#')
		return 0;
	if (w[0] == '>') {
		w++, n--;
		flags = W_MARKER;
		if (n > 0 && w[n - 1] == '*')
			n--, flags = W_MARKER_PREFIX;
	} else if (w[0] == '~') {
		w++, n--;
		flags = W_CONTAINS;
	} else if (w[0] == '%') {
		w++, n--;
		flags = W_DATE;
	} else if (w[0] == '@') {
		w++, n--;
		flags = W_CREDIT;
	} else if (w[0] == '&') {
		w++, n--;
		flags = W_SUFFIX;
	} else if (w[n - 1] == '*') {
		n--;
		flags = W_PREFIX;
	} else {
		flags = W_EXACT;
	}
	return add_entry(lx, w, n, flags);
}

int
safi_bp_lexicon_add_phrases(struct bp_lexicon *lx, const char *text, size_t len)
{
	size_t i = 0;
	int err;

	while (i < len) {
		size_t j = i;

		while (j < len && text[j] != '\n')
			j++;
		if ((err = add_phrase_line(lx, text + i, j - i)) < 0)
			return err;
		i = j + 1;
	}
	return 0;
}

static int
load_builtin(struct bp_lexicon *lx)
{
	const struct safi_wordlist *all;
	size_t n, i, k;
	int err;

	all = safi_data_all(&n);
	/* Stop words first: every list gets a language bit. */
	for (i = 0; i < n; i++) {
		int l;

		if (all[i].n == 0 || strcmp(all[i].kind, "stopwords") != 0)
			continue;
		if ((l = lang_add(lx, all[i].lang)) < 0)
			continue;
		for (k = 0; k < all[i].n; k++)
			if ((err = add_entry(lx, all[i].words[k], all[i].lens[k], 1u << l)) < 0)
				return err;
	}
	for (i = 0; i < n; i++) {
		if (all[i].n == 0 || strcmp(all[i].kind, "phrases") != 0)
			continue;
		for (k = 0; k < all[i].n; k++)
			if ((err = add_phrase_line(lx, all[i].words[k], all[i].lens[k])) < 0)
				return err;
	}
	return 0;
}

int
safi_bp_lexicon_init(struct bp_lexicon *lx, int no_builtin)
{
	int32_t cp;

	for (cp = 0; cp < BP_CP_TABLE; cp++) {
		lx->char_info[cp] = safi_bp_char_info(cp);
		lx->char_count[cp] = safi_bp_char_count(lx->char_info[cp]);
	}
	lx->word_pow[0] = 1;
	for (cp = 1; cp < BP_WORD_POWS; cp++)
		lx->word_pow[cp] = lx->word_pow[cp - 1] * BP_WORD_B;
	return no_builtin ? 0 : load_builtin(lx);
}

void
safi_bp_lexicon_free(struct bp_lexicon *lx)
{
	safi_bp_map_free(&lx->words);
}
