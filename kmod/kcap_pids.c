// SPDX-License-Identifier: GPL-2.0-only
/* The lock-free, preallocated pid set of a session (kcap_pids.h). */
#include <linux/atomic.h>
#include <linux/hash.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "kcap_pids.h"

#define KCAP_PIDS_EMPTY 0u
#define KCAP_PIDS_GONE 0xffffffffu /* never a pid: they are below PID_MAX_LIMIT */

static u32 *slot(const struct kcap_pids *p, u32 pid, unsigned int i)
{
	return &p->slots[(hash_32(pid, 16) + i) & (KCAP_PIDS_SLOTS - 1)];
}

int kcap_pids_init(struct kcap_pids *p)
{
	p->slots = kvcalloc(KCAP_PIDS_SLOTS, sizeof(*p->slots), GFP_KERNEL);
	return p->slots ? 0 : -ENOMEM;
}

void kcap_pids_free(struct kcap_pids *p)
{
	kvfree(p->slots);
	p->slots = NULL;
}

bool kcap_pids_has(const struct kcap_pids *p, u32 pid)
{
	unsigned int i;

	for (i = 0; i < KCAP_PIDS_PROBES; i++) {
		u32 v = READ_ONCE(*slot(p, pid, i));

		if (v == pid)
			return true;
		if (v == KCAP_PIDS_EMPTY)
			return false;
	}
	return false;
}

int kcap_pids_add(struct kcap_pids *p, u32 pid)
{
	unsigned int i;

	if (kcap_pids_has(p, pid))
		return 0;
	for (i = 0; i < KCAP_PIDS_PROBES; i++) {
		u32 *s = slot(p, pid, i);
		u32 v = READ_ONCE(*s);

		/* a free slot, taken atomically: another CPU may be adding too */
		if ((v == KCAP_PIDS_EMPTY || v == KCAP_PIDS_GONE) && cmpxchg(s, v, pid) == v)
			return 0;
		if (v == pid)
			return 0;
	}
	return -ENOSPC;
}

void kcap_pids_del(struct kcap_pids *p, u32 pid)
{
	unsigned int i;

	/* every copy: two CPUs adding the same pid at once may both have taken a slot */
	for (i = 0; i < KCAP_PIDS_PROBES; i++) {
		u32 *s = slot(p, pid, i);
		u32 v = READ_ONCE(*s);

		if (v == KCAP_PIDS_EMPTY)
			return;
		if (v == pid)
			cmpxchg(s, pid, KCAP_PIDS_GONE);
	}
}

void kcap_pids_clear(struct kcap_pids *p)
{
	memset(p->slots, 0, KCAP_PIDS_SLOTS * sizeof(*p->slots));
}
