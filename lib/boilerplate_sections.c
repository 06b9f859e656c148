/*
 * boilerplate_sections.c - an article in sections, in the decoder.
 *
 * A page that is not news (a module's description, an event's page, a
 * product's, a reference page) sets its article out in sections, each
 * under a short heading of its own, set apart by blank lines or printed
 * right over its section: a paragraph, a list of facts, a programme.  The
 * body zone is the run of lines that scores best, and a section of short
 * lines (a list, a programme) costs more than its few words score, so the
 * zone ends above it, and a heading whose section is a list has no body
 * text right under it to be kept by.  Both are read here from the sections' shape: the
 * sections below the zone that run on, with no furniture among them but a
 * box of other stories, to a body paragraph; and a heading over a kept
 * block inside it.  An explainer's zone may end at its first heading, a
 * question over a list; a job's advert or a course's page may print one
 * lead paragraph, then its lists (duties, requirements, a programme) each
 * under a heading, then a closing paragraph.  A phrase that opens a line
 * ("By the end of the course, ...:", "Source analysis: 30%") does not end
 * a section when the line stands in its list, nor does an e-mail address
 * under a person's name and role on a team's page; and a closing line
 * that ends in a colon ("To apply, write to:") closes the sections as a
 * paragraph does, with the address below it.  A page of facts (a manual, a product, a home for
 * sale) may print a record of them, one "label: value" field to a line,
 * right below its article or above it; its short lines score too little to
 * join the zone, and are kept as a record.  The last sections may be
 * lists with no paragraph below them (a holiday home's amenities and
 * rules): they run to the first line that heads no list.
 *
 * Cost: a pass over the zone and one below it, once per page; each record
 * is read once.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_decoder.h"

/* Words of a section's heading, at most. */
#define SECTION_HEADING_WORDS 6
/* Percent of its content words a body paragraph below the zone shares
 * with the zone's body text, at least, to be a section of the article:
 * another story under a label shares few. */
#define SECTION_TOPIC 10
/* Lines from the zone's first with no blank line among them, at least,
 * to read the page as printed with none: a zone of one lead paragraph
 * is read on into the lines below it. */
#define BARE_LINES 4
/* Words of the paragraph the article goes on with below a list printed
 * one item to a block (spaced_list()), at least: a feed's last headline
 * may read as a sentence. */
#define CLOSING_WORDS 12

static int fact_field(const struct decoder *dc, size_t i);
static int heading_under_field(const struct decoder *dc, size_t i);
static size_t spaced_list(const struct decoder *dc, size_t h, size_t cut);
static int section_phrase(const struct decoder *dc, size_t i);

/* Is line |i| an e-mail address alone ("name@firm.example"), printed
 * right under the line above it: a line of a person's entry in a list of
 * contacts (name, role, address, phone), as a team's or an office's page
 * sets them out?  A URL alone is a link, and an address set apart by
 * blank lines is the site's. */
static int
address_line(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off, *at;

	if (ln->kind != K_BAD || ln->reason != R_URL || memchr(p, ' ', ln->len) || i == 0 ||
	    dc->lines[i - 1].kind == K_BLANK || dc->lines[i - 1].kind == K_BAD)
		return 0;
	at = memchr(p, '@', ln->len);
	return at && at > p && memchr(at, '.', ln->len - (size_t)(at - p)) &&
	    !memchr(p, '/', ln->len);
}

/* May line |i| stand in a section's list: a list's item by its shape, a
 * row of a table (a course's schedule), or a contact's address? */
static int
section_item(const struct decoder *dc, size_t i)
{
	return list_item(&dc->lines[i]) || (dc->lines[i].flags & L_TABLE) || address_line(dc, i);
}

/* Is line |i| a heading glued to the record around it, with no blank
 * line above it, as a page that sets its boxes with no blank lines
 * between them prints a venue's "Opening hours" under "Payment: Card
 * only": right over a field ("Monday: Closed"), under the record's last
 * field or a body paragraph; or under a field and over a blank line
 * above a body paragraph ("Description" under a listing's "Owners: 2")?
 * Bulleted lists glued under their headings are as often a sidebar's
 * boxes of links, a heading glued right over a paragraph under a record
 * is as often a box's ("Safety tips" under an advert's "Location: ..."),
 * and a label over a blank line under a box of links ("About us",
 * "older") is the next box's. */
static int
glued_heading(const struct decoder *dc, size_t i)
{
	const struct bp_line *below;
	size_t j;

	if (i == 0 || i + 1 >= dc->nlines)
		return 0;
	below = &dc->lines[i + 1];
	if (below->kind != K_BLANK && fact_field(dc, i + 1))
		return fact_field(dc, i - 1) || dc->lines[i - 1].kind == K_GOOD;
	j = next_line(dc, i);
	return below->kind == K_BLANK && fact_field(dc, i - 1) && j < dc->nlines &&
	    dc->lines[j].kind == K_GOOD;
}

/* Is line |i| the short line that introduces a list right under it, a
 * clause that ends in a colon over a bulleted or numbered item ("You'll
 * need:" over "• your licence number")?  A heading stands right over it
 * as over its list's first item. */
static int
list_intro(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ((ln->kind != K_BAD && ln->kind != K_BLANK) || section_phrase(dc, i)) &&
	    (ln->flags & (L_COLON | L_BULLET)) == L_COLON && i + 1 < dc->nlines &&
	    (dc->lines[i + 1].flags & L_BULLET) && list_item(&dc->lines[i + 1]);
}

/* Is line |i| a section's heading: a short or near line of a few words,
 * no sentence (a question may head a section), list item, label ending
 * in a colon or field of a record ("Attendance: 20%" over "Final essay:
 * 50%" is a line of its list), with a blank line above it?  Its section starts below a
 * blank line, or right under it (extractors print both), in a line of
 * twice its words or more: the first line of a list is as long as the
 * next; or in an item with a bullet, as a bulleted list may be one of
 * single words ("Varieties" over "• Brandywine").  On a page printed
 * with no blank lines at all (|bare|), the heading stands under a line
 * of more words than its own, the end of the section above: an item of
 * a list under it is as long as the next. */
static int
section_heading(const struct decoder *dc, size_t i, int bare)
{
	const struct bp_line *ln = &dc->lines[i];

	return (ln->kind == K_SHORT || ln->kind == K_NEAR) &&
	    !(ln->flags & (L_BULLET | L_COLON)) && (!(ln->flags & L_TERM) || question(dc, ln)) &&
	    ln->words <= SECTION_HEADING_WORDS && i > 0 &&
	    (dc->lines[i - 1].kind == K_BLANK ||
	    (bare && dc->lines[i - 1].words > ln->words) || glued_heading(dc, i)) &&
	    i + 1 < dc->nlines &&
	    (dc->lines[i + 1].kind == K_BLANK || dc->lines[i + 1].words >= 2 * ln->words ||
	    (dc->lines[i + 1].flags & L_BULLET) || list_intro(dc, i + 1)) &&
	    !fact_field(dc, i);
}

/* Is the run [i, j) between two body paragraphs, with no blank line in
 * it, a section of a page printed with none: a heading over a list, and
 * a heading right over the paragraph at |j| (the campsite's "On site"
 * over its shop and playground, then "Dogs" over its rules)?  A box of
 * other stories has no heading over the paragraph the article goes on
 * with.  Set apart by blank lines, the heading may stand over a list
 * printed one item to a block right down to that paragraph instead.
 * Reads the run twice at most. */
int
safi_bp_section_run(const struct decoder *dc, size_t i, size_t j)
{
	size_t k, f, h;

	if (i == 0 || j >= dc->nlines || j < i + 3 || dc->lines[j].kind != K_GOOD)
		return 0;
	for (k = i - 1; k <= j; k++)
		if (dc->lines[k].kind == K_BLANK)
			break;
	if (k > j)
		return section_heading(dc, i, 1) && section_heading(dc, j - 1, 1);
	/* Set apart by blank lines: the run's first line and its last heads
	 * a section, a list between them with no furniture in it. */
	f = dc->lines[i].kind == K_BLANK ? next_line(dc, i) : i;
	for (h = j; h > f && dc->lines[h - 1].kind == K_BLANK; h--)
		;
	if (h <= f || next_line(dc, f) >= --h || !section_heading(dc, f, 0))
		return 0;
	/* Or a list printed one item to a block under the first, right
	 * down to a paragraph the article goes on with. */
	if (spaced_list(dc, f, j) == h && dc->lines[j].words >= CLOSING_WORDS &&
	    !(dc->lines[j].flags & L_BULLET))
		return 1;
	if (!section_heading(dc, h, 0))
		return 0;
	for (k = f + 1; k < h; k++)
		if (dc->lines[k].kind == K_BAD)
			return 0;
	return 1;
}

/* A section's heading that is no question, alone between blank lines. */
int
safi_bp_section_heading(const struct decoder *dc, size_t i)
{
	return !(dc->lines[i].flags & L_TERM) && section_heading(dc, i, 0) &&
	    dc->lines[i + 1].kind == K_BLANK;
}

/* Is line |i| a closing paragraph that ends in a colon, over what it
 * introduces ("To apply, send your CV and a few lines about a project
 * to:" over an address): a line of a paragraph's words with no sentence
 * end, set apart by a blank line above it? */
static int
colon_paragraph(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return ln->kind == K_NEAR && (ln->flags & (L_COLON | L_BULLET)) == L_COLON &&
	    ln->words >= dc->o->min_words && i > 0 && dc->lines[i - 1].kind == K_BLANK;
}

/* Is line |i| a short line of text that ends in a colon, alone between
 * blank lines, over a block of two lines or more of a list's items,
 * cells or code, or over a bulleted item ("Use the flag to recurse:"
 * over the lines of a command, "You will need:" over a list)?  A
 * section opens with it as with a paragraph. */
