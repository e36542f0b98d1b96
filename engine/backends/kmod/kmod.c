// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/*
 * The kmod backend: drives the kcap kernel module (kmod/) through /dev/kcap.
 * open() loads the module when it is installed but not loaded, checks its API
 * version, sends the configuration, allocates and maps one ring per possible
 * CPU; start() makes the module register its probes, stop() makes them idle.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "backends/backend.h"
#include "kmod_stream.h"
#include "kcap_kmod_uapi.h"
#include "state/pidns.h"

#define KMOD_HINT "modprobe kcap, or install it with DKMS: see README"

struct kmod {
	int fd;
	unsigned int ncpus;
	bool uring_wanted, uring_missing; /* io_uring submissions asked for, and not there */
	struct kcap_stream **streams;
};

static void kmod_close(void *priv)
{
	struct kmod *m = priv;

	if (!m)
		return;
	for (unsigned int cpu = 0; m->streams && cpu < m->ncpus; cpu++)
		kcap_kmod_stream_close(m->streams[cpu]);
	free(m->streams);
	if (m->fd >= 0)
		close(m->fd); /* stops the probes and frees the rings */
	free(m);
}

/* True if the module is installed for the running kernel (listed by depmod). */
static bool module_installed(void)
{
	char path[256], line[512];
	struct utsname u;
	bool found = false;
	FILE *f;

	if (uname(&u) < 0)
		return false;
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", u.release);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, "/kcap.ko") && strchr(line, ':') &&
			strstr(line, "/kcap.ko") < strchr(line, ':');
	fclose(f);
	return found;
}

/*
 * The module is installed (DKMS) but not loaded: load it. Only reached when the
 * user asked for kmod or auto. Returns the modprobe exit status, or -errno.
 */
static int load_module(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);

		if (devnull >= 0) {
			dup2(devnull, STDOUT_FILENO);
			dup2(devnull, STDERR_FILENO);
		}
		execl("/sbin/modprobe", "modprobe", "kcap", (char *)NULL);
		execlp("modprobe", "modprobe", "kcap", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	if (!WIFEXITED(status))
		return -EINTR;
	/* devtmpfs creates the node at once; udev may need a moment */
	for (int i = 0; WEXITSTATUS(status) == 0 && i < 50; i++) {
		struct stat st;

		if (stat(KCAP_KMOD_DEVICE_PATH, &st) == 0)
			break;
		usleep(20000);
	}
	return WEXITSTATUS(status);
}

/* Opens the device and explains every way it can be missing or unusable. */
static int open_device(char *err, size_t errlen)
{
	struct stat st;
	int fd;

	if (stat(KCAP_KMOD_DEVICE_PATH, &st) < 0 && access("/proc/modules", F_OK) == 0 &&
	    access("/sys/module/kcap", F_OK) != 0 && module_installed()) {
		int status = load_module();

		if (status != 0) {
			snprintf(
				err, errlen,
				"kmod: the kcap module is installed but 'modprobe kcap' failed (%s "
				"%d): see dmesg; on Secure Boot hosts the DKMS key must be enrolled",
				status < 0 ? "error" : "exit status",
				status < 0 ? -status : status);
			return status < 0 ? status : -ENOEXEC;
		}
	}
	if (stat(KCAP_KMOD_DEVICE_PATH, &st) < 0) {
		int ret = -errno;

		if (access("/sys/module/kcap", F_OK) == 0)
			snprintf(
				err, errlen,
				"kmod: the kcap module is loaded but %s does not exist (no devtmpfs "
				"or udev?): create it from /sys/class/misc/kcap/dev",
				KCAP_KMOD_DEVICE_PATH);
		else if (access("/proc/modules", F_OK) != 0)
			snprintf(err, errlen,
				 "kmod: %s not found, and this kernel cannot load modules (no "
				 "/proc/modules: built without CONFIG_MODULES): use the modern or "
				 "legacy backend",
				 KCAP_KMOD_DEVICE_PATH);
		else
			snprintf(err, errlen,
				 "kmod: %s not found: the kcap module is not loaded (" KMOD_HINT
				 ")",
				 KCAP_KMOD_DEVICE_PATH);
		return ret;
	}
	fd = open(KCAP_KMOD_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		int ret = -errno;

		if (ret == -EBUSY)
			snprintf(err, errlen,
				 "kmod: %s is in use by another capture (one reader at a time)",
				 KCAP_KMOD_DEVICE_PATH);
		else if (ret == -EACCES || ret == -EPERM)
			snprintf(err, errlen, "kmod: cannot open %s: %s (run as root)",
				 KCAP_KMOD_DEVICE_PATH, strerror(-ret));
		else
			snprintf(err, errlen, "kmod: cannot open %s: %s", KCAP_KMOD_DEVICE_PATH,
				 strerror(-ret));
		return ret;
	}
	return fd;
}

