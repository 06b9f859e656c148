#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/ucnv.h>

#include "safi/buf.h"
#include "safi/error.h"
#include "safi/mojibake.h"
#include "safi/utf8.h"

#define MAX_DEPTH 3
#define RUN_LIMIT ((size_t)1 << 30)

enum charset_id { CS_LATIN, CS_ARABIC, CS_COUNT };

/* Code point -> byte for one legacy charset, built from ICU's table. */
struct charset {
	const char *name;
	unsigned flag;
	uint8_t *bmp;              /* bytes of the BMP, 0: none (64 KiB) */
	uint8_t low[0x100];        /* bytes of U+0000..U+00FF; 0: none */
	uint32_t high_cp[128];     /* sorted code points past U+00FF ... */
	uint8_t high_byte[128];    /* ... and their bytes */
	int nhigh;
};

struct safi_mojibake {
	unsigned flags;
	struct charset cs[CS_COUNT];
	struct safi_buf bytes[MAX_DEPTH];  /* the result of each layer of a repair */
	/* BMP code points that some charset asked for encodes as a UTF-8
	 * continuation byte: the second character of a damaged run is one. */
	uint8_t continuation[0x10000 / 8];
	unsigned held;  /* charsets of runs that only rule 3 held back */
	struct safi_mojibake_stats last;
};

static int
load_charset(struct charset *c, const char *icu_name)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(icu_name, &err);
	int b, i;

	if (U_FAILURE(err))
		return SAFI_EICU;
	ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
	for (b = 0x80; b <= 0xFF && U_SUCCESS(err); b++) {
		char in = (char)b;
		UChar u[2];
		int32_t k = ucnv_toUChars(cnv, u, 2, &in, 1, &err);

		if (U_FAILURE(err)) {
			/* An unmapped byte has no character to come from. */
			err = U_ZERO_ERROR;
			continue;
		}
		if (k != 1 || U16_IS_SURROGATE(u[0]) || u[0] < 0x80)
			continue;
		if (u[0] < 0x100) {
			c->low[u[0]] = (uint8_t)b;
			continue;
		}
		/* Insertion keeps high_cp sorted for the binary search. */
		for (i = c->nhigh; i > 0 && c->high_cp[i - 1] > u[0]; i--) {
			c->high_cp[i] = c->high_cp[i - 1];
			c->high_byte[i] = c->high_byte[i - 1];
		}
		c->high_cp[i] = u[0];
		c->high_byte[i] = (uint8_t)b;
		c->nhigh++;
	}
	ucnv_close(cnv);
	return U_FAILURE(err) ? SAFI_EICU : 0;
}

/* Returns the byte of |cp| in |c|, or 0 when the charset lacks it. */
static unsigned
charset_byte(const struct charset *c, uint32_t cp)
{
	return cp < 0x10000 ? c->bmp[cp] : 0;
}

/* Fills c->bmp from the tables load_charset() made. */
static int
index_charset(struct charset *c)
{
	int i;

	if ((c->bmp = calloc(0x10000, 1)) == NULL)
		return SAFI_ENOMEM;
	memcpy(c->bmp, c->low, sizeof c->low);
	for (i = 0; i < c->nhigh; i++)
		c->bmp[c->high_cp[i]] = c->high_byte[i];
	return 0;
}

