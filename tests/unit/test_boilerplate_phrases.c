/*
 * test_boilerplate_phrases.c - the lexicon and the phrase matching of one
 * line: each kind of entry of the phrase format, folding, and the stop
 * words of the compiled-in lists with Arabic clitics.
 */
#include <string.h>

#include "boilerplate_stages.h"
#include "safi.h"
#include "tap.h"

static const char phrases[] =
	"# a comment line\n"
	"Share\n"
	"Follow us*\n"
	"~sign up for our newsletter\n"
	">Read also\n"
	">0 comments*\n"
	">Voices\n"
	">Voices of our visitors*\n"
	"%March\n"
	"@Photo\n"
	"&says\n"
	"Print\n"
	"Email\n"
	"\xD8\xA7\xD9\x82\xD8\xB1\xD8\xA3 \xD8\xA3\xD9\x8A\xD8\xB6\xD8\xA7\n";  /* اقرأ أيضا */

/* The reason a line matches with, and its flags. */
static int
match(const struct bp_lexicon *lx, const char *line, uint16_t *flags)
{
	struct bp_scan s;
	uint16_t f = 0;
	int r;

	safi_bp_scan_line(lx, line, strlen(line), &s);
	r = safi_bp_match_phrases(lx, line, strlen(line), &s, &f);
	if (flags)
		*flags = f;
	return r;
}

static void
test_entries(void)
{
	struct bp_lexicon lx;
	uint16_t f;

	memset(&lx, 0, sizeof lx);
	CHECK(safi_bp_lexicon_init(&lx, 1) == 0);
	CHECK(safi_bp_lexicon_add_phrases(&lx, phrases, sizeof phrases - 1) == 0);
	/* Exact: the line and nothing more, in any case. */
	CHECK(match(&lx, "Share", NULL) == R_PHRASE);
	CHECK(match(&lx, "  SHARE!", NULL) == R_PHRASE);
	CHECK(match(&lx, "Share the road with cyclists", NULL) == R_BODY);
	/* As a label: "Share: Facebook". */
	CHECK(match(&lx, "Share: Facebook, X", NULL) == R_PHRASE);
	/* Prefix: up to six more words, twelve without a sentence end. */
	CHECK(match(&lx, "Follow us on all the networks", NULL) == R_PHRASE);
	CHECK(match(&lx, "Follow us and you will see that the lock opens at nine.", NULL) == R_BODY);
	/* A prefix ends at a word's end, not inside a compound. */
	CHECK(match(&lx, "Follow us-and-them rules for the new crew", NULL) == R_BODY);
	CHECK(match(&lx, "Follow us - on every network", NULL) == R_PHRASE);
	/* Contained, in a line of at most 25 words. */
	CHECK(match(&lx, "Do not miss a story: sign up for our newsletter today", NULL) == R_PHRASE);
	CHECK(match(&lx, "Why a sign for the canal", NULL) == R_BODY);
	/* Markers: bare, inline, and a counter. */
	CHECK(match(&lx, "Read also", &f) == R_MARKER && (f & L_MARKER) && !(f & L_COUNTER));
	CHECK(match(&lx, "Read also: the lock keepers strike again", &f) == R_INLINE_MARKER &&
	    !(f & L_MARKER));
	CHECK(match(&lx, "48 Comments", &f) == R_MARKER && (f & L_COUNTER));
	/* A longer marker that opens with a shorter one is that marker. */
	CHECK(match(&lx, "Voices of our visitors (9)", &f) == R_MARKER && (f & L_COUNTER));
	CHECK(match(&lx, "Voices from the river bank", &f) == R_INLINE_MARKER);
	/* A sentence is a notice, whatever marker it opens with. */
	CHECK(match(&lx, "Voices of our visitors are closed.", &f) == R_INLINE_MARKER);
	CHECK(match(&lx, "12 comments on the new bridge over the old canal in town", &f) ==
	    R_MARKER);
	/* A counter heads the comments whatever follows it on its line; a
	 * number that is not part of the marker does not make one. */
	CHECK(match(&lx, "14 comments so far, add yours below", &f) == R_MARKER && (f & L_COUNTER));
	f = 0;
	CHECK(match(&lx, "3 ways to read also the small print", &f) != R_MARKER && !(f & L_MARKER));
	CHECK(match(&lx, "\xD8\xA7\xD9\x82\xD8\xB1\xD8\xA7 \xD8\xA7\xD9\x8A\xD8\xB6\xD8\xA7", NULL) ==
	    R_PHRASE);  /* اقرا ايضا, folded */
	/* A row of widget words. */
	CHECK(match(&lx, "Share Print Email", NULL) == R_MENU);
	CHECK(match(&lx, "Print the map of the canal", NULL) == R_BODY);
	/* Dates: numbers and date words. */
	CHECK(match(&lx, "March 12, 2024", NULL) == R_DATE);
	CHECK(match(&lx, "12 March", NULL) == R_DATE);
	CHECK(match(&lx, "The boats of March", NULL) == R_BODY);
	/* A time of day with its mark written with points. */
	CHECK(match(&lx, "9:40 p.m.", NULL) == R_DATE);
	CHECK(match(&lx, "10.15 A.M.", NULL) == R_DATE);
	CHECK(match(&lx, "A.M. Smith", NULL) != R_DATE);
	/* Its mark is one word, as "pm" is: a sentence stays one. */
	CHECK(match(&lx, "Doors open 7 p.m.", NULL) == match(&lx, "Doors open 7 pm", NULL));
	CHECK(match(&lx, "Doors open 7 p.m.", NULL) != R_DATE);
	/* A name above a comment. */
	CHECK(match(&lx, "Lena says:", NULL) == R_PHRASE);
	CHECK(match(&lx, "Lena says", NULL) == R_BODY);
	/* Long lines are never phrases. */
	CHECK(match(&lx, "Share one two three four five six seven eight nine ten eleven "
	    "twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
	    "twenty-one twenty-two twenty-three twenty-four twenty-five", NULL) == R_BODY);
	safi_bp_lexicon_free(&lx);
}

