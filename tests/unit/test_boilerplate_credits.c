/*
 * test_boilerplate_credits.c - a picture's caption kept by the decoder
 * over its credit: the caption is dropped, and a paragraph of the article
 * is not.
 */
#include <string.h>

#include "bp_page.h"

/*
 * Runs safi_bp_drop_captions_over_credits() on a page of lines "V|text":
 * V is 'T' for the kept title, 'P' for a kept body paragraph, 'S' for a
 * kept line that ends a sentence, 'f' for a credit dropped by its phrase,
 * 'g' for one dropped by the caption shape, 'r' for a sentence in
 * parentheses dropped by the credit shape and ' ' for a blank line.  Returns, per line, 'K' kept, 'c' dropped as
 * a caption, 'd' dropped otherwise, '-' blank.
 */
static const char *
captions(const char *const *page, size_t n)
{
	static char out[64];
	struct bp_doc d;
	size_t i;

	bp_page_load(&d, page, n);
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];
		char v = page[i][0];

		int dropped = v == 'f' || v == 'g' || v == 'r';

		ln->kind = v == ' ' ? K_BLANK : dropped ? K_BAD : K_GOOD;
		ln->keep = v == ' ' ? -1 : dropped ? 0 : 1;
		ln->reason = v == 'T' ? R_TITLE : v == 'f' ? R_PHRASE : v == 'g' ? R_CAPTION :
		    v == 'r' ? R_CREDIT : R_BODY;
		ln->shape = (uint8_t)(ln->kind | ln->reason << 3);
		ln->flags = v == 'S' || v == 'P' || v == 'r' ? L_TERM : 0;
	}
	safi_bp_drop_captions_over_credits(&d);
	for (i = 0; i < d.nlines && i + 1 < sizeof out; i++)
		out[i] = d.lines[i].keep == -1 ? '-' : d.lines[i].keep == 1 ? 'K' :
		    d.lines[i].reason == R_CAPTION ? 'c' : 'd';
	out[i] = '\0';
	bp_page_free(&d);
	return out;
}

#define CAPTIONS(page) captions(page, sizeof page / sizeof page[0])

/* A caption that ends a sentence, over a labelled credit that closes its
 * figure. */
static const char *const sentence_over_label[] = {
	"T|Ferry links both shores again",
	" |",
	"S|The new ferry on its first trip on Friday.",
	"f|Photo: Lena Brandt",
	" |",
	"P|The two villages had looked for an operator for two years before a cooperative took the service on.",
};

/* A longer credit under its label: a photographer and a paper. */
static const char *const long_label[] = {
	"T|The last ropemakers of the harbour",
	" |",
	"S|A coil of hemp rope drying outside the longest shed.",
	"f|Photograph: Sam Ortiz for The Harbour Review",
	" |",
	"P|The sheds were built for sailing ships, long enough to lay a rope of a hundred fathoms in one piece.",
};

/* The credit runs on into the next line: no figure of its own. */
static const char *const credit_runs_on[] = {
	"T|Ferry links both shores again",
	" |",
	"S|The new ferry on its first trip on Friday.",
	"f|Photo: Lena Brandt",
	"P|The two villages had looked for an operator for two years before a cooperative took the service on.",
};

/* A sentence over a credit without a label is a short paragraph. */
static const char *const bare_credit[] = {
	"T|Ferry links both shores again",
	" |",
	"S|The new ferry made its first trip on Friday.",
	"f|Archive",
	" |",
	"P|The two villages had looked for an operator for two years before a cooperative took the service on.",
};

/* A caption printed twice, bare and with its credit, under or over its
 * copy; 'C' is a kept line that ends no sentence. */
static const char *const bare_over_copy[] = {
	"T|Market moves out of the old town",
	" |",
	"P|The council opened the new market on the ring road on Monday.",
	" |",
	"C|Traders carry crates into the new stalls",
	"f|Traders carry crates into the new stalls - archive photo",
	" |",
	"P|The square the traders left will become a public garden next year.",
};

