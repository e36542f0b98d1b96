// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The shared fillers, run over the userspace mock backend: every event is
 * well formed, and each parameter kind is extracted exactly, with faults and
 * bounds as the filler API promises.
 */
#include <stdlib.h>
#include "test_util.h"
#include "mock_fillers.h"

static uint8_t buf[MOCK_BUF_SIZE];
static char line[KCAP_FORMAT_MAX];

static const char *run_json(int ev, struct mock_world *w)
{
	uint32_t len = mock_run_filler(ev, w, buf);
	struct kcap_event e;

	assert_int_equal(test_validate(buf, len), 0);
	e = test_event(buf, len, "t");
	assert_true(kcap_format_json(&e, line, sizeof(line)) > 0);
	return strstr(line, "\"event\"");
}

/* Every filler pushes exactly its table's parameters, whatever the arguments. */
static void test_every_filler_matches_the_table(void **state)
{
	static const uint8_t zeros[8192];
	struct mock_world w = { .snaplen = 80, .comm = "c", .exe = "/e", .cwd = "/" };

	(void)state;
	mock_map(&w, 0x1000, zeros, sizeof(zeros));
	for (int i = 0; i < 6; i++)
		w.args[i] = 0x1000;
	for (int ret = -1; ret <= 1; ret++) {
		w.ret = ret;
		for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
			uint32_t len = mock_run_filler(ev, &w, buf);

			assert_int_equal(((struct kcap_evt_hdr *)buf)->nparams,
					 kcap_event_table[ev].nparams);
			assert_int_equal(test_validate(buf, len), 0);
		}
	}
}

static void test_openat(void **state)
{
	static const char path[] = "/etc/hosts";
	struct mock_world w = { .args = { (uint64_t)-100, 0x2000, 02000000, 0 }, .ret = 3 };

	(void)state;
	mock_map(&w, 0x2000, path, sizeof(path));
	assert_string_equal(
		run_json(KCAP_EV_OPENAT_X, &w),
		"\"event\":\"openat\",\"dir\":\"exit\",\"ret\":3,\"args\":{\"dirfd\":-100,"
		"\"name\":\"/etc/hosts\",\"flags\":\"O_RDONLY|O_CLOEXEC\",\"mode\":0}}");
	assert_int_equal(mock_last_faults(), 0);
}

static void test_unreadable_pointer_is_a_fault_not_a_failure(void **state)
{
	struct mock_world w = { .args = { (uint64_t)-100, 0xdead0000, 0, 0 }, .ret = -14 };

	(void)state;
	assert_string_equal(run_json(KCAP_EV_OPENAT_X, &w),
			    "\"event\":\"openat\",\"dir\":\"exit\",\"ret\":-14,\"args\":{\"dirfd\":"
			    "-100,\"name\":null,\"flags\":\"O_RDONLY\",\"mode\":0}}");
	assert_int_equal(mock_last_faults(), 1);
}

static void test_read_keeps_snaplen_bytes_of_what_was_read(void **state)
{
	static const char data[] = "0123456789abcdef";
	struct mock_world w = { .args = { 5, 0x3000, 4096 }, .ret = 16, .snaplen = 10 };

	(void)state;
	mock_map(&w, 0x3000, data, 16);
	assert_string_equal(run_json(KCAP_EV_READ_X, &w),
			    "\"event\":\"read\",\"dir\":\"exit\",\"ret\":16,\"args\":{\"fd\":5,"
			    "\"data\":\"0123456789\",\"size\":4096}}");
	w.ret = -11; /* EAGAIN: nothing was read */
	assert_string_equal(run_json(KCAP_EV_READ_X, &w),
			    "\"event\":\"read\",\"dir\":\"exit\",\"ret\":-11,\"args\":{\"fd\":5,"
			    "\"data\":\"\",\"size\":4096}}");
}

static void test_writev_gathers_iovecs_up_to_snaplen(void **state)
{
	static const char a[] = "abc", b[] = "defgh";
	uint64_t iov[4] = { 0x5000, 3, 0x6000, 5 };
	struct mock_world w = { .args = { 1, 0x4000, 2 }, .ret = 8, .snaplen = 6 };

	(void)state;
	mock_map(&w, 0x4000, iov, sizeof(iov));
	mock_map(&w, 0x5000, a, 3);
	mock_map(&w, 0x6000, b, 5);
	assert_string_equal(run_json(KCAP_EV_WRITEV_X, &w),
			    "\"event\":\"writev\",\"dir\":\"exit\",\"ret\":8,\"args\":{\"fd\":1,"
			    "\"data\":\"abcdef\",\"iovcnt\":2}}");
}

