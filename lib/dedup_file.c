/*
 * dedup_file.c - the text formats of the deduplicator: signature files
 * (the map step's fingerprints), verdicts files (the merge step's
 * decisions) and the state (the index between runs).  See dedup(1).
 *
 * Every file is lines of text so that it can be read, split and checked by
 * hand; numbers are decimal, hashes and sketches lowercase hexadecimal;
 * labels come last on their line and hold no control character.  The last
 * line holds a checksum chained over every line before it (without line
 * ends), so that a file cut short or altered is refused, not half used.
 */
#include <stdlib.h>
#include <string.h>

#include "dedup_impl.h"
#include "fingerprint.h"
#include "safi/error.h"
#include "safi/minhash.h"

#define SIGS_MAGIC "safi-dedup-signatures 1"
#define VERDICTS_MAGIC "safi-dedup-verdicts 1"
#define STATE_MAGIC "safi-dedup-state 1"
#define SUM_SEED 0x5afe0006d0c5eedull

static const char hexdigits[] = "0123456789abcdef";

static uint64_t
sum_line(uint64_t sum, const char *s, size_t n)
{
	return safi_hash_pair(sum, safi_hash64(SUM_SEED, s, n));
}

/* ---- writing ------------------------------------------------------------- */

static int
put_hex(struct safi_buf *b, uint64_t v, int digits)
{
	char tmp[16];
	int i, err;

	for (i = digits - 1; i >= 0; i--, v >>= 4)
		tmp[i] = hexdigits[v & 15];
	if ((err = safi_buf_append(b, tmp, (size_t)digits)) < 0)
		return err;
	return 0;
}

static int
put_dec(struct safi_buf *b, uint64_t v)
{
	char tmp[24];
	int i = (int)sizeof tmp;

	do
		tmp[--i] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return safi_buf_append(b, tmp + i, sizeof tmp - (size_t)i);
}

static int
put_str(struct safi_buf *b, const char *s)
{
	return safi_buf_append(b, s, strlen(s));
}

static int
put_exact(struct safi_buf *b, const uint64_t *h)
{
	int err = put_hex(b, h[0], 16);

	return err < 0 ? err : put_hex(b, h[1], 16);
}

static int
put_sketch(struct safi_buf *b, const uint16_t *sketch, unsigned k, int has)
{
	unsigned i;
	int err;

	if (!has)
		return safi_buf_putc(b, '-');
	if ((err = safi_buf_reserve(b, 4 * (size_t)k)) < 0)
		return err;
	for (i = 0; i < k; i++)
		put_hex(b, sketch[i], 4);  /* room reserved */
	return 0;
}

/* Ends the line started at |from| and chains it into the checksum. */
static int
end_line(struct safi_buf *b, size_t from, struct safi_dedup_sum *st)
{
	if (st)
		st->sum = sum_line(st->sum, b->ptr + from, b->len - from);
	return safi_buf_putc(b, '\n');
}

/* Appends a whole line of text. */
static int
put_line(struct safi_buf *b, const char *s, struct safi_dedup_sum *st)
{
	size_t from = b->len;
	int err = put_str(b, s);

	return err < 0 ? err : end_line(b, from, st);
}

int
safi_dedup_params_write(const struct safi_dedup *d, struct safi_buf *out)
{
	const struct safi_dedup_opts *o = &d->o;
	int err;

	if ((err = put_str(out, "fingerprint shingle=")) < 0 ||
	    (err = put_dec(out, o->shingle)) < 0 ||
	    (err = put_str(out, " hashes=")) < 0 ||
	    (err = put_dec(out, o->exact_only ? 0 : o->hashes)) < 0 ||
	    (err = put_str(out, " paragraphs=")) < 0 ||
	    (err = put_dec(out, o->paragraph_words)) < 0 ||
	    (err = put_str(out, " form=")) < 0 ||
	    (err = put_str(out, safi_norm_form_name(o->norm.form))) < 0 ||
	    (err = put_str(out, " folds=")) < 0 ||
	    (err = put_hex(out, o->norm.folds, 8)) < 0)
		return err;
	return 0;
}

static int
put_params_line(const struct safi_dedup *d, struct safi_buf *out,
                struct safi_dedup_sum *st)
{
	size_t from = out->len;
	int err = safi_dedup_params_write(d, out);

	return err < 0 ? err : end_line(out, from, st);
}

int
safi_dedup_sigs_write_header(const struct safi_dedup *d, uint64_t shard,
                             struct safi_dedup_sum *st, struct safi_buf *out)
{
	size_t from;
	int err;

	st->sum = SUM_SEED;
	st->count = 0;
	if ((err = put_line(out, SIGS_MAGIC, st)) < 0 ||
	    (err = put_params_line(d, out, st)) < 0)
		return err;
	from = out->len;
	if ((err = put_str(out, "shard ")) < 0 || (err = put_dec(out, shard)) < 0)
		return err;
	return end_line(out, from, st);
}

int
safi_dedup_sigs_write_record(const struct safi_dedup *d, struct safi_dedup_sum *st,
                             struct safi_buf *out)
{
	size_t from = out->len, i;
	int err;

