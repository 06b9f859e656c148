#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_stats.h"

struct cli_stats cli_stats;
int cli_stats_records;
int cli_stats_doc_open;
volatile sig_atomic_t cli_progress_due;

/* The common counters, in the order they are written. */
static const struct {
	const char *name;
	const uint64_t *value;
} common[] = {
	{"bytes_read", &cli_stats.bytes_read},
	{"bytes_in", &cli_stats.bytes_in},
	{"lines_in", &cli_stats.lines_in},
	{"documents_in", &cli_stats.documents_in},
	{"bytes_out", &cli_stats.bytes_out},
	{"invalid_utf8", &cli_stats.invalid_utf8},
	{"input_errors", &cli_stats.input_errors},
	{"jsonl_bad_lines", &cli_stats.jsonl_bad_lines},
	{"documents_dropped_empty", &cli_stats.documents_dropped_empty},
};

/* The program's own counters.  Their addresses are handed out, so they
 * live in chunks that never move. */
#define CHUNK 32
struct counter_chunk {
	char *names[CHUNK];
	uint64_t values[CHUNK];
	size_t n;
	struct counter_chunk *next;
};

static struct counter_chunk *counters, *last_chunk;

static const char *stats_path;
static int stats_fd = -1;
static int progress;           /* --progress */
static int progress_tty;       /* stderr is a terminal: one line, redrawn */
static int progress_open;      /* a redrawn line stands without its LF */
static struct timespec started;
static uint64_t total_size;    /* of all inputs, 0 when unknown */
static int saved_status;

static void
on_signal(int sig)
{
	(void)sig;
	cli_progress_due = 1;
}

void
cli_progress_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	/* as dd: SIGUSR1 asks for one status line, and ends nothing */
	sigaction(SIGUSR1, &sa, NULL);
	clock_gettime(CLOCK_MONOTONIC, &started);
}

static void
start_progress(void)
{
	struct sigaction sa;
	struct itimerval every = {{1, 0}, {1, 0}};

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &every, NULL);
	progress = 1;
	progress_tty = isatty(2);
}

int
cli_stats_option(int c, const char *arg)
{
	switch (c) {
	case CLI_OPT_STATS:
		if (*arg == '\0')
			cli_usage("--stats=FILE: the FILE name is empty");
		if (stats_fd >= 0)
			close(stats_fd);
		stats_path = arg;
		stats_fd = open(arg, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (stats_fd < 0) {
			/* as a file any option names: before any input is read */
			cli_warn("%s:", arg);
			exit(CLI_EXIT_USAGE);
		}
		return 1;
	case CLI_OPT_PROGRESS:
		start_progress();
		return 1;
	}
	return 0;
}

uint64_t *
cli_stats_counter(const char *name)
{
	struct counter_chunk *ch;
	char *copy, *p;
	size_t i;

	for (ch = counters; ch; ch = ch->next)
		for (i = 0; i < ch->n; i++)
			if (strcmp(ch->names[i], name) == 0)
				return &ch->values[i];
	if (last_chunk == NULL || last_chunk->n == CHUNK) {
		if ((ch = calloc(1, sizeof *ch)) == NULL)
			goto nomem;
		if (last_chunk)
			last_chunk->next = ch;
		else
			counters = ch;
		last_chunk = ch;
	}
	if ((copy = strdup(name)) == NULL)
		goto nomem;
	for (p = copy; *p; p++)
		if (*p == '-')
			*p = '_';
	last_chunk->names[last_chunk->n] = copy;
	return &last_chunk->values[last_chunk->n++];
nomem:
	cli_warn("out of memory");
	exit(1);
}

void
cli_stats_input_begin(void)
{
	saved_status = cli_status;
	cli_status = 0;
}

void
cli_stats_input_end(void)
{
	cli_stats.documents_in += cli_stats_doc_open && !cli_stats_records;
	cli_stats_doc_open = 0;
	cli_stats.input_errors += cli_status != 0;
	cli_status |= saved_status;
}

void
cli_progress_inputs(int n, char **files)
{
	struct stat st;
	int i;

	total_size = 0;
	for (i = 0; i < (n ? n : 1); i++) {
		int ok = n == 0 || strcmp(files[i], "-") == 0 ? fstat(0, &st) :
		         stat(files[i], &st);

		if (ok < 0 || !S_ISREG(st.st_mode)) {
			total_size = 0;
			return;
		}
		total_size += (uint64_t)st.st_size;
	}
}

/* 1234567 -> "1.2 MB" (powers of 1000, as dd and df -H count). */
static void
human(char *out, size_t cap, double v)
{
	static const char *const unit[] = {"B", "kB", "MB", "GB", "TB", "PB"};
	int u = 0;

	while (v >= 1000 && u < 5) {
		v /= 1000;
		u++;
	}
	snprintf(out, cap, u ? "%.1f %s" : "%.0f %s", v, unit[u]);
}

static double
elapsed(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - started.tv_sec) +
	    (double)(now.tv_nsec - started.tv_nsec) / 1e9;
}

