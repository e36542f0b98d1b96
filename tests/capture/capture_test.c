// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Real-capture test, the same for every backend: run the deterministic
 * workload under capture through libkcap and assert each expected event with
 * its exact parameters and return value (expectations.h).
 *
 *   capture_test --backend NAME --workload PATH [--dir DIR] [--dump FILE]
 *                [--compare FILE]
 *
 * --dump writes the matched events with the run's varying values (pids,
 * paths, ports), where the expectations name them, replaced by their names;
 * --compare checks that dump against one from another backend: the backends
 * must decode the same events.
 *
 * Exit: 0 pass, 1 fail, 77 skip (only outside CI: in CI, CI=true, a backend
 * that cannot run is a failure).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "kcap.h"
#include "expectations.h"

#define EXIT_SKIP 77
#define MAX_FACTS 192

struct captured {
	uint32_t pid;
	char *json;
};

static struct captured *events;
static size_t nevents, cap_events;
static char fact_keys[MAX_FACTS][32], fact_values[MAX_FACTS][512];
static int nfacts;

static bool in_ci(void)
{
	const char *ci = getenv("CI");

	return ci && strcmp(ci, "true") == 0;
}

/* Cannot run here: a skip outside CI, a failure in CI. */
static int cannot_run(const char *backend, const char *why)
{
	if (in_ci()) {
		fprintf(stderr, "FAIL: %s backend cannot run in CI: %s\n", backend, why);
		return 1;
	}
	fprintf(stderr, "SKIP: %s backend cannot run here: %s\n", backend, why);
	return EXIT_SKIP;
}

/*
 * Whether this kernel offers what the backend needs (kcap probe's checks),
 * given kcap_open()'s status ret: if it does, failing to open the backend is
 * the backend's fault (a verifier rejection, say), never a reason to skip.
 */
static bool kernel_offers(const char *backend, int ret)
{
	struct kcap_probe p = { .sz = sizeof(p) };

	if (kcap_probe(&p))
		return false;
	if (strcmp(backend, "modern") == 0)
		return p.btf && p.ringbuf && p.tp_btf;
	if (strcmp(backend, "legacy") == 0)
		return p.perf_event_array && ret != -ENOENT; /* ENOENT: no object for this kernel */
	if (strcmp(backend, "kmod") == 0)
		return p.kmod_device;
	return false;
}

static void load_facts(const char *path)
{
	char line[600];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *eq = strchr(line, '=');

		if (!eq)
			continue;
		if (nfacts == MAX_FACTS) {
			/* a fact left out would fail its expectations for no visible reason */
			fprintf(stderr, "FAIL: more than %d facts: raise MAX_FACTS\n", MAX_FACTS);
			exit(1);
		}
		*eq = '\0';
		line[strcspn(eq + 1, "\n") + (size_t)(eq + 1 - line)] = '\0';
		if (strlen(line) >= sizeof(fact_keys[0]) ||
		    strlen(eq + 1) >= sizeof(fact_values[0]))
			continue;
		strcpy(fact_keys[nfacts], line);
		strcpy(fact_values[nfacts], eq + 1);
		nfacts++;
	}
	fclose(f);
}

static const char *fact(const char *key, size_t len)
{
	for (int i = 0; i < nfacts; i++)
		if (strlen(fact_keys[i]) == len && strncmp(fact_keys[i], key, len) == 0)
			return fact_values[i];
	return NULL;
}

/* Expands ${key} from the facts; false when a fact is missing. */
static bool expand(const char *in, char *out, size_t outlen)
{
	size_t o = 0;

	while (*in && o + 1 < outlen) {
		const char *end, *v;

		if (in[0] != '$' || in[1] != '{') {
			out[o++] = *in++;
			continue;
		}
		end = strchr(in, '}');
		if (!end)
			return false;
		v = fact(in + 2, (size_t)(end - in - 2));
		if (!v)
			return false;
		o += (size_t)snprintf(out + o, outlen - o, "%s", v);
		in = end + 1;
	}
	out[o < outlen ? o : outlen - 1] = '\0';
	return true;
}

