// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* Text and JSON formatting of every parameter kind, including hostile bytes. */
#include <stdlib.h>
#include "test_util.h"

static uint8_t raw[2 * KCAP_MAX_EVENT_SIZE];
static char out[KCAP_FORMAT_MAX];

static const char *json(uint16_t type, const struct test_param *p, uint16_t n)
{
	uint32_t len = test_build(raw, type, p, n);
	struct kcap_event ev = test_event(raw, len, "cmd");

	assert_int_equal(test_validate(raw, len), 0);
	assert_true(kcap_format_json(&ev, out, sizeof(out)) > 0);
	return strstr(out, "\"args\"");
}

static const char *text(uint16_t type, const struct test_param *p, uint16_t n)
{
	uint32_t len = test_build(raw, type, p, n);
	struct kcap_event ev = test_event(raw, len, "cmd");

	assert_true(kcap_format_text(&ev, out, sizeof(out)) > 0);
	return strstr(out, ") ") + 2;
}

static void test_json_header_fields(void **state)
{
	struct test_param p[] = { P_S64(0), P_S32(3) };
	uint32_t len = test_build(raw, KCAP_EV_CLOSE_X, p, 2);
	struct kcap_event ev = test_event(raw, len, "my \"cmd\"");

	(void)state;
	assert_true(kcap_format_json(&ev, out, sizeof(out)) > 0);
	assert_string_equal(out, "{\"ts\":1700000000000000000,\"cpu\":1,\"pid\":7,\"tid\":7,"
				 "\"comm\":\"my \\\"cmd\\\"\",\"event\":\"close\",\"dir\":\"exit\","
				 "\"ret\":0,\"args\":{\"fd\":3}}");
}

static void test_hostile_path_bytes(void **state)
{
	/* quote, backslash, newline, control, invalid UTF-8, valid UTF-8 (é), NUL inside */
	static const char path[] = "/a\"b\\c\nd\x01\xff\xc3\xa9z\0tail";
	struct test_param p[] = { P_S32(-100), { sizeof(path), path }, P_U32(0), P_U32(0) };

	(void)state;
	assert_string_equal(
		json(KCAP_EV_OPENAT_E, p, 4),
		"\"args\":{\"dirfd\":-100,\"name\":\"/a\\\"b\\\\c\\nd\\u0001\\\\xff\xc3\xa9z\","
		"\"flags\":\"O_RDONLY\",\"mode\":0}}");
	assert_string_equal(text(KCAP_EV_OPENAT_E, p, 4),
			    "> openat dirfd=AT_FDCWD name=/a\\\"b\\\\c\\nd\\x01\\xff\xc3\xa9z "
			    "flags=O_RDONLY mode=0");
}

/* A name cannot forge fields or reorder the line in text output; JSON keeps it as it is. */
static void test_text_cannot_be_forged(void **state)
{
	/* spaces with fake fields, C1 CSI (U+009B), RLO (U+202E), LINE SEPARATOR (U+2028) */
	static const char path[] = "x flags=O_RDONLY mode=0 name=/etc/shadow\xc2\x9b\xe2\x80\xae"
				   "\xe2\x80\xa8";
	struct test_param p[] = { P_S32(-100), { sizeof(path), path }, P_U32(0), P_U32(0) };
	struct test_param args[] = { P_S64(0),	P_STR("/bin/x"), P_BYTES("a b\0c\0"),
				     P_S32(1),	P_U32(0),	 P_U32(0),
				     P_U32(0),	P_STR("/"),	 P_STR("x"),
				     P_STR("/") };

	(void)state;
	assert_string_equal(
		text(KCAP_EV_OPENAT_E, p, 4),
		"> openat dirfd=AT_FDCWD name=x\\x20flags=O_RDONLY\\x20mode=0\\x20name="
		"/etc/shadow\\xc2\\x9b\\xe2\\x80\\xae\\xe2\\x80\\xa8 flags=O_RDONLY mode=0");
	assert_string_equal(
		json(KCAP_EV_OPENAT_E, p, 4),
		"\"args\":{\"dirfd\":-100,\"name\":\"x flags=O_RDONLY mode=0 name=/etc/"
		"shadow\xc2\x9b\xe2\x80\xae\xe2\x80\xa8\",\"flags\":\"O_RDONLY\",\"mode\":0}}");
	/* argv: an argument with a space stays one argument */
	assert_non_null(strstr(text(KCAP_EV_EXECVE_X, args, 10), " args=a\\x20b c "));
}

