// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The deterministic workload of the real-capture tests: a known sequence of
 * syscalls whose events capture_test.c asserts, through every backend.
 *
 *   workload DIR FACTS    run the sequence in DIR, write what varies (paths,
 *                         ports, pids) as key=value lines to FACTS
 *   workload --child ...  the exec'd child: exits with status 7
 *
 * Raw syscall(2) is used where libc might pick another syscall (open vs
 * openat, clone vs clone3), so every backend sees the same calls everywhere.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <linux/filter.h>
#include <linux/futex.h>
#include <linux/io_uring.h>
#include <linux/kexec.h>
#include <linux/keyctl.h>
#include <linux/landlock.h>
#include <linux/perf_event.h>
#include <linux/prctl.h>
#include <linux/reboot.h>
#include <linux/seccomp.h>
#include <linux/userfaultfd.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/quota.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <poll.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include "workload.h"

#ifndef SYS_fchmodat2
#define SYS_fchmodat2 452 /* newer than these headers */
#endif

static void die(const char *what)
{
	fprintf(stderr, "workload: %s: %s\n", what, strerror(errno));
	exit(2);
}

/*
 * A 32-bit syscall from this 64-bit program: int $0x80 takes the ia32
 * numbering and arguments in ebx, ecx, edx, esi, edi, ebp. rbp is the frame
 * pointer, so it is saved in r13 rather than pushed (no red zone clobbered).
 */
static long ia32_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long bp_value __asm__("r12") = a5;
	long ret;

	__asm__ volatile("mov %%rbp, %%r13\n\t"
			 "mov %%r12, %%rbp\n\t"
			 "int $0x80\n\t"
			 "mov %%r13, %%rbp"
			 : "=a"(ret)
			 : "a"(nr), "b"(a0), "c"(a1), "d"(a2), "S"(a3), "D"(a4), "r"(bp_value)
			 : "memory", "cc", "r8", "r9", "r10", "r11", "r13");
	return (int)ret;
}

static void files(const char *dir, FILE *facts)
{
	char path[512], renamed[512], missing[512], sub[512], link[512];
	char buf[64];
	struct iovec iov[2] = {
		{ .iov_base = (void *)WL_IOV_A, .iov_len = sizeof(WL_IOV_A) - 1 },
		{ .iov_base = (void *)WL_IOV_B, .iov_len = sizeof(WL_IOV_B) - 1 },
	};
	struct stat st;
	long fd;

	snprintf(path, sizeof(path), "%s/kcap-wl-%d.txt", dir, getpid());
	snprintf(renamed, sizeof(renamed), "%s/kcap-wl-%d.renamed", dir, getpid());
	snprintf(missing, sizeof(missing), "%s/kcap-wl-%d.missing", dir, getpid());
	snprintf(sub, sizeof(sub), "%s/kcap-wl-%d.d", dir, getpid());
	snprintf(link, sizeof(link), "%s/kcap-wl-%d.link", dir, getpid());
	fprintf(facts, "path=%s\nrenamed=%s\nmissing=%s\nsubdir=%s\nlink=%s\n", path, renamed,
		missing, sub, link);

	fd = syscall(SYS_openat, AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, 0640);
	if (fd < 0 || fstat((int)fd, &st) < 0)
		die("openat create");
	/* the file the exit must name, whatever its name argument says */
	fprintf(facts, "dev=%lu\nino=%lu\n", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
	if (syscall(SYS_write, fd, WL_DATA, sizeof(WL_DATA) - 1) != sizeof(WL_DATA) - 1)
		die("write");
	if (syscall(SYS_pwrite64, fd, WL_PDATA, sizeof(WL_PDATA) - 1, WL_OFFSET) < 0)
		die("pwrite64");
	if (syscall(SYS_writev, fd, iov, 2) < 0)
		die("writev");
	syscall(SYS_close, fd);

	fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		die("openat read");
	if (syscall(SYS_read, fd, buf, sizeof(buf)) < 0)
		die("read");
	if (syscall(SYS_pread64, fd, buf, sizeof(WL_PDATA) - 1, WL_OFFSET) < 0)
		die("pread64");
	syscall(SYS_close, fd);

	/* Opened through a symlink: the exit names the file the descriptor is. */
	if (syscall(SYS_symlinkat, path, AT_FDCWD, link) < 0)
		die("symlinkat");
	fd = syscall(SYS_openat, AT_FDCWD, link, O_RDONLY, 0);
	if (fd < 0)
		die("openat through a symlink");
	syscall(SYS_close, fd);
	syscall(SYS_unlinkat, AT_FDCWD, link, 0);

	/* Failures: a missing file, and a pointer the kernel cannot read. */
	if (syscall(SYS_openat, AT_FDCWD, missing, O_RDONLY, 0) != -1 || errno != ENOENT)
		die("openat missing");
	/* An empty path is a valid, empty string: not an unreadable one. */
	if (syscall(SYS_openat, AT_FDCWD, "", O_RDONLY, 0) != -1 || errno != ENOENT)
		die("openat empty path");
	if (syscall(SYS_openat, AT_FDCWD, (const char *)WL_BAD_POINTER, O_RDONLY, 0) != -1)
		die("openat bad pointer");
	if (syscall(SYS_close, WL_BAD_FD) != -1)
		die("close bad fd");
	/* the same close as a 32-bit program makes it: ia32 close is 6 */
	if (ia32_syscall(WL_IA32_CLOSE, WL_BAD_FD, 1, 2, 3, 4, 5) != -EBADF)
		die("ia32 close bad fd (a kernel without CONFIG_IA32_EMULATION?)");

	if (syscall(SYS_mkdirat, AT_FDCWD, sub, 0750) < 0)
		die("mkdirat");
	if (syscall(SYS_renameat2, AT_FDCWD, path, AT_FDCWD, renamed, 0) < 0)
		die("renameat2");
	if (syscall(SYS_unlinkat, AT_FDCWD, renamed, 0) < 0)
		die("unlinkat");
	if (syscall(SYS_unlinkat, AT_FDCWD, sub, AT_REMOVEDIR) < 0)
		die("unlinkat dir");
}

/* A syscall that must return want; anything else ends the workload. */
static void expect(long got, long want, const char *what)
{
	if (got != want) {
		fprintf(stderr, "workload: %s returned %ld (errno %d), not %ld\n", what, got,
			got < 0 ? errno : 0, want);
		exit(2);
	}
}

/* A failure with errno e, as raw syscall(2) reports it. */
#define FAILS(call, e, what) expect((call) == -1 ? -errno : 0, -(e), what)

/*
 * Paths and inodes: every call once with known arguments that succeed, once
 * failing (a missing file, a bad descriptor, an unreadable pointer). fd 4 is
 * the starting directory, 5 a file, 6 a directory.
 */
static void inodes(const char *dir, FILE *facts)
{
	char a[512], b[512], d[512], lnk[512], fifo[512], reg[512], missing[512], nodir[600];
	char cwd[512];
	static char dents[4096];
	struct statx stx;
	struct stat st;
	long ret;

	snprintf(a, sizeof(a), "%s/kcap-wl-%d.a", dir, getpid());
	snprintf(b, sizeof(b), "%s/kcap-wl-%d.b", dir, getpid());
	snprintf(d, sizeof(d), "%s/kcap-wl-%d.dir", dir, getpid());
	snprintf(lnk, sizeof(lnk), "%s/kcap-wl-%d.lnk", dir, getpid());
	snprintf(fifo, sizeof(fifo), "%s/kcap-wl-%d.fifo", dir, getpid());
	snprintf(reg, sizeof(reg), "%s/kcap-wl-%d.reg", dir, getpid());
	snprintf(missing, sizeof(missing), "%s/kcap-wl-%d.none", dir, getpid());
	snprintf(nodir, sizeof(nodir), "%s/x", missing);
	fprintf(facts, "ia=%s\nib=%s\nidir=%s\nilnk=%s\nififo=%s\nireg=%s\nimissing=%s\n", a, b, d,
		lnk, fifo, reg, missing);

	expect(syscall(SYS_mkdir, d, 0750), 0, "mkdir");
	FAILS(syscall(SYS_mkdir, WL_BAD_POINTER, 0750), EFAULT, "mkdir bad pointer");
	expect(syscall(SYS_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY, 0), 4, "open cwd");
	expect(syscall(SYS_chdir, d), 0, "chdir");
	ret = syscall(SYS_getcwd, cwd, sizeof(cwd));
	if (ret <= 0)
		die("getcwd");
	fprintf(facts, "igetcwd=%s\nigetcwd_len=%ld\n", cwd, ret);
	expect(syscall(SYS_fchdir, 4), 0, "fchdir");
	FAILS(syscall(SYS_chdir, missing), ENOENT, "chdir missing");
	FAILS(syscall(SYS_fchdir, WL_BAD_FD), EBADF, "fchdir bad fd");
	FAILS(syscall(SYS_getcwd, WL_BAD_POINTER, sizeof(cwd)), EFAULT, "getcwd bad pointer");

	expect(syscall(SYS_openat, AT_FDCWD, a, O_CREAT | O_WRONLY | O_TRUNC, 0600), 5, "create");
	expect(syscall(SYS_chmod, a, 0640), 0, "chmod");
	FAILS(syscall(SYS_chmod, missing, 0640), ENOENT, "chmod missing");
	expect(syscall(SYS_fchmod, 5, 0600), 0, "fchmod");
	FAILS(syscall(SYS_fchmod, WL_BAD_FD, 0600), EBADF, "fchmod bad fd");
	expect(syscall(SYS_fchmodat, AT_FDCWD, a, 0644), 0, "fchmodat");
	/* fchmodat2 is 6.6+: its result is a fact (ENOSYS on older kernels) */
	ret = syscall(SYS_fchmodat2, AT_FDCWD, a, 0644, AT_SYMLINK_NOFOLLOW);
	fprintf(facts, "ifchmodat2=%ld\n", ret < 0 ? -errno : ret);
	expect(syscall(SYS_chown, a, 0, 0), 0, "chown");
	FAILS(syscall(SYS_chown, missing, 0, 0), ENOENT, "chown missing");
	expect(syscall(SYS_fchown, 5, 0, 0), 0, "fchown");
	FAILS(syscall(SYS_fchown, WL_BAD_FD, 0, 0), EBADF, "fchown bad fd");
	expect(syscall(SYS_lchown, a, -1, 0), 0, "lchown");
	FAILS(syscall(SYS_lchown, WL_BAD_POINTER, 0, 0), EFAULT, "lchown bad pointer");
	expect(syscall(SYS_fchownat, AT_FDCWD, a, 0, -1, AT_SYMLINK_NOFOLLOW), 0, "fchownat");

	expect(syscall(SYS_access, a, R_OK | W_OK), 0, "access");
	FAILS(syscall(SYS_access, missing, F_OK), ENOENT, "access missing");
	/* no execute bit at all: refused even to root */
	FAILS(syscall(SYS_faccessat, AT_FDCWD, a, X_OK), EACCES, "faccessat");
	expect(syscall(SYS_faccessat2, AT_FDCWD, a, R_OK, AT_EACCESS), 0, "faccessat2");

	expect(syscall(SYS_stat, a, &st), 0, "stat");
	/* the device and inode differ per run and file system: facts */
	fprintf(facts, "ist_dev=%llu\nist_ino=%llu\n", (unsigned long long)st.st_dev,
		(unsigned long long)st.st_ino);
	FAILS(syscall(SYS_stat, missing, &st), ENOENT, "stat missing");
	expect(syscall(SYS_lstat, a, &st), 0, "lstat");
	FAILS(syscall(SYS_lstat, WL_BAD_POINTER, &st), EFAULT, "lstat bad pointer");
	expect(syscall(SYS_fstat, 5, &st), 0, "fstat");
	FAILS(syscall(SYS_fstat, WL_BAD_FD, &st), EBADF, "fstat bad fd");
	FAILS(syscall(SYS_fstat, 5, WL_BAD_POINTER), EFAULT, "fstat bad buffer");
	expect(syscall(SYS_newfstatat, AT_FDCWD, a, &st, AT_SYMLINK_NOFOLLOW), 0, "newfstatat");
	expect(syscall(SYS_statx, AT_FDCWD, a, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, &stx), 0,
	       "statx");
	fprintf(facts, "istx_dev_major=%u\nistx_dev_minor=%u\n", stx.stx_dev_major,
		stx.stx_dev_minor);
	FAILS(syscall(SYS_statx, AT_FDCWD, missing, 0, STATX_MODE, &stx), ENOENT, "statx missing");

	expect(syscall(SYS_truncate, a, WL_TRUNC_LEN), 0, "truncate");
	FAILS(syscall(SYS_truncate, missing, WL_TRUNC_LEN), ENOENT, "truncate missing");
	expect(syscall(SYS_ftruncate, 5, WL_TRUNC_LEN / 2), 0, "ftruncate");
	FAILS(syscall(SYS_ftruncate, WL_BAD_FD, WL_TRUNC_LEN), EBADF, "ftruncate bad fd");
	expect(syscall(SYS_utimensat, AT_FDCWD, a, NULL, 0), 0, "utimensat");
	expect(syscall(SYS_utimensat, 5, NULL, NULL, 0), 0, "utimensat of a descriptor");
	FAILS(syscall(SYS_utimensat, AT_FDCWD, missing, NULL, 0), ENOENT, "utimensat missing");
	{
		static const struct timespec times[2] = { { 100, 5 }, { 0, UTIME_OMIT } };

		expect(syscall(SYS_utimensat, AT_FDCWD, a, times, 0), 0, "utimensat times");
	}
	FAILS(syscall(SYS_utimensat, AT_FDCWD, a, WL_BAD_POINTER, 0), EFAULT,
	      "utimensat bad times");
	{
		static const struct timeval tv[2] = { { 100, 5 }, { 200, 6 } };
		static const struct utimbuf ub = { 300, 400 };

		expect(syscall(SYS_utimes, a, tv), 0, "utimes");
		expect(syscall(SYS_utimes, a, NULL), 0, "utimes now");
		FAILS(syscall(SYS_utimes, missing, NULL), ENOENT, "utimes missing");
		FAILS(syscall(SYS_utimes, a, WL_BAD_POINTER), EFAULT, "utimes bad times");
		expect(syscall(SYS_futimesat, AT_FDCWD, a, tv), 0, "futimesat");
		expect(syscall(SYS_futimesat, 5, NULL, NULL), 0, "futimesat of a descriptor");
		FAILS(syscall(SYS_futimesat, WL_BAD_FD, NULL, tv), EBADF, "futimesat bad fd");
		FAILS(syscall(SYS_futimesat, AT_FDCWD, missing, NULL), ENOENT, "futimesat missing");
		expect(syscall(SYS_utime, a, &ub), 0, "utime");
		FAILS(syscall(SYS_utime, missing, NULL), ENOENT, "utime missing");
		FAILS(syscall(SYS_utime, WL_BAD_POINTER, &ub), EFAULT, "utime bad pointer");
		FAILS(syscall(SYS_utime, a, WL_BAD_POINTER), EFAULT, "utime bad times");
	}
	expect(syscall(SYS_lseek, 5, WL_SEEK, SEEK_SET), WL_SEEK, "lseek");
	FAILS(syscall(SYS_lseek, WL_BAD_FD, 0, SEEK_END), EBADF, "lseek bad fd");
	expect(syscall(SYS_flock, 5, LOCK_EX | LOCK_NB), 0, "flock");
	expect(syscall(SYS_flock, 5, LOCK_UN), 0, "flock unlock");
	FAILS(syscall(SYS_flock, WL_BAD_FD, LOCK_SH), EBADF, "flock bad fd");

	expect(syscall(SYS_openat, AT_FDCWD, d, O_RDONLY | O_DIRECTORY, 0), 6, "open dir");
	if (syscall(SYS_getdents64, 6, dents, sizeof(dents)) <= 0)
		die("getdents64");
	expect(syscall(SYS_lseek, 6, 0, SEEK_SET), 0, "lseek dir");
	if (syscall(SYS_getdents, 6, dents, sizeof(dents)) <= 0)
		die("getdents");
	expect(syscall(SYS_lseek, 6, 0, SEEK_SET), 0, "lseek dir");
	FAILS(syscall(SYS_getdents64, 6, WL_BAD_POINTER, sizeof(dents)), EFAULT,
	      "getdents64 bad pointer");
	FAILS(syscall(SYS_getdents, WL_BAD_FD, dents, sizeof(dents)), EBADF, "getdents bad fd");

	expect(syscall(SYS_link, a, b), 0, "link");
	FAILS(syscall(SYS_link, missing, b), ENOENT, "link missing");
	expect(syscall(SYS_unlink, b), 0, "unlink");
	expect(syscall(SYS_linkat, AT_FDCWD, a, AT_FDCWD, b, 0), 0, "linkat");
	expect(syscall(SYS_unlink, b), 0, "unlink");
	FAILS(syscall(SYS_linkat, AT_FDCWD, missing, AT_FDCWD, b, AT_SYMLINK_FOLLOW), ENOENT,
	      "linkat missing");
	expect(syscall(SYS_symlink, a, lnk), 0, "symlink");
	FAILS(syscall(SYS_symlink, WL_BAD_POINTER, lnk), EFAULT, "symlink bad pointer");
	expect(syscall(SYS_unlink, lnk), 0, "unlink");
	expect(syscall(SYS_symlinkat, a, AT_FDCWD, lnk), 0, "symlinkat");
	expect(syscall(SYS_unlink, lnk), 0, "unlink");
	expect(syscall(SYS_rename, a, b), 0, "rename");
	FAILS(syscall(SYS_rename, missing, b), ENOENT, "rename missing");
	expect(syscall(SYS_renameat, AT_FDCWD, b, AT_FDCWD, a), 0, "renameat");
	expect(syscall(SYS_mknod, fifo, S_IFIFO | 0600, 0), 0, "mknod");
	expect(syscall(SYS_mknodat, AT_FDCWD, reg, S_IFREG | 0640, 0), 0, "mknodat");
	FAILS(syscall(SYS_mknodat, AT_FDCWD, nodir, S_IFCHR | 0600,
		      makedev(WL_DEV_MAJOR, WL_DEV_MINOR)),
	      ENOENT, "mknodat missing directory");

	for (int fd = 4; fd <= 6; fd++)
		syscall(SYS_close, fd);
	expect(syscall(SYS_rmdir, d), 0, "rmdir");
	FAILS(syscall(SYS_rmdir, missing), ENOENT, "rmdir missing");
	expect(syscall(SYS_unlink, fifo), 0, "unlink fifo");
	expect(syscall(SYS_unlink, reg), 0, "unlink regular file");
	expect(syscall(SYS_unlink, a), 0, "unlink");
	FAILS(syscall(SYS_unlink, missing), ENOENT, "unlink missing");
	FAILS(syscall(SYS_unlink, WL_BAD_POINTER), EFAULT, "unlink bad pointer");
}

/*
 * poll, ppoll, select and pselect6 over descriptors() ones: 4 and 5 an empty
 * pipe (only 5, its write end, is ready), 9 and 10 a socketpair (both
 * writable, neither readable); WL_UNUSED_FD is closed. Zero timeouts: the
 * kernel leaves them as they are.
 */
static void poll_and_select(void)
{
	struct pollfd three[3] = { { 5, POLLOUT, 0 }, { 4, POLLIN, 0 }, { WL_BAD_FD, POLLIN, 0 } };
	struct pollfd many[WL_MANY_POLLFDS];
	struct timespec ts = { 0, 0 };
	struct timeval tv = { 0, 0 };
	uint64_t mask = 1ull << (SIGUSR1 - 1);
	struct {
		uint64_t *ss;
		size_t len;
	} sig = { &mask, 8 };
	fd_set r, w, e, bad;
	uint64_t wide[WL_WIDE_NFDS / 64] = { 0 };

	for (int i = 0; i < WL_MANY_POLLFDS; i++)
		many[i] = (struct pollfd){ -1, POLLIN, 0 };
	expect(syscall(SYS_poll, three, 3, 0), 2, "poll ready and closed");
	expect(syscall(SYS_poll, many, WL_MANY_POLLFDS, 0), 0, "poll past the bound");
	expect(syscall(SYS_ppoll, three, 2, NULL, &mask, 8), 1, "ppoll sigmask");
	FAILS(syscall(SYS_ppoll, three, 2, WL_BAD_POINTER, NULL, 8), EFAULT, "ppoll bad timeout");
	FAILS(syscall(SYS_ppoll, WL_BAD_POINTER, 2, &ts, NULL, 8), EFAULT, "ppoll bad fds");

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	FD_ZERO(&bad);
	FD_SET(4, &r);
	FD_SET(9, &r);
	FD_SET(5, &w);
	FD_SET(10, &w);
	FD_SET(4, &e);
	FD_SET(WL_UNUSED_FD, &bad);
	expect(syscall(SYS_select, 11, &r, &w, &e, &tv), 2, "select ready");
	FAILS(syscall(SYS_select, WL_UNUSED_NFDS, &bad, NULL, NULL, &tv), EBADF,
	      "select closed fd");
	FAILS(syscall(SYS_select, 11, WL_BAD_POINTER, NULL, NULL, &tv), EFAULT,
	      "select bad pointer");
	wide[0] = 1ull << 5;
	expect(syscall(SYS_select, WL_WIDE_NFDS, NULL, wide, NULL, &tv), 1,
	       "select past the bound");

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(4, &r);
	FD_SET(5, &w);
	FD_SET(10, &w);
	expect(syscall(SYS_pselect6, 11, &r, &w, NULL, &ts, &sig), 2, "pselect6");
	expect(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &ts, NULL), 0, "pselect6 nothing");
	FAILS(syscall(SYS_pselect6, 11, &r, NULL, NULL, &ts, WL_BAD_POINTER), EFAULT,
	      "pselect6 bad sigmask");
	FAILS(syscall(SYS_pselect6, WL_UNUSED_NFDS, &bad, NULL, NULL, &ts, NULL), EBADF,
	      "pselect6 closed fd");
}

