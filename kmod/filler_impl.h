/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The filler API (shared/filler_api.h) for the kernel module, in plain kernel C.
 *
 * An event is written directly into the CPU's ring at its head: the probe runs
 * with preemption disabled and is the only writer of that ring. kf_begin()
 * computes how many bytes may be written (the free space, at most
 * KCAP_MAX_EVENT_SIZE); every push checks that bound, so nothing is ever written
 * outside free space. An event that does not fit is dropped and counted in
 * kf_finish(): buffer full if the free space was the limit, too large otherwise.
 *
 * User memory is read with non-sleeping, fault-tolerant copies (page faults
 * disabled): an unreadable pointer gives a KCAP_PLEN_FAULT parameter. The
 * conventions follow the modern probe's helpers exactly (string lengths include
 * the NUL, an empty string is one NUL byte, the same loop bounds), so both
 * backends emit the same bytes.
 */
#ifndef KCAP_KMOD_FILLER_IMPL_H
#define KCAP_KMOD_FILLER_IMPL_H

#include <linux/cred.h>
#include <linux/dcache.h>
#include <linux/fs_struct.h>
#include <linux/mm_types.h>
#include <linux/path.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/uio.h>
#include <asm/syscall.h>
#include "kcap_compat.h"
#include "kcap_kmod.h"
#include "syscall_abi.h"

#define KF_MAX_IOVECS 32 /* as the modern probe */
#define KF_MAX_ARGV 64

struct kf_ctx {
	struct kcap_session *s;
	struct kcap_ring *r;
	u8 *buf; /* the event, in the ring */
	u32 off; /* next parameter byte */
	u32 limit; /* bytes that may be written at buf */
	u32 faults;
	u16 idx; /* next parameter index */
	u16 nparams;
	u16 type;
	bool overflow; /* a push did not fit under limit */
	bool ring_limited; /* limit is the free space, not KCAP_MAX_EVENT_SIZE */
	/* hook arguments */
	struct pt_regs *regs; /* user registers: syscall arguments and number */
	long ret;
	struct task_struct *task; /* PROC_EXIT: the exiting task (current) */
};

/* --- copies from user memory: never sleep, never fault ------------------- */

/* 0 or -EFAULT, like copy_from_user_nofault(); kernel addresses fail access_ok. */
static __always_inline long kf_copy_user(void *dst, u64 uptr, u32 n)
{
	return copy_from_user_nofault(dst, (const void __user *)(uintptr_t)uptr, n);
}

/*
 * strncpy_from_user() with page faults disabled (the body of the kernel's
 * strncpy_from_user_nofault(), which is not exported to modules): the length
 * without the NUL, count when no NUL was found in count bytes, or -EFAULT.
 */
static __always_inline long kf_strncpy_user(u8 *dst, u64 uptr, long count)
{
	long ret;

	pagefault_disable();
	ret = strncpy_from_user((char *)dst, (const char __user *)(uintptr_t)uptr, count);
	pagefault_enable();
	return ret;
}

/* --- event assembly ------------------------------------------------------ */

static __always_inline u32 kf_avail(const struct kf_ctx *ctx)
{
	return ctx->overflow ? 0 : ctx->limit - ctx->off;
}

/* n bytes at the cursor, or NULL (and the event overflows) when they do not fit. */
static __always_inline u8 *kf_reserve(struct kf_ctx *ctx, u32 n)
{
	if (n > kf_avail(ctx)) {
		ctx->overflow = true;
		return NULL;
	}
	return ctx->buf + ctx->off;
}

static __always_inline void kf_set_len(struct kf_ctx *ctx, u16 len)
{
	/* plen[] was checked to fit by kf_begin(); a filler pushing too many is a bug */
	if (ctx->idx < ctx->nparams)
		put_unaligned(len, (u16 *)(ctx->buf + KCAP_HDR_SIZE) + ctx->idx);
	ctx->idx++;
}

static __always_inline void kf_push_fault(struct kf_ctx *ctx)
{
	ctx->faults++;
	kf_set_len(ctx, KCAP_PLEN_FAULT);
}

/* Accounts n bytes just written at the cursor, or a fault when n <= 0. */
static __always_inline void kf_commit(struct kf_ctx *ctx, long n)
{
	if (n <= 0) {
		kf_push_fault(ctx);
		return;
	}
	ctx->off += n;
	kf_set_len(ctx, n);
}

static __always_inline void kf_push_u64(struct kf_ctx *ctx, __u64 v)
{
	u8 *p = kf_reserve(ctx, 8);

	if (!p)
		return;
	put_unaligned(v, (u64 *)p);
	kf_commit(ctx, 8);
}

static __always_inline void kf_push_u32(struct kf_ctx *ctx, __u32 v)
{
	u8 *p = kf_reserve(ctx, 4);

	if (!p)
		return;
	put_unaligned(v, (u32 *)p);
	kf_commit(ctx, 4);
}

static __always_inline void kf_push_empty(struct kf_ctx *ctx)
{
	kf_set_len(ctx, 0);
}