static int
colon_intro(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln;
	size_t j;

	if (i >= dc->nlines)
		return 0;  /* the heading is the page's last line */
	ln = &dc->lines[i];
	j = next_line(dc, i);
	return ln->kind != K_BAD && (ln->flags & (L_COLON | L_BULLET)) == L_COLON &&
	    i + 1 < dc->nlines && dc->lines[i + 1].kind == K_BLANK && j + 1 < dc->nlines &&
	    ((dc->lines[j].flags & L_BULLET) || (section_item(dc, j) &&
	    dc->lines[j + 1].kind != K_BLANK && section_item(dc, j + 1)));
}

/* Does the heading at |h| stand over a body paragraph, right under it
 * or below a blank line: the last of a page's sections may be prose
 * under a heading of its own, below its lists ("Growing tips" under a
 * shop's list of varieties)? */
static int
over_paragraph(const struct decoder *dc, size_t h)
{
	size_t j = next_line(dc, h);

	return j < dc->nlines && dc->lines[j].kind == K_GOOD;
}

/* Does the section under the heading at |h| hold a body paragraph, a
 * paragraph ending in a colon over what it introduces ("On completion of
 * the module students should be able to:") or a block of two lines or
 * more (a list with no blank line inside)?  A feed of other stories
 * prints one headline under each label. */
static int
section_body(const struct decoder *dc, size_t h)
{
	size_t j = next_line(dc, h);

	return over_paragraph(dc, h) || (j < dc->nlines && (colon_paragraph(dc, j) ||
	    colon_intro(dc, j) || (j + 1 < dc->nlines && dc->lines[j + 1].kind != K_BLANK)));
}

/* Lines of the block a closing paragraph's colon introduces, at most. */
#define INTRODUCED_LINES 3

/* The last line of the block right under the closing paragraph at |e|
 * that ends in a colon (an address, a phone number, a contact's e-mail),
 * up to a blank line, or |e| when none is there: a block of
 * INTRODUCED_LINES lines at most, with no boilerplate in it but an
 * address. */
static size_t
introduced(const struct decoder *dc, size_t e, size_t cut)
{
	size_t j;

	if (!colon_paragraph(dc, e))
		return e;
	for (j = e + 1; j < cut && j <= e + INTRODUCED_LINES && dc->lines[j].kind != K_BLANK; j++)
		if (dc->lines[j].kind == K_BAD && !address_line(dc, j))
			return e;
	return j == cut || (j < dc->nlines && dc->lines[j].kind == K_BLANK) ? j - 1 : e;
}

/* Is line |i|, a heading's shape alone between blank lines, a section's
 * closing link ("See all speakers", "Full programme"): it stands under a
 * block of the section above, with no blank line inside its last two
 * lines, and right over the next section's heading, set apart as it is
 * (alone between blank lines) over a body or a block of its own?  A
 * heading over nothing but another such heading heads no section; a
 * group's heading ("Surveyors" over a team's cards) stands over the first
 * card's name, glued to its card. */
static int
closing_link(const struct decoder *dc, size_t i, int bare)
{
	size_t j = next_line(dc, i);

	return !bare && i >= 3 && dc->lines[i - 1].kind == K_BLANK &&
	    dc->lines[i - 2].kind != K_BLANK && dc->lines[i - 3].kind != K_BLANK &&
	    dc->lines[i + 1].kind == K_BLANK && j < dc->nlines &&
	    j + 1 < dc->nlines && dc->lines[j + 1].kind == K_BLANK &&
	    section_heading(dc, j, 0) && section_body(dc, j);
}

/* Lines of a list under a heading, at least, for the sections of a zone
 * that sets out none of its own; sections of them, at least. */
#define LISTED_LINES 3
#define LISTED_SECTIONS 2
#define BULLETED_LINES 2
/* What lists_page() finds. */
enum { LEAD_LISTS = 1, OWN_LISTS = 2 };

/* Does the section under the heading at |h| open with a list: a block of
 * LISTED_LINES lines or more with no blank line inside, none of them a
 * body paragraph or boilerplate?  Reads LISTED_LINES lines at most. */
static int
section_list(const struct decoder *dc, size_t h)
{
	size_t j = next_line(dc, h), n = 0;

	for (; j < dc->nlines && dc->lines[j].kind != K_BLANK && n < LISTED_LINES; j++, n++)
		if ((dc->lines[j].kind == K_GOOD && !(dc->lines[j].flags & L_BULLET)) ||
		    !section_item(dc, j))
			return 0;
	return n >= LISTED_LINES;
}

/* Words of a phrase line that opens a section's list, at least. */
#define INTRO_WORDS 6

/* Is line |i|, boilerplate by a phrase it opens with ("By ...", "Source
 * ..."), a line of a section's list: an item with items right above and
 * below it ("Source analysis: 30%" among a course's marks), or an intro of
 * INTRO_WORDS words or more that ends in a colon right over the list ("By
 * the end of the course, students will be able to:")?  A credit or a
 * byline stands alone, and a widget's label is short. */
static int
section_phrase(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	if (ln->kind != K_BAD || ln->reason != R_PHRASE || i == 0 || i + 1 >= dc->nlines ||
	    dc->lines[i + 1].kind == K_BLANK || !list_item(&dc->lines[i + 1]))
		return 0;
	return ((ln->flags & L_COLON) && ln->words >= INTRO_WORDS) ||
	    (dc->lines[i - 1].kind != K_BLANK && list_item(&dc->lines[i - 1]));
}

/* Is line |i|, boilerplate by its shape alone (a date, a caption, a
 * line of symbols), a line inside a section's list: the line above it is
 * no blank ("Saturday: 9.00am - 1.00pm" among opening hours)? */
static int
listed_line(const struct decoder *dc, size_t i)
{
	return i > 0 && section_item(dc, i) && dc->lines[i - 1].kind != K_BLANK;
}

/* Is line |ln| a number: a short line of mostly digits ("£ 240") or one of
 * digits, spaces and signs alone (a phone number, "02 40 00 00 00")? */
static int
number_line(const struct decoder *dc, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t k;

	if (ln->flags & L_NUMCELL)
		return 1;
	for (k = 0; k < ln->len; k++)
		if (p[k] >= 0x80 || ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z'))
			return 0;
	return 1;
}

/* A box of other stories between two sections: a marker ("Read also:")
 * over SECTION_BOX_LINES lines at most, none a body paragraph, and below
 * them a heading over a body paragraph.  Returns the heading's index, or
 * SIZE_MAX when line |i| heads no such box. */
#define SECTION_BOX_LINES 3

static size_t
box_over(const struct decoder *dc, size_t i, size_t cut, int bare)
{
	size_t j, n = 0;

	if (dc->lines[i].kind != K_BAD || (dc->lines[i].reason != R_MARKER &&
	    dc->lines[i].reason != R_INLINE_MARKER))
		return SIZE_MAX;
	for (j = next_line(dc, i); j < cut && j < dc->nlines && n <= SECTION_BOX_LINES;
	    j = next_line(dc, j), n++) {
		if (dc->lines[j].kind == K_GOOD)
			return SIZE_MAX;
		if (section_heading(dc, j, bare) && n > 0) {
			size_t k = next_line(dc, j);

			return k < dc->nlines && dc->lines[k].kind == K_GOOD ? j : SIZE_MAX;
		}
	}
	return SIZE_MAX;
}

/* Keeps line |ln| as a line of a section. */
static void
keep_section_line(struct bp_line *ln)
{
	ln->keep = 1;
	ln->reason = ln->kind == K_GOOD ? R_BODY : (ln->flags & L_BULLET) ? R_LIST :
	    ln->kind == K_NEAR ? R_TEXT : ln->kind == K_BAD ? R_LIST : R_HEADING;
}

/* The sections above the zone's first line |a|: the zone starts under the
 * heading of a section whose text is a paragraph, and the sections above
 * it are lists (opening hours, prices, what a course teaches), each under
 * its heading, printed with no blank line between them.  A list of
 * ABOVE_ITEMS lines or more, up to ABOVE_LINES, every line of more words
 * than its heading, is a section: a menu's items are as short as the
 * line over them.  The heading over the zone's may head it directly, as
 * a syllabus's heading stands over its first module's.  Each line above
 * is read once, up to the first blank or boilerplate line or a list that
 * is no section; the lines from the topmost section down are kept when
 * one list at least is among them: a heading alone over the zone is as
 * often a source's or a widget's name.  On a page that sets its blocks
 * apart, blank lines may stand between the heading over the zone and the
 * list above it (a recipe's ingredients above "Method"): that list has
 * SPACED_ABOVE_ITEMS lines or more, as a title and its deck above a
 * byline over the zone do not. */
#define ABOVE_ITEMS 2
#define SPACED_ABOVE_ITEMS 3
#define ABOVE_LINES 12

static void
keep_sections_above(struct decoder *dc, size_t a, int bare)
{
	size_t i, h, top, n = 0, least = SIZE_MAX, lists = 0;
	int spaced = 0;

	if (a == 0 || dc->lines[a - 1].keep || !section_heading(dc, a - 1, bare))
		return;
	h = top = a - 1;
	for (i = h; i-- > 0 && n <= ABOVE_LINES;) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK && n == 0 && top == h && !bare) {
			spaced = 1;
			continue;
		}
		if (ln->kind == K_BLANK || (ln->kind == K_BAD && !list_item(ln)) || ln->keep)
			break;
		if (section_heading(dc, i, bare) && ln->words < least &&
		    (n >= (spaced ? SPACED_ABOVE_ITEMS : ABOVE_ITEMS) ||
		    (n == 0 && top == h && !spaced))) {
			lists += n > 0;
			top = i;
			n = 0;
			least = SIZE_MAX;
			spaced = 0;
			continue;
		}
		n++;
		if (ln->words < least)
			least = ln->words;
	}
	for (i = top; lists > 0 && i <= h; i++)
		if (dc->lines[i].kind != K_BAD && dc->lines[i].kind != K_BLANK)
			keep_section_line(&dc->lines[i]);
}

