/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct mount is private to fs/mount.h, which kbuild headers do not ship: the
 * legacy probe built from headers and the module walk mounts through this copy
 * of its first members, whose layout has held from 3.x to 7.x. Checked at
 * compile time against the real struct where the kernel's types are known
 * (bpf_legacy/types.h from BTF), and at load time by the module
 * (kcap_check_mount_layout()). Include after the kernel's struct hlist_node,
 * dentry and vfsmount.
 */
#ifndef KCAP_KF_MOUNT_H
#define KCAP_KF_MOUNT_H

struct kf_mount {
	struct hlist_node mnt_hash;
	struct kf_mount *mnt_parent; /* itself for the root of a mount namespace */
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
};

#endif /* KCAP_KF_MOUNT_H */
