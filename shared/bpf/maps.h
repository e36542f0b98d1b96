/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Maps both eBPF probes define alike (4.14 map types, BTF-style definitions).
 * The includer defines struct kf_scratch, a CPU's area for building an event.
 */
#ifndef KCAP_BPF_MAPS_H
#define KCAP_BPF_MAPS_H

/*
 * Where each CPU builds its events, indexed by CPU (sized to the possible CPUs
 * at load): a plain array, as per-CPU array values are capped at 32 KiB.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kf_scratch);
} scratch SEC(".maps");

/* Per-CPU kernel counters (struct kcap_kstats): the engine sums them. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kcap_kstats);
} stats SEC(".maps");

/* Exit fillers by syscall number; the loader points wanted calls without one at GENERIC_X. */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, KCAP_MAX_SYSCALLS);
	__type(key, __u32);
	__type(value, __u32);
} exit_fillers SEC(".maps");

/*
 * Programs by event id that a hook tail-calls for an event rather than for a
 * syscall number: COMPAT_X's filler (a 32-bit syscall's number is not the
 * table's), and the legacy probe's PROCEXIT filler and second halves of split
 * events.
 */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, KCAP_EV__COUNT);
	__type(key, __u32);
	__type(value, __u32);
} event_progs SEC(".maps");

/* Thread group ids being captured when pid filtering is on; children join at fork. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u8);
} pids SEC(".maps");

#endif /* KCAP_BPF_MAPS_H */