/*
 * Descriptors, each call succeeding and failing. The new descriptors are
 * numbered from 4 in creation order: pipe 4 5, pipe2 6 7, dup 8, socketpair
 * 9 10, then one each from 11 to 19 (dup2, dup3 and F_DUPFD make 20, 21, 30).
 */
static void descriptors(const char *dir, FILE *facts)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET }, evs[4];
	struct pollfd pfd = { .fd = 4, .events = POLLIN };
	struct timespec ts = { 0, 0 };
	struct timeval tv = { 0, 0 };
	uint64_t mask = 1ull << (SIGUSR1 - 1);
	char missing[512];
	int fds[2], n;

	snprintf(missing, sizeof(missing), "%s/kcap-wl-%d.none", dir, getpid());
	fprintf(facts, "dmissing=%s\ndtmp=%s\ndarg=%lu\n", missing, dir, (unsigned long)&n);
	expect(syscall(SYS_pipe, fds), 0, "pipe");
	expect(fds[0] == 4 && fds[1] == 5, 1, "pipe descriptors");
	FAILS(syscall(SYS_pipe, WL_BAD_POINTER), EFAULT, "pipe bad pointer");
	expect(syscall(SYS_pipe2, fds, O_CLOEXEC | O_NONBLOCK), 0, "pipe2");
	expect(fds[0] == 6 && fds[1] == 7, 1, "pipe2 descriptors");
	FAILS(syscall(SYS_pipe2, fds, WL_BAD_FLAGS), EINVAL, "pipe2 bad flags");
	expect(syscall(SYS_dup, 4), 8, "dup");
	FAILS(syscall(SYS_dup, WL_BAD_FD), EBADF, "dup bad fd");
	expect(syscall(SYS_dup2, 4, 20), 20, "dup2");
	FAILS(syscall(SYS_dup2, WL_BAD_FD, 21), EBADF, "dup2 bad fd");
	expect(syscall(SYS_dup3, 4, 21, O_CLOEXEC), 21, "dup3");
	FAILS(syscall(SYS_dup3, 4, 4, 0), EINVAL, "dup3 same fd");
	expect(syscall(SYS_fcntl, 4, F_DUPFD, 30), 30, "fcntl F_DUPFD");
	expect(syscall(SYS_fcntl, 4, F_SETFD, FD_CLOEXEC), 0, "fcntl F_SETFD");
	expect(syscall(SYS_fcntl, 4, F_SETFL, O_NONBLOCK), 0, "fcntl F_SETFL");
	FAILS(syscall(SYS_fcntl, WL_BAD_FD, F_GETFD, 0), EBADF, "fcntl bad fd");
	expect(syscall(SYS_close_range, 20, 21, 0), 0, "close_range");
	/* CLOSE_RANGE_UNSHARE (5.9, like the syscall), not CLOEXEC (5.11) */
	expect(syscall(SYS_close_range, 30, 30, CLOSE_RANGE_UNSHARE), 0, "close_range unshare");
	FAILS(syscall(SYS_close_range, 5, 4, 0), EINVAL, "close_range reversed");
	expect(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0,
	       "socketpair");
	expect(fds[0] == 9 && fds[1] == 10, 1, "socketpair descriptors");
	FAILS(syscall(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, WL_BAD_POINTER), EFAULT,
	      "socketpair bad pointer");
	expect(syscall(SYS_eventfd, 3), 11, "eventfd");
	expect(syscall(SYS_eventfd2, 0, EFD_CLOEXEC | EFD_SEMAPHORE), 12, "eventfd2");
	FAILS(syscall(SYS_eventfd2, 0, WL_BAD_FLAGS), EINVAL, "eventfd2 bad flags");
	expect(syscall(SYS_signalfd, -1, &mask, sizeof(mask)), 13, "signalfd");
	expect(syscall(SYS_signalfd4, -1, &mask, sizeof(mask), SFD_CLOEXEC), 14, "signalfd4");
	FAILS(syscall(SYS_signalfd, -1, WL_BAD_POINTER, sizeof(mask)), EFAULT,
	      "signalfd bad pointer");
	expect(syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC), 15, "timerfd_create");
	FAILS(syscall(SYS_timerfd_create, WL_BAD_CLOCK, 0), EINVAL, "timerfd_create bad clock");
	expect(syscall(SYS_inotify_init), 16, "inotify_init");
	expect(syscall(SYS_inotify_init1, IN_CLOEXEC | IN_NONBLOCK), 17, "inotify_init1");
	expect(syscall(SYS_inotify_add_watch, 16, dir, IN_CREATE | IN_DELETE), 1,
	       "inotify_add_watch");
	FAILS(syscall(SYS_inotify_add_watch, 16, missing, IN_MODIFY), ENOENT,
	      "inotify_add_watch missing");
	FAILS(syscall(SYS_inotify_add_watch, 16, WL_BAD_POINTER, IN_OPEN), EFAULT,
	      "inotify_add_watch bad pointer");
	expect(syscall(SYS_epoll_create, 8), 18, "epoll_create");
	expect(syscall(SYS_epoll_create1, EPOLL_CLOEXEC), 19, "epoll_create1");
	expect(syscall(SYS_epoll_ctl, 18, EPOLL_CTL_ADD, 4, &ev), 0, "epoll_ctl add");
	expect(syscall(SYS_epoll_ctl, 18, EPOLL_CTL_DEL, 4, NULL), 0, "epoll_ctl del");
	FAILS(syscall(SYS_epoll_ctl, 18, EPOLL_CTL_ADD, 4, WL_BAD_POINTER), EFAULT,
	      "epoll_ctl bad pointer");
	expect(syscall(SYS_epoll_wait, 18, evs, 4, 0), 0, "epoll_wait");
	FAILS(syscall(SYS_epoll_wait, WL_BAD_FD, evs, 4, 0), EBADF, "epoll_wait bad fd");
	expect(syscall(SYS_poll, &pfd, 1, 0), 0, "poll");
	FAILS(syscall(SYS_poll, WL_BAD_POINTER, 1, 0), EFAULT, "poll bad pointer");
	expect(syscall(SYS_ppoll, &pfd, 1, &ts, NULL, 8), 0, "ppoll");
	expect(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), 0, "select");
	FAILS(syscall(SYS_select, -1, NULL, NULL, NULL, &tv), EINVAL, "select negative nfds");
	poll_and_select();
	expect(syscall(SYS_ioctl, 9, FIONREAD, &n), 0, "ioctl FIONREAD");
	FAILS(syscall(SYS_ioctl, 4, TCGETS, WL_BAD_POINTER), ENOTTY, "ioctl TCGETS on a pipe");
	FAILS(syscall(SYS_ioctl, WL_BAD_FD, FIONBIO, &n), EBADF, "ioctl bad fd");
	syscall(SYS_close_range, 4, 30, 0);
}

