/*
 * sentence.c - sentence boundaries, decided locally on UTF-8 bytes.
 *
 * The hot loop looks only for the few bytes that can begin a terminator, a
 * bullet or a dash ('.', '!', '?', the second bytes of ؟ and ۔, and the
 * lead bytes of three-byte characters) or one of the marks that end web
 * sentences without a terminator (':' and ';' of emoticons, times and web
 * addresses, '*' '=' '_' of rule lines); everything else (Arabic letters,
 * ASCII words, spaces) is skipped 16 or 32 bytes at a time with SSE2
 * compares or an AVX2 table look-up, and a table sorts out the false hits.
 * At each candidate the decision reads a bounded window around it: the run
 * of terminators and closing marks, the word before it (at most MAX_WORD
 * bytes) and the start of what follows.  Once per sentence, its first
 * words are checked for a letter's salutation or closing.  So the time is
 * linear in the paragraph and nothing is allocated.
 *
 * The word table holds the abbreviations, sentence starters, greetings and
 * closings of the languages in use, keyed by their bytes with ASCII letters
 * lowercased; a bitmap of the last two bytes of its keys rejects most plain
 * words before they are read in full.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#endif

#include "safi/data.h"
#include "safi/error.h"
#include "safi/sentence.h"

#define MAX_WORD 64     /* longer words are never abbreviations */
#define MAX_STARTER 24  /* longest sentence-starter word looked up */
#define MAX_HEAD 15     /* longest first word of a salutation or closing */
#define MAX_FORMULA 32  /* a salutation or closing ends with a comma within */
#define HEAD_BITS (26 * 26 * 16)

/* Flags of a word in the splitter's table. */
#define W_ABBREV 1u      /* an abbreviation: its dot rarely ends a sentence */
#define W_ABBREV_NUM 2u  /* an abbreviation only before a number ("No. 5") */
#define W_STARTER 4u     /* a word that often starts a sentence ("The") */
#define W_GREETING 8u    /* opens a letter's salutation ("Dear", "Hi") */
#define W_CLOSING 16u    /* a letter's closing formula ("Best regards") */
#define W_LETTER_HEAD 32u  /* first word of a salutation or closing */

struct entry {
	const char *key;    /* ASCII-lowercased, in the splitter's arena */
	unsigned len;
	unsigned flags;
};

struct splitter_arena {
	struct splitter_arena *next;
	size_t used;
	char bytes[4096 - 2 * sizeof(void *)];
};

struct safi_splitter {
	struct entry *table;    /* open addressing, size a power of two */
	size_t size, count;
	/* One bit per pair of last two bytes (ASCII-lowercased) of the words
	 * in the table, and whether a one-byte word is there. */
	unsigned char tails[65536 / 8];
	int has_short;
	/* A bit per (first letter, last letter, length) of the first words
	 * of the salutations and closings, so that nearly every sentence is
	 * passed over without a look-up. */
	unsigned char heads[HEAD_BITS / 8];
	/* Finds the next byte that may start a terminator or a bullet. */
	size_t (*scan)(const unsigned char *s, size_t n, size_t i);
	struct splitter_arena *arena;
};

static size_t next_candidate(const unsigned char *s, size_t n, size_t i);
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_SCAN 1
static size_t next_candidate_avx2(const unsigned char *s, size_t n, size_t i);
static int have_avx2(void);
#endif

/* ---- the word table ---------------------------------------------------- */

static uint32_t
hash_lower(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static int
equal_lower(const char *key, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((unsigned char)key[i] != c)
			return 0;
	}
	return 1;
}

static unsigned
table_find(const struct safi_splitter *sp, const char *s, size_t n)
{
	size_t i;

	if (sp->size == 0 || n == 0 || n > MAX_WORD)
		return 0;
	i = hash_lower(s, n) & (sp->size - 1);
	while (sp->table[i].key) {
		if (sp->table[i].len == n && equal_lower(sp->table[i].key, s, n))
			return sp->table[i].flags;
		i = (i + 1) & (sp->size - 1);
	}
	return 0;
}

