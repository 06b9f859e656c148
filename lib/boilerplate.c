/*
 * boilerplate.c - line classifier for scraped news pages.
 *
 * Each line is scanned once: words, letters, digits and symbols are
 * counted, words are folded (case, Arabic marks and letter variants, digit
 * runs) and looked up in one hash table that holds the stop words of every
 * language (as a bit mask) and the boilerplate phrases (as flags).  Short
 * lines are then matched against the phrases and tested for caption,
 * credit, date, URL and byline shapes.  A document-level pass picks the
 * language, marks repeated and recurring lines, cuts the tail at a "read
 * also" marker, finds the body zone as the maximum-sum run of line scores,
 * and keeps what lies in it, plus the title and standfirst just above it.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "mem.h"
#include "safi/boilerplate.h"
#include "safi/data.h"
#include "safi/error.h"
#include "safi/utf8.h"

#define BP_MAXLANG 8
#define MAXTOK 64            /* tokens recorded per line for phrase matching */
#define TOKCAP 48            /* folded bytes of a word that are compared */
#define CP_TABLE 0x800       /* characters looked up in tables, not computed */
#define PHRASE_LINE_WORDS 32 /* lines longer than this are never phrases */
#define CONTAINS_WORDS 25
#define PREFIX_EXTRA 6
#define MARKER_EXTRA 4
#define MAX_PHRASE_TOKENS 12
#define CJK_WORD 3            /* Han or kana letters per word */

/* Flags of the word table, above the 8 language bits. */
#define W_EXACT (1u << 8)
#define W_PREFIX (1u << 9)
#define W_CONTAINS (1u << 10)
#define W_MARKER (1u << 11)
#define W_MARKER_PREFIX (1u << 12)
#define W_DATE (1u << 13)
#define W_CREDIT (1u << 14)
#define W_SUFFIX (1u << 15)
#define W_PFIRST (1u << 16)   /* the first word of a line phrase or marker */
#define W_CFIRST (1u << 17)   /* the first word of a ~phrase */

enum kind { K_BLANK, K_BAD, K_SHORT, K_NEAR, K_GOOD };

enum reason {
	R_BLANK, R_BODY, R_TEXT, R_HEADING, R_TITLE, R_STANDFIRST,
	R_PHRASE, R_MARKER, R_AFTER_MARKER, R_CAPTION, R_CREDIT,
	R_DATE, R_URL, R_COPYRIGHT, R_SYMBOLS, R_DUPLICATE, R_RECURRING,
	R_HEAD, R_TAIL, R_NOBODY, R_INLINE_MARKER, R_CONTEXT, R_MENU, R_TEASER, R_TABLE, R_LIST
};

static const char *const reason_names[] = {
	"blank", "body", "text", "heading", "title", "standfirst",
	"phrase", "marker", "after-marker", "caption", "credit",
	"date", "url", "copyright", "symbols", "duplicate", "recurring",
	"head", "tail", "no-body", "inline-marker", "context", "menu", "teaser", "table", "list"
};

/* Line flags. */
#define L_TERM 1u       /* ends with . ! ? … ؟ */
#define L_BULLET 2u     /* a list item */
#define L_MARKER 4u     /* a bare "read also" marker */
#define L_COLON 8u      /* ends with ':' */
#define L_REPEATED 16u  /* the first of several copies */
#define L_SEPARATED 32u /* has a menu separator: | · › » */
#define L_NUMCELL 64u   /* a short line of mostly digits: "5040", "2:15.3" */
#define L_TABLE 128u    /* a cell of a table (see mark_tables) */
#define L_COUNTER 256u  /* a marker with a number: "44 comments" */
#define L_DIGITS 512u   /* has a digit */

struct bp_line {
	size_t off;
	size_t len;
	uint64_t lineno;
	uint64_t fp;
	uint32_t words;
	uint32_t first;      /* index of the first copy of this line */
	uint8_t stop[BP_MAXLANG];  /* stop-word share per language, percent */
	uint8_t kind;
	uint8_t prev_kind, next_kind;  /* see note_neighbours */
	uint8_t reason;      /* why it is bad (K_BAD) or why it is kept */
	uint16_t flags;
	int8_t keep;         /* -1 blank, 0 dropped, 1 kept */
};

/* Open addressing from 64-bit keys (never 0) to 64-bit values, each key
 * beside its value so that a look-up touches one cache line. */
struct entry {
	uint64_t key, val;
};

struct map {
	struct entry *e;
	size_t cap;          /* a power of two, or 0 */
	size_t n;
};

struct safi_boilerplate {
	struct safi_boilerplate_opts o;
	struct map words;                 /* folded word or phrase -> flags */
	uint64_t word_bits[1024];         /* a filter before the words map */
	uint32_t char_info[CP_TABLE];     /* char_info() below U+0800 */
	const char *langs[BP_MAXLANG];    /* language of each stop bit */
	int nlangs;
	uint32_t ar_bit;                  /* the stop bit of "ar", or 0 */
	int classified;                   /* the lines held are a finished document */
	int lang_fixed;                   /* index from opts.lang, or -1 */
	int doc_lang;                     /* language of the last document, or -1 */
	struct safi_buf text;             /* the current document's bytes */
	struct bp_line *lines;
	size_t nlines, capl;
	size_t doc_arabic, doc_latin;
	struct map dup;                   /* fingerprint -> first index + 1 */
	struct map seen;                  /* fingerprint -> docs << 32 | generation */
	int unmerged;                     /* dup is not yet counted in seen */
	uint32_t generation;
};

/* ---- hashing and maps ---------------------------------------------------- */

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static inline uint64_t
fnv_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

/* Hash of a folded word: a polynomial in its characters, P = c0 B^(n-1) +
 * ... + c(n-1), read as the word goes by, then mixed with its length.  The
 * polynomial gives the hash of the word without its first character for
 * the price of one more product: P - c0 B^(n-1). */
#define WORD_B 0x9e3779b97f4a7c15ull

static inline uint64_t
word_hash(uint64_t poly, unsigned n)
{
	uint64_t h = poly ^ (n * 0xff51afd7ed558ccdull);

	h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9ull;
	return h ^ (h >> 29);
}

/* Hash of a sequence of words: SEQ_SEED, then one step per word. */
#define SEQ_SEED 0x2545f4914f6cdd1dull

static inline uint64_t
seq_step(uint64_t h, uint64_t word)
{
	h = (h ^ word) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 32);
}

static inline uint64_t
key_of(uint64_t h)
{
	/* Finalise (so that linear probing spreads) and keep 0 free. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h ? h : 1;
}

static int
map_grow(struct map *m, size_t want)
{
	size_t cap = m->cap ? m->cap : 64, i;
	struct entry *e;

	while (cap < want * 2)
		cap *= 2;
	if (cap <= m->cap)
		return 0;
	if ((e = calloc(cap, sizeof *e)) == NULL)
		return SAFI_ENOMEM;
	safi_mem_large(e, cap * sizeof *e);
	for (i = 0; i < m->cap; i++) {
		size_t j;

		if (!m->e[i].key)
			continue;
		j = m->e[i].key & (cap - 1);
		while (e[j].key)
			j = (j + 1) & (cap - 1);
		e[j] = m->e[i];
	}
	free(m->e);
	m->e = e;
	m->cap = cap;
	return 0;
}

/* Points *val at the value of |key|, inserting it with value 0 when
 * absent. */
static int
map_slot(struct map *m, uint64_t key, uint64_t **val)
{
	size_t j;
	int err;

	if ((m->n + 1) * 2 > m->cap && (err = map_grow(m, m->n + 1)) < 0)
		return err;
	j = key & (m->cap - 1);
	while (m->e[j].key && m->e[j].key != key)
		j = (j + 1) & (m->cap - 1);
	if (!m->e[j].key) {
		m->e[j].key = key;
		m->e[j].val = 0;
		m->n++;
	}
	*val = &m->e[j].val;
	return 0;
}

static inline uint64_t
map_get(const struct map *m, uint64_t key)
{
	size_t j;

	if (!m->cap)
		return 0;
	j = key & (m->cap - 1);
	while (m->e[j].key) {
		if (m->e[j].key == key)
			return m->e[j].val;
		j = (j + 1) & (m->cap - 1);
	}
	return 0;
}

static void
map_clear(struct map *m)
{
	if (m->cap)
		memset(m->e, 0, m->cap * sizeof *m->e);
	m->n = 0;
}

static void
map_free(struct map *m)
{
	free(m->e);
	memset(m, 0, sizeof *m);
}

/* ---- characters ---------------------------------------------------------- */

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
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
		return cp | 1;
	if (cp >= 0x139 && cp <= 0x148 && (cp & 1))
		return cp + 1;
	if (cp >= 0x391 && cp <= 0x3A9)
		return cp + 32;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	return cp;
}

static int
is_closer(int32_t cp)
{
	return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
	    cp == 0x2019 || cp == 0xBB || cp == 0x203A || cp == '*';
}

static int
is_terminal(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x061F ||
	    cp == 0x06D4 || cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F;
}

static int
is_clitic(int32_t cp)
{
	return cp == 0x0648 || cp == 0x0641 || cp == 0x0628 || cp == 0x0644 || cp == 0x0643;
}

/* What scan_line() needs to know of a character, in one word: its class;
 * whether it is a letter, of the Arabic or the Latin script (the letters
 * counted to pick a document's script); and for a letter or a mark, its
 * folded form: the length in UTF-8 (0: dropped) and the code point. */
#define I_CLASS 7u
#define I_ARABIC 8u
#define I_LATIN 16u
#define I_LETTER 32u
#define I_CLITIC 64u               /* the folded letter is an Arabic clitic */
#define I_FOLD_LEN(e) (((e) >> 8) & 7u)
#define I_FOLD_CP(e) ((int32_t)((e) >> 11))
#define I_DIGIT_FOLD (1u << 8 | (uint32_t)'0' << 11)  /* a number folds to "0" */

static uint32_t
char_info(int32_t cp)
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
	if (is_clitic(f))
		e |= I_CLITIC;
	return e | (uint32_t)(f < 0x80 ? 1 : f < 0x800 ? 2 : f < 0x10000 ? 3 : 4) << 8 |
	    (uint32_t)f << 11;
}

