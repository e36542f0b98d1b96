/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The filler API (shared/filler_api.h) for the modern CO-RE probe.
 *
 * An event is built either in place in the CPU's ring buffer (fixed-size
 * events: the offsets are compile-time constants, so the verifier accepts the
 * reserved slot) or in the CPU's scratch area and copied with
 * bpf_ringbuf_output(). Never a wake-up: the reader polls.
 */
#ifndef KCAP_MODERN_FILLER_IMPL_H
#define KCAP_MODERN_FILLER_IMPL_H

#include "syscall_abi.h"

struct kf_ctx {
	__u8 *buf;
	void *rb;
	__u32 off; /* next parameter byte */
	__u32 idx; /* next parameter index */
	__u32 faults;
	__u16 type;
	__u16 nparams;
	__u8 fixed;
	/* hook arguments */
	struct pt_regs *regs; /* SYS_EXIT */
	long ret;
	const __u64 *args; /* SYS_ENTER: the tracepoint record's */
	struct task_struct *task; /* PROC_EXIT: the exiting task */
	const struct kcap_uring_req *uring; /* IO_URING */
};

static __always_inline struct kcap_kstats *kf_stats(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&stats, &zero);
}

/* Pid filter and self-exclusion, shared by every hook. */
static __always_inline bool kf_wanted(void)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;

	if (tgid == kcap_settings.self_tgid)
		return false;
	if (kcap_settings.filter_pids && !bpf_map_lookup_elem(&pids, &tgid))
		return false;
	return true;
}

static __always_inline int kf_begin(struct kf_ctx *ctx, __u16 type, __u16 nparams, __u32 size)
{
	struct kcap_kstats *st;
	__u32 cpu = bpf_get_smp_processor_id();

	ctx->type = type;
	ctx->nparams = nparams;
	ctx->idx = 0;
	ctx->faults = 0;
	ctx->off = KCAP_HDR_SIZE + 2 * nparams;
	ctx->fixed = size <= KCAP_MAX_EVENT_SIZE;
	ctx->rb = bpf_map_lookup_elem(&ringbufs, &cpu);
	if (ctx->rb) {
		if (ctx->fixed)
			ctx->buf = bpf_ringbuf_reserve(ctx->rb, size, 0);
		else
			ctx->buf = bpf_map_lookup_elem(&scratch, &cpu);
		if (ctx->buf) {
			((struct kcap_evt_hdr *)ctx->buf)->truncated = 0;
			return 0;
		}
	}
	st = kf_stats();
	if (st) {
		if (ctx->rb && ctx->fixed)
			st->drops_buffer_full++;
		else
			st->drops_internal++;
	}
	return -1;
}

static __always_inline void kf_finish(struct kf_ctx *ctx)
{
	struct kcap_evt_hdr *hdr = (struct kcap_evt_hdr *)ctx->buf;
	struct kcap_kstats *st = kf_stats();
	__u32 len = ctx->off;
	__u32 cut = hdr->truncated; /* read before the submit gives the event away */
	long err = 0;

	kf_write_header(hdr, ctx->type, ctx->nparams, len);
	if (ctx->fixed) {
		bpf_ringbuf_submit(ctx->buf, BPF_RB_NO_WAKEUP);
	} else if (len > KCAP_MAX_EVENT_SIZE) {
		if (st)
			st->drops_too_large++;
		return;
	} else {
		err = bpf_ringbuf_output(ctx->rb, ctx->buf, len, BPF_RB_NO_WAKEUP);
	}
	if (!st)
		return;
	if (err) {
		st->drops_buffer_full++;
		return;
	}
	st->events++;
	st->faults += ctx->faults;
	if (!ctx->fixed) /* only variable-size parameters can be cut */
		st->truncated += cut != 0;
}

/* --- parameters --------------------------------------------------------- */

static __always_inline bool kf_skip(struct kf_ctx *ctx)
{
	return false; /* no event is split across programs */
}

static __always_inline __u32 kf_snaplen(struct kf_ctx *ctx)
{
	return kcap_settings.snaplen;
}