static inline int
isalpha_ascii(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline unsigned char
lower_byte(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* May a word of the table end with the bytes a, b? */
static inline int
tail_maybe(const struct safi_splitter *sp, unsigned char a, unsigned char b)
{
	unsigned t = (unsigned)lower_byte(a) << 8 | lower_byte(b);

	return (sp->tails[t >> 3] >> (t & 7)) & 1;
}

static char *
arena_copy_lower(struct safi_splitter *sp, const char *s, size_t n)
{
	struct splitter_arena *a = sp->arena;
	char *p;
	size_t i;

	if (a == NULL || sizeof a->bytes - a->used < n) {
		if ((a = malloc(sizeof *a)) == NULL)
			return NULL;
		a->used = 0;
		a->next = sp->arena;
		sp->arena = a;
	}
	p = a->bytes + a->used;
	for (i = 0; i < n; i++)
		p[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + ('a' - 'A') : s[i]);
	a->used += n;
	return p;
}

static int
table_grow(struct safi_splitter *sp)
{
	size_t size = sp->size ? sp->size * 2 : 256, i, j;
	struct entry *t = calloc(size, sizeof *t);

	if (t == NULL)
		return SAFI_ENOMEM;
	for (i = 0; i < sp->size; i++) {
		if (sp->table[i].key == NULL)
			continue;
		j = hash_lower(sp->table[i].key, sp->table[i].len) & (size - 1);
		while (t[j].key)
			j = (j + 1) & (size - 1);
		t[j] = sp->table[i];
	}
	free(sp->table);
	sp->table = t;
	sp->size = size;
	return 0;
}

/* Adds |flags| to the word s[0..n), inserting it if new. */
static int
table_add(struct safi_splitter *sp, const char *s, size_t n, unsigned flags)
{
	size_t i;
	int rc;

	if (n == 0 || n > MAX_WORD)
		return SAFI_EINVAL;
	if ((sp->count + 1) * 2 > sp->size && (rc = table_grow(sp)) < 0)
		return rc;
	i = hash_lower(s, n) & (sp->size - 1);
	while (sp->table[i].key) {
		if (sp->table[i].len == n && equal_lower(sp->table[i].key, s, n)) {
			/* A plain abbreviation wins over a numbers-only one. */
			if (flags & W_ABBREV)
				sp->table[i].flags &= ~W_ABBREV_NUM;
			if ((flags & W_ABBREV_NUM) && (sp->table[i].flags & W_ABBREV))
				flags &= ~W_ABBREV_NUM;
			sp->table[i].flags |= flags;
			return 0;
		}
		i = (i + 1) & (sp->size - 1);
	}
	if ((sp->table[i].key = arena_copy_lower(sp, s, n)) == NULL)
		return SAFI_ENOMEM;
	if (n >= 2) {
		unsigned t = (unsigned char)sp->table[i].key[n - 2] << 8 |
		             (unsigned char)sp->table[i].key[n - 1];

		sp->tails[t >> 3] |= (unsigned char)(1u << (t & 7));
	} else {
		sp->has_short = 1;
	}
	sp->table[i].len = (unsigned)n;
	sp->table[i].flags = flags;
	sp->count++;
	return 0;
}

static int
is_space_byte(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

int
safi_splitter_add_abbrev(struct safi_splitter *s, const char *word, size_t len)
{
	unsigned flags = W_ABBREV;
	size_t i;

	if (len > 0 && word[len - 1] == '.')
		len--;
	if (len > 0 && word[len - 1] == '#') {
		flags = W_ABBREV_NUM;
		len--;
	}
	if (len == 0 || len > MAX_WORD)
		return SAFI_EINVAL;
	for (i = 0; i < len; i++)
		if (is_space_byte((unsigned char)word[i]))
			return SAFI_EINVAL;
	return table_add(s, word, len, flags);
}

/* The bit of heads[] for the ASCII letters s[0..n), 0 < n <= MAX_HEAD. */
static inline unsigned
head_bit(const unsigned char *s, size_t n)
{
	return ((unsigned)(lower_byte(s[0]) - 'a') * 26 + (lower_byte(s[n - 1]) - 'a')) * 16 +
	       (unsigned)n;
}

/* Adds the words of |wl| with |flags|, or as abbreviations if |flags| is 0.
 * The first word of a salutation or closing is marked too, so that a
 * sentence whose first word is not one is passed over at once. */
static int
add_list(struct safi_splitter *sp, const struct safi_wordlist *wl, unsigned flags)
{
	const char *sp_at;
	size_t i, n, k;
	unsigned bit;
	int rc;

	for (i = 0; i < wl->n; i++) {
		if (flags == 0)
			rc = safi_splitter_add_abbrev(sp, wl->words[i], wl->lens[i]);
		else
			rc = table_add(sp, wl->words[i], wl->lens[i], flags);
		if (rc == 0 && (flags & (W_GREETING | W_CLOSING))) {
			sp_at = memchr(wl->words[i], ' ', wl->lens[i]);
			n = sp_at ? (size_t)(sp_at - wl->words[i]) : wl->lens[i];
			for (k = 0; k < n && isalpha_ascii((unsigned char)wl->words[i][k]); k++)
				;
			if (k < n || n > MAX_HEAD)
				continue;       /* never matched */
			rc = table_add(sp, wl->words[i], n, W_LETTER_HEAD);
			bit = head_bit((const unsigned char *)wl->words[i], n);
			sp->heads[bit >> 3] |= (unsigned char)(1u << (bit & 7));
		}
		if (rc == SAFI_ENOMEM)
			return rc;
	}
	return 0;
}

/* The kinds of word lists the splitter reads, and what their words are. */
static const struct {
	const char *kind;
	unsigned flags;
} splitter_lists[] = {
	{"abbrev", 0},
	{"starters", W_STARTER},
	{"greetings", W_GREETING},
	{"closings", W_CLOSING},
};

int
safi_splitter_new(struct safi_splitter **out, const char *lang)
{
	struct safi_splitter *sp;
	const struct safi_wordlist *all;
	size_t n, i, k;
	int rc = 0;

	*out = NULL;
	if (lang && strcmp(lang, "auto") != 0 && !safi_data_find(lang, "abbrev"))
		return SAFI_ENOTFOUND;
	if ((sp = calloc(1, sizeof *sp)) == NULL)
		return SAFI_ENOMEM;
	sp->scan = next_candidate;
#ifdef HAVE_AVX2_SCAN
	if (have_avx2())
		sp->scan = next_candidate_avx2;
#endif
	all = safi_data_all(&n);
	for (i = 0; i < n && rc == 0; i++) {
		if (lang && strcmp(lang, "auto") != 0 && strcmp(all[i].lang, lang) != 0)
			continue;
		for (k = 0; k < sizeof splitter_lists / sizeof splitter_lists[0]; k++)
			if (strcmp(all[i].kind, splitter_lists[k].kind) == 0)
				rc = add_list(sp, &all[i], splitter_lists[k].flags);
	}
	if (rc < 0) {
		safi_splitter_free(sp);
		return rc;
	}
	*out = sp;
	return 0;
}

void
safi_splitter_free(struct safi_splitter *s)
{
	struct splitter_arena *a, *next;

	if (s == NULL)
		return;
	for (a = s->arena; a; a = next) {
		next = a->next;
		free(a);
	}
	free(s->table);
	free(s);
}

/* ---- characters -------------------------------------------------------- */

/* Decodes the character at s[i] (i < n).  Ill-formed bytes decode one at a
 * time as -1, so that no byte is ever skipped or merged. */
static inline int32_t
dec(const unsigned char *s, size_t n, size_t i, size_t *len)
{
	unsigned c = s[i];
	int32_t cp;
	size_t k, need;

	if (c < 0x80) {
		*len = 1;
		return (int32_t)c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		need = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 2;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3;
		cp = c & 0x07;
	} else {
		*len = 1;
		return -1;
	}
	if (n - i <= need) {
		*len = 1;
		return -1;
	}
	for (k = 1; k <= need; k++) {
		if ((s[i + k] & 0xc0) != 0x80) {
			*len = 1;
			return -1;
		}
		cp = (cp << 6) | (s[i + k] & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff)) {
		*len = 1;
		return -1;
	}
	*len = need + 1;
	return cp;
}

/* Decodes the character that ends just before s[i] (lo < i), and stores
 * where it starts in *at. */
static inline int32_t
dec_prev(const unsigned char *s, size_t lo, size_t i, size_t *at)
{
	size_t j = i - 1, len;
	int32_t cp;

	while (j > lo && i - j < 4 && (s[j] & 0xc0) == 0x80)
		j--;
	cp = dec(s, i, j, &len);
	if (j + len != i) {
		*at = i - 1;
		return -1;
	}
	*at = j;
	return cp;
}

/* White space as Python's str.isspace() sees it. */
static inline int
is_space(int32_t c)
{
	if (c < 0x80)
		return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
	if (c > 0xa0 && c < 0x1680)
		return 0;
	return c == 0x85 || c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
	       c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

/* Invisible format characters (bidi marks, zero widths, soft hyphen). */
static inline int
is_format(int32_t c)
{
	if (c < 0xad || (c > 0x061c && c < 0x200b))
		return 0;
	return c == 0xad || c == 0x061c || (c >= 0x200b && c <= 0x200f) ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) ||
	       c == 0xfeff;
}

/* Closing quotes and brackets that stay with the sentence they follow. */
static inline int
is_closer(int32_t c)
{
	switch (c) {
	case '"': case '\'': case ')': case ']': case '}':
	case 0x2019: case 0x201d: case 0x201c: case 0x2018: /* ’ ” and German “ ‘ */
	case 0xbb: case 0x203a:                           /* » › */
	case 0x300d: case 0x300f: case 0x3009: case 0x300b: /* 」 』 〉 》 */
	case 0xff09: case 0xff3d: case 0xff02:            /* ） ］ ＂ */
		return 1;
	}
	return 0;
}

/* Opening quotes, brackets, dashes and inverted marks that may come before
 * the first word of a sentence. */
static inline int
is_opener(int32_t c)
{
	switch (c) {
	case '"': case '\'': case '(': case '[': case '{': case '-': case '*':
	case 0x201c: case 0x2018: case 0x201e: case 0x201a: /* “ ‘ „ ‚ */
	case 0xab: case 0x2039:                           /* « ‹ */
	case 0xbf: case 0xa1:                             /* ¿ ¡ */
	case 0x2013: case 0x2014:                         /* – — */
	case 0x300c: case 0x300e: case 0xff08:            /* 「 『 （ */
		return 1;
	}
	return 0;
}

static int
is_mark(int32_t c)
{
	int cat = utf8proc_category(c);

	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME;
}

/* Closing marks that cannot open anything. */
static int
is_pure_closer(int32_t c)
{
	return c == ')' || c == ']' || c == '}' || c == 0xbb || c == 0x201d ||
	       c == 0x300d || c == 0x300f || c == 0xff09;
}

enum term {
	T_NONE,
	T_DOT,      /* . */
	T_ELLIPSIS, /* … */
	T_STRONG,   /* ! ? ؟ ‼ ⁇ ⁈ ⁉ ۔ */
	T_CLOSE     /* 。 ｡ ！ ？ । ॥: end a sentence even with no space after */
};

static inline enum term
term_kind(int32_t c)
{
	switch (c) {
	case '.':
		return T_DOT;
	case 0x2026:
		return T_ELLIPSIS;
	case '!': case '?': case 0x061f: case 0x06d4:
	case 0x203c: case 0x2047: case 0x2048: case 0x2049:
		return T_STRONG;
	case 0x3002: case 0xff61: case 0xff01: case 0xff1f: case 0x0964: case 0x0965:
		return T_CLOSE;
	}
	return T_NONE;
}

static int
is_bullet(int32_t c)
{
	return c == 0x2022 || c == 0x2043 || c == 0x25e6;
}

static int
is_digit(int32_t c)
{
	if (c < 0x80)
		return c >= '0' && c <= '9';
	return (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9) ||
	       (c >= 0x966 && c <= 0x96f) ||
	       (c > 0xff && utf8proc_category(c) == UTF8PROC_CATEGORY_ND);
}

enum lcase { L_NONE, L_LOWER, L_UPPER, L_CASELESS };

/* Letter case of c, or L_NONE if it is not a letter. */
static inline enum lcase
letter_case(int32_t c)
{
	if (c < 0x80) {
		if (c >= 'a' && c <= 'z')
			return L_LOWER;
		if (c >= 'A' && c <= 'Z')
			return L_UPPER;
		return L_NONE;
	}
	if (c < 0)
		return L_NONE;
	switch (utf8proc_category(c)) {
	case UTF8PROC_CATEGORY_LL:
		return L_LOWER;
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT:
		return L_UPPER;
	case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_LM:
		return L_CASELESS;
	default:
		return L_NONE;
	}
}

/* Arabic-script letters and the marks and tatweel written inside words. */
static int
is_arabic_word_char(int32_t c)
{
	return (c >= 0x0610 && c <= 0x061a) || (c >= 0x0620 && c <= 0x065f) ||
	       (c >= 0x066e && c <= 0x06d3) || (c >= 0x06d5 && c <= 0x06dc) ||
	       (c >= 0x06df && c <= 0x06e8) || (c >= 0x06ea && c <= 0x06ef) ||
	       (c >= 0x06fa && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) ||
	       (c >= 0x08a0 && c <= 0x08ff) || (c >= 0xfb50 && c <= 0xfdfb) ||
	       (c >= 0xfe70 && c <= 0xfefc);
}

static int
is_word_char(int32_t c)
{
	if (c < 0)
		return 0;
	if (letter_case(c) != L_NONE)
		return 1;
	return c > 0x7f && (is_arabic_word_char(c) ||
	                    utf8proc_category(c) == UTF8PROC_CATEGORY_MN);
}

/* ---- the decision at one terminator ------------------------------------ */

/* Bytes that can begin (or, for ؟ and ۔, end) a terminator or a bullet,
 * and the ASCII bytes of the boundaries that no terminator marks: the eyes
 * of an emoticon and the colon of a time (':' ';'), and rule lines ('*'
 * '=' '_'). */
enum cand {
	C_TERM = 1,     /* . ! ? */
	C_SECOND,       /* 9F and 94: the second bytes of ؟ and ۔ */
	C_LEAD3,        /* lead bytes of the three-byte characters in use */
	C_COLON,        /* : ; */
	C_RULE          /* * = _ */
};

static const unsigned char candidate[256] = {
	['.'] = C_TERM, ['!'] = C_TERM, ['?'] = C_TERM,
	[0x9f] = C_SECOND,   /* second byte of ؟ (D8 9F) */
	[0x94] = C_SECOND,   /* second byte of ۔ (DB 94) */
	[0xe0] = C_LEAD3, [0xe2] = C_LEAD3, [0xe3] = C_LEAD3, [0xef] = C_LEAD3,
	[':'] = C_COLON, [';'] = C_COLON,
	['*'] = C_RULE, ['='] = C_RULE, ['_'] = C_RULE,
};

#ifdef __SSE2__
/* A bit for each of the 16 bytes that may be a candidate: '.', '!', '?',
 * ':', ';', '*', '=', '_', 0x94, 0x9f, and the lead bytes 0xe0-0xff
 * (0xf0-0xff, '<' and '>' are no candidates but rare; the table sorts
 * them out). */
static inline unsigned
sse_candidates(__m128i v)
{
#define EQ(b) _mm_cmpeq_epi8(v, _mm_set1_epi8((char)(b)))
	/* ':' ';' '=' '?' in one range, with '<' and '>' as false hits. */
	__m128i m = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(0x39)),
	                          _mm_cmplt_epi8(v, _mm_set1_epi8(0x40)));

	m = _mm_or_si128(m, _mm_or_si128(_mm_or_si128(EQ('.'), EQ('!')),
	                                 _mm_or_si128(EQ('*'), EQ('_'))));
	m = _mm_or_si128(m, _mm_or_si128(EQ(0x94), EQ(0x9f)));
#undef EQ
	/* Signed: 0xe0-0xff are above 0xdf and below zero. */
	m = _mm_or_si128(m, _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xdf)),
	                                  _mm_cmplt_epi8(v, _mm_setzero_si128())));
	return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* Returns the position of the first candidate byte in s[i..n), or n. */