/* Parameters cut at a bound are named, in JSON and in text. */
static void test_truncated_parameters_are_named(void **state)
{
	struct test_param p[] = { P_S64(0),	  P_STR(".../usr/sbin/sshd"),
				  P_BYTES("a\0"), P_S32(1),
				  P_U32(0),	  P_U32(0),
				  P_U32(0),	  P_STR("/"),
				  P_STR("x"),	  P_STR("/") };
	uint32_t len = test_build(raw, KCAP_EV_EXECVE_X, p, 10);
	struct kcap_event ev;
	struct kcap_param prm;

	(void)state;
	((struct kcap_evt_hdr *)raw)->truncated = 1u << 1 | 1u << 2;
	ev = test_event(raw, len, "x");
	assert_true(kcap_format_json(&ev, out, sizeof(out)) > 0);
	assert_non_null(strstr(out, "\"root\":\"/\"},\"truncated\":[\"exe\",\"args\"]}"));
	assert_true(kcap_format_text(&ev, out, sizeof(out)) > 0);
	assert_non_null(strstr(out, " comm=x root=/ truncated=exe,args"));
	assert_int_equal(kcap_event_param(&ev, 1, &prm), 0);
	assert_true(prm.truncated);
	assert_int_equal(kcap_event_param(&ev, 3, &prm), 0);
	assert_false(prm.truncated);
}

static void test_string_without_terminator_stays_in_bounds(void **state)
{
	static const char unterminated[4] = { 'a', 'b', 'c', 'd' };
	struct test_param p[] = { P_S32(-100), { 4, unterminated }, P_U32(0), P_U32(0) };

	(void)state;
	assert_non_null(strstr(json(KCAP_EV_OPENAT_E, p, 4), "\"name\":\"abcd\""));
}

static void test_faulted_and_empty_parameters(void **state)
{
	struct test_param p[] = { P_S64(-14), P_S32(3), P_FAULT, P_U64(100) };
	struct test_param q[] = { P_S64(0), P_S32(3), { 0, NULL }, P_U64(100) };

	(void)state;
	assert_string_equal(json(KCAP_EV_READ_X, p, 4),
			    "\"args\":{\"fd\":3,\"data\":null,\"size\":100}}");
	assert_string_equal(text(KCAP_EV_READ_X, p, 4),
			    "< read res=-14(EFAULT) fd=3 data=<fault> size=100");
	assert_string_equal(json(KCAP_EV_READ_X, q, 4),
			    "\"args\":{\"fd\":3,\"data\":\"\",\"size\":100}}");
}

static void test_binary_buffer(void **state)
{
	static const char data[] = "\x00\x7f\x80 ok";
	struct test_param p[] = { P_S64(6), P_S32(0), P_BYTES(data), P_U64(6) };

	(void)state;
	assert_string_equal(
		json(KCAP_EV_READ_X, p, 4),
		"\"args\":{\"fd\":0,\"data\":\"\\u0000\\u007f\\\\x80 ok\",\"size\":6}}");
}

static void test_flags_enums_and_unknown_bits(void **state)
{
	struct test_param sock[] = { P_S64(3), P_U32(10), P_U32(1 | 04000 | 0x40000000), P_U32(6) };
	struct test_param mm[] = { P_S64(-12),	P_U64(0),  P_U64(4096), P_U32(0),
				   P_U32(0x22), P_S32(-1), P_U64(0) };

	(void)state;
	assert_string_equal(
		json(KCAP_EV_SOCKET_X, sock, 4),
		"\"args\":{\"domain\":\"AF_INET6\",\"type\":\"SOCK_STREAM|SOCK_NONBLOCK|"
		"0x40000000\",\"proto\":6}}");
	assert_string_equal(text(KCAP_EV_MMAP_X, mm, 7),
			    "< mmap res=-12(ENOMEM) addr=0x0 length=4096 prot=PROT_NONE "
			    "flags=MAP_PRIVATE|MAP_ANONYMOUS fd=-1 offset=0");
}

