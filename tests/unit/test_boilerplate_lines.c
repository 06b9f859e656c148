/*
 * test_boilerplate_lines.c - line features: the scan of one line (words,
 * letters, flags, folding, the fingerprint) and its shape alone.  The
 * lexicon holds only the few entries written here, so that the shapes are
 * tested apart from the compiled-in lists.
 */
#include <stdlib.h>
#include <string.h>

#include "boilerplate_stages.h"
#include "bp_page.h"
#include "safi.h"
#include "tap.h"

static struct bp_lexicon lex;

static void
scan(const char *line, struct bp_scan *s)
{
	safi_bp_scan_line(&lex, line, strlen(line), s);
}

/* The kind and reason of one line judged alone (10 words a paragraph). */
static struct bp_line
judge(const char *line)
{
	struct bp_scan s;
	struct bp_line ln;

	memset(&ln, 0, sizeof ln);
	scan(line, &s);
	safi_bp_judge_line(&lex, 10, line, strlen(line), &s, &ln);
	return ln;
}

/* The caption tag and the slashed credit of one line alone. */
static int
tagged(const char *line)
{
	return safi_bp_caption_tag(line, strlen(line));
}

static int
slashed(const char *line)
{
	return safi_bp_slash_credit(line, strlen(line));
}

static int
is(const char *line, int kind, int reason)
{
	struct bp_line ln = judge(line);

	if (ln.kind == kind && (kind != K_BAD || ln.reason == reason))
		return 1;
	fprintf(stderr, "  [%s]: kind %d reason %s\n", line, ln.kind,
	    safi_bp_reason_names[ln.reason]);
	return 0;
}

static void
test_counts(void)
{
	struct bp_scan s;

	scan("  The 3 lock-keepers met, at 9:30.  ", &s);
	CHECK(s.words == 8);    /* The 3 lock keepers met at 9 30 */
	CHECK(s.digits == 4);
	CHECK(s.letters == 19);
	CHECK(s.latin == 19 && s.arabic == 0);
	CHECK(s.flags & L_TERM);
	scan("\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1\xD8\x9F", &s);
	CHECK(s.words == 2 && s.arabic == 9 && (s.flags & L_TERM));  /* قال الوزير؟ */
	scan("He said: \"It is over.\"", &s);
	CHECK(s.flags & L_TERM);  /* a sentence end inside closing quotes */
	scan("The tour dates:", &s);
	CHECK((s.flags & L_COLON) && !(s.flags & L_TERM));
	scan("\xE2\x80\xA2 an item of a list", &s);
	CHECK(s.flags & L_BULLET);
	scan("  2. the second item", &s);
	CHECK(s.flags & L_BULLET);
	scan("2.5 million people", &s);
	CHECK(!(s.flags & L_BULLET));
	scan("Home | News | Sport > World", &s);
	CHECK(s.separators == 3);
	scan("\xC2\xA9 2024 The Canal Weekly", &s);
	CHECK(s.has_copyright);
}

/* The counts a character adds: digits, letters, Arabic letters, Latin
 * letters, in fields of 16 bits; and the lexicon's table of them by code
 * point, which the scanner's loop reads. */
static void
test_char_count(void)
{
	const uint64_t digit = 1, letter = 1ull << 16, arabic = 1ull << 32, latin = 1ull << 48;
	int32_t cp;
	int same = 1;

	CHECK(safi_bp_char_count(safi_bp_char_info('7')) == digit);
	CHECK(safi_bp_char_count(safi_bp_char_info('q')) == (letter | latin));
	CHECK(safi_bp_char_count(safi_bp_char_info(0xE9)) == (letter | latin));    /* é */
	CHECK(safi_bp_char_count(safi_bp_char_info(0x0642)) == (letter | arabic)); /* ق */
	CHECK(safi_bp_char_count(safi_bp_char_info(0x0663)) == digit);             /* ٣ */
	CHECK(safi_bp_char_count(safi_bp_char_info(0x03B1)) == letter);            /* α */
	CHECK(safi_bp_char_count(safi_bp_char_info(0x4E2D)) == letter);            /* 中 */
	CHECK(safi_bp_char_count(safi_bp_char_info(' ')) == 0);
	CHECK(safi_bp_char_count(safi_bp_char_info(',')) == 0);
	CHECK(safi_bp_char_count(safi_bp_char_info(0x064E)) == 0);  /* a mark: fatha */
	for (cp = 0; cp < BP_CP_TABLE; cp++)
		same &= lex.char_count[cp] == safi_bp_char_count(lex.char_info[cp]);
	CHECK(same);
}

