/*
 * boilerplate_topic.c - the topic words of a line: what a headline shares
 * with the paragraphs under it, a box with the article around it, a run of
 * short lines with the body.
 *
 * A line's topic words are its content words (not stop words, not
 * numbers), each taken as a 64-bit key into a small open set
 * (struct bp_topic).  Words are compared folded, by their light stems
 * where the language inflects (BP_STEM_...), and Chinese and Japanese,
 * which write without spaces, by pairs of neighbouring letters.
 *
 * Cost: each line's words are read once per question asked of it.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "boilerplate_stages.h"

/*
 * Chinese and Japanese write without spaces: to the scanner a clause of Han
 * and kana letters is one token, which no other line repeats whole.  Its
 * topic words are the pairs of neighbouring letters (most words of these
 * languages are two letters long, and a longer word is made of its pairs),
 * so that a headline and the paragraphs under it share them as words.
 */

/* The Han or kana letter (U+3040-U+9FFF, three bytes) at p[i], or 0. */
int32_t
safi_bp_cjk_letter(const char *p, size_t i, size_t end)
{
	const unsigned char *u = (const unsigned char *)p + i;
	int32_t cp;

	if (i + 3 > end || u[0] < 0xE3 || u[0] > 0xE9)
		return 0;
	cp = (int32_t)(u[0] & 0x0F) << 12 | (int32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	return cp >= 0x3040 && cp <= 0x9FFF ? cp : 0;
}

/* The key of the next pair of letters at p[*i] of the token at p[start,
 * end) (a token of one letter is its own key), moving *i on; 0 at its
 * end. */
uint64_t
safi_bp_cjk_pair(const char *p, size_t start, size_t *i, size_t end)
{
	int32_t a = safi_bp_cjk_letter(p, *i, end), b;

	if (!a)
		return 0;
	b = safi_bp_cjk_letter(p, *i + 3, end);
	if (!b) {
		if (*i > start)
			return 0;  /* the last letter, already in a pair */
		*i = end;
		return safi_bp_key(safi_bp_seq_step(BP_SEQ_SEED, (uint64_t)a));
	}
	*i += 3;
	return safi_bp_key(safi_bp_seq_step(safi_bp_seq_step(BP_SEQ_SEED, (uint64_t)a),
	    (uint64_t)b));
}

/* Adds key |k| to |tp|. */
static void
topic_put(struct bp_topic *tp, uint64_t k)
{
	size_t j = k & (BP_TOPIC_SLOTS - 1);

	while (tp->set[j] && tp->set[j] != k)
		j = (j + 1) & (BP_TOPIC_SLOTS - 1);
	if (!tp->set[j])
		tp->set[j] = k, tp->n++;
}

/* Is the word at p[i] written in the Cyrillic script? */
static int
cyrillic_word(const char *p, size_t i)
{
	return (unsigned char)p[i] >= 0xD0 && (unsigned char)p[i] <= 0xD3;
}

/* The key of token |t| of |s|: its folded word, or its stem where
 * |stems| asks for it (see safi_bp_topic_add_stems()). */
static uint64_t
word_key(const struct bp_lexicon *lx, const char *p, const struct bp_scan *s, unsigned t,
         int stems)
{
	if (stems == BP_STEM_ALL || (stems == BP_STEM_CYRILLIC && cyrillic_word(p, s->tok_raw[t])))
		return safi_bp_stem_key(lx, p, s->tok_raw[t], s->tok_rawend[t]);
	return safi_bp_key(s->tok_hash[t]);
}

void
safi_bp_topic_add_stems(const struct bp_lexicon *lx, const char *p, size_t len,
                        struct bp_topic *tp, int stems)
{
	struct bp_scan scan, *s = &scan;
	unsigned t;

	safi_bp_scan_line(lx, p, len, s);
	for (t = 0; t < s->ntok && tp->n < BP_TOPIC_SLOTS / 2; t++) {
		size_t i = s->tok_raw[t], end = s->tok_rawend[t];
		uint64_t k;

		if ((s->tok_flags[t] & W_LANGS) || s->tok_num[t])
			continue;
		if (!safi_bp_cjk_letter(p, i, end)) {
			topic_put(tp, word_key(lx, p, s, t, stems));
			continue;
		}
		while (tp->n < BP_TOPIC_SLOTS / 2 && (k = safi_bp_cjk_pair(p, s->tok_raw[t], &i, end)) != 0)
			topic_put(tp, k);
	}
}

/* Counts the content words of p[0, len) in |tp| (see below); with
 * |names| set, only those not written in lower case. */
static void
count_words(const struct bp_lexicon *lx, const char *p, size_t len, const struct bp_topic *tp,
            unsigned *hits, unsigned *total, int stems, int names)
{
	struct bp_scan scan, *s = &scan;
	unsigned t;

	safi_bp_scan_line(lx, p, len, s);
	for (t = 0; t < s->ntok; t++) {
		size_t i = s->tok_raw[t], end = s->tok_rawend[t];
		uint64_t k;

		if ((s->tok_flags[t] & W_LANGS) || s->tok_num[t] ||
		    (names && p[i] >= 'a' && p[i] <= 'z'))
			continue;
		if (!safi_bp_cjk_letter(p, i, end)) {
			(*total)++;
			*hits += safi_bp_topic_has(tp, word_key(lx, p, s, t, stems));
			continue;
		}
		while ((k = safi_bp_cjk_pair(p, s->tok_raw[t], &i, end)) != 0) {
			(*total)++;
			*hits += safi_bp_topic_has(tp, k);
		}
	}
}

void
safi_bp_topic_count_stems(const struct bp_lexicon *lx, const char *p, size_t len,
                          const struct bp_topic *tp, unsigned *hits, unsigned *total, int stems)
{
	count_words(lx, p, len, tp, hits, total, stems, 0);
}

void
safi_bp_topic_count_names(const struct bp_lexicon *lx, const char *p, size_t len,
                          const struct bp_topic *tp, unsigned *hits, unsigned *total)
{
	count_words(lx, p, len, tp, hits, total, BP_STEM_NONE, 1);
}

void
safi_bp_topic_add(const struct bp_lexicon *lx, const char *p, size_t len, struct bp_topic *tp)
{
	safi_bp_topic_add_stems(lx, p, len, tp, BP_STEM_NONE);
}

void
safi_bp_topic_count(const struct bp_lexicon *lx, const char *p, size_t len,
                    const struct bp_topic *tp, unsigned *hits, unsigned *total)
{
	safi_bp_topic_count_stems(lx, p, len, tp, hits, total, BP_STEM_NONE);
}
