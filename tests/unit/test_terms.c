/*
 * test_terms.c - words, the term table, runs and their merge, the counter.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>

#include "safi.h"
#include "tap.h"

struct collect {
	char out[1024];
	size_t len;
};

/* Collects segments as "w1|w2|", a segment that is not a word ended by
 * '~' instead. */
static int
on_word(void *ctx, const char *w, size_t len, int is_word)
{
	struct collect *c = ctx;

	if (c->len + len + 1 < sizeof c->out) {
		memcpy(c->out + c->len, w, len);
		c->len += len;
		c->out[c->len++] = is_word ? '|' : '~';
	}
	c->out[c->len] = '\0';
	return 0;
}

/* The words of s, as "w1|w2|", from the engine; checks ICU agrees. */
static const char *
words(const char *s)
{
	static struct collect c;
	struct collect d;
	struct safi_words *w, *icu;

	memset(&c, 0, sizeof c);
	memset(&d, 0, sizeof d);
	if (safi_words_new(&w, 0) < 0 || safi_words_new(&icu, SAFI_WORDS_ICU_ONLY) < 0)
		return "(no segmenter)";
	safi_words_each(w, s, strlen(s), on_word, &c);
	safi_words_each(icu, s, strlen(s), on_word, &d);
	CHECK_BYTES(c.out, c.len, d.out, d.len);
	safi_words_free(w);
	safi_words_free(icu);
	return c.out;
}

/* Strings drawn from one character of each Word_Break class (and the
 * characters the engine hands to ICU) must segment as ICU does. */
static void
random_strings(void)
{
	static const char *const alphabet[] = {
		"a", "Z", "@", "1", "\xd9\xa1", "'", ".", ":", ",", ";", " ", "  ",
		"\t", "\x0b", "_", "\"", "\xd7\x90", "\xd7\xb3", "\xcc\x81",
		"\xd9\x8e", "\xe2\x80\x8c", "\xe2\x80\x8d", "\xc2\xad",
		"\xc2\xb7", "\xd9\xab", "\xd9\x80", "\xe3\x80\x80",
		"\xe0\xb8\x81", "\xe6\x97\xa5", "\xe3\x82\xab", "\xe3\x81\x8b",
		"\xea\xb0\x80", "\xf0\x9f\x91\x8d", "\xf0\x9f\x87\xb8",
		"\xe2\x9d\xa4", "-", "#", "\xef\xbc\x9a", "\xd8\x8c", "\xcd\x8f",
		"\xdb\x9a", "\xd8\x9f", "\xd9\xac", "__",  /* Quranic mark, '?', thousands */
		"\x80",  /* ill-formed: a continuation byte on its own */
	};
	const size_t na = sizeof alphabet / sizeof alphabet[0];
	struct safi_words *w, *icu, *wo, *icu_wo;
	struct safi_word_spans sp = SAFI_WORD_SPANS_INIT;
	uint64_t state = 42;
	int i, k, bad = 0, bad_spans = 0;

	if (safi_words_new(&w, SAFI_WORDS_ALL) < 0 ||
	    safi_words_new(&icu, SAFI_WORDS_ALL | SAFI_WORDS_ICU_ONLY) < 0 ||
	    safi_words_new(&wo, 0) < 0 ||
	    safi_words_new(&icu_wo, SAFI_WORDS_ICU_ONLY) < 0) {
		CHECK(0);
		return;
	}
	for (i = 0; i < 20000; i++) {
		char s[128];
		size_t len = 0;
		struct collect c, d;
		int n;

		state = state * 6364136223846793005ull + 1442695040888963407ull;
		n = 1 + (int)((state >> 33) % 10);
		for (k = 0; k < n; k++) {
			const char *a;

			state = state * 6364136223846793005ull + 1442695040888963407ull;
			a = alphabet[(state >> 33) % na];
			memcpy(s + len, a, strlen(a));
			len += strlen(a);
		}
		memset(&c, 0, sizeof c);
		memset(&d, 0, sizeof d);
		safi_words_each(w, s, len, on_word, &c);
		safi_words_each(icu, s, len, on_word, &d);
		if (c.len != d.len || memcmp(c.out, d.out, c.len) != 0) {
			if (bad++ < 5)
				fprintf(stderr, "engine [%s] ICU [%s]\n", c.out, d.out);
		}
		/* the words alone, by position: the engine gives up on a line
		 * with a character only ICU handles and starts it again */
		memset(&c, 0, sizeof c);
		memset(&d, 0, sizeof d);
		if (safi_words_spans(wo, s, len, &sp) < 0) {
			bad_spans++;
			continue;
		}
		for (k = 0; k < (int)sp.n; k++)
			on_word(&c, s + sp.v[2 * k], sp.v[2 * k + 1], 1);
		safi_words_each(icu_wo, s, len, on_word, &d);
		if (c.len != d.len || memcmp(c.out, d.out, c.len) != 0) {
			if (bad_spans++ < 5)
				fprintf(stderr, "spans [%s] ICU [%s]\n", c.out, d.out);
		}
	}
	CHECK(bad == 0);
	CHECK(bad_spans == 0);
	safi_word_spans_free(&sp);
	safi_words_free(w);
	safi_words_free(icu);
	safi_words_free(wo);
	safi_words_free(icu_wo);
}

