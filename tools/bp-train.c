/*
 * bp-train - trains a learned line scorer for strip-boilerplate and
 * validates it against the rules, across data sets.
 *
 * Usage:
 *   bp-train [OPTIONS] DATADIR
 *
 * DATADIR holds one folder per data set, each with <id>.txt (a page as
 * text, one block per line) and <id>.labels (one label per line of the
 * page, the first tab field: C content, B boilerplate, anything else not
 * scored), and optionally manifest.tsv (id TAB url ..., with a header
 * line), whose URLs split a set into two halves by site.
 *
 * Every page goes through the rules of the library, as strip-boilerplate
 * runs them on one page alone, and each non-blank line is described by
 * the features of bp-model.h (its shape, the rules' verdict and reason,
 * its neighbours, its block, where it stands against the title, the body
 * zone and the cut).  The model starts from the rules' verdict (the
 * log-odds of content among the lines they keep and among those they
 * drop) and learns where they are wrong: gradient-boosted oblivious trees
 * of depth BP_TREE_DEPTH, fitted to the log-loss with a Newton step per
 * leaf, an L2 penalty and a learning rate; the lines of a large set weigh
 * less than those of a small one (-b).  The threshold (a shift of the scores) and the decoder's
 * box cost are then chosen on the training pages so that the set that
 * gains least over the rules gains most (-m: the mean line F1 instead).
 * The article's extent is decoded over each page from the line scores
 * (bp_decode_extent()).
 *
 * Without -V it trains on every set and compares the model with the rules
 * on the same pages (in sample).  With -V it validates: leave one set out
 * (train on the others, measure on it) and half splits by site (train on
 * one half of every set, measure on the other half, both ways).  The rules
 * were written looking at all of these sets, so they are measured in
 * sample every time: a model has to beat them on pages it has not seen.
 *
 * Options:
 *   -s SETS        comma-separated folders of DATADIR (default: every
 *                  folder, in name order)
 *   -V             validate, as above
 *   -r ROUNDS      trees (default 50)
 *   -l LAMBDA      L2 penalty of a leaf, in lines (default 2000)
 *   -e RATE        learning rate (default 0.3)
 *   -b BALANCE     the lines of a set of n lines weigh n^-BALANCE each
 *                  (default 0.5; 1: each set weighs the same, 0: each line)
 *   -I             invariant: a tree asks only the question that gains on
 *                  every training set, and a leaf corrects only where every
 *                  set asks for a correction of the same sign (the smallest)
 *   -D b|k|d       the model may keep and drop against the rules (b), only
 *                  keep lines they drop (k), or only drop lines they keep (d)
 *   -g GAP         the decoder's box cost, fixed (log-odds)
 *   -t SHIFT       the threshold, fixed (log-odds)
 *   -x FEATURES    comma-separated features to leave out (bp-model.c names)
 *   -k REASONS     comma-separated reasons of the rules (--explain names)
 *                  whose verdicts stand: the model neither learns from nor
 *                  changes those lines
 *   -m             choose the threshold for the mean line F1 of the sets
 *   -p             print each page where the model and the rules differ
 *
 * Scores: line and character F1 over the lines labelled C or B, counted as
 * the evaluation's scorer counts them (characters: the non-white-space
 * ones).
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boilerplate_stages.h"
#include "bp-model.h"
#include "safi.h"

#define MAXSETS 16

struct row {
	uint16_t f[BP_NFEAT];
	int8_t label;     /* 1 content, 0 boilerplate, -1 not scored */
	uint8_t rule;     /* kept by the rules */
	uint8_t forced;   /* never kept */
	uint32_t chars;   /* non-white-space characters */
};

struct doc {
	char *id;
	size_t first, n;  /* its rows */
	int set;
	int half;         /* by the site of its URL */
};

static struct row *rows;
static size_t nrows, caprows;
static struct doc *docs;
static size_t ndocs, capdocs;
static char *set_names[MAXSETS];
static int nsets;

static int rounds = 50;
static int excluded[BP_NFEAT];   /* features left out of the model */
static double lambda = 2000, rate = 0.3, balance = 0.5;

static void
die(const char *msg, const char *what)
{
	fprintf(stderr, "bp-train: %s%s%s\n", msg, what ? ": " : "", what ? what : "");
	exit(1);
}

