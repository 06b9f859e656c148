/*
 * test_bp_model.c - the features, the tree scorer and the extent decoder
 * of tools/bp-train: the decoder on score sequences written by hand, the
 * score of a tree on features written by hand, and the features of a
 * small page that the rules have judged.
 */
#include <stdlib.h>
#include <string.h>

#include "boilerplate_stages.h"
#include "bp-model.h"
#include "safi.h"
#include "tap.h"

#define ONE BP_SCORE_ONE

/* Decodes |n| scores with |gap| and returns the path as K (in the article)
 * and d (out of it). */
static const char *
extent(const int32_t *score, size_t n, int32_t gap)
{
	static char out[64];
	uint8_t back[64], keep[64];
	size_t i;

	bp_decode_extent(score, n, gap, back, keep);
	for (i = 0; i < n; i++)
		out[i] = keep[i] ? 'K' : 'd';
	out[n] = '\0';
	return out;
}

static void
test_decoder(void)
{
	static const int32_t all[] = {ONE, 2 * ONE, ONE};
	static const int32_t dip[] = {5 * ONE, -ONE, 5 * ONE};
	static const int32_t lone[] = {2 * ONE, -10 * ONE, -10 * ONE, ONE};
	static const int32_t forced[] = {5 * ONE, BP_FORCED_DROP, 5 * ONE};
	static const int32_t none[] = {-ONE, -2 * ONE};
	static const int32_t kept[] = {-ONE, BP_FORCED_KEEP, -ONE};

	CHECK(strcmp(extent(all, 3, 0), "KKK") == 0);
	CHECK(strcmp(extent(none, 2, 0), "dd") == 0);
	/* Without a cost, each line goes by its own score. */
	CHECK(strcmp(extent(dip, 3, 0), "KdK") == 0);
	/* A box costs twice the gap (leaving and resuming): a weak line
	 * between two strong ones is kept. */
	CHECK(strcmp(extent(dip, 3, 3 * ONE), "KKK") == 0);
	/* The article starts and ends anywhere for free, but a second part
	 * far away is not worth two gaps. */
	CHECK(strcmp(extent(lone, 4, 3 * ONE), "Kddd") == 0);
	CHECK(strcmp(extent(lone, 4, 0), "KddK") == 0);
	/* A forced drop is never kept, whatever it costs. */
	CHECK(strcmp(extent(forced, 3, ONE), "KdK") == 0);
	/* A forced keep is always kept, and its weak neighbours are not. */
	CHECK(strcmp(extent(kept, 3, ONE), "dKd") == 0);
	/* No lines: nothing to do. */
	CHECK(strcmp(extent(all, 0, ONE), "") == 0);
}

static void
test_score(void)
{
	/* One tree: the first question is "20 words or more?", the others
	 * ask nothing (an empty set of buckets). */
	static struct bp_tree tree;
	struct bp_model mo = {&tree, 1, {-ONE, ONE}, 0};
	uint16_t f[BP_NFEAT];
	unsigned b, l;

	memset(&tree, 0, sizeof tree);
	tree.feature[0] = F_WORDS;
	for (b = 9; b < 13; b++)
		tree.mask[0][0] |= 1ull << b;
	for (l = 0; l < BP_TREE_LEAVES; l++)
		tree.leaf[l] = (int16_t)(l == 1 ? 3 * ONE : l == 0 ? -ONE / 2 : 0);
	memset(f, 0, sizeof f);
	f[F_WORDS] = 10;
	CHECK(bp_model_score(&mo, 0, f) == 2 * ONE);
	CHECK(bp_model_score(&mo, 1, f) == 4 * ONE);
	f[F_WORDS] = 3;
	CHECK(bp_model_score(&mo, 0, f) == -ONE - ONE / 2);
	/* No trees: the prior of the rules' verdict alone. */
	mo.ntrees = 0;
	CHECK(bp_model_score(&mo, 1, f) == ONE);
}

/* A small page: a menu, a title, a date, three paragraphs, a share row,
 * a footer. */