/*
 * A NUL-terminated user string of at most max bytes (with the NUL) at dst,
 * whose room is avail bytes. Returns the bytes written with the NUL (1 for an
 * empty string), 0 for a fault, or -ENOSPC when the room, not max, cut it short.
 */
static __always_inline long kf_user_str(u8 *dst, u64 uptr, u32 max, u32 avail)
{
	u32 count = min(max, avail);
	long n;

	if (!count)
		return -ENOSPC;
	n = kf_strncpy_user(dst, uptr, count);
	if (n < 0)
		return 0;
	if (n >= count) {
		if (count < max)
			return -ENOSPC;
		dst[count - 1] = '\0'; /* truncated at max, like the BPF helper */
		return count;
	}
	return n + 1;
}

static __always_inline void kf_push_user_str(struct kf_ctx *ctx, __u64 uptr)
{
	long n;

	if (ctx->overflow)
		return;
	n = kf_user_str(ctx->buf + ctx->off, uptr, KCAP_MAX_PATH, kf_avail(ctx));
	if (n == -ENOSPC) {
		ctx->overflow = true;
		return;
	}
	kf_commit(ctx, n);
}

/* n user bytes (n <= KCAP_MAX_PARAM_LEN), or a fault, or an empty parameter for 0. */
static __always_inline void kf_push_user_bytes(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	u8 *p;

	if (n == 0) {
		kf_push_empty(ctx);
		return;
	}
	p = kf_reserve(ctx, n);
	if (!p)
		return;
	kf_commit(ctx, kf_copy_user(p, uptr, n) ? -EFAULT : (long)n);
}

static __always_inline void kf_push_user_buf(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	kf_push_user_bytes(ctx, uptr, min_t(u64, n, READ_ONCE(ctx->s->snaplen)));
}

static __always_inline void kf_push_user_sockaddr(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	if (!uptr) {
		kf_push_empty(ctx);
		return;
	}
	kf_push_user_bytes(ctx, uptr, min_t(u64, n, KCAP_MAX_SOCKADDR));
}

static __always_inline void kf_push_user_iovec(struct kf_ctx *ctx, __u64 iov, __u64 iovcnt, __u64 n)
{
	u32 total = 0;
	u32 i;

	n = min_t(u64, n, READ_ONCE(ctx->s->snaplen));
	if (ctx->overflow)
		return;
	for (i = 0; i < KF_MAX_IOVECS && i < iovcnt; i++) {
		struct iovec v;
		u64 chunk;

		if (total >= n)
			break;
		if (kf_copy_user(&v, iov + i * sizeof(v), sizeof(v))) {
			kf_push_fault(ctx);
			return;
		}
		chunk = min_t(u64, v.iov_len, n - total);
		if (chunk > kf_avail(ctx) - total) {
			ctx->overflow = true;
			return;
		}
		if (chunk &&
		    kf_copy_user(ctx->buf + ctx->off + total, (u64)(uintptr_t)v.iov_base, chunk)) {
			kf_push_fault(ctx);
			return;
		}
		total += chunk;
	}
	ctx->off += total;
	kf_set_len(ctx, total);
}

static __always_inline void kf_push_user_argv(struct kf_ctx *ctx, __u64 argv)
{
	u32 total = 0;
	u32 i;

	if (ctx->overflow)
		return;
	for (i = 0; i < KF_MAX_ARGV; i++) {
		u64 arg;
		long n;

		if (total >= KCAP_MAX_ARGS_LEN)
			break;
		if (kf_copy_user(&arg, argv + i * 8, sizeof(arg))) {
			if (i == 0) {
				kf_push_fault(ctx);
				return;
			}
			break;
		}
		if (!arg)
			break;
		n = kf_user_str(ctx->buf + ctx->off + total, arg, KCAP_MAX_ARGS_LEN - total,
				kf_avail(ctx) - total);
		if (n == -ENOSPC) {
			ctx->overflow = true;
			return;
		}
		if (n <= 0)
			break;
		total += n;
	}
	ctx->off += total;
	kf_set_len(ctx, total);
}

static __always_inline __u64 kf_read_user_u64(struct kf_ctx *ctx, __u64 uptr)
{
	u64 v;

	return kf_copy_user(&v, uptr, sizeof(v)) ? 0 : v;
}

static __always_inline __u32 kf_read_user_u32(struct kf_ctx *ctx, __u64 uptr)
{
	u32 v;

	return kf_copy_user(&v, uptr, sizeof(v)) ? 0 : v;
}

/* --- syscall and task ---------------------------------------------------- */

static __always_inline __u64 kf_arg(struct kf_ctx *ctx, int i)
{
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
	return (u32)syscall_get_nr(current, ctx->regs);
}

static __always_inline struct task_struct *kf_task(struct kf_ctx *ctx)
{
	return ctx->task ? ctx->task : current;
}

static __always_inline __s32 kf_task_ppid(struct kf_ctx *ctx)
{
	s32 ppid;

	rcu_read_lock();
	ppid = rcu_dereference(kf_task(ctx)->real_parent)->tgid;
	rcu_read_unlock();
	return ppid;
}