/*
 * Data movement between descriptors: 4 a file, 5 /dev/null, 6 7 and 8 9 two
 * pipes, 10 a second file.
 */
static void data(const char *dir, FILE *facts)
{
	char path[512], copy[512], buf[64];
	struct iovec out[2] = {
		{ .iov_base = (void *)WL_IOV_A, .iov_len = sizeof(WL_IOV_A) - 1 },
		{ .iov_base = (void *)WL_IOV_B, .iov_len = sizeof(WL_IOV_B) - 1 },
	};
	struct iovec in = { .iov_base = buf, .iov_len = sizeof(buf) };
	long vlen = sizeof(WL_IOV_A WL_IOV_B) - 1;
	int64_t off = 0, off2 = 0;
	int p[2];

	snprintf(path, sizeof(path), "%s/kcap-wl-%d.data", dir, getpid());
	snprintf(copy, sizeof(copy), "%s/kcap-wl-%d.copy", dir, getpid());
	fprintf(facts, "xpath=%s\nxcopy=%s\n", path, copy);
	expect(syscall(SYS_openat, AT_FDCWD, path, O_CREAT | O_RDWR | O_TRUNC, 0600), 4, "create");
	expect(syscall(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY, 0), 5, "/dev/null");
	expect(syscall(SYS_pwritev, 4, out, 2, 0, 0), vlen, "pwritev");
	FAILS(syscall(SYS_pwritev, 4, WL_BAD_POINTER, 1, 0, 0), EFAULT, "pwritev bad pointer");
	expect(syscall(SYS_preadv, 4, &in, 1, 0, 0), vlen, "preadv");
	FAILS(syscall(SYS_preadv, WL_BAD_FD, &in, 1, 0, 0), EBADF, "preadv bad fd");
	expect(syscall(SYS_pwritev2, 4, out, 2, WL_VPOS, 0, RWF_DSYNC), vlen, "pwritev2");
	FAILS(syscall(SYS_pwritev2, WL_BAD_FD, out, 2, 0, 0, 0), EBADF, "pwritev2 bad fd");
	expect(syscall(SYS_preadv2, 4, &in, 1, WL_VPOS, 0, 0), vlen, "preadv2");
	FAILS(syscall(SYS_preadv2, 4, &in, 1, 0, 0, WL_BAD_FLAGS), EOPNOTSUPP, "preadv2 bad flags");

	expect(syscall(SYS_sendfile, 5, 4, &off, WL_CHUNK), WL_CHUNK, "sendfile");
	expect(syscall(SYS_sendfile, 5, 4, NULL, WL_CHUNK), WL_CHUNK, "sendfile at the position");
	FAILS(syscall(SYS_sendfile, WL_BAD_FD, 4, NULL, WL_CHUNK), EBADF, "sendfile bad fd");
	FAILS(syscall(SYS_sendfile, 5, 4, WL_BAD_POINTER, WL_CHUNK), EFAULT,
	      "sendfile bad pointer");
	expect(syscall(SYS_pipe, p), 0, "pipe");
	expect(syscall(SYS_pipe, p), 0, "pipe");
	off = 0;
	expect(syscall(SYS_splice, 4, &off, 7, NULL, WL_CHUNK, 0), WL_CHUNK, "splice");
	FAILS(syscall(SYS_splice, WL_BAD_FD, NULL, 7, NULL, WL_CHUNK, 0), EBADF, "splice bad fd");
	expect(syscall(SYS_tee, 6, 9, WL_CHUNK, SPLICE_F_NONBLOCK), WL_CHUNK, "tee");
	FAILS(syscall(SYS_tee, 6, WL_BAD_FD, WL_CHUNK, 0), EBADF, "tee bad fd");
	expect(syscall(SYS_openat, AT_FDCWD, copy, O_CREAT | O_WRONLY | O_TRUNC, 0600), 10,
	       "create copy");
	off = 0;
	expect(syscall(SYS_copy_file_range, 4, &off, 10, NULL, vlen, 0), vlen, "copy_file_range");
	off2 = 0;
	FAILS(syscall(SYS_copy_file_range, 4, &off2, 10, NULL, vlen, 1), EINVAL,
	      "copy_file_range bad flags");
	FAILS(syscall(SYS_copy_file_range, WL_BAD_FD, NULL, 10, NULL, vlen, 0), EBADF,
	      "copy_file_range bad fd");
	syscall(SYS_close_range, 4, 10, 0);
	unlink(path);
	unlink(copy);
}

static void network(FILE *facts)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	struct sockaddr_in peer;
	socklen_t len = sizeof(addr);
	char buf[16];
	long srv, cli, conn;

	srv = syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (srv < 0)
		die("socket");
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (syscall(SYS_bind, srv, &addr, sizeof(addr)) < 0)
		die("bind");
	if (syscall(SYS_listen, srv, 8) < 0)
		die("listen");
	if (getsockname((int)srv, (struct sockaddr *)&addr, &len) < 0)
		die("getsockname");
	fprintf(facts, "port=%u\n", ntohs(addr.sin_port));

	cli = syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
	if (cli < 0)
		die("socket client");
	if (syscall(SYS_connect, cli, &addr, sizeof(addr)) < 0)
		die("connect");
	len = sizeof(peer);
	conn = syscall(SYS_accept4, srv, &peer, &len, SOCK_CLOEXEC);
	if (conn < 0)
		die("accept4");
	fprintf(facts, "client_port=%u\n", ntohs(peer.sin_port));
	if (syscall(SYS_sendto, cli, WL_MSG, sizeof(WL_MSG) - 1, 0, NULL, 0) < 0)
		die("sendto");
	if (syscall(SYS_recvfrom, conn, buf, sizeof(buf), 0, NULL, NULL) < 0)
		die("recvfrom");
	syscall(SYS_close, conn);
	syscall(SYS_close, cli);
	syscall(SYS_close, srv);
}

/*
 * Messages and socket options: 4 and 5 UDP sockets on the loopback, 6 7 a
 * unix socketpair, 8 and 9 unix datagram sockets (8 bound to a path).
 */
static void messages(const char *dir, FILE *facts)
{
	struct sockaddr_in a = { .sin_family = AF_INET }, from;
	struct sockaddr_un un = { .sun_family = AF_UNIX }, peer;
	struct iovec out[2] = {
		{ .iov_base = (void *)WL_IOV_A, .iov_len = sizeof(WL_IOV_A) - 1 },
		{ .iov_base = (void *)WL_IOV_B, .iov_len = sizeof(WL_IOV_B) - 1 },
	};
	struct iovec ping = { .iov_base = (void *)WL_MSG, .iov_len = sizeof(WL_MSG) - 1 };
	struct iovec data = { .iov_base = (void *)WL_DATA, .iov_len = sizeof(WL_DATA) - 1 };
	char buf[2][64];
	struct iovec in[2] = { { buf[0], sizeof(buf[0]) }, { buf[1], sizeof(buf[1]) } };
	struct msghdr msg = {
		.msg_name = &a, .msg_namelen = sizeof(a), .msg_iov = out, .msg_iovlen = 2
	};
	struct mmsghdr vec[2];
	socklen_t len = sizeof(a);
	int one = 1, v = 0, fds[2];
	long vlen = sizeof(WL_IOV_A WL_IOV_B) - 1;

	snprintf(un.sun_path, sizeof(un.sun_path), "%s/kcap-wl-%d.sock", dir, getpid());
	fprintf(facts, "msock=%s\n", un.sun_path);
	expect(syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0), 4, "udp socket");
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	expect(syscall(SYS_bind, 4, &a, sizeof(a)), 0, "udp bind");
	expect(syscall(SYS_getsockname, 4, &a, &len), 0, "getsockname");
	fprintf(facts, "mport=%u\n", ntohs(a.sin_port));
	FAILS(syscall(SYS_getsockname, WL_BAD_FD, &a, &len), EBADF, "getsockname bad fd");
	expect(syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0), 5, "udp socket");
	expect(syscall(SYS_sendmsg, 5, &msg, 0), vlen, "sendmsg");
	len = sizeof(from);
	expect(syscall(SYS_getsockname, 5, &from, &len), 0, "getsockname of the sender");
	fprintf(facts, "mport2=%u\n", ntohs(from.sin_port));
	FAILS(syscall(SYS_sendmsg, 5, WL_BAD_POINTER, 0), EFAULT, "sendmsg bad pointer");
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = &from;
	msg.msg_namelen = sizeof(from);
	msg.msg_iov = in;
	msg.msg_iovlen = 1;
	expect(syscall(SYS_recvmsg, 4, &msg, 0), vlen, "recvmsg");
	FAILS(syscall(SYS_recvmsg, WL_BAD_FD, &msg, MSG_DONTWAIT), EBADF, "recvmsg bad fd");

	memset(vec, 0, sizeof(vec));
	vec[0].msg_hdr.msg_name = vec[1].msg_hdr.msg_name = &a;
	vec[0].msg_hdr.msg_namelen = vec[1].msg_hdr.msg_namelen = sizeof(a);
	vec[0].msg_hdr.msg_iov = &ping;
	vec[1].msg_hdr.msg_iov = &data;
	vec[0].msg_hdr.msg_iovlen = vec[1].msg_hdr.msg_iovlen = 1;
	expect(syscall(SYS_sendmmsg, 5, vec, 2, 0), 2, "sendmmsg");
	FAILS(syscall(SYS_sendmmsg, WL_BAD_FD, vec, 2, 0), EBADF, "sendmmsg bad fd");
	memset(vec, 0, sizeof(vec));
	for (int i = 0; i < 2; i++) {
		vec[i].msg_hdr.msg_name = &from;
		vec[i].msg_hdr.msg_namelen = sizeof(from);
		vec[i].msg_hdr.msg_iov = &in[i];
		vec[i].msg_hdr.msg_iovlen = 1;
	}
	expect(syscall(SYS_recvmmsg, 4, vec, 2, MSG_DONTWAIT, NULL), 2, "recvmmsg");
	FAILS(syscall(SYS_recvmmsg, 4, vec, 2, MSG_DONTWAIT, NULL), EAGAIN, "recvmmsg nothing");

	expect(syscall(SYS_setsockopt, 4, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)), 0,
	       "setsockopt");
	FAILS(syscall(SYS_setsockopt, 4, SOL_SOCKET, SO_RCVBUF, WL_BAD_POINTER, sizeof(one)),
	      EFAULT, "setsockopt bad pointer");
	FAILS(syscall(SYS_setsockopt, WL_BAD_FD, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)),
	      EBADF, "setsockopt bad fd");
	len = sizeof(v);
	expect(syscall(SYS_getsockopt, 4, SOL_SOCKET, SO_TYPE, &v, &len), 0, "getsockopt");
	FAILS(syscall(SYS_getsockopt, 4, IPPROTO_IP, IP_TTL, &v, WL_BAD_POINTER), EFAULT,
	      "getsockopt bad pointer");

	expect(syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, fds), 0, "socketpair");
	expect(syscall(SYS_shutdown, 6, SHUT_RDWR), 0, "shutdown");
	FAILS(syscall(SYS_shutdown, WL_BAD_FD, SHUT_RD), EBADF, "shutdown bad fd");
	len = sizeof(peer);
	expect(syscall(SYS_getpeername, 6, &peer, &len), 0, "getpeername");
	len = sizeof(peer);
	FAILS(syscall(SYS_getpeername, 4, &peer, &len), ENOTCONN, "getpeername unconnected");

	expect(syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0), 8, "unix socket");
	expect(syscall(SYS_bind, 8, &un, sizeof(un)), 0, "unix bind");
	expect(syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0), 9, "unix socket");
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = &un;
	msg.msg_namelen = sizeof(un);
	msg.msg_iov = &ping;
	msg.msg_iovlen = 1;
	expect(syscall(SYS_sendmsg, 9, &msg, MSG_DONTWAIT), sizeof(WL_MSG) - 1, "unix sendmsg");
	syscall(SYS_close_range, 4, 9, 0);
	unlink(un.sun_path);
}

