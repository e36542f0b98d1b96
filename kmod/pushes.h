/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The module's filler API below the fillers (shared/filler_api.h), in plain
 * kernel C: the event's state, the parameter stores, the syscall and task
 * reads. Included by filler_impl.h in the module and by the unit tests' mock,
 * which gives the same kernel functions in userspace, so these stores are
 * unit-tested on the same hostile inputs as the eBPF probes' (shared/bpf/).
 *
 * An event is written directly into the CPU's ring at its head: the probe runs
 * with preemption disabled and is the only writer of that ring. kf_begin()
 * (kcap_probe.c) computes how many bytes may be written (the free space, at
 * most KCAP_MAX_EVENT_SIZE); every store checks that bound, so nothing is ever
 * written outside free space. An event that does not fit is dropped and counted
 * in kf_finish(): buffer full if the free space was the limit, too large
 * otherwise.
 *
 * User memory is read with non-sleeping, fault-tolerant copies (page faults
 * disabled): an unreadable pointer gives a KCAP_PLEN_FAULT parameter. The
 * conventions follow the eBPF probes' stores exactly (string lengths include
 * the NUL, an empty string is one NUL byte, the same loop bounds), so every
 * backend emits the same bytes.
 */
#ifndef KCAP_KMOD_PUSHES_H
#define KCAP_KMOD_PUSHES_H

#include "syscall_abi.h"
#include "kf_mount.h"

/* struct kf_mount matches this kernel's struct mount (kcap_probe.c checks it at load). */
extern bool kcap_mount_layout_ok;

struct kf_ctx {
	struct kcap_ring *r;
	u8 *buf; /* the event, in the ring */
	u32 off; /* next parameter byte */
	u32 limit; /* bytes that may be written at buf */
	u32 faults;
	u32 snaplen; /* bytes of I/O data kept */
	u16 idx; /* next parameter index */
	u16 nparams;
	u16 type;
	bool overflow; /* a push did not fit under limit */
	bool ring_limited; /* limit is the free space, not KCAP_MAX_EVENT_SIZE */
	/* hook arguments */
	struct pt_regs *regs; /* user registers: syscall arguments and number */
	long ret;
	struct task_struct *task; /* PROC_EXIT: the exiting task (current) */
	const struct kcap_uring_req *uring; /* IO_URING */
};

/* --- copies from user memory: never sleep, never fault ------------------- */

/* 0 or -EFAULT, like copy_from_user_nofault(); kernel addresses fail access_ok. */
static __always_inline long kf_copy_user(void *dst, u64 uptr, u32 n)
{
	return copy_from_user_nofault(dst, (const void __user *)(uintptr_t)uptr, n);
}

/*
 * strncpy_from_user() with page faults disabled (the body of the kernel's
 * strncpy_from_user_nofault(), which is not exported to modules): the length
 * without the NUL, count when no NUL was found in count bytes, or -EFAULT.
 */
static __always_inline long kf_strncpy_user(u8 *dst, u64 uptr, long count)
{
	long ret;

	pagefault_disable();
	ret = strncpy_from_user((char *)dst, (const char __user *)(uintptr_t)uptr, count);
	pagefault_enable();
	return ret;
}

/* --- event assembly ------------------------------------------------------ */

static __always_inline u32 kf_avail(const struct kf_ctx *ctx)
{
	return ctx->overflow ? 0 : ctx->limit - ctx->off;
}

/* n bytes at the cursor, or NULL (and the event overflows) when they do not fit. */
static __always_inline u8 *kf_reserve(struct kf_ctx *ctx, u32 n)
{
	if (n > kf_avail(ctx)) {
		ctx->overflow = true;
		return NULL;
	}
	return ctx->buf + ctx->off;
}

static __always_inline void kf_set_len(struct kf_ctx *ctx, u16 len)
{
	/* plen[] was checked to fit by kf_begin(); a filler pushing too many is a bug */
	if (ctx->idx < ctx->nparams)
		put_unaligned(len, (u16 *)(ctx->buf + KCAP_HDR_SIZE) + ctx->idx);
	ctx->idx++;
}

#include "filler_store.h"

static __always_inline void kf_put_u64(struct kf_ctx *ctx, __u64 v)
{
	u8 *p = kf_reserve(ctx, 8);

	if (!p)
		return;
	put_unaligned(v, (u64 *)p);
	kf_commit(ctx, 8);
}

