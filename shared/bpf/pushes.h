/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The filler API's parameter stores (kf_put_*, shared/filler_api.h), once for
 * both eBPF probes and the unit tests' mock. Each includer defines, before
 * including this file:
 *   struct kf_ctx with buf (the event), off (next parameter byte), idx (next
 *     parameter index) and faults;
 *   kf_skip(ctx)      true for a parameter another program of a split event
 *                     writes (it counts the parameter); constant false if none;
 *   kf_snaplen(ctx)   bytes of I/O data kept;
 *   kf_work(ctx)      the CPU's struct kf_work, or NULL;
 *   KF_OFF_MASK, KF_MAX_IOVECS, KF_MAX_ARGV: its bounds;
 *   KF_READ_USER(dst, n, src), KF_READ_USER_STR(dst, n, src),
 *   KF_READ_KERNEL(dst, n, src), KF_READ_KERNEL_STR(dst, n, src): bpf helpers;
 *   bpf_get_current_comm();
 *   KF_LOOP: the pragma its loops need (unrolled before 5.3).
 * Every variable offset is masked and every helper size is at least 1, as the
 * oldest verifier wants; newer ones accept that too.
 */
#ifndef KCAP_BPF_PUSHES_H
#define KCAP_BPF_PUSHES_H

static __always_inline __u8 *kf_data(struct kf_ctx *ctx)
{
	__u32 off = ctx->off;

	/*
	 * The mask is for the verifier: clang 19 drops it where its own range
	 * analysis proves a variable off small, and the verifier, tracking the
	 * spilled value less precisely, then rejects the copy as unbounded. A
	 * constant off (fixed-size events) needs no mask and stays constant.
	 */
	if (!__builtin_constant_p(off))
		KF_OPAQUE(off);
	return ctx->buf + (off & KF_OFF_MASK);
}

static __always_inline void kf_set_len(struct kf_ctx *ctx, __u16 len)
{
	__u16 *plen = (__u16 *)(ctx->buf + KCAP_HDR_SIZE);

	plen[ctx->idx & (KCAP_MAX_PARAMS - 1)] = len;
	ctx->idx++;
}

#include "filler_store.h"

static __always_inline void kf_put_u64(struct kf_ctx *ctx, __u64 v)
{
	if (kf_skip(ctx))
		return;
	*(__u64 *)kf_data(ctx) = v;
	ctx->off += 8;
	kf_set_len(ctx, 8);
}

static __always_inline void kf_put_u32(struct kf_ctx *ctx, __u32 v)
{
	if (kf_skip(ctx))
		return;
	*(__u32 *)kf_data(ctx) = v;
	ctx->off += 4;
	kf_set_len(ctx, 4);
}

static __always_inline void kf_put_empty(struct kf_ctx *ctx)
{
	if (kf_skip(ctx))
		return;
	kf_set_len(ctx, 0);
}

/*
 * Kernels whose string read goes through strncpy_from_user_nofault() (5.5 to
 * 6.12 at least) return 0 for an empty string, older and newer ones 1: an
 * empty string is one NUL byte everywhere, and only a negative return a fault.
 */
static __always_inline long kf_str_len(long n)
{
	return n == 0 ? 1 : n; /* the helper did write the NUL */
}

/* A byte of user memory, or -1 when it cannot be read. */
static __always_inline int kf_user_byte(__u64 uptr)
{
	__u8 c = 0;

	return KF_READ_USER(&c, 1, (void *)uptr) ? -1 : c;
}

static __always_inline void kf_put_user_str(struct kf_ctx *ctx, __u64 uptr)
{
	long n;

	if (kf_skip(ctx))
		return;
	n = kf_str_len(KF_READ_USER_STR(kf_data(ctx), KCAP_MAX_PATH, (void *)uptr));
	/* the helper ends the string at the bound with a NUL: was the user's longer? */
	if (n == KCAP_MAX_PATH && kf_user_byte(uptr + KCAP_MAX_PATH - 1) != 0)
		kf_mark_truncated(ctx);
	kf_commit(ctx, n);
}

