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
#include <netinet/in.h>

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
	unsigned short i_mode;
	unsigned long i_ino;
	struct super_block *i_sb;
};

struct file {
	struct path f_path;
	struct inode *f_inode;
	void *private_data; /* a socket's struct socket */
};

/* The socket fields the probes read (network byte order but skc_num). */

struct sock_common {
	__u32 skc_daddr, skc_rcv_saddr;
	__u16 skc_dport, skc_num;
	unsigned short skc_family;
	struct in6_addr skc_v6_daddr, skc_v6_rcv_saddr;
};

struct sock {
	struct sock_common __sk_common;
};

struct socket {
	struct sock *sk;
};

struct kf_sockaddr_un {
	unsigned short sun_family;
	char sun_path[108];
};

struct unix_address {
	int len;
	struct kf_sockaddr_un name[];
};

struct unix_sock {
	struct sock sk;
	struct unix_address *addr;
	struct sock *peer;
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

struct ns_common {
	unsigned int inum;
};

struct pid_namespace {
	struct ns_common ns;
};

struct upid {
	int nr;
	struct pid_namespace *ns;
};

/* A task's numbers, one per pid namespace level (the kernel's is sized by level). */
struct pid {
	unsigned int level;
	struct upid numbers[2];
};

struct task_struct {
	int pid, tgid;
	char comm[16];
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	struct pid *thread_pid;
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
