/* Mojibake repair: each kind of damage undone, clean text never touched. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>

#include "safi.h"
#include "tap.h"

static struct safi_mojibake *m;

/* Checks that |in| is repaired to |want| (or left alone when want is NULL),
 * from a copy of exactly its bytes with nothing after them to read by
 * mistake (ASan stops on a read past its end). */
static void
check_repair(const char *in, const char *want, int line)
{
	size_t n = strlen(in);
	char *copy = malloc(n ? n : 1);
	struct safi_buf out = SAFI_BUF_INIT;
	int rc;

	CHECK(copy != NULL);
	memcpy(copy, in, n);
	rc = safi_mojibake_repair(m, copy, n, &out);
	tap_checks++;
	if (want == NULL ? rc != 0 || out.len != 0 :
	    rc != 1 || out.len != strlen(want) || memcmp(out.ptr, want, out.len) != 0) {
		tap_failures++;
		fprintf(stderr, "%s:%d: [%s] -> rc %d [%.*s], want [%s]\n", __FILE__, line,
		        in, rc, (int)out.len, out.ptr ? out.ptr : "", want ? want : "(unchanged)");
	}
	safi_buf_free(&out);
	free(copy);
}

#define REPAIRED(in, want) check_repair(in, want, __LINE__)
#define CLEAN(in) check_repair(in, NULL, __LINE__)

/* Damages UTF-8 text the way a reader in |charset| does: its bytes are
 * decoded as |charset| and the characters encoded as UTF-8 again. */
