/*
 * safi/mojibake.h - repair of UTF-8 text that was read as a legacy charset.
 *
 * Mojibake is what a page shows when its UTF-8 bytes were decoded as
 * windows-1252, ISO-8859-1 or windows-1256 and the characters seen were
 * encoded again as UTF-8: "café" becomes "cafÃ©", "don’t" becomes
 * "donâ€™t", and Arabic "العربية" becomes "ط§ظ„ط¹ط±ط¨ظٹط©" (read as
 * windows-1256) or "Ø§Ù„Ø¹Ø±Ø¨ÙŠØ©" (read as windows-1252).  The repair
 * encodes the characters back to the legacy charset (ICU's tables) and
 * decodes the bytes as UTF-8.
 *
 * The repair is conservative: text that is not damaged is never changed.
 * The unit of repair is a run, a maximal sequence of non-ASCII characters
 * within the span (ASCII characters, which these charsets never damage,
 * delimit runs), so a line may be part clean and part repaired.  A run is
 * repaired only as a whole, and only when
 *
 *  1. every character of the run has a byte in the charset, and those
 *     bytes are well-formed UTF-8 (never an isolated byte);
 *  2. every decoded character is one that such text plausibly holds: for
 *     windows-1252 / ISO-8859-1, Latin letters and punctuation, Greek,
 *     Cyrillic, Hebrew, Arabic, common symbols, CJK and emoji; for
 *     windows-1256, Arabic-script characters, Latin-1 punctuation and
 *     letters, general punctuation and emoji;
 *  3. the run gives two or more characters, or one character of three or
 *     four bytes; a run of just two characters (one decoded character of two
 *     bytes) must also look damaged: for windows-1256 its second character
 *     must be one that never follows an Arabic letter in real text (such as
 *     "§", "„", "ˆ", "©"; not "،", "؛", "؟", a Persian letter, a quotation
 *     mark or a space) and the result an Arabic letter, so that real words
 *     with ط and ظ stay as they are; for windows-1252 the result must be a
 *     letter (or a Latin-1 sign, from "Â"), and when the second character is
 *     a closing mark (a quotation mark, "»", "…", a dash, NBSP) the result
 *     must be a lowercase letter not preceded by an uppercase ASCII letter,
 *     so that "IRMÃ”" stays as written.  A Latin letter from windows-1256
 *     glued to an ASCII letter ("enquأھte") counts as damaged, and so does
 *     any such run in a span where other runs were repaired with the same
 *     charset ("ظ…" after "2015" in a damaged line is "م").
 *
 * Text that was damaged twice ("ÃƒÂ©") is repaired again while the result
 * still passes the same rules, at most three times in all.  The caller must
 * repair before removing invisible characters or normalizing: the damage
 * holds NBSP, SHY, ZWNJ and ZWJ characters that are part of the encoding.
 */
#ifndef SAFI_MOJIBAKE_H
#define SAFI_MOJIBAKE_H

#include <stddef.h>

#include "api.h"
#include "buf.h"

SAFI_BEGIN_DECLS

/* Charsets the repair considers (flags of safi_mojibake_new; 0 means all). */
#define SAFI_MOJIBAKE_LATIN 1u    /* windows-1252 and ISO-8859-1 */
#define SAFI_MOJIBAKE_ARABIC 2u   /* windows-1256 */
#define SAFI_MOJIBAKE_ALL (SAFI_MOJIBAKE_LATIN | SAFI_MOJIBAKE_ARABIC)

/* What the last call to safi_mojibake_repair() did. */
struct safi_mojibake_stats {
	unsigned charsets;   /* SAFI_MOJIBAKE_* bits of the charsets undone */
	const char *charset; /* name of the first charset undone, e.g. "windows-1256" */
	size_t runs;         /* runs repaired */
	size_t chars;        /* characters in the repaired text of those runs */
	unsigned depth;      /* 1, or 2..3 when some text was damaged twice or more */
};

struct safi_mojibake;

/* Creates a repairer for the charsets in |flags| (SAFI_MOJIBAKE_*, 0 for
 * all), loading their tables from ICU.  Returns 0, SAFI_EINVAL (unknown
 * flags), SAFI_ENOMEM or SAFI_EICU. */
int safi_mojibake_new(struct safi_mojibake **out, unsigned flags);

/* Repairs the damaged runs of the well-formed UTF-8 text s[0..n).  Returns
 * 1 when something was repaired (the whole span, repaired, is appended to
 * |out|), 0 when the span is left as it is (nothing appended), or a buffer
 * error (SAFI_ENOMEM, SAFI_ETOOBIG).  Clean text costs a scan of its bytes
 * and allocates nothing. */
int safi_mojibake_repair(struct safi_mojibake *m, const char *s, size_t n,
                         struct safi_buf *out);

/* Span edges for safi_mojibake_repair_piece(). */
#define SAFI_MOJIBAKE_CUT_START 1u  /* the span starts inside a line */
#define SAFI_MOJIBAKE_CUT_END 2u    /* the span ends inside a line */

/* The same for a piece of a long line: a run that touches an edge marked
 * in |cut| may be part of a longer run and is left alone. */
int safi_mojibake_repair_piece(struct safi_mojibake *m, const char *s, size_t n,
                               unsigned cut, struct safi_buf *out);

/* Describes the last safi_mojibake_repair() call (all zero after 0). */
void safi_mojibake_last(const struct safi_mojibake *m,
                        struct safi_mojibake_stats *st);

/* Frees the repairer; NULL is accepted. */
void safi_mojibake_free(struct safi_mojibake *m);

SAFI_END_DECLS

#endif
