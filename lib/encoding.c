#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include "safi/encoding.h"
#include "safi/error.h"
#include "safi/utf8.h"

#define PIVOT_SIZE 1024

struct safi_decoder {
	safi_read_fn fn;
	void *ctx;
	enum safi_invalid invalid;
	char *name;              /* the charset asked for; NULL: detect */
	UConverter *src;         /* legacy charset -> UTF-16 */
	UConverter *utf8;        /* UTF-16 -> UTF-8 */
	UChar pivot[PIVOT_SIZE];
	UChar *pivot_source, *pivot_target;
	char *in;                /* input bytes; unconverted ones are in[pos, len) */
	size_t pos, len, cap;
	uint64_t base;           /* input offset of in[0] */
	const char *chunk;       /* where the current conversion started ... */
	uint64_t chunk_offset;   /* ... and its input offset, for the callback */
	int started, passthrough, eof, done;
	int err;                 /* sticky SAFI_E* after a failure */
	int stopped_at_invalid;  /* the callback refused a byte (SAFI_INVALID_FAIL) */
	struct safi_decoder_stats st;
};

int
safi_encoding_lookup(const char *name, const char **canonical)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv;
	const char *alias;

	/* ICU opens its default converter for an empty name: not a charset. */
	if (name == NULL || name[0] == '\0')
		return SAFI_ENOTFOUND;
	cnv = ucnv_open(name, &err);
	if (U_FAILURE(err) || cnv == NULL)
		return SAFI_ENOTFOUND;
	ucnv_close(cnv);
	if (canonical) {
		err = U_ZERO_ERROR;
		alias = ucnv_getAlias(name, 0, &err);
		*canonical = U_SUCCESS(err) && alias ? alias : NULL;
	}
	return 0;
}

static int
is_utf8(const char *s, size_t n, int complete)
{
	size_t ok = safi_utf8_valid_prefix(s, n);

	if (ok == n)
		return 1;
	return !complete && ok + safi_utf8_incomplete_tail(s, n) == n &&
	       safi_utf8_valid_prefix(s, ok) == ok;
}

static int
by_bom(const unsigned char *u, size_t n, struct safi_detection *d)
{
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		d->charset = "UTF-8";
	else if (n >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
	                    (u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)))
		d->charset = "UTF-32";
	else if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		d->charset = "UTF-16";
	else
		return 0;
	return 1;
}

int
safi_encoding_detect(const char *s, size_t n, int complete,
                     struct safi_detection *d)
{
	UErrorCode err = U_ZERO_ERROR;
	UCharsetDetector *det;
	const UCharsetMatch **matches;
	int32_t nmatches, i;

	d->charset = "UTF-8";
	d->confidence = 100;
	d->sure = 1;
	d->language = "";
	if (by_bom((const unsigned char *)s, n, d) || is_utf8(s, n, complete))
		return 0;

	d->charset = "windows-1252";
	d->confidence = 0;
	d->sure = 0;
	det = ucsdet_open(&err);
	if (U_FAILURE(err))
		return SAFI_EICU;
	/* ucsdet takes an int32_t length; the sample is far smaller. */
	ucsdet_setText(det, s, (int32_t)(n > SAFI_DETECT_SAMPLE ? SAFI_DETECT_SAMPLE : n),
	               &err);
	matches = ucsdet_detectAll(det, &nmatches, &err);
	if (U_FAILURE(err)) {
		ucsdet_close(det);
		/* No match at all is not an error: the fallback stands. */
		return err == U_INVALID_CHAR_FOUND ? 0 : SAFI_EICU;
	}
	for (i = 0; i < nmatches; i++) {
		const char *name = ucsdet_getName(matches[i], &err);
		int conf = ucsdet_getConfidence(matches[i], &err);
		const char *lang = ucsdet_getLanguage(matches[i], &err);

		if (U_FAILURE(err))
			break;
		/* The sample is not UTF-8, whatever the detector says; and a
		 * name ICU's converters do not know (IBM420_rtl) is no use. */
		if (strcmp(name, "UTF-8") == 0 || safi_encoding_lookup(name, NULL) < 0)
			continue;
		d->charset = name;  /* static in ICU's recognizers */
		d->confidence = conf;
		d->sure = conf >= SAFI_DETECT_SURE_CONFIDENCE;
		d->language = lang ? lang : "";
		break;
	}
	ucsdet_close(det);
	return 0;
}

