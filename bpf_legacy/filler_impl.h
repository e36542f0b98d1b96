/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The filler API (shared/filler_api.h) for the legacy probe: 4.14-era BPF only.
 *
 * A dispatcher (kcap_legacy.bpf.c) saves the syscall's number, arguments and
 * return value in the CPU's scratch value and tail-calls the event's filler, so
 * fillers never read their context and run unchanged as tracepoint or raw
 * tracepoint programs. The event is built in the scratch value and sent with
 * bpf_perf_event_output(). Every kernel read is bpf_probe_read(); every loop is
 * unrolled; every variable offset is masked; every helper size is at least 1.
 *
 * Events too large for one program (exec) are split: the first program writes
 * parameters [0, split), saves its cursor in the scratch value and tail-calls
 * the continuation, which runs the same body writing [split, nparams). Pushes
 * outside a program's range compile away, as the parameter index is a constant.
 */
#ifndef KCAP_LEGACY_FILLER_IMPL_H
#define KCAP_LEGACY_FILLER_IMPL_H

#define KF_ALL 255 /* "to the last parameter" */

struct kf_ctx {
	struct kf_scratch *s;
	const __u64 *args; /* enter events: the tracepoint record's; else s->st.args */
	const struct kcap_uring_req *uring; /* IO_URING */
	__u8 *buf; /* the event: s->data + KF_EVT_OFF */
	void *pctx; /* the program's context, for the helpers that need it */
	__u32 off; /* next parameter byte */
	__u32 idx; /* next parameter index */
	__u32 faults;
	__u32 snaplen;
	__u32 lo, hi; /* parameters this program writes */
	__u16 type;
	__u16 nparams;
};

static __always_inline struct kcap_kstats *kf_stats(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&stats, &zero);
}

static __always_inline void kf_count_internal_drop(void)
{
	struct kcap_kstats *st = kf_stats();

	if (st)
		st->drops_internal++;
}

static __always_inline struct kcap_ksettings *kf_settings(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&settings, &zero);
}

/* Pid filter and self-exclusion, shared by every hook. */
static __always_inline bool kf_wanted(const struct kcap_ksettings *cfg)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;

	if (tgid == cfg->self_tgid)
		return false;
	if (cfg->filter_pids && !bpf_map_lookup_elem(&pids, &tgid))
		return false;
	return true;
}

static __always_inline struct kf_scratch *kf_scratch(void)
{
	__u32 cpu = bpf_get_smp_processor_id();

	return bpf_map_lookup_elem(&scratch, &cpu);
}

/* A 32-bit (ia32) syscall is running: its number and registers are ia32's. */
static __always_inline bool kf_is_ia32(void)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();

	return KF_RD(task, thread_info.status) & KF_TS_COMPAT;
}

/* A number outside the table at exit: an x32 syscall, or any other (none is invisible). */
static __always_inline struct kf_scratch *kf_filter_other(__u64 nr, int *by_event)
{
	struct kcap_ksettings *cfg = kf_settings();
	bool x32 = kcap_syscall_is_x32(nr);

	if (!cfg || !(cfg->other_syscalls & (x32 ? KCAP_OTHER_X32 : KCAP_OTHER_BEYOND)) ||
	    !kf_wanted(cfg))
		return NULL;
	*by_event = x32 ? KCAP_EV_X32_X : KCAP_EV_GENERIC_X;
	return kf_scratch();
}

/*
 * Filters a syscall for direction dir (KCAP_WANT_EXIT or KCAP_WANT_ENTER): the
 * CPU's scratch value, or NULL. *by_event is the event whose program the
 * dispatcher tail-calls by id, or -1 for the syscall's exit filler: COMPAT_X
 * for a 32-bit syscall (wanted by its own bit), X32_X or GENERIC_X for a
 * number outside the table.
 */
