/* JSON Lines members: finding, decoding, encoding and replacing. */
#include <stdlib.h>

#include "safi.h"
#include "tap.h"

#define LIT(s) s, sizeof(s) - 1

/* Finds "text" in the literal line; returns the result code. */
static int
find(const char *line, size_t len, struct safi_jsonl_member *m)
{
	return safi_jsonl_find(line, len, "text", 4, m);
}

/* Decodes the "text" member of |line| and checks it says want[0..wlen). */
static void
check_text(const char *line, size_t len, const char *want, size_t wlen)
{
	struct safi_jsonl_member m;
	struct safi_buf b = SAFI_BUF_INIT;

	CHECK(find(line, len, &m) == 0);
	CHECK(safi_jsonl_decode(line + m.start, m.end - m.start,
	                        SAFI_INVALID_REPLACE, &b) >= 0);
	CHECK_BYTES(b.ptr, b.len, want, wlen);
	safi_buf_free(&b);
}

/* Checks that |line| is refused as not a JSON object, with |why|. */
static void
check_corrupt(const char *line, size_t len, const char *why, size_t at)
{
	struct safi_jsonl_member m;

	CHECK(find(line, len, &m) == SAFI_ECORRUPT);
	CHECK(m.why != NULL && strcmp(m.why, why) == 0);
	if (m.why && strcmp(m.why, why) != 0)
		fprintf(stderr, "  [%.*s]: why '%s', want '%s'\n", (int)len, line, m.why, why);
	CHECK(m.at == at);
	if (m.at != at)
		fprintf(stderr, "  [%.*s]: at %zu, want %zu\n", (int)len, line, m.at, at);
}

static void
test_find(void)
{
	struct safi_jsonl_member m;

	check_text(LIT("{\"text\":\"hello\"}"), LIT("hello"));
	check_text(LIT(" { \"url\" : \"u\" , \"text\" : \"a b\" } "), LIT("a b"));
	/* other values of every kind are skipped */
	check_text(LIT("{\"a\":[1,-2.5e+3,true,false,null,{\"b\":[[]],\"c\":{}}],"
	               "\"n\":0,\"text\":\"x\",\"z\":[{}]}"), LIT("x"));
	/* the last of two members of the name counts, as in jq and Python,
	 * whichever way its name is spelt */
	check_text(LIT("{\"text\":\"one\",\"text\":\"two\"}"), LIT("two"));
	check_text(LIT("{\"te\\u0078t\":\"one\",\"text\":\"two\"}"), LIT("two"));
	check_text(LIT("{\"text\":\"one\",\"te\\u0078t\":\"two\"}"), LIT("two"));
	check_text(LIT("{\"text\":null,\"text\":\"later\"}"), LIT("later"));
	/* names are compared unescaped */
	check_text(LIT("{\"te\\u0078t\":\"esc\"}"), LIT("esc"));
	check_text(LIT("{\"texts\":\"no\",\"tex\":\"no\",\"text\":\"yes\"}"), LIT("yes"));
	CHECK(safi_jsonl_find(LIT("{\"\\u00e9t\\u00E9\":\"x\"}"), "été", strlen("été"), &m) == 0);
	CHECK(m.start == 17 && m.end == 20);

	CHECK(find(LIT("{\"url\":\"u\"}"), &m) == SAFI_ENOTFOUND);
	CHECK(m.type == NULL);
	CHECK(find(LIT("{}"), &m) == SAFI_ENOTFOUND);
	CHECK(m.type == NULL);
	CHECK(find(LIT("{\"text\":12}"), &m) == SAFI_ENOTFOUND);
	CHECK(m.type && strcmp(m.type, "number") == 0);
	CHECK(m.start == 8 && m.end == 10);
	CHECK(find(LIT("{\"text\":\"first\",\"text\":null}"), &m) == SAFI_ENOTFOUND);
	CHECK(m.type && strcmp(m.type, "null") == 0);
	CHECK(find(LIT("{\"text\":[\"a\"]}"), &m) == SAFI_ENOTFOUND);
	CHECK(m.type && strcmp(m.type, "array") == 0);
	CHECK(find(LIT("{\"text\":{\"text\":\"inner\"}}"), &m) == SAFI_ENOTFOUND);
	CHECK(m.type && strcmp(m.type, "object") == 0);
	/* a nested member of the name is not the member */
	CHECK(find(LIT("{\"meta\":{\"text\":\"inner\"}}"), &m) == SAFI_ENOTFOUND);
	CHECK(m.type == NULL);
}

