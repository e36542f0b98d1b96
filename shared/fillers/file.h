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

/*
 * readv(fd, iov, iovcnt) and the other vector calls: the iovecs' bytes gathered
 * up to the snaplen, what was read, or what was written (on error what was to
 * be written).
 */
static __always_inline void kf_readv_args(struct kf_ctx *ctx)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_s32(ctx, 0);
	kf_push_user_iovec(ctx, kf_arg(ctx, 1), kf_arg(ctx, 2), kf_res_len(res));
	kf_push_arg_s32(ctx, 2);
}

static __always_inline void kf_writev_args(struct kf_ctx *ctx)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_s32(ctx, 0);
	kf_push_user_iovec(ctx, kf_arg(ctx, 1), kf_arg(ctx, 2),
			   res >= 0 ? (__u64)res : KCAP_MAX_PARAM_LEN);
	kf_push_arg_s32(ctx, 2);
}

KCAP_FILLER(READV_X, SYS_EXIT)
{
	kf_readv_args(ctx);
}

KCAP_FILLER(WRITEV_X, SYS_EXIT)
{
	kf_writev_args(ctx);
}

/* preadv(fd, iov, iovcnt, pos_l, pos_h): x86_64 passes the whole position in pos_l. */
KCAP_FILLER(PREADV_X, SYS_EXIT)
{
	kf_readv_args(ctx);
	kf_push_arg_s64(ctx, 3);
}

KCAP_FILLER(PWRITEV_X, SYS_EXIT)
{
	kf_writev_args(ctx);
	kf_push_arg_s64(ctx, 3);
}

/* preadv2(fd, iov, iovcnt, pos_l, pos_h, flags) */
KCAP_FILLER(PREADV2_X, SYS_EXIT)
{
	kf_readv_args(ctx);
	kf_push_arg_s64(ctx, 3);
	kf_push_arg_u32(ctx, 5);
}

KCAP_FILLER(PWRITEV2_X, SYS_EXIT)
{
	kf_writev_args(ctx);
	kf_push_arg_s64(ctx, 3);
	kf_push_arg_u32(ctx, 5);
}

/* A user's loff_t * argument: its value at exit, or -1 for NULL (the file position). */
static __always_inline void kf_push_user_offset(struct kf_ctx *ctx, __u64 uptr)
{
	if (uptr)
		kf_push_user_int64(ctx, uptr);
	else
		kf_push_s64(ctx, -1);
}

/* sendfile(out_fd, in_fd, offset *, count) */
KCAP_FILLER(SENDFILE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_s32(ctx, 1);
	kf_push_user_offset(ctx, kf_arg(ctx, 2));
	kf_push_arg_u64(ctx, 3);
}

/* (fd_in, off_in *, fd_out, off_out *, len, flags): splice, copy_file_range */
static __always_inline void kf_splice_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_user_offset(ctx, kf_arg(ctx, 1));
	kf_push_arg_s32(ctx, 2);
	kf_push_user_offset(ctx, kf_arg(ctx, 3));
	kf_push_arg_u64(ctx, 4);
	kf_push_arg_u32(ctx, 5);
}

KCAP_FILLER(SPLICE_X, SYS_EXIT)
{
	kf_splice_args(ctx);
}

/* tee(fd_in, fd_out, len, flags) */
KCAP_FILLER(TEE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_u64(ctx, 2);
	kf_push_arg_u32(ctx, 3);
}

KCAP_FILLER(COPY_FILE_RANGE_X, SYS_EXIT)
{
	kf_splice_args(ctx);
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

/*
 * Paths and inodes. Most pass their arguments in table order: one shape
 * serves every syscall that has it.
 */

/* (path): unlink, rmdir, chdir, stat, lstat */
static __always_inline void kf_path_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
}

/* (an int): fchdir, fstat, dup, epoll_create, select */
static __always_inline void kf_fd_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
}

/* (oldpath, newpath): rename, link, symlink */
static __always_inline void kf_two_path_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
	kf_push_arg_path(ctx, 1);
}

/* (path, u32): mkdir, chmod, access */
static __always_inline void kf_path_u32_args(struct kf_ctx *ctx)
{
	kf_path_args(ctx);
	kf_push_arg_u32(ctx, 1);
}

