/*
 * normalize.c - the normalizer: a fast scan over UTF-8 with per-code-point
 * tables, and ICU's normalizers for the short spans that need them.
 *
 * The text is cut into chunks: a chunk starts at a code point that is
 * "safe" (nothing before it can change what the pipeline makes of it or of
 * what follows: it has a normalization boundary before it in every form in
 * play and is not dropped by a fold) and runs up to the next safe one, so
 * a chunk is a character and the marks and other unsafe code points after
 * it.  The pipeline works chunk by chunk, which is exact, and most chunks
 * need no ICU call:
 *
 *  - a run of "pass" code points (safe, and mapped to themselves) is copied
 *    as it is: ASCII eight bytes at a time, two-byte letters with one table
 *    lookup each, Arabic-script text sixteen bytes at a time with SSE2
 *    where the normalizer lets all of its letters pass;
 *  - a chunk of one code point is replaced by its image, computed once per
 *    code point (lazily, 256 code points at a time) by the slow path; the
 *    image is written as soon as the code point is met, and taken back if
 *    what follows turns out to belong to its chunk;
 *  - a base that composes with nothing after it, followed by marks that
 *    the folds drop, gives the base's image (vocalized Arabic in search);
 *  - a chunk of quiet code points (no fold applies, quick check YES) in
 *    canonical order is already normal and is copied;
 *  - anything else goes through the slow path: UTF-16, compose, fold,
 *    strip marks, output form, repeated until it no longer changes.
 *
 * Spaces are collapsed and trimmed as the chunks' output is emitted.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "safi/error.h"
#include "safi/mojibake.h"
#include "safi/normalize.h"
#include "safi/utf8.h"

/* Per-code-point flags. */
#define F_SAFE 1u       /* a chunk starts here */
#define F_PASS 2u       /* safe and unchanged: copied as it is */
#define F_BAFTER 4u     /* never composes with what follows */
#define F_DROP 8u       /* a mark or format character the folds drop */
#define F_QUIET 16u     /* no fold applies, quick check YES everywhere */
#define F_IDENT 32u     /* the image is the code point itself (not in the pool) */

#define PAGE_BITS 8
#define PAGE_SIZE (1u << PAGE_BITS)
#define NPAGES (0x110000u >> PAGE_BITS)
#define MAX_SHARED 8
/* The slow path repeats the pipeline until its output stops changing;
 * folds only ever make text simpler, so two or three rounds are the most
 * real text needs.  This is a guard, never reached by the fuzz targets. */
#define MAX_ROUNDS 8
/* Repair and normalization alternate on a line until neither changes it:
 * normalization can bring damaged characters together (it drops the
 * controls and invisible characters between them).  Each repair shortens
 * the text or turns Latin letters into Arabic ones, so the rounds end;
 * this guard is never reached by real text. */
#define MAX_REPAIR_ROUNDS 16
/* With repair, lines up to this length are gathered and repaired whole;
 * longer ones are repaired piece by piece. */
#define REPAIR_LINE_MAX ((size_t)1 << 20)

struct cp_info {
	uint8_t flags;
	uint8_t ccc;
	uint16_t len;   /* bytes of the image in the pool */
	uint32_t img;   /* offset of the image in the pool */
};

struct page {
	struct cp_info e[PAGE_SIZE];
};

/* A growable UTF-16 buffer. */
struct ubuf {
	UChar *p;
	int32_t len, cap;
};

struct safi_normalizer {
	struct safi_norm_opts opts;
	unsigned folds;
	int marks;
	const UNormalizer2 *pre;   /* composes before the folds; NULL: none */
	const UNormalizer2 *out;   /* the output form; NULL: none */
	const UNormalizer2 *nfd;   /* decomposes before stripping marks */
	const UNormalizer2 *all[4];/* every normalizer in play, for boundaries */
	int nall;

	struct page *pages[NPAGES];
	struct page *shared[MAX_SHARED];  /* pages that stand for several */
	unsigned nshared;
	struct safi_buf pool;      /* UTF-8 images */
	uint8_t ascii_pass[128];
	uint8_t pass_pairs[65536]; /* F_PASS of two-byte sequences, indexed by
	                              first byte << 8 | second byte */
	int ascii_fast;            /* every byte 0x20..0x7F passes */
	int arabic_simd;           /* arabic_block() is exact here (2: with AVX2) */

	/* emitter state */
	int at_start;              /* nothing emitted on this line yet */
	int pending_space;

	struct safi_buf carry;     /* the unfinished end of the last piece */
	struct safi_buf tmp8;      /* slow path output */
	struct ubuf u[4];          /* slow path work */

	struct safi_norm_counts counts;  /* since safi_normalizer_take_counts() */

	/* SAFI_NORM_MOJIBAKE */
	struct safi_mojibake *mojibake;
	struct safi_buf line;      /* the line gathered so far */
	struct safi_buf rep[2];    /* a round's repair, and its input */
	int piecewise;             /* this line is repaired piece by piece */
	int pieces_out;            /* ... and some of it went out already */
	struct safi_mojibake_stats repair;  /* the last line's repairs */
};

/* --- UTF-16 work buffers ----------------------------------------------- */

static int
ubuf_reserve(struct ubuf *b, int32_t n)
{
	UChar *p;
	int32_t cap;

	if (n <= b->cap)
		return 0;
	if (n > (1 << 28))
		return SAFI_ETOOBIG;
	cap = b->cap ? b->cap : 256;
	while (cap < n)
		cap *= 2;
	p = realloc(b->p, (size_t)cap * sizeof(UChar));
	if (p == NULL)
		return SAFI_ENOMEM;
	b->p = p;
	b->cap = cap;
	return 0;
}

static int
ubuf_put(struct ubuf *b, UChar32 c)
{
	int rc;

	if ((rc = ubuf_reserve(b, b->len + 2)) < 0)
		return rc;
	U16_APPEND_UNSAFE(b->p, b->len, c);
	return 0;
}

