/*
 * boilerplate_stages.h - the stages of the boilerplate classifier, inside
 * the library only (not installed).
 *
 * A document goes through them in this order (boilerplate.c runs them):
 *
 *   boilerplate_lines.c    line features: each line is scanned once
 *                          (words, letters, digits, symbols, stop words,
 *                          a fingerprint) and judged by its shape alone
 *   boilerplate_phrases.c  the lexicon (stop words and phrases, folded as
 *                          lines are) and the phrase matching of one line
 *   boilerplate_density.c  body-text density by the page's language, and
 *                          paragraphs hard-wrapped or set as verse judged
 *                          as one
 *   boilerplate_topic.c    the topic words of a line, by stems where the
 *                          language inflects
 *   boilerplate_decode.c   the document decoder: the language, repeated
 *                          lines, tables, the body zone, the cut at a
 *                          marker, lists, the title and the standfirst;
 *                          its stages share boilerplate_decoder.h:
 *     boilerplate_tables.c   tables printed a cell or a row to a line
 *     boilerplate_boxes.c    boxes set inside the article ("Read also",
 *                            related stories' teasers), and the cut of the
 *                            tail at the first marker that heads none
 *     boilerplate_live.c     the time stamps of a live page's updates
 *     boilerplate_thread.c   readers' comments below the article
 *     boilerplate_title.c    the headline and the lead above the zone
 *     boilerplate_summary.c  the headline above a live page's list of
 *                            points or its first update
 *     boilerplate_widget.c   widgets between the article's paragraphs
 *     boilerplate_list.c     lists: other stories' titles inside the zone,
 *                            and the article's own lists a colon introduces
 *     boilerplate_items.c    a list article's items below its lead: the
 *                            count its headline gives, lists numbered in
 *                            sequence
 *     boilerplate_gallery.c  a photo gallery's captions
 *     boilerplate_feed.c     teasers and feeds of other stories at the end of
 *                            the zone, and prose about other things below
 *                            a strip of furniture
 *     boilerplate_forum.c    the posts of a page that is itself a thread
 *   boilerplate_author.c   after the decoder: a note about the author at
 *                          the end of the article, by the byline's name,
 *                          and a sign-off under its last line
 *   boilerplate_state.c    the cross-document table of line fingerprints
 *                          and its file format
 *   boilerplate_map.c      the hash map of 64-bit keys they share
 *
 * Unit tests: lines, phrases, the author stage and the state have files
 * of their own (tests/unit/test_boilerplate_<stage>.c); the decoder and
 * the stages it runs are tested on line-shape pages in
 * test_boilerplate_decode.c, and the stages that read words on text in
 * test_boilerplate.c and in tests/cases/strip-boilerplate/.
 */
#ifndef SAFI_BOILERPLATE_STAGES_H
#define SAFI_BOILERPLATE_STAGES_H

#include <stddef.h>
#include <stdint.h>

#include "safi/boilerplate.h"
#include "safi/buf.h"

/* ---- the map ----------------------------------------------------------- */

/* Open addressing from 64-bit keys (never 0) to 64-bit values, each key
 * beside its value so that a look-up touches one cache line. */
struct bp_entry {
	uint64_t key, val;
};

struct bp_map {
	struct bp_entry *e;
	size_t cap;          /* a power of two, or 0 */
	size_t n;
};

/* Makes room for |want| keys.  Returns 0 or SAFI_ENOMEM. */
int safi_bp_map_grow(struct bp_map *m, size_t want);
/* Points *val at the value of |key|, inserting it with value 0 when
 * absent.  Returns 0 or SAFI_ENOMEM. */
int safi_bp_map_slot(struct bp_map *m, uint64_t key, uint64_t **val);
/* Empties the map and keeps its memory. */
void safi_bp_map_clear(struct bp_map *m);
/* Frees the memory of the map and empties it. */
void safi_bp_map_free(struct bp_map *m);

/* The value of |key|, or 0 when absent. */
static inline uint64_t
safi_bp_map_get(const struct bp_map *m, uint64_t key)
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

/* ---- hashing ----------------------------------------------------------- */

/* Hash of a folded word: a polynomial in its characters, P = c0 B^(n-1) +
 * ... + c(n-1), read as the word goes by, then mixed with its length.  The
 * polynomial gives the hash of the word without its first character for
 * the price of one more product: P - c0 B^(n-1). */
#define BP_WORD_B 0x9e3779b97f4a7c15ull
#define BP_WORD_POWS 64  /* more than the characters of the longest word hashed */

static inline uint64_t
safi_bp_word_hash(uint64_t poly, unsigned n)
{
	uint64_t h = poly ^ (n * 0xff51afd7ed558ccdull);

	h = (h ^ (h >> 31)) * 0xbf58476d1ce4e5b9ull;
	return h ^ (h >> 29);
}

/* Hash of a sequence of words: BP_SEQ_SEED, then one step per word. */
#define BP_SEQ_SEED 0x2545f4914f6cdd1dull

static inline uint64_t
safi_bp_seq_step(uint64_t h, uint64_t word)
{
	h = (h ^ word) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 32);
}

/* A map key from a hash: finalised (so that linear probing spreads), and
 * never 0. */
