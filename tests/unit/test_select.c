// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Backend selection and runtime fallback, over fake backends that take the
 * place of kmod, modern and legacy: every ordering of a list, every failure
 * point (open, start), the test switch, and the release of failed backends.
 */
#include <stdio.h>
#include <stdlib.h>
#include "test_util.h"

enum fail_at { OK, FAIL_OPEN, FAIL_START };

struct fake {
	const char *name;
	enum fail_at fail;
	int opens, closes, starts, stops;
};

static struct fake fakes[3] = { { .name = "kmod" }, { .name = "modern" }, { .name = "legacy" } };

static int fake_open(struct fake *f, void **priv, char *err, size_t errlen)
{
	if (f->fail == FAIL_OPEN) {
		snprintf(err, errlen, "%s: cannot open (fake)", f->name);
		return -ENOENT;
	}
	f->opens++;
	*priv = f;
	return 0;
}

static int fake_start(void *priv, char *err, size_t errlen)
{
	struct fake *f = priv;

	if (f->fail == FAIL_START) {
		snprintf(err, errlen, "%s: cannot attach (fake)", f->name);
		return -EPERM;
	}
	f->starts++;
	return 0;
}

static int fake_stop(void *priv)
{
	((struct fake *)priv)->stops++;
	return 0;
}

static struct kcap_stream **fake_streams(void *priv, unsigned int *n)
{
	(void)priv;
	*n = 0;
	return NULL;
}

static int fake_kstats(void *priv, struct kcap_kstats *sum)
{
	(void)priv;
	memset(sum, 0, sizeof(*sum));
	return 0;
}

static void fake_close(void *priv)
{
	((struct fake *)priv)->closes++;
}

#define FAKE_OPS(i, backend)                                                                      \
	static int open_##i(const struct kcap_config *cfg, void **priv, char *err, size_t errlen) \
	{                                                                                         \
		(void)cfg;                                                                        \
		return fake_open(&fakes[i], priv, err, errlen);                                   \
	}                                                                                         \
	const struct kcap_backend_ops backend = {                                                 \
		.name = #backend + 13, /* after "kcap_backend_" */                                \
		.open = open_##i,                                                                 \
		.start = fake_start,                                                              \
		.stop = fake_stop,                                                                \
		.streams = fake_streams,                                                          \
		.kstats = fake_kstats,                                                            \
		.close = fake_close,                                                              \
	}

FAKE_OPS(0, kcap_backend_kmod);
FAKE_OPS(1, kcap_backend_modern);
FAKE_OPS(2, kcap_backend_legacy);

static void reset(enum fail_at k, enum fail_at m, enum fail_at l)
{
	enum fail_at f[3] = { k, m, l };

	for (int i = 0; i < 3; i++) {
		struct fake keep = { .name = fakes[i].name, .fail = f[i] };

		fakes[i] = keep;
	}
	unsetenv("KCAP_TEST_FAIL_BACKEND");
}

/* Opens and starts with spec; the chosen backend's name or NULL, err filled. */
static const char *run(const char *spec, char *err, size_t errlen, struct kcap **out)
{
	struct kcap_opts opts = { .sz = sizeof(opts), .backend = spec, .events = "openat" };
	struct kcap *k;

	*out = NULL;
	err[0] = '\0';
	if (kcap_open(&opts, &k, err, errlen))
		return NULL;
	if (kcap_start(k)) {
		snprintf(err, errlen, "%s", kcap_last_error(k));
		kcap_close(k);
		return NULL;
	}
	*out = k;
	return kcap_backend_name(k);
}

/* Nothing a failed or released backend opened stays open. */
static void assert_released(const char *chosen)
{
	for (int i = 0; i < 3; i++) {
		int live = chosen && strcmp(fakes[i].name, chosen) == 0;

		assert_int_equal(fakes[i].opens - fakes[i].closes, live);
	}
}

static void test_auto_prefers_the_measured_order(void **state)
{
	char err[4096];
	struct kcap *k;

	(void)state;
	reset(OK, OK, OK);
	assert_string_equal(run("auto", err, sizeof(err), &k), "kmod");
	assert_int_equal(fakes[1].opens + fakes[2].opens, 0); /* never touched */
	assert_string_equal(kcap_backend_report(k), "");
	kcap_close(k);
	assert_released(NULL);
	reset(OK, OK, OK);
	assert_string_equal(run(NULL, err, sizeof(err), &k), "kmod");
	kcap_close(k);
}

static void test_open_failure_falls_back_with_reasons(void **state)
{
	char err[4096];
	struct kcap *k;

	(void)state;
	reset(FAIL_OPEN, FAIL_OPEN, OK);
	assert_string_equal(run("auto", err, sizeof(err), &k), "legacy");
	assert_string_equal(kcap_backend_report(k),
			    "kmod: cannot open (fake)\nmodern: cannot open (fake)");
	/* ENOENT: not there (no device, no BTF), so not a fallback worth a word */
	assert_int_equal(kcap_backend_fell_back(k), 0);
	assert_released("legacy");
	kcap_close(k);
	assert_released(NULL);
}

