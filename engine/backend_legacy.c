// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The legacy backend: loads the legacy probe built for the running kernel
 * (bpf_legacy/, one object per kernel, found on disk), gives each CPU its own
 * perf buffer, and keeps the raw tracepoint programs (4.17+) or the plain
 * tracepoint ones (4.14-4.16). Tail-call tables point at the wanted exit
 * fillers; enter fillers are attached to their own syscalls' tracepoints.
 */
#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "kcap_internal.h"
#include "bpf_util.h"
#include "bpf/want.h"
#include "libbpf_log.h"
#include "kcap_legacy_paths.h"

#define MAX_LINKS (KCAP_EV__COUNT + 4)

/* bpf_legacy/maps.h: struct kf_config */
struct legacy_config {
	__u32 snaplen;
	__u32 self_tgid;
	__u8 filter_pids;
	__u8 capture_procexit;
	__u8 pad[2];
	__u32 fork_child_pid_off;
};

struct legacy {
	struct bpf_object *obj;
	const struct kcap_config *cfg;
	unsigned int ncpus;
	unsigned int nstreams;
	struct kcap_stream **streams;
	struct bpf_link *links[MAX_LINKS];
	unsigned int nlinks;
	bool raw; /* raw tracepoints (4.17+) */
	char path[PATH_MAX];
};

static void legacy_close(void *priv)
{
	struct legacy *l = priv;

	if (!l)
		return;
	for (unsigned int i = 0; i < l->nlinks; i++)
		bpf_link__destroy(l->links[i]);
	for (unsigned int i = 0; i < l->nstreams; i++)
		kcap_perfbuf_stream_close(l->streams[i]);
	bpf_object__close(l->obj);
	free(l->streams);
	free(l);
}

/*
 * The object for the running kernel, in this order: $KCAP_LEGACY_OBJ,
 * $KCAP_LEGACY_DIR/<release>/, the build tree, the install prefix.
 */
static int find_object(struct legacy *l, char *err, size_t errlen)
{
	const char *env_obj = getenv("KCAP_LEGACY_OBJ");
	const char *env_dir = getenv("KCAP_LEGACY_DIR");
	const char *dirs[] = { env_dir, KCAP_LEGACY_BUILD_DIR, KCAP_LEGACY_INSTALL_DIR };
	char tried[1024] = "";
	struct utsname u;

	if (env_obj && *env_obj) {
		if (access(env_obj, R_OK) == 0) {
			snprintf(l->path, sizeof(l->path), "%s", env_obj);
			return 0;
		}
		snprintf(err, errlen, "legacy: KCAP_LEGACY_OBJ=%s cannot be read: %s", env_obj,
			 strerror(errno));
		return -ENOENT;
	}
	uname(&u);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (!dirs[i] || !*dirs[i])
			continue;
		snprintf(l->path, sizeof(l->path), "%s/%s/%s", dirs[i], u.release,
			 KCAP_LEGACY_OBJ_NAME);
		if (access(l->path, R_OK) == 0)
			return 0;
		if (tried[0])
			strncat(tried, ", ", sizeof(tried) - strlen(tried) - 1);
		strncat(tried, l->path, sizeof(tried) - strlen(tried) - 1);
	}
	snprintf(err, errlen,
		 "legacy: no probe object for kernel %s; tried %s. Build one with "
		 "'bpf_legacy/build.sh --kdir /lib/modules/%s/build --out-dir DIR' "
		 "(or --btf /sys/kernel/btf/vmlinux) and set KCAP_LEGACY_DIR=DIR, or set "
		 "KCAP_LEGACY_OBJ=FILE",
		 u.release, tried, u.release);
	return -ENOENT;
}

/* The .kcap.release section of the object: the kernel it was built for. */
static int object_release(const char *path, char *rel, size_t len)
{
	FILE *f = fopen(path, "rb");
	Elf64_Ehdr eh;
	Elf64_Shdr sh, strsh;
	char name[32];
	int ret = -1;

	if (!f)
		return -1;
	if (fread(&eh, sizeof(eh), 1, f) != 1 || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_shstrndx >= eh.e_shnum)
		goto out;
	if (fseek(f, (long)(eh.e_shoff + (Elf64_Off)eh.e_shstrndx * sizeof(sh)), SEEK_SET) ||
	    fread(&strsh, sizeof(strsh), 1, f) != 1)
		goto out;
	for (unsigned int i = 1; i < eh.e_shnum && ret; i++) {
		if (fseek(f, (long)(eh.e_shoff + (Elf64_Off)i * sizeof(sh)), SEEK_SET) ||
		    fread(&sh, sizeof(sh), 1, f) != 1 ||
		    fseek(f, (long)(strsh.sh_offset + sh.sh_name), SEEK_SET) ||
		    !fgets(name, sizeof(name), f) || strcmp(name, ".kcap.release") != 0)
			continue;
		if (sh.sh_size == 0 || sh.sh_size >= len ||
		    fseek(f, (long)sh.sh_offset, SEEK_SET) ||
		    fread(rel, 1, sh.sh_size, f) != sh.sh_size)
			break;
		rel[sh.sh_size] = 0;
		ret = 0;
	}
out:
	fclose(f);
	return ret;
}