/* (fd, u32): fchmod, flock */
static __always_inline void kf_fd_u32_args(struct kf_ctx *ctx)
{
	kf_fd_args(ctx);
	kf_push_arg_u32(ctx, 1);
}

/* (dirfd, path) */
static __always_inline void kf_at_path_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_path(ctx, 1);
}

/* (dirfd, path, u32): fchmodat, faccessat, newfstatat (its flags are argument 3) */
static __always_inline void kf_at_path_u32_args(struct kf_ctx *ctx, int i)
{
	kf_at_path_args(ctx);
	kf_push_u32(ctx, (__u32)kf_arg(ctx, i));
}

/* (dirfd, path, u32, u32): fchmodat2, faccessat2, statx, mknodat */
static __always_inline void kf_at_path_u32_u32_args(struct kf_ctx *ctx)
{
	kf_at_path_args(ctx);
	kf_push_arg_u32(ctx, 2);
	kf_push_arg_u32(ctx, 3);
}

/* (olddirfd, oldpath, newdirfd, newpath): renameat, linkat */
static __always_inline void kf_two_at_path_args(struct kf_ctx *ctx)
{
	kf_at_path_args(ctx);
	kf_push_arg_s32(ctx, 2);
	kf_push_arg_path(ctx, 3);
}

/* (path, u32, u32): chown, lchown, mknod */
static __always_inline void kf_path_u32_u32_args(struct kf_ctx *ctx)
{
	kf_path_u32_args(ctx);
	kf_push_arg_u32(ctx, 2);
}

KCAP_FILLER(UNLINK_X, SYS_EXIT)
{
	kf_path_args(ctx);
}

KCAP_FILLER(RENAME_X, SYS_EXIT)
{
	kf_two_path_args(ctx);
}

KCAP_FILLER(RENAMEAT_X, SYS_EXIT)
{
	kf_two_at_path_args(ctx);
}

KCAP_FILLER(RMDIR_X, SYS_EXIT)
{
	kf_path_args(ctx);
}

KCAP_FILLER(MKDIR_X, SYS_EXIT)
{
	kf_path_u32_args(ctx);
}

KCAP_FILLER(LINK_X, SYS_EXIT)
{
	kf_two_path_args(ctx);
}

KCAP_FILLER(LINKAT_X, SYS_EXIT)
{
	kf_two_at_path_args(ctx);
	kf_push_arg_u32(ctx, 4);
}

KCAP_FILLER(SYMLINK_X, SYS_EXIT)
{
	kf_two_path_args(ctx);
}

/* symlinkat(target, newdirfd, linkpath) */
KCAP_FILLER(SYMLINKAT_X, SYS_EXIT)
{
	kf_path_args(ctx);
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_path(ctx, 2);
}

KCAP_FILLER(CHMOD_X, SYS_EXIT)
{
	kf_path_u32_args(ctx);
}

KCAP_FILLER(FCHMOD_X, SYS_EXIT)
{
	kf_fd_u32_args(ctx);
}

KCAP_FILLER(FCHMODAT_X, SYS_EXIT)
{
	kf_at_path_u32_args(ctx, 2);
}

KCAP_FILLER(FCHMODAT2_X, SYS_EXIT)
{
	kf_at_path_u32_u32_args(ctx);
}

KCAP_FILLER(CHOWN_X, SYS_EXIT)
{
	kf_path_u32_u32_args(ctx);
}

KCAP_FILLER(FCHOWN_X, SYS_EXIT)
{
	kf_fd_u32_args(ctx);
	kf_push_arg_u32(ctx, 2);
}

/* fchownat(dirfd, path, uid, gid, flags) */
KCAP_FILLER(FCHOWNAT_X, SYS_EXIT)
{
	kf_at_path_u32_u32_args(ctx);
	kf_push_arg_u32(ctx, 4);
}

KCAP_FILLER(LCHOWN_X, SYS_EXIT)
{
	kf_path_u32_u32_args(ctx);
}

KCAP_FILLER(MKNOD_X, SYS_EXIT)
{
	kf_path_u32_u32_args(ctx);
}

KCAP_FILLER(MKNODAT_X, SYS_EXIT)
{
	kf_at_path_u32_u32_args(ctx);
}

