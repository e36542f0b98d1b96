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
#include "fillers/all.h"

KF_CONTINUATION(EXECVE_X)
KF_CONTINUATION(EXECVEAT_X)

#define KF_TS_COMPAT 0x0002 /* thread_info.status: a 32-bit syscall is running */

/* task_pt_regs() on x86_64: the user registers sit at the top of the kernel stack. */
static __always_inline struct pt_regs *kf_current_regs(void)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	void *stack = KF_RD(task, stack);

	return (struct pt_regs *)((char *)stack + THREAD_SIZE) - 1;
}

static __always_inline bool kf_is_compat(void)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	if (KF_RD(task, thread_info.status) & KF_TS_COMPAT) {
		struct kcap_kstats *st = kf_stats();

		if (st)
			st->compat_skipped++;
		return true;
	}
	return false;
}

/* Filters a syscall for the given direction; the CPU's scratch value, or NULL. */
static __always_inline struct kf_scratch *kf_filter(__u64 nr, __u8 dir)
{
	struct kf_config *cfg;
	__u32 key = (__u32)nr;
	__u8 *want;

	if (nr >= KCAP_MAX_SYSCALLS)
		return NULL;
	want = bpf_map_lookup_elem(&interesting, &key);
	if (!want || !(*want & dir))
		return NULL;
	cfg = kf_config();
	if (!cfg || !kf_wanted(cfg) || kf_is_compat())
		return NULL;
	return kf_scratch();
}

/* Saves the syscall from its registers for the filler. */
static __always_inline int kf_save_regs(struct kf_scratch *s, struct pt_regs *regs, __u64 nr,
					__s64 ret)
{
	struct pt_regs r;

	if (bpf_probe_read(&r, sizeof(r), regs))
		return -1;
	s->st.args[0] = r.di;
	s->st.args[1] = r.si;
	s->st.args[2] = r.dx;
	s->st.args[3] = r.r10;
	s->st.args[4] = r.r8;
	s->st.args[5] = r.r9;
	s->st.nr = (__u32)nr;
	s->st.ret = ret;
	return 0;
}

static __always_inline void kf_dispatch(void *ctx, struct kf_scratch *s, void *table, __u64 nr)
{
	if (!s)
		return;
	bpf_tail_call(ctx, table, (__u32)nr);
	kf_count_internal_drop(); /* no program for a wanted syscall: the loader's bug */
}

/* --- sys_exit ------------------------------------------------------------ */

SEC("raw_tracepoint/sys_exit")
int kcap_sys_exit_raw(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	__u64 nr = KF_RD(regs, orig_ax);
	struct kf_scratch *s = kf_filter(nr, KF_WANT_EXIT);

	if (s && kf_save_regs(s, regs, nr, (__s64)ctx->args[1]) == 0)
		kf_dispatch(ctx, s, &exit_fillers, nr);
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
	struct kf_scratch *s = kf_filter(nr, KF_WANT_EXIT);

	if (s && kf_save_regs(s, kf_current_regs(), nr, ret) == 0)
		kf_dispatch(ctx, s, &exit_fillers, nr);
	return 0;
}

/* --- sys_enter: attached only when an enter event is wanted --------------- */

SEC("raw_tracepoint/sys_enter")
int kcap_sys_enter_raw(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	__u64 nr = ctx->args[1];
	struct kf_scratch *s = kf_filter(nr, KF_WANT_ENTER);

	if (s && kf_save_regs(s, regs, nr, 0) == 0)
		kf_dispatch(ctx, s, &enter_fillers, nr);
	return 0;
}

/* raw_syscalls:sys_enter's record */
struct kf_tp_sys_enter {
	__u64 common;
	__s64 id;
	__u64 args[6];
};

SEC("tracepoint/raw_syscalls/sys_enter")
int kcap_sys_enter_tp(struct kf_tp_sys_enter *ctx)
{
	__u64 nr = (__u64)ctx->id;
	struct kf_scratch *s = kf_filter(nr, KF_WANT_ENTER);

	if (!s)
		return 0;
	s->st.args[0] = ctx->args[0];
	s->st.args[1] = ctx->args[1];
	s->st.args[2] = ctx->args[2];
	s->st.args[3] = ctx->args[3];
	s->st.args[4] = ctx->args[4];
	s->st.args[5] = ctx->args[5];
	s->st.nr = (__u32)nr;
	s->st.ret = 0;
	kf_dispatch(ctx, s, &enter_fillers, nr);
	return 0;
}

/* --- processes ----------------------------------------------------------- */

/* Children of captured processes are captured too (kcap -- COMMAND, kcap -p). */
static __always_inline void kf_track_fork(__u32 ptgid, __u32 child)
{
	__u8 one = 1;

	if (ptgid != child && bpf_map_lookup_elem(&pids, &ptgid))
		bpf_map_update_elem(&pids, &child, &one, BPF_ANY);
}

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
	struct kf_config *cfg = kf_config();
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
	struct kf_config *cfg = kf_config();
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

char LICENSE[] SEC("license") = "GPL";

/* The kernel this object was built for: the engine refuses any other. Never loaded. */
char kcap_release[] SEC(".kcap.release") = KCAP_LEGACY_RELEASE;
