/*
 * boilerplate_lines.c - line features: each line of a page is scanned once
 * and judged by its shape alone.
 *
 * The scan counts words, letters, digits and symbols, folds the words
 * (case, Arabic marks and letter variants, digit runs) and looks each up
 * in the lexicon, which holds the stop words of every language (as a bit
 * mask) and the boilerplate phrases (as flags).  Short lines are then
 * matched against the phrases (boilerplate_phrases.c) and tested for
 * caption, credit, date, URL and byline shapes; the others are body
 * paragraphs, near paragraphs or short lines by their length and ending.
 */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "boilerplate_stages.h"
#include "safi/error.h"
#include "safi/utf8.h"

#define TOKCAP 48            /* folded bytes of a word that are compared */
/* A word takes characters while it has at most TOKCAP bytes: TOKCAP + 1
 * at most, each with its weight in bp_lexicon.word_pow. */
_Static_assert(TOKCAP + 1 <= BP_WORD_POWS, "a weight for every character a word takes");
#define CJK_WORD 3           /* Han or kana letters per word */
#define SEA_WORD 5           /* Thai, Lao or Khmer characters per word */

/* ---- characters -------------------------------------------------------- */

enum cclass { C_SPACE, C_LETTER, C_MARK, C_DIGIT, C_PUNCT };

static enum cclass
classify_cp(int32_t cp)
{
	if (cp < 0)
		return C_PUNCT;
	if (cp < 0x80) {
		if (cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f' || cp == '\r' || cp == '\n')
			return C_SPACE;
		if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
			return C_LETTER;
		if (cp >= '0' && cp <= '9')
			return C_DIGIT;
		return C_PUNCT;
	}
	if (cp >= 0x0621 && cp <= 0x064A)
		return C_LETTER;
	if (cp >= 0x064B && cp <= 0x065F)
		return C_MARK;
	if (cp >= 0x0660 && cp <= 0x0669)
		return C_DIGIT;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
		return C_LETTER;
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
		return C_MARK;
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return C_DIGIT;
	case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
		return C_SPACE;
	case UTF8PROC_CATEGORY_CF:
		return C_MARK;  /* zero-width joiners and the like: inside words */
	default:
		return C_PUNCT;
	}
}

/* Arabic block folding: the low byte of the folded code point U+06xx, or 0
 * to drop the character.  Hamza forms of alef (U+0622 U+0623 U+0625
 * U+0671) become alef, alef maqsura, yeh with hamza and Farsi yeh become
 * yeh, teh marbuta heh, waw with hamza waw, keheh kaf; harakat
 * (U+064B-U+065F), superscript alef and tatweel are dropped. */
static const uint8_t fold_arabic[256] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x20, 0x21, 0x27, 0x27, 0x48, 0x27, 0x4a, 0x27, 0x28, 0x47, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f,
	0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x3b, 0x3c, 0x3d, 0x3e, 0x3f,
	0x00, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x4a, 0x4a, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
	0x00, 0x27, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
	0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f,
	0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
	0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0x43, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
	0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf,
	0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0x4a, 0xcd, 0xce, 0xcf,
	0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde, 0xdf,
	0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee, 0xef,
	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff,
};

/* A Greek letter in lower case without its accent or diaeresis, final
 * sigma as sigma: headings in capitals drop the accents ("ΔΙΑΒΑΣΤΕ
 * ΕΠΙΣΗΣ" is "διαβάστε επίσης"). */
