#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem.h"

#define HUGE_PAGE ((uintptr_t)2 << 20)

/* The hint covers every page the block touches, not only its 2 MiB-aligned
 * interior: a hint on part of a mapping would split it, and realloc() could
 * then no longer grow the block in place (mremap) but would copy it. */
void
safi_mem_large(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t mask = page > 0 ? (uintptr_t)page - 1 : 4095;
	uintptr_t a = (uintptr_t)p & ~mask;
	uintptr_t e = ((uintptr_t)p + n + mask) & ~mask;

	if (n >= 2 * HUGE_PAGE)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);  /* a hint: its failure is no error */
#else
	(void)p;
	(void)n;
#endif
}