/* Date stamps inside a line: two neighbouring pairs of a number and a
 * number or a date word, one of them with a word; or a relative stamp of
 * a few date words and a number at most, ending in a date word. */
static void
test_dated(void)
{
	struct bp_lexicon lx;
	static const char *const yes[] = {"Mara Jensen June 3, 2024 at 9:12 am",
	    "by Eric on November 9, 2010 at 6:10 am. Reply", "05-06-2005, 05:41 PM",
	    "\xD8\xB3\xD8\xB9\xD8\xA7\xD8\xAF 3 \xD9\x8A\xD9\x88\xD9\x86\xD9\x8A\xD9\x88 2024",
	    "2 hours ago", "vor 3 Stunden", "hace 2 horas",
	    /* "منذ ساعتين" */
	    "\xD9\x85\xD9\x86\xD8\xB0 \xD8\xB3\xD8\xA7\xD8\xB9\xD8\xAA\xD9\x8A\xD9\x86", NULL};
	static const char *const no[] = {"800-227-2345", "Posted on June 3", "Route 66 opens",
	    "10:32", "Monday, October 29", "Back in 5 minutes ago", NULL};
	struct bp_scan s;
	size_t i;

	memset(&lx, 0, sizeof lx);
	CHECK(safi_bp_lexicon_init(&lx, 0) == 0);
	for (i = 0; yes[i]; i++) {
		safi_bp_scan_line(&lx, yes[i], strlen(yes[i]), &s);
		CHECK(safi_bp_dated(&s));
	}
	for (i = 0; no[i]; i++) {
		safi_bp_scan_line(&lx, no[i], strlen(no[i]), &s);
		CHECK(!safi_bp_dated(&s));
	}
	safi_bp_lexicon_free(&lx);
}

static void
test_builtin(void)
{
	struct bp_lexicon lx;
	struct bp_scan s;
	int en, ar;
	static const char ar_line[] = "\xD9\x88\xD9\x81\xD9\x8A \xD8\xA7\xD9\x84\xD9\x85\xD8\xAF\xD9\x8A"
	    "\xD9\x86\xD8\xA9";  /* وفي المدينة */

	memset(&lx, 0, sizeof lx);
	CHECK(safi_bp_lexicon_init(&lx, 0) == 0);
	en = safi_bp_lexicon_lang(&lx, "en");
	ar = safi_bp_lexicon_lang(&lx, "ar");
	CHECK(en >= 0 && ar >= 0 && en != ar && lx.ar_bit == 1u << ar);
	CHECK(safi_bp_lexicon_lang(&lx, "xx") == -1);
	safi_bp_scan_line(&lx, "the boat and the lock", 21, &s);
	CHECK(s.words == 5 && s.stop[en] == 3);
	/* وفي is في with a clitic: an Arabic stop word. */
	safi_bp_scan_line(&lx, ar_line, sizeof ar_line - 1, &s);
	CHECK(s.words == 2 && s.stop[ar] == 1);
	safi_bp_lexicon_free(&lx);
}

int
main(void)
{
	test_entries();
	test_dated();
	test_builtin();
	return tap_done();
}