static int32_t
fold_greek(int32_t cp)
{
	static const struct { uint16_t from, to; } plain[] = {
		{0x386, 0x3B1}, {0x388, 0x3B5}, {0x389, 0x3B7}, {0x38A, 0x3B9}, {0x38C, 0x3BF},
		{0x38E, 0x3C5}, {0x38F, 0x3C9}, {0x390, 0x3B9}, {0x3AA, 0x3B9}, {0x3AB, 0x3C5},
		{0x3AC, 0x3B1}, {0x3AD, 0x3B5}, {0x3AE, 0x3B7}, {0x3AF, 0x3B9}, {0x3B0, 0x3C5},
		{0x3C2, 0x3C3}, {0x3CA, 0x3B9}, {0x3CB, 0x3C5}, {0x3CC, 0x3BF}, {0x3CD, 0x3C5},
		{0x3CE, 0x3C9},
	};
	size_t i;

	if (cp >= 0x391 && cp <= 0x3A9)
		return cp + 32;
	for (i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (plain[i].from == cp)
			return plain[i].to;
	return cp;
}

/* Folds a word character for comparison; returns 0 to drop it. */
static int32_t
fold_cp(int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
	if (cp >= 0x0600 && cp <= 0x06FF) {
		uint8_t f = fold_arabic[cp - 0x0600];

		return f ? 0x0600 + f : 0;
	}
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	if (cp == 0x130 || cp == 0x131)
		return 'i';  /* Turkish İ and ı: "İLETİŞİM", "YAZI" match "iletişim", "yazı" */
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
		return cp | 1;
	if (cp >= 0x139 && cp <= 0x148 && (cp & 1))
		return cp + 1;
	if (cp >= 0x179 && cp <= 0x17E && (cp & 1))
		return cp + 1;  /* Ź Ż Ž */
	if (cp == 0x1A0 || cp == 0x1AF || (cp >= 0x1EA0 && cp <= 0x1EF9 && !(cp & 1)))
		return cp + 1;  /* Vietnamese Ơ Ư and the letters with two marks */
	if (cp >= 0x386 && cp <= 0x3CE)
		return fold_greek(cp);
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	if (cp == 0x490)
		return 0x491;  /* Ukrainian Ґ */
	return cp;
}

static int
is_closer(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
	    cp == 0x2019 || cp == 0xBB || cp == 0x203A || cp == '*';
}

/* A sentence end: Latin, Arabic and Urdu, the danda and double danda of
 * Indic scripts, the Ethiopic full stop and question mark, the Armenian
 * and Myanmar full stops, CJK. */
static int
is_terminal(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x061F ||
	    cp == 0x06D4 || cp == 0x0964 || cp == 0x0965 || cp == 0x1362 || cp == 0x1367 ||
	    cp == 0x0589 || cp == 0x104B || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

static int
is_clitic(int32_t cp)
{
	return cp == 0x0648 || cp == 0x0641 || cp == 0x0628 || cp == 0x0644 || cp == 0x0643;
}

/* What the scanner needs to know of a character, in one word: its class;
 * whether it is a letter, of the Arabic or the Latin script (the letters
 * counted to pick a document's script); and for a letter or a mark, its
 * folded form: the length in UTF-8 (0: dropped) and the code point. */
#define I_CLASS 7u
#define I_ARABIC 8u
#define I_LATIN 16u
#define I_LETTER 32u
#define I_FOLD_LEN(e) (((e) >> 8) & 7u)
#define I_FOLD_CP(e) ((int32_t)((e) >> 11))
#define I_DIGIT_FOLD (1u << 8 | (uint32_t)'0' << 11)  /* a number folds to "0" */

uint32_t
safi_bp_char_info(int32_t cp)
{
	enum cclass c = classify_cp(cp);
	uint32_t e = c;
	int32_t f;

	if (c == C_LETTER) {
		e |= I_LETTER;
		if (cp >= 0x0600 && cp <= 0x06FF)
			e |= I_ARABIC;
		else if (cp < 0x250)
			e |= I_LATIN;
	}
	if ((c != C_LETTER && c != C_MARK) || (f = fold_cp(cp)) == 0)
		return e;
	return e | (uint32_t)(f < 0x80 ? 1 : f < 0x800 ? 2 : f < 0x10000 ? 3 : 4) << 8 |
	    (uint32_t)f << 11;
}

/* ---- one line ---------------------------------------------------------- */

/* Eight bytes at a time, the last few with their count. */
uint64_t
safi_bp_line_fingerprint(const char *p, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ull;
	size_t i = 0;

	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	if (i < len) {
		uint64_t w = 0;

		memcpy(&w, p + i, len - i);
		h = (h ^ w ^ ((uint64_t)(len - i) << 56)) * 0xc4ceb9fe1a85ec53ull;
		h ^= h >> 29;
	}
	return safi_bp_key(h);
}

/* The characters safi_bp_next_cp() leaves out: three-byte forms and what
 * safi_utf8_decode() reads.  Out of line, so that the loop over the
 * letters of a word keeps its registers. */
__attribute__((noinline)) struct bp_cp_len
safi_bp_next_cp_rare(const char *p, size_t i, size_t len)
{
	unsigned char b = (unsigned char)p[i];
	struct bp_cp_len r;
	size_t m;

	if (b >= 0xE1 && b <= 0xEC && i + 2 < len &&
	    ((unsigned char)p[i + 1] & 0xC0) == 0x80 && ((unsigned char)p[i + 2] & 0xC0) == 0x80) {
		r.cp = (int32_t)((b & 0x0F) << 12 | ((unsigned char)p[i + 1] & 0x3F) << 6 |
		    ((unsigned char)p[i + 2] & 0x3F));
		r.n = 3;
		return r;
	}
	r.cp = safi_utf8_decode(p + i, len - i, &m);
	r.n = m ? (uint32_t)m : 1;  /* at most 4 */
	return r;
}

static inline uint32_t
info_of(const uint32_t *table, int32_t cp)
{
	return cp >= 0 && cp < BP_CP_TABLE ? table[cp] : safi_bp_char_info(cp);
}

/*
 * What a character of a word counts, by its class and its I_ARABIC,
 * I_LATIN and I_LETTER bits (info & 63): digits in bits 0-15, letters in
 * bits 16-31, Arabic letters in bits 32-47, Latin letters from bit 48.
 * They are added up in one word and taken out at least every COUNT_SPAN
 * bytes, before a field can overflow.
 */
#define COUNT_SPAN ((size_t)1 << 15)

#define COUNT(i) ((uint64_t)(((i) & I_CLASS) == C_DIGIT) | \
    (uint64_t)(((i) & I_LETTER) != 0) << 16 | (uint64_t)(((i) & I_ARABIC) != 0) << 32 | \
    (uint64_t)(((i) & I_LATIN) != 0) << 48)
#define COUNT8(i) COUNT(i), COUNT(i + 1), COUNT(i + 2), COUNT(i + 3), COUNT(i + 4), \
    COUNT(i + 5), COUNT(i + 6), COUNT(i + 7)

static const uint64_t count_table[64] = {
	COUNT8(0), COUNT8(8), COUNT8(16), COUNT8(24), COUNT8(32), COUNT8(40), COUNT8(48), COUNT8(56),
};
#undef COUNT8
#undef COUNT

/* A word read by safi_bp_scan_line().  Of its folded characters
 * (|cps|), those within its first TOKCAP bytes go into the hash
 * polynomial; the |refused| ones make it too long for any list.
 *
 * A character folds to no more bytes than it has (safi_bp_char_info()),
 * so every one that starts within TOKCAP raw bytes of the word's start is
 * taken, and its folded bytes need no count.  The few words that go on
 * past them count their folded bytes (|wlen|) from there on: see
 * take_far_char(). */
struct word {
	uint64_t poly;       /* hash polynomial of the characters taken */
	int32_t first;       /* the first folded character, or -1: not known yet */
	unsigned cps;        /* folded characters */
	unsigned refused;    /* of them, those beyond TOKCAP bytes */
	unsigned wlen;       /* folded bytes taken, or WLEN_UNCOUNTED */
	int digit_run;       /* the last character read was a digit */
	uint32_t start;      /* raw offset in the line */
};

#define WLEN_UNCOUNTED UINT_MAX  /* word.wlen of a word read no further than TOKCAP bytes */

/* The first folded character of the word at raw offset |start|, which
 * has one: read again here, for the few words whose first character
 * folds to nothing, rather than looked for at every character. */
static int32_t
first_folded(const uint32_t *table, const char *p, size_t len, size_t start)
{
	size_t i = start, n;

	for (;; i += n) {
		uint32_t e = info_of(table, safi_bp_next_cp(p, i, len, &n));

		if ((e & I_CLASS) == C_DIGIT)
			return '0';  /* a number folds to "0" */
		if (I_FOLD_LEN(e) != 0)
			return I_FOLD_CP(e);
	}
}

uint64_t
safi_bp_stem_key(const struct bp_lexicon *lx, const char *p, size_t a, size_t b)
{
	uint64_t poly = 0;
	unsigned taken = 0;
	size_t n;

	for (; a < b && taken < BP_STEM; a += n) {
		uint32_t e = info_of(lx->char_info, safi_bp_next_cp(p, a, b, &n));

		if (I_FOLD_LEN(e) != 0) {
			poly = poly * BP_WORD_B + (uint64_t)I_FOLD_CP(e);
			taken++;
		}
	}
	/* not the key of a whole word of as many letters */
	return safi_bp_key(safi_bp_word_hash(poly, taken) ^ 0x5bd1e995u);
}

/* Counts the word that ends at raw offset |end| and records it. */
static void
end_word(const struct bp_lexicon *lx, struct bp_scan *s, const char *p, size_t len,
         const struct word *w, size_t end)
{
	unsigned taken = w->cps - w->refused;
	int too_long = w->refused > 0;
	/* Words longer than TOKCAP are in no list: no look-up. */
	uint64_t th = safi_bp_word_hash(w->poly, taken) ^ (uint64_t)too_long;
	int32_t first = w->first;
	uint32_t v = 0;

	if (first < 0 && w->cps > 0)
		first = first_folded(lx->char_info, p, len, w->start);
	if (!too_long && w->cps > 0) {
		uint64_t h2 = 0;

		/* B^(taken-1) is the weight of the first character. */
		if (w->cps >= 3 && is_clitic(first))
			h2 = safi_bp_seq_step(BP_SEQ_SEED, safi_bp_word_hash(w->poly -
			    (uint64_t)first * lx->word_pow[taken - 1], taken - 1));
		v = safi_bp_lexicon_token(lx, safi_bp_seq_step(BP_SEQ_SEED, th), h2);
		if (v & W_LANGS) {
			unsigned bits = v & W_LANGS;

			s->langs |= bits;
			/* the languages whose stop word it is, one bit each */
			for (; bits; bits &= bits - 1)
				s->stop[__builtin_ctz(bits)]++;
		} else if (v & W_EXACT) {
			s->flags |= L_WIDGET_WORD;
		}
	}
	if (s->ntok < BP_MAXTOK) {
		s->tok_hash[s->ntok] = th;
		/* "2019", "14h", "3rd": a word that starts with a digit. */
		s->tok_num[s->ntok] = first == '0';
		s->tok_raw[s->ntok] = w->start;
		s->tok_rawend[s->ntok] = (uint32_t)end;
		s->tok_flags[s->ntok] = v;
		s->ntok++;
	}
	s->words++;
}

uint64_t
safi_bp_char_count(uint32_t info)
{
	return count_table[info & 63];
}

/* The folded form, as information with I_FOLD_LEN() and I_FOLD_CP(), of
 * a word character of information |e| that follows the characters of
 * |w|, or 0 for one dropped.  The usual one, a letter that folds, is
 * itself, with the fewest tests: a digit has no folded form in the table
 * (safi_bp_char_info()), its run folds to one "0". */
static inline uint32_t
fold_next(struct word *w, uint32_t e)
{
	if (I_FOLD_LEN(e) == 0) {
		int digit = (e & I_CLASS) == C_DIGIT;

		if (!digit || w->digit_run) {
			w->digit_run = digit;
			return 0;
		}
		w->digit_run = 1;
		return I_DIGIT_FOLD;
	}
	w->digit_run = 0;
	return e;
}

/* Adds a word character of information |e| that starts within TOKCAP
 * bytes of the word's start to |w| (its counts are the caller's to add). */
static inline void
take_char(struct word *w, uint32_t e)
{
	if ((e = fold_next(w, e)) == 0)
		return;
	w->cps++;
	w->poly = w->poly * BP_WORD_B + (uint64_t)I_FOLD_CP(e);
}

/* The folded bytes of the word characters p[start, end), as take_char()
 * takes them. */
static unsigned
folded_bytes(const uint32_t *table, const char *p, size_t start, size_t end)
{
	struct word w = { .digit_run = 0 };
	unsigned bytes = 0;
	size_t i, n;

	for (i = start; i < end; i += n)
		bytes += I_FOLD_LEN(fold_next(&w, info_of(table, safi_bp_next_cp(p, i, end, &n))));
	return bytes;
}

/* Word |w| with the word character of information |e| at raw offset |i|,
 * more than TOKCAP bytes after the word's start: it is taken while the
 * folded bytes before it are at most TOKCAP, and refused after.  Out of
 * line, and the word passed by value, so that the loop over the letters
 * of a word keeps it in registers: few words are that long. */
__attribute__((noinline)) static struct word
take_far_char(const uint32_t *table, const char *p, struct word w, uint32_t e, size_t i)
{
	if (w.wlen == WLEN_UNCOUNTED)
		w.wlen = folded_bytes(table, p, w.start, i);
	if ((e = fold_next(&w, e)) == 0)
		return w;
	w.cps++;
	if (w.wlen <= TOKCAP) {
		w.poly = w.poly * BP_WORD_B + (uint64_t)I_FOLD_CP(e);
		w.wlen += I_FOLD_LEN(e);
	} else {
		w.refused++;
	}
	return w;
}

/*
 * Reads the characters of word |w| from p[i] on while they are ASCII or
 * of two bytes, up to the first that is no part of a word, up to the last
 * byte before |stop| or up to TOKCAP bytes after the word's start, and
 * returns where it stopped.  At a blank or a symbol, it leaves that
 * character's code point, information and bytes in *cp, *e and *n;
 * anywhere else, a word's class in *e, for safi_bp_scan_line() to read
 * the character there.
 *
 * Most words are read here alone.  The loop calls no function, for the
 * rarer characters, so that the word's state stays in registers: with a
 * call in it, the compiler kept the state on the stack, and each
 * character waited for a store and a load.  It stops a byte early so that
 * the two bytes of a character can be read without a test of the line's
 * end.
 */
static inline size_t
read_word(const struct bp_lexicon *lx, const char *p, size_t i, size_t stop, struct word *w,
          uint64_t *counts, int32_t *cp, uint32_t *e, size_t *n)
{
	struct word t = *w;
	uint64_t cnt = *counts;
	size_t end = stop - 1 < t.start + TOKCAP + 1 ? stop - 1 : t.start + TOKCAP + 1;

	*e = C_LETTER;
	while (i < end) {
		unsigned b = (unsigned char)p[i], b1 = (unsigned char)p[i + 1];
		unsigned c = b;
		uint32_t info;
		size_t m = 1;

		if (b >= 0x80) {
			if (b - 0xC2 > 0xDF - 0xC2 || b1 - 0x80 >= 0x40)
				break;
			/* as in safi_bp_next_cp_short() */
			c = (b << 6) + b1 - 0x3080;
			m = 2;
		}
		info = lx->char_info[c];
		if ((info & I_CLASS) == C_SPACE || (info & I_CLASS) == C_PUNCT) {
			*cp = (int32_t)c;
			*e = info;
			*n = m;
			break;
		}
		/* by the code point: one step less than by |info| */
		cnt += lx->char_count[c];
		take_char(&t, info);
		i += m;
	}
	*w = t;
	*counts = cnt;
	return i;
}

/* Counts symbol |cp| of |n| bytes at p[i] of the line p[0, len) in |s|,
 * and notes a bullet that leads the line (|lead|: nothing before it), a
 * copyright sign and a separator between menu items.  Out of line, so
 * that the loop over the line keeps its registers for the words. */
__attribute__((noinline)) static void
note_symbol(struct bp_scan *s, const char *p, size_t len, size_t i, size_t n, int32_t cp,
            int lead)
{
	s->symbols++;
	if (lead && (cp == 0x2022 || cp == 0xB7 || cp == '-' || cp == '*' || cp == 0x2013 ||
	    cp == 0x2014 || cp == 0x25AA || cp == 0x25BA || cp == 0x25CF || cp == 0x25A0) &&
	    i + n < len && (p[i + n] == ' ' || p[i + n] == '\t'))
		s->flags |= L_BULLET;
	if (cp == 0xA9)
		s->has_copyright = 1;
	if ((cp == '|' || cp == '>' || cp == 0x203A || cp == 0xBB || cp == 0xB7 || cp == 0x2022) &&
	    i > 0 && p[i - 1] == ' ' && i + n < len && p[i + n] == ' ')
		s->separators++;
}

/*
 * One pass over the line: the blanks and symbols between words here, the
 * characters of each word in read_word() and, those it leaves, here.
 */
void
safi_bp_scan_line(const struct bp_lexicon *lx, const char *p, size_t len, struct bp_scan *s)
{
	const uint32_t *table = lx->char_info;
	size_t i = 0, n = 1, stop = len < COUNT_SPAN ? len : COUNT_SPAN;
	int lead = 1;
	int32_t cp = 0, last = 0, last_nonclose = 0;
	unsigned letters = 0, arabic = 0, latin = 0, digits = 0;
	uint64_t counts = 0;  /* see count_table */
	uint32_t e = 0;
	struct word w;

#define COUNTS_OUT() (digits += (unsigned)(counts & 0xFFFF), \
    letters += (unsigned)(counts >> 16 & 0xFFFF), arabic += (unsigned)(counts >> 32 & 0xFFFF), \
    latin += (unsigned)(counts >> 48), counts = 0)

	memset(s, 0, offsetof(struct bp_scan, tok_hash));
	if (len > 0) {
		cp = safi_bp_next_cp(p, 0, len, &n);
		e = info_of(table, cp);
	}
	while (i < len) {
		enum cclass c = (enum cclass)(e & I_CLASS);

		if (c == C_SPACE || c == C_PUNCT) {
			if (c == C_PUNCT) {
				note_symbol(s, p, len, i, n, cp, lead);
				lead = 0;
				last = cp;
				if (!is_closer(cp))
					last_nonclose = cp;
			}
			i += n;
			if (i < len) {
				cp = safi_bp_next_cp(p, i, len, &n);
				e = info_of(table, cp);
			}
			continue;
		}
		/* A letter, a mark or a digit starts a word. */
		w.start = (uint32_t)i;
		w.poly = 0;
		w.cps = w.refused = 0;
		w.wlen = WLEN_UNCOUNTED;
		w.digit_run = 0;
		if (!s->first_cp)
			s->first_cp = cp;
		lead = 0;
		last = last_nonclose = 0;  /* a word ends no sentence and no label */
		/* The first character, read above, is taken here rather than
		 * read again; the polynomial of one character is that
		 * character. */
		counts += safi_bp_char_count(e);
		take_char(&w, e);
		w.first = w.cps > 0 ? (int32_t)w.poly : -1;
		i += n;
		for (;;) {
			i = read_word(lx, p, i, stop, &w, &counts, &cp, &e, &n);
			if ((e & I_CLASS) == C_SPACE || (e & I_CLASS) == C_PUNCT)
				break;
			if (i >= stop) {
				if (i >= len)
					break;
				/* The counts are taken out at least every COUNT_SPAN bytes. */
				COUNTS_OUT();
				stop = len - i < COUNT_SPAN ? len : i + COUNT_SPAN;
				continue;
			}
			/* What read_word() left: a character of three bytes or four, a
			 * byte of no character, one at the end of the line or cut by
			 * |stop|, or one past the word's first TOKCAP bytes. */
			cp = safi_bp_next_cp(p, i, len, &n);
			e = info_of(table, cp);
			if ((e & I_CLASS) == C_SPACE || (e & I_CLASS) == C_PUNCT)
				break;
			counts += safi_bp_char_count(e);
			if (i - w.start <= TOKCAP)
				take_char(&w, e);
			else
				w = take_far_char(table, p, w, e, i);
			i += n;
		}
		/* The end of the line or a blank or a symbol ends the word. */
		end_word(lx, s, p, len, &w, i);
	}
	COUNTS_OUT();
#undef COUNTS_OUT
	s->letters = letters;
	s->arabic = arabic;
	s->latin = latin;
	s->digits = digits;
	/* A numbered list item: "  1. text" or "1) text". */
	if (s->ntok > 0 && s->tok_raw[0] < 8 && s->tok_num[0]) {
		uint32_t end = s->tok_rawend[0];

		if (end + 1 < len && (p[end] == '.' || p[end] == ')') && p[end + 1] == ' ' && s->words > 1)
			s->flags |= L_BULLET;
	}
	if (is_terminal(last_nonclose))
		s->flags |= L_TERM;
	if (last == ':' || last == 0xFF1A)
		s->flags |= L_COLON;
	s->fp = safi_bp_line_fingerprint(p, len);
}

