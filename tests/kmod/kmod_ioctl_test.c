// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * Robustness tests of /dev/kcap (run in a VM with the module loaded, as root):
 *
 *   kmod_ioctl_test invalid    every ioctl and mmap with invalid arguments must
 *                              fail with the documented errno, and nothing else
 *   kmod_ioctl_test stall      a reader that never reads: small rings fill up
 *                              under a syscall storm, drops are counted, the
 *                              rings stay well-formed and the capture stops
 *   kmod_ioctl_test badtail    a reader that writes garbage tails: the kernel
 *                              must not write out of bounds (drops only)
 *   kmod_ioctl_test lockorder  mmap in one thread, ioctls whose argument faults
 *                              in another: no lock-order deadlock
 *
 * Prints "ok ..." / "FAIL ..." lines; exits 0 when all checks passed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "kcap_kmod_uapi.h"

static int failures;

#define CHECK(cond, ...)                 \
	do {                             \
		if (cond) {              \
			printf("ok   "); \
		} else {                 \
			printf("FAIL "); \
			failures++;      \
		}                        \
		printf(__VA_ARGS__);     \
		printf("\n");            \
	} while (0)

/* ioctl must fail with errno want. */
#define EXPECT_ERR(fd, req, arg, want)                                                     \
	do {                                                                               \
		int _r = ioctl(fd, req, arg);                                              \
		int _e = errno;                                                            \
		CHECK(_r < 0 && _e == (want), "%s(%s) -> %d %s (want %s)", #req, #arg, _r, \
		      _r < 0 ? strerror(_e) : "success", strerror(want));                  \
	} while (0)

