/*
 * test_boilerplate_decode.c - the document decoder on pages written as
 * line features: each line is given its kind, length and flags by hand
 * (as the line stage would have found them), so that the rules over the
 * page are tested apart from how single lines are judged.
 *
 * A page is a string of line codes, one per line, separated by spaces:
 *   G  a body paragraph of 40 words      g  of 12 words
 *   N  a near paragraph of 8 words       S  a short line of 3 words
 *   n  a near line of 6 words ending in a full stop (a teaser's sentence)
 *   o  a near line of 10 words ending in a full stop (a one-sentence lead)
 *   H  a short line of 6 words (a headline shape)
 *   w  a short line of 2 words (too short for a headline shape)
 *   B  boilerplate by its phrase          D  a date
 *   M  a "read also" marker               C  a comment counter ("44 comments")
 *   L  a list item of 6 words             :  a line of 5 words ending in ':'
 *   T  a stamp: a name and a date ("Mara Jensen June 3, 2024 at 9:12 am")
 *   Z  a post's stamp, a date alone ("12-03-2019, 09:14 PM")
 *   R  a short line of 3 words, a copy of the last S or R before it
 *   A  boilerplate by its phrase, one word (an advert's label)
 *   K  a ticker's line of 8 words, boilerplate by its phrase, a copy of the
 *      last K before it
 *   s  a short line of 2 words ending in a full stop ("God knows best.")
 *   I  a "read also" line with its story's title (an inline marker)
 *   .  a blank line
 */
#include <stdlib.h>
#include <string.h>

#include "boilerplate_decoder.h"
#include "boilerplate_stages.h"
#include "safi.h"
#include "tap.h"

static struct bp_lexicon lex;
static struct safi_boilerplate_opts opts;

static void
set_line(struct bp_line *ln, char code, size_t i)
{
	memset(ln, 0, sizeof *ln);
	ln->fp = i + 1;  /* every line distinct */
	ln->reason = R_BODY;
	switch (code) {
	case 'G': ln->kind = K_GOOD, ln->words = 40, ln->flags = L_TERM; break;
	case 'g': ln->kind = K_GOOD, ln->words = 12, ln->flags = L_TERM; break;
	case 'N': ln->kind = K_NEAR, ln->words = 8; break;
	case 'n': ln->kind = K_NEAR, ln->words = 6, ln->flags = L_TERM; break;
	case 'o': ln->kind = K_NEAR, ln->words = 10, ln->flags = L_TERM; break;
	case 'S': case 'R': ln->kind = K_SHORT, ln->words = 3; break;
	case 'w': ln->kind = K_SHORT, ln->words = 2; break;
	case 'H': ln->kind = K_NEAR, ln->words = 6; break;
	case 'B': ln->kind = K_BAD, ln->words = 2, ln->reason = R_PHRASE; break;
	case 'D': ln->kind = K_BAD, ln->words = 3, ln->reason = R_DATE; break;
	case 'M': ln->kind = K_BAD, ln->words = 2, ln->reason = R_MARKER, ln->flags = L_MARKER; break;
	case 'C':
		ln->kind = K_BAD, ln->words = 2, ln->reason = R_MARKER;
		ln->flags = L_MARKER | L_COUNTER | L_DIGITS;
		break;
	case 'L': ln->kind = K_NEAR, ln->words = 6, ln->flags = L_BULLET; break;
	case ':': ln->kind = K_SHORT, ln->words = 5, ln->flags = L_COLON; break;
	case 'T': ln->kind = K_NEAR, ln->words = 8, ln->flags = L_DATED | L_DIGITS; break;
	case 'Z': ln->kind = K_BAD, ln->words = 3, ln->reason = R_DATE, ln->flags = L_DATED | L_DIGITS; break;
	case 'A': ln->kind = K_BAD, ln->words = 1, ln->reason = R_PHRASE; break;
	case 'K': ln->kind = K_BAD, ln->words = 8, ln->reason = R_PHRASE; break;
	case 'Y': ln->kind = K_BAD, ln->words = 2, ln->reason = R_PHRASE, ln->flags = L_COLON; break;
	case 's': ln->kind = K_SHORT, ln->words = 2, ln->flags = L_TERM; break;
	case 'I': ln->kind = K_BAD, ln->words = 6, ln->reason = R_INLINE_MARKER; break;
	case '.': ln->kind = K_BLANK, ln->reason = R_BLANK; break;
	default: abort();
	}
}

/* Decodes the page |codes| and returns the verdicts as a string: K for a
 * kept line, d for a dropped one, . for a blank one. */