/* Does line |ln| hold a rating's star (U+2605 or U+2606): a user's
 * review, or the summary over them? */
static int
rated(const struct decoder *dc, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t k;

	for (k = 0; k + 2 < ln->len; k++)
		if (p[k] == 0xe2 && p[k + 1] == 0x98 && (p[k + 2] == 0x85 || p[k + 2] == 0x86))
			return 1;
	return 0;
}

/* Is the block of lines from |j| down to a blank line a list under a
 * heading of |words| words: no body paragraph or boilerplate in it, and
 * a line of the heading's words at least (a box's link, "Download the
 * brochure (PDF)", stands over a box of shorter links)?  One line of the
 * list's shape that reads as a date or a caption ("Reception 24 hours",
 * "Bluetooth: 5.3") is one of its items (a box of headlines has a date
 * under each); a line with a rating's star is a user's review.  Its
 * items are bulleted all or none, and a bulleted list with a date under
 * half its items is a box of headlines.  On a page made of lists
 * (|listed|), a line kept already and more than one date or caption may
 * stand among the items.  Returns the block's last line, or SIZE_MAX. */
static size_t
list_block(const struct decoder *dc, size_t j, size_t cut, unsigned words, int listed)
{
	unsigned most = 0, odd = 0, bulleted = 0, dated = 0, n = 0;

	for (; j < cut && dc->lines[j].kind != K_BLANK; j++, n++) {
		if ((dc->lines[j].kind == K_GOOD && !(dc->lines[j].flags & L_BULLET)) ||
		    (dc->lines[j].kind == K_BAD &&
		    !(listed && dc->lines[j].keep == 1) &&
		    (!list_item(&dc->lines[j]) || (odd++ > 0 && !listed))) ||
		    rated(dc, &dc->lines[j]))
			return SIZE_MAX;
		bulleted += (dc->lines[j].flags & L_BULLET) != 0;
		dated += (dc->lines[j].flags & L_DATED) != 0;
		if (dc->lines[j].words > most)
			most = dc->lines[j].words;
	}
	if ((odd > 1 && odd < n) || (bulleted > 0 && (bulleted < n || 2 * dated >= n)))
		return SIZE_MAX;
	return most >= words ? j - 1 : SIZE_MAX;
}

/*
 * A list an extractor prints one item to a block, each item alone between
 * blank lines (a holiday home's amenities, a town hall's opening hours, a
 * garage's services): a heading alone between blank lines over SPACED_ITEMS
 * lines or more that stand alone so, none a body paragraph or furniture
 * but a date or a caption of the list's shape ("Monday: 8.30 - 12.00"), no
 * review's star among them, and SPACED_ITEMS of them of two words or more
 * (a site's menu printed so is a list of single words), more than half
 * of them no date or caption (a calendar of concerts).  The run ends
 * above the first line that stands in a block of two lines or more, or is
 * body text or furniture, or is printed twice on the page (a thread's
 * strip of name, rank, join date and "Reply with quote" under each post,
 * a table's repeated cells); a dated line right over a paragraph under an
 * item with no date ends no list but heads a review or a comment.
 * Returns the list's last line, or SIZE_MAX.  Reads the run once.
 */
#define SPACED_ITEMS 3

static size_t
spaced_list(const struct decoder *dc, size_t h, size_t cut)
{
	size_t j, last = SIZE_MAX, above = SIZE_MAX, n = 0, worded = 0, odd = 0;

	for (j = h; j > 0 && dc->lines[j - 1].kind == K_BLANK; j--)
		;
	if (j == 0 || dc->lines[j - 1].kind != K_GOOD || h + 1 >= dc->nlines ||
	    dc->lines[h + 1].kind != K_BLANK || (dc->lines[h].flags & L_SEPARATED))
		return SIZE_MAX;
	for (j = next_line(dc, h); j < cut && j + 1 < dc->nlines; j = next_line(dc, j)) {
		const struct bp_line *ln = &dc->lines[j];

		if (ln->kind == K_GOOD || !list_item(ln) || rated(dc, ln) ||
		    (ln->flags & (L_SEPARATED | L_REPEATED)) || ln->reason == R_DUPLICATE ||
		    dc->lines[j - 1].kind != K_BLANK ||
		    dc->lines[j + 1].kind != K_BLANK)
			break;
		above = last;
		last = j;
		n++;
		worded += ln->words >= 2;
		odd += ln->kind == K_BAD;
	}
	if (n < SPACED_ITEMS || worded < SPACED_ITEMS || 2 * worded <= n || 2 * odd >= n ||
	    ((dc->lines[last].flags & L_DATED) && !(dc->lines[above].flags & L_DATED) &&
	    (j = next_line(dc, last)) < dc->nlines && dc->lines[j].kind == K_GOOD))
		return SIZE_MAX;
	return last;
}

/* Is line |i| a heading alone between blank lines: a few words, no
 * sentence (a question may head a section), no list item or field of a
 * record; a label ending in a colon too ("What to bring:")? */
static int
spaced_heading(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return (ln->kind == K_SHORT || ln->kind == K_NEAR) && !(ln->flags & L_BULLET) &&
	    (!(ln->flags & L_TERM) || question(dc, ln)) && ln->words <= SECTION_HEADING_WORDS &&
	    i > 0 && dc->lines[i - 1].kind == K_BLANK && i + 1 < dc->nlines &&
	    dc->lines[i + 1].kind == K_BLANK && !fact_field(dc, i);
}

/* Is line |i| a note alone between blank lines: a body paragraph, or a
 * shorter line that ends a sentence and asks nothing ("Paths flood in
 * winter.")? */
static int
section_note(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return (ln->kind == K_GOOD || ((ln->kind == K_NEAR || ln->kind == K_SHORT) &&
	    (ln->flags & L_TERM) && !question(dc, ln))) && !(ln->flags & L_BULLET) &&
	    dc->lines[i - 1].kind == K_BLANK &&
	    (i + 1 >= dc->nlines || dc->lines[i + 1].kind == K_BLANK);
}

/*
 * The section under the heading at |h| alone between blank lines, on a
 * page made of lists (lists_page()): its blocks down to the next such
 * heading, each a note (section_note()) or a list (list_block(), bulleted
 * all or none); a list after the first block is a bulleted one (a
 * release's version over its files), as a block of plain short lines
 * below is as often the page's footer.  The section holds a note or
 * BULLETED_LINES lines of lists at least.  Returns its last line, or
 * SIZE_MAX.  Reads each line once.
 */
static size_t
spaced_section(const struct decoder *dc, size_t h, size_t cut, int *plain)
{
	size_t j, k, last = SIZE_MAX, lines = 0;
	int note = 0;

	for (j = next_line(dc, h); j < cut; j = next_line(dc, k)) {
		/* A label ending in a colon right under the heading is the
		 * section's ("Opening hours:" under "Recycling centre"). */
		if (last == SIZE_MAX && spaced_heading(dc, j) && (dc->lines[j].flags & L_COLON)) {
			k = j;
			continue;
		}
		if (spaced_heading(dc, j))
			break;
		if (section_note(dc, j)) {
			k = j;
			note = 1;
		} else if ((last == SIZE_MAX || (dc->lines[j].flags & L_BULLET)) &&
		    (k = list_block(dc, j, cut, last == SIZE_MAX ? dc->lines[h].words : 0, 1)) !=
		    SIZE_MAX) {
			lines += k + 1 - j;
			*plain |= !(dc->lines[j].flags & L_BULLET);
		} else {
			break;
		}
		last = k;
	}
	*plain |= note;
	return last != SIZE_MAX && (note || lines >= BULLETED_LINES) ? last : SIZE_MAX;
}

/* Words of a list's item, at least, for glued_lists() to count it as
 * worded: a column of links prints a word or two to an item. */
#define WORDED_ITEM 3

/*
 * The block from line |f| down to a blank line, when it holds the lists of
 * two sections or more printed with no blank line between them (a job's
 * duties, requirements and benefits; a designer's services and clients):
 * bulleted lists of BULLETED_LINES items or more, the first under the
 * heading over |f|, each next one under a heading of its own right under
 * the last item above (a short line, no sentence, no bullet), and more
 * than half the items of WORDED_ITEM words or more.  The columns of a
 * page's footer are set so too, but a column of links prints a word or
 * two to an item.  Returns the block's last line, or SIZE_MAX.  Reads the
 * block once.
 */
static size_t
glued_lists(const struct decoder *dc, size_t f, size_t cut, size_t *sections)
{
	size_t j, items = 0, worded = 0, groups = 0, run = 0;

	for (j = f; j < cut && dc->lines[j].kind != K_BLANK; j++) {
		const struct bp_line *ln = &dc->lines[j];

		if (ln->flags & L_BULLET) {
			if (!list_item(ln))
				return SIZE_MAX;
			run++;
			items++;
			worded += ln->words >= WORDED_ITEM;
			continue;
		}
		/* The block's lists end above a line that heads none. */
		if (run < BULLETED_LINES || (ln->kind != K_SHORT && ln->kind != K_NEAR) ||
		    (ln->flags & L_TERM) || ln->words > SECTION_HEADING_WORDS ||
		    j + 1 >= cut || !(dc->lines[j + 1].flags & L_BULLET))
			break;
		groups++;
		run = 0;
	}
	if (run < BULLETED_LINES || groups == 0 || 2 * worded <= items)
		return SIZE_MAX;
	*sections = groups + 1;
	return j - 1;
}

/* Words of an item of a list of titles, at most; bytes of a word that
 * title case capitalises, at least ("for", "and" stay in lower case). */
#define TITLE_ITEM_WORDS 5
#define TITLE_WORD_BYTES 4

