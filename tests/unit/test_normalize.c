/*
 * test_normalize.c - the normalizer's API: names, presets, single folds;
 * streaming: a reader fed one byte per read, handing out lines in pieces of
 * a few bytes, gives the same output as whole lines; and idempotence over
 * every code point for every form and preset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"
#include "tap.h"

static void
names(void)
{
	struct safi_norm_opts o = SAFI_NORM_OPTS_DEFAULT;
	enum safi_norm_form f;
	unsigned bits = 0;
	int i;

	CHECK(safi_norm_form_parse("nfkc-casefold", &f) == 0 && f == SAFI_FORM_NFKC_CF);
	CHECK(safi_norm_form_parse("NFC", &f) == SAFI_ENOTFOUND);
	CHECK(strcmp(safi_norm_form_name(SAFI_FORM_NFD), "nfd") == 0);
	CHECK(safi_norm_folds_parse("alef,yeh", &bits) == 0 &&
	      bits == (SAFI_NORM_ALEF | SAFI_NORM_YEH));
	CHECK(safi_norm_folds_parse("alef,,yeh", &bits) == SAFI_ENOTFOUND);
	CHECK(safi_norm_folds_parse("arabic", &bits) == 0 &&
	      (bits & SAFI_NORM_ARABIC) == SAFI_NORM_ARABIC);
	CHECK(safi_norm_preset(&o, "search") == 0 && o.form == SAFI_FORM_NFKC &&
	      (o.folds & SAFI_NORM_CASE_FOLD) && (o.folds & SAFI_NORM_MARKS));
	CHECK(safi_norm_preset(&o, "train") == 0 && (o.folds & SAFI_NORM_MOJIBAKE));
	CHECK(safi_norm_preset(&o, "nope") == SAFI_ENOTFOUND);
	for (i = 0; safi_norm_preset_names[i]; i++)
		CHECK(safi_norm_preset(&o, safi_norm_preset_names[i]) == 0);
	CHECK(i == 3);
}

static void
single_folds(void)
{
	uint32_t out[SAFI_NORM_FOLD_MAX];

	CHECK(safi_norm_fold_cp(SAFI_NORM_ALEF, 0x0623, out) == 1 && out[0] == 0x0627);
	CHECK(safi_norm_fold_cp(SAFI_NORM_YEH, 0x0649, out) == 1 && out[0] == 0x064A);
	CHECK(safi_norm_fold_cp(SAFI_NORM_TEH_MARBUTA, 0x0629, out) == 1 && out[0] == 0x0647);
	CHECK(safi_norm_fold_cp(SAFI_NORM_HAMZA, 0x0624, out) == 1 && out[0] == 0x0648);
	CHECK(safi_norm_fold_cp(SAFI_NORM_HAMZA, 0x0621, out) == 1 && out[0] == 0x0621);
	CHECK(safi_norm_fold_cp(SAFI_NORM_PERSIAN, 0x06A9, out) == 1 && out[0] == 0x0643);
	CHECK(safi_norm_fold_cp(SAFI_NORM_DIGITS, 0x06F7, out) == 1 && out[0] == '7');
	CHECK(safi_norm_fold_cp(SAFI_NORM_TATWEEL, 0x0640, out) == 0);
	CHECK(safi_norm_fold_cp(SAFI_NORM_HARAKAT, 0x0651, out) == 0);
	CHECK(safi_norm_fold_cp(SAFI_NORM_INVISIBLE, 0x200C, out) == 1);  /* ZWNJ stays */
	CHECK(safi_norm_fold_cp(SAFI_NORM_INVISIBLE, 0x200F, out) == 0);
	CHECK(safi_norm_fold_cp(SAFI_NORM_PRESENTATION, 0xFEFB, out) == 2 &&
	      out[0] == 0x0644 && out[1] == 0x0627);
	CHECK(safi_norm_fold_cp(SAFI_NORM_CASE_FOLD, 0x00DF, out) == 2 && out[0] == 's');
	CHECK(safi_norm_fold_cp(0, 0xD800, out) == SAFI_EINVAL);
	CHECK(safi_norm_fold_cp(0, 0x110000, out) == SAFI_EINVAL);
}

