/*
 * safi/normalize.h - Unicode normalization and the folds of normalize(1).
 *
 * A normalizer is built once from a struct safi_norm_opts (an output form
 * plus a set of folds) and then applied to spans of well-formed UTF-8: a
 * whole line, a single token, or a line handed out in pieces.  The result
 * is appended to a caller-owned buffer; in the steady state nothing is
 * allocated per span.
 *
 * What one pass does to a span, in this order (each fold only when its
 * bit is set; the exact tables are in normalize(1)):
 *
 *  1. the span is composed (NFC; NFKC for the K forms, NFKC_Casefold for
 *     SAFI_FORM_NFKC_CF; nothing for SAFI_FORM_NONE);
 *  2. code-point folds on the composed text: controls, invisibles,
 *     presentation forms, tatweel, harakat, alef, yeh, teh marbuta, hamza,
 *     Persian letters, digits, punctuation, spaces, case folding;
 *  3. SAFI_NORM_MARKS: canonical decomposition, then every nonspacing mark
 *     (General_Category Mn) is removed;
 *  4. the output form;
 *  5. SAFI_NORM_SPACES: runs of U+0020 collapse to one, and spaces at the
 *     start and end of the line are dropped.
 *
 * Steps 1-4 repeat on a span until nothing changes any more (a fold can
 * bring together two characters that compose), so the result is idempotent
 * for every combination of options: normalizing the output again gives the
 * same bytes.
 *
 * With SAFI_NORM_MOJIBAKE, each line is first repaired (mojibake.h), and
 * repair and normalization alternate until neither changes the line (a
 * dropped control or invisible character can bring damaged characters
 * together), so that this too is idempotent.  Lines are gathered whole for
 * it up to 1 MiB; a longer line is repaired piece by piece, a run that a
 * cut between pieces splits is left as it is, and such a line is repaired
 * in one round only.  The hot path works on UTF-8 directly and copies runs of
 * text that need no change; ICU's normalizers only see the few short spans
 * that do.
 *
 * A normalizer fills its per-code-point tables as it meets new scripts, so
 * it is not safe to share between threads: use one per thread.
 *
 * Every fold is usable on its own: build a normalizer with just that bit
 * set (and SAFI_FORM_NONE to keep the form out of it), or map one code
 * point with safi_norm_fold_cp().
 */
#ifndef SAFI_NORMALIZE_H
#define SAFI_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "buf.h"
#include "mojibake.h"

SAFI_BEGIN_DECLS

/* The output normalization form. */
enum safi_norm_form {
	SAFI_FORM_NFC,
	SAFI_FORM_NFD,
	SAFI_FORM_NFKC,
	SAFI_FORM_NFKD,
	SAFI_FORM_NFKC_CF,  /* NFKC_Casefold (also drops default ignorables) */
	SAFI_FORM_NONE      /* no normalization: folds apply to code points as they come */
};

/* Folds, one bit each (see normalize(1) for the exact tables). */
#define SAFI_NORM_CONTROLS      (1u << 0)   /* drop C0 controls but TAB, LF, FF (DEL is no C0) */
#define SAFI_NORM_SPACES        (1u << 1)   /* Unicode spaces -> U+0020, collapse, trim */
#define SAFI_NORM_INVISIBLE     (1u << 2)   /* drop ZWSP, WJ, SHY, BOM, bidi controls, ... (never ZWNJ/ZWJ) */
#define SAFI_NORM_PUNCT         (1u << 3)   /* quotes, dashes, ellipsis -> ASCII */
#define SAFI_NORM_CASE_FOLD     (1u << 4)   /* full case folding (CaseFolding.txt C+F) */
#define SAFI_NORM_TATWEEL       (1u << 5)   /* drop U+0640 */
#define SAFI_NORM_HARAKAT       (1u << 6)   /* drop Arabic vowel and Quranic marks */
#define SAFI_NORM_ALEF          (1u << 7)   /* alef variants -> U+0627 */
#define SAFI_NORM_YEH           (1u << 8)   /* alef maksura U+0649 -> yeh U+064A */
#define SAFI_NORM_TEH_MARBUTA   (1u << 9)   /* U+0629 -> heh U+0647 */
#define SAFI_NORM_HAMZA         (1u << 10)  /* hamza on waw/yeh -> the bare letter */
#define SAFI_NORM_PERSIAN       (1u << 11)  /* Persian/Urdu/... letters -> Arabic ones */
#define SAFI_NORM_DIGITS        (1u << 12)  /* every decimal digit (Nd) -> ASCII */
#define SAFI_NORM_PRESENTATION  (1u << 13)  /* Arabic presentation forms -> letters */
#define SAFI_NORM_MARKS         (1u << 14)  /* drop Mn after canonical decomposition */
#define SAFI_NORM_MOJIBAKE      (1u << 15)  /* repair mojibake (see mojibake.h), before the rest */

/* Every Arabic fold. */
#define SAFI_NORM_ARABIC (SAFI_NORM_TATWEEL | SAFI_NORM_HARAKAT | SAFI_NORM_ALEF | \
	SAFI_NORM_YEH | SAFI_NORM_TEH_MARBUTA | SAFI_NORM_HAMZA | SAFI_NORM_PERSIAN | \
	SAFI_NORM_DIGITS | SAFI_NORM_PRESENTATION)

