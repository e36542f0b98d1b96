// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The shared fillers over every backend's real parameter stores (modern and
 * legacy probes: shared/bpf/ with each probe's bounds; the module:
 * kmod/pushes.h) in a fake kernel: every event is well formed, every push has
 * the table's type, each parameter kind is extracted exactly, and hostile
 * inputs (NULL, unmapped and kernel addresses, empty, over-long, exactly at a
 * bound) give the same result everywhere. Each test runs once per backend.
 */
#include <stdlib.h>
#include "test_util.h"
#include "mock_fillers.h"

extern bool kcap_mount_layout_ok; /* the module's check of struct mount (mock_kmod.c) */

static uint8_t buf[MOCK_BUF_SIZE];
static char line[KCAP_FORMAT_MAX];
static enum mock_impl impls[MOCK__COUNT] = { MOCK_MODERN, MOCK_LEGACY, MOCK_KMOD };

#define IMPL (*(enum mock_impl *)*state)

/* Runs ev's filler; the event must be delivered, valid, and typed as the table says. */
static uint32_t run(enum mock_impl impl, int ev, struct mock_world *w, uint32_t *faults)
{
	struct mock_result r = mock_run(impl, ev, w, buf);

	if (r.param_error)
		fail_msg("%s: %s", mock_impl_name(impl), r.param_error);
	assert_true(r.len > 0);
	assert_int_equal(test_validate(buf, r.len), 0);
	if (faults)
		*faults = r.faults;
	return r.len;
}

static const char *run_json(enum mock_impl impl, int ev, struct mock_world *w)
{
	uint32_t len = run(impl, ev, w, NULL);
	struct kcap_event e = test_event(buf, len, "t");

	assert_true(kcap_format_json(&e, line, sizeof(line)) > 0);
	return strstr(line, "\"event\"");
}

static const char *run_text(enum mock_impl impl, int ev, struct mock_world *w)
{
	uint32_t len = run(impl, ev, w, NULL);
	struct kcap_event e = test_event(buf, len, "t");

	assert_true(kcap_format_text(&e, line, sizeof(line)) > 0);
	return line;
}

/* Whether parameter name of the event in buf is marked cut. */
static bool truncated(uint32_t len, const char *name);

static struct kcap_param param(uint32_t len, const char *name)
{
	struct kcap_event e = test_event(buf, len, "x");
	struct kcap_param p;

	assert_int_equal(kcap_event_param_by_name(&e, name, &p), 0);
	return p;
}

static bool truncated(uint32_t len, const char *name)
{
	return param(len, name).truncated;
}

/* Every filler pushes exactly its table's parameters with their types, whatever the arguments. */
static void test_every_filler_matches_the_table(void **state)
{
	static const uint8_t zeros[8192];
	struct mock_world w = { .snaplen = 80, .comm = "c", .exe = "/e", .cwd = "/" };

	mock_map(&w, 0x1000, zeros, sizeof(zeros));
	for (int i = 0; i < 6; i++)
		w.args[i] = 0x1000;
	for (int ret = -1; ret <= 1; ret++) {
		w.ret = ret;
		for (int ev = 0; ev < KCAP_EV__COUNT; ev++) {
			run(IMPL, ev, &w, NULL);
			assert_int_equal(((struct kcap_evt_hdr *)buf)->nparams,
					 kcap_event_table[ev].nparams);
		}
	}
}

/* The type check itself: a push of the wrong type, or one too many, is named. */
static void test_the_type_check_names_a_wrong_push(void **state)
{
	const char *err;

	(void)state;
	mock_check_param(KCAP_EV_CLOSE_X, 1, 1u << KCAP_PT_S32);
	assert_null(mock_param_error());
	mock_check_param(KCAP_EV_KILL_X, 1, 1u << KCAP_PT_U32); /* pid is S32 */
	err = mock_param_error();
	assert_non_null(err);
	assert_string_equal(err, "KILL_X: parameter 1 (pid) pushed as U32, the table says S32");
	mock_check_param(KCAP_EV_CLOSE_X, 2, 1u << KCAP_PT_S32);
	assert_string_equal(mock_param_error(), "CLOSE_X: parameter 2 pushed, the table has 2");
}

/* The same worlds give the same bytes on every backend. */
static void test_every_backend_emits_the_same_bytes(void **state)
{
	static const char path[] = "/etc/hosts", data[] = "0123456789abcdef";
	static uint8_t first[MOCK_BUF_SIZE];
	struct mock_world w = { .snaplen = 10,
				.comm = "cat",
				.exe = "/usr/bin/cat",
				.cwd = "/root",
				.ppid = 7,
				.uid = 1000 };
	static const int events[] = { KCAP_EV_OPENAT_X,	 KCAP_EV_READ_X,   KCAP_EV_EXECVE_X,
				      KCAP_EV_CONNECT_E, KCAP_EV_CLONE3_X, KCAP_EV_WRITEV_X };

	(void)state;
	mock_map(&w, 0x2000, path, sizeof(path));
	mock_map(&w, 0x3000, data, sizeof(data));
	w.args[0] = (uint64_t)-100;
	w.args[1] = 0x2000;
	w.args[2] = 0x3000;
	w.ret = 16;
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		uint32_t len = run(MOCK_MODERN, events[i], &w, NULL);

		memcpy(first, buf, len);
		for (int impl = MOCK_LEGACY; impl < MOCK__COUNT; impl++) {
			assert_int_equal(run((enum mock_impl)impl, events[i], &w, NULL), len);
			assert_memory_equal(buf, first, len);
		}
	}
}

/* The exit also says which file the new descriptor is: what the name cannot be raced into. */
static void test_openat(void **state)
{
	static const char path[] = "/etc/hosts";
	struct mock_world w = { .args = { (uint64_t)-100, 0x2000, 02000000, 0 },
				.ret = 3,
				.open_fd = 3,
				.open_path = "/srv/real",
				.open_kdev = (259u << 20) | 300, /* 259:300 */
				.open_ino = 1234 };
	uint32_t faults;

	mock_map(&w, 0x2000, path, sizeof(path));
	assert_string_equal(
		run_json(IMPL, KCAP_EV_OPENAT_X, &w),
		"\"event\":\"openat\",\"dir\":\"exit\",\"ret\":3,\"args\":{\"dirfd\":-100,"
		"\"name\":\"/etc/hosts\",\"flags\":\"O_RDONLY|O_CLOEXEC\",\"mode\":0,\"file\":"
		"\"/srv/real\",\"dev\":1114924,\"ino\":1234}}");
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_OPENAT_X, &w),
			       " file=/srv/real dev=259:300 ino=1234"));
	run(IMPL, KCAP_EV_OPENAT_X, &w, &faults);
	assert_int_equal(faults, 0);
	/* a descriptor the table does not have: no file, not a fault */
	w.ret = 5;
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_OPENAT_X, &w), "\"file\":null,\"dev\":0,\"ino\":0}"));
	w.ret = 100000;
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_OPENAT_X, &w), "\"file\":null,\"dev\":0,\"ino\":0}"));
}

/* NULL, unmapped and kernel addresses: the parameter is unreadable, the event delivered. */
static void test_bad_pointers_are_faults_not_failures(void **state)
{
	static const uint64_t bad[] = { 0, 0xdead0000, 0xffffffff81000000ull, MOCK_TASK_SIZE - 2 };
	static const char end[2] = "ab"; /* no NUL before the end of user memory */
	struct mock_world w = { .args = { (uint64_t)-100, 0, 0, 0 }, .ret = -14 };
	uint32_t faults;

	mock_map(&w, MOCK_TASK_SIZE - 2, end, 2);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		w.args[1] = bad[i];
		assert_string_equal(
			run_json(IMPL, KCAP_EV_OPENAT_X, &w),
			"\"event\":\"openat\",\"dir\":\"exit\",\"ret\":-14,\"args\":{"
			"\"dirfd\":-100,\"name\":null,\"flags\":\"O_RDONLY\",\"mode\":0,"
			"\"file\":null,\"dev\":0,\"ino\":0}}");
		run(IMPL, KCAP_EV_OPENAT_X, &w, &faults);
		assert_int_equal(faults, 1);
	}
}

static void test_read_keeps_snaplen_bytes_of_what_was_read(void **state)
{
	static const char data[] = "0123456789abcdef";
	struct mock_world w = { .args = { 5, 0x3000, 4096 }, .ret = 16, .snaplen = 10 };

	mock_map(&w, 0x3000, data, 16);
	assert_string_equal(run_json(IMPL, KCAP_EV_READ_X, &w),
			    "\"event\":\"read\",\"dir\":\"exit\",\"ret\":16,\"args\":{\"fd\":5,"
			    "\"data\":\"0123456789\",\"size\":4096}}");
	w.ret = -11; /* EAGAIN: nothing was read */
	assert_string_equal(run_json(IMPL, KCAP_EV_READ_X, &w),
			    "\"event\":\"read\",\"dir\":\"exit\",\"ret\":-11,\"args\":{\"fd\":5,"
			    "\"data\":\"\",\"size\":4096}}");
	w.ret = 16;
	w.args[1] = 0x3008; /* only 8 of the 10 bytes are mapped */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_READ_X, &w), "\"data\":null"));
}

static void test_writev_gathers_iovecs_up_to_snaplen(void **state)
{
	static const char a[] = "abc", b[] = "defgh";
	uint64_t iov[4] = { 0x5000, 3, 0x6000, 5 };
	struct mock_world w = { .args = { 1, 0x4000, 2 }, .ret = 8, .snaplen = 6 };

	mock_map(&w, 0x4000, iov, sizeof(iov));
	mock_map(&w, 0x5000, a, 3);
	mock_map(&w, 0x6000, b, 5);
	assert_string_equal(run_json(IMPL, KCAP_EV_WRITEV_X, &w),
			    "\"event\":\"writev\",\"dir\":\"exit\",\"ret\":8,\"args\":{\"fd\":1,"
			    "\"data\":\"abcdef\",\"iovcnt\":2}}");
	w.args[2] = 3; /* iovcnt larger than the array: the third iovec is unmapped */
	w.snaplen = 80;
	w.ret = -4; /* a failed write: what was to be written, so all three are read */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_WRITEV_X, &w), "\"data\":null"));
}

/* Each backend gathers at most its bound of iovecs (the legacy probe unrolls fewer). */
static void test_iovecs_stop_at_the_backend_bound(void **state)
{
	static uint64_t iov[2 * 40];
	static const char x[] = "x";
	struct mock_world w = { .args = { 1, 0x4000, 40 }, .ret = 40, .snaplen = 80 };
	uint32_t bound = IMPL == MOCK_LEGACY ? 8 : KCAP_MAX_IOVECS;
	uint32_t len;

	for (int i = 0; i < 40; i++) {
		iov[2 * i] = 0x5000;
		iov[2 * i + 1] = 1;
	}
	mock_map(&w, 0x4000, iov, sizeof(iov));
	mock_map(&w, 0x5000, x, 1);
	len = run(IMPL, KCAP_EV_WRITEV_X, &w, NULL);
	assert_int_equal(param(len, "data").len, bound);
}

static void test_connect_sockaddr(void **state)
{
	/* AF_INET, port 8080, 127.0.0.1 */
	static const uint8_t sin[16] = { 2, 0, 0x1f, 0x90, 127, 0, 0, 1 };
	struct mock_world w = { .args = { 3, 0x7000, 16 }, .ret = 0 };

	mock_map(&w, 0x7000, sin, sizeof(sin));
	assert_string_equal(run_json(IMPL, KCAP_EV_CONNECT_E, &w),
			    "\"event\":\"connect\",\"dir\":\"enter\",\"args\":{\"fd\":3,"
			    "\"addr\":\"127.0.0.1:8080\"}}");
	w.args[1] = 0; /* no address at all: empty, not a fault */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CONNECT_E, &w), "\"addr\":null"));
	w.args[1] = 0x7000;
	w.args[2] = 1u << 20; /* a huge length: at most KCAP_MAX_SOCKADDR bytes are read */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CONNECT_E, &w), "\"addr\":null"));
}

static void test_accept_reads_the_returned_address_length(void **state)
{
	static const uint8_t sin6[28] = { 10, 0, 0, 80, [23] = 1 }; /* [::1]:80 */
	static const uint32_t addrlen = 28;
	struct mock_world w = { .args = { 3, 0x8000, 0x9000 }, .ret = 4 };

	mock_map(&w, 0x8000, sin6, sizeof(sin6));
	mock_map(&w, 0x9000, &addrlen, 4);
	assert_string_equal(run_json(IMPL, KCAP_EV_ACCEPT_X, &w),
			    "\"event\":\"accept\",\"dir\":\"exit\",\"ret\":4,\"args\":{\"fd\":3,"
			    "\"addr\":\"[::1]:80\",\"local\":null,\"remote\":null}}");
	w.ret = -11; /* failed: the kernel wrote no address */
	assert_string_equal(run_json(IMPL, KCAP_EV_ACCEPT_X, &w),
			    "\"event\":\"accept\",\"dir\":\"exit\",\"ret\":-11,\"args\":{\"fd\":3,"
			    "\"addr\":null,\"local\":null,\"remote\":null}}");
}