#define EXPECT_OK(fd, req, arg)                                                         \
	do {                                                                            \
		int _r = ioctl(fd, req, arg);                                           \
		CHECK(_r == 0, "%s(%s) -> %s", #req, #arg, _r ? strerror(errno) : "0"); \
	} while (0)

static int open_dev(void)
{
	int fd = open(KCAP_KMOD_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		printf("FAIL open %s: %s\n", KCAP_KMOD_DEVICE_PATH, strerror(errno));
		exit(1);
	}
	return fd;
}

static void *const kernel_ptr = (void *)0xffffffff81000000ul;

/* A configuration the module accepts: every exit event of syscalls 0-63. */
static void valid_config(struct kcap_kconfig *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->settings.snaplen = KCAP_DEFAULT_SNAPLEN;
	memset(cfg->want, KCAP_WANT_EXIT, 64);
}
static void *const unmapped_ptr = (void *)0x10000ul;

/* KCAP_IOC_NS_THREADS: bad requests fail cleanly; in the initial namespace ids are global. */
static void test_ns_threads(int fd)
{
	static struct kcap_ns_thread list[64];
	struct kcap_ns_threads_req req = { .max = KCAP_KMOD_NS_THREADS_MAX + 1 };
	bool global = true, self = false;

	EXPECT_ERR(fd, KCAP_IOC_NS_THREADS, NULL, EFAULT);
	EXPECT_ERR(fd, KCAP_IOC_NS_THREADS, kernel_ptr, EFAULT);
	EXPECT_ERR(fd, KCAP_IOC_NS_THREADS, &req, EINVAL);
	req = (struct kcap_ns_threads_req){ .threads = (uintptr_t)unmapped_ptr, .max = 16 };
	EXPECT_ERR(fd, KCAP_IOC_NS_THREADS, &req, EFAULT);
	req = (struct kcap_ns_threads_req){ .threads = (uintptr_t)kernel_ptr, .max = 16 };
	EXPECT_ERR(fd, KCAP_IOC_NS_THREADS, &req, EFAULT);
	req = (struct kcap_ns_threads_req){ .max = 0 };
	EXPECT_OK(fd, KCAP_IOC_NS_THREADS, &req);
	CHECK(req.count > 1, "NS_THREADS with no buffer counts the threads: %u", req.count);
	req = (struct kcap_ns_threads_req){ .threads = (uintptr_t)list, .max = 64 };
	EXPECT_OK(fd, KCAP_IOC_NS_THREADS, &req);
	for (unsigned int i = 0; i < req.count && i < 64; i++) {
		global &= list[i].tid == list[i].ns_tid && list[i].pid == list[i].ns_pid;
		self |= list[i].pid == (uint32_t)getpid();
	}
	CHECK(req.count > 1 && global,
	      "NS_THREADS in the initial namespace: %u threads, ids global", req.count);
	CHECK(req.count > 64 || self, "NS_THREADS lists the caller (%u threads)", req.count);
}

static void test_invalid(void)
{
	long page = sysconf(_SC_PAGESIZE);
	struct kcap_kconfig cfg;
	struct kcap_kmod_info info;
	uint64_t size;
	uint32_t v32;
	int32_t pid;
	int fd = open_dev(), fd2;
	void *p;

	fd2 = open(KCAP_KMOD_DEVICE_PATH, O_RDWR);
	CHECK(fd2 < 0 && errno == EBUSY, "second open -> %s (want EBUSY)",
	      fd2 < 0 ? strerror(errno) : "success");
	if (fd2 >= 0)
		close(fd2);

	EXPECT_OK(fd, KCAP_IOC_API_VERSION, &v32);
	CHECK(v32 == KCAP_KMOD_API_VERSION, "API version %u", v32);
	EXPECT_ERR(fd, KCAP_IOC_API_VERSION, NULL, EFAULT);
	EXPECT_ERR(fd, KCAP_IOC_API_VERSION, kernel_ptr, EFAULT);
	EXPECT_ERR(fd, KCAP_IOC_GET_INFO, unmapped_ptr, EFAULT);
	EXPECT_ERR(fd, KCAP_IOC_GET_STATS, kernel_ptr, EFAULT);
	EXPECT_ERR(fd, _IO(KCAP_IOC_MAGIC, 77), NULL, ENOTTY);
	EXPECT_ERR(fd, _IOW('T', 1, int), NULL, ENOTTY);
	EXPECT_ERR(fd, 0, NULL, ENOTTY);
	EXPECT_ERR(fd, ~0u, NULL, ENOTTY);

	test_ns_threads(fd);

	/* nothing allocated yet */
	EXPECT_ERR(fd, KCAP_IOC_START, NULL, ENXIO);
	p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p == MAP_FAILED && errno == ENXIO, "mmap before alloc -> %s",
	      p == MAP_FAILED ? strerror(errno) : "mapped");

	size = 0;
	EXPECT_ERR(fd, KCAP_IOC_ALLOC, &size, EINVAL);
	size = 3 * 4096;
	EXPECT_ERR(fd, KCAP_IOC_ALLOC, &size, EINVAL);
	size = 2048;
	EXPECT_ERR(fd, KCAP_IOC_ALLOC, &size, EINVAL);
	size = 1ull << 40;
	EXPECT_ERR(fd, KCAP_IOC_ALLOC, &size, EINVAL);
	size = ~0ull;
	EXPECT_ERR(fd, KCAP_IOC_ALLOC, &size, EINVAL);
	EXPECT_ERR(fd, KCAP_IOC_ALLOC, NULL, EFAULT);
	EXPECT_ERR(fd, KCAP_IOC_ALLOC, kernel_ptr, EFAULT);

	valid_config(&cfg);
	cfg.settings.snaplen = 0;
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, &cfg, EINVAL);
	cfg.settings.snaplen = KCAP_MAX_PARAM_LEN + 1;
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, &cfg, EINVAL);
	cfg.settings.snaplen = ~0u;
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, &cfg, EINVAL);
	valid_config(&cfg);
	cfg.settings.capture_io_uring = 2;
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, &cfg, EINVAL);
	valid_config(&cfg);
	cfg.settings.filter_pids = 2;
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, &cfg, EINVAL);
	valid_config(&cfg);
	cfg.settings.other_syscalls = 0x10; /* no such class */
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, &cfg, EINVAL);
	valid_config(&cfg);
	cfg.want[3] = 0x80; /* no such want bit */
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, &cfg, EINVAL);
	valid_config(&cfg);
	cfg.want[0] |= KCAP_WANT_ENTER; /* read has no enter event */
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, &cfg, EINVAL);
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, unmapped_ptr, EFAULT);
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, NULL, EFAULT);
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, kernel_ptr, EFAULT);

	pid = 0;
	EXPECT_ERR(fd, KCAP_IOC_ADD_PID, &pid, EINVAL);
	pid = -1;
	EXPECT_ERR(fd, KCAP_IOC_ADD_PID, &pid, EINVAL);
	pid = 1 << 30;
	EXPECT_ERR(fd, KCAP_IOC_ADD_PID, &pid, EINVAL);
	EXPECT_ERR(fd, KCAP_IOC_ADD_PID, NULL, EFAULT);
	pid = 4194000; /* a valid number no process has */
	EXPECT_ERR(fd, KCAP_IOC_ADD_PID, &pid, ESRCH);

	/* a valid setup, then what is refused while running */
	size = 16384;
	EXPECT_OK(fd, KCAP_IOC_ALLOC, &size);
	EXPECT_ERR(fd, KCAP_IOC_ALLOC, &size, EBUSY);
	EXPECT_OK(fd, KCAP_IOC_GET_INFO, &info);
	CHECK(info.buffer_size == size && info.ncpus > 0, "info: %u CPUs, %llu-byte rings",
	      info.ncpus, (unsigned long long)info.buffer_size);

	/* mmap: bad offsets, lengths, protections */
	p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p == MAP_FAILED, "mmap MAP_PRIVATE control page refused");
	p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p == MAP_FAILED, "mmap 2-page control refused");
	p = mmap(NULL, 2 * size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, page);
	CHECK(p == MAP_FAILED && errno == EPERM, "mmap data writable -> %s",
	      p == MAP_FAILED ? strerror(errno) : "mapped");
	p = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, page);
	CHECK(p == MAP_FAILED, "mmap data with a wrong length refused");
	p = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, 2 * page);
	CHECK(p == MAP_FAILED, "mmap at a bad offset refused");
	p = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, (off_t)KCAP_KMOD_MMAP_CTL(info.ncpus));
	CHECK(p == MAP_FAILED, "mmap of CPU %u (does not exist) refused", info.ncpus);
	p = mmap(NULL, page, PROT_READ, MAP_SHARED, fd, (off_t)KCAP_KMOD_MMAP_CTL(4095));
	CHECK(p == MAP_FAILED, "mmap of CPU 4095 refused");
	p = mmap(NULL, 2 * size, PROT_READ, MAP_SHARED, fd, page);
	CHECK(p != MAP_FAILED, "mmap data read-only works");
	if (p != MAP_FAILED) {
		CHECK(mprotect(p, 2 * size, PROT_READ | PROT_WRITE) < 0,
		      "mprotect data writable refused");
		munmap(p, 2 * size);
	}

	valid_config(&cfg);
	EXPECT_OK(fd, KCAP_IOC_SET_CONFIG, &cfg);
	EXPECT_OK(fd, KCAP_IOC_START, NULL);
	EXPECT_ERR(fd, KCAP_IOC_START, NULL, EBUSY);
	EXPECT_ERR(fd, KCAP_IOC_SET_CONFIG, &cfg, EBUSY);
	pid = 1;
	EXPECT_OK(fd, KCAP_IOC_ADD_PID, &pid); /* the existing descendants of -p */
	EXPECT_ERR(fd, KCAP_IOC_CLEAR_PIDS, NULL, EBUSY);
	EXPECT_OK(fd, KCAP_IOC_STOP, NULL);
	EXPECT_OK(fd, KCAP_IOC_STOP, NULL);
	cfg.settings.snaplen = 100;
	EXPECT_OK(fd, KCAP_IOC_SET_CONFIG, &cfg);
	/* closing while started is fine too */
	EXPECT_OK(fd, KCAP_IOC_START, NULL);
	close(fd);
	fd = open_dev();
	CHECK(1, "reopen after close while started");
	close(fd);
}