static void
test_folding(void)
{
	struct bp_scan a, b;

	scan("SHARE", &a);
	scan("share", &b);
	CHECK(a.tok_hash[0] == b.tok_hash[0]);
	/* Every run of digits is one digit. */
	scan("2019", &a);
	scan("7", &b);
	CHECK(a.tok_hash[0] == b.tok_hash[0] && a.tok_num[0] && b.tok_num[0]);
	/* Harakat and tatweel go; the hamza forms of alef are alef. */
	scan("\xD9\x83\xD9\x8E\xD8\xAA\xD9\x8E\xD9\x80\xD8\xA8\xD9\x8E", &a);  /* كَتَـبَ */
	scan("\xD9\x83\xD8\xAA\xD8\xA8", &b);                              /* كتب */
	CHECK(a.ntok == 1 && a.tok_hash[0] == b.tok_hash[0]);
	scan("\xD8\xA3\xD8\xAD\xD9\x85\xD8\xAF", &a);  /* أحمد */
	scan("\xD8\xA7\xD8\xAD\xD9\x85\xD8\xAF", &b);  /* احمد */
	CHECK(a.tok_hash[0] == b.tok_hash[0]);
	/* A word whose first characters fold to nothing starts with the
	 * next: a tatweel before digits is a number. */
	scan("\xD9\x80" "2019", &a);  /* ـ2019 */
	scan("7", &b);
	CHECK(a.ntok == 1 && a.tok_num[0] && a.tok_hash[0] == b.tok_hash[0]);
	scan("\xD9\x8E\xD9\x80\xD9\x88\xD9\x81\xD9\x8A", &a);  /* َـوفي */
	scan("\xD9\x88\xD9\x81\xD9\x8A", &b);                      /* وفي */
	CHECK(a.ntok == 1 && !a.tok_num[0] && a.tok_hash[0] == b.tok_hash[0]);
	/* Punctuation only separates words. */
	scan("read-also", &a);
	CHECK(a.words == 2);
}

/* A word reads the same whichever way its characters are read: those of
 * one or two bytes in a loop of their own, the others (and the last of
 * the line) one by one. */
static void
test_word_paths(void)
{
	struct bp_scan a, b;

	scan("\xD9\x83\xD8\xAA\xD8\xA8", &a);   /* كتب, its last letter the line's */
	scan("\xD9\x83\xD8\xAA\xD8\xA8 x", &b);
	CHECK(a.ntok == 1 && b.ntok == 2 && a.tok_hash[0] == b.tok_hash[0]);
	CHECK(a.tok_rawend[0] == 6 && b.tok_rawend[0] == 6 && a.arabic == 3);
	/* A character of three bytes inside a word, and one of four. */
	scan("ab\xE4\xB8\xAD" "cd ef", &a);  /* ab中cd */
	CHECK(a.words == 2 && a.letters == 7 && a.latin == 6 && a.tok_rawend[0] == 7);
	scan("ab\xF0\x9F\x98\x80" "cd", &a);  /* a symbol ends a word */
	CHECK(a.words == 2 && a.symbols == 1);
	/* An ill-formed two-byte form is a symbol, not a letter. */
	scan("ab\xC0\x80" "cd", &a);
	CHECK(a.words == 2 && a.letters == 4);
	scan("ab\xD9", &a);  /* cut at the line's end */
	CHECK(a.words == 1 && a.letters == 2 && a.tok_rawend[0] == 2);
	/* Arabic-Indic digits and ASCII ones: every run is one "0", after a
	 * letter too. */
	scan("\xD9\xA2\xD9\xA0\xD9\xA1\xD9\xA9", &a);  /* ٢٠١٩ */
	scan("2019", &b);
	CHECK(a.digits == 4 && a.tok_num[0] && a.tok_hash[0] == b.tok_hash[0]);
	scan("a2019", &a);
	scan("a7", &b);
	CHECK(a.tok_hash[0] == b.tok_hash[0] && a.digits == 4 && a.letters == 1);
	scan("a7b", &a);
	scan("a7b7", &b);
	CHECK(a.tok_hash[0] != b.tok_hash[0]);
}