static inline uint64_t
safi_bp_key(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h ? h : 1;
}

/* Writes |v| in decimal at the end of tmp[24]; returns where it starts. */
static inline const char *
safi_bp_decimal(char tmp[24], uint64_t v)
{
	char *q = tmp + 24;

	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	return q;
}

/* Appends |v| in decimal to |out|.  Returns 0 or an error of
 * safi_buf_append(). */
static inline int
safi_bp_put_number(struct safi_buf *out, uint64_t v)
{
	char tmp[24];
	const char *q = safi_bp_decimal(tmp, v);

	return safi_buf_append(out, q, (size_t)(tmp + 24 - q));
}

/* ---- the lexicon (boilerplate_phrases.c) ------------------------------- */

#define BP_MAXLANG 22
#define W_LANGS ((1u << BP_MAXLANG) - 1)  /* the language bits of a word */
#define BP_CP_TABLE 0x800    /* characters looked up in a table, not computed */

/* Flags of the word table, above the BP_MAXLANG language bits. */
#define W_EXACT (1u << 22)
#define W_PREFIX (1u << 23)
#define W_CONTAINS (1u << 24)
#define W_MARKER (1u << 25)
#define W_MARKER_PREFIX (1u << 26)
#define W_DATE (1u << 27)
#define W_CREDIT (1u << 28)
#define W_SUFFIX (1u << 29)
#define W_PFIRST (1u << 30)   /* the first word of a line phrase or marker */
#define W_CFIRST (1u << 31)   /* the first word of a ~phrase */

/*
 * The stop words of every language (a bit per language) and the phrases
 * (flags), in one table keyed by the hash of their folded words, with a
 * bit filter in front of it; and the table of what the line scanner needs
 * to know of each character below BP_CP_TABLE.
 */
struct bp_lexicon {
	struct bp_map words;              /* folded word or phrase -> flags */
	uint64_t word_bits[1024];         /* a filter before the words map */
	uint32_t char_info[BP_CP_TABLE];  /* safi_bp_char_info() below U+0800 */
	uint64_t char_count[BP_CP_TABLE]; /* safi_bp_char_count() of char_info[] */
	uint64_t word_pow[BP_WORD_POWS];  /* BP_WORD_B^k: the weights of a word's characters */
	const char *langs[BP_MAXLANG];    /* language of each stop bit */
	int nlangs;
	uint32_t ar_bit;                  /* the stop bit of "ar", or 0 */
};

/* Fills the character table and, unless |no_builtin|, loads the compiled-in
 * stop words and phrases.  Returns 0 or SAFI_ENOMEM (free it then too). */
int safi_bp_lexicon_init(struct bp_lexicon *lx, int no_builtin);
void safi_bp_lexicon_free(struct bp_lexicon *lx);
/* Adds phrases in the format of lib/data/LANG.phrases.txt (see
 * safi/boilerplate.h).  Returns 0 or SAFI_ENOMEM. */
int safi_bp_lexicon_add_phrases(struct bp_lexicon *lx, const char *text, size_t len);
/* The stop bit index of language |lang|, or -1. */
int safi_bp_lexicon_lang(const struct bp_lexicon *lx, const char *lang);

/* May the folded word or phrase of hash |h| be in the table? */
static inline int
safi_bp_lexicon_maybe(const struct bp_lexicon *lx, uint64_t h)
{
	unsigned bit = (unsigned)(h >> 48) & 0xFFFF;

	return (lx->word_bits[bit >> 6] >> (bit & 63)) & 1;
}

/* The flags of a folded token of hash |h|; |h2| is the hash of the token
 * without a leading Arabic clitic (or 0), which counts for the Arabic stop
 * words. */
static inline uint32_t
safi_bp_lexicon_token(const struct bp_lexicon *lx, uint64_t h, uint64_t h2)
{
	uint32_t v = safi_bp_lexicon_maybe(lx, h) ?
	    (uint32_t)safi_bp_map_get(&lx->words, safi_bp_key(h)) : 0;

	if (!(v & W_LANGS) && h2 && safi_bp_lexicon_maybe(lx, h2)) {
		if (lx->ar_bit)
			v |= (uint32_t)safi_bp_map_get(&lx->words, safi_bp_key(h2)) & lx->ar_bit;
	}
	return v;
}

/* ---- one line (boilerplate_lines.c) ------------------------------------ */

#define BP_MAXTOK 64            /* tokens recorded per line for phrase matching */

enum bp_kind { K_BLANK, K_BAD, K_SHORT, K_NEAR, K_GOOD };

enum bp_reason {
	R_BLANK, R_BODY, R_TEXT, R_HEADING, R_TITLE, R_STANDFIRST,
	R_PHRASE, R_MARKER, R_AFTER_MARKER, R_CAPTION, R_CREDIT,
	R_DATE, R_URL, R_COPYRIGHT, R_SYMBOLS, R_DUPLICATE, R_RECURRING,
	R_HEAD, R_TAIL, R_NOBODY, R_INLINE_MARKER, R_CONTEXT, R_MENU, R_TEASER, R_TABLE, R_LIST,
	R_INVISIBLE, R_THREAD, R_SHORT_RUN, R_WIDGET, R_AUTHOR, R_DOC_TOP,
	R_COUNT
};