/* ---- one line ------------------------------------------------------------ */

struct scan {
	/* Counters, zeroed for each line. */
	unsigned words, letters, digits, symbols, arabic, latin;
	unsigned flags;
	unsigned ntok;                 /* tokens recorded (<= MAXTOK) */
	unsigned stop[BP_MAXLANG];
	int has_copyright;
	unsigned separators;           /* | > › » · • between menu items */
	/* Per token, valid below ntok. */
	uint64_t tok_hash[MAXTOK];     /* hash of the folded word */
	uint32_t tok_raw[MAXTOK], tok_rawend[MAXTOK];
	uint32_t tok_flags[MAXTOK];
	uint8_t tok_num[MAXTOK];       /* the word is a number */
	uint64_t fp;
};

/* The fingerprint of a line: a hash of its bytes without the blanks at
 * either end, eight bytes at a time. */
static uint64_t
line_fingerprint(const char *p, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
	size_t i = 0;

	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	h ^= len - i;
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
	return key_of(h);
}

/* Looks up a folded token (hash h, with h2 the hash without a leading
 * Arabic clitic, or 0) and returns its flags. */
static inline int
maybe_word(const struct safi_boilerplate *bp, uint64_t h)
{
	unsigned bit = (unsigned)(h >> 48) & 0xFFFF;

	return (bp->word_bits[bit >> 6] >> (bit & 63)) & 1;
}

static uint32_t
lookup_token(const struct safi_boilerplate *bp, uint64_t h, uint64_t h2)
{
	uint32_t v = maybe_word(bp, h) ? (uint32_t)map_get(&bp->words, key_of(h)) : 0;

	if (!(v & 0xFF) && h2 && maybe_word(bp, h2)) {
		if (bp->ar_bit)
			v |= (uint32_t)map_get(&bp->words, key_of(h2)) & bp->ar_bit;
	}
	return v;
}

/* The word being read by scan_line(). */
struct word {
	uint64_t poly;       /* word_hash() polynomial of the characters taken */
	uint64_t lead_pow;   /* B^(n-1): the weight of the first character */
	int32_t first;       /* the first folded character */
	unsigned cps;        /* folded characters */
	unsigned taken;      /* of them, those in poly */
	size_t len;          /* UTF-8 bytes of those */
	uint32_t start;      /* raw offset in the line */
	int digit_run, clitic, too_long;
};

/* Counts the word that ends at raw offset |end| and records it. */
static void
end_word(const struct safi_boilerplate *bp, struct scan *s, const struct word *w, size_t end)
{
	/* Words longer than TOKCAP are in no list: no look-up. */
	uint64_t th = word_hash(w->poly, w->taken) ^ (uint64_t)w->too_long;
	uint32_t v = 0;
	int l;

	if (!w->too_long && w->len > 0) {
		uint64_t h2 = 0;

		if (w->clitic && w->cps >= 3)
			h2 = seq_step(SEQ_SEED, word_hash(w->poly - (uint64_t)w->first * w->lead_pow,
			    w->taken - 1));
		v = lookup_token(bp, seq_step(SEQ_SEED, th), h2);
		if (v & 0xFF)
			for (l = 0; l < bp->nlangs; l++)
				if (v & (1u << l))
					s->stop[l]++;
	}
	if (s->ntok < MAXTOK) {
		s->tok_hash[s->ntok] = th;
		/* "2019", "14h", "3rd": a word that starts with a digit. */
		s->tok_num[s->ntok] = w->len > 0 && w->first == '0';
		s->tok_raw[s->ntok] = w->start;
		s->tok_rawend[s->ntok] = (uint32_t)end;
		s->tok_flags[s->ntok] = v;
		s->ntok++;
	}
	s->words++;
}

static void
scan_line(const struct safi_boilerplate *bp, const char *p, size_t len, struct scan *s)
{
	size_t i = 0;
	int in_word = 0, lead = 1;
	int32_t last = 0, last_nonclose = 0;
	unsigned letters = 0, arabic = 0, latin = 0, digits = 0;
	struct word w;

	memset(s, 0, offsetof(struct scan, tok_hash));
	for (;;) {
		size_t n = 1;
		int32_t cp;
		uint32_t e, flen;
		enum cclass c;
		unsigned char b;

		if (i >= len) {  /* the end of the line ends a word */
			if (in_word)
				end_word(bp, s, &w, len);
			break;
		}
		b = (unsigned char)p[i];
		if (b < 0x80) {
			cp = b;
		} else if (b >= 0xC2 && b <= 0xDF && i + 1 < len &&
		    ((unsigned char)p[i + 1] & 0xC0) == 0x80) {
			cp = (int32_t)((b & 0x1F) << 6 | ((unsigned char)p[i + 1] & 0x3F));
			n = 2;
		} else if (b >= 0xE1 && b <= 0xEC && i + 2 < len &&
		    ((unsigned char)p[i + 1] & 0xC0) == 0x80 && ((unsigned char)p[i + 2] & 0xC0) == 0x80) {
			cp = (int32_t)((b & 0x0F) << 12 | ((unsigned char)p[i + 1] & 0x3F) << 6 |
			    ((unsigned char)p[i + 2] & 0x3F));
			n = 3;
		} else {
			cp = safi_utf8_decode(p + i, len - i, &n);
			if (n == 0)
				n = 1;
		}
		e = cp >= 0 && cp < CP_TABLE ? bp->char_info[cp] : char_info(cp);
		c = (enum cclass)(e & I_CLASS);
		if (c == C_SPACE || c == C_PUNCT) {
			if (in_word) {
				in_word = 0;
				end_word(bp, s, &w, i);
			}
			if (c == C_PUNCT) {
				s->symbols++;
				if (lead && (cp == 0x2022 || cp == 0xB7 || cp == '-' || cp == '*' ||
				    cp == 0x2013 || cp == 0x2014 || cp == 0x25AA || cp == 0x25BA ||
				    cp == 0x25CF || cp == 0x25A0) && i + n < len &&
				    (p[i + n] == ' ' || p[i + n] == '\t'))
					s->flags |= L_BULLET;
				if (cp == 0xA9)
					s->has_copyright = 1;
				if ((cp == '|' || cp == '>' || cp == 0x203A || cp == 0xBB || cp == 0xB7 ||
				    cp == 0x2022) &&
				    i > 0 && p[i - 1] == ' ' && i + n < len && p[i + n] == ' ')
					s->separators++;
				lead = 0;
				last = cp;
				if (!is_closer(cp))
					last_nonclose = cp;
			}
			i += n;
			continue;
		}
		/* A letter, a mark or a digit: part of a word. */
		i += n;
		if (!in_word) {
			in_word = 1;
			w.poly = 0;
			w.lead_pow = 1;
			w.taken = 0;
			w.len = 0;
			w.too_long = 0;
			w.cps = 0;
			w.digit_run = 0;
			w.clitic = 0;
			w.start = (uint32_t)(i - n);
			lead = 0;
			last = last_nonclose = 0;  /* a word ends no sentence and no label */
		}
		if (c == C_DIGIT) {
			digits++;
			if (w.digit_run)
				continue;
			w.digit_run = 1;
			e = I_DIGIT_FOLD;
		} else {
			letters += (e & I_LETTER) != 0;
			arabic += (e & I_ARABIC) != 0;
			latin += (e & I_LATIN) != 0;
			w.digit_run = 0;
		}
		if ((flen = I_FOLD_LEN(e)) == 0)
			continue;
		if (w.len > TOKCAP) {
			w.too_long = 1;
		} else {
			if (w.taken++ > 0)
				w.lead_pow *= WORD_B;
			w.poly = w.poly * WORD_B + (uint64_t)I_FOLD_CP(e);
			w.len += flen;
		}
		if (w.cps++ == 0) {
			w.first = I_FOLD_CP(e);
			w.clitic = (e & I_CLITIC) != 0;
		}
	}
	s->letters = letters;
	s->arabic = arabic;
	s->latin = latin;
	s->digits = digits;
	/* A numbered list item: "  1. text" or "1) text". */
	if (s->ntok > 0 && s->tok_raw[0] < 8 && s->tok_num[0]) {
		uint32_t e = s->tok_rawend[0];

		if (e + 1 < len && (p[e] == '.' || p[e] == ')') && p[e + 1] == ' ' && s->words > 1)
			s->flags |= L_BULLET;
	}
	if (is_terminal(last_nonclose))
		s->flags |= L_TERM;
	if (last == ':' || last == 0xFF1A)
		s->flags |= L_COLON;
	s->fp = line_fingerprint(p, len);
}

/* Hash of tokens [a, b): the key of a phrase of b - a words. */
static uint64_t
hash_tokens(const struct scan *s, unsigned a, unsigned b)
{
	uint64_t h = SEQ_SEED;
	unsigned t;

	for (t = a; t < b; t++)
		h = seq_step(h, s->tok_hash[t]);
	return h;
}

