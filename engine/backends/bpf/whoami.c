// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The reader's global thread group id for the eBPF probes (whoami.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <linux/bpf.h>
#include "whoami.h"
#include "state/pidns.h"

/* r0 = bpf_get_current_pid_tgid() >> 32; exit: the program's return value is the tgid. */
static const struct bpf_insn whoami_insns[] = {
	{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_get_current_pid_tgid },
	{ .code = BPF_ALU64 | BPF_RSH | BPF_K, .dst_reg = BPF_REG_0, .imm = 32 },
	{ .code = BPF_JMP | BPF_EXIT },
};

int kcap_bpf_global_tgid(const char *backend, __u32 *tgid, char *err, size_t errlen)
{
	LIBBPF_OPTS(bpf_test_run_opts, run);
	__u64 args[1] = { 0 };
	int fd, ret;

	if (kcap_pidns_is_initial()) {
		*tgid = (__u32)getpid();
		return 0;
	}
	fd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "kcap_whoami", "GPL", whoami_insns,
			   sizeof(whoami_insns) / sizeof(whoami_insns[0]), NULL);
	if (fd < 0) {
		ret = -errno;
		goto fail;
	}
	run.ctx_in = args;
	run.ctx_size_in = sizeof(args);
	ret = bpf_prog_test_run_opts(fd, &run) ? -errno : 0;
	close(fd);
	if (!ret) {
		*tgid = run.retval;
		return 0;
	}
fail:
	snprintf(err, errlen,
		 "%s: kcap runs in a pid namespace and cannot learn its own global pid to "
		 "exclude itself (a raw tracepoint test run: %s; kernel 5.10+): run kcap in the "
		 "initial pid namespace, or use -b kmod",
		 backend, strerror(-ret));
	return ret;
}
