// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* tracefs and the per-syscall tracepoints where enter events' fillers run. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <bpf/libbpf.h>
#include "tracefs.h"

int kcap_bpf_ensure_tracefs(const char *backend, char *err, size_t errlen)
{
	struct stat st;

	if (stat("/sys/kernel/tracing/events", &st) == 0 ||
	    stat("/sys/kernel/debug/tracing/events", &st) == 0)
		return 0;
	if (mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0)
		return 0;
	snprintf(err, errlen,
		 "%s: tracefs is not mounted and mounting it failed (%s): run "
		 "'mount -t tracefs tracefs /sys/kernel/tracing'",
		 backend, strerror(errno));
	return -errno;
}

const char *kcap_tracefs_events(void)
{
	struct stat st;

	if (stat("/sys/kernel/tracing/events", &st) == 0)
		return "/sys/kernel/tracing/events";
	return "/sys/kernel/debug/tracing/events";
}

int kcap_bpf_attach_sys_enter(const char *backend, struct bpf_program *prog, const char *syscall,
			      struct bpf_link **link, char *why, size_t whylen)
{
	char tp[96], dir[PATH_MAX];
	struct stat st;
	int ret;

	*link = NULL;
	*why = '\0';
	if (kcap_bpf_ensure_tracefs(backend, why, whylen))
		return 0; /* why says what failed */
	snprintf(dir, sizeof(dir), "%s/syscalls", kcap_tracefs_events());
	/* Test-only: a kernel without CONFIG_FTRACE_SYSCALLS. */
	if (getenv("KCAP_TEST_NO_SYSCALL_TRACEPOINTS"))
		snprintf(dir, sizeof(dir), "%s/kcap-test-no-syscalls", kcap_tracefs_events());
	if (stat(dir, &st) < 0) {
		snprintf(why, whylen,
			 "%s: no enter events: this kernel has no syscall tracepoints (%s: %s; "
			 "CONFIG_FTRACE_SYSCALLS); exit events still carry every parameter",
			 backend, dir, strerror(errno));
		return 0;
	}
	snprintf(tp, sizeof(tp), "sys_enter_%s", syscall);
	snprintf(dir, sizeof(dir), "%s/syscalls/%s", kcap_tracefs_events(), tp);
	if (stat(dir, &st) < 0 && errno == ENOENT) {
		snprintf(why, whylen,
			 "%s: no %s enter events: this kernel has no tracepoint syscalls:%s "
			 "(nor, likely, the syscall)",
			 backend, syscall, tp);
		return 0;
	}
	*link = bpf_program__attach_tracepoint(prog, "syscalls", tp);
	if (!*link) {
		ret = -errno;
		snprintf(why, whylen, "%s: cannot attach to tracepoint syscalls:%s: %s", backend,
			 tp, strerror(-ret));
		return ret;
	}
	return 0;
}
