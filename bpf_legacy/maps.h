/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Maps of the legacy probe. Only 4.14 map types (ARRAY, PERCPU_ARRAY, HASH,
 * PROG_ARRAY, PERF_EVENT_ARRAY) and no global data: configuration lives in an
 * array map that the loader writes before attaching.
 */
#ifndef KCAP_LEGACY_MAPS_H
#define KCAP_LEGACY_MAPS_H

#include "bpf/kf_bpf.h"

/*
 * The event is built at KF_EVT_OFF in data[] so that, sent from KF_EVT_OFF - 4,
 * it lands 8-byte aligned in the perf ring after perf's u32 size field. A
 * parameter starts below KF_DATA_HALF and is at most KF_DATA_HALF long: masking
 * offsets with KF_OFF_MASK keeps every write inside the value for the verifier.
 */
#define KF_DATA_HALF 65536
#define KF_OFF_MASK (KF_DATA_HALF - 1)
#define KF_EVT_OFF 8
/*
 * Largest event a perf sample carries: the record (8-byte header, u32 size,
 * 4 alignment bytes, event, padding) must stay below 64 KiB (u16 size).
 */
#define KF_MAX_SAMPLE 65512u

/* What a dispatcher saw, for the tail-called filler (which is ctx-agnostic). */
struct kf_state {
	__u64 args[6];
	__s64 ret;
	__u32 nr;
	/* carried from a filler to its continuation program */
	__u32 off;
	__u32 idx;
	__u32 faults;
};

struct kf_scratch {
	struct kf_state st;
	struct kf_work work;
	__u8 data[KF_EVT_OFF + 2 * KF_DATA_HALF];
};

#include "bpf/maps.h"

/* One perf buffer per CPU; the reader polls, the kernel never wakes it per sample. */
struct {
	__uint(type, BPF_MAP_TYPE_PERF_EVENT_ARRAY);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u32));
} events SEC(".maps");

/* The capture's settings (no global data before 5.2): written by the loader. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kcap_ksettings);
} settings SEC(".maps");

/* KCAP_WANT_* bits by syscall number. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, KCAP_MAX_SYSCALLS);
	__type(key, __u32);
	__type(value, __u8);
} want SEC(".maps");

#endif /* KCAP_LEGACY_MAPS_H */
