/*
 * minhash.c - one-permutation MinHash with optimal densification, LSH band
 * keys and b-bit similarity (see safi/minhash.h).
 */
#include <stdlib.h>
#include <string.h>

#include "fingerprint.h"
#include "safi/error.h"
#include "safi/minhash.h"

int
safi_minhash_valid_bins(unsigned k)
{
	return k >= SAFI_MINHASH_MIN_BINS && k <= SAFI_MINHASH_MAX_BINS &&
	    (k & (k - 1)) == 0;
}

static unsigned
log2_bins(unsigned k)
{
	unsigned b = 0;

	while ((1u << b) < k)
		b++;
	return b;
}

void
safi_minhash_clear(uint32_t *bins, unsigned k)
{
	unsigned i;

	for (i = 0; i < k; i++)
		bins[i] = SAFI_MINHASH_EMPTY;
}

void
safi_minhash_add(uint32_t *bins, unsigned k, const uint64_t *h, size_t n)
{
	unsigned shift = 64 - log2_bins(k);
	size_t i;

	/* The bin comes from the top bits and the value from the low 32, so
	 * the two are independent; the value that would mean "empty" is
	 * taken as its neighbour. */
	for (i = 0; i < n; i++) {
		uint32_t *bin = &bins[h[i] >> shift];
		uint32_t v = (uint32_t)h[i];

		v -= v == SAFI_MINHASH_EMPTY;
		if (v < *bin)
			*bin = v;
	}
}

struct safi_minhash_probes {
	unsigned k, n;
	uint16_t *seq;   /* seq[i * n + t]: the t-th bin bin i looks at */
	uint8_t *first;  /* first[i * k + j]: where bin j first comes in i's, or n */
};

struct safi_minhash_probes *
safi_minhash_probes_new(unsigned k)
{
	struct safi_minhash_probes *p = calloc(1, sizeof *p);
	unsigned shift = 64 - log2_bins(k), i, t;

	if (p == NULL)
		return NULL;
	p->k = k;
	p->n = SAFI_MINHASH_PROBES(k);
	p->seq = malloc((size_t)k * p->n * sizeof *p->seq);
	p->first = malloc((size_t)k * k);
	if (p->seq == NULL || p->first == NULL) {
		safi_minhash_probes_free(p);
		return NULL;
	}
	memset(p->first, (int)p->n, (size_t)k * k);
	for (i = 0; i < k; i++)
		for (t = 0; t < p->n; t++) {
			unsigned j = (unsigned)(safi_mix64(SAFI_HASH_P2 ^ (uint64_t)i << 32 ^ t) >> shift);

			p->seq[i * p->n + t] = (uint16_t)j;
			if (p->first[(size_t)i * k + j] == p->n)
				p->first[(size_t)i * k + j] = (uint8_t)t;
		}
	return p;
}

void
safi_minhash_probes_free(struct safi_minhash_probes *p)
{
	if (p == NULL)
		return;
	free(p->seq);
	free(p->first);
	free(p);
}

int
safi_minhash_densify(uint32_t *bins, unsigned k, const struct safi_minhash_probes *probes)
{
	uint8_t filled[SAFI_MINHASH_MAX_BINS];
	uint16_t list[SAFI_MINHASH_MAX_BINS];
	unsigned i, f, nfilled = 0, n = probes->n;

	for (i = 0; i < k; i++) {
		filled[i] = bins[i] != SAFI_MINHASH_EMPTY;
		if (filled[i])
			list[nfilled++] = (uint16_t)i;
	}
	if (nfilled == 0)
		return SAFI_EINVAL;
	if (nfilled == k)
		return 0;
	for (i = 0; i < k; i++) {
		const uint16_t *seq = probes->seq + (size_t)i * n;
		unsigned t = 0, src;

		if (filled[i])
			continue;
		/* The first filled bin of the sequence: with few filled bins,
		 * the least of their first places (k/nfilled probes would cost
		 * more); else by walking the sequence.  Only bins filled by
		 * elements are sources, never those filled here, so that every
		 * set copies alike. */
		if (nfilled * nfilled < k) {
			const uint8_t *first = probes->first + (size_t)i * k;

			t = n;
			for (f = 0; f < nfilled; f++)
				if (first[list[f]] < t)
					t = first[list[f]];
			src = seq[t < n ? t : n - 1];
		} else {
			src = seq[0];
			while (!filled[src] && ++t < n)
				src = seq[t];
		}
		while (!filled[src])
			src = (src + 1) & (k - 1);
		bins[i] = bins[src];
	}
	return 0;
}

void
safi_minhash_sketch(const uint32_t *bins, unsigned k, uint16_t *out)
{
	unsigned i;

	/* The bin's number goes into the hash: a set smaller than K fills
	 * many bins with copies of one value, and two sets of one element each
	 * must not agree on every bin whenever 16 bits of their values do. */
	for (i = 0; i < k; i++)
		out[i] = (uint16_t)(safi_mix64(bins[i] ^ ((uint64_t)(i + 1) * SAFI_HASH_P1)) >> 48);
}

void
safi_minhash_bands(const uint16_t *sketch, unsigned bands, unsigned rows,
                   uint32_t *keys)
{
	unsigned b, r;

	for (b = 0; b < bands; b++) {
		const uint16_t *v = sketch + (size_t)b * rows;
		uint64_t h = (uint64_t)(b + 1) * SAFI_HASH_P2, word = 0;

		/* four values to a 64-bit word, one mix per word */
		for (r = 0; r < rows; r++) {
			word = word << 16 | v[r];
			if (r % 4 == 3 || r == rows - 1) {
				h = safi_mix64(h ^ word);
				word = 0;
			}
		}
		keys[b] = (uint32_t)(h >> 32);
	}
}

unsigned
safi_minhash_agree(const uint16_t *a, const uint16_t *b, unsigned k)
{
	unsigned i, same = 0;

	for (i = 0; i < k; i++)
		same += a[i] == b[i];
	return same;
}

double
safi_minhash_similarity(unsigned agree, unsigned k)
{
	double chance = 1.0 / 65536;
	double p = ((double)agree / k - chance) / (1.0 - chance);

	return p < 0 ? 0 : p > 1 ? 1 : p;
}
