/*
 * boilerplate_figures.c - the figures of a small table kept in the article.
 *
 * A short table printed one cell to a line ("Bag", "Online", "15 kg",
 * "£22", "£45"; "Coursework", "40%", "Exam", "60%") is too short to be
 * read as a table, so each cell is judged alone: its labels pass as short
 * lines the article keeps, and its figures read as stamps ("£22", "40%",
 * "2020") and are dropped, so that the kept table loses its values.  In a
 * block of lines with no blank line among them, the dropped lines that are
 * figures (safi_bp_figure()) are kept when FIGURES of them or more stand
 * there, KEPT_CELLS lines of the block or more are kept, HEAD_CELLS of them
 * above the first figure (a table's header row, two cells at least, and
 * its first row's label), and no other line of the block is dropped: the
 * block is the article's table.  A date stamp under a headline is one
 * figure, a box of teasers with their dates drops its headlines too, and
 * a box of other offers sets a price under each name below its label
 * ("Other courses" over "Keelboat Start" over "£ 240"), with no header
 * row.
 *
 * Cost: one pass over the lines, each block read twice.
 */
#include <stddef.h>
#include <stdint.h>

#include "boilerplate_stages.h"

/* Figures of a block, at least; kept lines of it, at least; kept lines
 * above its first figure, at least. */
#define FIGURES 2
#define KEPT_CELLS 2
#define HEAD_CELLS 3
/* Words of a figure, at most; letters of its unit, at most. */
#define FIGURE_WORDS 2
#define UNIT_LETTERS 4

/* Is line |ln|, dropped as a date or as symbols, a figure: a number with
 * its unit or sign at most ("£22", "40%", "1.1 kg", "45h 10m"), in
 * FIGURE_WORDS words, with UNIT_LETTERS letters at most (a date of a
 * day, a month's name and a year, "14 May 1872", is a stamp)? */
int
safi_bp_figure(const char *base, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)base + ln->off;
	size_t k, letters = 0, digits = 0;

	if (ln->keep != 0 || ln->kind != K_BAD ||
	    (ln->reason != R_DATE && ln->reason != R_SYMBOLS) || ln->words > FIGURE_WORDS ||
	    (ln->flags & (L_BULLET | L_COLON)))
		return 0;
	for (k = 0; k < ln->len; k++) {
		if (p[k] >= '0' && p[k] <= '9')
			digits++;
		else if ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')
			letters++;
	}
	return digits > 0 && letters <= UNIT_LETTERS;
}

void
safi_bp_keep_table_figures(struct bp_doc *d)
{
	size_t i = 0, j, k;

	while (i < d->nlines) {
		size_t figures = 0, kept = 0, others = 0, head = 0;

		if (d->lines[i].kind == K_BLANK) {
			i++;
			continue;
		}
		for (j = i; j < d->nlines && d->lines[j].kind != K_BLANK; j++) {
			const struct bp_line *ln = &d->lines[j];

			if (ln->keep > 0) {
				kept++;
				head += figures == 0;
			} else if (safi_bp_figure(d->base, ln)) {
				figures++;
			} else {
				others++;
			}
		}
		if (figures >= FIGURES && kept >= KEPT_CELLS && head >= HEAD_CELLS && others == 0)
			for (k = i; k < j; k++)
				if (d->lines[k].keep == 0) {
					d->lines[k].keep = 1;
					d->lines[k].reason = R_TABLE;
				}
		i = j;
	}
}