/* The names --explain prints, indexed by enum bp_reason. */
extern const char *const safi_bp_reason_names[R_COUNT];

/* Line flags. */
#define L_TERM 1u       /* ends with . ! ? … ؟ */
#define L_BULLET 2u     /* a list item */
#define L_MARKER 4u     /* a bare "read also" marker */
#define L_COLON 8u      /* ends with ':' */
#define L_REPEATED 16u  /* the first of several copies */
#define L_SEPARATED 32u /* has a menu separator: | · › » */
#define L_NUMCELL 64u   /* a short line of mostly digits: "5040", "2:15.3" */
#define L_TABLE 128u    /* a cell of a table (see boilerplate_tables.c) or a
                         * line of a block of code (boilerplate_code.c) */
#define L_COUNTER 256u  /* a marker with a number: "44 comments" */
#define L_DIGITS 512u   /* has a digit */
#define L_INVISIBLE 1024u  /* blank to the eye, but not white space: U+200F, U+FEFF */
#define L_DATED 2048u   /* of 25 words at most, with a date or a time: "June 3, 2024 at 9:12 am" */
#define L_LOWER 4096u   /* starts with a lower-case letter: goes on from the line before */
#define L_WRAPPED 8192u /* a line of a hard-wrapped paragraph */
#define L_CASED 16384u  /* starts with a letter that has case */
#define L_WIDGET_WORD 32768u  /* holds a widget word: one that is boilerplate as a
                               * line by itself ("video", "share"), not a stop word */

/* A line of the document and what the stages found out about it. */
struct bp_line {
	size_t off;
	size_t len;
	uint64_t fp;
	uint32_t words;
	uint32_t first;      /* index of the first copy of this line */
	uint8_t stop;        /* stop-word share in the document's language,
	                      * percent (see safi_bp_set_language()) */
	uint8_t nstop;       /* languages of a share above 0 */
	uint8_t kind;
	uint8_t prev_kind, next_kind;  /* see note_neighbours */
	uint8_t reason;      /* why it is bad (K_BAD) or why it is kept */
	uint16_t flags;
	int8_t keep;         /* -1 blank, 0 dropped, 1 kept */
	uint8_t shape;       /* kind | reason << 3 before the decoder judged the
	                      * page: by the line's shape and copies alone */
};

/* Every stage walks the table of lines: a small one keeps the walks short
 * and the table of a long document small (the shares of the languages
 * other than the document's wait in bp_doc.shares, not here). */
_Static_assert(sizeof(struct bp_line) <= 48, "a bp_line is three fourths of a cache line");

#define BP_SHAPE_KIND(ln) ((ln)->shape & 7)
#define BP_SHAPE_REASON(ln) ((ln)->shape >> 3)
_Static_assert(R_COUNT <= 32, "a reason fits in the five bits of bp_line.shape");

/* What one scan of a line finds. */
struct bp_scan {
	/* Counters, zeroed for each line. */
	unsigned words, letters, digits, symbols, arabic, latin;
	unsigned flags;
	unsigned ntok;                 /* tokens recorded (<= BP_MAXTOK) */
	unsigned stop[BP_MAXLANG];
	uint32_t langs;                /* the bits of the languages in stop[] */
	int has_copyright;
	unsigned separators;           /* | > › » · • between menu items */
	int32_t first_cp;              /* the first character of the first word, or 0 */
	/* Per token, valid below ntok. */
	uint64_t tok_hash[BP_MAXTOK];  /* hash of the folded word */
	uint32_t tok_raw[BP_MAXTOK], tok_rawend[BP_MAXTOK];
	uint32_t tok_flags[BP_MAXTOK];
	uint8_t tok_num[BP_MAXTOK];    /* the word is a number */
	uint64_t fp;
};

/* What the scanner needs to know of code point |cp| (see boilerplate_lines.c). */
uint32_t safi_bp_char_info(int32_t cp);
/* What a character of information |info| (safi_bp_char_info()) adds to
 * the scanner's counts of digits, letters, Arabic and Latin letters, in
 * fields of 16 bits from the lowest. */
uint64_t safi_bp_char_count(uint32_t info);

/* A character read: its code point and its length in bytes. */
struct bp_cp_len {
	int32_t cp;
	uint32_t n;
};

struct bp_cp_len safi_bp_next_cp_rare(const char *p, size_t i, size_t len);

/* The character at p[i], i < len, if it is ASCII or of two bytes
 * (Arabic, Greek, Cyrillic, accented Latin): its code point, below
 * U+0800, and its bytes in *n; else -1. */
static inline int32_t
safi_bp_next_cp_short(const char *p, size_t i, size_t len, size_t *n)
{
	unsigned char b = (unsigned char)p[i];

	*n = 1;
	if (b < 0x80)
		return b;
	/* 0xC2-0xDF, then a continuation byte 0x80-0xBF: the tests and the
	 * sum (b - 0xC0) << 6 | (b1 - 0x80) in as few steps as they go. */
	if ((unsigned)(b - 0xC2) <= 0xDF - 0xC2 && i + 1 < len &&
	    (unsigned)((unsigned char)p[i + 1] - 0x80) < 0x40) {
		*n = 2;
		return (int32_t)(b << 6) + (unsigned char)p[i + 1] - 0x3080;
	}
	return -1;
}

