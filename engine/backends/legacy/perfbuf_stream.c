// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Zero-copy reader of one perf ring (a PERF_COUNT_SW_BPF_OUTPUT event on one
 * CPU), for the legacy backend's BPF_MAP_TYPE_PERF_EVENT_ARRAY. Records are
 * read in place; only one that wraps the ring end is copied to a bounce buffer.
 * The kernel never wakes the reader per sample (watermark at half the ring;
 * nobody sleeps on the fd anyway): the reader polls, like the other streams.
 *
 * PERF_RECORD_SAMPLE with PERF_SAMPLE_RAW: header, u32 size, then the probe's
 * data, which starts with 4 alignment bytes so the event is 8-byte aligned.
 * PERF_RECORD_LOST: samples the kernel could not write, counted as drops.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/perf_event.h>
#include "kcap_wire.h"
#include "perfbuf_stream.h"

#define PB_EVT_OFF 16 /* perf header 8, raw size 4, alignment 4 */
#define PB_MAX_RECORD 65536 /* perf_event_header.size is a u16 */

struct perfbuf_stream {
	struct kcap_stream s;
	struct perf_event_mmap_page *meta;
	const uint8_t *data;
	uint64_t size; /* data area, a power of two */
	uint64_t lost;
	uint8_t *bounce; /* one wrapped record, 8-byte aligned */
	size_t map_len;
	int fd;
};

/* The record at the cursor, contiguous: in place, or copied when it wraps. */
static const uint8_t *pb_record(struct perfbuf_stream *pb, uint32_t size)
{
	uint64_t off = pb->s.cons & (pb->size - 1);
	uint64_t first = pb->size - off;

	if (size <= first)
		return pb->data + off;
	memcpy(pb->bounce, pb->data + off, first);
	memcpy(pb->bounce + first, pb->data, size - first);
	return pb->bounce;
}

static const void *pb_peek(struct kcap_stream *s, uint32_t *len)
{
	struct perfbuf_stream *pb = (struct perfbuf_stream *)s;

	while (kcap_stream_pending(s)) {
		/* Headers are 8-byte aligned in a power-of-two ring: never split. */
		const struct perf_event_header *h =
			(const void *)(pb->data + (s->cons & (pb->size - 1)));
		const uint8_t *rec;
		uint32_t raw, evlen;

		if (h->size < sizeof(*h) || h->size > s->prod - s->cons) {
			s->cons = s->prod; /* corrupt ring: skip what is there */
			continue;
		}
		rec = pb_record(pb, h->size);
		s->next = s->cons + h->size;
		if (h->type == PERF_RECORD_LOST && h->size >= sizeof(*h) + 16) {
			uint64_t n;

			memcpy(&n, rec + sizeof(*h) + 8, sizeof(n)); /* {u64 id; u64 lost;} */
			pb->lost += n;
		}
		if (h->type != PERF_RECORD_SAMPLE || h->size < PB_EVT_OFF + KCAP_HDR_SIZE) {
			s->cons = s->next;
			continue;
		}
		memcpy(&raw, rec + sizeof(*h), sizeof(raw));
		if (raw > h->size - sizeof(*h) - 4u)
			raw = h->size - sizeof(*h) - 4u; /* >= 4 + KCAP_HDR_SIZE: checked above */
		if (raw < 4 + KCAP_HDR_SIZE)
			raw = 4 + KCAP_HDR_SIZE; /* a short event: validation rejects it */
		/* raw includes perf's padding: the event says its own length */
		evlen = ((const struct kcap_evt_hdr *)(rec + PB_EVT_OFF))->len;
		*len = evlen <= raw - 4 ? evlen : raw - 4;
		return rec + PB_EVT_OFF;
	}
	return NULL;
}

struct kcap_stream *kcap_perfbuf_stream_open(uint32_t cpu, unsigned long bytes, int *fd_out,
					     char *err, size_t errlen)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	struct perf_event_attr attr;
	struct perfbuf_stream *pb;
	void *p;

	if (bytes < page || (bytes & (bytes - 1))) {
		snprintf(err, errlen, "buffer size %lu is not a power of two of at least %zu",
			 bytes, page);
		errno = EINVAL;
		return NULL;
	}
	pb = calloc(1, sizeof(*pb));
	if (pb)
		pb->bounce = aligned_alloc(8, PB_MAX_RECORD);
	if (!pb || !pb->bounce) {
		free(pb);
		snprintf(err, errlen, "out of memory");
		errno = ENOMEM;
		return NULL;
	}
	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = PERF_TYPE_SOFTWARE;
	attr.config = PERF_COUNT_SW_BPF_OUTPUT;
	attr.sample_type = PERF_SAMPLE_RAW;
	attr.sample_period = 1;
	attr.watermark = 1; /* wake only past half the ring, never per sample */
	attr.wakeup_watermark = (__u32)(bytes / 2);
	pb->fd = (int)syscall(__NR_perf_event_open, &attr, -1, (int)cpu, -1, PERF_FLAG_FD_CLOEXEC);
	if (pb->fd < 0) {
		int e = errno;

		snprintf(err, errlen, "cannot open the perf buffer of CPU %u: %s", cpu,
			 strerror(e));
		free(pb->bounce);
		free(pb);
		errno = e;
		return NULL;
	}
	pb->size = bytes;
	pb->map_len = page + bytes;
	p = mmap(NULL, pb->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, pb->fd, 0);
	if (p == MAP_FAILED) {
		int e = errno;

		snprintf(err, errlen, "cannot map the %lu-byte perf buffer of CPU %u: %s%s", bytes,
			 cpu, strerror(e),
			 e == EPERM ? " (over perf_event_mlock_kb: try a smaller --buffer-size)" :
				      "");
		close(pb->fd);
		free(pb->bounce);
		free(pb);
		errno = e;
		return NULL;
	}
	pb->meta = p;
	pb->data = (const uint8_t *)p + page;
	/* data_head and data_tail share a cache line the kernel writes per sample */
	kcap_stream_init(&pb->s, cpu, (uint64_t *)&pb->meta->data_tail,
			 (const uint64_t *)&pb->meta->data_head, bytes);
	pb->s.peek = pb_peek;
	pb->s.kernel_bytes = pb->map_len; /* metadata page and data */
	*fd_out = pb->fd;
	return &pb->s;
}

uint64_t kcap_perfbuf_stream_lost(const struct kcap_stream *s)
{
	return ((const struct perfbuf_stream *)s)->lost;
}

void kcap_perfbuf_stream_close(struct kcap_stream *s)
{
	struct perfbuf_stream *pb = (struct perfbuf_stream *)s;

	if (!pb)
		return;
	kcap_stream_publish(s);
	munmap(pb->meta, pb->map_len);
	close(pb->fd);
	free(pb->bounce);
	free(pb);
}
