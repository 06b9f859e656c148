/*
 * test_sentence.c - the sentence splitter of libsafi: boundaries as byte
 * ranges, the splitter's lists, and the properties every walk keeps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "safi.h"
#include "tap.h"

/* Splits |text| and joins the sentences with '|'. */
static const char *
split(const struct safi_splitter *sp, const char *text)
{
	static char out[4096];
	struct safi_sentences it;
	size_t start, end, len = strlen(text), o = 0;

	safi_sentences_begin(&it, sp, text, len);
	while (safi_sentences_next(&it, &start, &end)) {
		if (o)
			out[o++] = '|';
		memcpy(out + o, text + start, end - start);
		o += end - start;
	}
	out[o] = '\0';
	return out;
}

#define SPLITS(sp, text, want) CHECK_BYTES(split(sp, text), strlen(split(sp, text)), want, strlen(want))

/* Every byte of the paragraph is in a sentence or is white space between
 * them, in order, and each range is trimmed and non-empty. */
static int
covers(const struct safi_splitter *sp, const char *text, size_t len)
{
	struct safi_sentences it;
	size_t start, end, pos = 0, k;

	safi_sentences_begin(&it, sp, text, len);
	while (safi_sentences_next(&it, &start, &end)) {
		if (start < pos || end <= start || end > len)
			return 0;
		for (k = pos; k < start; k++)
			if (!strchr(" \t\n\v\f\r", text[k]) && (unsigned char)text[k] < 0x80)
				return 0;
		if (text[start] == ' ' || text[end - 1] == ' ')
			return 0;
		pos = end;
	}
	for (k = pos; k < len; k++)
		if (text[k] != ' ')
			return 0;
	return 1;
}