/* dst = n(src).  n may be NULL (a copy). */
static int
unorm(const UNormalizer2 *n, const struct ubuf *src, struct ubuf *dst)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t k;
	int rc;

	if (n == NULL) {
		if ((rc = ubuf_reserve(dst, src->len)) < 0)
			return rc;
		if (src->len)
			memcpy(dst->p, src->p, (size_t)src->len * sizeof(UChar));
		dst->len = src->len;
		return 0;
	}
	k = unorm2_normalize(n, src->p, src->len, dst->p, dst->cap, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		if ((rc = ubuf_reserve(dst, k)) < 0)
			return rc;
		err = U_ZERO_ERROR;
		k = unorm2_normalize(n, src->p, src->len, dst->p, dst->cap, &err);
	}
	if (U_FAILURE(err))
		return SAFI_EICU;
	dst->len = k;
	return 0;
}

/* --- the slow path ----------------------------------------------------- */

/* One pass of the pipeline: u[0] -> u[0], using u[1] and u[2]. */
static int
pipeline_once(struct safi_normalizer *nz)
{
	struct ubuf *a = &nz->u[0], *b = &nz->u[1], *c = &nz->u[2];
	uint32_t f[SAFI_NORM_FOLD_MAX];
	int32_t i;
	int rc, k, j;

	if ((rc = unorm(nz->pre, a, b)) < 0)
		return rc;
	a->len = 0;
	for (i = 0; i < b->len;) {
		UChar32 cp;

		U16_NEXT(b->p, i, b->len, cp);
		k = safi_norm_fold_cp(nz->folds, (uint32_t)cp, f);
		if (k < 0) {    /* a lone surrogate: cannot come from UTF-8 */
			f[0] = 0xFFFD;
			k = 1;
		}
		for (j = 0; j < k; j++)
			if ((rc = ubuf_put(a, (UChar32)f[j])) < 0)
				return rc;
	}
	if (nz->marks) {
		if ((rc = unorm(nz->nfd, a, c)) < 0)
			return rc;
		a->len = 0;
		for (i = 0; i < c->len;) {
			UChar32 cp;

			U16_NEXT(c->p, i, c->len, cp);
			if (u_charType(cp) != U_NON_SPACING_MARK &&
			    (rc = ubuf_put(a, cp)) < 0)
				return rc;
		}
	}
	if ((rc = unorm(nz->out, a, b)) < 0)
		return rc;
	return unorm(NULL, b, a);
}

/* Runs the pipeline on u[0] until it stops changing; the result is in
 * u[0]. */
static int
pipeline(struct safi_normalizer *nz)
{
	struct ubuf *a = &nz->u[0], *prev = &nz->u[3];
	int round, rc;

	for (round = 0; round < MAX_ROUNDS; round++) {
		if ((rc = unorm(NULL, a, prev)) < 0)
			return rc;
		if ((rc = pipeline_once(nz)) < 0)
			return rc;
		if (a->len == prev->len &&
		    memcmp(a->p, prev->p, (size_t)a->len * sizeof(UChar)) == 0)
			break;
	}
	return 0;
}

/* The slow path for UTF-8 s[0..n) (well-formed): result in nz->tmp8. */
static int
slow_utf8(struct safi_normalizer *nz, const char *s, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	struct ubuf *a = &nz->u[0];
	int32_t k;
	int rc;

	if (n > (size_t)1 << 26)
		return SAFI_ETOOBIG;
	if ((rc = ubuf_reserve(a, (int32_t)n + 1)) < 0)
		return rc;
	u_strFromUTF8WithSub(a->p, a->cap, &k, s, (int32_t)n, 0xFFFD, NULL, &err);
	if (U_FAILURE(err))
		return SAFI_EICU;
	a->len = k;
	if ((rc = pipeline(nz)) < 0)
		return rc;
	nz->tmp8.len = 0;
	if ((rc = safi_buf_reserve(&nz->tmp8, (size_t)a->len * 3 + 1)) < 0)
		return rc;
	u_strToUTF8(nz->tmp8.ptr, (int32_t)nz->tmp8.cap, &k, a->p, a->len, &err);
	if (U_FAILURE(err))
		return SAFI_EICU;
	nz->tmp8.len = (size_t)k;
	return 0;
}

/* --- per-code-point tables -------------------------------------------- */

static int
boundary_before(const struct safi_normalizer *nz, UChar32 c)
{
	int i;

	for (i = 0; i < nz->nall; i++)
		if (!unorm2_hasBoundaryBefore(nz->all[i], c))
			return 0;
	return 1;
}

static int
boundary_after(const struct safi_normalizer *nz, UChar32 c)
{
	int i;

	for (i = 0; i < nz->nall; i++)
		if (!unorm2_hasBoundaryAfter(nz->all[i], c))
			return 0;
	return 1;
}

static int
quick_yes(const struct safi_normalizer *nz, UChar32 c)
{
	UChar u[2];
	int32_t n = 0, i;
	UErrorCode err = U_ZERO_ERROR;

	U16_APPEND_UNSAFE(u, n, c);
	for (i = 0; i < nz->nall; i++)
		if (unorm2_quickCheck(nz->all[i], u, n, &err) != UNORM_YES ||
		    U_FAILURE(err))
			return 0;
	return 1;
}

/* Deleted by a fold of ours before any composition could involve it. */
static int
own_drop(const struct safi_normalizer *nz, uint32_t c)
{
	uint32_t f[SAFI_NORM_FOLD_MAX];

	return safi_norm_fold_cp(nz->folds, c, f) == 0;
}

