/*
 * fold.c - the code-point folds of normalize(1), their names and the
 * presets.  Each fold maps one code point to zero or more code points
 * without looking at its neighbours; lib/normalize.c runs them on composed
 * text and takes care of what composition does around them.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "safi/error.h"
#include "safi/normalize.h"

/* --- names --------------------------------------------------------------- */

static const struct {
	const char *name;
	enum safi_norm_form form;
} form_names[] = {
	{"nfc", SAFI_FORM_NFC}, {"nfd", SAFI_FORM_NFD}, {"nfkc", SAFI_FORM_NFKC},
	{"nfkd", SAFI_FORM_NFKD}, {"nfkc-casefold", SAFI_FORM_NFKC_CF},
	{"nfkc-cf", SAFI_FORM_NFKC_CF}, {"none", SAFI_FORM_NONE},
};

static const struct {
	const char *name;
	unsigned bits;
} fold_names[] = {
	{"controls", SAFI_NORM_CONTROLS},
	{"spaces", SAFI_NORM_SPACES},
	{"invisible", SAFI_NORM_INVISIBLE},
	{"punct", SAFI_NORM_PUNCT},
	{"case-fold", SAFI_NORM_CASE_FOLD},
	{"tatweel", SAFI_NORM_TATWEEL},
	{"harakat", SAFI_NORM_HARAKAT},
	{"alef", SAFI_NORM_ALEF},
	{"yeh", SAFI_NORM_YEH},
	{"teh-marbuta", SAFI_NORM_TEH_MARBUTA},
	{"hamza", SAFI_NORM_HAMZA},
	{"persian", SAFI_NORM_PERSIAN},
	{"digits", SAFI_NORM_DIGITS},
	{"presentation", SAFI_NORM_PRESENTATION},
	{"marks", SAFI_NORM_MARKS},
	{"mojibake", SAFI_NORM_MOJIBAKE},
	{"arabic", SAFI_NORM_ARABIC},
};

const char *const safi_norm_preset_names[] = {"default", "search", "train", NULL};

int
safi_norm_form_parse(const char *name, enum safi_norm_form *out)
{
	size_t i;

	for (i = 0; i < sizeof form_names / sizeof form_names[0]; i++)
		if (strcmp(name, form_names[i].name) == 0) {
			*out = form_names[i].form;
			return 0;
		}
	return SAFI_ENOTFOUND;
}

const char *
safi_norm_form_name(enum safi_norm_form form)
{
	size_t i;

	for (i = 0; i < sizeof form_names / sizeof form_names[0]; i++)
		if (form_names[i].form == form)
			return form_names[i].name;
	return "?";
}

int
safi_norm_fold_parse(const char *name, unsigned *bits)
{
	size_t i;

	for (i = 0; i < sizeof fold_names / sizeof fold_names[0]; i++)
		if (strcmp(name, fold_names[i].name) == 0) {
			*bits = fold_names[i].bits;
			return 0;
		}
	return SAFI_ENOTFOUND;
}

int
safi_norm_folds_parse(const char *list, unsigned *bits)
{
	unsigned acc = 0, one;
	char name[32];
	const char *p = list, *comma;
	size_t len;

	for (;;) {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == 0 || len >= sizeof name)
			return SAFI_ENOTFOUND;
		memcpy(name, p, len);
		name[len] = '\0';
		if (safi_norm_fold_parse(name, &one) < 0)
			return SAFI_ENOTFOUND;
		acc |= one;
		if (!comma)
			break;
		p = comma + 1;
	}
	*bits |= acc;
	return 0;
}

int
safi_norm_preset(struct safi_norm_opts *opts, const char *name)
{
	if (strcmp(name, "default") == 0) {
		opts->form = SAFI_FORM_NFC;
		opts->folds = SAFI_NORM_DEFAULT_FOLDS;
	} else if (strcmp(name, "search") == 0) {
		/* Keys for search and counting: everything that should match. */
		opts->form = SAFI_FORM_NFKC;
		opts->folds = SAFI_NORM_DEFAULT_FOLDS | SAFI_NORM_CASE_FOLD |
		    SAFI_NORM_SPACES | SAFI_NORM_INVISIBLE | SAFI_NORM_PUNCT |
		    SAFI_NORM_ARABIC | SAFI_NORM_MARKS;
	} else if (strcmp(name, "train") == 0) {
		/* Training text: clean, but keep every letter and mark. */
		opts->form = SAFI_FORM_NFC;
		opts->folds = SAFI_NORM_DEFAULT_FOLDS | SAFI_NORM_SPACES |
		    SAFI_NORM_INVISIBLE | SAFI_NORM_PRESENTATION |
		    SAFI_NORM_TATWEEL | SAFI_NORM_MOJIBAKE;
	} else {
		return SAFI_ENOTFOUND;
	}
	return 0;
}