/* A bad argument of an option: a usage error. */
static void
bad_arg(const char *msg, const char *what)
{
	fprintf(stderr, "bp-train: %s: %s\n", msg, what);
	exit(2);
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		die("out of memory", NULL);
	return p;
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, k;

	if (f == NULL)
		return NULL;
	do {
		if (n == cap)
			buf = xrealloc(buf, (cap = cap ? 2 * cap : 65536) + 1);
		k = fread(buf + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	if (ferror(f))
		die("cannot read", path);
	fclose(f);
	if (buf == NULL)
		buf = xrealloc(NULL, 1);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Non-white-space characters, as Python's str.isspace() sees white space. */
static uint32_t
nonspace(const char *p, size_t n)
{
	uint32_t c = 0;
	size_t i = 0;

	while (i < n) {
		size_t k = 1;
		int32_t cp = safi_utf8_decode(p + i, n - i, &k);

		if (k == 0)
			k = 1;
		i += k;
		if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F) ||
		    cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000)
			continue;
		c++;
	}
	return c;
}

/* The half of a set a page falls in: by its site, else by its id. */
static int
half_of(const char *url, const char *id)
{
	const char *h = url ? strstr(url, "://") : NULL, *e;
	uint32_t x = 2166136261u;

	if (h) {
		h += 3;
		if (strncmp(h, "www.", 4) == 0)
			h += 4;
		for (e = h; *e && *e != '/' && *e != ':' && *e != '\t'; e++)
			;
	} else {
		h = id;
		e = id + strlen(id);
	}
	for (; h < e; h++)
		x = (x ^ (unsigned char)*h) * 16777619u;
	return (int)(x >> 7 & 1);
}

/* path = dir/name, or the end. */
static void
make_path(char *path, size_t size, const char *dir, const char *name, const char *suffix)
{
	int n = snprintf(path, size, "%s/%s%s", dir, name, suffix);

	if (n < 0 || (size_t)n >= size)
		die("path too long", name);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The offset of each feature's table in the weights. */
static unsigned base[BP_NFEAT];

static void
take_row(void *ctx, size_t j, const uint16_t *f)
{
	struct row *r;
	unsigned k;

	(void)ctx;
	(void)j;
	if (nrows == caprows)
		rows = xrealloc(rows, (caprows = caprows ? 2 * caprows : 65536) * sizeof *rows);
	r = &rows[nrows++];
	for (k = 0; k < BP_NFEAT; k++) {
		if (f[k] >= bp_feature_buckets[k])
			die("feature out of range", bp_feature_names[k]);
		r->f[k] = f[k];
	}
}

static struct bp_page page;
static struct bp_lexicon lexicon;   /* the classifier's, built again */

static void
load_set(struct safi_boilerplate *bp, const char *dir, int set)
{
	DIR *dh = opendir(dir);
	struct dirent *de;
	char **ids = NULL, *manifest;
	size_t nids = 0, capids = 0, mlen, k;
	char path[4096];

	if (dh == NULL)
		die("cannot open", dir);
	while ((de = readdir(dh)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n > 7 && strcmp(de->d_name + n - 7, ".labels") == 0) {
			if (nids == capids)
				ids = xrealloc(ids, (capids = capids ? 2 * capids : 256) * sizeof *ids);
			ids[nids] = xrealloc(NULL, n - 6);
			memcpy(ids[nids], de->d_name, n - 7);
			ids[nids++][n - 7] = '\0';
		}
	}
	closedir(dh);
	qsort(ids, nids, sizeof *ids, by_name);
	make_path(path, sizeof path, dir, "manifest.tsv", "");
	manifest = read_file(path, &mlen);
	for (k = 0; k < nids; k++) {
		char *text, *labels, *url = NULL;
		size_t tlen, llen, i, nl = 0, ln0;
		const char *p, *lp;
		struct bp_doc *d;
		size_t m, j, first = nrows;
		int lang, err;

		make_path(path, sizeof path, dir, ids[k], ".txt");
		if ((text = read_file(path, &tlen)) == NULL)
			die("cannot read", path);
		make_path(path, sizeof path, dir, ids[k], ".labels");
		if ((labels = read_file(path, &llen)) == NULL)
			die("cannot read", path);
		/* The lines of the page, '\n' apart; the last may lack it. */
		for (p = text, ln0 = 0; p < text + tlen; ln0++) {
			const char *e = memchr(p, '\n', (size_t)(text + tlen - p));

			if (e == NULL)
				e = text + tlen;
			if (safi_boilerplate_add_line(bp, p, (size_t)(e - p), ln0 + 1) < 0)
				die("cannot classify", path);
			p = e + 1;
			nl++;
		}
		if ((err = safi_bp_end_document_rules(bp, &d, &lang)) < 0 ||
		    bp_page_begin(&page, d) < 0)
			die("cannot classify", path);
		m = page.m;
		bp_page_features(&lexicon, &page, d, lang, take_row, NULL);
		/* Labels, verdicts and characters of the rows taken. */
		{
			char *lab = xrealloc(NULL, nl + 1);

			memset(lab, '-', nl);
			for (lp = labels, i = 0; lp < labels + llen && i < nl; i++) {
				const char *e = memchr(lp, '\n', (size_t)(labels + llen - lp));

				lab[i] = *lp;
				if (e == NULL)
					break;
				lp = e + 1;
			}
			for (j = 0; j < m; j++) {
				size_t li = page.idx[j];
				const struct bp_line *ln = &d->lines[li];
				struct row *r = &rows[first + j];

				r->label = lab[li] == 'C' ? 1 : lab[li] == 'B' ? 0 : -1;
				r->rule = ln->keep == 1;
				r->forced = BP_SHAPE_KIND(ln) == K_BAD && BP_SHAPE_REASON(ln) == R_RECURRING;
				r->chars = nonspace(d->base + ln->off, ln->len);
			}
			free(lab);
		}
		if (manifest) {
			size_t idn = strlen(ids[k]);
			char *q = manifest;

			while ((q = strstr(q, ids[k])) != NULL) {
				if ((q == manifest || q[-1] == '\n') && q[idn] == '\t') {
					url = q + idn + 1;
					break;
				}
				q += idn;
			}
		}
		if (ndocs == capdocs)
			docs = xrealloc(docs, (capdocs = capdocs ? 2 * capdocs : 1024) * sizeof *docs);
		docs[ndocs].first = first;
		docs[ndocs].n = m;
		docs[ndocs].set = set;
		docs[ndocs].half = half_of(url, ids[k]);
		docs[ndocs].id = ids[k];
		ndocs++;
		free(text);
		free(labels);
	}
	free(ids);
	free(manifest);
}

/* ---- training ---------------------------------------------------------- */

/* Features whose buckets are in order (a count, a share, a distance):
 * their questions are thresholds; the others' buckets are sorted by
 * their gradients first, as a categorical split. */
static int
ordinal(unsigned k)
{
	return k == F_WORDS || k == F_STOP || k == F_WIN_KEEP || k == F_WIN_GOOD ||
	    k == F_WIN_WIDE || k == F_POSITION || k == F_NEAR_GOOD;
}

struct ftree {
	unsigned feature[BP_TREE_DEPTH];
	uint64_t mask[BP_TREE_DEPTH][BP_MAX_BUCKETS / 64];
	double leaf[BP_TREE_LEAVES];
};

#define MAXTREES 1000

struct fmodel {
	struct ftree trees[MAXTREES];
	unsigned ntrees;
	double prior[2];   /* by the rules' verdict: dropped, kept */
};

static unsigned nbuckets_all;   /* the sum of the buckets of the features */

struct order {
	double key;
	unsigned b;
};

static int
by_key(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key ? 1 : (int)x->b - (int)y->b;
}

/* The rules' reasons whose verdicts stand whatever the model says (-k). */
static int fixed_reason[R_COUNT];

static int
fixed_row(const struct row *r)
{
	return fixed_reason[r->f[F_VERDICT] % R_COUNT];
}

/* With |invariant|, a tree asks only what helps every training set, and a
 * leaf corrects only where every set asks for the same correction. */
static int invariant;

/* The set of row |i|. */
static int
docs_set_of_row(size_t i)
{
	size_t lo = 0, hi = ndocs;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (docs[mid].first <= i)
			lo = mid;
		else
			hi = mid;
	}
	return docs[lo].set;
}

/* Fits |fm| to the scored rows of the pages with use[doc] set. */
static void
train(const char *use, struct fmodel *fm)
{
	size_t *sel, nsel = 0, d, i, r;
	double *wt, *margin, *gr, *hs, count[MAXSETS] = {0}, setw[MAXSETS], total = 0;
	double *G, *H;
	uint8_t *leaf, *grp;
	int round, s;
	unsigned k, b, depth, l;

	sel = xrealloc(NULL, nrows * sizeof *sel);
	for (d = 0; d < ndocs; d++) {
		if (!use[d])
			continue;
		for (i = docs[d].first; i < docs[d].first + docs[d].n; i++)
			if (rows[i].label >= 0 && !rows[i].forced && !fixed_row(&rows[i])) {
				sel[nsel++] = i;
				count[docs[d].set]++;
			}
	}
	wt = xrealloc(NULL, nsel * sizeof *wt);
	margin = xrealloc(NULL, nsel * sizeof *margin);
	gr = xrealloc(NULL, nsel * sizeof *gr);
	hs = xrealloc(NULL, nsel * sizeof *hs);
	leaf = xrealloc(NULL, nsel);
	G = xrealloc(NULL, MAXSETS * BP_TREE_LEAVES * nbuckets_all * sizeof *G);
	H = xrealloc(NULL, MAXSETS * BP_TREE_LEAVES * nbuckets_all * sizeof *H);
	grp = xrealloc(NULL, nsel);
	for (s = 0; s < nsets; s++)
		setw[s] = count[s] > 0 ? pow(count[s], -balance) : 0;
	{
		size_t at = 0;

		for (d = 0; d < ndocs; d++) {
			if (!use[d])
				continue;
			for (i = docs[d].first; i < docs[d].first + docs[d].n; i++)
				if (rows[i].label >= 0 && !rows[i].forced && !fixed_row(&rows[i])) {
					wt[at] = setw[docs[d].set];
					total += wt[at];
					at++;
				}
		}
	}
	for (r = 0; r < nsel; r++)
		wt[r] *= (double)nsel / total;
	memset(fm, 0, sizeof *fm);
	/* The rules' verdict is the prior: the log-odds of content among the
	 * lines they keep and among those they drop.  The trees learn where
	 * the rules are wrong. */
	{
		double kp[2] = {1, 1}, kn[2] = {1, 1};

		for (r = 0; r < nsel; r++) {
			const struct row *rw = &rows[sel[r]];

			if (rw->label)
				kp[rw->rule] += wt[r];
			else
				kn[rw->rule] += wt[r];
		}
		fm->prior[0] = log(kp[0] / kn[0]);
		fm->prior[1] = log(kp[1] / kn[1]);
	}
	for (r = 0; r < nsel; r++)
		margin[r] = fm->prior[rows[sel[r]].rule];
	for (r = 0; r < nsel; r++)
		grp[r] = invariant ? (uint8_t)docs_set_of_row(sel[r]) : 0;
	for (round = 0; round < rounds && round < MAXTREES; round++) {
		struct ftree *tr = &fm->trees[fm->ntrees++];
		static double lg[MAXSETS][BP_TREE_LEAVES], lh[MAXSETS][BP_TREE_LEAVES];
		unsigned ng = invariant ? (unsigned)nsets : 1, gi;
		int has[MAXSETS];

		memset(tr, 0, sizeof *tr);
		for (r = 0; r < nsel; r++) {
			double p = 1 / (1 + exp(-margin[r]));

			gr[r] = wt[r] * (p - rows[sel[r]].label);
			hs[r] = wt[r] * p * (1 - p);
			leaf[r] = 0;
		}
		for (depth = 0; depth < BP_TREE_DEPTH; depth++) {
			unsigned nl = 1u << depth, bestk = 0, bestn = 0, p;
			struct order ord[BP_MAX_BUCKETS], best_ord[BP_MAX_BUCKETS];
			double best = 0;

			memset(G, 0, ng * nl * nbuckets_all * sizeof *G);
			memset(H, 0, ng * nl * nbuckets_all * sizeof *H);
			for (r = 0; r < nsel; r++) {
				const struct row *rw = &rows[sel[r]];
				size_t at = ((size_t)grp[r] * nl + leaf[r]) * nbuckets_all;

				for (k = 0; k < BP_NFEAT; k++) {
					G[at + base[k] + rw->f[k]] += gr[r];
					H[at + base[k] + rw->f[k]] += hs[r];
				}
			}
			for (gi = 0; gi < ng; gi++)
				for (l = 0; l < nl; l++) {
					size_t at = ((size_t)gi * nl + l) * nbuckets_all;

					lg[gi][l] = lh[gi][l] = 0;
					for (b = 0; b < bp_feature_buckets[0]; b++) {
						lg[gi][l] += G[at + b];
						lh[gi][l] += H[at + b];
					}
				}
			for (gi = 0; gi < ng; gi++) {
				has[gi] = 0;
				for (l = 0; l < nl; l++)
					has[gi] |= lh[gi][l] > 0;
			}
			for (k = 0; k < BP_NFEAT; k++) {
				unsigned nb = bp_feature_buckets[k];
				static double cg[MAXSETS][BP_TREE_LEAVES], ch[MAXSETS][BP_TREE_LEAVES];

				if (excluded[k])
					continue;
				for (b = 0; b < nb; b++) {
					double sg = 0, sh = 0;

					for (gi = 0; gi < ng; gi++)
						for (l = 0; l < nl; l++) {
							size_t at = ((size_t)gi * nl + l) * nbuckets_all;

							sg += G[at + base[k] + b];
							sh += H[at + base[k] + b];
						}
					ord[b].b = b;
					ord[b].key = ordinal(k) ? b : sg / (sh + lambda);
				}
				qsort(ord, nb, sizeof *ord, by_key);
				memset(cg, 0, sizeof cg);
				memset(ch, 0, sizeof ch);
				for (p = 0; p + 1 < nb; p++) {
					double gain = invariant ? 1e300 : 0;

					for (gi = 0; gi < ng; gi++) {
						double gg = 0;

						if (!has[gi])
							continue;  /* a set left out */
						for (l = 0; l < nl; l++) {
							size_t at = ((size_t)gi * nl + l) * nbuckets_all;
							double gl, hl, gr2, hr;

							cg[gi][l] += G[at + base[k] + ord[p].b];
							ch[gi][l] += H[at + base[k] + ord[p].b];
							gl = cg[gi][l];
							hl = ch[gi][l];
							gr2 = lg[gi][l] - gl;
							hr = lh[gi][l] - hl;
							gg += gl * gl / (hl + lambda) + gr2 * gr2 / (hr + lambda) -
							    lg[gi][l] * lg[gi][l] / (lh[gi][l] + lambda);
						}
						/* Invariant: what every set gains. */
						if (invariant)
							gain = gg < gain ? gg : gain;
						else
							gain += gg;
					}
					if (gain > best && gain < 1e299) {
						best = gain;
						bestk = k;
						bestn = p + 1;
						memcpy(best_ord, ord, nb * sizeof *ord);
					}
				}
			}
			tr->feature[depth] = bestk;
			/* The buckets after the best prefix answer 1; with no
			 * gain, none does, and the question splits nothing. */
			if (best > 0)
				for (p = bestn; p < bp_feature_buckets[bestk]; p++) {
					b = best_ord[p].b;
					tr->mask[depth][b >> 6] |= 1ull << (b & 63);
				}
			for (r = 0; r < nsel; r++) {
				b = rows[sel[r]].f[bestk];
				leaf[r] |= (uint8_t)((tr->mask[depth][b >> 6] >> (b & 63) & 1) << depth);
			}
		}
		memset(lg, 0, sizeof lg);
		memset(lh, 0, sizeof lh);
		for (r = 0; r < nsel; r++) {
			lg[grp[r]][leaf[r]] += gr[r];
			lh[grp[r]][leaf[r]] += hs[r];
		}
		for (l = 0; l < BP_TREE_LEAVES; l++) {
			double v = 0, sg = 0, sh = 0;
			int sign = 0, agree = 1;

			for (gi = 0; gi < ng; gi++) {
				double vg;

				sg += lg[gi][l];
				sh += lh[gi][l];
				if (!invariant || lh[gi][l] == 0)
					continue;
				/* Invariant: a correction that every set asks
				 * for, as small as the smallest. */
				vg = -lg[gi][l] / (lh[gi][l] + lambda);
				if (sign == 0) {
					sign = vg > 0 ? 1 : -1;
					v = vg;
				} else if ((vg > 0 ? 1 : -1) != sign) {
					agree = 0;
				} else if (fabs(vg) < fabs(v)) {
					v = vg;
				}
			}
			if (!invariant)
				v = -sg / (sh + lambda);
			else if (!agree)
				v = 0;
			tr->leaf[l] = rate * v;
		}
		for (r = 0; r < nsel; r++)
			margin[r] += tr->leaf[leaf[r]];
	}
	free(sel);
	free(wt);
	free(margin);
	free(gr);
	free(hs);
	free(leaf);
	free(grp);
	free(G);
	free(H);
}

/* ---- scoring ----------------------------------------------------------- */

struct counts {
	double tp, fp, fn, ctp, cfp, cfn;
};

static void
count_row(struct counts *c, const struct row *r, int kept)
{
	if (r->label < 0)
		return;
	if (kept && r->label) {
		c->tp++;
		c->ctp += r->chars;
	} else if (kept) {
		c->fp++;
		c->cfp += r->chars;
	} else if (r->label) {
		c->fn++;
		c->cfn += r->chars;
	}
}

static double
f1(double tp, double fp, double fn)
{
	return tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
}

struct model {
	struct bp_tree trees[MAXTREES];
	struct bp_model m;
	double t;
};

/* The integer model of |fm|, its prior moved by |t| (log-odds). */
static void
quantize(const struct fmodel *fm, double t, int32_t gap, struct model *mo)
{
	unsigned i, d, l;

	for (i = 0; i < fm->ntrees; i++) {
		struct bp_tree *q = &mo->trees[i];

		memset(q, 0, sizeof *q);
		for (d = 0; d < BP_TREE_DEPTH; d++) {
			q->feature[d] = (uint8_t)fm->trees[i].feature[d];
			memcpy(q->mask[d], fm->trees[i].mask[d], sizeof q->mask[d]);
		}
		for (l = 0; l < BP_TREE_LEAVES; l++) {
			double v = round(fm->trees[i].leaf[l] * BP_SCORE_ONE);

			q->leaf[l] = (int16_t)(v > 32767 ? 32767 : v < -32767 ? -32767 : v);
		}
	}
	mo->m.trees = mo->trees;
	mo->m.ntrees = fm->ntrees;
	mo->m.prior[0] = (int32_t)lround((fm->prior[0] + t) * BP_SCORE_ONE);
	mo->m.prior[1] = (int32_t)lround((fm->prior[1] + t) * BP_SCORE_ONE);
	mo->m.gap = gap;
	mo->t = t;
}

static int32_t *score_buf;
static int report_docs;
static int pages;         /* -p: print the held-out pages where the model and the rules differ */
static int direction = 'b';   /* the model may keep and drop ('b'), drop ('d') or keep ('k') */
static uint8_t *back_buf, *keep_buf;

/* Scores and decodes the pages with use[doc] set, adding to c[set]. */
static void
run_model(const char *use, const struct bp_model *mo, struct counts *c)
{
	size_t d, j;

	for (d = 0; d < ndocs; d++) {
		const struct row *rw = &rows[docs[d].first];

		if (!use[d])
			continue;
		for (j = 0; j < docs[d].n; j++)
			score_buf[j] = rw[j].forced ? BP_FORCED_DROP :
			    fixed_row(&rw[j]) ? (rw[j].rule ? BP_FORCED_KEEP : BP_FORCED_DROP) :
			    bp_model_score(mo, rw[j].rule, rw[j].f);
		bp_decode_extent(score_buf, docs[d].n, mo->gap, back_buf, keep_buf);
		/* A model that may only drop, or only keep, against the rules. */
		for (j = 0; j < docs[d].n; j++)
			if (direction == 'd')
				keep_buf[j] &= rw[j].rule;
			else if (direction == 'k')
				keep_buf[j] |= rw[j].rule;
		if (report_docs) {
			struct counts cm = {0}, cr = {0};

			for (j = 0; j < docs[d].n; j++) {
				count_row(&cm, &rw[j], keep_buf[j]);
				count_row(&cr, &rw[j], rw[j].rule);
			}
			if (cm.fp + cm.fn != cr.fp + cr.fn)
				fprintf(stderr, "doc %s %s: errors rules %g (fp %g fn %g) model %g (fp %g fn %g)\n",
				    set_names[docs[d].set], docs[d].id, cr.fp + cr.fn, cr.fp, cr.fn,
				    cm.fp + cm.fn, cm.fp, cm.fn);
		}
		for (j = 0; j < docs[d].n; j++)
			count_row(&c[docs[d].set], &rw[j], keep_buf[j]);
	}
}

static void
run_rules(const char *use, struct counts *c)
{
	size_t d, j;

	for (d = 0; d < ndocs; d++)
		if (use[d])
			for (j = docs[d].first; j < docs[d].first + docs[d].n; j++)
				count_row(&c[docs[d].set], &rows[j], rows[j].rule);
}

/* The mean line F1 over the sets with scored lines. */
static double
mean_f1(const struct counts *c)
{
	double sum = 0;
	int s, n = 0;

	for (s = 0; s < nsets; s++)
		if (c[s].tp + c[s].fn + c[s].fp > 0) {
			sum += f1(c[s].tp, c[s].fp, c[s].fn);
			n++;
		}
	return n ? sum / n : 0;
}

/* What the threshold and the box cost are chosen for: with |minimax|,
 * the smallest gain in line F1 over the rules on any set (so that no set
 * loses), ties broken by the mean; else the mean line F1. */
static int minimax = 1;
static double fixed_gap = -1, fixed_t = -100;

static double
objective(const struct counts *c, const double *rules)
{
	double worst = 1e9;
	int s;

	if (!minimax)
		return mean_f1(c);
	for (s = 0; s < nsets; s++)
		if (c[s].tp + c[s].fn + c[s].fp > 0) {
			double g = f1(c[s].tp, c[s].fp, c[s].fn) - rules[s];

			worst = g < worst ? g : worst;
		}
	return worst + mean_f1(c) / 100;
}

/* Trains on the pages with use[doc] set and picks the threshold and the
 * box cost on them. */
static void
fit(const char *use, struct model *mo)
{
	static const double gaps_all[] = {0, 0.5, 1, 1.5, 2, 3, 4, 6, 8};
	static struct fmodel fm;
	static struct model cand;
	const double *gaps = fixed_gap >= 0 ? &fixed_gap : gaps_all;
	size_t ngaps = fixed_gap >= 0 ? 1 : sizeof gaps_all / sizeof gaps_all[0];
	double t_lo = fixed_t > -99 ? fixed_t : -3, t_hi = fixed_t > -99 ? fixed_t : 3;
	double best = -1e9, t;
	size_t g;
	struct counts cr[MAXSETS];
	double rf[MAXSETS];
	int s;

	train(use, &fm);
	memset(cr, 0, sizeof cr);
	run_rules(use, cr);
	for (s = 0; s < nsets; s++)
		rf[s] = f1(cr[s].tp, cr[s].fp, cr[s].fn);
	for (t = t_lo; t <= t_hi + 0.001; t += 0.25)
		for (g = 0; g < ngaps; g++) {
			struct counts c[MAXSETS];
			double v;

			memset(c, 0, sizeof c);
			quantize(&fm, t, (int32_t)(gaps[g] * BP_SCORE_ONE), &cand);
			run_model(use, &cand.m, c);
			v = objective(c, rf);
			if (v > best) {
				best = v;
				quantize(&fm, t, (int32_t)(gaps[g] * BP_SCORE_ONE), mo);
			}
		}
}

/* ---- validation -------------------------------------------------------- */

static void
print_row(const char *name, const char *how, const struct counts *r, const struct counts *m)
{
	printf("| %s | %s | %.3f / %.3f | %.3f / %.3f | %+.3f |\n", name, how,
	    f1(r->tp, r->fp, r->fn), f1(r->ctp, r->cfp, r->cfn),
	    f1(m->tp, m->fp, m->fn), f1(m->ctp, m->cfp, m->cfn),
	    f1(m->tp, m->fp, m->fn) - f1(r->tp, r->fp, r->fn));
}

/* How often the trees ask about each feature (a question that splits
 * nothing is not counted). */
static void
print_questions(const struct bp_model *mo)
{
	unsigned n[BP_NFEAT] = {0}, t, d, k;

	for (t = 0; t < mo->ntrees; t++)
		for (d = 0; d < BP_TREE_DEPTH; d++)
			if (mo->trees[t].mask[d][0] | mo->trees[t].mask[d][1])
				n[mo->trees[t].feature[d]]++;
	printf("\nquestions asked, by feature:");
	for (k = 0; k < BP_NFEAT; k++)
		printf(" %s %u%s", bp_feature_names[k], n[k], k + 1 < BP_NFEAT ? "," : "\n");
}

static void
print_header(void)
{
	printf("| set | trained on | rules line / char F1 | model line / char F1 | line F1 change |\n");
	printf("|---|---|---|---|---|\n");
}

static void
validate(void)
{
	char *use = xrealloc(NULL, ndocs), *test = xrealloc(NULL, ndocs);
	static struct model mo;
	size_t d;
	int s, h;

	print_header();
	for (s = 0; s < nsets; s++) {
		struct counts cr[MAXSETS], cm[MAXSETS];
		char how[64];

		memset(cr, 0, sizeof cr);
		memset(cm, 0, sizeof cm);
		for (d = 0; d < ndocs; d++) {
			use[d] = docs[d].set != s;
			test[d] = docs[d].set == s;
		}
		fit(use, &mo);
		run_rules(test, cr);
		report_docs = pages;
		run_model(test, &mo.m, cm);
		report_docs = 0;
		snprintf(how, sizeof how, "the other sets (t %+.2f gap %.1f)", mo.t,
		    (double)mo.m.gap / BP_SCORE_ONE);
		print_row(set_names[s], how, &cr[s], &cm[s]);
		fflush(stdout);
	}
	for (h = 0; h < 2; h++) {
		struct counts cr[MAXSETS], cm[MAXSETS];

		memset(cr, 0, sizeof cr);
		memset(cm, 0, sizeof cm);
		for (d = 0; d < ndocs; d++) {
			use[d] = docs[d].half == h;
			test[d] = docs[d].half != h;
		}
		fit(use, &mo);
		run_rules(test, cr);
		report_docs = pages;
		run_model(test, &mo.m, cm);
		report_docs = 0;
		for (s = 0; s < nsets; s++) {
			char name[80], how[64];

			snprintf(name, sizeof name, "%s, half %d", set_names[s], 1 - h);
			snprintf(how, sizeof how, "half %d of every set (t %+.2f gap %.1f)", h, mo.t,
			    (double)mo.m.gap / BP_SCORE_ONE);
			print_row(name, how, &cr[s], &cm[s]);
		}
		fflush(stdout);
	}
	free(use);
	free(test);
}

/* Sets mark[i] for each comma-separated name of |list| that is names[i]. */
static void
mark_names(const char *list, const char *const *names, unsigned n, int *mark, const char *what)
{
	char *copy = strdup(list), *tok, *save = NULL, msg[32];
	unsigned i;

	if (copy == NULL)
		die("out of memory", NULL);
	snprintf(msg, sizeof msg, "no such %s", what);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < n && strcmp(tok, names[i]) != 0; i++)
			;
		if (i == n)
			bad_arg(msg, tok);
		mark[i] = 1;
	}
	free(copy);
}