static __always_inline struct kf_work *kf_work(struct kf_ctx *ctx)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&work, &zero);
}

#include "bounds.h"

#define KF_READ_USER(dst, n, src) bpf_probe_read_user(dst, n, src)
#define KF_READ_USER_STR(dst, n, src) bpf_probe_read_user_str(dst, n, src)
#define KF_READ_KERNEL(dst, n, src) bpf_probe_read_kernel(dst, n, src)
#define KF_READ_KERNEL_STR(dst, n, src) bpf_probe_read_kernel_str(dst, n, src)
#define KF_RD(ptr, field) BPF_CORE_READ(ptr, field)
#define KF_TASK_PID(task) BPF_CORE_READ(task, thread_pid)
#define KF_LOOP
#define KF_MOUNT struct mount /* CO-RE: the real one */

#include "bpf/pushes.h"

/* --- syscall and task --------------------------------------------------- */

static __always_inline __u64 kf_arg(struct kf_ctx *ctx, int i)
{
	if (ctx->args)
		return ctx->args[i];
	return kcap_syscall_arg(ctx->regs, i);
}

static __always_inline __u64 kf_arg_ia32(struct kf_ctx *ctx, int i)
{
	return kcap_syscall_arg_ia32(ctx->regs, i);
}

static __always_inline __s64 kf_ret(struct kf_ctx *ctx)
{
	return ctx->ret;
}

static __always_inline __u32 kf_syscall_id(struct kf_ctx *ctx)
{
	return (__u32)ctx->regs->orig_ax;
}

/*
 * 5.11+ kernels give the current task as a BTF pointer, whose fields the
 * program reads directly; 5.8-5.10 only as an address, read with CO-RE probe
 * reads. libbpf resolves this test at load time (an enum relocation against
 * the kernel's BTF), so the verifier only sees the branch of this kernel.
 */
static __always_inline bool kf_have_task_btf(void)
{
	return bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_get_current_task_btf);
}

static __always_inline struct task_struct *kf_task(struct kf_ctx *ctx)
{
	if (ctx->task)
		return ctx->task;
	if (kf_have_task_btf())
		return bpf_get_current_task_btf();
	return (struct task_struct *)bpf_get_current_task();
}

/* A 32-bit (ia32) syscall is running: its number and registers are ia32's. */
static __always_inline bool kf_is_ia32(void)
{
	if (kf_have_task_btf())
		return bpf_get_current_task_btf()->thread_info.status & KF_TS_COMPAT;
	return BPF_CORE_READ((struct task_struct *)bpf_get_current_task(), thread_info.status) &
	       KF_TS_COMPAT;
}

/*
 * One value of the event's task: a direct load from a BTF pointer (the hook's
 * task argument, or the current task on 5.11+), else a CO-RE probe read.
 */
#define KF_TASK_VALUE(ctx, direct, ...)                                                   \
	({                                                                                \
		__typeof__(+((struct task_struct *)0)->direct) __v;                       \
		if ((ctx)->task)                                                          \
			__v = (ctx)->task->direct;                                        \
		else if (kf_have_task_btf())                                              \
			__v = bpf_get_current_task_btf()->direct;                         \
		else                                                                      \
			__v = BPF_CORE_READ((struct task_struct *)bpf_get_current_task(), \
					    __VA_ARGS__);                                 \
		__v;                                                                      \
	})

static __always_inline __s32 kf_task_ppid(struct kf_ctx *ctx)
{
	return KF_TASK_VALUE(ctx, real_parent->tgid, real_parent, tgid);
}

static __always_inline __u32 kf_task_uid(struct kf_ctx *ctx)
{
	return KF_TASK_VALUE(ctx, cred->uid.val, cred, uid.val);
}

static __always_inline __u32 kf_task_euid(struct kf_ctx *ctx)
{
	return KF_TASK_VALUE(ctx, cred->euid.val, cred, euid.val);
}

static __always_inline __u32 kf_task_gid(struct kf_ctx *ctx)
{
	return KF_TASK_VALUE(ctx, cred->gid.val, cred, gid.val);
}

