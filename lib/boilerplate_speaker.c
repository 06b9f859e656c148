/*
 * boilerplate_speaker.c - the last lines of a dialogue under the article,
 * after the decoder.
 *
 * An interview, a transcript or a record prints its lines under labels
 * ("Q:", "A:", "Guest:", "الضيف:", "Title:").  The decoder ends the
 * article where the lines get short, and the dialogue's last reply ("A:
 * No.", "Guest: Thank you.") falls below the zone.  A dropped line right
 * under a kept line (blank lines aside) that opens with a label that
 * SPEAKER_KEPT kept lines near it open with (among SPEAKER_WINDOW
 * non-blank lines on either side) goes on with them and is kept as
 * *text*; so is the next such line under it.  A copy of a line, a
 * caption or a credit ("Photo: ..."), a copyright line and an address are
 * furniture whatever they open with.
 *
 * Cost: one pass over the lines reading the start of the dropped lines
 * right under kept ones, and for those that open with a label the first
 * bytes of the lines around, SPEAKER_WINDOW of them on either side.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"

#define SPEAKER_KEPT 2      /* kept lines that open with the label */
#define LABEL_WORDS 2       /* "A", "Guest", "Dr Rahim" */
#define LABEL_BYTES 24      /* bytes of a word of a label */
#define SPEAKER_WINDOW 100  /* non-blank lines read on either side */

/* The label the text |p| of |len| bytes opens with: one or two words
 * without a digit, then a colon and a space or the line's end.  Returns
 * its length with the colon (its offset in *from), or 0 when it opens with
 * none. */
size_t
safi_bp_label_len(const char *p, size_t len, size_t *from)
{
	size_t i = 0, start;
	unsigned words = 0;

	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	*from = i;
	for (;;) {
		start = i;
		while (i < len && i - start <= LABEL_BYTES && p[i] != ' ' && p[i] != '\t' &&
		    p[i] != ':') {
			if (p[i] >= '0' && p[i] <= '9')
				return 0;
			i++;
		}
		if (i == start || i - start > LABEL_BYTES || ++words > LABEL_WORDS || i >= len)
			return 0;
		if (p[i] == ':')
			break;
		i++;
	}
	if (i + 1 < len && p[i + 1] != ' ' && p[i + 1] != '\t')
		return 0;  /* "http://...", "10:30" */
	return i + 1 - *from;
}

/* The label line |ln| opens with (see safi_bp_label_len()), its start in
 * *at. */
static size_t
label_at(const struct bp_doc *d, const struct bp_line *ln, const char **at)
{
	const char *p = d->base + ln->off;
	size_t from, n = safi_bp_label_len(p, ln->len, &from);

	*at = p + from;
	return n;
}

/* Does kept line |ln| open with the label of |n| bytes at |p|? */
static int
opens_with(const struct bp_doc *d, const struct bp_line *ln, const char *p, size_t n)
{
	const char *q = d->base + ln->off;
	size_t j = 0;

	while (j < ln->len && (q[j] == ' ' || q[j] == '\t'))
		j++;
	return ln->len - j >= n && q[j] == p[0] && memcmp(q + j, p, n) == 0 &&
	    (ln->len - j == n || q[j + n] == ' ' || q[j + n] == '\t');
}

/* Walking from line |i| by |step| (1 or -1) over SPEAKER_WINDOW non-blank
 * lines, counts in |*found| the kept ones that open with the label of |n|
 * bytes at |p|; returns whether it reached SPEAKER_KEPT. */
static int
kept_side(const struct bp_doc *d, size_t i, int step, const char *p, size_t n,
          unsigned *found)
{
	unsigned seen = 0;
	size_t j = i;

	while (seen < SPEAKER_WINDOW && (step < 0 ? j-- > 0 : ++j < d->nlines)) {
		if (d->lines[j].keep < 0)
			continue;
		seen++;
		if (d->lines[j].keep > 0 && opens_with(d, &d->lines[j], p, n) &&
		    ++*found == SPEAKER_KEPT)
			return 1;
	}
	return 0;
}

/* Do SPEAKER_KEPT kept lines among the SPEAKER_WINDOW non-blank lines on
 * either side of line |i| open with the label of |n| bytes at |p|? */
static int
kept_around(const struct bp_doc *d, size_t i, const char *p, size_t n)
{
	unsigned found = 0;

	return kept_side(d, i, -1, p, n, &found) || kept_side(d, i, 1, p, n, &found);
}

void
safi_bp_keep_speaker_lines(struct bp_doc *d)
{
	size_t i, n;
	const char *p;
	int after = 0;  /* the last non-blank line was kept */

	for (i = 0; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];

		if (ln->keep < 0)
			continue;
		if (after && ln->keep == 0 && ln->reason != R_DUPLICATE &&
		    ln->reason != R_COPYRIGHT && ln->reason != R_URL &&
		    ln->reason != R_CAPTION && ln->reason != R_CREDIT &&
		    (n = label_at(d, ln, &p)) != 0 && kept_around(d, i, p, n)) {
			ln->keep = 1;
			ln->reason = R_TEXT;
		}
		after = ln->keep > 0;
	}
}

/* Does line |ln| end in a question mark? */
static int
asks(const struct bp_doc *d, const struct bp_line *ln)
{
	return safi_bp_asks(d->base + ln->off, ln->len);
}

/* ---- the first question of an interview above its zone ---------------- */

#define TURN_WORDS 25  /* most words of a question over its answer */
#define FIRST_TURNS 2  /* kept questions over answers that make an interview */

void
safi_bp_keep_first_question(struct bp_doc *d)
{
	size_t i, prev = SIZE_MAX;
	unsigned turns = 0;
	struct bp_line *ln;

	/* The line right above the first body paragraph, a question dropped
	 * as head; then the kept questions over kept answers below it. */
	for (i = 0; i < d->nlines; i++) {
		ln = &d->lines[i];
		if (ln->keep > 0 && ln->reason == R_BODY)
			break;
		if (ln->keep >= 0)
			prev = i;
	}
	if (i == d->nlines || prev == SIZE_MAX)
		return;
	ln = &d->lines[prev];
	if (ln->keep != 0 || ln->reason != R_HEAD || ln->words > TURN_WORDS || !asks(d, ln))
		return;
	for (; i < d->nlines && turns < FIRST_TURNS; i++) {
		const struct bp_line *q = &d->lines[prev];

		if (d->lines[i].keep < 0)
			continue;
		if (q->keep > 0 && d->lines[i].keep > 0 && q->reason != R_TITLE &&
		    q->reason != R_STANDFIRST && q->words <= TURN_WORDS && asks(d, q) &&
		    !asks(d, &d->lines[i]))
			turns++;
		prev = i;
	}
	if (turns == FIRST_TURNS) {
		ln->keep = 1;
		ln->reason = R_HEADING;
	}
}
