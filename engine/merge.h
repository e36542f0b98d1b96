/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/* Timestamp-ordered reading across a backend's per-CPU streams (merge.c). */
#ifndef KCAP_MERGE_H
#define KCAP_MERGE_H

#include <stdint.h>
#include "decode/decode.h"
#include "backends/stream.h"

struct kcap_merge {
	struct kcap_stream **streams;
	unsigned int n;
	struct kcap_merge_head {
		const void *rec;
		uint32_t len;
		uint64_t ts;
		/* when the stream was last looked at: the head loaded, or found empty */
		uint64_t seen;
		uint32_t param_off[KCAP_MAX_PARAMS]; /* from its validation */
	} * heads;
	uint64_t looks; /* counts the looks, for seen */
	int last; /* stream of the event handed out last, to consume on the next call */
	uint64_t bad_events;
};

int kcap_merge_init(struct kcap_merge *m, struct kcap_stream **streams, unsigned int n);
/* The oldest available valid event, decoded into *ev (all but ts, comm); NULL when none. */
const void *kcap_merge_next(struct kcap_merge *m, struct kcap_event *ev);
void kcap_merge_flush(struct kcap_merge *m);
void kcap_merge_free(struct kcap_merge *m);

#endif /* KCAP_MERGE_H */