/* The JSON text of a top-level key's value, e.g. "event" -> openat. */
static bool json_field(const char *json, const char *key, char *out, size_t outlen)
{
	char pat[64];
	const char *p;
	size_t n;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	p = strstr(json, pat);
	if (!p)
		return false;
	p += strlen(pat);
	if (*p == '"') {
		p++;
		n = strcspn(p, "\"");
	} else {
		n = strcspn(p, ",}");
	}
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return true;
}

static const char *json_args(const char *json)
{
	const char *a = strstr(json, "\"args\":{");

	return a ? a + 7 : "";
}

static bool ret_matches(const char *json, const char *want)
{
	char got[32], exp[64];
	char *end;
	long long v;

	if (!want)
		return !json_field(json, "ret", got, sizeof(got));
	if (!json_field(json, "ret", got, sizeof(got)))
		return false;
	v = strtoll(got, &end, 10);
	if (strcmp(want, "fd") == 0)
		return v >= 0;
	if (strcmp(want, "pos") == 0)
		return v > 0;
	if (!expand(want, exp, sizeof(exp)))
		return false;
	return strcmp(got, exp) == 0;
}

static bool matches(const struct expectation *x, const char *json)
{
	char name[64], dir[16], frag[1024];

	if (!json_field(json, "event", name, sizeof(name)) || strcmp(name, x->event) ||
	    !json_field(json, "dir", dir, sizeof(dir)) || strcmp(dir, x->dir) ||
	    !ret_matches(json, x->ret))
		return false;
	for (int i = 0; i < MAX_FRAGMENTS && x->args[i]; i++)
		if (!expand(x->args[i], frag, sizeof(frag)) || !strstr(json_args(json), frag))
			return false;
	return true;
}

/* Replaces the first occurrence of from in s (of size len) by to; false if absent or no room. */
static bool replace_once(char *s, size_t len, const char *from, const char *to)
{
	char *p = strstr(s, from);
	size_t nfrom = strlen(from), nto = strlen(to), rest;

	if (!p || strlen(s) - nfrom + nto >= len)
		return false;
	rest = strlen(p + nfrom) + 1;
	memmove(p + nto, p + nfrom, rest);
	memcpy(p, to, nto);
	return true;
}

/* Template text with every ${key} written <key>: how a dump shows a fact. */
static void fact_names(const char *in, char *out, size_t outlen)
{
	bool in_key = false;
	size_t o = 0;

	for (; *in && o + 1 < outlen; in++) {
		if (in[0] == '$' && in[1] == '{') {
			out[o++] = '<';
			in_key = true;
			in++;
		} else if (*in == '}' && in_key) {
			out[o++] = '>';
			in_key = false;
		} else {
			out[o++] = *in;
		}
	}
	out[o] = '\0';
}

/*
 * The dump line of event json matched by expectation x: the values that vary
 * between runs (the expectation's ${key} fragments and return value) replaced
 * by their fact names, where the expectation names them and nowhere else. A
 * workload constant equal to a pid or a port by chance stays what it is.
 */
static void normalize(const struct expectation *x, const char *json, char *out, size_t outlen)
{
	char tmpl[1024], from[sizeof(tmpl) + 16], to[sizeof(tmpl) + 16];

	snprintf(out, outlen, "%s", json);
	if (x->ret && strchr(x->ret, '$') && expand(x->ret, tmpl, sizeof(tmpl))) {
		snprintf(from, sizeof(from), "\"ret\":%s", tmpl);
		fact_names(x->ret, tmpl, sizeof(tmpl));
		snprintf(to, sizeof(to), "\"ret\":%s", tmpl);
		replace_once(out, outlen, from, to);
	}
	for (int i = 0; i < MAX_FRAGMENTS && x->args[i]; i++) {
		if (!strchr(x->args[i], '$') || !expand(x->args[i], from, sizeof(from)))
			continue;
		fact_names(x->args[i], to, sizeof(to));
		replace_once(out, outlen, from, to);
	}
}