/* A socket's ends come from the kernel's socket, whatever the caller passed. */
static void test_socket_ends_as_the_kernel_holds_them(void **state)
{
	static const uint8_t sin[16] = { 2, 0, 0x1f, 0x90, 10, 0, 0, 9 }; /* the argument */
	static struct unix_sock inet = {
		.sk.__sk_common = { .skc_family = 2,
				    .skc_num = 40000, /* host order */
				    .skc_dport = 0x5000, /* 80, network order */
				    .skc_rcv_saddr = 0x0100007f,
				    .skc_daddr = 0x0200007f },
	};
	static struct unix_sock inet6 = {
		.sk.__sk_common = { .skc_family = 10,
				    .skc_num = 443,
				    .skc_dport = 0x3930, /* 12345 */
				    .skc_v6_rcv_saddr.s6_addr = { [15] = 1 },
				    .skc_v6_daddr.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } },
	};
	static struct {
		struct unix_address a;
		char room[112];
	} bound = { .a.len = 2 + 9, .room = { 1, 0, '/', 'r', 'u', 'n', '/', 's', 'o', 'c', 'k' } };
	static struct unix_sock server = { .sk.__sk_common.skc_family = 1, .addr = &bound.a };
	static struct unix_sock client = { .sk.__sk_common.skc_family = 1,
					   .peer = &server.sk }; /* unnamed, connected */
	struct mock_world w = { .args = { 3, 0x7000, 16 },
				.ret = 0,
				.open_fd = 3,
				.open_path = "/socket",
				.open_sock = &inet };

	mock_map(&w, 0x7000, sin, sizeof(sin));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CONNECT_X, &w),
			       "\"addr\":\"10.0.0.9:8080\",\"local\":\"127.0.0.1:40000\","
			       "\"remote\":\"127.0.0.2:80\"}"));
	w.open_sock = &inet6;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CONNECT_X, &w),
			       "\"local\":\"[::1]:443\",\"remote\":\"[2001:db8::2]:12345\"}"));
	w.open_sock = &client;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CONNECT_X, &w),
			       "\"local\":\"unix:\",\"remote\":\"unix:/run/sock\"}"));
	client.peer = NULL; /* not connected: no remote end */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CONNECT_X, &w),
			       "\"local\":\"unix:\",\"remote\":null}"));
	client.peer = &server.sk;
	bound.a.len = 5000; /* a bogus length: at most a sockaddr_un */
	w.open_sock = &server;
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_CONNECT_X, &w), "\"local\":\"unix:/run/sock"));
	bound.a.len = 2 + 9;
	w.open_sock = NULL; /* a file that is no socket: nothing */
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_CONNECT_X, &w), "\"local\":null,\"remote\":null}"));
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

	assert_string_equal(
		run_json(IMPL, KCAP_EV_EXECVE_X, &w),
		"\"event\":\"execve\",\"dir\":\"exit\",\"ret\":0,\"args\":{\"exe\":"
		"\"/usr/bin/ls\",\"args\":[\"ls\",\"-l\",\"/tmp\"],\"ppid\":1,\"uid\":1000,"
		"\"euid\":0,\"gid\":100,\"cwd\":\"/home/u\",\"comm\":\"ls\",\"root\":\"/\"}}");
}

/* A task without an executable or an argument area (a kernel thread): unreadable, alike. */
static void test_execve_without_image_is_unreadable(void **state)
{
	struct mock_world w = { .ret = 0, .comm = "k", .cwd = "/" };
	uint32_t faults;

	assert_non_null(strstr(run_json(IMPL, KCAP_EV_EXECVE_X, &w), "\"exe\":null,\"args\":null"));
	run(IMPL, KCAP_EV_EXECVE_X, &w, &faults);
	assert_int_equal(faults, 2);
}

static void test_execve_failure_reads_the_callers_arguments(void **state)
{
	static const char path[] = "/nope", a0[] = "nope", a1[] = "x";
	uint64_t argv[3] = { 0xb000, 0xc000, 0 };
	struct mock_world w = {
		.args = { 0xa000, 0xd000 }, .ret = -2, .comm = "sh", .cwd = "/", .exe = "/bin/sh"
	};

	mock_map(&w, 0xa000, path, sizeof(path));
	mock_map(&w, 0xb000, a0, sizeof(a0));
	mock_map(&w, 0xc000, a1, sizeof(a1));
	mock_map(&w, 0xd000, argv, sizeof(argv));
	assert_string_equal(run_json(IMPL, KCAP_EV_EXECVE_X, &w),
			    "\"event\":\"execve\",\"dir\":\"exit\",\"ret\":-2,\"args\":{\"exe\":"
			    "\"/nope\",\"args\":[\"nope\",\"x\"],\"ppid\":0,\"uid\":0,\"euid\":0,"
			    "\"gid\":0,\"cwd\":\"/\",\"comm\":\"sh\",\"root\":\"/\"}}");
}

static void test_clone3_reads_flags_from_user_struct(void **state)
{
	static const uint64_t clone_args[2] = { 0x100 | 0x200 | 0x80 };
	struct mock_world w = { .args = { 0xe000, 88 }, .ret = 1234, .ppid = 9, .comm = "p" };

	mock_map(&w, 0xe000, clone_args, sizeof(clone_args));
	assert_string_equal(
		run_json(IMPL, KCAP_EV_CLONE3_X, &w),
		"\"event\":\"clone3\",\"dir\":\"exit\",\"ret\":1234,\"args\":{\"flags\":"
		"\"CLONE_VM|CLONE_FS|CLONE_NEWTIME\",\"ppid\":9,\"comm\":\"p\",\"vtid\":42,"
		"\"vpid\":41,\"pidns\":4026531836}}");
	w.args[0] = 0; /* unreadable struct: flags read as 0 */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CLONE3_X, &w), "\"flags\":\"0\""));
}

/* A thread of a pid namespace: its ids there, the namespace's inode. */
static void test_clone_carries_ids_of_own_pid_namespace(void **state)
{
	struct mock_world w = {
		.ret = 0, .ppid = 9, .comm = "c", .vtid = 5, .vpid = 3, .pidns = 4026532999u
	};

	assert_non_null(strstr(run_json(IMPL, KCAP_EV_FORK_X, &w),
			       "\"comm\":\"c\",\"vtid\":5,\"vpid\":3,\"pidns\":4026532999}}"));
}

static void test_procexit_decodes_wait_status(void **state)
{
	struct mock_world w = { .exit_code = 9 | 0x80 }; /* SIGKILL, core dumped */

	assert_string_equal(
		run_json(IMPL, KCAP_EV_PROCEXIT, &w),
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
	uint32_t faults;

	mock_map(&o, 0xc000, empty, 1);
	mock_map(&w, 0xa000, path, sizeof(path));
	mock_map(&w, 0xb000, a0, sizeof(a0));
	mock_map(&w, 0xc000, empty, 1);
	mock_map(&w, 0xd000, argv, sizeof(argv));
	/* kernels 5.5 to 6.12 return 0 from the BPF string read of "": the same bytes */
	for (int quirk = 0; quirk < 2; quirk++) {
		o.str_empty_is_zero = w.str_empty_is_zero = quirk;
		assert_non_null(strstr(run_json(IMPL, KCAP_EV_OPENAT_X, &o), "\"name\":\"\","));
		run(IMPL, KCAP_EV_OPENAT_X, &o, &faults);
		assert_int_equal(faults, 0);
		assert_non_null(strstr(run_json(IMPL, KCAP_EV_EXECVE_X, &w),
				       "\"args\":[\"a\",\"\",\"a\"]"));
		run(IMPL, KCAP_EV_EXECVE_X, &w, &faults);
		assert_int_equal(faults, 0);
	}
}

/* A path of exactly KCAP_MAX_PATH bytes with its NUL is kept whole; a longer one is cut. */
static void test_strings_at_and_over_the_bound(void **state)
{
	static char name[KCAP_MAX_PATH + 8];
	struct mock_world w = { .args = { (uint64_t)-100, 0x10000, 0, 0 }, .ret = -2 };
	uint32_t len;

	memset(name, 'a', sizeof(name));
	name[KCAP_MAX_PATH - 1] = '\0';
	mock_map(&w, 0x10000, name, sizeof(name));
	len = run(IMPL, KCAP_EV_OPENAT_X, &w, NULL);
	assert_int_equal(param(len, "name").len, KCAP_MAX_PATH);
	assert_false(truncated(len, "name"));
	name[KCAP_MAX_PATH - 1] = 'a'; /* no NUL within the bound */
	len = run(IMPL, KCAP_EV_OPENAT_X, &w, NULL);
	assert_int_equal(param(len, "name").len, KCAP_MAX_PATH);
	assert_int_equal(param(len, "name").data[KCAP_MAX_PATH - 1], '\0');
	assert_true(truncated(len, "name"));
}

/* An io_uring request: its names, and its paths read from kernel memory, cut at the bound. */
static void test_io_uring_request(void **state)
{
	/* the module reads kernel strings in 64-byte aligned chunks: room past the bound */
	static char old[KCAP_MAX_PATH + 64] __attribute__((aligned(64))) = "/etc/shadow";
	static const char new_name[64] __attribute__((aligned(64))) = "/tmp/x";
	struct mock_world w = { .uring = { .opcode = 35, /* IORING_OP_RENAMEAT */
					   .fd = -100,
					   .flags = 0x14, /* IOSQE_IO_LINK|IOSQE_ASYNC */
					   .user_data = 0xabc,
					   .path = (uint64_t)(uintptr_t)old,
					   .path2 = (uint64_t)(uintptr_t)new_name } };
	uint32_t len;

	assert_string_equal(run_json(IMPL, KCAP_EV_IO_URING_SUBMIT, &w),
			    "\"event\":\"io_uring_submit\",\"dir\":\"exit\",\"args\":{\"opcode\":"
			    "\"IORING_OP_RENAMEAT\",\"fd\":-100,\"flags\":\"IOSQE_IO_LINK|"
			    "IOSQE_ASYNC\",\"user_data\":2748,\"path\":\"/etc/shadow\",\"path2\":"
			    "\"/tmp/x\"}}");
	/* no path: an empty parameter (null), not a fault; an unknown opcode by number */
	w.uring = (struct kcap_uring_req){ .opcode = 200, .fd = -1 };
	assert_string_equal(
		run_json(IMPL, KCAP_EV_IO_URING_SUBMIT, &w),
		"\"event\":\"io_uring_submit\",\"dir\":\"exit\",\"args\":{\"opcode\":200,"
		"\"fd\":-1,\"flags\":\"0\",\"user_data\":0,\"path\":null,\"path2\":null}}");
	memset(old, 'a', KCAP_MAX_PATH + 8);
	old[KCAP_MAX_PATH + 8] = '\0';
	w.uring.path = (uint64_t)(uintptr_t)old;
	len = run(IMPL, KCAP_EV_IO_URING_SUBMIT, &w, NULL);
	assert_int_equal(param(len, "path").len, KCAP_MAX_PATH);
	assert_int_equal(param(len, "path").data[KCAP_MAX_PATH - 1], '\0');
	assert_true(truncated(len, "path"));
	assert_false(truncated(len, "path2"));
	strcpy(old, "/etc/shadow");
}

/* Padding cannot hide data: zero-length iovecs up to the bound, then the payload. */
static void test_iovec_padding_is_marked(void **state)
{
	static uint64_t iov[2 * 40];
	static const char payload[] = "secret";
	struct mock_world w = { .args = { 1, 0x4000, 40 }, .ret = 6, .snaplen = 80 };
	uint32_t len;

	for (int i = 0; i < 39; i++)
		iov[2 * i] = 0x5000; /* length 0 */
	iov[2 * 39] = 0x5000;
	iov[2 * 39 + 1] = 6;
	mock_map(&w, 0x4000, iov, sizeof(iov));
	mock_map(&w, 0x5000, payload, 6);
	len = run(IMPL, KCAP_EV_WRITEV_X, &w, NULL);
	assert_int_equal(param(len, "data").len, 0);
	assert_true(truncated(len, "data"));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_WRITEV_X, &w), ",\"truncated\":[\"data\"]}"));
	w.args[2] = 1; /* fewer iovecs than the bound: whatever they hold, not cut */
	len = run(IMPL, KCAP_EV_WRITEV_X, &w, NULL);
	assert_false(truncated(len, "data"));
}

/* argv: cut at the bytes bound or the strings bound, exact at the end of the array. */
static void test_argv_truncation(void **state)
{
	static char big[KCAP_MAX_ARGS_LEN * 2];
	static uint64_t argv[80];
	static const char one[] = "z";
	struct mock_world w = { .args = { 0x20000, 0x30000 }, .ret = -2, .cwd = "/", .comm = "x" };
	uint32_t len, bound = IMPL == MOCK_LEGACY ? 16 : KCAP_MAX_ARGV;

	memset(big, 'a', sizeof(big) - 1);
	memset(argv, 0, sizeof(argv));
	mock_map(&w, 0x10000, big, sizeof(big));
	mock_map(&w, 0x20000, "/p", 3);
	mock_map(&w, 0x30000, argv, sizeof(argv));
	mock_map(&w, 0x40000, one, sizeof(one));
	argv[0] = 0x10000; /* one string longer than the area */
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_true(truncated(len, "args"));
	for (uint32_t i = 0; i < bound; i++) /* exactly as many strings as the bound */
		argv[i] = 0x40000;
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_int_equal(param(len, "args").len, 2 * bound);
	assert_false(truncated(len, "args"));
	argv[bound] = 0x40000; /* one more */
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_true(truncated(len, "args"));
}

