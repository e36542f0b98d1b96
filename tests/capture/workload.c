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
#include <linux/io_uring.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "workload.h"

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
 * What no syscall tracepoint sees: an io_uring OPENAT of a file linked to an
 * UNLINKAT of it, through the raw ring interface (io_uring_setup, the rings
 * mapped, io_uring_enter).
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
	munmap(sqe, p.sq_entries * sizeof(*sqe));
	munmap(ring, len);
	syscall(SYS_close, rfd);
}

/*
 * Runs path in a child made by a raw clone(SIGCHLD) (like fork(), the same
 * syscall everywhere), with no environment; writes key=<its pid> to the facts
 * and expects it to exit with WL_CHILD_STATUS.
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
	fprintf(facts, "%s=%ld\n", key, pid);
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

static void memory(FILE *facts)
{
	void *p = (void *)syscall(SYS_mmap, NULL, WL_MAP_LEN, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	fprintf(facts, "map=%lu\n", (unsigned long)p);
	if (syscall(SYS_mprotect, p, WL_MAP_LEN, PROT_READ) < 0)
		die("mprotect");
	syscall(SYS_munmap, p, WL_MAP_LEN);
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
	network(facts);
	rings(argv[1], facts);
	processes(self, facts);
	exec32(argv[1], facts);
	memory(facts);
	hiding();
	jail(argv[1], facts);
	fclose(facts);
	return 0;
}
