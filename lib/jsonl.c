/*
 * jsonl.c - find, decode and replace one string member of a JSON object.
 *
 * The scanner validates the whole line by RFC 8259 but builds nothing: the
 * top-level members are walked one by one, and every value is skipped by a
 * loop that keeps the kind of each open array or object in a bit stack, so
 * that deep nesting costs no C stack (and past SAFI_JSONL_MAX_DEPTH is an
 * error, not a crash).
 */
#include <string.h>

#include "safi/error.h"
#include "safi/jsonl.h"

struct scan {
	const char *s;
	size_t n;
	size_t i;          /* the next byte to read */
	const char *why;   /* set by fail() */
};

static int
fail(struct scan *p, const char *why)
{
	p->why = why;
	return -1;
}

static void
skip_space(struct scan *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
	                       p->s[p->i] == '\n' || p->s[p->i] == '\r'))
		p->i++;
}

static int
hex4(const char *s, unsigned *v)
{
	unsigned x = 0, d;
	int k;

	for (k = 0; k < 4; k++) {
		unsigned char c = (unsigned char)s[k];

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		x = x << 4 | d;
	}
	*v = x;
	return 0;
}

/* Decodes the escape whose backslash is s[i], within s[0..n).  Returns the
 * number of bytes it takes, with the character in *cp, or 0 with *why.  A
 * lone surrogate, which names no character, decodes as U+FFFD with *lone
 * set, as Python's json module and jq 1.7 take it. */
static size_t
unescape(const char *s, size_t n, size_t i, unsigned *cp, int *lone,
         const char **why)
{
	unsigned hi, lo;

	*lone = 0;
	if (n - i < 2) {
		*why = "unterminated string";
		return 0;
	}
	switch (s[i + 1]) {
	case '"': *cp = '"'; return 2;
	case '\\': *cp = '\\'; return 2;
	case '/': *cp = '/'; return 2;
	case 'b': *cp = '\b'; return 2;
	case 'f': *cp = '\f'; return 2;
	case 'n': *cp = '\n'; return 2;
	case 'r': *cp = '\r'; return 2;
	case 't': *cp = '\t'; return 2;
	case 'u': break;
	default:
		*why = "bad escape";
		return 0;
	}
	if (n - i < 6 || hex4(s + i + 2, &hi) < 0) {
		*why = "bad \\u escape";
		return 0;
	}
	if (hi < 0xD800 || hi > 0xDFFF) {
		*cp = hi;
		return 6;
	}
	/* A pair is a high surrogate and the escape of a low one. */
	if (hi >= 0xDC00 || n - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u' ||
	    hex4(s + i + 8, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF) {
		*cp = 0xFFFD;
		*lone = 1;
		return 6;
	}
	*cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
	return 12;
}

static size_t
utf8_encode(unsigned cp, char u[4])
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | cp >> 18);
	u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Skips the string whose opening quote is at p->i; *escaped tells whether
 * it holds a backslash. */
static int
scan_string(struct scan *p, int *escaped)
{
	const char *s = p->s;
	size_t i = p->i + 1, k;
	unsigned cp;
	int esc = 0, lone;

	for (;;) {
		unsigned char c;

		if (i >= p->n) {
			p->i = i;
			return fail(p, "unterminated string");
		}
		c = (unsigned char)s[i];
		if (c == '"')
			break;
		if (c == '\\') {
			if ((k = unescape(s, p->n, i, &cp, &lone, &p->why)) == 0) {
				p->i = i;
				return -1;
			}
			i += k;
			esc = 1;
		} else if (c < 0x20) {
			p->i = i;
			return fail(p, "control character in a string");
		} else {
			i++;
		}
	}
	p->i = i + 1;
	if (escaped)
		*escaped = esc;
	return 0;
}

static int
is_digit(const struct scan *p)
{
	return p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9';
}

static int
scan_number(struct scan *p)
{
	if (p->s[p->i] == '-')
		p->i++;
	if (p->i < p->n && p->s[p->i] == '0')
		p->i++;
	else if (is_digit(p))
		while (is_digit(p))
			p->i++;
	else
		return fail(p, "bad number");
	if (p->i < p->n && p->s[p->i] == '.') {
		p->i++;
		if (!is_digit(p))
			return fail(p, "bad number");
		while (is_digit(p))
			p->i++;
	}
	if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
		p->i++;
		if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
			p->i++;
		if (!is_digit(p))
			return fail(p, "bad number");
		while (is_digit(p))
			p->i++;
	}
	return 0;
}

