// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The flow both eBPF backends share over their probe object (loader.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "loader.h"
#include "backends/backend.h"
#include "libbpf_log.h"
#include "tracefs.h"
#include "kcap_event_table.h"

struct bpf_program *kcap_bpf_event_prog(const struct kcap_bpf_loader *l, const char *prefix, int ev)
{
	char name[64];

	snprintf(name, sizeof(name), "%s%s", prefix, kcap_event_table[ev].id);
	return bpf_object__find_program_by_name(l->obj, name);
}

void kcap_bpf_size_pid_set(const struct kcap_bpf_loader *l, struct bpf_map *pids)
{
	const char *test = getenv("KCAP_TEST_PID_SET_SIZE");
	unsigned long size = test ? strtoul(test, NULL, 10) : 0;

	if (!l->cfg->kernel.settings.filter_pids)
		bpf_map__set_max_entries(pids, 1);
	else if (size > 0 && size < 65536)
		bpf_map__set_max_entries(pids, (__u32)size);
}

static bool any_want(const struct kcap_config *cfg, __u8 bits)
{
	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
		if (cfg->kernel.want[nr] & bits)
			return true;
	return false;
}

static bool wants_sys_exit(const struct kcap_config *cfg)
{
	return cfg->kernel.settings.other_syscalls ||
	       any_want(cfg, KCAP_WANT_EXIT | KCAP_WANT_IA32);
}

static bool wants_sched_exit(const struct kcap_config *cfg)
{
	return cfg->kernel.settings.capture_procexit || cfg->kernel.settings.filter_pids;
}

static void set_autoload(struct bpf_program *prog, bool on)
{
	if (prog)
		bpf_program__set_autoload(prog, on);
}

void kcap_bpf_choose_programs(struct kcap_bpf_loader *l)
{
	const struct kcap_config *cfg = l->cfg;

	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		bool want = kcap_config_wants_event(cfg, ev);

		set_autoload(kcap_bpf_event_prog(l, "fill_", ev), want);
		set_autoload(kcap_bpf_event_prog(l, "cont_", ev), want);
	}
	set_autoload(l->sched_fork, cfg->kernel.settings.filter_pids);
	set_autoload(l->sched_exit, wants_sched_exit(cfg));
	set_autoload(l->sys_exit, wants_sys_exit(cfg));
	set_autoload(l->uring, cfg->kernel.settings.capture_io_uring);
	set_autoload(l->pidns_map, l->in_pidns);
}

int kcap_bpf_load(struct kcap_bpf_loader *l, const char *hint, char *err, size_t errlen)
{
	int ret = bpf_object__load(l->obj);

	if (ret == -EPERM)
		snprintf(err, errlen,
			 "%s: the kernel refused to load BPF programs (%s): run as root or with "
			 "CAP_BPF, CAP_PERFMON and CAP_SYS_RESOURCE",
			 l->backend, strerror(-ret));
	else if (ret)
		snprintf(err, errlen,
			 "%s: loading the BPF programs failed (%s): %s. %s; KCAP_DEBUG=1 prints "
			 "libbpf's whole log",
			 l->backend, strerror(-ret), kcap_libbpf_load_error(), hint);
	return ret;
}

int kcap_bpf_map_fd(const struct kcap_bpf_loader *l, const char *name, char *err, size_t errlen)
{
	struct bpf_map *map = bpf_object__find_map_by_name(l->obj, name);
	int fd = map ? bpf_map__fd(map) : -1;

	if (fd < 0)
		snprintf(err, errlen, "%s: the probe object has no loaded map '%s': rebuild it",
			 l->backend, name);
	return fd < 0 ? -ENOENT : fd;
}

static int set_prog(const struct kcap_bpf_loader *l, int table, __u32 key, struct bpf_program *prog,
		    const char *what, char *err, size_t errlen)
{
	int fd = prog ? bpf_program__fd(prog) : -1;

	if (fd < 0 || bpf_map_update_elem(table, &key, &fd, BPF_ANY) < 0) {
		snprintf(err, errlen, "%s: cannot install the %s program (%s): rebuild the object",
			 l->backend, what, fd < 0 ? "missing from the object" : strerror(errno));
		return -EINVAL;
	}
	return 0;
}

