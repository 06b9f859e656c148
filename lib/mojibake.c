/*
 * mojibake.c - repair of text decoded with the wrong charset (mojibake.h).
 *
 * The tables come from ICU: for every BMP code point some charset has a
 * byte for, an entry with its byte in each charset and two masks, the
 * charsets in which that byte starts a UTF-8 sequence and those in which
 * it continues one.  A line is repaired in passes; each pass
 *
 *  1. walks the line and, where a character starts a sequence in some
 *     charset and the next one continues it, builds the longest stretch of
 *     well-formed UTF-8 it can in each such charset, and judges it
 *     (judge_stretch: strong, weak, needs support, or no); where a run of
 *     Latin-1 letters reads as Arabic in windows-1256, judges that word;
 *  2. decides on the weak ones with what the whole line shows (another
 *     damaged stretch, or no other non-ASCII text);
 *  3. writes the line with the accepted stretches decoded and the C1
 *     controls left over mapped to windows-1252.
 *
 * Passes repeat until nothing changes, so text damaged twice is repaired
 * twice; every pass shortens the text or turns Latin letters into Arabic
 * ones, so the passes end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uscript.h>

#include "safi/buf.h"
#include "safi/error.h"
#include "safi/mojibake.h"
#include "safi/utf8.h"

/* The charsets, in the order ties are broken. */
enum {
	CS_1252, CS_1256, CS_1251, CS_1250, CS_8859_2, CS_1257, CS_1254,
	CS_1253, CS_MAC, CS_437, CS_KOI8R, NCS
};

static const struct {
	const char *icu;    /* ICU converter name */
	const char *what;   /* the repair, as reported */
	unsigned flag;
} charsets[NCS] = {
	{"windows-1252", "UTF-8 read as windows-1252", SAFI_MOJIBAKE_LATIN},
	{"windows-1256", "UTF-8 read as windows-1256", SAFI_MOJIBAKE_ARABIC},
	{"windows-1251", "UTF-8 read as windows-1251", SAFI_MOJIBAKE_LATIN},
	{"windows-1250", "UTF-8 read as windows-1250", SAFI_MOJIBAKE_LATIN},
	{"ISO-8859-2", "UTF-8 read as ISO-8859-2", SAFI_MOJIBAKE_LATIN},
	{"windows-1257", "UTF-8 read as windows-1257", SAFI_MOJIBAKE_LATIN},
	{"windows-1254", "UTF-8 read as windows-1254", SAFI_MOJIBAKE_LATIN},
	{"windows-1253", "UTF-8 read as windows-1253", SAFI_MOJIBAKE_LATIN},
	{"macos-0_2-10.2", "UTF-8 read as MacRoman", SAFI_MOJIBAKE_LATIN},
	{"ibm-437", "UTF-8 read as IBM437", SAFI_MOJIBAKE_LATIN},
	{"KOI8-R", "UTF-8 read as KOI8-R", SAFI_MOJIBAKE_LATIN},
};

#define WHAT_LATIN1 "UTF-8 read as ISO-8859-1"
#define WHAT_CESU "CESU-8 read as windows-1252"
#define WHAT_LEGACY "windows-1256 read as windows-1252"
#define WHAT_C1 "windows-1252 read as ISO-8859-1"

#define MAX_PASSES 16
#define SPAN_LIMIT ((size_t)1 << 30)

/* Entry flags. */
#define E_LEGACY 1u   /* its windows-1252 byte is Arabic in windows-1256 */

struct entry {
	uint16_t lead;        /* charsets where the byte starts a sequence */
	uint16_t cont;        /* charsets where it continues one */
	uint8_t flags;
	uint8_t byte[NCS];
};

/* A judged stretch (or legacy word). */
enum verdict { NO, SUPPORTED, WEAK, STRONG };

struct cand {
	size_t start, end;    /* bytes of the line */
	size_t dec, declen;   /* its repair in m->dec */
	enum verdict v;
	const char *what;
	int legacy;           /* windows-1256 read as windows-1252 */
	int arabic;           /* UTF-8 read as windows-1256 */
	int accepted;
};

struct safi_mojibake {
	unsigned flags;
	uint16_t *index;            /* BMP code point -> entry, 0: none */
	struct entry *entries;
	int nentries;
	uint32_t to_u[NCS][256];    /* byte -> code point, 0: none */
	uint16_t a0_mask;           /* charsets with NBSP at A0 */
	/* two-byte UTF-8 sequences (first byte << 8 | second) of characters
	 * that may start a repair: the scan's fast path */
	uint8_t hot2[0x10000];
	struct safi_buf dec;        /* the repairs of one pass */
	struct safi_buf pass[2];    /* the text after each pass */
	struct cand *cands;
	size_t ncands, capcands;
	struct safi_mojibake_stats last;
};

/* --- tables ------------------------------------------------------------- */

static struct entry *
entry_for(struct safi_mojibake *m, uint32_t cp)
{
	struct entry *e;

	if (m->index[cp] != 0)
		return &m->entries[m->index[cp]];
	if (m->nentries >= 0xFFFF)
		return NULL;
	e = &m->entries[m->nentries];
	memset(e, 0, sizeof *e);
	m->index[cp] = (uint16_t)m->nentries++;
	return e;
}

static int
load_charset(struct safi_mojibake *m, int cs)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(charsets[cs].icu, &err);
	int b;

	if (U_FAILURE(err))
		return SAFI_EICU;
	ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
	for (b = 0x80; b <= 0xFF && U_SUCCESS(err); b++) {
		char in = (char)b;
		UChar u[2];
		int32_t k = ucnv_toUChars(cnv, u, 2, &in, 1, &err);

		if (U_FAILURE(err)) {
			/* An undefined byte was kept as the C1 control of its
			 * value by the sloppy decoders that made the damage. */
			err = U_ZERO_ERROR;
			if (b < 0xA0)
				m->to_u[cs][b] = (uint32_t)b;
			continue;
		}
		if (k == 1 && !U16_IS_SURROGATE(u[0]))
			m->to_u[cs][b] = u[0];
	}
	ucnv_close(cnv);
	return U_FAILURE(err) ? SAFI_EICU : 0;
}

static int
is_arabic_letter(uint32_t cp)
{
	return (cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A) ||
	       (cp >= 0x0671 && cp <= 0x06D3);
}

/* The lead bytes of what an Arabic page holds, for windows-1256, whose
 * other lead bytes are the Arabic letters of every clean word: Latin-1
 * and Latin Extended-A, Arabic, punctuation and symbols, presentation
 * forms, emoji. */
static int
arabic_page_lead(unsigned b)
{
	return (b >= 0xC2 && b <= 0xC5) || (b >= 0xD8 && b <= 0xDB) || b == 0xE2 ||
	       b == 0xEF || b == 0xF0;
}