static void test_sockaddr_kinds(void **state)
{
	static const uint8_t unix_path[] = { 1, 0, '/', 's', 0 };
	static const uint8_t unix_abstract[] = { 1, 0, 0, 'x', 0, 'y' };
	static const uint8_t unknown[] = { 44, 0 };
	static const uint8_t short_inet[] = { 2, 0, 1 };
	struct test_param a[] = { P_S64(0), P_S32(3), { sizeof(unix_path), unix_path } };
	struct test_param b[] = { P_S64(0), P_S32(3), { sizeof(unix_abstract), unix_abstract } };
	struct test_param c[] = { P_S64(0), P_S32(3), { sizeof(unknown), unknown } };
	struct test_param d[] = { P_S64(0), P_S32(3), { sizeof(short_inet), short_inet } };

	(void)state;
	assert_string_equal(json(KCAP_EV_BIND_X, a, 3),
			    "\"args\":{\"fd\":3,\"addr\":\"unix:/s\"}}");
	assert_string_equal(json(KCAP_EV_BIND_X, b, 3),
			    "\"args\":{\"fd\":3,\"addr\":\"unix:@x\\u0000y\"}}");
	assert_string_equal(json(KCAP_EV_BIND_X, c, 3),
			    "\"args\":{\"fd\":3,\"addr\":\"family=44\"}}");
	assert_string_equal(json(KCAP_EV_BIND_X, d, 3),
			    "\"args\":{\"fd\":3,\"addr\":\"family=2\"}}");
}

static void test_small_buffer_reports_enospc(void **state)
{
	struct test_param p[] = { P_S64(0), P_S32(3) };
	uint32_t len = test_build(raw, KCAP_EV_CLOSE_X, p, 2);
	struct kcap_event ev = test_event(raw, len, "c");
	char small[16];

	(void)state;
	memset(small, 'X', sizeof(small));
	assert_int_equal(kcap_format_json(&ev, small, sizeof(small)), -ENOSPC);
	assert_int_equal(small[15], '\0');
	assert_int_equal(kcap_format_text(&ev, small, 1), -ENOSPC);
}

/* The worst case fits KCAP_FORMAT_MAX: a maximal buffer of bytes that all escape. */
static void test_worst_case_fits(void **state)
{
	static uint8_t data[KCAP_MAX_PARAM_LEN];
	struct test_param p[] = { P_S64(KCAP_MAX_PARAM_LEN),
				  P_S32(3),
				  { KCAP_MAX_PARAM_LEN, data },
				  P_U64(KCAP_MAX_PARAM_LEN) };

	(void)state;
	memset(data, 1, sizeof(data));
	assert_non_null(json(KCAP_EV_READ_X, p, 4));
	assert_non_null(text(KCAP_EV_READ_X, p, 4));
}

