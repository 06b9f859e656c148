/*
 * cli_state.c - the locked, atomically replaced state file of cli_state.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_state.h"

const char *
cli_state_arg(const char *option, const char *arg)
{
	if (*arg == '\0')
		cli_usage("%s: the file name is empty", option);
	return arg;
}

/* Finds the file that |path| names, following a symbolic link, into
 * st->file, and refuses anything but a regular file or a name that does
 * not exist yet.  Returns 0 or -1 (reported). */
static int
resolve(struct cli_state *st, const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		if (realpath(path, st->file) == NULL) {
			cli_warn("%s: cannot follow the symbolic link:", path);
			return -1;
		}
	} else if (snprintf(st->file, sizeof st->file, "%s", path) >= (int)sizeof st->file) {
		errno = ENAMETOOLONG;
		cli_warn("%s:", path);
		return -1;
	}
	if (stat(st->file, &sb) < 0) {
		if (errno == ENOENT)
			return 0;
		cli_warn("%s:", path);
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		cli_warn("%s: not a regular file", path);
		return -1;
	}
	return 0;
}

/* Takes the lock of the state file |file| (FILE.lock beside it), waiting
 * for another run to finish.  Returns the lock's fd or -1. */
static int
lock_state(const char *file, char *lock, size_t size)
{
	int fd;

	if (snprintf(lock, size, "%s.lock", file) >= (int)size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666)) < 0)
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

/* Is |s| what mkstemp() puts for its XXXXXX: six letters or digits? */
static int
is_mkstemp_suffix(const char *s)
{
	int i;

	for (i = 0; i < 6; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return 0;
	return s[6] == '\0';
}

/* Removes the regular files FILE.tmp.XXXXXX beside |file|: saves of a run
 * that was killed left them.  Called under the lock, when no run can be
 * writing one.  What cannot be removed stays; it harms nothing. */
static void
remove_stale_temps(const char *file)
{
	const char *slash = strrchr(file, '/');
	const char *base = slash ? slash + 1 : file;
	size_t blen = strlen(base);
	char dir[PATH_MAX];
	struct dirent *e;
	struct stat sb;
	DIR *d;

	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == file)
		strcpy(dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - file), file);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, base, blen) != 0 ||
		    strncmp(e->d_name + blen, ".tmp.", 5) != 0 ||
		    !is_mkstemp_suffix(e->d_name + blen + 5))
			continue;
		if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(sb.st_mode))
			(void)unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

/* Reads the state into |content|, remembering the file's mode and owner.
 * Returns 0 (also when there is no file yet), or after reporting the
 * failure the exit status of cli_state_open(). */
static int
read_state(struct cli_state *st, struct safi_buf *content)
{
	struct stat sb;
	int fd, rc, e;

	/* O_NOFOLLOW and O_NONBLOCK: what resolve() checked may have been
	 * swapped for a link or a FIFO since */
	fd = open(st->file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		cli_warn("%s:", st->path);
		return CLI_EXIT_USAGE;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		cli_warn("%s: not a regular file", st->path);
		close(fd);
		return CLI_EXIT_USAGE;
	}
	st->exists = 1;
	st->mode = sb.st_mode & 07777;
	st->uid = sb.st_uid;
	st->gid = sb.st_gid;
	rc = cli_read_fd(fd, content);
	e = errno;
	close(fd);
	if (rc < 0 && e == ENOMEM) {
		cli_warn("%s: %s", st->path, safi_strerror(SAFI_ENOMEM));
		return 1;  /* the file may be fine: not a usage error */
	}
	if (rc < 0) {
		errno = e;
		cli_warn("%s:", st->path);
		return CLI_EXIT_USAGE;
	}
	return 0;
}

int
cli_state_open(struct cli_state *st, const char *path, struct safi_buf *content)
{
	char lock[PATH_MAX];
	int rc;

	st->path = path;
	st->lockfd = -1;
	st->exists = 0;
	if (resolve(st, path) < 0) {
		cli_status = 1;
		return CLI_EXIT_USAGE;
	}
	if ((st->lockfd = lock_state(st->file, lock, sizeof lock)) < 0) {
		cli_warn("%s:", lock);
		cli_status = 1;
		return CLI_EXIT_USAGE;
	}
	remove_stale_temps(st->file);
	if ((rc = read_state(st, content)) != 0) {
		cli_state_close(st);
		cli_status = 1;
		return rc;
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

/* Gives the new file the old one's owner, group and mode (the mode last:
 * a change of owner clears the set-id bits); a new state file gets what
 * open() would give it. */
static int
set_owner_and_mode(const struct cli_state *st, int fd)
{
	mode_t mask;

	if (!st->exists) {
		mask = umask(0);
		umask(mask);
		return fchmod(fd, 0666 & ~mask);
	}
	if ((st->uid != geteuid() || st->gid != getegid()) &&
	    fchown(fd, st->uid, st->gid) < 0)
		(void)fchown(fd, (uid_t)-1, st->gid);  /* the group, where we are in it */
	return fchmod(fd, st->mode);
}

int
cli_state_save(struct cli_state *st, const void *p, size_t n)
{
	char tmp[PATH_MAX];
	int fd;

	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", st->file) >= (int)sizeof tmp) {
		cli_warn("%s: name too long", st->path);
		cli_status = 1;
		return -1;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		cli_warn("%s:", tmp);
		cli_status = 1;
		return -1;
	}
	if (write_all(fd, p, n) < 0 || set_owner_and_mode(st, fd) < 0 || fsync(fd) < 0) {
		cli_warn("%s:", tmp);
		close(fd);
		unlink(tmp);
		cli_status = 1;
		return -1;
	}
	if (close(fd) < 0) {
		cli_warn("%s:", tmp);
		unlink(tmp);
		cli_status = 1;
		return -1;
	}
	if (rename(tmp, st->file) < 0) {
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
