// SPDX-License-Identifier: GPL-2.0-only
/*
 * The legacy kcap probe: the shared fillers on 4.14-era BPF. Raw tracepoints
 * on 4.17+, plain tracepoints before: every hook has both variants (*_raw and
 * *_tp) and the loader keeps one set. A dispatcher filters, saves the syscall
 * in the CPU's scratch value and tail-calls the event's filler.
 */
#include "types.h"
#include "kcap_events.h"
#include "maps.h"
#include "filler_impl.h"
#include "bpf/pid_set.h"
#include "fillers/all.h"

KF_CONTINUATION(EXECVE_X)
KF_CONTINUATION(EXECVEAT_X)

/* task_pt_regs() on x86_64: the user registers sit at the top of the kernel stack. */
static __always_inline struct pt_regs *kf_current_regs(void)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	void *stack = KF_RD(task, stack);

	return (struct pt_regs *)((char *)stack + THREAD_SIZE) - 1;
}

/*
 * The syscall's registers, bp through orig_ax, are contiguous in x86_64's
 * pt_regs: one read gets the number and all six arguments, of the 64-bit ABI
 * (di, si, dx, r10, r8, r9) and of ia32's (bx, cx, dx, si, di, bp).
 */
#define KF_REGS_FIRST __builtin_offsetof(struct pt_regs, bp)
#define KF_REGS_LAST __builtin_offsetof(struct pt_regs, orig_ax)
#define KF_REG(r, f) ((r)->v[(__builtin_offsetof(struct pt_regs, f) - KF_REGS_FIRST) / 8])

struct kf_sysregs {
	__u64 v[(KF_REGS_LAST - KF_REGS_FIRST) / 8 + 1];
};