/* Decodes the character at p of text known to be well-formed UTF-8. */
static inline uint32_t
decode_valid(const unsigned char *p, size_t *len)
{
	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	if (p[0] < 0xE0) {
		*len = 2;
		return (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
	}
	if (p[0] < 0xF0) {
		*len = 3;
		return (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
	}
	*len = 4;
	return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
	       (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
}

static void
mark_continuations(struct safi_mojibake *m, const struct charset *c)
{
	uint32_t cp;
	int i;

	for (cp = 0x80; cp < 0x100; cp++)
		if (c->low[cp] >= 0x80 && c->low[cp] <= 0xBF)
			m->continuation[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	for (i = 0; i < c->nhigh; i++) {
		cp = c->high_cp[i];
		if (c->high_byte[i] <= 0xBF)
			m->continuation[cp >> 3] |= (uint8_t)(1u << (cp & 7));
	}
}

int
safi_mojibake_new(struct safi_mojibake **out, unsigned flags)
{
	struct safi_mojibake *m;
	int rc, cp;

	*out = NULL;
	if (flags == 0)
		flags = SAFI_MOJIBAKE_ALL;
	if (flags & ~SAFI_MOJIBAKE_ALL)
		return SAFI_EINVAL;
	if ((m = calloc(1, sizeof *m)) == NULL)
		return SAFI_ENOMEM;
	m->flags = flags;
	m->cs[CS_LATIN].name = "windows-1252";
	m->cs[CS_LATIN].flag = SAFI_MOJIBAKE_LATIN;
	m->cs[CS_ARABIC].name = "windows-1256";
	m->cs[CS_ARABIC].flag = SAFI_MOJIBAKE_ARABIC;
	/* ICU's windows-1252 maps 0x81 0x8D 0x8F 0x90 0x9D to the C1
	 * controls as WHATWG does; ISO-8859-1 adds the other C1 controls. */
	if ((rc = load_charset(&m->cs[CS_LATIN], "windows-1252")) < 0 ||
	    (rc = load_charset(&m->cs[CS_ARABIC], "windows-1256")) < 0) {
		free(m);
		return rc;
	}
	for (cp = 0x80; cp < 0xA0; cp++)
		if (m->cs[CS_LATIN].low[cp] == 0)
			m->cs[CS_LATIN].low[cp] = (uint8_t)cp;
	if ((rc = index_charset(&m->cs[CS_LATIN])) < 0 ||
	    (rc = index_charset(&m->cs[CS_ARABIC])) < 0) {
		safi_mojibake_free(m);
		return rc;
	}
	for (cp = 0; cp < MAX_DEPTH; cp++)
		m->bytes[cp].limit = RUN_LIMIT;
	for (cp = 0; cp < CS_COUNT; cp++)
		if (m->flags & m->cs[cp].flag)
			mark_continuations(m, &m->cs[cp]);
	*out = m;
	return 0;
}

void
safi_mojibake_free(struct safi_mojibake *m)
{
	int i;

	if (m == NULL)
		return;
	for (i = 0; i < MAX_DEPTH; i++)
		safi_buf_free(&m->bytes[i]);
	for (i = 0; i < CS_COUNT; i++)
		free(m->cs[i].bmp);
	free(m);
}

void
safi_mojibake_last(const struct safi_mojibake *m, struct safi_mojibake_stats *st)
{
	*st = m->last;
}

static int
in(uint32_t cp, uint32_t lo, uint32_t hi)
{
	return cp >= lo && cp <= hi;
}

static int
arabic_letter(uint32_t cp)
{
	return in(cp, 0x0621, 0x063A) || in(cp, 0x0641, 0x064A) ||
	       in(cp, 0x066E, 0x066F) || in(cp, 0x0671, 0x06D3) ||
	       cp == 0x06D5 || in(cp, 0x06EE, 0x06EF) || in(cp, 0x06FA, 0x06FC) ||
	       cp == 0x06FF;
}

/* Punctuation, symbols and presentation forms of three UTF-8 bytes. */
static int
common_three_byte(uint32_t cp)
{
	return in(cp, 0x2000, 0x206F) || in(cp, 0x20A0, 0x20CF) ||
	       in(cp, 0x2100, 0x23FF) || in(cp, 0x2460, 0x27BF) ||
	       in(cp, 0x2B00, 0x2BFF) || in(cp, 0xFB50, 0xFDCF) ||
	       in(cp, 0xFDF0, 0xFDFF) || in(cp, 0xFE70, 0xFEFF) ||
	       in(cp, 0xFF00, 0xFFEF) || cp == 0xFFFD;
}

/* Letters of the scripts a windows-1252 reader may have mangled. */
static int
wide_three_byte(uint32_t cp)
{
	return in(cp, 0x0900, 0x0DFF) || in(cp, 0x0E00, 0x0E7F) ||
	       in(cp, 0x1E00, 0x1EFF) || in(cp, 0x3000, 0x30FF) ||
	       in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) ||
	       in(cp, 0xAC00, 0xD7A3) || in(cp, 0xF900, 0xFAFF);
}

/*
 * Rule 2 of mojibake.h: could |cp|, decoded from |len| UTF-8 bytes, be in
 * text that a reader of charset |cs| damaged?  |single| says the run gives
 * only this character.
 */
static int
plausible(int cs, uint32_t cp, size_t len, int single)
{
	if (len == 4)
		return in(cp, 0x1F000, 0x1FAFF) ||
		       (cs == CS_LATIN && !single && in(cp, 0x20000, 0x2FFFF));
	if (len == 3)
		return common_three_byte(cp) ||
		       (cs == CS_LATIN && !single && wide_three_byte(cp));
	if (cs == CS_ARABIC)
		return in(cp, 0x00A0, 0x017F) || in(cp, 0x0600, 0x06FF);
	return in(cp, 0x00A0, 0x017F) || cp == 0x0192 || in(cp, 0x0218, 0x021B) ||
	       cp == 0x02C6 || cp == 0x02DC || in(cp, 0x0386, 0x03CE) ||
	       in(cp, 0x0400, 0x045F) || in(cp, 0x0490, 0x0491) ||
	       in(cp, 0x05D0, 0x05EA) || in(cp, 0x0600, 0x06FF);
}

/* Characters that may follow an Arabic word in clean text. */
static int
follows_arabic(uint32_t cp)
{
	return in(cp, 0x0600, 0x06FF) || cp == 0xA0 || cp == 0xAB || cp == 0xBB ||
	       in(cp, 0x200C, 0x200F) || in(cp, 0x2013, 0x2014) ||
	       in(cp, 0x2018, 0x201D) || cp == 0x2022 || cp == 0x2026 ||
	       in(cp, 0x2039, 0x203A);
}

/* Marks that close a word in Latin text: after "IRMÃ" they are real. */
static int
closes_word(uint32_t cp)
{
	return cp == 0xA0 || cp == 0xBB || cp == 0x2019 || cp == 0x201D ||
	       cp == 0x2026 || cp == 0x2013 || cp == 0x2014 || cp == 0x203A ||
	       cp == 0x2022;
}

/* Arabic punctuation, digits and Quranic marks, which stand alone. */
static int
arabic_sign(uint32_t cp)
{
	return cp == 0x060C || cp == 0x061B || cp == 0x061F || cp == 0x0640 ||
	       in(cp, 0x0660, 0x066D) || in(cp, 0x06D4, 0x06ED) ||
	       in(cp, 0x06F0, 0x06F9);
}

static int
ascii_letter(int c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/*
 * Rule 3 for a run of two characters, |first| decoded from the bytes of
 * the lead character and |second|, between the ASCII bytes |prev| and
 * |next|: does it look damaged on its own?
 */
static int
single_looks_damaged(int cs, uint32_t first, uint32_t second, int prev, int next)
{
	if (cs == CS_ARABIC) {
		/* A Latin letter glued to an ASCII letter is French or the
		 * like read as windows-1256 ("enquأھte"). */
		if (in(first, 0xC0, 0x17F) && (ascii_letter(prev) || ascii_letter(next)))
			return 1;
		return (arabic_letter(first) || arabic_sign(first) ||
		        in(first, 0xA1, 0x17F)) && !follows_arabic(second);
	}
	if (first >= 0xC0 && closes_word(second))
		return u_islower((UChar32)first) && !(prev >= 'A' && prev <= 'Z');
	return 1;
}

/*
 * Encodes the run r[0..n) (well-formed, non-ASCII) to charset |cs| into
 * |b| and checks rules 1 to 3 (rule 3 not when |relaxed|).  |prev| and
 * |next| are the ASCII bytes around the run, 0 at the ends of the span.
 * Returns 1 when b holds the repaired UTF-8, 0 when the run stays, 2 when
 * it stays because of rule 3 alone, or a buffer error.  *latin1 is set
 * when a C1 control shows the charset to be ISO-8859-1 rather than
 * windows-1252.  With |c1_out|, decoded C1 controls are allowed (the next
 * layer must undo them) and *c1_out says there were some.
 */
static int
undo_layer(const struct charset *c, int cs, const char *r, size_t n, int prev,
           int next, int relaxed, struct safi_buf *b, int *latin1, int *c1_out)
{
	size_t i, len, nchars = 0;
	uint32_t second = 0, cp;
	int need = 0, rc, c1 = 0;
	unsigned byte, lo = 0x80, hi = 0xBF;

	b->len = 0;
	if ((rc = safi_buf_reserve(b, n)) < 0)
		return rc;
	/* Encode, checking the UTF-8 structure of the bytes as they come so
	 * that a clean word is given up at its first character or two. */
	for (i = 0; i < n; i += len) {
		cp = decode_valid((const unsigned char *)r + i, &len);
		if (cp < 0x80 || (byte = charset_byte(c, cp)) == 0)
			return 0;
		if (nchars++ == 1)
			second = cp;
		if (cs == CS_LATIN && cp >= 0x80 && cp < 0xA0 && cp == byte &&
		    cp != 0x81 && cp != 0x8D && cp != 0x8F && cp != 0x90 && cp != 0x9D)
			c1 = 1;
		if (need > 0) {
			if (byte < lo || byte > hi)
				return 0;
			lo = 0x80;
			hi = 0xBF;
			need--;
		} else if (byte >= 0xC2 && byte <= 0xDF) {
			need = 1;
		} else if (byte >= 0xE0 && byte <= 0xEF) {
			need = 2;
			lo = byte == 0xE0 ? 0xA0 : 0x80;
			hi = byte == 0xED ? 0x9F : 0xBF;
		} else if (byte >= 0xF0 && byte <= 0xF4) {
			need = 3;
			lo = byte == 0xF0 ? 0x90 : 0x80;
			hi = byte == 0xF4 ? 0x8F : 0xBF;
		} else {
			return 0;
		}
		b->ptr[b->len++] = (char)byte;
	}
	if (need > 0)
		return 0;

	/* The decoded characters: rules 2 and 3. */
	{
		size_t ndec = 0, first_len = 0;
		uint32_t first = 0;

		for (i = 0; i < b->len; i += len) {
			cp = decode_valid((const unsigned char *)b->ptr + i, &len);
			if (ndec++ == 0) {
				first = cp;
				first_len = len;
			}
		}
		for (i = 0; i < b->len; i += len) {
			cp = decode_valid((const unsigned char *)b->ptr + i, &len);
			/* A C1 control is no text, but windows-1252 makes
			 * one of 0x81 0x8D 0x8F 0x90 0x9D: the result may be
			 * damaged text in turn, and the next layer decides. */
			if (c1_out && in(cp, 0x80, 0x9F) && ndec > 1) {
				*c1_out = 1;
				continue;
			}
			if (!plausible(cs, cp, len, ndec == 1))
				return 0;
		}
		if (ndec == 1 && first_len == 2 && !relaxed &&
		    !single_looks_damaged(cs, first, second, prev, next))
			return 2;  /* no repair, held by rule 3 alone */
	}
	*latin1 |= c1;
	return 1;
}

/*
 * Tries to repair the run r[0..n), relaxing rule 3 for the charsets in
 * |relaxed|.  Returns 1 with the repaired bytes in m->bytes[*which], 0
 * when the run stays, or a buffer error.  Adds to *st what it undid.
 */
static int
repair_run(struct safi_mojibake *m, const char *r, size_t n, int prev,
           int next, unsigned relaxed, int *which, struct safi_mojibake_stats *st)
{
	const char *src = r;
	size_t srclen = n;
	int layer, cs, rc, latin1, c1, done = 0;
	unsigned charsets = 0;
	const char *name = NULL;

	for (layer = 0; layer < MAX_DEPTH; layer++) {
		int ok = 0;

		c1 = 0;
		for (cs = 0; cs < CS_COUNT && !ok; cs++) {
			unsigned flag = m->cs[cs].flag;

			if (!(m->flags & flag))
				continue;
			latin1 = 0;
			/* Only the first layer may be relaxed: text damaged
			 * twice must show it on its own ("أ”" is Arabic). */
			rc = undo_layer(&m->cs[cs], cs, src, srclen, prev, next,
			                layer == 0 && (relaxed & flag) != 0,
			                &m->bytes[layer], &latin1,
			                layer + 1 < MAX_DEPTH ? &c1 : NULL);
			if (rc < 0)
				return rc;
			if (rc != 1) {
				if (rc == 2 && layer == 0)
					m->held |= flag;
				continue;
			}
			ok = 1;
			charsets |= flag;
			if (name == NULL)
				name = latin1 ? "iso-8859-1" : m->cs[cs].name;
		}
		if (!ok)
			break;
		src = m->bytes[layer].ptr;
		srclen = m->bytes[layer].len;
		if (!c1) {
			/* A clean result: the repair may stop here. */
			done = layer + 1;
			*which = layer;
		}
	}
	if (done == 0)
		return 0;
	st->charsets |= charsets;
	if (st->charset == NULL) {
		st->charset = name;
		st->what = name[0] == 'i' ? "UTF-8 read as ISO-8859-1" :
		    charsets & SAFI_MOJIBAKE_LATIN ? "UTF-8 read as windows-1252" :
		    "UTF-8 read as windows-1256";
	}
	if ((unsigned)done > st->depth)
		st->depth = (unsigned)done;
	return done > 0;
}

/*
 * Can the character at p[0..) begin a damaged run?  Its byte in the legacy
 * charset must be a UTF-8 lead byte: U+00C2..U+00F4 for windows-1252, and
 * for windows-1256 the letters that stand for the lead bytes of the
 * characters rule 2 allows (آ أ ؤ إ ط ظ ع غ, â ï, and fathatan for F0).
 */
static int
may_start_run(unsigned flags, const unsigned char *p, size_t avail)
{
	if (avail < 2)
		return 0;
	if (p[0] == 0xC3)
		return ((flags & SAFI_MOJIBAKE_LATIN) && p[1] >= 0x82 && p[1] <= 0xB4) ||
		       ((flags & SAFI_MOJIBAKE_ARABIC) && (p[1] == 0xA2 || p[1] == 0xAF));
	if (!(flags & SAFI_MOJIBAKE_ARABIC))
		return 0;
	if (p[0] == 0xD8)
		return (p[1] >= 0xA2 && p[1] <= 0xA5) || (p[1] >= 0xB7 && p[1] <= 0xBA);
	return p[0] == 0xD9 && p[1] == 0x8B;
}

/* Bytes with the high bit set in the 8 bytes at p. */
static uint64_t
high_bits(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, sizeof w);
	return w & UINT64_C(0x8080808080808080);
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The index of the first byte marked in |bits| (from high_bits). */
#define FIRST_MARKED(bits) ((size_t)__builtin_ctzll(bits) / 8)
#endif

/* The index of the first byte at or after i that is < 0x80, or n. */
static size_t
skip_non_ascii(const unsigned char *u, size_t i, size_t n)
{
	for (; i + 8 <= n; i += 8) {
		uint64_t low = high_bits(u + i) ^ UINT64_C(0x8080808080808080);

		if (low != 0) {
#ifdef FIRST_MARKED
			return i + FIRST_MARKED(low);
#else
			break;
#endif
		}
	}
	while (i < n && u[i] >= 0x80)
		i++;
	return i;
}

#ifdef __SSE2__
static __m128i
is_byte(__m128i v, int b)
{
	return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)b));
}

/* Bytes of v in lo..hi (unsigned). */
static __m128i
in_range(__m128i v, int lo, int hi)
{
	__m128i t = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));

	return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((char)(hi - lo))), t);
}

