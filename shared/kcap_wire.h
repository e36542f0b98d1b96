/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The wire format of one kcap event, shared by every backend and the decoder.
 *
 *   struct kcap_evt_hdr   24 bytes, naturally aligned (no packed 64-bit fields:
 *                         BPF would store them byte by byte)
 *   __u16 plen[nparams]   length of each parameter's bytes, or KCAP_PLEN_FAULT
 *   parameter bytes       back to back, in table order, unaligned
 *
 * Integers are little-endian host order. Transports pad each event to 8 bytes
 * so the next header stays aligned; hdr.len excludes that padding.
 */
#ifndef KCAP_WIRE_H
#define KCAP_WIRE_H

#if defined(__KERNEL__)
#include <linux/types.h>
#elif !defined(__bpf__)
#include <linux/types.h>
#endif /* BPF programs get the __u64 family from vmlinux.h or the kernel headers. */

struct kcap_evt_hdr {
	__u64 ts; /* CLOCK_MONOTONIC nanoseconds; the engine converts to epoch */
	__u32 tid;
	__u32 pid; /* thread group id */
	__u32 len; /* header + plen[] + data, without transport padding */
	__u16 type; /* enum kcap_event_type */
	__u16 nparams;
};

#define KCAP_HDR_SIZE 24
/* A parameter whose user memory could not be read: no bytes follow. */
#define KCAP_PLEN_FAULT 0xffffu
/* Largest parameter payload: the largest snaplen. */
#define KCAP_MAX_PARAM_LEN 65000u
/* Largest event any backend emits; larger ones are dropped and counted. */
#define KCAP_MAX_EVENT_SIZE 65536u

/* Bounds on what fillers copy from user memory. */
#define KCAP_MAX_PATH 4096u
#define KCAP_MAX_ARGS_LEN 4096u /* argv or envp, NUL-separated */
#define KCAP_MAX_SOCKADDR 128u /* sizeof(struct sockaddr_storage) */
#define KCAP_COMM_LEN 16u
#define KCAP_DEFAULT_SNAPLEN 80u

/*
 * Kernel-side counters, one set per CPU. Every event that was started but not
 * delivered is counted in exactly one drop field.
 */
struct kcap_kstats {
	__u64 events; /* delivered to the buffer */
	__u64 drops_buffer_full;
	__u64 drops_too_large; /* over KCAP_MAX_EVENT_SIZE */
	__u64 drops_internal; /* scratch or ring map missing: a kcap bug */
	__u64 faults; /* parameters marked KCAP_PLEN_FAULT (the event was delivered) */
	__u64 compat_skipped; /* 32-bit compat syscalls, not decoded */
	__u64 pad[2]; /* one cache line per CPU */
};

#endif /* KCAP_WIRE_H */