static const char *
decode(const char *codes, struct bp_doc *d)
{
	static char out[256];
	size_t i, j, n = 0;
	const char *c;

	memset(d, 0, sizeof *d);
	for (c = codes; *c; c++)
		n += *c != ' ';
	d->lines = calloc(n, sizeof *d->lines);
	CHECK(d->lines != NULL);
	for (c = codes, i = 0; *c; c++)
		if (*c != ' ') {
			set_line(&d->lines[i], *c, i);
			for (j = i; *c == 'R' && j-- > 0;)
				if (d->lines[j].kind == K_SHORT && d->lines[j].words == 3) {
					d->lines[i].fp = d->lines[j].fp;
					break;
				}
			for (j = i; *c == 'K' && j-- > 0;)
				if (d->lines[j].kind == K_BAD && d->lines[j].words == 8) {
					d->lines[i].fp = d->lines[j].fp;
					break;
				}
			i++;
		}
	d->nlines = n;
	/* No text, but a buffer for the empty lines to point into: the
	 * decoder reads the bytes of number cells and of the paragraphs
	 * around a box only. */
	CHECK(safi_buf_reserve(&d->text, 1) == 0);
	d->base = d->text.ptr;
	CHECK(safi_bp_mark_duplicates(d) == 0);
	safi_bp_decode(&lex, &opts, d, -1);
	for (i = 0; i < n && i < sizeof out - 1; i++)
		out[i] = d->lines[i].keep < 0 ? '.' : d->lines[i].keep ? 'K' : 'd';
	out[i] = '\0';
	return out;
}

static void
done(struct bp_doc *d)
{
	free(d->lines);
	safi_buf_free(&d->text);
	safi_bp_map_free(&d->dup);
}

/* Decodes |codes| and checks the verdicts and, where |reasons| has a
 * letter other than '-', the reason of that line. */
static void
expect(const char *codes, const char *verdicts, const char *const *reasons)
{
	struct bp_doc d;
	const char *got = decode(codes, &d);
	size_t i;

	CHECK(strcmp(got, verdicts) == 0);
	if (strcmp(got, verdicts) != 0)
		fprintf(stderr, "  %s: got %s, want %s\n", codes, got, verdicts);
	for (i = 0; reasons && reasons[i]; i++)
		if (reasons[i][0] != '-') {
			const char *r = safi_bp_reason_names[d.lines[i].reason];

			CHECK(strcmp(r, reasons[i]) == 0);
			if (strcmp(r, reasons[i]) != 0)
				fprintf(stderr, "  %s: line %zu is %s, want %s\n", codes, i + 1, r,
				    reasons[i]);
		}
	done(&d);
}

static void
test_zone_and_title(void)
{
	static const char *const r[] = {"phrase", "blank", "title", "blank", "body", "blank",
	    "body", "blank", "heading", "body", "blank", "tail", NULL};

	/* Menu, title, two paragraphs, a subheading, a paragraph, a footer. */
	expect("B . H . G . G . S G . N", "d.K.K.K.KK.d", r);
	/* A page without a body zone keeps nothing. */
	expect("B S H S B", "ddddd", NULL);
	/* A headline above a deck: the headline is the title, the deck the
	 * standfirst. */
	{
		static const char *const r2[] = {"title", "standfirst", "body", "body", NULL};

		expect("H N G G", "KKKK", r2);
	}
	/* A headline that shares no words with the article is the title
	 * when only a date and a byline stand between it and the body ... */
	{
		static const char *const r3[] = {"title", "date", "phrase", "body", NULL};

		expect("H D B G G", "KddKK", r3);
	}
	/* ... not across a line that is neither (a menu item). */
	expect("H w G G", "ddKK", NULL);
	/* A headline of two words under a date, where no other line is the
	 * title. */
	{
		static const char *const r4[] = {"head", "date", "title", "body", NULL};

		expect("S D w G G", "ddKKK", r4);
	}
}

static void
test_cut(void)
{
	static const char *const r[] = {"title", "body", "body", "marker", "after-marker",
	    "after-marker", NULL};

	/* A marker below the start of the zone cuts the page there, body
	 * paragraphs after it too. */
	expect("H G G M H G", "KKKddd", r);
	/* A marker above the zone does not cut when too little body text
	 * stands above it. */
	expect("B M H G G", "ddKKK", NULL);
	/* A comment counter at the top of the article is a widget. */
	{
		static const char *const r2[] = {"title", "date", "marker", "body", "body", "body",
		    NULL};

		expect("H D C G G G", "KddKKK", r2);
	}
	/* Further down, it heads the comments. */
	expect("H G G G C S G", "KKKKddd", NULL);
	/* A box of one or two headlines set between body paragraphs ends
	 * where two paragraphs in a row go on, though they share no words
	 * with the body above (a new scene, a new voice) ... */
	{
		static const char *const r3[] = {"title", "blank", "body", "blank", "body", "blank",
		    "marker", "teaser", "blank", "body", "blank", "body", NULL};

		expect("H . G . G . M H . G . G", "K.K.K.dd.K.K", r3);
		expect("H . G . G . M H H . G . G . B", "K.K.K.ddd.K.K.d", NULL);
	}
	/* ... not where one paragraph stands under the headline alone, nor
	 * where headlines go on between them (another story's lead, a feed). */
	expect("H . G . G . M H . G . B", "K.K.K.dd.d.d", NULL);
	expect("H . G . G . M H . G . H . G", "K.K.K.dd.d.d.d", NULL);
	/* A headline set apart from the marker, as its own block, heads
	 * another story carried whole. */
	expect("H . G . G . M . H . G . G", "K.K.K.d.d.d.d", NULL);
}