/*
 * What no syscall tracepoint sees: an io_uring OPENAT of a file linked to an
 * UNLINKAT of it, through the raw ring interface (io_uring_setup, the rings
 * mapped, io_uring_enter); then a register opcode that does not exist, and a
 * register and an enter of a descriptor that is not open.
 */
static void rings(const char *dir, FILE *facts)
{
	struct io_uring_params p;
	struct io_uring_sqe *sqe;
	struct io_uring_cqe *cqe;
	char path[512];
	size_t sq_len, cq_len, len;
	unsigned int *tail, *array;
	long rfd, fd;
	char *ring;

	snprintf(path, sizeof(path), "%s/kcap-wl-%d.ring", dir, getpid());
	fprintf(facts, "ring_path=%s\n", path);
	fd = syscall(SYS_openat, AT_FDCWD, path, O_CREAT | O_WRONLY, 0600);
	if (fd < 0)
		die("openat for the ring");
	syscall(SYS_close, fd);
	memset(&p, 0, sizeof(p));
	rfd = syscall(SYS_io_uring_setup, 2, &p);
	if (rfd < 0)
		die("io_uring_setup (io_uring disabled: sysctl kernel.io_uring_disabled?)");
	if (!(p.features & IORING_FEAT_SINGLE_MMAP))
		die("io_uring without IORING_FEAT_SINGLE_MMAP (kernel before 5.4)");
	fprintf(facts, "ring_fd=%ld\nring_sq=%u\nring_cq=%u\nring_features=%u\n", rfd, p.sq_entries,
		p.cq_entries, p.features);
	sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
	cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	len = sq_len > cq_len ? sq_len : cq_len;
	ring = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, (int)rfd,
		    IORING_OFF_SQ_RING);
	sqe = mmap(NULL, p.sq_entries * sizeof(*sqe), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_POPULATE, (int)rfd, IORING_OFF_SQES);
	if (ring == MAP_FAILED || sqe == MAP_FAILED)
		die("mmap of the io_uring rings");
	memset(sqe, 0, 2 * sizeof(*sqe));
	sqe[0].opcode = IORING_OP_OPENAT;
	sqe[0].flags = IOSQE_IO_LINK; /* the unlink runs after the open */
	sqe[0].fd = AT_FDCWD;
	sqe[0].addr = (unsigned long)path;
	sqe[0].open_flags = O_RDONLY;
	sqe[0].user_data = WL_URING_DATA;
	sqe[1].opcode = IORING_OP_UNLINKAT;
	sqe[1].fd = AT_FDCWD;
	sqe[1].addr = (unsigned long)path;
	sqe[1].user_data = WL_URING_UNLINK_DATA;
	tail = (unsigned int *)(ring + p.sq_off.tail);
	array = (unsigned int *)(ring + p.sq_off.array);
	for (unsigned int i = 0; i < 2; i++)
		array[(*tail + i) & *(unsigned int *)(ring + p.sq_off.ring_mask)] = i;
	__atomic_store_n(tail, *tail + 2, __ATOMIC_RELEASE);
	if (syscall(SYS_io_uring_enter, rfd, 2, 2, IORING_ENTER_GETEVENTS, NULL, 0) != 2)
		die("io_uring_enter");
	for (unsigned int i = 0; i < 2; i++) {
		unsigned int head = *(unsigned int *)(ring + p.cq_off.head) + i;

		cqe = (struct io_uring_cqe *)(ring + p.cq_off.cqes) +
		      (head & *(unsigned int *)(ring + p.cq_off.ring_mask));
		if (cqe->res < 0) {
			errno = -cqe->res;
			die("an io_uring request");
		}
		if (cqe->user_data == WL_URING_DATA)
			syscall(SYS_close, cqe->res);
	}
	if (syscall(SYS_io_uring_register, rfd, WL_BAD_URING_OP, NULL, 0) != -1 ||
	    errno != EINVAL ||
	    syscall(SYS_io_uring_register, WL_BAD_FD, IORING_REGISTER_PROBE, NULL, 0) != -1 ||
	    errno != EBADF || syscall(SYS_io_uring_enter, WL_BAD_FD, 0, 0, 0, NULL, 0) != -1 ||
	    errno != EBADF)
		die("io_uring_register and io_uring_enter refused");
	munmap(sqe, p.sq_entries * sizeof(*sqe));
	munmap(ring, len);
	syscall(SYS_close, rfd);
}

/*
 * Runs path in a child made by a raw clone(SIGCHLD) (like fork(), the same
 * syscall everywhere), with no environment; writes key=<its pid> and the
 * calling thread's id to the facts and expects it to exit with WL_CHILD_STATUS.
 */
static void run_child(const char *path, char *const argv[], FILE *facts, const char *key, bool at)
{
	char *const envp[] = { NULL };
	int status;
	long pid;

	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		if (at)
			syscall(SYS_execveat, AT_FDCWD, path, argv, envp, 0);
		else
			syscall(SYS_execve, path, argv, envp);
		_exit(99);
	}
	fprintf(facts, "%s=%ld\n%s_parent_tid=%ld\n", key, pid, key, syscall(SYS_gettid));
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die(key); /* child32: a kernel without CONFIG_IA32_EMULATION? */
}

static void processes(const char *self, FILE *facts)
{
	char *const argv[] = { (char *)"workload", (char *)"--child", (char *)WL_CHILD_ARG, NULL };
	char *const empty_arg[] = { (char *)"wl", (char *)"", (char *)"z", NULL };
	char *const envp[] = { NULL };

	/* A failed exec: the caller's argv, with an empty argument kept in place. */
	if (syscall(SYS_execve, WL_NO_EXE, empty_arg, envp) != -1 || errno != ENOENT)
		die("execve of a missing file");
	run_child(self, argv, facts, "child", false);
	fprintf(facts, "exe=%s\n", self);
	/* the kernel renumbers a successful execveat as execve: its enter event says what it was */
	run_child(self, argv, facts, "childat", true);
	if (syscall(SYS_kill, getpid(), 0) < 0)
		die("kill");
}

/*
 * The smallest 32-bit program: one loadable segment whose code is
 * exit(WL_CHILD_STATUS) through int $0x80. Written to path, mode 0755.
 */
static void write_elf32(const char *path)
{
	static const unsigned char code[] = {
		0xbb, WL_CHILD_STATUS,
		0,    0,
		0, /* mov $WL_CHILD_STATUS, %ebx */
		0xb8, 1,
		0,    0,
		0, /* mov $1, %eax: ia32 exit */
		0xcd, 0x80, /* int $0x80 */
	};
	struct {
		Elf32_Ehdr eh;
		Elf32_Phdr ph;
		unsigned char code[sizeof(code)];
	} __attribute__((packed)) img = {
		.eh = {
			.e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS32, ELFDATA2LSB,
				     EV_CURRENT },
			.e_type = ET_EXEC,
			.e_machine = EM_386,
			.e_version = EV_CURRENT,
			.e_entry = WL_ELF32_BASE + offsetof(__typeof__(img), code),
			.e_phoff = sizeof(Elf32_Ehdr),
			.e_ehsize = sizeof(Elf32_Ehdr),
			.e_phentsize = sizeof(Elf32_Phdr),
			.e_phnum = 1,
		},
		.ph = {
			.p_type = PT_LOAD,
			.p_vaddr = WL_ELF32_BASE,
			.p_paddr = WL_ELF32_BASE,
			.p_filesz = sizeof(img),
			.p_memsz = sizeof(img),
			.p_flags = PF_R | PF_X,
			.p_align = 0x1000,
		},
	};
	int fd;

	memcpy(img.code, code, sizeof(code));
	fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0755);
	if (fd < 0 || write(fd, &img, sizeof(img)) != (ssize_t)sizeof(img) || close(fd) < 0)
		die("32-bit program");
}

/*
 * 64-bit code that execs a 32-bit program: the task returns from execve as a
 * 32-bit one, which must not hide the exec (it must be an execve event with
 * the new image, not a bare compat_syscall).
 */
static void exec32(const char *dir, FILE *facts)
{
	char path[512];
	char *const argv[] = { (char *)WL_ELF32_ARG0, NULL };
	const char *base;

	snprintf(path, sizeof(path), "%s/kcap-wl-%d.elf32", dir, getpid());
	write_elf32(path);
	base = strrchr(path, '/') + 1;
	fprintf(facts, "exe32=%s\ncomm32=%.15s\n", path, base);
	run_child(path, argv, facts, "child32", false);
	unlink(path);
}

/*
 * A private anonymous mapping: protected, advised (and an advice no kernel
 * has, an unaligned address), locked and unlocked, grown where it may move,
 * shrunk in place, a move refused, unmapped (and an unaligned unmap); the
 * break asked for and refused a move to an address below the program
 * (brk then returns the old break); every lock of the address space taken
 * and given back in a child, and flags mlockall refuses.
 */
static void memory(FILE *facts)
{
	char *p = (char *)syscall(SYS_mmap, NULL, WL_MAP_LEN, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long q, b0, b1, pid;
	int status;

	if (p == MAP_FAILED)
		die("mmap");
	fprintf(facts, "map=%lu\nmap1=%lu\n", (unsigned long)p, (unsigned long)p + 1);
	if (syscall(SYS_mprotect, p, WL_MAP_LEN, PROT_READ) < 0)
		die("mprotect");
	if (syscall(SYS_madvise, p, WL_MAP_LEN, MADV_DONTNEED) != 0 ||
	    syscall(SYS_madvise, p, WL_MAP_LEN, WL_BAD_ADVICE) != -1 || errno != EINVAL ||
	    syscall(SYS_madvise, p + 1, WL_MAP_LEN, MADV_NORMAL) != -1 || errno != EINVAL)
		die("madvise");
	if (syscall(SYS_mlock, p, WL_MAP_LEN) != 0 || syscall(SYS_munlock, p, WL_MAP_LEN) != 0 ||
	    syscall(SYS_mlock2, p, WL_MAP_LEN, MLOCK_ONFAULT) != 0 ||
	    syscall(SYS_mlock2, p, WL_MAP_LEN, WL_BAD_MLOCK) != -1 || errno != EINVAL ||
	    syscall(SYS_munlock, p, WL_MAP_LEN) != 0)
		die("mlock");
	q = syscall(SYS_mremap, p, WL_MAP_LEN, 2 * WL_MAP_LEN, MREMAP_MAYMOVE, 0);
	if (q == -1 || syscall(SYS_mremap, q, 2 * WL_MAP_LEN, WL_MAP_LEN, 0, 0) != q ||
	    syscall(SYS_mremap, q, WL_MAP_LEN, WL_MAP_LEN, MREMAP_FIXED, q) != -1 ||
	    errno != EINVAL)
		die("mremap");
	fprintf(facts, "remap=%ld\nremap1=%ld\n", q, q + 1);
	if (syscall(SYS_munmap, q + 1, WL_MAP_LEN) != -1 || errno != EINVAL ||
	    syscall(SYS_munmap, q, WL_MAP_LEN) != 0)
		die("munmap");
	/* no library call between the two: malloc may move the break */
	b0 = syscall(SYS_brk, 0);
	b1 = syscall(SYS_brk, WL_BAD_POINTER);
	if (b1 != b0)
		die("brk");
	fprintf(facts, "brk=%ld\n", b0);
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		if (syscall(SYS_mlockall, MCL_CURRENT | MCL_ONFAULT) != 0 ||
		    syscall(SYS_munlockall) != 0 || syscall(SYS_mlockall, 0) != -1 ||
		    errno != EINVAL || syscall(SYS_mlockall, WL_BAD_MLOCK) != -1 || errno != EINVAL)
			_exit(3);
		_exit(WL_CHILD_STATUS);
	}
	fprintf(facts, "locks=%ld\n", pid);
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("memory locks child");
}