/* --- the tables ---------------------------------------------------------- */

/* Format characters that --strip-invisible drops.  ZWNJ (U+200C) and ZWJ
 * (U+200D) are not here: they change how Persian and Arabic words are
 * written and read. */
static int
is_invisible(uint32_t c)
{
	return c == 0x00AD ||                  /* soft hyphen */
	    c == 0x061C ||                     /* arabic letter mark */
	    c == 0x180E ||                     /* mongolian vowel separator */
	    c == 0x200B ||                     /* zero width space */
	    c == 0x200E || c == 0x200F ||      /* LRM, RLM */
	    (c >= 0x202A && c <= 0x202E) ||    /* LRE RLE PDF LRO RLO */
	    (c >= 0x2060 && c <= 0x2064) ||    /* WJ, invisible operators */
	    (c >= 0x2066 && c <= 0x206F) ||    /* LRI RLI FSI PDI, deprecated format */
	    c == 0xFEFF ||                     /* BOM / zero width no-break space */
	    c == 0xE0001;                      /* language tag */
}

/* Spaces that --spaces turns into U+0020: TAB, NEL, every Zs but U+0020,
 * and the line and paragraph separators. */
static int
is_space(uint32_t c)
{
	return c == 0x0009 || c == 0x0085 || c == 0x00A0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202F || c == 0x205F || c == 0x3000;
}

/* --punct: one ASCII character each. */
static uint32_t
punct_ascii(uint32_t c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:  /* ‘ ’ ‚ ‛ */
	case 0x2039: case 0x203A:                            /* ‹ › */
		return '\'';
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:  /* “ ” „ ‟ */
	case 0x00AB: case 0x00BB:                            /* « » */
	case 0x2E42:                                         /* ⹂ */
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013:  /* ‐ ‑ ‒ – */
	case 0x2014: case 0x2015: case 0x2212:               /* — ― − */
	case 0xFE58: case 0xFE63: case 0xFF0D:               /* ﹘ ﹣ － */
		return '-';
	}
	return 0;
}

/* Harakat and Quranic marks that --strip-harakat drops. */
static int
is_haraka(uint32_t c)
{
	return (c >= 0x0610 && c <= 0x061A) ||  /* honorifics, small high letters */
	    (c >= 0x064B && c <= 0x065F) ||     /* fathatan ... wavy hamza below */
	    c == 0x0670 ||                      /* superscript alef */
	    (c >= 0x06D6 && c <= 0x06DC) ||     /* Quranic small high ligatures */
	    (c >= 0x06DF && c <= 0x06E4) ||     /* small high rounded zero ... madda */
	    c == 0x06E7 || c == 0x06E8 ||       /* small high yeh, noon */
	    (c >= 0x06EA && c <= 0x06ED);       /* empty centre stops, small low meem */
}

/* The Arabic letter folds; 0 when |c| is not folded by |folds|. */
static uint32_t
arabic_letter(unsigned folds, uint32_t c)
{
	if (c < 0x0622 || c > 0x06D5)
		return 0;
	if (folds & SAFI_NORM_ALEF) {
		switch (c) {
		case 0x0622: case 0x0623: case 0x0625:  /* آ أ إ */
		case 0x0671: case 0x0672: case 0x0673:  /* ٱ ٲ ٳ */
		case 0x0675:                            /* ٵ */
			return 0x0627;
		}
	}
	if ((folds & SAFI_NORM_YEH) && c == 0x0649)  /* ى */
		return 0x064A;
	if ((folds & SAFI_NORM_TEH_MARBUTA) && c == 0x0629)  /* ة */
		return 0x0647;
	if (folds & SAFI_NORM_HAMZA) {
		switch (c) {
		case 0x0624: case 0x0676: return 0x0648;  /* ؤ ٶ -> و */
		case 0x0626: case 0x0678: return 0x064A;  /* ئ ٸ -> ي */
		}
	}
	if (folds & SAFI_NORM_PERSIAN) {
		switch (c) {
		case 0x06CC: case 0x06CD: case 0x06D0:  /* ی ۍ ې */
		case 0x06D2: case 0x06D3:               /* ے ۓ */
			return 0x064A;
		case 0x06A9: case 0x06AA: case 0x06AB:  /* ک ڪ ګ */
			return 0x0643;
		case 0x06BE: case 0x06C0: case 0x06C1:  /* ھ ۀ ہ */
		case 0x06C2: case 0x06C3: case 0x06D5:  /* ۂ ۃ ە */
			return 0x0647;
		case 0x06C4: case 0x06C5: case 0x06C6:  /* ۄ ۅ ۆ */
		case 0x06C7: case 0x06C8: case 0x06C9:  /* ۇ ۈ ۉ */
		case 0x06CA:                            /* ۊ */
			return 0x0648;
		}
	}
	return 0;
}

