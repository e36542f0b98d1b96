/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The filler API: the only operations a filler (shared/fillers/) may use.
 * Each backend implements the primitives below its own way and then includes
 * shared/fillers/all.h, so the SAME filler source is compiled by the kernel
 * module (plain kernel C), the legacy eBPF probe (4.14-era helpers, perf buffer)
 * and the modern CO-RE probe (ring buffer), and by the unit tests' mock. No
 * BPF-only or kernel-only construct may appear in a filler: only these
 * primitives, integer arithmetic and if/else.
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
 *   __u64 kf_read_user_u64(ctx, uptr), __u32 kf_read_user_u32(ctx, uptr)
 *                                         0 when the memory cannot be read
 *   int kf_try_read_user_u64(ctx, uptr, *v) 0, or -1 when the memory cannot be read
 *   __s32 kf_task_ppid(ctx)               parent's thread group id
 *   __u32 kf_task_vtid(ctx), kf_task_vpid(ctx) the thread's and its group's ids in
 *                                         its own pid namespace (what it sees)
 *   __u64 kf_task_pidns(ctx)              that pid namespace's inode number
 *   __u32 kf_task_uid(ctx), kf_task_euid(ctx), kf_task_gid(ctx)
 *   __u32 kf_task_exit_code(ctx)          task->exit_code (PROC_EXIT only)
 *   __u64 kf_fd_file(ctx, fd)             current's open file at fd (opaque), or 0
 *   __u64 kf_file_ino(ctx, file), __u32 kf_file_kdev(ctx, file)
 *                                         its inode number and device (kernel dev_t)
 *   const struct kcap_uring_req *kf_uring_req(ctx)
 *                                         the submitted request (IO_URING only)
 *
 * and the stores of the next parameter, which the pushes below call:
 *
 *   kf_put_u64(ctx, v), kf_put_u32(ctx, v)
 *   kf_put_user_str(ctx, uptr)            NUL-terminated, at most KCAP_MAX_PATH;
 *                                         "" is one NUL byte, not a fault
 *   kf_put_kernel_str(ctx, kptr)          the same from kernel memory (a string
 *                                         the kernel copied from the process)
 *   kf_put_user_buf(ctx, uptr, n)         min(n, snaplen) bytes
 *   kf_put_user_int(ctx, uptr, n)         an integer of n (4 or 8, constant) bytes
 *                                         at uptr, as the value a syscall wrote
 *   kf_put_user_iovec(ctx, iov, iovcnt, n) gathers min(n, snaplen) bytes
 *   kf_put_user_sockaddr(ctx, uptr, n)    min(n, KCAP_MAX_SOCKADDR) bytes; NULL: empty
 *   kf_put_user_array(ctx, uptr, n)       min(n, KCAP_MAX_ARRAY) bytes of a user array
 *                                         or structure (pollfds, an fd_set, a
 *                                         timespec), cut past it; NULL: empty
 *   kf_put_user_argv(ctx, uptr)           char *[] -> NUL-separated strings,
 *                                         at most KCAP_MAX_ARGS_LEN bytes
 *   kf_put_empty(ctx)                     a parameter with no value (length 0)
 *   kf_put_unreadable(ctx)                a parameter marked unreadable: the user
 *                                         structure that holds it could not be read
 *   kf_put_comm(ctx)                      current->comm
 *   kf_put_exe_path(ctx)                  absolute path of current's executable
 *   kf_put_cwd(ctx)                       absolute path of current's cwd
 *   kf_put_root(ctx)                      absolute path of current's root directory
 *   kf_put_file_path(ctx, file)           absolute path of a file from kf_fd_file()
 *   kf_put_sock_addr(ctx, file, peer)     the local (0) or remote (1) address of the
 *                                         socket behind file, as the kernel holds it,
 *                                         as a struct sockaddr; empty for no socket
 *   kf_put_mm_args(ctx)                   current's argv, from its mm arg area
 *
 * Contract for every store: it never faults and never sleeps. A user pointer
 * that cannot be read (NULL, unmapped, kernel address) gives a parameter of
 * length KCAP_PLEN_FAULT and the event is still delivered. Work is bounded.
 *
 * KF_CHECK_PARAM(ctx, types), if the backend defines it, sees every push with
 * the wire types (a KF_T() mask) it may store: the mock checks each against
 * the event table's type of that parameter. Elsewhere it compiles away.
 */
#ifndef KCAP_FILLER_API_H
#define KCAP_FILLER_API_H

#include "kcap_events.h"
#include "kcap_uring.h"

