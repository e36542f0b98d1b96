// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Descriptor names through the handle, over a fake backend whose one stream
 * holds prepared events: with an event list, the descriptor syscalls it
 * leaves out are captured for the table, not delivered, and the delivered
 * events carry the names they made; with no_fd_names, nothing is named.
 */
#include <stdio.h>
#include <stdlib.h>
#include "test_util.h"
#include "backends/backend.h"
#include "backends/stream.h"

/* pids above any pid_max: /proc never has them, so lookups find nothing */
#define PID 5000000u
#define SEC 1000000000ull

/* records 8-byte aligned, as the kernel's rings keep them */
static uint8_t records[8192] __attribute__((aligned(8)));
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

/* Appends an event of PID at ts to the stream. */
static void add(uint16_t type, uint64_t ts, const struct test_param *p, uint16_t n)
{
	uint8_t *rec = records + records_len;
	uint32_t len = test_build(rec, type, p, n);
	struct kcap_evt_hdr hdr;

	memcpy(&hdr, rec, sizeof(hdr));
	hdr.pid = hdr.tid = PID;
	hdr.ts = ts;
	memcpy(rec, &hdr, sizeof(hdr));
	records_len += (len + 7u) & ~7u;
}

static void prepare(void)
{
	struct test_param open[] = { P_S64(3), P_S32(-100),	P_STR("x"), P_U32(0),
				     P_U32(0), P_STR("/etc/x"), P_U32(0),   P_U64(0) };
	struct test_param read[] = { P_S64(1), P_S32(3), P_BYTES("x"), P_U64(1) };
	struct test_param close[] = { P_S64(0), P_S32(3) };

	records_len = 0;
	add(KCAP_EV_OPENAT_X, 1 * SEC, open, 8);
	add(KCAP_EV_READ_X, 2 * SEC, read, 4);
	add(KCAP_EV_CLOSE_X, 3 * SEC, close, 2);
	add(KCAP_EV_READ_X, 4 * SEC, read, 4);
}

static struct kcap *open_handle(int no_fd_names)
{
	struct kcap_opts opts = { .sz = sizeof(opts),
				  .backend = "modern",
				  .events = "read",
				  .no_fd_names = no_fd_names };
	struct kcap *k;
	char err[256];

	prepare();
	assert_int_equal(kcap_open(&opts, &k, err, sizeof(err)), 0);
	assert_int_equal(kcap_start(k), 0);
	return k;
}

static void test_state_events_named_not_delivered(void **state)
{
	struct kcap *k = open_handle(0);
	const struct kcap_event *ev;
	struct kcap_stats st = { .sz = sizeof(st) };
	struct kcap_fd fd;

	(void)state;
	assert_int_equal(kcap_next(k, &ev, 0), 0);
	assert_int_equal(ev->type, KCAP_EV_READ_X);
	assert_int_equal(kcap_event_fd(ev, 1, &fd), 0);
	assert_string_equal(fd.name, "/etc/x");
	assert_int_equal(kcap_next(k, &ev, 0), 0);
	assert_int_equal(ev->type, KCAP_EV_READ_X);
	assert_int_equal(kcap_event_fd(ev, 1, &fd), -ENOENT); /* closed meanwhile */
	assert_int_equal(kcap_next(k, &ev, 0), -EAGAIN);
	assert_int_equal(kcap_get_stats(k, &st), 0);
	assert_int_equal(st.events_read, 2);
	assert_int_equal(st.fd_state_events, 2);
	assert_true(st.fd_bytes > 0);
	kcap_close(k);
}

static void test_no_fd_names(void **state)
{
	struct kcap *k = open_handle(1);
	const struct kcap_event *ev;
	struct kcap_stats st = { .sz = sizeof(st) };
	struct kcap_fd fd;
	char line[4096];

	(void)state;
	/* the list alone: the kernel would not send the rest; here they come, and are delivered */
	assert_int_equal(kcap_next(k, &ev, 0), 0);
	assert_int_equal(ev->type, KCAP_EV_OPENAT_X);
	assert_int_equal(kcap_event_fd(ev, 0, &fd), -ENOENT);
	assert_int_equal(kcap_next(k, &ev, 0), 0);
	assert_int_equal(kcap_event_fd(ev, 1, &fd), -ENOENT);
	assert_true(kcap_format_json(ev, line, sizeof(line)) > 0);
	assert_null(strstr(line, "_name"));
	assert_int_equal(kcap_get_stats(k, &st), 0);
	assert_int_equal(st.fd_entries, 0);
	assert_int_equal(st.fd_state_events, 0);
	kcap_close(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_events_named_not_delivered),
		cmocka_unit_test(test_no_fd_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
