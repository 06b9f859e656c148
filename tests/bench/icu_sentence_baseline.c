/*
 * icu_sentence_baseline.c - the straightforward way to split sentences in
 * C: ICU's sentence BreakIterator over each line.  The benchmark peer of
 * split-sentences (tests/bench/bench-split.sh).
 *
 * Reads lines from stdin (or the FILE argument); for each non-blank line
 * writes every segment ICU finds, trimmed of white space, on its own line,
 * then a blank line - the same output shape as split-sentences.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

static void
put_segment(const UChar *u, int32_t a, int32_t b, char **out, int32_t *cap)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n;

	while (a < b && u_isUWhiteSpace(u[a]))
		a++;
	while (b > a && u_isUWhiteSpace(u[b - 1]))
		b--;
	if (a == b)
		return;
	u_strToUTF8(*out, *cap, &n, u + a, b - a, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		*cap = n + 1;
		if ((*out = realloc(*out, (size_t)*cap)) == NULL)
			exit(1);
		err = U_ZERO_ERROR;
		u_strToUTF8(*out, *cap, &n, u + a, b - a, &err);
	}
	if (U_FAILURE(err))
		exit(1);
	fwrite(*out, 1, (size_t)n, stdout);
	putchar('\n');
}

int
main(int argc, char **argv)
{
	FILE *in = stdin;
	char *line = NULL, *out = NULL;
	size_t linecap = 0;
	ssize_t len;
	UChar *u = NULL;
	int32_t ucap = 0, ulen, outcap = 0, a, b;
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *bi;

	if (argc > 1 && (in = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	bi = ubrk_open(UBRK_SENTENCE, "en", NULL, 0, &err);
	if (U_FAILURE(err)) {
		fprintf(stderr, "ubrk_open: %s\n", u_errorName(err));
		return 1;
	}
	while ((len = getline(&line, &linecap, in)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			len--;
		err = U_ZERO_ERROR;
		u_strFromUTF8WithSub(u, ucap, &ulen, line, (int32_t)len, 0xfffd, NULL, &err);
		if (err == U_BUFFER_OVERFLOW_ERROR) {
			ucap = ulen + 1;
			if ((u = realloc(u, (size_t)ucap * sizeof *u)) == NULL)
				return 1;
			err = U_ZERO_ERROR;
			u_strFromUTF8WithSub(u, ucap, &ulen, line, (int32_t)len, 0xfffd, NULL, &err);
		}
		if (U_FAILURE(err))
			return 1;
		ubrk_setText(bi, u, ulen, &err);
		if (U_FAILURE(err))
			return 1;
		for (a = ubrk_first(bi); (b = ubrk_next(bi)) != UBRK_DONE; a = b)
			put_segment(u, a, b, &out, &outcap);
		if (ulen > 0)
			putchar('\n');
	}
	ubrk_close(bi);
	free(line);
	free(u);
	free(out);
	return ferror(stdout) || fclose(stdout) ? 1 : 0;
}
