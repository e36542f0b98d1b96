// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The legacy backend: loads the legacy probe built for the running kernel
 * (bpf_legacy/, one object per kernel, found on disk), gives each CPU its own
 * perf buffer, and keeps the raw tracepoint programs (4.17+) or the plain
 * tracepoint ones (4.14-4.16); the shared loader (../bpf/loader.h) keeps the
 * fillers the capture needs, fills the tables and attaches.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "backends/backend.h"
#include "backends/bpf/loader.h"
#include "backends/bpf/libbpf_log.h"
#include "backends/bpf/tracefs.h"
#include "backends/bpf/whoami.h"
#include "state/pidns.h"
#include "legacy_object.h"
#include "perfbuf_stream.h"
#include "kcap_event_table.h"

struct legacy {
	struct kcap_bpf_loader loader;
	const struct kcap_config *cfg;
	unsigned int ncpus;
	unsigned int nstreams;
	struct kcap_stream **streams;
	bool raw; /* raw tracepoints (4.17+) */
	char path[PATH_MAX];
};

static void legacy_close(void *priv)
{
	struct legacy *l = priv;

	if (!l)
		return;
	kcap_bpf_loader_free(&l->loader);
	for (unsigned int i = 0; i < l->nstreams; i++)
		kcap_perfbuf_stream_close(l->streams[i]);
	bpf_object__close(l->loader.obj);
	free(l->streams);
	free(l);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static struct bpf_program *hook_prog(struct legacy *l, const char *hook)
{
	char name[64];

	snprintf(name, sizeof(name), "%s%s", hook, l->raw ? "_raw" : "_tp");
	return bpf_object__find_program_by_name(l->loader.obj, name);
}

/*
 * One variant of each hook, *_raw or *_tp. Tail-called fillers take the
 * dispatchers' program type (a tail call keeps the type); enter fillers are
 * plain tracepoint programs in both modes.
 */
static void choose_variant(struct legacy *l)
{
	enum bpf_prog_type type = l->raw ? BPF_PROG_TYPE_RAW_TRACEPOINT : BPF_PROG_TYPE_TRACEPOINT;
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, l->loader.obj)
	{
		const char *name = bpf_program__name(prog);

		if (ends_with(name, "_raw"))
			bpf_program__set_autoload(prog, l->raw);
		else if (ends_with(name, "_tp"))
			bpf_program__set_autoload(prog, !l->raw);
		else
			bpf_program__set_type(prog, type);
	}
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		prog = kcap_bpf_event_prog(&l->loader, "fill_", ev);
		if (prog && kcap_event_table[ev].hook == KCAP_HOOK_SYS_ENTER)
			bpf_program__set_type(prog, BPF_PROG_TYPE_TRACEPOINT);
	}
	l->loader.sched_fork = hook_prog(l, "kcap_sched_fork");
	l->loader.sched_exit = hook_prog(l, "kcap_sched_exit");
	l->loader.sys_exit = hook_prog(l, "kcap_sys_exit");
	l->loader.hooks_need_tracefs = !l->raw;
	/* no task iterator before 5.8: pids of a pid namespace cannot be mapped (refused) */
	l->loader.in_pidns = !kcap_pidns_is_initial();
	/* io_uring: raw tracepoints only; the object has the program if the kernel has a hook */
	l->loader.uring = l->raw ? hook_prog(l, "kcap_uring_submit") : NULL;
	if (!l->raw)
		l->loader.uring_why = "the legacy probe on plain tracepoints has no io_uring hook";
	else if (!l->loader.uring)
		l->loader.uring_why = "the kernel the legacy object was built for has no io_uring "
				      "submission tracepoint (io_uring_submit_req or "
				      "io_uring_submit_sqe)";
}

/* child_pid's offset in the sched_process_fork record, from its tracefs format. */
static int fork_child_pid_offset(void)
{
	char path[128], line[256];
	int off = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/sched/sched_process_fork/format", kcap_tracefs_events());
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f)) {
		const char *p = strstr(line, " child_pid;");

		if (p && (p = strstr(p, "offset:")))
			off = (int)strtol(p + 7, NULL, 10);
	}
	if (f)
		fclose(f);
	return off;
}