static void
test_thread(void)
{
	static const char *const r[] = {"title", "body", "body", "body", "phrase", "thread",
	    "thread", "thread", "thread", "thread", "thread", NULL};

	/* Stamps and paragraphs below the furniture that ends an article. */
	expect("H G G G B T g T g T g", "KKKKddddddd", r);
	/* Without the furniture, posts below a text stay (a forum). */
	expect("H G G G T g T g T g", "KKKKKKKKKK", NULL);
	/* Two units are not a thread. */
	expect("H G G G B T g T g", "KKKKdKKKK", NULL);
	/* A commenter's label ("Lena says:") is a stamp too. */
	expect("H G G G B Y g Y g Y g", "KKKKddddddd", r);
	/* A label that is a near line, not a phrase, is not. */
	expect("H G G G B : g : g : g", "KKKKdKKKKKK", NULL);
}

/* A page that is a thread of posts: a name, a stamp and a text each. */
static void
test_forum(void)
{
	static const char *const r[] = {"phrase", "thread", "date", "body", "thread", "date",
	    "body", "thread", "date", "body", "thread", "date", "body", NULL};

	/* Posts from the top of the zone: their names are kept. */
	expect("B w Z G w Z g w Z G w Z g", "dKdKKdKKdKKdK", r);
	/* Three posts are not enough. */
	expect("B w Z G w Z g w Z G", "dddKddKddK", NULL);
	/* Comments below a body paragraph, or under a counter, are not
	 * a forum's posts. */
	expect("G w Z G w Z g w Z G w Z g", "KddKddKddKddK", NULL);
	expect("C B B B B B B w Z G w Z g w Z G w Z g", "dddddddddKddKddKddK", NULL);
	/* Nor are they when one post, the article, holds half the zone. */
	expect("B w Z G G G G w Z g w Z g w Z g w Z g", "dddKKKKddKddKddKddK", NULL);
}

static void
test_tool_thread(void)
{
	static const char *const r[] = {"title", "body", "body", "body", "thread", "thread",
	    "thread", "thread", "thread", "thread", "thread", "thread", "thread", "thread",
	    "thread", "thread", NULL};
	static const char *const nr[] = {"-", "-", "-", "-", "-", "tail", "tail", "tail",
	    "tail", "tail", "tail", "tail", "tail", "tail", "tail", "tail", "tail", NULL};
	static const char *const pr[] = {"-", "-", "-", "-", "-", "-", "-", "-", "tail", "tail",
	    "tail", "tail", "tail", "tail", "tail", "tail", "tail", "tail", "tail", "tail", NULL};

	/* Four stamps, each stretch between two holding a copy of the tool
	 * line of the stretch before ("Reply"): a thread, with no furniture
	 * above it. */
	expect("H G G G T g S T g R T g R T g R", "KKKKdddddddddddd", r);
	/* Three are not. */
	expect("H G G G T g S T g R T g R", "KKKKKKKKKKKKd", NULL);
	/* A forum stamps its first post as the replies: no article above. */
	expect("H T G S T g R T g R T g R T g R", "KKKKKKKKKKKKKKKd", NULL);
	/* A list of posts, each signed below by the same stamp: the first
	 * post's stamp stands over the second post's text.  (Posts of a
	 * paragraph or two under each stamp would be a dense thread.) */
	expect("H G G T G G G G T g S T g R T g R T g R", "KKKKKKKKdddddddddddd", pr);
	/* The article holds the tool line too (an advertisement line): the
	 * stamps below it are not a thread. */
	expect("H G S G G T g R T g R T g R T g R", "KKKKKdddddddddddd", nr);
}

static void
test_dense_thread(void)
{
	static const char *const r[] = {"title", "body", "body", "thread", "thread", "thread",
	    "thread", "thread", "thread", "thread", "thread", "thread", "thread", NULL};

	/* Five stamps below the article, each over a short comment, with no
	 * furniture between: a thread. */
	expect("H G G T g T g T g T g T g", "KKKdddddddddd", r);
	/* Four are not. */
	expect("H G G T g T g T g T g", "KKKKKKKKKKK", NULL);
	/* A stamp of their shape above the article: a forum's first post. */
	expect("H T G G T g T g T g T g T g", "KKKKKKKKKKKKKK", NULL);
	/* A comment of four lines among them: not dense. */
	expect("H G G T g T g g g g T g T g T g", "KKKKKKKKKKKKKKKK", NULL);
}

static void
test_barrier(void)
{
	static const char *const r[] = {"title", "body", "body", "body", "phrase", "phrase",
	    "phrase", "phrase", "tail", "tail", NULL};

	/* Four lines of furniture below an article, and body text that does
	 * not go on with its story (no text here: no words in common): the
	 * zone ends above them. */
	expect("H G G G B B B B G G", "KKKKdddddd", r);
	/* Three do not end it. */
	expect("H G G G B B B G G", "KKKKdddKK", NULL);
	/* Nor do dates and captions, which stand between paragraphs. */
	expect("H G G G D D D D G G", "KKKKddddKK", NULL);
}

static void
test_context(void)
{
	/* Near paragraphs are kept next to body text, not between short
	 * lines; a list item between body paragraphs is kept. */
	expect("H G N G L G", "KKKKKK", NULL);
	{
		static const char *const r[] = {"-", "-", "-", "phrase", "context", "phrase", NULL};

		expect("H G G B N B G G", "KKKdddKK", r);
	}
	/* Four or more teasers at the end of the zone are left out. */
	expect("H G G G H g H g H g H g", "KKKKdddddddd", NULL);
	/* A ticker's line printed again between the paragraphs is set into
	 * the article: the context looks past it. */
	expect("H . G . K . n . K . G . G", "K.K.d.K.d.K.K", NULL);
	expect("H . G . B . n . B . G . G", "K.K.d.d.d.K.K", NULL);
}

