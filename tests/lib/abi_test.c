// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Callers built against other versions of kcap.h, linked to libkcap.so.0:
 * an older, smaller struct kcap_opts (without snaplen and buffer_bytes) and
 * struct kcap_stats (counters up to drops) work; a newer, larger one works
 * when its unknown tail is 0 and is refused with -EOPNOTSUPP otherwise; a
 * struct without its size is refused. With --capture (root), the old caller
 * captures its child's getuid calls: exit 77 (skip) when not root outside
 * CI, a failure in CI.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "kcap.h"

/* struct kcap_opts as an older kcap.h had it */
struct old_opts {
	size_t sz;
	const char *backend;
	const char *events;
	const int *pids;
	size_t npids;
};

/* struct kcap_opts as a newer kcap.h may have it */
struct new_opts {
	struct kcap_opts known;
	uint64_t future_field;
};

struct old_stats {
	size_t sz;
	uint64_t events;
	uint64_t drops;
};

static int failures;

static void check(int ok, const char *what, const char *detail)
{
	printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", what, detail ? ": " : "", detail ? detail : "");
	failures += !ok;
}

/* Opens with a bogus event name: the error must be about the name, not the struct. */
static int open_bogus(const void *opts, char *err, size_t len)
{
	struct kcap *k = NULL;
	int ret = kcap_open(opts, &k, err, len);

	if (!ret)
		kcap_close(k);
	return ret;
}

static void capture_as_old_caller(void)
{
	struct old_stats st = { .sz = sizeof(st), .drops = 12345 };
	unsigned int getuids = 0;
	int go[2], status;
	char err[512], c = 0;
	struct kcap *k;
	pid_t child;

	if (pipe(go))
		return;
	child = fork();
	if (child == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		for (int i = 0; i < 3; i++)
			syscall(SYS_getuid);
		_exit(0);
	}
	close(go[0]);
	struct old_opts opts = {
		.sz = sizeof(opts), .events = "getuid", .pids = &child, .npids = 1
	};
	int ret = kcap_open((const struct kcap_opts *)&opts, &k, err, sizeof(err));

	check(ret == 0, "an old caller opens a capture", ret ? err : NULL);
	if (ret) {
		close(go[1]);
		waitpid(child, NULL, 0);
		return;
	}
	ret = kcap_start(k);
	check(ret == 0, "an old caller starts it", ret ? kcap_last_error(k) : kcap_backend_name(k));
	if (write(go[1], &c, 1) != 1)
		check(0, "release the child", strerror(errno));
	close(go[1]);
	waitpid(child, &status, 0);
	for (;;) {
		const struct kcap_event *ev;

		if (kcap_next(k, &ev, 500))
			break;
		getuids += strcmp(kcap_event_name(ev), "getuid") == 0;
	}
	check(getuids == 3, "it captures the child's 3 getuid calls", NULL);
	ret = kcap_get_stats(k, (struct kcap_stats *)&st);
	check(ret == 0 && st.sz == sizeof(st) && st.drops == 0 && st.events >= 3,
	      "an old, smaller kcap_stats is filled up to its size", NULL);
	kcap_close(k);
}

int main(int argc, char **argv)
{
	struct old_opts old = { .sz = sizeof(old), .events = "no_such_syscall" };
	struct new_opts newer = { .known = { .sz = sizeof(newer), .events = "no_such_syscall" } };
	struct kcap_opts none = { .sz = 0, .events = "no_such_syscall" };
	char err[512] = "";
	int ret;

	ret = open_bogus(&old, err, sizeof(err));
	check(ret == -EINVAL && strstr(err, "no_such_syscall"),
	      "an older, smaller struct kcap_opts is read (the error is about its events)", err);
	ret = open_bogus(&newer, err, sizeof(err));
	check(ret == -EINVAL && strstr(err, "no_such_syscall"),
	      "a newer struct with a zero tail is read", err);
	newer.future_field = 1;
	ret = open_bogus(&newer, err, sizeof(err));
	check(ret == -EOPNOTSUPP && strstr(err, "newer libkcap"),
	      "a newer struct with a field this library lacks is refused", err);
	ret = open_bogus(&none, err, sizeof(err));
	check(ret == -EINVAL && strstr(err, "sz"), "a struct without its size is refused", err);
	ret = open_bogus(NULL, err, sizeof(err));
	check(ret == -EINVAL, "NULL options are refused", err);
	if (argc > 1 && strcmp(argv[1], "--capture") == 0) {
		if (geteuid() != 0) {
			const char *ci = getenv("CI");

			printf("%s: not root\n", ci && !strcmp(ci, "true") ? "FAIL" : "SKIP");
			return ci && !strcmp(ci, "true") ? 1 : 77;
		}
		capture_as_old_caller();
	}
	return failures ? 1 : 0;
}