static int check_version(int fd, char *err, size_t errlen)
{
	__u32 version = 0;

	if (ioctl(fd, KCAP_IOC_API_VERSION, &version) < 0) {
		int ret = -errno;

		snprintf(err, errlen,
			 "kmod: %s does not answer the kcap API version request (%s): is it the "
			 "kcap module? reinstall it (" KMOD_HINT ")",
			 KCAP_KMOD_DEVICE_PATH, strerror(-ret));
		return ret;
	}
	if (version != KCAP_KMOD_API_VERSION) {
		snprintf(err, errlen,
			 "kmod: the loaded kcap module speaks API version %u but this kcap (%s) "
			 "needs version %u: install the module of this kcap version (rmmod kcap, "
			 "then " KMOD_HINT ")",
			 version, KCAP_VERSION, KCAP_KMOD_API_VERSION);
		return -EPROTO;
	}
	return 0;
}

/* ioctl with an error message naming the request. */
static int kmod_ioctl(struct kmod *m, unsigned long req, void *arg, const char *what, char *err,
		      size_t errlen)
{
	if (ioctl(m->fd, req, arg) < 0) {
		int ret = -errno;

		snprintf(err, errlen, "kmod: %s failed: %s", what, strerror(-ret));
		return ret;
	}
	return 0;
}

static int kmod_add_pids(void *priv, const int *pids, size_t n, char *err, size_t errlen)
{
	int ret = 0;

	for (size_t i = 0; !ret && i < n; i++) {
		__s32 pid = pids[i];

		ret = kmod_ioctl(priv, KCAP_IOC_ADD_PID, &pid, "adding a pid to the filter", err,
				 errlen);
	}
	return ret;
}

/*
 * The module lists the threads of the caller's pid namespace; a list that
 * grew between two calls is asked for again, a few times.
 */
static int kmod_ns_threads(void *priv, struct kcap_ns_thread **list, size_t *n, char *err,
			   size_t errlen)
{
	struct kcap_ns_threads_req req = { .max = 4096 };
	struct kmod *m = priv;

	*list = NULL;
	*n = 0;
	if (kcap_pidns_is_initial())
		return -EOPNOTSUPP;
	for (int attempt = 0; attempt < 4; attempt++) {
		struct kcap_ns_thread *buf = calloc(req.max, sizeof(*buf));
		int ret;

		if (!buf)
			return -ENOMEM;
		req.threads = (__u64)(uintptr_t)buf;
		ret = kmod_ioctl(m, KCAP_IOC_NS_THREADS, &req,
				 "listing the threads of kcap's pid namespace", err, errlen);
		if (ret == -ENOTTY)
			ret = -EOPNOTSUPP; /* a module without the request */
		if (ret) {
			free(buf);
			return ret;
		}
		if (req.count <= req.max || req.max == KCAP_KMOD_NS_THREADS_MAX) {
			*list = buf;
			*n = req.count < req.max ? req.count : req.max;
			return 0;
		}
		free(buf);
		req.max = req.count + req.count / 4; /* room for those born meanwhile */
		if (req.max > KCAP_KMOD_NS_THREADS_MAX)
			req.max = KCAP_KMOD_NS_THREADS_MAX;
	}
	snprintf(err, errlen,
		 "kmod: the threads of kcap's pid namespace kept changing while listed");
	return -EAGAIN;
}

