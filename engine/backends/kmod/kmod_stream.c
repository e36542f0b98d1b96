// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Zero-copy reader of one CPU ring of the kcap kernel module (kmod/): a
 * read-write control page (head published by the kernel, tail by us) and the
 * data pages mapped read-only twice back to back, so an event that wraps is
 * contiguous. Events are wire-format records padded to 8 bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "kmod_stream.h"
#include "kcap_kmod_uapi.h"

struct kmod_stream {
	struct kcap_stream s;
	struct kcap_ring_ctl *ctl;
	const uint8_t *data;
	uint64_t size;
	size_t page_size;
};

static const void *kmod_peek(struct kcap_stream *s, uint32_t *len)
{
	struct kmod_stream *k = (struct kmod_stream *)s;
	const struct kcap_evt_hdr *hdr;
	uint64_t padded, avail;

	if (!kcap_stream_pending(s))
		return NULL;
	avail = s->prod - s->cons;
	hdr = (const struct kcap_evt_hdr *)(k->data + (s->cons & (k->size - 1)));
	padded = ((uint64_t)hdr->len + 7) & ~7ull;
	if (avail > k->size || hdr->len < KCAP_HDR_SIZE || padded > avail) {
		/* cannot happen with a sane kernel: resynchronize at head */
		s->cons = s->prod;
		kcap_stream_publish(s);
		return NULL;
	}
	s->next = s->cons + padded;
	*len = hdr->len;
	return hdr;
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
	kcap_stream_init(&k->s, cpu, (uint64_t *)&k->ctl->tail, (const uint64_t *)&k->ctl->head,
			 size);
	k->s.peek = kmod_peek;
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
	kcap_stream_publish(s);
	munmap((void *)k->data, 2 * k->size);
	munmap(k->ctl, k->page_size);
	free(k);
}