/* Writes the UTF-8 of c (a scalar value) to u8; returns its length. */
static size_t
put_utf8(uint32_t c, char *u8)
{
	if (c < 0x80) {
		u8[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		u8[0] = (char)(0xC0 | (c >> 6));
		u8[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		u8[0] = (char)(0xE0 | (c >> 12));
		u8[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u8[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	u8[0] = (char)(0xF0 | (c >> 18));
	u8[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	u8[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	u8[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Computes what the scan needs to know about the code point c: its image
 * (the pipeline on c alone, in the pool) and its flags. */
static int
fill_entry(struct safi_normalizer *nz, uint32_t c, struct cp_info *e)
{
	uint32_t f[SAFI_NORM_FOLD_MAX];
	char u8[4];
	int nf, rc, ident, quiet, mn;
	size_t n, len;
	int32_t first = -1;

	memset(e, 0, sizeof *e);
	e->ccc = (uint8_t)u_getCombiningClass((UChar32)c);
	if (c >= 0xD800 && c <= 0xDFFF)   /* never decoded from UTF-8 */
		return 0;
	n = put_utf8(c, u8);
	nf = safi_norm_fold_cp(nz->folds, c, f);
	mn = u_charType((UChar32)c) == U_NON_SPACING_MARK;
	/* quiet: no fold applies and c is normal in every form in play */
	quiet = nf == 1 && f[0] == c && quick_yes(nz, (UChar32)c) &&
	    !(nz->marks && mn);
	if (quiet) {
		nz->tmp8.len = 0;
		if ((rc = safi_buf_append(&nz->tmp8, u8, n)) < 0)
			return rc;
	} else if ((rc = slow_utf8(nz, u8, n)) < 0) {
		return rc;
	}
	ident = nz->tmp8.len == n && memcmp(nz->tmp8.ptr, u8, n) == 0;
	if (ident) {
		e->flags |= F_IDENT;
	} else {
		if (nz->tmp8.len > 0xFFFF || nz->pool.len > 0xFFFFFFFFu - nz->tmp8.len)
			return SAFI_ETOOBIG;
		e->img = (uint32_t)nz->pool.len;
		e->len = (uint16_t)nz->tmp8.len;
		if ((rc = safi_buf_append(&nz->pool, nz->tmp8.ptr, nz->tmp8.len)) < 0)
			return rc;
	}
	if (nz->tmp8.len > 0)
		first = (int32_t)safi_utf8_decode(nz->tmp8.ptr, nz->tmp8.len, &len);

	/* safe: a boundary before c, before what the folds make of it and
	 * before its image, in every form in play, and not dropped */
	if (nf > 0 && first >= 0 && boundary_before(nz, (UChar32)c) &&
	    boundary_before(nz, (UChar32)f[0]) && boundary_before(nz, first) &&
	    !(nz->marks && u_charType((UChar32)f[0]) == U_NON_SPACING_MARK))
		e->flags |= F_SAFE;
	/* with --spaces a space goes through the emitter, which collapses runs
	 * of them, so that runs of pass code points never hold one */
	if ((e->flags & F_SAFE) && ident && !(c == ' ' && (nz->folds & SAFI_NORM_SPACES)))
		e->flags |= F_PASS;
	if (boundary_after(nz, (UChar32)c))
		e->flags |= F_BAFTER;
	/* dropped without a trace: a mark (which composes with nothing after
	 * it), or a character one of our folds drops before composition */
	if (!ident && e->len == 0 &&
	    (e->ccc != 0 || (own_drop(nz, c) && quick_yes(nz, (UChar32)c))))
		e->flags |= F_DROP;
	if (quiet)
		e->flags |= F_QUIET;
	return 0;
}

static struct page *
build_page(struct safi_normalizer *nz, uint32_t index, int *err)
{
	struct page *pg = malloc(sizeof *pg);
	uint32_t i;
	int rc;

	if (pg == NULL) {
		*err = SAFI_ENOMEM;
		return NULL;
	}
	for (i = 0; i < PAGE_SIZE; i++)
		if ((rc = fill_entry(nz, (index << PAGE_BITS) | i, &pg->e[i])) < 0) {
			free(pg);
			*err = rc;
			return NULL;
		}
	/* Whole blocks often look alike (unassigned, private use, ideographs:
	 * every entry the same and its own image): such pages are shared. */
	for (i = 1; i < PAGE_SIZE; i++)
		if (memcmp(&pg->e[i], &pg->e[0], sizeof pg->e[0]) != 0)
			break;
	if (i == PAGE_SIZE) {
		for (i = 0; i < nz->nshared; i++)
			if (memcmp(&nz->shared[i]->e[0], &pg->e[0], sizeof pg->e[0]) == 0) {
				free(pg);
				pg = nz->shared[i];
				break;
			}
		if (i == nz->nshared && nz->nshared < MAX_SHARED)
			nz->shared[nz->nshared++] = pg;
	}
	nz->pages[index] = pg;
	return pg;
}

static inline const struct cp_info *
info(struct safi_normalizer *nz, uint32_t c, int *err)
{
	struct page *pg;

	if (c >= 0x110000)
		c = 0xFFFD;
	pg = nz->pages[c >> PAGE_BITS];
	if (pg == NULL && (pg = build_page(nz, c >> PAGE_BITS, err)) == NULL)
		return NULL;
	return &pg->e[c & (PAGE_SIZE - 1)];
}

/* --- UTF-8 decoding (input is well-formed; be safe anyway) ------------- */

/* decode() returns BAD for an ill-formed sequence (and its length): the
 * scan writes U+FFFD for it and otherwise takes it for U+FFFD, a code point
 * that starts a chunk and is left alone by every fold. */
#define BAD 0x110000u

static inline uint32_t
decode(const unsigned char *p, const unsigned char *end, size_t *len)
{
	if (p[0] >= 0xC2 && p[0] <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
		*len = 2;
		return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (p[0] >= 0xE0 && p[0] <= 0xEF && end - p >= 3 &&
	    (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		uint32_t c = ((uint32_t)(p[0] & 0x0F) << 12) |
		    ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
			*len = 3;
			return c;
		}
	}
	{
		int32_t c = safi_utf8_decode((const char *)p, (size_t)(end - p), len);
		return c < 0 ? BAD : (uint32_t)c;
	}
}

/* --- output ------------------------------------------------------------ */

/* Appends text, collapsing and trimming spaces with SAFI_NORM_SPACES. */
static inline int
emit(struct safi_normalizer *nz, const char *s, size_t n, struct safi_buf *out)
{
	const char *end = s + n;
	char *d;
	int rc;

	if (out->cap - out->len <= n && (rc = safi_buf_reserve(out, n + 1)) < 0)
		return rc;
	d = out->ptr + out->len;
	if (!(nz->folds & SAFI_NORM_SPACES)) {
		memcpy(d, s, n);
		out->len += n;
		return 0;
	}
	/* at most one pending space comes out before the first other byte */
	for (; s < end; s++) {
		if (*s == ' ') {
			nz->pending_space = 1;
			continue;
		}
		if (nz->pending_space) {
			if (!nz->at_start)
				*d++ = ' ';
			nz->pending_space = 0;
		}
		nz->at_start = 0;
		*d++ = *s;
	}
	out->len = (size_t)(d - out->ptr);
	return 0;
}

/* Appends a run of pass code points.  When spaces are folded, U+0020 is
 * not one of them, and a run holds a space only between two pass code
 * points: never two in a row, never at its start or end. */
static inline int
emit_run(struct safi_normalizer *nz, const unsigned char *s, size_t n,
         struct safi_buf *out)
{
	int rc;

	if (n == 0)
		return 0;
	if (out->cap - out->len <= n && (rc = safi_buf_reserve(out, n + 1)) < 0)
		return rc;
	if (nz->pending_space) {
		if (!nz->at_start)
			out->ptr[out->len++] = ' ';
		nz->pending_space = 0;
	}
	nz->at_start = 0;
	memcpy(out->ptr + out->len, s, n);
	out->len += n;
	return 0;
}

/* Appends the image of the code point at s (n bytes) whose entry is e. */
static inline int
emit_image(struct safi_normalizer *nz, const struct cp_info *e,
           const unsigned char *s, size_t n, struct safi_buf *out)
{
	if (e->flags & F_IDENT)
		return emit(nz, (const char *)s, n, out);
	if (e->len == 0)  /* dropped: the pool may be empty, its pointer null */
		return 0;
	return emit(nz, nz->pool.ptr + e->img, e->len, out);
}

/* --- chunks ------------------------------------------------------------ */

/* Normalizes the chunk s[0..n), whose first code point (first_len bytes)
 * has the table entry |first|: by its image when it stands alone or the
 * rest is dropped, as it is when it is already normal, else by the slow
 * path. */
static int
do_chunk(struct safi_normalizer *nz, const unsigned char *s, size_t n,
         const struct cp_info *first, size_t first_len, struct safi_buf *out)
{
	const unsigned char *p = s + first_len, *end = s + n;
	const struct cp_info *e;
	int drops = (first->flags & F_BAFTER) != 0;
	int quiet = (first->flags & F_QUIET) != 0;
	unsigned last_ccc = first->ccc;
	int err = 0, rc;
	size_t len;

	if (p == end)
		return emit_image(nz, first, s, first_len, out);
	while (p < end && (drops || quiet)) {
		uint32_t c = *p < 0x80 ? *p : decode(p, end, &len);

		if (*p < 0x80)
			len = 1;
		if ((e = info(nz, c, &err)) == NULL)
			return err;
		if (!(e->flags & F_DROP))
			drops = 0;
		if (!(e->flags & F_QUIET) || (e->ccc != 0 && last_ccc > e->ccc))
			quiet = 0;
		last_ccc = e->ccc;
		p += len;
	}
	if (drops)
		return emit_image(nz, first, s, first_len, out);
	if (quiet)
		return emit(nz, (const char *)s, n, out);
	if ((rc = slow_utf8(nz, (const char *)s, n)) < 0)
		return rc;
	return emit(nz, nz->tmp8.ptr, nz->tmp8.len, out);
}

/* Returns the length of the chunk that starts at p (its first code point
 * has length first_len), cut at SAFI_NORM_MAX_CARRY bytes; *err is set on
 * failure (and 0 returned). */
static size_t
chunk_end(struct safi_normalizer *nz, const unsigned char *p,
          const unsigned char *end, size_t first_len, int *err)
{
	const unsigned char *q = p + first_len;
	const struct cp_info *e;
	size_t len;

	while (q < end && (size_t)(q - p) < SAFI_NORM_MAX_CARRY) {
		uint32_t c;

		if (*q < 0x80) {
			c = *q;
			len = 1;
		} else {
			c = decode(q, end, &len);
		}
		if ((e = info(nz, c, err)) == NULL)
			return 0;
		if (e->flags & F_SAFE)
			break;
		q += len;
	}
	return (size_t)(q - p);
}

static inline int
ascii_word_plain(uint64_t w)
{
	/* no byte >= 0x80 and none < 0x20 */
	return ((w | ((w - 0x2020202020202020ull) & ~w)) & 0x8080808080808080ull) == 0;
}

#ifdef __SSE2__
#include <emmintrin.h>

/* Byte ranges of the continuation bytes that are not pass code points
 * after the lead bytes D8, D9 and DB in the default mode (the Arabic marks
 * U+0610-U+061A, U+064B-U+065F, U+0670, U+06D6-U+06ED); the normalizer
 * checks at creation that everything else of U+0600-U+06FF passes. */
static const struct {
	unsigned char lead, lo, hi;
} arabic_unsafe[] = {
	{0xD8, 0x90, 0x9A}, {0xD9, 0x8B, 0x9F}, {0xD9, 0xB0, 0xB0}, {0xDB, 0x96, 0xAD},
};

static inline unsigned
bytes_in(__m128i v, unsigned char lo, unsigned char hi)
{
	__m128i d = _mm_sub_epi8(v, _mm_set1_epi8((char)lo));

	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_min_epu8(d, _mm_set1_epi8((char)(hi - lo))), d));
}

/* Returns 16 (or 15, when the last byte starts a letter) if p[0..16) is
 * ASCII without controls and well-formed U+0600-U+06FF outside the ranges
 * above, all pass code points; 0 if not. */
static inline size_t
arabic_block(const unsigned char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	unsigned high = (unsigned)_mm_movemask_epi8(v), ctl, lead, cont;

	ctl = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20))) & ~high;
	if (ctl && (ctl & ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(9)))))
		return 0;
	if (high == 0)
		return 16;
	lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
	    _mm_and_si128(v, _mm_set1_epi8((char)0xFC)), _mm_set1_epi8((char)0xD8)));
	cont = high & ~(unsigned)_mm_movemask_epi8(_mm_add_epi8(v, v));
	if ((high & ~(lead | cont)) || cont != ((lead << 1) & 0xFFFF))
		return 0;
	{
		unsigned d8 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD8))) << 1;
		unsigned d9 = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xD9))) << 1;
		unsigned db = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xDB))) << 1;

		if ((d8 & bytes_in(v, 0x90, 0x9A)) ||
		    (d9 & (bytes_in(v, 0x8B, 0x9F) | bytes_in(v, 0xB0, 0xB0))) ||
		    (db & bytes_in(v, 0x96, 0xAD)))
			return 0;
	}
	return (lead & 0x8000) ? 15 : 16;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_ARABIC 1
