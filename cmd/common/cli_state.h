/*
 * cli_state.h - a state file that a program reads when it starts and
 * replaces when it ends (strip-boilerplate --state, dedup --state).
 *
 * The file is locked for the whole run (flock on FILE.lock beside it), so
 * that two runs over the same state take turns instead of losing each
 * other's work, and it is replaced atomically (a temporary file beside it,
 * fsync, rename), so that a reader sees the old or the new state, never a
 * mix.  Messages name the file; every failure makes cli_status 1.
 */
#ifndef SAFI_CLI_STATE_H
#define SAFI_CLI_STATE_H

#include <stddef.h>

#include "safi.h"

struct cli_state {
	const char *path;
	int lockfd;
};

/* Locks |path| (waiting for another run to finish) and reads it into
 * |content|, which is left empty when the file does not exist yet.  Returns
 * 0, or -1 after reporting the failure (the lock is then not held). */
int cli_state_open(struct cli_state *st, const char *path, struct safi_buf *content);

/* Replaces the state file with |n| bytes at |p|.  Returns 0, or -1 after
 * reporting the failure (the old state is then left as it was). */
int cli_state_save(struct cli_state *st, const void *p, size_t n);

/* Releases the lock.  A state that was never opened is accepted. */
void cli_state_close(struct cli_state *st);

#endif
