/*
 * boilerplate_programme.c - an event's programme below its text.
 *
 * A festival's, a conference's or a course's page sets out its programme
 * below its text, day by day: a date over the day's items, each opening
 * with its time ("18:00 Opening concert - Main square").  A date alone
 * reads as a stamp and a run of short lines below the article as its
 * furniture, so the zone ends above them; yet a programme over several
 * days is the page's own text.  Right under the last kept line, across a
 * heading of PROGRAMME_HEADING words at most ("Programme") that is no
 * boilerplate by a phrase, a menu, a URL or a copyright line, a run of
 * PROGRAMME_DAYS dates or more, each over two timed items or more, with
 * nothing but blank lines among them, is kept; a sidebar of the evening's
 * television or of a day's stamps holds one day, or times alone.
 *
 * Cost: one pass over the lines.
 */
#include <stddef.h>
#include <stdint.h>

#include "boilerplate_stages.h"

/* Days of a programme, at least; timed items under each, at least. */
#define PROGRAMME_DAYS 2
#define DAY_ITEMS 2
/* Words of a programme's heading, at most; of a day's date. */
#define PROGRAMME_HEADING 3
#define DAY_WORDS 5

/* Bytes of a separator at u[k] between a time and its item: a space, a
 * hyphen, a colon, an en or em dash; or 0. */
static size_t
separator(const unsigned char *u, size_t k, size_t n)
{
	if (u[k] == ' ' || u[k] == '\t' || u[k] == '-' || u[k] == ':')
		return 1;
	if (k + 2 < n && u[k] == 0xE2 && u[k + 1] == 0x80 && (u[k + 2] == 0x93 || u[k + 2] == 0x94))
		return 3;
	return 0;
}

/* Does p[0, n) open with a time of day and go on, past a space, with a
 * word: "18:00 Opening", "9.30 - Talk", "21h30 Parade"?  Returns one
 * more than the time's minutes from midnight, or 0. */
static int
timed(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t k = 0, k0, d, m;
	int spaced = 0, hour = 0;

	while (k < n && (u[k] == ' ' || u[k] == '\t'))
		k++;
	/* a third digit is enough to tell it is no hour; no more are read */
	for (d = 0; d < 3 && k < n && u[k] >= '0' && u[k] <= '9'; k++, d++)
		hour = 10 * hour + (u[k] - '0');
	if (d < 1 || d > 2 || k + 3 > n || (u[k] != ':' && u[k] != '.' && u[k] != 'h') ||
	    u[k + 1] < '0' || u[k + 1] > '9' || u[k + 2] < '0' || u[k + 2] > '9')
		return 0;
	k0 = k;
	for (k += 3; k < n && (m = separator(u, k, n)) > 0; k += m)
		spaced |= u[k] == ' ';
	/* a letter: ASCII, or the lead byte of one from U+00C0 up */
	if (!spaced || k >= n || !(((u[k] | 0x20) >= 'a' && (u[k] | 0x20) <= 'z') ||
	    u[k] >= 0xC3 || u[k] == '"'))
		return 0;
	return 1 + 60 * hour + 10 * (u[k0 + 1] - '0') + (u[k0 + 2] - '0');
}

/* Is line |ln| one of a programme's items: a line of two words or more
 * that opens with a time and goes on with a word? */
static int
item_line(const struct bp_doc *d, const struct bp_line *ln)
{
	return ln->kind != K_BLANK && ln->words >= 2 && timed(d->base + ln->off, ln->len);
}

/* Is line |ln| a programme's day: a date of DAY_WORDS words at most? */
static int
day_line(const struct bp_doc *d, const struct bp_line *ln)
{
	return ln->kind == K_BAD && ln->reason == R_DATE && ln->words <= DAY_WORDS &&
	    !item_line(d, ln);
}

/* The next line below |i| that is no blank line. */
static size_t
below(const struct bp_doc *d, size_t i)
{
	for (i++; i < d->nlines && d->lines[i].kind == K_BLANK; i++)
		;
	return i;
}