static __always_inline __u32 kf_task_exit_code(struct kf_ctx *ctx)
{
	return KF_TASK_VALUE(ctx, exit_code, exit_code);
}

#include "bpf/task.h"
#include "bpf/sock.h"

static __always_inline const struct kcap_uring_req *kf_uring_req(struct kf_ctx *ctx)
{
	return ctx->uring;
}

/* --- programs ----------------------------------------------------------- */

#define KCAP_FILLER(ID, HOOK)       \
	KCAP_ASSERT_HOOK(ID, HOOK); \
	KCAP_FILLER_##HOOK(ID)

#define KF_BODY(ID) static __always_inline void kf_body_##ID(struct kf_ctx *ctx)

/* Builds event ID with its filler's body and delivers it (every hook below). */
#define KF_EMIT(ID, c)                                                                  \
	do {                                                                            \
		if (!kf_begin(&(c), KCAP_EV_##ID, KCAP_NPARAMS_##ID, KCAP_SIZE_##ID)) { \
			kf_body_##ID(&(c));                                             \
			kf_finish(&(c));                                                \
		}                                                                       \
	} while (0)

/* Exit fillers are tail-called by the sys_exit dispatcher, which has filtered already. */
#define KCAP_FILLER_SYS_EXIT(ID)                                \
	KF_BODY(ID);                                            \
	SEC("tp_btf/sys_exit")                                  \
	int BPF_PROG(fill_##ID, struct pt_regs *regs, long ret) \
	{                                                       \
		struct kf_ctx c = { .regs = regs, .ret = ret }; \
		KF_EMIT(ID, c);                                 \
		return 0;                                       \
	}                                                       \
	KF_BODY(ID)

/* Enter fillers run on the per-syscall tracepoint, only for the syscalls that need them. */
#define KCAP_FILLER_SYS_ENTER(ID)                                                                  \
	KF_BODY(ID);                                                                               \
	SEC("tracepoint")                                                                          \
	int fill_##ID(struct kf_sys_enter_record *rec)                                             \
	{                                                                                          \
		/* only the syscall's own arguments: the record has no more */                     \
		struct kf_ctx c = { .args = rec->args };                                           \
		__u64 nr = (__u32)rec->nr;                                                         \
		if (nr >= KCAP_MAX_SYSCALLS || !(kcap_want[nr] & KCAP_WANT_ENTER) || !kf_wanted()) \
			return 0;                                                                  \
		KF_EMIT(ID, c);                                                                    \
		return 0;                                                                          \
	}                                                                                          \
	KF_BODY(ID)

/* The scheduler's exit hook; it also forgets exited thread groups of the pid filter. */
#define KCAP_FILLER_PROC_EXIT(ID)                                                   \
	KF_BODY(ID);                                                                \
	SEC("tp_btf/sched_process_exit")                                            \
	int BPF_PROG(fill_##ID, struct task_struct *task)                           \
	{                                                                           \
		struct kf_ctx c = { .task = task };                                 \
		bool wanted = kf_wanted();                                          \
		if (kcap_settings.filter_pids && task->signal->live.counter == 0) { \
			__u32 tgid = task->tgid;                                    \
			bpf_map_delete_elem(&pids, &tgid);                          \
		}                                                                   \
		if (!wanted || !kcap_settings.capture_procexit)                     \
			return 0;                                                   \
		KF_EMIT(ID, c);                                                     \
		return 0;                                                           \
	}                                                                           \
	KF_BODY(ID)

/* The io_uring hooks (kcap_modern.bpf.c) read the request, then emit with this. */
#define KCAP_FILLER_IO_URING(ID)                                                    \
	KF_BODY(ID);                                                                \
	static __always_inline void kf_emit_uring(const struct kcap_uring_req *req) \
	{                                                                           \
		struct kf_ctx c = { .uring = req };                                 \
		KF_EMIT(ID, c);                                                     \
	}                                                                           \
	KF_BODY(ID)

#endif /* KCAP_MODERN_FILLER_IMPL_H */
