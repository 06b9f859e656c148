#include "cli.h"
#include "normopts.h"

/* The fold bit of each switch, in the order of the enum. */
static const unsigned switch_bits[] = {
	[NORMOPT_CASE_FOLD - NORMOPT_FIRST] = SAFI_NORM_CASE_FOLD,
	[NORMOPT_SPACES - NORMOPT_FIRST] = SAFI_NORM_SPACES,
	[NORMOPT_INVISIBLE - NORMOPT_FIRST] = SAFI_NORM_INVISIBLE,
	[NORMOPT_PUNCT - NORMOPT_FIRST] = SAFI_NORM_PUNCT,
	[NORMOPT_TATWEEL - NORMOPT_FIRST] = SAFI_NORM_TATWEEL,
	[NORMOPT_HARAKAT - NORMOPT_FIRST] = SAFI_NORM_HARAKAT,
	[NORMOPT_ALEF - NORMOPT_FIRST] = SAFI_NORM_ALEF,
	[NORMOPT_YEH - NORMOPT_FIRST] = SAFI_NORM_YEH,
	[NORMOPT_TEH_MARBUTA - NORMOPT_FIRST] = SAFI_NORM_TEH_MARBUTA,
	[NORMOPT_HAMZA - NORMOPT_FIRST] = SAFI_NORM_HAMZA,
	[NORMOPT_PERSIAN - NORMOPT_FIRST] = SAFI_NORM_PERSIAN,
	[NORMOPT_DIGITS - NORMOPT_FIRST] = SAFI_NORM_DIGITS,
	[NORMOPT_PRESENTATION - NORMOPT_FIRST] = SAFI_NORM_PRESENTATION,
	[NORMOPT_MARKS - NORMOPT_FIRST] = SAFI_NORM_MARKS,
	[NORMOPT_ARABIC - NORMOPT_FIRST] = SAFI_NORM_ARABIC,
};

int
normopts_option(int c, const char *arg, struct safi_norm_opts *opts)
{
	unsigned bits = 0;

	if (c < NORMOPT_FIRST || c >= NORMOPT_LAST)
		return 0;
	switch (c) {
	case NORMOPT_PRESET:
		if (safi_norm_preset(opts, arg) < 0)
			cli_usage("--preset: unknown preset '%s' (default, search, train)", arg);
		return 1;
	case NORMOPT_FORM:
		if (safi_norm_form_parse(arg, &opts->form) < 0)
			cli_usage("--form: unknown form '%s' (nfc, nfd, nfkc, nfkd, nfkc-casefold, none)", arg);
		return 1;
	case NORMOPT_FOLD:
	case NORMOPT_NO_FOLD:
		if (safi_norm_folds_parse(arg, &bits) < 0)
			cli_usage("--%s: unknown fold in '%s'",
			          c == NORMOPT_FOLD ? "fold" : "no-fold", arg);
		if (c == NORMOPT_FOLD)
			opts->folds |= bits;
		else
			opts->folds &= ~bits;
		return 1;
	}
	opts->folds |= switch_bits[c - NORMOPT_FIRST];
	return 1;
}
