/*
 * mem.h - memory hints, inside the library only (not installed).
 */
#ifndef SAFI_MEM_H
#define SAFI_MEM_H

#include <stddef.h>

/* Asks the kernel to back a large block (a whole document, the table of its
 * lines) with huge pages where it can, so that filling it costs one page
 * fault per 2 MiB instead of one per 4 KiB.  Only a hint: it does nothing
 * for a block under 4 MiB or where the system has no such pages. */
void safi_mem_large(void *p, size_t n);

#endif
