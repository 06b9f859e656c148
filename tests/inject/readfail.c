/*
 * readfail.c - an LD_PRELOAD shim that makes reading one file fail midway,
 * as a disk or a network file system does, for tests/shell/read-errors.t.
 *
 *   SAFI_READ_FAIL_NAME=NAME  the file whose path ends in NAME
 *   SAFI_READ_FAIL_AT=K       delivers its first K bytes, then every read
 *                             fails with EIO
 *
 * read() is the only call wrapped: the programs read their inputs with it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t read(int fd, void *buf, size_t n);

static unsigned long long delivered;

/* Is |fd| the file to fail? */
static int
is_target(int fd)
{
	const char *name = getenv("SAFI_READ_FAIL_NAME");
	char link[64], path[PATH_MAX];
	ssize_t k;
	size_t len;

	if (name == NULL)
		return 0;
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	if ((k = readlink(link, path, sizeof path - 1)) < 0)
		return 0;
	path[k] = '\0';
	len = strlen(name);
	return (size_t)k >= len && strcmp(path + k - len, name) == 0;
}

ssize_t
read(int fd, void *buf, size_t n)
{
	static ssize_t (*real_read)(int, void *, size_t);
	unsigned long long at;
	ssize_t k;

	if (real_read == NULL)
		real_read = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
	if (!is_target(fd))
		return real_read(fd, buf, n);
	at = strtoull(getenv("SAFI_READ_FAIL_AT") ? getenv("SAFI_READ_FAIL_AT") : "0", NULL, 10);
	if (delivered >= at) {
		errno = EIO;
		return -1;
	}
	if (n > at - delivered)
		n = (size_t)(at - delivered);
	if ((k = real_read(fd, buf, n)) > 0)
		delivered += (unsigned long long)k;
	return k;
}