static void
test_corrupt(void)
{
	check_corrupt(LIT(""), "not a JSON object", 0);
	check_corrupt(LIT("  "), "not a JSON object", 2);
	check_corrupt(LIT("[\"text\"]"), "not a JSON object", 0);
	check_corrupt(LIT("\"text\""), "not a JSON object", 0);
	check_corrupt(LIT("plain text"), "not a JSON object", 0);
	check_corrupt(LIT("{"), "expected a member name", 1);
	check_corrupt(LIT("{\"text\":\"a\""), "expected ',' or '}'", 11);
	check_corrupt(LIT("{\"text\":\"a\"}x"), "text after the object", 12);
	check_corrupt(LIT("{\"text\":\"a\"}{}"), "text after the object", 12);
	check_corrupt(LIT("{\"text\":\"a\",}"), "expected a member name", 12);
	check_corrupt(LIT("{text:\"a\"}"), "expected a member name", 1);
	check_corrupt(LIT("{\"text\" \"a\"}"), "expected ':'", 8);
	check_corrupt(LIT("{\"text\":}"), "expected a value", 8);
	check_corrupt(LIT("{\"text\":\"a}"), "unterminated string", 11);
	check_corrupt(LIT("{\"text\":\"a\\\"}"), "unterminated string", 13);
	check_corrupt(LIT("{\"text\":\"a\\x\"}"), "bad escape", 10);
	check_corrupt(LIT("{\"text\":\"\\u12g4\"}"), "bad \\u escape", 9);
	check_corrupt(LIT("{\"text\":\"\\u12\"}"), "bad \\u escape", 9);
	check_corrupt(LIT("{\"text\":\"a\tb\"}"), "control character in a string", 10);
	check_corrupt(LIT("{\"text\":\"a\0b\"}"), "control character in a string", 10);
	/* an error in a member that is not the one sought still counts */
	check_corrupt(LIT("{\"text\":\"a\",\"b\":tru}"), "expected a value", 16);
	check_corrupt(LIT("{\"b\":[1,2}"), "expected ',' or ']'", 9);
	check_corrupt(LIT("{\"b\":{\"c\":1]}"), "expected ',' or '}'", 11);
	check_corrupt(LIT("{\"b\":01}"), "expected ',' or '}'", 6);
	check_corrupt(LIT("{\"b\":1.}"), "bad number", 7);
	check_corrupt(LIT("{\"b\":1e}"), "bad number", 7);
	check_corrupt(LIT("{\"b\":-}"), "bad number", 6);
	check_corrupt(LIT("{\"b\":+1}"), "expected a value", 5);
	check_corrupt(LIT("{\"b\":.5}"), "expected a value", 5);
	check_corrupt(LIT("{\"b\":[1,]}"), "expected a value", 8);
	check_corrupt(LIT("{\"b\":NaN}"), "expected a value", 5);
	check_corrupt(LIT("{\"b\":nul}"), "expected a value", 5);
	/* a form feed is not JSON white space */
	check_corrupt(LIT("\f{}"), "not a JSON object", 0);
}

static void
test_depth(void)
{
	struct safi_jsonl_member m;
	struct safi_buf b = SAFI_BUF_INIT;
	size_t d, deep = 100000;

	/* nesting to the ceiling is fine; one more level is refused, as is
	 * nesting far past it (without running out of stack) */
	for (d = SAFI_JSONL_MAX_DEPTH; d <= SAFI_JSONL_MAX_DEPTH + 1; d++) {
		size_t i;

		b.len = 0;
		safi_buf_append(&b, LIT("{\"text\":\"t\",\"x\":"));
		for (i = 0; i < d; i++)
			safi_buf_append(&b, i % 2 ? "{\"k\":" : "[", i % 2 ? 5 : 1);
		safi_buf_putc(&b, '0');
		for (i = d; i-- > 0;)
			safi_buf_putc(&b, i % 2 ? '}' : ']');
		safi_buf_putc(&b, '}');
		CHECK(find(b.ptr, b.len, &m) == (d == SAFI_JSONL_MAX_DEPTH ? 0 : SAFI_ECORRUPT));
	}
	CHECK(m.why && strcmp(m.why, "nested too deep") == 0);
	b.len = 0;
	safi_buf_append(&b, LIT("{\"x\":"));
	for (d = 0; d < deep; d++)
		safi_buf_putc(&b, '[');
	CHECK(find(b.ptr, b.len, &m) == SAFI_ECORRUPT);
	safi_buf_free(&b);
}

