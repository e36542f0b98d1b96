// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Process state: container ids from cgroup paths, the /proc scan over a
 * fake tree (hostile files too), and the updates of synthetic event streams.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "test_util.h"
#include "state/container.h"
#include "state/pidns.h"

#define HEX64 "4f2c1b0e9d8a7f6e5d4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a291807f6e"

static void test_container_paths(void **state)
{
	static const struct {
		const char *path, *id, *runtime;
	} cases[] = {
		/* docker: systemd driver (v2 and v1), cgroupfs driver, nested */
		{ "/system.slice/docker-" HEX64 ".scope", HEX64, "docker" },
		{ "/docker/" HEX64, HEX64, "docker" },
		{ "/docker/" HEX64
		  "/docker/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "docker" },
		{ "/user.slice/user-1000.slice/user@1000.service/docker-" HEX64 ".scope", HEX64,
		  "docker" },
		/* kubernetes over containerd and cri-o */
		{ "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1234.slice/"
		  "cri-containerd-" HEX64 ".scope",
		  HEX64, "containerd" },
		{ "/kubepods.slice/kubepods-besteffort.slice/crio-" HEX64 ".scope", HEX64,
		  "cri-o" },
		{ "/kubepods.slice/crio-conmon-" HEX64 ".scope", "", "" }, /* cri-o's monitor */
		/* podman: systemd driver, its nested "container" cgroup, cgroupfs */
		{ "/machine.slice/libpod-" HEX64 ".scope", HEX64, "podman" },
		{ "/machine.slice/libpod-" HEX64 ".scope/container", HEX64, "podman" },
		{ "/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" HEX64 ".scope",
		  HEX64, "podman" },
		{ "/libpod_parent/libpod-" HEX64, HEX64, "podman" },
		{ "/machine.slice/libpod-conmon-" HEX64 ".scope", "", "" },
		/* systemd-nspawn, names escaped */
		{ "/machine.slice/machine-debian.scope", "debian", "systemd-nspawn" },
		{ "/machine.slice/machine-my\\x2dbox.scope/payload", "my-box", "systemd-nspawn" },
		/* the host, and near misses */
		{ "/", "", "" },
		{ "", "", "" },
		{ "/user.slice/user-1000.slice/user@1000.service/app.slice/app-term.scope", "",
		  "" },
		{ "/system.slice/docker.service", "", "" },
		{ "/system.slice/docker-abc.scope", "", "" }, /* too short for docker */
		{ "/system.slice/docker-" HEX64 "0.scope", "", "" }, /* too long */
		{ "/docker/" HEX64 "X", "", "" },
		{ "/system.slice/machine-debian.scope", "", "" }, /* not under machine.slice */
		{ "/machine.slice/machine-.scope", "", "" },
		{ "/machine.slice/machine-a\\x01b.scope", "", "" }, /* a control character */
		{ "/system.slice/docker-" HEX64 ".scope\n", HEX64, "docker" },
	};
	char id[KCAP_CONTAINER_ID_MAX + 1];
	const char *runtime;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int found =
			kcap_container_parse(cases[i].path, strlen(cases[i].path), id, &runtime);

		assert_int_equal(found, cases[i].id[0] != '\0');
		assert_string_equal(id, cases[i].id);
		assert_string_equal(runtime, cases[i].runtime);
	}
}

static void test_cgroup_lines(void **state)
{
	static const char v1[] = "12:pids:/system.slice/foo.service\n"
				 "11:cpu,cpuacct:/docker/" HEX64 "\n"
				 "1:name=systemd:/docker/" HEX64 "\n"
				 "0::/\n";
	static const char v2[] = "0::/user.slice/user-0.slice/user@0.service/init.scope\n";
	static const char hybrid[] = "1:name=systemd:/user.slice\n0::/init.scope\n";
	static const char bad[] = "garbage\n::\n1:x\n";
	const char *path;
	size_t len;

	(void)state;
	assert_int_equal(kcap_proc_parse_cgroup(v1, sizeof(v1) - 1, &path, &len), 0);
	assert_int_equal(len, strlen("/docker/" HEX64));
	assert_memory_equal(path, "/docker/" HEX64, len);
	assert_int_equal(kcap_proc_parse_cgroup(v2, sizeof(v2) - 1, &path, &len), 0);
	assert_memory_equal(path, "/user.slice/user-0.slice/user@0.service/init.scope", len);
	assert_int_equal(kcap_proc_parse_cgroup(hybrid, sizeof(hybrid) - 1, &path, &len), 0);
	assert_memory_equal(path, "/init.scope", len);
	assert_int_equal(kcap_proc_parse_cgroup(bad, sizeof(bad) - 1, &path, &len), -EINVAL);
	assert_int_equal(kcap_proc_parse_cgroup("", 0, &path, &len), -EINVAL);
}