int
main(void)
{
	struct safi_splitter *sp, *en, *ar, *none;
	static const char mixed[] =
	    "Dr. Brown said \"no.\" Then he left!! قال د. سامي: \"انتهى\". "
	    "U.S.A. 3.5 ١٫٥ (أ.ف.ب)... • item 1. a b? c";
	char *big;
	size_t i;

	CHECK(safi_splitter_new(&sp, NULL) == 0);
	CHECK(safi_splitter_new(&en, "en") == 0);
	CHECK(safi_splitter_new(&ar, "ar") == 0);
	CHECK(safi_splitter_new(&none, "xx") == SAFI_ENOTFOUND && none == NULL);

	/* Plain boundaries, closing marks in either order. */
	SPLITS(sp, "One. Two? Three!", "One.|Two?|Three!");
	SPLITS(sp, "He said \"yes.\" Then left.", "He said \"yes.\"|Then left.");
	SPLITS(sp, "قال إن كيم \"سيزور روسيا\". وأضاف", "قال إن كيم \"سيزور روسيا\".|وأضاف");
	SPLITS(sp, "وأكد أنها المشتركة.” وانتهى", "وأكد أنها المشتركة.”|وانتهى");
	/* White space around is never part of a sentence. */
	SPLITS(sp, "  One.   Two.  ", "One.|Two.");
	SPLITS(sp, "", "");
	SPLITS(sp, "   ", "");
	/* Abbreviations, by language. */
	SPLITS(en, "Mr. Smith left. Dr. Green came.", "Mr. Smith left.|Dr. Green came.");
	SPLITS(ar, "Mr. Smith left.", "Mr.|Smith left.");
	SPLITS(ar, "قال د. سامي إن الوفد وصل.", "قال د. سامي إن الوفد وصل.");
	/* Added abbreviations; a final '#' means before numbers only. */
	CHECK(safi_splitter_add_abbrev(en, "Zork.", 5) == 0);
	CHECK(safi_splitter_add_abbrev(en, "Blip#", 5) == 0);
	CHECK(safi_splitter_add_abbrev(en, "a b", 3) == SAFI_EINVAL);
	CHECK(safi_splitter_add_abbrev(en, "", 0) == SAFI_EINVAL);
	SPLITS(en, "The Zork. Omega came.", "The Zork. Omega came.");
	SPLITS(en, "See Blip. 4 now. A Blip. Omega came.", "See Blip. 4 now.|A Blip.|Omega came.");
	/* Numbers, acronyms, initials, ellipses. */
	SPLITS(sp, "It rose 3.5 percent. Then fell.", "It rose 3.5 percent.|Then fell.");
	SPLITS(sp, "The U.S. How odd.", "The U.S.|How odd.");
	SPLITS(sp, "By J. R. Smith today.", "By J. R. Smith today.");
	SPLITS(sp, "زيارة مرتقبة.. ووفد كبير", "زيارة مرتقبة.. ووفد كبير");
	SPLITS(sp, "1) one 2) two 3) three", "1) one|2) two|3) three");

	/* Reference marks and emoticons stay with the sentence they follow. */
	SPLITS(en, "It opened in 1932. [4] Then it closed.", "It opened in 1932. [4]|Then it closed.");
	SPLITS(en, "It opened.[4][5] Then", "It opened.[4][5]|Then");
	SPLITS(en, "Over. [...] Next", "Over. [...]|Next");
	SPLITS(en, "Over. [see 4] Next", "Over.|[see 4] Next");
	SPLITS(en, "Fine. 12 The end.", "Fine. 12|The end.");
	SPLITS(en, "Fine. 12 Apples left.", "Fine.|12 Apples left.");
	SPLITS(en, "Nice! :) Bye", "Nice! :)|Bye");
	SPLITS(en, "works :-) Thanks", "works :-)|Thanks");
	SPLITS(en, "works :-)", "works :-)");
	SPLITS(en, "odd :-)x here", "odd :-)x here");
	SPLITS(en, "at 10:30 today", "at 10:30 today");
	/* An exclamation mark before a lower-case word, unless after a name. */
	SPLITS(en, "so good! we left", "so good!|we left");
	SPLITS(en, "at Yahoo! in May", "at Yahoo! in May");
	/* Date and time stamps of mail headers. */
	SPLITS(en, "Ann Lee 04/26/2001 07:17 AM Will you", "Ann Lee|04/26/2001 07:17 AM|Will you");
	SPLITS(en, "sent on 04/26/2001 07:17 AM to us", "sent on 04/26/2001 07:17 AM to us");
	SPLITS(en, "sent on 2001-04-26 19:17:02 We", "sent on 2001-04-26 19:17:02|We");
	SPLITS(en, "Ann 4/26/20011 07:17 AM Will", "Ann 4/26/20011 07:17 AM Will");
	/* Rule lines, web addresses after web addresses, dashes. */
	SPLITS(en, "Bye ===== Next", "Bye|=====|Next");
	SPLITS(en, "a_b__c and f*** x", "a_b__c and f*** x");
	SPLITS(en, "http://a.org/1 http://a.org/2", "http://a.org/1|http://a.org/2");
	SPLITS(en, "see http://a.org/1 now", "see http://a.org/1 now");
	SPLITS(en, "not at uh \xe2\x80\x94 This is it.", "not at uh \xe2\x80\x94|This is it.");
	SPLITS(en, "we \xe2\x80\x94 I mean \xe2\x80\x94 went.", "we \xe2\x80\x94 I mean \xe2\x80\x94 went.");
	/* Salutations and closings of letters. */
	SPLITS(en, "Dear Ann, The box came.", "Dear Ann,|The box came.");
	SPLITS(en, "Good morning all, We start.", "Good morning all,|We start.");
	SPLITS(en, "Kind regards, Ann Lee", "Kind regards,|Ann Lee");
	SPLITS(en, "Kind people, Ann said, help.", "Kind people, Ann said, help.");
	SPLITS(en, "Thanks, you too.", "Thanks, you too.");
	SPLITS(en, "Thanks, I know.", "Thanks, I know.");
	SPLITS(en, "Thanks again, Ann.", "Thanks again, Ann.");
	SPLITS(en, "Hi, Liz:", "Hi, Liz:");
	SPLITS(en, "Hey, Mr. Lee, you", "Hey, Mr. Lee, you");
	SPLITS(en, "Hi, I am new here.", "Hi,|I am new here.");
	/* Arabic writes a colon before a bracket; a time before its "AM". */
	SPLITS(sp, "\xd9\x82\xd8\xa7\xd9\x84 :( \xd9\x86\xd8\xb9\xd9\x85)", "\xd9\x82\xd8\xa7\xd9\x84 :( \xd9\x86\xd8\xb9\xd9\x85)");
	SPLITS(sp, "5/5/2012 12:00 \xd8\xb5\xd8\xa8\xd8\xa7\xd8\xad\xd8\xa7", "5/5/2012 12:00 \xd8\xb5\xd8\xa8\xd8\xa7\xd8\xad\xd8\xa7");
	SPLITS(en, "Five stars *****) here", "Five stars *****) here");
	SPLITS(en, "Berlin, 1958. 216 S. 2nd ed.", "Berlin, 1958.|216 S. 2nd ed.");
	SPLITS(ar, "Dear Ann, The box came.", "Dear Ann, The box came.");

	/* The scan finds a terminator or a rule line at any offset, in the
	 * blocks and in the tail (of 16 or 32 bytes), for any length. */
	{
		char buf[160], want[170];
		size_t k, len, ok = 0, total = 0;

		for (len = 8; len < 100; len += 7) {
			for (k = 1; k + 6 < len; k++) {
				memset(buf, 'a', len);
				buf[len] = '\0';
				memcpy(buf + k, "! Bb", 4);
				snprintf(want, sizeof want, "%.*s|%s", (int)k + 1, buf, buf + k + 2);
				total++;
				ok += strcmp(split(en, buf), want) == 0;
				memcpy(buf + k, " === ", 5);
				snprintf(want, sizeof want, "%.*s|===|%s", (int)k, buf, buf + k + 5);
				total++;
				ok += strcmp(split(en, buf), want) == 0;
			}
		}
		CHECK(ok == total);
	}

	/* Every paragraph is covered, in order, without overlap. */
	CHECK(covers(sp, mixed, sizeof mixed - 1));
	for (i = 0; i < sizeof mixed - 1; i++)
		CHECK(covers(sp, mixed, i));  /* cut anywhere, even mid-character */

	/* Ill-formed bytes are opaque, never lost. */
	CHECK(covers(sp, "A\xff. B\xd8. \xe2\x80", 10));

	/* A long paragraph of many sentences. */
	big = malloc(1 << 20);
	CHECK(big != NULL);
	if (big) {
		for (i = 0; i + 5 <= (1 << 20); i += 5)
			memcpy(big + i, "Yes. ", 5);
		CHECK(covers(sp, big, i));
		free(big);
	}

	safi_splitter_free(sp);
	safi_splitter_free(en);
	safi_splitter_free(ar);
	safi_splitter_free(NULL);
	return tap_done();
}
