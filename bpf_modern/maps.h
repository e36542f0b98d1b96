/* SPDX-License-Identifier: GPL-2.0-only */
/* Maps and load-time configuration of the modern probe. */
#ifndef KCAP_MODERN_MAPS_H
#define KCAP_MODERN_MAPS_H

/*
 * Scratch area per CPU for variable-size events. A parameter starts below
 * KF_SCRATCH_HALF and is at most KF_SCRATCH_HALF long, so masking offsets with
 * KF_OFF_MASK keeps every write inside the value for the verifier. It is a plain
 * array indexed by CPU: per-CPU array values are capped at 32 KiB.
 */
#define KF_SCRATCH_HALF 65536
#define KF_OFF_MASK (KF_SCRATCH_HALF - 1)
#define KF_MAX_PARAMS 16 /* power of two, above every event's nparams */

/* Path building area: components are written right to left in the first half. */
#define KF_PATH_HALF 4096
#define KF_PATH_MASK (KF_PATH_HALF - 1)

struct kf_scratch {
	__u8 data[2 * KF_SCRATCH_HALF];
};

/*
 * Per-CPU work area. Loop accumulators live here, not on the stack: a value
 * loaded from a map is an unknown scalar to the verifier, so every iteration
 * reaches the loop head in the same state and is pruned, instead of one state
 * per possible running total.
 */
struct kf_path_tmp {
	__u8 data[2 * KF_PATH_HALF];
	__u32 total;
	__u32 pos;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1); /* set to the number of possible CPUs at load */
	__type(key, __u32);
	__type(value, struct kf_scratch);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kf_path_tmp);
} path_tmp SEC(".maps");

/* One ring buffer per CPU: no cross-CPU contention, a cheap ordered stream each. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1); /* set to the number of possible CPUs at load */
	__type(key, __u32);
	__array(
		values, struct {
			__uint(type, BPF_MAP_TYPE_RINGBUF);
			__uint(max_entries, 4096);
		});
} ringbufs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kcap_kstats);
} stats SEC(".maps");

/* Exit fillers by syscall number; the loader points unselected-but-wanted calls at GENERIC_X. */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, KCAP_MAX_SYSCALLS);
	__type(key, __u32);
	__type(value, __u32);
} exit_fillers SEC(".maps");

/* Thread group ids being captured when pid filtering is on; children join at fork. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u8);
} pids SEC(".maps");

/* Set by the loader before load: the verifier prunes what they disable. */
const volatile __u32 kcap_snaplen = KCAP_DEFAULT_SNAPLEN;
const volatile __u8 kcap_filter_pids;
const volatile __u32 kcap_self_tgid; /* the reader never captures itself */

/* Writable at run time through the skeleton. */
__u8 kcap_interesting[KCAP_MAX_SYSCALLS];
__u8 kcap_capture_procexit;

#endif /* KCAP_MODERN_MAPS_H */