KCAP_FILLER(CHDIR_X, SYS_EXIT)
{
	kf_path_args(ctx);
}

KCAP_FILLER(FCHDIR_X, SYS_EXIT)
{
	kf_fd_args(ctx);
}

/* getcwd(buf, size): on success the kernel wrote the path into buf. */
KCAP_FILLER(GETCWD_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	if (res > 0)
		kf_push_arg_path(ctx, 0);
	else
		kf_push_empty(ctx);
	kf_push_arg_u64(ctx, 1);
}

KCAP_FILLER(ACCESS_X, SYS_EXIT)
{
	kf_path_u32_args(ctx);
}

KCAP_FILLER(FACCESSAT_X, SYS_EXIT)
{
	kf_at_path_u32_args(ctx, 2);
}

KCAP_FILLER(FACCESSAT2_X, SYS_EXIT)
{
	kf_at_path_u32_u32_args(ctx);
}

/* The seven fields of KCAP_STAT_RESULT when the kernel wrote none: zeros. */
static __always_inline void kf_push_stat_zeros(struct kf_ctx *ctx)
{
	kf_push_u32(ctx, 0);
	kf_push_u64(ctx, 0);
	kf_push_u32(ctx, 0);
	kf_push_u64(ctx, 0);
	kf_push_u32(ctx, 0);
	kf_push_u32(ctx, 0);
	kf_push_s64(ctx, 0);
}

/*
 * The fields of the x86_64 struct stat a stat call wrote at buf (KCAP_STAT_RESULT);
 * st_dev holds a new_encode_dev() value, which fits its low 32 bits.
 */
static __always_inline void kf_push_stat_result(struct kf_ctx *ctx, __s64 res, __u64 buf)
{
	if (res != 0) {
		kf_push_stat_zeros(ctx);
		return;
	}
	kf_push_user_int32(ctx, buf + 0); /* st_dev */
	kf_push_user_int64(ctx, buf + 8); /* st_ino */
	kf_push_user_int32(ctx, buf + 24); /* st_mode */
	kf_push_user_int64(ctx, buf + 16); /* st_nlink */
	kf_push_user_int32(ctx, buf + 28); /* st_uid */
	kf_push_user_int32(ctx, buf + 32); /* st_gid */
	kf_push_user_int64(ctx, buf + 48); /* st_size */
}

/*
 * The same of struct statx (KCAP_STATX_RESULT). stx_mode is 16 bits; the
 * kernel zeroes the padding after it, so its 32-bit read is the mode.
 */
static __always_inline void kf_push_statx_result(struct kf_ctx *ctx, __s64 res, __u64 buf)
{
	if (res != 0) {
		kf_push_u32(ctx, 0); /* stx_mask */
		kf_push_u32(ctx, 0);
		kf_push_u32(ctx, 0);
		kf_push_u64(ctx, 0);
		kf_push_u32(ctx, 0);
		kf_push_u32(ctx, 0);
		kf_push_u32(ctx, 0);
		kf_push_u32(ctx, 0);
		kf_push_u64(ctx, 0);
		return;
	}
	kf_push_user_int32(ctx, buf + 0); /* stx_mask */
	kf_push_user_int32(ctx, buf + 136); /* stx_dev_major */
	kf_push_user_int32(ctx, buf + 140); /* stx_dev_minor */
	kf_push_user_int64(ctx, buf + 32); /* stx_ino */
	kf_push_user_int32(ctx, buf + 28); /* stx_mode */
	kf_push_user_int32(ctx, buf + 16); /* stx_nlink */
	kf_push_user_int32(ctx, buf + 20); /* stx_uid */
	kf_push_user_int32(ctx, buf + 24); /* stx_gid */
	kf_push_user_int64(ctx, buf + 40); /* stx_size */
}

/* stat(path, buf) */
KCAP_FILLER(STAT_X, SYS_EXIT)
{
	kf_path_args(ctx);
	kf_push_stat_result(ctx, kf_ret(ctx), kf_arg(ctx, 1));
}

KCAP_FILLER(LSTAT_X, SYS_EXIT)
{
	kf_path_args(ctx);
	kf_push_stat_result(ctx, kf_ret(ctx), kf_arg(ctx, 1));
}