#include <immintrin.h>

/* the bytes of v in [lo, hi], as a mask (a macro: AVX2 code only lives in
 * functions built for it) */
#define BYTES_IN_AVX2(v, lo, hi) ((uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8( \
	_mm256_min_epu8(_mm256_sub_epi8((v), _mm256_set1_epi8((char)(lo))), \
	    _mm256_set1_epi8((char)((hi) - (lo)))), \
	_mm256_sub_epi8((v), _mm256_set1_epi8((char)(lo))))))

/* arabic_block() thirty-two bytes at a time, for as long as it lasts:
 * returns where the text stops being plain Arabic script and ASCII. */
__attribute__((target("avx2"))) static const unsigned char *
skip_arabic_avx2(const unsigned char *p, const unsigned char *end)
{
	while (end - p >= 32) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
		uint32_t high = (uint32_t)_mm256_movemask_epi8(v), ctl, lead, cont;
		uint32_t d8, d9, db;

		ctl = (uint32_t)_mm256_movemask_epi8(
		    _mm256_cmpgt_epi8(_mm256_set1_epi8(0x20), v)) & ~high;
		if (ctl && (ctl & ~(uint32_t)_mm256_movemask_epi8(
		        _mm256_cmpeq_epi8(v, _mm256_set1_epi8(9)))))
			break;
		if (high == 0) {
			p += 32;
			continue;
		}
		lead = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(
		    _mm256_and_si256(v, _mm256_set1_epi8((char)0xFC)),
		    _mm256_set1_epi8((char)0xD8)));
		cont = high & ~(uint32_t)_mm256_movemask_epi8(_mm256_add_epi8(v, v));
		if ((high & ~(lead | cont)) || cont != (uint32_t)((uint64_t)lead << 1))
			break;
		d8 = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xD8))) << 1;
		d9 = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xD9))) << 1;
		db = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xDB))) << 1;
		if ((d8 & BYTES_IN_AVX2(v, 0x90, 0x9A)) ||
		    (d9 & (BYTES_IN_AVX2(v, 0x8B, 0x9F) |
		           (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, _mm256_set1_epi8((char)0xB0))))) ||
		    (db & BYTES_IN_AVX2(v, 0x96, 0xAD)))
			break;
		p += (lead & 0x80000000u) ? 31 : 32;
	}
	return p;
}
#endif

