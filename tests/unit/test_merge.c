// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* The timestamp merge across per-CPU streams, over fake streams with the real cursor. */
#include <stdlib.h>
#include "test_util.h"

#define MAX_EVENTS 16

/* A ring of whole events: positions count events. */
struct fake_stream {
	struct kcap_stream s;
	uint8_t events[MAX_EVENTS][64];
	uint32_t lens[MAX_EVENTS];
	uint64_t n; /* the producer position */
	uint64_t consumed; /* the consumer position, as published */
};

static const void *fake_peek(struct kcap_stream *s, uint32_t *len)
{
	struct fake_stream *f = (struct fake_stream *)s;

	if (!kcap_stream_pending(s))
		return NULL;
	s->next = s->cons + 1;
	*len = f->lens[s->cons];
	return f->events[s->cons];
}

/* Publishes every release_every consumed events, and when the reader idles. */
static void fake_init(struct fake_stream *f, uint32_t cpu, uint64_t release_every)
{
	memset(f, 0, sizeof(*f));
	kcap_stream_init(&f->s, cpu, &f->consumed, &f->n, 4 * release_every);
	f->s.peek = fake_peek;
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
	struct kcap_event ev;

	(void)state;
	fake_init(&a, 0, 1000);
	fake_init(&b, 1, 1000);
	fake_init(&c, 2, 1000);
	for (size_t i = 0; i < 4; i++)
		fake_add(&a, ta[i], true);
	for (size_t i = 0; i < 3; i++)
		fake_add(&b, tb[i], true);
	fake_add(&c, 6, true);
	assert_int_equal(kcap_merge_init(&m, streams, 3), 0);
	for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		assert_non_null(kcap_merge_next(&m, &ev));
		assert_int_equal(ev.ts, expect[i]);
		assert_int_equal(ev.cpu,
				 ev.ts == 6 ? 2 : (ev.ts == 2 || ev.ts == 3 || ev.ts == 10));
		assert_int_equal(ev.type, KCAP_EV_CLOSE_X);
	}
	assert_null(kcap_merge_next(&m, &ev));
	/* the reader caught up: all it consumed is given back */
	assert_int_equal(a.consumed, 4);
	assert_int_equal(b.consumed, 3);
	assert_int_equal(c.consumed, 1);
	assert_int_equal(m.bad_events, 0);
	kcap_merge_free(&m);
}

/*
 * A stream found empty, then an event of another CPU that happened after one
 * committed on the first meanwhile (a child's exit there, its parent's next
 * syscall here): the earlier one still comes first.
 */
static struct fake_stream *late_stream;
static uint64_t late_ts;

static const void *peek_commits_after_first_look(struct kcap_stream *s, uint32_t *len)
{
	const void *rec = fake_peek(s, len);

	if (!rec && late_ts) { /* empty now: the event commits right after this look */
		fake_add(late_stream, late_ts, true);
		late_ts = 0;
	}
	return rec;
}

static void test_an_event_committed_while_looking_comes_first(void **state)
{
	struct fake_stream a, b;
	struct kcap_stream *streams[] = { &a.s, &b.s };
	struct kcap_merge m;
	struct kcap_event ev;

	(void)state;
	fake_init(&a, 0, 1000);
	fake_init(&b, 1, 1000);
	a.s.peek = peek_commits_after_first_look;
	late_stream = &a;
	late_ts = 5; /* the child's exit, on CPU 0 */
	fake_add(&b, 7, true); /* the parent's syscall after its wait, on CPU 1 */
	fake_add(&b, 8, true);
	assert_int_equal(kcap_merge_init(&m, streams, 2), 0);
	assert_non_null(kcap_merge_next(&m, &ev));
	assert_int_equal(ev.ts, 5);
	assert_int_equal(ev.cpu, 0);
	assert_non_null(kcap_merge_next(&m, &ev));
	assert_int_equal(ev.ts, 7);
	assert_non_null(kcap_merge_next(&m, &ev));
	assert_int_equal(ev.ts, 8);
	assert_null(kcap_merge_next(&m, &ev));
	kcap_merge_free(&m);
}