	if ((err = put_exact(out, d->exact)) < 0 || (err = safi_buf_putc(out, ' ')) < 0 ||
	    (err = put_sketch(out, d->sketch, d->o.hashes, d->has_sketch)) < 0 ||
	    (err = safi_buf_putc(out, ' ')) < 0)
		return err;
	if (d->nparas == 0 && (err = safi_buf_putc(out, '-')) < 0)
		return err;
	for (i = 0; i < d->nparas; i++)
		if ((i > 0 && (err = safi_buf_putc(out, ',')) < 0) ||
		    (err = put_dec(out, d->paras[i].line)) < 0 ||
		    (err = safi_buf_putc(out, ':')) < 0 ||
		    (err = put_hex(out, d->paras[i].hash, 16)) < 0)
			return err;
	if ((err = safi_buf_putc(out, ' ')) < 0 ||
	    (err = safi_buf_append(out, d->label.ptr, d->label.len)) < 0)
		return err;
	st->count++;
	return end_line(out, from, st);
}

static int
put_end(const char *word, int count, struct safi_dedup_sum *st, struct safi_buf *out)
{
	int err;

	if ((err = put_str(out, word)) < 0 ||
	    (count && ((err = put_dec(out, st->count)) < 0 ||
	               (err = safi_buf_putc(out, ' ')) < 0)) ||
	    (err = put_hex(out, st->sum, 16)) < 0)
		return err;
	return safi_buf_putc(out, '\n');
}

int
safi_dedup_sigs_write_end(struct safi_dedup_sum *st, struct safi_buf *out)
{
	return put_end("end ", 1, st, out);
}

int
safi_dedup_verdicts_write_header(struct safi_dedup_sum *st, struct safi_buf *out)
{
	st->sum = SUM_SEED;
	st->count = 0;
	return put_line(out, VERDICTS_MAGIC, st);
}

int
safi_dedup_verdicts_write_shard(uint64_t shard, struct safi_dedup_sum *st,
                                struct safi_buf *out)
{
	size_t from = out->len;
	int err;

	if ((err = put_str(out, "shard ")) < 0 || (err = put_dec(out, shard)) < 0)
		return err;
	return end_line(out, from, st);
}

int
safi_dedup_verdicts_write_doc(uint64_t ordinal, const struct safi_dedup_verdict *v,
                              struct safi_dedup_sum *st, struct safi_buf *out)
{
	size_t from = out->len, i;
	int err;

	if (v->reason != SAFI_DEDUP_NEW) {
		if ((err = put_str(out, v->reason == SAFI_DEDUP_EXACT ? "exact " : "near ")) < 0 ||
		    (err = put_dec(out, ordinal)) < 0 || (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = put_dec(out, v->agree)) < 0 || (err = safi_buf_putc(out, '/')) < 0 ||
		    (err = put_dec(out, v->hashes)) < 0 || (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = safi_buf_append(out, v->earlier, v->earlier_len)) < 0 ||
		    (err = end_line(out, from, st)) < 0)
			return err;
	}
	for (i = 0; i < v->ndrops; i++) {
		from = out->len;
		if ((err = put_str(out, "paragraph ")) < 0 ||
		    (err = put_dec(out, ordinal)) < 0 || (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = put_dec(out, v->drops[i].line)) < 0 ||
		    (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = safi_buf_append(out, v->drops[i].earlier, v->drops[i].earlier_len)) < 0 ||
		    (err = end_line(out, from, st)) < 0)
			return err;
	}
	return 0;
}

int
safi_dedup_verdicts_write_shard_end(uint64_t docs, uint64_t kept, uint64_t inverted,
                                    struct safi_dedup_sum *st, struct safi_buf *out)
{
	size_t from = out->len;
	int err;

	if ((err = put_str(out, "shard-end ")) < 0 || (err = put_dec(out, docs)) < 0 ||
	    (err = safi_buf_putc(out, ' ')) < 0 || (err = put_dec(out, kept)) < 0 ||
	    (err = safi_buf_putc(out, ' ')) < 0 || (err = put_dec(out, inverted)) < 0)
		return err;
	return end_line(out, from, st);
}

int
safi_dedup_verdicts_write_end(struct safi_dedup_sum *st, struct safi_buf *out)
{
	return put_end("end ", 0, st, out);
}

/* ---- parsing ------------------------------------------------------------- */

/* A cursor over one line. */
struct cur {
	const char *p, *end;
};

static int
get_word(struct cur *c, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0)
		return -1;
	c->p += n;
	return 0;
}

static int
get_dec(struct cur *c, uint64_t *out)
{
	uint64_t v = 0;
	const char *start = c->p;

	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		unsigned dgt = (unsigned)(*c->p - '0');

		if (v > (UINT64_MAX - dgt) / 10)
			return -1;
		v = v * 10 + dgt;
		c->p++;
	}
	if (c->p == start || (c->p - start > 1 && *start == '0'))
		return -1;
	*out = v;
	return 0;
}

static int
hex_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/* Exactly |digits| hex digits. */
static int
get_hex(struct cur *c, int digits, uint64_t *out)
{
	uint64_t v = 0;
	int i;

	if (c->end - c->p < digits)
		return -1;
	for (i = 0; i < digits; i++) {
		int h = hex_value(c->p[i]);

		if (h < 0)
			return -1;
		v = v << 4 | (uint64_t)h;
	}
	c->p += digits;
	*out = v;
	return 0;
}