/* a token through a one-fold normalizer, as count-terms does */
static void
token(void)
{
	struct safi_norm_opts o = {SAFI_FORM_NONE, SAFI_NORM_ALEF};
	struct safi_normalizer *nz;
	struct safi_buf out = SAFI_BUF_INIT;

	CHECK(safi_normalizer_new(&nz, &o) == 0);
	CHECK(safi_normalize(nz, "\xd8\xa3\xd8\xad\xd9\x85\xd8\xaf", 8, &out) == 0);
	CHECK_STR(out.ptr, out.len, "\xd8\xa7\xd8\xad\xd9\x85\xd8\xaf");
	out.len = 0;
	/* ill-formed input is replaced, never passed through */
	CHECK(safi_normalize(nz, "a\xff", 2, &out) == 0);
	CHECK_STR(out.ptr, out.len, "a\xef\xbf\xbd");
	safi_normalizer_free(nz);
	safi_normalizer_free(NULL);
	safi_buf_free(&out);
}

struct bytes {
	const char *p;
	size_t n, at;
};

static long
one_byte(void *ctx, void *buf, size_t cap)
{
	struct bytes *b = ctx;

	if (b->at == b->n || cap == 0)
		return 0;
	*(char *)buf = b->p[b->at++];
	return 1;
}

/* Normalizes text line by line, whole, and through a byte-at-a-time
 * reader with pieces of a few bytes; checks both give the same bytes. */
static void
streaming(const struct safi_norm_opts *o, const char *text, size_t n)
{
	struct safi_normalizer *nz;
	struct safi_reader *r;
	struct safi_reader_opts ro = {SAFI_READ_PIECES, SAFI_INVALID_REPLACE, 16, 5, 0};
	struct safi_buf whole = SAFI_BUF_INIT, pieces = SAFI_BUF_INIT, clean = SAFI_BUF_INIT;
	struct bytes b = {text, n, 0};
	struct safi_line line;
	uint64_t bad = 0;
	size_t i, start;

	CHECK(safi_normalizer_new(&nz, o) == 0);
	safi_utf8_sanitize(text, n, SAFI_INVALID_REPLACE, &clean, &bad, NULL);
	for (start = i = 0; i <= clean.len; i++)
		if (i == clean.len || clean.ptr[i] == '\n') {
			if (i > start || i < clean.len) {
				safi_normalize(nz, clean.ptr + start, i - start, &whole);
				safi_buf_putc(&whole, '\n');
			}
			start = i + 1;
		}
	CHECK(safi_reader_new(&r, one_byte, &b, &ro) == 0);
	while (safi_reader_next(r, &line) > 0) {
		int end = (line.flags & SAFI_LINE_END) != 0;

		CHECK(line.len <= 8);
		safi_normalize_piece(nz, line.ptr, line.len, end, &pieces);
		if (end)
			safi_buf_putc(&pieces, '\n');
	}
	CHECK_BYTES(pieces.ptr, pieces.len, whole.ptr, whole.len);
	safi_reader_free(r);
	safi_normalizer_free(nz);
	safi_buf_free(&whole);
	safi_buf_free(&pieces);
	safi_buf_free(&clean);
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long len;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	p = malloc((size_t)len + 1);
	*n = fread(p, 1, (size_t)len, f);
	fclose(f);
	return p;
}

/* With the mojibake repair, repair and normalization alternate until the
 * line is stable: damaged characters that a dropped control or soft
 * hyphen kept apart are repaired too, and a second pass changes nothing. */
static void
repair_rounds(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"\xd8\xb7\xc2\xa7\xd8\xb8\x02\xe2\x80\x9e\xd8\xb8\xcb\x86"
		 "\xd8\xb7\xc2\xb7\xd8\xb8\xe2\x80\xa0", "\xd8\xa7\xd9\x84\xd9\x88\xd8\xb7\xd9\x86"},
		{"caf\xc3\x83\xc2\xad\xc2\xa9", "caf\xc3\xa9"},
	};
	struct safi_buf once = SAFI_BUF_INIT, twice = SAFI_BUF_INIT;
	struct safi_normalizer *nz;
	struct safi_norm_opts o;
	size_t i;

	safi_norm_preset(&o, "train");
	CHECK(safi_normalizer_new(&nz, &o) == 0);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		once.len = twice.len = 0;
		CHECK(safi_normalize(nz, cases[i].in, strlen(cases[i].in), &once) == 0);
		CHECK_BYTES(once.ptr, once.len, cases[i].want, strlen(cases[i].want));
		CHECK(safi_normalize(nz, once.ptr, once.len, &twice) == 0);
		CHECK_BYTES(twice.ptr, twice.len, once.ptr, once.len);
	}
	safi_normalizer_free(nz);
	safi_buf_free(&once);
	safi_buf_free(&twice);
}

