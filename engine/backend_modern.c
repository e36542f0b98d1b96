// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The modern backend: loads the embedded CO-RE probe (bpf_modern/), gives each
 * CPU its own BPF ring buffer, points the dispatcher's tail-call table at the
 * fillers of the wanted syscalls, and attaches only the hooks that are needed.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "kcap_internal.h"
#include "bpf_util.h"
#include "bpf/want.h"
#include "libbpf_log.h"
#include "kcap_modern.skel.h"

#define BTF_PATH "/sys/kernel/btf/vmlinux"
#define MAX_LINKS (KCAP_EV__COUNT + 4)

struct modern {
	struct kcap_modern_bpf *skel;
	const struct kcap_config *cfg;
	unsigned int ncpus;
	int *ringbuf_fds;
	struct kcap_stream **streams;
	struct bpf_link *links[MAX_LINKS];
	unsigned int nlinks;
};

static void modern_close(void *priv)
{
	struct modern *m = priv;

	if (!m)
		return;
	for (unsigned int i = 0; i < m->nlinks; i++)
		bpf_link__destroy(m->links[i]);
	for (unsigned int cpu = 0; m->streams && cpu < m->ncpus; cpu++)
		kcap_ringbuf_stream_close(m->streams[cpu]);
	for (unsigned int cpu = 0; m->ringbuf_fds && cpu < m->ncpus; cpu++)
		if (m->ringbuf_fds[cpu] > 0)
			close(m->ringbuf_fds[cpu]);
	kcap_modern_bpf__destroy(m->skel);
	free(m->streams);
	free(m->ringbuf_fds);
	free(m);
}

static struct bpf_program *filler_prog(struct modern *m, int ev)
{
	char name[64];

	snprintf(name, sizeof(name), "fill_%s", kcap_event_table[ev].id);
	return bpf_object__find_program_by_name(m->skel->obj, name);
}

/* Before load: one ring buffer per CPU; the first is the inner-map template. */
static int create_ringbufs(struct modern *m, char *err, size_t errlen)
{
	m->ringbuf_fds = calloc(m->ncpus, sizeof(int));
	m->streams = calloc(m->ncpus, sizeof(struct kcap_stream *));
	if (!m->ringbuf_fds || !m->streams)
		return -ENOMEM;
	for (unsigned int cpu = 0; cpu < m->ncpus; cpu++) {
		int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "kcap_rb", 0, 0,
					(__u32)m->cfg->buffer_bytes, NULL);
		int ret;

		if (fd < 0) {
			ret = -errno;
			snprintf(err, errlen,
				 "modern: cannot create a %lu-byte ring buffer for CPU %u: %s%s",
				 m->cfg->buffer_bytes, cpu, strerror(-ret),
				 ret == -EPERM ? " (run as root or with CAP_BPF)" :
						 " (try a smaller --buffer-size)");
			return ret;
		}
		m->ringbuf_fds[cpu] = fd;
		m->streams[cpu] = kcap_ringbuf_stream_open(fd, cpu, err, errlen);
		if (!m->streams[cpu])
			return -ENOMEM;
	}
	return bpf_map__set_inner_map_fd(m->skel->maps.ringbufs, m->ringbuf_fds[0]);
}

/* After load: each CPU's slot points at its ring buffer. */
static int install_ringbufs(struct modern *m, char *err, size_t errlen)
{
	int outer = bpf_map__fd(m->skel->maps.ringbufs);

	for (unsigned int cpu = 0; cpu < m->ncpus; cpu++) {
		if (bpf_map_update_elem(outer, &cpu, &m->ringbuf_fds[cpu], BPF_ANY) < 0) {
			int ret = -errno;

			snprintf(err, errlen,
				 "modern: cannot install the ring buffer of CPU %u: %s", cpu,
				 strerror(-ret));
			return ret;
		}
	}
	return 0;
}

/*
 * Every wanted syscall gets its dedicated exit filler, or the generic one;
 * wanted 32-bit syscalls get COMPAT_X's. The interesting table says which.
 */