static int
get_exact(struct cur *c, uint64_t *h)
{
	return get_hex(c, 16, &h[0]) < 0 || get_hex(c, 16, &h[1]) < 0 ? -1 : 0;
}

/* A sketch of K values, or '-' for none; *has says which. */
static int
get_sketch(struct cur *c, uint16_t *sketch, unsigned k, int *has)
{
	unsigned i;

	if (c->p < c->end && *c->p == '-') {
		c->p++;
		*has = 0;
		return 0;
	}
	if (k == 0 || (size_t)(c->end - c->p) < 4 * (size_t)k)
		return -1;
	for (i = 0; i < k; i++) {
		uint64_t v;

		if (get_hex(c, 4, &v) < 0)
			return -1;
		sketch[i] = (uint16_t)v;
	}
	*has = 1;
	return 0;
}

/* The rest of the line as a label (what dedup_set_label() would keep). */
static int
get_label(struct safi_dedup *d, struct cur *c)
{
	size_t n = (size_t)(c->end - c->p), i;

	if (n > SAFI_DEDUP_MAX_LABEL)
		return -1;
	for (i = 0; i < n; i++)
		if ((unsigned char)c->p[i] < 0x20 || c->p[i] == 0x7f)
			return -1;
	if (dedup_set_label(d, c->p, n) < 0)
		return -2;
	c->p = c->end;
	return 0;
}

static int
has_prefix(const struct cur *c, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(c->end - c->p) >= n && memcmp(c->p, lit, n) == 0;
}

static int
at_end(const struct cur *c)
{
	return c->p == c->end;
}

/* A record line as the current document: "EXACT SKETCH PARAS LABEL". */
static int
read_record(struct safi_dedup *d, struct cur *c)
{
	uint64_t prev = 0;
	int rc;

	dedup_reset_document(d);
	if (get_exact(c, d->exact) < 0 || get_word(c, " ") < 0 ||
	    get_sketch(c, d->sketch, d->o.exact_only ? 0 : d->o.hashes, &d->has_sketch) < 0 ||
	    get_word(c, " ") < 0)
		return SAFI_ECORRUPT;
	if (c->p < c->end && *c->p == '-') {
		c->p++;
	} else {
		do {
			uint64_t line, hash;
			int err;

			if (get_dec(c, &line) < 0 || get_word(c, ":") < 0 ||
			    get_hex(c, 16, &hash) < 0 || (d->nparas > 0 && line <= prev) ||
			    d->o.paragraph_words == 0)
				return SAFI_ECORRUPT;
			prev = line;
			d->nlines = line;
			if ((err = dedup_add_para(d, hash)) < 0)
				return err;
		} while (get_word(c, ",") == 0);
	}
	if (get_word(c, " ") < 0)
		return SAFI_ECORRUPT;
	if ((rc = get_label(d, c)) == -2)
		return SAFI_ENOMEM;
	dedup_sketch_keys(d);
	return rc < 0 ? SAFI_ECORRUPT : 0;
}

/* ---- line sources -------------------------------------------------------- */

/* The lines of a file through a safi_reader, checksummed as they come. */
struct lines {
	struct safi_reader *r;
	struct safi_line line;
	uint64_t sum;
	int eof;
};

static int
lines_open(struct lines *l, safi_read_fn fn, void *ctx)
{
	struct safi_reader_opts o = {0};

	memset(l, 0, sizeof *l);
	o.invalid = SAFI_INVALID_FAIL;
	l->sum = SUM_SEED;
	return safi_reader_new(&l->r, fn, ctx, &o);
}

/* The next line into l->line; the previous one is chained into the
 * checksum first.  Returns 1, 0 at the end, or an error. */
static int
lines_next(struct lines *l, int sum_previous)
{
	int rc;

	if (sum_previous)
		l->sum = sum_line(l->sum, l->line.ptr, l->line.len);
	if (l->eof)
		return 0;
	if ((rc = safi_reader_next(l->r, &l->line)) == 0)
		l->eof = 1;
	if (rc < 0)
		return rc == SAFI_EILSEQ || rc == SAFI_ETOOBIG ? SAFI_ECORRUPT : rc;
	if (rc > 0 && !(l->line.flags & SAFI_LINE_NEWLINE))
		return SAFI_ECORRUPT;  /* a file cut short */
	return rc;
}

static struct cur
line_cur(const struct lines *l)
{
	struct cur c = {l->line.ptr, l->line.ptr + l->line.len};

	return c;
}

/* Checks an end line "end [COUNT ]CHECKSUM" against the lines before it
 * and, when it ends the file (|last|), that nothing follows it. */
static int
check_end(struct lines *l, const uint64_t *count, int last, const char **why)
{
	struct cur c = line_cur(l);
	uint64_t n, sum;

	if (get_word(&c, "end ") < 0 ||
	    (count && (get_dec(&c, &n) < 0 || get_word(&c, " ") < 0)) ||
	    get_hex(&c, 16, &sum) < 0 || !at_end(&c)) {
		*why = "malformed end line";
		return SAFI_ECORRUPT;
	}
	if (count && n != *count) {
		*why = "the end line counts other records";
		return SAFI_ECORRUPT;
	}
	if (sum != l->sum) {
		*why = "checksum mismatch";
		return SAFI_ECORRUPT;
	}
	if (last && lines_next(l, 0) != 0) {
		*why = "lines after the end line";
		return SAFI_ECORRUPT;
	}
	return 0;
}