/* <dir>/<pid>/<name> holding len bytes of text. */
static void fake_file(const char *dir, uint32_t pid, const char *name, const char *text, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%u", dir, pid);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%u/%s", dir, pid, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static void fake_link(const char *dir, uint32_t pid, const char *name, const char *target)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%u/%s", dir, pid, name);
	unlink(path);
	assert_int_equal(symlink(target, path), 0);
}

/* A well-formed process of a fake /proc. */
static void fake_process(const char *dir, uint32_t pid, uint32_t ppid, uint64_t start,
			 const char *exe, const char *cgroup)
{
	char text[512];
	int n;

	n = snprintf(text, sizeof(text),
		     "%u (x y) S %u 1 1 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 %llu 0 0\n", pid,
		     ppid, (unsigned long long)start);
	fake_file(dir, pid, "stat", text, (size_t)n);
	n = snprintf(
		text, sizeof(text),
		"Name:\tx\nPPid:\t%u\nUid:\t1000\t1001\t1000\t1000\nGid:\t100\t101\t100\t100\n",
		ppid);
	fake_file(dir, pid, "status", text, (size_t)n);
	fake_file(dir, pid, "cmdline", "prog\0--flag\0", 12);
	fake_file(dir, pid, "loginuid", "1000", 4);
	n = snprintf(text, sizeof(text), "0::%s\n", cgroup);
	fake_file(dir, pid, "cgroup", text, (size_t)n);
	fake_link(dir, pid, "exe", exe);
	fake_link(dir, pid, "cwd", "/home/u");
}

