/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The wire format of one kcap event, shared by every backend and the decoder.
 *
 *   struct kcap_evt_hdr   32 bytes, naturally aligned (no packed 64-bit fields:
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
	/*
	 * Bit i: parameter i did not fit whole, it was cut at a bound (a path
	 * longer than KCAP_MAX_PATH or deeper than the walk goes, argv past
	 * KCAP_MAX_ARGS_LEN or its string bound, iovecs past the loop bound with
	 * bytes to go, a sockaddr over KCAP_MAX_SOCKADDR, a user array over
	 * KCAP_MAX_ARRAY). I/O data kept up to the snaplen is not marked: the
	 * event's result and size say its length.
	 */
	__u32 truncated;
	__u32 flags; /* zero: for event-wide marks */
};

#define KCAP_HDR_SIZE 32
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
/* A user array or structure read whole: 16 struct pollfd, an fd_set of 1024 descriptors. */
#define KCAP_MAX_ARRAY 128u
#define KCAP_COMM_LEN 16u
#define KCAP_DEFAULT_SNAPLEN 80u
/*
 * Loop bounds of the parameter pushes, the same in the module and the modern
 * probe (the legacy probe, without loops, has smaller ones: bpf_legacy/bounds.h).
 */
#define KCAP_MAX_IOVECS 32u /* iovecs gathered */
#define KCAP_MAX_ARGV 64u /* argv strings */
#define KCAP_MAX_PATH_DEPTH 48u /* steps of a path walk (a mount crossing takes one) */

/*
 * Kernel-side counters, one set per CPU: KCAP_KSTAT(name, is_drop). Every
 * event that was started but not delivered is counted in exactly one drop
 * field.
 *   events             delivered to the buffer
 *   drops_buffer_full  the buffer had no room
 *   drops_too_large    over KCAP_MAX_EVENT_SIZE
 *   drops_internal     scratch or ring map missing, no program for a wanted
 *                      syscall: a kcap bug
 *   faults             parameters marked KCAP_PLEN_FAULT (the event was delivered)
 *   compat_skipped     32-bit syscalls not asked for
 *   truncated          events delivered with a parameter cut at a bound
 *   pids_untracked     children of captured processes the pid set had no room
 *                      for: their events are not captured
 * Only appended to, at most 16: the module's control page carries the struct.
 */
#define KCAP_KSTATS(KCAP_KSTAT)          \
	KCAP_KSTAT(events, 0)            \
	KCAP_KSTAT(drops_buffer_full, 1) \
	KCAP_KSTAT(drops_too_large, 1)   \
	KCAP_KSTAT(drops_internal, 1)    \
	KCAP_KSTAT(faults, 0)            \
	KCAP_KSTAT(compat_skipped, 0)    \
	KCAP_KSTAT(truncated, 0)         \
	KCAP_KSTAT(pids_untracked, 0)

#define KCAP_KSTAT_ONE(name, is_drop) +1
enum { KCAP_KSTATS_COUNT = 0 KCAP_KSTATS(KCAP_KSTAT_ONE) };
#undef KCAP_KSTAT_ONE

#define KCAP_KSTAT_FIELD(name, is_drop) __u64 name;
struct kcap_kstats {
	KCAP_KSTATS(KCAP_KSTAT_FIELD)
	__u64 pad[16 - KCAP_KSTATS_COUNT]; /* two cache lines per CPU */
};
#undef KCAP_KSTAT_FIELD

#if !defined(__bpf__)
/* The module reads counters that probes on other CPUs are writing. */
#ifdef __KERNEL__
#define KCAP_KSTAT_LOAD(x) READ_ONCE(x)
#else
#define KCAP_KSTAT_LOAD(x) (x)
#endif

/* sum += one, field by field (per-CPU sets into a total). */
static inline void kcap_kstats_add(struct kcap_kstats *sum, const struct kcap_kstats *one)
{
#define KCAP_KSTAT_ADD(name, is_drop) sum->name += KCAP_KSTAT_LOAD(one->name);
	KCAP_KSTATS(KCAP_KSTAT_ADD)
#undef KCAP_KSTAT_ADD
}

/* Events started but not delivered, every cause. */
static inline __u64 kcap_kstats_drops(const struct kcap_kstats *st)
{
	__u64 n = 0;

#define KCAP_KSTAT_DROPS(name, is_drop) n += (is_drop) ? st->name : 0;
	KCAP_KSTATS(KCAP_KSTAT_DROPS)
#undef KCAP_KSTAT_DROPS
	return n;
}
#endif /* !__bpf__ */

#endif /* KCAP_WIRE_H */
