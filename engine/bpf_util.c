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
			      struct bpf_link **link, char *err, size_t errlen)
{
	char tp[96], dir[PATH_MAX];
	struct stat st;
	int ret;

	*link = NULL;
	ret = kcap_bpf_ensure_tracefs(backend, err, errlen);
	if (ret)
		return ret;
	snprintf(dir, sizeof(dir), "%s/syscalls", tracefs_events());
	if (stat(dir, &st) < 0) {
		snprintf(err, errlen,
			 "%s: this kernel has no syscall tracepoints (%s: %s): it needs "
			 "CONFIG_FTRACE_SYSCALLS for enter events; capture without them "
			 "(-e without open, openat, openat2, creat, connect, exit, exit_group)",
			 backend, dir, strerror(errno));
		return -ENOENT;
	}
	snprintf(tp, sizeof(tp), "sys_enter_%s", syscall);
	snprintf(dir, sizeof(dir), "%s/syscalls/%s", tracefs_events(), tp);
	if (stat(dir, &st) < 0 && errno == ENOENT)
		return 0; /* a syscall this kernel does not have (openat2 before 5.6) */
	*link = bpf_program__attach_tracepoint(prog, "syscalls", tp);
	if (!*link) {
		ret = -errno;
		snprintf(err, errlen, "%s: cannot attach to tracepoint syscalls:%s: %s", backend,
			 tp, strerror(-ret));
		return ret;
	}
	return 0;
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