/* The character at p[i], i < len: its code point, and its bytes in *n.
 * ASCII and the two-byte forms are read by safi_bp_next_cp_short(), the
 * rest by safi_bp_next_cp_rare(). */
static inline int32_t
safi_bp_next_cp(const char *p, size_t i, size_t len, size_t *n)
{
	int32_t cp = safi_bp_next_cp_short(p, i, len, n);
	struct bp_cp_len r;

	if (cp >= 0)
		return cp;
	r = safi_bp_next_cp_rare(p, i, len);
	*n = r.n;
	return r.cp;
}
/* Scans |len| bytes of one line: counts, tokens, flags, fingerprint. */
void safi_bp_scan_line(const struct bp_lexicon *lx, const char *p, size_t len,
                       struct bp_scan *s);
/* The fingerprint of a line: a hash of its bytes without the blanks at
 * either end. */
uint64_t safi_bp_line_fingerprint(const char *p, size_t len);
/* Judges a scanned line by its shape alone: sets ln->words, kind, reason
 * and flags.  |min_words| are the words of a body paragraph. */
void safi_bp_judge_line(const struct bp_lexicon *lx, unsigned min_words, const char *p,
                        size_t len, const struct bp_scan *s, struct bp_line *ln);

/*
 * Matches a scanned line of at most a few dozen words against the phrases
 * of the lexicon: exact, prefix and contained phrases, markers, rows of
 * widget words, comment labels and date stamps.  Returns the reason that
 * makes the line boilerplate (R_PHRASE, R_MARKER, R_INLINE_MARKER, R_MENU,
 * R_DATE), setting L_MARKER and L_COUNTER in *flags for a marker, or
 * R_BODY when nothing matched.
 */
int safi_bp_match_phrases(const struct bp_lexicon *lx, const char *p, size_t len,
                          const struct bp_scan *s, uint16_t *flags);
/* Does the scanned line carry a date or a time: two pairs of neighbouring
 * words, each a number and a number or a date word ("July 26, 2012",
 * "3:56 pm", "11 سبتمبر 2023"), or is it a relative stamp of two to four
 * date words and a number at most, ending in a date word ("2 hours ago",
 * "منذ ساعتين")? */
int safi_bp_dated(const struct bp_scan *s);
/* Does a line hold "Credit:", "Photo:", "Image:" ... in its last 120 bytes? */
int safi_bp_caption_tag(const char *p, size_t len);
/* Does a line end in a credit "Ana Ruiz/Diario del Puerto", after a spaced
 * dash that ends a caption or alone? */
int safi_bp_slash_credit(const char *p, size_t len);
/* Does a capital letter (any cased script) start at p[i], i < len? */
int safi_bp_capital_at(const char *p, size_t len, size_t i);
/* How many words of p[0, len) (runs of bytes between spaces and tabs)
 * open with a lower-case letter of any cased script: a deck in headline
 * style ("Grocer lifts outlook despite softer sales") has most of its
 * words so, a writer's name and title ("Jo Kent, Chief Writer") none. */
size_t safi_bp_lower_words(const char *p, size_t len);
/* Does the text p[0, len) end in a question mark, "?" or the Arabic "؟"
 * ("Why use it?"), trailing white space aside? */
static inline int
safi_bp_asks(const char *p, size_t len)
{
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		len--;
	return (len >= 1 && p[len - 1] == '?') ||
	    (len >= 2 && (unsigned char)p[len - 2] == 0xD8 && (unsigned char)p[len - 1] == 0x9F);
}

/* Does a line end in a group in parentheses of one to |most| words with
 * no digit, after text that ends no sentence ("A street in the old town
 * (AFP)")?  The group's inside is p[*b, *e). */
static inline int
safi_bp_end_group(const char *p, size_t len, size_t most, size_t *b, size_t *e)
{
	size_t k = len, words = 0;
	int in_word = 0;

	while (k > 0 && (p[k - 1] == ' ' || p[k - 1] == '\t' || p[k - 1] == '\r'))
		k--;
	if (k < 2 || p[k - 1] != ')')
		return 0;
	*e = k - 1;
	for (k = *e; k-- > 0 && p[k] != '(';) {
		if (p[k] == ')' || (p[k] >= '0' && p[k] <= '9'))
			return 0;
		if (p[k] == ' ')
			in_word = 0;
		else if (!in_word++)
			words++;
	}
	if (k == SIZE_MAX || words == 0 || words > most)
		return 0;
	*b = k + 1;
	while (k > 0 && p[k - 1] == ' ')
		k--;
	return k > 0 && p[k - 1] != '.' && p[k - 1] != '!' && p[k - 1] != '?';
}

/* ---- the document ------------------------------------------------------ */

/* The page as the rules of the decoder read it: the body zone [a, b], a
 * second zone [a2, b2] above it, the cut (a marker or a comment thread:
 * everything from it on goes) and the title; SIZE_MAX where there is
 * none. */
struct bp_extent {
	size_t a, b, a2, b2, cut, title;
	int have_zone, have2;
};

