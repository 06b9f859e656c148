/*
 * boilerplate_tables.c - the tables of a page, marked before the zone is
 * found.
 *
 * A scraper prints a table in one of three ways: one cell to a line, one
 * row to a line with its cells between bars, or, for two columns, names
 * and their numbers taking turns inside a longer block.  Each block of
 * lines with no blank line among them is read for each shape, and the
 * lines of a table found get L_TABLE: a table in the article neither ends
 * nor makes the body zone (zone_score()), and its header and short rows,
 * which read as menus, are kept with it (safi_bp_table_row()).
 *
 * Cost: one pass over the lines, each block read once for each shape.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"

/* The value of a cell that is a bare number, or -1. */
static long
cell_number(const char *p, size_t len)
{
	long v = 0;
	size_t i = 0, d = 0;

	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	for (; i < len && p[i] >= '0' && p[i] <= '9' && d < 9; i++, d++)
		v = v * 10 + (p[i] - '0');
	while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '.'))
		i++;
	return d > 0 && i == len ? v : -1;
}

/* The place a counter shows on line p[0, len), "k / n" or "k of n" (a
 * slideshow's "3 / 18", "3 من 18", a pager's "2/7"): k, when it is n at
 * most; else a bare number's value (see cell_number()), or -1.  A slash
 * or one word of letters stands between the two numbers. */
static long
counter_number(const char *p, size_t len)
{
	size_t i = 0, e;
	long k = cell_number(p, len), n;

	if (k >= 0)
		return k;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	while (i < len && p[i] >= '0' && p[i] <= '9')
		i++;
	e = i;
	while (i < len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i == len)
		return -1;
	if (p[i] == '/')
		i++;
	else
		for (; i < len && p[i] != ' ' && p[i] != '\t'; i++)
			if ((unsigned char)p[i] < 0x80 && !((p[i] >= 'a' && p[i] <= 'z') ||
			    (p[i] >= 'A' && p[i] <= 'Z')))
				return -1;  /* a score's dash ("2 - 1") is no word */
	k = cell_number(p, e);
	n = i < len ? cell_number(p + i, len - i) : -1;
	return k >= 0 && n >= k ? k : -1;
}

/* A table, as a scraper prints it: one cell per line and no blank line
 * between the cells of TABLE_LINES lines or more, not list items, most of
 * them short and three in ten of them numbers.  A price list or a
 * tariff writes its units beside its numbers: a figure with its unit in
 * FIGURE_WORDS words or fewer ("3565 pounds", "up to 200 kWh") counts as
 * a number there.  A calendar or a pager (numbers counting up by one) is not a
 * table, nor is a slideshow, each caption under its counter ("1 / 18",
 * "2 / 18"): the counter's place counts up by one too. */
#define TABLE_LINES 12
#define FIGURE_WORDS 3

/*
 * A table printed one row to a line, its cells between bars ("Tomatoes |
 * 0.35 | 0.60"), as extractors write one out: ROW_LINES rows or more with
 * no blank line between, each of as many cells as the others (two at
 * least), a third of the cells past each row's first a number.  Its
 * header row, without numbers, reads as a menu; a column of stamps or
 * durations before headlines ("03:12 | ...") has its numbers in the first
 * cells, where a table keeps its row names.  A table of words (a
 * reference page's options: "port | integer | 8420 | the TCP port to
 * listen on") has few numbers but three cells or more to a row and a
 * column of descriptions: half of its rows hold a cell of TEXT_CELL_WORDS
 * words or more.  A menu printed over several rows has cells of a few
 * words each.
 */
#define ROW_LINES 3
#define TEXT_CELL_WORDS 4

/* Is p[0, len) a number as a table's cell holds one: digits (ASCII or
 * Arabic-Indic) with signs, points, a percent sign or spaces? */
