#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "cli_input.h"
#include "cli_stats.h"

enum format { PLAIN, GZIP, ZSTD, XZ, BZIP2 };

static const char *const format_name[] = {NULL, "gzip", "zstd", "xz", "bzip2"};

/*
 * Magic bytes.  A text file could only be taken for bzip2 ("BZh" is
 * ASCII), so bzip2 needs the magic of its first block (pi) or of an empty
 * stream's end (sqrt(pi)) as well: ten bytes in all.  '?' in a pattern is
 * any byte of a range given beside it.
 */
struct magic {
	enum format format;
	unsigned char bytes[10];
	size_t len;
	size_t range_at;              /* byte that takes a range, or len */
	unsigned char lo, hi;
};

static const struct magic magics[] = {
	{GZIP, {0x1f, 0x8b, 0x08}, 3, 3, 0, 0},
	{ZSTD, {0x28, 0xb5, 0x2f, 0xfd}, 4, 4, 0, 0},
	/* a zstd skippable frame: 0x184D2A5? little-endian */
	{ZSTD, {0x50, 0x2a, 0x4d, 0x18}, 4, 0, 0x50, 0x5f},
	{XZ, {0xfd, '7', 'z', 'X', 'Z', 0x00}, 6, 6, 0, 0},
	{BZIP2, {'B', 'Z', 'h', '1', 0x31, 0x41, 0x59, 0x26, 0x53, 0x59}, 10, 3, '1', '9'},
	{BZIP2, {'B', 'Z', 'h', '1', 0x17, 0x72, 0x45, 0x38, 0x50, 0x90}, 10, 3, '1', '9'},
};

#define SNIFF_MAX 10

/* The format whose magic s[0..n) starts with; -1 when n bytes are too few
 * to tell (a magic begins so but is longer). */
static int
sniff(const unsigned char *s, size_t n, int eof)
{
	size_t i, k;
	int undecided = 0;

	for (i = 0; i < sizeof magics / sizeof magics[0]; i++) {
		const struct magic *m = &magics[i];

		for (k = 0; k < n && k < m->len; k++) {
			if (k == m->range_at ? s[k] < m->lo || s[k] > m->hi :
			    s[k] != m->bytes[k])
				break;
		}
		if (k == m->len)
			return (int)m->format;
		if (k == n)
			undecided = 1;
	}
	return undecided && !eof ? -1 : PLAIN;
}

/* Blocks of decompressed bytes in flight between the thread and the
 * reader: 1 MiB in all.  Blocks of the reader's size keep both sides
 * busy on a loaded machine, where a side that waits for a large block
 * to be filled waits again for a processor (measured: 8 x 128 KiB took
 * half the time of 4 x 512 KiB with ten jobs on two processors). */
#define NBLOCKS 8
#define BLOCK_SIZE (128 * 1024)
#define IN_SIZE (128 * 1024)

struct block {
	char *p;
	size_t len;
	uint64_t read_to;   /* compressed bytes read when the block was filled */
};

struct cli_source {
	enum format format;
	int sniffed;
	unsigned char head[SNIFF_MAX];  /* plain: the bytes read to sniff */
	size_t head_len, head_pos;
	/* compressed: the thread's side */
	int fd;
	int wake[2];                /* written when the reader leaves early */
	pthread_t thread;
	int started;
	union {
		z_stream z;
		ZSTD_DStream *zs;
		lzma_stream x;
		bz_stream b;
	} codec;
	int codec_ready;
	unsigned char *in;          /* compressed bytes */
	size_t in_len, in_pos;
	int in_eof;
	uint64_t read_total;        /* compressed bytes read */
	uint64_t out_total;         /* decompressed bytes made */
	uint64_t members;           /* gzip members, bzip2 streams begun */
	int frame_open;             /* a member is begun and not ended */
	uint64_t read_counted;      /* compressed bytes counted in the stats */
	/* shared, under the mutex */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct block blocks[NBLOCKS];
	unsigned filled, taken;     /* blocks handed over and taken back, ever */
	int done;                   /* the thread made its last block */
	int stop;                   /* the reader has gone */
	/* how the stream ended, set by the thread before done */
	int fault;                  /* 0, or what went wrong (below) */
	int read_errno;
	char why[160];
	uint64_t fault_at;          /* uncompressed byte offset */
	/* the reader's side */
	size_t pos;                 /* in blocks[taken % NBLOCKS] */
};

