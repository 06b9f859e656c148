/*
 * test_minhash.c - one-permutation MinHash: the estimate follows the
 * Jaccard similarity, sketches do not depend on the order of the set,
 * small sets are not confused, bands agree when sketches do.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "fingerprint.h"
#include "safi.h"
#include "tap.h"

#define K 128

/* Element i of a test universe. */
static uint64_t
element(uint64_t i)
{
	return safi_mix64(i * 0x9E3779B97F4A7C15ull + 12345);
}

/* The sketch of the set {element(from) .. element(to - 1)}. */
static int
sketch_range(uint64_t from, uint64_t to, unsigned k, uint16_t *out)
{
	struct safi_minhash_probes *probes = safi_minhash_probes_new(k);
	uint32_t bins[SAFI_MINHASH_MAX_BINS];
	uint64_t h[256];
	uint64_t i;
	size_t n = 0;
	int rc;

	safi_minhash_clear(bins, k);
	for (i = from; i < to; i++) {
		h[n++] = element(i);
		if (n == 256) {
			safi_minhash_add(bins, k, h, n);
			n = 0;
		}
	}
	safi_minhash_add(bins, k, h, n);
	rc = safi_minhash_densify(bins, k, probes);
	safi_minhash_probes_free(probes);
	if (rc < 0)
		return rc;
	safi_minhash_sketch(bins, k, out);
	return 0;
}

/* Two overlapping ranges of |n| elements with Jaccard similarity j:
 * [0, n) and [s, s + n) with s = n (1 - j) / (1 + j). */
static double
estimate(uint64_t base, uint64_t n, double j, unsigned k)
{
	uint16_t a[SAFI_MINHASH_MAX_BINS], b[SAFI_MINHASH_MAX_BINS];
	uint64_t shift = (uint64_t)llround((double)n * (1 - j) / (1 + j));

	sketch_range(base, base + n, k, a);
	sketch_range(base + shift, base + shift + n, k, b);
	return safi_minhash_similarity(safi_minhash_agree(a, b, k), k);
}