static int
scan_word(struct scan *p, const char *word, size_t len)
{
	if (p->n - p->i < len || memcmp(p->s + p->i, word, len) != 0)
		return fail(p, "expected a value");
	p->i += len;
	return 0;
}

/* Skips one value (after white space) and tells its type. */
static int
skip_value(struct scan *p, const char **type)
{
	unsigned char is_object[SAFI_JSONL_MAX_DEPTH / 8];
	size_t depth = 0;
	int obj;
	char c;

value:
	skip_space(p);
	if (p->i >= p->n)
		return fail(p, "expected a value");
	c = p->s[p->i];
	if (depth == 0)
		*type = c == '{' ? "object" : c == '[' ? "array" : c == '"' ? "string" :
		        c == 't' ? "true" : c == 'f' ? "false" : c == 'n' ? "null" : "number";
	switch (c) {
	case '{':
	case '[':
		if (depth == SAFI_JSONL_MAX_DEPTH)
			return fail(p, "nested too deep");
		if (c == '{')
			is_object[depth / 8] |= (unsigned char)(1u << depth % 8);
		else
			is_object[depth / 8] &= (unsigned char)~(1u << depth % 8);
		depth++;
		p->i++;
		skip_space(p);
		if (p->i < p->n && p->s[p->i] == (c == '{' ? '}' : ']')) {
			p->i++;
			depth--;
			goto next;
		}
		if (c == '{')
			goto member;
		goto value;
	case '"':
		if (scan_string(p, NULL) < 0)
			return -1;
		break;
	case 't':
		if (scan_word(p, "true", 4) < 0)
			return -1;
		break;
	case 'f':
		if (scan_word(p, "false", 5) < 0)
			return -1;
		break;
	case 'n':
		if (scan_word(p, "null", 4) < 0)
			return -1;
		break;
	default:
		if (c != '-' && (c < '0' || c > '9'))
			return fail(p, "expected a value");
		if (scan_number(p) < 0)
			return -1;
	}
next:
	if (depth == 0)
		return 0;
	skip_space(p);
	obj = is_object[(depth - 1) / 8] >> (depth - 1) % 8 & 1;
	if (p->i < p->n && p->s[p->i] == ',') {
		p->i++;
		if (obj)
			goto member;
		goto value;
	}
	if (p->i < p->n && p->s[p->i] == (obj ? '}' : ']')) {
		p->i++;
		depth--;
		goto next;
	}
	return fail(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
member:
	skip_space(p);
	if (p->i >= p->n || p->s[p->i] != '"')
		return fail(p, "expected a member name");
	if (scan_string(p, NULL) < 0)
		return -1;
	skip_space(p);
	if (p->i >= p->n || p->s[p->i] != ':')
		return fail(p, "expected ':'");
	p->i++;
	goto value;
}

/* Tells whether the contents k[0..klen) of a well-formed string token say
 * name[0..nlen) once unescaped. */
static int
name_equals(const char *k, size_t klen, int escaped, const char *name,
            size_t nlen)
{
	size_t i = 0, j = 0, used, ulen;
	const char *why;
	unsigned cp;
	char u[4];
	int lone;

	if (!escaped)
		return klen == nlen && memcmp(k, name, nlen) == 0;
	while (i < klen) {
		if (k[i] == '\\') {
			if ((used = unescape(k, klen, i, &cp, &lone, &why)) == 0)
				return 0;
			ulen = utf8_encode(cp, u);
			if (nlen - j < ulen || memcmp(name + j, u, ulen) != 0)
				return 0;
			i += used;
			j += ulen;
		} else {
			if (j >= nlen || name[j] != k[i])
				return 0;
			i++;
			j++;
		}
	}
	return j == nlen;
}

int
safi_jsonl_find(const char *line, size_t len, const char *name, size_t nlen,
                struct safi_jsonl_member *m)
{
	struct scan p = {line, len, 0, NULL};
	static const char string_type[] = "string";

	memset(m, 0, sizeof *m);
	skip_space(&p);
	if (p.i >= len || line[p.i] != '{') {
		fail(&p, "not a JSON object");
		goto bad;
	}
	p.i++;
	skip_space(&p);
	if (p.i < len && line[p.i] == '}') {
		p.i++;
		goto end;
	}
	for (;;) {
		const char *type = NULL;
		size_t key, key_end, value;
		int escaped;

		skip_space(&p);
		if (p.i >= len || line[p.i] != '"') {
			fail(&p, "expected a member name");
			goto bad;
		}
		key = p.i;
		if (scan_string(&p, &escaped) < 0)
			goto bad;
		key_end = p.i;
		skip_space(&p);
		if (p.i >= len || line[p.i] != ':') {
			fail(&p, "expected ':'");
			goto bad;
		}
		p.i++;
		skip_space(&p);
		value = p.i;
		if (skip_value(&p, &type) < 0)
			goto bad;
		/* the last member of the name counts, as in jq and Python */
		if (name_equals(line + key + 1, key_end - key - 2, escaped, name, nlen)) {
			m->start = value;
			m->end = p.i;
			m->type = type[0] == 's' ? string_type : type;
		}
		skip_space(&p);
		if (p.i < len && line[p.i] == ',') {
			p.i++;
			continue;
		}
		if (p.i < len && line[p.i] == '}') {
			p.i++;
			break;
		}
		fail(&p, "expected ',' or '}'");
		goto bad;
	}
end:
	skip_space(&p);
	if (p.i != len) {
		fail(&p, "text after the object");
		goto bad;
	}
	return m->type == string_type ? 0 : SAFI_ENOTFOUND;
bad:
	memset(m, 0, sizeof *m);
	m->why = p.why;
	m->at = p.i < len ? p.i : len;
	return SAFI_ECORRUPT;
}

int
safi_jsonl_decode(const char *s, size_t n, enum safi_invalid invalid,
                  struct safi_buf *out)
{
	size_t i, run, used, end;
	const char *why;
	unsigned cp;
	int rc, lone, lones = 0;

	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return SAFI_ECORRUPT;
	end = n - 1;
	for (i = run = 1; i < end;) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\\') {
			if ((rc = safi_buf_append(out, s + run, i - run)) < 0)
				return rc;
			if ((used = unescape(s, end, i, &cp, &lone, &why)) == 0)
				return SAFI_ECORRUPT;
			if (lone && invalid == SAFI_INVALID_FAIL)
				return SAFI_EILSEQ;
			lones += lone;
			if ((!lone || invalid == SAFI_INVALID_REPLACE) &&
			    (rc = safi_buf_put_utf8(out, cp)) < 0)
				return rc;
			i += used;
			run = i;
		} else if (c == '"' || c < 0x20) {
			return SAFI_ECORRUPT;
		} else {
			i++;
		}
	}
	if ((rc = safi_buf_append(out, s + run, end - run)) < 0)
		return rc;
	return lones;
}