static size_t
next_candidate(const unsigned char *s, size_t n, size_t i)
{
#ifdef __SSE2__
	unsigned bits;

	while (i + 16 <= n) {
		bits = sse_candidates(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		while (bits) {
			size_t k = i + (size_t)__builtin_ctz(bits);

			if (candidate[s[k]])
				return k;
			bits &= bits - 1;
		}
		i += 16;
	}
	if (i < n && n >= 16) {
		/* The tail: the last 16 bytes, without those already seen. */
		size_t base = n - 16;

		bits = sse_candidates(_mm_loadu_si128((const __m128i *)(const void *)(s + base)));
		bits = bits >> (i - base) << (i - base);
		while (bits) {
			size_t k = base + (size_t)__builtin_ctz(bits);

			if (candidate[s[k]])
				return k;
			bits &= bits - 1;
		}
		return n;
	}
#endif
	while (i < n && !candidate[s[i]])
		i++;
	return i;
}

#ifdef HAVE_AVX2_SCAN
/* The same search, 32 bytes at a time, for processors with AVX2 (chosen at
 * run time by safi_splitter_new). */
__attribute__((target("avx2"))) static size_t
next_candidate_avx2(const unsigned char *s, size_t n, size_t i)
{
	/*
	 * One table lookup by each half of the byte, so that the set may grow
	 * at no cost: a bit per high half that holds candidates, and for each
	 * low half the bits of the high halves it makes a candidate with.
	 * bit 0: 0x2_ (! * .), bit 1: 0x3_ (: ; ?), bit 2: 0x5_ (_),
	 * bit 3: 0x9_ (94 9F), bit 4: 0xE_ and 0xF_ (every lead byte).
	 */
	const __m256i lo_tbl = _mm256_broadcastsi128_si256(_mm_setr_epi8(
	    0x10, 0x11, 0x10, 0x10, 0x18, 0x10, 0x10, 0x10,
	    0x10, 0x10, 0x13, 0x12, 0x10, 0x12, 0x11, 0x1e));
	const __m256i hi_tbl = _mm256_broadcastsi128_si256(_mm_setr_epi8(
	    0, 0, 0x01, 0x02, 0, 0x04, 0, 0, 0, 0x08, 0, 0, 0, 0, 0x10, 0x10));
	const __m256i low4 = _mm256_set1_epi8(0x0f), zero = _mm256_setzero_si256();
	size_t base;

	for (;;) {
		__m256i v, lo, hi;
		unsigned bits;

		if (i + 32 <= n) {
			base = i;
		} else if (i < n && n >= 32) {
			base = n - 32;  /* the tail: the last 32 bytes */
		} else {
			return next_candidate(s, n, i);
		}
		v = _mm256_loadu_si256((const __m256i *)(const void *)(s + base));
		lo = _mm256_shuffle_epi8(lo_tbl, _mm256_and_si256(v, low4));
		hi = _mm256_shuffle_epi8(hi_tbl,
		                         _mm256_and_si256(_mm256_srli_epi16(v, 4), low4));
		bits = ~(unsigned)_mm256_movemask_epi8(
		    _mm256_cmpeq_epi8(_mm256_and_si256(lo, hi), zero));
		/* Without the bytes of the tail already seen. */
		bits = (unsigned)((uint64_t)bits >> (i - base) << (i - base));
		while (bits) {
			size_t k = base + (size_t)__builtin_ctz(bits);

			if (candidate[s[k]])
				return k;
			bits &= bits - 1;
		}
		if (base + 32 >= n)
			return n;
		i += 32;
	}
}

static int
have_avx2(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("avx2");
}
#endif

/* What the text after a terminator run starts with. */
enum next {
	N_END,      /* nothing but white space, openers and closers */
	N_LOWER,
	N_UPPER,
	N_CASELESS,
	N_DIGIT,
	N_OTHER
};

struct run {
	size_t end;        /* just past the last terminator or closer */
	unsigned dots;     /* '.' count, … counting three */
	int strong, close, closer;
	int bang;          /* an exclamation mark among the terminators */
	int spaced_dots;   /* ". . ." */
};

static int
is_mouth(unsigned char c)
{
	switch (c) {
	case ')': case '(': case ']': case '[': case 'D': case 'P': case 'p':
	case 'O': case 'o': case '/': case '|': case '*': case '3':
		return 1;
	}
	return 0;
}

/* Length of the emoticon at s[i] (":)", ":-(", ";-)", ":P", ":')", ":)))"),
 * or 0.  It stands alone: white space or the end of the paragraph follows. */
static size_t
emoticon(const unsigned char *s, size_t n, size_t i)
{
	size_t j = i + 1, k;

	if (s[i] != ':' && s[i] != ';')
		return 0;
	if (j < n && (s[j] == '-' || s[j] == '\'' || s[j] == '^'))
		j++;
	for (k = j; j < n && j - k < 4 && is_mouth(s[j]) && s[j] == s[k]; j++)
		;
	if (j == k || (j < n && !is_space_byte(s[j])))
		return 0;
	return j - i;
}

/* Length of the reference mark at s[i] ("[17]", "[3, 4]", "[...]", "[…]",
 * "[a]"), or 0. */
static size_t
reference_mark(const unsigned char *s, size_t n, size_t i)
{
	size_t j = i + 1, digits = 0, other = 0, lower = 0;

	if (s[i] != '[')
		return 0;
	for (; j < n && j - i <= 16 && s[j] != ']'; j++) {
		if (s[j] >= '0' && s[j] <= '9')
			digits++;
		else if (s[j] >= 'a' && s[j] <= 'z')
			lower++;
		else if (s[j] != ',' && s[j] != '-' && s[j] != ' ')
			other++;
	}
	if (j >= n || s[j] != ']')
		return 0;
	if ((digits > 0 && lower == 0 && other == 0) ||
	    (digits == 0 && other == 0 && lower > 0 && lower <= 2 && j - i - 1 == lower) ||
	    (j - i - 1 == 3 && (memcmp(s + i + 1, "...", 3) == 0 ||
	                        memcmp(s + i + 1, "\xe2\x80\xa6", 3) == 0)))
		return j + 1 - i;
	return 0;
}

/* A mark that stays with the sentence a terminator ends, glued or after
 * white space: a reference ("in 1805. [6]") or an emoticon ("Thanks! :)"). */
static size_t
trailing_mark(const unsigned char *s, size_t n, size_t i)
{
	if (s[i] == '[')
		return reference_mark(s, n, i);
	return emoticon(s, n, i);
}

static void
read_run(const unsigned char *s, size_t n, size_t i, struct run *r)
{
	size_t len, j;
	int32_t c;

	memset(r, 0, sizeof *r);
	while (i < n) {
		c = dec(s, n, i, &len);
		switch (term_kind(c)) {
		case T_DOT:
			r->dots++;
			break;
		case T_ELLIPSIS:
			r->dots += 3;
			break;
		case T_STRONG:
			r->strong = 1;
			if (c == '!' || c == 0x203c || c == 0x2048 || c == 0x2049)
				r->bang = 1;
			break;
		case T_CLOSE:
			r->close = 1;
			break;
		case T_NONE:
			if ((c == '[' || c == ':' || c == ';') &&
			    r->dots + r->strong + r->close > 0 &&
			    (j = trailing_mark(s, n, i)) > 0) {
				i += j;
				continue;
			}
			if (is_closer(c)) {
				r->closer = 1;
				break;
			}
			/* Marks and invisible format characters cling to
			 * what they follow. */
			if (is_format(c) || (c > 0x2ff && is_mark(c)))
				break;
			/* A closing bracket or guillemet after spaces still
			 * closes what the terminator ended: "(... day. )";
			 * a reference mark or an emoticon stays with it. */
			if (is_space(c) && r->dots + r->strong + r->close > 0) {
				size_t l2;
				int32_t d = 0;

				j = i + len;
				while (j < n && is_space(d = dec(s, n, j, &l2)))
					j += l2;
				if (j < n && is_pure_closer(d)) {
					i = j;
					continue;
				}
				if (j < n && (l2 = trailing_mark(s, n, j)) > 0) {
					i = j + l2;
					continue;
				}
			}
			/* ". . ." : a dot after a single space continues the run. */
			if (c == ' ' && r->dots && i + 1 < n && s[i + 1] == '.' &&
			    s[i - 1] == '.') {
				r->spaced_dots = 1;
				break;
			}
			r->end = i;
			return;
		}
		i += len;
	}
	r->end = i;
}

/* Classifies what follows position i, skipping white space, invisible
 * format characters and openers; stores where the word starts in *at. */
static enum next
classify_next(const unsigned char *s, size_t n, size_t i, size_t *at)
{
	size_t len;
	int32_t c;

	while (i < n) {
		c = dec(s, n, i, &len);
		if (is_space(c) || is_format(c) || is_opener(c) || is_closer(c)) {
			i += len;
			continue;
		}
		*at = i;
		if (is_digit(c))
			return N_DIGIT;
		switch (letter_case(c)) {
		case L_LOWER: return N_LOWER;
		case L_UPPER: return N_UPPER;
		case L_CASELESS: return N_CASELESS;
		default: return N_OTHER;
		}
	}
	*at = n;
	return N_END;
}

/* Is the word at s[i] a sentence starter ("The", "Il", "Он")? */
static int
is_starter(const struct safi_splitter *sp, const unsigned char *s, size_t n,
           size_t i)
{
	size_t j = i, len;

	while (j < n && j - i <= MAX_STARTER) {
		int32_t c = dec(s, n, j, &len);

		if (letter_case(c) == L_NONE)
			break;
		j += len;
	}
	if (j == i || j - i > MAX_STARTER)
		return 0;
	return (table_find(sp, (const char *)s + i, j - i) & W_STARTER) != 0;
}

/* After an abbreviation, initial or acronym: a boundary only before a
 * capitalised sentence starter. */
static int
after_abbrev(const struct safi_splitter *sp, const unsigned char *s, size_t n,
             enum next nx, size_t at)
{
	return nx == N_UPPER && is_starter(sp, s, n, at);
}

/* Is the token ending at s[i] (exclusive) preceded by a number, as the era
 * letter in "1950 م." is? */
static int
after_number(const unsigned char *s, size_t lo, size_t i)
{
	size_t at;
	int32_t c;

	while (i > lo) {
		c = dec_prev(s, lo, i, &at);
		if (!is_space(c))
			return is_digit(c);
		i = at;
	}
	return 0;
}

/*
 * The word before a '.' at s[i], back to white space or an opening mark,
 * within s[lo..i): decides whether the dot is an abbreviation's,
 * an initial's or an acronym's rather than a sentence's.
 */
static int
dot_ends_sentence(const struct safi_splitter *sp, const unsigned char *s,
                  size_t n, size_t lo, size_t i, enum next nx, size_t at)
{
	size_t w = i, p, len;
	int32_t c, first = 0;
	unsigned flags, segs = 1, seglen = 0, maxseg = 0, letters = 0;
	int all_letters = 1, caseless = 0;

	/* A word of four letters or more that no abbreviation ends like
	 * is a plain word: answer without reading all of it. */
	if (i - lo >= 5 && !tail_maybe(sp, s[i - 2], s[i - 1])) {
		unsigned k = 0;

		while (w > lo && k < 4) {
			c = dec_prev(s, lo, w, &p);
			if (!is_word_char(c))
				break;
			k++;
			w = p;
		}
		if (k == 4)
			return 1;
		w = i;
	}
	while (w > lo) {
		c = dec_prev(s, lo, w, &p);
		if (is_space(c) || is_opener(c) || is_bullet(c) || is_format(c))
			break;
		if (i - p > MAX_WORD)
			return 1;       /* too long for an abbreviation */
		w = p;
	}
	if (w == i)
		return 1;               /* " ." */
	flags = table_find(sp, (const char *)s + w, i - w);
	if (!flags && !memchr(s + w, '.', i - w)) {
		/* A word of more than one character that is no abbreviation
		 * (the common case, so the analysis below is skipped). */
		(void)dec(s, i, w, &len);
		if (w + len < i)
			return 1;
	}
	for (p = w; p < i; p += len) {
		c = dec(s, i, p, &len);
		if (p == w)
			first = c;
		if (c == '.') {
			segs++;
			if (seglen > maxseg)
				maxseg = seglen;
			if (seglen == 0)
				all_letters = 0;
			seglen = 0;
			continue;
		}
		if (letter_case(c) == L_NONE && !is_word_char(c)) {
			all_letters = 0;
			continue;
		}
		if (letter_case(c) == L_CASELESS)
			caseless = 1;
		if (letter_case(c) != L_NONE)
			letters++;
		seglen++;
	}
	if (seglen > maxseg)
		maxseg = seglen;
	if (seglen == 0)
		all_letters = 0;
	if (is_digit(first))
		return 1;               /* "in 2010." "$100.00." */

	if (flags & W_ABBREV_NUM)
		return nx != N_DIGIT;
	if (flags & W_ABBREV) {
		if (caseless && nx == N_CASELESS && segs == 1 && after_number(s, lo, w))
			return 1;
		return after_abbrev(sp, s, n, nx, at);
	}
	if (all_letters && letters > 0) {
		/* "J." "U.S.A." "a.m." "أ.ف.ب." "واي.تي.إن." */
		unsigned most = caseless ? 3 : 2;

		if (caseless && !is_arabic_word_char(first))
			return 1;   /* "字." */
		if ((segs == 1 && letters == 1) || (segs > 1 && maxseg <= most)) {
			if (caseless && after_number(s, lo, w))
				return 1;   /* "1950 م." "300 ق.م." */
			return after_abbrev(sp, s, n, nx, at);
		}
	}
	return 1;
}

/* Letters of the Arabic word that ends just before s[i], or 0 if a dot is
 * glued to its start (an acronym such as "واي.تي.إن"). */
static size_t
arabic_word_before(const unsigned char *s, size_t lo, size_t i)
{
	size_t k = 0, at;
	int32_t c = 0;

	while (i > lo && k <= 3) {
		c = dec_prev(s, lo, i, &at);
		if (!is_arabic_word_char(c))
			break;
		k++;
		i = at;
	}
	if (k > 3)
		return k;
	if (i > lo && c == '.')
		return 0;
	return k;
}

static size_t
arabic_word_after(const unsigned char *s, size_t n, size_t i)
{
	size_t k = 0, len;
	int32_t c = 0;

	while (i < n && k <= 3) {
		c = dec(s, n, i, &len);
		if (!is_arabic_word_char(c))
			break;
		k++;
		i += len;
	}
	if (k > 3)
		return k;
	if (i < n && c == '.')
		return 0;
	return k;
}

/* Is w[0..n) a common top-level domain, whatever its case ("Com")? */
static int
is_domain_suffix(const unsigned char *w, size_t n)
{
	static const char *const tld[] = {
		"com", "net", "org", "edu", "gov", "info", "biz", "int", "mil", "io"
	};
	size_t i, k;

	for (i = 0; i < sizeof tld / sizeof tld[0]; i++) {
		if (strlen(tld[i]) != n)
			continue;
		for (k = 0; k < n && lower_byte(w[k]) == (unsigned char)tld[i][k]; k++)
			;
		if (k == n)
			return 1;
	}
	return 0;
}

/*
 * "Tuesday.Today" - a dot or question mark between a lower-case word and
 * a capitalised one with no space, as text pasted together often has.  Not
 * in URLs, e-mail addresses, file names or identifiers ("example.Com",
 * "obj.Method()"): the words on both sides must be plain.
 */
static int
latin_glued(const unsigned char *s, size_t n, size_t lo, size_t i, size_t j)
{
	size_t k = 0, at, len, cap;
	int32_t c = 0;

	if (s[i - 1] >= '0' && s[i - 1] <= '9') {
		/* "bought 1,000.That": a number, not "1.2.Final". */
		while (i > lo && k < 24 && ((s[i - 1] >= '0' && s[i - 1] <= '9') ||
		                             s[i - 1] == ','))
			i--, k++;
		if (k >= 24 || (i > lo && !is_space_byte(s[i - 1]) && s[i - 1] != '$'))
			return 0;
	} else {
		while (i > lo && k <= 3) {
			c = dec_prev(s, lo, i, &at);
			if (letter_case(c) != L_LOWER)
				break;
			k++;
			i = at;
		}
		if (k < 2 || (k <= 3 && i > lo && !is_space(c) && !is_opener(c)))
			return 0;
	}
	cap = j;
	c = dec(s, n, j, &len);         /* the capital */
	j += len;
	k = 0;
	while (j < n && letter_case(c = dec(s, n, j, &len)) == L_LOWER) {
		k++;
		j += len;
	}
	if (k == 0)
		return 0;
	if (is_domain_suffix(s + cap, j - cap))
		return 0;       /* "Newsfeed.Com" */
	if (j >= n || is_space(c) || c == ',' || c == ';' || c == ':')
		return 1;
	/* "Mr. Smith" yes, "Foo.Bar.baz" and "Obj.Call()" no. */
	return c == '.' && (j + 1 >= n || is_space_byte(s[j + 1]));
}

/* Is the word that ends just before s[i] a capitalised name ("Yahoo",
 * "Jeopardy"), an upper-case letter followed by lower-case ones? */
static int
name_before(const unsigned char *s, size_t lo, size_t i)
{
	size_t at, k = 0;
	int32_t c = 0, second = 0;

	while (i > lo) {
		int32_t d = dec_prev(s, lo, i, &at);

		if (letter_case(d) == L_NONE)
			break;
		second = c;
		c = d;
		k++;
		i = at;
	}
	return k >= 2 && letter_case(c) == L_UPPER && letter_case(second) == L_LOWER;
}

/* Is a straight double quote open at s[i], counting from s[lo]? */
static int
open_quote(const unsigned char *s, size_t lo, size_t i)
{
	const unsigned char *p = s + lo, *e = s + i;
	int open = 0;

	while ((p = memchr(p, '"', (size_t)(e - p))) != NULL) {
		open = !open;
		p++;
	}
	return open;
}

/*
 * Decides whether the terminator starting at s[i] ends a sentence.  Stores
 * in *end where the sentence would end (after the run of terminators and
 * closers) and returns 1 if it does.
 */
static int headline(struct safi_sentences *it);

/*
 * An ellipsis after a space marks words left out ("from ... Putin"); the
 * sentence goes on, unless a capitalised sentence starter follows in a
 * paragraph that is no headline ("the region ... This operation").  "I"
 * is capitalised everywhere, so it tells nothing.
 */
static int
omission_ends(struct safi_sentences *it, enum next nx, size_t at)
{
	const unsigned char *s = (const unsigned char *)it->text;

	if (nx != N_UPPER || headline(it))
		return 0;
	if (s[at] == 'I' && (at + 1 >= it->len || !isalpha_ascii(s[at + 1])))
		return 0;
	return is_starter(it->sp, s, it->len, at);
}

static int
decide(struct safi_sentences *it, size_t lo, size_t i, size_t *end)
{
	const unsigned char *s = (const unsigned char *)it->text;
	size_t n = it->len, at, p, len;
	struct run r;
	enum next nx;
	int32_t c, before;
	int glued;

	/* The common case first: ". " and a capital or an Arabic letter. */
	if (s[i] == '.' && i + 3 < n && s[i + 1] == ' ' && i > lo) {
		unsigned char b = s[i + 2];

		if ((b >= 'A' && b <= 'Z') ||
		    (b >= 0xd8 && b <= 0xda && (s[i + 3] & 0xc0) == 0x80)) {
			*end = i + 1;
			nx = b < 0x80 ? N_UPPER : N_CASELESS;
			before = dec_prev(s, lo, i, &p);
			if (is_closer(before))
				return 1;
			if (nx == N_CASELESS &&
			    letter_case(dec(s, n, i + 2, &len)) != L_CASELESS)
				goto general;
			if (before == '.' || is_space(before) ||
			    (before >= 0x80 && is_format(before)))
				goto general;
			return dot_ends_sentence(it->sp, s, n, lo, i, nx, i + 2);
		}
	}
general:
	read_run(s, n, i, &r);
	*end = r.end;
	if (r.end >= n)
		return 0;
	c = dec(s, n, r.end, &len);
	glued = !is_space(c);
	if (glued) {
		/* No space after the run: a boundary only for full stops that
		 * need none, and between two Arabic words ("الحدود.وقال"). */
		if (r.close)
			return !is_closer(c);
		if (letter_case(c) == L_UPPER && (r.strong || r.dots == 1) &&
		    !r.closer && i > lo)
			return latin_glued(s, n, lo, i, r.end);
		if (!is_arabic_word_char(c) || letter_case(c) == L_NONE)
			return 0;
		if (r.closer && s[r.end - 1] == '"' && !open_quote(s, lo, i)) {
			/* ‹."وأضاف› with no quotation open: the quote
			 * opens the next sentence. */
			*end = r.end - 1;
			return *end > i;
		}
		if (r.strong || r.closer)
			return 1;
		if (r.dots != 1 || i == lo)
			return 0;
		if (is_closer(dec_prev(s, lo, i, &p)))
			return 1;       /* ‹"سيصل غداً".وأضاف› */
		return arabic_word_before(s, lo, i) >= 2 &&
		       arabic_word_after(s, n, r.end) >= 2;
	}
	nx = classify_next(s, n, r.end, &at);
	if (nx == N_END)
		return 0;
	if (nx == N_LOWER) {
		/* A lower-case word after a closing mark, an ellipsis, a
		 * name with an exclamation mark ("Yahoo! in"), an abbreviation
		 * or an initial continues the sentence.  After a plain word
		 * and '.', '?' or '!', web text often starts its sentences in
		 * lower case ("excellent! answered all"). */
		if (r.closer || r.dots >= 2 || r.close)
			return 0;
		if (r.bang)
			return !name_before(s, lo, i);
		if (r.strong)
			return 1;
		before = i > lo ? dec_prev(s, lo, i, &p) : ' ';
		if (letter_case(before) == L_NONE && !is_digit(before))
			return 0;
		return dot_ends_sentence(it->sp, s, n, lo, i, nx, at);
	}
	if (r.strong || r.close)
		return 1;
	before = i > lo ? dec_prev(s, lo, i, &p) : ' ';
	if (r.dots >= 2 && r.dots <= 3 && !r.spaced_dots) {
		/* An ellipsis: words left out ("from ... Putin", "[...]"), a
		 * pause in a headline, or before a date in a caption. */
		if (is_opener(before) || before == '[')
			return 0;
		if (is_space(before))
			return omission_ends(it, nx, at);
		/* After a word: an end before a capital, but in a headline
		 * only before a sentence starter ("want to.. He didn't");
		 * in scripts without case a pause. */
		return nx == N_UPPER &&
		       (!headline(it) || is_starter(it->sp, s, n, at));
	}
	if (r.spaced_dots && r.dots <= 3) {
		/* ". . ." marks words left out. */
		if (is_opener(before))
			return 0;
		if (is_space(before))
			return omission_ends(it, nx, at);
		return !headline(it) && nx == N_UPPER;
	}
	if (r.dots >= 4) {
		/* A full stop and an ellipsis ("that.... She"); still a
		 * pause before a date or a word of a script without case. */
		return nx != N_DIGIT && nx != N_CASELESS;
	}
	/* A single dot. */
	if (is_closer(before))
		return 1;       /* "Putin". ... */
	return dot_ends_sentence(it->sp, s, n, lo, i, nx, at);
}

/* ---- walking a paragraph ------------------------------------------------ */

void
safi_sentences_begin(struct safi_sentences *it, const struct safi_splitter *s,
                     const char *text, size_t len)
{
	it->sp = s;
	it->text = text;
	it->len = len;
	it->pos = 0;
	it->headline = -1;      /* found out when an ellipsis needs it */
}

/* Does the paragraph lack a final terminator (a headline, a caption, a
 * byline)?  Such a paragraph reads its ellipses as pauses. */
static int
headline(struct safi_sentences *it)
{
	const unsigned char *u = (const unsigned char *)it->text;
	size_t i = it->len, at;
	int32_t c;

	if (it->headline >= 0)
		return it->headline;
	it->headline = 1;
	while (i > 0) {
		c = dec_prev(u, 0, i, &at);
		if (is_space(c) || is_format(c) || is_closer(c)) {
			i = at;
			continue;
		}
		it->headline = term_kind(c) == T_NONE;
		break;
	}
	return it->headline;
}

/* A list marker at s[i]: "1." "12)" "3.)" "a." "b)" before white space.
 * Returns its length and stores the next marker in next[] (*nextlen). */
static size_t
list_marker(const unsigned char *s, size_t n, size_t i, char *next,
            size_t *nextlen)
{
	size_t j = i, k;
	unsigned v = 0;

	while (j < n && j - i < 3 && s[j] >= '0' && s[j] <= '9')
		v = v * 10 + (s[j++] - '0');
	if (j == i) {
		if (j < n && ((s[j] >= 'a' && s[j] < 'z') || (s[j] >= 'A' && s[j] < 'Z')))
			j++;
		else
			return 0;
	}
	k = j;
	if (j < n && s[j] == '.')
		j++;
	if (j < n && s[j] == ')')
		j++;
	if (j == k || j >= n || !is_space_byte(s[j]))
		return 0;
	if (k - i == 1 && !(s[i] >= '0' && s[i] <= '9')) {
		next[0] = (char)(s[i] + 1);
		*nextlen = 1;
	} else {
		char digits[4];
		size_t d = 0;

		v++;
		do
			digits[d++] = (char)('0' + v % 10);
		while ((v /= 10) > 0);
		for (*nextlen = 0; d > 0; )
			next[(*nextlen)++] = digits[--d];
	}
	memcpy(next + *nextlen, s + k, j - k);
	*nextlen += j - k;
	return j - i;
}

/* Could s[lo..i) end with white space?  Cheap: non-ASCII white space
 * starts with C2, E1, E2 or E3, which letters of most scripts do not. */
static inline int
ends_with_space(const unsigned char *s, size_t lo, size_t i)
{
	unsigned char b = s[i - 1];

	if (b < 0x80)
		return is_space_byte(b);
	if (i - lo >= 2 && s[i - 2] == 0xc2)
		return b == 0x85 || b == 0xa0;
	return i - lo >= 3 && s[i - 3] >= 0xe1 && s[i - 3] <= 0xe3;
}

/* Finds " NEXT " (the next list marker after white space) in s[from..to). */
static size_t
find_marker(const unsigned char *s, size_t n, size_t from, size_t to,
            const char *m, size_t mlen)
{
	size_t i;

	for (i = from + 1; i + mlen < to + 1 && i + mlen < n; i++) {
		if (s[i] == (unsigned char)m[0] && is_space_byte(s[i - 1]) &&
		    memcmp(s + i, m, mlen) == 0 && is_space_byte(s[i + mlen]))
			return i;
	}
	return to;
}

/* ---- boundaries that no terminator marks -------------------------------- */

/*
 * Does a sentence start after the white space at s[i]?  Only if something
 * follows that can open one: not a closing mark, a terminator or a comma.
 */
static int
text_follows(const unsigned char *s, size_t n, size_t i)
{
	size_t len, j = i;
	int32_t c = 0;

	while (j < n && is_space(c = dec(s, n, j, &len)))
		j += len;
	if (j == i || j >= n)
		return 0;
	return !is_closer(c) && term_kind(c) == T_NONE && c != ',' && c != ';' &&
	       c != ':';
}

static int
is_ascii_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int
is_ascii_alnum(unsigned char c)
{
	return is_ascii_digit(c) || isalpha_ascii(c);
}

/* Does s[i..i+k) hold k ASCII digits (i + k <= n)? */
static int
digits_at(const unsigned char *s, size_t n, size_t i, size_t k)
{
	if (i + k > n)
		return 0;
	while (k-- > 0)
		if (!is_ascii_digit(s[i + k]))
			return 0;
	return 1;
}

/* Is s[a..b) a numeric date: "8/16/2000", "08/16/00", "2001-03-27",
 * "16.08.2000"? */
static int
numeric_date(const unsigned char *s, size_t a, size_t b)
{
	size_t seg[3], k = 0, len = 0, i;
	unsigned char sep = 0;

	for (i = a; i < b; i++) {
		if (is_ascii_digit(s[i])) {
			len++;
			continue;
		}
		if ((sep && s[i] != sep) || k == 2 || len == 0)
			return 0;
		sep = s[i];
		seg[k++] = len;
		len = 0;
	}
	if (k != 2 || len == 0)
		return 0;
	seg[2] = len;
	if (sep == '-')
		return seg[0] == 4 && seg[1] == 2 && seg[2] == 2;
	return (sep == '/' || sep == '.') && seg[0] <= 2 && seg[1] <= 2 &&
	       (seg[2] == 2 || seg[2] == 4);
}

/*
 * A date and time stamp around the colon at s[i], as mail and forum
 * headers write them ("08/16/2000 03:48 PM", "2001-03-27 13:58:02"): stores
 * where it starts and ends and returns 1.
 */
static int
time_stamp(const unsigned char *s, size_t n, size_t lo, size_t i,
           size_t *start, size_t *end)
{
	size_t h = i, d, e;

	while (h > lo && i - h < 3 && is_ascii_digit(s[h - 1]))
		h--;
	if (h == i || i - h > 2 || h <= lo + 1 || s[h - 1] != ' ' ||
	    !digits_at(s, n, i + 1, 2))
		return 0;
	/* The date before the hour: three numbers and two separators. */
	for (d = h - 1; d > lo && h - d <= 11 && !is_space_byte(s[d - 1]); d--)
		;
	if ((d > lo && !is_space_byte(s[d - 1])) || !numeric_date(s, d, h - 1))
		return 0;
	e = i + 3;
	if (e < n && s[e] == ':' && digits_at(s, n, e + 1, 2))
		e += 3;
	if (e + 2 < n && s[e] == ' ' && ((s[e + 1] | 0x20) == 'a' || (s[e + 1] | 0x20) == 'p') &&
	    (s[e + 2] | 0x20) == 'm' && (e + 3 == n || !isalpha_ascii(s[e + 3])))
		e += 3;
	if (e < n && (isalpha_ascii(s[e]) || is_ascii_digit(s[e])))
		return 0;
	*start = d;
	*end = e;
	return 1;
}

/*
 * Does the word before s[i] (across white space, from s[lo]) let a header
 * line start at s[i]?  Not after a lower-case word ("posted on 08/16/2000"),
 * a word of a script without case, which may be one too, or a label
 * ("Date: 08/16/2000", "Sent, ").
 */
static int
header_after(const unsigned char *s, size_t lo, size_t i)
{
	size_t w, len;
	enum lcase lc;

	while (i > lo && is_space_byte(s[i - 1]))
		i--;
	if (i == lo || s[i - 1] == ':' || s[i - 1] == ',')
		return 0;
	for (w = i; w > lo && !is_space_byte(s[w - 1]); w--)
		;
	lc = letter_case(dec(s, i, w, &len));
	return lc != L_LOWER && lc != L_CASELESS;
}

/*
 * May the ':' or ';' at s[i] be the eyes of an emoticon, by what comes
 * before it?  Not after a digit ("3:1") nor after a word of a script
 * without case: Arabic text writes a colon before a bracket (":(" opens
 * a quotation there).
 */
static int
emoticon_context(const unsigned char *s, size_t lo, size_t i)
{
	size_t at;
	int32_t c;

	while (i > lo && is_space_byte(s[i - 1]))
		i--;
	if (i == lo)
		return 1;
	c = dec_prev(s, lo, i, &at);
	return !is_digit(c) && letter_case(c) != L_CASELESS && !is_arabic_word_char(c);
}

/* Does a web address start at s[i]: "http://", "https://" or "www."? */
static int
url_at(const unsigned char *s, size_t n, size_t i)
{
	static const char *const scheme[] = {"http://", "https://", "www."};
	size_t k, j;

	for (k = 0; k < sizeof scheme / sizeof scheme[0]; k++) {
		for (j = 0; scheme[k][j] && i + j < n &&
		            lower_byte(s[i + j]) == (unsigned char)scheme[k][j]; j++)
			;
		if (scheme[k][j] == '\0')
			return 1;
	}
	return 0;
}

/*
 * Is the colon at s[i] that of a web address that follows another one
 * ("...1.html http://...")?  A list of links run into one line is one
 * link a sentence.  Stores where the address starts.
 */
static int
url_after_url(const unsigned char *s, size_t n, size_t lo, size_t i,
              size_t *start)
{
	size_t ts = i, p;

	while (ts > lo && i - ts <= 5 && isalpha_ascii(s[ts - 1]))
		ts--;
	if (ts == lo || !is_space_byte(s[ts - 1]) || !url_at(s, n, ts))
		return 0;
	for (p = ts; p > lo && is_space_byte(s[p - 1]); p--)
		;
	while (p > lo && !is_space_byte(s[p - 1]))
		p--;
	*start = ts;
	return url_at(s, n, p);
}

/*
 * At a colon or semicolon: an emoticon followed by more text ends the
 * sentence after it ("works :) Thanks"), a web address right after another
 * starts a sentence, and a date and time stamp run into the text is a
 * header line of its own ("Kay Mann 04/26/2001 07:17 AM Will you") when a
 * word of a script with case follows.  Returns 1 and the cut in *at, or 0
 * and where to go on.
 */
static int
colon_cut(const unsigned char *s, size_t n, size_t lo, size_t i, size_t *at)
{
	size_t k, start, end;

	*at = i + 1;
	if ((k = emoticon(s, n, i)) > 0 && emoticon_context(s, lo, i)) {
		*at = i + k;
		return text_follows(s, n, i + k);
	}
	if (s[i] == ':' && url_after_url(s, n, lo, i, &start)) {
		*at = start;
		return 1;
	}
	if (s[i] == ':' && time_stamp(s, n, lo, i, &start, &end)) {
		if (start > lo && header_after(s, lo, start)) {
			*at = start;
			return 1;
		}
		/* A header line goes on to anything; a stamp inside a
		 * sentence ("posted on 08/16/2000 03:14 PM to all") only to a
		 * capitalised word. */
		*at = end;
		if (!text_follows(s, n, end))
			return 0;
		switch (classify_next(s, n, end, &k)) {
		case N_UPPER:
			return 1;
		case N_LOWER:
			return start == lo;
		default:
			return 0;       /* "صباحا" after a time is its "AM" */
		}
	}
	return 0;
}

static int
is_rule_byte(unsigned char c)
{
	return c == '*' || c == '=' || c == '_';
}

/*
 * At '*', '=' or '_': a rule line run into the text ("*****", "=====",
 * "_____", "*****NOTICE*****") is a sentence of its own.  A word that is
 * one character repeated needs three of them; one that only starts or ends
 * with a run ("f***" does) needs five, next to a letter or digit.  Mixed
 * runs ("----==") frame a line rather than rule it off.  Returns 1 and the
 * cut in *at, or 0 and where to go on.
 */
static int
rule_cut(const unsigned char *s, size_t n, size_t lo, size_t i, size_t *at)
{
	size_t rs = i, re = i, ts, te, a, b;
	int lead, trail;

	while (rs > lo && s[rs - 1] == s[i])
		rs--;
	while (re < n && s[re] == s[i])
		re++;
	*at = re;
	if (re - rs < 3)
		return 0;
	for (ts = rs; ts > lo && !is_space_byte(s[ts - 1]); ts--)
		;
	for (te = re; te < n && !is_space_byte(s[te]); te++)
		;
	for (a = ts; a < te && s[a] == s[ts]; a++)
		;
	for (b = te; b > ts && s[b - 1] == s[te - 1]; b--)
		;
	lead = a == te ? te - ts >= 3 :
	               is_rule_byte(s[ts]) && a - ts >= 5 && is_ascii_alnum(s[a]);
	trail = a == te ? lead :
	                is_rule_byte(s[te - 1]) && te - b >= 5 && is_ascii_alnum(s[b - 1]);
	*at = te;
	if (lead && ts > lo) {
		*at = ts;
		return 1;
	}
	return trail && text_follows(s, n, te);
}

/*
 * A dash between spaces where speech breaks off and starts again ("not at
 * uh — This is"): the sentence ends after the dash when a capitalised
 * sentence starter other than "I" follows, in a paragraph that ends with a
 * terminator (in a headline a dash joins two parts).
 */
static int
dash_ends(struct safi_sentences *it, size_t lo, size_t i, size_t e)
{
	const unsigned char *s = (const unsigned char *)it->text;
	size_t n = it->len, at = e + 1, len;

	/* Only the word right after the space: a run of dashes is read in
	 * linear time. */
	if (i == lo || s[i - 1] != ' ' || at >= n || s[e] != ' ' ||
	    letter_case(dec(s, n, at, &len)) != L_UPPER)
		return 0;
	if (s[at] == 'I' && (at + 1 >= n || !isalpha_ascii(s[at + 1])))
		return 0;
	return is_starter(it->sp, s, n, at) && !headline(it);
}

/*
 * A footnote number after the end of a sentence, as text copied from a
 * page with superscripts has it ("minority rights. 4 Even though"): one to
 * three digits before a capitalised sentence starter stay with the
 * sentence that ends at s[at].  Returns where the sentence ends.
 */
static size_t
footnote_after(const struct safi_splitter *sp, const unsigned char *s,
               size_t n, size_t at)
{
	size_t j = at + 1, k;

	if (at >= n || s[at] != ' ' || j >= n || !is_ascii_digit(s[j]))
		return at;
	for (k = j; k < n && k - j < 4 && is_ascii_digit(s[k]); k++)
		;
	if (k - j > 3 || k + 1 >= n || s[k] != ' ' || !(s[k + 1] >= 'A' && s[k + 1] <= 'Z'))
		return at;
	for (j = k + 1; j < n && isalpha_ascii(s[j]); j++)
		;
	if ((j == k + 2 && s[k + 1] == 'I') || (j < n && s[j] == '.'))
		return at;      /* "I" and "S." tell nothing */
	return is_starter(sp, s, n, k + 1) ? k : at;
}

/* Is there a comma in s[i..i+MAX_FORMULA)? */
static inline int
comma_within(const unsigned char *s, size_t n, size_t i)
{
#ifdef __SSE2__
	if (n - i >= 32) {
		const __m128i comma = _mm_set1_epi8(',');
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));

		return _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(a, comma),
		                                      _mm_cmpeq_epi8(b, comma))) != 0;
	}
