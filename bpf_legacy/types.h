/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel types for the legacy probe, compiled against ONE kernel: either its
 * kbuild headers (KCAP_LEGACY_KBUILD, set by build.sh's kbuild rule) or a vmlinux.h made
 * from its BTF. No CO-RE: BPF_NO_PRESERVE_ACCESS_INDEX keeps vmlinux.h from
 * asking for relocations, so the object needs no kernel BTF at load time.
 */
#ifndef KCAP_LEGACY_TYPES_H
#define KCAP_LEGACY_TYPES_H

#ifdef KCAP_LEGACY_KBUILD
#include <linux/version.h>
#include <linux/types.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/mm_types.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/pid_namespace.h>
#include <linux/fdtable.h>
#ifndef KBUILD_MODNAME /* the network headers' messages name the module */
#define KBUILD_MODNAME "kcap_legacy"
#endif
#include <net/sock.h>
#include <net/af_unix.h>
#include <linux/dcache.h>
#include <linux/mount.h>
#include <linux/uio.h>
#if defined(KCAP_URING_TP_LAYOUT) && KCAP_URING_TP_LAYOUT <= 2
#include <linux/io_uring_types.h> /* struct io_kiocb */
#endif
#include <asm/ptrace.h>
#include <uapi/linux/bpf.h>
#else
#define BPF_NO_PRESERVE_ACCESS_INDEX
#include "vmlinux.h"
#endif

#include <bpf/bpf_helpers.h>

#ifndef THREAD_SIZE
#define THREAD_SIZE (4096ul << 2) /* x86_64 without KASAN */
#endif

#include "kf_mount.h"

#ifndef KCAP_LEGACY_KBUILD
_Static_assert(__builtin_offsetof(struct mount, mnt_parent) ==
		       __builtin_offsetof(struct kf_mount, mnt_parent),
	       "struct mount layout changed");
_Static_assert(__builtin_offsetof(struct mount, mnt_mountpoint) ==
		       __builtin_offsetof(struct kf_mount, mnt_mountpoint),
	       "struct mount layout changed");
_Static_assert(__builtin_offsetof(struct mount, mnt) == __builtin_offsetof(struct kf_mount, mnt),
	       "struct mount layout changed");
#endif

#ifndef container_of
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))
#endif

/* One kernel value through bpf_probe_read: 4.14 cannot dereference kernel pointers. */
#define KF_RD(ptr, field)                                                 \
	({                                                                \
		typeof((ptr)->field) __v;                                 \
		__builtin_memset((void *)&__v, 0, sizeof(__v));           \
		bpf_probe_read((void *)&__v, sizeof(__v), &(ptr)->field); \
		__v;                                                      \
	})

/* The task's own struct pid (task->pids[] before 4.19). */
#if defined(KCAP_LEGACY_KBUILD) && LINUX_VERSION_CODE < KERNEL_VERSION(4, 19, 0)
#define KF_TASK_PID(task) KF_RD(task, pids[PIDTYPE_PID].pid)
#else
#define KF_TASK_PID(task) KF_RD(task, thread_pid)
#endif

#endif /* KCAP_LEGACY_TYPES_H */