static const char *const page[] = {
	"Home | World | Sport | Weather",
	"",
	"Council votes to open the river path to cyclists",
	"",
	"June 3, 2024",
	"",
	"The town council voted on Monday to open the path along the river to cyclists, after "
	    "a year of talks with the people who walk there every day.",
	"",
	"The path will get a second lane in the spring, and the old bridge will be mended "
	    "before the first riders come, the council said in a statement.",
	"",
	"People who walk their dogs along the river said they were glad the talks were over, "
	    "though some of them still fear the bikes will come too fast.",
	"",
	"Share this story",
	"",
	"All rights reserved",
};
#define PAGE_LINES (sizeof page / sizeof page[0])

static struct safi_boilerplate *
classify(struct bp_doc **d, int *lang)
{
	struct safi_boilerplate_opts o;
	struct safi_boilerplate *bp;
	size_t i;

	safi_boilerplate_opts_default(&o);
	CHECK(safi_boilerplate_new(&bp, &o) == 0);
	for (i = 0; i < PAGE_LINES; i++)
		CHECK(safi_boilerplate_add_line(bp, page[i], strlen(page[i]), i + 1) == 0);
	CHECK(safi_bp_end_document_rules(bp, d, lang) == 0);
	return bp;
}

struct seen {
	size_t n;
	uint16_t f[PAGE_LINES][BP_NFEAT];
};

static void
take(void *ctx, size_t j, const uint16_t *f)
{
	struct seen *s = ctx;

	CHECK(j == s->n);
	memcpy(s->f[s->n++], f, sizeof s->f[0]);
}

static void
test_features(void)
{
	struct bp_lexicon lex;
	struct bp_doc *d;
	struct bp_page pg;
	struct seen s;
	size_t j;
	unsigned k;
	int lang;
	struct safi_boilerplate *bp = classify(&d, &lang);

	memset(&pg, 0, sizeof pg);
	CHECK(bp_page_begin(&pg, d) == 0);
	CHECK(pg.m == 8);
	s.n = 0;
	memset(&lex, 0, sizeof lex);
	CHECK(safi_bp_lexicon_init(&lex, 0) == 0);
	bp_page_features(&lex, &pg, d, lang, take, &s);
	CHECK(s.n == pg.m);
	for (j = 0; j < s.n; j++)
		for (k = 0; k < BP_NFEAT; k++)
			CHECK(s.f[j][k] < bp_feature_buckets[k]);
	/* Line 3 is the title (region 1); lines 7 to 11 are the zone, its
	 * first line near its start (8). */
	CHECK(pg.idx[1] == 2);
	CHECK(s.f[1][F_REGION] == 1);
	CHECK(s.f[3][F_REGION] == 8);
	/* Below the zone: the share row and the footer. */
	CHECK(s.f[6][F_REGION] == 11);
	/* The menu is the first of the page, alone in its block; the rules
	 * drop it, and keep the paragraphs. */
	CHECK(s.f[0][F_POSITION] == 0);
	CHECK(s.f[0][F_PREV] == 0);
	CHECK(s.f[0][F_BLOCK] / 4 == 0);
	CHECK(s.f[0][F_VERDICT] == R_MENU);
	CHECK(s.f[3][F_VERDICT] == R_COUNT + R_BODY);
	CHECK(s.f[3][F_SHAPE] == 2);
	/* The date, dropped by its shape, and its neighbours: the title
	 * (kept, a near line) and the first paragraph (kept, a body
	 * paragraph), each a blank line away. */
	CHECK(s.f[2][F_SHAPE] == 3 + R_DATE);
	CHECK(s.f[2][F_PREV] == 1 + 8 + 4 + 1);
	CHECK(s.f[2][F_NEXT] == 1 + 8 + 4 + 0);
	/* A paragraph's nearest body paragraph is itself; the menu's is three
	 * non-blank lines away. */
	CHECK(s.f[4][F_NEAR_GOOD] == 0);
	CHECK(s.f[0][F_NEAR_GOOD] == 3);
	/* The paragraphs are the lead, all their words in it; the menu
	 * shares none of its words with it. */
	CHECK(s.f[4][F_TOPIC] == 10);
	CHECK(s.f[0][F_TOPIC] == 0);
	safi_bp_lexicon_free(&lex);
	bp_page_free(&pg);
	safi_boilerplate_free(bp);
}

int
main(void)
{
	test_decoder();
	test_score();
	test_features();
	return tap_done();
}