/* The new image's argument area past KCAP_MAX_ARGS_LEN. */
static void test_mm_args_truncation(void **state)
{
	static char args[KCAP_MAX_ARGS_LEN + 100];
	struct mock_world w = { .ret = 0,
				.comm = "x",
				.exe = "/x",
				.cwd = "/",
				.mm_args = args,
				.mm_args_len = sizeof(args) };
	uint32_t len;

	memset(args, 'b', sizeof(args));
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_int_equal(param(len, "args").len, KCAP_MAX_ARGS_LEN);
	assert_true(truncated(len, "args"));
	w.mm_args_len = KCAP_MAX_ARGS_LEN;
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_false(truncated(len, "args"));
}

/* A path deeper than the walk goes is marked and starts with "...": never read as absolute. */
static void test_deep_paths_are_marked(void **state)
{
	static char deep[64 * 2 + 16];
	struct mock_world w = { .ret = 0, .comm = "x", .cwd = "/" };
	uint32_t len, depth = IMPL == MOCK_LEGACY ? 16 : KCAP_MAX_PATH_DEPTH;
	struct kcap_param p;

	memset(deep, 0, sizeof(deep));
	for (uint32_t i = 0; i < depth + 4; i++)
		memcpy(deep + 2 * i, "/d", 2);
	w.exe = deep;
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	p = param(len, "exe");
	assert_true(p.truncated);
	assert_memory_equal(p.data, ".../d/d", 7);
	assert_int_equal(p.len, 3 + 2 * depth + 1);
	deep[2 * (depth - 1)] = '\0'; /* the deepest that fits: the last step finds the root */
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_false(truncated(len, "exe"));
	assert_string_equal((const char *)param(len, "exe").data, deep);
}

static void test_generic_event_names_the_syscall(void **state)
{
	struct mock_world w = { .ret = 1, .syscall_id = 110 };

	assert_string_equal(
		run_json(IMPL, KCAP_EV_GENERIC_X, &w),
		"\"event\":\"getppid\",\"dir\":\"exit\",\"ret\":1,\"args\":{\"id\":110}}");
}

/* A 32-bit syscall: its ia32 number by name in text, its registers truncated to 32 bits. */
static void test_compat_event_has_the_ia32_call(void **state)
{
	struct mock_world w = { .ret = -9,
				.syscall_id = 6,
				.ia32 = true,
				.args = { 987654, 0xffffffff00000001ull, 2, 3, 4, 5 } };

	assert_string_equal(
		run_json(IMPL, KCAP_EV_COMPAT_X, &w),
		"\"event\":\"compat_syscall\",\"dir\":\"exit\",\"ret\":-9,\"args\":{"
		"\"id\":6,\"a0\":987654,\"a1\":1,\"a2\":2,\"a3\":3,\"a4\":4,\"a5\":5}}");
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_COMPAT_X, &w),
			       "compat_syscall res=-9(EBADF) id=close a0=0xf1206"));
}

static void test_argv_stops_at_the_bound(void **state)
{
	static char big[KCAP_MAX_ARGS_LEN * 2];
	static uint64_t argv[80];
	struct mock_world w = { .args = { 0x20000, 0x30000 }, .ret = -2, .cwd = "/", .comm = "x" };
	static const char one[] = "z";
	uint32_t len, bound = IMPL == MOCK_LEGACY ? 16 : KCAP_MAX_ARGV;

	memset(big, 'a', sizeof(big) - 1);
	argv[0] = argv[1] = argv[2] = 0x10000;
	mock_map(&w, 0x10000, big, sizeof(big));
	mock_map(&w, 0x20000, "/p", 3);
	mock_map(&w, 0x30000, argv, sizeof(argv));
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_int_equal(param(len, "args").len, KCAP_MAX_ARGS_LEN);
	/* 79 short strings: only the backend's bound of them */
	for (int i = 0; i < 79; i++)
		argv[i] = 0x40000;
	mock_map(&w, 0x40000, one, sizeof(one));
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_int_equal(param(len, "args").len, 2 * bound);
}

static void test_paths_walk_the_dentries(void **state)
{
	struct mock_world w = { .ret = 0, .comm = "x", .exe = "/usr//lib/x", .cwd = NULL };
	uint32_t len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	struct kcap_param p = param(len, "exe");

	assert_string_equal((const char *)p.data, "/usr/lib/x");
	assert_int_equal(p.len, sizeof("/usr/lib/x"));
	w.cwd = "/"; /* the root itself */
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_string_equal((const char *)param(len, "cwd").data, "/");
}

/* The eBPF probes without their work area: the loop-using parameters are unreadable. */
static void test_no_work_area_is_a_fault(void **state)
{
	static const char a[] = "abc";
	uint64_t iov[2] = { 0x5000, 3 };
	struct mock_world w = {
		.args = { 1, 0x4000, 1 }, .ret = 3, .snaplen = 80, .no_work_area = true
	};

	mock_map(&w, 0x4000, iov, sizeof(iov));
	mock_map(&w, 0x5000, a, 3);
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_WRITEV_X, &w),
			       IMPL == MOCK_KMOD ? "\"data\":\"abc\"" : "\"data\":null"));
}

/* The module writes in place: an event larger than the ring's free space is dropped. */
static void test_module_drops_what_does_not_fit_the_ring(void **state)
{
	static const char data[80] = "x";
	struct mock_world w = { .args = { 5, 0x3000, 80 }, .ret = 80, .snaplen = 80 };
	struct mock_result r;
	uint32_t need;

	(void)state;
	mock_map(&w, 0x3000, data, sizeof(data));
	need = mock_run(MOCK_KMOD, KCAP_EV_READ_X, &w, buf).len;
	assert_int_equal(need, KCAP_HDR_SIZE + 2 * 4 + 8 + 4 + 80 + 8);
	w.ring_room = need; /* exactly enough */
	assert_int_equal(mock_run(MOCK_KMOD, KCAP_EV_READ_X, &w, buf).len, need);
	w.ring_room = need - 1;
	r = mock_run(MOCK_KMOD, KCAP_EV_READ_X, &w, buf);
	assert_int_equal(r.len, 0);
	assert_null(r.param_error);
}

/*
 * Stacked mounts cannot make a deep path pass for a short one: the walk
 * crosses each mount (a step each) and marks what it could not finish.
 */
static void test_stacked_mounts_cannot_forge_a_path(void **state)
{
	struct mock_world w = { .ret = 0,
				.comm = "x",
				.cwd = "/",
				.exe = "/usr/sbin/sshd",
				.mount_at = "/tmp/m",
				.stacked_mounts = 3 };
	uint32_t len, depth = IMPL == MOCK_LEGACY ? 16 : KCAP_MAX_PATH_DEPTH;

	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_string_equal((const char *)param(len, "exe").data, "/tmp/m/usr/sbin/sshd");
	assert_false(truncated(len, "exe"));
	w.stacked_mounts = (int)depth;
	len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);
	assert_string_equal((const char *)param(len, "exe").data, ".../usr/sbin/sshd");
	assert_true(truncated(len, "exe"));
}

/* A chroot does not move paths: they stay absolute, the root is a parameter of its own. */
static void test_chroot_cannot_forge_a_path(void **state)
{
	struct mock_world w = { .ret = 0,
				.comm = "x",
				.cwd = "/jail/tmp",
				.exe = "/jail/usr/sbin/sshd",
				.root = "/jail" };
	uint32_t len = run(IMPL, KCAP_EV_EXECVE_X, &w, NULL);

	assert_string_equal((const char *)param(len, "exe").data, "/jail/usr/sbin/sshd");
	assert_string_equal((const char *)param(len, "cwd").data, "/jail/tmp");
	assert_string_equal((const char *)param(len, "root").data, "/jail");
}

/* A kernel whose struct mount the module does not know: paths from d_path(), still delivered. */
static void test_module_without_the_mount_layout_uses_d_path(void **state)
{
	struct mock_world w = {
		.ret = 0, .comm = "x", .cwd = "/jail/tmp", .exe = "/jail/bin/x", .root = "/jail"
	};
	uint32_t len;

	(void)state;
	kcap_mount_layout_ok = false;
	len = run(MOCK_KMOD, KCAP_EV_EXECVE_X, &w, NULL);
	kcap_mount_layout_ok = true;
	assert_string_equal((const char *)param(len, "exe").data, "/bin/x");
	assert_string_equal((const char *)param(len, "root").data, "/");
}

/* utimensat's NULL path is no path (not a fault); getcwd reads the path only on success. */
static void test_null_by_design_paths_are_not_faults(void **state)
{
	static const char cwd[] = "/srv/x";
	struct mock_world u = { .args = { 5, 0, 0, 0x100 }, .ret = 0 };
	struct mock_world g = { .args = { 0x3000, 4096 }, .ret = sizeof(cwd) };
	uint32_t faults;

	assert_non_null(strstr(run_text(IMPL, KCAP_EV_UTIMENSAT_X, &u),
			       "< utimensat res=0 dirfd=5 path=NULL flags=AT_SYMLINK_NOFOLLOW"));
	run(IMPL, KCAP_EV_UTIMENSAT_X, &u, &faults);
	assert_int_equal(faults, 0);
	mock_map(&g, 0x3000, cwd, sizeof(cwd));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_GETCWD_X, &g),
			       "\"ret\":7,\"args\":{\"path\":\"/srv/x\",\"size\":4096}"));
	g.ret = -34; /* ERANGE: the buffer holds nothing to read */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_GETCWD_X, &g),
			       "\"ret\":-34,\"args\":{\"path\":null,\"size\":4096}"));
	run(IMPL, KCAP_EV_GETCWD_X, &g, &faults);
	assert_int_equal(faults, 0);
	/* an unreadable pointer where a path is required is a fault */
	u.args[1] = 0xdead0000;
	run(IMPL, KCAP_EV_UTIMENSAT_X, &u, &faults);
	assert_int_equal(faults, 1);
}

/* mknodat: the mode's file type and the device number decoded (dev as glibc's makedev). */
static void test_mknodat_mode_and_device(void **state)
{
	static const char path[] = "/dev/x";
	/* major 259, minor 65537 in the syscall's 32-bit encoding */
	uint32_t dev = (259u & 0xfff) << 8 | (65537u & 0xff) | (65537u & 0xfff00) << 12;
	struct mock_world w = { .args = { (uint64_t)-100, 0x4000, 020600, dev }, .ret = -1 };

	mock_map(&w, 0x4000, path, sizeof(path));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_MKNODAT_X, &w),
			       "< mknodat res=-1(EPERM) dirfd=AT_FDCWD path=/dev/x "
			       "mode=S_IFCHR|0600 dev=259:65537"));
}

/* pipe's descriptors come from user memory at exit: unreadable there, -1 when it failed. */
static void test_pipe_reads_the_new_descriptors(void **state)
{
	static const int32_t fds[2] = { 7, 8 };
	struct mock_world w = { .args = { 0x5000, 02000000 }, .ret = 0 };
	uint32_t faults;

	mock_map(&w, 0x5000, fds, sizeof(fds));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PIPE2_X, &w),
			       "{\"fd0\":7,\"fd1\":8,\"flags\":\"O_CLOEXEC\"}"));
	/* only the first int readable: the second is unreadable, the event delivered */
	w.args[0] = 0x5000 + 4096 - 4;
	mock_map(&w, 0x5000 + 4096 - 4, fds, 4);
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PIPE2_X, &w), "{\"fd0\":7,\"fd1\":null,"));
	run(IMPL, KCAP_EV_PIPE2_X, &w, &faults);
	assert_int_equal(faults, 1);
	w.args[0] = 0xdead0000;
	run(IMPL, KCAP_EV_PIPE2_X, &w, &faults);
	assert_int_equal(faults, 2);
	w.ret = -14;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PIPE2_X, &w), "{\"fd0\":-1,\"fd1\":-1,"));
	run(IMPL, KCAP_EV_PIPE2_X, &w, &faults);
	assert_int_equal(faults, 0);
}