#endif
	return memchr(s + i, ',', n - i < MAX_FORMULA ? n - i : MAX_FORMULA) != NULL;
}

/* The table's flags of the word of ASCII letters at s[i]. */
static unsigned
word_flags(const struct safi_splitter *sp, const unsigned char *s, size_t n,
           size_t i)
{
	size_t j = i;

	while (j < n && j - i <= MAX_WORD && isalpha_ascii(s[j]))
		j++;
	return table_find(sp, (const char *)s + i, j - i);
}

/* Does one of the three words from s[i] end with a punctuation mark, as a
 * name spoken to does ("Ann!", "Liz:", "Mr. Lee,")? */
static int
addressed(const unsigned char *s, size_t n, size_t i)
{
	unsigned words = 0;

	for (; i < n && words < 3; i++) {
		if (is_space_byte(s[i])) {
			if (i > 0 && !is_space_byte(s[i - 1]))
				words++;
			continue;
		}
		switch (s[i]) {
		case ',': case ':': case ';': case '!': case '?': case '.':
			return 1;
		}
	}
	return 0;
}

/*
 * A letter's salutation or closing that opens the sentence at s[i] and
 * runs into what follows ("Dear Ann, Thank you", "Best regards, Ann Lee"):
 * the sentence ends after its comma when a capitalised word follows.  A
 * salutation is a word of the greetings list and up to three more words;
 * a closing is exactly a phrase of the closings list.  Returns the end of
 * the sentence, or 0.
 */
