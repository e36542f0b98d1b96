/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The kernel functions the module's stores (kmod/pushes.h) call, over the fake
 * kernel, with the kernel's semantics; then kmod/pushes.h itself, as the
 * module includes it.
 */
#ifndef KCAP_MOCK_KERNEL_API_H
#define KCAP_MOCK_KERNEL_API_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include "world.h"

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#define __user

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;

#include "kcap_kconfig.h"

#define TASK_COMM_LEN 16
#define READ_ONCE(x) (*(const volatile typeof(x) *)&(x))
#define min(a, b) ((a) < (b) ? (a) : (b))
#define min_t(type, a, b) min((type)(a), (type)(b))
#define put_unaligned(v, p)                       \
	do {                                      \
		typeof(*(p)) __pv = (v);          \
		memcpy((p), &__pv, sizeof(__pv)); \
	} while (0)
#define current (&mock_cur_kernel->task)
#define rcu_read_lock() ((void)0)
#define rcu_read_unlock() ((void)0)
#define rcu_dereference(p) (p)
#define rcu_dereference_raw(p) (p)
#define __task_cred(t) ((t)->cred)
#define task_active_pid_ns(t) ((t)->thread_pid->numbers[(t)->thread_pid->level].ns)
#define task_pid_nr_ns(t, ns) ((t)->thread_pid->numbers[(t)->thread_pid->level].nr)
#define task_tgid_nr_ns(t, ns) task_pid_nr_ns((t)->group_leader, ns)
#define __kuid_val(k) ((k).val)
#define __kgid_val(k) ((k).val)
#define IS_ERR(p) ((unsigned long)(p) >= (unsigned long)-4095)
#define IS_ENABLED(option) 1
#define file_inode(f) ((f)->f_inode)
#define unix_sk(s) ((struct unix_sock *)(s))
#define sk_family __sk_common.skc_family
#define sk_num __sk_common.skc_num
#define sk_dport __sk_common.skc_dport
#define sk_daddr __sk_common.skc_daddr
#define sk_rcv_saddr __sk_common.skc_rcv_saddr
#define sk_v6_daddr __sk_common.skc_v6_daddr
#define sk_v6_rcv_saddr __sk_common.skc_v6_rcv_saddr
#define ERR_PTR(e) ((void *)(long)(e))

static inline void pagefault_disable(void)
{
}

static inline void pagefault_enable(void)
{
}

/* 0, or -EFAULT when any byte cannot be read (a kernel address never can). */
static inline long copy_from_user_nofault(void *dst, const void __user *src, size_t n)
{
	return mock_read_user((uint64_t)(uintptr_t)src, dst, n) ? 0 : -EFAULT;
}

/* The length without the NUL; count when there is no NUL in count bytes; -EFAULT. */
static inline long strncpy_from_user(char *dst, const char __user *src, long count)
{
	for (long i = 0; i < count; i++) {
		if (!mock_read_user((uint64_t)(uintptr_t)src + (uint64_t)i, &dst[i], 1))
			return -EFAULT;
		if (dst[i] == '\0')
			return i;
	}
	return count;
}

static inline long strscpy_pad(char *dst, const char *src, size_t n)
{
	size_t len = strnlen(src, n - 1);

	memset(dst, 0, n);
	memcpy(dst, src, len);
	return (long)len;
}

/* 0, or -EFAULT for NULL (the fake kernel's only bad kernel address). */
static inline long copy_from_kernel_nofault(void *dst, const void *src, size_t n)
{
	if (!src)
		return -EFAULT;
	memcpy(dst, src, n);
	return 0;
}

static inline char *d_path(const struct path *path, char *buf, int buflen)
{
	char *p = mock_d_path(path, buf, buflen);

	return p ? p : ERR_PTR(-ENAMETOOLONG);
}

static inline long syscall_get_nr(struct task_struct *task, struct pt_regs *regs)
{
	return (long)regs->orig_ax;
}

#include "../../../kmod/pushes.h"

/* A run of one filler: its state at the start, and the delivered length or 0. */
static inline void mock_begin(struct kf_ctx *ctx, u8 *buf, u16 type, u16 nparams)
{
	u32 room = mock_cur_world->ring_room;

	*ctx = (struct kf_ctx){
		.buf = buf,
		.type = type,
		.nparams = nparams,
		.off = KCAP_HDR_SIZE + 2u * nparams,
		.limit = room && room < KCAP_MAX_EVENT_SIZE ? room : KCAP_MAX_EVENT_SIZE,
		.ring_limited = room && room < KCAP_MAX_EVENT_SIZE,
		.snaplen = mock_cur_world->snaplen,
		.regs = &mock_cur_kernel->regs,
		.ret = mock_cur_world->ret,
		.uring = &mock_cur_world->uring,
	};
	((struct kcap_evt_hdr *)buf)->truncated = 0;
}

/* What kf_finish() of the module delivers: nothing that overflowed its room. */
static inline u32 mock_end(struct kf_ctx *ctx)
{
	return ctx->overflow || ctx->idx != ctx->nparams ? 0 : ctx->off;
}

#define KF_CHECK_PARAM(ctx, types) mock_check_param((ctx)->type, (ctx)->idx, (types))

#endif /* KCAP_MOCK_KERNEL_API_H */
