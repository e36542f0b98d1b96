// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
#include <assert.h>
#include "mock_fillers.h"
#include "fillers/all.h"

/* Every event of the table has a filler, or this does not compile. */
static const mock_filler_fn fillers[KCAP_EV__COUNT] = {
#define P(name, type, fmt, table)
#define KCAP_EVENT(id, name, hook, sc, params) [KCAP_EV_##id] = mock_fill_##id,
#include "events.def"
#undef KCAP_EVENT
#undef P
};

static uint32_t last_faults;

uint32_t mock_run_filler(int ev, struct mock_world *w, uint8_t *buf)
{
	struct kf_ctx ctx = { .w = w, .buf = buf };
	struct kcap_evt_hdr hdr = { .ts = 1000, .tid = 42, .pid = 41 };

	assert(ev >= 0 && ev < KCAP_EV__COUNT);
	ctx.type = (uint16_t)ev;
	ctx.off = KCAP_HDR_SIZE + 2 * 16; /* room for any nparams; moved below */
	fillers[ev](&ctx);
	/* Params were written after a 16-entry length area: close the gap. */
	hdr.nparams = (uint16_t)ctx.idx;
	memmove(buf + KCAP_HDR_SIZE + 2 * ctx.idx, buf + KCAP_HDR_SIZE + 2 * 16,
		ctx.off - (KCAP_HDR_SIZE + 2 * 16));
	ctx.off -= 2 * (16 - ctx.idx);
	hdr.len = ctx.off;
	hdr.type = (uint16_t)ev;
	memcpy(buf, &hdr, sizeof(hdr));
	last_faults = ctx.faults;
	return ctx.off;
}

uint32_t mock_last_faults(void)
{
	return last_faults;
}

void mock_map(struct mock_world *w, uint64_t addr, const void *data, size_t len)
{
	assert(w->nmem < MOCK_MAX_REGIONS);
	w->mem[w->nmem].addr = addr;
	w->mem[w->nmem].data = data;
	w->mem[w->nmem].len = len;
	w->nmem++;
}
