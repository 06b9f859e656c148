/*
 * safi/mojibake.h - repair of text that was decoded with the wrong charset.
 *
 * Mojibake is what a page shows when its bytes were decoded with the wrong
 * charset and the characters seen were stored again as UTF-8.  Two kinds
 * are repaired:
 *
 *  - UTF-8 read as a single-byte charset: "café" becomes "cafÃ©"
 *    (windows-1252), "дороге" becomes "РґРѕСЂРѕРіРµ" (windows-1251),
 *    "العربية" becomes "ط§ظ„ط¹ط±ط¨ظٹط©" (windows-1256).  The charsets are
 *    windows-1252 (with the C1 controls of ISO-8859-1), windows-1250,
 *    ISO-8859-2, windows-1251, windows-1253, windows-1254, windows-1256,
 *    windows-1257, MacRoman, IBM437 and KOI8-R, with their undefined bytes
 *    kept as C1 controls; CESU-8 (a supplementary character as two
 *    surrogates) and modified UTF-8 (C0 80 for NUL) are decoded too.
 *  - windows-1256 read as windows-1252 or ISO-8859-1: "ÇáÚÑÈíÉ" is
 *    "العربية", the damage of old Arabic forums and mail archives.
 *
 * ICU's converters give the tables; the detection is rules over the
 * characters that the damage produces, and is conservative: text that is
 * not damaged is never changed.
 *
 * A stretch is a sequence of characters whose bytes in one charset are
 * well-formed UTF-8, of one or more characters.  Each stretch is judged
 * on its own, so a line may be part clean and part damaged, and damaged
 * with several charsets.  A stretch that gives two or more characters, or
 * one character of three or four bytes, is strong evidence and is repaired
 * when the characters it gives are text (letters of one script,
 * punctuation, symbols, emoji; no unassigned, private-use, IPA or modifier
 * letters).  A stretch of two characters that gives one is weak evidence:
 * it is repaired only when it looks damaged (a letter followed by a
 * symbol inside a word, "Ã©", or a symbol followed by anything, "√©"; Ã
 * and Â, which real text hardly ever holds, may be followed by any
 * punctuation), when the letter it gives keeps the case of its word, and
 * when the line holds another damaged stretch or no other non-ASCII text
 * (a line with a clean "–" and a lone "Ã¥" is left as it is).
 *
 * A space may stand for the byte A0 that was lost (a no-break space that
 * became a space: "Ã " for "à "), a '?' or U+FFFD for a byte that was
 * replaced ("â€?" becomes U+FFFD), when other damage in the line shows the
 * charset.  C1 control characters left over are windows-1252 read as
 * ISO-8859-1 and become the windows-1252 characters (0x85 is "…").
 *
 * Text that was damaged twice or more ("ÃƒÂ©") is repaired again until
 * nothing changes: a repair is idempotent.  The caller must repair before
 * removing invisible characters or normalizing: the damage holds NBSP,
 * SHY, ZWNJ and ZWJ characters that are part of the encoding.
 */
#ifndef SAFI_MOJIBAKE_H
#define SAFI_MOJIBAKE_H

#include <stddef.h>

#include "api.h"
#include "buf.h"

SAFI_BEGIN_DECLS

/* What the repair considers (flags of safi_mojibake_new; 0 means all). */
#define SAFI_MOJIBAKE_LATIN 1u    /* UTF-8 read as a charset of Latin, Greek or Cyrillic */
#define SAFI_MOJIBAKE_ARABIC 2u   /* UTF-8 read as windows-1256; windows-1256 read as windows-1252 */
#define SAFI_MOJIBAKE_ALL (SAFI_MOJIBAKE_LATIN | SAFI_MOJIBAKE_ARABIC)

/* What the last call to safi_mojibake_repair() did. */
struct safi_mojibake_stats {
	const char *what;    /* the first repair, e.g. "UTF-8 read as windows-1251" */
	int others;          /* repairs of other kinds were made too */
	size_t runs;         /* stretches repaired */
	size_t chars;        /* characters in the repaired text of those stretches */
	unsigned depth;      /* rounds that changed something: 2 when text was damaged twice */
};

struct safi_mojibake;

/* Creates a repairer for the damage in |flags| (SAFI_MOJIBAKE_*, 0 for
 * all), loading the tables from ICU.  Returns 0, SAFI_EINVAL (unknown
 * flags), SAFI_ENOMEM or SAFI_EICU. */
int safi_mojibake_new(struct safi_mojibake **out, unsigned flags);

/* Repairs the well-formed UTF-8 text s[0..n), a whole line, until nothing
 * more changes.  Returns 1 when something was repaired (the whole span,
 * repaired, is appended to |out|), 0 when the span is left as it is
 * (nothing appended), or a buffer error (SAFI_ENOMEM, SAFI_ETOOBIG).
 * Clean text costs a scan of its bytes and allocates nothing. */
int safi_mojibake_repair(struct safi_mojibake *m, const char *s, size_t n,
                         struct safi_buf *out);

/* Span edges for safi_mojibake_repair_piece(). */
#define SAFI_MOJIBAKE_CUT_START 1u  /* the span starts inside a line */
#define SAFI_MOJIBAKE_CUT_END 2u    /* the span ends inside a line */
#define SAFI_MOJIBAKE_SHOWN 4u      /* an earlier repair showed the line damaged */

/* The same for a piece of a long line: a stretch that touches an edge
 * marked in |cut| may be part of a longer one and is left alone.  With
 * SAFI_MOJIBAKE_SHOWN in |cut|, the caller repaired the same line before,
 * and weak evidence needs no more. */
int safi_mojibake_repair_piece(struct safi_mojibake *m, const char *s, size_t n,
                               unsigned cut, struct safi_buf *out);

/* Describes the last safi_mojibake_repair() call (all zero after 0). */
void safi_mojibake_last(const struct safi_mojibake *m,
                        struct safi_mojibake_stats *st);

/* Frees the repairer; NULL is accepted. */
void safi_mojibake_free(struct safi_mojibake *m);

SAFI_END_DECLS

#endif
