/* SPDX-License-Identifier: GPL-2.0-only */
/* Maps and load-time configuration of the modern probe. */
#ifndef KCAP_MODERN_MAPS_H
#define KCAP_MODERN_MAPS_H

#include "bpf/kf_bpf.h"

/*
 * A CPU's scratch area, for variable-size events. A parameter starts below
 * KF_SCRATCH_HALF and is at most KF_SCRATCH_HALF long, so masking offsets with
 * KF_OFF_MASK keeps every write inside the value for the verifier.
 */
#define KF_SCRATCH_HALF 65536
#define KF_OFF_MASK (KF_SCRATCH_HALF - 1)

struct kf_scratch {
	__u8 data[2 * KF_SCRATCH_HALF];
};

#include "bpf/maps.h"

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kf_work);
} work SEC(".maps");

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

/*
 * The engine's kernel configuration, set by the loader before load: the
 * verifier prunes what the settings disable.
 */
const volatile struct kcap_ksettings kcap_settings = { .snaplen = KCAP_DEFAULT_SNAPLEN };
const volatile __u8 kcap_want[KCAP_MAX_SYSCALLS]; /* KCAP_WANT_* bits by syscall number */

#endif /* KCAP_MODERN_MAPS_H */
