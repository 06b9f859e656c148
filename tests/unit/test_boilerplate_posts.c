/*
 * test_boilerplate_posts.c - the strip of furniture between two posts of a
 * thread: pages are given as text with each line's verdict and shape set
 * by hand (as the decoder would have left them), so that only this stage
 * is tested.
 *
 * A line is "V|text", V one of: P a kept paragraph of a post, T the kept
 * title, s a kept stamp (a short line with a date), c a kept count, x a
 * kept short line of neither kind (a poster's name).
 */
#include <string.h>

#include "bp_page.h"

/* Loads the page and runs the stage.  Returns the verdicts as a string:
 * K kept, h dropped as part of a thread's strip. */
static const char *
posts(const char *const *page, size_t n)
{
	static char out[64];
	struct bp_doc d;
	size_t i;

	CHECK(n < sizeof out);
	bp_page_load(&d, page, n);
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];
		char v = page[i][0];

		ln->kind = v == 'P' || v == 'T' ? K_GOOD : K_BAD;
		ln->keep = 1;
		ln->reason = v == 'T' ? R_TITLE : v == 'P' ? R_BODY : R_CONTEXT;
		ln->flags = v == 's' ? L_DATED : v == 'c' ? L_NUMCELL : 0;
	}
	d.ext.have_zone = 1;
	safi_bp_drop_post_strips(&d);
	return bp_page_verdicts(&d, out, R_THREAD, 'h');
}

#define POSTS(page) posts(page, sizeof page / sizeof page[0])

/* A question, its footer and the answer's header, the answer. */
static const char *const two_posts[] = {
	"T|Why does my loop stop after the first file",
	"P|The loop reads one file name and then exits, although the folder holds twelve files.",
	"s|asked Oct 11, 2021 at 16:02",
	"c|512",
	"s|answered Oct 11, 2021 at 16:11",
	"x|Mara Quint",
	"P|The command inside the loop reads standard input too, so it swallows the rest of the list.",
};

/* The same short lines right under the title: the byline and the date. */
static const char *const under_title[] = {
	"T|Why does my loop stop after the first file",
	"s|asked Oct 11, 2021 at 16:02",
	"c|512",
	"s|edited Oct 12, 2021 at 8:40",
	"P|The loop reads one file name and then exits, although the folder holds twelve files.",
	"P|The command inside the loop reads standard input too, so it swallows the rest of the list.",
};

/* The first mark too far below the post: no footer. */
static const char *const late_mark[] = {
	"P|The loop reads one file name and then exits, although the folder holds twelve files.",
	"x|Step one",
	"x|Step two",
	"x|Step three",
	"x|Step four",
	"s|answered Oct 11, 2021 at 16:11",
	"c|512",
	"s|edited Oct 12, 2021 at 8:40",
	"P|The command inside the loop reads standard input too, so it swallows the rest of the list.",
};

/* A shop's one box of hours and a phone number between two of its
 * paragraphs: stamps and a count, but no year and no other strip. */
static const char *const hours_box[] = {
	"P|The studio sits by the harbour, and anyone may walk in to watch the wheels turn.",
	"x|Studio hours",
	"s|Friday: 10:00 - 20:00",
	"s|Saturday: 9:00 - 17:00",
	"c|3",
	"P|Buses from the town centre stop at the harbour gates every twenty minutes.",
};

/* Three posts stamped with times alone: the strip comes back. */
static const char *const timed_posts[] = {
	"P|The loop reads one file name and then exits, although the folder holds twelve files.",
	"s|asked 2 hours ago",
	"c|512",
	"s|answered 1 hour ago",
	"P|The command inside the loop reads standard input too, so it swallows the rest of the list.",
	"s|answered 40 minutes ago",
	"c|12",
	"s|edited 5 minutes ago",
	"P|Redirect the inner command's input from /dev/null and the loop sees every name.",
};