/* Is line |ln| a bulleted item that reads as a page's title: two words to
 * TITLE_ITEM_WORDS, no digit, no sentence, clause or colon, and every word
 * after the first of TITLE_WORD_BYTES bytes or more capitalised
 * ("Drawing for Beginners")?  An item of an article's own list goes on
 * in lower case ("An old towel") or holds a figure or a comma. */
static int
title_item(const struct decoder *dc, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t k, w;
	unsigned caps = 0;

	if (!(ln->flags & L_BULLET) || (ln->flags & (L_TERM | L_COLON | L_DIGITS)) ||
	    ln->words < 2 || ln->words > TITLE_ITEM_WORDS)
		return 0;
	for (k = 0; k < ln->len && (p[k] == ' ' || p[k] == '\t'); k++)
		;
	/* past the bullet and the first word */
	for (; k < ln->len && p[k] != ' '; k++)
		;
	for (; k < ln->len && p[k] == ' '; k++)
		;
	for (; k < ln->len && p[k] != ' '; k++)
		;
	for (; k < ln->len; k = w) {
		if (p[k] == ' ') {
			w = k + 1;
			continue;
		}
		for (w = k; w < ln->len && p[w] != ' '; w++)
			if (p[w] == ',' || p[w] == ';' || p[w] == '(')
				return 0;
		if (w - k < TITLE_WORD_BYTES)
			continue;
		if (p[k] < 'A' || p[k] > 'Z')
			return 0;
		caps++;
	}
	return caps > 0;
}

/* Is the block [f, j] a list of titles, every item a title_item(): a box
 * of links to other pages ("Similar courses", "More recipes")? */
static int
title_list(const struct decoder *dc, size_t f, size_t j)
{
	for (; f <= j; f++)
		if (!title_item(dc, &dc->lines[f]))
			return 0;
	return 1;
}

/*
 * The article's last sections may be lists with no paragraph below them
 * (a holiday home's rooms, amenities and rules; a conference's chairs; a
 * product's features and specifications), run from the line below |e| to
 * the first furniture line.  Each is a heading set apart by a blank line
 * over a list of LISTED_LINES lines or more ending at a blank line; the
 * run ends at the first line that heads no such section (a form's
 * fields, a box's label over a single line), and is kept when it holds
 * |least| sections or more, one of them a list with no bullet or a note
 * unless the zone keeps a list of its own (OWN_LISTS): the boxes of
 * links below an article ("Related news", "Useful pages") print their
 * lists with bullets, and an article's lists come with a table or a
 * plain list among them (a product's specifications below its bulleted
 * features, a game's quests above its merchants).  Where the zone
 * prints its paragraphs with no blank line between them and none below
 * it (|bare|), a heading may stand right under the line above it (a
 * venue's hours, fees and facilities in one block), and each list must
 * end at a blank line: a page printed with no blank lines at all keeps
 * none, as its lists run into its footer.
 * Each line is read once.
 */
static void
keep_listed_tail(struct decoder *dc, size_t e, size_t cut, size_t least, int bare, int lists)
{
	size_t i, j, f, g, end = e, n = 0;
	int colon = 0, plain = 0, intro;

	/* The list a paragraph's colon introduces is its own. */
	i = next_line(dc, e);
	if (lists && !bare && (colon_paragraph(dc, e) || (dc->lines[e].kind == K_GOOD &&
	    (dc->lines[e].flags & (L_COLON | L_BULLET)) == L_COLON)) && i < cut &&
	    (j = list_block(dc, i, cut, 0, 1)) != SIZE_MAX) {
		i = next_line(dc, j);
		colon = 1;
	}
	for (; i < cut; i = next_line(dc, j)) {
		/* A note between two sections ("Paths flood in winter.") is
		 * kept with the section below it. */
		if (lists && !bare && (n > 0 || colon) && section_note(dc, i) &&
		    dc->lines[i].kind != K_GOOD) {
			j = i;
			plain = 1;
			continue;
		}
		/* A list under its own introduction ("You'll need:") is the
		 * article's: a box of links has none. */
		if (section_heading(dc, i, bare) && (f = next_line(dc, i)) < cut &&
		    ((intro = list_intro(dc, f)) == 0 || ++f < cut) &&
		    (j = list_block(dc, f, cut, dc->lines[i].words, 0)) != SIZE_MAX &&
		    j + 1 - f >= LISTED_LINES && !title_list(dc, f, j) &&
		    (!bare || (j + 1 < cut && dc->lines[j + 1].kind == K_BLANK))) {
			end = j;
			n++;
			plain |= intro || !(dc->lines[f].flags & L_BULLET);
			continue;
		}
		/* Lists glued under one another, each under its heading: an
		 * article's, as a box of links is one list. */
		if (!bare && section_heading(dc, i, 0) && (f = next_line(dc, i)) == i + 1 &&
		    (j = glued_lists(dc, f, cut, &g)) != SIZE_MAX) {
			end = j;
			n += g;
			plain = 1;
			continue;
		}
		if (!lists || bare || !spaced_heading(dc, i) ||
		    (j = spaced_section(dc, i, cut, &plain)) == SIZE_MAX)
			break;
		end = j;
		n++;
	}
	/* Unless the zone keeps a list of its own, bulleted lists alone
	 * under their headings are boxes of links or of other stories'
	 * headlines: an article sets out some of its lists otherwise (a
	 * list without bullets, a note). */
	if (lists != OWN_LISTS && !plain)
		return;
	for (i = e + 1; n >= least && i <= end; i++)
		if (dc->lines[i].kind != K_BLANK && !dc->lines[i].keep)
			keep_section_line(&dc->lines[i]);
}

/* Body paragraphs of a zone that leads into lists, at most. */
#define LEAD_PARAGRAPHS 2

/* Is the zone [a, b] that of a page made of lists?  OWN_LISTS when it
 * keeps a list of its own (a bulleted item, or a short line right under
 * another) with no more than LEAD_PARAGRAPHS body paragraphs below it;
 * LEAD_LISTS when it holds no more than LEAD_PARAGRAPHS body paragraphs
 * in all (an introduction over the page's lists, or a short report over
 * boxes of links); else 0: a report of many paragraphs ends where a box
 * of other stories' headlines starts, however its heading reads.  Reads
 * the zone once. */
static int
lists_page(const struct decoder *dc, size_t a, size_t b)
{
	size_t i, body = 0, below = 0;
	int listed = 0;

	for (i = a; i <= b && i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->keep == 1 && ((ln->flags & L_BULLET) || (i > a && ln->kind != K_GOOD &&
		    dc->lines[i - 1].keep == 1 && dc->lines[i - 1].kind != K_GOOD &&
		    dc->lines[i - 1].kind != K_BLANK))) {
			listed = 1;
			below = 0;
		}
		body += ln->kind == K_GOOD;
		below += ln->kind == K_GOOD;
	}
	if (listed && below <= LEAD_PARAGRAPHS)
		return OWN_LISTS;
	return body <= LEAD_PARAGRAPHS ? LEAD_LISTS : 0;
}

/* The furniture of the zone a thread's strips repeat, read when the first
 * list printed one item to a block is found below it. */
struct strip_keys {
	uint64_t keys[BP_POST_KEYS];
	size_t n;
	int built;
};

/*
 * A list printed one item to a block below the zone [a, b] (spaced_list())
 * that is no post's strip: on a thread's page each post's text is followed
 * by its strip, the poster's name, rank, join date, post count, the post's
 * number and date and "Reply with quote", each alone between blank lines,
 * and the strip repeats the lines of furniture over the zone and dropped
 * inside it, a stamp by its shape and a line by its copies
 * (safi_bp_post_strip()); a list of amenities or services repeats none.
 * Returns the list's last line, or SIZE_MAX.
 */
static size_t
spaced_below(const struct decoder *dc, size_t a, size_t b, size_t h, size_t cut,
    struct strip_keys *sk)
{
	size_t e = spaced_list(dc, h, cut);

	if (e == SIZE_MAX)
		return SIZE_MAX;
	if (!sk->built) {
		sk->n = safi_bp_zone_furniture(dc, a, b, sk->keys);
		sk->built = 1;
	}
	return safi_bp_post_strip(dc, h, e, sk->keys, sk->n) ? SIZE_MAX : e;
}

/* The line below which the sections under the zone's last line |b| are
 * read: |b|, or a photo's caption or credit that stands alone between
 * blank lines right under it ("Photo: The bridge at dusk. (c) ..."), as
 * a page prints the picture of its lead between the lead and the rest
 * of the article; the caption itself stays dropped. */
static size_t
below_caption(const struct decoder *dc, size_t b, size_t cut)
{
	size_t i = next_line(dc, b);
	const struct bp_line *ln;

	if (i >= cut || i + 1 >= dc->nlines || i == b + 1 ||
	    dc->lines[i + 1].kind != K_BLANK)
		return b;
	ln = &dc->lines[i];
	if (ln->kind != K_BAD || (ln->reason != R_CAPTION && ln->reason != R_CREDIT &&
	    !safi_bp_caption_tag(dc->text + ln->off, ln->len)))
		return b;
	return i;
}

/* Lines of a strip of furniture between the zone and its first section,
 * at most, for below_strip(). */
#define STRIP_LINES 6

/*
 * The line below which the sections under the zone are read when a strip
 * of furniture stands between the zone's last line |w| (or the caption
 * under it) and their first heading: a page prints its buttons ("Apply
 * now", "Download the leaflet"), a disclosure or a box of contents
 * between an article's lead and the rest of it.  The strip is one block
 * set apart by blank lines, of STRIP_LINES lines at most, none of them a
 * body paragraph or a section's heading, right over a section's heading;
 * it stays dropped, and the sections are read below it as right under
 * the zone.  Returns the strip's last line, or |w| when there is none.
 * Reads the strip once.
 */