/* Lines of millions of letters are counted to the last one, in one word
 * or in many; a word's first TOKCAP bytes make its hash. */
static void
test_long_lines(void)
{
	size_t n = 3000000, i;
	char *p = malloc(2 * n + 1);
	struct bp_scan s, t;

	CHECK(p != NULL);
	if (p == NULL)
		return;
	memset(p, 'a', n);
	safi_bp_scan_line(&lex, p, n, &s);
	CHECK(s.words == 1 && s.letters == n && s.latin == n && s.arabic == 0);
	for (i = 0; i < n; i++)
		p[i] = i % 3 == 2 ? ' ' : 'b';
	safi_bp_scan_line(&lex, p, n, &s);
	CHECK(s.words == n / 3 && s.letters == n / 3 * 2 && s.latin == s.letters);
	for (i = 0; i < 2 * n; i += 2)
		memcpy(p + i, "\xD9\x85", 2);  /* م */
	safi_bp_scan_line(&lex, p, 2 * n, &s);
	CHECK(s.words == 1 && s.letters == n && s.arabic == n && s.latin == 0);
	memset(p, '7', n);
	p[n / 2] = 'x';
	safi_bp_scan_line(&lex, p, n, &s);
	CHECK(s.words == 1 && s.digits == n - 1 && s.letters == 1 && s.latin == 1);
	/* Words of 49 and of 50 letters differ; beyond, the rest is cut. */
	memset(p, 'a', 60);
	safi_bp_scan_line(&lex, p, 49, &s);
	safi_bp_scan_line(&lex, p, 50, &t);
	CHECK(s.tok_hash[0] != t.tok_hash[0]);
	safi_bp_scan_line(&lex, p, 60, &s);
	CHECK(s.tok_hash[0] == t.tok_hash[0]);
	free(p);
}

/* The hash of |reps| copies of the |n| bytes |unit| between the bytes
 * |head| and |tail| (of |hn| and |tn| bytes), read as one line. */
static uint64_t
word_hash_of(const char *head, size_t hn, const char *unit, size_t n, size_t reps,
             const char *tail, size_t tn)
{
	char buf[512];
	struct bp_scan s;
	size_t len = 0, k;

	memcpy(buf, head, hn);
	len += hn;
	for (k = 0; k < reps && len + n + tn <= sizeof buf; k++, len += n)
		memcpy(buf + len, unit, n);
	memcpy(buf + len, tail, tn);
	len += tn;
	safi_bp_scan_line(&lex, buf, len, &s);
	return s.ntok == 1 ? s.tok_hash[0] : 0;
}

/* A character folds to no more bytes than it has: the scan takes every
 * character within a word's first TOKCAP bytes without counting its
 * folded bytes.  Past them, a long word is cut where its folded bytes
 * (not its raw ones) pass TOKCAP. */