static void
test_estimate(void)
{
	static const double js[] = {0.0, 0.3, 0.5, 0.8, 0.9, 1.0};
	static const uint64_t sizes[] = {40, 300, 3000};
	size_t i, s;
	int trial;

	/* Averaged over 40 pairs, the estimate is within a few standard
	 * errors of the true value, for small (densified) and large sets. */
	for (s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
		for (i = 0; i < sizeof js / sizeof js[0]; i++) {
			double sum = 0, n = (double)sizes[s];
			double exact = (n - llround(n * (1 - js[i]) / (1 + js[i]))) /
			    (n + llround(n * (1 - js[i]) / (1 + js[i])));

			for (trial = 0; trial < 40; trial++)
				sum += estimate((uint64_t)trial << 32, sizes[s], js[i], K);
			sum /= 40;
			if (!(fabs(sum - exact) < 0.03))
				fprintf(stderr, "n=%g J=%.3f: mean estimate %.3f\n", n, exact, sum);
			CHECK(fabs(sum - exact) < 0.03);
		}
}

static void
test_order_and_duplicates(void)
{
	struct safi_minhash_probes *probes = safi_minhash_probes_new(K);
	uint32_t a[K], b[K];
	uint16_t sa[K], sb[K];
	uint64_t h[100];
	int i;

	for (i = 0; i < 100; i++)
		h[i] = element((uint64_t)i);
	safi_minhash_clear(a, K);
	safi_minhash_add(a, K, h, 100);
	safi_minhash_clear(b, K);
	for (i = 99; i >= 0; i--)
		safi_minhash_add(b, K, &h[i], 1);
	safi_minhash_add(b, K, h, 50);  /* elements added twice change nothing */
	CHECK(probes != NULL);
	CHECK(safi_minhash_densify(a, K, probes) == 0);
	CHECK(safi_minhash_densify(b, K, probes) == 0);
	safi_minhash_sketch(a, K, sa);
	safi_minhash_sketch(b, K, sb);
	CHECK(memcmp(sa, sb, sizeof sa) == 0);
	CHECK(safi_minhash_agree(sa, sb, K) == K);
	CHECK(safi_minhash_similarity(K, K) == 1.0);

	/* an empty set has no sketch */
	safi_minhash_clear(a, K);
	CHECK(safi_minhash_densify(a, K, probes) == SAFI_EINVAL);
	for (i = 0; i < K; i++)
		CHECK(a[i] == SAFI_MINHASH_EMPTY);
	safi_minhash_probes_free(probes);
}

/* Sets of one, two or three elements fill their bins with copies: two
 * such sets with nothing in common must still agree on almost no bin
 * (the bin's number goes into the sketch). */
static void
test_small_sets(void)
{
	uint16_t a[K], b[K];
	unsigned worst = 0, agree;
	uint64_t i, size;

	for (size = 1; size <= 3; size++)
		for (i = 0; i < 2000; i += 2) {
			sketch_range(i * 10, i * 10 + size, K, a);
			sketch_range(i * 10 + 5, i * 10 + 5 + size, K, b);
			agree = safi_minhash_agree(a, b, K);
			if (agree > worst)
				worst = agree;
		}
	CHECK(worst <= 4);
	/* a set of one element: every bin holds its value, yet the sketch's
	 * values differ from bin to bin, or two such sets would agree on all
	 * bins whenever 16 bits of their values do */
	sketch_range(7, 8, K, a);
	for (agree = 0, i = 1; i < K; i++)
		agree += a[i] == a[0];
	CHECK(agree < 4);
	/* one element in common of two: J = 1/3 */
	sketch_range(0, 2, K, a);
	sketch_range(1, 3, K, b);
	agree = safi_minhash_agree(a, b, K);
	CHECK(agree > 10 && agree < 90);
}

static void
test_bands(void)
{
	uint16_t a[K], b[K];
	uint32_t ka[32], kb[32];
	unsigned i, same = 0;

	sketch_range(0, 500, K, a);
	memcpy(b, a, sizeof b);
	b[5] ^= 1;  /* band 1 of 4 bins differs */
	safi_minhash_bands(a, 32, 4, ka);
	safi_minhash_bands(b, 32, 4, kb);
	for (i = 0; i < 32; i++)
		same += ka[i] == kb[i];
	CHECK(same == 31);
	CHECK(ka[1] != kb[1]);
	/* the band's number is in its key: equal values in two bands give
	 * two keys */
	memset(a, 0, sizeof a);
	safi_minhash_bands(a, 32, 4, ka);
	CHECK(ka[0] != ka[1]);
	/* a band whose size is no multiple of four */
	safi_minhash_bands(a, 2, 3, ka);
	CHECK(ka[0] != ka[1]);
}

/* Optimal densification as the header says it, one probe at a time: the
 * library's shortcut for sets of few elements must give the same bins. */
static void
reference_densify(uint32_t *bins, unsigned k)
{
	uint32_t orig[SAFI_MINHASH_MAX_BINS];
	unsigned i, t, n = SAFI_MINHASH_PROBES(k), shift = 64;

	while ((1u << (64 - shift)) < k)
		shift--;
	memcpy(orig, bins, k * sizeof *orig);
	for (i = 0; i < k; i++) {
		unsigned src = 0;

		if (orig[i] != SAFI_MINHASH_EMPTY)
			continue;
		for (t = 0; t < n; t++) {
			src = (unsigned)(safi_mix64(SAFI_HASH_P2 ^ (uint64_t)i << 32 ^ t) >> shift);
			if (orig[src] != SAFI_MINHASH_EMPTY)
				break;
		}
		while (orig[src] == SAFI_MINHASH_EMPTY)
			src = (src + 1) & (k - 1);
		bins[i] = orig[src];
	}
}

static void
test_densify(void)
{
	static const unsigned ks[] = {16, 128, 1024};
	size_t i, size, bad = 0;

	for (i = 0; i < sizeof ks / sizeof ks[0]; i++) {
		unsigned k = ks[i];
		struct safi_minhash_probes *probes = safi_minhash_probes_new(k);

		CHECK(probes != NULL);
		for (size = 1; size < 3 * k && probes; size += size < 40 ? 1 : 37) {
			uint32_t a[SAFI_MINHASH_MAX_BINS], b[SAFI_MINHASH_MAX_BINS];
			uint64_t h[4096];
			size_t j;

			for (j = 0; j < size; j++)
				h[j] = element(size * 1000 + j);
			safi_minhash_clear(a, k);
			safi_minhash_add(a, k, h, size);
			memcpy(b, a, sizeof a);
			CHECK(safi_minhash_densify(a, k, probes) == 0);
			reference_densify(b, k);
			bad += memcmp(a, b, k * sizeof *a) != 0;
		}
		safi_minhash_probes_free(probes);
	}
	CHECK(bad == 0);
}

static void
test_valid_bins(void)
{
	CHECK(safi_minhash_valid_bins(16));
	CHECK(safi_minhash_valid_bins(128));
	CHECK(safi_minhash_valid_bins(1024));
	CHECK(!safi_minhash_valid_bins(8));
	CHECK(!safi_minhash_valid_bins(100));
	CHECK(!safi_minhash_valid_bins(2048));
}

/* The fingerprints go to files read on other machines: their bits are
 * fixed here, so that a change of the hash cannot pass unnoticed. */
static void
test_fixed_values(void)
{
	uint16_t a[16];
	uint64_t h = 0;
	int i;

	CHECK(safi_hash64(0, "", 0) == safi_hash64(0, "", 0));
	CHECK(safi_hash64(0, "abc", 3) != safi_hash64(1, "abc", 3));
	CHECK(safi_hash64(0, "abcdefghijklmnopq", 17) != safi_hash64(0, "abcdefghijklmnopr", 17));
	CHECK(safi_hash64(7, "safi", 4) == 0xa2fbb6ded5dcc3b8ull);
	sketch_range(0, 10, 16, a);
	for (i = 0; i < 16; i++)
		h = safi_hash_pair(h, a[i]);
	CHECK(h == 0xb87e4f56ec65345bull);
}

int
main(void)
{
	test_estimate();
	test_order_and_duplicates();
	test_small_sets();
	test_bands();
	test_densify();
	test_valid_bins();
	test_fixed_values();
	return tap_done();
}