/* A title and its copies under a reply's prefix. */
static void
test_reply_titles(void)
{
	static const char t[] = "Which felt for a low roof?";
	static const char *const page[] = {
		"T|Which felt for a low roof?",
		"P|My new shed has a roof pitch of only about ten degrees.",
		"x|Re: Which felt for a low roof?",
		"P|At ten degrees a heavy shed felt is fine.",
		"x|رد: Which felt for a low roof?",
		"x|Re : Which felt for a low roof?",
		"x|Best answer to: Which felt for a low roof?",
	};
	struct bp_doc d;
	size_t i;
	char out[8];

	CHECK(safi_bp_reply_title("Re: Which felt for a low roof?", 30, t, 26));
	CHECK(safi_bp_reply_title("AW:Which felt for a low roof?", 29, t, 26));
	CHECK(!safi_bp_reply_title(t, 26, t, 26));                 /* no prefix */
	CHECK(!safi_bp_reply_title("Re Which felt for a low roof?", 29, t, 26));  /* no colon */
	CHECK(!safi_bp_reply_title(": Which felt for a low roof?", 28, t, 26));   /* no word */
	CHECK(!safi_bp_reply_title("Re: Which felt for a low roof", 29, t, 26));  /* not the title */
	CHECK(!safi_bp_reply_title("Somewhatlongword: Which felt for a low roof?", 44, t, 26));
	CHECK(!safi_bp_reply_title("Re: x", 5, "", 0));

	bp_page_load(&d, page, sizeof page / sizeof page[0]);
	for (i = 0; i < d.nlines; i++) {
		d.lines[i].keep = 1;
		d.lines[i].kind = page[i][0] == 'x' ? K_SHORT : K_GOOD;
		d.lines[i].reason = page[i][0] == 'T' ? R_TITLE : R_BODY;
	}
	d.ext.title = 0;
	safi_bp_drop_reply_titles(&d);
	for (i = 0; i < d.nlines; i++)
		out[i] = d.lines[i].keep ? 'K' : d.lines[i].reason == R_DUPLICATE ? 'u' : 'd';
	out[i] = '\0';
	/* Two words before the colon are a label of the page's, not a
	 * reply's prefix. */
	CHECK(strcmp(out, "KKuKuuK") == 0);
	/* No title kept: nothing to compare with. */
	d.lines[0].keep = 0;
	d.lines[2].keep = 1;
	safi_bp_drop_reply_titles(&d);
	CHECK(d.lines[2].keep == 1);
	bp_page_free(&d);
}

int
main(void)
{
	/* A stretch of more than STRIP_MOST short lines between two
	 * paragraphs is text kept in pieces (a book's wrapped references,
	 * with their years), not a strip between two posts. */
	static const char *long_stretch[36];
	size_t i;

	test_reply_titles();
	CHECK(strcmp(POSTS(two_posts), "KKhhhKK") == 0);
	CHECK(strcmp(POSTS(under_title), "KKKKKK") == 0);
	CHECK(strcmp(POSTS(late_mark), "KKKKKKKKK") == 0);
	CHECK(strcmp(POSTS(hours_box), "KKKKKK") == 0);
	CHECK(strcmp(POSTS(timed_posts), "KhhhKhhhK") == 0);
	/* The first strip alone, with no year, stays. */
	CHECK(strcmp(posts(timed_posts, 5), "KKKKK") == 0);

	long_stretch[0] = two_posts[1];
	long_stretch[1] = "s|Garden Notes, 1996.";
	long_stretch[2] = "c|108";
	long_stretch[3] = "s|London, Greenleaf, 2004.";
	for (i = 4; i < 35; i++)
		long_stretch[i] = "x|Soil and Patience";
	long_stretch[35] = two_posts[6];
	CHECK(strcmp(POSTS(long_stretch), "KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK") == 0);
	/* Cut to 29 short lines, it is one. */
	long_stretch[30] = two_posts[6];
	CHECK(strcmp(posts(long_stretch, 31), "KhhhKKKKKKKKKKKKKKKKKKKKKKKKKKK") == 0);
	return tap_done();
}
