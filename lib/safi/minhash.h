/*
 * safi/minhash.h - MinHash sketches of sets of 64-bit hashes, their LSH
 * band keys, and the Jaccard similarity they estimate.
 *
 * A sketch has K bins (a power of two).  It is built by one-permutation
 * hashing (Li, Owen and Zhang, NIPS 2012): each element goes to the bin
 * its hash's top bits name and the bin keeps the least 32-bit value it was
 * given, so building costs one step per element instead of K.  Bins left
 * empty (sets of fewer elements than about K log K) are then filled by
 * optimal densification (Shrivastava, ICML 2017): an empty bin copies the
 * bin found first by a probe sequence that depends only on the bin's
 * number, so two sets fill their empty bins alike.  For two sets A and B,
 * each bin then holds the same value with probability J(A, B) =
 * |A n B| / |A u B|, as K independent permutations would give.
 *
 * Everything here is deterministic: the same set gives the same sketch on
 * any machine and in any order of its elements.
 */
#ifndef SAFI_MINHASH_H
#define SAFI_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"

SAFI_BEGIN_DECLS

#define SAFI_MINHASH_MIN_BINS 16
#define SAFI_MINHASH_MAX_BINS 1024
#define SAFI_MINHASH_EMPTY UINT32_MAX

/* Returns 1 when |k| is a power of two between the bounds above. */
int safi_minhash_valid_bins(unsigned k);

/* Empties the K bins of a sketch. */
void safi_minhash_clear(uint32_t *bins, unsigned k);

/* Adds the elements h[0..n) (hashes of the set's members; adding one twice
 * changes nothing) to the K bins. */
void safi_minhash_add(uint32_t *bins, unsigned k, const uint64_t *h, size_t n);

/* The probe sequences of optimal densification: for each of K bins, the
 * first SAFI_MINHASH_PROBES(K) bins it looks at, pseudo-random and the
 * same on every machine, and where in its sequence each bin comes first.
 * Made once by safi_minhash_probes_new() for every sketch of K bins;
 * NULL when memory is short. */
#define SAFI_MINHASH_PROBES(k) ((k) < 255 ? (k) : 255)
struct safi_minhash_probes;
struct safi_minhash_probes *safi_minhash_probes_new(unsigned k);
void safi_minhash_probes_free(struct safi_minhash_probes *p);

/* Fills the empty bins after the last element is added, each with the
 * value of the first bin of its probe sequence that is filled (past the
 * sequence, the next filled bin).  Returns 0, or SAFI_EINVAL when the set
 * was empty (the bins are left as they are). */
int safi_minhash_densify(uint32_t *bins, unsigned k,
                         const struct safi_minhash_probes *probes);

/* Writes a 16-bit value per bin (a hash of the bin's value and number:
 * b-bit minwise hashing, Li and König, WWW 2010), the sketch that is
 * kept. */
void safi_minhash_sketch(const uint32_t *bins, unsigned k, uint16_t *out);

/* Writes the key of each of |bands| bands of |rows| consecutive values of
 * a sketch: a 32-bit hash of the band's number and values, so that two
 * sketches that agree on a band have the same key there. */
void safi_minhash_bands(const uint16_t *sketch, unsigned bands, unsigned rows,
                        uint32_t *keys);

/* The number of bins on which two sketches of K bins agree. */
unsigned safi_minhash_agree(const uint16_t *a, const uint16_t *b, unsigned k);

/* The Jaccard similarity estimated from |agree| bins of K: the share of
 * agreeing bins, less the 1 in 65536 that agree by chance.  Between 0
 * and 1. */
double safi_minhash_similarity(unsigned agree, unsigned k);

SAFI_END_DECLS

#endif