int
main(int argc, char **argv)
{
	const char *sets = NULL, *datadir;
	struct safi_boilerplate_opts o;
	struct safi_boilerplate *bp;
	int opt, do_validate = 0;
	unsigned k, at = 0;

	while ((opt = getopt(argc, argv, "s:Vr:l:e:b:mg:t:x:D:Ipk:")) != -1) {
		switch (opt) {
		case 'm': minimax = 0; break;
		case 'D': direction = optarg[0]; break;
		case 'I': invariant = 1; break;
		case 'x': mark_names(optarg, bp_feature_names, BP_NFEAT, excluded, "feature"); break;
		case 'g': fixed_gap = atof(optarg); break;
		case 't': fixed_t = atof(optarg); break;
		case 'p': pages = 1; break;
		case 'k':
			mark_names(optarg, safi_bp_reason_names, R_COUNT, fixed_reason, "reason");
			break;
		case 's': sets = optarg; break;
		case 'V': do_validate = 1; break;
		case 'r': rounds = atoi(optarg); break;
		case 'l': lambda = atof(optarg); break;
		case 'e': rate = atof(optarg); break;
		case 'b': balance = atof(optarg); break;
		default:
			fprintf(stderr, "usage: bp-train [-VIpm] [-s SETS] [-r ROUNDS] [-l LAMBDA] "
			    "[-e RATE] [-b BALANCE]\n"
			    "                [-g GAP] [-t SHIFT] [-D b|k|d] [-x FEATURES] [-k REASONS] "
			    "DATADIR\n");
			return 2;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "bp-train: one DATADIR expected\n");
		return 2;
	}
	datadir = argv[optind];
	for (k = 0; k < BP_NFEAT; k++) {
		base[k] = at;
		at += bp_feature_buckets[k];
	}
	nbuckets_all = at;
	if (sets == NULL) {
		/* Every folder of DATADIR, in name order. */
		DIR *dh = opendir(datadir);
		struct dirent *de;

		if (dh == NULL)
			die("cannot open", datadir);
		while ((de = readdir(dh)) != NULL && nsets < MAXSETS)
			if (de->d_name[0] != '.') {
				char path[4096];
				DIR *sub;

				make_path(path, sizeof path, datadir, de->d_name, "");
				if ((sub = opendir(path)) != NULL) {
					closedir(sub);
					set_names[nsets++] = strdup(de->d_name);
				}
			}
		closedir(dh);
		qsort(set_names, (size_t)nsets, sizeof *set_names, by_name);
	} else {
		char *copy = strdup(sets), *tok, *save = NULL;

		for (tok = strtok_r(copy, ",", &save); tok && nsets < MAXSETS;
		    tok = strtok_r(NULL, ",", &save))
			set_names[nsets++] = strdup(tok);
		free(copy);
	}
	if (nsets == 0)
		die("no data sets in", datadir);
	safi_boilerplate_opts_default(&o);
	o.min_docs = 0;  /* each page alone, as the evaluation runs it */
	if (safi_boilerplate_new(&bp, &o) < 0 || safi_bp_lexicon_init(&lexicon, 0) < 0)
		die("cannot create the classifier", NULL);
	for (opt = 0; opt < nsets; opt++) {
		char path[4096];

		make_path(path, sizeof path, datadir, set_names[opt], "");
		load_set(bp, path, opt);
		fprintf(stderr, "bp-train: %s: loaded, %zu pages and %zu lines so far\n",
		    set_names[opt], ndocs, nrows);
	}
	safi_boilerplate_free(bp);
	{
		size_t maxn = 1, d;

		for (d = 0; d < ndocs; d++)
			maxn = docs[d].n > maxn ? docs[d].n : maxn;
		score_buf = xrealloc(NULL, maxn * sizeof *score_buf);
		back_buf = xrealloc(NULL, maxn);
		keep_buf = xrealloc(NULL, maxn);
	}
	if (do_validate)
		validate();
	if (!do_validate) {
		char *use = xrealloc(NULL, ndocs);
		struct counts cr[MAXSETS], cm[MAXSETS];
		static struct model mo;
		int s;

		memset(use, 1, ndocs);
		fit(use, &mo);
		memset(cr, 0, sizeof cr);
		memset(cm, 0, sizeof cm);
		run_rules(use, cr);
		run_model(use, &mo.m, cm);
		print_header();
		for (s = 0; s < nsets; s++)
			print_row(set_names[s], "every set (in sample)", &cr[s], &cm[s]);
		print_questions(&mo.m);
		free(use);
	}
	bp_page_free(&page);
	safi_bp_lexicon_free(&lexicon);
	return 0;
}