/* Whether arabic_block() is exact for this normalizer: every byte it lets
 * through is a pass code point. */
static int
arabic_block_exact(const struct safi_normalizer *nz)
{
	unsigned c, lead, t;

	if (!nz->ascii_pass['\t'])
		return 0;
	for (c = 0x20; c < 0x80; c++)
		if (!nz->ascii_pass[c])
			return 0;
	for (lead = 0xD8; lead <= 0xDB; lead++)
		for (c = 0x80; c < 0xC0; c++) {
			int unsafe = 0;

			for (t = 0; t < sizeof arabic_unsafe / sizeof arabic_unsafe[0]; t++)
				if (arabic_unsafe[t].lead == lead &&
				    c >= arabic_unsafe[t].lo && c <= arabic_unsafe[t].hi)
					unsafe = 1;
			if (!unsafe && !nz->pass_pairs[lead << 8 | c])
				return 0;
		}
	return 1;
}
#endif

/* Normalizes s[0..n), whose end is a chunk boundary. */
static int
process(struct safi_normalizer *nz, const char *text, size_t n,
        struct safi_buf *out)
{
	const unsigned char *s = (const unsigned char *)text;
	const unsigned char *p = s, *end = s + n, *run = s, *start;
	const unsigned char *lim = n > 0 ? end - 1 : end;
	const struct cp_info *e;
	int err = 0, rc;
	size_t len, clen;
	struct {
		const unsigned char *start, *end;  /* the code point written ahead */
		size_t len;                        /* out->len before it */
		int pending_space, at_start;
	} undo = {NULL, NULL, 0, 0, 0};