/* Is the text between raw offsets [a, b) a credit: "أ.ف.ب", "AP Photo/X"? */
static int
credit_span(const struct scan *s, const char *p, size_t a, size_t b)
{
	size_t i;
	unsigned t;

	for (i = a; i < b; i++) {
		if (p[i] == '/')
			return 1;
		/* Dotted initials: a letter, a dot, a letter. */
		if (p[i] == '.' && i > a && i + 1 < b && (unsigned char)p[i - 1] >= 'A' &&
		    p[i - 1] != ' ' && p[i + 1] != ' ' && p[i - 1] != '.' &&
		    (unsigned char)p[i + 1] >= 'A')
			return 1;
	}
	for (t = 0; t < s->ntok; t++) {
		if (s->tok_raw[t] < a || s->tok_raw[t] >= b)
			continue;
		if (s->tok_flags[t] & W_CREDIT)
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

/* "Credit:", "Photo:", "Image:" ... in the last 120 bytes of a line. */
static int
caption_tag(const char *p, size_t len)
{
	static const char *const tags[] = {"Credit", "Credits", "Photo", "Image", "Picture",
	    "Foto", "Bild", "Photograph", "Crédit", "Photo credit"};
	size_t from = len > 120 ? len - 120 : 0;
	const char *c = p + from, *end = p + len;

	while ((c = memchr(c, ':', (size_t)(end - c))) != NULL) {
		size_t k, at = (size_t)(c - p);

		for (k = 0; k < sizeof tags / sizeof tags[0]; k++) {
			size_t n = strlen(tags[k]);

			if (at >= n && memcmp(c - n, tags[k], n) == 0 &&
			    (at == n || !((unsigned char)c[-(long)n - 1] >= 'A' &&
			    (unsigned char)c[-(long)n - 1] <= 'Z')))
				return 1;
		}
		c++;
	}
	return 0;
}

/* Does a label end at |at|: "Share:", "شاهد..", "Watch…"? */
static int
label_after(const char *p, size_t len, size_t at)
{
	if (at >= len)
		return 0;
	if (p[at] == ':')
		return 1;
	if (at + 1 < len && p[at] == '.' && p[at + 1] == '.')
		return 1;
	return at + 2 < len && memcmp(p + at, "\xE2\x80\xA6", 3) == 0;  /* … */
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
	for (n = 0; n < len && p[n] != ' ' && p[n] != '\t'; n++)
		;
	if (n < len)
		return 0;  /* more words follow */
	return (len >= 8 && memcmp(p, "https://", 8) == 0) ||
	    (len >= 7 && memcmp(p, "http://", 7) == 0) ||
	    (len >= 4 && memcmp(p, "www.", 4) == 0);
}

static int
url_shape(const char *p, size_t len)
{
	size_t i;

	if (find_bytes(p, len, "http://") || find_bytes(p, len, "https://") ||
	    find_bytes(p, len, "www."))
		return 1;
	for (i = 0; i < len; i++) {
		if (p[i] != '@')
			continue;
		if ((i == 0 || p[i - 1] == ' ') && i + 1 < len && p[i + 1] != ' ')
			return 1;  /* a handle; " @ " alone is "at" */
		if (i + 1 < len && p[i + 1] != ' ')
			return 1;  /* an address */
	}
	return 0;
}

/* Han and kana letters (U+3040-U+9FFF, three bytes each in UTF-8), which
 * Chinese and Japanese write without spaces between words. */
static unsigned
count_cjk(const char *p, size_t len)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i + 2 < len; i++) {
		unsigned char b = (unsigned char)p[i];

		if (b >= 0xE3 && b <= 0xE9) {
			unsigned cp = (unsigned)(b & 0x0F) << 12 |
			    (unsigned)((unsigned char)p[i + 1] & 0x3F) << 6 |
			    ((unsigned char)p[i + 2] & 0x3F);

			n += cp >= 0x3040 && cp <= 0x9FFF;
			i += 2;
		}
	}
	return n;
}

/*
 * Shape of one line, before any context: sets kind, reason and flags.
 */
static void
judge_shape(const struct safi_boilerplate *bp, const char *p, size_t len,
            struct scan *s, struct bp_line *ln)
{
	unsigned nonspace = s->letters + s->digits + s->symbols;
	/* Chinese and Japanese put no spaces between words: two Han or kana
	 * letters count as one more word. */
	unsigned words = s->words;
	unsigned t, k;