static __always_inline struct kf_scratch *kf_filter(__u64 nr, __u8 dir, int *by_event)
{
	__u8 mask = dir == KCAP_WANT_EXIT ? KCAP_WANT_EXIT | KCAP_WANT_IA32 : dir;
	struct kcap_ksettings *cfg;
	struct kcap_kstats *st;
	__u32 key = (__u32)nr;
	bool ia32;
	__u8 *bits;

	*by_event = -1;
	if (nr >= KCAP_MAX_SYSCALLS)
		return dir == KCAP_WANT_EXIT ? kf_filter_other(nr, by_event) : NULL;
	bits = bpf_map_lookup_elem(&want, &key);
	if (!bits || !(*bits & mask))
		return NULL;
	cfg = kf_settings();
	if (!cfg || !kf_wanted(cfg))
		return NULL;
	/* enter hooks are syscall tracepoints, which never fire for 32-bit calls */
	ia32 = dir == KCAP_WANT_EXIT && kf_is_ia32();
	if (ia32 ? !(*bits & KCAP_WANT_IA32) : !(*bits & dir)) {
		st = ia32 ? kf_stats() : NULL;
		if (st)
			st->compat_skipped++;
		return NULL;
	}
	if (ia32)
		*by_event = KCAP_EV_COMPAT_X;
	return kf_scratch();
}

/*
 * A 32-bit exit that is an exec into a 32-bit image (kcap_events.h) goes to
 * execve's filler, when execve is wanted: *nr and *by_event say so.
 */
static __always_inline void kf_redirect_ia32_exec(__u64 *nr, __s64 ret, int *by_event)
{
	__u32 key = KCAP_NR_execve;
	__u8 *bits;

	if (*by_event != KCAP_EV_COMPAT_X || !kcap_ia32_exec_succeeded(*nr, ret))
		return;
	bits = bpf_map_lookup_elem(&want, &key);
	if (bits && (*bits & KCAP_WANT_EXIT)) {
		*nr = KCAP_NR_execve;
		*by_event = -1;
	}
}

static __always_inline int kf_begin(struct kf_ctx *ctx, void *pctx, __u16 type, __u16 nparams,
				    __u32 lo, __u32 hi)
{
	struct kcap_ksettings *cfg = kf_settings();

	ctx->s = kf_scratch();
	if (!ctx->s || !cfg) {
		kf_count_internal_drop();
		return -1;
	}
	ctx->pctx = pctx;
	ctx->args = NULL;
	ctx->buf = ctx->s->data + KF_EVT_OFF;
	ctx->snaplen = cfg->snaplen;
	ctx->type = type;
	ctx->nparams = nparams;
	ctx->lo = lo;
	ctx->hi = hi;
	ctx->idx = 0; /* a constant per push: pushes outside [lo, hi) fold away */
	if (lo == 0) {
		ctx->off = KCAP_HDR_SIZE + 2 * nparams;
		ctx->faults = 0;
		((struct kcap_evt_hdr *)ctx->buf)->truncated = 0;
	} else {
		ctx->off = ctx->s->st.off;
		ctx->faults = ctx->s->st.faults;
	}
	return 0;
}

static __always_inline void kf_finish(struct kf_ctx *ctx)
{
	struct kcap_evt_hdr *hdr = (struct kcap_evt_hdr *)ctx->buf;
	struct kcap_kstats *st;
	__u32 len = ctx->off;
	long err;

	if (ctx->hi < ctx->nparams) {
		/* first half of a split event: hand the cursor to the continuation */
		ctx->s->st.off = ctx->off;
		ctx->s->st.faults = ctx->faults;
		bpf_tail_call(ctx->pctx, &event_progs, ctx->type);
		kf_count_internal_drop();
		return;
	}
	st = kf_stats();
	if (len > KF_MAX_SAMPLE) {
		if (st)
			st->drops_too_large++;
		return;
	}
	kf_write_header(hdr, ctx->type, ctx->nparams, len);
	*(__u32 *)(ctx->buf - 4) = 0; /* alignment bytes before the event */
	err = bpf_perf_event_output(ctx->pctx, &events, BPF_F_CURRENT_CPU, ctx->buf - 4,
				    kf_size(len + 4, 2 * KF_DATA_HALF - 1));
	if (!st)
		return;
	if (err) {
		/* Kernels before 4.19 return 0 here: the reader counts lost records too. */
		if (err == -28 /* ENOSPC */)
			st->drops_buffer_full++;
		else
			st->drops_internal++;
		return;
	}
	st->events++;
	st->faults += ctx->faults;
	st->truncated += hdr->truncated != 0;
}

