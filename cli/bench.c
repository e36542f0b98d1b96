// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * kcap bench: the added cost per syscall of capturing with each backend,
 * measured side by side and interleaved against the same workload without
 * capture, with events consumed and formatted by a reader as a real user's
 * would be. These machines are noisy: compare the configurations of one run,
 * not figures of different runs.
 *
 * "reference" is not a backend: the least a ring-buffer syscall tracer can do
 * (bench_ref.bpf.c), a 32-byte record per syscall exit, which the performance
 * targets are stated against.
 *
 * Workloads: "single" pins one thread to the last CPU (the reader gets CPU 0)
 * looping getppid(), read(/dev/zero, 1 byte) and close(-1); "multi" runs that
 * loop on every CPU at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "kcap.h"
#include "commands.h"
#include "bench_ref.h"

#define MAX_CONFIGS 8
#define MAX_ROUNDS 64
#define SYSCALLS_PER_ITER 3
/* the reader benchmark's passes over captured events, and its drained workload */
#define PASSES 50
#define DRAIN_ITERATIONS 100000

struct config {
	char name[64];
	const char *peer; /* shell command of a peer tool, or NULL */
	double ns[MAX_ROUNDS]; /* per syscall, per round */
	double events_per_s[MAX_ROUNDS];
	uint64_t drops, events;
	uint64_t kernel_mem, reader_rss;
	char error[512];
	bool is_backend; /* name is a backend; neither this nor peer: bare */
	bool failed;
};

/* What a reader process reports back when stopped. */
struct reader_report {
	uint64_t events_read;
	uint64_t drops;
	uint64_t kernel_mem;
	uint64_t rss;
	double seconds;
	int ok;
	char error[480];
};

static int ncpus;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void syscall_loop(long iters, int fd)
{
	char c;

	for (long i = 0; i < iters; i++) {
		syscall(SYS_getppid);
		if (syscall(SYS_read, fd, &c, 1) < 0)
			break;
		syscall(SYS_close, -1);
	}
}

/*
 * Runs the loop in nthreads processes pinned to distinct CPUs (the last ones),
 * started together; returns the mean ns per syscall.
 */
static double run_workload(int nthreads, long iters)
{
	int go[2], res[2];
	double sum = 0;
	pid_t pids[256];

	if (pipe(go) || pipe(res))
		return -1;
	for (int t = 0; t < nthreads; t++) {
		pids[t] = fork();
		if (pids[t] == 0) {
			int fd = open("/dev/zero", O_RDONLY);
			double t0, ns;
			char c;

			pin(ncpus - 1 - t % ncpus);
			close(go[1]);
			syscall_loop(iters / 20, fd); /* warm up */
			if (read(go[0], &c, 1) < 0)
				_exit(1);
			t0 = now_s();
			syscall_loop(iters, fd);
			ns = (now_s() - t0) * 1e9 / (double)(iters * SYSCALLS_PER_ITER);
			if (write(res[1], &ns, sizeof(ns)) < 0)
				_exit(1);
			_exit(0);
		}
	}
	close(go[0]);
	close(res[1]);
	usleep(20000);
	close(go[1]); /* EOF releases every thread at once */
	for (int t = 0; t < nthreads; t++) {
		double ns = 0;

		if (read(res[0], &ns, sizeof(ns)) != sizeof(ns))
			ns = -1;
		sum += ns;
		waitpid(pids[t], NULL, 0);
	}
	close(res[0]);
	return sum / nthreads;
}

static uint64_t rss_bytes(void)
{
	char line[256];
	uint64_t kb = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = strtoull(line + 6, NULL, 10);
	fclose(f);
	return kb * 1024;
}

static volatile sig_atomic_t reader_stop;

static void on_stop(int sig)
{
	(void)sig;
	reader_stop = 1;
}

/* The reader process: capture, format every event to JSON, discard it. */
#define REFERENCE "reference"

