/*
 * naive_boilerplate.c - the naive baseline of strip-boilerplate's
 * benchmark: keeps the lines of at least 10 words that end in . ! ? … or ؟
 * (the rule the evaluation README quotes).  Reads stdin, writes stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
ends_like_sentence(const char *p, size_t n)
{
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
		n--;
	if (n >= 1 && (p[n - 1] == '.' || p[n - 1] == '!' || p[n - 1] == '?'))
		return 1;
	if (n >= 3 && memcmp(p + n - 3, "\xE2\x80\xA6", 3) == 0)  /* … */
		return 1;
	if (n >= 2 && memcmp(p + n - 2, "\xD8\x9F", 2) == 0)      /* ؟ */
		return 1;
	return 0;
}

int
main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, stdin)) > 0) {
		size_t n = (size_t)len, i, words = 0;
		int in_word = 0;

		if (line[n - 1] == '\n')
			n--;
		for (i = 0; i < n; i++) {
			int space = line[i] == ' ' || line[i] == '\t';

			if (!space && !in_word)
				words++;
			in_word = !space;
		}
		if (words >= 10 && ends_like_sentence(line, n)) {
			fwrite(line, 1, n, stdout);
			putchar('\n');
		}
	}
	free(line);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