/* --- parameters --------------------------------------------------------- */

/* Parameters before lo or from hi on belong to another program of a split event. */
static __always_inline bool kf_skip(struct kf_ctx *ctx)
{
	if (ctx->idx >= ctx->lo && ctx->idx < ctx->hi)
		return false;
	ctx->idx++;
	return true;
}

static __always_inline __u32 kf_snaplen(struct kf_ctx *ctx)
{
	return ctx->snaplen;
}

static __always_inline struct kf_work *kf_work(struct kf_ctx *ctx)
{
	return &ctx->s->work;
}

#include "bounds.h"

/*
 * bpf_probe_read() reads kernel memory too: a user pointer into the kernel's
 * half of the address space (bit 63 set, with 4- and 5-level paging) is
 * unreadable, as bpf_probe_read_user() and the module's copies make it.
 */
#define KF_USER_PTR(src) ((__s64)(unsigned long)(src) >= 0)
#define KF_READ_USER(dst, n, src) (KF_USER_PTR(src) ? bpf_probe_read(dst, n, src) : -14)
#define KF_READ_USER_STR(dst, n, src) (KF_USER_PTR(src) ? bpf_probe_read_str(dst, n, src) : -14)
#define KF_READ_KERNEL(dst, n, src) bpf_probe_read(dst, n, src)
#define KF_READ_KERNEL_STR(dst, n, src) bpf_probe_read_str(dst, n, src)
#define KF_LOOP _Pragma("unroll")
#define KF_MOUNT struct kf_mount

#include "bpf/pushes.h"

/* --- syscall and task --------------------------------------------------- */

static __always_inline __u64 kf_arg(struct kf_ctx *ctx, int i)
{
	return ctx->args ? ctx->args[i] : ctx->s->st.args[i & 7];
}

/* The dispatcher saved a 32-bit syscall's own registers as its arguments. */
static __always_inline __u64 kf_arg_ia32(struct kf_ctx *ctx, int i)
{
	return ctx->s->st.args[i & 7];
}

static __always_inline __s64 kf_ret(struct kf_ctx *ctx)
{
	return ctx->s->st.ret;
}

static __always_inline __u32 kf_syscall_id(struct kf_ctx *ctx)
{
	return ctx->s->st.nr;
}

/* Every hook runs in the context of the task concerned (sched_process_exit too). */
static __always_inline struct task_struct *kf_task(struct kf_ctx *ctx)
{
	return (struct task_struct *)bpf_get_current_task();
}

static __always_inline __s32 kf_task_ppid(struct kf_ctx *ctx)
{
	struct task_struct *parent = KF_RD(kf_task(ctx), real_parent);

	return KF_RD(parent, tgid);
}

static __always_inline __u32 kf_task_uid(struct kf_ctx *ctx)
{
	const struct cred *cred = KF_RD(kf_task(ctx), cred);

	return KF_RD(cred, uid.val);
}

static __always_inline __u32 kf_task_euid(struct kf_ctx *ctx)
{
	const struct cred *cred = KF_RD(kf_task(ctx), cred);

	return KF_RD(cred, euid.val);
}

static __always_inline __u32 kf_task_gid(struct kf_ctx *ctx)
{
	const struct cred *cred = KF_RD(kf_task(ctx), cred);

	return KF_RD(cred, gid.val);
}

static __always_inline __u32 kf_task_exit_code(struct kf_ctx *ctx)
{
	return KF_RD(kf_task(ctx), exit_code);
}

#include "bpf/task.h"
#include "bpf/sock.h"

static __always_inline const struct kcap_uring_req *kf_uring_req(struct kf_ctx *ctx)
{
	return ctx->uring;
}

/* --- programs ----------------------------------------------------------- */

/* Events split in two programs, and where: exec's paths and argv do not fit in one. */
#define KF_SPLIT_AT(ev) ((ev) == KCAP_EV_EXECVE_X || (ev) == KCAP_EV_EXECVEAT_X ? 3 : KF_ALL)

