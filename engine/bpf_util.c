// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
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
