/*
 * words.c - ICU 72's word segments, mostly without ICU.
 *
 * The rule engine below is ICU's root word.txt (UAX #29 tailored: '@' is
 * ALetter, ':' U+FE55 U+FF1A are not MidLetter) for every class except
 * those it hands to ICU: dictionary characters (Complex_Context, Han,
 * Hiragana, Katakana, Hangul syllables), ideographs, regional indicators
 * and ZWJ (whose only rule, ZWJ x Extended_Pictographic, needs ICU's
 * emoji data).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ucpmap.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/utext.h>

#include "safi/error.h"
#include "safi/words.h"

/* Word_Break classes as the engine sees them (Extend, Format and ZWJ are
 * one class, ICU's $ExFm). */
enum {
	WB_OTHER, WB_CR, WB_LF, WB_NEWLINE, WB_EXFM, WB_HEBREW, WB_ALETTER,
	WB_SQUOTE, WB_DQUOTE, WB_MIDNUMLET, WB_MIDLETTER, WB_MIDNUM,
	WB_NUMERIC, WB_EXTENDNUMLET, WB_WSEGSPACE
};
#define WB_MASK 0x0f
/* ALetter or Extend/Format/ZWJ: continues a word of letters (WB5, WB4) */
#define F_CONT 0x10
/* ALetter, Hebrew_Letter or Numeric: a segment that holds one is a word.
 * Those are the classes of ICU's rules that give a segment a word status
 * (number or letter); the only other segment with a status is a run of two
 * or more ExtendNumLet (WB13a), which the engine marks as it joins them. */
#define F_WORD 0x20
#define F_HARD 0x80  /* handled by ICU's iterator only */

#define NCP 0x110000

static uint8_t *prop;  /* NCP entries, built once */
/* prop of the character that starts at the pair of bytes b0, b1, indexed
 * by the pair read as one 16-bit word (pair_key): of b0 when it is ASCII,
 * of the two-byte character when they are one; F_CONT alone when b0 is a
 * continuation byte and b1 is not (the letter loop steps byte by byte,
 * and a continuation byte it reaches ends a character that continued the
 * word); NOT_TWO for every other pair.  A continuation byte that belongs
 * to no character (ill-formed input, one U+FFFD) never gets F_CONT from
 * the pair before it, so the loop stops in front of it. */
static uint8_t *two_byte;
/* class 15 (no character has it) and no F_CONT: never continues a word */
#define NOT_TWO (F_HARD | F_WORD | 0x0f)
#define NCLS 16
static uint8_t pair_rule[NCLS][NCLS];  /* J_* for unit classes x, y */
static void build_pairs(void);

/* The two bytes at p as one load, in the machine's byte order (the
 * table is filled the same way, so either order works). */
static inline unsigned
pair_key(const unsigned char *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return v;
}
static pthread_once_t prop_once = PTHREAD_ONCE_INIT;
static int prop_err;

struct safi_words {
	unsigned flags;
	UBreakIterator *bi;
	UText ut;
};

static void
set_range(UChar32 lo, UChar32 hi, uint8_t mask, uint8_t bits)
{
	UChar32 c;

	for (c = lo; c <= hi && c < NCP; c++)
		prop[c] = (uint8_t)((prop[c] & ~mask) | bits);
}

static int
map_ranges(UProperty which, void (*each)(UChar32, UChar32, uint32_t))
{
	UErrorCode e = U_ZERO_ERROR;
	const UCPMap *m = u_getIntPropertyMap(which, &e);
	UChar32 start = 0, end;
	uint32_t v;

	if (U_FAILURE(e))
		return SAFI_EICU;
	while ((end = ucpmap_getRange(m, start, UCPMAP_RANGE_NORMAL, 0, NULL,
	                              NULL, &v)) >= 0) {
		each(start, end, v);
		start = end + 1;
	}
	return 0;
}