static size_t
below_strip(const struct decoder *dc, size_t w, size_t cut, int bare)
{
	size_t i = next_line(dc, w), j;

	if (bare || i >= cut || i == w + 1 || section_heading(dc, i, 0))
		return w;
	for (j = i; j < cut && dc->lines[j].kind != K_BLANK; j++)
		if (j >= i + STRIP_LINES || dc->lines[j].kind == K_GOOD)
			return w;
	if (j >= cut || (i = next_line(dc, j - 1)) >= cut || !section_heading(dc, i, 0))
		return w;
	return j - 1;
}

/* Lines of the block under the article's last heading, at least, for
 * closing_block(). */
#define CLOSING_BLOCK_LINES 2

/* Does line |ln| hold a letter of any script: no score ("4,9 / 5"),
 * count or price alone? */
static int
lettered(const struct decoder *dc, const struct bp_line *ln)
{
	const unsigned char *p = (const unsigned char *)dc->text + ln->off;
	size_t k;

	for (k = 0; k < ln->len; k++)
		if (p[k] >= 0x80 || ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z'))
			return 1;
	return 0;
}

/* Does line |i| hold an e-mail address ("Email: office@town.example"),
 * with no link's slash: a line of an office's contact details. */
static int
mail_line(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off, *at = memchr(p, '@', ln->len);

	return (ln->reason == R_PHRASE || ln->reason == R_URL) && at && at > p &&
	    at[-1] != ' ' && memchr(at, '.', ln->len - (size_t)(at - p)) &&
	    !memchr(p, '/', ln->len);
}

/*
 * The last line of the block that closes an article set out in sections:
 * the heading at |h| alone between blank lines (right below the last
 * paragraph kept, as the caller sees to), over one block of
 * CLOSING_BLOCK_LINES lines or more with no blank line inside (an
 * office's address and phone under "Contact us", the rows of a table of
 * places), that starts above |stop|, the line that ended the sections,
 * and ends at a blank line above the cut.  None of its lines is a body
 * paragraph, bulleted (a box of links, a tag list), without a letter (a
 * rating's "4,9 / 5") or boilerplate by more than a weak shape but an
 * e-mail address below its first line ("Email: ..." under the phone), and
 * it shares SECTION_TOPIC percent of its content words with the zone's
 * body text: a box of other stories under a label shares few.  Returns
 * SIZE_MAX when |h| heads no such block.  Reads the block twice.
 */
static size_t
closing_block(const struct decoder *dc, size_t a, size_t b, size_t h, size_t stop,
    size_t cut, struct bp_topic *tp, int *built)
{
	size_t f = next_line(dc, h), k;
	unsigned hits = 0, total = 0;

	if (f != h + 2 || f >= stop)
		return SIZE_MAX;
	for (k = f; k < cut && dc->lines[k].kind != K_BLANK; k++) {
		const struct bp_line *ln = &dc->lines[k];

		if (ln->kind == K_GOOD || (ln->flags & L_BULLET) || !lettered(dc, ln) ||
		    (ln->kind == K_BAD && !list_item(ln) && (k == f || !mail_line(dc, k))))
			return SIZE_MAX;
	}
	if (k - f < CLOSING_BLOCK_LINES || k >= cut || dc->lines[k].kind != K_BLANK)
		return SIZE_MAX;
	if (!*built) {
		safi_bp_zone_topic(dc, a, b, 0, tp);
		*built = 1;
	}
	for (k = f; dc->lines[k].kind != K_BLANK; k++)
		topic_count(dc, tp, k, &hits, &total);
	return total > 0 && 100u * hits >= SECTION_TOPIC * total ? k - 1 : SIZE_MAX;
}

/*
 * Is line |i|, below the zone that starts at |a|, the page's headline
 * printed again: a copy of a line above the zone that stands alone
 * between blank lines there and here, as a recipe's card or a
 * printable version repeats the title over its own block?  It heads the
 * same article, not a section of its own, and stays dropped.
 */
static int
headline_again(const struct decoder *dc, size_t a, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t f = ln->first;

	return f < a && f > 0 && f + 1 < dc->nlines && ln->kind != K_BAD &&
	    ln->words >= 2 && dc->lines[f].kind != K_BAD &&
	    dc->lines[f - 1].kind == K_BLANK && dc->lines[f + 1].kind == K_BLANK &&
	    dc->lines[i - 1].kind == K_BLANK && i + 1 < dc->nlines &&
	    dc->lines[i + 1].kind == K_BLANK;
}

/*
 * Is line |i| an advert's label between two sections: a phrase line of
 * one word ("Advertisement") alone between blank lines, right over a
 * section's heading?  A box's label stands over its links or headlines.
 */
static int
advert_label(const struct decoder *dc, size_t i, int bare)
{
	const struct bp_line *ln = &dc->lines[i];
	size_t j;

	if (ln->kind != K_BAD || ln->reason != R_PHRASE || ln->words != 1 || bare || i == 0 ||
	    dc->lines[i - 1].kind != K_BLANK || i + 1 >= dc->nlines ||
	    dc->lines[i + 1].kind != K_BLANK)
		return 0;
	j = next_line(dc, i);
	return j < dc->nlines && section_heading(dc, j, 0) && section_body(dc, j);
}

size_t
safi_bp_keep_sections(struct decoder *dc, size_t a, size_t b, size_t cut)
{
	size_t i, j, k, w, last, e = SIZE_MAX, heads = 0, full = 0, glued = 0, listed = 0;
	size_t spaced_lists = 0, last_heading = SIZE_MAX, unfilled = 0, closing = SIZE_MAX, top = b;
	int ended = 0, sectioned = 0, built = 0, bare = 1, spaced = 0, mail = 0;
	struct bp_topic tp;
	struct strip_keys sk;

	sk.n = 0;
	sk.built = 0;
	for (i = a; (i <= b || i < a + BARE_LINES) && bare; i++)
		bare = i < dc->nlines && dc->lines[i].kind != K_BLANK;

	/* A heading in the zone, or right over its first line, stands over
	 * a body paragraph; or the zone's last line is a heading over its
	 * section below. */
	for (i = a; i-- > 0 && dc->lines[i].kind == K_BLANK;)
		;
	for (i = i < a ? i : a + 1; i <= b && !sectioned; i++)
		sectioned = section_heading(dc, i, bare) && (i == b ? section_body(dc, i) :
		    (j = next_line(dc, i)) <= b && dc->lines[j].kind == K_GOOD);
	/* A zone of a lead paragraph with no heading of its own (a job's
	 * advert, a course's syllabus) may go on below in sections of
	 * lists, each under its heading, the first right below the zone,
	 * down to a body paragraph: LISTED_SECTIONS of them at least, and
	 * no heading over anything else but that paragraph (a feed's label
	 * stands over a headline or a teaser). */
	w = below_caption(dc, b, cut);
	if (sectioned)
		keep_sections_above(dc, a, bare);
	else if ((j = next_line(dc, w)) >= cut || !section_heading(dc, j, bare)) {
		if ((top = below_strip(dc, w, cut, bare)) == w)
			return SIZE_MAX;
		w = top;
	}
	for (i = w + 1; i < cut && i < dc->nlines; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK || headline_again(dc, a, i) || advert_label(dc, i, bare))
			continue;
		if ((j = box_over(dc, i, cut, bare)) != SIZE_MAX) {
			i = j - 1;
			continue;
		}
		/* Furniture ends the article, and so does a stamp right
		 * over a paragraph: a review's or a comment's. */
		if ((ln->kind == K_BAD && !section_item(dc, i) && !section_phrase(dc, i)) ||
		    ((ln->flags & L_DATED) && i + 1 < dc->nlines && dc->lines[i + 1].kind == K_GOOD)) {
			ended = 1;
			break;
		}
		if (!bare && section_heading(dc, i, 0) &&
		    (j = spaced_below(dc, a, b, i, cut, &sk)) != SIZE_MAX) {
			heads++;
			full++;
			spaced_lists++;
			last_heading = SIZE_MAX;
			i = j;
			continue;
		}
		if (section_heading(dc, i, bare) && closing_link(dc, i, bare))
			continue;
		if (section_heading(dc, i, bare)) {
			heads++;
			full += sectioned ? section_body(dc, i) :
			    section_list(dc, i) || over_paragraph(dc, i) ||
			    colon_intro(dc, next_line(dc, i));
			listed += section_list(dc, i);
			glued += dc->lines[i + 1].kind != K_BLANK;
			last_heading = i;
			unfilled++;
		}
		/* The article reaches each body paragraph below a heading
		 * while every heading above it stands over a paragraph or a
		 * block; one over a single line (a label over another
		 * story's headline, as a feed prints them) ends it at the
		 * last paragraph above.  Below a heading printed right over
		 * its section (the first line of any block may look like
		 * one), the paragraph shares the zone's topic too, unless
		 * two headings above it stand over lists: a page printed with
		 * no blank lines sets out its services, hours and fees so.
		 * Below a list printed one item to a block (spaced_list(), one
		 * is enough), the article goes on to a paragraph of
		 * CLOSING_WORDS words or more with no bullet.  A closing line
		 * that ends in a colon counts as a paragraph here. */
		if ((ln->kind == K_GOOD || colon_paragraph(dc, i)) && heads) {
			unsigned hits = 0, total = 0;

			if (full < heads ||
			    (!sectioned && heads < LISTED_SECTIONS && !spaced_lists) ||
			    (spaced_lists &&
			    (ln->words < CLOSING_WORDS || (ln->flags & L_BULLET)))) {
				ended = 1;
				break;
			}
			if (glued && listed < LISTED_SECTIONS) {
				if (!built) {
					safi_bp_zone_topic(dc, a, b, 0, &tp);
					built = 1;
				}
				topic_count(dc, &tp, i, &hits, &total);
				if (100u * hits < SECTION_TOPIC * total) {
					ended = 1;
					break;
				}
			}
			/* A step of a list the article reaches: the list
			 * runs on to its last item. */
			while ((ln->flags & L_BULLET) && i + 1 < cut &&
			    (dc->lines[i + 1].flags & L_BULLET) && list_item(&dc->lines[i + 1]))
				ln = &dc->lines[++i];
			e = i;
			unfilled = 0;
		}
	}
	/* The article's last section may hold no paragraph: a heading right
	 * below the last paragraph kept, over one block (the address under
	 * "Contact us", a table of places). */
	if (sectioned && !bare && unfilled == 1 && full == heads &&
	    last_heading == next_line(dc, e == SIZE_MAX ? w : e) &&
	    (j = closing_block(dc, a, b, last_heading, i, cut, &tp, &built)) != SIZE_MAX) {
		closing = last_heading;
		e = j;
	}
	keep_listed_tail(dc, e == SIZE_MAX ? w : e, cut, e == SIZE_MAX ? LISTED_SECTIONS : 1,
	    bare && (b + 1 >= dc->nlines || dc->lines[b + 1].kind != K_BLANK),
	    lists_page(dc, a, b));
	if (e == SIZE_MAX)
		return SIZE_MAX;
	/* A number stays in a list only while no blank line stands between
	 * the zone and it (a manual's exit codes): a box set apart below the
	 * article prints its prices and phone numbers so; but a person's
	 * phone number right under the e-mail address of the entry is one of
	 * its lines.  The headline printed again over the article's card
	 * stays dropped. */
	for (i = top + 1, last = introduced(dc, e, cut); i <= last; i++) {
		struct bp_line *ln = &dc->lines[i];

		if ((j = box_over(dc, i, cut, bare)) != SIZE_MAX) {
			i = j - 1;
			spaced = 1;
			continue;
		}
		if (!bare && section_heading(dc, i, 0) &&
		    (j = spaced_below(dc, a, b, i, cut, &sk)) != SIZE_MAX) {
			for (k = i; k <= j; k++)
				if (dc->lines[k].kind != K_BLANK && !dc->lines[k].keep)
					keep_section_line(&dc->lines[k]);
			i = j;
			spaced = 1;
			continue;
		}
		spaced |= ln->kind == K_BLANK;
		if (ln->kind == K_BLANK || ln->keep || headline_again(dc, a, i) ||
		    (section_heading(dc, i, bare) && closing_link(dc, i, bare)) ||
		    (ln->kind == K_BAD && !section_phrase(dc, i) &&
		    (!listed_line(dc, i) || (spaced && number_line(dc, ln) && !mail)))) {
			mail = 0;
			continue;
		}
		mail = address_line(dc, i);
		keep_section_line(ln);
	}
	/* The closing block is kept whole, its e-mail line too. */
	for (i = closing; i <= e && closing != SIZE_MAX; i++)
		if (dc->lines[i].kind != K_BLANK && !dc->lines[i].keep)
			keep_section_line(&dc->lines[i]);
	return ended || full < heads ? SIZE_MAX : e;
}