static size_t
letter_formula(const struct safi_splitter *sp, const unsigned char *s,
               size_t n, size_t i)
{
	size_t w = i, ends[4], words = 0, k, at, stop;
	unsigned bit, flags;

	/* Most sentences are passed over here: a comma must come within
	 * MAX_FORMULA bytes, and the first word be a first word of the lists. */
	if (!comma_within(s, n, i))
		return 0;
	stop = n - i > MAX_HEAD ? i + MAX_HEAD + 1 : n;
	while (w < stop && isalpha_ascii(s[w]))
		w++;
	if (w == i || w == stop || (s[w] != ',' && s[w] != ' '))
		return 0;
	bit = head_bit(s + i, w - i);
	if (!((sp->heads[bit >> 3] >> (bit & 7)) & 1))
		return 0;
	/* Up to four words, then the comma. */
	for (;;) {
		ends[words++] = w;
		if (w + 1 >= n)
			return 0;
		if (s[w] == ',')
			break;
		if (s[w] != ' ' || words == 4 || !isalpha_ascii(s[w + 1]))
			return 0;
		for (w++; w < n && isalpha_ascii(s[w]); w++)
			;
	}
	if (!is_space_byte(s[w + 1]) || classify_next(s, n, w + 1, &at) != N_UPPER)
		return 0;
	flags = table_find(sp, (const char *)s + i, w - i) & (W_CLOSING | W_GREETING);
	for (k = 0; k + 1 < words && !(flags & W_GREETING); k++)
		flags |= table_find(sp, (const char *)s + i, ends[k] - i) & W_GREETING;
	if (!flags)
		return 0;
	/* A sentence starter opens the message after a salutation ("Dear
	 * Ann, The"), but follows a "Thanks," that is no closing ("Thanks, I
	 * know").  A name with its own punctuation is spoken to, not signed
	 * ("Thanks, Ann!", "Hi, Liz:", "Hey, Mr. Lee, you"). */
	if (is_starter(sp, s, n, at) && !(word_flags(sp, s, n, at) & W_ABBREV))
		return (flags & W_GREETING) ? w + 1 : 0;
	return addressed(s, n, at) ? 0 : w + 1;
}

