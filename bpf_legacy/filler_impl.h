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

/* Hides a value's known range from clang, so a mask below is kept for the verifier. */
#define KF_OPAQUE(x) asm volatile("" : "+r"(x))

/* x in [1, mask + 1] for the verifier; x itself when 1 <= x <= mask + 1. */
static __always_inline __u32 kf_size(__u64 x, __u32 mask)
{
	__u32 v = (__u32)x - 1;

	KF_OPAQUE(v);
	return (v & mask) + 1;
}

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

static __always_inline struct kf_config *kf_config(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&kcap_cfg, &zero);
}

/* Pid filter and self-exclusion, shared by every hook. */
static __always_inline bool kf_wanted(const struct kf_config *cfg)
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

#define KF_TS_COMPAT 0x0002 /* thread_info.status: a 32-bit syscall is running */

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

/* Raw layout of a syscalls:sys_enter_<name> tracepoint record. */
struct kf_sys_enter_record {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__u64 args[6];
};

static __always_inline int kf_begin(struct kf_ctx *ctx, void *pctx, __u16 type, __u16 nparams,
				    __u32 lo, __u32 hi)
{
	struct kf_config *cfg = kf_config();

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
	__u64 pid_tgid;
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
	pid_tgid = bpf_get_current_pid_tgid();
	hdr->ts = bpf_ktime_get_ns();
	hdr->tid = (__u32)pid_tgid;
	hdr->pid = pid_tgid >> 32;
	hdr->len = len;
	hdr->type = ctx->type;
	hdr->nparams = ctx->nparams;
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
	if (kf_skip(ctx))
		return;
	*(__u64 *)kf_data(ctx) = v;
	ctx->off += 8;
	kf_set_len(ctx, 8);
}

static __always_inline void kf_push_u32(struct kf_ctx *ctx, __u32 v)
{
	if (kf_skip(ctx))
		return;
	*(__u32 *)kf_data(ctx) = v;
	ctx->off += 4;
	kf_set_len(ctx, 4);
}

static __always_inline void kf_push_empty(struct kf_ctx *ctx)
{
	if (kf_skip(ctx))
		return;
	kf_set_len(ctx, 0);
}

/* Accounts n bytes just copied to kf_data(), or a fault when n <= 0. */
/*
 * Kernels whose string read goes through strncpy_from_user_nofault() (5.5 to
 * 6.12 at least) return 0 for an empty string, older and newer ones 1: an
 * empty string is one NUL byte everywhere, and only a negative return a fault.
 */
static __always_inline long kf_str_len(long n)
{
	return n == 0 ? 1 : n; /* the helper did write the NUL */
}

static __always_inline void kf_commit_copy(struct kf_ctx *ctx, long n)
{
	if (n <= 0) {
		kf_push_fault(ctx);
		return;
	}
	ctx->off += n;
	kf_set_len(ctx, n);
}

static __always_inline void kf_push_user_str(struct kf_ctx *ctx, __u64 uptr)
{
	if (kf_skip(ctx))
		return;
	__u8 *dst = kf_data(ctx);

	kf_commit_copy(ctx, kf_str_len(bpf_probe_read_str(dst, KCAP_MAX_PATH, (void *)uptr)));
}

/* Copies n (<= KCAP_MAX_PARAM_LEN) bytes; the fault check is the helper's. */
static __always_inline long kf_copy(__u8 *dst, __u64 n, __u64 ptr)
{
	__u32 sz;

	if (n > KCAP_MAX_PARAM_LEN)
		n = KCAP_MAX_PARAM_LEN;
	if (n == 0)
		return 0;
	sz = kf_size(n, KF_OFF_MASK);
	return bpf_probe_read(dst, sz, (void *)ptr) ? -1 : (long)sz;
}

static __always_inline void kf_push_user_buf(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	if (kf_skip(ctx))
		return;
	if (n > ctx->snaplen)
		n = ctx->snaplen;
	if (n == 0) {
		kf_set_len(ctx, 0);
		return;
	}
	kf_commit_copy(ctx, kf_copy(kf_data(ctx), n, uptr));
}

static __always_inline void kf_push_user_sockaddr(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	if (kf_skip(ctx))
		return;
	if (n > KCAP_MAX_SOCKADDR)
		n = KCAP_MAX_SOCKADDR;
	if (n == 0 || !uptr) {
		kf_set_len(ctx, 0);
		return;
	}
	kf_commit_copy(ctx, kf_copy(kf_data(ctx), n, uptr));
}

/* Unrolled bounds (4.14 has no loops); see README.md. */
#define KF_MAX_IOVECS 8
#define KF_MAX_ARGV 16

struct kf_iovec {
	__u64 base;
	__u64 len;
};