static uint32_t who_pid(const char *who)
{
	const char *v = fact(who, strlen(who));

	if (strcmp(who, "parent") == 0)
		v = fact("pid", 3);
	return v ? (uint32_t)strtoul(v, NULL, 10) : 0;
}

static int check(FILE *dump)
{
	size_t cursor_parent = 0, cursor_child = 0;
	int failures = 0;

	for (size_t i = 0; i < sizeof(expectations) / sizeof(expectations[0]); i++) {
		const struct expectation *x = &expectations[i];
		bool parent = strcmp(x->who, "parent") == 0;
		size_t *cursor = parent ? &cursor_parent : &cursor_child;
		uint32_t pid = who_pid(x->who);
		size_t j;

		for (j = *cursor; j < nevents; j++)
			if (events[j].pid == pid && matches(x, events[j].json))
				break;
		if (j == nevents) {
			fprintf(stderr, "FAIL: expected %s %s %s (ret %s) with", x->who, x->event,
				x->dir, x->ret ? x->ret : "-");
			for (int f = 0; f < MAX_FRAGMENTS && x->args[f]; f++) {
				char frag[1024];

				expand(x->args[f], frag, sizeof(frag));
				fprintf(stderr, " %s", frag);
			}
			fprintf(stderr, "\n  candidates (the cursor is at event %zu):\n", *cursor);
			for (j = 0; j < nevents; j++) {
				char name[64];

				/* one before the cursor: out of order, not lost */
				if (events[j].pid == pid &&
				    json_field(events[j].json, "event", name, sizeof(name)) &&
				    strcmp(name, x->event) == 0)
					fprintf(stderr, "    %s%zu %s\n",
						j < *cursor ? "BEFORE " : "", j, events[j].json);
			}
			failures++;
			continue;
		}
		*cursor = j + 1;
		if (dump) {
			char norm[8192], *ts_end = strstr(events[j].json, "\"event\":");

			normalize(x, ts_end ? ts_end : events[j].json, norm, sizeof(norm));
			fprintf(dump, "%s %s\n", x->who, norm);
		}
	}
	return failures;
}

static int compare(const char *dumpfile, const char *otherfile)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "diff -u '%s' '%s' >&2", otherfile, dumpfile);
	if (system(cmd) != 0) {
		fprintf(stderr, "FAIL: decoded events differ from %s (diff above)\n", otherfile);
		return 1;
	}
	return 0;
}