/* ---- signature files ----------------------------------------------------- */

/*
 * A signature file is one section per shard, each a whole file as one map
 * step writes it (its header, its records, its end line with a checksum
 * of the section alone), so that files put one after another (cat) group
 * shards into one file.
 */
struct safi_dedup_sigs {
	struct safi_dedup *d;
	struct lines l;
	uint64_t shard, count;
	struct safi_buf params;
	int done;                  /* the section's end line is read */
};

static int
lines_error(int rc, int eof, const char **why)
{
	if (rc == SAFI_ECORRUPT || (rc == 0 && eof))
		*why = "truncated, or not a text file";
	return rc < 0 ? rc : SAFI_ECORRUPT;
}

/* Checks a "fingerprint ..." line against |d|'s parameters. */
static int
check_params(const struct safi_dedup *d, const struct lines *l, struct safi_buf *tmp,
             const char **why)
{
	int err;

	tmp->len = 0;
	if ((err = safi_dedup_params_write(d, tmp)) < 0)
		return err;
	if (l->line.len < 12 || memcmp(l->line.ptr, "fingerprint ", 12) != 0) {
		*why = "no fingerprint line";
		return SAFI_ECORRUPT;
	}
	if (l->line.len != tmp->len || memcmp(l->line.ptr, tmp->ptr, tmp->len) != 0) {
		*why = "made with other --shingle, --hashes, --paragraphs, --exact "
		       "or normalization options";
		return SAFI_ECORRUPT;
	}
	return 0;
}

/* Reads the header of a section, whose first line is in s->l.line: the
 * kind of file, the fingerprint parameters and the shard number.  The
 * section's checksum starts here.  |not_sigs| says what a first line that
 * names no signature file is. */
static int
sigs_header(struct safi_dedup_sigs *s, const char *not_sigs, const char **why)
{
	struct cur c;
	int rc;

	s->l.sum = SUM_SEED;
	s->count = 0;
	s->done = 0;
	if (s->l.line.len != strlen(SIGS_MAGIC) ||
	    memcmp(s->l.line.ptr, SIGS_MAGIC, s->l.line.len) != 0) {
		*why = not_sigs;
		return SAFI_ECORRUPT;
	}
	if ((rc = lines_next(&s->l, 1)) <= 0)
		return lines_error(rc, 1, why);
	if ((rc = check_params(s->d, &s->l, &s->params, why)) < 0)
		return rc;
	if ((rc = lines_next(&s->l, 1)) <= 0)
		return lines_error(rc, 1, why);
	c = line_cur(&s->l);
	if (get_word(&c, "shard ") < 0 || get_dec(&c, &s->shard) < 0 || !at_end(&c)) {
		*why = "no shard line";
		return SAFI_ECORRUPT;
	}
	return 0;
}

int
safi_dedup_sigs_open(struct safi_dedup_sigs **out, struct safi_dedup *d,
                     safi_read_fn fn, void *ctx, const char **why)
{
	struct safi_dedup_sigs *s = calloc(1, sizeof *s);
	int rc;

	*out = NULL;
	*why = "";
	if (s == NULL)
		return SAFI_ENOMEM;
	s->d = d;
	if ((rc = lines_open(&s->l, fn, ctx)) < 0)
		goto fail;
	if ((rc = lines_next(&s->l, 0)) <= 0) {
		rc = lines_error(rc, 1, why);
		goto fail;
	}
	if ((rc = sigs_header(s, "not a dedup signature file", why)) < 0)
		goto fail;
	*out = s;
	return 0;
fail:
	safi_dedup_sigs_free(s);
	return rc;
}

uint64_t
safi_dedup_sigs_shard(const struct safi_dedup_sigs *s)
{
	return s->shard;
}

uint64_t
safi_dedup_sigs_lineno(const struct safi_dedup_sigs *s)
{
	return s->l.line.lineno;
}

/* The next line of the section: a record (loaded into s->d when |load|),
 * or its end line, checked.  Returns 1, 0 at the end line, or an error. */
static int
sigs_advance(struct safi_dedup_sigs *s, int load, const char **why)
{
	struct cur c;
	int rc;

	if (s->done)
		return 0;
	if ((rc = lines_next(&s->l, 1)) <= 0)
		return lines_error(rc, 1, why);
	c = line_cur(&s->l);
	if (has_prefix(&c, "end ")) {
		if ((rc = check_end(&s->l, &s->count, 0, why)) < 0)
			return rc;
		s->done = 1;
		return 0;
	}
	if (load && (rc = read_record(s->d, &c)) < 0) {
		if (rc == SAFI_ECORRUPT)
			*why = "malformed record";
		return rc;
	}
	s->count++;
	return 1;
}

int
safi_dedup_sigs_next(struct safi_dedup_sigs *s, const char **why)
{
	*why = "";
	return sigs_advance(s, 1, why);
}

