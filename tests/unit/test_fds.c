// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The descriptor table: every update rule over synthetic event streams,
 * events out of order, pid reuse, the /proc scan and lookups over a fake
 * /proc tree (hostile and vanishing entries included), the bounds, and the
 * names in text and JSON output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include "test_util.h"
#include "state/fd_names.h"
#include "state/fds_internal.h"
#include "state/proc_fd.h"
#include "state/proc_net.h"
#include "state/pidns.h"

#define SEC 1000000000ull
#define O_CLOEXEC_FLAG 02000000u

struct test_ev {
	uint8_t raw[4096];
	struct kcap_event ev;
};

/* An event of type with params, from thread tid of process pid at ts. */
static struct kcap_event *mk(struct test_ev *b, uint16_t type, uint32_t pid, uint32_t tid,
			     uint64_t ts, const struct test_param *p, uint16_t n)
{
	uint32_t len = test_build(b->raw, type, p, n);
	struct kcap_evt_hdr hdr;

	memcpy(&hdr, b->raw, sizeof(hdr));
	hdr.pid = pid;
	hdr.tid = tid;
	hdr.ts = ts;
	memcpy(b->raw, &hdr, sizeof(hdr));
	b->ev = test_event(b->raw, len, "t");
	return &b->ev;
}

static void ev_openat(struct kcap_fds *f, uint32_t pid, uint64_t ts, int64_t res, const char *file,
		      uint32_t flags)
{
	struct test_ev b;
	struct test_param p[] = { P_S64(res), P_S32(-100), P_STR("rel"), P_U32(flags),
				  P_U32(0),   { 0, NULL }, P_U32(0),	 P_U64(0) };

	p[5].len = (uint16_t)(strlen(file) + 1);
	p[5].data = file;
	kcap_fds_update(f, mk(&b, KCAP_EV_OPENAT_X, pid, pid, ts, p, 8));
}

static void ev_close(struct kcap_fds *f, uint32_t pid, uint64_t ts, int32_t fd)
{
	struct test_ev b;
	struct test_param p[] = { P_S64(0), P_S32(fd) };

	kcap_fds_update(f, mk(&b, KCAP_EV_CLOSE_X, pid, pid, ts, p, 2));
}

static void ev_dup2(struct kcap_fds *f, uint32_t pid, uint64_t ts, int32_t oldfd, int32_t newfd)
{
	struct test_ev b;
	struct test_param p[] = { P_S64(newfd), P_S32(oldfd), P_S32(newfd) };

	kcap_fds_update(f, mk(&b, KCAP_EV_DUP2_X, pid, pid, ts, p, 3));
}

static void ev_fcntl(struct kcap_fds *f, uint32_t pid, uint64_t ts, int32_t fd, uint32_t cmd,
		     uint64_t arg, int64_t res)
{
	struct test_ev b;
	struct test_param p[] = { P_S64(res), P_S32(fd), P_U32(cmd), P_U64(arg) };

	kcap_fds_update(f, mk(&b, KCAP_EV_FCNTL_X, pid, pid, ts, p, 4));
}

static void ev_close_range(struct kcap_fds *f, uint32_t pid, uint64_t ts, uint32_t first,
			   uint32_t last, uint32_t flags)
{
	struct test_ev b;
	struct test_param p[] = { P_S64(0), P_U32(first), P_U32(last), P_U32(flags) };

	kcap_fds_update(f, mk(&b, KCAP_EV_CLOSE_RANGE_X, pid, pid, ts, p, 4));
}

static void ev_execve(struct kcap_fds *f, uint32_t pid, uint64_t ts)
{
	static const char args[] = "ls";
	struct test_ev b;
	struct test_param p[] = { P_S64(0),  P_STR("/bin/ls"), { sizeof(args), args },
				  P_S32(1),  P_U32(0),	       P_U32(0),
				  P_U32(0),  P_STR("/"),       P_STR("ls"),
				  P_STR("/") };

	kcap_fds_update(f, mk(&b, KCAP_EV_EXECVE_X, pid, pid, ts, p, 10));
}

/* One side of a clone: the parent's (res: the child) or the child's (res 0). */
static void ev_clone(struct kcap_fds *f, uint32_t pid, uint64_t ts, int64_t res, uint64_t flags,
		     int32_t ppid)
{
	struct test_ev b;
	struct test_param p[] = { P_S64(res),
				  P_U64(flags),
				  P_S32(ppid),
				  P_STR("sh"),
				  P_U32(pid),
				  P_U32(pid),
				  P_U64(KCAP_PIDNS_INIT_INO) };

	kcap_fds_update(f, mk(&b, KCAP_EV_CLONE_X, pid, pid, ts, p, 7));
}

