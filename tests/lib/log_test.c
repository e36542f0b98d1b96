// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * libkcap never prints, and leaves an application's libbpf alone: an
 * application with its own libbpf print callback probes the machine (with a
 * program every verifier rejects, so libbpf has plenty to say) and opens a
 * capture; nothing reaches its stdout or stderr, its callback is the one
 * installed afterwards and got none of libkcap's messages, and the messages
 * reach kcap_set_log()'s callback instead. Root (loads programs): exit 77
 * (skip) when not root outside CI, a failure in CI.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "kcap.h"

static unsigned int app_messages, kcap_messages;
static int failures;

static int app_print(enum libbpf_print_level level, const char *fmt, va_list args)
{
	app_messages++;
	return 0;
}

static void kcap_log(enum kcap_log_level level, const char *msg, void *ctx)
{
	kcap_messages += msg && *msg;
}

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", what);
	failures += !ok;
}

int main(void)
{
	struct kcap_probe p = { .sz = sizeof(p) };
	char out[] = "/tmp/kcap-log-test-XXXXXX", err[1024];
	int saved_out, saved_err, fd;
	KCAP_OPTS(opts, .backend = "modern", .events = "getuid");
	struct kcap *k;
	long written;

	if (geteuid() != 0) {
		const char *ci = getenv("CI");
		int in_ci = ci && strcmp(ci, "true") == 0;

		printf("%s: not root\n", in_ci ? "FAIL" : "SKIP");
		return in_ci ? 1 : 77;
	}
	setenv("KCAP_TEST_VERIFIER_REJECT", "modern", 1);
	libbpf_set_print(app_print);
	kcap_set_log(kcap_log, NULL);
	fd = mkstemp(out);
	if (fd < 0)
		return 1;
	fflush(stdout);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	kcap_probe(&p);
	unsetenv("KCAP_TEST_VERIFIER_REJECT");
	if (kcap_open(&opts, &k, err, sizeof(err)) == 0) {
		kcap_start(k);
		kcap_close(k);
	}
	fflush(stdout);
	fflush(stderr);
	written = lseek(fd, 0, SEEK_END);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(fd);
	unlink(out);
	check(written == 0, "libkcap wrote nothing to stdout or stderr");
	check(libbpf_set_print(NULL) == app_print,
	      "the application's libbpf print callback is installed after libkcap's calls");
	check(app_messages == 0, "it got none of libkcap's libbpf messages");
	check(kcap_messages > 0, "kcap_set_log()'s callback got them");
	printf("%u messages through kcap_set_log()\n", kcap_messages);
	return failures ? 1 : 0;
}