/* fstat's and statx's results come from the caller's buffer at exit; 0 when the call failed. */
static void test_stat_results_read_at_exit(void **state)
{
	uint8_t st[144] = { 0 }, stx[256] = { 0 };
	uint64_t ino = 1234567, size = 42, nlink = 2;
	uint32_t dev = 8 << 8 | 1, mode = 0100644, uid = 1000, gid = 100;
	uint32_t mask = 0x7ff, major = 8, minor = 1, nlink32 = 2;
	uint16_t mode16 = 040755;
	struct mock_world w = { .args = { 3, 0x5000 }, .ret = 0 };
	struct mock_world x = { .args = { (uint64_t)-100, 0x4000, 0, 0x7ff, 0x6000 }, .ret = 0 };
	uint32_t faults;

	memcpy(st + 0, &dev, 4);
	memcpy(st + 8, &ino, 8);
	memcpy(st + 16, &nlink, 8);
	memcpy(st + 24, &mode, 4);
	memcpy(st + 28, &uid, 4);
	memcpy(st + 32, &gid, 4);
	memcpy(st + 48, &size, 8);
	mock_map(&w, 0x5000, st, sizeof(st));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_FSTAT_X, &w),
			       "< fstat res=0 fd=3 st_dev=8:1 st_ino=1234567 st_mode=S_IFREG|0644 "
			       "st_nlink=2 st_uid=1000 st_gid=100 st_size=42"));
	w.ret = -9;
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_FSTAT_X, &w),
		       "{\"fd\":3,\"st_dev\":0,\"st_ino\":0,\"st_mode\":\"0\",\"st_nlink\":0,"
		       "\"st_uid\":0,\"st_gid\":0,\"st_size\":0}"));
	run(IMPL, KCAP_EV_FSTAT_X, &w, &faults);
	assert_int_equal(faults, 0);
	/* a successful call whose buffer is gone by exit: every field unreadable */
	w.ret = 0;
	w.args[1] = 0xdead0000;
	run(IMPL, KCAP_EV_FSTAT_X, &w, &faults);
	assert_int_equal(faults, 7);

	memcpy(stx + 0, &mask, 4);
	memcpy(stx + 16, &nlink32, 4);
	memcpy(stx + 20, &uid, 4);
	memcpy(stx + 24, &gid, 4);
	memcpy(stx + 28, &mode16, 2);
	memcpy(stx + 32, &ino, 8);
	memcpy(stx + 40, &size, 8);
	memcpy(stx + 136, &major, 4);
	memcpy(stx + 140, &minor, 4);
	mock_map(&x, 0x4000, "/d", 3);
	mock_map(&x, 0x6000, stx, sizeof(stx));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_STATX_X, &x),
			       "\"stx_dev_major\":8,\"stx_dev_minor\":1,\"stx_ino\":1234567,"
			       "\"stx_mode\":\"S_IFDIR|0755\",\"stx_nlink\":2,\"stx_uid\":1000,"
			       "\"stx_gid\":100,\"stx_size\":42}"));
	x.ret = -2;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_STATX_X, &x),
			       "\"stx_mask\":\"0\",\"stx_dev_major\":0,"));
}

/* The vector calls gather like readv: iovcnt past the array's end makes the data unreadable. */
static void test_pwritev2_gathers_and_survives_a_short_array(void **state)
{
	static const char a[] = "abc", b[] = "defgh";
	uint64_t iov[4] = { 0x5000, 3, 0x6000, 5 };
	struct mock_world w = { .args = { 1, 0x4000, 2, 100, 0, 2 }, .ret = 8, .snaplen = 80 };

	mock_map(&w, 0x4000, iov, sizeof(iov));
	mock_map(&w, 0x5000, a, 3);
	mock_map(&w, 0x6000, b, 5);
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PWRITEV2_X, &w),
			       "{\"fd\":1,\"data\":\"abcdefgh\",\"iovcnt\":2,\"pos\":100,"
			       "\"flags\":\"RWF_DSYNC\"}"));
	w.args[2] = 1000; /* the array ends after two: the third iovec is unmapped */
	w.ret = -14;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PWRITEV2_X, &w), "\"data\":null"));
}

/* Offsets behind user pointers: their value at exit, -1 for NULL, unreadable for a bad one. */
static void test_splice_offsets(void **state)
{
	static const int64_t off = 4096;
	struct mock_world w = { .args = { 3, 0x7000, 4, 0, 512, 1 }, .ret = 512 };
	uint32_t faults;

	mock_map(&w, 0x7000, &off, sizeof(off));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SPLICE_X, &w),
			       "{\"fd_in\":3,\"off_in\":4096,\"fd_out\":4,\"off_out\":-1,"
			       "\"len\":512,\"flags\":\"SPLICE_F_MOVE\"}"));
	w.args[3] = 0x7000 + 4096 - 4; /* half of it readable */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SPLICE_X, &w), "\"off_out\":null"));
	run(IMPL, KCAP_EV_SPLICE_X, &w, &faults);
	assert_int_equal(faults, 1);
}

/* sendmsg reads its msghdr: cut short, its fields are unreadable; the event is delivered. */
static void test_sendmsg_msghdr_hostile(void **state)
{
	static const char a[] = "abc";
	static const uint8_t bogus[] = { 0xee, 0xee, 1, 2 }; /* no such family */
	uint64_t iov[2] = { 0x5000, 3 };
	uint64_t msg[7] = { 0x6000, sizeof(bogus), 0x4000, 1, 0, 0, 0 };
	struct mock_world w = { .args = { 3, 0x3000, 0x40 }, .ret = 3, .snaplen = 80 };
	uint32_t faults;

	mock_map(&w, 0x3000, msg, sizeof(msg));
	mock_map(&w, 0x4000, iov, sizeof(iov));
	mock_map(&w, 0x5000, a, 3);
	mock_map(&w, 0x6000, bogus, sizeof(bogus));
	assert_non_null(strstr(
		run_json(IMPL, KCAP_EV_SENDMSG_X, &w),
		"{\"fd\":3,\"data\":\"abc\",\"iovcnt\":1,\"addr\":"
		"\"family=61166\",\"flags\":\"MSG_DONTWAIT\",\"local\":null,\"remote\":null}"));
	/* msg_iovlen larger than the array: the second iovec is unmapped */
	msg[3] = 1u << 20;
	mock_map(&w, 0x3000, msg, sizeof(msg));
	w.ret = -14;
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_SENDMSG_X, &w), "\"data\":null,\"iovcnt\":1048576,"));
	/* a msghdr whose end is not mapped: only its name and namelen can be read */
	w.args[1] = 0x7000 + 4096 - 16;
	mock_map(&w, 0x7000 + 4096 - 16, msg, 16);
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SENDMSG_X, &w),
			       "{\"fd\":3,\"data\":null,\"iovcnt\":null,\"addr\":null,"));
	run(IMPL, KCAP_EV_SENDMSG_X, &w, &faults);
	assert_int_equal(faults, 3);
}

/*
 * poll's entries and select's fd_sets: nfds entries up to the KCAP_MAX_ARRAY
 * bound (cut past it), an array shorter than nfds or a bad pointer
 * unreadable, NULL no value; the event is delivered every time.
 */
static void test_poll_and_select_user_arrays(void **state)
{
	static int32_t pfds[2 * 20];
	static const uint64_t set = 1u << 3 | 1u << 9, wide[32] = { 1u << 5 };
	static const uint64_t sigs = 1u << 9, sigarg[2] = { 0x9000, 8 };
	static const int64_t ts[2] = { 2, 3 };
	struct mock_world w = { .args = { 0x7000, 2, 0 }, .ret = 0 };
	uint32_t len, faults;

	for (int i = 0; i < 20; i++)
		pfds[2 * i] = i, pfds[2 * i + 1] = 1 | 4 << 16; /* POLLIN, revents POLLOUT */
	mock_map(&w, 0x7000, pfds, sizeof(pfds));
	len = run(IMPL, KCAP_EV_POLL_X, &w, NULL);
	assert_int_equal(param(len, "fds").len, 16);
	assert_false(truncated(len, "fds"));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_POLL_X, &w),
			       "\"fds\":[{\"fd\":0,\"events\":\"POLLIN\",\"revents\":\"POLLOUT\"},"
			       "{\"fd\":1,\"events\":\"POLLIN\",\"revents\":\"POLLOUT\"}]}}"));
	w.args[1] = 20; /* more than the bound: 16 entries, cut */
	len = run(IMPL, KCAP_EV_POLL_X, &w, NULL);
	assert_int_equal(param(len, "fds").len, KCAP_MAX_ARRAY);
	assert_true(truncated(len, "fds"));
	w.args[1] = 1u << 31; /* huge: the same */
	len = run(IMPL, KCAP_EV_POLL_X, &w, NULL);
	assert_int_equal(param(len, "fds").len, KCAP_MAX_ARRAY);
	w.args[0] = 0x7000 + sizeof(pfds) - 24; /* nfds bigger than the 3 entries mapped */
	w.args[1] = 5;
	run(IMPL, KCAP_EV_POLL_X, &w, &faults);
	assert_int_equal(faults, 1);
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_POLL_X, &w), "\"fds\":null"));
	w.args[0] = 0xffffffff81000000ull;
	run(IMPL, KCAP_EV_POLL_X, &w, &faults);
	assert_int_equal(faults, 1);
	w.args[0] = 0;
	run(IMPL, KCAP_EV_POLL_X, &w, &faults);
	assert_int_equal(faults, 0);

	/* ppoll: its timespec and sigset, NULL ones no value */
	w = (struct mock_world){ .args = { 0x7000, 1, 0x8000, 0x9000, 8 }, .ret = 1 };
	mock_map(&w, 0x7000, pfds, sizeof(pfds));
	mock_map(&w, 0x8000, ts, sizeof(ts));
	mock_map(&w, 0x9000, &sigs, sizeof(sigs));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PPOLL_X, &w),
			       "\"timeout\":{\"tv_sec\":2,\"tv_nsec\":3},\"sigmask\":[\"SIGUSR1\"],"
			       "\"sigsetsize\":8}}"));
	w.args[2] = w.args[3] = 0;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PPOLL_X, &w),
			       "\"timeout\":null,\"sigmask\":null,\"sigsetsize\":8}}"));

	/* select: nfds bits of each set, rounded up to a long */
	w = (struct mock_world){ .args = { 10, 0x7000, 0, 0xdead0000, 0x8000 }, .ret = 2 };
	mock_map(&w, 0x7000, &set, sizeof(set));
	mock_map(&w, 0x8000, ts, sizeof(ts));
	len = run(IMPL, KCAP_EV_SELECT_X, &w, &faults);
	assert_int_equal(faults, 1);
	assert_int_equal(param(len, "readfds").len, 8);
	assert_string_equal(strstr(run_json(IMPL, KCAP_EV_SELECT_X, &w), "\"args\""),
			    "\"args\":{\"nfds\":10,\"readfds\":[3,9],\"writefds\":null,"
			    "\"exceptfds\":null,\"timeout\":{\"tv_sec\":2,\"tv_usec\":3}}}");
	w.args[0] = 4; /* fd 9 is past nfds */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SELECT_X, &w), "\"readfds\":[3],"));
	w.args[0] = (uint32_t)-1; /* negative: the kernel reads no set */
	len = run(IMPL, KCAP_EV_SELECT_X, &w, &faults);
	assert_int_equal(faults, 0);
	assert_int_equal(param(len, "readfds").len, 0);
	w.args[0] = 1u << 20; /* past 1024 descriptors: 128 bytes, cut */
	w.args[1] = 0x6000;
	mock_map(&w, 0x6000, wide, sizeof(wide));
	len = run(IMPL, KCAP_EV_SELECT_X, &w, NULL);
	assert_int_equal(param(len, "readfds").len, KCAP_MAX_ARRAY);
	assert_true(truncated(len, "readfds"));
	assert_false(truncated(len, "writefds"));

	/* pselect6: the sigset behind its sixth argument's struct */
	w = (struct mock_world){ .args = { 10, 0x7000, 0, 0, 0x8000, 0xa000 }, .ret = 1 };
	mock_map(&w, 0x7000, &set, sizeof(set));
	mock_map(&w, 0x8000, ts, sizeof(ts));
	mock_map(&w, 0x9000, &sigs, sizeof(sigs));
	mock_map(&w, 0xa000, sigarg, sizeof(sigarg));
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_PSELECT6_X, &w),
		       "\"timeout\":{\"tv_sec\":2,\"tv_nsec\":3},\"sigmask\":[\"SIGUSR1\"]}}"));
	w.args[5] = 0xdead0000;
	run(IMPL, KCAP_EV_PSELECT6_X, &w, &faults);
	assert_int_equal(faults, 1);
	w.args[5] = 0;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PSELECT6_X, &w), "\"sigmask\":null}}"));
}

/* utimes' two timevals and utime's struct utimbuf as the caller passed them. */
static void test_old_time_setters(void **state)
{
	static const int64_t times[4] = { 100, 5, 200, 6 };
	struct mock_world w = { .args = { 0x7000, 0x8000 }, .ret = 0 };

	mock_map(&w, 0x7000, "/f", 3);
	mock_map(&w, 0x8000, times, sizeof(times));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_UTIMES_X, &w),
			       "{\"path\":\"/f\",\"times\":[{\"tv_sec\":100,\"tv_usec\":5},"
			       "{\"tv_sec\":200,\"tv_usec\":6}]}}"));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_UTIME_X, &w),
			       "{\"path\":\"/f\",\"times\":{\"actime\":100,\"modtime\":5}}}"));
	w.args[1] = 0x8000 + sizeof(times) - 16; /* one timeval mapped of two */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_UTIMES_X, &w), "\"times\":null"));
	w.args[0] = (uint64_t)-100;
	w.args[1] = 0;
	w.args[2] = 0x8000;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_FUTIMESAT_X, &w),
			       "dirfd=AT_FDCWD path=NULL times=[{tv_sec=100,tv_usec=5},"
			       "{tv_sec=200,tv_usec=6}]"));
}