struct bp_doc {
	struct safi_buf text;             /* the document's bytes, copied */
	/* The lines of a document added by safi_boilerplate_add_line_ref()
	 * lie in the caller's block at ref, the last ending at ref + ref_end;
	 * ref is NULL while they are copied into text. */
	const char *ref;
	size_t ref_end;
	size_t held;                      /* bytes of the lines, ends aside */
	/* Line i is base[lines[i].off, + len): ref, or text.ptr (set when the
	 * document is classified; never NULL). */
	const char *base;
	struct bp_line *lines;
	size_t nlines, capl;
	/* The numbers of the lines: first_number + i for line i, unless
	 * numbered, when numbers[i] holds them.  Lines come numbered one
	 * after another but for the caller's own numbering, and a bp_line
	 * of 64 bytes, a cache line, has no room for a number. */
	uint64_t first_number;
	uint64_t *numbers;
	size_t capn;
	int numbered;
	uint64_t arabic, latin;           /* letters of either script */
	uint64_t hits[BP_MAXLANG];        /* stop-word share times words, summed over the lines */
	/* The stop-word shares above 0 of the lines, in their order: a
	 * language and a share, two bytes for each of a line's nstop. */
	uint8_t *shares;
	size_t nshares, capshares;
	struct bp_map dup;                /* fingerprint -> first index + 1 */
	struct bp_extent ext;             /* set by safi_bp_decode() */
};

/* The number the caller gave line |i| of |d|. */
static inline uint64_t
safi_bp_line_number(const struct bp_doc *d, size_t i)
{
	return d->numbered ? d->numbers[i] : d->first_number + i;
}

/* The last line kept above the cut of |d|, or SIZE_MAX (no zone, or none
 * kept): the article's last line as the decoder left it, under which the
 * stages after it look for what goes on from it. */
static inline size_t
safi_bp_last_kept(const struct bp_doc *d)
{
	size_t i = d->ext.cut;

	if (!d->ext.have_zone || i > d->nlines)
		return SIZE_MAX;
	while (i-- > 0 && d->lines[i].keep != 1)
		;
	return i;
}

/* The per-line pass: scans and judges every line of |d|.  Returns 0 or
 * SAFI_ENOMEM. */
int safi_bp_analyze_lines(const struct bp_lexicon *lx, unsigned min_words, struct bp_doc *d);
/* Sets the stop-word share of every line of |d| in language |lang| (or
 * -1: 0), once the language of the document is known. */
void safi_bp_set_language(struct bp_doc *d, int lang);

/* ---- the decoder (boilerplate_decode.c) -------------------------------- */

/* The language of the document: the stop-word list that covers most of
 * its words (Arabic by its script), or -1. */
int safi_bp_pick_language(const struct bp_lexicon *lx, const struct bp_doc *d);

/* ---- body-text density (boilerplate_density.c) ------------------------- */

/* A body paragraph needs the stop words of language |lang| (or -1); a
 * hard-wrapped paragraph is judged as one, each of its lines getting its
 * kind. */
void safi_bp_judge_density(const struct bp_lexicon *lx, const struct safi_boilerplate_opts *o,
                           struct bp_doc *d, int lang);
/* Does the line p[0, len) capitalise more of its words after the first
 * than it writes in lower case (ASCII letters only), as a headline or a
 * book's title does ("Drawing with Children: A Guide"), where prose writes
 * them in lower case but for names? */
int safi_bp_title_cased(const char *p, size_t len);
/* The characters of p[0, n) without its trailing blanks: its bytes less
 * its UTF-8 continuation bytes (10xxxxxx), counted eight at a time. */
size_t safi_bp_text_chars(const char *p, size_t n);
/* Does p[0, n) end in dots ("..", "...", "\u2026") past its trailing
 * blanks: a line cut short, as a teaser's is, that leads to more? */
int safi_bp_trails_off(const char *p, size_t n);
/* The characters of the first word of p[0, n), after its indent. */
size_t safi_bp_first_word_chars(const char *p, size_t n);
/* The widest line of hard-wrapped text, in characters. */
#define WRAP_WIDTH 110

/* ---- notice boxes (boilerplate_notice.c) ------------------------------ */

/* Drops as a widget the paragraph of a block that holds it with its
 * buttons, with no blank line between, on a page that sets its paragraphs
 * apart with blank lines: a cookie notice, a newsletter sign-up. */
void safi_bp_drop_notice_boxes(struct bp_doc *d);

/* Marks later copies of a line as duplicates, filling d->dup with the
 * fingerprints of the document.  Returns 0 or SAFI_ENOMEM. */
int safi_bp_mark_duplicates(struct bp_doc *d);
/* A set of content words (not stop words, not numbers) of some lines, as
 * keys of their folded hashes. */
#define BP_TOPIC_SLOTS 1024

struct bp_topic {
	uint64_t set[BP_TOPIC_SLOTS];
	size_t n;
};

/* Is key |k| in |tp|? */
static inline int
safi_bp_topic_has(const struct bp_topic *tp, uint64_t k)
{
	size_t j = k & (BP_TOPIC_SLOTS - 1);

	while (tp->set[j] && tp->set[j] != k)
		j = (j + 1) & (BP_TOPIC_SLOTS - 1);
	return tp->set[j] == k;
}