static void test_connect_sockaddr(void **state)
{
	/* AF_INET, port 8080, 127.0.0.1 */
	static const uint8_t sin[16] = { 2, 0, 0x1f, 0x90, 127, 0, 0, 1 };
	struct mock_world w = { .args = { 3, 0x7000, 16 }, .ret = 0 };

	(void)state;
	mock_map(&w, 0x7000, sin, sizeof(sin));
	assert_string_equal(run_json(KCAP_EV_CONNECT_E, &w),
			    "\"event\":\"connect\",\"dir\":\"enter\",\"args\":{\"fd\":3,"
			    "\"addr\":\"127.0.0.1:8080\"}}");
}

static void test_accept_reads_the_returned_address_length(void **state)
{
	static const uint8_t sin6[28] = { 10, 0, 0, 80, [23] = 1 }; /* [::1]:80 */
	static const uint32_t addrlen = 28;
	struct mock_world w = { .args = { 3, 0x8000, 0x9000 }, .ret = 4 };

	(void)state;
	mock_map(&w, 0x8000, sin6, sizeof(sin6));
	mock_map(&w, 0x9000, &addrlen, 4);
	assert_string_equal(run_json(KCAP_EV_ACCEPT_X, &w),
			    "\"event\":\"accept\",\"dir\":\"exit\",\"ret\":4,\"args\":{\"fd\":3,"
			    "\"addr\":\"[::1]:80\"}}");
	w.ret = -11; /* failed: the kernel wrote no address */
	assert_string_equal(run_json(KCAP_EV_ACCEPT_X, &w),
			    "\"event\":\"accept\",\"dir\":\"exit\",\"ret\":-11,\"args\":{\"fd\":3,"
			    "\"addr\":null}}");
}

static void test_execve_success_reads_the_new_image(void **state)
{
	static const char args[] = "ls\0-l\0/tmp";
	struct mock_world w = {
		.ret = 0,
		.ppid = 1,
		.uid = 1000,
		.euid = 0,
		.gid = 100,
		.comm = "ls",
		.exe = "/usr/bin/ls",
		.cwd = "/home/u",
		.mm_args = args,
		.mm_args_len = sizeof(args),
	};

	(void)state;
	assert_string_equal(
		run_json(KCAP_EV_EXECVE_X, &w),
		"\"event\":\"execve\",\"dir\":\"exit\",\"ret\":0,\"args\":{\"exe\":"
		"\"/usr/bin/ls\",\"args\":[\"ls\",\"-l\",\"/tmp\"],\"ppid\":1,\"uid\":1000,"
		"\"euid\":0,\"gid\":100,\"cwd\":\"/home/u\",\"comm\":\"ls\"}}");
}

static void test_execve_failure_reads_the_callers_arguments(void **state)
{
	static const char path[] = "/nope", a0[] = "nope", a1[] = "x";
	uint64_t argv[3] = { 0xb000, 0xc000, 0 };
	struct mock_world w = {
		.args = { 0xa000, 0xd000 }, .ret = -2, .comm = "sh", .cwd = "/", .exe = "/bin/sh"
	};

	(void)state;
	mock_map(&w, 0xa000, path, sizeof(path));
	mock_map(&w, 0xb000, a0, sizeof(a0));
	mock_map(&w, 0xc000, a1, sizeof(a1));
	mock_map(&w, 0xd000, argv, sizeof(argv));
	assert_string_equal(run_json(KCAP_EV_EXECVE_X, &w),
			    "\"event\":\"execve\",\"dir\":\"exit\",\"ret\":-2,\"args\":{\"exe\":"
			    "\"/nope\",\"args\":[\"nope\",\"x\"],\"ppid\":0,\"uid\":0,\"euid\":0,"
			    "\"gid\":0,\"cwd\":\"/\",\"comm\":\"sh\"}}");
}

static void test_clone3_reads_flags_from_user_struct(void **state)
{
	static const uint64_t clone_args[2] = { 0x100 | 0x200 | 0x80 };
	struct mock_world w = { .args = { 0xe000, 88 }, .ret = 1234, .ppid = 9, .comm = "p" };

	(void)state;
	mock_map(&w, 0xe000, clone_args, sizeof(clone_args));
	assert_string_equal(
		run_json(KCAP_EV_CLONE3_X, &w),
		"\"event\":\"clone3\",\"dir\":\"exit\",\"ret\":1234,\"args\":{\"flags\":"
		"\"CLONE_VM|CLONE_FS|CLONE_NEWTIME\",\"ppid\":9,\"comm\":\"p\"}}");
}

static void test_procexit_decodes_wait_status(void **state)
{
	struct mock_world w = { .exit_code = 9 | 0x80 }; /* SIGKILL, core dumped */

	(void)state;
	assert_string_equal(
		run_json(KCAP_EV_PROCEXIT, &w),
		"\"event\":\"procexit\",\"dir\":\"exit\",\"args\":{\"status\":0,\"sig\":"
		"\"SIGKILL\",\"core\":1}}");
}