static int
build_tables(struct safi_mojibake *m)
{
	int cs, b, rc;

	m->index = calloc(0x10000, sizeof *m->index);
	m->entries = calloc(0x10000, sizeof *m->entries);
	if (m->index == NULL || m->entries == NULL)
		return SAFI_ENOMEM;
	m->nentries = 1;   /* entry 0: no byte anywhere */
	for (cs = 0; cs < NCS; cs++)
		if ((rc = load_charset(m, cs)) < 0)
			return rc;
	/* windows-1252 read as ISO-8859-1 kept every C1 control */
	for (b = 0x80; b < 0xA0; b++)
		if (m->to_u[CS_1252][b] == 0)
			m->to_u[CS_1252][b] = (uint32_t)b;
	for (cs = 0; cs < NCS; cs++) {
		if (!(m->flags & charsets[cs].flag))
			continue;
		for (b = 0x80; b <= 0xFF; b++) {
			uint32_t cp = m->to_u[cs][b];
			struct entry *e;

			if (cp == 0 || cp > 0xFFFF || (e = entry_for(m, cp)) == NULL)
				continue;
			if (e->byte[cs] == 0)
				e->byte[cs] = (uint8_t)b;
			if (b <= 0xBF)
				e->cont |= (uint16_t)(1u << cs);
			else if (((b >= 0xC2 && b <= 0xF4) || b == 0xC0) &&
			         (cs != CS_1256 || arabic_page_lead(b)))
				e->lead |= (uint16_t)(1u << cs);   /* C0 80: NUL */
		}
	}
	for (cs = 0; cs < NCS; cs++)
		if (m->to_u[cs][0xA0] == 0xA0)
			m->a0_mask |= (uint16_t)(1u << cs);
	for (b = 0x80; b < 0x800; b++) {
		const struct entry *e = &m->entries[m->index[b]];

		m->hot2[(0xC0 | b >> 6) << 8 | (0x80 | (b & 0x3F))] =
		    e->lead != 0 || (e->flags & E_LEGACY) || b < 0xA0;
	}
	/* Latin-1's C1 controls continue sequences in windows-1252 too */
	for (b = 0x80; b < 0xA0; b++) {
		struct entry *e = entry_for(m, (uint32_t)b);

		if (e && e->byte[CS_1252] == 0 && (m->flags & SAFI_MOJIBAKE_LATIN)) {
			e->byte[CS_1252] = (uint8_t)b;
			e->cont |= 1u << CS_1252;
		}
	}
	if (m->flags & SAFI_MOJIBAKE_ARABIC)
		for (b = 0x80; b <= 0xFF; b++) {
			uint32_t cp = m->to_u[CS_1252][b], ar = m->to_u[CS_1256][b];
			struct entry *e;

			if (cp == 0 || (e = entry_for(m, cp)) == NULL)
				continue;
			if (is_arabic_letter(ar))
				e->flags |= E_LEGACY;
			else if ((ar >= 0x064B && ar <= 0x0652) || ar == 0x0640 ||
			         ar == 0x060C || ar == 0x061B || ar == 0x061F)
				e->flags |= E_LEGACY;
		}
	return 0;
}

int
safi_mojibake_new(struct safi_mojibake **out, unsigned flags)
{
	struct safi_mojibake *m;
	int rc, i;

	*out = NULL;
	if (flags == 0)
		flags = SAFI_MOJIBAKE_ALL;
	if (flags & ~SAFI_MOJIBAKE_ALL)
		return SAFI_EINVAL;
	if ((m = calloc(1, sizeof *m)) == NULL)
		return SAFI_ENOMEM;
	m->flags = flags;
	if ((rc = build_tables(m)) < 0) {
		safi_mojibake_free(m);
		return rc;
	}
	m->dec.limit = SPAN_LIMIT;
	for (i = 0; i < 2; i++)
		m->pass[i].limit = SPAN_LIMIT;
	*out = m;
	return 0;
}

void
safi_mojibake_free(struct safi_mojibake *m)
{
	if (m == NULL)
		return;
	free(m->index);
	free(m->entries);
	free(m->cands);
	safi_buf_free(&m->dec);
	safi_buf_free(&m->pass[0]);
	safi_buf_free(&m->pass[1]);
	free(m);
}

void
safi_mojibake_last(const struct safi_mojibake *m, struct safi_mojibake_stats *st)
{
	*st = m->last;
}

/* --- characters ---------------------------------------------------------- */

#define NONE 0xFFFFFFFFu

/* Decodes the character at s[i] of s[0..n), i < n; *len is its length
 * (that of the ill-formed sequence for one, decoded as NONE). */
static inline uint32_t
char_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	int32_t cp;

	if (s[i] < 0x80) {
		*len = 1;
		return s[i];
	}
	cp = safi_utf8_decode((const char *)s + i, n - i, len);
	if (*len == 0)
		*len = 1;
	return cp < 0 ? NONE : (uint32_t)cp;
}

/* The character before s[i] (NONE at the start). */
static uint32_t
char_before(const unsigned char *s, size_t n, size_t i)
{
	size_t j = i, len;
	uint32_t cp;

	if (i == 0)
		return NONE;
	while (j > 0 && i - j < 4 && (s[j - 1] & 0xC0) == 0x80)
		j--;
	if (j > 0)
		j--;
	cp = char_at(s, n, j, &len);
	return j + len == i ? cp : NONE;
}

static inline const struct entry *
entry_of(const struct safi_mojibake *m, uint32_t cp)
{
	return &m->entries[cp < 0x10000 ? m->index[cp] : 0];
}

static int
is_letter(uint32_t cp)
{
	return cp != NONE && u_isalpha((UChar32)cp);
}

static int
is_upper(uint32_t cp)
{
	return cp != NONE && u_isUUppercase((UChar32)cp);
}

static int
is_lower(uint32_t cp)
{
	return cp != NONE && u_isULowercase((UChar32)cp);
}

static int
ascii_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
}

/* The script of a letter, with the scripts of Japanese as one. */
static int
script_of(uint32_t cp)
{
	UErrorCode err = U_ZERO_ERROR;
	int sc = (int)uscript_getScript((UChar32)cp, &err);

	if (U_FAILURE(err))
		return USCRIPT_INVALID_CODE;
	if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA)
		return USCRIPT_HAN;
	return sc;
}

/*
 * Could |cp| be in text that was damaged?  Letters, marks, digits,
 * punctuation, symbols and spaces of the scripts in use; not unassigned,
 * private-use or control characters (but the C1 controls, which a next
 * pass or the C1 rule decides on, U+FFFD for a lost byte and the NUL of
 * modified UTF-8), nor IPA letters, modifier letters and the rare Latin
 * letters of Extended-B to -E, which accented
 * capitals next to punctuation turn into ("É¿" is "ɿ").
 */
static int
text_char(uint32_t cp)
{
	int t = u_charType((UChar32)cp);

	if (cp == 0 || cp == 0xFFFD || (cp >= 0x80 && cp <= 0x9F))
		return 1;
	if (t == U_UNASSIGNED || t == U_PRIVATE_USE_CHAR || t == U_SURROGATE ||
	    t == U_CONTROL_CHAR || (cp & 0xFFFE) == 0xFFFE ||
	    (cp >= 0xFDD0 && cp <= 0xFDEF))
		return 0;
	if ((cp >= 0x0250 && cp <= 0x02AF) || (cp >= 0x2C60 && cp <= 0x2C7F) ||
	    (cp >= 0xA720 && cp <= 0xA7FF) || (cp >= 0xAB30 && cp <= 0xAB6F))
		return 0;   /* IPA and the rare Latin letters of Extended-C to -E */
	/* of Latin Extended-B, what Vietnamese, Romanian and pinyin use */
	if (cp >= 0x0180 && cp <= 0x024F &&
	    !(cp == 0x01A0 || cp == 0x01A1 || cp == 0x01AF || cp == 0x01B0 ||
	      (cp >= 0x01CD && cp <= 0x01DC) || (cp >= 0x0218 && cp <= 0x021B) ||
	      cp == 0x0192))
		return 0;
	if ((cp >= 0x02B0 && cp <= 0x02FF && !(cp >= 0x02C6 && cp <= 0x02DD)) ||
	    (t == U_MODIFIER_LETTER && cp >= 0x1D00 && cp <= 0x1DBF))
		return 0;
	return 1;
}

