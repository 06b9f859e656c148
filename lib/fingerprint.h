/*
 * fingerprint.h - the fixed 64-bit hash of libsafi's fingerprints, inside
 * the library only (not installed).
 *
 * Fingerprints are written to files and compared across runs, machines and
 * jobs (dedup's state and signatures), so unlike the term tables' hash
 * (hash.h) this one has no random seed: the same bytes give the same value
 * everywhere, whatever the byte order of the machine.  It is a multiply-mix hash in
 * the style of wyhash: each 16 bytes cost one 64x64->128 multiplication.
 */
#ifndef SAFI_FINGERPRINT_H
#define SAFI_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define SAFI_HASH_P0 0xa0761d6478bd642full
#define SAFI_HASH_P1 0xe7037ed1a0b428dbull
#define SAFI_HASH_P2 0x8ebc6af09c88c6e3ull

/* The high and low halves of a 128-bit product, folded together. */
static inline uint64_t
safi_mum(uint64_t a, uint64_t b)
{
	__uint128_t r = (__uint128_t)a * b;

	return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t
safi_load64le(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline uint64_t
safi_load32le(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

/* A bijective mix whose every output bit depends on every input bit
 * (the finalizer of SplitMix64): values that differ in a few low bits, as
 * bin numbers and small counters do, come out unrelated. */
static inline uint64_t
safi_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* Hashes p[0..n) with |seed|.  Reads only inside the bytes. */
static inline uint64_t
safi_hash64(uint64_t seed, const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t a, b;

	seed ^= safi_mum(seed ^ SAFI_HASH_P0, SAFI_HASH_P1);
	if (n <= 16) {
		if (n >= 4) {
			size_t mid = (n >> 3) << 2;

			a = safi_load32le(p) << 32 | safi_load32le(p + mid);
			b = safi_load32le(p + n - 4) << 32 | safi_load32le(p + n - 4 - mid);
		} else if (n > 0) {
			a = (uint64_t)p[0] << 16 | (uint64_t)p[n >> 1] << 8 | p[n - 1];
			b = 0;
		} else {
			a = b = 0;
		}
	} else {
		size_t i = n;

		while (i > 16) {
			seed = safi_mum(safi_load64le(p) ^ SAFI_HASH_P1,
			                safi_load64le(p + 8) ^ seed);
			p += 16;
			i -= 16;
		}
		/* the last 16 bytes, which may overlap the last block */
		a = safi_load64le(p + i - 16);
		b = safi_load64le(p + i - 8);
	}
	a ^= SAFI_HASH_P1;
	b ^= seed;
	return safi_mix64(safi_mum(a, b) ^ n ^ SAFI_HASH_P2);
}

/* Mixes two 64-bit values into one (order matters). */
static inline uint64_t
safi_hash_pair(uint64_t a, uint64_t b)
{
	return safi_mix64(a ^ safi_mix64(b + SAFI_HASH_P0));
}

#endif
