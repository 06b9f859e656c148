/*
 * test_boilerplate_author.c - the note about the author after the decoder:
 * pages are given as text with each line's verdict set by hand (as the
 * decoder would have left it), so that only this stage is tested.
 *
 * A line is "V|text", V one of: K a kept body line, T the kept title,
 * d a dropped line (a byline, a date, a menu), u a later copy of a line.
 */
#include <string.h>

#include "bp_page.h"

static struct bp_lexicon lex;

/* Loads the page and runs the stage.  Returns the verdicts as a string:
 * K kept, d dropped, a dropped as a note about the author. */
static const char *
author(const char *const *page, size_t n, int lang)
{
	static char out[64];
	struct bp_doc d;
	size_t i;

	CHECK(n < sizeof out);
	bp_page_load(&d, page, n);
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];

		ln->kind = page[i][0] == 'K' || page[i][0] == 'T' ? K_GOOD : K_BAD;
		ln->keep = ln->kind == K_GOOD;
		ln->reason = page[i][0] == 'T' ? R_TITLE : page[i][0] == 'u' ? R_DUPLICATE :
		    ln->keep ? R_BODY : R_PHRASE;
	}
	safi_bp_drop_author_lines(&lex, &d, lang);
	return bp_page_verdicts(&d, out, R_AUTHOR, 'a');
}

#define AUTHOR(page, lang) author(page, sizeof page / sizeof page[0], lang)

static const char *const byline_and_note[] = {
	"T|Frogs return to the northern lakes",
	"d|By Dana Whitfield",
	"K|A survey team found breeding pairs of a rare frog at four ponds this spring.",
	"K|The ponds were restored after the fish farm closed three summers ago.",
	"K|The council will pay for a second count next year to see if the numbers hold.",
	"K|Dana Whitfield is a science reporter who covers rivers and farming.",
};

static const char *const note_with_heading[] = {
	"T|Frogs return to the northern lakes",
	"d|By Dana Whitfield",
	"K|A survey team found breeding pairs of a rare frog at four ponds this spring.",
	"K|The ponds were restored after the fish farm closed three summers ago.",
	"K|Dana Whitfield",
	"K|Dana Whitfield is a science reporter who covers rivers and farming.",
};

/* The lead speaks of the person: the line is the story's. */
static const char *const story_about_name[] = {
	"T|A baker keeps the village shop open",
	"d|Maria Lopez at her bakery (Photo: Tom Ashby)",
	"K|Maria Lopez opens her bakery at half past five every morning of the week.",
	"K|She took the shop over from her uncle eleven years ago and kept the recipes.",
	"K|The council has put her forward for an award for small businesses.",
	"K|Maria Lopez says she has no plans to retire from the trade.",
};

/* No dropped line names anyone: nothing to learn from. */
static const char *const no_byline[] = {
	"T|Frogs return to the northern lakes",
	"d|March 3, 2025",
	"K|A survey team found breeding pairs of a rare frog at four ponds this spring.",
	"K|The ponds were restored after the fish farm closed three summers ago.",
	"K|The council will pay for a second count next year to see if the numbers hold.",
	"K|Dana Whitfield is a science reporter who covers rivers and farming.",
};

/* In the upper half of the article, a line is not taken for the note. */
static const char *const upper_half[] = {
	"T|Frogs return to the northern lakes",
	"d|By Dana Whitfield",
	"K|Dana Whitfield is a science reporter who covers rivers and farming.",
	"K|A survey team found breeding pairs of a rare frog at four ponds this spring.",
	"K|The ponds were restored after the fish farm closed three summers ago.",
	"K|The council will pay for a second count next year to see if the numbers hold.",
};

/* A headline in title case, or a name followed by a capital, is no note. */
static const char *const title_case[] = {
	"T|Frogs return to the northern lakes",
	"d|Green Frog Survey",
	"K|A survey team found breeding pairs of a rare frog at four ponds this spring.",
	"K|The ponds were restored after the fish farm closed three summers ago.",
	"K|Green Frog Survey Results Published Today",
	"K|The council will pay for a second count next year to see if the numbers hold.",
};

/* The name is learned from a byline, not from a later copy of the line. */
static const char *const copy_only[] = {
	"T|Frogs return to the northern lakes",
	"d|March 3, 2025",
	"K|A survey team found breeding pairs of a rare frog at four ponds this spring.",
	"K|The ponds were restored after the fish farm closed three summers ago.",
	"K|Jo Kent",
	"u|Jo Kent",
	"K|Jo Kent is a reporter.",
};

/* A stop word of the page's language opens the line: an article, not a
 * name. */
static const char *const stop_word[] = {
	"T|Frogs return to the northern lakes",
	"d|The Root",
	"K|A survey team found breeding pairs of a rare frog at four ponds this spring.",
	"K|The ponds were restored after the fish farm closed three summers ago.",
	"K|The council will pay for a second count next year to see if the numbers hold.",
	"K|The Root aims to foster conversations about wildlife in the district.",
};