static int
number_cell(const char *p, size_t len)
{
	size_t i, digits = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c >= '0' && c <= '9') {
			digits++;
		} else if (c == 0xD9 && i + 1 < len && (unsigned char)p[i + 1] >= 0xA0 &&
		    (unsigned char)p[i + 1] <= 0xAC) {
			digits++;  /* U+0660-U+066C: digits and separators */
			i++;
		} else if (!strchr(" .,%/:-+", c) || c == 0) {
			return 0;
		}
	}
	return digits > 0;
}

/* The character that parts the cells of line |ln|: a bar, or, on a line
 * without one, a tab between two cells' text ("Gruppo A<TAB>7,2<TAB>+11%"),
 * as a converter that writes a table cell by cell prints a row; 0 for a
 * line of one cell.  A tab that only indents the line parts nothing. */
static char
cell_separator(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off, *tab;
	size_t i = 0;

	if (memchr(p, '|', ln->len))
		return '|';
	while (i < ln->len && (p[i] == ' ' || p[i] == '\t'))
		i++;
	tab = i < ln->len ? memchr(p + i, '\t', ln->len - i) : NULL;
	while (tab != NULL && tab < p + ln->len && (*tab == ' ' || *tab == '\t'))
		tab++;
	return tab != NULL && tab < p + ln->len ? '\t' : 0;
}

/* May line |ln| be a row?  A line with a spaced bar has L_SEPARATED set,
 * or is a menu or bad for another reason; a line of cells parted by tabs,
 * no body paragraph, is read too.  Only such lines are read for their
 * cells. */
static inline int
maybe_row(const struct decoder *dc, const struct bp_line *ln)
{
	return ln->kind == K_BAD || (ln->flags & L_SEPARATED) ||
	    (ln->kind != K_GOOD && memchr(dc->text + ln->off, '\t', ln->len) != NULL &&
	    cell_separator(dc, ln) == '\t');
}

/* The cells of line |ln| between bars or tabs (cell_separator(); empty
 * cells at its ends not counted), and in *nums those past the first
 * that are numbers. */
static size_t
row_cells(const struct decoder *dc, const struct bp_line *ln, size_t *nums)
{
	const char *p = dc->text + ln->off, *end = p + ln->len;
	size_t cells = 0;
	char sep;

	*nums = 0;
	if (!maybe_row(dc, ln) || (sep = cell_separator(dc, ln)) == 0)
		return 1;
	while (p <= end) {
		const char *bar = memchr(p, sep, (size_t)(end - p));
		const char *e = bar ? bar : end, *q = p;

		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		while (e > q && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > q || (cells > 0 && bar)) {
			*nums += cells > 0 && number_cell(q, (size_t)(e - q));
			cells++;
		}
		if (!bar)
			break;
		p = bar + 1;
	}
	return cells;
}

/* Does line |ln| hold a cell of TEXT_CELL_WORDS words or more between
 * its bars or tabs? */
static int
text_cell(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off, *end = p + ln->len;
	size_t words = 0;
	int in_word = 0;
	char sep = cell_separator(dc, ln);

	for (; p < end; p++) {
		if (sep != 0 && *p == sep) {
			words = 0;
			in_word = 0;
		} else if (*p == ' ' || *p == '\t') {
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			if (++words >= TEXT_CELL_WORDS)
				return 1;
		}
	}
	return 0;
}

/* Does line |ln| hold PLAIN_CELLS cells between its bars or tabs, at least, of
 * data rather than links: a cell with a digit ("Sep 8 - 10", "Ch. 2") or
 * one that opens with a small letter ("base", "flaky networks")?  A
 * menu's items are names that open with a capital. */
static size_t
plain_cells(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off, *end = p + ln->len;
	size_t plain = 0;
	int start = 1, digit = 0, lower = 0;
	char sep = cell_separator(dc, ln);

	for (; p <= end; p++) {
		if (p == end || (sep != 0 && *p == sep)) {
			plain += digit || lower;
			start = 1;
			digit = lower = 0;
			continue;
		}
		if (*p >= '0' && *p <= '9')
			digit = 1;
		if (start && *p != ' ' && *p != '\t') {
			lower = *p >= 'a' && *p <= 'z';
			start = 0;
		}
	}
	return plain;
}

