/* Compiled-in language data, and the list-file format programs read. */
#include "safi.h"
#include "tap.h"

int
main(void)
{
	static const char text[] = "# comment\n  the \r\n\n\tand\t\n  # not a word\nof";
	const struct safi_wordlist *wl = safi_data_find("en", "stopwords");
	const char *w;
	size_t pos = 0, len, n;
	uint64_t lineno = 0;

	CHECK(wl != NULL && wl->n > 0);
	CHECK(safi_data_find("xx", "stopwords") == NULL);
	CHECK(safi_data_all(&n) != NULL && n > 0);

	CHECK(safi_data_next_entry(text, sizeof text - 1, &pos, &lineno, &w, &len) == 1);
	CHECK_STR(w, len, "the");
	CHECK(lineno == 2);
	CHECK(safi_data_next_entry(text, sizeof text - 1, &pos, &lineno, &w, &len) == 1);
	CHECK_STR(w, len, "and");
	CHECK(lineno == 4);
	CHECK(safi_data_next_entry(text, sizeof text - 1, &pos, &lineno, &w, &len) == 1);
	CHECK_STR(w, len, "of");
	CHECK(lineno == 6);
	CHECK(safi_data_next_entry(text, sizeof text - 1, &pos, &lineno, &w, &len) == 0);
	CHECK(safi_data_next_entry("", 0, &pos, &lineno, &w, &len) == 0);
	return tap_done();
}