	/* Only lines with letters of neither Latin nor Arabic script are
	 * looked at again. */
	if (s->letters > s->arabic + s->latin)
		words += count_cjk(p, len) / CJK_WORD;
	ln->words = words;
	ln->flags = (uint16_t)s->flags;
	if (s->words <= 4 && s->digits > 0 && s->digits >= s->letters)
		ln->flags |= L_NUMCELL;
	if (s->digits > 0)
		ln->flags |= L_DIGITS;
	ln->kind = K_SHORT;
	ln->reason = R_BODY;
	if (nonspace == 0) {
		ln->kind = K_BLANK;
		ln->reason = R_BLANK;
		return;
	}
	/* Phrases, markers and date words: short lines whose every token was
	 * recorded. */
	if (s->words <= PHRASE_LINE_WORDS && s->ntok == s->words && s->words > 0) {
		unsigned maxk = s->ntok < MAX_PHRASE_TOKENS ? s->ntok : MAX_PHRASE_TOKENS;
		unsigned dates = 0, nums = 0;

		uint64_t ph = SEQ_SEED;

		if (!(s->tok_flags[0] & W_PFIRST))
			maxk = 0;
		for (k = 1; k <= maxk; k++) {
			uint32_t v;
			unsigned extra = s->ntok - k;

			ph = seq_step(ph, s->tok_hash[k - 1]);
			v = (uint32_t)map_get(&bp->words, key_of(ph));

			if ((v & W_MARKER) && extra == 0) {
				ln->flags |= L_MARKER;
				goto bad_marker;
			}
			/* "34 responses to <the title>" heads the comments,
			 * whatever the title. */
			if ((v & W_MARKER_PREFIX) && (s->tok_num[0] ||
			    (extra <= MARKER_EXTRA && !(s->flags & L_TERM)))) {
				ln->flags |= L_MARKER;
				goto bad_marker;
			}
			if ((v & (W_MARKER | W_MARKER_PREFIX)) && extra > 0) {
				ln->reason = R_INLINE_MARKER;
				goto bad;
			}
			if ((v & W_EXACT) && extra == 0)
				goto bad_phrase;
			/* "Share: Facebook | X", "Related: <a title>": a widget
			 * word as a label. */
			if ((v & W_EXACT) && s->words <= CONTAINS_WORDS &&
			    label_after(p, len, s->tok_rawend[k - 1]))
				goto bad_phrase;
			if ((v & W_PREFIX) && (extra <= PREFIX_EXTRA ||
			    (extra <= 2 * PREFIX_EXTRA && !(s->flags & L_TERM))))
				goto bad_phrase;
		}
		/* ~phrases anywhere in the line: windows of up to 6 words from
		 * every word that starts one. */
		if (s->words <= CONTAINS_WORDS) {
			for (t = 0; t < s->ntok; t++) {
				uint64_t ch = SEQ_SEED;

				if (!(s->tok_flags[t] & W_CFIRST))
					continue;
				for (k = t + 1; k <= s->ntok && k - t <= 6; k++) {
					ch = seq_step(ch, s->tok_hash[k - 1]);
					if ((uint32_t)map_get(&bp->words, key_of(ch)) & W_CONTAINS)
						goto bad_phrase;
				}
			}
		}
		/* "Facebook X WhatsApp Email": a row of widget words. */
		if (s->words >= 2 && s->words <= 8) {
			unsigned widgets = 0;

			for (t = 0; t < s->ntok; t++)
				widgets += (s->tok_flags[t] & W_EXACT) != 0;
			if (widgets * 2 >= s->words && widgets >= 2) {
				ln->reason = R_MENU;
				goto bad;
			}
		}
		for (t = 0; t < s->ntok; t++) {
			if (s->tok_num[t])
				nums++, dates++;
			else if (s->tok_flags[t] & W_DATE)
				dates++;
		}
		/* "name says:" above a comment. */
		if ((s->flags & L_COLON) && s->words <= 5 && (s->tok_flags[s->ntok - 1] & W_SUFFIX)) {
			ln->reason = R_PHRASE;
			goto bad;
		}
		if (s->words <= 14 && ((nums >= 1 && dates * 10 >= s->words * 6) ||
		    (dates == s->words && s->words <= 3))) {
			ln->reason = R_DATE;
			goto bad;
		}
	}
	if (s->separators >= 2 && s->words <= 4 * s->separators + 4 && !(s->flags & L_TERM)) {
		ln->reason = R_MENU;  /* "Home | News | Sport", "Home > World" */
		goto bad;
	}
	if (s->separators > 0)
		ln->flags |= L_SEPARATED;
	if (s->has_copyright && s->words <= 30) {
		ln->reason = R_COPYRIGHT;
		goto bad;
	}
	if ((s->words <= 8 && url_shape(p, len)) || starts_with_url(p, len)) {
		ln->reason = R_URL;
		goto bad;
	}
	/* Captions and credits. */
	if (s->words <= 80) {
		size_t e = len;

		while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t' || p[e - 1] == '.'))
			e--;
		if (e > 0 && p[e - 1] == ')') {
			size_t b = e - 1;
			int depth = 0;

			while (b > 0) {
				b--;
				if (p[b] == ')')
					depth++;
				else if (p[b] == '(' && depth-- == 0)
					break;
			}
			if (p[b] == '(' && e - b <= 80) {
				size_t lead = 0;

				while (lead < b && (p[lead] == ' ' || p[lead] == '\t'))
					lead++;
				if (lead == b && s->words <= 12) {
					ln->reason = R_CREDIT;
					goto bad;
				}
				if (credit_span(s, p, b + 1, e - 1)) {
					ln->reason = R_CAPTION;
					goto bad;
				}
			}
		}
		/* "... Image: Tom Hale/AFP", "Photo: Reuters", "rabbitCredit: Getty". */
		if (caption_tag(p, len)) {
			ln->reason = R_CAPTION;
			goto bad;
		}
		if (s->ntok == s->words) {
			unsigned from = s->ntok > 8 ? s->ntok - 8 : 0;

			for (t = from; t < s->ntok; t++) {
				uint32_t re = s->tok_rawend[t];

				if (!(s->tok_flags[t] & W_CREDIT))
					continue;
				if ((re < len && (p[re] == ':' || p[re] == '/')) ||
				    (t + 1 == s->ntok && !(s->flags & L_TERM)) ||
				    (t > 0 && s->tok_raw[t] > 0 && (p[s->tok_raw[t] - 1] == '/' ||
				    p[s->tok_raw[t] - 1] == '|'))) {
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
	if (words >= bp->o.min_words &&
	    ((s->flags & L_TERM) || words >= 2 * bp->o.min_words))
		ln->kind = K_GOOD;  /* refined with the language in judge_density */
	else if (words >= 5)
		ln->kind = K_NEAR;
	else
		ln->kind = K_SHORT;
	return;
bad_marker:
	for (t = 0; t < s->ntok; t++)
		if (s->tok_num[t])
			ln->flags |= L_COUNTER;
	ln->reason = R_MARKER;
	goto bad;
bad_phrase:
	ln->reason = R_PHRASE;
bad:
	ln->kind = K_BAD;
}

/* ---- the classifier ------------------------------------------------------ */

void
safi_boilerplate_opts_default(struct safi_boilerplate_opts *o)
{
	memset(o, 0, sizeof *o);
	o->min_words = 10;
	o->max_heading = 15;
	o->min_stop = 20;
	o->min_docs = 3;
	o->state_max = 1000000;
	o->state_age = 30;
	o->max_document = (size_t)256 << 20;
}

static int
lang_index(struct safi_boilerplate *bp, const char *lang, int add)
{
	int i;

	for (i = 0; i < bp->nlangs; i++)
		if (strcmp(bp->langs[i], lang) == 0)
			return i;
	if (!add || bp->nlangs == BP_MAXLANG)
		return -1;
	bp->langs[bp->nlangs] = lang;
	if (strcmp(lang, "ar") == 0)
		bp->ar_bit = 1u << bp->nlangs;
	return bp->nlangs++;
}

/* Adds one entry of a word list with |flags|; the text is folded and split
 * into words as the lines are. */
static int
add_entry(struct safi_boilerplate *bp, const char *w, size_t n, uint32_t flags)
{
	struct scan scan, *s = &scan;
	uint64_t h, first, *v;
	uint32_t first_flag = 0;
	int err;

	scan_line(bp, w, n, s);
	if (s->ntok == 0 || s->ntok != s->words || s->ntok > MAX_PHRASE_TOKENS)
		return 0;
	h = hash_tokens(s, 0, s->ntok);
	first = hash_tokens(s, 0, 1);
	if ((err = map_slot(&bp->words, key_of(h), &v)) < 0)
		return err;
	*v |= flags;
	bp->word_bits[(h >> 54) & 1023] |= (uint64_t)1 << ((h >> 48) & 63);
	/* The first word carries a flag, so that lines whose words start no
	 * phrase are not hashed any further. */
	if (flags & (W_EXACT | W_PREFIX | W_MARKER | W_MARKER_PREFIX))
		first_flag = W_PFIRST;
	else if (flags & W_CONTAINS)
		first_flag = W_CFIRST;
	if (first_flag) {
		if ((err = map_slot(&bp->words, key_of(first), &v)) < 0)
			return err;
		*v |= first_flag;
		bp->word_bits[(first >> 54) & 1023] |= (uint64_t)1 << ((first >> 48) & 63);
	}
	return 0;
}

static int
add_phrase_line(struct safi_boilerplate *bp, const char *w, size_t n)
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
	return add_entry(bp, w, n, flags);
}

int
safi_boilerplate_add_phrases(struct safi_boilerplate *bp, const char *text, size_t len)
{
	size_t i = 0;
	int err;

	while (i < len) {
		size_t j = i;

		while (j < len && text[j] != '\n')
			j++;
		if ((err = add_phrase_line(bp, text + i, j - i)) < 0)
			return err;
		i = j + 1;
	}
	return 0;
}

static int
load_builtin(struct safi_boilerplate *bp)
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
		if ((l = lang_index(bp, all[i].lang, 1)) < 0)
			continue;
		for (k = 0; k < all[i].n; k++)
			if ((err = add_entry(bp, all[i].words[k], all[i].lens[k], 1u << l)) < 0)
				return err;
	}
	for (i = 0; i < n; i++) {
		if (all[i].n == 0 || strcmp(all[i].kind, "phrases") != 0)
			continue;
		for (k = 0; k < all[i].n; k++)
			if ((err = add_phrase_line(bp, all[i].words[k], all[i].lens[k])) < 0)
				return err;
	}
	return 0;
}

int
safi_boilerplate_new(struct safi_boilerplate **out, const struct safi_boilerplate_opts *opts)
{
	struct safi_boilerplate *bp;
	int32_t cp;
	int err;

	*out = NULL;
	if ((bp = calloc(1, sizeof *bp)) == NULL)
		return SAFI_ENOMEM;
	if (opts)
		bp->o = *opts;
	else
		safi_boilerplate_opts_default(&bp->o);
	if (bp->o.min_words == 0)
		bp->o.min_words = 1;
	if (bp->o.max_document == 0 || bp->o.max_document > ((size_t)1 << 32))
		bp->o.max_document = (size_t)1 << 32;
	bp->text.limit = bp->o.max_document + 1;
	bp->lang_fixed = -1;
	bp->doc_lang = -1;
	for (cp = 0; cp < CP_TABLE; cp++)
		bp->char_info[cp] = char_info(cp);
	if (!bp->o.no_builtin && (err = load_builtin(bp)) < 0) {
		safi_boilerplate_free(bp);
		return err;
	}
	if (bp->o.lang) {
		bp->lang_fixed = lang_index(bp, bp->o.lang, 0);
		if (bp->lang_fixed < 0 && !bp->o.no_builtin) {
			safi_boilerplate_free(bp);
			return SAFI_ENOTFOUND;
		}
	}
	*out = bp;
	return 0;
}

void
safi_boilerplate_free(struct safi_boilerplate *bp)
{
	if (bp == NULL)
		return;
	map_free(&bp->words);
	map_free(&bp->dup);
	map_free(&bp->seen);
	safi_buf_free(&bp->text);
	free(bp->lines);
	free(bp);
}

int
safi_boilerplate_add_line(struct safi_boilerplate *bp, const char *p, size_t len,
                          uint64_t lineno)
{
	struct bp_line *ln;
	int err;

	if (bp->classified) {
		bp->classified = 0;
		bp->nlines = 0;
		bp->text.len = 0;
	}
	if (bp->text.len + len > bp->o.max_document && bp->nlines > 0)
		return SAFI_ETOOBIG;
	if (bp->nlines == bp->capl) {
		size_t cap = bp->capl ? bp->capl * 2 : 256;
		struct bp_line *nl;

		if (cap > (SIZE_MAX / sizeof *nl) || (nl = realloc(bp->lines, cap * sizeof *nl)) == NULL)
			return SAFI_ENOMEM;
		bp->lines = nl;
		bp->capl = cap;
		safi_mem_large(nl, cap * sizeof *nl);
	}
	ln = &bp->lines[bp->nlines];
	ln->off = bp->text.len;
	ln->len = len;
	ln->lineno = lineno;
	if (len > 0) {
		size_t limit = bp->text.limit;

		/* A single line longer than the ceiling is still taken whole. */
		if (bp->text.len + len >= limit)
			bp->text.limit = bp->text.len + len + 1;
		err = safi_buf_append(&bp->text, p, len);
		bp->text.limit = limit;
		if (err < 0)
			return err;
	} else if (bp->text.ptr == NULL &&
	           (err = safi_buf_reserve(&bp->text, 1)) < 0) {
		return err;  /* lines are text.ptr + off: never NULL + 0 */
	}
	bp->nlines++;
	return 0;
}

/* Per-line pass: shape, stop words, fingerprint. */
static void
analyze_lines(struct safi_boilerplate *bp)
{
	struct scan scan, *s = &scan;  /* about 1.5 KiB */
	size_t i;

	bp->doc_arabic = bp->doc_latin = 0;
	for (i = 0; i < bp->nlines; i++) {
		struct bp_line *ln = &bp->lines[i];
		const char *p = bp->text.ptr + ln->off;
		int l;

		scan_line(bp, p, ln->len, s);
		judge_shape(bp, p, ln->len, s, ln);
		ln->fp = s->fp;
		for (l = 0; l < BP_MAXLANG; l++)  /* no division where there is nothing to divide */
			ln->stop[l] = s->stop[l] ? (uint8_t)((uint64_t)s->stop[l] * 100 / s->words) : 0;
		bp->doc_arabic += s->arabic;
		bp->doc_latin += s->latin;
	}
}

static int
pick_language(struct safi_boilerplate *bp)
{
	uint64_t hits[BP_MAXLANG] = {0};
	size_t i;
	int l, best = -1;

	if (bp->lang_fixed >= 0)
		return bp->lang_fixed;
	if (bp->doc_arabic > bp->doc_latin)
		return lang_index(bp, "ar", 0);
	uint64_t words = 0;

	for (i = 0; i < bp->nlines; i++) {
		words += bp->lines[i].words;
		for (l = 0; l < bp->nlangs; l++)
			hits[l] += (uint64_t)bp->lines[i].stop[l] * bp->lines[i].words;
	}
	for (l = 0; l < bp->nlangs; l++) {
		if (strcmp(bp->langs[l], "ar") == 0)
			continue;
		if (hits[l] > 0 && (best < 0 || hits[l] > hits[best]))
			best = l;
	}
	/* Text in a language without a list shares a few short words with
	 * one: under 8% stop words (hits are in percent of words) is none. */
	if (best >= 0 && hits[best] < words * 8)
		best = -1;
	return best;
}

/* GOOD needs enough stop words for the language (when there is a list),
 * or, without one, a sentence end. */
static void
judge_density(struct safi_boilerplate *bp, int lang)
{
	size_t i;

	for (i = 0; i < bp->nlines; i++) {
		struct bp_line *ln = &bp->lines[i];

		/* An Arabic paragraph without a sentence end (many Arabic
		 * sites end none) is body text when it has one and a half
		 * times the stop words asked of a paragraph: headlines have
		 * few. */
		if (ln->kind == K_NEAR && lang >= 0 && bp->ar_bit == 1u << lang &&
		    ln->words >= bp->o.min_words &&
		    !(ln->flags & (L_TERM | L_BULLET | L_COLON)) &&
		    ln->stop[lang] * 2 >= 3 * bp->o.min_stop)
			ln->kind = K_GOOD;
		if (ln->kind != K_GOOD)
			continue;
		if (lang >= 0) {
			unsigned pct = ln->stop[lang];

			if (pct < bp->o.min_stop && !((ln->flags & L_TERM) && pct * 2 >= bp->o.min_stop))
				ln->kind = K_NEAR;
		} else if (!(ln->flags & L_TERM) && ln->words < 2 * bp->o.min_words) {
			ln->kind = K_NEAR;
		}
	}
}

/* Counts each distinct line of the last document once in the table of
 * fingerprints.  bp->dup holds them until the next document or the saving
 * of the table, so that a run over a single document never builds it. */
static int
merge_seen(struct safi_boilerplate *bp)
{
	size_t i;
	int err;

	if (!bp->unmerged)
		return 0;
	bp->unmerged = 0;
	for (i = 0; i < bp->dup.cap; i++) {
		uint64_t *v;

		if (!bp->dup.e[i].key)
			continue;
		if ((err = map_slot(&bp->seen, bp->dup.e[i].key, &v)) < 0)
			return err;
		if ((*v >> 32) < 0xFFFFFFFFu)
			*v += (uint64_t)1 << 32;
		*v = (*v & ~(uint64_t)0xFFFFFFFFu) | bp->generation;
	}
	return 0;
}

static int
mark_repeats(struct safi_boilerplate *bp)
{
	size_t i, n = 0;
	uint64_t *v;
	int err;

	if ((err = merge_seen(bp)) < 0)
		return err;
	if (bp->dup.cap > 4096 && bp->dup.cap > 8 * bp->nlines)
		map_free(&bp->dup);  /* a big document before must not slow the small ones */
	map_clear(&bp->dup);
	for (i = 0; i < bp->nlines; i++)
		n += bp->lines[i].kind != K_BLANK;
	if ((err = map_grow(&bp->dup, n)) < 0)  /* sized once */
		return err;
	for (i = 0; i < bp->nlines; i++) {
		struct bp_line *ln = &bp->lines[i];

		ln->first = (uint32_t)i;
		if (ln->kind == K_BLANK)
			continue;
		if ((err = map_slot(&bp->dup, ln->fp, &v)) < 0)
			return err;
		if (*v == 0) {
			*v = i + 1;
		} else {
			ln->first = (uint32_t)(*v - 1);
			bp->lines[ln->first].flags |= L_REPEATED;
			if (ln->kind != K_BAD && ln->words >= 4) {
				ln->kind = K_BAD;
				ln->reason = R_DUPLICATE;
			}
		}
	}
	if (!bp->o.min_docs)
		return 0;
	/* A line is in this document and in as many as the table counts. */
	bp->unmerged = 1;
	for (i = 0; i < bp->nlines; i++) {
		struct bp_line *ln = &bp->lines[i];
		uint64_t docs = bp->seen.n ? map_get(&bp->seen, ln->fp) >> 32 : 0;

		if (ln->kind == K_BLANK)
			continue;
		if (docs < 0xFFFFFFFFu)
			docs++;
		if (docs >= bp->o.min_docs) {
			ln->kind = K_BAD;
			ln->reason = R_RECURRING;
		}
	}
	return 0;
}

/* The value of a cell that is a bare number, or -1. */
static long
cell_number(const char *p, size_t len)
{
	long v = 0;
	size_t i = 0, d = 0;

	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	for (; i < len && p[i] >= '0' && p[i] <= '9' && d < 9; i++, d++)
		v = v * 10 + (p[i] - '0');
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '.'))
		i++;
	return d > 0 && i == len ? v : -1;
}