struct ring {
	struct kcap_ring_ctl *ctl;
	const uint8_t *data;
};

/* Walks the events in [tail, head): every header sane, lengths add up. */
static int check_ring(struct ring *r, uint64_t size, unsigned int cpu)
{
	uint64_t head = __atomic_load_n(&r->ctl->head, __ATOMIC_ACQUIRE);
	uint64_t pos = r->ctl->tail;
	unsigned long n = 0;

	if (head - pos > size) {
		printf("FAIL cpu %u: head %llu tail %llu apart by more than %llu\n", cpu,
		       (unsigned long long)head, (unsigned long long)pos, (unsigned long long)size);
		return -1;
	}
	while (pos < head) {
		const struct kcap_evt_hdr *h =
			(const struct kcap_evt_hdr *)(r->data + (pos & (size - 1)));

		if (h->len < KCAP_HDR_SIZE || h->len > size || h->type >= KCAP_EV__COUNT ||
		    pos + ((h->len + 7) & ~7u) > head) {
			printf("FAIL cpu %u: bad event at %llu (len %u type %u)\n", cpu,
			       (unsigned long long)pos, h->len, h->type);
			return -1;
		}
		pos += (h->len + 7) & ~7u;
		n++;
	}
	printf("ok   cpu %u: %lu well-formed events in the full ring\n", cpu, n);
	return 0;
}

