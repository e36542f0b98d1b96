// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "bpf_util.h"

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

/* Where tracefs lists its events, mounted or not. */
static const char *tracefs_events(void)
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
	snprintf(dir, sizeof(dir), "%s/syscalls", tracefs_events());
	/* Test-only: a kernel without CONFIG_FTRACE_SYSCALLS. */
	if (getenv("KCAP_TEST_NO_SYSCALL_TRACEPOINTS"))
		snprintf(dir, sizeof(dir), "%s/kcap-test-no-syscalls", tracefs_events());
	if (stat(dir, &st) < 0) {
		snprintf(why, whylen,
			 "%s: no enter events: this kernel has no syscall tracepoints (%s: %s; "
			 "CONFIG_FTRACE_SYSCALLS); exit events still carry every parameter",
			 backend, dir, strerror(errno));
		return 0;
	}
	snprintf(tp, sizeof(tp), "sys_enter_%s", syscall);
	snprintf(dir, sizeof(dir), "%s/syscalls/%s", tracefs_events(), tp);
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

void kcap_add_warning(char *buf, size_t len, const char *line)
{
	size_t n = strlen(buf);

	if (!*line || strstr(buf, line))
		return;
	snprintf(buf + n, len - n, "%s%s", n ? "\n" : "", line);
}

static uint64_t map_memlock(int fd)
{
	char path[64], line[128];
	uint64_t bytes = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "memlock:", 8) == 0)
			bytes = strtoull(line + 8, NULL, 10);
	fclose(f);
	return bytes;
}

uint64_t kcap_bpf_object_map_bytes(const struct bpf_object *obj)
{
	const struct bpf_map *map;
	uint64_t total = 0;

	bpf_object__for_each_map(map, obj)
	{
		int fd = bpf_map__fd(map);

		if (fd >= 0)
			total += map_memlock(fd);
	}
	return total;
}

int kcap_bpf_read_kstats(int map_fd, unsigned int ncpus, struct kcap_kstats *sum)
{
	struct kcap_kstats *percpu = calloc(ncpus, sizeof(*percpu));
	__u32 zero = 0;
	int ret = 0;

	memset(sum, 0, sizeof(*sum));
	if (!percpu)
		return -ENOMEM;
	if (map_fd < 0 || bpf_map_lookup_elem(map_fd, &zero, percpu) < 0) {
		ret = map_fd < 0 ? -ENOENT : -errno;
		goto out;
	}
	for (unsigned int cpu = 0; cpu < ncpus; cpu++) {
		sum->events += percpu[cpu].events;
		sum->drops_buffer_full += percpu[cpu].drops_buffer_full;
		sum->drops_too_large += percpu[cpu].drops_too_large;
		sum->drops_internal += percpu[cpu].drops_internal;
		sum->faults += percpu[cpu].faults;
		sum->compat_skipped += percpu[cpu].compat_skipped;
	}
out:
	free(percpu);
	return ret;
}