/*
 * For each of the 16 positions p of u: can the character at p + 2 be one
 * that a charset makes a continuation byte?  The lead bytes of those
 * (U+0080..U+00BF, Œ œ Š š Ž ž Ÿ ƒ ˆ ˜, General Punctuation and €™, and
 * the Arabic-script characters of windows-1256 0x80..0xBF: ، ؛ ؟ پ ٹ and
 * the DA block).  A superset of the bitmap second_continues() reads.
 */
static __m128i
second_may_continue(const unsigned char *u)
{
	__m128i b2 = _mm_loadu_si128((const __m128i *)(const void *)(u + 2));
	__m128i b3 = _mm_loadu_si128((const __m128i *)(const void *)(u + 3));
	__m128i any = _mm_or_si128(
	    _mm_or_si128(_mm_or_si128(is_byte(b2, 0xC2), is_byte(b2, 0xC5)),
	                 _mm_or_si128(is_byte(b2, 0xC6), is_byte(b2, 0xCB))),
	    _mm_or_si128(is_byte(b2, 0xE2), is_byte(b2, 0xDA)));
	__m128i d8 = _mm_and_si128(is_byte(b2, 0xD8),
	    _mm_or_si128(is_byte(b3, 0x8C), _mm_or_si128(is_byte(b3, 0x9B), is_byte(b3, 0x9F))));
	__m128i d9 = _mm_and_si128(is_byte(b2, 0xD9),
	    _mm_or_si128(is_byte(b3, 0xB9), is_byte(b3, 0xBE)));

	return _mm_or_si128(any, _mm_or_si128(d8, d9));
}
#endif

