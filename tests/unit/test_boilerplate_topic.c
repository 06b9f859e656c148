/*
 * test_boilerplate_topic.c - the topic words of Chinese and Japanese text,
 * which writes without spaces: a token of Han and kana letters gives the
 * pairs of its neighbouring letters as its words.
 */
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"
#include "tap.h"

/* The keys of the token p[0, len), up to |max|.  Returns their count. */
static size_t
pairs(const char *p, size_t len, uint64_t *keys, size_t max)
{
	size_t i = 0, n = 0;
	uint64_t k;

	while (n < max && (k = safi_bp_cjk_pair(p, 0, &i, len)) != 0)
		keys[n++] = k;
	return n;
}

static void
test_letters(void)
{
	static const char han[] = "東京", kana[] = "です", latin[] = "Tokyo";

	CHECK(safi_bp_cjk_letter(han, 0, strlen(han)) == 0x6771);
	CHECK(safi_bp_cjk_letter(han, 3, strlen(han)) == 0x4EAC);
	CHECK(safi_bp_cjk_letter(kana, 0, strlen(kana)) == 0x3067);
	CHECK(safi_bp_cjk_letter(latin, 0, strlen(latin)) == 0);
	CHECK(safi_bp_cjk_letter(han, 4, strlen(han)) == 0);  /* a letter cut short */
}

static void
test_pairs(void)
{
	static const char three[] = "東京都", two[] = "京都", one[] = "都";
	uint64_t a[4], b[4], c[4];

	/* Three letters make two pairs; the second pair of a word is the
	 * only pair of the word it ends. */
	CHECK(pairs(three, strlen(three), a, 4) == 2);
	CHECK(pairs(two, strlen(two), b, 4) == 1);
	CHECK(a[0] != a[1]);
	CHECK(a[1] == b[0]);
	/* A letter alone is its own word, none of the pairs it is in. */
	CHECK(pairs(one, strlen(one), c, 4) == 1);
	CHECK(c[0] != a[0] && c[0] != a[1]);
	CHECK(pairs("Tokyo", 5, c, 4) == 0);
}

int
main(void)
{
	test_letters();
	test_pairs();
	return tap_done();
}