/* getresuid: the ids read through three pointers at exit; none for a failed call. */
static void test_getresuid_reads_the_returned_ids(void **state)
{
	static const uint32_t r = 1000, e = 0, su = 4294967294u;
	struct mock_world w = { .args = { 0x3000, 0x4000, 0x5000 }, .ret = 0 };
	uint32_t faults;

	mock_map(&w, 0x3000, &r, 4);
	mock_map(&w, 0x4000, &e, 4);
	mock_map(&w, 0x5000, &su, 4);
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_GETRESUID_X, &w),
			       "{\"ruid\":1000,\"euid\":0,\"suid\":4294967294}"));
	/* a pointer unmapped by exit (another thread's munmap): that id alone is unreadable */
	w.args[1] = 0xdead0000;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_GETRESGID_X, &w),
			       "{\"rgid\":1000,\"egid\":null,\"sgid\":4294967294}"));
	run(IMPL, KCAP_EV_GETRESGID_X, &w, &faults);
	assert_int_equal(faults, 1);
	/* failed: nothing to read, and no fault */
	w.ret = -14;
	w.args[0] = 0;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_GETRESUID_X, &w),
			       "< getresuid res=-14(EFAULT) ruid=4294967295 euid=4294967295 "
			       "suid=4294967295"));
	run(IMPL, KCAP_EV_GETRESUID_X, &w, &faults);
	assert_int_equal(faults, 0);
}

/* capset: header and the 64-bit sets by name; version 1's one word; short and bad memory. */
static void test_capset_sets_by_name(void **state)
{
	/* version 3, pid 77 */
	static const uint32_t hdr3[2] = { 0x20080522, 77 };
	static const uint32_t hdr1[2] = { 0x19980330, 0 };
	static const uint32_t hdr_odd[2] = { 0x12345678, (uint32_t)-1 };
	/* eff: CAP_CHOWN|CAP_CHECKPOINT_RESTORE; perm: CAP_SETUID and bit 63; inh: CAP_SYS_ADMIN */
	static const uint32_t data3[6] = { 1, 1u << 7, 1u << 21, 1u << 8, 1u << 31, 0 };
	static const uint32_t data1[3] = { 1u << 5, 0xffffffffu, 0 };
	struct mock_world w = { .args = { 0x3000, 0x4000 }, .ret = 0 };
	uint32_t faults;

	mock_map(&w, 0x3000, hdr3, sizeof(hdr3));
	mock_map(&w, 0x4000, data3, sizeof(data3));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CAPSET_X, &w),
			       "{\"version\":\"_LINUX_CAPABILITY_VERSION_3\",\"pid\":77,"
			       "\"effective\":\"CAP_CHOWN|CAP_CHECKPOINT_RESTORE\","
			       "\"permitted\":\"CAP_SETUID|0x8000000000000000\","
			       "\"inheritable\":\"CAP_SYS_ADMIN\"}"));
	/* version 1: 12 bytes at the end of a mapping, the high words are not read */
	w.args[0] = 0x3100;
	mock_map(&w, 0x3100, hdr1, sizeof(hdr1));
	w.args[1] = 0x6000 - sizeof(data1);
	mock_map(&w, 0x6000 - sizeof(data1), data1, sizeof(data1));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_CAPSET_X, &w),
			       "version=_LINUX_CAPABILITY_VERSION_1 pid=0 effective=CAP_KILL "
			       "permitted=CAP_CHOWN|"));
	assert_non_null(strstr(line, "|CAP_SETFCAP inheritable=0"));
	run(IMPL, KCAP_EV_CAPSET_X, &w, &faults);
	assert_int_equal(faults, 0);
	/* the same 12 bytes read as version 3 (24 bytes): the sets are unreadable */
	w.args[0] = 0x3200;
	mock_map(&w, 0x3200, hdr_odd, sizeof(hdr_odd));
	w.ret = -22;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CAPSET_X, &w),
			       "{\"version\":305419896,\"pid\":-1,\"effective\":null,"
			       "\"permitted\":null,\"inheritable\":null}"));
	run(IMPL, KCAP_EV_CAPSET_X, &w, &faults);
	assert_int_equal(faults, 3);
	/* no header at all */
	w.args[0] = 0;
	w.args[1] = 0x4000;
	w.ret = -14;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_CAPSET_X, &w),
			       "{\"version\":null,\"pid\":null,\"effective\":"
			       "\"CAP_CHOWN|CAP_CHECKPOINT_RESTORE\""));
}

/* mount: NULL source and fstype by design are no faults; flags the kernel keeps for itself in hex. */
static void test_mount_and_namespace_flags(void **state)
{
	static const char target[] = "/mnt";
	struct mock_world w = { .args = { 0, 0x3000, 0, (1ul << 30) | (1ul << 18) | 1, 0x5000 },
				.ret = 0 };
	struct mock_world u = { .args = { 0x20000 | 0x80 | 0x1 | (1ull << 40) }, .ret = -22 };
	struct mock_world n = { .args = { 3, 0 }, .ret = 0 };
	uint32_t faults;

	mock_map(&w, 0x3000, target, sizeof(target));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_MOUNT_X, &w),
			       "< mount res=0 source=NULL target=/mnt fstype=NULL "
			       "flags=MS_RDONLY|MS_PRIVATE|0x40000000 data=0x5000"));
	run(IMPL, KCAP_EV_MOUNT_X, &w, &faults);
	assert_int_equal(faults, 0);
	w.args[1] = 0xdead0000;
	w.args[2] = 0xdead0000;
	run(IMPL, KCAP_EV_MOUNT_X, &w, &faults);
	assert_int_equal(faults, 2);
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_UNSHARE_X, &u),
		       "< unshare res=-22(EINVAL) flags=CLONE_NEWNS|CLONE_NEWTIME|0x10000000001"));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SETNS_X, &n), "{\"fd\":3,\"nstype\":\"0\"}"));
}

/* prctl's arguments decoded by option; the name read only where there is one. */
static void test_prctl_arguments_by_option(void **state)
{
	static const char name[] = "evil\n\x1b[2J";
	struct mock_world w = { .args = { 15, 0x3000 }, .ret = 0 };
	uint32_t faults;

	mock_map(&w, 0x3000, name, sizeof(name));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PRCTL_X, &w),
			       "{\"option\":\"PR_SET_NAME\",\"arg2\":12288,\"arg3\":0,\"arg4\":0,"
			       "\"arg5\":0,\"name\":\"evil\\n\\u001b[2J\"}"));
	/* PR_GET_NAME that failed: the buffer holds nothing, no fault */
	w.args[0] = 16;
	w.ret = -14;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PRCTL_X, &w), "\"name\":null}"));
	run(IMPL, KCAP_EV_PRCTL_X, &w, &faults);
	assert_int_equal(faults, 0);
	w.ret = 0;
	w.args[0] = 1; /* PR_SET_PDEATHSIG */
	w.args[1] = 9;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PRCTL_X, &w),
			       "option=PR_SET_PDEATHSIG arg2=SIGKILL arg3=0x0"));
	w.args[0] = 24; /* PR_CAPBSET_DROP: a capability no kernel has */
	w.args[1] = 99;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PRCTL_X, &w), "arg2=99 arg3=0x0"));
	w.args[0] = 47; /* PR_CAP_AMBIENT_CLEAR_ALL: arg3 is no capability */
	w.args[1] = 4;
	w.args[2] = 5;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PRCTL_X, &w),
			       "arg2=PR_CAP_AMBIENT_CLEAR_ALL arg3=0x5"));
	w.args[1] = 2;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PRCTL_X, &w),
			       "arg2=PR_CAP_AMBIENT_RAISE arg3=CAP_KILL"));
	w.args[0] = 0xdeadbeef; /* no such option: raw values */
	w.args[1] = ~0ull;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PRCTL_X, &w),
			       "option=3735928559 arg2=0xffffffffffffffff arg3=0x5"));
	w.args[0] = 22; /* PR_SET_SECCOMP with a mode no kernel has */
	w.args[1] = 7;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PRCTL_X, &w),
			       "\"option\":\"PR_SET_SECCOMP\",\"arg2\":7,\"arg3\":5"));
}

/* seccomp: operation by name, unknown flags in hex. */
static void test_seccomp_operation_and_flags(void **state)
{
	struct mock_world w = { .args = { 1, 0x8 | 0x2 | 0x100, 0x4000 }, .ret = -22 };

	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_SECCOMP_X, &w),
		       "< seccomp res=-22(EINVAL) operation=SECCOMP_SET_MODE_FILTER "
		       "flags=SECCOMP_FILTER_FLAG_LOG|SECCOMP_FILTER_FLAG_NEW_LISTENER|0x100 "
		       "args=0x4000"));
	w.args[0] = 9;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SECCOMP_X, &w), "{\"operation\":9,"));
}

/* Limits read at exit: RLIM_INFINITY by name, NULL and failed calls 0, bad pointers unreadable. */
static void test_rlimits_read_at_exit(void **state)
{
	static const uint64_t lim[2] = { 1024, ~0ull };
	static const uint64_t half[1] = { 7 };
	struct mock_world w = { .args = { 0, 7, 0x3000, 0x4000 }, .ret = 0 };
	uint32_t faults;

	mock_map(&w, 0x3000, lim, sizeof(lim));
	mock_map(&w, 0x4000, lim, sizeof(lim));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PRLIMIT64_X, &w),
			       "{\"pid\":0,\"resource\":\"RLIMIT_NOFILE\",\"new_cur\":1024,"
			       "\"new_max\":\"RLIM_INFINITY\",\"old_cur\":1024,"
			       "\"old_max\":\"RLIM_INFINITY\"}"));
	/* failed: the old limits were not written; no new ones passed */
	w.ret = -1;
	w.args[1] = 4000000000u;
	w.args[2] = 0;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PRLIMIT64_X, &w),
			       "< prlimit64 res=-1(EPERM) pid=0 resource=4000000000 new_cur=0 "
			       "new_max=0 old_cur=0 old_max=0"));
	run(IMPL, KCAP_EV_PRLIMIT64_X, &w, &faults);
	assert_int_equal(faults, 0);
	/* a struct cut by the end of its mapping: its second half is unreadable */
	struct mock_world s = { .args = { 4, 0x5000 }, .ret = -14 };

	mock_map(&s, 0x5000, half, sizeof(half));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SETRLIMIT_X, &s),
			       "{\"resource\":\"RLIMIT_CORE\",\"rlim_cur\":7,\"rlim_max\":null}"));
	run(IMPL, KCAP_EV_SETRLIMIT_X, &s, &faults);
	assert_int_equal(faults, 1);
	s.ret = 0;
	s.args[1] = 0xdead0000;
	run(IMPL, KCAP_EV_GETRLIMIT_X, &s, &faults);
	assert_int_equal(faults, 2);
}

/* personality's domain and flags both ways; memfd's flags with hugetlb size bits. */
static void test_personality_and_memfd_flags(void **state)
{
	static const char name[] = "x";
	struct mock_world p = { .args = { 0xffffffff }, .ret = 0x0800008 };
	struct mock_world m = { .args = { 0x3000, 0x1 | 0x4 | (21u << 26) }, .ret = 5 };

	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PERSONALITY_X, &p),
			       "< personality res=PER_LINUX32|ADDR_LIMIT_32BIT persona=0xff|"));
	assert_non_null(strstr(line, "|ADDR_LIMIT_3GB|0xf001ff00"));
	mock_map(&m, 0x3000, name, sizeof(name));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_MEMFD_CREATE_X, &m),
			       "\"ret\":5,\"args\":{\"name\":\"x\","
			       "\"flags\":\"MFD_CLOEXEC|MFD_HUGETLB|0x54000000\"}"));
}

/* Memory calls: advice and flags by name, unknown ones as numbers; brk's result an address. */
static void test_memory_calls_decoded(void **state)
{
	struct mock_world m = { .args = { 0x7000, 4096, 8192, 0x1 | 0x4 | 0x80, 0x9000 },
				.ret = 0x9000 };
	struct mock_world a = { .args = { 0x7000, 4096, 102 }, .ret = 0 };
	struct mock_world b = { .args = { 1 }, .ret = 0x555555550000 };
	struct mock_world l = { .args = { 0x2 | 0x4 | 0x10 }, .ret = -22 };

	assert_non_null(strstr(run_text(IMPL, KCAP_EV_MREMAP_X, &m),
			       "< mremap res=0x9000 old_addr=0x7000 old_size=4096 new_size=8192 "
			       "flags=MREMAP_MAYMOVE|MREMAP_DONTUNMAP|0x80 new_addr=0x9000"));
	m.ret = -12;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_MREMAP_X, &m), "res=-12(ENOMEM)"));
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_MADVISE_X, &a),
		       "{\"addr\":28672,\"length\":4096,\"advice\":\"MADV_GUARD_INSTALL\"}"));
	a.args[2] = 0xffffffff;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_MADVISE_X, &a), "\"advice\":4294967295}"));
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_BRK_X, &b), "< brk res=0x555555550000 addr=0x1"));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_MLOCKALL_X, &l),
			       "< mlockall res=-22(EINVAL) flags=MCL_FUTURE|MCL_ONFAULT|0x10"));
}

/*
 * wait4's status word and waitid's siginfo, read at exit: exited with a code,
 * killed or dumped by a signal, stopped, continued; nothing when no child was
 * reaped; unreadable when the memory is not.
 */