enum {
	FAULT_NONE, FAULT_CORRUPT, FAULT_TRUNCATED, FAULT_READ, FAULT_MEMORY,
	FAULT_STOPPED   /* the reader left: nobody to tell */
};

/* Reads more compressed bytes when those held are used up.  Returns 0, or
 * -1 after a read error or when the reader has left (recorded). */
static int
refill(struct cli_source *s)
{
	struct pollfd wait[2] = {{s->fd, POLLIN, 0}, {s->wake[0], POLLIN, 0}};
	long k;

	if (s->in_pos < s->in_len || s->in_eof)
		return 0;
	/* A writer that does not close must not hold a program that has
	 * left the input (cli_input_end): wait for the input or for that. */
	while (poll(wait, 2, -1) < 0 && errno == EINTR)
		;
	if (wait[1].revents) {
		s->fault = FAULT_STOPPED;
		return -1;
	}
	k = cli_fd_read(&s->fd, s->in, IN_SIZE);
	if (k < 0) {
		s->read_errno = errno;
		s->fault = FAULT_READ;
		return -1;
	}
	s->in_len = (size_t)k;
	s->in_pos = 0;
	s->read_total += (uint64_t)k;
	if (k == 0)
		s->in_eof = 1;
	return 0;
}

/* Whether there are compressed bytes to decode, reading more when those
 * held are used up.  Decoded bytes are not held back while the thread
 * waits for more input (a slow writer's text goes on as it comes):
 * with |made| bytes in the block and nothing left to decode, it returns 0
 * so that the block is handed over first.  At the end of the input
 * *ended is set, and a member left open is a truncation; a read error is
 * recorded. */
static int
has_input(struct cli_source *s, size_t made, int *ended)
{
	if (s->in_pos == s->in_len && !s->in_eof && made > 0)
		return 0;
	if (refill(s) < 0)
		return 0;
	if (s->in_pos < s->in_len)
		return 1;
	if (s->frame_open)
		s->fault = FAULT_TRUNCATED;
	*ended = 1;
	return 0;
}

static void
corrupt(struct cli_source *s, uint64_t at, const char *why)
{
	s->fault = FAULT_CORRUPT;
	s->fault_at = at;
	snprintf(s->why, sizeof s->why, "%s", why);
}

/*
 * Each decoder fills out[0..cap) and sets *got; it returns 0 while there
 * may be more, 1 at the end of the input, -1 at a fault (recorded).
 * s->frame_open says a member (frame, stream) was begun and not ended, so
 * that the end of the input there is a truncation.
 */
static int
decode_gzip(struct cli_source *s, char *out, size_t cap, size_t *got)
{
	z_stream *z = &s->codec.z;
	int rc, ended = 0;

	z->next_out = (Bytef *)out;
	z->avail_out = (uInt)cap;
	while (z->avail_out > 0) {
		if (!has_input(s, cap - z->avail_out, &ended))
			break;
		if (!s->frame_open) {
			/* another member may follow, as in *.warc.gz */
			if (s->members > 0) {
				if (s->in[s->in_pos] != 0x1f) {
					corrupt(s, s->out_total + (cap - z->avail_out),
					        "data after the last member is not gzip");
					break;
				}
				inflateReset(z);
			}
			s->members++;
			s->frame_open = 1;
		}
		z->next_in = s->in + s->in_pos;
		z->avail_in = (uInt)(s->in_len - s->in_pos);
		rc = inflate(z, Z_NO_FLUSH);
		s->in_pos = s->in_len - z->avail_in;
		if (rc == Z_STREAM_END) {
			s->frame_open = 0;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			corrupt(s, s->out_total + (cap - z->avail_out),
			        rc == Z_MEM_ERROR ? "out of memory" :
			        z->msg ? z->msg : "invalid data");
			if (rc == Z_MEM_ERROR)
				s->fault = FAULT_MEMORY;
			break;
		}
	}
	*got = cap - z->avail_out;
	return s->fault ? -1 : ended;
}