static __always_inline void kf_put_kernel_str(struct kf_ctx *ctx, __u64 kptr)
{
	__u8 c = 0;
	long n;

	if (kf_skip(ctx))
		return;
	n = kf_str_len(KF_READ_KERNEL_STR(kf_data(ctx), KCAP_MAX_PATH, (void *)kptr));
	if (n == KCAP_MAX_PATH && !KF_READ_KERNEL(&c, 1, (void *)(kptr + KCAP_MAX_PATH - 1)) &&
	    c != 0)
		kf_mark_truncated(ctx);
	kf_commit(ctx, n);
}

/* Copies n (<= KCAP_MAX_PARAM_LEN) user bytes; the fault check is the helper's. */
static __always_inline long kf_copy_user(__u8 *dst, __u64 n, __u64 uptr)
{
	__u32 sz;

	if (n > KCAP_MAX_PARAM_LEN)
		n = KCAP_MAX_PARAM_LEN;
	if (n == 0)
		return 0;
	sz = kf_size(n, KF_OFF_MASK);
	return KF_READ_USER(dst, sz, (void *)uptr) ? -1 : (long)sz;
}

static __always_inline void kf_put_user_buf(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	if (kf_skip(ctx))
		return;
	if (n > kf_snaplen(ctx))
		n = kf_snaplen(ctx);
	if (n == 0) {
		kf_set_len(ctx, 0);
		return;
	}
	kf_commit(ctx, kf_copy_user(kf_data(ctx), n, uptr));
}

/* n user bytes, at most max (a constant), cut past it; NULL or none: empty. */
static __always_inline void kf_put_user_bounded(struct kf_ctx *ctx, __u64 uptr, __u64 n, __u32 max)
{
	if (kf_skip(ctx))
		return;
	if (n == 0 || !uptr) {
		kf_set_len(ctx, 0);
		return;
	}
	if (n > max) {
		n = max;
		kf_mark_truncated(ctx);
	}
	kf_commit(ctx, kf_copy_user(kf_data(ctx), n, uptr));
}

static __always_inline void kf_put_user_sockaddr(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	kf_put_user_bounded(ctx, uptr, n, KCAP_MAX_SOCKADDR);
}

static __always_inline void kf_put_user_array(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	kf_put_user_bounded(ctx, uptr, n, KCAP_MAX_ARRAY);
}

/* An integer of n (4 or 8, a constant) bytes in user memory, or a fault. */
static __always_inline void kf_put_user_int(struct kf_ctx *ctx, __u64 uptr, __u32 n)
{
	if (kf_skip(ctx))
		return;
	if (KF_READ_USER(kf_data(ctx), n, (void *)uptr)) {
		kf_put_fault(ctx);
		return;
	}
	ctx->off += n;
	kf_set_len(ctx, n);
}

static __always_inline __u64 kf_read_user_u64(struct kf_ctx *ctx, __u64 uptr)
{
	__u64 v = 0;

	if (KF_READ_USER(&v, sizeof(v), (void *)uptr))
		return 0;
	return v;
}

/* 0 and the value at uptr in *v, or -1 when it cannot be read. */
static __always_inline int kf_try_read_user_u64(struct kf_ctx *ctx, __u64 uptr, __u64 *v)
{
	return KF_READ_USER(v, sizeof(*v), (void *)uptr) ? -1 : 0;
}

static __always_inline void kf_put_unreadable(struct kf_ctx *ctx)
{
	if (kf_skip(ctx))
		return;
	kf_put_fault(ctx);
}

static __always_inline __u32 kf_read_user_u32(struct kf_ctx *ctx, __u64 uptr)
{
	__u32 v = 0;

	if (KF_READ_USER(&v, sizeof(v), (void *)uptr))
		return 0;
	return v;
}

/* The work area of a store that loops, or NULL: the parameter is another program's, or faulted. */
static __always_inline struct kf_work *kf_loop_area(struct kf_ctx *ctx)
{
	struct kf_work *w;

	if (kf_skip(ctx))
		return NULL;
	w = kf_work(ctx);
	if (!w)
		kf_put_fault(ctx);
	return w;
}