/* Every scalar value, 64 to a line, through a normalizer twice: the
 * second pass changes nothing and the output is well-formed. */
static void
every_code_point(const struct safi_norm_opts *o)
{
	static struct safi_buf text, once, twice;
	struct safi_normalizer *nz;
	unsigned c;
	size_t i, start;

	if (text.len == 0)
		for (c = 0x20; c < 0x110000; c++) {
			if (c >= 0xD800 && c <= 0xDFFF)
				continue;
			safi_buf_put_utf8(&text, c);
			if (c % 64 == 0)
				safi_buf_putc(&text, '\n');
		}
	CHECK(safi_normalizer_new(&nz, o) == 0);
	once.len = twice.len = 0;
	for (start = i = 0; i <= text.len; i++)
		if (i == text.len || text.ptr[i] == '\n') {
			safi_normalize(nz, text.ptr + start, i - start, &once);
			safi_buf_putc(&once, '\n');
			start = i + 1;
		}
	CHECK(safi_utf8_valid_prefix(once.ptr, once.len) == once.len);
	for (start = i = 0; i < once.len; i++)
		if (once.ptr[i] == '\n') {
			safi_normalize(nz, once.ptr + start, i - start, &twice);
			safi_buf_putc(&twice, '\n');
			start = i + 1;
		}
	CHECK(twice.len == once.len && memcmp(twice.ptr, once.ptr, once.len) == 0);
	safi_normalizer_free(nz);
}

int
main(void)
{
	static const char *files[] = {
		"examples/corpus/01-ar-fuel-prices.txt",
		"examples/corpus/07-ar-book-fair.mojibake.txt",
		"examples/corpus/09-en-harbour-storm.txt",
	};
	static const char tricky[] =
	    "  Cafe\xcc\x81   \xd9\x85\xd8\xad\xd9\x85\xd9\x91\xd9\x8e\xd8\xaf  \n"
	    "\xd8\xa7\xe2\x80\x8b\xd9\x94\xd9\x85\xd9\x84 \xef\xbb\xbb\xef\xb9\xb0 \xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab"
	    "\xcc\xa3\xcc\x87\xcc\x81\xcc\x80 \xc3\x9f\xef\xac\x81 \xef\xb7\xba\n\n\t \xc2\xa0\n"
	    "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81" "b";
	struct safi_norm_opts o;
	size_t n, i;
	int p;

	names();
	single_folds();
	token();
	repair_rounds();
	for (p = 0; safi_norm_preset_names[p]; p++) {
		safi_norm_preset(&o, safi_norm_preset_names[p]);
		streaming(&o, tricky, sizeof tricky - 1);
		for (i = 0; i < sizeof files / sizeof files[0]; i++) {
			char *text = slurp(files[i], &n);

			CHECK(text != NULL);
			if (text)
				streaming(&o, text, n);
			free(text);
		}
	}
	for (p = 0; p <= SAFI_FORM_NONE; p++) {
		o.form = (enum safi_norm_form)p;
		o.folds = SAFI_NORM_SPACES | SAFI_NORM_MARKS;
		streaming(&o, tricky, sizeof tricky - 1);
		o.folds = SAFI_NORM_DEFAULT_FOLDS | SAFI_NORM_CASE_FOLD |
		    SAFI_NORM_ARABIC | SAFI_NORM_MARKS | SAFI_NORM_INVISIBLE;
		every_code_point(&o);
	}
	for (p = 0; safi_norm_preset_names[p]; p++) {
		safi_norm_preset(&o, safi_norm_preset_names[p]);
		every_code_point(&o);
	}
	return tap_done();
}
