// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Reader of kcap bench's reference capture: libbpf's own ring buffer consumer,
 * polled like kcap's readers (never woken by the kernel), counting records.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/types.h>
#include <bpf/libbpf.h>
#include "bench_ref.h"
#include "bench_ref.skel.h"

struct bench_ref {
	struct bench_ref_bpf *skel;
	struct ring_buffer *ring;
};

static int count_record(void *ctx, void *data, size_t size)
{
	(void)ctx;
	(void)data;
	(void)size;
	return 0;
}

int bench_ref_open(struct bench_ref **out, char *err, size_t errlen)
{
	struct bench_ref *r = calloc(1, sizeof(*r));
	int ret;

	*out = NULL;
	if (!r)
		return -ENOMEM;
	r->skel = bench_ref_bpf__open();
	if (!r->skel) {
		ret = -errno;
		snprintf(err, errlen, "reference: cannot open the program: %s", strerror(-ret));
		goto fail;
	}
	r->skel->rodata->ref_self_tgid = (__u32)getpid();
	ret = bench_ref_bpf__load(r->skel);
	if (!ret)
		ret = bench_ref_bpf__attach(r->skel);
	if (ret) {
		snprintf(err, errlen, "reference: cannot load or attach tp_btf/sys_exit: %s",
			 strerror(-ret));
		goto fail;
	}
	r->ring = ring_buffer__new(bpf_map__fd(r->skel->maps.ref_ring), count_record, NULL, NULL);
	if (!r->ring) {
		ret = -errno;
		snprintf(err, errlen, "reference: cannot map the ring buffer: %s", strerror(-ret));
		goto fail;
	}
	*out = r;
	return 0;
fail:
	bench_ref_close(r);
	return ret;
}

int bench_ref_poll(struct bench_ref *r)
{
	return ring_buffer__consume(r->ring);
}

uint64_t bench_ref_drops(const struct bench_ref *r)
{
	return r->skel->bss->ref_drops;
}

uint64_t bench_ref_kernel_bytes(const struct bench_ref *r)
{
	(void)r;
	/* the kernel's header page, then the consumer and producer pages */
	return BENCH_REF_RING_BYTES + 3 * (uint64_t)sysconf(_SC_PAGESIZE);
}

void bench_ref_close(struct bench_ref *r)
{
	if (!r)
		return;
	ring_buffer__free(r->ring);
	bench_ref_bpf__destroy(r->skel);
	free(r);
}
