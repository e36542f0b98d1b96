/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Fillers of memory-mapping syscalls. Included by shared/fillers/all.h only. */

/* mmap(addr, length, prot, flags, fd, offset) */
KCAP_FILLER(MMAP_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_u64(ctx, kf_arg(ctx, 0));
	kf_push_u64(ctx, kf_arg(ctx, 1));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 2));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 3));
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 4));
	kf_push_u64(ctx, kf_arg(ctx, 5));
}

KCAP_FILLER(MPROTECT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_u64(ctx, kf_arg(ctx, 0));
	kf_push_u64(ctx, kf_arg(ctx, 1));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 2));
}

/* munmap, mlock, munlock (addr, length) */
static __always_inline void kf_range_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_u64(ctx, 0);
	kf_push_arg_u64(ctx, 1);
}

KCAP_FILLER(MUNMAP_X, SYS_EXIT)
{
	kf_range_args(ctx);
}

/* mremap(old_addr, old_size, new_size, flags, new_addr) */
KCAP_FILLER(MREMAP_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u64(ctx, 0);
	kf_push_arg_u64(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_u32(ctx, 3);
	kf_push_arg_u64(ctx, 4);
}

/* madvise(addr, length, advice) */
KCAP_FILLER(MADVISE_X, SYS_EXIT)
{
	kf_range_args(ctx);
	kf_push_arg_u32(ctx, 2);
}

/* brk(addr) */
KCAP_FILLER(BRK_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u64(ctx, 0);
}

KCAP_FILLER(MLOCK_X, SYS_EXIT)
{
	kf_range_args(ctx);
}

/* mlock2(addr, length, flags) */
KCAP_FILLER(MLOCK2_X, SYS_EXIT)
{
	kf_range_args(ctx);
	kf_push_arg_u32(ctx, 2);
}

KCAP_FILLER(MUNLOCK_X, SYS_EXIT)
{
	kf_range_args(ctx);
}

/* mlockall(flags) */
KCAP_FILLER(MLOCKALL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

KCAP_FILLER(MUNLOCKALL_X, SYS_EXIT)
{
	kf_push_res(ctx);
}

/* process_vm_readv, process_vm_writev(pid, local_iov, liovcnt, remote_iov, riovcnt, flags) */
static __always_inline void kf_process_vm_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u64(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_u64(ctx, 3);
	kf_push_arg_u64(ctx, 4);
	kf_push_arg_u64(ctx, 5);
}

KCAP_FILLER(PROCESS_VM_READV_X, SYS_EXIT)
{
	kf_process_vm_args(ctx);
}

KCAP_FILLER(PROCESS_VM_WRITEV_X, SYS_EXIT)
{
	kf_process_vm_args(ctx);
}

/* userfaultfd(flags) */
KCAP_FILLER(USERFAULTFD_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

/* memfd_secret(flags) */
KCAP_FILLER(MEMFD_SECRET_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
KCAP_FILLER(FUTEX_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u64(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
	kf_push_arg_u64(ctx, 3);
	kf_push_arg_u64(ctx, 4);
	kf_push_arg_u32(ctx, 5);
}

/*
 * futex_waitv(waiters, nr_futexes, flags, timeout, clockid) and the first
 * struct futex_waitv { u64 val; u64 uaddr; u32 flags; u32 __reserved; }:
 * zeros for an empty vector, unreadable when it cannot be read.
 */
KCAP_FILLER(FUTEX_WAITV_X, SYS_EXIT)
{
	__u64 w = kf_arg(ctx, 0), val = 0, uaddr = 0;
	__u32 wflags = 0;

	kf_push_res(ctx);
	kf_push_u64(ctx, w);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
	kf_push_user_time(ctx, kf_arg(ctx, 3));
	kf_push_arg_u32(ctx, 4);
	if ((__u32)kf_arg(ctx, 1) &&
	    (kf_try_read_user_u64(ctx, w, &val) || kf_try_read_user_u64(ctx, w + 8, &uaddr) ||
	     kf_try_read_user_u32(ctx, w + 16, &wflags))) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		return;
	}
	kf_push_u64(ctx, uaddr);
	kf_push_u64(ctx, val);
	kf_push_u32(ctx, wflags);
}