/* Without letter case: a short line that opens with the name of the
 * byline. */
static const char *const uncased[] = {
	"T|افتتاح سوق جديد للخضار في وسط المدينة",
	"d|كتب: سامي الخطيب",
	"K|افتتح المجلس البلدي صباح اليوم السوق الجديد للخضار والفواكه في وسط المدينة.",
	"K|ويضم السوق أكثر من مئة وعشرين محلا صغيرا للباعة الذين كانوا على الأرصفة.",
	"K|سامي الخطيب مراسل الشؤون البلدية",
	"K|ومن المنتظر أن يفتح السوق أبوابه كل يوم من السادسة صباحا.",
};

/* Without letter case, only a line as short as a byline names someone. */
static const char *const uncased_long_drop[] = {
	"T|افتتاح سوق جديد للخضار في وسط المدينة",
	"d|سامي الخطيب يكتب عن الأسواق والبلدية والنقل في المدينة",
	"K|افتتح المجلس البلدي صباح اليوم السوق الجديد للخضار والفواكه في وسط المدينة.",
	"K|ويضم السوق أكثر من مئة وعشرين محلا صغيرا للباعة الذين كانوا على الأرصفة.",
	"K|سامي الخطيب مراسل الشؤون البلدية",
	"K|ومن المنتظر أن يفتح السوق أبوابه كل يوم من السادسة صباحا.",
};

/* Runs the pass over the top of the article instead; the same verdicts. */
static const char *
top_note(const char *const *page, size_t n)
{
	static char out[64];
	struct bp_doc d;
	size_t i;

	CHECK(n < sizeof out);
	bp_page_load(&d, page, n);
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];

		ln->kind = page[i][0] == 'K' || page[i][0] == 'T' ? K_GOOD : K_BAD;
		ln->keep = ln->kind == K_GOOD;
		ln->reason = page[i][0] == 'T' ? R_TITLE : ln->keep ? R_BODY : R_PHRASE;
	}
	safi_bp_drop_top_author_notes(&d);
	return bp_page_verdicts(&d, out, R_AUTHOR, 'a');
}

#define TOP_NOTE(page) top_note(page, sizeof page / sizeof page[0])

/* The writer's name alone under the title, and the writer's job under it. */
static const char *const top_bio[] = {
	"T|افتتاح مكتبة عامة جديدة في وسط المدينة",
	"d|ليلى منصور",
	"K|محررة ثقافية تكتب عن الكتب والمعارض منذ عشر سنوات.",
	"K|افتتحت البلدية أمس مكتبة عامة جديدة في وسط المدينة تضم عشرين ألف كتاب وقاعة للأطفال.",
	"K|وقال مدير المكتبة إن أبوابها ستبقى مفتوحة حتى العاشرة مساء طوال أيام الأسبوع.",
};

/* A lead under the name tells the headline's story: it stays. */
static const char *const top_lead[] = {
	"T|افتتاح مكتبة عامة جديدة في وسط المدينة",
	"d|ليلى منصور",
	"K|المكتبة تضم عشرين ألف كتاب وقاعة للأطفال.",
	"K|افتتحت البلدية أمس المكتبة في حفل حضره عدد من الكتاب والفنانين وسكان الحي.",
	"K|وقال مدير المكتبة إن أبوابها ستبقى مفتوحة حتى العاشرة مساء طوال أيام الأسبوع.",
};

/* Two capitalised words over a line are as often a widget's as a name. */
static const char *const top_cased[] = {
	"T|A new public library opens downtown",
	"d|Print Email",
	"K|The total cost of the building came in under the budget.",
	"K|The council opened the library on Monday with twenty thousand books and a room for children.",
};

/* Runs the pass over a columnist's box at the top: lines "V|text", V one
 * of T (kept as the title), K (kept), d (dropped) and b (blank); prints
 * K for a kept line, a for one dropped as author, b for a blank line and
 * d for another dropped one. */
static const char *
top_box(const char *const *page, size_t n)
{
	static char out[64];
	struct bp_doc d;
	size_t i;

	CHECK(n < sizeof out);
	bp_page_load(&d, page, n);
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];
		char v = page[i][0];

		ln->first = (uint32_t)i;
		ln->kind = v == 'b' ? K_BLANK : v == 'd' ? K_BAD : ln->words > 12 ? K_GOOD : K_SHORT;
		ln->keep = v == 'b' ? -1 : v == 'T' || v == 'K';
		ln->reason = v == 'T' ? R_TITLE : ln->keep == 1 ? R_BODY : R_PHRASE;
	}
	safi_bp_drop_top_byline_box(&d);
	for (i = 0; i < d.nlines; i++)
		out[i] = d.lines[i].keep == -1 ? 'b' : d.lines[i].keep > 0 ?
		    (d.lines[i].reason == R_TITLE ? 'T' : 'K') : d.lines[i].reason == R_AUTHOR ? 'a' : 'd';
	out[i] = '\0';
	bp_page_free(&d);
	return out;
}

