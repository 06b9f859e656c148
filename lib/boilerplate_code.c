/*
 * boilerplate_code.c - lines of program code inside the article, after the
 * decoder.
 *
 * A tutorial, a library's manual or a question about a program prints its
 * code one statement a line between the paragraphs: ">>> cfg =
 * load("app.toml")", "import os", "return total".  By their shape such
 * lines are captions (a call ends in a parenthesis) or short lines the
 * context drops.  A dropped line of code shape whose nearest lines above
 * and below that are not code (blank lines aside) are both kept lies
 * inside the article and is kept as *text*; so is the run under a kept
 * paragraph that ends in a colon and introduces it, though nothing below
 * it is kept (an answer ends with the command it gives), down to the next
 * line that is no code.  Code shape: an interpreter
 * or shell prompt (">>> ", "... ", "$ "), or a line opening with a
 * lower-case ASCII word (or an underscore) that is a statement keyword
 * ("import", "def", "return", of KEYWORD_WORDS words at most unless it
 * calls; "from" with "import"), an assignment ("x = ...", "a, b = ...",
 * "x := ...", "PATH=/usr/bin"), a call closing the line ("t.run(...)",
 * "def f(x):"), or a command with an option ("tool src/ --size 3", or a
 * short one right after the command's name: "ls -la").  A
 * line ending in a full stop is prose.
 *
 * Cost: one pass over the lines reading the bytes of the dropped captions,
 * credits, symbol lines and context lines; for a line of code shape, the
 * run of code and blank lines around it, each line of the page read in
 * one run at most.
 */
/* memmem */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "boilerplate_stages.h"

#define KEYWORD_WORDS 6  /* words of a statement without a call */
#define CODE_BLOCK_LINES 2  /* lines of a block of code, at least */

static int
lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int
ident(char c)
{
	return lower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	    c == '.';
}

/* Does |p| of |n| bytes open with the word |w| and a space? */
static int
opens(const char *p, size_t n, const char *w)
{
	size_t k = strlen(w);

	return n > k && memcmp(p, w, k) == 0 && p[k] == ' ';
}

/* Is the line of |n| bytes at |p| a statement of program code? */
static int
code_shape(const char *p, size_t n)
{
	static const char *const prompts[] = { ">>>", "...", "$" };
	static const char *const words[] = {
		"import", "from", "def", "async", "await", "return", "class", "yield"
	};
	size_t i = 0, e = n, k, spaces;

	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	while (e > i && (p[e - 1] == ' ' || p[e - 1] == '\t'))
		e--;
	if (e == i || p[e - 1] == '.')
		return 0;
	p += i;
	n = e - i;
	for (k = 0; k < sizeof prompts / sizeof *prompts; k++)
		if (opens(p, n, prompts[k]))
			return 1;
	if (!lower(p[0]) && p[0] != '_')
		return 0;
	for (k = 0, spaces = 0; k < n; k++)
		spaces += p[k] == ' ';
	for (k = 0; k < sizeof words / sizeof *words; k++)
		if (opens(p, n, words[k]) && (spaces < KEYWORD_WORDS || memchr(p, '(', n)) &&
		    (k != 1 || memmem(p, n, " import ", 8)))
			return 1;
	/* "x = ...", "a, b = ...", "x := ...", "PATH=..." */
	for (k = 0; k < n && (ident(p[k]) || (p[k] == ',' && k + 1 < n && p[k + 1] == ' ') ||
	    (p[k] == ' ' && k > 0 && p[k - 1] == ',')); k++)
		;
	if (k > 0 && ((k + 1 < n && p[k] == '=' && p[k + 1] != '=' && p[k + 1] != ' ') ||
	    (k + 2 < n && p[k] == ' ' && p[k + 1] == '=' && p[k + 2] == ' ') ||
	    (k + 3 < n && p[k] == ' ' && p[k + 1] == ':' && p[k + 2] == '=' && p[k + 3] == ' ')))
		return 1;
	/* "t.run(a, b)", "def f(x):", "f(x);" with the call's parenthesis
	 * opened right after a name. */
	if (p[n - 1] == ')' || ((p[n - 1] == ':' || p[n - 1] == ';') && n > 1 &&
	    p[n - 2] == ')'))
		for (k = 1; k < n; k++)
			if (p[k] == '(' && ident(p[k - 1]))
				return 1;
	/* "tool photos/ --size 320" */
	for (k = 0; k + 3 < n; k++)
		if (p[k] == ' ' && p[k + 1] == '-' && p[k + 2] == '-' && lower(p[k + 3]))
			return 1;
	/* "awk -F, '{ print }' log.csv", "ls -la": a command's first word
	 * and a short option right after it. */
	for (k = 0; k < n && lower(p[k]); k++)
		;
	return k > 0 && k + 2 < n && p[k] == ' ' && p[k + 1] == '-' &&
	    (lower(p[k + 2]) || (p[k + 2] >= 'A' && p[k + 2] <= 'Z'));
}