void
safi_bp_keep_section_headings(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j, k;

	for (i = a + 1; i < b; i++) {
		struct bp_line *ln = &dc->lines[i];

		/* Alone between blank lines: a line right over a kept block
		 * (a list of references under its label) is as often not the
		 * article's. */
		if (ln->keep || ln->reason != R_CONTEXT || !section_heading(dc, i, 0) ||
		    dc->lines[i + 1].kind != K_BLANK)
			continue;
		j = next_line(dc, i);
		for (k = i - 1; k > a && dc->lines[k].kind == K_BLANK; k--)
			;
		if (j < b && dc->lines[j].keep == 1 && dc->lines[j + 1].keep == 1 &&
		    dc->lines[k].keep == 1) {
			ln->keep = 1;
			ln->reason = R_HEADING;
		}
	}
}

/* A record of facts, at most FACT_WORDS words to a line, each opening
 * with a label of at most FACT_LABEL_BYTES bytes and no digit. */
#define FACT_WORDS 12
#define FACT_LABEL_BYTES 40
/* Fields of a record, at least: a manual's technical data or a shop's
 * specifications list more; a review's three or four specifications
 * below its verdict are as often left out of the article. */
#define FACT_LINES 5

/* Is line |i| a field of a record: "Weight: 2.9 kg", "Year built: 1972",
 * a label with no digit (not "10:30"), a colon and a space, then its
 * value, and no colon at its end (an intro)?  A date or a figure is still
 * a value, and a value may end in a dot ("Elevation: 133 m a.s.l.").  A
 * record printed as a table of two columns (an encyclopedia's infobox:
 * "Location<TAB>Northern Vesmark") sets its label apart by a tab in place
 * of the colon, and holds no other tab. */
static int
fact_field(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;
	size_t k, lim = ln->len < FACT_LABEL_BYTES ? ln->len : FACT_LABEL_BYTES;

	if (ln->kind == K_BLANK || !list_item(ln) || ln->words > FACT_WORDS ||
	    (ln->flags & L_COLON))
		return 0;
	for (k = 0; k < lim && p[k] != ':' && p[k] != '\t'; k++)
		if (p[k] >= '0' && p[k] <= '9')
			return 0;
	if (k == 0 || k >= lim || k + 2 >= ln->len)
		return 0;
	if (p[k] == '\t')
		return p[k + 1] != ' ' && p[k + 1] != '\t' &&
		    !memchr(p + k + 1, '\t', ln->len - k - 1);
	return (p[k + 1] == ' ' || p[k + 1] == '\t') && p[k + 2] != ' ' && p[k + 2] != '\t';
}

/* Is line |i| the heading of the record below it: a short or near line
 * of a few words with a blank line above it, no field, list item,
 * sentence, menu or label ending in a colon?  The record's first field
 * may be as short as its heading ("Lake Ellery" over "Area: 14 km²"). */
static int
record_heading(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return (ln->kind == K_SHORT || ln->kind == K_NEAR) &&
	    !(ln->flags & (L_BULLET | L_COLON | L_TERM | L_SEPARATED)) &&
	    ln->words <= SECTION_HEADING_WORDS && (i == 0 || dc->lines[i - 1].kind == K_BLANK) &&
	    !fact_field(dc, i);
}

/* Keeps line |ln| as a line of a record when it is not kept yet. */
static void
keep_fact(struct bp_line *ln, int heading)
{
	if (!ln->keep) {
		ln->keep = 1;
		ln->reason = heading ? R_HEADING : R_LIST;
	}
}

/*
 * A page that sets out facts (a manual, a product's page) may end its
 * article with a record of them, and a record of short fields scores too
 * little to join the zone.  The record is read in the first block below
 * the zone's last line |b| and the lines kept under it, once: up to a
 * blank line, every line a field, under a heading perhaps.
 */
void
safi_bp_keep_facts(struct decoder *dc, size_t b, size_t cut)
{
	size_t i, h = SIZE_MAX, first, n = 0;

	for (i = b + 1; i < cut && (dc->lines[i].kind == K_BLANK || dc->lines[i].keep); i++)
		;
	if (i >= cut)
		return;
	if (record_heading(dc, i)) {
		h = i;
		i = next_line(dc, i);
	}
	/* A record printed in a box may head its later fields ("Opening
	 * hours" under "Payment: Cash"), and ends at a blank line or at a
	 * heading glued under its last field, the box's next section's. */
	for (first = i; i < cut; i++) {
		if (fact_field(dc, i))
			n++;
		else if (!heading_under_field(dc, i) || i + 1 >= cut || !fact_field(dc, i + 1))
			break;
	}
	if (n < FACT_LINES || (i < cut && dc->lines[i].kind != K_BLANK &&
	    !heading_under_field(dc, i)))
		return;
	if (h != SIZE_MAX)
		keep_fact(&dc->lines[h], 1);
	for (; first < i; first++)
		keep_fact(&dc->lines[first], !fact_field(dc, first));
}

/* Is line |i| a field of a record above the zone: a field that is no
 * boilerplate by any shape but a date's or a caption's ("Start date:
 * 5 July 2027" among a course's facts)?  Returns 2 for a field of no
 * boilerplate shape, 1 for a dated one: a byline's "Updated: June 3" is
 * a date, and most fields of a record are no dates. */
static int
head_field(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	if (!fact_field(dc, i))
		return 0;
	return ln->kind != K_BAD ? 2 : ln->reason == R_DATE || ln->reason == R_CAPTION ||
	    ln->reason == R_SYMBOLS;
}

/* Is line |i| a heading glued to a record: a record heading's shape
 * printed right under a field ("Description" under "Owners: 2", over a
 * listing's text; "Opening hours" under "Payment: Card only", over the
 * record's next fields)?  A page that sets its boxes with no blank lines
 * between them prints a listing's fields so. */
static int
heading_under_field(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return i > 0 && (ln->kind == K_SHORT || ln->kind == K_NEAR) &&
	    !(ln->flags & (L_BULLET | L_COLON | L_TERM | L_SEPARATED)) &&
	    ln->words <= SECTION_HEADING_WORDS && !fact_field(dc, i) && fact_field(dc, i - 1);
}

/* Is line |i| the heading of a record set in a box, glued to the line
 * above it ("Key details" under a photo's counter): a short line of
 * words alone, no field, item, sentence or label ending in a colon?  A
 * digit or a bracket makes it a count or a button ("Interested (214)").
 * Reads the line once. */
static int
boxed_heading(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];
	const char *p = dc->text + ln->off;
	size_t k;

	if (!(ln->kind == K_SHORT || ln->kind == K_NEAR) ||
	    (ln->flags & (L_BULLET | L_COLON | L_TERM | L_SEPARATED)) ||
	    ln->words > SECTION_HEADING_WORDS)
		return 0;
	for (k = 0; k < ln->len; k++)
		if ((p[k] >= '0' && p[k] <= '9') || p[k] == '(')
			return 0;
	return 1;
}