/* The reference capture's reader: consumes every record, polling like kcap's. */
static void reference_reader_main(int ready_fd, int report_fd)
{
	struct reader_report r = { 0 };
	struct bench_ref *ref;
	unsigned int nap_us = 50;
	char c = 1;
	double t0;

	if (bench_ref_open(&ref, r.error, sizeof(r.error))) {
		c = 0;
		if (write(ready_fd, &c, 1) < 0 || write(report_fd, &r, sizeof(r)) < 0)
			_exit(1);
		_exit(1);
	}
	r.kernel_mem = bench_ref_kernel_bytes(ref);
	if (write(ready_fd, &c, 1) < 0)
		_exit(1);
	t0 = now_s();
	while (!reader_stop) {
		int n = bench_ref_poll(ref);

		if (n > 0) {
			r.events_read += (uint64_t)n;
			nap_us = 50;
		} else {
			usleep(nap_us);
			nap_us = nap_us < 1000 ? 2 * nap_us : 1000;
		}
	}
	r.seconds = now_s() - t0;
	r.drops = bench_ref_drops(ref);
	r.rss = rss_bytes();
	r.ok = 1;
	bench_ref_close(ref);
	if (write(report_fd, &r, sizeof(r)) < 0)
		_exit(1);
	_exit(0);
}

/* The capture of a reader, and its writer when wo; err set when either failed. */
static void open_reader(const char *name, const struct kcap_opts *opts,
			const struct kcap_writer_opts *wo, const char *path, struct kcap **k,
			struct kcap_writer **w, char *err, size_t errlen)
{
	const char *mode = strchr(name, ':');

	*k = NULL;
	*w = NULL;
	if (mode && strcmp(mode, ":w") != 0 && strcmp(mode, ":wz") != 0) {
		snprintf(err, errlen, "%s: unknown output (BACKEND:w or BACKEND:wz)", name);
		return;
	}
	if (kcap_open(opts, k, err, errlen))
		return;
	if (kcap_start(*k) || (wo && kcap_writer_open(*k, path, wo, w, err, errlen))) {
		if (!err[0])
			snprintf(err, errlen, "%s", kcap_last_error(*k));
	}
}

/*
 * A configuration "BACKEND" reads and formats to JSON as kcap -j does;
 * "BACKEND:w" records into a capture file as kcap -w does, "BACKEND:wz"
 * with zstd.
 */
static void reader_main(const char *name, int ready_fd, int report_fd, bool pin_reader)
{
	struct kcap_opts opts = { .sz = sizeof(opts) };
	struct kcap_writer_opts wo = { .sz = sizeof(wo) };
	struct reader_report r = { 0 };
	static char line[KCAP_FORMAT_MAX];
	struct kcap_stats st = { .sz = sizeof(st) };
	struct kcap_writer *w = NULL;
	char backend[64], path[64];
	const char *mode = strchr(name, ':');
	struct kcap *k;
	double t0;
	char c = 1;

	snprintf(backend, sizeof(backend), "%.*s", mode ? (int)(mode - name) : 63, name);
	snprintf(path, sizeof(path), "/tmp/kcap-bench-%d.kcap", (int)getpid());
	opts.backend = backend;
	wo.compress = mode && strcmp(mode, ":wz") == 0;
	signal(SIGUSR1, on_stop);
	if (pin_reader)
		pin(0);
	if (strcmp(backend, REFERENCE) == 0)
		reference_reader_main(ready_fd, report_fd);
	open_reader(name, &opts, mode ? &wo : NULL, path, &k, &w, r.error, sizeof(r.error));
	if (r.error[0]) {
		c = 0;
		if (write(ready_fd, &c, 1) < 0 || write(report_fd, &r, sizeof(r)) < 0)
			_exit(1);
		_exit(1);
	}
	r.kernel_mem = kcap_get_stats(k, &st) == 0 ? st.kernel_bytes : 0;
	if (write(ready_fd, &c, 1) < 0)
		_exit(1);
	t0 = now_s();
	while (!reader_stop) {
		const struct kcap_event *ev;

		int ret = kcap_next(k, &ev, 50);

		if (ret == 0) {
			if (w)
				kcap_writer_write(w, ev);
			else
				kcap_format_json(ev, line, sizeof(line));
			r.events_read++;
		} else if (w) {
			kcap_writer_flush(w); /* idle, as kcap -w */
		}
	}
	r.seconds = now_s() - t0;
	kcap_get_stats(k, &st);
	r.drops = st.drops;
	r.rss = rss_bytes();
	r.ok = !w || kcap_writer_close(w) == 0;
	if (!r.ok)
		snprintf(r.error, sizeof(r.error), "%s", kcap_last_error(k));
	unlink(path);
	kcap_close(k);
	if (write(report_fd, &r, sizeof(r)) < 0)
		_exit(1);
	_exit(0);
}