	while (p < end) {
		uint32_t c;

		/* the hot loop: passing ASCII and two-byte code points (Arabic,
		 * Hebrew, Greek, Cyrillic, accented Latin), one table entry each;
		 * Arabic-script text sixteen bytes at a time where it can */
		for (;;) {
			const unsigned char *stop;

#ifdef __SSE2__
			if (nz->arabic_simd) {
				size_t k;

#ifdef HAVE_AVX2_ARABIC
				if (nz->arabic_simd == 2)
					p = skip_arabic_avx2(p, end);
#endif
				while (end - p >= 16 && (k = arabic_block(p)) != 0)
					p += k;
			}
#endif
			/* come back to the block check after a few letters */
			stop = nz->arabic_simd && end - p > 24 ? p + 24 : lim;
			while (p < stop) {
				c = p[0];
				if (c < 0x80) {
					if (!nz->ascii_pass[c]) {
						/* a space with --spaces: it never
						 * combines, so it is a chunk alone */
						if (c != ' ' || !(nz->folds & SAFI_NORM_SPACES))
							goto slow;
						/* one space between pass characters
						 * stays in the run */
						if (p > run && (p[1] < 0x80 ? nz->ascii_pass[p[1]] :
						    end - p > 2 && nz->pass_pairs[p[1] << 8 | p[2]])) {
							p++;
							continue;
						}
						if ((rc = emit_run(nz, run, (size_t)(p - run), out)) < 0)
							return rc;
						nz->pending_space = 1;
						run = ++p;
						continue;
					}
					p++;
					if (nz->ascii_fast && *p < 0x80) {
						while (end - p >= 8) {
							uint64_t w;

							memcpy(&w, p, 8);
							if (!ascii_word_plain(w))
								break;
							p += 8;
						}
					}
					continue;
				}
				if (!nz->pass_pairs[c << 8 | p[1]])
					goto slow;
				p += 2;
			}
			if (p >= lim)
				break;
		}
slow:
		if (p == end)
			break;
		c = *p;
		if (c < 0x80) {
			len = 1;
		} else if ((c = decode(p, end, &len)) == BAD) {
			if ((rc = emit_run(nz, run, (size_t)(p - run), out)) < 0)
				return rc;
			if ((rc = emit(nz, "\xEF\xBF\xBD", 3, out)) < 0)
				return rc;
			p = run = p + len;
			undo.end = NULL;
			continue;
		}
		if ((e = info(nz, c, &err)) == NULL)
			return err;
		if (e->flags & F_PASS) {
			p += len;
			continue;
		}
		if (e->flags & F_SAFE) {
			/* A chunk starts here.  Most are this one code point:
			 * write its image now, and take it back if what follows
			 * belongs to the same chunk. */
			if ((rc = emit_run(nz, run, (size_t)(p - run), out)) < 0)
				return rc;
			undo.start = p;
			undo.len = out->len;
			undo.pending_space = nz->pending_space;
			undo.at_start = nz->at_start;
			if ((rc = emit_image(nz, e, p, len, out)) < 0)
				return rc;
			p = run = undo.end = p + len;
			continue;
		}
		/* p is not safe: it belongs to the chunk of what comes before */
		if (p == run && p == undo.end) {
			out->len = undo.len;
			nz->pending_space = undo.pending_space;
			nz->at_start = undo.at_start;
			start = run = undo.start;
			c = *start < 0x80 ? *start : decode(start, end, &len);
			if (*start < 0x80)
				len = 1;
			if ((e = info(nz, c, &err)) == NULL)
				return err;
		} else if (p == run) {
			start = p;
		} else {
			start = p - 1;
			while (start > run && (*start & 0xC0) == 0x80)
				start--;
			c = *start < 0x80 ? *start : decode(start, end, &len);
			if (*start < 0x80)
				len = 1;
			if ((e = info(nz, c, &err)) == NULL)
				return err;
		}
		if ((rc = emit_run(nz, run, (size_t)(start - run), out)) < 0)
			return rc;
		clen = chunk_end(nz, start, end, len, &err);
		if (err)
			return err;
		if ((rc = do_chunk(nz, start, clen, e, len, out)) < 0)
			return rc;
		p = run = start + clen;
		undo.end = NULL;
	}
	return emit_run(nz, run, (size_t)(p - run), out);
}

/* Offset of the first safe code point in s[0..n) (n if none). */
static size_t
first_safe(struct safi_normalizer *nz, const unsigned char *s, size_t n, int *err)
{
	const unsigned char *p = s, *end = s + n;
	const struct cp_info *e;
	size_t len;

	while (p < end) {
		uint32_t c = *p < 0x80 ? *p : decode(p, end, &len);

		if (*p < 0x80)
			len = 1;
		if ((e = info(nz, c, err)) == NULL)
			return 0;
		if (e->flags & F_SAFE)
			break;
		p += len;
	}
	return (size_t)(p - s);
}

/* Offset of the last safe code point in s[0..n) (0 if none). */
static size_t
last_safe(struct safi_normalizer *nz, const unsigned char *s, size_t n, int *err)
{
	const unsigned char *p = s + n, *q;
	const struct cp_info *e;
	size_t len;

	while (p > s && (size_t)(s + n - p) < SAFI_NORM_MAX_CARRY) {
		uint32_t c;

		q = p - 1;
		while (q > s && (*q & 0xC0) == 0x80 && p - q < 4)
			q--;
		c = *q < 0x80 ? *q : decode(q, s + n, &len);
		if ((e = info(nz, c, err)) == NULL)
			return 0;
		p = q;
		if (e->flags & F_SAFE)
			return (size_t)(p - s);
	}
	/* nothing safe near the end: cut anyway, at a code point boundary */
	return (size_t)(p - s);
}

static void
end_line(struct safi_normalizer *nz)
{
	nz->at_start = 1;
	nz->pending_space = 0;
	nz->carry.len = 0;
}

static int
normalize_piece(struct safi_normalizer *nz, const char *text, size_t n,
                int last, struct safi_buf *out)
{
	/* an empty piece may come as NULL (an empty buffer): pointer
	 * arithmetic on NULL is undefined, even adding 0 */
	const unsigned char *s = (const unsigned char *)(text ? text : "");
	int err = 0, rc;
	size_t k;

	if (nz->carry.len > 0) {
		k = first_safe(nz, s, n, &err);
		if (err)
			goto fail;
		if ((rc = safi_buf_append(&nz->carry, s, k)) < 0) {
			err = rc;
			goto fail;
		}
		s += k;
		n -= k;
		if (n == 0 && !last && nz->carry.len < SAFI_NORM_MAX_CARRY)
			return 0;
		/* process() may use tmp buffers but never the carry */
		if ((err = process(nz, nz->carry.ptr, nz->carry.len, out)) < 0)
			goto fail;
		nz->carry.len = 0;
	}
	if (last) {
		if ((err = process(nz, (const char *)s, n, out)) < 0)
			goto fail;
		end_line(nz);
		return 0;
	}
	k = last_safe(nz, s, n, &err);
	if (err)
		goto fail;
	if ((err = process(nz, (const char *)s, k, out)) < 0)
		goto fail;
	if ((rc = safi_buf_append(&nz->carry, s + k, n - k)) < 0) {
		err = rc;
		goto fail;
	}
	return 0;
fail:
	end_line(nz);
	return err;
}

/* --- mojibake repair --------------------------------------------------- */