/* Types are compiled in: an object for another kernel would read garbage. */
static int check_release(const struct legacy *l, char *err, size_t errlen)
{
	char rel[256];
	struct utsname u;

	uname(&u);
	if (object_release(l->path, rel, sizeof(rel)) != 0) {
		snprintf(err, errlen,
			 "legacy: %s has no .kcap.release section: not a kcap legacy object, or "
			 "built by an older kcap; rebuild it with bpf_legacy/build.sh",
			 l->path);
		return -EINVAL;
	}
	if (strcmp(rel, u.release) != 0 && !getenv("KCAP_LEGACY_ANY_KERNEL")) {
		snprintf(err, errlen,
			 "legacy: %s was built for kernel %s, this is %s: build it for this "
			 "kernel with bpf_legacy/build.sh (KCAP_LEGACY_ANY_KERNEL=1 overrides)",
			 l->path, rel, u.release);
		return -EINVAL;
	}
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static struct bpf_program *prog_by(struct legacy *l, const char *prefix, const char *id)
{
	char name[64];

	snprintf(name, sizeof(name), "%s%s", prefix, id);
	return bpf_object__find_program_by_name(l->obj, name);
}

/*
 * Keeps one variant of each hook and only the fillers this capture needs (each
 * costs verification time). Tail-called fillers take the dispatchers' program
 * type; enter fillers are plain tracepoint programs in both modes.
 */
static void choose_programs(struct legacy *l)
{
	enum bpf_prog_type type = l->raw ? BPF_PROG_TYPE_RAW_TRACEPOINT : BPF_PROG_TYPE_TRACEPOINT;
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, l->obj)
	{
		const char *name = bpf_program__name(prog);

		if (ends_with(name, "_raw")) {
			bpf_program__set_autoload(prog, l->raw);
		} else if (ends_with(name, "_tp")) {
			bpf_program__set_autoload(prog, !l->raw);
		} else {
			bpf_program__set_type(prog, type);
			bpf_program__set_autoload(prog, false);
		}
	}
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		bool want = kcap_config_wants_event(l->cfg, ev);

		prog = prog_by(l, "fill_", kcap_event_table[ev].id);
		if (prog) {
			bpf_program__set_autoload(prog, want);
			if (kcap_event_table[ev].hook == KCAP_HOOK_SYS_ENTER)
				bpf_program__set_type(prog, BPF_PROG_TYPE_TRACEPOINT);
		}
		prog = prog_by(l, "cont_", kcap_event_table[ev].id);
		if (prog)
			bpf_program__set_autoload(prog, want);
	}
}

static struct bpf_program *hook_prog(struct legacy *l, const char *hook)
{
	return prog_by(l, hook, l->raw ? "_raw" : "_tp");
}

static int map_fd(struct legacy *l, const char *name, char *err, size_t errlen)
{
	struct bpf_map *map = bpf_object__find_map_by_name(l->obj, name);

	if (!map) {
		snprintf(err, errlen, "legacy: the object %s has no map '%s': rebuild it", l->path,
			 name);
		return -ENOENT;
	}
	return bpf_map__fd(map);
}

static int set_prog(int table, __u32 key, struct bpf_program *prog, const char *what, char *err,
		    size_t errlen)
{
	int fd = prog ? bpf_program__fd(prog) : -1;

	if (fd < 0 || bpf_map_update_elem(table, &key, &fd, BPF_ANY) < 0) {
		snprintf(err, errlen,
			 "legacy: cannot install the %s program (%s): rebuild the object", what,
			 fd < 0 ? "missing from the object" : strerror(errno));
		return -EINVAL;
	}
	return 0;
}