/* Might the line of |n| bytes at |p| belong to a block of code: of code
 * shape, indented, or opening or closing with a bracket, a colon, a
 * semicolon or a comma ("}", "    \"net/http\"", "services:")? */
static int
code_like(const char *p, size_t n)
{
	size_t e = n;

	while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'))
		e--;
	if (e == 0)
		return 0;
	if ((n >= 2 && p[0] == ' ' && p[1] == ' ') || p[0] == '\t')
		return 1;
	if (strchr("{}()[];,:", p[e - 1]) || strchr("{}()[]<>#", p[0]))
		return 1;
	return code_shape(p, n);
}

void
safi_bp_mark_code_blocks(const char *text, struct bp_line *lines, size_t n)
{
	size_t i = 0, j, k, code, like, prose;

	while (i < n) {
		if (lines[i].kind == K_BLANK) {
			i++;
			continue;
		}
		code = like = prose = 0;
		for (j = i; j < n && lines[j].kind != K_BLANK; j++) {
			const char *p = text + lines[j].off;

			if (lines[j].kind == K_GOOD) {
				prose++;
			} else if (code_shape(p, lines[j].len)) {
				code++;
				like++;
			} else {
				like += code_like(p, lines[j].len);
			}
		}
		if (j - i >= CODE_BLOCK_LINES && code > 0 && prose == 0 && 4 * like >= 3 * (j - i))
			for (k = i; k < j; k++)
				lines[k].flags |= L_TABLE;
		i = j;
	}
}

/* Does line |i| end in a colon: a paragraph that introduces the code
 * under it? */
static int
introduces(const struct bp_doc *d, size_t i)
{
	const char *p = d->text.ptr + d->lines[i].off;
	size_t n = d->lines[i].len;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return n > 0 && p[n - 1] == ':';
}

static int
is_code(const struct bp_doc *d, size_t i)
{
	return code_shape(d->text.ptr + d->lines[i].off, d->lines[i].len);
}

/* Is line |i| a dropped line of code shape the stage may keep?  With
 * |tail|, a line dropped only by its place below the zone is one too. */
static int
candidate(const struct bp_doc *d, size_t i, int tail)
{
	const struct bp_line *ln = &d->lines[i];

	return ln->keep == 0 && (ln->reason == R_CAPTION || ln->reason == R_CREDIT ||
	    ln->reason == R_SYMBOLS || ln->reason == R_CONTEXT ||
	    (tail && ln->reason == R_TAIL)) && is_code(d, i);
}

/* Is line |i| blank or of code shape: inside a run of code? */
static int
in_run(const struct bp_doc *d, size_t i)
{
	return d->lines[i].keep < 0 || is_code(d, i);
}

void
safi_bp_keep_code_lines(struct bp_doc *d)
{
	size_t i, k, s, e;
	int intro;

	for (i = 0; i < d->nlines; i++) {
		if (!candidate(d, i, 1))
			continue;
		/* The run of code and blank lines around line |i|, [s, e):
		 * each line is read once, as the next run starts below e. */
		for (s = i; s > 0 && in_run(d, s - 1); s--)
			;
		for (e = i + 1; e < d->nlines && in_run(d, e); e++)
			;
		/* Kept above and below; or under a kept paragraph that ends
		 * in a colon, which introduces it, to the article's end. */
		intro = s > 0 && d->lines[s - 1].keep > 0 && introduces(d, s - 1);
		if (intro || (s > 0 && d->lines[s - 1].keep > 0 && e < d->nlines &&
		    d->lines[e].keep > 0))
			for (k = i; k < e; k++)
				if (candidate(d, k, intro)) {
					d->lines[k].keep = 1;
					d->lines[k].reason = R_TEXT;
				}
		i = e;
	}
}