/*
 * What the children pass by pointer, at addresses the parent knows (a child
 * made by clone without CLONE_VM has the same ones) and writes to the facts.
 */
static const char wl_pr_name[] = WL_PR_NAME;
static char wl_name_buf[16];
static uint32_t wl_action = SECCOMP_RET_LOG;
static struct sock_filter wl_allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
static struct sock_fprog wl_prog = { .len = 1, .filter = &wl_allow };
static const char wl_tmpfs_opts[] = "size=64k";
static const char wl_memfd_name[] = WL_MEMFD_NAME;

/* A capset of version 3 for the calling thread: sets as 64-bit masks. */
static long capset3(uint32_t version, uint64_t effective, uint64_t permitted, void *data)
{
	struct __user_cap_header_struct hdr = { .version = version, .pid = 0 };
	struct __user_cap_data_struct d[2] = {
		{ (uint32_t)effective, (uint32_t)permitted, 0 },
		{ (uint32_t)(effective >> 32), (uint32_t)(permitted >> 32), 0 },
	};

	return syscall(SYS_capset, &hdr, data ? data : d);
}

/*
 * The creds child once it is WL_NOBODY with no capabilities: the ids it now
 * has, capability sets (emptied, refused, unreadable, of an unknown version),
 * namespaces refused, prctl and seccomp (a filter that allows everything).
 * Returns the child's exit status.
 */
static int unprivileged(void)
{
	uint32_t r, e, s;

	if (syscall(SYS_getresuid, &r, &e, &s) != 0 || r != WL_NOBODY ||
	    syscall(SYS_getresgid, &r, &e, &s) != 0 || r != WL_NOBODY)
		return 10;
	if (syscall(SYS_getresuid, NULL, &e, &s) != -1 || errno != EFAULT)
		return 11;
	if (capset3(_LINUX_CAPABILITY_VERSION_3, 0, 0, NULL) != 0)
		return 12;
	if (capset3(_LINUX_CAPABILITY_VERSION_3, WL_CAPS, WL_CAPS, NULL) != -1 || errno != EPERM)
		return 13;
	if (capset3(_LINUX_CAPABILITY_VERSION_3, 0, 0, (void *)WL_BAD_POINTER) != -1 ||
	    errno != EFAULT)
		return 14;
	/* the kernel writes the version it wants back into the header */
	if (capset3(WL_BAD_CAP_VERSION, 0, 0, NULL) != -1 || errno != EINVAL)
		return 15;
	if (syscall(SYS_unshare, CLONE_NEWNS) != -1 || errno != EPERM)
		return 16;
	if (syscall(SYS_prctl, PR_SET_NAME, wl_pr_name, 0, 0, 0) != 0 ||
	    syscall(SYS_prctl, PR_GET_NAME, wl_name_buf, 0, 0, 0) != 0 ||
	    strcmp(wl_name_buf, WL_PR_NAME) ||
	    syscall(SYS_prctl, PR_SET_NAME, WL_BAD_POINTER, 0, 0, 0) != -1 || errno != EFAULT)
		return 17;
	if (syscall(SYS_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0) != 0 ||
	    syscall(SYS_prctl, PR_SET_DUMPABLE, 2, 0, 0, 0) != -1 || errno != EINVAL)
		return 18;
	if (syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_RAW, 0, 0) != 0 ||
	    syscall(SYS_prctl, PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0, 0) != -1 ||
	    errno != EPERM)
		return 19;
	if (syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return 20;
	if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &wl_action) != 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 1, NULL) != -1 || errno != EINVAL ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, WL_BAD_POINTER) != -1 ||
	    errno != EFAULT)
		return 21;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG, &wl_prog) != 0 ||
	    syscall(SYS_prctl, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &wl_prog, 0, 0) != 0)
		return 22;
	return WL_CHILD_STATUS;
}

/*
 * Credentials, changed only in a child made by a raw clone(SIGCHLD): the
 * getters, each setter once leaving every id as it is ((u32)-1 keeps an id;
 * setfsuid/setfsgid with it only report the current one), an invalid gid,
 * then a drop to WL_NOBODY and a refused way back. The test runs as root.
 */
static void credentials(FILE *facts)
{
	int status;
	long pid;

	fprintf(facts, "uid=%ld\ngid=%ld\n", syscall(SYS_getuid), syscall(SYS_getgid));
	fprintf(facts, "pr_name=%lu\nname_buf=%lu\naction=%lu\nprog=%lu\n",
		(unsigned long)wl_pr_name, (unsigned long)wl_name_buf, (unsigned long)&wl_action,
		(unsigned long)&wl_prog);
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		long uid = syscall(SYS_getuid), gid = syscall(SYS_getgid);

		if (syscall(SYS_geteuid) != uid || syscall(SYS_getegid) != gid ||
		    syscall(SYS_setgid, gid) != 0 || syscall(SYS_setreuid, -1, -1) != 0 ||
		    syscall(SYS_setregid, -1, -1) != 0 || syscall(SYS_setresuid, -1, -1, -1) != 0 ||
		    syscall(SYS_setresgid, -1, -1, -1) != 0 || syscall(SYS_setfsuid, -1) != uid ||
		    syscall(SYS_setfsgid, -1) != gid)
			_exit(3);
		if (syscall(SYS_setgid, -1) != -1 || errno != EINVAL)
			_exit(4);
		if (syscall(SYS_setresgid, WL_NOBODY, WL_NOBODY, WL_NOBODY) != 0 ||
		    syscall(SYS_setresuid, WL_NOBODY, WL_NOBODY, WL_NOBODY) != 0)
			_exit(5);
		if (syscall(SYS_setreuid, 0, 0) != -1 || errno != EPERM)
			_exit(6);
		_exit(unprivileged());
	}
	fprintf(facts, "creds=%ld\n", pid);
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("credentials child");
}

/* A syscall's result as the kernel returned it: the value, or -errno. */
static long sys_result(long r)
{
	return r < 0 ? -errno : r;
}

/*
 * The new mount API in the namespaces child, on its private mount point mnt:
 * a tmpfs context configured (a key it does not know refused), mounted and
 * attached on mnt, cloned with open_tree, picked again with fspick, made
 * read-only with mount_setattr (a size too short refused), then detached;
 * an unknown type, a bad descriptor, missing paths and unknown flags
 * refused. mount_setattr is newer than some kernels kcap supports: its
 * results go to the facts. Returns 0, or the step that failed.
 */
