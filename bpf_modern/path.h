/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Absolute paths of kernel struct path objects (exe, cwd) for the modern probe:
 * walk the dentries up to the task's root, crossing mount points, writing the
 * components right to left into a per-CPU area, then copy the result into the
 * event. Bounded: KF_MAX_PATH_DEPTH components, KCAP_MAX_PATH bytes. Like
 * d_path(), the result is relative to the task's root (chroot, containers).
 */
#ifndef KCAP_MODERN_PATH_H
#define KCAP_MODERN_PATH_H

#define KF_MAX_PATH_DEPTH 48

static __always_inline void kf_push_kernel_path(struct kf_ctx *ctx, const struct path *path)
{
	struct task_struct *task = kf_task(ctx);
	struct dentry *root_dentry = task->fs->root.dentry;
	struct vfsmount *root_mnt = task->fs->root.mnt;
	struct dentry *dentry = path->dentry;
	struct vfsmount *vfsmnt = path->mnt;
	struct mount *mnt = container_of(vfsmnt, struct mount, mnt);
	struct kf_path_tmp *w = kf_work();
	__u32 pos;
	long n;

	if (!w || !dentry) {
		kf_push_fault(ctx);
		return;
	}
	w->data[KF_PATH_HALF] = 0;
	w->pos = KF_PATH_HALF; /* in the map: see struct kf_path_tmp */
	for (int i = 0; i < KF_MAX_PATH_DEPTH; i++) {
		struct dentry *parent;
		const unsigned char *name;
		__u32 len;

		if (dentry == root_dentry && vfsmnt == root_mnt)
			break;
		parent = BPF_CORE_READ(dentry, d_parent);
		if (dentry == BPF_CORE_READ(vfsmnt, mnt_root) || dentry == parent) {
			struct mount *mnt_parent = BPF_CORE_READ(mnt, mnt_parent);

			if (mnt == mnt_parent)
				break; /* the global root */
			dentry = BPF_CORE_READ(mnt, mnt_mountpoint);
			mnt = mnt_parent;
			vfsmnt = &mnt->mnt;
			continue;
		}
		name = BPF_CORE_READ(dentry, d_name.name);
		len = BPF_CORE_READ(dentry, d_name.len);
		pos = w->pos;
		if (pos > KF_PATH_HALF || len > 255 || len + 1 > pos)
			break; /* longer than KCAP_MAX_PATH: keep the tail we have */
		pos -= len + 1;
		w->data[pos & KF_PATH_MASK] = '/';
		if (bpf_probe_read_kernel(&w->data[(pos + 1) & KF_PATH_MASK], len & 255, name))
			break;
		w->pos = pos;
		dentry = parent;
	}
	pos = w->pos;
	if (pos >= KF_PATH_HALF) {
		pos = KF_PATH_HALF - 1;
		w->data[pos] = '/';
	}
	n = KF_PATH_HALF + 1 - pos; /* with the NUL */
	if (bpf_probe_read_kernel(kf_data(ctx), n & (2 * KF_PATH_HALF - 1),
				  &w->data[pos & KF_PATH_MASK])) {
		kf_push_fault(ctx);
		return;
	}
	ctx->off += n;
	kf_set_len(ctx, n);
}

static __always_inline void kf_push_exe_path(struct kf_ctx *ctx)
{
	struct mm_struct *mm = kf_task(ctx)->mm;
	struct file *exe = mm ? mm->exe_file : NULL;

	if (!exe) {
		kf_push_fault(ctx);
		return;
	}
	kf_push_kernel_path(ctx, &exe->f_path);
}

static __always_inline void kf_push_cwd(struct kf_ctx *ctx)
{
	kf_push_kernel_path(ctx, &kf_task(ctx)->fs->pwd);
}

#endif /* KCAP_MODERN_PATH_H */
