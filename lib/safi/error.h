/*
 * safi/error.h - error codes shared by every libsafi module.
 *
 * Functions that can fail return an int: 0 (or a non-negative count) on
 * success, or one of the negative SAFI_E* codes below.  safi_strerror()
 * names a code in a short English phrase.  The library never prints and
 * never exits: what to tell the user is the program's business.
 */
#ifndef SAFI_ERROR_H
#define SAFI_ERROR_H

#include "api.h"

SAFI_BEGIN_DECLS

#define SAFI_OK 0
#define SAFI_ENOMEM (-1)     /* an allocation failed */
#define SAFI_ETOOBIG (-2)    /* a buffer would grow past its ceiling */
#define SAFI_EINVAL (-3)     /* an argument is out of its domain */
#define SAFI_EILSEQ (-4)     /* invalid UTF-8, with SAFI_INVALID_FAIL */
#define SAFI_EIO (-5)        /* the caller's read or write callback failed */
#define SAFI_EICU (-6)       /* ICU reported an error */
#define SAFI_ENOTFOUND (-7)  /* a named thing (charset, preset, list) is unknown */
#define SAFI_ECORRUPT (-8)   /* a file the library parses is malformed */
#define SAFI_ELOCKED (-9)    /* a resource is held by someone else */

/* Returns a static, never-NULL description of the error code |err|. */
const char *safi_strerror(int err);

SAFI_END_DECLS

#endif