/* The contract every backend follows: "" is an empty string, not unreadable memory. */
static void test_empty_strings_are_not_faults(void **state)
{
	static const char path[] = "/x", a0[] = "a", empty[] = "";
	uint64_t argv[4] = { 0xb000, 0xc000, 0xb000, 0 };
	struct mock_world w = { .args = { 0xa000, 0xd000 }, .ret = -2, .cwd = "/", .comm = "c" };
	struct mock_world o = { .args = { (uint64_t)-100, 0xc000, 0, 0 }, .ret = -2 };

	(void)state;
	mock_map(&o, 0xc000, empty, 1);
	assert_non_null(strstr(run_json(KCAP_EV_OPENAT_X, &o), "\"name\":\"\","));
	assert_int_equal(mock_last_faults(), 0);
	mock_map(&w, 0xa000, path, sizeof(path));
	mock_map(&w, 0xb000, a0, sizeof(a0));
	mock_map(&w, 0xc000, empty, 1);
	mock_map(&w, 0xd000, argv, sizeof(argv));
	assert_non_null(strstr(run_json(KCAP_EV_EXECVE_X, &w), "\"args\":[\"a\",\"\",\"a\"]"));
	assert_int_equal(mock_last_faults(), 0);
}

static void test_generic_event_names_the_syscall(void **state)
{
	struct mock_world w = { .ret = 1, .syscall_id = 110 };

	(void)state;
	assert_string_equal(
		run_json(KCAP_EV_GENERIC_X, &w),
		"\"event\":\"getppid\",\"dir\":\"exit\",\"ret\":1,\"args\":{\"id\":110}}");
}

/* A 32-bit syscall: its ia32 number by name in text, its registers truncated to 32 bits. */
static void test_compat_event_has_the_ia32_call(void **state)
{
	struct mock_world w = { .ret = -9,
				.syscall_id = 6,
				.args = { 987654, 0xffffffff00000001ull, 2, 3, 4, 5 } };
	uint32_t len;
	struct kcap_event e;

	(void)state;
	assert_string_equal(
		run_json(KCAP_EV_COMPAT_X, &w),
		"\"event\":\"compat_syscall\",\"dir\":\"exit\",\"ret\":-9,\"args\":{"
		"\"id\":6,\"a0\":987654,\"a1\":1,\"a2\":2,\"a3\":3,\"a4\":4,\"a5\":5}}");
	len = mock_run_filler(KCAP_EV_COMPAT_X, &w, buf);
	assert_int_equal(test_validate(buf, len), 0);
	e = test_event(buf, len, "x");
	kcap_format_text(&e, line, sizeof(line));
	assert_non_null(strstr(line, "compat_syscall res=-9(EBADF) id=close a0=0xf1206"));
}

static void test_argv_stops_at_the_bound(void **state)
{
	static char big[KCAP_MAX_ARGS_LEN * 2];
	uint64_t argv[4] = { 0x10000, 0x10000, 0x10000, 0 };
	struct mock_world w = { .args = { 0x20000, 0x30000 }, .ret = -2, .cwd = "/", .comm = "x" };
	uint32_t len;
	struct kcap_event e;
	struct kcap_param p;

	(void)state;
	memset(big, 'a', sizeof(big) - 1);
	mock_map(&w, 0x10000, big, sizeof(big));
	mock_map(&w, 0x20000, "/p", 3);
	mock_map(&w, 0x30000, argv, sizeof(argv));
	len = mock_run_filler(KCAP_EV_EXECVE_X, &w, buf);
	assert_int_equal(test_validate(buf, len), 0);
	e = test_event(buf, len, "x");
	assert_int_equal(kcap_event_param_by_name(&e, "args", &p), 0);
	assert_true(p.len <= KCAP_MAX_ARGS_LEN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_filler_matches_the_table),
		cmocka_unit_test(test_openat),
		cmocka_unit_test(test_unreadable_pointer_is_a_fault_not_a_failure),
		cmocka_unit_test(test_read_keeps_snaplen_bytes_of_what_was_read),
		cmocka_unit_test(test_writev_gathers_iovecs_up_to_snaplen),
		cmocka_unit_test(test_connect_sockaddr),
		cmocka_unit_test(test_accept_reads_the_returned_address_length),
		cmocka_unit_test(test_execve_success_reads_the_new_image),
		cmocka_unit_test(test_execve_failure_reads_the_callers_arguments),
		cmocka_unit_test(test_clone3_reads_flags_from_user_struct),
		cmocka_unit_test(test_procexit_decodes_wait_status),
		cmocka_unit_test(test_empty_strings_are_not_faults),
		cmocka_unit_test(test_generic_event_names_the_syscall),
		cmocka_unit_test(test_compat_event_has_the_ia32_call),
		cmocka_unit_test(test_argv_stops_at_the_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