/* Is line |ln| furniture by a phrase, a menu, a URL or a copyright line? */
static int
furniture(const struct bp_line *ln)
{
	return ln->kind == K_BAD && (ln->reason == R_PHRASE || ln->reason == R_MENU ||
	    ln->reason == R_URL || ln->reason == R_COPYRIGHT);
}

/*
 * A programme of one day, right under the last kept line at |s|: across
 * a strip of STRIP_LINES short lines at most (the tabs of the event's
 * days, "Day 1", "Day 2", "Workshops"), one block of ONE_DAY_ITEMS timed
 * items or more, the first line one of them, their times in the day's
 * order, with lines of detail under them (a speaker, a room, a note):
 * DETAIL_RUN at most under an item, and one at least to every
 * ONE_DAY_SHARE items.  A sidebar of the evening's television prints one
 * line to a show.  Reads the strip and the block once.
 */
#define STRIP_LINES 3
#define ONE_DAY_ITEMS 6
#define DETAIL_RUN 3
#define ONE_DAY_SHARE 4

static void
keep_one_day(struct bp_doc *d, size_t s)
{
	size_t i, t = s, e, items = 0, details = 0, run = 0;
	int prev = 0, m;

	if (!item_line(d, &d->lines[s])) {
		for (t = s; t < d->nlines && d->lines[t].kind != K_BLANK; t++) {
			const struct bp_line *ln = &d->lines[t];

			if (t >= s + STRIP_LINES || ln->kind == K_GOOD ||
			    ln->words > PROGRAMME_HEADING || (ln->flags & L_BULLET) || furniture(ln))
				return;
		}
		t = below(d, t - 1);
	}
	for (e = t; e < d->nlines && d->lines[e].kind != K_BLANK; e++) {
		const struct bp_line *ln = &d->lines[e];

		m = ln->words >= 2 ? timed(d->base + ln->off, ln->len) : 0;
		if (m > 0) {
			if (m < prev)
				return;
			prev = m;
			items++;
			run = 0;
		} else {
			if (e == t || ++run > DETAIL_RUN || furniture(ln))
				return;
			details++;
		}
	}
	if (items < ONE_DAY_ITEMS || ONE_DAY_SHARE * details < items)
		return;
	for (i = t; i < e; i++) {
		struct bp_line *ln = &d->lines[i];

		if (ln->keep == 1)
			continue;
		ln->keep = 1;
		ln->reason = item_line(d, ln) || (ln->flags & L_BULLET) ? R_LIST :
		    ln->kind == K_GOOD ? R_BODY : R_TEXT;
	}
}

void
safi_bp_keep_programme(struct bp_doc *d)
{
	size_t i, s, e, last = SIZE_MAX, head = SIZE_MAX, days = 0;
	int full = 1;

	for (i = d->nlines; i-- > 0;)
		if (d->lines[i].keep == 1) {
			last = i;
			break;
		}
	if (last == SIZE_MAX || (s = below(d, last)) >= d->nlines)
		return;
	if (!day_line(d, &d->lines[s])) {
		const struct bp_line *ln = &d->lines[s];

		if (ln->kind == K_GOOD || ln->words > PROGRAMME_HEADING || furniture(ln) ||
		    (ln->flags & L_BULLET)) {
			keep_one_day(d, s);
			return;
		}
		head = s;
		s = below(d, s);
	}
	/* Each day's date over DAY_ITEMS timed items or more. */
	for (e = s; e < d->nlines && day_line(d, &d->lines[e]);) {
		size_t n = 0;

		for (i = below(d, e); i < d->nlines && item_line(d, &d->lines[i]); i = below(d, i))
			n++;
		full &= n >= DAY_ITEMS;
		days++;
		e = i;
	}
	if (days < PROGRAMME_DAYS || !full) {
		keep_one_day(d, head != SIZE_MAX ? head : s);
		return;
	}
	for (i = head != SIZE_MAX ? head : s; i < e; i++) {
		struct bp_line *ln = &d->lines[i];

		if (ln->kind == K_BLANK || ln->keep == 1)
			continue;
		ln->keep = 1;
		ln->reason = item_line(d, ln) ? R_LIST : R_HEADING;
	}
}
