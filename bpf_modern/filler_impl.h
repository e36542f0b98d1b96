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
	__u64 *args; /* SYS_ENTER: the tracepoint's args[6] */
	struct task_struct *task; /* PROC_EXIT: the exiting task */
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

	if (tgid == kcap_self_tgid)
		return false;
	if (kcap_filter_pids && !bpf_map_lookup_elem(&pids, &tgid))
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
		if (ctx->buf)
			return 0;
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
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 len = ctx->off;
	long err = 0;

	hdr->ts = bpf_ktime_get_ns();
	hdr->tid = (__u32)pid_tgid;
	hdr->pid = pid_tgid >> 32;
	hdr->len = len;
	hdr->type = ctx->type;
	hdr->nparams = ctx->nparams;
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
}

/* --- parameters --------------------------------------------------------- */

static __always_inline __u8 *kf_data(struct kf_ctx *ctx)
{
	return ctx->buf + (ctx->off & KF_OFF_MASK);
}

static __always_inline void kf_set_len(struct kf_ctx *ctx, __u16 len)
{
	__u16 *plen = (__u16 *)(ctx->buf + KCAP_HDR_SIZE);

	plen[ctx->idx & (KF_MAX_PARAMS - 1)] = len;
	ctx->idx++;
}

static __always_inline void kf_push_fault(struct kf_ctx *ctx)
{
	ctx->faults++;
	kf_set_len(ctx, KCAP_PLEN_FAULT);
}

static __always_inline void kf_push_u64(struct kf_ctx *ctx, __u64 v)
{
	*(__u64 *)kf_data(ctx) = v;
	ctx->off += 8;
	kf_set_len(ctx, 8);
}

static __always_inline void kf_push_u32(struct kf_ctx *ctx, __u32 v)
{
	*(__u32 *)kf_data(ctx) = v;
	ctx->off += 4;
	kf_set_len(ctx, 4);
}

static __always_inline void kf_push_empty(struct kf_ctx *ctx)
{
	kf_set_len(ctx, 0);
}

/* Accounts n bytes just copied to kf_data(), or a fault when n <= 0. */
static __always_inline void kf_commit_copy(struct kf_ctx *ctx, long n)
{
	if (n <= 0) {
		kf_push_fault(ctx);
		return;
	}
	ctx->off += n;
	kf_set_len(ctx, n);
}

/*
 * Some kernels (6.1, 6.12) return 0 for an empty string, others 1: an empty
 * string is one NUL byte everywhere, and only a negative return is a fault.
 */
static __always_inline long kf_str_len(long n)
{
	return n == 0 ? 1 : n; /* the helper did write the NUL */
}

static __always_inline void kf_push_user_str(struct kf_ctx *ctx, __u64 uptr)
{
	__u8 *dst = kf_data(ctx);

	kf_commit_copy(ctx, kf_str_len(bpf_probe_read_user_str(dst, KCAP_MAX_PATH, (void *)uptr)));
}

/* Copies n (<= KCAP_MAX_PARAM_LEN) user bytes; the fault check is the helper's. */
static __always_inline long kf_copy_user(__u8 *dst, __u64 n, __u64 uptr)
{
	if (n > KCAP_MAX_PARAM_LEN)
		n = KCAP_MAX_PARAM_LEN;
	if (n == 0)
		return 0;
	return bpf_probe_read_user(dst, n, (void *)uptr) ? -1 : (long)n;
}

static __always_inline void kf_push_user_buf(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	long got;

	if (n > kcap_snaplen)
		n = kcap_snaplen;
	if (n == 0) {
		kf_push_empty(ctx);
		return;
	}
	got = kf_copy_user(kf_data(ctx), n, uptr);
	kf_commit_copy(ctx, got);
}

static __always_inline void kf_push_user_sockaddr(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	if (n > KCAP_MAX_SOCKADDR)
		n = KCAP_MAX_SOCKADDR;
	if (n == 0 || !uptr) {
		kf_push_empty(ctx);
		return;
	}
	kf_commit_copy(ctx, kf_copy_user(kf_data(ctx), n, uptr));
}