/* fstat(fd, buf) */
KCAP_FILLER(FSTAT_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_stat_result(ctx, kf_ret(ctx), kf_arg(ctx, 1));
}

/* newfstatat(dirfd, path, statbuf, flags) */
KCAP_FILLER(NEWFSTATAT_X, SYS_EXIT)
{
	kf_at_path_u32_args(ctx, 3);
	kf_push_stat_result(ctx, kf_ret(ctx), kf_arg(ctx, 2));
}

/* statx(dirfd, path, flags, mask, statxbuf) */
KCAP_FILLER(STATX_X, SYS_EXIT)
{
	kf_at_path_u32_u32_args(ctx);
	kf_push_statx_result(ctx, kf_ret(ctx), kf_arg(ctx, 4));
}

KCAP_FILLER(TRUNCATE_X, SYS_EXIT)
{
	kf_path_args(ctx);
	kf_push_arg_s64(ctx, 1);
}

KCAP_FILLER(FTRUNCATE_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_arg_s64(ctx, 1);
}

/* utimensat(dirfd, path, times, flags) */
KCAP_FILLER(UTIMENSAT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_path_or_null(ctx, 1);
	kf_push_arg_u32(ctx, 3);
	if (kf_arg(ctx, 2)) {
		kf_push_user_int64(ctx, kf_arg(ctx, 2));
		kf_push_user_int64(ctx, kf_arg(ctx, 2) + 8);
		kf_push_user_int64(ctx, kf_arg(ctx, 2) + 16);
		kf_push_user_int64(ctx, kf_arg(ctx, 2) + 24);
	} else {
		kf_push_s64(ctx, 0);
		kf_push_s64(ctx, (1 << 30) - 1); /* UTIME_NOW */
		kf_push_s64(ctx, 0);
		kf_push_s64(ctx, (1 << 30) - 1);
	}
}

/* utimes(path, struct timeval times[2]) */
KCAP_FILLER(UTIMES_X, SYS_EXIT)
{
	kf_path_args(ctx);
	kf_push_user_array(ctx, kf_arg(ctx, 1), 32);
}

/* futimesat(dirfd, path, struct timeval times[2]) */
KCAP_FILLER(FUTIMESAT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_path_or_null(ctx, 1);
	kf_push_user_array(ctx, kf_arg(ctx, 2), 32);
}

/* utime(path, struct utimbuf *times) */
KCAP_FILLER(UTIME_X, SYS_EXIT)
{
	kf_path_args(ctx);
	kf_push_user_array(ctx, kf_arg(ctx, 1), 16);
}

KCAP_FILLER(GETDENTS_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_arg_u32(ctx, 2);
}

KCAP_FILLER(GETDENTS64_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_arg_u32(ctx, 2);
}

/* lseek(fd, offset, whence) */
KCAP_FILLER(LSEEK_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_arg_s64(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

KCAP_FILLER(FLOCK_X, SYS_EXIT)
{
	kf_fd_u32_args(ctx);
}

/* struct file_handle { __u32 handle_bytes; int handle_type; ... }: both in one word */
static __always_inline void kf_push_file_handle(struct kf_ctx *ctx, __u64 handle)
{
	__u64 v = 0;

	if (kf_try_read_user_u64(ctx, handle, &v)) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
	} else {
		kf_push_u32(ctx, (__u32)v);
		kf_push_s32(ctx, (__s32)(v >> 32));
	}
}

/* name_to_handle_at(dirfd, path, handle, mount_id, flags) */
KCAP_FILLER(NAME_TO_HANDLE_AT_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_s32(ctx, 0);
	kf_push_arg_path(ctx, 1);
	kf_push_file_handle(ctx, kf_arg(ctx, 2));
	if (res == 0)
		kf_push_user_int32(ctx, kf_arg(ctx, 3));
	else
		kf_push_s32(ctx, 0);
	kf_push_arg_u32(ctx, 4);
}

/* open_by_handle_at(mount_fd, handle, flags) */
KCAP_FILLER(OPEN_BY_HANDLE_AT_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_s32(ctx, 0);
	kf_push_file_handle(ctx, kf_arg(ctx, 1));
	kf_push_arg_u32(ctx, 2);
	kf_push_opened_file(ctx, res);
}
