/*
 * failalloc.c - the allocator of failalloc.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "failalloc.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
void __wrap_free(void *p);

static unsigned long calls, fail_at;
static int failed;
static long live;
static const char *count_file;

void
failalloc_arm(unsigned long n)
{
	calls = 0;
	fail_at = n;
	failed = 0;
}

unsigned long
failalloc_calls(void)
{
	return calls;
}

int
failalloc_failed(void)
{
	return failed;
}

long
failalloc_live(void)
{
	return live;
}

static int
fail_now(void)
{
	if (++calls != fail_at)
		return 0;
	failed = 1;
	errno = ENOMEM;
	return 1;
}

void *
__wrap_malloc(size_t n)
{
	void *p;

	if (fail_now())
		return NULL;
	if ((p = __real_malloc(n)) != NULL)
		live++;
	return p;
}

void *
__wrap_calloc(size_t k, size_t n)
{
	void *p;

	if (fail_now())
		return NULL;
	if ((p = __real_calloc(k, n)) != NULL)
		live++;
	return p;
}

void *
__wrap_realloc(void *q, size_t n)
{
	void *p;

	if (fail_now())
		return NULL;
	p = __real_realloc(q, n);
	if (p != NULL && q == NULL)
		live++;
	else if (p == NULL && q != NULL && n == 0)
		live--;  /* realloc(q, 0) freed q */
	return p;
}

char *
__wrap_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = __wrap_malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

void
__wrap_free(void *p)
{
	if (p != NULL)
		live--;
	__real_free(p);
}

static void
write_count(void)
{
	FILE *f = fopen(count_file, "w");

	if (f != NULL) {
		fprintf(f, "%lu %ld\n", calls, live);
		fclose(f);
	}
}

__attribute__((constructor)) static void
read_environment(void)
{
	const char *n = getenv("SAFI_FAIL_ALLOC");

	if (n != NULL)
		fail_at = strtoul(n, NULL, 10);
	if ((count_file = getenv("SAFI_ALLOC_COUNT")) != NULL)
		atexit(write_count);
}
