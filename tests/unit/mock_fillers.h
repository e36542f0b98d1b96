/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* The shared fillers compiled over the userspace mock backend (mock_filler_impl.h). */
#ifndef KCAP_MOCK_FILLERS_H
#define KCAP_MOCK_FILLERS_H

#include "kcap_events.h"
#include "mock_filler_impl.h"

#define MOCK_BUF_SIZE (2 * KCAP_MAX_EVENT_SIZE)

/* Runs event ev's filler in world w; buf receives the wire event. Returns its length. */
uint32_t mock_run_filler(int ev, struct mock_world *w, uint8_t *buf);
/* Faults the last run counted. */
uint32_t mock_last_faults(void);
/* A fake user mapping for w. */
void mock_map(struct mock_world *w, uint64_t addr, const void *data, size_t len);

#endif /* KCAP_MOCK_FILLERS_H */