/* Is the token at raw offsets [a, b) one letter: one byte, or one
 * character of two? */
static int
one_letter(const char *p, size_t a, size_t b)
{
	return b - a == 1 || (b - a == 2 && (unsigned char)p[a] >= 0xC0);
}

/* Is credit token |t| more than a lone letter?  The letters of an agency's
 * initials stand together ("أ ف ب", "د ب أ"); a letter alone is a name's
 * part of its own: "فيتامين د", a grade, a section. */
static int
credit_initials(const struct bp_scan *s, const char *p, unsigned t)
{
	if (!one_letter(p, s->tok_raw[t], s->tok_rawend[t]))
		return 1;
	return (t > 0 && (s->tok_flags[t - 1] & W_CREDIT)) ||
	    (t + 1 < s->ntok && (s->tok_flags[t + 1] & W_CREDIT));
}

/*
 * Chinese and Japanese papers date a picture in its caption: the day
 * ("8日") with the place, after an equals sign ("来場者=1日、上越市") or
 * in parentheses at the caption's end ("酪農家（北海道別海町、8日）").
 * day_at() is the length of the day that starts at p[i] of p[0, end): one
 * or two digits (ASCII or full-width) and the letter 日, or 0.
 */
static size_t
day_at(const char *p, size_t end, size_t i)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t j = i, n = 0;

	for (; n < 3 && j < end; n++) {
		if (u[j] >= '0' && u[j] <= '9')
			j++;
		else if (j + 2 < end && u[j] == 0xEF && u[j + 1] == 0xBC && u[j + 2] >= 0x90 &&
		    u[j + 2] <= 0x99)
			j += 3;
		else
			break;
	}
	if (n == 0 || n > 2 || j + 2 >= end || u[j] != 0xE6 || u[j + 1] != 0x97 || u[j + 2] != 0xA5)
		return 0;
	return j + 3 - i;
}

