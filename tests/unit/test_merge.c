// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The timestamp merge across per-CPU streams, over fake streams. */
#include <stdlib.h>
#include "test_util.h"

#define MAX_EVENTS 16

struct fake_stream {
	struct kcap_stream s;
	uint8_t events[MAX_EVENTS][64];
	uint32_t lens[MAX_EVENTS];
	int n, pos, flushes;
};

static const void *fake_peek(struct kcap_stream *s, uint32_t *len)
{
	struct fake_stream *f = (struct fake_stream *)s;

	if (f->pos >= f->n)
		return NULL;
	*len = f->lens[f->pos];
	return f->events[f->pos];
}

static void fake_consume(struct kcap_stream *s)
{
	((struct fake_stream *)s)->pos++;
}

static void fake_flush(struct kcap_stream *s)
{
	((struct fake_stream *)s)->flushes++;
}

static void fake_init(struct fake_stream *f, uint32_t cpu)
{
	memset(f, 0, sizeof(*f));
	f->s.peek = fake_peek;
	f->s.consume = fake_consume;
	f->s.flush = fake_flush;
	f->s.cpu = cpu;
}

static void fake_add(struct fake_stream *f, uint64_t ts, bool valid)
{
	struct test_param p[] = { P_S64(0), P_S32((int32_t)ts) };
	uint32_t len = test_build(f->events[f->n], KCAP_EV_CLOSE_X, p, 2);

	((struct kcap_evt_hdr *)f->events[f->n])->ts = ts;
	if (!valid)
		((struct kcap_evt_hdr *)f->events[f->n])->nparams = 9;
	f->lens[f->n++] = len;
}

static void test_merges_in_timestamp_order(void **state)
{
	struct fake_stream a, b, c;
	struct kcap_stream *streams[] = { &a.s, &b.s, &c.s };
	static const uint64_t ta[] = { 1, 4, 5, 9 }, tb[] = { 2, 3, 10 },
			      expect[] = { 1, 2, 3, 4, 5, 6, 9, 10 };
	struct kcap_merge m;
	uint32_t len, cpu;

	(void)state;
	fake_init(&a, 0);
	fake_init(&b, 1);
	fake_init(&c, 2);
	for (size_t i = 0; i < 4; i++)
		fake_add(&a, ta[i], true);
	for (size_t i = 0; i < 3; i++)
		fake_add(&b, tb[i], true);
	fake_add(&c, 6, true);
	assert_int_equal(kcap_merge_init(&m, streams, 3), 0);
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		const struct kcap_evt_hdr *h = kcap_merge_next(&m, &len, &cpu);

		assert_non_null(h);
		assert_int_equal(h->ts, expect[i]);
		assert_int_equal(cpu, h->ts == 6 ? 2 : (h->ts == 2 || h->ts == 3 || h->ts == 10));
	}
	assert_null(kcap_merge_next(&m, &len, &cpu));
	kcap_merge_flush(&m);
	assert_int_equal(a.flushes, 1);
	assert_int_equal(m.bad_events, 0);
	kcap_merge_free(&m);
}

/* An event stays valid until the next call: consumption is deferred. */
static void test_zero_copy_consumes_on_next_call(void **state)
{
	struct fake_stream a;
	struct kcap_stream *streams[] = { &a.s };
	struct kcap_merge m;
	uint32_t len, cpu;

	(void)state;
	fake_init(&a, 0);
	fake_add(&a, 1, true);
	fake_add(&a, 2, true);
	assert_int_equal(kcap_merge_init(&m, streams, 1), 0);
	assert_non_null(kcap_merge_next(&m, &len, &cpu));
	assert_int_equal(a.pos, 0);
	assert_non_null(kcap_merge_next(&m, &len, &cpu));
	assert_int_equal(a.pos, 1);
	assert_null(kcap_merge_next(&m, &len, &cpu));
	assert_int_equal(a.pos, 2);
	kcap_merge_free(&m);
}

static void test_malformed_events_are_skipped_and_counted(void **state)
{
	struct fake_stream a;
	struct kcap_stream *streams[] = { &a.s };
	struct kcap_merge m;
	uint32_t len, cpu;
	const struct kcap_evt_hdr *h;

	(void)state;
	fake_init(&a, 0);
	fake_add(&a, 1, false);
	fake_add(&a, 2, true);
	fake_add(&a, 3, false);
	assert_int_equal(kcap_merge_init(&m, streams, 1), 0);
	h = kcap_merge_next(&m, &len, &cpu);
	assert_non_null(h);
	assert_int_equal(h->ts, 2);
	assert_null(kcap_merge_next(&m, &len, &cpu));
	assert_int_equal(m.bad_events, 2);
	kcap_merge_free(&m);
}

static void test_no_streams(void **state)
{
	struct kcap_merge m;
	uint32_t len, cpu;

	(void)state;
	assert_int_equal(kcap_merge_init(&m, NULL, 0), 0);
	assert_null(kcap_merge_next(&m, &len, &cpu));
	kcap_merge_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merges_in_timestamp_order),
		cmocka_unit_test(test_zero_copy_consumes_on_next_call),
		cmocka_unit_test(test_malformed_events_are_skipped_and_counted),
		cmocka_unit_test(test_no_streams),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
