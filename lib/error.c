#include "safi/error.h"

const char *
safi_strerror(int err)
{
	switch (err) {
	case SAFI_OK:        return "success";
	case SAFI_ENOMEM:    return "out of memory";
	case SAFI_ETOOBIG:   return "data too large for the buffer ceiling";
	case SAFI_EINVAL:    return "invalid argument";
	case SAFI_EILSEQ:    return "invalid UTF-8";
	case SAFI_EIO:       return "input/output error";
	case SAFI_EICU:      return "ICU error";
	case SAFI_ENOTFOUND: return "not found";
	case SAFI_ECORRUPT:  return "malformed data";
	case SAFI_ELOCKED:   return "locked by another process";
	}
	return "unknown error";
}