static int new_mount_api(const char *mnt, FILE *facts)
{
	struct mount_attr rdonly = { .attr_set = MOUNT_ATTR_RDONLY };
	long fd;

	fd = syscall(SYS_fsopen, "tmpfs", FSOPEN_CLOEXEC);
	if (fd < 0 || syscall(SYS_dup2, fd, WL_FS_FD) != WL_FS_FD ||
	    syscall(SYS_fsopen, WL_NO_FSTYPE, 0) != -1 || errno != ENODEV)
		return 1;
	if (syscall(SYS_fsconfig, WL_FS_FD, FSCONFIG_SET_STRING, WL_FS_KEY, WL_FS_VALUE, 0) != 0 ||
	    syscall(SYS_fsconfig, WL_FS_FD, FSCONFIG_SET_FLAG, WL_NO_FSTYPE, NULL, 0) != -1 ||
	    errno != EINVAL ||
	    syscall(SYS_fsconfig, WL_FS_FD, FSCONFIG_CMD_CREATE, NULL, NULL, 0) != 0)
		return 2;
	fd = syscall(SYS_fsmount, WL_FS_FD, FSMOUNT_CLOEXEC, MOUNT_ATTR_NODEV);
	if (fd < 0 || syscall(SYS_dup2, fd, WL_MNT_FD) != WL_MNT_FD ||
	    syscall(SYS_fsmount, WL_BAD_FD, 0, 0) != -1 || errno != EBADF)
		return 3;
	if (syscall(SYS_move_mount, WL_MNT_FD, "", AT_FDCWD, mnt, MOVE_MOUNT_F_EMPTY_PATH) != 0 ||
	    syscall(SYS_move_mount, AT_FDCWD, WL_NO_EXE, AT_FDCWD, mnt, 0) != -1 || errno != ENOENT)
		return 4;
	fd = syscall(SYS_open_tree, AT_FDCWD, mnt, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (fd < 0 || syscall(SYS_close, fd) != 0 ||
	    syscall(SYS_open_tree, AT_FDCWD, WL_NO_EXE, 0) != -1 || errno != ENOENT)
		return 5;
	fd = syscall(SYS_fspick, AT_FDCWD, mnt, FSPICK_CLOEXEC);
	if (fd < 0 || syscall(SYS_close, fd) != 0 ||
	    syscall(SYS_fspick, AT_FDCWD, mnt, WL_BAD_FLAGS) != -1 || errno != EINVAL)
		return 6;
	fprintf(facts, "setattr_ret=%ld\n",
		sys_result(syscall(SYS_mount_setattr, AT_FDCWD, mnt, 0, &rdonly, sizeof(rdonly))));
	fprintf(facts, "setattr_short_ret=%ld\n",
		sys_result(syscall(SYS_mount_setattr, AT_FDCWD, mnt, 0, &rdonly, 0)));
	fflush(facts);
	if (syscall(SYS_umount2, mnt, MNT_DETACH) != 0 || syscall(SYS_close, WL_MNT_FD) != 0 ||
	    syscall(SYS_close, WL_FS_FD) != 0)
		return 7;
	return 0;
}

/*
 * Namespaces and mounts, in a child made by a raw clone(SIGCHLD) that first
 * takes a mount namespace of its own and makes every mount in it private, so
 * that nothing it mounts reaches the host's: a tmpfs mounted on a directory
 * of DIR, a file system that does not exist, a pivot_root refused (its old
 * root missing), two unmounts (the second of what is no longer a mount), a
 * setns into its own uts namespace, a wrong and a bad descriptor, unknown
 * unshare flags; last, capabilities reduced to WL_ROOT_CAPS.
 */
static void namespaces(const char *dir, FILE *facts)
{
	char mnt[512], old[600];
	int status;
	long pid;

	snprintf(mnt, sizeof(mnt), "%s/kcap-wl-%d.mnt", dir, getpid());
	snprintf(old, sizeof(old), "%s/old", mnt);
	fprintf(facts, "mnt=%s\nmnt_data=%lu\n", mnt, (unsigned long)wl_tmpfs_opts);
	if (mkdir(mnt, 0700) < 0)
		die("mount point");
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		long fd;

		if (syscall(SYS_unshare, CLONE_NEWNS) != 0 ||
		    syscall(SYS_mount, NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
			_exit(3); /* nothing was mounted */
		if (syscall(SYS_mount, WL_MNT_SOURCE, mnt, "tmpfs", MS_NOSUID | MS_NODEV,
			    wl_tmpfs_opts) != 0 ||
		    syscall(SYS_mount, WL_MNT_SOURCE, mnt, WL_NO_FSTYPE, 0, NULL) != -1 ||
		    errno != ENODEV)
			_exit(4);
		if (syscall(SYS_pivot_root, mnt, old) != -1 || errno != ENOENT)
			_exit(5);
		if (syscall(SYS_umount2, mnt, MNT_DETACH) != 0 ||
		    syscall(SYS_umount2, mnt, 0) != -1 || errno != EINVAL)
			_exit(6);
		if (new_mount_api(mnt, facts) != 0)
			_exit(7);
		fd = syscall(SYS_openat, AT_FDCWD, "/proc/self/ns/uts", O_RDONLY | O_CLOEXEC, 0);
		if (fd < 0 || syscall(SYS_dup2, fd, WL_NS_FD) != WL_NS_FD ||
		    syscall(SYS_setns, WL_NS_FD, CLONE_NEWUTS) != 0 ||
		    syscall(SYS_setns, WL_NS_FD, CLONE_NEWNET) != -1 || errno != EINVAL ||
		    syscall(SYS_setns, WL_BAD_FD, 0) != -1 || errno != EBADF)
			_exit(8);
		if (syscall(SYS_unshare, WL_BAD_UNSHARE) != -1 || errno != EINVAL)
			_exit(9);
		if (capset3(_LINUX_CAPABILITY_VERSION_3, WL_ROOT_CAPS, WL_ROOT_CAPS, NULL) != 0)
			_exit(10);
		_exit(WL_CHILD_STATUS);
	}
	fprintf(facts, "ns=%ld\n", pid);
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("namespaces child");
	if (rmdir(mnt) < 0)
		die("rmdir mount point");
}

/*
 * For the processes child: two short sleeps and two refused (a nanosecond
 * count of a whole second, a clock that does not exist), signals queued to
 * itself with a siginfo of its own (SI_QUEUE), one to its parent claiming
 * to come from the kernel (refused: a forged SI_KERNEL), one to a thread
 * that does not exist. Signal 0 only checks. Returns 0, or the step that
 * failed.
 */
static int sleeps_and_queued_signals(long self)
{
	struct timespec ns = { 0, 1 }, whole = { 0, WL_NSEC_PER_SEC };
	siginfo_t queued, forged;

	memset(&queued, 0, sizeof(queued));
	memset(&forged, 0, sizeof(forged));
	queued.si_code = SI_QUEUE;
	forged.si_code = SI_KERNEL;
	if (syscall(SYS_nanosleep, &ns, NULL) != 0 || syscall(SYS_nanosleep, &whole, NULL) != -1 ||
	    errno != EINVAL || syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ns, NULL) != 0 ||
	    syscall(SYS_clock_nanosleep, WL_BAD_CLOCK, 0, &ns, NULL) != -1 || errno != EINVAL)
		return 1;
	if (syscall(SYS_rt_sigqueueinfo, self, 0, &queued) != 0 ||
	    syscall(SYS_rt_sigqueueinfo, getppid(), 0, &forged) != -1 || errno != EPERM ||
	    syscall(SYS_rt_tgsigqueueinfo, self, self, 0, &queued) != 0 ||
	    syscall(SYS_rt_tgsigqueueinfo, self, WL_BAD_FD, 0, &queued) != -1 || errno != ESRCH)
		return 2;
	return 0;
}

/*
 * setsid and setpgid, a signal to one thread, the execution domain, a memfd
 * and resource limits, in a child made by a raw clone(SIGCHLD): each once as
 * it should be and once refused (setpgid after setsid, no such process, a
 * negative group or thread id, unknown flags or resources, bad pointers).
 * Limits are only lowered (CPU seconds no child uses): a kcap host's root
 * may lack CAP_SYS_RESOURCE.
 * A memfd is asked without MFD_EXEC or MFD_NOEXEC_SEAL, which every kernel
 * takes while vm.memfd_noexec is not 2.
 */
static void procs(FILE *facts)
{
	struct rlimit_pair {
		uint64_t cur, max;
	} lim = { WL_RLIM_CUR, WL_RLIM_MAX }, lower = { WL_RLIM_CUR / 2, WL_RLIM_MAX }, got,
	  bad = { WL_RLIM_MAX, WL_RLIM_CUR };
	unsigned long persona = 0;
	int status;
	long pid;
	FILE *f;

	f = fopen("/proc/self/personality", "r");
	if (!f || fscanf(f, "%lx", &persona) != 1)
		die("/proc/self/personality");
	fclose(f);
	fprintf(facts, "persona=%lu\n", persona);
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		long self = syscall(SYS_getpid);

		if (syscall(SYS_setsid) != self || syscall(SYS_setpgid, 0, 0) != -1 ||
		    errno != EPERM || syscall(SYS_setpgid, WL_BAD_FD, 0) != -1 || errno != ESRCH ||
		    syscall(SYS_setpgid, 0, -1) != -1 || errno != EINVAL)
			_exit(3);
		if (syscall(SYS_tkill, self, 0) != 0 || syscall(SYS_tkill, -1, SIGTERM) != -1 ||
		    errno != EINVAL || syscall(SYS_tkill, WL_BAD_FD, SIGTERM) != -1 ||
		    errno != ESRCH)
			_exit(4);
		if (sleeps_and_queued_signals(self) != 0)
			_exit(9);
		if (syscall(SYS_personality, PER_LINUX | ADDR_NO_RANDOMIZE) != (long)persona ||
		    syscall(SYS_personality, PER_LINUX) != ADDR_NO_RANDOMIZE)
			_exit(5);
		if (syscall(SYS_memfd_create, wl_memfd_name, MFD_CLOEXEC | MFD_ALLOW_SEALING) < 0 ||
		    syscall(SYS_memfd_create, wl_memfd_name, WL_BAD_MFD) != -1 || errno != EINVAL ||
		    syscall(SYS_memfd_create, WL_BAD_POINTER, MFD_CLOEXEC) != -1 || errno != EFAULT)
			_exit(6);
		if (syscall(SYS_setrlimit, RLIMIT_CPU, &lim) != 0 ||
		    syscall(SYS_getrlimit, RLIMIT_CPU, &got) != 0 || got.cur != WL_RLIM_CUR ||
		    syscall(SYS_prlimit64, 0, RLIMIT_CPU, &lower, &got) != 0 ||
		    syscall(SYS_prlimit64, 0, RLIMIT_CPU, NULL, &got) != 0 ||
		    got.cur != WL_RLIM_CUR / 2)
			_exit(7);
		if (syscall(SYS_setrlimit, RLIMIT_CPU, &bad) != -1 || errno != EINVAL ||
		    syscall(SYS_setrlimit, WL_BAD_RESOURCE, &lim) != -1 || errno != EINVAL ||
		    syscall(SYS_getrlimit, RLIMIT_CPU, WL_BAD_POINTER) != -1 || errno != EFAULT ||
		    syscall(SYS_prlimit64, WL_BAD_FD, RLIMIT_CPU, NULL, &got) != -1 ||
		    errno != ESRCH)
			_exit(8);
		_exit(WL_CHILD_STATUS);
	}
	fprintf(facts, "procs=%ld\n", pid);
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("processes child");
}

/*
 * Waiting for children, by the parent: a child that exits reaped by waitid,
 * one killed by a signal reaped by wait4; then no such child, an unknown
 * idtype.
 */
static void waits(FILE *facts)
{
	siginfo_t info;
	int status;
	long pid;

	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0)
		_exit(WL_CHILD_STATUS);
	fprintf(facts, "exited=%ld\n", pid);
	memset(&info, 0, sizeof(info));
	if (syscall(SYS_waitid, P_PID, pid, &info, WEXITED, NULL) != 0 || info.si_pid != pid ||
	    info.si_code != CLD_EXITED || info.si_status != WL_CHILD_STATUS)
		die("waitid");
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		syscall(SYS_kill, syscall(SYS_getpid), SIGTERM);
		_exit(3);
	}
	fprintf(facts, "killed=%ld\n", pid);
	if (syscall(SYS_wait4, pid, &status, 0, NULL) != pid || !WIFSIGNALED(status) ||
	    WTERMSIG(status) != SIGTERM)
		die("wait4");
	if (syscall(SYS_wait4, WL_BAD_FD, &status, WNOHANG, NULL) != -1 || errno != ECHILD ||
	    syscall(SYS_waitid, WL_BAD_IDTYPE, 0, &info, WEXITED, NULL) != -1 || errno != EINVAL)
		die("wait for no child");
}

/* What the tracing child passes by pointer, at addresses the parent writes to the facts. */
static char wl_vm_src[] = WL_VM_DATA, wl_vm_dst[sizeof(WL_VM_DATA)];
static struct iovec wl_vm_local = { wl_vm_dst, sizeof(WL_VM_DATA) - 1 };
static struct iovec wl_vm_remote = { wl_vm_src, sizeof(WL_VM_DATA) - 1 };
static union bpf_attr wl_bpf_attr;
static struct perf_event_attr wl_perf_attr;

/*
 * What reaches into other processes and the kernel, harmlessly, in a child
 * made by a raw clone(SIGCHLD): its own process descriptor (opened, signalled
 * with 0, a descriptor taken from itself through it; bad flags, no such
 * process or descriptor), its own memory read and written through
 * process_vm_readv/writev (bad flags, no such process), ptrace requests to
 * no such process (a peek, a seize with options, a continue with a signal), a bpf command that does not exist and a program load with no
 * instructions, a perf event refused for its flags and for its attr.
 */
static void tracing(FILE *facts)
{
	int status;
	long pid;

	_Static_assert(offsetof(union bpf_attr, prog_name) + 16 == WL_BPF_ATTR_SIZE,
		       "BPF_PROG_LOAD's attr up to its name");
	wl_bpf_attr.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	wl_bpf_attr.license = (uint64_t)(uintptr_t) "GPL";
	strcpy(wl_bpf_attr.prog_name, WL_BPF_PROG_NAME);
	wl_perf_attr.type = PERF_TYPE_SOFTWARE;
	wl_perf_attr.size = sizeof(wl_perf_attr);
	wl_perf_attr.config = PERF_COUNT_SW_DUMMY;
	fprintf(facts, "vm_local=%lu\nvm_remote=%lu\nperf_attr_size=%zu\n",
		(unsigned long)&wl_vm_local, (unsigned long)&wl_vm_remote, sizeof(wl_perf_attr));
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		long self = syscall(SYS_getpid), fd = syscall(SYS_pidfd_open, self, 0);

		if (fd < 0 || syscall(SYS_dup2, fd, WL_PIDFD) != WL_PIDFD ||
		    syscall(SYS_pidfd_open, self, WL_BAD_FLAGS) != -1 || errno != EINVAL ||
		    syscall(SYS_pidfd_open, WL_BAD_FD, 0) != -1 || errno != ESRCH)
			_exit(3);
		if (syscall(SYS_pidfd_send_signal, WL_PIDFD, 0, NULL, 0) != 0 ||
		    syscall(SYS_pidfd_send_signal, WL_PIDFD, SIGTERM, NULL, WL_BAD_FLAGS) != -1 ||
		    errno != EINVAL)
			_exit(4);
		if (syscall(SYS_pidfd_getfd, WL_PIDFD, WL_PIDFD, 0) < 0 ||
		    syscall(SYS_pidfd_getfd, WL_PIDFD, WL_BAD_FD, 0) != -1 || errno != EBADF ||
		    syscall(SYS_pidfd_getfd, WL_PIDFD, 0, WL_BAD_FLAGS) != -1 || errno != EINVAL)
			_exit(5);
		if (syscall(SYS_process_vm_readv, self, &wl_vm_local, 1, &wl_vm_remote, 1, 0) !=
			    sizeof(WL_VM_DATA) - 1 ||
		    strcmp(wl_vm_dst, WL_VM_DATA) ||
		    syscall(SYS_process_vm_writev, self, &wl_vm_local, 1, &wl_vm_remote, 1, 0) !=
			    sizeof(WL_VM_DATA) - 1 ||
		    syscall(SYS_process_vm_readv, self, &wl_vm_local, 1, &wl_vm_remote, 1, 1) !=
			    -1 ||
		    errno != EINVAL ||
		    syscall(SYS_process_vm_writev, WL_BAD_FD, &wl_vm_local, 1, &wl_vm_remote, 1,
			    0) != -1 ||
		    errno != ESRCH)
			_exit(6);
		if (syscall(SYS_ptrace, PTRACE_PEEKDATA, WL_BAD_FD, 0, 0) != -1 || errno != ESRCH ||
		    syscall(SYS_ptrace, PTRACE_SEIZE, WL_BAD_FD, 0,
			    PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD) != -1 ||
		    errno != ESRCH ||
		    syscall(SYS_ptrace, PTRACE_CONT, WL_BAD_FD, 0, SIGTERM) != -1 || errno != ESRCH)
			_exit(7);
		if (syscall(SYS_bpf, WL_BAD_BPF_CMD, NULL, 0) != -1 || errno != EINVAL ||
		    syscall(SYS_bpf, BPF_PROG_LOAD, &wl_bpf_attr, WL_BPF_ATTR_SIZE) != -1 ||
		    errno != E2BIG)
			_exit(8);
		if (syscall(SYS_perf_event_open, &wl_perf_attr, 0, -1, -1, WL_BAD_PERF_FLAGS) !=
			    -1 ||
		    errno != EINVAL ||
		    syscall(SYS_perf_event_open, WL_BAD_POINTER, 0, -1, -1, 0) != -1 ||
		    errno != EFAULT)
			_exit(9);
		_exit(WL_CHILD_STATUS);
	}
	fprintf(facts, "tracing=%ld\n", pid);
	if (syscall(SYS_wait4, pid, &status, 0, NULL) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("tracing child");
}

