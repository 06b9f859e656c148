/*
 * test_boilerplate_contents.c - the last sections a table of contents
 * lists, below the zone: pages are given as text with each line's verdict
 * and shape set by hand (as the decoder would have left them), so that
 * only this stage is tested.
 *
 * A line is "V|text", V one of: P a kept body paragraph, H a kept
 * heading, e an entry of a list dropped above or in the zone, h a short
 * line dropped, i a list item dropped, b a line dropped as boilerplate by
 * its shape, ' ' a blank line.  The zone runs from the first P to the
 * last kept line above the first dropped h or i below it.
 */
#include <string.h>

#include "bp_page.h"

/* Loads the page and runs the stage.  Returns the verdicts as a string:
 * K kept, d dropped, '.' blank. */
static const char *
contents(const char *const *page, size_t n)
{
	static char out[64];
	struct bp_doc d;
	size_t i;
	int zone = 0;

	CHECK(n < sizeof out);
	bp_page_load(&d, page, n);
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];
		char v = page[i][0];

		ln->kind = v == ' ' ? K_BLANK : v == 'P' ? K_GOOD : v == 'b' ? K_BAD : K_SHORT;
		ln->keep = v == ' ' ? -1 : (v == 'P' || v == 'H');
		ln->reason = v == 'P' ? R_BODY : v == 'H' ? R_HEADING : v == 'b' ? R_PHRASE :
		    v == ' ' ? R_BLANK : R_TAIL;
		ln->flags = (v == 'e' || v == 'i') ? L_BULLET : 0;
		if (v == 'P' && !zone) {
			d.ext.a = i;
			zone = 1;
		} else if (zone == 1 && ln->keep == 1) {
			d.ext.b = i;
		} else if (zone == 1 && (v == 'h' || v == 'i')) {
			zone = 2;
		}
	}
	d.ext.have_zone = zone > 0;
	d.ext.cut = d.nlines;
	safi_bp_keep_contents_sections(&d);
	return bp_page_verdicts(&d, out, R_BLANK, 'd');
}

#define CONTENTS(page) contents(page, sizeof page / sizeof page[0])

/* The table lists the zone's two headings and the list's below it; its
 * notes, under a caret, end the article. */
static const char *const listed[] = {
	"e|  1. Geology",
	"e|  2. Farming",
	"e|  3. Walking routes",
	"e|  4. Notes",
	" |",
	"P|Brindle Moor is an upland area of heath and bog in the north of the county.",
	" |",
	"H|Geology",
	" |",
	"P|The moor lies on a bed of gritstone covered by peat up to four metres deep.",
	" |",
	"H|Farming",
	" |",
	"P|Sheep have grazed the moor since the middle ages, shared by the farms around it.",
	" |",
	"h|Walking routes",
	"i|  • The Drove Road, nine miles from Hallow Bridge",
	"i|  • The Reservoir Circuit, a level walk of five miles",
	" |",
	"h|Notes",
	"i|  1. ^ County survey of upland commons (1988).",
	"b|Privacy policy",
};

/* A heading the table does not list (a box's label) stays dropped. */
static const char *const unlisted[] = {
	"e|  • Geology",
	"e|  • Farming",
	" |",
	"P|Brindle Moor is an upland area of heath and bog in the north of the county.",
	" |",
	"H|Geology",
	" |",
	"P|The moor lies on a bed of gritstone covered by peat up to four metres deep.",
	" |",
	"H|Farming",
	" |",
	"P|Sheep have grazed the moor since the middle ages, shared by the farms around it.",
	" |",
	"h|More walks",
	"i|  • The Drove Road, nine miles from Hallow Bridge",
	"i|  • The Reservoir Circuit, a level walk of five miles",
};

/* A table that names one heading of the zone alone vouches for none. */
static const char *const one_named[] = {
	"e|  • Farming",
	"e|  • Walking routes",
	" |",
	"P|The moor lies on a bed of gritstone covered by peat up to four metres deep.",
	" |",
	"H|Farming",
	" |",
	"P|Sheep have grazed the moor since the middle ages, shared by the farms around it.",
	" |",
	"h|Walking routes",
	"i|  • The Drove Road, nine miles from Hallow Bridge",
	"i|  • The Reservoir Circuit, a level walk of five miles",
};

/* A section whose block holds furniture is no section. */
static const char *const furnished[] = {
	"e|  • Geology",
	"e|  • Farming",
	"e|  • Walking routes",
	" |",
	"P|Brindle Moor is an upland area of heath and bog in the north of the county.",
	" |",
	"H|Geology",
	" |",
	"P|The moor lies on a bed of gritstone covered by peat up to four metres deep.",
	" |",
	"H|Farming",
	" |",
	"P|Sheep have grazed the moor since the middle ages, shared by the farms around it.",
	" |",
	"h|Walking routes",
	"i|  • The Drove Road, nine miles from Hallow Bridge",
	"b|Share this page",
};

int
main(void)
{
	CHECK(strcmp(CONTENTS(listed), "dddd.K.K.K.K.K.KKK.ddd") == 0);
	CHECK(strcmp(CONTENTS(unlisted), "dd.K.K.K.K.K.ddd") == 0);
	CHECK(strcmp(CONTENTS(one_named), "dd.K.K.K.ddd") == 0);
	CHECK(strcmp(CONTENTS(furnished), "ddd.K.K.K.K.K.ddd") == 0);
	return tap_done();
}