/* Modes with their file type, device numbers, a NULL path, and hostile values of each. */
static void test_modes_devices_and_null_paths(void **state)
{
	static const char path[] = "/n";
	static const char unterminated[3] = { '/', 'a', 'b' };
	struct test_param fifo[] = { P_S64(0), P_STR(path), P_U32(010644), P_U32(0) };
	/* no type bits; then a type no kernel has (0170000) and bits above it */
	struct test_param plain[] = { P_S64(0), P_STR(path), P_U32(0755), P_U32(0x103) };
	struct test_param bogus[] = { P_S64(0), P_STR(path), P_U32(0xffffffff), P_U32(0xffffffff) };
	struct test_param nul[] = { P_S64(0),	 P_S32(3),
				    { 0, NULL }, P_U32(0),
				    P_S64(7),	 P_S64((1 << 30) - 1),
				    P_S64(0),	 P_S64((1 << 30) - 2) };
	struct test_param cut[] = { P_S64(-2), { 3, unterminated } };
	struct test_param seek[] = { P_S64(-22), P_S32(3), P_S64(-1), P_U32(99) };

	(void)state;
	assert_string_equal(json(KCAP_EV_MKNOD_X, fifo, 4),
			    "\"args\":{\"path\":\"/n\",\"mode\":\"S_IFIFO|0644\",\"dev\":0}}");
	assert_string_equal(text(KCAP_EV_MKNOD_X, plain, 4),
			    "< mknod res=0 path=/n mode=0755 dev=1:3");
	assert_string_equal(text(KCAP_EV_MKNOD_X, bogus, 4),
			    "< mknod res=0 path=/n mode=0170000|037777607777 dev=4095:1048575");
	assert_string_equal(
		json(KCAP_EV_UTIMENSAT_X, nul, 8),
		"\"args\":{\"dirfd\":3,\"path\":null,\"flags\":\"0\",\"atime_sec\":7,"
		"\"atime_nsec\":\"UTIME_NOW\",\"mtime_sec\":0,\"mtime_nsec\":\"UTIME_OMIT\"}}");
	assert_string_equal(
		text(KCAP_EV_UTIMENSAT_X, nul, 8),
		"< utimensat res=0 dirfd=3 path=NULL flags=0 atime_sec=7 atime_nsec=UTIME_NOW "
		"mtime_sec=0 mtime_nsec=UTIME_OMIT");
	assert_string_equal(json(KCAP_EV_UNLINK_X, cut, 2), "\"args\":{\"path\":\"/ab\"}}");
	assert_string_equal(text(KCAP_EV_LSEEK_X, seek, 4),
			    "< lseek res=-22(EINVAL) fd=3 offset=-1 whence=99");
}

/* fcntl's argument by its cmd, ioctl requests by name, and values no table has. */
/*
 * poll's entries, select's fd_sets, timespecs, timevals and sigsets: NULL,
 * unreadable, nfds bigger than the array or smaller than the set, lengths
 * that are no whole entry, unknown bits.
 */