static __always_inline void kf_put_u32(struct kf_ctx *ctx, __u32 v)
{
	u8 *p = kf_reserve(ctx, 4);

	if (!p)
		return;
	put_unaligned(v, (u32 *)p);
	kf_commit(ctx, 4);
}

static __always_inline void kf_put_empty(struct kf_ctx *ctx)
{
	kf_set_len(ctx, 0);
}

/*
 * A NUL-terminated user string of at most max bytes (with the NUL) at dst,
 * whose room is avail bytes. Returns the bytes written with the NUL (1 for an
 * empty string), 0 for a fault, or -ENOSPC when the room, not max, cut it
 * short; *cut says the string was longer than max.
 */
static __always_inline long kf_user_str(u8 *dst, u64 uptr, u32 max, u32 avail, bool *cut)
{
	u32 count = min(max, avail);
	long n;

	*cut = false;
	if (!count)
		return -ENOSPC;
	n = kf_strncpy_user(dst, uptr, count);
	if (n < 0)
		return 0;
	if (n >= count) {
		if (count < max)
			return -ENOSPC;
		dst[count - 1] = '\0'; /* ended at max, like the BPF helper */
		*cut = true;
		return count;
	}
	return n + 1;
}

/* A string of at most KCAP_MAX_PATH bytes, copied by copy (kf_user_str, kf_kernel_str). */
static __always_inline void kf_put_str_by(struct kf_ctx *ctx, __u64 ptr,
					  long (*copy)(u8 *dst, u64 ptr, u32 max, u32 avail,
						       bool *cut))
{
	bool cut;
	long n;

	if (ctx->overflow)
		return;
	n = copy(ctx->buf + ctx->off, ptr, KCAP_MAX_PATH, kf_avail(ctx), &cut);
	if (n == -ENOSPC) {
		ctx->overflow = true;
		return;
	}
	if (cut)
		kf_mark_truncated(ctx);
	kf_commit(ctx, n);
}

static __always_inline void kf_put_user_str(struct kf_ctx *ctx, __u64 uptr)
{
	kf_put_str_by(ctx, uptr, kf_user_str);
}

/*
 * A kernel string of at most max bytes with its NUL, copied without faulting
 * in chunks that end at 64-byte boundaries (so none crosses into a page past
 * the string): its length with the NUL, or 0 when unreadable, or -ENOSPC.
 */
static __always_inline long kf_kernel_str(u8 *dst, u64 kptr, u32 max, u32 avail, bool *cut)
{
	u32 count = min(max, avail), pos = 0;

	*cut = false;
	if (!count)
		return -ENOSPC;
	while (pos < count) {
		u32 chunk = min_t(u32, 64 - ((kptr + pos) & 63), count - pos);
		u8 *nul;

		if (copy_from_kernel_nofault(dst + pos, (const void *)(uintptr_t)(kptr + pos),
					     chunk))
			return 0;
		nul = memchr(dst + pos, 0, chunk);
		if (nul)
			return nul - dst + 1;
		pos += chunk;
	}
	if (count < max)
		return -ENOSPC;
	dst[count - 1] = '\0'; /* ended at max, like the BPF helper */
	*cut = true;
	return count;
}

static __always_inline void kf_put_kernel_str(struct kf_ctx *ctx, __u64 kptr)
{
	kf_put_str_by(ctx, kptr, kf_kernel_str);
}

static __always_inline const struct kcap_uring_req *kf_uring_req(struct kf_ctx *ctx)
{
	return ctx->uring;
}

/* n user bytes (n <= KCAP_MAX_PARAM_LEN), or a fault, or an empty parameter for 0. */
static __always_inline void kf_put_user_bytes(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	u8 *p;

	if (n == 0) {
		kf_put_empty(ctx);
		return;
	}
	p = kf_reserve(ctx, n);
	if (!p)
		return;
	kf_commit(ctx, kf_copy_user(p, uptr, n) ? -EFAULT : (long)n);
}

/* An integer of n (4 or 8) bytes in user memory, or a fault. */
static __always_inline void kf_put_user_int(struct kf_ctx *ctx, __u64 uptr, __u32 n)
{
	kf_put_user_bytes(ctx, uptr, n);
}

static __always_inline void kf_put_user_buf(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	kf_put_user_bytes(ctx, uptr, min_t(u64, n, ctx->snaplen));
}