static void
test_interjected(void)
{
	/* A copy of the ticker inside the zone: the short sentences under
	 * its next copy, and their heading's place, are the article's last
	 * lines. */
	expect("H . G . K . G . K . n . n . n . B B", "K.K.d.K.d.K.K.K.dd", NULL);
	expect("H . G . K . G . K . S . n . n . B B", "K.K.d.K.d.d.K.K.dd", NULL);
	/* No copy inside the zone, or a single sentence: the zone ends. */
	expect("H . G . G . K . n . n . B B", "K.K.K.d.d.d.dd", NULL);
	expect("H . G . K . G . K . n . B B", "K.K.d.K.d.d.dd", NULL);
}

static void
test_feed(void)
{
	static const char *const r[] = {"title", "body", "body", "body", "tail", "tail", "tail",
	    "tail", "tail", "tail", NULL};

	/* Four headlines below the article, set apart from it by a line
	 * that is no paragraph, and a short bio below them: the zone ends
	 * at the last paragraph. */
	expect("H G G G w H H H H g", "KKKKdddddd", r);
	/* Right below a paragraph they are the article's list. */
	expect("H G G G H H H H g", "KKKKKKKKK", NULL);
	/* Three headlines are not a feed. */
	expect("H G G G w H H H g", "KKKKKKKKK", NULL);
	/* Nor is a run the article goes on below. */
	expect("H G G G w H H H H G G", "KKKKKKKKKKK", NULL);
	/* A teaser's text may be a sentence too short to be a paragraph. */
	expect("H G G G H n H n H n H n", "KKKKdddddddd", NULL);
}

static void
test_lists(void)
{
	static const char *const r[] = {"title", "body", "list", "list", "list", "list", NULL};

	/* A list introduced by a colon right after the zone. */
	expect("H G : S S S", "KKKKKK", r);
	/* One item is not a list. */
	expect("H G G : S", "KKKdd", NULL);
}

static void
test_sections_advert(void)
{
	/* Sections of lists under a lead, an advert's label between two of
	 * them: the label stays dropped and the sections go on to the
	 * paragraph below it. */
	expect("H . G . S . L L L . S . L L L . A . S . g . M S",
	    "K.K.K.KKK.K.KKK.d.K.K.dd", NULL);
	/* A label of two words (a box's) ends them. */
	expect("H . G . S . L L L . S . L L L . B . S . g . M S",
	    "K.K.d.ddd.d.ddd.d.d.d.dd", NULL);
}

static void
test_sections_strip(void)
{
	/* A strip of furniture (buttons, a disclosure) between the lead and
	 * the first section stays dropped, and the sections below it are
	 * read as right under the zone. */
	expect("H . G . B B . S . L L L . S . L L L . S . g . M S",
	    "K.K.dd.K.KKK.K.KKK.K.K.dd", NULL);
	/* A longer run of furniture (a box of links) ends the article. */
	expect("H . G . B B B B B B B . S . L L L . S . L L L . S . g . M S",
	    "K.K.ddddddd.d.ddd.d.ddd.d.d.dd", NULL);
}

static void
test_sections_intro(void)
{
	/* A heading over its list's introduction ("You'll need:") heads a
	 * section; the sections go on to the paragraph below them. */
	expect("H . G . S : L L L . S : L L L . S . g . M S",
	    "K.K.KKKKK.KKKKK.K.K.dd", NULL);
}

static void
test_short_runs(void)
{
	static const char *const r[] = {"title", "body", "short-run", "body", NULL};
	static const char *const r2[] = {"title", "body", "short-run", "heading", "body", NULL};

	/* A date between a kept line and a body paragraph is the
	 * article's; a phrase is not. */
	expect("H G D G", "KKKK", r);
	expect("H G B G", "KKdK", NULL);
	/* So is one above a heading the context kept above a paragraph. */
	expect("H G D S G", "KKKKK", r2);
	/* A longer run must share the article's words: these (no text) do
	 * not. */
	expect("H G D D G", "KKddK", NULL);
	/* Below the last paragraph there is no run. */
	expect("H G G D", "KKKd", NULL);
}

static void
test_doubled(void)
{
	static const char *const r[] = {"title", "body", "duplicate", "duplicate", "body", NULL};
	static const char *const r2[] = {"title", "body", "heading", "body", "heading", "body",
	                                 NULL};

	/* A short line printed twice in a row between paragraphs goes with
	 * its copy; a heading printed once stays, as do two different ones. */
	expect("H G S R G", "KKddK", r);
	expect("H G S G S G", "KKKKKK", r2);
	/* Two copies apart, or set apart by a blank line, are left to the
	 * rules on copies. */
	expect("H G S G R G", "KKKKKK", NULL);
	expect("H G S . R G", "KKK.KK", NULL);
}

/* The page |head|, then |n| one-sentence paragraphs of 12 words with no
 * blank line between them (|odd| at every |every|th of them), then |tail|;
 * checks that the run is dropped as captions when |dropped|, else kept. */