/* The number in the first cell of line |ln| (see row_cells()), or -1. */
static long
first_cell_number(const struct decoder *dc, const struct bp_line *ln)
{
	const char *p = dc->text + ln->off, *e;
	char sep = cell_separator(dc, ln);

	e = sep != 0 ? memchr(p, sep, ln->len) : NULL;
	return cell_number(p, e != NULL ? (size_t)(e - p) : ln->len);
}

/* Marks the tables of rows in the run of lines [i, j).  Rows parted by
 * tabs need three cells: two are a record's name and value ("Planting<TAB>
 * September"), which the sections of the page hold.  A run whose rows
 * under its header open with their rank (1, 2, 3 ...) over a name and
 * figures alone (every cell past the name a number: a league's
 * standings, a chart's scores) is the ranking a site prints beside its
 * stories, as a calendar's days are no table (see TABLE_LINES); a
 * schedule's rows ("1 | Sep 8 - 10 | Wave equation") hold words. */
static void
mark_rows(struct decoder *dc, size_t i, size_t j)
{
	while (i < j) {
		size_t nums, cells, k, all, text, plain, ranks = 0;
		long rank = 0;

		if (!maybe_row(dc, &dc->lines[i])) {
			i++;
			continue;
		}
		cells = row_cells(dc, &dc->lines[i], &nums);
		text = (size_t)text_cell(dc, &dc->lines[i]);
		plain = plain_cells(dc, &dc->lines[i]);
		for (k = i + 1, all = nums; k < j; k++) {
			size_t n;

			if (!maybe_row(dc, &dc->lines[k]) || (dc->lines[k].flags & L_BULLET) ||
			    row_cells(dc, &dc->lines[k], &n) != cells)
				break;
			all += n;
			text += (size_t)text_cell(dc, &dc->lines[k]);
			plain += plain_cells(dc, &dc->lines[k]);
			if (rank >= 0 && first_cell_number(dc, &dc->lines[k]) == rank + 1 &&
			    n + 2 >= cells) {
				rank++;
				ranks++;
			} else if (ranks > 0 || first_cell_number(dc, &dc->lines[k]) >= 0) {
				rank = -1;  /* the ranks must count on from 1, row by row */
			}
		}
		if (cells >= (cell_separator(dc, &dc->lines[i]) == '\t' ? 3 : 2) &&
		    k - i >= ROW_LINES && !(dc->lines[i].flags & L_BULLET) &&
		    !(rank > 0 && ranks + 1 >= k - i) &&
		    (3 * all >= (k - i) * (cells - 1) || (cells >= 3 && 2 * text >= k - i) ||
		    (cells >= 3 && 2 * plain >= (k - i) * cells)))
			for (; i < k; i++)
				dc->lines[i].flags |= L_TABLE;
		i = k;
	}
}

int
safi_bp_table_row(const struct decoder *dc, size_t i)
{
	size_t n, cells = row_cells(dc, &dc->lines[i], &n);

	return cells >= 2 &&
	    ((i + 1 < dc->nlines && (dc->lines[i + 1].flags & L_TABLE) &&
	    row_cells(dc, &dc->lines[i + 1], &n) == cells) ||
	    (i > 0 && (dc->lines[i - 1].flags & L_TABLE) &&
	    row_cells(dc, &dc->lines[i - 1], &n) == cells));
}

/*
 * A table of two columns printed one cell to a line inside a longer block
 * (a price list or a tariff between a page's menu and its footer):
 * names and their numbers take turns.  A run of
 * PAIR_NUMBERS number cells or more (short lines of mostly digits),
 * one or two short lines of PAIR_WORDS words at most between each two, no
 * line between them boilerplate by another shape than a date or a run of
 * symbols, is marked as the table's, with the name right over its first
 * number.  Two numbers in a row (a pager, a calendar) end the run.  A
 * forum's strip under each post (a name, a count, a time of day, a date)
 * is none: a name printed twice on the page or a number with a colon or
 * a slash ends the run.  A line that ends a sentence is no name: a
 * reference page's exit codes, each over its sentence, are a list of the
 * article's that its context keeps.  Each line is read once.
 */
