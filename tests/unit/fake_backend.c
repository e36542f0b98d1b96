// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
#include <stdio.h>
#include "fake_backend.h"
#include "backends/backend.h"
#include "backends/stream.h"

/* records 8-byte aligned, as the kernel's rings keep them */
static uint8_t records[65536] __attribute__((aligned(8)));
static uint64_t records_len, consumer_pos, producer_pos;
static struct kcap_stream stream;
static struct kcap_stream *streams[1] = { &stream };

static const void *fake_peek(struct kcap_stream *s, uint32_t *len)
{
	struct kcap_evt_hdr hdr;

	if (s->cons >= records_len)
		return NULL;
	memcpy(&hdr, records + s->cons, sizeof(hdr));
	*len = hdr.len;
	s->next = s->cons + ((hdr.len + 7u) & ~7u);
	return records + s->cons;
}

static int fake_open(const struct kcap_config *cfg, void **priv, char *err, size_t errlen)
{
	(void)cfg;
	(void)err;
	(void)errlen;
	consumer_pos = 0;
	producer_pos = records_len;
	kcap_stream_init(&stream, 0, &consumer_pos, &producer_pos, 1 << 20);
	stream.peek = fake_peek;
	*priv = &stream;
	return 0;
}

static int refuse(const struct kcap_config *cfg, void **priv, char *err, size_t errlen)
{
	(void)cfg;
	(void)priv;
	snprintf(err, errlen, "not here");
	return -ENODEV;
}

static int fake_start(void *priv, char *err, size_t errlen)
{
	(void)priv;
	(void)errlen;
	err[0] = '\0';
	return 0;
}

static int fake_stop(void *priv)
{
	(void)priv;
	return 0;
}

static struct kcap_stream **fake_streams(void *priv, unsigned int *n)
{
	(void)priv;
	*n = 1;
	return streams;
}

static int fake_kstats(void *priv, struct kcap_kstats *sum)
{
	(void)priv;
	memset(sum, 0, sizeof(*sum));
	sum->events = records_len ? 1000 : 0; /* something a capture file's trailer carries */
	sum->drops_buffer_full = records_len ? 7 : 0;
	return 0;
}

static void fake_close(void *priv)
{
	(void)priv;
}

const struct kcap_backend_ops kcap_backend_modern = {
	.name = "modern",
	.open = fake_open,
	.start = fake_start,
	.stop = fake_stop,
	.streams = fake_streams,
	.kstats = fake_kstats,
	.close = fake_close,
};
const struct kcap_backend_ops kcap_backend_kmod = { .name = "kmod", .open = refuse };
const struct kcap_backend_ops kcap_backend_legacy = { .name = "legacy", .open = refuse };

void fake_reset(void)
{
	records_len = 0;
}

void fake_add(uint16_t type, uint32_t pid, uint32_t tid, uint64_t ts, const struct test_param *p,
	      uint16_t n)
{
	uint8_t *rec = records + records_len;
	uint32_t len = test_build(rec, type, p, n);
	struct kcap_evt_hdr hdr;

	memcpy(&hdr, rec, sizeof(hdr));
	hdr.pid = pid;
	hdr.tid = tid;
	hdr.ts = ts;
	memcpy(rec, &hdr, sizeof(hdr));
	records_len += (len + 7u) & ~7u;
}