/* Is there an ideographic comma ("、", "，") at p[i]? */
static int
list_comma(const char *p, size_t end, size_t i)
{
	const unsigned char *u = (const unsigned char *)p;

	return i + 2 < end && ((u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x81) ||
	    (u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x8C));
}

/* Does p[a, b), the text in a caption's closing parentheses, hold a day
 * and a comma (a place beside it)?  A day alone ("（ただし5月5日は開館）")
 * is a note's.  Out of line, as equals_day(), so that the line's judge
 * keeps its registers. */
__attribute__((noinline)) static int
dated_span(const char *p, size_t a, size_t b)
{
	int day = 0, comma = 0;
	size_t i;

	for (i = a; i < b; i++) {
		day |= day_at(p, b, i) != 0;
		comma |= list_comma(p, b, i);
	}
	return day && comma;
}

/* Does p[0, len) date its picture after an equals sign: "=1日、"? */
__attribute__((noinline)) static int
equals_day(const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i;

	for (i = 0; i < len; i++) {
		size_t j, d;

		if (u[i] == '=')
			j = i + 1;
		else if (i + 2 < len && u[i] == 0xEF && u[i + 1] == 0xBC && u[i + 2] == 0x9D)
			j = i + 3;
		else
			continue;
		if ((d = day_at(p, len, j)) != 0 && list_comma(p, len, j + d))
			return 1;
	}
	return 0;
}

/* Do the words on both sides of the mark at p[i] read as the sentence's
 * own, inside [a, b)?  After the mark a small ASCII letter, before it a
 * word that opens with no capital ("a new window/tab", "$60/year"); a
 * credit names its agency or photographer with capitals ("AP Photo/Jo
 * Kent") or in a script without case.  A dot joins a site's name too
 * ("(example.com)", a credit), so there the pair must also be an
 * abbreviation's, one letter before the dot ("i.e.", "p.s."), or a mail
 * address's, an "@" before it in the same word. */
static int
small_pair(const char *p, size_t a, size_t b, size_t i)
{
	size_t k = i, w;
	unsigned char c;

	while (k > a && p[k - 1] != ' ' && p[k - 1] != '(' && p[k - 1] != '/' && p[k - 1] != '.')
		k--;
	c = (unsigned char)p[k];
	if (k == i || c >= 0x80 || (c >= 'A' && c <= 'Z') || i + 1 >= b || p[i + 1] < 'a' ||
	    p[i + 1] > 'z')
		return 0;
	if (p[i] != '.' || i - k == 1)
		return 1;
	for (w = i; w > a && p[w - 1] != ' ' && p[w - 1] != '('; w--)
		if (p[w - 1] == '@')
			return 1;
	return 0;
}

/* Is the text between raw offsets [a, b) a credit: "أ.ف.ب", "AP Photo/X"?
 * A credit word of one letter counts only beside another (see
 * credit_initials()): alone it abbreviates something else, as the minute
 * of a goal in a sports report ("(د 61)").  A slash or dot between two
 * words in small letters (small_pair()) is no credit's. */
static int
credit_span(const struct bp_scan *s, const char *p, size_t a, size_t b)
{
	size_t i;
	unsigned t;

	for (i = a; i < b; i++) {
		/* "AP Photo/Jo Kent", not a fraction: "(191/365)". */
		if (p[i] == '/' && ((i > a && (unsigned char)p[i - 1] >= 'A') ||
		    (i + 1 < b && (unsigned char)p[i + 1] >= 'A')) && !small_pair(p, a, b, i))
			return 1;
		/* Dotted initials: a letter, a dot, a letter. */
		if (p[i] == '.' && i > a && i + 1 < b && (unsigned char)p[i - 1] >= 'A' &&
		    p[i - 1] != ' ' && p[i + 1] != ' ' && p[i - 1] != '.' &&
		    (unsigned char)p[i + 1] >= 'A' && !small_pair(p, a, b, i))
			return 1;
	}
	for (t = 0; t < s->ntok; t++) {
		if (s->tok_raw[t] < a || s->tok_raw[t] >= b || !(s->tok_flags[t] & W_CREDIT))
			continue;
		if (credit_initials(s, p, t))
			return 1;
	}
	return 0;
}