int
safi_dedup_sigs_next_shard(struct safi_dedup_sigs *s, const char **why)
{
	int rc;

	*why = "";
	while ((rc = sigs_advance(s, 0, why)) > 0)
		;
	if (rc < 0)
		return rc;
	if ((rc = lines_next(&s->l, 0)) <= 0)
		return rc < 0 ? lines_error(rc, 0, why) : 0;
	if ((rc = sigs_header(s, "a line after an end line starts no shard", why)) < 0)
		return rc;
	return 1;
}

void
safi_dedup_sigs_free(struct safi_dedup_sigs *s)
{
	if (s == NULL)
		return;
	safi_reader_free(s->l.r);
	safi_buf_free(&s->params);
	free(s);
}

/* ---- verdicts files ------------------------------------------------------ */

struct safi_dedup_verdicts {
	struct lines l;
	uint64_t shard;
	uint64_t kept_before, inverted_before;
	int pending;               /* l.line is read but not used yet */
	struct safi_buf labels;    /* the current verdict's labels */
	struct safi_dedup_drop *drops;
	size_t ndrops, cap;
	uint64_t ordinal;          /* the last document asked for */
};

/* A "shard-end DOCS KEPT INVERTED" line. */
static int
parse_shard_end(struct cur *c, uint64_t *docs, uint64_t *kept, uint64_t *inv)
{
	if (get_word(c, "shard-end ") < 0 || get_dec(c, docs) < 0 ||
	    get_word(c, " ") < 0 || get_dec(c, kept) < 0 || get_word(c, " ") < 0 ||
	    get_dec(c, inv) < 0 || !at_end(c) || *kept > *docs || *inv > *docs)
		return -1;
	return 0;
}

static int
verdicts_line(struct safi_dedup_verdicts *vr, const char **why)
{
	int rc = lines_next(&vr->l, vr->l.line.ptr != NULL);

	if (rc <= 0)
		return lines_error(rc, 1, why);
	return 1;
}

int
safi_dedup_verdicts_open(struct safi_dedup_verdicts **out, uint64_t shard,
                         safi_read_fn fn, void *ctx, const char **why)
{
	struct safi_dedup_verdicts *vr = calloc(1, sizeof *vr);
	uint64_t prev = 0;
	int rc, any = 0;

	*out = NULL;
	*why = "";
	if (vr == NULL)
		return SAFI_ENOMEM;
	vr->shard = shard;
	if ((rc = lines_open(&vr->l, fn, ctx)) < 0)
		goto fail;
	if ((rc = verdicts_line(vr, why)) < 0)
		goto fail;
	if (vr->l.line.len != strlen(VERDICTS_MAGIC) ||
	    memcmp(vr->l.line.ptr, VERDICTS_MAGIC, vr->l.line.len) != 0) {
		*why = "not a dedup verdicts file";
		rc = SAFI_ECORRUPT;
		goto fail;
	}
	/* Shards come in increasing order; those before this one are
	 * counted and skipped. */
	for (;;) {
		struct cur c;
		uint64_t s, docs, kept, inv;

		if ((rc = verdicts_line(vr, why)) < 0)
			goto fail;
		c = line_cur(&vr->l);
		if (get_word(&c, "end ") == 0) {
			rc = SAFI_ENOTFOUND;
			goto fail;
		}
		if (get_word(&c, "shard ") < 0 || get_dec(&c, &s) < 0 || !at_end(&c) ||
		    (any && s <= prev)) {
			*why = "malformed shard line";
			rc = SAFI_ECORRUPT;
			goto fail;
		}
		any = 1;
		prev = s;
		if (s > shard) {
			rc = SAFI_ENOTFOUND;
			goto fail;
		}
		if (s == shard)
			break;
		for (;;) {
			if ((rc = verdicts_line(vr, why)) < 0)
				goto fail;
			c = line_cur(&vr->l);
			if (has_prefix(&c, "exact ") || has_prefix(&c, "near ") ||
			    has_prefix(&c, "paragraph "))
				continue;  /* a verdict of another shard: checked by its filter */
			if (parse_shard_end(&c, &docs, &kept, &inv) < 0) {
				*why = "malformed line";
				rc = SAFI_ECORRUPT;
				goto fail;
			}
			vr->kept_before += kept;
			vr->inverted_before += inv;
			break;
		}
	}
	*out = vr;
	return 0;
fail:
	safi_dedup_verdicts_free(vr);
	return rc;
}

void
safi_dedup_verdicts_before(const struct safi_dedup_verdicts *vr, uint64_t *kept,
                           uint64_t *inverted)
{
	*kept = vr->kept_before;
	*inverted = vr->inverted_before;
}

uint64_t
safi_dedup_verdicts_lineno(const struct safi_dedup_verdicts *vr)
{
	return vr->l.line.lineno;
}

/* Stores a label of the current verdict, its offset in *off.  Returns 0,
 * SAFI_ECORRUPT (not a label) or SAFI_ENOMEM. */
