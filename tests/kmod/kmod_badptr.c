// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Syscalls with invalid user pointers (NULL, unmapped, kernel addresses), for
 * running under a capture: every captured parameter read from them must come
 * out as a fault (or empty), the syscalls fail with EFAULT as usual, and the
 * kernel must stay healthy. Also strings and buffers that end right at an
 * unmapped page. Exits 0 when every syscall returned (whatever its result).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t bad[] = {
		0, 0x10000, 0xffffffff81000000ul, 0xffff888000000000ul, 0x7ffffffff000ul, ~0ul, 0
	};
	int rounds = argc > 1 ? atoi(argv[1]) : 3;
	char *edge;
	int fd, sock;

	/* a readable page followed by an unmapped one */
	edge = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (edge == MAP_FAILED)
		return 1;
	munmap(edge + page, page);
	memset(edge, 'A', page); /* no NUL before the hole */
	bad[6] = (uintptr_t)(edge + page - 3);

	fd = open("/dev/null", O_RDWR);
	sock = socket(AF_INET, SOCK_DGRAM, 0);
	for (int r = 0; r < rounds; r++) {
		for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			void *p = (void *)bad[i];
			struct iovec iov[2] = { { p, 16 }, { p, 16 } };
			char *argv2[] = { p, p, NULL };
			struct timespec ts0 = { 0, 0 };
			struct timeval tv0 = { 0, 0 };

			syscall(SYS_open, p, O_RDONLY, 0);
			syscall(SYS_openat, AT_FDCWD, p, O_RDONLY, 0);
			syscall(SYS_openat2, AT_FDCWD, "/dev/null", p, 24);
			syscall(SYS_openat2, AT_FDCWD, p, p, 24);
			syscall(SYS_creat, p, 0600);
			syscall(SYS_read, fd, p, 64);
			syscall(SYS_write, fd, p, 64);
			syscall(SYS_pread64, fd, p, 64, 0);
			syscall(SYS_pwrite64, fd, p, 64, 0);
			syscall(SYS_readv, fd, p, 2);
			syscall(SYS_writev, fd, p, 2);
			syscall(SYS_writev, fd, iov, 2);
			syscall(SYS_unlinkat, AT_FDCWD, p, 0);
			syscall(SYS_renameat2, AT_FDCWD, p, AT_FDCWD, p, 0);
			syscall(SYS_mkdirat, AT_FDCWD, p, 0700);
			syscall(SYS_execve, p, p, p);
			syscall(SYS_execve, "/nonexistent", argv2, NULL);
			syscall(SYS_execveat, AT_FDCWD, p, p, p, 0);
			syscall(SYS_connect, sock, p, 16);
			syscall(SYS_connect, sock, p, 100000);
			syscall(SYS_bind, sock, p, 16);
			syscall(SYS_sendto, sock, p, 16, 0, p, 16);
			syscall(SYS_recvfrom, sock, p, 16, MSG_DONTWAIT, p, p);
			syscall(SYS_accept, sock, p, p);
			syscall(SYS_accept4, sock, p, p, 0);
			syscall(SYS_clone3, p, 88);
			syscall(SYS_finit_module, -1, p, 0);
			/* zero timeouts: a NULL set or array never makes them wait */
			syscall(SYS_poll, p, 4, 0);
			syscall(SYS_ppoll, p, 4, &ts0, p, 8);
			syscall(SYS_select, 64, p, p, p, &tv0);
			syscall(SYS_pselect6, 64, p, p, p, &ts0, p);
			if (p) {
				syscall(SYS_ppoll, NULL, 0, p, NULL, 8);
				syscall(SYS_select, 0, NULL, NULL, NULL, p);
			}
			syscall(SYS_utimes, p, p);
			syscall(SYS_futimesat, AT_FDCWD, p, p);
			syscall(SYS_utime, p, p);
		}
	}
	printf("kmod_badptr: %d rounds done\n", rounds);
	return 0;
}