static const char *const copy_over_bare[] = {
	"T|Market moves out of the old town",
	" |",
	"P|The council opened the new market on the ring road on Monday.",
	" |",
	"f|The empty square of the old market (Photo: Sami Haddad)",
	"C|The empty square of the old market",
	" |",
	"P|The square the traders left will become a public garden next year.",
};

/* A dropped line that goes on from a kept one for more than a credit's
 * words is no copy of a caption. */
static const char *const longer_copy[] = {
	"T|Market moves out of the old town",
	" |",
	"P|The council opened the new market on the ring road on Monday.",
	" |",
	"C|Traders carry crates into the new stalls",
	"f|Traders carry crates into the new stalls that the council built over two long years",
	" |",
	"P|The square the traders left will become a public garden next year.",
};

/* A sentence over a credit the caption shape dropped ("Getty Images"),
 * the two set apart by blank lines: a figure of its own. */
static const char *const sentence_over_shape[] = {
	"T|Freezer warehouses grow taller",
	" |",
	"S|A storage crane moves a pallet between the racks of a frozen food store.",
	"g|Getty Images",
	" |",
	"P|When the distributor opened its newest warehouse, the building stood as tall as an office block.",
};

/* A longer sentence over a labelled credit, the two set apart. */
static const char *const long_sentence_over_label[] = {
	"T|Rivers under the ice",
	" |",
	"S|An underwater vehicle is lowered through a borehole in the ice shelf on the coast.",
	"f|Photo: Henrik Dahl / Polar Institute",
	" |",
	"P|Observations under one ice shelf found channels carved upward into the ice.",
};

/* A sentence glued under the paragraph above it is no figure. */
static const char *const sentence_glued_above[] = {
	"T|Freezer warehouses grow taller",
	" |",
	"P|When the distributor opened its newest warehouse, the building stood as tall as an office block.",
	"S|A storage crane moves a pallet between the racks of a frozen food store.",
	"g|Getty Images",
	" |",
	"P|Land near big cities is scarce and expensive.",
};

/* The credit runs on into the next paragraph: no figure of its own. */
static const char *const shape_runs_on[] = {
	"T|Freezer warehouses grow taller",
	" |",
	"S|A storage crane moves a pallet between the racks of a frozen food store.",
	"g|Getty Images",
	"P|When the distributor opened its newest warehouse, the building stood as tall as an office block.",
};

/* A sentence over a remark in parentheses: a verse and its echo, no
 * figure. */
static const char *const sentence_over_remark[] = {
	"T|Rain song",
	" |",
	"P|The rain fell all night on the roofs of the harbour town.",
	" |",
	"S|The sleepless child listens to the water.",
	"r|(Where has the childhood of the rain gone?)",
	" |",
	"P|In the morning the streets were washed and still.",
};

int
main(void)
{
	CHECK(strcmp(CAPTIONS(sentence_over_remark), "K-K-Kd-K") == 0);
	CHECK(strcmp(CAPTIONS(sentence_over_shape), "K-cc-K") == 0);
	CHECK(strcmp(CAPTIONS(long_sentence_over_label), "K-cd-K") == 0);
	CHECK(strcmp(CAPTIONS(sentence_glued_above), "K-KKc-K") == 0);
	CHECK(strcmp(CAPTIONS(shape_runs_on), "K-KcK") == 0);
	CHECK(strcmp(CAPTIONS(bare_over_copy), "K-K-cd-K") == 0);
	CHECK(strcmp(CAPTIONS(copy_over_bare), "K-K-dc-K") == 0);
	CHECK(strcmp(CAPTIONS(longer_copy), "K-K-Kd-K") == 0);
	CHECK(strcmp(CAPTIONS(sentence_over_label), "K-cd-K") == 0);
	CHECK(strcmp(CAPTIONS(long_label), "K-cd-K") == 0);
	CHECK(strcmp(CAPTIONS(credit_runs_on), "K-KdK") == 0);
	CHECK(strcmp(CAPTIONS(bare_credit), "K-Kd-K") == 0);
	return tap_done();
}