/* Can the byte |b| begin a character that may_start_run() accepts? */
static int
may_lead(unsigned char b)
{
	return b == 0xC3 || b == 0xD8 || b == 0xD9;
}

/*
 * The index of the first run start at or after i whose first byte is one
 * may_lead() accepts (a non-ASCII byte after an ASCII one or at 0), or n.
 * Clean Arabic or Latin text is scanned sixteen bytes at a time.
 */
static size_t
next_run_start(const unsigned char *u, size_t i, size_t n)
{
	if (i < n && may_lead(u[i]) && (i == 0 || u[i - 1] < 0x80))
		return i;
	i++;
#ifdef __SSE2__
	{
		const __m128i minus1 = _mm_set1_epi8(-1);

		/* The first two bytes of may_start_run(), sixteen at a time. */
		for (; i + 17 <= n; i += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
			__m128i prev = _mm_loadu_si128((const __m128i *)(const void *)(u + i - 1));
			__m128i next = _mm_loadu_si128((const __m128i *)(const void *)(u + i + 1));
			__m128i latin = _mm_and_si128(is_byte(v, 0xC3), in_range(next, 0x82, 0xB4));
			__m128i arabic = _mm_and_si128(is_byte(v, 0xD8),
			    _mm_or_si128(in_range(next, 0xA2, 0xA5), in_range(next, 0xB7, 0xBA)));
			__m128i fathatan = _mm_and_si128(is_byte(v, 0xD9), is_byte(next, 0x8B));
			__m128i start = _mm_or_si128(latin, _mm_or_si128(arabic, fathatan));
			/* prev > -1 as signed bytes: prev is ASCII */
			int mask = _mm_movemask_epi8(_mm_and_si128(start,
			                             _mm_cmpgt_epi8(prev, minus1)));

			if (mask != 0 && i + 19 <= n)
				mask &= _mm_movemask_epi8(second_may_continue(u + i));
			if (mask != 0)
				return i + (size_t)__builtin_ctz((unsigned)mask);
		}
	}
#endif
	for (; i < n; i++)
		if (may_lead(u[i]) && u[i - 1] < 0x80)
			return i;
	return n;
}