static __always_inline struct kf_path_tmp *kf_work(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&path_tmp, &zero);
}

#define KF_MAX_IOVECS 32

static __always_inline void kf_push_user_iovec(struct kf_ctx *ctx, __u64 iov, __u64 iovcnt, __u64 n)
{
	struct kf_path_tmp *w = kf_work();

	if (!w) {
		kf_push_fault(ctx);
		return;
	}
	if (n > kcap_snaplen)
		n = kcap_snaplen;
	w->total = 0;
	for (__u32 i = 0; i < KF_MAX_IOVECS && i < iovcnt; i++) {
		__u32 total = w->total;
		struct iovec v;
		__u64 chunk;

		if (total >= n)
			break;
		if (bpf_probe_read_user(&v, sizeof(v), (void *)(iov + i * sizeof(v)))) {
			kf_push_fault(ctx);
			return;
		}
		chunk = (__u64)v.iov_len;
		if (chunk > n - total)
			chunk = n - total;
		if (chunk > KCAP_MAX_PARAM_LEN)
			return; /* unreachable: n <= snaplen; keeps the verifier's bound */
		if (chunk && bpf_probe_read_user(ctx->buf + ((ctx->off + total) & KF_OFF_MASK),
						 chunk, v.iov_base)) {
			kf_push_fault(ctx);
			return;
		}
		w->total = total + chunk;
	}
	ctx->off += w->total;
	kf_set_len(ctx, w->total);
}

#define KF_MAX_ARGV 64

static __always_inline void kf_push_user_argv(struct kf_ctx *ctx, __u64 argv)
{
	struct kf_path_tmp *w = kf_work();

	if (!w) {
		kf_push_fault(ctx);
		return;
	}
	w->total = 0;
	for (__u32 i = 0; i < KF_MAX_ARGV; i++) {
		__u32 total = w->total;
		__u8 *dst;
		__u64 arg;
		long n;

		if (total >= KCAP_MAX_ARGS_LEN)
			break;
		if (bpf_probe_read_user(&arg, sizeof(arg), (void *)(argv + i * 8))) {
			if (i == 0) {
				kf_push_fault(ctx);
				return;
			}
			break;
		}
		if (!arg)
			break;
		dst = ctx->buf + ((ctx->off + total) & KF_OFF_MASK);
		n = kf_str_len(
			bpf_probe_read_user_str(dst, KCAP_MAX_ARGS_LEN - total, (void *)arg));
		if (n < 0)
			break;
		w->total = total + (__u32)n;
	}
	ctx->off += w->total;
	kf_set_len(ctx, w->total);
}

static __always_inline __u64 kf_read_user_u64(struct kf_ctx *ctx, __u64 uptr)
{
	__u64 v = 0;

	if (bpf_probe_read_user(&v, sizeof(v), (void *)uptr))
		return 0;
	return v;
}

static __always_inline __u32 kf_read_user_u32(struct kf_ctx *ctx, __u64 uptr)
{
	__u32 v = 0;

	if (bpf_probe_read_user(&v, sizeof(v), (void *)uptr))
		return 0;
	return v;
}

/* --- syscall and task --------------------------------------------------- */

static __always_inline __u64 kf_arg(struct kf_ctx *ctx, int i)
{
	if (ctx->args)
		return ctx->args[i];
	switch (i) {
	case 0:
		return ctx->regs->di;
	case 1:
		return ctx->regs->si;
	case 2:
		return ctx->regs->dx;
	case 3:
		return ctx->regs->r10;
	case 4:
		return ctx->regs->r8;
	default:
		return ctx->regs->r9;
	}
}

static __always_inline __s64 kf_ret(struct kf_ctx *ctx)
{
	return ctx->ret;
}

static __always_inline __u32 kf_syscall_id(struct kf_ctx *ctx)
{
	return (__u32)ctx->regs->orig_ax;
}

