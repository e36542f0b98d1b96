// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Interleaves per-CPU streams by timestamp: hand out the oldest head. Each
 * stream is ordered; across CPUs the order is as good as the heads visible now.
 * Malformed events are skipped and counted, never handed out.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "merge.h"

int kcap_merge_init(struct kcap_merge *m, struct kcap_stream **streams, unsigned int n)
{
	memset(m, 0, sizeof(*m));
	m->heads = calloc(n ? n : 1, sizeof(*m->heads));
	if (!m->heads)
		return -ENOMEM;
	m->streams = streams;
	m->n = n;
	m->last = -1;
	return 0;
}

void kcap_merge_free(struct kcap_merge *m)
{
	free(m->heads);
	m->heads = NULL;
}

/* Loads the head of stream i if it has none, skipping malformed events. */
static void load_head(struct kcap_merge *m, unsigned int i)
{
	struct kcap_merge_head *h = &m->heads[i];
	struct kcap_stream *s = m->streams[i];

	while (!h->rec) {
		const void *rec = s->peek(s, &h->len);

		if (!rec)
			return;
		if (kcap_event_decode(rec, h->len, h->param_off) == 0) {
			h->rec = rec;
			h->ts = ((const struct kcap_evt_hdr *)rec)->ts;
			return;
		}
		m->bad_events++;
		kcap_stream_consume(s);
	}
}

const void *kcap_merge_next(struct kcap_merge *m, struct kcap_event *ev)
{
	struct kcap_merge_head *h;
	int best = -1;

	if (m->last >= 0) {
		kcap_stream_consume(m->streams[m->last]);
		m->heads[m->last].rec = NULL;
		m->last = -1;
	}
	for (unsigned int i = 0; i < m->n; i++) {
		load_head(m, i);
		if (m->heads[i].rec && (best < 0 || m->heads[i].ts < m->heads[best].ts))
			best = (int)i;
	}
	if (best < 0)
		return NULL;
	m->last = best;
	h = &m->heads[best];
	kcap_event_from_record(ev, h->rec, h->len, h->param_off);
	ev->cpu = m->streams[best]->cpu;
	return h->rec;
}

void kcap_merge_flush(struct kcap_merge *m)
{
	for (unsigned int i = 0; i < m->n; i++)
		kcap_stream_publish(m->streams[i]);
}