static void
on_word_break(UChar32 lo, UChar32 hi, uint32_t v)
{
	uint8_t c;

	switch (v) {
	case U_WB_CR: c = WB_CR; break;
	case U_WB_LF: c = WB_LF; break;
	case U_WB_NEWLINE: c = WB_NEWLINE; break;
	case U_WB_EXTEND: case U_WB_FORMAT: c = WB_EXFM; break;
	case U_WB_HEBREW_LETTER: c = WB_HEBREW; break;
	case U_WB_ALETTER: c = WB_ALETTER; break;
	case U_WB_SINGLE_QUOTE: c = WB_SQUOTE; break;
	case U_WB_DOUBLE_QUOTE: c = WB_DQUOTE; break;
	case U_WB_MIDNUMLET: c = WB_MIDNUMLET; break;
	case U_WB_MIDLETTER: c = WB_MIDLETTER; break;
	case U_WB_MIDNUM: c = WB_MIDNUM; break;
	case U_WB_NUMERIC: c = WB_NUMERIC; break;
	case U_WB_EXTENDNUMLET: c = WB_EXTENDNUMLET; break;
	case U_WB_WSEGSPACE: c = WB_WSEGSPACE; break;
	case U_WB_ZWJ: case U_WB_KATAKANA: case U_WB_REGIONAL_INDICATOR:
		set_range(lo, hi, WB_MASK | F_HARD, WB_OTHER | F_HARD);
		return;
	default: c = WB_OTHER; break;
	}
	if (c != WB_OTHER)
		set_range(lo, hi, WB_MASK, c);
}

static void
build_props(void)
{
	/* what ICU's rules treat with dictionaries or as ideographs */
	static const UChar hard_pattern[] = u"[[:LineBreak=Complex_Context:]"
	                                    u"[:Script=Han:][:Script=Hiragana:]"
	                                    u"[:Ideographic:]]";
	UErrorCode e = U_ZERO_ERROR;
	USet *hard;
	int32_t i, n;

	/* calloc: the untouched (unassigned) planes stay unmapped */
	if ((prop = calloc(NCP, 1)) == NULL) {
		prop_err = SAFI_ENOMEM;
		return;
	}
	if (map_ranges(UCHAR_WORD_BREAK, on_word_break) < 0) {
		prop_err = SAFI_EICU;
		return;
	}
	/* Sets, not maps, for the rest: ICU builds them from a few thousand
	 * ranges, where a map would scan every code point. */
	hard = uset_openPattern(hard_pattern, -1, &e);
	if (U_FAILURE(e)) {
		prop_err = SAFI_EICU;
		return;
	}
	n = uset_getItemCount(hard);
	for (i = 0; i < n; i++) {
		UChar32 lo, hi;

		e = U_ZERO_ERROR;
		if (uset_getItem(hard, i, &lo, &hi, NULL, 0, &e) == 0)
			set_range(lo, hi, 0, F_HARD);
	}
	uset_close(hard);
	set_range(0xAC00, 0xD7A3, 0, F_HARD);  /* Hangul syllables */
	/* ICU's tailoring of the root rules */
	set_range('@', '@', WB_MASK, WB_ALETTER);
	set_range(':', ':', WB_MASK, WB_OTHER);
	set_range(0xFE55, 0xFE55, WB_MASK, WB_OTHER);
	set_range(0xFF1A, 0xFF1A, WB_MASK, WB_OTHER);
	for (UChar32 c = 0; c < NCP; c++) {
		unsigned cls = prop[c] & WB_MASK;

		if (cls == WB_ALETTER || cls == WB_HEBREW || cls == WB_NUMERIC)
			prop[c] |= F_WORD;
	}
	/* only the letter loop of the engine reads F_CONT, on characters
	 * of one or two bytes */
	for (UChar32 c = 0; c < 0x800; c++)
		if ((prop[c] & WB_MASK) == WB_ALETTER || (prop[c] & WB_MASK) == WB_EXFM)
			prop[c] |= F_CONT;
	build_pairs();
	if ((two_byte = malloc(65536)) == NULL) {
		prop_err = SAFI_ENOMEM;
		return;
	}
	memset(two_byte, NOT_TWO, 65536);
	for (unsigned b0 = 0; b0 < 0x100; b0++)
		for (unsigned b1 = 0; b1 < 0x100; b1++) {
			unsigned char pr[2] = {(unsigned char)b0, (unsigned char)b1};

			if (b0 < 0x80 && (b1 & 0xC0) == 0x80)
				two_byte[pair_key(pr)] = prop[b0] & ~F_CONT;
			else if (b0 < 0x80)
				two_byte[pair_key(pr)] = prop[b0];
			else if (b0 < 0xC0 && (b1 & 0xC0) != 0x80)
				two_byte[pair_key(pr)] = F_CONT;
			else if (b0 >= 0xC2 && b0 < 0xE0 && (b1 & 0xC0) == 0x80)
				two_byte[pair_key(pr)] = prop[((b0 & 0x1F) << 6) | (b1 & 0x3F)];
		}
}