static int configure(struct kmod *m, const struct kcap_config *cfg, char *err, size_t errlen)
{
	int ret = kmod_ioctl(m, KCAP_IOC_SET_CONFIG, (void *)&cfg->kernel,
			     "setting the capture's configuration", err, errlen);

	return ret ? ret : kmod_add_pids(m, cfg->pids, cfg->npids, err, errlen);
}

static int map_rings(struct kmod *m, const struct kcap_config *cfg, char *err, size_t errlen)
{
	__u64 size = cfg->buffer_bytes;
	int ret;

	if (ioctl(m->fd, KCAP_IOC_ALLOC, &size) < 0) {
		ret = -errno;
		snprintf(err, errlen, "kmod: cannot allocate %lu-byte rings for %u CPUs: %s%s",
			 cfg->buffer_bytes, m->ncpus, strerror(-ret),
			 ret == -ENOMEM ? " (try a smaller --buffer-size)" : "");
		return ret;
	}
	m->streams = calloc(m->ncpus, sizeof(struct kcap_stream *));
	if (!m->streams)
		return -ENOMEM;
	for (unsigned int cpu = 0; cpu < m->ncpus; cpu++) {
		m->streams[cpu] = kcap_kmod_stream_open(m->fd, cpu, size, err, errlen);
		if (!m->streams[cpu])
			return -ENOMEM;
	}
	return 0;
}

static int kmod_open(const struct kcap_config *cfg, void **priv, char *err, size_t errlen)
{
	struct kcap_kmod_info info;
	struct kmod *m;
	int ret;

	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->fd = open_device(err, errlen);
	if (m->fd < 0) {
		ret = m->fd;
		goto fail;
	}
	ret = check_version(m->fd, err, errlen);
	if (ret)
		goto fail;
	memset(&info, 0, sizeof(info));
	ret = kmod_ioctl(m, KCAP_IOC_GET_INFO, &info, "reading the module's parameters", err,
			 errlen);
	if (ret)
		goto fail;
	if (info.ncpus == 0 || info.ncpus > KCAP_MAX_CPUS ||
	    info.max_syscalls != KCAP_MAX_SYSCALLS) {
		snprintf(err, errlen,
			 "kmod: the module reports %u CPUs and %u syscalls: unsupported",
			 info.ncpus, info.max_syscalls);
		ret = -EPROTO;
		goto fail;
	}
	m->ncpus = info.ncpus;
	m->uring_wanted = cfg->kernel.settings.capture_io_uring;
	m->uring_missing = !(info.features & KCAP_KMOD_FEATURE_IO_URING);
	ret = configure(m, cfg, err, errlen);
	if (!ret)
		ret = map_rings(m, cfg, err, errlen);
	if (ret)
		goto fail;
	*priv = m;
	return 0;
fail:
	kmod_close(m);
	return ret;
}

static int kmod_start(void *priv, char *err, size_t errlen)
{
	struct kmod *m = priv;
	int ret = kmod_ioctl(m, KCAP_IOC_START, NULL, "starting the capture (registering probes)",
			     err, errlen);

	if (ret)
		return ret;
	*err = '\0'; /* the warnings */
	if (m->uring_wanted && m->uring_missing)
		kcap_warn_no_uring(err, errlen, "kmod",
				   "the module was built for a kernel without an io_uring "
				   "submission tracepoint, or this kernel lacks it");
	return 0;
}

static int kmod_stop(void *priv)
{
	struct kmod *m = priv;

	return ioctl(m->fd, KCAP_IOC_STOP) < 0 ? -errno : 0;
}

static struct kcap_stream **kmod_streams(void *priv, unsigned int *n)
{
	struct kmod *m = priv;

	*n = m->ncpus;
	return m->streams;
}

static int kmod_kstats(void *priv, struct kcap_kstats *sum)
{
	struct kmod *m = priv;

	memset(sum, 0, sizeof(*sum));
	return ioctl(m->fd, KCAP_IOC_GET_STATS, sum) < 0 ? -errno : 0;
}

const struct kcap_backend_ops kcap_backend_kmod = {
	.name = "kmod",
	.open = kmod_open,
	.start = kmod_start,
	.stop = kmod_stop,
	.add_pids = kmod_add_pids,
	.ns_threads = kmod_ns_threads,
	.streams = kmod_streams,
	.kstats = kmod_kstats,
	.close = kmod_close,
};
