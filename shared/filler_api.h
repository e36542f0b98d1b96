/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The filler API: the only operations a filler (shared/fillers/) may use.
 * Each backend implements the primitives below its own way and then includes
 * shared/fillers/all.h, so the SAME filler source is compiled by the kernel
 * module (plain kernel C), the legacy eBPF probe (4.14-era helpers, perf buffer)
 * and the modern CO-RE probe (ring buffer). No BPF-only or kernel-only construct
 * may appear in a filler: only these primitives, integer arithmetic and if/else.
 *
 * A backend provides, before including this file:
 *
 *   struct kf_ctx;                        per-event state, opaque to fillers
 *   KCAP_FILLER(ID, HOOK)                 defines the function or program for
 *                                         event KCAP_EV_<ID> at hook KCAP_HOOK_<HOOK>;
 *                                         the body that follows pushes the
 *                                         parameters, in table order; the backend
 *                                         writes the header and delivers the event
 *
 *   __u64 kf_arg(ctx, i)                  syscall argument i (constant 0..5)
 *   __s64 kf_ret(ctx)                     syscall return value (SYS_EXIT only)
 *   __u32 kf_syscall_id(ctx)              syscall number (ia32's for COMPAT_X)
 *   __u64 kf_arg_ia32(ctx, i)             argument i of a 32-bit syscall (COMPAT_X
 *                                         only: the ia32 ABI's registers)
 *   void  kf_push_u64(ctx, v), kf_push_u32(ctx, v)
 *   void  kf_push_user_str(ctx, uptr)     NUL-terminated, at most KCAP_MAX_PATH;
 *                                         "" is one NUL byte, not a fault
 *   void  kf_push_user_buf(ctx, uptr, n)  min(n, snaplen) bytes
 *   void  kf_push_user_iovec(ctx, iov, iovcnt, n)
 *                                         gathers min(n, snaplen) bytes
 *   void  kf_push_user_sockaddr(ctx, uptr, n)
 *                                         min(n, KCAP_MAX_SOCKADDR) bytes
 *   void  kf_push_user_argv(ctx, uptr)    char *[] -> NUL-separated strings,
 *                                         at most KCAP_MAX_ARGS_LEN bytes
 *   void  kf_push_empty(ctx)              a parameter with no value (length 0)
 *   __u64 kf_read_user_u64(ctx, uptr), __u32 kf_read_user_u32(ctx, uptr)
 *                                         0 when the memory cannot be read
 *   __s32 kf_task_ppid(ctx)               parent's thread group id
 *   __u32 kf_task_uid(ctx), kf_task_euid(ctx), kf_task_gid(ctx)
 *   __u32 kf_task_exit_code(ctx)          task->exit_code (PROC_EXIT only)
 *   void  kf_push_comm(ctx)               current->comm
 *   void  kf_push_exe_path(ctx)           absolute path of current's executable
 *   void  kf_push_cwd(ctx)                absolute path of current's cwd
 *   void  kf_push_mm_args(ctx)            current's argv, from its mm arg area
 *
 * Contract for every push: it never faults and never sleeps. A user pointer that
 * cannot be read (NULL, unmapped, kernel address) gives a parameter of length
 * KCAP_PLEN_FAULT and the event is still delivered. Work per push is bounded.
 */
#ifndef KCAP_FILLER_API_H
#define KCAP_FILLER_API_H

#include "kcap_events.h"

static __always_inline void kf_push_s64(struct kf_ctx *ctx, __s64 v)
{
	kf_push_u64(ctx, (__u64)v);
}

static __always_inline void kf_push_s32(struct kf_ctx *ctx, __s32 v)
{
	kf_push_u32(ctx, (__u32)v);
}

/* Every exit event starts with the return value. */
static __always_inline __s64 kf_push_res(struct kf_ctx *ctx)
{
	__s64 res = kf_ret(ctx);

	kf_push_s64(ctx, res);
	return res;
}

/* Bytes a data-returning syscall actually transferred: none on error. */
static __always_inline __u64 kf_res_len(__s64 res)
{
	return res > 0 ? (__u64)res : 0;
}

#endif /* KCAP_FILLER_API_H */
