/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Fillers of socket syscalls. Included by shared/fillers/all.h only. */

/* A sockaddr that the kernel filled in, with its length behind a user pointer. */
static __always_inline void kf_push_result_sockaddr(struct kf_ctx *ctx, __s64 res, __u64 addr,
						    __u64 addrlen_ptr)
{
	if (res >= 0 && addr && addrlen_ptr)
		kf_push_user_sockaddr(ctx, addr, kf_read_user_u32(ctx, addrlen_ptr));
	else
		kf_push_empty(ctx);
}

KCAP_FILLER(SOCKET_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 0));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 1));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 2));
}

/* connect(fd, addr, addrlen); the enter event guards against the address changing. */
static __always_inline void kf_connect_args(struct kf_ctx *ctx)
{
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_sockaddr(ctx, kf_arg(ctx, 1), kf_arg(ctx, 2));
}

KCAP_FILLER(CONNECT_E, SYS_ENTER)
{
	kf_connect_args(ctx);
}

KCAP_FILLER(CONNECT_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_connect_args(ctx);
	kf_push_socket_ends(ctx, (__s32)kf_arg(ctx, 0));
}

/*
 * (fd, addr, addrlen *): the address the kernel returned, for accept and
 * accept4 the peer's, for getsockname and getpeername the socket's own or its peer's.
 */
static __always_inline void kf_sockname_args(struct kf_ctx *ctx)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_s32(ctx, 0);
	kf_push_result_sockaddr(ctx, res, kf_arg(ctx, 1), kf_arg(ctx, 2));
}

KCAP_FILLER(ACCEPT_X, SYS_EXIT)
{
	kf_sockname_args(ctx);
	kf_push_socket_ends(ctx, kf_ret(ctx)); /* the new connection's */
}

KCAP_FILLER(ACCEPT4_X, SYS_EXIT)
{
	kf_sockname_args(ctx);
	kf_push_arg_u32(ctx, 3);
	kf_push_socket_ends(ctx, kf_ret(ctx));
}

KCAP_FILLER(BIND_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_sockaddr(ctx, kf_arg(ctx, 1), kf_arg(ctx, 2));
}

KCAP_FILLER(LISTEN_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_s32(ctx, (__s32)kf_arg(ctx, 1));
}

/* sendto(fd, buf, len, flags, dest_addr, addrlen) */
KCAP_FILLER(SENDTO_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_buf(ctx, kf_arg(ctx, 1), res >= 0 ? (__u64)res : kf_arg(ctx, 2));
	kf_push_u64(ctx, kf_arg(ctx, 2));
	if (kf_arg(ctx, 4))
		kf_push_user_sockaddr(ctx, kf_arg(ctx, 4), kf_arg(ctx, 5));
	else
		kf_push_empty(ctx);
	kf_push_socket_ends(ctx, (__s32)kf_arg(ctx, 0));
}

/* recvfrom(fd, buf, len, flags, src_addr, addrlen *) */
KCAP_FILLER(RECVFROM_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_user_buf(ctx, kf_arg(ctx, 1), kf_res_len(res));
	kf_push_u64(ctx, kf_arg(ctx, 2));
	kf_push_result_sockaddr(ctx, res, kf_arg(ctx, 4), kf_arg(ctx, 5));
	kf_push_socket_ends(ctx, (__s32)kf_arg(ctx, 0));
}

/*
 * A user struct msghdr (name at 0, namelen at 8, iov at 16, iovlen at 24): n
 * bytes of its iovecs, its iovec count and, when with_addr, its address of
 * msg_namelen bytes (as the kernel left it at exit); the three unreadable when
 * the msghdr is.
 */
static __always_inline void kf_push_msghdr(struct kf_ctx *ctx, __u64 msg, __u64 n, int with_addr)
{
	__u64 name, iov, iovlen;

	if (kf_try_read_user_u64(ctx, msg, &name) || kf_try_read_user_u64(ctx, msg + 16, &iov) ||
	    kf_try_read_user_u64(ctx, msg + 24, &iovlen)) {
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		kf_push_unreadable(ctx);
		return;
	}
	kf_push_user_iovec(ctx, iov, iovlen, n);
	kf_push_u64(ctx, iovlen);
	if (with_addr && name)
		kf_push_user_sockaddr(ctx, name, kf_read_user_u32(ctx, msg + 8));
	else
		kf_push_empty(ctx);
}