static int fill_dispatch_table(struct modern *m, char *err, size_t errlen)
{
	int table = bpf_map__fd(m->skel->maps.exit_fillers);
	__u32 zero = 0;
	int fd;

	for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++) {
		int ev = kcap_exit_event_of_syscall(nr);
		struct bpf_program *prog;
		__u8 want = m->cfg->syscalls_ia32[nr] ? KF_WANT_IA32 : 0;

		if (m->cfg->syscalls[nr]) {
			prog = filler_prog(m, ev);
			fd = prog ? bpf_program__fd(prog) : -1;
			if (fd < 0 || bpf_map_update_elem(table, &nr, &fd, BPF_ANY) < 0) {
				snprintf(err, errlen,
					 "modern: cannot install the %s filler for syscall %d",
					 kcap_event_table[ev].id, nr);
				return -EINVAL;
			}
			want |= KF_WANT_EXIT;
			if (kcap_enter_event_of_syscall(nr) >= 0)
				want |= KF_WANT_ENTER;
		}
		m->skel->bss->kcap_interesting[nr] = want;
	}
	if (!kcap_config_wants_event(m->cfg, KCAP_EV_COMPAT_X))
		return 0;
	fd = bpf_program__fd(m->skel->progs.fill_COMPAT_X);
	if (fd < 0 ||
	    bpf_map_update_elem(bpf_map__fd(m->skel->maps.ia32_filler), &zero, &fd, BPF_ANY) < 0) {
		snprintf(err, errlen, "modern: cannot install the 32-bit syscalls' filler");
		return -EINVAL;
	}
	return 0;
}

static int add_pids(struct modern *m, char *err, size_t errlen)
{
	int map = bpf_map__fd(m->skel->maps.pids);
	__u8 one = 1;

	for (size_t i = 0; i < m->cfg->npids; i++) {
		__u32 pid = (__u32)m->cfg->pids[i];

		if (bpf_map_update_elem(map, &pid, &one, BPF_ANY) < 0) {
			snprintf(err, errlen, "modern: cannot add pid %u to the filter: %s", pid,
				 strerror(errno));
			return -errno;
		}
	}
	return 0;
}

/* Test-only: KCAP_TEST_VERIFIER_REJECT=modern loads a program the verifier rejects. */
static bool test_rejection(void)
{
	const char *v = getenv("KCAP_TEST_VERIFIER_REJECT");

	return v && strcmp(v, "modern") == 0;
}

static int modern_open(const struct kcap_config *cfg, void **priv, char *err, size_t errlen)
{
	struct modern *m;
	int ret;

	if (access(BTF_PATH, R_OK) != 0) {
		snprintf(err, errlen,
			 "modern: BTF not found at %s (kernel built without "
			 "CONFIG_DEBUG_INFO_BTF); use the legacy or kmod backend",
			 BTF_PATH);
		return -ENOENT;
	}
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->cfg = cfg;
	kcap_libbpf_log_reset();
	m->skel = kcap_modern_bpf__open();
	if (!m->skel) {
		ret = -errno;
		snprintf(err, errlen, "modern: cannot open the embedded BPF object: %s",
			 strerror(-ret));
		goto fail;
	}
	ret = libbpf_num_possible_cpus();
	if (ret <= 0 || ret > KCAP_MAX_CPUS) {
		snprintf(err, errlen, "modern: cannot count the possible CPUs (%d)", ret);
		ret = -EINVAL;
		goto fail;
	}
	m->ncpus = (unsigned int)ret;
	m->skel->rodata->kcap_snaplen = cfg->snaplen;
	m->skel->rodata->kcap_filter_pids = cfg->npids > 0;
	m->skel->rodata->kcap_self_tgid = (__u32)cfg->self_tgid;
	bpf_map__set_max_entries(m->skel->maps.scratch, m->ncpus);
	bpf_map__set_max_entries(m->skel->maps.ringbufs, m->ncpus);
	/* The pid set is preallocated (4 MiB at full size): only a pid filter uses it. */
	if (!m->cfg->npids)
		bpf_map__set_max_entries(m->skel->maps.pids, 1);
	/* Only what this capture needs is verified and loaded. */
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		struct bpf_program *prog = filler_prog(m, ev);

		if (prog)
			bpf_program__set_autoload(prog, kcap_config_wants_event(cfg, ev));
	}
	bpf_program__set_autoload(m->skel->progs.kcap_sched_fork, cfg->npids > 0);
	bpf_program__set_autoload(m->skel->progs.kcap_test_rejected, test_rejection());
	ret = create_ringbufs(m, err, errlen);
	if (ret)
		goto fail;
	ret = kcap_modern_bpf__load(m->skel);
	if (ret) {
		if (ret == -EPERM)
			snprintf(
				err, errlen,
				"modern: the kernel refused to load BPF programs (%s): run as root "
				"or with CAP_BPF, CAP_PERFMON and CAP_SYS_RESOURCE",
				strerror(-ret));
		else
			snprintf(
				err, errlen,
				"modern: loading the BPF programs failed (%s): %s. Another backend "
				"may work here (-b kmod, -b legacy); KCAP_DEBUG=1 prints libbpf's "
				"whole log",
				strerror(-ret), kcap_libbpf_load_error());
		goto fail;
	}
	ret = install_ringbufs(m, err, errlen);
	if (!ret)
		ret = fill_dispatch_table(m, err, errlen);
	if (!ret)
		ret = add_pids(m, err, errlen);
	if (ret)
		goto fail;
	m->skel->bss->kcap_capture_procexit = cfg->procexit;
	*priv = m;
	return 0;
