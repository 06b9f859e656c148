/*
 * icu_nfc_baseline.c - the straightforward way to NFC a text stream with
 * ICU, for comparison with normalize(1): read a line, convert it to UTF-16,
 * quick-check it, normalize it when the check is not YES, convert it back
 * and write it.  Usage: icu_nfc_baseline < in > out
 */
#include <stdio.h>
#include <stdlib.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static UChar *u16, *n16;
static char *u8;
static int32_t cap16, cap8;

static void
grow(int32_t need)
{
	if (need <= cap16)
		return;
	cap16 = need * 2;
	cap8 = cap16 * 3;
	u16 = realloc(u16, (size_t)cap16 * sizeof(UChar));
	n16 = realloc(n16, (size_t)cap16 * 3 * sizeof(UChar));
	u8 = realloc(u8, (size_t)cap8 * 3);
	if (!u16 || !n16 || !u8)
		exit(1);
}

int
main(void)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (U_FAILURE(err))
		return 1;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		int32_t len16, len8;
		const UChar *res;

		grow((int32_t)n + 1);
		err = U_ZERO_ERROR;
		u_strFromUTF8WithSub(u16, cap16, &len16, line, (int32_t)n, 0xFFFD, NULL, &err);
		res = u16;
		if (unorm2_quickCheck(nfc, u16, len16, &err) != UNORM_YES) {
			len16 = unorm2_normalize(nfc, u16, len16, n16, cap16 * 3, &err);
			res = n16;
		}
		u_strToUTF8(u8, cap8 * 3, &len8, res, len16, &err);
		if (U_FAILURE(err))
			return 1;
		fwrite(u8, 1, (size_t)len8, stdout);
	}
	free(line);
	return ferror(stdout) || fclose(stdout) ? 1 : 0;
}
