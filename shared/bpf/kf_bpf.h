/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the two eBPF probes (bpf_modern/, bpf_legacy/) share below the filler
 * API: types and bounds helpers. Their parameter pushes (pushes.h) and what
 * they read of the task, its paths included (task.h), are written once too, over a few primitives each probe
 * defines its own way (pushes.h lists them).
 */
#ifndef KCAP_BPF_KF_BPF_H
#define KCAP_BPF_KF_BPF_H

/* Path building area: components are written right to left in the first half. */
#define KF_PATH_HALF 4096
#define KF_PATH_MASK (KF_PATH_HALF - 1)

/*
 * Per-CPU work area of a filler, in a map. Loop accumulators live here, not
 * on the stack: a value loaded from a map is an unknown scalar to the
 * verifier, so every iteration reaches the loop head in the same state and is
 * pruned, instead of one state per possible running total.
 */
struct kf_work {
	__u32 total;
	__u32 pos;
	__u8 path[2 * KF_PATH_HALF];
};

#include "kcap_kconfig.h"

#define KF_TS_COMPAT 0x0002 /* thread_info.status: a 32-bit syscall is running */

/* Raw layout of a syscalls:sys_enter_<name> tracepoint record (enter fillers). */
struct kf_sys_enter_record {
	__u64 common;
	__s32 nr;
	__u32 pad;
	__u64 args[6]; /* only the syscall's own are in the record */
};

/* Hides a value's known range from clang, so a mask below is kept for the verifier. */
#define KF_OPAQUE(x) asm volatile("" : "+r"(x))

/* x in [1, mask + 1] for the verifier; x itself when 1 <= x <= mask + 1. */
static __always_inline __u32 kf_size(__u64 x, __u32 mask)
{
	__u32 v = (__u32)x - 1;

	KF_OPAQUE(v);
	return (v & mask) + 1;
}

/* Stamps an event's header: the current thread, now, and what the filler built. */
static __always_inline void kf_write_header(struct kcap_evt_hdr *hdr, __u16 type, __u16 nparams,
					    __u32 len)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();

	hdr->ts = bpf_ktime_get_ns();
	hdr->tid = (__u32)pid_tgid;
	hdr->pid = pid_tgid >> 32;
	hdr->len = len;
	hdr->type = type;
	hdr->nparams = nparams;
	hdr->flags = 0; /* truncated: the stores set it */
}

#endif /* KCAP_BPF_KF_BPF_H */
