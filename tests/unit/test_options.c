// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Command-line and library option parsing: every error has a clear message. */
#include <unistd.h>
#include "test_util.h"
#include "options.h"

#define END ((char *)NULL) /* variadic argument lists end here */

static int parse(struct cli_options *o, char *err, size_t errlen, ...)
{
	char *argv[32] = { (char *)"kcap" };
	int argc = 1;
	va_list ap;
	char *a;

	va_start(ap, errlen);
	while ((a = va_arg(ap, char *)) && argc < 31)
		argv[argc++] = a;
	va_end(ap);
	err[0] = '\0';
	return cli_parse(argc, argv, o, err, errlen);
}

static void test_valid_options(void **state)
{
	struct cli_options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, sizeof(err), "-b", "modern", "-n", "100", "-d", "1.5", "-s",
			       "65000", "-e", "openat,read", "-p", "1,2", "-j", "--stats",
			       "--buffer-size", "4M", "--stats-interval", "0.5", END),
			 0);
	assert_true(o.stats_interval > 0.49 && o.stats_interval < 0.51);
	assert_string_equal(o.backend, "modern");
	assert_int_equal(o.count, 100);
	assert_true(o.duration > 1.49 && o.duration < 1.51);
	assert_int_equal(o.snaplen, 65000);
	assert_string_equal(o.syscalls, "openat,read");
	assert_int_equal(o.npids, 2);
	assert_int_equal(o.pids[1], 2);
	assert_true(o.json && o.stats);
	assert_int_equal(o.buffer_bytes, 4u << 20);
	assert_null(o.command);
}

static void test_command_after_double_dash(void **state)
{
	struct cli_options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, sizeof(err), "-j", "--", "cat", "-n", "f", END), 0);
	assert_non_null(o.command);
	assert_string_equal(o.command[0], "cat");
	assert_string_equal(o.command[1], "-n"); /* the command's options stay its own */
}

static void expect_error(const char *want, ...)
{
	char *argv[16] = { (char *)"kcap" };
	struct cli_options o;
	char err[256] = "";
	int argc = 1;
	va_list ap;
	char *a;

	va_start(ap, want);
	while ((a = va_arg(ap, char *)) && argc < 15)
		argv[argc++] = a;
	va_end(ap);
	assert_int_equal(cli_parse(argc, argv, &o, err, sizeof(err)), -EINVAL);
	if (!strstr(err, want))
		fail_msg("error '%s' does not say '%s'", err, want);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("invalid count", "-n", "0", END);
	expect_error("invalid count", "-n", "-5", END);
	expect_error("invalid count", "-n", "12x", END);
	expect_error("invalid duration", "-d", "-1", END);
	expect_error("invalid duration", "-d", "abc", END);
	expect_error("invalid duration", "-d", "nan", END);
	expect_error("invalid stats interval", "--stats-interval", "0", END);
	expect_error("invalid stats interval", "--stats-interval", "0.01", END);
	expect_error("invalid stats interval", "--stats-interval", "inf", END);
	expect_error("invalid stats interval", "--stats-interval", "1s", END);
	expect_error("invalid snaplen", "-s", "65001", END);
	expect_error("invalid pid", "-p", "0", END);
	expect_error("invalid pid", "-p", "12,abc", END);
	expect_error("invalid pid", "-p", "99999999999", END);
	expect_error("invalid pid list", "-p", ",", END);
	expect_error("invalid buffer size", "--buffer-size", "lots", END);
	expect_error("invalid buffer size", "--buffer-size", "17179869184G", END); /* overflows */
	expect_error("invalid buffer size", "--buffer-size", "4MB", END);
	expect_error("missing argument", "-n", END);
	expect_error("unknown option", "-Z", END);
	expect_error("unknown or incomplete option", "--nope", END);
	expect_error("put a command after '--'", "cat", END);
	expect_error("cannot be combined", "-p", "1", "--", "cat", END);
	expect_error("invalid container id", "--container", "", END);
	expect_error("invalid container id", "--container",
		     "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", END);
}

static void test_process_options(void **state)
{
	struct cli_options o;
	char err[256];

	(void)state;
	assert_int_equal(
		parse(&o, err, sizeof(err), "--proc", "--container", "4f2c", "--no-host", END), 0);
	assert_true(o.proc && o.no_host);
	assert_string_equal(o.container, "4f2c");
	assert_int_equal(parse(&o, err, sizeof(err), "-j", END), 0);
	assert_false(o.proc || o.no_host || o.container);
}