static void ev_procexit(struct kcap_fds *f, uint32_t pid, uint64_t ts)
{
	struct test_ev b;
	struct test_param p[] = { P_S32(0), P_U32(0), P_U32(0) };

	kcap_fds_update(f, mk(&b, KCAP_EV_PROCEXIT, pid, pid, ts, p, 3));
}

/* What fd of pid is, as a read by tid at ts would name it; "" when unknown. */
static const char *name_at(struct kcap_fds *f, uint32_t pid, uint32_t tid, uint64_t ts, int32_t fd,
			   int64_t res)
{
	static char out[4200];
	struct test_ev b;
	struct test_param p[] = { P_S64(res), P_S32(fd), P_BYTES("x"), P_U64(1) };
	struct kcap_fd_ref ref;

	if (!kcap_fds_resolve(f, mk(&b, KCAP_EV_READ_X, pid, tid, ts, p, 4), fd, &ref))
		return "";
	snprintf(out, sizeof(out), "%.*s", (int)ref.name_len, ref.name);
	return out;
}

static const char *name_of(struct kcap_fds *f, uint32_t pid, int32_t fd)
{
	return name_at(f, pid, pid, 100 * SEC, fd, 1);
}

static void test_open_read_close(void **state)
{
	struct kcap_fds f;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	ev_openat(&f, 10, 1 * SEC, 3, "/etc/hostname", 0);
	ev_openat(&f, 10, 1 * SEC, -2, "", 0); /* failed: nothing */
	assert_string_equal(name_of(&f, 10, 3), "/etc/hostname");
	assert_string_equal(name_of(&f, 11, 3), ""); /* another process */
	ev_close(&f, 10, 2 * SEC, 3);
	assert_string_equal(name_of(&f, 10, 3), "");
	ev_openat(&f, 10, 3 * SEC, 3, "/etc/passwd", 0);
	assert_string_equal(name_of(&f, 10, 3), "/etc/passwd");
	assert_int_equal(f.lookups, 0); /* no /proc: never looked up */
	kcap_fds_free(&f);
}

static void test_dup_family(void **state)
{
	struct kcap_fds f;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	ev_openat(&f, 10, 1 * SEC, 3, "/tmp/a", 0);
	ev_openat(&f, 10, 1 * SEC, 1, "/dev/pts/0", 0);
	ev_dup2(&f, 10, 2 * SEC, 3, 1); /* replaces what 1 was */
	assert_string_equal(name_of(&f, 10, 1), "/tmp/a");
	ev_dup2(&f, 10, 3 * SEC, 1, 1); /* onto itself: nothing */
	assert_string_equal(name_of(&f, 10, 1), "/tmp/a");
	ev_fcntl(&f, 10, 4 * SEC, 3, 0 /* F_DUPFD */, 10, 10);
	assert_string_equal(name_of(&f, 10, 10), "/tmp/a");
	ev_dup2(&f, 10, 5 * SEC, 7, 1); /* from an unknown one: 1 is unknown now */
	assert_string_equal(name_of(&f, 10, 1), "");
	ev_close(&f, 10, 6 * SEC, 3);
	assert_string_equal(name_of(&f, 10, 10), "/tmp/a"); /* the copy stays */
	kcap_fds_free(&f);
}

static void test_exec_closes_cloexec(void **state)
{
	struct kcap_fds f;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	ev_openat(&f, 10, 1 * SEC, 3, "/kept", 0);
	ev_openat(&f, 10, 1 * SEC, 4, "/o_cloexec", O_CLOEXEC_FLAG);
	ev_fcntl(&f, 10, 1 * SEC, 3, 1030 /* F_DUPFD_CLOEXEC */, 0, 5);
	ev_openat(&f, 10, 1 * SEC, 6, "/set_fd", 0);
	ev_fcntl(&f, 10, 2 * SEC, 6, 2 /* F_SETFD */, 1, 0);
	ev_openat(&f, 10, 1 * SEC, 7, "/cleared", O_CLOEXEC_FLAG);
	ev_fcntl(&f, 10, 2 * SEC, 7, 2 /* F_SETFD */, 0, 0);
	ev_execve(&f, 10, 3 * SEC);
	assert_string_equal(name_of(&f, 10, 3), "/kept");
	assert_string_equal(name_of(&f, 10, 4), "");
	assert_string_equal(name_of(&f, 10, 5), "");
	assert_string_equal(name_of(&f, 10, 6), "");
	assert_string_equal(name_of(&f, 10, 7), "/cleared");
	kcap_fds_free(&f);
}

