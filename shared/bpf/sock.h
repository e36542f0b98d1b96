/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A socket's own addresses, as the kernel holds them (not the caller's
 * sockaddr argument), once for both eBPF probes and the unit tests' mock:
 * built as a struct sockaddr of its family in the event. Besides pushes.h's
 * primitives, the includer defines KF_RD and KF_READ_KERNEL.
 */
#ifndef KCAP_BPF_SOCK_H
#define KCAP_BPF_SOCK_H

#define KF_S_IFMT 0170000
#define KF_S_IFSOCK 0140000
#define KF_AF_UNIX 1
#define KF_AF_INET 2
#define KF_AF_INET6 10
#define KF_SUN_MAX 110 /* sizeof(struct sockaddr_un) */

/* The socket of a file from kf_fd_file(), or NULL when it is another kind of file. */
static __always_inline struct sock *kf_file_sock(__u64 file)
{
	struct file *f = (struct file *)(unsigned long)file;
	struct inode *inode = f ? KF_RD(f, f_inode) : NULL;
	struct socket *sock;

	if (!inode || (KF_RD(inode, i_mode) & KF_S_IFMT) != KF_S_IFSOCK)
		return NULL;
	sock = KF_RD(f, private_data);
	return sock ? KF_RD(sock, sk) : NULL;
}

/* A unix socket's bound address (its peer's for peer), or 0 bytes written when it has none. */
static __always_inline long kf_unix_addr(__u8 *d, struct sock *sk, int peer)
{
	struct unix_sock *u = (struct unix_sock *)sk;
	struct unix_address *a;
	int len;

	if (peer) {
		u = (struct unix_sock *)KF_RD(u, peer);
		if (!u)
			return 0; /* not connected */
	}
	a = KF_RD(u, addr);
	if (!a) {
		*(__u16 *)d = KF_AF_UNIX; /* unnamed */
		return 2;
	}
	len = KF_RD(a, len);
	if (len < 2 || len > KF_SUN_MAX)
		len = KF_SUN_MAX;
	return KF_READ_KERNEL(d, kf_size(len, 127), &a->name[0]) ? -1 : (long)kf_size(len, 127);
}

/* The local (peer 0) or remote (peer 1) address of the socket behind file, or empty. */
static __always_inline void kf_put_sock_addr(struct kf_ctx *ctx, __u64 file, int peer)
{
	struct sock *sk;
	__u16 family;
	__u8 *d;
	long n = 0;

	if (kf_skip(ctx))
		return;
	sk = kf_file_sock(file);
	if (!sk) {
		kf_set_len(ctx, 0);
		return;
	}
	family = KF_RD(sk, __sk_common.skc_family);
	d = kf_data(ctx);
	if (family == KF_AF_INET || family == KF_AF_INET6) {
		*(__u16 *)d = family;
		*(__u16 *)(d + 2) = peer ? KF_RD(sk, __sk_common.skc_dport) :
					   __builtin_bswap16(KF_RD(sk, __sk_common.skc_num));
		*(__u32 *)(d + 4) = 0;
	}
	if (family == KF_AF_INET) {
		*(__u32 *)(d + 4) = peer ? KF_RD(sk, __sk_common.skc_daddr) :
					   KF_RD(sk, __sk_common.skc_rcv_saddr);
		*(__u64 *)(d + 8) = 0;
		n = 16;
	} else if (family == KF_AF_INET6) {
		n = KF_READ_KERNEL(d + 8, 16,
				   peer ? (void *)&sk->__sk_common.skc_v6_daddr :
					  (void *)&sk->__sk_common.skc_v6_rcv_saddr) ?
			    -1 :
			    28;
		*(__u32 *)(d + 24) = 0;
	} else if (family == KF_AF_UNIX) {
		n = kf_unix_addr(d, sk, peer);
	}
	if (n == 0)
		kf_set_len(ctx, 0);
	else
		kf_commit(ctx, n);
}

#endif /* KCAP_BPF_SOCK_H */
