// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * A syscall storm on every CPU, for the kmod robustness tests:
 *   kmod_storm SECONDS [PROCS]   (PROCS default: the number of online CPUs)
 * Each process is pinned to one CPU and loops over cheap syscalls that kcap
 * captures with parameters (openat, read, write, close, getppid, a failed
 * execve) until the time is up. Exits 0.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define MAX_PROCS 64
static pid_t children[MAX_PROCS];
static int nchildren;

/* Killing the storm kills all of it. */
static void on_term(int sig)
{
	for (int i = 0; i < nchildren; i++)
		kill(children[i], SIGKILL);
	_exit(128 + sig);
}

static void storm(int cpu, time_t end)
{
	cpu_set_t set;
	char buf[64];
	char *argv[] = { "kmod_storm_nonexistent", NULL };
	unsigned long n = 0;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
	while (time(NULL) < end) {
		int fd = open("/dev/zero", O_RDONLY);

		if (fd >= 0) {
			if (read(fd, buf, sizeof(buf)) < 0)
				_exit(2);
			close(fd);
		}
		getppid();
		close(-1);
		if (write(-1, buf, 8) >= 0)
			_exit(2);
		if ((n++ & 255) == 0)
			syscall(SYS_execve, "/nonexistent/kmod_storm", argv, NULL);
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	int secs = argc > 1 ? atoi(argv[1]) : 5;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int procs = argc > 2 ? atoi(argv[2]) : (int)ncpu;
	time_t end = time(NULL) + secs;
	int status, ret = 0;

	if (procs < 1 || procs > MAX_PROCS)
		procs = procs < 1 ? 1 : MAX_PROCS;
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	for (int i = 0; i < procs; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			signal(SIGTERM, SIG_DFL);
			signal(SIGINT, SIG_DFL);
			storm(i % (int)ncpu, end);
		}
		if (pid < 0) {
			perror("fork");
			on_term(0);
		}
		children[nchildren++] = pid;
	}
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			ret = 1;
	return ret;
}