static void test_close_range(void **state)
{
	struct kcap_fds f;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	for (int fd = 0; fd < 8; fd++)
		ev_openat(&f, 10, 1 * SEC, fd, "/f", 0);
	ev_openat(&f, 10, 1 * SEC, 4000000, "/far", 0);
	ev_close_range(&f, 10, 2 * SEC, 5, ~0u, 1u << 2 /* CLOSE_RANGE_CLOEXEC */);
	assert_string_equal(name_of(&f, 10, 6), "/f"); /* only marked */
	ev_close_range(&f, 10, 3 * SEC, 3, 4, 0);
	assert_string_equal(name_of(&f, 10, 2), "/f");
	assert_string_equal(name_of(&f, 10, 3), "");
	assert_string_equal(name_of(&f, 10, 4), "");
	ev_execve(&f, 10, 4 * SEC);
	assert_string_equal(name_of(&f, 10, 2), "/f");
	assert_string_equal(name_of(&f, 10, 5), "");
	assert_string_equal(name_of(&f, 10, 4000000), "");
	kcap_fds_free(&f);
}

static void test_clone_copies_or_shares(void **state)
{
	struct kcap_fds f;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	ev_openat(&f, 10, 1 * SEC, 3, "/parent", 0);
	/* fork: the parent's side first, then the child's; the parent closes 3 meanwhile */
	ev_clone(&f, 10, 2 * SEC, 20, 0x11 /* SIGCHLD */, 1);
	ev_close(&f, 10, 2 * SEC + 10, 3);
	ev_clone(&f, 20, 2 * SEC + 20, 0, 0x11, 10);
	assert_string_equal(name_of(&f, 20, 3), "/parent"); /* the copy at the fork */
	assert_string_equal(name_of(&f, 10, 3), "");
	/* the child's side first (another CPU), then the parent's */
	ev_openat(&f, 10, 3 * SEC, 4, "/second", 0);
	ev_clone(&f, 21, 4 * SEC, 0, 0x11, 10);
	ev_openat(&f, 21, 4 * SEC + 5, 5, "/child-own", 0);
	ev_clone(&f, 10, 4 * SEC + 10, 21, 0x11, 1);
	assert_string_equal(name_of(&f, 21, 4), "/second");
	assert_string_equal(name_of(&f, 21, 5), "/child-own"); /* not replaced */
	assert_string_equal(name_of(&f, 10, 5), "");
	/* CLONE_FILES: one table; an exec in the child makes it its own */
	ev_clone(&f, 10, 5 * SEC, 22, 0x400 | 0x11, 1);
	ev_clone(&f, 22, 5 * SEC + 1, 0, 0x400 | 0x11, 10);
	ev_openat(&f, 22, 6 * SEC, 6, "/shared", O_CLOEXEC_FLAG);
	assert_string_equal(name_of(&f, 10, 6), "/shared");
	ev_execve(&f, 22, 7 * SEC);
	assert_string_equal(name_of(&f, 22, 6), "");
	assert_string_equal(name_of(&f, 10, 6), "/shared");
	/* a thread: nothing changes */
	ev_clone(&f, 10, 8 * SEC, 0, 0x10000 | 0x400 | 0x100, 1);
	assert_string_equal(name_of(&f, 10, 4), "/second");
	/* the process ends: its table goes */
	ev_procexit(&f, 21, 9 * SEC);
	assert_null(kcap_fds_proc_find(&f, 21));
	kcap_fds_free(&f);
}

static void test_out_of_order_events(void **state)
{
	struct kcap_fds f;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	/* a close (t=5) seen before the open (t=4) it follows */
	ev_close(&f, 10, 5 * SEC, 3);
	ev_openat(&f, 10, 4 * SEC, 3, "/stale", 0);
	assert_string_equal(name_of(&f, 10, 3), "");
	ev_openat(&f, 10, 6 * SEC, 3, "/fresh", 0);
	assert_string_equal(name_of(&f, 10, 3), "/fresh");
	/* an older open does not replace a newer one */
	ev_openat(&f, 10, 5 * SEC + 1, 3, "/older", 0);
	assert_string_equal(name_of(&f, 10, 3), "/fresh");
	/* nor does an older close close it */
	ev_close(&f, 10, 5 * SEC + 2, 3);
	assert_string_equal(name_of(&f, 10, 3), "/fresh");
	kcap_fds_free(&f);
}

static void test_pid_reuse(void **state)
{
	struct kcap_fds f;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	ev_openat(&f, 30, 1 * SEC, 3, "/old-process", 0);
	ev_procexit(&f, 30, 2 * SEC);
	ev_openat(&f, 10, 2 * SEC, 4, "/parent", 0);
	ev_clone(&f, 30, 3 * SEC, 0, 0x11, 10); /* a new process gets pid 30 */
	assert_string_equal(name_of(&f, 30, 3), "");
	assert_string_equal(name_of(&f, 30, 4), "/parent");
	/* its exit was missed: a new creation with the pid replaces the table anyway */
	ev_openat(&f, 30, 4 * SEC, 5, "/second-process", 0);
	ev_clone(&f, 30, 9 * SEC, 0, 0x11, 10);
	assert_string_equal(name_of(&f, 30, 5), "");
	kcap_fds_free(&f);
}

