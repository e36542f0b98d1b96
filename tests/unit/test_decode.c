// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Malformed events are rejected, never decoded; random input never crashes. */
#include <stdlib.h>
#include "test_util.h"

static uint8_t raw[4096];

static uint32_t close_event(void)
{
	struct test_param p[] = { P_S64(0), P_S32(3) };

	return test_build(raw, KCAP_EV_CLOSE_X, p, 2);
}

static struct kcap_evt_hdr *hdr(void)
{
	return (struct kcap_evt_hdr *)raw;
}

static void test_valid_event(void **state)
{
	(void)state;
	assert_int_equal(test_validate(raw, close_event()), 0);
}

static void test_truncated_and_oversized(void **state)
{
	uint32_t len = close_event();

	(void)state;
	assert_int_equal(test_validate(raw, 10), -EINVAL); /* shorter than a header */
	assert_int_equal(test_validate(raw, len - 1), -EINVAL); /* record cut */
	hdr()->len = 0xffffffff;
	assert_int_equal(test_validate(raw, len), -EINVAL); /* huge length */
	hdr()->len = 8;
	assert_int_equal(test_validate(raw, len), -EINVAL); /* below the header */
}

static void test_wrong_type_or_param_count(void **state)
{
	uint32_t len = close_event();

	(void)state;
	hdr()->type = KCAP_EV__COUNT;
	assert_int_equal(test_validate(raw, len), -EINVAL);
	hdr()->type = 0xffff;
	assert_int_equal(test_validate(raw, len), -EINVAL);
	close_event();
	hdr()->nparams = 3;
	assert_int_equal(test_validate(raw, len), -EINVAL);
	close_event();
	hdr()->nparams = 0xffff;
	assert_int_equal(test_validate(raw, len), -EINVAL);
}

static void test_parameter_lengths_must_add_up(void **state)
{
	uint32_t len = close_event();
	uint16_t big = 60000, fault = KCAP_PLEN_FAULT;

	(void)state;
	memcpy(raw + KCAP_HDR_SIZE + 2, &big, 2);
	assert_int_equal(test_validate(raw, len), -EINVAL);
	close_event();
	memcpy(raw + KCAP_HDR_SIZE + 2, &fault, 2); /* a fault has no bytes: now 4 too many */
	assert_int_equal(test_validate(raw, len), -EINVAL);
}

static void test_integer_with_wrong_width_is_not_decoded(void **state)
{
	struct test_param p[] = { { 2, "ab" }, P_S32(3) }; /* res of 2 bytes */
	uint32_t len = test_build(raw, KCAP_EV_CLOSE_X, p, 2);
	struct kcap_event ev = test_event(raw, len, "c");
	char out[512];
	int64_t ret;

	(void)state;
	assert_int_equal(test_validate(raw, len), 0);
	assert_int_equal(kcap_event_ret(&ev, &ret), -EINVAL);
	assert_true(kcap_format_json(&ev, out, sizeof(out)) > 0);
	assert_non_null(strstr(out, "\"ret\":null"));
}

/* Random mutations of real events: validate, and format whatever passes. */
static void test_fuzz(void **state)
{
	static char out[KCAP_FORMAT_MAX];
	static uint8_t fuzz[4096];
	unsigned int seed = 12345;

	(void)state;
	for (int round = 0; round < 20000; round++) {
		uint32_t len = close_event();
		uint16_t type = (uint16_t)(rand_r(&seed) % KCAP_EV__COUNT);
		uint16_t n = kcap_event_table[type].nparams;

		/* An event of a random type with random lengths and bytes. */
		hdr()->type = type;
		hdr()->nparams = n;
		len = (uint32_t)(rand_r(&seed) % 600);
		memcpy(fuzz, raw, KCAP_HDR_SIZE);
		for (uint32_t i = KCAP_HDR_SIZE; i < len; i++)
			fuzz[i] = (uint8_t)rand_r(&seed);
		for (uint16_t i = 0; i < n && KCAP_HDR_SIZE + 2u * i + 2 <= len; i++) {
			uint16_t pl = (uint16_t)(rand_r(&seed) % 40);

			if (rand_r(&seed) % 10 == 0)
				pl = KCAP_PLEN_FAULT;
			memcpy(fuzz + KCAP_HDR_SIZE + 2 * i, &pl, 2);
		}
		if (rand_r(&seed) % 2) {
			/* make the total consistent half of the time */
			uint32_t total = KCAP_HDR_SIZE + 2u * n;

			for (uint16_t i = 0; i < n && KCAP_HDR_SIZE + 2u * i + 2 <= len; i++) {
				uint16_t pl;

				memcpy(&pl, fuzz + KCAP_HDR_SIZE + 2 * i, 2);
				total += pl == KCAP_PLEN_FAULT ? 0 : pl;
			}
			len = total < sizeof(fuzz) ? total : len;
		}
		((struct kcap_evt_hdr *)fuzz)->len = len;
		if (test_validate(fuzz, len) == 0) {
			struct kcap_event ev = test_event(fuzz, len, "f");

			assert_true(kcap_format_json(&ev, out, sizeof(out)) > 0);
			assert_true(kcap_format_text(&ev, out, sizeof(out)) > 0);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_event),
		cmocka_unit_test(test_truncated_and_oversized),
		cmocka_unit_test(test_wrong_type_or_param_count),
		cmocka_unit_test(test_parameter_lengths_must_add_up),
		cmocka_unit_test(test_integer_with_wrong_width_is_not_decoded),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
