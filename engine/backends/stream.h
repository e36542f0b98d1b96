/* SPDX-License-Identifier: (GPL-2.0-only OR MIT) */
/*
 * A stream is one per-CPU ring of wire-format events in timestamp order, read
 * in place. Every backend exposes its rings as streams; the merge (merge.c)
 * interleaves them by timestamp.
 *
 * The reader's cursor is the same for every transport (BPF ring buffer, perf
 * ring, the module's rings): a consumer position that only grows, published
 * to the kernel in batches. The producer's and the consumer's positions live
 * on cache lines the other side writes, so touching them per event would make
 * those lines bounce between CPUs on every event: the producer position is
 * re-read only once the records known to exist are consumed, and the consumer
 * position is published every release_every bytes and whenever the reader
 * goes idle. A transport only parses the record at the cursor (peek).
 */
#ifndef KCAP_STREAM_H
#define KCAP_STREAM_H

#include <stdbool.h>
#include <stdint.h>

#define KCAP_STREAM_RELEASE_MAX (64u << 10) /* consumed bytes before the producer is told */

struct kcap_stream {
	/*
	 * The record at the cursor without consuming it (its bytes and length),
	 * or NULL when there is none yet. Sets next to the position after it.
	 */
	const void *(*peek)(struct kcap_stream *s, uint32_t *len);
	uint32_t cpu;
	uint64_t kernel_bytes; /* kernel memory of this ring: data and control pages */
	uint64_t ring_bytes; /* its data size */
	/* the cursor */
	uint64_t cons; /* our read position */
	uint64_t next; /* the position after the record peek returned */
	uint64_t prod; /* the producer position last read */
	uint64_t published; /* the consumer position last published */
	uint64_t release_every; /* publish after this many consumed bytes */
	uint64_t *consumer_pos; /* shared with the kernel: where cons is published */
	const uint64_t *producer_pos; /* shared with the kernel */
};

/* A cursor at the consumer position the kernel holds, for a ring of ring_bytes. */
static inline void kcap_stream_init(struct kcap_stream *s, uint32_t cpu, uint64_t *consumer_pos,
				    const uint64_t *producer_pos, uint64_t ring_bytes)
{
	s->cpu = cpu;
	s->ring_bytes = ring_bytes;
	s->consumer_pos = consumer_pos;
	s->producer_pos = producer_pos;
	s->cons = __atomic_load_n(consumer_pos, __ATOMIC_ACQUIRE);
	s->published = s->cons;
	s->prod = s->cons;
	s->next = s->cons;
	/* a quarter of a small ring, so the producer never waits on us for long */
	s->release_every =
		ring_bytes / 4 < KCAP_STREAM_RELEASE_MAX ? ring_bytes / 4 : KCAP_STREAM_RELEASE_MAX;
}

/* How full the ring is as the producer sees it, in percent of its size. */
static inline uint32_t kcap_stream_fill_pct(const struct kcap_stream *s)
{
	uint64_t prod = __atomic_load_n(s->producer_pos, __ATOMIC_ACQUIRE);
	uint64_t used = prod > s->published ? prod - s->published : 0;

	if (!s->ring_bytes)
		return 0;
	return used >= s->ring_bytes ? 100 : (uint32_t)(used * 100 / s->ring_bytes);
}

/* Gives the consumed space back to the producer. */
static inline void kcap_stream_publish(struct kcap_stream *s)
{
	if (s->published != s->cons) {
		__atomic_store_n(s->consumer_pos, s->cons, __ATOMIC_RELEASE);
		s->published = s->cons;
	}
}

/*
 * For peek: true when the producer is past the cursor. When the reader has
 * caught up it publishes what it consumed (it is about to idle).
 */
static inline bool kcap_stream_pending(struct kcap_stream *s)
{
	if (s->cons < s->prod)
		return true;
	s->prod = __atomic_load_n(s->producer_pos, __ATOMIC_ACQUIRE);
	if (s->cons < s->prod)
		return true;
	kcap_stream_publish(s);
	return false;
}

/* Releases the record the last peek returned. */
static inline void kcap_stream_consume(struct kcap_stream *s)
{
	s->cons = s->next;
	if (s->cons - s->published >= s->release_every)
		kcap_stream_publish(s);
}

#endif /* KCAP_STREAM_H */