static int
decode_zstd(struct cli_source *s, char *out, size_t cap, size_t *got)
{
	ZSTD_outBuffer ob = {out, cap, 0};
	ZSTD_inBuffer ib;
	size_t rc;
	int ended = 0;

	while (ob.pos < ob.size) {
		if (!has_input(s, ob.pos, &ended))
			break;
		ib.src = s->in;
		ib.size = s->in_len;
		ib.pos = s->in_pos;
		/* frames follow each other: the decoder starts the next one */
		rc = ZSTD_decompressStream(s->codec.zs, &ob, &ib);
		s->in_pos = ib.pos;
		if (ZSTD_isError(rc)) {
			corrupt(s, s->out_total + ob.pos, ZSTD_getErrorName(rc));
			if (ZSTD_getErrorCode(rc) == ZSTD_error_memory_allocation)
				s->fault = FAULT_MEMORY;
			break;
		}
		s->frame_open = rc != 0;
	}
	*got = ob.pos;
	return s->fault ? -1 : ended;
}

static const char *
lzma_why(lzma_ret rc)
{
	switch (rc) {
	case LZMA_MEM_ERROR: return "out of memory";
	case LZMA_FORMAT_ERROR: return "not in the xz format";
	case LZMA_OPTIONS_ERROR: return "unsupported compression options";
	case LZMA_DATA_ERROR: return "compressed data is corrupt";
	case LZMA_UNSUPPORTED_CHECK: return "unsupported integrity check";
	default: return "invalid data";
	}
}

static int
decode_xz(struct cli_source *s, char *out, size_t cap, size_t *got)
{
	lzma_stream *x = &s->codec.x;
	lzma_ret rc;
	int ended = 0;

	x->next_out = (uint8_t *)out;
	x->avail_out = cap;
	while (x->avail_out > 0) {
		/* as has_input(): what is decoded goes on before a read waits */
		if (s->in_pos == s->in_len && !s->in_eof && x->avail_out < cap)
			break;
		if (refill(s) < 0)
			break;
		x->next_in = s->in + s->in_pos;
		x->avail_in = s->in_len - s->in_pos;
		rc = lzma_code(x, s->in_eof ? LZMA_FINISH : LZMA_RUN);
		s->in_pos = s->in_len - x->avail_in;
		if (rc == LZMA_STREAM_END) {
			ended = 1;
			break;
		}
		if (rc == LZMA_BUF_ERROR && s->in_eof) {
			s->fault = FAULT_TRUNCATED;
			break;
		}
		if (rc != LZMA_OK && rc != LZMA_BUF_ERROR) {
			corrupt(s, s->out_total + (cap - x->avail_out), lzma_why(rc));
			if (rc == LZMA_MEM_ERROR)
				s->fault = FAULT_MEMORY;
			break;
		}
	}
	*got = cap - x->avail_out;
	return s->fault ? -1 : ended;
}