/* Letters that a damaged pair of two characters gives in real text: the
 * Latin-1 and Latin Extended-A letters, basic Greek and Cyrillic, Hebrew
 * and Arabic. */
static int
common_letter(uint32_t cp)
{
	return (cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0x0386 && cp <= 0x03CE) || (cp >= 0x0400 && cp <= 0x045F) ||
	       cp == 0x0490 || cp == 0x0491 || (cp >= 0x05D0 && cp <= 0x05EA) ||
	       is_arabic_letter(cp);
}

/* One character of three bytes that means something on its own:
 * punctuation, currency, letterlike signs, arrows, mathematics, technical
 * signs, box drawing, shapes, dingbats, braille, CJK punctuation, Arabic
 * presentation forms and full-width forms, U+FFFD. */
static int
standalone_three_byte(uint32_t cp)
{
	return (cp >= 0x2000 && cp <= 0x2BFF && cp != 0x2028 && cp != 0x2029) ||
	       (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
	       (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFC) ||
	       cp == 0xFEFF ||
	       (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0xFFFD;
}

/* Characters that often follow a letter at the end of a word in clean
 * text, so that a pair of a letter and one of them is no evidence unless
 * the word goes on after it: quotation marks and apostrophes, guillemets,
 * the ellipsis, dashes, the trade mark, registered, degree, superscript
 * and middle dot signs, accents used as quotes, the no-break space, and
 * Arabic punctuation. */
static int
word_final(uint32_t cp)
{
	switch (cp) {
	case 0xA0: case 0xA8: case 0xAB: case 0xAE: case 0xB0: case 0xB2:
	case 0xB3: case 0xB4: case 0xB7: case 0xB9: case 0xBB:
	case 0x2013: case 0x2014: case 0x2018: case 0x2019: case 0x201C:
	case 0x201D: case 0x2022: case 0x2026: case 0x2039: case 0x203A:
	case 0x2122: case 0x200C: case 0x200D:
		return 1;
	}
	return 0;
}

/* ... and of those, the ones that close a quotation or a word. */
static int
closing_mark(uint32_t cp)
{
	return cp == 0xBB || cp == 0x2019 || cp == 0x201D ||
	       cp == 0x2026 || cp == 0x2013 || cp == 0x2014 || cp == 0x203A;
}

/* Letters that real text hardly ever holds but windows-1252 mojibake
 * holds everywhere: Ã and Â, the lead bytes of U+00C0-U+00FF and
 * U+0080-U+00BF. */
static int
rare_lead(int cs, uint32_t cp)
{
	return (cs == CS_1252 || cs == CS_1254) && (cp == 0xC3 || cp == 0xC2);
}

/* --- stretches ----------------------------------------------------------- */

struct stretch {
	size_t start, end;
	size_t nseq;       /* characters it gives */
	size_t maxlen;     /* bytes of its longest */
	int lossy;         /* sequences with a lost byte ('?' or U+FFFD) */
	int lossy_q;       /* ... lost as '?' */
	int guessed;       /* sequences with a lost byte or a space for A0 */
	int a0;            /* spaces that stood for A0 */
	int a0_end;        /* its last byte was such a space */
	int cesu;          /* surrogate pairs */
	int c1;            /* C1 controls read as windows-1252 bytes */
	uint32_t first, second;   /* its first two characters */
	uint32_t decoded;         /* the first character it gives */
};

/* One sequence of UTF-8 bytes in charset |cs| from s[q]. */
struct seq {
	unsigned char bytes[4];
	size_t need;       /* continuation bytes */
	size_t end;        /* where it ends in s */
	int lossy, lossy_q, real, a0, c1;
};

/*
 * Reads the sequence whose lead is the character at s[q] in charset |cs|:
 * a space may stand for the byte A0 (where the charset has NBSP there), a
 * '?' or U+FFFD for a lost continuation byte.  Returns 0 when there is
 * none, or when q is the end of s (a CESU-8 pair's second half is looked
 * for right after the first, which may end the text).
 */
static int
read_seq(const struct safi_mojibake *m, int cs, const unsigned char *s,
         size_t n, size_t q, struct seq *sq)
{
	const struct entry *e;
	uint32_t c;
	size_t len, r, k;
	unsigned b, lo = 0x80, hi = 0xBF;
	int nbsp_is_a0 = m->to_u[cs][0xA0] == 0xA0;

	memset(sq, 0, sizeof *sq);
	if (q >= n)
		return 0;
	c = char_at(s, n, q, &len);
	if (c == NONE || c < 0x80 || !((e = entry_of(m, c))->lead & (1u << cs)))
		return 0;
	b = e->byte[cs];
	sq->need = b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
	if (b == 0xE0)
		lo = 0xA0;
	else if (b == 0xF0)
		lo = 0x90;
	else if (b == 0xF4)
		hi = 0x8F;
	sq->bytes[0] = (unsigned char)b;
	for (r = q + len, k = 1; k <= sq->need; k++, r += len) {
		uint32_t c2 = r < n ? char_at(s, n, r, &len) : NONE;
		unsigned b2;

		if (c2 == ' ' && nbsp_is_a0 && lo <= 0xA0 && hi >= 0xA0) {
			b2 = 0xA0;
			sq->a0++;
		} else if ((c2 == '?' || c2 == 0xFFFD) && cs < CS_MAC) {
			/* the Windows and ISO charsets, whose sloppy decoders
			 * lost undefined bytes */
			b2 = 0x80;
			sq->lossy++;
			sq->lossy_q += c2 == '?';
		} else if ((c2 == 0x200C || c2 == 0x200D) && cs == CS_1256 &&
		           c >= 0x0600 && c <= 0x06FF) {
			/* ZWNJ and ZWJ after Arabic letters are Persian
			 * spelling, and give only rare signs in UTF-8 */
			return 0;
		} else if (c2 != NONE && c2 >= 0x80 &&
		           (b2 = entry_of(m, c2)->byte[cs]) >= lo && b2 <= hi) {
			sq->real++;
			sq->c1 += c2 < 0xA0 && m->to_u[cs][b2] != c2;
		} else {
			return 0;
		}
		sq->bytes[k] = (unsigned char)b2;
		lo = 0x80;
		hi = 0xBF;
	}
	/* a lost byte or a space needs a byte that is there to show the
	 * sequence */
	if ((sq->lossy || sq->a0) && sq->real == 0 && sq->need > 1)
		return 0;
	sq->end = r;
	return 1;
}

static uint32_t
seq_value(const struct seq *sq)
{
	const unsigned char *b = sq->bytes;

	if (sq->need == 1)
		return (uint32_t)(b[0] & 0x1F) << 6 | (b[1] & 0x3F);
	if (sq->need == 2)
		return (uint32_t)(b[0] & 0x0F) << 12 | (uint32_t)(b[1] & 0x3F) << 6 |
		       (b[2] & 0x3F);
	return (uint32_t)(b[0] & 0x07) << 18 | (uint32_t)(b[1] & 0x3F) << 12 |
	       (uint32_t)(b[2] & 0x3F) << 6 | (b[3] & 0x3F);
}

static int
put_utf8(struct safi_buf *b, uint32_t cp)
{
	return cp == 0 ? safi_buf_putc(b, 0) : safi_buf_put_utf8(b, cp);
}

/*
 * Builds the longest stretch in charset |cs| from s[p], appending what it
 * decodes to m->dec.  Returns its number of characters (0: none, or a
 * buffer error, which leaves nothing to repair).
 */
static size_t
build_stretch(struct safi_mojibake *m, int cs, const unsigned char *s,
              size_t n, size_t p, struct stretch *st)
{
	size_t q = p, len, start_dec = m->dec.len;
	struct seq sq, low;

	memset(st, 0, sizeof *st);
	st->start = p;
	st->first = char_at(s, n, p, &len);
	st->second = p + len < n ? char_at(s, n, p + len, &len) : NONE;
	while (q < n && read_seq(m, cs, s, n, q, &sq)) {
		uint32_t cp = seq_value(&sq);
		size_t end = sq.end;

		if (sq.lossy) {
			cp = 0xFFFD;
		} else if (sq.bytes[0] == 0xC0) {
			/* modified UTF-8 writes NUL as C0 80; nothing else is C0 */
			if (sq.bytes[1] != 0x80)
				break;
			cp = 0;
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			break;
		} else if (cp >= 0xD800 && cp <= 0xDBFF) {
			/* CESU-8: a high surrogate, then the low one */
			uint32_t lo_cp;

			if (!read_seq(m, cs, s, n, end, &low) || low.lossy || low.need != 2)
				break;
			lo_cp = seq_value(&low);
			if (lo_cp < 0xDC00 || lo_cp > 0xDFFF)
				break;
			cp = 0x10000 + ((cp - 0xD800) << 10) + (lo_cp - 0xDC00);
			sq.a0 += low.a0;
			end = low.end;
			st->cesu++;
			sq.need = 3;
		}
		if (put_utf8(&m->dec, cp) < 0) {
			m->dec.len = start_dec;
			return 0;
		}
		if (st->nseq++ == 0)
			st->decoded = cp;
		if (sq.need + 1 > st->maxlen)
			st->maxlen = sq.need + 1;
		st->lossy += sq.lossy > 0;
		st->lossy_q += sq.lossy_q > 0;
		/* a surrogate pair shows damage even with a space for A0 */
		st->guessed += sq.lossy > 0 || (sq.a0 > 0 && !(cp >= 0x10000 && sq.bytes[0] == 0xED));
		st->a0 += sq.a0;
		st->c1 += sq.c1;
		st->a0_end = sq.a0 > 0 && s[end - 1] == ' ';
		q = end;
	}
	st->end = q;
	if (st->nseq == 0)
		m->dec.len = start_dec;
	return st->nseq;
}

/* --- judging ------------------------------------------------------------- */

/* Do the letters of d[0..k) share one script (Common and Inherited aside)? */
static int
one_script(const struct safi_mojibake *m, size_t dec, size_t declen)
{
	const unsigned char *d = (const unsigned char *)m->dec.ptr + dec;
	size_t i, len;
	int sc = -1;

	for (i = 0; i < declen; i += len) {
		uint32_t cp = char_at(d, declen, i, &len);
		int t;

		if (cp == NONE || !text_char(cp))
			return 0;
		/* the letters of windows-1252 may be the next layer's damage
		 * ("â€™أ©", "ط¨ظƒ") */
		if (!is_letter(cp) || (cp >= 0xC0 && entry_of(m, cp)->byte[CS_1252]))
			continue;
		t = script_of(cp);
		if (t == USCRIPT_COMMON || t == USCRIPT_INHERITED)
			continue;
		if (sc >= 0 && t != sc)
			return 0;
		sc = t;
	}
	return 1;
}

/*
 * Rule for a stretch of two characters that gives one character of two
 * bytes, |d|: does the pair look damaged, in the place it has?  |prev|,
 * |prev2| are the two characters before it, |next| the one after, |after|
 * the one after that.
 */
static enum verdict
judge_pair(int cs, const struct stretch *st, uint32_t d, uint32_t prev,
           uint32_t prev2, uint32_t next, uint32_t after)
{
	uint32_t lead = st->first, cont = st->second;
	int rare = rare_lead(cs, lead), damaged = 0, glued;

	if (cont == ' ')
		/* a space for A0 after a letter is no evidence of its own; a
		 * letter that begins a word may end with it */
		return rare && d >= 0xC0 && is_lower(prev) ? WEAK :
		       is_letter(d) && !is_letter(prev) ? SUPPORTED : NO;
	if ((cont == 0x060C || cont == 0x061B || cont == 0x061F) &&
	    !(d < 0x0250 && ((prev < 0x80 && is_letter(prev)) ||
	                     (next < 0x80 && is_letter(next)))))
		/* Arabic punctuation follows Arabic letters, but not in the
		 * middle of a Latin word ("Łódإ؛") */
		return NO;
	if (st->lossy)
		/* "Ä�" inside a word was a letter whose byte was lost */
		return !st->lossy_q && is_letter(prev) && is_letter(next) ? WEAK : SUPPORTED;
	if (d == 0)
		return SUPPORTED;   /* NUL */
	if (d >= 0x0600 && d <= 0x06FF && !is_arabic_letter(d))
		/* Arabic punctuation, digits and marks: from a letter and a
		 * symbol ("Ù¤" for "٤") weak evidence, else left to the line */
		return is_letter(lead) && !is_letter(cont) && !word_final(cont) ? WEAK : SUPPORTED;
	if (u_charType((UChar32)d) == U_NON_SPACING_MARK)
		/* "$Ì¶": a combining mark on what comes before, but a letter
		 * (which had the mark already) */
		return script_of(lead) == USCRIPT_LATIN && !is_letter(cont) &&
		       !word_final(cont) && prev != NONE && prev != ' ' &&
		       !is_letter(prev) ? WEAK : NO;
	if (d >= 0xA0 && d <= 0xBF && !rare)
		/* NBSP and Latin-1 signs ("آ\xa0" in windows-1256): by an ASCII
		 * letter or digit ("nآ°" for "n°") weak evidence */
		return d > 0xA0 && ((prev < 0x80 && ascii_alnum(prev)) ||
		                    (next < 0x80 && ascii_alnum(next))) ? WEAK : SUPPORTED;
	if (!(common_letter(d) || (rare && lead == 0xC2 && d >= 0xA0) ||
	      (rare && (d == 0xD7 || d == 0xF7))))
		return NO;
	/* the pair looks damaged */
	if (!is_letter(lead) || lead == 0x0192)
		/* a symbol (ƒ is the florin sign) before anything, but line art */
		damaged = !(lead >= 0x2500 && lead <= 0x259F && cont >= 0x2500 && cont <= 0x259F);
	else if (script_of(lead) != USCRIPT_LATIN && script_of(d) == USCRIPT_LATIN &&
	         ((prev < 0x80 && is_letter(prev)) || (next < 0x80 && is_letter(next))))
		damaged = 1;   /* a letter of another script in a Latin word: "enquأھte" */
	else if (rare)
		/* closing a word: "Â»" is "»" in a line shown damaged */
		damaged = closing_mark(cont) && !is_letter(next) ? -1 : 1;
	else if (is_upper(lead) && is_lower(prev))
		damaged = 1;   /* a capital inside a word: "VisÅ³" */
	else if (is_letter(cont) && cont != 0xAA && cont != 0xBA &&
	         u_charType((UChar32)cont) != U_MODIFIER_LETTER)
		/* two letters whose case does not fit a word: "ÄÆdomu" */
		damaged = (is_upper(lead) && is_upper(cont) && is_lower(next)) ||
		          (is_lower(lead) && is_upper(cont));
	else if (cont == 0xA0)
		damaged = 0;   /* a no-break space ends the word */
	else if (word_final(cont))
		damaged = is_letter(next) ? 1 : -1;
	else
		damaged = 1;   /* a symbol inside a word */
	if (damaged == 0)
		/* no damage to see in the pair ("РІ" for "в", "Ĺž" for "ž"):
		 * left to the line's other evidence */
		damaged = -1;
	if (cont == 0x2019 && next == 's' && !is_letter(after))
		return NO;   /* "Ã’s": an apostrophe and an s */
	/* the letter keeps the case of its word */
	if (is_lower(d) && (is_upper(next) || (is_upper(prev) && is_upper(prev2))))
		return NO;
	if (is_upper(d) && is_lower(prev))
		return NO;
	/* and the script of the letters around it, and stands in a word
	 * (Arabic has words of one letter, and Ã and Â are damage alone) */
	if ((is_letter(prev) && prev >= 0x80 && script_of(prev) != script_of(d)) ||
	    (is_letter(next) && next >= 0x80 && script_of(next) != script_of(d)))
		return NO;
	glued = is_letter(prev) || is_letter(next);
	if (damaged < 0 || (!glued && !rare && !is_arabic_letter(d)))
		return SUPPORTED;   /* "ظ…" is "م" in a line shown damaged */
	return WEAK;
}

/* Are the characters of the stretch all letters? */
static int
all_letters(const unsigned char *s, const struct stretch *st)
{
	size_t i, len;

	for (i = st->start; i < st->end; i += len)
		if (!is_letter(char_at(s, st->end, i, &len)))
			return 0;
	return 1;
}

/*
 * Is the stretch the opening mark of a word and its first letters, which
 * the letter after it goes on ("„Ää" of "„Äääähm")?  Marks not glued to a
 * letter before them, then two letters or more of the script of the next
 * letter, lowercase but the first, and a lowercase letter after them.
 */
static int
opens_word(const unsigned char *s, const struct stretch *st, uint32_t prev,
           uint32_t next)
{
	size_t i = st->start, len, letters = 0;
	uint32_t cp;

	if (is_letter(prev) || !is_lower(next))
		return 0;
	while (i < st->end && !is_letter(char_at(s, st->end, i, &len)))
		i += len;
	if (i == st->start)
		return 0;
	for (; i < st->end; i += len, letters++) {
		cp = char_at(s, st->end, i, &len);
		if (!is_letter(cp) || script_of(cp) != script_of(next) ||
		    (letters > 0 && !is_lower(cp)))
			return 0;
	}
	return letters >= 2;
}

/* Judges a stretch: strong evidence, weak, only with support, or none. */
static enum verdict
judge_stretch(const struct safi_mojibake *m, int cs, const unsigned char *s,
              size_t n, const struct stretch *st, size_t dec, size_t declen)
{
	uint32_t prev = char_before(s, n, st->start), prev2 = NONE;
	uint32_t next = NONE, after = NONE, d = st->decoded;
	size_t len;

	if (!one_script(m, dec, declen))
		return NO;
	if (st->start > 0 && prev != NONE) {
		size_t lp = prev < 0x80 ? 1 : prev < 0x800 ? 2 : prev < 0x10000 ? 3 : 4;

		if (st->start >= lp)
			prev2 = char_before(s, n, st->start - lp);
	}
	if (st->end < n) {
		next = char_at(s, n, st->end, &len);
		if (st->end + len < n)
			after = char_at(s, n, st->end + len, &len);
	}
	if (st->nseq >= 2) {
		const unsigned char *dd = (const unsigned char *)m->dec.ptr + dec;
		size_t i, c1 = 0, letters = 0, marks = 0, k = 0, l;
		int lead_back = 0;
		int sc = -1;

		for (i = 0; i < declen; i += l, k++) {
			uint32_t cp = char_at(dd, declen, i, &l);

			/* a C1 control is the next layer's continuation byte,
			 * after the letter that leads it ("Ì\x81", "â€\x9d") */
			if (cp >= 0x80 && cp <= 0x9F) {
				if (lead_back == 0)
					return NO;
				c1++;
			}
			/* how far back a lead of the next layer is */
			lead_back = cp >= 0xC2 && cp <= 0xF4 ? 3 : lead_back > 0 ? lead_back - 1 : 0;
			marks += u_charType((UChar32)cp) == U_NON_SPACING_MARK;
			if (is_letter(cp)) {
				letters++;
				if (script_of(cp) != USCRIPT_COMMON &&
				    script_of(cp) != USCRIPT_INHERITED)
					sc = script_of(cp);
			}
		}
		/* C1 controls alone are no text (the C1 rule or a next pass
		 * decides), nor signs that letters gave ("ВІСІ" is no "²Ѳ") */
		if (c1 == k || (letters + marks < k && all_letters(s, st)))
			return NO;
		/* nor letters of a script that the letters glued to the stretch
		 * do not share ("ОГРАНИЧЕЊЕ" is no "ОГРАНИЧŌŠ") */
		if (sc >= 0 && ((is_letter(prev) && prev >= 0x80 && script_of(prev) != sc) ||
		                (is_letter(next) && next >= 0x80 && script_of(next) != sc)))
			return NO;
		/* a combining mark first goes on the letter before: it was
		 * no mark ("lÃ¢" read as MacRoman) */
		if (u_charType((UChar32)d) == U_NON_SPACING_MARK && is_letter(prev))
			return NO;
		/* the sequences that show damage by themselves; one and lost
		 * bytes around it ("ItÃ?Â¢â?¬") is weak evidence */
		k = st->nseq - (size_t)st->guessed;
		return k >= 2 ? STRONG : k == 1 && st->lossy ? WEAK : SUPPORTED;
	}
	if (st->maxlen == 4)
		return st->cesu ? STRONG : st->guessed ? SUPPORTED :
		       d >= 0x10000 && text_char(d) ? STRONG : NO;
	if (st->maxlen == 3) {
		if (st->lossy || st->a0)
			return SUPPORTED;
		if (!text_char(d) || (d >= 0x80 && d <= 0x9F))
			return NO;
		/* a sign; but no symbol inside a word ("Кочев’є" is no
		 * "КочеⒺй") */
		if (standalone_three_byte(d) && !is_letter(d)) {
			int sym = u_charType((UChar32)d) >= U_MATH_SYMBOL &&
			          u_charType((UChar32)d) <= U_OTHER_SYMBOL;

			/* ... nor after a letter of another script than Latin
			 * ("в’є" in Ukrainian is no "Ⓔ") */
			if (sym && ((is_letter(prev) && is_letter(next)) ||
			            (script_of(st->first) != USCRIPT_LATIN &&
			             is_letter(st->first) &&
			             (is_letter(prev) || is_letter(next)))))
				return NO;
			/* ... and a word's opening mark with its first letters
			 * needs other evidence ("„Ää" of "„Äääähm" in MacRoman
			 * is "《") */
			return opens_word(s, st, prev, next) ? SUPPORTED : STRONG;
		}
		/* a ligature of the Arabic presentation forms, not inside a
		 * word of another script ("копії" is no "коﳿ") */
		if (standalone_three_byte(d) &&
		    !(is_letter(prev) && script_of(prev) != script_of(d)) &&
		    !(is_letter(next) && script_of(next) != script_of(d)))
			return STRONG;
		/* a letter (Vietnamese, CJK, Indic...) in a word of its script */
		if (is_letter(d) && ((is_letter(prev) && script_of(prev) == script_of(d)) ||
		                     (is_letter(next) && script_of(next) == script_of(d))))
			return script_of(d) == USCRIPT_LATIN ? STRONG : WEAK;
		/* a letter between signs: "(à¸‡'" is "(ง'" in a damaged line */
		return is_letter(d) && !is_letter(prev) && !is_letter(next) ? SUPPORTED : NO;
	}
	return judge_pair(cs, st, d, prev, prev2, next, after);
}

/*
 * Judges a run of Latin-1 letters at s[p] that may be an Arabic word in
 * windows-1256 read as windows-1252 ("ÇáÚÑÈíÉ" is "العربية"): the whole
 * word must read as Arabic letters (harakat after a letter, tatweel between
 * letters, Arabic punctuation at the end), between characters that are
 * not letters or digits.  A word of three letters or more with a lowercase
 * letter before a capital (which no Latin word has; most Arabic words read
 * so, as ل م ن ه و ي read as lowercase letters) is strong evidence; one of
 * four or more in both cases is weak; others need a strong one in the
 * line (a row of accented capitals is no Arabic).  Appends the word in Arabic to m->dec; *end is its end.
 */
static enum verdict
judge_legacy(struct safi_mojibake *m, const unsigned char *s, size_t n,
             size_t p, size_t *end)
{
	size_t q = p, len, start_dec = m->dec.len, letters = 0, chars = 0;
	uint32_t prev = char_before(s, n, p), c = NONE, before = NONE, ar = 0;
	int anomaly = 0, punct = 0, upper = 0, lower = 0;

	*end = p;
	if (is_letter(prev) || (prev < 0x80 && ascii_alnum(prev)))
		return NO;
	while (q < n) {
		const struct entry *e;

		c = char_at(s, n, q, &len);
		if (c == NONE || c < 0x80 || !((e = entry_of(m, c))->flags & E_LEGACY))
			break;
		ar = m->to_u[CS_1256][e->byte[CS_1252]];
		if (punct)
			break;   /* punctuation ends the word */
		if (ar == 0x060C || ar == 0x061B || ar == 0x061F) {
			punct = 1;
		} else if (ar >= 0x064B && ar <= 0x0652) {
			if (letters == 0 || !is_arabic_letter(before))
				if (!(before >= 0x064B && before <= 0x0652))
					break;
		} else if (ar == 0x0640) {
			if (letters == 0)
				break;
		} else {
			letters++;
		}
		if (chars > 0 && is_upper(c) && is_lower(prev))
			anomaly = 1;
		upper |= is_upper(c);
		lower |= is_lower(c);
		if (put_utf8(&m->dec, ar) < 0) {
			m->dec.len = start_dec;
			return NO;
		}
		before = ar;
		prev = c;
		chars++;
		q += len;
	}
	*end = q;
	if (q < n && (c == NONE || is_letter(c)))
		return NO;   /* glued to a Latin letter or other text */
	if (letters == 0)
		/* Arabic punctuation alone, after a word or a quotation */
		return punct ? SUPPORTED : NO;
	if (letters >= 3 && anomaly)
		return STRONG;
	if (letters >= 4 && upper && lower)
		return WEAK;
	return letters >= 1 ? SUPPORTED : NO;
}

/* --- one pass ------------------------------------------------------------ */

static int
add_cand(struct safi_mojibake *m, size_t start, size_t end, size_t dec,
         enum verdict v, const char *what, int legacy)
{
	struct cand *c;
	size_t len;

	if (m->ncands == m->capcands) {
		size_t cap = m->capcands ? 2 * m->capcands : 16;

		if ((c = realloc(m->cands, cap * sizeof *c)) == NULL)
			return SAFI_ENOMEM;
		m->cands = c;
		m->capcands = cap;
	}
	c = &m->cands[m->ncands++];
	c->start = start;
	c->end = end;
	c->dec = dec;
	c->declen = m->dec.len - dec;
	c->v = v;
	c->what = what;
	c->legacy = legacy;
	c->arabic = what == charsets[CS_1256].what && dec < m->dec.len &&
	    char_at((const unsigned char *)m->dec.ptr, m->dec.len, dec, &len) >= 0x0600;
	c->accepted = 0;
	return 0;
}

/* The last character of the UTF-8 text p[0..n). */
static uint32_t
last_char(const char *p, size_t n)
{
	return n > 0 ? char_before((const unsigned char *)p, n, n) : NONE;
}

/* The charsets in which the character c at s[i] (|len| bytes, entry |e|)
 * starts a sequence that the character after it continues: a character
 * of the charset's continuation bytes, a '?' or U+FFFD for a lost byte,
 * or a space for A0 where a word begins (or after Ã and Â). */
static unsigned
pair_mask(const struct safi_mojibake *m, const unsigned char *s, size_t n,
          size_t i, size_t len, uint32_t c, const struct entry *e)
{
	uint32_t next, prev;
	size_t l;

	if (e->lead == 0 || i + len >= n)
		return 0;
	if (s[i + len] == ' ')
		return c == 0xC3 || c == 0xC2 ||
		       (is_letter(c) && !is_letter(char_before(s, n, i))) ?
		       e->lead & m->a0_mask : 0;
	next = char_at(s, n, i + len, &l);
	if (next == '?' || next == 0xFFFD)
		return e->lead & ((1u << CS_MAC) - 1);
	/* Arabic punctuation and closing marks that end an Arabic word: the
	 * words of clean text, which judge_pair() leaves as they are */
	if (c >= 0x0600 && c <= 0x06FF &&
	    (next == 0x060C || next == 0x061B || next == 0x061F ||
	     (word_final(next) && (i + len + l >= n || !ascii_alnum(s[i + len + l])))) &&
	    (prev = char_before(s, n, i)) != NONE && prev >= 0x0600 && prev <= 0x06FF)
		return 0;
	return next == NONE ? 0 : e->lead & entry_of(m, next)->cont;
}

/* Can the character c at s[i] start something to repair? */
static int
hot(const struct safi_mojibake *m, const unsigned char *s, size_t n, size_t i,
    size_t len, uint32_t c, const struct entry *e)
{
	size_t l;

	if (c >= 0x80 && c <= 0x9F)
		return 1;
	if ((e->flags & E_LEGACY) && i + len < n) {
		uint32_t next = char_at(s, n, i + len, &l);

		if (next != NONE && (entry_of(m, next)->flags & E_LEGACY))
			return 1;
	}
	return pair_mask(m, s, n, i, len, c, e) != 0;
}

/*
 * Finds and judges the candidates of s[0..n), counting in *clean the
 * non-ASCII characters outside them.
 */
static int
collect(struct safi_mojibake *m, const unsigned char *s, size_t n, int pref,
        unsigned *tally, size_t *clean)
{
	size_t i = 0, len;
	int rc;

	m->ncands = 0;
	m->dec.len = 0;
	*clean = 0;
	while (i < n) {
		uint32_t c;
		const struct entry *e;
		struct stretch st, best;
		size_t best_dec = 0, best_len = 0, dec, end;
		enum verdict bv = NO, v;
		const char *bwhat = NULL;
		unsigned mask;
		int cs, k;

		if (s[i] < 0x80) {
			i++;
			continue;
		}
		c = char_at(s, n, i, &len);
		if (c == NONE) {
			i++;
			(*clean)++;
			continue;
		}
		e = entry_of(m, c);
		/* every charset in which c starts a sequence */
		mask = pair_mask(m, s, n, i, len, c, e);
		if (mask == 0 && !(e->flags & E_LEGACY)) {
			i += len;
			(*clean) += !(c >= 0x80 && c <= 0x9F);
			continue;
		}
		memset(&best, 0, sizeof best);
		for (k = -1; k < NCS && mask; k++) {
			/* the charset the line shows most goes first */
			cs = k < 0 && pref < NCS ? pref : k;
			if (cs < 0 || (k >= 0 && cs == pref) || !(mask & (1u << cs)))
				continue;
			dec = m->dec.len;
			if (build_stretch(m, cs, s, n, i, &st) == 0)
				continue;
			v = judge_stretch(m, cs, s, n, &st, dec, m->dec.len - dec);
			if (v != NO && tally)
				tally[cs]++;
			if (v > bv || (v == bv && v != NO && st.nseq > best.nseq)) {
				bv = v;
				best = st;
				best_dec = dec;
				best_len = m->dec.len - dec;
				bwhat = st.cesu ? WHAT_CESU : st.c1 && cs == CS_1252 ?
				    WHAT_LATIN1 : charsets[cs].what;
			} else {
				m->dec.len = dec;
			}
		}
		/* a word of windows-1256 read as windows-1252, when it is
		 * better evidence than a stretch */
		if (e->flags & E_LEGACY) {
			if (bv != NO)
				m->dec.len = best_dec + best_len;
			dec = m->dec.len;
			v = judge_legacy(m, s, n, i, &end);
			if (v == STRONG && tally)
				tally[NCS]++;
			if (v > bv || (v == bv && v != NO && pref == NCS)) {
				if ((rc = add_cand(m, i, end, dec, v, WHAT_LEGACY, 1)) < 0)
					return rc;
				i = end;
				continue;
			}
			m->dec.len = dec;
		}
		if (bv != NO) {
			/* the repairs of worse stretches after it go */
			m->dec.len = best_dec + best_len;
			if ((rc = add_cand(m, best.start, best.end, best_dec, bv, bwhat, 0)) < 0)
				return rc;
			if (best.a0_end) {
				/* the no-break space and a space after it became one
				 * space before the next word: keep it, unless a lone
				 * letter follows it, which was the end of the word
				 * ("Ã s" is "às") */
				size_t at = best.end;
				int lone = at < n && ascii_alnum(s[at]) && s[at] > '9' &&
				    (at + 1 == n || s[at + 1] == ' ');

				/* a capital starts its word: "Å veices" is "Šveices" */
				if (at < n && s[at] < 0x80 && is_letter(s[at]) && !lone &&
				    is_lower(last_char(m->dec.ptr + best_dec, best_len)) &&
				    (rc = safi_buf_putc(&m->dec, ' ')) < 0)
					return rc;
				m->cands[m->ncands - 1].declen = m->dec.len - best_dec;
			}
			i = best.end;
			continue;
		}
		(*clean) += !(c >= 0x80 && c <= 0x9F);
		i += len;
	}
	return 0;
}

/* Appends s[0..n) to |out| with its C1 controls read as windows-1252
 * (those that windows-1252 defines); counts them in *k. */
static int
copy_fixing_c1(const struct safi_mojibake *m, const unsigned char *s, size_t n,
               struct safi_buf *out, size_t *k)
{
	size_t i, from = 0;
	int rc;

	if (!(m->flags & SAFI_MOJIBAKE_LATIN))
		return safi_buf_append(out, s, n);
	for (i = 0; i + 1 < n; i++) {
		uint32_t cp;

		if (s[i] != 0xC2 || s[i + 1] < 0x80 || s[i + 1] > 0x9F)
			continue;
		cp = m->to_u[CS_1252][s[i + 1]];
		if (cp == s[i + 1])
			continue;   /* undefined in windows-1252 too */
		if ((rc = safi_buf_append(out, s + from, i - from)) < 0 ||
		    (rc = put_utf8(out, cp)) < 0)
			return rc;
		from = i + 2;
		(*k)++;
		i++;
	}
	return safi_buf_append(out, s + from, n - from);
}

/* Notes one repair in the stats of the call. */
static void
note(struct safi_mojibake_stats *st, const char *what, const char *text, size_t n)
{
	size_t k;

	if (st->what == NULL)
		st->what = what;
	else if (what != st->what)
		st->others = 1;
	st->runs++;
	for (k = 0; k < n; k++)
		st->chars += ((unsigned char)text[k] & 0xC0) != 0x80;
}

/* Notes the |k| C1 controls read as windows-1252, a character each. */
static void
note_c1(struct safi_mojibake_stats *st, size_t k)
{
	note(st, WHAT_C1, "", 0);
	st->chars += k;
}

/*
 * Decides on the candidates with what the line shows, and writes the line
 * with the accepted ones repaired, and the C1 controls elsewhere read as
 * windows-1252, to |out|.  Weak evidence needs another damaged stretch in
 * the line, or a line with no other non-ASCII text; what needs support
 * needs accepted evidence of the same kind.  Returns the number of
 * repairs.
 */
static long
decide_and_write(struct safi_mojibake *m, const unsigned char *s, size_t n,
                 size_t clean, unsigned cut, int *shown, struct safi_buf *out,
                 struct safi_mojibake_stats *st)
{
	size_t i, strong[2] = {0, 0}, weak[2] = {0, 0}, sure[2] = {0, 0};
	size_t copied = 0, repairs = 0, c1;
	int rc;

	for (i = 0; i < m->ncands; i++) {
		struct cand *c = &m->cands[i];

		if ((c->start == 0 && (cut & SAFI_MOJIBAKE_CUT_START)) ||
		    (c->end == n && (cut & SAFI_MOJIBAKE_CUT_END)))
			c->v = NO;
		strong[c->legacy] += c->v == STRONG;
		weak[c->legacy] += c->v == WEAK;
	}
	for (i = 0; i < m->ncands; i++) {
		struct cand *c = &m->cands[i];
		int f = c->legacy;

		/* clean Arabic repeats the same letters before the same
		 * punctuation: there weak evidence needs strong evidence */
		c->accepted = c->v == STRONG || (c->v == WEAK && *shown && !f) ||
		    (c->v == WEAK && (c->arabic ? strong[f] > 0 || clean == 0 :
		                      strong[f] + weak[f] >= 2 || clean == 0));
		sure[f] += c->accepted && (!f || c->v == STRONG);
	}
	for (i = 0; i < m->ncands; i++)
		if (m->cands[i].v == SUPPORTED && sure[m->cands[i].legacy] > 0)
			m->cands[i].accepted = 1;
	for (i = 0; i < m->ncands; i++) {
		struct cand *c = &m->cands[i];

		if (!c->accepted)
			continue;
		c1 = 0;
		if ((rc = copy_fixing_c1(m, s + copied, c->start - copied, out, &c1)) < 0 ||
		    (rc = safi_buf_append(out, m->dec.ptr + c->dec, c->declen)) < 0)
			return rc;
		if (c1)
			note_c1(st, c1);
		note(st, c->what, m->dec.ptr + c->dec, c->declen);
		repairs += 1 + c1;
		*shown = 1;
		copied = c->end;
	}
	c1 = 0;
	if ((rc = copy_fixing_c1(m, s + copied, n - copied, out, &c1)) < 0)
		return rc;
	if (c1)
		note_c1(st, c1);
	return (long)(repairs + c1);
}

#ifdef __SSE2__
/* Bytes of v in lo..hi (unsigned). */
static inline __m128i
bytes_in(__m128i v, int lo, int hi)
{
	__m128i t = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));

	return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((char)(hi - lo))), t);
}