/* One character of each Word_Break class and general category (and of
 * each UTF-8 length), between contexts that join, break or attach to it:
 * the engine's segments and word status must be ICU's. */
static void
every_class(void)
{
	static const char *const before[] = {
		"", "a", "1", "_", " ", "\xd7\x90", "'", ".", "\xd9\x8e", "a_", "@",
	};
	static const char *const after[] = {
		"", "a", "1", "_", " ", "\xd9\x8e", "'", "\xe2\x80\x8f", "\xd7\x90",
	};
	const size_t nb = sizeof before / sizeof before[0];
	const size_t na = sizeof after / sizeof after[0];
	struct safi_words *w, *icu;
	unsigned seen[64][4][3] = {{{0}}};
	int bad = 0, tried = 0;
	UChar32 cp;

	if (safi_words_new(&w, SAFI_WORDS_ALL) < 0 ||
	    safi_words_new(&icu, SAFI_WORDS_ALL | SAFI_WORDS_ICU_ONLY) < 0) {
		CHECK(0);
		return;
	}
	for (cp = 0; cp < 0x110000; cp++) {
		int wb = u_getIntPropertyValue(cp, UCHAR_WORD_BREAK);
		uint32_t gc = U_GET_GC_MASK(cp);
		int kind = (gc & U_GC_L_MASK) ? 0 : (gc & U_GC_M_MASK) ? 1 :
		           (gc & U_GC_ND_MASK) ? 2 : 3;
		int ulen = cp < 0x80 ? 0 : cp < 0x800 ? 1 : 2;
		char s[64], one[4];
		size_t i, k, ol, len;

		if ((cp >= 0xD800 && cp < 0xE000) || cp == '\n' || cp == '\r' ||
		    wb < 0 || wb >= 64 || seen[wb][kind][ulen]++ >= 8)
			continue;
		ol = 0;
		if (cp < 0x80) {
			one[ol++] = (char)cp;
		} else if (cp < 0x800) {
			one[ol++] = (char)(0xC0 | (cp >> 6));
			one[ol++] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			one[ol++] = (char)(0xE0 | (cp >> 12));
			one[ol++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			one[ol++] = (char)(0x80 | (cp & 0x3F));
		} else {
			one[ol++] = (char)(0xF0 | (cp >> 18));
			one[ol++] = (char)(0x80 | ((cp >> 12) & 0x3F));
			one[ol++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			one[ol++] = (char)(0x80 | (cp & 0x3F));
		}
		for (i = 0; i < nb; i++)
			for (k = 0; k < na; k++) {
				struct collect c, d;
				size_t bl = strlen(before[i]), al = strlen(after[k]);

				memcpy(s, before[i], bl);
				memcpy(s + bl, one, ol);
				memcpy(s + bl + ol, after[k], al);
				len = bl + ol + al;
				memset(&c, 0, sizeof c);
				memset(&d, 0, sizeof d);
				safi_words_each(w, s, len, on_word, &c);
				safi_words_each(icu, s, len, on_word, &d);
				tried++;
				if (c.len != d.len || memcmp(c.out, d.out, c.len) != 0) {
					if (bad++ < 5)
						fprintf(stderr, "U+%04X: engine [%s] ICU [%s]\n",
						        (unsigned)cp, c.out, d.out);
				}
			}
	}
	fprintf(stderr, "# %d strings\n", tried);
	CHECK(tried > 10000);
	CHECK(bad == 0);
	safi_words_free(w);
	safi_words_free(icu);
}

static long
mem_write(void *ctx, const void *p, size_t n)
{
	return safi_buf_append(ctx, p, n) < 0 ? -1 : (long)n;
}

/* Writes t as a run to the end of |out| (and empties t). */
static void
write_run(struct safi_terms *t, struct safi_buf *out)
{
	struct safi_writer *w;

	CHECK(safi_writer_new(&w, mem_write, out, 0) == 0);
	CHECK(safi_terms_write_run(t, w) == 0);
	CHECK(safi_writer_flush(w) == 0);
	safi_writer_free(w);
}

struct mem {
	const struct safi_buf *b;
	size_t at;
};

static long
mem_read(void *ctx, void *buf, size_t cap)
{
	struct mem *m = ctx;
	size_t n = m->b->len - m->at;

	if (n > cap)
		n = cap;
	if (n)
		memcpy(buf, m->b->ptr + m->at, n);
	m->at += n;
	return (long)n;
}

static void
add(struct safi_terms *t, const char *s, uint64_t n)
{
	CHECK(safi_terms_add(t, s, strlen(s), n) == 0);
}

/* A fold that makes "ab" two words' worth of text, "x y". */
static int
fold_ab(void *ctx, const char *s, size_t len, struct safi_buf *out)
{
	(void)ctx;
	if (len == 2 && memcmp(s, "ab", 2) == 0)
		return safi_buf_append(out, "x y", 3);
	return safi_buf_append(out, s, len);
}

/* The terms of t by count, as "count term|..." */
static const char *
dump(struct safi_terms *t)
{
	static char out[512];
	size_t i, at = 0;

	out[0] = '\0';
	CHECK(safi_terms_sort(t, SAFI_TERMS_BY_COUNT) == 0);
	for (i = 0; i < safi_terms_size(t); i++) {
		const char *term;
		size_t len;
		uint64_t count;

		safi_terms_get(t, i, &term, &len, &count);
		at += (size_t)snprintf(out + at, sizeof out - at, "%llu %.*s|",
		                       (unsigned long long)count, (int)len, term);
	}
	return out;
}

/* N-grams are counted by word ids until a word holds a space (a fold can
 * make one): the counts so far become strings, and counting goes on as
 * strings, with the same result as strings all along, sums of equal
 * terms included. */
static void
grams_to_strings(void)
{
	static const char *const lines[] = {"x y cd", "x y", "ab cd", "cd ab"};
	const char *want;
	struct safi_counter_opts o = {1, 2, 0, NULL, NULL, NULL};
	struct safi_terms *t;
	struct safi_counter *c;
	const char *got;
	size_t i;
	int folded;

	for (folded = 0; folded < 2; folded++) {
		o.fold = folded ? fold_ab : NULL;
		CHECK(safi_terms_new(&t, 0) == 0);
		CHECK(safi_counter_new(&c, t, &o) == 0);
		for (i = 0; i < 4; i++)
			CHECK(safi_counter_line(c, lines[i], strlen(lines[i])) == 0);
		CHECK(safi_counter_flush(c) == 0);
		got = dump(t);
		/* folded, the word "x y" and the bigram "x y" are one term */
		if (folded)
			want = "4 x y|3 cd|2 x|2 y|1 cd x y|1 x y cd|1 y cd|";
		else
			want = "3 cd|2 ab|2 x|2 x y|2 y|1 ab cd|1 cd ab|1 y cd|";
		CHECK_BYTES(got, strlen(got), want, strlen(want));
		safi_counter_free(c);
		safi_terms_free(t);
	}
}

/* Counts a generated text of many n-grams (tables that grow, groups of
 * equal counts large enough for the radix sort) in an empty table, by
 * word ids, and in a table that already holds a term, as strings: the
 * same terms in the same order, by count and by term, with and without
 * document frequency, and the same output lines (count first when sorted
 * by count, term first when by term). */
static void
grams_match_strings(void)
{
	struct safi_counter_opts o = {1, 3, 0, NULL, NULL, NULL};
	struct safi_terms *t[2];
	struct safi_counter *c[2];
	struct safi_buf fa = SAFI_BUF_INIT, fb = SAFI_BUF_INIT;
	uint64_t state = 7;
	char line[256];
	int df, k, order, bad = 0;
	size_t i, n;

	for (df = 0; df < 2; df++) {
		for (k = 0; k < 2; k++) {
			CHECK(safi_terms_new(&t[k], df ? SAFI_TERMS_DF : 0) == 0);
			CHECK(safi_counter_new(&c[k], t[k], &o) == 0);
		}
		CHECK(safi_terms_add(t[1], "\x01", 1, 1) == 0);
		for (i = 0; i < 30000; i++) {
			size_t len = 0, w, nw;

			state = state * 6364136223846793005ull + 1442695040888963407ull;
			nw = 1 + (state >> 60);
			for (w = 0; w < nw; w++) {
				state = state * 6364136223846793005ull + 1442695040888963407ull;
				/* a skewed vocabulary: many rare words, a few common */
				len += (size_t)snprintf(line + len, sizeof line - len, "%sw%llu",
				                        w ? " " : "",
				                        (unsigned long long)((state >> 33) % (1 + (state >> 50) % 5000)));
			}
			for (k = 0; k < 2; k++) {
				CHECK(safi_counter_line(c[k], line, len) == 0);
				if (i % 100 == 99)
					CHECK(safi_counter_end_doc(c[k]) == 0);
			}
		}
		for (k = 0; k < 2; k++)
			CHECK(safi_counter_flush(c[k]) == 0);
		CHECK(safi_terms_size(t[0]) > 20000);
		CHECK(safi_terms_size(t[1]) == safi_terms_size(t[0]) + 1);
		CHECK(safi_terms_total(t[1]) == safi_terms_total(t[0]) + 1);
		for (order = 0; order < 2; order++) {
			size_t j = 0;

			CHECK(safi_terms_sort(t[0], order ? SAFI_TERMS_BY_TERM : SAFI_TERMS_BY_COUNT) == 0);
			CHECK(safi_terms_sort(t[1], order ? SAFI_TERMS_BY_TERM : SAFI_TERMS_BY_COUNT) == 0);
			n = safi_terms_size(t[0]);
			for (i = 0; i < n; i++, j++) {
				const char *a, *b;
				size_t la, lb;
				uint64_t ca, cb;

				safi_terms_get(t[1], j, &b, &lb, &cb);
				if (lb == 1 && b[0] == 1)
					safi_terms_get(t[1], ++j, &b, &lb, &cb);
				safi_terms_get(t[0], i, &a, &la, &ca);
				if (la != lb || memcmp(a, b, la) != 0 || ca != cb) {
					if (bad++ < 3)
						fprintf(stderr, "%zu: ids [%.*s %llu] strings [%.*s %llu]\n",
						        i, (int)la, a, (unsigned long long)ca,
						        (int)lb, b, (unsigned long long)cb);
				}
				/* the lines, spelled straight from the ids */
				fa.len = fb.len = 0;
				CHECK(safi_terms_format(t[0], i, order, &fa, &ca) == 0);
				CHECK(safi_terms_format(t[1], j, order, &fb, &cb) == 0);
				if (fa.len != fb.len || memcmp(fa.ptr, fb.ptr, fa.len) != 0 || ca != cb) {
					if (bad++ < 3)
						fprintf(stderr, "%zu: ids line [%.*s] strings line [%.*s]\n",
						        i, (int)fa.len, fa.ptr, (int)fb.len, fb.ptr);
				}
			}
		}
		for (k = 0; k < 2; k++) {
			safi_counter_free(c[k]);
			safi_terms_free(t[k]);
		}
	}
	safi_buf_free(&fa);
	safi_buf_free(&fb);
	CHECK(bad == 0);
}

/* Terms of every length around the 8- and 16-byte loads that hash and
 * compare short terms: prefixes of one another, or differing in their
 * last byte only, added one by one and through the counter's batch. */
static void
lengths(void)
{
	struct safi_terms *t, *tc;
	struct safi_counter *c;
	struct safi_counter_opts o;
	char line[64 * 42 * 2];
	size_t l, at = 0, i, len;
	int round, ok = 1;

	memset(&o, 0, sizeof o);
	if (safi_terms_new(&t, 0) < 0 || safi_terms_new(&tc, 0) < 0 ||
	    safi_counter_new(&c, tc, &o) < 0) {
		CHECK(0);
		return;
	}
	for (l = 1; l <= 40; l++) {
		char w[41];

		memset(w, 'x', l);
		for (round = 0; round < 2; round++) {
			w[l - 1] = round ? 'y' : 'x';
			for (i = 0; i < 2; i++)
				CHECK(safi_terms_add(t, w, l, 1) == 0);
			memcpy(line + at, w, l);
			at += l;
			line[at++] = ' ';
			memcpy(line + at, w, l);
			at += l;
			line[at++] = ' ';
		}
	}
	CHECK(safi_counter_line(c, line, at - 1) == 0);
	CHECK(safi_counter_flush(c) == 0);
	CHECK(safi_terms_size(t) == 80);  /* x..x and x..y of each length */
	CHECK(safi_terms_size(tc) == 80);
	CHECK(safi_terms_sort(t, SAFI_TERMS_BY_TERM) == 0);
	CHECK(safi_terms_sort(tc, SAFI_TERMS_BY_TERM) == 0);
	for (i = 0; i < 80; i++) {
		const char *a, *b;
		size_t lb;
		uint64_t na, nb;

		safi_terms_get(t, i, &a, &len, &na);
		safi_terms_get(tc, i, &b, &lb, &nb);
		if (na != 2 || nb != 2 ||
		    len != lb || memcmp(a, b, len) != 0)
			ok = 0;
	}
	CHECK(ok);
	safi_counter_free(c);
	safi_terms_free(t);
	safi_terms_free(tc);
}

int
main(void)
{
	struct safi_terms *t, *t2;
	struct safi_buf r1 = SAFI_BUF_INIT, r2 = SAFI_BUF_INIT, line = SAFI_BUF_INIT;
	struct safi_terms_merger *m;
	struct mem m1 = {&r1, 0}, m2 = {&r2, 0};
	safi_read_fn fns[2] = {mem_read, mem_read};
	void *ctxs[2] = {&m1, &m2};
	const char *term, *wds;
	size_t len, i;
	uint64_t count;
	char buf[64];

	/* words */
	wds = words("info@example.com @handle e-mail");
	CHECK_BYTES(wds, strlen(wds), "info@example.com|@handle|e|mail|", strlen("info@example.com|@handle|e|mail|"));
	wds = words("don't 3.14 1,000 10:30 a_b");
	CHECK_BYTES(wds, strlen(wds), "don't|3.14|1,000|10|30|a_b|", strlen("don't|3.14|1,000|10|30|a_b|"));
	wds = words("وَالكِتَابُ الكتــاب ٢٠٢٤");
	CHECK_BYTES(wds, strlen(wds), "وَالكِتَابُ|الكتــاب|٢٠٢٤|", strlen("وَالكِتَابُ|الكتــاب|٢٠٢٤|"));
	wds = words("\xd7\xa0'W's \xd7\x90\"\xd7\x91");
	CHECK_BYTES(wds, strlen(wds), "\xd7\xa0'W's|\xd7\x90\"\xd7\x91|", strlen("\xd7\xa0'W's|\xd7\x90\"\xd7\x91|"));
	wds = words("x ภาษาไทย y 日本語 z");
	CHECK_BYTES(wds, strlen(wds), "x|ภาษา|ไทย|y|日本語|z|", strlen("x|ภาษา|ไทย|y|日本語|z|"));
	wds = words("... --- !!!");
	CHECK_BYTES(wds, strlen(wds), "", strlen(""));
	wds = words("\xd7\x90' x \xd7\x90'");
	CHECK_BYTES(wds, strlen(wds), "\xd7\x90'|x|\xd7\x90'|", strlen("\xd7\x90'|x|\xd7\x90'|"));
	/* word status as ICU gives it: marks after a space, a punctuation
	 * mark or at the start of a line make no word; '@' and a run of
	 * connectors do; a connector or a quote that ends a word and has a
	 * mark after it leaves the word without its status */
	wds = words("\xd9\x8b \xdb\x9a \xd8\x8c\xd9\x8b \xd8\x9f\xd9\x8e x");
	CHECK_BYTES(wds, strlen(wds), "x|", strlen("x|"));
	wds = words("@ _ __ ___ a_ a_\xd9\x8e 1_");
	CHECK_BYTES(wds, strlen(wds), "@|__|___|a_|1_|", strlen("@|__|___|a_|1_|"));
	/* where words break whatever comes before and after */
	CHECK(safi_words_cut("abc def", 7) == 4);
	CHECK(safi_words_cut("abc  def", 8) == 5);
	CHECK(safi_words_cut("abc def ", 8) == 4);
	CHECK(safi_words_cut("abcdef", 6) == 0);
	CHECK(safi_words_cut("abc \xd9\x8e", 6) == 0);  /* a mark attaches to the space */
	CHECK(safi_words_cut("a b\xd9\x8e \xd9\x8e", 9) == 2);
	CHECK(safi_words_cut("a \xd8\xa8", 4) == 2);
	random_strings();
	every_class();
	grams_to_strings();
	grams_match_strings();
	lengths();
	CHECK(safi_words_is_wordchar(0x064E));  /* fatha: a mark */
	CHECK(!safi_words_is_wordchar('-'));

	/* table: counts, order, duplicates */
	CHECK(safi_terms_new(&t, 0) == 0);
	add(t, "b", 2);
	add(t, "a", 2);
	add(t, "ab", 1);
	add(t, "b", 1);
	for (i = 0; i < 5000; i++) {
		snprintf(buf, sizeof buf, "w%zu", i % 2500);
		add(t, buf, 1);
	}
	CHECK(safi_terms_size(t) == 2503);
	CHECK(safi_terms_total(t) == 5006);
	CHECK(safi_terms_has(t, "ab", 2));
	CHECK(!safi_terms_has(t, "abc", 3));
	CHECK(safi_terms_sort(t, SAFI_TERMS_BY_COUNT) == 0);
	safi_terms_get(t, 0, &term, &len, &count);
	CHECK_BYTES(term, len, "b", 1);
	CHECK(count == 3);
	safi_terms_get(t, 1, &term, &len, &count);
	CHECK_BYTES(term, len, "a", 1);
	safi_terms_get(t, 2, &term, &len, &count);
	CHECK_BYTES(term, len, "w0", 2);
	safi_terms_get(t, 2502, &term, &len, &count);
	CHECK_BYTES(term, len, "ab", 2);
	CHECK(safi_terms_add(t, "x", 1, 1) == SAFI_EINVAL);  /* sorted */
	safi_terms_clear(t);
	CHECK(safi_terms_size(t) == 0);

	/* runs: two tables merge to the sums, in term order */
	CHECK(safi_terms_new(&t2, 0) == 0);
	add(t, "pear", 1);
	add(t, "apple", 2);
	add(t, "fig", 5);
	add(t2, "apple", 3);
	add(t2, "zucchini", 1);
	write_run(t, &r1);
	write_run(t2, &r2);
	CHECK(safi_terms_merger_new(&m, SAFI_TERMS_BY_TERM, 2, fns, ctxs) == 0);
	CHECK(safi_terms_merger_next(m, &term, &len, &count) == 1);
	CHECK_BYTES(term, len, "apple", 5);
	CHECK(count == 5);
	CHECK(safi_terms_merger_next(m, &term, &len, &count) == 1);
	CHECK_BYTES(term, len, "fig", 3);
	CHECK(safi_terms_merger_next(m, &term, &len, &count) == 1);
	CHECK_BYTES(term, len, "pear", 4);
	CHECK(safi_terms_merger_next(m, &term, &len, &count) == 1);
	CHECK_BYTES(term, len, "zucchini", 8);
	CHECK(safi_terms_merger_next(m, &term, &len, &count) == 0);
	safi_terms_merger_free(m);

	/* a truncated run is reported */
	r1.len -= 2;
	m1.at = 0;
	CHECK(safi_terms_merger_new(&m, SAFI_TERMS_BY_TERM, 1, fns, ctxs) == 0);
	while (safi_terms_merger_next(m, &term, &len, &count) == 1)
		;
	CHECK(safi_terms_merger_next(m, &term, &len, &count) <= 0);
	safi_terms_merger_free(m);

	/* counts saturate at UINT64_MAX, in a table and in a merge */
	r1.len = r2.len = 0;
	m1.at = m2.at = 0;
	add(t, "max", UINT64_MAX - 1);
	CHECK(safi_terms_add(t, "max", 3, 1) == 0);
	CHECK(safi_terms_add(t, "max", 3, 2) == 1);
	CHECK(safi_terms_total(t) == UINT64_MAX);
	add(t2, "max", 5);
	write_run(t, &r1);
	write_run(t2, &r2);
	CHECK(safi_terms_merger_new(&m, SAFI_TERMS_BY_TERM, 2, fns, ctxs) == 0);
	CHECK(safi_terms_merger_next(m, &term, &len, &count) == 2);
	CHECK_BYTES(term, len, "max", 3);
	CHECK(count == UINT64_MAX);
	CHECK(safi_terms_merger_next(m, &term, &len, &count) == 0);
	safi_terms_merger_free(m);

	/* text lines */
	CHECK(safi_terms_parse_line("12\tfoo bar", 10, 0, &term, &len, &count) == 0);
	CHECK_BYTES(term, len, "foo bar", 7);
	CHECK(count == 12);
	CHECK(safi_terms_parse_line("foo\t7", 5, 1, &term, &len, &count) == 0);
	CHECK(count == 7);
	CHECK(safi_terms_parse_line("x7\tfoo", 6, 0, &term, &len, &count) == SAFI_EINVAL);
	CHECK(safi_terms_parse_line("99999999999999999999\tfoo", 24, 0, &term, &len, &count) == SAFI_EINVAL);
	CHECK(safi_terms_parse_line("7\t", 2, 0, &term, &len, &count) == SAFI_EINVAL);
	CHECK(safi_terms_format_line(&line, "foo", 3, 42, 0) == 0);
	CHECK(safi_terms_format_line(&line, "foo", 3, 42, 1) == 0);
	CHECK_BYTES(line.ptr, line.len, "42\tfoo\nfoo\t42\n", 14);

	/* sorting by term: shared prefixes of every length, terms that are
	 * prefixes of others, a 300-byte common prefix, NUL bytes */
	safi_terms_free(t);
	CHECK(safi_terms_new(&t, 0) == 0);
	{
		char big[400];
		size_t k, q;

		for (k = 1; k <= 40; k++) {
			memset(big, 'x', k);
			CHECK(safi_terms_add(t, big, k, 1) == 0);
			big[k] = 'y';
			CHECK(safi_terms_add(t, big, k + 1, 1) == 0);
			big[k] = '\0';
			CHECK(safi_terms_add(t, big, k + 1, 1) == 0);
		}
		memset(big, 'p', 300);
		for (q = 0; q < 30; q++) {
			big[300] = (char)('a' + q % 26);
			big[301] = (char)('a' + q / 26);
			CHECK(safi_terms_add(t, big, 300 + 1 + q % 2, 1) == 0);
		}
		CHECK(safi_terms_sort(t, SAFI_TERMS_BY_COUNT) == 0);
		for (k = 1; k < safi_terms_size(t); k++) {
			const char *pt;
			size_t pl, ml;
			uint64_t pc;
			int c;

			safi_terms_get(t, k - 1, &pt, &pl, &pc);
			safi_terms_get(t, k, &term, &len, &count);
			ml = pl < len ? pl : len;
			c = memcmp(pt, term, ml);
			CHECK(pc > count || (pc == count && (c < 0 || (c == 0 && pl < len))));
		}
	}

	/* document frequency */
	safi_terms_free(t);
	CHECK(safi_terms_new(&t, SAFI_TERMS_DF) == 0);
	add(t, "a", 1);
	add(t, "a", 1);
	safi_terms_end_doc(t);
	add(t, "a", 1);
	CHECK(safi_terms_total(t) == 2);

	safi_terms_free(t);
	safi_terms_free(t2);
	safi_terms_free(NULL);
	safi_words_free(NULL);
	safi_counter_free(NULL);
	safi_terms_merger_free(NULL);
	safi_buf_free(&r1);
	safi_buf_free(&r2);
	safi_buf_free(&line);
	return tap_done();
}