static int
keep_label(struct safi_dedup_verdicts *vr, struct cur *c, size_t *off, size_t *len)
{
	size_t n = (size_t)(c->end - c->p), i;

	if (n > SAFI_DEDUP_MAX_LABEL)
		return SAFI_ECORRUPT;
	for (i = 0; i < n; i++)
		if ((unsigned char)c->p[i] < 0x20 || c->p[i] == 0x7f)
			return SAFI_ECORRUPT;
	*off = vr->labels.len;
	*len = n;
	c->p = c->end;
	return safi_buf_append(&vr->labels, c->p - n, n);
}

int
safi_dedup_verdicts_next(struct safi_dedup_verdicts *vr, uint64_t ordinal,
                         struct safi_dedup_verdict *v, const char **why)
{
	size_t label_off = 0, i;
	int rc;

	*why = "";
	memset(v, 0, sizeof *v);
	v->reason = SAFI_DEDUP_NEW;
	vr->labels.len = 0;
	vr->ndrops = 0;
	if (ordinal <= vr->ordinal) {
		*why = "documents asked for out of order";
		return SAFI_EINVAL;
	}
	vr->ordinal = ordinal;
	for (;;) {
		struct cur c;
		uint64_t ord, agree, k, line;
		int exact;

		if (!vr->pending && (rc = verdicts_line(vr, why)) < 0)
			return rc;
		vr->pending = 1;
		c = line_cur(&vr->l);
		exact = get_word(&c, "exact ") == 0;
		if (exact || get_word(&c, "near ") == 0) {
			if (get_dec(&c, &ord) < 0 || get_word(&c, " ") < 0 ||
			    get_dec(&c, &agree) < 0 || get_word(&c, "/") < 0 ||
			    get_dec(&c, &k) < 0 || get_word(&c, " ") < 0 ||
			    k == 0 || agree > k || k > SAFI_MINHASH_MAX_BINS ||
			    ord < ordinal || (ord == ordinal && (v->reason != SAFI_DEDUP_NEW ||
			                                         vr->ndrops > 0))) {
				*why = "malformed verdict";
				return SAFI_ECORRUPT;
			}
			if (ord > ordinal)
				break;
			if ((rc = keep_label(vr, &c, &label_off, &v->earlier_len)) < 0) {
				if (rc == SAFI_ECORRUPT)
					*why = "malformed label";
				return rc;
			}
			v->reason = exact ? SAFI_DEDUP_EXACT : SAFI_DEDUP_NEAR;
			v->agree = (unsigned)agree;
			v->hashes = (unsigned)k;
			v->similarity = safi_minhash_similarity(v->agree, v->hashes);
		} else if (get_word(&c, "paragraph ") == 0) {
			if (get_dec(&c, &ord) < 0 || get_word(&c, " ") < 0 ||
			    get_dec(&c, &line) < 0 || get_word(&c, " ") < 0 || ord < ordinal ||
			    (ord == ordinal && (v->reason != SAFI_DEDUP_NEW ||
			                        (vr->ndrops > 0 && line <= vr->drops[vr->ndrops - 1].line)))) {
				*why = "malformed verdict";
				return SAFI_ECORRUPT;
			}
			if (ord > ordinal)
				break;
			if (vr->ndrops == vr->cap) {
				size_t cap = vr->cap ? 2 * vr->cap : 16;
				struct safi_dedup_drop *p = realloc(vr->drops, cap * sizeof *p);

				if (p == NULL)
					return SAFI_ENOMEM;
				vr->drops = p;
				vr->cap = cap;
			}
			vr->drops[vr->ndrops].line = line;
			/* the offset for now: the labels may move as they grow */
			if ((rc = keep_label(vr, &c, &i, &vr->drops[vr->ndrops].earlier_len)) < 0) {
				if (rc == SAFI_ECORRUPT)
					*why = "malformed label";  /* (else out of memory) */
				return rc;
			}
			vr->drops[vr->ndrops].earlier = (const char *)(uintptr_t)i;
			vr->ndrops++;
		} else {
			break;  /* the shard's end: checked by the close */
		}
		vr->pending = 0;
	}
	if (v->reason != SAFI_DEDUP_NEW)
		v->earlier = vr->labels.ptr + label_off;
	for (i = 0; i < vr->ndrops; i++)
		vr->drops[i].earlier = vr->labels.ptr + (uintptr_t)vr->drops[i].earlier;
	v->ndrops = vr->ndrops;
	v->drops = vr->drops;
	return 0;
}

int
safi_dedup_verdicts_close(struct safi_dedup_verdicts *vr, uint64_t docs,
                          const char **why)
{
	uint64_t n, kept, inv;
	struct cur c;
	int rc;

	*why = "";
	for (;;) {
		if (!vr->pending && (rc = verdicts_line(vr, why)) < 0)
			return rc;
		vr->pending = 0;
		c = line_cur(&vr->l);
		if (get_word(&c, "shard-end ") == 0)
			break;
		*why = "verdicts on documents past the end of the shard";
		return SAFI_ECORRUPT;
	}
	c = line_cur(&vr->l);
	if (parse_shard_end(&c, &n, &kept, &inv) < 0) {
		*why = "malformed shard-end line";
		return SAFI_ECORRUPT;
	}
	if (n != docs) {
		*why = "the shard has another number of documents (other input, or other options)";
		return SAFI_ECORRUPT;
	}
	/* The rest of the file, for its checksum. */
	for (;;) {
		if ((rc = verdicts_line(vr, why)) < 0)
			return rc;
		c = line_cur(&vr->l);
		if (get_word(&c, "end ") == 0)
			return check_end(&vr->l, NULL, 1, why);
	}
}