static char *
damage(const char *s, const char *charset)
{
	UErrorCode err = U_ZERO_ERROR;
	size_t cap = strlen(s) * 4 + 1;
	char *out = malloc(cap);
	int32_t n = ucnv_convert("UTF-8", charset, out, (int32_t)cap, s,
	                         (int32_t)strlen(s), &err);

	if (U_FAILURE(err)) {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

static const char *const clean_text[] = {
	/* Arabic, with ط ظ ع غ and آ أ before punctuation, as real text has. */
	"العربية", "فقط، ثم", "حفظ؛ ضغط؟", "ظهر الظلام على الطريق", "طالب",
	"ع، ص", "12 ظ، غدا", "الساعة ظ.", "أ” قال", "أ– البند الأول", "أ—",
	"«ط»", "ط،", "ظ،", "غ–", "آ «نص»", "ط…", "ظ…", "آ\xC2\xA0", "أ\xC2\xA0-",
	"إِنَّ", "مؤسسة", "٢٠٢٤م", "ﻻ", "ـــ", "رگ", "شک", "بگ", "پیش‌بینی",
	/* Latin text with Ã Â and friends where they belong. */
	"São Paulo", "NÃO", "Âge", "CHÂTEAU", "IRMÃ”", "IRMÃ\xC2\xA0", "AMANHÃ»",
	"L’ÉTÉ»", "ÉTÉ\xC2\xA0!", "CAFÉ”", "„ÄRGER“", "»SÅ»", "PÅ”", "Ø…", "Ø»",
	"naïve", "Œuvre", "cœur", "Ñandú", "ß”", "Gruß“", "Å’", "Ö–", "Ü”",
	"©2024 Âme", "° C", "× 2", "¿Qué?", "¡Olé!", "Ça va", "Ærø",
	/* Other scripts and symbols. */
	"Ελληνικά", "Русский", "עברית", "中文", "한국어", "😀", "€5 – €10",
	"“quoted” ‘text’ — dash … ellipsis", "™ ® ©", "ASCII only",
};

/* Words to damage and repair; every charset that can encode them. */
static const char *const damaged_text[] = {
	"العربية", "في", "و", "من", "فقط", "ظهر", "ثم", "تم", "ت", "ء", "إِنَّ",
	"«العربية»", "قال: «نعم»", "café", "don’t", "naïve", "Łódź", "œuvre",
	"São Paulo", "Ελληνικά", "Русский", "😀", "€", "–", "“x”", "ﻻ", "١٢٣",
	"déjà vu", "l’été", "français", "Müller", "Ærø", "Ñandú", "•",
};

int
main(void)
{
	struct safi_mojibake_stats st;
	struct safi_buf out = SAFI_BUF_INIT;
	char *bad, *twice;
	size_t i;

	CHECK(safi_mojibake_new(&m, 0) == 0);
	CHECK(safi_mojibake_new(&(struct safi_mojibake *){NULL}, 8) == SAFI_EINVAL);

	/* Each kind of damage. */
	REPAIRED("cafÃ©", "café");
	REPAIRED("donâ€™t", "don’t");
	REPAIRED("â€œquotedâ€\xC2\x9D", "“quoted”");  /* WHATWG 0x9D */
	REPAIRED("ط§ظ„ط¹ط±ط¨ظٹط©", "العربية");
	REPAIRED("Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©", "العربية");
	REPAIRED("ظپظٹ", "في");                /* no telltale sign but two letters */
	REPAIRED("ظˆ", "و");                    /* one letter, a foreign sign after ط/ظ */
	REPAIRED("cafÃƒÂ©", "café");            /* damaged twice */
	REPAIRED("donâ\xC2\x80\xC2\x99t", "don’t");  /* ISO-8859-1: C1 controls */
	REPAIRED("ðŸ˜€", "😀");
	REPAIRED("ï»¿", "\xEF\xBB\xBF");
	REPAIRED("Â\xC2\xA0", "\xC2\xA0");
	REPAIRED("voilÃ\xC2\xA0", "voilà");
	REPAIRED("enquأھte", "enquête");       /* French read as windows-1256 */
	/* CESU-8 (a surrogate pair, each half as three bytes) read as
	 * windows-1252; a first half that ends the text has no second one. */
	REPAIRED("x í\xC2\xA0½í¸€ y", "x 😀 y");
	CLEAN("abc í\xC2\xAD©");
	/* A line part clean, part damaged: only the damage changes. */
	REPAIRED("العربية ط§ظ„ط¹ط±ط¨ظٹط© English cafÃ©", "العربية العربية English café");
	/* In a damaged line, a two-character run needs no telltale sign. */
	REPAIRED("ط¹ط§ظ… 2015ظ…", "عام 2015م");
	CLEAN("2015ظ…");

	/* The report. */
	bad = "ط§ظ„ط¹ط±ط¨ظٹط© x ظپظٹ";
	CHECK(safi_mojibake_repair(m, bad, strlen(bad), &out) == 1);
	CHECK_STR(out.ptr, out.len, "العربية x في");
	safi_mojibake_last(m, &st);
	CHECK(st.what && strcmp(st.what, "UTF-8 read as windows-1256") == 0 && !st.others);
	CHECK(st.runs == 2 && st.chars == 9 && st.depth == 1);
	out.len = 0;
	CHECK(safi_mojibake_repair(m, "cafÃƒÂ©", 11, &out) == 1);
	safi_mojibake_last(m, &st);
	CHECK(st.depth == 2 && strcmp(st.what, "UTF-8 read as windows-1252") == 0);
	out.len = 0;
	CHECK(safi_mojibake_repair(m, "â\xC2\x80\xC2\x99", 7, &out) == 1);
	safi_mojibake_last(m, &st);
	CHECK(strcmp(st.what, "UTF-8 read as ISO-8859-1") == 0);
	out.len = 0;
	CHECK(safi_mojibake_repair(m, "clean", 5, &out) == 0 && out.len == 0);
	safi_mojibake_last(m, &st);
	CHECK(st.runs == 0 && st.what == NULL);
	/* NUL bytes are data. */
	CHECK(safi_mojibake_repair(m, "a\0cafÃ©", 9, &out) == 1);
	CHECK_STR(out.ptr, out.len, "a\0café");
	safi_buf_free(&out);

	/* Pieces of a long line: runs at a cut are left alone. */
	bad = "ط§ظ„ط¹ط±ط¨ظٹط© x ظپظٹ";
	CHECK(safi_mojibake_repair_piece(m, bad, strlen(bad), SAFI_MOJIBAKE_CUT_END, &out) == 1);
	CHECK_STR(out.ptr, out.len, "العربية x ظپظٹ");
	out.len = 0;
	CHECK(safi_mojibake_repair_piece(m, bad, strlen(bad), SAFI_MOJIBAKE_CUT_START, &out) == 1);
	CHECK_STR(out.ptr, out.len, "ط§ظ„ط¹ط±ط¨ظٹط© x في");
	out.len = 0;
	CHECK(safi_mojibake_repair_piece(m, "ط،", 4, SAFI_MOJIBAKE_CUT_START |
	                                 SAFI_MOJIBAKE_CUT_END, &out) == 0);
	safi_buf_free(&out);

	for (i = 0; i < sizeof clean_text / sizeof *clean_text; i++)
		CLEAN(clean_text[i]);

	/* Damage made by ICU itself, once and twice, is undone. */
	for (i = 0; i < sizeof damaged_text / sizeof *damaged_text; i++) {
		static const char *const charsets[] = {"windows-1256", "windows-1252"};
		size_t c;

		for (c = 0; c < 2; c++) {
			unsigned char lead = (unsigned char)damaged_text[i][0];

			/* Greek and Cyrillic pages are not read as windows-1256. */
			if (c == 0 && lead >= 0xCE && lead <= 0xD1)
				continue;
			if ((bad = damage(damaged_text[i], charsets[c])) == NULL)
				continue;
			/* A lone windows-1256 "ت" or "ء" ("طھ", "ط،") is
			 * indistinguishable from a letter and a sign. */
			if (strcmp(bad, "طھ") != 0 && strcmp(bad, "ط،") != 0)
				REPAIRED(bad, damaged_text[i]);
			twice = damage(bad, "windows-1252");
			if (twice && strlen(bad) > 4)
				REPAIRED(twice, damaged_text[i]);
			free(twice);
			free(bad);
		}
	}

	/* Only the charsets asked for. */
	safi_mojibake_free(m);
	CHECK(safi_mojibake_new(&m, SAFI_MOJIBAKE_LATIN) == 0);
	CLEAN("ط§ظ„ط¹ط±ط¨ظٹط©");
	REPAIRED("cafÃ©", "café");
	safi_mojibake_free(m);
	CHECK(safi_mojibake_new(&m, SAFI_MOJIBAKE_ARABIC) == 0);
	CLEAN("cafÃ©");
	REPAIRED("ط§ظ„ط¹ط±ط¨ظٹط©", "العربية");
	safi_mojibake_free(m);
	safi_mojibake_free(NULL);
	return tap_done();
}
