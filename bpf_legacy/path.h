/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Absolute paths of kernel struct path objects (exe, cwd) for the legacy probe:
 * walk the dentries up to the task's root, crossing mount points, writing the
 * components right to left into the scratch value's path area, then copy the
 * result into the event. Unrolled: KF_MAX_PATH_DEPTH steps (a mount crossing
 * takes one), at most KCAP_MAX_PATH bytes; a deeper path keeps its last
 * components. Like d_path(), relative to the task's root.
 */
#ifndef KCAP_LEGACY_PATH_H
#define KCAP_LEGACY_PATH_H

#define KF_MAX_PATH_DEPTH 16

static __always_inline void kf_push_kernel_path(struct kf_ctx *ctx, struct dentry *dentry,
						struct vfsmount *vfsmnt)
{
	struct task_struct *task = kf_task(ctx);
	struct fs_struct *fs = KF_RD(task, fs);
	struct dentry *root_dentry = KF_RD(fs, root.dentry);
	struct vfsmount *root_mnt = KF_RD(fs, root.mnt);
	struct kf_mount *mnt = container_of(vfsmnt, struct kf_mount, mnt);
	struct kf_state *st = &ctx->s->st;
	__u8 *w = ctx->s->path;
	__u32 pos;
	long n;

	if (!dentry) {
		kf_push_fault(ctx);
		return;
	}
	w[KF_PATH_HALF] = 0;
	st->pos = KF_PATH_HALF; /* in the map: an unknown scalar, so states prune */
#pragma unroll
	for (int i = 0; i < KF_MAX_PATH_DEPTH; i++) {
		struct dentry *parent;
		const unsigned char *name;
		__u32 len;

		if (dentry == root_dentry && vfsmnt == root_mnt)
			break;
		parent = KF_RD(dentry, d_parent);
		if (dentry == KF_RD(vfsmnt, mnt_root) || dentry == parent) {
			struct kf_mount *mnt_parent = KF_RD(mnt, mnt_parent);

			if (mnt == mnt_parent)
				break; /* the global root */
			dentry = KF_RD(mnt, mnt_mountpoint);
			mnt = mnt_parent;
			vfsmnt = &mnt->mnt;
			continue;
		}
		name = KF_RD(dentry, d_name.name);
		len = KF_RD(dentry, d_name.len);
		pos = st->pos;
		if (pos > KF_PATH_HALF || len > 255 || len + 1 > pos)
			break; /* longer than KCAP_MAX_PATH: keep the tail we have */
		pos -= len + 1;
		w[pos & KF_PATH_MASK] = '/';
		if (len && bpf_probe_read(&w[(pos + 1) & KF_PATH_MASK], kf_size(len, 255), name))
			break;
		st->pos = pos;
		dentry = parent;
	}
	pos = st->pos;
	if (pos >= KF_PATH_HALF) {
		pos = KF_PATH_HALF - 1;
		w[pos] = '/';
	}
	n = KF_PATH_HALF + 1 - pos; /* with the NUL */
	if (bpf_probe_read(kf_data(ctx), kf_size(n, 2 * KF_PATH_HALF - 1),
			   &w[pos & KF_PATH_MASK])) {
		kf_push_fault(ctx);
		return;
	}
	ctx->off += n;
	kf_set_len(ctx, n);
}

static __always_inline void kf_push_exe_path(struct kf_ctx *ctx)
{
	struct mm_struct *mm;
	struct file *exe;

	if (kf_skip(ctx))
		return;
	mm = KF_RD(kf_task(ctx), mm);
	exe = mm ? KF_RD(mm, exe_file) : NULL;
	if (!exe) {
		kf_push_fault(ctx);
		return;
	}
	kf_push_kernel_path(ctx, KF_RD(exe, f_path.dentry), KF_RD(exe, f_path.mnt));
}

static __always_inline void kf_push_cwd(struct kf_ctx *ctx)
{
	struct fs_struct *fs;

	if (kf_skip(ctx))
		return;
	fs = KF_RD(kf_task(ctx), fs);
	kf_push_kernel_path(ctx, KF_RD(fs, pwd.dentry), KF_RD(fs, pwd.mnt));
}

#endif /* KCAP_LEGACY_PATH_H */
