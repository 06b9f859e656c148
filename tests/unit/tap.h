/*
 * tap.h - the little harness of the C unit tests.  Each test program runs
 * its checks, prints the failed ones to stderr and exits 1 if any failed;
 * tests/unit.t turns each program into one TAP line.
 */
#ifndef SAFI_TAP_H
#define SAFI_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_checks, tap_failures;

#define CHECK(cond) do { \
	tap_checks++; \
	if (!(cond)) { \
		tap_failures++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

/* Checks that bytes a[0..alen) equal b[0..blen). */
#define CHECK_BYTES(a, alen, b, blen) do { \
	size_t tap_al = (alen), tap_bl = (blen); \
	tap_checks++; \
	if (tap_al != tap_bl || memcmp((a), (b), tap_al) != 0) { \
		tap_failures++; \
		fprintf(stderr, "%s:%d: got [%.*s] (%zu bytes), want [%.*s] (%zu bytes)\n", \
		        __FILE__, __LINE__, (int)tap_al, (const char *)(a), tap_al, \
		        (int)tap_bl, (const char *)(b), tap_bl); \
	} \
} while (0)

#define CHECK_STR(a, alen, lit) CHECK_BYTES(a, alen, lit, sizeof(lit) - 1)

static inline int
tap_done(void)
{
	printf("%d checks, %d failed\n", tap_checks, tap_failures);
	return tap_failures != 0;
}

#endif