static void
expect_gallery(const char *head, size_t n, char odd, size_t every, const char *tail,
               int dropped)
{
	char codes[256], want[256];
	size_t i, len = 0, w = 0, first;
	const char *c;
	struct bp_doc d;
	const char *got;

	for (c = head; *c; c++) {
		codes[len++] = *c;
		if (*c != ' ')
			want[w++] = *c == '.' ? '.' : 'K';
	}
	first = w;
	for (i = 0; i < n; i++) {
		codes[len++] = every && i % every == every - 1 ? odd : 'g';
		codes[len++] = ' ';
		want[w++] = dropped ? 'd' : 'K';
	}
	for (c = tail; *c; c++) {
		codes[len++] = *c;
		if (*c != ' ')
			want[w++] = *c == '.' ? '.' : 'K';
	}
	codes[len] = want[w] = '\0';
	got = decode(codes, &d);
	CHECK(strcmp(got, want) == 0);
	if (strcmp(got, want) != 0)
		fprintf(stderr, "  %s: got %s, want %s\n", codes, got, want);
	if (dropped)
		CHECK(d.lines[first].reason == R_CAPTION && d.lines[first + n - 1].reason == R_CAPTION);
	done(&d);
}

static void
test_gallery(void)
{
	/* An article of paragraphs set apart by blank lines, and a long run
	 * of one-sentence lines with none between them: captions. */
	expect_gallery("H . G . G . G . ", 24, 'g', 0, ". G", 1);
	expect_gallery("H . G . G . G . ", 40, 'g', 0, ". G . G", 1);
	/* A shorter run is a list of the article's. */
	expect_gallery("H . G . G . G . ", 23, 'g', 0, ". G", 0);
	/* On a page that sets no paragraph apart, or fewer than it prints
	 * close together, there is no rhythm to break. */
	expect_gallery("H G G G ", 24, 'g', 0, "G", 0);
	expect_gallery("H . G . G G G G G G ", 24, 'g', 0, ". G", 0);
	/* Lines without a full stop, or list items, are not captions. */
	expect_gallery("H . G . G . G . ", 24, 'N', 4, ". G", 0);
	expect_gallery("H . G . G . G . ", 24, 'L', 12, ". G", 0);
}

/* Decodes |codes|, runs the pass that drops a caption over its credit,
 * and checks the verdicts. */
static void
expect_over_credit(const char *codes, const char *verdicts)
{
	struct bp_doc d;
	const char *got;
	size_t i;
	char out[256];

	decode(codes, &d);
	safi_bp_drop_captions_over_credits(&d);
	for (i = 0; i < d.nlines && i < sizeof out - 1; i++)
		out[i] = d.lines[i].keep < 0 ? '.' : d.lines[i].keep ? 'K' : 'd';
	out[i] = '\0';
	got = out;
	CHECK(strcmp(got, verdicts) == 0);
	if (strcmp(got, verdicts) != 0)
		fprintf(stderr, "  %s: got %s, want %s\n", codes, got, verdicts);
	done(&d);
}

static void
test_caption_over_credit(void)
{
	/* A short line between paragraphs, glued to a credit below it: a
	 * picture's caption. */
	expect_over_credit("H . G . G . N B . G . G", "K.K.K.dd.K.K");
	expect_over_credit("H . G . G . S D . G . G", "K.K.K.dd.K.K");
	/* A line ending a sentence, or one set apart from the credit by a
	 * blank line, is the article's. */
	expect_over_credit("H . G . G . n B . G . G", "K.K.K.Kd.K.K");
	expect_over_credit("H . G . G . N . B . G . G", "K.K.K.K.d.K.K");
}

static void
test_sentence_runs(void)
{
	static const char *const r[] = {"title", "-", "date", "-", "text", "-", "short-run",
	    "-", "short-run", "-", "short-run", NULL};

	/* An article of one-sentence lines under a one-sentence lead: the
	 * lead is kept, and the run of sentences with it. */
	expect("H . D . o . n . n . n . B B", "K.d.K.K.K.K.dd", r);
	/* Below a marker that cuts the page there is no run. */
	expect("H . D . o . n . n . n . M . n . n . n . B B", "K.d.K.K.K.K.d.d.d.d.dd", NULL);
	/* Two sentences are no run; a run with no kept line is not kept. */
	expect("H . D . o . n . B . n . n . B B", "K.d.K.d.d.d.d.dd", NULL);
}

static void
test_closing_lines(void)
{
	/* A closing sentence too short for body text right below the last
	 * paragraph, furniture under it: the article's last line. */
	expect("H . D . G . G . s . B B", "K.d.K.K.K.dd", NULL);
	/* A paragraph below the sentence: the zone decides, not this. */
	expect("H . D . G . G . s . N . B B", "K.d.K.K.d.d.dd", NULL);
	/* Under a line that is no body paragraph, or glued to it: none. */
	expect("H . D . G . G . S . s . B B", "K.d.K.K.d.d.dd", NULL);
	expect("H . D . G . G s . B B", "K.d.K.Kd.dd", NULL);
}