/* Adds what one repair did to the line's account. */
static void
add_repair(struct safi_normalizer *nz)
{
	struct safi_mojibake_stats st;

	safi_mojibake_last(nz->mojibake, &st);
	if (nz->repair.runs == 0)
		nz->repair.what = st.what;
	else if (st.what != nz->repair.what)
		nz->repair.others = 1;
	nz->repair.others |= st.others;
	nz->repair.runs += st.runs;
	nz->repair.chars += st.chars;
	if (st.depth > nz->repair.depth)
		nz->repair.depth = st.depth;
}

/*
 * Repairs and normalizes the whole line s[0..n) until neither changes it
 * any more, so that the output is idempotent: the last round's output is
 * normal and holds nothing to repair.  A repair is a fixed point of its
 * own (safi_mojibake_repair() repairs until nothing is left), so another
 * round is needed only when normalization changed the repaired text.
 */
static int
repair_line(struct safi_normalizer *nz, const char *s, size_t n,
            struct safi_buf *out)
{
	struct safi_buf *fixed = &nz->rep[0], *input = &nz->rep[1];
	size_t start = out->len, len;
	int round, rc;

	for (round = 0; round < MAX_REPAIR_ROUNDS; round++) {
		fixed->len = 0;
		if ((rc = safi_mojibake_repair_piece(nz->mojibake, s, n,
		        nz->repair.runs > 0 ? SAFI_MOJIBAKE_SHOWN : 0, fixed)) < 0)
			return rc;
		if (rc == 0 && round > 0)
			break;   /* out holds the normalized s, with nothing to repair */
		if (rc == 1) {
			add_repair(nz);
			s = fixed->ptr;
			n = fixed->len;
		}
		out->len = start;
		if ((rc = normalize_piece(nz, s, n, 1, out)) < 0)
			return rc;
		len = out->len - start;
		if (len == n && (n == 0 || memcmp(out->ptr + start, s, n) == 0))
			break;
		/* normalization changed the text: repair its output again */
		input->len = 0;
		if ((rc = safi_buf_append(input, out->ptr + start, len)) < 0)
			return rc;
		s = input->ptr;
		n = input->len;
	}
	return 0;
}

/* Repairs one piece of a line too long to gather; a damaged run that a cut
 * between pieces splits is left as it is. */
static int
repair_piece(struct safi_normalizer *nz, const char *s, size_t n, int last,
             struct safi_buf *out)
{
	unsigned cut = (nz->pieces_out ? SAFI_MOJIBAKE_CUT_START : 0) |
	    (last ? 0 : SAFI_MOJIBAKE_CUT_END);
	int rc;

	nz->rep[0].len = 0;
	rc = safi_mojibake_repair_piece(nz->mojibake, s, n, cut, &nz->rep[0]);
	if (rc < 0)
		return rc;
	if (rc == 1) {
		add_repair(nz);
		s = nz->rep[0].ptr;
		n = nz->rep[0].len;
	}
	nz->pieces_out = !last;
	return normalize_piece(nz, s, n, last, out);
}

/* The pipeline with SAFI_NORM_MOJIBAKE: pieces are gathered into whole
 * lines up to REPAIR_LINE_MAX bytes, and repaired and normalized whole. */
static int
repair_and_normalize(struct safi_normalizer *nz, const char *s, size_t n,
                     int last, struct safi_buf *out)
{
	int rc = 0;

	if (nz->line.len == 0 && !nz->piecewise)
		memset(&nz->repair, 0, sizeof nz->repair);
	if (!nz->piecewise) {
		if (last && nz->line.len == 0)
			return repair_line(nz, s, n, out);
		if (nz->line.len + n <= REPAIR_LINE_MAX) {
			if ((rc = safi_buf_append(&nz->line, s, n)) < 0)
				return rc;
			if (!last)
				return 0;
			rc = repair_line(nz, nz->line.ptr, nz->line.len, out);
			nz->line.len = 0;
			return rc;
		}
		/* too long to gather: what was gathered goes first */
		nz->piecewise = 1;
		if (nz->line.len > 0)
			rc = repair_piece(nz, nz->line.ptr, nz->line.len, 0, out);
		nz->line.len = 0;
		if (rc < 0)
			return rc;
	}
	rc = repair_piece(nz, s, n, last, out);
	if (last)
		nz->piecewise = 0;
	return rc;
}

/* Counts the C0 controls (but TAB, LF and FF) of s[0..n) in *c. */
static void
count_controls(const unsigned char *s, size_t n, struct safi_norm_counts *c)
{
	uint64_t w;
	size_t i = 0, end;

	while (i < n) {
#ifdef __SSE2__
		/* sixty-four bytes at a time past text without any byte < 0x20 */
		if (i + 64 <= n) {
			const __m128i *q = (const __m128i *)(const void *)(s + i);
			const __m128i top = _mm_set1_epi8(0x1F);
			__m128i v0 = _mm_loadu_si128(q), v1 = _mm_loadu_si128(q + 1);
			__m128i v2 = _mm_loadu_si128(q + 2), v3 = _mm_loadu_si128(q + 3);
			__m128i low = _mm_or_si128(
			    _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v0, top), v0),
			                 _mm_cmpeq_epi8(_mm_min_epu8(v1, top), v1)),
			    _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v2, top), v2),
			                 _mm_cmpeq_epi8(_mm_min_epu8(v3, top), v3)));

			if (_mm_movemask_epi8(low) == 0) {
				i += 64;
				continue;
			}
		}
#endif
		/* eight bytes at a time past text without any byte < 0x20 */
		if (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if ((((w - 0x2020202020202020ull) & ~w) & 0x8080808080808080ull) == 0) {
				i += 8;
				continue;
			}
		}
		for (end = i + 8 < n ? i + 8 : n; i < end; i++)
			if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' && s[i] != '\f' &&
			    c->controls++ == 0)
				c->first_control = s[i];
	}
}

int
safi_normalize_piece(struct safi_normalizer *nz, const char *s, size_t n,
                     int last, struct safi_buf *out)
{
	int rc;

	if (nz->folds & SAFI_NORM_CONTROLS)
		count_controls((const unsigned char *)s, n, &nz->counts);
	if (nz->mojibake == NULL)
		return normalize_piece(nz, s, n, last, out);
	if ((rc = repair_and_normalize(nz, s, n, last, out)) < 0) {
		nz->line.len = 0;
		nz->piecewise = nz->pieces_out = 0;
		end_line(nz);
	}
	return rc;
}

