// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * What this kernel offers each backend, found by real checks (load a program,
 * create a map, open the backend), never by version strings. Cached for the
 * process: probing loads and unloads programs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "abi.h"
#include "select.h"
#include "backends/bpf/libbpf_log.h"

#define CAP_SYS_ADMIN_BIT 21
#define CAP_PERFMON_BIT 38
#define CAP_BPF_BIT 39

static uint64_t effective_caps(void)
{
	char line[256];
	uint64_t caps = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, "CapEff:", 7) == 0)
			caps = strtoull(line + 7, NULL, 16);
	fclose(f);
	return caps;
}

/* "none", "integrity", "confidentiality", or "unavailable" without the LSM. */
static void lockdown_mode(char *out, size_t len)
{
	char buf[128] = "";
	char *open, *close;
	FILE *f = fopen("/sys/kernel/security/lockdown", "r");

	snprintf(out, len, "unavailable");
	if (!f)
		return;
	if (fgets(buf, sizeof(buf), f)) {
		open = strchr(buf, '[');
		close = open ? strchr(open, ']') : NULL;
		if (open && close)
			snprintf(out, len, "%.*s", (int)(close - open - 1), open + 1);
	}
	fclose(f);
}

/* A BTF-enabled tracepoint program (tp_btf/sys_exit returning 0) loads. */
static bool tp_btf_loads(void)
{
	const struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .expected_attach_type = BPF_TRACE_RAW_TP);
	int id = libbpf_find_vmlinux_btf_id("sys_exit", BPF_TRACE_RAW_TP);
	int fd;

	if (id <= 0)
		return false;
	opts.attach_btf_id = (__u32)id;
	fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "kcap_probe", "GPL", insns, 2, &opts);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static bool path_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Opens, attaches and releases a backend with a one-syscall capture. */
static void try_backend(const struct kcap_backend_ops *b, struct kcap_probe_backend *r)
{
	struct kcap_config cfg = { .buffer_bytes = 1ul << 16 };
	void *priv = NULL;
	int ret;

	cfg.kernel.settings.snaplen = KCAP_DEFAULT_SNAPLEN;
	cfg.kernel.settings.self_tgid = (__u32)getpid();
	cfg.kernel.want[39] = KCAP_WANT_EXIT; /* getpid */
	snprintf(r->name, sizeof(r->name), "%s", b->name);
	ret = b->open(&cfg, &priv, r->reason, sizeof(r->reason));
	if (!ret) {
		ret = b->start(priv, r->reason, sizeof(r->reason));
		if (!ret)
			b->stop(priv);
		b->close(priv);
	}
	r->usable = ret == 0;
	if (r->usable)
		snprintf(r->reason, sizeof(r->reason), "loads and attaches");
}

static int probe_machine(struct kcap_probe *caller_probe)
{
	static struct kcap_probe cache = { .sz = sizeof(cache) }, *p = &cache;
	static bool cached;
	const struct kcap_backend_ops *order[KCAP_MAX_BACKENDS];
	char err[256];
	struct utsname u;
	uint64_t caps;
	size_t n = 0;

	if (!caller_probe || caller_probe->sz < sizeof(caller_probe->sz))
		return -EINVAL;
	if (cached)
		return kcap_abi_fill(caller_probe, &cache, sizeof(cache));
	memset(p, 0, sizeof(*p));
	p->sz = sizeof(*p);
	uname(&u);
	snprintf(p->kernel, sizeof(p->kernel), "%s", u.release);
	caps = effective_caps();
	p->root = geteuid() == 0;
	p->cap_sys_admin = !!(caps & (1ull << CAP_SYS_ADMIN_BIT));
	p->cap_bpf = !!(caps & (1ull << CAP_BPF_BIT));
	p->cap_perfmon = !!(caps & (1ull << CAP_PERFMON_BIT));
	lockdown_mode(p->lockdown, sizeof(p->lockdown));
	kcap_libbpf_log_reset();
	p->btf = path_exists("/sys/kernel/btf/vmlinux");
	p->ringbuf = libbpf_probe_bpf_map_type(BPF_MAP_TYPE_RINGBUF, NULL) == 1;
	p->perf_event_array = libbpf_probe_bpf_map_type(BPF_MAP_TYPE_PERF_EVENT_ARRAY, NULL) == 1;
	p->raw_tracepoint = libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_RAW_TRACEPOINT, NULL) == 1;
	p->tp_btf = p->btf && tp_btf_loads();
	p->tracefs = path_exists("/sys/kernel/tracing/events") ||
		     path_exists("/sys/kernel/debug/tracing/events");
	p->kmod_device = path_exists("/dev/kcap");
	if (kcap_select("auto", order, &n, err, sizeof(err)))
		return -EINVAL;
	for (size_t i = 0; i < n; i++) {
		try_backend(order[i], &p->backends[i]);
		if (p->backends[i].usable && !p->auto_choice[0])
			snprintf(p->auto_choice, sizeof(p->auto_choice), "%s", order[i]->name);
	}
	p->nbackends = n;
	/* after the tries: a capture mounts tracefs when it needs it */
	p->syscall_tracepoints = path_exists("/sys/kernel/tracing/events/syscalls") ||
				 path_exists("/sys/kernel/debug/tracing/events/syscalls");
	cached = true;
	return kcap_abi_fill(caller_probe, &cache, sizeof(cache));
}

int kcap_probe(struct kcap_probe *p)
{
	int ret;

	kcap_libbpf_log_enter();
	ret = probe_machine(p);
	kcap_libbpf_log_leave();
	return ret;
}