static void test_library_config_errors(void **state)
{
	struct kcap_opts opts = { .sz = sizeof(opts) };
	struct kcap_config cfg;
	char err[256];
	int bad_pid = 0x7ffffff0;

	(void)state;
	opts.events = "openat,bogus";
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "unknown syscall 'bogus'"));
	opts.events = ",";
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "names no event"));
	opts.events = NULL;
	opts.buffer_bytes = 3000;
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "power of two"));
	opts.buffer_bytes = 0;
	opts.snaplen = 70000;
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), -EINVAL);
	opts.snaplen = 0;
	opts.pids = &bad_pid;
	opts.npids = 1;
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), -ESRCH);
	assert_non_null(strstr(err, "no process with pid"));
	opts.npids = 0;
	opts.events = "openat,procexit";
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), 0);
	assert_int_equal(cfg.kernel.want[257], KCAP_WANT_EXIT | KCAP_WANT_ENTER); /* openat */
	assert_int_equal(cfg.kernel.want[295], KCAP_WANT_IA32); /* ia32 openat; preadv */
	assert_int_equal(cfg.kernel.want[0], 0);
	assert_int_equal(cfg.kernel.settings.other_syscalls, 0);
	assert_true(cfg.kernel.settings.capture_procexit && !cfg.kernel.settings.filter_pids);
	assert_int_equal(cfg.kernel.settings.snaplen, 80);
	kcap_config_free(&cfg);
}

/* Capturing everything is every number: unnamed ones, past the table, x32. */
static void test_everything_is_every_number(void **state)
{
	struct kcap_opts opts = { .sz = sizeof(opts) };
	struct kcap_config cfg;
	char err[256];

	(void)state;
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), 0);
	assert_true(cfg.kernel.want[511] & KCAP_WANT_EXIT); /* named by no kernel yet */
	assert_int_equal(cfg.kernel.settings.other_syscalls, KCAP_OTHER_ALL);
	assert_true(kcap_config_wants_event(&cfg, KCAP_EV_X32_X));
	kcap_config_free(&cfg);
	opts.events = "x32_syscall";
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), 0);
	assert_int_equal(cfg.kernel.settings.other_syscalls, KCAP_OTHER_X32);
	assert_false(kcap_config_wants_event(&cfg, KCAP_EV_GENERIC_X));
	kcap_config_free(&cfg);
	assert_true(kcap_syscall_is_x32(KCAP_X32_SYSCALL_BIT | 39));
	assert_false(kcap_syscall_is_x32((uint64_t)-1)); /* a skipped syscall: beyond, not x32 */
	assert_false(kcap_syscall_is_x32(1000));
}

/* io_uring submissions: by default, by name, and with any syscall a request can do. */
static void test_io_uring_submissions(void **state)
{
	static const struct {
		const char *events; /* NULL: everything */
		bool uring;
	} cases[] = {
		{ NULL, true },		 { "io_uring_submit", true }, { "openat", true },
		{ "execve,read", true }, { "io_uring_enter", true },  { "execve,kill", false },
	};
	struct kcap_opts opts = { .sz = sizeof(opts) };
	struct kcap_config cfg;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		opts.events = cases[i].events;
		assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), 0);
		assert_int_equal(cfg.kernel.settings.capture_io_uring, cases[i].uring);
		assert_int_equal(kcap_config_wants_event(&cfg, KCAP_EV_IO_URING_SUBMIT),
				 cases[i].uring);
		kcap_config_free(&cfg);
	}
}

/* What the kernel side is told, computed once: enter bits only where an enter event exists. */
static void test_kernel_config(void **state)
{
	/* descriptor names off: the event list alone (test_descriptor_syscalls has the rest) */
	struct kcap_opts opts = { .sz = sizeof(opts), .snaplen = 200, .no_fd_names = 1 };
	struct kcap_config cfg;
	char err[256];
	int self = getpid();

	(void)state;
	opts.events = "read,exit,compat_syscall";
	opts.pids = &self;
	opts.npids = 1;
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), 0);
	assert_int_equal(cfg.kernel.want[0] & ~KCAP_WANT_IA32, KCAP_WANT_EXIT); /* read */
	assert_int_equal(cfg.kernel.want[60] & ~KCAP_WANT_IA32, KCAP_WANT_EXIT | KCAP_WANT_ENTER);
	assert_int_equal(cfg.kernel.want[3] & KCAP_WANT_IA32, KCAP_WANT_IA32); /* every ia32 */
	assert_int_equal(cfg.kernel.settings.snaplen, 200);
	assert_int_equal(cfg.kernel.settings.other_syscalls, 0);
	assert_false(kcap_config_wants_event(&cfg, KCAP_EV_X32_X));
	assert_int_equal(cfg.kernel.settings.self_tgid, self);
	assert_true(cfg.kernel.settings.filter_pids && !cfg.kernel.settings.capture_procexit);
	assert_true(kcap_config_wants_event(&cfg, KCAP_EV_PROCEXIT)); /* forgets exited pids */
	assert_true(kcap_config_wants_event(&cfg, KCAP_EV_EXIT_E));
	assert_false(kcap_config_wants_event(&cfg, KCAP_EV_OPENAT_X));
	kcap_config_free(&cfg);
}