/* The settings map and the want table: the engine's kernel configuration as it is. */
static int write_config(struct legacy *l, char *err, size_t errlen)
{
	struct kcap_ksettings settings = l->cfg->kernel.settings;
	int map = kcap_bpf_map_fd(&l->loader, "settings", err, errlen);
	int want = map < 0 ? map : kcap_bpf_map_fd(&l->loader, "want", err, errlen);
	__u32 zero = 0;
	int ret;

	if (want < 0)
		return want;
	ret = kcap_bpf_global_tgid("legacy", &settings.self_tgid, err, errlen);
	if (ret)
		return ret;
	if (!l->raw && settings.filter_pids) {
		int off;

		ret = kcap_bpf_ensure_tracefs("legacy", err, errlen);
		if (ret)
			return ret;
		off = fork_child_pid_offset();
		if (off <= 0 || off > 0xff) {
			snprintf(err, errlen,
				 "legacy: cannot find child_pid in the format of "
				 "sched:sched_process_fork in tracefs");
			return -ENOENT;
		}
		settings.fork_child_pid_off = (__u32)off;
	}
	if (bpf_map_update_elem(map, &zero, &settings, BPF_ANY) < 0)
		goto fail;
	for (__u32 nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
		if (l->cfg->kernel.want[nr] &&
		    bpf_map_update_elem(want, &nr, &l->cfg->kernel.want[nr], BPF_ANY) < 0)
			goto fail;
	return 0;
fail:
	snprintf(err, errlen, "legacy: cannot write the capture's settings: %s", strerror(errno));
	return -errno;
}

/* Online CPUs from "0-3,5"; all of them when the file cannot be read. */
static void online_cpus(bool *online, unsigned int n)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	char line[4096], *p = line;

	memset(online, 1, n * sizeof(*online));
	if (!f)
		return;
	if (fgets(line, sizeof(line), f)) {
		memset(online, 0, n * sizeof(*online));
		while (*p >= '0' && *p <= '9') {
			unsigned long a = strtoul(p, &p, 10), b = a;

			if (*p == '-')
				b = strtoul(p + 1, &p, 10);
			for (unsigned long cpu = a; cpu <= b && cpu < n; cpu++)
				online[cpu] = true;
			if (*p == ',')
				p++;
		}
	}
	fclose(f);
}

/* One perf buffer per online CPU, installed in the perf event array. */
static int open_perfbufs(struct legacy *l, char *err, size_t errlen)
{
	int events = kcap_bpf_map_fd(&l->loader, "events", err, errlen);
	bool online[KCAP_MAX_CPUS];

	if (events < 0)
		return events;
	online_cpus(online, l->ncpus);
	l->streams = calloc(l->ncpus, sizeof(struct kcap_stream *));
	if (!l->streams)
		return -ENOMEM;
	for (unsigned int cpu = 0; cpu < l->ncpus; cpu++) {
		char msg[256];
		int fd, ret;

		if (!online[cpu])
			continue;
		l->streams[l->nstreams] =
			kcap_perfbuf_stream_open(cpu, l->cfg->buffer_bytes, &fd, msg, sizeof(msg));
		if (!l->streams[l->nstreams]) {
			ret = -errno;
			snprintf(err, errlen, "legacy: %s%s", msg,
				 ret == -EACCES || ret == -EPERM ?
					 " (run as root or with CAP_PERFMON)" :
					 "");
			return ret;
		}
		l->nstreams++;
		if (bpf_map_update_elem(events, &cpu, &fd, BPF_ANY) < 0) {
			ret = -errno;
			snprintf(err, errlen,
				 "legacy: cannot install the perf buffer of CPU %u: %s", cpu,
				 strerror(-ret));
			return ret;
		}
	}
	return 0;
}

/* Sizes the per-CPU maps, then the shared loader's choice and load. */
static int load(struct legacy *l, char *err, size_t errlen)
{
	struct bpf_map *scratch = bpf_object__find_map_by_name(l->loader.obj, "scratch");
	struct bpf_map *events = bpf_object__find_map_by_name(l->loader.obj, "events");
	struct bpf_map *pids = bpf_object__find_map_by_name(l->loader.obj, "pids");

	if (!scratch || !events || !pids) {
		snprintf(err, errlen,
			 "legacy: %s is not a kcap legacy object (no scratch, events or pids "
			 "map): rebuild it with bpf_legacy/build.sh",
			 l->path);
		return -EINVAL;
	}
	bpf_map__set_max_entries(scratch, l->ncpus);
	bpf_map__set_max_entries(events, l->ncpus);
	kcap_bpf_size_pid_set(&l->loader, pids);
	choose_variant(l);
	kcap_bpf_choose_programs(&l->loader);
	return kcap_bpf_load(&l->loader, "Was it built for this kernel (bpf_legacy/build.sh)?", err,
			     errlen);
}

