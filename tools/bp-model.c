/*
 * bp-model.c - the line features, the tree scorer and the extent decoder
 * of tools/bp-train (see bp-model.h).
 *
 * The decoder reads the page as four states: before the article, in it
 * (kept), in a box inside it (dropped), after it.  A kept line earns its
 * score, the article may start and end anywhere for free, and each move
 * into or out of a box costs the gap, so that a lone line that scores
 * well far from the article stays dropped and a weak line between two
 * kept ones stays kept.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bp-model.h"

const unsigned bp_feature_buckets[BP_NFEAT] = {BP_BUCKETS_LIST};

const char *const bp_feature_names[BP_NFEAT] = {
	[F_SHAPE] = "shape",
	[F_VERDICT] = "verdict",
	[F_WORDS] = "words",
	[F_STOP] = "stop",
	[F_ENDING] = "ending",
	[F_MARKS] = "marks",
	[F_COPY] = "copy",
	[F_REGION] = "region",
	[F_PREV] = "prev",
	[F_NEXT] = "next",
	[F_WIN_KEEP] = "win-keep",
	[F_WIN_GOOD] = "win-good",
	[F_WIN_WIDE] = "win-wide",
	[F_BLOCK] = "block",
	[F_POSITION] = "position",
	[F_NEAR_GOOD] = "near-good",
	[F_DOC] = "doc",
	[F_SHAPE_REGION] = "shape*region",
	[F_VERDICT_REGION] = "verdict*region",
	[F_WORDS_STOP] = "words*stop",
	[F_TOPIC] = "topic",
};

/* ---- the page ---------------------------------------------------------- */

void
bp_page_free(struct bp_page *pg)
{
	free(pg->idx);
	free(pg->keep_sum);
	free(pg->good_sum);
	memset(pg, 0, sizeof *pg);
}

int
bp_page_begin(struct bp_page *pg, const struct bp_doc *d)
{
	size_t i, m = 0;

	for (i = 0; i < d->nlines; i++)
		m += d->lines[i].kind != K_BLANK;
	if (m + 1 > pg->cap) {
		size_t cap = pg->cap ? pg->cap : 256;
		void *a, *b, *c;

		while (cap < m + 1)
			cap *= 2;
		a = realloc(pg->idx, cap * sizeof *pg->idx);
		if (a)
			pg->idx = a;
		b = realloc(pg->keep_sum, cap * sizeof *pg->keep_sum);
		if (b)
			pg->keep_sum = b;
		c = realloc(pg->good_sum, cap * sizeof *pg->good_sum);
		if (c)
			pg->good_sum = c;
		if (!a || !b || !c)
			return -1;
		pg->cap = cap;
	}
	pg->keep_sum[0] = pg->good_sum[0] = 0;
	for (i = 0, m = 0; i < d->nlines; i++) {
		const struct bp_line *ln = &d->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		pg->idx[m] = (uint32_t)i;
		pg->keep_sum[m + 1] = pg->keep_sum[m] + (ln->keep == 1);
		pg->good_sum[m + 1] = pg->good_sum[m] + (BP_SHAPE_KIND(ln) == K_GOOD);
		m++;
	}
	pg->m = m;
	return 0;
}

/* ---- features ---------------------------------------------------------- */

static unsigned
words_bucket(unsigned w)
{
	static const uint8_t small[10] = {0, 1, 2, 3, 4, 5, 5, 6, 6, 6};

	if (w < 10)
		return small[w];
	return w < 15 ? 7 : w < 20 ? 8 : w < 30 ? 9 : w < 50 ? 10 : w < 80 ? 11 : 12;
}

/* A line's shape in seven classes, for the crossed features. */
static unsigned
shape_class(const struct bp_line *ln)
{
	if (BP_SHAPE_KIND(ln) != K_BAD)
		return BP_SHAPE_KIND(ln) == K_GOOD ? 2 : BP_SHAPE_KIND(ln) == K_NEAR ? 1 : 0;
	switch (BP_SHAPE_REASON(ln)) {
	case R_DATE: case R_CAPTION: case R_CREDIT: case R_SYMBOLS:
		return 3;
	case R_MARKER:
		return 5;
	case R_DUPLICATE: case R_RECURRING:
		return 6;
	default:
		return 4;
	}
}

/* A share |num|/|den| in eleven steps. */
static unsigned
tenths(uint32_t num, uint32_t den)
{
	return den ? (unsigned)((num * 10u + den / 2) / den) : 0;
}