static void
test_long_words(void)
{
	int32_t cp;
	int shorter = 1;

	for (cp = 0; cp < 0x110000; cp++) {
		unsigned folded = (safi_bp_char_info(cp) >> 8) & 7;  /* I_FOLD_LEN */
		unsigned raw = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		shorter &= folded <= raw;
	}
	CHECK(shorter);
	/* İ folds to i: of two bytes, one folded; 49 are taken, the word of
	 * 60 is cut as the word of 60 i's is. */
	CHECK(word_hash_of("", 0, "\xC4\xB0", 2, 49, "", 0) == word_hash_of("", 0, "i", 1, 49, "", 0));
	CHECK(word_hash_of("", 0, "\xC4\xB0", 2, 60, "", 0) == word_hash_of("", 0, "i", 1, 60, "", 0));
	CHECK(word_hash_of("", 0, "\xC4\xB0", 2, 50, "", 0) != word_hash_of("", 0, "i", 1, 49, "", 0));
	/* Marks fold to nothing and a run of digits to one "0", however long
	 * the run: the word past them is read on. */
	CHECK(word_hash_of("a", 1, "\xD9\x8E", 2, 100, "b", 1) == word_hash_of("ab", 2, "", 0, 0, "", 0));
	CHECK(word_hash_of("a", 1, "7", 1, 100, "b", 1) == word_hash_of("a7b", 3, "", 0, 0, "", 0));
	CHECK(word_hash_of("a", 1, "\xD9\xA3", 2, 100, "b", 1) == word_hash_of("a7b", 3, "", 0, 0, "", 0));
	/* Arabic letters of two folded bytes: 25 are taken (50 bytes), the
	 * 26th is refused, and with it any after. */
	CHECK(word_hash_of("", 0, "\xD9\x85", 2, 25, "", 0) != word_hash_of("", 0, "\xD9\x85", 2, 24, "", 0));
	CHECK(word_hash_of("", 0, "\xD9\x85", 2, 26, "", 0) != word_hash_of("", 0, "\xD9\x85", 2, 25, "", 0));
	CHECK(word_hash_of("", 0, "\xD9\x85", 2, 26, "", 0) == word_hash_of("", 0, "\xD9\x85", 2, 60, "", 0));
}

static void
test_fingerprint(void)
{
	struct bp_scan a, b;

	/* The blanks at either end are not part of it. */
	scan("  Subscribe to our newsletter\t", &a);
	scan("Subscribe to our newsletter", &b);
	CHECK(a.fp == b.fp && a.fp != 0);
	CHECK(safi_bp_line_fingerprint("x", 1) == safi_bp_line_fingerprint(" x\r", 3));
	scan("Subscribe to our newsletters", &b);
	CHECK(a.fp != b.fp);
	CHECK(safi_bp_line_fingerprint("", 0) != 0);
}

