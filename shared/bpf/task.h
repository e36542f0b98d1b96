/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Parameters read from the current task, once for both eBPF probes and the
 * unit tests' mock: its argument area, and the absolute paths of its exe, cwd
 * and root. For paths, walk the dentries up to the root of the task's mount
 * namespace, crossing mount points, writing the components right to left into
 * the work area, then copy the result into the event. Not to the task's root,
 * as d_path() does: a chroot must not make a path look like another one (the
 * task's root is a parameter of its own). Bounded: KF_MAX_PATH_DEPTH steps (a
 * mount crossing takes one, the last finds the root), at most KCAP_MAX_PATH
 * bytes; a deeper or longer path keeps its last components after "..." and is
 * marked truncated. Besides pushes.h's primitives, the includer defines
 * KF_RD(ptr, field) (one kernel value, 0 when unreadable), KF_READ_KERNEL,
 * KF_MOUNT (struct mount or a layout-checked copy), KF_MAX_PATH_DEPTH,
 * KF_TASK_PID(task) (the task's struct pid) and kf_task(ctx).
 */
#ifndef KCAP_BPF_TASK_H
#define KCAP_BPF_TASK_H

#define KF_MAX_PIDNS_LEVEL 32 /* the kernel's MAX_PID_NS_LEVEL: nesting depth of pid namespaces */

static __always_inline void kf_put_kernel_path(struct kf_ctx *ctx, struct dentry *dentry,
					       struct vfsmount *vfsmnt)
{
	KF_MOUNT *mnt = container_of(vfsmnt, KF_MOUNT, mnt);
	struct kf_work *w = kf_work(ctx);
	__u32 pos;
	long n;

	if (!w || !dentry) {
		kf_put_fault(ctx);
		return;
	}
	w->path[KF_PATH_HALF] = 0;
	w->pos = KF_PATH_HALF; /* in the map: an unknown scalar, so states prune */
	w->total = 0; /* 1: the walk reached the root */
	KF_LOOP
	for (__u32 i = 0; i < KF_MAX_PATH_DEPTH; i++) {
		struct dentry *parent;
		const unsigned char *name;
		__u32 len;

		parent = KF_RD(dentry, d_parent);
		if (dentry == KF_RD(vfsmnt, mnt_root) || dentry == parent) {
			KF_MOUNT *mnt_parent = KF_RD(mnt, mnt_parent);

			if (mnt == mnt_parent) {
				w->total = 1; /* the root of the mount namespace */
				break;
			}
			dentry = KF_RD(mnt, mnt_mountpoint);
			mnt = mnt_parent;
			vfsmnt = &mnt->mnt;
			continue;
		}
		name = KF_RD(dentry, d_name.name);
		len = KF_RD(dentry, d_name.len);
		pos = w->pos;
		if (pos > KF_PATH_HALF || len > 255 || len + 1 > pos)
			break; /* longer than KCAP_MAX_PATH: the tail we have */
		pos -= len + 1;
		w->path[pos & KF_PATH_MASK] = '/';
		if (len &&
		    KF_READ_KERNEL(&w->path[(pos + 1) & KF_PATH_MASK], kf_size(len, 255), name))
			break;
		w->pos = pos;
		dentry = parent;
	}
	pos = w->pos;
	if (!w->total) {
		/* cut: the tail, marked so that it never reads as an absolute path */
		if (pos >= 3)
			pos -= 3;
		w->path[pos & KF_PATH_MASK] = '.';
		w->path[(pos + 1) & KF_PATH_MASK] = '.';
		w->path[(pos + 2) & KF_PATH_MASK] = '.';
		kf_mark_truncated(ctx);
	} else if (pos >= KF_PATH_HALF) {
		pos = KF_PATH_HALF - 1;
		w->path[pos] = '/';
	}
	n = KF_PATH_HALF + 1 - pos; /* with the NUL */
	if (KF_READ_KERNEL(kf_data(ctx), kf_size(n, 2 * KF_PATH_HALF - 1),
			   &w->path[pos & KF_PATH_MASK])) {
		kf_put_fault(ctx);
		return;
	}
	ctx->off += n;
	kf_set_len(ctx, n);
}

static __always_inline void kf_put_exe_path(struct kf_ctx *ctx)
{
	struct mm_struct *mm;
	struct file *exe;

	if (kf_skip(ctx))
		return;
	mm = KF_RD(kf_task(ctx), mm);
	exe = mm ? KF_RD(mm, exe_file) : NULL;
	if (!exe) {
		kf_put_fault(ctx);
		return;
	}
	kf_put_kernel_path(ctx, KF_RD(exe, f_path.dentry), KF_RD(exe, f_path.mnt));
}

static __always_inline void kf_put_cwd(struct kf_ctx *ctx)
{
	struct fs_struct *fs;

	if (kf_skip(ctx))
		return;
	fs = KF_RD(kf_task(ctx), fs);
	kf_put_kernel_path(ctx, KF_RD(fs, pwd.dentry), KF_RD(fs, pwd.mnt));
}

/* The task's root directory: not "/" under chroot. */
static __always_inline void kf_put_root(struct kf_ctx *ctx)
{
	struct fs_struct *fs;

	if (kf_skip(ctx))
		return;
	fs = KF_RD(kf_task(ctx), fs);
	kf_put_kernel_path(ctx, KF_RD(fs, root.dentry), KF_RD(fs, root.mnt));
}

/*
 * A pid's number in its own pid namespace, the deepest it has one in
 * (numbers[level]), and that namespace's inode; 0 when unreadable.
 */
static __always_inline __u32 kf_pid_own_nr(struct pid *pid, __u64 *ns_ino)
{
	struct upid up = {};
	__u32 level;

	if (!pid)
		return 0;
	level = KF_RD(pid, level);
	if (level > KF_MAX_PIDNS_LEVEL ||
	    KF_READ_KERNEL(&up, sizeof(up), (char *)&pid->numbers[0] + level * sizeof(up)))
		return 0;
	if (ns_ino)
		*ns_ino = up.ns ? KF_RD(up.ns, ns.inum) : 0;
	return (__u32)up.nr;
}

static __always_inline __u32 kf_task_vtid(struct kf_ctx *ctx)
{
	return kf_pid_own_nr(KF_TASK_PID(kf_task(ctx)), NULL);
}

static __always_inline __u32 kf_task_vpid(struct kf_ctx *ctx)
{
	struct task_struct *leader = KF_RD(kf_task(ctx), group_leader);

	return leader ? kf_pid_own_nr(KF_TASK_PID(leader), NULL) : 0;
}

static __always_inline __u64 kf_task_pidns(struct kf_ctx *ctx)
{
	__u64 ino = 0;

	kf_pid_own_nr(KF_TASK_PID(kf_task(ctx)), &ino);
	return ino;
}

/* current's open file at fd: its fd table entry, bounded by the table's size. */
static __always_inline __u64 kf_fd_file(struct kf_ctx *ctx, __s32 fd)
{
	struct files_struct *files = KF_RD(kf_task(ctx), files);
	struct fdtable *fdt = files ? KF_RD(files, fdt) : NULL;
	struct file **fds;
	struct file *file = NULL;

	if (!fdt || fd < 0 || (__u32)fd >= KF_RD(fdt, max_fds))
		return 0;
	fds = KF_RD(fdt, fd);
	if (!fds || KF_READ_KERNEL(&file, sizeof(file), &fds[fd]))
		return 0;
	return (__u64)(unsigned long)file;
}

static __always_inline __u64 kf_file_ino(struct kf_ctx *ctx, __u64 file)
{
	struct inode *inode = KF_RD((struct file *)(unsigned long)file, f_inode);

	return inode ? KF_RD(inode, i_ino) : 0;
}

static __always_inline __u32 kf_file_kdev(struct kf_ctx *ctx, __u64 file)
{
	struct inode *inode = KF_RD((struct file *)(unsigned long)file, f_inode);
	struct super_block *sb = inode ? KF_RD(inode, i_sb) : NULL;

	return sb ? KF_RD(sb, s_dev) : 0;
}

static __always_inline void kf_put_file_path(struct kf_ctx *ctx, __u64 file)
{
	struct file *f = (struct file *)(unsigned long)file;

	if (kf_skip(ctx))
		return;
	kf_put_kernel_path(ctx, KF_RD(f, f_path.dentry), KF_RD(f, f_path.mnt));
}

static __always_inline void kf_put_mm_args(struct kf_ctx *ctx)
{
	struct mm_struct *mm;
	__u64 start, len;

	if (kf_skip(ctx))
		return;
	mm = KF_RD(kf_task(ctx), mm);
	if (!mm) {
		kf_put_fault(ctx);
		return;
	}
	start = KF_RD(mm, arg_start);
	len = KF_RD(mm, arg_end) - start;
	if (len > KCAP_MAX_ARGS_LEN) {
		len = KCAP_MAX_ARGS_LEN;
		kf_mark_truncated(ctx);
	}
	kf_commit(ctx, kf_copy_user(kf_data(ctx), len, start));
}

#endif /* KCAP_BPF_TASK_H */
