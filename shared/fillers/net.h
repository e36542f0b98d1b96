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

/* accept(fd, addr, addrlen *): the peer address as the kernel returned it. */
KCAP_FILLER(ACCEPT_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_result_sockaddr(ctx, res, kf_arg(ctx, 1), kf_arg(ctx, 2));
	kf_push_socket_ends(ctx, res); /* the new connection's */
}

KCAP_FILLER(ACCEPT4_X, SYS_EXIT)
{
	__s64 res = kf_push_res(ctx);

	kf_push_s32(ctx, (__s32)kf_arg(ctx, 0));
	kf_push_result_sockaddr(ctx, res, kf_arg(ctx, 1), kf_arg(ctx, 2));
	kf_push_u32(ctx, (__u32)kf_arg(ctx, 3));
	kf_push_socket_ends(ctx, res);
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
