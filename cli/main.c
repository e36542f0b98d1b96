// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* kcap: print the syscalls of the system, or of one command and its descendants. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "kcap.h"
#include "options.h"
#include "commands.h"

static volatile sig_atomic_t interrupted;
static volatile sig_atomic_t child_changed;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void on_child(int sig)
{
	(void)sig;
	child_changed = 1;
}

static void install_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_child;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/*
 * A child that waits on go_fd before exec'ing the command, so the capture is
 * attached before the command's first syscall. exec failures come back through
 * err_fd (close-on-exec: EOF means the exec worked).
 */
struct command {
	pid_t pid;
	int go_fd;
	int err_fd;
	int status;
	bool done;
};

static int command_prepare(struct command *cmd, char **argv)
{
	int go[2], errp[2];

	if (pipe2(go, O_CLOEXEC) || pipe2(errp, O_CLOEXEC)) {
		fprintf(stderr, "kcap: cannot create pipes: %s\n", strerror(errno));
		return -1;
	}
	cmd->pid = fork();
	if (cmd->pid < 0) {
		fprintf(stderr, "kcap: cannot fork: %s\n", strerror(errno));
		return -1;
	}
	if (cmd->pid == 0) {
		char c;
		int e;

		close(go[1]);
		close(errp[0]);
		signal(SIGPIPE, SIG_DFL);
		if (read(go[0], &c, 1) != 1)
			_exit(127); /* kcap gave up before starting */
		execvp(argv[0], argv);
		e = errno;
		if (write(errp[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(e == ENOENT ? 127 : 126);
	}
	close(go[0]);
	close(errp[1]);
	cmd->go_fd = go[1];
	cmd->err_fd = errp[0];
	return 0;
}

/* Lets the command run; false with a message when it could not be executed. */
static bool command_release(struct command *cmd, const char *name)
{
	int e = 0;
	ssize_t n;

	if (write(cmd->go_fd, "g", 1) != 1)
		return false;
	close(cmd->go_fd);
	cmd->go_fd = -1;
	do
		n = read(cmd->err_fd, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(cmd->err_fd);
	if (n == (ssize_t)sizeof(e)) {
		fprintf(stderr, "kcap: cannot execute '%s': %s\n", name, strerror(e));
		return false;
	}
	return true;
}

static void command_abort(struct command *cmd)
{
	close(cmd->go_fd); /* the child sees EOF and exits */
	close(cmd->err_fd);
	waitpid(cmd->pid, NULL, 0);
}

static bool command_poll(struct command *cmd)
{
	int status;

	if (!cmd->done && waitpid(cmd->pid, &status, WNOHANG) == cmd->pid) {
		cmd->done = true;
		cmd->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	}
	return cmd->done;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Event output, buffered but written only in whole lines: with -- COMMAND the
 * command usually shares our stdout, and its writes must land between our
 * lines, not inside them.
 */
struct output {
	int fd;
	char *buf;
	size_t len;
	bool broken; /* the reader went away (e.g. kcap | head) */
};

#define OUTPUT_BUF (1u << 20)

static void output_flush(struct output *out)
{
	size_t done = 0;

	while (done < out->len && !out->broken) {
		ssize_t n = write(out->fd, out->buf + done, out->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			out->broken = true;
		else
			done += (size_t)n;
	}
	out->len = 0;
}

/*
 * --container, --no-host: filtered here, in the reader, from the process
 * state; an event whose process the engine does not know is left out.
 */
static bool wanted(const struct cli_options *o, const struct kcap_event *ev)
{
	/* up to the container's fields: the library then skips the ancestors */
	struct kcap_thread_info in = { .sz = offsetof(struct kcap_thread_info, nancestors) };

	if (!o->container && !o->no_host)
		return true;
	if (kcap_event_thread(ev, &in) || !in.container_id[0])
		return false;
	return !o->container || !strncmp(in.container_id, o->container, strlen(o->container));
}

static bool print_event(const struct cli_options *o, struct output *out,
			const struct kcap_event *ev, char *line, size_t size)
{
	int n;

	if (o->quiet)
		return true;
	n = o->json ? kcap_format_json(ev, line, size) : kcap_format_text(ev, line, size);
	if (n < 0)
		n = (int)strlen(line); /* truncated: cannot happen with KCAP_FORMAT_MAX */
	if (o->proc)
		n = proc_append(ev, o->json, line, n, size - 1);
	line[n++] = '\n';
	if (out->len + (size_t)n > OUTPUT_BUF)
		output_flush(out);
	if ((size_t)n > OUTPUT_BUF) {
		out->len = 0;
		return !out->broken;
	}
	memcpy(out->buf + out->len, line, (size_t)n);
	out->len += (size_t)n;
	return !out->broken;
}

/* Which backend captures, and why any tried before it were passed over. */
/*
 * One line names the backend; why others were passed over only when asked
 * (-v, --stats) or when one that is there failed (a fallback).
 */
static void print_backend_choice(struct kcap *k, const struct cli_options *o)
{
	const char *report = kcap_backend_report(k);

	fprintf(stderr, "kcap: capturing with the %s backend\n", kcap_backend_name(k));
	if (!o->verbose && !o->stats && !kcap_backend_fell_back(k))
		report = "";
	while (*report) {
		size_t n = strcspn(report, "\n");

		fprintf(stderr, "kcap:   passed over %.*s\n", (int)n, report);
		report += n + (report[n] == '\n');
	}
	for (const char *w = kcap_warnings(k); *w;) {
		size_t n = strcspn(w, "\n");

		fprintf(stderr, "kcap: warning: %.*s\n", (int)n, w);
		w += n + (w[n] == '\n');
	}
}

static void print_stats(struct kcap *k, const struct cli_options *o)
{
	struct kcap_stats st = { .sz = sizeof(st) };

	if (kcap_get_stats(k, &st)) {
		fprintf(stderr, "kcap: cannot read the kernel counters\n");
		return;
	}
	if (o->stats)
		fprintf(stderr,
			"kcap: backend %s: %llu events captured, %llu read, %llu dropped "
			"(buffer full %llu, too large %llu, internal %llu), %llu unreadable "
			"parameters, %llu events with a truncated parameter, %llu 32-bit "
			"syscalls skipped, %llu malformed events; %.1f MiB of kernel memory\n",
			kcap_backend_name(k), (unsigned long long)st.events,
			(unsigned long long)st.events_read, (unsigned long long)st.drops,
			(unsigned long long)st.drops_buffer_full,
			(unsigned long long)st.drops_too_large,
			(unsigned long long)st.drops_internal, (unsigned long long)st.faults,
			(unsigned long long)st.truncated, (unsigned long long)st.compat_skipped,
			(unsigned long long)st.bad_events, (double)st.kernel_bytes / 1048576.0);
	else if (st.drops || st.bad_events)
		fprintf(stderr,
			"kcap: warning: %llu events dropped (buffer full %llu, too large %llu, "
			"internal %llu), %llu malformed; a larger --buffer-size may help\n",
			(unsigned long long)st.drops, (unsigned long long)st.drops_buffer_full,
			(unsigned long long)st.drops_too_large,
			(unsigned long long)st.drops_internal, (unsigned long long)st.bad_events);
	if (o->stats && !o->no_fd_names)
		fprintf(stderr,
			"kcap: descriptor table: %llu processes, %llu entries, %.1f MiB; %llu "
			"lookups in /proc (%llu found nothing), %llu descriptors not remembered "
			"(table full), %llu events captured for it only\n",
			(unsigned long long)st.fd_processes, (unsigned long long)st.fd_entries,
			(double)st.fd_bytes / 1048576.0, (unsigned long long)st.fd_lookups,
			(unsigned long long)st.fd_lookups_failed,
			(unsigned long long)st.fd_untracked,
			(unsigned long long)st.fd_state_events);
	if (o->stats)
		fprintf(stderr,
			"kcap: thread table: %llu threads, %llu processes, %.1f MiB; %llu processes "
			"looked up in /proc (%llu found nothing), %llu not remembered (table full)\n",
			(unsigned long long)st.thread_entries, (unsigned long long)st.proc_entries,
			(double)st.thread_bytes / 1048576.0, (unsigned long long)st.proc_lookups,
			(unsigned long long)st.proc_lookups_failed,
			(unsigned long long)st.proc_untracked);
	else if (st.fd_untracked)
		fprintf(stderr,
			"kcap: warning: %llu descriptors were not named: the descriptor table "
			"was at its bound of %u entries\n",
			(unsigned long long)st.fd_untracked, KCAP_FD_TABLE_MAX_ENTRIES);
	if (st.pids_untracked)
		fprintf(stderr,
			"kcap: warning: %llu child processes of captured ones could not be "
			"tracked (the kernel's pid set is full): their syscalls are missing\n",
			(unsigned long long)st.pids_untracked);
}

/* Drops are reported as they happen (once a second at most), not only at the end. */
static void report_new_drops(struct kcap *k, uint64_t *seen, double *next_check)
{
	struct kcap_stats st = { .sz = sizeof(st) };
	double now = now_s();

	if (now < *next_check)
		return;
	*next_check = now + 1.0;
	if (kcap_get_stats(k, &st) || st.drops <= *seen)
		return;
	fprintf(stderr,
		"kcap: %llu events dropped since the last report (buffer full %llu, too large %llu, "
		"internal %llu in all)\n",
		(unsigned long long)(st.drops - *seen), (unsigned long long)st.drops_buffer_full,
		(unsigned long long)st.drops_too_large, (unsigned long long)st.drops_internal);
	*seen = st.drops;
}

/* --stats-interval: the counters' progress since the last line. */
struct live_stats {
	double interval, next, last_t;
	uint64_t last_events, last_read, last_drops;
};

static void report_live(struct kcap *k, struct live_stats *l)
{
	struct kcap_stats st = { .sz = sizeof(st) };
	double now = now_s(), dt;

	if (!l->interval || now < l->next)
		return;
	if (kcap_get_stats(k, &st) == 0 && l->last_t > 0) {
		dt = now - l->last_t;
		fprintf(stderr,
			"kcap: %.0f events/s captured, %.0f/s read, %llu dropped (+%llu), "
			"fullest buffer %u%%\n",
			(double)(st.events - l->last_events) / dt,
			(double)(st.events_read - l->last_read) / dt, (unsigned long long)st.drops,
			(unsigned long long)(st.drops - l->last_drops), st.buffer_fill_pct);
	}
	l->last_t = now;
	l->last_events = st.events;
	l->last_read = st.events_read;
	l->last_drops = st.drops;
	l->next = now + l->interval;
}

/* -w: the recording; what failed is in kcap_last_error(). */
static int record_event(struct kcap *k, struct kcap_writer *w, const struct kcap_event *ev)
{
	int ret = kcap_writer_write(w, ev);

	if (ret)
		fprintf(stderr, "kcap: %s\n", kcap_last_error(k));
	return ret;
}

static int capture(struct kcap *k, const struct cli_options *o, struct command *cmd, int out_fd,
		   struct kcap_writer *w)
{
	double deadline = o->duration > 0 ? now_s() + o->duration : 0;
	struct output out = { .fd = out_fd, .buf = malloc(OUTPUT_BUF) };
	char *line = malloc(KCAP_FORMAT_MAX);
	uint64_t printed = 0, drops_seen = 0;
	double next_drop_check = now_s() + 1.0;
	struct live_stats live = { .interval = o->stats_interval };
	bool draining = false, idle = true;
	/* -w records; it prints as well when asked to (-j, -o) */
	bool print = !w || o->json || o->output;
	int ret = 0;

	if (!line || !out.buf) {
		free(line);
		free(out.buf);
		return -ENOMEM;
	}
	/*
	 * Draining: the capture is over (the command ended, Ctrl-C, the duration
	 * passed), so read what is already in the buffers and stop at the first
	 * empty poll. Stopping first means nothing new arrives meanwhile.
	 */
	for (uint64_t n = 0;; n++) {
		const struct kcap_event *ev;

		/* the clock when idle or every 1024 events, not per event (8% of the reader) */
		if (!draining && (interrupted ||
				  (deadline && (idle || (n & 1023) == 0) && now_s() >= deadline))) {
			kcap_stop(k);
			draining = true;
		}
		if (live.interval && (idle || (n & 1023) == 0))
			report_live(k, &live);
		ret = kcap_next(k, &ev, draining ? 0 : 100);
		idle = ret != 0;
		if (ret == 0) {
			bool show = wanted(o, ev);

			if (show && w && (ret = record_event(k, w, ev)))
				break;
			if (show && print && !print_event(o, &out, ev, line, KCAP_FORMAT_MAX))
				break;
			if (show && ++printed == o->count)
				break;
			if ((printed & 0xffff) == 0)
				report_new_drops(k, &drops_seen, &next_drop_check);
			if (!child_changed)
				continue;
		} else if (ret == -ENODATA) {
			ret = 0; /* the end of a replayed file */
			break;
		} else if (ret != -EAGAIN) {
			fprintf(stderr, "kcap: reading events failed: %s\n", kcap_last_error(k));
			break;
		} else if (draining) {
			break;
		}
		if (out.len && ret == -EAGAIN)
			output_flush(&out); /* idle: show what we have */
		if (w && ret == -EAGAIN && kcap_writer_flush(w)) {
			/* idle: what was captured so far goes to the file, in case of a crash */
			fprintf(stderr, "kcap: %s\n", kcap_last_error(k));
			ret = -EIO;
			break;
		}
		report_new_drops(k, &drops_seen, &next_drop_check);
		if (cmd && child_changed) {
			child_changed = 0;
			draining = command_poll(cmd);
		}
	}
	output_flush(&out);
	free(out.buf);
	free(line);
	return ret == -EAGAIN ? 0 : ret;
}

/* The command line, recorded in the capture file as its options. */
static void join_args(int argc, char **argv, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < argc && n + 1 < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? " " : "", argv[i]);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static struct kcap_writer *open_writer(struct kcap *k, const struct cli_options *o, int argc,
				       char **argv)
{
	struct kcap_writer_opts wo = { .sz = sizeof(wo) };
	struct kcap_writer *w;
	char args[4096], err[1024];

	join_args(argc, argv, args, sizeof(args));
	wo.compress = o->compress || has_suffix(o->write_file, ".zst");
	wo.format = has_suffix(o->write_file, ".scap") ? KCAP_WRITE_SCAP : KCAP_WRITE_KCAP;
	wo.options = args;
	if (kcap_writer_open(k, o->write_file, &wo, &w, err, sizeof(err))) {
		fprintf(stderr, "kcap: %s\n", err);
		return NULL;
	}
	return w;
}

/*
 * Closes the recording: the trailer, and a line saying what was written. A
 * failure the capture already reported (failed) is not repeated.
 */
static int close_writer(struct kcap *k, struct kcap_writer *w, const char *path, bool failed)
{
	struct kcap_writer_stats st = { .sz = sizeof(st) };

	kcap_writer_get_stats(w, &st);
	if (kcap_writer_close(w)) {
		if (!failed)
			fprintf(stderr, "kcap: %s\n", kcap_last_error(k));
		return -1;
	}
	fprintf(stderr, "kcap: wrote %llu events to %s (%.1f MiB, %.1f MiB before compression)\n",
		(unsigned long long)st.events, path, (double)st.bytes / 1048576.0,
		(double)(st.raw_bytes + st.pending_bytes) / 1048576.0);
	return 0;
}

/* Where a replayed capture was made; at its end, whether it was whole. */
static void print_replay_source(struct kcap *k, const char *path)
{
	const char *host = kcap_file_value(k, "hostname"), *kernel = kcap_file_value(k, "kernel");
	const char *version = kcap_file_value(k, "kcap_version");

	fprintf(stderr,
		"kcap: replaying %s: captured by the %s backend on %s (kernel %s, kcap %s)\n", path,
		kcap_backend_name(k), host ? host : "?", kernel ? kernel : "?",
		version ? version : "?");
}

static bool print_replay_end(struct kcap *k)
{
	const char *w = kcap_warnings(k);
	bool whole = !*w;

	while (*w) {
		size_t n = strcspn(w, "\n");

		fprintf(stderr, "kcap: %.*s\n", (int)n, w);
		w += n + (w[n] == '\n');
	}
	return whole;
}

/* KCAP_DEBUG=1 or -v: libbpf's messages, as libkcap hands them over, on stderr. */
static void print_libbpf(enum kcap_log_level level, const char *msg, void *ctx)
{
	(void)level;
	(void)ctx;
	fputs(msg, stderr);
}

static bool debug_env(void)
{
	const char *dbg = getenv("KCAP_DEBUG");

	return dbg && *dbg && strcmp(dbg, "0") != 0;
}

int main(int argc, char **argv)
{
	struct kcap_opts opts = { .sz = sizeof(opts) };
	struct command cmd = { .pid = -1 };
	struct kcap_writer *writer = NULL;
	struct cli_options o;
	int out_fd = STDOUT_FILENO;
	struct kcap *k;
	char err[4096];
	int ret;

	if (debug_env())
		kcap_set_log(print_libbpf, NULL);
	if (argc > 1 && strcmp(argv[1], "probe") == 0)
		return cmd_probe(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "bench") == 0)
		return cmd_bench(argc - 1, argv + 1);
	if (cli_parse(argc, argv, &o, err, sizeof(err))) {
		fprintf(stderr, "kcap: %s\nTry 'kcap --help'.\n", err);
		return 2;
	}
	if (o.help) {
		cli_usage(stdout);
		return 0;
	}
	if (o.version) {
		printf("kcap %s\n", KCAP_VERSION);
		return 0;
	}
	install_handlers();
	if (o.output) {
		out_fd = open(o.output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (out_fd < 0) {
			fprintf(stderr, "kcap: cannot open %s: %s\n", o.output, strerror(errno));
			return 1;
		}
	}
	if (o.command && command_prepare(&cmd, o.command))
		return 1;
	if (o.verbose)
		kcap_set_log(print_libbpf, NULL);
	opts.backend = o.backend;
	opts.events = o.syscalls;
	opts.snaplen = o.snaplen;
	opts.buffer_bytes = o.buffer_bytes;
	opts.no_fd_names = o.no_fd_names;
	opts.pids = o.command ? &cmd.pid : o.pids;
	opts.npids = o.command ? 1 : o.npids;
	opts.read_file = o.read_file;
	ret = kcap_open(&opts, &k, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "kcap: %s\n", err);
		if (o.command)
			command_abort(&cmd);
		return 1;
	}
	ret = kcap_start(k);
	if (ret) {
		fprintf(stderr, "kcap: %s\n", kcap_last_error(k));
		if (o.command)
			command_abort(&cmd);
		kcap_close(k);
		return 1;
	}
	/* Always say which backend captures and why any before it was passed over. */
	if (o.read_file)
		print_replay_source(k, o.read_file);
	else
		print_backend_choice(k, &o);
	if (o.write_file && !(writer = open_writer(k, &o, argc, argv))) {
		if (o.command)
			command_abort(&cmd);
		kcap_close(k);
		return 1;
	}
	/* A failed exec is reported; its exit status (126/127) becomes ours. */
	if (o.command && !command_release(&cmd, o.command[0]))
		child_changed = 1;
	ret = capture(k, &o, o.command ? &cmd : NULL, out_fd, writer);
	kcap_stop(k);
	if (writer && close_writer(k, writer, o.write_file, ret != 0))
		ret = -EIO;
	print_stats(k, &o);
	if (o.read_file && !print_replay_end(k))
		ret = ret ? ret : -EBADMSG;
	kcap_close(k);
	if (ret)
		return 1;
	if (o.command) {
		if (!cmd.done && !interrupted) {
			waitpid(cmd.pid, &cmd.status, 0);
			cmd.status = WIFEXITED(cmd.status) ? WEXITSTATUS(cmd.status) :
							     128 + WTERMSIG(cmd.status);
		} else if (!cmd.done) {
			return 130;
		}
		return cmd.status;
	}
	return 0;
}