static void test_wait_child_state(void **state)
{
	/* at the end of a mapping: read through its aligned word */
	static const uint32_t exited[2] = { 0, 7 << 8 };
	/* killed by SIGSEGV with a core, stopped by SIGSTOP, continued */
	static const uint32_t others[4] = { 0x80 | 11, (19 << 8) | 0x7f, 0xffff, 0 };
	/* si_signo, si_errno, si_code, pad, si_pid, si_uid, si_status */
	static const int32_t killed_info[8] = { 17, 0, 2, 0, 4321, 1000, 15, 0 };
	struct mock_world w = { .args = { (uint64_t)-1, 0x3004, 0x40000001, 0x5000 }, .ret = 4321 };
	uint32_t faults;

	mock_map(&w, 0x3000, exited, sizeof(exited));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_WAIT4_X, &w),
			       "{\"pid\":-1,\"status\":1792,\"options\":\"WNOHANG|__WALL\","
			       "\"rusage\":20480,\"state\":\"CLD_EXITED\",\"code\":7,"
			       "\"sig\":\"0\"}"));
	mock_map(&w, 0x3100, others, sizeof(others));
	w.args[1] = 0x3100;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_WAIT4_X, &w),
			       "status=0x8b options=WNOHANG|__WALL rusage=0x5000 "
			       "state=CLD_DUMPED code=0 sig=SIGSEGV"));
	w.args[1] = 0x3104;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_WAIT4_X, &w),
			       "state=CLD_STOPPED code=0 sig=SIGSTOP"));
	w.args[1] = 0x3108;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_WAIT4_X, &w),
			       "state=CLD_CONTINUED code=0 sig=SIGCONT"));
	/* WNOHANG with no child ready: the status is not read */
	w.ret = 0;
	w.args[1] = 0x9000;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_WAIT4_X, &w),
			       "status=0x0 options=WNOHANG|__WALL rusage=0x5000 state=0 code=0"));
	w.ret = 4321;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_WAIT4_X, &w),
			       "\"status\":null,\"options\":\"WNOHANG|__WALL\",\"rusage\":20480,"
			       "\"state\":null,\"code\":null,\"sig\":null}"));
	run(IMPL, KCAP_EV_WAIT4_X, &w, &faults);
	assert_int_equal(faults, 4);

	/* waitid(P_PID, 4321, infop, WEXITED|WNOWAIT, NULL) */
	w.args[0] = 1;
	w.args[1] = 4321;
	w.args[2] = 0x6000;
	w.args[3] = 0x01000004;
	w.args[4] = 0;
	w.ret = 0;
	mock_map(&w, 0x6000, killed_info, sizeof(killed_info));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_WAITID_X, &w),
			       "{\"idtype\":\"P_PID\",\"id\":4321,\"options\":\"WEXITED|WNOWAIT\","
			       "\"rusage\":0,\"child\":4321,\"child_uid\":1000,"
			       "\"state\":\"CLD_KILLED\",\"code\":0,\"sig\":\"SIGTERM\"}"));
	w.args[2] = 0xdead000;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_WAITID_X, &w),
			       "child=<fault> child_uid=<fault> state=<fault>"));
	w.ret = -22;
	w.args[0] = 9;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_WAITID_X, &w),
			       "< waitid res=-22(EINVAL) idtype=9 id=4321 options=WEXITED|WNOWAIT "
			       "rusage=0x0 child=0 child_uid=0 state=0 code=0 sig=0"));
}

/* BPF_PROG_LOAD's type and name from the attr, only as far as the caller's size covers them. */
static void test_bpf_prog_load(void **state)
{
	uint8_t attr[64] = { 0 };
	struct mock_world w = { .args = { 5, 0x3000, sizeof(attr) }, .ret = -7 };

	attr[0] = 2; /* BPF_PROG_TYPE_KPROBE */
	memcpy(attr + 48, "kcap_prog", 10);
	mock_map(&w, 0x3000, attr, sizeof(attr));
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_BPF_SYSCALL_X, &w),
		       "{\"cmd\":\"BPF_PROG_LOAD\",\"size\":64,"
		       "\"prog_type\":\"BPF_PROG_TYPE_KPROBE\",\"prog_name\":\"kcap_prog\"}"));
	w.args[2] = 48; /* an older caller's attr: no name */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_BPF_SYSCALL_X, &w),
			       "\"prog_type\":\"BPF_PROG_TYPE_KPROBE\",\"prog_name\":null}"));
	w.args[1] = 0xdead000;
	w.args[2] = 64;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_BPF_SYSCALL_X, &w),
			       "\"prog_type\":null,\"prog_name\":null}"));
	w.args[0] = 0; /* BPF_MAP_CREATE: nothing read */
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_BPF_SYSCALL_X, &w),
			       "cmd=BPF_MAP_CREATE size=64 prog_type=0 prog_name=NULL"));
}

/* perf_event_open's attr read at exit; the process descriptor calls' flags by name. */
static void test_perf_event_open_and_pidfds(void **state)
{
	static const uint32_t attr[4] = { 1, 128, 9, 0 }; /* SOFTWARE, size 128, DUMMY */
	struct mock_world w = { .args = { 0x3000, 0, (uint64_t)-1, (uint64_t)-1, 0x8 | 0x20 },
				.ret = -22 };
	struct mock_world p = { .args = { 77, 04000 | 0200 }, .ret = 5 };
	struct mock_world s = { .args = { 5, 9, 0, 1 | 8 }, .ret = 0 };
	struct mock_world v = { .args = { 77, 0x3000, 2, 0x4000, 1, 0 }, .ret = 12 };

	mock_map(&w, 0x3000, attr, sizeof(attr));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PERF_EVENT_OPEN_X, &w),
			       "{\"type\":\"PERF_TYPE_SOFTWARE\",\"attr_size\":128,\"config\":9,"
			       "\"pid\":0,\"cpu\":-1,\"group_fd\":-1,"
			       "\"flags\":\"PERF_FLAG_FD_CLOEXEC|0x20\"}"));
	w.args[0] = 0xdead000;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PERF_EVENT_OPEN_X, &w),
			       "type=<fault> attr_size=<fault> config=<fault> pid=0"));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PIDFD_OPEN_X, &p),
			       "< pidfd_open res=5 pid=77 flags=PIDFD_THREAD|PIDFD_NONBLOCK"));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PIDFD_SEND_SIGNAL_X, &s),
			       "< pidfd_send_signal res=0 pidfd=5 sig=SIGKILL info=0x0 "
			       "flags=PIDFD_SIGNAL_THREAD|0x8"));
	s.args[1] = 2;
	s.args[2] = 9;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PIDFD_GETFD_X, &s),
			       "< pidfd_getfd res=0 pidfd=5 targetfd=2 flags=0x9"));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PROCESS_VM_WRITEV_X, &v),
			       "{\"pid\":77,\"local_iov\":12288,\"liovcnt\":2,"
			       "\"remote_iov\":16384,\"riovcnt\":1,\"flags\":0}"));
}

/* The new mount API: fsconfig's value only where it is a string, mount_setattr's attr at exit. */
static void test_mount_api(void **state)
{
	static const char key[] = "source", value[] = "/dev/sda1", path[] = "/mnt";
	static const uint64_t attr[4] = { 0x1 | 0x100000, 0x10, 1 << 18, 7 };
	struct mock_world w = { .args = { 3, 1, 0x3000, 0x4000, 0 }, .ret = 0 };
	struct mock_world m = { .args = { 5, 0x5000, 0x8000 | 0x100, 0x6000, 32 }, .ret = 0 };
	uint32_t faults;

	mock_map(&w, 0x3000, key, sizeof(key));
	mock_map(&w, 0x4000, value, sizeof(value));
	mock_map(&w, 0x5000, path, sizeof(path));
	mock_map(&w, 0x6000, attr, sizeof(attr));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_FSCONFIG_X, &w),
			       "< fsconfig res=0 fd=3 cmd=FSCONFIG_SET_STRING key=source "
			       "value=/dev/sda1 aux=0"));
	/* SET_FD: the value pointer is not a string; CMD_CREATE: no key */
	w.args[1] = 5;
	w.args[4] = 9;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_FSCONFIG_X, &w),
			       "{\"fd\":3,\"cmd\":\"FSCONFIG_SET_FD\",\"key\":\"source\","
			       "\"value\":null,\"aux\":9}"));
	w.args[1] = 6;
	w.args[2] = 0;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_FSCONFIG_X, &w),
			       "cmd=FSCONFIG_CMD_CREATE key=NULL value=NULL"));
	run(IMPL, KCAP_EV_FSCONFIG_X, &w, &faults);
	assert_int_equal(faults, 0);

	m.nmem = w.nmem;
	memcpy(m.mem, w.mem, sizeof(w.mem));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_MOUNT_SETATTR_X, &m),
			       "{\"dirfd\":5,\"path\":\"/mnt\",\"flags\":\"AT_SYMLINK_NOFOLLOW|"
			       "AT_RECURSIVE\",\"attr_set\":\"MOUNT_ATTR_RDONLY|MOUNT_ATTR_IDMAP\","
			       "\"attr_clr\":\"MOUNT_ATTR_NOATIME\",\"propagation\":\"MS_PRIVATE\","
			       "\"userns_fd\":7,\"size\":32}"));
	m.args[4] = 16; /* too short for the kernel: not read */
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_MOUNT_SETATTR_X, &m),
			       "attr_set=0 attr_clr=0 propagation=0 userns_fd=0 size=16"));
	m.args[3] = 0xdead000;
	m.args[4] = 32;
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_MOUNT_SETATTR_X, &m),
		       "attr_set=<fault> attr_clr=<fault> propagation=<fault> userns_fd=<fault>"));
	m.args[0] = (uint64_t)-100;
	m.args[2] = 1 | 02000000 | 0x1000;
	m.ret = 4;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_OPEN_TREE_X, &m),
			       "< open_tree res=4 dirfd=AT_FDCWD path=/mnt "
			       "flags=OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_EMPTY_PATH"));
	m.args[2] = 1 | 8;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_FSPICK_X, &m),
			       "path=/mnt flags=FSPICK_CLOEXEC|FSPICK_EMPTY_PATH"));
	m.args[0] = 4;
	m.args[1] = 0x5000;
	m.args[2] = (uint64_t)-100;
	m.args[3] = 0x5000;
	m.args[4] = 0x4 | 0x200;
	m.ret = 0;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_MOVE_MOUNT_X, &m),
			       "< move_mount res=0 from_dirfd=4 from_path=/mnt to_dirfd=AT_FDCWD "
			       "to_path=/mnt flags=MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_BENEATH"));
	m.args[1] = 1;
	m.args[2] = 0x4 | 0x10;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_FSMOUNT_X, &m),
			       "< fsmount res=0 fs_fd=4 flags=FSMOUNT_CLOEXEC "
			       "attr_flags=MOUNT_ATTR_NODEV|MOUNT_ATTR_NOATIME"));
	m.args[0] = 0x3000;
	m.args[1] = 0;
	m.ret = -19;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_FSOPEN_X, &m),
			       "< fsopen res=-19(ENODEV) fsname=source flags=0"));
}

/* Keys: names and descriptions, never the payload; keyrings and operations by name. */
static void test_keys(void **state)
{
	static const char type[] = "user", desc[] = "kcap:key", secret[] = "s3cret";
	struct mock_world w = { .args = { 0x3000, 0x4000, 0x5000, 6, (uint64_t)-2 }, .ret = 12345 };
	struct mock_world k = { .args = { 10, (uint64_t)-3, 0x3000, 0x4000, 0 }, .ret = 12345 };

	mock_map(&w, 0x3000, type, sizeof(type));
	mock_map(&w, 0x4000, desc, sizeof(desc));
	mock_map(&w, 0x5000, secret, sizeof(secret));
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_ADD_KEY_X, &w),
		       "\"ret\":12345,\"args\":{\"type\":\"user\",\"description\":\"kcap:key\","
		       "\"plen\":6,\"keyring\":\"KEY_SPEC_PROCESS_KEYRING\"}"));
	assert_null(strstr(line, secret));
	w.args[2] = 0;
	w.args[3] = 12345;
	w.ret = -126;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_REQUEST_KEY_X, &w),
			       "< request_key res=-126(ENOKEY) type=user description=kcap:key "
			       "callout_info=NULL dest_keyring=12345"));
	k.nmem = w.nmem;
	memcpy(k.mem, w.mem, sizeof(w.mem));
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_KEYCTL_X, &k),
		       "< keyctl res=12345 operation=KEYCTL_SEARCH key=KEY_SPEC_SESSION_KEYRING "
		       "arg3=0x3000 arg4=0x4000 arg5=0x0 type=user description=kcap:key"));
	k.args[0] = 1; /* KEYCTL_JOIN_SESSION_KEYRING(name) */
	k.args[1] = 0x4000;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_KEYCTL_X, &k),
			       "\"type\":null,\"description\":\"kcap:key\"}"));
	k.args[0] = 999;
	k.args[1] = 0;
	k.ret = -95;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_KEYCTL_X, &k),
			       "< keyctl res=-95(EOPNOTSUPP) operation=999 key=0 arg3=0x3000"));
}