static void
test_shapes(void)
{
	struct bp_line ln;

	CHECK(is("   \t ", K_BLANK, R_BLANK) && !(judge(" \t").flags & L_INVISIBLE));
	/* Invisible characters alone are blank to the decoder, but not
	 * white space. */
	ln = judge("\xE2\x80\x8F \xEF\xBB\xBF");  /* U+200F U+FEFF */
	CHECK(ln.kind == K_BLANK && ln.reason == R_INVISIBLE && (ln.flags & L_INVISIBLE));
	ln = judge("\xC2\xA0\xE3\x80\x80");  /* U+00A0 U+3000: white space */
	CHECK(ln.kind == K_BLANK && ln.reason == R_BLANK && !(ln.flags & L_INVISIBLE));
	CHECK(is("Home | News | Sport | Weather", K_BAD, R_MENU));
	CHECK(is("\xC2\xA9 2024 The Canal Weekly, all rights reserved", K_BAD, R_COPYRIGHT));
	CHECK(is("https://example.org/news/canal", K_BAD, R_URL));
	CHECK(is("Write to jo@example.org", K_BAD, R_URL));
	CHECK(is("Tour dates: June 9 @ the Forum", K_NEAR, 0));  /* " @ " is "at" */
	CHECK(is("(Reuters)", K_BAD, R_CREDIT));
	CHECK(is("The lock at dawn (Jo Kent/Canal Weekly)", K_BAD, R_CAPTION));
	CHECK(is("The lock at dawn. Image: Jo Kent", K_BAD, R_CAPTION));
	/* A tag set as French sets it, a space before its colon, or in
	 * capitals. */
	CHECK(is("L'\xC3\xA9" "cluse \xC3\xA0 l'aube. Photo : Jo Kent", K_BAD, R_CAPTION));
	CHECK(is("L'\xC3\xA9" "cluse \xC3\xA0 l'aube. PHOTO : JO KENT POUR \xC2\xAB LE JOURNAL \xC2\xBB",
	    K_BAD, R_CAPTION));
	CHECK(tagged("Vue du quai. Photo\xC2\xA0: Jo Kent"));
	CHECK(!tagged("Telephoto : the new lens"));
	/* A photographer and a paper with a slash between them. */
	CHECK(is("Crews at the dam - Ana Ruiz/Diario del Puerto", K_BAD, R_CAPTION));
	CHECK(slashed("Ana Ruiz/Diario del Puerto"));
	CHECK(slashed("Crews at the dam \xE2\x80\x93 Ana de la Vega/Puerto"));
	CHECK(!slashed("Ana Ruiz/Puerto"));  /* a poster's name and handle */
	CHECK(!slashed("Debate tonight - Lula/Bolsonaro"));
	CHECK(!slashed("Crews - Ana Ruiz/Diario del Puerto"));
	CHECK(!slashed("Crews at the dam - Ana Ruiz/diario"));
	CHECK(!slashed("Crews at the dam - Ana Ruiz/Diario 2024"));
	/* A fraction in brackets is no credit. */
	CHECK(is("Plan the meals of the week with the flyer (191/365)", K_NEAR, 0));
	CHECK(is("12.05.2024 18:40", K_BAD, R_DATE));
	CHECK(is("**** ---- ****", K_BAD, R_SYMBOLS));
	/* Body paragraphs, near paragraphs and short lines. */
	CHECK(is("The council opened a new cycle path along the old canal on Monday.",
	    K_GOOD, 0));
	CHECK(is("The council opened a new cycle path along the old canal on Monday "
	    "and the first riders said it was a safer way to reach the centre", K_GOOD, 0));
	CHECK(is("Council opens a new cycle path along the canal", K_NEAR, 0));
	CHECK(is("Canal news", K_SHORT, 0));
	/* Three Han letters count as one more word: 13 letters, one run. */
	ln = judge("\xE8\xBF\x90\xE6\xB2\xB3\xE6\x97\x81\xE7\x9A\x84\xE6\x96\xB0\xE8\x87\xAA"
	    "\xE8\xA1\x8C\xE8\xBD\xA6\xE9\x81\x93\xE4\xBB\x8A\xE5\xA4\xA9\xE5\xBC\x80\xE9\x80\x9A");
	CHECK(ln.words == 1 + 13 / 3);
	/* Flags the decoder reads. */
	ln = judge("will reopen the old lighthouse at the end of the");
	CHECK((ln.flags & L_LOWER) && (ln.flags & L_CASED));
	ln = judge("\xC3\xA9t\xC3\xA9 comme au printemps");  /* été: lower case too */
	CHECK((ln.flags & L_LOWER) && (ln.flags & L_CASED));
	ln = judge("Northport Harbour Trust will reopen the old");
	CHECK(!(ln.flags & L_LOWER) && (ln.flags & L_CASED));
	ln = judge("\xD9\x82\xD8\xA7\xD9\x84 \xD8\xA7\xD9\x84\xD9\x88\xD8\xB2\xD9\x8A\xD8\xB1");
	CHECK(!(ln.flags & (L_LOWER | L_CASED)));  /* Arabic has no case */
	ln = judge("5040");
	CHECK((ln.flags & L_NUMCELL) && (ln.flags & L_DIGITS));
	ln = judge("Home | Canal news and the weather of the week for all boat owners.");
	CHECK(ln.flags & L_SEPARATED);
}

/* Phrases reach the shape through the lexicon. */
static void
test_phrases_in_shape(void)
{
	static const char ph[] = "Share\n>Read also\n@Photo\n";

	CHECK(safi_bp_lexicon_add_phrases(&lex, ph, sizeof ph - 1) == 0);
	CHECK(is("SHARE", K_BAD, R_PHRASE));
	CHECK(is("Read also", K_BAD, R_MARKER));
	CHECK(judge("Read also").flags & L_MARKER);
	CHECK(is("The lock keepers at work on Monday, Photo/Jo Kent", K_BAD, R_CAPTION));
	/* A word that is a phrase by itself is a widget word wherever it
	 * stands; the first word of a longer phrase or marker is not. */
	CHECK(judge("Walkers on the towpath will share it with cyclists").flags & L_WIDGET_WORD);
	CHECK(!(judge("Read the plans for the towpath at the library").flags & L_WIDGET_WORD));
	CHECK(!(judge("The lock keepers at work on Monday").flags & L_WIDGET_WORD));
}