static __always_inline void kf_push_user_iovec(struct kf_ctx *ctx, __u64 iov, __u64 iovcnt, __u64 n)
{
	struct kf_state *st = &ctx->s->st;

	if (kf_skip(ctx))
		return;
	if (n > ctx->snaplen)
		n = ctx->snaplen;
	st->total = 0;
#pragma unroll
	for (__u32 i = 0; i < KF_MAX_IOVECS; i++) {
		__u32 total = st->total; /* from the map: an unknown scalar, so states prune */
		struct kf_iovec v;
		__u64 chunk;

		if (i >= iovcnt || total >= n)
			break;
		if (bpf_probe_read(&v, sizeof(v), (void *)(iov + i * sizeof(v)))) {
			kf_push_fault(ctx);
			return;
		}
		chunk = v.len;
		if (chunk > n - total)
			chunk = n - total;
		if (chunk > KCAP_MAX_PARAM_LEN)
			break; /* unreachable: n <= snaplen; keeps the verifier's bound */
		if (chunk && bpf_probe_read(ctx->buf + ((ctx->off + total) & KF_OFF_MASK),
					    kf_size(chunk, KF_OFF_MASK), (void *)v.base)) {
			kf_push_fault(ctx);
			return;
		}
		st->total = total + chunk;
	}
	ctx->off += st->total;
	kf_set_len(ctx, st->total);
}

static __always_inline void kf_push_user_argv(struct kf_ctx *ctx, __u64 argv)
{
	struct kf_state *st = &ctx->s->st;

	if (kf_skip(ctx))
		return;
	st->total = 0;
#pragma unroll
	for (__u32 i = 0; i < KF_MAX_ARGV; i++) {
		__u32 total = st->total;
		__u64 arg = 0;
		__u8 *dst;
		long n;

		if (total >= KCAP_MAX_ARGS_LEN)
			break;
		if (bpf_probe_read(&arg, sizeof(arg), (void *)(argv + i * 8))) {
			if (i == 0) {
				kf_push_fault(ctx);
				return;
			}
			break;
		}
		if (!arg)
			break;
		dst = ctx->buf + ((ctx->off + total) & KF_OFF_MASK);
		n = kf_str_len(bpf_probe_read_str(
			dst, kf_size(KCAP_MAX_ARGS_LEN - total, KCAP_MAX_ARGS_LEN - 1),
			(void *)arg));
		if (n < 0)
			break;
		st->total = total + (__u32)n;
	}
	ctx->off += st->total;
	kf_set_len(ctx, st->total);
}

static __always_inline __u64 kf_read_user_u64(struct kf_ctx *ctx, __u64 uptr)
{
	__u64 v = 0;

	if (bpf_probe_read(&v, sizeof(v), (void *)uptr))
		return 0;
	return v;
}

static __always_inline __u32 kf_read_user_u32(struct kf_ctx *ctx, __u64 uptr)
{
	__u32 v = 0;

	if (bpf_probe_read(&v, sizeof(v), (void *)uptr))
		return 0;
	return v;
}

/* --- syscall and task --------------------------------------------------- */

static __always_inline __u64 kf_arg(struct kf_ctx *ctx, int i)
{
	return ctx->args ? ctx->args[i] : ctx->s->st.args[i & 7];
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

static __always_inline void kf_push_comm(struct kf_ctx *ctx)
{
	if (kf_skip(ctx))
		return;
	if (bpf_get_current_comm(kf_data(ctx), KCAP_COMM_LEN)) {
		kf_push_fault(ctx);
		return;
	}
	ctx->off += KCAP_COMM_LEN;
	kf_set_len(ctx, KCAP_COMM_LEN);
}

static __always_inline void kf_push_mm_args(struct kf_ctx *ctx)
{
	struct mm_struct *mm;
	__u64 start, len;

	if (kf_skip(ctx))
		return;
	mm = KF_RD(kf_task(ctx), mm);
	if (!mm) {
		kf_push_fault(ctx);
		return;
	}
	start = KF_RD(mm, arg_start);
	len = KF_RD(mm, arg_end) - start;
	if (len > KCAP_MAX_ARGS_LEN)
		len = KCAP_MAX_ARGS_LEN;
	kf_commit_copy(ctx, kf_copy(kf_data(ctx), len, start));
}

#include "path.h"

/* --- programs ----------------------------------------------------------- */

/* Events split in two programs, and where: exec's paths and argv do not fit in one. */
#define KF_SPLIT_AT(ev) ((ev) == KCAP_EV_EXECVE_X || (ev) == KCAP_EV_EXECVEAT_X ? 3 : KF_ALL)

/*
 * Exit fillers (and PROCEXIT's) are tail-called programs that never read their
 * context. ID is pasted directly, never passed on: kernel headers define some
 * IDs (BPF_X). The section says "tracepoint"; on 4.17+ the loader makes them
 * raw tracepoint programs, like the dispatchers that call them (a tail call
 * keeps the type).
 */
#define KCAP_FILLER(ID, HOOK)                                         \
	KCAP_ASSERT_HOOK(KCAP_HOOK_OF_##ID, KCAP_HOOK_##HOOK, #ID);   \
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
		if (!kf_filter((__u32)rec->nr, KF_WANT_ENTER) ||                         \
		    kf_begin(&c, rec, KCAP_EV_##ID, KCAP_NPARAMS_##ID, 0, KF_ALL))       \
			return 0;                                                        \
		c.args = rec->args; /* only the syscall's own: the record has no more */ \
		kf_body_##ID(&c);                                                        \
		kf_finish(&c);                                                           \
		return 0;                                                                \
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
