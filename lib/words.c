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
#define WB_MASK 0x1f
#define F_WORD 0x20  /* letter, mark or decimal digit */
#define F_CTRL 0x40  /* control character (Cc) */
#define F_HARD 0x80  /* handled by ICU's iterator only */

#define NCP 0x110000

static uint8_t *prop;  /* NCP entries, built once */
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
on_category(UChar32 lo, UChar32 hi, uint32_t v)
{
	if (U_MASK(v) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK))
		set_range(lo, hi, 0, F_WORD);
	else if (v == U_CONTROL_CHAR)
		set_range(lo, hi, 0, F_CTRL);
}

static void
on_line_break(UChar32 lo, UChar32 hi, uint32_t v)
{
	if (v == U_LB_COMPLEX_CONTEXT)
		set_range(lo, hi, 0, F_HARD);
}

static void
on_script(UChar32 lo, UChar32 hi, uint32_t v)
{
	if (v == USCRIPT_HAN || v == USCRIPT_HIRAGANA)
		set_range(lo, hi, 0, F_HARD);
}

static void
build_props(void)
{
	UErrorCode e = U_ZERO_ERROR;
	const USet *ideo;
	int32_t i, n;

	/* calloc: the untouched (unassigned) planes stay unmapped */
	if ((prop = calloc(NCP, 1)) == NULL) {
		prop_err = SAFI_ENOMEM;
		return;
	}
	if (map_ranges(UCHAR_WORD_BREAK, on_word_break) < 0 ||
	    map_ranges(UCHAR_GENERAL_CATEGORY, on_category) < 0 ||
	    map_ranges(UCHAR_LINE_BREAK, on_line_break) < 0 ||
	    map_ranges(UCHAR_SCRIPT, on_script) < 0) {
		prop_err = SAFI_EICU;
		return;
	}
	ideo = u_getBinaryPropertySet(UCHAR_IDEOGRAPHIC, &e);
	if (U_FAILURE(e)) {
		prop_err = SAFI_EICU;
		return;
	}
	n = uset_getItemCount(ideo);
	for (i = 0; i < n; i++) {
		UChar32 lo, hi;

		e = U_ZERO_ERROR;
		if (uset_getItem(ideo, i, &lo, &hi, NULL, 0, &e) == 0)
			set_range(lo, hi, 0, F_HARD);
	}
	set_range(0xAC00, 0xD7A3, 0, F_HARD);  /* Hangul syllables */
	/* ICU's tailoring of the root rules */
	set_range('@', '@', WB_MASK, WB_ALETTER);
	set_range(':', ':', WB_MASK, WB_OTHER);
	set_range(0xFE55, 0xFE55, WB_MASK, WB_OTHER);
	set_range(0xFF1A, 0xFF1A, WB_MASK, WB_OTHER);
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
	pthread_once(&prop_once, build_props);
	if (prop_err || cp >= NCP)
		return 0;
	return (prop[cp] & F_WORD) != 0;
}

static inline int
emit(const char *s, size_t len, unsigned bits, unsigned flags,
     safi_word_fn fn, void *ctx)
{
	int is_word = (bits & F_WORD) && !(bits & F_CTRL);

	if (!is_word && !(flags & SAFI_WORDS_ALL))
		return 0;
	return fn(ctx, s, len, is_word);
}

static unsigned
span_bits(const unsigned char *s, size_t n)
{
	unsigned bits = 0;
	size_t i = 0, l;

	while (i < n) {
		bits |= prop[decode(s, n, i, &l)];
		i += l;
	}
	return bits;
}

/* ICU's iterator over s[0..n), native (UTF-8) offsets. */
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
		unsigned bits = span_bits((const unsigned char *)s + a,
		                          (size_t)(b - a));
		if ((err = emit(s + a, (size_t)(b - a), bits, w->flags, fn, ctx)) < 0)
			return err;
		a = b;
	}
	return 0;
}

/* A unit is a character with the Extend/Format/ZWJ characters that attach
 * to it (WB4); at the start of a span, a run of them is a unit of its own. */
