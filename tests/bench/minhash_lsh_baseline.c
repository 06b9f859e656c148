/*
 * minhash_lsh_baseline.c - the peer of dedup's benchmark: the algorithm of
 * datasketch's MinHash and MinHashLSH with their usual settings, in plain
 * C, so that the comparison is of algorithms, not of Python against C.
 *
 *  - words: the text normalized as the evaluation's gold is (NFKC, case
 *    folding, Arabic harakat and tatweel removed, through libsafi's
 *    normalizer), then cut into maximal runs of letters and digits
 *    (ICU's u_isalnum, as Python's str.isalnum); shingles of 5 words
 *    joined by a space, or the words of a shorter document;
 *  - MinHash: 128 permutations h(x) = ((a x + b) mod (2^61 - 1)) & (2^32 - 1)
 *    of sha1_hash32(shingle) (the first four bytes of its SHA-1, little
 *    endian), a and b drawn at random once, as datasketch.MinHash does;
 *  - MinHashLSH(threshold=0.8, num_perm=128): b bands of r rows chosen by
 *    datasketch's _optimal_param (the least equally weighted false positive
 *    and false negative areas); a document that shares a band with an
 *    indexed one is a duplicate (no verification), else it is indexed.
 *
 * Reads form-feed separated documents from the FILE or stdin and writes the
 * kept ones, a form-feed line between them, as dedup does.
 */
#include <openssl/sha.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "safi.h"

#define NUM_PERM 128
#define THRESHOLD 0.8
#define SHINGLE 5
#define MERSENNE ((((uint64_t)1) << 61) - 1)
#define MAX_HASH 0xFFFFFFFFull

static uint64_t perm_a[NUM_PERM], perm_b[NUM_PERM];
static int bands, rows;

/* ---- datasketch's _optimal_param ---- */

static double
integrate(double (*f)(double, int, int), double lo, double hi, int b, int r)
{
	int i, n = 2000;  /* Simpson's rule */
	double h = (hi - lo) / n, s = f(lo, b, r) + f(hi, b, r);

	for (i = 1; i < n; i++)
		s += f(lo + i * h, b, r) * (i % 2 ? 4 : 2);
	return s * h / 3;
}

static double
pow_int(double x, int k)
{
	double y = 1;

	while (k-- > 0)
		y *= x;
	return y;
}

static double
fp_proba(double s, int b, int r)
{
	return 1 - pow_int(1 - pow_int(s, r), b);
}

static double
fn_proba(double s, int b, int r)
{
	return pow_int(1 - pow_int(s, r), b);
}

static void
optimal_param(double t, int num_perm)
{
	double best = 1e300;
	int b, r;

	for (b = 1; b <= num_perm; b++)
		for (r = 1; r <= num_perm / b; r++) {
			double err = 0.5 * integrate(fp_proba, 0, t, b, r) +
			    0.5 * integrate(fn_proba, t, 1, b, r);

			if (err < best) {
				best = err;
				bands = b;
				rows = r;
			}
		}
}

/* ---- the permutations ---- */

static uint64_t
splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint64_t
mod_mersenne(__uint128_t x)
{
	uint64_t lo = (uint64_t)(x & MERSENNE), hi = (uint64_t)(x >> 61);
	uint64_t y = lo + hi;

	y = (y & MERSENNE) + (y >> 61);
	return y >= MERSENNE ? y - MERSENNE : y;
}

static void
update(uint64_t *hv, const unsigned char *shingle, size_t n)
{
	unsigned char digest[SHA_DIGEST_LENGTH];
	uint64_t x;
	int i;

	SHA1(shingle, n, digest);
	x = (uint64_t)digest[0] | (uint64_t)digest[1] << 8 | (uint64_t)digest[2] << 16 |
	    (uint64_t)digest[3] << 24;
	for (i = 0; i < NUM_PERM; i++) {
		uint64_t v = mod_mersenne((__uint128_t)perm_a[i] * x + perm_b[i]) & MAX_HASH;

		if (v < hv[i])
			hv[i] = v;
	}
}

/* ---- the LSH index: per band, a table of band digests ---- */

struct table {
	uint64_t *keys;  /* 0: empty */
	size_t n, cap;
};

static struct table *tables;

static uint64_t
band_digest(const uint64_t *hv, int band)
{
	uint64_t h = 0x243F6A8885A308D3ull ^ (uint64_t)band;
	int i;

	for (i = 0; i < rows; i++) {
		h ^= hv[band * rows + i];
		h *= 0x100000001B3ull;
		h ^= h >> 29;
	}
	return h ? h : 1;
}

static int
table_has(const struct table *t, uint64_t k)
{
	size_t i;

	if (t->cap == 0)
		return 0;
	for (i = k & (t->cap - 1); t->keys[i]; i = (i + 1) & (t->cap - 1))
		if (t->keys[i] == k)
			return 1;
	return 0;
}