/* A table, as a scraper prints it: one cell per line and no blank line
 * between the cells of TABLE_LINES lines or more, not list items, most of
 * them short and three in ten of them numbers.  A calendar or a pager
 * (numbers counting up by one) is not a table. */
#define TABLE_LINES 12

static void
mark_tables(struct safi_boilerplate *bp)
{
	size_t i = 0, j, k;

	while (i < bp->nlines) {
		size_t nums = 0, shorts = 0, pairs = 0, steps = 0;
		long prev = -1;

		if (bp->lines[i].kind == K_BLANK) {
			i++;
			continue;
		}
		for (j = i; j < bp->nlines && bp->lines[j].kind != K_BLANK; j++) {
			const struct bp_line *ln = &bp->lines[j];

			if (ln->flags & L_BULLET)
				break;
			shorts += ln->words <= 8;
			if (ln->flags & L_NUMCELL) {
				long v = cell_number(bp->text.ptr + ln->off, ln->len);

				nums++;
				if (v >= 0 && prev >= 0) {
					pairs++;
					steps += v == prev + 1;
				}
				prev = v;
			}
		}
		if (j - i >= TABLE_LINES && nums * 10 >= (j - i) * 3 && shorts * 10 >= (j - i) * 8 &&
		    steps * 2 <= pairs)
			for (k = i; k < j; k++)
				bp->lines[k].flags |= L_TABLE;
		i = j > i ? j : i + 1;
	}
}

/* Zone weights: a body paragraph counts its words (up to 80); a short or
 * bad line costs a little, so that a few of them inside the article do not
 * split it while a menu or a run of teasers ends it. */
enum { ZONE_SHORT = -3, ZONE_BAD = -8 };

static long
zone_score(const struct safi_boilerplate *bp, const struct bp_line *ln)
{
	(void)bp;
	if ((ln->flags & L_TABLE) && ln->kind != K_GOOD)
		return 0;  /* a table in the article neither ends nor makes it */
	switch (ln->kind) {
	case K_GOOD:
		return ln->words > 80 ? 80 : ln->words;
	case K_NEAR:
		return (ln->flags & L_TERM) ? (long)ln->words / 2 : -2;
	case K_SHORT:
		return ZONE_SHORT;
	case K_BAD:
		return ZONE_BAD;
	default:
		return 0;
	}
}

/* The body zone: the run of lines [*a, *b] below |end| with the largest
 * score sum.  Returns 0 when no run has a positive sum. */