/* Every wanted syscall's exit goes to its dedicated filler, or to the generic one. */
static int fill_exit_fillers(struct kcap_bpf_loader *l, int table, char *err, size_t errlen)
{
	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++) {
		int ev = kcap_exit_event_of_syscall(nr);
		int ret;

		if (!kcap_config_wants_syscall(l->cfg, nr))
			continue;
		ret = set_prog(l, table, (__u32)nr, kcap_bpf_event_prog(l, "fill_", ev),
			       kcap_event_table[ev].id, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

/*
 * Programs reached by event id: continuations of split events, the events of
 * numbers outside the table (COMPAT_X, X32_X, GENERIC_X), PROCEXIT.
 */
static int fill_event_progs(struct kcap_bpf_loader *l, int table, char *err, size_t errlen)
{
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		struct bpf_program *cont = kcap_bpf_event_prog(l, "cont_", ev);
		const char *id = kcap_event_table[ev].id;
		int ret = 0;

		if (!kcap_config_wants_event(l->cfg, ev))
			continue;
		if (cont)
			ret = set_prog(l, table, (__u32)ev, cont, id, err, errlen);
		else if (ev == KCAP_EV_COMPAT_X || ev == KCAP_EV_X32_X || ev == KCAP_EV_GENERIC_X ||
			 (ev == KCAP_EV_PROCEXIT && l->procexit_tail_called))
			ret = set_prog(l, table, (__u32)ev, kcap_bpf_event_prog(l, "fill_", ev), id,
				       err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

/* The task iterator's list of the reader's pid namespace, read anew. */
static int list_pidns(struct kcap_bpf_loader *l, char *err, size_t errlen)
{
	struct bpf_link *link = bpf_program__attach_iter(l->pidns_map, NULL);
	size_t cap = 0, len = 0;
	char *buf = NULL;
	int fd, ret = 0;

	if (!link) {
		ret = -errno;
		snprintf(err, errlen, "%s: cannot list the tasks of kcap's pid namespace: %s",
			 l->backend, strerror(-ret));
		return ret;
	}
	fd = bpf_iter_create(bpf_link__fd(link));
	if (fd < 0)
		ret = -errno;
	while (!ret) {
		ssize_t n;

		if (cap - len < 4096) {
			char *more = realloc(buf, cap + 65536);

			if (!more) {
				ret = -ENOMEM;
				break;
			}
			buf = more;
			cap += 65536;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0)
			ret = -errno;
		else if (n == 0)
			break;
		else
			len += (size_t)n;
	}
	if (fd >= 0)
		close(fd);
	bpf_link__destroy(link);
	if (ret) {
		free(buf);
		snprintf(err, errlen, "%s: cannot list the tasks of kcap's pid namespace: %s",
			 l->backend, strerror(-ret));
		return ret;
	}
	free(l->ns_threads);
	l->ns_threads = (struct kcap_ns_thread *)buf;
	l->n_ns_threads = len / sizeof(struct kcap_ns_thread);
	return 0;
}

/* pid of the reader's pid namespace as the global id the probe compares. */
static int global_pid(struct kcap_bpf_loader *l, int pid, __u32 *global, char *err, size_t errlen)
{
	if (!l->in_pidns) {
		*global = (__u32)pid;
		return 0;
	}
	if (!l->pidns_map) {
		snprintf(err, errlen,
			 "%s: kcap runs in a pid namespace: the pids it knows (-p, the command it "
			 "runs) are that namespace's numbers, and this probe cannot map them to "
			 "the kernel's global ones; run kcap in the initial pid namespace, or use "
			 "-b modern or -b kmod",
			 l->backend);
		return -EOPNOTSUPP;
	}
	for (int pass = 0; pass < 2; pass++) {
		int ret;

		for (size_t i = 0; i < l->n_ns_threads; i++) {
			if (l->ns_threads[i].ns_pid == (__u32)pid) {
				*global = l->ns_threads[i].pid;
				return 0;
			}
		}
		/* a process newer than the list, or none */
		ret = pass ? 0 : list_pidns(l, err, errlen);
		if (ret)
			return ret;
	}
	snprintf(err, errlen, "%s: no process %d in kcap's pid namespace", l->backend, pid);
	return -ESRCH;
}

int kcap_bpf_ns_threads(struct kcap_bpf_loader *l, struct kcap_ns_thread **list, size_t *n,
			char *err, size_t errlen)
{
	int ret;

	*list = NULL;
	*n = 0;
	if (!l->in_pidns || !l->pidns_map)
		return -EOPNOTSUPP;
	ret = list_pidns(l, err, errlen);
	if (ret)
		return ret;
	*list = malloc(l->n_ns_threads ? l->n_ns_threads * sizeof(**list) : 1);
	if (!*list)
		return -ENOMEM;
	memcpy(*list, l->ns_threads, l->n_ns_threads * sizeof(**list));
	*n = l->n_ns_threads;
	return 0;
}

int kcap_bpf_add_pids(struct kcap_bpf_loader *l, const int *pids, size_t n, char *err,
		      size_t errlen)
{
	int map = kcap_bpf_map_fd(l, "pids", err, errlen);
	__u8 one = 1;

	if (map < 0)
		return map;
	for (size_t i = 0; i < n; i++) {
		__u32 pid;
		int ret = global_pid(l, pids[i], &pid, err, errlen);

		if (ret)
			return ret;

		if (bpf_map_update_elem(map, &pid, &one, BPF_ANY) < 0) {
			ret = -errno;

			snprintf(err, errlen, "%s: cannot add pid %u to the filter: %s%s",
				 l->backend, pid, strerror(-ret),
				 ret == -E2BIG ? " (the pid set is full)" : "");
			return ret;
		}
	}
	return 0;
}

int kcap_bpf_fill_tables(struct kcap_bpf_loader *l, char *err, size_t errlen)
{
	int exits = kcap_bpf_map_fd(l, "exit_fillers", err, errlen);
	int events = exits < 0 ? exits : kcap_bpf_map_fd(l, "event_progs", err, errlen);
	int ret;

	if (events < 0)
		return events;
	ret = fill_exit_fillers(l, exits, err, errlen);
	if (!ret)
		ret = fill_event_progs(l, events, err, errlen);
	if (!ret)
		ret = kcap_bpf_add_pids(l, l->cfg->pids, l->cfg->npids, err, errlen);
	return ret;
}

static int attach_hook(struct kcap_bpf_loader *l, struct bpf_program *prog, const char *what,
		       char *err, size_t errlen)
{
	struct bpf_link *link;
	int ret;

	if (!prog) {
		snprintf(err, errlen, "%s: the probe object has no %s program: rebuild it",
			 l->backend, what);
		return -ENOENT;
	}
	if (l->nlinks >= KCAP_BPF_MAX_LINKS) {
		snprintf(err, errlen, "%s: too many attachments (%u)", l->backend, l->nlinks);
		return -E2BIG;
	}
	if (l->hooks_need_tracefs) {
		ret = kcap_bpf_ensure_tracefs(l->backend, err, errlen);
		if (ret)
			return ret;
	}
	link = bpf_program__attach(prog);
	if (!link) {
		ret = -errno;
		snprintf(err, errlen, "%s: cannot attach to %s: %s", l->backend, what,
			 strerror(-ret));
		return ret;
	}
	l->links[l->nlinks++] = link;
	return 0;
}

/* An enter event's filler on its syscall's tracepoint; one that cannot exist here is a warning. */
static int attach_enter(struct kcap_bpf_loader *l, int ev, char *err, size_t errlen)
{
	struct bpf_program *prog = kcap_bpf_event_prog(l, "fill_", ev);
	struct bpf_link *link;
	char why[512];
	int ret;

	if (!prog) {
		snprintf(err, errlen, "%s: the probe object has no fill_%s program: rebuild it",
			 l->backend, kcap_event_table[ev].id);
		return -ENOENT;
	}
	if (l->nlinks >= KCAP_BPF_MAX_LINKS) {
		snprintf(err, errlen, "%s: too many attachments (%u)", l->backend, l->nlinks);
		return -E2BIG;
	}
	ret = kcap_bpf_attach_sys_enter(l->backend, prog,
					kcap_syscall_name(kcap_event_table[ev].syscall_nr), &link,
					why, sizeof(why));
	if (ret)
		snprintf(err, errlen, "%s", why);
	else if (link)
		l->links[l->nlinks++] = link;
	else
		kcap_add_warning(err, errlen, why);
	return ret;
}

int kcap_bpf_attach(struct kcap_bpf_loader *l, char *err, size_t errlen)
{
	const struct kcap_config *cfg = l->cfg;
	int ret = 0;

	*err = '\0'; /* on success: the warnings */
	if (cfg->kernel.settings.filter_pids)
		ret = attach_hook(l, l->sched_fork, "sched_process_fork", err, errlen);
	if (!ret && wants_sched_exit(cfg))
		ret = attach_hook(l, l->sched_exit, "sched_process_exit", err, errlen);
	for (int nr = 0; !ret && nr < KCAP_MAX_SYSCALLS; nr++)
		if (cfg->kernel.want[nr] & KCAP_WANT_ENTER)
			ret = attach_enter(l, kcap_enter_event_of_syscall(nr), err, errlen);
	if (!ret && cfg->kernel.settings.capture_io_uring) {
		if (l->uring)
			ret = attach_hook(l, l->uring, bpf_program__section_name(l->uring), err,
					  errlen);
		else
			kcap_warn_no_uring(err, errlen, l->backend, l->uring_why);
	}
	if (!ret && wants_sys_exit(cfg))
		ret = attach_hook(l, l->sys_exit, "sys_exit", err, errlen);
	if (ret)
		kcap_bpf_detach(l);
	return ret;
}

void kcap_bpf_detach(struct kcap_bpf_loader *l)
{
	while (l->nlinks)
		bpf_link__destroy(l->links[--l->nlinks]);
}

void kcap_bpf_loader_free(struct kcap_bpf_loader *l)
{
	kcap_bpf_detach(l);
	free(l->ns_threads);
	l->ns_threads = NULL;
	l->n_ns_threads = 0;
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

uint64_t kcap_bpf_map_bytes(const struct kcap_bpf_loader *l)
{
	const struct bpf_map *map;
	uint64_t total = 0;

	bpf_object__for_each_map(map, l->obj)
	{
		int fd = bpf_map__fd(map);

		if (fd >= 0)
			total += map_memlock(fd);
	}
	return total;
}

int kcap_bpf_programs(const struct kcap_bpf_loader *l, kcap_program_cb cb, void *ctx)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, l->obj)
	{
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);
		struct kcap_program_size size;
		int fd = bpf_program__fd(prog), ret;

		if (fd < 0)
			continue; /* not loaded: this capture does not need it */
		if (bpf_obj_get_info_by_fd(fd, &info, &len))
			return -errno;
		size = (struct kcap_program_size){
			.name = bpf_program__name(prog),
			.verified_insns = info.verified_insns,
			.xlated_insns = info.xlated_prog_len / sizeof(struct bpf_insn),
		};
		ret = cb(&size, ctx);
		if (ret)
			return ret;
	}
	return 0;
}

int kcap_bpf_kstats(const struct kcap_bpf_loader *l, unsigned int ncpus, struct kcap_kstats *sum)
{
	int fd = bpf_object__find_map_fd_by_name(l->obj, "stats");
	struct kcap_kstats *percpu;
	__u32 zero = 0;
	int ret = 0;

	memset(sum, 0, sizeof(*sum));
	if (fd < 0)
		return -ENOENT;
	percpu = calloc(ncpus, sizeof(*percpu));
	if (!percpu)
		return -ENOMEM;
	if (bpf_map_lookup_elem(fd, &zero, percpu) < 0)
		ret = -errno;
	for (unsigned int cpu = 0; !ret && cpu < ncpus; cpu++)
		kcap_kstats_add(sum, &percpu[cpu]);
	free(percpu);
	return ret;
}