/* Landlock: the ruleset's rights as far as its size goes, a rule by its type. */
static void test_landlock(void **state)
{
	static const uint64_t ruleset[2] = { 0x4 | 0x8 | (1ull << 40), 0x3 };
	/* packed struct landlock_path_beneath_attr: 12 bytes, then a net port rule */
	static const uint32_t path_rule[3] = { 0x4, 0, 7 };
	static const uint64_t port_rule[2] = { 0x2, 443 };
	struct mock_world w = { .args = { 0x3000, 16, 0 }, .ret = 5 };
	struct mock_world r = { .args = { 5, 1, 0x4000, 0 }, .ret = 0 };

	mock_map(&w, 0x3000, ruleset, sizeof(ruleset));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_LANDLOCK_CREATE_RULESET_X, &w),
			       "{\"handled_access_fs\":\"LANDLOCK_ACCESS_FS_READ_FILE|"
			       "LANDLOCK_ACCESS_FS_READ_DIR|0x10000000000\",\"handled_access_net\":"
			       "\"LANDLOCK_ACCESS_NET_BIND_TCP|LANDLOCK_ACCESS_NET_CONNECT_TCP\","
			       "\"size\":16,\"flags\":\"0\"}"));
	w.args[1] = 8; /* an ABI 1 caller: no network rights */
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_LANDLOCK_CREATE_RULESET_X, &w),
			       "handled_access_net=0 size=8"));
	w.args[0] = 0;
	w.args[1] = 0;
	w.args[2] = 1;
	w.ret = 6;
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_LANDLOCK_CREATE_RULESET_X, &w),
		       "< landlock_create_ruleset res=6 handled_access_fs=0 handled_access_net=0 "
		       "size=0 flags=LANDLOCK_CREATE_RULESET_VERSION"));
	mock_map(&r, 0x4000 - 12 + 4096, path_rule, sizeof(path_rule));
	r.args[2] = 0x4000 - 12 + 4096;
	assert_non_null(strstr(
		run_text(IMPL, KCAP_EV_LANDLOCK_ADD_RULE_X, &r),
		"< landlock_add_rule res=0 ruleset_fd=5 rule_type=LANDLOCK_RULE_PATH_BENEATH "
		"allowed_access=LANDLOCK_ACCESS_FS_READ_FILE parent_fd=7 allowed_net=0 "
		"port=0 flags=0x0"));
	mock_map(&r, 0x6000, port_rule, sizeof(port_rule));
	r.args[1] = 2;
	r.args[2] = 0x6000;
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_LANDLOCK_ADD_RULE_X, &r),
		       "\"rule_type\":\"LANDLOCK_RULE_NET_PORT\",\"allowed_access\":\"0\","
		       "\"parent_fd\":-1,\"allowed_net\":\"LANDLOCK_ACCESS_NET_CONNECT_TCP\","
		       "\"port\":443,"));
	r.args[2] = 0xdead000;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_LANDLOCK_ADD_RULE_X, &r),
			       "\"allowed_access\":null,\"parent_fd\":null,\"allowed_net\":null,"
			       "\"port\":null,"));
	r.args[1] = 1;
	r.args[3] = 1;
	r.ret = -22;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_LANDLOCK_RESTRICT_SELF_X, &r),
			       "< landlock_restrict_self res=-22(EINVAL) ruleset_fd=5 "
			       "flags=LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF"));
}

/* Code for the kernel and port I/O: flags by name, the architecture field of kexec_load's. */
static void test_kernel_code_and_ports(void **state)
{
	static const char args[] = "debug=1", name[] = "kcap_mod";
	struct mock_world w = { .args = { 0x7000, 4096, 0x3000 }, .ret = -8 };

	mock_map(&w, 0x3000, args, sizeof(args));
	mock_map(&w, 0x4000, name, sizeof(name));
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_INIT_MODULE_X, &w),
		       "< init_module res=-8(ENOEXEC) image=0x7000 len=4096 uargs=debug=1"));
	w.args[0] = 0x4000;
	w.args[1] = 04000 | 01000 | 1;
	w.ret = -2;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_DELETE_MODULE_X, &w),
			       "{\"name\":\"kcap_mod\",\"flags\":\"O_TRUNC|O_NONBLOCK|0x1\"}"));
	w.args[0] = 0x100000;
	w.args[1] = 17;
	w.args[2] = 0;
	w.args[3] = (62u << 16) | 1;
	w.ret = -22;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_KEXEC_LOAD_X, &w),
			       "< kexec_load res=-22(EINVAL) entry=0x100000 nr_segments=17 "
			       "segments=0x0 flags=KEXEC_ARCH_X86_64|KEXEC_ON_CRASH"));
	w.args[3] = 0;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_KEXEC_LOAD_X, &w),
			       "\"flags\":\"KEXEC_ARCH_DEFAULT\"}"));
	/* kexec_file_load(5, -1, len, cmdline, KEXEC_FILE_NO_INITRAMFS), then without a cmdline */
	w.args[0] = 5;
	w.args[1] = (uint64_t)-1;
	w.args[2] = sizeof(args);
	w.args[3] = 0x3000;
	w.args[4] = 4;
	w.ret = -1;
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_KEXEC_FILE_LOAD_X, &w),
		       "< kexec_file_load res=-1(EPERM) kernel_fd=5 initrd_fd=-1 cmdline_len=8 "
		       "cmdline=debug=1 flags=KEXEC_FILE_NO_INITRAMFS"));
	w.args[2] = 0;
	w.args[3] = 0;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_KEXEC_FILE_LOAD_X, &w),
			       "\"cmdline_len\":0,\"cmdline\":null,"));
	w.args[0] = 3;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_IOPL_X, &w), "< iopl res=-1(EPERM) level=3"));
	w.args[0] = 0x3f8;
	w.args[1] = 8;
	w.args[2] = 1;
	w.ret = 0;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_IOPERM_X, &w),
			       "< ioperm res=0 from=0x3f8 num=8 turn_on=1"));
}

/* futex's command by name with its flag bits; the private memory descriptors' flags. */
static void test_futex_and_private_memory(void **state)
{
	struct mock_world w = { .args = { 0x7000, 128 | 9, 5, 0x8000, 0, 0xffffffff },
				.ret = -110 };
	struct mock_world u = { .args = { 02000000 | 04000 | 1 }, .ret = 3 };

	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_FUTEX_X, &w),
		       "< futex res=-110(ETIMEDOUT) uaddr=0x7000 "
		       "op=FUTEX_WAIT_BITSET|FUTEX_PRIVATE_FLAG val=5 timeout=0x8000 uaddr2=0x0 "
		       "val3=0xffffffff"));
	w.args[1] = 0;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_FUTEX_X, &w), "\"op\":\"FUTEX_WAIT\","));
	w.args[1] = 256 | 99 | 0x1000;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_FUTEX_X, &w),
			       "\"op\":\"0x63|FUTEX_CLOCK_REALTIME|0x1000\","));
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_USERFAULTFD_X, &u),
		       "< userfaultfd res=3 flags=UFFD_USER_MODE_ONLY|O_NONBLOCK|O_CLOEXEC"));
	u.args[0] = 02000000;
	u.ret = -38;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_MEMFD_SECRET_X, &u),
			       "< memfd_secret res=-38(ENOSYS) flags=O_CLOEXEC"));
}

/* The machine's settings: reboot's magic by name, names without a NUL, times read at exit. */
static void test_machine_settings(void **state)
{
	static const char host[] = "kcap-hostXYZ";
	static const int64_t tv[2] = { 100, 2000000 };
	struct mock_world w = { .args = { 0xfee1dead, 0x12345678, 0x4321fedc, 0 }, .ret = -22 };
	uint32_t faults;

	mock_map(&w, 0x3000, host, sizeof(host));
	mock_map(&w, 0x4000, tv, sizeof(tv));
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_REBOOT_X, &w),
		       "< reboot res=-22(EINVAL) magic1=LINUX_REBOOT_MAGIC1 magic2=305419896 "
		       "cmd=LINUX_REBOOT_CMD_POWER_OFF arg=0x0"));
	w.args[0] = 0x3000;
	w.args[1] = 9; /* the name's first 9 bytes: no NUL among them */
	w.ret = 0;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SETHOSTNAME_X, &w),
			       "{\"name\":\"kcap-host\",\"len\":9}"));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_SETDOMAINNAME_X, &w),
			       "< setdomainname res=0 name=kcap-host len=9"));
	w.args[0] = 0x4000;
	w.args[1] = 0x5000;
	w.ret = -22;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SETTIMEOFDAY_X, &w),
			       "{\"tv\":{\"tv_sec\":100,\"tv_usec\":2000000},\"tz\":20480}"));
	w.args[0] = 0;
	w.args[1] = 0;
	w.ret = 0;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_SETTIMEOFDAY_X, &w),
			       "< settimeofday res=0 tv=NULL tz=0x0"));
	w.args[0] = 1;
	w.args[1] = 0x4000;
	w.ret = -22;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_CLOCK_SETTIME_X, &w),
			       "< clock_settime res=-22(EINVAL) clockid=CLOCK_MONOTONIC "
			       "tp={tv_sec=100,tv_nsec=2000000}"));
	w.args[1] = 0xdead000;
	run(IMPL, KCAP_EV_CLOCK_SETTIME_X, &w, &faults);
	assert_int_equal(faults, 1);
	w.args[0] = 0x3000;
	w.args[1] = 0x8000 | 0x10000 | 5;
	w.ret = -2;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_SWAPON_X, &w),
			       "< swapon res=-2(ENOENT) path=kcap-hostXYZ "
			       "flags=SWAP_FLAG_PREFER|SWAP_FLAG_DISCARD|0x5"));
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_SWAPOFF_X, &w),
			       "< swapoff res=-2(ENOENT) path=kcap-hostXYZ"));
	/* quotactl(QCMD(Q_GETQUOTA, GRPQUOTA), dev, 100, addr), then Q_SYNC of every file system */
	w.args[0] = (0x800007u << 8) | 1;
	w.args[1] = 0x3000;
	w.args[2] = 100;
	w.args[3] = 0x4000;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_QUOTACTL_X, &w),
			       "< quotactl res=-2(ENOENT) cmd=Q_GETQUOTA type=GRPQUOTA "
			       "special=kcap-hostXYZ id=100 addr=0x4000"));
	w.args[0] = 0x800001u << 8;
	w.args[1] = 0;
	w.ret = 0;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_QUOTACTL_X, &w),
			       "{\"cmd\":\"Q_SYNC\",\"type\":\"USRQUOTA\",\"special\":null,"));
}

/* Sleeps: rem only when a signal cut one short; a queued signal's si_code by name. */
static void test_sleeps_and_queued_signals(void **state)
{
	static const int64_t req[2] = { 1, 500 }, left[2] = { 0, 250 };
	/* si_signo, si_errno, si_code: SI_KERNEL, then SI_QUEUE */
	static const int32_t kernel_info[4] = { 10, 0, 0x80, 0 }, queue_info[4] = { 10, 0, -1, 0 };
	struct mock_world w = { .args = { 0x3000, 0x4000 }, .ret = -4 };
	struct mock_world c = { .args = { 1, 1, 0x3000, 0x4000 }, .ret = 0 };
	struct mock_world q = { .args = { 77, 10, 0x5000 }, .ret = -1 };

	mock_map(&w, 0x3000, req, sizeof(req));
	mock_map(&w, 0x4000, left, sizeof(left));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_NANOSLEEP_X, &w),
			       "{\"req\":{\"tv_sec\":1,\"tv_nsec\":500},"
			       "\"rem\":{\"tv_sec\":0,\"tv_nsec\":250}}"));
	w.ret = 0; /* a sleep that ended: rem was not written */
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_NANOSLEEP_X, &w),
			       "< nanosleep res=0 req={tv_sec=1,tv_nsec=500} rem=NULL"));
	c.nmem = w.nmem;
	memcpy(c.mem, w.mem, sizeof(w.mem));
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_CLOCK_NANOSLEEP_X, &c),
		       "< clock_nanosleep res=0 clockid=CLOCK_MONOTONIC flags=TIMER_ABSTIME "
		       "req={tv_sec=1,tv_nsec=500} rem=NULL"));
	mock_map(&q, 0x5000, kernel_info, sizeof(kernel_info));
	mock_map(&q, 0x6000, queue_info, sizeof(queue_info));
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_RT_SIGQUEUEINFO_X, &q),
		       "< rt_sigqueueinfo res=-1(EPERM) tgid=77 sig=SIGUSR1 si_code=SI_KERNEL"));
	q.args[1] = 78;
	q.args[2] = 10;
	q.args[3] = 0x6000;
	q.ret = 0;
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_RT_TGSIGQUEUEINFO_X, &q),
		       "{\"tgid\":77,\"tid\":78,\"sig\":\"SIGUSR1\",\"si_code\":\"SI_QUEUE\"}"));
	q.args[3] = 0xdead000;
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_RT_TGSIGQUEUEINFO_X, &q), "\"si_code\":null}"));
}