static void
table_put(struct table *t, uint64_t k)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		struct table nt = {NULL, 0, t->cap ? 2 * t->cap : 1024};

		if ((nt.keys = calloc(nt.cap, sizeof *nt.keys)) == NULL) {
			perror("minhash_lsh_baseline");
			exit(1);
		}
		for (i = 0; i < t->cap; i++)
			if (t->keys[i])
				table_put(&nt, t->keys[i]);
		free(t->keys);
		*t = nt;
	}
	for (i = k & (t->cap - 1); t->keys[i]; i = (i + 1) & (t->cap - 1))
		if (t->keys[i] == k)
			return;
	t->keys[i] = k;
	t->n++;
}

/* ---- documents ---- */

struct doc {
	char *text;
	size_t len, cap;
};

static void
append(struct doc *d, const char *p, size_t n)
{
	if (d->len + n > d->cap) {
		d->cap = (d->len + n) * 2;
		if ((d->text = realloc(d->text, d->cap)) == NULL) {
			perror("minhash_lsh_baseline");
			exit(1);
		}
	}
	memcpy(d->text + d->len, p, n);
	d->len += n;
}

/* Is the character at s[i] (of n bytes) a letter or digit?  Sets *len. */
static int
is_alnum_at(const char *s, size_t n, size_t i, size_t *len)
{
	size_t j = i;
	UChar32 c;

	U8_NEXT(s, j, n, c);
	*len = j - i;
	return c >= 0 && u_isalnum(c);
}

/* Is the document a duplicate of an indexed one?  If not, index it. */
static int
is_duplicate(struct safi_normalizer *nz, struct doc *d)
{
	static struct safi_buf norm = SAFI_BUF_INIT;
	static size_t *starts, *lens, cap;
	uint64_t hv[NUM_PERM];
	unsigned char buf[8192];
	size_t i, nw = 0, l;
	int b, dup = 0;

	for (i = 0; i < NUM_PERM; i++)
		hv[i] = MAX_HASH;
	norm.len = 0;
	if (safi_normalize(nz, d->text, d->len, &norm) < 0) {
		fputs("minhash_lsh_baseline: normalization failed\n", stderr);
		exit(1);
	}
	for (i = 0; i < norm.len;) {
		if (!is_alnum_at(norm.ptr, norm.len, i, &l)) {
			i += l;
			continue;
		}
		if (nw == cap) {
			cap = cap ? 2 * cap : 1024;
			starts = realloc(starts, cap * sizeof *starts);
			lens = realloc(lens, cap * sizeof *lens);
			if (!starts || !lens) {
				perror("minhash_lsh_baseline");
				exit(1);
			}
		}
		starts[nw] = i;
		while (i < norm.len && is_alnum_at(norm.ptr, norm.len, i, &l))
			i += l;
		lens[nw] = i - starts[nw] < 1024 ? i - starts[nw] : 1024;
		nw++;
	}
	if (nw == 0)
		return 0;
	/* a shingle: its words joined by spaces; a shorter document is the
	 * set of its words */
	if (nw < SHINGLE) {
		for (i = 0; i < nw; i++)
			update(hv, (const unsigned char *)norm.ptr + starts[i], lens[i]);
	} else {
		for (i = 0; i + SHINGLE <= nw; i++) {
			size_t n = 0, j;

			for (j = 0; j < SHINGLE; j++) {
				if (j)
					buf[n++] = ' ';
				memcpy(buf + n, norm.ptr + starts[i + j], lens[i + j]);
				n += lens[i + j];
			}
			update(hv, buf, n);
		}
	}
	for (b = 0; b < bands && !dup; b++)
		dup = table_has(&tables[b], band_digest(hv, b));
	if (!dup)
		for (b = 0; b < bands; b++)
			table_put(&tables[b], band_digest(hv, b));
	return dup;
}

int
main(int argc, char **argv)
{
	FILE *in = stdin;
	struct doc d = {NULL, 0, 0};
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	uint64_t seed = 1;
	struct safi_normalizer *nz;
	int i, written = 0, more = 1;

	if (argc > 1 && (in = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	for (i = 0; i < NUM_PERM; i++) {
		perm_a[i] = splitmix(&seed) % (MERSENNE - 1) + 1;
		perm_b[i] = splitmix(&seed) % MERSENNE;
	}
	optimal_param(THRESHOLD, NUM_PERM);
	fprintf(stderr, "minhash_lsh_baseline: %d bands of %d rows\n", bands, rows);
	if ((tables = calloc((size_t)bands, sizeof *tables)) == NULL)
		return 1;
	{
		struct safi_norm_opts o = {SAFI_FORM_NFKC, SAFI_NORM_CASE_FOLD |
		                           SAFI_NORM_HARAKAT | SAFI_NORM_TATWEEL};

		if (safi_normalizer_new(&nz, &o) < 0)
			return 1;
	}
	while (more) {
		more = (len = getline(&line, &cap, in)) > 0;
		if (more && !(len >= 2 && line[0] == '\f' && (line[1] == '\n' || line[1] == '\r'))) {
			append(&d, line, (size_t)len);
			continue;
		}
		if (more || d.len > 0) {
			if (!is_duplicate(nz, &d)) {
				if (written++)
					fputs("\f\n", stdout);
				fwrite(d.text, 1, d.len, stdout);
				if (d.len && d.text[d.len - 1] != '\n')
					putchar('\n');
			}
		}
		d.len = 0;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