static void
test_set_between_text(void)
{
	struct decoder dc;
	struct bp_doc d;

	/* A "read also" line between a paragraph and a subheading, blank
	 * lines around it, costs the zone nothing; with furniture on either
	 * side, or glued to a line, it is a box's and costs as boilerplate. */
	decode("H . G . S L L . I . S . L L . G . G . B", &d);
	dc = (struct decoder){&lex, &opts, d.lines, d.nlines, d.base, 0};
	CHECK(safi_bp_set_between_text(&dc, 8));
	CHECK(zone_score(&dc, &d.lines[8]) == 0);
	done(&d);
	decode("H . G . G . I . B . G", &d);
	dc = (struct decoder){&lex, &opts, d.lines, d.nlines, d.base, 0};
	CHECK(!safi_bp_set_between_text(&dc, 6));
	CHECK(zone_score(&dc, &d.lines[6]) == ZONE_BAD);
	done(&d);
	decode("B . I . G . G", &d);
	dc = (struct decoder){&lex, &opts, d.lines, d.nlines, d.base, 0};
	CHECK(!safi_bp_set_between_text(&dc, 2));
	done(&d);
	decode("G I . G . G", &d);
	dc = (struct decoder){&lex, &opts, d.lines, d.nlines, d.base, 0};
	CHECK(!safi_bp_set_between_text(&dc, 1));
	CHECK(!safi_bp_set_between_text(&dc, 0));
	done(&d);
}

static void
test_extent(void)
{
	struct bp_doc d;

	/* Menu, title, three paragraphs, a marker and a story after it: the
	 * extent says where the zone, the title and the cut are. */
	decode("B . H . G . G . G . M . H . G", &d);
	CHECK(d.ext.have_zone && !d.ext.have2);
	CHECK(d.ext.title == 2);
	CHECK(d.ext.a == 4 && d.ext.b == 8);
	CHECK(d.ext.cut == 10);
	/* The shape is what the lines were before the page was read: the
	 * story after the marker was a body paragraph. */
	CHECK(d.lines[14].kind == K_BAD && d.lines[14].reason == R_AFTER_MARKER);
	CHECK(BP_SHAPE_KIND(&d.lines[14]) == K_GOOD && BP_SHAPE_REASON(&d.lines[14]) == R_BODY);
	CHECK(BP_SHAPE_KIND(&d.lines[0]) == K_BAD && BP_SHAPE_REASON(&d.lines[0]) == R_PHRASE);
	done(&d);
	/* No zone: no title, and no cut. */
	decode("B S H S B", &d);
	CHECK(!d.ext.have_zone && d.ext.title == SIZE_MAX && d.ext.cut == d.nlines);
	done(&d);
}

static void
test_lead_across(void)
{
	/* A paragraph above thirteen dates (too far up for the title search
	 * and the lead right above the byline) is the lead only when it
	 * shares the article's words: these (no text) do not. */
	expect("g D D D D D D D D D D D D D G G", "ddddddddddddddKK", NULL);
}

static void
test_intro(void)
{
	/* A body paragraph above a box of seventeen short lines (too far up
	 * for the lead right above the zone) is the article's introduction
	 * only when it shares the article's words: these (no text) have no
	 * content words at all, and stay in the head. */
	expect("G S S S S S S S S S S S S S S S S S G G G G G", "dddddddddddddddddKKKKKK", NULL);
}

static void
test_list_to_end(void)
{
	static const char *const r[] = {"title", "body", "body", "tail", NULL};

	/* Ten short lines from the end of the zone down to the marker are
	 * the article's own list only when they share its words: these (no
	 * text) do not, and stay in the tail, as a sidebar would. */
	expect("H G G S S S S S S S S S S M H G", "KKKddddddddddddd", r);
}

/* Sets line |i| of |lines| to the bytes of |text| from |off| (a NUL ends
 * it) with the kind, reason and words given. */
static size_t
text_line(struct bp_line *lines, size_t i, const char *text, size_t off, int kind, int reason,
          unsigned words)
{
	struct bp_line *ln = &lines[i];

	memset(ln, 0, sizeof *ln);
	ln->off = off;
	ln->len = strlen(text + off);
	ln->kind = (uint8_t)kind;
	ln->reason = (uint8_t)reason;
	ln->words = words;
	ln->first = (uint32_t)i;
	if (kind == K_GOOD)
		ln->flags = L_TERM;
	return off + ln->len + 1;
}

static void
test_card(void)
{
	/* A card of fields and items under the title, buttons between it
	 * and the text; then a byline in its place: a date and a name. */
	static const char text[] = "Soda bread\0\0Serves: 8\0Cook time: 40 mins\0"
	    "Ingredients\0  \xe2\x80\xa2 Flour\0  \xe2\x80\xa2 Salt\0  \xe2\x80\xa2 Milk\0\0"
	    "Print\0\0p\0";
	struct bp_line lines[12];
	struct decoder dc = {&lex, &opts, lines, 12, text, 0};
	size_t off = 0, i = 0;

	off = text_line(lines, i++, text, off, K_SHORT, R_TITLE, 2);
	off = text_line(lines, i++, text, off, K_BLANK, R_BLANK, 0);
	off = text_line(lines, i++, text, off, K_SHORT, R_HEAD, 2);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 4);
	off = text_line(lines, i++, text, off, K_SHORT, R_HEAD, 1);
	off = text_line(lines, i++, text, off, K_SHORT, R_HEAD, 1);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);
	off = text_line(lines, i++, text, off, K_SHORT, R_HEAD, 1);
	off = text_line(lines, i++, text, off, K_BLANK, R_BLANK, 0);
	off = text_line(lines, i++, text, off, K_BAD, R_PHRASE, 1);
	off = text_line(lines, i++, text, off, K_BLANK, R_BLANK, 0);
	text_line(lines, i, text, off, K_GOOD, R_BODY, 20);
	for (i = 5; i <= 7; i++)
		lines[i].flags |= L_BULLET;
	lines[0].keep = 1;
	safi_bp_keep_card(&dc, 0, 11);
	for (i = 2; i <= 7; i++)
		CHECK(lines[i].keep == 1);
	CHECK(lines[4].reason == R_HEADING);   /* "Ingredients" */
	CHECK(lines[5].reason == R_LIST);
	CHECK(!lines[9].keep);                 /* the button */
	/* Both fields dated: a byline's stamps, no card. */
	for (i = 2; i <= 7; i++) {
		lines[i].keep = 0;
		lines[i].reason = R_HEAD;
	}
	lines[2].kind = K_BAD;
	lines[2].reason = R_DATE;
	safi_bp_keep_card(&dc, 0, 11);
	for (i = 2; i <= 7; i++)
		CHECK(!lines[i].keep);
}

