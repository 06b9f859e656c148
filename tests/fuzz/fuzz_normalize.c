/*
 * fuzz_normalize.c - properties of the normalizer on any input:
 *
 *  - the output is well-formed UTF-8;
 *  - normalizing the output again changes nothing (idempotence);
 *  - the output is the same whether the line comes whole or in pieces
 *    (cut at the places the input's first byte chooses);
 *  - raw input, ill-formed UTF-8 included, still gives well-formed output.
 *
 * for the default, every preset (train with its mojibake repair), every
 * form, every fold alone (the repair among them), and one more
 * combination of a form and folds chosen by the input's second to fourth
 * bytes, so that the fuzzer explores the combinations too.  The
 * input is first made well-formed, as the reader does (the last property
 * takes it raw).
 */
#include <stdlib.h>
#include <string.h>

#include "safi.h"

#define NFIXED (3 + 6 + 16)
#define NCONF (NFIXED + 1)
#define NCACHE 32

static struct safi_normalizer *nz[NCONF];

/* normalizers for the combinations met so far (a few, reused) */
static struct {
	unsigned key;
	struct safi_normalizer *nz;
} cache[NCACHE];
static unsigned cache_next;

static struct safi_normalizer *
combination(const uint8_t *data, size_t size)
{
	struct safi_norm_opts o;
	unsigned key, i;

	o.form = (enum safi_norm_form)((size > 1 ? data[1] : 0) % (SAFI_FORM_NONE + 1));
	o.folds = (size > 2 ? data[2] : 0) | (unsigned)(size > 3 ? data[3] : 0) << 8;
	key = (unsigned)o.form << 16 | o.folds | 1u << 31;
	for (i = 0; i < NCACHE; i++)
		if (cache[i].key == key)
			return cache[i].nz;
	i = cache_next++ % NCACHE;
	safi_normalizer_free(cache[i].nz);
	cache[i].key = key;
	if (safi_normalizer_new(&cache[i].nz, &o) < 0)
		abort();
	return cache[i].nz;
}

static void
setup(void)
{
	struct safi_norm_opts o;
	int i, k = 0;

	safi_norm_preset(&o, "default");
	safi_normalizer_new(&nz[k++], &o);
	safi_norm_preset(&o, "search");
	safi_normalizer_new(&nz[k++], &o);
	safi_norm_preset(&o, "train");
	safi_normalizer_new(&nz[k++], &o);
	for (i = 0; i <= SAFI_FORM_NONE; i++) {
		o.form = (enum safi_norm_form)i;
		o.folds = SAFI_NORM_DEFAULT_FOLDS | SAFI_NORM_SPACES;
		safi_normalizer_new(&nz[k++], &o);
	}
	for (i = 0; i < 16; i++) {
		o.form = i % 2 ? SAFI_FORM_NFD : SAFI_FORM_NFC;
		o.folds = 1u << i;
		safi_normalizer_new(&nz[k++], &o);
	}
	for (i = 0; i < NFIXED; i++)
		if (nz[i] == NULL)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct safi_buf in, once, twice, pieces;
	uint64_t bad = 0;
	size_t i, cut, at, len;
	int k;

	if (nz[0] == NULL)
		setup();
	if (size > 1 << 16)
		return 0;
	in.len = 0;
	if (safi_utf8_sanitize((const char *)data, size, SAFI_INVALID_REPLACE,
	                       &in, &bad, NULL) < 0)
		abort();
	cut = size ? data[0] % 7 + 1 : 1;
	nz[NFIXED] = combination(data, size);
	for (k = 0; k < NCONF; k++) {
		once.len = twice.len = pieces.len = 0;
		if (safi_normalize(nz[k], in.ptr, in.len, &once) < 0)
			abort();
		if (safi_utf8_valid_prefix(once.ptr, once.len) != once.len)
			abort();
		if (safi_normalize(nz[k], once.ptr, once.len, &twice) < 0)
			abort();
		if (twice.len != once.len || (once.len && memcmp(twice.ptr, once.ptr, once.len) != 0))
			abort();
		/* pieces of about |cut| bytes, each ending on a code point */
		for (at = 0; at < in.len; at += len) {
			len = 0;
			while (at + len < in.len && len < cut) {
				size_t l;

				(void)safi_utf8_decode(in.ptr + at + len, in.len - at - len, &l);
				len += l;
			}
			if (safi_normalize_piece(nz[k], in.ptr + at, len, 0, &pieces) < 0)
				abort();
		}
		if (safi_normalize_piece(nz[k], "", 0, 1, &pieces) < 0)
			abort();
		if (pieces.len != once.len || (once.len && memcmp(pieces.ptr, once.ptr, once.len) != 0))
			abort();
		/* raw bytes, ill-formed or not: the output is still UTF-8 */
		once.len = 0;
		if (safi_normalize(nz[k], (const char *)data, size, &once) < 0 ||
		    safi_utf8_valid_prefix(once.ptr, once.len) != once.len)
			abort();
	}
	(void)i;
	return 0;
}