/*
 * Exit fillers (and PROCEXIT's) are tail-called programs that never read their
 * context. The section says "tracepoint"; on 4.17+ the loader makes them raw
 * tracepoint programs, like the dispatchers that call them (a tail call keeps
 * the type).
 */
#define KCAP_FILLER(ID, HOOK)                                         \
	KCAP_ASSERT_HOOK(ID, HOOK);                                   \
	static __always_inline void kf_body_##ID(struct kf_ctx *ctx); \
	KF_FILLER_##HOOK(ID) static __always_inline void kf_body_##ID(struct kf_ctx *ctx)

#define KF_TAIL_CALLED_FILLER(ID)                                          \
	SEC("tracepoint/kcap/filler")                                      \
	int fill_##ID(void *pctx)                                          \
	{                                                                  \
		struct kf_ctx c;                                           \
		if (kf_begin(&c, pctx, KCAP_EV_##ID, KCAP_NPARAMS_##ID, 0, \
			     KF_SPLIT_AT(KCAP_EV_##ID)))                   \
			return 0;                                          \
		kf_body_##ID(&c);                                          \
		kf_finish(&c);                                             \
		return 0;                                                  \
	}
#define KF_FILLER_SYS_EXIT(ID) KF_TAIL_CALLED_FILLER(ID)
#define KF_FILLER_PROC_EXIT(ID) KF_TAIL_CALLED_FILLER(ID)

/*
 * Enter fillers are plain tracepoint programs on their own syscall's
 * syscalls:sys_enter_<name> (4.14+, CONFIG_FTRACE_SYSCALLS), in raw mode too:
 * the kernel runs them only for that syscall, where a raw sys_enter hook would
 * run a program for every syscall of the machine.
 */
#define KF_FILLER_SYS_ENTER(ID)                                                          \
	SEC("tracepoint/syscalls/sys_enter")                                             \
	int fill_##ID(struct kf_sys_enter_record *rec)                                   \
	{                                                                                \
		struct kf_ctx c;                                                         \
		int by_event;                                                            \
		if (!kf_filter((__u32)rec->nr, KCAP_WANT_ENTER, &by_event) ||            \
		    kf_begin(&c, rec, KCAP_EV_##ID, KCAP_NPARAMS_##ID, 0, KF_ALL))       \
			return 0;                                                        \
		c.args = rec->args; /* only the syscall's own: the record has no more */ \
		kf_body_##ID(&c);                                                        \
		kf_finish(&c);                                                           \
		return 0;                                                                \
	}

/* The io_uring hook (kcap_legacy.bpf.c) reads the request, then emits with this. */
#define KF_FILLER_IO_URING(ID)                                                                  \
	static __always_inline void kf_emit_uring(void *pctx, const struct kcap_uring_req *req) \
	{                                                                                       \
		struct kf_ctx c;                                                                \
		if (kf_begin(&c, pctx, KCAP_EV_##ID, KCAP_NPARAMS_##ID, 0, KF_ALL))             \
			return;                                                                 \
		c.uring = req;                                                                  \
		kf_body_##ID(&c);                                                               \
		kf_finish(&c);                                                                  \
	}

/* The second program of a split event (kcap_legacy.bpf.c lists them). */
#define KF_CONTINUATION(ID)                                                                        \
	_Static_assert(KF_SPLIT_AT(KCAP_EV_##ID) < KCAP_NPARAMS_##ID, #ID " is not split");        \
	SEC("tracepoint/kcap/filler")                                                              \
	int cont_##ID(void *pctx)                                                                  \
	{                                                                                          \
		struct kf_ctx c;                                                                   \
		if (kf_begin(&c, pctx, KCAP_EV_##ID, KCAP_NPARAMS_##ID, KF_SPLIT_AT(KCAP_EV_##ID), \
			     KF_ALL))                                                              \
			return 0;                                                                  \
		kf_body_##ID(&c);                                                                  \
		kf_finish(&c);                                                                     \
		return 0;                                                                          \
	}

#endif /* KCAP_LEGACY_FILLER_IMPL_H */