static void test_huge_descriptor_numbers_and_bounds(void **state)
{
	struct kcap_fds f;
	char name[32];
	uint64_t procs, entries, bytes;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	ev_openat(&f, 10, 1 * SEC, 9999999, "/far", 0);
	ev_openat(&f, 10, 1 * SEC, INT32_MAX, "/farthest", 0);
	assert_string_equal(name_of(&f, 10, 9999999), "/far");
	assert_string_equal(name_of(&f, 10, INT32_MAX), "/farthest");
	kcap_fds_usage(&f, &procs, &entries, &bytes);
	assert_int_equal(procs, 1);
	assert_int_equal(entries, 2);
	assert_true(bytes < 64 * 1024); /* nothing sized by the number */
	name_at(&f, 10, 10, 2 * SEC, -5, 0); /* negative: nothing */
	/* at the bound, new descriptors are counted, not remembered */
	f.max_entries = 100;
	for (int fd = 0; fd < 200; fd++) {
		snprintf(name, sizeof(name), "/f%d", fd);
		ev_openat(&f, 11, 2 * SEC, fd, name, 0);
	}
	assert_true(f.entries <= 100);
	assert_true(f.untracked >= 100);
	assert_string_equal(name_of(&f, 11, 5), "/f5");
	kcap_fds_free(&f);
}

static void test_tombstones_do_not_grow_tables(void **state)
{
	struct kcap_fds f;
	uint64_t procs, entries, bytes;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	/* many distinct descriptors opened and closed, one at a time */
	for (int fd = 0; fd < 200000; fd += 1) {
		ev_openat(&f, 10, (uint64_t)fd * SEC, fd, "/x", 0);
		ev_close(&f, 10, (uint64_t)fd * SEC + 1, fd);
	}
	kcap_fds_usage(&f, &procs, &entries, &bytes);
	assert_true(entries < 100);
	assert_true(bytes < 64 * 1024);
	kcap_fds_free(&f);
}

/* A fake /proc: directories and files created under a temporary root. */
static char proc_dir[64];

static void put_file(const char *rel, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", proc_dir, rel);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void put_dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", proc_dir, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void put_link(const char *rel, const char *target)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", proc_dir, rel);
	unlink(path);
	assert_int_equal(symlink(target, path), 0);
}

/* /proc/PID with its stat (start time start), task/PID and the fd directories. */
static void put_process(uint32_t pid, uint64_t start)
{
	char rel[128], stat[256];

	snprintf(rel, sizeof(rel), "%u", pid);
	put_dir(rel);
	snprintf(rel, sizeof(rel), "%u/stat", pid);
	/* a command name with spaces and ')' */
	snprintf(stat, sizeof(stat),
		 "%u (a) b) S 1 %u %u 0 -1 4194560 100 0 0 0 0 0 0 0 20 0 1 0 %llu 1000 10\n", pid,
		 pid, pid, (unsigned long long)start);
	put_file(rel, stat);
	snprintf(rel, sizeof(rel), "%u/fd", pid);
	put_dir(rel);
	snprintf(rel, sizeof(rel), "%u/task", pid);
	put_dir(rel);
	snprintf(rel, sizeof(rel), "%u/task/%u", pid, pid);
	put_dir(rel);
	snprintf(rel, sizeof(rel), "%u/task/%u/fd", pid, pid);
	put_dir(rel);
}

/* Descriptor fd of pid (and of its main thread) links to target. */
static void put_fd(uint32_t pid, int fd, const char *target)
{
	char rel[128];

	snprintf(rel, sizeof(rel), "%u/fd/%d", pid, fd);
	put_link(rel, target);
	snprintf(rel, sizeof(rel), "%u/task/%u/fd/%d", pid, pid, fd);
	put_link(rel, target);
}

static int make_proc(void **state)
{
	(void)state;
	snprintf(proc_dir, sizeof(proc_dir), "/tmp/kcap-fakeproc-XXXXXX");
	assert_non_null(mkdtemp(proc_dir));
	return 0;
}

static int remove_proc(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", proc_dir);
	return system(cmd);
}