static void keep(const struct kcap_event *ev, char *line)
{
	if (kcap_format_json(ev, line, KCAP_FORMAT_MAX) < 0)
		return;
	if (nevents == cap_events) {
		cap_events = cap_events ? cap_events * 2 : 1024;
		events = realloc(events, cap_events * sizeof(*events));
		if (!events)
			abort();
	}
	events[nevents].pid = ev->pid;
	events[nevents].json = strdup(line);
	nevents++;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *backend = NULL, *workload = NULL, *dir = "/tmp", *dumpfile = NULL,
		   *otherfile = NULL;
	/* the kernel side's events, compared across backends: no names from /proc */
	struct kcap_opts opts = { .sz = sizeof(opts), .snaplen = 256, .no_fd_names = 1 };
	struct kcap_stats st = { .sz = sizeof(st) };
	char facts[512], err[4096], go = 'g', *line;
	int go_pipe[2], status = 0, failures, c, open_ret;
	struct kcap *k;
	pid_t child;
	bool done = false;
	double deadline;
	FILE *dump = NULL;

	static const struct option long_opts[] = {
		{ "backend", required_argument, NULL, 'b' },
		{ "workload", required_argument, NULL, 'w' },
		{ "dir", required_argument, NULL, 'd' },
		{ "dump", required_argument, NULL, 'o' },
		{ "compare", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	while ((c = getopt_long(argc, argv, "b:w:d:o:c:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			backend = optarg;
			break;
		case 'w':
			workload = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'o':
			dumpfile = optarg;
			break;
		case 'c':
			otherfile = optarg;
			break;
		default:
			return 2;
		}
	}
	if (!backend || !workload) {
		fprintf(stderr, "usage: capture_test --backend NAME --workload PATH [--dir DIR] "
				"[--dump FILE] [--compare FILE]\n");
		return 2;
	}
	if (geteuid() != 0)
		return cannot_run(backend, "not root (real-capture tests load kernel code)");
	snprintf(facts, sizeof(facts), "%s/kcap-wl-facts-%d", dir, getpid());
	if (pipe2(go_pipe, O_CLOEXEC))
		return 1;
	child = fork();
	if (child == 0) {
		close(go_pipe[1]); /* so that kcap_open() failing means EOF here */
		if (read(go_pipe[0], &go, 1) != 1)
			_exit(126);
		execl(workload, workload, dir, facts, (char *)NULL);
		_exit(127);
	}
	close(go_pipe[0]);
	opts.backend = backend;
	opts.pids = &child;
	opts.npids = 1;
	open_ret = kcap_open(&opts, &k, err, sizeof(err));
	if (open_ret) {
		close(go_pipe[1]);
		waitpid(child, NULL, 0);
		if (kernel_offers(backend, open_ret)) {
			fprintf(stderr,
				"FAIL: this kernel offers what the %s backend needs, but: %s\n",
				backend, err);
			return 1;
		}
		return cannot_run(backend, err);
	}
	if (kcap_start(k)) {
		close(go_pipe[1]);
		waitpid(child, NULL, 0);
		fprintf(stderr, "FAIL: %s: %s\n", backend, kcap_last_error(k));
		kcap_close(k);
		return 1;
	}
	if (write(go_pipe[1], &go, 1) != 1)
		return 1;
	close(go_pipe[1]);
	line = malloc(KCAP_FORMAT_MAX);
	deadline = now_s() + 120;
	/* Read until the workload has exited and its events are drained. */
	for (;;) {
		const struct kcap_event *ev;
		int ret = kcap_next(k, &ev, done ? 0 : 50);

		if (ret == 0) {
			keep(ev, line);
			continue;
		}
		if (done)
			break;
		if (waitpid(child, &status, WNOHANG) == child)
			done = true;
		if (now_s() > deadline) {
			fprintf(stderr, "FAIL: the workload did not finish within 120 s\n");
			kill(child, SIGKILL);
			return 1;
		}
	}
	/* a lost event fails an expectation: say whether the kernel dropped any */
	if (kcap_get_stats(k, &st) == 0 && (st.drops || st.pids_untracked || st.bad_events))
		fprintf(stderr,
			"%s: the kernel dropped %llu events (buffer full %llu, too large %llu), "
			"%llu children untracked, %llu malformed events\n",
			backend, (unsigned long long)st.drops,
			(unsigned long long)st.drops_buffer_full,
			(unsigned long long)st.drops_too_large,
			(unsigned long long)st.pids_untracked, (unsigned long long)st.bad_events);
	kcap_close(k);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "FAIL: the workload failed (status 0x%x)\n", status);
		return 1;
	}
	load_facts(facts);
	unlink(facts);
	if (dumpfile) {
		dump = fopen(dumpfile, "w");
		if (!dump) {
			perror(dumpfile);
			return 1;
		}
	}
	failures = check(dump);
	if (dump)
		fclose(dump);
	printf("%s: %zu events captured, %zu expectations, %d failed\n", backend, nevents,
	       sizeof(expectations) / sizeof(expectations[0]), failures);
	if (!failures && dumpfile && otherfile)
		failures += compare(dumpfile, otherfile);
	free(line);
	return failures ? 1 : 0;
}