static int
decode_bzip2(struct cli_source *s, char *out, size_t cap, size_t *got)
{
	bz_stream *b = &s->codec.b;
	int rc, ended = 0;

	b->next_out = out;
	b->avail_out = (unsigned)cap;
	while (b->avail_out > 0) {
		if (!has_input(s, cap - b->avail_out, &ended))
			break;
		if (!s->frame_open) {
			/* another stream may follow, as pbzip2 writes them */
			if (s->members > 0) {
				unsigned left = b->avail_out;

				BZ2_bzDecompressEnd(b);
				memset(b, 0, sizeof *b);
				if (BZ2_bzDecompressInit(b, 0, 0) != BZ_OK) {
					s->codec_ready = 0;
					corrupt(s, s->out_total + (cap - left), "out of memory");
					s->fault = FAULT_MEMORY;
					break;
				}
				b->next_out = out + (cap - left);
				b->avail_out = left;
			}
			s->members++;
			s->frame_open = 1;
		}
		b->next_in = (char *)s->in + s->in_pos;
		b->avail_in = (unsigned)(s->in_len - s->in_pos);
		rc = BZ2_bzDecompress(b);
		s->in_pos = s->in_len - b->avail_in;
		if (rc == BZ_STREAM_END) {
			s->frame_open = 0;
		} else if (rc != BZ_OK) {
			corrupt(s, s->out_total + (cap - b->avail_out),
			        rc == BZ_MEM_ERROR ? "out of memory" :
			        rc == BZ_DATA_ERROR_MAGIC && s->members > 1 ?
			        "data after the last stream is not bzip2" :
			        "compressed data is corrupt");
			if (rc == BZ_MEM_ERROR)
				s->fault = FAULT_MEMORY;
			break;
		}
	}
	*got = cap - b->avail_out;
	return s->fault ? -1 : ended;
}

