// SPDX-License-Identifier: (GPL-2.0-only OR MIT)
/* /proc reads of descriptors and start times (proc_fd.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "kcap.h"
#include "proc_fd.h"

ssize_t kcap_proc_fd_link(const char *proc_root, uint32_t pid, uint32_t tid, int fd, char *out,
			  size_t outlen)
{
	char path[128];
	ssize_t n;

	if (!proc_root || outlen < 2)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/%u/task/%u/fd/%d", proc_root, pid, tid, fd);
	n = readlink(path, out, outlen - 1);
	if (n < 0)
		return -errno;
	out[n] = '\0';
	return n;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

/* The inode of "socket:[INODE]", or 0. */
static uint64_t bracketed_inode(const char *s, size_t len, size_t from)
{
	uint64_t ino = 0;
	size_t i = from;

	if (len < from + 2 || s[len - 1] != ']')
		return 0;
	for (; i < len - 1; i++) {
		if (s[i] < '0' || s[i] > '9' || ino > UINT64_MAX / 10)
			return 0;
		ino = ino * 10 + (uint64_t)(s[i] - '0');
	}
	return i == from ? 0 : ino;
}

int kcap_fd_link_kind(const char *link, size_t len, uint64_t *sock_ino)
{
	static const struct {
		const char *text;
		int kind;
	} anon[] = {
		{ "anon_inode:[eventfd]", KCAP_FD_EVENTFD },
		{ "anon_inode:[signalfd]", KCAP_FD_SIGNALFD },
		{ "anon_inode:[timerfd]", KCAP_FD_TIMERFD },
		{ "anon_inode:inotify", KCAP_FD_INOTIFY },
		{ "anon_inode:[eventpoll]", KCAP_FD_EPOLL },
	};

	*sock_ino = 0;
	if (starts_with(link, len, "socket:[")) {
		*sock_ino = bracketed_inode(link, len, strlen("socket:["));
		return KCAP_FD_SOCKET;
	}
	if (starts_with(link, len, "pipe:["))
		return KCAP_FD_PIPE;
	if (starts_with(link, len, "/memfd:"))
		return KCAP_FD_MEMFD;
	if (len && link[0] == '/')
		return KCAP_FD_FILE;
	for (size_t i = 0; i < sizeof(anon) / sizeof(anon[0]); i++)
		if (len == strlen(anon[i].text) && memcmp(link, anon[i].text, len) == 0)
			return anon[i].kind;
	return len ? KCAP_FD_ANON : KCAP_FD_UNKNOWN;
}

int kcap_parse_start_time(const char *stat, size_t len, uint64_t *start)
{
	const char *p = NULL, *end = stat + len;
	uint64_t v = 0;
	int field = 2; /* the command name's */

	for (size_t i = len; i > 0; i--) {
		if (stat[i - 1] == ')') {
			p = stat + i;
			break;
		}
	}
	if (!p)
		return -EINVAL;
	while (p < end && field < 22) {
		if (*p++ == ' ')
			field++;
	}
	if (field != 22 || p >= end || *p < '0' || *p > '9')
		return -EINVAL;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (v > UINT64_MAX / 10)
			return -EINVAL;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	*start = v;
	return 0;
}

int kcap_proc_start_time(const char *proc_root, uint32_t pid, uint64_t *start)
{
	char path[96], buf[1024];
	ssize_t n;
	int fd;

	if (!proc_root)
		return -ENOENT;
	snprintf(path, sizeof(path), "%s/%u/stat", proc_root, pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0)
		return -EIO;
	return kcap_parse_start_time(buf, (size_t)n, start);
}
