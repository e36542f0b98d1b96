// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Interleaves per-CPU streams by timestamp: hand out the oldest head. Each
 * stream is ordered. Across CPUs, an event that happened before another in
 * the traced programs' order (an exit before the parent's wait returns, a
 * thread's syscalls before and after it migrates) is handed out first: see
 * kcap_merge_next(). Concurrent events on different CPUs come in timestamp
 * order as far as they are visible. Malformed events are skipped and
 * counted, never handed out.
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

	if (h->rec)
		return;
	h->seen = ++m->looks;
	for (;;) {
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

/*
 * The oldest head may have been loaded after another stream was found empty,
 * and that stream may hold an event that happened before it but was not
 * committed yet when looked at: a thread's exit on CPU 1 seen empty, then its
 * parent's next syscall on CPU 0. Once a head is loaded, every event
 * committed before it is visible (the producers publish with release, the
 * reader reads with acquire), so looking again at the streams found empty
 * before it finds them. A head found so is looked at the same way, a few
 * rounds at most.
 */
static int settle(struct kcap_merge *m, int best)
{
	for (unsigned int round = 0; best >= 0 && round <= m->n; round++) {
		uint64_t since = m->heads[best].seen;
		int older = best;

		for (unsigned int i = 0; i < m->n; i++) {
			struct kcap_merge_head *h = &m->heads[i];

			if (h->rec || h->seen > since)
				continue;
			load_head(m, i);
			if (h->rec && h->ts < m->heads[older].ts)
				older = (int)i;
		}
		if (older == best)
			break;
		best = older;
	}
	return best;
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
	best = settle(m, best);
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