struct kf_iovec {
	__u64 base;
	__u64 len;
};

/*
 * The first n bytes (at most snaplen) of iovcnt user iovecs, gathered; cut
 * when the iovec bound stopped it with bytes still to go.
 */
static __always_inline void kf_put_user_iovec(struct kf_ctx *ctx, __u64 iov, __u64 iovcnt, __u64 n)
{
	struct kf_work *w = kf_loop_area(ctx);

	if (!w)
		return;
	if (n > kf_snaplen(ctx))
		n = kf_snaplen(ctx);
	w->total = 0;
	KF_LOOP
	for (__u32 i = 0; i < KF_MAX_IOVECS; i++) {
		__u32 total = w->total; /* from the map: an unknown scalar, so states prune */
		struct kf_iovec v;
		__u64 chunk;

		if (i >= iovcnt || total >= n)
			break;
		if (KF_READ_USER(&v, sizeof(v), (void *)(iov + i * sizeof(v)))) {
			kf_put_fault(ctx);
			return;
		}
		chunk = v.len;
		if (chunk > n - total)
			chunk = n - total;
		if (chunk > KCAP_MAX_PARAM_LEN)
			break; /* unreachable: n <= snaplen; keeps the verifier's bound */
		if (chunk && KF_READ_USER(ctx->buf + ((ctx->off + total) & KF_OFF_MASK),
					  kf_size(chunk, KF_OFF_MASK), (void *)v.base)) {
			kf_put_fault(ctx);
			return;
		}
		w->total = total + chunk;
	}
	if (w->total < n && iovcnt > KF_MAX_IOVECS)
		kf_mark_truncated(ctx);
	ctx->off += w->total;
	kf_set_len(ctx, w->total);
}

/*
 * argv or envp: the NUL-terminated strings, back to back, at most
 * KCAP_MAX_ARGS_LEN bytes and KF_MAX_ARGV strings. Cut when a bound stopped
 * it before the NULL at the end of the array (a full area counts as cut).
 */
static __always_inline void kf_put_user_argv(struct kf_ctx *ctx, __u64 argv)
{
	struct kf_work *w = kf_loop_area(ctx);

	if (!w)
		return;
	w->total = 0;
	w->pos = 0; /* 1: the loop saw the end of the array */
	KF_LOOP
	for (__u32 i = 0; i < KF_MAX_ARGV; i++) {
		__u32 total = w->total;
		__u64 arg = 0;
		__u8 *dst;
		long n;

		if (total >= KCAP_MAX_ARGS_LEN)
			break;
		if (KF_READ_USER(&arg, sizeof(arg), (void *)(argv + i * 8))) {
			if (i == 0) {
				kf_put_fault(ctx);
				return;
			}
			w->pos = 1;
			break;
		}
		if (!arg) {
			w->pos = 1;
			break;
		}
		dst = ctx->buf + ((ctx->off + total) & KF_OFF_MASK);
		n = kf_str_len(KF_READ_USER_STR(
			dst, kf_size(KCAP_MAX_ARGS_LEN - total, KCAP_MAX_ARGS_LEN - 1),
			(void *)arg));
		if (n < 0) {
			w->pos = 1;
			break;
		}
		w->total = total + (__u32)n;
	}
	if (!w->pos &&
	    (w->total >= KCAP_MAX_ARGS_LEN || kf_read_user_u64(ctx, argv + KF_MAX_ARGV * 8)))
		kf_mark_truncated(ctx);
	ctx->off += w->total;
	kf_set_len(ctx, w->total);
}

static __always_inline void kf_put_comm(struct kf_ctx *ctx)
{
	if (kf_skip(ctx))
		return;
	if (bpf_get_current_comm(kf_data(ctx), KCAP_COMM_LEN)) {
		kf_put_fault(ctx);
		return;
	}
	ctx->off += KCAP_COMM_LEN;
	kf_set_len(ctx, KCAP_COMM_LEN);
}

#endif /* KCAP_BPF_PUSHES_H */
