// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Zero-copy reader of one BPF ring buffer (BPF_MAP_TYPE_RINGBUF), from its
 * mmap layout: a read-write consumer page, then a read-only producer page
 * followed by the data pages mapped twice, so a record that wraps is still
 * contiguous. libbpf's ring_buffer API cannot peek without consuming, which
 * the timestamp merge needs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include "stream.h"

#define RB_HDR_SIZE 8 /* struct { u32 len; u32 pg_off; } before each record */
#define RB_RELEASE_MAX (64u << 10) /* consumed bytes before the producer is told */

struct ringbuf_stream {
	struct kcap_stream s;
	unsigned long *consumer_pos;
	const unsigned long *producer_pos;
	const uint8_t *data;
	unsigned long mask;
	unsigned long cons; /* our read position, published in batches */
	unsigned long next; /* position after the peeked record */
	unsigned long prod; /* the producer position last read */
	unsigned long published; /* the consumer position last published */
	unsigned long release_every; /* publish after this many consumed bytes */
	size_t page_size;
	size_t data_size;
};

/*
 * The producer's and the consumer's positions live on cache lines the other
 * side writes: reading or writing them per event makes the lines bounce
 * between CPUs on every event. So the producer position is re-read only once
 * the records known to exist are consumed, and the consumer position is
 * published in batches of bytes (and whenever the reader goes idle).
 */
static void rb_flush(struct kcap_stream *s)
{
	struct ringbuf_stream *rb = (struct ringbuf_stream *)s;

	if (rb->published != rb->cons) {
		__atomic_store_n(rb->consumer_pos, rb->cons, __ATOMIC_RELEASE);
		rb->published = rb->cons;
	}
}

static const void *rb_peek(struct kcap_stream *s, uint32_t *len)
{
	struct ringbuf_stream *rb = (struct ringbuf_stream *)s;

	for (;;) {
		const uint8_t *rec;
		uint32_t hdr;

		if (rb->cons >= rb->prod) {
			rb->prod = __atomic_load_n(rb->producer_pos, __ATOMIC_ACQUIRE);
			if (rb->cons >= rb->prod) {
				rb_flush(s);
				return NULL;
			}
		}
		rec = rb->data + (rb->cons & rb->mask);
		hdr = __atomic_load_n((const uint32_t *)rec, __ATOMIC_ACQUIRE);
		if (hdr & BPF_RINGBUF_BUSY_BIT)
			return NULL; /* reserved, not yet submitted */
		rb->next = rb->cons + ((RB_HDR_SIZE + (hdr & ~BPF_RINGBUF_DISCARD_BIT) + 7) & ~7ul);
		if (hdr & BPF_RINGBUF_DISCARD_BIT) {
			rb->cons = rb->next;
			continue;
		}
		*len = hdr;
		return rec + RB_HDR_SIZE;
	}
}

static void rb_consume(struct kcap_stream *s)
{
	struct ringbuf_stream *rb = (struct ringbuf_stream *)s;

	rb->cons = rb->next;
	if (rb->cons - rb->published >= rb->release_every)
		rb_flush(s);
}

struct kcap_stream *kcap_ringbuf_stream_open(int map_fd, uint32_t cpu, char *err, size_t errlen)
{
	struct bpf_map_info info;
	uint32_t info_len = sizeof(info);
	struct ringbuf_stream *rb;
	void *p;

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(map_fd, &info, &info_len) < 0) {
		snprintf(err, errlen, "cannot query ring buffer of CPU %u: %s", cpu,
			 strerror(errno));
		return NULL;
	}
	rb = calloc(1, sizeof(*rb));
	if (!rb) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	rb->page_size = (size_t)sysconf(_SC_PAGESIZE);
	rb->data_size = info.max_entries;
	rb->mask = info.max_entries - 1;
	p = mmap(NULL, rb->page_size, PROT_READ | PROT_WRITE, MAP_SHARED, map_fd, 0);
	if (p == MAP_FAILED)
		goto fail;
	rb->consumer_pos = p;
	p = mmap(NULL, rb->page_size + 2 * rb->data_size, PROT_READ, MAP_SHARED, map_fd,
		 (off_t)rb->page_size);
	if (p == MAP_FAILED) {
		munmap(rb->consumer_pos, rb->page_size);
		goto fail;
	}
	rb->producer_pos = p;
	rb->data = (const uint8_t *)p + rb->page_size;
	rb->cons = __atomic_load_n(rb->consumer_pos, __ATOMIC_ACQUIRE);
	rb->published = rb->cons;
	rb->prod = rb->cons;
	/* A quarter of a small ring, so the producer never waits on us for long. */
	rb->release_every = rb->data_size / 4 < RB_RELEASE_MAX ? rb->data_size / 4 : RB_RELEASE_MAX;
	rb->s.peek = rb_peek;
	rb->s.consume = rb_consume;
	rb->s.flush = rb_flush;
	rb->s.cpu = cpu;
	/* the kernel's header page, then the consumer and producer pages */
	rb->s.kernel_bytes = rb->data_size + 3 * rb->page_size;
	return &rb->s;
fail:
	snprintf(err, errlen, "cannot map ring buffer of CPU %u (%zu bytes): %s", cpu,
		 rb->data_size, strerror(errno));
	free(rb);
	return NULL;
}

void kcap_ringbuf_stream_close(struct kcap_stream *s)
{
	struct ringbuf_stream *rb = (struct ringbuf_stream *)s;

	if (!rb)
		return;
	rb_flush(s);
	munmap((void *)rb->producer_pos, rb->page_size + 2 * rb->data_size);
	munmap(rb->consumer_pos, rb->page_size);
	free(rb);
}