static int
codec_init(struct cli_source *s)
{
	switch (s->format) {
	case GZIP:
		if (inflateInit2(&s->codec.z, 15 + 16) != Z_OK)
			return -1;
		break;
	case ZSTD:
		if ((s->codec.zs = ZSTD_createDStream()) == NULL)
			return -1;
		break;
	case XZ: {
		lzma_stream init = LZMA_STREAM_INIT;

		s->codec.x = init;
		if (lzma_stream_decoder(&s->codec.x, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
			return -1;
		break;
	}
	case BZIP2:
		if (BZ2_bzDecompressInit(&s->codec.b, 0, 0) != BZ_OK)
			return -1;
		break;
	case PLAIN:
		break;
	}
	s->codec_ready = 1;
	return 0;
}

static void
codec_end(struct cli_source *s)
{
	if (!s->codec_ready)
		return;
	switch (s->format) {
	case GZIP: inflateEnd(&s->codec.z); break;
	case ZSTD: ZSTD_freeDStream(s->codec.zs); break;
	case XZ: lzma_end(&s->codec.x); break;
	case BZIP2: BZ2_bzDecompressEnd(&s->codec.b); break;
	case PLAIN: break;
	}
	s->codec_ready = 0;
}

/* The thread: fills free blocks until the stream ends, fails or the
 * reader goes away. */
static void *
decompress(void *arg)
{
	struct cli_source *s = arg;
	int end = 0;

	while (!end) {
		struct block *bl;
		size_t got = 0;

		pthread_mutex_lock(&s->mu);
		while (s->filled - s->taken == NBLOCKS && !s->stop)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->stop) {
			pthread_mutex_unlock(&s->mu);
			break;
		}
		bl = &s->blocks[s->filled % NBLOCKS];
		pthread_mutex_unlock(&s->mu);

		switch (s->format) {
		case GZIP: end = decode_gzip(s, bl->p, BLOCK_SIZE, &got); break;
		case ZSTD: end = decode_zstd(s, bl->p, BLOCK_SIZE, &got); break;
		case XZ: end = decode_xz(s, bl->p, BLOCK_SIZE, &got); break;
		case BZIP2: end = decode_bzip2(s, bl->p, BLOCK_SIZE, &got); break;
		case PLAIN: end = 1; break;
		}
		s->out_total += got;

		pthread_mutex_lock(&s->mu);
		bl->len = got;
		bl->read_to = s->read_total;
		s->filled++;
		if (end)
			s->done = 1;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
	}
	return NULL;
}

/* Starts the thread over the bytes read so far (head[0..n)). */
static int
start(struct cli_source *s, int fd, const unsigned char *head, size_t n)
{
	sigset_t all, old;
	int i, rc;

	s->fd = fd;
	if ((s->in = malloc(IN_SIZE)) == NULL)
		return -1;
	memcpy(s->in, head, n);
	s->in_len = n;
	for (i = 0; i < NBLOCKS; i++)
		if ((s->blocks[i].p = malloc(BLOCK_SIZE)) == NULL)
			return -1;
	if (codec_init(s) < 0)
		return -1;
	if (pipe(s->wake) < 0)
		return -1;
	fcntl(s->wake[0], F_SETFD, FD_CLOEXEC);
	fcntl(s->wake[1], F_SETFD, FD_CLOEXEC);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	/* Signals (SIGINT, the --progress timer, SIGUSR1) are the main
	 * thread's to take. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&s->thread, NULL, decompress, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_mutex_destroy(&s->mu);
		pthread_cond_destroy(&s->cv);
		close(s->wake[0]);
		close(s->wake[1]);
		return -1;
	}
	s->started = 1;
	return 0;
}

/* Hands out decompressed bytes from the blocks the thread filled. */
static long
take(struct cli_source *s, char *buf, size_t cap)
{
	struct block *bl;
	size_t n;

	pthread_mutex_lock(&s->mu);
	for (;;) {
		while (s->filled == s->taken && !s->done)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->filled == s->taken) {
			pthread_mutex_unlock(&s->mu);
			return 0;
		}
		bl = &s->blocks[s->taken % NBLOCKS];
		if (s->pos < bl->len)
			break;
		/* an empty or used-up block goes back to the thread */
		s->taken++;
		s->pos = 0;
		pthread_cond_broadcast(&s->cv);
	}
	pthread_mutex_unlock(&s->mu);
	/* The thread does not touch a block it handed over until it is given
	 * back, so the copy needs no lock. */
	n = bl->len - s->pos < cap ? bl->len - s->pos : cap;
	memcpy(buf, bl->p + s->pos, n);
	s->pos += n;
	cli_stats.bytes_read += bl->read_to - s->read_counted;
	s->read_counted = bl->read_to;
	return (long)n;
}

long
cli_input_read(struct cli_input *in, void *buf, size_t cap)
{
	struct cli_source *s = in->source;
	long k;
	int f;

	cli_progress_poll();
	if (s == NULL) {
		if ((s = in->source = calloc(1, sizeof *s)) == NULL)
			return -1;
		/* Read until the first bytes tell the format: a few bytes, and
		 * only when they begin like a magic number (so that a short
		 * first line from an interactive writer is not held up). */
		do {
			k = cli_fd_read(&in->fd, s->head + s->head_len,
			                SNIFF_MAX - s->head_len);
			if (k < 0)
				return -1;
			s->head_len += (size_t)k;
			f = sniff(s->head, s->head_len, k == 0);
		} while (f < 0);
		s->format = (enum format)f;
		s->sniffed = 1;
		cli_stats.bytes_read += s->head_len;
		if (s->format != PLAIN && start(s, in->fd, s->head, s->head_len) < 0) {
			cli_input_end(in);
			errno = ENOMEM;
			return -1;
		}
	}
	if (s->format != PLAIN) {
		k = take(s, buf, cap);
	} else if (s->head_pos < s->head_len) {
		k = (long)(s->head_len - s->head_pos < cap ? s->head_len - s->head_pos : cap);
		memcpy(buf, s->head + s->head_pos, (size_t)k);
		s->head_pos += (size_t)k;
	} else {
		/* plain bytes go straight to the caller */
		k = cli_fd_read(&in->fd, buf, cap);
		if (k > 0)
			cli_stats.bytes_read += (uint64_t)k;
	}
	if (k > 0)
		cli_stats.bytes_in += (uint64_t)k;
	return k;
}

/* Below this a file is read: a read of a small file costs less than
 * setting up and tearing down a mapping, and the copy it saves is small. */
#define MAP_MIN ((off_t)1 << 20)

int
cli_input_map(struct cli_input *in, size_t max)
{
	struct stat st;
	void *p;

	if (in->source != NULL || in->map != NULL || fstat(in->fd, &st) < 0 ||
	    !S_ISREG(st.st_mode) || st.st_size < MAP_MIN ||
	    (uint64_t)st.st_size > max || lseek(in->fd, 0, SEEK_CUR) != 0)
		return 0;
	/* MAP_POPULATE: the page tables are filled in one go, not one fault
	 * at a time as the lines are read */
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, in->fd, 0);
	if (p == MAP_FAILED)
		return 0;
	if (sniff(p, SNIFF_MAX, 1) != PLAIN || lseek(in->fd, st.st_size, SEEK_SET) < 0) {
		munmap(p, (size_t)st.st_size);
		return 0;
	}
	(void)madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
	in->map = p;
	in->map_len = (size_t)st.st_size;
	return 1;
}