static int legacy_open(const struct kcap_config *cfg, void **priv, char *err, size_t errlen)
{
	const char *mode = getenv("KCAP_LEGACY_TRACEPOINTS");
	struct legacy *l;
	int ret;

	l = calloc(1, sizeof(*l));
	if (!l)
		return -ENOMEM;
	l->cfg = cfg;
	l->loader = (struct kcap_bpf_loader){
		.backend = "legacy",
		.cfg = cfg,
		.procexit_tail_called = true,
	};
	ret = kcap_legacy_find_object(l->path, sizeof(l->path), err, errlen);
	if (!ret)
		ret = kcap_legacy_check_release(l->path, err, errlen);
	if (ret)
		goto fail;
	/* Raw tracepoints when the kernel has them (4.17+); "plain" forces the 4.14 path. */
	if (mode && strcmp(mode, "plain") == 0)
		l->raw = false;
	else
		l->raw = libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_RAW_TRACEPOINT, NULL) == 1;
	ret = libbpf_num_possible_cpus();
	if (ret <= 0 || ret > KCAP_MAX_CPUS) {
		snprintf(err, errlen, "legacy: cannot count the possible CPUs (%d)", ret);
		ret = -EINVAL;
		goto fail;
	}
	l->ncpus = (unsigned int)ret;
	kcap_libbpf_log_reset();
	l->loader.obj = bpf_object__open_file(l->path, NULL);
	if (!l->loader.obj) {
		ret = -errno;
		snprintf(err, errlen, "legacy: cannot open %s: %s (%s)", l->path, strerror(-ret),
			 kcap_libbpf_log_tail());
		goto fail;
	}
	ret = load(l, err, errlen);
	if (!ret)
		ret = write_config(l, err, errlen);
	if (!ret)
		ret = kcap_bpf_fill_tables(&l->loader, err, errlen);
	if (!ret)
		ret = open_perfbufs(l, err, errlen);
	if (ret)
		goto fail;
	*priv = l;
	return 0;
fail:
	legacy_close(l);
	return ret;
}

static int legacy_start(void *priv, char *err, size_t errlen)
{
	struct legacy *l = priv;

	return kcap_bpf_attach(&l->loader, err, errlen);
}

static int legacy_add_pids(void *priv, const int *pids, size_t n, char *err, size_t errlen)
{
	struct legacy *l = priv;

	return kcap_bpf_add_pids(&l->loader, pids, n, err, errlen);
}

static int legacy_stop(void *priv)
{
	struct legacy *l = priv;

	kcap_bpf_detach(&l->loader);
	return 0;
}

static struct kcap_stream **legacy_streams(void *priv, unsigned int *n)
{
	struct legacy *l = priv;

	*n = l->nstreams;
	return l->streams;
}

static int legacy_programs(void *priv, kcap_program_cb cb, void *ctx)
{
	struct legacy *l = priv;

	return kcap_bpf_programs(&l->loader, cb, ctx);
}

/* The object's maps; the perf rings are counted as streams. */
static uint64_t legacy_map_bytes(void *priv)
{
	struct legacy *l = priv;

	return kcap_bpf_map_bytes(&l->loader);
}

static int legacy_kstats(void *priv, struct kcap_kstats *sum)
{
	struct legacy *l = priv;
	uint64_t lost = 0;
	int ret = kcap_bpf_kstats(&l->loader, l->ncpus, sum);

	if (ret)
		return ret;
	/*
	 * The probe counts full-buffer drops where the helper reports them (4.19+);
	 * older kernels only tell the reader, through PERF_RECORD_LOST, which lags.
	 */
	for (unsigned int i = 0; i < l->nstreams; i++)
		lost += kcap_perfbuf_stream_lost(l->streams[i]);
	if (lost > sum->drops_buffer_full)
		sum->drops_buffer_full = lost;
	return 0;
}

const struct kcap_backend_ops kcap_backend_legacy = {
	.name = "legacy",
	.open = legacy_open,
	.start = legacy_start,
	.stop = legacy_stop,
	.add_pids = legacy_add_pids,
	.streams = legacy_streams,
	.kstats = legacy_kstats,
	.map_bytes = legacy_map_bytes,
	.programs = legacy_programs,
	.close = legacy_close,
};
