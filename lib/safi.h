/*
 * safi.h - the whole public interface of libsafi.
 */
#ifndef SAFI_H
#define SAFI_H

#define SAFI_VERSION "0.1.0"

#include "safi/error.h"
#include "safi/buf.h"
#include "safi/data.h"
#include "safi/utf8.h"
#include "safi/reader.h"
#include "safi/writer.h"
#include "safi/normalize.h"
#include "safi/mojibake.h"
#include "safi/encoding.h"
#include "safi/sentence.h"
#include "safi/boilerplate.h"
#include "safi/words.h"
#include "safi/terms.h"
#include "safi/jsonl.h"
#include "safi/minhash.h"
#include "safi/dedup.h"
#include "safi/warc.h"

#endif
