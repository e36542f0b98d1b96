/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Fillers of file syscalls. Included by shared/fillers/all.h only. */

/* open(name, flags, mode): the arguments of the enter and exit events. */
static __always_inline void kf_open_args(struct kf_ctx *ctx)
{
	kf_push_user_str(ctx, kf_arg(ctx, 0));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 1));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 2));
}

KCAP_FILLER(OPEN_E, SYS_ENTER)
{
	kf_open_args(ctx);
}

KCAP_FILLER(OPEN_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_open_args(ctx);
	kf_push_opened_file(ctx, res);
}

/* openat(dirfd, name, flags, mode) */
static __always_inline void kf_openat_args(struct kf_ctx *ctx)
{
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_str(ctx, kf_arg(ctx, 1));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 2));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 3));
}

KCAP_FILLER(OPENAT_E, SYS_ENTER)
{
	kf_openat_args(ctx);
}

KCAP_FILLER(OPENAT_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_openat_args(ctx);
	kf_push_opened_file(ctx, res);
}

/* openat2(dirfd, name, struct open_how *how, size): how = {flags, mode, resolve} */
static __always_inline void kf_openat2_args(struct kf_ctx *ctx)
{
	__u64 how = kf_arg(ctx, 2);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_str(ctx, kf_arg(ctx, 1));
	kf_push_u64(ctx, kf_read_user_u64(ctx, how));
	kf_push_u64(ctx, kf_read_user_u64(ctx, how + 8));
	kf_push_u64(ctx, kf_read_user_u64(ctx, how + 16));
}

KCAP_FILLER(OPENAT2_E, SYS_ENTER)
{
	kf_openat2_args(ctx);
}

KCAP_FILLER(OPENAT2_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_openat2_args(ctx);
	kf_push_opened_file(ctx, res);
}

/* creat(name, mode) */
static __always_inline void kf_creat_args(struct kf_ctx *ctx)
{
	kf_push_user_str(ctx, kf_arg(ctx, 0));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 1));
}

KCAP_FILLER(CREAT_E, SYS_ENTER)
{
	kf_creat_args(ctx);
}

KCAP_FILLER(CREAT_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_creat_args(ctx);
	kf_push_opened_file(ctx, res);
}

KCAP_FILLER(CLOSE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
}

/* read(fd, buf, size): the bytes actually read, up to the snaplen. */
KCAP_FILLER(READ_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_buf(ctx, kf_arg(ctx, 1), kf_res_len(res));
	kf_push_u64(ctx, kf_arg(ctx, 2));
}

/* write(fd, buf, size): what was written, or on error what was to be written. */
static __always_inline __u64 kf_write_len(__s64 res, __u64 size)
{
	return res >= 0 ? (__u64)res : size;
}

KCAP_FILLER(WRITE_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_buf(ctx, kf_arg(ctx, 1), kf_write_len(res, kf_arg(ctx, 2)));
	kf_push_u64(ctx, kf_arg(ctx, 2));
}

KCAP_FILLER(PREAD64_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_buf(ctx, kf_arg(ctx, 1), kf_res_len(res));
	kf_push_u64(ctx, kf_arg(ctx, 2));
	kf_push_s64(ctx, (__s64)kf_arg(ctx, 3));
}

KCAP_FILLER(PWRITE64_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_buf(ctx, kf_arg(ctx, 1), kf_write_len(res, kf_arg(ctx, 2)));
	kf_push_u64(ctx, kf_arg(ctx, 2));
	kf_push_s64(ctx, (__s64)kf_arg(ctx, 3));
}

/* readv(fd, iov, iovcnt): the iovecs' bytes gathered up to the snaplen. */
KCAP_FILLER(READV_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_iovec(ctx, kf_arg(ctx, 1), kf_arg(ctx, 2), kf_res_len(res));
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 2));
}

KCAP_FILLER(WRITEV_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_iovec(ctx, kf_arg(ctx, 1), kf_arg(ctx, 2),
			   res >= 0 ? (__u64)res : KCAP_MAX_PARAM_LEN);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 2));
}

KCAP_FILLER(UNLINKAT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_str(ctx, kf_arg(ctx, 1));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 2));
}

KCAP_FILLER(RENAMEAT2_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_str(ctx, kf_arg(ctx, 1));
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 2));
	kf_push_user_str(ctx, kf_arg(ctx, 3));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 4));
}

KCAP_FILLER(MKDIRAT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_str(ctx, kf_arg(ctx, 1));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 2));
}
