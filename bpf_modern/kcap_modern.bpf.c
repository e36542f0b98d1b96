// SPDX-License-Identifier: GPL-2.0-only
/*
 * The modern kcap probe: CO-RE, BTF-enabled tracepoints, one BPF ring buffer per
 * CPU. No generic sys_enter hook: one sys_exit dispatcher tail-calls the
 * syscall's filler; the few enter events use per-syscall tracepoints.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "kcap_events.h"
#include "maps.h"
#include "filler_impl.h"
#include "bpf/pid_set.h"
#include "fillers/all.h"
#include "io_uring.h"
#include "pidns.h"

/* A number outside the table: an x32 syscall, or any other (none is invisible). */
static __always_inline void kf_other_syscall(void *ctx, __u64 nr)
{
	bool x32 = kcap_syscall_is_x32(nr);
	struct kcap_kstats *st;

	if (!(kcap_settings.other_syscalls & (x32 ? KCAP_OTHER_X32 : KCAP_OTHER_BEYOND)) ||
	    !kf_wanted())
		return;
	bpf_tail_call(ctx, &event_progs, x32 ? KCAP_EV_X32_X : KCAP_EV_GENERIC_X);
	st = kf_stats(); /* no program: the loader's bug */
	if (st)
		st->drops_internal++;
}

SEC("tp_btf/sys_exit")
int BPF_PROG(kcap_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 nr = regs->orig_ax;
	struct kcap_kstats *st;
	__u8 want;

	if (kcap_settings.filter_pids && kcap_syscall_is_child_return(nr, ret)) {
		struct task_struct *task = (struct task_struct *)bpf_get_current_task();

		kf_track_fork(BPF_CORE_READ(task, real_parent, tgid),
			      bpf_get_current_pid_tgid() >> 32);
	}
	if (nr >= KCAP_MAX_SYSCALLS) {
		kf_other_syscall(ctx, nr);
		return 0;
	}
	want = kcap_want[nr];
	if (!want || !kf_wanted())
		return 0;
	if (kf_is_ia32()) {
		/* a 32-bit syscall: nr is in the ia32 numbering */
		if (kcap_ia32_exec_succeeded(nr, ret) &&
		    (kcap_want[KCAP_NR_execve] & KCAP_WANT_EXIT))
			bpf_tail_call(ctx, &exit_fillers, KCAP_NR_execve);
		if (want & KCAP_WANT_IA32)
			bpf_tail_call(ctx, &event_progs, KCAP_EV_COMPAT_X);
		st = kf_stats();
		if (st && (want & KCAP_WANT_IA32))
			st->drops_internal++; /* no program: the loader's bug */
		else if (st)
			st->compat_skipped++;
		return 0;
	}
	if (!(want & KCAP_WANT_EXIT))
		return 0;
	bpf_tail_call(ctx, &exit_fillers, nr);
	st = kf_stats(); /* no program for a wanted syscall: the loader's bug */
	if (st)
		st->drops_internal++;
	return 0;
}

/* Children of captured processes are captured too (kcap -- COMMAND, kcap -p). */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(kcap_sched_fork, struct task_struct *parent, struct task_struct *child)
{
	kf_track_fork(parent->tgid, child->tgid);
	return 0;
}

/*
 * Never loaded, except by the test hook KCAP_TEST_VERIFIER_REJECT=modern: a
 * program every verifier rejects (it reads far past the end of a map value),
 * to show how a rejection reaches the user.
 */
SEC("tp_btf/sys_exit")
int BPF_PROG(kcap_test_rejected, struct pt_regs *regs, long ret)
{
	__u32 zero = 0;
	__u8 *st = bpf_map_lookup_elem(&stats, &zero);

	return st ? st[4096] : 0;
}

char LICENSE[] SEC("license") = "GPL";