fail:
	modern_close(m);
	return ret;
}

static int attach(struct modern *m, struct bpf_program *prog, const char *what, char *err,
		  size_t errlen)
{
	struct bpf_link *link;

	if (m->nlinks >= MAX_LINKS) {
		snprintf(err, errlen, "modern: too many attachments (%u)", m->nlinks);
		return -E2BIG;
	}
	link = bpf_program__attach(prog);
	if (!link) {
		int ret = -errno;

		snprintf(err, errlen, "modern: cannot attach to %s: %s", what, strerror(-ret));
		return ret;
	}
	m->links[m->nlinks++] = link;
	return 0;
}

/* An enter event's filler on its syscall's tracepoint; one that cannot exist here is a warning. */
static int attach_enter(struct modern *m, int ev, char *err, size_t errlen)
{
	const char *sc = kcap_syscall_name(kcap_event_table[ev].syscall_nr);
	struct bpf_link *link;
	char why[512];
	int ret;

	if (m->nlinks >= MAX_LINKS) {
		snprintf(err, errlen, "modern: too many attachments (%u)", m->nlinks);
		return -E2BIG;
	}
	ret = kcap_bpf_attach_sys_enter("modern", filler_prog(m, ev), sc, &link, why, sizeof(why));
	if (ret)
		snprintf(err, errlen, "%s", why);
	else if (link)
		m->links[m->nlinks++] = link;
	else
		kcap_add_warning(err, errlen, why);
	return ret;
}

static int modern_stop(void *priv)
{
	struct modern *m = priv;

	/* Detach in reverse order; maps and buffers stay readable. */
	while (m->nlinks)
		bpf_link__destroy(m->links[--m->nlinks]);
	return 0;
}

static int modern_start(void *priv, char *err, size_t errlen)
{
	struct modern *m = priv;
	int ret = 0;

	*err = '\0'; /* on success: the warnings */
	/* Fork tracking first, so no child of a captured process is missed. */
	if (m->cfg->npids)
		ret = attach(m, m->skel->progs.kcap_sched_fork, "sched_process_fork", err, errlen);
	if (!ret && (m->cfg->procexit || m->cfg->npids))
		ret = attach(m, m->skel->progs.fill_PROCEXIT, "sched_process_exit", err, errlen);
	for (int nr = 0; !ret && nr < KCAP_MAX_SYSCALLS; nr++) {
		int ev = kcap_enter_event_of_syscall(nr);

		if (m->cfg->syscalls[nr] && ev >= 0)
			ret = attach_enter(m, ev, err, errlen);
	}
	if (!ret)
		ret = attach(m, m->skel->progs.kcap_sys_exit, "sys_exit", err, errlen);
	if (ret)
		modern_stop(m);
	return ret;
}

static struct kcap_stream **modern_streams(void *priv, unsigned int *n)
{
	struct modern *m = priv;

	*n = m->ncpus;
	return m->streams;
}

/* The skeleton's maps; the per-CPU ring buffers are counted as streams. */
static uint64_t modern_map_bytes(void *priv)
{
	struct modern *m = priv;

	return kcap_bpf_object_map_bytes(m->skel->obj);
}

static int modern_kstats(void *priv, struct kcap_kstats *sum)
{
	struct modern *m = priv;

	return kcap_bpf_read_kstats(bpf_map__fd(m->skel->maps.stats), m->ncpus, sum);
}

const struct kcap_backend_ops kcap_backend_modern = {
	.name = "modern",
	.open = modern_open,
	.start = modern_start,
	.stop = modern_stop,
	.streams = modern_streams,
	.kstats = modern_kstats,
	.map_bytes = modern_map_bytes,
	.close = modern_close,
};