static pid_t start_storm(const char *storm, const char *secs)
{
	pid_t pid = fork();

	if (pid == 0) {
		execl(storm, storm, secs, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* A reader that maps the rings and never consumes; bad_tail: scribbles the tails. */
static void test_stall(const char *storm, int bad_tail)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t size = 4 * 4096;
	struct kcap_kconfig cfg;
	struct kcap_kmod_info info;
	struct kcap_kstats st;
	struct ring rings[64];
	int fd = open_dev(), status;
	unsigned int cpu;
	pid_t pid;

	EXPECT_OK(fd, KCAP_IOC_ALLOC, &size);
	EXPECT_OK(fd, KCAP_IOC_GET_INFO, &info);
	if (info.ncpus > 64)
		info.ncpus = 64;
	for (cpu = 0; cpu < info.ncpus; cpu++) {
		rings[cpu].ctl = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
				      (off_t)KCAP_KMOD_MMAP_CTL(cpu));
		rings[cpu].data = mmap(NULL, 2 * size, PROT_READ, MAP_SHARED, fd,
				       (off_t)KCAP_KMOD_MMAP_DATA(cpu, page));
		if (rings[cpu].ctl == MAP_FAILED || rings[cpu].data == MAP_FAILED) {
			printf("FAIL mmap ring of cpu %u: %s\n", cpu, strerror(errno));
			exit(1);
		}
		if (bad_tail)
			rings[cpu].ctl->tail = cpu ? ~0ull : 12345;
	}
	valid_config(&cfg);
	memset(cfg.want, KCAP_WANT_EXIT | KCAP_WANT_IA32, sizeof(cfg.want));
	cfg.settings.capture_procexit = 1;
	cfg.settings.other_syscalls = KCAP_OTHER_ALL;
	EXPECT_OK(fd, KCAP_IOC_SET_CONFIG, &cfg);
	EXPECT_OK(fd, KCAP_IOC_START, NULL);
	pid = start_storm(storm, "3");
	for (int i = 0; bad_tail && i < 2000; i++) {
		/* keep changing the tails under the writer */
		for (cpu = 0; cpu < info.ncpus; cpu++)
			rings[cpu].ctl->tail = (uint64_t)rand() * (i & 1 ? 1 : 4096);
		usleep(1000);
	}
	if (!bad_tail) {
		/* after STOP, nothing more is written */
		struct kcap_kstats a, b;

		sleep(1); /* the storm runs for 3 s */
		EXPECT_OK(fd, KCAP_IOC_STOP, NULL);
		/*
		 * A probe that saw the capture running just before STOP may still
		 * finish its event (kcap_probes_stop()); under emulation the vCPU
		 * running it can be descheduled for a while.
		 */
		usleep(200000);
		EXPECT_OK(fd, KCAP_IOC_GET_STATS, &a);
		sleep(1);
		EXPECT_OK(fd, KCAP_IOC_GET_STATS, &b);
		CHECK(a.events + a.drops_buffer_full == b.events + b.drops_buffer_full,
		      "no event after STOP (%llu then %llu)",
		      (unsigned long long)(a.events + a.drops_buffer_full),
		      (unsigned long long)(b.events + b.drops_buffer_full));
	}
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "storm ran (status 0x%x)", status);
	EXPECT_OK(fd, KCAP_IOC_STOP, NULL);
	EXPECT_OK(fd, KCAP_IOC_GET_STATS, &st);
	printf("     stats: events %llu, full %llu, too large %llu, internal %llu, faults %llu\n",
	       (unsigned long long)st.events, (unsigned long long)st.drops_buffer_full,
	       (unsigned long long)st.drops_too_large, (unsigned long long)st.drops_internal,
	       (unsigned long long)st.faults);
	CHECK(st.drops_buffer_full > 0, "buffer-full drops were counted");
	CHECK(st.drops_internal == 0, "no internal drops");
	if (!bad_tail) {
		uint64_t sum = 0;

		CHECK(st.events > 0, "events were delivered before the rings filled");
		for (cpu = 0; cpu < info.ncpus; cpu++) {
			if (check_ring(&rings[cpu], size, cpu))
				failures++;
			sum += rings[cpu].ctl->stats.drops_buffer_full;
		}
		CHECK(sum == st.drops_buffer_full, "per-CPU counters add up to the total");
	}
	for (cpu = 0; cpu < info.ncpus; cpu++) {
		munmap(rings[cpu].ctl, page);
		munmap((void *)rings[cpu].data, 2 * size);
	}
	close(fd);
}