static void test_pollfds_fdsets_and_times(void **state)
{
	/* two entries (nfds says 5), unknown bits, then 3 bytes of no entry */
	static const uint8_t fds[19] = { 3,    0,    0,	   0,	 0x01, 0x80, 0x01, 0x00,
					 0xff, 0xff, 0xff, 0xff, 0x04, 0,    0x30, 0 };
	static const uint8_t set[2] = { 0x18, 0xff }; /* 3 4, 8 to 15 */
	static const int64_t tv[2] = { 1, 500 }, pair[4] = { 100, 5, -1, 999999 };
	static const uint64_t sigs = 1ull << 9 | 1ull << 14; /* SIGUSR1 SIGTERM */
	struct test_param poll[] = { P_S64(1), P_U32(5), P_S32(-1), { sizeof(fds), fds } };
	struct test_param poll_fault[] = { P_S64(-14), P_U32(1), P_S32(0), P_FAULT };
	struct test_param poll_null[] = { P_S64(0), P_U32(0), P_S32(10), { 0, NULL } };
	struct test_param sel[] = { P_S64(2),	 P_S32(10), { 2, set },
				    { 0, NULL }, P_FAULT,   { 16, tv } };
	struct test_param sel_neg[] = { P_S64(-22), P_S32(-1),	 { 2, set },
					{ 2, set }, { 0, NULL }, { 15, tv } };
	struct test_param psel[] = { P_S64(0),	  P_S32(0),   { 0, NULL }, { 0, NULL },
				     { 0, NULL }, { 16, tv }, { 8, &sigs } };
	struct test_param ppoll[] = { P_S64(0),	   P_U32(0),	{ 0, NULL },
				      { 0, NULL }, { 0, NULL }, P_U64(8) };
	struct test_param utimes[] = { P_S64(0), P_STR("/a"), { 32, pair } };
	struct test_param utime[] = { P_S64(0), P_STR("/a"), { 16, tv } };
	struct test_param utime_cut[] = { P_S64(0), P_STR("/a"), { 24, pair } };

	(void)state;
	assert_string_equal(json(KCAP_EV_POLL_X, poll, 4),
			    "\"args\":{\"nfds\":5,\"timeout\":-1,\"fds\":[{\"fd\":3,\"events\":"
			    "\"POLLIN|0x8000\",\"revents\":\"POLLIN\"},{\"fd\":-1,\"events\":"
			    "\"POLLOUT\",\"revents\":\"POLLHUP|POLLNVAL\"}]}}");
	assert_string_equal(text(KCAP_EV_POLL_X, poll, 4),
			    "< poll res=1 nfds=5 timeout=-1 fds=[{fd=3,events=POLLIN|0x8000,"
			    "revents=POLLIN},{fd=-1,events=POLLOUT,revents=POLLHUP|POLLNVAL}]");
	assert_string_equal(text(KCAP_EV_POLL_X, poll_fault, 4),
			    "< poll res=-14(EFAULT) nfds=1 timeout=0 fds=<fault>");
	assert_string_equal(json(KCAP_EV_POLL_X, poll_null, 4),
			    "\"args\":{\"nfds\":0,\"timeout\":10,\"fds\":null}}");
	assert_string_equal(text(KCAP_EV_SELECT_X, sel, 6),
			    "< select res=2 nfds=10 readfds=[3,4,8,9] writefds=NULL "
			    "exceptfds=<fault> timeout={tv_sec=1,tv_usec=500}");
	assert_string_equal(json(KCAP_EV_SELECT_X, sel, 6),
			    "\"args\":{\"nfds\":10,\"readfds\":[3,4,8,9],\"writefds\":null,"
			    "\"exceptfds\":null,\"timeout\":{\"tv_sec\":1,\"tv_usec\":500}}}");
	/* no usable nfds: every bit the bytes hold; a timeval cut short is bad */
	assert_string_equal(text(KCAP_EV_SELECT_X, sel_neg, 6),
			    "< select res=-22(EINVAL) nfds=-1 readfds=[3,4,8,9,10,11,12,13,14,15] "
			    "writefds=[3,4,8,9,10,11,12,13,14,15] exceptfds=NULL timeout=<bad>");
	assert_non_null(strstr(json(KCAP_EV_SELECT_X, sel_neg, 6), "\"timeout\":null}}"));
	assert_string_equal(text(KCAP_EV_PSELECT6_X, psel, 7),
			    "< pselect6 res=0 nfds=0 readfds=NULL writefds=NULL exceptfds=NULL "
			    "timeout={tv_sec=1,tv_nsec=500} sigmask=[SIGUSR1,SIGTERM]");
	assert_non_null(strstr(json(KCAP_EV_PSELECT6_X, psel, 7),
			       "\"timeout\":{\"tv_sec\":1,\"tv_nsec\":500},"
			       "\"sigmask\":[\"SIGUSR1\",\"SIGTERM\"]}}"));
	assert_string_equal(text(KCAP_EV_PPOLL_X, ppoll, 6),
			    "< ppoll res=0 nfds=0 fds=NULL timeout=NULL sigmask=NULL sigsetsize=8");
	assert_string_equal(text(KCAP_EV_UTIMES_X, utimes, 3),
			    "< utimes res=0 path=/a times=[{tv_sec=100,tv_usec=5},"
			    "{tv_sec=-1,tv_usec=999999}]");
	assert_string_equal(json(KCAP_EV_UTIME_X, utime, 3),
			    "\"args\":{\"path\":\"/a\",\"times\":{\"actime\":1,\"modtime\":500}}}");
	assert_string_equal(text(KCAP_EV_UTIME_X, utime_cut, 3),
			    "< utime res=0 path=/a times=<bad>");
}

/* A hostile fd_set as long as a parameter can be: only KCAP_MAX_ARRAY bytes are decoded. */
static void test_huge_fdset_is_bounded(void **state)
{
	static uint8_t set[KCAP_MAX_PARAM_LEN];
	struct test_param p[] = {
		P_S64(0),    P_S32(INT32_MAX), { sizeof(set), set }, { sizeof(set), set },
		{ 0, NULL }, { 48, set }
	};
	const char *s;

	(void)state;
	memset(set, 0xff, sizeof(set));
	s = text(KCAP_EV_SELECT_X, p, 6);
	assert_non_null(strstr(s, " readfds=[0,1,2,"));
	assert_non_null(strstr(s, ",1022,1023] writefds=[0,"));
	assert_null(strstr(s, "1024"));
	assert_non_null(strstr(s, " exceptfds=NULL timeout=[{tv_sec=-1,tv_usec=-1},"));
}