void
safi_bp_keep_facts_above(struct decoder *dc, size_t a)
{
	size_t i = a, top, over = SIZE_MAX, n = 0, sure = 0;
	int f;

	if (a == 0 || a >= dc->nlines)
		return;
	/* The record's last field is the zone's first line, or the record
	 * stands above it, or above the heading right over it
	 * ("Description" over a listing's text), blank lines between. */
	if (head_field(dc, a) == 2 && dc->lines[a - 1].kind != K_BLANK) {
		n = sure = 1;
	} else {
		while (i > 0 && dc->lines[i - 1].kind == K_BLANK)
			i--;
		if (i > 0 && (section_heading(dc, i - 1, 0) || heading_under_field(dc, i - 1)))
			over = --i;
		while (i > 0 && dc->lines[i - 1].kind == K_BLANK)
			i--;
	}
	for (top = i; top > 0 && (f = head_field(dc, top - 1)) > 0; top--) {
		n++;
		sure += f == 2;
	}
	if (n < FACT_LINES || 2 * sure <= n || (top > 0 && dc->lines[top - 1].kind != K_BLANK &&
	    dc->lines[top - 1].kind != K_BAD && !record_heading(dc, top - 1) &&
	    !boxed_heading(dc, top - 1)))
		return;
	if (top > 0 && dc->lines[top - 1].kind != K_BLANK && dc->lines[top - 1].kind != K_BAD)
		keep_fact(&dc->lines[top - 1], 1);
	else if (top > 1 && dc->lines[top - 2].kind != K_BLANK && record_heading(dc, top - 2))
		keep_fact(&dc->lines[top - 2], 1);
	for (; top < i; top++)
		keep_fact(&dc->lines[top], 0);
	if (over != SIZE_MAX)
		keep_fact(&dc->lines[over], 1);
}

/*
 * A page that leads with a card of facts under its headline (a recipe's
 * times and ingredients, an event's date and venue, a job's salary and
 * contract, a course's outcomes and fee) prints it as one block of short
 * lines before the first paragraph, often with buttons or a byline
 * between it and the text, so the card falls in the head.  Between the
 * title |t| and the zone's first line |top|, a block between blank lines
 * is such a card when CARD_FIELDS lines of it or more are fields
 * ("Serves: 8"), one of them a field of no boilerplate shape, and no
 * list item (an item "Olympics: Day one" is a headline), CARD_LINES
 * of its lines or more are fields or list items, and each other line is
 * text (no boilerplate by its shape) that is either a sentence or a
 * heading right over a field or an item ("Ingredients").  A byline or a
 * date stamp is no field of no shape, and a row of buttons has none.
 * The first such block is kept, its fields and items as list items and
 * its other lines as headings.  Cost: the lines of the gap, read twice
 * at most.
 */
#define CARD_FIELDS 2
#define CARD_LINES 5

static int
card_line(const struct decoder *dc, size_t i, size_t *fields, size_t *sure, size_t *items)
{
	const struct bp_line *ln = &dc->lines[i];
	int f = head_field(dc, i);

	if (!(ln->flags & L_BULLET) && (f > 0 || (ln->keep == 1 && fact_field(dc, i)))) {
		(*fields)++;
		*sure += f != 1;
		return 1;
	}
	if (ln->flags & L_BULLET) {
		(*items)++;
		return !(ln->flags & L_REPEATED);
	}
	if (ln->kind == K_BAD)
		return 0;
	if (ln->kind == K_GOOD)
		return 1;
	return (ln->kind == K_SHORT || ln->kind == K_NEAR) && ln->words <= SECTION_HEADING_WORDS &&
	    !(ln->flags & (L_COLON | L_SEPARATED)) && i + 1 < dc->nlines &&
	    ((dc->lines[i + 1].flags & L_BULLET) || fact_field(dc, i + 1));
}

void
safi_bp_keep_card(struct decoder *dc, size_t t, size_t top)
{
	size_t i = t + 1, s, fields, sure, items;
	int ok;

	while (i < top) {
		while (i < top && dc->lines[i].kind == K_BLANK)
			i++;
		fields = sure = items = 0;
		ok = 1;
		for (s = i; i < top && dc->lines[i].kind != K_BLANK; i++)
			if (ok && !card_line(dc, i, &fields, &sure, &items))
				ok = 0;
		if (!ok || fields < CARD_FIELDS || !sure || fields + items < CARD_LINES)
			continue;
		for (; s < i; s++) {
			struct bp_line *ln = &dc->lines[s];

			keep_fact(ln, !(ln->flags & L_BULLET) && !fact_field(dc, s));
		}
		return;
	}
}

/*
 * A record inside the article (a call for papers' important dates, a
 * directory's rates and seasons) prints its fields one to a line under a
 * heading, and a field with a date in it is dropped by its shape while
 * the others are kept.  A block of DATED_FIELDS lines or more, every line
 * kept or such a field, one of them kept and not all, right under a kept
 * heading or a section heading alone between blank lines, keeps its
 * fields and its heading.  Each block is read once.
 */
#define DATED_FIELDS 3

void
safi_bp_keep_dated_fields(struct decoder *dc, size_t a, size_t b)
{
	size_t i, j, k, h, n, kept;

	for (i = a; i <= b && i < dc->nlines; i++) {
		if (i == 0 || dc->lines[i].kind == K_BLANK || dc->lines[i - 1].kind != K_BLANK)
			continue;
		/* A block below a blank line: the heading above it first, as
		 * most blocks stand under none. */
		for (h = i - 1; h > a && dc->lines[h].kind == K_BLANK; h--)
			;
		if (dc->lines[h].kind == K_BLANK ||
		    ((dc->lines[h].keep != 1 || dc->lines[h].reason != R_HEADING) &&
		    !safi_bp_section_heading(dc, h)))
			continue;
		for (j = i, n = kept = 0; j <= b && j < dc->nlines && dc->lines[j].kind != K_BLANK &&
		    (dc->lines[j].keep == 1 || head_field(dc, j) > 0); j++) {
			n++;
			kept += dc->lines[j].keep == 1;
		}
		if (n >= DATED_FIELDS && kept > 0 && kept < n &&
		    (j > b || j >= dc->nlines || dc->lines[j].kind == K_BLANK)) {
			keep_fact(&dc->lines[h], 1);
			for (k = i; k < j; k++)
				if (head_field(dc, k) > 0)
					keep_fact(&dc->lines[k], 0);
		}
		i = j;
	}
}

/*
 * The article run down to the page's footer.  A page that is not news (a
 * shop's address and the way to it, a product's features, a list post)
 * prints its text in short pieces: a paragraph, a block of short lines,
 * a heading, another paragraph, a list.  Each block of short lines costs
 * more than the paragraphs around it earn, and the pieces speak of other
 * things each (the way to the shop, the cakes it bakes), so the zone holds
 * one piece and neither the sections nor the zone's topic bring back the
 * rest.  Below the zone's last line (one that no teasers, feed, barrier
 * or drift moved up: the caller asks it), the run of lines down to the
 * first line of furniture is the article's when that line opens the
 * page's footer: FOOTER_STRIP of the FOOTER_LOOK lines from it on are
 * boilerplate by a phrase, a menu, a marker or a copyright shape (a share
 * row, a sign-up box, tags), not a post's "Quote" and "Reply" alone, nor
 * a "related" marker over its headlines.  The run holds FOOTER_RUN_LINES
 * lines at most (a sidebar's widgets or the posts of a thread run longer)
 * and a body paragraph; or it is a list that ends the article, down to
 * that strip or to the line that cuts the page: LIST_ITEMS items
 * or more of LIST_ITEM_WORDS words each on average, none ending in a comma
 * (a tag list) or boilerplate by a shape (a table of results, dated),
 * under no heading or one with no colon ("Tagged:"), below
 * a zone that does not end in a list item itself (a box of links the zone
 * took in part).  Nothing in it reads as another kind of box: no line is
 * boilerplate by a shape but a date's or symbols' (a URL is a commenter's
 * name), none is printed again on the page; no stamp stands right over a
 * paragraph (a comment's, a review's), nor do RUN_DATES dated lines open
 * blocks of their own; no FEED_HEADS lines of four words or more that end
 * no sentence follow each other (a feed's headlines); no two headings
 * alone between blank lines follow each other (a sidebar's empty widget
 * labels).  The run's lines that are no boilerplate are kept, and a dated
 * or symbol line inside a block of them (a phone number under an address)
 * too.  Reads each line of the run once, and the strip's four lines.
 */
#define FOOTER_RUN_LINES 20
#define LIST_ITEMS 3
#define LIST_ITEM_WORDS 3
#define FEED_HEADS 3
#define RUN_DATES 2
#define FOOTER_LOOK 4
#define FOOTER_STRIP 3

/* Is line |ln| no boilerplate, or boilerplate by a shape that a line of
 * the article may have (a date, symbols), and printed once on the page? */
static int
soft_line(const struct bp_line *ln)
{
	return (ln->kind != K_BAD || ln->reason == R_DATE || ln->reason == R_SYMBOLS) &&
	    !(ln->flags & L_REPEATED);
}

/* Is line |ln| furniture that opens a footer: boilerplate by a phrase, a
 * menu, a marker or a copyright shape? */
int
safi_bp_footer_line(const struct bp_line *ln)
{
	return ln->kind == K_BAD && (ln->reason == R_PHRASE || ln->reason == R_MENU ||
	    ln->reason == R_MARKER || ln->reason == R_INLINE_MARKER ||
	    ln->reason == R_COPYRIGHT);
}

/* Is line |i| a short line alone between blank lines that ends no
 * sentence: a heading, or a widget's label? */
static int
lone_heading(const struct decoder *dc, size_t i)
{
	const struct bp_line *ln = &dc->lines[i];

	return (ln->kind == K_SHORT || ln->kind == K_NEAR) && !(ln->flags & L_TERM) && i > 0 &&
	    i + 1 < dc->nlines && dc->lines[i - 1].kind == K_BLANK &&
	    dc->lines[i + 1].kind == K_BLANK;
}