int
safi_normalize(struct safi_normalizer *nz, const char *s, size_t n,
               struct safi_buf *out)
{
	return safi_normalize_piece(nz, s, n, 1, out);
}

void
safi_normalizer_reset(struct safi_normalizer *nz)
{
	nz->line.len = 0;
	nz->piecewise = nz->pieces_out = 0;
	end_line(nz);
}

void
safi_normalizer_take_counts(struct safi_normalizer *nz, struct safi_norm_counts *c)
{
	*c = nz->counts;
	memset(&nz->counts, 0, sizeof nz->counts);
}

void
safi_normalizer_last_repair(const struct safi_normalizer *nz,
                            struct safi_mojibake_stats *st)
{
	*st = nz->repair;
}

/* --- life cycle -------------------------------------------------------- */

static void
add_normalizer(struct safi_normalizer *nz, const UNormalizer2 *n)
{
	int i;

	if (n == NULL)
		return;
	for (i = 0; i < nz->nall; i++)
		if (nz->all[i] == n)
			return;
	nz->all[nz->nall++] = n;
}

int
safi_normalizer_new(struct safi_normalizer **out,
                    const struct safi_norm_opts *opts)
{
	static const struct safi_norm_opts defaults = SAFI_NORM_OPTS_DEFAULT;
	struct safi_normalizer *nz;
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc, *nfd, *nfkc, *nfkd, *nfkc_cf;
	unsigned c;
	int rc;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if ((unsigned)opts->form > SAFI_FORM_NONE)
		return SAFI_EINVAL;
	nfc = unorm2_getNFCInstance(&err);
	nfd = unorm2_getNFDInstance(&err);
	nfkc = unorm2_getNFKCInstance(&err);
	nfkd = unorm2_getNFKDInstance(&err);
	nfkc_cf = unorm2_getNFKCCasefoldInstance(&err);
	if (U_FAILURE(err))
		return SAFI_EICU;
	if ((nz = calloc(1, sizeof *nz)) == NULL)
		return SAFI_ENOMEM;
	nz->opts = *opts;
	/* mojibake repair is no code-point fold: it works on whole lines */
	nz->folds = opts->folds & ~SAFI_NORM_MOJIBAKE;
	if ((opts->folds & SAFI_NORM_MOJIBAKE) &&
	    (rc = safi_mojibake_new(&nz->mojibake, 0)) < 0) {
		free(nz);
		return rc;
	}
	nz->line.limit = REPAIR_LINE_MAX + 1;
	nz->marks = (nz->folds & SAFI_NORM_MARKS) != 0;
	switch (opts->form) {
	case SAFI_FORM_NFC: nz->pre = nfc; nz->out = nfc; break;
	case SAFI_FORM_NFD: nz->pre = nfc; nz->out = nfd; break;
	case SAFI_FORM_NFKC: nz->pre = nfkc; nz->out = nfkc; break;
	case SAFI_FORM_NFKD: nz->pre = nfkc; nz->out = nfkd; break;
	case SAFI_FORM_NFKC_CF: nz->pre = nfkc_cf; nz->out = nfkc_cf; break;
	case SAFI_FORM_NONE: nz->pre = NULL; nz->out = NULL; break;
	}
	if (nz->marks) {
		nz->nfd = nfd;
		if (nz->out == NULL)   /* --form=none: recompose what was decomposed */
			nz->out = nfc;
	}
	add_normalizer(nz, nz->pre);
	add_normalizer(nz, nz->out);
	add_normalizer(nz, nz->nfd);
	nz->at_start = 1;
	nz->carry.limit = 2 * SAFI_NORM_MAX_CARRY + (1u << 20);
	/* ASCII: one table lookup per byte, or eight bytes at a time when every
	 * printable byte passes */
	nz->ascii_fast = 1;
	for (c = 0; c < 128; c++) {
		int e = 0;
		const struct cp_info *ci = info(nz, c, &e);

		if (ci == NULL) {
			safi_normalizer_free(nz);
			return e;
		}
		nz->ascii_pass[c] = (ci->flags & F_PASS) != 0;
		if (c >= 0x20 && !nz->ascii_pass[c])
			nz->ascii_fast = 0;
	}
	for (c = 0x80; c < 0x800; c++) {
		int e = 0;
		const struct cp_info *ci = info(nz, c, &e);

		if (ci == NULL) {
			safi_normalizer_free(nz);
			return e;
		}
		if (ci->flags & F_PASS) {
			nz->pass_pairs[(0xC0 | (c >> 6)) << 8 | (0x80 | (c & 0x3F))] = 1;
		}
	}
#ifdef __SSE2__
	nz->arabic_simd = arabic_block_exact(nz);
#ifdef HAVE_AVX2_ARABIC
	__builtin_cpu_init();
	if (nz->arabic_simd && __builtin_cpu_supports("avx2"))
		nz->arabic_simd = 2;
#endif
#endif
	rc = 0;
	*out = nz;
	return rc;
}

const struct safi_norm_opts *
safi_normalizer_opts(const struct safi_normalizer *nz)
{
	return &nz->opts;
}

void
safi_normalizer_free(struct safi_normalizer *nz)
{
	unsigned i;

	if (nz == NULL)
		return;
	for (i = 0; i < NPAGES; i++) {
		unsigned k;

		for (k = 0; k < nz->nshared; k++)
			if (nz->pages[i] == nz->shared[k])
				break;
		if (k == nz->nshared)
			free(nz->pages[i]);
	}
	for (i = 0; i < nz->nshared; i++)
		free(nz->shared[i]);
	for (i = 0; i < 4; i++)
		free(nz->u[i].p);
	safi_buf_free(&nz->pool);
	safi_buf_free(&nz->carry);
	safi_buf_free(&nz->tmp8);
	safi_mojibake_free(nz->mojibake);
	safi_buf_free(&nz->line);
	safi_buf_free(&nz->rep[0]);
	safi_buf_free(&nz->rep[1]);
	free(nz);
}