#define PAIR_NUMBERS 3
#define PAIR_WORDS 8

static int
pair_number(const struct decoder *dc, const struct bp_line *ln)
{
	return (ln->flags & L_NUMCELL) && memchr(dc->text + ln->off, ':', ln->len) == NULL &&
	    memchr(dc->text + ln->off, '/', ln->len) == NULL;
}

static int
pair_name(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->words <= PAIR_WORDS && !(ln->flags & (L_BULLET | L_REPEATED | L_TERM)) &&
	    ln->first == i &&
	    (ln->kind != K_BAD || ln->reason == R_SYMBOLS || ln->reason == R_DATE);
}

static void
mark_pairs(struct decoder *dc, size_t i, size_t j)
{
	size_t k, first = SIZE_MAX, last = SIZE_MAX, nums = 0;

	for (k = i; k <= j; k++) {
		const struct bp_line *ln = k < j ? &dc->lines[k] : NULL;
		size_t gap = last != SIZE_MAX ? k - last - 1 : 0;

		if (ln != NULL && pair_number(dc, ln) && (last == SIZE_MAX || (gap >= 1 && gap <= 2))) {
			if (last == SIZE_MAX)
				first = k;
			last = k;
			nums++;
			continue;
		}
		if (ln != NULL && last != SIZE_MAX && gap < 2 && !pair_number(dc, ln) && pair_name(dc, k))
			continue;
		if (nums >= PAIR_NUMBERS) {
			size_t m = first > i && pair_name(dc, first - 1) ? first - 1 : first;

			for (; m <= last; m++)
				dc->lines[m].flags |= L_TABLE;
		}
		nums = 0;
		first = last = SIZE_MAX;
		if (ln != NULL && pair_number(dc, ln)) {
			first = last = k;
			nums = 1;
		}
	}
}

/*
 * A list of names and what each stands for, printed one cell to a line
 * (a product's specifications: "Weight" over "1.39 kg"; a reference
 * page's options: "-q, --quiet" over "do not report ..."; its parameters:
 * "due_date", "integer", "no" over their description): each row opens
 * with a name of DEF_KEY_WORDS words at most, printed once, that opens
 * with a letter, a digit or a dash and holds no colon ("reviews: 126" is
 * a name with its value) and no sentence, and closes, one to DEF_CELLS
 * lines below it, with its value, which differs from the name in shape:
 * it has a digit the name has not (and no colon: a clock, a counter), or
 * DEF_LONGER words more, or it ends a sentence (a description).  A value
 * is a cell, not a paragraph: DEF_VALUE_WORDS words at most, not a stamp
 * (a comment's "2 days ago" under its author's name), not the rest of a
 * line cut in two (", vol. 62,").  The cells between are of
 * DEF_CELL_WORDS words at most.  A menu's items are all alike; a group's
 * heading between the rows ("Display", "Connectivity") is a line left
 * over.  A run of DEF_LOOSE_ROWS rows or more, with no more lines left
 * over than rows, or of DEF_ROWS rows or more with none left over, is
 * marked as a table from the name of its first row to the value of its
 * last.  Each line is read DEF_CELLS times at most.
 */
#define DEF_ROWS 4
#define DEF_LOOSE_ROWS 6
#define DEF_KEY_WORDS 4
#define DEF_CELLS 3
#define DEF_CELL_WORDS 3
#define DEF_LONGER 3
#define DEF_VALUE_WORDS 16

static int
def_key(const struct decoder *dc, size_t k)
{
	const struct bp_line *ln = &dc->lines[k];
	unsigned char c = ln->len > 0 ? (unsigned char)dc->text[ln->off] : 0;

	/* a name opens with a letter, a digit or an option's dash, not with
	 * a quote or a bracket (a title cut where its type changes) */
	if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '-' || (c >= 0xC3 && c != 0xE2)))
		return 0;
	return ln->kind != K_BLANK && ln->words >= 1 && ln->words <= DEF_KEY_WORDS &&
	    !(ln->flags & (L_TERM | L_BULLET | L_REPEATED | L_COLON | L_NUMCELL | L_WRAPPED)) &&
	    ln->first == k && list_item(ln) && memchr(dc->text + ln->off, ':', ln->len) == NULL;
}

