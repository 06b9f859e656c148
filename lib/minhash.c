/*
 * minhash.c - one-permutation MinHash with optimal densification, LSH band
 * keys and b-bit similarity (see safi/minhash.h).
 */
#include "hash.h"
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

int
safi_minhash_densify(uint32_t *bins, unsigned k)
{
	uint8_t filled[SAFI_MINHASH_MAX_BINS];
	unsigned i, nfilled = 0;

	for (i = 0; i < k; i++) {
		filled[i] = bins[i] != SAFI_MINHASH_EMPTY;
		nfilled += filled[i];
	}
	if (nfilled == 0)
		return SAFI_EINVAL;
	if (nfilled == k)
		return 0;
	for (i = 0; i < k; i++) {
		uint64_t attempt;
		unsigned src = 0;

		if (filled[i])
			continue;
		/* The probe sequence of bin i, the same for every set.  After
		 * 8K probes (a set of one element in 1024 bins needs about
		 * 1024 on average) the next filled bin is taken. */
		for (attempt = 1; attempt <= 8u * k; attempt++) {
			src = (unsigned)(safi_hash_pair(i, attempt) >> 32) & (k - 1);
			if (filled[src])
				break;
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
		out[i] = (uint16_t)(safi_hash_pair(bins[i], i) >> 48);
}

void
safi_minhash_bands(const uint16_t *sketch, unsigned bands, unsigned rows,
                   uint32_t *keys)
{
	unsigned b, r;

	for (b = 0; b < bands; b++) {
		const uint16_t *v = sketch + (size_t)b * rows;
		uint64_t h = safi_hash_pair(SAFI_HASH_P2, b);

		/* four values to a 64-bit word, one mix per word */
		for (r = 0; r + 4 <= rows; r += 4)
			h = safi_hash_pair(h, (uint64_t)v[r] << 48 | (uint64_t)v[r + 1] << 32 |
			                   (uint64_t)v[r + 2] << 16 | v[r + 3]);
		for (; r < rows; r++)
			h = safi_hash_pair(h, v[r]);
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
