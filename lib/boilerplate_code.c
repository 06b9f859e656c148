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
 * line that is no code; so is a block of CODE_BLOCK code lines or more
 * right below the article or right above it, though the zone left it out
 * as its tail or head (a question's program under its paragraph, a post's
 * first listing over its introduction).  Code shape: an interpreter
 * or shell prompt (">>> ", "... ", "$ "), or a line opening with a
 * lower-case ASCII word (or an underscore) that is a statement keyword
 * ("import", "def", "return", of KEYWORD_WORDS words at most unless it
 * calls; "from" with "import"), an assignment ("x = ...", "a, b = ...",
 * "x := ...", "PATH=/usr/bin"), a call closing the line ("t.run(...)",
 * "def f(x):"), or a command with an option ("tool src/ --size 3", or a
 * short one right after the command's name: "ls -la"), a command under
 * "sudo" or with an argument no sentence holds (command()), a statement
 * of a language of braces (braced()), a shell command continued on the
 * next line or an option indented under one (continued()), a member
 * of an object in JSON (member()), or a key of settings in YAML
 * (setting()).  A
 * line ending in a full stop is prose.
 *
 * A manual or a tutorial sets its steps under short headings, one command
 * to a line, so that the decoder may end the article above them: the
 * sections the cut of the tail dropped right below kept lines are walked
 * down and kept to their last line of code (walk_sections()); on a page
 * with no blank line, a heading glued over code is one of theirs too
 * (glued_heading()), a code box's strip of tabs between them aside.
 *
 * Before the zone is found, a block of code between blank lines counts as
 * a table, which neither ends nor makes the article (see code_block()):
 * the code between a tutorial's paragraphs does not cut it in two.  After
 * the decoder, a paragraph ending in a colon (or "：") over a block of
 * code, or over lines of code glued under it in a block that holds prose
 * too, is a step of a tutorial or of an answer: it is kept with its code
 * and the paragraphs around them, above and below the zone too (an answer
 * below the question's furniture).
 *
 * Cost: one pass over the lines reading the bytes of the dropped captions,
 * credits, symbol, link, context, head and tail lines; for a line of code shape, the
 * run of code and blank lines around it, each line of the page read in
 * one run at most.  Blocks are read once before the decoder, a line's
 * shape only while its block can still be code; after it, the block under
 * each paragraph ending in a colon, and the paragraphs a step takes in;
 * the walk of the sections reads each line once, a kept one by its flags
 * alone.
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
#define CODE_BLOCK 3     /* lines of a block of code right by the article, at least */
#define CODE_BLOCK_LINES 2  /* lines of a block of code between blank lines, at least */
#define CODE_BLOCK_KEYS 2   /* indented keys of a block of settings, at least */
#define UNIT_WORDS 5        /* words of a paragraph of a unit of code, at least */
#define STEP_HEADING_WORDS 10  /* words of a step's heading, at most */
#define CODE_STRIP 2        /* lines of a code box's strip under a heading, at most */
#define CODE_STRIP_WORDS 4  /* words of a line of that strip, at most */
#define COMMAND_TOKENS 12   /* words of a shell command, fewer than */
#define SECTION_SENTENCE_WORDS 3  /* words of a sentence of a manual's section, at least */
#define SECTION_DATED_WORDS 10  /* words of a sentence with a time or date, at least */
#define COMMAND_WORDS 2     /* subcommand words before a command's argument, at most */
#define FETCH_VERB 5        /* bytes of a subcommand before an address, at least */

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

/* Is the line of |n| bytes at |p|, trimmed, a statement of a language
 * of braces: one that opens a block ("while (x) {"), closes one ("}",
 * "});", "} else {") or ends in a semicolon after a sign no sentence uses
 * ("my @rows;", "use Text::CSV;", "*tail = a;")? */
static int
braced(const char *p, size_t n)
{
	size_t k;

	if (p[n - 1] == '{' || (p[n - 1] == '}' && memchr(p, '{', n)))
		return 1;
	for (k = 0; k < n && (p[k] == '}' || p[k] == ')' || p[k] == ';' || p[k] == ' '); k++)
		;
	if (k == n && p[0] == '}')
		return 1;
	if (p[n - 1] != ';')
		return 0;
	for (k = 0; k + 1 < n; k++)
		if (p[k] == '=' || p[k] == '(' || p[k] == '[' || p[k] == '$' || p[k] == '@' ||
		    p[k] == '%' || p[k] == '*' || p[k] == '&' || p[k] == '<' || p[k] == '>' ||
		    (p[k] == ':' && p[k + 1] == ':'))
			return 1;
	return 0;
}

/* Is |p| of |n| bytes a word of a command's name or subcommand: lower-case
 * letters, digits and "-", "_", "." ("apt-get", "list-timers")? */
static int
command_word(const char *p, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (!lower(p[k]) && !(p[k] >= '0' && p[k] <= '9') && p[k] != '-' &&
		    p[k] != '_' && p[k] != '.')
			return 0;
	return n > 0 && lower(p[0]);
}

/* Is |p| of |n| bytes an argument no prose word has the shape of: an
 * option ("-i", "-it", "--now"), a path from the root, the home or the
 * working directory ("/etc/hosts", "./src", "~/bin"), or a package at a
 * version ("left-pad@1")? */
static int
command_argument(const char *p, size_t n)
{
	const char *at;

	if (n >= 2 && p[0] == '-' && (lower(p[1]) || (p[1] >= 'A' && p[1] <= 'Z') ||
	    (p[1] == '-' && n >= 3 && lower(p[2]))))
		return 1;
	if ((n >= 2 && p[0] == '/' && lower(p[1])) ||
	    (n >= 3 && (p[0] == '.' || p[0] == '~') && p[1] == '/' && ident(p[2])) ||
	    (n >= 4 && p[0] == '.' && p[1] == '.' && p[2] == '/'))
		return 1;
	at = memchr(p, '@', n);
	return at != NULL && at > p && (size_t)(at - p) + 1 < n && at[1] >= '0' &&
	    at[1] <= '9';
}

/* Is |p| of |n| bytes an address with its scheme, in lower case
 * ("https://host/repo", "ssh://git@host/repo")? */
static int
schemed_address(const char *p, size_t n)
{
	const char *colon = memchr(p, ':', n);
	const char *q;

	if (colon == NULL || colon == p || (size_t)(colon - p) + 3 >= n ||
	    colon[1] != '/' || colon[2] != '/')
		return 0;
	for (q = p; q < colon && lower(*q); q++)
		;
	return q == colon;
}

/* Is the trimmed line of |n| bytes at |p| a shell command: "sudo" over a
 * command, or a command's name and at most COMMAND_WORDS subcommand words
 * over an argument of a shape no sentence uses ("dpkg -i x.deb", "docker
 * logs -f web", "nano /etc/hosts", "npm install left-pad@1"), in a line of
 * at most COMMAND_TOKENS words?  An address is such an argument right
 * after a command and its subcommand of FETCH_VERB bytes or more ("git
 * clone https://host/repo", "svn checkout svn://host/trunk"): the short
 * words that put an address in a sentence ("more at", "see also", "read
 * here") are none. */
static int
command(const char *p, size_t n)
{
	size_t k, s, index, spaces = 0, prev = 0;

	if (n > 6 && memcmp(p, "sudo ", 5) == 0 && lower(p[5]))
		return 1;
	for (k = 0, index = 0; k < n && index <= COMMAND_WORDS + 1; index++) {
		for (s = k; k < n && p[k] != ' '; k++)
			;
		if (index > 0 && (command_argument(p + s, k - s) ||
		    (index == 2 && prev >= FETCH_VERB && schemed_address(p + s, k - s)))) {
			/* the words are read only for such a line */
			for (k = 0; k < n; k++)
				spaces += p[k] == ' ';
			return spaces < COMMAND_TOKENS;
		}
		if (!command_word(p + s, k - s))
			return 0;
		prev = k - s;
		while (k < n && p[k] == ' ')
			k++;
	}
	return 0;
}

/* Is the trimmed line of |n| bytes at |p|, indented by |indent| bytes, a
 * shell command continued on the next line ("curl https://host/v1 \\"),
 * or an option that continues one, indented under it ("  -d limit=5")? */
static int
continued(const char *p, size_t n, size_t indent)
{
	size_t k;

	if (n >= 3 && p[n - 1] == '\\' && p[n - 2] == ' ')
		return 1;
	for (k = 0; k < n && p[k] != ' '; k++)
		;
	return indent >= 2 && p[0] == '-' && command_argument(p, k);
}

/* Is the trimmed line of |n| bytes at |p|, indented by |indent| bytes, a
 * member of an object in JSON: a quoted key with no space in it, a colon
 * and its value ("\"id\": 42,"), indented or ending in a comma? */
static int
member(const char *p, size_t n, size_t indent)
{
	size_t k;

	if (p[0] != '"' || (indent < 2 && p[n - 1] != ','))
		return 0;
	for (k = 1; k < n && (ident(p[k]) || p[k] == '-' || p[k] == '.'); k++)
		;
	return k > 1 && k + 2 < n && p[k] == '"' && p[k + 1] == ':' && p[k + 2] == ' ';
}

/* Is the trimmed line of |n| bytes at |p|, indented by |indent| bytes, a
 * key of settings in YAML: indented by two spaces or more, an item mark
 * ("- ") allowed, a key in lower case, a colon and its value or nothing
 * ("  keep: 30d", "    - name: debug", "  tiers:"), or a key alone with
 * its colon at the margin, over the nested ones ("retention:")? */
static int
setting(const char *p, size_t n, size_t indent)
{
	size_t k = 0;

	if (indent < 2 && p[n - 1] != ':')
		return 0;
	if (indent >= 2 && n > 2 && p[0] == '-' && p[1] == ' ')
		k = 2;
	if (k >= n || !lower(p[k]))
		return 0;
	for (; k < n && (lower(p[k]) || (p[k] >= '0' && p[k] <= '9') || p[k] == '_' ||
	    p[k] == '-'); k++)
		;
	return k < n && p[k] == ':' && (k + 1 == n || (indent >= 2 && p[k + 1] == ' '));
}

int
safi_bp_code_shape(const char *p, size_t n)
{
	static const char *const prompts[] = { ">>>", "...", "$" };
	static const char *const words[] = {
		"import", "from", "def", "async", "await", "return", "class", "yield"
	};
	static const char *const controls[] = { "for", "if", "while", "switch" };
	static const char *const declarations[] = { "let", "const", "var", "val", "auto" };
	static const char *const queries[] = {
		"SELECT", "INSERT INTO", "UPDATE", "DELETE FROM", "CREATE TABLE"
	};
	size_t i = 0, e = n, k, m, spaces;

	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	while (e > i && (p[e - 1] == ' ' || p[e - 1] == '\t'))
		e--;
	if (e == i || p[e - 1] == '.')
		return 0;
	p += i;
	n = e - i;
	if (braced(p, n) || continued(p, n, i) || member(p, n, i) || setting(p, n, i))
		return 1;
	for (k = 0; k < sizeof prompts / sizeof *prompts; k++)
		if (opens(p, n, prompts[k]))
			return 1;
	if (p[0] >= 'A' && p[0] <= 'Z') {
		for (k = 0; k < sizeof queries / sizeof *queries; k++)
			if (opens(p, n, queries[k]))
				return 1;
		return 0;
	}
	if (!lower(p[0]) && p[0] != '_')
		return 0;
	/* "for (i = 0; ...", "if (x)", "while (n > 0) {" */
	for (k = 0; k < sizeof controls / sizeof *controls; k++)
		if (opens(p, n, controls[k]) && p[strlen(controls[k]) + 1] == '(')
			return 1;
	/* "let x = 1", "const f = (a) => a" */
	for (k = 0; k < sizeof declarations / sizeof *declarations; k++)
		if (opens(p, n, declarations[k]) && memmem(p, n, " = ", 3))
			return 1;
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
	/* "key    = value": assignments aligned in a column */
	for (m = k; m + 1 < n && p[m] == ' ' && p[m + 1] == ' '; m++)
		;
	if (k > 0 && ((k + 1 < n && p[k] == '=' && p[k + 1] != '=' && p[k + 1] != ' ') ||
	    (m + 2 < n && p[m] == ' ' && p[m + 1] == '=' && p[m + 2] == ' ') ||
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
	if (k > 0 && k + 2 < n && p[k] == ' ' && p[k + 1] == '-' &&
	    (lower(p[k + 2]) || (p[k + 2] >= 'A' && p[k + 2] <= 'Z')))
		return 1;
	return command(p, n);
}

/* Might the line of |n| bytes at |p| belong to a block of code: indented, or opening or closing with a bracket, a colon, a
 * semicolon or a comma ("}", "    \"net/http\"", "services:"), or a
 * clause of a query ("WHERE id = 3")? */
static int
code_like(const char *p, size_t n)
{
	static const char *const clauses[] = {
		"FROM", "WHERE", "AND", "OR", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "JOIN",
		"LEFT JOIN", "INNER JOIN", "VALUES", "SET"
	};
	size_t e = n, k;

	while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\t'))
		e--;
	if (e == 0)
		return 0;
	if ((n >= 2 && p[0] == ' ' && p[1] == ' ') || p[0] == '\t' ||
	    strchr("{}()[];,:", p[e - 1]) || strchr("{}()[]<>#", p[0]))
		return 1;
	if (p[0] >= 'A' && p[0] <= 'Z')
		for (k = 0; k < sizeof clauses / sizeof *clauses; k++)
			if (opens(p, n, clauses[k]))
				return 1;
	return 0;
}

/* Does the line of |n| bytes at |p| open with a prompt: a shell session
 * whose output follows? */
static int
prompt(const char *p, size_t n)
{
	return (n > 2 && p[0] == '$' && p[1] == ' ') || (n > 4 && memcmp(p, ">>> ", 4) == 0);
}

/* Is the line of |n| bytes at |p| an indented key of settings ("  db:",
 * "    image: postgres:16")? */
static int
key_line(const char *p, size_t n)
{
	size_t i = 0, k;

	while (i < n && p[i] == ' ')
		i++;
	if (i < 2)
		return 0;
	for (k = i; k < n && (ident(p[k]) || p[k] == '-'); k++)
		;
	return k > i && k < n && p[k] == ':' && (k + 1 == n || p[k + 1] == ' ');
}

/* Is the block of lines from |i| to the next blank line (its end in *end)
 * a block of code: of two lines or more, no body paragraph, a line of code
 * shape (or keys of settings over indented values, every line code-like;
 * or lines opening in lower case, three in four)
 * and three lines in four code-like, the output under a prompt too?  The
 * shapes are read only while the block can still be one. */
static int
code_block(const char *text, const struct bp_line *lines, size_t n, size_t i, size_t *end)
{
	size_t j, k, other = 0, keys = 0, lower = 0;
	int code = 0;

	for (j = i; j < n && lines[j].kind != K_BLANK; j++) {
		if (lines[j].kind == K_GOOD)
			code = -1;
		/* a list item opens with its bullet */
		lower += (lines[j].flags & (L_LOWER | L_BULLET)) == L_LOWER;
	}
	*end = j;
	if (code < 0 || j - i < CODE_BLOCK_LINES)
		return 0;
	if (prompt(text + lines[i].off, lines[i].len))
		return 1;
	for (k = i; k < j; k++) {
		const char *p = text + lines[k].off;

		if (code_like(p, lines[k].len))
			keys += key_line(p, lines[k].len);
		else if (safi_bp_code_shape(p, lines[k].len))
			code = 1;
		else if (4 * ++other > j - i)
			return 0;
	}
	/* A block of such shapes whose lines open in lower case, but for
	 * one line in four, is a manual's options indented under their
	 * names, a program's output: no menu prints its links so. */
	if (4 * lower >= 3 * (j - i))
		return 1;
	/* A block of settings has no statement: keys over indented values,
	 * every line code-like. */
	if (!code && keys >= CODE_BLOCK_KEYS && other == 0)
		return 1;
	for (k = i; k < j && !code; k++)
		code = safi_bp_code_shape(text + lines[k].off, lines[k].len);
	return code;
}

int
safi_bp_cell_prompt(const char *p, size_t n)
{
	size_t k;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n >= 5 && memcmp(p, "In", 2) == 0)
		k = 2;
	else if (n >= 6 && memcmp(p, "Out", 3) == 0)
		k = 3;
	else
		return 0;
	if (p[k] == ' ')
		k++;
	if (k >= n || p[k++] != '[')
		return 0;
	while (k < n && ((p[k] >= '0' && p[k] <= '9') || p[k] == ' ' || p[k] == '*'))
		k++;
	return k + 2 == n && p[k] == ']' && p[k + 1] == ':';
}

void
safi_bp_mark_code_blocks(const char *text, struct bp_line *lines, size_t n)
{
	size_t i = 0, j, k;
	int cell = 0, code, prompt_line;

	while (i < n) {
		if (lines[i].kind == K_BLANK) {
			i++;
			continue;
		}
		/* A notebook prints a cell's code or output as a block under
		 * its prompt: the block is code, a line of it too, and the
		 * prompt neither ends nor makes the article. */
		code = code_block(text, lines, n, i, &j);
		for (k = i; cell && k < j; k++)
			cell = lines[k].kind != K_GOOD;
		prompt_line = j == i + 1 && safi_bp_cell_prompt(text + lines[i].off, lines[i].len);
		if (code || cell || prompt_line)
			for (k = i; k < j; k++)
				lines[k].flags |= L_TABLE;
		cell = prompt_line;
		i = j;
	}
}

/* Does line |i| end in a colon (or a full-width one, "："): a paragraph
 * that introduces the code under it? */
static int
introduces(const struct bp_doc *d, size_t i)
{
	const char *p = d->base + d->lines[i].off;
	size_t n = d->lines[i].len;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return (n > 0 && p[n - 1] == ':') || (n >= 3 && memcmp(p + n - 3, "\xef\xbc\x9a", 3) == 0);
}

/* Is line |i| a statement of a language of braces (braced())? */
static int
braced_line(const struct bp_doc *d, size_t i)
{
	const char *p = d->base + d->lines[i].off;
	size_t n = d->lines[i].len;

	while (n > 0 && (*p == ' ' || *p == '\t'))
		p++, n--;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	return n > 0 && braced(p, n);
}

static int
is_code(const struct bp_doc *d, size_t i)
{
	return safi_bp_code_shape(d->base + d->lines[i].off, d->lines[i].len);
}

/* Is line |i| a dropped line of code shape the stage may keep?  With
 * |edge|, a line dropped only by its place above or below the zone is one
 * too. */
static int
candidate(const struct bp_doc *d, size_t i, int edge)
{
	const struct bp_line *ln = &d->lines[i];

	/* "my @rows;" is read as a link ("@rows"); "git clone https://..."
	 * holds one */
	if (ln->keep == 0 && ln->reason == R_URL)
		return braced_line(d, i) || is_code(d, i);
	return ln->keep == 0 && (ln->reason == R_CAPTION || ln->reason == R_CREDIT ||
	    ln->reason == R_SYMBOLS || ln->reason == R_CONTEXT || ln->reason == R_DATE ||
	    (edge && (ln->reason == R_TAIL || ln->reason == R_HEAD))) && is_code(d, i);
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
	size_t i, k, s, e, lines;
	int intro, block;

	for (i = 0; i < d->nlines; i++) {
		if (!candidate(d, i, 1))
			continue;
		/* The run of code and blank lines around line |i|, [s, e):
		 * each line is read once, as the next run starts below e. */
		for (s = i; s > 0 && in_run(d, s - 1); s--)
			;
		for (e = i + 1; e < d->nlines && in_run(d, e); e++)
			;
		for (k = s, lines = 0; k < e; k++)
			lines += d->lines[k].keep >= 0;
		/* Kept above and below; or under a kept paragraph that ends
		 * in a colon, which introduces it, to the article's end; or a
		 * block of CODE_BLOCK lines right above or below the article
		 * (a question's program under its paragraph, a post's first
		 * listing over its introduction). */
		intro = s > 0 && d->lines[s - 1].keep > 0 && introduces(d, s - 1);
		block = lines >= CODE_BLOCK && ((s > 0 && d->lines[s - 1].keep > 0) ||
		    (e < d->nlines && d->lines[e].keep > 0));
		if (intro || block || (s > 0 && d->lines[s - 1].keep > 0 && e < d->nlines &&
		    d->lines[e].keep > 0))
			for (k = i; k < e; k++)
				if (candidate(d, k, intro || block)) {
					d->lines[k].keep = 1;
					d->lines[k].reason = R_TEXT;
				}
		i = e;
	}
}

/* Is line |i| a paragraph of prose a unit of code may take in: body text,
 * or a sentence or an introduction of UNIT_WORDS words or more, not a
 * dated line (a comment signed with its date), a list item or code? */
static int
unit_prose(const struct bp_doc *d, size_t i)
{
	const struct bp_line *ln = &d->lines[i];

	return (ln->kind == K_GOOD || (ln->kind == K_NEAR && (ln->flags & (L_TERM | L_COLON)))) &&
	    ln->words >= UNIT_WORDS && !(ln->flags & (L_DATED | L_BULLET | L_TABLE)) &&
	    !is_code(d, i);
}

/* Is line |k|, right above a step's paragraphs, its heading: a short line
 * apart (a blank line above it) that the zone dropped by its context only,
 * ending no sentence, no date, list item or code? */
static int
step_heading(const struct bp_doc *d, size_t k)
{
	const struct bp_line *ln = &d->lines[k];

	return ln->keep == 0 && ln->reason == R_CONTEXT && ln->words >= 1 &&
	    ln->words <= STEP_HEADING_WORDS && k > 0 && d->lines[k - 1].keep < 0 &&
	    !(ln->flags & (L_TERM | L_DATED | L_BULLET | L_TABLE)) && !is_code(d, k);
}

/* The first line at or below |i| that is not blank, or d->nlines. */
static size_t
next_text(const struct bp_doc *d, size_t i)
{
	while (i < d->nlines && d->lines[i].keep < 0)
		i++;
	return i;
}

/* Is line |i| a line of a listing glued to its introduction: of code
 * shape, or indented ("    loadDistricts(val)")? */
static int
listing_line(const struct bp_doc *d, size_t i)
{
	const char *p = d->base + d->lines[i].off;
	size_t n = d->lines[i].len;

	return (n >= 2 && p[0] == ' ' && p[1] == ' ') || (n > 0 && p[0] == '\t') || is_code(d, i);
}

/* The end of the blocks of code from line |j| on, blank lines between
 * them included: j itself when none starts there.  A single line of code
 * shape is a block here, as it stands under its introduction; so are the
 * lines of code shape or indented right under it with no blank line
 * between, when the block they stand in holds prose too (a question's
 * listing glued between its paragraphs), down to the next line of another
 * shape. */
static size_t
code_end(const struct bp_doc *d, size_t j)
{
	size_t e = j, end, k;

	while (j < d->nlines && d->lines[j].keep >= 0) {
		if (code_block(d->base, d->lines, d->nlines, j, &end) ||
		    (end == j + 1 && is_code(d, j)))
			e = end;
		else
			break;
		j = next_text(d, end);
	}
	if (e > j || j >= d->nlines || d->lines[j].keep < 0 || !is_code(d, j))
		return e;
	for (k = j + 1; k < d->nlines && d->lines[k].keep >= 0 && listing_line(d, k); k++)
		;
	return k;
}

static void
keep_unit_line(struct bp_doc *d, size_t i)
{
	if (d->lines[i].keep == 0) {
		d->lines[i].keep = 1;
		d->lines[i].reason = R_TEXT;
	}
}

void
safi_bp_keep_code_units(struct bp_doc *d)
{
	size_t i, j, e, k;

	if (!d->ext.have_zone)
		return;
	for (i = 0; i < d->nlines; i++) {
		/* Blocks of code between kept lines (dropped lines of code
		 * shape above them aside): every line of them, the ones
		 * dropped by a phrase or as an address too. */
		if ((d->lines[i].flags & L_TABLE) && (i == 0 || d->lines[i - 1].keep < 0) &&
		    (e = code_end(d, i)) > i) {
			for (k = i; k-- > 0 && (d->lines[k].keep < 0 ||
			    (d->lines[k].keep == 0 && is_code(d, k)));)
				;
			j = next_text(d, e);
			if (k != SIZE_MAX && d->lines[k].keep > 0 && j < d->nlines &&
			    d->lines[j].keep > 0)
				for (k++; k < e; k++)
					if (d->lines[k].keep >= 0)
						keep_unit_line(d, k);
			i = e - 1;
			continue;
		}
		if (!(d->lines[i].flags & L_COLON) || !unit_prose(d, i) || !introduces(d, i))
			continue;
		j = next_text(d, i + 1);
		if ((e = code_end(d, j)) == j)
			continue;
		keep_unit_line(d, i);
		for (k = j; k < e; k++)
			if (d->lines[k].keep >= 0)
				keep_unit_line(d, k);
		/* The paragraphs above the introduction, up to a line that
		 * is none or is kept; those below the code (the next unit's
		 * introduction among them, which the walk reaches next). */
		for (k = i; k-- > 0 && (d->lines[k].keep < 0 || (d->lines[k].keep == 0 &&
		    unit_prose(d, k)));)
			if (d->lines[k].keep == 0)
				keep_unit_line(d, k);
		if (k != SIZE_MAX && step_heading(d, k)) {
			d->lines[k].keep = 1;
			d->lines[k].reason = R_HEADING;
		}
		for (k = next_text(d, e); k < d->nlines && unit_prose(d, k);
		    k = next_text(d, k + 1))
			keep_unit_line(d, k);
		i = e - 1;
	}
}

/* Is line |k| a heading of a section of a manual below the article: a
 * line of STEP_HEADING_WORDS words at most with a blank line above it,
 * ending no sentence, no date, list item or code ("Installation",
 * "Step 3 — Enable and check")? */
static int
section_heading(const struct bp_doc *d, size_t k)
{
	const struct bp_line *ln = &d->lines[k];

	if (ln->words < 1 || ln->words > STEP_HEADING_WORDS || k == 0 ||
	    d->lines[k - 1].keep >= 0 || (ln->flags & (L_TERM | L_DATED)))
		return 0;
	/* a numbered heading ("2. Syntax") stands alone between blank
	 * lines, as no item of a list does */
	if ((ln->flags & L_BULLET) && (k + 1 >= d->nlines || d->lines[k + 1].keep >= 0))
		return 0;
	return !is_code(d, k);
}

/* Is line |k| prose a manual's section holds: a paragraph of a unit of
 * code, or a sentence of SECTION_SENTENCE_WORDS words or more ("The binary
 * ends up in target/.")? */
static int
section_prose(const struct bp_doc *d, size_t k)
{
	const struct bp_line *ln = &d->lines[k];

	if ((ln->flags & L_TERM) && ln->words >= SECTION_SENTENCE_WORDS &&
	    !(ln->flags & L_BULLET) && (!(ln->flags & L_DATED) || ln->words >= SECTION_DATED_WORDS))
		return 1;
	return unit_prose(d, k);
}

/* Is kept line |ln| prose, by its kind and flags alone (the walk reads
 * every kept line of the article)? */
static int
kept_prose(const struct bp_line *ln)
{
	return (ln->kind == K_GOOD && ln->words >= UNIT_WORDS) ||
	    ((ln->flags & L_TERM) && ln->words >= SECTION_SENTENCE_WORDS &&
	    !(ln->flags & L_BULLET));
}

/* The first line below line |k| past the strip of a box of code glued
 * under it (its languages' tabs, its "Copy" button): CODE_STRIP lines at
 * most, dropped, each of CODE_STRIP_WORDS words at most, ending no
 * sentence, no date, list item or code; k + 1 when none stands there. */
static size_t
past_code_strip(const struct bp_doc *d, size_t k)
{
	size_t j;

	for (j = k + 1; j < d->nlines && j <= k + CODE_STRIP; j++) {
		const struct bp_line *ln = &d->lines[j];

		if (ln->keep != 0 || ln->words < 1 || ln->words > CODE_STRIP_WORDS ||
		    (ln->flags & (L_TERM | L_DATED | L_BULLET)) || is_code(d, j))
			break;
	}
	return j < d->nlines && d->lines[j].keep >= 0 && is_code(d, j) ? j : k + 1;
}

/* Is line |k| the heading of a step glued over a line of code, on a page
 * that sets no blank line between its blocks: a line of
 * STEP_HEADING_WORDS words at most, ending no sentence, no date, list
 * item or code, with code right below it (past a code box's strip, see
 * past_code_strip()) and, right above it, code or a kept line of prose
 * ("Example response" between a command and the output it prints,
 * "Example request" under the article's paragraph)? */
static int
glued_heading(const struct bp_doc *d, size_t k)
{
	const struct bp_line *ln = &d->lines[k];
	size_t j;

	return ln->words >= 1 && ln->words <= STEP_HEADING_WORDS && k > 0 &&
	    k + 1 < d->nlines && d->lines[k - 1].keep >= 0 && d->lines[k + 1].keep >= 0 &&
	    !(ln->flags & (L_TERM | L_DATED | L_BULLET)) &&
	    ((d->lines[k - 1].keep > 0 && kept_prose(&d->lines[k - 1])) || is_code(d, k - 1)) &&
	    !is_code(d, k) && (j = past_code_strip(d, k)) < d->nlines && is_code(d, j);
}

/* Does line |k| stand alone between blank lines (or above the page's
 * end), as a paragraph does and no line of a box of links? */
static int
apart(const struct bp_doc *d, size_t k)
{
	return k > 0 && d->lines[k - 1].keep < 0 &&
	    (k + 1 >= d->nlines || d->lines[k + 1].keep < 0);
}

/* Walks down from line |i|, the first line dropped as the tail right
 * under kept line |u| (blank lines between them aside), over blank and
 * kept lines and over the lines the cut of the tail dropped that are a
 * manual's: headings, prose, code, lower-case lines (commands of no
 * telling shape, "make"), and the block under a paragraph that introduces
 * it (a command's output).  Once prose is passed (|prose|: the kept lines
 * above held some), the walk keeps what it passed down to a line of code
 * that stands under a dropped line other than a heading, or is the second
 * line of a block of code (a link of code shape alone under the article
 * or under a heading, "{ 1 trackback }", is no step); then the rest of
 * that block and the paragraph right under it.  Returns the line that
 * ended the walk. */
static size_t
walk_sections(struct bp_doc *d, size_t u, size_t i, int prose)
{
	size_t j, k, end = i, last = u;
	int intro = introduces(d, u), block = 1, listing = 0, walked = 0;
	int under, code = 0, was_code, headed = 0, was_headed;

	for (k = i; k < d->nlines; k++) {
		const struct bp_line *ln = &d->lines[k];

		if (ln->keep < 0) {
			if (block)
				intro = 0;
			listing = 0;
			continue;
		}
		block = 1;
		under = end == last + 1 && last > u;
		last = k;
		was_code = code;
		code = 0;
		was_headed = headed;
		headed = 0;
		if (ln->keep > 0) {
			/* read only over a line the walk may take in */
			intro = k + 1 < d->nlines && d->lines[k + 1].keep <= 0 &&
			    introduces(d, k);
			prose |= kept_prose(ln);
			block = 0;
			continue;
		}
		if (ln->reason != R_TAIL && !candidate(d, k, 0))
			break;
		if (ln->reason != R_TAIL || is_code(d, k)) {
			if (prose && (walked || listing || under))
				end = k + 1;
			intro = 0;
			listing = 1;
			code = 1;
		} else if (intro || (ln->flags & L_TABLE) || listing_line(d, k)) {
			/* a block of code goes on to its end (a command's
			 * output under its prompt) */
			if (listing && under)
				end = k + 1;
			code = listing;
		} else if (section_prose(d, k)) {
			/* the paragraph right under a block of code tells
			 * what it did; a paragraph alone between blank lines
			 * under the heading of a section that follows the
			 * sections walked over closes the manual */
			if ((under && was_code) || (was_headed && apart(d, k)))
				end = k + 1;
			intro = introduces(d, k);
			block = 0;
			prose = 1;
			listing = 0;
		} else if (ln->flags & L_LOWER) {
			/* a command of no telling shape ("make", "cargo
			 * build") */
			if (ln->flags & L_TERM)
				break;
		} else if (section_heading(d, k) || glued_heading(d, k)) {
			/* a code box's strip under the heading stays
			 * dropped, as its widget */
			for (j = past_code_strip(d, k); k + 1 < j; k++)
				d->lines[k + 1].reason = R_WIDGET;
			headed = under;
			listing = 0;
			continue;
		} else {
			break;
		}
		walked = 1;
	}
	for (; i < end; i++)
		if (d->lines[i].keep == 0 && d->lines[i].reason != R_WIDGET) {
			d->lines[i].keep = 1;
			d->lines[i].reason = (section_heading(d, i) || glued_heading(d, i)) &&
			    !(d->lines[i].flags & L_LOWER) &&
			    !section_prose(d, i) ? R_HEADING : R_TEXT;
		}
	return k;
}

void
safi_bp_keep_code_sections(struct bp_doc *d)
{
	size_t i, u = SIZE_MAX;
	int prose = 0;

	if (!d->ext.have_zone)
		return;
	/* |u| is the last line that is not blank, |prose| whether the run
	 * of kept lines over it holds prose. */
	for (i = 0; i < d->nlines; i++) {
		const struct bp_line *ln = &d->lines[i];

		if (ln->keep < 0)
			continue;
		if (ln->keep > 0) {
			prose = (u != SIZE_MAX && d->lines[u].keep > 0 && prose) || kept_prose(ln);
		} else if (ln->reason == R_TAIL && u != SIZE_MAX && d->lines[u].keep > 0) {
			i = walk_sections(d, u, i, prose);
			if (i >= d->nlines)
				break;
			ln = &d->lines[i];
			prose = 0;
			if (ln->keep < 0)
				continue;
		}
		u = i;
	}
}