#define KF_T(type) (1u << KCAP_PT_##type)
#define KF_T_VARIABLE (KF_T(STR) | KF_T(PATH) | KF_T(BYTES) | KF_T(SOCKADDR) | KF_T(STRLIST))

#ifndef KF_CHECK_PARAM
#define KF_CHECK_PARAM(ctx, types) ((void)0)
#endif

static __always_inline void kf_push_u64(struct kf_ctx *ctx, __u64 v)
{
	KF_CHECK_PARAM(ctx, KF_T(U64));
	kf_put_u64(ctx, v);
}

static __always_inline void kf_push_s64(struct kf_ctx *ctx, __s64 v)
{
	KF_CHECK_PARAM(ctx, KF_T(S64));
	kf_put_u64(ctx, (__u64)v);
}

static __always_inline void kf_push_u32(struct kf_ctx *ctx, __u32 v)
{
	KF_CHECK_PARAM(ctx, KF_T(U32));
	kf_put_u32(ctx, v);
}

static __always_inline void kf_push_s32(struct kf_ctx *ctx, __s32 v)
{
	KF_CHECK_PARAM(ctx, KF_T(S32));
	kf_put_u32(ctx, (__u32)v);
}

/* A path or a string argument. */
static __always_inline void kf_push_user_str(struct kf_ctx *ctx, __u64 uptr)
{
	KF_CHECK_PARAM(ctx, KF_T(STR) | KF_T(PATH));
	kf_put_user_str(ctx, uptr);
}

/* A string the kernel already copied from the process (an io_uring open's path). */
static __always_inline void kf_push_kernel_str(struct kf_ctx *ctx, __u64 kptr)
{
	KF_CHECK_PARAM(ctx, KF_T(STR) | KF_T(PATH));
	kf_put_kernel_str(ctx, kptr);
}

static __always_inline void kf_push_user_buf(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	KF_CHECK_PARAM(ctx, KF_T(BYTES));
	kf_put_user_buf(ctx, uptr, n);
}

/* A 32-bit or 64-bit value in user memory (descriptors the kernel wrote, a mask). */
static __always_inline void kf_push_user_int32(struct kf_ctx *ctx, __u64 uptr)
{
	KF_CHECK_PARAM(ctx, KF_T(S32) | KF_T(U32));
	kf_put_user_int(ctx, uptr, 4);
}

static __always_inline void kf_push_user_int64(struct kf_ctx *ctx, __u64 uptr)
{
	KF_CHECK_PARAM(ctx, KF_T(U64) | KF_T(S64));
	kf_put_user_int(ctx, uptr, 8);
}

static __always_inline void kf_push_user_iovec(struct kf_ctx *ctx, __u64 iov, __u64 iovcnt, __u64 n)
{
	KF_CHECK_PARAM(ctx, KF_T(BYTES));
	kf_put_user_iovec(ctx, iov, iovcnt, n);
}

static __always_inline void kf_push_user_sockaddr(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	KF_CHECK_PARAM(ctx, KF_T(SOCKADDR));
	kf_put_user_sockaddr(ctx, uptr, n);
}

/* A user array or structure, whole up to KCAP_MAX_ARRAY bytes; NULL: no value. */
static __always_inline void kf_push_user_array(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	KF_CHECK_PARAM(ctx, KF_T(BYTES));
	kf_put_user_array(ctx, uptr, n);
}

static __always_inline void kf_push_user_argv(struct kf_ctx *ctx, __u64 argv)
{
	KF_CHECK_PARAM(ctx, KF_T(STRLIST));
	kf_put_user_argv(ctx, argv);
}

/* No value for a variable-size parameter (e.g. no address was returned). */
static __always_inline void kf_push_empty(struct kf_ctx *ctx)
{
	KF_CHECK_PARAM(ctx, KF_T_VARIABLE);
	kf_put_empty(ctx);
}

/* Any parameter, unreadable (e.g. inside a user structure that is not mapped). */
static __always_inline void kf_push_unreadable(struct kf_ctx *ctx)
{
	KF_CHECK_PARAM(ctx, KF_T_VARIABLE | KF_T(S64) | KF_T(U64) | KF_T(S32) | KF_T(U32));
	kf_put_unreadable(ctx);
}

static __always_inline void kf_push_comm(struct kf_ctx *ctx)
{
	KF_CHECK_PARAM(ctx, KF_T(STR));
	kf_put_comm(ctx);
}

static __always_inline void kf_push_exe_path(struct kf_ctx *ctx)
{
	KF_CHECK_PARAM(ctx, KF_T(PATH));
	kf_put_exe_path(ctx);
}