static void
test_update_clock(void)
{
	/* NUL-separated lines; a paragraph's words are not read. */
	static const char text[] = "21:40\0p\0" "21:15\0h\0p\0" "3 May 21:10\0p\0"
	    "20:50\0h\0" "B\0" "9.40 pm\0p\0";
	struct bp_line lines[12];
	struct decoder dc = {&lex, &opts, lines, 12, text, 0};
	size_t off = 0, i = 0;

	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 21:40 */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 21:15 */
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 3);  /* its headline */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 3);    /* a date with it */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 20:50 */
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 3);  /* a headline alone */
	off = text_line(lines, i++, text, off, K_BAD, R_PHRASE, 1);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 2);    /* 9.40 pm */
	text_line(lines, i, text, off, K_GOOD, R_BODY, 20);
	CHECK(safi_bp_update_clock(&dc, 0));
	CHECK(safi_bp_update_clock(&dc, 2));   /* over its headline and text */
	CHECK(!safi_bp_update_clock(&dc, 5));  /* "3 May 21:10" tells a date */
	CHECK(!safi_bp_update_clock(&dc, 7));  /* no text under it */
	CHECK(safi_bp_update_clock(&dc, 10));
	CHECK(!safi_bp_update_clock(&dc, 1));  /* no stamp at all */
	/* One stamp alone on its page is no live page's. */
	dc.nlines = 2;
	CHECK(!safi_bp_update_clock(&dc, 0));
}

/* A time of day with its mark, "10:15 PM" or "9:40 p.m.": the scanner
 * counts three words and four, and the stamp is still a time alone. */
static void
test_meridiem_clock(void)
{
	static const char text[] = "10:15 PM\0p\0" "9:40 p.m.\0h\0p\0" "May 3 9:10 p.m.\0p\0";
	struct bp_line lines[7];
	struct decoder dc = {&lex, &opts, lines, 7, text, 0};
	size_t off = 0, i = 0;

	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 3);    /* 10:15 PM */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 4);    /* 9:40 p.m. */
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 3);  /* its headline */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 6);    /* a date with it */
	text_line(lines, i, text, off, K_GOOD, R_BODY, 20);
	CHECK(safi_bp_update_clock(&dc, 0));
	CHECK(safi_bp_update_clock(&dc, 2));
	CHECK(!safi_bp_update_clock(&dc, 5));
}

static void
test_update_clock_hours(void)
{
	/* French pages write the time with an "h": "16h20" over its update;
	 * an hour alone ("16h") or a minute of one digit tells no time. */
	static const char text[] = "16h20\0p\0" "15H02\0h\0p\0" "14h\0p\0" "13h5\0p\0";
	struct bp_line lines[9];
	struct decoder dc = {&lex, &opts, lines, 9, text, 0};
	size_t off = 0, i = 0;

	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 16h20 */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 15H02 */
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 3);  /* its heading */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 14h */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 13h5 */
	text_line(lines, i, text, off, K_GOOD, R_BODY, 20);
	CHECK(safi_bp_update_clock(&dc, 0));
	CHECK(safi_bp_update_clock(&dc, 2));   /* over its heading and text */
	CHECK(!safi_bp_update_clock(&dc, 5));  /* an hour alone */
	CHECK(!safi_bp_update_clock(&dc, 7));  /* one digit of minutes */
}

static void
test_over_byline(void)
{
	/* NUL-separated lines; only the lines' kinds and words are read. */
	static const char text[] = "h\0\0name\0place\0date\0" "h\0\0name\0place\0more\0date\0"
	    "h\0\0p\0date\0";
	struct bp_line lines[15];
	struct decoder dc = {&lex, &opts, lines, 15, text, 0};
	size_t off = 0, i = 0;

	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 8);  /* a headline */
	off = text_line(lines, i++, text, off, K_BLANK, R_BLANK, 0);
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 3);  /* its writer */
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 1);  /* a place */
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 4);
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 8);
	off = text_line(lines, i++, text, off, K_BLANK, R_BLANK, 0);
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 3);
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 1);
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 2);  /* a third short line */
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 4);
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 8);
	off = text_line(lines, i++, text, off, K_BLANK, R_BLANK, 0);
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);  /* a paragraph */
	text_line(lines, i, text, off, K_BAD, R_DATE, 4);
	CHECK(safi_bp_over_byline(&dc, 0));    /* a name and a place over the date */
	CHECK(safi_bp_over_byline(&dc, 3));    /* the date right under it */
	CHECK(!safi_bp_over_byline(&dc, 5));   /* three lines before the date */
	CHECK(!safi_bp_over_byline(&dc, 11));  /* a paragraph before the date */
	CHECK(!safi_bp_over_byline(&dc, 14));  /* nothing under it */
}

