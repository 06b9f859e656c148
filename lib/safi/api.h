/*
 * safi/api.h - how every public header of libsafi opens and closes its
 * declarations: with C linkage, so that C++ programs link with the library,
 * and with default visibility, so that what the installed headers declare
 * is exactly what libsafi.so exports (the library is built with
 * -fvisibility=hidden: its internal functions stay inside).
 */
#ifndef SAFI_API_H
#define SAFI_API_H

#if defined(__GNUC__) || defined(__clang__)
#define SAFI_VISIBLE_BEGIN_ _Pragma("GCC visibility push(default)")
#define SAFI_VISIBLE_END_ _Pragma("GCC visibility pop")
#else
#define SAFI_VISIBLE_BEGIN_
#define SAFI_VISIBLE_END_
#endif

#ifdef __cplusplus
#define SAFI_BEGIN_DECLS extern "C" { SAFI_VISIBLE_BEGIN_
#define SAFI_END_DECLS SAFI_VISIBLE_END_ }
#else
#define SAFI_BEGIN_DECLS SAFI_VISIBLE_BEGIN_
#define SAFI_END_DECLS SAFI_VISIBLE_END_
#endif

#endif