/* As the eBPF probes: n user bytes, at most max, cut past it; NULL or none: empty. */
static __always_inline void kf_put_user_bounded(struct kf_ctx *ctx, __u64 uptr, __u64 n, u32 max)
{
	if (!uptr || !n) {
		kf_put_empty(ctx);
		return;
	}
	if (n > max) {
		n = max;
		kf_mark_truncated(ctx);
	}
	kf_put_user_bytes(ctx, uptr, n);
}

static __always_inline void kf_put_user_sockaddr(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	kf_put_user_bounded(ctx, uptr, n, KCAP_MAX_SOCKADDR);
}

static __always_inline void kf_put_user_array(struct kf_ctx *ctx, __u64 uptr, __u64 n)
{
	kf_put_user_bounded(ctx, uptr, n, KCAP_MAX_ARRAY);
}

/* As the eBPF probes: cut when the iovec bound stopped it with bytes to go. */
static __always_inline void kf_put_user_iovec(struct kf_ctx *ctx, __u64 iov, __u64 iovcnt, __u64 n)
{
	u32 total = 0;
	u32 i;

	n = min_t(u64, n, ctx->snaplen);
	if (ctx->overflow)
		return;
	for (i = 0; i < KCAP_MAX_IOVECS && i < iovcnt; i++) {
		struct iovec v;
		u64 chunk;

		if (total >= n)
			break;
		if (kf_copy_user(&v, iov + i * sizeof(v), sizeof(v))) {
			kf_put_fault(ctx);
			return;
		}
		chunk = min_t(u64, v.iov_len, n - total);
		if (chunk > kf_avail(ctx) - total) {
			ctx->overflow = true;
			return;
		}
		if (chunk &&
		    kf_copy_user(ctx->buf + ctx->off + total, (u64)(uintptr_t)v.iov_base, chunk)) {
			kf_put_fault(ctx);
			return;
		}
		total += chunk;
	}
	if (total < n && iovcnt > KCAP_MAX_IOVECS)
		kf_mark_truncated(ctx);
	ctx->off += total;
	kf_set_len(ctx, total);
}

static __always_inline __u64 kf_read_user_u64(struct kf_ctx *ctx, __u64 uptr);

/* As the eBPF probes: cut when a bound stopped it before the array's NULL. */
static __always_inline void kf_put_user_argv(struct kf_ctx *ctx, __u64 argv)
{
	bool end = false, cut;
	u32 total = 0;
	u32 i;

	if (ctx->overflow)
		return;
	for (i = 0; i < KCAP_MAX_ARGV; i++) {
		u64 arg;
		long n;

		if (total >= KCAP_MAX_ARGS_LEN)
			break;
		if (kf_copy_user(&arg, argv + i * 8, sizeof(arg))) {
			if (i == 0) {
				kf_put_fault(ctx);
				return;
			}
			end = true;
			break;
		}
		if (!arg) {
			end = true;
			break;
		}
		n = kf_user_str(ctx->buf + ctx->off + total, arg, KCAP_MAX_ARGS_LEN - total,
				kf_avail(ctx) - total, &cut);
		if (n == -ENOSPC) {
			ctx->overflow = true;
			return;
		}
		if (n <= 0) {
			end = true;
			break;
		}
		total += n;
	}
	if (!end && (total >= KCAP_MAX_ARGS_LEN || kf_read_user_u64(ctx, argv + KCAP_MAX_ARGV * 8)))
		kf_mark_truncated(ctx);
	ctx->off += total;
	kf_set_len(ctx, total);
}

static __always_inline __u64 kf_read_user_u64(struct kf_ctx *ctx, __u64 uptr)
{
	u64 v;

	return kf_copy_user(&v, uptr, sizeof(v)) ? 0 : v;
}

/* 0 and the value at uptr in *v, or -1 when it cannot be read. */
static __always_inline int kf_try_read_user_u64(struct kf_ctx *ctx, __u64 uptr, __u64 *v)
{
	return kf_copy_user(v, uptr, sizeof(*v)) ? -1 : 0;
}

static __always_inline void kf_put_unreadable(struct kf_ctx *ctx)
{
	kf_put_fault(ctx);
}

static __always_inline __u32 kf_read_user_u32(struct kf_ctx *ctx, __u64 uptr)
{
	u32 v;

	return kf_copy_user(&v, uptr, sizeof(v)) ? 0 : v;
}