static void test_scan_of_fake_proc(void **state)
{
	struct kcap_fds f;

	(void)state;
	put_process(100, 5000);
	put_fd(100, 0, "/dev/pts/1");
	put_fd(100, 3, "socket:[4242]");
	put_fd(100, 4, "pipe:[77]");
	put_fd(100, 5, "anon_inode:[eventfd]");
	put_fd(100, 6, "/memfd:jit (deleted)");
	put_fd(100, 7, "socket:[999]"); /* in no table */
	put_fd(100, 8, "socket:[31337]");
	put_fd(100, 9, "socket:[5150]");
	put_dir("100/net");
	put_file(
		"100/net/tcp",
		"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
		"timeout inode\n"
		"   0: 0100007F:A0D2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0 "
		"       0 4242 1 0000000000000000 20 4 30 10 -1\n"
		"garbage line\n"
		"   1: ZZZZ:1F90 0100007F:1F90 01 00000000:00000000 00:00000000 00000000 0 0 1 1\n");
	put_file(
		"100/net/tcp6",
		"  sl  local_address                         remote_address                        "
		"st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
		"   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A "
		"00000000:00000000 00:00000000 00000000     0        0 31337 1 0000000000000000 100 "
		"0 0 10 0\n");
	put_file("100/net/unix", "Num       RefCount Protocol Flags    Type St Inode Path\n"
				 "0000000000000000: 00000002 00000000 00010000 0001 01 5150 "
				 "/run/x.sock\n"
				 "0000000000000000: 00000002 00000000 00010000 0001 01 51\n");
	/* vanished between the listing and its reads: no stat, no fd directory */
	put_dir("101");
	/* hidden (hidepid): a stat but no readable fd directory */
	put_dir("102");
	put_file("102/stat", "102 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 7 0 0\n");
	/* garbage stat */
	put_dir("103");
	put_file("103/stat", "103 no parenthesis\n");
	put_dir("self"); /* not a process */
	assert_int_equal(kcap_fds_init(&f, proc_dir), 0);
	assert_int_equal(kcap_fds_scan(&f, 10000), 8);
	assert_string_equal(name_of(&f, 100, 0), "/dev/pts/1");
	assert_string_equal(name_of(&f, 100, 3), "127.0.0.1:41170->127.0.0.1:8080");
	assert_string_equal(name_of(&f, 100, 4), "pipe:[77]");
	assert_string_equal(name_of(&f, 100, 5), "anon_inode:[eventfd]");
	assert_string_equal(name_of(&f, 100, 6), "/memfd:jit (deleted)");
	assert_string_equal(name_of(&f, 100, 7), "socket:[999]");
	assert_string_equal(name_of(&f, 100, 8), "[::1]:8080");
	assert_string_equal(name_of(&f, 100, 9), "unix:/run/x.sock");
	assert_int_equal(kcap_fds_proc_find(&f, 100)->start_time, 5000);
	assert_null(kcap_fds_proc_find(&f, 101));
	assert_int_equal(f.lookups, 0);
	kcap_fds_free(&f);
}

static void test_lookup_on_first_sight(void **state)
{
	struct kcap_fds f;
	uint64_t lookups;

	(void)state;
	put_process(200, 100);
	assert_int_equal(kcap_fds_init(&f, proc_dir), 0);
	/* the process existed before the start and was not scanned: its creation was missed */
	put_fd(200, 3, "/var/log/app.log");
	assert_string_equal(name_of(&f, 200, 3), "/var/log/app.log");
	assert_int_equal(f.lookups, 1);
	assert_string_equal(name_of(&f, 200, 3), "/var/log/app.log");
	assert_int_equal(f.lookups, 1); /* known now */
	/* nothing there: looked up once, then not again within a second */
	assert_string_equal(name_at(&f, 200, 200, 10 * SEC, 9, 1), "");
	lookups = f.lookups;
	assert_string_equal(name_at(&f, 200, 200, 10 * SEC + SEC / 2, 9, 1), "");
	assert_int_equal(f.lookups, lookups);
	put_fd(200, 9, "/appeared");
	assert_string_equal(name_at(&f, 200, 200, 12 * SEC, 9, 1), "/appeared");
	/* a call the kernel refused with EBADF names no descriptor: not looked up */
	lookups = f.lookups;
	assert_string_equal(name_at(&f, 200, 200, 20 * SEC, 12, -9), "");
	assert_int_equal(f.lookups, lookups);
	/* a thread other than the leader: its own task directory */
	put_dir("200/task/201");
	put_dir("200/task/201/fd");
	put_link("200/task/201/fd/4", "pipe:[5]");
	assert_string_equal(name_at(&f, 200, 201, 20 * SEC, 4, 1), "pipe:[5]");
	kcap_fds_free(&f);
}