int
safi_jsonl_encode(const char *text, size_t n, struct safi_buf *out)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;
	char esc[6] = {'\\', 'u', '0', '0', 0, 0};
	int rc;

	if ((rc = safi_buf_reserve(out, n + 2)) < 0 ||
	    (rc = safi_buf_putc(out, '"')) < 0)
		return rc;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if ((rc = safi_buf_append(out, text + run, i - run)) < 0)
			return rc;
		run = i + 1;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
		}
		if ((rc = safi_buf_append(out, esc, elen)) < 0)
			return rc;
	}
	if (n > run && (rc = safi_buf_append(out, text + run, n - run)) < 0)
		return rc;  /* (text may be NULL when n is 0) */
	return safi_buf_putc(out, '"');
}

/* Appends the line with the value |m| found replaced by v[0..n), as a
 * JSON string made of it when |encode|, else as it is. */
static int
splice(const char *line, size_t len, const struct safi_jsonl_member *m,
       const char *v, size_t n, int encode, struct safi_buf *out)
{
	int rc;

	if (m->start > m->end || m->end > len)
		return SAFI_EINVAL;
	if ((rc = safi_buf_append(out, line, m->start)) < 0 ||
	    (rc = encode ? safi_jsonl_encode(v, n, out) :
	                   safi_buf_append(out, v, n)) < 0)
		return rc;
	return safi_buf_append(out, line + m->end, len - m->end);
}

int
safi_jsonl_replace(const char *line, size_t len,
                   const struct safi_jsonl_member *m, const char *text,
                   size_t n, struct safi_buf *out)
{
	return splice(line, len, m, text, n, 1, out);
}

int
safi_jsonl_replace_value(const char *line, size_t len,
                         const struct safi_jsonl_member *m, const char *json,
                         size_t n, struct safi_buf *out)
{
	return splice(line, len, m, json, n, 0, out);
}