/* --- syscall and task ---------------------------------------------------- */

static __always_inline __u64 kf_arg(struct kf_ctx *ctx, int i)
{
	return kcap_syscall_arg(ctx->regs, i);
}

static __always_inline __u64 kf_arg_ia32(struct kf_ctx *ctx, int i)
{
	return kcap_syscall_arg_ia32(ctx->regs, i);
}

static __always_inline __s64 kf_ret(struct kf_ctx *ctx)
{
	return ctx->ret;
}

static __always_inline __u32 kf_syscall_id(struct kf_ctx *ctx)
{
	return (u32)syscall_get_nr(current, ctx->regs);
}

static __always_inline struct task_struct *kf_task(struct kf_ctx *ctx)
{
	return ctx->task ? ctx->task : current;
}

static __always_inline __s32 kf_task_ppid(struct kf_ctx *ctx)
{
	s32 ppid;

	rcu_read_lock();
	ppid = rcu_dereference(kf_task(ctx)->real_parent)->tgid;
	rcu_read_unlock();
	return ppid;
}

/* Raw ids in the initial namespace, as the modern probe reads them. */
#define KF_CRED_FIELD(field)                                        \
	({                                                          \
		u32 __v;                                            \
		rcu_read_lock();                                    \
		__v = __kuid_val(__task_cred(kf_task(ctx))->field); \
		rcu_read_unlock();                                  \
		__v;                                                \
	})

static __always_inline __u32 kf_task_uid(struct kf_ctx *ctx)
{
	return KF_CRED_FIELD(uid);
}

static __always_inline __u32 kf_task_euid(struct kf_ctx *ctx)
{
	return KF_CRED_FIELD(euid);
}

static __always_inline __u32 kf_task_gid(struct kf_ctx *ctx)
{
	u32 v;

	rcu_read_lock();
	v = __kgid_val(__task_cred(kf_task(ctx))->gid);
	rcu_read_unlock();
	return v;
}

/* Ids in the task's own pid namespace: what the process sees of itself. */
static __always_inline __u32 kf_task_vtid(struct kf_ctx *ctx)
{
	struct task_struct *t = kf_task(ctx);

	return task_pid_nr_ns(t, task_active_pid_ns(t));
}

static __always_inline __u32 kf_task_vpid(struct kf_ctx *ctx)
{
	struct task_struct *t = kf_task(ctx);

	return task_tgid_nr_ns(t, task_active_pid_ns(t));
}

static __always_inline __u64 kf_task_pidns(struct kf_ctx *ctx)
{
	struct pid_namespace *ns = task_active_pid_ns(kf_task(ctx));

	return ns ? ns->ns.inum : 0;
}

static __always_inline __u32 kf_task_exit_code(struct kf_ctx *ctx)
{
	return READ_ONCE(kf_task(ctx)->exit_code);
}

static __always_inline void kf_put_comm(struct kf_ctx *ctx)
{
	u8 *p = kf_reserve(ctx, KCAP_COMM_LEN);
	char comm[TASK_COMM_LEN];

	if (!p)
		return;
	/* a racy read of comm, like get_task_comm() without task_lock: NUL-padded */
	memcpy(comm, current->comm, sizeof(comm));
	comm[sizeof(comm) - 1] = '\0';
	strscpy_pad((char *)p, comm, KCAP_COMM_LEN);
	kf_commit(ctx, KCAP_COMM_LEN);
}

/*
 * The absolute path of a dentry in its mount namespace, walked as the eBPF
 * probes walk it (shared/bpf/task.h: the same bound, the same marks), written
 * right to left at the end of the room and moved to the cursor. Not d_path():
 * it stops at the task's root, which a chroot moves, and the module cannot
 * call the functions that do not (__d_path(), d_absolute_path() are not
 * exported). The caller holds rcu_read_lock(): dentries and mounts are freed
 * after a grace period, and nothing here takes a reference (a dput() might
 * sleep); a concurrent rename can give a stale name, never a bad access.
 * Mounts are crossed through struct kf_mount (kcap_check_mount_layout() has
 * checked it at load; without it, d_path()'s path relative to the root).
 */