void
safi_dedup_verdicts_free(struct safi_dedup_verdicts *vr)
{
	if (vr == NULL)
		return;
	safi_reader_free(vr->l.r);
	safi_buf_free(&vr->labels);
	free(vr->drops);
	free(vr);
}

/* ---- state --------------------------------------------------------------- */

static int
cmp_age(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	/* newest first: higher generation, then later document */
	return *x < *y ? 1 : *x > *y ? -1 : 0;
}

static int
cmp_para_hash(const void *a, const void *b)
{
	const struct para_slot *x = a, *y = b;

	return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* Which documents a saved state keeps: keep[i] is the new number of
 * document i plus one, or 0.  Returns the number kept, or -1. */
static int64_t
choose_survivors(const struct safi_dedup *d, uint32_t *keep)
{
	uint64_t i, n = 0, *order;
	uint32_t g = d->gen;

	for (i = 0; i < d->ndocs; i++) {
		keep[i] = d->o.state_age == 0 || g - d->docs[i].gen < d->o.state_age;
		n += keep[i];
	}
	if (n > d->o.state_max) {
		/* the most recently matched first; ties: the later document */
		if ((order = malloc(n * sizeof *order)) == NULL)
			return -1;
		n = 0;
		for (i = 0; i < d->ndocs; i++)
			if (keep[i])
				order[n++] = (uint64_t)d->docs[i].gen << 32 | i;
		qsort(order, n, sizeof *order, cmp_age);
		memset(keep, 0, d->ndocs * sizeof *keep);
		for (i = 0; i < d->o.state_max; i++)
			keep[order[i] & 0xFFFFFFFFu] = 1;
		free(order);
		n = d->o.state_max;
	}
	n = 0;
	for (i = 0; i < d->ndocs; i++)
		if (keep[i])
			keep[i] = (uint32_t)++n;
	return (int64_t)n;
}

int
safi_dedup_state_save(struct safi_dedup *d, struct safi_buf *out)
{
	struct safi_dedup_sum st = {SUM_SEED, 0};
	uint32_t *keep = NULL;
	struct para_slot *paras = NULL;
	uint64_t i, np = 0, size = table_size_of(&d->para_tab);
	int64_t n;
	size_t from;
	int err = SAFI_ENOMEM;

	if (d->ndocs && (keep = malloc(d->ndocs * sizeof *keep)) == NULL)
		return SAFI_ENOMEM;
	if ((n = choose_survivors(d, keep)) < 0)
		goto done;
	if (d->para_tab.n && (paras = malloc(d->para_tab.n * sizeof *paras)) == NULL)
		goto done;
	for (i = 0; i < size; i++) {
		struct para_slot s = d->para_tab.slot[i];

		if (s.doc && keep[s.doc - 1] &&
		    (d->o.state_age == 0 || d->gen - s.gen < d->o.state_age)) {
			s.doc = keep[s.doc - 1];
			paras[np++] = s;
		}
	}
	if (np)
		qsort(paras, np, sizeof *paras, cmp_para_hash);
	if ((err = put_line(out, STATE_MAGIC, &st)) < 0 ||
	    (err = put_params_line(d, out, &st)) < 0)
		goto done;
	from = out->len;
	if ((err = put_str(out, "generation ")) < 0 || (err = put_dec(out, d->gen)) < 0 ||
	    (err = end_line(out, from, &st)) < 0)
		goto done;
	from = out->len;
	if ((err = put_str(out, "documents ")) < 0 || (err = put_dec(out, (uint64_t)n)) < 0 ||
	    (err = end_line(out, from, &st)) < 0)
		goto done;
	for (i = 0; i < d->ndocs; i++) {
		const struct dedup_doc *doc = &d->docs[i];

		if (!keep[i])
			continue;
		from = out->len;
		if ((err = put_dec(out, doc->gen)) < 0 || (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = put_exact(out, doc->exact)) < 0 || (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = put_sketch(out, d->sketches + i * d->o.hashes, d->o.hashes,
		                      (doc->label_len & DOC_HAS_SKETCH) != 0)) < 0 ||
		    (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = safi_buf_append(out, d->labels.ptr + doc->label,
		                           doc->label_len & LABEL_SIZE_MASK)) < 0 ||
		    (err = end_line(out, from, &st)) < 0)
			goto done;
	}
	from = out->len;
	if ((err = put_str(out, "paragraphs ")) < 0 || (err = put_dec(out, np)) < 0 ||
	    (err = end_line(out, from, &st)) < 0)
		goto done;
	for (i = 0; i < np; i++) {
		from = out->len;
		if ((err = put_hex(out, paras[i].hash, 16)) < 0 ||
		    (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = put_dec(out, paras[i].doc - 1)) < 0 ||
		    (err = safi_buf_putc(out, ' ')) < 0 ||
		    (err = put_dec(out, paras[i].gen)) < 0 ||
		    (err = end_line(out, from, &st)) < 0)
			goto done;
	}
	err = put_end("checksum ", 0, &st, out);
done:
	free(keep);
	free(paras);
	return err;
}

/* Loads the state into the (empty) index; on error the caller empties it. */
static int
load_state(struct safi_dedup *d, const char *data, size_t len, const char **why)
{
	const char *p = data, *end = data + len;
	uint64_t sum = SUM_SEED, gen, n, i, np;
	struct safi_buf params = SAFI_BUF_INIT;
	struct cur c;
	int rc;

	/* one line at a time, each chained into the checksum */
#define NEXT_LINE() do { \
		const char *nl = memchr(p, '\n', (size_t)(end - p)); \
		if (nl == NULL) { *why = "truncated"; return SAFI_ECORRUPT; } \
		c.p = p; c.end = nl; p = nl + 1; \
	} while (0)
#define SUM_LINE() (sum = sum_line(sum, c.p, (size_t)(c.end - c.p)))

	NEXT_LINE();
	if ((size_t)(c.end - c.p) != strlen(STATE_MAGIC) ||
	    memcmp(c.p, STATE_MAGIC, strlen(STATE_MAGIC)) != 0) {
		*why = "not a dedup state file";
		return SAFI_ECORRUPT;
	}
	SUM_LINE();
	NEXT_LINE();
	SUM_LINE();
	if ((rc = safi_dedup_params_write(d, &params)) < 0)
		return rc;
	if ((size_t)(c.end - c.p) != params.len || memcmp(c.p, params.ptr, params.len) != 0) {
		safi_buf_free(&params);
		*why = "made with other --shingle, --hashes, --paragraphs, --exact "
		       "or normalization options";
		return SAFI_ECORRUPT;
	}
	safi_buf_free(&params);
	NEXT_LINE();
	SUM_LINE();
	if (get_word(&c, "generation ") < 0 || get_dec(&c, &gen) < 0 || !at_end(&c) ||
	    gen == 0 || gen >= 0xFFFFFFFFu) {
		*why = "bad generation line";
		return SAFI_ECORRUPT;
	}
	NEXT_LINE();
	SUM_LINE();
	if (get_word(&c, "documents ") < 0 || get_dec(&c, &n) < 0 || !at_end(&c)) {
		*why = "bad documents line";
		return SAFI_ECORRUPT;
	}
	for (i = 0; i < n; i++) {
		uint64_t g;

		NEXT_LINE();
		SUM_LINE();
		dedup_reset_document(d);
		if (get_dec(&c, &g) < 0 || g > gen || get_word(&c, " ") < 0 ||
		    get_exact(&c, d->exact) < 0 || get_word(&c, " ") < 0 ||
		    get_sketch(&c, d->sketch, d->o.exact_only ? 0 : d->o.hashes,
		               &d->has_sketch) < 0 || get_word(&c, " ") < 0 ||
		    (rc = get_label(d, &c)) == -1) {
			*why = "malformed document line";
			return SAFI_ECORRUPT;
		}
		if (rc == -2)
			return SAFI_ENOMEM;
		dedup_sketch_keys(d);
		if ((rc = dedup_index_current(d, (uint32_t)g, 0)) != 0)
			return rc > 0 ? SAFI_ETOOBIG : rc;
	}
	NEXT_LINE();
	SUM_LINE();
	if (get_word(&c, "paragraphs ") < 0 || get_dec(&c, &np) < 0 || !at_end(&c) ||
	    (np > 0 && d->o.paragraph_words == 0)) {
		*why = "bad paragraphs line";
		return SAFI_ECORRUPT;
	}
	for (i = 0; i < np; i++) {
		uint64_t h, doc, g;

		NEXT_LINE();
		SUM_LINE();
		if (get_hex(&c, 16, &h) < 0 || get_word(&c, " ") < 0 ||
		    get_dec(&c, &doc) < 0 || get_word(&c, " ") < 0 ||
		    get_dec(&c, &g) < 0 || !at_end(&c) || doc >= n || g > gen) {
			*why = "malformed paragraph line";
			return SAFI_ECORRUPT;
		}
		if ((rc = dedup_index_para(d, h, (uint32_t)doc, (uint32_t)g)) != 0)
			return rc > 0 ? SAFI_ETOOBIG : rc;
	}
	NEXT_LINE();
	{
		uint64_t s;

		if (get_word(&c, "checksum ") < 0 || get_hex(&c, 16, &s) < 0 || !at_end(&c)) {
			*why = "bad checksum line";
			return SAFI_ECORRUPT;
		}
		if (p != end) {
			*why = "trailing garbage";
			return SAFI_ECORRUPT;
		}
		if (s != sum) {
			*why = "checksum mismatch";
			return SAFI_ECORRUPT;
		}
	}
#undef NEXT_LINE
#undef SUM_LINE
	d->gen = (uint32_t)gen + 1;
	return 0;
}

int
safi_dedup_state_load(struct safi_dedup *d, const char *data, size_t len,
                      const char **why)
{
	int rc;

	*why = "";
	if (d->ndocs)
		return SAFI_EINVAL;
	if (len == 0)
		return 0;
	if ((rc = load_state(d, data, len, why)) < 0) {
		dedup_index_clear(d);
		dedup_reset_document(d);
	}
	return rc;
}