int
cli_input_error(const struct cli_input *in)
{
	struct cli_source *s = in->source;
	const char *name;
	int ended;

	if (s == NULL || s->format == PLAIN)
		return 0;
	/* only a fault the reader got to (all blocks before it taken) is told:
	 * a reader that stopped early has said why already */
	pthread_mutex_lock(&s->mu);
	ended = s->done && s->filled == s->taken;
	pthread_mutex_unlock(&s->mu);
	if (!ended || !s->fault)
		return 0;
	name = format_name[s->format];
	switch (s->fault) {
	case FAULT_TRUNCATED:
		cli_warn_at(in->label, 0,
		            "truncated %s data: it ends at uncompressed byte offset %llu",
		            name, (unsigned long long)s->out_total);
		break;
	case FAULT_MEMORY:
		cli_warn_at(in->label, 0,
		            "out of memory decompressing %s data at uncompressed byte offset %llu",
		            name, (unsigned long long)s->fault_at);
		break;
	case FAULT_READ:
		errno = s->read_errno;
		cli_warn_at(in->label, 0,
		            "read error after uncompressed byte offset %llu:",
		            (unsigned long long)s->out_total);
		break;
	default:
		cli_warn_at(in->label, 0,
		            "corrupt %s data at uncompressed byte offset %llu: %s",
		            name, (unsigned long long)s->fault_at, s->why);
	}
	cli_status = 1;   /* counted in input_errors by cli_each_input() */
	return 1;
}

int
cli_each_input(int n, char **files, cli_input_fn fn, void *ctx)
{
	static char *dash[] = {"-"};
	struct cli_input in;
	int i, rc = 0;

	if (n == 0) {
		n = 1;
		files = dash;
	}
	cli_progress_inputs(n, files);
	for (i = 0; i < n && rc >= 0; i++) {
		cli_stats_input_begin();
		if (cli_open(files[i], &in) == 0) {
			rc = fn(ctx, &in);
			cli_close(&in);
		}
		cli_stats_input_end();
	}
	return rc;
}

void
cli_input_end(struct cli_input *in)
{
	struct cli_source *s = in->source;
	int i;

	if (in->map) {
		munmap((void *)in->map, in->map_len);
		in->map = NULL;
		in->map_len = 0;
	}
	if (s == NULL)
		return;
	if (s->started) {
		/* A thread that waits for a free block sees stop; one that waits
		 * for input from a writer that may never write again (the
		 * program left the input early) is woken by the pipe. */
		pthread_mutex_lock(&s->mu);
		s->stop = 1;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		/* one byte in an empty pipe of its own: it does not block */
		while (write(s->wake[1], "", 1) < 0 && errno == EINTR)
			;
		pthread_join(s->thread, NULL);
		close(s->wake[0]);
		close(s->wake[1]);
		pthread_mutex_destroy(&s->mu);
		pthread_cond_destroy(&s->cv);
	}
	codec_end(s);
	for (i = 0; i < NBLOCKS; i++)
		free(s->blocks[i].p);
	free(s->in);
	free(s);
	in->source = NULL;
}
