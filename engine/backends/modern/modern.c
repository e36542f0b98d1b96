// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The modern backend: loads the embedded CO-RE probe (bpf_modern/), gives each
 * CPU its own BPF ring buffer, and through the shared loader (../bpf/loader.h)
 * keeps the programs the capture needs, fills its tables and attaches it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "backends/backend.h"
#include "backends/bpf/loader.h"
#include "backends/bpf/libbpf_log.h"
#include "backends/bpf/whoami.h"
#include "state/pidns.h"
#include "ringbuf_stream.h"
#include "kcap_modern.skel.h"
#include "kcap_uring.h"

#define BTF_PATH "/sys/kernel/btf/vmlinux"

struct modern {
	struct kcap_modern_bpf *skel;
	struct kcap_bpf_loader loader;
	unsigned int ncpus;
	int *ringbuf_fds;
	struct kcap_stream **streams;
};

static void modern_close(void *priv)
{
	struct modern *m = priv;

	if (!m)
		return;
	kcap_bpf_loader_free(&m->loader);
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

/* Before load: one ring buffer per CPU; the first is the inner-map template. */
static int create_ringbufs(struct modern *m, unsigned long bytes, char *err, size_t errlen)
{
	m->ringbuf_fds = calloc(m->ncpus, sizeof(int));
	m->streams = calloc(m->ncpus, sizeof(struct kcap_stream *));
	if (!m->ringbuf_fds || !m->streams)
		return -ENOMEM;
	for (unsigned int cpu = 0; cpu < m->ncpus; cpu++) {
		int fd = bpf_map_create(BPF_MAP_TYPE_RINGBUF, "kcap_rb", 0, 0, (__u32)bytes, NULL);
		int ret;

		if (fd < 0) {
			ret = -errno;
			snprintf(err, errlen,
				 "modern: cannot create a %lu-byte ring buffer for CPU %u: %s%s",
				 bytes, cpu, strerror(-ret),
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
 * The arguments of the kernel's io_uring submission tracepoint, from its BTF
 * typedef btf_trace_<name> (the first parameter is the probe's data): a
 * KCAP_URING_LAYOUT_*, or 0.
 */
static int uring_layout(const struct btf *btf, const char *tp)
{
	char name[64];
	const struct btf_type *t;
	int id, n;

	snprintf(name, sizeof(name), "btf_trace_%s", tp);
	id = btf__find_by_name_kind(btf, name, BTF_KIND_TYPEDEF);
	if (id < 0)
		return 0;
	t = btf__type_by_id(btf, btf__resolve_type(btf, id));
	if (!t || !btf_is_ptr(t))
		return 0;
	t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_func_proto(t))
		return 0;
	n = btf_vlen(t) - 1;
	if (strcmp(tp, "io_uring_submit_req") == 0)
		return n == 1 ? KCAP_URING_LAYOUT_REQ : 0;
	switch (n) {
	case 2:
		return KCAP_URING_LAYOUT_SQE_REQ;
	case 7:
		return KCAP_URING_LAYOUT_SQE_CTX_REQ;
	case 5:
		return KCAP_URING_LAYOUT_SQE_OPCODE;
	}
	return 0;
}

/* Keeps the one io_uring program that fits this kernel's tracepoint, if any. */
static void choose_uring(struct modern *m)
{
	struct bpf_program *progs[] = {
		[KCAP_URING_LAYOUT_REQ] = m->skel->progs.kcap_uring_submit_req,
		[KCAP_URING_LAYOUT_SQE_REQ] = m->skel->progs.kcap_uring_sqe_req,
		[KCAP_URING_LAYOUT_SQE_CTX_REQ] = m->skel->progs.kcap_uring_sqe_ctx_req,
		[KCAP_URING_LAYOUT_SQE_OPCODE] = m->skel->progs.kcap_uring_sqe_opcode,
	};
	struct btf *btf = btf__load_vmlinux_btf();
	int layout = 0;

	for (size_t i = 1; i < sizeof(progs) / sizeof(progs[0]); i++)
		bpf_program__set_autoload(progs[i], false);
	if (!btf) {
		m->loader.uring_why = "the kernel's BTF cannot be read";
		return;
	}
	layout = uring_layout(btf, "io_uring_submit_req");
	if (!layout)
		layout = uring_layout(btf, "io_uring_submit_sqe");
	btf__free(btf);
	if (layout)
		m->loader.uring = progs[layout];
	else
		m->loader.uring_why = "this kernel has no io_uring submission tracepoint "
				      "(io_uring_submit_req or io_uring_submit_sqe)";
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
	kcap_libbpf_log_reset();
	m->skel = kcap_modern_bpf__open();
	if (!m->skel) {
		ret = -errno;
		snprintf(err, errlen, "modern: cannot open the embedded BPF object: %s",
			 strerror(-ret));
		goto fail;
	}
	m->loader = (struct kcap_bpf_loader){
		.backend = "modern",
		.obj = m->skel->obj,
		.cfg = cfg,
		.sched_fork = m->skel->progs.kcap_sched_fork,
		.sched_exit = m->skel->progs.fill_PROCEXIT,
		.sys_exit = m->skel->progs.kcap_sys_exit,
	};
	ret = libbpf_num_possible_cpus();
	if (ret <= 0 || ret > KCAP_MAX_CPUS) {
		snprintf(err, errlen, "modern: cannot count the possible CPUs (%d)", ret);
		ret = -EINVAL;
		goto fail;
	}
	m->ncpus = (unsigned int)ret;
	m->skel->rodata->kcap_settings = cfg->kernel.settings;
	ret = kcap_bpf_global_tgid("modern", &m->skel->rodata->kcap_settings.self_tgid, err,
				   errlen);
	if (ret)
		goto fail;
	/* pids the reader knows, as global ids: through the task iterator */
	m->loader.in_pidns = !kcap_pidns_is_initial();
	m->loader.pidns_map = m->skel->progs.kcap_pidns_map;
	memcpy((void *)m->skel->rodata->kcap_want, cfg->kernel.want, sizeof(cfg->kernel.want));
	bpf_map__set_max_entries(m->skel->maps.scratch, m->ncpus);
	bpf_map__set_max_entries(m->skel->maps.ringbufs, m->ncpus);
	kcap_bpf_size_pid_set(&m->loader, m->skel->maps.pids);
	choose_uring(m);
	kcap_bpf_choose_programs(&m->loader);
	bpf_program__set_autoload(m->skel->progs.kcap_test_rejected, test_rejection());
	ret = create_ringbufs(m, cfg->buffer_bytes, err, errlen);
	if (!ret)
		ret = kcap_bpf_load(&m->loader,
				    "Another backend may work here (-b kmod, -b legacy)", err,
				    errlen);
	if (!ret)
		ret = install_ringbufs(m, err, errlen);
	if (!ret)
		ret = kcap_bpf_fill_tables(&m->loader, err, errlen);
	if (ret)
		goto fail;
	*priv = m;
	return 0;
fail:
	modern_close(m);
	return ret;
}

static int modern_start(void *priv, char *err, size_t errlen)
{
	struct modern *m = priv;

	return kcap_bpf_attach(&m->loader, err, errlen);
}

static int modern_ns_threads(void *priv, struct kcap_ns_thread **list, size_t *n, char *err,
			     size_t errlen)
{
	struct modern *m = priv;

	return kcap_bpf_ns_threads(&m->loader, list, n, err, errlen);
}

static int modern_add_pids(void *priv, const int *pids, size_t n, char *err, size_t errlen)
{
	struct modern *m = priv;

	return kcap_bpf_add_pids(&m->loader, pids, n, err, errlen);
}

static int modern_stop(void *priv)
{
	struct modern *m = priv;

	kcap_bpf_detach(&m->loader);
	return 0;
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

	return kcap_bpf_map_bytes(&m->loader);
}

static int modern_programs(void *priv, kcap_program_cb cb, void *ctx)
{
	struct modern *m = priv;

	return kcap_bpf_programs(&m->loader, cb, ctx);
}

static int modern_kstats(void *priv, struct kcap_kstats *sum)
{
	struct modern *m = priv;

	return kcap_bpf_kstats(&m->loader, m->ncpus, sum);
}

const struct kcap_backend_ops kcap_backend_modern = {
	.name = "modern",
	.open = modern_open,
	.start = modern_start,
	.stop = modern_stop,
	.add_pids = modern_add_pids,
	.ns_threads = modern_ns_threads,
	.streams = modern_streams,
	.kstats = modern_kstats,
	.map_bytes = modern_map_bytes,
	.programs = modern_programs,
	.close = modern_close,
};