struct unit {
	size_t end;
	unsigned cls;
	unsigned bits;
	int bare;  /* nothing attached (for WSegSpace x WSegSpace) */
};

static inline void
read_unit(const unsigned char *s, size_t n, size_t i, struct unit *u)
{
	size_t l;
	unsigned p = prop[decode(s, n, i, &l)];

	u->cls = p & WB_MASK;
	u->bits = p;
	u->bare = 1;
	i += l;
	if (u->cls != WB_NEWLINE && u->cls != WB_CR && u->cls != WB_LF) {
		while (i < n) {
			unsigned q = prop[decode(s, n, i, &l)];
			if ((q & WB_MASK) != WB_EXFM)
				break;
			u->bits |= q;
			u->bare = 0;
			i += l;
		}
	}
	u->end = i;
}

#define AH(c) ((c) == WB_ALETTER || (c) == WB_HEBREW)
#define MIDL(c) ((c) == WB_MIDLETTER || (c) == WB_MIDNUMLET || (c) == WB_SQUOTE)
#define MIDN(c) ((c) == WB_MIDNUM || (c) == WB_MIDNUMLET || (c) == WB_SQUOTE)
#define NONE 0xff

/* Whether there is no break between units a and b, with p the class before
 * a and c the class after b (NONE at the ends). */
static inline int
joins(unsigned p, const struct unit *a, const struct unit *b, unsigned c)
{
	unsigned x = a->cls, y = b->cls;

	switch (x) {
	case WB_ALETTER:
	case WB_HEBREW:
		if (AH(y) || y == WB_NUMERIC || y == WB_EXTENDNUMLET)
			return 1;
		if (MIDL(y) && AH(c))
			return 1;
		if (x == WB_HEBREW && (y == WB_SQUOTE ||
		                       (y == WB_DQUOTE && c == WB_HEBREW)))
			return 1;
		return 0;
	case WB_NUMERIC:
		if (AH(y) || y == WB_NUMERIC || y == WB_EXTENDNUMLET)
			return 1;
		return MIDN(y) && c == WB_NUMERIC;
	case WB_EXTENDNUMLET:
		return AH(y) || y == WB_NUMERIC || y == WB_EXTENDNUMLET;
	case WB_WSEGSPACE:
		return a->bare && y == WB_WSEGSPACE;
	case WB_MIDLETTER:
	case WB_MIDNUMLET:
	case WB_SQUOTE:
	case WB_MIDNUM:
		if (AH(p) && MIDL(x) && AH(y))
			return 1;
		if (p == WB_NUMERIC && MIDN(x) && y == WB_NUMERIC)
			return 1;
		return 0;
	case WB_DQUOTE:
		return p == WB_HEBREW && y == WB_HEBREW;
	case WB_CR:
		return y == WB_LF;
	default:
		return 0;
	}
}

static int
fast_span(struct safi_words *w, const char *str, size_t n, safi_word_fn fn,
          void *ctx)
{
	const unsigned char *s = (const unsigned char *)str;
	struct unit a, b, c = {0, 0, 0, 0};
	unsigned p = NONE, bits;
	size_t seg = 0;
	int err;

	if (n == 0)
		return 0;
	read_unit(s, n, 0, &a);
	bits = a.bits;
	if (a.end < n)
		read_unit(s, n, a.end, &b);
	while (a.end < n) {
		unsigned cc = NONE;

		if (b.end < n) {
			read_unit(s, n, b.end, &c);
			cc = c.cls;
		}
		if (joins(p, &a, &b, cc)) {
			bits |= b.bits;
		} else {
			if ((err = emit(str + seg, a.end - seg, bits, w->flags, fn, ctx)) < 0)
				return err;
			seg = a.end;
			bits = b.bits;
		}
		p = a.cls;
		a = b;
		b = c;
	}
	return emit(str + seg, n - seg, bits, w->flags, fn, ctx);
}

static int
has_hard(const unsigned char *s, size_t n)
{
	size_t i = 0, l;

	while (i < n) {
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
