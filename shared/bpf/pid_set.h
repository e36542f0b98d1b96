/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pid filter's set of thread groups (map "pids"), as both eBPF probes grow
 * it: a captured process's children join it. Each probe provides kf_stats().
 */
#ifndef KCAP_BPF_PID_SET_H
#define KCAP_BPF_PID_SET_H

/* child joins the set when ptgid is in it; a full set is counted, never silent. */
static __always_inline void kf_track_fork(__u32 ptgid, __u32 child)
{
	struct kcap_kstats *st;
	__u8 one = 1;

	if (ptgid == child || !bpf_map_lookup_elem(&pids, &ptgid) ||
	    !bpf_map_update_elem(&pids, &child, &one, BPF_ANY))
		return;
	st = kf_stats();
	if (st)
		st->pids_untracked++;
}

#endif /* KCAP_BPF_PID_SET_H */
