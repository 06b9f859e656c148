/*
 * bp-model.h - the line features, the tree scorer and the extent decoder
 * of tools/bp-train: a learned line scorer for strip-boilerplate, measured
 * against its rules on labelled sets it was not trained on (see
 * tools/bp-train.c; `make bp-validate` runs the validation).
 *
 * A non-blank line of a page that the rules of the library have judged is
 * described by BP_NFEAT small integers: its shape, the rules' verdict and
 * reason, its neighbours, its block, where it stands against the title,
 * the body zone and the cut.  Gradient-boosted oblivious trees over them
 * give a score, the log-odds that the line is content; the article's
 * extent is decoded over the whole page from the scores.
 */
#ifndef SAFI_BP_MODEL_H
#define SAFI_BP_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "boilerplate_stages.h"

/* The features of a non-blank line, each a small integer below its
 * count of buckets (bp_feature_buckets). */
enum bp_feature {
	F_SHAPE,          /* kind, or the reason of a line bad by its shape */
	F_VERDICT,        /* the rules' verdict and reason */
	F_WORDS,          /* words, in 13 steps */
	F_STOP,           /* stop-word share in the document's language */
	F_ENDING,         /* sentence end, colon, list item */
	F_MARKS,          /* a date or time, digits, menu separators, wrapped text */
	F_COPY,           /* unique, first of copies, a later copy; by length */
	F_REGION,         /* against the title, the zones and the cut */
	F_PREV, F_NEXT,   /* the nearest non-blank neighbours: verdict, kind, apart */
	F_WIN_KEEP,       /* kept by the rules among 4 lines either side */
	F_WIN_GOOD,       /* body paragraphs among 4 lines either side */
	F_WIN_WIDE,       /* kept by the rules among 15 lines either side */
	F_BLOCK,          /* the run of lines without a blank: size, boilerplate share */
	F_POSITION,       /* tenth of the page */
	F_NEAR_GOOD,      /* lines to the nearest body paragraph */
	F_DOC,            /* the page: lines, share kept by the rules */
	F_SHAPE_REGION,   /* crossed: shape class and region */
	F_VERDICT_REGION, /* crossed: the rules' verdict and region */
	F_WORDS_STOP,     /* crossed: words and stop-word share */
	F_TOPIC,          /* share of its content words in the title and lead */
	BP_NFEAT
};

#define BP_REGIONS 16

/* The buckets of each feature, in the order of enum bp_feature. */
#define BP_BUCKETS_LIST \
	(3 + R_COUNT), (2 * R_COUNT), 13, 14, 8, 16, 9, BP_REGIONS, 18, 18, 11, 11, 11, 24, 10, \
	7, 30, (7 * BP_REGIONS), (2 * BP_REGIONS), (13 * 4), 13
extern const unsigned bp_feature_buckets[BP_NFEAT];
extern const char *const bp_feature_names[BP_NFEAT];

/* Scores are log-odds in fixed point: BP_SCORE_ONE is 1.0. */
#define BP_SCORE_ONE 1024
#define BP_FORCED_DROP (-(1 << 28))  /* a line never kept */
#define BP_FORCED_KEEP (1 << 28)     /* a line always kept */

/*
 * A model: gradient-boosted oblivious trees over the features.  Each tree
 * asks BP_TREE_DEPTH questions, the same ones whatever the answers before
 * ("is feature k of the line in this set of buckets?"), and the answers,
 * as bits, pick one of its leaves; the line's score is the prior of the
 * rules' verdict plus the leaves its features pick.
 */
#define BP_TREE_DEPTH 4
#define BP_TREE_LEAVES (1 << BP_TREE_DEPTH)
#define BP_MAX_BUCKETS 128

struct bp_tree {
	uint8_t feature[BP_TREE_DEPTH];
	uint64_t mask[BP_TREE_DEPTH][BP_MAX_BUCKETS / 64];  /* buckets that answer 1 */
	int16_t leaf[BP_TREE_LEAVES];
};

struct bp_model {
	const struct bp_tree *trees;
	unsigned ntrees;
	int32_t prior[2];   /* the score to start from: lines the rules drop, keep */
	int32_t gap;        /* the cost of a box inside the article (the decoder's) */
};

/* What the features of a page need: its non-blank lines and prefix sums
 * over them, grown as needed; zero it before the first use. */
struct bp_page {
	size_t cap, m;
	uint32_t *idx;        /* line index of each non-blank line */
	uint32_t *keep_sum;   /* kept by the rules, lines [0, j) */
	uint32_t *good_sum;   /* body paragraphs by their shape */
};

void bp_page_free(struct bp_page *pg);
/* Reads the non-blank lines of a decoded page into |pg| (pg->m of them).
 * Returns 0 or -1 when out of memory. */
int bp_page_begin(struct bp_page *pg, const struct bp_doc *d);
/* Calls |fn| with the features of each non-blank line in turn, after
 * bp_page_begin(); |lx| is the lexicon the page was judged with. */
void bp_page_features(const struct bp_lexicon *lx, const struct bp_page *pg,
                      const struct bp_doc *d, int lang,
                      void (*fn)(void *ctx, size_t j, const uint16_t *f), void *ctx);
/* The score of a line of features |f| that the rules kept (|kept|) or
 * dropped. */
int32_t bp_model_score(const struct bp_model *mo, int kept, const uint16_t *f);
/* The article's extent over |m| line scores: keep[j] is 1 for a line in
 * the article, 0 for one before, after or in a box, on the path through
 * four states (before the article, in it, in a box inside it, after it)
 * that earns the most score less |gap| for each move into or out of a
 * box.  |back| has room for m bytes. */
void bp_decode_extent(const int32_t *score, size_t m, int32_t gap, uint8_t *back,
                      uint8_t *keep);

#endif