/* Words that open in lower case: a deck in headline style, not a name. */
static void
test_lower_words(void)
{
	static const char deck[] = "Grocer lifts outlook despite softer sales";
	static const char name[] = "Jo Kent, Chief Political Writer";
	static const char cyr[] = "\xD0\x9C\xD1\x8D\xD1\x80 \xD0\xBE\xD1\x82\xD0\xBA\xD1\x80\xD1\x8B\xD0\xBB  \xD0\xBC\xD0\xBE\xD1\x81\xD1\x82";

	CHECK(safi_bp_lower_words(deck, sizeof deck - 1) == 5);
	CHECK(safi_bp_lower_words(name, sizeof name - 1) == 0);
	CHECK(safi_bp_lower_words(cyr, sizeof cyr - 1) == 2);  /* "Мэр открыл  мост" */
	CHECK(safi_bp_lower_words("  \t ", 4) == 0);
	CHECK(safi_bp_lower_words("'quoted' 3 words", 16) == 1);  /* a quote mark opens no letter */
}

static int
titled(const char *s)
{
	return safi_bp_title_cased(s, strlen(s));
}

/* A title capitalises its words; prose, even with names in it, does not. */
static void
test_title_cased(void)
{
	CHECK(titled("Ann Reyes: Paper Play: Fifty Things to Fold and Cut"));
	CHECK(titled("Big Book of Garden Crafts"));
	CHECK(!titled("The council's chairman, Dafydd Pugh, said the decision would be"));
	CHECK(!titled("He said: \"We have listened to the community. But we"));
	CHECK(!titled("Councillors"));           /* one word: nothing after it */
	CHECK(!titled("Jo Kent and the"));       /* one each way: no more capitals */
	CHECK(!titled(""));
}

/* The kinds the lines of |page| take once judged together: '.' blank,
 * 'b' a button dropped as layout (blank to the decoder, symbols), 'x'
 * anything else. */
static const char *
page_kinds(const char *const *page, size_t n, char *out)
{
	struct bp_doc d;
	size_t i;

	bp_page_load(&d, page, n);
	CHECK(safi_bp_analyze_lines(&lex, 10, &d) == 0);
	for (i = 0; i < d.nlines; i++) {
		const struct bp_line *ln = &d.lines[i];

		out[i] = ln->kind != K_BLANK ? 'x' :
		    (ln->flags & L_INVISIBLE) && ln->reason == R_SYMBOLS ? 'b' : '.';
	}
	out[i] = '\0';
	free(d.shares);
	bp_page_free(&d);
	return out;
}

/* A wiki's "[edit]" under a section's heading is layout; a section of a
 * configuration file, a word in brackets that opens with a capital, and
 * a button under a sentence are not. */
static void
test_heading_buttons(void)
{
	static const char *const wiki[] = {
		"C|Geology", "-|", "B|[edit]", "-|", "C|The quarry cut through forty metres of rock.",
		"-|", "C|History", "-|", "B|  [bearbeiten] ", "-|", "C|Stone went to the harbour.",
	};
	static const char *const other[] = {
		"C|Settings", "-|", "C|[server]", "C|port = 8080", "-|",
		"C|Chorus", "-|", "C|[Chorus]", "-|", "C|We sail at dawn.",
		"-|", "C|[hide]", "-|", "C|The line above ends a sentence.", "-|", "C|[edit]", "-|",
		"C|Two", "-|", "C|[edit it]", "-|",
	};
	char out[32];

	CHECK(strcmp(page_kinds(wiki, sizeof wiki / sizeof *wiki, out), "x.b.x.x.b.x") == 0);
	CHECK(strcmp(page_kinds(other, sizeof other / sizeof *other, out),
	    "x.xx.x.x.x.x.x.x.x.x.") == 0);
}

int
main(void)
{
	CHECK(safi_bp_lexicon_init(&lex, 1) == 0);
	test_counts();
	test_char_count();
	test_folding();
	test_word_paths();
	test_long_lines();
	test_long_words();
	test_fingerprint();
	test_shapes();
	test_phrases_in_shape();
	test_lower_words();
	test_title_cased();
	test_heading_buttons();
	safi_bp_lexicon_free(&lex);
	return tap_done();
}