static __always_inline void kf_put_kernel_path(struct kf_ctx *ctx, const struct path *path)
{
	u32 room = min_t(u32, kf_avail(ctx), KCAP_MAX_PATH), pos = room, i;
	struct dentry *dentry = path->dentry;
	u8 *dst = ctx->buf + ctx->off;
	struct kf_mount *mnt;
	bool whole = false;

	if (ctx->overflow)
		return;
	if (!dentry || !path->mnt || room < 2) {
		if (room < 2)
			ctx->overflow = true;
		else
			kf_put_fault(ctx);
		return;
	}
	if (!kcap_mount_layout_ok) {
		char *p = d_path(path, (char *)dst, room);

		if (IS_ERR(p)) {
			ctx->overflow = room < KCAP_MAX_PATH;
			if (!ctx->overflow)
				kf_put_fault(ctx);
			return;
		}
		pos = (u32)(p - (char *)dst);
		whole = true;
		goto done;
	}
	mnt = container_of(path->mnt, struct kf_mount, mnt);
	dst[--pos] = '\0';
	for (i = 0; i < KCAP_MAX_PATH_DEPTH; i++) {
		struct dentry *parent = READ_ONCE(dentry->d_parent);
		const unsigned char *name;
		u32 len;

		if (dentry == READ_ONCE(mnt->mnt.mnt_root) || dentry == parent) {
			struct kf_mount *up = READ_ONCE(mnt->mnt_parent);

			if (up == mnt) {
				whole = true; /* the root of the mount namespace */
				break;
			}
			dentry = READ_ONCE(mnt->mnt_mountpoint);
			mnt = up;
			continue;
		}
		name = READ_ONCE(dentry->d_name.name);
		len = READ_ONCE(dentry->d_name.len);
		if (len > 255 || len + 1 > pos)
			break; /* longer than the room: the tail we have */
		pos -= len + 1;
		dst[pos] = '/';
		if (len && copy_from_kernel_nofault(dst + pos + 1, name, len))
			break;
		dentry = parent;
	}
	if (!whole) {
		if (room < KCAP_MAX_PATH) {
			ctx->overflow = true; /* it might fit in a ring with more room */
			return;
		}
		/* cut: the tail, marked so that it never reads as an absolute path */
		pos = pos >= 3 ? pos - 3 : 0;
		memcpy(dst + pos, "...", 3);
		kf_mark_truncated(ctx);
	} else if (pos == room - 1) {
		dst[--pos] = '/'; /* the root itself */
	}
done:
	memmove(dst, dst + pos, room - pos);
	kf_commit(ctx, room - pos);
}

static __always_inline void kf_put_exe_path(struct kf_ctx *ctx)
{
	struct mm_struct *mm = kf_task(ctx)->mm;
	struct file *exe;
	struct path path;

	if (!mm) {
		kf_put_fault(ctx);
		return;
	}
	rcu_read_lock();
	exe = rcu_dereference(mm->exe_file);
	if (exe) {
		path = exe->f_path;
		kf_put_kernel_path(ctx, &path);
	} else {
		kf_put_fault(ctx);
	}
	rcu_read_unlock();
}

/*
 * current's open file at fd. The probes run with preemption disabled, an RCU
 * read-side section: the table and the file stay readable, without a reference.
 */
static __always_inline __u64 kf_fd_file(struct kf_ctx *ctx, __s32 fd)
{
	struct files_struct *files = kf_task(ctx)->files;
	struct fdtable *fdt;

	if (!files || fd < 0)
		return 0;
	fdt = rcu_dereference_raw(files->fdt);
	if ((u32)fd >= fdt->max_fds)
		return 0;
	return (u64)(uintptr_t)rcu_dereference_raw(fdt->fd[fd]);
}

static __always_inline __u64 kf_file_ino(struct kf_ctx *ctx, __u64 file)
{
	return ((struct file *)(uintptr_t)file)->f_inode->i_ino;
}

static __always_inline __u32 kf_file_kdev(struct kf_ctx *ctx, __u64 file)
{
	return ((struct file *)(uintptr_t)file)->f_inode->i_sb->s_dev;
}

/*
 * The local (peer 0) or remote (peer 1) address of the socket behind file,
 * as the kernel holds it, built as a struct sockaddr of its family; empty
 * for another kind of file. A unix peer may be closing on another CPU: its
 * address is read without faulting.
 */