/* One measurement of one configuration. */
static int measure(struct config *c, int round, int nthreads, long iters)
{
	int ready[2], report[2];
	struct reader_report r = { 0 };
	pid_t reader = -1;
	double ns;
	char ok = 0;

	if (!c->is_backend && !c->peer) {
		c->ns[round] = run_workload(nthreads, iters);
		return 0;
	}
	if (c->peer) {
		reader = fork();
		if (reader == 0) {
			setpgid(0, 0);
			execl("/bin/sh", "sh", "-c", c->peer, (char *)NULL);
			_exit(127);
		}
		sleep(3); /* peers have no readiness signal: let them attach */
		c->ns[round] = run_workload(nthreads, iters);
		kill(-reader, SIGINT);
		usleep(300000);
		kill(-reader, SIGKILL);
		waitpid(reader, NULL, 0);
		return 0;
	}
	if (pipe(ready) || pipe(report))
		return -1;
	reader = fork();
	if (reader == 0) {
		close(ready[0]);
		close(report[0]);
		reader_main(c->name, ready[1], report[1], nthreads < ncpus);
	}
	close(ready[1]);
	close(report[1]);
	if (read(ready[0], &ok, 1) != 1 || !ok) {
		if (read(report[0], &r, sizeof(r)) == sizeof(r))
			snprintf(c->error, sizeof(c->error), "%s", r.error);
		c->failed = true;
		waitpid(reader, NULL, 0);
		close(ready[0]);
		close(report[0]);
		return -1;
	}
	double t0 = now_s();

	ns = run_workload(nthreads, iters);
	double busy = now_s() - t0;

	usleep(100000); /* let the reader catch up before it stops */
	kill(reader, SIGUSR1);
	if (read(report[0], &r, sizeof(r)) != sizeof(r) || !r.ok) {
		c->failed = true;
		snprintf(c->error, sizeof(c->error), "the reader died");
	}
	waitpid(reader, NULL, 0);
	close(ready[0]);
	close(report[0]);
	c->ns[round] = ns;
	c->events_per_s[round] = busy > 0 ? (double)r.events_read / busy : 0;
	c->events += r.events_read;
	c->drops += r.drops;
	c->kernel_mem = r.kernel_mem;
	c->reader_rss = r.rss;
	return c->failed ? -1 : 0;
}

/*
 * Reader throughput: capture real events of the workload into memory, then
 * time decoding and formatting them to JSON written to /dev/null, on one core.
 */
/*
 * The reader's output as kcap -j writes it, into /dev/null: formatted lines
 * gathered in a buffer, written when it fills.
 */
struct json_sink {
	int fd;
	bool proc; /* each line with its process object, as kcap -j --proc */
	size_t len;
	char line[KCAP_FORMAT_MAX], out[1 << 16];
};

/* false when writing failed */
static bool sink_put(struct json_sink *k, const struct kcap_event *ev)
{
	int len = kcap_format_json(ev, k->line, sizeof(k->line));

	if (k->proc && len > 0)
		len = proc_append(ev, true, k->line, len, sizeof(k->line));

	if (len < 0 || k->len + (size_t)len + 1 > sizeof(k->out)) {
		if (write(k->fd, k->out, k->len) < 0)
			return false;
		k->len = 0;
	}
	if (len > 0) {
		memcpy(k->out + k->len, k->line, (size_t)len);
		k->len += (size_t)len;
		k->out[k->len++] = '\n';
	}
	return true;
}