static void
test_decode(void)
{
	struct safi_buf b = SAFI_BUF_INIT;

	safi_buf_reserve(&b, 64);  /* CHECK_BYTES compares with memcmp */
#define DECODES(in, want) do { \
	b.len = 0; \
	CHECK(safi_jsonl_decode(LIT(in), SAFI_INVALID_REPLACE, &b) == 0); \
	CHECK_BYTES(b.ptr, b.len, want, sizeof(want) - 1); \
} while (0)
	DECODES("\"\"", "");
	DECODES("\"plain\"", "plain");
	DECODES("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t");
	DECODES("\"a\\u0000b\"", "a\0b");
	DECODES("\"\\u00e9\\u00C9\\u0627\\u20ac\"", "éÉا€");
	DECODES("\"\\ud83d\\ude00!\"", "😀!");
	DECODES("\"\\uDBFF\\uDFFF\"", "\xF4\x8F\xBF\xBF");
	DECODES("\"مرحبا \\\"x\\\"\"", "مرحبا \"x\"");
#undef DECODES
	b.len = 0;
	CHECK(safi_jsonl_decode(LIT("\"a"), SAFI_INVALID_REPLACE, &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\""), SAFI_INVALID_REPLACE, &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\"\\\""), SAFI_INVALID_REPLACE, &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\"a\"b\""), SAFI_INVALID_REPLACE, &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\"\n\""), SAFI_INVALID_REPLACE, &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("x"), SAFI_INVALID_REPLACE, &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\"\\ud80\""), SAFI_INVALID_REPLACE, &b) == SAFI_ECORRUPT);
	safi_buf_free(&b);
}

/* A surrogate escape that is not half of a pair names no character: it is
 * ill-formed text, replaced (or dropped, or refused) and counted. */
static void
test_lone_surrogates(void)
{
	struct safi_buf b = SAFI_BUF_INIT;
	struct safi_jsonl_member m;

	safi_buf_reserve(&b, 64);
#define LONE(in, mode, want, count) do { \
	b.len = 0; \
	CHECK(safi_jsonl_decode(LIT(in), mode, &b) == (count)); \
	CHECK_BYTES(b.ptr, b.len, want, sizeof(want) - 1); \
} while (0)
	LONE("\"\\ud800\"", SAFI_INVALID_REPLACE, "\xEF\xBF\xBD", 1);
	LONE("\"a\\udc00b\"", SAFI_INVALID_REPLACE, "a\xEF\xBF\xBD" "b", 1);
	/* low before high: two lone halves, not a pair */
	LONE("\"\\udc00\\ud800\"", SAFI_INVALID_REPLACE, "\xEF\xBF\xBD\xEF\xBF\xBD", 2);
	/* a high surrogate followed by another escape keeps that escape */
	LONE("\"\\ud800\\u0041\"", SAFI_INVALID_REPLACE, "\xEF\xBF\xBD" "A", 1);
	LONE("\"\\ud800\\n\"", SAFI_INVALID_REPLACE, "\xEF\xBF\xBD\n", 1);
	LONE("\"x\\ud83d\"", SAFI_INVALID_REPLACE, "x\xEF\xBF\xBD", 1);
	/* a pair after a lone half is still a pair */
	LONE("\"\\ud800\\ud83d\\ude00\"", SAFI_INVALID_REPLACE, "\xEF\xBF\xBD😀", 1);
	LONE("\"a\\ud800b\\udfffc\"", SAFI_INVALID_SKIP, "abc", 2);
	b.len = 0;
	CHECK(safi_jsonl_decode(LIT("\"a\\ud800\""), SAFI_INVALID_FAIL, &b) == SAFI_EILSEQ);
	LONE("\"\\ud83d\\ude00\"", SAFI_INVALID_FAIL, "😀", 0);