/* Consumed space is given back in batches, not per event. */
static void test_release_is_batched(void **state)
{
	struct fake_stream a;
	struct kcap_stream *streams[] = { &a.s };
	struct kcap_merge m;
	struct kcap_event ev;

	(void)state;
	fake_init(&a, 0, 3);
	for (int i = 1; i <= 8; i++)
		fake_add(&a, (uint64_t)i, true);
	assert_int_equal(kcap_merge_init(&m, streams, 1), 0);
	for (int i = 0; i < 3; i++)
		assert_non_null(kcap_merge_next(&m, &ev));
	assert_int_equal(a.consumed, 0); /* two consumed, the third is being read */
	assert_non_null(kcap_merge_next(&m, &ev));
	assert_int_equal(a.consumed, 3);
	kcap_merge_flush(&m);
	assert_int_equal(a.consumed, 3); /* the event handed out is not released yet */
	kcap_merge_free(&m);
}

/* An event stays valid until the next call: consumption is deferred. */
static void test_zero_copy_consumes_on_next_call(void **state)
{
	struct fake_stream a;
	struct kcap_stream *streams[] = { &a.s };
	struct kcap_merge m;
	struct kcap_event ev;

	(void)state;
	fake_init(&a, 0, 1);
	fake_add(&a, 1, true);
	fake_add(&a, 2, true);
	assert_int_equal(kcap_merge_init(&m, streams, 1), 0);
	assert_non_null(kcap_merge_next(&m, &ev));
	assert_int_equal(a.s.cons, 0);
	assert_non_null(kcap_merge_next(&m, &ev));
	assert_int_equal(a.s.cons, 1);
	assert_int_equal(a.consumed, 1);
	assert_null(kcap_merge_next(&m, &ev));
	assert_int_equal(a.s.cons, 2);
	kcap_merge_free(&m);
}

static void test_malformed_events_are_skipped_and_counted(void **state)
{
	struct fake_stream a;
	struct kcap_stream *streams[] = { &a.s };
	struct kcap_merge m;
	struct kcap_event ev;
	struct kcap_param p;

	(void)state;
	fake_init(&a, 0, 1);
	fake_add(&a, 1, false);
	fake_add(&a, 2, true);
	fake_add(&a, 3, false);
	assert_int_equal(kcap_merge_init(&m, streams, 1), 0);
	assert_non_null(kcap_merge_next(&m, &ev));
	assert_int_equal(ev.ts, 2);
	/* decoded once: parameters are read at the offsets the merge kept */
	assert_int_equal(kcap_event_param(&ev, 1, &p), 0);
	assert_int_equal(p.len, 4);
	assert_memory_equal(p.data, &(int32_t){ 2 }, 4);
	assert_null(kcap_merge_next(&m, &ev));
	assert_int_equal(m.bad_events, 2);
	kcap_merge_free(&m);
}

/* A copied event keeps its decoding after the merge hands out others. */
static void test_an_event_copies_as_a_value(void **state)
{
	struct fake_stream a;
	struct kcap_stream *streams[] = { &a.s };
	struct kcap_merge m;
	struct kcap_event ev, first;
	struct kcap_param p;
	struct test_param open_params[] = { P_S64(3), P_S32(-100), P_STR("/x"), P_U32(0),
					    P_U32(0), P_STR("/x"), P_U32(0),	P_U64(1) };
	struct test_param read_params[] = { P_S64(1), P_S32(5), P_BYTES("d"), P_U64(1) };

	(void)state;
	fake_init(&a, 0, 1);
	a.lens[a.n] = test_build(a.events[a.n], KCAP_EV_OPENAT_X, open_params, 8);
	a.n++;
	/* parameter 2 starts elsewhere in a read event */
	a.lens[a.n] = test_build(a.events[a.n], KCAP_EV_READ_X, read_params, 4);
	a.n++;
	assert_int_equal(kcap_merge_init(&m, streams, 1), 0);
	assert_non_null(kcap_merge_next(&m, &ev));
	first = ev;
	assert_non_null(kcap_merge_next(&m, &ev));
	assert_int_equal(kcap_event_param(&first, 2, &p), 0);
	assert_string_equal((const char *)p.data, "/x");
	kcap_merge_free(&m);
}

static void test_no_streams(void **state)
{
	struct kcap_merge m;
	struct kcap_event ev;

	(void)state;
	assert_int_equal(kcap_merge_init(&m, NULL, 0), 0);
	assert_null(kcap_merge_next(&m, &ev));
	kcap_merge_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_merges_in_timestamp_order),
		cmocka_unit_test(test_an_event_committed_while_looking_comes_first),
		cmocka_unit_test(test_release_is_batched),
		cmocka_unit_test(test_zero_copy_consumes_on_next_call),
		cmocka_unit_test(test_malformed_events_are_skipped_and_counted),
		cmocka_unit_test(test_an_event_copies_as_a_value),
		cmocka_unit_test(test_no_streams),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