/* The neighbour of a line: the rules' verdict and the shape of line |k|,
 * and whether a blank line stands between the two. */
static unsigned
neighbour(const struct bp_line *ln, int apart)
{
	unsigned kind = BP_SHAPE_KIND(ln) == K_GOOD ? 0 : BP_SHAPE_KIND(ln) == K_NEAR ? 1 :
	    BP_SHAPE_KIND(ln) == K_SHORT ? 2 : 3;

	return 1 + (unsigned)apart * 8 + (ln->keep == 1) * 4 + kind;
}

/* The first non-blank rank at or after line |i|. */
static size_t
rank_of(const struct bp_page *sc, size_t m, size_t i)
{
	size_t lo = 0, hi = m;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sc->idx[mid] < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* What the features of a page need beyond its lines. */
struct page_ctx {
	const struct bp_lexicon *lx;
	struct bp_topic lead;          /* the title's and the lead's content words */
	int have_lead;
	const struct bp_doc *d;
	const struct bp_page *sc;
	size_t m;                      /* non-blank lines */
	size_t ra, rb, ra2, rtop, rt, rcut;  /* ranks of the extent's lines */
	unsigned doc;                  /* the F_DOC bucket */
	int lang;
	size_t block_end;              /* rank after the current block */
	unsigned block;                /* its F_BLOCK bucket */
};

static unsigned
region(const struct page_ctx *pg, size_t j)
{
	const struct bp_extent *e = &pg->d->ext;
	size_t i = pg->sc->idx[j];

	if (!e->have_zone)
		return 0;
	if (i == e->title)
		return 1;
	if (i >= e->cut)
		return j - pg->rcut <= 5 ? 13 : 14;
	if (e->have2 && i >= e->a2 && i <= e->b2)
		return 7;
	if (i < (e->have2 ? e->a2 : e->a)) {
		if (e->title != SIZE_MAX)
			return i > e->title ? 4 : pg->rt - j <= 3 ? 2 : 3;
		return pg->rtop - j <= 3 ? 5 : 6;
	}
	if (i < e->a)
		return 15;  /* between the two zones */
	if (i <= e->b)
		return j - pg->ra <= 2 ? 8 : pg->rb - j <= 2 ? 10 : 9;
	return j - pg->rb <= 3 ? 11 : 12;
}

/* The block of non-blank lines from rank |j| on: its size and the share
 * of it that is boilerplate by its shape. */
static void
enter_block(struct page_ctx *pg, size_t j)
{
	const struct bp_page *sc = pg->sc;
	size_t k = j, bad = 0, n;
	unsigned size, share;

	do {
		bad += BP_SHAPE_KIND(&pg->d->lines[sc->idx[k]]) == K_BAD;
		k++;
	} while (k < pg->m && sc->idx[k] == sc->idx[k - 1] + 1);
	n = k - j;
	size = n <= 3 ? (unsigned)n - 1 : n <= 6 ? 3 : n <= 12 ? 4 : 5;
	share = bad == 0 ? 0 : 3 * bad < n ? 1 : 3 * bad < 2 * n ? 2 : 3;
	pg->block_end = k;
	pg->block = size * 4 + share;
}

static uint32_t
window(const uint32_t *sum, size_t m, size_t j, size_t r, uint32_t *n)
{
	size_t lo = j > r ? j - r : 0, hi = j + r + 1 < m ? j + r + 1 : m;

	*n = (uint32_t)(hi - lo - 1);
	return sum[hi] - sum[lo];
}

static void
line_features(struct page_ctx *pg, size_t j, uint16_t *f)
{
	const struct bp_page *sc = pg->sc;
	const struct bp_line *lines = pg->d->lines, *ln = &lines[sc->idx[j]];
	size_t i = sc->idx[j], k;
	unsigned wb = words_bucket(ln->words), reg = region(pg, j), stop, coarse, near;
	uint32_t n, v, self_keep = ln->keep == 1, self_good = BP_SHAPE_KIND(ln) == K_GOOD;

	if (j >= pg->block_end)
		enter_block(pg, j);
	f[F_SHAPE] = (uint16_t)(BP_SHAPE_KIND(ln) == K_BAD ? 3u + BP_SHAPE_REASON(ln) :
	    BP_SHAPE_KIND(ln) == K_GOOD ? 2 : BP_SHAPE_KIND(ln) == K_NEAR ? 1 : 0);
	f[F_VERDICT] = (uint16_t)((ln->keep == 1) * R_COUNT + ln->reason);
	f[F_WORDS] = (uint16_t)wb;
	if (pg->lang < 0) {
		stop = 0;
		coarse = 0;
	} else {
		unsigned s = ln->stop;

		stop = 1 + (s / 4 < 12 ? s / 4 : 12);
		coarse = s < 10 ? 1 : s < 25 ? 2 : 3;
	}
	f[F_STOP] = (uint16_t)stop;
	f[F_ENDING] = (uint16_t)(((ln->flags & L_TERM) != 0) | ((ln->flags & L_COLON) != 0) << 1 |
	    ((ln->flags & L_BULLET) != 0) << 2);
	f[F_MARKS] = (uint16_t)(((ln->flags & L_DATED) != 0) | ((ln->flags & L_DIGITS) != 0) << 1 |
	    ((ln->flags & L_SEPARATED) != 0) << 2 | ((ln->flags & L_WRAPPED) != 0) << 3);
	f[F_COPY] = (uint16_t)((ln->first != i ? 2 : (ln->flags & L_REPEATED) ? 1 : 0) * 3 +
	    (ln->words < 5 ? 0 : ln->words < 10 ? 1 : 2));
	f[F_REGION] = (uint16_t)reg;
	f[F_PREV] = (uint16_t)(j == 0 ? 0 : neighbour(&lines[sc->idx[j - 1]],
	    sc->idx[j - 1] + 1 != i));
	f[F_NEXT] = (uint16_t)(j + 1 >= pg->m ? 0 : neighbour(&lines[sc->idx[j + 1]],
	    sc->idx[j + 1] != i + 1));
	v = window(sc->keep_sum, pg->m, j, 4, &n) - self_keep;
	f[F_WIN_KEEP] = (uint16_t)tenths(v, n);
	v = window(sc->good_sum, pg->m, j, 4, &n) - self_good;
	f[F_WIN_GOOD] = (uint16_t)tenths(v, n);
	v = window(sc->keep_sum, pg->m, j, 15, &n) - self_keep;
	f[F_WIN_WIDE] = (uint16_t)tenths(v, n);
	f[F_BLOCK] = (uint16_t)pg->block;
	f[F_POSITION] = (uint16_t)(j * 10 / pg->m);
	/* The distance to the nearest body paragraph, up to 13 lines away. */
	near = 6;
	for (k = 0; k <= 12; k++) {
		if ((j >= k && BP_SHAPE_KIND(&lines[sc->idx[j - k]]) == K_GOOD) ||
		    (j + k < pg->m && BP_SHAPE_KIND(&lines[sc->idx[j + k]]) == K_GOOD)) {
			near = k <= 3 ? (unsigned)k : k <= 6 ? 4 : 5;
			break;
		}
	}
	f[F_NEAR_GOOD] = (uint16_t)near;
	f[F_DOC] = (uint16_t)pg->doc;
	f[F_SHAPE_REGION] = (uint16_t)(shape_class(ln) * BP_REGIONS + reg);
	f[F_VERDICT_REGION] = (uint16_t)((ln->keep == 1) * BP_REGIONS + reg);
	f[F_WORDS_STOP] = (uint16_t)(wb * 4 + coarse);
	if (!pg->have_lead) {
		f[F_TOPIC] = 12;
	} else {
		unsigned hits = 0, total = 0;

		safi_bp_topic_count(pg->lx, pg->d->base + ln->off, ln->len, &pg->lead, &hits,
		    &total);
		f[F_TOPIC] = (uint16_t)(total ? tenths(hits, total) : 11);
	}
}

void
bp_page_features(const struct bp_lexicon *lx, const struct bp_page *sp, const struct bp_doc *d,
                 int lang, void (*fn)(void *ctx, size_t j, const uint16_t *f), void *ctx)
{
	const struct bp_extent *e = &d->ext;
	struct page_ctx pg;
	uint16_t f[BP_NFEAT];
	size_t j, m = sp->m;
	unsigned size, share;

	if (m == 0)
		return;
	pg.d = d;
	pg.sc = sp;
	pg.m = m;
	pg.lang = lang;
	pg.ra = e->have_zone ? rank_of(pg.sc, m, e->a) : 0;
	pg.rb = e->have_zone ? rank_of(pg.sc, m, e->b) : 0;
	pg.ra2 = e->have2 ? rank_of(pg.sc, m, e->a2) : 0;
	pg.rtop = e->have2 ? pg.ra2 : pg.ra;
	pg.rt = e->title != SIZE_MAX ? rank_of(pg.sc, m, e->title) : 0;
	pg.rcut = rank_of(pg.sc, m, e->cut);
	size = m < 20 ? 0 : m < 50 ? 1 : m < 100 ? 2 : m < 200 ? 3 : m < 400 ? 4 : 5;
	{
		uint32_t kept = pg.sc->keep_sum[m];

		share = kept == 0 ? 0 : kept * 10 < m ? 1 : kept * 4 < m ? 2 : kept * 2 < m ? 3 : 4;
	}
	pg.doc = size * 5 + share;
	pg.block_end = 0;
	pg.block = 0;
	/* The lead: the title and the first three body paragraphs of the
	 * article. */
	pg.lx = lx;
	memset(&pg.lead, 0, sizeof pg.lead);
	pg.have_lead = e->have_zone;
	if (e->have_zone) {
		size_t i, paras = 0;

		if (e->title != SIZE_MAX)
			safi_bp_topic_add(lx, d->base + d->lines[e->title].off,
			    d->lines[e->title].len, &pg.lead);
		for (i = e->have2 ? e->a2 : e->a; i < d->nlines && paras < 3; i++)
			if (BP_SHAPE_KIND(&d->lines[i]) == K_GOOD) {
				paras++;
				safi_bp_topic_add(lx, d->base + d->lines[i].off, d->lines[i].len,
				    &pg.lead);
			}
	}
	for (j = 0; j < m; j++) {
		line_features(&pg, j, f);
		fn(ctx, j, f);
	}
}

/* ---- the score and the decoder ----------------------------------------- */

int32_t
bp_model_score(const struct bp_model *mo, int kept, const uint16_t *f)
{
	int32_t s = mo->prior[kept != 0];
	unsigned t, d;

	for (t = 0; t < mo->ntrees; t++) {
		const struct bp_tree *tr = &mo->trees[t];
		unsigned leaf = 0;

		for (d = 0; d < BP_TREE_DEPTH; d++) {
			unsigned b = f[tr->feature[d]];

			leaf |= (unsigned)(tr->mask[d][b >> 6] >> (b & 63) & 1) << d;
		}
		s += tr->leaf[leaf];
	}
	return s;
}

/* The states of the decoder: before the article, in it (kept), in a box
 * inside it (dropped), after it. */
enum { S_BEFORE, S_IN, S_BOX, S_AFTER };

#define NEG_INF (INT64_MIN / 4)

void
bp_decode_extent(const int32_t *score, size_t m, int32_t gap, uint8_t *back,
                      uint8_t *keep)
{
	int64_t v[4] = {0, NEG_INF, NEG_INF, 0}, n[4];
	size_t j;
	int s, best;

	for (j = 0; j < m; j++) {
		int64_t e = score[j];
		uint8_t bp = 0;
		int from;

		/* in: from before, in, or a box (paying its gap) */
		from = S_BEFORE;
		if (v[S_IN] >= v[from])
			from = S_IN;
		if (v[S_BOX] - gap > v[from] && v[S_BOX] > NEG_INF)
			from = S_BOX;
		n[S_IN] = (from == S_BOX ? v[S_BOX] - gap : v[from]) + e;
		bp |= (uint8_t)(from << 2);
		/* box: from in (paying its gap) or a box */
		if (v[S_IN] > NEG_INF && v[S_IN] - gap > v[S_BOX]) {
			n[S_BOX] = v[S_IN] - gap;
			bp |= (uint8_t)(S_IN << 4);
		} else {
			n[S_BOX] = v[S_BOX];
			bp |= (uint8_t)(S_BOX << 4);
		}
		/* after: from before, in or after */
		from = S_AFTER;
		if (v[S_IN] > v[from])
			from = S_IN;
		if (v[S_BEFORE] > v[from])
			from = S_BEFORE;
		n[S_AFTER] = v[from];
		bp |= (uint8_t)(from << 6);
		n[S_BEFORE] = v[S_BEFORE];  /* from before only: bp bits 0 */
		memcpy(v, n, sizeof v);
		back[j] = bp;
	}
	best = S_AFTER;
	if (v[S_IN] > v[best])
		best = S_IN;
	if (v[S_BEFORE] > v[best])
		best = S_BEFORE;
	for (j = m, s = best; j-- > 0;) {
		keep[j] = s == S_IN;
		s = (back[j] >> (2 * s)) & 3;
	}
}