static void
test_short_update_clock(void)
{
	/* A live page's short update: a heading and a sentence of a few
	 * words under its time, between updates of text. */
	static const char text[] = "16:24\0p\0" "16:05\0h\0s\0" "15:48\0p\0" "15:30\0w\0";
	struct bp_line lines[10];
	struct decoder dc = {&lex, &opts, lines, 10, text, 0};
	size_t off = 0, i = 0;

	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 16:24 */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 16:05 */
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 3);  /* its heading */
	off = text_line(lines, i++, text, off, K_NEAR, R_BODY, 7);   /* its sentence */
	lines[4].flags = L_TERM;
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 15:48 */
	off = text_line(lines, i++, text, off, K_GOOD, R_BODY, 20);
	off = text_line(lines, i++, text, off, K_BAD, R_DATE, 1);    /* 15:30 */
	off = text_line(lines, i++, text, off, K_SHORT, R_BODY, 2);  /* two words, no sentence */
	text_line(lines, i, text, off, K_BAD, R_PHRASE, 1);
	CHECK(safi_bp_update_clock(&dc, 2));   /* over a short sentence */
	CHECK(!safi_bp_update_clock(&dc, 7));  /* over no sentence */
	/* Short updates alone, with no update of text near, are none. */
	lines[1].kind = lines[6].kind = K_SHORT;
	lines[1].flags = lines[6].flags = 0;
	CHECK(!safi_bp_update_clock(&dc, 2));
}

static void
test_run_to_footer(void)
{
	/* A page in short pieces: a lead, a block of short lines (an
	 * address, its phone number dropped as a date), a paragraph, a
	 * heading over a paragraph, then the footer's strip of furniture.
	 * The pieces down to the strip are the article's. */
	expect("H . G . S S S S S S S D . g . w g . B B B B", "K.K.KKKKKKKK.K.KK.dddd", NULL);
	/* A stamp right over a paragraph: a comment, no piece of it. */
	expect("H . G . S S S S S S S Z g . w g . B B B B", "K.K.ddddddddd.dd.dddd", NULL);
	/* One phrase line under the run opens no footer. */
	expect("H . G . S S S S S S S D . g . w g . B S S S", "K.K.dddddddd.d.dd.dddd", NULL);
}

/* A bulleted list the zone kept in part is made whole from its first
 * item, and the headed-list stage then keeps its heading alone between
 * blank lines over it; a plain run keeps its first line as the zone
 * judged it, and its heading stays dropped. */
static void
test_list_runs(void)
{
	/* paragraph, heading, four items (the third kept), paragraph */
	static const char codes[] = "G.S.SSLS.G";
	static const char kept[] = "1.0.0010.1";
	struct bp_line lines[sizeof codes - 1];
	struct bp_doc d;
	size_t i;
	int bulleted;

	for (bulleted = 1; bulleted >= 0; bulleted--) {
		memset(&d, 0, sizeof d);
		for (i = 0; i < sizeof codes - 1; i++) {
			set_line(&lines[i], codes[i], i);
			if (i >= 4 && i <= 7)
				lines[i].flags = bulleted ? L_BULLET : 0;
			lines[i].keep = kept[i] == '.' ? -1 : kept[i] == '1';
			if (lines[i].kind != K_BLANK && !lines[i].keep)
				lines[i].reason = R_CONTEXT;
			else if (lines[i].keep == 1 && lines[i].kind != K_GOOD)
				lines[i].reason = R_LIST;
		}
		d.lines = lines;
		d.nlines = sizeof codes - 1;
		d.base = "";  /* no text: the empty lines point into it */
		safi_bp_keep_list_runs(&d);
		CHECK(lines[4].keep == bulleted && lines[5].keep == 1 && lines[7].keep == 1);
		CHECK(lines[2].keep == 0);
		safi_bp_keep_headed_lists(&d);
		CHECK(lines[2].keep == bulleted);
		CHECK(!bulleted || lines[2].reason == R_HEADING);
	}
}

int
main(void)
{
	safi_boilerplate_opts_default(&opts);
	CHECK(safi_bp_lexicon_init(&lex, 1) == 0);
	test_zone_and_title();
	test_cut();
	test_thread();
	test_tool_thread();
	test_dense_thread();
	test_forum();
	test_barrier();
	test_context();
	test_interjected();
	test_feed();
	test_lists();
	test_sections_advert();
	test_sections_strip();
	test_sections_intro();
	test_short_runs();
	test_sentence_runs();
	test_closing_lines();
	test_set_between_text();
	test_doubled();
	test_gallery();
	test_caption_over_credit();
	test_extent();
	test_lead_across();
	test_intro();
	test_list_to_end();
	test_update_clock();
	test_update_clock_hours();
	test_meridiem_clock();
	test_over_byline();
	test_short_update_clock();
	test_run_to_footer();
	test_list_runs();
	test_card();
	safi_bp_lexicon_free(&lex);
	return tap_done();
}
