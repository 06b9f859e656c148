/*
 * test_boilerplate_widget.c - the line shapes of a post from a social
 * network embedded in an article: its row of counts, and its handle or
 * the middle dot of its stamp; and the core of a pull quote.
 */
#include <string.h>

#include "boilerplate_stages.h"
#include "tap.h"

static int
row(const char *s)
{
	return safi_bp_count_row(s, strlen(s));
}

static int
marked(const char *s)
{
	return safi_bp_handle_or_dot(s, strlen(s));
}

static void
test_count_row(void)
{
	CHECK(row("1,204 reposts 4,877 likes"));
	CHECK(row("1.2K Retweets 880 Likes"));
	CHECK(row("56 Likes 12 Comments 23 Shares"));
	CHECK(row("  3 replies  9 likes "));
	CHECK(!row("12 comments"));               /* one pair: a counter */
	CHECK(!row("Harlow 3 Brackley 1"));       /* a score: word first */
	CHECK(!row("3 goals in 2 games"));        /* an odd word out */
	CHECK(!row("Turnover 46 2008 39"));
	CHECK(!row("1 a 2 b 3 c 4 d 5 e 6 f"));   /* too many pairs */
	CHECK(!row("2 eggs 3"));
	CHECK(!row("10 x2 20 y"));                /* a word with a digit */
	CHECK(!row(""));
}

static void
test_handle_or_dot(void)
{
	CHECK(marked("@HarbourTransit"));
	CHECK(marked("West Mercia Police @WMerciaPolice"));
	CHECK(marked("A post shared by Harbour Transit (@harbourtransit)"));
	CHECK(marked("4 hrs \xc2\xb7"));
	CHECK(marked("5:31 AM \xc2\xb7 Feb 2, 2026"));
	CHECK(!marked("news@harbourpost.example"));  /* an address */
	CHECK(!marked("Meet @ 9"));
	CHECK(!marked("The post was shared 400 times"));
}

static int
dotted(const char *s)
{
	return safi_bp_middle_dot(s, strlen(s));
}

static void
test_middle_dot(void)
{
	CHECK(dotted("8:05 PM \xc2\xb7 Mar 11, 2026"));
	CHECK(dotted("\xc2\xb7"));
	CHECK(!dotted("@HarbourTransit"));           /* a handle alone */
	CHECK(!dotted("Home | News | Sport"));
	CHECK(!dotted("\xc2"));                      /* a cut sequence */
	CHECK(!dotted(""));
}

/* The core of |s| as a string in |out|, and whether quote marks opened it. */
static int
core(const char *s, char *out)
{
	size_t from, len;
	int quoted;

	len = safi_bp_pull_core(s, strlen(s), &from, &quoted);
	memcpy(out, s + from, len);
	out[len] = '\0';
	return quoted;
}

static void
test_pull_core(void)
{
	char out[128];

	CHECK(core("\"Prices will fall.\"", out) && strcmp(out, "Prices will fall") == 0);
	CHECK(core("  \xc2\xab\xd8\xa7\xd9\x84\xd9\x85\xd8\xaf\xd9\x86 \xd8\xaa\xd9\x86\xd9\x87\xd8\xb6\xc2\xbb ", out) &&
	    strcmp(out, "\xd8\xa7\xd9\x84\xd9\x85\xd8\xaf\xd9\x86 \xd8\xaa\xd9\x86\xd9\x87\xd8\xb6") == 0);
	CHECK(core("\xe2\x80\x9cWe stay.\xe2\x80\x9d", out) && strcmp(out, "We stay") == 0);
	CHECK(core("\xe2\x80\x9eWir bleiben\xe2\x80\x9c", out) && strcmp(out, "Wir bleiben") == 0);
	CHECK(core("'Why now?'", out) && strcmp(out, "Why now") == 0);
	CHECK(core("\"Wait\xe2\x80\xa6\"", out) && strcmp(out, "Wait") == 0);
	CHECK(!core("No quotes here.", out) && strcmp(out, "No quotes here") == 0);
	CHECK(!core("He said \"no\"", out) && strcmp(out, "He said \"no") == 0);
	CHECK(core("\"\"", out) && out[0] == '\0');
	CHECK(!core("", out) && out[0] == '\0');
}

int
main(void)
{
	test_count_row();
	test_handle_or_dot();
	test_middle_dot();
	test_pull_core();
	return tap_done();
}
