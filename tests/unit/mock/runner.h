/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * One backend's fillers over the fake kernel: included by each mock_<impl>.c
 * after its API (bpf_api.h or kernel_api.h); defines KCAP_FILLER, the shared
 * fillers, and MOCK_RUNNER(ev, world, buf), which runs one and writes the
 * event with its header.
 */
#ifndef KCAP_MOCK_RUNNER_H
#define KCAP_MOCK_RUNNER_H

#include "../mock_fillers.h"
#include "kcap_event_table.h"

typedef void (*mock_fill_fn)(struct kf_ctx *ctx);

#define KCAP_FILLER(ID, HOOK)       \
	KCAP_ASSERT_HOOK(ID, HOOK); \
	static void mock_fill_##ID(struct kf_ctx *ctx)

#include "fillers/all.h"

/* Every event of the table has a filler, or this does not compile. */
static const mock_fill_fn mock_fillers[KCAP_EV__COUNT] = {
#define P(name, type, fmt, table)
#define KCAP_EVENT(id, name, hook, sc, params) [KCAP_EV_##id] = mock_fill_##id,
#include "events.def"
#undef KCAP_EVENT
#undef P
};

struct mock_result MOCK_RUNNER(int ev, struct mock_world *w, uint8_t *buf) {
	static struct mock_kernel kernel;
	struct kcap_evt_hdr hdr = { .ts = 1000, .tid = 42, .pid = 41 };
	struct mock_result r = { 0 };
	int nmem = w->nmem;
	struct kf_ctx ctx;

	mock_kernel_build(&kernel, w);
	mock_begin(&ctx, buf, (uint16_t)ev, kcap_event_table[ev].nparams);
	mock_fillers[ev](&ctx);
	r.len = mock_end(&ctx);
	r.faults = ctx.faults;
	r.truncated = ((struct kcap_evt_hdr *)buf)->truncated;
	r.param_error = mock_param_error();
	w->nmem = nmem; /* the mappings mock_kernel_build() added */
	if (r.len) {
		hdr.len = r.len;
		hdr.type = (uint16_t)ev;
		hdr.nparams = kcap_event_table[ev].nparams;
		hdr.truncated = ((struct kcap_evt_hdr *)buf)->truncated;
		memcpy(buf, &hdr, sizeof(hdr));
	}
	return r;
}

#endif /* KCAP_MOCK_RUNNER_H */
