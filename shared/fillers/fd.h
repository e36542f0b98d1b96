/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Fillers of descriptor syscalls. Included by shared/fillers/all.h only. */

KCAP_FILLER(DUP_X, SYS_EXIT)
{
	kf_fd_args(ctx);
}

KCAP_FILLER(DUP2_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_arg_s32(ctx, 1);
}

KCAP_FILLER(DUP3_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_arg_s32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

/* fcntl(fd, cmd, arg) */
KCAP_FILLER(FCNTL_X, SYS_EXIT)
{
	kf_fd_u32_args(ctx);
	kf_push_arg_u64(ctx, 2);
}

/* close_range(first, last, flags) */
KCAP_FILLER(CLOSE_RANGE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

/* int fds[2] that the kernel filled in, or -1 -1 when it did not. */
static __always_inline void kf_push_fd_pair(struct kf_ctx *ctx, __s64 res, __u64 fds)
{
	if (res == 0) {
		kf_push_user_int32(ctx, fds);
		kf_push_user_int32(ctx, fds + 4);
	} else {
		kf_push_s32(ctx, -1);
		kf_push_s32(ctx, -1);
	}
}

KCAP_FILLER(PIPE_X, SYS_EXIT)
{
	kf_push_fd_pair(ctx, kf_push_res(ctx), kf_arg(ctx, 0));
}

KCAP_FILLER(PIPE2_X, SYS_EXIT)
{
	kf_push_fd_pair(ctx, kf_push_res(ctx), kf_arg(ctx, 0));
	kf_push_arg_u32(ctx, 1);
}

/* socketpair(domain, type, proto, sv) */
KCAP_FILLER(SOCKETPAIR_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_u32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
	kf_push_fd_pair(ctx, res, kf_arg(ctx, 3));
}

/* (u32): eventfd, inotify_init1, epoll_create1 */
static __always_inline void kf_u32_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 0);
}

/* (u32, u32): eventfd2, timerfd_create */
static __always_inline void kf_u32_u32_args(struct kf_ctx *ctx)
{
	kf_u32_args(ctx);
	kf_push_arg_u32(ctx, 1);
}

KCAP_FILLER(EVENTFD_X, SYS_EXIT)
{
	kf_u32_args(ctx);
}

KCAP_FILLER(EVENTFD2_X, SYS_EXIT)
{
	kf_u32_u32_args(ctx);
}

/* signalfd(fd, mask *, sizemask) */
KCAP_FILLER(SIGNALFD_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_user_int64(ctx, kf_arg(ctx, 1));
}

/* signalfd4(fd, mask *, sizemask, flags) */
KCAP_FILLER(SIGNALFD4_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_user_int64(ctx, kf_arg(ctx, 1));
	kf_push_arg_u32(ctx, 3);
}

KCAP_FILLER(TIMERFD_CREATE_X, SYS_EXIT)
{
	kf_u32_u32_args(ctx);
}

KCAP_FILLER(INOTIFY_INIT_X, SYS_EXIT)
{
	kf_push_res(ctx);
}

KCAP_FILLER(INOTIFY_INIT1_X, SYS_EXIT)
{
	kf_u32_args(ctx);
}

/* inotify_add_watch(fd, path, mask) */
KCAP_FILLER(INOTIFY_ADD_WATCH_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_arg_path(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

KCAP_FILLER(EPOLL_CREATE_X, SYS_EXIT)
{
	kf_fd_args(ctx);
}

KCAP_FILLER(EPOLL_CREATE1_X, SYS_EXIT)
{
	kf_u32_args(ctx);
}

/* epoll_ctl(epfd, op, fd, struct epoll_event *): events is its first member. */
KCAP_FILLER(EPOLL_CTL_X, SYS_EXIT)
{
	kf_fd_u32_args(ctx);
	kf_push_arg_s32(ctx, 2);
	if (kf_arg(ctx, 3))
		kf_push_user_int32(ctx, kf_arg(ctx, 3));
	else
		kf_push_u32(ctx, 0);
}

/* epoll_wait(epfd, events, maxevents, timeout) */
KCAP_FILLER(EPOLL_WAIT_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_arg_s32(ctx, 2);
	kf_push_arg_s32(ctx, 3);
}

/* poll's and ppoll's struct pollfd array (8 bytes an entry): nfds is an unsigned int. */
static __always_inline void kf_push_pollfds(struct kf_ctx *ctx)
{
	kf_push_user_array(ctx, kf_arg(ctx, 0), (__u64)(__u32)kf_arg(ctx, 1) * 8);
}

/* A timespec or a timeval (16 bytes), a sigset_t (8 bytes): NULL is no value. */
static __always_inline void kf_push_user_time(struct kf_ctx *ctx, __u64 uptr)
{
	kf_push_user_array(ctx, uptr, 16);
}

static __always_inline void kf_push_user_sigset(struct kf_ctx *ctx, __u64 uptr)
{
	kf_push_user_array(ctx, uptr, 8);
}

/* poll(fds, nfds, timeout) */
KCAP_FILLER(POLL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_s32(ctx, 2);
	kf_push_pollfds(ctx);
}

/* ppoll(fds, nfds, tsp, sigmask, sigsetsize) */
KCAP_FILLER(PPOLL_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_u32(ctx, 1);
	kf_push_pollfds(ctx);
	kf_push_user_time(ctx, kf_arg(ctx, 2));
	kf_push_user_sigset(ctx, kf_arg(ctx, 3));
	kf_push_arg_u64(ctx, 4);
}

/*
 * select's and pselect6's three fd_sets: the kernel reads nfds bits of each,
 * rounded up to a long; none for a negative nfds (EINVAL).
 */
static __always_inline void kf_push_fdsets(struct kf_ctx *ctx)
{
	__s32 nfds = (__s32)kf_arg(ctx, 0);
	__u64 n = nfds > 0 ? ((__u64)nfds + 63) / 64 * 8 : 0;

	kf_push_user_array(ctx, kf_arg(ctx, 1), n);
	kf_push_user_array(ctx, kf_arg(ctx, 2), n);
	kf_push_user_array(ctx, kf_arg(ctx, 3), n);
}

/* select(nfds, readfds, writefds, exceptfds, timeout) */
KCAP_FILLER(SELECT_X, SYS_EXIT)
{
	kf_fd_args(ctx);
	kf_push_fdsets(ctx);
	kf_push_user_time(ctx, kf_arg(ctx, 4));
}

/* pselect6(nfds, readfds, writefds, exceptfds, tsp, struct { sigset_t *ss; size_t len; } *) */
KCAP_FILLER(PSELECT6_X, SYS_EXIT)
{
	__u64 ss = 0;

	kf_fd_args(ctx);
	kf_push_fdsets(ctx);
	kf_push_user_time(ctx, kf_arg(ctx, 4));
	if (kf_arg(ctx, 5) && kf_try_read_user_u64(ctx, kf_arg(ctx, 5), &ss))
		kf_push_unreadable(ctx);
	else
		kf_push_user_sigset(ctx, ss);
}

/* ioctl(fd, request, arg) */
KCAP_FILLER(IOCTL_X, SYS_EXIT)
{
	kf_fd_u32_args(ctx);
	kf_push_arg_u64(ctx, 2);
}

/* memfd_create(name, flags) */
KCAP_FILLER(MEMFD_CREATE_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_path(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}