/*
 * Skips sixteen bytes at a time of s[i..n) where no character may start a
 * repair: ASCII, and Arabic but for the letters that windows-1256 makes
 * lead bytes of Latin and Arabic (آ أ ؤ إ ط ظ ع غ, and fathatan) before a
 * character that may continue them.  Every other lead byte stops it.  (A
 * space after such a letter, which may stand for A0, is no evidence of
 * its own, so a line that only holds that needs no repair.)  Returns where to go on, maybe inside a
 * character (whose continuation bytes start nothing).
 */
static size_t
skip_cold(const unsigned char *s, size_t i, size_t n)
{
	for (; i + 19 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i nx = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
		__m128i b2 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 2));
		__m128i b3 = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 3));
		__m128i other = _mm_or_si128(bytes_in(v, 0xC2, 0xD7), bytes_in(v, 0xDA, 0xF4));
		__m128i d8 = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD8)),
		    _mm_or_si128(bytes_in(nx, 0xA2, 0xA5), bytes_in(nx, 0xB7, 0xBA)));
		__m128i d9 = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD9)),
		    _mm_cmpeq_epi8(nx, _mm_set1_epi8((char)0x8B)));
		/* ... when the character after such a letter may be one of
		 * windows-1256's continuation bytes: Latin-1 signs, Œ œ Š š
		 * Ž ž Ÿ ƒ ˆ ˜, punctuation, Persian letters, ٹ پ, U+FFFD, '?' */
		__m128i cont = _mm_or_si128(
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xC2)),
		                              bytes_in(b2, 0xC5, 0xC6)),
		                 _mm_or_si128(_mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xCB)),
		                              _mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xE2)))),
		    _mm_or_si128(
		        _mm_or_si128(_mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xDA)),
		                     _mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xEF))),
		        _mm_or_si128(_mm_cmpeq_epi8(b2, _mm_set1_epi8('?')),
		                     _mm_and_si128(_mm_cmpeq_epi8(b2, _mm_set1_epi8((char)0xD9)),
		                                   _mm_or_si128(_mm_cmpeq_epi8(b3, _mm_set1_epi8((char)0xB9)),
		                                                _mm_cmpeq_epi8(b3, _mm_set1_epi8((char)0xBE)))))));
		__m128i arabic = _mm_and_si128(_mm_or_si128(d8, d9), cont);

		if (_mm_movemask_epi8(_mm_or_si128(other, arabic)) != 0)
			break;
	}
	return i;
}
#endif