static void test_fcntl_and_ioctl_arguments(void **state)
{
	struct test_param setfl[] = { P_S64(0), P_S32(3), P_U32(4), P_U64(04000 | 02000) };
	struct test_param setfd[] = { P_S64(0), P_S32(3), P_U32(2), P_U64(1) };
	struct test_param owner[] = { P_S64(0), P_S32(3), P_U32(8), P_U64(0xfffffffffffffffeull) };
	struct test_param sig[] = { P_S64(0), P_S32(3), P_U32(10), P_U64(10) };
	struct test_param unknown[] = { P_S64(-22), P_S32(3), P_U32(0x7777), P_U64(0x1000) };
	struct test_param faulted[] = { P_S64(-22), P_S32(3), P_FAULT, P_U64(4) };
	struct test_param tty[] = { P_S64(-25), P_S32(1), P_U32(0x5401), P_U64(0x10) };
	struct test_param other[] = { P_S64(-25), P_S32(1), P_U32(0xdeadbeef), P_U64(0) };

	(void)state;
	assert_string_equal(text(KCAP_EV_FCNTL_X, setfl, 4),
			    "< fcntl res=0 fd=3 cmd=F_SETFL arg=O_RDONLY|O_APPEND|O_NONBLOCK");
	assert_string_equal(json(KCAP_EV_FCNTL_X, setfd, 4),
			    "\"args\":{\"fd\":3,\"cmd\":\"F_SETFD\",\"arg\":\"FD_CLOEXEC\"}}");
	assert_string_equal(text(KCAP_EV_FCNTL_X, owner, 4),
			    "< fcntl res=0 fd=3 cmd=F_SETOWN arg=-2");
	assert_string_equal(text(KCAP_EV_FCNTL_X, sig, 4),
			    "< fcntl res=0 fd=3 cmd=F_SETSIG arg=SIGUSR1");
	assert_string_equal(text(KCAP_EV_FCNTL_X, unknown, 4),
			    "< fcntl res=-22(EINVAL) fd=3 cmd=30583 arg=0x1000");
	assert_string_equal(text(KCAP_EV_FCNTL_X, faulted, 4),
			    "< fcntl res=-22(EINVAL) fd=3 cmd=<fault> arg=0x4");
	assert_string_equal(text(KCAP_EV_IOCTL_X, tty, 4),
			    "< ioctl res=-25(ENOTTY) fd=1 request=0x5401(TCGETS) arg=0x10");
	assert_string_equal(json(KCAP_EV_IOCTL_X, other, 4),
			    "\"args\":{\"fd\":1,\"request\":\"0xdeadbeef\",\"arg\":0}}");
}

/* Socket options named by their level; values of 4 bytes as ints, others as bytes. */
/*
 * prctl's arguments follow the event's option: an unreadable or wrongly sized
 * option (a hostile or broken record) decodes them as raw values, never by a
 * table they do not belong to; a capability set with every bit set.
 */
static void test_prctl_arguments_and_capability_sets(void **state)
{
	struct test_param dumpable[] = { P_S64(0), P_U32(4), P_U64(1),	 P_U64(0),
					 P_U64(0), P_U64(0), { 0, NULL } };
	struct test_param faulted[] = { P_S64(0), P_FAULT,  P_U64(1),	P_U64(0),
					P_U64(0), P_U64(0), { 0, NULL } };
	struct test_param short_opt[] = { P_S64(0), { 2, "\x04\x00" }, P_U64(1),   P_U64(0),
					  P_U64(0), P_U64(0),	       { 0, NULL } };
	struct test_param caps[] = { P_S64(0),	   P_U32(0x20080522), P_S32(0),
				     P_U64(~0ull), P_U64(0),	      P_FAULT };

	(void)state;
	assert_string_equal(text(KCAP_EV_PRCTL_X, dumpable, 7),
			    "< prctl res=0 option=PR_SET_DUMPABLE arg2=SUID_DUMP_USER arg3=0x0 "
			    "arg4=0x0 arg5=0x0 name=NULL");
	assert_string_equal(text(KCAP_EV_PRCTL_X, faulted, 7),
			    "< prctl res=0 option=<fault> arg2=0x1 arg3=0x0 arg4=0x0 arg5=0x0 "
			    "name=NULL");
	assert_non_null(strstr(text(KCAP_EV_PRCTL_X, short_opt, 7), "arg2=0x1 arg3=0x0"));
	assert_non_null(strstr(json(KCAP_EV_CAPSET_X, caps, 6),
			       "\"effective\":\"CAP_CHOWN|CAP_DAC_OVERRIDE|"));
	assert_non_null(strstr(out, "|CAP_CHECKPOINT_RESTORE|0xfffffe0000000000\","
				    "\"permitted\":\"0\",\"inheritable\":null}}"));
}

