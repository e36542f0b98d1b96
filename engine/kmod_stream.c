// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Zero-copy reader of one CPU ring of the kcap kernel module (kmod/): a
 * read-write control page (head published by the kernel, tail by us) and the
 * data pages mapped read-only twice back to back, so an event that wraps is
 * contiguous. Events are wire-format records padded to 8 bytes. The tail is
 * published in batches and when the reader idles: no syscall per event.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "stream.h"
#include "../kmod/kcap_kmod_uapi.h"

#define KMOD_RELEASE_MAX (64u << 10) /* consumed bytes before the kernel is told */

struct kmod_stream {
	struct kcap_stream s;
	struct kcap_ring_ctl *ctl;
	const uint8_t *data;
	uint64_t size;
	uint64_t mask;
	uint64_t cons; /* our read position, published in batches */
	uint64_t next; /* position after the peeked event */
	uint64_t head; /* the producer position last read */
	uint64_t published; /* the read position last published */
	uint64_t release_every; /* publish after this many consumed bytes */
	size_t page_size;
};

/*
 * head is re-read only when the events known to exist are consumed, and tail
 * is published in batches of bytes (and when the reader idles): touching the
 * other side's cache line per event would make it bounce between CPUs.
 */
static void kmod_flush(struct kcap_stream *s)
{
	struct kmod_stream *k = (struct kmod_stream *)s;

	if (k->published != k->cons) {
		__atomic_store_n(&k->ctl->tail, k->cons, __ATOMIC_RELEASE);
		k->published = k->cons;
	}
}

static const void *kmod_peek(struct kcap_stream *s, uint32_t *len)
{
	struct kmod_stream *k = (struct kmod_stream *)s;
	const struct kcap_evt_hdr *hdr;
	uint64_t padded, avail;

	if (k->head == k->cons) {
		k->head = __atomic_load_n(&k->ctl->head, __ATOMIC_ACQUIRE);
		if (k->head == k->cons) {
			kmod_flush(s);
			return NULL;
		}
	}
	avail = k->head - k->cons;
	hdr = (const struct kcap_evt_hdr *)(k->data + (k->cons & k->mask));
	padded = ((uint64_t)hdr->len + 7) & ~7ull;
	if (avail > k->size || hdr->len < KCAP_HDR_SIZE || padded > avail) {
		/* cannot happen with a sane kernel: resynchronize at head */
		k->cons = k->head;
		kmod_flush(s);
		return NULL;
	}
	k->next = k->cons + padded;
	*len = hdr->len;
	return hdr;
}

static void kmod_consume(struct kcap_stream *s)
{
	struct kmod_stream *k = (struct kmod_stream *)s;

	k->cons = k->next;
	if (k->cons - k->published >= k->release_every)
		kmod_flush(s);
}

struct kcap_stream *kcap_kmod_stream_open(int dev_fd, uint32_t cpu, uint64_t size, char *err,
					  size_t errlen)
{
	struct kmod_stream *k = calloc(1, sizeof(*k));
	void *p;

	if (!k) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	k->page_size = (size_t)sysconf(_SC_PAGESIZE);
	k->size = size;
	k->mask = size - 1;
	p = mmap(NULL, k->page_size, PROT_READ | PROT_WRITE, MAP_SHARED, dev_fd,
		 (off_t)KCAP_KMOD_MMAP_CTL(cpu));
	if (p == MAP_FAILED)
		goto fail;
	k->ctl = p;
	p = mmap(NULL, 2 * size, PROT_READ, MAP_SHARED, dev_fd,
		 (off_t)KCAP_KMOD_MMAP_DATA(cpu, k->page_size));
	if (p == MAP_FAILED) {
		munmap(k->ctl, k->page_size);
		goto fail;
	}
	k->data = p;
	k->cons = __atomic_load_n(&k->ctl->tail, __ATOMIC_ACQUIRE);
	k->published = k->cons;
	k->head = k->cons;
	k->release_every = size / 4 < KMOD_RELEASE_MAX ? size / 4 : KMOD_RELEASE_MAX;
	k->s.peek = kmod_peek;
	k->s.consume = kmod_consume;
	k->s.flush = kmod_flush;
	k->s.cpu = cpu;
	k->s.kernel_bytes = k->page_size + k->size; /* the data is mapped twice, held once */
	return &k->s;
fail:
	snprintf(err, errlen, "kmod: cannot map the ring of CPU %u (%llu bytes): %s", cpu,
		 (unsigned long long)size, strerror(errno));
	free(k);
	return NULL;
}

void kcap_kmod_stream_close(struct kcap_stream *s)
{
	struct kmod_stream *k = (struct kmod_stream *)s;

	if (!k)
		return;
	kmod_flush(s);
	munmap((void *)k->data, 2 * k->size);
	munmap(k->ctl, k->page_size);
	free(k);
}
