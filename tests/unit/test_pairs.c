// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Enter and exit events of one syscall compared (engine/state/pairs.c). */
#include "test_util.h"
#include "state/pairs.h"
#include "decode/format.h"

static uint8_t enter_raw[512], exit_raw[512], other_raw[512];
static char line[1024];

static struct kcap_event enter_openat(const char *name)
{
	struct test_param p[] = {
		P_S32(-100), { (uint16_t)(strlen(name) + 1), name }, P_U32(0), P_U32(0)
	};

	return test_event(enter_raw, test_build(enter_raw, KCAP_EV_OPENAT_E, p, 4), "t");
}

static struct kcap_event exit_openat(const char *name, const char *file)
{
	struct test_param p[] = { P_S64(3), P_S32(-100), { (uint16_t)(strlen(name) + 1), name },
				  P_U32(0), P_U32(0),	 { (uint16_t)(strlen(file) + 1), file },
				  P_U32(0), P_U64(9) };

	return test_event(exit_raw, test_build(exit_raw, KCAP_EV_OPENAT_X, p, 8), "t");
}

/* The caller's buffer rewritten between enter and exit: the exit says name changed. */
static void test_a_rewritten_name_is_marked(void **state)
{
	struct kcap_pairs pairs;
	struct kcap_event e, x;

	(void)state;
	assert_int_equal(kcap_pairs_init(&pairs), 0);
	e = enter_openat("/srv/fifo");
	kcap_pairs_update(&pairs, &e);
	assert_int_equal(e.changed, 0);
	x = exit_openat("/tmp/innocent", "/srv/fifo");
	kcap_pairs_update(&pairs, &x);
	assert_int_equal(x.changed, 1u << 2); /* name */
	assert_true(kcap_format_json(&x, line, sizeof(line)) > 0);
	assert_non_null(strstr(
		line, "\"file\":\"/srv/fifo\",\"dev\":0,\"ino\":9},\"changed\":[\"name\"]}"));
	assert_true(kcap_format_text(&x, line, sizeof(line)) > 0);
	assert_non_null(strstr(line, " ino=9 changed=name"));
	/* the same again without a rewrite: nothing said */
	e = enter_openat("/srv/fifo");
	kcap_pairs_update(&pairs, &e);
	x = exit_openat("/srv/fifo", "/srv/fifo");
	kcap_pairs_update(&pairs, &x);
	assert_int_equal(x.changed, 0);
	assert_true(kcap_format_json(&x, line, sizeof(line)) > 0);
	assert_null(strstr(line, "changed"));
	kcap_pairs_free(&pairs);
}

/*
 * An unreadable name at enter (a page not yet faulted in, which is innocent
 * and common) is not a change: the enter event shows it unreadable.
 */
static void test_a_fault_then_a_name_is_not_a_change(void **state)
{
	struct test_param p[] = { P_S32(-100), P_FAULT, P_U32(0), P_U32(0) };
	struct kcap_pairs pairs;
	struct kcap_event e, x;

	(void)state;
	assert_int_equal(kcap_pairs_init(&pairs), 0);
	e = test_event(enter_raw, test_build(enter_raw, KCAP_EV_OPENAT_E, p, 4), "t");
	kcap_pairs_update(&pairs, &e);
	x = exit_openat("/tmp/innocent", "/srv/fifo");
	kcap_pairs_update(&pairs, &x);
	assert_int_equal(x.changed, 0);
	kcap_pairs_free(&pairs);
}

/* Only an enter and the exit of the same syscall and thread are compared. */
static void test_only_the_same_syscall_and_thread(void **state)
{
	struct test_param close_p[] = { P_S64(0), P_S32(3) };
	struct kcap_pairs pairs;
	struct kcap_event e, x, c;

	(void)state;
	assert_int_equal(kcap_pairs_init(&pairs), 0);
	e = enter_openat("/a");
	kcap_pairs_update(&pairs, &e);
	/* another syscall's exit by the same thread (its openat exit was lost) */
	c = test_event(other_raw, test_build(other_raw, KCAP_EV_CLOSE_X, close_p, 2), "t");
	kcap_pairs_update(&pairs, &c);
	assert_int_equal(c.changed, 0);
	/* another thread's exit */
	x = exit_openat("/b", "/b");
	x.tid = 8;
	kcap_pairs_update(&pairs, &x);
	assert_int_equal(x.changed, 0);
	kcap_pairs_free(&pairs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_rewritten_name_is_marked),
		cmocka_unit_test(test_a_fault_then_a_name_is_not_a_change),
		cmocka_unit_test(test_only_the_same_syscall_and_thread),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