/* Is the second character of the run at u[0..avail) one that a charset
 * turns into a continuation byte?  (Its first was checked already.) */
static int
second_continues(const struct safi_mojibake *m, const unsigned char *u,
                 size_t avail)
{
	size_t len;
	int32_t cp;

	/* The first character of a run that may start damage has 2 bytes. */
	if (avail < 4 || u[2] < 0x80)
		return 0;
	cp = safi_utf8_decode((const char *)u + 2, avail - 2, &len);
	return cp >= 0x80 && cp < 0x10000 &&
	       (m->continuation[cp >> 3] & (1u << (cp & 7))) != 0;
}

/*
 * One pass over s[0..n): repairs the runs that pass, relaxing rule 3 for
 * the charsets in |relaxed|, and appends the span to |out| (when not NULL
 * and something was repaired).  Returns the number of runs repaired or a
 * buffer error.
 */
static long
repair_span(struct safi_mojibake *m, const char *s, size_t n, unsigned cut,
            unsigned relaxed, struct safi_buf *out, struct safi_mojibake_stats *st)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, copied = 0, k;
	int rc;

	while ((i = next_run_start(u, i, n)) < n) {
		size_t run = i, end;
		int which = 0;

		i = end = skip_non_ascii(u, i, n);
		if ((run == 0 && (cut & SAFI_MOJIBAKE_CUT_START)) ||
		    (end == n && (cut & SAFI_MOJIBAKE_CUT_END)))
			continue;
		if (!may_start_run(m->flags, u + run, end - run) ||
		    !second_continues(m, u + run, end - run))
			continue;
		rc = repair_run(m, s + run, end - run, run > 0 ? u[run - 1] : 0,
		                end < n ? u[end] : 0, relaxed, &which, st);
		if (rc <= 0) {
			if (rc < 0)
				return rc;
			continue;
		}
		st->runs++;
		for (k = 0; k < m->bytes[which].len; k++)
			st->chars += ((unsigned char)m->bytes[which].ptr[k] & 0xC0) != 0x80;
		if (out == NULL)
			continue;
		if ((rc = safi_buf_append(out, s + copied, run - copied)) < 0 ||
		    (rc = safi_buf_append(out, m->bytes[which].ptr,
		                          m->bytes[which].len)) < 0)
			return rc;
		copied = end;
	}
	if (out && st->runs > 0 && (rc = safi_buf_append(out, s + copied, n - copied)) < 0)
		return rc;
	return (long)st->runs;
}