/* The to-Unicode callback: counts each ill-formed or unmapped sequence,
 * then replaces, skips or refuses it. */
static void U_CALLCONV
on_invalid(const void *context, UConverterToUnicodeArgs *args,
           const char *units, int32_t length, UConverterCallbackReason reason,
           UErrorCode *err)
{
	struct safi_decoder *d = (struct safi_decoder *)context;
	static const UChar fffd = 0xFFFD;

	(void)units;
	if (reason > UCNV_IRREGULAR)
		return;  /* reset, close, clone: nothing to do */
	if (d->st.invalid++ == 0) {
		int64_t off = (int64_t)d->chunk_offset + (args->source - d->chunk) - length;

		d->st.invalid_offset = off > 0 ? (uint64_t)off : 0;
	}
	if (d->invalid == SAFI_INVALID_FAIL) {
		d->stopped_at_invalid = 1;
		return;  /* *err stays a failure: the conversion stops */
	}
	*err = U_ZERO_ERROR;
	if (d->invalid == SAFI_INVALID_REPLACE)
		ucnv_cbToUWriteUChars(args, &fffd, 1, 0, err);
}

static int
open_converters(struct safi_decoder *d, const char *name)
{
	UErrorCode err = U_ZERO_ERROR;

	d->st.charset = name;
	if (ucnv_compareNames(name, "UTF-8") == 0) {
		/* The reader checks UTF-8 itself: pass the bytes through. */
		d->passthrough = 1;
		return 0;
	}
	d->src = ucnv_open(name, &err);
	if (U_FAILURE(err))
		return err == U_FILE_ACCESS_ERROR ? SAFI_ENOTFOUND : SAFI_EICU;
	ucnv_setToUCallBack(d->src, on_invalid, d, NULL, NULL, &err);
	d->utf8 = ucnv_open("UTF-8", &err);
	if (U_FAILURE(err))
		return SAFI_EICU;
	d->pivot_source = d->pivot_target = d->pivot;
	return 0;
}

int
safi_decoder_new(struct safi_decoder **out, const char *charset,
                 enum safi_invalid invalid, safi_read_fn fn, void *ctx)
{
	struct safi_decoder *d;
	int rc;

	*out = NULL;
	if (charset && safi_encoding_lookup(charset, NULL) < 0)
		return SAFI_ENOTFOUND;
	if ((d = calloc(1, sizeof *d)) == NULL)
		return SAFI_ENOMEM;
	d->fn = fn;
	d->ctx = ctx;
	d->invalid = invalid;
	d->cap = SAFI_DETECT_SAMPLE;
	if ((d->in = malloc(d->cap)) == NULL ||
	    (charset && (d->name = strdup(charset)) == NULL)) {
		safi_decoder_free(d);
		return SAFI_ENOMEM;
	}
	if (d->name && (rc = open_converters(d, d->name)) < 0) {
		safi_decoder_free(d);
		return rc;
	}
	d->started = d->name != NULL;
	*out = d;
	return 0;
}

void
safi_decoder_free(struct safi_decoder *d)
{
	if (d == NULL)
		return;
	if (d->src)
		ucnv_close(d->src);
	if (d->utf8)
		ucnv_close(d->utf8);
	free(d->in);
	free(d->name);
	free(d);
}

void
safi_decoder_stats(const struct safi_decoder *d, struct safi_decoder_stats *st)
{
	*st = d->st;
}

int
safi_decoder_error(const struct safi_decoder *d)
{
	return d->err;
}

static long
fail(struct safi_decoder *d, int err)
{
	d->err = err;
	errno = err == SAFI_EILSEQ ? EILSEQ : err == SAFI_ENOMEM ? ENOMEM : EIO;
	return -1;
}

