// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The public API over decoded events: typed parameter access (integers,
 * strings, bytes, socket addresses, argv lists) never reads past a
 * parameter and refuses the wrong kind; the event table's introspection
 * agrees with the installed kcap_event_types.h.
 */
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "test_util.h"
#include "kcap_event_types.h"

static uint8_t raw[4096] __attribute__((aligned(8)));

static void test_typed_access(void **state)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(8080) };
	struct test_param p[] = { P_S64(0), P_S32(3), { sizeof(sin), &sin } };
	struct kcap_event ev;
	struct kcap_param par;
	struct kcap_sockaddr sa;
	const char *s;
	size_t len;
	int64_t v;

	(void)state;
	inet_pton(AF_INET, "10.1.2.3", &sin.sin_addr);
	ev = test_event(raw, test_build(raw, KCAP_EV_BIND_X, p, 3), "t");
	assert_int_equal(kcap_event_param_by_name(&ev, "addr", &par), 0);
	assert_int_equal(kcap_param_sockaddr(&par, &sa), 0);
	assert_int_equal(sa.family, AF_INET);
	assert_int_equal(sa.port, 8080);
	assert_string_equal(sa.addr, "10.1.2.3");
	assert_int_equal(kcap_param_int(&par, &v), -EINVAL);
	assert_int_equal(kcap_param_string(&par, &s, &len), -EINVAL);
	assert_int_equal(kcap_event_param_by_name(&ev, "fd", &par), 0);
	assert_int_equal(kcap_param_int(&par, &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(kcap_param_sockaddr(&par, &sa), -EINVAL);
	assert_int_equal(kcap_event_param_by_name(&ev, "nope", &par), -ENOENT);
}

static void test_strings_argv_and_faults(void **state)
{
	static const char args[] = "ls\0-l\0/tmp";
	struct test_param p[] = { P_S64(0),  P_STR("/bin/ls"), { sizeof(args), args },
				  P_S32(1),  P_U32(0),	       P_U32(0),
				  P_U32(0),  P_FAULT,	       P_STR("ls"),
				  P_STR("/") };
	const char *want[] = { "ls", "-l", "/tmp" }, *arg, *s;
	struct kcap_event ev;
	struct kcap_param par;
	size_t pos = 0, n = 0, len;

	(void)state;
	ev = test_event(raw, test_build(raw, KCAP_EV_EXECVE_X, p, 10), "t");
	assert_int_equal(kcap_event_param_by_name(&ev, "exe", &par), 0);
	assert_int_equal(kcap_param_string(&par, &s, &len), 0);
	assert_string_equal(s, "/bin/ls");
	assert_int_equal(len, 7);
	assert_int_equal(kcap_event_param_by_name(&ev, "args", &par), 0);
	while (kcap_param_argv_next(&par, &pos, &arg) == 0)
		assert_string_equal(arg, want[n++]);
	assert_int_equal(n, 3);
	/* a list cut inside its last string gives the whole ones only */
	par.len -= 2;
	pos = n = 0;
	while (kcap_param_argv_next(&par, &pos, &arg) == 0)
		n++;
	assert_int_equal(n, 2);
	assert_int_equal(kcap_event_param_by_name(&ev, "cwd", &par), 0);
	assert_int_equal(kcap_param_string(&par, &s, &len), -EFAULT);
}

static void test_introspection(void **state)
{
	struct kcap_event_type_info info = { .sz = sizeof(info) };
	struct kcap_param_desc d = { .sz = sizeof(d) };
	int t = kcap_event_type_find("openat", "exit");

	(void)state;
	assert_int_equal(t, KCAP_TYPE_OPENAT_X);
	assert_int_equal(kcap_event_type_count(), KCAP_TYPE__COUNT);
	assert_int_equal(kcap_schema_version(), KCAP_SCHEMA_VERSION);
	assert_int_equal(kcap_event_type_info((unsigned int)t, &info), 0);
	assert_string_equal(info.name, "openat");
	assert_string_equal(info.id, "OPENAT_X");
	assert_string_equal(info.dir, "exit");
	assert_int_equal(kcap_event_type_param((unsigned int)t, 2, &d), 0);
	assert_string_equal(d.name, "name");
	assert_int_equal(d.type, KCAP_PARAM_PATH);
	assert_int_equal(d.fmt, KCAP_SHOW_PATH);
	assert_string_equal(kcap_param_type_name((unsigned int)d.type), "PATH");
	assert_int_equal(kcap_event_type_param((unsigned int)t, info.nparams, &d), -ENOENT);
	assert_int_equal(kcap_event_type_info(KCAP_TYPE__COUNT, &info), -ENOENT);
	info.sz = 0;
	assert_int_equal(kcap_event_type_info(0, &info), -EINVAL);
	assert_int_equal(kcap_event_type_find("openat", "sideways"), -ENOENT);
	assert_int_equal(kcap_event_type_find("syscall", "exit"), KCAP_TYPE_GENERIC_X);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_typed_access),
		cmocka_unit_test(test_strings_argv_and_faults),
		cmocka_unit_test(test_introspection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
