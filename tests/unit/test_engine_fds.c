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
#include "fake_backend.h"

static void add(uint16_t type, uint64_t ts, const struct test_param *p, uint16_t n)
{
	fake_add(type, FAKE_PID, FAKE_PID, ts, p, n);
}

static void prepare(void)
{
	struct test_param open[] = { P_S64(3), P_S32(-100),	P_STR("x"), P_U32(0),
				     P_U32(0), P_STR("/etc/x"), P_U32(0),   P_U64(0) };
	struct test_param read[] = { P_S64(1), P_S32(3), P_BYTES("x"), P_U64(1) };
	struct test_param close[] = { P_S64(0), P_S32(3) };

	fake_reset();
	add(KCAP_EV_OPENAT_X, 1 * FAKE_SEC, open, 8);
	add(KCAP_EV_READ_X, 2 * FAKE_SEC, read, 4);
	add(KCAP_EV_CLOSE_X, 3 * FAKE_SEC, close, 2);
	add(KCAP_EV_READ_X, 4 * FAKE_SEC, read, 4);
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