static void remove_tree(const char *dir)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_scan_and_hostile_files(void **state)
{
	char dir[] = "/tmp/kcap-procs-XXXXXX", path[256];
	static char huge[200000];
	const struct kcap_proc *r;
	struct kcap_threads t;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fake_process(dir, 100, 1, 5000, "/usr/bin/python3", "/system.slice/docker-" HEX64 ".scope");
	/* 101: every file hostile: huge, bad numbers, binary, a start time past u64 */
	memset(huge, 'x', sizeof(huge));
	fake_file(dir, 101, "status", huge, sizeof(huge));
	fake_file(dir, 101, "stat", "101 (a) S 1 99999999999999999999999", 35);
	fake_file(dir, 101, "cmdline", huge, sizeof(huge));
	fake_file(dir, 101, "loginuid", "-1", 2);
	fake_file(dir, 101, "cgroup", huge, sizeof(huge));
	/* 102: numbers out of range, the login uid unset */
	fake_file(dir, 102, "status", "PPid:\t-4\nUid:\t99999999999\t0\nGid:\t1\n", 35);
	fake_file(dir, 102, "loginuid", "4294967295", 10);
	/* 103: vanished (an empty directory); "self": no pid */
	snprintf(path, sizeof(path), "%s/103", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/self", dir);
	mkdir(path, 0700);
	assert_int_equal(kcap_threads_init(&t, dir), 0);
	kcap_threads_scan(&t, 1000);
	r = kcap_procs_find(&t.procs, 100);
	assert_non_null(r);
	assert_int_equal(r->have, KCAP_PROC_HAVE_ALL);
	assert_int_equal(r->ppid, 1);
	assert_int_equal(r->uid, 1000);
	assert_int_equal(r->euid, 1001);
	assert_int_equal(r->gid, 100);
	assert_int_equal(r->egid, 101);
	assert_int_equal(r->loginuid, 1000);
	assert_int_equal(r->start_time, 5000);
	assert_string_equal(r->exe.s, "/usr/bin/python3");
	assert_string_equal(r->cwd.s, "/home/u");
	assert_int_equal(r->argv.len, 12);
	assert_memory_equal(r->argv.s, "prog\0--flag\0", 12);
	assert_string_equal(r->container_id, HEX64);
	assert_string_equal(r->runtime, "docker");
	r = kcap_procs_find(&t.procs, 101);
	assert_non_null(r); /* its argv, bounded */
	assert_int_equal(r->have, KCAP_THREAD_ARGV);
	assert_int_equal(r->argv.len, KCAP_PROC_ARGV_MAX);
	r = kcap_procs_find(&t.procs, 102);
	assert_non_null(r);
	assert_int_equal(r->have, KCAP_THREAD_LOGINUID);
	assert_int_equal(r->loginuid, UINT32_MAX);
	assert_null(kcap_procs_find(&t.procs, 103));
	assert_int_equal(t.procs.map.used, 3);
	kcap_threads_free(&t);
	remove_tree(dir);
}

static struct kcap_event ev_of(uint8_t *raw, uint32_t len, uint32_t pid, uint32_t tid,
			       struct kcap_threads *t)
{
	struct kcap_event ev = test_event(raw, len, "sh");

	ev.pid = pid;
	ev.tid = tid;
	ev.proc_state = t;
	return ev;
}

static void fork_event(struct kcap_threads *t, uint32_t pid, int64_t res, int32_t ppid, uint64_t ts)
{
	static uint8_t raw[1024];
	struct test_param p[] = { P_S64(res), P_S32(ppid), P_STR("sh"),
				  P_U32(0),   P_U32(0),	   P_U64(KCAP_PIDNS_INIT_INO) };
	uint32_t len = test_build(raw, KCAP_EV_FORK_X, p, 6);
	struct kcap_event ev = ev_of(raw, len, pid, pid, t);

	ev.ts = ts;
	kcap_threads_update(t, &ev);
}

static void clone_event(struct kcap_threads *t, uint32_t pid, int64_t res, uint64_t flags)
{
	static uint8_t raw[1024];
	struct test_param p[] = { P_S64(res),
				  P_U64(flags),
				  P_S32(1),
				  P_STR("sh"),
				  P_U32(0),
				  P_U32(0),
				  P_U64(KCAP_PIDNS_INIT_INO) };
	uint32_t len = test_build(raw, KCAP_EV_CLONE_X, p, 7);
	struct kcap_event ev = ev_of(raw, len, pid, pid, t);

	kcap_threads_update(t, &ev);
}

static void exec_event(struct kcap_threads *t, uint32_t pid, const char *exe)
{
	static uint8_t raw[2048];
	static const char args[] = "ls\0-l";
	struct test_param p[] = { P_S64(0),
				  { (uint16_t)(strlen(exe) + 1), exe },
				  { sizeof(args), args },
				  P_S32(100),
				  P_U32(0),
				  P_U32(0),
				  P_U32(0),
				  P_STR("/srv"),
				  P_STR("ls"),
				  P_STR("/") };
	uint32_t len = test_build(raw, KCAP_EV_EXECVE_X, p, 10);
	struct kcap_event ev = ev_of(raw, len, pid, pid, t);

	kcap_threads_update(t, &ev);
}

/*
 * A fork's child inherits its parent's process, then its exec changes exe,
 * argv and cwd; the fork's other side, seen after the exec, keeps them; a
 * reused pid (another start time in /proc) inherits nothing of its old owner.
 */
static void test_fork_exec_and_pid_reuse(void **state)
{
	char dir[] = "/tmp/kcap-procs-XXXXXX";
	struct kcap_thread_info in = { .sz = sizeof(in) };
	static uint8_t raw[256];
	const struct kcap_proc *r;
	struct kcap_threads t;
	struct kcap_event ev;
	struct test_param p[] = { P_S32(0), P_U32(0), P_U32(0) };
	uint32_t len;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fake_process(dir, 100, 1, 5000, "/usr/bin/bash", "/machine.slice/libpod-" HEX64 ".scope");
	fake_process(dir, 200, 1, 111, "/usr/bin/old", "/");
	assert_int_equal(kcap_threads_init(&t, dir), 0);
	kcap_threads_scan(&t, 1000);
	kcap_threads_set_comm(&t, 100, "bash", 5);
	/* pid 200 ends unseen; its pid goes to bash's child, which /proc now shows */
	fake_process(dir, 200, 100, 999, "/usr/bin/bash", "/machine.slice/libpod-" HEX64 ".scope");
	fork_event(&t, 100, 200, 1, 1000);
	r = kcap_procs_find(&t.procs, 200);
	assert_non_null(r);
	assert_string_equal(r->exe.s, "/usr/bin/bash");
	assert_int_equal(r->ppid, 100);
	assert_string_equal(r->container_id, HEX64);
	assert_false(r->have & KCAP_THREAD_START);
	exec_event(&t, 200, "/usr/bin/ls");
	fork_event(&t, 200, 0, 100, 1500); /* the child's side, later */
	len = test_build(raw, KCAP_EV_PROCEXIT, p, 3);
	ev = ev_of(raw, len, 200, 200, &t);
	ev.comm = "ls";
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_string_equal(in.exe, "/usr/bin/ls");
	assert_int_equal(in.argv_len, 6);
	assert_memory_equal(in.argv, "ls\0-l\0", 6);
	assert_string_equal(in.cwd, "/srv");
	assert_int_equal(in.ppid, 100);
	assert_int_equal(in.start_time, 999); /* read once, the old 111 never inherited */
	assert_string_equal(in.container_runtime, "podman");
	assert_int_equal(in.nancestors, 2);
	assert_string_equal(in.ancestors[0], "bash");
	assert_string_equal(in.ancestors[1], "?"); /* pid 1: not in the fake tree */
	/* its exit: the record still answers for the exit event, then is gone */
	kcap_threads_update(&t, &ev);
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_string_equal(in.exe, "/usr/bin/ls");
	fork_event(&t, 100, 300, 1, 2000);
	assert_null(kcap_procs_find(&t.procs, 200));
	assert_null(t.procs.dead);
	/* a thread is no process; CLONE_PARENT makes a copy of bash, a child of bash's parent */
	clone_event(&t, 100, 250, CLONE_THREAD | CLONE_VM);
	assert_null(kcap_procs_find(&t.procs, 250));
	clone_event(&t, 100, 260, CLONE_PARENT);
	r = kcap_procs_find(&t.procs, 260);
	assert_non_null(r);
	assert_string_equal(r->exe.s, "/usr/bin/bash");
	assert_int_equal(r->ppid, 1);
	/* a filter's struct, without the ancestors: none are looked for */
	ev.pid = 260;
	in.sz = offsetof(struct kcap_thread_info, nancestors);
	in.nancestors = 99;
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_int_equal(in.nancestors, 99);
	assert_string_equal(in.container_id, HEX64);
	kcap_threads_free(&t);
	remove_tree(dir);
}

/*
 * A container runtime forks, moves the child to the container's cgroup,
 * then execs the container's program: after an exec the cgroup is read
 * again, and kept as inherited when the process is gone by then.
 */
static void test_exec_reads_cgroup_again(void **state)
{
	char dir[] = "/tmp/kcap-procs-XXXXXX";
	struct kcap_thread_info in = { .sz = sizeof(in) };
	struct test_param p[] = { P_S32(0), P_U32(0), P_U32(0) };
	static uint8_t raw[256];
	struct kcap_threads t;
	struct kcap_event ev;
	uint32_t len = test_build(raw, KCAP_EV_PROCEXIT, p, 3);

	(void)state;
	assert_non_null(mkdtemp(dir));
	fake_process(dir, 100, 1, 5000, "/usr/bin/containerd-shim",
		     "/system.slice/containerd.service");
	assert_int_equal(kcap_threads_init(&t, dir), 0);
	kcap_threads_scan(&t, 1000);
	fork_event(&t, 100, 210, 1, 1000);
	fork_event(&t, 100, 211, 1, 1000);
	fake_process(dir, 210, 100, 6000, "/usr/sbin/nginx",
		     "/kubepods.slice/cri-containerd-" HEX64 ".scope");
	exec_event(&t, 210, "/usr/sbin/nginx");
	exec_event(&t, 211, "/usr/bin/true");
	ev = ev_of(raw, len, 210, 210, &t);
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_string_equal(in.container_id, HEX64);
	assert_string_equal(in.container_runtime, "containerd");
	assert_int_equal(in.start_time, 6000);
	ev.pid = 211; /* gone: what it inherited stays */
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_string_equal(in.cgroup, "/system.slice/containerd.service");
	assert_string_equal(in.exe, "/usr/bin/true");
	assert_true(in.known & KCAP_THREAD_CGROUP);
	kcap_threads_free(&t);
	remove_tree(dir);
}

/*
 * A process the table never saw created is read from /proc once, one that
 * is gone too; a reused pid is told by its start time.
 */
static void test_dropped_clone_healed(void **state)
{
	char dir[] = "/tmp/kcap-procs-XXXXXX";
	struct kcap_thread_info in = { .sz = sizeof(in) };
	struct test_param p[] = { P_S32(0), P_U32(0), P_U32(0) };
	struct test_param fchdir[] = { P_S64(0), P_S32(5) };
	static uint8_t raw[256];
	struct kcap_threads t;
	struct kcap_event ev;
	uint32_t len = test_build(raw, KCAP_EV_PROCEXIT, p, 3);

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(kcap_threads_init(&t, dir), 0);
	kcap_threads_scan(&t, 1000);
	fake_process(dir, 400, 1, 77, "/usr/sbin/sshd", "/");
	ev = ev_of(raw, len, 400, 401, &t);
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_string_equal(in.exe, "/usr/sbin/sshd");
	assert_int_equal(in.tid, 401);
	assert_int_equal(in.known, KCAP_PROC_HAVE_ALL);
	assert_string_equal(in.container_id, "");
	/* itself and its parent (pid 1, not in the tree: a failure), once each */
	assert_int_equal(t.procs.lookups, 2);
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_int_equal(t.procs.lookups, 2);
	ev.pid = 500;
	assert_int_equal(kcap_event_thread(&ev, &in), -ENOENT);
	assert_int_equal(kcap_event_thread(&ev, &in), -ENOENT);
	assert_int_equal(t.procs.lookups, 3);
	assert_int_equal(t.procs.lookups_failed, 2);
	ev.proc_state = NULL; /* an event not from a handle */
	assert_int_equal(kcap_event_thread(&ev, &in), -ENOENT);
	/*
	 * A lookup (here: the cwd an fchdir made unknown) that finds another
	 * start time drops all the record had: its pid was reused unseen.
	 */
	fake_process(dir, 400, 1, 78, "/usr/bin/new", "/machine.slice/machine-box.scope");
	len = test_build(raw, KCAP_EV_FCHDIR_X, fchdir, 2);
	ev = ev_of(raw, len, 400, 400, &t);
	kcap_threads_update(&t, &ev);
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_string_equal(in.exe, "/usr/bin/new");
	assert_int_equal(in.start_time, 78);
	assert_string_equal(in.container_id, "box");
	kcap_threads_free(&t);
	remove_tree(dir);
}

/* prctl(PR_SET_NAME) renames the thread; chdir, fchdir and setuid calls update the process. */
static void test_rename_chdir_setuid(void **state)
{
	static uint8_t raw[1024];
	struct kcap_thread_info in = { .sz = sizeof(in) };
	struct kcap_threads t;
	struct kcap_event ev;
	struct kcap_fd fds[2] = { { 0 }, { KCAP_FD_FILE, "/var/lib", 8 } };
	struct test_param prctl[] = { P_S64(0), P_U32(15), P_U64(0),	     P_U64(0),
				      P_U64(0), P_U64(0),  P_STR("worker-1") };
	struct test_param cd_rel[] = { P_S64(0), P_STR("a/../b//./c") };
	struct test_param cd_dots[] = { P_S64(0), P_STR("../../../..") };
	struct test_param fchdir[] = { P_S64(0), P_S32(5) };
	struct test_param setuid[] = { P_S64(0), P_U32(1000) };
	struct test_param setresuid[] = { P_S64(0), P_U32(0xffffffffu), P_U32(5),
					  P_U32(0xffffffffu) };
	uint32_t len;

	(void)state;
	assert_int_equal(kcap_threads_init(&t, NULL), 0);
	exec_event(&t, 7, "/usr/bin/ls");
	len = test_build(raw, KCAP_EV_PRCTL_X, prctl, 7);
	ev = ev_of(raw, len, 7, 7, &t);
	kcap_threads_update(&t, &ev);
	assert_string_equal(kcap_threads_comm(&t, 7, 7), "worker-1");
	len = test_build(raw, KCAP_EV_CHDIR_X, cd_rel, 2);
	ev = ev_of(raw, len, 7, 7, &t);
	kcap_threads_update(&t, &ev);
	assert_string_equal(kcap_procs_find(&t.procs, 7)->cwd.s, "/srv/b/c");
	len = test_build(raw, KCAP_EV_CHDIR_X, cd_dots, 2);
	ev = ev_of(raw, len, 7, 7, &t);
	kcap_threads_update(&t, &ev);
	assert_string_equal(kcap_procs_find(&t.procs, 7)->cwd.s, "/");
	len = test_build(raw, KCAP_EV_FCHDIR_X, fchdir, 2);
	ev = ev_of(raw, len, 7, 7, &t);
	ev.fd_mask = 1u << 1;
	ev.fds = fds;
	kcap_threads_update(&t, &ev);
	assert_string_equal(kcap_procs_find(&t.procs, 7)->cwd.s, "/var/lib");
	ev.fd_mask = 0; /* a directory the table did not name: read from /proc when asked */
	kcap_threads_update(&t, &ev);
	assert_false(kcap_procs_find(&t.procs, 7)->have & KCAP_THREAD_CWD);
	len = test_build(raw, KCAP_EV_SETUID_X, setuid, 2);
	ev = ev_of(raw, len, 7, 7, &t);
	kcap_threads_update(&t, &ev);
	len = test_build(raw, KCAP_EV_SETRESUID_X, setresuid, 4);
	ev = ev_of(raw, len, 7, 7, &t);
	kcap_threads_update(&t, &ev);
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_int_equal(in.uid, 1000);
	assert_int_equal(in.euid, 5);
	assert_string_equal(in.cwd, "");
	kcap_threads_free(&t);
}

/* An older caller's smaller struct is filled up to its size only; the process object's text. */
static void test_info_abi_and_format(void **state)
{
	char dir[] = "/tmp/kcap-procs-XXXXXX";
	struct test_param p[] = { P_S32(0), P_U32(0), P_U32(0) };
	struct kcap_thread_info in;
	static uint8_t raw[256];
	struct kcap_threads t;
	struct kcap_event ev;
	char buf[1024];
	uint32_t len = test_build(raw, KCAP_EV_PROCEXIT, p, 3);
	int n, json_len;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fake_process(dir, 7, 1, 5, "/bin/a b\"c", "/system.slice/docker-" HEX64 ".scope");
	assert_int_equal(kcap_threads_init(&t, dir), 0);
	ev = ev_of(raw, len, 7, 7, &t);
	memset(&in, 0xab, sizeof(in));
	in.sz = offsetof(struct kcap_thread_info, start_time);
	assert_int_equal(kcap_event_thread(&ev, &in), 0);
	assert_int_equal(in.ppid, 1);
	assert_int_equal(in.loginuid, 1000);
	assert_int_equal(((uint8_t *)&in)[offsetof(struct kcap_thread_info, start_time)], 0xab);
	in.sz = 1;
	assert_int_equal(kcap_event_thread(&ev, &in), -EINVAL);
	n = json_len = kcap_format_proc(&ev, 1, buf, sizeof(buf));
	assert_int_equal(n, (int)strlen(buf));
	assert_string_equal(
		buf, "{\"exe\":\"/bin/a b\\\"c\",\"ppid\":1,\"ancestors\":[\"?\"],"
		     "\"cwd\":\"/home/u\",\"uid\":1000,\"cgroup\":\"/system.slice/docker-" HEX64
		     ".scope\",\"container_id\":\"" HEX64 "\",\"container_runtime\":\"docker\"}");
	n = kcap_format_proc(&ev, 0, buf, sizeof(buf));
	assert_int_equal(n, (int)strlen(buf));
	assert_string_equal(buf, "proc=(exe=/bin/a\\x20b\\\"c ppid=1 ancestors=? cwd=/home/u "
				 "uid=1000 cgroup=/system.slice/docker-" HEX64
				 ".scope container_id=" HEX64 " container_runtime=docker)");
	assert_int_equal(kcap_format_proc(&ev, 1, buf, 20), -ENOSPC);
	/* formatted once per process until something changes: an ancestor's rename shows */
	assert_int_equal(kcap_format_proc(&ev, 1, buf, sizeof(buf)), json_len);
	assert_non_null(strstr(buf, "\"ancestors\":[\"?\"]"));
	kcap_threads_set_comm(&t, 1, "init", 5);
	assert_int_equal(kcap_format_proc(&ev, 1, buf, sizeof(buf)), json_len + 3);
	assert_non_null(strstr(buf, "\"ancestors\":[\"init\"]"));
	exec_event(&t, 7, "/usr/bin/ls");
	assert_true(kcap_format_proc(&ev, 1, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "{\"exe\":\"/usr/bin/ls\",\"ppid\":100,"));
	kcap_threads_free(&t);
	remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_container_paths),
		cmocka_unit_test(test_cgroup_lines),
		cmocka_unit_test(test_scan_and_hostile_files),
		cmocka_unit_test(test_fork_exec_and_pid_reuse),
		cmocka_unit_test(test_exec_reads_cgroup_again),
		cmocka_unit_test(test_dropped_clone_healed),
		cmocka_unit_test(test_rename_chdir_setuid),
		cmocka_unit_test(test_info_abi_and_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
