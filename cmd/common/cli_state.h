/*
 * cli_state.h - a state file that a program reads when it starts and
 * replaces when it ends (strip-boilerplate --state, dedup --state).
 *
 * The file is locked for the whole run (flock on FILE.lock beside it), so
 * that two runs over the same state take turns instead of losing each
 * other's work, and it is replaced atomically (a temporary file beside it,
 * fsync, rename), so that a reader sees the old or the new state, never a
 * mix.  Messages name the file; every failure makes cli_status 1.
 *
 * Only a regular file is a state (or a name that does not exist yet): a
 * device, FIFO or directory is refused before anything is created.  A
 * symbolic link is followed: the file it points to is locked, read and
 * replaced, and the link stays.  The new file keeps the old one's mode,
 * and its owner and group where the user may set them (root); a new file
 * gets 0666 less the umask.  Temporary files FILE.tmp.XXXXXX that a run
 * killed while saving left behind are removed by the next run, under the
 * lock (no other run can be writing them then).
 */
#ifndef SAFI_CLI_STATE_H
#define SAFI_CLI_STATE_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#include "safi.h"

struct cli_state {
	const char *path;       /* as given, for messages */
	int lockfd;             /* -1 while not locked */
	char file[PATH_MAX];    /* the file itself: |path| with symlinks followed */
	int exists;             /* the file existed when it was read */
	mode_t mode;            /* and had this mode, owner and group */
	uid_t uid;
	gid_t gid;
};

#define CLI_STATE_INIT {NULL, -1, {0}, 0, 0, 0, 0}

/* Checks the FILE argument of |option| (--state): an empty name is a
 * usage error (exit 2).  Returns |arg|. */
const char *cli_state_arg(const char *option, const char *arg);

/* Locks |path| (waiting for another run to finish) and reads it into
 * |content|, which is left empty when the file does not exist yet.  Returns
 * 0; or, after reporting the failure (the lock is then not held, and
 * |content| may hold part of the file), the exit status to end with:
 * CLI_EXIT_USAGE when the file cannot be used (it is not a regular file,
 * or cannot be locked or read: as a file any option names), 1 when memory
 * ran out. */
int cli_state_open(struct cli_state *st, const char *path, struct safi_buf *content);

/* Replaces the state file with |n| bytes at |p|.  Returns 0, or -1 after
 * reporting the failure (the old state is then left as it was). */
int cli_state_save(struct cli_state *st, const void *p, size_t n);

/* Releases the lock.  A state that was never opened is accepted. */
void cli_state_close(struct cli_state *st);

#endif