static void test_sockopt_names_and_values(void **state)
{
	static const uint8_t linger[8] = { 1, 0, 0, 0, 5, 0, 0, 0 };
	struct test_param so[] = { P_S64(0), P_S32(3), P_U32(1), P_U32(2), P_BYTES("\x01\0\0\0"),
				   P_U32(4) };
	struct test_param tcp[] = { P_S64(0),  P_S32(3),	 P_U32(6),
				    P_U32(13), P_BYTES("cubic"), P_U32(5) };
	struct test_param lg[] = {
		P_S64(0), P_S32(3), P_U32(1), P_U32(13), { 8, linger }, P_U32(8)
	};
	struct test_param odd[] = { P_S64(-92), P_S32(3),	 P_U32(9999),
				    P_U32(2),	P_BYTES("\x01"), P_U32(1) };
	struct test_param nolevel[] = {
		P_S64(-14), P_S32(3), P_FAULT, P_U32(2), P_FAULT, P_U32(4)
	};

	(void)state;
	assert_string_equal(text(KCAP_EV_SETSOCKOPT_X, so, 6),
			    "< setsockopt res=0 fd=3 level=SOL_SOCKET optname=SO_REUSEADDR "
			    "optval=1 optlen=4");
	assert_string_equal(
		json(KCAP_EV_GETSOCKOPT_X, tcp, 6),
		"\"args\":{\"fd\":3,\"level\":\"SOL_TCP\",\"optname\":\"TCP_CONGESTION\","
		"\"optval\":\"cubic\",\"optlen\":5}}");
	assert_string_equal(text(KCAP_EV_SETSOCKOPT_X, lg, 6),
			    "< setsockopt res=0 fd=3 level=SOL_SOCKET optname=SO_LINGER "
			    "optval=\\x01\\x00\\x00\\x00\\x05\\x00\\x00\\x00 optlen=8");
	assert_string_equal(text(KCAP_EV_SETSOCKOPT_X, odd, 6),
			    "< setsockopt res=-92(ENOPROTOOPT) fd=3 level=9999 optname=2 "
			    "optval=\\x01 optlen=1");
	assert_string_equal(text(KCAP_EV_SETSOCKOPT_X, nolevel, 6),
			    "< setsockopt res=-14(EFAULT) fd=3 level=<fault> optname=2 "
			    "optval=<fault> optlen=4");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_header_fields),
		cmocka_unit_test(test_hostile_path_bytes),
		cmocka_unit_test(test_text_cannot_be_forged),
		cmocka_unit_test(test_truncated_parameters_are_named),
		cmocka_unit_test(test_string_without_terminator_stays_in_bounds),
		cmocka_unit_test(test_faulted_and_empty_parameters),
		cmocka_unit_test(test_binary_buffer),
		cmocka_unit_test(test_flags_enums_and_unknown_bits),
		cmocka_unit_test(test_sockaddr_kinds),
		cmocka_unit_test(test_small_buffer_reports_enospc),
		cmocka_unit_test(test_worst_case_fits),
		cmocka_unit_test(test_modes_devices_and_null_paths),
		cmocka_unit_test(test_pollfds_fdsets_and_times),
		cmocka_unit_test(test_huge_fdset_is_bounded),
		cmocka_unit_test(test_fcntl_and_ioctl_arguments),
		cmocka_unit_test(test_sockopt_names_and_values),
		cmocka_unit_test(test_prctl_arguments_and_capability_sets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