int
safi_words_new(struct safi_words **out, unsigned flags)
{
	struct safi_words *w;
	UErrorCode e = U_ZERO_ERROR;
	UText init = UTEXT_INITIALIZER;

	*out = NULL;
	pthread_once(&prop_once, build_props);
	if (prop_err)
		return prop_err;
	if ((w = calloc(1, sizeof *w)) == NULL)
		return SAFI_ENOMEM;
	w->flags = flags;
	w->ut = init;
	w->bi = ubrk_open(UBRK_WORD, "", NULL, 0, &e);
	if (U_FAILURE(e)) {
		free(w);
		return SAFI_EICU;
	}
	*out = w;
	return 0;
}

void
safi_words_free(struct safi_words *w)
{
	if (w == NULL)
		return;
	ubrk_close(w->bi);
	utext_close(&w->ut);
	free(w);
}

/* Decodes the code point at s[i] (i < n); an ill-formed byte is U+FFFD. */
static inline uint32_t
decode(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	uint32_t b = s[i], c;

	if (b < 0x80) {
		*len = 1;
		return b;
	}
	if (b >= 0xC2 && b < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
		*len = 2;
		return ((b & 0x1F) << 6) | (s[i + 1] & 0x3F);
	}
	if (b >= 0xE0 && b < 0xF0 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
	    (s[i + 2] & 0xC0) == 0x80) {
		c = ((b & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
		    (s[i + 2] & 0x3F);
		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*len = 3;
			return c;
		}
	}
	if (b >= 0xF0 && b < 0xF5 && i + 3 < n && (s[i + 1] & 0xC0) == 0x80 &&
	    (s[i + 2] & 0xC0) == 0x80 && (s[i + 3] & 0xC0) == 0x80) {
		c = ((b & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
		    ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
		if (c >= 0x10000 && c < NCP) {
			*len = 4;
			return c;
		}
	}
	*len = 1;
	return 0xFFFD;
}

int
safi_words_is_wordchar(unsigned cp)
{
	if (cp >= NCP)
		return 0;
	return (U_GET_GC_MASK((UChar32)cp) &
	        (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK)) != 0;
}

static inline int
emit(const char *s, size_t len, unsigned bits, unsigned flags,
     safi_word_fn fn, void *ctx)
{
	int is_word = (bits & F_WORD) != 0;

	if (!is_word && !(flags & SAFI_WORDS_ALL))
		return 0;
	return fn(ctx, s, len, is_word);
}

/* ICU's iterator over s[0..n), native (UTF-8) offsets; a segment is a
 * word when ICU gives it a word status. */
static int
icu_span(struct safi_words *w, const char *s, size_t n, safi_word_fn fn,
         void *ctx)
{
	UErrorCode e = U_ZERO_ERROR;
	int32_t a, b;
	int err;

	utext_openUTF8(&w->ut, s, (int64_t)n, &e);
	ubrk_setUText(w->bi, &w->ut, &e);
	if (U_FAILURE(e))
		return SAFI_EICU;
	a = ubrk_first(w->bi);
	while ((b = ubrk_next(w->bi)) != UBRK_DONE) {
		unsigned bits = ubrk_getRuleStatus(w->bi) >= UBRK_WORD_NONE_LIMIT ?
		                F_WORD : 0;

		if ((err = emit(s + a, (size_t)(b - a), bits, w->flags, fn, ctx)) < 0)
			return err;
		a = b;
	}
	return 0;
}

/*
 * The rule engine: one pass over the characters.  A unit is a character
 * with the Extend/Format/ZWJ characters after it (WB4); x is the class of
 * the current unit.  Pairs of units join or break by the table below;
 * where a join needs the unit after next (WB6/7, WB7b/c, WB11/12: a
 * MidLetter, MidNum or quote between two letters or digits), the decision
 * waits for that unit.
 */
enum { J_BREAK, J_JOIN, J_JOIN_BARE, J_DEFER, J_JOIN_DEFER };
#define X_START 15  /* before the first character */


static void
build_pairs(void)
{
	static const uint8_t ah[] = {WB_ALETTER, WB_HEBREW};
	static const uint8_t midl[] = {WB_MIDLETTER, WB_MIDNUMLET, WB_SQUOTE};
	static const uint8_t midn[] = {WB_MIDNUM, WB_MIDNUMLET, WB_SQUOTE};
	size_t i, k;

	for (i = 0; i < 2; i++) {
		for (k = 0; k < 2; k++)
			pair_rule[ah[i]][ah[k]] = J_JOIN;            /* WB5 */
		for (k = 0; k < 3; k++)
			pair_rule[ah[i]][midl[k]] = J_DEFER;         /* WB6 */
		pair_rule[ah[i]][WB_NUMERIC] = J_JOIN;           /* WB9 */
		pair_rule[WB_NUMERIC][ah[i]] = J_JOIN;           /* WB10 */
		pair_rule[ah[i]][WB_EXTENDNUMLET] = J_JOIN;      /* WB13a */
		pair_rule[WB_EXTENDNUMLET][ah[i]] = J_JOIN;      /* WB13b */
	}
	/* WB7a joins, and WB7 may then join the letter after it too */
	pair_rule[WB_HEBREW][WB_SQUOTE] = J_JOIN_DEFER;
	pair_rule[WB_HEBREW][WB_DQUOTE] = J_DEFER;           /* WB7b */
	pair_rule[WB_NUMERIC][WB_NUMERIC] = J_JOIN;          /* WB8 */
	for (k = 0; k < 3; k++)
		pair_rule[WB_NUMERIC][midn[k]] = J_DEFER;        /* WB12 */
	pair_rule[WB_NUMERIC][WB_EXTENDNUMLET] = J_JOIN;
	pair_rule[WB_EXTENDNUMLET][WB_EXTENDNUMLET] = J_JOIN;
	pair_rule[WB_EXTENDNUMLET][WB_NUMERIC] = J_JOIN;
	pair_rule[WB_WSEGSPACE][WB_WSEGSPACE] = J_JOIN_BARE; /* WB3d */
	pair_rule[WB_CR][WB_LF] = J_JOIN;                    /* WB3 */
}

/* Whether p, mid, y complete a deferred join (WB7, WB7c, WB11). */
static inline int
joins_over(unsigned p, unsigned mid, unsigned y)
{
	if (p == WB_NUMERIC)
		return y == WB_NUMERIC;
	if (p == WB_HEBREW && mid == WB_DQUOTE)
		return y == WB_HEBREW;
	return (y == WB_ALETTER || y == WB_HEBREW) && mid != WB_MIDNUM;
}

/* Returned by the engine with |bail| set when it meets a character that
 * only ICU handles; what it has emitted so far must then be undone. */
#define HARD_SEEN 1

static inline __attribute__((always_inline)) int
fast_span_impl(struct safi_words *w, const char *str, size_t n,
               safi_word_fn fn, void *ctx, int bail)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned x = X_START, p = X_START, bare = 1, defer = 0;
	unsigned bits = 0, bits_before = 0;
	size_t i = 0, l, seg = 0, mid = 0;
	int err;

	const uint8_t *pt = prop, *tb = two_byte;

	while (i < n) {
		uint32_t b, cp;
		unsigned pb, y, rule;

		/* Inside a word of letters (the bulk of any text), take further
		 * letters and their marks without the general rules: neither p
		 * nor bare is read before the general path sets them again. */
		if (x == WB_ALETTER && !defer) {
			for (;;) {
				/* i starts a character: a continuation byte here is a
				 * stray one (U+FFFD), for the general way */
				if (i >= n || (s[i] & 0xC0) == 0x80)
					break;
				/* One look-up per byte: the next position does not
				 * wait for the length of the character (a load and
				 * its arithmetic), so look-ups overlap.  The last byte
				 * of the line goes the general way. */
				{
					const unsigned char *q = s + i, *last = s + n - 1;

					while (q < last) {
						pb = tb[pair_key(q)];
						if (!(pb & F_CONT))
							break;
						bits |= pb;
						q++;
					}
					i = (size_t)(q - s);
				}
				/* Stopped on the second byte of a letter (the line's
				 * last byte, or before a stray continuation byte; the
				 * loop starts on no continuation byte and steps onto
				 * one only from its lead): the letter is taken, the
				 * rest goes the general way. */
				if (i < n && (s[i] & 0xC0) == 0x80) {
					i++;
					break;
				}
				/* One space, then a letter: the word ends before the
				 * space and the space is a segment of its own (WB3d and
				 * WB4 attach nothing to it but spaces and marks). */
				if (i + 2 >= n || s[i] != ' ')
					break;
				b = s[i + 1];
				pb = tb[pair_key(s + i + 1)];
				l = 1 + (b >> 7);
				if ((pb & WB_MASK) != WB_ALETTER)
					break;
				if ((err = emit(str + seg, i - seg, bits, w->flags,
				                fn, ctx)) < 0)
					return err;
				if ((err = emit(str + i, 1, pt[' '], w->flags, fn,
				                ctx)) < 0)
					return err;
				seg = i + 1;
				bits = pb;
				i += 1 + l;
			}
			if (i >= n)
				break;
		}
		b = s[i];
		if (b < 0x80) {
			cp = b;
			l = 1;
		} else if (b >= 0xC2 && b < 0xE0 && i + 1 < n &&
		           (s[i + 1] & 0xC0) == 0x80) {
			cp = ((b & 0x1F) << 6) | (s[i + 1] & 0x3F);
			l = 2;
		} else {
			cp = decode(s, n, i, &l);
			/* every character ICU must see is three bytes or more */
			if (bail && (pt[cp] & F_HARD))
				return HARD_SEEN;
		}
		pb = pt[cp];
		y = pb & WB_MASK;
		if (y == WB_EXFM && x != X_START && x != WB_NEWLINE &&
		    x != WB_CR && x != WB_LF) {
			bits |= pb;  /* WB4: attaches to the unit before */
			/* ICU's rules give a status to a connector or a quote
			 * that ends a word only when nothing follows it */
			if (x == WB_EXTENDNUMLET || x == WB_SQUOTE)
				bits &= ~F_WORD;
			bare = 0;
			i += l;
			continue;
		}
		if (defer) {
			unsigned kind = defer;

			defer = 0;
			if (joins_over(p, x, y)) {
				bits = pb;
			} else if (kind == J_JOIN_DEFER) {
				/* the quote stays with the letter before it */
				if ((err = emit(str + seg, i - seg, bits,
				                w->flags, fn, ctx)) < 0)
					return err;
				seg = i;
				bits = pb;
			} else {
				if (mid > seg && (err = emit(str + seg, mid - seg,
				    bits_before, w->flags, fn, ctx)) < 0)
					return err;
				if ((err = emit(str + mid, i - mid, bits, w->flags,
				                fn, ctx)) < 0)
					return err;
				seg = i;
				bits = pb;
			}
			p = x;
			x = y;
			bare = 1;
			i += l;
			continue;
		}
		rule = pair_rule[x][y];
		if (rule == J_JOIN || (rule == J_JOIN_BARE && bare)) {
			/* a segment's status is that of the rule that joined its
			 * last unit: a letter or a digit, or an ExtendNumLet
			 * joined to a word (WB13a/b) */
			bits = pb;
			if (x == WB_EXTENDNUMLET || y == WB_EXTENDNUMLET)
				bits |= F_WORD;
		} else if (rule == J_DEFER || rule == J_JOIN_DEFER) {
			defer = rule;
			mid = i;
			bits_before = bits;
			bits = pb;
			if (rule == J_JOIN_DEFER)
				bits |= F_WORD;  /* WB7a: Hebrew letter and quote */
		} else {
			if (i > seg && (err = emit(str + seg, i - seg, bits,
			                           w->flags, fn, ctx)) < 0)
				return err;
			seg = i;
			bits = pb;
		}
		p = x;
		x = y;
		bare = 1;
		i += l;
	}
	if (defer == J_DEFER) {
		if (mid > seg && (err = emit(str + seg, mid - seg, bits_before,
		                             w->flags, fn, ctx)) < 0)
			return err;
		seg = mid;
	}
	if (n > seg)
		return emit(str + seg, n - seg, bits, w->flags, fn, ctx);
	return 0;
}

static int
fast_span(struct safi_words *w, const char *str, size_t n, safi_word_fn fn,
          void *ctx)
{
	return fast_span_impl(w, str, n, fn, ctx, 0);
}

struct span_sink {
	struct safi_word_spans *out;
	const char *base;
};

static inline int
push_word(void *ctx, const char *seg, size_t len, int is_word)
{
	struct span_sink *k = ctx;
	struct safi_word_spans *o = k->out;

	if (!is_word)
		return 0;
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		size_t *v = realloc(o->v, cap * 2 * sizeof *v);

		if (v == NULL)
			return SAFI_ENOMEM;
		o->v = v;
		o->cap = cap;
	}
	o->v[2 * o->n] = (size_t)(seg - k->base);
	o->v[2 * o->n + 1] = len;
	o->n++;
	return 0;
}

/* The engine with push_word inlined into it; HARD_SEEN when the line
 * needs ICU (checked on the way rather than by a pass of its own). */
static int
fast_span_words(struct safi_words *w, const char *str, size_t n,
                struct span_sink *sink)
{
	return fast_span_impl(w, str, n, push_word, sink, 1);
}

static int
has_hard(const unsigned char *s, size_t n)
{
	size_t i = 0, l;

	while (i < n) {
		/* eight bytes at a time while none has its top three bits set */
		while (i + 8 <= n) {
			uint64_t v, t;

			memcpy(&v, s + i, 8);
			t = (v & 0xE0E0E0E0E0E0E0E0ull) ^ 0xE0E0E0E0E0E0E0E0ull;
			if (((t - 0x0101010101010101ull) & ~t & 0x8080808080808080ull) != 0)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] < 0xE0) {
			i++;
			continue;
		}
		if (prop[decode(s, n, i, &l)] & F_HARD)
			return 1;
		i += l;
	}
	return 0;
}