/* Quickly: is there anything in s[0..n) that could start a repair?  Text
 * that cannot is skipped sixteen bytes at a time, the rest is looked at a
 * character at a time, two-byte ones with one table look-up each. */
static int
anything_hot(const struct safi_mojibake *m, const unsigned char *s, size_t n)
{
	size_t i = 0, len, block_end = 0;

	while (i < n) {
		uint32_t c;
		uint64_t w;

#ifdef __SSE2__
		if (i >= block_end) {
			i = skip_cold(s, i, n);
			block_end = i + 16;
			if (i >= n)
				break;
		}
#endif
		if (s[i] < 0x80) {
			i++;
			while (i + 8 <= n) {
				memcpy(&w, s + i, 8);
				if (w & 0x8080808080808080ull)
					break;
				i += 8;
			}
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < n &&
		    !m->hot2[s[i] << 8 | s[i + 1]]) {
			i += 2;
			continue;
		}
		c = char_at(s, n, i, &len);
		if (c != NONE && hot(m, s, n, i, len, c, entry_of(m, c)))
			return 1;
		i += len;
	}
	return 0;
}

int
safi_mojibake_repair_piece(struct safi_mojibake *m, const char *text, size_t n,
                           unsigned cut, struct safi_buf *out)
{
	struct safi_mojibake_stats st;
	const unsigned char *s = (const unsigned char *)text;
	size_t start = out->len, clean;
	int pass, which = 0, rc, shown = (cut & SAFI_MOJIBAKE_SHOWN) != 0;
	long k;

	memset(&m->last, 0, sizeof m->last);
	memset(&st, 0, sizeof st);
	for (pass = 0; pass < MAX_PASSES; pass++) {
		struct safi_buf *b = &m->pass[which];
		unsigned tally[NCS + 1] = {0};
		int cs, pref = 0;

		if (!anything_hot(m, s, n))
			break;
		if ((rc = collect(m, s, n, -1, tally, &clean)) < 0)
			return rc;
		/* where several charsets read a stretch, the one that reads
		 * most of the line is right (NCS: windows-1256 read as
		 * windows-1252, whose strong words count) */
		for (cs = 1; cs <= NCS; cs++)
			if (tally[cs] > tally[pref])
				pref = cs;
		if (pref != 0 && tally[pref] > 0 &&
		    (rc = collect(m, s, n, pref, NULL, &clean)) < 0)
			return rc;
		b->len = 0;
		/* in a line shown damaged by an earlier pass (or by the
		 * caller), weak evidence needs no more */
		if ((k = decide_and_write(m, s, n, clean, cut, &shown, b, &st)) < 0)
			return (int)k;
		if (k == 0)
			break;
		st.depth++;
		s = (const unsigned char *)b->ptr;
		n = b->len;
		which ^= 1;
		/* the edges of a piece stay where they were */
	}
	if (st.depth == 0)
		return 0;
	if ((rc = safi_buf_append(out, s, n)) < 0) {
		out->len = start;
		return rc;
	}
	m->last = st;
	return 1;
}

int
safi_mojibake_repair(struct safi_mojibake *m, const char *s, size_t n,
                     struct safi_buf *out)
{
	return safi_mojibake_repair_piece(m, s, n, 0, out);
}