#define TOP_BOX(page) top_box(page, sizeof page / sizeof page[0])

/* The name taken for the title, its note for the standfirst: the headline
 * set apart above the name is the title. */
static const char *const box_as_title[] = {
	"d|رأي",
	"b|",
	"d|الأسواق القديمة وذاكرة الحي",
	"b|",
	"T|سعاد بنت علي الحربي",
	"K|كاتبة وباحثة في التراث الشعبي، تكتب مقالا أسبوعيا منذ عام 2018.",
	"b|",
	"d|الأحد 3 مارس 2024",
	"d|طباعة",
	"b|",
	"K|في كل مدينة سوق قديم يعرف أسماء أهله، ويحفظ أصواتهم ورائحة خبزهم وأحاديثهم في الصباح الباكر.",
};

/* The name after a title's letters, kept as a heading under the
 * headline and its deck. */
static const char *const box_as_heading[] = {
	"K|النقل العام في المدن المتوسطة",
	"b|",
	"K|لماذا تتأخر الحافلات وكيف يمكن إصلاح الشبكة",
	"b|",
	"K|د. ماجد الكعبي",
	"K|باحث في التخطيط العمراني، له دراسات عن النقل والمدن.",
	"b|",
	"d|2024-03-03",
	"b|",
	"K|تواجه المدن المتوسطة تحديا متزايدا في تنظيم النقل العام مع توسعها السريع وارتفاع عدد السيارات.",
};

/* A short headline glued over its standfirst, the body right under it: no
 * tools between, no box. */
static const char *const short_headline[] = {
	"d|أخبار",
	"b|",
	"T|أزمة الحليب",
	"K|طوابير أمام المحلات منذ الفجر في عدد من الأحياء.",
	"b|",
	"K|عادت طوابير الحليب إلى عدد من الأحياء منذ بداية الأسبوع حيث ينتظر المواطنون ساعات أمام المحلات.",
};

/* The name taken for the title with no headline set apart above it: left
 * to the title search. */
static const char *const box_no_headline[] = {
	"d|الرئيسية",
	"T|سعاد بنت علي الحربي",
	"K|كاتبة وباحثة في التراث الشعبي، تكتب مقالا أسبوعيا منذ عام 2018.",
	"b|",
	"d|طباعة",
	"b|",
	"K|في كل مدينة سوق قديم يعرف أسماء أهله، ويحفظ أصواتهم ورائحة خبزهم وأحاديثهم في الصباح الباكر.",
};

int
main(void)
{
	int en, ar;

	CHECK(safi_bp_lexicon_init(&lex, 0) == 0);
	en = safi_bp_lexicon_lang(&lex, "en");
	ar = safi_bp_lexicon_lang(&lex, "ar");
	CHECK(en >= 0 && ar >= 0);
	CHECK(strcmp(AUTHOR(byline_and_note, en), "KdKKKa") == 0);
	CHECK(strcmp(AUTHOR(byline_and_note, -1), "KdKKKa") == 0);
	CHECK(strcmp(AUTHOR(note_with_heading, en), "KdKKaa") == 0);
	CHECK(strcmp(AUTHOR(story_about_name, en), "KdKKKK") == 0);
	CHECK(strcmp(AUTHOR(no_byline, en), "KdKKKK") == 0);
	CHECK(strcmp(AUTHOR(upper_half, en), "KdKKKK") == 0);
	CHECK(strcmp(AUTHOR(title_case, en), "KdKKKK") == 0);
	CHECK(strcmp(AUTHOR(copy_only, en), "KdKKKdK") == 0);
	CHECK(strcmp(AUTHOR(stop_word, en), "KdKKKK") == 0);
	CHECK(strcmp(AUTHOR(uncased, ar), "KdKKaK") == 0);
	CHECK(strcmp(AUTHOR(uncased_long_drop, ar), "KdKKKK") == 0);
	CHECK(strcmp(TOP_NOTE(top_bio), "KdaKK") == 0);
	CHECK(strcmp(TOP_NOTE(top_lead), "KdKKK") == 0);
	CHECK(strcmp(TOP_NOTE(top_cased), "KdKK") == 0);
	CHECK(strcmp(TOP_BOX(box_as_title), "dbTbaabddbK") == 0);
	CHECK(strcmp(TOP_BOX(box_as_heading), "KbKbaabdbK") == 0);
	CHECK(strcmp(TOP_BOX(short_headline), "dbTKbK") == 0);
	CHECK(strcmp(TOP_BOX(box_no_headline), "dTKbdbK") == 0);
	safi_bp_lexicon_free(&lex);
	return tap_done();
}