int
safi_words_each(struct safi_words *w, const char *str, size_t n,
                safi_word_fn fn, void *ctx)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t start = 0;
	int err;

	if (w->flags & SAFI_WORDS_ICU_ONLY)
		return n ? icu_span(w, str, n, fn, ctx) : 0;
	/* Every character ICU must see is three bytes or more: a line
	 * without such a lead byte goes through the engine whole. */
	if (!has_hard(s, n))
		return fast_span(w, str, n, fn, ctx);
	while (start < n) {
		size_t i, end = n, l;
		int maybe_hard = 0;

		/* A break after a space that is followed by a character that
		 * cannot attach to it (not Extend/Format/ZWJ, not a space) does
		 * not depend on anything before it: cut the span there. */
		for (i = start; i < n; i++) {
			unsigned char ch = s[i];

			if (ch >= 0xE0)
				maybe_hard = 1;
			if (ch == ' ' && i + 1 < n && s[i + 1] != ' ') {
				unsigned cls;

				if (s[i + 1] < 0x80) {
					end = i + 1;
					break;
				}
				cls = prop[decode(s, n, i + 1, &l)];
				/* a hard one may be ZWJ, which attaches */
				if (!(cls & F_HARD) && (cls & WB_MASK) != WB_EXFM &&
				    (cls & WB_MASK) != WB_WSEGSPACE) {
					end = i + 1;
					break;
				}
			}
		}
		if (maybe_hard && has_hard(s + start, end - start))
			err = icu_span(w, str + start, end - start, fn, ctx);
		else
			err = fast_span(w, str + start, end - start, fn, ctx);
		if (err < 0)
			return err;
		start = end;
	}
	return 0;
}