static int
is_presentation_form(uint32_t c)
{
	return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

/* Writes the UTF-16 of c to u; returns its length. */
static int32_t
to_u16(uint32_t c, UChar *u)
{
	if (c < 0x10000) {
		u[0] = (UChar)c;
		return 1;
	}
	u[0] = (UChar)(0xD7C0 + (c >> 10));
	u[1] = (UChar)(0xDC00 | (c & 0x3FF));
	return 2;
}

/* The presentation-form letters of c (its compatibility decomposition,
 * composed again), or 0 code points if c has none. */
static int
presentation_letters(uint32_t c, uint32_t *out)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&err);
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	UChar src[2], mid[SAFI_NORM_FOLD_MAX], res[SAFI_NORM_FOLD_MAX];
	int32_t n, i = 0, k = 0;

	if (U_FAILURE(err))
		return 0;
	n = unorm2_normalize(nfkd, src, to_u16(c, src), mid, SAFI_NORM_FOLD_MAX, &err);
	n = unorm2_normalize(nfc, mid, n, res, SAFI_NORM_FOLD_MAX, &err);
	if (U_FAILURE(err))
		return 0;
	while (i < n) {
		UChar32 cp;
		U16_NEXT(res, i, n, cp);
		out[k++] = (uint32_t)cp;
	}
	return k;
}

/* Full case folding (CaseFolding.txt statuses C and F). */
static int
case_fold(uint32_t c, uint32_t *out)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar src[2], res[8];
	int32_t n, i = 0, k = 0;

	n = u_strFoldCase(res, 8, src, to_u16(c, src), U_FOLD_CASE_DEFAULT, &err);
	if (U_FAILURE(err)) {
		out[0] = c;
		return 1;
	}
	while (i < n) {
		UChar32 cp;
		U16_NEXT(res, i, n, cp);
		out[k++] = (uint32_t)cp;
	}
	return k;
}

/* The folds that map one code point to another, or to none, applied in
 * order (and the ellipsis, to three); out has room for three. */
static int
fold_simple(unsigned folds, uint32_t c, uint32_t *out)
{
	uint32_t m;

	if ((folds & SAFI_NORM_TATWEEL) && c == 0x0640)
		return 0;
	if ((folds & SAFI_NORM_HARAKAT) && is_haraka(c))
		return 0;
	if ((m = arabic_letter(folds, c)) != 0)
		c = m;
	if ((folds & SAFI_NORM_DIGITS) && c > 0x7F &&
	    u_charType((UChar32)c) == U_DECIMAL_DIGIT_NUMBER) {
		int v = u_charDigitValue((UChar32)c);
		if (v >= 0 && v <= 9)
			c = (uint32_t)('0' + v);
	}
	if ((folds & SAFI_NORM_PUNCT) && c == 0x2026) {  /* … */
		out[0] = out[1] = out[2] = '.';
		return 3;
	}
	if ((folds & SAFI_NORM_PUNCT) && (m = punct_ascii(c)) != 0)
		c = m;
	if ((folds & SAFI_NORM_SPACES) && is_space(c))
		c = ' ';
	out[0] = c;
	return 1;
}

int
safi_norm_fold_cp(unsigned folds, uint32_t c, uint32_t *out)
{
	uint32_t seq[SAFI_NORM_FOLD_MAX], cf[8];
	int n = 1, i, j, k = 0, m;

	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return SAFI_EINVAL;
	if ((folds & SAFI_NORM_CONTROLS) && c < 0x20 && c != '\t' && c != '\n' &&
	    c != '\f')
		return 0;
	if ((folds & SAFI_NORM_INVISIBLE) && is_invisible(c))
		return 0;
	seq[0] = c;
	if ((folds & SAFI_NORM_PRESENTATION) && is_presentation_form(c) &&
	    (m = presentation_letters(c, seq)) > 0)
		n = m;
	for (i = 0; i < n; i++) {
		int ncf = 1;

		cf[0] = seq[i];
		if (folds & SAFI_NORM_CASE_FOLD)
			ncf = case_fold(seq[i], cf);
		for (j = 0; j < ncf && k <= SAFI_NORM_FOLD_MAX - 3; j++)
			k += fold_simple(folds, cf[j], out + k);
	}
	return k;
}