static int format_rate(double *rate, size_t *nevents)
{
	/* a working set that stays in cache, as a reader holds one event at a time */
	enum { N = 20000 };
	/* events kept past kcap_close(): their descriptor names would not be */
	struct kcap_opts opts = { .sz = sizeof(opts), .no_fd_names = 1 };
	static struct json_sink sink;
	struct kcap_event *evs = calloc(N, sizeof(*evs));
	uint8_t *store = malloc((size_t)N * 256);
	char err[1024];
	size_t n = 0;
	struct kcap *k;
	double t0, secs;
	int devnull = open("/dev/null", O_WRONLY);
	pid_t load;

	if (!evs || !store || devnull < 0 || kcap_open(&opts, &k, err, sizeof(err))) {
		fprintf(stderr, "kcap bench --reader: cannot capture\n");
		free(evs);
		free(store);
		return 1;
	}
	if (kcap_start(k)) {
		fprintf(stderr, "kcap bench --reader: %s\n", kcap_last_error(k));
		kcap_close(k);
		free(evs);
		free(store);
		return 1;
	}
	load = fork();
	if (load == 0) {
		run_workload(1, 100000);
		_exit(0);
	}
	while (n < N) {
		const struct kcap_event *ev;

		if (kcap_next(k, &ev, 1000))
			break;
		if (ev->raw_len > 256)
			continue;
		evs[n] = *ev;
		memcpy(store + n * 256, ev->raw, ev->raw_len);
		evs[n].raw = store + n * 256;
		evs[n].comm = "bench";
		n++;
	}
	kill(load, SIGKILL);
	waitpid(load, NULL, 0);
	kcap_close(k);
	sink.fd = devnull;
	sink.len = 0;
	t0 = now_s();
	for (int rep = 0; rep < PASSES; rep++) {
		for (size_t i = 0; i < n; i++) {
			if (!sink_put(&sink, &evs[i]))
				break;
		}
	}
	secs = now_s() - t0;
	*rate = PASSES * (double)n / secs;
	*nevents = n;
	free(evs);
	free(store);
	close(devnull);
	return n ? 0 : 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(const double *v, int n)
{
	double tmp[MAX_ROUNDS];

	memcpy(tmp, v, sizeof(double) * (size_t)n);
	qsort(tmp, (size_t)n, sizeof(double), cmp_double);
	return n % 2 ? tmp[n / 2] : (tmp[n / 2 - 1] + tmp[n / 2]) / 2;
}

/* Where the drained events go: kcap -j's output (with --proc), or kcap -w's capture file. */
enum drain_output { DRAIN_JSON, DRAIN_FILE, DRAIN_FILE_ZSTD, DRAIN_JSON_PROC };

/*
 * The reader's whole path on one core: a workload process fills the kernel
 * buffers while nothing reads, then the reader drains them, timed, into
 * JSON (descriptor names on or off) or a capture file. 0 and *rate (events
 * per second) and *n, or -1 with a message.
 */
static int drain_rate(bool fd_names, enum drain_output output, long iters, double *rate, size_t *n)
{
	struct kcap_opts opts = { .sz = sizeof(opts),
				  .buffer_bytes = 64ul << 20,
				  .no_fd_names = !fd_names };
	struct kcap_writer_opts wo = { .sz = sizeof(wo), .compress = output == DRAIN_FILE_ZSTD };
	static struct json_sink sink;
	const struct kcap_event *ev;
	struct kcap_stats st = { .sz = sizeof(st) };
	struct kcap_writer *w = NULL;
	int go[2], devnull = open("/dev/null", O_WRONLY), ret = -1;
	struct kcap *k = NULL;
	char err[1024], c, path[64];
	double t0;
	pid_t child;

	*n = 0;
	snprintf(path, sizeof(path), "/tmp/kcap-bench-%d.kcap", (int)getpid());
	if (devnull < 0 || pipe(go))
		return -1;
	child = fork();
	if (child == 0) {
		int fd;

		close(go[1]);
		if (read(go[0], &c, 1) < 0)
			_exit(1);
		fd = open("/dev/zero", O_RDONLY); /* after the start: its open is captured */
		pin(ncpus - 1);
		syscall_loop(iters, fd);
		_exit(0);
	}
	close(go[0]);
	opts.pids = &child;
	opts.npids = 1;
	if (kcap_open(&opts, &k, err, sizeof(err)) || kcap_start(k) ||
	    ((output == DRAIN_FILE || output == DRAIN_FILE_ZSTD) &&
	     kcap_writer_open(k, path, &wo, &w, err, sizeof(err)))) {
		fprintf(stderr, "kcap bench --reader: %s\n",
			k && !err[0] ? kcap_last_error(k) : err);
		kill(child, SIGKILL);
		goto out;
	}
	close(go[1]);
	go[1] = -1;
	waitpid(child, NULL, 0);
	child = -1;
	sink.fd = devnull;
	sink.proc = output == DRAIN_JSON_PROC;
	sink.len = 0;
	t0 = now_s();
	while (kcap_next(k, &ev, 0) == 0) {
		if (w ? kcap_writer_write(w, ev) != 0 : !sink_put(&sink, ev))
			break;
		(*n)++;
	}
	if (w && kcap_writer_flush(w))
		*n = 0;
	*rate = (double)*n / (now_s() - t0);
	if (!kcap_get_stats(k, &st) && st.drops)
		fprintf(stderr, "kcap bench --reader: %llu events dropped: fewer iterations?\n",
			(unsigned long long)st.drops);
	ret = *n ? 0 : -1;
out:
	if (go[1] >= 0)
		close(go[1]);
	if (child > 0)
		waitpid(child, NULL, 0);
	if (w && kcap_writer_close(w))
		fprintf(stderr, "kcap bench --reader: %s\n", kcap_last_error(k));
	unlink(path);
	kcap_close(k);
	close(devnull);
	return ret;
}

/* The reader's outputs, in interleaved rounds: the medians. */
struct drain_rates {
	double json, json_no_names, file, file_zstd, json_proc;
};

static int drain_rates(int rounds, struct drain_rates *m, size_t *n)
{
	double on[MAX_ROUNDS] = { 0 }, off[MAX_ROUNDS] = { 0 }, file[MAX_ROUNDS] = { 0 },
	       zstd[MAX_ROUNDS] = { 0 }, proc[MAX_ROUNDS] = { 0 };

	for (int r = 0; r < rounds; r++)
		if (drain_rate(true, DRAIN_JSON, DRAIN_ITERATIONS, &on[r], n) ||
		    drain_rate(false, DRAIN_JSON, DRAIN_ITERATIONS, &off[r], n) ||
		    drain_rate(true, DRAIN_FILE, DRAIN_ITERATIONS, &file[r], n) ||
		    drain_rate(true, DRAIN_FILE_ZSTD, DRAIN_ITERATIONS, &zstd[r], n) ||
		    drain_rate(true, DRAIN_JSON_PROC, DRAIN_ITERATIONS, &proc[r], n))
			return -1;
	m->json = median(on, rounds);
	m->json_no_names = median(off, rounds);
	m->file = median(file, rounds);
	m->file_zstd = median(zstd, rounds);
	m->json_proc = median(proc, rounds);
	return 0;
}

static int reader_throughput(bool json, int rounds)
{
	struct drain_rates m;
	double format;
	size_t nformat, ndrain = 0;

	if (format_rate(&format, &nformat) || drain_rates(rounds, &m, &ndrain))
		return 1;
	if (json) {
		printf("{\"reader_events_per_s\":%.0f,\"events\":%zu,"
		       "\"next_json_events_per_s\":%.0f,\"next_json_no_fd_names_events_per_s\":%.0f,"
		       "\"next_file_events_per_s\":%.0f,\"next_file_zstd_events_per_s\":%.0f,"
		       "\"next_json_proc_events_per_s\":%.0f,\"drained_events\":%zu}\n",
		       format, nformat, m.json, m.json_no_names, m.file, m.file_zstd, m.json_proc,
		       ndrain);
		return 0;
	}
	printf("reader: %.2f M events/s formatted to JSON into /dev/null on one core (%zu "
	       "captured events, %d passes)\n",
	       format / 1e6, nformat, PASSES);
	printf("reader: kcap_next() + JSON from the kernel buffers: %.2f M events/s with "
	       "descriptor names, %.2f M without (%.0f%%; %zu events, median of %d rounds)\n",
	       m.json / 1e6, m.json_no_names / 1e6, 100 * m.json / m.json_no_names, ndrain, rounds);
	printf("reader: kcap_next() + a capture file (kcap -w): %.2f M events/s, %.2f M with "
	       "zstd (%.1fx and %.1fx the JSON reader's)\n",
	       m.file / 1e6, m.file_zstd / 1e6, m.file / m.json, m.file_zstd / m.json);
	printf("reader: with each event's process (kcap -j --proc): %.2f M events/s (%.0f%% of "
	       "the rate with descriptor names)\n",
	       m.json_proc / 1e6, 100 * m.json_proc / m.json);
	return 0;
}

static void usage(void)
{
	fputs("Usage: kcap bench [-b LIST] [-r ROUNDS] [-n ITERATIONS] [-w single|multi] [-j]\n"
	      "                  [--peer NAME=COMMAND]...\n"
	      "  -b LIST      backends to measure, and \"reference\": a 32-byte ring buffer\n"
	      "               record per syscall exit, the least a tracer can do (default:\n"
	      "               every backend that loads here, and the reference); BACKEND:w\n"
	      "               records into a capture file instead of formatting JSON (kcap\n"
	      "               -w), BACKEND:wz with zstd\n"
	      "  -r ROUNDS    interleaved rounds (default 8)\n"
	      "  -n N         loop iterations per round and thread, 3 syscalls each (default 200000)\n"
	      "  -w WORKLOAD  single (one pinned thread, default) or multi (every CPU)\n"
	      "  --peer NAME=COMMAND  also time another capture tool started as COMMAND\n"
	      "  --reader     instead: the reader's rate on one core: decode + JSON format of\n"
	      "               captured events, and kcap_next() + JSON from the kernel buffers\n"
	      "               with descriptor names and without (-r rounds, default 8)\n"
	      "  -j           JSON output\n",
	      stderr);
}

int cmd_bench(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "backends", required_argument, NULL, 'b' },
		{ "rounds", required_argument, NULL, 'r' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "workload", required_argument, NULL, 'w' },
		{ "json", no_argument, NULL, 'j' },
		{ "peer", required_argument, NULL, 'P' },
		{ "reader", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct config configs[MAX_CONFIGS];
	const char *backends = NULL;
	int rounds = 8, nconfigs = 1, nthreads = 1, c;
	long iters = 200000;
	bool json = false, multi = false, reader = false;
	char *list = NULL, *copy;

	ncpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
	snprintf(configs[0].name, sizeof(configs[0].name), "bare");
	optind = 1;
	while ((c = getopt_long(argc, argv, "b:r:n:w:jh", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			backends = optarg;
			break;
		case 'r':
			rounds = (int)strtol(optarg, NULL, 10);
			break;
		case 'n':
			iters = strtol(optarg, NULL, 10);
			break;
		case 'w':
			multi = strcmp(optarg, "multi") == 0;
			if (!multi && strcmp(optarg, "single") != 0) {
				usage();
				return 2;
			}
			break;
		case 'j':
			json = true;
			break;
		case 'R':
			reader = true;
			break;
		case 'P': {
			char *eq = strchr(optarg, '=');

			if (!eq || nconfigs == MAX_CONFIGS) {
				fprintf(stderr, "kcap bench: --peer takes NAME=COMMAND\n");
				return 2;
			}
			snprintf(configs[nconfigs].name, sizeof(configs[0].name), "%.*s",
				 (int)(eq - optarg), optarg);
			configs[nconfigs++].peer = eq + 1;
			break;
		}
		default:
			usage();
			return c == 'h' ? 0 : 2;
		}
	}
	if (rounds < 1 || rounds > MAX_ROUNDS || iters < 1000) {
		fprintf(stderr, "kcap bench: rounds must be 1..%d and iterations >= 1000\n",
			MAX_ROUNDS);
		return 2;
	}
	if (geteuid() != 0) {
		fprintf(stderr, "kcap bench: run as root: capturing loads kernel code\n");
		return 1;
	}
	if (reader)
		return reader_throughput(json, rounds);
	nthreads = multi ? ncpus : 1;
	if (!backends) {
		struct kcap_probe p = { .sz = sizeof(p) };
		size_t n = 0;

		kcap_probe(&p);
		list = calloc(1, 256);
		for (size_t i = 0; list && i < p.nbackends; i++)
			if (p.backends[i].usable)
				n += (size_t)snprintf(list + n, 256 - n, "%s,", p.backends[i].name);
		if (list)
			snprintf(list + n, 256 - n, "%s", REFERENCE);
	}
	copy = strdup(backends ? backends : (list ? list : ""));
	for (char *save = NULL, *name = copy ? strtok_r(copy, ",", &save) : NULL;
	     name && nconfigs < MAX_CONFIGS; name = strtok_r(NULL, ",", &save)) {
		/* peers were added first; backends go after bare */
		memmove(&configs[2], &configs[1], sizeof(configs[0]) * (size_t)(nconfigs - 1));
		memset(&configs[1], 0, sizeof(configs[0]));
		snprintf(configs[1].name, sizeof(configs[1].name), "%s", name);
		configs[1].is_backend = true;
		nconfigs++;
	}
	free(list);
	if (!json)
		fprintf(stderr,
			"kcap bench: %d rounds, workload %s (%d thread%s), %ld x %d syscalls per "
			"round and thread\n",
			rounds, multi ? "multi" : "single", nthreads, nthreads > 1 ? "s" : "",
			iters, SYSCALLS_PER_ITER);
	/* Interleave: every round runs every configuration, in a rotating order. */
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < nconfigs; i++) {
			struct config *cf = &configs[(i + r) % nconfigs];

			if (cf->failed)
				continue;
			if (measure(cf, r, nthreads, iters) && !json)
				fprintf(stderr, "kcap bench: %s failed: %s\n", cf->name, cf->error);
		}
		if (!json)
			fprintf(stderr, "  round %d/%d done\n", r + 1, rounds);
	}
	double bare = median(configs[0].ns, rounds);

	if (json) {
		printf("{\"workload\":\"%s\",\"threads\":%d,\"rounds\":%d,\"iterations\":%ld,"
		       "\"bare_ns_per_syscall\":%.1f,\"configs\":[",
		       multi ? "multi" : "single", nthreads, rounds, iters, bare);
	} else {
		printf("%-10s %12s %12s %8s %12s %10s %12s %10s\n", "config", "ns/syscall",
		       "added ns", "ratio", "events/s", "drops", "kernel mem", "reader RSS");
		printf("%-10s %12.1f %12s %8s\n", "bare", bare, "-", "-");
	}
	for (int i = 1; i < nconfigs; i++) {
		struct config *cf = &configs[i];
		double m = cf->failed ? 0 : median(cf->ns, rounds);
		double eps = cf->is_backend && !cf->failed ? median(cf->events_per_s, rounds) : 0;

		if (json) {
			printf("%s{\"name\":\"%s\",\"kind\":\"%s\",", i > 1 ? "," : "", cf->name,
			       !cf->is_backend			? "peer" :
			       strcmp(cf->name, REFERENCE) == 0 ? "reference" :
								  "backend");
			if (cf->failed) {
				printf("\"error\":");
				json_string(cf->error);
				printf("}");
			} else
				printf("\"ns_per_syscall\":%.1f,\"added_ns\":%.1f,\"events_per_s\":%.0f,"
				       "\"drops\":%llu,\"kernel_mem_bytes\":%llu,\"reader_rss_bytes\":%llu}",
				       m, m - bare, eps, (unsigned long long)cf->drops,
				       (unsigned long long)cf->kernel_mem,
				       (unsigned long long)cf->reader_rss);
			continue;
		}
		if (cf->failed) {
			printf("%-10s failed: %s\n", cf->name, cf->error);
			continue;
		}
		printf("%-10s %12.1f %12.1f %8.2f", cf->name, m, m - bare, m / bare);
		if (cf->is_backend)
			printf(" %12.0f %10llu %9.1f MiB %6.1f MiB\n", eps,
			       (unsigned long long)cf->drops, (double)cf->kernel_mem / 1048576.0,
			       (double)cf->reader_rss / 1048576.0);
		else
			printf(" %12s %10s %12s %10s\n", "-", "-", "-", "-");
	}
	if (json)
		printf("]}\n");
	free(copy);
	return 0;
}