#define KF_ASSERT_IN_RANGE(f)                                                         \
	_Static_assert(__builtin_offsetof(struct pt_regs, f) >= KF_REGS_FIRST &&      \
			       __builtin_offsetof(struct pt_regs, f) <= KF_REGS_LAST, \
		       #f " outside r10..orig_ax")
KF_ASSERT_IN_RANGE(di);
KF_ASSERT_IN_RANGE(si);
KF_ASSERT_IN_RANGE(dx);
KF_ASSERT_IN_RANGE(r9);
KF_ASSERT_IN_RANGE(r8);
KF_ASSERT_IN_RANGE(r10);
KF_ASSERT_IN_RANGE(bx);
KF_ASSERT_IN_RANGE(cx);

static __always_inline int kf_read_sysregs(struct kf_sysregs *r, struct pt_regs *regs)
{
	return bpf_probe_read(r, sizeof(*r), (char *)regs + KF_REGS_FIRST);
}

/* Saves the syscall for the filler: a 32-bit one's arguments are ia32's registers. */
static __always_inline void kf_save_regs(struct kf_scratch *s, const struct kf_sysregs *r, __u64 nr,
					 __s64 ret, bool ia32)
{
	if (ia32) {
		s->st.args[0] = (__u32)KF_REG(r, bx);
		s->st.args[1] = (__u32)KF_REG(r, cx);
		s->st.args[2] = (__u32)KF_REG(r, dx);
		s->st.args[3] = (__u32)KF_REG(r, si);
		s->st.args[4] = (__u32)KF_REG(r, di);
		s->st.args[5] = (__u32)KF_REG(r, bp);
	} else {
		s->st.args[0] = KF_REG(r, di);
		s->st.args[1] = KF_REG(r, si);
		s->st.args[2] = KF_REG(r, dx);
		s->st.args[3] = KF_REG(r, r10);
		s->st.args[4] = KF_REG(r, r8);
		s->st.args[5] = KF_REG(r, r9);
	}
	s->st.nr = (__u32)nr;
	s->st.ret = ret;
}

/* To the syscall's exit filler, or to the program of the event kf_filter() chose. */
static __always_inline void kf_dispatch(void *ctx, __u64 nr, int by_event)
{
	if (by_event >= 0)
		bpf_tail_call(ctx, &event_progs, (__u32)by_event);
	else
		bpf_tail_call(ctx, &exit_fillers, (__u32)nr);
	kf_count_internal_drop(); /* no program for a wanted syscall: the loader's bug */
}

/* --- sys_exit ------------------------------------------------------------ */

/* A new process at its first syscall exit: it joins the pid set if its parent is in it. */
static __always_inline void kf_child_joins(void)
{
	struct kcap_ksettings *cfg = kf_settings();
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	if (cfg && cfg->filter_pids)
		kf_track_fork(KF_RD(KF_RD(task, real_parent), tgid),
			      bpf_get_current_pid_tgid() >> 32);
}

SEC("raw_tracepoint/sys_exit")
int kcap_sys_exit_raw(struct bpf_raw_tracepoint_args *ctx)
{
	struct kf_sysregs r;
	struct kf_scratch *s;
	int by_event;
	__u64 nr;

	if (kf_read_sysregs(&r, (struct pt_regs *)ctx->args[0]))
		return 0;
	nr = KF_REG(&r, orig_ax);
	if (kcap_syscall_is_child_return(nr, (__s64)ctx->args[1]))
		kf_child_joins();
	s = kf_filter(nr, KCAP_WANT_EXIT, &by_event);
	if (s) {
		kf_redirect_ia32_exec(&nr, (__s64)ctx->args[1], &by_event);
		kf_save_regs(s, &r, nr, (__s64)ctx->args[1], by_event == KCAP_EV_COMPAT_X);
		kf_dispatch(ctx, nr, by_event);
	}
	return 0;
}

/* raw_syscalls:sys_exit's record */
struct kf_tp_sys_exit {
	__u64 common;
	__s64 id;
	__s64 ret;
};

SEC("tracepoint/raw_syscalls/sys_exit")
int kcap_sys_exit_tp(struct kf_tp_sys_exit *ctx)
{
	__u64 nr = (__u64)ctx->id;
	__s64 ret = ctx->ret;
	struct kf_sysregs r;
	struct kf_scratch *s;
	int by_event;

	if (kcap_syscall_is_child_return(nr, ret))
		kf_child_joins();
	s = kf_filter(nr, KCAP_WANT_EXIT, &by_event);
	if (s && kf_read_sysregs(&r, kf_current_regs()) == 0) {
		kf_redirect_ia32_exec(&nr, ret, &by_event);
		kf_save_regs(s, &r, nr, ret, by_event == KCAP_EV_COMPAT_X);
		kf_dispatch(ctx, nr, by_event);
	}
	return 0;
}

/* --- processes ----------------------------------------------------------- */

/* Children of captured processes are captured too (kcap -- COMMAND, kcap -p). */
SEC("raw_tracepoint/sched_process_fork")
int kcap_sched_fork_raw(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *parent = (struct task_struct *)ctx->args[0];
	struct task_struct *child = (struct task_struct *)ctx->args[1];

	kf_track_fork(KF_RD(parent, tgid), KF_RD(child, tgid));
	return 0;
}

/*
 * sched:sched_process_fork's record changed layout across kernels (comm became
 * a dynamic string in 6.x): the loader reads child_pid's offset from tracefs.
 * The record has the child's thread id, not its thread group: a new thread
 * adds its tid, which is harmless and removed when the thread exits.
 */
SEC("tracepoint/sched/sched_process_fork")
int kcap_sched_fork_tp(void *ctx)
{
	struct kcap_ksettings *cfg = kf_settings();
	__u32 child = 0;

	if (!cfg ||
	    bpf_probe_read(&child, sizeof(child), (char *)ctx + (cfg->fork_child_pid_off & 0xff)))
		return 0;
	kf_track_fork(bpf_get_current_pid_tgid() >> 32, child);
	return 0;
}

/* Forgets exited tasks of the pid filter, then emits PROCEXIT if wanted. */
static __always_inline void kf_proc_exit(void *ctx)
{
	struct kcap_ksettings *cfg = kf_settings();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32, tid = (__u32)pid_tgid;
	struct task_struct *task;
	struct signal_struct *sig;
	bool wanted;

	if (!cfg)
		return;
	wanted = kf_wanted(cfg);
	if (cfg->filter_pids) {
		task = (struct task_struct *)bpf_get_current_task();
		sig = KF_RD(task, signal);
		if (tid != tgid) /* a thread's own entry (see kcap_sched_fork_tp) */
			bpf_map_delete_elem(&pids, &tid);
		if (KF_RD(sig, live.counter) == 0)
			bpf_map_delete_elem(&pids, &tgid);
	}
	if (!wanted || !cfg->capture_procexit)
		return;
	bpf_tail_call(ctx, &event_progs, KCAP_EV_PROCEXIT);
	kf_count_internal_drop();
}

SEC("raw_tracepoint/sched_process_exit")
int kcap_sched_exit_raw(struct bpf_raw_tracepoint_args *ctx)
{
	kf_proc_exit(ctx);
	return 0;
}

SEC("tracepoint/sched/sched_process_exit")
int kcap_sched_exit_tp(void *ctx)
{
	kf_proc_exit(ctx);
	return 0;
}

#ifdef KCAP_URING_TP
/*
 * io_uring submissions, on the tracepoint this kernel's headers declare
 * (KCAP_URING_TP and its KCAP_URING_TP_LAYOUT, from shared/io_uring_tp.sh):
 * raw tracepoints only, which every kernel with io_uring has.
 */
#define KF_STRINGIFY(x) #x
#define KF_TP_SECTION(tp) "raw_tracepoint/" KF_STRINGIFY(tp)

#define KF_KREAD(dst, src, n) bpf_probe_read(dst, n, src)

SEC(KF_TP_SECTION(KCAP_URING_TP))
int kcap_uring_submit_raw(struct bpf_raw_tracepoint_args *ctx)
{
	struct kcap_ksettings *cfg = kf_settings();
	struct kcap_uring_req r = { .fd = -1 };

	if (!cfg || !cfg->capture_io_uring || !kf_wanted(cfg))
		return 0;
#if KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_REQ || \
	KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_SQE_REQ
	struct io_kiocb *req = (struct io_kiocb *)ctx->args[0];

	KCAP_URING_READ_PREPARED(&r, req, KF_RD, KF_KREAD);
#elif KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_SQE_CTX_REQ
	__u32 flags = (__u32)ctx->args[4];

	r.opcode = (__u8)ctx->args[2];
	r.user_data = ctx->args[3];
	r.flags = flags & KCAP_IOSQE_MASK;
	if (!(flags & KCAP_REQ_F_FAIL))
		KCAP_URING_READ_NAMED(&r, ctx->args[1], KF_KREAD);
#elif KCAP_URING_TP_LAYOUT == KCAP_URING_LAYOUT_SQE_OPCODE
	r.opcode = (__u8)ctx->args[1];
	r.user_data = ctx->args[2];
#else
#error "unknown KCAP_URING_TP_LAYOUT"
#endif
	kf_emit_uring(ctx, &r);
	return 0;
}
#endif /* KCAP_URING_TP */

char LICENSE[] SEC("license") = "GPL";

/* The kernel this object was built for: the engine refuses any other. Never loaded. */
char kcap_release[] SEC(".kcap.release") = KCAP_LEGACY_RELEASE;