static int
find_bytes(const char *p, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	const char *end = p + len;

	while ((p = memchr(p, needle[0], (size_t)(end - p))) != NULL) {
		if ((size_t)(end - p) < n)
			break;
		if (memcmp(p, needle, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

/*
 * A credit under a label of its own that ends a caption: "... at the
 * plant. Source: Jo Kent", "Ganga barrage - <photo> : <paper>", or an
 * Urdu caption's full stop, then "<photo>: <agency>", in whatever language
 * the label is.  At the colon at |at|: a label of one word without a
 * digit before it (a blank between them or not; no bracket opens it), and
 * after it one to LABEL_CREDIT_WORDS words that end the line with no
 * digit, colon, sentence end or handle ("Twitter: @jo") in them; before
 * the label, a sentence end or a spaced dash after LABEL_LEAD_WORDS to
 * LABEL_LINE_WORDS words: a caption is short.  A paragraph ends in a
 * sentence end, not in a name; a title with a colon ("Signal vs. Noise: a
 * blog") has no sentence of its own before it (a dot ends a word of three
 * bytes or more).
 */
#define LABEL_CREDIT_WORDS 4
#define LABEL_LEAD_WORDS 2
#define LABEL_LINE_WORDS 30

static int
sentence_end_at(const char *p, size_t k)
{
	size_t w = k;

	if (k >= 3 && (memcmp(p + k - 3, "\xE0\xA5\xA4", 3) == 0 ||  /* danda */
	    memcmp(p + k - 3, "\xE0\xA5\xA5", 3) == 0))
		return 1;
	if (k >= 2 && memcmp(p + k - 2, "\xDB\x94", 2) == 0)  /* Urdu full stop */
		return 1;
	if (k == 0 || (p[k - 1] != '.' && p[k - 1] != '!' && p[k - 1] != '?'))
		return 0;
	if (p[k - 1] != '.')
		return 1;
	while (w > 0 && p[w - 1] != ' ')
		w--;
	return k - 1 - w >= 3;
}

static int
label_credit(const char *p, size_t len, size_t at)
{
	size_t i, j, words = 0, lead = 0;
	int in_word = 0;

	/* The label and the sentence end before it first: most colons
	 * open a line's field ("Posted: ...") or sit in a time. */
	j = at;
	if (j > 0 && p[j - 1] == ' ')
		j--;
	for (i = j; i > 0 && p[i - 1] != ' '; i--)
		if (p[i - 1] >= '0' && p[i - 1] <= '9')
			return 0;
	if (i == j || i < 2 || p[i] == '(' || p[i] == '[')
		return 0;  /* "Acme Inc. (NASDAQ: ACME)": a ticker, no label */
	for (j = i - 1; j > 0 && p[j - 1] == ' '; j--)
		;
	if (j >= 2 && p[j - 1] == '-' && p[j - 2] == ' ')
		j -= 2;
	else if (j >= 4 && memcmp(p + j - 3, "\xE2\x80", 2) == 0 &&
	    ((unsigned char)p[j - 1] == 0x93 || (unsigned char)p[j - 1] == 0x94) && p[j - 4] == ' ')
		j -= 4;
	else if (!sentence_end_at(p, j))
		return 0;
	for (i = at + 1; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if ((c >= '0' && c <= '9') || c == ':' || c == '.' || c == '!' || c == '?' || c == '@' ||
		    (c == 0xE0 && i + 2 < len && (unsigned char)p[i + 1] == 0xA5 &&
		    ((unsigned char)p[i + 2] == 0xA4 || (unsigned char)p[i + 2] == 0xA5)) ||
		    (c == 0xDB && i + 1 < len && (unsigned char)p[i + 1] == 0x94))
			return 0;
		if (c == ' ' || c == '\t' || c == '\r')
			in_word = 0;
		else if (!in_word++ && ++words > LABEL_CREDIT_WORDS)
			return 0;
	}
	if (words == 0)
		return 0;
	in_word = 0;
	for (i = 0; i < j; i++) {
		if (p[i] == ' ' || p[i] == '\t')
			in_word = 0;
		else if (!in_word++ && ++lead > LABEL_LINE_WORDS)
			return 0;
	}
	return lead >= LABEL_LEAD_WORDS;
}

int
safi_bp_capital_at(const char *p, size_t len, size_t i)
{
	size_t n;
	int32_t cp = safi_bp_next_cp(p, i, len, &n);

	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
	    utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

size_t
safi_bp_lower_words(const char *p, size_t len)
{
	size_t i = 0, n, lower = 0;
	int32_t cp;

	while (i < len) {
		while (i < len && (p[i] == ' ' || p[i] == '\t'))
			i++;
		if (i >= len)
			break;
		cp = safi_bp_next_cp(p, i, len, &n);
		if (cp < 0x80)
			lower += cp >= 'a' && cp <= 'z';
		else
			lower += utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
		while (i < len && p[i] != ' ' && p[i] != '\t')
			i++;
	}
	return lower;
}

/*
 * Does credit word |t|, a colon after it, go on a sentence of Latin
 * letters: a line that ends in a full stop, "!" or "?" (not in an
 * ellipsis, as a teaser's list does), and right before the word
 * another word that is no credit's ("... a member of the alliance: March
 * 31.")?  A caption's label opens the line, follows the caption's
 * sentence end or bracket, or follows another credit word ("AP Photo:").
 */
static int
mid_sentence_label(const struct bp_scan *s, const char *p, size_t len, unsigned t)
{
	size_t a = s->tok_raw[t];
	unsigned char c;

	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	if (!(s->flags & L_TERM) || t == 0 || (s->tok_flags[t - 1] & W_CREDIT) || len < 2 ||
	    !sentence_end_at(p, len) || p[len - 2] == '.')
		return 0;
	while (a > 0 && p[a - 1] == ' ')
		a--;
	if (a == 0)
		return 0;
	c = (unsigned char)p[a - 1] | 0x20;
	return c >= 'a' && c <= 'z';
}

/*
 * A credit glued to a caption's end with no colon: "The bypass will be
 * closed at night. Photo archives Courier", "... Foto Jan Berg via
 * Unsplash".  Credit word |t| (see credit_initials()) right after a
 * sentence end that LABEL_LEAD_WORDS to LABEL_LINE_WORDS words lead to,
 * then one to LABEL_CREDIT_WORDS words that end the line, the last one
 * capitalized (a name or an agency; a hard-wrapped sentence "He smiled.
 * Picture the scene as" goes on in lower case), with no digit, colon,
 * sentence end, handle, comma, apostrophe or typographic mark in them (a
 * caption's place, "... at Mrs. PA's, in Leeds", is no credit).
 */
static int
bare_credit(const struct bp_scan *s, const char *p, size_t len, unsigned t)
{
	size_t i, a = s->tok_raw[t];
	unsigned c;

	if (t + 1 >= s->ntok || t + 1 + LABEL_CREDIT_WORDS < s->ntok || t < LABEL_LEAD_WORDS ||
	    t > LABEL_LINE_WORDS || (s->flags & L_TERM) || a < 2 || p[a - 1] != ' ' ||
	    !sentence_end_at(p, a - 1))
		return 0;
	if (!safi_bp_capital_at(p, len, s->tok_raw[s->ntok - 1]))
		return 0;
	for (i = s->tok_rawend[t]; i < len; i++) {
		c = (unsigned char)p[i];
		if ((c >= '0' && c <= '9') || c == ':' || c == '.' || c == '!' || c == '?' || c == '@' ||
		    c == ',' || c == '\'' || c == 0xE2)
			return 0;
	}
	return 1;
}

/*
 * A caption tag as French sets it, a space before its colon, or in
 * capitals: "Photo : AFP", "PHOTO : JO KENT POUR « LE JOURNAL »".  The
 * tag |t| of |n| bytes ends right before the colon at |at|, or a space
 * (or a no-break space) before it, with no letter glued before it.
 */
static int
spaced_tag(const char *p, size_t at, const char *t, size_t n)
{
	size_t e = at, k;

	if (e >= 1 && p[e - 1] == ' ')
		e--;
	else if (e >= 2 && memcmp(p + e - 2, "\xC2\xA0", 2) == 0)
		e -= 2;
	else if (e >= 3 && memcmp(p + e - 3, "\xE2\x80\xAF", 3) == 0)
		e -= 3;
	if (e < n)
		return 0;
	for (k = 0; k < n; k++) {
		unsigned char a = (unsigned char)p[e - n + k], b = (unsigned char)t[k];

		if (a != b && !(b >= 'a' && b <= 'z' && a == b - 32))
			return 0;
	}
	if (e == at && memcmp(p + e - n, t, n) == 0)
		return 0;  /* the plain tag, read above */
	k = e - n;
	return k == 0 || !(((unsigned char)p[k - 1] | 0x20) >= 'a' &&
	    ((unsigned char)p[k - 1] | 0x20) <= 'z');
}

/* "Credit:", "Photo:", "Image:" ... in the last 120 bytes of a line, or
 * a credit under a label of its own after a caption (see label_credit()). */
int
safi_bp_caption_tag(const char *p, size_t len)
{
#define TAG(s) {s, sizeof s - 1}
	static const struct {
		const char *s;
		size_t n;
	} tags[] = {TAG("Credit"), TAG("Credits"), TAG("Photo"), TAG("Image"), TAG("Picture"),
	    TAG("Foto"), TAG("Bild"), TAG("Photograph"), TAG("Crédit"), TAG("Photo credit")};
#undef TAG
	const char *c, *end;

	if (len == 0)		/* p may be NULL then, and memchr() must not see it */
		return 0;
	c = p + (len > 120 ? len - 120 : 0);
	end = p + len;
	while ((c = memchr(c, ':', (size_t)(end - c))) != NULL) {
		size_t k, at = (size_t)(c - p);
		int spaced = at > 0 && ((c[-1] == ' ' || (unsigned char)c[-1] == 0xA0 ||
		    (unsigned char)c[-1] == 0xAF) || (c[-1] >= 'A' && c[-1] <= 'Z'));

		for (k = 0; k < sizeof tags / sizeof tags[0]; k++) {
			size_t n = tags[k].n;

			/* The last letter first: most colons follow no tag. */
			if (at >= n && c[-1] == tags[k].s[n - 1] && memcmp(c - n, tags[k].s, n) == 0 &&
			    (at == n || !((unsigned char)c[-(long)n - 1] >= 'A' &&
			    (unsigned char)c[-(long)n - 1] <= 'Z')))
				return 1;
			if (spaced && spaced_tag(p, at, tags[k].s, n))
				return 1;
		}
		if (label_credit(p, len, at))
			return 1;
		c++;
	}
	return 0;
}

/*
 * A credit that names the photographer and the paper with a slash between
 * them, "Ana Ruiz/Diario del Puerto", ending a caption after a spaced dash
 * ("Crews at the dam - Ana Ruiz/Diario del Puerto") or standing alone:
 * SLASH_NAME_WORDS to SLASH_CREDIT_WORDS words, each opening with a
 * capital but for a short particle inside a name ("da", "van", "de la"),
 * no digit and no sentence end, comma or colon in them, and one slash
 * glued between two of them with two words or more before it (a first
 * name and a surname).  A caption before the dash holds CAPTION_WORDS
 * words or more.  A headline of two rivals ("Lula/Bolsonaro") has one
 * word on each side.  The credit may also follow the caption's sentence
 * end, a stop after a small letter ("The pier at dawn. Ana Ruiz/Diario del
 * Puerto"), and there its slash may stand between spaces ("… at dawn.
 * Ana Ruiz / Diario del Puerto"); a line of prose holds no such tail of
 * capitals after its last stop.
 */
#define SLASH_NAME_WORDS 3
#define SLASH_CREDIT_WORDS 7
#define SLASH_PARTICLE 3
#define CAPTION_WORDS 3
#define SLASH_CREDIT_BYTES 160

/* Is p[i, e) such a credit, with |after| words or more after its slash
 * (a slash between spaces too when |spaced|)? */
static int
slash_tail(const char *p, size_t i, size_t e, size_t after, int spaced)
{
	size_t k, w = 0, start = i, before = 0, slashes = 0;

	for (k = i; k <= e; k++) {
		unsigned char c = k < e ? (unsigned char)p[k] : ' ';

		if (spaced && c == ' ' && k + 2 < e && p[k + 1] == '/' && p[k + 2] == ' ' &&
		    k > start && slashes == 0) {
			/* "Ana Ruiz / Diario": read the spaced slash as a glued one */
			if (++w > SLASH_CREDIT_WORDS || !safi_bp_capital_at(p, e, start))
				return 0;
			slashes++;
			before = w;
			k += 2;
			start = k + 1;
			continue;
		}
		if (c != ' ' && c != '/') {
			if ((c >= '0' && c <= '9') || c == '.' || c == ',' || c == ':' || c == '!' ||
			    c == '?' || c == ';' || c == '(' || c == ')' || c == '@')
				return 0;
			continue;
		}
		if (k > start) {
			/* a word: a capital opens it, or a particle inside */
			if (++w > SLASH_CREDIT_WORDS)
				return 0;
			if (!safi_bp_capital_at(p, e, start) &&
			    (w == 1 || k == e || c == '/' || p[start - 1] == '/' ||
			    (w == before + 1 && slashes > 0) || k - start > SLASH_PARTICLE))
				return 0;
		}
		if (c == '/') {
			if (slashes++ > 0 || k == start || k + 1 >= e || p[k + 1] == ' ')
				return 0;
			before = w;
		}
		start = k + 1;
	}
	return slashes == 1 && before >= 2 && w >= SLASH_NAME_WORDS && w - before >= after;
}

int
safi_bp_slash_credit(const char *p, size_t len)
{
	const char *sl;
	size_t e = len, k, j, from, stop, words = 0;

	while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t' || p[e - 1] == '\r'))
		e--;
	from = e > SLASH_CREDIT_BYTES ? e - SLASH_CREDIT_BYTES : 0;
	if (e == 0 || (sl = memchr(p + from, '/', e - from)) == NULL)
		return 0;
	while (*p == ' ' || *p == '\t') {
		p++;
		e--;
	}
	stop = (size_t)(sl - p) > SLASH_CREDIT_BYTES ? (size_t)(sl - p) - SLASH_CREDIT_BYTES : 1;
	for (k = (size_t)(sl - p); k-- > stop;) {
		size_t d = 0;

		if (p[k] == '-')
			d = 1;
		else if (k + 3 <= e && memcmp(p + k, "\xE2\x80", 2) == 0 &&
		    ((unsigned char)p[k + 2] == 0x93 || (unsigned char)p[k + 2] == 0x94))
			d = 3;
		if (d == 0 && (p[k] == '.' || p[k] == '!' || p[k] == '?') && p[k + 1] == ' ' &&
		    p[k - 1] >= 'a' && p[k - 1] <= 'z') {
			/* the caption's sentence end */
			for (j = 1; j < k && words < CAPTION_WORDS; j++)
				words += p[j] == ' ' && p[j - 1] != ' ';
			return words >= CAPTION_WORDS && slash_tail(p, k + 2, e, 1, 1);
		}
		if (d == 0 || p[k - 1] != ' ' || k + d + 1 >= e || p[k + d] != ' ')
			continue;
		/* the caption before the dash: CAPTION_WORDS words at least */
		for (j = 1; j < k && words < CAPTION_WORDS; j++)
			words += p[j] == ' ' && p[j - 1] != ' ';
		return words >= CAPTION_WORDS && slash_tail(p, k + d + 1, e, 1, 0);
	}
	return slash_tail(p, 0, e, 2, 0);
}

/* A line that is a bare address: "https://…" or "www.…" up to its first
 * blank. */
static int
starts_with_url(const char *p, size_t len)
{
	size_t i = 0, n;

	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	p += i;
	len -= i;
	if (!((len >= 8 && memcmp(p, "https://", 8) == 0) ||
	    (len >= 7 && memcmp(p, "http://", 7) == 0) ||
	    (len >= 4 && memcmp(p, "www.", 4) == 0)))
		return 0;
	for (n = 0; n < len && p[n] != ' ' && p[n] != '\t'; n++)
		;
	return n == len;  /* no more words follow */
}

static int
url_shape(const char *p, size_t len)
{
	const char *at;
	size_t i;

	if (len == 0)  /* p may be NULL then, and memchr() must not see it */
		return 0;
	if (find_bytes(p, len, "http://") || find_bytes(p, len, "https://") ||
	    find_bytes(p, len, "www."))
		return 1;
	for (at = p; (at = memchr(at, '@', len - (size_t)(at - p))) != NULL; at++) {
		i = (size_t)(at - p);
		if ((i == 0 || p[i - 1] == ' ') && i + 1 < len && p[i + 1] != ' ')
			return 1;  /* a handle; " @ " alone is "at" */
		if (i + 1 < len && p[i + 1] != ' ')
			return 1;  /* an address */
	}
	return 0;
}

/* The slashes set apart by spaces in a line: " / " separates the items
 * of a menu ("Home / Cities / Pune") as a bar does.  Looked for in lines
 * of SLASH_MENU_WORDS words at most: a breadcrumb is short. */
#define SLASH_MENU_WORDS 16

static unsigned
spaced_slashes(const char *p, size_t len)
{
	const char *q = p, *e = p + len;
	unsigned n = 0;

	while ((q = memchr(q, '/', (size_t)(e - q))) != NULL) {
		n += q > p && q[-1] == ' ' && q + 1 < e && q[1] == ' ';
		q++;
	}
	return n;
}

/* A copyright line may run to COPYRIGHT_WORDS words; a notice that opens
 * with its sign, alone or after the word "Copyright" ("Copyright \u00a9 2008
 * The Associated Press. All rights reserved. The information contained in
 * ..."), to NOTICE_WORDS: a news agency's runs to some fifty.  A sign glued
 * to a letter is none: "\u00c3\u00a9" is an "\u00e9" read in the wrong
 * encoding. */
#define COPYRIGHT_WORDS 30
#define NOTICE_WORDS 60

static int
copyright_notice(const char *p, size_t len)
{
	static const char word[] = "copyright ";
	size_t i = 0;

	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (len - i > sizeof word - 1 && strncasecmp(p + i, word, sizeof word - 1) == 0)
		i += sizeof word - 1;
	return len - i >= 2 && (unsigned char)p[i] == 0xC2 && (unsigned char)p[i + 1] == 0xA9;
}

/* How many spaced "»" marks of a line close the quotation a "«" before
 * them opens (« Les Heures claires » : ..., as French, Italian or Arabic
 * print one): they are no menu separators, as the "»" of "Home » News" or
 * a "« Previous" link's arrow are. */
static unsigned
closing_guillemets(const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	unsigned n = 0, open = 0;
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (u[i] != 0xC2)
			continue;
		if (u[i + 1] == 0xAB) {
			open++;
		} else if (u[i + 1] == 0xBB && open > 0) {
			open--;
			n += i > 0 && u[i - 1] == ' ' && i + 2 < len && u[i + 2] == ' ';
		}
	}
	return n;
}

/*
 * The words a line counts in the scripts written without spaces between
 * words: one for every CJK_WORD Han or kana letters (U+3040-U+9FFF, which
 * Chinese and Japanese write so), and one for every SEA_WORD characters of
 * Thai and Lao (U+0E00-U+0EFF) or Khmer (U+1780-U+17FF), their vowel signs
 * and tone marks among them.  All are three bytes long in UTF-8.
 */
static unsigned
unspaced_words(const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	unsigned cjk = 0, sea = 0;
	size_t i;

	for (i = 0; i + 2 < len; i++) {
		unsigned cp;

		if (u[i] < 0xE0 || u[i] > 0xE9)
			continue;
		cp = (unsigned)(u[i] & 0x0F) << 12 | (unsigned)(u[i + 1] & 0x3F) << 6 |
		    (u[i + 2] & 0x3F);
		cjk += cp >= 0x3040 && cp <= 0x9FFF;
		sea += (cp >= 0x0E00 && cp <= 0x0EFF) || (cp >= 0x1780 && cp <= 0x17FF);
		i += 2;
	}
	return cjk / CJK_WORD + sea / SEA_WORD;
}

/* Japanese sets its bullet, the katakana middle dot U+30FB, right
 * against the item's first word ("・text"): a list item, as "• text" is. */
static int
kana_bullet(const char *p, size_t len)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0;

	while (i < len && (u[i] == ' ' || u[i] == '\t'))
		i++;
	return i + 3 < len && u[i] == 0xE3 && u[i + 1] == 0x83 && u[i + 2] == 0xBB;
}

/*
 * The length of the parenthesis |c| ('(' or ')') that starts at p[i] of
 * p[0, end): 1 for the ASCII one, 3 for the full-width one of Chinese and
 * Japanese text ("（圖／記者攝）"), 0 if none does.
 */
static size_t
paren_at(const char *p, size_t end, size_t i, char c)
{
	const unsigned char *u = (const unsigned char *)p;

	if (i >= end)
		return 0;
	if (p[i] == c)
		return 1;
	return i + 2 < end && u[i] == 0xEF && u[i + 1] == 0xBC &&
	    u[i + 2] == (c == '(' ? 0x88 : 0x89) ? 3 : 0;
}

/* The length of the closing parenthesis that ends p[0, e), or 0. */
static size_t
paren_end(const char *p, size_t e)
{
	return e >= 3 && paren_at(p, e, e - 3, ')') == 3 ? 3 : e >= 1 && p[e - 1] == ')';
}

/*
 * Is p[0, len) a link's button: one word in square brackets that opens in
 * lower case, "[edit]", "[hide]", "[modifier]"?  A word in brackets that
 * opens with a capital ("[Chorus]", "[London]") or a sign ("[...]") is the
 * text's own.  Bytes past ASCII count as letters of the word.
 */
#define BUTTON_BYTES 40   /* "[bearbeiten]" and spaces */
#define BUTTON_HEADING 8  /* the words of a section's heading */

static int
bracket_button(const char *p, size_t len)
{
	size_t a = 0, e = len, i;

	while (a < e && (p[a] == ' ' || p[a] == '\t'))
		a++;
	while (e > a && (p[e - 1] == ' ' || p[e - 1] == '\t'))
		e--;
	if (e - a < 3 || p[a] != '[' || p[e - 1] != ']' ||
	    ((unsigned char)p[a + 1] < 0x80 && !(p[a + 1] >= 'a' && p[a + 1] <= 'z')))
		return 0;
	for (i = a + 1; i < e - 1; i++) {
		unsigned char c = (unsigned char)p[i];

		if (!(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'))
			return 0;
	}
	return 1;
}

void
safi_bp_judge_line(const struct bp_lexicon *lx, unsigned min_words, const char *p, size_t len,
                   const struct bp_scan *s, struct bp_line *ln)
{
	unsigned nonspace = s->letters + s->digits + s->symbols;
	/* Chinese and Japanese put no spaces between words: CJK_WORD Han or
	 * kana letters count as one more word; so do SEA_WORD characters of
	 * Thai, Lao or Khmer. */
	unsigned words = s->words;
	unsigned t, seps;
	int why;

	ln->flags = (uint16_t)s->flags;
	/* Only lines with letters of neither Latin nor Arabic script are
	 * looked at again. */
	if (s->letters > s->arabic + s->latin) {
		words += unspaced_words(p, len);
		if (kana_bullet(p, len))
			ln->flags |= L_BULLET;
	}
	ln->words = words;
	if (s->words <= 4 && s->digits > 0 && s->digits >= s->letters)
		ln->flags |= L_NUMCELL;
	if (s->digits > 0)
		ln->flags |= L_DIGITS;
	ln->kind = K_SHORT;
	ln->reason = R_BODY;
	if (nonspace == 0) {
		/* Layout to the decoder; but a line of format characters or
		 * marks alone (a word without letters) is not white space, and
		 * the outputs must give it back. */
		ln->kind = K_BLANK;
		ln->reason = R_BLANK;
		if (s->words > 0) {
			ln->flags |= L_INVISIBLE;
			ln->reason = R_INVISIBLE;
		}
		return;
	}
	/* Stamps are short lines: longer ones are not looked at. */
	if (s->words <= 25 && s->ntok == s->words && safi_bp_dated(s))
		ln->flags |= L_DATED;
	if (s->first_cp >= 'a' && s->first_cp <= 'z') {
		ln->flags |= L_LOWER | L_CASED;
	} else if (s->first_cp >= 'A' && s->first_cp <= 'Z') {
		ln->flags |= L_CASED;
	} else if (s->first_cp >= 0x80) {
		utf8proc_category_t c = utf8proc_category(s->first_cp);

		if (c == UTF8PROC_CATEGORY_LL)
			ln->flags |= L_LOWER | L_CASED;
		else if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
			ln->flags |= L_CASED;
	}
	if ((why = safi_bp_match_phrases(lx, p, len, s, &ln->flags)) != R_BODY) {
		ln->reason = (uint8_t)why;
		goto bad;
	}
	seps = s->separators;
	if (seps > 0) {
		unsigned q = closing_guillemets(p, len);

		seps -= q < seps ? q : seps;
	}
	if (s->symbols > 0 && s->words <= SLASH_MENU_WORDS)
		seps += spaced_slashes(p, len);
	if (seps >= 2 && s->words <= 4 * seps + 4 && !(s->flags & L_TERM)) {
		ln->reason = R_MENU;  /* "Home | News | Sport", "Home > World" */
		goto bad;
	}
	if (seps > 0)
		ln->flags |= L_SEPARATED;
	if (s->has_copyright && (s->words <= COPYRIGHT_WORDS ||
	    (s->words <= NOTICE_WORDS && copyright_notice(p, len)))) {
		ln->reason = R_COPYRIGHT;
		goto bad;
	}
	if ((s->words <= 8 && url_shape(p, len)) || starts_with_url(p, len)) {
		ln->reason = R_URL;
		goto bad;
	}
	/* Captions and credits. */
	if (s->words <= 80) {
		size_t e = len, close;

		while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t' || p[e - 1] == '.'))
			e--;
		if ((close = paren_end(p, e)) != 0) {
			size_t b = e - close, open = 0;
			int depth = 0;

			while (b > 0) {
				b--;
				if (paren_at(p, e, b, ')'))
					depth++;
				else if ((open = paren_at(p, e, b, '(')) != 0 && depth-- == 0)
					break;
			}
			if (depth < 0 && e - b <= 80) {  /* its opening one found */
				size_t lead = 0;

				while (lead < b && (p[lead] == ' ' || p[lead] == '\t'))
					lead++;
				if (lead == b && s->words <= 12) {
					ln->reason = R_CREDIT;
					goto bad;
				}
				if (credit_span(s, p, b + open, e - close) ||
				    (!(s->flags & L_TERM) && s->letters > s->arabic + s->latin &&
				    dated_span(p, b + open, e - close))) {
					ln->reason = R_CAPTION;
					goto bad;
				}
			}
		}
		/* "... Image: Tom Hale/AFP", "Photo: Reuters", "rabbitCredit: Getty",
		 * "... - Ana Ruiz/Diario del Puerto". */
		if (safi_bp_caption_tag(p, len) ||
		    (!(s->flags & L_TERM) && safi_bp_slash_credit(p, len)) ||
		    (!(s->flags & L_TERM) &&
		    s->letters > s->arabic + s->latin && equals_day(p, len))) {
			ln->reason = R_CAPTION;
			goto bad;
		}
		if (s->ntok == s->words) {
			unsigned from = s->ntok > 8 ? s->ntok - 8 : 0;

			for (t = from; t < s->ntok; t++) {
				uint32_t re = s->tok_rawend[t];

				if (!(s->tok_flags[t] & W_CREDIT) || !credit_initials(s, p, t))
					continue;
				if ((re < len && (p[re] == '/' || (p[re] == ':' &&
				    !mid_sentence_label(s, p, len, t)))) ||
				    (t + 1 == s->ntok && !(s->flags & L_TERM)) ||
				    (t > 0 && s->tok_raw[t] > 0 && (p[s->tok_raw[t] - 1] == '/' ||
				    p[s->tok_raw[t] - 1] == '|')) || bare_credit(s, p, len, t)) {
					ln->reason = R_CAPTION;
					goto bad;
				}
			}
		}
	}
	if (s->letters * 2 < nonspace || s->words == 0) {
		ln->reason = R_SYMBOLS;
		goto bad;
	}
	if (words >= min_words &&
	    ((s->flags & L_TERM) || words >= 2 * min_words))
		ln->kind = K_GOOD;  /* refined with the language in judge_density */
	else if (words >= 5)
		ln->kind = K_NEAR;
	else
		ln->kind = K_SHORT;
	return;
bad:
	ln->kind = K_BAD;
}

/*
 * Does line p[0, len) end a sentence under reference marks, "... in
 * 1998.[2]", "... والآبار. [3][4]"?  A mark of one to three digits in
 * brackets stands outside the sentence it cites, as a closing quote does:
 * the line without its marks is scanned again.  Few lines end in a
 * bracket; the scanner's own loop is left as tight as it is.
 */
static int
cited_end(const struct bp_lexicon *lx, const char *p, size_t len)
{
	struct bp_scan s;
	size_t e = len, marks = 0;

	for (;;) {
		size_t d = 0;

		while (e > 0 && p[e - 1] == ' ')
			e--;
		if (e == 0 || p[e - 1] != ']')
			break;
		for (e--; e > 0 && p[e - 1] >= '0' && p[e - 1] <= '9' && d <= 3; e--)
			d++;
		if (d == 0 || d > 3 || e == 0 || p[e - 1] != '[')
			return 0;
		e--;
		marks++;
	}
	if (marks == 0 || e == 0)
		return 0;
	safi_bp_scan_line(lx, p, e, &s);
	return (s.flags & L_TERM) != 0;
}

/*
 * A wiki prints a button under each section's heading, "[edit]" alone on
 * its line between blank lines, where it would read as a short line over
 * the section and part the heading from its text.  Such a button (see
 * bracket_button()) right under a short line that ends no sentence, a
 * blank line between them and one below it, is layout to the decoder, as
 * a line of invisible characters is, and is dropped.  A section of a
 * configuration file ("[server]") has its settings right under it.
 *
 * Cost: one test of a line's first byte for each line; the few lines
 * that open with a bracket are read again.
 */
static void
drop_heading_buttons(struct bp_doc *d)
{
	size_t i;

	for (i = 2; i + 1 < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];
		const struct bp_line *up = &d->lines[i - 2];
		const char *p = d->base + ln->off;

		if (ln->len == 0 || ln->len > BUTTON_BYTES || ln->words != 1 ||
		    ln->kind == K_BLANK || (p[0] != '[' && p[0] != ' '))
			continue;
		if (d->lines[i - 1].kind != K_BLANK || d->lines[i + 1].kind != K_BLANK ||
		    up->kind == K_BLANK || up->words == 0 || up->words > BUTTON_HEADING ||
		    (up->flags & (L_TERM | L_BULLET)))
			continue;
		if (!bracket_button(p, ln->len))
			continue;
		ln->kind = K_BLANK;
		ln->flags |= L_INVISIBLE;
		ln->reason = R_SYMBOLS;
	}
}

int
safi_bp_analyze_lines(const struct bp_lexicon *lx, unsigned min_words, struct bp_doc *d)
{
	struct bp_scan scan, *s = &scan;  /* about 1.5 KiB */
	size_t i;

	d->arabic = d->latin = 0;
	d->nshares = 0;
	memset(d->hits, 0, sizeof d->hits);
	for (i = 0; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];
		const char *p = d->base + ln->off;
		unsigned bits;

		safi_bp_scan_line(lx, p, ln->len, s);
		if (ln->len > 0 && p[ln->len - 1] == ']' && !(s->flags & L_TERM) &&
		    cited_end(lx, p, ln->len))
			s->flags |= L_TERM;
		safi_bp_judge_line(lx, min_words, p, ln->len, s, ln);
		ln->fp = s->fp;
		ln->stop = 0;
		ln->nstop = 0;
		if (d->capshares - d->nshares < 2 * BP_MAXLANG) {
			size_t cap = d->capshares ? 2 * d->capshares : 4096;
			uint8_t *ns = realloc(d->shares, cap);

			if (ns == NULL)
				return SAFI_ENOMEM;
			d->shares = ns;
			d->capshares = cap;
		}
		/* Only the languages of the line's stop words divide. */
		for (bits = s->langs; bits; bits &= bits - 1) {
			int l = __builtin_ctz(bits);
			uint8_t share = (uint8_t)((uint64_t)s->stop[l] * 100 / s->words);

			if (share == 0)
				continue;
			d->shares[d->nshares++] = (uint8_t)l;
			d->shares[d->nshares++] = share;
			ln->nstop++;
			d->hits[l] += (uint64_t)share * ln->words;
		}
		d->arabic += s->arabic;
		d->latin += s->latin;
	}
	drop_heading_buttons(d);
	return 0;
}

void
safi_bp_set_language(struct bp_doc *d, int lang)
{
	const uint8_t *sh = d->shares;
	size_t i;
	unsigned k;

	for (i = 0; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];

		ln->stop = 0;
		for (k = 0; k < ln->nstop; k++, sh += 2)
			if (sh[0] == lang)
				ln->stop = sh[1];
	}
}