/* Adds the content words of the |len| bytes of a line at |p| to |tp|,
 * while it has room (half its slots). */
/* The Han or kana letter at p[i] of a token ending at |end|, or 0; the key
 * of the next pair of such letters from p[*i], moving *i on, or 0 at the
 * token's end (boilerplate_topic.c). */
int32_t safi_bp_cjk_letter(const char *p, size_t i, size_t end);
uint64_t safi_bp_cjk_pair(const char *p, size_t start, size_t *i, size_t end);
void safi_bp_topic_add(const struct bp_lexicon *lx, const char *p, size_t len,
                       struct bp_topic *tp);
/* Adds the content words of a line to *total, and those of them in |tp|
 * to *hits. */
void safi_bp_topic_count(const struct bp_lexicon *lx, const char *p, size_t len,
                         const struct bp_topic *tp, unsigned *hits, unsigned *total);
/* The same for the words not written in lower case (names: "Ledger",
 * "Kent"; every word of a script without case). */
void safi_bp_topic_count_names(const struct bp_lexicon *lx, const char *p, size_t len,
                               const struct bp_topic *tp, unsigned *hits, unsigned *total);
/* The same by the stems of the words (see safi_bp_stem_key()), for
 * languages that inflect them ("школа", "школу", "школы"): of no word
 * (BP_STEM_NONE), of the words in the Cyrillic script (BP_STEM_CYRILLIC),
 * of every word (BP_STEM_ALL). */
enum { BP_STEM_NONE, BP_STEM_CYRILLIC, BP_STEM_ALL };
void safi_bp_topic_add_stems(const struct bp_lexicon *lx, const char *p, size_t len,
                             struct bp_topic *tp, int stems);
void safi_bp_topic_count_stems(const struct bp_lexicon *lx, const char *p, size_t len,
                               const struct bp_topic *tp, unsigned *hits, unsigned *total,
                               int stems);
/* The stem of the word at raw offsets [a, b) of |p|: its first BP_STEM
 * folded letters, as a topic key.  Four letters hold the root of most
 * inflected forms ("Перми", "Пермского"; "Praha", "Prahy"). */
#define BP_STEM 4
uint64_t safi_bp_stem_key(const struct bp_lexicon *lx, const char *p, size_t a, size_t b);
/* Finds tables, the body zone, the cut, lists, the title and the
 * standfirst, sets the verdict of every line and notes the page's extent
 * in d->ext. */
void safi_bp_decode(const struct bp_lexicon *lx, const struct safi_boilerplate_opts *o,
                    struct bp_doc *d, int lang);

/* The label a line's text opens with ("Q:", "Guest:", "الضيف:"): its
 * length with the colon, its offset in *from; 0 for none
 * (boilerplate_speaker.c). */
size_t safi_bp_label_len(const char *p, size_t len, size_t *from);

/* After the decoder (boilerplate_speaker.c): keeps a dropped line right
 * under a kept one that opens with a label ("A:", "Guest:") that two kept
 * lines open with: a dialogue's last reply below the zone. */
void safi_bp_keep_speaker_lines(struct bp_doc *d);

/* After the decoder (boilerplate_speaker.c): keeps the question right
 * above the first body paragraph, dropped as head, when two kept
 * questions of the page stand over kept answers: an interview's or a
 * FAQ's first turn. */
void safi_bp_keep_first_question(struct bp_doc *d);

/* Is the line of |n| bytes at |p| a statement of program code: a prompt
 * (">>> ", "$ "), a statement keyword, an assignment, a call closing the
 * line, a command with an option (boilerplate_code.c)? */
int safi_bp_code_shape(const char *p, size_t n);

/* Before the zone is found (boilerplate_code.c): marks as cells of a
 * table (L_TABLE, which neither make nor end the article) the lines of
 * each block of |n| lines between blank lines that holds a line of program
 * code shape and whose lines are, three in four at least, code-like:
 * indented, or opening or closing with a bracket, colon or semicolon. */
void safi_bp_mark_code_blocks(const char *text, struct bp_line *lines, size_t n);
/* Is the line of |n| bytes at |p|, trimmed, a notebook's cell prompt
 * alone: "In [3]:", "Out[3]:", "In [ ]:"? */
int safi_bp_cell_prompt(const char *p, size_t n);

/* After the decoder (boilerplate_code.c): keeps a dropped line of program
 * code shape (a prompt, a statement, an assignment, a call) whose nearest
 * lines above and below that are not code are kept. */
void safi_bp_keep_code_lines(struct bp_doc *d);

/* After the decoder (boilerplate_code.c): keeps, above and below the
 * zone too, a paragraph that ends in a colon and introduces a block of
 * code, the block, the paragraphs right above it and those right below the
 * code (a tutorial's or an answer's step the zone did not take in) and the
 * step's heading; and every line of a block of code between kept lines. */
void safi_bp_keep_code_units(struct bp_doc *d);

/* After the decoder (boilerplate_code.c): keeps the sections of a manual
 * that the cut of the tail dropped right below kept lines (headings,
 * prose, code and the output a paragraph introduces), down to the last
 * line of code before a line of another shape. */