/* sendmsg(fd, msg, flags): what was sent, or on error what was to be sent. */
KCAP_FILLER(SENDMSG_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_s32(ctx, 0);
	kf_push_msghdr(ctx, kf_arg(ctx, 1), res >= 0 ? (__u64)res : KCAP_MAX_PARAM_LEN, 1);
	kf_push_arg_u32(ctx, 2);
	kf_push_socket_ends(ctx, (__s32)kf_arg(ctx, 0));
}

/* recvmsg(fd, msg, flags): what was received, from the address returned. */
KCAP_FILLER(RECVMSG_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_arg_s32(ctx, 0);
	kf_push_msghdr(ctx, kf_arg(ctx, 1), kf_res_len(res), res >= 0);
	kf_push_arg_u32(ctx, 2);
	kf_push_socket_ends(ctx, (__s32)kf_arg(ctx, 0));
}

/* struct mmsghdr: a msghdr, then msg_len (bytes of that message) at 56. */
#define KF_MMSG_LEN 56

/* sendmmsg(fd, msgvec, vlen, flags): the first message, as sent or as it was to be. */
KCAP_FILLER(SENDMMSG_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);
	__u64 vec = kf_arg(ctx, 1);

	kf_push_arg_s32(ctx, 0);
	kf_push_msghdr(ctx, vec,
		       res > 0 ? kf_read_user_u32(ctx, vec + KF_MMSG_LEN) : KCAP_MAX_PARAM_LEN, 1);
	kf_push_arg_u32(ctx, 2);
	kf_push_arg_u32(ctx, 3);
}

/* recvmmsg(fd, msgvec, vlen, flags, timeout): the first message received. */
KCAP_FILLER(RECVMMSG_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);
	__u64 vec = kf_arg(ctx, 1);

	kf_push_arg_s32(ctx, 0);
	kf_push_msghdr(ctx, vec, res > 0 ? kf_read_user_u32(ctx, vec + KF_MMSG_LEN) : 0, res > 0);
	kf_push_arg_u32(ctx, 2);
	kf_push_arg_u32(ctx, 3);
}

/* (fd, level, optname): setsockopt, getsockopt */
static __always_inline void kf_sockopt_args(struct kf_ctx *ctx)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
	kf_push_arg_u32(ctx, 2);
}

/* setsockopt(fd, level, optname, optval, optlen) */
KCAP_FILLER(SETSOCKOPT_X, SYS_EXIT)
{
	kf_sockopt_args(ctx);
	kf_push_user_buf(ctx, kf_arg(ctx, 3), (__u32)kf_arg(ctx, 4));
	kf_push_arg_u32(ctx, 4);
}

/* getsockopt(fd, level, optname, optval, optlen *): the value the kernel returned. */
KCAP_FILLER(GETSOCKOPT_X, SYS_EXIT)
{
	__s64 res = kf_ret(ctx);

	kf_sockopt_args(ctx);
	if (res == 0)
		kf_push_user_buf(ctx, kf_arg(ctx, 3), kf_read_user_u32(ctx, kf_arg(ctx, 4)));
	else
		kf_push_empty(ctx);
	kf_push_user_int32(ctx, kf_arg(ctx, 4));
}

KCAP_FILLER(SHUTDOWN_X, SYS_EXIT)
{
	kf_push_res(ctx);
	kf_push_arg_s32(ctx, 0);
	kf_push_arg_u32(ctx, 1);
}

KCAP_FILLER(GETSOCKNAME_X, SYS_EXIT)
{
	kf_sockname_args(ctx);
}

KCAP_FILLER(GETPEERNAME_X, SYS_EXIT)
{
	kf_sockname_args(ctx);
}