/* Does line |ln| end in a comma (an entry of a tag list: "rain,")? */
static int
comma_end(const struct decoder *dc, const struct bp_line *ln)
{
	return ln->len > 0 && dc->text[ln->off + ln->len - 1] == ',';
}

/* Does line |i| open a strip of furniture: FOOTER_STRIP of the
 * FOOTER_LOOK lines from it on (blank lines aside) boilerplate by a
 * phrase, a menu, a marker or a copyright shape, |i| among them?  A
 * post's "Quote" and "Reply" under each answer make no footer. */
static int
footer_strip(const struct decoder *dc, size_t i)
{
	size_t k, n = 0;

	if (!safi_bp_footer_line(&dc->lines[i]))
		return 0;
	for (k = 0; k < FOOTER_LOOK && i < dc->nlines; k++, i = next_line(dc, i))
		n += safi_bp_footer_line(&dc->lines[i]);
	return n >= FOOTER_STRIP;
}

size_t
safi_bp_keep_run_to_footer(struct decoder *dc, size_t b, size_t cut)
{
	size_t i, j, end, n = 0, good = 0, items = 0, item_words = 0, heads = 0;
	size_t first = SIZE_MAX, dated = 0;
	int lone = 0, listy = 1;

	if (cut > dc->nlines)
		cut = dc->nlines;
	for (i = b + 1; i < cut && n <= FOOTER_RUN_LINES; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK || ln->keep)
			continue;
		if (!soft_line(ln))
			break;
		if ((ln->flags & L_DATED) && (((j = next_line(dc, i)) < cut &&
		    dc->lines[j].kind == K_GOOD) ||
		    (dc->lines[i - 1].kind == K_BLANK && ++dated >= RUN_DATES)))
			return b;
		heads = (ln->kind == K_SHORT || ln->kind == K_NEAR) && ln->words >= 4 &&
		    !(ln->flags & (L_TERM | L_BULLET | L_COLON)) ? heads + 1 : 0;
		if (heads >= FEED_HEADS || (lone && lone_heading(dc, i)))
			return b;
		lone = lone_heading(dc, i);
		if (first == SIZE_MAX)
			first = i;
		n++;
		good += ln->kind == K_GOOD;
		if (ln->flags & L_BULLET) {
			items++;
			item_words += ln->words;
			listy &= !comma_end(dc, ln) && ln->kind != K_BAD;
		} else if (n > 1 || (ln->flags & L_COLON)) {
			listy = 0;
		}
	}
	end = i;
	if (n == 0 || n > FOOTER_RUN_LINES || end >= dc->nlines ||
	    ((end < cut || good > 0) && !footer_strip(dc, end)))
		return b;
	if (good == 0 && (!listy || items < LIST_ITEMS || item_words < LIST_ITEM_WORDS * items ||
	    (dc->lines[b].flags & L_BULLET)))
		return b;
	for (i = first; i < end; i++) {
		struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK || ln->keep)
			continue;
		if (ln->kind == K_BAD && dc->lines[i - 1].kind == K_BLANK)
			continue;
		keep_section_line(ln);
	}
	return end - 1;
}

/*
 * A manual's page, a release's notes, an event's page, a service's how-to
 * print their article below the zone as headed sections of short lines
 * (steps, list items, a command, a programme's times), each under a heading of a few words, down to the page's
 * footer: they score too little to join the zone, and their run is too
 * long for safi_bp_keep_run_to_footer().  The run below |b| is read down
 * to the first line of furniture: it holds no line boilerplate by a shape
 * but a date's, symbols', a link's or a caption's, or by a phrase in a
 * sentence of TAIL_STEP_WORDS words or more (a step), none printed again on
 * the page but a heading that copies a line above the zone (the page's
 * list of contents), and no TAIL_LABELS lines in a row of
 * TAIL_LABEL_WORDS words or fewer that end no sentence and hold no colon
 * (a footer's menu).  It ends at the line at |cut|, at a footer line (a
 * phrase, a menu, a marker, a copyright), or at the last heading over a
 * box of TAIL_BOX lines at most that ended it otherwise (a download's
 * files and their dates).  TAIL_SECTIONS sections or more of TAIL_ITEMS
 * lines or more stand in it, each under a heading over a line of more
 * words than it has, and SECTION_TOPIC percent of its content words at
 * least are found in the zone's (another story's headlines share few).
 * A page that sets blank lines between its blocks reads so only when its
 * zone prints a section of its own as a document does
 * (zone_short_section()), and then no line of the run is printed again
 * on the page or carries a date outside a sentence (a feed's items, its
 * share links).
 * Reads each line of the page once, then counts the run's words.
 */
#define TAIL_SECTIONS 2
#define TAIL_LINES 60
#define TAIL_LABEL_WORDS 3
#define TAIL_LABELS 3
#define TAIL_ITEMS 2
#define TAIL_BOX 6
#define TAIL_STEP_WORDS 4

/* May line |i| stand in a section below the zone starting at |a|: no
 * boilerplate but by a date's, symbols', a link's or a caption's shape or
 * by a phrase in a step's sentence, printed once, or a short heading that
 * copies a line above the zone?  On a page with blank lines (|spaced|),
 * no copy and no dated line but a sentence. */
static int
tail_section_shape(const struct decoder *dc, size_t a, size_t i, int spaced)
{
	const struct bp_line *ln = &dc->lines[i];

	if (spaced && (ln->flags & L_DATED) && !(ln->flags & L_TERM))
		return 0;
	if ((ln->flags & L_REPEATED) || ln->first != i || ln->reason == R_DUPLICATE)
		return !spaced && ln->first < a && ln->words <= SECTION_HEADING_WORDS;
	if (ln->kind != K_BAD)
		return 1;
	return ln->reason == R_DATE || ln->reason == R_SYMBOLS || ln->reason == R_URL ||
	    ln->reason == R_CAPTION || (ln->reason == R_PHRASE && (ln->flags & L_TERM) &&
	    ln->words >= TAIL_STEP_WORDS);
}

/* Does the zone [a, b] print a section of its own as a document does: a
 * heading of SECTION_HEADING_WORDS words at most, ending no sentence,
 * right over a line that ends in a colon and introduces TAIL_ITEMS items
 * or more under it, short of body text, among its paragraphs ("Who can
 * take part" over "You need:" and its list)?  An article's paragraphs,
 * a box's links under its label, have none. */
static int
zone_short_section(const struct decoder *dc, size_t a, size_t b)
{
	size_t i, items = 0;
	int state = 0;  /* 1 under a heading, 2 under its introduction */

	for (i = a; i <= b; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->kind == K_BLANK)
			continue;
		if (state == 2 && ln->kind != K_BAD && !(ln->flags & L_COLON)) {
			if (ln->kind != K_GOOD && ++items >= TAIL_ITEMS)
				return 1;
			continue;
		}
		if (state == 1 && ln->kind != K_BAD && (ln->flags & L_COLON)) {
			state = 2;
			items = 0;
			continue;
		}
		state = ln->kind != K_GOOD && ln->kind != K_BAD &&
		    ln->words <= SECTION_HEADING_WORDS &&
		    !(ln->flags & (L_TERM | L_BULLET | L_COLON));
	}
	return 0;
}

size_t
safi_bp_keep_sections_to_footer(struct decoder *dc, size_t a, size_t b, size_t cut)
{
	size_t i, j, n = 0, heads = 0, labels = 0, under = 0, head = SIZE_MAX, before = 0;
	unsigned hits = 0, total = 0;
	struct bp_topic tp;
	int spaced;

	if (cut > dc->nlines)
		cut = dc->nlines;
	for (i = 0; i < dc->nlines; i++)
		if (dc->lines[i].kind == K_BLANK)
			break;
	spaced = i < dc->nlines;
	if (spaced && !zone_short_section(dc, a, b))
		return b;
	for (i = b + 1; i < cut; i++) {
		const struct bp_line *ln = &dc->lines[i];

		if (ln->keep)
			continue;
		if ((ln->flags & L_MARKER) || !tail_section_shape(dc, a, i, spaced) || ++n > TAIL_LINES)
			break;
		/* A strip of links, each a word or three (a footer's menu),
		 * ends the sections. */
		labels = ln->kind != K_BAD && ln->words <= TAIL_LABEL_WORDS &&
		    !(ln->flags & L_TERM) && !memchr(dc->text + ln->off, ':', ln->len) ?
		    labels + 1 : 0;
		if (labels >= TAIL_LABELS)
			break;
		if (ln->kind != K_BAD && ln->words <= SECTION_HEADING_WORDS &&
		    !(ln->flags & (L_TERM | L_BULLET | L_COLON)) &&
		    (j = next_line(dc, i)) < cut && dc->lines[j].words > ln->words &&
		    tail_section_shape(dc, a, j, spaced)) {
			heads += under >= TAIL_ITEMS;
			under = 0;
			head = i;
			before = heads;
		} else {
			under++;
		}
	}
	heads += under >= TAIL_ITEMS;
	/* A box under the last heading (a download's files and their
	 * dates) ends the sections above that heading. */
	if (i < cut && n <= TAIL_LINES && !safi_bp_footer_line(&dc->lines[i]) &&
	    head != SIZE_MAX && under <= TAIL_BOX) {
		i = head;
		heads = before;
	}
	if (heads < TAIL_SECTIONS || n > TAIL_LINES ||
	    (i < cut && i != head && !safi_bp_footer_line(&dc->lines[i])))
		return b;
	safi_bp_zone_topic(dc, a, b, 0, &tp);
	for (j = b + 1; j < i; j++)
		if (dc->lines[j].kind != K_BLANK && !dc->lines[j].keep)
			topic_count(dc, &tp, j, &hits, &total);
	if (100u * hits < SECTION_TOPIC * total)
		return b;
	for (j = b + 1; j < i; j++)
		if (dc->lines[j].kind != K_BLANK && !dc->lines[j].keep)
			keep_section_line(&dc->lines[j]);
	return i - 1;
}