/* Reads the next block into in[] (which must be used up).  Returns 0 or -1
 * with d->err set. */
static int
refill(struct safi_decoder *d)
{
	long k;

	d->base += d->len;
	d->pos = d->len = 0;
	k = d->fn(d->ctx, d->in, d->cap);
	if (k < 0) {
		d->err = SAFI_EIO;  /* errno is the callback's */
		return -1;
	}
	if (k == 0)
		d->eof = 1;
	d->len = (size_t)k;
	return 0;
}

/* Buffers the sample, detects the charset and opens its converter. */
static int
start_detected(struct safi_decoder *d)
{
	int rc;

	while (d->len < d->cap && !d->eof) {
		long k = d->fn(d->ctx, d->in + d->len, d->cap - d->len);

		if (k < 0) {
			d->err = SAFI_EIO;
			return -1;
		}
		if (k == 0)
			d->eof = 1;
		d->len += (size_t)k;
	}
	if ((rc = safi_encoding_detect(d->in, d->len, d->eof, &d->st.detection)) < 0 ||
	    (rc = open_converters(d, d->st.detection.charset)) < 0) {
		d->err = rc;
		return -1;
	}
	d->st.detected = 1;
	d->started = 1;
	return 0;
}

long
safi_decoder_read(void *decoder, void *buf, size_t cap)
{
	struct safi_decoder *d = decoder;
	char *t = buf, *tlimit = t + cap;

	if (d->err == SAFI_EILSEQ && d->utf8 && d->pivot_source < d->pivot_target) {
		/* Stopped at an invalid byte: what was decoded before it
		 * still waits in the pivot; hand it out first. */
		UErrorCode err = U_ZERO_ERROR;

		ucnv_fromUnicode(d->utf8, &t, tlimit, (const UChar **)&d->pivot_source,
		                 d->pivot_target, NULL, 0, &err);
		if (t > (char *)buf)
			return (long)(t - (char *)buf);
	}
	if (d->err)
		return fail(d, d->err);
	if (!d->started && start_detected(d) < 0)
		return d->err == SAFI_EIO ? -1 : fail(d, d->err);
	if (d->passthrough) {
		long k;

		if (d->pos < d->len) {
			size_t n = d->len - d->pos < cap ? d->len - d->pos : cap;

			memcpy(buf, d->in + d->pos, n);
			d->pos += n;
			d->st.bytes_in += n;
			return (long)n;
		}
		if (d->eof)
			return 0;
		if ((k = d->fn(d->ctx, buf, cap)) < 0) {
			d->err = SAFI_EIO;
			return -1;
		}
		d->eof = k == 0;
		d->st.bytes_in += (uint64_t)k;
		return k;
	}
	while (!d->done) {
		UErrorCode err = U_ZERO_ERROR;
		const char *s;

		if (d->pos == d->len && !d->eof && refill(d) < 0)
			return -1;
		s = d->in + d->pos;
		d->chunk = s;
		d->chunk_offset = d->base + d->pos;
		ucnv_convertEx(d->utf8, d->src, &t, tlimit, &s, d->in + d->len,
		               d->pivot, &d->pivot_source, &d->pivot_target,
		               d->pivot + PIVOT_SIZE, 0, (UBool)d->eof, &err);
		d->st.bytes_in += (uint64_t)(s - (d->in + d->pos));
		d->pos = (size_t)(s - d->in);
		if (d->stopped_at_invalid) {
			/* Hand out what came before the byte; fail after. */
			d->err = SAFI_EILSEQ;
			if (t > (char *)buf)
				break;
			return safi_decoder_read(d, buf, cap);
		}
		if (err == U_BUFFER_OVERFLOW_ERROR)
			break;  /* buf is full; the converters keep the rest */
		if (U_FAILURE(err))
			return fail(d, SAFI_EICU);
		if (d->eof)
			d->done = 1;
		else if (t > (char *)buf)
			break;
	}
	return (long)(t - (char *)buf);
}
