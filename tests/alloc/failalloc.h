/*
 * failalloc.h - an allocator that fails on the N-th call (sqlite's
 * test_malloc idea), for the tests.  Linked with
 *   -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,--wrap=free
 * it takes the place of these in libsafi and in the program's own code
 * (not in libc or ICU, whose own calls go straight through), and counts
 * the blocks it hands out that are not freed yet.
 *
 * A program linked with it reads two variables at start-up:
 *   SAFI_FAIL_ALLOC=N      the N-th allocation fails (once; 0: none)
 *   SAFI_ALLOC_COUNT=FILE  at exit, write "CALLS LIVE" to FILE
 */
#ifndef SAFI_FAILALLOC_H
#define SAFI_FAILALLOC_H

/* Makes the |n|-th allocation from now fail (0: none) and restarts the
 * count of calls. */
void failalloc_arm(unsigned long n);

/* Allocation calls since the last failalloc_arm(). */
unsigned long failalloc_calls(void);

/* Whether the armed failure has happened. */
int failalloc_failed(void);

/* Blocks handed out and not freed yet. */
long failalloc_live(void);

#endif