/*
 * Two threads of one process: one maps and unmaps a ring (the kernel takes the
 * session lock under the mm's mmap lock), the other sends a configuration
 * from a page it has just mapped, so that reading it faults and needs the
 * mmap lock. A module that copied user memory under the session lock would
 * take the two locks in both orders and hang here.
 */
struct lockorder {
	int fd;
	long page;
	volatile int stop;
	unsigned long maps, configs;
};

static void *map_loop(void *arg)
{
	struct lockorder *lo = arg;

	while (!lo->stop) {
		void *p = mmap(NULL, lo->page, PROT_READ | PROT_WRITE, MAP_SHARED, lo->fd,
			       (off_t)KCAP_KMOD_MMAP_CTL(0));

		if (p != MAP_FAILED) {
			munmap(p, lo->page);
			lo->maps++;
		}
	}
	return NULL;
}

static void test_lockorder(void)
{
	struct lockorder lo = { .fd = open_dev(), .page = sysconf(_SC_PAGESIZE) };
	uint64_t size = 16384;
	time_t end = time(NULL) + 4;
	pthread_t mapper;

	EXPECT_OK(lo.fd, KCAP_IOC_ALLOC, &size);
	if (pthread_create(&mapper, NULL, map_loop, &lo)) {
		printf("FAIL cannot start the mapping thread\n");
		failures++;
		close(lo.fd);
		return;
	}
	while (time(NULL) < end) {
		size_t len = sizeof(struct kcap_kconfig) + (size_t)lo.page;
		struct kcap_kconfig *cfg =
			mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (cfg == MAP_FAILED)
			continue;
		/* not yet touched: the kernel's copy faults the pages in */
		ioctl(lo.fd, KCAP_IOC_SET_CONFIG, cfg);
		munmap(cfg, len);
		lo.configs++;
	}
	lo.stop = 1;
	pthread_join(mapper, NULL);
	CHECK(lo.maps > 0 && lo.configs > 0, "%lu maps and %lu configurations at once, no hang",
	      lo.maps, lo.configs);
	close(lo.fd);
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "invalid";
	const char *storm = argc > 2 ? argv[2] : "./kmod_storm";

	signal(SIGPIPE, SIG_IGN);
	if (strcmp(what, "invalid") == 0)
		test_invalid();
	else if (strcmp(what, "stall") == 0)
		test_stall(storm, 0);
	else if (strcmp(what, "badtail") == 0)
		test_stall(storm, 1);
	else if (strcmp(what, "lockorder") == 0)
		test_lockorder();
	else {
		fprintf(stderr, "usage: kmod_ioctl_test invalid|stall|badtail|lockorder [STORM]\n");
		return 2;
	}
	printf("%s: %d failure(s)\n", what, failures);
	return failures ? 1 : 0;
}