/* io_uring's calls: the params the kernel wrote back, flags and opcodes by name. */
static void test_io_uring_calls(void **state)
{
	/* sq_entries, cq_entries, flags (SQPOLL|CQSIZE), sq_thread_cpu, sq_thread_idle, features */
	static const uint32_t params[6] = { 4, 8, 0x2 | 0x8, 0, 0, 0x1fff };
	struct mock_world w = { .args = { 3, 0x3000 }, .ret = 5 };
	struct mock_world e = { .args = { 5, 2, 1, 1 | 8, 0x4000, 24 }, .ret = 2 };

	mock_map(&w, 0x3000, params, sizeof(params));
	assert_non_null(
		strstr(run_json(IMPL, KCAP_EV_IO_URING_SETUP_X, &w),
		       "{\"entries\":3,\"flags\":\"IORING_SETUP_SQPOLL|IORING_SETUP_CQSIZE\","
		       "\"sq_entries\":4,\"cq_entries\":8,\"features\":8191}"));
	w.args[1] = 0xdead000;
	w.ret = -14;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_IO_URING_SETUP_X, &w),
			       "< io_uring_setup res=-14(EFAULT) entries=3 flags=<fault> "
			       "sq_entries=<fault>"));
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_IO_URING_ENTER_X, &e),
		       "< io_uring_enter res=2 fd=5 to_submit=2 min_complete=1 "
		       "flags=IORING_ENTER_GETEVENTS|IORING_ENTER_EXT_ARG arg=0x4000 argsz=24"));
	e.args[1] = 8 | (1u << 31);
	e.args[2] = 0x4000;
	e.args[3] = 1;
	e.ret = 0;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_IO_URING_REGISTER_X, &e),
			       "< io_uring_register res=0 fd=5 "
			       "opcode=IORING_REGISTER_PROBE|IORING_REGISTER_USE_REGISTERED_RING "
			       "arg=0x4000 nr_args=1"));
}

/* File handles: the handle's size and type, the mount id at exit, the file opened by handle. */
static void test_file_handles(void **state)
{
	static const char path[] = "/etc/passwd";
	static const uint32_t handle[4] = { 8, 1, 0x1234, 0x5678 };
	static const int32_t mount_id = 27;
	struct mock_world w = { .args = { (uint64_t)-100, 0x3000, 0x4000, 0x5000, 0x1000 },
				.ret = 0,
				.open_fd = 6,
				.open_path = "/etc/shadow",
				.open_kdev = (8u << 20) | 1,
				.open_ino = 4242 };

	mock_map(&w, 0x3000, path, sizeof(path));
	mock_map(&w, 0x4000, handle, sizeof(handle));
	mock_map(&w, 0x5000, &mount_id, sizeof(mount_id));
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_NAME_TO_HANDLE_AT_X, &w),
			       "{\"dirfd\":-100,\"path\":\"/etc/passwd\",\"handle_bytes\":8,"
			       "\"handle_type\":1,\"mount_id\":27,\"flags\":\"AT_EMPTY_PATH\"}"));
	w.ret = -75; /* EOVERFLOW: the kernel wrote the size it needs, no mount id */
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_NAME_TO_HANDLE_AT_X, &w),
			       "handle_bytes=8 handle_type=1 mount_id=0"));
	/* open_by_handle_at(5, handle, O_RDONLY) = 6, which is /etc/shadow */
	w.args[0] = 5;
	w.args[1] = 0x4000;
	w.args[2] = 0;
	w.ret = 6;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_OPEN_BY_HANDLE_AT_X, &w),
			       "< open_by_handle_at res=6 mount_fd=5 handle_bytes=8 handle_type=1 "
			       "flags=O_RDONLY file=/etc/shadow dev=8:1 ino=4242"));
	w.args[1] = 0xdead000;
	w.ret = -14;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_OPEN_BY_HANDLE_AT_X, &w),
			       "{\"mount_fd\":5,\"handle_bytes\":null,\"handle_type\":null,"
			       "\"flags\":\"O_RDONLY\",\"file\":null,\"dev\":0,\"ino\":0}"));
}

/* System V IPC: flags and mode apart, semop's first operation, commands by name, shmat's address. */
static void test_system_v_ipc(void **state)
{
	/*
	 * sem_num 2, sem_op -1, sem_flg SEM_UNDO|IPC_NOWAIT: 6 bytes at the end of
	 * a page, after 2 bytes of its first word (the mock maps bytes, not pages)
	 */
	static const uint16_t sop[4] = { 0, 2, (uint16_t)-1, 0x1000 | 04000 };
	struct mock_world w = { .args = { 0x6b636170, 3, 01000 | 02000 | 0640 }, .ret = 32769 };

	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SEMGET_X, &w),
			       "{\"key\":1801675120,\"nsems\":3,\"flags\":\"IPC_CREAT|IPC_EXCL\","
			       "\"mode\":416}"));
	assert_non_null(strstr(
		run_text(IMPL, KCAP_EV_SEMGET_X, &w),
		"< semget res=32769 key=0x6b636170 nsems=3 flags=IPC_CREAT|IPC_EXCL mode=0640"));
	mock_map(&w, 0x4000 - 8 + 4096, sop, sizeof(sop));
	w.args[0] = 32769;
	w.args[1] = 0x4000 - 6 + 4096;
	w.args[2] = 1;
	w.ret = -11;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_SEMOP_X, &w),
			       "< semop res=-11(EAGAIN) semid=32769 sops=0x4ffa nsops=1 sem_num=2 "
			       "sem_op=-1 sem_flg=IPC_NOWAIT|SEM_UNDO"));
	w.args[1] = 0xdead000;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SEMOP_X, &w),
			       "\"sem_num\":null,\"sem_op\":null,\"sem_flg\":null}"));
	w.args[2] = 0; /* no operation: nothing read */
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SEMOP_X, &w),
			       "\"nsops\":0,\"sem_num\":0,\"sem_op\":0,\"sem_flg\":\"0\"}"));
	w.args[1] = 0;
	w.args[2] = 0x100 | 0;
	w.args[3] = 0;
	w.ret = 0;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_SEMCTL_X, &w),
			       "< semctl res=0 semid=32769 semnum=0 cmd=IPC_RMID|IPC_64 arg=0x0"));
	/* shared memory: a 2 MiB huge page size (21 << 26) shows in hex */
	w.args[0] = 0;
	w.args[1] = 4096;
	w.args[2] = 01000 | 04000 | (21u << 26) | 0600;
	w.ret = 5;
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_SHMGET_X, &w),
		       "< shmget res=5 key=0x0 size=4096 flags=IPC_CREAT|SHM_HUGETLB|0x54000000 "
		       "mode=0600"));
	w.args[0] = 5;
	w.args[1] = 0;
	w.args[2] = 010000 | 0100000;
	w.ret = 0x7f0000001000;
	assert_non_null(strstr(
		run_text(IMPL, KCAP_EV_SHMAT_X, &w),
		"< shmat res=0x7f0000001000 shmid=5 shmaddr=0x0 shmflg=SHM_RDONLY|SHM_EXEC"));
	w.ret = -22;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_SHMAT_X, &w), "< shmat res=-22(EINVAL)"));
	w.args[0] = 0x7f0000001000;
	w.ret = 0;
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_SHMDT_X, &w),
			       "< shmdt res=0 shmaddr=0x7f0000001000"));
	w.args[0] = 5;
	w.args[1] = 11;
	w.args[2] = 0;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_SHMCTL_X, &w),
			       "{\"shmid\":5,\"cmd\":\"SHM_LOCK\",\"buf\":0}"));
}

/* ptrace's data by request: options for SETOPTIONS and SEIZE, a signal for the resuming ones. */
static void test_ptrace_data_by_request(void **state)
{
	struct mock_world w = { .args = { 0x4206, 77, 0, 0x100000 | 0x2 | 0x1 }, .ret = 0 };

	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_PTRACE_X, &w),
		       "< ptrace res=0 request=PTRACE_SEIZE pid=77 addr=0x0 data=0x100003 "
		       "options=PTRACE_O_TRACESYSGOOD|PTRACE_O_TRACEFORK|PTRACE_O_EXITKILL sig=0"));
	w.args[0] = 24; /* PTRACE_SYSCALL, delivering SIGTRAP */
	w.args[3] = 5;
	assert_non_null(strstr(run_json(IMPL, KCAP_EV_PTRACE_X, &w),
			       "\"request\":\"PTRACE_SYSCALL\",\"pid\":77,\"addr\":0,\"data\":5,"
			       "\"options\":\"0\",\"sig\":\"SIGTRAP\"}"));
	w.args[0] = 32; /* PTRACE_SYSEMU_SINGLESTEP */
	assert_non_null(strstr(run_text(IMPL, KCAP_EV_PTRACE_X, &w), "options=0 sig=SIGTRAP"));
	w.args[0] = 2; /* PTRACE_PEEKDATA: data is where the word goes */
	w.args[2] = 0x7000;
	w.args[3] = 0x8000;
	assert_non_null(
		strstr(run_text(IMPL, KCAP_EV_PTRACE_X, &w),
		       "request=PTRACE_PEEKDATA pid=77 addr=0x7000 data=0x8000 options=0 sig=0"));
}

#define PER_BACKEND(f)                                             \
	cmocka_unit_test_prestate(f, &impls[MOCK_MODERN]),         \
		cmocka_unit_test_prestate(f, &impls[MOCK_LEGACY]), \
		cmocka_unit_test_prestate(f, &impls[MOCK_KMOD])

int main(void)
{
	const struct CMUnitTest tests[] = {
		PER_BACKEND(test_every_filler_matches_the_table),
		PER_BACKEND(test_poll_and_select_user_arrays),
		PER_BACKEND(test_old_time_setters),
		cmocka_unit_test(test_the_type_check_names_a_wrong_push),
		cmocka_unit_test(test_every_backend_emits_the_same_bytes),
		PER_BACKEND(test_openat),
		PER_BACKEND(test_bad_pointers_are_faults_not_failures),
		PER_BACKEND(test_read_keeps_snaplen_bytes_of_what_was_read),
		PER_BACKEND(test_writev_gathers_iovecs_up_to_snaplen),
		PER_BACKEND(test_iovecs_stop_at_the_backend_bound),
		PER_BACKEND(test_connect_sockaddr),
		PER_BACKEND(test_accept_reads_the_returned_address_length),
		PER_BACKEND(test_socket_ends_as_the_kernel_holds_them),
		PER_BACKEND(test_execve_success_reads_the_new_image),
		PER_BACKEND(test_execve_without_image_is_unreadable),
		PER_BACKEND(test_execve_failure_reads_the_callers_arguments),
		PER_BACKEND(test_clone3_reads_flags_from_user_struct),
		PER_BACKEND(test_clone_carries_ids_of_own_pid_namespace),
		PER_BACKEND(test_procexit_decodes_wait_status),
		PER_BACKEND(test_empty_strings_are_not_faults),
		PER_BACKEND(test_strings_at_and_over_the_bound),
		PER_BACKEND(test_iovec_padding_is_marked),
		PER_BACKEND(test_io_uring_request),
		PER_BACKEND(test_argv_truncation),
		PER_BACKEND(test_mm_args_truncation),
		PER_BACKEND(test_deep_paths_are_marked),
		PER_BACKEND(test_stacked_mounts_cannot_forge_a_path),
		PER_BACKEND(test_chroot_cannot_forge_a_path),
		cmocka_unit_test(test_module_without_the_mount_layout_uses_d_path),
		PER_BACKEND(test_generic_event_names_the_syscall),
		PER_BACKEND(test_compat_event_has_the_ia32_call),
		PER_BACKEND(test_argv_stops_at_the_bound),
		PER_BACKEND(test_paths_walk_the_dentries),
		PER_BACKEND(test_no_work_area_is_a_fault),
		cmocka_unit_test(test_module_drops_what_does_not_fit_the_ring),
		PER_BACKEND(test_null_by_design_paths_are_not_faults),
		PER_BACKEND(test_mknodat_mode_and_device),
		PER_BACKEND(test_pipe_reads_the_new_descriptors),
		PER_BACKEND(test_stat_results_read_at_exit),
		PER_BACKEND(test_pwritev2_gathers_and_survives_a_short_array),
		PER_BACKEND(test_splice_offsets),
		PER_BACKEND(test_sendmsg_msghdr_hostile),
		PER_BACKEND(test_getresuid_reads_the_returned_ids),
		PER_BACKEND(test_capset_sets_by_name),
		PER_BACKEND(test_mount_and_namespace_flags),
		PER_BACKEND(test_prctl_arguments_by_option),
		PER_BACKEND(test_seccomp_operation_and_flags),
		PER_BACKEND(test_rlimits_read_at_exit),
		PER_BACKEND(test_personality_and_memfd_flags),
		PER_BACKEND(test_memory_calls_decoded),
		PER_BACKEND(test_wait_child_state),
		PER_BACKEND(test_bpf_prog_load),
		PER_BACKEND(test_perf_event_open_and_pidfds),
		PER_BACKEND(test_mount_api),
		PER_BACKEND(test_keys),
		PER_BACKEND(test_landlock),
		PER_BACKEND(test_kernel_code_and_ports),
		PER_BACKEND(test_futex_and_private_memory),
		PER_BACKEND(test_machine_settings),
		PER_BACKEND(test_sleeps_and_queued_signals),
		PER_BACKEND(test_io_uring_calls),
		PER_BACKEND(test_file_handles),
		PER_BACKEND(test_system_v_ipc),
		PER_BACKEND(test_ptrace_data_by_request),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
