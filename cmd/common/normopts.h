/*
 * normopts.h - the normalization options shared by normalize(1) and
 * count-terms(1), so that both programs spell them the same way.
 *
 * A program puts NORMOPTS_LONGOPTS in its getopt_long table and
 * NORMOPTS_HELP in its --help text, passes every getopt value to
 * normopts_option() before its own switch, and builds a normalizer from
 * the struct safi_norm_opts it filled.  The getopt values of these options
 * start at NORMOPT_FIRST (0x200), above CLI_OPT_FIRST_PROGRAM_OPTION, so a
 * program's own values may go from CLI_OPT_FIRST_PROGRAM_OPTION up to 0x1ff.
 *
 * Options apply in order: --preset replaces the form and the folds, every
 * other option changes just its part, so "--preset=search --no-fold=marks"
 * is the search preset without mark stripping.
 */
#ifndef SAFI_NORMOPTS_H
#define SAFI_NORMOPTS_H

#include <getopt.h>

#include "safi.h"

enum {
	NORMOPT_FIRST = 0x200,
	NORMOPT_PRESET = NORMOPT_FIRST,
	NORMOPT_FORM,
	NORMOPT_FOLD,
	NORMOPT_NO_FOLD,
	NORMOPT_CASE_FOLD,
	NORMOPT_SPACES,
	NORMOPT_INVISIBLE,
	NORMOPT_PUNCT,
	NORMOPT_TATWEEL,
	NORMOPT_HARAKAT,
	NORMOPT_ALEF,
	NORMOPT_YEH,
	NORMOPT_TEH_MARBUTA,
	NORMOPT_HAMZA,
	NORMOPT_PERSIAN,
	NORMOPT_DIGITS,
	NORMOPT_PRESENTATION,
	NORMOPT_MARKS,
	NORMOPT_ARABIC,
	NORMOPT_LAST
};

#define NORMOPTS_LONGOPTS \
	{"preset", required_argument, NULL, NORMOPT_PRESET}, \
	{"form", required_argument, NULL, NORMOPT_FORM}, \
	{"fold", required_argument, NULL, NORMOPT_FOLD}, \
	{"no-fold", required_argument, NULL, NORMOPT_NO_FOLD}, \
	{"case-fold", no_argument, NULL, NORMOPT_CASE_FOLD}, \
	{"spaces", no_argument, NULL, NORMOPT_SPACES}, \
	{"strip-invisible", no_argument, NULL, NORMOPT_INVISIBLE}, \
	{"punct", no_argument, NULL, NORMOPT_PUNCT}, \
	{"strip-tatweel", no_argument, NULL, NORMOPT_TATWEEL}, \
	{"strip-harakat", no_argument, NULL, NORMOPT_HARAKAT}, \
	{"fold-alef", no_argument, NULL, NORMOPT_ALEF}, \
	{"fold-yeh", no_argument, NULL, NORMOPT_YEH}, \
	{"fold-teh-marbuta", no_argument, NULL, NORMOPT_TEH_MARBUTA}, \
	{"fold-hamza", no_argument, NULL, NORMOPT_HAMZA}, \
	{"fold-persian", no_argument, NULL, NORMOPT_PERSIAN}, \
	{"digits", no_argument, NULL, NORMOPT_DIGITS}, \
	{"presentation-forms", no_argument, NULL, NORMOPT_PRESENTATION}, \
	{"strip-marks", no_argument, NULL, NORMOPT_MARKS}, \
	{"arabic", no_argument, NULL, NORMOPT_ARABIC}

#define NORMOPTS_HELP \
	"Normalization (options apply in order; see normalize(1) for the tables):\n" \
	"      --preset=NAME        default, search or train\n" \
	"      --form=FORM          nfc (default), nfd, nfkc, nfkd, nfkc-casefold, none\n" \
	"      --case-fold          full Unicode case folding\n" \
	"      --spaces             Unicode spaces and TAB -> space, runs collapsed, ends trimmed\n" \
	"      --strip-invisible    drop ZWSP, WJ, SHY, BOMs, bidi controls (never ZWNJ, ZWJ)\n" \
	"      --punct              curly quotes, dashes, ellipsis -> ASCII\n" \
	"      --strip-tatweel      drop tatweel (U+0640)\n" \
	"      --strip-harakat      drop Arabic vowel marks and Quranic marks\n" \
	"      --fold-alef          alef with hamza, madda, wasla -> bare alef\n" \
	"      --fold-yeh           alef maksura -> yeh\n" \
	"      --fold-teh-marbuta   teh marbuta -> heh\n" \
	"      --fold-hamza         hamza on waw and on yeh -> waw, yeh\n" \
	"      --fold-persian       Persian, Urdu, Kurdish letters -> Arabic letters\n" \
	"      --digits             every decimal digit -> ASCII 0-9\n" \
	"      --presentation-forms Arabic presentation forms -> letters\n" \
	"      --strip-marks        drop nonspacing marks (accents) of any script\n" \
	"      --arabic             every Arabic fold (tatweel ... presentation forms)\n" \
	"      --fold=LIST          turn on folds by name (comma-separated)\n" \
	"      --no-fold=LIST       turn off folds by name\n"

/* Handles one of the options above; returns 1 if |c| was one (and updates
 * *opts), 0 if not.  A bad preset, form or fold name is a usage error
 * (exit 2). */
int normopts_option(int c, const char *arg, struct safi_norm_opts *opts);

#endif
