/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The kernel objects the fillers' stores read (the current task, its mm, fs,
 * credentials, paths), as userspace structs with the kernel's field names, so
 * that shared/bpf/task.h and kmod/pushes.h compile over them unchanged. Only
 * the fields they use.
 */
#ifndef KCAP_MOCK_KERNEL_TYPES_H
#define KCAP_MOCK_KERNEL_TYPES_H

#include <stdint.h>
#include <linux/types.h>

struct qstr {
	const unsigned char *name;
	__u32 len;
};

struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
};

struct vfsmount {
	struct dentry *mnt_root;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

#include "kf_mount.h"

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct fs_struct {
	struct path root, pwd;
};

struct super_block {
	__u32 s_dev; /* the kernel's dev_t: major << 20 | minor */
};

struct inode {
	unsigned long i_ino;
	struct super_block *i_sb;
};

struct file {
	struct path f_path;
	struct inode *f_inode;
};

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
};

struct files_struct {
	struct fdtable *fdt;
};

struct mm_struct {
	struct file *exe_file;
	unsigned long arg_start, arg_end;
};

typedef struct {
	__u32 val;
} kuid_t;

typedef struct {
	__u32 val;
} kgid_t;

struct cred {
	kuid_t uid, euid;
	kgid_t gid;
};

struct task_struct {
	int pid, tgid;
	char comm[16];
	struct task_struct *real_parent;
	const struct cred *cred;
	struct mm_struct *mm;
	struct fs_struct *fs;
	struct files_struct *files;
	int exit_code;
};

/* The user registers a syscall saved (x86_64 struct pt_regs). */
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8, ax, cx, dx, si, di, orig_ax;
};

#ifndef container_of
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))
#endif

#endif /* KCAP_MOCK_KERNEL_TYPES_H */
