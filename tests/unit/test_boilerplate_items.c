/*
 * test_boilerplate_items.c - the items of a list article: pages are given
 * as text with each line's kind and verdict set by hand (as the decoder
 * would have left them before the stage), so that only the keeping of the
 * items is tested.
 *
 * A line is "V|text", V one of: b a body paragraph kept in the zone, t the
 * headline (kept), i an item's short line dropped as tail, l a numbered
 * item (bulleted) dropped as tail, f a footer line dropped by a phrase,
 * ' ' a blank line.
 */
#include <string.h>

#include "bp_page.h"
#include "boilerplate_decoder.h"

static struct safi_boilerplate_opts opts;

/* Loads the page and sets each line's verdict from its V. */
static void
load(struct bp_doc *d, const char *const *page, size_t n)
{
	size_t i;

	bp_page_load(d, page, n);
	for (i = 0; i < d->nlines; i++) {
		struct bp_line *ln = &d->lines[i];

		ln->first = (uint32_t)i;
		switch (page[i][0]) {
		case 'b':
			ln->kind = K_GOOD, ln->reason = R_BODY, ln->keep = 1;
			ln->flags = L_TERM;
			break;
		case 't': ln->kind = K_SHORT, ln->reason = R_TITLE, ln->keep = 1; break;
		case 'i': ln->kind = K_SHORT, ln->reason = R_TAIL; break;
		case 'l':
			ln->kind = K_SHORT, ln->reason = R_TAIL;
			ln->flags = L_BULLET;
			break;
		case 'f': ln->kind = K_BAD, ln->reason = R_PHRASE; break;
		default: ln->kind = K_BLANK, ln->reason = R_BLANK; break;
		}
	}
}

/* Runs safi_bp_keep_counted_items() below the zone [a, b] under the
 * headline |t|, the cut at the page's end; returns the verdicts ('K' kept,
 * 't' dropped as tail, 'd' dropped otherwise, '.' blank). */
static const char *
counted(const char *const *page, size_t n, size_t t, size_t a, size_t b)
{
	static char out[64];
	struct bp_doc d;
	struct decoder dc;

	CHECK(n < sizeof out);
	load(&d, page, n);
	dc = (struct decoder){NULL, &opts, d.lines, d.nlines, d.base, 0};
	safi_bp_keep_counted_items(&dc, t, a, b, d.nlines);
	return bp_page_verdicts(&d, out, R_TAIL, 't');
}

#define COUNTED(page, t, a, b) counted(page, sizeof page / sizeof page[0], t, a, b)

/* Checks the string |got| against |want|, printing both when they differ. */
#define EXPECT(got, want) do { \
	const char *items_got = (got); \
	CHECK_STR(items_got, strlen(items_got), want); \
} while (0)

/* The headline counts four items; its lead is the zone, and the four
 * items, one per block, go on below it to the footer. */
static const char *const four_ways[] = {
	"t|4 ways to keep a garden going through a dry summer",
	" |",
	"b|Water is short this year, and these habits help a plot get by on less of it.",
	" |",
	"i|Mulch every bed",
	" |",
	"i|Water at dawn",
	" |",
	"i|Plant in groups",
	" |",
	"i|Catch the rain",
	" |",
	"f|Share this article",
};

/* A list numbered in sequence from 1 below the lead; then one of single
 * words, as tags are numbered. */
static const char *const numbered[] = {
	"t|What the council decided",
	" |",
	"b|The council met on Tuesday night and settled the points below after a long debate.",
	" |",
	"l|1. The bus lane on the high street stays open",
	"l|2. The library keeps its Sunday hours until spring",
	"l|3. The pool closes for repairs in the second week of March",
	" |",
	"f|Share this article",
};

static const char *const numbered_tags[] = {
	"t|What the council decided",
	" |",
	"b|The council met on Tuesday night and settled the points below after a long debate.",
	" |",
	"l|1. Buses",
	"l|2. Library",
	"l|3. Pool",
	" |",
	"f|Share this article",
};

static void
test_counted(void)
{
	const char *twelve_ways[sizeof four_ways / sizeof four_ways[0]];

	EXPECT(COUNTED(four_ways, 0, 2, 2), "K.K.K.K.K.K.d");
	/* The same run under a headline that counts twelve: too few items. */
	memcpy(twelve_ways, four_ways, sizeof four_ways);
	twelve_ways[0] = "t|12 ways to keep a garden going through a dry summer";
	EXPECT(COUNTED(twelve_ways, 0, 2, 2), "K.K.t.t.t.t.d");
	/* A line printed twice on the page is no item of the article. */
	{
		struct bp_doc d;
		struct decoder dc;
		char out[64];

		load(&d, four_ways, sizeof four_ways / sizeof four_ways[0]);
		d.lines[8].first = 4;
		dc = (struct decoder){NULL, &opts, d.lines, d.nlines, d.base, 0};
		safi_bp_keep_counted_items(&dc, 0, 2, 2, d.nlines);
		EXPECT(bp_page_verdicts(&d, out, R_TAIL, 't'), "K.K.t.t.t.t.d");
	}
}

static void
test_numbered(void)
{
	EXPECT(COUNTED(numbered, 0, 2, 2), "K.K.KKK.d");
	EXPECT(COUNTED(numbered_tags, 0, 2, 2), "K.K.ttt.d");
}

/* The numbered lists between the lead kept above the zone and the zone's
 * first line: an index under the introduction. */
static const char *const gap[] = {
	"b|These are the pieces she wrote for the paper over the years, in the order they ran.",
	" |",
	"l|1. On the closing of the shipyard and what it left",
	"l|2. A winter on the ferry to the northern islands",
	"l|3. Why the harbour town still votes the way it does",
	" |",
	"b|She began as a court reporter and stayed with the paper for thirty years in all.",
};

static void
test_gap(void)
{
	struct bp_doc d;
	struct decoder dc;
	char out[64];
	size_t i;

	load(&d, gap, sizeof gap / sizeof gap[0]);
	for (i = 2; i <= 4; i++)
		d.lines[i].reason = R_HEAD;
	dc = (struct decoder){NULL, &opts, d.lines, d.nlines, d.base, 0};
	safi_bp_keep_numbered_gap(&dc, 6);
	EXPECT(bp_page_verdicts(&d, out, R_HEAD, 'h'), "K.KKK.K");
	/* Nothing is kept when no lead paragraph is kept above the lists. */
	load(&d, gap, sizeof gap / sizeof gap[0]);
	d.lines[0].keep = 0, d.lines[0].reason = R_HEAD;
	for (i = 2; i <= 4; i++)
		d.lines[i].reason = R_HEAD;
	dc = (struct decoder){NULL, &opts, d.lines, d.nlines, d.base, 0};
	safi_bp_keep_numbered_gap(&dc, 6);
	EXPECT(bp_page_verdicts(&d, out, R_HEAD, 'h'), "h.hhh.K");
}

int
main(void)
{
	safi_boilerplate_opts_default(&opts);
	test_counted();
	test_numbered();
	test_gap();
	return tap_done();
}