size_t
safi_words_cut(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, l;

	pthread_once(&prop_once, build_props);
	if (prop_err || n < 2)
		return 0;
	/* the same cut as safi_words_each() makes: after a space followed
	 * by a character that cannot attach to it */
	for (i = n - 1; i-- > 0;) {
		unsigned cls;

		if (s[i] != ' ' || s[i + 1] == ' ')
			continue;
		if (s[i + 1] < 0x80)
			return i + 1;
		if ((s[i + 1] & 0xC0) == 0x80)
			continue;
		cls = prop[decode(s, n, i + 1, &l)];
		if (!(cls & F_HARD) && (cls & WB_MASK) != WB_EXFM &&
		    (cls & WB_MASK) != WB_WSEGSPACE)
			return i + 1;
	}
	return 0;
}

int
safi_words_spans(struct safi_words *w, const char *s, size_t n,
                 struct safi_word_spans *out)
{
	struct span_sink sink = {out, s};
	unsigned flags = w->flags;
	int err;

	out->n = 0;
	err = HARD_SEEN;
	if (!(flags & SAFI_WORDS_ICU_ONLY)) {
		w->flags = 0;  /* words only */
		err = fast_span_words(w, s, n, &sink);
	}
	if (err == HARD_SEEN) {
		out->n = 0;
		w->flags = flags & ~SAFI_WORDS_ALL;
		err = safi_words_each(w, s, n, push_word, &sink);
	}
	w->flags = flags;
	return err;
}

void
safi_word_spans_free(struct safi_word_spans *sp)
{
	free(sp->v);
	sp->v = NULL;
	sp->n = sp->cap = 0;
}
