/*
 * cli_state.c - the locked, atomically replaced state file of cli_state.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_state.h"

/* Takes the lock of the state file |path| (FILE.lock beside it), waiting
 * for another run to finish.  Returns the lock's fd or -1. */
static int
lock_state(const char *path)
{
	char lock[PATH_MAX];
	int fd;

	if (snprintf(lock, sizeof lock, "%s.lock", path) >= (int)sizeof lock) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) < 0)
		return -1;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			int e = errno;

			close(fd);
			errno = e;
			return -1;
		}
	}
	return fd;
}

int
cli_state_open(struct cli_state *st, const char *path, struct safi_buf *content)
{
	st->path = path;
	if ((st->lockfd = lock_state(path)) < 0) {
		cli_warn("%s.lock:", path);
		cli_status = 1;
		return -1;
	}
	if (cli_read_file(path, content) < 0 && errno != ENOENT) {
		cli_warn("%s:", path);
		cli_state_close(st);
		cli_status = 1;
		return -1;
	}
	return 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		long w = cli_fd_write(&fd, p, n);

		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
cli_state_save(struct cli_state *st, const void *p, size_t n)
{
	char tmp[PATH_MAX];
	int fd;

	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", st->path) >= (int)sizeof tmp) {
		cli_warn("%s: name too long", st->path);
		cli_status = 1;
		return -1;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		cli_warn("%s:", tmp);
		cli_status = 1;
		return -1;
	}
	if (write_all(fd, p, n) < 0 || fsync(fd) < 0) {
		cli_warn("%s:", tmp);
		close(fd);
		unlink(tmp);
		cli_status = 1;
		return -1;
	}
	fchmod(fd, 0644);
	if (close(fd) < 0) {
		cli_warn("%s:", tmp);
		unlink(tmp);
		cli_status = 1;
		return -1;
	}
	if (rename(tmp, st->path) < 0) {
		cli_warn("%s:", st->path);
		unlink(tmp);
		cli_status = 1;
		return -1;
	}
	return 0;
}

void
cli_state_close(struct cli_state *st)
{
	if (st->lockfd >= 0)
		close(st->lockfd);
	st->lockfd = -1;
}