/* Writes the status line; |final| ends it with a line feed whatever the
 * terminal. */
static void
status_line(int final)
{
	char line[256], read_s[32], text_s[32], rate_s[32];
	double t = elapsed(), rate;
	size_t n;

	rate = t > 0 ? (double)cli_stats.bytes_read / t : 0;
	human(read_s, sizeof read_s, (double)cli_stats.bytes_read);
	human(text_s, sizeof text_s, (double)cli_stats.bytes_in);
	human(rate_s, sizeof rate_s, rate);
	n = (size_t)snprintf(line, sizeof line, "%s: %s read", cli_progname,
	                     read_s);
	if (cli_stats.bytes_in != cli_stats.bytes_read && n < sizeof line)
		n += (size_t)snprintf(line + n, sizeof line - n, " (%s of text)", text_s);
	if (n < sizeof line)
		n += (size_t)snprintf(line + n, sizeof line - n,
		                      ", %llu documents, %s/s, %.0f s",
		                      (unsigned long long)cli_stats.documents_in, rate_s, t);
	if (total_size > 0 && n < sizeof line) {
		double done = (double)cli_stats.bytes_read / (double)total_size;
		double left = rate > 0 ? (double)(total_size - (cli_stats.bytes_read < total_size ?
		              cli_stats.bytes_read : total_size)) / rate : 0;

		n += (size_t)snprintf(line + n, sizeof line - n, ", %.0f%%", done * 100);
		if (!final && rate > 0 && n < sizeof line)
			n += (size_t)snprintf(line + n, sizeof line - n,
			                      ", %d:%02d:%02d left", (int)(left / 3600),
			                      (int)left / 60 % 60, (int)left % 60);
	}
	if (progress_tty && progress && !final) {
		/* one line, redrawn in place */
		fprintf(stderr, "\r%s\033[K", line);
		progress_open = 1;
	} else {
		cli_progress_break();
		fprintf(stderr, "%s\n", line);
	}
	fflush(stderr);
}

void
cli_progress_line(void)
{
	cli_progress_due = 0;
	status_line(0);
}

void
cli_progress_break(void)
{
	if (progress_open) {
		progress_open = 0;
		fputc('\n', stderr);
	}
}

/* Writes the stats through a writer, which retries short writes.  Returns
 * 0, or -1 with errno set. */
static int
write_stats(const char *s, size_t n)
{
	struct safi_writer *w;
	int rc, e;

	if (safi_writer_new(&w, cli_fd_write, &stats_fd, 0) < 0) {
		errno = ENOMEM;
		return -1;
	}
	rc = safi_writer_put(w, s, n);
	if (rc == 0)
		rc = safi_writer_flush(w);
	e = errno;
	safi_writer_free(w);
	errno = e;
	return rc < 0 ? -1 : 0;
}

int
cli_stats_finish(void)
{
	struct counter_chunk *ch, *next;
	struct safi_buf b = SAFI_BUF_INIT;
	char num[32];
	size_t i;
	int rc = 0, k, e = 0;

	if (progress) {
		struct itimerval off = {{0, 0}, {0, 0}};

		setitimer(ITIMER_REAL, &off, NULL);
		status_line(1);
	}
	if (stats_fd >= 0) {
		rc |= safi_buf_putc(&b, '{');
		for (i = 0; i < sizeof common / sizeof common[0]; i++) {
			k = snprintf(num, sizeof num, "%llu", (unsigned long long)*common[i].value);
			rc |= safi_buf_append(&b, i ? ",\"" : "\"", i ? 2 : 1);
			rc |= safi_buf_append(&b, common[i].name, strlen(common[i].name));
			rc |= safi_buf_append(&b, "\":", 2);
			rc |= safi_buf_append(&b, num, (size_t)k);
		}
		for (ch = counters; ch; ch = ch->next)
			for (i = 0; i < ch->n; i++) {
				k = snprintf(num, sizeof num, "%llu", (unsigned long long)ch->values[i]);
				rc |= safi_buf_append(&b, ",\"", 2);
				rc |= safi_buf_append(&b, ch->names[i], strlen(ch->names[i]));
				rc |= safi_buf_append(&b, "\":", 2);
				rc |= safi_buf_append(&b, num, (size_t)k);
			}
		rc |= safi_buf_append(&b, "}\n", 2);
		if (rc < 0)
			e = ENOMEM;
		else if (write_stats(b.ptr, b.len) < 0)
			e = errno;
		if (close(stats_fd) < 0 && e == 0)
			e = errno;
		stats_fd = -1;
		if (e == ENOMEM) {
			cli_warn("%s: %s", stats_path, safi_strerror(SAFI_ENOMEM));
		} else if (e) {
			errno = e;
			cli_warn("%s: write error:", stats_path);
		}
		rc = e ? -1 : 0;
		safi_buf_free(&b);
	}
	for (ch = counters; ch; ch = next) {
		next = ch->next;
		for (i = 0; i < ch->n; i++)
			free(ch->names[i]);
		free(ch);
	}
	counters = last_chunk = NULL;
	return rc < 0 ? -1 : 0;
}