#undef LONE
	/* the line is a JSON object all the same, as jq and Python read it,
	 * in the member sought and in others, names included */
	CHECK(find(LIT("{\"text\":\"\\ud800\"}"), &m) == 0);
	CHECK(m.start == 8 && m.end == 16);
	CHECK(find(LIT("{\"a\\udc00\":\"\\ud800x\",\"text\":\"t\"}"), &m) == 0);
	CHECK(safi_jsonl_find(LIT("{\"\\ud800\":\"x\"}"), "\xEF\xBF\xBD", 3, &m) == 0);
	safi_buf_free(&b);
}

static void
test_encode(void)
{
	struct safi_buf b = SAFI_BUF_INIT, d = SAFI_BUF_INIT;
	char all[128];
	int i;

#define ENCODES(in, want) do { \
	b.len = 0; \
	CHECK(safi_jsonl_encode(LIT(in), &b) == 0); \
	CHECK_BYTES(b.ptr, b.len, want, sizeof(want) - 1); \
} while (0)
	ENCODES("", "\"\"");
	ENCODES("plain", "\"plain\"");
	ENCODES("a\"b\\c/d", "\"a\\\"b\\\\c/d\"");
	ENCODES("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
	ENCODES("\0\x01\x1f\x7f", "\"\\u0000\\u0001\\u001f\x7f\"");
	ENCODES("مرحبا\n€ 😀", "\"مرحبا\\n€ 😀\"");
#undef ENCODES
	/* every ASCII byte comes back */
	for (i = 0; i < 128; i++)
		all[i] = (char)i;
	b.len = 0;
	CHECK(safi_jsonl_encode(all, sizeof all, &b) == 0);
	CHECK(safi_jsonl_decode(b.ptr, b.len, SAFI_INVALID_FAIL, &d) == 0);
	CHECK_BYTES(d.ptr, d.len, all, sizeof all);
	safi_buf_free(&b);
	safi_buf_free(&d);
}

static void
test_replace(void)
{
	static const char line[] =
		"{ \"id\" : 7,\"text\" :\t\"old\\ntext\" , \"tags\":[\"a\"] }";
	struct safi_jsonl_member m;
	struct safi_buf b = SAFI_BUF_INIT;

	CHECK(find(LIT(line), &m) == 0);
	CHECK(safi_jsonl_replace(LIT(line), &m, LIT("new\n\"one\""), &b) == 0);
	CHECK_STR(b.ptr, b.len,
	          "{ \"id\" : 7,\"text\" :\t\"new\\n\\\"one\\\"\" , \"tags\":[\"a\"] }");
	/* the result is a JSON object again, with the new text */
	check_text(b.ptr, b.len, LIT("new\n\"one\""));
	b.len = 0;
	CHECK(safi_jsonl_replace(LIT(line), &m, "", 0, &b) == 0);
	CHECK_STR(b.ptr, b.len, "{ \"id\" : 7,\"text\" :\t\"\" , \"tags\":[\"a\"] }");
	/* a ceiling on the output is an error, not a crash */
	b.len = 0;
	b.limit = 16;
	CHECK(safi_jsonl_replace(LIT(line), &m, LIT("x"), &b) == SAFI_ETOOBIG);
	/* a value the caller built goes in as it is */
	b.len = 0;
	b.limit = 0;
	CHECK(safi_jsonl_replace_value(LIT(line), &m, LIT("[{\"n\":1}]"), &b) == 0);
	CHECK_STR(b.ptr, b.len,
	          "{ \"id\" : 7,\"text\" :\t[{\"n\":1}] , \"tags\":[\"a\"] }");
	m.end = sizeof line;
	CHECK(safi_jsonl_replace_value(LIT(line), &m, LIT("1"), &b) == SAFI_EINVAL);
	safi_buf_free(&b);
}

int
main(void)
{
	test_find();
	test_corrupt();
	test_depth();
	test_decode();
	test_lone_surrogates();
	test_encode();
	test_replace();
	return tap_done();
}