static __always_inline void kf_push_cwd(struct kf_ctx *ctx)
{
	KF_CHECK_PARAM(ctx, KF_T(PATH));
	kf_put_cwd(ctx);
}

static __always_inline void kf_push_root(struct kf_ctx *ctx)
{
	KF_CHECK_PARAM(ctx, KF_T(PATH));
	kf_put_root(ctx);
}

static __always_inline void kf_push_file_path(struct kf_ctx *ctx, __u64 file)
{
	KF_CHECK_PARAM(ctx, KF_T(PATH));
	kf_put_file_path(ctx, file);
}

static __always_inline void kf_push_sock_addr(struct kf_ctx *ctx, __u64 file, int peer)
{
	KF_CHECK_PARAM(ctx, KF_T(SOCKADDR));
	kf_put_sock_addr(ctx, file, peer);
}

/*
 * The two ends of the socket at descriptor fd as the kernel holds them, which
 * the caller's sockaddr arguments need not be (or may not give): empty for a
 * descriptor that is not a socket.
 */
static __always_inline void kf_push_socket_ends(struct kf_ctx *ctx, __s64 fd)
{
	__u64 file = fd >= 0 ? kf_fd_file(ctx, (__s32)fd) : 0;

	kf_push_sock_addr(ctx, file, 0);
	kf_push_sock_addr(ctx, file, 1);
}

/*
 * The 32-bit value at uptr, through the aligned 64-bit words that hold it (an
 * aligned word never crosses a page, so an int at the end of a mapping reads
 * too): 0, or -1 when the memory cannot be read.
 */
static __always_inline int kf_try_read_user_u32(struct kf_ctx *ctx, __u64 uptr, __u32 *v)
{
	__u64 base = uptr & ~7ull, lo = 0, hi = 0;
	__u32 shift = (__u32)(uptr & 7) * 8;

	if (kf_try_read_user_u64(ctx, base, &lo))
		return -1;
	if (shift > 32 && kf_try_read_user_u64(ctx, base + 8, &hi))
		return -1;
	*v = (__u32)(shift ? (lo >> shift) | (hi << (64 - shift)) : lo);
	return 0;
}

/* A kernel dev_t (major << 20 | minor) in the encoding of stat(2)'s st_dev and mknod(2). */
static __always_inline __u32 kf_dev_to_user(__u32 kdev)
{
	__u32 major = kdev >> 20, minor = kdev & 0xfffff;

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

/*
 * What a successful open really opened, read from its new descriptor: the
 * file's path, device and inode, which no rewrite of the caller's memory can
 * change. Nothing (empty, 0, 0) for a failed one.
 */
static __always_inline void kf_push_opened_file(struct kf_ctx *ctx, __s64 res)
{
	__u64 file = res >= 0 ? kf_fd_file(ctx, (__s32)res) : 0;

	if (file)
		kf_push_file_path(ctx, file);
	else
		kf_push_empty(ctx);
	kf_push_u32(ctx, file ? kf_dev_to_user(kf_file_kdev(ctx, file)) : 0);
	kf_push_u64(ctx, file ? kf_file_ino(ctx, file) : 0);
}

static __always_inline void kf_push_mm_args(struct kf_ctx *ctx)
{
	KF_CHECK_PARAM(ctx, KF_T(STRLIST));
	kf_put_mm_args(ctx);
}

/*
 * Syscall argument i (a constant) pushed as a parameter of the matching type:
 * an int (a descriptor, a count), a path, a 32-bit value (flags, modes, ids),
 * a 64-bit one.
 */
static __always_inline void kf_push_arg_s32(struct kf_ctx *ctx, int i)
{
	kf_push_s32(ctx, (__s32)kf_arg(ctx, i));
}

static __always_inline void kf_push_arg_path(struct kf_ctx *ctx, int i)
{
	kf_push_user_str(ctx, kf_arg(ctx, i));
}

/* A path argument that may be NULL by design: no value then, not a fault. */
static __always_inline void kf_push_arg_path_or_null(struct kf_ctx *ctx, int i)
{
	if (kf_arg(ctx, i))
		kf_push_user_str(ctx, kf_arg(ctx, i));
	else
		kf_push_empty(ctx);
}

static __always_inline void kf_push_arg_u32(struct kf_ctx *ctx, int i)
{
	kf_push_u32(ctx, (__u32)kf_arg(ctx, i));
}

static __always_inline void kf_push_arg_s64(struct kf_ctx *ctx, int i)
{
	kf_push_s64(ctx, (__s64)kf_arg(ctx, i));
}

static __always_inline void kf_push_arg_u64(struct kf_ctx *ctx, int i)
{
	kf_push_u64(ctx, kf_arg(ctx, i));
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
