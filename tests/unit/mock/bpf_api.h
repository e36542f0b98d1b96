/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The eBPF probes' stores (shared/bpf/pushes.h, task.h) over the fake kernel:
 * this file gives them what each probe's filler_impl.h gives them, the bpf
 * helpers they call and the probe's bounds (the includer's bounds.h), and then
 * includes them exactly as the probes do.
 */
#ifndef KCAP_MOCK_BPF_API_H
#define KCAP_MOCK_BPF_API_H

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include "world.h"

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

#include "kcap_kconfig.h"

/* --- the bpf helpers the stores call ---------------------------------------- */

static inline long mock_bpf_read_user(void *dst, __u32 n, const void *src)
{
	if (mock_read_user((uint64_t)(uintptr_t)src, dst, n))
		return 0;
	memset(dst, 0, n);
	return -EFAULT;
}

/* bpf_probe_read_user_str(): the length with the NUL, the string cut at n - 1. */
static inline long mock_bpf_read_user_str(void *dst, __u32 n, const void *src)
{
	__u8 *d = dst;

	for (__u32 i = 0; i < n; i++) {
		if (!mock_read_user((uint64_t)(uintptr_t)src + i, &d[i], 1)) {
			memset(dst, 0, n);
			return -EFAULT;
		}
		if (d[i] == 0)
			return i == 0 && mock_cur_world->str_empty_is_zero ? 0 : (long)i + 1;
		if (i == n - 1) {
			d[i] = 0;
			return n;
		}
	}
	return -EFAULT; /* n == 0: the verifier never allows it */
}

static inline long mock_bpf_read_kernel(void *dst, __u32 n, const void *src)
{
	if (!src) {
		memset(dst, 0, n);
		return -EFAULT;
	}
	memcpy(dst, src, n);
	return 0;
}

/* bpf_probe_read_kernel_str() over a real (fake kernel) string. */
static inline long mock_bpf_read_kernel_str(void *dst, __u32 n, const void *src)
{
	size_t len;

	if (!src || n == 0) {
		memset(dst, 0, n);
		return -EFAULT;
	}
	len = strnlen(src, n - 1);
	memcpy(dst, src, len);
	((__u8 *)dst)[len] = 0;
	return (long)len + 1;
}

static inline long bpf_get_current_comm(void *dst, __u32 n)
{
	const char *comm = mock_cur_kernel->task.comm;

	memset(dst, 0, n);
	memcpy(dst, comm, strnlen(comm, n - 1));
	return 0;
}

static inline __u64 bpf_get_current_pid_tgid(void)
{
	return ((__u64)mock_cur_kernel->task.tgid << 32) | (__u32)mock_cur_kernel->task.pid;
}

static inline __u64 bpf_ktime_get_ns(void)
{
	return 1000;
}

#include "bpf/kf_bpf.h"

#define KF_SCRATCH_HALF 65536
#define KF_OFF_MASK (KF_SCRATCH_HALF - 1)
#define MOCK_BUF_BYTES (2 * KF_SCRATCH_HALF) /* what the probes' scratch areas hold */

struct kf_ctx {
	__u8 *buf;
	__u32 off;
	__u32 idx;
	__u32 faults;
	__u16 type;
	__u16 nparams;
};

#define KF_CHECK_PARAM(ctx, types) mock_check_param((ctx)->type, (ctx)->idx, (types))

#define KF_READ_USER(dst, n, src) mock_bpf_read_user(dst, n, src)
#define KF_READ_USER_STR(dst, n, src) mock_bpf_read_user_str(dst, n, src)
#define KF_READ_KERNEL(dst, n, src) mock_bpf_read_kernel(dst, n, src)
#define KF_READ_KERNEL_STR(dst, n, src) mock_bpf_read_kernel_str(dst, n, src)
/* One kernel value, 0 when unreadable (BPF_CORE_READ) */
#define KF_RD(ptr, field)                                                 \
	({                                                                \
		typeof((ptr)->field) __v;                                 \
		memset((void *)&__v, 0, sizeof(__v));                     \
		if (ptr)                                                  \
			memcpy((void *)&__v, &(ptr)->field, sizeof(__v)); \
		__v;                                                      \
	})
#define KF_LOOP
#define KF_MOUNT struct kf_mount
#define KF_TASK_PID(task) KF_RD(task, thread_pid)

static inline bool kf_skip(struct kf_ctx *ctx)
{
	return false;
}

static inline __u32 kf_snaplen(struct kf_ctx *ctx)
{
	return mock_cur_world->snaplen;
}

static inline struct kf_work *kf_work(struct kf_ctx *ctx)
{
	static struct kf_work work;

	return mock_cur_world->no_work_area ? NULL : &work;
}

static inline struct task_struct *kf_task(struct kf_ctx *ctx)
{
	return &mock_cur_kernel->task;
}

#include "bpf/pushes.h"
#include "bpf/task.h"
#include "bpf/sock.h"

static inline const struct kcap_uring_req *kf_uring_req(struct kf_ctx *ctx)
{
	return &mock_cur_world->uring;
}

/* --- the syscall and the task, as the probes read them ---------------------- */

#include "syscall_abi.h"

static inline __u64 kf_arg(struct kf_ctx *ctx, int i)
{
	return kcap_syscall_arg(&mock_cur_kernel->regs, i);
}

static inline __u64 kf_arg_ia32(struct kf_ctx *ctx, int i)
{
	return kcap_syscall_arg_ia32(&mock_cur_kernel->regs, i);
}

static inline __s64 kf_ret(struct kf_ctx *ctx)
{
	return mock_cur_world->ret;
}

static inline __u32 kf_syscall_id(struct kf_ctx *ctx)
{
	return (__u32)mock_cur_kernel->regs.orig_ax;
}

static inline __s32 kf_task_ppid(struct kf_ctx *ctx)
{
	struct task_struct *parent = KF_RD(kf_task(ctx), real_parent);

	return KF_RD(parent, tgid);
}

static inline __u32 kf_task_uid(struct kf_ctx *ctx)
{
	const struct cred *cred = KF_RD(kf_task(ctx), cred);

	return KF_RD(cred, uid.val);
}

static inline __u32 kf_task_euid(struct kf_ctx *ctx)
{
	const struct cred *cred = KF_RD(kf_task(ctx), cred);

	return KF_RD(cred, euid.val);
}

static inline __u32 kf_task_gid(struct kf_ctx *ctx)
{
	const struct cred *cred = KF_RD(kf_task(ctx), cred);

	return KF_RD(cred, gid.val);
}

static inline __u32 kf_task_exit_code(struct kf_ctx *ctx)
{
	return (__u32)KF_RD(kf_task(ctx), exit_code);
}

/* A run of one filler: its state at the start, and the delivered length or 0. */
static inline void mock_begin(struct kf_ctx *ctx, __u8 *buf, __u16 type, __u16 nparams)
{
	*ctx = (struct kf_ctx){
		.buf = buf, .type = type, .nparams = nparams, .off = KCAP_HDR_SIZE + 2u * nparams
	};
	((struct kcap_evt_hdr *)buf)->truncated = 0; /* as the probes' kf_begin() */
}

/* What kf_finish() of the probes delivers: nothing over KCAP_MAX_EVENT_SIZE. */
static inline __u32 mock_end(struct kf_ctx *ctx)
{
	return ctx->off <= KCAP_MAX_EVENT_SIZE ? ctx->off : 0;
}

#endif /* KCAP_MOCK_BPF_API_H */
