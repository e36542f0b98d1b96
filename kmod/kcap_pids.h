/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A session's pid set: thread group ids in an open-addressing hash of one
 * array allocated with the session, so that the probes look up, add and
 * remove without a lock or an allocation (tracepoint context, PREEMPT_RT
 * kernels included). A slot holds a pid, KCAP_PIDS_EMPTY, or KCAP_PIDS_GONE
 * (a removed pid: lookups go past it, additions reuse it). Every walk is at
 * most KCAP_PIDS_PROBES slots: a set too full to take a pid there says so.
 */
#ifndef KCAP_PIDS_H
#define KCAP_PIDS_H

#include <linux/types.h>

#define KCAP_PIDS_SLOTS 65536 /* a power of two; as the eBPF probes' pid map */
#define KCAP_PIDS_PROBES 64

struct kcap_pids {
	u32 *slots;
};

int kcap_pids_init(struct kcap_pids *p);
void kcap_pids_free(struct kcap_pids *p);
bool kcap_pids_has(const struct kcap_pids *p, u32 pid);
/* 0, or -ENOSPC when no slot is free near the pid's. */
int kcap_pids_add(struct kcap_pids *p, u32 pid);
void kcap_pids_del(struct kcap_pids *p, u32 pid);
/* Only while no probe runs. */
void kcap_pids_clear(struct kcap_pids *p);

#endif /* KCAP_PIDS_H */