/*
 * -e NAME takes every event's syscall, and asks the kernel side for that
 * syscall alone (without descriptor names: with them, see below).
 */
static void test_every_event_name_is_accepted(void **state)
{
	struct kcap_opts opts = { .sz = sizeof(opts), .no_fd_names = 1 };
	struct kcap_config cfg;
	char err[256];

	(void)state;
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
		const struct kcap_event_info *e = &kcap_event_table[ev];

		if (e->syscall_nr < 0)
			continue;
		opts.events = e->name;
		assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), 0);
		assert_true(kcap_config_wants_event(&cfg, ev));
		for (int nr = 0; nr < KCAP_MAX_SYSCALLS; nr++)
			if (nr != e->syscall_nr)
				assert_int_equal(cfg.kernel.want[nr] & ~KCAP_WANT_IA32, 0);
		for (int other = 0; other < KCAP_EV__COUNT; other++)
			if (kcap_event_table[other].syscall_nr >= 0 &&
			    kcap_event_table[other].syscall_nr != e->syscall_nr)
				assert_false(kcap_config_wants_event(&cfg, other));
		kcap_config_free(&cfg);
	}
}

/*
 * With descriptor names, an event list is completed with the syscalls the
 * descriptor table is maintained from, at exit only, captured for the table
 * and not delivered; those the list names are delivered as usual.
 */
static void test_descriptor_syscalls(void **state)
{
	struct kcap_opts opts = { .sz = sizeof(opts), .events = "read,close" };
	struct kcap_config cfg;
	char err[256];

	(void)state;
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), 0);
	assert_true(cfg.fd_names);
	assert_int_equal(cfg.kernel.want[257] & ~KCAP_WANT_IA32, KCAP_WANT_EXIT); /* openat */
	assert_true(kcap_config_is_state_only(&cfg, KCAP_EV_OPENAT_X));
	assert_true(kcap_config_is_state_only(&cfg, KCAP_EV_DUP2_X));
	assert_true(kcap_config_is_state_only(&cfg, KCAP_EV_CLONE_X));
	assert_true(kcap_config_is_state_only(&cfg, KCAP_EV_EXECVE_X));
	assert_true(kcap_config_is_state_only(&cfg, KCAP_EV_PROCEXIT));
	assert_false(kcap_config_is_state_only(&cfg, KCAP_EV_OPENAT_E));
	assert_false(kcap_config_is_state_only(&cfg, KCAP_EV_READ_X));
	assert_false(kcap_config_is_state_only(&cfg, KCAP_EV_CLOSE_X));
	assert_false(kcap_config_is_state_only(&cfg, KCAP_EV_WRITE_X)); /* not captured at all */
	assert_false(kcap_config_wants_event(&cfg, KCAP_EV_WRITE_X));
	assert_false(kcap_config_wants_event(&cfg, KCAP_EV_OPENAT_E));
	assert_true(kcap_config_wants_event(&cfg, KCAP_EV_PROCEXIT));
	kcap_config_free(&cfg);
	/* everything: nothing is state-only */
	opts.events = NULL;
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), 0);
	for (int ev = 0; ev < KCAP_EV__COUNT; ev++)
		assert_false(kcap_config_is_state_only(&cfg, ev));
	kcap_config_free(&cfg);
	/* off: the list alone */
	opts.events = "read";
	opts.no_fd_names = 1;
	assert_int_equal(kcap_config_from_opts(&cfg, &opts, err, sizeof(err)), 0);
	assert_false(cfg.fd_names);
	assert_false(kcap_config_wants_event(&cfg, KCAP_EV_OPENAT_X));
	assert_false(kcap_config_is_state_only(&cfg, KCAP_EV_OPENAT_X));
	kcap_config_free(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_options),
		cmocka_unit_test(test_io_uring_submissions),
		cmocka_unit_test(test_command_after_double_dash),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_library_config_errors),
		cmocka_unit_test(test_kernel_config),
		cmocka_unit_test(test_everything_is_every_number),
		cmocka_unit_test(test_every_event_name_is_accepted),
		cmocka_unit_test(test_descriptor_syscalls),
		cmocka_unit_test(test_process_options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