/* The folds of the default (lossless) mode. */
#define SAFI_NORM_DEFAULT_FOLDS SAFI_NORM_CONTROLS

struct safi_norm_opts {
	enum safi_norm_form form;
	unsigned folds;  /* SAFI_NORM_* bits */
};

/* The default options: NFC, controls dropped. */
#define SAFI_NORM_OPTS_DEFAULT {SAFI_FORM_NFC, SAFI_NORM_DEFAULT_FOLDS}

/* Names shared by every program (normalize(1), count-terms(1)). */

/* Parses a form name: nfc, nfd, nfkc, nfkd, nfkc-casefold (or nfkc-cf),
 * none.  Returns 0 or SAFI_ENOTFOUND. */
int safi_norm_form_parse(const char *name, enum safi_norm_form *out);

/* Returns the name of a form ("nfc", ...). */
const char *safi_norm_form_name(enum safi_norm_form form);

/* Parses one fold name ("case-fold", "spaces", "invisible", "punct",
 * "tatweel", "harakat", "alef", "yeh", "teh-marbuta", "hamza", "persian",
 * "digits", "presentation", "marks", "controls", "mojibake", or "arabic"
 * for every Arabic fold) into its bits.  Returns 0 or SAFI_ENOTFOUND. */
int safi_norm_fold_parse(const char *name, unsigned *bits);

/* Parses a comma-separated list of fold names and ORs them into *bits.
 * Returns 0 or SAFI_ENOTFOUND (nothing is changed then). */
int safi_norm_folds_parse(const char *list, unsigned *bits);

/* Sets *opts to the named preset: "default", "search" or "train" (see
 * normalize(1)).  Returns 0 or SAFI_ENOTFOUND. */
int safi_norm_preset(struct safi_norm_opts *opts, const char *name);

/* The list of preset names, NULL-terminated. */
extern const char *const safi_norm_preset_names[];

/* The normalizer. */
struct safi_normalizer;

/* Creates a normalizer for |opts| (NULL: the defaults).  Returns 0,
 * SAFI_ENOMEM, SAFI_EINVAL (a bad form) or SAFI_EICU (ICU's data could not
 * be loaded). */
int safi_normalizer_new(struct safi_normalizer **out,
                        const struct safi_norm_opts *opts);

/* The options a normalizer was built with. */
const struct safi_norm_opts *safi_normalizer_opts(const struct safi_normalizer *nz);

/* Frees a normalizer; NULL is accepted. */
void safi_normalizer_free(struct safi_normalizer *nz);

/*
 * Appends to |out| the normalization of s[0..n), a complete span (a whole
 * line without its line end, or a token).  s should be well-formed UTF-8;
 * an ill-formed sequence is replaced with U+FFFD.  Returns 0, SAFI_ENOMEM,
 * SAFI_ETOOBIG (out's ceiling) or SAFI_EICU; after an error |out| may hold
 * part of the output and the normalizer is ready for a new line.  Same as
 * safi_normalize_piece(nz, s, n, 1, out).
 */
int safi_normalize(struct safi_normalizer *nz, const char *s, size_t n,
                   struct safi_buf *out);

/*
 * Streams a line handed out in pieces: call it for each piece with |last|
 * 0, and with |last| 1 for the final piece (which may be empty).  The
 * normalizer keeps the end of a piece that the next piece can still change
 * (a character and the marks after it, spaces at a piece end) and emits it
 * with the next one, so that the output is the same bytes as for the whole
 * line at once.  Memory stays bounded: a run of more than
 * SAFI_NORM_MAX_CARRY bytes that has no place to cut (a base and tens of
 * thousands of combining marks) is cut there anyway.
 */
int safi_normalize_piece(struct safi_normalizer *nz, const char *s, size_t n,
                         int last, struct safi_buf *out);

#define SAFI_NORM_MAX_CARRY 65536

/* Forgets a line in progress (after an error, or between inputs). */
void safi_normalizer_reset(struct safi_normalizer *nz);

/* What the normalizer dropped, for callers that must not lose text
 * silently: controls counts the C0 control characters (NUL and the others
 * but TAB, LF and FF) that SAFI_NORM_CONTROLS dropped, first_control is the
 * first of them. */
struct safi_norm_counts {
	uint64_t controls;
	unsigned first_control;
};

/* Stores in *c the counts since the normalizer was created or since the
 * last call, and starts them again from zero. */
void safi_normalizer_take_counts(struct safi_normalizer *nz, struct safi_norm_counts *c);

/* With SAFI_NORM_MOJIBAKE: what the repair did to the last line that was
 * completed (all zero when nothing was repaired). */
void safi_normalizer_last_repair(const struct safi_normalizer *nz,
                                 struct safi_mojibake_stats *st);

/*
 * Applies the code-point folds in |folds| (step 2 above, without any
 * normalization form) to the single code point |cp| and stores the result
 * in out[0..) (at most SAFI_NORM_FOLD_MAX code points).  Returns the
 * number stored (0: the code point is dropped), or SAFI_EINVAL when cp is
 * not a scalar value.
 */
#define SAFI_NORM_FOLD_MAX 32
int safi_norm_fold_cp(unsigned folds, uint32_t cp, uint32_t *out);

SAFI_END_DECLS

#endif
