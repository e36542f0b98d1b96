/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal declarations of the kcap kernel module. */
#ifndef KCAP_KMOD_H
#define KCAP_KMOD_H

#include <linux/mutex.h>
#include <linux/types.h>
#include "kcap_events.h"
#include "kcap_pids.h"
#include "kcap_kmod_uapi.h"

/* One CPU's ring buffer. Written only by probes running on that CPU. */
struct kcap_ring {
	struct kcap_ring_ctl *ctl; /* shared with the reader: head is published here */
	struct page *ctl_page;
	struct page **pages; /* 2 * npages entries: the data pages, twice */
	u8 *data; /* vmap of pages: 2 * size contiguous bytes */
	u64 head; /* the kernel's own producer position; ctl->head is a copy */
	u64 size;
	unsigned int npages;
	unsigned int busy; /* a probe is writing: a nested one would drop */
};

/*
 * A capture session: one per open file of /dev/kcap. The configuration is only
 * changed while the capture is stopped (probes see running == false and return
 * at once), so probes read it without locks; the pid set changes at run time
 * and needs neither a lock nor an allocation in the probes (kcap_pids.h).
 */
struct kcap_session {
	struct mutex lock; /* serializes ioctls, mmap and release */
	struct kcap_ring *rings; /* nr_cpu_ids entries, NULL until KCAP_IOC_ALLOC */
	u64 size;
	struct kcap_kconfig cfg; /* the engine's, as SET_CONFIG gave it */
	bool started; /* under lock: START succeeded, no STOP since */
	bool running; /* read by the probes */
	pid_t self_tgid; /* the reader, never captured */
	struct kcap_pids pids;
	unsigned int registered; /* KCAP_TP_* bits of the probes registered */
};

/* kcap_probe.c */
int kcap_probes_init(void);
int kcap_check_config(const struct kcap_kconfig *cfg);
u32 kcap_probes_features(void);
int kcap_probes_start(struct kcap_session *s);
void kcap_probes_stop(struct kcap_session *s);
void kcap_probes_release(struct kcap_session *s);

#endif /* KCAP_KMOD_H */