/* Raw ids in the initial namespace, as the modern probe reads them. */
#define KF_CRED_FIELD(field)                                        \
	({                                                          \
		u32 __v;                                            \
		rcu_read_lock();                                    \
		__v = __kuid_val(__task_cred(kf_task(ctx))->field); \
		rcu_read_unlock();                                  \
		__v;                                                \
	})

static __always_inline __u32 kf_task_uid(struct kf_ctx *ctx)
{
	return KF_CRED_FIELD(uid);
}

static __always_inline __u32 kf_task_euid(struct kf_ctx *ctx)
{
	return KF_CRED_FIELD(euid);
}

static __always_inline __u32 kf_task_gid(struct kf_ctx *ctx)
{
	u32 v;

	rcu_read_lock();
	v = __kgid_val(__task_cred(kf_task(ctx))->gid);
	rcu_read_unlock();
	return v;
}

static __always_inline __u32 kf_task_exit_code(struct kf_ctx *ctx)
{
	return READ_ONCE(kf_task(ctx)->exit_code);
}

static __always_inline void kf_push_comm(struct kf_ctx *ctx)
{
	u8 *p = kf_reserve(ctx, KCAP_COMM_LEN);
	char comm[TASK_COMM_LEN];

	if (!p)
		return;
	/* a racy read of comm, like get_task_comm() without task_lock: NUL-padded */
	memcpy(comm, current->comm, sizeof(comm));
	comm[sizeof(comm) - 1] = '\0';
	strscpy_pad((char *)p, comm, KCAP_COMM_LEN);
	kf_commit(ctx, KCAP_COMM_LEN);
}

/*
 * The path of a dentry, relative to current's root, written with d_path()
 * (which only takes seqlocks and RCU: it does not sleep) straight into the
 * event, then moved to the cursor. The caller holds rcu_read_lock(), which keeps
 * the dentry and mount alive without taking references (a dput() might sleep).
 */
static __always_inline void kf_push_kernel_path(struct kf_ctx *ctx, const struct path *path)
{
	u32 room = min_t(u32, kf_avail(ctx), KCAP_MAX_PATH);
	u8 *dst = ctx->buf + ctx->off;
	char *p;
	long n;

	if (ctx->overflow)
		return;
	if (!path->dentry || !path->mnt) {
		kf_push_fault(ctx);
		return;
	}
	p = d_path(path, (char *)dst, room);
	if (IS_ERR(p)) {
		if (room < KCAP_MAX_PATH)
			ctx->overflow = true;
		else
			kf_push_fault(ctx);
		return;
	}
	n = (char *)dst + room - p;
	memmove(dst, p, n);
	kf_commit(ctx, n);
}

static __always_inline void kf_push_exe_path(struct kf_ctx *ctx)
{
	struct mm_struct *mm = kf_task(ctx)->mm;
	struct file *exe;
	struct path path;

	if (!mm) {
		kf_push_fault(ctx);
		return;
	}
	rcu_read_lock();
	exe = rcu_dereference(mm->exe_file);
	if (exe) {
		path = exe->f_path;
		kf_push_kernel_path(ctx, &path);
	} else {
		kf_push_fault(ctx);
	}
	rcu_read_unlock();
}

static __always_inline void kf_push_cwd(struct kf_ctx *ctx)
{
	struct fs_struct *fs = kf_task(ctx)->fs;
	struct path pwd;

	if (!fs) {
		kf_push_fault(ctx);
		return;
	}
	rcu_read_lock();
	/* racy against a concurrent chdir() of a thread sharing fs: d_path() copes */
	pwd.mnt = READ_ONCE(fs->pwd.mnt);
	pwd.dentry = READ_ONCE(fs->pwd.dentry);
	kf_push_kernel_path(ctx, &pwd);
	rcu_read_unlock();
}

static __always_inline void kf_push_mm_args(struct kf_ctx *ctx)
{
	struct mm_struct *mm = kf_task(ctx)->mm;
	u64 start, len;

	if (!mm) {
		kf_push_fault(ctx);
		return;
	}
	start = READ_ONCE(mm->arg_start);
	len = READ_ONCE(mm->arg_end) - start;
	if (len > KCAP_MAX_ARGS_LEN)
		len = KCAP_MAX_ARGS_LEN;
	if (len == 0) {
		kf_push_fault(ctx); /* as the modern probe: nothing readable */
		return;
	}
	kf_push_user_bytes(ctx, start, len);
}

/* --- fillers ------------------------------------------------------------- */

typedef void (*kf_fill_fn)(struct kf_ctx *ctx);

#define KCAP_FILLER(ID, HOOK)                                       \
	KCAP_ASSERT_HOOK(KCAP_HOOK_OF_##ID, KCAP_HOOK_##HOOK, #ID); \
	static void kf_fill_##ID(struct kf_ctx *ctx)

#endif /* KCAP_KMOD_FILLER_IMPL_H */
