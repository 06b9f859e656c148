/*
 * test_boilerplate_code.c - the shape of a line of program code, and the
 * sections of a manual below the article: pages are given as text with
 * each line's verdict set by hand (as the decoder would have left them),
 * so that only this stage is tested.
 *
 * A line is "V|text", V one of: K a kept line, t a line dropped by its
 * place below the article (tail), b a line dropped as a phrase, s a line
 * dropped by its symbols, ' ' a blank line.
 */
#include <string.h>

#include "bp_page.h"

static int
shape(const char *s)
{
	return safi_bp_code_shape(s, strlen(s));
}

/* Loads the page and runs the stage.  Returns the verdicts as a string:
 * K kept, t dropped as the tail, d dropped otherwise, '.' blank. */
static const char *
sections(const char *const *page, size_t n)
{
	static char out[64];
	struct bp_doc d;
	size_t i;

	CHECK(n < sizeof out);
	bp_page_load(&d, page, n);
	d.ext.have_zone = 1;
	for (i = 0; i < d.nlines; i++) {
		struct bp_line *ln = &d.lines[i];
		const char *t = page[i] + 2;
		size_t len = strlen(t);
		char v = page[i][0];

		ln->kind = v == ' ' ? K_BLANK : ln->words >= 8 ? K_GOOD : K_SHORT;
		ln->keep = v == ' ' ? -1 : v == 'K';
		ln->reason = v == 'K' ? R_BODY : v == 't' ? R_TAIL : v == 'b' ? R_PHRASE :
		    v == 's' ? R_SYMBOLS : R_BLANK;
		if (len > 0 && t[len - 1] == '.')
			ln->flags |= L_TERM;
		if (len > 0 && t[len - 1] == ':')
			ln->flags |= L_COLON;
		if (len > 0 && t[0] >= 'a' && t[0] <= 'z')
			ln->flags |= L_LOWER;
		if (len > 2 && t[0] >= '0' && t[0] <= '9' && t[1] == '.' && t[2] == ' ')
			ln->flags |= L_BULLET;
	}
	safi_bp_keep_code_sections(&d);
	return bp_page_verdicts(&d, out, R_TAIL, 't');
}

#define SECTIONS(page) sections(page, sizeof page / sizeof page[0])

/* A tutorial whose steps the cut of the tail dropped: a heading, a
 * paragraph, commands, a command's output under its introduction, the
 * paragraph under the last command; then a closing section, a heading
 * and a paragraph alone between blank lines, and the page's furniture. */
static const char *const tutorial[] = {
	"K|Timers give you logs and catch-up runs after downtime for free.",
	" |",
	"t|Enable the timer",
	" |",
	"t|Reload the units first, then enable and start the timer.",
	" |",
	"t|sudo systemctl daemon-reload",
	"t|sudo systemctl enable --now backup.timer",
	" |",
	"t|The next run is listed with its time, as in this output:",
	" |",
	"t|NEXT LEFT UNIT",
	"t|Thu 02:30 7h left backup.timer",
	" |",
	"t|journalctl -u backup.service",
	" |",
	"t|Every run is logged with its exit status and its output.",
	" |",
	"t|Conclusion",
	" |",
	"t|You now have a backup job that logs each of its runs.",
	" |",
	"b|Share this tutorial",
};

/* A line of code shape right under the article with no prose of the
 * tail over it (a blog's trackback count, a "next page" link) stays
 * dropped; so does a tail with no code. */
static const char *const trackback[] = {
	"K|The graphics card was replaced twice before the fault was found.",
	" |",
	"t|Tagged as: Graphics",
	" |",
	"t|{ 1 trackback }",
	" |",
	"t|About the author",
	" |",
	"t|Jo writes about hardware and has repaired laptops for ten years.",
};

/* A section under the walked ones whose line under its heading is glued
 * to the next (a box of links: "About", a blurb, its counts) stays
 * dropped, and ends the walk. */
static const char *const sidebar[] = {
	"K|Build the tool from its sources with the usual commands.",
	" |",
	"t|Building",
	" |",
	"t|Run these two commands in the source directory:",
	" |",
	"t|./configure --prefix=/usr",
	"t|make -j4",
	" |",
	"t|The binary ends up in the build directory.",
	" |",
	"t|About",
	"t|Lines up the columns of a file.",
	"t|Readme",
	"t|12 stars",
};

/* A numbered heading alone between blank lines over a rule set as code,
 * a line of it dropped by its symbols; a numbered item glued to the next
 * line is a list's, and ends the walk. */
static const char *const spec[] = {
	"K|Each record is one line of fields separated by single spaces.",
	" |",
	"t|2. Syntax",
	" |",
	"t|Every record follows this grammar, with no blank field in it:",
	" |",
	"t|record = field *( SP field ) LF",
	"s|key    = 1*( ALPHA / DIGIT )",
	" |",
	"t|3. Related drafts",
	"t|4. Older versions",
};

int
main(void)
{
	/* shell commands */
	CHECK(shape("sudo dpkg -i tool_1.0_amd64.deb"));
	CHECK(shape("sudo apt install tool"));
	CHECK(shape("docker logs -f web"));
	CHECK(shape("docker exec -it web sh"));
	CHECK(shape("nano /etc/systemd/system/backup.service"));
	CHECK(shape("npx migrate ./src"));
	CHECK(shape("npm install left-pad@1"));
	CHECK(shape("ls -la"));
	CHECK(shape("git clone https://git.example.org/tools/csvpeek"));
	CHECK(shape("svn checkout svn://svn.example.org/repo/trunk"));
	CHECK(shape("field  = key value"));
	/* prose and furniture */
	CHECK(!shape("sudo make me a sandwich."));
	CHECK(!shape("Sign in with your account"));
	CHECK(!shape("read more about the island and its history"));
	CHECK(!shape("write to jo@example.org"));
	CHECK(!shape("https://git.example.org/tools/csvpeek"));
	CHECK(!shape("more at https://example.org/news/2024"));
	CHECK(!shape("see also https://example.org/notes"));
	CHECK(!shape("read here https://example.org/notes"));
	CHECK(!shape("git clone Https://example.org/x"));
	CHECK(!shape("the well - known trail runs north of the river and on to the coast"));
	CHECK(!shape("see the notes at /notes for the rest of the story and all of the photos from it"));
	CHECK(strcmp(SECTIONS(tutorial), "K.K.K.KK.K.KK.K.K.K.K.d") == 0);
	CHECK(strcmp(SECTIONS(trackback), "K.t.t.t.t") == 0);
	CHECK(strcmp(SECTIONS(sidebar), "K.K.K.KK.K.tttt") == 0);
	CHECK(strcmp(SECTIONS(spec), "K.K.K.KK.tt") == 0);
	return tap_done();
}
