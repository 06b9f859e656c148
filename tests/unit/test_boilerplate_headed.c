/*
 * test_boilerplate_headed.c - the article's lists under their headings:
 * pages are given as text with each line's verdict and shape set by hand
 * (as the decoder would have left them), so that only this stage is
 * tested.
 *
 * A line is "V|text", V one of: P a kept body paragraph, h a short line
 * the context dropped, i a list item the context dropped, I a kept list
 * item, c a kept line ending in a colon, b a line dropped as boilerplate
 * by its shape, ' ' a blank line.
 */
#include <string.h>

#include "bp_page.h"

/* Loads the page and runs the stage.  Returns the verdicts as a string:
 * K kept, d dropped, '.' blank. */
static const char *
headed(const char *const *page, size_t n)
{
	static char out[64];
	struct bp_doc d;
	size_t i;

	CHECK(n < sizeof out);
	bp_page_load(&d, page, n);
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];
		const char *t = page[i] + 2;
		size_t len = strlen(t);
		char v = page[i][0];

		ln->kind = v == ' ' ? K_BLANK : v == 'P' ? K_GOOD : v == 'b' ? K_BAD : K_SHORT;
		ln->keep = v == ' ' ? -1 : (v == 'P' || v == 'I' || v == 'c');
		ln->reason = v == 'P' ? R_BODY : v == 'I' ? R_LIST : v == 'c' ? R_TEXT :
		    v == 'b' ? R_PHRASE : v == ' ' ? R_BLANK : R_CONTEXT;
		ln->flags = (v == 'i' || v == 'I') ? L_BULLET : v == 'c' ? L_COLON : 0;
		if (len > 0 && t[len - 1] == '.')
			ln->flags |= L_TERM;
	}
	safi_bp_keep_headed_lists(&d);
	return bp_page_verdicts(&d, out, R_BLANK, 'd');
}

#define HEADED(page) headed(page, sizeof page / sizeof page[0])

/* A heading and a list of sentences below body text, a card below. */
static const char *const sentences[] = {
	"P|The bread needs no yeast and goes from the bowl to the oven in ten minutes flat.",
	" |",
	"h|Why it works",
	" |",
	"i|  • Buttermilk lifts the dough.",
	"i|  • Oats keep it moist.",
	" |",
	"b|Prep 10 mins",
};

/* The same items as links, with no full stop: a box's list. */
static const char *const links[] = {
	"P|The bread needs no yeast and goes from the bowl to the oven in ten minutes flat.",
	" |",
	"h|More breads",
	" |",
	"i|  • Rye loaf",
	"i|  • Seeded rolls",
};

/* A list of sentences with no heading over it, and a heading glued to
 * its list. */
static const char *const unheaded[] = {
	"P|The bread needs no yeast and goes from the bowl to the oven in ten minutes flat.",
	" |",
	"i|  • Buttermilk lifts the dough.",
	"i|  • Oats keep it moist.",
	" |",
	"h|Why it works",
	"i|  • Buttermilk lifts the dough.",
	"i|  • Oats keep it moist.",
};

/* Headings over a kept list and over a kept line that introduces one;
 * none over a kept paragraph or a dropped list. */
static const char *const over_kept[] = {
	"h|Ingredients",
	" |",
	"I|  • 250 g flour",
	"I|  • 1 tsp salt",
	" |",
	"h|Before you start",
	" |",
	"c|You will need:",
	" |",
	"h|Method",
	" |",
	"P|Mix the flour and the salt in a large bowl, then stir in the buttermilk with a knife.",
	" |",
	"h|Shop",
	" |",
	"i|  • Flour",
	"i|  • Salt",
};

int
main(void)
{
	CHECK(strcmp(HEADED(sentences), "K.K.KK.d") == 0);
	CHECK(strcmp(HEADED(links), "K.d.dd") == 0);
	CHECK(strcmp(HEADED(unheaded), "K.dd.ddd") == 0);
	CHECK(strcmp(HEADED(over_kept), "K.KK.K.K.d.K.d.dd") == 0);
	return tap_done();
}