void safi_bp_keep_code_sections(struct bp_doc *d);

/* After the decoder (boilerplate_posts.c): drops as *thread* the kept
 * lines of a strip between two paragraphs of the zone that holds a post's
 * stamp (the footer of one post of a thread and the header of the next). */
void safi_bp_drop_post_strips(struct bp_doc *d);

/* Is p[0, len) the title t[0, tlen) with a prefix of one short word and a
 * colon ("Re: ", "AW: ", "رد: ") before it?  (boilerplate_posts.c) */
int safi_bp_reply_title(const char *p, size_t len, const char *t, size_t tlen);

/* After the decoder (boilerplate_posts.c): drops as *duplicate* a kept
 * line that is the kept title under a reply's prefix ("Re: ..."). */
void safi_bp_drop_reply_titles(struct bp_doc *d);

/* After the decoder (boilerplate_author.c): drops a kept line in the lower
 * half of the article that starts with a name read in a short dropped line
 * (the byline), not a stop word of language |lang| (or -1), and not used in
 * the article's lead: a note about the author. */
void safi_bp_drop_author_lines(const struct bp_lexicon *lx, struct bp_doc *d, int lang);

/* After the author stage (boilerplate_author.c): drops the page's last
 * body paragraph and the heading over it when the heading names someone
 * after a word of its own ("About Jo Kent") and the paragraph names that
 * person in its first words: a box about the writer. */
void safi_bp_drop_about_note(struct bp_doc *d);

/* After the author stage (boilerplate_author.c): drops a kept line right
 * under the byline's name alone, near the title and above the article's
 * first paragraph, that shares no word with the title: the writer's title
 * or bio printed under the name. */
void safi_bp_drop_top_author_notes(struct bp_doc *d);
/* After it: a columnist's box among the first kept lines, the name alone
 * over a note about the writer glued under it and the page's tools below
 * the note; when the name was taken for the title, the headline set apart
 * right above it is the title. */
void safi_bp_drop_top_byline_box(struct bp_doc *d);

/* After the author stage (boilerplate_blocks.c): a run of three short
 * lines or more with no blank line between them, of which the zone kept
 * some and its context dropped the others, is one list, kept whole as the
 * list (see the file). */
void safi_bp_keep_list_runs(struct bp_doc *d);

/* After the list runs (boilerplate_headed.c): a list of sentences right
 * under a heading set alone, both dropped by the zone's context alone, is
 * kept as the article's list; and such a heading over a kept list (its
 * first item, or a line ending in a colon) is kept as its heading (see
 * the file). */
void safi_bp_keep_headed_lists(struct bp_doc *d);

/* After the headed lists (boilerplate_contents.c): below the zone, the
 * sections under headings that the page's table of contents lists, as it
 * lists two headings of the zone or more, are kept with their blocks, down
 * to the first line that heads no such section (see the file). */
void safi_bp_keep_contents_sections(struct bp_doc *d);

/* After the author stage (boilerplate_blocks.c): below the block of kept
 * lines that holds the most words and a strip of short furniture lines
 * (a share row, tags, a copyright line), drops as the tail every kept
 * block of less than 30 percent of that many words: a bio, a newsletter's
 * pitch, a sidebar's blurbs.  Two furniture lines that make up half of the
 * dropped lines above a block drop that block alone the same way, and so
 * does a lone marker or widget phrase above a block of less than 10
 * percent.  A block that opens with two body paragraphs that carry an
 * Arabic story on (safi_bp_goes_on()) stays. */
void safi_bp_drop_trailing_blocks(struct bp_doc *d);

/* After the author stage, before the tail blocks (boilerplate_blocks.c):
 * below a note about the writer that the author stage dropped inside the
 * article's block, drops as the tail the rest of that block when it opens
 * with a short lead over a body paragraph and holds less than 30 percent
 * of the words above the note: the boxes that close a story (a
 * republishing licence, a call for readers' stories, a donation appeal). */
void safi_bp_drop_boxes_below_note(struct bp_doc *d);

/* Does the paragraph |p| of |n| bytes open as one that carries an Arabic
 * story on: with the conjunction wa- glued to a word of two letters or
 * more, or with a word that ties it to what came before ("kama", "also";
 * "lakin", "but")?  (boilerplate_decode.c) */
int safi_bp_goes_on(const char *p, size_t n);
/* Is p[0, n) a row of counts of an embedded post: two to five pairs of a
 * number and a word, and nothing else ("1,204 reposts 4,877 likes",
 * "1.2K Retweets 880 Likes")? */
int safi_bp_count_row(const char *p, size_t n);
/* Does p[0, n) hold a handle ("@name" at a word's start) or a middle dot
 * (U+00B7), as an embedded post's byline and stamp do? */
int safi_bp_handle_or_dot(const char *p, size_t n);
/* Does p[0, n) hold a middle dot (U+00B7), as the stamp of an embedded
 * post does ("8:05 PM · Mar 11, 2026")? */
int safi_bp_middle_dot(const char *p, size_t n);
/* The core of a pull quote p[0, n): its text without the quote marks
 * around it and the mark that ends its sentence.  Returns the core's
 * length and its start in *from; sets *quoted when quote marks opened it
 * (boilerplate_pullquote.c). */