static void test_start_failure_releases_and_falls_back(void **state)
{
	char err[4096];
	struct kcap *k;

	(void)state;
	reset(FAIL_START, OK, OK);
	assert_string_equal(run("auto", err, sizeof(err), &k), "modern");
	assert_int_equal(kcap_backend_fell_back(k), 1); /* kmod was there and failed */
	assert_int_equal(fakes[0].opens, 1);
	assert_int_equal(fakes[0].closes, 1);
	assert_non_null(strstr(kcap_backend_report(k), "kmod: cannot attach (fake)"));
	kcap_close(k);
	assert_released(NULL);
}

static void test_nothing_works(void **state)
{
	char err[4096];
	struct kcap *k;

	(void)state;
	reset(FAIL_OPEN, FAIL_START, FAIL_OPEN);
	assert_null(run("auto", err, sizeof(err), &k));
	assert_non_null(strstr(err, "kmod: cannot open"));
	assert_non_null(strstr(err, "modern: cannot attach"));
	assert_non_null(strstr(err, "legacy: cannot open"));
	assert_released(NULL);
}

static void test_forced_backend_never_falls_back(void **state)
{
	char err[4096];
	struct kcap *k;

	(void)state;
	reset(OK, FAIL_OPEN, OK);
	assert_null(run("modern", err, sizeof(err), &k));
	assert_string_equal(err, "modern: cannot open (fake)");
	assert_int_equal(fakes[0].opens + fakes[2].opens, 0);
}

static void test_simulated_rejection(void **state)
{
	char err[4096];
	struct kcap *k;

	(void)state;
	reset(OK, OK, OK);
	setenv("KCAP_TEST_FAIL_BACKEND", "kmod", 1);
	assert_string_equal(run("auto", err, sizeof(err), &k), "modern");
	assert_int_equal(fakes[0].opens, 1); /* it really loaded, then was released */
	assert_int_equal(fakes[0].closes, 1);
	assert_non_null(strstr(kcap_backend_report(k), "simulated by KCAP_TEST_FAIL_BACKEND"));
	kcap_close(k);
	unsetenv("KCAP_TEST_FAIL_BACKEND");
}

/* Every ordering of an explicit list, with every combination of failure points. */
static void test_every_ordering_and_failure_point(void **state)
{
	static const int perms[6][3] = { { 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 },
					 { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };

	(void)state;
	for (int p = 0; p < 6; p++) {
		for (int mask = 0; mask < 27; mask++) {
			enum fail_at f[3] = { mask % 3, mask / 3 % 3, mask / 9 % 3 };
			const char *want = NULL, *got;
			char spec[64], err[4096];
			struct kcap *k;

			reset(f[0], f[1], f[2]);
			snprintf(spec, sizeof(spec), "%s,%s,%s", fakes[perms[p][0]].name,
				 fakes[perms[p][1]].name, fakes[perms[p][2]].name);
			for (int i = 0; i < 3 && !want; i++)
				if (f[perms[p][i]] == OK)
					want = fakes[perms[p][i]].name;
			got = run(spec, err, sizeof(err), &k);
			if (!want) {
				assert_null(got);
				assert_released(NULL);
				continue;
			}
			assert_non_null(got);
			assert_string_equal(got, want);
			assert_released(want);
			/* backends after the chosen one were never tried */
			for (int i = 0; i < 3; i++) {
				const struct fake *x = &fakes[perms[p][i]];

				if (strcmp(x->name, want) == 0) {
					for (int j = i + 1; j < 3; j++)
						assert_int_equal(fakes[perms[p][j]].opens, 0);
					break;
				}
			}
			kcap_close(k);
			assert_released(NULL);
		}
	}
}

static void test_bad_specs(void **state)
{
	char err[4096];
	struct kcap *k;

	(void)state;
	reset(OK, OK, OK);
	assert_null(run("bogus", err, sizeof(err), &k));
	assert_non_null(
		strstr(err, "unknown backend 'bogus' (available: auto, kmod, modern, legacy)"));
	assert_null(run("modern,modern", err, sizeof(err), &k));
	assert_non_null(strstr(err, "listed twice"));
	assert_null(run("modern,", err, sizeof(err), &k));
	assert_non_null(strstr(err, "empty backend name"));
	assert_released(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_auto_prefers_the_measured_order),
		cmocka_unit_test(test_open_failure_falls_back_with_reasons),
		cmocka_unit_test(test_start_failure_releases_and_falls_back),
		cmocka_unit_test(test_nothing_works),
		cmocka_unit_test(test_forced_backend_never_falls_back),
		cmocka_unit_test(test_simulated_rejection),
		cmocka_unit_test(test_every_ordering_and_failure_point),
		cmocka_unit_test(test_bad_specs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