static int
find_zone(const struct safi_boilerplate *bp, size_t from, size_t end, size_t *a, size_t *b,
          long *score)
{
	long best = 0, run = 0;
	size_t i, run_start = from;
	int found = 0;

	for (i = from; i < end; i++) {
		long sc = zone_score(bp, &bp->lines[i]);

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

/* A line that could be the headline of a teaser: not body text, not a
 * list item, of a few words. */
static int
teaser_headline(const struct bp_line *ln)
{
	return (ln->kind == K_NEAR || ln->kind == K_SHORT) &&
	    !(ln->flags & (L_BULLET | L_TERM | L_COLON)) && ln->words >= 3 && ln->words <= 25;
}

/*
 * Trims from the end of the zone a run of teasers of other stories: four
 * or more units of one or two headline lines and one paragraph each (a
 * byline of one or two words and dates may stand between them), as
 * "more stories" blocks without a marker print them.  An article's own
 * subheadings head several paragraphs, and the zone keeps at least three
 * body paragraphs before the run.
 */
static void
trim_teasers(const struct safi_boilerplate *bp, size_t a, size_t *b)
{
	size_t i = *b + 1, start = SIZE_MAX, good_before = 0, j;
	unsigned units = 0;

	for (;;) {
		size_t heads = 0, para, names = 0;

		/* The paragraph of the unit, past dates and bylines. */
		while (i > a && (bp->lines[i - 1].kind == K_BLANK || bp->lines[i - 1].kind == K_BAD))
			i--;
		if (i <= a || bp->lines[i - 1].kind != K_GOOD)
			break;
		para = --i;
		/* One or two headlines right above it. */
		while (i > a && heads < 2) {
			const struct bp_line *ln = &bp->lines[i - 1];

			if (ln->kind == K_BLANK || (ln->kind == K_BAD && ln->reason == R_DATE)) {
				i--;
				continue;
			}
			/* A byline of one or two words between the headline
			 * and the paragraph. */
			if (heads == 0 && names == 0 && ln->kind == K_SHORT && ln->words <= 2 &&
			    !(ln->flags & (L_BULLET | L_TERM | L_COLON))) {
				names++;
				i--;
				continue;
			}
			if (!teaser_headline(ln))
				break;
			heads++;
			i--;
		}
		if (heads == 0) {
			i = para + 1;
			break;
		}
		units++;
		start = i;
	}
	if (units < 4 || start == SIZE_MAX)
		return;
	for (j = a; j < start; j++)
		good_before += bp->lines[j].kind == K_GOOD;
	if (good_before < 3)
		return;
	for (j = start; j-- > a;)
		if (bp->lines[j].kind == K_GOOD || bp->lines[j].kind == K_NEAR)
			break;
	*b = j;
}

/* May a line of a list be kept, whatever its own shape says? */
static int
list_item(const struct bp_line *ln)
{
	if (ln->kind != K_BAD)
		return 1;
	return ln->reason == R_DATE || ln->reason == R_CAPTION || ln->reason == R_SYMBOLS ||
	    ln->reason == R_DUPLICATE;
}

/*
 * A list that an article introduces with a colon ("The dates of the
 * tour:", "Ingredients:"): a line ending in ':' inside the zone or right
 * after its end, followed by two items or more, one per line with no blank
 * line between them (or list items, blank lines between).  The intro and
 * the items are kept, up to a line that is boilerplate by its phrase.
 */
static void
keep_colon_lists(struct safi_boilerplate *bp, size_t a, size_t b, size_t cut)
{
	size_t i, j, k, items, end = b + 1;

	while (end < cut && bp->lines[end].kind == K_BLANK)
		end++;
	for (i = a; i <= end && i < cut; i++) {
		struct bp_line *ln = &bp->lines[i];

		if (!(ln->flags & L_COLON) || (ln->flags & L_BULLET) || ln->kind == K_BAD ||
		    ln->kind == K_BLANK || ln->words > bp->o.max_heading * 2)
			continue;
		for (j = i + 1, items = 0; j < cut; j++, items++) {
			if (bp->lines[j].kind == K_BLANK) {
				for (k = j; k < cut && bp->lines[k].kind == K_BLANK; k++)
					;
				if (k == cut || !(bp->lines[k].flags & L_BULLET) ||
				    !(bp->lines[j - 1].flags & L_BULLET))
					break;
				j = k;
			}
			/* Items alike: list items, or lines of one block. */
			if (!list_item(&bp->lines[j]) || (bp->lines[j].flags & L_COLON) ||
			    (j > i + 1 && ((bp->lines[j].flags ^ bp->lines[i + 1].flags) & L_BULLET)))
				break;
		}
		if (items < 2)
			continue;
		ln->keep = 1;
		ln->reason = R_LIST;
		for (k = i + 1; k < j; k++)
			if (bp->lines[k].kind != K_BLANK && !bp->lines[k].keep) {
				bp->lines[k].keep = 1;
				bp->lines[k].reason = R_LIST;
			}
		i = j - 1;
	}
}

/*
 * Topic words: how many of the content words (not stop words, not
 * numbers) of the first two body paragraphs from |g| on were used in the
 * body paragraphs above |m|.  The share, in percent, is returned.
 */
#define TOPIC_SLOTS 1024
#define TOPIC_LINES 40

static unsigned
topic_share(const struct safi_boilerplate *bp, size_t m, size_t g)
{
	uint64_t set[TOPIC_SLOTS];
	struct scan scan, *s = &scan;
	size_t i, n = 0, lines = 0;
	unsigned t, hits = 0, total = 0;

	memset(set, 0, sizeof set);
	for (i = m; i-- > 0 && lines < TOPIC_LINES;) {
		const struct bp_line *ln = &bp->lines[i];

		if (ln->kind != K_GOOD)
			continue;
		lines++;
		scan_line(bp, bp->text.ptr + ln->off, ln->len, s);
		for (t = 0; t < s->ntok && n < TOPIC_SLOTS / 2; t++) {
			uint64_t k = key_of(s->tok_hash[t]);
			size_t j = k & (TOPIC_SLOTS - 1);

			if ((s->tok_flags[t] & 0xFF) || s->tok_num[t])
				continue;
			while (set[j] && set[j] != k)
				j = (j + 1) & (TOPIC_SLOTS - 1);
			if (!set[j])
				set[j] = k, n++;
		}
	}
	for (i = g, lines = 0; i < bp->nlines && lines < 2; i++) {
		const struct bp_line *ln = &bp->lines[i];

		if (ln->kind != K_GOOD)
			continue;
		lines++;
		scan_line(bp, bp->text.ptr + ln->off, ln->len, s);
		for (t = 0; t < s->ntok; t++) {
			uint64_t k = key_of(s->tok_hash[t]);
			size_t j = k & (TOPIC_SLOTS - 1);

			if ((s->tok_flags[t] & 0xFF) || s->tok_num[t])
				continue;
			total++;
			while (set[j] && set[j] != k)
				j = (j + 1) & (TOPIC_SLOTS - 1);
			hits += set[j] == k;
		}
	}
	return total ? hits * 100 / total : 0;
}

/*
 * A lead set above the byline: walking up from the zone past short lines
 * and boilerplate, at most LEAD_LINES lines, the first body paragraph that
 * has a byline, date, caption or credit line between it and the zone is the
 * article's lead. A marker, a near paragraph or a kept line (the title, a
 * standfirst) ends the walk.
 */
#define LEAD_LINES 8

static void
keep_lead(struct safi_boilerplate *bp, size_t a)
{
	size_t i, seen = 0;
	int furniture = 0;

	for (i = a; i-- > 0 && seen < LEAD_LINES;) {
		struct bp_line *ln = &bp->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		seen++;
		if (ln->kind == K_BAD) {
			if (ln->reason == R_MARKER || ln->reason == R_AFTER_MARKER ||
			    ln->reason == R_INLINE_MARKER)
				return;
			if (ln->reason == R_PHRASE || ln->reason == R_DATE ||
			    ln->reason == R_CAPTION || ln->reason == R_CREDIT ||
			    ln->reason == R_COPYRIGHT)
				furniture = 1;
			continue;
		}
		if (ln->keep && ln->reason == R_TITLE && ln->kind != K_GOOD)
			continue;
		if (ln->keep)
			return;
		if (ln->kind == K_SHORT)
			continue;
		if (furniture && ln->kind == K_GOOD && !(ln->flags & L_BULLET) &&
		    ln->reason == R_HEAD) {
			ln->keep = 1;
			ln->reason = R_STANDFIRST;
		}
		return;
	}
}

/*
 * The text between the end of the zone and a marker that cuts the page:
 * when it is GAP_LINES lines or more and not one of them is boilerplate by
 * its phrase, menu, URL or copyright shape (dates, captions and repeated
 * lines may be among them, and are still dropped), and none is a list item
 * (as menus are), it is the article's own list (a plan, a programme) that
 * runs up to the "related" marker: kept.
 */
#define GAP_LINES 30

static void
keep_gap(struct safi_boilerplate *bp, size_t b, size_t cut)
{
	size_t i, n = 0;

	for (i = b + 1; i < cut; i++) {
		const struct bp_line *ln = &bp->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if ((ln->kind == K_BAD && !list_item(ln)) || (ln->flags & L_BULLET))
			return;
		n++;
	}
	if (n < GAP_LINES)
		return;
	for (i = b + 1; i < cut; i++)
		if (bp->lines[i].kind != K_BLANK && bp->lines[i].kind != K_BAD) {
			bp->lines[i].keep = 1;
			bp->lines[i].reason = R_LIST;
		}
}

/*
 * A list right below the zone, up to the first line that is boilerplate
 * by its phrase, menu, URL or copyright shape, a list item, a body
 * paragraph or a blank line between two items: when it has GAP_LINES lines
 * or more (a blank line may follow its first line, the heading) and half
 * of them have digits, it is the article's own programme, dates or results
 * and is kept.  Dates and other boilerplate shapes among them are still
 * dropped.  Headline lists set their items apart with blank lines or
 * bullets, or have few numbers.
 */
static void
keep_tail_list(struct safi_boilerplate *bp, size_t b, size_t cut)
{
	size_t i, n = 0, digits = 0, end;

	for (i = b + 1; i < cut; i++) {
		const struct bp_line *ln = &bp->lines[i];

		if (ln->kind == K_BLANK) {
			if (n >= 2)
				break;
			continue;
		}
		if ((ln->kind == K_BAD && !list_item(ln)) || (ln->flags & L_BULLET) ||
		    ln->kind == K_GOOD || ln->keep)
			break;
		n++;
		digits += (ln->flags & L_DIGITS) != 0;
	}
	end = i;
	if (n < GAP_LINES || digits * 2 < n)
		return;
	for (i = b + 1; i < end; i++)
		if (bp->lines[i].kind != K_BLANK && bp->lines[i].kind != K_BAD) {
			bp->lines[i].keep = 1;
			bp->lines[i].reason = R_LIST;
		}
}

/* Most lines of a "related" box inside an article. */
#define BOX_LINES 6
#define BOX_TOPIC 5   /* percent of topic words shared with the article */

/*
 * A marker at |m| heads a box inside the article, not a tail, when what
 * follows it is a few teaser headlines (two to BOX_LINES of them, or none)
 * and then the article going on: two body paragraphs in a row, sharing
 * some of their content words with the body above the marker.  A marker
 * followed by one headline and prose carries another story whole: a tail.
 * Returns the index of the first body paragraph after the box, or 0.
 */
static size_t
box_end(const struct safi_boilerplate *bp, size_t m)
{
	size_t i = m + 1, teasers = 0, g;

	for (;; i++) {
		const struct bp_line *ln;

		if (i >= bp->nlines)
			return 0;
		ln = &bp->lines[i];
		if (ln->kind == K_BLANK)
			continue;
		if (ln->kind == K_GOOD)
			break;
		if ((ln->flags & L_MARKER) || teasers == BOX_LINES ||
		    !(teaser_headline(ln) || ((ln->flags & L_BULLET) && ln->kind != K_BAD &&
		    ln->words <= 25)))
			return 0;
		teasers++;
	}
	if (teasers == 1)
		return 0;
	g = i;
	for (i++; i < bp->nlines && bp->lines[i].kind == K_BLANK; i++)
		;
	if (i >= bp->nlines || bp->lines[i].kind != K_GOOD)
		return 0;
	/* The same story goes on, not a footer: some of its words come
	 * back. */
	return topic_share(bp, m, g) >= BOX_TOPIC ? g : 0;
}

/*
 * Where the tail starts: the first marker below the start of the body
 * zone [a, ...] (or above it, when body text of at least ARTICLE_SCORE
 * stands above the marker: the zone found was a footer) that does not head
 * a box inside the article.  The lines of such boxes are dropped as
 * teasers.  Returns bp->nlines when there is no tail.
 */
#define ARTICLE_SCORE 40

/*
 * A comment counter ("44 comments") at |m| with less than ARTICLE_SCORE of
 * the zone above it (|above|) and a body paragraph right below it (past
 * dates, numbers and captions) stands among the article's byline and
 * date: a widget at the top of the article, not the head of the comments
 * at its end.
 */
static int
counter_widget(const struct safi_boilerplate *bp, size_t m, long above)
{
	size_t i;

	if (above >= ARTICLE_SCORE)
		return 0;
	for (i = m + 1; i < bp->nlines; i++) {
		const struct bp_line *ln = &bp->lines[i];

		if (ln->kind != K_BLANK && (ln->kind != K_BAD || (ln->reason != R_DATE &&
		    ln->reason != R_SYMBOLS && ln->reason != R_CAPTION && ln->reason != R_CREDIT)))
			return ln->kind == K_GOOD;
	}
	return 0;
}

static size_t
find_cut(struct safi_boilerplate *bp, int have_zone, size_t a, long zone_sc)
{
	size_t i, j, g, k = 0, za = 0;
	long run = 0, best = 0, above = 0;

	for (i = 0; i < bp->nlines; i++) {
		if (!(bp->lines[i].flags & L_MARKER) || (bp->lines[i].flags & L_BULLET))
			continue;
		if (!have_zone)
			return bp->nlines;
		if (i <= a) {
			/* The best zone above the marker, as find_zone() would
			 * find it, carried on from the last marker. */
			for (; k < i; k++) {
				long sc = zone_score(bp, &bp->lines[k]);

				if (run <= 0 && sc > 0)
					run = 0;
				run += sc;
				if (run > best)
					best = run;
			}
			if (best < ARTICLE_SCORE || 3 * best < zone_sc)
				continue;
		}
		if (i > a && (bp->lines[i].flags & L_COUNTER)) {
			/* The zone's score from its start to the counter. */
			for (za = za > a ? za : a; za < i; za++)
				above += zone_score(bp, &bp->lines[za]);
			if (counter_widget(bp, i, above))
				continue;  /* dropped as a marker, no cut */
		}
		if ((g = box_end(bp, i)) == 0)
			return i;
		bp->lines[i].kind = K_BAD;
		bp->lines[i].reason = R_MARKER;
		for (j = i + 1; j < g; j++)
			if (bp->lines[j].kind != K_BLANK) {
				bp->lines[j].kind = K_BAD;
				bp->lines[j].reason = R_TEASER;
			}
		i = g - 1;
	}
	return bp->nlines;
}

/*
 * A second body zone above the first: a page may break its article with
 * a block of widgets, a table of products or a form, and the best run of
 * lines then holds only one part of it.  The best run above the zone is
 * body text too when it scores at least ARTICLE_SCORE and a third of the
 * zone's score, as find_cut() asks of the text above a marker.  The lines
 * between the two runs stay in the page's head.
 */
static int
upper_zone(const struct safi_boilerplate *bp, size_t a, size_t *a2, size_t *b2, long zone_sc)
{
	long sc;

	return find_zone(bp, 0, a, a2, b2, &sc) && sc >= ARTICLE_SCORE && 3 * sc >= zone_sc;
}

/* Notes on each line of the zone [a, b] the kind of the nearest line
 * before and after it that is body text or boilerplate (skipping blank,
 * short and near lines); past the zone counts as boilerplate. */
static void
note_neighbours(struct safi_boilerplate *bp, size_t a, size_t b)
{
	uint8_t last = K_BAD;
	size_t i;

	for (i = a; i <= b; i++) {
		bp->lines[i].prev_kind = last;
		if (bp->lines[i].kind == K_GOOD || bp->lines[i].kind == K_BAD)
			last = bp->lines[i].kind;
	}
	last = K_BAD;
	for (i = b + 1; i-- > a;) {
		bp->lines[i].next_kind = last;
		if (bp->lines[i].kind == K_GOOD || bp->lines[i].kind == K_BAD)
			last = bp->lines[i].kind;
	}
}

/* Context smoothing inside the zone: body paragraphs stay; a near line
 * stays next to body text; a short line stays as a heading when the text
 * after it is body text. */
static int
context_keeps(const struct safi_boilerplate *bp, size_t i, size_t b)
{
	const struct bp_line *ln = &bp->lines[i];
	size_t j;

	if (ln->kind == K_GOOD)
		return 1;
	/* A list item between body paragraphs. */
	if ((ln->flags & L_BULLET) && ln->prev_kind == K_GOOD && ln->next_kind == K_GOOD)
		return 1;
	if (ln->kind == K_NEAR)
		return ln->prev_kind == K_GOOD || ln->next_kind == K_GOOD;
	if (ln->words > bp->o.max_heading)
		return 0;
	for (j = i + 1; j <= b && bp->lines[j].kind == K_BLANK; j++)
		;
	if (j > b || (bp->lines[j].kind != K_GOOD && bp->lines[j].kind != K_NEAR))
		return 0;
	return ln->next_kind == K_GOOD;
}

static int
heading_like(const struct safi_boilerplate *bp, const struct bp_line *ln)
{
	(void)bp;
	if (ln->kind == K_BLANK || (ln->flags & (L_BULLET | L_COLON | L_SEPARATED)))
		return 0;
	if (ln->kind == K_BAD && ln->reason != R_DUPLICATE)
		return 0;
	if (ln->words < 3 || ln->words > 30)
		return 0;
	if (ln->flags & L_TERM) {
		/* A question or an exclamation may be a title, a full stop not. */
		return 1;
	}
	return 1;
}

int
safi_boilerplate_end_document(struct safi_boilerplate *bp)
{
	size_t i, cut, a = 0, b = 0, a2 = 0, b2 = 0;
	int err, lang, have_zone, have2 = 0;
	long zone_sc = 0;

	if (bp->classified) {
		/* Nothing was added since: an empty document. */
		bp->nlines = 0;
		bp->text.len = 0;
	}
	bp->classified = 1;
	analyze_lines(bp);
	lang = pick_language(bp);
	bp->doc_lang = lang;
	judge_density(bp, lang);
	if ((err = mark_repeats(bp)) < 0)
		return err;
	mark_tables(bp);
	/* A first body zone over the whole page; then the tail after a marker
	 * below its start goes, and the zone is found again above the cut. */
	have_zone = find_zone(bp, 0, bp->nlines, &a, &b, &zone_sc);
	cut = find_cut(bp, have_zone, a, zone_sc);
	for (i = cut; i < bp->nlines; i++) {
		struct bp_line *ln = &bp->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		ln->kind = K_BAD;
		ln->reason = i == cut ? R_MARKER : R_AFTER_MARKER;
	}
	if (cut < bp->nlines)
		have_zone = find_zone(bp, 0, cut, &a, &b, &zone_sc);
	have2 = have_zone && upper_zone(bp, a, &a2, &b2, zone_sc);
	/* Long lines right above the zone, with nothing between, are its
	 * first paragraphs even when they miss the body-text tests. */
	while (have_zone && a > 0 && bp->lines[a - 1].kind == K_NEAR &&
	    bp->lines[a - 1].words >= bp->o.min_words && !(bp->lines[a - 1].flags & L_BULLET))
		a--;
	if (have_zone)
		trim_teasers(bp, a, &b);
	if (have_zone)
		note_neighbours(bp, a, b);
	if (have2)
		note_neighbours(bp, a2, b2);
	for (i = 0; i < bp->nlines; i++) {
		struct bp_line *ln = &bp->lines[i];

		if (ln->kind == K_BLANK) {
			ln->keep = -1;
			continue;
		}
		ln->keep = 0;
		/* The cells of a table inside the zone, numbers and repeated
		 * cells too; on a page without a zone, its tables. */
		if ((ln->flags & L_TABLE) && (!have_zone || (i >= a && i <= b)) &&
		    (ln->kind != K_BAD || ln->reason == R_DATE || ln->reason == R_SYMBOLS ||
		    ln->reason == R_DUPLICATE)) {
			ln->keep = 1;
			ln->reason = R_TABLE;
			continue;
		}
		if (ln->kind == K_BAD)
			continue;
		if (!have_zone) {
			ln->reason = R_NOBODY;
		} else if (have2 && i >= a2 && i <= b2) {
			ln->keep = context_keeps(bp, i, b2);
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
			ln->keep = context_keeps(bp, i, b);
			ln->reason = ln->kind == K_GOOD ? R_BODY :
			    (ln->flags & L_BULLET) ? R_LIST :
			    ln->kind == K_NEAR ? R_TEXT : R_HEADING;
			if (!ln->keep)
				ln->reason = R_CONTEXT;
		}
	}
	if (have_zone)
		keep_colon_lists(bp, a, b, cut);
	if (have_zone && cut < bp->nlines)
		keep_gap(bp, b, cut);
	if (have_zone)
		keep_tail_list(bp, b, cut);
	/* The title: the nearest heading-like line above the zone, and the
	 * standfirst right after it. */
	if (have_zone) {
		size_t seen = 0, t = SIZE_MAX, top = have2 ? a2 : a;

		/* A doubled line wins: pages print their headline twice. */
		for (i = top; i-- > 0 && seen < 12;) {
			struct bp_line *ln = &bp->lines[i];

			if (ln->kind == K_BLANK)
				continue;
			seen++;
			if (!heading_like(bp, ln))
				continue;
			if (t == SIZE_MAX)
				t = ln->first;
			if (ln->first != i || (ln->flags & L_REPEATED)) {
				t = ln->first;
				break;
			}
		}
		if (t != SIZE_MAX) {
			struct bp_line *tl;

			/* A headline directly above a shorter deck: the upper one is
			 * the title and the deck the standfirst. */
			for (i = t; i-- > 0 && bp->lines[i].kind == K_BLANK;)
				;
			if (i < t && bp->lines[i].kind != K_BAD && heading_like(bp, &bp->lines[i]) &&
			    bp->lines[i].words >= 3 && bp->lines[t].words >= 5)
				t = i;
			tl = &bp->lines[t];

			tl->keep = 1;
			tl->reason = R_TITLE;
			for (i = t + 1; i < top; i++) {
				struct bp_line *ln = &bp->lines[i];

				if (ln->kind == K_BLANK)
					continue;
				/* A standfirst is prose: a byline ("Jo Kent,
				 * Chief Political Writer") has no stop words. */
				if (ln->kind != K_BAD && ln->words >= 5 && !(ln->flags & L_BULLET) &&
				    (lang < 0 || 4u * ln->stop[lang] >= bp->o.min_stop)) {
					ln->keep = 1;
					ln->reason = R_STANDFIRST;
				}
				break;
			}
			/* A lead paragraph between the title and the zone, past
			 * captions and widgets, is text too. */
			for (i = t + 1; i < top; i++) {
				struct bp_line *ln = &bp->lines[i];

				if (ln->kind == K_GOOD && !(ln->flags & L_BULLET)) {
					ln->keep = 1;
					ln->reason = R_STANDFIRST;
				}
			}
		}
		keep_lead(bp, top);
	}
	return 0;
}

size_t
safi_boilerplate_count(const struct safi_boilerplate *bp)
{
	return bp->nlines;
}

int
safi_boilerplate_verdict(const struct safi_boilerplate *bp, size_t i, const char **reason)
{
	if (i >= bp->nlines) {
		if (reason)
			*reason = "";
		return -1;
	}
	if (reason)
		*reason = reason_names[bp->lines[i].reason];
	return bp->lines[i].keep;
}

const char *
safi_boilerplate_language(const struct safi_boilerplate *bp)
{
	return bp->doc_lang >= 0 ? bp->langs[bp->doc_lang] : "";
}

/* Writes |v| in decimal at the end of tmp[24]; returns where it starts. */
static const char *
decimal(char tmp[24], uint64_t v)
{
	char *q = tmp + 24;

	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	return q;
}

static int
put_number(struct safi_buf *out, uint64_t v)
{
	char tmp[24];
	const char *q = decimal(tmp, v);

	return safi_buf_append(out, q, (size_t)(tmp + 24 - q));
}

/* Writes |n| bytes of the line, then the end of the line. */
static int
put_line(struct safi_writer *out, const char *p, size_t n)
{
	int err = safi_writer_put(out, p, n);

	return err < 0 ? err : safi_writer_putc(out, '\n');
}

int
safi_boilerplate_write(const struct safi_boilerplate *bp, enum safi_boilerplate_mode mode,
                       struct safi_writer *out)
{
	size_t i;
	int err, wrote = 0, blank = 0;

	for (i = 0; i < bp->nlines; i++) {
		const struct bp_line *ln = &bp->lines[i];
		const char *p = bp->text.ptr + ln->off;

		if (mode == SAFI_BOILERPLATE_EXPLAIN) {
			const char *v = ln->keep < 0 ? "blank" : ln->keep ? "keep" : "drop";
			const char *why = reason_names[ln->reason];
			char tmp[24];
			const char *num = decimal(tmp, ln->lineno);

			if ((err = safi_writer_put(out, num, (size_t)(tmp + 24 - num))) < 0 ||
			    (err = safi_writer_putc(out, '\t')) < 0 ||
			    (err = safi_writer_put(out, v, strlen(v))) < 0 ||
			    (err = safi_writer_putc(out, '\t')) < 0 ||
			    (err = safi_writer_put(out, why, strlen(why))) < 0 ||
			    (err = safi_writer_putc(out, '\t')) < 0 ||
			    (err = put_line(out, p, ln->len)) < 0)
				return err;
			continue;
		}
		if (ln->keep < 0) {
			blank = 1;
			continue;
		}
		if (ln->keep != (mode == SAFI_BOILERPLATE_KEEP))
			continue;
		if (wrote && blank && (err = safi_writer_putc(out, '\n')) < 0)
			return err;
		if ((err = put_line(out, p, ln->len)) < 0)
			return err;
		wrote = 1;
		blank = 0;
	}
	return 0;
}

/* ---- the fingerprint table and its file format --------------------------- */

/*
 * Text, so that it can be read and mended by hand:
 *
 *   safi-strip-boilerplate-state 1
 *   generation G
 *   entries N
 *   FINGERPRINT DOCS LAST     (N lines: 16 hex digits, decimal, decimal)
 *   checksum C                (16 hex digits: FNV-1a 64 of every byte above)
 */
#define STATE_MAGIC "safi-strip-boilerplate-state 1\n"

static int
parse_u64(const char **pp, const char *end, int base, uint64_t *out)
{
	const char *p = *pp;
	uint64_t v = 0;
	int any = 0;

	while (p < end) {
		int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = *p - 'a' + 10;
		else
			break;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return -1;
		v = v * (uint64_t)base + (uint64_t)d;
		any = 1;
		p++;
	}
	if (!any)
		return -1;
	*pp = p;
	*out = v;
	return 0;
}

static int
expect(const char **pp, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(end - *pp) < n || memcmp(*pp, lit, n) != 0)
		return -1;
	*pp += n;
	return 0;
}

int
safi_boilerplate_state_load(struct safi_boilerplate *bp, const char *data, size_t len,
                            const char **why)
{
	const char *p = data ? data : "", *end = p + len, *sum_at;  /* NULL + 0 is UB */
	uint64_t gen, n, i, sum, h = FNV_OFFSET;
	struct map m = {0};
	int err;

	*why = "";
	if (len == 0) {
		bp->generation++;
		return 0;
	}
	if (expect(&p, end, STATE_MAGIC) < 0) {
		*why = "not a strip-boilerplate state file";
		return SAFI_ECORRUPT;
	}
	if (expect(&p, end, "generation ") < 0 || parse_u64(&p, end, 10, &gen) < 0 ||
	    gen >= 0xFFFFFFFFu || expect(&p, end, "\nentries ") < 0 ||
	    parse_u64(&p, end, 10, &n) < 0 || expect(&p, end, "\n") < 0) {
		*why = "bad header";
		return SAFI_ECORRUPT;
	}
	if (n > (uint64_t)(end - p) / 6) {  /* "1 1 0\n" is the shortest entry */
		*why = "truncated";
		return SAFI_ECORRUPT;
	}
	if ((err = map_grow(&m, (size_t)n + 1)) < 0)
		return err;
	for (i = 0; i < n; i++) {
		uint64_t fp, docs, last, *v;

		if (parse_u64(&p, end, 16, &fp) < 0 || expect(&p, end, " ") < 0 ||
		    parse_u64(&p, end, 10, &docs) < 0 || expect(&p, end, " ") < 0 ||
		    parse_u64(&p, end, 10, &last) < 0 || expect(&p, end, "\n") < 0 ||
		    fp == 0 || docs == 0 || docs > 0xFFFFFFFFu || last > gen) {
			map_free(&m);
			*why = p >= end ? "truncated" : "malformed entry";
			return SAFI_ECORRUPT;
		}
		if ((err = map_slot(&m, fp, &v)) < 0) {
			map_free(&m);
			return err;
		}
		*v = docs << 32 | last;
	}
	sum_at = p;
	if (expect(&p, end, "checksum ") < 0 || parse_u64(&p, end, 16, &sum) < 0 ||
	    expect(&p, end, "\n") < 0 || p != end) {
		map_free(&m);
		*why = p >= end ? "truncated" : "trailing garbage";
		return SAFI_ECORRUPT;
	}
	for (p = data; p < sum_at; p++)
		h = fnv_byte(h, (unsigned char)*p);
	if (h != sum) {
		map_free(&m);
		*why = "checksum mismatch";
		return SAFI_ECORRUPT;
	}
	map_free(&bp->seen);
	bp->seen = m;
	bp->unmerged = 0;  /* the documents before are forgotten with their table */
	bp->generation = (uint32_t)gen + 1;
	return 0;
}

size_t
safi_boilerplate_state_size(const struct safi_boilerplate *bp)
{
	size_t i, n = bp->seen.n;

	if (bp->unmerged)
		for (i = 0; i < bp->dup.cap; i++)
			n += bp->dup.e[i].key && !map_get(&bp->seen, bp->dup.e[i].key);
	return n;
}

/* Is the entry |v| (docs << 32 | generation last seen) past the limits? */
static int
forgotten(const struct safi_boilerplate *bp, uint64_t v, uint32_t age_limit,
          uint32_t docs_limit)
{
	uint32_t age = bp->generation - (uint32_t)v, docs = (uint32_t)(v >> 32);

	return age > age_limit || (docs < docs_limit && age >= age_limit / 2);
}

/* Keeps the table under opts.state_max: forgets what was seen in the
 * fewest documents, oldest first. */
static int
state_trim(struct safi_boilerplate *bp)
{
	uint32_t docs_limit = 1, age_limit;
	size_t keep_n = bp->seen.n;

	age_limit = bp->o.state_age;
	for (;;) {
		size_t i, n = 0;

		for (i = 0; i < bp->seen.cap; i++)
			if (bp->seen.e[i].key &&
			    !forgotten(bp, bp->seen.e[i].val, age_limit, docs_limit))
				n++;
		keep_n = n;
		if (keep_n <= bp->o.state_max || (docs_limit > 64 && age_limit == 0))
			break;
		if (age_limit > 0)
			age_limit /= 2;
		else
			docs_limit *= 2;
	}
	{
		struct map m = {0};
		size_t i;
		uint64_t *slot;
		int err;

		if ((err = map_grow(&m, keep_n + 1)) < 0)
			return err;
		for (i = 0; i < bp->seen.cap; i++) {
			uint64_t v = bp->seen.e[i].val;

			if (!bp->seen.e[i].key || forgotten(bp, v, age_limit, docs_limit))
				continue;
			if (m.n >= bp->o.state_max)
				break;
			if ((err = map_slot(&m, bp->seen.e[i].key, &slot)) < 0) {
				map_free(&m);
				return err;
			}
			*slot = v;
		}
		map_free(&bp->seen);
		bp->seen = m;
	}
	return 0;
}

static int
put_hex16(struct safi_buf *out, uint64_t v)
{
	char tmp[16];
	int k;

	for (k = 15; k >= 0; k--) {
		tmp[k] = "0123456789abcdef"[v & 15];
		v >>= 4;
	}
	return safi_buf_append(out, tmp, 16);
}

static int
entry_cmp(const void *a, const void *b)
{
	uint64_t x = ((const struct entry *)a)->key, y = ((const struct entry *)b)->key;

	return (x > y) - (x < y);
}

int
safi_boilerplate_state_save(struct safi_boilerplate *bp, struct safi_buf *out)
{
	size_t i, n = 0, start = out->len;
	uint64_t h = FNV_OFFSET;
	struct entry *sorted = NULL;
	int err;

	if ((err = merge_seen(bp)) < 0 || (err = state_trim(bp)) < 0)
		return err;
	if ((err = safi_buf_append(out, STATE_MAGIC, strlen(STATE_MAGIC))) < 0 ||
	    (err = safi_buf_append(out, "generation ", 11)) < 0 ||
	    (err = put_number(out, bp->generation)) < 0 ||
	    (err = safi_buf_append(out, "\nentries ", 9)) < 0 ||
	    (err = put_number(out, bp->seen.n)) < 0 ||
	    (err = safi_buf_putc(out, '\n')) < 0)
		return err;
	/* In key order, so that the same table gives the same bytes whatever
	 * order its entries came in. */
	if (bp->seen.n > 0 && (sorted = malloc(bp->seen.n * sizeof *sorted)) == NULL)
		return SAFI_ENOMEM;
	for (i = 0; i < bp->seen.cap; i++)
		if (bp->seen.e[i].key)
			sorted[n++] = bp->seen.e[i];
	if (n > 0)
		qsort(sorted, n, sizeof *sorted, entry_cmp);
	for (i = 0; i < n; i++) {
		uint64_t v = sorted[i].val;

		if ((err = put_hex16(out, sorted[i].key)) < 0 ||
		    (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = put_number(out, v >> 32)) < 0 ||
		    (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = put_number(out, (uint32_t)v)) < 0 ||
		    (err = safi_buf_putc(out, '\n')) < 0)
			break;
	}
	free(sorted);
	if (err < 0)
		return err;
	for (i = start; i < out->len; i++)
		h = fnv_byte(h, (unsigned char)out->ptr[i]);
	if ((err = safi_buf_append(out, "checksum ", 9)) < 0 ||
	    (err = put_hex16(out, h)) < 0 || (err = safi_buf_putc(out, '\n')) < 0)
		return err;
	return 0;
}