/* Tail-call tables, interesting syscalls, split events' continuations, COMPAT_X's filler. */
static int fill_tables(struct legacy *l, char *err, size_t errlen)
{
	int exits = map_fd(l, "exit_fillers", err, errlen);
	int events = map_fd(l, "event_progs", err, errlen);
	int want = map_fd(l, "interesting", err, errlen);
	int ret;

	if (exits < 0 || events < 0 || want < 0)
		return -ENOENT;
	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++) {
		int ev = kcap_exit_event_of_syscall(nr);
		__u32 key = (__u32)nr;
		__u8 bits = l->cfg->syscalls_ia32[nr] ? KF_WANT_IA32 : 0;

		if (l->cfg->syscalls[nr]) {
			ret = set_prog(exits, key, prog_by(l, "fill_", kcap_event_table[ev].id),
				       kcap_event_table[ev].id, err, errlen);
			if (ret)
				return ret;
			bits |= KF_WANT_EXIT;
			if (kcap_enter_event_of_syscall(nr) >= 0)
				bits |= KF_WANT_ENTER;
		}
		if (bits && bpf_map_update_elem(want, &key, &bits, BPF_ANY) < 0) {
			snprintf(err, errlen, "legacy: cannot update the syscall table: %s",
				 strerror(errno));
			return -errno;
		}
	}
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		const char *id = kcap_event_table[ev].id;
		struct bpf_program *cont = prog_by(l, "cont_", id);

		ret = 0;
		if (!kcap_config_wants_event(l->cfg, ev))
			continue;
		if (cont)
			ret = set_prog(events, (__u32)ev, cont, id, err, errlen);
		else if (ev == KCAP_EV_PROCEXIT || ev == KCAP_EV_COMPAT_X)
			ret = set_prog(events, (__u32)ev, prog_by(l, "fill_", id), id, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

/* child_pid's offset in the sched_process_fork record, from its tracefs format. */
static int fork_child_pid_offset(void)
{
	const char *paths[] = {
		"/sys/kernel/tracing/events/sched/sched_process_fork/format",
		"/sys/kernel/debug/tracing/events/sched/sched_process_fork/format"
	};
	char line[256];
	int off = -1;

	for (size_t i = 0; i < 2 && off < 0; i++) {
		FILE *f = fopen(paths[i], "r");

		while (f && fgets(line, sizeof(line), f)) {
			const char *p = strstr(line, " child_pid;");

			if (p && (p = strstr(p, "offset:")))
				off = (int)strtol(p + 7, NULL, 10);
		}
		if (f)
			fclose(f);
	}
	return off;
}

static int write_config(struct legacy *l, char *err, size_t errlen)
{
	struct legacy_config c = {
		.snaplen = l->cfg->snaplen,
		.self_tgid = (__u32)l->cfg->self_tgid,
		.filter_pids = l->cfg->npids > 0,
		.capture_procexit = l->cfg->procexit,
	};
	int cfg = map_fd(l, "kcap_cfg", err, errlen), pids = map_fd(l, "pids", err, errlen);
	__u32 zero = 0;
	__u8 one = 1;

	if (cfg < 0 || pids < 0)
		return -ENOENT;
	if (!l->raw && l->cfg->npids) {
		int off, ret = kcap_bpf_ensure_tracefs("legacy", err, errlen);

		if (ret)
			return ret;
		off = fork_child_pid_offset();
		if (off <= 0 || off > 0xff) {
			snprintf(err, errlen,
				 "legacy: cannot find child_pid in the format of "
				 "sched:sched_process_fork in tracefs");
			return -ENOENT;
		}
		c.fork_child_pid_off = (__u32)off;
	}
	if (bpf_map_update_elem(cfg, &zero, &c, BPF_ANY) < 0) {
		snprintf(err, errlen, "legacy: cannot write the configuration map: %s",
			 strerror(errno));
		return -errno;
	}
	for (size_t i = 0; i < l->cfg->npids; i++) {
		__u32 pid = (__u32)l->cfg->pids[i];

		if (bpf_map_update_elem(pids, &pid, &one, BPF_ANY) < 0) {
			snprintf(err, errlen, "legacy: cannot add pid %u to the filter: %s", pid,
				 strerror(errno));
			return -errno;
		}
	}
	return 0;
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
	int events = map_fd(l, "events", err, errlen);
	bool online[KCAP_MAX_CPUS];

	if (events < 0)
		return -ENOENT;
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

static int load(struct legacy *l, char *err, size_t errlen)
{
	struct bpf_map *scratch = bpf_object__find_map_by_name(l->obj, "scratch");
	struct bpf_map *events = bpf_object__find_map_by_name(l->obj, "events");
	int ret;

	if (!scratch || !events) {
		snprintf(err, errlen,
			 "legacy: %s is not a kcap legacy object (no scratch or "
			 "events map): rebuild it with bpf_legacy/build.sh",
			 l->path);
		return -EINVAL;
	}
	bpf_map__set_max_entries(scratch, l->ncpus);
	bpf_map__set_max_entries(events, l->ncpus);
	/* The pid set is preallocated (4 MiB at full size): only a pid filter uses it. */
	if (!l->cfg->npids) {
		struct bpf_map *pids = bpf_object__find_map_by_name(l->obj, "pids");

		if (pids)
			bpf_map__set_max_entries(pids, 1);
	}
	choose_programs(l);
	ret = bpf_object__load(l->obj);
	if (ret == -EPERM)
		snprintf(err, errlen,
			 "legacy: the kernel refused to load BPF programs (%s): run as root or "
			 "with CAP_BPF, CAP_PERFMON and CAP_SYS_RESOURCE",
			 strerror(-ret));
	else if (ret)
		snprintf(err, errlen,
			 "legacy: loading %s failed (%s): %s. Was it built for this kernel "
			 "(bpf_legacy/build.sh)? KCAP_DEBUG=1 prints libbpf's whole log",
			 l->path, strerror(-ret), kcap_libbpf_load_error());
	return ret;
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
	ret = find_object(l, err, errlen);
	if (!ret)
		ret = check_release(l, err, errlen);
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
	l->obj = bpf_object__open_file(l->path, NULL);
	if (!l->obj) {
		ret = -errno;
		snprintf(err, errlen, "legacy: cannot open %s: %s (%s)", l->path, strerror(-ret),
			 kcap_libbpf_log_tail());
		goto fail;
	}
	ret = load(l, err, errlen);
	if (!ret)
		ret = write_config(l, err, errlen);
	if (!ret)
		ret = fill_tables(l, err, errlen);
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

static int attach(struct legacy *l, const char *hook, char *err, size_t errlen)
{
	struct bpf_program *prog = hook_prog(l, hook);
	struct bpf_link *link;
	int ret;

	if (!prog) {
		snprintf(err, errlen, "legacy: the object has no %s program: rebuild it", hook);
		return -ENOENT;
	}
	if (l->nlinks >= MAX_LINKS) {
		snprintf(err, errlen, "legacy: too many attachments (%u)", l->nlinks);
		return -E2BIG;
	}
	if (!l->raw) {
		ret = kcap_bpf_ensure_tracefs("legacy", err, errlen);
		if (ret)
			return ret;
	}
	link = bpf_program__attach(prog);
	if (!link) {
		ret = -errno;
		snprintf(err, errlen, "legacy: cannot attach %s (%s tracepoint): %s", hook,
			 l->raw ? "raw" : "plain", strerror(-ret));
		return ret;
	}
	l->links[l->nlinks++] = link;
	return 0;
}

static int legacy_stop(void *priv)
{
	struct legacy *l = priv;

	/* Detach in reverse order; maps and buffers stay readable. */
	while (l->nlinks)
		bpf_link__destroy(l->links[--l->nlinks]);
	return 0;
}

/* An enter event's filler on its syscall's tracepoint; one that cannot exist here is a warning. */
static int attach_enter(struct legacy *l, int ev, char *err, size_t errlen)
{
	const char *id = kcap_event_table[ev].id;
	struct bpf_program *prog = prog_by(l, "fill_", id);
	struct bpf_link *link;
	char why[512];
	int ret;

	if (!prog) {
		snprintf(err, errlen, "legacy: the object has no fill_%s program: rebuild it", id);
		return -ENOENT;
	}
	if (l->nlinks >= MAX_LINKS) {
		snprintf(err, errlen, "legacy: too many attachments (%u)", l->nlinks);
		return -E2BIG;
	}
	ret = kcap_bpf_attach_sys_enter("legacy", prog,
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

static int legacy_start(void *priv, char *err, size_t errlen)
{
	struct legacy *l = priv;
	int ret = 0;

	*err = '\0'; /* on success: the warnings */
	/* Fork tracking first, so no child of a captured process is missed. */
	if (l->cfg->npids)
		ret = attach(l, "kcap_sched_fork", err, errlen);
	if (!ret && (l->cfg->procexit || l->cfg->npids))
		ret = attach(l, "kcap_sched_exit", err, errlen);
	for (int nr = 0; !ret && nr < KCAP_MAX_SYSCALLS; nr++) {
		int ev = kcap_enter_event_of_syscall(nr);

		if (l->cfg->syscalls[nr] && ev >= 0)
			ret = attach_enter(l, ev, err, errlen);
	}
	if (!ret)
		ret = attach(l, "kcap_sys_exit", err, errlen);
	if (ret)
		legacy_stop(l);
	return ret;
}

static struct kcap_stream **legacy_streams(void *priv, unsigned int *n)
{
	struct legacy *l = priv;

	*n = l->nstreams;
	return l->streams;
}

/* The object's maps; the perf rings are counted as streams. */
static uint64_t legacy_map_bytes(void *priv)
{
	struct legacy *l = priv;

	return kcap_bpf_object_map_bytes(l->obj);
}

static int legacy_kstats(void *priv, struct kcap_kstats *sum)
{
	struct legacy *l = priv;
	uint64_t lost = 0;
	int ret = kcap_bpf_read_kstats(bpf_object__find_map_fd_by_name(l->obj, "stats"), l->ncpus,
				       sum);

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
	.streams = legacy_streams,
	.kstats = legacy_kstats,
	.map_bytes = legacy_map_bytes,
	.close = legacy_close,
};
