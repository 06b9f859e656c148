/*
 * test_boilerplate_figures.c - the figures of a small table kept in the
 * article: pages are given as text with each line's verdict set by hand
 * (as the decoder would have left them), so that only this stage is
 * tested.
 *
 * A line is "V|text", V one of: K a kept line, d a line dropped as a date
 * by its shape, b a line dropped as a phrase, ' ' a blank line.
 */
#include <string.h>

#include "bp_page.h"

/* Loads the page and runs the stage.  Returns the verdicts as a string:
 * K kept, d dropped, '.' blank. */
static const char *
figures(const char *const *page, size_t n)
{
	static char out[64];
	struct bp_doc d;
	size_t i;

	CHECK(n < sizeof out);
	bp_page_load(&d, page, n);
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];
		char v = page[i][0];

		ln->kind = v == ' ' ? K_BLANK : v == 'K' ? K_SHORT : K_BAD;
		ln->keep = v == ' ' ? -1 : v == 'K';
		ln->reason = v == 'K' ? R_HEADING : v == 'd' ? R_DATE : v == 'b' ? R_PHRASE :
		    R_BLANK;
	}
	safi_bp_keep_table_figures(&d);
	return bp_page_verdicts(&d, out, R_BLANK, 'd');
}

#define FIGURES(page) figures(page, sizeof page / sizeof page[0])

/* A table of marks: its percentages join its kept labels. */
static const char *const marks[] = {
	"K|Component",
	"K|Weight",
	"K|Coursework",
	"d|40%",
	"K|Exam (2 hours)",
	"d|60%",
};

/* Prices with their units under a header row, a stamp of words below a
 * blank line; a box of offers, a price under each name below its label,
 * with no header row. */
static const char *const prices[] = {
	"K|Bag",
	"K|Online",
	"K|At the airport",
	"K|15 kg",
	"d|£22",
	"d|£45",
	"K|23 kg",
	"d|£30",
	" |",
	"d|June 3, 2024",
	" |",
	"K|Other courses",
	"K|Keelboat Start",
	"d|£ 240",
	"K|Powerboat Level 2",
	"d|£ 310",
};

/* One figure under a headline; a block with a phrase dropped in it; a
 * block of figures with no kept line; a date of words among labels. */
static const char *const stamps[] = {
	"K|Ferry fares rise",
	"d|2025",
	" |",
	"K|Route",
	"d|£6",
	"b|Share",
	"K|Car",
	"d|£38",
	" |",
	"d|12",
	"d|14",
	" |",
	"K|Opened",
	"d|14 May 1872",
	"K|Closed",
	"d|2 June 1966",
};

int
main(void)
{
	CHECK(strcmp(FIGURES(marks), "KKKKKK") == 0);
	CHECK(strcmp(FIGURES(prices), "KKKKKKKK.d.KKdKd") == 0);
	CHECK(strcmp(FIGURES(stamps), "Kd.KddKd.dd.KdKd") == 0);
	return tap_done();
}