/*
 * Keys and a sandbox, in a child made by a raw clone(SIGCHLD): a key added
 * to its process keyring (and one of a type that does not exist), one asked
 * for that no keyring has, the first found again by keyctl, a keyctl on no
 * key and an operation that does not exist; then a Landlock ruleset that
 * handles reading, a rule that allows it under "/" (and one for a ruleset
 * descriptor that is not one), the child restricted by it. Landlock's
 * results go to the facts: kernels without it (before 5.13, or not in the
 * LSM list) refuse every call.
 */
static const char wl_key_type[] = "user", wl_key_desc[] = WL_KEY_DESC;

static void keys_and_sandbox(FILE *facts)
{
	int status;
	long pid;

	fprintf(facts, "key_type=%lu\nkey_desc=%lu\n", (unsigned long)wl_key_type,
		(unsigned long)wl_key_desc);
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		struct landlock_ruleset_attr ruleset = { .handled_access_fs =
								 LANDLOCK_ACCESS_FS_READ_FILE |
								 LANDLOCK_ACCESS_FS_READ_DIR };
		struct landlock_path_beneath_attr rule = { .allowed_access =
								   LANDLOCK_ACCESS_FS_READ_FILE };
		long fd, key;

		key = syscall(SYS_add_key, wl_key_type, wl_key_desc, WL_KEY_PAYLOAD,
			      sizeof(WL_KEY_PAYLOAD) - 1, KEY_SPEC_PROCESS_KEYRING);
		fprintf(facts, "key=%ld\n", key);
		if (key <= 0 ||
		    syscall(SYS_add_key, WL_NO_KEY_TYPE, wl_key_desc, WL_KEY_PAYLOAD,
			    sizeof(WL_KEY_PAYLOAD) - 1, KEY_SPEC_PROCESS_KEYRING) != -1 ||
		    errno != ENODEV)
			_exit(3);
		if (syscall(SYS_request_key, wl_key_type, WL_NO_KEY_DESC, NULL, 0) != -1 ||
		    errno != ENOKEY)
			_exit(4);
		if (syscall(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_PROCESS_KEYRING, wl_key_type,
			    wl_key_desc, 0) != key ||
		    syscall(SYS_keyctl, KEYCTL_REVOKE, 0, 0, 0, 0) != -1 || errno != EINVAL ||
		    syscall(SYS_keyctl, WL_BAD_KEYCTL, 0, 0, 0, 0) != -1 || errno != EOPNOTSUPP)
			_exit(5);
		fd = syscall(SYS_openat, AT_FDCWD, "/", O_PATH | O_CLOEXEC, 0);
		if (fd < 0 || syscall(SYS_dup2, fd, WL_RULE_DIR_FD) != WL_RULE_DIR_FD)
			_exit(6);
		rule.parent_fd = WL_RULE_DIR_FD;
		fprintf(facts, "ll_abi=%ld\n",
			sys_result(syscall(SYS_landlock_create_ruleset, NULL, 0,
					   LANDLOCK_CREATE_RULESET_VERSION)));
		fd = sys_result(syscall(SYS_landlock_create_ruleset, &ruleset, sizeof(ruleset), 0));
		if (fd >= 0 && syscall(SYS_dup2, fd, WL_RULESET_FD) != WL_RULESET_FD)
			_exit(7);
		fprintf(facts, "ll_ruleset=%ld\n", fd);
		fprintf(facts, "ll_rule=%ld\n",
			sys_result(syscall(SYS_landlock_add_rule, WL_RULESET_FD,
					   LANDLOCK_RULE_PATH_BENEATH, &rule, 0)));
		fprintf(facts, "ll_rule_bad=%ld\n",
			sys_result(syscall(SYS_landlock_add_rule, WL_RULE_DIR_FD,
					   LANDLOCK_RULE_PATH_BENEATH, &rule, 0)));
		fprintf(facts, "ll_restrict=%ld\n",
			sys_result(syscall(SYS_landlock_restrict_self, WL_RULESET_FD, 0)));
		fflush(facts);
		_exit(WL_CHILD_STATUS);
	}
	fprintf(facts, "keys=%ld\n", pid);
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("keys and sandbox child");
}

/* Bytes that are no module: init_module refuses them before it looks at a signature. */
static const char wl_module_image[] = "kcap-wl";
static const char wl_module_params[] = WL_MODULE_PARAMS;
static const char wl_kexec_cmdline[] = WL_KEXEC_CMDLINE;

/*
 * Reads the page of s: a call the kernel refuses before it reads its strings
 * leaves them where a probe may find them not faulted in (a fork's child has
 * none of the parent's file pages mapped yet).
 */
static void fault_in(const char *s)
{
	*(volatile const char *)s;
}

/*
 * Code for the kernel and port I/O, each refused, in a child made by a raw
 * clone(SIGCHLD): a module image too short to be one, the removal of a
 * module that does not exist, a kexec of more segments than the kernel
 * takes, a kexec_file_load of unknown flags; an I/O privilege level that
 * does not exist and a port range past the last port, and the level and a
 * port given up (the child has none). Their results depend on the kernel's
 * configuration (modules, kexec, port I/O may be left out: ENOSYS) and
 * lockdown: they go to the facts.
 */
static void kernel_code(FILE *facts)
{
	int status;
	long pid;

	fprintf(facts, "module_image=%lu\n", (unsigned long)wl_module_image);
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		fault_in(wl_module_params);
		fault_in(WL_NO_MODULE);
		fault_in(wl_kexec_cmdline);
		fprintf(facts, "init_module_ret=%ld\n",
			sys_result(syscall(SYS_init_module, wl_module_image,
					   sizeof(wl_module_image), wl_module_params)));
		fprintf(facts, "delete_module_ret=%ld\n",
			sys_result(syscall(SYS_delete_module, WL_NO_MODULE, O_NONBLOCK)));
		fprintf(facts, "kexec_ret=%ld\n",
			sys_result(syscall(SYS_kexec_load, 0, KEXEC_SEGMENT_MAX + 1, NULL,
					   KEXEC_ARCH_DEFAULT)));
		fprintf(facts, "kexec_file_ret=%ld\n",
			sys_result(syscall(SYS_kexec_file_load, WL_BAD_FD, -1,
					   sizeof(wl_kexec_cmdline), wl_kexec_cmdline,
					   WL_BAD_FLAGS)));
		fprintf(facts, "iopl_bad_ret=%ld\n", sys_result(syscall(SYS_iopl, WL_BAD_IOPL)));
		fprintf(facts, "iopl_ret=%ld\n", sys_result(syscall(SYS_iopl, 0)));
		fprintf(facts, "ioperm_bad_ret=%ld\n",
			sys_result(syscall(SYS_ioperm, WL_IO_PORTS, 1, 1)));
		fprintf(facts, "ioperm_ret=%ld\n",
			sys_result(syscall(SYS_ioperm, WL_IO_PORT, 1, 0)));
		fflush(facts);
		_exit(WL_CHILD_STATUS);
	}
	fprintf(facts, "kernel=%ld\n", pid);
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("kernel code child");
}

static uint32_t wl_futex_word = WL_FUTEX_VALUE;
/* struct futex_waitv (5.16), spelled out: older headers lack it */
static struct {
	uint64_t val, uaddr;
	uint32_t flags, reserved;
} wl_waitv;

/*
 * futex on a word of the workload's (a wake with no waiter, a wait refused
 * because the word changed, an unknown operation, a misaligned word), then
 * memory only the process sees: a userfaultfd of user faults only (5.11)
 * and one of unknown flags, a secret memory descriptor (5.14, and only
 * where the kernel enables it) and one of unknown flags; the ones that
 * depend on the kernel give their results to the facts. Every descriptor
 * is closed again.
 */
static void private_memory(FILE *facts)
{
	long fd;

	fprintf(facts, "futex_word=%lu\nfutex_word1=%lu\n", (unsigned long)&wl_futex_word,
		(unsigned long)&wl_futex_word + 1);
	if (syscall(SYS_futex, &wl_futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0) != 0 ||
	    syscall(SYS_futex, &wl_futex_word, FUTEX_WAIT_PRIVATE, WL_FUTEX_VALUE + 1, NULL, NULL,
		    0) != -1 ||
	    errno != EAGAIN ||
	    syscall(SYS_futex, &wl_futex_word, WL_BAD_FUTEX_OP, 0, NULL, NULL, 0) != -1 ||
	    errno != ENOSYS ||
	    syscall(SYS_futex, (char *)&wl_futex_word + 1, FUTEX_WAKE, 1, NULL, NULL, 0) != -1 ||
	    errno != EINVAL)
		die("futex");
	/* a waiter whose word has another value: EAGAIN at once (ENOSYS before 5.16) */
	wl_waitv.val = WL_FUTEX_VALUE + 1;
	wl_waitv.uaddr = (uintptr_t)&wl_futex_word;
	wl_waitv.flags = WL_FUTEX2_U32_PRIVATE;
	fprintf(facts, "waitv=%lu\nwaitv_ret=%ld\n", (unsigned long)&wl_waitv,
		sys_result(syscall(SYS_futex_waitv, &wl_waitv, 1, 0, NULL, CLOCK_MONOTONIC)));
	fprintf(facts, "waitv_bad_ret=%ld\n",
		sys_result(syscall(SYS_futex_waitv, WL_BAD_POINTER, 1, 0, NULL, CLOCK_MONOTONIC)));
	fd = sys_result(syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY));
	fprintf(facts, "uffd_ret=%ld\n", fd);
	if ((fd >= 0 && syscall(SYS_close, fd) != 0) ||
	    syscall(SYS_userfaultfd, WL_BAD_FLAGS) != -1 || errno != EINVAL)
		die("userfaultfd");
	fd = sys_result(syscall(SYS_memfd_secret, O_CLOEXEC));
	fprintf(facts, "secret_ret=%ld\n", fd);
	if (fd >= 0 && syscall(SYS_close, fd) != 0)
		die("memfd_secret");
	fprintf(facts, "secret_bad_ret=%ld\n", sys_result(syscall(SYS_memfd_secret, WL_BAD_FLAGS)));
}

static char wl_long_name[WL_UTS_NAME_MAX + 1];
static struct dqinfo wl_quota_info;

/*
 * The machine's settings, harmlessly, in a child made by a raw
 * clone(SIGCHLD): the host and domain names of a uts namespace of its own
 * (a name too long refused), a reboot with a wrong magic number and a
 * command that does not exist, a time with more microseconds than a second
 * has, a settimeofday that sets nothing, a clock that cannot be set and
 * one from a bad pointer, a swap area on a file that does not exist, the
 * quota information of a device that does not exist and a sync of every
 * file system's quotas (the last two's results are facts: a kernel may have
 * no swap, no quotas).
 */
static void machine_settings(FILE *facts)
{
	int status;
	long pid;

	memset(wl_long_name, 'h', sizeof(wl_long_name));
	fprintf(facts, "quota_info=%lu\n", (unsigned long)&wl_quota_info);
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		struct timeval bad_tv = { 0, WL_BAD_USEC };
		struct timespec zero = { 0, 0 };

		if (syscall(SYS_unshare, CLONE_NEWUTS) != 0 ||
		    syscall(SYS_sethostname, WL_HOSTNAME, sizeof(WL_HOSTNAME) - 1) != 0 ||
		    syscall(SYS_sethostname, wl_long_name, sizeof(wl_long_name)) != -1 ||
		    errno != EINVAL ||
		    syscall(SYS_setdomainname, WL_DOMAINNAME, sizeof(WL_DOMAINNAME) - 1) != 0)
			_exit(3);
		if (syscall(SYS_reboot, WL_BAD_MAGIC, LINUX_REBOOT_MAGIC2, WL_BAD_MAGIC, NULL) !=
			    -1 ||
		    errno != EINVAL)
			_exit(4);
		if (syscall(SYS_settimeofday, &bad_tv, NULL) != -1 || errno != EINVAL ||
		    syscall(SYS_settimeofday, NULL, NULL) != 0 ||
		    syscall(SYS_clock_settime, CLOCK_MONOTONIC, &zero) != -1 || errno != EINVAL ||
		    syscall(SYS_clock_settime, CLOCK_REALTIME, WL_BAD_POINTER) != -1 ||
		    errno != EFAULT)
			_exit(5);
		fprintf(facts, "swapon_ret=%ld\n", sys_result(syscall(SYS_swapon, WL_NO_EXE, 0)));
		fprintf(facts, "swapoff_ret=%ld\n", sys_result(syscall(SYS_swapoff, WL_NO_EXE)));
		fprintf(facts, "quota_info_ret=%ld\n",
			sys_result(syscall(SYS_quotactl, QCMD(Q_GETINFO, USRQUOTA), WL_NO_EXE, 0,
					   &wl_quota_info)));
		fprintf(facts, "quota_sync_ret=%ld\n",
			sys_result(syscall(SYS_quotactl, QCMD(Q_SYNC, USRQUOTA), NULL, 0, NULL)));
		fprintf(facts, "quota_fd_ret=%ld\n",
			sys_result(syscall(SYS_quotactl_fd, WL_BAD_FD, QCMD(Q_GETINFO, USRQUOTA), 0,
					   &wl_quota_info)));
		fflush(facts);
		_exit(WL_CHILD_STATUS);
	}
	fprintf(facts, "settings=%ld\n", pid);
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("machine settings child");
}

