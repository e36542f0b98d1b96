/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * The shared fillers run over each backend's real parameter stores in a fake
 * kernel (mock/): the modern probe's and the legacy probe's (shared/bpf/, with
 * each probe's bounds) and the module's (kmod/pushes.h).
 */
#ifndef KCAP_MOCK_FILLERS_H
#define KCAP_MOCK_FILLERS_H

#include <stdint.h>
#include "kcap_events.h"
#include "mock/world.h"

#define MOCK_BUF_SIZE (2 * KCAP_MAX_EVENT_SIZE) /* the eBPF probes' scratch areas */

enum mock_impl { MOCK_MODERN, MOCK_LEGACY, MOCK_KMOD, MOCK__COUNT };

struct mock_result {
	uint32_t len; /* the delivered event's length; 0: dropped (too large, no room) */
	uint32_t faults; /* parameters marked unreadable */
	uint32_t truncated; /* bit i: parameter i was cut at a bound */
	const char *param_error; /* a push whose type is not the table's, or NULL */
};

struct mock_result mock_run_modern(int ev, struct mock_world *w, uint8_t *buf);
struct mock_result mock_run_legacy(int ev, struct mock_world *w, uint8_t *buf);
struct mock_result mock_run_kmod(int ev, struct mock_world *w, uint8_t *buf);

static inline struct mock_result mock_run(enum mock_impl impl, int ev, struct mock_world *w,
					  uint8_t *buf)
{
	return impl == MOCK_MODERN ? mock_run_modern(ev, w, buf) :
	       impl == MOCK_LEGACY ? mock_run_legacy(ev, w, buf) :
				     mock_run_kmod(ev, w, buf);
}

static inline const char *mock_impl_name(enum mock_impl impl)
{
	return impl == MOCK_MODERN ? "modern" : impl == MOCK_LEGACY ? "legacy" : "kmod";
}

#endif /* KCAP_MOCK_FILLERS_H */