static __always_inline struct task_struct *kf_task(struct kf_ctx *ctx)
{
	return ctx->task ? ctx->task : bpf_get_current_task_btf();
}

static __always_inline __s32 kf_task_ppid(struct kf_ctx *ctx)
{
	return kf_task(ctx)->real_parent->tgid;
}

static __always_inline __u32 kf_task_uid(struct kf_ctx *ctx)
{
	return kf_task(ctx)->cred->uid.val;
}

static __always_inline __u32 kf_task_euid(struct kf_ctx *ctx)
{
	return kf_task(ctx)->cred->euid.val;
}

static __always_inline __u32 kf_task_gid(struct kf_ctx *ctx)
{
	return kf_task(ctx)->cred->gid.val;
}

static __always_inline __u32 kf_task_exit_code(struct kf_ctx *ctx)
{
	return kf_task(ctx)->exit_code;
}

static __always_inline void kf_push_comm(struct kf_ctx *ctx)
{
	if (bpf_get_current_comm(kf_data(ctx), KCAP_COMM_LEN)) {
		kf_push_fault(ctx);
		return;
	}
	ctx->off += KCAP_COMM_LEN;
	kf_set_len(ctx, KCAP_COMM_LEN);
}

static __always_inline void kf_push_mm_args(struct kf_ctx *ctx)
{
	struct mm_struct *mm = kf_task(ctx)->mm;
	__u64 start, len;

	if (!mm) {
		kf_push_fault(ctx);
		return;
	}
	start = mm->arg_start;
	len = mm->arg_end - start;
	if (len > KCAP_MAX_ARGS_LEN)
		len = KCAP_MAX_ARGS_LEN;
	kf_commit_copy(ctx, kf_copy_user(kf_data(ctx), len, start));
}

#include "path.h"

/* --- programs ----------------------------------------------------------- */

#define KCAP_FILLER(ID, HOOK)                                       \
	KCAP_ASSERT_HOOK(KCAP_HOOK_OF_##ID, KCAP_HOOK_##HOOK, #ID); \
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

/* Raw layout of a syscalls:sys_enter_<name> tracepoint record. */
struct kf_sys_enter_record {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__u64 args[6];
};

/* Enter fillers run on the per-syscall tracepoint, only for the syscalls that need them. */
#define KCAP_FILLER_SYS_ENTER(ID)                                                     \
	KF_BODY(ID);                                                                  \
	SEC("tracepoint")                                                             \
	int fill_##ID(struct kf_sys_enter_record *rec)                                \
	{                                                                             \
		__u64 args[6] = { rec->args[0], rec->args[1], rec->args[2],           \
				  rec->args[3], rec->args[4], rec->args[5] };         \
		struct kf_ctx c = { .args = args };                                   \
		__u64 nr = (__u32)rec->nr;                                            \
		if (nr >= KCAP_MAX_SYSCALLS || !kcap_interesting[nr] || !kf_wanted()) \
			return 0;                                                     \
		KF_EMIT(ID, c);                                                       \
		return 0;                                                             \
	}                                                                             \
	KF_BODY(ID)

/* The scheduler's exit hook; it also forgets exited thread groups of the pid filter. */
#define KCAP_FILLER_PROC_EXIT(ID)                                          \
	KF_BODY(ID);                                                       \
	SEC("tp_btf/sched_process_exit")                                   \
	int BPF_PROG(fill_##ID, struct task_struct *task)                  \
	{                                                                  \
		struct kf_ctx c = { .task = task };                        \
		bool wanted = kf_wanted();                                 \
		if (kcap_filter_pids && task->signal->live.counter == 0) { \
			__u32 tgid = task->tgid;                           \
			bpf_map_delete_elem(&pids, &tgid);                 \
		}                                                          \
		if (!wanted || !kcap_capture_procexit)                     \
			return 0;                                          \
		KF_EMIT(ID, c);                                            \
		return 0;                                                  \
	}                                                                  \
	KF_BODY(ID)

#endif /* KCAP_MODERN_FILLER_IMPL_H */