/*
 * File handles, in a child made by a raw clone(SIGCHLD): a handle of a file
 * of DIR (and one asked for with no room: EOVERFLOW, the size it needs and
 * FILEID_INVALID written back), the file opened again by the handle through a descriptor
 * of DIR, and through one that is not open. A file system may have no
 * handles (EOPNOTSUPP): the results, and what the open opened, are facts.
 */
static void file_handles(const char *dir, FILE *facts)
{
	char path[512];
	struct stat st;
	int status;
	long pid, fd;

	snprintf(path, sizeof(path), "%s/kcap-wl-%d.handle", dir, getpid());
	fd = syscall(SYS_openat, AT_FDCWD, path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
	if (fd < 0 || fstat((int)fd, &st) < 0 || syscall(SYS_close, fd) != 0)
		die("the file for a handle");
	fprintf(facts, "handle_path=%s\n", path);
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		struct {
			struct file_handle fh;
			unsigned char bytes[MAX_HANDLE_SZ];
		} h, none;
		int mount_id = 0;
		long r;

		memset(&h, 0, sizeof(h));
		memset(&none, 0, sizeof(none));
		h.fh.handle_bytes = MAX_HANDLE_SZ;
		r = sys_result(syscall(SYS_name_to_handle_at, AT_FDCWD, path, &h.fh, &mount_id, 0));
		fprintf(facts, "handle_ret=%ld\nhandle_bytes=%u\nhandle_type=%d\nmount_id=%d\n", r,
			r == 0 ? h.fh.handle_bytes : 0, r == 0 ? h.fh.handle_type : 0, mount_id);
		r = sys_result(
			syscall(SYS_name_to_handle_at, AT_FDCWD, path, &none.fh, &mount_id, 0));
		fprintf(facts,
			"handle_short_ret=%ld\nhandle_short_bytes=%u\nhandle_short_type=%d\n", r,
			none.fh.handle_bytes, none.fh.handle_type);
		fd = syscall(SYS_openat, AT_FDCWD, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
		if (fd < 0 || syscall(SYS_dup2, fd, WL_MOUNT_FD) != WL_MOUNT_FD)
			_exit(3);
		r = sys_result(syscall(SYS_open_by_handle_at, WL_MOUNT_FD, &h.fh, O_RDONLY));
		fprintf(facts, "open_handle_ret=%ld\n", r);
		if (r >= 0)
			fprintf(facts, "handle_file=\"%s\"\nhandle_dev=%lu\nhandle_ino=%lu\n", path,
				(unsigned long)st.st_dev, (unsigned long)st.st_ino);
		else
			fprintf(facts, "handle_file=null\nhandle_dev=0\nhandle_ino=0\n");
		fprintf(facts, "open_handle_bad_ret=%ld\n",
			sys_result(syscall(SYS_open_by_handle_at, WL_BAD_FD, &h.fh, O_RDONLY)));
		fflush(facts);
		_exit(WL_CHILD_STATUS);
	}
	fprintf(facts, "handles=%ld\n", pid);
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("file handles child");
	unlink(path);
}

static struct sembuf wl_sem_up = { 0, 1, 0 }, wl_sem_down2 = { 0, -2, IPC_NOWAIT };
static const struct timespec wl_sem_timeout = { 0, 1000000 };
static struct {
	long mtype;
	char mtext[8];
} wl_msg_out = { WL_MSG_TYPE, WL_MSG_TEXT }, wl_msg_in;

/*
 * For the semaphores child: a private message queue; a message sent, received
 * by its type, none left (ENOMSG), a send from an unmapped buffer (EFAULT),
 * the queue removed. Returns 0, or the step that went wrong.
 */
static int message_queues(FILE *facts)
{
	long id = syscall(SYS_msgget, IPC_PRIVATE, IPC_CREAT | 0600);

	fprintf(facts, "msg_id=%ld\nmsg_out=%lu\nmsg_in=%lu\n", id, (unsigned long)&wl_msg_out,
		(unsigned long)&wl_msg_in);
	fflush(facts);
	if (id < 0)
		return 10;
	if (syscall(SYS_msgsnd, id, &wl_msg_out, strlen(WL_MSG_TEXT), 0) != 0)
		return 11;
	if (syscall(SYS_msgrcv, id, &wl_msg_in, sizeof(wl_msg_in.mtext), WL_MSG_TYPE, IPC_NOWAIT) !=
	    (long)strlen(WL_MSG_TEXT))
		return 12;
	if (syscall(SYS_msgrcv, id, &wl_msg_in, sizeof(wl_msg_in.mtext), 0, IPC_NOWAIT) != -1 ||
	    errno != ENOMSG)
		return 13;
	if (syscall(SYS_msgsnd, id, WL_BAD_POINTER, 4, IPC_NOWAIT) != -1 || errno != EFAULT)
		return 14;
	if (syscall(SYS_msgctl, id, IPC_RMID, NULL) != 0)
		return 15;
	return 0;
}

/*
 * For the semaphores child: a private shared memory segment made (a key
 * that has none), attached read-only (an unaligned address refused),
 * detached (twice: the second refused), removed. Returns WL_CHILD_STATUS,
 * or the step that failed.
 */
static int shared_memory(FILE *facts)
{
	long id, at;

	id = syscall(SYS_shmget, IPC_PRIVATE, WL_SHM_LEN, IPC_CREAT | 0600);
	at = id < 0 ? -1 : syscall(SYS_shmat, id, NULL, SHM_RDONLY);
	fprintf(facts, "shm_id=%ld\nshm_at=%ld\n", id, at);
	fflush(facts);
	if (at == -1 || syscall(SYS_shmget, WL_SEM_KEY, WL_SHM_LEN, 0) != -1 || errno != ENOENT ||
	    syscall(SYS_shmat, id, 1, 0) != -1 || errno != EINVAL)
		return 10;
	if (syscall(SYS_shmdt, at) != 0 || syscall(SYS_shmdt, at) != -1 || errno != EINVAL ||
	    syscall(SYS_shmctl, id, IPC_RMID, NULL) != 0)
		return 11;
	return WL_CHILD_STATUS;
}

/*
 * System V semaphores in an IPC namespace of a child's own (nothing outlives
 * it): a private set made, a key that has none, the semaphore raised and a
 * lowering past zero refused, its value read, the set removed and no longer
 * there; then shared memory.
 */
static void semaphores(FILE *facts)
{
	int status;
	long pid;

	fprintf(facts, "sem_up=%lu\nsem_down2=%lu\n", (unsigned long)&wl_sem_up,
		(unsigned long)&wl_sem_down2);
	fflush(facts);
	pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
	if (pid < 0)
		die("clone");
	if (pid == 0) {
		long id;
		int ret;

		if (syscall(SYS_unshare, CLONE_NEWIPC) != 0)
			_exit(3);
		id = syscall(SYS_semget, IPC_PRIVATE, 1, IPC_CREAT | 0600);
		fprintf(facts, "sem_id=%ld\n", id);
		fflush(facts);
		if (id < 0 || syscall(SYS_semget, WL_SEM_KEY, 1, 0) != -1 || errno != ENOENT)
			_exit(4);
		if (syscall(SYS_semop, id, &wl_sem_up, 1) != 0 ||
		    syscall(SYS_semop, id, &wl_sem_down2, 1) != -1 || errno != EAGAIN ||
		    syscall(SYS_semtimedop, id, &wl_sem_down2, 1, &wl_sem_timeout) != -1 ||
		    errno != EAGAIN)
			_exit(5);
		if (syscall(SYS_semctl, id, 0, GETVAL, 0) != 1 ||
		    syscall(SYS_semctl, id, 0, IPC_RMID, 0) != 0 ||
		    syscall(SYS_semctl, id, 0, GETVAL, 0) != -1 || errno != EINVAL)
			_exit(6);
		ret = message_queues(facts);
		_exit(ret ? ret : shared_memory(facts));
	}
	fprintf(facts, "ipc=%ld\n", pid);
	if (waitpid((pid_t)pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != WL_CHILD_STATUS)
		die("semaphores child");
}

/*
 * What a traced process might do to hide: a payload after zero-length iovecs,
 * an argv longer than the bytes kept (each event must say it was cut), syscall
 * numbers no table names (each must be an event).
 */
static void hiding(void)
{
	static char long_arg[WL_LONG_ARG_LEN + 1];
	struct iovec iov[WL_PAD_IOVECS + 1];
	char *long_argv[WL_LONG_ARGS + 1];
	char *const envp[] = { NULL };
	long fd;

	memset(iov, 0, sizeof(iov));
	for (int i = 0; i < WL_PAD_IOVECS; i++)
		iov[i].iov_base = (void *)WL_DATA;
	iov[WL_PAD_IOVECS].iov_base = (void *)WL_DATA;
	iov[WL_PAD_IOVECS].iov_len = sizeof(WL_DATA) - 1;
	fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_WRONLY, 0);
	if (fd < 0 || syscall(SYS_writev, fd, iov, WL_PAD_IOVECS + 1) != sizeof(WL_DATA) - 1)
		die("writev after padding");
	syscall(SYS_close, fd);
	memset(long_arg, 'a', WL_LONG_ARG_LEN);
	for (int i = 0; i < WL_LONG_ARGS; i++)
		long_argv[i] = long_arg;
	long_argv[WL_LONG_ARGS] = NULL;
	if (syscall(SYS_execve, WL_NO_EXE, long_argv, envp) != -1 || errno != ENOENT)
		die("execve with a long argv");
	/* numbers outside the name table, beyond it, and of the x32 ABI: ENOSYS here */
	if (syscall(WL_UNNAMED_NR, 1, 2, 3, 4, 5, 6) != -1 ||
	    syscall(WL_BEYOND_NR, 1, 2, 3, 4, 5, 6) != -1 ||
	    syscall(WL_X32_BIT | SYS_getpid, 1, 2, 3, 4, 5, 6) != -1)
		die("syscalls that do not exist");
}

/*
 * Last: a chroot, which must not change how paths read (they stay absolute in
 * the mount namespace, the root is a parameter of its own), then a failed
 * exec that reports them.
 */
static void jail(const char *dir, FILE *facts)
{
	char path[512];
	char *const argv[] = { (char *)"wl", NULL };
	char *const envp[] = { NULL };

	snprintf(path, sizeof(path), "%s/kcap-wl-%d.jail", dir, getpid());
	fprintf(facts, "jail=%s\n", path);
	fflush(facts);
	if (mkdir(path, 0700) < 0 || syscall(SYS_chroot, path) < 0 || chdir("/") < 0)
		die("chroot");
	if (syscall(SYS_execve, WL_NO_EXE, argv, envp) != -1 || errno != ENOENT)
		die("execve in the chroot");
}

int main(int argc, char **argv)
{
	char self[512];
	ssize_t n;
	FILE *facts;

	if (argc >= 2 && strcmp(argv[1], "--child") == 0)
		syscall(SYS_exit_group, WL_CHILD_STATUS);
	if (argc != 3) {
		fprintf(stderr, "usage: workload DIR FACTS | workload --child\n");
		return 2;
	}
	/* Inherited descriptors would shift the fd numbers the test asserts. */
	syscall(SYS_close_range, 3, ~0u, 0);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		die("readlink /proc/self/exe");
	self[n] = '\0';
	facts = fopen(argv[2], "w");
	if (!facts)
		die("facts file");
	fprintf(facts, "pid=%d\nppid=%d\n", getpid(), getppid());
	if (!getcwd(self + n + 1, sizeof(self) - (size_t)n - 1))
		die("getcwd");
	fprintf(facts, "cwd=%s\n", self + n + 1);
	files(argv[1], facts);
	inodes(argv[1], facts);
	descriptors(argv[1], facts);
	data(argv[1], facts);
	network(facts);
	messages(argv[1], facts);
	rings(argv[1], facts);
	processes(self, facts);
	exec32(argv[1], facts);
	memory(facts);
	credentials(facts);
	namespaces(argv[1], facts);
	procs(facts);
	waits(facts);
	tracing(facts);
	keys_and_sandbox(facts);
	kernel_code(facts);
	private_memory(facts);
	machine_settings(facts);
	file_handles(argv[1], facts);
	semaphores(facts);
	hiding();
	jail(argv[1], facts);
	fclose(facts);
	return 0;
}