static __always_inline void kf_put_sock_addr(struct kf_ctx *ctx, __u64 file, int peer)
{
	struct file *f = (struct file *)(uintptr_t)file;
	struct socket *sock;
	struct sock *sk;
	u8 *d;
	long n = 0;

	if (ctx->overflow)
		return;
	sock = f && S_ISSOCK(file_inode(f)->i_mode) ? f->private_data : NULL;
	sk = sock ? READ_ONCE(sock->sk) : NULL;
	d = sk ? kf_reserve(ctx, sizeof(struct sockaddr_un)) : NULL;
	if (!d) {
		if (!ctx->overflow)
			kf_put_empty(ctx);
		return;
	}
	switch (sk->sk_family) {
	case AF_INET: {
		struct sockaddr_in in = { .sin_family = AF_INET };

		in.sin_port = peer ? sk->sk_dport : htons(sk->sk_num);
		in.sin_addr.s_addr = peer ? sk->sk_daddr : sk->sk_rcv_saddr;
		memcpy(d, &in, sizeof(in));
		n = sizeof(in);
		break;
	}
#if IS_ENABLED(CONFIG_IPV6)
	case AF_INET6: {
		struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };

		in6.sin6_port = peer ? sk->sk_dport : htons(sk->sk_num);
		in6.sin6_addr = peer ? sk->sk_v6_daddr : sk->sk_v6_rcv_saddr;
		memcpy(d, &in6, sizeof(in6));
		n = sizeof(in6);
		break;
	}
#endif
	case AF_UNIX: {
		struct unix_sock *u = unix_sk(sk);
		struct unix_address *a;
		int len;

		if (peer && (copy_from_kernel_nofault(&sk, &u->peer, sizeof(sk)) || !sk))
			break; /* not connected */
		u = unix_sk(sk);
		if (copy_from_kernel_nofault(&a, &u->addr, sizeof(a))) {
			n = -EFAULT;
			break;
		}
		if (!a) {
			*(u16 *)d = AF_UNIX; /* unnamed */
			n = 2;
			break;
		}
		if (copy_from_kernel_nofault(&len, &a->len, sizeof(len)))
			len = 0;
		if (len < 2 || len > (int)sizeof(struct sockaddr_un))
			len = sizeof(struct sockaddr_un);
		n = copy_from_kernel_nofault(d, a->name, len) ? -EFAULT : len;
		break;
	}
	}
	if (n == 0)
		kf_put_empty(ctx);
	else
		kf_commit(ctx, n);
}

static __always_inline void kf_put_file_path(struct kf_ctx *ctx, __u64 file)
{
	struct path path = ((struct file *)(uintptr_t)file)->f_path;

	kf_put_kernel_path(ctx, &path);
}

static __always_inline void kf_put_cwd(struct kf_ctx *ctx)
{
	struct fs_struct *fs = kf_task(ctx)->fs;
	struct path pwd;

	if (!fs) {
		kf_put_fault(ctx);
		return;
	}
	rcu_read_lock();
	/* racy against a concurrent chdir() of a thread sharing fs: the walk copes */
	pwd.mnt = READ_ONCE(fs->pwd.mnt);
	pwd.dentry = READ_ONCE(fs->pwd.dentry);
	kf_put_kernel_path(ctx, &pwd);
	rcu_read_unlock();
}

static __always_inline void kf_put_root(struct kf_ctx *ctx)
{
	struct fs_struct *fs = kf_task(ctx)->fs;
	struct path root;

	if (!fs) {
		kf_put_fault(ctx);
		return;
	}
	rcu_read_lock();
	root.mnt = READ_ONCE(fs->root.mnt);
	root.dentry = READ_ONCE(fs->root.dentry);
	kf_put_kernel_path(ctx, &root);
	rcu_read_unlock();
}

static __always_inline void kf_put_mm_args(struct kf_ctx *ctx)
{
	struct mm_struct *mm = kf_task(ctx)->mm;
	u64 start, len;

	if (!mm) {
		kf_put_fault(ctx);
		return;
	}
	start = READ_ONCE(mm->arg_start);
	len = READ_ONCE(mm->arg_end) - start;
	if (len > KCAP_MAX_ARGS_LEN) {
		len = KCAP_MAX_ARGS_LEN;
		kf_mark_truncated(ctx);
	}
	if (len == 0) {
		kf_put_fault(ctx); /* as the modern probe: nothing readable */
		return;
	}
	kf_put_user_bytes(ctx, start, len);
}

#endif /* KCAP_KMOD_PUSHES_H */
