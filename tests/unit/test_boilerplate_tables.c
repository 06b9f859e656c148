/*
 * test_boilerplate_tables.c - the tables of a page: pages are given as
 * text with each line's kind set by hand (as the line stage would have
 * found it), so that only the marking of tables is tested.
 *
 * A line is "V|text", V one of: s a short line, n a number cell (a short
 * line of mostly digits, dropped as a date by its shape), r a line with
 * spaced bars read as a menu, b a body paragraph, ' ' a blank line.
 */
#include <string.h>

#include "bp_page.h"
#include "boilerplate_decoder.h"

/* Loads the page and marks its tables.  Returns a string with T for a
 * line of a table, '-' for any other line; |row|, when not NULL, is set
 * to safi_bp_table_row()'s answer for each line ('R' or '-'). */
static const char *
tables(const char *const *page, size_t n, char *row)
{
	static char out[64];
	struct bp_doc d;
	struct decoder dc;
	size_t i;

	CHECK(n < sizeof out);
	bp_page_load(&d, page, n);
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];

		ln->first = (uint32_t)i;
		switch (page[i][0]) {
		case 's': ln->kind = K_SHORT, ln->reason = R_HEADING; break;
		case 'n':
			ln->kind = K_BAD, ln->reason = R_DATE;
			ln->flags = L_NUMCELL | L_DIGITS;
			break;
		case 'r': ln->kind = K_BAD, ln->reason = R_MENU, ln->flags = L_SEPARATED; break;
		case 'b': ln->kind = K_GOOD, ln->reason = R_BODY, ln->flags = L_TERM; break;
		default: ln->kind = K_BLANK, ln->reason = R_BLANK; break;
		}
	}
	dc = (struct decoder){NULL, NULL, d.lines, d.nlines, d.base, 0};
	safi_bp_mark_tables(&dc);
	for (i = 0; i < d.nlines; i++) {
		out[i] = (d.lines[i].flags & L_TABLE) ? 'T' : '-';
		if (row != NULL)
			row[i] = safi_bp_table_row(&dc, i) ? 'R' : '-';
	}
	out[i] = '\0';
	if (row != NULL)
		row[i] = '\0';
	bp_page_free(&d);
	return out;
}

/* Checks the string |got| against |want|, printing both when they differ. */
#define EXPECT(got, want) do { \
	const char *tables_got = (got); \
	CHECK_STR(tables_got, strlen(tables_got), want); \
} while (0)

#define TABLES(page, row) tables(page, sizeof page / sizeof page[0], row)

/* A league table one cell to a line: short names and their points. */
static const char *const league[] = {
	"s|Team", "s|Played", "s|Points",
	"s|Harbour Rovers", "n|12", "n|28",
	"s|Mill Lane", "n|12", "n|25",
	"s|St Anne's", "n|11", "n|19",
};

/* A pager: numbers that count up by one are no table's. */
static const char *const pager[] = {
	"s|Previous", "n|1", "n|2", "n|3", "n|4", "n|5", "n|6", "n|7", "n|8",
	"n|9", "n|10", "s|Next",
};

/* Rows between bars: a header with no numbers over rows of prices; a
 * menu printed over three rows of names. */
static const char *const rows[] = {
	"r|Item | This week | Last week",
	"r|Tomatoes | 0.35 | 0.60",
	"r|Onions | 0.20 | 0.25",
	"r|Leeks | 0.90 | 0.85",
	"s| ",
	"r|Home | News | Sport",
	"r|Weather | Travel | Jobs",
	"r|Contact | About | Help",
};

/* Two columns taking turns inside a longer block: a price list between
 * a heading and a note; a forum's strip of a name, a time and a date
 * under a post is none. */
static const char *const pairs[] = {
	"s|Our prices",
	"s|Cut and finish", "n|25",
	"s|Colour", "n|60",
	"s|Blow-dry", "n|30",
	"s|Ask us about offers",
	" |",
	"s|Rosa Lind", "n|14:02", "s|Member", "n|12/03/2021", "s|Posts", "n|310",
};

static void
test_cells(void)
{
	EXPECT(TABLES(league, NULL), "TTTTTTTTTTTT");
	EXPECT(TABLES(pager, NULL), "------------");
}

static void
test_rows(void)
{
	char row[16];

	EXPECT(TABLES(rows, row), "TTTT----");
	EXPECT(row, "RRRR----");
}

static void
test_pairs(void)
{
	EXPECT(TABLES(pairs, NULL), "-TTTTTT--------");
}

int
main(void)
{
	test_cells();
	test_rows();
	test_pairs();
	return tap_done();
}
