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
	CHECK(safi_jsonl_decode(line + m.start, m.end - m.start, &b) == 0);
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
	/* the first of two members of the name counts */
	check_text(LIT("{\"text\":\"one\",\"text\":\"two\"}"), LIT("one"));
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
	CHECK(find(LIT("{\"text\":null,\"text\":\"later\"}"), &m) == SAFI_ENOTFOUND);
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
	check_corrupt(LIT("{\"text\":\"\\ud800\"}"), "unpaired surrogate", 9);
	check_corrupt(LIT("{\"text\":\"\\udc00\\ud800\"}"), "unpaired surrogate", 9);
	check_corrupt(LIT("{\"text\":\"\\ud800\\u0041\"}"), "unpaired surrogate", 9);
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
	CHECK(safi_jsonl_decode(LIT(in), &b) == 0); \
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
	CHECK(safi_jsonl_decode(LIT("\"a"), &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\""), &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\"\\\""), &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\"a\"b\""), &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\"\\ud800\""), &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\"\\ude00\""), &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("\"\n\""), &b) == SAFI_ECORRUPT);
	CHECK(safi_jsonl_decode(LIT("x"), &b) == SAFI_ECORRUPT);
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
	CHECK(safi_jsonl_decode(b.ptr, b.len, &d) == 0);
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
	safi_buf_free(&b);
}

int
main(void)
{
	test_find();
	test_corrupt();
	test_depth();
	test_decode();
	test_encode();
	test_replace();
	return tap_done();
}