int
safi_sentences_next(struct safi_sentences *it, size_t *start, size_t *end)
{
	const unsigned char *s = (const unsigned char *)it->text;
	size_t n = it->len, i = it->pos, lo, scan, cut, t, len, mlen = 0, at;
	char marker[8];
	int32_t c;

	/* Skip the white space before the sentence. */
	while (i < n) {
		if (s[i] < 0x80) {
			if (!is_space_byte(s[i]))
				break;
			i++;
			continue;
		}
		c = dec(s, n, i, &len);
		if (!is_space(c))
			break;
		i += len;
	}
	if (i >= n) {
		it->pos = n;
		return 0;
	}
	lo = scan = i;
	/* A bullet and a list marker open the sentence, never end it. */
	c = s[scan] == 0xe2 ? dec(s, n, scan, &len) : 0;
	if (is_bullet(c)) {
		scan += len;
		while (scan < n && is_space_byte(s[scan]))
			scan++;
	}
	if (scan < n && (t = list_marker(s, n, scan, marker, &mlen)) > 0)
		scan += t;
	else
		mlen = 0;

	/* A salutation or a closing ends where its comma does; otherwise
	 * look for the first terminator (or emoticon, stamp, rule line...)
	 * that ends the sentence. */
	cut = scan < n ? letter_formula(it->sp, s, n, scan) : 0;
	i = cut > 0 ? n : scan;
	if (cut == 0)
		cut = n;
	for (; (i = it->sp->scan(s, n, i)) < n; i++) {
		unsigned char b = s[i];

		t = i;
		if (candidate[b] == C_COLON || candidate[b] == C_RULE) {
			/* No terminator: an emoticon, a time stamp or a
			 * rule line may still end the sentence. */
			if ((b == '*' || b == '=' || b == '_' ?
			     rule_cut(s, n, lo, i, &at) : colon_cut(s, n, lo, i, &at))) {
				cut = at;
				break;
			}
			if (at > i + 1)
				i = at - 1;
			continue;
		}
		if (candidate[b] == C_SECOND) {
			/* ؟ is D8 9F and ۔ is DB 94; other 9F and 94 bytes
			 * continue characters that are not terminators. */
			if (i == 0 || s[i - 1] != (b == 0x9f ? 0xd8 : 0xdb))
				continue;
			t = i - 1;
		} else if (candidate[b] == C_LEAD3) {
			c = dec(s, n, i, &len);
			if (is_bullet(c)) {
				if (i > lo && is_space_byte(s[i - 1])) {
					cut = i;
					break;
				}
				continue;
			}
			if ((c == 0x2013 || c == 0x2014) &&
			    dash_ends(it, lo, i, i + len)) {
				cut = i + len;
				break;
			}
			if (c == 0x2028 || c == 0x2029 || term_kind(c) == T_NONE)
				continue;
		}
		if (decide(it, lo, t, &at)) {
			cut = footnote_after(it->sp, s, n, at);
			break;
		}
		/* Go on after the run; at least after this byte. */
		if (at > i + 1)
			i = at - 1;
	}
	if (mlen)
		cut = find_marker(s, n, scan, cut, marker, mlen);

	it->pos = cut;
	*start = lo;
	/* Trim the white space before the cut. */
	while (cut > lo && ends_with_space(s, lo, cut)) {
		c = dec_prev(s, lo, cut, &t);
		if (!is_space(c))
			break;
		cut = t;
	}
	*end = cut;
	return 1;
}