static void test_dropped_clone_healed(void **state)
{
	struct kcap_fds f;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, proc_dir), 0);
	ev_openat(&f, 300, 1 * SEC, 3, "/parent-file", 0);
	/* pid 301's clone was dropped: its descriptors come from /proc on first sight */
	put_process(301, 200);
	put_fd(301, 3, "/parent-file");
	put_fd(301, 1, "pipe:[88]");
	assert_string_equal(name_at(&f, 301, 301, 2 * SEC, 1, 1), "pipe:[88]");
	assert_string_equal(name_at(&f, 301, 301, 2 * SEC, 3, 1), "/parent-file");
	kcap_fds_free(&f);
}

static void test_reused_pid_found_by_start_time(void **state)
{
	struct kcap_fds f;

	(void)state;
	put_process(400, 1000);
	put_fd(400, 3, "/first");
	assert_int_equal(kcap_fds_init(&f, proc_dir), 0);
	assert_true(kcap_fds_scan(&f, 10000) > 0);
	assert_string_equal(name_of(&f, 400, 3), "/first");
	/* pid 400 exits unseen and a new process gets it, with other descriptors */
	put_file("400/stat", "400 (new) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 2000 0 0\n");
	put_fd(400, 4, "/second");
	assert_string_equal(name_of(&f, 400, 4), "/second");
	/* the lookup saw the new start time: the old table went with the old process */
	assert_string_equal(name_at(&f, 400, 400, 200 * SEC, 3, 1), "/first");
	assert_int_equal(kcap_fds_proc_find(&f, 400)->start_time, 2000);
	assert_int_equal(f.lookups, 2); /* 3 was learned again from /proc, not kept */
	kcap_fds_free(&f);
}

/* A reader in another pid namespace reads nothing of /proc: its pids are other processes. */
static void test_no_proc_in_another_pid_namespace(void **state)
{
	struct kcap_fds f;

	(void)state;
	assert_int_equal(kcap_fds_init(&f, NULL), 0);
	assert_int_equal(kcap_fds_scan(&f, 1000), 0);
	assert_string_equal(name_of(&f, 1, 0), "");
	assert_int_equal(f.lookups, 0);
	kcap_fds_free(&f);
}

static void test_proc_link_kinds_and_stat(void **state)
{
	static const char stat[] = "1 (x) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 77 9";
	uint64_t ino, start;

	(void)state;
	assert_int_equal(kcap_fd_link_kind("socket:[12]", 11, &ino), KCAP_FD_SOCKET);
	assert_int_equal(ino, 12);
	assert_int_equal(kcap_fd_link_kind("socket:[]", 9, &ino), KCAP_FD_SOCKET);
	assert_int_equal(ino, 0);
	assert_int_equal(kcap_fd_link_kind("socket:[99999999999999999999999]", 32, &ino),
			 KCAP_FD_SOCKET);
	assert_int_equal(ino, 0);
	assert_int_equal(kcap_fd_link_kind("anon_inode:inotify", 18, &ino), KCAP_FD_INOTIFY);
	assert_int_equal(kcap_fd_link_kind("anon_inode:bpf-map", 18, &ino), KCAP_FD_ANON);
	assert_int_equal(kcap_fd_link_kind("/x", 2, &ino), KCAP_FD_FILE);
	assert_int_equal(kcap_fd_link_kind("", 0, &ino), KCAP_FD_UNKNOWN);
	assert_int_equal(kcap_parse_start_time(stat, strlen(stat), &start), 0);
	assert_int_equal(start, 77);
	assert_int_equal(kcap_parse_start_time("1 (x) S 1", 9, &start), -EINVAL);
	assert_int_equal(kcap_parse_start_time("", 0, &start), -EINVAL);
}

static void count_socket(void *ctx, uint64_t ino, int kind, const char *name, size_t len)
{
	(void)ino;
	(void)kind;
	(void)name;
	(void)len;
	(*(int *)ctx)++;
}

static void test_proc_net_parser_garbage(void **state)
{
	static const char *const bad[] = {
		"",
		"header only",
		"h\n   0: 0100007F:1F90",
		"h\n   0: 0100007F:1F90 0100007F:1F90 01 a b c d e 0 x",
		"h\n   0: 0100007F:1F90 0100007F:1F9 01 a b c d e 1 x",
		"h\n   0: 0100007F:1F90 0100007F:1F90 01 a b c d e 99999999999999999999 x",
		"h\n\n\n\n",
	};
	int n = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(kcap_proc_net_parse_inet(bad[i], strlen(bad[i]), count_socket, &n),
				 0);
		assert_int_equal(kcap_proc_net_parse_unix(bad[i], strlen(bad[i]), count_socket, &n),
				 0);
	}
	assert_int_equal(n, 0);
}