/* Is line |v| the value of the name on line |k|? */
static int
def_value(const struct decoder *dc, size_t k, size_t v)
{
	const struct bp_line *key = &dc->lines[k], *ln = &dc->lines[v];

	if (ln->kind == K_BLANK || (ln->flags & (L_BULLET | L_DATED | L_WRAPPED)) ||
	    ln->words > DEF_VALUE_WORDS || !list_item(ln) || ln->len == 0 ||
	    strchr(",;.)", dc->text[ln->off]) != NULL)
		return 0;  /* a value that goes on from the line above is none */
	return ((ln->flags & L_DIGITS) && !(key->flags & L_DIGITS) &&
	    memchr(dc->text + ln->off, ':', ln->len) == NULL) ||
	    ln->words >= key->words + DEF_LONGER ||
	    ((ln->flags & L_TERM) && ln->words >= DEF_CELL_WORDS);
}

static void
mark_defs(struct decoder *dc, size_t i, size_t j)
{
	size_t k = i, rows = 0, left = 0, first = SIZE_MAX, last = 0;

	while (k < j) {
		size_t m, end = SIZE_MAX;

		if (def_key(dc, k))
			for (m = k + 1; m < j && m <= k + DEF_CELLS; m++) {
				if (def_value(dc, k, m)) {
					end = m;
					break;
				}
				if (dc->lines[m].words > DEF_CELL_WORDS || !list_item(&dc->lines[m]))
					break;
			}
		if (end == SIZE_MAX) {
			left += first != SIZE_MAX;
			k++;
			continue;
		}
		if (first == SIZE_MAX)
			first = k;
		rows++;
		last = end;
		k = end + 1;
	}
	if (rows < DEF_ROWS)
		return;
	left -= j - 1 - last;  /* lines left over below the last row do not count */
	if (left > rows || (rows < DEF_LOOSE_ROWS && left > 0))
		return;
	for (k = first; k <= last; k++)
		dc->lines[k].flags |= L_TABLE;
}

void
safi_bp_mark_tables(struct decoder *dc)
{
	size_t i = 0, j, k;

	while (i < dc->nlines) {
		size_t nums = 0, figures = 0, shorts = 0, pairs = 0, steps = 0;
		long prev = -1;

		if (dc->lines[i].kind == K_BLANK) {
			i++;
			continue;
		}
		for (j = i; j < dc->nlines && dc->lines[j].kind != K_BLANK; j++) {
			const struct bp_line *ln = &dc->lines[j];

			if (ln->flags & L_BULLET)
				break;
			shorts += ln->words <= 8;
			/* a figure with its unit ("3 piastres", "up to 200 kWh"),
			 * not a counter or a stamp ("Photo 1/30") */
			if (!(ln->flags & L_NUMCELL) && (ln->flags & L_DIGITS) &&
			    ln->words <= FIGURE_WORDS && ln->kind != K_BAD)
				figures++;
			if (ln->flags & L_NUMCELL) {
				long v = counter_number(dc->text + ln->off, ln->len);

				nums++;
				if (v >= 0 && prev >= 0) {
					pairs++;
					steps += v == prev + 1;
				}
				prev = v;
			}
		}
		if (j - i >= TABLE_LINES && (nums + figures) * 10 >= (j - i) * 3 &&
		    shorts * 10 >= (j - i) * 8 && steps * 2 <= pairs)
			for (k = i; k < j; k++)
				dc->lines[k].flags |= L_TABLE;
		else if (j - i >= ROW_LINES) {
			mark_rows(dc, i, j);
			mark_pairs(dc, i, j);
			if (j - i >= 2 * DEF_ROWS)
				mark_defs(dc, i, j);
		}
		i = j > i ? j : i + 1;
	}
}
