// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The time-of-check race against a syscall monitor: one thread opens the path
 * in a buffer, over and over, while a second thread flips the buffer between
 * two names of the same length. What the monitor read of the name at enter or
 * exit may not be what the kernel opened; the file the descriptor is, is.
 *
 *   toctou DIR N OUT   N opens of DIR/secret or DIR/benign (as the race falls;
 *                      a name torn mid-flip fails); OUT gets the inode each
 *                      successful open really got, one per line
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static char name[2][512];
static char buf[512];
static size_t tail_at, tail_len;
static atomic_int stop;

/* Byte by byte through a volatile pointer: the compiler may not merge the stores. */
static void *flipper(void *arg)
{
	volatile char *b = buf;

	for (unsigned int i = 0; !atomic_load(&stop); i++)
		for (size_t j = tail_at; j < tail_at + tail_len; j++)
			b[j] = name[i & 1][j];
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t t;
	FILE *out;
	int n;

	if (argc != 4 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: toctou DIR N OUT\n");
		return 2;
	}
	snprintf(name[0], sizeof(name[0]), "%s/secret", argv[1]);
	snprintf(name[1], sizeof(name[1]), "%s/benign", argv[1]);
	tail_at = strlen(argv[1]) + 1;
	tail_len = strlen(name[0]) - tail_at;
	for (int i = 0; i < 2; i++) {
		int fd = open(name[i], O_CREAT | O_WRONLY, 0600);

		if (fd < 0) {
			perror(name[i]);
			return 2;
		}
		close(fd);
	}
	out = fopen(argv[3], "w");
	if (!out)
		return 2;
	memcpy(buf, name[0], sizeof(buf));
	pthread_create(&t, NULL, flipper, NULL);
	for (int i = 0; i < n; i++) {
		struct stat st;
		long fd = syscall(SYS_openat, AT_FDCWD, buf, O_RDONLY, 0);

		if (fd < 0)
			continue; /* a name torn mid-flip: no such file */
		if (fstat((int)fd, &st) < 0) {
			perror("fstat");
			return 2;
		}
		fprintf(out, "%lu\n", (unsigned long)st.st_ino);
		close((int)fd);
	}
	atomic_store(&stop, 1);
	pthread_join(t, NULL);
	fclose(out);
	return 0;
}