/* Named parameters through the engine's event step, as text and JSON show them. */
static void test_names_in_output(void **state)
{
	static struct kcap_fd_names n;
	struct test_ev b;
	char line[8192];
	struct kcap_event *ev;
	struct kcap_fd fd;
	struct sockaddr_in local = { .sin_family = AF_INET, .sin_port = htons(41234) };
	struct sockaddr_in remote = { .sin_family = AF_INET, .sin_port = htons(8080) };
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "/run/x.sock" };
	struct sockaddr_un unnamed = { .sun_family = AF_UNIX };

	(void)state;
	inet_pton(AF_INET, "127.0.0.1", &local.sin_addr);
	inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
	assert_int_equal(kcap_fd_names_init(&n, NULL), 0);
	{
		struct test_param p[] = { P_S64(3), P_S32(-100), P_STR("h"),
					  P_U32(0), P_U32(0),	 P_STR("/etc/hostname"),
					  P_U32(0), P_U64(0) };

		ev = mk(&b, KCAP_EV_OPENAT_X, 10, 10, 1 * SEC, p, 8);
		kcap_fd_names_event(&n, ev);
		assert_true(kcap_format_json(ev, line, sizeof(line)) > 0);
		assert_non_null(strstr(line, "\"dirfd\":-100,\"name\""));
		/* after args: "ret":3,"args":{ as before names existed */
		assert_non_null(strstr(line, "\"ret\":3,\"args\":{"));
		assert_non_null(strstr(line, "\"ino\":0},\"ret_name\":\"/etc/hostname\"}"));
	}
	{
		struct test_param p[] = { P_S64(5), P_S32(3), P_BYTES("hello"), P_U64(5) };

		ev = mk(&b, KCAP_EV_READ_X, 10, 10, 2 * SEC, p, 4);
		kcap_fd_names_event(&n, ev);
		assert_int_equal(kcap_event_fd(ev, 1, &fd), 0);
		assert_int_equal(fd.kind, KCAP_FD_FILE);
		assert_string_equal(fd.name, "/etc/hostname");
		assert_string_equal(kcap_fd_kind_name(fd.kind), "file");
		assert_int_equal(kcap_event_fd(ev, 0, &fd), -ENOENT); /* res is no descriptor */
		assert_int_equal(kcap_event_fd(ev, 31, &fd), -ENOENT);
		assert_true(kcap_format_text(ev, line, sizeof(line)) > 0);
		assert_non_null(strstr(line, " fd=3(/etc/hostname) data=hello"));
		assert_true(kcap_format_json(ev, line, sizeof(line)) > 0);
		assert_non_null(strstr(line, "\"fd\":3,\"fd_name\":\"/etc/hostname\",\"data\""));
	}
	{
		/* close names what it closed */
		struct test_param p[] = { P_S64(0), P_S32(3) };

		ev = mk(&b, KCAP_EV_CLOSE_X, 10, 10, 3 * SEC, p, 2);
		kcap_fd_names_event(&n, ev);
		assert_true(kcap_format_text(ev, line, sizeof(line)) > 0);
		assert_non_null(strstr(line, " fd=3(/etc/hostname)"));
	}
	{
		/* pipe's descriptors are its results: named after the call */
		struct test_param p[] = { P_S64(0), P_S32(3), P_S32(4), P_U32(0) };

		ev = mk(&b, KCAP_EV_PIPE2_X, 10, 10, 4 * SEC, p, 4);
		kcap_fd_names_event(&n, ev);
		assert_true(kcap_format_text(ev, line, sizeof(line)) > 0);
		assert_non_null(strstr(line, " fd0=3(pipe) fd1=4(pipe)"));
	}
	{
		/* socket, then connect: the tuple; escaped names stay one field */
		struct test_param s[] = { P_S64(5), P_U32(AF_INET), P_U32(1), P_U32(0) };
		struct test_param c[] = { P_S64(0),
					  P_S32(5),
					  { sizeof(remote), &remote },
					  { sizeof(local), &local },
					  { sizeof(remote), &remote } };
		struct test_param w[] = { P_S64(1), P_S32(5), P_BYTES("x"), P_U64(1) };

		ev = mk(&b, KCAP_EV_SOCKET_X, 10, 10, 5 * SEC, s, 4);
		kcap_fd_names_event(&n, ev);
		assert_int_equal(kcap_event_fd(ev, 0, &fd), 0);
		assert_string_equal(fd.name, "socket:AF_INET");
		ev = mk(&b, KCAP_EV_CONNECT_X, 10, 10, 6 * SEC, c, 5);
		kcap_fd_names_event(&n, ev);
		ev = mk(&b, KCAP_EV_WRITE_X, 10, 10, 7 * SEC, w, 4);
		kcap_fd_names_event(&n, ev);
		assert_int_equal(kcap_event_fd(ev, 1, &fd), 0);
		assert_int_equal(fd.kind, KCAP_FD_IPV4);
		assert_string_equal(fd.name, "127.0.0.1:41234->127.0.0.1:8080");
	}
	{
		/* accept4 of a unix socket: the end with a path */
		struct test_param a[] = { P_S64(6),
					  P_S32(5),
					  { sizeof(unnamed), &unnamed },
					  P_U32(O_CLOEXEC_FLAG),
					  { sizeof(sun), &sun },
					  { sizeof(unnamed), &unnamed } };

		ev = mk(&b, KCAP_EV_ACCEPT4_X, 10, 10, 8 * SEC, a, 6);
		kcap_fd_names_event(&n, ev);
		assert_int_equal(kcap_event_fd(ev, 0, &fd), 0);
		assert_int_equal(fd.kind, KCAP_FD_UNIX);
		assert_string_equal(fd.name, "unix:/run/x.sock");
	}
	{
		/* bound to port 0: named by its first accept, which says the port */
		struct sockaddr_in any = { .sin_family = AF_INET };
		struct test_param s[] = { P_S64(9), P_U32(AF_INET), P_U32(1), P_U32(0) };
		struct test_param bd[] = { P_S64(0), P_S32(9), { sizeof(any), &any } };
		struct test_param a[] = { P_S64(10),
					  P_S32(9),
					  { sizeof(local), &local },
					  P_U32(0),
					  { sizeof(remote), &remote },
					  { sizeof(local), &local } };

		kcap_fd_names_event(&n, mk(&b, KCAP_EV_SOCKET_X, 10, 10, 9 * SEC, s, 4));
		kcap_fd_names_event(&n, mk(&b, KCAP_EV_BIND_X, 10, 10, 9 * SEC, bd, 3));
		ev = mk(&b, KCAP_EV_ACCEPT4_X, 10, 10, 9 * SEC + 1, a, 6);
		kcap_fd_names_event(&n, ev);
		assert_int_equal(kcap_event_fd(ev, 1, &fd), 0);
		assert_string_equal(fd.name, "socket:AF_INET"); /* before the call */
		assert_int_equal(kcap_event_fd(ev, 0, &fd), 0);
		assert_string_equal(fd.name, "127.0.0.1:8080->127.0.0.1:41234");
		ev = mk(&b, KCAP_EV_ACCEPT4_X, 10, 10, 9 * SEC + 2, a, 6);
		kcap_fd_names_event(&n, ev);
		assert_int_equal(kcap_event_fd(ev, 1, &fd), 0);
		assert_string_equal(fd.name, "127.0.0.1:8080");
	}
	{
		/* a file name that would forge fields is escaped in text */
		struct test_param p[] = { P_S64(7), P_S32(-100),	P_STR("h"), P_U32(0),
					  P_U32(0), P_STR("/a b) x=1"), P_U32(0),   P_U64(0) };
		struct test_param r[] = { P_S64(1), P_S32(7), P_BYTES("x"), P_U64(1) };

		kcap_fd_names_event(&n, mk(&b, KCAP_EV_OPENAT_X, 10, 10, 9 * SEC, p, 8));
		ev = mk(&b, KCAP_EV_READ_X, 10, 10, 10 * SEC, r, 4);
		kcap_fd_names_event(&n, ev);
		assert_true(kcap_format_text(ev, line, sizeof(line)) > 0);
		assert_non_null(strstr(line, " fd=7(/a\\x20b)\\x20x=1) "));
	}
	kcap_fd_names_free(&n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_read_close),
		cmocka_unit_test(test_dup_family),
		cmocka_unit_test(test_exec_closes_cloexec),
		cmocka_unit_test(test_close_range),
		cmocka_unit_test(test_clone_copies_or_shares),
		cmocka_unit_test(test_out_of_order_events),
		cmocka_unit_test(test_pid_reuse),
		cmocka_unit_test(test_huge_descriptor_numbers_and_bounds),
		cmocka_unit_test(test_tombstones_do_not_grow_tables),
		cmocka_unit_test_setup_teardown(test_scan_of_fake_proc, make_proc, remove_proc),
		cmocka_unit_test_setup_teardown(test_lookup_on_first_sight, make_proc, remove_proc),
		cmocka_unit_test_setup_teardown(test_dropped_clone_healed, make_proc, remove_proc),
		cmocka_unit_test_setup_teardown(test_reused_pid_found_by_start_time, make_proc,
						remove_proc),
		cmocka_unit_test(test_no_proc_in_another_pid_namespace),
		cmocka_unit_test(test_proc_link_kinds_and_stat),
		cmocka_unit_test(test_proc_net_parser_garbage),
		cmocka_unit_test(test_names_in_output),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
