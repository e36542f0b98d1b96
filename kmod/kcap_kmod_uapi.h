/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The interface between the kcap kernel module and userspace (engine/backends/kmod/).
 *
 * One character device, /dev/kcap (root only, one open file at a time). The
 * file owns the per-CPU ring buffers: they are allocated by KCAP_IOC_ALLOC and
 * freed when the last reference to the file (open descriptor or mapping) goes.
 *
 * mmap layout, per possible CPU c (see KCAP_KMOD_MMAP_CTL/DATA):
 *   offset (c << KCAP_KMOD_MMAP_CPU_SHIFT)              one page, read-write:
 *                                                      struct kcap_ring_ctl
 *   offset (c << KCAP_KMOD_MMAP_CPU_SHIFT) + page size  2 * size bytes, read-only:
 *                                                      the data pages mapped twice
 *                                                      back to back, so an event
 *                                                      that wraps reads contiguously
 *
 * Ring protocol: the kernel writes events at head (mod size) and then publishes
 * head with a release store; the reader reads events in [tail, head), then
 * publishes tail with a release store (in batches: no syscall per event). Each
 * event is a kcap wire-format event (shared/kcap_wire.h) padded to 8 bytes;
 * hdr.len excludes the padding. head and tail only grow. The kernel never trusts
 * tail: a tail outside [head - size, head] makes every event a buffer-full drop.
 */
#ifndef KCAP_KMOD_UAPI_H
#define KCAP_KMOD_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include "kcap_kconfig.h" /* struct kcap_kconfig, the wire format */

/* Bumped on any incompatible change of this file; checked by KCAP_IOC_API_VERSION. */
#define KCAP_KMOD_API_VERSION 4u /* 4: io_uring, info.features */

#define KCAP_KMOD_DEVICE "kcap"
#define KCAP_KMOD_DEVICE_PATH "/dev/kcap"

#define KCAP_KMOD_MMAP_CPU_SHIFT 32
#define KCAP_KMOD_MMAP_CTL(cpu) ((__u64)(cpu) << KCAP_KMOD_MMAP_CPU_SHIFT)
#define KCAP_KMOD_MMAP_DATA(cpu, page_size) (KCAP_KMOD_MMAP_CTL(cpu) + (page_size))

/* Buffer sizes: a power of two per CPU. */
#define KCAP_KMOD_MIN_BUFFER 4096ull
#define KCAP_KMOD_MAX_BUFFER (1ull << 30)

/* The control page of one CPU's ring. Counters are written by the kernel only. */
struct kcap_ring_ctl {
	__u64 head; /* producer position: written by the kernel */
	__u8 pad0[56];
	__u64 tail; /* consumer position: written by the reader */
	__u8 pad1[56];
	__u64 size; /* data bytes, a power of two */
	__u32 cpu;
	__u32 pad2;
	__u8 pad3[48];
	struct kcap_kstats stats; /* this CPU's counters */
};

struct kcap_kmod_info {
	__u32 api_version;
	__u32 ncpus; /* possible CPUs: rings exist for 0..ncpus-1 */
	__u32 page_size;
	__u32 max_syscalls; /* KCAP_MAX_SYSCALLS */
	__u64 max_buffer;
	__u64 buffer_size; /* 0 until KCAP_IOC_ALLOC */
	__u32 features; /* KCAP_KMOD_FEATURE_* */
	__u32 pad;
};

/* io_uring submissions can be captured (the kernel has the tracepoint the module was built for). */
#define KCAP_KMOD_FEATURE_IO_URING 1u

#define KCAP_IOC_MAGIC 0xc9
/* Always usable: the module's API version (__u32). */
#define KCAP_IOC_API_VERSION _IOR(KCAP_IOC_MAGIC, 0, __u32)
#define KCAP_IOC_GET_INFO _IOR(KCAP_IOC_MAGIC, 1, struct kcap_kmod_info)
/*
 * Allocate the per-CPU rings, once per open file (__u64 bytes per CPU); ENOMEM
 * when they would take more than a quarter of the machine's memory.
 */
#define KCAP_IOC_ALLOC _IOW(KCAP_IOC_MAGIC, 2, __u64)
/*
 * The following need a stopped capture (EBUSY otherwise). SET_CONFIG: what to
 * capture (EINVAL for a snaplen outside 1..KCAP_MAX_PARAM_LEN, unknown want
 * bits, an enter bit on a syscall without an enter event, flags other than 0
 * or 1, non-zero padding); settings.self_tgid is ignored: the module never
 * captures the thread group that opened the device.
 */
#define KCAP_IOC_SET_CONFIG _IOW(KCAP_IOC_MAGIC, 3, struct kcap_kconfig)
/*
 * To the pid set, also while running (the existing descendants of -p): a pid
 * of the caller's pid namespace (ESRCH when no such process is there).
 */
#define KCAP_IOC_ADD_PID _IOW(KCAP_IOC_MAGIC, 5, __s32)
#define KCAP_IOC_CLEAR_PIDS _IO(KCAP_IOC_MAGIC, 6)
#define KCAP_IOC_START _IO(KCAP_IOC_MAGIC, 7) /* needs KCAP_IOC_ALLOC */
#define KCAP_IOC_STOP _IO(KCAP_IOC_MAGIC, 8)
/* Counters summed over CPUs. */
#define KCAP_IOC_GET_STATS _IOR(KCAP_IOC_MAGIC, 9, struct kcap_kstats)

/*
 * The threads of the caller's pid namespace (a reader outside the initial one
 * names them by its own numbers; events carry global ids): up to max entries
 * of struct kcap_ns_thread at threads, and count, the number of threads there
 * (above max: ask again with a bigger buffer). max at most
 * KCAP_KMOD_NS_THREADS_MAX (EINVAL otherwise). Any time, also while running.
 */
struct kcap_ns_threads_req {
	__u64 threads; /* user address of struct kcap_ns_thread[max] */
	__u32 max;
	__u32 count; /* written by the module */
};

#define KCAP_KMOD_NS_THREADS_MAX (1u << 20)
#define KCAP_IOC_NS_THREADS _IOWR(KCAP_IOC_MAGIC, 10, struct kcap_ns_threads_req)

#endif /* KCAP_KMOD_UAPI_H */