/*
 * Two passes: the first, strict, finds whether the span holds damage and
 * of which charsets, and repairs; if it held back a two-character run of a
 * charset that damaged other runs of the span, a second pass repairs again
 * with no more evidence than rules 1 and 2 for those ("ظ…" after "2015" in
 * a damaged line is "م").
 */
int
safi_mojibake_repair(struct safi_mojibake *m, const char *s, size_t n,
                     struct safi_buf *out)
{
	return safi_mojibake_repair_piece(m, s, n, 0, out);
}

int
safi_mojibake_repair_piece(struct safi_mojibake *m, const char *s, size_t n,
                           unsigned cut, struct safi_buf *out)
{
	struct safi_mojibake_stats st;
	size_t start_len = out->len;
	unsigned damaged;
	long rc;

	memset(&m->last, 0, sizeof m->last);
	memset(&st, 0, sizeof st);
	m->held = 0;
	if ((rc = repair_span(m, s, n, cut, 0, out, &st)) <= 0) {
		out->len = start_len;
		return (int)rc;
	}
	/* The second pass is needed only for a short run held back. */
	damaged = st.charsets;
	if (m->held & damaged) {
		out->len = start_len;
		memset(&st, 0, sizeof st);
		if ((rc = repair_span(m, s, n, cut, damaged, out, &st)) < 0) {
			out->len = start_len;
			return (int)rc;
		}
	}
	m->last = st;
	return 1;
}