size_t safi_bp_pull_core(const char *p, size_t n, size_t *from, int *quoted);

/* After the tail blocks (boilerplate_notes.c): drops as the tail the last
 * lines of the block of kept lines that holds the most words (3 at most)
 * that share almost none of their content words with the block above
 * them, when one of them names what the dropped lines above the block
 * name (the site, the writer): notes on where the article was first
 * published, who contributed to it, the writer's bio. */
void safi_bp_drop_closing_notes(const struct bp_lexicon *lx, struct bp_doc *d);

/* After the closing notes (boilerplate_notes.c): drops as the tail the
 * list of sources that ends an article in a script without case, its
 * heading and the notes and short lines below it. */
void safi_bp_drop_sources(struct bp_doc *d);

/* Drops captions kept inside the article that end in a credit naming the
 * site's masthead or a labelled source (boilerplate_credits.c). */
void safi_bp_drop_credited_captions(struct bp_doc *d);

/* Drops a short line kept between the article's text, with no sentence
 * end, that stands over a credit the line shapes dropped, with no blank
 * line between them: a picture's caption over its credit
 * (boilerplate_credits.c). */
void safi_bp_drop_captions_over_credits(struct bp_doc *d);

/* Drops kept link lines of at most a few words that close with a spaced
 * closing guillemet or angle quote, as a button does ("Watch the video
 * \u00bb"), unless they quote (boilerplate_arrows.c). */
void safi_bp_drop_arrow_links(struct bp_doc *d);

/* Drops every kept line from the first of REVIEWS users' reviews or more
 * below the article, each a line with a rating's stars over a dated
 * stamp, down to the page's end (boilerplate_reviews.c). */
void safi_bp_drop_reviews(struct bp_doc *d);

/* Keeps an event's programme right below the last kept line (across a
 * heading of a few words): two dates or more, each over two lines or more
 * that open with a time of day and go on with a word
 * (boilerplate_programme.c). */
void safi_bp_keep_programme(struct bp_doc *d);
/* Keeps a list of ten lines or more, half of them with digits, glued to
 * the last kept line above the cut, with no blank line between them: a
 * tour's dates, a release's fixes (boilerplate_decode.c). */
void safi_bp_keep_glued_list(struct bp_doc *d);
/* Keeps a sign-off right under the last kept line above the cut: a dash
 * and a name of a few capitalised words ("- Jo Kent"), as text
 * (boilerplate_author.c). */
void safi_bp_keep_sign_off(struct bp_doc *d);
/* Keeps the dates over a diary's entries (boilerplate_entries.c). */
void safi_bp_keep_entry_dates(struct bp_doc *d);
/* Is |ln|, dropped as a date or as symbols, a figure: a number with its
 * unit or sign at most ("£22", "40%")?  Keeps the figures of a block of
 * kept lines with no other line dropped: a small table's values
 * (boilerplate_figures.c). */
int safi_bp_figure(const char *base, const struct bp_line *ln);
void safi_bp_keep_table_figures(struct bp_doc *d);

/* Classifies the lines added since the last document, as
 * safi_boilerplate_end_document() does, and hands out the page and its
 * language index (or -1): for tools/bp-train, which reads the features
 * the stages computed.  Returns 0 or SAFI_ENOMEM. */
int safi_bp_end_document_rules(struct safi_boilerplate *bp, struct bp_doc **doc, int *lang);

/* ---- the cross-document table (boilerplate_state.c) -------------------- */

struct bp_state {
	struct bp_map seen;               /* fingerprint -> docs << 32 | generation */
	int unmerged;                     /* the document's dup is not yet counted */
	uint32_t generation;
};

/* Counts the fingerprints of the last document (|dup|) in the table, once
 * each, if they are not counted yet.  A table that grows past twice |max|
 * entries is trimmed to |max|, as safi_bp_state_save() trims it.  Returns
 * 0 or SAFI_ENOMEM. */
int safi_bp_state_merge(struct bp_state *st, const struct bp_map *dup, size_t max,
                        unsigned age);
/* Marks the lines of |d| found in |min_docs| documents as recurring.  When
 * |counting|, this document is one of them and d->dup is to be counted at
 * the next merge; else the table is judged as it is. */
void safi_bp_state_mark_recurring(struct bp_state *st, struct bp_doc *d, unsigned min_docs,
                                  int counting);
/* See safi_boilerplate_state_load(). */
int safi_bp_state_load(struct bp_state *st, const char *data, size_t len, const char **why);
/* See safi_boilerplate_state_add(). */
int safi_bp_state_add(struct bp_state *st, const char *data, size_t len, const char **why);
/* Counts |dup| in, trims the table to |max| entries (unseen for |age|
 * runs first) and appends it in the file format to |out|. */
int safi_bp_state_save(struct bp_state *st, const struct bp_map *dup, size_t max,
                       unsigned age, struct safi_buf *out);
/* Entries in the table, counting those of |dup| not merged yet. */
size_t safi_bp_state_size(const struct bp_state *st, const struct bp_map *dup);
void safi_bp_state_free(struct bp_state *st);

#endif
