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
