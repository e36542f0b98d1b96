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
#include "ringbuf_stream.h"

#define RB_HDR_SIZE 8 /* struct { u32 len; u32 pg_off; } before each record */

_Static_assert(sizeof(unsigned long) == sizeof(uint64_t), "ring positions are 64-bit");

struct ringbuf_stream {
	struct kcap_stream s;
	const uint8_t *data;
	unsigned long mask;
	size_t page_size;
	size_t data_size;
};

static const void *rb_peek(struct kcap_stream *s, uint32_t *len)
{
	struct ringbuf_stream *rb = (struct ringbuf_stream *)s;

	while (kcap_stream_pending(s)) {
		const uint8_t *rec = rb->data + (s->cons & rb->mask);
		uint32_t hdr = __atomic_load_n((const uint32_t *)rec, __ATOMIC_ACQUIRE);

		if (hdr & BPF_RINGBUF_BUSY_BIT)
			return NULL; /* reserved, not yet submitted */
		s->next = s->cons + ((RB_HDR_SIZE + (hdr & ~BPF_RINGBUF_DISCARD_BIT) + 7) & ~7ul);
		if (hdr & BPF_RINGBUF_DISCARD_BIT) {
			s->cons = s->next;
			continue;
		}
		*len = hdr;
		return rec + RB_HDR_SIZE;
	}
	return NULL;
}

struct kcap_stream *kcap_ringbuf_stream_open(int map_fd, uint32_t cpu, char *err, size_t errlen)
{
	struct bpf_map_info info;
	uint32_t info_len = sizeof(info);
	struct ringbuf_stream *rb;
	void *consumer, *producer;

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
	consumer = mmap(NULL, rb->page_size, PROT_READ | PROT_WRITE, MAP_SHARED, map_fd, 0);
	if (consumer == MAP_FAILED)
		goto fail;
	producer = mmap(NULL, rb->page_size + 2 * rb->data_size, PROT_READ, MAP_SHARED, map_fd,
			(off_t)rb->page_size);
	if (producer == MAP_FAILED) {
		munmap(consumer, rb->page_size);
		goto fail;
	}
	rb->data = (const uint8_t *)producer + rb->page_size;
	kcap_stream_init(&rb->s, cpu, consumer, producer, rb->data_size);
	rb->s.peek = rb_peek;
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
	kcap_stream_publish(s);
	munmap((void *)s->producer_pos, rb->page_size + 2 * rb->data_size);
	munmap(s->consumer_pos, rb->page_size);
	free(rb);
}
